/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Per-module state of gpac._gpac (multi-phase init): every type object, exception class,
 * interned name and cached import the binding needs lives here, never in a C global.
 * Only csrc/python/ includes Python.h (DESIGN.md). Each field names the file that fills
 * it in its py_<area>_setup() and clears it in py_state_clear (py_module.c visits and
 * clears every PyObject * field generically, so a new field needs no other edit). */
#ifndef GP_PY_STATE_H
#define GP_PY_STATE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdint.h>

/* Number of GPACError subclasses (py_errors.c). */
#define PY_NB_ERROR_TYPES 8
/* FilterEvent member struct types (py_event.c): base, play, seek, attach_scene,
 * user_event, quality_switch, visibility_hint, buffer_req, seg_size, frag_size,
 * file_del, transport_hints, ntp, and the user-event sub-structs. */
#define PY_NB_EVENT_TYPES 24
#define PY_PCK_FAST_NAMES 5 /* FilterPacket fields with a fast read path */

typedef struct py_state {
    /* ---- every PyObject * first: py_module.c traverses [first_obj, last_obj] ---- */
    PyObject *first_obj_marker; /* always NULL */

    /* py_errors.c */
    PyObject *GPACError;                        /* gpac.GPACError(Exception) */
    PyObject *error_types[PY_NB_ERROR_TYPES];   /* its subclasses, see py_errors.c */

    /* py_values.c: value structs (API.md 2.8) */
    PyObject *Fraction_Type, *Fraction64_Type;
    PyObject *PropVec2i_Type, *PropVec2_Type, *PropVec3i_Type, *PropVec4i_Type;
    PyObject *PropData_Type;

    /* py_stats.c: statistics and descriptors (API.md 2.9) */
    PyObject *FilterStats_Type, *FilterPidStatistics_Type, *FilterArg_Type;
    PyObject *BufferOccupancy_Type, *GLTextureInfo_Type;

    /* py_event.c */
    PyObject *FilterEvent_Type;
    PyObject *event_types[PY_NB_EVENT_TYPES];

    /* py_session.c, py_task.c */
    PyObject *FilterSession_Type, *FilterTask_Type;
    /* py_filter.c, py_filter_custom.c: the public classes (made with a managed
     * __dict__ by py_add_dict_class) and the C types under them */
    PyObject *Filter_Type, *FilterCustom_Type, *FilterBase_Type, *FilterCustomBase_Type;
    /* py_pid.c */
    PyObject *FilterPid_Type;
    /* py_packet.c, py_packet_view.c */
    PyObject *FilterPacket_Type, *PacketView_Type;

    /* py_fileio.c: the type, its registry {id: address} (borrowed FileIO pointers,
     * removed at dealloc), the gp_io scheme hub (capsule: its destructor unregisters
     * the scheme), copy.copy, numpy.frombuffer (looked up on first use) */
    PyObject *FileIO_Type, *fileio_registry, *fileio_hub, *copy_copy, *np_frombuffer;
    /* py_callbacks.c */
    PyObject *RMTHandler_Type, *HTTPOutRequest_Type, *DASHCustomAlgorithm_Type;

    /* py_logs.c: logging.getLogger("gpac"), looked up on first use */
    PyObject *logger;

    /* interned method names (py_module.c), the callbacks the binding calls */
    PyObject *str_configure_pid, *str_process, *str_process_event;
    PyObject *str_reconfigure_output, *str_packet_release, *str_on_filter_new;
    PyObject *str_on_filter_del, *str_on_prop_enum, *str_execute, *str_on_gl_activate;
    /* FilterPacket fields read through py_packet_getattro's fast path */
    PyObject *pck_fast_names[PY_PCK_FAST_NAMES];

    PyObject *last_obj_marker; /* always NULL */
    /* ---- plain C fields ---- */

    uint64_t clock_base_us; /* gp_sys_clock_us() at module exec: sys_clock() origin */
    /* numpy: 0 not tried yet, 1 imported (C API ready), -1 unavailable (py_packet_view.c) */
    int numpy_state;
    /* live PacketView exporters (tests read it through _live_views()) */
    int64_t nb_views;
} py_state;

#ifndef Py_TPFLAGS_IMMUTABLETYPE
/* 3.9: heap types cannot be made immutable yet */
#define Py_TPFLAGS_IMMUTABLETYPE 0
#endif

#ifndef Py_TPFLAGS_DISALLOW_INSTANTIATION
/* 3.9: types the binding alone creates can be instantiated from Python; their
 * methods still refuse to work on an empty wrapper */
#define Py_TPFLAGS_DISALLOW_INSTANTIATION 0
#endif

#if PY_VERSION_HEX < 0x030A0000
/* 3.9 lacks PyModule_AddObjectRef (which does not steal the reference) */
static inline int
PyModule_AddObjectRef(PyObject *module, const char *name, PyObject *value)
{
    Py_INCREF(value);
    if (PyModule_AddObject(module, name, value) < 0) {
        Py_DECREF(value);
        return -1;
    }
    return 0;
}
#endif

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

static inline py_state *
py_state_of(PyObject *obj)
{
    return py_state_of_type(Py_TYPE(obj));
}

#endif /* GP_PY_STATE_H */
