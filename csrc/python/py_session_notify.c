/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterSession, engine side: the notifications that keep Python wrappers and C
 * objects in step (a filter created or destroyed, a PID destroyed), the session's error
 * slot where callback exceptions wait for run() (or delete(), or a load) to raise them,
 * and the destruction of the engine session. The type and its methods are in
 * py_session.c, run() in py_session_run.c.
 *
 * Python equivalent (what the engine calls, on any thread, taking the GIL):
 *
 *     def _filter_created(ses, f):   # wrapper registered, then ses.on_filter_new(f)
 *     def _filter_destroyed(ses, f): # ses.on_filter_del(f), then f is detached
 *     def _pid_destroyed(pid):       # pid is detached
 *
 * Identity (docs/binding.md): the C filter's user data is its wrapper (borrowed; the
 * strong reference is in ses->filters), the C PID's is its FilterPid (borrowed). */
#include "py_gpac.h"

#include <string.h>

/* ---- the error slot ---- */

/* The current exception as one object carrying its traceback; clears it. */
static PyObject *
notify_fetch_exc(void)
{
#if PY_VERSION_HEX >= 0x030C0000
    return PyErr_GetRaisedException();
#else
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value && tb)
        PyException_SetTraceback(value, tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    return value;
#endif
}

/* Makes exc (transfer: full) the current exception, with its traceback. */
static void
notify_restore_exc(PyObject *exc)
{
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_SetRaisedException(exc);
#else
    PyObject *type = (PyObject *)Py_TYPE(exc);
    Py_INCREF(type);
    PyErr_Restore(type, exc, PyException_GetTraceback(exc));
#endif
}

void
py_session_set_error(PySession *ses)
{
    /* kept only where run(), delete() or a load will raise it */
    if (!ses || ses->dying || (!ses->s && !ses->deleting) || ses->error) {
        PyErr_WriteUnraisable((PyObject *)ses);
        return;
    }
    ses->error = notify_fetch_exc();
    if (!ses->error) {
        PyErr_SetString(PyExc_SystemError, "py_session_set_error() without an exception");
        ses->error = notify_fetch_exc();
    }
    if (ses->in_run && ses->s)
        gp_session_abort(ses->s, GP_FS_FLUSH_NONE);
}

int
py_session_raise_pending(PySession *ses)
{
    PyObject *exc = ses ? ses->error : NULL;
    if (!exc)
        return 0;
    ses->error = NULL;
    if (PyErr_Occurred()) {
        /* an exception already raised (KeyboardInterrupt at the end of run()) wins;
         * the callback's exception becomes its __context__ */
        PyObject *cur = notify_fetch_exc();
        PyException_SetContext(cur, exc);
        exc = cur;
    }
    notify_restore_exc(exc);
    return -1;
}

PySession *
py_session_of(GpSession *s)
{
    return s ? (PySession *)gp_session_get_udata(s) : NULL;
}

int
py_session_check(PySession *ses)
{
    if (ses && ses->s)
        return 0;
    if (!ses) {
        PyErr_SetString(PyExc_RuntimeError, "no FilterSession");
        return -1;
    }
    py_err_set(py_state_of((PyObject *)ses), GP_BAD_PARAM, NULL,
               ses->created ? "FilterSession used after delete()"
                            : "FilterSession.__init__() was not called",
               NULL);
    return -1;
}

int
py_session_usable(PySession *ses, const char *what)
{
    if (py_session_check(ses) < 0)
        return -1;
    if (ses->in_run && ses->run_thread != PyThread_get_thread_ident()) {
        PyErr_Format(PyExc_RuntimeError,
                     "FilterSession.%s() cannot be called from another thread while run() "
                     "executes",
                     what);
        return -1;
    }
    return 0;
}

/* ---- wrapper lists (identity, not ==) ---- */

static Py_ssize_t
notify_find(PyObject *list, PyObject *item)
{
    for (Py_ssize_t i = 0; list && i < PyList_GET_SIZE(list); i++)
        if (PyList_GET_ITEM(list, i) == item)
            return i;
    return -1;
}

/* Empties a list (releasing its items may run code; nothing can propagate here). */
static void
notify_empty(PyObject *list)
{
    Py_ssize_t n = list ? PyList_GET_SIZE(list) : 0;
    if (n && PyList_SetSlice(list, 0, n, NULL) < 0)
        PyErr_WriteUnraisable(list);
}

void
py_session_release_dead(PySession *ses)
{
    notify_empty(ses->dead);
}

/* ---- notifications ---- */

static void
notify_filter_new(PySession *ses, py_state *st, GpFilter *f)
{
    PyObject *w = py_filter_wrap(ses, f);
    if (!w) {
        py_session_set_error(ses);
        return;
    }
    /* py_filter_wrap registers the wrappers it creates; make sure of it */
    if (ses->filters && notify_find(ses->filters, w) < 0 && PyList_Append(ses->filters, w) < 0)
        py_session_set_error(ses);
    if (ses->has_on_filter_new && !ses->dying) {
        ses->in_callback++;
        PyObject *res = PyObject_CallMethodOneArg((PyObject *)ses, st->str_on_filter_new, w);
        ses->in_callback--;
        if (res)
            Py_DECREF(res);
        else
            py_session_set_error(ses);
    }
    Py_DECREF(w);
}

static void
notify_filter_del(PySession *ses, py_state *st, GpFilter *f)
{
    PyObject *w = gp_filter_get_udata(f);
    if (!w)
        return;
    Py_INCREF(w);
    if (ses->has_on_filter_del && !ses->dying) {
        ses->in_callback++;
        PyObject *res = PyObject_CallMethodOneArg((PyObject *)ses, st->str_on_filter_del, w);
        ses->in_callback--;
        if (res)
            Py_DECREF(res);
        else
            py_session_set_error(ses);
    }
    py_filter_detach((PyFilter *)w);
    Py_ssize_t i = notify_find(ses->filters, w);
    if (i >= 0 && PyList_SetSlice(ses->filters, i, i + 1, NULL) < 0)
        PyErr_WriteUnraisable(w);
    /* the engine still finalizes and frees the filter after this notification: the
     * wrapper (FilterCustom callbacks, its class) waits in `dead` for the next safe
     * point, or is leaked when even that fails (never freed early) */
    if (!ses->dead || PyList_Append(ses->dead, w) < 0) {
        if (PyErr_Occurred())
            PyErr_WriteUnraisable(w);
        return;
    }
    Py_DECREF(w);
}

static void
notify_filter(void *udata, GpFilter *f, bool is_new)
{
    PySession *ses = udata;
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb); /* the interrupted code's exception, if any */
    py_state *st = py_state_of((PyObject *)ses);
    if (is_new)
        notify_filter_new(ses, st, f);
    else
        notify_filter_del(ses, st, f);
    PyErr_Restore(et, ev, tb);
    PyGILState_Release(g);
}

static void
notify_pid(void *udata, GpPid *pid, void *pid_udata)
{
    PyGILState_STATE g = PyGILState_Ensure();
    /* read again under the GIL: the wrapper may have been freed (its dealloc clears the
     * user data) while this thread waited */
    if (pid_udata && gp_pid_get_udata(pid) == pid_udata)
        py_pid_detach((PyPid *)pid_udata);
    PyGILState_Release(g);
}

void
py_session_notify_install(PySession *ses)
{
    gp_session_set_udata(ses->s, ses); /* borrowed: the C session dies first */
    gp_session_set_filter_notify(ses->s, notify_filter, ses);
    gp_session_set_pid_notify(ses->s, notify_pid, ses);
}

/* ---- destruction ---- */

void
py_session_destroy(PySession *ses, bool dying)
{
    GpSession *s = ses->s;
    if (!s)
        return;
    ses->s = NULL; /* methods raise from now on; notifications get ses as udata */
    ses->dying = dying;
    ses->deleting = !dying;
    if (ses->lock_owner) {
        gp_session_lock_filters(s, false);
        ses->lock_owner = 0;
    }
    /* without the GIL: worker threads are joined, and one may be waiting for it in a
     * notification (non-blocking sessions keep their workers busy between runs) */
    Py_BEGIN_ALLOW_THREADS
    gp_session_del(s);
    Py_END_ALLOW_THREADS
    ses->deleting = 0;
    /* every filter had its del notification; a wrapper still listed (none expected)
     * must not keep a pointer to freed memory, nor read it to detach */
    for (Py_ssize_t i = 0; ses->filters && i < PyList_GET_SIZE(ses->filters); i++)
        ((PyFilter *)PyList_GET_ITEM(ses->filters, i))->f = NULL;
    notify_empty(ses->filters);
    notify_empty(ses->dead);
    notify_empty(ses->tasks);
}
