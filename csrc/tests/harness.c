/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The C test runner: forks one child per case for --all, prints one line per case and
 * a closing "N passed, N failed" line that ctest logs and CI reads. */
#include "harness.h"
#include "test_filters.h"

#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <unistd.h>

void
gp_test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    exit(1);
}

void
gp_test_assert_clean(const char *file, int line)
{
    GpCounters c;
    gp_counters_get(&c);
    if (c.sessions || c.filters || c.pids || c.packets || c.propmaps || c.tasks)
        gp_test_fail(file, line,
                     "engine not clean: sessions=%lld filters=%lld pids=%lld packets=%lld "
                     "propmaps=%lld tasks=%lld",
                     (long long)c.sessions, (long long)c.filters, (long long)c.pids,
                     (long long)c.packets, (long long)c.propmaps, (long long)c.tasks);
}

static int
run_in_child(const GpTestCase *tc)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        tc->fn();
        /* exit(), not _exit(): LeakSanitizer checks at exit */
        exit(0);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "  killed by signal %d\n", WTERMSIG(status));
        return -1;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int
gp_test_run(const GpTestCase *cases, unsigned nb, int argc, char **argv)
{
    unsigned passed = 0, failed = 0;
    int all = argc < 2 || !strcmp(argv[1], "--all");
    for (unsigned i = 0; i < nb; i++) {
        if (!all) {
            int wanted = 0;
            for (int a = 1; a < argc; a++)
                if (!strcmp(argv[a], cases[i].name))
                    wanted = 1;
            if (!wanted)
                continue;
            cases[i].fn(); /* in-process, for a debugger */
            printf("ok %s\n", cases[i].name);
            passed++;
            continue;
        }
        int rc = run_in_child(&cases[i]);
        printf("%s %s\n", rc ? "FAIL" : "ok", cases[i].name);
        if (rc)
            failed++;
        else
            passed++;
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}

/* ---- Session helpers ---- */

static void
watchdog_fired(int sig)
{
    static const char msg[] = "watchdog: the case did not finish in time (hang?)\n";
    (void)sig;
    if (write(2, msg, sizeof(msg) - 1) < 0)
        _exit(2);
    _exit(1);
}

void
gp_test_watchdog(unsigned seconds)
{
    signal(SIGALRM, watchdog_fired);
    alarm(seconds);
}

GpSession *
gp_test_session_new(int nb_threads, uint32_t flags)
{
    gp_test_watchdog(30);
    GpSession *s = gp_session_new(nb_threads, flags, NULL);
    if (!s)
        gp_test_fail(__FILE__, __LINE__, "gp_session_new(%d, %u) failed", nb_threads, flags);
    return s;
}

GpFilter *
gp_test_load(GpSession *s, const GpFilterClass *cls, const char *args)
{
    GpErr e = GP_OK;
    GpFilter *f = gp_session_load_class(s, cls, args, &e);
    if (!f || e != GP_OK)
        gp_test_fail(__FILE__, __LINE__, "cannot load %s:%s: %s (%s)", cls->name,
                     args ? args : "", gp_err_name(e), gp_session_last_error(s)->reason);
    return f;
}

void
gp_test_chain_new(GpTestChain *c, int nb_threads, uint32_t flags, const char *src_args,
                  const GpFilterClass *cls, const char *args, const char *sink_args)
{
    memset(c, 0, sizeof(*c));
    c->s = gp_test_session_new(nb_threads, flags);
    c->src = gp_test_load(c->s, &tf_tsrc, src_args);
    if (cls)
        c->filter = gp_test_load(c->s, cls, args);
    c->sink = gp_test_load(c->s, &tf_tsink, sink_args);
}

GpErr
gp_test_chain_run(GpTestChain *c)
{
    return gp_session_run(c->s);
}

void
gp_test_chain_del(GpTestChain *c)
{
    gp_session_del(c->s);
    memset(c, 0, sizeof(*c));
}

void
gp_test_assert_sequence(const char *file, int line, GpFilter *sink, uint32_t pid_idx,
                        uint32_t nb, uint32_t size)
{
    TsinkCtx *ctx = gp_filter_priv(sink);
    uint32_t n = 0;
    if (pid_idx >= ctx->npids)
        gp_test_fail(file, line, "sink has %u inputs, no input %u", ctx->npids, pid_idx);
    if (ctx->nb_pck > TF_MAX_REC)
        gp_test_fail(file, line, "sink got %u packets, more than recorded", ctx->nb_pck);
    for (uint32_t i = 0; i < ctx->nb_pck; i++) {
        if (ctx->pck_pid[i] != pid_idx)
            continue;
        if (ctx->dts[i] != n || ctx->cts[i] != n)
            gp_test_fail(file, line, "packet %u of input %u: dts %llu cts %llu, expected %u",
                         n, pid_idx, (unsigned long long)ctx->dts[i],
                         (unsigned long long)ctx->cts[i], n);
        if (ctx->size[i] != size)
            gp_test_fail(file, line, "packet %u of input %u: size %u, expected %u", n,
                         pid_idx, ctx->size[i], size);
        if (size && (ctx->first_byte[i] != (int)(n & 0xff) || !ctx->bytes_ok[i]))
            gp_test_fail(file, line, "packet %u of input %u: payload byte %d (uniform %d), "
                         "expected %u", n, pid_idx, ctx->first_byte[i], ctx->bytes_ok[i],
                         n & 0xff);
        n++;
    }
    if (n != nb)
        gp_test_fail(file, line, "input %u got %u packets, expected %u", pid_idx, n, nb);
}
