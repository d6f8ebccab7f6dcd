/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffenc: FFmpeg video and audio encoder. One raw input PID (Visual or Audio), one coded
 * output PID with the encoder's CodecID and DecoderConfig (global headers). The codec
 * comes from the c option, else from what the destination asks for (gp_pid_caps_query:
 * a muxer inserted after us), else AVC or AAC. Frames are built from the input packets
 * by ffenc_frame.c, which converts pixel/sample format, rate and layout when the encoder
 * needs it. Not here: two-pass, hardware encoders, AVOptions beyond the listed ones. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>

#include "gp/gp.h"
#include "filters.h"
#include "ffenc.h"

#define FFENC_P_DELAY GP_4CC('M', 'D', 'L', 'Y')
#define FFENC_P_BITRATE GP_4CC('R', 'A', 'T', 'E')
#define FFENC_DEFAULT_FPS 25
#define FFENC_COUNT(t) (uint32_t)(sizeof(t) / sizeof((t)[0]))
#define FFENC_CODEC_VORBIS GP_4CC('v', 'o', 'r', 'b')
#define FFENC_CODEC_MP2 0x69

/* Short names (case-insensitive, '|'-separated) and the FFmpeg encoders tried for them,
 * in order: the external libraries first (FFmpeg's own Opus and Vorbis encoders are
 * experimental). */
static const struct {
    const char *names;
    const char *encoders;
} ffenc_aliases[] = {
    {"avc|h264|264|x264", "libx264"},
    {"hevc|h265|265|hvc|x265", "libx265"},
    {"vp8", "libvpx"},
    {"vp9", "libvpx-vp9"},
    {"av1", "libaom-av1|libsvtav1"},
    {"aac", "aac"},
    {"opus", "libopus|opus"},
    {"mp3", "libmp3lame|libshine"},
    {"vorbis|vorb", "libvorbis|vorbis"},
};

GpErr
ffenc_fail(GpFilter *f, int averr, const char *what)
{
    char buf[AV_ERROR_MAX_STRING_SIZE];
    GpErr e = averr ? ffg_err(averr) : GP_NOT_SUPPORTED;
    if (e >= 0)
        e = GP_SERVICE_ERROR;
    gp_session_set_error(gp_filter_session(f), e, NULL, "ffenc: %s%s%s", what,
                         averr ? ": " : "", averr ? ffg_errstr(averr, buf, sizeof(buf)) : "");
    return e;
}

static bool
ffenc_name_in(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; p;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && !strncasecmp(p, name, n))
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* The first encoder of "a|b" that this FFmpeg has. */
static const AVCodec *
ffenc_find_listed(const char *encoders)
{
    char name[64];
    for (const char *p = encoders; p;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        snprintf(name, sizeof(name), "%.*s", (int)len, p);
        const AVCodec *c = avcodec_find_encoder_by_name(name);
        if (c)
            return c;
        p = end ? end + 1 : NULL;
    }
    return NULL;
}

/* c option value: a short name, an FFmpeg encoder name, or an engine codec name. */
static const AVCodec *
ffenc_find_encoder(const char *name)
{
    for (size_t i = 0; i < sizeof(ffenc_aliases) / sizeof(ffenc_aliases[0]); i++)
        if (ffenc_name_in(ffenc_aliases[i].names, name))
            return ffenc_find_listed(ffenc_aliases[i].encoders);
    const AVCodec *c = avcodec_find_encoder_by_name(name);
    uint32_t codecid;
    if (!c && gp_codec_parse(name, &codecid) == GP_OK && codecid != GP_CODEC_RAW) {
        enum AVCodecID id = ffg_codec_from_gp(codecid);
        c = id != AV_CODEC_ID_NONE ? avcodec_find_encoder(id) : NULL;
    }
    return c;
}

/* Without c: the codec the destination asks for, else AVC / AAC. */
static const AVCodec *
ffenc_default_encoder(FfencCtx *ctx, bool audio)
{
    const GpPropValue *want = gp_pid_caps_query(ctx->opid, GP_P_CODECID, NULL);
    if (want && want->value.uint != GP_CODEC_RAW) {
        const char *name = gp_codec_name(want->value.uint);
        const AVCodec *c = name ? ffenc_find_encoder(name) : NULL;
        if (c)
            return c;
    }
    return ffenc_find_encoder(audio ? "aac" : "avc");
}

/* ---- choosing the encoder's formats ---- */

static enum AVPixelFormat
ffenc_pick_pix_fmt(const AVCodec *c, enum AVPixelFormat in, enum AVPixelFormat forced)
{
    const enum AVPixelFormat *l = c->pix_fmts;
    bool has_420 = false;
    if (!l)
        return forced != AV_PIX_FMT_NONE ? forced : in;
    for (const enum AVPixelFormat *p = l; *p != AV_PIX_FMT_NONE; p++) {
        if (*p == (forced != AV_PIX_FMT_NONE ? forced : in))
            return *p;
        has_420 |= *p == AV_PIX_FMT_YUV420P;
    }
    if (forced != AV_PIX_FMT_NONE)
        return AV_PIX_FMT_NONE;
    /* a conversion is needed anyway: the most widely decodable format when offered */
    return has_420 ? AV_PIX_FMT_YUV420P : avcodec_find_best_pix_fmt_of_list(l, in, 0, NULL);
}

static enum AVSampleFormat
ffenc_pick_sample_fmt(const AVCodec *c, enum AVSampleFormat in)
{
    if (!c->sample_fmts)
        return in;
    for (const enum AVSampleFormat *p = c->sample_fmts; *p != AV_SAMPLE_FMT_NONE; p++)
        if (*p == in)
            return in;
    return c->sample_fmts[0];
}

/* The input rate when supported, else the smallest higher one, else the highest. */
static int
ffenc_pick_rate(const AVCodec *c, int in)
{
    int best_up = 0, best_down = 0;
    if (!c->supported_samplerates)
        return in;
    for (const int *p = c->supported_samplerates; *p; p++) {
        if (*p == in)
            return in;
        if (*p > in && (!best_up || *p < best_up))
            best_up = *p;
        if (*p < in && *p > best_down)
            best_down = *p;
    }
    return best_up ? best_up : best_down;
}

static int
ffenc_pick_layout(const AVCodec *c, const AVChannelLayout *in, AVChannelLayout *out)
{
    const AVChannelLayout *same_count = NULL;
    if (!c->ch_layouts)
        return av_channel_layout_copy(out, in);
    for (const AVChannelLayout *p = c->ch_layouts; p->nb_channels; p++) {
        if (!av_channel_layout_compare(p, in))
            return av_channel_layout_copy(out, p);
        if (!same_count && p->nb_channels == in->nb_channels)
            same_count = p;
    }
    return av_channel_layout_copy(out, same_count ? same_count : &c->ch_layouts[0]);
}

/* ---- input description ---- */

/* Reads what the encoder needs; false while the PID lacks it (a decoder announces its
 * format once it has decoded a frame: the encoder opens at that reconfiguration). */
static bool
ffenc_read_input(GpPid *ipid, FfencInput *in)
{
    uint32_t st = gp_pid_get_uint(ipid, GP_P_STREAM_TYPE, 0);
    memset(in, 0, sizeof(*in));
    const GpPropValue *delay = gp_pid_get_prop(ipid, FFENC_P_DELAY, NULL);
    in->audio = st == GP_STREAM_AUDIO;
    in->timescale = gp_pid_get_uint(ipid, GP_P_TIMESCALE, 0);
    in->delay = delay && delay->type == GP_PROP_LSINT ? delay->value.lsint : 0;
    if (in->audio) {
        uint32_t afmt = gp_pid_get_uint(ipid, GP_P_AUDIO_FORMAT, 0);
        const GpPropValue *lay = gp_pid_get_prop(ipid, GP_P_CHANNEL_LAYOUT, NULL);
        in->sample_rate = gp_pid_get_uint(ipid, GP_P_SAMPLE_RATE, 0);
        in->channels = gp_pid_get_uint(ipid, GP_P_NUM_CHANNELS, 0);
        in->sample_fmt = ffg_sample_fmt_from_gp(afmt);
        in->layout_mask = lay && lay->type == GP_PROP_LUINT ? lay->value.luint : 0;
        if (!in->timescale)
            in->timescale = in->sample_rate;
        return in->sample_rate && in->channels && in->sample_fmt != AV_SAMPLE_FMT_NONE;
    }
    uint32_t pfmt = gp_pid_get_uint(ipid, GP_P_PIXFMT, 0);
    const GpPropValue *fps = gp_pid_get_prop(ipid, GP_P_FPS, NULL);
    const GpPropValue *sar = gp_pid_get_prop(ipid, GP_P_SAR, NULL);
    in->width = gp_pid_get_uint(ipid, GP_P_WIDTH, 0);
    in->height = gp_pid_get_uint(ipid, GP_P_HEIGHT, 0);
    in->pix_fmt = ffg_pixfmt_from_gp(pfmt);
    gp_pixfmt_frame_size(pfmt, in->width, in->height, &in->stride, &in->stride_uv);
    in->stride = gp_pid_get_uint(ipid, GP_P_STRIDE, in->stride);
    in->stride_uv = gp_pid_get_uint(ipid, GP_P_STRIDE_UV, in->stride_uv);
    if (fps && fps->type == GP_PROP_FRACTION && fps->value.frac.num > 0 && fps->value.frac.den)
        in->fps = fps->value.frac;
    else
        in->fps = (GpFrac){FFENC_DEFAULT_FPS, 1};
    if (sar && sar->type == GP_PROP_FRACTION && sar->value.frac.num > 0)
        in->sar = sar->value.frac;
    if (!in->timescale)
        in->timescale = (uint32_t)in->fps.num;
    return in->width && in->height && in->pix_fmt != AV_PIX_FMT_NONE && in->stride;
}

/* Same encoder parameters (strides and timing aside)? */
static bool
ffenc_same_input(const FfencInput *a, const FfencInput *b)
{
    if (a->audio != b->audio)
        return false;
    if (a->audio)
        return a->sample_rate == b->sample_rate && a->channels == b->channels &&
               a->sample_fmt == b->sample_fmt && a->layout_mask == b->layout_mask;
    return a->width == b->width && a->height == b->height && a->pix_fmt == b->pix_fmt;
}

/* ---- opening the encoder ---- */

static GpErr
ffenc_set(GpPid *opid, uint32_t code, GpPropValue v)
{
    return gp_pid_set_prop(opid, code, NULL, &v);
}

static GpErr
ffenc_setup_video(GpFilter *f, FfencCtx *ctx, AVCodecContext *enc)
{
    enum AVPixelFormat forced = AV_PIX_FMT_NONE;
    uint32_t pf;
    if (ctx->pfmt && *ctx->pfmt) {
        if (gp_pixfmt_parse(ctx->pfmt, &pf) != GP_OK ||
            (forced = ffg_pixfmt_from_gp(pf)) == AV_PIX_FMT_NONE)
            forced = av_get_pix_fmt(ctx->pfmt);
        if (forced == AV_PIX_FMT_NONE)
            return ffenc_fail(f, 0, "unknown pixel format in pfmt");
    }
    enc->pix_fmt = ffenc_pick_pix_fmt(ctx->codec, ctx->in.pix_fmt, forced);
    if (enc->pix_fmt == AV_PIX_FMT_NONE)
        return ffenc_fail(f, 0, "the encoder does not take the pixel format given by pfmt");
    enc->width = (int)ctx->in.width;
    enc->height = (int)ctx->in.height;
    enc->time_base = (AVRational){1, (int)ctx->in.timescale};
    enc->framerate = (AVRational){ctx->in.fps.num, (int)ctx->in.fps.den};
    if (ctx->in.sar.num > 0 && ctx->in.sar.den)
        enc->sample_aspect_ratio = (AVRational){ctx->in.sar.num, (int)ctx->in.sar.den};
    if (ctx->g)
        enc->gop_size = (int)ctx->g;
    return GP_OK;
}

static GpErr
ffenc_setup_audio(GpFilter *f, FfencCtx *ctx, AVCodecContext *enc)
{
    AVChannelLayout in_layout = {0};
    int ret = ctx->in.layout_mask
                  ? av_channel_layout_from_mask(&in_layout, ctx->in.layout_mask)
                  : 0;
    if (!ctx->in.layout_mask || ret < 0 || in_layout.nb_channels != (int)ctx->in.channels)
        av_channel_layout_default(&in_layout, (int)ctx->in.channels);
    ret = ffenc_pick_layout(ctx->codec, &in_layout, &enc->ch_layout);
    av_channel_layout_uninit(&in_layout);
    if (ret < 0)
        return ffenc_fail(f, ret, "no channel layout");
    enc->sample_fmt = ffenc_pick_sample_fmt(ctx->codec, ctx->in.sample_fmt);
    enc->sample_rate = ffenc_pick_rate(ctx->codec, (int)ctx->in.sample_rate);
    enc->time_base = (AVRational){1, enc->sample_rate};
    return GP_OK;
}

static void
ffenc_close(FfencCtx *ctx)
{
    ffenc_frame_reset(ctx);
    avcodec_free_context(&ctx->enc);
    ctx->pts_init = ctx->has_first_in = ctx->flushing = false;
}

static GpErr
ffenc_open(GpFilter *f, FfencCtx *ctx)
{
    char what[160];
    GpErr e;
    AVCodecContext *enc = avcodec_alloc_context3(ctx->codec);
    if (!enc)
        return GP_OUT_OF_MEM;
    ctx->enc = enc;
    e = ctx->in.audio ? ffenc_setup_audio(f, ctx, enc) : ffenc_setup_video(f, ctx, enc);
    if (e)
        return e;
    if (ctx->b)
        enc->bit_rate = ctx->b;
    enc->thread_count = (int)ctx->threads;
    /* extradata out of band: it becomes DecoderConfig; TS muxing re-inserts it */
    enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (ctx->codec->capabilities & AV_CODEC_CAP_EXPERIMENTAL)
        enc->strict_std_compliance = FF_COMPLIANCE_EXPERIMENTAL;
    if (ctx->preset && *ctx->preset &&
        av_opt_set(enc->priv_data, "preset", ctx->preset, 0) < 0) {
        snprintf(what, sizeof(what), "encoder %s has no preset '%s'", ctx->codec->name,
                 ctx->preset);
        return ffenc_fail(f, 0, what);
    }
    int ret = avcodec_open2(enc, ctx->codec, NULL);
    if (ret < 0) {
        snprintf(what, sizeof(what), "cannot open encoder %s", ctx->codec->name);
        return ffenc_fail(f, ret, what);
    }
    return ffenc_frame_setup(f, ctx);
}

/* Delay of the output: the input's (in the encoder's time base) less our shift. */
static GpErr
ffenc_set_delay(FfencCtx *ctx)
{
    int64_t d = ctx->in.delay;
    if (d && ctx->in.audio && ctx->in.timescale)
        d = av_rescale(d, ctx->enc->sample_rate, ctx->in.timescale);
    d -= ctx->shift;
    GpPropValue v = gp_pv_lsint(d);
    return gp_pid_set_prop(ctx->opid, FFENC_P_DELAY, NULL, d ? &v : NULL);
}

/* Output PID: the input's properties, less the raw layout ones, plus the codec's. */
static GpErr
ffenc_output_props(FfencCtx *ctx)
{
    AVCodecContext *enc = ctx->enc;
    GpPid *o = ctx->opid;
    uint32_t codecid = ffg_codec_to_gp(ctx->codec->id);
    static const uint32_t raw_only[] = {GP_P_PIXFMT,        GP_P_STRIDE, GP_P_STRIDE_UV,
                                        GP_P_AUDIO_FORMAT, FFENC_P_DELAY};
    GpErr e = gp_pid_copy_props(o, ctx->ipid);
    for (size_t i = 0; !e && i < sizeof(raw_only) / sizeof(raw_only[0]); i++)
        e = gp_pid_set_prop(o, raw_only[i], NULL, NULL);
    e = e ? e : ffenc_set(o, GP_P_CODECID, gp_pv_uint(codecid));
    if (!e && codecid == GP_4CC('F', 'F', 'I', 'D')) {
        GpPropValue id = gp_pv_uint((uint32_t)ctx->codec->id);
        e = gp_pid_set_prop(o, 0, "ffmpeg:codec_id", &id);
    }
    if (!e && enc->extradata_size > 0)
        e = ffenc_set(o, GP_P_DECODER_CONFIG,
                      gp_pv_data(enc->extradata, (uint32_t)enc->extradata_size));
    else if (!e)
        e = gp_pid_set_prop(o, GP_P_DECODER_CONFIG, NULL, NULL);
    if (!e && enc->bit_rate > 0)
        e = ffenc_set(o, FFENC_P_BITRATE, gp_pv_uint((uint32_t)enc->bit_rate));
    e = e ? e : ffenc_set_delay(ctx);
    if (e || !ctx->in.audio)
        return e;
    e = ffenc_set(o, GP_P_TIMESCALE, gp_pv_uint((uint32_t)enc->sample_rate));
    e = e ? e : ffenc_set(o, GP_P_SAMPLE_RATE, gp_pv_uint((uint32_t)enc->sample_rate));
    e = e ? e : ffenc_set(o, GP_P_NUM_CHANNELS, gp_pv_uint((uint32_t)enc->ch_layout.nb_channels));
    if (!e && enc->ch_layout.order == AV_CHANNEL_ORDER_NATIVE)
        e = ffenc_set(o, GP_P_CHANNEL_LAYOUT, gp_pv_luint(enc->ch_layout.u.mask));
    if (!e && enc->frame_size > 0)
        e = ffenc_set(o, GP_P_SAMPLES_PER_FRAME, gp_pv_uint((uint32_t)enc->frame_size));
    return e;
}

/* ---- packets out ---- */

static GpErr
ffenc_send_packet(GpFilter *f, FfencCtx *ctx, AVPacket *pkt)
{
    size_t sd_size = 0;
    uint8_t *sd = av_packet_get_side_data(pkt, AV_PKT_DATA_NEW_EXTRADATA, &sd_size);
    if (sd && sd_size)
        ffenc_set(ctx->opid, GP_P_DECODER_CONFIG, gp_pv_data(sd, (uint32_t)sd_size));
    int64_t pts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
    int64_t dts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pts;
    if (pts == AV_NOPTS_VALUE)
        return ffenc_fail(f, 0, "the encoder gave a packet without timestamps");
    if (!ctx->started) {
        /* the first dts decides the shift for the whole stream */
        int64_t ref = ctx->has_first_in && ctx->first_in_ts > 0 ? ctx->first_in_ts : 0;
        ctx->shift = dts < ref ? ref - dts : 0;
        if (ctx->shift)
            ffenc_set_delay(ctx);
        ctx->started = true;
    }
    uint8_t *data = NULL;
    GpPacket *out = gp_packet_new_alloc(ctx->opid, (uint32_t)pkt->size, &data);
    if (!out)
        return GP_OUT_OF_MEM;
    if (pkt->size)
        memcpy(data, pkt->data, (size_t)pkt->size);
    GpPacketInfo *info = gp_packet_info(out);
    info->dts = dts + ctx->shift > 0 ? (uint64_t)(dts + ctx->shift) : 0;
    info->cts = pts + ctx->shift > 0 ? (uint64_t)(pts + ctx->shift) : 0;
    if (pkt->duration > 0)
        info->dur = (uint32_t)pkt->duration;
    else if (!ctx->in.audio)
        info->dur = (uint32_t)av_rescale(ctx->in.timescale, ctx->in.fps.den, ctx->in.fps.num);
    info->sap = (pkt->flags & AV_PKT_FLAG_KEY) ? 1 : 0;
    return gp_packet_send(out);
}

GpErr
ffenc_drain(GpFilter *f, FfencCtx *ctx)
{
    for (;;) {
        int ret = avcodec_receive_packet(ctx->enc, ctx->pkt);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return GP_OK;
        if (ret < 0)
            return ffenc_fail(f, ret, "encoding failed");
        GpErr e = ffenc_send_packet(f, ctx, ctx->pkt);
        av_packet_unref(ctx->pkt);
        if (e)
            return e;
    }
}

/* ---- callbacks ---- */

/* With c given, only the stream type of that encoder connects (so that c=avc takes the
 * video and leaves the audio to another encoder). */
static const GpCap ffenc_caps_video[] = {
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_CODECID, GP_CODEC_RAW),
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_CODECID, GP_CODEC_RAW),
};
static const GpCap ffenc_caps_audio[] = {
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_CODECID, GP_CODEC_RAW),
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_CODECID, GP_CODEC_RAW),
};

static GpErr
ffenc_initialize(GpFilter *f)
{
    FfencCtx *ctx = gp_filter_priv(f);
    if (ctx->c && *ctx->c && !(ctx->codec = ffenc_find_encoder(ctx->c))) {
        gp_session_set_error(gp_filter_session(f), GP_NOT_SUPPORTED, NULL,
                             "ffenc: no encoder for '%s' in this FFmpeg (ffmpeg -encoders "
                             "lists them)", ctx->c);
        return GP_NOT_SUPPORTED;
    }
    if (ctx->codec && ctx->codec->type == AVMEDIA_TYPE_VIDEO)
        gp_filter_set_caps(f, ffenc_caps_video, FFENC_COUNT(ffenc_caps_video));
    else if (ctx->codec && ctx->codec->type == AVMEDIA_TYPE_AUDIO)
        gp_filter_set_caps(f, ffenc_caps_audio, FFENC_COUNT(ffenc_caps_audio));
    ctx->frame = av_frame_alloc();
    ctx->pkt = av_packet_alloc();
    return ctx->frame && ctx->pkt ? GP_OK : GP_OUT_OF_MEM;
}

/* The encoder, chosen once: the c option, else what the destination asks for; it
 * must take the stream's media type. */
static GpErr
ffenc_choose(GpFilter *f, FfencCtx *ctx, bool audio)
{
    char what[128];
    if (!ctx->codec)
        ctx->codec = ffenc_default_encoder(ctx, audio);
    if (!ctx->codec)
        return ffenc_fail(f, 0, "no encoder available for this stream");
    enum AVMediaType want = audio ? AVMEDIA_TYPE_AUDIO : AVMEDIA_TYPE_VIDEO;
    if (ctx->codec->type == want)
        return GP_OK;
    snprintf(what, sizeof(what), "encoder %s cannot encode %s", ctx->codec->name,
             audio ? "audio" : "video");
    return ffenc_fail(f, 0, what);
}

/* Output PID before the input format is known: the codec only, so that the PID links
 * and PLAY comes back (a decoder describes its output once it has decoded a frame). */
static GpErr
ffenc_announce(FfencCtx *ctx)
{
    GpErr e = gp_pid_copy_props(ctx->opid, ctx->ipid);
    e = e ? e : gp_pid_set_prop(ctx->opid, GP_P_PIXFMT, NULL, NULL);
    e = e ? e : gp_pid_set_prop(ctx->opid, GP_P_AUDIO_FORMAT, NULL, NULL);
    return e ? e : ffenc_set(ctx->opid, GP_P_CODECID, gp_pv_uint(ffg_codec_to_gp(ctx->codec->id)));
}

/* Flushes what the old encoder holds, then opens one for the new input. */
static GpErr
ffenc_reopen(GpFilter *f, FfencCtx *ctx, const FfencInput *in)
{
    GpErr e = GP_OK;
    if (ctx->enc && !ctx->flushing)
        e = ffenc_frame_flush(f, ctx);
    ffenc_close(ctx);
    if (e)
        return e;
    ctx->in = *in;
    e = ffenc_open(f, ctx);
    return e ? e : ffenc_output_props(ctx);
}

static GpErr
ffenc_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    FfencCtx *ctx = gp_filter_priv(f);
    FfencInput in;
    if (is_remove) {
        if (ipid == ctx->ipid && ctx->opid)
            gp_pid_remove(ctx->opid);
        if (ipid == ctx->ipid)
            ctx->ipid = ctx->opid = NULL;
        return GP_OK;
    }
    if (ctx->ipid && ctx->ipid != ipid)
        return GP_REQUIRES_NEW_INSTANCE;
    bool ready = ffenc_read_input(ipid, &in);
    bool first = !ctx->opid;
    ctx->ipid = ipid;
    if (first && !(ctx->opid = gp_pid_new(f)))
        return GP_OUT_OF_MEM;
    if (first && gp_pid_name(ipid))
        gp_pid_set_name(ctx->opid, gp_pid_name(ipid));
    GpErr e = ffenc_choose(f, ctx, in.audio);
    if (!e && ctx->enc && ffenc_same_input(&ctx->in, &in)) {
        ctx->in.stride = in.stride;
        ctx->in.stride_uv = in.stride_uv;
        return GP_OK;
    }
    if (!e)
        e = ready ? ffenc_reopen(f, ctx, &in) : ffenc_announce(ctx);
    if (e && !ctx->started) {
        /* refused before anything went out: no output PID left behind */
        gp_pid_remove(ctx->opid);
        ctx->opid = NULL;
        ctx->ipid = NULL;
    }
    return e;
}

/* A packet came and the PID still does not say what it holds. */
static GpErr
ffenc_no_format(GpFilter *f, FfencCtx *ctx)
{
    bool audio = gp_pid_get_uint(ctx->ipid, GP_P_STREAM_TYPE, 0) == GP_STREAM_AUDIO;
    gp_session_set_error(gp_filter_session(f), GP_NOT_SUPPORTED, NULL,
                         "ffenc: PID %s is not raw %s this encoder can read (%s)",
                         gp_pid_name(ctx->ipid), audio ? "audio" : "video",
                         audio ? "needs SampleRate, NumChannels and a known AudioFormat"
                               : "needs Width, Height and a known PixelFormat");
    return GP_NOT_SUPPORTED;
}

static GpErr
ffenc_process(GpFilter *f)
{
    FfencCtx *ctx = gp_filter_priv(f);
    if (!ctx->ipid || !ctx->opid)
        return GP_OK;
    while (!gp_pid_would_block(ctx->opid)) {
        GpPacket *pck = gp_pid_get_packet(ctx->ipid);
        if (!pck)
            break;
        GpErr e = ctx->enc ? GP_OK : ffenc_no_format(f, ctx);
        if (!e && !ctx->eos_sent)
            e = ffenc_frame_send(f, ctx, pck);
        gp_pid_drop_packet(ctx->ipid);
        if (e)
            return e;
    }
    if (ctx->eos_sent || !gp_pid_is_eos(ctx->ipid))
        return GP_OK;
    GpErr e = ctx->enc && !ctx->flushing ? ffenc_frame_flush(f, ctx) : GP_OK;
    gp_pid_set_eos(ctx->opid);
    ctx->eos_sent = true;
    return e ? e : GP_EOS;
}

static bool
ffenc_process_event(GpFilter *f, const GpEvent *evt)
{
    FfencCtx *ctx = gp_filter_priv(f);
    /* a new PLAY after the end (a seek): the next input starts a fresh stream */
    if (evt->base.type == GP_FEVT_PLAY && ctx->eos_sent && ctx->enc) {
        FfencInput in = ctx->in;
        ctx->eos_sent = false;
        ctx->started = false;
        if (ffenc_reopen(f, ctx, &in) != GP_OK)
            GP_LOG(CODEC, WARNING, "ffenc: cannot restart the encoder after a new PLAY");
    }
    return false;
}

static void
ffenc_finalize(GpFilter *f)
{
    FfencCtx *ctx = gp_filter_priv(f);
    ffenc_close(ctx);
    av_frame_free(&ctx->frame);
    av_packet_free(&ctx->pkt);
}

static const GpArg ffenc_args[] = {
    GP_ARG(FfencCtx, c, GP_PROP_STRING, NULL, NULL,
           "codec: avc/h264/264, hevc/h265, vp8, vp9, av1, aac, opus, mp3, vorbis, or any "
           "FFmpeg encoder name (ffmpeg -encoders); default: what the destination asks for, "
           "else avc or aac"),
    GP_ARG(FfencCtx, b, GP_PROP_UINT, "0", NULL,
           "target bitrate in bits per second (units k, m: b=1m); 0: the encoder's default"),
    GP_ARG(FfencCtx, g, GP_PROP_UINT, "0", NULL,
           "GOP size: frames between key frames; 0: the encoder's default"),
    GP_ARG(FfencCtx, preset, GP_PROP_STRING, NULL, NULL,
           "encoder preset (libx264/libx265: ultrafast ... veryslow)"),
    GP_ARG(FfencCtx, threads, GP_PROP_UINT, "0", NULL,
           "encoder threads; 0: FFmpeg's automatic choice"),
    GP_ARGF(FfencCtx, pfmt, GP_PROP_STRING, NULL, NULL,
            "pixel format to encode (engine or FFmpeg name); default: the input's when the "
            "encoder takes it, else yuv420", GP_ARG_HINT_ADVANCED),
};

/* The codecs listed are those resolution may ask for (an encoder is inserted only for a
 * destination taking one of them); c= reaches any FFmpeg encoder. */
static const GpCap ffenc_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT_STATIC, GP_P_CODECID, GP_CODEC_RAW),
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_AVC),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_HEVC),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_VP9),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_VP8),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_AV1),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_MPEG4_PART2),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_MPEG2_MAIN),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_MPEG1),
    GP_CAP_END_BUNDLE,
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_AAC_MPEG4),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_MP3),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_OPUS),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_AC3),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, FFENC_CODEC_VORBIS),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, GP_CODEC_FLAC),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_CODECID, FFENC_CODEC_MP2),
};

const GpFilterClass gp_filter_ffenc = {
    .name = "ffenc",
    .help = GP_HELP("Encode raw video or audio with FFmpeg (libx264, libx265, libvpx, aac, "
                    "libopus, ...). The output PID carries the encoder's CodecID and its "
                    "global header as DecoderConfig; timestamps keep the input timescale "
                    "(audio: the encoded sample rate), with a negative Delay when the "
                    "encoder's first dts precedes its first pts. Pixel and sample formats, "
                    "sample rate and channel layout are converted when the encoder needs "
                    "it. Loaded by resolution in front of a muxer, or explicitly as ffenc, "
                    "enc:c=NAME or c=NAME.\n"
                    "Example: gpac -i avgen:dur=2 c=avc:b=1m:preset=ultrafast -o out.mp4"),
    .priv_size = sizeof(FfencCtx),
    GP_ARGS(ffenc_args),
    GP_CAPS(ffenc_caps),
    .initialize = ffenc_initialize,
    .configure_pid = ffenc_configure_pid,
    .process = ffenc_process,
    .process_event = ffenc_process_event,
    .finalize = ffenc_finalize,
};
