/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Scheduler tests (core/scheduler.c): order of user tasks (due time, then posting order),
 * timed tasks and rescheduling, non-blocking passes, abort from a task and from another
 * thread, worker threads, main-thread tasks and per-filter serialisation. Timing checks
 * use lower bounds only. */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "harness.h"
#include "test_filters.h"

/* ---- helpers ---- */

typedef struct OrderLog {
    pthread_mutex_t lock;
    uint32_t nb;
    uint32_t order[512];
    uint64_t when[512];
} OrderLog;

typedef struct OrderTask {
    OrderLog *log;
    uint32_t id;
} OrderTask;

static int64_t
order_task(GpSession *s, void *udata)
{
    OrderTask *t = udata;
    pthread_mutex_lock(&t->log->lock);
    if (t->log->nb < 512) {
        t->log->order[t->log->nb] = t->id;
        t->log->when[t->log->nb] = gp_sys_clock_us();
    }
    t->log->nb++;
    pthread_mutex_unlock(&t->log->lock);
    return -1;
}

static void
order_log_init(OrderLog *log)
{
    memset(log, 0, sizeof(*log));
    pthread_mutex_init(&log->lock, NULL);
}

static int64_t
count_task(GpSession *s, void *udata)
{
    atomic_fetch_add((atomic_int *)udata, 1);
    return -1;
}

/* ---- ordering ---- */

static void
sched_order_due_time(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    OrderLog log;
    order_log_init(&log);
    /* ids 0..4 posted in order with these delays: 0, 2 and 4 are due first (posting
     * order), then 3 (20 ms), then 1 (40 ms) */
    static const uint64_t delays[] = {0, 40000, 0, 20000, 0};
    OrderTask t[5];
    for (uint32_t i = 0; i < 5; i++) {
        t[i] = (OrderTask){&log, i};
        GP_ASSERT_OK(gp_session_post_task(s, order_task, &t[i], delays[i], "order", false));
    }
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(log.nb, 5);
    static const uint32_t expected[] = {0, 2, 4, 3, 1};
    for (uint32_t i = 0; i < 5; i++)
        GP_ASSERT_INT_EQ(log.order[i], expected[i]);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
sched_order_ties(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    OrderLog log;
    order_log_init(&log);
    /* 200 tasks: even ids now, odd ids 200 ms later; within each group due times are
     * equal or increasing with posting order, so posting order is kept exactly */
    static OrderTask t[200];
    for (uint32_t i = 0; i < 200; i++) {
        t[i] = (OrderTask){&log, i};
        GP_ASSERT_OK(gp_session_post_task(s, order_task, &t[i], i % 2 ? 200000 : 0, "tie",
                                          false));
    }
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(log.nb, 200);
    for (uint32_t i = 0; i < 100; i++) {
        GP_ASSERT_INT_EQ(log.order[i], 2 * i);
        GP_ASSERT_INT_EQ(log.order[100 + i], 2 * i + 1);
    }
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ---- timing ---- */

static void
sched_timed_task(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    OrderLog log;
    order_log_init(&log);
    OrderTask late = {&log, 1}, early = {&log, 2};
    uint64_t t0 = gp_sys_clock_us();
    GP_ASSERT_OK(gp_session_post_task(s, order_task, &late, 60000, "late", false));
    GP_ASSERT_OK(gp_session_post_task(s, order_task, &early, 30000, "early", false));
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(log.nb, 2);
    GP_ASSERT_INT_EQ(log.order[0], 2);
    GP_ASSERT_INT_EQ(log.order[1], 1);
    GP_ASSERT(log.when[0] >= t0 + 30000);
    GP_ASSERT(log.when[1] >= t0 + 60000);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

typedef struct Resched {
    uint32_t calls;
    uint64_t when[8];
} Resched;

static int64_t
resched_task(GpSession *s, void *udata)
{
    Resched *r = udata;
    if (r->calls < 8)
        r->when[r->calls] = gp_sys_clock_us();
    r->calls++;
    return r->calls < 4 ? 10000 : -1;
}

static void
sched_task_reschedule(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    Resched r = {0};
    GP_ASSERT_OK(gp_session_post_task(s, resched_task, &r, 0, "resched", false));
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(r.calls, 4);
    for (uint32_t i = 1; i < 4; i++)
        GP_ASSERT(r.when[i] >= r.when[i - 1] + 10000);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ---- non-blocking mode ---- */

static void
sched_non_blocking_due(void)
{
    GpSession *s = gp_test_session_new(0, GP_FS_FLAG_NON_BLOCKING);
    OrderLog log;
    order_log_init(&log);
    OrderTask now = {&log, 1}, later = {&log, 2};
    uint64_t t0 = gp_sys_clock_us();
    GP_ASSERT_OK(gp_session_post_task(s, order_task, &now, 0, "now", false));
    GP_ASSERT_OK(gp_session_post_task(s, order_task, &later, 100000, "later", false));
    /* first call: the due task only, and it returns at once */
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_OK);
    GP_ASSERT_INT_EQ(log.nb, 1);
    GP_ASSERT_INT_EQ(log.order[0], 1);
    GP_ASSERT(gp_sys_clock_us() < t0 + 100000);
    /* later calls: nothing until the timed task is due, then GP_EOS */
    GpErr rc = GP_OK;
    uint32_t calls = 1;
    while (rc == GP_OK && gp_sys_clock_us() < t0 + 10000000) {
        usleep(5000);
        rc = gp_session_run(s);
        calls++;
        if (rc == GP_OK)
            GP_ASSERT_INT_EQ(log.nb, 1);
    }
    GP_ASSERT_INT_EQ(rc, GP_EOS);
    GP_ASSERT(calls > 2);
    GP_ASSERT_INT_EQ(log.nb, 2);
    GP_ASSERT_INT_EQ(log.order[1], 2);
    GP_ASSERT(log.when[1] >= t0 + 100000);
    /* nothing left */
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_EOS);
    GP_ASSERT_INT_EQ(log.nb, 2);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static int64_t
again_task(GpSession *s, void *udata)
{
    int *calls = udata;
    return ++*calls < 3 ? 0 : -1;
}

static void
sched_non_blocking_once(void)
{
    GpSession *s = gp_test_session_new(0, GP_FS_FLAG_NON_BLOCKING);
    int calls = 0;
    /* a task asking to run again at once runs once per call */
    GP_ASSERT_OK(gp_session_post_task(s, again_task, &calls, 0, "again", false));
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_OK);
    GP_ASSERT_INT_EQ(calls, 1);
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_OK);
    GP_ASSERT_INT_EQ(calls, 2);
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_EOS);
    GP_ASSERT_INT_EQ(calls, 3);
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_EOS);
    GP_ASSERT_INT_EQ(calls, 3);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
sched_non_blocking_empty(void)
{
    GpSession *s = gp_test_session_new(0, GP_FS_FLAG_NON_BLOCKING);
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_EOS);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ---- abort ---- */

typedef struct AbortCtx {
    atomic_int aborter, others, spins;
    uint32_t delay_us;
    GpSession *s;
} AbortCtx;

static int64_t
abort_task(GpSession *s, void *udata)
{
    AbortCtx *a = udata;
    atomic_fetch_add(&a->aborter, 1);
    GP_ASSERT_OK(gp_session_abort(s, GP_FS_FLUSH_NONE));
    GP_ASSERT(gp_session_is_aborted(s));
    return -1;
}

static int64_t
other_task(GpSession *s, void *udata)
{
    AbortCtx *a = udata;
    atomic_fetch_add(&a->others, 1);
    return -1;
}

static void
sched_abort_in_task(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    AbortCtx a = {0};
    GP_ASSERT(!gp_session_is_aborted(s));
    GP_ASSERT_OK(gp_session_post_task(s, abort_task, &a, 0, "abort", false));
    for (int i = 0; i < 3; i++)
        GP_ASSERT_OK(gp_session_post_task(s, other_task, &a, 0, "other", false));
    GP_ASSERT_OK(gp_session_post_task(s, other_task, &a, 1000, "other_timed", false));
    GpErr rc = gp_session_run(s);
    GP_ASSERT(rc >= 0);
    GP_ASSERT_INT_EQ(atomic_load(&a.aborter), 1);
    GP_ASSERT_INT_EQ(atomic_load(&a.others), 0);
    GP_ASSERT(gp_session_is_aborted(s));
    /* the tasks left in the queue are freed by the session */
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static int64_t
spin_task(GpSession *s, void *udata)
{
    AbortCtx *a = udata;
    atomic_fetch_add(&a->spins, 1);
    return 1000;
}

static void *
abort_thread(void *arg)
{
    AbortCtx *a = arg;
    usleep(a->delay_us);
    gp_session_abort(a->s, GP_FS_FLUSH_NONE);
    return NULL;
}

static void
sched_abort_other_thread(void)
{
    GpSession *s = gp_test_session_new(2, 0);
    AbortCtx a = {0};
    a.s = s;
    a.delay_us = 50000;
    GP_ASSERT_OK(gp_session_post_task(s, spin_task, &a, 0, "spin", false));
    GP_ASSERT_OK(gp_session_post_task(s, spin_task, &a, 0, "spin_main", true));
    pthread_t th;
    uint64_t t0 = gp_sys_clock_us();
    GP_ASSERT_INT_EQ(pthread_create(&th, NULL, abort_thread, &a), 0);
    GpErr rc = gp_session_run(s);
    uint64_t t1 = gp_sys_clock_us();
    pthread_join(th, NULL);
    GP_ASSERT(rc >= 0);
    GP_ASSERT(gp_session_is_aborted(s));
    GP_ASSERT(t1 >= t0 + 50000);
    GP_ASSERT(atomic_load(&a.spins) >= 2);
    /* nothing runs after run() returned, on any thread */
    int spins = atomic_load(&a.spins);
    usleep(30000);
    GP_ASSERT_INT_EQ(atomic_load(&a.spins), spins);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ---- worker threads ---- */

typedef struct ManyCtx {
    atomic_int done;
    atomic_int children;
    GpSession *s;
} ManyCtx;

static int64_t
child_task(GpSession *s, void *udata)
{
    ManyCtx *m = udata;
    atomic_fetch_add(&m->children, 1);
    return -1;
}

static int64_t
parent_task(GpSession *s, void *udata)
{
    ManyCtx *m = udata;
    atomic_fetch_add(&m->done, 1);
    for (int i = 0; i < 10; i++)
        gp_session_post_task(s, child_task, m, (uint64_t)i * 100, "child", false);
    return -1;
}

static void
sched_workers_many_tasks(void)
{
    GpSession *s = gp_test_session_new(2, 0);
    ManyCtx m = {0};
    m.s = s;
    for (int i = 0; i < 2000; i++)
        GP_ASSERT_OK(gp_session_post_task(s, count_task, &m.done, 0, "count", false));
    for (int i = 0; i < 50; i++)
        GP_ASSERT_OK(gp_session_post_task(s, parent_task, &m, 0, "parent", false));
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(atomic_load(&m.done), 2050);
    GP_ASSERT_INT_EQ(atomic_load(&m.children), 500);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

typedef struct ThreadLog {
    pthread_mutex_t lock;
    uint32_t nb;
    pthread_t ids[256];
} ThreadLog;

static int64_t
thread_task(GpSession *s, void *udata)
{
    ThreadLog *l = udata;
    pthread_mutex_lock(&l->lock);
    if (l->nb < 256)
        l->ids[l->nb] = pthread_self();
    l->nb++;
    pthread_mutex_unlock(&l->lock);
    usleep(100);
    return -1;
}

typedef struct RunThread {
    GpSession *s;
    GpErr rc;
} RunThread;

static void *
run_thread(void *arg)
{
    RunThread *r = arg;
    r->rc = gp_session_run(r->s);
    return NULL;
}

static void
sched_main_thread_tasks(void)
{
    GpSession *s = gp_test_session_new(2, 0);
    ThreadLog main_log = {.lock = PTHREAD_MUTEX_INITIALIZER};
    ThreadLog any_log = {.lock = PTHREAD_MUTEX_INITIALIZER};
    for (int i = 0; i < 100; i++) {
        GP_ASSERT_OK(gp_session_post_task(s, thread_task, &main_log, (uint64_t)(i % 5) * 1000,
                                          "main", true));
        GP_ASSERT_OK(gp_session_post_task(s, thread_task, &any_log, (uint64_t)(i % 5) * 1000,
                                          "any", false));
    }
    /* run() is called from another thread than the creator: that thread is "main" */
    RunThread r = {s, GP_BAD_PARAM};
    pthread_t th;
    GP_ASSERT_INT_EQ(pthread_create(&th, NULL, run_thread, &r), 0);
    pthread_join(th, NULL);
    GP_ASSERT_OK(r.rc);
    GP_ASSERT_INT_EQ(main_log.nb, 100);
    GP_ASSERT_INT_EQ(any_log.nb, 100);
    for (uint32_t i = 0; i < 100; i++)
        GP_ASSERT(pthread_equal(main_log.ids[i], th));
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* Three independent chains on three workers: callbacks of one filter never overlap,
 * and every packet arrives in order. */
static void
sched_filter_callbacks_serialised(void)
{
    GpSession *s = gp_test_session_new(3, 0);
    GpFilter *src[3], *pass[3], *sink[3];
    for (int i = 0; i < 3; i++) {
        char a[64];
        snprintf(a, sizeof(a), "FID=s%d:nb=300:burst=3", i);
        src[i] = gp_test_load(s, &tf_tsrc, a);
        snprintf(a, sizeof(a), "FID=p%d:SID=s%d:delay=20", i, i);
        pass[i] = gp_test_load(s, &tf_tpass, a);
        snprintf(a, sizeof(a), "SID=p%d:delay=20", i);
        sink[i] = gp_test_load(s, &tf_tsink, a);
    }
    GP_ASSERT_OK(gp_session_run(s));
    for (int i = 0; i < 3; i++) {
        TsrcCtx *sc = gp_filter_priv(src[i]);
        TpassCtx *pc = gp_filter_priv(pass[i]);
        TsinkCtx *kc = gp_filter_priv(sink[i]);
        GP_ASSERT_INT_EQ(atomic_load(&sc->guard.nb_concurrent), 0);
        GP_ASSERT_INT_EQ(atomic_load(&pc->guard.nb_concurrent), 0);
        GP_ASSERT_INT_EQ(atomic_load(&kc->guard.nb_concurrent), 0);
        GP_ASSERT_INT_EQ(kc->npids, 1);
        GP_ASSERT(kc->pid_src[0] == pass[i]);
        GP_ASSERT_SEQUENCE(sink[i], 0, 300, 16);
        GP_ASSERT_INT_EQ(pc->nb_in, 300);
    }
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* A class flagged GP_FCLASS_MAIN_THREAD has every callback on the thread calling run(),
 * even with workers. */
static void
sched_main_thread_filter(void)
{
    GpSession *s = gp_test_session_new(2, 0);
    gp_test_load(s, &tf_tsrc, "nb=200:burst=2");
    gp_test_load(s, &tf_tpass, "delay=10");
    GpFilter *sink = gp_test_load(s, &tf_tsink_main, NULL);
    TsinkCtx *k = gp_filter_priv(sink);
    k->expect_thread = (unsigned long)pthread_self();
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_SEQUENCE(sink, 0, 200, 16);
    GP_ASSERT(k->nb_configure >= 1);
    GP_ASSERT_INT_EQ(atomic_load(&k->nb_wrong_thread), 0);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(sched_order_due_time), GP_CASE(sched_order_ties),
             GP_CASE(sched_timed_task), GP_CASE(sched_task_reschedule),
             GP_CASE(sched_non_blocking_due), GP_CASE(sched_non_blocking_once),
             GP_CASE(sched_non_blocking_empty), GP_CASE(sched_abort_in_task),
             GP_CASE(sched_abort_other_thread), GP_CASE(sched_workers_many_tasks),
             GP_CASE(sched_main_thread_tasks), GP_CASE(sched_filter_callbacks_serialised),
             GP_CASE(sched_main_thread_filter))
