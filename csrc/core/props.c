/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The table of built-in properties (generated from props.tsv into props_table.h) with
 * its lookups by name and by 4CC, the property type names, and the life of one typed
 * value: deep copy, reset, comparison. Text parsing is in props_parse.c, the name tables
 * of stream types, codecs and formats in props_names.c, property maps in propmap.c. */
#include <stdlib.h>
#include <string.h>

#include "gp/gp_props.h"

#include "props_table.h"

#define NB_PROPS ((uint32_t)(sizeof(props_table) / sizeof(props_table[0])))

/* ---- built-in property table ---- */

uint32_t
gp_props_count(void)
{
    return NB_PROPS;
}

const GpPropInfo *
gp_props_at(uint32_t i)
{
    return i < NB_PROPS ? &props_table[i] : NULL;
}

const GpPropInfo *
gp_props_find_code(uint32_t code)
{
    uint32_t lo = 0, hi = NB_PROPS;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t c = props_table[props_by_code[mid]].code;
        if (c == code)
            return &props_table[props_by_code[mid]];
        if (c < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Lower bound, so that a name listed twice in props.tsv (ContentLightLevel, SEILoaded...)
 * resolves to its first row, the PID property, as GPAC's linear scan does. */
static const GpPropInfo *
props_find_name(const char *name)
{
    uint32_t lo = 0, hi = NB_PROPS;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (strcmp(props_table[props_by_name[mid]].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < NB_PROPS && !strcmp(props_table[props_by_name[lo]].name, name))
        return &props_table[props_by_name[lo]];
    return NULL;
}

const GpPropInfo *
gp_props_find(const char *name)
{
    if (!name || !*name)
        return NULL;
    const GpPropInfo *info = props_find_name(name);
    if (info)
        return info;
    if (!strcmp(name, "PID"))
        return gp_props_find_code(GP_P_ID);
    if (strlen(name) == 4)
        return gp_props_find_code(GP_4CC(name[0], name[1], name[2], name[3]));
    return NULL;
}

/* ---- type names ---- */

/* Index = GpPropType. The CLI spellings of API.md 1.4.3; the NO_COPY / NAME / CONST
 * variants share the spelling of what a setter stores them as, except that "cstr" and
 * "cmem" name NAME and CONST_DATA as GPAC's help does. */
static const char *const type_names[GP_PROP_LAST_DEFINED] = {
    [GP_PROP_SINT] = "sint",
    [GP_PROP_UINT] = "uint",
    [GP_PROP_LSINT] = "lsint",
    [GP_PROP_LUINT] = "luint",
    [GP_PROP_BOOL] = "bool",
    [GP_PROP_FRACTION] = "frac",
    [GP_PROP_FRACTION64] = "lfrac",
    [GP_PROP_FLOAT] = "flt",
    [GP_PROP_DOUBLE] = "dbl",
    [GP_PROP_VEC2I] = "v2di",
    [GP_PROP_VEC2] = "v2d",
    [GP_PROP_VEC3I] = "v3di",
    [GP_PROP_VEC4I] = "v4di",
    [GP_PROP_STRING] = "str",
    [GP_PROP_STRING_NO_COPY] = "cstr",
    [GP_PROP_DATA] = "mem",
    [GP_PROP_NAME] = "cstr",
    [GP_PROP_DATA_NO_COPY] = "cmem",
    [GP_PROP_CONST_DATA] = "cmem",
    [GP_PROP_POINTER] = "ptr",
    [GP_PROP_STRING_LIST] = "strl",
    [GP_PROP_UINT_LIST] = "uintl",
    [GP_PROP_SINT_LIST] = "sintl",
    [GP_PROP_VEC2I_LIST] = "v2il",
    [GP_PROP_4CC] = "4cc",
    [GP_PROP_4CC_LIST] = "4ccl",
    [GP_PROP_STRING_LIST_COPY] = "strl",
    [GP_PROP_PIXFMT] = "pfmt",
    [GP_PROP_PCMFMT] = "afmt",
    [GP_PROP_CICP_COL_PRIM] = "cprm",
    [GP_PROP_CICP_COL_TFC] = "ctfc",
    [GP_PROP_CICP_COL_MX] = "cmxc",
    [GP_PROP_CICP_LAYOUT] = "alay",
};

const char *
gp_prop_type_name(GpPropType type)
{
    if ((unsigned)type >= GP_PROP_LAST_DEFINED || !type_names[type])
        return "forbidden";
    return type_names[type];
}

GpPropType
gp_prop_type_parse(const char *name)
{
    if (!name)
        return GP_PROP_FORBIDDEN;
    /* two spellings name two types each: "cstr" reads as NAME (the type of Language in
     * props.tsv), "cmem" as CONST_DATA; otherwise the lowest type wins ("strl") */
    static const GpPropType preferred[] = {GP_PROP_NAME, GP_PROP_CONST_DATA};
    for (size_t i = 0; i < sizeof(preferred) / sizeof(preferred[0]); i++)
        if (!strcmp(name, type_names[preferred[i]]))
            return preferred[i];
    for (int t = 1; t < GP_PROP_LAST_DEFINED; t++)
        if (type_names[t] && !strcmp(type_names[t], name))
            return (GpPropType)t;
    return GP_PROP_FORBIDDEN;
}

/* ---- values ---- */

/* What a stored copy of a value of this type is. */
static GpPropType
owned_type(GpPropType t)
{
    switch (t) {
    case GP_PROP_STRING_NO_COPY:
    case GP_PROP_NAME: return GP_PROP_STRING;
    case GP_PROP_DATA_NO_COPY:
    case GP_PROP_CONST_DATA: return GP_PROP_DATA;
    case GP_PROP_STRING_LIST_COPY: return GP_PROP_STRING_LIST;
    default: return t;
    }
}

static void *
dup_mem(const void *src, size_t size)
{
    /* one spare zero byte: data read as text stays terminated */
    uint8_t *p = malloc(size + 1);
    if (!p)
        return NULL;
    if (size)
        memcpy(p, src, size);
    p[size] = 0;
    return p;
}

static GpErr
copy_string_list(GpPropValue *dst, const GpPropValue *src)
{
    uint32_t nb = src->value.string_list.nb;
    char **vals = calloc(nb ? nb : 1, sizeof(char *));
    if (!vals)
        return GP_OUT_OF_MEM;
    for (uint32_t i = 0; i < nb; i++) {
        const char *s = src->value.string_list.vals[i];
        vals[i] = strdup(s ? s : "");
        if (!vals[i]) {
            while (i--)
                free(vals[i]);
            free(vals);
            return GP_OUT_OF_MEM;
        }
    }
    dst->value.string_list.vals = vals;
    dst->value.string_list.nb = nb;
    return GP_OK;
}

/* false for a count or size with a NULL array (v of an owned type). */
static bool
holds_its_bytes(const GpPropValue *v)
{
    switch (v->type) {
    case GP_PROP_DATA: return v->value.data.ptr || !v->value.data.size;
    case GP_PROP_STRING_LIST: return v->value.string_list.vals || !v->value.string_list.nb;
    case GP_PROP_UINT_LIST:
    case GP_PROP_4CC_LIST:
    case GP_PROP_SINT_LIST:
    case GP_PROP_VEC2I_LIST: return v->value.uint_list.vals || !v->value.uint_list.nb;
    default: return true;
    }
}

GpErr
gp_prop_value_copy(GpPropValue *dst, const GpPropValue *src)
{
    GpPropValue v = *src;
    size_t elt = 0;
    v.type = owned_type(src->type);
    if (!holds_its_bytes(&v)) {
        memset(dst, 0, sizeof(*dst));
        return GP_BAD_PARAM; /* a size without bytes: a caller bug, never read NULL */
    }
    switch (v.type) {
    case GP_PROP_STRING:
        v.value.string = src->value.string ? strdup(src->value.string) : NULL;
        if (src->value.string && !v.value.string)
            goto oom;
        break;
    case GP_PROP_DATA:
        v.value.data.ptr = NULL;
        if (src->value.data.ptr) {
            v.value.data.ptr = dup_mem(src->value.data.ptr, src->value.data.size);
            if (!v.value.data.ptr)
                goto oom;
        }
        break;
    case GP_PROP_STRING_LIST:
        if (copy_string_list(&v, src) != GP_OK)
            goto oom;
        break;
    case GP_PROP_UINT_LIST:
    case GP_PROP_4CC_LIST: elt = sizeof(uint32_t); break;
    case GP_PROP_SINT_LIST: elt = sizeof(int32_t); break;
    case GP_PROP_VEC2I_LIST: elt = sizeof(GpVec2i); break;
    default: break;
    }
    if (elt) {
        /* the three numeric lists share the {vals, nb} layout */
        uint32_t nb = src->value.uint_list.nb;
        v.value.uint_list.vals = nb ? dup_mem(src->value.uint_list.vals, nb * elt) : NULL;
        if (nb && !v.value.uint_list.vals)
            goto oom;
    }
    *dst = v;
    return GP_OK;
oom:
    memset(dst, 0, sizeof(*dst));
    return GP_OUT_OF_MEM;
}

void
gp_prop_value_reset(GpPropValue *v)
{
    if (!v)
        return;
    switch (v->type) {
    case GP_PROP_STRING: free(v->value.string); break;
    case GP_PROP_DATA: free(v->value.data.ptr); break;
    case GP_PROP_STRING_LIST:
    case GP_PROP_STRING_LIST_COPY:
        for (uint32_t i = 0; i < v->value.string_list.nb; i++)
            free(v->value.string_list.vals[i]);
        free(v->value.string_list.vals);
        break;
    case GP_PROP_UINT_LIST:
    case GP_PROP_4CC_LIST:
    case GP_PROP_SINT_LIST:
    case GP_PROP_VEC2I_LIST: free(v->value.uint_list.vals); break;
    default: break; /* NO_COPY, NAME, CONST_DATA: borrowed, never owned */
    }
    memset(v, 0, sizeof(*v));
}

static bool
str_eq(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}

static bool
mem_eq(const void *a, const void *b, size_t size)
{
    return !size || (a && b && !memcmp(a, b, size));
}

bool
gp_prop_value_equal(const GpPropValue *a, const GpPropValue *b)
{
    if (!a || !b)
        return a == b;
    /* a borrowed variant equals the stored copy it becomes */
    GpPropType t = owned_type(a->type);
    if (t != owned_type(b->type))
        return false;
    switch (t) {
    case GP_PROP_FORBIDDEN: return true;
    case GP_PROP_SINT: return a->value.sint == b->value.sint;
    case GP_PROP_LSINT: return a->value.lsint == b->value.lsint;
    case GP_PROP_LUINT: return a->value.luint == b->value.luint;
    case GP_PROP_BOOL: return a->value.boolean == b->value.boolean;
    case GP_PROP_FRACTION:
        return a->value.frac.num == b->value.frac.num && a->value.frac.den == b->value.frac.den;
    case GP_PROP_FRACTION64:
        return a->value.lfrac.num == b->value.lfrac.num && a->value.lfrac.den == b->value.lfrac.den;
    case GP_PROP_FLOAT: return a->value.fnumber == b->value.fnumber;
    case GP_PROP_DOUBLE: return a->value.number == b->value.number;
    case GP_PROP_VEC2I: return !memcmp(&a->value.vec2i, &b->value.vec2i, sizeof(GpVec2i));
    case GP_PROP_VEC2:
        return a->value.vec2.x == b->value.vec2.x && a->value.vec2.y == b->value.vec2.y;
    case GP_PROP_VEC3I: return !memcmp(&a->value.vec3i, &b->value.vec3i, sizeof(GpVec3i));
    case GP_PROP_VEC4I: return !memcmp(&a->value.vec4i, &b->value.vec4i, sizeof(GpVec4i));
    case GP_PROP_STRING: return str_eq(a->value.string, b->value.string);
    case GP_PROP_DATA:
        return a->value.data.size == b->value.data.size &&
               mem_eq(a->value.data.ptr, b->value.data.ptr, a->value.data.size);
    case GP_PROP_POINTER: return a->value.ptr == b->value.ptr;
    case GP_PROP_STRING_LIST:
        if (a->value.string_list.nb != b->value.string_list.nb)
            return false;
        for (uint32_t i = 0; i < a->value.string_list.nb; i++)
            if (!str_eq(a->value.string_list.vals[i], b->value.string_list.vals[i]))
                return false;
        return true;
    case GP_PROP_UINT_LIST:
    case GP_PROP_4CC_LIST:
    case GP_PROP_SINT_LIST:
        return a->value.uint_list.nb == b->value.uint_list.nb &&
               mem_eq(a->value.uint_list.vals, b->value.uint_list.vals,
                      a->value.uint_list.nb * sizeof(uint32_t));
    case GP_PROP_VEC2I_LIST:
        return a->value.v2i_list.nb == b->value.v2i_list.nb &&
               mem_eq(a->value.v2i_list.vals, b->value.v2i_list.vals,
                      a->value.v2i_list.nb * sizeof(GpVec2i));
    default:
        /* UINT, 4CC and the enum types keep their value in .uint */
        return a->value.uint == b->value.uint;
    }
}
