/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Zero-copy export of packet memory (STYLE.md "Packet memory"): the PacketView exporter
 * holds its own counted reference on the C packet, and every numpy array or memoryview
 * over packet memory has one as its base, so the memory outlives drop_packet(), send()
 * and the session. Read-only views refuse PyBUF_WRITABLE, which is also what numpy asks
 * before `arr.flags.writeable = True`. This is the only file that includes numpy (lazily
 * imported on first use: `import gpac` never imports numpy). FilterPacket.data is
 * py_packet.c's; it calls py_packet_view_data.
 *
 * Python equivalent:
 *
 *     class PacketView:                  # not instantiable from Python
 *         def __buffer__(self, flags): ...  # 1-D unsigned bytes, read-only or not
 *     def _live_views() -> int: ...      # live exporters (tests)
 */
#include "py_gpac.h"

#define NPY_NO_DEPRECATED_API NPY_2_0_API_VERSION
#define PY_ARRAY_UNIQUE_SYMBOL gp_numpy_api
#include <numpy/arrayobject.h>
#include <numpy/npy_2_compat.h>

typedef struct PyPacketView {
    PyObject_HEAD
    GpPacket *pck;       /* counted reference, released at dealloc */
    uint8_t *ptr;        /* payload at creation (the reference keeps it in place) */
    Py_ssize_t len;
    bool readonly;
    Py_ssize_t exports;  /* buffers handed out and not released */
} PyPacketView;

#define PacketView_CAST(op) ((PyPacketView *)(op))

/* ---- numpy, imported on first use ---- */

bool
py_numpy_available(py_state *st)
{
    if (st->numpy_state)
        return st->numpy_state > 0;
    /* A plain import first: a missing numpy (or sys.modules['numpy'] = None) must not
     * print the traceback that import_array prints for a broken installation. */
    PyObject *np = PyImport_ImportModule("numpy");
    if (!np) {
        PyErr_Clear(); /* house-style: no numpy means memoryview data, not an error */
        st->numpy_state = -1;
        return false;
    }
    Py_DECREF(np);
    if (PyArray_ImportNumPyAPI() < 0) {
        PyErr_Clear(); /* house-style: an unusable numpy C API falls back to memoryview */
        st->numpy_state = -1;
        return false;
    }
    st->numpy_state = 1;
    return true;
}

/* ---- the exporter ---- */

static int
packet_view_getbuffer(PyObject *op, Py_buffer *view, int flags)
{
    PyPacketView *self = PacketView_CAST(op);
    if ((flags & PyBUF_WRITABLE) && self->readonly) {
        PyErr_SetString(PyExc_BufferError,
                        "packet data is read-only (input, reference or read-only shared "
                        "packet)");
        return -1;
    }
    if (PyBuffer_FillInfo(view, op, self->ptr, self->len, self->readonly ? 1 : 0, flags) < 0)
        return -1;
    self->exports++;
    return 0;
}

static void
packet_view_releasebuffer(PyObject *op, Py_buffer *view)
{
    (void)view;
    PacketView_CAST(op)->exports--;
}

static void
packet_view_dealloc(PyObject *op)
{
    PyPacketView *self = PacketView_CAST(op);
    PyTypeObject *tp = Py_TYPE(op);
    py_state *st = py_state_of_type(tp);
    GpPacket *pck = self->pck;
    self->pck = NULL;
    st->nb_views--;
    /* the last reference of a shared packet calls its release trampoline (py_pid_pck.c),
     * which may run Python code: the object is already unreachable, nothing to protect */
    gp_packet_unref(pck);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyObject *
packet_view_repr(PyObject *op)
{
    PyPacketView *self = PacketView_CAST(op);
    return PyUnicode_FromFormat("<PacketView %zd bytes%s>", self->len,
                                self->readonly ? ", read-only" : "");
}

static PyType_Slot packet_view_slots[] = {
    {Py_tp_dealloc, packet_view_dealloc},
    {Py_tp_repr, packet_view_repr},
    {Py_bf_getbuffer, packet_view_getbuffer},
    {Py_bf_releasebuffer, packet_view_releasebuffer},
    {Py_tp_doc, (void *)"Exporter of a packet's memory (the base of FilterPacket.data).\n\n"
                        "Holds a reference on the packet, so the array stays valid after\n"
                        "drop_packet(), send() and the session's deletion."},
    {0, NULL},
};

static PyType_Spec packet_view_spec = {
    .name = "gpac._gpac.PacketView",
    .basicsize = sizeof(PyPacketView),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = packet_view_slots,
};

/* New exporter over pck's payload; takes a reference of its own. */
static PyObject *
packet_view_new(py_state *st, GpPacket *pck, uint8_t *ptr, uint32_t size, bool writable)
{
    PyTypeObject *tp = (PyTypeObject *)st->PacketView_Type;
    PyPacketView *self = (PyPacketView *)tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
    self->pck = gp_packet_ref(pck);
    self->ptr = ptr;
    self->len = (Py_ssize_t)size;
    self->readonly = !writable;
    st->nb_views++;
    return (PyObject *)self;
}

PyObject *
py_packet_view_data(py_state *st, GpPacket *pck, bool writable)
{
    uint32_t size = 0;
    uint8_t *ptr = writable ? gp_packet_data_rw(pck, &size)
                            : (uint8_t *)gp_packet_data(pck, &size);
    if (!ptr)
        Py_RETURN_NONE;
    PyObject *exporter = packet_view_new(st, pck, ptr, size, writable);
    if (!exporter)
        return NULL;
    if (!py_numpy_available(st)) {
        PyObject *mv = PyMemoryView_FromObject(exporter);
        Py_DECREF(exporter);
        return mv;
    }
    npy_intp dims[1] = {(npy_intp)size};
    PyObject *arr = PyArray_SimpleNewFromData(1, dims, NPY_UINT8, ptr);
    if (!arr) {
        Py_DECREF(exporter);
        return NULL;
    }
    if (!writable)
        PyArray_CLEARFLAGS((PyArrayObject *)arr, NPY_ARRAY_WRITEABLE);
    /* steals the exporter's reference, also on failure */
    if (PyArray_SetBaseObject((PyArrayObject *)arr, exporter) < 0) {
        Py_DECREF(arr);
        return NULL;
    }
    return arr;
}

/* ---- module function and setup ---- */

PyDoc_STRVAR(packet_view_live_doc,
             "_live_views($module, /)\n--\n\n"
             "Number of live packet exporters (arrays or memoryviews over packet memory\n"
             "not yet collected). Private: for the binding's tests.");

static PyObject *
packet_view_live_views(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLongLong(py_state_of_module(module)->nb_views);
}

static PyMethodDef packet_view_functions[] = {
    {"_live_views", packet_view_live_views, METH_NOARGS, packet_view_live_doc},
    {NULL, NULL, 0, NULL},
};

int
py_packet_view_setup(PyObject *module, py_state *st)
{
    st->numpy_state = 0;
    st->nb_views = 0;
    if (py_add_type(module, &packet_view_spec, NULL, &st->PacketView_Type) < 0)
        return -1;
#if PY_VERSION_HEX < 0x030A0000
    ((PyTypeObject *)st->PacketView_Type)->tp_new = NULL; /* not instantiable */
#endif
    return PyModule_AddFunctions(module, packet_view_functions);
}
