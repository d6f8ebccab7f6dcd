/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The session object: creation and destruction, loading filters (by name, source URL,
 * destination URL, or class), user tasks, the error record, graph and stats printing.
 * The run loop itself is in scheduler.c. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"

atomic_llong gp__live_sessions;

GpErr
gp__vec_add(GpVec *v, void *item)
{
    if (v->nb == v->alloc) {
        uint32_t n = v->alloc ? v->alloc * 2 : 4;
        void **items = realloc(v->items, n * sizeof(*items));
        if (!items)
            return GP_OUT_OF_MEM;
        v->items = items;
        v->alloc = n;
    }
    v->items[v->nb++] = item;
    return GP_OK;
}

int
gp__vec_find(const GpVec *v, const void *item)
{
    for (uint32_t i = 0; i < v->nb; i++)
        if (v->items[i] == item)
            return (int)i;
    return -1;
}

bool
gp__vec_del(GpVec *v, void *item)
{
    int i = gp__vec_find(v, item);
    if (i < 0)
        return false;
    memmove(&v->items[i], &v->items[i + 1], (v->nb - (uint32_t)i - 1) * sizeof(void *));
    v->nb--;
    return true;
}

void
gp__vec_free(GpVec *v)
{
    free(v->items);
    memset(v, 0, sizeof(*v));
}

void
gp_counters_get(GpCounters *c)
{
    c->sessions = atomic_load(&gp__live_sessions);
    c->filters = atomic_load(&gp__live_filters);
    c->pids = atomic_load(&gp__live_pids);
    c->packets = atomic_load(&gp__live_packets);
    c->propmaps = gp_propmap_live_count();
    c->tasks = atomic_load(&gp__live_tasks);
}

GpSession *
gp_session_new(int nb_threads, uint32_t flags, const char *blacklist)
{
    GpSession *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    if (nb_threads < 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        nb_threads = n > 1 ? (int)n - 1 : 0;
    }
    s->nb_threads = nb_threads;
    s->flags = flags;
    s->max_chain = 6;
    s->blacklist = blacklist && *blacklist ? strdup(blacklist) : NULL;
    pthread_mutex_init(&s->filters_lock, NULL);
    pthread_mutex_init(&s->error_lock, NULL);
    if (gp__sched_init(s) != GP_OK) {
        free(s->blacklist);
        free(s);
        return NULL;
    }
    atomic_fetch_add(&gp__live_sessions, 1);
    return s;
}

void
gp_session_del(GpSession *s)
{
    if (!s)
        return;
    atomic_store(&s->aborted, true);
    gp__sched_shutdown(s);
    /* every filter is told first, then finalized, then freed: packets still queued may
     * call back into their producer (shared packet release) until the very end */
    for (uint32_t i = s->filters.nb; i > 0; i--)
        gp__session_notify(s, s->filters.items[i - 1], false);
    for (uint32_t i = 0; i < s->filters.nb; i++) {
        GpFilter *f = s->filters.items[i];
        if (f->cls->finalize && !f->removed)
            f->cls->finalize(f);
        f->removed = true;
    }
    for (uint32_t i = 0; i < s->filters.nb; i++) {
        GpFilter *f = s->filters.items[i];
        for (uint32_t k = 0; k < f->inputs.nb; k++)
            gp__pid_flush(f->inputs.items[k]);
        for (uint32_t k = 0; k < f->outputs.nb; k++)
            gp__pid_flush(f->outputs.items[k]);
    }
    for (uint32_t i = 0; i < s->filters.nb; i++)
        gp__filter_destroy(s->filters.items[i]);
    gp__vec_free(&s->filters);
    gp__vec_free(&s->extra_classes);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
    pthread_mutex_destroy(&s->filters_lock);
    pthread_mutex_destroy(&s->error_lock);
    free(s->blacklist);
    free(s);
    atomic_fetch_sub(&gp__live_sessions, 1);
}

GpErr
gp_session_run(GpSession *s)
{
    if (!s)
        return GP_BAD_PARAM;
    if (s->in_run && pthread_equal(s->main_thread, pthread_self()) &&
        !(s->flags & GP_FS_FLAG_NON_BLOCKING))
        return GP_BAD_PARAM; /* re-entrant blocking run */
    GpErr e = gp__sched_run(s, (s->flags & GP_FS_FLAG_NON_BLOCKING) != 0);
    if (e < 0)
        return e;
    pthread_mutex_lock(&s->error_lock);
    GpErr run_err = s->run_error;
    pthread_mutex_unlock(&s->error_lock);
    return run_err < 0 ? run_err : e;
}

GpErr
gp_session_abort(GpSession *s, int flush)
{
    if (!s)
        return GP_BAD_PARAM;
    s->abort_flush = flush;
    atomic_store(&s->aborted, true);
    gp__sched_wake(s);
    return GP_OK;
}

bool
gp_session_is_aborted(const GpSession *s)
{
    return atomic_load(&((GpSession *)s)->aborted);
}

GpErr
gp__session_add_filter(GpSession *s, GpFilter *f)
{
    pthread_mutex_lock(&s->filters_lock);
    GpErr e = gp__vec_add(&s->filters, f);
    f->dyn_idx = s->filters.nb;
    pthread_mutex_unlock(&s->filters_lock);
    return e;
}

void
gp__session_notify(GpSession *s, GpFilter *f, bool is_new)
{
    if (s->notify)
        s->notify(s->notify_udata, f, is_new);
}

void
gp_session_set_filter_notify(GpSession *s, GpFilterNotifyFn fn, void *udata)
{
    s->notify = fn;
    s->notify_udata = udata;
}

void
gp_session_set_udata(GpSession *s, void *udata)
{
    s->udata = udata;
}

void *
gp_session_get_udata(const GpSession *s)
{
    return s ? s->udata : NULL;
}

void
gp_session_set_pid_notify(GpSession *s, GpPidNotifyFn fn, void *udata)
{
    s->pid_notify = fn;
    s->pid_notify_udata = udata;
}

/* blacklist "a,b" excludes; "-a,b" allows only those. */
bool
gp__session_class_allowed(GpSession *s, const GpFilterClass *cls)
{
    if (!s->blacklist)
        return true;
    const char *list = s->blacklist;
    bool whitelist = list[0] == '-';
    if (whitelist)
        list++;
    size_t n = strlen(cls->name);
    bool found = false;
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && !strncmp(p, cls->name, n))
            found = true;
        p = end ? end + 1 : NULL;
    }
    return whitelist ? found : !found;
}

static const GpFilterClass *
find_class(GpSession *s, const char *name)
{
    const GpFilterClass *cls = gp_registry_find(name);
    for (uint32_t i = 0; !cls && i < s->extra_classes.nb; i++) {
        const GpFilterClass *c = s->extra_classes.items[i];
        if (!strcmp(c->name, name))
            cls = c;
    }
    return cls;
}

/* API.md 4.2: "enc:c=NAME:..." and a bare "c=NAME:..." stand for the encoder filter
 * (ffenc). Returns the declaration to load (transfer: full) and sets *cls, or NULL. */
static char *
encoder_shortcut(GpSession *s, const char *desc, const GpFilterClass **cls)
{
    const char *opts;
    if (!strncmp(desc, "enc:", 4) || !strcmp(desc, "enc"))
        opts = desc[3] ? desc + 4 : "";
    else if (!strncmp(desc, "c=", 2))
        opts = desc;
    else
        return NULL;
    const GpFilterClass *enc = find_class(s, "ffenc");
    char *alias = enc ? malloc(strlen(opts) + 7) : NULL;
    if (alias) {
        sprintf(alias, "ffenc%s%s", *opts ? ":" : "", opts);
        *cls = enc;
    }
    return alias;
}

GpFilter *
gp_session_load_filter(GpSession *s, const char *desc, GpErr *err)
{
    GpErr e = GP_BAD_PARAM;
    GpFilter *f = NULL;
    char name[128];
    if (!s || !desc || !*desc) {
        if (s)
            gp_session_set_error(s, GP_BAD_PARAM, NULL, "empty filter description");
        goto done;
    }
    size_t n = strcspn(desc, ":");
    if (n >= sizeof(name)) {
        gp_session_set_error(s, GP_FILTER_NOT_FOUND, NULL, "filter name too long");
        e = GP_FILTER_NOT_FOUND;
        goto done;
    }
    memcpy(name, desc, n);
    name[n] = 0;
    const GpFilterClass *cls = find_class(s, name);
    char *alias = cls ? NULL : encoder_shortcut(s, desc, &cls);
    if (!cls) {
        e = GP_FILTER_NOT_FOUND;
        const char *why = gp_registry_missing_reason(name);
        gp_session_set_error(s, e, NULL, "unknown filter '%s'%s%s", name, why ? ": " : "",
                             why ? why : "");
        goto done;
    }
    f = gp__filter_new(s, cls, alias ? alias : desc, GP_ARGS_NAME, &e);
    free(alias);
done:
    if (err)
        *err = f ? GP_OK : e;
    return f;
}

GpFilter *
gp_session_load_class(GpSession *s, const GpFilterClass *cls, const char *args, GpErr *err)
{
    GpErr e = GP_BAD_PARAM;
    GpFilter *f = NULL;
    if (s && cls) {
        char *desc = malloc(strlen(cls->name) + (args ? strlen(args) : 0) + 2);
        if (!desc) {
            e = GP_OUT_OF_MEM;
        } else {
            sprintf(desc, "%s%s%s", cls->name, args && *args ? ":" : "", args ? args : "");
            f = gp__filter_new(s, cls, desc, GP_ARGS_NAME, &e);
            free(desc);
        }
    }
    if (err)
        *err = f ? GP_OK : e;
    return f;
}

GpErr
gp_session_register_class(GpSession *s, const GpFilterClass *cls)
{
    if (!s || !cls || !cls->name)
        return GP_BAD_PARAM;
    return gp__vec_add(&s->extra_classes, (void *)cls);
}

/* Probes every class with a probe_url: highest score wins, ties go to the lower
 * priority value, then to registry order. */
static const GpFilterClass *
probe_url(GpSession *s, const char *url, bool want_src)
{
    const GpFilterClass *best = NULL;
    int best_score = GP_PROBE_NOT_SUPPORTED;
    uint32_t nb = gp_registry_count() + s->extra_classes.nb;
    for (uint32_t i = 0; i < nb; i++) {
        const GpFilterClass *c = i < gp_registry_count()
                                     ? gp_registry_at(i)
                                     : s->extra_classes.items[i - gp_registry_count()];
        const char *opt = want_src ? "src" : "dst";
        if (!c->probe_url || !gp_args_find(c, opt) || !gp__session_class_allowed(s, c))
            continue;
        int score = c->probe_url(url, NULL);
        if (score > best_score || (best && score == best_score && c->priority < best->priority)) {
            best = c;
            best_score = score;
        }
    }
    return best;
}

static GpFilter *
load_url(GpSession *s, const char *url, bool want_src, GpErr *err)
{
    GpErr e = GP_BAD_PARAM;
    GpFilter *f = NULL;
    GpArgList l = {0};
    char reason[256] = "";
    const char *what = want_src ? "input" : "output";
    if (!s || !url || !*url) {
        if (s)
            gp_session_set_error(s, e, url, "empty %s URL", what);
        goto done;
    }
    e = gp_args_split(url, want_src ? GP_ARGS_SRC_URL : GP_ARGS_DST_URL, &l, reason,
                      sizeof(reason));
    if (e != GP_OK) {
        gp_session_set_error(s, e, url, "malformed %s '%s': %s", what, url, reason);
        goto done;
    }
    const GpFilterClass *cls = probe_url(s, l.head, want_src);
    if (!cls) {
        bool local = !strstr(l.head, "://") || !strncmp(l.head, "file://", 7);
        if (want_src && local && !gp_args_local_file_exists(l.head)) {
            e = GP_URL_ERROR;
            gp_session_set_error(s, e, l.head, "cannot open input '%s': no such file",
                                 l.head);
        } else {
            e = GP_NOT_SUPPORTED;
            gp_session_set_error(s, e, l.head, "no filter can %s '%s'",
                                 want_src ? "read" : "write", l.head);
        }
        goto done;
    }
    f = gp__filter_new(s, cls, url, want_src ? GP_ARGS_SRC_URL : GP_ARGS_DST_URL, &e);
    if (f && !want_src)
        f->explicit_sink = true;
done:
    gp_args_list_free(&l);
    if (err)
        *err = f ? GP_OK : e;
    return f;
}

GpFilter *
gp_session_load_source(GpSession *s, const char *url, const char *parent_url, GpErr *err)
{
    return load_url(s, url, true, err);
}

GpFilter *
gp_session_load_destination(GpSession *s, const char *url, const char *parent_url, GpErr *err)
{
    return load_url(s, url, false, err);
}

static int64_t
user_task_run(GpSession *s, GpTask *t)
{
    int64_t again = t->user_fn(s, t->udata);
    return again < 0 ? -1 : again;
}

GpErr
gp_session_post_task(GpSession *s, GpTaskFn fn, void *udata, uint64_t delay_us,
                     const char *name, bool main_thread)
{
    if (!s || !fn)
        return GP_BAD_PARAM;
    GpTask *t = gp__task_new(user_task_run, NULL, name ? name : "user");
    if (!t)
        return GP_OUT_OF_MEM;
    t->user_fn = fn;
    t->udata = udata;
    t->main_thread = main_thread;
    gp__task_post(s, t, delay_us);
    return GP_OK;
}

uint32_t
gp_session_nb_filters(GpSession *s)
{
    return s ? s->filters.nb : 0;
}

GpFilter *
gp_session_filter_at(GpSession *s, uint32_t i)
{
    return s && i < s->filters.nb ? s->filters.items[i] : NULL;
}

void
gp_session_lock_filters(GpSession *s, bool lock)
{
    if (lock)
        pthread_mutex_lock(&s->filters_lock);
    else
        pthread_mutex_unlock(&s->filters_lock);
}

bool
gp_session_is_last_task(GpSession *s)
{
    pthread_mutex_lock(&s->lock);
    /* from inside a task, that task is the one running; between two non-blocking
     * run() calls, workers may still be busy */
    uint32_t self = gp__running_session == s ? 1 : 0;
    bool last = !s->heap.nb && !s->main_heap.nb && s->nb_running <= self;
    pthread_mutex_unlock(&s->lock);
    return last;
}

const GpErrorInfo *
gp_session_last_error(GpSession *s)
{
    return &s->last_error;
}

static void
record_error(GpSession *s, GpErr code, const char *url, bool fatal, const char *fmt,
             va_list ap)
{
    char reason[sizeof(s->last_error.reason)];
    vsnprintf(reason, sizeof(reason), fmt, ap);
    pthread_mutex_lock(&s->error_lock);
    s->last_error.code = code;
    snprintf(s->last_error.url, sizeof(s->last_error.url), "%s", url ? url : "");
    memcpy(s->last_error.reason, reason, sizeof(reason));
    if (fatal && s->in_run && code < 0 && s->run_error >= 0)
        s->run_error = code;
    pthread_mutex_unlock(&s->error_lock);
    if (fatal)
        gp_log_msg(GP_LOG_FILTER, GP_LOG_ERROR, "%s", reason);
    else
        GP_LOG(FILTER, WARNING, "%s", reason);
}

void
gp_session_set_error(GpSession *s, GpErr code, const char *url, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record_error(s, code, url, code < 0, fmt, ap);
    va_end(ap);
}

void
gp__session_warn(GpSession *s, GpErr code, const char *url, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record_error(s, code, url, false, fmt, ap);
    va_end(ap);
}

bool
gp_session_get_progress(GpSession *s, uint64_t *pos_us, uint64_t *dur_us)
{
    uint64_t pos = UINT64_MAX, dur = 0;
    if (!s)
        return false;
    pthread_mutex_lock(&s->filters_lock);
    for (uint32_t i = 0; i < s->filters.nb; i++) {
        GpFilter *f = s->filters.items[i];
        if (!atomic_load(&f->prog_seen))
            continue;
        uint64_t first = atomic_load(&f->prog_first_us), at = atomic_load(&f->prog_pos_us);
        uint64_t d = atomic_load(&f->prog_dur_us);
        at = at > first ? at - first : 0;
        pos = at < pos ? at : pos;
        dur = d > dur ? d : dur;
    }
    pthread_mutex_unlock(&s->filters_lock);
    if (pos_us)
        *pos_us = pos == UINT64_MAX ? 0 : pos;
    if (dur_us)
        *dur_us = dur;
    return pos != UINT64_MAX;
}

uint32_t
gp_session_nb_unlinked(GpSession *s)
{
    return s ? s->nb_unlinked : 0;
}
