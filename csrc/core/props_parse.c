/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Text to typed property value (API.md 4.2): numbers with units, +I/-I, hex, THH:MM:SS
 * times, fractions, WxH vectors and size names, booleans, strings, data (0x, b64@, file@),
 * lists, 4CCs, enum lists ("a|b|c") and the enum types through the name tables of
 * props_names.c. The inverse, gp_prop_dump, is in props_dump.c. Splitting a filter
 * declaration into options is filter_args.c's work, not this file's. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gp/gp_props.h"

/* ---- numbers ---- */

static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Multiplier of a unit suffix; 0 for an unknown suffix. */
static uint64_t
unit_scale(const char *s)
{
    static const struct {
        const char *suffix;
        uint64_t scale;
    } units[] = {
        {"", 1},           {"k", 1000},       {"K", 1000},   {"m", 1000000}, {"M", 1000000},
        {"g", 1000000000}, {"G", 1000000000}, {"sec", 1000}, {"min", 60000},
    };
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (!strcmp(s, units[i].suffix))
            return units[i].scale;
    return 0;
}

/* "T[[HH:]MM:]SS[.frac]" in milliseconds. */
static bool
parse_time_ms(const char *s, uint64_t *ms)
{
    uint64_t fields[3] = {0}, frac = 0, frac_scale = 1;
    int nb = 0;
    if (*s++ != 'T')
        return false;
    for (;;) {
        if (*s < '0' || *s > '9' || nb == 3)
            return false;
        uint64_t v = 0;
        while (*s >= '0' && *s <= '9' && v < 1000000000)
            v = v * 10 + (uint64_t)(*s++ - '0');
        fields[nb++] = v;
        if (*s != ':')
            break;
        s++;
    }
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++)
            if (frac_scale < 1000) { /* milliseconds: further digits are dropped */
                frac = frac * 10 + (uint64_t)(*s - '0');
                frac_scale *= 10;
            }
    }
    if (*s)
        return false;
    uint64_t sec = 0;
    for (int i = 0; i < nb; i++)
        sec = sec * 60 + fields[i];
    *ms = sec * 1000 + frac * 1000 / frac_scale;
    return true;
}

/* An integer as sign and magnitude: decimal (a fractional part is allowed when the unit
 * makes the value whole: "1.5k"), "0x" hex, or a time in ms. Exact decimal arithmetic,
 * no double: "1.1k" is 1100, not 1100.0000000000002. */
static bool
parse_magnitude(const char *s, bool *neg, uint64_t *mag)
{
    uint64_t m = 0, div = 1;
    bool digits = false;
    *neg = false;
    if (*s == 'T')
        return parse_time_ms(s, mag);
    if (*s == '+' || *s == '-')
        *neg = *s++ == '-';
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        if (*neg || !s[2])
            return false;
        for (s += 2; *s; s++) {
            int d = hex_digit(*s);
            if (d < 0 || m >> 60)
                return false;
            m = m << 4 | (uint64_t)d;
        }
        *mag = m;
        return true;
    }
    for (; *s >= '0' && *s <= '9'; s++, digits = true)
        if (__builtin_mul_overflow(m, 10, &m) || __builtin_add_overflow(m, *s - '0', &m))
            return false;
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++, digits = true) {
            if (__builtin_mul_overflow(m, 10, &m) || __builtin_add_overflow(m, *s - '0', &m) ||
                __builtin_mul_overflow(div, 10, &div))
                return false;
        }
    }
    uint64_t scale = unit_scale(s);
    if (!digits || !scale || __builtin_mul_overflow(m, scale, &m) || m % div)
        return false;
    *mag = m / div;
    return true;
}

/* Integer of a type whose range is [min, max] (min <= 0), "+I"/"-I" included. */
static bool
parse_int(const char *s, int64_t min, uint64_t max, int64_t *sv, uint64_t *uv)
{
    bool neg;
    uint64_t mag;
    if (!strcmp(s, "+I") || !strcmp(s, "-I")) {
        neg = s[0] == '-';
        mag = neg ? (uint64_t)0 - (uint64_t)min : max;
    } else if (!parse_magnitude(s, &neg, &mag)) {
        return false;
    }
    if (neg && mag) {
        if (mag > (uint64_t)0 - (uint64_t)min)
            return false;
        *sv = (int64_t)(0 - mag); /* two's complement: INT64_MIN included */
        *uv = 0;
        return true;
    }
    if (mag > max)
        return false;
    *uv = mag;
    *sv = (int64_t)mag;
    return true;
}

/* A double with an optional unit ("1.5k"), "+I"/"-I", or a time in seconds. `single`:
 * the value must fit a float. */
static bool
parse_double(const char *s, bool single, double *out)
{
    double max = single ? FLT_MAX : DBL_MAX;
    char *end;
    uint64_t ms;
    if (!strcmp(s, "+I") || !strcmp(s, "-I")) {
        *out = s[0] == '-' ? -max : max;
        return true;
    }
    if (*s == 'T') {
        if (!parse_time_ms(s, &ms))
            return false;
        *out = (double)ms / 1000.0;
        return true;
    }
    if (!*s || *s == ' ' || *s == '\t')
        return false;
    double x = strtod(s, &end);
    uint64_t scale = end == s ? 0 : unit_scale(end);
    if (!scale)
        return false;
    x *= (double)scale;
    if (single && isfinite(x) && isinf((float)x))
        return false;
    *out = x;
    return true;
}

/* "n/d", "n-d", "n", or a decimal ("1.5" -> 1500000/1000000). */
static bool
parse_frac(const char *s, int64_t nmin, int64_t nmax, uint64_t dmax, int64_t *num, uint64_t *den)
{
    const char *sep = strpbrk(s + (*s == '-' || *s == '+'), "/-");
    int64_t sv;
    uint64_t uv;
    char nbuf[32];
    size_t len = sep ? (size_t)(sep - s) : 0;
    if (sep && len < sizeof(nbuf)) {
        memcpy(nbuf, s, len);
        nbuf[len] = 0;
        /* else maybe a '-' of an exponent ("1e-3"): the decimal form below decides */
        if (parse_int(nbuf, nmin, (uint64_t)nmax, &sv, &uv) &&
            parse_int(sep + 1, 0, dmax, &(int64_t){0}, den)) {
            *num = sv;
            return true;
        }
    }
    if (parse_int(s, nmin, (uint64_t)nmax, &sv, &uv)) {
        *num = sv;
        *den = 1;
        return true;
    }
    double x;
    if (!parse_double(s, false, &x) || !isfinite(x))
        return false;
    /* the finest of 1e6, 1e3, 1 that keeps the numerator in range */
    for (uint64_t d = 1000000; d >= 1; d /= 1000) {
        double n = round(x * (double)d); /* 0.29 * 1e6 is 289999.99999999994 */
        if (n >= (double)nmin && n <= (double)nmax && d <= dmax) {
            *num = (int64_t)n;
            *den = d;
            return true;
        }
    }
    return false;
}

/* ---- vectors ---- */

static const struct {
    const char *name;
    int32_t w, h;
} size_names[] = {
    {"360", 640, 360},    {"480", 720, 480},    {"576", 720, 576},  {"720", 1280, 720},
    {"1080", 1920, 1080}, {"hd", 1920, 1080},   {"2k", 2048, 1080}, {"2160", 3840, 2160},
    {"4k", 3840, 2160},   {"4320", 7680, 4320}, {"8k", 7680, 4320},
};

/* "AxB[xC[xD]]" with exactly nb components, integers or doubles. */
static bool
parse_vec(const char *s, int nb, int32_t *iv, double *dv)
{
    char tmp[64];
    size_t len = strlen(s);
    if (!len || len >= sizeof(tmp))
        return false;
    memcpy(tmp, s, len + 1);
    char *p = tmp;
    for (int i = 0; i < nb; i++) {
        char *x = strpbrk(p, "xX");
        if ((i < nb - 1) != (x != NULL))
            return false;
        if (x)
            *x = 0;
        int64_t sv;
        uint64_t uv;
        if (iv && !parse_int(p, INT32_MIN, INT32_MAX, &sv, &uv))
            return false;
        if (iv)
            iv[i] = (int32_t)sv;
        if (dv && !parse_double(p, false, &dv[i]))
            return false;
        p = x ? x + 1 : p;
    }
    return true;
}

static bool
parse_vec2i(const char *s, GpVec2i *v)
{
    for (size_t i = 0; i < sizeof(size_names) / sizeof(size_names[0]); i++)
        if (!strcasecmp(s, size_names[i].name)) {
            v->x = size_names[i].w;
            v->y = size_names[i].h;
            return true;
        }
    return parse_vec(s, 2, &v->x, NULL);
}

/* ---- data ---- */

static int
b64_digit(char c)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

static GpErr
decode_b64(const char *s, uint8_t *dst, uint32_t *size)
{
    uint32_t acc = 0, bits = 0, n = 0;
    size_t len = strlen(s);
    while (len && s[len - 1] == '=')
        len--;
    for (size_t i = 0; i < len; i++) {
        int d = b64_digit(s[i]);
        if (d < 0)
            return GP_BAD_PARAM;
        acc = (acc << 6) | (uint32_t)d;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            dst[n++] = (uint8_t)(acc >> bits);
        }
    }
    *size = n;
    return GP_OK;
}

static GpErr
read_file(const char *path, GpPropValue *v)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return GP_BAD_PARAM;
    GpErr e = GP_BAD_PARAM;
    long size = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
    if (size >= 0 && size < (long)UINT32_MAX && !fseek(f, 0, SEEK_SET)) {
        v->value.data.ptr = malloc((size_t)size + 1);
        e = GP_OUT_OF_MEM;
        if (v->value.data.ptr) {
            v->value.data.size = (uint32_t)size;
            e = fread(v->value.data.ptr, 1, (size_t)size, f) == (size_t)size ? GP_OK : GP_BAD_PARAM;
        }
    }
    fclose(f);
    return e;
}

/* "0xHEX", "b64@BASE64", "file@PATH"; empty text: no data. */
static GpErr
parse_data(const char *s, GpPropValue *v)
{
    size_t len = strlen(s);
    v->type = GP_PROP_DATA;
    if (!len)
        return GP_OK;
    if (!strncmp(s, "file@", 5))
        return read_file(s + 5, v);
    bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    bool b64 = !strncmp(s, "b64@", 4);
    if ((!hex && !b64) || len > UINT32_MAX)
        return GP_BAD_PARAM;
    v->value.data.ptr = malloc(len); /* more than either decoding needs */
    if (!v->value.data.ptr)
        return GP_OUT_OF_MEM;
    if (b64)
        return decode_b64(s + 4, v->value.data.ptr, &v->value.data.size);
    if ((len - 2) % 2)
        return GP_BAD_PARAM;
    for (size_t i = 2; i < len; i += 2) {
        int hi = hex_digit(s[i]), lo = hex_digit(s[i + 1]);
        if (hi < 0 || lo < 0)
            return GP_BAD_PARAM;
        v->value.data.ptr[v->value.data.size++] = (uint8_t)(hi << 4 | lo);
    }
    return GP_OK;
}

/* ---- lists ---- */

static bool
parse_4cc(const char *s, uint32_t *out)
{
    int64_t sv;
    uint64_t uv;
    if (strlen(s) == 4) {
        *out = GP_4CC(s[0], s[1], s[2], s[3]);
        return true;
    }
    if (!parse_int(s, 0, UINT32_MAX, &sv, &uv))
        return false;
    *out = (uint32_t)uv;
    return true;
}

/* "a,b,c" with ",," for a comma inside an item (API.md 4.2); "" is the empty list. */
static GpErr
parse_string_list(const char *s, GpPropValue *v)
{
    size_t nb = *s ? 1 : 0;
    v->type = GP_PROP_STRING_LIST;
    for (const char *p = s; *p; p += 1 + (p[0] == ',' && p[1] == ','))
        nb += *p == ',' && p[1] != ',';
    if (!nb)
        return GP_OK;
    if (nb > UINT32_MAX)
        return GP_BAD_PARAM;
    v->value.string_list.vals = calloc(nb, sizeof(char *));
    if (!v->value.string_list.vals)
        return GP_OUT_OF_MEM;
    for (const char *p = s; v->value.string_list.nb < nb;) {
        const char *end = p;
        size_t n = 0;
        for (; *end && (*end != ',' || end[1] == ','); end += 1 + (*end == ','))
            n++; /* ",," is one ',' */
        char *item = malloc(n + 1);
        if (!item)
            return GP_OUT_OF_MEM;
        v->value.string_list.vals[v->value.string_list.nb++] = item;
        for (; p < end; p += 1 + (*p == ','))
            *item++ = *p;
        *item = 0;
        p = *end ? end + 1 : end;
    }
    return GP_OK;
}

/* Numeric lists: each ',' item parsed as a value of item_type. */
static GpErr
parse_num_list(GpPropType type, const char *s, GpPropValue *v)
{
    uint32_t nb = *s ? 1 : 0;
    size_t elt = type == GP_PROP_VEC2I_LIST ? sizeof(GpVec2i) : sizeof(uint32_t);
    for (const char *p = s; *p; p++)
        nb += *p == ',';
    v->type = type;
    if (!nb)
        return GP_OK;
    uint8_t *vals = calloc(nb, elt);
    if (!vals)
        return GP_OUT_OF_MEM;
    v->value.uint_list.vals = (uint32_t *)(void *)vals;
    v->value.uint_list.nb = nb;
    char item[64];
    for (uint32_t i = 0; i < nb; i++) {
        size_t len = strcspn(s, ",");
        int64_t sv = 0;
        uint64_t uv = 0;
        if (len >= sizeof(item))
            return GP_BAD_PARAM;
        memcpy(item, s, len);
        item[len] = 0;
        s += len + (s[len] == ',');
        bool ok;
        switch (type) {
        case GP_PROP_SINT_LIST:
            ok = parse_int(item, INT32_MIN, INT32_MAX, &sv, &uv);
            v->value.sint_list.vals[i] = (int32_t)sv;
            break;
        case GP_PROP_4CC_LIST: ok = parse_4cc(item, &v->value.uint_list.vals[i]); break;
        case GP_PROP_VEC2I_LIST: ok = parse_vec2i(item, &v->value.v2i_list.vals[i]); break;
        default:
            ok = parse_int(item, 0, UINT32_MAX, &sv, &uv);
            v->value.uint_list.vals[i] = (uint32_t)uv;
        }
        if (!ok)
            return GP_BAD_PARAM;
    }
    return GP_OK;
}

/* ---- gp_prop_parse ---- */

/* Index of `s` in "a|b|c", or the index written as a number; -1 otherwise. */
static int64_t
enum_index(const char *list, const char *s)
{
    int64_t idx = 0, sv;
    uint64_t uv;
    size_t want = strlen(s);
    for (const char *p = list;; idx++) {
        size_t len = strcspn(p, "|");
        if (len == want && !strncmp(p, s, len))
            return idx;
        if (!p[len])
            break;
        p += len + 1;
    }
    if (parse_int(s, 0, UINT32_MAX, &sv, &uv) && (int64_t)uv <= idx)
        return (int64_t)uv;
    return -1;
}

static bool
parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"", "yes", "true", "1"}, *const no[] = {"no", "false", "0"};
    for (size_t i = 0; i < 4; i++)
        if (!strcasecmp(s, yes[i]))
            return *out = true;
    for (size_t i = 0; i < 3; i++)
        if (!strcasecmp(s, no[i])) {
            *out = false;
            return true;
        }
    return false;
}

/* Scalars: the value fits the union without allocation. */
static bool
parse_scalar(GpPropType type, const char *s, GpPropValue *v)
{
    int64_t sv, n;
    uint64_t uv, d;
    double x;
    switch (type) {
    case GP_PROP_SINT:
        if (!parse_int(s, INT32_MIN, INT32_MAX, &sv, &uv))
            return false;
        v->value.sint = (int32_t)sv;
        return true;
    case GP_PROP_UINT:
        if (!parse_int(s, 0, UINT32_MAX, &sv, &uv))
            return false;
        v->value.uint = (uint32_t)uv;
        return true;
    case GP_PROP_LSINT: return parse_int(s, INT64_MIN, INT64_MAX, &v->value.lsint, &uv);
    case GP_PROP_LUINT: return parse_int(s, 0, UINT64_MAX, &sv, &v->value.luint);
    case GP_PROP_BOOL: return parse_bool(s, &v->value.boolean);
    case GP_PROP_FRACTION:
        if (!parse_frac(s, INT32_MIN, INT32_MAX, UINT32_MAX, &n, &d))
            return false;
        v->value.frac.num = (int32_t)n;
        v->value.frac.den = (uint32_t)d;
        return true;
    case GP_PROP_FRACTION64:
        return parse_frac(s, INT64_MIN, INT64_MAX, UINT64_MAX, &v->value.lfrac.num,
                          &v->value.lfrac.den);
    case GP_PROP_FLOAT:
        if (!parse_double(s, true, &x))
            return false;
        v->value.fnumber = (float)x;
        return true;
    case GP_PROP_DOUBLE: return parse_double(s, false, &v->value.number);
    case GP_PROP_VEC2I: return parse_vec2i(s, &v->value.vec2i);
    case GP_PROP_VEC2: return parse_vec(s, 2, NULL, &v->value.vec2.x);
    case GP_PROP_VEC3I: return parse_vec(s, 3, &v->value.vec3i.x, NULL);
    case GP_PROP_VEC4I: return parse_vec(s, 4, &v->value.vec4i.x, NULL);
    case GP_PROP_POINTER:
        if (!parse_int(s, 0, UINTPTR_MAX, &sv, &uv))
            return false;
        v->value.ptr = (void *)(uintptr_t)uv;
        return true;
    case GP_PROP_4CC: return parse_4cc(s, &v->value.uint);
    case GP_PROP_PIXFMT: return gp_pixfmt_parse(s, &v->value.uint) == GP_OK;
    case GP_PROP_PCMFMT: return gp_audio_fmt_parse(s, &v->value.uint) == GP_OK;
    case GP_PROP_CICP_COL_PRIM:
    case GP_PROP_CICP_COL_TFC:
    case GP_PROP_CICP_COL_MX:
    case GP_PROP_CICP_LAYOUT: return gp_cicp_parse(type, s, &v->value.uint) == GP_OK;
    default: return false;
    }
}

GpErr
gp_prop_parse(GpPropType type, const char *text, const char *enum_list, GpPropValue *out)
{
    GpPropValue v;
    GpErr e = GP_BAD_PARAM;
    memset(&v, 0, sizeof(v));
    memset(out, 0, sizeof(*out));
    if (!text)
        return GP_BAD_PARAM;
    v.type = type;
    switch (type) {
    case GP_PROP_STRING:
    case GP_PROP_STRING_NO_COPY:
    case GP_PROP_NAME:
        v.type = GP_PROP_STRING; /* parsed text is always owned */
        v.value.string = strdup(text);
        e = v.value.string ? GP_OK : GP_OUT_OF_MEM;
        break;
    case GP_PROP_DATA:
    case GP_PROP_DATA_NO_COPY:
    case GP_PROP_CONST_DATA: e = parse_data(text, &v); break;
    case GP_PROP_STRING_LIST:
    case GP_PROP_STRING_LIST_COPY: e = parse_string_list(text, &v); break;
    case GP_PROP_UINT_LIST:
    case GP_PROP_SINT_LIST:
    case GP_PROP_VEC2I_LIST:
    case GP_PROP_4CC_LIST: e = parse_num_list(type, text, &v); break;
    case GP_PROP_UINT:
        if (enum_list && *enum_list) {
            int64_t idx = enum_index(enum_list, text);
            v.value.uint = (uint32_t)idx;
            e = idx < 0 ? GP_BAD_PARAM : GP_OK;
            break;
        }
        /* fall through */
    default: e = parse_scalar(type, text, &v) ? GP_OK : GP_BAD_PARAM; break;
    }
    if (e != GP_OK) {
        gp_prop_value_reset(&v);
        return e;
    }
    *out = v;
    return GP_OK;
}
