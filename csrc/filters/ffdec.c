/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffdec: FFmpeg video and audio decoder, one compressed input PID to one raw output PID
 * (a new instance per further input). Video frames are decoded straight into the memory
 * of output packets (ffdec_frame.c); audio frames are copied in the engine's layout.
 * Timing: cts = dts = the frame's best-effort timestamp, in the input timescale.
 * Not here: subtitles, hardware decoding, GPAC's ffcmap and lowres options. */
#include <string.h>

#include <libavutil/channel_layout.h>
#include <libavutil/mathematics.h>

#include "ffdec.h"

/* reordered_opaque bits: what an input packet's flags give the frames it produces */
#define FFDEC_OPQ_SEEK 1

/* Consecutive receive errors after which draining gives up. */
#define FFDEC_MAX_DRAIN_ERRORS 64

GpErr
ffdec_fail(GpFilter *f, GpErr code, const char *fmt, const char *a, const char *b)
{
    char msg[256];
    snprintf(msg, sizeof(msg), fmt, a ? a : "", b ? b : "");
    gp_session_set_error(gp_filter_session(f), code, NULL, "ffdec: %s", msg);
    return code;
}

GpErr
ffdec_set(FfdecCtx *ctx, uint32_t code, const char *name, GpPropValue v)
{
    pthread_mutex_lock(&ctx->lock);
    GpErr e = gp_pid_set_prop(ctx->opid, code, name, v.type ? &v : NULL);
    pthread_mutex_unlock(&ctx->lock);
    return e;
}

/* Records a decoding error: logged, counted, the last one kept for the final report. */
static void
ffdec_note_error(FfdecCtx *ctx, int averr, const char *when)
{
    char buf[128];
    ffg_errstr(averr, buf, sizeof(buf));
    ctx->nb_errors++;
    snprintf(ctx->last_error, sizeof(ctx->last_error), "%s", buf);
    GP_LOG(CODEC, WARNING, "ffdec: %s error while %s (packet skipped): %s", ctx->codec_name,
           when, buf);
}

/* ---- decoder setup ---- */

/* A CodecID the engine has no name for: its 4CC when printable, else its number. */
static void
ffdec_codec_text(uint32_t codecid, char *buf, size_t size)
{
    char cc[5] = {0};
    bool printable = true;
    for (int i = 0; i < 4; i++) {
        cc[i] = (char)((codecid >> (24 - 8 * i)) & 0xff);
        printable &= cc[i] >= 0x20 && cc[i] < 0x7f;
    }
    if (printable)
        snprintf(buf, size, "'%s'", cc);
    else
        snprintf(buf, size, "0x%08X", codecid);
}

static const AVCodec *
ffdec_find_codec(GpPid *ipid, uint32_t codecid, enum AVCodecID *id)
{
    *id = ffg_codec_from_gp(codecid);
    const GpPropValue *v = gp_pid_get_prop(ipid, 0, "ffmpeg:codec_id");
    if (*id == AV_CODEC_ID_NONE && v && v->type == GP_PROP_UINT)
        *id = (enum AVCodecID)v->value.uint;
    return *id != AV_CODEC_ID_NONE ? avcodec_find_decoder(*id) : NULL;
}

static GpErr
ffdec_set_extradata(AVCodecContext *dec, GpPid *ipid)
{
    const GpPropValue *v = gp_pid_get_prop(ipid, GP_P_DECODER_CONFIG, NULL);
    if (!v || v->type != GP_PROP_DATA || !v->value.data.size)
        return GP_OK;
    dec->extradata = av_mallocz((size_t)v->value.data.size + AV_INPUT_BUFFER_PADDING_SIZE);
    if (!dec->extradata)
        return GP_OUT_OF_MEM;
    memcpy(dec->extradata, v->value.data.ptr, v->value.data.size);
    dec->extradata_size = (int)v->value.data.size;
    return GP_OK;
}

static void
ffdec_set_stream_params(FfdecCtx *ctx, AVCodecContext *dec, GpPid *ipid)
{
    dec->pkt_timebase = (AVRational){1, (int)ctx->timescale};
    if (ctx->is_video) {
        dec->width = (int)gp_pid_get_uint(ipid, GP_P_WIDTH, 0);
        dec->height = (int)gp_pid_get_uint(ipid, GP_P_HEIGHT, 0);
        /* what the demuxer announced; rawvideo needs it */
        uint32_t pf = gp_pid_get_uint(ipid, GP_P_PIXFMT, 0);
        if (pf)
            dec->pix_fmt = ffg_pixfmt_from_gp(pf);
        return;
    }
    dec->sample_rate = (int)gp_pid_get_uint(ipid, GP_P_SAMPLE_RATE, 0);
    uint32_t nb_ch = gp_pid_get_uint(ipid, GP_P_NUM_CHANNELS, 0);
    const GpPropValue *lay = gp_pid_get_prop(ipid, GP_P_CHANNEL_LAYOUT, NULL);
    uint64_t mask = lay && lay->type == GP_PROP_LUINT ? lay->value.luint : 0;
    if (mask && (!nb_ch || (uint32_t)__builtin_popcountll(mask) == nb_ch))
        av_channel_layout_from_mask(&dec->ch_layout, mask);
    else if (nb_ch)
        av_channel_layout_default(&dec->ch_layout, (int)nb_ch);
    dec->bits_per_coded_sample = (int)gp_pid_get_uint(ipid, GP_4CC('A', 'B', 'P', 'S'), 0);
}

static void
ffdec_close(FfdecCtx *ctx)
{
    /* frees the frames the decoder still holds: their packets are unreferenced */
    avcodec_free_context(&ctx->dec);
    ctx->direct_ok = false;
}

/* Opens the decoder of the input PID's codec; the error names the codec. */
static GpErr
ffdec_open(GpFilter *f, FfdecCtx *ctx, GpPid *ipid)
{
    uint32_t codecid = gp_pid_get_uint(ipid, GP_P_CODECID, 0);
    enum AVCodecID id;
    const AVCodec *codec = ffdec_find_codec(ipid, codecid, &id);
    char cname[32];
    if (id != AV_CODEC_ID_NONE)
        snprintf(cname, sizeof(cname), "%s", avcodec_get_name(id));
    else if (codecid != GP_CODEC_RAW && !strcmp(gp_codec_name(codecid), "raw"))
        ffdec_codec_text(codecid, cname, sizeof(cname)); /* not in the engine's table */
    else
        snprintf(cname, sizeof(cname), "%s", gp_codec_name(codecid));
    snprintf(ctx->codec_name, sizeof(ctx->codec_name), "%s", codec ? codec->name : cname);
    if (!codec)
        return ffdec_fail(f, GP_NOT_SUPPORTED, "no FFmpeg decoder for codec %s%s", cname,
                          NULL);
    AVCodecContext *dec = avcodec_alloc_context3(codec);
    if (!dec)
        return GP_OUT_OF_MEM;
    ctx->dec = dec;
    dec->opaque = ctx;
    ffdec_set_stream_params(ctx, dec, ipid);
    if (ffdec_set_extradata(dec, ipid) != GP_OK) {
        ffdec_close(ctx);
        return GP_OUT_OF_MEM;
    }
    dec->thread_count = (int)ctx->threads;
    dec->thread_type = ctx->thread_type == FFDEC_THREAD_FRAME   ? FF_THREAD_FRAME
                       : ctx->thread_type == FFDEC_THREAD_SLICE ? FF_THREAD_SLICE
                                                                : FF_THREAD_FRAME | FF_THREAD_SLICE;
    if (ctx->is_video && ctx->direct && (codec->capabilities & AV_CODEC_CAP_DR1)) {
        dec->get_buffer2 = ffdec_get_buffer2;
        ctx->direct_ok = true;
#if FF_API_THREAD_SAFE_CALLBACKS
        /* deprecated: lavc 59 still warns when it is not set; ours takes ctx->lock */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        dec->thread_safe_callbacks = 1;
#pragma GCC diagnostic pop
#endif
    }
    int ret = avcodec_open2(dec, codec, NULL);
    if (ret < 0) {
        char buf[128];
        ffdec_close(ctx);
        return ffdec_fail(f, ffg_err(ret) < 0 ? ffg_err(ret) : GP_NOT_SUPPORTED,
                          "cannot open the FFmpeg decoder %s: %s", ctx->codec_name,
                          ffg_errstr(ret, buf, sizeof(buf)));
    }
    GP_LOG(CODEC, INFO, "ffdec: %s opened (%d threads, direct rendering %s)", ctx->codec_name,
           dec->thread_count, ctx->direct_ok ? "on" : "off");
    return GP_OK;
}

/* Same codec and decoder configuration: the running decoder can go on. */
static bool
ffdec_same_config(FfdecCtx *ctx, GpPid *ipid)
{
    const GpPropValue *v = gp_pid_get_prop(ipid, GP_P_DECODER_CONFIG, NULL);
    uint32_t size = v && v->type == GP_PROP_DATA ? v->value.data.size : 0;
    if (gp_pid_get_uint(ipid, GP_P_CODECID, 0) != ctx->codecid ||
        (uint32_t)ctx->dec->extradata_size != size)
        return false;
    return !size || !memcmp(ctx->dec->extradata, v->value.data.ptr, size);
}

/* ---- output PID ---- */

/* Raw properties known before the first frame; frames complete them (ffdec_frame.c). */
static GpErr
ffdec_declare(FfdecCtx *ctx, GpPid *ipid)
{
    pthread_mutex_lock(&ctx->lock);
    GpErr e = gp_pid_copy_props(ctx->opid, ipid);
    pthread_mutex_unlock(&ctx->lock);
    static const char *const drop[] = {"ffmpeg:codec_id", "DecoderConfig", "ProfileLevel",
                                       "Unframed", "UnframedAU", "Bitrate", "Maxrate",
                                       "DBSize", "ISOMSubtype", "MaxFrameSize"};
    for (size_t i = 0; !e && i < sizeof(drop) / sizeof(drop[0]); i++) {
        const GpPropInfo *info = gp_props_find(drop[i]);
        pthread_mutex_lock(&ctx->lock);
        e = gp_pid_set_prop(ctx->opid, info ? info->code : 0, info ? NULL : drop[i], NULL);
        pthread_mutex_unlock(&ctx->lock);
    }
    e = e ? e : ffdec_set(ctx, GP_P_CODECID, NULL, gp_pv_uint(GP_CODEC_RAW));
    memset(&ctx->out, 0, sizeof(ctx->out));
    if (e || !ctx->is_video) {
        uint32_t afmt = ctx->is_video ? 0 : ffg_sample_fmt_to_gp(ctx->dec->sample_fmt);
        if (!e && afmt)
            e = ffdec_set(ctx, GP_P_AUDIO_FORMAT, NULL, gp_pv_uint(afmt));
        return e;
    }
    /* a pixel format the decoder already knows, else the one the demuxer announced */
    uint32_t pf = ffg_pixfmt_to_gp(ctx->dec->pix_fmt);
    if (!e && pf)
        e = ffdec_set(ctx, GP_P_PIXFMT, NULL, gp_pv_uint(pf));
    if (!e && !gp_pid_get_prop(ipid, GP_P_FPS, NULL) && ctx->dec->framerate.num > 0)
        e = ffdec_set(ctx, GP_P_FPS, NULL,
                      gp_pv_frac(ctx->dec->framerate.num, (uint32_t)ctx->dec->framerate.den));
    return e;
}

/* ---- decoding ---- */

static GpErr
ffdec_output(GpFilter *f, FfdecCtx *ctx, AVFrame *frame)
{
    int64_t ts = frame->best_effort_timestamp;
    if (ts == AV_NOPTS_VALUE || ts < 0)
        ts = (int64_t)ctx->next_cts;
    uint32_t dur = ctx->last_dur;
    if (frame->pkt_duration > 0 && frame->pkt_duration <= UINT32_MAX)
        dur = (uint32_t)frame->pkt_duration;
    else if (!ctx->is_video && frame->sample_rate > 0) /* audio: from the sample count */
        dur = (uint32_t)av_rescale(frame->nb_samples, ctx->timescale, frame->sample_rate);
    FfdecTiming t = {
        .cts = (uint64_t)ts,
        .dur = dur,
        .seek = (frame->reordered_opaque & FFDEC_OPQ_SEEK) != 0,
        .corrupted = (frame->flags & AV_FRAME_FLAG_CORRUPT) || frame->decode_error_flags,
    };
    ctx->last_dur = dur;
    ctx->next_cts = (uint64_t)ts + dur;
    GpErr e = ctx->is_video ? ffdec_output_video(f, ctx, frame, &t)
                            : ffdec_output_audio(f, ctx, frame, &t);
    if (e == GP_OK)
        ctx->nb_frames++;
    return e;
}

/* Outputs every frame the decoder has ready. */
static GpErr
ffdec_receive(GpFilter *f, FfdecCtx *ctx, bool draining)
{
    uint32_t nb_err = 0;
    for (;;) {
        int ret = avcodec_receive_frame(ctx->dec, ctx->frame);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return GP_OK;
        if (ret < 0) {
            ffdec_note_error(ctx, ret, "decoding");
            /* frame threads report one error per frame: collect the others at EOS */
            if (!draining || ++nb_err > FFDEC_MAX_DRAIN_ERRORS)
                return GP_OK;
            continue;
        }
        nb_err = 0;
        GpErr e = ffdec_output(f, ctx, ctx->frame);
        av_frame_unref(ctx->frame);
        if (e)
            return e;
    }
}

static GpErr
ffdec_send(GpFilter *f, FfdecCtx *ctx, GpPacket *pck)
{
    uint32_t size = 0;
    const uint8_t *data = gp_packet_data(pck, &size);
    const GpPacketInfo *info = gp_packet_info_const(pck);
    if (!size || !data) /* an empty packet would mean "flush" to FFmpeg */
        return GP_OK;
    av_packet_unref(ctx->pkt);
    if (av_new_packet(ctx->pkt, (int)size) < 0) /* zeroed padding FFmpeg needs */
        return GP_OUT_OF_MEM;
    memcpy(ctx->pkt->data, data, size);
    ctx->pkt->pts = info->cts != GP_NO_TS ? (int64_t)info->cts : AV_NOPTS_VALUE;
    ctx->pkt->dts = info->dts != GP_NO_TS ? (int64_t)info->dts : AV_NOPTS_VALUE;
    ctx->pkt->duration = info->dur;
    if (info->sap)
        ctx->pkt->flags |= AV_PKT_FLAG_KEY;
    ctx->dec->reordered_opaque = info->seek ? FFDEC_OPQ_SEEK : 0;
    int ret = avcodec_send_packet(ctx->dec, ctx->pkt);
    if (ret == AVERROR(EAGAIN)) { /* output first, then the packet goes in */
        GpErr e = ffdec_receive(f, ctx, false);
        if (e)
            return e;
        ret = avcodec_send_packet(ctx->dec, ctx->pkt);
    }
    if (ret < 0 && ret != AVERROR_EOF)
        ffdec_note_error(ctx, ret, "reading a packet");
    return ffdec_receive(f, ctx, false);
}

/* Outputs the frames still inside the decoder, which then needs a flush to go on. */
static GpErr
ffdec_flush_out(GpFilter *f, FfdecCtx *ctx)
{
    if (!ctx->dec)
        return GP_OK;
    avcodec_send_packet(ctx->dec, NULL);
    return ffdec_receive(f, ctx, true);
}

/* End of input: drain the decoder, then EOS. Nothing decoded from a stream that gave
 * errors is a failure, not an empty output. */
static GpErr
ffdec_drain(GpFilter *f, FfdecCtx *ctx)
{
    GpErr e = ffdec_flush_out(f, ctx);
    gp_pid_set_eos(ctx->opid);
    ctx->eos_sent = true;
    GP_LOG(CODEC, INFO, "ffdec: %s: %llu frames (%llu decoded in place), %llu errors",
           ctx->codec_name, (unsigned long long)ctx->nb_frames,
           (unsigned long long)ctx->nb_in_place, (unsigned long long)ctx->nb_errors);
    if (!e && !ctx->nb_frames && ctx->nb_errors)
        e = ffdec_fail(f, GP_NON_COMPLIANT_BITSTREAM, "no frame decoded by %s: %s",
                       ctx->codec_name, ctx->last_error);
    return e;
}

/* ---- callbacks ---- */

static GpErr
ffdec_initialize(GpFilter *f)
{
    FfdecCtx *ctx = gp_filter_priv(f);
    if (pthread_mutex_init(&ctx->lock, NULL))
        return GP_OUT_OF_MEM;
    ctx->lock_ready = true;
    ctx->pkt = av_packet_alloc();
    ctx->frame = av_frame_alloc();
    return ctx->pkt && ctx->frame ? GP_OK : GP_OUT_OF_MEM;
}

static GpErr
ffdec_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    FfdecCtx *ctx = gp_filter_priv(f);
    if (is_remove) {
        if (ipid == ctx->ipid) {
            ffdec_close(ctx);
            if (ctx->opid)
                gp_pid_remove(ctx->opid);
            ctx->ipid = ctx->opid = NULL;
        }
        return GP_OK;
    }
    if (ctx->ipid && ctx->ipid != ipid)
        return GP_REQUIRES_NEW_INSTANCE;
    uint32_t st = gp_pid_get_uint(ipid, GP_P_STREAM_TYPE, 0);
    if (st != GP_STREAM_VISUAL && st != GP_STREAM_AUDIO)
        return GP_NOT_SUPPORTED;
    if (ctx->dec && (!ffdec_same_config(ctx, ipid) || (st == GP_STREAM_VISUAL) != ctx->is_video)) {
        /* new codec or configuration: the frames in flight go out first */
        if (ctx->opid && !ctx->eos_sent)
            ffdec_flush_out(f, ctx);
        ffdec_close(ctx);
    }
    ctx->is_video = st == GP_STREAM_VISUAL;
    ctx->timescale = gp_pid_get_uint(ipid, GP_P_TIMESCALE, 1000);
    if (!ctx->timescale)
        ctx->timescale = 1000;
    if (!ctx->dec) {
        ctx->codecid = gp_pid_get_uint(ipid, GP_P_CODECID, 0);
        GpErr e = ffdec_open(f, ctx, ipid);
        if (e)
            return e;
    }
    if (!ctx->opid && !(ctx->opid = gp_pid_new(f)))
        return GP_OUT_OF_MEM;
    ctx->ipid = ipid;
    return ffdec_declare(ctx, ipid);
}

static GpErr
ffdec_process(GpFilter *f)
{
    FfdecCtx *ctx = gp_filter_priv(f);
    if (!ctx->ipid || !ctx->opid)
        return GP_OK;
    while (!gp_pid_would_block(ctx->opid)) {
        GpPacket *pck = gp_pid_get_packet(ctx->ipid);
        if (!pck) {
            if (gp_pid_is_eos(ctx->ipid) && !ctx->eos_sent)
                return ffdec_drain(f, ctx);
            return GP_OK;
        }
        if (ctx->eos_sent && ctx->dec) { /* data again after EOS (a new PLAY) */
            avcodec_flush_buffers(ctx->dec);
            ctx->eos_sent = false;
        }
        GpErr e = ctx->dec ? ffdec_send(f, ctx, pck) : GP_OK;
        gp_pid_drop_packet(ctx->ipid);
        if (e)
            return e;
    }
    return GP_OK;
}

static bool
ffdec_process_event(GpFilter *f, const GpEvent *evt)
{
    FfdecCtx *ctx = gp_filter_priv(f);
    /* STOP or a new PLAY (seek): frames of the old position must not come out */
    if ((evt->base.type == GP_FEVT_STOP || evt->base.type == GP_FEVT_PLAY) && ctx->dec) {
        avcodec_flush_buffers(ctx->dec);
        ctx->eos_sent = false;
    }
    return false;
}

static void
ffdec_finalize(GpFilter *f)
{
    FfdecCtx *ctx = gp_filter_priv(f);
    ffdec_close(ctx);
    av_packet_free(&ctx->pkt);
    av_frame_free(&ctx->frame);
    ffdec_frame_cleanup(ctx);
    if (ctx->lock_ready)
        pthread_mutex_destroy(&ctx->lock);
    ctx->lock_ready = false;
}

static const GpArg ffdec_args[] = {
    GP_ARG(FfdecCtx, threads, GP_PROP_UINT, "0", NULL,
           "decoding threads (0: as many as FFmpeg picks for the machine)"),
    GP_ARG(FfdecCtx, thread_type, GP_PROP_UINT, "all", "all|frame|slice",
           "threading kind: all (frame and slice), frame or slice"),
    GP_ARGF(FfdecCtx, direct, GP_PROP_BOOL, "true", NULL,
            "decode video straight into output packets (no copy per frame) when the codec "
            "allows it", GP_ARG_HINT_EXPERT),
};

/* The codecs FFmpeg decodes that have an engine CodecID (API.md 3.5), and "ffmpeg"
 * (FFID: FFmpeg's own id in the "ffmpeg:codec_id" property). A list rather than "any
 * but raw", so that resolution never routes codecs FFmpeg cannot decode through us. */
#define FFDEC_CODEC(c) GP_CAP_UINT(GP_CAPS_INPUT_STATIC, GP_P_CODECID, (c))
#define FFDEC_CODEC4(a, b, c, d) FFDEC_CODEC(GP_4CC(a, b, c, d))

static const GpCap ffdec_caps[] = {
    /* video */
    FFDEC_CODEC(GP_CODEC_MPEG4_PART2), FFDEC_CODEC(GP_CODEC_AVC), FFDEC_CODEC(0x24),
    FFDEC_CODEC(GP_CODEC_HEVC), FFDEC_CODEC(GP_CODEC_AV1), FFDEC_CODEC(GP_CODEC_VP8),
    FFDEC_CODEC(GP_CODEC_VP9), FFDEC_CODEC(0x60), FFDEC_CODEC(0x61), FFDEC_CODEC(0x62),
    FFDEC_CODEC(0x63), FFDEC_CODEC(0x64), FFDEC_CODEC(0x65), FFDEC_CODEC(GP_CODEC_MPEG1),
    FFDEC_CODEC4('s', '2', '6', '3'), FFDEC_CODEC4('h', '2', '6', '3'),
    FFDEC_CODEC(GP_CODEC_JPEG), FFDEC_CODEC(GP_CODEC_PNG), FFDEC_CODEC4('j', 'p', '2', 'k'),
    FFDEC_CODEC4('a', 'p', 'c', 'h'), FFDEC_CODEC4('a', 'p', 'c', 'o'),
    FFDEC_CODEC4('a', 'p', 'c', 'n'), FFDEC_CODEC4('a', 'p', 'c', 's'),
    FFDEC_CODEC4('a', 'p', '4', 'x'), FFDEC_CODEC4('a', 'p', '4', 'h'),
    FFDEC_CODEC4('v', 'c', '-', '1'), FFDEC_CODEC4('d', 'r', 'a', 'c'),
    FFDEC_CODEC4('f', 'f', 'v', '1'), FFDEC_CODEC4('D', 'N', 'x', 'H'),
    FFDEC_CODEC4('D', 'I', 'V', '3'), FFDEC_CODEC4('t', 'h', 'e', 'u'),
    /* audio */
    FFDEC_CODEC(GP_CODEC_AAC_MPEG4), FFDEC_CODEC(0x66), FFDEC_CODEC(0x67), FFDEC_CODEC(0x68),
    FFDEC_CODEC(GP_CODEC_MP3), FFDEC_CODEC(0x69), FFDEC_CODEC4('m', 'p', 'a', '1'),
    FFDEC_CODEC(GP_CODEC_AC3), FFDEC_CODEC4('e', 'c', '-', '3'), FFDEC_CODEC4('m', 'l', 'p', 'a'),
    FFDEC_CODEC(GP_CODEC_OPUS), FFDEC_CODEC4('v', 'o', 'r', 'b'), FFDEC_CODEC(GP_CODEC_FLAC),
    FFDEC_CODEC4('s', 'p', 'e', 'x'), FFDEC_CODEC4('s', 'a', 'm', 'r'),
    FFDEC_CODEC4('s', 'a', 'w', 'b'), FFDEC_CODEC4('s', 'q', 'c', 'p'),
    FFDEC_CODEC4('d', 't', 's', 'c'), FFDEC_CODEC4('d', 't', 's', 'h'),
    FFDEC_CODEC4('d', 't', 's', 'l'), FFDEC_CODEC4('d', 't', 's', 'e'),
    FFDEC_CODEC4('d', 't', 's', 'x'), FFDEC_CODEC4('A', 'L', 'A', 'C'),
    FFDEC_CODEC4('A', 'L', 'A', 'W'), FFDEC_CODEC4('M', 'L', 'A', 'W'),
    FFDEC_CODEC4('A', 'P', 'C', 'M'),
    FFDEC_CODEC4('F', 'F', 'I', 'D'),
    GP_CAP_UINT(GP_CAPS_OUTPUT_STATIC, GP_P_CODECID, GP_CODEC_RAW),
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_END_BUNDLE,
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
};

const GpFilterClass gp_filter_ffdec = {
    .name = "ffdec",
    .help = GP_HELP("Decode video and audio with FFmpeg's decoders. The output PID is raw "
                    "(CodecID raw) with Width, Height, PixelFormat, Stride, StrideUV, FPS "
                    "and SAR (video) or SampleRate, NumChannels, ChannelLayout, AudioFormat "
                    "and SamplesPerFrame (audio); each packet is one frame, cts = dts = its "
                    "best-effort timestamp in the input timescale. Video is decoded straight "
                    "into packet memory: planes back to back, lines padded to FFmpeg's "
                    "alignment (Stride/StrideUV tell the padding). Inserted by graph "
                    "resolution when a destination wants raw media.\n"
                    "Example: gpac -i video.mp4 ffdec inspect:deep"),
    .priv_size = sizeof(FfdecCtx),
    GP_ARGS(ffdec_args),
    GP_CAPS(ffdec_caps),
    .initialize = ffdec_initialize,
    .configure_pid = ffdec_configure_pid,
    .process = ffdec_process,
    .process_event = ffdec_process_event,
    .finalize = ffdec_finalize,
};
