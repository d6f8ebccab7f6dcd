/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Help output of the native gpac program: usage, the filter list (gpac -h filters) and
 * one filter's options (gpac -h NAME). Reads the registry only; running a session is
 * gpac_main.c's job. */
#include <string.h>

#include <gp/gp.h>

#include "cli.h"

void
cli_print_usage(FILE *out)
{
    fprintf(out,
            "Usage: gpac [OPTIONS] -i SRC [FILTER ...] [-o DST]\n"
            "\n"
            "Builds a filter session from the command line and runs it until every\n"
            "filter is done. Filters are written name[:opt=value[:opt2...]]; a source\n"
            "or destination is a URL with optional :options.\n"
            "\n"
            "  -i, -src URL     load a source for URL (a file, or avgen for a test pattern)\n"
            "  -o, -dst URL     load a destination for URL\n"
            "  -h [filters]     list the available filters\n"
            "  -h NAME          print the options of filter NAME\n"
            "  -logs=SPEC       log levels, tool[:tool]@level[:...] (e.g. all@info)\n"
            "  -threads=N       extra worker threads (-1: one per core minus one; default 0)\n"
            "  -graph           print the filter graph to stderr once the session ends\n"
            "  -stats           print per-filter statistics to stderr once the session ends\n"
            "  -progress        show progress on stderr even when it is not a terminal\n"
            "  -quiet           no progress display and no logs\n"
            "  -version         print the version\n"
            "\n"
            "Example: gpac -i avgen:dur=2 inspect\n");
}

/* Length of the first sentence of a help text: up to the first newline or the first
 * ". " (the period kept), so the list stays one line per filter. */
static size_t
cli_first_sentence(const char *help)
{
    size_t n = strcspn(help, "\n");
    const char *dot = strstr(help, ". ");
    if (dot && (size_t)(dot - help) + 1 < n)
        n = (size_t)(dot - help) + 1;
    return n;
}

void
cli_print_filters(FILE *out)
{
    uint32_t n = gp_registry_count();
    fprintf(out, "Available filters (%u); gpac -h NAME prints one filter's options:\n", n);
    for (uint32_t i = 0; i < n; i++) {
        const GpFilterClass *cls = gp_registry_at(i);
        if (!cls)
            continue;
        const char *help = cls->help ? cls->help : "";
        fprintf(out, "  %-12s %.*s\n", cls->name, (int)cli_first_sentence(help), help);
    }
}

int
cli_print_filter_help(const char *name, FILE *out)
{
    const GpFilterClass *cls = gp_registry_find(name);
    if (!cls)
        return -1;
    gp_filter_class_print_help(cls, out);
    return 0;
}
