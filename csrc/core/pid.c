/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PIDs as filters see them: creation, properties (copy-on-write once packets carry
 * them), the consumer's queue (get/drop, EOS, buffer levels) and the producer's view
 * (EOS, would_block). Linking, sending and queue pushes are in pid_link.c. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

atomic_llong gp__live_pids;

#define GP_PID_DEFAULT_UNITS 4
/* Without a unit or duration limit set, small packets queue until BATCH_UNITS of them or
 * BATCH_BYTES are waiting: the consumer then takes them in batches, which divides the
 * per-call cost (scheduler task, Python callback) for streams of small packets. Frames
 * of raw video stay at DEFAULT_UNITS (one is over BATCH_BYTES). */
#define GP_PID_BATCH_UNITS 64
#define GP_PID_BATCH_BYTES (256u * 1024u)
#define GP_PID_HARD_UNITS 4096

static void
pid_post_init_task(GpPid *opid);

GpPid *
gp_pid_new(GpFilter *f)
{
    if (!f)
        return NULL;
    GpPid *pid = calloc(1, sizeof(*pid));
    if (!pid)
        return NULL;
    pid->kind = GP_PID_OUTPUT;
    pid->filter = f;
    atomic_init(&pid->refs, 1);
    pid->props = gp_propmap_new();
    char name[32];
    snprintf(name, sizeof(name), "PID%u", f->outputs.nb + 1);
    pid->name = strdup(name);
    pthread_mutex_init(&pid->lock, NULL);
    atomic_fetch_add(&gp__live_pids, 1);
    if (!pid->props || !pid->name || gp__vec_add(&f->outputs, pid) != GP_OK) {
        gp__pid_destroy(pid);
        return NULL;
    }
    if (f->inputs.nb == 1) {
        GpPid *in = f->inputs.items[0];
        if (in->cur_props)
            gp_propmap_merge(pid->props, in->cur_props);
    }
    gp__filter_apply_pid_props(f, pid);
    pid->init_pending = true;
    pid_post_init_task(pid);
    return pid;
}

static int64_t
pid_init_task(GpSession *s, GpTask *t)
{
    GpPid *opid = t->pid;
    gp__graph_resolve(s, opid);
    pthread_mutex_lock(&opid->lock);
    opid->init_pending = false;
    GpQueueEntry *pending = opid->pending;
    uint32_t nb = opid->nb_pending;
    opid->pending = NULL;
    opid->nb_pending = opid->alloc_pending = 0;
    pthread_mutex_unlock(&opid->lock);
    /* released outside the lock: a shared packet's release may call into the binding,
     * which takes the GIL while another thread holding it waits for this lock */
    for (uint32_t i = 0; i < nb; i++) {
        gp_packet_unref(pending[i].pck);
        if (pending[i].props)
            gp_propmap_unref(pending[i].props);
    }
    free(pending);
    gp_filter_post_process(opid->filter);
    return -1;
}

static void
pid_post_init_task(GpPid *opid)
{
    GpTask *t = gp__task_new(pid_init_task, opid->filter, "pid_init");
    if (!t)
        return;
    t->pid = opid;
    t->main_thread = true;
    gp__task_post(opid->filter->session, t, 0);
}

void
gp__pid_post_init(GpPid *opid)
{
    pid_post_init_task(opid);
}

void
gp__pid_flush(GpPid *pid)
{
    pthread_mutex_lock(&pid->lock);
    GpQueueEntry *q = pid->kind == GP_PID_INPUT ? pid->queue : pid->pending;
    uint32_t nb = pid->kind == GP_PID_INPUT ? pid->q_count : pid->nb_pending;
    uint32_t alloc = pid->kind == GP_PID_INPUT ? pid->q_alloc : 0;
    uint32_t head = pid->kind == GP_PID_INPUT ? pid->q_head : 0;
    /* entries are released after unlocking (see pid_init_task); without memory for the
     * copy they are released under the lock */
    GpQueueEntry *out = nb ? malloc(nb * sizeof(*out)) : NULL;
    for (uint32_t i = 0; i < nb; i++) {
        GpQueueEntry *e = &q[alloc ? (head + i) % alloc : i];
        if (out) {
            out[i] = *e;
            continue;
        }
        gp_packet_unref(e->pck);
        if (e->props)
            gp_propmap_unref(e->props);
    }
    if (pid->kind == GP_PID_INPUT) {
        pid->q_count = pid->q_head = 0;
        pid->q_dur_us = 0;
        pid->q_bytes = 0;
    } else {
        pid->nb_pending = 0;
    }
    pthread_mutex_unlock(&pid->lock);
    for (uint32_t i = 0; out && i < nb; i++) {
        gp_packet_unref(out[i].pck);
        if (out[i].props)
            gp_propmap_unref(out[i].props);
    }
    free(out);
}

void
gp__pid_hold(GpPid *pid)
{
    atomic_fetch_add(&pid->refs, 1);
}

void
gp__pid_release(GpPid *pid)
{
    if (atomic_fetch_sub(&pid->refs, 1) == 1)
        free(pid);
}

void
gp__pid_destroy(GpPid *pid)
{
    if (!pid)
        return;
    GpSession *s = pid->filter ? pid->filter->session : NULL;
    if (pid->udata && s && s->pid_notify)
        s->pid_notify(s->pid_notify_udata, pid, pid->udata);
    gp__pid_flush(pid);
    pthread_mutex_lock(&pid->lock);
    for (uint32_t i = 0; i < pid->dests.nb; i++)
        ((GpPid *)pid->dests.items[i])->opid = NULL;
    pthread_mutex_unlock(&pid->lock);
    gp__vec_free(&pid->dests);
    gp__vec_free(&pid->refused);
    if (pid->props)
        gp_propmap_unref(pid->props);
    if (pid->infos)
        gp_propmap_unref(pid->infos);
    if (pid->cur_props)
        gp_propmap_unref(pid->cur_props);
    free(pid->pending);
    free(pid->queue);
    free(pid->name);
    pid->pending = NULL;
    pid->queue = NULL;
    pid->name = NULL;
    pid->props = pid->infos = pid->cur_props = NULL;
    pthread_mutex_destroy(&pid->lock);
    pid->filter = NULL;
    pid->udata = NULL;
    atomic_fetch_sub(&gp__live_pids, 1);
    gp__pid_release(pid);
}

bool
gp_pid_is_output(const GpPid *pid)
{
    return pid && pid->kind == GP_PID_OUTPUT;
}

GpFilter *
gp_pid_source_filter(const GpPid *pid)
{
    if (!pid)
        return NULL;
    if (pid->kind == GP_PID_OUTPUT)
        return pid->filter;
    return pid->opid ? pid->opid->filter : NULL;
}

GpFilter *
gp_pid_owner(const GpPid *pid)
{
    return pid ? pid->filter : NULL;
}

GpPid *
gp_pid_output(GpPid *pid)
{
    if (!pid)
        return NULL;
    return pid->kind == GP_PID_OUTPUT ? pid : pid->opid;
}

const char *
gp_pid_name(const GpPid *pid)
{
    if (!pid)
        return NULL;
    if (pid->kind == GP_PID_INPUT)
        return pid->opid ? pid->opid->name : "";
    return pid->name;
}

GpErr
gp_pid_set_name(GpPid *pid, const char *name)
{
    pid = gp_pid_output(pid);
    char *n = pid && name ? strdup(name) : NULL;
    if (!n)
        return pid && name ? GP_OUT_OF_MEM : GP_BAD_PARAM;
    free(pid->name);
    pid->name = n;
    return GP_OK;
}

/* The producer owns pid->props; once a queued packet or a consumer holds a reference,
 * the map is copied before it changes (consumers see the old one until they reach the
 * packets sent after the change). */
GpErr
gp_pid_set_prop(GpPid *opid, uint32_t code, const char *name, const GpPropValue *v)
{
    if (!gp_pid_is_output(opid) || (!code && !name))
        return GP_BAD_PARAM;
    GpErr e = GP_OK;
    pthread_mutex_lock(&opid->lock);
    if (gp_propmap_refcount(opid->props) > 1) {
        GpPropMap *copy = gp_propmap_clone(opid->props);
        if (!copy) {
            e = GP_OUT_OF_MEM;
        } else {
            gp_propmap_unref(opid->props);
            opid->props = copy;
        }
    }
    if (e == GP_OK)
        e = gp_propmap_set(opid->props, code, name, v);
    pthread_mutex_unlock(&opid->lock);
    return e;
}

GpErr
gp_pid_set_info(GpPid *opid, uint32_t code, const char *name, const GpPropValue *v)
{
    if (!gp_pid_is_output(opid) || (!code && !name))
        return GP_BAD_PARAM;
    pthread_mutex_lock(&opid->lock);
    if (!opid->infos)
        opid->infos = gp_propmap_new();
    GpErr e = opid->infos ? gp_propmap_set(opid->infos, code, name, v) : GP_OUT_OF_MEM;
    pthread_mutex_unlock(&opid->lock);
    return e;
}

static const GpPropMap *
pid_visible_props(GpPid *pid)
{
    return pid->kind == GP_PID_OUTPUT ? pid->props : pid->cur_props;
}

GpErr
gp_pid_copy_props(GpPid *opid, GpPid *src)
{
    if (!gp_pid_is_output(opid) || !src || !pid_visible_props(src))
        return GP_BAD_PARAM;
    GpErr e = gp_pid_reset_props(opid);
    if (e != GP_OK)
        return e;
    pthread_mutex_lock(&opid->lock);
    e = gp_propmap_merge(opid->props, pid_visible_props(src));
    pthread_mutex_unlock(&opid->lock);
    return e;
}

GpErr
gp_pid_reset_props(GpPid *opid)
{
    if (!gp_pid_is_output(opid))
        return GP_BAD_PARAM;
    GpPropMap *fresh = gp_propmap_new();
    if (!fresh)
        return GP_OUT_OF_MEM;
    pthread_mutex_lock(&opid->lock);
    gp_propmap_unref(opid->props);
    opid->props = fresh;
    pthread_mutex_unlock(&opid->lock);
    return GP_OK;
}

const GpPropValue *
gp_pid_get_prop(GpPid *pid, uint32_t code, const char *name)
{
    const GpPropMap *m = pid ? pid_visible_props(pid) : NULL;
    return m ? gp_propmap_get(m, code, name) : NULL;
}

const GpPropValue *
gp_pid_get_info(GpPid *pid, uint32_t code, const char *name)
{
    GpPid *o = gp_pid_output(pid);
    const GpPropValue *v = o && o->infos ? gp_propmap_get(o->infos, code, name) : NULL;
    return v ? v : gp_pid_get_prop(pid, code, name);
}

const GpPropValue *
gp_pid_enum_props(GpPid *pid, uint32_t *idx, uint32_t *code, const char **name)
{
    const GpPropMap *m = pid ? pid_visible_props(pid) : NULL;
    return m ? gp_propmap_enum(m, idx, code, name) : NULL;
}

uint32_t
gp_pid_get_uint(GpPid *pid, uint32_t code, uint32_t def)
{
    const GpPropValue *v = gp_pid_get_prop(pid, code, NULL);
    if (!v)
        return def;
    switch (v->type) {
    case GP_PROP_UINT:
    case GP_PROP_SINT:
    case GP_PROP_4CC:
    case GP_PROP_PIXFMT:
    case GP_PROP_PCMFMT:
        return v->value.uint;
    case GP_PROP_LUINT:
    case GP_PROP_LSINT:
        return (uint32_t)v->value.luint;
    case GP_PROP_BOOL:
        return v->value.boolean;
    default:
        return def;
    }
}

/* ---- consumer side ---- */

/* Pops end-of-stream markers at the head of the queue (lock held); true if one was. */
static bool
pid_take_eos_locked(GpPid *in)
{
    bool seen = false;
    while (in->q_count && !in->queue[in->q_head].pck) {
        GpQueueEntry *e = &in->queue[in->q_head];
        if (e->props)
            gp_propmap_unref(e->props);
        in->q_head = (in->q_head + 1) % in->q_alloc;
        in->q_count--;
        seen = true;
    }
    if (seen) {
        in->is_eos = !in->q_count;
        in->eos_received = false;
        for (uint32_t i = 0; i < in->q_count; i++)
            if (!in->queue[(in->q_head + i) % in->q_alloc].pck)
                in->eos_received = true;
    }
    return seen;
}

GpPacket *
gp_pid_get_packet(GpPid *in)
{
    if (!in || in->kind != GP_PID_INPUT)
        return NULL;
    pthread_mutex_lock(&in->lock);
    if (pid_take_eos_locked(in) || !in->q_count) {
        pthread_mutex_unlock(&in->lock);
        return NULL;
    }
    GpQueueEntry *e = &in->queue[in->q_head];
    GpPacket *pck = e->pck;
    GpPropMap *old = NULL;
    if (e->props && e->props != in->cur_props) {
        old = in->cur_props;
        in->cur_props = gp_propmap_ref(e->props);
    }
    pthread_mutex_unlock(&in->lock);
    if (old) {
        gp_propmap_unref(old);
        GpFilter *f = in->filter;
        if (in->configured && f->cls->configure_pid) {
            GpErr err = f->cls->configure_pid(f, in, false);
            if (err < 0)
                gp_session_set_error(f->session, err, NULL,
                                     "filter '%s' refused the new properties of PID %s: %s",
                                     f->name, gp_pid_name(in), gp_strerror(err));
        }
    }
    return pck;
}

/* A sink consumed a timed packet: its media time (and the stream's Duration) feed
 * gp_session_get_progress. */
static void
pid_track_progress(GpFilter *f, const GpPacket *pck, const GpPropMap *props)
{
    const GpPacketInfo *info = gp_packet_info_const(pck);
    uint64_t t = info->cts != GP_NO_TS ? info->cts : info->dts;
    uint32_t ts = gp_packet_timescale(pck);
    if (!ts || t == GP_NO_TS)
        return;
    uint64_t us = t / ts * 1000000u + t % ts * 1000000u / ts;
    /* one writer (the sink's own callbacks): plain load and store */
    if (!atomic_exchange(&f->prog_seen, true))
        atomic_store(&f->prog_first_us, us);
    t += info->dur; /* consumed up to the end of the packet */
    us = t / ts * 1000000u + t % ts * 1000000u / ts;
    if (us > atomic_load(&f->prog_pos_us))
        atomic_store(&f->prog_pos_us, us);
    const GpPropValue *d = props ? gp_propmap_get(props, GP_P_DURATION, NULL) : NULL;
    if (d && d->type == GP_PROP_FRACTION64 && d->value.lfrac.num > 0 && d->value.lfrac.den) {
        uint64_t num = (uint64_t)d->value.lfrac.num, den = d->value.lfrac.den;
        uint64_t dur = num / den * 1000000u + num % den * 1000000u / den;
        if (dur > atomic_load(&f->prog_dur_us))
            atomic_store(&f->prog_dur_us, dur);
    }
}

void
gp_pid_drop_packet(GpPid *in)
{
    if (!in || in->kind != GP_PID_INPUT)
        return;
    pthread_mutex_lock(&in->lock);
    if (!in->q_count || !in->queue[in->q_head].pck) {
        pthread_mutex_unlock(&in->lock);
        return;
    }
    bool was_full = gp__pid_inst_full(in);
    GpQueueEntry e = in->queue[in->q_head];
    in->q_head = (in->q_head + 1) % in->q_alloc;
    in->q_count--;
    uint32_t ts = gp_packet_timescale(e.pck);
    uint64_t dur = ts ? (uint64_t)gp_packet_info_const(e.pck)->dur * 1000000u / ts : 0;
    in->q_dur_us = in->q_dur_us > dur ? in->q_dur_us - dur : 0;
    uint32_t bytes = 0;
    gp_packet_data(e.pck, &bytes);
    in->q_bytes = in->q_bytes > bytes ? in->q_bytes - bytes : 0;
    bool unblocked = was_full && !gp__pid_inst_full(in);
    GpFilter *producer = in->opid ? in->opid->filter : NULL;
    pthread_mutex_unlock(&in->lock);
    GpFilter *f = in->filter;
    uint32_t size = 0;
    gp_packet_data(e.pck, &size);
    if (!f->outputs.nb)
        pid_track_progress(f, e.pck, e.props);
    f->stats.nb_pck_processed++;
    f->stats.nb_bytes_processed += size;
    f->progress = true;
    gp_packet_unref(e.pck);
    if (e.props)
        gp_propmap_unref(e.props);
    if (unblocked && producer)
        gp_filter_post_process(producer);
}

uint32_t
gp_pid_nb_packets_queued(GpPid *in)
{
    if (!in || in->kind != GP_PID_INPUT)
        return 0;
    pthread_mutex_lock(&in->lock);
    uint32_t n = 0;
    for (uint32_t i = 0; i < in->q_count; i++)
        if (in->queue[(in->q_head + i) % in->q_alloc].pck)
            n++;
    pthread_mutex_unlock(&in->lock);
    return n;
}

bool
gp_pid_is_eos(GpPid *in)
{
    if (!in || in->kind != GP_PID_INPUT)
        return false;
    pthread_mutex_lock(&in->lock);
    pid_take_eos_locked(in);
    bool eos = in->is_eos && !in->q_count;
    pthread_mutex_unlock(&in->lock);
    return eos;
}

bool
gp_pid_has_seen_eos(GpPid *pid)
{
    GpPid *o = gp_pid_output(pid);
    return o && o->eos_sent;
}

bool
gp_pid_eos_received(GpPid *in)
{
    return in && in->kind == GP_PID_INPUT && in->eos_received;
}

uint64_t
gp_pid_buffer_duration_us(GpPid *in)
{
    return in && in->kind == GP_PID_INPUT ? in->q_dur_us : 0;
}

bool
gp_pid_first_cts(GpPid *in, uint64_t *cts)
{
    if (!in || in->kind != GP_PID_INPUT)
        return false;
    pthread_mutex_lock(&in->lock);
    bool ok = in->q_count && in->queue[in->q_head].pck;
    if (ok && cts)
        *cts = gp_packet_info_const(in->queue[in->q_head].pck)->cts;
    pthread_mutex_unlock(&in->lock);
    return ok;
}

void
gp_pid_set_max_buffer(GpPid *in, uint32_t max_us)
{
    if (in && in->kind == GP_PID_INPUT)
        in->max_buffer_us = max_us;
}

uint32_t
gp_pid_get_max_buffer(GpPid *in)
{
    return in && in->kind == GP_PID_INPUT ? in->max_buffer_us : 0;
}

/* Full: at least max_units packets (else DEFAULT_UNITS and a batch of small ones) and,
 * when a duration limit is set, at least that much buffered; a hard unit cap bounds
 * memory when packets carry no duration. */
bool
gp__pid_inst_full(const GpPid *in)
{
    uint32_t units = in->max_units ? in->max_units : GP_PID_DEFAULT_UNITS;
    if (in->q_count >= GP_PID_HARD_UNITS)
        return true;
    if (in->q_count < units)
        return false;
    if (!in->max_units && !in->max_buffer_us && in->q_count < GP_PID_BATCH_UNITS &&
        in->q_bytes < GP_PID_BATCH_BYTES)
        return false;
    return !in->max_buffer_us || in->q_dur_us >= in->max_buffer_us;
}

/* ---- producer side ---- */

bool
gp_pid_would_block(GpPid *opid)
{
    if (!gp_pid_is_output(opid))
        return false;
    bool full = false;
    pthread_mutex_lock(&opid->lock);
    if (opid->init_pending)
        full = opid->nb_pending >= GP_PID_DEFAULT_UNITS;
    for (uint32_t i = 0; !full && i < opid->dests.nb; i++) {
        GpPid *in = opid->dests.items[i];
        pthread_mutex_lock(&in->lock);
        full = gp__pid_inst_full(in);
        pthread_mutex_unlock(&in->lock);
    }
    pthread_mutex_unlock(&opid->lock);
    return full;
}

void
gp_pid_clear_eos(GpPid *pid)
{
    GpPid *o = gp_pid_output(pid);
    if (o)
        o->eos_sent = false;
    if (pid && pid->kind == GP_PID_INPUT)
        pid->is_eos = false;
}

uint32_t
gp_pid_nb_destinations(GpPid *opid)
{
    return gp_pid_is_output(opid) ? opid->dests.nb : 0;
}

GpFilter *
gp_pid_destination(GpPid *opid, uint32_t i)
{
    if (!gp_pid_is_output(opid) || i >= opid->dests.nb)
        return NULL;
    return ((GpPid *)opid->dests.items[i])->filter;
}

bool
gp_pid_is_playing(GpPid *pid)
{
    if (!pid)
        return false;
    if (pid->kind == GP_PID_INPUT)
        return pid->playing;
    return atomic_load(&pid->nb_playing) > 0;
}

void
gp_pid_set_udata(GpPid *pid, void *udata)
{
    if (pid)
        pid->udata = udata;
}

void *
gp_pid_get_udata(const GpPid *pid)
{
    return pid ? pid->udata : NULL;
}

bool
gp_pid_check_caps(GpPid *in)
{
    if (!in || in->kind != GP_PID_INPUT || !in->cur_props)
        return false;
    GpFilter *f = in->filter;
    if (!gp__caps_has_input(f->caps, f->nb_caps))
        return true;
    return gp__caps_match(f->caps, f->nb_caps, in->cur_props, !f->dynamic) >= 0;
}
