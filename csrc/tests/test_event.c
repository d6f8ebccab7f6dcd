/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Event tests (core/event.c): PLAY from the sink reaches the source through an
 * intermediate filter with on_pid set to each receiver's own PID, a filter consuming an
 * event stops it, downstream events, STOP, BUFFER_REQ, and no data before PLAY. Chains
 * are tsrc -> tpass -> tsink (harness.c). */
#include "harness.h"
#include "test_filters.h"

static void
event_play_upstream(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=10", &tf_tpass, NULL, NULL);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsrcCtx *sc = gp_filter_priv(c.src);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, 10, 16);
    /* the intermediate filter saw PLAY on its output PID, the source on its own */
    GP_ASSERT_INT_EQ(tf_evlog_count(&p->events, GP_FEVT_PLAY), 1);
    const GpEvent *e = tf_evlog_find(&p->events, GP_FEVT_PLAY, 0);
    GP_ASSERT(e->base.on_pid == gp_filter_output(c.filter, 0));
    GP_ASSERT_INT_EQ(tf_evlog_count(&sc->events, GP_FEVT_PLAY), 1);
    e = tf_evlog_find(&sc->events, GP_FEVT_PLAY, 0);
    GP_ASSERT(e->base.on_pid == gp_filter_output(c.src, 0));
    GP_ASSERT(e->base.on_pid == sc->opids[0]);
    GP_ASSERT(gp_pid_is_playing(sc->opids[0]));
    GP_ASSERT(gp_pid_is_playing(k->ipids[0]));
    /* upstream events never come back down */
    GP_ASSERT_INT_EQ(k->events.nb, 0);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

static void
event_consumed_stops_propagation(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=10", &tf_tpass, "consume=1", NULL);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsrcCtx *sc = gp_filter_priv(c.src);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_INT_EQ(tf_evlog_count(&p->events, GP_FEVT_PLAY), 1);
    GP_ASSERT_INT_EQ(tf_evlog_count(&sc->events, GP_FEVT_PLAY), 0);
    GP_ASSERT_INT_EQ(sc->events.nb, 0);
    /* the source was given turns but, never asked to play, sent nothing */
    GP_ASSERT(sc->nb_process >= 1);
    GP_ASSERT_INT_EQ(sc->sent[0], 0);
    GP_ASSERT(!gp_pid_is_playing(sc->opids[0]));
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT_INT_EQ(k->nb_pck, 0);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

static void
event_downstream(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=5:devt=13", &tf_tpass, NULL, NULL);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsrcCtx *sc = gp_filter_priv(c.src);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, 5, 16);
    GP_ASSERT_INT_EQ(tf_evlog_count(&p->events, GP_FEVT_INFO_UPDATE), 1);
    const GpEvent *e = tf_evlog_find(&p->events, GP_FEVT_INFO_UPDATE, 0);
    GP_ASSERT(e->base.on_pid == gp_filter_input(c.filter, 0));
    GP_ASSERT_INT_EQ(tf_evlog_count(&k->events, GP_FEVT_INFO_UPDATE), 1);
    e = tf_evlog_find(&k->events, GP_FEVT_INFO_UPDATE, 0);
    GP_ASSERT(e->base.on_pid == k->ipids[0]);
    GP_ASSERT(e->base.on_pid == gp_filter_input(c.sink, 0));
    /* downstream events do not go back up */
    GP_ASSERT_INT_EQ(tf_evlog_count(&sc->events, GP_FEVT_INFO_UPDATE), 0);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

static void
event_downstream_consumed(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=5:devt=13", &tf_tpass, "consume=13", NULL);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, 5, 16);
    GP_ASSERT_INT_EQ(tf_evlog_count(&p->events, GP_FEVT_INFO_UPDATE), 1);
    GP_ASSERT_INT_EQ(tf_evlog_count(&k->events, GP_FEVT_INFO_UPDATE), 0);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* The sink stops after 5 packets; the source, held back by a small buffer, had not
 * sent everything and stops too. */
static void
event_stop(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=1000", &tf_tpass, NULL, "stop=5:mbuf=3000");
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsrcCtx *sc = gp_filter_priv(c.src);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT(k->stop_sent);
    GP_ASSERT_INT_EQ(tf_evlog_count(&p->events, GP_FEVT_STOP), 1);
    GP_ASSERT(tf_evlog_find(&p->events, GP_FEVT_STOP, 0)->base.on_pid ==
              gp_filter_output(c.filter, 0));
    GP_ASSERT_INT_EQ(tf_evlog_count(&sc->events, GP_FEVT_STOP), 1);
    GP_ASSERT(tf_evlog_find(&sc->events, GP_FEVT_STOP, 0)->base.on_pid == sc->opids[0]);
    GP_ASSERT(sc->stopped[0]);
    GP_ASSERT(sc->sent[0] < 1000);
    GP_ASSERT(k->nb_pck >= 5);
    GP_ASSERT(k->nb_pck <= sc->sent[0]);
    GP_ASSERT(!gp_pid_is_playing(sc->opids[0]));
    GP_ASSERT(!gp_pid_is_playing(k->ipids[0]));
    /* what arrived is still in order */
    for (uint32_t i = 0; i < k->nb_pck; i++)
        GP_ASSERT_U64_EQ(k->dts[i], i);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

static void
event_buffer_req(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=5", &tf_tpass, NULL, "breq=123456");
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsrcCtx *sc = gp_filter_priv(c.src);
    TpassCtx *p = gp_filter_priv(c.filter);
    GP_ASSERT_SEQUENCE(c.sink, 0, 5, 16);
    GP_ASSERT_INT_EQ(tf_evlog_count(&p->events, GP_FEVT_BUFFER_REQ), 1);
    const GpEvent *e = tf_evlog_find(&p->events, GP_FEVT_BUFFER_REQ, 0);
    GP_ASSERT_INT_EQ(e->buffer_req.max_buffer_us, 123456);
    GP_ASSERT(e->base.on_pid == gp_filter_output(c.filter, 0));
    GP_ASSERT_INT_EQ(tf_evlog_count(&sc->events, GP_FEVT_BUFFER_REQ), 1);
    e = tf_evlog_find(&sc->events, GP_FEVT_BUFFER_REQ, 0);
    GP_ASSERT_INT_EQ(e->buffer_req.max_buffer_us, 123456);
    GP_ASSERT(e->base.on_pid == sc->opids[0]);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* A sink that never sends PLAY gets nothing, and the session still ends. */
static void
event_no_play_no_data(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=10", NULL, NULL, "noplay");
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsrcCtx *sc = gp_filter_priv(c.src);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT_INT_EQ(k->nb_pck, 0);
    GP_ASSERT(sc->nb_process >= 1);
    GP_ASSERT_INT_EQ(sc->sent[0], 0);
    GP_ASSERT_INT_EQ(sc->events.nb, 0);
    GP_ASSERT(!gp_pid_is_playing(sc->opids[0]));
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* GP_FS_FLAG_PREVENT_PLAY: the sinks' PLAY is not forwarded. */
static void
event_prevent_play(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, GP_FS_FLAG_PREVENT_PLAY, "nb=10", NULL, NULL, NULL);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TsrcCtx *sc = gp_filter_priv(c.src);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT_INT_EQ(tf_evlog_count(&sc->events, GP_FEVT_PLAY), 0);
    GP_ASSERT_INT_EQ(sc->sent[0], 0);
    GP_ASSERT_INT_EQ(k->nb_pck, 0);
    gp_test_chain_del(&c);
    GP_ASSERT_CLEAN();
}

/* gp_filter_send_event sends on every input (upstream) of a filter. */
static void
event_filter_send_upstream(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *src = gp_test_load(s, &tf_tsrc, "nb=3:npids=2");
    GpFilter *sink = gp_test_load(s, &tf_tsink, NULL);
    GP_ASSERT_OK(gp_session_run(s));
    TsinkCtx *k = gp_filter_priv(sink);
    TsrcCtx *sc = gp_filter_priv(src);
    GP_ASSERT_INT_EQ(k->npids, 2);
    GP_ASSERT_INT_EQ(tf_evlog_count(&sc->events, GP_FEVT_PLAY), 2);
    /* a second run after a user event on the sink's inputs */
    GpEvent evt;
    gp_event_init(&evt, GP_FEVT_USER, NULL);
    evt.user.kind = 42;
    GP_ASSERT_OK(gp_filter_send_event(sink, &evt, true));
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(tf_evlog_count(&sc->events, GP_FEVT_USER), 2);
    const GpEvent *e0 = tf_evlog_find(&sc->events, GP_FEVT_USER, 0);
    const GpEvent *e1 = tf_evlog_find(&sc->events, GP_FEVT_USER, 1);
    GP_ASSERT_INT_EQ(e0->user.kind, 42);
    GP_ASSERT_INT_EQ(e1->user.kind, 42);
    GP_ASSERT(e0->base.on_pid != e1->base.on_pid);
    GP_ASSERT(e0->base.on_pid == sc->opids[0] || e0->base.on_pid == sc->opids[1]);
    GP_ASSERT(e1->base.on_pid == sc->opids[0] || e1->base.on_pid == sc->opids[1]);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(event_play_upstream), GP_CASE(event_consumed_stops_propagation),
             GP_CASE(event_downstream), GP_CASE(event_downstream_consumed),
             GP_CASE(event_stop), GP_CASE(event_buffer_req), GP_CASE(event_no_play_no_data),
             GP_CASE(event_prevent_play), GP_CASE(event_filter_send_upstream))
