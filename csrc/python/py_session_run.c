/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterSession.run(): the GIL is released around gp_session_run; callbacks take it
 * back (their exceptions wait in the session's error slot, py_session_notify.c). While
 * a blocking run() executes, a watcher thread flushes the engine's queued logs every
 * 50 ms and turns signals into a main-thread task that runs the Python handlers, so
 * Ctrl-C stops the session and KeyboardInterrupt comes out of run().
 *
 * Why a watcher and not a periodic engine task: a task that re-posts itself keeps the
 * scheduler busy forever, so `last_task` (the howto's end test, `if session.last_task:
 * return -1`) would never be true. The watcher learns about signals the way asyncio
 * does, through signal.set_wakeup_fd() on a pipe (its previous fd is restored after
 * run() and receives every byte meanwhile), and posts a one-shot task only when a
 * signal arrived. Non-blocking runs are short: logs and signals are handled after each.
 *
 * Python equivalent:
 *
 *     def run(self):
 *         old = signal.set_wakeup_fd(pipe_w)       # main thread only
 *         watcher = Thread(target=watch)           # logs; signal byte -> post a task
 *         err = engine.run()                       # GIL released
 *         signal.set_wakeup_fd(old); flush_logs(); signal handlers run
 *         raise self.error or ... ('Failed to run session: ...' if err < 0)
 */
#include "py_gpac.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#define Session_CAST(op) ((PySession *)(op))

/* Period of the watcher's log flush, and its wake-up granularity. */
#define RUN_TICK_MS 50

typedef struct RunWatch {
    PySession *ses;   /* borrowed: run() holds a reference */
    GpSession *s;
    py_state *st;
    int fds[2];       /* pipe: the watcher reads [0]; [1] is the signal wakeup fd */
    int old_fd;       /* the wakeup fd before run(), -1 when none */
    int fwd_fd;       /* where signal bytes are forwarded: old_fd, -1 once it fails */
    bool wakeup;      /* fds[1] was installed with signal.set_wakeup_fd() */
    bool started;
    atomic_bool stop;
    pthread_t thread;
} RunWatch;

/* ---- the watcher thread (no GIL, except to flush logs) ---- */

/* One-shot main-thread task: a signal arrived, run its Python handler. */
static int64_t
run_signal_task(GpSession *s, void *udata)
{
    PySession *ses = udata;
    PyGILState_STATE g = PyGILState_Ensure();
    if (PyErr_CheckSignals() < 0)
        py_session_set_error(ses); /* KeyboardInterrupt: stored, session aborted */
    PyGILState_Release(g);
    return -1;
}

/* Reads what the pipe holds, forwards signal bytes to the previous wakeup fd (asyncio's
 * self-pipe...). True when a signal byte (not the stop byte 0) was read. */
static bool
run_watch_drain(RunWatch *w)
{
    unsigned char buf[64];
    bool sig = false;
    for (;;) {
        ssize_t n = read(w->fds[0], buf, sizeof(buf));
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n; i++) {
            if (!buf[i])
                continue;
            sig = true;
            if (w->fwd_fd >= 0 && write(w->fwd_fd, &buf[i], 1) < 0 && errno != EAGAIN)
                w->fwd_fd = -1; /* gone: stop forwarding */
        }
    }
    return sig;
}

static void
run_flush_logs(RunWatch *w)
{
    PyGILState_STATE g = PyGILState_Ensure();
    if (py_logs_flush(w->st) < 0)
        py_session_set_error(w->ses);
    PyGILState_Release(g);
}

static void *
run_watch_main(void *arg)
{
    RunWatch *w = arg;
    while (!atomic_load(&w->stop)) {
        struct pollfd p = {.fd = w->fds[0], .events = POLLIN, .revents = 0};
        if (poll(&p, 1, RUN_TICK_MS) > 0 && run_watch_drain(w))
            gp_session_post_task(w->s, run_signal_task, w->ses, 0, "signals", true);
        if (!atomic_load(&w->stop))
            run_flush_logs(w);
    }
    return NULL;
}

/* ---- installing and removing the watcher (GIL held) ---- */

/* signal.set_wakeup_fd(fd, warn_on_full_buffer=False): the previous fd, or -2 with an
 * exception set. */
static int
run_set_wakeup_fd(int fd)
{
    int prev = -2;
    PyObject *mod = PyImport_ImportModule("signal");
    PyObject *fn = mod ? PyObject_GetAttrString(mod, "set_wakeup_fd") : NULL;
    PyObject *args = fn ? Py_BuildValue("(i)", fd) : NULL;
    PyObject *kw = args ? Py_BuildValue("{sO}", "warn_on_full_buffer", Py_False) : NULL;
    PyObject *res = kw ? PyObject_Call(fn, args, kw) : NULL;
    if (res) {
        long v = PyLong_AsLong(res);
        prev = v == -1 && PyErr_Occurred() ? -2 : (int)v;
    }
    Py_XDECREF(res);
    Py_XDECREF(kw);
    Py_XDECREF(args);
    Py_XDECREF(fn);
    Py_XDECREF(mod);
    return prev;
}

static void
run_close_fds(RunWatch *w)
{
    for (int i = 0; i < 2; i++) {
        if (w->fds[i] >= 0)
            close(w->fds[i]);
        w->fds[i] = -1;
    }
}

/* Starts the watcher; on the main thread the pipe also becomes the wakeup fd. Without
 * a pipe or a thread, run() goes on without it (logs and signals are then handled when
 * it returns). -1 only for an unexpected Python error. */
static int
run_watch_start(RunWatch *w, PySession *ses, py_state *st)
{
    w->ses = ses;
    w->s = ses->s;
    w->st = st;
    if (pipe2(w->fds, O_NONBLOCK | O_CLOEXEC) < 0) {
        w->fds[0] = w->fds[1] = -1;
        return 0;
    }
    int prev = run_set_wakeup_fd(w->fds[1]);
    if (prev == -2) {
        if (!PyErr_ExceptionMatches(PyExc_ValueError)) {
            run_close_fds(w);
            return -1;
        }
        PyErr_Clear(); /* house-style: not the main thread: its signals are not ours */
    } else {
        w->wakeup = true;
        w->old_fd = w->fwd_fd = prev;
    }
    atomic_store(&w->stop, false);
    w->started = pthread_create(&w->thread, NULL, run_watch_main, w) == 0;
    return 0;
}

/* Stops and joins the watcher. Called without the GIL (it may be waiting for it). */
static void
run_watch_join(RunWatch *w)
{
    if (!w->started)
        return;
    atomic_store(&w->stop, true);
    unsigned char stop = 0;
    if (write(w->fds[1], &stop, 1) < 0) {
        /* the pipe is full of signal bytes: the watcher wakes up anyway */
    }
    pthread_join(w->thread, NULL);
    w->started = false;
}

/* Puts the previous wakeup fd back (keeping one a callback installed meanwhile), hands
 * it the signal bytes that arrived since the watcher stopped, closes the pipe. */
static void
run_watch_close(RunWatch *w)
{
    if (w->wakeup) {
        int prev = run_set_wakeup_fd(w->old_fd);
        if (prev >= 0 && prev != w->fds[1])
            prev = run_set_wakeup_fd(prev);
        if (prev == -2)
            PyErr_WriteUnraisable(NULL);
        w->wakeup = false;
    }
    if (w->fds[0] >= 0)
        (void)run_watch_drain(w); /* Python's own handlers run after run() */
    run_close_fds(w);
}

/* ---- run() ---- */

/* The outcome of gp_session_run: logs flushed, signal handlers run, then the first
 * callback exception, else the engine's error. */
static PyObject *
run_result(PySession *ses, py_state *st, GpErr e)
{
    if (py_logs_flush(st) < 0)
        py_session_set_error(ses);
    int sig = PyErr_CheckSignals(); /* KeyboardInterrupt wins, the error is its context */
    if (py_session_raise_pending(ses) < 0 || sig < 0)
        return NULL;
    if (e < 0)
        return py_err_from_session(st, ses->s, e, "Failed to run session");
    Py_RETURN_NONE;
}

PyObject *
py_session_run(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    PySession *ses = Session_CAST(op);
    py_state *st = py_state_of(op);
    unsigned long me = PyThread_get_thread_ident();
    if (py_session_check(ses) < 0)
        return NULL;
    if (ses->in_run || ses->in_callback) {
        PyErr_SetString(PyExc_RuntimeError,
                        ses->in_callback || ses->run_thread == me
                            ? "FilterSession.run() called from one of the session's callbacks"
                            : "FilterSession.run() is already executing in another thread");
        return NULL;
    }
    if (ses->lock_owner == me) {
        PyErr_SetString(PyExc_RuntimeError,
                        "FilterSession.run() while this thread holds lock(True)");
        return NULL;
    }
    if (py_session_raise_pending(ses) < 0)
        return NULL;
    RunWatch w;
    memset(&w, 0, sizeof(w));
    w.fds[0] = w.fds[1] = w.old_fd = w.fwd_fd = -1;
    if (!(ses->flags & GP_FS_FLAG_NON_BLOCKING) && run_watch_start(&w, ses, st) < 0)
        return NULL;
    Py_INCREF(op);
    ses->in_run = 1;
    ses->run_thread = me;
    GpSession *s = ses->s;
    GpErr e;
    Py_BEGIN_ALLOW_THREADS
    e = gp_session_run(s);
    run_watch_join(&w);
    Py_END_ALLOW_THREADS
    ses->in_run = 0;
    run_watch_close(&w);
    py_session_release_dead(ses);
    PyObject *res = run_result(ses, st, e);
    Py_DECREF(op);
    return res;
}
