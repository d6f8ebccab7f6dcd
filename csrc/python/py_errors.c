/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_errors_setup(PyObject *module, py_state *st) { st->GPACError = PyErr_NewException("gpac.GPACError", NULL, NULL); return st->GPACError ? PyModule_AddObjectRef(module, "GPACError", st->GPACError) : -1; }
PyObject *py_err_set(py_state *st, GpErr err, const char *url, const char *what, const char *reason) { PyErr_Format(st->GPACError, "%s: %s", what, gp_strerror(err)); return NULL; }
PyObject *py_err_from_session(py_state *st, GpSession *s, GpErr err, const char *what) { return py_err_set(st, err, NULL, what, NULL); }
