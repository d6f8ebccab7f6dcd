/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The registry of built-in filter classes: csrc/filters/filter_list.h included twice,
 * once for declarations and once for the table. Nothing here is mutable. */
#include <string.h>

#include "core.h"

#define GP_FILTER(n) extern const GpFilterClass gp_filter_##n;
#include "../filters/filter_list.h"
#undef GP_FILTER

static const GpFilterClass *const registry[] = {
#define GP_FILTER(n) &gp_filter_##n,
#include "../filters/filter_list.h"
#undef GP_FILTER
};

uint32_t
gp_registry_count(void)
{
    return sizeof(registry) / sizeof(registry[0]);
}

const GpFilterClass *
gp_registry_at(uint32_t i)
{
    return i < gp_registry_count() ? registry[i] : NULL;
}

const GpFilterClass *
gp_registry_find(const char *name)
{
    if (!name)
        return NULL;
    for (uint32_t i = 0; i < gp_registry_count(); i++)
        if (!strcmp(registry[i]->name, name))
            return registry[i];
    return NULL;
}
