/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Filter methods reaching a PID by index (API.md 2.3): ipid_prop/opid_prop,
 * *_enum_props, *_stats, ipid_source and opid_sinks, listed in py_filter.c's method
 * table. A bad index raises IndexError; the PID is looked up again at each call.
 *
 * Python equivalent:
 *
 *     class Filter:
 *         def ipid_prop(self, idx, name): ...     # opid_prop likewise
 *         def ipid_enum_props(self, idx, cb): ... # cb.on_prop_enum(name, value)
 *         def ipid_stats(self, idx, mode=0) -> FilterPidStatistics: ...
 *         def ipid_source(self, idx) -> Filter | None: ...
 *         def opid_sinks(self, idx) -> list[Filter]: ...
 */
#include "py_gpac.h"

#define Filter_CAST(op) ((PyFilter *)(op))

/* Wrapper of another filter of self's session (new reference), None for NULL. */
static PyObject *
filter_wrap_other(PyObject *op, GpFilter *other)
{
    if (!other)
        Py_RETURN_NONE;
    return py_filter_wrap(Filter_CAST(op)->session, other);
}

/* The PID at index `idx_obj` (input or output), or NULL with TypeError/IndexError/
 * GPACError. */
static GpPid *
filter_pid_at(PyObject *op, PyObject *idx_obj, bool out, uint32_t *index)
{
    int64_t idx;
    if (py_value_sint(idx_obj, INT32_MIN, INT32_MAX, &idx, "PID index") < 0)
        return NULL;
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    uint32_t n = out ? gp_filter_nb_outputs(f) : gp_filter_nb_inputs(f);
    if (idx < 0 || (uint64_t)idx >= n) {
        PyErr_Format(PyExc_IndexError, "%s PID index %lld out of range (filter '%s' has %u)",
                     out ? "output" : "input", (long long)idx, gp_filter_name(f), n);
        return NULL;
    }
    if (index)
        *index = (uint32_t)idx;
    return out ? gp_filter_output(f, (uint32_t)idx) : gp_filter_input(f, (uint32_t)idx);
}

static PyObject *
filter_pid_prop(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                bool out)
{
    static const char *const names[] = {"idx", "name"};
    const char *fname = out ? "opid_prop" : "ipid_prop";
    PyObject *a[2];
    uint32_t code;
    const char *name;
    if (py_args_unpack(fname, args, nargs, kwnames, names, 2, 2, a) < 0 ||
        py_prop_key(a[1], &code, &name) < 0)
        return NULL;
    GpPid *pid = filter_pid_at(op, a[0], out, NULL);
    if (!pid)
        return NULL;
    const GpPropValue *v = gp_pid_get_prop(pid, code, name);
    if (!v)
        Py_RETURN_NONE;
    return py_prop_to_python(py_state_of(op), code, v);
}

PyObject *
py_filter_ipid_prop(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return filter_pid_prop(op, args, nargs, kwnames, false);
}

PyObject *
py_filter_opid_prop(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return filter_pid_prop(op, args, nargs, kwnames, true);
}

/* py_props_enum source: the PID is looked up again at each step, since the callback
 * may end the filter or its PIDs. */
typedef struct FilterEnumCtx {
    PyFilter *self;
    uint32_t idx;
    bool out;
} FilterEnumCtx;

static const GpPropValue *
filter_enum_step(void *opaque, uint32_t *idx, uint32_t *code, const char **name)
{
    FilterEnumCtx *ctx = opaque;
    GpFilter *f = ctx->self->f;
    GpPid *pid = !f ? NULL : ctx->out ? gp_filter_output(f, ctx->idx)
                                      : gp_filter_input(f, ctx->idx);
    return pid ? gp_pid_enum_props(pid, idx, code, name) : NULL;
}

static PyObject *
filter_pid_enum(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                bool out)
{
    static const char *const names[] = {"idx", "cb"};
    PyObject *a[2];
    FilterEnumCtx ctx = {Filter_CAST(op), 0, out};
    if (py_args_unpack(out ? "opid_enum_props" : "ipid_enum_props", args, nargs, kwnames,
                       names, 2, 2, a) < 0 ||
        !filter_pid_at(op, a[0], out, &ctx.idx))
        return NULL;
    Py_INCREF(op);
    int rc = py_props_enum(py_state_of(op), a[1], filter_enum_step, &ctx);
    Py_DECREF(op);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyObject *
py_filter_ipid_enum_props(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames)
{
    return filter_pid_enum(op, args, nargs, kwnames, false);
}

PyObject *
py_filter_opid_enum_props(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames)
{
    return filter_pid_enum(op, args, nargs, kwnames, true);
}

static PyObject *
filter_pid_stats(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                 bool out)
{
    static const char *const names[] = {"idx", "mode"};
    const char *fname = out ? "opid_stats" : "ipid_stats";
    PyObject *a[2];
    int64_t mode = 0;
    if (py_args_unpack(fname, args, nargs, kwnames, names, 1, 2, a) < 0 ||
        (a[1] && py_value_sint(a[1], INT32_MIN, INT32_MAX, &mode, "mode") < 0))
        return NULL;
    if (mode < 0 || mode > 6) {
        PyErr_Format(PyExc_ValueError, "%s() mode must be a GF_STATS_* value (0 to 6), not %lld",
                     fname, (long long)mode);
        return NULL;
    }
    GpPid *pid = filter_pid_at(op, a[0], out, NULL);
    return pid ? py_stats_pid(py_state_of(op), pid) : NULL;
}

PyObject *
py_filter_ipid_stats(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return filter_pid_stats(op, args, nargs, kwnames, false);
}

PyObject *
py_filter_opid_stats(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return filter_pid_stats(op, args, nargs, kwnames, true);
}

PyObject *
py_filter_ipid_source(PyObject *op, PyObject *idx)
{
    GpPid *pid = filter_pid_at(op, idx, false, NULL);
    return pid ? filter_wrap_other(op, gp_pid_source_filter(pid)) : NULL;
}

PyObject *
py_filter_opid_sinks(PyObject *op, PyObject *idx)
{
    GpPid *pid = filter_pid_at(op, idx, true, NULL);
    if (!pid)
        return NULL;
    uint32_t n = gp_pid_nb_destinations(pid);
    PyObject *list = PyList_New(0);
    for (uint32_t i = 0; list && i < n; i++) {
        GpFilter *dst = gp_pid_destination(pid, i);
        PyObject *w = dst ? py_filter_wrap(Filter_CAST(op)->session, dst) : NULL;
        if (dst && (!w || PyList_Append(list, w) < 0))
            Py_CLEAR(list);
        Py_XDECREF(w);
    }
    return list;
}
