/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_pid_setup(PyObject *module, py_state *st) { return 0; }
PyObject *py_pid_wrap(PyFilter *owner, GpPid *pid) { PyErr_SetString(PyExc_NotImplementedError, "placeholder"); return NULL; }
void py_pid_detach(PyPid *self) { self->pid = NULL; }
int py_pid_check(PyPid *self) { return 0; }
