/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffenc's kernel: input packets to AVFrames. Video frames wrap the packet memory (a
 * reference on the packet, read-only) when the encoder takes the input pixel format,
 * else are converted by swscale. Audio goes through swresample when the encoder needs
 * another sample format, rate or layout, then through a FIFO that cuts it into the
 * encoder's frame size. The filter itself is ffenc.c. */
#include <string.h>

#include <libavutil/imgutils.h>

#include "gp/gp.h"
#include "ffenc.h"

#define FFENC_CHUNK_DEFAULT 1024 /* samples per frame for variable frame size encoders */
#define FFENC_MAX_PLANES 64

void
ffenc_frame_reset(FfencCtx *ctx)
{
    sws_freeContext(ctx->sws);
    ctx->sws = NULL;
    swr_free(&ctx->swr);
    if (ctx->fifo)
        av_audio_fifo_free(ctx->fifo);
    ctx->fifo = NULL;
}

static void
ffenc_frame_in_layout(const FfencCtx *ctx, AVChannelLayout *l)
{
    if (!ctx->in.layout_mask || av_channel_layout_from_mask(l, ctx->in.layout_mask) < 0 ||
        l->nb_channels != (int)ctx->in.channels)
        av_channel_layout_default(l, (int)ctx->in.channels);
}

GpErr
ffenc_frame_setup(GpFilter *f, FfencCtx *ctx)
{
    AVCodecContext *enc = ctx->enc;
    if (!ctx->in.audio) {
        if (enc->pix_fmt == ctx->in.pix_fmt)
            return GP_OK;
        ctx->sws = sws_getContext(enc->width, enc->height, ctx->in.pix_fmt, enc->width,
                                  enc->height, enc->pix_fmt, SWS_BICUBIC, NULL, NULL, NULL);
        return ctx->sws ? GP_OK : ffenc_fail(f, 0, "no pixel format conversion for the encoder");
    }
    AVChannelLayout in_layout = {0};
    ffenc_frame_in_layout(ctx, &in_layout);
    bool same = enc->sample_fmt == ctx->in.sample_fmt &&
                enc->sample_rate == (int)ctx->in.sample_rate &&
                !av_channel_layout_compare(&enc->ch_layout, &in_layout);
    int ret = 0;
    if (!same) {
        ret = swr_alloc_set_opts2(&ctx->swr, &enc->ch_layout, enc->sample_fmt,
                                  enc->sample_rate, &in_layout, ctx->in.sample_fmt,
                                  (int)ctx->in.sample_rate, 0, NULL);
        ret = ret < 0 ? ret : swr_init(ctx->swr);
    }
    av_channel_layout_uninit(&in_layout);
    if (ret < 0)
        return ffenc_fail(f, ret, "no audio conversion for the encoder");
    bool variable = (ctx->codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0;
    ctx->chunk = enc->frame_size > 0 && !variable ? (uint32_t)enc->frame_size
                                                  : FFENC_CHUNK_DEFAULT;
    ctx->fifo = av_audio_fifo_alloc(enc->sample_fmt, enc->ch_layout.nb_channels,
                                    (int)ctx->chunk * 2);
    return ctx->fifo ? GP_OK : GP_OUT_OF_MEM;
}

GpErr
ffenc_frame_encode(GpFilter *f, FfencCtx *ctx, AVFrame *frame)
{
    if (!frame)
        ctx->flushing = true;
    for (;;) {
        int ret = avcodec_send_frame(ctx->enc, frame);
        if (ret == AVERROR(EAGAIN)) {
            /* the encoder's output is full: take it out, then send again */
            GpErr e = ffenc_drain(f, ctx);
            if (e)
                return e;
            continue;
        }
        if (ret < 0 && !(ret == AVERROR_EOF && !frame))
            return ffenc_fail(f, ret, "cannot send a frame to the encoder");
        return ffenc_drain(f, ctx);
    }
}

/* ---- video ---- */

static void
ffenc_frame_release(void *opaque, uint8_t *data)
{
    (void)data;
    gp_packet_unref(opaque);
}

static GpErr
ffenc_frame_video(GpFilter *f, FfencCtx *ctx, GpPacket *pck)
{
    uint32_t size = 0;
    const uint8_t *data = gp_packet_data(pck, &size);
    uint8_t *planes[4] = {0};
    int lines[4] = {(int)ctx->in.stride, (int)ctx->in.stride_uv, (int)ctx->in.stride_uv, 0};
    int need = data ? av_image_fill_pointers(planes, ctx->in.pix_fmt, (int)ctx->in.height,
                                             (uint8_t *)data, lines)
                    : -1;
    if (need < 0 || (uint32_t)need > size) {
        gp_session_set_error(gp_filter_session(f), GP_NON_COMPLIANT_BITSTREAM, NULL,
                             "ffenc: packet of %u bytes on PID %s is too small for a %ux%u "
                             "frame", size, gp_pid_name(ctx->ipid), ctx->in.width,
                             ctx->in.height);
        return GP_NON_COMPLIANT_BITSTREAM;
    }
    AVFrame *fr = ctx->frame;
    fr->width = (int)ctx->in.width;
    fr->height = (int)ctx->in.height;
    uint64_t cts = gp_packet_info_const(pck)->cts;
    fr->pts = cts == GP_NO_TS ? AV_NOPTS_VALUE : (int64_t)cts;
    if (ctx->sws) {
        fr->format = ctx->enc->pix_fmt;
        int ret = av_frame_get_buffer(fr, 0);
        if (ret < 0)
            return ffenc_fail(f, ret, "cannot allocate a frame");
        sws_scale(ctx->sws, (const uint8_t *const *)planes, lines, 0, fr->height, fr->data,
                  fr->linesize);
    } else {
        /* zero copy: the frame holds a reference on the packet until the encoder is done */
        int nb_planes = av_pix_fmt_count_planes(ctx->in.pix_fmt);
        fr->format = ctx->in.pix_fmt;
        for (int i = 0; i < nb_planes && i < 4; i++) {
            fr->data[i] = planes[i];
            fr->linesize[i] = lines[i];
        }
        fr->buf[0] = av_buffer_create((uint8_t *)data, size, ffenc_frame_release,
                                      gp_packet_ref(pck), AV_BUFFER_FLAG_READONLY);
        if (!fr->buf[0]) {
            gp_packet_unref(pck);
            av_frame_unref(fr);
            return GP_OUT_OF_MEM;
        }
    }
    GpErr e = ffenc_frame_encode(f, ctx, fr);
    av_frame_unref(fr);
    return e;
}

/* ---- audio ---- */

/* Sends every complete chunk of the FIFO (and the rest when `last`). */
static GpErr
ffenc_frame_chunks(GpFilter *f, FfencCtx *ctx, bool last)
{
    AVCodecContext *enc = ctx->enc;
    int avail;
    while ((avail = av_audio_fifo_size(ctx->fifo)) >= (int)ctx->chunk || (last && avail > 0)) {
        AVFrame *fr = ctx->frame;
        int n = avail < (int)ctx->chunk ? avail : (int)ctx->chunk;
        fr->nb_samples = n;
        fr->format = enc->sample_fmt;
        fr->sample_rate = enc->sample_rate;
        int ret = av_channel_layout_copy(&fr->ch_layout, &enc->ch_layout);
        ret = ret < 0 ? ret : av_frame_get_buffer(fr, 0);
        ret = ret < 0 ? ret : av_audio_fifo_read(ctx->fifo, (void **)fr->data, n);
        if (ret < 0) {
            av_frame_unref(fr);
            return ffenc_fail(f, ret, "cannot build an audio frame");
        }
        fr->pts = ctx->next_pts;
        ctx->next_pts += n;
        GpErr e = ffenc_frame_encode(f, ctx, fr);
        av_frame_unref(fr);
        if (e)
            return e;
    }
    return GP_OK;
}

/* Converts nb input samples (NULL planes: the resampler's remainder) into the FIFO. */
static GpErr
ffenc_frame_resample(GpFilter *f, FfencCtx *ctx, const uint8_t **planes, int nb)
{
    AVCodecContext *enc = ctx->enc;
    uint8_t **buf = NULL;
    int max = swr_get_out_samples(ctx->swr, nb);
    if (max <= 0)
        return GP_OK;
    int ret = av_samples_alloc_array_and_samples(&buf, NULL, enc->ch_layout.nb_channels, max,
                                                 enc->sample_fmt, 0);
    if (ret >= 0)
        ret = swr_convert(ctx->swr, buf, max, planes, nb);
    if (ret > 0)
        ret = av_audio_fifo_write(ctx->fifo, (void **)buf, ret);
    if (buf)
        av_freep(&buf[0]);
    av_freep(&buf);
    return ret < 0 ? ffenc_fail(f, ret, "audio conversion failed") : GP_OK;
}

static GpErr
ffenc_frame_audio(GpFilter *f, FfencCtx *ctx, GpPacket *pck)
{
    uint32_t size = 0;
    const uint8_t *data = gp_packet_data(pck, &size);
    int bps = av_get_bytes_per_sample(ctx->in.sample_fmt);
    uint32_t ch = ctx->in.channels;
    bool planar = av_sample_fmt_is_planar(ctx->in.sample_fmt);
    if (!data || bps <= 0 || ch > FFENC_MAX_PLANES)
        return GP_OK;
    int nb = (int)(size / ((uint32_t)bps * ch));
    const uint8_t *planes[FFENC_MAX_PLANES];
    for (uint32_t k = 0; k < (planar ? ch : 1); k++)
        planes[k] = data + (size_t)k * (size_t)nb * (size_t)bps;
    if (!ctx->pts_init) {
        uint64_t cts = gp_packet_info_const(pck)->cts;
        ctx->next_pts = cts == GP_NO_TS ? 0
                                        : av_rescale((int64_t)cts, ctx->enc->sample_rate,
                                                     ctx->in.timescale);
        ctx->first_in_ts = ctx->next_pts;
        ctx->has_first_in = ctx->pts_init = true;
    }
    GpErr e = GP_OK;
    if (ctx->swr) {
        e = ffenc_frame_resample(f, ctx, planes, nb);
    } else if (av_audio_fifo_write(ctx->fifo, (void **)planes, nb) < 0) {
        e = GP_OUT_OF_MEM;
    }
    return e ? e : ffenc_frame_chunks(f, ctx, false);
}

GpErr
ffenc_frame_send(GpFilter *f, FfencCtx *ctx, GpPacket *pck)
{
    if (ctx->in.audio)
        return ffenc_frame_audio(f, ctx, pck);
    if (!ctx->has_first_in) {
        uint64_t cts = gp_packet_info_const(pck)->cts;
        ctx->first_in_ts = cts == GP_NO_TS ? 0 : (int64_t)cts;
        ctx->has_first_in = true;
    }
    return ffenc_frame_video(f, ctx, pck);
}

GpErr
ffenc_frame_flush(GpFilter *f, FfencCtx *ctx)
{
    GpErr e = GP_OK;
    if (ctx->in.audio && ctx->fifo) {
        if (ctx->swr)
            e = ffenc_frame_resample(f, ctx, NULL, 0);
        e = e ? e : ffenc_frame_chunks(f, ctx, true);
    }
    return e ? e : ffenc_frame_encode(f, ctx, NULL);
}
