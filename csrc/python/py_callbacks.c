/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Base classes that scripts subclass to handle the servers and the DASH client
 * (API.md 1.3, 2.12, 2.13): RMTHandler, HTTPOutRequest and DASHCustomAlgorithm. This
 * build has no websocket server, httpout or dashin filter (Filter.bind() raises for
 * every filter), so nothing calls them yet; they exist so that scripts import, subclass
 * and instantiate them as with GPAC. They share one layout: a __dict__ and weakrefs.
 *
 * Python equivalent:
 *
 *     class RMTHandler:
 *         def on_new_client(self, client): pass
 *         def on_client_close(self, client): pass
 *         def on_client_data(self, client, data): pass
 *     class HTTPOutRequest:
 *         reply = 0; body = None; headers_out = []     # per instance, set at creation
 *         def send(self):
 *             raise GPACError(NOT_SUPPORTED, "no httpout filter in this build")
 *     class DASHCustomAlgorithm:
 *         pass
 */
#include "py_gpac.h"

#include <structmember.h>

typedef struct PyCbBase {
    PyObject_HEAD
    PyObject *dict;
    PyObject *weakrefs;
} PyCbBase;

#define CbBase_CAST(op) ((PyCbBase *)(op))

static int
cb_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(CbBase_CAST(op)->dict);
    return 0;
}

static int
cb_clear(PyObject *op)
{
    Py_CLEAR(CbBase_CAST(op)->dict);
    return 0;
}

static void
cb_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    PyObject_GC_UnTrack(op);
    if (CbBase_CAST(op)->weakrefs)
        PyObject_ClearWeakRefs(op);
    (void)cb_clear(op);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyMemberDef cb_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(PyCbBase, dict), READONLY, NULL},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(PyCbBase, weakrefs), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef cb_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- RMTHandler ---- */

static PyObject *
rmt_noop(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    Py_RETURN_NONE;
}

static PyMethodDef rmt_methods[] = {
    {"on_new_client", (PyCFunction)(void (*)(void))rmt_noop, METH_FASTCALL | METH_KEYWORDS,
     "on_new_client($self, client, /)\n--\n\nA websocket client connected. No-op."},
    {"on_client_close", (PyCFunction)(void (*)(void))rmt_noop,
     METH_FASTCALL | METH_KEYWORDS,
     "on_client_close($self, client, /)\n--\n\nA websocket client left. No-op."},
    {"on_client_data", (PyCFunction)(void (*)(void))rmt_noop, METH_FASTCALL | METH_KEYWORDS,
     "on_client_data($self, client, data, /)\n--\n\n"
     "A frame arrived: data is str (text frame) or bytes (binary frame). No-op."},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(rmt_doc, "RMTHandler()\n--\n\n"
                      "Base class of remote-control (websocket) handlers (API.md 1.3): every\n"
                      "method is optional and does nothing. This build has no websocket\n"
                      "server, so no handler is called.");

static PyType_Slot rmt_slots[] = {
    {Py_tp_doc, (void *)rmt_doc},
    {Py_tp_new, PyType_GenericNew},
    {Py_tp_dealloc, cb_dealloc},
    {Py_tp_traverse, cb_traverse},
    {Py_tp_clear, cb_clear},
    {Py_tp_methods, rmt_methods},
    {Py_tp_members, cb_members},
    {Py_tp_getset, cb_getset},
    {0, NULL},
};

static PyType_Spec rmt_spec = {
    .name = "gpac._gpac.RMTHandler",
    .basicsize = sizeof(PyCbBase),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC |
             Py_TPFLAGS_IMMUTABLETYPE,
    .slots = rmt_slots,
};

/* ---- HTTPOutRequest ---- */

static PyObject *
http_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    /* the attributes exist even when a subclass's __init__ skips ours */
    PyObject *self = tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
    PyObject *dict = PyDict_New();
    PyObject *headers = PyList_New(0);
    PyObject *zero = PyLong_FromLong(0);
    CbBase_CAST(self)->dict = dict;
    if (!dict || !headers || !zero || PyDict_SetItemString(dict, "reply", zero) < 0 ||
        PyDict_SetItemString(dict, "body", Py_None) < 0 ||
        PyDict_SetItemString(dict, "headers_out", headers) < 0)
        Py_CLEAR(self);
    Py_XDECREF(headers);
    Py_XDECREF(zero);
    return self;
}

static int
http_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    if (PyTuple_GET_SIZE(args) || (kwds && PyDict_GET_SIZE(kwds))) {
        PyErr_SetString(PyExc_TypeError, "HTTPOutRequest() takes no arguments");
        return -1;
    }
    return 0;
}

PyDoc_STRVAR(http_send_doc,
             "send($self, /)\n--\n\n"
             "Send the reply (once per request). Raises GPACError (GF_NOT_SUPPORTED): this\n"
             "build has no httpout filter.");

static PyObject *
http_send(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return py_err_set(py_state_of(self), GP_NOT_SUPPORTED, NULL, "HTTPOutRequest.send()",
                      "no httpout filter in this build");
}

static PyMethodDef http_methods[] = {
    {"send", http_send, METH_NOARGS, http_send_doc},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(http_doc,
             "HTTPOutRequest()\n--\n\n"
             "Base class of httpout request handlers (API.md 2.12): on_request(method, url,\n"
             "auth_code, headers) in a subclass sets reply (int, 0: serve normally), body\n"
             "(str or None) and headers_out (flat list) and calls send(). This build has no\n"
             "httpout filter: send() raises GPACError.");

static PyType_Slot http_slots[] = {
    {Py_tp_doc, (void *)http_doc},
    {Py_tp_new, http_new},
    {Py_tp_init, http_init},
    {Py_tp_dealloc, cb_dealloc},
    {Py_tp_traverse, cb_traverse},
    {Py_tp_clear, cb_clear},
    {Py_tp_methods, http_methods},
    {Py_tp_members, cb_members},
    {Py_tp_getset, cb_getset},
    {0, NULL},
};

static PyType_Spec http_spec = {
    .name = "gpac._gpac.HTTPOutRequest",
    .basicsize = sizeof(PyCbBase),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC |
             Py_TPFLAGS_IMMUTABLETYPE,
    .slots = http_slots,
};

/* ---- DASHCustomAlgorithm ---- */

PyDoc_STRVAR(dash_doc,
             "DASHCustomAlgorithm()\n--\n\n"
             "Optional base class of DASH rate-adaptation objects (API.md 2.13): any object\n"
             "with on_rate_adaptation() works. This build has no dashin filter.");

static PyType_Slot dash_slots[] = {
    {Py_tp_doc, (void *)dash_doc},
    {Py_tp_new, PyType_GenericNew},
    {Py_tp_dealloc, cb_dealloc},
    {Py_tp_traverse, cb_traverse},
    {Py_tp_clear, cb_clear},
    {Py_tp_members, cb_members},
    {Py_tp_getset, cb_getset},
    {0, NULL},
};

static PyType_Spec dash_spec = {
    .name = "gpac._gpac.DASHCustomAlgorithm",
    .basicsize = sizeof(PyCbBase),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC |
             Py_TPFLAGS_IMMUTABLETYPE,
    .slots = dash_slots,
};

int
py_callbacks_setup(PyObject *module, py_state *st)
{
    if (py_add_type(module, &rmt_spec, NULL, &st->RMTHandler_Type) < 0 ||
        py_add_type(module, &http_spec, NULL, &st->HTTPOutRequest_Type) < 0 ||
        py_add_type(module, &dash_spec, NULL, &st->DASHCustomAlgorithm_Type) < 0)
        return -1;
    return 0;
}
