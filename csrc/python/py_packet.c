/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_packet_setup(PyObject *module, py_state *st) { return 0; }
PyObject *py_packet_new(py_state *st, GpPacket *pck, PyPid *pid, PyPacketKind kind) { gp_packet_unref(pck); PyErr_SetString(PyExc_NotImplementedError, "placeholder"); return NULL; }
void py_packet_dropped(PyPacket *self) { }
GpPacket *py_packet_arg(py_state *st, PyObject *obj, const char *what) { PyErr_SetString(PyExc_NotImplementedError, "placeholder"); return NULL; }
