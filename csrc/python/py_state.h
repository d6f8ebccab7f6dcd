/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Per-module state of gpac._gpac (multi-phase init): every type object, exception class,
 * interned name and cached import the binding needs lives here, never in a C global.
 * Only csrc/python/ includes Python.h (DESIGN.md). */
#ifndef GP_PY_STATE_H
#define GP_PY_STATE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdint.h>

typedef struct py_state {
    PyObject *GPACError;    /* gpac.GPACError(Exception): .code .name .url .reason */
    uint64_t clock_base_us; /* gp_sys_clock_us() at module exec: sys_clock() origin */
} py_state;

/* Defined in py_module.c; other binding files find their state through it. */
extern PyModuleDef gpac_module_def;

static inline py_state *
py_state_of_module(PyObject *module)
{
    void *st = PyModule_GetState(module);
    assert(st != NULL);
    return (py_state *)st;
}

/* State of the module that defined tp or one of its bases (subclasses made in Python
 * included). PyType_GetModuleByDef exists from 3.11; before, walk the MRO the same way. */
static inline py_state *
py_state_of_type(PyTypeObject *tp)
{
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *mod = PyType_GetModuleByDef(tp, &gpac_module_def);
#else
    PyObject *mod = NULL;
    PyObject *mro = tp->tp_mro;
    for (Py_ssize_t i = 0; mro && i < PyTuple_GET_SIZE(mro) && !mod; i++) {
        PyTypeObject *base = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
        if (!(base->tp_flags & Py_TPFLAGS_HEAPTYPE))
            continue;
        PyObject *m = ((PyHeapTypeObject *)base)->ht_module;
        if (m && PyModule_GetDef(m) == &gpac_module_def)
            mod = m;
    }
#endif
    assert(mod != NULL);
    return (py_state *)PyModule_GetState(mod);
}

#endif /* GP_PY_STATE_H */
