/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_packet_view_setup(PyObject *module, py_state *st) { return 0; }
PyObject *py_packet_view_data(py_state *st, GpPacket *pck, bool writable) { Py_RETURN_NONE; }
bool py_numpy_available(py_state *st) { return false; }
