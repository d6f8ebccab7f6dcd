/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PID tests (core/pid.c, core/pid_link.c): properties on output PIDs and as consumers
 * see them, reconfiguration at the packet carrying a change, set_info without
 * reconfiguration, back-pressure with a stalled consumer, EOS only once the queue is
 * empty, and new PIDs inheriting the properties of a filter's single input. */
#include "harness.h"
#include "test_filters.h"

/* ---- property round trip ---- */

typedef struct PropCheck {
    GpFilter *src, *sink;
    GpPid *opid;
    int calls;
} PropCheck;

static void
props_on_configure(GpFilter *f, GpPid *ipid, void *udata)
{
    PropCheck *pc = udata;
    pc->calls++;
    GP_ASSERT(!gp_pid_is_output(ipid));
    GP_ASSERT(gp_pid_output(ipid) == pc->opid);
    GP_ASSERT(gp_pid_source_filter(ipid) == pc->src);
    GP_ASSERT(gp_pid_owner(ipid) == pc->sink);
    GP_ASSERT_STR_EQ(gp_pid_name(ipid), "tname");
    GP_ASSERT_INT_EQ(gp_pid_get_uint(ipid, GP_P_WIDTH, 0), 640);
    GP_ASSERT_INT_EQ(gp_pid_get_uint(ipid, GP_P_HEIGHT, 0), 480);
    GP_ASSERT_INT_EQ(gp_pid_get_uint(ipid, GP_P_STREAM_TYPE, 0), GP_STREAM_VISUAL);
    const GpPropValue *v = gp_pid_get_prop(ipid, 0, "tkeep");
    GP_ASSERT(v && v->type == GP_PROP_STRING);
    GP_ASSERT_STR_EQ(v->value.string, "yes");
    v = gp_pid_get_prop(ipid, 0, "Width");
    GP_ASSERT(v && v->value.uint == 640);
    v = gp_pid_get_prop(ipid, GP_P_FPS, NULL);
    GP_ASSERT(v && v->type == GP_PROP_FRACTION);
    GP_ASSERT(v->value.frac.num == 30000 && v->value.frac.den == 1001);
    GP_ASSERT(gp_pid_get_prop(ipid, 0, "tgone") == NULL);
    /* consumers cannot change the stream's properties */
    GpPropValue u = gp_pv_uint(1);
    GP_ASSERT_INT_EQ(gp_pid_set_prop(ipid, GP_P_WIDTH, NULL, &u), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_pid_get_uint(ipid, GP_P_WIDTH, 0), 640);
}

static void
pid_props_roundtrip(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    PropCheck pc = {0};
    pc.src = gp_test_load(s, &tf_tfunc, NULL);
    pc.sink = gp_test_load(s, &tf_tsink, NULL);
    pc.opid = gp_filter_output(pc.src, 0);
    GP_ASSERT(pc.opid != NULL);
    GP_ASSERT_INT_EQ(gp_filter_nb_outputs(pc.src), 1);
    GP_ASSERT(gp_pid_is_output(pc.opid));
    GP_ASSERT(gp_pid_output(pc.opid) == pc.opid);
    GP_ASSERT(gp_pid_owner(pc.opid) == pc.src);
    GP_ASSERT(gp_pid_source_filter(pc.opid) == pc.src);
    GP_ASSERT_OK(gp_pid_set_name(pc.opid, "tname"));
    GP_ASSERT_STR_EQ(gp_pid_name(pc.opid), "tname");
    GpPid *o = pc.opid;
    /* built-in by code, read by code, by name and by 4CC */
    GpPropValue v = gp_pv_uint(640);
    GP_ASSERT_OK(gp_pid_set_prop(o, GP_P_WIDTH, NULL, &v));
    const GpPropValue *r = gp_pid_get_prop(o, GP_P_WIDTH, NULL);
    GP_ASSERT(r && r->type == GP_PROP_UINT && r->value.uint == 640);
    r = gp_pid_get_prop(o, 0, "Width");
    GP_ASSERT(r && r->value.uint == 640);
    r = gp_pid_get_prop(o, 0, "WIDT");
    GP_ASSERT(r && r->value.uint == 640);
    /* built-in by name, read by code */
    v = gp_pv_uint(480);
    GP_ASSERT_OK(gp_pid_set_prop(o, 0, "Height", &v));
    GP_ASSERT_INT_EQ(gp_pid_get_uint(o, GP_P_HEIGHT, 0), 480);
    GpPropValue fps = gp_pv_frac(30000, 1001);
    GP_ASSERT_OK(gp_pid_set_prop(o, 0, "FPS", &fps));
    r = gp_pid_get_prop(o, GP_P_FPS, NULL);
    GP_ASSERT(r && r->type == GP_PROP_FRACTION && r->value.frac.num == 30000);
    /* "PID" is an alias of ID */
    r = gp_pid_get_prop(o, 0, "PID");
    GP_ASSERT(r && r->value.uint == 1);
    /* custom names; values are copied */
    char text[8] = "yes";
    GpPropValue sv = gp_pv_string(text);
    GP_ASSERT_OK(gp_pid_set_prop(o, 0, "tkeep", &sv));
    text[0] = 'n';
    r = gp_pid_get_prop(o, 0, "tkeep");
    GP_ASSERT(r && r->type == GP_PROP_STRING);
    GP_ASSERT_STR_EQ(r->value.string, "yes");
    GpPropValue d = gp_pv_double(2.5);
    GP_ASSERT_OK(gp_pid_set_prop(o, 0, "tgone", &d));
    r = gp_pid_get_prop(o, 0, "tgone");
    GP_ASSERT(r && r->type == GP_PROP_DOUBLE && r->value.number == 2.5);
    /* removal */
    GP_ASSERT_OK(gp_pid_set_prop(o, 0, "tgone", NULL));
    GP_ASSERT(gp_pid_get_prop(o, 0, "tgone") == NULL);
    /* defaults and bad keys */
    GP_ASSERT_INT_EQ(gp_pid_get_uint(o, GP_P_SAMPLE_RATE, 77), 77);
    GP_ASSERT_INT_EQ(gp_pid_set_prop(o, 0, NULL, &v), GP_BAD_PARAM);
    /* enumeration: ID StreamType CodecID Timescale (tfunc) + Width Height FPS tkeep */
    uint32_t idx = 0, code = 0, nb = 0, custom = 0;
    const char *name = NULL;
    while ((r = gp_pid_enum_props(o, &idx, &code, &name))) {
        nb++;
        GP_ASSERT(name != NULL);
        if (!code) {
            custom++;
            GP_ASSERT_STR_EQ(name, "tkeep");
        } else if (code == GP_P_WIDTH) {
            GP_ASSERT_STR_EQ(name, "Width");
        }
    }
    GP_ASSERT_INT_EQ(nb, 8);
    GP_ASSERT_INT_EQ(custom, 1);

    TsinkCtx *k = gp_filter_priv(pc.sink);
    k->on_configure = props_on_configure;
    k->udata = &pc;
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(pc.calls, 1);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT(k->pid_eos[0]);
    GP_ASSERT_INT_EQ(gp_pid_nb_destinations(o), 1);
    GP_ASSERT(gp_pid_destination(o, 0) == pc.sink);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ---- reconfiguration ---- */

static void
pid_reconfigure(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=10:reconf=4", NULL, NULL, NULL);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, 10, 16);
    GP_ASSERT_INT_EQ(k->npids, 1);
    /* configure_pid again before packet 4 was returned, seeing the new value */
    GP_ASSERT_INT_EQ(k->nb_configure, 2);
    GP_ASSERT_INT_EQ(k->cfg_at[0], 0);
    GP_ASSERT_INT_EQ(k->cfg_tver[0], 0);
    GP_ASSERT_INT_EQ(k->cfg_at[1], 4);
    GP_ASSERT_INT_EQ(k->cfg_tver[1], 1);
    /* each packet is read with the properties in force when it was sent */
    for (uint32_t i = 0; i < 10; i++)
        GP_ASSERT_INT_EQ(k->tver[i], i < 4 ? 0 : 1);
    /* one PLAY only: a reconfiguration is not a new PID */
    TsrcCtx *sc = gp_filter_priv(c.src);
    GP_ASSERT_INT_EQ(tf_evlog_count(&sc->events, GP_FEVT_PLAY), 1);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* The change travels through a filter that copies its input's properties. */
static void
pid_reconfigure_through_filter(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=10:reconf=6", &tf_tpass, NULL, NULL);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, 10, 16);
    GP_ASSERT_INT_EQ(p->nb_configure, 2);
    GP_ASSERT_INT_EQ(k->nb_configure, 2);
    GP_ASSERT_INT_EQ(k->cfg_at[1], 6);
    GP_ASSERT_INT_EQ(k->cfg_tver[1], 1);
    for (uint32_t i = 0; i < 10; i++)
        GP_ASSERT_INT_EQ(k->tver[i], i < 6 ? 0 : 1);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

static int64_t g_info_at_eos = -1;

static void
info_on_eos(GpFilter *f, void *udata)
{
    TsinkCtx *k = gp_filter_priv(f);
    const GpPropValue *v = gp_pid_get_info(k->ipids[0], 0, "tinfo");
    g_info_at_eos = v && v->type == GP_PROP_UINT ? (int64_t)v->value.uint : -2;
}

static void
pid_set_info_no_reconfigure(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=8:infoat=3", NULL, NULL, NULL);
    TsinkCtx *k = gp_filter_priv(c.sink);
    k->on_eos = info_on_eos;
    GP_ASSERT_OK(gp_test_chain_run(&c));
    GP_ASSERT_SEQUENCE(c.sink, 0, 8, 16);
    GP_ASSERT_INT_EQ(k->nb_configure, 1);
    GP_ASSERT_INT_EQ(g_info_at_eos, 7);
    /* an info is not a property */
    GP_ASSERT(gp_pid_get_prop(gp_filter_output(c.src, 0), 0, "tinfo") == NULL);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* ---- back-pressure ---- */

/* 100 packets of 1 ms into a sink whose max buffer is 5 ms and which consumes nothing for
 * 50 ms: the source blocks with the queue full (5 ms buffered, i.e. 5 packets), is not
 * scheduled while blocked, and resumes once the sink drains. */
static void
pid_backpressure(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=100:dur=1:timescale=1000", NULL, NULL,
                      "mbuf=5000:stall=50000");
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsrcCtx *sc = gp_filter_priv(c.src);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, 100, 16);
    GP_ASSERT_INT_EQ(sc->sent[0], 100);
    GP_ASSERT(sc->nb_blocked >= 1);
    GP_ASSERT_INT_EQ(sc->nb_called_blocked, 0);
    GP_ASSERT(k->saw_would_block);
    GP_ASSERT_INT_EQ(k->max_queued, 5);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* Same through an intermediate filter: it stops reading when its output is full. */
static void
pid_backpressure_chain(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=100:dur=1:timescale=1000", &tf_tpass, NULL,
                      "mbuf=5000:stall=50000");
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsrcCtx *sc = gp_filter_priv(c.src);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, 100, 16);
    GP_ASSERT_INT_EQ(p->nb_in, 100);
    GP_ASSERT(sc->nb_blocked >= 1);
    GP_ASSERT_INT_EQ(k->max_queued, 5);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* ---- EOS ---- */

static void
pid_eos_after_queue(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=3", NULL, NULL, NULL);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, 3, 16);
    /* the source sent 3 packets and EOS in one call; the sink's first call saw them
     * queued: EOS received, but not "is_eos" while packets remain */
    GP_ASSERT(k->first_snap);
    GP_ASSERT_INT_EQ(k->first_queued, 3);
    GP_ASSERT(k->first_eos_received);
    GP_ASSERT(!k->first_is_eos);
    /* after draining */
    GP_ASSERT(k->pid_eos[0]);
    GP_ASSERT(k->all_eos);
    GP_ASSERT(gp_pid_is_eos(k->ipids[0]));
    GP_ASSERT(gp_pid_has_seen_eos(k->ipids[0]));
    GP_ASSERT(gp_pid_get_packet(k->ipids[0]) == NULL);
    GP_ASSERT_INT_EQ(gp_pid_nb_packets_queued(k->ipids[0]), 0);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* ---- new PIDs copy the single input's properties ---- */

static void
pid_new_copies_input_props(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=4:codec=" TF_CODEC_C_STR ":st=5", &tf_tpass, "copy=0",
                      NULL);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, 4, 16);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT(k->pid_src[0] == c.filter);
    GP_ASSERT_INT_EQ(k->pid_id[0], 1);
    GP_ASSERT_INT_EQ(k->pid_st[0], GP_STREAM_AUDIO);
    GP_ASSERT_INT_EQ(k->pid_codec[0], TF_CODEC_C);
    GP_ASSERT_INT_EQ(k->cfg_tver[0], 0);
    GpPid *o = gp_filter_output(c.filter, 0);
    GP_ASSERT_INT_EQ(gp_pid_get_uint(o, GP_P_TIMESCALE, 0), 1000);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* The binding's PID notification: once per PID with user data, when it goes. */
typedef struct PidNotes {
    int calls;
    void *last_udata;
} PidNotes;

static void
pid_note(void *udata, GpPid *pid, void *pid_udata)
{
    PidNotes *n = udata;
    n->calls++;
    n->last_udata = pid_udata;
    GP_ASSERT(gp_pid_get_udata(pid) == pid_udata);
}

static void
pid_udata_fn(GpFilter *f, GpPid *opid, void *udata)
{
    gp_pid_set_udata(opid, udata);
}

static void
pid_destroy_notify(void)
{
    static int tag;
    PidNotes notes = {0};
    GpSession *s = gp_test_session_new(0, 0);
    gp_session_set_pid_notify(s, pid_note, &notes);
    GpFilter *func = gp_test_load(s, &tf_tfunc, NULL);
    gp_test_load(s, &tf_tsink, NULL);
    TfuncCtx *fc = gp_filter_priv(func);
    fc->fn = pid_udata_fn;
    fc->udata = &tag;
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(notes.calls, 0);
    gp_session_del(s);
    GP_ASSERT_INT_EQ(notes.calls, 1); /* the sink's input handle has no user data */
    GP_ASSERT(notes.last_udata == &tag);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(pid_props_roundtrip), GP_CASE(pid_reconfigure),
             GP_CASE(pid_reconfigure_through_filter), GP_CASE(pid_set_info_no_reconfigure),
             GP_CASE(pid_backpressure), GP_CASE(pid_backpressure_chain),
             GP_CASE(pid_eos_after_queue), GP_CASE(pid_new_copies_input_props),
             GP_CASE(pid_destroy_notify))
