/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The registry of built-in filter classes: the core ones in a static table built from
 * csrc/filters/filter_list.h, then the FFmpeg-backed ones, asked once from
 * gp_registry_ffmpeg_classes (linked in, or a module loaded on first use: see
 * gp_filter.h). Nothing here is mutable after that first call. */
#include <pthread.h>
#include <string.h>

#include "core.h"

#define GP_FILTERS_CORE 1
#define GP_FILTER(n) extern const GpFilterClass gp_filter_##n;
#include "../filters/filter_list.h"
#undef GP_FILTER

static const GpFilterClass *const registry_core[] = {
#define GP_FILTER(n) &gp_filter_##n,
#include "../filters/filter_list.h"
#undef GP_FILTER
};
#define REGISTRY_NB_CORE ((uint32_t)(sizeof(registry_core) / sizeof(registry_core[0])))
#undef GP_FILTERS_CORE

/* names only: what gp_registry_missing_reason can explain when the provider failed */
#define GP_FILTERS_FFMPEG 1
static const char *const registry_ffmpeg_names[] = {
#define GP_FILTER(n) #n,
#include "../filters/filter_list.h"
#undef GP_FILTER
};
#undef GP_FILTERS_FFMPEG

static pthread_once_t registry_once = PTHREAD_ONCE_INIT;
static const GpFilterClass *const *registry_ffmpeg;
static uint32_t registry_nb_ffmpeg;
static const char *registry_ffmpeg_why;

static void
registry_load_ffmpeg(void)
{
    uint32_t nb = 0;
    const char *why = NULL;
    const GpFilterClass *const *classes = gp_registry_ffmpeg_classes(&nb, &why);
    registry_ffmpeg = classes;
    registry_nb_ffmpeg = classes ? nb : 0;
    registry_ffmpeg_why = classes ? NULL : why ? why : "FFmpeg filters unavailable";
}

static void
registry_ready(void)
{
    pthread_once(&registry_once, registry_load_ffmpeg);
}

uint32_t
gp_registry_count(void)
{
    registry_ready();
    return REGISTRY_NB_CORE + registry_nb_ffmpeg;
}

const GpFilterClass *
gp_registry_at(uint32_t i)
{
    if (i < REGISTRY_NB_CORE)
        return registry_core[i];
    registry_ready();
    i -= REGISTRY_NB_CORE;
    return i < registry_nb_ffmpeg ? registry_ffmpeg[i] : NULL;
}

const GpFilterClass *
gp_registry_find(const char *name)
{
    if (!name)
        return NULL;
    /* a core name never needs the FFmpeg classes (nor their loading) */
    for (uint32_t i = 0; i < REGISTRY_NB_CORE; i++)
        if (!strcmp(registry_core[i]->name, name))
            return registry_core[i];
    registry_ready();
    for (uint32_t i = 0; i < registry_nb_ffmpeg; i++)
        if (!strcmp(registry_ffmpeg[i]->name, name))
            return registry_ffmpeg[i];
    return NULL;
}

const char *
gp_registry_missing_reason(const char *name)
{
    if (!name || gp_registry_find(name) || !registry_ffmpeg_why)
        return NULL;
    for (size_t i = 0; i < sizeof(registry_ffmpeg_names) / sizeof(registry_ffmpeg_names[0]); i++)
        if (!strcmp(registry_ffmpeg_names[i], name))
            return registry_ffmpeg_why;
    return NULL;
}
