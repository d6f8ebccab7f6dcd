/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterPacket (API.md 2.6): the wrapper's state machine, its one counted C reference,
 * properties, ref()/unref(), send()/discard(), clone(), and the shared-packet release
 * trampoline. Timing/flag attributes and `data` are in py_packet_fields.c; the memory
 * exporter behind `data` is py_packet_view.c's; packets are made by FilterPid methods
 * (py_pid_pck.c).
 *
 * States (PyPacketState in py_gpac.h):
 *   LIVE      holds a C reference. Input (get_packet): read-only. Output (new_pck*):
 *             writable until send()/discard(). Detached (clone()): writable.
 *   HELD      dropped (input) or sent (output) while ref()'ed: still holds its reference,
 *             read-only, until the last unref().
 *   DROPPED / SENT / DISCARDED / GONE: no reference; every use raises GPACError.
 * A shared packet (new_pck_shared) calls filter.packet_release(opid, pck) with this very
 * object when its last C reference goes: when the wrapper gives its reference up it
 * first takes a strong reference on itself, which the release gives back.
 *
 * Python equivalent:
 *
 *     class FilterPacket:                       # made by FilterPid only
 *         def get_prop(self, name): ...         # value or None
 *         def enum_props(self, cb): ...         # cb.on_prop_enum(name, value)
 *         def set_prop(self, pcode, prop, custom_type=0): ...   # output only
 *         def copy_props(self, ipck): ...       # timing, flags and properties
 *         def ref(self): ...                    # keep it beyond drop_packet()/send()
 *         def unref(self): ...
 *         def send(self): ...
 *         def discard(self): ...
 *         def clone(self, cached_pck=None): ... # input only: detached copy
 *         def readonly(self): ...
 *         def truncate(self, size): ...
 *         def get_gl_texture(self, idx): ...   # always None (no GPU frames)
 */
#include "py_gpac.h"

#include <structmember.h>
#include <stdio.h>

#define Packet_CAST(op) ((PyPacket *)(op))

/* GPACError(BAD_PARAM) with a formatted message: misuse of a packet. */
static PyObject *
packet_misuse(PyPacket *self, const char *fmt, const char *arg)
{
    char msg[160];
    snprintf(msg, sizeof(msg), fmt, arg ? arg : "");
    return py_err_set(py_state_of((PyObject *)self), GP_BAD_PARAM, NULL, msg, NULL);
}

int
py_packet_check(PyPacket *self, bool write, const char *what)
{
    static const char *const dead[] = {
        [PY_PCK_DROPPED] = "packet used after drop_packet()",
        [PY_PCK_SENT] = "packet used after send()",
        [PY_PCK_DISCARDED] = "packet used after discard()",
        [PY_PCK_GONE] = "packet used after its PID was destroyed (session deleted)",
    };
    if (self->state != PY_PCK_LIVE && self->state != PY_PCK_HELD) {
        packet_misuse(self, "%s", dead[self->state]);
        return -1;
    }
    if (!write)
        return 0;
    if (self->kind == PY_PCK_INPUT) {
        packet_misuse(self, "Cannot %s on source packet", what);
        return -1;
    }
    if (self->state == PY_PCK_HELD) {
        packet_misuse(self, "Cannot %s on a sent packet", what);
        return -1;
    }
    if (self->pid && !self->pid->pid) {
        packet_misuse(self, "Cannot %s: the packet's PID was destroyed (session deleted)",
                      what);
        return -1;
    }
    return 0;
}

GpPacket *
py_packet_arg(py_state *st, PyObject *obj, const char *what)
{
    if (!PyObject_TypeCheck(obj, (PyTypeObject *)st->FilterPacket_Type)) {
        PyErr_Format(PyExc_TypeError, "%s: expected a FilterPacket, not %.100s", what,
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    PyPacket *pck = Packet_CAST(obj);
    return py_packet_check(pck, false, what) < 0 ? NULL : pck->pck;
}

/* Gives the wrapper's C reference up (the caller sends or unrefs what it returns). A
 * shared packet's release needs this object: keep it alive until then. */
static GpPacket *
packet_take(PyPacket *self, PyPacketState state)
{
    GpPacket *pck = self->pck;
    self->pck = NULL;
    self->state = (uint8_t)state;
    if (pck && self->has_shared)
        Py_INCREF(self); /* given back by packet_release_call */
    return pck;
}

PyObject *
py_packet_new(py_state *st, GpPacket *pck, PyPid *pid, PyPacketKind kind)
{
    PyTypeObject *tp = (PyTypeObject *)st->FilterPacket_Type;
    PyPacket *self = (PyPacket *)tp->tp_alloc(tp, 0);
    if (!self) {
        gp_packet_unref(pck);
        return NULL;
    }
    self->st = st;
    self->pck = pck;
    Py_XINCREF(pid);
    self->pid = pid;
    self->kind = (uint8_t)kind;
    self->state = PY_PCK_LIVE;
    return (PyObject *)self;
}

void
py_packet_dropped(PyPacket *self)
{
    if (self->state != PY_PCK_LIVE)
        return;
    if (self->user_refs)
        self->state = PY_PCK_HELD;
    else
        gp_packet_unref(packet_take(self, PY_PCK_DROPPED));
}

void
py_packet_pid_gone(PyPacket *self)
{
    if (self->state != PY_PCK_LIVE)
        return;
    if (self->user_refs)
        self->state = PY_PCK_HELD;
    else
        gp_packet_unref(packet_take(self, PY_PCK_GONE));
}

/* ---- shared packets ---- */

/* An exception from packet_release: run() re-raises it while the session runs; after
 * that nothing can propagate it (STYLE.md: unraisable). */
static void
packet_release_error(PyFilter *owner)
{
    PySession *ses = owner->session;
    if (ses && ses->s && ses->in_run)
        py_session_set_error(ses);
    else
        PyErr_WriteUnraisable((PyObject *)owner);
}

/* GIL held: owner.packet_release(opid, pck), then the buffer and the strong reference
 * packet_take took go. Any pending exception of the interrupted code is preserved. */
static void
packet_release_call(PyPacket *self)
{
    py_state *st = py_state_of((PyObject *)self);
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    PyFilter *owner = self->pid ? self->pid->filter : NULL;
    if (owner) {
        PyObject *res = PyObject_CallMethodObjArgs((PyObject *)owner, st->str_packet_release,
                                                   (PyObject *)self->pid, (PyObject *)self,
                                                   NULL);
        if (res)
            Py_DECREF(res);
        else
            packet_release_error(owner);
    }
    if (self->has_shared) {
        self->has_shared = false;
        PyBuffer_Release(&self->shared);
    }
    PyErr_Restore(et, ev, tb);
    Py_DECREF(self);
}

static bool
packet_interpreter_finalizing(void)
{
#if PY_VERSION_HEX >= 0x030D0000
    return Py_IsFinalizing();
#else
    return _Py_IsFinalizing();
#endif
}

/* GpPacketReleaseFn of shared packets: any thread, so it takes the GIL. */
static void
packet_shared_release(GpFilter *f, GpPid *opid, GpPacket *pck)
{
    PyPacket *self = gp_packet_shared_udata(pck);
    /* at interpreter exit the script's memory goes with the process */
    if (!self || packet_interpreter_finalizing())
        return;
    PyGILState_STATE gil = PyGILState_Ensure();
    packet_release_call(self);
    PyGILState_Release(gil);
    /* the producer may have waited for this memory (the user guide's forwarding example
     * holds its input until the release): give it a turn */
    if (f)
        gp_filter_post_process(f);
}

PyObject *
py_packet_new_shared(py_state *st, PyPid *opid, PyObject *data)
{
    PyTypeObject *tp = (PyTypeObject *)st->FilterPacket_Type;
    PyPacket *self = (PyPacket *)tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
    self->st = st;
    Py_INCREF(opid);
    self->pid = opid;
    self->kind = PY_PCK_OUTPUT;
    self->state = PY_PCK_DISCARDED; /* until the C packet exists */
    /* C-contiguous bytes, read-only accepted (the packet is then read-only) */
    if (PyObject_GetBuffer(data, &self->shared, PyBUF_ND) < 0)
        goto error;
    self->has_shared = true;
    if ((unsigned long long)self->shared.len > UINT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "new_pck_shared(): data larger than 4 GiB");
        goto error;
    }
    GpPacket *pck = gp_packet_new_shared(opid->pid, self->shared.buf,
                                         (uint32_t)self->shared.len, packet_shared_release,
                                         self);
    if (!pck) {
        py_err_set(st, GP_OUT_OF_MEM, NULL, "new_pck_shared()", NULL);
        goto error;
    }
    if (self->shared.readonly)
        gp_packet_set_readonly(pck);
    self->pck = pck;
    self->state = PY_PCK_LIVE;
    return (PyObject *)self;
error:
    /* no C packet: nothing will call the release, give the buffer back here */
    if (self->has_shared) {
        self->has_shared = false;
        PyBuffer_Release(&self->shared);
    }
    Py_DECREF(self);
    return NULL;
}

GpPacket *
py_packet_new_clone(py_state *st, PyObject *ipck, GpPid *opid)
{
    GpPacket *src = py_packet_arg(st, ipck, "new_pck_clone()");
    if (!src)
        return NULL;
    PyPacket *in = Packet_CAST(ipck);
    GpPacket *res;
    /* In place (docs/filter_design.md rule 7): the engine moves memory only from the
     * sole reference. An input still queued and not ref()'ed, with no live array, has
     * exactly two: the queue's and ours. Lend ours back for the call; the queue's keeps
     * the packet alive meanwhile, and nothing else can reach it. */
    if (in->kind == PY_PCK_INPUT && in->state == PY_PCK_LIVE && !in->user_refs &&
        gp_packet_refcount(src) == 2) {
        gp_packet_unref(src);
        res = gp_packet_new_clone(opid, src, NULL);
        gp_packet_ref(src);
    } else {
        res = gp_packet_new_clone(opid, src, NULL);
    }
    if (!res)
        py_err_set(st, GP_OUT_OF_MEM, NULL, "new_pck_clone()", NULL);
    return res;
}

/* ---- methods ---- */

PyDoc_STRVAR(packet_get_prop_doc,
             "get_prop($self, name, /)\n--\n\n"
             "Packet property `name` (built-in name, 4CC or custom name), None when absent.");

static PyObject *
packet_get_prop(PyObject *op, PyObject *name)
{
    PyPacket *self = Packet_CAST(op);
    uint32_t code;
    const char *cname;
    if (py_prop_key(name, &code, &cname) < 0 || py_packet_check(self, false, "get_prop") < 0)
        return NULL;
    const GpPropValue *v = gp_packet_get_prop(self->pck, code, cname);
    if (!v)
        Py_RETURN_NONE;
    return py_prop_to_python(py_state_of(op), code, v);
}

/* py_props_enum source: re-reads the wrapper each step (the callback may drop it). */
static const GpPropValue *
packet_enum_step(void *ctx, uint32_t *idx, uint32_t *code, const char **name)
{
    PyPacket *self = ctx;
    return self->pck ? gp_packet_enum_prop(self->pck, idx, code, name) : NULL;
}

PyDoc_STRVAR(packet_enum_props_doc,
             "enum_props($self, cb, /)\n--\n\n"
             "Call cb.on_prop_enum(name, value) for every packet property.");

static PyObject *
packet_enum_props(PyObject *op, PyObject *cb)
{
    PyPacket *self = Packet_CAST(op);
    if (py_packet_check(self, false, "enum_props") < 0)
        return NULL;
    Py_INCREF(op);
    int rc = py_props_enum(py_state_of(op), cb, packet_enum_step, self);
    Py_DECREF(op);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(packet_set_prop_doc,
             "set_prop($self, pcode, prop, custom_type=0)\n--\n\n"
             "Set a packet property (output packets only); prop None removes it. Values\n"
             "convert as FilterPid.set_prop.");

static PyObject *
packet_set_prop(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"pcode", "prop", "custom_type"};
    PyPacket *self = Packet_CAST(op);
    py_state *st = py_state_of(op);
    PyObject *a[3];
    uint32_t code;
    const char *name;
    int64_t ctype = 0;
    if (py_args_unpack("set_prop", args, nargs, kwnames, names, 2, 3, a) < 0 ||
        py_prop_key(a[0], &code, &name) < 0)
        return NULL;
    if (a[2] && py_value_sint(a[2], INT32_MIN, INT32_MAX, &ctype, "custom_type") < 0)
        return NULL;
    if (py_packet_check(self, true, "set property") < 0)
        return NULL;
    GpErr e;
    if (a[1] == Py_None) {
        e = gp_packet_set_prop(self->pck, code, name, NULL);
    } else {
        GpPropValue v;
        if (py_prop_from_python(st, code, name, a[1], (int)ctype, &v) < 0)
            return NULL;
        e = gp_packet_set_prop(self->pck, code, name, &v);
        gp_prop_value_reset(&v);
    }
    if (e != GP_OK)
        return py_err_set(st, e, NULL, "set_prop()", NULL);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(packet_copy_props_doc,
             "copy_props($self, ipck, /)\n--\n\n"
             "Copy ipck's timing and every flag (dts, cts, dur, sap, framing, seek...) and\n"
             "merge its properties into this output packet.");

static PyObject *
packet_copy_props(PyObject *op, PyObject *ipck)
{
    PyPacket *self = Packet_CAST(op);
    py_state *st = py_state_of(op);
    GpPacket *src = py_packet_arg(st, ipck, "copy_props()");
    if (!src || py_packet_check(self, true, "copy_props") < 0)
        return NULL;
    GpErr e = gp_packet_copy_props(self->pck, src);
    if (e != GP_OK)
        return py_err_set(st, e, NULL, "copy_props()", NULL);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(packet_ref_doc,
             "ref($self, /)\n--\n\n"
             "Keep the packet usable (read-only) beyond drop_packet() or send(), until the\n"
             "matching unref().");

static PyObject *
packet_ref(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyPacket *self = Packet_CAST(op);
    if (py_packet_check(self, false, "ref") < 0)
        return NULL;
    self->user_refs++;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(packet_unref_doc,
             "unref($self, /)\n--\n\n"
             "Release a ref(). After the last one, a dropped or sent packet is released and\n"
             "unusable. GPACError when there is no ref() to release.");

static PyObject *
packet_unref(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyPacket *self = Packet_CAST(op);
    if (py_packet_check(self, false, "unref") < 0)
        return NULL;
    if (!self->user_refs)
        return packet_misuse(self, "%s", "unref() without a matching ref()");
    if (--self->user_refs == 0 && self->state == PY_PCK_HELD)
        gp_packet_unref(
            packet_take(self, self->kind == PY_PCK_INPUT ? PY_PCK_DROPPED : PY_PCK_SENT));
    Py_RETURN_NONE;
}

PyDoc_STRVAR(packet_send_doc,
             "send($self, /)\n--\n\n"
             "Send this output packet on its PID. Afterwards the packet is unusable (unless\n"
             "ref()'ed: then read-only until unref()). Arrays obtained from `data` before\n"
             "stay valid (they hold their own reference) but must not be written.");

static PyObject *
packet_send(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyPacket *self = Packet_CAST(op);
    py_state *st = py_state_of(op);
    if (py_packet_check(self, true, "send") < 0)
        return NULL;
    if (self->kind == PY_PCK_DETACHED)
        return packet_misuse(self, "%s", "Cannot send a detached packet (made by clone())");
    GpPacket *pck;
    if (self->user_refs) {
        pck = gp_packet_ref(self->pck);
        self->state = PY_PCK_HELD;
    } else {
        pck = packet_take(self, PY_PCK_SENT);
    }
    GpErr e = gp_packet_send(pck); /* takes the reference, also on failure */
    if (e != GP_OK)
        return py_err_set(st, e, NULL, "send()", NULL);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(packet_discard_doc,
             "discard($self, /)\n--\n\n"
             "Destroy an unsent output packet or a detached clone. Arrays obtained from\n"
             "`data` before stay valid (they hold their own reference).");

static PyObject *
packet_discard(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyPacket *self = Packet_CAST(op);
    if (py_packet_check(self, true, "discard") < 0)
        return NULL;
    self->user_refs = 0;
    bool output = self->kind == PY_PCK_OUTPUT;
    GpPacket *pck = packet_take(self, PY_PCK_DISCARDED);
    if (output)
        gp_packet_discard(pck);
    else
        gp_packet_unref(pck);
    Py_RETURN_NONE;
}

/* The cached packet's reference for gp_packet_clone_detached (transfer full), or NULL
 * when it cannot be reused. */
static GpPacket *
packet_clone_cached(py_state *st, PyObject *cached)
{
    if (!cached || cached == Py_None)
        return NULL;
    if (!PyObject_TypeCheck(cached, (PyTypeObject *)st->FilterPacket_Type)) {
        PyErr_Format(PyExc_TypeError, "clone(): cached_pck must be a FilterPacket, not %.100s",
                     Py_TYPE(cached)->tp_name);
        return NULL;
    }
    PyPacket *c = Packet_CAST(cached);
    if (c->kind != PY_PCK_DETACHED) {
        PyErr_SetString(PyExc_ValueError, "clone(): cached_pck must come from clone()");
        return NULL;
    }
    /* a discarded or ref()'ed cache is simply not reused */
    if (c->state != PY_PCK_LIVE || c->user_refs)
        return NULL;
    return packet_take(c, PY_PCK_DISCARDED);
}

PyDoc_STRVAR(packet_clone_doc,
             "clone($self, /, cached_pck=None)\n--\n\n"
             "Detached, writable copy of an input packet, attached to no PID (discard() it\n"
             "when done). cached_pck, a previous clone, is reused (and returned) when its\n"
             "memory is large enough and nothing else holds it. On an output packet: logs\n"
             "'Cannot create dangling packet from non-source packet' and returns None.");

static PyObject *
packet_clone(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"cached_pck"};
    PyPacket *self = Packet_CAST(op);
    py_state *st = py_state_of(op);
    PyObject *cached = NULL;
    if (py_args_unpack("clone", args, nargs, kwnames, names, 0, 1, &cached) < 0 ||
        py_packet_check(self, false, "clone") < 0)
        return NULL;
    if (self->kind != PY_PCK_INPUT) {
        GP_LOG(FILTER, WARNING, "Cannot create dangling packet from non-source packet");
        Py_RETURN_NONE;
    }
    GpPacket *reuse = packet_clone_cached(st, cached);
    if (!reuse && PyErr_Occurred())
        return NULL;
    GpPacket *res = gp_packet_clone_detached(self->pck, reuse);
    if (!res)
        return py_err_set(st, GP_OUT_OF_MEM, NULL, "clone()", NULL);
    if (reuse && res == reuse) { /* the same memory: the same object */
        PyPacket *c = Packet_CAST(cached);
        c->pck = res;
        c->state = PY_PCK_LIVE;
        Py_INCREF(cached);
        return cached;
    }
    return py_packet_new(st, res, NULL, PY_PCK_DETACHED);
}

PyDoc_STRVAR(packet_readonly_doc,
             "readonly($self, /)\n--\n\n"
             "Mark an output packet's memory read-only (shared packets).");

static PyObject *
packet_readonly(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyPacket *self = Packet_CAST(op);
    if (py_packet_check(self, true, "readonly") < 0)
        return NULL;
    gp_packet_set_readonly(self->pck);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(packet_truncate_doc,
             "truncate($self, size, /)\n--\n\n"
             "Shrink an output packet's payload to size bytes (GPACError when larger).");

static PyObject *
packet_truncate(PyObject *op, PyObject *arg)
{
    PyPacket *self = Packet_CAST(op);
    uint64_t size;
    if (py_value_uint(arg, UINT32_MAX, &size, "size") < 0 ||
        py_packet_check(self, true, "truncate") < 0)
        return NULL;
    GpErr e = gp_packet_truncate(self->pck, (uint32_t)size);
    if (e != GP_OK)
        return py_err_set(py_state_of(op), e, NULL, "truncate(): size larger than the payload",
                          NULL);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(packet_get_gl_texture_doc,
             "get_gl_texture($self, idx, /)\n--\n\n"
             "OpenGL texture of plane idx: always None (no packet carries GPU frames).");

static PyObject *
packet_get_gl_texture(PyObject *op, PyObject *arg)
{
    uint64_t idx;
    if (py_value_uint(arg, UINT32_MAX, &idx, "idx") < 0 ||
        py_packet_check(Packet_CAST(op), false, "get_gl_texture") < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef packet_methods[] = {
    {"get_prop", packet_get_prop, METH_O, packet_get_prop_doc},
    {"enum_props", packet_enum_props, METH_O, packet_enum_props_doc},
    {"set_prop", (PyCFunction)(void (*)(void))packet_set_prop, METH_FASTCALL | METH_KEYWORDS,
     packet_set_prop_doc},
    {"copy_props", packet_copy_props, METH_O, packet_copy_props_doc},
    {"ref", packet_ref, METH_NOARGS, packet_ref_doc},
    {"unref", packet_unref, METH_NOARGS, packet_unref_doc},
    {"send", packet_send, METH_NOARGS, packet_send_doc},
    {"discard", packet_discard, METH_NOARGS, packet_discard_doc},
    {"clone", (PyCFunction)(void (*)(void))packet_clone, METH_FASTCALL | METH_KEYWORDS,
     packet_clone_doc},
    {"readonly", packet_readonly, METH_NOARGS, packet_readonly_doc},
    {"truncate", packet_truncate, METH_O, packet_truncate_doc},
    {"get_gl_texture", packet_get_gl_texture, METH_O, packet_get_gl_texture_doc},
    {"__getattr__", py_attr_missing, METH_O,
     "__getattr__($self, name, /)\n--\n\nCalled for missing attributes: AttributeError."},
    {NULL, NULL, 0, NULL},
};

/* ---- type slots ---- */

static int
packet_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyPacket *self = Packet_CAST(op);
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(self->dict);
    Py_VISIT(self->pid);
    return 0;
}

static int
packet_clear(PyObject *op)
{
    PyPacket *self = Packet_CAST(op);
    Py_CLEAR(self->dict);
    /* a shared packet still referenced from C keeps this object alive (packet_take), so
     * the release never finds pid cleared */
    Py_CLEAR(self->pid);
    return 0;
}

/* PEP 442 finalizer: a shared packet dropped by the script without send()/discard() is
 * discarded here, while the object is intact, so its release can call packet_release
 * with it (the strong reference resurrects it until then). */
static void
packet_finalize(PyObject *op)
{
    PyPacket *self = Packet_CAST(op);
    if (!self->pck || !self->has_shared)
        return;
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    gp_packet_unref(packet_take(self, PY_PCK_DISCARDED));
    PyErr_Restore(et, ev, tb);
}

static void
packet_dealloc(PyObject *op)
{
    PyPacket *self = Packet_CAST(op);
    PyTypeObject *tp = Py_TYPE(op);
    if (PyObject_CallFinalizerFromDealloc(op) < 0)
        return; /* resurrected until the shared packet's release */
    PyObject_GC_UnTrack(op);
    if (self->weakrefs)
        PyObject_ClearWeakRefs(op);
    (void)packet_clear(op);
    GpPacket *pck = self->pck;
    self->pck = NULL;
    gp_packet_unref(pck);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyObject *
packet_repr(PyObject *op)
{
    static const char *const kinds[] = {"input", "output", "detached"};
    static const char *const states[] = {"", " (held)", " (dropped)", " (sent)",
                                         " (discarded)", " (PID destroyed)"};
    PyPacket *self = Packet_CAST(op);
    uint32_t size = 0;
    if (self->pck)
        gp_packet_data(self->pck, &size);
    return PyUnicode_FromFormat("<FilterPacket %s%s, %u bytes>", kinds[self->kind % 3],
                                states[self->state % 6], (unsigned)size);
}

static PyMemberDef packet_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(PyPacket, dict), READONLY, NULL},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(PyPacket, weakrefs), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyDoc_STRVAR(packet_doc,
             "A media packet (API.md 2.6), created by the binding only: FilterPid.get_packet\n"
             "(input, read-only) or FilterPid.new_pck* (output, writable until send()).\n"
             "Using a packet after drop_packet(), send() or discard() raises GPACError.");

static PyType_Slot packet_slots[] = {
    {Py_tp_doc, (void *)packet_doc},
    {Py_tp_dealloc, packet_dealloc},
    {Py_tp_finalize, packet_finalize},
    {Py_tp_traverse, packet_traverse},
    {Py_tp_clear, packet_clear},
    {Py_tp_repr, packet_repr},
    {Py_tp_methods, packet_methods},
    {Py_tp_members, packet_members},
    {Py_tp_getset, py_packet_getset},
    {Py_tp_getattro, py_packet_getattro},
    {Py_tp_setattro, PyObject_GenericSetAttr}, /* own __setattr__: user attributes */
    {0, NULL},
};

static PyType_Spec packet_spec = {
    .name = "gpac._gpac.FilterPacket",
    .basicsize = sizeof(PyPacket),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
             Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = packet_slots,
};

int
py_packet_setup(PyObject *module, py_state *st)
{
    if (py_add_type(module, &packet_spec, NULL, &st->FilterPacket_Type) < 0)
        return -1;
#if PY_VERSION_HEX < 0x030A0000
    ((PyTypeObject *)st->FilterPacket_Type)->tp_new = NULL; /* not instantiable */
#endif
    return 0;
}
