/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_stats_setup(PyObject *module, py_state *st) { return 0; }
PyObject *py_stats_filter(py_state *st, GpFilter *f) { Py_RETURN_NONE; }
PyObject *py_stats_pid(py_state *st, GpPid *pid) { Py_RETURN_NONE; }
PyObject *py_stats_arg(py_state *st, const GpArg *arg) { Py_RETURN_NONE; }
PyObject *py_stats_buffer(py_state *st, GpPid *ipid) { Py_RETURN_NONE; }
