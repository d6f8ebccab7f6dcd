/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_logs_setup(PyObject *module, py_state *st) { return 0; }
int py_logs_flush(py_state *st) { return 0; }
