/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Property maps: a reference-counted list of (4CC code or custom name) -> owned value,
 * in insertion order. Maps hold 10 to 30 entries, so a growable array searched linearly
 * beats any index. No lock: the owner writes while it holds the only reference (see the
 * threads: note in gp_props.h); only the reference count and the live counter are atomic. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "gp/gp_props.h"

typedef struct PropEntry {
    uint32_t code; /* 4CC of a built-in property, 0 for a custom one */
    char *name;    /* custom name (owned), NULL for a built-in */
    GpPropValue value;
} PropEntry;

struct GpPropMap {
    atomic_uint refcount;
    uint32_t nb, alloc;
    PropEntry *entries;
};

/* Maps alive in the process, for the tests' leak checks (gp_counters_get). */
static atomic_llong propmap_live;

GpPropMap *
gp_propmap_new(void)
{
    GpPropMap *map = calloc(1, sizeof(*map));
    if (!map)
        return NULL;
    atomic_init(&map->refcount, 1);
    atomic_fetch_add_explicit(&propmap_live, 1, memory_order_relaxed);
    return map;
}

GpPropMap *
gp_propmap_ref(GpPropMap *map)
{
    if (map)
        atomic_fetch_add_explicit(&map->refcount, 1, memory_order_relaxed);
    return map;
}

void
gp_propmap_unref(GpPropMap *map)
{
    if (!map)
        return;
    /* release/acquire: the last owner sees every write made before the other unrefs */
    if (atomic_fetch_sub_explicit(&map->refcount, 1, memory_order_acq_rel) != 1)
        return;
    gp_propmap_clear(map);
    free(map->entries);
    free(map);
    atomic_fetch_sub_explicit(&propmap_live, 1, memory_order_relaxed);
}

uint32_t
gp_propmap_refcount(const GpPropMap *map)
{
    return map ? atomic_load_explicit(&((GpPropMap *)map)->refcount, memory_order_relaxed) : 0;
}

int64_t
gp_propmap_live_count(void)
{
    return atomic_load_explicit(&propmap_live, memory_order_relaxed);
}

/* The key of (code, name): built-in names and 4CCs become their code (API.md 3.1).
 * false when there is no key at all. */
static bool
propmap_key(uint32_t *code, const char **name)
{
    if (*code) {
        *name = NULL;
        return true;
    }
    if (!*name || !**name)
        return false;
    const GpPropInfo *info = gp_props_find(*name);
    if (info) {
        *code = info->code;
        *name = NULL;
    }
    return true;
}

static PropEntry *
propmap_find(const GpPropMap *map, uint32_t code, const char *name)
{
    for (uint32_t i = 0; i < map->nb; i++) {
        PropEntry *e = &map->entries[i];
        if (code ? e->code == code : (!e->code && !strcmp(e->name, name)))
            return e;
    }
    return NULL;
}

static void
propmap_remove(GpPropMap *map, PropEntry *e)
{
    uint32_t i = (uint32_t)(e - map->entries);
    gp_prop_value_reset(&e->value);
    free(e->name);
    /* keep the insertion order: enumeration order is visible to users */
    memmove(e, e + 1, (map->nb - i - 1) * sizeof(*e));
    map->nb--;
}

GpErr
gp_propmap_set(GpPropMap *map, uint32_t code, const char *name, const GpPropValue *v)
{
    if (!map || !propmap_key(&code, &name))
        return GP_BAD_PARAM;
    if (v && v->type == GP_PROP_FORBIDDEN)
        return GP_BAD_PARAM;
    PropEntry *e = propmap_find(map, code, name);
    if (!v) {
        if (e)
            propmap_remove(map, e);
        return GP_OK;
    }
    /* copy first, so a failure leaves the map as it was */
    GpPropValue copy;
    GpErr err = gp_prop_value_copy(&copy, v);
    if (err != GP_OK)
        return err;
    if (e) {
        gp_prop_value_reset(&e->value);
        e->value = copy;
        return GP_OK;
    }
    char *dup = name ? strdup(name) : NULL;
    if (name && !dup)
        goto oom;
    if (map->nb == map->alloc) {
        uint32_t alloc = map->alloc ? map->alloc * 2 : 8;
        PropEntry *entries = realloc(map->entries, alloc * sizeof(*entries));
        if (!entries)
            goto oom;
        map->entries = entries;
        map->alloc = alloc;
    }
    map->entries[map->nb++] = (PropEntry){.code = code, .name = dup, .value = copy};
    return GP_OK;
oom:
    free(dup);
    gp_prop_value_reset(&copy);
    return GP_OUT_OF_MEM;
}

const GpPropValue *
gp_propmap_get(const GpPropMap *map, uint32_t code, const char *name)
{
    if (!map || !propmap_key(&code, &name))
        return NULL;
    PropEntry *e = propmap_find(map, code, name);
    return e ? &e->value : NULL;
}

const GpPropValue *
gp_propmap_enum(const GpPropMap *map, uint32_t *idx, uint32_t *code, const char **name)
{
    if (!map || !idx || *idx >= map->nb)
        return NULL;
    const PropEntry *e = &map->entries[(*idx)++];
    if (code)
        *code = e->code;
    if (name) {
        const GpPropInfo *info = e->code ? gp_props_find_code(e->code) : NULL;
        *name = e->code ? (info ? info->name : NULL) : e->name;
    }
    return &e->value;
}

uint32_t
gp_propmap_count(const GpPropMap *map)
{
    return map ? map->nb : 0;
}

GpErr
gp_propmap_merge(GpPropMap *dst, const GpPropMap *src)
{
    if (!dst || !src)
        return GP_BAD_PARAM;
    if (dst == src)
        return GP_OK;
    for (uint32_t i = 0; i < src->nb; i++) {
        const PropEntry *e = &src->entries[i];
        GpErr err = gp_propmap_set(dst, e->code, e->name, &e->value);
        if (err != GP_OK)
            return err;
    }
    return GP_OK;
}

void
gp_propmap_clear(GpPropMap *map)
{
    if (!map)
        return;
    for (uint32_t i = 0; i < map->nb; i++) {
        gp_prop_value_reset(&map->entries[i].value);
        free(map->entries[i].name);
    }
    map->nb = 0;
}

GpPropMap *
gp_propmap_clone(const GpPropMap *map)
{
    if (!map)
        return NULL;
    GpPropMap *copy = gp_propmap_new();
    if (copy && gp_propmap_merge(copy, map) != GP_OK) {
        gp_propmap_unref(copy);
        return NULL;
    }
    return copy;
}
