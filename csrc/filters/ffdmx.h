/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffdmx's context and the kernels split out of ffdmx.c: URL probing and the PID
 * properties of one FFmpeg stream (ffdmx_props.c). Private to ffdmx. */
#ifndef GP_FFDMX_H
#define GP_FFDMX_H

#include "ffmpeg_glue.h"

#define FFDMX_QUEUE 128 /* packets read ahead (at open, and one held while blocked) */

/* One FFmpeg stream. Timestamps: the PID timescale is the time base's den; a
 * timestamp t (in the time base) becomes (t + shift) * tb_num, where shift makes the
 * first timestamps of the stream non-negative (announced as Delay = -shift * tb_num).
 * States: idle -> playing (PLAY) -> stopped (STOP) or eos (end of file). */
typedef struct FfdmxStream {
    GpPid *opid;       /* NULL: stream not exposed (attachment, unknown type) */
    AVStream *st;
    uint32_t tb_num;   /* multiplier of timestamps (time_base.num) */
    int64_t shift;     /* added to timestamps, in time-base units */
    bool shift_known;  /* shift decided (from the read-ahead or the first packet) */
    bool playing, stopped, eos;
    int64_t next_dts;  /* streams without timestamps: running sum of durations */
    int64_t seek_from; /* packets with cts before this (time base) are flagged seek */
    uint64_t nb_read;  /* packets read since open (truncation check) */
    uint64_t wait_since; /* µs clock when a packet started waiting for this PID's PLAY */
    bool given_up;       /* connected, but its consumer never sent PLAY: packets dropped */
} FfdmxStream;

typedef struct FfdmxCtx {
    /* options */
    char *src;
    char *fmt;
    uint32_t probesize;
    uint32_t analyzeduration;

    /* state */
    AVFormatContext *fc;
    AVIOContext *pb;
    FfdmxStream *streams;
    uint32_t nb_streams;
    AVPacket *queue[FFDMX_QUEUE]; /* FIFO of packets read but not sent */
    uint32_t q_head, q_len;
    uint32_t nb_playing;
    bool eof;       /* av_read_frame reported the end */
    bool done;      /* EOS set on every PID */
    bool sent_any;  /* a packet left since open or the last seek */
    bool seeked;    /* not read straight from the start: no truncation check */
    int64_t max_end_us; /* latest packet end read (AV_TIME_BASE), truncation check */
    double play_start;
} FfdmxCtx;

/* Score of url for load_src (GP_PROBE_*). threads: any. */
int ffdmx_probe_url(const char *url, const char *mime);
/* Sets every PID property of stream s (API.md 3.8). threads: filter callbacks. */
GpErr ffdmx_declare(FfdmxCtx *ctx, FfdmxStream *s, uint32_t idx);
/* Announces Delay = -shift once the shift of s is known. threads: filter callbacks. */
GpErr ffdmx_set_delay(FfdmxStream *s);

#endif /* GP_FFDMX_H */
