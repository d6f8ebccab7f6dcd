/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Filter instances: creation from a class and an argument string, the process task and
 * its rescheduling rules, accessors, source restrictions, options at run time, stats.
 * PIDs are in pid.c / pid_link.c; resolution in graph.c. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

atomic_llong gp__live_filters;

/* For URL declarations the head is the URL: it becomes the src/dst option. */
static GpErr
filter_push_url_option(GpArgList *l, GpArgsMode mode)
{
    GpArgEntry *items = realloc(l->items, (l->nb + 1) * sizeof(*items));
    if (!items)
        return GP_OUT_OF_MEM;
    l->items = items;
    memmove(&items[1], &items[0], l->nb * sizeof(*items));
    memset(&items[0], 0, sizeof(items[0]));
    items[0].name = strdup(mode == GP_ARGS_SRC_URL ? "src" : "dst");
    items[0].value = strdup(l->head);
    l->nb++;
    return items[0].name && items[0].value ? GP_OK : GP_OUT_OF_MEM;
}

static GpErr
filter_parse_args(GpFilter *f, const char *desc, GpArgsMode mode)
{
    GpArgList l = {0};
    char reason[256] = "";
    GpErr e = gp_args_split(desc, mode, &l, reason, sizeof(reason));
    if (e == GP_OK && mode != GP_ARGS_NAME)
        e = filter_push_url_option(&l, mode);
    if (e == GP_OK)
        e = gp_args_apply(f->cls, f->priv, &l, &f->common, reason, sizeof(reason));
    if (e != GP_OK)
        gp_session_set_error(f->session, e, mode != GP_ARGS_NAME ? l.head : NULL,
                             "cannot load filter '%s': %s", f->cls->name,
                             reason[0] ? reason : gp_strerror(e));
    const char *rest = mode == GP_ARGS_NAME ? strchr(desc, ':') : NULL;
    f->args = strdup(mode == GP_ARGS_NAME ? (rest ? rest + 1 : "") : desc);
    gp_args_list_free(&l);
    return e;
}

GpFilter *
gp__filter_new(GpSession *s, const GpFilterClass *cls, const char *desc, GpArgsMode mode,
               GpErr *err)
{
    GpErr e = GP_OUT_OF_MEM;
    GpFilter *f = calloc(1, sizeof(*f));
    if (!f)
        goto fail;
    atomic_fetch_add(&gp__live_filters, 1);
    f->session = s;
    f->cls = cls;
    f->caps = cls->caps;
    f->nb_caps = cls->nb_caps;
    f->max_extra_pids = cls->max_extra_pids;
    f->common.clone = -1;
    f->priv = calloc(1, cls->priv_size ? cls->priv_size : 1);
    if (!f->priv)
        goto fail;
    e = filter_parse_args(f, desc, mode);
    if (e != GP_OK)
        goto fail;
    f->name = strdup(f->common.name ? f->common.name : cls->name);
    if (!f->name || gp__session_add_filter(s, f) != GP_OK) {
        e = GP_OUT_OF_MEM;
        goto fail;
    }
    gp__session_notify(s, f, true);
    e = cls->initialize ? cls->initialize(f) : GP_OK;
    if (e < 0) {
        const GpErrorInfo *last = gp_session_last_error(s);
        if (last->code != e)
            gp_session_set_error(s, e, NULL, "filter '%s' failed to initialize: %s",
                                 cls->name, gp_strerror(e));
        gp__session_notify(s, f, false);
        pthread_mutex_lock(&s->filters_lock);
        gp__vec_del(&s->filters, f);
        pthread_mutex_unlock(&s->filters_lock);
        if (cls->finalize)
            cls->finalize(f);
        gp__sched_purge_filter(s, f);
        goto fail;
    }
    if (gp__filter_is_source(f))
        gp_filter_post_process(f);
    if (err)
        *err = GP_OK;
    return f;
fail:
    if (err)
        *err = e;
    gp__filter_destroy(f);
    return NULL;
}

void
gp__filter_destroy(GpFilter *f)
{
    if (!f)
        return;
    for (uint32_t i = 0; i < f->inputs.nb; i++)
        gp__pid_disconnect(f->inputs.items[i]);
    for (uint32_t i = 0; i < f->outputs.nb; i++)
        gp__pid_destroy(f->outputs.items[i]);
    for (uint32_t i = 0; i < f->deferred.nb; i++)
        gp__task_free(f->deferred.items[i]);
    gp__vec_free(&f->inputs);
    gp__vec_free(&f->outputs);
    gp__vec_free(&f->deferred);
    if (f->priv)
        gp_args_free(f->cls, f->priv);
    gp_args_common_free(&f->common);
    free(f->priv);
    free(f->name);
    free(f->args);
    free(f);
    atomic_fetch_sub(&gp__live_filters, 1);
}

bool
gp__filter_is_source(const GpFilter *f)
{
    return !f->cls->configure_pid;
}

bool
gp__filter_is_sink(const GpFilter *f)
{
    return !gp__caps_has_output(f->caps, f->nb_caps);
}

bool
gp__filter_accepts_more_inputs(const GpFilter *f)
{
    if (f->max_extra_pids < 0)
        return true;
    return f->inputs.nb < 1u + (uint32_t)f->max_extra_pids;
}

static bool
filter_outputs_blocked(GpFilter *f)
{
    if (!f->outputs.nb)
        return false;
    for (uint32_t i = 0; i < f->outputs.nb; i++)
        if (!gp_pid_would_block(f->outputs.items[i]))
            return false;
    return true;
}

static bool
filter_inputs_pending(GpFilter *f)
{
    for (uint32_t i = 0; i < f->inputs.nb; i++) {
        GpPid *in = f->inputs.items[i];
        if (in->configured && (in->q_count || in->eos_received))
            return true;
    }
    return false;
}

static void
filter_fail(GpFilter *f, GpErr e)
{
    f->finished = true;
    f->stats.nb_errors++;
    /* keep the reason the filter recorded for this error (URL and detail), as at init */
    if (gp_session_last_error(f->session)->code != e)
        gp_session_set_error(f->session, e, NULL, "filter '%s' failed: %s", f->name,
                             gp_strerror(e));
    for (uint32_t i = 0; i < f->outputs.nb; i++)
        gp_pid_set_eos(f->outputs.items[i]);
}

/* Rules (docs/scheduler.md): a filter whose outputs are all full is skipped (the
 * consumer re-posts it when it drains); after a call that moved packets, a source runs
 * again, and a filter with inputs runs again while input is queued. */
int64_t
gp__filter_process_task(GpSession *s, GpTask *t)
{
    GpFilter *f = t->filter;
    pthread_mutex_lock(&s->lock);
    f->process_posted = false;
    pthread_mutex_unlock(&s->lock);
    if (f->finished || f->removed || !f->cls->process || filter_outputs_blocked(f))
        return -1;
    f->progress = false;
    uint64_t t0 = gp_sys_clock_us();
    f->in_process = true;
    GpErr e = f->cls->process(f);
    f->in_process = false;
    f->stats.time_process_us += gp_sys_clock_us() - t0;
    f->stats.nb_tasks_done++;
    if (e == GP_EOS && !f->inputs.nb) {
        f->finished = true;
        return -1;
    }
    if (e < 0 && e != GP_IP_NETWORK_EMPTY) {
        filter_fail(f, e);
        return -1;
    }
    if (f->progress && (!f->inputs.nb || filter_inputs_pending(f)))
        gp_filter_post_process(f);
    return -1;
}

void
gp_filter_reschedule(GpFilter *f, uint64_t us)
{
    if (!f)
        return;
    GpSession *s = f->session;
    pthread_mutex_lock(&s->lock);
    bool skip = f->process_posted || f->removed;
    f->process_posted = true;
    pthread_mutex_unlock(&s->lock);
    if (skip)
        return;
    GpTask *t = gp__task_new(gp__filter_process_task, f, "process");
    if (!t) {
        f->process_posted = false;
        return;
    }
    gp__task_post(s, t, us);
}

void
gp_filter_post_process(GpFilter *f)
{
    gp_filter_reschedule(f, 0);
}

void *
gp_filter_priv(GpFilter *f)
{
    return f ? f->priv : NULL;
}

const GpFilterClass *
gp_filter_class(const GpFilter *f)
{
    return f->cls;
}

GpSession *
gp_filter_session(const GpFilter *f)
{
    return f->session;
}

const char *
gp_filter_name(const GpFilter *f)
{
    return f->name;
}

GpErr
gp_filter_set_name(GpFilter *f, const char *name)
{
    char *n = strdup(name ? name : f->cls->name);
    if (!n)
        return GP_OUT_OF_MEM;
    free(f->name);
    f->name = n;
    return GP_OK;
}

const char *
gp_filter_id(const GpFilter *f)
{
    return f->common.fid;
}

const char *
gp_filter_assign_id(GpFilter *f)
{
    if (!f->common.fid) {
        char buf[32];
        snprintf(buf, sizeof(buf), "_%u_", ++f->session->next_auto_id);
        f->common.fid = strdup(buf);
    }
    return f->common.fid;
}

bool
gp_filter_is_dynamic(const GpFilter *f)
{
    return f->dynamic;
}

const char *
gp_filter_args(const GpFilter *f)
{
    return f->args ? f->args : "";
}

uint32_t
gp_filter_nb_inputs(const GpFilter *f)
{
    return f->inputs.nb;
}

GpPid *
gp_filter_input(const GpFilter *f, uint32_t i)
{
    return i < f->inputs.nb ? f->inputs.items[i] : NULL;
}

uint32_t
gp_filter_nb_outputs(const GpFilter *f)
{
    return f->outputs.nb;
}

GpPid *
gp_filter_output(const GpFilter *f, uint32_t i)
{
    return i < f->outputs.nb ? f->outputs.items[i] : NULL;
}

GpErr
gp_filter_send_event(GpFilter *f, const GpEvent *evt, bool upstream)
{
    GpVec *pids = upstream ? &f->inputs : &f->outputs;
    for (uint32_t i = 0; i < pids->nb; i++) {
        GpErr e = gp_pid_send_event(pids->items[i], evt);
        if (e != GP_OK)
            return e;
    }
    return GP_OK;
}

GpErr
gp_filter_set_source(GpFilter *f, GpFilter *src, const char *link_args)
{
    if (!f || !src || f == src)
        return GP_BAD_PARAM;
    const char *id = gp_filter_assign_id(src);
    if (!id)
        return GP_OUT_OF_MEM;
    while (link_args && *link_args == '#')
        link_args++;
    size_t len = strlen(id) + (link_args ? strlen(link_args) : 0) +
                 (f->common.sid ? strlen(f->common.sid) : 0) + 3;
    char *sid = malloc(len);
    if (!sid)
        return GP_OUT_OF_MEM;
    snprintf(sid, len, "%s%s%s%s%s", f->common.sid ? f->common.sid : "",
             f->common.sid ? "," : "", id, link_args && *link_args ? "#" : "",
             link_args && *link_args ? link_args : "");
    free(f->common.sid);
    f->common.sid = sid;
    return GP_OK;
}

void
gp_filter_set_max_extra_pids(GpFilter *f, int32_t n)
{
    f->max_extra_pids = n;
}

void
gp_filter_set_caps(GpFilter *f, const GpCap *caps, uint32_t nb_caps)
{
    f->caps = caps;
    f->nb_caps = nb_caps;
}

void
gp_filter_setup_failure(GpFilter *f, GpErr err)
{
    filter_fail(f, err);
}

bool
gp_filter_get_arg_str(GpFilter *f, const char *name, char *buf, uint32_t size)
{
    const GpArg *a = gp_args_find(f->cls, name);
    if (!a)
        return false;
    gp_args_get_one(a, f->priv, buf, size);
    return true;
}

GpErr
gp_filter_update_arg(GpFilter *f, const char *name, const char *value)
{
    const GpArg *a = gp_args_find(f->cls, name);
    if (!a || !(a->flags & GP_ARG_UPDATE))
        return GP_BAD_PARAM;
    if (f->cls->update_arg) {
        /* values holds a "min-max" range or an "a|b|c" name list; only the latter
         * is an enum for the parser (gp_args_set_one checks ranges) */
        const char *names = a->type == GP_PROP_UINT && a->values && strchr(a->values, '|')
                                ? a->values
                                : NULL;
        GpPropValue v;
        if (gp_prop_parse(a->type, value, names, &v) != GP_OK)
            return GP_BAD_PARAM;
        GpErr e = f->cls->update_arg(f, name, &v);
        gp_prop_value_reset(&v);
        if (e != GP_OK)
            return e;
    }
    return gp_args_set_one(a, f->priv, value);
}

void
gp_filter_set_udata(GpFilter *f, void *udata)
{
    f->udata = udata;
}

void *
gp_filter_get_udata(const GpFilter *f)
{
    return f->udata;
}

void
gp_filter_get_stats(GpFilter *f, GpFilterStats *st)
{
    *st = f->stats;
    st->nb_pid_in = f->inputs.nb;
    st->nb_pid_out = f->outputs.nb;
    st->done = f->finished;
}

void
gp_filter_remove(GpFilter *f)
{
    if (!f || f->removed)
        return;
    f->removed = true;
    for (uint32_t i = 0; i < f->outputs.nb; i++)
        gp_pid_set_eos(f->outputs.items[i]);
    if (f->cls->finalize)
        f->cls->finalize(f);
}

/* "#Name=Value" options: set on every output PID when it is created. */
void
gp__filter_apply_pid_props(GpFilter *f, GpPid *opid)
{
    for (unsigned i = 0; i < f->common.nb_pid_props; i++) {
        char *def = strdup(f->common.pid_props[i]);
        if (!def)
            return;
        char *eq = strchr(def, '=');
        const char *val = eq ? eq + 1 : "";
        if (eq)
            *eq = 0;
        const GpPropInfo *info = gp_props_find(def);
        GpPropValue v;
        if (!*val) {
            gp_pid_set_prop(opid, info ? info->code : 0, def, NULL);
        } else if (info && gp_prop_parse(info->type, val, NULL, &v) == GP_OK) {
            gp_pid_set_prop(opid, info->code, NULL, &v);
            gp_prop_value_reset(&v);
        } else if (!info) {
            GpPropValue sv = gp_pv_string(val);
            gp_pid_set_prop(opid, 0, def, &sv);
        } else {
            GP_LOG(FILTER, WARNING, "filter %s: bad value '%s' for property %s", f->name,
                   val, def);
        }
        free(def);
    }
}

void
gp_session_print_stats(GpSession *s, FILE *out)
{
    fprintf(out, "Filter statistics:\n");
    for (uint32_t i = 0; i < s->filters.nb; i++) {
        GpFilter *f = s->filters.items[i];
        fprintf(out,
                "%s: %u in PIDs, %u out PIDs, %llu tasks, %llu packets in (%llu bytes), "
                "%llu packets out (%llu bytes), %llu errors, %llu us process%s\n",
                f->name, f->inputs.nb, f->outputs.nb, (unsigned long long)f->stats.nb_tasks_done,
                (unsigned long long)f->stats.nb_pck_processed,
                (unsigned long long)f->stats.nb_bytes_processed,
                (unsigned long long)f->stats.nb_pck_sent,
                (unsigned long long)f->stats.nb_bytes_sent,
                (unsigned long long)f->stats.nb_errors,
                (unsigned long long)f->stats.time_process_us, f->finished ? " (done)" : "");
    }
}
