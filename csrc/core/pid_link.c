/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Links between an output PID and its consumers: connecting (the connect task calls
 * the consumer's configure_pid), disconnecting and removal, queue pushes, sending
 * packets and EOS. Deciding *where* a PID goes is graph.c's job. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

extern atomic_llong gp__live_pids;

/* Appends an entry to an input queue (transfer: full on pck and props). Posts the
 * consumer when it is configured. */
bool
gp__pid_queue_push(GpPid *in, GpPacket *pck, GpPropMap *props)
{
    pthread_mutex_lock(&in->lock);
    if (in->q_count == in->q_alloc) {
        uint32_t n = in->q_alloc ? in->q_alloc * 2 : 8;
        GpQueueEntry *q = malloc(n * sizeof(*q));
        if (!q) {
            pthread_mutex_unlock(&in->lock);
            gp_packet_unref(pck);
            if (props)
                gp_propmap_unref(props);
            return false;
        }
        for (uint32_t i = 0; i < in->q_count; i++)
            q[i] = in->queue[(in->q_head + i) % in->q_alloc];
        free(in->queue);
        in->queue = q;
        in->q_alloc = n;
        in->q_head = 0;
    }
    GpQueueEntry *e = &in->queue[(in->q_head + in->q_count) % in->q_alloc];
    e->pck = pck;
    e->props = props;
    in->q_count++;
    if (pck) {
        uint32_t ts = gp_packet_timescale(pck);
        if (ts)
            in->q_dur_us += (uint64_t)gp_packet_info_const(pck)->dur * 1000000u / ts;
        uint32_t size = 0;
        gp_packet_data(pck, &size);
        in->q_bytes += size;
        in->is_eos = false;
    } else {
        in->eos_received = true;
    }
    bool configured = in->configured;
    pthread_mutex_unlock(&in->lock);
    if (configured)
        gp_filter_post_process(in->filter);
    return true;
}

static void
pid_pending_add(GpPid *opid, GpPacket *pck)
{
    if (opid->nb_pending == opid->alloc_pending) {
        uint32_t n = opid->alloc_pending ? opid->alloc_pending * 2 : 8;
        GpQueueEntry *p = realloc(opid->pending, n * sizeof(*p));
        if (!p) {
            gp_packet_unref(pck);
            return;
        }
        opid->pending = p;
        opid->alloc_pending = n;
    }
    opid->pending[opid->nb_pending].pck = pck;
    opid->pending[opid->nb_pending].props = gp_propmap_ref(opid->props);
    opid->nb_pending++;
}

GpErr
gp_packet_send(GpPacket *pck)
{
    if (!pck)
        return GP_BAD_PARAM;
    if (!gp_packet_is_output(pck)) {
        gp_packet_unref(pck); /* transfer full, also on failure */
        return GP_BAD_PARAM;
    }
    GpPid *opid = gp_packet_pid(pck);
    GpFilter *f = opid->filter;
    if (!f) { /* the PID was destroyed (session gone) */
        gp_packet_unref(pck);
        return GP_BAD_PARAM;
    }
    uint32_t size = 0;
    gp_packet_data(pck, &size);
    gp__packet_mark_sent(pck);
    f->stats.nb_pck_sent++;
    f->stats.nb_bytes_sent += size;
    f->progress = true;
    pthread_mutex_lock(&opid->lock);
    if (opid->removed) {
        pthread_mutex_unlock(&opid->lock);
        gp_packet_unref(pck);
        return GP_OK;
    }
    opid->eos_sent = false;
    if (opid->init_pending) {
        pid_pending_add(opid, pck);
        pthread_mutex_unlock(&opid->lock);
        return GP_OK;
    }
    /* the last consumer gets the caller's reference: a consumer on another thread
     * must see the only reference when it is the only consumer (clone moves memory) */
    uint32_t nb = opid->dests.nb;
    for (uint32_t i = 0; i < nb; i++)
        gp__pid_queue_push(opid->dests.items[i], i + 1 < nb ? gp_packet_ref(pck) : pck,
                           gp_propmap_ref(opid->props));
    pthread_mutex_unlock(&opid->lock);
    if (!nb)
        gp_packet_unref(pck);
    return GP_OK;
}

void
gp_pid_set_eos(GpPid *opid)
{
    if (!gp_pid_is_output(opid))
        return;
    pthread_mutex_lock(&opid->lock);
    opid->eos_sent = true;
    if (opid->init_pending)
        pid_pending_add(opid, NULL); /* an EOS marker among the pending packets */
    for (uint32_t i = 0; i < opid->dests.nb; i++)
        gp__pid_queue_push(opid->dests.items[i], NULL, NULL);
    pthread_mutex_unlock(&opid->lock);
}

/* Runs on the consumer (serialised with its other callbacks). */
static int64_t
pid_connect_task(GpSession *s, GpTask *t)
{
    GpPid *in = t->pid;
    GpFilter *dst = in->filter;
    GpPid *opid = in->opid;
    if (!opid || dst->removed) {
        gp__pid_disconnect(in);
        return -1;
    }
    if (gp__vec_add(&dst->inputs, in) != GP_OK) {
        gp__pid_disconnect(in);
        return -1;
    }
    GpErr e = dst->cls->configure_pid(dst, in, false);
    if (e == GP_OK || e > 0) {
        pthread_mutex_lock(&in->lock);
        in->configured = true;
        bool queued = in->q_count > 0;
        pthread_mutex_unlock(&in->lock);
        if (queued)
            gp_filter_post_process(dst);
        gp_filter_post_process(opid->filter);
        return -1;
    }
    /* refused: forget this link and let resolution look elsewhere */
    gp__vec_del(&dst->inputs, in);
    gp__vec_add(&opid->refused, dst);
    GP_LOG(FILTER, INFO, "filter %s refused PID %s: %s", dst->name, opid->name,
           gp_strerror(e));
    gp__pid_disconnect(in);
    if (e == GP_REQUIRES_NEW_INSTANCE) {
        GpErr err;
        GpFilter *clone = gp_session_load_class(s, dst->cls, dst->args, &err);
        if (clone) {
            clone->dynamic = dst->dynamic;
            clone->final_dest = dst->final_dest;
            clone->chain_next = dst->chain_next;
            gp__pid_connect(opid, clone);
            return -1;
        }
    }
    /* an inserted filter that refused: resolution must not insert its class again
     * for this PID (it would refuse again, forever) */
    if (dst->dynamic)
        gp__vec_add(&opid->refused, (void *)dst->cls);
    if (dst->dynamic && !dst->inputs.nb)
        gp_filter_remove(dst);
    gp__pid_post_init(opid);
    return -1;
}

/* A connect task dropped unrun (abort): the input handle exists only in the producer's
 * destinations; free it there. */
static void
pid_connect_dropped(GpTask *t)
{
    gp__pid_disconnect(t->pid);
    t->pid = NULL;
}

GpErr
gp__pid_connect(GpPid *opid, GpFilter *dst)
{
    GpPid *in = calloc(1, sizeof(*in));
    if (in)
        atomic_init(&in->refs, 1);
    if (!in)
        return GP_OUT_OF_MEM;
    in->kind = GP_PID_INPUT;
    in->filter = dst;
    in->opid = opid;
    pthread_mutex_init(&in->lock, NULL);
    atomic_fetch_add(&gp__live_pids, 1);
    GpTask *t = gp__task_new(pid_connect_task, dst, "pid_connect");
    pthread_mutex_lock(&opid->lock);
    GpErr e = t ? gp__vec_add(&opid->dests, in) : GP_OUT_OF_MEM;
    if (e == GP_OK) {
        in->cur_props = gp_propmap_ref(opid->props);
        /* packets sent before linking */
        for (uint32_t i = 0; i < opid->nb_pending; i++) {
            GpQueueEntry *p = &opid->pending[i];
            gp__pid_queue_push(in, gp_packet_ref(p->pck),
                               p->props ? gp_propmap_ref(p->props) : NULL);
        }
    }
    pthread_mutex_unlock(&opid->lock);
    if (e != GP_OK) {
        gp__task_free(t);
        in->opid = NULL;
        gp__pid_disconnect(in);
        return e;
    }
    if (opid->filter->session->flags & GP_FS_FLAG_PRINT_CONNECTIONS)
        fprintf(stderr, "Link PID %s of %s to %s\n", opid->name, opid->filter->name, dst->name);
    t->pid = in;
    t->drop = pid_connect_dropped;
    gp__task_post(dst->session, t, 0);
    return GP_OK;
}

void
gp__pid_disconnect(GpPid *in)
{
    if (!in)
        return;
    GpPid *opid = in->opid;
    if (opid) {
        pthread_mutex_lock(&opid->lock);
        gp__vec_del(&opid->dests, in);
        pthread_mutex_unlock(&opid->lock);
    }
    in->opid = NULL;
    gp__pid_destroy(in);
}

static int64_t
pid_remove_task(GpSession *s, GpTask *t)
{
    GpPid *in = t->pid;
    GpFilter *dst = in->filter;
    if (in->configured && dst->cls->configure_pid)
        dst->cls->configure_pid(dst, in, true);
    gp__vec_del(&dst->inputs, in);
    gp__pid_disconnect(in);
    return -1;
}

void
gp_pid_remove(GpPid *opid)
{
    if (!gp_pid_is_output(opid) || opid->removed)
        return;
    gp_pid_set_eos(opid);
    pthread_mutex_lock(&opid->lock);
    opid->removed = true;
    for (uint32_t i = 0; i < opid->dests.nb; i++) {
        GpPid *in = opid->dests.items[i];
        GpTask *t = gp__task_new(pid_remove_task, in->filter, "pid_remove");
        if (!t)
            continue;
        t->pid = in;
        gp__task_post(in->filter->session, t, 0);
    }
    pthread_mutex_unlock(&opid->lock);
}
