/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Progress display of the native gpac program: one line on stderr ("Processing: 45%
 * (0:12.0 of 0:27.0)", or the media time reached when the duration is unknown),
 * updated at most twice a second from a main-thread task reading
 * gp_session_get_progress, and once more when the run ends. On a terminal it appears
 * on runs longer than a second and is rewritten in place; -progress asks for it from
 * the start, one line per update when stderr is not a terminal. */
#include <stdlib.h>
#include <unistd.h>

#include <gp/gp.h>

#include "cli.h"

#define CLI_PROGRESS_TICK_US 100000u   /* how often the task looks */
#define CLI_PROGRESS_DELAY_US 1000000u /* nothing shown on shorter runs */
#define CLI_PROGRESS_EVERY_US 500000u  /* at most two updates a second */

struct CliProgress {
    GpSession *session;
    bool tty;
    bool force;     /* -progress: no initial delay, final line always */
    bool shown;     /* a line was printed and not ended yet */
    bool printed;   /* at least one update was printed */
    uint64_t start_us, last_us;
};

static void
cli_progress_time(char *buf, size_t size, uint64_t us)
{
    uint64_t s = us / 1000000u;
    if (s >= 3600)
        snprintf(buf, size, "%u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
                 (unsigned)(s % 60));
    else
        snprintf(buf, size, "%u:%02u.%u", (unsigned)(s / 60), (unsigned)(s % 60),
                 (unsigned)(us / 100000u % 10));
}

static void
cli_progress_print(CliProgress *p)
{
    uint64_t pos = 0, dur = 0;
    char at[32], total[32];
    if (!gp_session_get_progress(p->session, &pos, &dur))
        return;
    cli_progress_time(at, sizeof(at), pos);
    if (dur) {
        cli_progress_time(total, sizeof(total), dur);
        unsigned pct = (unsigned)(pos >= dur ? 100 : pos * 100 / dur);
        fprintf(stderr, "%sProcessing: %3u%% (%s of %s)%s", p->tty ? "\r" : "", pct, at,
                total, p->tty ? "  " : "\n");
    } else {
        fprintf(stderr, "%sProcessing: %s%s", p->tty ? "\r" : "", at, p->tty ? "  " : "\n");
    }
    fflush(stderr);
    p->shown = p->tty;
    p->printed = true;
}

static int64_t
cli_progress_task(GpSession *s, void *udata)
{
    CliProgress *p = udata;
    uint64_t now = gp_sys_clock_us();
    /* the only task left: everything else is done, let run() return */
    if (gp_session_is_last_task(s) || gp_session_is_aborted(s))
        return -1;
    if ((p->force || now - p->start_us >= CLI_PROGRESS_DELAY_US) &&
        (!p->last_us || now - p->last_us >= CLI_PROGRESS_EVERY_US)) {
        p->last_us = now;
        cli_progress_print(p);
    }
    return CLI_PROGRESS_TICK_US;
}

CliProgress *
cli_progress_start(GpSession *s, bool force)
{
    bool tty = isatty(STDERR_FILENO) != 0;
    if (!force && !tty)
        return NULL;
    CliProgress *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->session = s;
    p->tty = tty;
    p->force = force;
    p->start_us = gp_sys_clock_us();
    if (gp_session_post_task(s, cli_progress_task, p, CLI_PROGRESS_TICK_US, "progress", true)) {
        free(p);
        return NULL;
    }
    return p;
}

void
cli_progress_end(CliProgress *p)
{
    if (!p || (!p->printed && !p->force))
        return;
    cli_progress_print(p); /* where the run ended */
    if (p->shown)
        fputc('\n', stderr);
    p->shown = false;
}

void
cli_progress_free(CliProgress *p)
{
    free(p);
}
