/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The value structs of API.md 2.8: Fraction, Fraction64, PropVec2i, PropVec2,
 * PropVec3i, PropVec4i (small mutable records, like the reference's ctypes structs)
 * and PropData (an immutable copy of property bytes with the buffer protocol), and
 * the checked integer readers the binding uses for arguments (py_value_sint/uint).
 * Reading fractions and vectors from any Python object is py_props.c's business.
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

#include <stddef.h>
#include <string.h>


/* ================= Fraction, Fraction64 ================= */

/* One layout for both: `wide` selects the 64-bit ranges of Fraction64. */
typedef struct PyFrac {
    PyObject_HEAD
    int64_t num;
    uint64_t den;
    int wide;
} PyFrac;

#define FRAC_CAST(op) ((PyFrac *)(op))

/* The int value of obj (anything with __index__; TypeError for the rest), new ref. */
static PyObject *
values_index(PyObject *obj, const char *what)
{
    if (!PyIndex_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be an integer, not %.100s", what,
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return PyNumber_Index(obj);
}

int
py_value_sint(PyObject *obj, int64_t lo, int64_t hi, int64_t *out, const char *what)
{
    int overflow = 0;
    PyObject *idx = values_index(obj, what);
    if (!idx)
        return -1;
    long long v = PyLong_AsLongLongAndOverflow(idx, &overflow);
    int rc = v == -1 && PyErr_Occurred() ? -1 : 0;
    if (!rc && (overflow || v < lo || v > hi)) {
        PyErr_Format(PyExc_OverflowError, "%s out of range [%lld, %lld]: %S", what,
                     (long long)lo, (long long)hi, idx);
        rc = -1;
    }
    if (!rc)
        *out = (int64_t)v;
    Py_DECREF(idx);
    return rc;
}

int
py_value_uint(PyObject *obj, uint64_t hi, uint64_t *out, const char *what)
{
    int overflow = 0;
    bool neg = false;
    unsigned long long v = 0;
    PyObject *idx = values_index(obj, what);
    if (!idx)
        return -1;
    long long sv = PyLong_AsLongLongAndOverflow(idx, &overflow);
    int rc = sv == -1 && PyErr_Occurred() ? -1 : 0;
    if (!rc && overflow > 0) {
        /* beyond int64: PyLong_AsUnsignedLongLong raises OverflowError past 2**64-1 */
        v = PyLong_AsUnsignedLongLong(idx);
        rc = v == (unsigned long long)-1 && PyErr_Occurred() ? -1 : 0;
    } else if (!rc) {
        v = (unsigned long long)sv;
        neg = overflow < 0 || sv < 0;
    }
    if (!rc && (neg || v > hi)) {
        PyErr_Format(PyExc_OverflowError, "%s out of range [0, %llu]: %S", what,
                     (unsigned long long)hi, idx);
        rc = -1;
    }
    if (!rc)
        *out = (uint64_t)v;
    Py_DECREF(idx);
    return rc;
}

static int
frac_read_num(PyObject *obj, bool wide, int64_t *num)
{
    return py_value_sint(obj, wide ? INT64_MIN : INT32_MIN, wide ? INT64_MAX : INT32_MAX, num,
                         "numerator");
}

static int
frac_read_den(PyObject *obj, bool wide, uint64_t *den)
{
    return py_value_uint(obj, wide ? UINT64_MAX : UINT32_MAX, den, "denominator");
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

/* closure: NULL for num, non-NULL for den */
static PyObject *
frac_get(PyObject *self, void *closure)
{
    return closure ? PyLong_FromUnsignedLongLong(FRAC_CAST(self)->den)
                   : PyLong_FromLongLong(FRAC_CAST(self)->num);
}

static int
frac_set(PyObject *self, PyObject *value, void *closure)
{
    PyFrac *f = FRAC_CAST(self);
    if (!value) {
        PyErr_SetString(PyExc_TypeError, "cannot delete a fraction member");
        return -1;
    }
    return closure ? frac_read_den(value, f->wide, &f->den) : frac_read_num(value, f->wide, &f->num);
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
    const PyFrac *f = FRAC_CAST(self);
    snprintf(buf, sizeof(buf), "%s(%lld, %llu)", f->wide ? "Fraction64" : "Fraction",
             (long long)f->num, (unsigned long long)f->den);
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
    {"num", frac_get, frac_set, "numerator", NULL},
    {"den", frac_get, frac_set, "denominator (0: unknown)", (void *)1},
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
        {Py_tp_methods, frac_methods}, {Py_nb_float, frac_float},                        \
        {Py_tp_doc, (void *)doc}, {0, NULL}

static PyType_Slot fraction_slots[] = {FRAC_SLOTS(fraction_new, fraction_doc)};
static PyType_Slot fraction64_slots[] = {FRAC_SLOTS(fraction64_new, fraction64_doc)};

static PyType_Spec fraction_spec = {"gpac.Fraction", sizeof(PyFrac), 0,
                                    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
                                    fraction_slots};

static PyType_Spec fraction64_spec = {"gpac.Fraction64", sizeof(PyFrac), 0,
                                      Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
                                      fraction64_slots};

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

/* ================= PropVec2i, PropVec2, PropVec3i, PropVec4i ================= */

typedef struct PyVec {
    PyObject_HEAD
    GpPropType kind; /* GP_PROP_VEC2I, VEC2, VEC3I or VEC4I */
    union {
        int32_t i[4];
        double d[2];
    } v;
} PyVec;

#define VEC_CAST(op) ((PyVec *)(op))

static const char *const vec_axis[4] = {"x", "y", "z", "w"};

static int
vec_dims(GpPropType kind)
{
    return kind == GP_PROP_VEC4I ? 4 : kind == GP_PROP_VEC3I ? 3 : 2;
}

static const char *
vec_type_name(GpPropType kind)
{
    return kind == GP_PROP_VEC2    ? "PropVec2"
           : kind == GP_PROP_VEC3I ? "PropVec3i"
           : kind == GP_PROP_VEC4I ? "PropVec4i"
                                   : "PropVec2i";
}

/* One coordinate from Python: int32 for the integer vectors, float for PropVec2. */
static int
vec_read_axis(PyObject *obj, GpPropType kind, int axis, int32_t *iv, double *dv)
{
    if (kind == GP_PROP_VEC2) {
        double x = PyFloat_AsDouble(obj);
        if (x == -1.0 && PyErr_Occurred())
            return -1;
        *dv = x;
        return 0;
    }
    int64_t sv;
    if (py_value_sint(obj, INT32_MIN, INT32_MAX, &sv, vec_axis[axis]) < 0)
        return -1;
    *iv = (int32_t)sv;
    return 0;
}

static PyObject *
vec_new_common(PyTypeObject *tp, PyObject *args, PyObject *kwds, GpPropType kind)
{
    static char *kw2[] = {"x", "y", NULL};
    static char *kw3[] = {"x", "y", "z", NULL};
    static char *kw4[] = {"x", "y", "z", "w", NULL};
    char fmt[32];
    PyObject *vals[4] = {NULL, NULL, NULL, NULL};
    int dims = vec_dims(kind);
    snprintf(fmt, sizeof(fmt), "|%.*s:%s", dims, "OOOO", vec_type_name(kind));
    if (!PyArg_ParseTupleAndKeywords(args, kwds, fmt, dims == 4 ? kw4 : dims == 3 ? kw3 : kw2,
                                     &vals[0], &vals[1], &vals[2], &vals[3]))
        return NULL;
    PyVec *self = (PyVec *)tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
    self->kind = kind;
    for (int i = 0; i < dims; i++)
        if (vals[i] && vec_read_axis(vals[i], kind, i, &self->v.i[i], &self->v.d[i]) < 0) {
            Py_DECREF(self);
            return NULL;
        }
    return (PyObject *)self;
}

static PyObject *
vec2i_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    return vec_new_common(tp, args, kwds, GP_PROP_VEC2I);
}

static PyObject *
vec2_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    return vec_new_common(tp, args, kwds, GP_PROP_VEC2);
}

static PyObject *
vec3i_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    return vec_new_common(tp, args, kwds, GP_PROP_VEC3I);
}

static PyObject *
vec4i_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    return vec_new_common(tp, args, kwds, GP_PROP_VEC4I);
}

static PyObject *
vec_axis_value(const PyVec *self, int axis)
{
    if (self->kind == GP_PROP_VEC2)
        return PyFloat_FromDouble(self->v.d[axis]);
    return PyLong_FromLong(self->v.i[axis]);
}

static PyObject *
vec_get(PyObject *self, void *closure)
{
    return vec_axis_value(VEC_CAST(self), (int)(intptr_t)closure);
}

static int
vec_set(PyObject *self, PyObject *value, void *closure)
{
    int axis = (int)(intptr_t)closure;
    PyVec *v = VEC_CAST(self);
    if (!value) {
        PyErr_Format(PyExc_TypeError, "cannot delete %s", vec_axis[axis]);
        return -1;
    }
    return vec_read_axis(value, v->kind, axis, &v->v.i[axis], &v->v.d[axis]);
}

/* "XxY[xZ[xW]]" (str) or "PropVec2i(X, Y...)" (repr), from the str()/repr() of each
 * coordinate so floats print as Python prints them. */
static PyObject *
vec_format(PyObject *self, bool repr)
{
    PyVec *v = VEC_CAST(self);
    int dims = vec_dims(v->kind);
    PyObject *parts = PyList_New(dims);
    PyObject *res = NULL;
    if (!parts)
        return NULL;
    for (int i = 0; i < dims; i++) {
        PyObject *x = vec_axis_value(v, i);
        PyObject *s = x ? (repr ? PyObject_Repr(x) : PyObject_Str(x)) : NULL;
        Py_XDECREF(x);
        if (!s)
            goto done;
        PyList_SET_ITEM(parts, i, s);
    }
    PyObject *sep = PyUnicode_FromString(repr ? ", " : "x");
    PyObject *joined = sep ? PyUnicode_Join(sep, parts) : NULL;
    Py_XDECREF(sep);
    if (joined && repr) {
        res = PyUnicode_FromFormat("%s(%U)", vec_type_name(v->kind), joined);
        Py_DECREF(joined);
    } else {
        res = joined;
    }
done:
    Py_DECREF(parts);
    return res;
}

static PyObject *
vec_str(PyObject *self)
{
    return vec_format(self, false);
}

static PyObject *
vec_repr(PyObject *self)
{
    return vec_format(self, true);
}

static bool
values_is_vec(PyObject *obj)
{
    newfunc fn = Py_TYPE(obj)->tp_new;
    return fn == vec2i_new || fn == vec2_new || fn == vec3i_new || fn == vec4i_new;
}

static PyObject *
vec_richcompare(PyObject *self, PyObject *other, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !values_is_vec(other) ||
        VEC_CAST(other)->kind != VEC_CAST(self)->kind)
        Py_RETURN_NOTIMPLEMENTED;
    const PyVec *a = VEC_CAST(self), *b = VEC_CAST(other);
    bool eq = true;
    for (int i = 0; i < vec_dims(a->kind); i++)
        eq = eq && (a->kind == GP_PROP_VEC2 ? a->v.d[i] == b->v.d[i] : a->v.i[i] == b->v.i[i]);
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static PyObject *
vec_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyVec *v = VEC_CAST(self);
    int dims = vec_dims(v->kind);
    PyObject *args = PyTuple_New(dims);
    if (!args)
        return NULL;
    for (int i = 0; i < dims; i++) {
        PyObject *x = vec_axis_value(v, i);
        if (!x) {
            Py_DECREF(args);
            return NULL;
        }
        PyTuple_SET_ITEM(args, i, x);
    }
    PyObject *res = PyTuple_Pack(2, (PyObject *)Py_TYPE(self), args);
    Py_DECREF(args);
    return res;
}

static PyMethodDef vec_methods[] = {
    {"__reduce__", vec_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

#define AXIS(name, i) {name, vec_get, vec_set, NULL, (void *)(intptr_t)(i)}
static PyGetSetDef vec2_getset[] = {AXIS("x", 0), AXIS("y", 1), {NULL, NULL, NULL, NULL, NULL}};
static PyGetSetDef vec3_getset[] = {AXIS("x", 0), AXIS("y", 1), AXIS("z", 2),
                                    {NULL, NULL, NULL, NULL, NULL}};
static PyGetSetDef vec4_getset[] = {AXIS("x", 0), AXIS("y", 1), AXIS("z", 2), AXIS("w", 3),
                                    {NULL, NULL, NULL, NULL, NULL}};
#undef AXIS

PyDoc_STRVAR(vec2i_doc, "PropVec2i(x=0, y=0)\n--\n\n"
                        "A 2D integer vector property (GF_PROP_VEC2I, int32 coordinates);\n"
                        "str() gives 'XxY'. Mutable, hence unhashable.");
PyDoc_STRVAR(vec2_doc, "PropVec2(x=0.0, y=0.0)\n--\n\n"
                       "A 2D float vector property (GF_PROP_VEC2); str() gives 'XxY'.");
PyDoc_STRVAR(vec3i_doc, "PropVec3i(x=0, y=0, z=0)\n--\n\n"
                        "A 3D integer vector property (GF_PROP_VEC3I); str() gives 'XxYxZ'.");
PyDoc_STRVAR(vec4i_doc, "PropVec4i(x=0, y=0, z=0, w=0)\n--\n\n"
                        "A 4D integer vector property (GF_PROP_VEC4I: SRD, EQRClamp...);\n"
                        "str() gives 'XxYxZxW'. The reference binding loses w (its union\n"
                        "declares vec4i as a 3D vector); this one keeps it.");

#define VEC_SLOTS(new_fn, getset, doc)                                                   \
    {Py_tp_new, new_fn}, {Py_tp_dealloc, values_dealloc}, {Py_tp_str, vec_str},          \
        {Py_tp_repr, vec_repr}, {Py_tp_richcompare, vec_richcompare},                    \
        {Py_tp_hash, PyObject_HashNotImplemented}, {Py_tp_getset, getset},               \
        {Py_tp_methods, vec_methods}, {Py_tp_doc, (void *)doc}, {0, NULL}

static PyType_Slot vec2i_slots[] = {VEC_SLOTS(vec2i_new, vec2_getset, vec2i_doc)};
static PyType_Slot vec2_slots[] = {VEC_SLOTS(vec2_new, vec2_getset, vec2_doc)};
static PyType_Slot vec3i_slots[] = {VEC_SLOTS(vec3i_new, vec3_getset, vec3i_doc)};
static PyType_Slot vec4i_slots[] = {VEC_SLOTS(vec4i_new, vec4_getset, vec4i_doc)};

static PyType_Spec vec2i_spec = {"gpac.PropVec2i", sizeof(PyVec), 0,
                                 Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
                                 vec2i_slots};
static PyType_Spec vec2_spec = {"gpac.PropVec2", sizeof(PyVec), 0,
                                Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
                                vec2_slots};
static PyType_Spec vec3i_spec = {"gpac.PropVec3i", sizeof(PyVec), 0,
                                 Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
                                 vec3i_slots};
static PyType_Spec vec4i_spec = {"gpac.PropVec4i", sizeof(PyVec), 0,
                                 Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
                                 vec4i_slots};

PyObject *
py_vec_new(py_state *st, GpPropType type, const GpPropValue *v)
{
    PyObject *tp;
    switch (type) {
    case GP_PROP_VEC2I: tp = st->PropVec2i_Type; break;
    case GP_PROP_VEC2: tp = st->PropVec2_Type; break;
    case GP_PROP_VEC3I: tp = st->PropVec3i_Type; break;
    case GP_PROP_VEC4I: tp = st->PropVec4i_Type; break;
    default: PyErr_BadInternalCall(); return NULL;
    }
    PyVec *self = (PyVec *)((PyTypeObject *)tp)->tp_alloc((PyTypeObject *)tp, 0);
    if (!self)
        return NULL;
    self->kind = type;
    /* the union members are arrays of the same layout as GpVec2i..GpVec4i / GpVec2 */
    memcpy(&self->v, &v->value, type == GP_PROP_VEC2 ? sizeof(GpVec2) : vec_dims(type) * 4u);
    return (PyObject *)self;
}

/* ================= PropData ================= */

/* The bytes live inside the object (a var-sized object, like bytes): immutable, so the
 * buffers it exports never change and need no export count. */
typedef struct PyPropData {
    PyObject_VAR_HEAD
    Py_hash_t hash; /* -1 until computed */
    char data[1];   /* Py_SIZE(self) bytes, then a 0 */
} PyPropData;

#define PROPDATA_CAST(op) ((PyPropData *)(op))

static PyObject *
propdata_alloc(PyTypeObject *tp, const void *data, Py_ssize_t size)
{
    PyPropData *self = (PyPropData *)tp->tp_alloc(tp, size);
    if (!self)
        return NULL;
    self->hash = -1;
    if (size)
        memcpy(self->data, data, (size_t)size);
    return (PyObject *)self;
}

static PyObject *
propdata_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"data", NULL};
    PyObject *src = NULL;
    Py_buffer view;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O:PropData", kwlist, &src))
        return NULL;
    if (!src)
        return propdata_alloc(tp, NULL, 0);
    if (PyObject_GetBuffer(src, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    PyObject *self = NULL;
    if ((uint64_t)view.len > UINT32_MAX)
        PyErr_SetString(PyExc_OverflowError, "PropData holds at most 4 GiB - 1 bytes");
    else
        self = propdata_alloc(tp, view.buf, view.len);
    PyBuffer_Release(&view);
    return self;
}

PyObject *
py_propdata_new(py_state *st, const uint8_t *data, uint32_t size)
{
    if (size && !data) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return propdata_alloc((PyTypeObject *)st->PropData_Type, data, (Py_ssize_t)size);
}

static PyObject *
propdata_get_size(PyObject *self, void *closure)
{
    return PyLong_FromSsize_t(Py_SIZE(self));
}

static PyObject *
propdata_get_data(PyObject *self, void *closure)
{
    return PyBytes_FromStringAndSize(PROPDATA_CAST(self)->data, Py_SIZE(self));
}

static PyObject *
propdata_str(PyObject *self)
{
    return PyUnicode_FromFormat("data,size:%zd", Py_SIZE(self));
}

static PyObject *
propdata_repr(PyObject *self)
{
    return PyUnicode_FromFormat("PropData(size=%zd)", Py_SIZE(self));
}

static int
propdata_getbuffer(PyObject *self, Py_buffer *view, int flags)
{
    /* read-only: a PyBUF_WRITABLE request gets BufferError */
    return PyBuffer_FillInfo(view, self, PROPDATA_CAST(self)->data, Py_SIZE(self), 1, flags);
}

static PyObject *
propdata_richcompare(PyObject *self, PyObject *other, int op)
{
    const char *b;
    Py_ssize_t blen;
    if (op != Py_EQ && op != Py_NE)
        Py_RETURN_NOTIMPLEMENTED;
    if (Py_TYPE(other)->tp_new == propdata_new) {
        b = PROPDATA_CAST(other)->data;
        blen = Py_SIZE(other);
    } else if (PyBytes_Check(other)) {
        b = PyBytes_AS_STRING(other);
        blen = PyBytes_GET_SIZE(other);
    } else if (PyByteArray_Check(other)) {
        b = PyByteArray_AS_STRING(other);
        blen = PyByteArray_GET_SIZE(other);
    } else {
        Py_RETURN_NOTIMPLEMENTED;
    }
    bool eq = blen == Py_SIZE(self) && !memcmp(PROPDATA_CAST(self)->data, b, (size_t)blen);
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

/* equal to bytes with the same content, so it hashes like them */
static Py_hash_t
propdata_hash(PyObject *self)
{
    PyPropData *pd = PROPDATA_CAST(self);
    if (pd->hash == -1) {
        PyObject *b = propdata_get_data(self, NULL);
        if (!b)
            return -1;
        pd->hash = PyObject_Hash(b);
        Py_DECREF(b);
    }
    return pd->hash;
}

static PyObject *
propdata_reduce(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *b = propdata_get_data(self, NULL);
    return b ? Py_BuildValue("O(N)", (PyObject *)Py_TYPE(self), b) : NULL;
}

static PyObject *
propdata_bytes(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return propdata_get_data(self, NULL);
}

static PyMethodDef propdata_methods[] = {
    {"__reduce__", propdata_reduce, METH_NOARGS, NULL},
    {"__bytes__", propdata_bytes, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef propdata_getset[] = {
    {"size", propdata_get_size, NULL, "number of bytes", NULL},
    {"data", propdata_get_data, NULL, "the bytes (a copy)", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(propdata_doc,
             "PropData(data=b'')\n--\n\n"
             "Bytes of a data property (GF_PROP_DATA: DecoderConfig, ICC...), an immutable\n"
             "copy. str() gives 'data,size:N' as in GPAC; bytes(d), memoryview(d) and\n"
             "d.data give the bytes; d.size their count. Equal to bytes with the same\n"
             "content.");

static PyType_Slot propdata_slots[] = {
    {Py_tp_new, propdata_new},
    {Py_tp_dealloc, values_dealloc},
    {Py_tp_str, propdata_str},
    {Py_tp_repr, propdata_repr},
    {Py_tp_richcompare, propdata_richcompare},
    {Py_tp_hash, propdata_hash},
    {Py_tp_getset, propdata_getset},
    {Py_tp_methods, propdata_methods},
    {Py_bf_getbuffer, propdata_getbuffer},
    {Py_tp_doc, (void *)propdata_doc},
    {0, NULL},
};

static PyType_Spec propdata_spec = {
    .name = "gpac.PropData",
    .basicsize = offsetof(PyPropData, data), /* tp_alloc adds size + 1 bytes */
    .itemsize = 1,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = propdata_slots,
};

/* ================= setup ================= */

int
py_values_setup(PyObject *module, py_state *st)
{
    const struct {
        PyType_Spec *spec;
        PyObject **slot;
    } types[] = {
        {&fraction_spec, &st->Fraction_Type}, {&fraction64_spec, &st->Fraction64_Type},
        {&vec2i_spec, &st->PropVec2i_Type},   {&vec2_spec, &st->PropVec2_Type},
        {&vec3i_spec, &st->PropVec3i_Type},   {&vec4i_spec, &st->PropVec4i_Type},
        {&propdata_spec, &st->PropData_Type},
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (py_add_type(module, types[i].spec, NULL, types[i].slot) < 0)
            return -1;
    return 0;
}
