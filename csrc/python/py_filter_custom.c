/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterCustom (API.md 2.4): filters written in Python. Each instance gets its own
 * engine class (PyCustomClass: name, the C trampolines of the callbacks its Python class
 * defines, and the push_cap() caps), loads it with gp_session_load_class, and replaces
 * the plain Filter wrapper the filter notification made during the load. The
 * trampolines take the GIL, call the method, convert its result and store an exception
 * on the session (run() re-raises it). Shared-packet release is py_packet.c's.
 *
 * Python equivalent:
 *
 *     class FilterCustom(Filter):                 # subclassed by scripts
 *         ipids: list[FilterPid]; opids: list[FilterPid]
 *         def __init__(self, session, fname="Custom", flags=0): ...  # "name:opts"
 *         # callbacks, used when the subclass defines them:
 *         #   configure_pid(pid, is_remove) -> int, process() -> int,
 *         #   process_event(evt) -> bool, reconfigure_output(opid) -> int,
 *         #   packet_release(opid, pck)
 *         def push_cap(self, pcode, prop, flag, priority=0, custom_type=0): ...
 *         def new_pid(self) -> FilterPid: ...
 *         def set_max_pids(self, n): ...; def reschedule(self, when=0): ...
 *         def update_status(self, status, percent): ...
 *         def notify_failure(self, err, error_type=GF_SETUP_ERROR): ...
 *         def make_sticky(self): ...; def prevent_blocking(self, enable): ...
 *         def block_eos(self, enable): ...; def hint_clock(self, clock_us, media_time): ...
 *         block_enabled, output_buffer, playout_buffer, sinks_done, nb_evts_queued,
 *         clock_hint_time, clock_hint_mediatime, connections_pending  # read-only
 */
#include "py_gpac.h"

#include <structmember.h>
#include <stdlib.h>
#include <string.h>

#define Custom_CAST(op) ((PyFilterCustom *)(op))

/* ---- the engine class of an instance ---- */

/* push_cap() arrays: a grown array replaces the old one, which is kept until the class
 * is freed (a worker thread resolving the graph may still read it). Entries own their
 * name and value; a copy into a new array moves them. */
typedef struct CapsBlock {
    struct CapsBlock *prev;
    uint32_t alloc;
    GpCap caps[];
} CapsBlock;

struct PyCustomClass {
    GpFilterClass cls;       /* what f->cls points to */
    CapsBlock *caps;         /* current array (f->caps), NULL before the first push_cap */
    uint32_t nb_caps;
    PyCustomClass *next_dead;
    char name[];             /* cls.name */
};

/* Classes of deallocated FilterCustom objects. The engine reads a filter's class until
 * it frees the filter, and a wrapper may go first (a session left to the cycle
 * collector, a failed registration), so a retired class is freed only once no engine
 * filter is left in the process. Plain C memory, only touched with the GIL held (the
 * module declares one interpreter only). */
static PyCustomClass *custom_graveyard;

static void
custom_class_free(PyCustomClass *c)
{
    for (uint32_t i = 0; i < c->nb_caps; i++) {
        free((char *)c->caps->caps[i].name);
        gp_prop_value_reset(&c->caps->caps[i].val);
    }
    while (c->caps) {
        CapsBlock *prev = c->caps->prev;
        free(c->caps);
        c->caps = prev;
    }
    free(c);
}

static void
custom_graveyard_sweep(void)
{
    GpCounters n;
    gp_counters_get(&n);
    if (n.filters)
        return;
    while (custom_graveyard) {
        PyCustomClass *next = custom_graveyard->next_dead;
        custom_class_free(custom_graveyard);
        custom_graveyard = next;
    }
}

static void
custom_class_retire(PyCustomClass *c)
{
    c->next_dead = custom_graveyard;
    custom_graveyard = c;
    custom_graveyard_sweep();
}

int
py_custom_caps_push(PyCustomClass *c, GpFilter *f, const GpCap *cap)
{
    if (!c->caps || c->nb_caps == c->caps->alloc) {
        uint32_t n = c->caps ? c->caps->alloc * 2 : 8;
        CapsBlock *b = malloc(sizeof(*b) + n * sizeof(GpCap));
        if (!b) {
            PyErr_NoMemory();
            return -1;
        }
        b->alloc = n;
        b->prev = c->caps;
        if (c->nb_caps)
            memcpy(b->caps, c->caps->caps, c->nb_caps * sizeof(GpCap));
        c->caps = b;
        /* same count first: a reader never pairs the old array with the new count */
        gp_filter_set_caps(f, b->caps, c->nb_caps);
    }
    c->caps->caps[c->nb_caps++] = *cap;
    gp_filter_set_caps(f, c->caps->caps, c->nb_caps);
    return 0;
}

/* ---- trampolines (docs/filter_design.md rule 2: main thread, never concurrent) ---- */

/* The FilterCustom of a C filter (borrowed), or NULL: wrapper gone, filter finalized,
 * or a clone the engine made of this class (the plain Filter it got has no callbacks). */
static PyFilterCustom *
custom_of(GpFilter *f)
{
    PyObject *obj = gp_filter_get_udata(f);
    if (!obj || !PyObject_TypeCheck(obj, (PyTypeObject *)py_state_of(obj)->FilterCustom_Type))
        return NULL;
    return Custom_CAST(obj)->flags & PY_FC_FINALIZED ? NULL : Custom_CAST(obj);
}

/* Error code returned by a callback: None is 0, else an int. -1 with TypeError or
 * OverflowError. */
static int
custom_code(PyObject *res, const char *cb, GpErr *out)
{
    int64_t v = 0;
    if (res != Py_None) {
        if (!PyIndex_Check(res)) {
            PyErr_Format(PyExc_TypeError, "%s() must return an error code (int) or None, "
                         "not %.100s", cb, Py_TYPE(res)->tp_name);
            return -1;
        }
        if (py_value_sint(res, INT32_MIN, INT32_MAX, &v, "error code") < 0)
            return -1;
    }
    *out = (GpErr)v;
    return 0;
}

/* Index of obj in list by identity, -1 when absent. */
static Py_ssize_t
custom_list_find(PyObject *list, PyObject *obj)
{
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++)
        if (PyList_GET_ITEM(list, i) == obj)
            return i;
    return -1;
}

/* Calls configure_pid(pid, is_remove) and keeps self.ipids in step: appended after the
 * first accepted call, removed after a removal. GIL held. */
static GpErr
custom_call_configure(PyFilterCustom *self, GpPid *ipid, bool is_remove)
{
    py_state *st = py_state_of((PyObject *)self);
    GpErr rc = GP_SERVICE_ERROR;
    PyObject *pid = py_pid_wrap(&self->base, ipid);
    PyObject *flag = pid ? PyLong_FromLong(is_remove) : NULL;
    PyObject *res = flag ? PyObject_CallMethodObjArgs((PyObject *)self, st->str_configure_pid,
                                                      pid, flag, NULL)
                         : NULL;
    bool ok = res && custom_code(res, "configure_pid", &rc) == 0;
    if (ok && rc == GP_REQUIRES_NEW_INSTANCE) {
        /* the engine would clone the filter, but a Python filter has one object */
        rc = GP_NOT_SUPPORTED;
    }
    Py_ssize_t at = pid ? custom_list_find(self->ipids, pid) : -1;
    if (pid && is_remove && at >= 0 && PyList_SetSlice(self->ipids, at, at + 1, NULL) < 0)
        ok = false;
    else if (ok && !is_remove && rc >= 0 && at < 0 && PyList_Append(self->ipids, pid) < 0)
        ok = false;
    if (!ok) {
        py_session_set_error(self->base.session);
        rc = GP_SERVICE_ERROR;
    }
    Py_XDECREF(res);
    Py_XDECREF(flag);
    Py_XDECREF(pid);
    return rc;
}

static GpErr
custom_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    GpErr rc = is_remove ? GP_OK : GP_NOT_SUPPORTED;
    PyGILState_STATE g = PyGILState_Ensure();
    PyFilterCustom *self = custom_of(f);
    if (self) {
        Py_INCREF(self);
        rc = custom_call_configure(self, ipid, is_remove);
        Py_DECREF(self);
    }
    PyGILState_Release(g);
    return rc;
}

/* Calls a callback returning an error code with one optional argument (process,
 * reconfigure_output). GIL held. */
static GpErr
custom_call_code(PyFilterCustom *self, PyObject *name, PyObject *arg, const char *cb)
{
    GpErr rc = GP_SERVICE_ERROR;
    PyObject *res = PyObject_CallMethodObjArgs((PyObject *)self, name, arg, NULL);
    if (!res || custom_code(res, cb, &rc) < 0) {
        py_session_set_error(self->base.session);
        rc = GP_SERVICE_ERROR;
    }
    Py_XDECREF(res);
    return rc;
}

static GpErr
custom_process(GpFilter *f)
{
    GpErr rc = GP_OK;
    PyGILState_STATE g = PyGILState_Ensure();
    PyFilterCustom *self = custom_of(f);
    if (self) {
        Py_INCREF(self);
        rc = custom_call_code(self, py_state_of((PyObject *)self)->str_process, NULL,
                              "process");
        Py_DECREF(self);
    }
    PyGILState_Release(g);
    return rc;
}

static GpErr
custom_reconfigure_output(GpFilter *f, GpPid *opid)
{
    GpErr rc = GP_NOT_SUPPORTED;
    PyGILState_STATE g = PyGILState_Ensure();
    PyFilterCustom *self = custom_of(f);
    if (self) {
        Py_INCREF(self);
        PyObject *pid = py_pid_wrap(&self->base, opid);
        if (pid)
            rc = custom_call_code(self, py_state_of((PyObject *)self)->str_reconfigure_output,
                                  pid, "reconfigure_output");
        else
            py_session_set_error(self->base.session);
        Py_XDECREF(pid);
        Py_DECREF(self);
    }
    PyGILState_Release(g);
    return rc;
}

/* process_event(evt) with a FilterEvent copy (on_pid: the PID's wrapper when it has
 * one); its truth value says the event is consumed. GIL held. */
static bool
custom_call_event(PyFilterCustom *self, const GpEvent *evt)
{
    py_state *st = py_state_of((PyObject *)self);
    PyObject *on_pid = evt->base.on_pid ? gp_pid_get_udata(evt->base.on_pid) : NULL;
    PyObject *ev = py_event_new(st, evt, on_pid);
    PyObject *res = ev ? PyObject_CallMethodObjArgs((PyObject *)self, st->str_process_event,
                                                    ev, NULL)
                       : NULL;
    int consumed = res ? PyObject_IsTrue(res) : -1;
    if (consumed < 0)
        py_session_set_error(self->base.session);
    Py_XDECREF(res);
    Py_XDECREF(ev);
    return consumed > 0;
}

static bool
custom_process_event(GpFilter *f, const GpEvent *evt)
{
    bool consumed = false;
    PyGILState_STATE g = PyGILState_Ensure();
    PyFilterCustom *self = custom_of(f);
    if (self) {
        Py_INCREF(self);
        consumed = custom_call_event(self, evt);
        Py_DECREF(self);
    }
    PyGILState_Release(g);
    return consumed;
}

/* gp_filter_remove or session deletion: no Python callback runs after this. */
static void
custom_finalize(GpFilter *f)
{
    PyGILState_STATE g = PyGILState_Ensure();
    PyFilterCustom *self = custom_of(f);
    if (self)
        self->flags |= PY_FC_FINALIZED;
    PyGILState_Release(g);
}

/* ---- construction ---- */

/* PY_CB_* bits of the callbacks self has (GPAC's hasattr test, done once). */
static int
custom_lookup_callbacks(PyObject *op, py_state *st, unsigned *out)
{
    const struct {
        PyObject *name;
        unsigned bit;
    } tab[] = {
        {st->str_configure_pid, PY_CB_CONFIGURE_PID},
        {st->str_process, PY_CB_PROCESS},
        {st->str_process_event, PY_CB_PROCESS_EVENT},
        {st->str_reconfigure_output, PY_CB_RECONFIGURE_OUTPUT},
        {st->str_packet_release, PY_CB_PACKET_RELEASE},
    };
    *out = 0;
    for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
        PyObject *m = PyObject_GetAttr(op, tab[i].name);
        if (m) {
            *out |= tab[i].bit;
            Py_DECREF(m);
        } else if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear(); /* house-style: no such method: its trampoline is not installed */
        } else {
            return -1;
        }
    }
    return 0;
}

static PyCustomClass *
custom_class_new(const char *name, size_t len, unsigned callbacks)
{
    PyCustomClass *c = calloc(1, sizeof(*c) + len + 1);
    if (!c) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(c->name, name, len);
    c->cls.name = c->name;
    c->cls.help = "Python filter";
    c->cls.flags = GP_FCLASS_EXPLICIT_ONLY | GP_FCLASS_MAIN_THREAD | GP_FCLASS_CUSTOM;
    if (callbacks & PY_CB_CONFIGURE_PID)
        c->cls.configure_pid = custom_configure_pid;
    if (callbacks & PY_CB_PROCESS)
        c->cls.process = custom_process;
    if (callbacks & PY_CB_PROCESS_EVENT)
        c->cls.process_event = custom_process_event;
    if (callbacks & PY_CB_RECONFIGURE_OUTPUT)
        c->cls.reconfigure_output = custom_reconfigure_output;
    c->cls.finalize = custom_finalize;
    return c;
}

/* After the load: self becomes the filter's wrapper in place of the plain Filter that
 * the filter notification created (and gave to on_filter_new), which is detached. */
static int
custom_adopt(PyFilterCustom *self, PySession *ses, GpFilter *f)
{
    PyObject *op = (PyObject *)self;
    PyObject *plain = gp_filter_get_udata(f);
    Py_XINCREF(plain);
    Py_INCREF(ses);
    self->base.session = ses;
    self->base.f = f;
    if (plain)
        py_filter_detach((PyFilter *)plain);
    gp_filter_set_udata(f, self); /* borrowed, as for every wrapper */
    Py_ssize_t at = plain ? custom_list_find(ses->filters, plain) : -1;
    int rc;
    if (at >= 0) {
        Py_INCREF(op);
        rc = PyList_SetItem(ses->filters, at, op);
    } else {
        rc = PyList_Append(ses->filters, op);
    }
    Py_XDECREF(plain);
    return rc;
}

/* Loads the filter described by fname ("name[:options]") for self. */
static int
custom_load(PyFilterCustom *self, PySession *ses, const char *fname, unsigned callbacks)
{
    py_state *st = py_state_of((PyObject *)self);
    const char *colon = strchr(fname, ':');
    size_t len = colon ? (size_t)(colon - fname) : strlen(fname);
    if (!len) {
        PyErr_SetString(PyExc_ValueError, "FilterCustom() fname must start with a name");
        return -1;
    }
    PyCustomClass *c = custom_class_new(fname, len, callbacks);
    if (!c)
        return -1;
    GpErr err;
    GpFilter *f = gp_session_load_class(ses->s, &c->cls, colon ? colon + 1 : NULL, &err);
    if (!f) {
        custom_class_free(c); /* no filter was made with it */
        char what[160];
        PyOS_snprintf(what, sizeof(what), "Failed to load custom filter %s", fname);
        py_err_from_session(st, ses->s, err, what);
        (void)py_session_raise_pending(ses); /* a callback's exception becomes context */
        return -1;
    }
    self->cls = c;
    self->callbacks = callbacks;
    int rc = custom_adopt(self, ses, f);
    /* an exception of on_filter_new, stored on the session during the load, is raised
     * by __init__ once the object owns the filter it made */
    if (py_session_raise_pending(ses) < 0)
        rc = -1;
    return rc;
}

static int
custom_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"session", "fname", "flags", NULL};
    PyObject *ses_obj, *fname_obj = NULL, *flags_obj = NULL;
    uint64_t flags = 0;
    unsigned callbacks;
    py_state *st = py_state_of(op);
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OO:FilterCustom", kwlist, &ses_obj,
                                     &fname_obj, &flags_obj))
        return -1;
    if (!st->FilterSession_Type ||
        !PyObject_TypeCheck(ses_obj, (PyTypeObject *)st->FilterSession_Type)) {
        PyErr_Format(PyExc_TypeError, "FilterCustom() session must be a FilterSession, not "
                     "%.100s", Py_TYPE(ses_obj)->tp_name);
        return -1;
    }
    if (fname_obj && !PyUnicode_Check(fname_obj)) {
        PyErr_Format(PyExc_TypeError, "FilterCustom() fname must be str, not %.100s",
                     Py_TYPE(fname_obj)->tp_name);
        return -1;
    }
    Py_ssize_t len = 6;
    const char *fname = fname_obj ? PyUnicode_AsUTF8AndSize(fname_obj, &len) : "Custom";
    if (!fname || (flags_obj && py_value_uint(flags_obj, UINT32_MAX, &flags, "flags") < 0))
        return -1;
    if ((size_t)len != strlen(fname)) {
        PyErr_SetString(PyExc_ValueError, "FilterCustom() fname: embedded null character");
        return -1;
    }
    if (Custom_CAST(op)->base.session) {
        PyErr_SetString(PyExc_RuntimeError, "FilterCustom.__init__() called twice");
        return -1;
    }
    if (py_session_check((PySession *)ses_obj) < 0 ||
        custom_lookup_callbacks(op, st, &callbacks) < 0)
        return -1;
    return custom_load(Custom_CAST(op), (PySession *)ses_obj, fname, callbacks);
}

static PyObject *
custom_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    /* object.__new__ rather than tp_alloc: it also lays out the instance attributes
     * inline (3.11+), which is what lets the interpreter specialize self.x in process() */
    PyObject *noargs = PyTuple_New(0);
    PyFilterCustom *self = noargs ? (PyFilterCustom *)PyBaseObject_Type.tp_new(tp, noargs, NULL)
                                  : NULL;
    Py_XDECREF(noargs);
    if (!self)
        return NULL;
#if PY_VERSION_HEX >= 0x030D0000
    /* 3.13+ lays attributes out inline only for classes without C fields; a plain
     * (not key-sharing) dict is what its specializer accepts instead */
    PyObject *dict = PyDict_New();
    int set = dict ? PyObject_GenericSetDict((PyObject *)self, dict, NULL) : -1;
    Py_XDECREF(dict);
    if (set < 0) {
        Py_DECREF(self);
        return NULL;
    }
#endif
    self->ipids = PyList_New(0);
    self->opids = PyList_New(0);
    self->clock_den = 1;
    if (!self->ipids || !self->opids)
        Py_CLEAR(self);
    return (PyObject *)self;
}

/* ---- type slots ---- */

static int
custom_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyFilterCustom *self = Custom_CAST(op);
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(self->base.session);
    Py_VISIT(self->ipids);
    Py_VISIT(self->opids);
    Py_VISIT(self->status);
    return 0;
}

static int
custom_clear(PyObject *op)
{
    PyFilterCustom *self = Custom_CAST(op);
    Py_CLEAR(self->base.session);
    Py_CLEAR(self->ipids);
    Py_CLEAR(self->opids);
    Py_CLEAR(self->status);
    return 0;
}

static void
custom_dealloc(PyObject *op)
{
    PyFilterCustom *self = Custom_CAST(op);
    PyTypeObject *tp = Py_TYPE(op);
    PyObject_GC_UnTrack(op);
    GpFilter *f = self->base.f;
    self->base.f = NULL;
    if (f && gp_filter_get_udata(f) == (void *)self)
        gp_filter_set_udata(f, NULL); /* the trampolines then do nothing */
    if (self->base.weakrefs)
        PyObject_ClearWeakRefs(op);
    (void)custom_clear(op);
    if (self->cls)
        custom_class_retire(self->cls);
    self->cls = NULL;
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyMemberDef custom_members[] = {
    {"ipids", T_OBJECT, offsetof(PyFilterCustom, ipids), READONLY,
     "Input FilterPids (list): a PID is added after its first accepted configure_pid\n"
     "and removed after configure_pid(pid, 1)."},
    {"opids", T_OBJECT, offsetof(PyFilterCustom, opids), READONLY,
     "Output FilterPids made by new_pid() (list)."},
    {NULL, 0, 0, 0, NULL},
};

PyDoc_STRVAR(custom_doc,
             "FilterCustom(session, fname='Custom', flags=0)\n--\n\n"
             "Base class of filters written in Python (API.md 2.4). Subclasses call\n"
             "FilterCustom.__init__(self, session, 'Name[:options]') first; the callbacks\n"
             "their class defines at that moment are used: configure_pid(pid, is_remove),\n"
             "process(), process_event(evt), reconfigure_output(opid), packet_release(opid,\n"
             "pck). They run on the thread calling run(); an exception stops the session\n"
             "and run() raises it. A filter without configure_pid is a source: it is\n"
             "scheduled when loaded. flags is accepted for compatibility (callbacks always\n"
             "run on the main thread). The engine never clones a custom filter: a\n"
             "configure_pid returning GF_REQUIRES_NEW_INSTANCE refuses the PID.");

static PyType_Slot custom_slots[] = {
    {Py_tp_new, custom_new},
    {Py_tp_init, custom_init},
    {Py_tp_dealloc, custom_dealloc},
    {Py_tp_traverse, custom_traverse},
    {Py_tp_clear, custom_clear},
    {Py_tp_methods, py_filter_custom_methods},
    {Py_tp_members, custom_members},
    {Py_tp_getset, py_filter_custom_getset},
    {0, NULL},
};

/* The C part of FilterCustom; FilterCustom is made over it and Filter by
 * py_add_dict_class, so that the attributes a subclass keeps on self (self.nb += 1 in
 * process()) take the interpreter's fast paths. */
static PyType_Spec custom_spec = {
    .name = "gpac._gpac._FilterCustomBase",
    .basicsize = sizeof(PyFilterCustom),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
             Py_TPFLAGS_BASETYPE,
    .slots = custom_slots,
};

int
py_filter_custom_setup(PyObject *module, py_state *st)
{
    st->FilterCustomBase_Type = py_new_type(module, &custom_spec, st->FilterBase_Type);
    if (!st->FilterCustomBase_Type)
        return -1;
    PyObject *bases = PyTuple_Pack(2, st->FilterCustomBase_Type, st->Filter_Type);
    int rc = bases ? py_add_dict_class(module, "FilterCustom", bases, custom_doc,
                                       &st->FilterCustom_Type)
                   : -1;
    Py_XDECREF(bases);
    return rc;
}
