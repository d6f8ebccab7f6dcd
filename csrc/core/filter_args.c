/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Filter declarations: splitting "name:opt=val" and "URL:opts" into a head and option
 * entries (API.md 4.2, 4.3), then writing option values into a filter's context through
 * its GpArg table, plus the common options every filter accepts. Value syntax (numbers,
 * units, fractions, vectors) is gp_prop_parse's; nothing here knows about sessions. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "filter_args.h"

/* ---- helpers ---- */

static GpErr
args_fail(char *errbuf, size_t errsize, GpErr e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static GpErr
args_fail(char *errbuf, size_t errsize, GpErr e, const char *fmt, ...)
{
    if (errbuf && errsize) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(errbuf, errsize, fmt, ap);
        va_end(ap);
    }
    return e;
}

static bool
is_drive(const char *s)
{
    return isalpha((unsigned char)s[0]) && s[1] == ':' && (s[2] == '\\' || s[2] == '/');
}

/* Length of a leading "scheme://" (0 when none). A one-letter "scheme" is a drive. */
static size_t
scheme_len(const char *s)
{
    size_t i = 0;
    if (!isalpha((unsigned char)s[0]) || is_drive(s))
        return 0;
    while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    return strncmp(s + i, "://", 3) ? 0 : i + 3;
}

/* First ":gpac" followed by ':' or the end (the URL terminator of 4.3), or NULL. */
static const char *
find_gpac_escape(const char *s)
{
    for (const char *g = strstr(s, ":gpac"); g; g = strstr(g + 1, ":gpac"))
        if (g[5] == ':' || !g[5])
            return g;
    return NULL;
}

/* ---- URLs ---- */

/* Offset just past the authority of a URL whose scheme part is `sl` bytes long:
 * "user:pass@", a "[v6]" or plain host, then a numeric ":port". The port is kept for
 * every scheme (4.3 documents it for tcp/udp/...; http://host:8080/ needs it too). */
static GpErr
url_authority_end(const char *s, size_t sl, size_t *end, char *errbuf, size_t errsize)
{
    const char *p = s + sl;
    size_t span = strcspn(p, "/@");
    /* "user:pass@host": an '@' before the path and no '=' (which would be an option) */
    if (p[span] == '@' && !memchr(p, '=', span))
        p += span + 1;
    if (*p == '[') {
        const char *q = strchr(p, ']');
        if (!q)
            return args_fail(errbuf, errsize, GP_BAD_PARAM, "unterminated '[' in URL '%s'",
                             s);
        p = q + 1;
    } else {
        p += strcspn(p, ":/");
    }
    if (p[0] == ':' && isdigit((unsigned char)p[1])) {
        const char *q = p + 1;
        while (isdigit((unsigned char)*q))
            q++;
        if (!*q || *q == ':' || *q == '/' || *q == '?')
            p = q;
    }
    *end = (size_t)(p - s);
    return GP_OK;
}

/* End of a URL that has a scheme (not file://): the first ':' after the authority. */
static GpErr
url_remote_end(const char *s, size_t sl, size_t *end, char *errbuf, size_t errsize)
{
    size_t a = sl;
    /* gfio://PTR&N has no authority: its first ':' ends it */
    if (strncmp(s, "gfio://", 7)) {
        GpErr e = url_authority_end(s, sl, &a, errbuf, errsize);
        if (e != GP_OK)
            return e;
    }
    *end = a + strcspn(s + a, ":");
    return GP_OK;
}

/* Start of the part of a local path where ':' can separate options (after file:// and
 * a drive letter). */
static size_t
local_path_start(const char *s)
{
    size_t start = strncmp(s, "file://", 7) ? 0 : 7;
    if (s[start] == '/' && start && is_drive(s + start + 1))
        return start + 3;
    if (is_drive(s + start))
        return start + 2;
    return start;
}

static bool
dir_exists(const char *path)
{
    struct stat st;
    return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* Does the parent directory of the local path s[0..len) exist? "" means the cwd. */
static bool
local_parent_exists(const char *s, size_t len)
{
    size_t skip = strncmp(s, "file://", 7) ? 0 : 7;
    size_t cut = len;
    while (cut > skip && s[cut - 1] != '/' && s[cut - 1] != '\\')
        cut--;
    if (cut == skip)
        return true; /* no directory part: current directory */
    if (cut == skip + 1)
        return true; /* "/name": the root */
    char *dir = strndup(s + skip, cut - 1 - skip);
    bool ok = dir && dir_exists(dir);
    free(dir);
    return ok;
}

static bool
local_prefix_is_file(const char *s, size_t len)
{
    char *p = strndup(s, len);
    bool ok = p && gp_args_local_file_exists(p);
    free(p);
    return ok;
}

/* The token after the ':' at s[k] continues a path when it holds a '/' before any '='
 * ("d:ir/out.mp4"); an option ("opt", "opt=a/b") does not. */
static bool
next_token_is_path(const char *s, size_t k)
{
    const char *t = s + k + 1;
    size_t n = strcspn(t, ":");
    size_t slash = strcspn(t, "/\\");
    size_t eq = strcspn(t, "=");
    return slash < n && slash < eq;
}

/* End of a local path (4.3): the whole string if it is a file, else the first prefix
 * ending at a ':' that is a file; for destinations, then the first prefix whose
 * directory exists and that is not followed by more path. Else the first ':' splits. */
static size_t
local_path_end(const char *s, GpArgsMode mode)
{
    size_t start = local_path_start(s), len = strlen(s);
    size_t first = start + strcspn(s + start, ":");
    if (first == len || gp_args_local_file_exists(s))
        return len;
    for (size_t k = first; k < len; k++) {
        if (s[k] == ':' && local_prefix_is_file(s, k))
            return k;
    }
    if (mode != GP_ARGS_DST_URL)
        return first;
    for (size_t k = first; k <= len; k++) {
        if (k < len && (s[k] != ':' || next_token_is_path(s, k)))
            continue;
        if (k > 0 && local_parent_exists(s, k))
            return k;
    }
    return first;
}

/* Head of a declaration: its length and the offset of what follows (a separator or the
 * end). For URLs a ":gpac" terminator is consumed. */
static GpErr
split_head(const char *s, GpArgsMode mode, size_t *len, size_t *next, char *errbuf,
           size_t errsize)
{
    if (mode == GP_ARGS_NAME) {
        *len = *next = strcspn(s, ":");
        return GP_OK;
    }
    const char *g = find_gpac_escape(s);
    if (g) {
        *len = (size_t)(g - s);
        *next = *len + 5;
        return GP_OK;
    }
    size_t sl = scheme_len(s);
    if (sl && strncmp(s, "file://", 7)) {
        GpErr e = url_remote_end(s, sl, len, errbuf, errsize);
        if (e != GP_OK)
            return e;
    } else {
        *len = local_path_end(s, mode);
    }
    *next = *len;
    return GP_OK;
}

/* ---- options ---- */

/* End of an option value at v (non-raw). A value that is a URL or a drive path keeps
 * its port / drive colon and may be ended by ":gpac" (*skip then counts those 5 bytes,
 * which are dropped). */
static GpErr
value_end(const char *v, const char **end, size_t *skip, char *errbuf, size_t errsize)
{
    size_t sl = scheme_len(v), n;
    *skip = 0;
    if (sl || is_drive(v)) {
        const char *g = find_gpac_escape(v);
        if (g) {
            *end = g;
            *skip = 5;
            return GP_OK;
        }
    }
    if (sl && strncmp(v, "file://", 7)) {
        GpErr e = url_remote_end(v, sl, &n, errbuf, errsize);
        if (e != GP_OK)
            return e;
    } else {
        size_t start = sl ? local_path_start(v) : (is_drive(v) ? 2 : 0);
        n = start + strcspn(v + start, ":");
    }
    *end = v + n;
    return GP_OK;
}

static GpErr
push_entry(GpArgList *out, const char *tok, size_t len, char *errbuf, size_t errsize)
{
    bool negated = len && tok[0] == '!';
    const char *name = tok + negated;
    size_t nlen = len - negated;
    const char *eq = memchr(name, '=', nlen);
    size_t name_len = eq ? (size_t)(eq - name) : nlen;
    if (!name_len || (name[0] == '#' && name_len == 1))
        return args_fail(errbuf, errsize, GP_BAD_PARAM, "empty option name in '%.*s'",
                         (int)len, tok);
    GpArgEntry *items = realloc(out->items, (out->nb + 1) * sizeof(*items));
    if (!items)
        return GP_OUT_OF_MEM;
    out->items = items;
    GpArgEntry *it = &items[out->nb];
    memset(it, 0, sizeof(*it));
    it->negated = negated;
    it->name = strndup(name, name_len);
    if (eq)
        it->value = strndup(eq + 1, nlen - name_len - 1);
    out->nb++; /* counted even when half-built: gp_args_list_free frees it */
    if (!it->name || (eq && !it->value))
        return GP_OUT_OF_MEM;
    return GP_OK;
}

/* Finds the end of the option starting at p. raw (after "::"): up to the next "::". */
static GpErr
option_end(const char *p, bool raw, const char **end, size_t *skip, char *errbuf,
           size_t errsize)
{
    *skip = 0;
    if (raw) {
        const char *dd = strstr(p, "::");
        *end = dd ? dd : p + strlen(p);
        return GP_OK;
    }
    size_t n = strcspn(p, ":=");
    if (p[n] != '=') {
        *end = p + n;
        return GP_OK;
    }
    return value_end(p + n + 1, end, skip, errbuf, errsize);
}

/* p points at a separator (':' or "::") or at the end. */
static GpErr
split_options(const char *p, GpArgList *out, char *errbuf, size_t errsize)
{
    while (*p) {
        bool raw = p[0] == ':' && p[1] == ':';
        p += raw ? 2 : 1;
        if (!*p)
            break; /* trailing separator */
        const char *end;
        size_t skip;
        GpErr e = option_end(p, raw, &end, &skip, errbuf, errsize);
        if (e == GP_OK)
            e = push_entry(out, p, (size_t)(end - p), errbuf, errsize);
        if (e != GP_OK)
            return e;
        p = end + skip;
    }
    return GP_OK;
}

GpErr
gp_args_split(const char *desc, GpArgsMode mode, GpArgList *out, char *errbuf,
              size_t errsize)
{
    size_t len = 0, next = 0;
    memset(out, 0, sizeof(*out));
    if (errbuf && errsize)
        errbuf[0] = 0;
    if (!desc)
        return args_fail(errbuf, errsize, GP_BAD_PARAM, "empty declaration");
    GpErr e = split_head(desc, mode, &len, &next, errbuf, errsize);
    if (e != GP_OK)
        return e;
    if (!len)
        return args_fail(errbuf, errsize, GP_BAD_PARAM, "empty %s in '%s'",
                         mode == GP_ARGS_NAME ? "filter name" : "URL", desc);
    out->head = strndup(desc, len);
    if (!out->head)
        return GP_OUT_OF_MEM;
    e = split_options(desc + next, out, errbuf, errsize);
    if (e != GP_OK)
        gp_args_list_free(out);
    return e;
}

void
gp_args_list_free(GpArgList *l)
{
    if (!l)
        return;
    for (unsigned i = 0; i < l->nb; i++) {
        free(l->items[i].name);
        free(l->items[i].value);
    }
    free(l->items);
    free(l->head);
    memset(l, 0, sizeof(*l));
}

/* ---- option values ---- */

/* How an option is stored at its offset (gp_filter.h, GpArg). */
typedef enum ArgSlot {
    SLOT_I32,
    SLOT_U32, /* UINT (enum index too), 4CC, enum property types */
    SLOT_I64,
    SLOT_U64,
    SLOT_BOOL,
    SLOT_FRAC,
    SLOT_FRAC64,
    SLOT_FLOAT,
    SLOT_DOUBLE,
    SLOT_VEC2I,
    SLOT_STR,  /* char *, owned */
    SLOT_PROP, /* GpPropValue, owned: lists, data, other vectors */
} ArgSlot;

static ArgSlot
arg_slot(GpPropType t)
{
    switch (t) {
    case GP_PROP_SINT: return SLOT_I32;
    case GP_PROP_UINT: case GP_PROP_4CC: return SLOT_U32;
    case GP_PROP_LSINT: return SLOT_I64;
    case GP_PROP_LUINT: return SLOT_U64;
    case GP_PROP_BOOL: return SLOT_BOOL;
    case GP_PROP_FRACTION: return SLOT_FRAC;
    case GP_PROP_FRACTION64: return SLOT_FRAC64;
    case GP_PROP_FLOAT: return SLOT_FLOAT;
    case GP_PROP_DOUBLE: return SLOT_DOUBLE;
    case GP_PROP_VEC2I: return SLOT_VEC2I;
    case GP_PROP_STRING: case GP_PROP_STRING_NO_COPY: case GP_PROP_NAME: return SLOT_STR;
    default:
        if (t >= GP_PROP_FIRST_ENUM && t < GP_PROP_LAST_DEFINED)
            return SLOT_U32;
        return SLOT_PROP;
    }
}

static double
range_bound(const char *s, char **end)
{
    if (!strncmp(s, "-I", 2) || !strncmp(s, "+I", 2)) {
        *end = (char *)s + 2;
        return s[0] == '-' ? -INFINITY : INFINITY;
    }
    return strtod(s, end);
}

/* "min-max" (numbers, -I/+I for infinities) in GpArg.values. */
static bool
arg_range(const GpArg *a, double *lo, double *hi)
{
    char *e1, *e2;
    if (!a->values || strchr(a->values, '|'))
        return false;
    *lo = range_bound(a->values, &e1);
    if (e1 == a->values || *e1 != '-')
        return false;
    *hi = range_bound(e1 + 1, &e2);
    return e2 != e1 + 1 && !*e2;
}

/* A UINT option whose values are a name list ("a|b|c"; one name is a list too). */
static const char *
arg_enum(const GpArg *a)
{
    double lo, hi;
    if (a->type != GP_PROP_UINT || !a->values || !*a->values || arg_range(a, &lo, &hi))
        return NULL;
    return a->values;
}

/* Index of `name` in "a|b|c", -1 when absent. */
static int
enum_index(const char *list, const char *name)
{
    size_t n = strlen(name);
    int idx = 0;
    for (const char *p = list;; idx++) {
        size_t len = strcspn(p, "|");
        if (len == n && !strncmp(p, name, n))
            return idx;
        if (!p[len])
            return -1;
        p += len + 1;
    }
}

/* Writes the `idx`-th name of "a|b|c" into buf; false when out of the list. */
static bool
enum_name(const char *list, uint32_t idx, char *buf, size_t size)
{
    const char *p = list;
    for (uint32_t i = 0; i < idx; i++) {
        p = strchr(p, '|');
        if (!p)
            return false;
        p++;
    }
    snprintf(buf, size, "%.*s", (int)strcspn(p, "|"), p);
    return true;
}

/* Numeric value of a parsed number, for range checks; false for non-numbers. */
static bool
value_as_double(const GpPropValue *v, double *out)
{
    switch (v->type) {
    case GP_PROP_SINT: *out = v->value.sint; return true;
    case GP_PROP_UINT: *out = v->value.uint; return true;
    case GP_PROP_LSINT: *out = (double)v->value.lsint; return true;
    case GP_PROP_LUINT: *out = (double)v->value.luint; return true;
    case GP_PROP_FLOAT: *out = v->value.fnumber; return true;
    case GP_PROP_DOUBLE: *out = v->value.number; return true;
    case GP_PROP_FRACTION:
        if (!v->value.frac.den)
            return false;
        *out = (double)v->value.frac.num / v->value.frac.den;
        return true;
    case GP_PROP_FRACTION64:
        if (!v->value.lfrac.den)
            return false;
        *out = (double)v->value.lfrac.num / (double)v->value.lfrac.den;
        return true;
    default: return false;
    }
}

/* Moves a parsed value into the option's field (the field's old content is freed). */
static void
arg_store(const GpArg *a, void *priv, GpPropValue *v)
{
    char *field = (char *)priv + a->offset;
    switch (arg_slot(a->type)) {
    case SLOT_I32: *(int32_t *)field = v->value.sint; break;
    case SLOT_U32: *(uint32_t *)field = v->value.uint; break;
    case SLOT_I64: *(int64_t *)field = v->value.lsint; break;
    case SLOT_U64: *(uint64_t *)field = v->value.luint; break;
    case SLOT_BOOL: *(bool *)field = v->value.boolean; break;
    case SLOT_FRAC: *(GpFrac *)field = v->value.frac; break;
    case SLOT_FRAC64: *(GpFrac64 *)field = v->value.lfrac; break;
    case SLOT_FLOAT: *(float *)field = v->value.fnumber; break;
    case SLOT_DOUBLE: *(double *)field = v->value.number; break;
    case SLOT_VEC2I: *(GpVec2i *)field = v->value.vec2i; break;
    case SLOT_STR:
        free(*(char **)field);
        *(char **)field = v->value.string;
        break;
    case SLOT_PROP:
        gp_prop_value_reset((GpPropValue *)field);
        *(GpPropValue *)field = *v;
        break;
    }
    v->type = GP_PROP_FORBIDDEN; /* ownership moved */
}

/* Clears the option's field (NULL text, or release). */
static void
arg_clear(const GpArg *a, void *priv)
{
    char *field = (char *)priv + a->offset;
    switch (arg_slot(a->type)) {
    case SLOT_STR:
        free(*(char **)field);
        *(char **)field = NULL;
        break;
    case SLOT_PROP:
        gp_prop_value_reset((GpPropValue *)field);
        break;
    default: {
        GpPropValue zero;
        memset(&zero, 0, sizeof(zero));
        arg_store(a, priv, &zero);
    }
    }
}

/* Parses text into the field. *range_err tells an out-of-range number from a malformed
 * value. */
static GpErr
arg_parse_store(const GpArg *a, void *priv, const char *text, bool *range_err)
{
    GpPropValue v;
    double lo, hi, x;
    GpPropType t = arg_slot(a->type) == SLOT_STR ? GP_PROP_STRING : a->type;
    *range_err = false;
    if (gp_prop_parse(t, text, arg_enum(a), &v) != GP_OK)
        return GP_BAD_PARAM;
    if (arg_range(a, &lo, &hi) && value_as_double(&v, &x) && (x < lo || x > hi)) {
        gp_prop_value_reset(&v);
        *range_err = true;
        return GP_BAD_PARAM;
    }
    if (t == GP_PROP_STRING && !v.value.string) {
        v.value.string = strdup("");
        if (!v.value.string)
            return GP_OUT_OF_MEM;
    }
    arg_store(a, priv, &v);
    return GP_OK;
}

const GpArg *
gp_args_find(const GpFilterClass *cls, const char *name)
{
    if (!cls || !name)
        return NULL;
    for (uint32_t i = 0; i < cls->nb_args; i++)
        if (cls->args[i].name && !strcmp(cls->args[i].name, name))
            return &cls->args[i];
    return NULL;
}

GpErr
gp_args_set_one(const GpArg *arg, void *priv, const char *text)
{
    bool range_err;
    if (!arg || !priv)
        return GP_BAD_PARAM;
    if (!text) {
        arg_clear(arg, priv);
        return GP_OK;
    }
    return arg_parse_store(arg, priv, text, &range_err);
}

void
gp_args_get_one(const GpArg *arg, const void *priv, char *buf, size_t size)
{
    const char *field = (const char *)priv + arg->offset;
    GpPropValue v;
    const char *list = arg_enum(arg);
    if (!size)
        return;
    buf[0] = 0;
    memset(&v, 0, sizeof(v));
    v.type = arg->type;
    switch (arg_slot(arg->type)) {
    case SLOT_I32: v.value.sint = *(const int32_t *)field; break;
    case SLOT_U32:
        v.value.uint = *(const uint32_t *)field;
        if (list && enum_name(list, v.value.uint, buf, size))
            return;
        break;
    case SLOT_I64: v.value.lsint = *(const int64_t *)field; break;
    case SLOT_U64: v.value.luint = *(const uint64_t *)field; break;
    case SLOT_BOOL: v.value.boolean = *(const bool *)field; break;
    case SLOT_FRAC: v.value.frac = *(const GpFrac *)field; break;
    case SLOT_FRAC64: v.value.lfrac = *(const GpFrac64 *)field; break;
    case SLOT_FLOAT: v.value.fnumber = *(const float *)field; break;
    case SLOT_DOUBLE: v.value.number = *(const double *)field; break;
    case SLOT_VEC2I: v.value.vec2i = *(const GpVec2i *)field; break;
    case SLOT_STR:
        snprintf(buf, size, "%s", *(char *const *)field ? *(char *const *)field : "");
        return;
    case SLOT_PROP:
        v = *(const GpPropValue *)field;
        if (v.type == GP_PROP_FORBIDDEN)
            return; /* never set */
        break;
    }
    gp_prop_dump(&v, buf, (uint32_t)(size > UINT32_MAX ? UINT32_MAX : size));
}

void
gp_args_free(const GpFilterClass *cls, void *priv)
{
    if (!cls || !priv)
        return;
    for (uint32_t i = 0; i < cls->nb_args; i++) {
        ArgSlot s = arg_slot(cls->args[i].type);
        if (s == SLOT_STR || s == SLOT_PROP)
            arg_clear(&cls->args[i], priv);
    }
}

/* ---- applying a list to a context ---- */

static GpErr
bad_value(const GpFilterClass *cls, const GpArg *a, const char *text, bool range_err,
          char *errbuf, size_t errsize)
{
    if (range_err)
        return args_fail(errbuf, errsize, GP_BAD_PARAM,
                         "value '%s' out of range %s for option '%s' of filter '%s'", text,
                         a->values, a->name, cls->name);
    const char *list = arg_enum(a);
    if (list)
        return args_fail(errbuf, errsize, GP_BAD_PARAM,
                         "invalid value '%s' for option '%s' of filter '%s' (expected one "
                         "of %s)", text, a->name, cls->name, list);
    return args_fail(errbuf, errsize, GP_BAD_PARAM,
                     "invalid value '%s' for option '%s' of filter '%s' (expected %s)", text,
                     a->name, cls->name, gp_prop_type_name(a->type));
}

/* One class option from an entry: bare booleans, negation, then the value. */
static GpErr
apply_class_option(const GpFilterClass *cls, const GpArg *a, void *priv,
                   const GpArgEntry *it, char *errbuf, size_t errsize)
{
    bool is_bool = a->type == GP_PROP_BOOL, range_err = false;
    if (it->negated && !is_bool)
        return args_fail(errbuf, errsize, GP_BAD_PARAM,
                         "option '%s' of filter '%s' is not a boolean and cannot be negated",
                         a->name, cls->name);
    if (!it->value && !is_bool)
        return args_fail(errbuf, errsize, GP_BAD_PARAM,
                         "option '%s' of filter '%s' needs a value (%s)", a->name, cls->name,
                         gp_prop_type_name(a->type));
    GpErr e = arg_parse_store(a, priv, it->value ? it->value : "true", &range_err);
    if (e == GP_BAD_PARAM)
        return bad_value(cls, a, it->value ? it->value : "true", range_err, errbuf, errsize);
    if (e == GP_OK && it->negated)
        *(bool *)((char *)priv + a->offset) = !*(bool *)((char *)priv + a->offset);
    return e;
}

/* A boolean common option (RSID, nomux, clone). */
static GpErr
common_bool(const GpFilterClass *cls, const GpArgEntry *it, bool *out, char *errbuf,
            size_t errsize)
{
    GpPropValue v;
    if (!it->value) {
        *out = !it->negated;
        return GP_OK;
    }
    if (gp_prop_parse(GP_PROP_BOOL, it->value, NULL, &v) != GP_OK)
        return args_fail(errbuf, errsize, GP_BAD_PARAM,
                         "invalid value '%s' for option '%s' of filter '%s' (expected bool)",
                         it->value, it->name, cls->name);
    *out = it->negated ? !v.value.boolean : v.value.boolean;
    return GP_OK;
}

static GpErr
common_string(const GpFilterClass *cls, const GpArgEntry *it, char **out, char *errbuf,
              size_t errsize)
{
    /* an empty SID means "any source" (4.5); the others need a name */
    if (strcmp(it->name, "SID") && (!it->value || !*it->value))
        return args_fail(errbuf, errsize, GP_BAD_PARAM,
                         "option '%s' of filter '%s' needs a value", it->name, cls->name);
    char *s = strdup(it->value ? it->value : "");
    if (!s)
        return GP_OUT_OF_MEM;
    free(*out);
    *out = s;
    return GP_OK;
}

static const char *const common_ignored[] = {"FS",   "FBT", "FBU",  "FBD", "gfloc", "gfopt",
                                             "gpac", "ccp", "NCID", "LT",  "DBG"};

/* Common options (4.2). *found false when the name is not one of them. */
static GpErr
apply_common(const GpFilterClass *cls, const GpArgEntry *it, GpFilterCommon *c, bool *found,
             char *errbuf, size_t errsize)
{
    static const char *const names[] = {"FID", "SID", "N", "TAG", "ITAG", "gfreg"};
    char **fields[] = {&c->fid, &c->sid, &c->name, &c->tag, &c->itag, &c->gfreg};
    *found = true;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(it->name, names[i]))
            return common_string(cls, it, fields[i], errbuf, errsize);
    if (!strcmp(it->name, "RSID"))
        return common_bool(cls, it, &c->rsid, errbuf, errsize);
    if (!strcmp(it->name, "nomux"))
        return common_bool(cls, it, &c->nomux, errbuf, errsize);
    if (!strcmp(it->name, "clone")) {
        bool b = false;
        GpErr e = common_bool(cls, it, &b, errbuf, errsize);
        if (e == GP_OK)
            c->clone = b;
        return e;
    }
    for (size_t i = 0; i < sizeof(common_ignored) / sizeof(common_ignored[0]); i++)
        if (!strcmp(it->name, common_ignored[i]))
            return GP_OK;
    *found = false;
    return GP_OK;
}

/* "#Prop=Val" -> "Prop=Val" in common->pid_props (an empty value removes the property). */
static GpErr
push_pid_prop(GpFilterCommon *c, const GpArgEntry *it)
{
    const char *val = it->value ? it->value : "";
    size_t len = strlen(it->name) + strlen(val) + 1;
    char **props = realloc(c->pid_props, (c->nb_pid_props + 1) * sizeof(*props));
    if (!props)
        return GP_OUT_OF_MEM;
    c->pid_props = props;
    char *s = malloc(len);
    if (!s)
        return GP_OUT_OF_MEM;
    snprintf(s, len, "%s=%s", it->name + 1, val);
    props[c->nb_pid_props++] = s;
    return GP_OK;
}

/* ":pbo" for "disp=pbo": the one enum option whose name list holds the bare value. */
static const GpArg *
find_enum_value(const GpFilterClass *cls, const char *name, unsigned *nb_match)
{
    const GpArg *hit = NULL;
    *nb_match = 0;
    for (uint32_t i = 0; i < cls->nb_args; i++) {
        const char *list = arg_enum(&cls->args[i]);
        if (list && enum_index(list, name) >= 0) {
            hit = &cls->args[i];
            (*nb_match)++;
        }
    }
    return hit;
}

static GpErr
apply_entry(const GpFilterClass *cls, void *priv, GpArgEntry *it, GpFilterCommon *c,
            char *errbuf, size_t errsize)
{
    const GpArg *a = gp_args_find(cls, it->name);
    bool found = false;
    unsigned nb = 0;
    GpErr e;
    if (it->name[0] == '#') {
        e = push_pid_prop(c, it);
    } else if (a) {
        e = apply_class_option(cls, a, priv, it, errbuf, errsize);
    } else if ((e = apply_common(cls, it, c, &found, errbuf, errsize)) != GP_OK || found) {
        /* common option taken (or refused) */
    } else if (!it->value && !it->negated && (a = find_enum_value(cls, it->name, &nb))) {
        if (nb > 1)
            return args_fail(errbuf, errsize, GP_BAD_PARAM,
                             "ambiguous option '%s' for filter '%s' (a value of %u options)",
                             it->name, cls->name, nb);
        e = gp_args_set_one(a, priv, it->name);
    } else {
        return args_fail(errbuf, errsize, GP_BAD_PARAM, "unknown option '%s' for filter '%s'",
                         it->name, cls->name);
    }
    if (e == GP_OK)
        it->used = true;
    return e;
}

GpErr
gp_args_apply(const GpFilterClass *cls, void *priv, GpArgList *l, GpFilterCommon *common,
              char *errbuf, size_t errsize)
{
    GpFilterCommon scratch = {.clone = -1};
    GpFilterCommon *c = common ? common : &scratch;
    GpErr e = GP_OK;
    bool range_err;
    if (errbuf && errsize)
        errbuf[0] = 0;
    if (!cls)
        return args_fail(errbuf, errsize, GP_BAD_PARAM, "no filter class");
    for (uint32_t i = 0; i < cls->nb_args && e == GP_OK; i++) {
        const GpArg *a = &cls->args[i];
        if (a->def && (e = arg_parse_store(a, priv, a->def, &range_err)) == GP_BAD_PARAM)
            e = args_fail(errbuf, errsize, GP_BAD_PARAM,
                          "invalid default '%s' for option '%s' of filter '%s'", a->def,
                          a->name, cls->name);
    }
    for (unsigned i = 0; l && i < l->nb && e == GP_OK; i++)
        e = apply_entry(cls, priv, &l->items[i], c, errbuf, errsize);
    if (!common)
        gp_args_common_free(&scratch);
    return e;
}

void
gp_args_common_free(GpFilterCommon *c)
{
    if (!c)
        return;
    free(c->fid);
    free(c->sid);
    free(c->name);
    free(c->tag);
    free(c->itag);
    free(c->gfreg);
    for (unsigned i = 0; i < c->nb_pid_props; i++)
        free(c->pid_props[i]);
    free(c->pid_props);
    memset(c, 0, sizeof(*c));
    c->clone = -1;
}

bool
gp_args_local_file_exists(const char *url)
{
    struct stat st;
    if (!url || !*url)
        return false;
    if (!strncmp(url, "file://", 7)) {
        url += 7;
        if (url[0] == '/' && is_drive(url + 1))
            url++;
    } else if (scheme_len(url)) {
        return false;
    }
    return !stat(url, &st) && S_ISREG(st.st_mode);
}

/* ---- help ---- */

void
gp_filter_class_print_help(const GpFilterClass *cls, void *file)
{
    FILE *fp = file ? (FILE *)file : stdout;
    if (!cls)
        return;
    fprintf(fp, "%s: %s\n", cls->name, cls->help ? cls->help : "");
    for (uint32_t i = 0; i < cls->nb_args; i++) {
        const GpArg *a = &cls->args[i];
        bool def = a->def && *a->def, vals = a->values && *a->values;
        if (a->flags & GP_ARG_HINT_HIDE)
            continue;
        fprintf(fp, "- %s (%s): %s", a->name, gp_prop_type_name(a->type),
                a->help ? a->help : "");
        if (def || vals)
            fprintf(fp, " (%s%s%s%s%s)", def ? "default: " : "", def ? a->def : "",
                    def && vals ? " " : "", vals ? "min_max_enum: " : "",
                    vals ? a->values : "");
        fputc('\n', fp);
    }
}
