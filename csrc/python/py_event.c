/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_event_setup(PyObject *module, py_state *st) { return 0; }
PyObject *py_event_new(py_state *st, const GpEvent *evt, PyObject *on_pid_obj) { PyErr_SetString(PyExc_NotImplementedError, "placeholder"); return NULL; }
GpEvent *py_event_arg(py_state *st, PyObject *obj) { PyErr_SetString(PyExc_NotImplementedError, "placeholder"); return NULL; }
