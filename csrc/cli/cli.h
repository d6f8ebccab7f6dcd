/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private header of the native gpac program: the help printers of cli_help.c, used by
 * gpac_main.c. Not part of the engine API; nothing outside csrc/cli/ includes it. */
#ifndef GP_CLI_H
#define GP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <gp/gp.h>

/* Exit codes of the program. */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAIL = 1,      /* any error: bad usage, load failure, session error */
    CLI_EXIT_SIGNAL = 128,  /* plus the signal number (130 for Ctrl-C) */
};

/* Usage text (options and one example). threads: main. */
void cli_print_usage(FILE *out);

/* One line per registered filter: name and the first sentence of its help.
 * threads: main. */
void cli_print_filters(FILE *out);

/* Full help of one registered filter class: description, then every option with type,
 * default and allowed values. returns 0, or -1 (nothing printed) for an unknown name.
 * threads: main. */
int cli_print_filter_help(const char *name, FILE *out);

/* Progress display (cli_progress.c): started before run() when stderr is a terminal
 * or `force` (-progress); NULL when not shown. cli_progress_end ends the line once
 * run() returned; cli_progress_free after the session is destroyed (its task may
 * still point at it until then). transfer: full (cli_progress_free). threads: main. */
typedef struct CliProgress CliProgress;
CliProgress *cli_progress_start(GpSession *s, bool force);
void cli_progress_end(CliProgress *p);
void cli_progress_free(CliProgress *p);

#endif /* GP_CLI_H */
