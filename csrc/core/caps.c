/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Capability bundles: iterating them, and matching a property set against a filter's
 * input caps (API.md 4.7). The chain search that uses these is in graph.c. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core.h"

static bool
cap_in_bundle(const GpCap *c)
{
    return (c->flags & GP_CAPFLAG_IN_BUNDLE) != 0;
}

uint32_t
gp_caps_bundle_count(const GpCap *caps, uint32_t nb_caps)
{
    uint32_t nb = 0, pos = 0, start, end;
    while (gp__caps_next_bundle(caps, nb_caps, &pos, &start, &end))
        nb++;
    return nb;
}

bool
gp__caps_has_input(const GpCap *caps, uint32_t nb_caps)
{
    for (uint32_t i = 0; i < nb_caps; i++)
        if (cap_in_bundle(&caps[i]) && (caps[i].flags & GP_CAPFLAG_INPUT))
            return true;
    return false;
}

bool
gp__caps_has_output(const GpCap *caps, uint32_t nb_caps)
{
    for (uint32_t i = 0; i < nb_caps; i++)
        if (cap_in_bundle(&caps[i]) && (caps[i].flags & GP_CAPFLAG_OUTPUT))
            return true;
    return false;
}

static bool
prop_is_int(GpPropType t)
{
    return t == GP_PROP_UINT || t == GP_PROP_SINT || t == GP_PROP_LUINT ||
           t == GP_PROP_LSINT || t == GP_PROP_BOOL || t == GP_PROP_4CC ||
           t >= GP_PROP_FIRST_ENUM;
}

static int64_t
prop_as_int(const GpPropValue *v)
{
    switch (v->type) {
    case GP_PROP_SINT:
        return v->value.sint;
    case GP_PROP_LUINT:
        return (int64_t)v->value.luint;
    case GP_PROP_LSINT:
        return v->value.lsint;
    case GP_PROP_BOOL:
        return v->value.boolean;
    default:
        return v->value.uint;
    }
}

/* A string cap may list alternatives "mp4|m4v|m4a" (case-insensitive). */
static bool
string_cap_match(const char *cap, const char *val)
{
    if (!cap || !val)
        return false;
    size_t n = strlen(val);
    for (const char *p = cap; p;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && !strncasecmp(p, val, n))
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

bool
gp__cap_value_match(const GpPropValue *cap, const GpPropValue *val)
{
    if (prop_is_int(cap->type) && prop_is_int(val->type))
        return prop_as_int(cap) == prop_as_int(val);
    if (cap->type == GP_PROP_STRING && (val->type == GP_PROP_STRING || val->type == GP_PROP_NAME))
        return string_cap_match(cap->value.string, val->value.string);
    return gp_prop_value_equal(cap, val);
}

static bool
cap_same_key(const GpCap *a, const GpCap *b)
{
    if (a->code || b->code)
        return a->code == b->code;
    return a->name && b->name && !strcmp(a->name, b->name);
}

/* Checks every input property of bundle [start, end) plus the static input caps;
 * the key of `skip` (NULL: none) is not checked (gp__caps_query). */
static bool
bundle_match(const GpCap *caps, uint32_t nb, uint32_t start, uint32_t end,
             const GpPropMap *props, bool loaded, const GpCap *skip)
{
    for (uint32_t pass = 0; pass < 2; pass++) {
        uint32_t from = pass ? 0 : start, to = pass ? nb : end;
        for (uint32_t i = from; i < to; i++) {
            const GpCap *k = &caps[i];
            bool is_static = (k->flags & GP_CAPFLAG_STATIC) != 0;
            if (pass != is_static || !cap_in_bundle(k) || !(k->flags & GP_CAPFLAG_INPUT))
                continue;
            if (k->flags & GP_CAPFLAG_OPTIONAL)
                continue;
            if ((k->flags & GP_CAPFLAG_LOADED_FILTER) && !loaded)
                continue;
            if (skip && cap_same_key(k, skip))
                continue;
            /* evaluate each key once, at its first cap in the bundle */
            bool first = true;
            for (uint32_t j = from; j < i && first; j++)
                if (cap_same_key(&caps[j], k) && (caps[j].flags & GP_CAPFLAG_INPUT) &&
                    ((caps[j].flags & GP_CAPFLAG_STATIC) != 0) == is_static)
                    first = false;
            if (!first)
                continue;
            const GpPropValue *v = gp_propmap_get(props, k->code, k->code ? NULL : k->name);
            bool any_pos = false, pos_ok = false, excluded = false;
            for (uint32_t j = i; j < to; j++) {
                const GpCap *c = &caps[j];
                if (!cap_same_key(c, k) || !(c->flags & GP_CAPFLAG_INPUT) ||
                    ((c->flags & GP_CAPFLAG_STATIC) != 0) != is_static)
                    continue;
                if (c->flags & GP_CAPFLAG_PRESENT) {
                    any_pos = true;
                    pos_ok |= v != NULL;
                } else if (c->flags & GP_CAPFLAG_EXCLUDED) {
                    excluded |= v && gp__cap_value_match(&c->val, v);
                } else {
                    any_pos = true;
                    pos_ok |= v && gp__cap_value_match(&c->val, v);
                }
            }
            if (excluded || (any_pos && !pos_ok))
                return false;
        }
    }
    return true;
}

/* Next bundle [start, end) from *pos; bundles made only of STATIC caps are skipped
 * (static caps join every bundle). Returns 0 at the end. */
int
gp__caps_next_bundle(const GpCap *caps, uint32_t nb, uint32_t *pos, uint32_t *start,
                     uint32_t *end)
{
    uint32_t i = *pos;
    for (;;) {
        while (i < nb && !cap_in_bundle(&caps[i]))
            i++;
        if (i >= nb)
            return 0;
        uint32_t s = i;
        bool only_static = true;
        while (i < nb && cap_in_bundle(&caps[i])) {
            if (!(caps[i].flags & GP_CAPFLAG_STATIC))
                only_static = false;
            i++;
        }
        if (only_static)
            continue;
        *start = s;
        *end = i;
        *pos = i;
        return 1;
    }
}

/* A bundle takes input when it or the static caps declare an input cap. */
static bool
bundle_has_input(const GpCap *caps, uint32_t nb, uint32_t start, uint32_t end)
{
    for (uint32_t i = 0; i < nb; i++) {
        bool inside = i >= start && i < end;
        if (cap_in_bundle(&caps[i]) && (caps[i].flags & GP_CAPFLAG_INPUT) &&
            (inside || (caps[i].flags & GP_CAPFLAG_STATIC)))
            return true;
    }
    return false;
}

int
gp__caps_match(const GpCap *caps, uint32_t nb_caps, const GpPropMap *props, bool loaded)
{
    if (!props)
        return -1;
    if (!gp__caps_has_input(caps, nb_caps))
        return 0; /* no input caps: accepts everything */
    uint32_t pos = 0, start, end;
    int idx = 0;
    while (gp__caps_next_bundle(caps, nb_caps, &pos, &start, &end)) {
        if (bundle_has_input(caps, nb_caps, start, end) &&
            bundle_match(caps, nb_caps, start, end, props, loaded, NULL))
            return idx;
        idx++;
    }
    return -1;
}

/* First positive input cap for the key in a bundle (or the static caps) whose other
 * keys accept props. */
const GpPropValue *
gp__caps_query(const GpCap *caps, uint32_t nb_caps, const GpPropMap *props, bool loaded,
               uint32_t code, const char *name)
{
    GpCap key = {.code = code, .name = name};
    uint32_t pos = 0, start, end;
    if (!props || (!code && !name))
        return NULL;
    while (gp__caps_next_bundle(caps, nb_caps, &pos, &start, &end)) {
        if (!bundle_has_input(caps, nb_caps, start, end) ||
            !bundle_match(caps, nb_caps, start, end, props, loaded, &key))
            continue;
        for (uint32_t i = 0; i < nb_caps; i++) {
            const GpCap *c = &caps[i];
            bool inside = i >= start && i < end;
            if ((inside || (c->flags & GP_CAPFLAG_STATIC)) && cap_in_bundle(c) &&
                (c->flags & GP_CAPFLAG_INPUT) &&
                !(c->flags & (GP_CAPFLAG_EXCLUDED | GP_CAPFLAG_PRESENT)) &&
                !((c->flags & GP_CAPFLAG_LOADED_FILTER) && !loaded) && cap_same_key(c, &key))
                return &c->val;
        }
    }
    return NULL;
}

/* First non-excluded input cap on `code` in the first bundle (with the static caps)
 * that has one. */
const GpPropValue *
gp__caps_first_value(const GpCap *caps, uint32_t nb, uint32_t code)
{
    uint32_t pos = 0, start, end;
    while (gp__caps_next_bundle(caps, nb, &pos, &start, &end)) {
        for (uint32_t i = 0; i < nb; i++) {
            const GpCap *c = &caps[i];
            bool inside = i >= start && i < end;
            if (c->code == code && cap_in_bundle(c) && (c->flags & GP_CAPFLAG_INPUT) &&
                !(c->flags & (GP_CAPFLAG_EXCLUDED | GP_CAPFLAG_PRESENT)) &&
                (inside || (c->flags & GP_CAPFLAG_STATIC)))
                return &c->val;
        }
    }
    return NULL;
}
