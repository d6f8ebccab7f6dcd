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
    /* ---- py_session.c private state ---- */
    PyObject *dead;      /* list: wrappers of filters being destroyed, released at the
                          * next safe point (after the del notification the engine still
                          * finalizes and frees the filter: no wrapper dies inside that) */
    unsigned long run_thread;  /* thread ident running run() (valid while in_run) */
    unsigned long lock_owner;  /* thread ident holding lock(True), 0 when unlocked */
    uint32_t lock_waiters;     /* threads blocked on the filter-list lock (GIL released) */
    uint32_t in_callback;      /* on_filter_new/del executing: run()/delete() refused */
    uint32_t flags;            /* GF_FS_FLAG_* given at creation */
    uint32_t http_max_bitrate;
    unsigned char created;     /* __init__ created the engine session once */
    unsigned char deleting;    /* delete() is destroying it: callbacks still raise out */
    unsigned char dying;       /* destroyed by finalization: no Python override called */
    unsigned char reporting, external_gl;
} PySession;

/* Stores the current Python exception (PyErr_Occurred() must be true) as the session's
 * pending error (the first one wins; later ones are reported as unraisable), clears it,
 * and aborts the session when run() executes (run() then raises it; outside run() it
 * stays pending, see py_session_raise_pending). Safe with a NULL or deleted session
 * (then unraisable). GIL. */
void py_session_set_error(PySession *ses);
/* The session object of an engine session (the GpSession's user data), or NULL. */
PySession *py_session_of(GpSession *s);
/* Raises GPACError when ses was deleted; returns -1 then, 0 when usable. */
int py_session_check(PySession *ses);
/* Outside run() a callback exception (on_filter_new during load(), FilterCustom's
 * construction...) stays pending on the session: this raises it (-1) and clears it, or
 * returns 0 when none. Call it after an engine call that may have run callbacks. GIL. */
int py_session_raise_pending(PySession *ses);
/* Internal to py_session*.c (FilterSession is split by concept: py_session.c the type
 * and its methods, py_session_notify.c engine notifications and the error slot,
 * py_session_run.c run() with its GIL, Ctrl-C and log handling, py_session_graph.c the
 * graph-wide methods). */
PyObject *py_session_run(PyObject *self, PyObject *unused);
PyObject *py_session_print_stats(PyObject *self, PyObject *unused);
PyObject *py_session_print_graph(PyObject *self, PyObject *unused);
PyObject *py_session_fire_event(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames);
PyObject *py_session_is_supported_mime(PyObject *self, PyObject *mime);
PyObject *py_session_is_supported_source(PyObject *self, PyObject *const *args,
                                         Py_ssize_t nargs, PyObject *kwnames);
/* url relative to parent's folder when url is relative: url itself or buf. */
const char *py_session_join_parent(const char *parent, const char *url, char *buf,
                                   size_t size);
void py_session_notify_install(PySession *ses);   /* filter and PID notifications */
void py_session_destroy(PySession *ses, bool dying); /* gp_session_del + release */
void py_session_release_dead(PySession *ses);
/* GPACError when deleted; RuntimeError while run() executes in another thread. */
int py_session_usable(PySession *ses, const char *what);
/* py_task.c: FilterSession.post(task): schedules a FilterTask on the main thread. */
PyObject *py_task_post(PySession *ses, PyObject *task);

/* ================= py_filter.c: Filter ================= */

typedef struct PyFilter {
    PyObject_HEAD
    PyObject *weakrefs;   /* __dict__: managed by the interpreter (py_add_dict_class) */
    GpFilter *f;          /* NULL once the engine destroyed the filter */
    PySession *session;   /* strong reference */
    bool rsid;            /* require_source_id() was called (recorded only) */
} PyFilter;

/* Wrapper of a C filter: its udata, created (and registered in session->filters) when
 * absent. New reference; NULL with an exception on failure. GIL. */
PyObject *py_filter_wrap(PySession *ses, GpFilter *f);
/* Raises GPACError when the filter is gone; returns -1 then, 0 when usable. */
int py_filter_check(PyFilter *self);
/* Called by py_session.c when the engine destroys a filter: clears self->f. */
void py_filter_detach(PyFilter *self);
/* The live C filter of a Filter object, or NULL with GPACError (py_filter_check). */
GpFilter *py_filter_live(PyObject *op);
/* An optional str argument (NULL or None: NULL) as UTF-8; *ok 0 with TypeError/ValueError
 * naming argument `what` of fname(). */
const char *py_filter_text_arg(PyObject *obj, const char *fname, const char *what, int *ok);
/* py_filter_args.c (options) and py_filter_pids.c (PIDs by index): Filter methods
 * listed in py_filter.c's table. */
PyObject *py_filter_update(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames);
PyObject *py_filter_all_args(PyObject *op, PyObject *unused);
PyObject *py_filter_get_arg_value(PyObject *op, PyObject *name);
PyObject *py_filter_all_args_value(PyObject *op, PyObject *unused);
PyObject *py_filter_ipid_prop(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames);
PyObject *py_filter_opid_prop(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames);
PyObject *py_filter_ipid_enum_props(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                                    PyObject *kwnames);
PyObject *py_filter_opid_enum_props(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                                    PyObject *kwnames);
PyObject *py_filter_ipid_stats(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                               PyObject *kwnames);
PyObject *py_filter_opid_stats(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                               PyObject *kwnames);
PyObject *py_filter_ipid_source(PyObject *op, PyObject *idx);
PyObject *py_filter_opid_sinks(PyObject *op, PyObject *idx);

/* ================= py_filter_custom.c: FilterCustom(Filter) ================= */

/* Callback bits: which methods the Python subclass overrides (looked up once). */
enum {
    PY_CB_CONFIGURE_PID = 1 << 0,
    PY_CB_PROCESS = 1 << 1,
    PY_CB_PROCESS_EVENT = 1 << 2,
    PY_CB_RECONFIGURE_OUTPUT = 1 << 3,
    PY_CB_PACKET_RELEASE = 1 << 4,
};

/* This instance's engine class (name, trampolines) and push_cap() caps. Not inside the
 * object: the engine reads them until the C filter is freed, after the wrapper may be
 * gone (py_filter_custom.c frees them once no filter is left). */
typedef struct PyCustomClass PyCustomClass;

typedef struct PyFilterCustom {
    PyFilter base;
    PyObject *ipids;      /* list of input FilterPid */
    PyObject *opids;      /* list of output FilterPid */
    PyCustomClass *cls;   /* owned until dealloc, then retired (see above) */
    unsigned callbacks;   /* PY_CB_* */
    /* state of the methods the engine has no counterpart for (py_filter_custom.c) */
    PyObject *status;     /* update_status() text (str) or NULL */
    int64_t percent;
    unsigned flags;       /* sticky, prevent_blocking, block_eos, finalized */
    uint64_t clock_us;    /* hint_clock() */
    int64_t clock_num;
    uint64_t clock_den;
} PyFilterCustom;

/* PyFilterCustom.flags */
enum {
    PY_FC_STICKY = 1 << 0,
    PY_FC_PREVENT_BLOCKING = 1 << 1,
    PY_FC_BLOCK_EOS = 1 << 2,
    PY_FC_FINALIZED = 1 << 3, /* the engine finalized the filter: no more callbacks */
};

/* Appends one push_cap() cap to c and hands the table to f; -1 with MemoryError. */
int py_custom_caps_push(PyCustomClass *c, GpFilter *f, const GpCap *cap);
/* py_filter_custom_attrs.c: FilterCustom's methods and properties. */
extern PyMethodDef py_filter_custom_methods[];
extern PyGetSetDef py_filter_custom_getset[];

/* ================= py_pid.c: FilterPid ================= */

#ifndef Py_TPFLAGS_DISALLOW_INSTANTIATION
/* 3.9: the types only the binding creates clear tp_new after creation instead */
#define Py_TPFLAGS_DISALLOW_INSTANTIATION 0
#endif

/* Wrappers of dropped input packets a PID keeps for reuse (py_pid_pck.c): two, as the
 * loop variable still holds the previous one when the next get_packet() runs. */
#define PY_PID_SPARES 2

typedef struct PyPid {
    PyObject_HEAD
    PyObject *dict;
    PyObject *weakrefs;
    GpPid *pid;           /* NULL once the engine destroyed the PID */
    PyFilter *filter;     /* the filter holding this handle (strong) */
    PyObject *pck;        /* FilterPacket returned by get_packet() until drop_packet() */
    uint32_t drops;       /* drop_packet() calls: get_packet() notices one made by the
                           * configure_pid it may trigger (py_pid_pck.c) */
    PyObject *spare[PY_PID_SPARES]; /* dropped FilterPackets get_packet() may reuse */
    py_state *st;         /* the module's state (outlives the object: type -> module) */
} PyPid;

/* Wrapper of a PID handle held by filter `owner`: its udata, created when absent.
 * New reference. GIL. */
PyObject *py_pid_wrap(PyFilter *owner, GpPid *pid);
/* Called from the engine's PID notification: clears self->pid (and drops self->pck). */
void py_pid_detach(PyPid *self);
/* Raises GPACError when the PID is gone; -1 then, 0 when usable. */
int py_pid_check(PyPid *self);
/* __getattr__ of FilterPid and FilterPacket: reached only when called explicitly (C
 * types look attributes up with tp_getattro); raises AttributeError. It exists so that
 * the stubs may declare __getattr__/__setattr__ (scripts set their own attributes on
 * PIDs and packets) and still match the module. */
PyObject *py_attr_missing(PyObject *self, PyObject *name);
/* py_pid_pck.c: releases the spare packet wrappers (detach, clear). */
void py_pid_clear_spares(PyPid *self);
/* py_pid_pck.c: FilterPid methods that move packets, listed in py_pid.c's table. */
PyObject *py_pid_get_packet(PyObject *self, PyObject *unused);
PyObject *py_pid_drop_packet(PyObject *self, PyObject *unused);
PyObject *py_pid_forward(PyObject *self, PyObject *ipck);
PyObject *py_pid_new_pck(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames);
PyObject *py_pid_new_pck_ref(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames);
PyObject *py_pid_new_pck_shared(PyObject *self, PyObject *data);
PyObject *py_pid_new_pck_copy(PyObject *self, PyObject *ipck);
PyObject *py_pid_new_pck_clone(PyObject *self, PyObject *ipck);
/* py_pid_attrs.c: FilterPid's properties (name, eos, buffer...) and
 * resolve_template(). */
extern PyGetSetDef py_pid_getset[];
PyObject *py_pid_resolve_template(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                  PyObject *kwnames);

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
    py_state *st;         /* the module's state, for the per-packet paths */
} PyPacket;

/* New FilterPacket around pck. transfer: full on pck (the wrapper owns that reference).
 * pid may be NULL (detached). New reference. GIL. */
PyObject *py_packet_new(py_state *st, GpPacket *pck, PyPid *pid, PyPacketKind kind);
/* Called by drop_packet(): the engine dropped its queue reference; the wrapper gives
 * its own back unless ref() holds it. */
void py_packet_dropped(PyPacket *self);
/* The C packet of a FilterPacket argument, or NULL with TypeError / GPACError set. */
GpPacket *py_packet_arg(py_state *st, PyObject *obj, const char *what);

/* PyPacket.state; py_packet.c makes every transition. */
typedef enum PyPacketState {
    PY_PCK_LIVE = 0,      /* input: readable; output/detached: writable */
    PY_PCK_HELD = 1,      /* dropped or sent while ref()'ed: readable until unref() */
    PY_PCK_DROPPED = 2,   /* the states below hold no C reference: every use raises */
    PY_PCK_SENT = 3,
    PY_PCK_DISCARDED = 4,
    PY_PCK_GONE = 5,      /* its input PID was destroyed while get_packet() cached it */
} PyPacketState;

/* 0 when the packet can be read (write false) or modified (write true); else -1 with
 * GPACError ("packet used after send()", "Cannot <what> on source packet"...). */
int py_packet_check(PyPacket *self, bool write, const char *what);
/* Called by py_pid_detach for the packet get_packet() cached: it keeps its reference
 * only while ref()'ed, else becomes PY_PCK_GONE. */
void py_packet_pid_gone(PyPacket *self);
/* new_pck_shared: a packet over `data`'s buffer (held until the release), whose release
 * calls owner.packet_release(opid, pck) with this same FilterPacket. GIL. */
PyObject *py_packet_new_shared(py_state *st, PyPid *opid, PyObject *data);
/* new_pck_clone: gp_packet_new_clone from a FilterPacket, moving the input's memory when
 * only the input queue and this wrapper hold it (no ref(), no live array). New C
 * reference, or NULL with an exception. */
GpPacket *py_packet_new_clone(py_state *st, PyObject *ipck, GpPid *opid);
/* py_packet_fields.c: timing, flags and data of FilterPacket (getset table). */
extern PyGetSetDef py_packet_getset[];
/* FilterPacket's tp_getattro, with a fast path for py_packet_fast_names (interned in
 * py_state.pck_fast_names by py_module.c). */
PyObject *py_packet_getattro(PyObject *op, PyObject *name);
extern const char *const py_packet_fast_names[PY_PCK_FAST_NAMES];

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
 * names. Returns 0, or -1 with TypeError/ValueError (OverflowError for a number out of
 * its C range; Python exceptions from the value's own methods pass). value None is the
 * caller's case. */
int py_prop_from_python(py_state *st, uint32_t code, const char *name, PyObject *value,
                        int custom_type, GpPropValue *out);
/* Calls cb.on_prop_enum(name, value) for each entry of an enumeration; fn/ctx abstract
 * the source (PID or packet or filter). Returns 0 or -1 with the exception set. */
typedef const GpPropValue *(*PyPropEnumFn)(void *ctx, uint32_t *idx, uint32_t *code,
                                          const char **name);
int py_props_enum(py_state *st, PyObject *cb, PyPropEnumFn fn, void *ctx);
/* Reads num/den attributes (or int, or float as API.md 3.3) into a fraction: -1 +
 * TypeError when neither. lfrac: 64-bit, float scaled by 1e6 instead of 1e3.
 * (Also numerator/denominator, as fractions.Fraction; OverflowError out of range.) */
int py_fraction_from(PyObject *obj, bool lfrac, int64_t *num, uint64_t *den);
/* Reads attributes x, y (, z, w) of obj into out (type VEC2I, VEC2, VEC3I or VEC4I): -1
 * with TypeError when one is missing, OverflowError when an int does not fit int32. */
int py_vec_from(PyObject *obj, GpPropType type, GpPropValue *out);

/* ================= py_values.c: Fraction, PropVec*, PropData ================= */

PyObject *py_fraction_new(py_state *st, int32_t num, uint32_t den);
PyObject *py_fraction64_new(py_state *st, int64_t num, uint64_t den);
PyObject *py_vec_new(py_state *st, GpPropType type, const GpPropValue *v); /* VEC2I..VEC4I */
PyObject *py_propdata_new(py_state *st, const uint8_t *data, uint32_t size); /* copies */
/* Integer arguments (anything with __index__) checked against a C range: TypeError for
 * non-integers, OverflowError out of range; `what` names the value in messages. */
int py_value_sint(PyObject *obj, int64_t lo, int64_t hi, int64_t *out, const char *what);
int py_value_uint(PyObject *obj, uint64_t hi, uint64_t *out, const char *what);

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
/* FilterArg describing one option of a class's table (bytes fields, type an int). */
PyObject *py_stats_arg(py_state *st, const GpArg *arg);
/* BufferOccupancy of an input PID. */
PyObject *py_stats_buffer(py_state *st, GpPid *ipid);
/* GLTextureInfo(id, format) for FilterPacket.get_gl_texture(). */
PyObject *py_stats_gl_texture(py_state *st, uint32_t id, uint32_t format);

/* ================= py_logs.c: engine logs -> logging ================= */

/* Installs the engine log callback (queues messages from any thread). */
int py_logs_setup(PyObject *module, py_state *st);
/* Emits queued engine messages through logging.getLogger("gpac"). GIL, any time the
 * binding holds it outside an engine lock (after run(), in the periodic task). Returns
 * 0 or -1 with an exception set. */
int py_logs_flush(py_state *st);

/* ================= py_fileio.c, py_callbacks.c ================= */

/* FileIO and the gfio:// scheme. */
int py_fileio_setup(PyObject *module, py_state *st);
/* RMTHandler, HTTPOutRequest, DASHCustomAlgorithm. */
int py_callbacks_setup(PyObject *module, py_state *st);

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

/* py_module.c: fast-call argument unpacking shared by every binding file: fills out[0..nmax)
 * (NULL when not given) from positional and keyword arguments named `names`; the first
 * nreq are required. -1 with TypeError. */
int py_args_unpack(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames, const char *const *names, int nreq, int nmax,
                   PyObject **out);

/* Adds a type made from spec (with `base` as its base when not NULL, and the module as
 * its defining module) to the module under its short name; *slot gets a strong
 * reference. py_module.c. */
int py_add_type(PyObject *module, PyType_Spec *spec, PyObject *base, PyObject **slot);
/* The type py_add_type makes, not added to the module. New reference; NULL with an
 * exception. py_module.c. */
PyObject *py_new_type(PyObject *module, PyType_Spec *spec, PyObject *base);
/* Adds class `name`, made by type(name, bases, {...}) over C base types that have no
 * instance dict: the interpreter gives its instances a managed __dict__ (fast attribute
 * access in Python subclasses too). *slot gets a strong reference. py_module.c. */
int py_add_dict_class(PyObject *module, const char *name, PyObject *bases, const char *doc,
                      PyObject **slot);

#endif /* GP_PY_GPAC_H */
