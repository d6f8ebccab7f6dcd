/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Property values between Python and the engine (API.md 3): key resolution, C value to
 * Python (3.2), Python to C value (3.3) and enumeration through on_prop_enum. The value
 * types themselves (Fraction, PropVec*, PropData) are py_values.c's; the private test
 * hooks that convert without a session (_prop_roundtrip...) are in py_sys.c.
 *
 * Python equivalent (the rules, as used by set_prop/get_prop):
 *
 *     get: uint/sint/... -> int, bool -> bool, frac -> Fraction, mem -> PropData,
 *          StreamType/CodecID/PixelFormat/AudioFormat -> names, 4cc -> 'avc1'
 *     set: names or ints for those, number/fraction/vector-like objects, list (only
 *          a list) for list types; custom names without custom_type: str(value)
 */
#include "py_gpac.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ================= keys ================= */

int
py_prop_key(PyObject *key, uint32_t *code, const char **name)
{
    *code = 0;
    *name = NULL;
    if (PyUnicode_Check(key)) {
        Py_ssize_t len;
        const char *s = PyUnicode_AsUTF8AndSize(key, &len);
        if (!s)
            return -1;
        if (!len || (size_t)len != strlen(s)) {
            PyErr_Format(PyExc_ValueError, "invalid property name %R", key);
            return -1;
        }
        const GpPropInfo *info = gp_props_find(s);
        if (info)
            *code = info->code;
        else
            *name = s; /* custom property */
        return 0;
    }
    if (PyLong_Check(key)) {
        int overflow = 0;
        long long c = PyLong_AsLongLongAndOverflow(key, &overflow);
        if (c == -1 && PyErr_Occurred())
            return -1;
        const GpPropInfo *info =
            !overflow && c >= 0 && c <= (long long)UINT32_MAX ? gp_props_find_code((uint32_t)c)
                                                              : NULL;
        if (!info) {
            PyErr_Format(PyExc_ValueError, "%R is not the 4CC of a built-in property", key);
            return -1;
        }
        *code = info->code;
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "property name must be a str or an int (4CC), not %.100s",
                 Py_TYPE(key)->tp_name);
    return -1;
}

/* ================= C -> Python (API.md 3.2) ================= */

/* Four printable characters, else "0x%08X" (which py_prop_from_python reads back). */
static PyObject *
props_fourcc_str(uint32_t c)
{
    char s[12];
    for (int i = 0; i < 4; i++) {
        s[i] = (char)((c >> (24 - 8 * i)) & 0xff);
        if (s[i] < 0x20 || s[i] > 0x7e) {
            snprintf(s, sizeof(s), "0x%08X", (unsigned)c);
            return PyUnicode_FromString(s);
        }
    }
    return PyUnicode_FromStringAndSize(s, 4);
}

/* Name of an enum value: short (file extension) or long name for pixel and audio
 * formats, the CICP names. A value without a name comes back as its int. */
static PyObject *
props_enum_name(GpPropType type, uint32_t v, bool short_name)
{
    const char *n;
    if (type == GP_PROP_PIXFMT)
        n = !v ? "none" : short_name ? gp_pixfmt_name(v) : gp_pixfmt_long_name(v);
    else if (type == GP_PROP_PCMFMT)
        n = !v ? "none" : short_name ? gp_audio_fmt_name(v) : gp_audio_fmt_long_name(v);
    else
        n = gp_cicp_name(type, v);
    return n ? PyUnicode_FromString(n) : PyLong_FromUnsignedLong(v);
}

static PyObject *
props_text(const char *s)
{
    if (!s)
        s = "";
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

static PyObject *
props_list_to_python(py_state *st, const GpPropValue *v)
{
    uint32_t nb = v->value.uint_list.nb; /* the four lists share {vals, nb} */
    PyObject *list = PyList_New((Py_ssize_t)nb);
    if (!list)
        return NULL;
    for (uint32_t i = 0; i < nb; i++) {
        PyObject *item;
        switch (v->type) {
        case GP_PROP_UINT_LIST: item = PyLong_FromUnsignedLong(v->value.uint_list.vals[i]); break;
        case GP_PROP_4CC_LIST: item = props_fourcc_str(v->value.uint_list.vals[i]); break;
        case GP_PROP_SINT_LIST: item = PyLong_FromLong(v->value.sint_list.vals[i]); break;
        case GP_PROP_VEC2I_LIST: {
            GpPropValue one = {GP_PROP_VEC2I, {.vec2i = v->value.v2i_list.vals[i]}};
            item = py_vec_new(st, GP_PROP_VEC2I, &one);
            break;
        }
        default: item = props_text(v->value.string_list.vals[i]); break;
        }
        if (!item) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

PyObject *
py_prop_to_python(py_state *st, uint32_t code, const GpPropValue *v)
{
    if (!v)
        Py_RETURN_NONE;
    /* names for the four enum-like built-ins; PixelFormat/AudioFormat always give the
     * short name, whether a C filter stored a plain uint or Python the enum type */
    if (code == GP_P_STREAM_TYPE && v->type == GP_PROP_UINT)
        return PyUnicode_FromString(gp_stream_type_name(v->value.uint));
    if (code == GP_P_CODECID && v->type == GP_PROP_UINT)
        return PyUnicode_FromString(gp_codec_name(v->value.uint));
    if (code == GP_P_PIXFMT && (v->type == GP_PROP_UINT || v->type == GP_PROP_PIXFMT))
        return props_enum_name(GP_PROP_PIXFMT, v->value.uint, true);
    if (code == GP_P_AUDIO_FORMAT && (v->type == GP_PROP_UINT || v->type == GP_PROP_PCMFMT))
        return props_enum_name(GP_PROP_PCMFMT, v->value.uint, true);

    switch (v->type) {
    case GP_PROP_SINT: return PyLong_FromLong(v->value.sint);
    case GP_PROP_UINT: return PyLong_FromUnsignedLong(v->value.uint);
    case GP_PROP_LSINT: return PyLong_FromLongLong(v->value.lsint);
    case GP_PROP_LUINT: return PyLong_FromUnsignedLongLong(v->value.luint);
    case GP_PROP_BOOL: return PyBool_FromLong(v->value.boolean);
    case GP_PROP_FRACTION: return py_fraction_new(st, v->value.frac.num, v->value.frac.den);
    case GP_PROP_FRACTION64: return py_fraction64_new(st, v->value.lfrac.num, v->value.lfrac.den);
    case GP_PROP_FLOAT: return PyFloat_FromDouble(v->value.fnumber);
    case GP_PROP_DOUBLE: return PyFloat_FromDouble(v->value.number);
    case GP_PROP_VEC2I:
    case GP_PROP_VEC2:
    case GP_PROP_VEC3I:
    case GP_PROP_VEC4I: return py_vec_new(st, v->type, v);
    case GP_PROP_STRING:
    case GP_PROP_STRING_NO_COPY:
    case GP_PROP_NAME: return props_text(v->value.string);
    case GP_PROP_DATA:
    case GP_PROP_DATA_NO_COPY:
    case GP_PROP_CONST_DATA:
        return py_propdata_new(st, v->value.data.ptr, v->value.data.ptr ? v->value.data.size : 0);
    case GP_PROP_POINTER: return PyLong_FromVoidPtr(v->value.ptr);
    case GP_PROP_STRING_LIST:
    case GP_PROP_STRING_LIST_COPY:
    case GP_PROP_UINT_LIST:
    case GP_PROP_SINT_LIST:
    case GP_PROP_VEC2I_LIST:
    case GP_PROP_4CC_LIST: return props_list_to_python(st, v);
    case GP_PROP_4CC: return props_fourcc_str(v->value.uint);
    case GP_PROP_PIXFMT:
    case GP_PROP_PCMFMT:
    case GP_PROP_CICP_COL_PRIM:
    case GP_PROP_CICP_COL_TFC:
    case GP_PROP_CICP_COL_MX:
    case GP_PROP_CICP_LAYOUT: return props_enum_name(v->type, v->value.uint, false);
    default:
        PyErr_Format(PyExc_ValueError, "property of unknown type %d", (int)v->type);
        return NULL;
    }
}

/* ================= fractions and vectors from Python objects ================= */

/* *out gets attribute `name`, or NULL (no error set) when obj has none. 1, 0 or -1. */
static int
props_opt_attr(PyObject *obj, const char *name, PyObject **out)
{
    *out = PyObject_GetAttrString(obj, name);
    if (*out)
        return 1;
    if (!PyErr_ExceptionMatches(PyExc_AttributeError))
        return -1;
    PyErr_Clear(); /* house-style: a missing attribute only means another kind of value */
    return 0;
}

static int
props_frac_part(PyObject *n, PyObject *d, bool lfrac, int64_t *num, uint64_t *den)
{
    if (py_value_sint(n, lfrac ? INT64_MIN : INT32_MIN, lfrac ? INT64_MAX : INT32_MAX, num,
                      "numerator") < 0)
        return -1;
    return py_value_uint(d, lfrac ? UINT64_MAX : UINT32_MAX, den, "denominator");
}

/* Attributes n and d (num/den, or numerator/denominator) when obj has both: 1 read,
 * 0 absent, -1 error. */
static int
props_frac_attrs(PyObject *obj, const char *n, const char *d, bool lfrac, int64_t *num,
                 uint64_t *den)
{
    PyObject *nv = NULL, *dv = NULL;
    int rc = props_opt_attr(obj, n, &nv);
    if (rc > 0)
        rc = props_opt_attr(obj, d, &dv);
    if (rc > 0)
        rc = props_frac_part(nv, dv, lfrac, num, den) < 0 ? -1 : 1;
    Py_XDECREF(nv);
    Py_XDECREF(dv);
    return rc;
}

/* float x -> int(scale * x) / scale, scale 1e3 (frac) or 1e6 (lfrac), as API.md 3.3:
 * truncation toward 0. */
static int
props_frac_float(PyObject *obj, bool lfrac, int64_t *num, uint64_t *den)
{
    double x = PyFloat_AsDouble(obj);
    if (x == -1.0 && PyErr_Occurred())
        return -1;
    double scale = lfrac ? 1e6 : 1e3;
    double lim = lfrac ? 9.2e18 : 2147483647.0;
    double v = trunc(x * scale);
    if (isnan(v)) {
        PyErr_SetString(PyExc_ValueError, "cannot make a fraction from NaN");
        return -1;
    }
    if (v > lim || v < -lim - 1) {
        PyErr_Format(PyExc_OverflowError, "%R out of range for a %s", obj,
                     lfrac ? "Fraction64" : "Fraction");
        return -1;
    }
    *num = (int64_t)v;
    *den = (uint64_t)scale;
    return 0;
}

int
py_fraction_from(PyObject *obj, bool lfrac, int64_t *num, uint64_t *den)
{
    if (PyIndex_Check(obj)) {
        *den = 1;
        return py_value_sint(obj, lfrac ? INT64_MIN : INT32_MIN, lfrac ? INT64_MAX : INT32_MAX,
                             num, "numerator");
    }
    if (PyFloat_Check(obj))
        return props_frac_float(obj, lfrac, num, den);
    /* exact forms first: Fraction/Fraction64 and look-alikes, then numbers.Rational
     * (fractions.Fraction), then anything float() accepts */
    int rc = props_frac_attrs(obj, "num", "den", lfrac, num, den);
    if (rc == 0)
        rc = props_frac_attrs(obj, "numerator", "denominator", lfrac, num, den);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    if (Py_TYPE(obj)->tp_as_number && Py_TYPE(obj)->tp_as_number->nb_float)
        return props_frac_float(obj, lfrac, num, den);
    PyErr_Format(PyExc_TypeError,
                 "%s value must be a fraction (an object with num and den), an int or a "
                 "float, not %.100s",
                 lfrac ? "Fraction64" : "Fraction", Py_TYPE(obj)->tp_name);
    return -1;
}

int
py_vec_from(PyObject *obj, GpPropType type, GpPropValue *out)
{
    static const char *const axis[4] = {"x", "y", "z", "w"};
    int dims = type == GP_PROP_VEC4I ? 4 : type == GP_PROP_VEC3I ? 3 : 2;
    int32_t iv[4] = {0, 0, 0, 0};
    double dv[2] = {0, 0};
    for (int i = 0; i < dims; i++) {
        PyObject *a;
        int64_t sv = 0;
        int rc = props_opt_attr(obj, axis[i], &a);
        if (rc == 0)
            PyErr_Format(PyExc_TypeError, "%s value needs attributes %.*s, %.100s has no '%s'",
                         type == GP_PROP_VEC2 ? "PropVec2" : dims == 4 ? "PropVec4i"
                                                           : dims == 3 ? "PropVec3i"
                                                                       : "PropVec2i",
                         3 * dims - 2, "x, y, z, w", Py_TYPE(obj)->tp_name, axis[i]);
        if (rc <= 0)
            return -1;
        if (type == GP_PROP_VEC2) {
            dv[i] = PyFloat_AsDouble(a);
            rc = dv[i] == -1.0 && PyErr_Occurred() ? -1 : 0;
        } else {
            rc = py_value_sint(a, INT32_MIN, INT32_MAX, &sv, axis[i]);
            iv[i] = (int32_t)sv;
        }
        Py_DECREF(a);
        if (rc < 0)
            return -1;
    }
    out->type = type;
    if (type == GP_PROP_VEC2)
        memcpy(&out->value, dv, sizeof(GpVec2)); /* GpVec2 is {double x, y} */
    else
        memcpy(&out->value, iv, (size_t)dims * sizeof(int32_t));
    return 0;
}

/* ================= Python -> C (API.md 3.3) ================= */

/* UTF-8 copy (malloc, freed by gp_prop_value_reset) of str(value); bytes are decoded
 * as UTF-8 instead of giving "b'...'". */
static char *
props_strdup(PyObject *value)
{
    PyObject *s;
    if (PyUnicode_Check(value)) {
        Py_INCREF(value);
        s = value;
    } else if (PyBytes_Check(value)) {
        s = PyUnicode_DecodeUTF8(PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value), NULL);
    } else {
        s = PyObject_Str(value);
    }
    if (!s)
        return NULL;
    Py_ssize_t len;
    char *copy = NULL;
    const char *utf8 = PyUnicode_AsUTF8AndSize(s, &len);
    if (utf8 && (size_t)len != strlen(utf8))
        PyErr_SetString(PyExc_ValueError, "property string with an embedded null character");
    else if (utf8 && !(copy = malloc((size_t)len + 1)))
        PyErr_NoMemory();
    else if (utf8)
        memcpy(copy, utf8, (size_t)len + 1);
    Py_DECREF(s);
    return copy;
}

/* A 4CC: 4 characters (each < 256), "0xHHHHHHHH" as props_fourcc_str writes it, or an
 * int. */
static int
props_fourcc_from(PyObject *value, uint32_t *out)
{
    if (PyIndex_Check(value)) {
        uint64_t u;
        if (py_value_uint(value, UINT32_MAX, &u, "4CC") < 0)
            return -1;
        *out = (uint32_t)u;
        return 0;
    }
    if (!PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "4CC value must be a 4-character str, not %.100s",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_ssize_t len = PyUnicode_GET_LENGTH(value);
    uint32_t c = 0;
    if (len == 4) {
        for (Py_ssize_t i = 0; i < 4; i++) {
            Py_UCS4 ch = PyUnicode_READ_CHAR(value, i);
            if (ch > 0xff)
                goto bad;
            c = (c << 8) | ch;
        }
        *out = c;
        return 0;
    }
    const char *s = PyUnicode_AsUTF8(value);
    if (!s)
        return -1;
    if (len == 10 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        char *end;
        unsigned long v = strtoul(s + 2, &end, 16);
        if (!*end && v <= UINT32_MAX && s[2] != '-' && s[2] != '+' && s[2] != ' ') {
            *out = (uint32_t)v;
            return 0;
        }
    }
bad:
    PyErr_Format(PyExc_ValueError, "a 4CC is 4 characters (or 0xHHHHHHHH), not %R", value);
    return -1;
}

/* Enum-like values: a name (StreamType, CodecID, pixel/audio format, CICP) or the
 * int itself. code selects StreamType/CodecID, stored as uint. */
static int
props_enum_from(GpPropType type, uint32_t code, PyObject *value, uint32_t *out)
{
    if (PyIndex_Check(value)) {
        uint64_t u;
        if (py_value_uint(value, UINT32_MAX, &u, "property value") < 0)
            return -1;
        *out = (uint32_t)u;
        return 0;
    }
    if (!PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "value must be a name (str) or an int, not %.100s",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(value, &len);
    GpErr e;
    const char *what;
    if (!s)
        return -1;
    if (code == GP_P_STREAM_TYPE)
        e = gp_stream_type_parse(s, out), what = "stream type";
    else if (code == GP_P_CODECID)
        e = gp_codec_parse(s, out), what = "codec";
    else if (type == GP_PROP_PIXFMT)
        e = gp_pixfmt_parse(s, out), what = "pixel format";
    else if (type == GP_PROP_PCMFMT)
        e = gp_audio_fmt_parse(s, out), what = "audio format";
    else
        e = gp_cicp_parse(type, s, out), what = gp_prop_type_name(type);
    if (e != GP_OK || (size_t)len != strlen(s)) {
        PyErr_Format(PyExc_ValueError, "unknown %s name %R", what, value);
        return -1;
    }
    return 0;
}

/* A private copy of a list argument: conversions run Python code that could change the
 * caller's list under our feet. TypeError for anything but a list (API.md 3.3). */
static PyObject *
props_list_copy(PyObject *value)
{
    if (!PyList_Check(value)) {
        PyErr_Format(PyExc_TypeError, "Property is not a list (got %.100s)",
                     Py_TYPE(value)->tp_name);
        return NULL;
    }
    return PyList_GetSlice(value, 0, PyList_GET_SIZE(value));
}

static int
props_list_from(GpPropType type, PyObject *value, GpPropValue *out)
{
    static const size_t elt_size[] = {
        [GP_PROP_STRING_LIST] = sizeof(char *), [GP_PROP_UINT_LIST] = sizeof(uint32_t),
        [GP_PROP_SINT_LIST] = sizeof(int32_t),  [GP_PROP_VEC2I_LIST] = sizeof(GpVec2i),
        [GP_PROP_4CC_LIST] = sizeof(uint32_t),
    };
    PyObject *list = props_list_copy(value);
    if (!list)
        return -1;
    Py_ssize_t nb = PyList_GET_SIZE(list);
    int rc = 0;
    if ((uint64_t)nb > UINT32_MAX / sizeof(GpVec2i)) {
        PyErr_SetString(PyExc_OverflowError, "property list too long");
        Py_DECREF(list);
        return -1;
    }
    /* out owns the array from now on: gp_prop_value_reset frees what was filled */
    out->type = type;
    out->value.uint_list.vals = nb ? calloc((size_t)nb, elt_size[type]) : NULL;
    if (nb && !out->value.uint_list.vals) {
        Py_DECREF(list);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < nb && rc == 0; i++) {
        PyObject *item = PyList_GET_ITEM(list, i);
        int64_t sv;
        uint64_t uv;
        GpPropValue vec;
        switch (type) {
        case GP_PROP_STRING_LIST:
            out->value.string_list.vals[i] = props_strdup(item);
            rc = out->value.string_list.vals[i] ? 0 : -1;
            break;
        case GP_PROP_UINT_LIST:
            rc = py_value_uint(item, UINT32_MAX, &uv, "list item");
            out->value.uint_list.vals[i] = (uint32_t)uv;
            break;
        case GP_PROP_SINT_LIST:
            rc = py_value_sint(item, INT32_MIN, INT32_MAX, &sv, "list item");
            out->value.sint_list.vals[i] = (int32_t)sv;
            break;
        case GP_PROP_4CC_LIST: rc = props_fourcc_from(item, &out->value.uint_list.vals[i]); break;
        default:
            rc = py_vec_from(item, GP_PROP_VEC2I, &vec);
            out->value.v2i_list.vals[i] = vec.value.vec2i;
            break;
        }
        if (rc == 0)
            out->value.uint_list.nb = (uint32_t)(i + 1);
    }
    Py_DECREF(list);
    return rc;
}

static int
props_data_from(PyObject *value, GpPropValue *out)
{
    Py_buffer view;
    if (PyUnicode_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "data property value must be bytes-like, not str");
        return -1;
    }
    if (PyObject_GetBuffer(value, &view, PyBUF_SIMPLE) < 0)
        return -1;
    int rc = -1;
    uint8_t *copy = NULL;
    if ((uint64_t)view.len >= UINT32_MAX)
        PyErr_SetString(PyExc_OverflowError, "data property larger than 4 GiB");
    else if (!(copy = malloc((size_t)view.len + 1))) /* + a 0, as the engine's copies */
        PyErr_NoMemory();
    else {
        memcpy(copy, view.buf, (size_t)view.len);
        copy[view.len] = 0;
        out->type = GP_PROP_DATA;
        out->value.data.ptr = copy;
        out->value.data.size = (uint32_t)view.len;
        rc = 0;
    }
    PyBuffer_Release(&view);
    return rc;
}

static int
props_number_from(GpPropType type, PyObject *value, GpPropValue *out)
{
    int64_t sv = 0;
    uint64_t uv = 0;
    int rc;
    switch (type) {
    case GP_PROP_SINT:
        rc = py_value_sint(value, INT32_MIN, INT32_MAX, &sv, "property value");
        out->value.sint = (int32_t)sv;
        break;
    case GP_PROP_UINT:
        rc = py_value_uint(value, UINT32_MAX, &uv, "property value");
        out->value.uint = (uint32_t)uv;
        break;
    case GP_PROP_LSINT:
        rc = py_value_sint(value, INT64_MIN, INT64_MAX, &out->value.lsint, "property value");
        break;
    case GP_PROP_LUINT:
        rc = py_value_uint(value, UINT64_MAX, &out->value.luint, "property value");
        break;
    case GP_PROP_BOOL:
        if (!PyNumber_Check(value)) {
            PyErr_Format(PyExc_TypeError, "bool property value must be a bool or a number, "
                         "not %.100s", Py_TYPE(value)->tp_name);
            return -1;
        }
        rc = PyObject_IsTrue(value);
        out->value.boolean = rc > 0;
        rc = rc < 0 ? -1 : 0;
        break;
    default: { /* FLOAT, DOUBLE */
        double x = PyFloat_AsDouble(value);
        rc = x == -1.0 && PyErr_Occurred() ? -1 : 0;
        if (!rc && type == GP_PROP_FLOAT && isfinite(x) && fabs(x) > FLT_MAX) {
            PyErr_Format(PyExc_OverflowError, "%R out of range for a float property", value);
            rc = -1;
        }
        if (type == GP_PROP_FLOAT)
            out->value.fnumber = (float)x;
        else
            out->value.number = x;
        break;
    }
    }
    out->type = type;
    return rc;
}

/* Converts value to a property of type `type` (a built-in's or a custom_type). */
static int
props_typed_from(GpPropType type, uint32_t code, PyObject *value, GpPropValue *out)
{
    int64_t num;
    uint64_t den;
    switch (type) {
    case GP_PROP_SINT:
    case GP_PROP_UINT:
    case GP_PROP_LSINT:
    case GP_PROP_LUINT:
    case GP_PROP_BOOL:
    case GP_PROP_FLOAT:
    case GP_PROP_DOUBLE: return props_number_from(type, value, out);
    case GP_PROP_FRACTION:
    case GP_PROP_FRACTION64:
        if (py_fraction_from(value, type == GP_PROP_FRACTION64, &num, &den) < 0)
            return -1;
        out->type = type;
        if (type == GP_PROP_FRACTION)
            out->value.frac.num = (int32_t)num, out->value.frac.den = (uint32_t)den;
        else
            out->value.lfrac.num = num, out->value.lfrac.den = den;
        return 0;
    case GP_PROP_VEC2I:
    case GP_PROP_VEC2:
    case GP_PROP_VEC3I:
    case GP_PROP_VEC4I: return py_vec_from(value, type, out);
    case GP_PROP_STRING:
    case GP_PROP_STRING_NO_COPY:
    case GP_PROP_NAME:
        out->value.string = props_strdup(value);
        if (!out->value.string)
            return -1;
        out->type = GP_PROP_STRING;
        return 0;
    case GP_PROP_DATA:
    case GP_PROP_DATA_NO_COPY:
    case GP_PROP_CONST_DATA: return props_data_from(value, out);
    case GP_PROP_POINTER:
        PyErr_SetString(PyExc_TypeError, "setting a pointer property from Python is not "
                                         "supported");
        return -1;
    case GP_PROP_STRING_LIST:
    case GP_PROP_STRING_LIST_COPY: return props_list_from(GP_PROP_STRING_LIST, value, out);
    case GP_PROP_UINT_LIST:
    case GP_PROP_SINT_LIST:
    case GP_PROP_VEC2I_LIST:
    case GP_PROP_4CC_LIST: return props_list_from(type, value, out);
    case GP_PROP_4CC:
        out->type = type;
        return props_fourcc_from(value, &out->value.uint);
    case GP_PROP_PIXFMT:
    case GP_PROP_PCMFMT:
    case GP_PROP_CICP_COL_PRIM:
    case GP_PROP_CICP_COL_TFC:
    case GP_PROP_CICP_COL_MX:
    case GP_PROP_CICP_LAYOUT:
        out->type = type;
        return props_enum_from(type, code, value, &out->value.uint);
    default:
        PyErr_Format(PyExc_ValueError, "invalid property type %d", (int)type);
        return -1;
    }
}

int
py_prop_from_python(py_state *st, uint32_t code, const char *name, PyObject *value,
                    int custom_type, GpPropValue *out)
{
    GpPropType type;
    int rc;
    (void)st;
    memset(out, 0, sizeof(*out));
    if (code) {
        const GpPropInfo *info = gp_props_find_code(code);
        if (!info) {
            PyErr_Format(PyExc_ValueError, "unknown built-in property code 0x%08X",
                         (unsigned)code);
            return -1;
        }
        type = info->type; /* a built-in's own type wins over custom_type */
        if (code == GP_P_STREAM_TYPE || code == GP_P_CODECID) {
            out->type = type;
            return props_enum_from(type, code, value, &out->value.uint);
        }
    } else if (!custom_type) {
        type = GP_PROP_STRING; /* custom name, no type: str(value), as GPAC */
    } else if (custom_type <= GP_PROP_FORBIDDEN || custom_type >= GP_PROP_LAST_DEFINED ||
               !strcmp(gp_prop_type_name((GpPropType)custom_type), "forbidden")) {
        PyErr_Format(PyExc_ValueError, "invalid custom_type %d for property '%s'", custom_type,
                     name ? name : "");
        return -1;
    } else {
        type = (GpPropType)custom_type;
    }
    rc = props_typed_from(type, code, value, out);
    if (rc < 0)
        gp_prop_value_reset(out);
    return rc;
}

/* ================= enumeration ================= */

int
py_props_enum(py_state *st, PyObject *cb, PyPropEnumFn fn, void *ctx)
{
    uint32_t idx = 0, code;
    const char *name;
    const GpPropValue *v;
    while ((code = 0, name = NULL, v = fn(ctx, &idx, &code, &name)) != NULL) {
        const GpPropInfo *info = code ? gp_props_find_code(code) : NULL;
        /* the value and name are converted before the call: the callback may change
         * the properties that fn walks */
        PyObject *pyname = info ? PyUnicode_FromString(info->name)
                           : name ? props_text(name)
                                  : props_fourcc_str(code);
        PyObject *pyval = pyname ? py_prop_to_python(st, code, v) : NULL;
        PyObject *res = pyval ? PyObject_CallMethodObjArgs(cb, st->str_on_prop_enum, pyname,
                                                            pyval, NULL)
                              : NULL;
        Py_XDECREF(pyname);
        Py_XDECREF(pyval);
        if (!res)
            return -1;
        Py_DECREF(res);
    }
    return 0;
}
