/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Engine logs to Python's logging. The engine may log from any thread, holding its own
 * locks, so its callback never touches Python: it copies (tool, level, message) into a
 * process-wide bounded queue (a C static holding no PyObject *, shared by every module
 * object, since the callback is process-wide too). py_logs_flush() drains it into
 * logging.getLogger("gpac") with the GIL; the binding flushes after run() and in its
 * periodic task, an atexit hook at exit, tests through _flush_logs(). Levels are still chosen by set_logs()
 * (py_module.c): a message below its tool's level never reaches the queue.
 *
 * Python equivalent:
 *
 *     def _flush_logs() -> int:          # records emitted
 *         for tool, level, msg in queue.drain():
 *             logging.getLogger("gpac").log(LEVELS[level], f"[{tool}] {msg}",
 *                                           extra={"gpac_tool": tool})
 *     def _log(tool, level, msg, /) -> bool:   # GP_LOG from Python (tests)
 */
#include "py_gpac.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Bounds: past either, the oldest messages are dropped and counted; the next flush
 * reports the count as one WARNING. A longer message is cut. */
#define LOG_QUEUE_MAX 10000
#define LOG_QUEUE_BYTES (8u << 20)
#define LOG_MSG_MAX (64u << 10)

typedef struct LogEntry {
    char *msg; /* malloc'ed, NUL-terminated, without the engine's trailing newline */
    uint32_t len;
    uint8_t tool, level;
} LogEntry;

/* The queue: a ring of LOG_QUEUE_MAX entries, all fields under log_lock. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static LogEntry log_ring[LOG_QUEUE_MAX];
static uint32_t log_head, log_count;
static size_t log_bytes;
static uint64_t log_dropped; /* since the last flush */

static void
logs_drop_oldest_locked(void)
{
    LogEntry *e = &log_ring[log_head];
    log_bytes -= e->len;
    free(e->msg);
    e->msg = NULL;
    log_head = (log_head + 1) % LOG_QUEUE_MAX;
    log_count--;
    log_dropped++;
}

/* The engine's sink. threads: any; called under the engine's sink lock, so it takes
 * only log_lock and never calls Python or the engine. */
static void
logs_callback(void *udata, GpLogTool tool, GpLogLevel level, const char *msg)
{
    (void)udata;
    size_t len = strlen(msg);
    while (len && (msg[len - 1] == '\n' || msg[len - 1] == '\r'))
        len--;
    if (len > LOG_MSG_MAX)
        len = LOG_MSG_MAX;
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, msg, len);
        copy[len] = 0;
    }
    pthread_mutex_lock(&log_lock);
    if (!copy) {
        log_dropped++;
    } else {
        while (log_count && (log_count == LOG_QUEUE_MAX || log_bytes + len > LOG_QUEUE_BYTES))
            logs_drop_oldest_locked();
        LogEntry *e = &log_ring[(log_head + log_count) % LOG_QUEUE_MAX];
        e->msg = copy;
        e->len = (uint32_t)len;
        e->tool = (uint8_t)tool;
        e->level = (uint8_t)level;
        log_count++;
        log_bytes += len;
    }
    pthread_mutex_unlock(&log_lock);
}

/* Moves the queued entries (oldest first) to a new array the caller frees, with the
 * drop count; the queue is empty after. -1 when out of memory (queue unchanged). */
static int
logs_take(LogEntry **out, uint32_t *n, uint64_t *dropped)
{
    *out = NULL;
    pthread_mutex_lock(&log_lock);
    *n = log_count;
    *dropped = log_dropped;
    if (log_count) {
        *out = malloc(sizeof(LogEntry) * log_count);
        if (!*out) {
            pthread_mutex_unlock(&log_lock);
            return -1;
        }
        for (uint32_t i = 0; i < log_count; i++) {
            LogEntry *e = &log_ring[(log_head + i) % LOG_QUEUE_MAX];
            (*out)[i] = *e;
            e->msg = NULL;
        }
    }
    log_head = log_count = 0;
    log_bytes = 0;
    log_dropped = 0;
    pthread_mutex_unlock(&log_lock);
    return 0;
}

static int
logs_py_level(uint8_t level)
{
    switch (level) {
    case GP_LOG_ERROR:
        return 40; /* logging.ERROR */
    case GP_LOG_WARNING:
        return 30;
    case GP_LOG_INFO:
        return 20;
    default:
        return 10; /* logging.DEBUG */
    }
}

/* What one flush needs from Python, looked up once per flush. */
typedef struct LogEmitter {
    PyObject *log;     /* bound logger.log */
    PyObject *kwnames; /* ("extra",) */
    int enabled[5];    /* per GpLogLevel: -1 unknown, else logger.isEnabledFor() */
    PyObject *logger;
} LogEmitter;

static int
logs_enabled(LogEmitter *em, uint8_t level)
{
    if (level > GP_LOG_DEBUG)
        level = GP_LOG_DEBUG;
    if (em->enabled[level] < 0) {
        PyObject *r = PyObject_CallMethod(em->logger, "isEnabledFor", "i", logs_py_level(level));
        if (!r)
            return -1;
        em->enabled[level] = PyObject_IsTrue(r);
        Py_DECREF(r);
    }
    return em->enabled[level];
}

/* logger.log(level, "[tool] msg", extra={"gpac_tool": tool}) unless disabled. */
static int
logs_emit(LogEmitter *em, uint8_t tool, uint8_t level, const char *msg, size_t len)
{
    int on = logs_enabled(em, level);
    if (on <= 0)
        return on;
    const char *tname = gp_log_tool_name((GpLogTool)tool);
    PyObject *text = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)len, "replace");
    PyObject *line = text ? PyUnicode_FromFormat("[%s] %U", tname, text) : NULL;
    PyObject *extra = line ? Py_BuildValue("{s:s}", "gpac_tool", tname) : NULL;
    PyObject *lvl = extra ? PyLong_FromLong(logs_py_level(level)) : NULL;
    PyObject *res = NULL;
    if (lvl) {
        PyObject *args[3] = {lvl, line, extra};
        res = PyObject_Vectorcall(em->log, args, 2, em->kwnames);
    }
    Py_XDECREF(text);
    Py_XDECREF(line);
    Py_XDECREF(extra);
    Py_XDECREF(lvl);
    if (!res)
        return -1;
    Py_DECREF(res);
    return 1;
}

static int
logs_emitter_init(py_state *st, LogEmitter *em)
{
    memset(em, 0, sizeof(*em));
    for (int i = 0; i < 5; i++)
        em->enabled[i] = -1;
    if (!st->logger) {
        PyObject *logging = PyImport_ImportModule("logging");
        if (!logging)
            return -1;
        st->logger = PyObject_CallMethod(logging, "getLogger", "s", "gpac");
        Py_DECREF(logging);
        if (!st->logger)
            return -1;
    }
    em->logger = st->logger;
    em->log = PyObject_GetAttrString(st->logger, "log");
    em->kwnames = em->log ? Py_BuildValue("(s)", "extra") : NULL;
    return em->kwnames ? 0 : -1;
}

/* Emits every taken entry (or frees the rest after an error). Returns the number of
 * records emitted, or -1 with the exception set. */
static Py_ssize_t
logs_emit_all(py_state *st, LogEntry *entries, uint32_t n, uint64_t dropped)
{
    LogEmitter em;
    Py_ssize_t done = 0;
    int rc = logs_emitter_init(st, &em);
    if (rc == 0 && dropped) {
        char note[96];
        int len = snprintf(note, sizeof(note),
                           "%llu engine log messages dropped (queue full, flushed too late)",
                           (unsigned long long)dropped);
        rc = logs_emit(&em, GP_LOG_CORE, GP_LOG_WARNING, note, (size_t)len);
        done += rc > 0;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (rc >= 0) {
            rc = logs_emit(&em, entries[i].tool, entries[i].level, entries[i].msg,
                           entries[i].len);
            done += rc > 0;
        }
        free(entries[i].msg);
    }
    Py_XDECREF(em.log);
    Py_XDECREF(em.kwnames);
    return rc < 0 ? -1 : done;
}

static Py_ssize_t
logs_flush_count(py_state *st)
{
    LogEntry *entries;
    uint32_t n;
    uint64_t dropped;
    if (logs_take(&entries, &n, &dropped) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    if (!n && !dropped)
        return 0; /* nothing queued: logging is not even imported */
    Py_ssize_t done = logs_emit_all(st, entries, n, dropped);
    free(entries);
    return done;
}

int
py_logs_flush(py_state *st)
{
    return logs_flush_count(st) < 0 ? -1 : 0;
}

/* ---- module functions ---- */

PyDoc_STRVAR(logs_flush_doc,
             "_flush_logs($module, /)\n--\n\n"
             "Emit the queued engine log messages through logging.getLogger('gpac') now;\n"
             "return how many records were emitted (private: the binding flushes after\n"
             "run() and while it runs).");

static PyObject *
logs_flush_logs(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = logs_flush_count(py_state_of_module(module));
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static int
logs_find(PyObject *obj, const char *what, int count, const char *(*name_of)(int), int *out)
{
    const char *s = PyUnicode_Check(obj) ? PyUnicode_AsUTF8(obj) : NULL;
    if (!s) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "_log() %s must be str, not %.100s", what,
                         Py_TYPE(obj)->tp_name);
        return -1;
    }
    for (int i = 0; i < count; i++)
        if (name_of(i) && !strcmp(s, name_of(i))) {
            *out = i;
            return 0;
        }
    PyErr_Format(PyExc_ValueError, "_log(): unknown log %s '%s'", what, s);
    return -1;
}

static const char *
logs_tool_name(int i)
{
    return gp_log_tool_name((GpLogTool)i);
}

static const char *
logs_level_name(int i)
{
    /* "quiet" is not a level a message can have */
    return i ? gp_log_level_name((GpLogLevel)i) : NULL;
}

PyDoc_STRVAR(logs_log_doc,
             "_log($module, tool, level, msg, /)\n--\n\n"
             "Log msg as the engine does (GP_LOG): tool is a log tool name ('core',\n"
             "'filter', ...), level one of 'error', 'warning', 'info', 'debug'. Returns\n"
             "whether the message passed the tool's level (private: for tests).");

static PyObject *
logs_log(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    int tool, level;
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "_log() takes exactly 3 arguments (%zd given)", nargs);
        return NULL;
    }
    if (logs_find(args[0], "tool", GP_LOG_TOOL_COUNT, logs_tool_name, &tool) < 0 ||
        logs_find(args[1], "level", GP_LOG_DEBUG + 1, logs_level_name, &level) < 0)
        return NULL;
    if (!PyUnicode_Check(args[2])) {
        PyErr_Format(PyExc_TypeError, "_log() msg must be str, not %.100s",
                     Py_TYPE(args[2])->tp_name);
        return NULL;
    }
    const char *msg = PyUnicode_AsUTF8(args[2]);
    if (!msg)
        return NULL;
    bool on = gp_log_enabled((GpLogTool)tool, (GpLogLevel)level);
    if (on) {
        /* args[2] keeps msg alive; the sink takes only C locks */
        Py_BEGIN_ALLOW_THREADS
        gp_log_msg((GpLogTool)tool, (GpLogLevel)level, "%s", msg);
        Py_END_ALLOW_THREADS
    }
    return PyBool_FromLong(on);
}

static PyMethodDef logs_functions[] = {
    {"_flush_logs", logs_flush_logs, METH_NOARGS, logs_flush_doc},
    {"_log", (PyCFunction)(void (*)(void))logs_log, METH_FASTCALL, logs_log_doc},
    {NULL, NULL, 0, NULL},
};

/* Messages still queued at exit (a session deleted last, a filter's finalizer) are
 * emitted by an atexit hook, which runs before logging's own shutdown hook when logging
 * was imported first. */
static int
logs_register_atexit(PyObject *module)
{
    PyObject *atexit = PyImport_ImportModule("atexit");
    PyObject *fn = atexit ? PyObject_GetAttrString(module, "_flush_logs") : NULL;
    PyObject *r = fn ? PyObject_CallMethod(atexit, "register", "O", fn) : NULL;
    Py_XDECREF(atexit);
    Py_XDECREF(fn);
    Py_XDECREF(r);
    return r ? 0 : -1;
}

int
py_logs_setup(PyObject *module, py_state *st)
{
    (void)st;
    /* process-wide and idempotent: every module object installs the same sink */
    gp_log_set_callback(logs_callback, NULL);
    if (PyModule_AddFunctions(module, logs_functions) < 0)
        return -1;
    return logs_register_atexit(module);
}
