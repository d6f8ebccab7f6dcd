/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FilterPid attributes (API.md 2.5: name, eos, buffer levels...) as one getter and a
 * few setters switching on the field id, and resolve_template() ($KEYWORD$ templates,
 * API.md 4.4). The type is py_pid.c's.
 *
 * Python equivalent:
 *
 *     name: str                       # rw (output PIDs)
 *     filter_name: str                # producer's instance name
 *     eos: bool                       # input: EOS reached; output: any assignment sends EOS
 *     has_seen_eos, eos_received, would_block, sparse, buffer_full, first_empty,
 *     playing: bool
 *     max_buffer: int                 # rw, µs (input PIDs)
 *     buffer, buffer_total: int       # µs queued
 *     first_cts: int | None; nb_pck_queued, timescale, min_pck_dur, next_ts: int
 *     def resolve_template(self, template, file_idx=0, suffix=None) -> str: ...
 */
#include "py_gpac.h"

#include <string.h>

#define Pid_CAST(op) ((PyPid *)(op))

typedef enum PidField {
    PA_NAME, PA_FILTER_NAME, PA_EOS, PA_HAS_SEEN_EOS, PA_EOS_RECEIVED, PA_WOULD_BLOCK,
    PA_SPARSE, PA_MAX_BUFFER, PA_BUFFER, PA_BUFFER_FULL, PA_BUFFER_TOTAL, PA_FIRST_EMPTY,
    PA_FIRST_CTS, PA_NB_QUEUED, PA_TIMESCALE, PA_MIN_PCK_DUR, PA_PLAYING, PA_NEXT_TS,
} PidField;

#define FIELD_ID(closure) ((PidField)(intptr_t)(closure))

static PyObject *
pid_text(const char *s)
{
    return PyUnicode_DecodeUTF8(s ? s : "", s ? (Py_ssize_t)strlen(s) : 0, "replace");
}

/* Input buffer full: at its duration limit (when one is set) or, for an output PID,
 * one consumer's queue is full. */
static bool
pid_buffer_full(GpPid *pid)
{
    if (gp_pid_is_output(pid))
        return gp_pid_would_block(pid);
    uint32_t max = gp_pid_get_max_buffer(pid);
    return max && gp_pid_buffer_duration_us(pid) >= max;
}

static PyObject *
pid_attr_get(PyObject *op, void *closure)
{
    PyPid *self = Pid_CAST(op);
    if (py_pid_check(self) < 0)
        return NULL;
    GpPid *pid = self->pid;
    bool out = gp_pid_is_output(pid);
    uint64_t cts = 0;
    switch (FIELD_ID(closure)) {
    case PA_NAME: return pid_text(gp_pid_name(pid));
    case PA_FILTER_NAME: {
        GpFilter *f = gp_pid_source_filter(pid);
        return pid_text(f ? gp_filter_name(f) : NULL);
    }
    case PA_EOS: return PyBool_FromLong(out ? gp_pid_has_seen_eos(pid) : gp_pid_is_eos(pid));
    case PA_HAS_SEEN_EOS: return PyBool_FromLong(gp_pid_has_seen_eos(pid));
    case PA_EOS_RECEIVED: return PyBool_FromLong(gp_pid_eos_received(pid));
    case PA_WOULD_BLOCK: return PyBool_FromLong(gp_pid_would_block(pid));
    case PA_SPARSE: Py_RETURN_FALSE;
    case PA_MAX_BUFFER: return PyLong_FromUnsignedLong(gp_pid_get_max_buffer(pid));
    case PA_BUFFER:
    case PA_BUFFER_TOTAL: return PyLong_FromUnsignedLongLong(gp_pid_buffer_duration_us(pid));
    case PA_BUFFER_FULL: return PyBool_FromLong(pid_buffer_full(pid));
    case PA_FIRST_EMPTY: return PyBool_FromLong(!gp_pid_nb_packets_queued(pid));
    case PA_FIRST_CTS:
        if (!gp_pid_first_cts(pid, &cts))
            Py_RETURN_NONE;
        return PyLong_FromUnsignedLongLong(cts);
    case PA_NB_QUEUED: return PyLong_FromUnsignedLong(gp_pid_nb_packets_queued(pid));
    case PA_TIMESCALE:
        return PyLong_FromUnsignedLong(gp_pid_get_uint(pid, GP_P_TIMESCALE, 0));
    case PA_MIN_PCK_DUR: return PyLong_FromLong(0);
    case PA_PLAYING: return PyBool_FromLong(gp_pid_is_playing(pid));
    case PA_NEXT_TS:
        return PyLong_FromUnsignedLongLong(gp_pid_first_cts(pid, &cts) ? cts : GP_NO_TS);
    }
    PyErr_SetString(PyExc_SystemError, "unknown FilterPid attribute");
    return NULL;
}

static int
pid_attr_set(PyObject *op, PyObject *value, void *closure)
{
    PyPid *self = Pid_CAST(op);
    py_state *st = py_state_of(op);
    PidField id = FIELD_ID(closure);
    static const char *const names[] = {[PA_NAME] = "name", [PA_EOS] = "eos",
                                        [PA_MAX_BUFFER] = "max_buffer"};
    if (!value) {
        PyErr_Format(PyExc_AttributeError, "cannot delete FilterPid.%s", names[id]);
        return -1;
    }
    if (py_pid_check(self) < 0)
        return -1;
    GpPid *pid = self->pid;
    bool out = gp_pid_is_output(pid);
    if (out != (id != PA_MAX_BUFFER)) {
        char msg[80];
        PyOS_snprintf(msg, sizeof(msg), "Cannot set %s on %s PID", names[id],
                      out ? "output" : "input");
        py_err_set(st, GP_BAD_PARAM, NULL, msg, NULL);
        return -1;
    }
    if (id == PA_EOS) { /* GPAC: any assignment, even False, signals end of stream */
        gp_pid_set_eos(pid);
        return 0;
    }
    if (id == PA_MAX_BUFFER) {
        uint64_t us;
        if (py_value_uint(value, UINT32_MAX, &us, "max_buffer") < 0)
            return -1;
        gp_pid_set_max_buffer(pid, (uint32_t)us);
        return 0;
    }
    if (!PyUnicode_Check(value)) {
        PyErr_Format(PyExc_TypeError, "FilterPid.name must be str, not %.100s",
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    Py_ssize_t len;
    const char *text = PyUnicode_AsUTF8AndSize(value, &len);
    if (!text)
        return -1;
    if ((size_t)len != strlen(text)) {
        PyErr_SetString(PyExc_ValueError, "FilterPid.name: embedded null character");
        return -1;
    }
    GpErr e = gp_pid_set_name(pid, text);
    if (e != GP_OK) {
        py_err_set(st, e, NULL, "FilterPid.name", NULL);
        return -1;
    }
    return 0;
}

/* ---- resolve_template (API.md 4.4) ---- */

/* StreamType short names ($Type$), as GPAC's gf_stream_type_short_name. */
static const char *
pid_stream_short_name(uint32_t st)
{
    static const struct { uint32_t v; const char *name; } names[] = {
        {GP_STREAM_OD, "od"},        {GP_STREAM_OCR, "ocr"},       {GP_STREAM_SCENE, "scene"},
        {GP_STREAM_VISUAL, "video"}, {GP_STREAM_AUDIO, "audio"},   {GP_STREAM_MPEG7, "mpeg7"},
        {GP_STREAM_IPMP, "ipmp"},    {GP_STREAM_OCI, "oci"},       {GP_STREAM_MPEGJ, "mpegj"},
        {GP_STREAM_INTERACT, "interact"}, {GP_STREAM_FONT, "font"}, {GP_STREAM_TEXT, "text"},
        {GP_STREAM_METADATA, "meta"}, {GP_STREAM_ENCRYPTED, "crypt"}, {GP_STREAM_FILE, "file"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].v == st)
            return names[i].name;
    return "unknown";
}

/* Property value by built-in name/4CC or custom name as a Python object; NULL without
 * an exception when absent. */
static PyObject *
tpl_prop(py_state *st, GpPid *pid, const char *key)
{
    const GpPropInfo *info = gp_props_find(key);
    uint32_t code = info ? info->code : 0;
    const GpPropValue *v = gp_pid_get_prop(pid, code, info ? NULL : key);
    return v ? py_prop_to_python(st, code, v) : NULL;
}

/* $File$: the source's base name without extension. */
static PyObject *
tpl_file(GpPid *pid)
{
    const GpPropValue *v = gp_pid_get_prop(pid, GP_P_FILEPATH, NULL);
    if (!v || v->type != GP_PROP_STRING)
        v = gp_pid_get_prop(pid, GP_P_URL, NULL);
    if (!v || v->type != GP_PROP_STRING || !v->value.string)
        return NULL;
    const char *s = v->value.string;
    const char *base = strrchr(s, '/');
    base = base ? base + 1 : s;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return PyUnicode_DecodeUTF8(base, (Py_ssize_t)len, "replace");
}

/* Value of one keyword (without its format), or NULL: unknown (no exception) or error. */
static PyObject *
tpl_value(py_state *st, PyPid *self, const char *key, long long file_idx, PyObject *suffix)
{
    GpPid *pid = self->pid;
    PyPacket *pck = (PyPacket *)self->pck;
    if (!strcmp(key, "num"))
        return PyLong_FromLongLong(file_idx);
    if (!strcmp(key, "FS")) {
        if (suffix && suffix != Py_None)
            return PyObject_Str(suffix);
        return PyUnicode_FromString("");
    }
    if (!strcmp(key, "PID"))
        return PyLong_FromUnsignedLong(gp_pid_get_uint(pid, GP_P_ID, 0));
    if (!strcmp(key, "Type") || !strcmp(key, "OType"))
        return PyUnicode_FromString(
            pid_stream_short_name(gp_pid_get_uint(pid, GP_P_STREAM_TYPE, 0)));
    if (!strcmp(key, "File"))
        return tpl_file(pid);
    if (!strcmp(key, "URL")) {
        PyObject *u = tpl_prop(st, pid, "URL");
        return u || PyErr_Occurred() ? u : tpl_prop(st, pid, "SourcePath");
    }
    if (!strncmp(key, "p4cc=", 5) || !strncmp(key, "pname=", 6))
        return tpl_prop(st, pid, strchr(key, '=') + 1);
    if (pck && pck->pck && (!strcmp(key, "cts") || !strcmp(key, "dts") ||
                            !strcmp(key, "dur") || !strcmp(key, "sap"))) {
        const GpPacketInfo *i = gp_packet_info_const(pck->pck);
        uint64_t v = key[0] == 'c' ? i->cts : key[0] == 'd' && key[1] == 't' ? i->dts
                   : key[0] == 'd' ? i->dur : i->sap;
        return PyLong_FromUnsignedLongLong(v);
    }
    return tpl_prop(st, pid, key);
}

/* Appends the resolution of keyword `kw` (text between the '$'): its value formatted
 * with an optional "%05d"-style spec, or the keyword as written when unknown. */
static int
tpl_keyword(py_state *st, PyPid *self, PyObject *parts, const char *kw, long long file_idx,
            PyObject *suffix)
{
    char key[128];
    const char *pct = strchr(kw, '%');
    size_t klen = pct ? (size_t)(pct - kw) : strlen(kw);
    PyObject *piece;
    if (klen >= sizeof(key))
        klen = sizeof(key) - 1;
    memcpy(key, kw, klen);
    key[klen] = 0;
    PyObject *v = tpl_value(st, self, key, file_idx, suffix);
    if (!v && PyErr_Occurred())
        return -1;
    if (!v) {
        piece = PyUnicode_FromFormat("$%s$", kw);
    } else if (pct) { /* "%05d" -> format(v, "05d") */
        PyObject *spec = PyUnicode_FromString(pct + 1);
        piece = spec ? PyObject_Format(v, spec) : NULL;
        Py_XDECREF(spec);
    } else {
        piece = PyObject_Str(v);
    }
    Py_XDECREF(v);
    if (!piece)
        return -1;
    int rc = PyList_Append(parts, piece);
    Py_DECREF(piece);
    return rc;
}

static int
tpl_literal(PyObject *parts, const char *s, size_t len)
{
    PyObject *piece = PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, "strict");
    int rc = piece ? PyList_Append(parts, piece) : -1;
    Py_XDECREF(piece);
    return rc;
}

static PyObject *
tpl_resolve(py_state *st, PyPid *self, const char *t, long long file_idx, PyObject *suffix)
{
    PyObject *parts = PyList_New(0);
    if (!parts)
        return NULL;
    while (*t) {
        const char *dollar = strchr(t, '$');
        const char *close = dollar ? strchr(dollar + 1, '$') : NULL;
        if (!close) { /* no (complete) keyword left */
            if (tpl_literal(parts, t, strlen(t)) < 0)
                goto error;
            break;
        }
        if (tpl_literal(parts, t, (size_t)(dollar - t)) < 0)
            goto error;
        if (close == dollar + 1) { /* "$$" */
            if (tpl_literal(parts, "$", 1) < 0)
                goto error;
        } else {
            char kw[256];
            size_t len = (size_t)(close - dollar - 1);
            if (len >= sizeof(kw)) {
                PyErr_SetString(PyExc_ValueError, "resolve_template(): keyword too long");
                goto error;
            }
            memcpy(kw, dollar + 1, len);
            kw[len] = 0;
            if (tpl_keyword(st, self, parts, kw, file_idx, suffix) < 0)
                goto error;
        }
        t = close + 1;
    }
    PyObject *empty = PyUnicode_FromString("");
    PyObject *res = empty ? PyUnicode_Join(empty, parts) : NULL;
    Py_XDECREF(empty);
    Py_DECREF(parts);
    return res;
error:
    Py_DECREF(parts);
    return NULL;
}

PyObject *
py_pid_resolve_template(PyObject *op, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames)
{
    static const char *const names[] = {"template", "file_idx", "suffix"};
    PyPid *self = Pid_CAST(op);
    PyObject *a[3];
    int64_t file_idx = 0;
    if (py_args_unpack("resolve_template", args, nargs, kwnames, names, 1, 3, a) < 0)
        return NULL;
    if (!PyUnicode_Check(a[0])) {
        PyErr_Format(PyExc_TypeError, "resolve_template(): template must be str, not %.100s",
                     Py_TYPE(a[0])->tp_name);
        return NULL;
    }
    if (a[1] && py_value_sint(a[1], INT64_MIN, INT64_MAX, &file_idx, "file_idx") < 0)
        return NULL;
    if (a[2] && a[2] != Py_None && !PyUnicode_Check(a[2])) {
        PyErr_Format(PyExc_TypeError, "resolve_template(): suffix must be str or None, "
                     "not %.100s", Py_TYPE(a[2])->tp_name);
        return NULL;
    }
    const char *t = PyUnicode_AsUTF8(a[0]);
    if (!t || py_pid_check(self) < 0)
        return NULL;
    return tpl_resolve(py_state_of(op), self, t, (long long)file_idx, a[2]);
}

/* ---- getset table ---- */

#define RO(name, id, doc) {name, pid_attr_get, NULL, doc, (void *)(intptr_t)(id)}
#define RW(name, id, doc) {name, pid_attr_get, pid_attr_set, doc, (void *)(intptr_t)(id)}

PyGetSetDef py_pid_getset[] = {
    RW("name", PA_NAME, "PID name (V1, A2, PID1, a file name...); settable on output PIDs."),
    RO("filter_name", PA_FILTER_NAME, "Instance name of the filter producing the stream."),
    RW("eos", PA_EOS,
       "Input: end of stream reached and queue empty. Output: True once EOS was\n"
       "signalled; any assignment (even False) signals end of stream."),
    RO("has_seen_eos", PA_HAS_SEEN_EOS, "End of stream signalled upstream."),
    RO("eos_received", PA_EOS_RECEIVED, "End of stream received, packets still queued."),
    RO("would_block", PA_WOULD_BLOCK, "Output: a consumer's queue is full."),
    RO("sparse", PA_SPARSE, "Sparse stream: always False here."),
    RW("max_buffer", PA_MAX_BUFFER, "Input buffer limit in µs (settable on input PIDs)."),
    RO("buffer", PA_BUFFER, "Duration queued on this input, in µs."),
    RO("buffer_full", PA_BUFFER_FULL, "Buffer at its limit (output: would_block)."),
    RO("buffer_total", PA_BUFFER_TOTAL, "Duration queued, in µs (same as buffer here)."),
    RO("first_empty", PA_FIRST_EMPTY, "No packet queued."),
    RO("first_cts", PA_FIRST_CTS, "CTS of the first queued packet, or None."),
    RO("nb_pck_queued", PA_NB_QUEUED, "Number of queued packets."),
    RO("timescale", PA_TIMESCALE, "Timescale property (0 when unset)."),
    RO("min_pck_dur", PA_MIN_PCK_DUR, "Minimum packet duration: 0 (not tracked here)."),
    RO("playing", PA_PLAYING, "PLAY received and not stopped."),
    RO("next_ts", PA_NEXT_TS,
       "Estimated next timestamp: CTS of the first queued packet, else\n"
       "0xFFFFFFFFFFFFFFFF."),
    {NULL, NULL, NULL, NULL, NULL},
};
