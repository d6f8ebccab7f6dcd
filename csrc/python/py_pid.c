/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterPid (API.md 2.5): one wrapper per PID handle, stored as the PID's user data (a
 * borrowed back pointer; FilterCustom.ipids/opids and the script hold the strong
 * references). The engine's PID notification calls py_pid_detach when the PID goes:
 * every method then raises GPACError. Here: identity and lifetime, properties, events
 * and the stream-control methods. Packet methods (get_packet, new_pck*...) are in
 * py_pid_pck.c, attributes (name, eos, buffer...) and resolve_template in
 * py_pid_attrs.c.
 *
 * Python equivalent:
 *
 *     class FilterPid:                            # made by the binding only
 *         def get_prop(self, name): ...           # value, or an attribute of that name,
 *         def get_info(self, name): ...           #   or None (GPAC's quirk)
 *         def enum_props(self, cb): ...           # cb.on_prop_enum(name, value)
 *         def set_prop(self, pcode, prop, custom_type=0): ...   # output PIDs
 *         def set_info(self, pcode, prop, custom_type=0): ...
 *         def copy_props(self, ipid): ...
 *         def reset_props(self): ...
 *         def send_event(self, evt): ...          # upstream from an input PID
 *         def remove(self): ...
 *         def clear_eos(self, all_pids): ...
 *         def check_caps(self) -> bool: ...
 *         def is_filter_in_parents(self, f) -> bool: ...
 *         def get_buffer_occupancy(self) -> BufferOccupancy: ...
 *         def get_clock_type(self) -> int: ...    # 0
 *         def get_clock_timestamp(self) -> Fraction64: ...  # 0/1000
 *         def query_cap(self, pcode): ...         # what the destination asks, or None
 *         def negotiate_cap(self, pcode, prop, custom_type=0): ...  # NotSupportedError
 *         # accepted, no effect in this engine: discard_block, allow_direct_dispatch,
 *         # loose_connect, set_framing, set_clock_mode, set_discard, recompute_dts,
 *         # require_source_id
 */
#include "py_gpac.h"

#include <structmember.h>
#include <string.h>

#define Pid_CAST(op) ((PyPid *)(op))

PyObject *
py_attr_missing(PyObject *self, PyObject *name)
{
    if (!PyUnicode_Check(name)) {
        PyErr_Format(PyExc_TypeError, "attribute name must be str, not %.100s",
                     Py_TYPE(name)->tp_name);
        return NULL;
    }
    PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute '%U'",
                 Py_TYPE(self)->tp_name, name);
    return NULL;
}

/* ---- identity and lifetime ---- */

PyObject *
py_pid_wrap(PyFilter *owner, GpPid *pid)
{
    PyObject *existing = gp_pid_get_udata(pid);
    if (existing) {
        Py_INCREF(existing);
        return existing;
    }
    py_state *st = py_state_of((PyObject *)owner);
    PyTypeObject *tp = (PyTypeObject *)st->FilterPid_Type;
    PyPid *self = (PyPid *)tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000
    /* an instance dict from the start: 3.11 specializes pid.get_packet() and the other
     * method calls of a type with __dictoffset__ only when the dict exists (3.12 and
     * later only when it does not: it stays lazy there) */
    self->dict = PyDict_New();
    if (!self->dict) {
        Py_DECREF(self);
        return NULL;
    }
#endif
    self->st = st;
    self->pid = pid;
    Py_INCREF(owner);
    self->filter = owner;
    gp_pid_set_udata(pid, self); /* borrowed: cleared by pid_dealloc or the notification */
    return (PyObject *)self;
}

void
py_pid_detach(PyPid *self)
{
    PyObject *pck = self->pck;
    self->pid = NULL;
    self->pck = NULL;
    if (pck) {
        py_packet_pid_gone((PyPacket *)pck);
        Py_DECREF(pck);
    }
    py_pid_clear_spares(self);
}

int
py_pid_check(PyPid *self)
{
    if (self->pid)
        return 0;
    py_err_set(py_state_of((PyObject *)self), GP_BAD_PARAM, NULL,
               "FilterPid used after its PID was destroyed (session deleted or PID removed)",
               NULL);
    return -1;
}

/* The live C PID of self, or NULL with GPACError. */
static GpPid *
pid_live(PyObject *op)
{
    return py_pid_check(Pid_CAST(op)) < 0 ? NULL : Pid_CAST(op)->pid;
}

/* The live output PID of self, or NULL with GPACError ("Cannot <what> on input PID"). */
static GpPid *
pid_output(PyObject *op, const char *what)
{
    GpPid *pid = pid_live(op);
    if (pid && !gp_pid_is_output(pid)) {
        char msg[96];
        PyOS_snprintf(msg, sizeof(msg), "Cannot %s on input PID", what);
        py_err_set(py_state_of(op), GP_BAD_PARAM, NULL, msg, NULL);
        return NULL;
    }
    return pid;
}

/* ---- properties ---- */

/* get_prop / get_info: a missing property falls back on an attribute of that name
 * (GPAC's quirk: get_prop('timescale') reads pid.timescale), else None. */
static PyObject *
pid_prop_lookup(PyObject *op, PyObject *key, bool info)
{
    uint32_t code;
    const char *name;
    if (py_prop_key(key, &code, &name) < 0)
        return NULL;
    GpPid *pid = pid_live(op);
    if (!pid)
        return NULL;
    const GpPropValue *v = info ? gp_pid_get_info(pid, code, name)
                                : gp_pid_get_prop(pid, code, name);
    if (v)
        return py_prop_to_python(py_state_of(op), code, v);
    if (!PyUnicode_Check(key))
        Py_RETURN_NONE;
    PyObject *attr = PyObject_GetAttr(op, key);
    if (!attr && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear(); /* house-style: no such attribute either: the property is None */
        Py_RETURN_NONE;
    }
    return attr;
}

PyDoc_STRVAR(pid_get_prop_doc,
             "get_prop($self, name, /)\n--\n\n"
             "PID property `name` (built-in name, 4CC or custom name) as a Python value\n"
             "(API.md 3.2). When absent: an attribute of the same name if the object has\n"
             "one (GPAC's behaviour: get_prop('timescale')), else None.");

static PyObject *
pid_get_prop(PyObject *op, PyObject *key)
{
    return pid_prop_lookup(op, key, false);
}

PyDoc_STRVAR(pid_get_info_doc,
             "get_info($self, name, /)\n--\n\n"
             "Info property `name` (set_info values first, then properties), else as\n"
             "get_prop.");

static PyObject *
pid_get_info(PyObject *op, PyObject *key)
{
    return pid_prop_lookup(op, key, true);
}

/* py_props_enum source; re-reads the wrapper each step (the callback may end the PID). */
static const GpPropValue *
pid_enum_step(void *ctx, uint32_t *idx, uint32_t *code, const char **name)
{
    PyPid *self = ctx;
    return self->pid ? gp_pid_enum_props(self->pid, idx, code, name) : NULL;
}

PyDoc_STRVAR(pid_enum_props_doc,
             "enum_props($self, cb, /)\n--\n\n"
             "Call cb.on_prop_enum(name, value) for every property (built-in names for\n"
             "built-in properties, the raw name of custom ones).");

static PyObject *
pid_enum_props(PyObject *op, PyObject *cb)
{
    if (!pid_live(op))
        return NULL;
    Py_INCREF(op);
    int rc = py_props_enum(py_state_of(op), cb, pid_enum_step, op);
    Py_DECREF(op);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

typedef GpErr (*PidSetFn)(GpPid *, uint32_t, const char *, const GpPropValue *);

static PyObject *
pid_set_common(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
               const char *fname, PidSetFn set)
{
    static const char *const names[] = {"pcode", "prop", "custom_type"};
    py_state *st = py_state_of(op);
    PyObject *a[3];
    uint32_t code;
    const char *name;
    int64_t ctype = 0;
    if (py_args_unpack(fname, args, nargs, kwnames, names, 2, 3, a) < 0 ||
        py_prop_key(a[0], &code, &name) < 0)
        return NULL;
    if (a[2] && py_value_sint(a[2], INT32_MIN, INT32_MAX, &ctype, "custom_type") < 0)
        return NULL;
    GpPid *pid = pid_output(op, "set property");
    if (!pid)
        return NULL;
    GpErr e;
    if (a[1] == Py_None) {
        e = set(pid, code, name, NULL);
    } else {
        GpPropValue v;
        if (py_prop_from_python(st, code, name, a[1], (int)ctype, &v) < 0)
            return NULL;
        e = set(pid, code, name, &v);
        gp_prop_value_reset(&v);
    }
    if (e != GP_OK)
        return py_err_set(st, e, NULL, fname, NULL);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(pid_set_prop_doc,
             "set_prop($self, pcode, prop, custom_type=0)\n--\n\n"
             "Set a property of an output PID (GPACError on an input PID); prop None\n"
             "removes it. Names for StreamType/CodecID/PixelFormat/AudioFormat; a custom\n"
             "name without custom_type stores str(prop) (API.md 3.3). After packets were\n"
             "sent, consumers see the change at the next packet.");

static PyObject *
pid_set_prop(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return pid_set_common(op, args, nargs, kwnames, "set_prop", gp_pid_set_prop);
}

PyDoc_STRVAR(pid_set_info_doc,
             "set_info($self, pcode, prop, custom_type=0)\n--\n\n"
             "As set_prop, for info properties: no reconfiguration downstream.");

static PyObject *
pid_set_info(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return pid_set_common(op, args, nargs, kwnames, "set_info", gp_pid_set_info);
}

PyDoc_STRVAR(pid_copy_props_doc,
             "copy_props($self, ipid, /)\n--\n\n"
             "Replace this output PID's properties with those of ipid.");

static PyObject *
pid_copy_props(PyObject *op, PyObject *src)
{
    py_state *st = py_state_of(op);
    if (!PyObject_TypeCheck(src, (PyTypeObject *)st->FilterPid_Type)) {
        PyErr_Format(PyExc_TypeError, "copy_props(): expected a FilterPid, not %.100s",
                     Py_TYPE(src)->tp_name);
        return NULL;
    }
    GpPid *pid = pid_output(op, "copy_props");
    GpPid *from = pid ? pid_live(src) : NULL;
    if (!from)
        return NULL;
    GpErr e = gp_pid_copy_props(pid, from);
    if (e != GP_OK)
        return py_err_set(st, e, NULL, "copy_props()", NULL);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(pid_reset_props_doc,
             "reset_props($self, /)\n--\n\n"
             "Remove every property of this output PID.");

static PyObject *
pid_reset_props(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    GpPid *pid = pid_output(op, "reset_props");
    if (!pid)
        return NULL;
    GpErr e = gp_pid_reset_props(pid);
    if (e != GP_OK)
        return py_err_set(py_state_of(op), e, NULL, "reset_props()", NULL);
    Py_RETURN_NONE;
}

/* ---- events and stream control ---- */

PyDoc_STRVAR(pid_send_event_doc,
             "send_event($self, evt, /)\n--\n\n"
             "Send a FilterEvent: upstream from an input PID (PLAY, STOP, BUFFER_REQ...),\n"
             "downstream from an output PID. Sets evt.base.on_pid to this PID.");

static PyObject *
pid_send_event(PyObject *op, PyObject *evt)
{
    py_state *st = py_state_of(op);
    GpEvent *ev = py_event_arg(st, evt);
    GpPid *pid = ev ? pid_live(op) : NULL;
    if (!pid)
        return NULL;
    ev->base.on_pid = pid;
    Py_INCREF(op);
    Py_XSETREF(((PyEvent *)evt)->on_pid, op);
    GpErr e = gp_pid_send_event(pid, ev);
    if (e != GP_OK)
        return py_err_set(st, e, NULL, "send_event()", NULL);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(pid_remove_doc,
             "remove($self, /)\n--\n\n"
             "Remove this output PID: consumers get configure_pid(pid, 1).");

static PyObject *
pid_remove(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    GpPid *pid = pid_output(op, "remove");
    if (!pid)
        return NULL;
    gp_pid_remove(pid);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(pid_clear_eos_doc,
             "clear_eos($self, all_pids, /)\n--\n\n"
             "Clear the end-of-stream state of this PID; with all_pids, of every PID of the\n"
             "same direction of its filter.");

static PyObject *
pid_clear_eos(PyObject *op, PyObject *all_obj)
{
    GpPid *pid = pid_live(op);
    int all = pid ? PyObject_IsTrue(all_obj) : -1;
    if (all < 0)
        return NULL;
    GpFilter *f = gp_pid_owner(pid);
    if (!all || !f) {
        gp_pid_clear_eos(pid);
        Py_RETURN_NONE;
    }
    bool out = gp_pid_is_output(pid);
    uint32_t n = out ? gp_filter_nb_outputs(f) : gp_filter_nb_inputs(f);
    for (uint32_t i = 0; i < n; i++)
        gp_pid_clear_eos(out ? gp_filter_output(f, i) : gp_filter_input(f, i));
    Py_RETURN_NONE;
}

PyDoc_STRVAR(pid_check_caps_doc,
             "check_caps($self, /)\n--\n\n"
             "True when this input PID's current properties still match the filter's input\n"
             "capabilities.");

static PyObject *
pid_check_caps(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    GpPid *pid = pid_live(op);
    return pid ? PyBool_FromLong(gp_pid_check_caps(pid)) : NULL;
}

/* Filters upstream of `from` (inclusive) include `target`: breadth-first over the
 * inputs, bounded (graphs may be cyclic). */
static bool
pid_has_parent(GpFilter *from, GpFilter *target)
{
    enum { MAX_SEEN = 256 };
    GpFilter *seen[MAX_SEEN];
    uint32_t nb = 0, head = 0;
    if (from)
        seen[nb++] = from;
    while (head < nb) {
        GpFilter *f = seen[head++];
        if (f == target)
            return true;
        uint32_t n = gp_filter_nb_inputs(f);
        for (uint32_t i = 0; i < n && nb < MAX_SEEN; i++) {
            GpFilter *src = gp_pid_source_filter(gp_filter_input(f, i));
            bool known = !src;
            for (uint32_t k = 0; k < nb && !known; k++)
                known = seen[k] == src;
            if (!known)
                seen[nb++] = src;
        }
    }
    return false;
}

PyDoc_STRVAR(pid_is_filter_in_parents_doc,
             "is_filter_in_parents($self, f, /)\n--\n\n"
             "True when Filter f produces this PID or is upstream of its producer.");

static PyObject *
pid_is_filter_in_parents(PyObject *op, PyObject *f)
{
    py_state *st = py_state_of(op);
    if (!PyObject_TypeCheck(f, (PyTypeObject *)st->Filter_Type)) {
        PyErr_Format(PyExc_TypeError, "is_filter_in_parents(): expected a Filter, not %.100s",
                     Py_TYPE(f)->tp_name);
        return NULL;
    }
    GpPid *pid = pid_live(op);
    if (!pid || py_filter_check((PyFilter *)f) < 0)
        return NULL;
    return PyBool_FromLong(pid_has_parent(gp_pid_source_filter(pid), ((PyFilter *)f)->f));
}

PyDoc_STRVAR(pid_get_buffer_occupancy_doc,
             "get_buffer_occupancy($self, /)\n--\n\n"
             "BufferOccupancy of this input PID (max_units, nb_pck, max_dur, dur in µs,\n"
             "is_final_flush).");

static PyObject *
pid_get_buffer_occupancy(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    GpPid *pid = pid_live(op);
    return pid ? py_stats_buffer(py_state_of(op), pid) : NULL;
}

PyDoc_STRVAR(pid_get_clock_type_doc,
             "get_clock_type($self, /)\n--\n\n"
             "Clock reference type received on this PID: always 0 (no PCR signalling).");

static PyObject *
pid_get_clock_type(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return pid_live(op) ? PyLong_FromLong(0) : NULL;
}

PyDoc_STRVAR(pid_get_clock_timestamp_doc,
             "get_clock_timestamp($self, /)\n--\n\n"
             "Last clock reference as a Fraction64: always 0/1000 (no PCR signalling).");

static PyObject *
pid_get_clock_timestamp(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return pid_live(op) ? py_fraction64_new(py_state_of(op), 0, 1000) : NULL;
}

PyDoc_STRVAR(pid_query_cap_doc,
             "query_cap($self, pcode, /)\n--\n\n"
             "Output PIDs: the value the destination's input capabilities ask for a\n"
             "property (the first consumer, or before linking the filter the chain leads\n"
             "to), e.g. query_cap('CodecID'); None when there is no destination yet or it\n"
             "does not constrain the property.");

static PyObject *
pid_query_cap(PyObject *op, PyObject *key)
{
    uint32_t code;
    const char *name;
    if (py_prop_key(key, &code, &name) < 0)
        return NULL;
    GpPid *pid = pid_output(op, "query_cap");
    if (!pid)
        return NULL;
    const GpPropValue *v = gp_pid_caps_query(pid, code, name);
    if (!v)
        Py_RETURN_NONE;
    return py_prop_to_python(py_state_of(op), code, v);
}

PyDoc_STRVAR(pid_negotiate_cap_doc,
             "negotiate_cap($self, pcode, prop, custom_type=0)\n--\n\n"
             "Ask upstream for another property value: raises NotSupportedError (GPACError)\n"
             "after checking the arguments, since the engine has no capability\n"
             "negotiation yet (insert a converter filter explicitly instead).");

static PyObject *
pid_negotiate_cap(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"pcode", "prop", "custom_type"};
    py_state *st = py_state_of(op);
    PyObject *a[3];
    uint32_t code;
    const char *name;
    int64_t ctype = 0;
    GpPropValue v;
    if (py_args_unpack("negotiate_cap", args, nargs, kwnames, names, 2, 3, a) < 0 ||
        py_prop_key(a[0], &code, &name) < 0)
        return NULL;
    if (a[2] && py_value_sint(a[2], INT32_MIN, INT32_MAX, &ctype, "custom_type") < 0)
        return NULL;
    if (a[1] != Py_None) {
        if (py_prop_from_python(st, code, name, a[1], (int)ctype, &v) < 0)
            return NULL;
        gp_prop_value_reset(&v);
    }
    if (!pid_live(op))
        return NULL;
    return py_err_set(st, GP_NOT_SUPPORTED, NULL, "negotiate_cap()",
                      "the engine has no capability negotiation");
}

/* Methods GPAC offers for features this engine does not have: they check the PID and
 * their argument, and change nothing (documented in the stubs). */
static PyObject *
pid_noop(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    if (!pid_live(op))
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
pid_noop_flag(PyObject *op, PyObject *flag)
{
    if (!pid_live(op) || PyObject_IsTrue(flag) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
pid_noop_int(PyObject *op, PyObject *value)
{
    int64_t v;
    if (py_value_sint(value, INT32_MIN, INT32_MAX, &v, "value") < 0 || !pid_live(op))
        return NULL;
    Py_RETURN_NONE;
}

#define NOOP_DOC(sig, text) sig "\n--\n\n" text " Accepted for compatibility; no effect here."

#define FASTKW(fn) (PyCFunction)(void (*)(void))(fn), METH_FASTCALL | METH_KEYWORDS

static PyMethodDef pid_methods[] = {
    {"get_prop", pid_get_prop, METH_O, pid_get_prop_doc},
    {"get_info", pid_get_info, METH_O, pid_get_info_doc},
    {"enum_props", pid_enum_props, METH_O, pid_enum_props_doc},
    {"set_prop", FASTKW(pid_set_prop), pid_set_prop_doc},
    {"set_info", FASTKW(pid_set_info), pid_set_info_doc},
    {"copy_props", pid_copy_props, METH_O, pid_copy_props_doc},
    {"reset_props", pid_reset_props, METH_NOARGS, pid_reset_props_doc},
    {"get_packet", py_pid_get_packet, METH_NOARGS,
     "get_packet($self, /)\n--\n\n"
     "First queued packet of this input PID without removing it: the same FilterPacket\n"
     "until drop_packet(). None when empty or at end of stream. May call configure_pid\n"
     "first (property change)."},
    {"drop_packet", py_pid_drop_packet, METH_NOARGS,
     "drop_packet($self, /)\n--\n\n"
     "Remove the packet get_packet() returned (no-op when none was fetched). The packet\n"
     "is then unusable unless ref()'ed; arrays of its data stay valid."},
    {"forward", py_pid_forward, METH_O,
     "forward($self, ipck, /)\n--\n\n"
     "Send on this output PID a packet referencing ipck's data, with its timing, flags\n"
     "and properties."},
    {"new_pck", FASTKW(py_pid_new_pck),
     "new_pck($self, /, size=0)\n--\n\n"
     "New output packet with `size` writable bytes, no DTS/CTS, full frame."},
    {"new_pck_ref", FASTKW(py_pid_new_pck_ref),
     "new_pck_ref($self, /, ipck, size=0, offset=0)\n--\n\n"
     "New output packet over ipck's data [offset, offset+size) (size 0: to the end),\n"
     "keeping ipck's memory alive; read-only; no timing copied (use copy_props)."},
    {"new_pck_shared", py_pid_new_pck_shared, METH_O,
     "new_pck_shared($self, data, /)\n--\n\n"
     "New output packet over the script's memory (any C-contiguous buffer: numpy array,\n"
     "bytearray...), read-only if data is. The filter class must define\n"
     "packet_release(opid, pck) (else TypeError): it is called with this PID and this\n"
     "packet when the packet is destroyed. The binding holds the buffer until then."},
    {"new_pck_copy", py_pid_new_pck_copy, METH_O,
     "new_pck_copy($self, ipck, /)\n--\n\n"
     "New writable output packet with a copy of ipck's data, timing and properties."},
    {"new_pck_clone", py_pid_new_pck_clone, METH_O,
     "new_pck_clone($self, ipck, /)\n--\n\n"
     "New writable output packet with ipck's data, timing and properties: in place (the\n"
     "input's memory is moved, ipck is left empty) when nothing else holds ipck (not\n"
     "ref()'ed, no live array of its data), else a copy."},
    {"send_event", pid_send_event, METH_O, pid_send_event_doc},
    {"remove", pid_remove, METH_NOARGS, pid_remove_doc},
    {"clear_eos", pid_clear_eos, METH_O, pid_clear_eos_doc},
    {"check_caps", pid_check_caps, METH_NOARGS, pid_check_caps_doc},
    {"is_filter_in_parents", pid_is_filter_in_parents, METH_O, pid_is_filter_in_parents_doc},
    {"get_buffer_occupancy", pid_get_buffer_occupancy, METH_NOARGS,
     pid_get_buffer_occupancy_doc},
    {"get_clock_type", pid_get_clock_type, METH_NOARGS, pid_get_clock_type_doc},
    {"get_clock_timestamp", pid_get_clock_timestamp, METH_NOARGS, pid_get_clock_timestamp_doc},
    {"query_cap", pid_query_cap, METH_O, pid_query_cap_doc},
    {"negotiate_cap", FASTKW(pid_negotiate_cap), pid_negotiate_cap_doc},
    {"resolve_template", FASTKW(py_pid_resolve_template),
     "resolve_template($self, /, template, file_idx=0, suffix=None)\n--\n\n"
     "Resolve a $KEYWORD$ template with this PID (API.md 4.4): $num$ (file_idx), $FS$\n"
     "(suffix), $PID$, $URL$, $File$, $Type$, $OType$, $p4cc=ABCD$, $pname=Name$,\n"
     "$cts$/$dts$/$dur$/$sap$ (packet from get_packet()), any property name; a format\n"
     "such as $num%05d$ pads; $$ is a '$'. Unknown keywords are kept as written."},
    {"discard_block", pid_noop, METH_NOARGS,
     NOOP_DOC("discard_block($self, /)", "Discard a blocking state.")},
    {"allow_direct_dispatch", pid_noop, METH_NOARGS,
     NOOP_DOC("allow_direct_dispatch($self, /)", "Allow direct packet dispatch.")},
    {"loose_connect", pid_noop, METH_NOARGS,
     NOOP_DOC("loose_connect($self, /)", "Let the PID stay unconnected.")},
    {"require_source_id", pid_noop, METH_NOARGS,
     NOOP_DOC("require_source_id($self, /)", "Only connect to filters naming a source.")},
    {"set_framing", pid_noop_flag, METH_O,
     NOOP_DOC("set_framing($self, framed, /)",
              "Require full frames (the engine always delivers the producer's packets).")},
    {"set_discard", pid_noop_flag, METH_O,
     NOOP_DOC("set_discard($self, do_discard, /)", "Discard incoming packets.")},
    {"recompute_dts", pid_noop_flag, METH_O,
     NOOP_DOC("recompute_dts($self, do_compute, /)", "Recompute DTS from durations.")},
    {"set_clock_mode", pid_noop_int, METH_O,
     NOOP_DOC("set_clock_mode($self, cmode, /)", "Clock signalling mode.")},
    {"__getattr__", py_attr_missing, METH_O,
     "__getattr__($self, name, /)\n--\n\nCalled for missing attributes: AttributeError."},
    {NULL, NULL, 0, NULL},
};

/* ---- type slots ---- */

static int
pid_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyPid *self = Pid_CAST(op);
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(self->dict);
    Py_VISIT(self->filter);
    Py_VISIT(self->pck);
    for (int i = 0; i < PY_PID_SPARES; i++)
        Py_VISIT(self->spare[i]);
    return 0;
}

static int
pid_clear(PyObject *op)
{
    PyPid *self = Pid_CAST(op);
    Py_CLEAR(self->dict);
    Py_CLEAR(self->pck);
    py_pid_clear_spares(self);
    Py_CLEAR(self->filter);
    return 0;
}

static void
pid_dealloc(PyObject *op)
{
    PyPid *self = Pid_CAST(op);
    PyTypeObject *tp = Py_TYPE(op);
    PyObject_GC_UnTrack(op);
    /* the C PID outlives its wrapper: its user data must not dangle, and nothing run
     * by the weakref callbacks below may find this dying object through it */
    if (self->pid && gp_pid_get_udata(self->pid) == (void *)self)
        gp_pid_set_udata(self->pid, NULL);
    self->pid = NULL;
    if (self->weakrefs)
        PyObject_ClearWeakRefs(op);
    (void)pid_clear(op);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyObject *
pid_repr(PyObject *op)
{
    PyPid *self = Pid_CAST(op);
    if (!self->pid)
        return PyUnicode_FromString("<FilterPid (destroyed)>");
    const char *name = gp_pid_name(self->pid);
    GpFilter *f = gp_pid_owner(self->pid);
    return PyUnicode_FromFormat("<FilterPid '%s' %s of '%s'>", name ? name : "",
                                gp_pid_is_output(self->pid) ? "output" : "input",
                                f ? gp_filter_name(f) : "");
}

static PyMemberDef pid_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(PyPid, dict), READONLY, NULL},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(PyPid, weakrefs), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyDoc_STRVAR(pid_doc,
             "A PID handle (API.md 2.5): an input PID of a custom filter (configure_pid)\n"
             "or an output PID (FilterCustom.new_pid()). Created by the binding only; one\n"
             "object per PID, which accepts arbitrary attributes. Using it after the PID\n"
             "was destroyed (session deleted, PID removed) raises GPACError.");

static PyType_Slot pid_slots[] = {
    {Py_tp_doc, (void *)pid_doc},
    {Py_tp_dealloc, pid_dealloc},
    {Py_tp_traverse, pid_traverse},
    {Py_tp_clear, pid_clear},
    {Py_tp_repr, pid_repr},
    {Py_tp_methods, pid_methods},
    {Py_tp_members, pid_members},
    {Py_tp_getset, py_pid_getset},
    {Py_tp_setattro, PyObject_GenericSetAttr}, /* own __setattr__: user attributes */
    {0, NULL},
};

static PyType_Spec pid_spec = {
    .name = "gpac._gpac.FilterPid",
    .basicsize = sizeof(PyPid),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
             Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = pid_slots,
};

int
py_pid_setup(PyObject *module, py_state *st)
{
    if (py_add_type(module, &pid_spec, NULL, &st->FilterPid_Type) < 0)
        return -1;
#if PY_VERSION_HEX < 0x030A0000
    ((PyTypeObject *)st->FilterPid_Type)->tp_new = NULL; /* not instantiable */
#endif
    return 0;
}
