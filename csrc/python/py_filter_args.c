/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Filter options at run time (API.md 2.3): update(), all_args(), get_arg_value() and
 * all_args_value(), listed in py_filter.c's method table. The engine parses and stores
 * option values (filter_args.c); here they are read back and converted.
 *
 * Python equivalent:
 *
 *     class Filter:
 *         def update(self, name: str, value: str, propagate_mask=0): ...
 *         def all_args(self) -> list[FilterArg]: ...
 *         def get_arg_value(self, name): ...      # converted as a property, or None
 *         def all_args_value(self) -> list[dict]: ...  # values as str
 */
#include "py_gpac.h"

#include <string.h>

/* Option values read back as text: long enough for any list option of the built-in
 * filters (longer values are cut, as gp_filter_get_arg_str does). */
#define FILTER_ARG_TEXT_MAX 4096

/* Applies an option update to the filters linked to f in one direction (breadth-first,
 * bounded: graphs may be cyclic). Returns how many accepted it. */
static uint32_t
filter_update_linked(GpFilter *f, const char *name, const char *value, bool down)
{
    enum { MAX_SEEN = 256 };
    GpFilter *seen[MAX_SEEN];
    uint32_t nb = 1, head = 0, accepted = 0;
    seen[0] = f;
    while (head < nb) {
        GpFilter *cur = seen[head++];
        uint32_t n = down ? gp_filter_nb_outputs(cur) : gp_filter_nb_inputs(cur);
        for (uint32_t i = 0; i < n; i++) {
            GpPid *pid = down ? gp_filter_output(cur, i) : gp_filter_input(cur, i);
            uint32_t nd = down ? gp_pid_nb_destinations(pid) : 1;
            for (uint32_t k = 0; k < nd && nb < MAX_SEEN; k++) {
                GpFilter *o = down ? gp_pid_destination(pid, k) : gp_pid_source_filter(pid);
                bool known = !o;
                for (uint32_t j = 0; j < nb && !known; j++)
                    known = seen[j] == o;
                if (known)
                    continue;
                seen[nb++] = o;
                accepted += gp_filter_update_arg(o, name, value) == GP_OK;
            }
        }
    }
    return accepted;
}

PyObject *
py_filter_update(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"name", "value", "propagate_mask"};
    PyObject *a[3];
    int64_t mask = 0;
    int ok;
    if (py_args_unpack("update", args, nargs, kwnames, names, 2, 3, a) < 0)
        return NULL;
    for (int i = 0; i < 2; i++) {
        if (!PyUnicode_Check(a[i])) {
            PyErr_Format(PyExc_TypeError, "update() argument '%s' must be str, not %.100s",
                         names[i], Py_TYPE(a[i])->tp_name);
            return NULL;
        }
    }
    const char *name = py_filter_text_arg(a[0], "update", "name", &ok);
    const char *value = ok ? py_filter_text_arg(a[1], "update", "value", &ok) : NULL;
    if (!ok || (a[2] && py_value_sint(a[2], INT32_MIN, INT32_MAX, &mask, "propagate_mask") < 0))
        return NULL;
    if (mask < 0 || mask > 3) {
        PyErr_Format(PyExc_ValueError, "update() propagate_mask must be 0 to 3, not %lld",
                     (long long)mask);
        return NULL;
    }
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    GpErr e = gp_filter_update_arg(f, name, value);
    uint32_t others = 0;
    if (mask & 1)
        others += filter_update_linked(f, name, value, true);
    if (mask & 2)
        others += filter_update_linked(f, name, value, false);
    if (e != GP_OK && !others) {
        char reason[160];
        PyOS_snprintf(reason, sizeof(reason),
                      "filter '%s' has no updatable option '%s' accepting '%s'",
                      gp_filter_name(f), name, value);
        return py_err_set(py_state_of(op), e, NULL, "update", reason);
    }
    Py_RETURN_NONE;
}

/* The option table entry `name` of f's class, or NULL. */
static const GpArg *
filter_find_arg(GpFilter *f, const char *name)
{
    const GpFilterClass *cls = gp_filter_class(f);
    for (uint32_t i = 0; cls && i < cls->nb_args; i++)
        if (cls->args[i].name && !strcmp(cls->args[i].name, name))
            return &cls->args[i];
    return NULL;
}

PyObject *
py_filter_all_args(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    py_state *st = py_state_of(op);
    const GpFilterClass *cls = gp_filter_class(f);
    uint32_t n = cls ? cls->nb_args : 0;
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (uint32_t i = 0; list && i < n; i++) {
        PyObject *arg = py_stats_arg(st, &cls->args[i]);
        if (!arg)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, arg);
    }
    return list;
}

/* Current value of option a as text into a new PyMem buffer, or NULL with MemoryError. */
static char *
filter_arg_text(GpFilter *f, const GpArg *a)
{
    char *buf = PyMem_Malloc(FILTER_ARG_TEXT_MAX);
    if (!buf) {
        PyErr_NoMemory();
        return NULL;
    }
    buf[0] = 0;
    gp_filter_get_arg_str(f, a->name, buf, FILTER_ARG_TEXT_MAX);
    return buf;
}

PyObject *
py_filter_get_arg_value(PyObject *op, PyObject *name_obj)
{
    int ok;
    const char *name = py_filter_text_arg(name_obj, "get_arg_value", "name", &ok);
    if (!ok)
        return NULL;
    if (!name) {
        PyErr_SetString(PyExc_TypeError, "get_arg_value() argument 'name' must be str");
        return NULL;
    }
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    const GpArg *a = filter_find_arg(f, name);
    if (!a)
        Py_RETURN_NONE;
    char *text = filter_arg_text(f, a);
    if (!text)
        return NULL;
    PyObject *res = NULL;
    GpPropValue v;
    const char *list = a->type == GP_PROP_UINT && a->values && strchr(a->values, '|')
                           ? a->values
                           : NULL;
    bool text_type = a->type == GP_PROP_STRING || a->type == GP_PROP_4CC_LIST ||
                     (a->type >= GP_PROP_STRING_LIST && a->type <= GP_PROP_VEC2I_LIST);
    if (!text[0] && text_type) {
        Py_INCREF(Py_None);
        res = Py_None;
    } else if (gp_prop_parse(a->type, text, list, &v) == GP_OK) {
        res = py_prop_to_python(py_state_of(op), 0, &v);
        gp_prop_value_reset(&v);
    } else {
        res = PyUnicode_FromString(text); /* a value the parser cannot read back */
    }
    PyMem_Free(text);
    return res;
}

/* One all_args_value() entry. New reference. */
static PyObject *
filter_arg_dict(GpFilter *f, const GpArg *a)
{
    char *text = filter_arg_text(f, a);
    if (!text)
        return NULL;
    PyObject *d = Py_BuildValue("{s:s,s:s,s:s,s:s,s:z,s:z}", "name", a->name, "type",
                                gp_prop_type_name(a->type), "value", text, "description",
                                a->help ? a->help : "", "default", a->def, "min_max_enum",
                                a->values);
    PyMem_Free(text);
    return d;
}

PyObject *
py_filter_all_args_value(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    const GpFilterClass *cls = gp_filter_class(f);
    uint32_t n = cls ? cls->nb_args : 0;
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (uint32_t i = 0; list && i < n; i++) {
        PyObject *d = filter_arg_dict(f, &cls->args[i]);
        if (!d)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, d);
    }
    return list;
}
