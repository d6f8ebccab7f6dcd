/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Capabilities used by resolution (core/caps.c, core/graph.c): gp_pid_caps_query, by
 * which an inserted filter asks its destination what to produce (the first value of the
 * destination bundle matching the PID), and converters declaring several possible
 * outputs, which resolution only inserts for a destination taking one of them. */
#include "harness.h"
#include "test_filters.h"

/* ---- tqconv: A -> B, C or D, whichever its destination asks for ---- */

typedef struct TqconvCtx {
    GpPid *ipid, *opid;
    uint32_t asked; /* gp_pid_caps_query's answer, 0 for none */
    bool eos_done;
} TqconvCtx;

static GpErr
tqconv_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    TqconvCtx *ctx = gp_filter_priv(f);
    if (is_remove)
        return GP_OK;
    ctx->ipid = ipid;
    if (!ctx->opid && !(ctx->opid = gp_pid_new(f)))
        return GP_OUT_OF_MEM;
    const GpPropValue *v = gp_pid_caps_query(ctx->opid, GP_P_CODECID, NULL);
    ctx->asked = v ? v->value.uint : 0;
    GpPropValue c = gp_pv_uint(ctx->asked ? ctx->asked : TF_CODEC_B);
    return gp_pid_set_prop(ctx->opid, GP_P_CODECID, NULL, &c);
}

static GpErr
tqconv_process(GpFilter *f)
{
    TqconvCtx *ctx = gp_filter_priv(f);
    GpPacket *pck;
    while ((pck = gp_pid_get_packet(ctx->ipid))) {
        GpErr e = gp_packet_forward(pck, ctx->opid);
        gp_pid_drop_packet(ctx->ipid);
        if (e)
            return e;
    }
    if (!ctx->eos_done && gp_pid_is_eos(ctx->ipid)) {
        gp_pid_set_eos(ctx->opid);
        ctx->eos_done = true;
    }
    return GP_OK;
}

static const GpCap tqconv_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT_STATIC, GP_P_CODECID, TF_CODEC_A),
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, TF_CODEC_B),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, TF_CODEC_C),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, TF_CODEC_D),
    GP_CAP_END_BUNDLE,
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, TF_CODEC_B),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, TF_CODEC_C),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, TF_CODEC_D),
};

static const GpFilterClass tq_conv = {
    .name = "tqconv",
    .help = GP_HELP("test converter asking its destination for a codec"),
    .priv_size = sizeof(TqconvCtx),
    GP_CAPS(tqconv_caps),
    .configure_pid = tqconv_configure_pid,
    .process = tqconv_process,
};

/* ---- tqsink: takes Visual as C or B (C preferred), Audio as D ---- */

typedef struct TqsinkCtx {
    uint32_t nb_pids;
    GpPid *ipids[4];
    uint32_t codec[4], st[4];
    uint32_t nb_pck;
} TqsinkCtx;

static GpErr
tqsink_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    TqsinkCtx *ctx = gp_filter_priv(f);
    if (is_remove || ctx->nb_pids == 4)
        return is_remove ? GP_OK : GP_NOT_SUPPORTED;
    ctx->ipids[ctx->nb_pids] = ipid;
    ctx->codec[ctx->nb_pids] = gp_pid_get_uint(ipid, GP_P_CODECID, 0);
    ctx->st[ctx->nb_pids++] = gp_pid_get_uint(ipid, GP_P_STREAM_TYPE, 0);
    GpEvent evt;
    gp_event_init(&evt, GP_FEVT_PLAY, ipid);
    return gp_pid_send_event(ipid, &evt);
}

static GpErr
tqsink_process(GpFilter *f)
{
    TqsinkCtx *ctx = gp_filter_priv(f);
    uint32_t nb_eos = 0;
    for (uint32_t i = 0; i < ctx->nb_pids; i++) {
        while (gp_pid_get_packet(ctx->ipids[i])) {
            gp_pid_drop_packet(ctx->ipids[i]);
            ctx->nb_pck++;
        }
        nb_eos += gp_pid_is_eos(ctx->ipids[i]);
    }
    return nb_eos == ctx->nb_pids ? GP_EOS : GP_OK;
}

static const GpCap tqsink_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_CODECID, TF_CODEC_C),
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_CODECID, TF_CODEC_B),
    GP_CAP_END_BUNDLE,
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_CODECID, TF_CODEC_D),
};

static const GpFilterClass tq_sink = {
    .name = "tqsink",
    .help = GP_HELP("test sink with one codec list per stream type"),
    .priv_size = sizeof(TqsinkCtx),
    .max_extra_pids = -1,
    GP_CAPS(tqsink_caps),
    .configure_pid = tqsink_configure_pid,
    .process = tqsink_process,
};

/* ---- cases ---- */

/* The converter inserted for each PID asks the sink and gets the first codec of the
 * bundle for that stream type: C (not B, listed first by the converter) for video, D
 * for audio. */
static void
caps_query_asks_destination(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GP_ASSERT_OK(gp_session_register_class(s, &tq_conv));
    gp_test_load(s, &tf_tsrc, "npids=2:nb=5");
    GpFilter *sink = gp_test_load(s, &tq_sink, NULL);
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 0);
    GP_ASSERT_INT_EQ(gp_session_nb_filters(s), 4);
    for (uint32_t i = 2; i < 4; i++) {
        GpFilter *conv = gp_session_filter_at(s, i);
        GP_ASSERT_STR_EQ(gp_filter_name(conv), "tqconv");
        TqconvCtx *c = gp_filter_priv(conv);
        uint32_t st = gp_pid_get_uint(c->ipid, GP_P_STREAM_TYPE, 0);
        GP_ASSERT_INT_EQ(c->asked, st == GP_STREAM_VISUAL ? TF_CODEC_C : TF_CODEC_D);
    }
    TqsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT_INT_EQ(k->nb_pids, 2);
    for (uint32_t i = 0; i < 2; i++)
        GP_ASSERT_INT_EQ(k->codec[i], k->st[i] == GP_STREAM_VISUAL ? TF_CODEC_C : TF_CODEC_D);
    GP_ASSERT_INT_EQ(k->nb_pck, 10);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* Before linking, the query of a PID whose filter was loaded by hand has no answer;
 * once linked it asks the consumer. */
static void
caps_query_without_destination(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *src = gp_test_load(s, &tf_tsrc, "nb=1");
    GpPid *opid = gp_filter_output(src, 0);
    GP_ASSERT(opid != NULL);
    GP_ASSERT(gp_pid_caps_query(opid, GP_P_CODECID, NULL) == NULL);
    gp_test_load(s, &tf_tsink, NULL);
    GP_ASSERT_OK(gp_session_run(s));
    /* tsink declares no caps: nothing to ask */
    GP_ASSERT(gp_pid_caps_query(opid, GP_P_CODECID, NULL) == NULL);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* A converter listing B, C and D is no way to a sink taking only Z. */
static void
caps_alternatives_not_wildcards(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GP_ASSERT_OK(gp_session_register_class(s, &tq_conv));
    gp_test_load(s, &tf_tsrc, "nb=3");
    gp_test_load(s, &tf_tsink, "codec=" TF_CODEC_Z_STR);
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 1);
    GP_ASSERT_INT_EQ(gp_session_nb_filters(s), 2);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ... and one of its alternatives reaches a sink taking exactly that codec. */
static void
caps_alternative_links(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GP_ASSERT_OK(gp_session_register_class(s, &tq_conv));
    gp_test_load(s, &tf_tsrc, "nb=3");
    GpFilter *sink = gp_test_load(s, &tf_tsink, "codec=" TF_CODEC_D_STR);
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 0);
    TsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT_INT_EQ(k->pid_codec[0], TF_CODEC_D);
    GP_ASSERT_INT_EQ(k->nb_pck, 3);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ---- tqback: B -> A (so that A -> B -> A chains exist) ---- */

static const GpCap tqback_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_CODECID, TF_CODEC_B),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, TF_CODEC_A),
};

static const GpFilterClass tq_back = {
    .name = "tqback",
    .help = GP_HELP("test converter B to A"),
    .priv_size = sizeof(TqconvCtx),
    GP_CAPS(tqback_caps),
    .configure_pid = tqconv_configure_pid,
    .process = tqconv_process,
};

/* tsrc -> tconvA (B) with a second tconvA loaded and a B -> A converter registered: the
 * first one's output is not sent back through tqback into the second (no chain into
 * the producer's own class), it goes to the sink directly. */
static void
caps_no_chain_into_same_class(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GP_ASSERT_OK(gp_session_register_class(s, &tq_back));
    gp_test_load(s, &tf_tsrc, "nb=3");
    GpFilter *first = gp_test_load(s, &tf_tconvA, NULL);
    gp_test_load(s, &tf_tconvA, NULL);
    GpFilter *sink = gp_test_load(s, &tf_tsink, "codec=" TF_CODEC_B_STR);
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(gp_session_nb_filters(s), 4);
    TsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT(k->pid_src[0] == first);
    GP_ASSERT_INT_EQ(k->nb_pck, 3);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(caps_query_asks_destination), GP_CASE(caps_query_without_destination),
             GP_CASE(caps_alternatives_not_wildcards), GP_CASE(caps_alternative_links),
             GP_CASE(caps_no_chain_into_same_class))
