/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The table of FFmpeg-backed filter classes (csrc/filters/filter_list.h), handed to the
 * registry in one of two ways (gp_filter.h): built with GP_FFMPEG_MODULE, the exported
 * entry point of the module libgpac_ffmpeg.so.<ABI> that the Python extension loads on first
 * use; without it, gp_registry_ffmpeg_classes itself, linked into the CLI and the C
 * tests. */
#include <gp/gp.h>

#define GP_FILTERS_FFMPEG 1
#define GP_FILTER(n) extern const GpFilterClass gp_filter_##n;
#include "../filters/filter_list.h"
#undef GP_FILTER

static const GpFilterClass *const ffmpeg_classes[] = {
#define GP_FILTER(n) &gp_filter_##n,
#include "../filters/filter_list.h"
#undef GP_FILTER
};
#define FFMPEG_NB_CLASSES ((uint32_t)(sizeof(ffmpeg_classes) / sizeof(ffmpeg_classes[0])))

#ifdef GP_FFMPEG_MODULE

/* the module's only exported symbol: the engine's own symbols stay undefined here and
 * bind to the extension that loads it */
__attribute__((visibility("default"))) const GpFilterModule *gp_filter_module_ffmpeg(void);

const GpFilterModule *
gp_filter_module_ffmpeg(void)
{
    static const GpFilterModule module = {
        .abi = GP_FILTER_MODULE_ABI,
        .class_size = sizeof(GpFilterClass),
        .arg_size = sizeof(GpArg),
        .cap_size = sizeof(GpCap),
        .nb_classes = FFMPEG_NB_CLASSES,
        .classes = ffmpeg_classes,
    };
    return &module;
}

#else

const GpFilterClass *const *
gp_registry_ffmpeg_classes(uint32_t *nb, const char **why)
{
    *nb = FFMPEG_NB_CLASSES;
    *why = NULL;
    return ffmpeg_classes;
}

#endif
