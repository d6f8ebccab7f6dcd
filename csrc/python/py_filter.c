/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Filter (API.md 2.3): the wrapper of every engine filter, built-in or custom. One
 * wrapper per C filter, stored as the filter's user data (a borrowed back pointer; the
 * session's `filters` list holds the strong reference). The engine's filter notification
 * (py_session.c) calls py_filter_detach when the filter goes: every method then raises
 * GPACError. Options (update, all_args...) are in py_filter_args.c, the methods taking
 * a PID index in py_filter_pids.c; FilterCustom, the subclass, in py_filter_custom*.c.
 *
 * Python equivalent:
 *
 *     class Filter:                               # made by the binding only
 *         name: str; ID: str | None; nb_ipid: int; nb_opid: int
 *         status: str; bytes_done: int
 *         def set_source(self, f, link_args=None): ...   # f None: ignored
 *         def set_source_restricted(self, f, link_args=None): ...
 *         def insert(self, f, opid=-1, link_args=None): ... # f.set_source(self)
 *         def reconnect(self, opid=-1): ...
 *         def remove(self): ...
 *         def update(self, name, value, propagate_mask=0): ...
 *         def ipid_prop(self, idx, name): ...    # also opid_prop, *_enum_props, *_stats
 *         def ipid_source(self, idx) -> Filter | None: ...
 *         def opid_sinks(self, idx) -> list[Filter]: ...
 *         def all_args(self) -> list[FilterArg]: ...
 *         def get_arg_value(self, name): ...; def all_args_value(self) -> list[dict]: ...
 *         def get_statistics(self) -> FilterStats: ...
 *         def get_info(self, name): ...          # None; probe_link, get_destinations: None
 *         def require_source_id(self): ...; def bind(self, obj): ...  # NotSupportedError
 */
#include "py_gpac.h"

#include <structmember.h>
#include <stdlib.h>
#include <string.h>

#define Filter_CAST(op) ((PyFilter *)(op))

/* ---- identity and lifetime ---- */

PyObject *
py_filter_wrap(PySession *ses, GpFilter *f)
{
    PyObject *existing = gp_filter_get_udata(f);
    if (existing) {
        Py_INCREF(existing);
        return existing;
    }
    py_state *st = py_state_of((PyObject *)ses);
    PyTypeObject *tp = (PyTypeObject *)st->Filter_Type;
    PyFilter *self = (PyFilter *)tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
    self->f = f;
    Py_INCREF(ses);
    self->session = ses;
    if (PyList_Append(ses->filters, (PyObject *)self) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    gp_filter_set_udata(f, self); /* borrowed: cleared by filter_dealloc or the detach */
    return (PyObject *)self;
}

int
py_filter_check(PyFilter *self)
{
    if (self->f)
        return 0;
    py_err_set(py_state_of((PyObject *)self), GP_BAD_PARAM, NULL,
               self->session ? "Filter used after it was destroyed (session deleted)"
                             : "FilterCustom used before FilterCustom.__init__() ran",
               NULL);
    return -1;
}

void
py_filter_detach(PyFilter *self)
{
    GpFilter *f = self->f;
    self->f = NULL;
    if (f && gp_filter_get_udata(f) == (void *)self)
        gp_filter_set_udata(f, NULL);
    py_state *st = py_state_of((PyObject *)self);
    if (!PyObject_TypeCheck((PyObject *)self, (PyTypeObject *)st->FilterCustom_Type))
        return;
    /* the PIDs go with the filter: their wrappers need not wait for the cycle collector
     * (the lists themselves stay, the same objects for the filter's life) */
    PyFilterCustom *fc = (PyFilterCustom *)self;
    if (fc->ipids && PyList_SetSlice(fc->ipids, 0, PY_SSIZE_T_MAX, NULL) < 0)
        PyErr_WriteUnraisable((PyObject *)self);
    if (fc->opids && PyList_SetSlice(fc->opids, 0, PY_SSIZE_T_MAX, NULL) < 0)
        PyErr_WriteUnraisable((PyObject *)self);
}

GpFilter *
py_filter_live(PyObject *op)
{
    return py_filter_check(Filter_CAST(op)) < 0 ? NULL : Filter_CAST(op)->f;
}

/* A Filter argument's live C filter, or NULL with TypeError / GPACError. */
static GpFilter *
filter_arg(PyObject *op, PyObject *obj, const char *fname)
{
    py_state *st = py_state_of(op);
    if (!PyObject_TypeCheck(obj, (PyTypeObject *)st->Filter_Type)) {
        PyErr_Format(PyExc_TypeError, "%s(): expected a Filter, not %.100s", fname,
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return py_filter_live(obj);
}

const char *
py_filter_text_arg(PyObject *obj, const char *fname, const char *what, int *ok)
{
    *ok = 1;
    if (!obj || obj == Py_None)
        return NULL;
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str or None, not %.100s",
                     fname, what, Py_TYPE(obj)->tp_name);
        *ok = 0;
        return NULL;
    }
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(obj, &len);
    if (s && (size_t)len != strlen(s)) {
        PyErr_Format(PyExc_ValueError, "%s() argument '%s': embedded null character", fname,
                     what);
        s = NULL;
    }
    *ok = s != NULL;
    return s;
}

/* ---- properties ---- */

static PyObject *
filter_get_name(PyObject *op, void *closure)
{
    GpFilter *f = py_filter_live(op);
    return f ? PyUnicode_FromString(gp_filter_name(f)) : NULL;
}

static PyObject *
filter_get_id(PyObject *op, void *closure)
{
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    const char *id = gp_filter_id(f);
    if (!id)
        Py_RETURN_NONE;
    return PyUnicode_FromString(id);
}

static PyObject *
filter_get_nb_ipid(PyObject *op, void *closure)
{
    GpFilter *f = py_filter_live(op);
    return f ? PyLong_FromUnsignedLong(gp_filter_nb_inputs(f)) : NULL;
}

static PyObject *
filter_get_nb_opid(PyObject *op, void *closure)
{
    GpFilter *f = py_filter_live(op);
    return f ? PyLong_FromUnsignedLong(gp_filter_nb_outputs(f)) : NULL;
}

static PyObject *
filter_get_status(PyObject *op, void *closure)
{
    return py_filter_live(op) ? PyUnicode_FromString("") : NULL;
}

static PyObject *
filter_get_bytes_done(PyObject *op, void *closure)
{
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    GpFilterStats s;
    gp_filter_get_stats(f, &s);
    /* a source consumes nothing: what it produced is its work */
    return PyLong_FromUnsignedLongLong(s.nb_pid_in ? s.nb_bytes_processed : s.nb_bytes_sent);
}

static PyGetSetDef filter_getset[] = {
    {"name", filter_get_name, NULL,
     "Instance name: the class name, or the N= option (str).", NULL},
    {"ID", filter_get_id, NULL,
     "FID of the filter, or None; set_source() assigns one to its source.", NULL},
    {"nb_ipid", filter_get_nb_ipid, NULL, "Number of connected input PIDs.", NULL},
    {"nb_opid", filter_get_nb_opid, NULL, "Number of output PIDs.", NULL},
    {"status", filter_get_status, NULL,
     "Status line: '' for built-in filters (the engine has none); a FilterCustom\n"
     "returns what update_status() set.", NULL},
    {"bytes_done", filter_get_bytes_done, NULL,
     "Bytes of input packets processed; for a filter without input, bytes sent.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- links ---- */

static PyObject *
filter_set_source_common(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames, const char *fname)
{
    static const char *const names[] = {"f", "link_args"};
    PyObject *a[2];
    int ok;
    if (py_args_unpack(fname, args, nargs, kwnames, names, 1, 2, a) < 0)
        return NULL;
    const char *link = py_filter_text_arg(a[1], fname, "link_args", &ok);
    if (!ok)
        return NULL;
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    if (a[0] == Py_None)
        Py_RETURN_NONE;
    GpFilter *src = filter_arg(op, a[0], fname);
    if (!src)
        return NULL;
    GpErr e = gp_filter_set_source(f, src, link);
    if (e != GP_OK)
        return py_err_set(py_state_of(op), e, NULL, fname,
                          src == f ? "a filter cannot be its own source" : NULL);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(filter_set_source_doc,
             "set_source($self, /, f, link_args=None)\n--\n\n"
             "Accept only PIDs coming from Filter f (or from filters the session loads\n"
             "behind it), optionally filtered by link_args ('PID=1', 'video',\n"
             "'StreamType=Audio'; one leading '#' is accepted: the howto's '#PID=1' works).\n"
             "Assigns f an ID when it has none. Ignored when f is None.");

static PyObject *
filter_set_source(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return filter_set_source_common(op, args, nargs, kwnames, "set_source");
}

PyDoc_STRVAR(filter_set_source_restricted_doc,
             "set_source_restricted($self, /, f, link_args=None)\n--\n\n"
             "As set_source(). GPAC also keeps f's outputs for filters naming it as a\n"
             "source; this engine already links an explicitly named source that way.");

static PyObject *
filter_set_source_restricted(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames)
{
    return filter_set_source_common(op, args, nargs, kwnames, "set_source_restricted");
}

/* Reads the optional output index argument: -1 (all) or a valid index; *first and *end
 * get the range of outputs it designates. -1 with IndexError/TypeError/GPACError. */
static int
filter_opid_range(PyObject *op, PyObject *obj, uint32_t *first, uint32_t *end)
{
    int64_t idx = -1;
    if (obj && py_value_sint(obj, INT32_MIN, INT32_MAX, &idx, "opid") < 0)
        return -1;
    GpFilter *f = py_filter_live(op);
    if (!f)
        return -1;
    uint32_t n = gp_filter_nb_outputs(f);
    if (idx < -1 || idx >= (int64_t)n) {
        PyErr_Format(PyExc_IndexError, "output PID index %lld out of range (filter '%s' has %u)",
                     (long long)idx, gp_filter_name(f), n);
        return -1;
    }
    *first = idx < 0 ? 0 : (uint32_t)idx;
    *end = idx < 0 ? n : (uint32_t)idx + 1;
    return 0;
}

/* GPACError NOT_SUPPORTED when one of the outputs [first, end) is already connected:
 * the engine links each output PID once and cannot re-link it. */
static int
filter_no_relink(PyObject *op, uint32_t first, uint32_t end, const char *fname)
{
    GpFilter *f = Filter_CAST(op)->f;
    for (uint32_t i = first; i < end; i++) {
        if (gp_pid_nb_destinations(gp_filter_output(f, i))) {
            py_err_set(py_state_of(op), GP_NOT_SUPPORTED, NULL, fname,
                       "the engine cannot re-link an output PID that is already "
                       "connected; link the filters before run()");
            return -1;
        }
    }
    return 0;
}

PyDoc_STRVAR(filter_insert_doc,
             "insert($self, /, f, opid=-1, link_args=None)\n--\n\n"
             "Insert Filter f after this filter: f.set_source(self, link_args), so the\n"
             "outputs (all, or index opid) link to f. Outputs not linked yet (before\n"
             "run()) are linked that way by the session; re-linking outputs that are\n"
             "already connected is not available in this engine: NotSupportedError is\n"
             "raised then, and nothing is changed.");

static PyObject *
filter_insert(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"f", "opid", "link_args"};
    PyObject *a[3];
    uint32_t first, end;
    int ok;
    if (py_args_unpack("insert", args, nargs, kwnames, names, 1, 3, a) < 0)
        return NULL;
    const char *link = py_filter_text_arg(a[2], "insert", "link_args", &ok);
    if (!ok || filter_opid_range(op, a[1], &first, &end) < 0)
        return NULL;
    GpFilter *next = filter_arg(op, a[0], "insert");
    if (!next || filter_no_relink(op, first, end, "insert") < 0)
        return NULL;
    GpErr e = gp_filter_set_source(next, Filter_CAST(op)->f, link);
    if (e != GP_OK)
        return py_err_set(py_state_of(op), e, NULL, "insert", NULL);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(filter_reconnect_doc,
             "reconnect($self, /, opid=-1)\n--\n\n"
             "Re-run link resolution for all outputs or output index opid. Outputs not\n"
             "linked yet are linked by the session anyway: nothing to do. Re-linking an\n"
             "output that is already connected is not available in this engine\n"
             "(NotSupportedError).");

static PyObject *
filter_reconnect(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"opid"};
    PyObject *a[1];
    uint32_t first, end;
    if (py_args_unpack("reconnect", args, nargs, kwnames, names, 0, 1, a) < 0 ||
        filter_opid_range(op, a[0], &first, &end) < 0 ||
        filter_no_relink(op, first, end, "reconnect") < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(filter_remove_doc,
             "remove($self, /)\n--\n\n"
             "Remove the filter from the session: its outputs end (EOS), it is no longer\n"
             "scheduled. The object stays usable until the session is deleted.");

static PyObject *
filter_remove(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    gp_filter_remove(f);
    Py_RETURN_NONE;
}

/* ---- statistics and features the engine does not have ---- */

PyDoc_STRVAR(filter_get_statistics_doc,
             "get_statistics($self, /)\n--\n\n"
             "FilterStats of the filter (bytes for the text fields).");

static PyObject *
filter_get_statistics(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    GpFilter *f = py_filter_live(op);
    return f ? py_stats_filter(py_state_of(op), f) : NULL;
}

PyDoc_STRVAR(filter_get_info_doc,
             "get_info($self, name, /)\n--\n\n"
             "Filter-level info property `name`: always None (the engine has no filter\n"
             "info properties).");

static PyObject *
filter_get_info(PyObject *op, PyObject *key)
{
    uint32_t code;
    const char *name;
    if (py_prop_key(key, &code, &name) < 0 || !py_filter_live(op))
        return NULL;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(filter_require_source_id_doc,
             "require_source_id($self, /)\n--\n\n"
             "Ask that the filter only link to sources it names (set_source). Recorded,\n"
             "but the engine reads this only at load: use the RSID option instead\n"
             "(fs.load('name:RSID')), or set_source() which restricts the inputs anyway.");

static PyObject *
filter_require_source_id(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    if (!py_filter_live(op))
        return NULL;
    Filter_CAST(op)->rsid = true;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(filter_probe_link_doc,
             "probe_link($self, opid_idx, name, /)\n--\n\n"
             "Chain of filter classes that would link output opid_idx to filter `name`:\n"
             "always None, the engine does not expose chain probing yet.");

static PyObject *
filter_probe_link(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    int64_t idx;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "probe_link() takes exactly 2 arguments (%zd given)",
                     nargs);
        return NULL;
    }
    if (py_value_sint(args[0], INT32_MIN, INT32_MAX, &idx, "opid_idx") < 0)
        return NULL;
    if (!PyUnicode_Check(args[1])) {
        PyErr_Format(PyExc_TypeError, "probe_link() argument 'name' must be str, not %.100s",
                     Py_TYPE(args[1])->tp_name);
        return NULL;
    }
    if (!py_filter_live(op))
        return NULL;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(filter_get_destinations_doc,
             "get_destinations($self, opid_idx, /)\n--\n\n"
             "Filter classes able to take output opid_idx directly (-1: all outputs):\n"
             "always None, the engine does not expose chain probing yet.");

static PyObject *
filter_get_destinations(PyObject *op, PyObject *idx_obj)
{
    int64_t idx;
    if (py_value_sint(idx_obj, INT32_MIN, INT32_MAX, &idx, "opid_idx") < 0 || !py_filter_live(op))
        return NULL;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(filter_bind_doc,
             "bind($self, obj, /)\n--\n\n"
             "Attach a Python handler to a filter class that takes one (GPAC: dashin's DASH\n"
             "algorithm, httpout's request handler). This engine has neither filter yet:\n"
             "raises NotSupportedError ('No possible binding to filter class NAME') for\n"
             "every filter.");

static PyObject *
filter_bind(PyObject *op, PyObject *obj)
{
    GpFilter *f = py_filter_live(op);
    if (!f)
        return NULL;
    const GpFilterClass *cls = gp_filter_class(f);
    char what[160];
    PyOS_snprintf(what, sizeof(what), "No possible binding to filter class %s",
                  cls && cls->name ? cls->name : gp_filter_name(f));
    return py_err_set(py_state_of(op), GP_NOT_SUPPORTED, NULL, what, NULL);
}

#define FASTKW(fn) (PyCFunction)(void (*)(void))(fn), METH_FASTCALL | METH_KEYWORDS

static PyMethodDef filter_methods[] = {
    {"set_source", FASTKW(filter_set_source), filter_set_source_doc},
    {"set_source_restricted", FASTKW(filter_set_source_restricted),
     filter_set_source_restricted_doc},
    {"insert", FASTKW(filter_insert), filter_insert_doc},
    {"reconnect", FASTKW(filter_reconnect), filter_reconnect_doc},
    {"remove", filter_remove, METH_NOARGS, filter_remove_doc},
    {"update", FASTKW(py_filter_update),
     "update($self, /, name, value, propagate_mask=0)\n--\n\n"
     "Change option `name` at run time (value: str, parsed as at load). Mask 1 also\n"
     "sends it to the filters downstream, 2 upstream, 3 both (those lacking the\n"
     "option ignore it). GPACError BAD_PARAM when no filter took it (unknown option,\n"
     "option not updatable, or bad value): the built-in filters of this engine have\n"
     "no updatable option yet."},
    {"ipid_prop", FASTKW(py_filter_ipid_prop),
     "ipid_prop($self, /, idx, name)\n--\n\n"
     "Property `name` of input PID idx (IndexError for a bad idx), or None."},
    {"opid_prop", FASTKW(py_filter_opid_prop),
     "opid_prop($self, /, idx, name)\n--\n\n"
     "Property `name` of output PID idx (IndexError for a bad idx), or None."},
    {"ipid_enum_props", FASTKW(py_filter_ipid_enum_props),
     "ipid_enum_props($self, /, idx, cb)\n--\n\n"
     "Call cb.on_prop_enum(name, value) for each property of input PID idx."},
    {"opid_enum_props", FASTKW(py_filter_opid_enum_props),
     "opid_enum_props($self, /, idx, cb)\n--\n\n"
     "Call cb.on_prop_enum(name, value) for each property of output PID idx."},
    {"ipid_stats", FASTKW(py_filter_ipid_stats),
     "ipid_stats($self, /, idx, mode=0)\n--\n\n"
     "FilterPidStatistics of input PID idx (mode: GF_STATS_*; the engine reports the\n"
     "PID's own figures whatever the mode)."},
    {"opid_stats", FASTKW(py_filter_opid_stats),
     "opid_stats($self, /, idx, mode=0)\n--\n\n"
     "FilterPidStatistics of output PID idx (mode as ipid_stats)."},
    {"ipid_source", py_filter_ipid_source, METH_O,
     "ipid_source($self, idx, /)\n--\n\n"
     "The Filter producing input PID idx, or None."},
    {"opid_sinks", py_filter_opid_sinks, METH_O,
     "opid_sinks($self, idx, /)\n--\n\n"
     "List of the Filters consuming output PID idx (empty while not linked)."},
    {"all_args", py_filter_all_args, METH_NOARGS,
     "all_args($self, /)\n--\n\n"
     "FilterArg descriptors of the filter's options (bytes fields)."},
    {"get_arg_value", py_filter_get_arg_value, METH_O,
     "get_arg_value($self, name, /)\n--\n\n"
     "Current value of option `name`, converted as a property of the option's type\n"
     "(int, float, Fraction, PropVec2i, str, list...); enumerated options give\n"
     "their index, as GPAC stores them; None for an unset string or list, and\n"
     "when the filter has no such option."},
    {"all_args_value", py_filter_all_args_value, METH_NOARGS,
     "all_args_value($self, /)\n--\n\n"
     "One dict per option: name, type (type name: 'uint', 'str', 'frac'...), value\n"
     "(current value as str), description, default and min_max_enum (str or None)."},
    {"get_info", filter_get_info, METH_O, filter_get_info_doc},
    {"get_statistics", filter_get_statistics, METH_NOARGS, filter_get_statistics_doc},
    {"require_source_id", filter_require_source_id, METH_NOARGS, filter_require_source_id_doc},
    {"probe_link", (PyCFunction)(void (*)(void))filter_probe_link, METH_FASTCALL,
     filter_probe_link_doc},
    {"get_destinations", filter_get_destinations, METH_O, filter_get_destinations_doc},
    {"bind", filter_bind, METH_O, filter_bind_doc},
    {NULL, NULL, 0, NULL},
};

/* ---- type slots ---- */

static int
filter_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyFilter *self = Filter_CAST(op);
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(self->session);
    return 0;
}

static int
filter_clear(PyObject *op)
{
    PyFilter *self = Filter_CAST(op);
    Py_CLEAR(self->session);
    return 0;
}

static void
filter_dealloc(PyObject *op)
{
    PyFilter *self = Filter_CAST(op);
    PyTypeObject *tp = Py_TYPE(op);
    PyObject_GC_UnTrack(op);
    /* the session's list normally outlives the wrapper; if not (cycle collection), the
     * C filter must not keep a pointer to this dying object */
    if (self->f && gp_filter_get_udata(self->f) == (void *)self)
        gp_filter_set_udata(self->f, NULL);
    self->f = NULL;
    if (self->weakrefs)
        PyObject_ClearWeakRefs(op);
    (void)filter_clear(op);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyObject *
filter_str(PyObject *op)
{
    GpFilter *f = py_filter_live(op);
    return f ? PyUnicode_FromString(gp_filter_name(f)) : NULL;
}

static PyObject *
filter_repr(PyObject *op)
{
    PyFilter *self = Filter_CAST(op);
    const char *tname = Py_TYPE(op)->tp_name;
    const char *dot = strrchr(tname, '.');
    tname = dot ? dot + 1 : tname;
    if (!self->f)
        return PyUnicode_FromFormat("<%s (destroyed)>", tname);
    const char *id = gp_filter_id(self->f);
    if (id)
        return PyUnicode_FromFormat("<%s '%s' ID=%s>", tname, gp_filter_name(self->f), id);
    return PyUnicode_FromFormat("<%s '%s'>", tname, gp_filter_name(self->f));
}

static PyMemberDef filter_members[] = {
    {"__weaklistoffset__", T_PYSSIZET, offsetof(PyFilter, weakrefs), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyDoc_STRVAR(filter_doc,
             "A filter of a session (API.md 2.3), built-in or custom. Created by the binding\n"
             "only (FilterSession.load*, get_filter, on_filter_new...); one object per\n"
             "filter, which accepts arbitrary attributes. Using it after the session was\n"
             "deleted raises GPACError.");

static PyType_Slot filter_slots[] = {
    {Py_tp_dealloc, filter_dealloc},
    {Py_tp_traverse, filter_traverse},
    {Py_tp_clear, filter_clear},
    {Py_tp_str, filter_str},
    {Py_tp_repr, filter_repr},
    {Py_tp_methods, filter_methods},
    {Py_tp_members, filter_members},
    {Py_tp_getset, filter_getset},
    {0, NULL},
};

/* The C part of Filter, without instance dict: Filter itself is made over it by
 * py_add_dict_class (a managed __dict__). BASETYPE: FilterCustom derives from it; not
 * instantiable (no tp_new), nor is Filter. */
static PyType_Spec filter_spec = {
    .name = "gpac._gpac._FilterBase",
    .basicsize = sizeof(PyFilter),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
             Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = filter_slots,
};

int
py_filter_setup(PyObject *module, py_state *st)
{
    st->FilterBase_Type = py_new_type(module, &filter_spec, NULL);
    if (!st->FilterBase_Type)
        return -1;
#if PY_VERSION_HEX < 0x030A0000
    ((PyTypeObject *)st->FilterBase_Type)->tp_new = NULL; /* not instantiable */
#endif
    PyObject *bases = PyTuple_Pack(1, st->FilterBase_Type);
    int rc = bases ? py_add_dict_class(module, "Filter", bases, filter_doc, &st->Filter_Type)
                   : -1;
    Py_XDECREF(bases);
    return rc;
}
