/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterTask (API.md 2.2) and FilterSession.post(): a Python callback scheduled on the
 * engine's main-thread queue. The C trampoline takes the GIL, calls task.execute()
 * (looked up on the instance, so `task.execute = types.MethodType(fn, task)` works) and
 * turns its result into the engine's next delay. The session keeps the task alive
 * (ses->tasks) while it is posted.
 *
 * Python equivalent:
 *
 *     class FilterTask:                   # subclassable, has __dict__
 *         def __init__(self, name):
 *             self.name = name            # str
 *             self.session = None         # read-only; set by post(), None once done
 *         def execute(self):
 *             return -1                   # ms before the next call; None or < 0: done
 *
 * GPAC's howto says None counts as 0; its code (and simple_session.py) ends the task on
 * None: we do what the code does. Another result type stops the session with a
 * TypeError raised by run(). */
#include "py_gpac.h"

#include <string.h>

#include <structmember.h>

typedef struct PyTask {
    PyObject_HEAD
    PyObject *dict;
    PyObject *weakrefs;
    PyObject *name;    /* str */
    PyObject *session; /* the FilterSession it is posted to, or NULL (reads None) */
} PyTask;

#define Task_CAST(op) ((PyTask *)(op))

/* ---- the engine side ---- */

/* execute()'s result as the engine's delay in µs, or -1 when the task is done. -2 with
 * TypeError for another type. */
static int64_t
task_delay(PyObject *res)
{
    if (res == Py_None)
        return -1;
    if (!PyLong_Check(res)) {
        PyErr_Format(PyExc_TypeError,
                     "FilterTask.execute() must return an int (delay in ms) or None, not "
                     "%.100s",
                     Py_TYPE(res)->tp_name);
        return -2;
    }
    int overflow = 0;
    long long ms = PyLong_AsLongLongAndOverflow(res, &overflow);
    if (overflow > 0 || ms > INT64_MAX / 1000)
        return INT64_MAX / 1000 * 1000; /* "much later" */
    if (overflow < 0 || ms < 0)
        return -1;
    return (int64_t)ms * 1000;
}

/* The task ended: the session drops it (one posting of it). */
static void
task_done(PySession *ses, PyTask *task)
{
    if (ses && ses->tasks) {
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(ses->tasks); i++) {
            if (PyList_GET_ITEM(ses->tasks, i) != (PyObject *)task)
                continue;
            if (PyList_SetSlice(ses->tasks, i, i + 1, NULL) < 0)
                PyErr_WriteUnraisable((PyObject *)task);
            break;
        }
    }
    if (task->session == (PyObject *)ses)
        Py_CLEAR(task->session);
}

/* The engine's task function (main thread, the GIL not held). */
static int64_t
task_run(GpSession *s, void *udata)
{
    PyTask *task = udata; /* borrowed: ses->tasks holds it */
    int64_t next = -1;
    PyGILState_STATE g = PyGILState_Ensure();
    PySession *ses = py_session_of(s);
    py_state *st = py_state_of((PyObject *)task);
    Py_INCREF(task); /* task_done may release the session's reference */
    PyObject *res = PyObject_CallMethodNoArgs((PyObject *)task, st->str_execute);
    if (res && PyErr_CheckSignals() < 0) /* a signal raised by execute() itself */
        Py_CLEAR(res);
    if (res) {
        next = task_delay(res);
        Py_DECREF(res);
    }
    if (!res || next == -2) {
        py_session_set_error(ses); /* stored; run() raises it */
        next = -1;
    }
    if (next < 0)
        task_done(ses, task);
    Py_DECREF(task);
    PyGILState_Release(g);
    return next;
}

PyObject *
py_task_post(PySession *ses, PyObject *obj)
{
    py_state *st = py_state_of((PyObject *)ses);
    if (!PyObject_TypeCheck(obj, (PyTypeObject *)st->FilterTask_Type)) {
        PyErr_Format(PyExc_TypeError, "post() argument must be a FilterTask, not %.100s",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    if (py_session_check(ses) < 0 || PyList_Append(ses->tasks, obj) < 0)
        return NULL;
    PyTask *task = Task_CAST(obj);
    Py_INCREF(ses);
    Py_XSETREF(task->session, (PyObject *)ses);
    GpErr e = gp_session_post_task(ses->s, task_run, task, 0, "FilterTask", true);
    if (e != GP_OK) {
        task_done(ses, task);
        return py_err_set(st, e, NULL, "Failed to post task", NULL);
    }
    Py_RETURN_NONE;
}

/* ---- the type ---- */

static PyObject *
task_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    /* arguments are __init__'s: subclasses may have other signatures */
    PyTask *self = (PyTask *)tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
    const char *dot = strrchr(tp->tp_name, '.');
    self->name = PyUnicode_FromString(dot ? dot + 1 : tp->tp_name);
    if (!self->name) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static int
task_set_name(PyObject *op, PyObject *value, void *closure)
{
    if (!value || !PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "FilterTask name must be str, not %.100s",
                     value ? Py_TYPE(value)->tp_name : "nothing (cannot delete it)");
        return -1;
    }
    Py_INCREF(value);
    Py_XSETREF(Task_CAST(op)->name, value);
    return 0;
}

static PyObject *
task_get_name(PyObject *op, void *closure)
{
    PyObject *name = Task_CAST(op)->name;
    Py_INCREF(name);
    return name;
}

static int
task_init(PyObject *op, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"name", NULL};
    PyObject *name;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:FilterTask", kwlist, &name))
        return -1;
    return task_set_name(op, name, NULL);
}

PyDoc_STRVAR(task_execute_doc,
             "execute($self, /)\n--\n\n"
             "Override (in a subclass or per instance): called on the thread running the\n"
             "session. Return the delay in ms before the next call, or None or a negative\n"
             "value when done. The default returns -1.");

static PyObject *
task_execute(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(-1);
}

static PyObject *
task_repr(PyObject *op)
{
    const char *dot = strrchr(Py_TYPE(op)->tp_name, '.');
    return PyUnicode_FromFormat("<%s %R>", dot ? dot + 1 : Py_TYPE(op)->tp_name,
                                Task_CAST(op)->name);
}

static int
task_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyTask *self = Task_CAST(op);
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(self->dict);
    Py_VISIT(self->name);
    Py_VISIT(self->session);
    return 0;
}

static int
task_clear(PyObject *op)
{
    PyTask *self = Task_CAST(op);
    Py_CLEAR(self->dict);
    Py_CLEAR(self->session);
    return 0; /* name stays: always a str */
}

static void
task_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    PyObject_GC_UnTrack(op);
    if (Task_CAST(op)->weakrefs)
        PyObject_ClearWeakRefs(op);
    (void)task_clear(op);
    Py_CLEAR(Task_CAST(op)->name);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyMethodDef task_methods[] = {
    {"execute", task_execute, METH_NOARGS, task_execute_doc},
    {"__getattr__", py_attr_missing, METH_O,
     "__getattr__($self, name, /)\n--\n\nCalled for missing attributes: AttributeError."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef task_getset[] = {
    {"name", task_get_name, task_set_name, "Task name (str), for logs.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef task_members[] = {
    {"session", T_OBJECT, offsetof(PyTask, session), READONLY,
     "The FilterSession the task is posted to; None before post() and once done."},
    {"__dictoffset__", T_PYSSIZET, offsetof(PyTask, dict), READONLY, NULL},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(PyTask, weakrefs), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyDoc_STRVAR(task_doc,
             "FilterTask(name)\n--\n\n"
             "A callback run by a session on the thread calling run() (API.md 2.2): post it\n"
             "with FilterSession.post(task), override execute() in a subclass or per\n"
             "instance (task.execute = types.MethodType(fn, task)). Accepts arbitrary\n"
             "attributes. execute() returning None ends the task (as GPAC's code does; its\n"
             "howto says None counts as 0).");

static PyType_Slot task_slots[] = {
    {Py_tp_doc, (void *)task_doc},
    {Py_tp_new, task_new},
    {Py_tp_init, task_init},
    {Py_tp_dealloc, task_dealloc},
    {Py_tp_traverse, task_traverse},
    {Py_tp_clear, task_clear},
    {Py_tp_repr, task_repr},
    {Py_tp_methods, task_methods},
    {Py_tp_getset, task_getset},
    {Py_tp_members, task_members},
    {Py_tp_setattro, PyObject_GenericSetAttr}, /* own __setattr__: user attributes */
    {0, NULL},
};

static PyType_Spec task_spec = {
    .name = "gpac._gpac.FilterTask",
    .basicsize = sizeof(PyTask),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC |
             Py_TPFLAGS_IMMUTABLETYPE,
    .slots = task_slots,
};

int
py_task_setup(PyObject *module, py_state *st)
{
    return py_add_type(module, &task_spec, NULL, &st->FilterTask_Type);
}
