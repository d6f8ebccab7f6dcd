/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The timed task queue and the run loop (docs/scheduler.md): two heaps ordered by
 * (due time, posting order), one for tasks any thread may run and one for tasks bound
 * to the thread calling run(); worker threads; per-filter serialisation. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core.h"

atomic_llong gp__live_tasks;

uint64_t
gp_sys_clock_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

GpTask *
gp__task_new(GpTaskRun run, GpFilter *filter, const char *name)
{
    GpTask *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->run = run;
    t->filter = filter;
    t->name = name;
    atomic_fetch_add(&gp__live_tasks, 1);
    return t;
}

void
gp__task_free(GpTask *t)
{
    if (!t)
        return;
    atomic_fetch_sub(&gp__live_tasks, 1);
    free(t->evt_str);
    free(t);
}

/* Earlier due time first; equal due times in posting order (libuv's start_id). */
static bool
task_before(const GpTask *a, const GpTask *b)
{
    if (a->due_us != b->due_us)
        return a->due_us < b->due_us;
    return a->seq < b->seq;
}

static bool
heap_push(GpTaskHeap *h, GpTask *t)
{
    if (h->nb == h->alloc) {
        uint32_t n = h->alloc ? h->alloc * 2 : 64;
        GpTask **items = realloc(h->items, n * sizeof(*items));
        if (!items)
            return false;
        h->items = items;
        h->alloc = n;
    }
    uint32_t i = h->nb++;
    while (i > 0) {
        uint32_t parent = (i - 1) / 2;
        if (!task_before(t, h->items[parent]))
            break;
        h->items[i] = h->items[parent];
        i = parent;
    }
    h->items[i] = t;
    return true;
}

static GpTask *
heap_pop(GpTaskHeap *h)
{
    if (!h->nb)
        return NULL;
    GpTask *top = h->items[0];
    GpTask *last = h->items[--h->nb];
    uint32_t i = 0;
    for (;;) {
        uint32_t l = 2 * i + 1, r = l + 1, m = i;
        const GpTask *best = last;
        if (l < h->nb && task_before(h->items[l], best)) {
            m = l;
            best = h->items[l];
        }
        if (r < h->nb && task_before(h->items[r], best))
            m = r;
        if (m == i)
            break;
        h->items[i] = h->items[m];
        i = m;
    }
    if (h->nb)
        h->items[i] = last;
    return top;
}

/* Frees a task that will not run, after its drop hook. */
static void
task_drop(GpTask *t)
{
    if (t->drop)
        t->drop(t);
    gp__task_free(t);
}

static void
heap_free(GpTaskHeap *h)
{
    for (uint32_t i = 0; i < h->nb; i++)
        task_drop(h->items[i]);
    free(h->items);
    memset(h, 0, sizeof(*h));
}

/* Called with s->lock held. */
static void
queue_locked(GpSession *s, GpTask *t)
{
    bool main_only = t->main_thread ||
                     (t->filter && (t->filter->cls->flags & GP_FCLASS_MAIN_THREAD));
    GpTaskHeap *h = main_only ? &s->main_heap : &s->heap;
    if (!heap_push(h, t)) {
        gp_log_msg(GP_LOG_SCHED, GP_LOG_ERROR, "out of memory queueing task %s", t->name);
        gp__task_free(t);
        return;
    }
    pthread_cond_broadcast(&s->cond);
}

void
gp__task_post(GpSession *s, GpTask *t, uint64_t delay_us)
{
    if (!t)
        return;
    pthread_mutex_lock(&s->lock);
    t->due_us = gp_sys_clock_us() + delay_us;
    t->seq = s->seq++;
    queue_locked(s, t);
    pthread_mutex_unlock(&s->lock);
}

void
gp__sched_wake(GpSession *s)
{
    pthread_mutex_lock(&s->lock);
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

/* Picks the next runnable task due by `now` (lock held). A task whose filter is busy
 * is parked on that filter and re-queued when the filter's running task ends. */
static GpTask *
pick_locked(GpSession *s, bool is_main, uint64_t now, uint64_t max_seq)
{
    for (;;) {
        GpTaskHeap *h = NULL;
        GpTask *a = s->heap.nb ? s->heap.items[0] : NULL;
        GpTask *b = is_main && s->main_heap.nb ? s->main_heap.items[0] : NULL;
        if (a && b)
            h = task_before(a, b) ? &s->heap : &s->main_heap;
        else if (a)
            h = &s->heap;
        else if (b)
            h = &s->main_heap;
        if (!h || h->items[0]->due_us > now || h->items[0]->seq >= max_seq)
            return NULL;
        GpTask *t = heap_pop(h);
        if (t->filter && t->filter->running) {
            if (gp__vec_add(&t->filter->deferred, t) != GP_OK)
                gp__task_free(t);
            continue;
        }
        if (t->filter)
            t->filter->running = true;
        s->nb_running++;
        return t;
    }
}

/* Runs one task outside the lock, then re-queues it or frees it (lock held on entry
 * and exit). */
/* The session whose task this thread is running (NULL outside tasks). */
_Thread_local GpSession *gp__running_session;

static void
execute_locked(GpSession *s, GpTask *t)
{
    pthread_mutex_unlock(&s->lock);
    GpSession *outer = gp__running_session;
    gp__running_session = s;
    bool dropped = atomic_load(&s->aborted);
    if (dropped && t->drop)
        t->drop(t);
    int64_t again = dropped ? -1 : t->run(s, t);
    gp__running_session = outer;
    pthread_mutex_lock(&s->lock);
    GpFilter *f = t->filter;
    if (f) {
        f->running = false;
        /* parked tasks go back with their original order */
        for (uint32_t i = 0; i < f->deferred.nb; i++)
            queue_locked(s, f->deferred.items[i]);
        f->deferred.nb = 0;
    }
    s->nb_running--;
    if (again >= 0 && !atomic_load(&s->aborted)) {
        t->due_us = gp_sys_clock_us() + (uint64_t)again;
        t->seq = s->seq++;
        queue_locked(s, t);
    } else {
        gp__task_free(t);
    }
    pthread_cond_broadcast(&s->cond);
}

static bool
idle_locked(GpSession *s, bool is_main)
{
    return !s->heap.nb && !s->main_heap.nb && !s->nb_running;
}

/* Waits until a task may be due or something changed (lock held). */
static void
wait_locked(GpSession *s, bool is_main)
{
    uint64_t next = UINT64_MAX;
    if (s->heap.nb)
        next = s->heap.items[0]->due_us;
    if (is_main && s->main_heap.nb && s->main_heap.items[0]->due_us < next)
        next = s->main_heap.items[0]->due_us;
    if (next == UINT64_MAX || s->nb_running) {
        /* bounded wait: a parked task may become runnable when another ends */
        uint64_t cap = gp_sys_clock_us() + 20000;
        if (next > cap)
            next = cap;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t now = gp_sys_clock_us();
    uint64_t delta = next > now ? next - now : 0;
    if (!delta)
        return;
    uint64_t ns = (uint64_t)ts.tv_nsec + (delta % 1000000u) * 1000u;
    ts.tv_sec += (time_t)(delta / 1000000u + ns / 1000000000u);
    ts.tv_nsec = (long)(ns % 1000000000u);
    pthread_cond_timedwait(&s->cond, &s->lock, &ts);
}

static void *
worker_main(void *arg)
{
    GpSession *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stop_workers) {
        if (atomic_load(&s->aborted) || !s->in_run) {
            /* not running: sleep until run() starts or the session ends (tasks due in
             * the past must not make this loop spin with the lock held) */
            pthread_cond_wait(&s->cond, &s->lock);
            continue;
        }
        GpTask *t = pick_locked(s, false, gp_sys_clock_us(), UINT64_MAX);
        if (t)
            execute_locked(s, t);
        else
            wait_locked(s, false);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

GpErr
gp__sched_init(GpSession *s)
{
    if (pthread_mutex_init(&s->lock, NULL) || pthread_cond_init(&s->cond, NULL))
        return GP_OUT_OF_MEM;
    return GP_OK;
}

static GpErr
start_workers(GpSession *s)
{
    s->workers_started = true;
    if (s->nb_threads <= 0)
        return GP_OK;
    s->workers = calloc((size_t)s->nb_threads, sizeof(pthread_t));
    if (!s->workers)
        return GP_OUT_OF_MEM;
    for (int i = 0; i < s->nb_threads; i++) {
        if (pthread_create(&s->workers[i], NULL, worker_main, s))
            return GP_OUT_OF_MEM;
        s->nb_workers++;
    }
    return GP_OK;
}

void
gp__sched_shutdown(GpSession *s)
{
    pthread_mutex_lock(&s->lock);
    s->stop_workers = true;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
    for (uint32_t i = 0; i < s->nb_workers; i++)
        pthread_join(s->workers[i], NULL);
    free(s->workers);
    s->workers = NULL;
    s->nb_workers = 0;
    pthread_mutex_lock(&s->lock);
    heap_free(&s->heap);
    heap_free(&s->main_heap);
    pthread_mutex_unlock(&s->lock);
}

/* The loop (docs/scheduler.md): pick a due task, run it, repeat; blocking mode waits
 * for timed tasks and returns when nothing is queued or running; non-blocking mode runs
 * what was due at entry once. */
GpErr
gp__sched_run(GpSession *s, bool non_blocking)
{
    GpErr e = GP_OK;
    pthread_mutex_lock(&s->lock);
    s->in_run = true;
    s->main_thread = pthread_self();
    s->has_main_thread = true;
    if (!s->workers_started)
        e = start_workers(s);
    pthread_cond_broadcast(&s->cond);
    uint64_t now = gp_sys_clock_us(), max_seq = non_blocking ? s->seq : UINT64_MAX;
    while (e == GP_OK && !atomic_load(&s->aborted)) {
        if (!non_blocking)
            now = gp_sys_clock_us();
        GpTask *t = pick_locked(s, true, now, max_seq);
        if (t) {
            execute_locked(s, t);
            continue;
        }
        if (idle_locked(s, true))
            break;
        if (non_blocking)
            break;
        wait_locked(s, true);
    }
    bool done = idle_locked(s, true);
    if (!non_blocking || done || atomic_load(&s->aborted)) {
        /* let running worker tasks end before returning */
        while (s->nb_running)
            pthread_cond_wait(&s->cond, &s->lock);
        s->in_run = false;
    }
    pthread_mutex_unlock(&s->lock);
    if (e != GP_OK)
        return e;
    return non_blocking && (done || atomic_load(&s->aborted)) ? GP_EOS : GP_OK;
}

/* Moves f's tasks out of h into out (dropped by the caller, outside the lock). */
static void
heap_purge(GpTaskHeap *h, const GpFilter *f, GpVec *out)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; i < h->nb; i++) {
        GpTask *t = h->items[i];
        if (t->filter != f)
            h->items[kept++] = t;
        else if (gp__vec_add(out, t) != GP_OK)
            gp__task_free(t); /* no memory to defer its drop hook */
    }
    h->nb = kept;
    /* re-heapify: removal broke the order */
    GpTask **items = h->items;
    uint32_t nb = h->nb;
    h->nb = 0;
    for (uint32_t i = 0; i < nb; i++)
        heap_push(h, items[i]);
}

void
gp__sched_purge_filter(GpSession *s, GpFilter *f)
{
    GpVec dropped = {0};
    pthread_mutex_lock(&s->lock);
    heap_purge(&s->heap, f, &dropped);
    heap_purge(&s->main_heap, f, &dropped);
    pthread_mutex_unlock(&s->lock);
    /* drop hooks take PID locks: never under the scheduler lock */
    for (uint32_t i = 0; i < dropped.nb; i++)
        task_drop(dropped.items[i]);
    gp__vec_free(&dropped);
}
