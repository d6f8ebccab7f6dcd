/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_prop_key(PyObject *key, uint32_t *code, const char **name) { PyErr_SetString(PyExc_NotImplementedError, "placeholder"); return -1; }
PyObject *py_prop_to_python(py_state *st, uint32_t code, const GpPropValue *v) { Py_RETURN_NONE; }
int py_prop_from_python(py_state *st, uint32_t code, const char *name, PyObject *value, int custom_type, GpPropValue *out) { PyErr_SetString(PyExc_NotImplementedError, "placeholder"); return -1; }
int py_props_enum(py_state *st, PyObject *cb, PyPropEnumFn fn, void *ctx) { return 0; }
