/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffres: convert raw audio (sample rate, sample format, channel layout) with
 * libswresample. The output comes from the options, else from what the destination's
 * caps ask for (gp_pid_caps_query: graph resolution inserts ffres when a sink wants
 * another AudioFormat, SampleRate or channel count), else from the input. The output
 * timescale is the output sample rate; a PID that needs no change is forwarded.
 * Not here: GPAC resample's olayout names, dithering and mixing options. */
#include <string.h>

#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>

#include "ffmpeg_glue.h"
#include "filters.h"

/* BPS: bits per sample (not among gp_props.h's codes). */
#define FFRES_P_BPS GP_4CC('A', 'B', 'P', 'S')

/* One side of the conversion. */
typedef struct FfresFormat {
    uint32_t sr, nb_ch, afmt; /* afmt: engine value */
    enum AVSampleFormat av;
    AVChannelLayout layout;
    uint32_t bps; /* bytes per sample */
    bool planar;
} FfresFormat;

typedef struct FfresCtx {
    /* options */
    uint32_t sr;
    char *afmt;
    uint32_t ch;

    /* state */
    GpPid *ipid, *opid;
    FfresFormat in, out;
    bool passthrough;
    SwrContext *swr;
    uint32_t dest_afmt, dest_sr, dest_ch; /* what the destination's caps ask for */
    uint64_t out_pos;    /* next output timestamp, in output samples */
    bool have_pos;
    bool flushed;        /* resampler drained and EOS set */
} FfresCtx;

static GpErr
ffres_fail(GpFilter *f, GpErr code, const char *fmt, const char *arg)
{
    char msg[256];
    snprintf(msg, sizeof(msg), fmt, arg ? arg : "");
    gp_session_set_error(gp_filter_session(f), code, NULL, "ffres: %s", msg);
    return code;
}

static GpErr
ffres_set(GpPid *opid, uint32_t code, GpPropValue v)
{
    return gp_pid_set_prop(opid, code, NULL, &v);
}

/* Fills the derived fields; false for a format libswresample has no name for. */
static bool
ffres_complete(FfresFormat *fmt, uint64_t mask)
{
    fmt->av = ffg_sample_fmt_from_gp(fmt->afmt);
    if (fmt->av == AV_SAMPLE_FMT_NONE || !fmt->sr || !fmt->nb_ch)
        return false;
    fmt->bps = (uint32_t)av_get_bytes_per_sample(fmt->av);
    fmt->planar = av_sample_fmt_is_planar(fmt->av) != 0;
    av_channel_layout_uninit(&fmt->layout);
    if (mask && (uint32_t)__builtin_popcountll(mask) == fmt->nb_ch)
        av_channel_layout_from_mask(&fmt->layout, mask);
    else
        av_channel_layout_default(&fmt->layout, (int)fmt->nb_ch);
    return fmt->bps != 0;
}

static GpErr
ffres_setup(GpFilter *f, FfresCtx *ctx, GpPid *ipid)
{
    FfresFormat *in = &ctx->in, *out = &ctx->out;
    in->sr = gp_pid_get_uint(ipid, GP_P_SAMPLE_RATE, 0);
    in->nb_ch = gp_pid_get_uint(ipid, GP_P_NUM_CHANNELS, 0);
    in->afmt = gp_pid_get_uint(ipid, GP_P_AUDIO_FORMAT, 0);
    const GpPropValue *lay = gp_pid_get_prop(ipid, GP_P_CHANNEL_LAYOUT, NULL);
    uint64_t in_mask = lay && lay->type == GP_PROP_LUINT ? lay->value.luint : 0;
    if (!ffres_complete(in, in_mask))
        return ffres_fail(f, GP_NOT_SUPPORTED, "cannot read audio format %s",
                          gp_audio_fmt_long_name(in->afmt));
    out->afmt = 0;
    if (ctx->afmt && *ctx->afmt && gp_audio_fmt_parse(ctx->afmt, &out->afmt) != GP_OK)
        return ffres_fail(f, GP_BAD_PARAM, "unknown audio format '%s'", ctx->afmt);
    if (!out->afmt && !(out->afmt = ctx->dest_afmt))
        out->afmt = in->afmt;
    if (!(out->sr = ctx->sr) && !(out->sr = ctx->dest_sr))
        out->sr = in->sr;
    if (!(out->nb_ch = ctx->ch) && !(out->nb_ch = ctx->dest_ch))
        out->nb_ch = in->nb_ch;
    if (!ffres_complete(out, out->nb_ch == in->nb_ch ? in_mask : 0))
        return ffres_fail(f, GP_NOT_SUPPORTED, "cannot produce audio format %s",
                          gp_audio_fmt_long_name(out->afmt));
    ctx->passthrough = out->afmt == in->afmt && out->sr == in->sr && out->nb_ch == in->nb_ch;
    if (ctx->passthrough)
        return GP_OK;
    uint64_t mask = out->layout.order == AV_CHANNEL_ORDER_NATIVE ? out->layout.u.mask : 0;
    GpErr e = ffres_set(ctx->opid, GP_P_AUDIO_FORMAT, gp_pv_uint(out->afmt));
    e = e ? e : ffres_set(ctx->opid, GP_P_SAMPLE_RATE, gp_pv_uint(out->sr));
    e = e ? e : ffres_set(ctx->opid, GP_P_NUM_CHANNELS, gp_pv_uint(out->nb_ch));
    e = e ? e : ffres_set(ctx->opid, GP_P_TIMESCALE, gp_pv_uint(out->sr));
    e = e ? e : ffres_set(ctx->opid, GP_P_CHANNEL_LAYOUT, gp_pv_luint(mask));
    e = e ? e : ffres_set(ctx->opid, FFRES_P_BPS, gp_pv_uint(8 * out->bps));
    /* frames of the input's length would no longer hold at another rate */
    if (!e && out->sr != in->sr)
        e = gp_pid_set_prop(ctx->opid, GP_P_SAMPLES_PER_FRAME, NULL, NULL);
    if (e)
        return e;
    swr_free(&ctx->swr);
    int ret = swr_alloc_set_opts2(&ctx->swr, &out->layout, out->av, (int)out->sr, &in->layout,
                                  in->av, (int)in->sr, 0, NULL);
    if (ret >= 0)
        ret = swr_init(ctx->swr);
    if (ret < 0) {
        char buf[128];
        return ffres_fail(f, GP_NOT_SUPPORTED, "libswresample refused the conversion: %s",
                          ffg_errstr(ret, buf, sizeof(buf)));
    }
    ctx->have_pos = false;
    return GP_OK;
}

/* Converts nb_in samples (NULL: flush) into one output packet. */
static GpErr
ffres_convert(FfresCtx *ctx, const uint8_t *in_data, int nb_in, const GpPacket *src)
{
    const FfresFormat *in = &ctx->in, *out = &ctx->out;
    const uint8_t *in_planes[64] = {NULL};
    for (uint32_t c = 0; in_data && c < (in->planar ? in->nb_ch : 1) && c < 64; c++)
        in_planes[c] = in_data + (size_t)c * (size_t)nb_in * in->bps;
    int max_out = swr_get_out_samples(ctx->swr, nb_in);
    if (max_out <= 0)
        return GP_OK;
    size_t plane = (size_t)max_out * out->bps * (out->planar ? 1 : out->nb_ch);
    size_t total = plane * (out->planar ? out->nb_ch : 1);
    uint8_t *data = NULL, *out_planes[64] = {NULL};
    if (total > UINT32_MAX)
        return GP_OUT_OF_MEM;
    GpPacket *pck = gp_packet_new_alloc(ctx->opid, (uint32_t)total, &data);
    if (!pck)
        return GP_OUT_OF_MEM;
    for (uint32_t c = 0; c < (out->planar ? out->nb_ch : 1) && c < 64; c++)
        out_planes[c] = data + (size_t)c * plane;
    int n = swr_convert(ctx->swr, out_planes, max_out, in_data ? in_planes : NULL, nb_in);
    if (n <= 0) {
        gp_packet_discard(pck);
        return n < 0 ? GP_NON_COMPLIANT_BITSTREAM : GP_OK;
    }
    /* planar: planes were laid out for max_out samples; close the gaps */
    size_t used = (size_t)n * out->bps;
    for (uint32_t c = 1; out->planar && c < out->nb_ch; c++)
        memmove(data + c * used, out_planes[c], used);
    gp_packet_truncate(pck, (uint32_t)(used * out->nb_ch));
    if (src)
        gp_packet_copy_props(pck, src);
    GpPacketInfo *info = gp_packet_info(pck);
    info->dts = info->cts = ctx->out_pos;
    info->dur = (uint32_t)n;
    info->sap = 1;
    ctx->out_pos += (uint64_t)n;
    return gp_packet_send(pck);
}

static GpErr
ffres_packet(GpFilter *f, FfresCtx *ctx, GpPacket *pck)
{
    if (ctx->passthrough)
        return gp_packet_forward(pck, ctx->opid);
    uint32_t size = 0;
    const uint8_t *data = gp_packet_data(pck, &size);
    uint32_t frame_bytes = ctx->in.bps * ctx->in.nb_ch;
    if (!data || !size)
        return GP_OK;
    if (size % frame_bytes)
        return ffres_fail(f, GP_NON_COMPLIANT_BITSTREAM,
                          "packet size is not a whole number of samples%s", NULL);
    const GpPacketInfo *info = gp_packet_info_const(pck);
    uint32_t ts = gp_packet_timescale(pck);
    if (!ctx->have_pos && info->cts != GP_NO_TS && ts) {
        /* first output timestamp: the first input one, in output samples */
        ctx->out_pos = (uint64_t)((__uint128_t)info->cts * ctx->out.sr / ts);
    }
    ctx->have_pos = true;
    return ffres_convert(ctx, data, (int)(size / frame_bytes), pck);
}

static GpErr
ffres_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    FfresCtx *ctx = gp_filter_priv(f);
    bool done;
    GpErr e = filters_converter_configure(f, ipid, is_remove, GP_STREAM_AUDIO, &ctx->ipid,
                                          &ctx->opid, &done);
    if (e != GP_OK || done)
        return e;
    /* asked before the input's properties are copied over the output's: once linked,
     * the destination's answer depends on the output's current properties */
    filters_wanted_uint(ctx->opid, GP_P_AUDIO_FORMAT, &ctx->dest_afmt);
    filters_wanted_uint(ctx->opid, GP_P_SAMPLE_RATE, &ctx->dest_sr);
    filters_wanted_uint(ctx->opid, GP_P_NUM_CHANNELS, &ctx->dest_ch);
    e = gp_pid_copy_props(ctx->opid, ipid);
    return e ? e : ffres_setup(f, ctx, ipid);
}

static GpErr
ffres_process(GpFilter *f)
{
    FfresCtx *ctx = gp_filter_priv(f);
    if (!ctx->ipid || !ctx->opid)
        return GP_OK;
    while (!gp_pid_would_block(ctx->opid)) {
        GpPacket *pck = gp_pid_get_packet(ctx->ipid);
        if (!pck) {
            if (!gp_pid_is_eos(ctx->ipid) || ctx->flushed)
                return GP_OK;
            GpErr e = ctx->swr && !ctx->passthrough ? ffres_convert(ctx, NULL, 0, NULL) : GP_OK;
            gp_pid_set_eos(ctx->opid);
            ctx->flushed = true;
            return e;
        }
        ctx->flushed = false;
        GpErr e = ffres_packet(f, ctx, pck);
        gp_pid_drop_packet(ctx->ipid);
        if (e)
            return e;
    }
    return GP_OK;
}

static void
ffres_finalize(GpFilter *f)
{
    FfresCtx *ctx = gp_filter_priv(f);
    swr_free(&ctx->swr);
    av_channel_layout_uninit(&ctx->in.layout);
    av_channel_layout_uninit(&ctx->out.layout);
}

static const GpArg ffres_args[] = {
    GP_ARG(FfresCtx, sr, GP_PROP_UINT, "0", NULL,
           "output sample rate (0: what the destination asks for, else the input's)"),
    GP_ARG(FfresCtx, afmt, GP_PROP_STRING, NULL, NULL,
           "output sample format (s16, s32, flt, fltp...; default: what the destination "
           "asks for, else the input's)"),
    GP_ARG(FfresCtx, ch, GP_PROP_UINT, "0", NULL,
           "output channel count, FFmpeg's default layout for it (0: from the destination, "
           "else the input's)"),
};

static const GpCap ffres_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_CODECID, GP_CODEC_RAW),
    /* any format out: resolution reaches a sink asking for one through us */
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_AUDIO_FORMAT, 0),
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_SAMPLE_RATE, 0),
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_NUM_CHANNELS, 0),
};

const GpFilterClass gp_filter_ffres = {
    .name = "ffres",
    .help = GP_HELP("Convert raw audio with libswresample: sample rate, sample format and "
                    "channel count. The output comes from the options, else from the "
                    "destination's caps (graph resolution inserts ffres when a sink asks for "
                    "another AudioFormat, SampleRate or NumChannels), else from the input; "
                    "the output timescale is the output sample rate. Packets that need no "
                    "change are forwarded.\n"
                    "Example: gpac -i audio.mp4 ffdec ffres:sr=48000:afmt=s16 inspect"),
    .priv_size = sizeof(FfresCtx),
    GP_ARGS(ffres_args),
    GP_CAPS(ffres_caps),
    .configure_pid = ffres_configure_pid,
    .process = ffres_process,
    .finalize = ffres_finalize,
};
