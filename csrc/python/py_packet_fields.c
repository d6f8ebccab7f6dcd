/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterPacket attributes (API.md 2.6, value conventions 1.4.11): payload (`data`,
 * `size`), timing and flags, read on any usable packet and writable on output packets
 * until send(). One getter and one setter switch on the field id in the closure. The
 * type itself is py_packet.c's.
 *
 * Python equivalent:
 *
 *     data: numpy.ndarray | memoryview | None   # zero-copy (py_packet_view.c)
 *     size: int; timescale: int; has_properties: bool
 *     dts, cts, byte_offset: int     # 0xFFFFFFFFFFFFFFFF when unset
 *     dur, seqnum: int; sap: 0..5; interlaced: 0..2; clock: 0..2; roll: int16
 *     crypt, carousel, deps: 0..255; start, end, corrupted, seek: bool
 *     frame_ifce = frame_ifce_gl = blocking_ref = False
 *     _data_ptr: int                 # payload address (tests)
 */
#include "py_gpac.h"

#include <limits.h>
#include <stdint.h>

#define Packet_CAST(op) ((PyPacket *)(op))

typedef enum PacketField {
    PF_DTS, PF_CTS, PF_DUR, PF_SAP, PF_START, PF_END, PF_INTERLACED, PF_CORRUPTED,
    PF_SEEK, PF_BYTE_OFFSET, PF_ROLL, PF_CRYPT, PF_CLOCK, PF_CAROUSEL, PF_SEQNUM, PF_DEPS,
    /* read-only */
    PF_SIZE, PF_TIMESCALE, PF_HAS_PROPS, PF_FALSE, PF_DATA_PTR,
} PacketField;

/* Attribute names, for messages ("Cannot set dts on source packet"). */
static const char *const field_names[] = {
    "dts", "cts", "dur", "sap", "start", "end", "interlaced", "corrupted", "seek",
    "byte_offset", "roll", "crypt", "clock", "carousel", "seqnum", "deps",
};

#define FIELD_ID(closure) ((PacketField)(intptr_t)(closure))

static PyObject *
packet_field_get(PyObject *op, void *closure)
{
    PyPacket *self = Packet_CAST(op);
    PacketField id = FIELD_ID(closure);
    if (id == PF_FALSE)
        Py_RETURN_FALSE; /* no GPU or decoder-held frames in this engine */
    if (py_packet_check(self, false, "read") < 0)
        return NULL;
    const GpPacketInfo *i = gp_packet_info_const(self->pck);
    uint32_t size = 0;
    switch (id) {
    case PF_DTS: return PyLong_FromUnsignedLongLong(i->dts);
    case PF_CTS: return PyLong_FromUnsignedLongLong(i->cts);
    case PF_DUR: return PyLong_FromUnsignedLong(i->dur);
    case PF_SAP: return PyLong_FromLong(i->sap);
    case PF_START: return PyBool_FromLong(i->start);
    case PF_END: return PyBool_FromLong(i->end);
    case PF_INTERLACED: return PyLong_FromLong(i->interlaced);
    case PF_CORRUPTED: return PyBool_FromLong(i->corrupted);
    case PF_SEEK: return PyBool_FromLong(i->seek);
    case PF_BYTE_OFFSET: return PyLong_FromUnsignedLongLong(i->byte_offset);
    case PF_ROLL: return PyLong_FromLong(i->roll);
    case PF_CRYPT: return PyLong_FromLong(i->crypt);
    case PF_CLOCK: return PyLong_FromLong(i->clock_type);
    case PF_CAROUSEL: return PyLong_FromLong(i->carousel);
    case PF_SEQNUM: return PyLong_FromUnsignedLong(i->seqnum);
    case PF_DEPS: return PyLong_FromLong(i->deps);
    case PF_SIZE:
        gp_packet_data(self->pck, &size);
        return PyLong_FromUnsignedLong(size);
    case PF_TIMESCALE: return PyLong_FromUnsignedLong(gp_packet_timescale(self->pck));
    case PF_HAS_PROPS: return PyBool_FromLong(gp_packet_has_props(self->pck));
    case PF_DATA_PTR:
        return PyLong_FromVoidPtr((void *)gp_packet_data(self->pck, NULL));
    default: break;
    }
    PyErr_SetString(PyExc_SystemError, "unknown FilterPacket field");
    return NULL;
}

/* Integer in [lo, hi]: TypeError for non-integers, ValueError out of range. */
static int
field_int(PyObject *value, const char *name, long long lo, unsigned long long hi,
          unsigned long long *out)
{
    PyObject *idx = PyNumber_Index(value);
    if (!idx)
        return -1;
    if (lo < 0) {
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(idx, &overflow);
        Py_DECREF(idx);
        if (v == -1 && PyErr_Occurred())
            return -1;
        if (!overflow && v >= lo && v <= (long long)hi) {
            *out = (unsigned long long)v;
            return 0;
        }
    } else {
        unsigned long long u = PyLong_AsUnsignedLongLong(idx);
        Py_DECREF(idx);
        if (u == (unsigned long long)-1 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_OverflowError))
                return -1;
            PyErr_Clear(); /* house-style: negative or above 2**64, a ValueError below */
        } else if (u <= hi) {
            *out = u;
            return 0;
        }
    }
    PyErr_Format(PyExc_ValueError, "FilterPacket.%s must be in [%lld, %llu]", name, lo, hi);
    return -1;
}

static int
packet_field_set_value(GpPacketInfo *i, PacketField id, PyObject *value)
{
    const char *name = field_names[id];
    unsigned long long u = 0;
    int b;
    switch (id) {
    case PF_START: case PF_END: case PF_CORRUPTED: case PF_SEEK:
        if ((b = PyObject_IsTrue(value)) < 0)
            return -1;
        if (id == PF_START) i->start = b;
        else if (id == PF_END) i->end = b;
        else if (id == PF_CORRUPTED) i->corrupted = b;
        else i->seek = b;
        return 0;
    case PF_ROLL:
        if (field_int(value, name, INT16_MIN, INT16_MAX, &u) < 0)
            return -1;
        i->roll = (int16_t)(long long)u;
        return 0;
    case PF_DTS: case PF_CTS: case PF_BYTE_OFFSET:
        if (field_int(value, name, 0, UINT64_MAX, &u) < 0)
            return -1;
        if (id == PF_DTS) i->dts = u;
        else if (id == PF_CTS) i->cts = u;
        else i->byte_offset = u;
        return 0;
    case PF_DUR: case PF_SEQNUM:
        if (field_int(value, name, 0, UINT32_MAX, &u) < 0)
            return -1;
        if (id == PF_DUR) i->dur = (uint32_t)u;
        else i->seqnum = (uint32_t)u;
        return 0;
    default:
        break;
    }
    unsigned long long hi = id == PF_SAP ? 5 : (id == PF_INTERLACED || id == PF_CLOCK) ? 2 : 255;
    if (field_int(value, name, 0, hi, &u) < 0)
        return -1;
    switch (id) {
    case PF_SAP: i->sap = (uint8_t)u; break;
    case PF_INTERLACED: i->interlaced = (uint8_t)u; break;
    case PF_CLOCK: i->clock_type = (uint8_t)u; break;
    case PF_CRYPT: i->crypt = (uint8_t)u; break;
    case PF_CAROUSEL: i->carousel = (uint8_t)u; break;
    default: i->deps = (uint8_t)u; break;
    }
    return 0;
}

static int
packet_field_set(PyObject *op, PyObject *value, void *closure)
{
    PyPacket *self = Packet_CAST(op);
    PacketField id = FIELD_ID(closure);
    char what[32];
    if (!value) {
        PyErr_Format(PyExc_AttributeError, "cannot delete FilterPacket.%s", field_names[id]);
        return -1;
    }
    PyOS_snprintf(what, sizeof(what), "set %s", field_names[id]);
    if (py_packet_check(self, true, what) < 0)
        return -1;
    return packet_field_set_value(gp_packet_info(self->pck), id, value);
}

static PyObject *
packet_data_get(PyObject *op, void *closure)
{
    PyPacket *self = Packet_CAST(op);
    if (py_packet_check(self, false, "data") < 0)
        return NULL;
    /* input, reference and read-only shared packets export read-only memory; so do
     * output packets whose PID is gone */
    bool writable = self->kind != PY_PCK_INPUT && self->state == PY_PCK_LIVE &&
                    !(self->pid && !self->pid->pid) && gp_packet_is_writable(self->pck);
    return py_packet_view_data(py_state_of(op), self->pck, writable);
}

/* The fields read for every packet in a loop, in py_state.pck_fast_names order. */
static const PacketField fast_fields[PY_PCK_FAST_NAMES] = {PF_DTS, PF_CTS, PF_SIZE, PF_DUR,
                                                          PF_SAP};
const char *const py_packet_fast_names[PY_PCK_FAST_NAMES] = {"dts", "cts", "size", "dur",
                                                              "sap"};

/* FilterPacket's tp_getattro: those fields are found by comparing the (interned) name
 * with theirs, which skips the type lookup and the descriptor call of the generic path
 * (3.11+ never specializes reads of C getters); the rest goes the generic way. Same
 * result either way: the fields are data descriptors, never shadowed by __dict__. */
PyObject *
py_packet_getattro(PyObject *op, PyObject *name)
{
    py_state *st = Packet_CAST(op)->st;
    for (int i = 0; i < PY_PCK_FAST_NAMES; i++)
        if (name == st->pck_fast_names[i])
            return packet_field_get(op, (void *)(intptr_t)fast_fields[i]);
    return PyObject_GenericGetAttr(op, name);
}

#define RW(name, id, doc) \
    {name, packet_field_get, packet_field_set, doc, (void *)(intptr_t)(id)}
#define RO(name, id, doc) {name, packet_field_get, NULL, doc, (void *)(intptr_t)(id)}

PyGetSetDef py_packet_getset[] = {
    {"data", packet_data_get, NULL,
     "Zero-copy view of the payload: numpy uint8 array (memoryview without numpy), or\n"
     "None when the packet has no memory. Read-only for input, reference and read-only\n"
     "shared packets; writable for new_pck/new_pck_copy/new_pck_clone/clone. The array\n"
     "holds a reference on the packet: it stays valid after drop_packet()/send().",
     NULL},
    RO("size", PF_SIZE, "Payload size in bytes."),
    RW("dts", PF_DTS, "Decoding timestamp (PID timescale); 0xFFFFFFFFFFFFFFFF when unset."),
    RW("cts", PF_CTS, "Composition timestamp; 0xFFFFFFFFFFFFFFFF when unset."),
    RW("dur", PF_DUR, "Duration in timescale units."),
    RW("sap", PF_SAP, "Stream access point type, 0 (none) to 5."),
    RO("timescale", PF_TIMESCALE, "Timescale of the packet's PID."),
    RW("start", PF_START, "Framing: the packet starts a frame."),
    RW("end", PF_END, "Framing: the packet ends a frame."),
    RW("interlaced", PF_INTERLACED, "0 progressive, 1 top field first, 2 bottom first."),
    RW("corrupted", PF_CORRUPTED, "The payload is known to be corrupted."),
    RW("seek", PF_SEEK, "Decoded but not shown (before the seek point)."),
    RW("byte_offset", PF_BYTE_OFFSET, "Offset in the source; 0xFFFFFFFFFFFFFFFF unknown."),
    RW("roll", PF_ROLL, "Roll distance (int16)."),
    RW("crypt", PF_CRYPT, "Encryption flags (bit 0: encrypted)."),
    RW("clock", PF_CLOCK, "Clock reference: 0 none, 1 PCR, 2 PCR discontinuity."),
    RW("carousel", PF_CAROUSEL, "Carousel version."),
    RW("seqnum", PF_SEQNUM, "Sequence number."),
    RW("deps", PF_DEPS, "Sample dependency flags (ISOBMFF sdtp byte)."),
    RO("has_properties", PF_HAS_PROPS, "The packet carries properties."),
    RO("frame_ifce", PF_FALSE, "Payload held by its producer: always False here."),
    RO("frame_ifce_gl", PF_FALSE, "OpenGL frame interface: always False here."),
    RO("blocking_ref", PF_FALSE, "Holding it blocks its producer: always False here."),
    RO("_data_ptr", PF_DATA_PTR, "Payload address (private: zero-copy tests)."),
    {NULL, NULL, NULL, NULL, NULL},
};
