/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Filter classes (a const GpFilterClass at the bottom of each csrc/filters/ file), their
 * option tables, filter instances, and the class registry. Lifecycle and re-entrancy
 * rules are in docs/filter_design.md. */
#ifndef GP_FILTER_H
#define GP_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gp_caps.h"
#include "gp_event.h"
#include "gp_packet.h"
#include "gp_pid.h"
#include "gp_props.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct GpSession GpSession;
typedef struct GpFilter GpFilter;

/* GPAC's argument flags (API.md 1.4.5). */
enum {
    GP_ARG_HINT_NORMAL = 0,
    GP_ARG_HINT_ADVANCED = 2,
    GP_ARG_HINT_EXPERT = 4,
    GP_ARG_HINT_HIDE = 8,
    GP_ARG_UPDATE = 16,
    GP_ARG_META = 32,
    GP_ARG_META_ALLOC = 64,
    GP_ARG_SINK_ALIAS = 128,
};

/* One option. The core parses the text value (or the default) into the field at
 * `offset` of the filter's private context, typed as:
 *   SINT int32_t, UINT uint32_t (also enums), LSINT int64_t, LUINT uint64_t,
 *   BOOL bool, FRACTION GpFrac, FRACTION64 GpFrac64, FLOAT float, DOUBLE double,
 *   VEC2I GpVec2i, STRING char* (owned by the core, freed at destruction),
 *   STRING_LIST/UINT_LIST: a GpPropValue (owned by the core), 4CC uint32_t.
 * `values`: "min-max" for numbers, "a|b|c" for an enum (UINT holds the index). */
typedef struct GpArg {
    const char *name;
    uint32_t offset;
    GpPropType type;
    const char *def;    /* NULL: zero / NULL */
    const char *values; /* NULL, "min-max" or "a|b|c" */
    const char *help;
    uint32_t flags;     /* GP_ARG_* */
} GpArg;

#define GP_ARG(Ctx, field, type, def, values, help)                                      \
    {#field, offsetof(Ctx, field), (type), (def), (values), (help), 0}
#define GP_ARGF(Ctx, field, type, def, values, help, flags)                              \
    {#field, offsetof(Ctx, field), (type), (def), (values), (help), (flags)}

#define GP_ARGS(table) .args = (table), .nb_args = sizeof(table) / sizeof((table)[0])
#define GP_CAPS(table) .caps = (table), .nb_caps = sizeof(table) / sizeof((table)[0])
#define GP_HELP(text) (text)

/* Class flags. */
enum {
    GP_FCLASS_EXPLICIT_ONLY = 1 << 0, /* never inserted by graph resolution */
    GP_FCLASS_MAIN_THREAD = 1 << 1,   /* callbacks run on the thread calling run() */
    GP_FCLASS_HIDE_WEIGHT = 1 << 2,   /* costs nothing in chain search */
    GP_FCLASS_CUSTOM = 1 << 3,        /* defined at run time (Python) */
    GP_FCLASS_ALLOW_CYCLIC = 1 << 4,
};

/* URL probe scores (load_src/load_dst): highest wins, ties to the lower priority. */
enum {
    GP_PROBE_NOT_SUPPORTED = 0,
    GP_PROBE_MAYBE_NOT_SUPPORTED = 1,
    GP_PROBE_MAYBE_SUPPORTED = 2,
    GP_PROBE_SUPPORTED = 3,
    GP_PROBE_FORCE = 4,
};

/* A filter class. All callbacks are optional unless marked mandatory.
 * Return codes of configure_pid: GP_OK accepts; GP_REQUIRES_NEW_INSTANCE asks for a
 *   new instance for this PID; any other error refuses the connection (the session
 *   tries another destination or reports the PID as unlinked).
 * Return codes of process: GP_OK / > 0 fine; GP_EOS from a filter without inputs stops
 *   its scheduling; GP_IP_NETWORK_EMPTY counts as OK; another negative code is a
 *   filter error: logged, counted in the session's last error, and the filter is no
 *   longer scheduled (its outputs get EOS). */
typedef struct GpFilterClass {
    const char *name;        /* mandatory: registry name */
    const char *help;        /* mandatory: one paragraph, ends with an example command */
    uint32_t priv_size;      /* size of the private context (options first) */
    uint32_t flags;          /* GP_FCLASS_* */
    int8_t priority;         /* chain search tie-break: lower wins */
    int32_t max_extra_pids;  /* extra input PIDs accepted; -1 unlimited; 0 = one input */
    const GpArg *args;
    uint32_t nb_args;
    const GpCap *caps;
    uint32_t nb_caps;

    /* called once options are parsed; an error destroys the filter (load fails) */
    GpErr (*initialize)(GpFilter *f);
    /* called before destruction; outputs may still exist */
    void (*finalize)(GpFilter *f);
    /* mandatory for filters with inputs */
    GpErr (*configure_pid)(GpFilter *f, GpPid *ipid, bool is_remove);
    GpErr (*process)(GpFilter *f);
    /* true = event consumed (not forwarded further) */
    bool (*process_event)(GpFilter *f, const GpEvent *evt);
    GpErr (*reconfigure_output)(GpFilter *f, GpPid *opid);
    /* option changed at run time (flag GP_ARG_UPDATE); GP_OK accepts */
    GpErr (*update_arg)(GpFilter *f, const char *name, const GpPropValue *v);
    /* source/sink URL probe: GP_PROBE_* score; mime may be NULL */
    int (*probe_url)(const char *url, const char *mime);
} GpFilterClass;

/* ---- Registry (csrc/filters/filter_list.h) ---- */

/* The core classes, then the FFmpeg-backed ones. Those come from
 * gp_registry_ffmpeg_classes on the first call that needs them (count, at, a find
 * that the core classes do not answer), so a program that never looks past the core
 * filters never maps FFmpeg. threads: any. transfer: none (static). */
uint32_t gp_registry_count(void);
const GpFilterClass *gp_registry_at(uint32_t i);
const GpFilterClass *gp_registry_find(const char *name);

/* Why the built-in class `name` is not in the registry: the reason the FFmpeg-backed
 * classes could not be loaded ("FFmpeg filters unavailable: ...") when `name` is one of
 * them; NULL when it is registered or not a built-in name. transfer: none (static).
 * threads: any. */
const char *gp_registry_missing_reason(const char *name);

/* Provider of the FFmpeg-backed classes, called once by the registry; one of two
 * implementations is linked: the classes themselves (ffmpeg/ffmpeg_classes.c, the CLI
 * and the C tests) or a loader of the module gpac/libgpac_ffmpeg.so.<ABI> (the Python
 * extension, core/registry_ffmpeg_lazy.c). On failure: NULL, *nb = 0 and *why set to a
 * message (already logged). transfer: none (static). threads: any (called once). */
const GpFilterClass *const *gp_registry_ffmpeg_classes(uint32_t *nb, const char **why);

/* What the FFmpeg module's entry point GP_FILTER_MODULE_ENTRY returns. The loader
 * refuses a module built against another layout of the engine's structures. */
#define GP_FILTER_MODULE_ABI 1
#define GP_FILTER_MODULE_ENTRY "gp_filter_module_ffmpeg"
typedef struct GpFilterModule {
    uint32_t abi;           /* GP_FILTER_MODULE_ABI */
    uint32_t class_size;    /* sizeof(GpFilterClass) */
    uint32_t arg_size;      /* sizeof(GpArg) */
    uint32_t cap_size;      /* sizeof(GpCap) */
    uint32_t nb_classes;
    const GpFilterClass *const *classes;
} GpFilterModule;
typedef const GpFilterModule *(*GpFilterModuleEntry)(void);

/* ---- Filter instances ---- */

/* Private context of priv_size bytes (zeroed, then options parsed in), class and
 * session. threads: any. */
void *gp_filter_priv(GpFilter *f);
const GpFilterClass *gp_filter_class(const GpFilter *f);
GpSession *gp_filter_session(const GpFilter *f);
/* Instance name (registry name, or N= option, or set_name). transfer: none.
 * threads: session thread or the filter's callbacks (set_name), any (get). */
const char *gp_filter_name(const GpFilter *f);
GpErr gp_filter_set_name(GpFilter *f, const char *name);
/* FID option, NULL when none. threads: any. */
const char *gp_filter_id(const GpFilter *f);
/* Assigns an id if the filter has none; returns it. threads: session thread. */
const char *gp_filter_assign_id(GpFilter *f);
/* Loaded by resolution rather than by the user. threads: any. */
bool gp_filter_is_dynamic(const GpFilter *f);
/* The original argument string (without the name). transfer: none. threads: any. */
const char *gp_filter_args(const GpFilter *f);

/* Connected input and output PIDs. threads: session thread or the filter's callbacks. */
uint32_t gp_filter_nb_inputs(const GpFilter *f);
GpPid *gp_filter_input(const GpFilter *f, uint32_t i);
uint32_t gp_filter_nb_outputs(const GpFilter *f);
GpPid *gp_filter_output(const GpFilter *f, uint32_t i);

/* Asks for process() to be called again: now (0) or after `us` microseconds.
 * threads: any. */
void gp_filter_post_process(GpFilter *f);
void gp_filter_reschedule(GpFilter *f, uint64_t us);

/* Sends an event on every input (upstream) or every output (downstream) PID.
 * threads: filter callbacks. */
GpErr gp_filter_send_event(GpFilter *f, const GpEvent *evt, bool upstream);

/* Restricts f's inputs to PIDs coming from src (or from filters loaded behind it),
 * optionally filtered by a fragment ("PID=1", "#StreamType=Visual", "video").
 * threads: session thread, before or during run(). */
GpErr gp_filter_set_source(GpFilter *f, GpFilter *src, const char *link_args);

/* Extra input PIDs accepted by this instance (overrides the class). threads: session
 * thread or the filter's callbacks. */
void gp_filter_set_max_extra_pids(GpFilter *f, int32_t n);
/* Replaces the class caps for this instance (custom filters). transfer: none (the
 * table must outlive the filter or be replaced). threads: session thread or the
 * filter's callbacks. */
void gp_filter_set_caps(GpFilter *f, const GpCap *caps, uint32_t nb_caps);

/* Failure at setup (filter removed) or at run time. threads: filter callbacks. */
void gp_filter_setup_failure(GpFilter *f, GpErr err);

/* Option value as text (current value). Returns false when no such option.
 * threads: session thread or the filter's callbacks. */
bool gp_filter_get_arg_str(GpFilter *f, const char *name, char *buf, uint32_t size);
/* Sets an updatable option at run time (text value, parsed like at load).
 * threads: session thread or the filter's callbacks. */
GpErr gp_filter_update_arg(GpFilter *f, const char *name, const char *value);

/* Opaque user data (the binding's Python object). threads: any. */
void gp_filter_set_udata(GpFilter *f, void *udata);
void *gp_filter_get_udata(const GpFilter *f);

/* Counters. threads: any (values read without locking may lag). */
typedef struct GpFilterStats {
    uint64_t nb_tasks_done, nb_pck_processed, nb_bytes_processed, nb_pck_sent,
        nb_bytes_sent, nb_errors, time_process_us;
    uint32_t nb_pid_in, nb_pid_out;
    bool done;
} GpFilterStats;
void gp_filter_get_stats(GpFilter *f, GpFilterStats *st);

/* Removes the filter from its session (disconnecting its PIDs). threads: session
 * thread or filter callbacks. */
void gp_filter_remove(GpFilter *f);

/* Prints "- name (type): help (default: X min_max_enum: Y)" lines for every option of
 * a class. threads: any. */
void gp_filter_class_print_help(const GpFilterClass *cls, void *file /* FILE* */);

#ifdef __cplusplus
}
#endif
#endif /* GP_FILTER_H */
