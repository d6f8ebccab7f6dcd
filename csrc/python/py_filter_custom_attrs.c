/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterCustom's methods and read-only properties (API.md 2.4), the tables
 * py_filter_custom.c's type uses. Those with no engine counterpart (status, sticky,
 * blocking, clock hints) record their values in the object and read them back; each
 * docstring says what the engine does with them.
 *
 * Python equivalent:
 *
 *     class FilterCustom(Filter):
 *         def push_cap(self, pcode, prop, flag, priority=0, custom_type=0): ...
 *         def new_pid(self) -> FilterPid: ...    # appended to self.opids
 *         def set_max_pids(self, n): ...; def reschedule(self, when=0): ...
 *         def update_status(self, status, percent): ...
 *         def notify_failure(self, err, error_type=GF_SETUP_ERROR): ...
 *         def make_sticky(self): ...; def prevent_blocking(self, enable): ...
 *         def block_eos(self, enable): ...; def hint_clock(self, clock_us, media_time): ...
 *         status, block_enabled, output_buffer, playout_buffer, sinks_done,
 *         nb_evts_queued, clock_hint_time, clock_hint_mediatime, connections_pending
 */
#include "py_gpac.h"

#include <stdlib.h>
#include <string.h>

#define Custom_CAST(op) ((PyFilterCustom *)(op))

/* The live C filter of self, or NULL with GPACError (py_filter_check's message). */
static GpFilter *
custom_live(PyObject *op)
{
    return py_filter_check(&Custom_CAST(op)->base) < 0 ? NULL : Custom_CAST(op)->base.f;
}

PyDoc_STRVAR(custom_push_cap_doc,
             "push_cap($self, /, pcode, prop, flag, priority=0, custom_type=0)\n--\n\n"
             "Add a capability to the current bundle: property pcode (name or 4CC) with\n"
             "value prop, converted as set_prop does ('Visual', 'raw'... for StreamType\n"
             "and CodecID), and flag GF_CAPS_*; a flag without GF_CAPFLAG_IN_BUNDLE ends\n"
             "the bundle. Do it before run(): the session links PIDs against the caps in\n"
             "force at that moment.");

static PyObject *
custom_push_cap(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"pcode", "prop", "flag", "priority", "custom_type"};
    py_state *st = py_state_of(op);
    PyObject *a[5];
    uint32_t code;
    const char *name;
    uint64_t flag, prio = 0;
    int64_t ctype = 0;
    if (py_args_unpack("push_cap", args, nargs, kwnames, names, 3, 5, a) < 0 ||
        py_prop_key(a[0], &code, &name) < 0 ||
        py_value_uint(a[2], UINT32_MAX, &flag, "flag") < 0 ||
        (a[3] && py_value_uint(a[3], UINT8_MAX, &prio, "priority") < 0) ||
        (a[4] && py_value_sint(a[4], INT32_MIN, INT32_MAX, &ctype, "custom_type") < 0))
        return NULL;
    if (a[1] == Py_None) {
        PyErr_SetString(PyExc_TypeError, "push_cap() prop must not be None");
        return NULL;
    }
    GpFilter *f = custom_live(op);
    if (!f)
        return NULL;
    GpCap cap = {.code = code, .flags = (uint32_t)flag, .priority = (uint8_t)prio};
    if (py_prop_from_python(st, code, name, a[1], (int)ctype, &cap.val) < 0)
        return NULL;
    if (!code && !(cap.name = strdup(name))) {
        gp_prop_value_reset(&cap.val);
        return PyErr_NoMemory();
    }
    if (py_custom_caps_push(Custom_CAST(op)->cls, f, &cap) < 0) {
        free((char *)cap.name);
        gp_prop_value_reset(&cap.val);
        return NULL;
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(custom_new_pid_doc,
             "new_pid($self, /)\n--\n\n"
             "New output FilterPid (also appended to self.opids). With exactly one input,\n"
             "the input's properties are copied into it; the session links it after the\n"
             "current callback returns.");

static PyObject *
custom_new_pid(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    GpFilter *f = custom_live(op);
    if (!f)
        return NULL;
    GpPid *pid = gp_pid_new(f);
    if (!pid)
        return py_err_set(py_state_of(op), GP_OUT_OF_MEM, NULL, "new_pid", NULL);
    PyObject *w = py_pid_wrap(&Custom_CAST(op)->base, pid);
    if (w && PyList_Append(Custom_CAST(op)->opids, w) < 0)
        Py_CLEAR(w);
    return w;
}

PyDoc_STRVAR(custom_set_max_pids_doc,
             "set_max_pids($self, n, /)\n--\n\n"
             "Accept n input PIDs beyond the first (default 0: one input); -1: unlimited.");

static PyObject *
custom_set_max_pids(PyObject *op, PyObject *n_obj)
{
    int64_t n;
    if (py_value_sint(n_obj, INT32_MIN, INT32_MAX, &n, "n") < 0)
        return NULL;
    if (n < -1) {
        PyErr_Format(PyExc_ValueError, "set_max_pids() n must be -1 or more, not %lld",
                     (long long)n);
        return NULL;
    }
    GpFilter *f = custom_live(op);
    if (!f)
        return NULL;
    gp_filter_set_max_extra_pids(f, (int32_t)n);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(custom_reschedule_doc,
             "reschedule($self, /, when=0)\n--\n\n"
             "Have process() called again in `when` microseconds (0: as soon as possible);\n"
             "a negative value posts a process task now.");

static PyObject *
custom_reschedule(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"when"};
    PyObject *a[1];
    int64_t when = 0;
    if (py_args_unpack("reschedule", args, nargs, kwnames, names, 0, 1, a) < 0 ||
        (a[0] && py_value_sint(a[0], INT64_MIN, INT64_MAX, &when, "when") < 0))
        return NULL;
    GpFilter *f = custom_live(op);
    if (!f)
        return NULL;
    if (when < 0)
        gp_filter_post_process(f);
    else
        gp_filter_reschedule(f, (uint64_t)when);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(custom_update_status_doc,
             "update_status($self, status, percent, /)\n--\n\n"
             "Set the status line (str or None) read back by `status`, and the progress in\n"
             "1/10000 (kept; the engine has no status reports).");

static PyObject *
custom_update_status(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    int64_t percent;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "update_status() takes exactly 2 arguments (%zd given)",
                     nargs);
        return NULL;
    }
    if (args[0] != Py_None && !PyUnicode_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "update_status() status must be str or None, not %.100s",
                     Py_TYPE(args[0])->tp_name);
        return NULL;
    }
    if (py_value_sint(args[1], INT32_MIN, INT32_MAX, &percent, "percent") < 0 ||
        !custom_live(op))
        return NULL;
    PyFilterCustom *self = Custom_CAST(op);
    PyObject *status = args[0] == Py_None ? NULL : args[0];
    Py_XINCREF(status);
    Py_XSETREF(self->status, status);
    self->percent = percent;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(custom_notify_failure_doc,
             "notify_failure($self, /, err, error_type=GF_SETUP_ERROR)\n--\n\n"
             "Report a failure (err: a negative error code). GF_SETUP_ERROR: the filter\n"
             "fails (its outputs end, it is no longer scheduled). GF_NOTIF_ERROR: the error\n"
             "is recorded on the session (run() then reports it); GF_NOTIF_ERROR_AND_\n"
             "DISCONNECT: the same, and the filter's outputs end.");

static PyObject *
custom_notify_failure(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames)
{
    static const char *const names[] = {"err", "error_type"};
    PyObject *a[2];
    int64_t err, type = 0;
    if (py_args_unpack("notify_failure", args, nargs, kwnames, names, 1, 2, a) < 0 ||
        py_value_sint(a[0], INT32_MIN, INT32_MAX, &err, "err") < 0 ||
        (a[1] && py_value_sint(a[1], INT32_MIN, INT32_MAX, &type, "error_type") < 0))
        return NULL;
    if (err >= 0 || type < 0 || type > 2) {
        PyErr_SetString(PyExc_ValueError, err >= 0 ? "notify_failure() err must be a negative "
                                                     "error code"
                                                   : "notify_failure() error_type must be "
                                                     "GF_SETUP_ERROR, GF_NOTIF_ERROR or "
                                                     "GF_NOTIF_ERROR_AND_DISCONNECT");
        return NULL;
    }
    GpFilter *f = custom_live(op);
    if (!f)
        return NULL;
    if (type == 0) {
        gp_filter_setup_failure(f, (GpErr)err);
        Py_RETURN_NONE;
    }
    gp_session_set_error(gp_filter_session(f), (GpErr)err, NULL, "filter '%s' reported: %s",
                         gp_filter_name(f), gp_strerror((int)err));
    for (uint32_t i = 0; type == 2 && i < gp_filter_nb_outputs(f); i++)
        gp_pid_set_eos(gp_filter_output(f, i));
    Py_RETURN_NONE;
}

/* make_sticky / prevent_blocking / block_eos: recorded flags. */
static PyObject *
custom_set_flag(PyObject *op, PyObject *enable, unsigned bit)
{
    int on = enable ? PyObject_IsTrue(enable) : 1;
    if (on < 0 || !custom_live(op))
        return NULL;
    if (on)
        Custom_CAST(op)->flags |= bit;
    else
        Custom_CAST(op)->flags &= ~bit;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(custom_make_sticky_doc,
             "make_sticky($self, /)\n--\n\n"
             "Keep the filter when its inputs go. Recorded; this engine never removes an\n"
             "explicitly loaded filter by itself, so custom filters are always sticky.");

static PyObject *
custom_make_sticky(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return custom_set_flag(op, NULL, PY_FC_STICKY);
}

PyDoc_STRVAR(custom_prevent_blocking_doc,
             "prevent_blocking($self, enable, /)\n--\n\n"
             "Ask never to be considered blocked. Recorded (block_enabled reads it back);\n"
             "the engine still skips a filter whose outputs are all full.");

static PyObject *
custom_prevent_blocking(PyObject *op, PyObject *enable)
{
    return custom_set_flag(op, enable, PY_FC_PREVENT_BLOCKING);
}

PyDoc_STRVAR(custom_block_eos_doc,
             "block_eos($self, enable, /)\n--\n\n"
             "Hold end-of-stream signalling. Recorded only: the engine has no EOS hold; do\n"
             "not set `eos` on the outputs until ready instead.");

static PyObject *
custom_block_eos(PyObject *op, PyObject *enable)
{
    return custom_set_flag(op, enable, PY_FC_BLOCK_EOS);
}

PyDoc_STRVAR(custom_hint_clock_doc,
             "hint_clock($self, clock_us, media_time, /)\n--\n\n"
             "Record a clock hint: system time clock_us (µs) matching media_time (Fraction64,\n"
             "or anything with num/den, an int or a float in seconds). Read back by\n"
             "clock_hint_time and clock_hint_mediatime.");

static PyObject *
custom_hint_clock(PyObject *op, PyObject *const *args, Py_ssize_t nargs)
{
    uint64_t us;
    int64_t num;
    uint64_t den;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "hint_clock() takes exactly 2 arguments (%zd given)",
                     nargs);
        return NULL;
    }
    if (py_value_uint(args[0], UINT64_MAX, &us, "clock_us") < 0 ||
        py_fraction_from(args[1], true, &num, &den) < 0 || !custom_live(op))
        return NULL;
    PyFilterCustom *self = Custom_CAST(op);
    self->clock_us = us;
    self->clock_num = num;
    self->clock_den = den;
    Py_RETURN_NONE;
}

#define FASTKW(fn) (PyCFunction)(void (*)(void))(fn), METH_FASTCALL | METH_KEYWORDS
#define FAST(fn) (PyCFunction)(void (*)(void))(fn), METH_FASTCALL

PyMethodDef py_filter_custom_methods[] = {
    {"push_cap", FASTKW(custom_push_cap), custom_push_cap_doc},
    {"new_pid", custom_new_pid, METH_NOARGS, custom_new_pid_doc},
    {"set_max_pids", custom_set_max_pids, METH_O, custom_set_max_pids_doc},
    {"reschedule", FASTKW(custom_reschedule), custom_reschedule_doc},
    {"update_status", FAST(custom_update_status), custom_update_status_doc},
    {"notify_failure", FASTKW(custom_notify_failure), custom_notify_failure_doc},
    {"make_sticky", custom_make_sticky, METH_NOARGS, custom_make_sticky_doc},
    {"prevent_blocking", custom_prevent_blocking, METH_O, custom_prevent_blocking_doc},
    {"block_eos", custom_block_eos, METH_O, custom_block_eos_doc},
    {"hint_clock", FAST(custom_hint_clock), custom_hint_clock_doc},
    {NULL, NULL, 0, NULL},
};

/* ---- read-only properties ---- */

static PyObject *
custom_get_status(PyObject *op, void *closure)
{
    if (!custom_live(op))
        return NULL;
    PyObject *s = Custom_CAST(op)->status;
    return s ? Py_INCREF(s), s : PyUnicode_FromString("");
}

static PyObject *
custom_get_block_enabled(PyObject *op, void *closure)
{
    if (!custom_live(op))
        return NULL;
    return PyBool_FromLong(!(Custom_CAST(op)->flags & PY_FC_PREVENT_BLOCKING));
}

/* Largest buffer (µs) the consumers of the outputs set on their input handles. */
static PyObject *
custom_get_output_buffer(PyObject *op, void *closure)
{
    GpFilter *f = custom_live(op);
    if (!f)
        return NULL;
    uint32_t best = 0;
    for (uint32_t i = 0; i < gp_filter_nb_outputs(f); i++) {
        GpPid *opid = gp_filter_output(f, i);
        for (uint32_t k = 0; k < gp_pid_nb_destinations(opid); k++) {
            GpFilter *dst = gp_pid_destination(opid, k);
            for (uint32_t j = 0; dst && j < gp_filter_nb_inputs(dst); j++) {
                GpPid *in = gp_filter_input(dst, j);
                if (gp_pid_output(in) == opid && gp_pid_get_max_buffer(in) > best)
                    best = gp_pid_get_max_buffer(in);
            }
        }
    }
    return PyLong_FromUnsignedLong(best);
}

static PyObject *
custom_get_zero(PyObject *op, void *closure)
{
    return custom_live(op) ? PyLong_FromLong(0) : NULL;
}

/* True when f has inputs and all of them reached end of stream. */
static bool
custom_sink_done(GpFilter *f)
{
    uint32_t n = gp_filter_nb_inputs(f);
    for (uint32_t i = 0; i < n; i++)
        if (!gp_pid_is_eos(gp_filter_input(f, i)))
            return false;
    return n > 0;
}

/* The sinks downstream of this filter (itself if it has no output) all reached end of
 * stream (breadth-first, bounded: graphs may be cyclic). */
static PyObject *
custom_get_sinks_done(PyObject *op, void *closure)
{
    enum { MAX_SEEN = 256 };
    GpFilter *seen[MAX_SEEN];
    GpFilter *f = custom_live(op);
    if (!f)
        return NULL;
    uint32_t nb = 1, head = 0, sinks = 0;
    bool done = true;
    seen[0] = f;
    while (head < nb && done) {
        GpFilter *cur = seen[head++];
        uint32_t n = gp_filter_nb_outputs(cur);
        if (!n) {
            sinks++;
            done = custom_sink_done(cur);
        }
        for (uint32_t i = 0; i < n; i++) {
            GpPid *opid = gp_filter_output(cur, i);
            for (uint32_t k = 0; k < gp_pid_nb_destinations(opid) && nb < MAX_SEEN; k++) {
                GpFilter *dst = gp_pid_destination(opid, k);
                bool known = !dst;
                for (uint32_t j = 0; j < nb && !known; j++)
                    known = seen[j] == dst;
                if (!known)
                    seen[nb++] = dst;
            }
        }
    }
    return PyBool_FromLong(done && sinks > 0);
}

static PyObject *
custom_get_clock_hint_time(PyObject *op, void *closure)
{
    return custom_live(op) ? PyLong_FromUnsignedLongLong(Custom_CAST(op)->clock_us) : NULL;
}

static PyObject *
custom_get_clock_hint_mediatime(PyObject *op, void *closure)
{
    if (!custom_live(op))
        return NULL;
    PyFilterCustom *self = Custom_CAST(op);
    return py_fraction64_new(py_state_of(op), self->clock_num, self->clock_den);
}

static PyObject *
custom_get_connections_pending(PyObject *op, void *closure)
{
    GpFilter *f = custom_live(op);
    if (!f)
        return NULL;
    bool pending = false;
    for (uint32_t i = 0; i < gp_filter_nb_outputs(f) && !pending; i++)
        pending = gp_pid_nb_destinations(gp_filter_output(f, i)) == 0;
    return PyBool_FromLong(pending);
}

PyGetSetDef py_filter_custom_getset[] = {
    {"status", custom_get_status, NULL, "Status line set by update_status() ('' when none).",
     NULL},
    {"block_enabled", custom_get_block_enabled, NULL,
     "True unless prevent_blocking(True) was called.", NULL},
    {"output_buffer", custom_get_output_buffer, NULL,
     "Largest buffer (µs) the consumers of the outputs keep (0 when not linked).", NULL},
    {"playout_buffer", custom_get_zero, NULL,
     "Playout buffer (µs) requested by sinks: 0, the engine does not track it.", NULL},
    {"sinks_done", custom_get_sinks_done, NULL,
     "True when every sink downstream of this filter (itself when it has no output)\n"
     "reached end of stream.", NULL},
    {"nb_evts_queued", custom_get_zero, NULL,
     "Events queued for the filter: 0, events are tasks of the session here.", NULL},
    {"clock_hint_time", custom_get_clock_hint_time, NULL,
     "clock_us of the last hint_clock() (0 when none).", NULL},
    {"clock_hint_mediatime", custom_get_clock_hint_mediatime, NULL,
     "media_time of the last hint_clock() as a Fraction64 (0/1 when none).", NULL},
    {"connections_pending", custom_get_connections_pending, NULL,
     "True while an output PID has no consumer (not linked yet, or not linkable).", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};
