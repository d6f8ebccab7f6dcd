/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Statistics and descriptors of API.md 2.9 and 2.10 (FilterStats, FilterPidStatistics,
 * FilterArg, BufferOccupancy, GLTextureInfo): read-only records made by the binding
 * from engine counters, with the reference's field names; char* fields are bytes or
 * None as in GPAC's ctypes structs. Also the registry queries filter_list(),
 * filter_info() and the private _filter_class_args(). Which engine call fills which
 * field is listed at each constructor; fields the engine does not track are 0.
 *
 * Python equivalent:
 *
 *     class FilterStats:          # read-only attributes, made by Filter.get_statistics()
 *         nb_tasks_done: int; name: bytes; status: bytes | None; ...
 *     class FilterArg:
 *         name: bytes; type: int; description: bytes | None; default: bytes | None ...
 *         def __str__(self): return "- name (type): description (default: X ...)"
 *     def filter_list() -> list[str]: ...
 *     def filter_info(name) -> dict: ...   # FilterNotFoundError for an unknown name
 */
#include "py_gpac.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <structmember.h>

/* ---- one record layout for the five types ---- */

/* N read-only values, N fixed by the type's basicsize; each a Python int, bool, bytes,
 * None or Fraction64, filled once at creation. */
typedef struct PyRecord {
    PyObject_HEAD
    PyObject *vals[];
} PyRecord;

#define Record_CAST(op) ((PyRecord *)(op))
#define REC_OFF(i) ((Py_ssize_t)(offsetof(PyRecord, vals) + (size_t)(i) * sizeof(PyObject *)))
#define REC_SIZE(n) ((int)REC_OFF(n))

static Py_ssize_t
record_count(PyObject *op)
{
    return (Py_TYPE(op)->tp_basicsize - REC_OFF(0)) / (Py_ssize_t)sizeof(PyObject *);
}

static int
record_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(op));
    for (Py_ssize_t i = 0, n = record_count(op); i < n; i++)
        Py_VISIT(Record_CAST(op)->vals[i]);
    return 0;
}

static int
record_clear(PyObject *op)
{
    for (Py_ssize_t i = 0, n = record_count(op); i < n; i++)
        Py_CLEAR(Record_CAST(op)->vals[i]);
    return 0;
}

static void
record_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    PyObject_GC_UnTrack(op);
    (void)record_clear(op);
    tp->tp_free(op);
    Py_DECREF(tp);
}

/* "FilterArg(name=b'x', ...)" from the type's member table. */
static PyObject *
record_repr(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    const char *dot = strrchr(tp->tp_name, '.');
    PyObject *parts = PyList_New(0), *sep = NULL, *body = NULL, *res = NULL;
    if (!parts)
        return NULL;
    for (PyMemberDef *m = tp->tp_members; m && m->name; m++) {
        PyObject *v = *(PyObject **)((char *)op + m->offset);
        PyObject *item = PyUnicode_FromFormat("%s=%R", m->name, v ? v : Py_None);
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

static PyObject *
record_alloc(PyObject *type)
{
    PyTypeObject *tp = (PyTypeObject *)type;
    return tp->tp_alloc(tp, 0);
}

/* Builders: PUT(i, new reference) stops at the first failure (exception set). */
#define PUT(rec, ok, i, expr)                                                           \
    do {                                                                                 \
        if (ok && !(Record_CAST(rec)->vals[i] = (expr)))                                 \
            ok = 0;                                                                      \
    } while (0)

static PyObject *
record_done(PyObject *rec, int ok)
{
    if (!ok) {
        Py_DECREF(rec);
        return NULL;
    }
    return rec;
}

static PyObject *
bytes_or_none(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyBytes_FromString(s);
}

static PyObject *
none_ref(void)
{
    Py_RETURN_NONE;
}

static PyObject *
stats_uint(uint64_t v)
{
    return PyLong_FromUnsignedLongLong(v);
}

/* ---- field tables (X-macros: one list gives the index enum and the members) ---- */

#define FILTER_STATS_FIELDS(XX)                                                          \
    XX(filter) XX(filter_alias) XX(nb_tasks_done) XX(nb_pck_processed)                   \
    XX(nb_bytes_processed) XX(nb_pck_sent) XX(nb_hw_pck_sent) XX(nb_errors)              \
    XX(nb_current_errors) XX(nb_bytes_sent) XX(time_process) XX(percent) XX(status)      \
    XX(report_updated) XX(name) XX(reg_name) XX(filter_id) XX(done) XX(nb_pid_in)        \
    XX(nb_in_pck) XX(nb_pid_out) XX(nb_out_pck) XX(in_eos) XX(type) XX(stream_type)      \
    XX(codecid) XX(last_ts_sent) XX(last_ts_drop) XX(last_task_time)

#define PID_STATS_FIELDS(XX)                                                             \
    XX(disconnected) XX(average_process_rate) XX(max_process_rate) XX(average_bitrate)   \
    XX(max_bitrate) XX(nb_processed) XX(max_process_time) XX(total_process_time)         \
    XX(first_process_time) XX(last_process_time) XX(min_frame_dur) XX(nb_saps)           \
    XX(max_sap_process_time) XX(total_sap_process_time) XX(max_buffer_time)              \
    XX(max_playout_time) XX(min_playout_time) XX(buffer_time) XX(nb_buffer_units)        \
    XX(last_rt_report) XX(rtt) XX(jitter) XX(loss_rate) XX(last_ts_drop) XX(last_ts_sent)

#define FILTER_ARG_FIELDS(XX)                                                            \
    XX(name) XX(reserved) XX(description) XX(type) XX(default) XX(min_max_enum) XX(flags)

#define BUFFER_FIELDS(XX) XX(max_units) XX(nb_pck) XX(max_dur) XX(dur) XX(is_final_flush)

#define GL_TEXTURE_FIELDS(XX) XX(id) XX(format)

#define ENUM_FS(n) FS_##n,
#define ENUM_PS(n) PS_##n,
#define ENUM_FA(n) FA_##n,
#define ENUM_BO(n) BO_##n,
#define ENUM_GL(n) GL_##n,
enum { FILTER_STATS_FIELDS(ENUM_FS) FS_COUNT };
enum { PID_STATS_FIELDS(ENUM_PS) PS_COUNT };
enum { FILTER_ARG_FIELDS(ENUM_FA) FA_COUNT };
enum { BUFFER_FIELDS(ENUM_BO) BO_COUNT };
enum { GL_TEXTURE_FIELDS(ENUM_GL) GL_COUNT };

#define MEMBER_FS(n) {#n, T_OBJECT, REC_OFF(FS_##n), READONLY, NULL},
#define MEMBER_PS(n) {#n, T_OBJECT, REC_OFF(PS_##n), READONLY, NULL},
#define MEMBER_FA(n) {#n, T_OBJECT, REC_OFF(FA_##n), READONLY, NULL},
#define MEMBER_BO(n) {#n, T_OBJECT, REC_OFF(BO_##n), READONLY, NULL},
#define MEMBER_GL(n) {#n, T_OBJECT, REC_OFF(GL_##n), READONLY, NULL},
#define MEMBERS_END {NULL, 0, 0, 0, NULL}

static PyMemberDef filter_stats_members[] = {FILTER_STATS_FIELDS(MEMBER_FS) MEMBERS_END};
static PyMemberDef pid_stats_members[] = {PID_STATS_FIELDS(MEMBER_PS) MEMBERS_END};
static PyMemberDef filter_arg_members[] = {FILTER_ARG_FIELDS(MEMBER_FA) MEMBERS_END};
static PyMemberDef buffer_members[] = {BUFFER_FIELDS(MEMBER_BO) MEMBERS_END};
static PyMemberDef gl_texture_members[] = {GL_TEXTURE_FIELDS(MEMBER_GL) MEMBERS_END};

/* ---- constructors ---- */

/* From gp_filter_get_stats, the filter's names, and its PIDs: nb_in_pck counts the
 * packets queued on its inputs, in_eos is true when an input has seen EOS, and
 * stream_type/codecid come from its only output (else its only input). The engine has
 * no status line, percentage, hardware frames or timestamps: None, -1 and 0. */
PyObject *
py_stats_filter(py_state *st, GpFilter *f)
{
    GpFilterStats s;
    gp_filter_get_stats(f, &s);
    const GpFilterClass *cls = gp_filter_class(f);
    uint32_t nb_in = gp_filter_nb_inputs(f), nb_out = gp_filter_nb_outputs(f);
    uint64_t in_pck = 0;
    bool in_eos = false;
    for (uint32_t i = 0; i < nb_in; i++) {
        GpPid *p = gp_filter_input(f, i);
        in_pck += gp_pid_nb_packets_queued(p);
        in_eos = in_eos || gp_pid_has_seen_eos(p);
    }
    GpPid *main = nb_out == 1 ? gp_filter_output(f, 0) : nb_in == 1 ? gp_filter_input(f, 0)
                                                                     : NULL;
    PyObject *r = record_alloc(st->FilterStats_Type);
    int ok = r != NULL;
    PUT(r, ok, FS_filter, none_ref());
    PUT(r, ok, FS_filter_alias, none_ref());
    PUT(r, ok, FS_nb_tasks_done, stats_uint(s.nb_tasks_done));
    PUT(r, ok, FS_nb_pck_processed, stats_uint(s.nb_pck_processed));
    PUT(r, ok, FS_nb_bytes_processed, stats_uint(s.nb_bytes_processed));
    PUT(r, ok, FS_nb_pck_sent, stats_uint(s.nb_pck_sent));
    PUT(r, ok, FS_nb_hw_pck_sent, stats_uint(0));
    PUT(r, ok, FS_nb_errors, stats_uint(s.nb_errors));
    PUT(r, ok, FS_nb_current_errors, stats_uint(s.nb_errors));
    PUT(r, ok, FS_nb_bytes_sent, stats_uint(s.nb_bytes_sent));
    PUT(r, ok, FS_time_process, stats_uint(s.time_process_us));
    PUT(r, ok, FS_percent, PyLong_FromLong(-1));
    PUT(r, ok, FS_status, none_ref());
    PUT(r, ok, FS_report_updated, PyBool_FromLong(0));
    PUT(r, ok, FS_name, bytes_or_none(gp_filter_name(f)));
    PUT(r, ok, FS_reg_name, bytes_or_none(cls ? cls->name : NULL));
    PUT(r, ok, FS_filter_id, bytes_or_none(gp_filter_id(f)));
    PUT(r, ok, FS_done, PyBool_FromLong(s.done));
    PUT(r, ok, FS_nb_pid_in, stats_uint(s.nb_pid_in));
    PUT(r, ok, FS_nb_in_pck, stats_uint(in_pck));
    PUT(r, ok, FS_nb_pid_out, stats_uint(s.nb_pid_out));
    PUT(r, ok, FS_nb_out_pck, stats_uint(0));
    PUT(r, ok, FS_in_eos, PyBool_FromLong(in_eos));
    PUT(r, ok, FS_type, stats_uint(0));
    PUT(r, ok, FS_stream_type, stats_uint(main ? gp_pid_get_uint(main, GP_P_STREAM_TYPE, 0) : 0));
    PUT(r, ok, FS_codecid, stats_uint(main ? gp_pid_get_uint(main, GP_P_CODECID, 0) : 0));
    PUT(r, ok, FS_last_ts_sent, py_fraction64_new(st, 0, 1));
    PUT(r, ok, FS_last_ts_drop, py_fraction64_new(st, 0, 1));
    PUT(r, ok, FS_last_task_time, stats_uint(0));
    return record_done(r, ok);
}

/* What the engine knows of one PID handle: its queue (nb_buffer_units =
 * gp_pid_nb_packets_queued, buffer_time = gp_pid_buffer_duration_us, max_buffer_time =
 * gp_pid_get_max_buffer; all 0 on an output PID) and disconnected (1 for no PID). The
 * rates, process times and network fields are not tracked: 0. */
PyObject *
py_stats_pid(py_state *st, GpPid *pid)
{
    PyObject *r = record_alloc(st->FilterPidStatistics_Type);
    int ok = r != NULL;
    for (int i = 0; ok && i < PS_COUNT; i++) {
        uint64_t v = 0;
        if (i == PS_last_ts_drop || i == PS_last_ts_sent) {
            PUT(r, ok, i, py_fraction64_new(st, 0, 1));
            continue;
        }
        if (i == PS_disconnected)
            v = pid ? 0 : 1;
        else if (i == PS_nb_buffer_units)
            v = pid ? gp_pid_nb_packets_queued(pid) : 0;
        else if (i == PS_buffer_time)
            v = pid ? gp_pid_buffer_duration_us(pid) : 0;
        else if (i == PS_max_buffer_time)
            v = pid ? gp_pid_get_max_buffer(pid) : 0;
        PUT(r, ok, i, stats_uint(v));
    }
    return record_done(r, ok);
}

/* From the option table: description = help, type = the GP_PROP_* code (an int, as in
 * the reference; str() shows its name), default = def, min_max_enum = values. */
PyObject *
py_stats_arg(py_state *st, const GpArg *arg)
{
    PyObject *r = record_alloc(st->FilterArg_Type);
    int ok = r != NULL;
    PUT(r, ok, FA_name, bytes_or_none(arg->name));
    PUT(r, ok, FA_reserved, PyLong_FromLong(0));
    PUT(r, ok, FA_description, bytes_or_none(arg->help));
    PUT(r, ok, FA_type, PyLong_FromLong((long)arg->type));
    PUT(r, ok, FA_default, bytes_or_none(arg->def));
    PUT(r, ok, FA_min_max_enum, bytes_or_none(arg->values));
    PUT(r, ok, FA_flags, stats_uint(arg->flags));
    return record_done(r, ok);
}

/* Input PID queue: nb_pck = gp_pid_nb_packets_queued, dur = gp_pid_buffer_duration_us,
 * max_dur = gp_pid_get_max_buffer; the unit limit is not public (0). */
PyObject *
py_stats_buffer(py_state *st, GpPid *ipid)
{
    PyObject *r = record_alloc(st->BufferOccupancy_Type);
    int ok = r != NULL;
    PUT(r, ok, BO_max_units, stats_uint(0));
    PUT(r, ok, BO_nb_pck, stats_uint(gp_pid_nb_packets_queued(ipid)));
    PUT(r, ok, BO_max_dur, stats_uint(gp_pid_get_max_buffer(ipid)));
    PUT(r, ok, BO_dur, stats_uint(gp_pid_buffer_duration_us(ipid)));
    PUT(r, ok, BO_is_final_flush, PyBool_FromLong(0));
    return record_done(r, ok);
}

PyObject *
py_stats_gl_texture(py_state *st, uint32_t id, uint32_t format)
{
    PyObject *r = record_alloc(st->GLTextureInfo_Type);
    int ok = r != NULL;
    PUT(r, ok, GL_id, stats_uint(id));
    PUT(r, ok, GL_format, stats_uint(format));
    return record_done(r, ok);
}

/* ---- FilterArg.__str__ ---- */

static const char *
arg_text(PyObject *op, int i)
{
    PyObject *v = Record_CAST(op)->vals[i];
    return v && PyBytes_Check(v) ? PyBytes_AS_STRING(v) : "";
}

/* "- name (type): description (default: X min_max_enum: Y)", each parenthesised part
 * only when set, as `gpac -h NAME` prints it. */
static PyObject *
filter_arg_str(PyObject *op)
{
    PyObject *t = Record_CAST(op)->vals[FA_type];
    long type = t ? PyLong_AsLong(t) : 0;
    if (type == -1 && PyErr_Occurred())
        return NULL;
    const char *name = arg_text(op, FA_name), *desc = arg_text(op, FA_description);
    const char *def = arg_text(op, FA_default), *mme = arg_text(op, FA_min_max_enum);
    const char *tname = gp_prop_type_name((GpPropType)type);
    if (*def && *mme)
        return PyUnicode_FromFormat("- %s (%s): %s (default: %s min_max_enum: %s)", name, tname,
                                    desc, def, mme);
    if (*def)
        return PyUnicode_FromFormat("- %s (%s): %s (default: %s)", name, tname, desc, def);
    if (*mme)
        return PyUnicode_FromFormat("- %s (%s): %s (min_max_enum: %s)", name, tname, desc, mme);
    return PyUnicode_FromFormat("- %s (%s): %s", name, tname, desc);
}

/* ---- registry functions ---- */

/* The registry class named by a str argument, or NULL with TypeError/ValueError or
 * FilterNotFoundError (GP_FILTER_NOT_FOUND). */
static const GpFilterClass *
stats_find_class(py_state *st, PyObject *name, const char *what)
{
    if (!PyUnicode_Check(name)) {
        PyErr_Format(PyExc_TypeError, "%s argument must be str, not %.100s", what,
                     Py_TYPE(name)->tp_name);
        return NULL;
    }
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(name, &len);
    if (!s)
        return NULL;
    const GpFilterClass *cls = strlen(s) == (size_t)len ? gp_registry_find(s) : NULL;
    if (!cls) {
        char reason[1200];
        const char *why = gp_registry_missing_reason(s);
        snprintf(reason, sizeof(reason), "no filter named '%.100s'%s%s", s, why ? ": " : "",
                 why ? why : "");
        py_err_set(st, GP_FILTER_NOT_FOUND, NULL, what, reason);
    }
    return cls;
}

PyDoc_STRVAR(stats_filter_list_doc,
             "filter_list($module, /)\n--\n\n"
             "Names of the built-in filter classes, in registry order.");

static PyObject *
stats_filter_list(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    uint32_t n = gp_registry_count();
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (uint32_t i = 0; list && i < n; i++) {
        PyObject *s = PyUnicode_FromString(gp_registry_at(i)->name);
        if (!s)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, s);
    }
    return list;
}

PyDoc_STRVAR(stats_filter_class_args_doc,
             "_filter_class_args($module, name, /)\n--\n\n"
             "FilterArg descriptors of every option of a registry class (private: the\n"
             "tests of FilterArg need no session). FilterNotFoundError when unknown.");

static PyObject *
stats_filter_class_args(PyObject *module, PyObject *name)
{
    py_state *st = py_state_of_module(module);
    const GpFilterClass *cls = stats_find_class(st, name, "_filter_class_args()");
    if (!cls)
        return NULL;
    PyObject *list = PyList_New((Py_ssize_t)cls->nb_args);
    for (uint32_t i = 0; list && i < cls->nb_args; i++) {
        PyObject *a = py_stats_arg(st, &cls->args[i]);
        if (!a)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, (Py_ssize_t)i, a);
    }
    return list;
}

static PyObject *
stats_arg_dict(const GpArg *a)
{
    return Py_BuildValue("{s:s,s:s,s:z,s:z,s:s,s:I}", "name", a->name, "type",
                         gp_prop_type_name(a->type), "default", a->def, "min_max_enum",
                         a->values, "description", a->help ? a->help : "", "flags",
                         (unsigned int)a->flags);
}

PyDoc_STRVAR(stats_filter_info_doc,
             "filter_info($module, name, /)\n--\n\n"
             "Description of a filter class, as `gpac -h NAME` prints it: a dict with\n"
             "'name', 'description' and 'args', one dict per option (hidden ones too,\n"
             "see 'flags') with 'name', 'type' (type name, e.g. 'uint'), 'default',\n"
             "'min_max_enum' (str or None), 'description' and 'flags' (GF_FS_ARG_*).\n"
             "Raises FilterNotFoundError for an unknown name.");

static PyObject *
stats_filter_info(PyObject *module, PyObject *name)
{
    py_state *st = py_state_of_module(module);
    const GpFilterClass *cls = stats_find_class(st, name, "filter_info()");
    if (!cls)
        return NULL;
    PyObject *args = PyList_New((Py_ssize_t)cls->nb_args);
    for (uint32_t i = 0; args && i < cls->nb_args; i++) {
        PyObject *d = stats_arg_dict(&cls->args[i]);
        if (!d)
            Py_CLEAR(args);
        else
            PyList_SET_ITEM(args, (Py_ssize_t)i, d);
    }
    if (!args)
        return NULL;
    return Py_BuildValue("{s:s,s:s,s:N}", "name", cls->name, "description",
                         cls->help ? cls->help : "", "args", args);
}

static PyMethodDef stats_functions[] = {
    {"filter_list", stats_filter_list, METH_NOARGS, stats_filter_list_doc},
    {"filter_info", stats_filter_info, METH_O, stats_filter_info_doc},
    {"_filter_class_args", stats_filter_class_args, METH_O, stats_filter_class_args_doc},
    {NULL, NULL, 0, NULL},
};

/* ---- types ---- */

#define RECORD_SLOTS(members, doc)                                                       \
    {Py_tp_doc, (void *)(doc)}, {Py_tp_dealloc, record_dealloc},                         \
        {Py_tp_traverse, record_traverse}, {Py_tp_clear, record_clear},                  \
        {Py_tp_repr, record_repr}, {Py_tp_members, (members)}

PyDoc_STRVAR(filter_stats_doc,
             "Statistics of a filter (Filter.get_statistics(), API.md 2.9); read-only.\n"
             "name, reg_name, filter_id and status are bytes (status None: the engine\n"
             "keeps no status line); filter and filter_alias are None.");
PyDoc_STRVAR(pid_stats_doc,
             "Statistics of a PID (Filter.ipid_stats/opid_stats(), API.md 2.9); read-only.\n"
             "Only the queue fields (buffer_time, max_buffer_time, nb_buffer_units) and\n"
             "disconnected are tracked by the engine; the others are 0.");
PyDoc_STRVAR(filter_arg_doc,
             "Descriptor of a filter option (Filter.all_args(), API.md 2.9); read-only.\n"
             "Strings are bytes (or None); type is the GF_PROP_* code; str() gives\n"
             "'- name (type): description (default: X min_max_enum: Y)'.");
PyDoc_STRVAR(buffer_doc,
             "Buffer of an input PID (FilterPid.get_buffer_occupancy()): nb_pck, dur and\n"
             "max_dur in microseconds; read-only.");
PyDoc_STRVAR(gl_texture_doc, "OpenGL texture of a frame plane: id and format; read-only.");

static PyType_Slot filter_stats_slots[] = {RECORD_SLOTS(filter_stats_members, filter_stats_doc),
                                           {0, NULL}};
static PyType_Slot pid_stats_slots[] = {RECORD_SLOTS(pid_stats_members, pid_stats_doc),
                                        {0, NULL}};
static PyType_Slot filter_arg_slots[] = {RECORD_SLOTS(filter_arg_members, filter_arg_doc),
                                         {Py_tp_str, filter_arg_str}, {0, NULL}};
static PyType_Slot buffer_slots[] = {RECORD_SLOTS(buffer_members, buffer_doc), {0, NULL}};
static PyType_Slot gl_texture_slots[] = {RECORD_SLOTS(gl_texture_members, gl_texture_doc),
                                         {0, NULL}};

static PyType_Spec filter_stats_spec = {
    "gpac._gpac.FilterStats", REC_SIZE(FS_COUNT), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
        Py_TPFLAGS_DISALLOW_INSTANTIATION,
    filter_stats_slots};
static PyType_Spec pid_stats_spec = {
    "gpac._gpac.FilterPidStatistics", REC_SIZE(PS_COUNT), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
        Py_TPFLAGS_DISALLOW_INSTANTIATION,
    pid_stats_slots};
static PyType_Spec filter_arg_spec = {
    "gpac._gpac.FilterArg", REC_SIZE(FA_COUNT), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
        Py_TPFLAGS_DISALLOW_INSTANTIATION,
    filter_arg_slots};
static PyType_Spec buffer_spec = {
    "gpac._gpac.BufferOccupancy", REC_SIZE(BO_COUNT), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
        Py_TPFLAGS_DISALLOW_INSTANTIATION,
    buffer_slots};
static PyType_Spec gl_texture_spec = {
    "gpac._gpac.GLTextureInfo", REC_SIZE(GL_COUNT), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE |
        Py_TPFLAGS_DISALLOW_INSTANTIATION,
    gl_texture_slots};

int
py_stats_setup(PyObject *module, py_state *st)
{
    if (py_add_type(module, &filter_stats_spec, NULL, &st->FilterStats_Type) < 0 ||
        py_add_type(module, &pid_stats_spec, NULL, &st->FilterPidStatistics_Type) < 0 ||
        py_add_type(module, &filter_arg_spec, NULL, &st->FilterArg_Type) < 0 ||
        py_add_type(module, &buffer_spec, NULL, &st->BufferOccupancy_Type) < 0 ||
        py_add_type(module, &gl_texture_spec, NULL, &st->GLTextureInfo_Type) < 0)
        return -1;
    return PyModule_AddFunctions(module, stats_functions);
}
