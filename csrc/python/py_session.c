/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterSession (API.md 2.1): the type, its lifetime (creation, delete(), destruction
 * of a session dropped without delete()) and its methods. The engine notifications and
 * the error slot are in py_session_notify.c, run() in py_session_run.c, the graph-wide
 * methods (print_*, fire_event, is_supported_*) in py_session_graph.c, post() and
 * FilterTask in py_task.c.
 *
 * Python equivalent:
 *
 *     class FilterSession:                                  # subclassable, has __dict__
 *         def __init__(self, flags=0, blacklist=None, nb_threads=0, sched_type=0): ...
 *         def run(self): ...
 *         def delete(self): ...                             # idempotent
 *         def load_src(self, URL, parentURL=None) -> Filter: ...
 *         def load_dst(self, URL, parentURL=None) -> Filter: ...
 *         def load(self, fname) -> Filter: ...
 *         def post(self, task): ...
 *         def abort(self, flush=0): ...
 *         def get_filter(self, index) -> Filter: ...        # IndexError
 *         def lock(self, lock): ...
 *         def reporting(self, do_report): ...
 *         def print_stats(self): ...                        # to sys.stderr
 *         def print_graph(self): ...
 *         def fire_event(self, evt, _filter=None, upstream=False) -> bool: ...
 *         def is_supported_mime(self, mime) -> bool: ...
 *         def is_supported_source(self, url, parent=None) -> bool: ...
 *         def external_opengl_provider(self): ...
 *         def on_filter_new(self, f): pass                  # overrides, called by the
 *         def on_filter_del(self, f): pass                  # engine notifications
 *         def on_gl_activate(self, do_activate): pass
 *         last_task: bool; nb_filters: int; http_bitrate: int; http_max_bitrate: int
 *     def _counters() -> dict: ...                          # engine live objects (tests)
 */
#include "py_gpac.h"

#include <string.h>

#include <structmember.h>

#define Session_CAST(op) ((PySession *)(op))

/* ---- helpers ---- */

/* UTF-8 text of a str argument; TypeError for another type, ValueError for a NUL. */
static const char *
ses_str_arg(PyObject *obj, const char *fname, const char *arg)
{
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str, not %.100s", fname, arg,
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(obj, &n);
    if (s && strlen(s) != (size_t)n) {
        PyErr_Format(PyExc_ValueError, "%s(): embedded null character in '%s'", fname, arg);
        return NULL;
    }
    return s;
}

/* Takes (GIL released while waiting: the holder may be a Python thread) or gives back
 * the engine's filter-list lock for the calling thread. */
static void
ses_lock(PySession *ses, bool lock)
{
    GpSession *s = ses->s;
    if (!lock) {
        ses->lock_owner = 0;
        gp_session_lock_filters(s, false);
        return;
    }
    ses->lock_waiters++; /* delete() waits for no one: it refuses while > 0 */
    Py_BEGIN_ALLOW_THREADS
    gp_session_lock_filters(s, true);
    Py_END_ALLOW_THREADS
    ses->lock_waiters--;
    ses->lock_owner = PyThread_get_thread_ident();
}

/* RuntimeError when the calling thread holds lock(True): the engine would deadlock. */
static int
ses_unlocked(PySession *ses, const char *what)
{
    if (ses->lock_owner != PyThread_get_thread_ident())
        return 0;
    PyErr_Format(PyExc_RuntimeError, "FilterSession.%s() while this thread holds lock(True)",
                 what);
    return -1;
}

/* ---- creation and destruction ---- */

static PyObject *
ses_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    /* arguments are __init__'s: subclasses may have other signatures */
    PySession *ses = (PySession *)tp->tp_alloc(tp, 0);
    if (!ses)
        return NULL;
    ses->filters = PyList_New(0);
    ses->tasks = PyList_New(0);
    ses->dead = PyList_New(0);
    if (!ses->filters || !ses->tasks || !ses->dead) {
        Py_DECREF(ses);
        return NULL;
    }
    return (PyObject *)ses;
}

/* 1 when the class of self overrides FilterSession's method `name`, 0 when not. */
static int
ses_overrides(PyObject *self, py_state *st, PyObject *name)
{
    PyObject *mine = PyObject_GetAttr((PyObject *)Py_TYPE(self), name);
    PyObject *base = mine ? PyObject_GetAttr(st->FilterSession_Type, name) : NULL;
    int rc = base ? mine != base : -1;
    Py_XDECREF(mine);
    Py_XDECREF(base);
    return rc;
}

typedef struct SesArgs {
    uint64_t flags;
    int64_t nb_threads, sched_type;
    const char *blacklist;
} SesArgs;

static int
ses_parse_init(PyObject *args, PyObject *kwds, SesArgs *a)
{
    static char *kwlist[] = {"flags", "blacklist", "nb_threads", "sched_type", NULL};
    PyObject *flags = NULL, *bl = NULL, *nbt = NULL, *sched = NULL;
    memset(a, 0, sizeof(*a));
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOOO:FilterSession", kwlist, &flags, &bl,
                                     &nbt, &sched))
        return -1;
    if ((flags && py_value_uint(flags, UINT32_MAX, &a->flags, "flags") < 0) ||
        (nbt && py_value_sint(nbt, INT32_MIN, INT32_MAX, &a->nb_threads, "nb_threads") < 0) ||
        (sched && py_value_sint(sched, INT32_MIN, INT32_MAX, &a->sched_type, "sched_type") < 0))
        return -1;
    if (a->nb_threads < -1 || a->nb_threads > 1024) {
        PyErr_Format(PyExc_ValueError, "nb_threads must be -1 (all cores) to 1024, not %lld",
                     (long long)a->nb_threads);
        return -1;
    }
    if (a->sched_type < 0 || a->sched_type > 4) {
        PyErr_Format(PyExc_ValueError,
                     "sched_type must be a GF_FS_SCHEDULER_* value (0 to 4), not %lld",
                     (long long)a->sched_type);
        return -1;
    }
    if (bl && bl != Py_None) {
        a->blacklist = ses_str_arg(bl, "FilterSession", "blacklist");
        if (!a->blacklist)
            return -1;
    }
    return 0;
}

static int
ses_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    PySession *ses = Session_CAST(op);
    py_state *st = py_state_of(op);
    SesArgs a;
    if (ses->created) {
        PyErr_SetString(PyExc_RuntimeError, "FilterSession.__init__() called twice");
        return -1;
    }
    if (ses_parse_init(args, kwds, &a) < 0)
        return -1;
    int has_new = ses_overrides(op, st, st->str_on_filter_new);
    int has_del = has_new < 0 ? -1 : ses_overrides(op, st, st->str_on_filter_del);
    if (has_del < 0)
        return -1;
    /* sched_type is accepted for compatibility: the engine has one scheduler */
    GpSession *s = gp_session_new((int)a.nb_threads, (uint32_t)a.flags, a.blacklist);
    if (!s) {
        py_err_set(st, GP_OUT_OF_MEM, NULL, "Failed to create new filter session", NULL);
        return -1;
    }
    ses->has_on_filter_new = has_new;
    ses->has_on_filter_del = has_del;
    ses->flags = (uint32_t)a.flags;
    ses->created = 1;
    ses->s = s;
    py_session_notify_install(ses);
    return 0;
}

/* PEP 442 finalizer: a session dropped without delete() is destroyed here, while every
 * object it references is intact (filter wrappers embed C classes the engine uses
 * until the end). No Python override is called for a dying session. */
static void
ses_finalize(PyObject *op)
{
    PySession *ses = Session_CAST(op);
    if (!ses->s && !ses->error)
        return;
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    py_session_destroy(ses, true);
    if (py_session_raise_pending(ses) < 0) /* nobody else will ever see it */
        PyErr_WriteUnraisable(op);
    PyErr_Restore(et, ev, tb);
}

static int
ses_traverse(PyObject *op, visitproc visit, void *arg)
{
    PySession *ses = Session_CAST(op);
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(ses->dict);
    Py_VISIT(ses->filters);
    Py_VISIT(ses->tasks);
    Py_VISIT(ses->error);
    Py_VISIT(ses->dead);
    return 0;
}

static int
ses_clear(PyObject *op)
{
    PySession *ses = Session_CAST(op);
    /* done by the finalizer, unless a subclass __del__ replaced it */
    py_session_destroy(ses, true);
    Py_CLEAR(ses->dict);
    Py_CLEAR(ses->filters);
    Py_CLEAR(ses->tasks);
    Py_CLEAR(ses->error);
    Py_CLEAR(ses->dead);
    return 0;
}

static void
ses_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    if (PyObject_CallFinalizerFromDealloc(op) < 0)
        return; /* resurrected */
    PyObject_GC_UnTrack(op);
    if (Session_CAST(op)->weakrefs)
        PyObject_ClearWeakRefs(op);
    (void)ses_clear(op);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyObject *
ses_repr(PyObject *op)
{
    PySession *ses = Session_CAST(op);
    const char *name = strrchr(Py_TYPE(op)->tp_name, '.');
    name = name ? name + 1 : Py_TYPE(op)->tp_name;
    if (!ses->s)
        return PyUnicode_FromFormat("<%s (%s)>", name, ses->created ? "deleted" : "not created");
    return PyUnicode_FromFormat("<%s (%u filters)>", name, gp_session_nb_filters(ses->s));
}

PyDoc_STRVAR(ses_delete_doc,
             "delete($self, /)\n--\n\n"
             "Destroy the session: on_filter_del(f) is called for every filter, then the\n"
             "session's Filter, FilterPid and FilterPacket objects raise GPACError when\n"
             "used (arrays from pck.data stay valid); posted tasks are dropped. Idempotent.\n"
             "RuntimeError while run() executes. An exception raised by on_filter_del comes\n"
             "out of delete(), once the session is destroyed.");

static PyObject *
ses_delete(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PySession *ses = Session_CAST(op);
    unsigned long me = PyThread_get_thread_ident();
    if (ses->s && (ses->in_run || ses->in_callback)) {
        PyErr_SetString(PyExc_RuntimeError,
                        ses->in_run ? "FilterSession.delete() cannot be called while run() "
                                      "executes"
                                    : "FilterSession.delete() cannot be called from "
                                      "on_filter_new/on_filter_del");
        return NULL;
    }
    if (ses->s && (ses->lock_waiters || (ses->lock_owner && ses->lock_owner != me))) {
        PyErr_SetString(PyExc_RuntimeError,
                        "FilterSession.delete() while another thread holds or waits for lock()");
        return NULL;
    }
    Py_INCREF(op); /* the notifications may release the last other reference */
    py_session_destroy(ses, false);
    int rc = py_session_raise_pending(ses);
    Py_DECREF(op);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* ---- loading filters ---- */

typedef enum { SES_LOAD_SRC, SES_LOAD_DST, SES_LOAD_FILTER } SesLoadKind;

static PyObject *
ses_load(PyObject *op, SesLoadKind kind, PyObject *desc, PyObject *parent)
{
    static const char *const what[] = {"load_src", "load_dst", "load"};
    static const char *const fail[] = {"Failed to load source filter",
                                       "Failed to load destination filter",
                                       "Failed to load filter"};
    PySession *ses = Session_CAST(op);
    char joined[4096], msg[600];
    if (py_session_usable(ses, what[kind]) < 0 || ses_unlocked(ses, what[kind]) < 0)
        return NULL;
    bool has_parent = parent && parent != Py_None;
    const char *d = ses_str_arg(desc, what[kind], kind == SES_LOAD_FILTER ? "fname" : "URL");
    const char *p = d && has_parent ? ses_str_arg(parent, what[kind], "parentURL") : NULL;
    if (!d || (has_parent && !p))
        return NULL;
    const char *url = py_session_join_parent(p, d, joined, sizeof(joined));
    GpErr e = GP_OK;
    GpFilter *f = kind == SES_LOAD_SRC   ? gp_session_load_source(ses->s, url, p, &e)
                  : kind == SES_LOAD_DST ? gp_session_load_destination(ses->s, url, p, &e)
                                         : gp_session_load_filter(ses->s, url, &e);
    py_session_release_dead(ses);
    if (py_session_raise_pending(ses) < 0) /* on_filter_new raised */
        return NULL;
    if (!f) {
        PyOS_snprintf(msg, sizeof(msg), "%s %s", fail[kind], d);
        return py_err_from_session(py_state_of(op), ses->s, e < 0 ? e : GP_BAD_PARAM, msg);
    }
    return py_filter_wrap(ses, f);
}

PyDoc_STRVAR(ses_load_src_doc,
             "load_src($self, /, URL, parentURL=None)\n--\n\n"
             "Load the source filter for URL (options may follow: 'file.mp4:opt=val'),\n"
             "relative to parentURL's folder when given; return its Filter. Raises\n"
             "GPACError('Failed to load source filter URL: ...'), URLError for a missing\n"
             "local file.");

static PyObject *
ses_load_src(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"URL", "parentURL"};
    PyObject *a[2];
    if (py_args_unpack("load_src", args, nargs, kwnames, names, 1, 2, a) < 0)
        return NULL;
    return ses_load(op, SES_LOAD_SRC, a[0], a[1]);
}

PyDoc_STRVAR(ses_load_dst_doc,
             "load_dst($self, /, URL, parentURL=None)\n--\n\n"
             "Load the destination filter for URL (options may follow); return its Filter.\n"
             "Raises GPACError('Failed to load destination filter URL: ...').");

static PyObject *
ses_load_dst(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"URL", "parentURL"};
    PyObject *a[2];
    if (py_args_unpack("load_dst", args, nargs, kwnames, names, 1, 2, a) < 0)
        return NULL;
    return ses_load(op, SES_LOAD_DST, a[0], a[1]);
}

PyDoc_STRVAR(ses_load_doc,
             "load($self, fname, /)\n--\n\n"
             "Load a filter from 'name:opt=val:...' ('enc:c=NAME' or 'c=NAME' for an\n"
             "encoder); return its Filter. Raises GPACError('Failed to load filter NAME:\n"
             "...'): FilterNotFoundError for an unknown name, BadParamError for a bad\n"
             "option.");

static PyObject *
ses_load_filter(PyObject *op, PyObject *fname)
{
    return ses_load(op, SES_LOAD_FILTER, fname, NULL);
}

/* ---- filters ---- */

PyDoc_STRVAR(ses_get_filter_doc,
             "get_filter($self, index, /)\n--\n\n"
             "The Filter at index (creation order, dynamically loaded filters included),\n"
             "the same object every time. IndexError out of range (negative included).");

static PyObject *
ses_get_filter(PyObject *op, PyObject *arg)
{
    PySession *ses = Session_CAST(op);
    if (!PyIndex_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "get_filter() index must be an int, not %.100s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    Py_ssize_t idx = PyNumber_AsSsize_t(arg, PyExc_IndexError);
    if ((idx == -1 && PyErr_Occurred()) || py_session_check(ses) < 0)
        return NULL;
    /* engine threads may add filters meanwhile: read under the filter-list lock */
    bool take = ses->lock_owner != PyThread_get_thread_ident();
    if (take)
        ses_lock(ses, true);
    GpFilter *f = idx >= 0 && (size_t)idx < gp_session_nb_filters(ses->s)
                      ? gp_session_filter_at(ses->s, (uint32_t)idx)
                      : NULL;
    PyObject *res = f ? py_filter_wrap(ses, f) : NULL;
    if (take)
        ses_lock(ses, false);
    if (!f)
        PyErr_Format(PyExc_IndexError, "filter index %zd out of range", idx);
    return res;
}

PyDoc_STRVAR(ses_lock_doc,
             "lock($self, lock, /)\n--\n\n"
             "Lock (True) or unlock (False) the session's filter list, to enumerate filters\n"
             "from another thread while run() executes. RuntimeError when this thread\n"
             "already holds the lock, or unlocks a lock it does not hold.");

static PyObject *
ses_lock_method(PyObject *op, PyObject *arg)
{
    PySession *ses = Session_CAST(op);
    int lock = PyObject_IsTrue(arg);
    if (lock < 0 || py_session_check(ses) < 0)
        return NULL;
    bool mine = ses->lock_owner == PyThread_get_thread_ident();
    if (lock == mine) {
        PyErr_SetString(PyExc_RuntimeError, lock ? "lock(True): this thread holds the lock"
                                                 : "lock(False): this thread holds no lock");
        return NULL;
    }
    ses_lock(ses, lock != 0);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(ses_abort_doc,
             "abort($self, /, flush=0)\n--\n\n"
             "Stop the session (callable from callbacks and other threads): run() returns.\n"
             "flush: GF_FS_FLUSH_NONE (0), GF_FS_FLUSH_ALL (1) or GF_FS_FLUSH_FAST (2).");

static PyObject *
ses_abort(PyObject *op, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"flush"};
    PyObject *a[1];
    int64_t flush = GP_FS_FLUSH_NONE;
    if (py_args_unpack("abort", args, nargs, kwnames, names, 0, 1, a) < 0 ||
        (a[0] && py_value_sint(a[0], INT32_MIN, INT32_MAX, &flush, "flush") < 0))
        return NULL;
    if (flush < GP_FS_FLUSH_NONE || flush > GP_FS_FLUSH_FAST) {
        PyErr_Format(PyExc_ValueError, "abort(): flush must be 0, 1 or 2, not %lld",
                     (long long)flush);
        return NULL;
    }
    if (py_session_check(Session_CAST(op)) < 0)
        return NULL;
    gp_session_abort(Session_CAST(op)->s, (int)flush);
    Py_RETURN_NONE;
}

/* ---- flags and default overrides ---- */

PyDoc_STRVAR(ses_reporting_doc,
             "reporting($self, do_report, /)\n--\n\n"
             "Enable or disable status reporting (Filter.status, FilterStats.status).");

static PyObject *
ses_reporting(PyObject *op, PyObject *arg)
{
    int v = PyObject_IsTrue(arg);
    if (v < 0 || py_session_check(Session_CAST(op)) < 0)
        return NULL;
    Session_CAST(op)->reporting = (unsigned char)v;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(ses_external_gl_doc,
             "external_opengl_provider($self, /)\n--\n\n"
             "Declare that the application owns the OpenGL contexts (call it before loading\n"
             "filters): the engine calls on_gl_activate(True) when it needs one current.");

static PyObject *
ses_external_gl(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    if (py_session_check(Session_CAST(op)) < 0)
        return NULL;
    Session_CAST(op)->external_gl = 1;
    Py_RETURN_NONE;
}

static PyObject *
ses_default_callback(PyObject *op, PyObject *Py_UNUSED(arg))
{
    Py_RETURN_NONE;
}

PyDoc_STRVAR(ses_post_doc,
             "post($self, task, /)\n--\n\n"
             "Schedule a FilterTask on the thread calling run(): task.execute() is called\n"
             "as soon as possible, then again after the delay in ms it returns, until it\n"
             "returns None or a negative value. Sets task.session; the session keeps the\n"
             "task alive until then.");

static PyObject *
ses_post(PyObject *op, PyObject *task)
{
    return py_task_post(Session_CAST(op), task);
}

/* ---- properties ---- */

static PyObject *
ses_get_last_task(PyObject *op, void *closure)
{
    PySession *ses = Session_CAST(op);
    if (py_session_check(ses) < 0)
        return NULL;
    return PyBool_FromLong(gp_session_is_last_task(ses->s));
}

static PyObject *
ses_get_nb_filters(PyObject *op, void *closure)
{
    PySession *ses = Session_CAST(op);
    if (py_session_check(ses) < 0)
        return NULL;
    return PyLong_FromUnsignedLong(gp_session_nb_filters(ses->s));
}

static PyObject *
ses_get_http_bitrate(PyObject *op, void *closure)
{
    if (py_session_check(Session_CAST(op)) < 0)
        return NULL;
    return PyLong_FromLong(0); /* no HTTP client in this engine yet */
}

static PyObject *
ses_get_http_max_bitrate(PyObject *op, void *closure)
{
    if (py_session_check(Session_CAST(op)) < 0)
        return NULL;
    return PyLong_FromUnsignedLong(Session_CAST(op)->http_max_bitrate);
}

static int
ses_set_http_max_bitrate(PyObject *op, PyObject *value, void *closure)
{
    uint64_t v;
    if (!value) {
        PyErr_SetString(PyExc_TypeError, "cannot delete http_max_bitrate");
        return -1;
    }
    if (py_value_uint(value, UINT32_MAX, &v, "http_max_bitrate") < 0 ||
        py_session_check(Session_CAST(op)) < 0)
        return -1;
    Session_CAST(op)->http_max_bitrate = (uint32_t)v;
    return 0;
}

static PyGetSetDef ses_getset[] = {
    {"last_task", ses_get_last_task, NULL,
     "True when the running task is the last one (the session is ending); after a\n"
     "non-blocking run(), True once nothing is left to do.",
     NULL},
    {"nb_filters", ses_get_nb_filters, NULL, "Number of filters in the session.", NULL},
    {"http_bitrate", ses_get_http_bitrate, NULL,
     "Aggregated HTTP download rate in bits per second (0: no HTTP client).", NULL},
    {"http_max_bitrate", ses_get_http_max_bitrate, ses_set_http_max_bitrate,
     "Cap for HTTP downloads in bits per second (0: none).", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- type ---- */

#define FASTKW(fn) (PyCFunction)(void (*)(void))(fn), METH_FASTCALL | METH_KEYWORDS

static PyMethodDef ses_methods[] = {
    {"run", py_session_run, METH_NOARGS,
     "run($self, /)\n--\n\n"
     "Run the session. Blocking: until no task is left or abort(); non-blocking\n"
     "(GF_FS_FLAG_NON_BLOCKING): one pass over the tasks due, then return. The GIL is\n"
     "released meanwhile. An exception raised by a callback stops the session and comes\n"
     "out of run() with its traceback; Ctrl-C raises KeyboardInterrupt; an engine\n"
     "failure raises GPACError('Failed to run session: ...'). RuntimeError when called\n"
     "from one of the session's callbacks or while another thread runs it."},
    {"delete", ses_delete, METH_NOARGS, ses_delete_doc},
    {"load_src", FASTKW(ses_load_src), ses_load_src_doc},
    {"load_dst", FASTKW(ses_load_dst), ses_load_dst_doc},
    {"load", ses_load_filter, METH_O, ses_load_doc},
    {"post", ses_post, METH_O, ses_post_doc},
    {"abort", FASTKW(ses_abort), ses_abort_doc},
    {"get_filter", ses_get_filter, METH_O, ses_get_filter_doc},
    {"lock", ses_lock_method, METH_O, ses_lock_doc},
    {"reporting", ses_reporting, METH_O, ses_reporting_doc},
    {"print_stats", py_session_print_stats, METH_NOARGS,
     "print_stats($self, /)\n--\n\nPrint per-filter statistics to sys.stderr."},
    {"print_graph", py_session_print_graph, METH_NOARGS,
     "print_graph($self, /)\n--\n\nPrint the connected and unconnected filter graph to\n"
     "sys.stderr."},
    {"fire_event", FASTKW(py_session_fire_event),
     "fire_event($self, /, evt, _filter=None, upstream=False)\n--\n\n"
     "Send a FilterEvent from Filter _filter: on its input PIDs (upstream True) or its\n"
     "output PIDs. Without _filter: upstream from every sink (a filter with inputs and\n"
     "no output). True when it was sent on at least one PID."},
    {"is_supported_mime", py_session_is_supported_mime, METH_O,
     "is_supported_mime($self, mime, /)\n--\n\n"
     "True when a source filter declares it handles this MIME type."},
    {"is_supported_source", FASTKW(py_session_is_supported_source),
     "is_supported_source($self, /, url, parent=None)\n--\n\n"
     "True when a source filter can open url (relative to parent's folder when given),\n"
     "as load_src() would find one. Never raises for a malformed URL."},
    {"external_opengl_provider", ses_external_gl, METH_NOARGS, ses_external_gl_doc},
    {"on_filter_new", ses_default_callback, METH_O,
     "on_filter_new($self, f, /)\n--\n\nOverride: called with each new Filter (explicit,\n"
     "dynamic or custom; a FilterCustom's plain Filter during its __init__). Does nothing."},
    {"on_filter_del", ses_default_callback, METH_O,
     "on_filter_del($self, f, /)\n--\n\nOverride: called before a filter is destroyed (all\n"
     "of them at delete()). Does nothing."},
    {"on_gl_activate", ses_default_callback, METH_O,
     "on_gl_activate($self, do_activate, /)\n--\n\nOverride: make the application's OpenGL\n"
     "context current (True) or release it. Does nothing."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef ses_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(PySession, dict), READONLY, NULL},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(PySession, weakrefs), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyDoc_STRVAR(ses_doc,
             "FilterSession(flags=0, blacklist=None, nb_threads=0, sched_type=0)\n--\n\n"
             "A filter session (API.md 2.1). flags: GF_FS_FLAG_* (GF_FS_FLAG_NON_BLOCKING:\n"
             "each run() is one pass); blacklist: comma-separated filter names never loaded\n"
             "(a leading '-' makes it a whitelist; '' is None); nb_threads: extra worker\n"
             "threads (-1: one per core); sched_type: GF_FS_SCHEDULER_* (accepted; the\n"
             "engine has one scheduler). Subclass it to be called at on_filter_new(f) and\n"
             "on_filter_del(f). Call delete() when done: a session dropped without it is\n"
             "destroyed without calling the overrides.");

static PyType_Slot ses_slots[] = {
    {Py_tp_doc, (void *)ses_doc},
    {Py_tp_new, ses_new},
    {Py_tp_init, ses_init},
    {Py_tp_finalize, ses_finalize},
    {Py_tp_dealloc, ses_dealloc},
    {Py_tp_traverse, ses_traverse},
    {Py_tp_clear, ses_clear},
    {Py_tp_repr, ses_repr},
    {Py_tp_methods, ses_methods},
    {Py_tp_members, ses_members},
    {Py_tp_getset, ses_getset},
    {0, NULL},
};

static PyType_Spec ses_spec = {
    .name = "gpac._gpac.FilterSession",
    .basicsize = sizeof(PySession),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC |
             Py_TPFLAGS_IMMUTABLETYPE,
    .slots = ses_slots,
};

PyDoc_STRVAR(ses_counters_doc,
             "_counters($module, /)\n--\n\n"
             "Private (tests): the engine's live object counts, a dict with the keys\n"
             "sessions, filters, pids, packets, propmaps and tasks (all 0 once every session\n"
             "is deleted and its objects collected).");

static PyObject *
ses_counters(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    GpCounters c;
    gp_counters_get(&c);
    return Py_BuildValue("{sLsLsLsLsLsL}", "sessions", (long long)c.sessions, "filters",
                         (long long)c.filters, "pids", (long long)c.pids, "packets",
                         (long long)c.packets, "propmaps", (long long)c.propmaps, "tasks",
                         (long long)c.tasks);
}

static PyMethodDef ses_module_methods[] = {
    {"_counters", ses_counters, METH_NOARGS, ses_counters_doc},
    {NULL, NULL, 0, NULL},
};

int
py_session_setup(PyObject *module, py_state *st)
{
    if (py_add_type(module, &ses_spec, NULL, &st->FilterSession_Type) < 0)
        return -1;
    return PyModule_AddFunctions(module, ses_module_methods);
}
