/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterSession methods that look at or act on the filter graph as a whole: printing
 * it (print_graph, print_stats), sending an event into it (fire_event) and asking the
 * filter registry whether a source could be opened (is_supported_source,
 * is_supported_mime). They are listed in py_session.c's method table.
 *
 * Python equivalent:
 *
 *     def print_stats(self): sys.stderr.write(engine_stats_text())
 *     def print_graph(self): sys.stderr.write(engine_graph_text())
 *     def fire_event(self, evt, _filter=None, upstream=False) -> bool: ...
 *     def is_supported_mime(self, mime) -> bool: ...     # a source class probes it
 *     def is_supported_source(self, url, parent=None) -> bool: ...   # never raises
 */
#include "py_gpac.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define Session_CAST(op) ((PySession *)(op))

/* url relative to parent: parent's folder + url when url is relative. url or buf. */
const char *
py_session_join_parent(const char *parent, const char *url, char *buf, size_t size)
{
    const char *slash = parent ? strrchr(parent, '/') : NULL;
    if (!slash || url[0] == '/' || strstr(url, "://"))
        return url;
    size_t n = (size_t)(slash - parent) + 1;
    if (n + strlen(url) + 1 > size)
        return url;
    memcpy(buf, parent, n);
    strcpy(buf + n, url);
    return buf;
}

/* Text written by the engine's printer, sent to sys.stderr (C stderr when None). */
static PyObject *
graph_print(PyObject *op, bool graph)
{
    PySession *ses = Session_CAST(op);
    if (py_session_usable(ses, graph ? "print_graph" : "print_stats") < 0)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mf = open_memstream(&buf, &len);
    if (!mf)
        return PyErr_NoMemory();
    if (graph)
        gp_session_print_graph(ses->s, mf);
    else
        gp_session_print_stats(ses->s, mf);
    fclose(mf);
    PyObject *text = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)len, "replace");
    free(buf);
    if (!text)
        return NULL;
    PyObject *err = PySys_GetObject("stderr"); /* borrowed */
    int rc = 0;
    if (err && err != Py_None) {
        rc = PyFile_WriteObject(text, err, Py_PRINT_RAW);
        PyObject *res = rc < 0 ? NULL : PyObject_CallMethod(err, "flush", NULL);
        rc = res ? 0 : -1;
        Py_XDECREF(res);
    } else {
        fputs(PyUnicode_AsUTF8(text), stderr);
    }
    Py_DECREF(text);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyObject *
py_session_print_stats(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return graph_print(op, false);
}

PyObject *
py_session_print_graph(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return graph_print(op, true);
}

/* The live C filter of a Filter of this session; NULL with an exception. */
static GpFilter *
graph_filter_arg(PySession *ses, py_state *st, PyObject *obj)
{
    if (!st->Filter_Type || !PyObject_TypeCheck(obj, (PyTypeObject *)st->Filter_Type)) {
        PyErr_Format(PyExc_TypeError, "_filter must be a Filter or None, not %.100s",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    PyFilter *pf = (PyFilter *)obj;
    if (py_filter_check(pf) < 0)
        return NULL;
    if (pf->session != ses) {
        PyErr_SetString(PyExc_ValueError, "fire_event(): the filter belongs to another session");
        return NULL;
    }
    return pf->f;
}

PyObject *
py_session_fire_event(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"evt", "_filter", "upstream"};
    PySession *ses = Session_CAST(op);
    py_state *st = py_state_of(op);
    PyObject *a[3];
    if (py_args_unpack("fire_event", args, nargs, kwnames, names, 1, 3, a) < 0)
        return NULL;
    GpEvent *evt = py_event_arg(st, a[0]);
    int up = a[2] ? PyObject_IsTrue(a[2]) : 0;
    if (!evt || up < 0 || py_session_usable(ses, "fire_event") < 0)
        return NULL;
    bool sent = false;
    if (a[1] && a[1] != Py_None) {
        GpFilter *f = graph_filter_arg(ses, st, a[1]);
        if (!f)
            return NULL;
        uint32_t n = up ? gp_filter_nb_inputs(f) : gp_filter_nb_outputs(f);
        sent = n && gp_filter_send_event(f, evt, up != 0) == GP_OK;
    } else {
        for (uint32_t i = 0; i < gp_session_nb_filters(ses->s); i++) {
            GpFilter *f = gp_session_filter_at(ses->s, i);
            if (!gp_filter_nb_outputs(f) && gp_filter_nb_inputs(f) &&
                gp_filter_send_event(f, evt, true) == GP_OK)
                sent = true;
        }
    }
    return PyBool_FromLong(sent);
}

/* True when a registry class that can be a source (has a `src` option) scores the URL
 * or MIME type above "not supported". */
static bool
graph_probe_sources(const char *url, const char *mime)
{
    for (uint32_t i = 0; i < gp_registry_count(); i++) {
        const GpFilterClass *cls = gp_registry_at(i);
        bool is_src = false;
        for (uint32_t k = 0; k < cls->nb_args && !is_src; k++)
            is_src = !strcmp(cls->args[k].name, "src");
        if (is_src && cls->probe_url && cls->probe_url(url, mime) > GP_PROBE_NOT_SUPPORTED)
            return true;
    }
    return false;
}

/* UTF-8 of a str that may be garbage: NULL (no exception) for NULs and surrogates. */
static const char *
graph_probe_text(PyObject *obj, const char *fname, const char *arg, bool *bad)
{
    *bad = false;
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str, not %.100s", fname, arg,
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(obj, &n);
    if (!s && PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
        PyErr_Clear(); /* house-style: a URL no filter can open: the answer is False */
    *bad = !s || strlen(s) != (size_t)n;
    return *bad ? NULL : s;
}

PyObject *
py_session_is_supported_mime(PyObject *op, PyObject *mime)
{
    bool bad;
    const char *m = graph_probe_text(mime, "is_supported_mime", "mime", &bad);
    if ((!m && !bad) || py_session_check(Session_CAST(op)) < 0)
        return NULL;
    return PyBool_FromLong(!bad && *m && graph_probe_sources("", m));
}

PyObject *
py_session_is_supported_source(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames)
{
    static const char *const names[] = {"url", "parent"};
    PyObject *a[2];
    char joined[4096];
    bool bad = false, bad_parent = false;
    if (py_args_unpack("is_supported_source", args, nargs, kwnames, names, 1, 2, a) < 0)
        return NULL;
    const char *url = graph_probe_text(a[0], "is_supported_source", "url", &bad);
    const char *parent = url && a[1] && a[1] != Py_None
                             ? graph_probe_text(a[1], "is_supported_source", "parent", &bad_parent)
                             : NULL;
    if (PyErr_Occurred() || py_session_check(Session_CAST(op)) < 0)
        return NULL;
    if (bad || bad_parent || !*url)
        Py_RETURN_FALSE;
    url = py_session_join_parent(parent, url, joined, sizeof(joined));
    return PyBool_FromLong(graph_probe_sources(url, NULL));
}
