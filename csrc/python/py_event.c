/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterEvent (API.md 2.7): a C GpEvent union held by value, and its member views
 * (evt.play, evt.seek...), small objects that keep the event alive and read and write
 * the union's fields in place, as the reference's ctypes union members do. The views
 * expose exactly the fields gp_event.h has. Sending an event is py_pid.c's business.
 *
 * Python equivalent:
 *
 *     class FilterEvent:                       # has a __dict__
 *         def __init__(self, evt_type=0): ...  # ValueError outside 0..GF_FEVT_LAST
 *         base: FEVT_Base                      # type, on_pid
 *         play: FEVT_Play                      # evt.play.start_range = 6.0 edits evt
 *         seek, attach_scene, user_event (user), quality_switch, visibility_hint,
 *         buffer_req, seg_size, frag_size, file_del, transport_hints (encode_hints), ntp
 *         def __str__(self): return gp_event_name(self.base.type)   # "PLAY"
 *
 * char* fields (seek.source_switch, seg_size.seg_url, file_del.url) read as bytes or
 * None. The event owns the bytes behind them (a copy of what the engine passed, or what
 * Python assigned): a pointer field reads None unless it points into bytes this event
 * owns, so a union member overwritten through another view never dereferences stale
 * bits, and py_event_arg() clears such a pointer before the engine sees the event. */
#include "py_gpac.h"

#include <stddef.h>
#include <string.h>

#include <structmember.h>

/* What a FilterEvent really is: PyEvent (the layout py_gpac.h shares) followed by the
 * bytes objects owning the strings of the char* fields, one slot per field. */
enum { EV_STR_SOURCE_SWITCH, EV_STR_SEG_URL, EV_STR_FILE_URL, EV_NB_STRS };

typedef struct PyEventFull {
    PyEvent base;
    PyObject *strs[EV_NB_STRS]; /* bytes or NULL */
} PyEventFull;

#define Event_CAST(op) ((PyEventFull *)(op))

/* A member view: the event it reads and writes (strong). */
typedef struct PyEventView {
    PyObject_HEAD
    PyObject *owner;
} PyEventView;

#define View_CAST(op) ((PyEventView *)(op))

/* Index of each view type in st->event_types. */
enum {
    EV_T_BASE, EV_T_PLAY, EV_T_SEEK, EV_T_ATTACH_SCENE, EV_T_USER, EV_T_QUALITY_SWITCH,
    EV_T_VISIBILITY_HINT, EV_T_BUFFER_REQ, EV_T_SEG_SIZE, EV_T_FRAG_SIZE, EV_T_FILE_DEL,
    EV_T_TRANSPORT_HINTS, EV_T_NTP,
    /* user_event.event and its union members */
    EV_T_UEVT, EV_T_MOUSE, EV_T_MTOUCH, EV_T_KEYS, EV_T_CHAR, EV_T_SIZE, EV_T_SHOW,
    EV_T_COUNT
};

#if EV_T_COUNT > PY_NB_EVENT_TYPES
#error "PY_NB_EVENT_TYPES (py_state.h) is too small for the FilterEvent member types"
#endif

/* How a field is stored in the union. */
typedef enum EvKind {
    EV_TYPE,   /* GpEventType: int 0..GP_FEVT_LAST */
    EV_PID,    /* GpPid *on_pid: the FilterPid in PyEvent.on_pid, or None */
    EV_U8,     /* uint8_t read as int */
    EV_BOOL,   /* uint8_t read as bool (GPAC's Bool fields) */
    EV_U32, EV_I32, EV_U64, EV_I64,
    EV_F64,    /* double */
    EV_STR,    /* const char *, owned through strs[arg] */
    EV_FRAC,   /* GpFrac -> Fraction (a copy: assign a new value to change it) */
    EV_FRAC64, /* GpFrac64 -> Fraction64 */
    EV_VIEW,   /* nested view of type event_types[arg] (read-only attribute) */
} EvKind;

typedef struct EvField {
    uint16_t offset; /* from the start of the union */
    uint8_t kind;    /* EvKind */
    uint8_t arg;     /* EV_STR: string slot; EV_VIEW: view type index */
    uint8_t alias;   /* another name of a field listed before: left out of repr() */
} EvField;

/* ---- field access ---- */

static PyObject *
event_view_new(py_state *st, PyObject *owner, int idx)
{
    PyTypeObject *tp = (PyTypeObject *)st->event_types[idx];
    PyEventView *v = (PyEventView *)tp->tp_alloc(tp, 0);
    if (!v)
        return NULL;
    Py_INCREF(owner);
    v->owner = owner;
    return (PyObject *)v;
}

static PyObject *
event_str_get(PyEventFull *ev, const char *ptr)
{
    if (ptr)
        for (int i = 0; i < EV_NB_STRS; i++)
            if (ev->strs[i] && PyBytes_AS_STRING(ev->strs[i]) == ptr) {
                Py_INCREF(ev->strs[i]);
                return ev->strs[i];
            }
    /* NULL, or bits of another member written over the pointer: never dereferenced */
    Py_RETURN_NONE;
}

/* An event type (GF_FEVT_*): TypeError for a non-integer, ValueError outside
 * 0..GP_FEVT_LAST. */
static int
event_type_from(PyObject *obj, uint32_t *out)
{
    uint64_t type;
    if (py_value_uint(obj, UINT64_MAX, &type, "event type") < 0) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError))
            return -1;
        PyErr_Clear(); /* house-style: negative or huge is reported as ValueError below */
        type = UINT64_MAX;
    }
    if (type > GP_FEVT_LAST) {
        PyErr_Format(PyExc_ValueError, "unknown event type %R (0..%d)", obj, GP_FEVT_LAST);
        return -1;
    }
    *out = (uint32_t)type;
    return 0;
}

static PyObject *
event_field_get(PyObject *owner, const EvField *fd)
{
    PyEventFull *ev = Event_CAST(owner);
    const char *p = (const char *)&ev->base.evt + fd->offset;
    uint8_t u8;
    uint32_t u32;
    int32_t i32;
    uint64_t u64;
    int64_t i64;
    double d;
    const char *s;
    GpFrac fr;
    GpFrac64 fr64;

    switch ((EvKind)fd->kind) {
    case EV_TYPE:
    case EV_U32:
        memcpy(&u32, p, sizeof(u32));
        return PyLong_FromUnsignedLong(u32);
    case EV_PID: {
        PyObject *pid = ev->base.on_pid ? ev->base.on_pid : Py_None;
        Py_INCREF(pid);
        return pid;
    }
    case EV_U8:
        memcpy(&u8, p, 1);
        return PyLong_FromLong(u8);
    case EV_BOOL:
        memcpy(&u8, p, 1);
        return PyBool_FromLong(u8 != 0);
    case EV_I32:
        memcpy(&i32, p, sizeof(i32));
        return PyLong_FromLong(i32);
    case EV_U64:
        memcpy(&u64, p, sizeof(u64));
        return PyLong_FromUnsignedLongLong(u64);
    case EV_I64:
        memcpy(&i64, p, sizeof(i64));
        return PyLong_FromLongLong(i64);
    case EV_F64:
        memcpy(&d, p, sizeof(d));
        return PyFloat_FromDouble(d);
    case EV_STR:
        memcpy(&s, p, sizeof(s));
        return event_str_get(ev, s);
    case EV_FRAC:
        memcpy(&fr, p, sizeof(fr));
        return py_fraction_new(py_state_of(owner), fr.num, fr.den);
    case EV_FRAC64:
        memcpy(&fr64, p, sizeof(fr64));
        return py_fraction64_new(py_state_of(owner), fr64.num, fr64.den);
    case EV_VIEW:
        return event_view_new(py_state_of(owner), owner, fd->arg);
    }
    PyErr_SetString(PyExc_SystemError, "FilterEvent: bad field kind");
    return NULL;
}

/* str (UTF-8) or bytes without NUL into the string slot, or None to clear. */
static int
event_str_set(PyEventFull *ev, char *p, int slot, PyObject *value)
{
    PyObject *b;
    if (value == Py_None) {
        b = NULL;
    } else if (PyUnicode_Check(value)) {
        b = PyUnicode_AsUTF8String(value);
        if (!b)
            return -1;
    } else if (PyBytes_Check(value)) {
        b = PyBytes_FromStringAndSize(PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value));
        if (!b)
            return -1;
    } else {
        PyErr_Format(PyExc_TypeError, "expected bytes, str or None, not %.100s",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    if (b && strlen(PyBytes_AS_STRING(b)) != (size_t)PyBytes_GET_SIZE(b)) {
        Py_DECREF(b);
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return -1;
    }
    const char *s = b ? PyBytes_AS_STRING(b) : NULL;
    memcpy(p, &s, sizeof(s));
    Py_XSETREF(ev->strs[slot], b);
    return 0;
}

static int
event_pid_set(PyEventFull *ev, PyObject *value)
{
    py_state *st = py_state_of((PyObject *)ev);
    if (value != Py_None && !PyObject_TypeCheck(value, (PyTypeObject *)st->FilterPid_Type)) {
        PyErr_Format(PyExc_TypeError, "on_pid must be a FilterPid or None, not %.100s",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    if (value == Py_None)
        value = NULL;
    ev->base.evt.base.on_pid = value ? ((PyPid *)value)->pid : NULL;
    Py_XINCREF(value);
    Py_XSETREF(ev->base.on_pid, value);
    return 0;
}

/* Integer fields by width (two's complement for the signed ones). */
static void
event_store(char *p, EvKind kind, uint64_t u)
{
    uint8_t u8 = (uint8_t)u;
    uint32_t u32 = (uint32_t)u;
    if (kind == EV_U8 || kind == EV_BOOL)
        memcpy(p, &u8, sizeof(u8));
    else if (kind == EV_U32 || kind == EV_I32)
        memcpy(p, &u32, sizeof(u32));
    else
        memcpy(p, &u, sizeof(u));
}

static int
event_field_set(PyObject *owner, const EvField *fd, PyObject *value)
{
    PyEventFull *ev = Event_CAST(owner);
    char *p = (char *)&ev->base.evt + fd->offset;
    uint64_t u;
    int64_t i;
    if (!value) {
        PyErr_SetString(PyExc_TypeError, "cannot delete a FilterEvent field");
        return -1;
    }
    switch ((EvKind)fd->kind) {
    case EV_TYPE: {
        uint32_t type;
        if (event_type_from(value, &type) < 0)
            return -1;
        ev->base.evt.base.type = (GpEventType)type;
        return 0;
    }
    case EV_PID:
        return event_pid_set(ev, value);
    case EV_U8:
    case EV_U32:
    case EV_U64:
        if (py_value_uint(value, fd->kind == EV_U8 ? UINT8_MAX
                                 : fd->kind == EV_U32 ? UINT32_MAX : UINT64_MAX, &u, "value") < 0)
            return -1;
        event_store(p, (EvKind)fd->kind, u);
        return 0;
    case EV_I32:
    case EV_I64: {
        bool narrow = fd->kind == EV_I32;
        if (py_value_sint(value, narrow ? INT32_MIN : INT64_MIN, narrow ? INT32_MAX : INT64_MAX,
                          &i, "value") < 0)
            return -1;
        event_store(p, (EvKind)fd->kind, (uint64_t)i);
        return 0;
    }
    case EV_BOOL: {
        int t = PyObject_IsTrue(value);
        if (t < 0)
            return -1;
        event_store(p, EV_BOOL, (uint64_t)t);
        return 0;
    }
    case EV_F64: {
        double d = PyFloat_AsDouble(value);
        if (d == -1.0 && PyErr_Occurred())
            return -1;
        memcpy(p, &d, sizeof(d));
        return 0;
    }
    case EV_STR:
        return event_str_set(ev, p, fd->arg, value);
    case EV_FRAC:
    case EV_FRAC64: {
        bool wide = fd->kind == EV_FRAC64;
        if (py_fraction_from(value, wide, &i, &u) < 0)
            return -1;
        if (wide) {
            GpFrac64 f = {i, u};
            memcpy(p, &f, sizeof(f));
        } else {
            GpFrac f = {(int32_t)i, (uint32_t)u};
            memcpy(p, &f, sizeof(f));
        }
        return 0;
    }
    case EV_VIEW:
        break;
    }
    PyErr_SetString(PyExc_AttributeError, "FilterEvent member views cannot be replaced");
    return -1;
}

/* ---- member views ---- */

/* A view cleared by the GC (reachable only from a finalizer) has no event left. */
static PyObject *
view_owner(PyObject *op)
{
    PyObject *owner = View_CAST(op)->owner;
    if (!owner)
        PyErr_SetString(PyExc_ReferenceError, "FilterEvent member view was cleared");
    return owner;
}

static PyObject *
view_get(PyObject *op, void *closure)
{
    PyObject *owner = view_owner(op);
    return owner ? event_field_get(owner, (const EvField *)closure) : NULL;
}

static int
view_set(PyObject *op, PyObject *value, void *closure)
{
    PyObject *owner = view_owner(op);
    return owner ? event_field_set(owner, (const EvField *)closure, value) : -1;
}

static int
view_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(View_CAST(op)->owner);
    return 0;
}

static int
view_clear(PyObject *op)
{
    Py_CLEAR(View_CAST(op)->owner);
    return 0;
}

static void
view_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    PyObject_GC_UnTrack(op);
    (void)view_clear(op);
    tp->tp_free(op);
    Py_DECREF(tp);
}

/* "FEVT_Play(type=1, on_pid=None, start_range=0.0, ...)": the scalar fields. */
static PyObject *
view_repr(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    const char *dot = strrchr(tp->tp_name, '.');
    if (!view_owner(op))
        return NULL;
    PyObject *parts = PyList_New(0), *res = NULL, *sep = NULL, *body = NULL;
    if (!parts)
        return NULL;
    for (PyGetSetDef *gs = tp->tp_getset; gs && gs->name; gs++) {
        const EvField *fd = (const EvField *)gs->closure;
        if (!fd || fd->kind == EV_VIEW || fd->alias)
            continue;
        PyObject *v = event_field_get(View_CAST(op)->owner, fd);
        PyObject *item = v ? PyUnicode_FromFormat("%s=%R", gs->name, v) : NULL;
        Py_XDECREF(v);
        if (!item || PyList_Append(parts, item) < 0) {
            Py_XDECREF(item);
            goto done;
        }
        Py_DECREF(item);
    }
    sep = PyUnicode_FromString(", ");
    body = sep ? PyUnicode_Join(sep, parts) : NULL;
    if (body)
        res = PyUnicode_FromFormat("%s(%U)", dot ? dot + 1 : tp->tp_name, body);
done:
    Py_XDECREF(body);
    Py_XDECREF(sep);
    Py_DECREF(parts);
    return res;
}

/* getset entries: closures are static compound literals (file scope) */
#define EVF(S, f, kind, arg, alias)                                                     \
    ((void *)&(const EvField){(uint16_t)offsetof(S, f), (kind), (arg), (alias)})
#define RW(name, S, f, kind) {name, view_get, view_set, NULL, EVF(S, f, kind, 0, 0)}
#define FLD(S, f, kind) RW(#f, S, f, kind)
#define RW_ALIAS(name, S, f, kind) {name, view_get, view_set, NULL, EVF(S, f, kind, 0, 1)}
#define STR(name, S, f, slot) {name, view_get, view_set, NULL, EVF(S, f, EV_STR, slot, 0)}
#define VIEW(name, idx) {name, view_get, NULL, NULL, EVF(GpEventBase, type, EV_VIEW, idx, 0)}
#define BASE_FIELDS FLD(GpEventBase, type, EV_TYPE), FLD(GpEventBase, on_pid, EV_PID)
#define GS_END {NULL, NULL, NULL, NULL, NULL}

static PyGetSetDef base_getset[] = {BASE_FIELDS, GS_END};

static PyGetSetDef play_getset[] = {
    BASE_FIELDS, FLD(GpEventPlay, start_range, EV_F64), FLD(GpEventPlay, end_range, EV_F64),
    FLD(GpEventPlay, speed, EV_F64), FLD(GpEventPlay, from_pck, EV_U32),
    FLD(GpEventPlay, hw_buffer_reset, EV_U8), FLD(GpEventPlay, initial_broadcast_play, EV_U8),
    FLD(GpEventPlay, timestamp_based, EV_U8), FLD(GpEventPlay, full_file_only, EV_U8),
    FLD(GpEventPlay, forced_dash_segment_switch, EV_U8), FLD(GpEventPlay, drop_non_ref, EV_U8),
    FLD(GpEventPlay, no_byterange_forward, EV_U8), FLD(GpEventPlay, to_pck, EV_U32),
    FLD(GpEventPlay, orig_delay, EV_I64), FLD(GpEventPlay, hint_first_dts, EV_U64),
    FLD(GpEventPlay, hint_start_offset, EV_U64), FLD(GpEventPlay, hint_end_offset, EV_U64), GS_END,
};

static PyGetSetDef seek_getset[] = {
    BASE_FIELDS, FLD(GpEventSeek, start_offset, EV_U64), FLD(GpEventSeek, end_offset, EV_U64),
    STR("source_switch", GpEventSeek, source_switch, EV_STR_SOURCE_SWITCH),
    FLD(GpEventSeek, is_init_segment, EV_BOOL), FLD(GpEventSeek, skip_cache_expiration, EV_BOOL),
    FLD(GpEventSeek, hint_block_size, EV_U32), GS_END,
};

/* ATTACH_SCENE: the engine has no scene graph, so no odm/node fields */
static PyGetSetDef attach_scene_getset[] = {BASE_FIELDS, GS_END};

static PyGetSetDef user_getset[] = {BASE_FIELDS, VIEW("event", EV_T_UEVT), GS_END};

static PyGetSetDef quality_switch_getset[] = {
    BASE_FIELDS, FLD(GpEventQualitySwitch, up, EV_BOOL),
    FLD(GpEventQualitySwitch, dependent_group_index, EV_U32),
    FLD(GpEventQualitySwitch, q_idx, EV_I32),
    FLD(GpEventQualitySwitch, set_tile_mode_plus_one, EV_U32),
    FLD(GpEventQualitySwitch, quality_degradation, EV_U32), GS_END,
};

static PyGetSetDef visibility_hint_getset[] = {
    BASE_FIELDS, FLD(GpEventVisibilityHint, min_x, EV_U32),
    FLD(GpEventVisibilityHint, max_x, EV_U32), FLD(GpEventVisibilityHint, min_y, EV_U32),
    FLD(GpEventVisibilityHint, max_y, EV_U32), FLD(GpEventVisibilityHint, is_gaze, EV_BOOL), GS_END,
};

static PyGetSetDef buffer_req_getset[] = {
    BASE_FIELDS, FLD(GpEventBufferReq, max_buffer_us, EV_U32),
    FLD(GpEventBufferReq, max_playout_us, EV_U32), FLD(GpEventBufferReq, min_playout_us, EV_U32),
    FLD(GpEventBufferReq, pid_only, EV_BOOL), GS_END,
};

static PyGetSetDef seg_size_getset[] = {
    BASE_FIELDS, STR("seg_url", GpEventSegmentSize, seg_url, EV_STR_SEG_URL),
    FLD(GpEventSegmentSize, is_init, EV_BOOL), FLD(GpEventSegmentSize, media_range_start, EV_U64),
    FLD(GpEventSegmentSize, media_range_end, EV_U64),
    FLD(GpEventSegmentSize, idx_range_start, EV_U64),
    FLD(GpEventSegmentSize, idx_range_end, EV_U64), FLD(GpEventSegmentSize, is_shift, EV_U8),
    GS_END,
};

static PyGetSetDef frag_size_getset[] = {
    BASE_FIELDS, FLD(GpEventFragmentSize, is_last, EV_BOOL),
    FLD(GpEventFragmentSize, offset, EV_U64), FLD(GpEventFragmentSize, size, EV_U32),
    FLD(GpEventFragmentSize, duration, EV_FRAC64), FLD(GpEventFragmentSize, independent, EV_BOOL),
    GS_END,
};

static PyGetSetDef file_del_getset[] = {
    BASE_FIELDS, STR("url", GpEventFileDelete, url, EV_STR_FILE_URL), GS_END,
};

static PyGetSetDef transport_hints_getset[] = {
    BASE_FIELDS, FLD(GpEventTransportHints, flags, EV_U32),
    FLD(GpEventTransportHints, seg_duration, EV_FRAC),
    FLD(GpEventTransportHints, gen_dsi_only, EV_BOOL),
    FLD(GpEventTransportHints, wait_seg_boundary, EV_BOOL),
    /* the [old] encode_hints name of seg_duration */
    RW_ALIAS("intra_period", GpEventTransportHints, seg_duration, EV_FRAC), GS_END,
};

static PyGetSetDef ntp_getset[] = {BASE_FIELDS, FLD(GpEventNtp, ntp, EV_U64), GS_END};

/* user_event.event: GPAC's GF_Event union, laid over the flat GpEventUser; `type` of
 * every member is GpEventUser.kind */
#define UTYPE RW("type", GpEventUser, kind, EV_U32)
#define UWIN FLD(GpEventUser, window_id, EV_U32)

static PyGetSetDef uevt_getset[] = {
    UTYPE, VIEW("mouse", EV_T_MOUSE), VIEW("mtouch", EV_T_MTOUCH), VIEW("keys", EV_T_KEYS),
    VIEW("char", EV_T_CHAR), VIEW("size", EV_T_SIZE), VIEW("show", EV_T_SHOW), GS_END,
};

static PyGetSetDef mouse_getset[] = {
    UTYPE, FLD(GpEventUser, x, EV_I32), FLD(GpEventUser, y, EV_I32),
    FLD(GpEventUser, wheel, EV_I32), FLD(GpEventUser, button, EV_I32),
    FLD(GpEventUser, keys, EV_I32), UWIN, GS_END,
};

/* no rotation/pinch/num_fingers in GpEventUser */
static PyGetSetDef mtouch_getset[] = {
    UTYPE, FLD(GpEventUser, x, EV_I32), FLD(GpEventUser, y, EV_I32), UWIN, GS_END,
};

static PyGetSetDef keys_getset[] = {
    UTYPE, FLD(GpEventUser, key_code, EV_I32), FLD(GpEventUser, hw_code, EV_I32),
    FLD(GpEventUser, flags, EV_I32), UWIN, GS_END,
};

static PyGetSetDef char_getset[] = {
    UTYPE, FLD(GpEventUser, unicode_char, EV_U32), UWIN, GS_END,
};

/* no orientation in GpEventUser */
static PyGetSetDef size_getset[] = {
    UTYPE, FLD(GpEventUser, width, EV_U32), FLD(GpEventUser, height, EV_U32), UWIN, GS_END,
};

/* no show_type in GpEventUser */
static PyGetSetDef show_getset[] = {UTYPE, UWIN, GS_END};

typedef struct ViewDef {
    const char *name;
    const char *doc;
    PyGetSetDef *getset;
} ViewDef;

/* type name (after "gpac._gpac."), docstring, fields */
#define VDEF(idx, name, doc, getset) [idx] = {"gpac._gpac." name, doc, getset}

static const ViewDef view_defs[EV_T_COUNT] = {
    VDEF(EV_T_BASE, "FEVT_Base", "evt.base: type and on_pid.", base_getset),
    VDEF(EV_T_PLAY, "FEVT_Play", "evt.play (PLAY, SET_SPEED).", play_getset),
    VDEF(EV_T_SEEK, "FEVT_SourceSeek", "evt.seek (SOURCE_SEEK, SOURCE_SWITCH).", seek_getset),
    VDEF(EV_T_ATTACH_SCENE, "FEVT_AttachScene", "evt.attach_scene.", attach_scene_getset),
    VDEF(EV_T_USER, "FEVT_UserEvent", "evt.user_event, evt.user (USER).", user_getset),
    VDEF(EV_T_QUALITY_SWITCH, "FEVT_QualitySwitch", "evt.quality_switch.", quality_switch_getset),
    VDEF(EV_T_VISIBILITY_HINT, "FEVT_VisibilityHint", "evt.visibility_hint.",
         visibility_hint_getset),
    VDEF(EV_T_BUFFER_REQ, "FEVT_BufferRequirement", "evt.buffer_req.", buffer_req_getset),
    VDEF(EV_T_SEG_SIZE, "FEVT_SegmentSize", "evt.seg_size (SEGMENT_SIZE).", seg_size_getset),
    VDEF(EV_T_FRAG_SIZE, "FEVT_FragmentSize", "evt.frag_size.", frag_size_getset),
    VDEF(EV_T_FILE_DEL, "FEVT_FileDelete", "evt.file_del (FILE_DELETE).", file_del_getset),
    VDEF(EV_T_TRANSPORT_HINTS, "FEVT_TransportHints", "evt.transport_hints, evt.encode_hints.",
         transport_hints_getset),
    VDEF(EV_T_NTP, "FEVT_NTPRef", "evt.ntp (NTP_REF).", ntp_getset),
    VDEF(EV_T_UEVT, "EVT_base", "evt.user_event.event: the UI event union.", uevt_getset),
    VDEF(EV_T_MOUSE, "EVT_mouse", "Mouse event fields.", mouse_getset),
    VDEF(EV_T_MTOUCH, "EVT_mtouch", "Multitouch event fields.", mtouch_getset),
    VDEF(EV_T_KEYS, "EVT_keys", "Key event fields.", keys_getset),
    VDEF(EV_T_CHAR, "EVT_char", "Text input event fields.", char_getset),
    VDEF(EV_T_SIZE, "EVT_size", "Window size event fields.", size_getset),
    VDEF(EV_T_SHOW, "EVT_show", "Window show event fields.", show_getset),
};

/* ---- FilterEvent ---- */

/* The char* fields the engine reads for an event of this type. */
static int
event_type_str_slot(uint32_t type, size_t *offset)
{
    switch (type) {
    case GP_FEVT_SOURCE_SEEK:
    case GP_FEVT_SOURCE_SWITCH:
        *offset = offsetof(GpEventSeek, source_switch);
        return EV_STR_SOURCE_SWITCH;
    case GP_FEVT_SEGMENT_SIZE:
        *offset = offsetof(GpEventSegmentSize, seg_url);
        return EV_STR_SEG_URL;
    case GP_FEVT_FILE_DELETE:
        *offset = offsetof(GpEventFileDelete, url);
        return EV_STR_FILE_URL;
    default:
        return -1;
    }
}

PyObject *
py_event_new(py_state *st, const GpEvent *evt, PyObject *on_pid_obj)
{
    PyTypeObject *tp = (PyTypeObject *)st->FilterEvent_Type;
    PyObject *op = tp->tp_alloc(tp, 0);
    if (!op)
        return NULL;
    PyEventFull *ev = Event_CAST(op);
    ev->base.evt = *evt;
    Py_XINCREF(on_pid_obj);
    ev->base.on_pid = on_pid_obj;
    /* the engine's strings live as long as its event: keep a copy */
    size_t off;
    int slot = event_type_str_slot(evt->base.type, &off);
    if (slot >= 0) {
        const char *s;
        memcpy(&s, (const char *)evt + off, sizeof(s));
        PyObject *b = s ? PyBytes_FromString(s) : NULL;
        if (s && !b) {
            Py_DECREF(op);
            return NULL;
        }
        const char *own = b ? PyBytes_AS_STRING(b) : NULL;
        memcpy((char *)&ev->base.evt + off, &own, sizeof(own));
        ev->strs[slot] = b;
    }
    return op;
}

GpEvent *
py_event_arg(py_state *st, PyObject *obj)
{
    if (!PyObject_TypeCheck(obj, (PyTypeObject *)st->FilterEvent_Type)) {
        PyErr_Format(PyExc_TypeError, "expected a FilterEvent, not %.100s",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    PyEventFull *ev = Event_CAST(obj);
    GpEvent *evt = &ev->base.evt;
    size_t off;
    int slot = event_type_str_slot(evt->base.type, &off);
    if (slot >= 0) {
        const char *s;
        memcpy(&s, (const char *)evt + off, sizeof(s));
        PyObject *owned = event_str_get(ev, s); /* None unless owned */
        if (!owned)
            return NULL;
        if (owned == Py_None) {
            s = NULL; /* overwritten through another member: never hand it out */
            memcpy((char *)evt + off, &s, sizeof(s));
        }
        Py_DECREF(owned);
    }
    /* the PID may have been destroyed since on_pid was set */
    if (ev->base.on_pid && PyObject_TypeCheck(ev->base.on_pid,
                                              (PyTypeObject *)st->FilterPid_Type))
        evt->base.on_pid = ((PyPid *)ev->base.on_pid)->pid;
    return evt;
}

static PyObject *
event_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"evt_type", NULL};
    PyObject *type_obj = NULL;
    uint32_t type = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O:FilterEvent", kwlist, &type_obj))
        return NULL;
    if (type_obj && event_type_from(type_obj, &type) < 0)
        return NULL;
    PyEventFull *ev = (PyEventFull *)tp->tp_alloc(tp, 0);
    if (!ev)
        return NULL;
    gp_event_init(&ev->base.evt, (GpEventType)type, NULL);
    return (PyObject *)ev;
}

static int
event_traverse(PyObject *op, visitproc visit, void *arg)
{
    PyEventFull *ev = Event_CAST(op);
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(ev->base.dict);
    Py_VISIT(ev->base.on_pid);
    for (int i = 0; i < EV_NB_STRS; i++)
        Py_VISIT(ev->strs[i]);
    return 0;
}

static int
event_clear(PyObject *op)
{
    PyEventFull *ev = Event_CAST(op);
    Py_CLEAR(ev->base.dict);
    Py_CLEAR(ev->base.on_pid);
    ev->base.evt.base.on_pid = NULL;
    /* the strings stay: the pointers into them must stay valid while op exists */
    return 0;
}

static void
event_dealloc(PyObject *op)
{
    PyEventFull *ev = Event_CAST(op);
    PyTypeObject *tp = Py_TYPE(op);
    PyObject_GC_UnTrack(op);
    (void)event_clear(op);
    for (int i = 0; i < EV_NB_STRS; i++)
        Py_CLEAR(ev->strs[i]);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyObject *
event_str(PyObject *op)
{
    return PyUnicode_FromString(gp_event_name(Event_CAST(op)->base.evt.base.type));
}

static PyObject *
event_repr(PyObject *op)
{
    uint32_t type = Event_CAST(op)->base.evt.base.type;
    return PyUnicode_FromFormat("<FilterEvent %s (%u)>", gp_event_name(type), type);
}

/* evt.<member>: a new view each time, sharing this event's storage */
static PyObject *
event_member_get(PyObject *op, void *closure)
{
    return event_field_get(op, (const EvField *)closure);
}

#define MEMBER(name, idx)                                                               \
    {name, event_member_get, NULL, NULL, EVF(GpEventBase, type, EV_VIEW, idx, 0)}

static PyGetSetDef event_getset[] = {
    MEMBER("base", EV_T_BASE), MEMBER("play", EV_T_PLAY), MEMBER("seek", EV_T_SEEK),
    MEMBER("attach_scene", EV_T_ATTACH_SCENE), MEMBER("user_event", EV_T_USER),
    MEMBER("user", EV_T_USER), MEMBER("quality_switch", EV_T_QUALITY_SWITCH),
    MEMBER("visibility_hint", EV_T_VISIBILITY_HINT), MEMBER("buffer_req", EV_T_BUFFER_REQ),
    MEMBER("seg_size", EV_T_SEG_SIZE), MEMBER("frag_size", EV_T_FRAG_SIZE),
    MEMBER("file_del", EV_T_FILE_DEL), MEMBER("transport_hints", EV_T_TRANSPORT_HINTS),
    MEMBER("encode_hints", EV_T_TRANSPORT_HINTS), MEMBER("ntp", EV_T_NTP), GS_END,
};

static PyMemberDef event_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(PyEvent, dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

PyDoc_STRVAR(event_doc,
             "FilterEvent(evt_type=0)\n--\n\n"
             "A filter event (API.md 2.7), zero-filled, of type evt_type (GF_FEVT_*; a\n"
             "type above GF_FEVT_LAST raises ValueError). Its members (base, play, seek,\n"
             "user_event, buffer_req, ...) are views of one C union: writing\n"
             "evt.play.start_range = 6.0 changes this event. Send it with\n"
             "FilterPid.send_event(). str() is the type name ('PLAY').");

static PyType_Slot event_slots[] = {
    {Py_tp_doc, (void *)event_doc},
    {Py_tp_new, event_new},
    {Py_tp_dealloc, event_dealloc},
    {Py_tp_traverse, event_traverse},
    {Py_tp_clear, event_clear},
    {Py_tp_str, event_str},
    {Py_tp_repr, event_repr},
    {Py_tp_getset, event_getset},
    {Py_tp_members, event_members},
    {0, NULL},
};

static PyType_Spec event_spec = {
    .name = "gpac._gpac.FilterEvent",
    .basicsize = sizeof(PyEventFull),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = event_slots,
};

int
py_event_setup(PyObject *module, py_state *st)
{
    for (int i = 0; i < EV_T_COUNT; i++) {
        PyType_Slot slots[] = {
            {Py_tp_doc, (void *)view_defs[i].doc},
            {Py_tp_dealloc, view_dealloc},
            {Py_tp_traverse, view_traverse},
            {Py_tp_clear, view_clear},
            {Py_tp_repr, view_repr},
            {Py_tp_getset, view_defs[i].getset},
            {0, NULL},
        };
        PyType_Spec spec = {
            .name = view_defs[i].name,
            .basicsize = sizeof(PyEventView),
            .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
                     Py_TPFLAGS_DISALLOW_INSTANTIATION,
            .slots = slots,
        };
        if (py_add_type(module, &spec, NULL, &st->event_types[i]) < 0)
            return -1;
    }
    return py_add_type(module, &event_spec, NULL, &st->FilterEvent_Type);
}
