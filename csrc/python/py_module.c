/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The gpac._gpac module: multi-phase init, module state, the GPACError exception and the
 * module-level functions that map one to one onto the engine (e2s, set_logs, clocks).
 * The Python types (FilterSession, FilterPid, ...) live one per file and are chained
 * from gpac_exec; nothing here knows a type's internals.
 *
 * Python equivalent:
 *
 *     version = "0.1.0"
 *     class GPACError(Exception):
 *         code = name = url = reason = None
 *     def e2s(err, /) -> str: ...
 *     def set_logs(logs, reset=False) -> None: ...   # ValueError on a bad spec
 *     def sys_clock() -> int: ...                     # ms since import
 *     def sys_clock_high_res() -> int: ...            # µs since import
 */
#include "py_gpac.h"

#include <limits.h>
#include <string.h>

#include <gp/gp.h>

/* ---- module functions ---- */

PyDoc_STRVAR(module_e2s_doc,
             "e2s($module, err, /)\n--\n\n"
             "Return the text of an error code, as GPAC's e2s(): e2s(-12) is\n"
             "'Requested URL is not valid or cannot be found'; codes without text give\n"
             "'Unknown Error (N)'.");

static PyObject *
module_e2s(PyObject *module, PyObject *arg)
{
    PyObject *idx = PyNumber_Index(arg);
    if (!idx)
        return NULL;
    int overflow = 0;
    long v = PyLong_AsLongAndOverflow(idx, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(idx);
        return NULL;
    }
    PyObject *res;
    if (overflow || v < INT_MIN || v > INT_MAX)
        res = PyUnicode_FromFormat("Unknown Error (%S)", idx);
    else
        res = PyUnicode_FromString(gp_strerror((int)v));
    Py_DECREF(idx);
    return res;
}

PyDoc_STRVAR(module_set_logs_doc,
             "set_logs($module, /, logs, reset=False)\n--\n\n"
             "Set log levels from a 'tool[:tool]@level[:tool@level...]' string, the\n"
             "syntax of gpac -logs (keywords 'ncl' and 'strict' accepted, 'all' names\n"
             "every tool). With reset, levels return to the defaults first. Raises\n"
             "ValueError for an unknown tool or level; nothing is changed then.");

/* ---- argument unpacking for METH_FASTCALL | METH_KEYWORDS (every binding file) ---- */

int
py_args_unpack(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
               const char *const *names, int nreq, int nmax, PyObject **out)
{
    if (nargs > nmax) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d arguments (%zd given)", fname,
                     nmax, nargs);
        return -1;
    }
    for (int i = 0; i < nmax; i++)
        out[i] = i < nargs ? args[i] : NULL;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        int j = 0;
        while (j < nmax && PyUnicode_CompareWithASCIIString(key, names[j]) != 0)
            j++;
        if (j == nmax) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'",
                         fname, key);
            return -1;
        }
        if (out[j]) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fname,
                         names[j]);
            return -1;
        }
        out[j] = args[nargs + k];
    }
    for (int i = 0; i < nreq; i++) {
        if (!out[i]) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s'", fname,
                         names[i]);
            return -1;
        }
    }
    return 0;
}

static PyObject *
module_set_logs(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"logs", "reset"};
    PyObject *a[2];
    if (py_args_unpack("set_logs", args, nargs, kwnames, names, 1, 2, a) < 0)
        return NULL;
    PyObject *logs = a[0], *reset_obj = a[1];
    if (!PyUnicode_Check(logs)) {
        PyErr_Format(PyExc_TypeError, "set_logs() argument 'logs' must be str, not %.100s",
                     Py_TYPE(logs)->tp_name);
        return NULL;
    }
    int reset = reset_obj ? PyObject_IsTrue(reset_obj) : 0;
    if (reset < 0)
        return NULL;
    Py_ssize_t len;
    const char *spec = PyUnicode_AsUTF8AndSize(logs, &len);
    if (!spec)
        return NULL;
    if ((size_t)len != strlen(spec)) {
        PyErr_SetString(PyExc_ValueError, "set_logs(): embedded null character");
        return NULL;
    }
    GpErr e = gp_log_set_tools_levels(spec, reset != 0);
    if (e != GP_OK) {
        PyErr_Format(PyExc_ValueError, "invalid log specification '%s': %s", spec,
                     gp_strerror(e));
        return NULL;
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(module_sys_clock_doc,
             "sys_clock($module, /)\n--\n\n"
             "Monotonic clock in milliseconds since the module was imported.");

static PyObject *
module_sys_clock(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    py_state *st = py_state_of_module(module);
    return PyLong_FromUnsignedLongLong((gp_sys_clock_us() - st->clock_base_us) / 1000u);
}

PyDoc_STRVAR(module_sys_clock_high_res_doc,
             "sys_clock_high_res($module, /)\n--\n\n"
             "Monotonic clock in microseconds since the module was imported.");

static PyObject *
module_sys_clock_high_res(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    py_state *st = py_state_of_module(module);
    return PyLong_FromUnsignedLongLong(gp_sys_clock_us() - st->clock_base_us);
}

static PyMethodDef module_methods[] = {
    {"e2s", module_e2s, METH_O, module_e2s_doc},
    {"set_logs", (PyCFunction)(void (*)(void))module_set_logs, METH_FASTCALL | METH_KEYWORDS,
     module_set_logs_doc},
    {"sys_clock", module_sys_clock, METH_NOARGS, module_sys_clock_doc},
    {"sys_clock_high_res", module_sys_clock_high_res, METH_NOARGS,
     module_sys_clock_high_res_doc},
    {NULL, NULL, 0, NULL},
};

/* ---- shared helpers ---- */

PyObject *
py_new_type(PyObject *module, PyType_Spec *spec, PyObject *base)
{
    /* bases as a tuple: 3.9 accepts nothing else */
    PyObject *bases = base ? PyTuple_Pack(1, base) : NULL;
    PyObject *tp = !base || bases ? PyType_FromModuleAndSpec(module, spec, bases) : NULL;
    Py_XDECREF(bases);
    return tp;
}

int
py_add_type(PyObject *module, PyType_Spec *spec, PyObject *base, PyObject **slot)
{
    PyObject *tp = py_new_type(module, spec, base);
    if (!tp)
        return -1;
    *slot = tp;
    /* the short name: after the last '.' of "gpac._gpac.Name" */
    const char *dot = strrchr(spec->name, '.');
    return PyModule_AddObjectRef(module, dot ? dot + 1 : spec->name, tp);
}

/* A class made like a Python class statement, so that the interpreter manages its
 * instance dictionary (3.11+: attribute access on instances of it and of its Python
 * subclasses is specialized, which it never is for a C type with __dictoffset__). */
int
py_add_dict_class(PyObject *module, const char *name, PyObject *bases, const char *doc,
                  PyObject **slot)
{
    PyObject *tp = NULL;
    PyObject *ns = Py_BuildValue("{s:s,s:s,s:s}", "__module__", "gpac._gpac", "__qualname__",
                                 name, "__doc__", doc);
    if (ns)
        tp = PyObject_CallFunction((PyObject *)&PyType_Type, "sOO", name, bases, ns);
    Py_XDECREF(ns);
    if (!tp)
        return -1;
    *slot = tp;
    return PyModule_AddObjectRef(module, name, tp);
}

/* ---- multi-phase init ---- */

static int
gpac_intern_names(py_state *st)
{
    struct {
        PyObject **slot;
        const char *text;
    } names[] = {
        {&st->str_configure_pid, "configure_pid"},
        {&st->str_process, "process"},
        {&st->str_process_event, "process_event"},
        {&st->str_reconfigure_output, "reconfigure_output"},
        {&st->str_packet_release, "packet_release"},
        {&st->str_on_filter_new, "on_filter_new"},
        {&st->str_on_filter_del, "on_filter_del"},
        {&st->str_on_prop_enum, "on_prop_enum"},
        {&st->str_execute, "execute"},
        {&st->str_on_gl_activate, "on_gl_activate"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        *names[i].slot = PyUnicode_InternFromString(names[i].text);
        if (!*names[i].slot)
            return -1;
    }
    for (int i = 0; i < PY_PCK_FAST_NAMES; i++) {
        st->pck_fast_names[i] = PyUnicode_InternFromString(py_packet_fast_names[i]);
        if (!st->pck_fast_names[i])
            return -1;
    }
    return 0;
}

typedef int (*py_setup_fn)(PyObject *module, py_state *st);

static int
gpac_exec(PyObject *module)
{
    /* order matters: errors and values first (others use them), FilterCustom after
     * Filter (its base) */
    static const py_setup_fn setups[] = {
        py_errors_setup,    py_constants_setup, py_sys_setup, py_values_setup, py_stats_setup,
        py_event_setup,     py_logs_setup,      py_session_setup, py_task_setup,
        py_filter_setup,    py_filter_custom_setup, py_pid_setup, py_packet_setup,
        py_packet_view_setup, py_fileio_setup, py_callbacks_setup,
    };
    py_state *st = py_state_of_module(module);
    st->clock_base_us = gp_sys_clock_us();
    if (gpac_intern_names(st) < 0)
        return -1;
    if (PyModule_AddStringConstant(module, "version", GP_VERSION) < 0)
        return -1;
    for (size_t i = 0; i < sizeof(setups) / sizeof(setups[0]); i++)
        if (setups[i](module, st) < 0)
            return -1;
    return 0;
}

/* Every PyObject * of the state lies between the two markers (py_state.h). */
#define PY_STATE_OBJS(st, p)                                                            \
    for (PyObject **p = &(st)->first_obj_marker + 1; p < &(st)->last_obj_marker; p++)

static int
gpac_traverse(PyObject *module, visitproc visit, void *arg)
{
    py_state *st = (py_state *)PyModule_GetState(module);
    if (st)
        PY_STATE_OBJS(st, p) Py_VISIT(*p);
    return 0;
}

static int
gpac_clear(PyObject *module)
{
    py_state *st = (py_state *)PyModule_GetState(module);
    if (st)
        PY_STATE_OBJS(st, p) Py_CLEAR(*p);
    return 0;
}

static void
gpac_free(void *module)
{
    (void)gpac_clear((PyObject *)module);
}

static PyModuleDef_Slot gpac_slots[] = {
    {Py_mod_exec, (void *)gpac_exec},
#if PY_VERSION_HEX >= 0x030C0000
    /* log levels and the filter registry are process-wide in the engine */
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
    {0, NULL},
};

PyDoc_STRVAR(gpac_module_doc,
             "Native core of the gpac package: the C filter-session engine.\n\n"
             "Use it through `import gpac` (or `import libgpac as gpac`).");

PyModuleDef gpac_module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "gpac._gpac",
    .m_doc = gpac_module_doc,
    .m_size = sizeof(py_state),
    .m_methods = module_methods,
    .m_slots = gpac_slots,
    .m_traverse = gpac_traverse,
    .m_clear = gpac_clear,
    .m_free = gpac_free,
};

PyMODINIT_FUNC
PyInit__gpac(void)
{
    return PyModuleDef_Init(&gpac_module_def);
}
