/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffdec's frames into packets. Video: get_buffer2 allocates an output packet per frame
 * and points the frame's planes into it, in the engine's layout (planes back to back:
 * Y, U, V with one chroma stride, then alpha; each plane `height` lines of Stride or
 * StrideUV bytes), with FFmpeg's line alignment; the packet lives as long as FFmpeg
 * references the frame, and is sent as is when the frame comes out with that layout.
 * A frame cropped by the decoder or in a buffer it did not get from us is copied;
 * pixel formats the engine has no name for are converted with libswscale.
 * Audio: copied, planes back to back for planar formats. */
#include <string.h>

#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>

#include "ffdec.h"

/* BPS: bits per sample (not among gp_props.h's codes). */
#define FFDEC_P_BPS GP_4CC('A', 'B', 'P', 'S')

/* Bytes FFmpeg's own pool adds after the last plane (16 + its largest alignment). */
#define FFDEC_TAIL_PAD (16 + 64)

/* Planes of a frame in the engine's layout. */
typedef struct FfdecLayout {
    int nb_planes;
    int linesize[4];
    size_t offset[4];
    size_t frame_size; /* the payload: every plane for the frame height */
    size_t alloc_size; /* plus the lines and bytes a decoder may read past it */
} FfdecLayout;

/* A frame buffer given to FFmpeg: the packet it lives in. */
typedef struct FfdecBuf {
    FfdecCtx *ctx; /* tells our buffers from others */
    GpPacket *pck;
    int width, height, format;
    FfdecLayout layout;
} FfdecBuf;

/* True when the engine's planes for pixel format fmt are FFmpeg's planes (same count,
 * same widths and heights), so a frame can live in the engine's layout. */
static bool
ffdec_layout_compatible(enum AVPixelFormat fmt, int w, int h)
{
    uint32_t gpfmt = ffg_pixfmt_to_gp(fmt), s0 = 0, s1 = 0;
    int nb = av_pix_fmt_count_planes(fmt), min[4];
    if (!gpfmt || nb < 1 || nb > 4 || av_image_fill_linesizes(min, fmt, w) < 0)
        return false;
    uint32_t gsize = gp_pixfmt_frame_size(gpfmt, (uint32_t)w, (uint32_t)h, &s0, &s1);
    ptrdiff_t tight[4] = {s0, s1, s1, s0};
    size_t sizes[4] = {0}, sum = 0;
    for (int i = 0; i < nb; i++)
        if (min[i] != (int)tight[i])
            return false;
    if (!gsize || av_image_fill_plane_sizes(sizes, fmt, h, tight) < 0)
        return false;
    for (int i = 0; i < nb; i++)
        sum += sizes[i];
    return sum == gsize;
}

/* Layout of a w x h frame. With a decoder: its dimension and line alignment (lines
 * widened together, as FFmpeg's own pool does, so that luma stays twice the chroma
 * where the codec assumes it), and room for the lines it may read past the frame;
 * without: tight lines. False when the engine cannot describe the format. */
static bool
ffdec_layout(AVCodecContext *dec, enum AVPixelFormat fmt, int w, int h, FfdecLayout *l)
{
    int aw = w, ah = h, align[AV_NUM_DATA_POINTERS] = {1, 1, 1, 1};
    if (w <= 0 || h <= 0 || !ffdec_layout_compatible(fmt, w, h))
        return false;
    memset(l, 0, sizeof(*l));
    l->nb_planes = av_pix_fmt_count_planes(fmt);
    if (dec)
        avcodec_align_dimensions2(dec, &aw, &ah, align);
    bool unaligned = true;
    for (int tries = 0, lw = aw; unaligned && tries < 16; tries++) {
        if (av_image_fill_linesizes(l->linesize, fmt, lw) < 0)
            return false;
        lw += lw & ~(lw - 1); /* next try: double the lowest set bit */
        unaligned = false;
        for (int i = 0; i < 4; i++)
            unaligned |= align[i] > 1 && l->linesize[i] % align[i];
    }
    /* one chroma stride for U and V; alpha shares the luma stride */
    if (unaligned || (l->nb_planes > 2 && l->linesize[2] != l->linesize[1]) ||
        (l->nb_planes > 3 && l->linesize[3] != l->linesize[0]))
        return false;
    ptrdiff_t ls[4] = {l->linesize[0], l->linesize[1], l->linesize[2], l->linesize[3]};
    size_t sizes[4] = {0}, sizes_al[4] = {0};
    if (av_image_fill_plane_sizes(sizes, fmt, h, ls) < 0 ||
        av_image_fill_plane_sizes(sizes_al, fmt, ah, ls) < 0)
        return false;
    for (int i = 0; i < l->nb_planes; i++) {
        l->offset[i] = l->frame_size;
        l->frame_size += sizes[i];
    }
    int last = l->nb_planes - 1;
    l->alloc_size = l->offset[last] + sizes_al[last] + (dec ? FFDEC_TAIL_PAD : 0);
    return l->alloc_size <= UINT32_MAX;
}

/* ---- direct rendering ---- */

static void
ffdec_buf_free(void *opaque, uint8_t *data)
{
    FfdecBuf *b = opaque;
    gp_packet_unref(b->pck);
    av_free(b);
}

int
ffdec_get_buffer2(AVCodecContext *dec, AVFrame *frame, int flags)
{
    FfdecCtx *ctx = dec->opaque;
    FfdecLayout l;
    if (!ffdec_layout(dec, frame->format, frame->width, frame->height, &l))
        return avcodec_default_get_buffer2(dec, frame, flags);
    FfdecBuf *b = av_mallocz(sizeof(*b));
    if (!b)
        return AVERROR(ENOMEM);
    uint8_t *data = NULL;
    pthread_mutex_lock(&ctx->lock);
    GpPacket *pck = ctx->opid ? gp_packet_new_alloc(ctx->opid, (uint32_t)l.alloc_size, &data)
                              : NULL;
    pthread_mutex_unlock(&ctx->lock);
    if (pck)
        frame->buf[0] = av_buffer_create(data, l.alloc_size, ffdec_buf_free, b, 0);
    if (!frame->buf[0]) {
        gp_packet_unref(pck);
        av_free(b);
        return AVERROR(ENOMEM);
    }
    gp_packet_truncate(pck, (uint32_t)l.frame_size);
    *b = (FfdecBuf){ctx, pck, frame->width, frame->height, frame->format, l};
    for (int i = 0; i < 4; i++) {
        frame->data[i] = i < l.nb_planes ? data + l.offset[i] : NULL;
        frame->linesize[i] = i < l.nb_planes ? l.linesize[i] : 0;
    }
    frame->extended_data = frame->data;
    return 0;
}

/* The packet a frame was decoded into, when the frame still has that packet's layout
 * (not cropped, not moved); NULL otherwise. */
static FfdecBuf *
ffdec_own_buffer(FfdecCtx *ctx, const AVFrame *frame)
{
    if (!ctx->direct_ok || !frame->buf[0] || frame->buf[1])
        return NULL;
    FfdecBuf *b = av_buffer_get_opaque(frame->buf[0]);
    if (!b || b->ctx != ctx || b->width != frame->width || b->height != frame->height ||
        b->format != frame->format)
        return NULL;
    const uint8_t *base = gp_packet_data(b->pck, NULL);
    for (int i = 0; i < b->layout.nb_planes; i++)
        if (frame->data[i] != base + b->layout.offset[i] ||
            frame->linesize[i] != b->layout.linesize[i])
            return NULL;
    return b;
}

/* ---- output ---- */

static GpErr
ffdec_update(FfdecCtx *ctx, uint32_t *cur, uint32_t code, uint32_t v)
{
    if (*cur == v)
        return GP_OK;
    *cur = v;
    return ffdec_set(ctx, code, NULL, gp_pv_uint(v));
}

static GpErr
ffdec_video_props(FfdecCtx *ctx, const AVFrame *frame, uint32_t gpfmt, const FfdecLayout *l)
{
    FfdecOut *o = &ctx->out;
    GpErr e = ffdec_update(ctx, &o->width, GP_P_WIDTH, (uint32_t)frame->width);
    e = e ? e : ffdec_update(ctx, &o->height, GP_P_HEIGHT, (uint32_t)frame->height);
    /* a plain uint, as GPAC's C filters store it: Python reads the short name */
    e = e ? e : ffdec_update(ctx, &o->pixfmt, GP_P_PIXFMT, gpfmt);
    e = e ? e : ffdec_update(ctx, &o->stride, GP_P_STRIDE, (uint32_t)l->linesize[0]);
    uint32_t suv = l->nb_planes > 1 ? (uint32_t)l->linesize[1] : 0;
    if (!e && suv != o->stride_uv) {
        o->stride_uv = suv;
        e = ffdec_set(ctx, GP_P_STRIDE_UV, NULL, suv ? gp_pv_uint(suv) : (GpPropValue){0});
    }
    AVRational sar = frame->sample_aspect_ratio;
    if (!e && sar.num > 0 && sar.den > 0 && (sar.num != o->sar_num || sar.den != o->sar_den)) {
        o->sar_num = sar.num;
        o->sar_den = sar.den;
        e = ffdec_set(ctx, GP_P_SAR, NULL, gp_pv_frac(sar.num, (uint32_t)sar.den));
    }
    if (!e && !o->fps_checked) {
        o->fps_checked = true;
        AVRational fr = ctx->dec->framerate;
        if (!gp_pid_get_prop(ctx->opid, GP_P_FPS, NULL) && fr.num > 0 && fr.den > 0)
            e = ffdec_set(ctx, GP_P_FPS, NULL, gp_pv_frac(fr.num, (uint32_t)fr.den));
    }
    return e;
}

static GpErr
ffdec_stamp_send(GpPacket *pck, const FfdecTiming *t, const AVFrame *frame)
{
    GpPacketInfo *info = gp_packet_info(pck);
    info->dts = info->cts = t->cts;
    info->dur = t->dur;
    info->sap = 1;
    info->seek = t->seek;
    info->corrupted = t->corrupted;
    if (frame->interlaced_frame)
        info->interlaced = frame->top_field_first ? 1 : 2;
    return gp_packet_send(pck);
}

/* A format the engine names, close to fmt (for formats it does not name). */
static enum AVPixelFormat
ffdec_fallback_format(enum AVPixelFormat fmt)
{
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(fmt);
    if (!d)
        return AV_PIX_FMT_NONE;
    bool alpha = (d->flags & AV_PIX_FMT_FLAG_ALPHA) != 0;
    if (d->flags & AV_PIX_FMT_FLAG_RGB)
        return alpha ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24;
    if (d->nb_components >= 3 && d->comp[0].depth > 8)
        return AV_PIX_FMT_YUV420P10LE;
    if (d->nb_components >= 3 && !d->log2_chroma_w && !d->log2_chroma_h)
        return AV_PIX_FMT_YUV444P;
    if (d->nb_components >= 3 && !d->log2_chroma_h)
        return AV_PIX_FMT_YUV422P;
    return d->nb_components < 3 ? AV_PIX_FMT_GRAY8 : AV_PIX_FMT_YUV420P;
}

/* A new packet with the frame copied, or converted when the engine cannot name its
 * format; *l gets the layout used. */
static GpPacket *
ffdec_copy_frame(GpFilter *f, FfdecCtx *ctx, const AVFrame *frame, FfdecLayout *l,
                 uint32_t *gpfmt, GpErr *err)
{
    enum AVPixelFormat in = frame->format, out = in;
    int w = frame->width, h = frame->height;
    if (!ffdec_layout(NULL, out, w, h, l)) {
        out = ffdec_fallback_format(in);
        if (out == AV_PIX_FMT_NONE || !ffdec_layout(NULL, out, w, h, l)) {
            *err = ffdec_fail(f, GP_NOT_SUPPORTED, "cannot output pixel format %s%s",
                              av_get_pix_fmt_name(in), NULL);
            return NULL;
        }
    }
    *gpfmt = ffg_pixfmt_to_gp(out);
    uint8_t *data = NULL;
    pthread_mutex_lock(&ctx->lock);
    GpPacket *pck = gp_packet_new_alloc(ctx->opid, (uint32_t)l->frame_size, &data);
    pthread_mutex_unlock(&ctx->lock);
    *err = pck ? GP_OK : GP_OUT_OF_MEM;
    if (!pck)
        return NULL;
    uint8_t *dst[4] = {NULL};
    int dls[4] = {0};
    for (int i = 0; i < l->nb_planes; i++) {
        dst[i] = data + l->offset[i];
        dls[i] = l->linesize[i];
    }
    if (out == in) {
        av_image_copy(dst, dls, (const uint8_t **)frame->data, frame->linesize, in, w, h);
        return pck;
    }
    ctx->sws = sws_getCachedContext(ctx->sws, w, h, in, w, h, out, SWS_BICUBIC, NULL, NULL,
                                    NULL);
    if (!ctx->sws || sws_scale(ctx->sws, (const uint8_t *const *)frame->data,
                               frame->linesize, 0, h, dst, dls) != h) {
        gp_packet_discard(pck);
        *err = ffdec_fail(f, GP_NOT_SUPPORTED, "cannot convert pixel format %s to %s",
                          av_get_pix_fmt_name(in), av_get_pix_fmt_name(out));
        return NULL;
    }
    return pck;
}

GpErr
ffdec_output_video(GpFilter *f, FfdecCtx *ctx, AVFrame *frame, const FfdecTiming *t)
{
    FfdecBuf *b = ffdec_own_buffer(ctx, frame);
    FfdecLayout l;
    GpPacket *pck = NULL;
    uint32_t gpfmt = 0;
    GpErr e = GP_OK;
    if (b) {
        l = b->layout;
        gpfmt = ffg_pixfmt_to_gp(frame->format);
        /* a frame shown twice (VP9 show_existing_frame...) goes out as a reference */
        pck = gp_packet_was_sent(b->pck) ? gp_packet_new_ref(ctx->opid, b->pck, 0, 0)
                                         : gp_packet_ref(b->pck);
        e = pck ? GP_OK : GP_OUT_OF_MEM;
        ctx->nb_in_place++;
    } else {
        pck = ffdec_copy_frame(f, ctx, frame, &l, &gpfmt, &e);
    }
    if (!pck)
        return e;
    e = ffdec_video_props(ctx, frame, gpfmt, &l);
    if (e) {
        gp_packet_unref(pck);
        return e;
    }
    return ffdec_stamp_send(pck, t, frame);
}

static GpErr
ffdec_audio_props(FfdecCtx *ctx, const AVFrame *frame, uint32_t afmt)
{
    FfdecOut *o = &ctx->out;
    uint64_t mask = frame->ch_layout.order == AV_CHANNEL_ORDER_NATIVE ? frame->ch_layout.u.mask
                                                                        : 0;
    GpErr e = ffdec_update(ctx, &o->sr, GP_P_SAMPLE_RATE, (uint32_t)frame->sample_rate);
    e = e ? e : ffdec_update(ctx, &o->nb_ch, GP_P_NUM_CHANNELS,
                             (uint32_t)frame->ch_layout.nb_channels);
    e = e ? e : ffdec_update(ctx, &o->afmt, GP_P_AUDIO_FORMAT, afmt);
    e = e ? e : ffdec_update(ctx, &o->bps, FFDEC_P_BPS,
                             8 * (uint32_t)av_get_bytes_per_sample(frame->format));
    if (!e && mask && mask != o->layout) {
        o->layout = mask;
        e = ffdec_set(ctx, GP_P_CHANNEL_LAYOUT, NULL, gp_pv_luint(mask));
    }
    if (!e && !o->spf) {
        int spf = ctx->dec->frame_size > 0 ? ctx->dec->frame_size : frame->nb_samples;
        e = ffdec_update(ctx, &o->spf, GP_P_SAMPLES_PER_FRAME, (uint32_t)spf);
    }
    return e;
}

GpErr
ffdec_output_audio(GpFilter *f, FfdecCtx *ctx, AVFrame *frame, const FfdecTiming *t)
{
    uint32_t afmt = ffg_sample_fmt_to_gp(frame->format);
    int nb_ch = frame->ch_layout.nb_channels;
    int bps = av_get_bytes_per_sample(frame->format);
    if (!afmt || nb_ch <= 0 || bps <= 0 || frame->nb_samples < 0)
        return ffdec_fail(f, GP_NOT_SUPPORTED, "cannot output sample format %s%s",
                          av_get_sample_fmt_name(frame->format), NULL);
    size_t plane = (size_t)frame->nb_samples * (size_t)bps;
    size_t size = plane * (size_t)nb_ch;
    if (size > UINT32_MAX)
        return GP_OUT_OF_MEM;
    GpErr e = ffdec_audio_props(ctx, frame, afmt);
    if (e)
        return e;
    uint8_t *data = NULL;
    pthread_mutex_lock(&ctx->lock);
    GpPacket *pck = gp_packet_new_alloc(ctx->opid, (uint32_t)size, &data);
    pthread_mutex_unlock(&ctx->lock);
    if (!pck)
        return GP_OUT_OF_MEM;
    if (size && av_sample_fmt_is_planar(frame->format)) {
        for (int c = 0; c < nb_ch; c++)
            memcpy(data + (size_t)c * plane, frame->extended_data[c], plane);
    } else if (size) {
        memcpy(data, frame->extended_data[0], size);
    }
    return ffdec_stamp_send(pck, t, frame);
}

void
ffdec_frame_cleanup(FfdecCtx *ctx)
{
    sws_freeContext(ctx->sws);
    ctx->sws = NULL;
}
