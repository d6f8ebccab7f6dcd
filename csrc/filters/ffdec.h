/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffdec's private context, shared by ffdec.c (decoder, PIDs, callbacks) and
 * ffdec_frame.c (frames into packets: get_buffer2, video and audio output). */
#ifndef GP_FFDEC_H
#define GP_FFDEC_H

#include <pthread.h>
#include <stdbool.h>

#include "ffmpeg_glue.h"

enum { FFDEC_THREAD_ALL = 0, FFDEC_THREAD_FRAME, FFDEC_THREAD_SLICE };

/* Output properties as last published, to set only what changes. */
typedef struct FfdecOut {
    uint32_t width, height, pixfmt, stride, stride_uv;
    int32_t sar_num, sar_den;
    uint32_t sr, nb_ch, afmt, spf, bps;
    uint64_t layout;
    bool fps_checked;
} FfdecOut;

/* Timing of one output frame. */
typedef struct FfdecTiming {
    uint64_t cts;
    uint32_t dur;
    bool seek, corrupted;
} FfdecTiming;

typedef struct FfdecCtx {
    /* options */
    uint32_t threads;
    uint32_t thread_type; /* FFDEC_THREAD_* */
    bool direct;

    /* state */
    GpPid *ipid, *opid;
    AVCodecContext *dec;
    AVPacket *pkt;
    AVFrame *frame;
    /* Decoder threads allocate output packets (get_buffer2) while the filter runs:
     * every write of the output PID's properties and every allocation hold it. */
    pthread_mutex_t lock;
    bool lock_ready;
    bool is_video;
    bool direct_ok;     /* get_buffer2 installed */
    bool eos_sent;      /* drained, EOS set on the output */
    uint32_t codecid;
    char codec_name[64];
    uint32_t timescale;
    uint64_t next_cts;  /* for frames without a timestamp */
    uint32_t last_dur;
    uint64_t nb_frames, nb_errors;
    uint64_t nb_in_place; /* frames sent in the packet they were decoded into */
    char last_error[128];
    FfdecOut out;
    struct SwsContext *sws; /* pixel formats the engine has no name for */
} FfdecCtx;

/* Session error "ffdec: <fmt with a, b>"; returns code. threads: filter callbacks. */
GpErr ffdec_fail(GpFilter *f, GpErr code, const char *fmt, const char *a, const char *b);
/* Sets (type FORBIDDEN: removes) an output PID property under ctx->lock.
 * threads: filter callbacks. */
GpErr ffdec_set(FfdecCtx *ctx, uint32_t code, const char *name, GpPropValue v);

/* ffdec_frame.c */
/* AVCodecContext.get_buffer2: an output packet per frame, planes in the engine layout.
 * threads: the decoder's (any, serialised by FFmpeg). */
int ffdec_get_buffer2(AVCodecContext *dec, AVFrame *frame, int flags);
/* One decoded frame out as a packet (video: the packet it was decoded into when the
 * layout holds, else a copy). threads: filter callbacks. */
GpErr ffdec_output_video(GpFilter *f, FfdecCtx *ctx, AVFrame *frame, const FfdecTiming *t);
GpErr ffdec_output_audio(GpFilter *f, FfdecCtx *ctx, AVFrame *frame, const FfdecTiming *t);
/* Frees the conversion context. threads: filter callbacks. */
void ffdec_frame_cleanup(FfdecCtx *ctx);

#endif /* GP_FFDEC_H */
