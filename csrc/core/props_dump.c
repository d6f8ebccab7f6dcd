/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed property value to text: the form gp_prop_parse (props_parse.c) reads back, for
 * every type but data, which prints as "data,size:N" (API.md 3.2). Enum types print their
 * long name, numbers the shortest text that reads back to the same value. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "gp/gp_props.h"

typedef struct DumpBuf {
    char *buf;
    uint32_t size, len;
} DumpBuf;

static void __attribute__((format(printf, 2, 3)))
dump_add(DumpBuf *d, const char *fmt, ...)
{
    if (d->len + 1 >= d->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(d->buf + d->len, d->size - d->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        d->len = d->len + (uint32_t)n < d->size ? d->len + (uint32_t)n : d->size - 1;
}

/* The shortest %g form that reads back to the same value. */
static void
dump_double(DumpBuf *d, double x, bool single)
{
    char tmp[40];
    for (int prec = single ? 6 : 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*g", prec, x);
        double back = strtod(tmp, NULL);
        if (single ? (float)back == (float)x : back == x)
            break;
    }
    dump_add(d, "%s", tmp);
}

/* 4 characters when printable (',' excluded: lists), else the number in hex. */
static void
dump_4cc(DumpBuf *d, uint32_t c)
{
    char s[5];
    for (int i = 0; i < 4; i++) {
        s[i] = (char)((c >> (24 - 8 * i)) & 0xff);
        if (s[i] < 0x20 || s[i] > 0x7e || s[i] == ',') {
            dump_add(d, "0x%08" PRIX32, c);
            return;
        }
    }
    s[4] = 0;
    dump_add(d, "%s", s);
}

static void
dump_enum(DumpBuf *d, const GpPropValue *v)
{
    const char *name = NULL;
    uint32_t x = v->value.uint;
    if (v->type == GP_PROP_PIXFMT)
        name = x ? gp_pixfmt_long_name(x) : "none";
    else if (v->type == GP_PROP_PCMFMT)
        name = x ? gp_audio_fmt_long_name(x) : "none";
    else
        name = gp_cicp_name(v->type, x);
    if (name)
        dump_add(d, "%s", name);
    else
        dump_add(d, "%" PRIu32, x);
}

static void
dump_list(DumpBuf *d, const GpPropValue *v)
{
    uint32_t nb = v->value.uint_list.nb; /* the same place in every list */
    for (uint32_t i = 0; i < nb; i++) {
        if (i)
            dump_add(d, ",");
        switch (v->type) {
        case GP_PROP_STRING_LIST:
        case GP_PROP_STRING_LIST_COPY:
            for (const char *s = v->value.string_list.vals[i]; s && *s; s++) {
                if (*s == ',')
                    dump_add(d, ",,");
                else
                    dump_add(d, "%c", *s);
            }
            break;
        case GP_PROP_SINT_LIST: dump_add(d, "%" PRId32, v->value.sint_list.vals[i]); break;
        case GP_PROP_VEC2I_LIST:
            dump_add(d, "%" PRId32 "x%" PRId32, v->value.v2i_list.vals[i].x,
                     v->value.v2i_list.vals[i].y);
            break;
        case GP_PROP_4CC_LIST: dump_4cc(d, v->value.uint_list.vals[i]); break;
        default: dump_add(d, "%" PRIu32, v->value.uint_list.vals[i]); break;
        }
    }
}

char *
gp_prop_dump(const GpPropValue *v, char *buf, uint32_t size)
{
    DumpBuf d = {buf, size, 0};
    if (!buf || !size)
        return buf;
    buf[0] = 0;
    if (!v)
        return buf;
    const GpVec3i *v3 = &v->value.vec3i;
    const GpVec4i *v4 = &v->value.vec4i;
    switch (v->type) {
    case GP_PROP_FORBIDDEN: break;
    case GP_PROP_SINT: dump_add(&d, "%" PRId32, v->value.sint); break;
    case GP_PROP_UINT: dump_add(&d, "%" PRIu32, v->value.uint); break;
    case GP_PROP_LSINT: dump_add(&d, "%" PRId64, v->value.lsint); break;
    case GP_PROP_LUINT: dump_add(&d, "%" PRIu64, v->value.luint); break;
    case GP_PROP_BOOL: dump_add(&d, "%s", v->value.boolean ? "true" : "false"); break;
    case GP_PROP_FRACTION:
        dump_add(&d, "%" PRId32 "/%" PRIu32, v->value.frac.num, v->value.frac.den);
        break;
    case GP_PROP_FRACTION64:
        dump_add(&d, "%" PRId64 "/%" PRIu64, v->value.lfrac.num, v->value.lfrac.den);
        break;
    case GP_PROP_FLOAT: dump_double(&d, v->value.fnumber, true); break;
    case GP_PROP_DOUBLE: dump_double(&d, v->value.number, false); break;
    case GP_PROP_VEC2I:
        dump_add(&d, "%" PRId32 "x%" PRId32, v->value.vec2i.x, v->value.vec2i.y);
        break;
    case GP_PROP_VEC2:
        dump_double(&d, v->value.vec2.x, false);
        dump_add(&d, "x");
        dump_double(&d, v->value.vec2.y, false);
        break;
    case GP_PROP_VEC3I:
        dump_add(&d, "%" PRId32 "x%" PRId32 "x%" PRId32, v3->x, v3->y, v3->z);
        break;
    case GP_PROP_VEC4I:
        dump_add(&d, "%" PRId32 "x%" PRId32 "x%" PRId32 "x%" PRId32, v4->x, v4->y, v4->z, v4->w);
        break;
    case GP_PROP_STRING:
    case GP_PROP_STRING_NO_COPY:
    case GP_PROP_NAME: dump_add(&d, "%s", v->value.string ? v->value.string : ""); break;
    case GP_PROP_DATA:
    case GP_PROP_DATA_NO_COPY:
    case GP_PROP_CONST_DATA: dump_add(&d, "data,size:%" PRIu32, v->value.data.size); break;
    case GP_PROP_POINTER: dump_add(&d, "0x%" PRIxPTR, (uintptr_t)v->value.ptr); break;
    case GP_PROP_4CC: dump_4cc(&d, v->value.uint); break;
    case GP_PROP_STRING_LIST:
    case GP_PROP_STRING_LIST_COPY:
    case GP_PROP_UINT_LIST:
    case GP_PROP_SINT_LIST:
    case GP_PROP_VEC2I_LIST:
    case GP_PROP_4CC_LIST: dump_list(&d, v); break;
    default:
        if (v->type >= GP_PROP_FIRST_ENUM && v->type < GP_PROP_LAST_DEFINED)
            dump_enum(&d, v);
        break;
    }
    return buf;
}
