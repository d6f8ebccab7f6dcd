/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private structures of the engine core, shared by the files of csrc/core/ and by the
 * C tests. Ownership and lifecycle rules: docs/filter_design.md; loop phases:
 * docs/scheduler.md. Filters and the binding never include this file. */
#ifndef GP_CORE_H
#define GP_CORE_H

#include <pthread.h>
#include <stdatomic.h>

#include "filter_args.h"
#include "gp/gp.h"

/* ---- small pointer vector ---- */
typedef struct GpVec {
    void **items;
    uint32_t nb, alloc;
} GpVec;
GpErr gp__vec_add(GpVec *v, void *item);
bool gp__vec_del(GpVec *v, void *item); /* keeps order; false when absent */
int gp__vec_find(const GpVec *v, const void *item);
void gp__vec_free(GpVec *v);

/* ---- live object counters (gp_counters_get) ---- */
extern atomic_llong gp__live_sessions, gp__live_filters, gp__live_pids, gp__live_packets,
    gp__live_tasks;

/* ---- tasks (scheduler.c) ---- */
typedef struct GpTask GpTask;
/* Runs a task. Returns < 0 when done (the task is freed), else the delay in µs after
 * which it runs again. */
typedef int64_t (*GpTaskRun)(GpSession *s, GpTask *t);

struct GpTask {
    uint64_t due_us;
    uint64_t seq;       /* posting order: breaks ties between equal due times */
    GpTaskRun run;
    /* called instead of run when the task is dropped unrun (abort, session end) */
    void (*drop)(GpTask *t);
    GpFilter *filter;   /* tasks of one filter never run concurrently */
    bool main_thread;   /* only the thread calling run() takes it */
    const char *name;
    /* payload, by task kind */
    GpTaskFn user_fn;
    void *udata;
    GpPid *pid;         /* output PID (pid_init) or input handle (connect, event) */
    GpEvent evt;
    char *evt_str;      /* owned copy of the event's string (seek, seg_size, file_del) */
};

GpTask *gp__task_new(GpTaskRun run, GpFilter *filter, const char *name);
/* Queues a task due in delay_us. transfer: full. threads: any. */
void gp__task_post(GpSession *s, GpTask *t, uint64_t delay_us);
void gp__task_free(GpTask *t);
/* Scheduler entry points used by session.c. */
GpErr gp__sched_init(GpSession *s);
void gp__sched_shutdown(GpSession *s); /* joins workers, frees queued tasks */
GpErr gp__sched_run(GpSession *s, bool non_blocking);
void gp__sched_wake(GpSession *s);
/* Drops the queued tasks of a filter being destroyed. */
void gp__sched_purge_filter(GpSession *s, GpFilter *f);

typedef struct GpTaskHeap {
    GpTask **items;
    uint32_t nb, alloc;
} GpTaskHeap;

/* ---- session ---- */
struct GpSession {
    uint32_t flags;
    int nb_threads;
    char *blacklist;
    GpVec filters;         /* GpFilter*, creation order */
    GpVec extra_classes;   /* const GpFilterClass* registered for this session */
    pthread_mutex_t filters_lock;
    GpFilterNotifyFn notify;
    void *notify_udata;
    GpPidNotifyFn pid_notify;
    void *pid_notify_udata;
    void *udata;           /* the binding's session object */
    GpErrorInfo last_error;
    GpErr run_error;       /* first error recorded while running: run()'s result */
    pthread_mutex_t error_lock;
    uint32_t nb_unlinked;
    uint32_t max_chain;
    uint32_t next_auto_id;

    /* scheduler state, all under `lock` */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    GpTaskHeap heap;       /* tasks any thread may run */
    GpTaskHeap main_heap;  /* main-thread-only tasks */
    uint64_t seq;
    uint32_t nb_running;   /* tasks being executed now */
    pthread_t *workers;
    uint32_t nb_workers;
    bool workers_started;
    bool stop_workers;
    atomic_bool aborted;
    int abort_flush;
    bool in_run;
    pthread_t main_thread;
    bool has_main_thread;
};

/* ---- filters ---- */
struct GpFilter {
    GpSession *session;
    const GpFilterClass *cls;
    void *priv;
    char *name;
    char *args;             /* declaration without the name */
    GpFilterCommon common;  /* FID, SID, N, ... */
    const GpCap *caps;      /* instance caps (class caps unless replaced) */
    uint32_t nb_caps;
    int32_t max_extra_pids;
    GpVec inputs;           /* GpPid* (input handles) */
    GpVec outputs;          /* GpPid* (output PIDs) */
    bool dynamic;           /* inserted by graph resolution */
    bool explicit_sink;     /* loaded as a destination (load_dst) */
    GpFilter *final_dest;   /* inserted filters: where their outputs must go */
    const GpFilterClass *chain_next; /* inserted filters: next hop of the chain found */
    GpFilter *src_anchor;   /* inserted filters: explicitly loaded filter upstream */
    uint32_t dyn_idx;       /* creation index, for print_graph */
    void *udata;

    /* scheduling, under session->lock */
    bool process_posted;    /* a process task is queued */
    bool running;           /* one of its tasks is executing */
    GpVec deferred;         /* its tasks that came due while it was running */
    /* written by its own tasks only */
    bool finished;          /* source returned GP_EOS, or failed */
    bool removed;
    bool progress;          /* sent or consumed a packet during the current call */
    atomic_bool resched;    /* asked to be called again */
    bool in_process;

    GpFilterStats stats;
    /* sinks (no output PID): media time of the packets they consume, for
     * gp_session_get_progress; written by their own callbacks, read by any thread */
    atomic_ullong prog_first_us, prog_pos_us, prog_dur_us;
    atomic_bool prog_seen;
};

/* filter.c */
GpFilter *gp__filter_new(GpSession *s, const GpFilterClass *cls, const char *args,
                         GpArgsMode mode, GpErr *err);
void gp__filter_destroy(GpFilter *f);
bool gp__filter_is_source(const GpFilter *f); /* no configure_pid */
bool gp__filter_is_sink(const GpFilter *f);   /* declares no output caps */
bool gp__filter_accepts_more_inputs(const GpFilter *f);
int64_t gp__filter_process_task(GpSession *s, GpTask *t);
void gp__filter_apply_pid_props(GpFilter *f, GpPid *opid); /* "#Prop=Val" options */

/* ---- PIDs ---- */
typedef struct GpQueueEntry {
    GpPacket *pck;     /* NULL: end of stream marker */
    GpPropMap *props;  /* PID properties in force for this packet (a reference) */
} GpQueueEntry;

typedef enum { GP_PID_OUTPUT = 1, GP_PID_INPUT = 2 } GpPidKind;

struct GpPid {
    GpPidKind kind;
    GpFilter *filter;       /* output: producer; input: consumer; NULL once destroyed */
    atomic_uint refs;       /* 1 while alive + 1 per packet created on it */
    void *udata;
    /* output side */
    char *name;
    GpPropMap *props;       /* current properties (copy-on-write once shared) */
    GpPropMap *infos;       /* set_info values */
    GpVec dests;            /* GpPid* input handles */
    pthread_mutex_t lock;   /* dests, props pointer swap, pending */
    bool init_pending;      /* link resolution not done yet */
    GpQueueEntry *pending;  /* packets sent before linking */
    uint32_t nb_pending, alloc_pending;
    bool unlinked;
    bool eos_sent;
    bool removed;
    atomic_int nb_playing;
    bool was_stopped; /* a STOP reached the producer: a later PLAY restarts it */
    GpVec refused;          /* filters that refused this PID, and the classes of
                               inserted ones (not to be inserted again for it) */
    /* input side */
    GpPid *opid;            /* the output PID read */
    GpPropMap *cur_props;   /* properties as this consumer sees them */
    GpQueueEntry *queue;    /* ring buffer */
    uint32_t q_head, q_count, q_alloc;
    uint64_t q_dur_us;      /* buffered duration */
    uint64_t q_bytes;       /* buffered payload bytes */
    uint32_t max_buffer_us;
    uint32_t max_units;
    bool configured;
    bool is_eos;            /* EOS marker consumed, queue empty */
    bool eos_received;      /* EOS marker queued */
    bool playing;
    bool producer_blocked;  /* producer saw this queue full */
};

/* pid.c */
/* Destroys the PID (notifies the binding, frees queues and properties); its memory
 * stays until the last packet created on it is gone. */
void gp__pid_destroy(GpPid *pid);
void gp__pid_hold(GpPid *pid);
void gp__pid_release(GpPid *pid);
/* Drops every queued entry (input queue, or an output PID's pending packets). */
void gp__pid_flush(GpPid *pid);
/* pid_link.c */
GpErr gp__pid_connect(GpPid *opid, GpFilter *dst);
void gp__pid_disconnect(GpPid *ipid);
void gp__pid_post_init(GpPid *opid);
bool gp__pid_queue_push(GpPid *ipid, GpPacket *pck, GpPropMap *props);
void gp__pid_dispatch(GpPid *opid, GpPacket *pck); /* transfer: full on pck */
bool gp__pid_inst_full(const GpPid *ipid);

/* ---- packets (packet.c) ---- */
void gp__packet_mark_sent(GpPacket *pck);

/* ---- caps (caps.c) ---- */
/* Match a property set against a caps table: returns the matching bundle index or -1.
 * loaded: the filter was loaded explicitly (LOADED_FILTER caps count). */
int gp__caps_match(const GpCap *caps, uint32_t nb_caps, const GpPropMap *props, bool loaded);
bool gp__caps_has_input(const GpCap *caps, uint32_t nb_caps);
bool gp__caps_has_output(const GpCap *caps, uint32_t nb_caps);
/* Next bundle [start, end) from *pos (start with *pos = 0); 0 at the end. */
int gp__caps_next_bundle(const GpCap *caps, uint32_t nb, uint32_t *pos, uint32_t *start,
                         uint32_t *end);
/* Value of the first positive input cap for a key (code, or custom name) in the first
 * bundle whose other keys accept props; NULL when none (gp_pid_caps_query). */
const GpPropValue *gp__caps_query(const GpCap *caps, uint32_t nb_caps, const GpPropMap *props,
                                  bool loaded, uint32_t code, const char *name);
/* Value of the first non-excluded input cap on `code` in the first bundle (with the
 * static caps) that has one, whatever the other keys; NULL when none. */
const GpPropValue *gp__caps_first_value(const GpCap *caps, uint32_t nb, uint32_t code);
/* A cap value accepts a property value (integers across int types; '|' lists in
 * string caps). */
bool gp__cap_value_match(const GpPropValue *cap, const GpPropValue *val);

/* ---- graph resolution (graph.c) ---- */
void gp__graph_resolve(GpSession *s, GpPid *opid);
/* Does a PID (and its upstream chain) satisfy a filter's SID restriction? */
bool gp__graph_sid_match(GpFilter *dst, GpPid *opid);
/* Chain of classes (max `max_len`) turning props into something dst accepts; fills
 * chain[] and returns its length, 0 when dst accepts props directly, -1 when none. */
int gp__graph_find_chain(GpSession *s, const GpPropMap *props, GpFilter *dst,
                         const GpFilterClass **chain, int max_len);

/* ---- events (event.c) ---- */
int64_t gp__event_task(GpSession *s, GpTask *t);
void gp__event_post(GpFilter *target, GpPid *on_pid, const GpEvent *evt, bool upstream);

/* scheduler.c: the session whose task the calling thread is running, or NULL */
extern _Thread_local GpSession *gp__running_session;

/* ---- session.c ---- */
GpErr gp__session_add_filter(GpSession *s, GpFilter *f);
void gp__session_notify(GpSession *s, GpFilter *f, bool is_new);
bool gp__session_class_allowed(GpSession *s, const GpFilterClass *cls);
/* Records a reason in last_error without failing run() (logged as a warning). */
void gp__session_warn(GpSession *s, GpErr code, const char *url, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif /* GP_CORE_H */
