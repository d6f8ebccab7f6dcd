/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The filter session: owns filters, a timed task queue and 0..N worker threads.
 * Loop phases are listed in docs/scheduler.md. */
#ifndef GP_SESSION_H
#define GP_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "gp_error.h"
#include "gp_filter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Session flags, GPAC's values (API.md 1.4.2). */
enum {
    GP_FS_FLAG_LOAD_META = 2,
    GP_FS_FLAG_NON_BLOCKING = 4,
    GP_FS_FLAG_NO_GRAPH_CACHE = 8,
    GP_FS_FLAG_NO_REGULATION = 16,
    GP_FS_FLAG_NO_PROBE = 32,
    GP_FS_FLAG_NO_REASSIGN = 64,
    GP_FS_FLAG_PRINT_CONNECTIONS = 128,
    GP_FS_FLAG_NO_ARG_CHECK = 256,
    GP_FS_FLAG_NO_RESERVOIR = 512,
    GP_FS_FLAG_FULL_LINK = 1024,
    GP_FS_FLAG_NO_IMPLICIT = 2048,
    GP_FS_FLAG_REQUIRE_SOURCE_ID = 4096,
    GP_FS_FLAG_FORCE_DEFER_LINK = 8192,
    GP_FS_FLAG_PREVENT_PLAY = 16384,
};

enum { GP_FS_FLUSH_NONE = 0, GP_FS_FLUSH_ALL = 1, GP_FS_FLUSH_FAST = 2 };

/* Creates a session. nb_threads: extra worker threads (-1: one per core minus one).
 * blacklist: comma-separated class names never loaded by resolution (a leading '-'
 * makes it a whitelist), NULL or "" for none.
 * transfer: none. threads: any. returns NULL on failure. */
GpSession *gp_session_new(int nb_threads, uint32_t flags, const char *blacklist);

/* Destroys the session and every filter (finalize, then on_filter_del callback).
 * Must not be called from inside run(). threads: the thread that created it. */
void gp_session_del(GpSession *s);

/* Runs tasks. Blocking: until no task is left or abort(). Non-blocking
 * (GP_FS_FLAG_NON_BLOCKING): runs the tasks due now once, then returns GP_OK, or
 * GP_EOS when the session is finished. threads: one thread at a time (the "main" one).
 * returns GP_OK/GP_EOS, or the first filter error recorded (see last_error). */
GpErr gp_session_run(GpSession *s);

/* Stops the session: pending tasks are dropped (FLUSH_NONE) or the sources stop and
 * what is buffered is flushed (FLUSH_ALL/FAST). threads: any, including callbacks. */
GpErr gp_session_abort(GpSession *s, int flush);
bool gp_session_is_aborted(const GpSession *s);

/* Loads a filter from "name:opt=val:...". *err (may be NULL) gets the reason.
 * transfer: none (the session owns the filter). threads: session thread.
 * Errors: GP_FILTER_NOT_FOUND (unknown name), GP_BAD_PARAM (unknown option or
 * malformed value), or what the filter's initialize returned; the reason text is in
 * gp_session_last_error(). */
GpFilter *gp_session_load_filter(GpSession *s, const char *desc, GpErr *err);
/* Loads the best source for "URL[:opts]" (probe_url scores). parent_url may be NULL.
 * Errors: GP_URL_ERROR (missing local file), GP_NOT_SUPPORTED (no filter for it). */
GpFilter *gp_session_load_source(GpSession *s, const char *url, const char *parent_url,
                                 GpErr *err);
/* Same for a destination URL. */
GpFilter *gp_session_load_destination(GpSession *s, const char *url, const char *parent_url,
                                      GpErr *err);
/* Instance of a class not in the registry (custom / test filters). The class must
 * outlive the filter. */
GpFilter *gp_session_load_class(GpSession *s, const GpFilterClass *cls, const char *args,
                                GpErr *err);

/* Adds a class to this session's candidates for graph resolution (test filters,
 * custom classes). The class must outlive the session. threads: session thread. */
GpErr gp_session_register_class(GpSession *s, const GpFilterClass *cls);

/* User tasks. fn returns the delay in µs before its next call, or < 0 when done.
 * main_thread: run only on the thread calling run(). transfer: none (udata is the
 * caller's). threads: any. */
typedef int64_t (*GpTaskFn)(GpSession *s, void *udata);
GpErr gp_session_post_task(GpSession *s, GpTaskFn fn, void *udata, uint64_t delay_us,
                           const char *name, bool main_thread);

/* Filters in creation order (dynamic ones included). threads: session thread, or
 * under gp_session_lock_filters. transfer: none. */
uint32_t gp_session_nb_filters(GpSession *s);
GpFilter *gp_session_filter_at(GpSession *s, uint32_t i);
void gp_session_lock_filters(GpSession *s, bool lock);

/* Filter creation/destruction callbacks (the binding's on_filter_new/del). Called on
 * the session thread, synchronously. transfer: none. threads: session thread. */
typedef void (*GpFilterNotifyFn)(void *udata, GpFilter *f, bool is_new);
void gp_session_set_filter_notify(GpSession *s, GpFilterNotifyFn fn, void *udata);

/* Opaque user data (the binding's session object). threads: any. */
void gp_session_set_udata(GpSession *s, void *udata);
void *gp_session_get_udata(const GpSession *s);

/* Called when a PID that has user data (gp_pid_set_udata) is destroyed, before its
 * memory may go: the binding clears its wrapper. Runs on the thread destroying the PID
 * (any thread). transfer: none. threads: session thread (set). */
typedef void (*GpPidNotifyFn)(void *udata, GpPid *pid, void *pid_udata);
void gp_session_set_pid_notify(GpSession *s, GpPidNotifyFn fn, void *udata);

/* True while the running task is the last one (the session is ending).
 * threads: any. */
bool gp_session_is_last_task(GpSession *s);

/* Last error: code, URL (may be empty) and reason; "" when none. Filter errors and
 * unlinked PIDs are recorded here. transfer: none (valid until the next error).
 * threads: session thread. */
typedef struct GpErrorInfo {
    GpErr code;
    char url[512];
    char reason[512];
} GpErrorInfo;
const GpErrorInfo *gp_session_last_error(GpSession *s);
/* Records an error (first error wins for code; reason printed as an error log).
 * url may be NULL. threads: any. */
void gp_session_set_error(GpSession *s, GpErr code, const char *url, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Number of output PIDs that could not be linked to any consumer. threads: any. */
uint32_t gp_session_nb_unlinked(GpSession *s);

/* How far a running session is, for progress displays: *pos_us gets the media time
 * the sinks (filters without output PIDs) have consumed since their first timed
 * packet (the smallest across sinks), *dur_us the longest Duration announced on
 * their inputs (0 when none). returns false while no sink has consumed a timed
 * packet. threads: any (values may lag a few packets). */
bool gp_session_get_progress(GpSession *s, uint64_t *pos_us, uint64_t *dur_us);

/* Connected / not connected filter tree (API.md 4.7 format). threads: session thread. */
void gp_session_print_graph(GpSession *s, FILE *out);
void gp_session_print_stats(GpSession *s, FILE *out);

/* Monotonic clock. threads: any. */
uint64_t gp_sys_clock_us(void);

/* Live object counters of the process (tests assert they are back to zero).
 * threads: any. */
typedef struct GpCounters {
    int64_t sessions, filters, pids, packets, propmaps, tasks;
} GpCounters;
void gp_counters_get(GpCounters *c);

#ifdef __cplusplus
}
#endif
#endif /* GP_SESSION_H */
