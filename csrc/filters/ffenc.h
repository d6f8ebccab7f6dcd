/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private to the ffenc filter: its context, shared by ffenc.c (the filter: options,
 * encoder choice and opening, output PID, packets out) and ffenc_frame.c (its kernel:
 * turning input packets into AVFrames, with pixel/sample format, rate and layout
 * conversion when the encoder needs another one). Nothing else includes it. */
#ifndef GP_FILTERS_FFENC_H
#define GP_FILTERS_FFENC_H

#include <libavutil/audio_fifo.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

#include "ffmpeg_glue.h"

/* Raw input as configured: a change of any field but the strides reopens the encoder. */
typedef struct FfencInput {
    bool audio;
    uint32_t timescale;
    int64_t delay; /* Delay property of the input (its timescale), 0 when absent */
    /* video */
    uint32_t width, height;
    enum AVPixelFormat pix_fmt;
    uint32_t stride, stride_uv; /* bytes per line of the luma (or packed) and chroma planes */
    GpFrac fps;
    GpFrac sar;
    /* audio */
    uint32_t sample_rate, channels;
    uint64_t layout_mask; /* ChannelLayout, 0 when absent */
    enum AVSampleFormat sample_fmt;
} FfencInput;

typedef struct FfencCtx {
    /* options */
    char *c;
    uint32_t b;
    uint32_t g;
    char *preset;
    uint32_t threads;
    char *pfmt;

    /* state */
    GpPid *ipid, *opid;
    const AVCodec *codec;  /* chosen at configure (or at initialize when c is set) */
    AVCodecContext *enc;   /* NULL until the input is configured */
    FfencInput in;
    AVFrame *frame;        /* reused for each frame sent */
    AVPacket *pkt;         /* reused for each packet received */
    struct SwsContext *sws; /* NULL when the encoder takes the input pixel format */
    SwrContext *swr;        /* NULL when the encoder takes the input audio as is */
    AVAudioFifo *fifo;      /* audio in the encoder's format, cut into frame_size chunks */
    uint32_t chunk;         /* samples per audio frame sent */
    int64_t next_pts;       /* audio: pts of the next chunk, in 1/sample_rate */
    bool pts_init;
    /* timing: output dts/cts = encoder dts/pts + shift, with Delay = -shift, so that no
     * dts is negative (B-frames, audio priming) and cts + Delay is the input time */
    int64_t first_in_ts;   /* first input timestamp, encoder time base */
    bool has_first_in;
    bool started;          /* a packet was sent */
    int64_t shift;
    bool flushing;         /* NULL frame sent: draining */
    bool eos_sent;
} FfencCtx;

/* ffenc_frame.c: sets up the conversion from ctx->in to the opened encoder's format
 * (sws/swr/fifo). returns GP_OK or GP_OUT_OF_MEM / GP_NOT_SUPPORTED. */
GpErr ffenc_frame_setup(GpFilter *f, FfencCtx *ctx);
void ffenc_frame_reset(FfencCtx *ctx);
/* Sends the frames made from one input packet to the encoder (audio: every complete
 * chunk). transfer: none on pck (a reference is taken when its memory is wrapped).
 * returns GP_OK or an error already recorded in the session. */
GpErr ffenc_frame_send(GpFilter *f, FfencCtx *ctx, GpPacket *pck);
/* End of input: audio left in the resampler and the fifo goes out (a short last
 * frame), then the encoder is told to drain. */
GpErr ffenc_frame_flush(GpFilter *f, FfencCtx *ctx);
/* Sends a frame (NULL: drain) to the encoder, taking out what it produces meanwhile.
 * returns GP_OK or an error already recorded in the session. */
GpErr ffenc_frame_encode(GpFilter *f, FfencCtx *ctx, AVFrame *frame);

/* ffenc.c: sends every packet the encoder has ready on the output PID. */
GpErr ffenc_drain(GpFilter *f, FfencCtx *ctx);
/* Records an FFmpeg failure in the session ("ffenc: <what>: <av error>"); returns the
 * GpErr to hand back. */
GpErr ffenc_fail(GpFilter *f, int averr, const char *what);

#endif /* GP_FILTERS_FFENC_H */
