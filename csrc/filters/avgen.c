/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* avgen: test source without inputs. A raw video PID (colour bars with a bar moving one
 * step per frame, so every frame differs) and a raw audio PID (a sine tone), each
 * started by its own PLAY and ended after dur. Not here: GPAC's beep/flash sync, real-
 * time pacing (lock) and NTP stamping. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gp/gp.h"
#include "filters.h"

#define AVGEN_AUDIO_FRAME 1024    /* samples per audio packet */
#define AVGEN_MAX_PER_CALL 32     /* packets per PID per process call, then yield */
#define AVGEN_MAX_DIM 16384
#define AVGEN_AFMT_U8P 13  /* GPAC values gp_props.h does not name */
#define AVGEN_AFMT_S24P 18

enum { AVGEN_TYPE_A = 0, AVGEN_TYPE_V, AVGEN_TYPE_AV };

/* One output stream. Unit: frames (video) or samples (audio). States: idle (no PLAY) ->
 * playing -> eos (dur reached or STOP); PLAY again restarts at its start_range. */
typedef struct AvgenStream {
    GpPid *opid; /* NULL when the type option leaves this stream out */
    bool playing;
    bool eos;
    uint64_t pos; /* next unit */
    uint64_t end; /* units in dur; UINT64_MAX when unlimited */
} AvgenStream;

typedef struct AvgenCtx {
    /* options */
    char *src;
    uint32_t type;
    GpFrac dur;
    GpFrac fps;
    GpVec2i sizes;
    char *pfmt;
    uint32_t sr;
    uint32_t ch;
    uint32_t freq;
    char *afmt;

    /* state */
    uint32_t pixfmt, stride, stride_uv, frame_size;
    uint32_t chroma_w, chroma_h, sample_depth; /* planes layout; depth 1 or 2 bytes */
    uint8_t *rgb_row, *row;                     /* one line of the pattern */
    uint32_t audio_fmt, sample_bytes;
    bool planar;
    AvgenStream video, audio;
} AvgenCtx;

/* 75% colour bars: white, yellow, cyan, green, magenta, red, blue, black. */
static const uint8_t avgen_bars[8][3] = {
    {191, 191, 191}, {191, 191, 0}, {0, 191, 191}, {0, 191, 0},
    {191, 0, 191},   {191, 0, 0},   {0, 0, 191},   {16, 16, 16},
};

static GpErr
avgen_fail(GpFilter *f, GpErr code, const char *what, const char *value)
{
    gp_session_set_error(gp_filter_session(f), code, NULL, "avgen: %s%s%s%s", what,
                         value ? " '" : "", value ? value : "", value ? "'" : "");
    return code;
}

/* Every line of the frame is the same: the pattern depends on x and the frame only. */
static void
avgen_pattern_row(const AvgenCtx *ctx, uint64_t frame, uint8_t *rgb)
{
    uint32_t w = (uint32_t)ctx->sizes.x;
    uint32_t bar_w = w / 16 > 2 ? w / 16 : 2;
    uint32_t step = w / 50 > 1 ? w / 50 : 1;
    uint32_t bar_x = (uint32_t)((frame * step) % w);
    for (uint32_t x = 0; x < w; x++) {
        const uint8_t *c = avgen_bars[(uint64_t)x * 8 / w];
        bool in_bar = x >= bar_x && x < bar_x + bar_w;
        for (int k = 0; k < 3; k++)
            rgb[3 * x + k] = in_bar ? 255 : c[k];
    }
}

/* BT.601 limited range. */
static void
avgen_yuv(const uint8_t *rgb, int yuv[3])
{
    int r = rgb[0], g = rgb[1], b = rgb[2];
    yuv[0] = ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
    yuv[1] = ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
    yuv[2] = ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
}

static void
avgen_put_sample8or16(uint8_t *dst, uint32_t depth, int v)
{
    if (depth == 2) {
        uint16_t v10 = (uint16_t)(v << 2); /* 10-bit samples in 16-bit words */
        memcpy(dst, &v10, 2);
    } else {
        *dst = (uint8_t)v;
    }
}

static void
avgen_fill(uint8_t *dst, uint32_t stride, uint32_t rows, const uint8_t *row, uint32_t len)
{
    for (uint32_t r = 0; r < rows; r++)
        memcpy(dst + (size_t)r * stride, row, len);
}

static bool
avgen_is_packed(uint32_t pf, uint32_t *bpp)
{
    *bpp = pf == GP_PIXFMT_RGBA || pf == GP_PIXFMT_BGRA ? 4 : 3;
    return pf == GP_PIXFMT_RGB || pf == GP_PIXFMT_BGR || pf == GP_PIXFMT_RGBA ||
           pf == GP_PIXFMT_BGRA;
}

static void
avgen_draw_packed(AvgenCtx *ctx, uint8_t *data)
{
    uint32_t w = (uint32_t)ctx->sizes.x, bpp = 3;
    avgen_is_packed(ctx->pixfmt, &bpp);
    bool bgr = ctx->pixfmt == GP_PIXFMT_BGR || ctx->pixfmt == GP_PIXFMT_BGRA;
    for (uint32_t x = 0; x < w; x++) {
        const uint8_t *c = ctx->rgb_row + 3 * x;
        uint8_t *d = ctx->row + bpp * x;
        d[0] = bgr ? c[2] : c[0];
        d[1] = c[1];
        d[2] = bgr ? c[0] : c[2];
        if (bpp == 4)
            d[3] = 255;
    }
    avgen_fill(data, ctx->stride, (uint32_t)ctx->sizes.y, ctx->row, w * bpp);
}

static void
avgen_draw_yuv(AvgenCtx *ctx, uint8_t *data)
{
    uint32_t w = (uint32_t)ctx->sizes.x, h = (uint32_t)ctx->sizes.y, d = ctx->sample_depth;
    int yuv[3];
    for (uint32_t x = 0; x < w; x++) {
        avgen_yuv(ctx->rgb_row + 3 * x, yuv);
        avgen_put_sample8or16(ctx->row + d * x, d, yuv[0]);
    }
    avgen_fill(data, ctx->stride, h, ctx->row, w * d);
    if (ctx->pixfmt == GP_PIXFMT_GREY)
        return;
    uint8_t *chroma = data + (size_t)ctx->stride * h;
    uint32_t xs = ctx->chroma_w < w ? 2 : 1;
    if (ctx->pixfmt == GP_PIXFMT_NV12) {
        for (uint32_t cx = 0; cx < ctx->chroma_w; cx++) {
            avgen_yuv(ctx->rgb_row + 3 * (cx * xs < w ? cx * xs : w - 1), yuv);
            ctx->row[2 * cx] = (uint8_t)yuv[1];
            ctx->row[2 * cx + 1] = (uint8_t)yuv[2];
        }
        avgen_fill(chroma, ctx->stride_uv, ctx->chroma_h, ctx->row, 2 * ctx->chroma_w);
        return;
    }
    for (int plane = 1; plane <= 2; plane++) {
        for (uint32_t cx = 0; cx < ctx->chroma_w; cx++) {
            avgen_yuv(ctx->rgb_row + 3 * (cx * xs < w ? cx * xs : w - 1), yuv);
            avgen_put_sample8or16(ctx->row + d * cx, d, yuv[plane]);
        }
        avgen_fill(chroma, ctx->stride_uv, ctx->chroma_h, ctx->row, ctx->chroma_w * d);
        chroma += (size_t)ctx->stride_uv * ctx->chroma_h;
    }
}

/* Checks that the pixel format is one avgen draws and that the core's layout (stride,
 * stride_uv, frame size) holds the planes avgen writes; allocates the line buffers. */
static GpErr
avgen_setup_video(GpFilter *f, AvgenCtx *ctx)
{
    if (ctx->fps.num <= 0 || !ctx->fps.den)
        return avgen_fail(f, GP_BAD_PARAM, "invalid fps (must be positive)", NULL);
    if (ctx->sizes.x <= 0 || ctx->sizes.y <= 0 || ctx->sizes.x > AVGEN_MAX_DIM ||
        ctx->sizes.y > AVGEN_MAX_DIM)
        return avgen_fail(f, GP_BAD_PARAM, "invalid sizes (1 to 16384 pixels)", NULL);
    const char *name = ctx->pfmt && *ctx->pfmt ? ctx->pfmt : "yuv420";
    if (gp_pixfmt_parse(name, &ctx->pixfmt) != GP_OK)
        return avgen_fail(f, GP_BAD_PARAM, "unknown pixel format", name);
    uint32_t w = (uint32_t)ctx->sizes.x, h = (uint32_t)ctx->sizes.y, bpp = 0;
    uint32_t pf = ctx->pixfmt;
    ctx->frame_size = gp_pixfmt_frame_size(pf, w, h, &ctx->stride, &ctx->stride_uv);
    uint64_t need = 0;
    bool ok = ctx->frame_size != 0;
    ctx->sample_depth = pf == GP_PIXFMT_YUV420_10 ? 2 : 1;
    if (avgen_is_packed(pf, &bpp)) {
        ok = ok && ctx->stride >= w * bpp;
        need = (uint64_t)ctx->stride * h;
    } else if (pf == GP_PIXFMT_GREY || pf == GP_PIXFMT_YUV420 || pf == GP_PIXFMT_YUV420_10 ||
               pf == GP_PIXFMT_YUV422 || pf == GP_PIXFMT_YUV444 || pf == GP_PIXFMT_NV12) {
        bool sub_x = pf != GP_PIXFMT_YUV444, sub_y = sub_x && pf != GP_PIXFMT_YUV422;
        ctx->chroma_w = sub_x ? (w + 1) / 2 : w;
        ctx->chroma_h = sub_y ? (h + 1) / 2 : h;
        uint32_t chroma_line = ctx->chroma_w * (pf == GP_PIXFMT_NV12 ? 2 : ctx->sample_depth);
        uint32_t nb_planes = pf == GP_PIXFMT_GREY ? 0 : pf == GP_PIXFMT_NV12 ? 1 : 2;
        ok = ok && ctx->stride >= w * ctx->sample_depth &&
             (!nb_planes || ctx->stride_uv >= chroma_line);
        need = (uint64_t)ctx->stride * h + (uint64_t)nb_planes * ctx->stride_uv * ctx->chroma_h;
    } else {
        ok = false;
    }
    if (!ok || need > ctx->frame_size)
        return avgen_fail(f, GP_NOT_SUPPORTED, "cannot generate pixel format", name);
    uint32_t line = ctx->stride > ctx->stride_uv ? ctx->stride : ctx->stride_uv;
    ctx->rgb_row = malloc((size_t)w * 3);
    ctx->row = malloc(line);
    return ctx->rgb_row && ctx->row ? GP_OK : GP_OUT_OF_MEM;
}

static GpErr
avgen_setup_audio(GpFilter *f, AvgenCtx *ctx)
{
    if (!ctx->sr)
        return avgen_fail(f, GP_BAD_PARAM, "invalid sample rate 0", NULL);
    if (!ctx->ch || ctx->ch > 64)
        return avgen_fail(f, GP_BAD_PARAM, "invalid channel count (1 to 64)", NULL);
    const char *name = ctx->afmt && *ctx->afmt ? ctx->afmt : "s16";
    if (gp_audio_fmt_parse(name, &ctx->audio_fmt) != GP_OK)
        return avgen_fail(f, GP_BAD_PARAM, "unknown audio format", name);
    ctx->sample_bytes = gp_audio_fmt_bytes(ctx->audio_fmt, &ctx->planar);
    /* little-endian integer and float formats, interleaved or planar */
    switch (ctx->audio_fmt) {
    case GP_AFMT_U8: case GP_AFMT_S16: case GP_AFMT_S24: case GP_AFMT_S32:
    case GP_AFMT_FLT: case GP_AFMT_DBL: case AVGEN_AFMT_U8P: case GP_AFMT_S16P:
    case AVGEN_AFMT_S24P: case GP_AFMT_S32P: case GP_AFMT_FLTP: case GP_AFMT_DBLP:
        if (ctx->sample_bytes)
            return GP_OK;
        break;
    default:
        break;
    }
    return avgen_fail(f, GP_NOT_SUPPORTED, "cannot generate audio format", name);
}

static void
avgen_put_audio(uint8_t *dst, uint32_t afmt, double v)
{
    int32_t i32 = (int32_t)lrint(v * 2147483647.0);
    int16_t i16 = (int16_t)lrint(v * 32767.0);
    float fl = (float)v;
    switch (afmt) {
    case GP_AFMT_U8: case AVGEN_AFMT_U8P:
        *dst = (uint8_t)lrint(128.0 + v * 127.0);
        break;
    case GP_AFMT_S16: case GP_AFMT_S16P:
        memcpy(dst, &i16, 2);
        break;
    case GP_AFMT_S24: case AVGEN_AFMT_S24P: /* the high three bytes of s32 */
        i32 >>= 8;
        memcpy(dst, &i32, 3);
        break;
    case GP_AFMT_S32: case GP_AFMT_S32P:
        memcpy(dst, &i32, 4);
        break;
    case GP_AFMT_FLT: case GP_AFMT_FLTP:
        memcpy(dst, &fl, 4);
        break;
    default: /* dbl */
        memcpy(dst, &v, 8);
        break;
    }
}

static GpErr
avgen_send_video(AvgenCtx *ctx)
{
    AvgenStream *s = &ctx->video;
    uint8_t *data = NULL;
    GpPacket *pck = gp_packet_new_alloc(s->opid, ctx->frame_size, &data);
    if (!pck)
        return GP_OUT_OF_MEM;
    avgen_pattern_row(ctx, s->pos, ctx->rgb_row);
    uint32_t bpp;
    if (avgen_is_packed(ctx->pixfmt, &bpp))
        avgen_draw_packed(ctx, data);
    else
        avgen_draw_yuv(ctx, data);
    GpPacketInfo *info = gp_packet_info(pck);
    info->dts = info->cts = s->pos * ctx->fps.den;
    info->dur = ctx->fps.den;
    info->sap = 1;
    s->pos++;
    return gp_packet_send(pck);
}

static GpErr
avgen_send_audio(AvgenCtx *ctx)
{
    AvgenStream *s = &ctx->audio;
    uint64_t left = s->end - s->pos;
    uint32_t n = left < AVGEN_AUDIO_FRAME ? (uint32_t)left : AVGEN_AUDIO_FRAME;
    uint32_t bps = ctx->sample_bytes, ch = ctx->ch;
    uint8_t *data = NULL;
    GpPacket *pck = gp_packet_new_alloc(s->opid, n * ch * bps, &data);
    if (!pck)
        return GP_OUT_OF_MEM;
    for (uint32_t i = 0; i < n; i++) {
        /* the phase in whole samples modulo sr stays exact however long the stream */
        uint64_t k = ((s->pos + i) * ctx->freq) % ctx->sr;
        double v = 0.5 * sin(2.0 * M_PI * (double)k / ctx->sr);
        for (uint32_t c = 0; c < ch; c++) {
            size_t at = ctx->planar ? (size_t)c * n + i : (size_t)i * ch + c;
            avgen_put_audio(data + at * bps, ctx->audio_fmt, v);
        }
    }
    GpPacketInfo *info = gp_packet_info(pck);
    info->dts = info->cts = s->pos;
    info->dur = n;
    info->sap = 1;
    s->pos += n;
    return gp_packet_send(pck);
}

/* Units (frames or samples) in dur at `rate` units per second, rounded up. */
static uint64_t
avgen_units(const AvgenCtx *ctx, uint64_t rate_num, uint64_t rate_den)
{
    if (ctx->dur.num <= 0 || !ctx->dur.den)
        return UINT64_MAX;
    uint64_t num = (uint64_t)ctx->dur.num * rate_num, den = (uint64_t)ctx->dur.den * rate_den;
    return (num + den - 1) / den;
}

static GpErr
avgen_set(GpPid *opid, uint32_t code, GpPropValue v)
{
    return gp_pid_set_prop(opid, code, NULL, &v);
}

static GpErr
avgen_declare(GpFilter *f, AvgenCtx *ctx, AvgenStream *s, bool video)
{
    s->opid = gp_pid_new(f);
    if (!s->opid)
        return GP_OUT_OF_MEM;
    GpPid *o = s->opid;
    GpErr e = gp_pid_set_name(o, video ? "video" : "audio");
    e = e ? e : avgen_set(o, GP_P_ID, gp_pv_uint(video ? 1 : 2));
    e = e ? e : avgen_set(o, GP_P_STREAM_TYPE, gp_pv_uint(video ? GP_STREAM_VISUAL
                                                                : GP_STREAM_AUDIO));
    e = e ? e : avgen_set(o, GP_P_CODECID, gp_pv_uint(GP_CODEC_RAW));
    if (!e && ctx->dur.num > 0 && ctx->dur.den)
        e = avgen_set(o, GP_P_DURATION, gp_pv_frac64(ctx->dur.num, ctx->dur.den));
    if (e)
        return e;
    if (!video) {
        GpPropValue afmt = {.type = GP_PROP_PCMFMT, .value = {.uint = ctx->audio_fmt}};
        s->end = avgen_units(ctx, ctx->sr, 1);
        e = avgen_set(o, GP_P_TIMESCALE, gp_pv_uint(ctx->sr));
        e = e ? e : avgen_set(o, GP_P_SAMPLE_RATE, gp_pv_uint(ctx->sr));
        e = e ? e : avgen_set(o, GP_P_NUM_CHANNELS, gp_pv_uint(ctx->ch));
        e = e ? e : avgen_set(o, GP_P_SAMPLES_PER_FRAME, gp_pv_uint(AVGEN_AUDIO_FRAME));
        return e ? e : avgen_set(o, GP_P_AUDIO_FORMAT, afmt);
    }
    GpPropValue pfmt = {.type = GP_PROP_PIXFMT, .value = {.uint = ctx->pixfmt}};
    s->end = avgen_units(ctx, (uint64_t)ctx->fps.num, ctx->fps.den);
    e = avgen_set(o, GP_P_TIMESCALE, gp_pv_uint((uint32_t)ctx->fps.num));
    e = e ? e : avgen_set(o, GP_P_FPS, gp_pv_frac(ctx->fps.num, ctx->fps.den));
    e = e ? e : avgen_set(o, GP_P_WIDTH, gp_pv_uint((uint32_t)ctx->sizes.x));
    e = e ? e : avgen_set(o, GP_P_HEIGHT, gp_pv_uint((uint32_t)ctx->sizes.y));
    e = e ? e : avgen_set(o, GP_P_PIXFMT, pfmt);
    e = e ? e : avgen_set(o, GP_P_STRIDE, gp_pv_uint(ctx->stride));
    if (!e && ctx->stride_uv)
        e = avgen_set(o, GP_P_STRIDE_UV, gp_pv_uint(ctx->stride_uv));
    return e;
}

static GpErr
avgen_initialize(GpFilter *f)
{
    AvgenCtx *ctx = gp_filter_priv(f);
    bool want_v = ctx->type != AVGEN_TYPE_A, want_a = ctx->type != AVGEN_TYPE_V;
    if (ctx->dur.num < 0)
        return avgen_fail(f, GP_BAD_PARAM, "negative dur", NULL);
    GpErr e = want_v ? avgen_setup_video(f, ctx) : GP_OK;
    if (!e && want_a)
        e = avgen_setup_audio(f, ctx);
    if (!e && want_v)
        e = avgen_declare(f, ctx, &ctx->video, true);
    if (!e && want_a)
        e = avgen_declare(f, ctx, &ctx->audio, false);
    return e;
}

static GpErr
avgen_process(GpFilter *f)
{
    AvgenCtx *ctx = gp_filter_priv(f);
    AvgenStream *streams[2] = {&ctx->video, &ctx->audio};
    bool all_eos = true;
    for (int k = 0; k < 2; k++) {
        AvgenStream *s = streams[k];
        if (!s->opid || s->eos)
            continue;
        int n = 0;
        while (s->playing && s->pos < s->end && n < AVGEN_MAX_PER_CALL &&
               !gp_pid_would_block(s->opid)) {
            GpErr e = k == 0 ? avgen_send_video(ctx) : avgen_send_audio(ctx);
            if (e)
                return e;
            n++;
        }
        if (s->pos >= s->end) {
            gp_pid_set_eos(s->opid);
            s->eos = true;
        } else if (n == AVGEN_MAX_PER_CALL) {
            gp_filter_post_process(f);
        }
        all_eos = all_eos && s->eos;
    }
    return all_eos ? GP_EOS : GP_OK;
}

static bool
avgen_process_event(GpFilter *f, const GpEvent *evt)
{
    AvgenCtx *ctx = gp_filter_priv(f);
    AvgenStream *s = NULL;
    if (evt->base.on_pid && evt->base.on_pid == ctx->video.opid)
        s = &ctx->video;
    else if (evt->base.on_pid && evt->base.on_pid == ctx->audio.opid)
        s = &ctx->audio;
    if (!s)
        return false;
    if (evt->base.type == GP_FEVT_PLAY) {
        double rate = s == &ctx->video ? (double)ctx->fps.num / ctx->fps.den : ctx->sr;
        double start = evt->play.start_range > 0 ? evt->play.start_range * rate : 0;
        s->pos = start < (double)s->end ? (uint64_t)start : s->end;
        if (s->eos)
            gp_pid_clear_eos(s->opid);
        s->eos = false;
        s->playing = true;
        gp_filter_post_process(f);
        return true;
    }
    if (evt->base.type == GP_FEVT_STOP) {
        s->playing = false;
        if (!s->eos)
            gp_pid_set_eos(s->opid);
        s->eos = true;
        gp_filter_post_process(f);
        return true;
    }
    return false;
}

static void
avgen_finalize(GpFilter *f)
{
    AvgenCtx *ctx = gp_filter_priv(f);
    free(ctx->rgb_row);
    free(ctx->row);
    ctx->rgb_row = ctx->row = NULL;
}

static int
avgen_probe_url(const char *url, const char *mime)
{
    (void)mime;
    if (!strcmp(url, "avgen") || !strncmp(url, "avgen://", 8))
        return GP_PROBE_SUPPORTED;
    return GP_PROBE_NOT_SUPPORTED;
}

static const GpArg avgen_args[] = {
    GP_ARGF(AvgenCtx, src, GP_PROP_STRING, NULL, NULL,
            "source URL when loaded as -i avgen (avgen or avgen://...)", GP_ARG_HINT_HIDE),
    GP_ARG(AvgenCtx, type, GP_PROP_UINT, "av", "a|v|av",
           "streams to generate: a (audio), v (video) or av (both)"),
    GP_ARG(AvgenCtx, dur, GP_PROP_FRACTION, "0/1", NULL,
           "duration in seconds (0: unlimited); the last audio packet may be shorter"),
    GP_ARG(AvgenCtx, fps, GP_PROP_FRACTION, "25/1", NULL,
           "video frame rate; the video timescale is its numerator"),
    GP_ARG(AvgenCtx, sizes, GP_PROP_VEC2I, "320x240", NULL,
           "video size (320x240 by default, smaller than GPAC's 1280x720)"),
    GP_ARG(AvgenCtx, pfmt, GP_PROP_STRING, "yuv420", NULL,
           "pixel format: yuv420, yuv420_10, yuv422, yuv444, nv12, grey, rgb, bgr, rgba "
           "or bgra"),
    GP_ARG(AvgenCtx, sr, GP_PROP_UINT, "44100", NULL, "audio sample rate"),
    GP_ARG(AvgenCtx, ch, GP_PROP_UINT, "2", NULL, "audio channels (1 to 64)"),
    GP_ARG(AvgenCtx, freq, GP_PROP_UINT, "440", NULL, "frequency of the tone in Hz"),
    GP_ARG(AvgenCtx, afmt, GP_PROP_STRING, "s16", NULL,
           "audio format: u8, s16, s24, s32, flt, dbl or their planar forms (s16p...)"),
};

static const GpCap avgen_caps[] = {
    GP_CAP_UINT(GP_CAPS_OUTPUT_STATIC, GP_P_CODECID, GP_CODEC_RAW),
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_END_BUNDLE,
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
};

const GpFilterClass gp_filter_avgen = {
    .name = "avgen",
    .help = GP_HELP("Generate raw test media without inputs: a video PID (ID 1, colour "
                    "bars with a white bar moving each frame, dts = cts = frame * fps.den "
                    "in a timescale of fps.num) and an audio PID (ID 2, a sine tone in "
                    "packets of 1024 samples, timescale sr). Each PID starts at its own "
                    "PLAY, follows back-pressure, and ends with EOS after dur (unlimited "
                    "when 0). Also loads as a source URL: -i avgen.\n"
                    "Example: gpac avgen:dur=2:type=v:sizes=640x360 inspect:deep"),
    .priv_size = sizeof(AvgenCtx),
    GP_ARGS(avgen_args),
    GP_CAPS(avgen_caps),
    .initialize = avgen_initialize,
    .process = avgen_process,
    .process_event = avgen_process_event,
    .finalize = avgen_finalize,
    .probe_url = avgen_probe_url,
};
