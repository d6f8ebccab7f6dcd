/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterPid methods that move packets (API.md 2.5): get_packet/drop_packet on input
 * PIDs, forward and the five packet constructors on output PIDs. Listed in py_pid.c's
 * method table; the FilterPacket side (states, shared release, in-place clone) is
 * py_packet.c's.
 *
 * Python equivalent:
 *
 *     def get_packet(self) -> FilterPacket | None: ...  # same object until drop_packet()
 *     def drop_packet(self) -> None: ...
 *     def forward(self, ipck) -> None: ...
 *     def new_pck(self, size=0) -> FilterPacket: ...
 *     def new_pck_ref(self, ipck, size=0, offset=0) -> FilterPacket: ...
 *     def new_pck_shared(self, data) -> FilterPacket: ...
 *     def new_pck_copy(self, ipck) -> FilterPacket: ...
 *     def new_pck_clone(self, ipck) -> FilterPacket: ...
 */
#include "py_gpac.h"

#include <stdio.h>

#define Pid_CAST(op) ((PyPid *)(op))

/* The live C PID of the wanted direction, or NULL with GPACError. */
static GpPid *
pck_pid(PyObject *op, bool output, const char *what)
{
    PyPid *self = Pid_CAST(op);
    if (py_pid_check(self) < 0)
        return NULL;
    if (gp_pid_is_output(self->pid) != output) {
        char msg[96];
        PyOS_snprintf(msg, sizeof(msg), "Cannot %s on %s PID", what,
                      output ? "input" : "output");
        py_err_set(py_state_of(op), GP_BAD_PARAM, NULL, msg, NULL);
        return NULL;
    }
    return self->pid;
}

/* Wraps a new output packet (transfer full); NULL result: out of memory. */
static PyObject *
pck_output(PyObject *op, GpPacket *pck, const char *what)
{
    py_state *st = py_state_of(op);
    if (!pck)
        return py_err_set(st, GP_OUT_OF_MEM, NULL, what, NULL);
    return py_packet_new(st, pck, Pid_CAST(op), PY_PCK_OUTPUT);
}

/* ---- input side ---- */

/* Wrapper reuse: a dropped input packet's wrapper that only the PID still references
 * (no user attribute, weak reference or ref()) carries the next packet, so a read loop
 * allocates no object per packet. Nobody else can see the reuse: the wrapper had no
 * other reference. */
static bool
pck_reusable(const PyPid *pid, PyObject *obj)
{
    PyPacket *p = (PyPacket *)obj;
    return Py_IS_TYPE(obj, (PyTypeObject *)pid->st->FilterPacket_Type) &&
           p->kind == PY_PCK_INPUT && p->state == PY_PCK_DROPPED && !p->pck && !p->dict &&
           !p->weakrefs && !p->user_refs && !p->has_shared;
}

/* Keeps the dropped wrapper (reference taken) in a free slot, else in place of one the
 * script still holds; otherwise lets it go. */
static void
pck_keep_spare(PyPid *self, PyObject *pck)
{
    int slot = -1;
    for (int i = 0; i < PY_PID_SPARES && slot < 0; i++)
        if (!self->spare[i])
            slot = i;
    for (int i = 0; i < PY_PID_SPARES && slot < 0; i++)
        if (Py_REFCNT(self->spare[i]) > 1)
            slot = i;
    if (slot < 0 || !pck_reusable(self, pck)) {
        Py_DECREF(pck);
        return;
    }
    Py_XSETREF(self->spare[slot], pck);
}

/* A spare wrapper nobody else holds, re-armed for head (reference taken), or NULL. */
static PyObject *
pck_reuse(PyPid *self, GpPacket *head)
{
    for (int i = 0; i < PY_PID_SPARES; i++) {
        PyObject *obj = self->spare[i];
        if (!obj || Py_REFCNT(obj) != 1)
            continue;
        self->spare[i] = NULL;
        if (!pck_reusable(self, obj)) { /* an attribute set after the drop */
            Py_DECREF(obj);
            continue;
        }
        PyPacket *p = (PyPacket *)obj;
        p->pck = gp_packet_ref(head);
        p->state = PY_PCK_LIVE;
        return obj;
    }
    return NULL;
}

void
py_pid_clear_spares(PyPid *self)
{
    for (int i = 0; i < PY_PID_SPARES; i++)
        Py_CLEAR(self->spare[i]);
}

PyObject *
py_pid_get_packet(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyPid *self = Pid_CAST(op);
    GpPid *pid = pck_pid(op, false, "get_packet");
    if (!pid)
        return NULL;
    /* gp_pid_get_packet may call configure_pid (a property change reaches the head
     * packet), which may run anything: the PID may be gone after, and a drop_packet()
     * made meanwhile may have freed the head we got: ask again then */
    Py_INCREF(op);
    GpPacket *head;
    PyObject *res = NULL;
    for (;;) {
        uint32_t drops = self->drops;
        head = gp_pid_get_packet(pid);
        if (py_pid_check(self) < 0)
            goto done;
        if (drops == self->drops)
            break;
        pid = self->pid;
    }
    PyPacket *cached = (PyPacket *)self->pck;
    if (cached && cached->pck == head && head) {
        Py_INCREF(cached);
        res = (PyObject *)cached;
        goto done;
    }
    if (cached) { /* the queue moved under us (flushed): that packet is gone */
        self->pck = NULL;
        py_packet_dropped(cached);
        Py_DECREF(cached);
    }
    if (!head) {
        Py_INCREF(Py_None);
        res = Py_None;
        goto done;
    }
    res = pck_reuse(self, head);
    if (!res)
        res = py_packet_new(self->st, gp_packet_ref(head), self, PY_PCK_INPUT);
    if (res) {
        Py_INCREF(res);
        self->pck = res;
    }
done:
    Py_DECREF(op);
    return res;
}

PyObject *
py_pid_drop_packet(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PyPid *self = Pid_CAST(op);
    GpPid *pid = pck_pid(op, false, "drop_packet");
    if (!pid)
        return NULL;
    /* API.md: a no-op when get_packet() was not called */
    PyObject *pck = self->pck;
    if (!pck)
        Py_RETURN_NONE;
    self->pck = NULL;
    self->drops++;
    gp_pid_drop_packet(pid);
    py_packet_dropped((PyPacket *)pck);
    pck_keep_spare(self, pck);
    Py_RETURN_NONE;
}

/* ---- output side ---- */

PyObject *
py_pid_forward(PyObject *op, PyObject *ipck)
{
    py_state *st = py_state_of(op);
    GpPacket *src = py_packet_arg(st, ipck, "forward()");
    GpPid *pid = src ? pck_pid(op, true, "forward") : NULL;
    if (!pid)
        return NULL;
    GpErr e = gp_packet_forward(src, pid);
    if (e != GP_OK)
        return py_err_set(st, e, NULL, "forward()", NULL);
    Py_RETURN_NONE;
}

/* A size or offset argument: 0..2**32-1, 0 when absent. */
static int
pck_u32(PyObject *obj, const char *what, uint32_t *out)
{
    uint64_t v = 0;
    if (obj && py_value_uint(obj, UINT32_MAX, &v, what) < 0)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

PyObject *
py_pid_new_pck(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"size"};
    PyObject *size_obj;
    uint32_t size;
    if (py_args_unpack("new_pck", args, nargs, kwnames, names, 0, 1, &size_obj) < 0 ||
        pck_u32(size_obj, "size", &size) < 0)
        return NULL;
    GpPid *pid = pck_pid(op, true, "new_pck");
    if (!pid)
        return NULL;
    return pck_output(op, gp_packet_new_alloc(pid, size, NULL), "new_pck()");
}

PyObject *
py_pid_new_pck_ref(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"ipck", "size", "offset"};
    py_state *st = py_state_of(op);
    PyObject *a[3];
    uint32_t size, offset, src_size = 0;
    if (py_args_unpack("new_pck_ref", args, nargs, kwnames, names, 1, 3, a) < 0 ||
        pck_u32(a[1], "size", &size) < 0 || pck_u32(a[2], "offset", &offset) < 0)
        return NULL;
    GpPacket *src = py_packet_arg(st, a[0], "new_pck_ref()");
    GpPid *pid = src ? pck_pid(op, true, "new_pck_ref") : NULL;
    if (!pid)
        return NULL;
    gp_packet_data(src, &src_size);
    if (offset > src_size || size > src_size - offset) {
        PyErr_Format(PyExc_ValueError,
                     "new_pck_ref(): offset %u + size %u outside the %u bytes of ipck",
                     (unsigned)offset, (unsigned)size, (unsigned)src_size);
        return NULL;
    }
    return pck_output(op, gp_packet_new_ref(pid, src, offset, size), "new_pck_ref()");
}

PyObject *
py_pid_new_pck_shared(PyObject *op, PyObject *data)
{
    py_state *st = py_state_of(op);
    PyPid *self = Pid_CAST(op);
    if (!pck_pid(op, true, "new_pck_shared"))
        return NULL;
    /* the release calls filter.packet_release(opid, pck): without it the script could
     * never learn when its memory is free again */
    PyObject *owner = (PyObject *)self->filter;
    bool has_release = owner && st->FilterCustom_Type &&
                       PyObject_TypeCheck(owner, (PyTypeObject *)st->FilterCustom_Type) &&
                       (((PyFilterCustom *)owner)->callbacks & PY_CB_PACKET_RELEASE);
    if (!has_release) {
        PyErr_SetString(PyExc_TypeError,
                        "new_pck_shared() requires the filter class to define "
                        "packet_release(self, opid, pck)");
        return NULL;
    }
    return py_packet_new_shared(st, self, data);
}

PyObject *
py_pid_new_pck_copy(PyObject *op, PyObject *ipck)
{
    py_state *st = py_state_of(op);
    GpPacket *src = py_packet_arg(st, ipck, "new_pck_copy()");
    GpPid *pid = src ? pck_pid(op, true, "new_pck_copy") : NULL;
    if (!pid)
        return NULL;
    return pck_output(op, gp_packet_new_copy(pid, src, NULL), "new_pck_copy()");
}

PyObject *
py_pid_new_pck_clone(PyObject *op, PyObject *ipck)
{
    py_state *st = py_state_of(op);
    GpPid *pid = py_packet_arg(st, ipck, "new_pck_clone()") ? pck_pid(op, true, "new_pck_clone")
                                                            : NULL;
    GpPacket *res = pid ? py_packet_new_clone(st, ipck, pid) : NULL;
    if (!res)
        return NULL;
    return py_packet_new(st, res, Pid_CAST(op), PY_PCK_OUTPUT);
}
