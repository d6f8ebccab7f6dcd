/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Graph resolution tests (core/graph.c, core/caps.c): direct links, inserted chains of 1
 * to 3 converters, the cheapest chain and the priority tie-break, a PID nobody can take
 * (reported; an error with GP_FS_FLAG_FULL_LINK), and every link-filter form (set_source,
 * PID=, #PID=, StreamType=, #StreamType=, video, audio, SID/FID options, SID#frag). */
#include "harness.h"
#include "test_filters.h"

/* ---- helpers ---- */

static void
register_classes(GpSession *s, const GpFilterClass *const *classes, uint32_t nb)
{
    for (uint32_t i = 0; i < nb; i++)
        GP_ASSERT_OK(gp_session_register_class(s, classes[i]));
}

/* The session holds exactly these filters, in creation order; the first nb_static were
 * loaded by the test, the others inserted by resolution. */
static void
assert_filters(GpSession *s, const char *const *names, uint32_t nb, uint32_t nb_static)
{
    GP_ASSERT_INT_EQ(gp_session_nb_filters(s), nb);
    for (uint32_t i = 0; i < nb; i++) {
        GpFilter *f = gp_session_filter_at(s, i);
        GP_ASSERT(f != NULL);
        GP_ASSERT_STR_EQ(gp_filter_name(f), names[i]);
        GP_ASSERT_INT_EQ(gp_filter_is_dynamic(f), i >= nb_static);
    }
}

static const GpFilterClass *const conv_abc[] = {&tf_tconvA, &tf_tconvB, &tf_tconvC};

/* tsrc (codec A) -> tsink accepting only `codec`, with the A->B->C->D converters
 * registered; returns the session after run(). */
static GpSession *
chain_run(const char *sink_codec, GpFilter **src, GpFilter **sink)
{
    GpSession *s = gp_test_session_new(0, 0);
    register_classes(s, conv_abc, 3);
    *src = gp_test_load(s, &tf_tsrc, "nb=10");
    char a[48];
    snprintf(a, sizeof(a), "codec=%s", sink_codec);
    *sink = gp_test_load(s, &tf_tsink, a);
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 0);
    return s;
}

static void
assert_conv_chain(GpSession *s, GpFilter *sink, uint32_t len, uint32_t final_codec)
{
    TsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT_INT_EQ(k->pid_codec[0], final_codec);
    GP_ASSERT_SEQUENCE(sink, 0, 10, 16);
    /* the sink reads the last converter, each converter forwarded everything */
    GP_ASSERT(k->pid_src[0] == gp_session_filter_at(s, 1 + len));
    for (uint32_t i = 0; i < len; i++) {
        TconvCtx *cc = gp_filter_priv(gp_session_filter_at(s, 2 + i));
        GP_ASSERT_INT_EQ(cc->nb_fwd, 10);
        GP_ASSERT(cc->eos_done);
    }
}

/* ---- chains ---- */

static void
graph_direct_link(void)
{
    GpFilter *src, *sink;
    GpSession *s = chain_run(TF_CODEC_A_STR, &src, &sink);
    static const char *const names[] = {"tsrc", "tsink"};
    assert_filters(s, names, 2, 2);
    TsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT(k->pid_src[0] == src);
    GP_ASSERT_INT_EQ(k->pid_codec[0], TF_CODEC_A);
    GP_ASSERT_SEQUENCE(sink, 0, 10, 16);
    GP_ASSERT_INT_EQ(gp_pid_nb_destinations(gp_filter_output(src, 0)), 1);
    GP_ASSERT(gp_pid_destination(gp_filter_output(src, 0), 0) == sink);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
graph_chain_one(void)
{
    GpFilter *src, *sink;
    GpSession *s = chain_run(TF_CODEC_B_STR, &src, &sink);
    static const char *const names[] = {"tsrc", "tsink", "tconvA"};
    assert_filters(s, names, 3, 2);
    assert_conv_chain(s, sink, 1, TF_CODEC_B);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
graph_chain_two(void)
{
    GpFilter *src, *sink;
    GpSession *s = chain_run(TF_CODEC_C_STR, &src, &sink);
    static const char *const names[] = {"tsrc", "tsink", "tconvA", "tconvB"};
    assert_filters(s, names, 4, 2);
    assert_conv_chain(s, sink, 2, TF_CODEC_C);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
graph_chain_three(void)
{
    GpFilter *src, *sink;
    GpSession *s = chain_run(TF_CODEC_D_STR, &src, &sink);
    static const char *const names[] = {"tsrc", "tsink", "tconvA", "tconvB", "tconvC"};
    assert_filters(s, names, 5, 2);
    assert_conv_chain(s, sink, 3, TF_CODEC_D);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* A->B->C->D (3 hops) and A->D (1 hop) both exist: the shorter one is used. */
static void
graph_cheapest_chain(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    static const GpFilterClass *const classes[] = {&tf_tconvA, &tf_tconvB, &tf_tconvC,
                                                   &tf_tconvAD};
    register_classes(s, classes, 4);
    gp_test_load(s, &tf_tsrc, "nb=10");
    GpFilter *sink = gp_test_load(s, &tf_tsink, "codec=" TF_CODEC_D_STR);
    GP_ASSERT_OK(gp_session_run(s));
    static const char *const names[] = {"tsrc", "tsink", "tconvAD"};
    assert_filters(s, names, 3, 2);
    assert_conv_chain(s, sink, 1, TF_CODEC_D);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* Two one-hop chains: the lower priority value wins, whatever the registration order. */
static void
graph_priority_tie(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    static const GpFilterClass *const classes[] = {&tf_tconvA2, &tf_tconvA};
    register_classes(s, classes, 2);
    gp_test_load(s, &tf_tsrc, "nb=10");
    GpFilter *sink = gp_test_load(s, &tf_tsink, "codec=" TF_CODEC_B_STR);
    GP_ASSERT_OK(gp_session_run(s));
    static const char *const names[] = {"tsrc", "tsink", "tconvA"};
    assert_filters(s, names, 3, 2);
    assert_conv_chain(s, sink, 1, TF_CODEC_B);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* Unregistered classes are not candidates: the sink gets nothing. */
static void
graph_unregistered_not_used(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    gp_test_load(s, &tf_tsrc, "nb=10");
    GpFilter *sink = gp_test_load(s, &tf_tsink, "codec=" TF_CODEC_B_STR);
    GP_ASSERT_OK(gp_session_run(s));
    static const char *const names[] = {"tsrc", "tsink"};
    assert_filters(s, names, 2, 2);
    GP_ASSERT_INT_EQ(((TsinkCtx *)gp_filter_priv(sink))->npids, 0);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 1);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ---- refused PIDs ---- */

static void
graph_refused_pid(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    register_classes(s, conv_abc, 3);
    GpFilter *src = gp_test_load(s, &tf_tsrc, "nb=10");
    GpFilter *sink = gp_test_load(s, &tf_tsink, "codec=" TF_CODEC_Z_STR);
    /* reported, not an error of the run, and the session ends */
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 1);
    const GpErrorInfo *ei = gp_session_last_error(s);
    GP_ASSERT(strstr(ei->reason, "tpid1") != NULL);
    static const char *const names[] = {"tsrc", "tsink"};
    assert_filters(s, names, 2, 2);
    GP_ASSERT_INT_EQ(((TsinkCtx *)gp_filter_priv(sink))->npids, 0);
    GP_ASSERT_INT_EQ(((TsrcCtx *)gp_filter_priv(src))->sent[0], 0);
    GP_ASSERT_INT_EQ(gp_pid_nb_destinations(gp_filter_output(src, 0)), 0);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
graph_refused_pid_full_link(void)
{
    GpSession *s = gp_test_session_new(0, GP_FS_FLAG_FULL_LINK);
    register_classes(s, conv_abc, 3);
    gp_test_load(s, &tf_tsrc, "nb=10");
    gp_test_load(s, &tf_tsink, "codec=" TF_CODEC_Z_STR);
    GpErr rc = gp_session_run(s);
    GP_ASSERT(rc < 0);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 1);
    const GpErrorInfo *ei = gp_session_last_error(s);
    GP_ASSERT_INT_EQ(ei->code, rc);
    GP_ASSERT(strstr(ei->reason, "tpid1") != NULL);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ---- link filters: tsrc with PID 1 (Visual) and PID 2 (Audio) ---- */

static void
link_case(const char *link_args, uint32_t want_id)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *src = gp_test_load(s, &tf_tsrc, "nb=6:npids=2");
    GpFilter *sink = gp_test_load(s, &tf_tsink, NULL);
    GP_ASSERT_OK(gp_filter_set_source(sink, src, link_args));
    GP_ASSERT_OK(gp_session_run(s));
    TsinkCtx *k = gp_filter_priv(sink);
    TsrcCtx *sc = gp_filter_priv(src);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT_INT_EQ(k->pid_id[0], want_id);
    GP_ASSERT_INT_EQ(k->pid_st[0], want_id == 1 ? GP_STREAM_VISUAL : GP_STREAM_AUDIO);
    GP_ASSERT(k->pid_src[0] == src);
    GP_ASSERT_SEQUENCE(sink, 0, 6, 16);
    GP_ASSERT_INT_EQ(sc->sent[want_id - 1], 6);
    GP_ASSERT_INT_EQ(sc->sent[2 - want_id], 0);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 1);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
link_pid_id(void)
{
    link_case("PID=1", 1);
}

static void
link_pid_id_hash(void)
{
    link_case("#PID=1", 1);
}

static void
link_pid_id_2(void)
{
    link_case("PID=2", 2);
}

static void
link_stream_type(void)
{
    link_case("StreamType=Visual", 1);
}

static void
link_stream_type_hash(void)
{
    link_case("#StreamType=Visual", 1);
}

static void
link_video(void)
{
    link_case("video", 1);
}

static void
link_audio(void)
{
    link_case("audio", 2);
}

/* set_source without a fragment: only that source's PIDs. */
static void
link_set_source(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *s1 = gp_test_load(s, &tf_tsrc, "nb=6");
    GpFilter *s2 = gp_test_load(s, &tf_tsrc, "nb=7");
    GpFilter *sink = gp_test_load(s, &tf_tsink, NULL);
    GP_ASSERT_OK(gp_filter_set_source(sink, s2, NULL));
    GP_ASSERT(gp_filter_id(s2) != NULL);
    GP_ASSERT_OK(gp_session_run(s));
    TsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT(k->pid_src[0] == s2);
    GP_ASSERT_SEQUENCE(sink, 0, 7, 16);
    GP_ASSERT_INT_EQ(((TsrcCtx *)gp_filter_priv(s1))->sent[0], 0);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 1);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* SID and FID given as options of the load strings. */
static void
link_sid_option(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *s1 = gp_test_load(s, &tf_tsrc, "FID=src1:nb=6");
    GpFilter *s2 = gp_test_load(s, &tf_tsrc, "FID=src2:nb=7");
    GpFilter *k1 = gp_test_load(s, &tf_tsink, "SID=src1");
    GpFilter *k2 = gp_test_load(s, &tf_tsink, "SID=src2");
    GP_ASSERT_STR_EQ(gp_filter_id(s1), "src1");
    GP_ASSERT_STR_EQ(gp_filter_id(s2), "src2");
    GP_ASSERT_OK(gp_session_run(s));
    TsinkCtx *c1 = gp_filter_priv(k1), *c2 = gp_filter_priv(k2);
    GP_ASSERT_INT_EQ(c1->npids, 1);
    GP_ASSERT(c1->pid_src[0] == s1);
    GP_ASSERT_SEQUENCE(k1, 0, 6, 16);
    GP_ASSERT_INT_EQ(c2->npids, 1);
    GP_ASSERT(c2->pid_src[0] == s2);
    GP_ASSERT_SEQUENCE(k2, 0, 7, 16);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 0);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
link_sid_fragment_option(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *src = gp_test_load(s, &tf_tsrc, "FID=src1:nb=6:npids=2");
    GpFilter *sink = gp_test_load(s, &tf_tsink, "SID=src1#PID=2");
    GP_ASSERT_OK(gp_session_run(s));
    TsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT_INT_EQ(k->pid_id[0], 2);
    GP_ASSERT_INT_EQ(k->pid_st[0], GP_STREAM_AUDIO);
    GP_ASSERT(k->pid_src[0] == src);
    GP_ASSERT_SEQUENCE(sink, 0, 6, 16);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 1);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* A SID naming no loaded filter: nothing links, and the session still ends. */
static void
link_sid_missing(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *src = gp_test_load(s, &tf_tsrc, "FID=src1:nb=6");
    GpFilter *sink = gp_test_load(s, &tf_tsink, "SID=nope");
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(((TsinkCtx *)gp_filter_priv(sink))->npids, 0);
    GP_ASSERT_INT_EQ(((TsrcCtx *)gp_filter_priv(src))->sent[0], 0);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 1);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* Sinks without a source take every PID their caps accept. */
static void
link_sinks_take_matching(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *src = gp_test_load(s, &tf_tsrc, "nb=6:npids=2");
    GpFilter *kv = gp_test_load(s, &tf_tsink, "st=4");
    GpFilter *ka = gp_test_load(s, &tf_tsink, "st=5");
    GP_ASSERT_OK(gp_session_run(s));
    TsinkCtx *cv = gp_filter_priv(kv), *ca = gp_filter_priv(ka);
    GP_ASSERT_INT_EQ(cv->npids, 1);
    GP_ASSERT_INT_EQ(cv->pid_id[0], 1);
    GP_ASSERT(cv->pid_src[0] == src);
    GP_ASSERT_SEQUENCE(kv, 0, 6, 16);
    GP_ASSERT_INT_EQ(ca->npids, 1);
    GP_ASSERT_INT_EQ(ca->pid_id[0], 2);
    GP_ASSERT_SEQUENCE(ka, 0, 6, 16);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 0);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
link_sink_takes_all(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *src = gp_test_load(s, &tf_tsrc, "nb=6:npids=2");
    GpFilter *sink = gp_test_load(s, &tf_tsink, NULL);
    GP_ASSERT_OK(gp_session_run(s));
    TsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT_INT_EQ(k->npids, 2);
    GP_ASSERT(k->pid_src[0] == src && k->pid_src[1] == src);
    GP_ASSERT_INT_EQ(k->pid_id[0] + k->pid_id[1], 3);
    GP_ASSERT_SEQUENCE(sink, 0, 6, 16);
    GP_ASSERT_SEQUENCE(sink, 1, 6, 16);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 0);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(graph_direct_link), GP_CASE(graph_chain_one), GP_CASE(graph_chain_two),
             GP_CASE(graph_chain_three), GP_CASE(graph_cheapest_chain),
             GP_CASE(graph_priority_tie), GP_CASE(graph_unregistered_not_used),
             GP_CASE(graph_refused_pid), GP_CASE(graph_refused_pid_full_link),
             GP_CASE(link_pid_id), GP_CASE(link_pid_id_hash), GP_CASE(link_pid_id_2),
             GP_CASE(link_stream_type), GP_CASE(link_stream_type_hash), GP_CASE(link_video),
             GP_CASE(link_audio), GP_CASE(link_set_source), GP_CASE(link_sid_option),
             GP_CASE(link_sid_fragment_option), GP_CASE(link_sid_missing),
             GP_CASE(link_sinks_take_matching), GP_CASE(link_sink_takes_all))
