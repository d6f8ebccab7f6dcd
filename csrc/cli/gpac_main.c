/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The native gpac program: parses `gpac [OPTIONS] -i SRC [FILTER ...] -o DST`, loads the
 * filters into one session in command-line order, runs it, and turns every failure into
 * one "gpac: ..." line on stderr and a non-zero exit. Help output is in cli_help.c; the
 * engine is used only through its public API (gp/gp.h). */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gp/gp.h>

#include "cli.h"

typedef enum CliSpecKind {
    CLI_SPEC_SOURCE,      /* -i URL */
    CLI_SPEC_DESTINATION, /* -o URL */
    CLI_SPEC_FILTER,      /* name[:opts] */
} CliSpecKind;

typedef struct CliSpec {
    CliSpecKind kind;
    const char *text; /* points into argv */
} CliSpec;

typedef struct CliOptions {
    CliSpec *specs; /* argc entries at most, in command-line order */
    int nb_specs;
    int nb_threads;
    bool print_graph;
    bool print_stats;
    bool progress; /* -progress: show progress even when stderr is not a terminal */
    bool quiet;    /* -quiet: no progress, no logs */
} CliOptions;

/* Result of argument parsing. */
typedef enum CliParse {
    CLI_PARSE_RUN,  /* build and run the session */
    CLI_PARSE_DONE, /* help or version printed: exit 0 */
    CLI_PARSE_FAIL, /* message printed: exit 1 */
} CliParse;

/* Signals are handled by a dedicated thread blocked in sigwait(), so the abort request
 * runs in an ordinary thread and may take the engine's locks (gp_session_abort is
 * documented "threads: any", not async-signal-safe). `session` is set while a session
 * exists and cleared under `lock` before it is destroyed. */
static struct {
    pthread_mutex_t lock;
    sigset_t set;
    GpSession *session;
    atomic_int caught; /* first signal received, 0 when none */
} cli_sig = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int
cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gpac: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_EXIT_FAIL;
}

/* ---- argument parsing ---- */

static bool
cli_parse_threads(const char *v, int *out)
{
    char *end = NULL;
    errno = 0;
    long n = v && *v ? strtol(v, &end, 10) : 0;
    if (!v || !*v || errno || *end || n < -1 || n > 1024)
        return false;
    *out = (int)n;
    return true;
}

/* Value of "-opt=value" or "-opt value" (advancing *i); NULL when missing. */
static const char *
cli_option_value(int argc, char **argv, int *i, const char *name)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (arg[n] == '=')
        return arg + n + 1;
    if (*i + 1 < argc) {
        *i += 1;
        return argv[*i];
    }
    return NULL;
}

static bool
cli_is_option(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(arg, name, n) && (arg[n] == 0 || arg[n] == '=');
}

/* -h, -h filters, -h NAME. */
static CliParse
cli_parse_help(int argc, char **argv, int i)
{
    const char *what = i + 1 < argc ? argv[i + 1] : NULL;
    if (!what || !strcmp(what, "filters")) {
        if (!what)
            cli_print_usage(stdout);
        cli_print_filters(stdout);
        return CLI_PARSE_DONE;
    }
    if (cli_print_filter_help(what, stdout) < 0) {
        cli_fail("unknown filter '%s' (gpac -h filters lists them)", what);
        return CLI_PARSE_FAIL;
    }
    return CLI_PARSE_DONE;
}

/* One option starting with '-' at argv[*i]. */
static CliParse
cli_parse_option(int argc, char **argv, int *i, CliOptions *o)
{
    const char *arg = argv[*i];
    if (!strcmp(arg, "-h") || !strcmp(arg, "-help") || !strcmp(arg, "--help"))
        return cli_parse_help(argc, argv, *i);
    if (!strcmp(arg, "-version") || !strcmp(arg, "--version")) {
        printf("gpac (native) %s\n", GP_VERSION);
        return CLI_PARSE_DONE;
    }
    if (!strcmp(arg, "-i") || !strcmp(arg, "-src") || !strcmp(arg, "-o") ||
        !strcmp(arg, "-dst")) {
        if (*i + 1 >= argc) {
            cli_fail("option %s needs a URL", arg);
            return CLI_PARSE_FAIL;
        }
        bool src = arg[1] == 'i' || arg[1] == 's';
        *i += 1;
        o->specs[o->nb_specs++] =
            (CliSpec){src ? CLI_SPEC_SOURCE : CLI_SPEC_DESTINATION, argv[*i]};
        return CLI_PARSE_RUN;
    }
    if (!strcmp(arg, "-progress") || !strcmp(arg, "-quiet")) {
        *(arg[1] == 'p' ? &o->progress : &o->quiet) = true;
        if (o->quiet)
            gp_log_set_tools_levels("all@quiet", false);
        return CLI_PARSE_RUN;
    }
    if (!strcmp(arg, "-graph") || !strcmp(arg, "-stats")) {
        *(arg[1] == 'g' ? &o->print_graph : &o->print_stats) = true;
        return CLI_PARSE_RUN;
    }
    if (cli_is_option(arg, "-logs")) {
        const char *v = cli_option_value(argc, argv, i, "-logs");
        GpErr e = v ? gp_log_set_tools_levels(v, false) : GP_BAD_PARAM;
        if (e != GP_OK) {
            cli_fail("invalid -logs value '%s': %s (expected tool[:tool]@level, levels "
                     "quiet|error|warning|info|debug)", v ? v : "", gp_strerror(e));
            return CLI_PARSE_FAIL;
        }
        return CLI_PARSE_RUN;
    }
    if (cli_is_option(arg, "-threads")) {
        const char *v = cli_option_value(argc, argv, i, "-threads");
        if (!cli_parse_threads(v, &o->nb_threads)) {
            cli_fail("invalid -threads value '%s' (expected an integer from -1 to 1024)",
                     v ? v : "");
            return CLI_PARSE_FAIL;
        }
        return CLI_PARSE_RUN;
    }
    cli_fail("unknown option '%s' (gpac -h prints the usage)", arg);
    return CLI_PARSE_FAIL;
}

static CliParse
cli_parse(int argc, char **argv, CliOptions *o)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        CliParse r;
        if (arg[0] == '-' && arg[1]) {
            r = cli_parse_option(argc, argv, &i, o);
        } else if (arg[0] == '@') {
            cli_fail("link directive '%s' is not supported: filters link by "
                     "capabilities", arg);
            r = CLI_PARSE_FAIL;
        } else if (!arg[0]) {
            cli_fail("empty filter description");
            r = CLI_PARSE_FAIL;
        } else {
            o->specs[o->nb_specs++] = (CliSpec){CLI_SPEC_FILTER, arg};
            r = CLI_PARSE_RUN;
        }
        if (r != CLI_PARSE_RUN)
            return r;
    }
    if (!o->nb_specs) {
        cli_fail("nothing to run: give at least one filter (gpac -h prints the usage)");
        return CLI_PARSE_FAIL;
    }
    return CLI_PARSE_RUN;
}

/* ---- signals ---- */

static void *
cli_signal_thread(void *arg)
{
    (void)arg;
    for (;;) {
        int sig = 0;
        if (sigwait(&cli_sig.set, &sig) != 0)
            continue;
        int expected = 0;
        bool first = atomic_compare_exchange_strong(&cli_sig.caught, &expected, sig);
        pthread_mutex_lock(&cli_sig.lock);
        GpSession *s = cli_sig.session;
        if (first && s) {
            static const char msg[] = "gpac: interrupted, stopping the session "
                                      "(again to quit at once)\n";
            (void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
            gp_session_abort(s, GP_FS_FLUSH_ALL);
        }
        pthread_mutex_unlock(&cli_sig.lock);
        if (!first || !s)
            _exit(CLI_EXIT_SIGNAL + sig);
    }
    return NULL;
}

/* Blocks SIGINT/SIGTERM in this thread (and so in the engine's workers, which inherit
 * the mask) and starts the thread that waits for them. */
static int
cli_signals_start(void)
{
    pthread_t th;
    sigemptyset(&cli_sig.set);
    sigaddset(&cli_sig.set, SIGINT);
    sigaddset(&cli_sig.set, SIGTERM);
    if (pthread_sigmask(SIG_BLOCK, &cli_sig.set, NULL) != 0)
        return -1;
    if (pthread_create(&th, NULL, cli_signal_thread, NULL) != 0)
        return -1;
    pthread_detach(th);
    return 0;
}

static void
cli_signals_attach(GpSession *s)
{
    pthread_mutex_lock(&cli_sig.lock);
    cli_sig.session = s;
    pthread_mutex_unlock(&cli_sig.lock);
}

/* ---- session ---- */

/* "gpac: <what> '<text>': <reason> (<error text>)", using the session's last error. */
static int
cli_fail_load(GpSession *s, const CliSpec *spec, GpErr err)
{
    static const char *const what[] = {"-i", "-o", "filter"};
    const GpErrorInfo *last = gp_session_last_error(s);
    const char *reason = last && last->reason[0] ? last->reason : gp_strerror(err);
    return cli_fail("%s '%s': %s (%s)", what[spec->kind], spec->text, reason,
                    gp_strerror(err));
}

static int
cli_load(GpSession *s, const CliOptions *o)
{
    for (int i = 0; i < o->nb_specs; i++) {
        const CliSpec *spec = &o->specs[i];
        GpErr err = GP_OK;
        GpFilter *f;
        if (spec->kind == CLI_SPEC_SOURCE)
            f = gp_session_load_source(s, spec->text, NULL, &err);
        else if (spec->kind == CLI_SPEC_DESTINATION)
            f = gp_session_load_destination(s, spec->text, NULL, &err);
        else
            f = gp_session_load_filter(s, spec->text, &err);
        if (!f)
            return cli_fail_load(s, spec, err ? err : GP_BAD_PARAM);
    }
    return CLI_EXIT_OK;
}

/* True when at least one filter of the session has an input PID, i.e. something was
 * linked. Unlinked PIDs are then a warning; with nothing linked the run did nothing. */
static bool
cli_anything_linked(GpSession *s)
{
    bool linked = false;
    gp_session_lock_filters(s, true);
    uint32_t n = gp_session_nb_filters(s);
    for (uint32_t i = 0; i < n && !linked; i++)
        linked = gp_filter_nb_inputs(gp_session_filter_at(s, i)) > 0;
    gp_session_lock_filters(s, false);
    return linked;
}

/* Exit code of a finished run: signals first, then run errors, then linking. */
static int
cli_check_run(GpSession *s, GpErr e)
{
    int sig = atomic_load(&cli_sig.caught);
    if (sig)
        return CLI_EXIT_SIGNAL + sig;
    const GpErrorInfo *last = gp_session_last_error(s);
    if (e < 0) {
        const char *reason = last->reason[0] ? last->reason : gp_strerror(e);
        if (last->url[0])
            return cli_fail("session failed on '%s': %s (%s)", last->url, reason,
                            gp_strerror(e));
        return cli_fail("session failed: %s (%s)", reason, gp_strerror(e));
    }
    uint32_t unlinked = gp_session_nb_unlinked(s);
    if (unlinked && !cli_anything_linked(s))
        return cli_fail("no filter could take the output: %u PID(s) not linked to any "
                        "destination (%s)", unlinked,
                        last->reason[0] ? last->reason : gp_strerror(GP_FILTER_NOT_FOUND));
    if (unlinked)
        fprintf(stderr, "gpac: warning: %u PID(s) not linked to any destination\n",
                unlinked);
    return CLI_EXIT_OK;
}

static int
cli_run(const CliOptions *o)
{
    if (cli_signals_start() < 0)
        return cli_fail("cannot install the signal handler: %s", strerror(errno));
    GpSession *s = gp_session_new(o->nb_threads, 0, NULL);
    if (!s)
        return cli_fail("cannot create the session (%s)", gp_strerror(GP_OUT_OF_MEM));
    cli_signals_attach(s);
    int rc = cli_load(s, o);
    CliProgress *progress = NULL;
    if (rc == CLI_EXIT_OK) {
        progress = o->quiet ? NULL : cli_progress_start(s, o->progress);
        GpErr e = gp_session_run(s);
        cli_progress_end(progress);
        fflush(stdout);
        if (o->print_graph)
            gp_session_print_graph(s, stderr);
        if (o->print_stats)
            gp_session_print_stats(s, stderr);
        rc = cli_check_run(s, e);
    }
    cli_signals_attach(NULL);
    gp_session_del(s);
    cli_progress_free(progress);
    return rc;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        cli_print_usage(stderr);
        return CLI_EXIT_FAIL;
    }
    CliOptions o = {0};
    o.specs = calloc((size_t)argc, sizeof(*o.specs));
    if (!o.specs)
        return cli_fail("%s", gp_strerror(GP_OUT_OF_MEM));
    CliParse p = cli_parse(argc, argv, &o);
    int rc = p == CLI_PARSE_DONE ? CLI_EXIT_OK : CLI_EXIT_FAIL;
    if (p == CLI_PARSE_RUN)
        rc = cli_run(&o);
    free(o.specs);
    if (fflush(stdout) != 0 && rc == CLI_EXIT_OK)
        rc = cli_fail("cannot write the output: %s", strerror(errno));
    return rc;
}
