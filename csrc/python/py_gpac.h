/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal contract between the binding files: the object layouts of the wrapper types
 * and the functions one file offers the others. Each section names its owner file.
 *
 * Lifetime rules (docs/binding.md):
 * - One wrapper per C filter (the filter's udata) and per PID (the PID's udata). The
 *   engine tells the binding when either goes (filter notify, PID notify): the wrapper
 *   then holds NULL and every method raises GPACError("... used after its session was
 *   deleted / the filter was removed") instead of touching freed memory.
 * - A FilterPacket wrapper holds one counted C reference on its packet while it is
 *   usable; every array or memoryview over packet memory holds its own reference
 *   through a PacketView exporter, so it stays valid after drop_packet(), send() and
 *   session deletion.
 * - Python callbacks run with the GIL taken by the trampoline (PyGILState_Ensure); the
 *   session releases the GIL around gp_session_run. An exception in a callback is
 *   stored on the session (py_session_set_error), the session is aborted, and run()
 *   raises it. */
#ifndef GP_PY_GPAC_H
#define GP_PY_GPAC_H

#include "py_state.h"

#include <stdbool.h>

#include <gp/gp.h>

/* ================= py_session.c: FilterSession ================= */

typedef struct PySession {
    PyObject_HEAD
    PyObject *dict;      /* user attributes (subclasses have their own __dict__ too) */
    PyObject *weakrefs;
    GpSession *s;        /* NULL after delete() */
    PyObject *filters;   /* list: wrappers of live filters, creation order */
    PyObject *tasks;     /* list: FilterTask objects posted and not finished */
    PyObject *error;     /* exception raised by a callback during run(), re-raised */
    int in_run;          /* run() is executing (re-entrant run() raises) */
    int has_on_filter_new, has_on_filter_del; /* looked up once at construction */
} PySession;

/* Stores the current Python exception (PyErr_Occurred() must be true) as the session's
 * pending error (the first one wins; later ones are reported as unraisable), clears it,
 * and aborts the session. Safe with a NULL or deleted session (then unraisable). GIL. */
void py_session_set_error(PySession *ses);
/* The session object of an engine session (the GpSession's user data), or NULL. */
PySession *py_session_of(GpSession *s);
/* Raises GPACError when ses was deleted; returns -1 then, 0 when usable. */
int py_session_check(PySession *ses);

/* ================= py_filter.c: Filter ================= */

typedef struct PyFilter {
    PyObject_HEAD
    PyObject *dict;
    PyObject *weakrefs;
    GpFilter *f;          /* NULL once the engine destroyed the filter */
    PySession *session;   /* strong reference */
} PyFilter;

/* Wrapper of a C filter: its udata, created (and registered in session->filters) when
 * absent. New reference; NULL with an exception on failure. GIL. */
PyObject *py_filter_wrap(PySession *ses, GpFilter *f);
/* Raises GPACError when the filter is gone; returns -1 then, 0 when usable. */
int py_filter_check(PyFilter *self);
/* Called by py_session.c when the engine destroys a filter: clears self->f. */
void py_filter_detach(PyFilter *self);

/* ================= py_filter_custom.c: FilterCustom(Filter) ================= */

/* Callback bits: which methods the Python subclass overrides (looked up once). */
enum {
    PY_CB_CONFIGURE_PID = 1 << 0,
    PY_CB_PROCESS = 1 << 1,
    PY_CB_PROCESS_EVENT = 1 << 2,
    PY_CB_RECONFIGURE_OUTPUT = 1 << 3,
    PY_CB_PACKET_RELEASE = 1 << 4,
};

typedef struct PyFilterCustom {
    PyFilter base;
    PyObject *ipids;      /* list of input FilterPid */
    PyObject *opids;      /* list of output FilterPid */
    GpFilterClass cls;    /* this instance's class: name and the trampolines */
    char *cls_name;       /* owned */
    GpCap *caps;          /* push_cap bundles (string values owned) */
    uint32_t nb_caps, alloc_caps;
    unsigned callbacks;   /* PY_CB_* */
} PyFilterCustom;

/* ================= py_pid.c: FilterPid ================= */

typedef struct PyPid {
    PyObject_HEAD
    PyObject *dict;
    PyObject *weakrefs;
    GpPid *pid;           /* NULL once the engine destroyed the PID */
    PyFilter *filter;     /* the filter holding this handle (strong) */
    PyObject *pck;        /* FilterPacket returned by get_packet() until drop_packet() */
} PyPid;

/* Wrapper of a PID handle held by filter `owner`: its udata, created when absent.
 * New reference. GIL. */
PyObject *py_pid_wrap(PyFilter *owner, GpPid *pid);
/* Called from the engine's PID notification: clears self->pid (and drops self->pck). */
void py_pid_detach(PyPid *self);
/* Raises GPACError when the PID is gone; -1 then, 0 when usable. */
int py_pid_check(PyPid *self);

/* ================= py_packet.c: FilterPacket ================= */

typedef enum PyPacketKind {
    PY_PCK_INPUT = 0,    /* from get_packet(): read-only */
    PY_PCK_OUTPUT = 1,   /* from new_pck*(): writable until send()/discard() */
    PY_PCK_DETACHED = 2, /* from clone(): attached to no PID, writable */
} PyPacketKind;

typedef struct PyPacket {
    PyObject_HEAD
    PyObject *dict;
    PyObject *weakrefs;
    GpPacket *pck;        /* counted reference; NULL once unusable (see py_packet.c) */
    PyPid *pid;           /* input PID or output PID (strong); NULL for detached */
    uint8_t kind;         /* PyPacketKind */
    uint8_t state;        /* py_packet.c: live / dropped / sent / discarded */
    uint32_t user_refs;   /* ref() count not yet unref()ed */
    /* new_pck_shared: the exporter of the Python memory, held until release */
    Py_buffer shared;
    bool has_shared;
} PyPacket;

/* New FilterPacket around pck. transfer: full on pck (the wrapper owns that reference).
 * pid may be NULL (detached). New reference. GIL. */
PyObject *py_packet_new(py_state *st, GpPacket *pck, PyPid *pid, PyPacketKind kind);
/* Called by drop_packet(): the engine dropped its queue reference; the wrapper gives
 * its own back unless ref() holds it. */
void py_packet_dropped(PyPacket *self);
/* The C packet of a FilterPacket argument, or NULL with TypeError / GPACError set. */
GpPacket *py_packet_arg(py_state *st, PyObject *obj, const char *what);

/* ================= py_packet_view.c: zero-copy export ================= */

/* numpy array (uint8, 1-D, len == size) or memoryview without numpy over the packet
 * memory, kept alive by an exporter holding its own reference on pck. Read-only unless
 * writable. None for a packet without data. New reference. GIL. */
PyObject *py_packet_view_data(py_state *st, GpPacket *pck, bool writable);
/* True when numpy can be imported (tries once). */
bool py_numpy_available(py_state *st);

/* ================= py_props.c: property values (API.md 3) ================= */

/* Resolves a property key given as str (built-in name, 4-char code, or custom name) or
 * int (4CC). *code gets the built-in code or 0; *name the UTF-8 custom name (borrowed
 * from key) or NULL. -1 with TypeError on other types. */
int py_prop_key(PyObject *key, uint32_t *code, const char **name);
/* Python value of a property (API.md 3.2, names for StreamType/CodecID/PixelFormat/
 * AudioFormat). New reference; None for NULL. */
PyObject *py_prop_to_python(py_state *st, uint32_t code, const GpPropValue *v);
/* Converts value for property (code, name) following API.md 3.3 into out (which then
 * owns its strings/lists: gp_prop_value_reset). custom_type: 0 or a GP_PROP_* for custom
 * names. Returns 0, or -1 with TypeError/ValueError. value None is the caller's case. */
int py_prop_from_python(py_state *st, uint32_t code, const char *name, PyObject *value,
                        int custom_type, GpPropValue *out);
/* Calls cb.on_prop_enum(name, value) for each entry of an enumeration; fn/ctx abstract
 * the source (PID or packet or filter). Returns 0 or -1 with the exception set. */
typedef const GpPropValue *(*PyPropEnumFn)(void *ctx, uint32_t *idx, uint32_t *code,
                                          const char **name);
int py_props_enum(py_state *st, PyObject *cb, PyPropEnumFn fn, void *ctx);
/* Adds the private test hooks _prop_roundtrip, _prop_from_text, _props_enum (called by
 * py_values_setup: py_props.c has no type of its own). */
int py_props_setup(PyObject *module, py_state *st);

/* ================= py_values.c: Fraction, PropVec*, PropData ================= */

PyObject *py_fraction_new(py_state *st, int32_t num, uint32_t den);
PyObject *py_fraction64_new(py_state *st, int64_t num, uint64_t den);
PyObject *py_vec_new(py_state *st, GpPropType type, const GpPropValue *v); /* VEC2I..VEC4I */
PyObject *py_propdata_new(py_state *st, const uint8_t *data, uint32_t size); /* copies */
/* Reads num/den attributes (or int, or float as API.md 3.3) into a fraction: -1 +
 * TypeError when neither. lfrac: 64-bit, float scaled by 1e6 instead of 1e3.
 * (Also numerator/denominator, as fractions.Fraction; OverflowError out of range.) */
int py_fraction_from(PyObject *obj, bool lfrac, int64_t *num, uint64_t *den);
/* Reads attributes x, y (, z, w) of obj into out (type VEC2I..VEC4I): -1 with TypeError
 * when one is missing, OverflowError when an int does not fit int32. */
int py_vec_from(PyObject *obj, GpPropType type, GpPropValue *out);

/* ================= py_errors.c ================= */

/* Sets GPACError (the subclass for err) with .code, .name, .url, .reason; message
 * "<what>: <e2s(err)>" plus the reason when given. Returns NULL. GIL. */
PyObject *py_err_set(py_state *st, GpErr err, const char *url, const char *what,
                     const char *reason);
/* Same with the session's last error record as url/reason. */
PyObject *py_err_from_session(py_state *st, GpSession *s, GpErr err, const char *what);
/* Adds the GP constants (API.md 1.4) and the exception classes to the module. */
int py_errors_setup(PyObject *module, py_state *st);
int py_constants_setup(PyObject *module, py_state *st);

/* ================= py_event.c: FilterEvent ================= */

typedef struct PyEvent {
    PyObject_HEAD
    PyObject *dict;
    GpEvent evt;          /* the C event, edited in place through member views */
    PyObject *on_pid;     /* FilterPid of evt.base.on_pid when known (strong) */
} PyEvent;

/* New FilterEvent holding a copy of evt; on_pid_obj may be NULL. GIL. */
PyObject *py_event_new(py_state *st, const GpEvent *evt, PyObject *on_pid_obj);
/* The C event of a FilterEvent argument, or NULL with TypeError. */
GpEvent *py_event_arg(py_state *st, PyObject *obj);

/* ================= py_stats.c: FilterStats, FilterPidStatistics, FilterArg... ====== */

/* FilterStats of f (API.md 2.9; char* fields as bytes). New reference. */
PyObject *py_stats_filter(py_state *st, GpFilter *f);
/* FilterPidStatistics of a PID handle (fields the engine does not track are 0). */
PyObject *py_stats_pid(py_state *st, GpPid *pid);
/* FilterArg describing one option (value: its current text, or NULL). */
PyObject *py_stats_arg(py_state *st, const GpArg *arg);
/* BufferOccupancy of an input PID. */
PyObject *py_stats_buffer(py_state *st, GpPid *ipid);

/* ================= py_logs.c: engine logs -> logging ================= */

/* Installs the engine log callback (queues messages from any thread). */
int py_logs_setup(PyObject *module, py_state *st);
/* Emits queued engine messages through logging.getLogger("gpac"). GIL, any time the
 * binding holds it outside an engine lock (after run(), in the periodic task). Returns
 * 0 or -1 with an exception set. */
int py_logs_flush(py_state *st);

/* ================= setup functions, chained by gpac_exec in py_module.c ========== */

/* py_sys.c: init, close, set_args, sleep, url_concatenate, copyright, numpy_support... */
int py_sys_setup(PyObject *module, py_state *st);
int py_values_setup(PyObject *module, py_state *st);
int py_stats_setup(PyObject *module, py_state *st);
int py_event_setup(PyObject *module, py_state *st);
int py_session_setup(PyObject *module, py_state *st);
int py_task_setup(PyObject *module, py_state *st);
int py_filter_setup(PyObject *module, py_state *st);
int py_filter_custom_setup(PyObject *module, py_state *st);
int py_pid_setup(PyObject *module, py_state *st);
int py_packet_setup(PyObject *module, py_state *st);
int py_packet_view_setup(PyObject *module, py_state *st);

/* Adds a type made from spec (with `base` as its base when not NULL, and the module as
 * its defining module) to the module under its short name; *slot gets a strong
 * reference. py_module.c. */
int py_add_type(PyObject *module, PyType_Spec *spec, PyObject *base, PyObject **slot);

#endif /* GP_PY_GPAC_H */
