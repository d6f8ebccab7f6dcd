/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_session_setup(PyObject *module, py_state *st) { return 0; }
void py_session_set_error(PySession *ses) { PyErr_WriteUnraisable(NULL); }
PySession *py_session_of(GpSession *s) { return NULL; }
int py_session_check(PySession *ses) { return 0; }
