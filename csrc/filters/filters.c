/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the built-in filters (see filters.h). */
#include "filters.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

const char *
filters_url_local_path(const char *url)
{
    if (!url)
        return NULL;
    if (!strncasecmp(url, "file://", 7))
        return url + 7;
    if (!strncasecmp(url, "file:", 5))
        return url + 5;
    return strstr(url, "://") ? NULL : url;
}

int
filters_open_dest(const char *dst, const char *mode, FILE **fp)
{
    *fp = NULL;
    if (!dst || !*dst)
        return EINVAL;
    if (!strcmp(dst, "null"))
        return 0;
    if (!strcmp(dst, "std") || !strcmp(dst, "stdout")) {
        *fp = stdout;
        return 0;
    }
    if (!strcmp(dst, "stderr")) {
        *fp = stderr;
        return 0;
    }
    const char *path = filters_url_local_path(dst);
    if (!path || !*path)
        return EINVAL;
    *fp = fopen(path, mode);
    return *fp ? 0 : errno;
}

int
filters_close_dest(FILE *fp)
{
    if (!fp)
        return 0;
    if (fp == stdout || fp == stderr)
        return fflush(fp) ? errno : 0;
    return fclose(fp) ? errno : 0;
}
