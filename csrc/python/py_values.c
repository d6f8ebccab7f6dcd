/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The value structs of API.md 2.8: Fraction, Fraction64, PropVec2i, PropVec2,
 * PropVec3i, PropVec4i (small mutable records, like the reference's ctypes structs)
 * and PropData (an immutable copy of property bytes with the buffer protocol). Plus
 * the readers that turn Python objects into fractions and vectors for py_props.c.
 * None of these types holds a PyObject *, so none needs the GC.
 *
 * Python equivalent:
 *
 *     class Fraction:                    # Fraction64: same with int64 / uint64
 *         def __init__(self, num=0, den=1): ...   # int32 / uint32, checked
 *         def __str__(self): return f"{self.num}/{self.den}"
 *         def __eq__(self, other): ...   # by value, with fractions and ints
 *         def __float__(self): return self.num / self.den
 *     class PropVec2i:                   # PropVec2 (floats), PropVec3i, PropVec4i
 *         def __init__(self, x=0, y=0): ...
 *         def __str__(self): return f"{self.x}x{self.y}"
 *     class PropData(bytes-like, immutable):
 *         size: int; data: bytes; str() == f"data,size:{size}"
 */
#include "py_gpac.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#ifndef Py_TPFLAGS_IMMUTABLETYPE /* 3.9: types from specs are mutable, nothing to set */
#define Py_TPFLAGS_IMMUTABLETYPE 0
#endif

/* ================= Fraction, Fraction64 ================= */

/* One layout for both: `wide` selects the 64-bit ranges of Fraction64. */
typedef struct PyFrac {
    PyObject_HEAD
    int64_t num;
    uint64_t den;
    int wide;
} PyFrac;

#define FRAC_CAST(op) ((PyFrac *)(op))

/* Python int (anything with __index__) into [lo, hi] or [0, uhi]: TypeError for
 * non-integers, OverflowError out of range. `what` names the target in messages. */
static int
values_int_in_range(PyObject *obj, bool is_unsigned, int64_t lo, int64_t hi, uint64_t uhi,
                    int64_t *sv, uint64_t *uv, const char *what)
{
    if (!PyIndex_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be an integer, not %.100s", what,
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    PyObject *idx = PyNumber_Index(obj);
    if (!idx)
        return -1;
    int overflow = 0;
    int rc = 0;
    if (is_unsigned) {
        unsigned long long v = 0;
        if (PyObject_RichCompareBool(idx, Py_False, Py_LT) == 1)
            overflow = 1; /* negative */
        else {
            v = PyLong_AsUnsignedLongLong(idx);
            if (v == (unsigned long long)-1 && PyErr_Occurred()) {
                if (!PyErr_ExceptionMatches(PyExc_OverflowError))
                    rc = -1;
                overflow = 1;
            }
        }
        if (!overflow && v > uhi)
            overflow = 1;
        if (!overflow)
            *uv = (uint64_t)v;
    } else {
        long long v = PyLong_AsLongLongAndOverflow(idx, &overflow);
        if (v == -1 && PyErr_Occurred())
            rc = -1;
        else if (!overflow && (v < lo || v > hi))
            overflow = 1;
        if (!overflow && rc == 0)
            *sv = (int64_t)v;
    }
    if (rc == 0 && overflow) {
        if (is_unsigned)
            PyErr_Format(PyExc_OverflowError, "%s out of range [0, %llu]: %S", what,
                         (unsigned long long)uhi, idx);
        else
            PyErr_Format(PyExc_OverflowError, "%s out of range [%lld, %lld]: %S", what,
                         (long long)lo, (long long)hi, idx);
        rc = -1;
    }
    Py_DECREF(idx);
    return rc;
}

static int
frac_read_num(PyObject *obj, bool wide, int64_t *num)
{
    uint64_t unused;
    return values_int_in_range(obj, false, wide ? INT64_MIN : INT32_MIN,
                               wide ? INT64_MAX : INT32_MAX, 0, num, &unused, "numerator");
}

static int
frac_read_den(PyObject *obj, bool wide, uint64_t *den)
{
    int64_t unused;
    return values_int_in_range(obj, true, 0, 0, wide ? UINT64_MAX : UINT32_MAX, &unused, den,
                               "denominator");
}

static PyObject *
frac_alloc(PyTypeObject *tp, int64_t num, uint64_t den, int wide)
{
    PyFrac *self = (PyFrac *)tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
    self->num = num;
    self->den = den;
    self->wide = wide;
    return (PyObject *)self;
}

static PyObject *
frac_new_common(PyTypeObject *tp, PyObject *args, PyObject *kwds, int wide)
{
    static char *kwlist[] = {"num", "den", NULL};
    PyObject *num_obj = NULL, *den_obj = NULL;
    int64_t num = 0;
    uint64_t den = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, wide ? "|OO:Fraction64" : "|OO:Fraction",
                                     kwlist, &num_obj, &den_obj))
        return NULL;
    if (num_obj && frac_read_num(num_obj, wide, &num) < 0)
        return NULL;
    if (den_obj && frac_read_den(den_obj, wide, &den) < 0)
        return NULL;
    return frac_alloc(tp, num, den, wide);
}

static PyObject *
fraction_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    return frac_new_common(tp, args, kwds, 0);
}

static PyObject *
fraction64_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    return frac_new_common(tp, args, kwds, 1);
}

static void
values_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

static PyObject *
frac_get_num(PyObject *self, void *closure)
{
    return PyLong_FromLongLong(FRAC_CAST(self)->num);
}

static PyObject *
frac_get_den(PyObject *self, void *closure)
{
    return PyLong_FromUnsignedLongLong(FRAC_CAST(self)->den);
}

static int
frac_set_num(PyObject *self, PyObject *value, void *closure)
{
    if (!value) {
        PyErr_SetString(PyExc_TypeError, "cannot delete the numerator");
        return -1;
    }
    return frac_read_num(value, FRAC_CAST(self)->wide, &FRAC_CAST(self)->num);
}

static int
frac_set_den(PyObject *self, PyObject *value, void *closure)
{
    if (!value) {
        PyErr_SetString(PyExc_TypeError, "cannot delete the denominator");
        return -1;
    }
    return frac_read_den(value, FRAC_CAST(self)->wide, &FRAC_CAST(self)->den);
}

static PyObject *
frac_str(PyObject *self)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%lld/%llu", (long long)FRAC_CAST(self)->num,
             (unsigned long long)FRAC_CAST(self)->den);
    return PyUnicode_FromString(buf);
}

static PyObject *
frac_repr(PyObject *self)
{
    char buf[96];
    snprintf(buf, sizeof(buf), "%s(%lld, %llu)", FRAC_CAST(self)->wide ? "Fraction64" : "Fraction",
             (long long)FRAC_CAST(self)->num, (unsigned long long)FRAC_CAST(self)->den);
    return PyUnicode_FromString(buf);
}

static PyObject *
frac_float(PyObject *self)
{
    if (!FRAC_CAST(self)->den) {
        PyErr_SetString(PyExc_ZeroDivisionError, "fraction with a zero denominator");
        return NULL;
    }
    return PyFloat_FromDouble((double)FRAC_CAST(self)->num / (double)FRAC_CAST(self)->den);
}

/* Our fraction types, found by their constructor: works without the module state and
 * for every module instance (the types cannot be subclassed). */
static bool
values_is_frac(PyObject *obj)
{
    newfunc fn = Py_TYPE(obj)->tp_new;
    return fn == fraction_new || fn == fraction64_new;
}

/* a == b as rationals; the products can need 128 bits, so Python ints do the work.
 * A zero denominator (GPAC's "unknown") only equals the same pair. */
static PyObject *
frac_richcompare(PyObject *self, PyObject *other, int op)
{
    PyFrac *a = FRAC_CAST(self);
    PyObject *bn, *bd, *l = NULL, *r = NULL, *res = NULL;
    if (op != Py_EQ && op != Py_NE)
        Py_RETURN_NOTIMPLEMENTED;
    if (values_is_frac(other)) {
        PyFrac *b = FRAC_CAST(other);
        if (!a->den || !b->den) {
            bool eq = a->num == b->num && a->den == b->den;
            return PyBool_FromLong(op == Py_EQ ? eq : !eq);
        }
        bn = PyLong_FromLongLong(b->num);
        bd = PyLong_FromUnsignedLongLong(b->den);
    } else if (PyLong_Check(other)) {
        if (!a->den)
            return PyBool_FromLong(op == Py_NE);
        Py_INCREF(other);
        bn = other;
        bd = PyLong_FromLong(1);
    } else {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *an = PyLong_FromLongLong(a->num), *ad = PyLong_FromUnsignedLongLong(a->den);
    if (an && ad && bn && bd) {
        l = PyNumber_Multiply(an, bd);
        r = l ? PyNumber_Multiply(bn, ad) : NULL;
        if (r)
            res = PyObject_RichCompare(l, r, op);
    }
    Py_XDECREF(an);
    Py_XDECREF(ad);
    Py_XDECREF(bn);
    Py_XDECREF(bd);
    Py_XDECREF(l);
    Py_XDECREF(r);
    return res;
}

static PyObject *
frac_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("O(LK)", (PyObject *)Py_TYPE(self), (long long)FRAC_CAST(self)->num,
                         (unsigned long long)FRAC_CAST(self)->den);
}

static PyMethodDef frac_methods[] = {
    {"__reduce__", frac_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef frac_getset[] = {
    {"num", frac_get_num, frac_set_num, "numerator", NULL},
    {"den", frac_get_den, frac_set_den, "denominator (0: unknown)", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(fraction_doc,
             "Fraction(num=0, den=1)\n--\n\n"
             "A property fraction (GF_PROP_FRACTION): num is an int32, den an uint32.\n"
             "str() gives 'num/den'; equality is by value, with fractions and ints;\n"
             "float() divides. Mutable, hence unhashable.");

PyDoc_STRVAR(fraction64_doc,
             "Fraction64(num=0, den=1)\n--\n\n"
             "A 64-bit property fraction (GF_PROP_FRACTION64): num is an int64, den an\n"
             "uint64. Same behaviour as Fraction.");

#define FRAC_SLOTS(new_fn, doc)                                                          \
    {Py_tp_new, new_fn}, {Py_tp_dealloc, values_dealloc}, {Py_tp_str, frac_str},         \
        {Py_tp_repr, frac_repr}, {Py_tp_richcompare, frac_richcompare},                  \
        {Py_tp_hash, PyObject_HashNotImplemented}, {Py_tp_getset, frac_getset},          \
        {Py_tp_methods, frac_methods}, {Py_nb_float, frac_float}, {Py_tp_doc, (void *)doc}, \
    {                                                                                    \
        0, NULL                                                                          \
    }

static PyType_Slot fraction_slots[] = {FRAC_SLOTS(fraction_new, fraction_doc)};
static PyType_Slot fraction64_slots[] = {FRAC_SLOTS(fraction64_new, fraction64_doc)};

static PyType_Spec fraction_spec = {
    .name = "gpac.Fraction",
    .basicsize = sizeof(PyFrac),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = fraction_slots,
};

static PyType_Spec fraction64_spec = {
    .name = "gpac.Fraction64",
    .basicsize = sizeof(PyFrac),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = fraction64_slots,
};

PyObject *
py_fraction_new(py_state *st, int32_t num, uint32_t den)
{
    return frac_alloc((PyTypeObject *)st->Fraction_Type, num, den, 0);
}

PyObject *
py_fraction64_new(py_state *st, int64_t num, uint64_t den)
{
    return frac_alloc((PyTypeObject *)st->Fraction64_Type, num, den, 1);
}

/* float -> scale-ths: int(scale * x) / scale, as API.md 3.3 (truncation toward 0) */
static int
frac_from_float(PyObject *obj, bool lfrac, int64_t *num, uint64_t *den)
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

