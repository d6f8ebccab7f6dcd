/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): links the module while the binding is
 * written in parallel. */
#include "py_gpac.h"

int py_values_setup(PyObject *module, py_state *st) { return 0; }
PyObject *py_fraction_new(py_state *st, int32_t num, uint32_t den) { return Py_BuildValue("(iI)", num, den); }
PyObject *py_fraction64_new(py_state *st, int64_t num, uint64_t den) { return Py_BuildValue("(LK)", (long long)num, (unsigned long long)den); }
PyObject *py_vec_new(py_state *st, GpPropType type, const GpPropValue *v) { Py_RETURN_NONE; }
PyObject *py_propdata_new(py_state *st, const uint8_t *data, uint32_t size) { return PyBytes_FromStringAndSize((const char *)data, size); }
int py_fraction_from(PyObject *obj, bool lfrac, int64_t *num, uint64_t *den) { PyErr_SetString(PyExc_NotImplementedError, "placeholder"); return -1; }
