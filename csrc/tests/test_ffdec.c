/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FFmpeg decode and convert filters through graph resolution (csrc/filters/ffdec.c,
 * ffsws.c, ffres.c): a sink whose caps ask for raw video gets ffdec inserted; one that
 * asks for another PixelFormat gets ffsws (after ffdec for compressed input); one that
 * asks for another AudioFormat/SampleRate gets ffres; ffdec decodes into packets laid
 * out as its Stride/StrideUV say, with the frame's pixels. The compressed input is a
 * PNG picture made here with libavcodec's encoder. */
#include "harness.h"
#include "test_filters.h"

#include <libavcodec/avcodec.h>

#define PIC_W 64
#define PIC_H 48

/* The picture: r = 4x, g = 5y, b = x ^ y. */
static uint8_t
pic_value(int x, int y, int c)
{
    return (uint8_t)(c == 0 ? 4 * x : c == 1 ? 5 * y : (x ^ y));
}

/* One PNG picture of the pattern; the caller frees it with av_packet_free. */
static AVPacket *
png_encode(void)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    GP_ASSERT(codec);
    AVCodecContext *enc = avcodec_alloc_context3(codec);
    AVFrame *frame = av_frame_alloc();
    AVPacket *pkt = av_packet_alloc();
    GP_ASSERT(enc && frame && pkt);
    enc->width = frame->width = PIC_W;
    enc->height = frame->height = PIC_H;
    enc->pix_fmt = frame->format = AV_PIX_FMT_RGB24;
    enc->time_base = (AVRational){1, 25};
    GP_ASSERT(avcodec_open2(enc, codec, NULL) == 0);
    GP_ASSERT(av_frame_get_buffer(frame, 0) == 0);
    for (int y = 0; y < PIC_H; y++)
        for (int x = 0; x < PIC_W; x++)
            for (int c = 0; c < 3; c++)
                frame->data[0][y * frame->linesize[0] + 3 * x + c] = pic_value(x, y, c);
    GP_ASSERT(avcodec_send_frame(enc, frame) == 0);
    GP_ASSERT(avcodec_receive_packet(enc, pkt) == 0);
    av_frame_free(&frame);
    avcodec_free_context(&enc);
    return pkt;
}

static void
png_send(GpFilter *f, GpPid *opid, void *udata)
{
    AVPacket *pkt = udata;
    uint8_t *data = NULL;
    GpPacket *p = gp_packet_new_alloc(opid, (uint32_t)pkt->size, &data);
    GP_ASSERT(p);
    memcpy(data, pkt->data, (size_t)pkt->size);
    GpPacketInfo *info = gp_packet_info(p);
    info->dts = info->cts = 7;
    info->dur = 1;
    info->sap = 1;
    GP_ASSERT_OK(gp_packet_send(p));
}

static void
set_uint(GpPid *opid, uint32_t code, uint32_t v)
{
    GpPropValue pv = gp_pv_uint(v);
    GP_ASSERT_OK(gp_pid_set_prop(opid, code, NULL, &pv));
}

/* What the sink saw of the first decoded frame. */
typedef struct Seen {
    uint32_t nb, width, height, pfmt, stride, stride_uv, size;
    uint64_t cts;
    bool pixels_ok;
} Seen;

static void
seen_packet(GpFilter *f, GpPid *ipid, GpPacket *pck, void *udata)
{
    Seen *s = udata;
    if (s->nb++)
        return;
    s->width = gp_pid_get_uint(ipid, GP_P_WIDTH, 0);
    s->height = gp_pid_get_uint(ipid, GP_P_HEIGHT, 0);
    s->pfmt = gp_pid_get_uint(ipid, GP_P_PIXFMT, 0);
    s->stride = gp_pid_get_uint(ipid, GP_P_STRIDE, 0);
    s->stride_uv = gp_pid_get_uint(ipid, GP_P_STRIDE_UV, 0);
    s->cts = gp_packet_info_const(pck)->cts;
    const uint8_t *d = gp_packet_data(pck, &s->size);
    if (s->pfmt != GP_PIXFMT_RGB || s->width != PIC_W || s->height != PIC_H ||
        s->size < s->stride * s->height)
        return;
    s->pixels_ok = (uintptr_t)d % GP_PACKET_ALIGN == 0;
    for (int y = 0; y < PIC_H; y++)
        for (int x = 0; x < PIC_W; x++)
            for (int c = 0; c < 3; c++)
                s->pixels_ok &= d[y * (int)s->stride + 3 * x + c] == pic_value(x, y, c);
}

/* tfunc (one PNG picture) -> tsink with caps; returns the session after run(). */
static GpSession *
png_to_sink(const GpCap *caps, uint32_t nb_caps, Seen *seen, AVPacket **pkt)
{
    GpSession *s = gp_test_session_new(0, 0);
    *pkt = png_encode();
    GpFilter *src = gp_test_load(s, &tf_tfunc, NULL);
    TfuncCtx *fc = gp_filter_priv(src);
    fc->fn = png_send;
    fc->udata = *pkt;
    GpPid *opid = gp_filter_output(src, 0);
    set_uint(opid, GP_P_STREAM_TYPE, GP_STREAM_VISUAL);
    set_uint(opid, GP_P_CODECID, GP_CODEC_PNG);
    set_uint(opid, GP_P_TIMESCALE, 25);
    set_uint(opid, GP_P_WIDTH, PIC_W);
    set_uint(opid, GP_P_HEIGHT, PIC_H);
    GpFilter *sink = gp_test_load(s, &tf_tsink, NULL);
    gp_filter_set_caps(sink, caps, nb_caps);
    TsinkCtx *k = gp_filter_priv(sink);
    k->on_packet = seen_packet;
    k->udata = seen;
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 0);
    return s;
}

static void
assert_chain(GpSession *s, const char *const *names, uint32_t nb)
{
    GP_ASSERT_INT_EQ(gp_session_nb_filters(s), nb);
    for (uint32_t i = 0; i < nb; i++)
        GP_ASSERT_STR_EQ(gp_filter_name(gp_session_filter_at(s, i)), names[i]);
}

static const GpCap raw_video_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_CODECID, GP_CODEC_RAW),
};

/* A sink wanting raw video gets ffdec; the frame is the picture, in a packet aligned
 * for SIMD, with the Stride ffdec published. */
static void
ffdec_inserted_for_raw_sink(void)
{
    Seen seen = {0};
    AVPacket *pkt;
    GpSession *s = png_to_sink(raw_video_caps, 2, &seen, &pkt);
    static const char *const names[] = {"tfunc", "tsink", "ffdec"};
    assert_chain(s, names, 3);
    GP_ASSERT_INT_EQ(seen.nb, 1);
    GP_ASSERT_INT_EQ(seen.width, PIC_W);
    GP_ASSERT_INT_EQ(seen.height, PIC_H);
    GP_ASSERT_INT_EQ(seen.pfmt, GP_PIXFMT_RGB);
    GP_ASSERT(seen.stride >= PIC_W * 3);
    GP_ASSERT_INT_EQ(seen.stride_uv, 0);
    GP_ASSERT_INT_EQ(seen.size, seen.stride * PIC_H);
    GP_ASSERT_U64_EQ(seen.cts, 7);
    GP_ASSERT(seen.pixels_ok);
    gp_session_del(s);
    av_packet_free(&pkt);
    GP_ASSERT_CLEAN();
}

/* A sink wanting yuv420 from a PNG (rgb) gets ffdec then ffsws, which reads the format
 * from the sink's caps; frames are tight. */
static void
ffsws_inserted_for_pixfmt(void)
{
    static const GpCap caps[] = {
        GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
        GP_CAP_UINT(GP_CAPS_INPUT, GP_P_CODECID, GP_CODEC_RAW),
        GP_CAP_UINT(GP_CAPS_INPUT, GP_P_PIXFMT, GP_PIXFMT_YUV420),
    };
    Seen seen = {0};
    AVPacket *pkt;
    GpSession *s = png_to_sink(caps, 3, &seen, &pkt);
    static const char *const names[] = {"tfunc", "tsink", "ffdec", "ffsws"};
    assert_chain(s, names, 4);
    GP_ASSERT_INT_EQ(seen.nb, 1);
    GP_ASSERT_INT_EQ(seen.pfmt, GP_PIXFMT_YUV420);
    GP_ASSERT_INT_EQ(seen.stride, PIC_W);
    GP_ASSERT_INT_EQ(seen.stride_uv, PIC_W / 2);
    GP_ASSERT_INT_EQ(seen.size, PIC_W * PIC_H * 3 / 2);
    GP_ASSERT_U64_EQ(seen.cts, 7);
    gp_session_del(s);
    av_packet_free(&pkt);
    GP_ASSERT_CLEAN();
}

/* avgen's raw yuv420 to a sink asking for rgb: ffsws alone, no decoder. */
static void
ffsws_inserted_for_raw_source(void)
{
    static const GpCap caps[] = {
        GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
        GP_CAP_UINT(GP_CAPS_INPUT, GP_P_PIXFMT, GP_PIXFMT_RGB),
    };
    GpSession *s = gp_test_session_new(0, 0);
    gp_test_load(s, gp_registry_find("avgen"), "type=v:dur=1/5:sizes=32x16");
    GpFilter *sink = gp_test_load(s, &tf_tsink, NULL);
    gp_filter_set_caps(sink, caps, 2);
    Seen seen = {0};
    TsinkCtx *k = gp_filter_priv(sink);
    k->on_packet = seen_packet;
    k->udata = &seen;
    GP_ASSERT_OK(gp_session_run(s));
    static const char *const names[] = {"avgen", "tsink", "ffsws"};
    assert_chain(s, names, 3);
    GP_ASSERT_INT_EQ(seen.nb, 5);
    GP_ASSERT_INT_EQ(seen.pfmt, GP_PIXFMT_RGB);
    GP_ASSERT_INT_EQ(seen.stride, 32 * 3);
    GP_ASSERT_INT_EQ(seen.size, 32 * 3 * 16);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* What an audio sink saw. */
typedef struct SeenAudio {
    uint32_t nb, sr, afmt, nb_ch, timescale;
    uint64_t samples, last_end;
    bool contiguous;
} SeenAudio;

static void
seen_audio(GpFilter *f, GpPid *ipid, GpPacket *pck, void *udata)
{
    SeenAudio *s = udata;
    const GpPacketInfo *info = gp_packet_info_const(pck);
    uint32_t size = 0;
    gp_packet_data(pck, &size);
    s->sr = gp_pid_get_uint(ipid, GP_P_SAMPLE_RATE, 0);
    s->afmt = gp_pid_get_uint(ipid, GP_P_AUDIO_FORMAT, 0);
    s->nb_ch = gp_pid_get_uint(ipid, GP_P_NUM_CHANNELS, 0);
    s->timescale = gp_packet_timescale(pck);
    s->contiguous = (!s->nb++ || info->cts == s->last_end) && (s->nb == 1 || s->contiguous);
    s->last_end = info->cts + info->dur;
    s->samples += size / (4 * (s->nb_ch ? s->nb_ch : 1));
}

/* avgen's s16 44.1 kHz to a sink asking for flt at 48 kHz: ffres, timed in samples. */
static void
ffres_inserted_for_audio_format(void)
{
    static const GpCap caps[] = {
        GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
        GP_CAP_UINT(GP_CAPS_INPUT, GP_P_AUDIO_FORMAT, GP_AFMT_FLT),
        GP_CAP_UINT(GP_CAPS_INPUT, GP_P_SAMPLE_RATE, 48000),
    };
    GpSession *s = gp_test_session_new(0, 0);
    gp_test_load(s, gp_registry_find("avgen"), "type=a:dur=1:sr=44100:ch=2");
    GpFilter *sink = gp_test_load(s, &tf_tsink, NULL);
    gp_filter_set_caps(sink, caps, 3);
    SeenAudio seen = {0};
    TsinkCtx *k = gp_filter_priv(sink);
    k->on_packet = seen_audio;
    k->udata = &seen;
    GP_ASSERT_OK(gp_session_run(s));
    static const char *const names[] = {"avgen", "tsink", "ffres"};
    assert_chain(s, names, 3);
    GP_ASSERT_INT_EQ(seen.sr, 48000);
    GP_ASSERT_INT_EQ(seen.timescale, 48000);
    GP_ASSERT_INT_EQ(seen.afmt, GP_AFMT_FLT);
    GP_ASSERT_INT_EQ(seen.nb_ch, 2);
    GP_ASSERT(seen.contiguous);
    /* one second in, one second out (the resampler's delay is flushed at the end) */
    GP_ASSERT(seen.samples >= 47990 && seen.samples <= 48010);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* A codec without an FFmpeg decoder: ffdec refuses with an error naming it, once
 * (a codec not in ffdec's caps does not even reach it). */
static void
ffdec_unknown_codec(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *src = gp_test_load(s, &tf_tfunc, "eos=true");
    GpPid *opid = gp_filter_output(src, 0);
    set_uint(opid, GP_P_STREAM_TYPE, GP_STREAM_VISUAL);
    /* FFmpeg knows KLV metadata (so the demuxer passes its id) but cannot decode it */
    set_uint(opid, GP_P_CODECID, GP_4CC('F', 'F', 'I', 'D'));
    GpPropValue id = gp_pv_uint(AV_CODEC_ID_SMPTE_KLV);
    GP_ASSERT_OK(gp_pid_set_prop(opid, 0, "ffmpeg:codec_id", &id));
    GpFilter *sink = gp_test_load(s, &tf_tsink, NULL);
    gp_filter_set_caps(sink, raw_video_caps, 2);
    /* the first error is the run's result; the last one reported is the unlinked PID
     * (ffdec is not inserted again: that would loop) */
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_NOT_SUPPORTED);
    GP_ASSERT_INT_EQ(gp_session_nb_unlinked(s), 1);
    GP_ASSERT_INT_EQ(((TsinkCtx *)gp_filter_priv(sink))->nb_pck, 0);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(ffdec_inserted_for_raw_sink), GP_CASE(ffsws_inserted_for_pixfmt),
             GP_CASE(ffsws_inserted_for_raw_source), GP_CASE(ffres_inserted_for_audio_format),
             GP_CASE(ffdec_unknown_codec))
