/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Test-only filter classes (see test_filters.h): they record what the engine does to
 * them so tests can assert exact counts and orders. They are never in the registry; tests
 * load them with gp_session_load_class or register them with gp_session_register_class. */
#include "test_filters.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- shared helpers ---- */

int
tf_guard_enter(TfGuard *g)
{
    unsigned long me = (unsigned long)pthread_self();
    unsigned long expected = 0;
    if (atomic_compare_exchange_strong(&g->owner, &expected, me))
        return 1;
    /* same thread: a nested callback, not a concurrent one */
    if (expected != me)
        atomic_fetch_add(&g->nb_concurrent, 1);
    return 0;
}

void
tf_guard_leave(TfGuard *g, int token)
{
    if (token)
        atomic_store(&g->owner, 0);
}

static void
tf_evlog_add(TfEventLog *l, const GpEvent *evt)
{
    if (l->nb < TF_MAX_EVT)
        l->evts[l->nb] = *evt;
    l->nb++;
}

uint32_t
tf_evlog_count(const TfEventLog *l, GpEventType type)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < l->nb && i < TF_MAX_EVT; i++)
        if (l->evts[i].base.type == type)
            n++;
    return n;
}

const GpEvent *
tf_evlog_find(const TfEventLog *l, GpEventType type, uint32_t nth)
{
    for (uint32_t i = 0; i < l->nb && i < TF_MAX_EVT; i++)
        if (l->evts[i].base.type == type && !nth--)
            return &l->evts[i];
    return NULL;
}

/* Integer value of a property, -1 when absent, -2 when not an integer. */
static int64_t
tf_prop_int(const GpPropValue *v)
{
    if (!v)
        return -1;
    switch (v->type) {
    case GP_PROP_UINT:
    case GP_PROP_4CC:
        return v->value.uint;
    case GP_PROP_SINT:
        return v->value.sint;
    case GP_PROP_LUINT:
        return (int64_t)v->value.luint;
    case GP_PROP_LSINT:
        return v->value.lsint;
    default:
        return -2;
    }
}

static GpErr
tf_set_uint(GpPid *opid, uint32_t code, const char *name, uint32_t val)
{
    GpPropValue v = gp_pv_uint(val);
    return gp_pid_set_prop(opid, code, name, &v);
}

/* ---- tsrc ---- */

static uint32_t
tsrc_pid_index(const TsrcCtx *ctx, const GpPid *pid)
{
    for (uint32_t k = 0; k < ctx->npids; k++)
        if (ctx->opids[k] == pid)
            return k;
    return UINT32_MAX;
}

static GpErr
tsrc_send_one(TsrcCtx *ctx, uint32_t k)
{
    GpPid *opid = ctx->opids[k];
    uint32_t i = ctx->sent[k];
    GpErr e;
    if (ctx->reconf && i == ctx->reconf && (e = tf_set_uint(opid, 0, "tver", 1)))
        return e;
    if (ctx->infoat && i == ctx->infoat) {
        GpPropValue v = gp_pv_uint(7);
        if ((e = gp_pid_set_info(opid, 0, "tinfo", &v)))
            return e;
    }
    uint8_t *data = NULL;
    GpPacket *pck = gp_packet_new_alloc(opid, ctx->size, &data);
    if (!pck)
        return GP_OUT_OF_MEM;
    if (ctx->size)
        memset(data, (int)(i & 0xff), ctx->size);
    GpPacketInfo *info = gp_packet_info(pck);
    info->dts = i;
    info->cts = i;
    info->dur = ctx->dur;
    info->sap = 1;
    if (ctx->pprop) {
        GpPropValue idx = gp_pv_uint(i), fnum = gp_pv_uint(100 + i);
        if ((e = gp_packet_set_prop(pck, 0, "tidx", &idx)) ||
            (e = gp_packet_set_prop(pck, GP_P_FILE_NUMBER, NULL, &fnum))) {
            gp_packet_discard(pck);
            return e;
        }
    }
    if ((e = gp_packet_send(pck)))
        return e;
    ctx->sent[k]++;
    return GP_OK;
}

static GpErr
tsrc_initialize(GpFilter *f)
{
    TsrcCtx *ctx = gp_filter_priv(f);
    if (!ctx->npids || ctx->npids > TF_MAX_PIDS)
        return GP_BAD_PARAM;
    for (uint32_t k = 0; k < ctx->npids; k++) {
        GpPid *opid = gp_pid_new(f);
        if (!opid)
            return GP_OUT_OF_MEM;
        ctx->opids[k] = opid;
        char name[16];
        snprintf(name, sizeof(name), "tpid%u", k + 1);
        GpErr e = gp_pid_set_name(opid, name);
        if (!e)
            e = tf_set_uint(opid, GP_P_ID, NULL, k + 1);
        if (!e)
            e = tf_set_uint(opid, GP_P_STREAM_TYPE, NULL, k % 2 ? ctx->st2 : ctx->st);
        if (!e)
            e = tf_set_uint(opid, GP_P_CODECID, NULL, ctx->codec);
        if (!e)
            e = tf_set_uint(opid, GP_P_TIMESCALE, NULL, ctx->timescale);
        if (!e)
            e = tf_set_uint(opid, 0, "tver", 0);
        if (e)
            return e;
    }
    return GP_OK;
}

static GpErr
tsrc_process(GpFilter *f)
{
    TsrcCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    GpErr e = GP_OK;
    uint32_t budget = ctx->burst ? ctx->burst : UINT32_MAX;
    bool any_playing = false, all_blocked = true;

    ctx->nb_process++;
    for (uint32_t k = 0; k < ctx->npids; k++) {
        if (!ctx->playing[k] || ctx->eos_set[k])
            continue;
        any_playing = true;
        if (!gp_pid_would_block(ctx->opids[k]))
            all_blocked = false;
    }
    if (any_playing && all_blocked)
        ctx->nb_called_blocked++;

    bool done = true;
    for (uint32_t k = 0; k < ctx->npids && !e; k++) {
        GpPid *opid = ctx->opids[k];
        if (ctx->eos_set[k])
            continue;
        if (ctx->stopped[k]) {
            gp_pid_set_eos(opid);
            ctx->eos_set[k] = true;
            continue;
        }
        if (!ctx->playing[k]) {
            done = false;
            continue;
        }
        if (ctx->devt && !ctx->devt_sent[k]) {
            GpEvent evt;
            gp_event_init(&evt, (GpEventType)ctx->devt, opid);
            e = gp_pid_send_event(opid, &evt);
            ctx->devt_sent[k] = true;
        }
        while (!e && ctx->sent[k] < ctx->nb) {
            if (gp_pid_would_block(opid)) {
                ctx->nb_blocked++;
                break;
            }
            if (!budget) {
                gp_filter_post_process(f);
                break;
            }
            e = tsrc_send_one(ctx, k);
            budget--;
        }
        if (!e && ctx->sent[k] == ctx->nb) {
            gp_pid_set_eos(opid);
            ctx->eos_set[k] = true;
        } else {
            done = false;
        }
    }
    tf_guard_leave(&ctx->guard, tok);
    if (e)
        return e;
    return done ? GP_EOS : GP_OK;
}

static bool
tsrc_process_event(GpFilter *f, const GpEvent *evt)
{
    TsrcCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    tf_evlog_add(&ctx->events, evt);
    uint32_t k = tsrc_pid_index(ctx, evt->base.on_pid);
    if (k != UINT32_MAX && evt->base.type == GP_FEVT_PLAY) {
        ctx->playing[k] = true;
        ctx->stopped[k] = false;
        gp_filter_post_process(f);
    } else if (k != UINT32_MAX && evt->base.type == GP_FEVT_STOP) {
        ctx->playing[k] = false;
        ctx->stopped[k] = true;
        gp_filter_post_process(f);
    }
    tf_guard_leave(&ctx->guard, tok);
    return false;
}

static const GpArg tsrc_args[] = {
    GP_ARG(TsrcCtx, nb, GP_PROP_UINT, "10", NULL, "packets per PID"),
    GP_ARG(TsrcCtx, size, GP_PROP_UINT, "16", NULL, "payload bytes"),
    GP_ARG(TsrcCtx, st, GP_PROP_UINT, "4", NULL, "StreamType of odd PIDs"),
    GP_ARG(TsrcCtx, st2, GP_PROP_UINT, "5", NULL, "StreamType of even PIDs"),
    GP_ARG(TsrcCtx, codec, GP_PROP_UINT, TF_CODEC_A_STR, NULL, "CodecID"),
    GP_ARG(TsrcCtx, npids, GP_PROP_UINT, "1", NULL, "output PIDs"),
    GP_ARG(TsrcCtx, timescale, GP_PROP_UINT, "1000", NULL, "Timescale"),
    GP_ARG(TsrcCtx, dur, GP_PROP_UINT, "1", NULL, "packet duration"),
    GP_ARG(TsrcCtx, reconf, GP_PROP_UINT, "0", NULL, "set tver=1 before packet N"),
    GP_ARG(TsrcCtx, infoat, GP_PROP_UINT, "0", NULL, "set_info tinfo=7 before packet N"),
    GP_ARG(TsrcCtx, devt, GP_PROP_UINT, "0", NULL, "event type sent downstream"),
    GP_ARG(TsrcCtx, burst, GP_PROP_UINT, "0", NULL, "max packets per process call"),
    GP_ARG(TsrcCtx, pprop, GP_PROP_BOOL, "false", NULL, "set packet properties"),
};

static const GpCap tsrc_caps[] = {
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
};

const GpFilterClass tf_tsrc = {
    .name = "tsrc",
    .help = GP_HELP("Test source: numbered packets after PLAY. "
                    "Example: gp_session_load_class(s, &tf_tsrc, \"nb=5:npids=2\", &e)"),
    .priv_size = sizeof(TsrcCtx),
    GP_ARGS(tsrc_args),
    GP_CAPS(tsrc_caps),
    .initialize = tsrc_initialize,
    .process = tsrc_process,
    .process_event = tsrc_process_event,
};

/* ---- tsink ---- */

static int
tsink_pid_index(const TsinkCtx *ctx, const GpPid *ipid)
{
    for (uint32_t k = 0; k < ctx->npids; k++)
        if (ctx->ipids[k] == ipid)
            return (int)k;
    return -1;
}

static void
tsink_send(GpPid *ipid, GpEventType type, uint32_t max_buffer_us)
{
    GpEvent evt;
    gp_event_init(&evt, type, ipid);
    if (type == GP_FEVT_BUFFER_REQ)
        evt.buffer_req.max_buffer_us = max_buffer_us;
    gp_pid_send_event(ipid, &evt);
}

static void
tsink_record(GpFilter *f, TsinkCtx *ctx, uint32_t k, GpPid *ipid, GpPacket *pck)
{
    uint32_t n = ctx->nb_pck++;
    if (ctx->on_packet)
        ctx->on_packet(f, ipid, pck, ctx->udata);
    if (ctx->hold && ctx->nb_held < TF_MAX_REC)
        ctx->held[ctx->nb_held++] = gp_packet_ref(pck);
    if (n >= TF_MAX_REC)
        return;
    const GpPacketInfo *info = gp_packet_info_const(pck);
    uint32_t size = 0;
    const uint8_t *d = gp_packet_data(pck, &size);
    ctx->pck_pid[n] = k;
    ctx->dts[n] = info ? info->dts : GP_NO_TS;
    ctx->cts[n] = info ? info->cts : GP_NO_TS;
    ctx->size[n] = size;
    ctx->ptr[n] = d;
    ctx->first_byte[n] = size && d ? d[0] : -1;
    ctx->bytes_ok[n] = true;
    for (uint32_t i = 1; d && i < size; i++)
        if (d[i] != d[0])
            ctx->bytes_ok[n] = false;
    ctx->tidx[n] = tf_prop_int(gp_packet_get_prop(pck, 0, "tidx"));
    ctx->fnum[n] = tf_prop_int(gp_packet_get_prop(pck, GP_P_FILE_NUMBER, NULL));
    ctx->tver[n] = tf_prop_int(gp_pid_get_prop(ipid, 0, "tver"));
}

static void
tsink_check_thread(TsinkCtx *ctx)
{
    if (ctx->expect_thread && (unsigned long)pthread_self() != ctx->expect_thread)
        atomic_fetch_add(&ctx->nb_wrong_thread, 1);
}

static void
tsink_release_held(TsinkCtx *ctx)
{
    for (uint32_t i = 0; i < ctx->nb_held; i++)
        gp_packet_unref(ctx->held[i]);
    ctx->nb_held = 0;
}

static GpErr
tsink_initialize(GpFilter *f)
{
    TsinkCtx *ctx = gp_filter_priv(f);
    uint32_t n = 0;
    if (ctx->codec)
        ctx->caps[n++] = (GpCap){.code = GP_P_CODECID,
                                 .val = {.type = GP_PROP_UINT, .value = {.uint = ctx->codec}},
                                 .flags = GP_CAPS_INPUT};
    if (ctx->st)
        ctx->caps[n++] = (GpCap){.code = GP_P_STREAM_TYPE,
                                 .val = {.type = GP_PROP_UINT, .value = {.uint = ctx->st}},
                                 .flags = GP_CAPS_INPUT};
    if (n)
        gp_filter_set_caps(f, ctx->caps, n);
    return GP_OK;
}

static void
tsink_finalize(GpFilter *f)
{
    tsink_release_held(gp_filter_priv(f));
}

static GpErr
tsink_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    TsinkCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    tsink_check_thread(ctx);
    GpErr e = GP_OK;
    if (is_remove) {
        ctx->nb_remove++;
        goto out;
    }
    int k = tsink_pid_index(ctx, ipid);
    if (k < 0) {
        if (ctx->npids == TF_MAX_PIDS) {
            e = GP_NOT_SUPPORTED;
            goto out;
        }
        k = (int)ctx->npids++;
        ctx->ipids[k] = ipid;
        ctx->pid_id[k] = gp_pid_get_uint(ipid, GP_P_ID, 0);
        ctx->pid_st[k] = gp_pid_get_uint(ipid, GP_P_STREAM_TYPE, 0);
        ctx->pid_codec[k] = gp_pid_get_uint(ipid, GP_P_CODECID, 0);
        ctx->pid_src[k] = gp_pid_source_filter(ipid);
        if (ctx->mbuf)
            gp_pid_set_max_buffer(ipid, ctx->mbuf);
        if (!ctx->noplay)
            tsink_send(ipid, GP_FEVT_PLAY, 0);
        if (ctx->breq)
            tsink_send(ipid, GP_FEVT_BUFFER_REQ, ctx->breq);
    }
    if (ctx->nb_configure < TF_MAX_CFG) {
        ctx->cfg_at[ctx->nb_configure] = ctx->nb_pck;
        ctx->cfg_tver[ctx->nb_configure] = tf_prop_int(gp_pid_get_prop(ipid, 0, "tver"));
    }
    ctx->nb_configure++;
    if (ctx->on_configure)
        ctx->on_configure(f, ipid, ctx->udata);
out:
    tf_guard_leave(&ctx->guard, tok);
    return e;
}

/* Stalling: after the first packet arrives, consume nothing for `stall` µs, polling
 * every millisecond; returns true while stalled. */
static bool
tsink_stalled(GpFilter *f, TsinkCtx *ctx, uint32_t queued)
{
    if (!ctx->stall)
        return false;
    uint64_t now = gp_sys_clock_us();
    if (!ctx->stall_start) {
        if (!queued)
            return true;
        ctx->stall_start = now;
    }
    if (now - ctx->stall_start >= ctx->stall)
        return false;
    gp_filter_reschedule(f, 1000);
    return true;
}

static GpErr
tsink_process(GpFilter *f)
{
    TsinkCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    tsink_check_thread(ctx);
    uint32_t nb_eos = 0;
    if (ctx->delay)
        usleep(ctx->delay);
    for (uint32_t k = 0; k < ctx->npids; k++) {
        GpPid *ipid = ctx->ipids[k];
        uint32_t queued = gp_pid_nb_packets_queued(ipid);
        if (queued > ctx->max_queued)
            ctx->max_queued = queued;
        GpPid *opid = gp_pid_output(ipid);
        if (opid && gp_pid_would_block(opid))
            ctx->saw_would_block = true;
        if (!k && !ctx->first_snap && queued) {
            ctx->first_snap = true;
            ctx->first_queued = queued;
            ctx->first_eos_received = gp_pid_eos_received(ipid);
            ctx->first_is_eos = gp_pid_is_eos(ipid);
        }
        if (tsink_stalled(f, ctx, queued))
            continue;
        GpPacket *pck;
        while ((pck = gp_pid_get_packet(ipid))) {
            tsink_record(f, ctx, k, ipid, pck);
            gp_pid_drop_packet(ipid);
            if (ctx->stop && ctx->nb_pck == ctx->stop && !ctx->stop_sent) {
                ctx->stop_sent = true;
                tsink_send(ipid, GP_FEVT_STOP, 0);
            }
        }
        if (gp_pid_is_eos(ipid)) {
            ctx->pid_eos[k] = true;
            nb_eos++;
        }
    }
    if (ctx->npids && nb_eos == ctx->npids && !ctx->all_eos) {
        ctx->all_eos = true;
        if (ctx->on_eos)
            ctx->on_eos(f, ctx->udata);
        tsink_release_held(ctx);
    }
    tf_guard_leave(&ctx->guard, tok);
    return ctx->all_eos ? GP_EOS : GP_OK;
}

static bool
tsink_process_event(GpFilter *f, const GpEvent *evt)
{
    TsinkCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    tsink_check_thread(ctx);
    tf_evlog_add(&ctx->events, evt);
    tf_guard_leave(&ctx->guard, tok);
    return false;
}

static const GpArg tsink_args[] = {
    GP_ARG(TsinkCtx, codec, GP_PROP_UINT, "0", NULL, "accepted CodecID (0: any)"),
    GP_ARG(TsinkCtx, st, GP_PROP_UINT, "0", NULL, "accepted StreamType (0: any)"),
    GP_ARG(TsinkCtx, mbuf, GP_PROP_UINT, "0", NULL, "max buffer of inputs in µs"),
    GP_ARG(TsinkCtx, stall, GP_PROP_UINT, "0", NULL, "µs without consuming"),
    GP_ARG(TsinkCtx, stop, GP_PROP_UINT, "0", NULL, "send STOP after N packets"),
    GP_ARG(TsinkCtx, breq, GP_PROP_UINT, "0", NULL, "send BUFFER_REQ with this max"),
    GP_ARG(TsinkCtx, delay, GP_PROP_UINT, "0", NULL, "µs slept per process call"),
    GP_ARG(TsinkCtx, noplay, GP_PROP_BOOL, "false", NULL, "never send PLAY"),
    GP_ARG(TsinkCtx, hold, GP_PROP_BOOL, "false", NULL, "keep packets until EOS"),
};

const GpFilterClass tf_tsink = {
    .name = "tsink",
    .help = GP_HELP("Test sink recording packets and events. "
                    "Example: gp_session_load_class(s, &tf_tsink, \"mbuf=5000\", &e)"),
    .priv_size = sizeof(TsinkCtx),
    .max_extra_pids = -1,
    GP_ARGS(tsink_args),
    .initialize = tsink_initialize,
    .finalize = tsink_finalize,
    .configure_pid = tsink_configure_pid,
    .process = tsink_process,
    .process_event = tsink_process_event,
};

const GpFilterClass tf_tsink_main = {
    .name = "tsinkm",
    .help = GP_HELP("Test sink whose callbacks run on the thread calling run(). "
                    "Example: gp_session_load_class(s, &tf_tsink_main, NULL, &e)"),
    .priv_size = sizeof(TsinkCtx),
    .flags = GP_FCLASS_MAIN_THREAD,
    .max_extra_pids = -1,
    GP_ARGS(tsink_args),
    .initialize = tsink_initialize,
    .finalize = tsink_finalize,
    .configure_pid = tsink_configure_pid,
    .process = tsink_process,
    .process_event = tsink_process_event,
};

/* ---- tpass ---- */

static void
tpass_release(GpFilter *f, GpPid *opid, GpPacket *pck)
{
    TpassCtx *ctx = gp_filter_priv(f);
    free(gp_packet_shared_udata(pck));
    atomic_fetch_add(&ctx->nb_released, 1);
}

static GpPacket *
tpass_new_shared(TpassCtx *ctx, const uint8_t *in, uint32_t size)
{
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf)
        return NULL;
    if (size)
        memcpy(buf, in, size);
    GpPacket *out = gp_packet_new_shared(ctx->opid, buf, size, tpass_release, buf);
    if (!out)
        free(buf);
    else
        atomic_fetch_add(&ctx->nb_shared, 1);
    return out;
}

/* Turns one input packet into one output packet of the configured kind and sends it. */
static GpErr
tpass_send(TpassCtx *ctx, GpPacket *pck)
{
    uint32_t n = ctx->nb_in++, size = 0, size2 = 0;
    const uint8_t *in = gp_packet_data(pck, &size);
    GpPacket *out = NULL;
    uint8_t *w = NULL;
    GpErr e = GP_OK;
    if (n < TF_MAX_REC)
        ctx->in_ptr[n] = in;
    switch (ctx->mode) {
    case TPASS_FWD:
        return gp_packet_forward(pck, ctx->opid);
    case TPASS_REF:
        out = gp_packet_new_ref(ctx->opid, pck, ctx->off, 0);
        if (out)
            e = gp_packet_copy_props(out, pck);
        break;
    case TPASS_COPY:
        out = gp_packet_new_copy(ctx->opid, pck, &w);
        break;
    case TPASS_CLONE:
        if (ctx->hold)
            gp_packet_ref(pck);
        out = gp_packet_new_clone(ctx->opid, pck, &w);
        gp_packet_data(pck, &size2);
        if (n < TF_MAX_REC)
            ctx->src_size_after[n] = size2;
        if (ctx->hold)
            gp_packet_unref(pck);
        break;
    case TPASS_ALLOC:
        out = gp_packet_new_alloc(ctx->opid, size, &w);
        if (out && size)
            memcpy(w, in, size);
        if (out)
            e = gp_packet_copy_props(out, pck);
        break;
    case TPASS_SHARED:
        out = tpass_new_shared(ctx, in, size);
        if (out)
            e = gp_packet_copy_props(out, pck);
        break;
    }
    if (!out)
        return GP_OUT_OF_MEM;
    if (e) {
        gp_packet_discard(out);
        return e;
    }
    if (n < TF_MAX_REC) {
        ctx->out_ptr[n] = gp_packet_data(out, &size2);
        ctx->out_writable[n] = gp_packet_data_rw(out, &size2) != NULL;
    }
    return gp_packet_send(out);
}

static GpErr
tpass_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    TpassCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    GpErr e = GP_OK;
    if (is_remove) {
        if (ctx->opid)
            gp_pid_remove(ctx->opid);
        ctx->opid = NULL;
        ctx->ipid = NULL;
        goto out;
    }
    ctx->ipid = ipid;
    if (!ctx->opid && !(ctx->opid = gp_pid_new(f))) {
        e = GP_OUT_OF_MEM;
        goto out;
    }
    if (ctx->copy)
        e = gp_pid_copy_props(ctx->opid, ipid);
    ctx->nb_configure++;
out:
    tf_guard_leave(&ctx->guard, tok);
    return e;
}

static GpErr
tpass_process(GpFilter *f)
{
    TpassCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    GpErr e = GP_OK;
    if (ctx->delay)
        usleep(ctx->delay);
    while (ctx->ipid && ctx->opid && !gp_pid_would_block(ctx->opid)) {
        GpPacket *pck = gp_pid_get_packet(ctx->ipid);
        if (!pck)
            break;
        e = tpass_send(ctx, pck);
        gp_pid_drop_packet(ctx->ipid);
        if (e)
            break;
    }
    if (!e && ctx->ipid && ctx->opid && !ctx->eos_done && gp_pid_is_eos(ctx->ipid)) {
        gp_pid_set_eos(ctx->opid);
        ctx->eos_done = true;
    }
    tf_guard_leave(&ctx->guard, tok);
    return e;
}

static bool
tpass_process_event(GpFilter *f, const GpEvent *evt)
{
    TpassCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    tf_evlog_add(&ctx->events, evt);
    tf_guard_leave(&ctx->guard, tok);
    return ctx->consume && evt->base.type == (GpEventType)ctx->consume;
}

static const GpArg tpass_args[] = {
    GP_ARG(TpassCtx, mode, GP_PROP_UINT, "fwd", "fwd|ref|copy|clone|alloc|shared",
           "packet kind sent"),
    GP_ARG(TpassCtx, off, GP_PROP_UINT, "0", NULL, "ref: data offset"),
    GP_ARG(TpassCtx, consume, GP_PROP_UINT, "0", NULL, "event type consumed"),
    GP_ARG(TpassCtx, delay, GP_PROP_UINT, "0", NULL, "µs slept per process call"),
    GP_ARG(TpassCtx, copy, GP_PROP_BOOL, "true", NULL, "copy input PID properties"),
    GP_ARG(TpassCtx, hold, GP_PROP_BOOL, "false", NULL, "clone: hold an extra reference"),
};

/* Accepts and produces anything but files; the output cap makes it a non-sink. */
static const GpCap tpass_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT_EXCLUDED, GP_P_STREAM_TYPE, GP_STREAM_FILE),
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_STREAM_TYPE, GP_STREAM_FILE),
};

const GpFilterClass tf_tpass = {
    .name = "tpass",
    .help = GP_HELP("Test pass-through sending one packet kind. "
                    "Example: gp_session_load_class(s, &tf_tpass, \"mode=clone\", &e)"),
    .priv_size = sizeof(TpassCtx),
    GP_ARGS(tpass_args),
    GP_CAPS(tpass_caps),
    .configure_pid = tpass_configure_pid,
    .process = tpass_process,
    .process_event = tpass_process_event,
};

/* ---- tconv* ---- */

static GpErr
tconv_initialize(GpFilter *f)
{
    TconvCtx *ctx = gp_filter_priv(f);
    const GpFilterClass *cls = gp_filter_class(f);
    for (uint32_t i = 0; i < cls->nb_caps; i++)
        if ((cls->caps[i].flags & GP_CAPFLAG_OUTPUT) && cls->caps[i].code == GP_P_CODECID)
            ctx->out_codec = cls->caps[i].val.value.uint;
    return ctx->out_codec ? GP_OK : GP_BAD_PARAM;
}

static GpErr
tconv_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    TconvCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    GpErr e = GP_OK;
    if (is_remove) {
        if (ctx->opid)
            gp_pid_remove(ctx->opid);
        ctx->opid = NULL;
        ctx->ipid = NULL;
        goto out;
    }
    ctx->ipid = ipid;
    if (!ctx->opid && !(ctx->opid = gp_pid_new(f))) {
        e = GP_OUT_OF_MEM;
        goto out;
    }
    e = gp_pid_copy_props(ctx->opid, ipid);
    if (!e)
        e = tf_set_uint(ctx->opid, GP_P_CODECID, NULL, ctx->out_codec);
out:
    tf_guard_leave(&ctx->guard, tok);
    return e;
}

static GpErr
tconv_process(GpFilter *f)
{
    TconvCtx *ctx = gp_filter_priv(f);
    int tok = tf_guard_enter(&ctx->guard);
    GpErr e = GP_OK;
    while (ctx->ipid && ctx->opid && !gp_pid_would_block(ctx->opid)) {
        GpPacket *pck = gp_pid_get_packet(ctx->ipid);
        if (!pck)
            break;
        e = gp_packet_forward(pck, ctx->opid);
        gp_pid_drop_packet(ctx->ipid);
        if (e)
            break;
        ctx->nb_fwd++;
    }
    if (!e && ctx->ipid && ctx->opid && !ctx->eos_done && gp_pid_is_eos(ctx->ipid)) {
        gp_pid_set_eos(ctx->opid);
        ctx->eos_done = true;
    }
    tf_guard_leave(&ctx->guard, tok);
    return e;
}

#define TCONV_CAPS(name, from, to)                                                       \
    static const GpCap name##_caps[] = {                                                 \
        GP_CAP_UINT(GP_CAPS_INPUT, GP_P_CODECID, from),                                  \
        GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, to),                                   \
    }
#define TCONV_CLASS(cname, prio, text)                                                   \
    const GpFilterClass tf_##cname = {                                                   \
        .name = #cname,                                                                  \
        .help = GP_HELP(text " Example: gp_session_register_class(s, &tf_" #cname ")"),  \
        .priv_size = sizeof(TconvCtx),                                                   \
        .priority = (prio),                                                              \
        GP_CAPS(cname##_caps),                                                           \
        .initialize = tconv_initialize,                                                  \
        .configure_pid = tconv_configure_pid,                                            \
        .process = tconv_process,                                                        \
    }

TCONV_CAPS(tconvA, TF_CODEC_A, TF_CODEC_B);
TCONV_CAPS(tconvB, TF_CODEC_B, TF_CODEC_C);
TCONV_CAPS(tconvC, TF_CODEC_C, TF_CODEC_D);
TCONV_CAPS(tconvAD, TF_CODEC_A, TF_CODEC_D);
TCONV_CAPS(tconvA2, TF_CODEC_A, TF_CODEC_B);

TCONV_CLASS(tconvA, 0, "Test converter, codec A to B.");
TCONV_CLASS(tconvB, 0, "Test converter, codec B to C.");
TCONV_CLASS(tconvC, 0, "Test converter, codec C to D.");
TCONV_CLASS(tconvAD, 0, "Test converter, codec A to D in one step.");
TCONV_CLASS(tconvA2, 5, "Test converter, codec A to B, less preferred than tconvA.");

/* ---- tfunc ---- */

static GpErr
tfunc_initialize(GpFilter *f)
{
    TfuncCtx *ctx = gp_filter_priv(f);
    if (!ctx->out)
        return GP_OK;
    ctx->opid = gp_pid_new(f);
    if (!ctx->opid)
        return GP_OUT_OF_MEM;
    GpErr e = tf_set_uint(ctx->opid, GP_P_ID, NULL, 1);
    if (!e)
        e = tf_set_uint(ctx->opid, GP_P_STREAM_TYPE, NULL, GP_STREAM_VISUAL);
    if (!e)
        e = tf_set_uint(ctx->opid, GP_P_CODECID, NULL, TF_CODEC_A);
    if (!e)
        e = tf_set_uint(ctx->opid, GP_P_TIMESCALE, NULL, 1000);
    return e;
}

static GpErr
tfunc_process(GpFilter *f)
{
    TfuncCtx *ctx = gp_filter_priv(f);
    if (!ctx->nb_calls++ && ctx->fn)
        ctx->fn(f, ctx->opid, ctx->udata);
    if (ctx->opid && ctx->eos)
        gp_pid_set_eos(ctx->opid);
    return GP_EOS;
}

static bool
tfunc_process_event(GpFilter *f, const GpEvent *evt)
{
    TfuncCtx *ctx = gp_filter_priv(f);
    tf_evlog_add(&ctx->events, evt);
    return false;
}

static const GpArg tfunc_args[] = {
    GP_ARG(TfuncCtx, out, GP_PROP_BOOL, "true", NULL, "create an output PID"),
    GP_ARG(TfuncCtx, eos, GP_PROP_BOOL, "true", NULL, "set EOS after the call"),
};

static const GpCap tfunc_caps[] = {
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
};

const GpFilterClass tf_tfunc = {
    .name = "tfunc",
    .help = GP_HELP("Test source calling a test function once from process. "
                    "Example: gp_session_load_class(s, &tf_tfunc, NULL, &e)"),
    .priv_size = sizeof(TfuncCtx),
    GP_ARGS(tfunc_args),
    GP_CAPS(tfunc_caps),
    .initialize = tfunc_initialize,
    .process = tfunc_process,
    .process_event = tfunc_process_event,
};
