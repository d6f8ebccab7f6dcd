/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* GPACError and its subclasses by error family, and the one mapping from an engine
 * GpErr to a raised exception (py_err_set). API misuse raises ordinary Python
 * exceptions elsewhere; only engine failures come through here. Constants are in
 * py_constants.c.
 *
 * Python equivalent:
 *
 *     class GPACError(Exception):
 *         code = name = url = reason = None      # set on raised instances
 *     class FilterNotFoundError(GPACError): ...  # -11
 *     class URLError(GPACError): ...             # -12, -16
 *     class NotSupportedError(GPACError): ...    # -4, -54, -57
 *     class BadParamError(GPACError, ValueError): ...   # -1, -52
 *     class GPACIOError(GPACError): ...          # -3
 *     class CorruptedDataError(GPACError): ...   # -5, -10, -20..-24
 *     class NetworkError(GPACError): ...         # -13, -14, -40..-46, -50
 */
#include "py_gpac.h"

#include <string.h>

/* Index of each subclass in st->error_types; the last slot of the array is unused
 * (PY_NB_ERROR_TYPES leaves room for one more family). */
enum {
    PY_ERR_FILTER_NOT_FOUND,
    PY_ERR_URL,
    PY_ERR_NOT_SUPPORTED,
    PY_ERR_BAD_PARAM,
    PY_ERR_IO,
    PY_ERR_CORRUPTED,
    PY_ERR_NETWORK,
    PY_ERR_NB_USED,
};

typedef struct ErrorClass {
    const char *name; /* "gpac.<Name>": __module__ is the package users import from */
    const char *doc;
    int also_value_error;
} ErrorClass;

static const ErrorClass error_classes[PY_ERR_NB_USED] = {
    [PY_ERR_FILTER_NOT_FOUND] = {"gpac.FilterNotFoundError",
                                 "No filter for the requested type (GF_FILTER_NOT_FOUND).", 0},
    [PY_ERR_URL] = {"gpac.URLError",
                    "URL not valid, not found or no longer available (GF_URL_ERROR, "
                    "GF_URL_REMOVED).",
                    0},
    [PY_ERR_NOT_SUPPORTED] = {"gpac.NotSupportedError",
                              "Feature, profile or format not supported (GF_NOT_SUPPORTED, "
                              "GF_PROFILE_NOT_SUPPORTED, GF_FILTER_NOT_SUPPORTED).",
                              0},
    [PY_ERR_BAD_PARAM] = {"gpac.BadParamError",
                          "Bad parameter or configuration (GF_BAD_PARAM, "
                          "GF_INVALID_CONFIGURATION); also a ValueError.",
                          1},
    [PY_ERR_IO] = {"gpac.GPACIOError", "Input/output failure (GF_IO_ERR).", 0},
    [PY_ERR_CORRUPTED] = {"gpac.CorruptedDataError",
                          "Corrupted or non-compliant data (GF_CORRUPTED_DATA, "
                          "GF_NON_COMPLIANT_BITSTREAM, GF_ISOM_*).",
                          0},
    [PY_ERR_NETWORK] = {"gpac.NetworkError",
                        "Network or remote service failure (GF_SERVICE_ERROR, "
                        "GF_REMOTE_SERVICE_ERROR, GF_IP_*, GF_AUTHENTICATION_FAILURE).",
                        0},
};

/* Which family an error code belongs to; -1: GPACError itself. */
static int
error_family(GpErr err)
{
    switch ((int)err) {
    case GP_FILTER_NOT_FOUND: return PY_ERR_FILTER_NOT_FOUND;
    case GP_URL_ERROR:
    case GP_URL_REMOVED: return PY_ERR_URL;
    case GP_NOT_SUPPORTED:
    case GP_PROFILE_NOT_SUPPORTED:
    case GP_FILTER_NOT_SUPPORTED: return PY_ERR_NOT_SUPPORTED;
    case GP_BAD_PARAM:
    case GP_INVALID_CONFIGURATION: return PY_ERR_BAD_PARAM;
    case GP_IO_ERR: return PY_ERR_IO;
    case GP_CORRUPTED_DATA:
    case GP_NON_COMPLIANT_BITSTREAM:
    case GP_ISOM_INVALID_FILE:
    case GP_ISOM_INCOMPLETE_FILE:
    case GP_ISOM_INVALID_MEDIA:
    case GP_ISOM_INVALID_MODE:
    case GP_ISOM_UNKNOWN_DATA_REF: return PY_ERR_CORRUPTED;
    case GP_SERVICE_ERROR:
    case GP_REMOTE_SERVICE_ERROR:
    case GP_IP_ADDRESS_NOT_FOUND:
    case GP_IP_CONNECTION_FAILURE:
    case GP_IP_NETWORK_FAILURE:
    case GP_IP_CONNECTION_CLOSED:
    case GP_IP_NETWORK_EMPTY:
    case GP_IP_UDP_TIMEOUT:
    case GP_AUTHENTICATION_FAILURE: return PY_ERR_NETWORK;
    default: return -1;
    }
}

/* str from C text that may not be valid UTF-8 (URLs, reasons): never fails on bad
 * bytes. NULL or "" give None. New reference. */
static PyObject *
text_or_none(const char *s)
{
    if (!s || !*s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

static int
set_attr_steal(PyObject *exc, const char *attr, PyObject *value)
{
    if (!value)
        return -1;
    int rc = PyObject_SetAttrString(exc, attr, value);
    Py_DECREF(value);
    return rc;
}

PyObject *
py_err_set(py_state *st, GpErr err, const char *url, const char *what, const char *reason)
{
    int family = error_family(err);
    PyObject *type = family >= 0 && st->error_types[family] ? st->error_types[family]
                                                            : st->GPACError;
    const char *text = gp_strerror((int)err);
    const char *name = gp_err_name((int)err);
    PyObject *msg, *exc;

    if (!what || !*what)
        msg = reason && *reason ? PyUnicode_FromFormat("%s (%s)", text, reason)
                                : PyUnicode_FromString(text);
    else if (reason && *reason)
        msg = PyUnicode_FromFormat("%s: %s (%s)", what, text, reason);
    else
        msg = PyUnicode_FromFormat("%s: %s", what, text);
    if (!msg)
        return NULL;
    exc = PyObject_CallOneArg(type, msg);
    Py_DECREF(msg);
    if (!exc)
        return NULL;
    if (set_attr_steal(exc, "code", PyLong_FromLong((long)err)) < 0 ||
        set_attr_steal(exc, "name", name ? PyUnicode_FromString(name) : text_or_none(NULL)) < 0 ||
        set_attr_steal(exc, "url", text_or_none(url)) < 0 ||
        set_attr_steal(exc, "reason", text_or_none(reason)) < 0)
        goto error;
    PyErr_SetObject(type, exc);
error:
    Py_DECREF(exc);
    return NULL;
}

PyObject *
py_err_from_session(py_state *st, GpSession *s, GpErr err, const char *what)
{
    const GpErrorInfo *info = s ? gp_session_last_error(s) : NULL;
    return py_err_set(st, err, info ? info->url : NULL, what, info ? info->reason : NULL);
}

/* ---- private test hook ---- */

/* A str argument or None as C text; *ok 0 with TypeError otherwise. */
static const char *
errors_opt_text(PyObject *obj, const char *what, int *ok)
{
    *ok = 1;
    if (!obj || obj == Py_None)
        return NULL;
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "_raise_error() %s must be str or None", what);
        *ok = 0;
        return NULL;
    }
    const char *s = PyUnicode_AsUTF8(obj);
    *ok = s != NULL;
    return s;
}

PyDoc_STRVAR(errors_raise_doc,
             "_raise_error($module, err, what=None, url=None, reason=None, /)\n--\n\n"
             "Private (tests): raise the exception the binding raises for engine error\n"
             "code err, as py_err_set(err, url, what, reason).");

static PyObject *
errors_raise(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    int64_t err;
    int ok;
    if (nargs < 1 || nargs > 4) {
        PyErr_Format(PyExc_TypeError, "_raise_error() takes 1 to 4 arguments (%zd given)",
                     nargs);
        return NULL;
    }
    if (py_value_sint(args[0], INT32_MIN, INT32_MAX, &err, "err") < 0)
        return NULL;
    static const char *const names[3] = {"what", "url", "reason"};
    const char *text[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++) {
        text[i] = errors_opt_text(nargs > i + 1 ? args[i + 1] : NULL, names[i], &ok);
        if (!ok)
            return NULL;
    }
    return py_err_set(py_state_of_module(module), (GpErr)err, text[1], text[0], text[2]);
}

static PyMethodDef errors_methods[] = {
    {"_raise_error", (PyCFunction)(void (*)(void))errors_raise, METH_FASTCALL,
     errors_raise_doc},
    {NULL, NULL, 0, NULL},
};

/* ---- setup ---- */

PyDoc_STRVAR(gpac_error_doc,
             "Error reported by the engine. Raised instances carry the engine's error\n"
             "code (.code, an int such as GF_URL_ERROR), its symbolic name (.name, e.g.\n"
             "'URL_ERROR'), the URL involved when known (.url) and a debug detail\n"
             "(.reason); all four are None on instances created by Python code.");

static PyObject *
new_gpac_error(void)
{
    PyObject *dict = PyDict_New();
    if (!dict)
        return NULL;
    static const char *const attrs[] = {"code", "name", "url", "reason"};
    for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
        if (PyDict_SetItemString(dict, attrs[i], Py_None) < 0) {
            Py_DECREF(dict);
            return NULL;
        }
    PyObject *tp = PyErr_NewExceptionWithDoc("gpac.GPACError", gpac_error_doc, NULL, dict);
    Py_DECREF(dict);
    return tp;
}

static PyObject *
new_error_subclass(py_state *st, const ErrorClass *cls)
{
    PyObject *bases = cls->also_value_error
                          ? PyTuple_Pack(2, st->GPACError, PyExc_ValueError)
                          : PyTuple_Pack(1, st->GPACError);
    if (!bases)
        return NULL;
    PyObject *tp = PyErr_NewExceptionWithDoc(cls->name, cls->doc, bases, NULL);
    Py_DECREF(bases);
    return tp;
}

int
py_errors_setup(PyObject *module, py_state *st)
{
    st->GPACError = new_gpac_error();
    if (!st->GPACError || PyModule_AddObjectRef(module, "GPACError", st->GPACError) < 0)
        return -1;
    for (int i = 0; i < PY_ERR_NB_USED; i++) {
        st->error_types[i] = new_error_subclass(st, &error_classes[i]);
        if (!st->error_types[i])
            return -1;
        const char *dot = strrchr(error_classes[i].name, '.');
        if (PyModule_AddObjectRef(module, dot + 1, st->error_types[i]) < 0)
            return -1;
    }
    return PyModule_AddFunctions(module, errors_methods);
}
