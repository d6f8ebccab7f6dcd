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

void
filters_wanted_uint(GpPid *opid, uint32_t code, uint32_t *cur)
{
    const GpPropValue *v = gp_pid_caps_query(opid, code, NULL);
    if (v && (v->type == GP_PROP_UINT || v->type >= GP_PROP_FIRST_ENUM) && v->value.uint)
        *cur = v->value.uint;
}

GpErr
filters_converter_configure(GpFilter *f, GpPid *ipid, bool is_remove, uint32_t stream_type,
                            GpPid **ipid_slot, GpPid **opid_slot, bool *done)
{
    *done = is_remove;
    if (is_remove) {
        if (ipid == *ipid_slot && *opid_slot)
            gp_pid_remove(*opid_slot);
        if (ipid == *ipid_slot)
            *ipid_slot = NULL;
        return GP_OK;
    }
    if (*ipid_slot && *ipid_slot != ipid)
        return GP_REQUIRES_NEW_INSTANCE;
    if (gp_pid_get_uint(ipid, GP_P_STREAM_TYPE, 0) != stream_type ||
        gp_pid_get_uint(ipid, GP_P_CODECID, 0) != GP_CODEC_RAW)
        return GP_NOT_SUPPORTED;
    if (!*opid_slot && !(*opid_slot = gp_pid_new(f)))
        return GP_OUT_OF_MEM;
    *ipid_slot = ipid;
    return GP_OK;
}
