/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_filter_setup(PyObject *module, py_state *st) { return 0; }
PyObject *py_filter_wrap(PySession *ses, GpFilter *f) { PyErr_SetString(PyExc_NotImplementedError, "placeholder"); return NULL; }
int py_filter_check(PyFilter *self) { return 0; }
void py_filter_detach(PyFilter *self) { self->f = NULL; }
