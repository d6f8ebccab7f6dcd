/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffdmx: demuxes any container or elementary stream FFmpeg reads, through the engine's
 * I/O layer (ffg_avio_open: never a path handed to FFmpeg), one output PID per stream.
 * Packets flow after PLAY; PLAY with start_range seeks to the keyframe before it and
 * flags the packets before the target `seek`. URL probing and the PID properties are
 * in ffdmx_props.c. Not here: FFmpeg's network protocols, devices, reparse. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gp/gp.h"
#include "ffdmx.h"

#define FFDMX_MAX_PER_CALL 64 /* packets sent per process call, then yield */
#define FFDMX_WAIT_PLAY_US 2000
#define FFDMX_PLAY_TIMEOUT_US 2000000

/* Records "ffdmx: cannot <what> '<url>': <why>" (why: the FFmpeg error text when
 * averr is set) as the session's error and returns code. */
static GpErr
ffdmx_fail(GpFilter *f, GpErr code, const char *url, const char *what, int averr,
           const char *why)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = "";
    if (averr)
        why = ffg_errstr(averr, buf, sizeof(buf));
    gp_session_set_error(gp_filter_session(f), code, url, "ffdmx: cannot %s '%s'%s%s", what,
                         url, why ? ": " : "", why ? why : "");
    return code;
}

/* ---- read-ahead queue ---- */

static AVPacket *
ffdmx_queue_head(FfdmxCtx *ctx)
{
    return ctx->q_len ? ctx->queue[ctx->q_head] : NULL;
}

static void
ffdmx_queue_pop(FfdmxCtx *ctx, bool free_it)
{
    AVPacket *pkt = ctx->queue[ctx->q_head];
    ctx->queue[ctx->q_head] = NULL;
    ctx->q_head = (ctx->q_head + 1) % FFDMX_QUEUE;
    ctx->q_len--;
    if (free_it)
        av_packet_free(&pkt);
}

static void
ffdmx_queue_flush(FfdmxCtx *ctx)
{
    while (ctx->q_len)
        ffdmx_queue_pop(ctx, true);
    ctx->q_head = 0;
}

/* Reads one packet at the queue's tail. returns 0, AVERROR_EOF or another AVERROR. */
static int
ffdmx_read(FfdmxCtx *ctx)
{
    if (ctx->eof)
        return AVERROR_EOF;
    if (ctx->q_len == FFDMX_QUEUE)
        return AVERROR(EAGAIN);
    AVPacket *pkt = av_packet_alloc();
    if (!pkt)
        return AVERROR(ENOMEM);
    int ret = av_read_frame(ctx->fc, pkt);
    if (ret >= 0 && (pkt->stream_index < 0 || (uint32_t)pkt->stream_index >= ctx->nb_streams))
        ret = AVERROR(EAGAIN); /* a stream added after open: not exposed */
    if (ret < 0) {
        av_packet_free(&pkt);
        if (ret == AVERROR_EOF)
            ctx->eof = true;
        return ret == AVERROR(EAGAIN) ? 0 : ret;
    }
    ctx->queue[(ctx->q_head + ctx->q_len) % FFDMX_QUEUE] = pkt;
    ctx->q_len++;
    ctx->streams[pkt->stream_index].nb_read++;
    int64_t t = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
    if (t != AV_NOPTS_VALUE) {
        t = av_rescale_q(t + (pkt->duration > 0 ? pkt->duration : 0),
                         ctx->fc->streams[pkt->stream_index]->time_base, AV_TIME_BASE_Q);
        if (t > ctx->max_end_us)
            ctx->max_end_us = t;
    }
    return 0;
}

/* Shift of a stream from its earliest timestamp among the packets queued. */
static void
ffdmx_decide_shift(FfdmxCtx *ctx, FfdmxStream *s, uint32_t idx)
{
    int64_t min = INT64_MAX;
    for (uint32_t i = 0; i < ctx->q_len; i++) {
        const AVPacket *p = ctx->queue[(ctx->q_head + i) % FFDMX_QUEUE];
        if (p->stream_index != (int)idx)
            continue;
        if (p->dts != AV_NOPTS_VALUE && p->dts < min)
            min = p->dts;
        if (p->pts != AV_NOPTS_VALUE && p->pts < min)
            min = p->pts;
        s->shift_known = true;
    }
    s->shift = s->shift_known && min != INT64_MAX && min < 0 ? -min : 0;
}

/* Reads ahead until every exposed stream has a packet (or the queue is full), so the
 * shift of negative timestamps (B-frames, audio priming) is known before the PIDs are
 * declared. */
static GpErr
ffdmx_read_ahead(GpFilter *f, FfdmxCtx *ctx)
{
    uint32_t want = 0;
    for (uint32_t i = 0; i < ctx->nb_streams; i++)
        want += ctx->streams[i].st->discard != AVDISCARD_ALL;
    while (ctx->q_len < FFDMX_QUEUE / 2 && !ctx->eof) {
        uint32_t seen = 0;
        bool mark[64] = {false};
        for (uint32_t i = 0; i < ctx->q_len; i++) {
            int k = ctx->queue[(ctx->q_head + i) % FFDMX_QUEUE]->stream_index;
            if (k < 64 && !mark[k]) {
                mark[k] = true;
                seen++;
            }
        }
        if (seen >= want)
            break;
        int ret = ffdmx_read(ctx);
        if (ret < 0 && ret != AVERROR_EOF)
            return ffdmx_fail(f, ffg_err(ret), ctx->src, "read", ret, NULL);
    }
    for (uint32_t i = 0; i < ctx->nb_streams; i++)
        ffdmx_decide_shift(ctx, &ctx->streams[i], i);
    return GP_OK;
}

/* ---- open ---- */

/* False when the top-level boxes of a seekable file end without a moof (the file is
 * not fragmented); true otherwise, or when it cannot be told. The read position is
 * restored. */
static bool
ffdmx_maybe_fragmented(AVIOContext *pb)
{
    int64_t here = avio_tell(pb), size = avio_size(pb), pos = 0;
    bool frag = true;
    if (!pb->seekable || here < 0 || size <= 0)
        return true;
    for (int i = 0; i < 64 && pos + 8 <= size && avio_seek(pb, pos, SEEK_SET) >= 0; i++) {
        uint64_t len = avio_rb32(pb);
        uint32_t type = avio_rl32(pb);
        if (len == 1)
            len = avio_rb64(pb);
        else if (len == 0)
            len = (uint64_t)(size - pos);
        if (type == MKTAG('m', 'o', 'o', 'f') || len < 8 || pb->eof_reached)
            break;
        pos += (int64_t)len;
        if (pos >= size) {
            frag = false;
            break;
        }
    }
    avio_seek(pb, here, SEEK_SET);
    return frag;
}

/* True for an ISOBMFF/QuickTime file whose sample tables index every sample (not
 * fragmented) and whose streams are all of codecs stored one access unit per sample:
 * FFmpeg's parsers then add nothing to the packets (same data, timestamps, durations and
 * keyframe flags) but cost a third of the demuxing time, so they are not run. */
static bool
ffdmx_framed_input(AVFormatContext *fc)
{
    if (!fc->iformat || strncmp(fc->iformat->name, "mov,", 4) || !fc->nb_streams ||
        ffdmx_maybe_fragmented(fc->pb))
        return false;
    for (unsigned i = 0; i < fc->nb_streams; i++) {
        const AVStream *st = fc->streams[i];
        switch (st->codecpar->codec_id) {
        case AV_CODEC_ID_H264: case AV_CODEC_ID_HEVC: case AV_CODEC_ID_AV1:
        case AV_CODEC_ID_VP9: case AV_CODEC_ID_AAC: case AV_CODEC_ID_OPUS:
            break;
        default:
            return false;
        }
        /* the index is the sample table as is (no entries added or dropped, as an
         * edit list or a damaged table may cause) */
        if (st->nb_frames <= 0 || avformat_index_get_entries_count(st) != st->nb_frames)
            return false;
    }
    return true;
}

static GpErr
ffdmx_open(GpFilter *f, FfdmxCtx *ctx)
{
    GpErr e = GP_OK;
    ctx->pb = ffg_avio_open(ctx->src, "rb", &e);
    if (!ctx->pb)
        return ffdmx_fail(f, e, ctx->src, "open input", 0,
                          e == GP_URL_ERROR ? "no such file" : gp_strerror(e));
    if (ctx->pb->seekable && avio_size(ctx->pb) == 0)
        return ffdmx_fail(f, GP_IO_ERR, ctx->src, "read input", 0, "empty file");
    const AVInputFormat *ifmt = NULL;
    if (ctx->fmt && *ctx->fmt && !(ifmt = av_find_input_format(ctx->fmt))) {
        gp_session_set_error(gp_filter_session(f), GP_BAD_PARAM, ctx->src,
                             "ffdmx: unknown FFmpeg format '%s' for '%s'", ctx->fmt, ctx->src);
        return GP_BAD_PARAM;
    }
    ctx->fc = avformat_alloc_context();
    if (!ctx->fc)
        return GP_OUT_OF_MEM;
    ctx->fc->pb = ctx->pb;
    ffg_install_io(ctx->fc);
    if (ctx->probesize >= 32)
        ctx->fc->probesize = ctx->probesize;
    if (ctx->analyzeduration)
        ctx->fc->max_analyze_duration = ctx->analyzeduration;
    /* the URL is only a name here: ctx->pb does the reading (custom I/O) */
    int ret = avformat_open_input(&ctx->fc, ctx->src, ifmt, NULL);
    if (ret < 0) /* avformat_open_input freed the context, not our pb */
        return ffdmx_fail(f, ffg_err(ret) == GP_URL_ERROR ? GP_URL_ERROR
                                                           : GP_NON_COMPLIANT_BITSTREAM,
                          ctx->src, "open input", ret, NULL);
    if (ffdmx_framed_input(ctx->fc))
        ctx->fc->flags |= AVFMT_FLAG_NOPARSE;
    ret = avformat_find_stream_info(ctx->fc, NULL);
    if (ret < 0)
        return ffdmx_fail(f, GP_NON_COMPLIANT_BITSTREAM, ctx->src, "find the streams of", ret,
                          NULL);
    if (!ctx->fc->nb_streams)
        return ffdmx_fail(f, GP_NON_COMPLIANT_BITSTREAM, ctx->src, "demux", 0, "no stream found");
    return GP_OK;
}

static GpErr
ffdmx_initialize(GpFilter *f)
{
    FfdmxCtx *ctx = gp_filter_priv(f);
    ctx->play_start = -1;
    if (!ctx->src || !*ctx->src) {
        gp_session_set_error(gp_filter_session(f), GP_BAD_PARAM, NULL, "ffdmx: no src given");
        return GP_BAD_PARAM;
    }
    GpErr e = ffdmx_open(f, ctx);
    if (e)
        return e;
    ctx->nb_streams = ctx->fc->nb_streams;
    ctx->streams = calloc(ctx->nb_streams, sizeof(*ctx->streams));
    if (!ctx->streams)
        return GP_OUT_OF_MEM;
    uint32_t nb_exposed = 0;
    for (uint32_t i = 0; i < ctx->nb_streams; i++) {
        FfdmxStream *s = &ctx->streams[i];
        s->st = ctx->fc->streams[i];
        s->next_dts = 0;
        s->seek_from = INT64_MIN;
        s->tb_num = s->st->time_base.num > 0 ? (uint32_t)s->st->time_base.num : 1;
        if (ffg_stream_type(s->st->codecpar->codec_type) == GP_STREAM_UNKNOWN ||
            s->st->time_base.den <= 0) {
            s->st->discard = AVDISCARD_ALL;
            continue;
        }
        nb_exposed++;
    }
    if (!nb_exposed)
        return ffdmx_fail(f, GP_NON_COMPLIANT_BITSTREAM, ctx->src, "demux", 0,
                          "no audio, video, text or data stream");
    e = ffdmx_read_ahead(f, ctx);
    for (uint32_t i = 0; !e && i < ctx->nb_streams; i++) {
        FfdmxStream *s = &ctx->streams[i];
        if (s->st->discard == AVDISCARD_ALL)
            continue;
        s->opid = gp_pid_new(f);
        e = s->opid ? ffdmx_declare(ctx, s, i) : GP_OUT_OF_MEM;
    }
    return e;
}

/* ---- packets ---- */

/* Timestamp t of s (time base) in the PID timescale; GP_NO_TS when unset. */
static uint64_t
ffdmx_ts(const FfdmxStream *s, int64_t t)
{
    if (t == AV_NOPTS_VALUE)
        return GP_NO_TS;
    t += s->shift;
    return t < 0 ? 0 : (uint64_t)t * s->tb_num;
}

static void
ffdmx_release(GpFilter *f, GpPid *opid, GpPacket *pck)
{
    (void)f;
    (void)opid;
    AVPacket *pkt = gp_packet_shared_udata(pck);
    av_packet_free(&pkt);
}

/* New extradata in the stream (codec change): announced as DecoderConfig. */
static GpErr
ffdmx_side_data(FfdmxStream *s, const AVPacket *pkt)
{
    size_t size = 0;
    const uint8_t *dsi = av_packet_get_side_data(pkt, AV_PKT_DATA_NEW_EXTRADATA, &size);
    if (!dsi || !size || size > UINT32_MAX)
        return GP_OK;
    GpPropValue v = gp_pv_data(dsi, (uint32_t)size);
    return gp_pid_set_prop(s->opid, GP_P_DECODER_CONFIG, NULL, &v);
}

/* Sends pkt (taken: shared packet over its memory, freed at release). */
static GpErr
ffdmx_send(FfdmxCtx *ctx, FfdmxStream *s, AVPacket *pkt)
{
    GpErr e = ffdmx_side_data(s, pkt);
    if (!s->shift_known) {
        /* first packet of a stream the read-ahead did not reach */
        int64_t min = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
        if (pkt->pts != AV_NOPTS_VALUE && pkt->pts < min)
            min = pkt->pts;
        s->shift = min != AV_NOPTS_VALUE && min < 0 ? -min : 0;
        s->shift_known = true;
        if (!e && s->shift)
            e = ffdmx_set_delay(s);
    }
    /* elementary streams without timestamps (raw .h264): durations summed */
    if (pkt->dts == AV_NOPTS_VALUE && pkt->pts == AV_NOPTS_VALUE)
        pkt->dts = pkt->pts = s->next_dts;
    if (pkt->dts != AV_NOPTS_VALUE)
        s->next_dts = pkt->dts + (pkt->duration > 0 ? pkt->duration : 0);
    GpPacket *pck = e ? NULL
                      : gp_packet_new_shared(s->opid, pkt->data, (uint32_t)pkt->size,
                                             ffdmx_release, pkt);
    if (!pck) {
        av_packet_free(&pkt);
        return e ? e : GP_OUT_OF_MEM;
    }
    gp_packet_set_readonly(pck);
    GpPacketInfo *info = gp_packet_info(pck);
    info->dts = ffdmx_ts(s, pkt->dts);
    info->cts = ffdmx_ts(s, pkt->pts);
    info->dur = pkt->duration > 0 ? (uint32_t)(pkt->duration * s->tb_num) : 0;
    info->sap = (pkt->flags & AV_PKT_FLAG_KEY) ? 1 : 0;
    info->corrupted = (pkt->flags & AV_PKT_FLAG_CORRUPT) != 0;
    info->byte_offset = pkt->pos >= 0 ? (uint64_t)pkt->pos : GP_NO_TS;
    int64_t when = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
    info->seek = s->seek_from != INT64_MIN && when != AV_NOPTS_VALUE && when < s->seek_from;
    ctx->sent_any = true;
    return gp_packet_send(pck);
}

/* At the end of a file read from its start: a stream whose index announced more
 * packets than were read, or media ending well before the duration its header gave
 * (Matroska), means a truncated file (FFmpeg itself only logs it, or says nothing). */
static GpErr
ffdmx_check_complete(GpFilter *f, FfdmxCtx *ctx)
{
    const AVFormatContext *fc = ctx->fc;
    int64_t start = fc->start_time != AV_NOPTS_VALUE ? fc->start_time : 0;
    if (!ctx->seeked && fc->duration_estimation_method == AVFMT_DURATION_FROM_STREAM &&
        fc->duration > 0 && ctx->max_end_us > 0 &&
        ctx->max_end_us < start + fc->duration / 10 * 9 - AV_TIME_BASE / 2) {
        char why[128];
        snprintf(why, sizeof(why), "truncated file (media ends at %.2f s of %.2f s)",
                 (double)(ctx->max_end_us - start) / AV_TIME_BASE,
                 (double)fc->duration / AV_TIME_BASE);
        return ffdmx_fail(f, GP_NON_COMPLIANT_BITSTREAM, ctx->src, "read", 0, why);
    }
    for (uint32_t i = 0; i < ctx->nb_streams && !ctx->seeked; i++) {
        const FfdmxStream *s = &ctx->streams[i];
        if (!s->opid || s->st->nb_frames <= 0 || s->nb_read >= (uint64_t)s->st->nb_frames)
            continue;
        char why[128];
        snprintf(why, sizeof(why), "truncated file (stream %u ended after %llu of %lld packets)",
                 i + 1, (unsigned long long)s->nb_read, (long long)s->st->nb_frames);
        return ffdmx_fail(f, GP_ISOM_INCOMPLETE_FILE, ctx->src, "read", 0, why);
    }
    return GP_OK;
}

static void
ffdmx_set_all_eos(FfdmxCtx *ctx)
{
    for (uint32_t i = 0; i < ctx->nb_streams; i++) {
        FfdmxStream *s = &ctx->streams[i];
        if (s->opid && !s->eos)
            gp_pid_set_eos(s->opid);
        s->eos = true;
    }
    ctx->done = true;
}

static GpErr
ffdmx_process(GpFilter *f)
{
    FfdmxCtx *ctx = gp_filter_priv(f);
    if (ctx->done)
        return GP_EOS;
    if (!ctx->nb_playing)
        return GP_OK; /* nothing flows before PLAY */
    for (int n = 0; n < FFDMX_MAX_PER_CALL; n++) {
        AVPacket *pkt = ffdmx_queue_head(ctx);
        if (!pkt) {
            int ret = ffdmx_read(ctx);
            if (ret == AVERROR_EOF) {
                GpErr e = ffdmx_check_complete(f, ctx);
                ffdmx_set_all_eos(ctx);
                return e ? e : GP_EOS;
            }
            if (ret < 0)
                return ffdmx_fail(f, ffg_err(ret), ctx->src, "read", ret, NULL);
            continue;
        }
        FfdmxStream *s = &ctx->streams[pkt->stream_index];
        if (!s->opid || s->stopped) {
            ffdmx_queue_pop(ctx, true); /* not exposed, or nobody wants it any more */
            continue;
        }
        /* connected but not playing yet: its PLAY is on its way, keep the packet; a
         * consumer silent for FFDMX_PLAY_TIMEOUT_US will not play it (no hang) */
        if (!s->playing && gp_pid_nb_destinations(s->opid) && !s->given_up) {
            uint64_t now = gp_sys_clock_us();
            if (!s->wait_since)
                s->wait_since = now;
            if (now - s->wait_since < FFDMX_PLAY_TIMEOUT_US) {
                gp_filter_reschedule(f, FFDMX_WAIT_PLAY_US);
                return GP_OK;
            }
            GP_LOG(CONTAINER, WARNING, "ffdmx: PID %s of '%s' connected but never played: "
                   "its packets are dropped", gp_pid_name(s->opid), ctx->src);
            s->given_up = true;
        }
        s->wait_since = 0;
        if (!s->playing && s->given_up) {
            ffdmx_queue_pop(ctx, true);
            continue;
        }
        if (gp_pid_would_block(s->opid))
            return GP_OK; /* the engine calls process again once it drains */
        ffdmx_queue_pop(ctx, false);
        GpErr e = ffdmx_send(ctx, s, pkt);
        if (e)
            return e;
    }
    gp_filter_post_process(f);
    return GP_OK;
}

/* ---- events ---- */

/* PLAY from start seconds: seek backward to the keyframe before it (or back to the
 * start for a new PLAY once packets left), packets before start are flagged seek. */
static void
ffdmx_seek(GpFilter *f, FfdmxCtx *ctx, double start)
{
    if (start < 0)
        start = 0;
    if (start == 0 && !ctx->sent_any)
        return; /* the read-ahead queue already starts at the beginning */
    int64_t target = (int64_t)(start * AV_TIME_BASE);
    if (ctx->fc->start_time != AV_NOPTS_VALUE)
        target += ctx->fc->start_time;
    int ret = av_seek_frame(ctx->fc, -1, target, AVSEEK_FLAG_BACKWARD);
    if (ret < 0 && start == 0)
        ret = avio_seek(ctx->pb, 0, SEEK_SET) < 0 ? ret : 0;
    if (ret < 0) {
        char buf[AV_ERROR_MAX_STRING_SIZE];
        GP_LOG(CONTAINER, WARNING, "ffdmx: seek to %.3f s in '%s' failed: %s", start, ctx->src,
               ffg_errstr(ret, buf, sizeof(buf)));
        return;
    }
    ffdmx_queue_flush(ctx);
    ctx->eof = ctx->done = ctx->sent_any = false;
    ctx->seeked = true;
    for (uint32_t i = 0; i < ctx->nb_streams; i++) {
        FfdmxStream *s = &ctx->streams[i];
        AVRational tb = s->st->time_base;
        s->seek_from = start > 0 ? av_rescale_q(target, AV_TIME_BASE_Q, tb) : INT64_MIN;
        if (s->eos && s->opid && !s->stopped) {
            gp_pid_clear_eos(s->opid);
            s->eos = false;
        }
    }
    gp_filter_post_process(f);
}

static bool
ffdmx_process_event(GpFilter *f, const GpEvent *evt)
{
    FfdmxCtx *ctx = gp_filter_priv(f);
    FfdmxStream *s = NULL;
    for (uint32_t i = 0; i < ctx->nb_streams && evt->base.on_pid; i++)
        if (ctx->streams[i].opid == evt->base.on_pid)
            s = &ctx->streams[i];
    if (!s)
        return false;
    if (evt->base.type == GP_FEVT_PLAY) {
        double start = evt->play.start_range > 0 ? evt->play.start_range : 0;
        if (!s->playing)
            ctx->nb_playing++;
        s->playing = true;
        s->given_up = false;
        if (s->stopped && s->eos && !ctx->done) {
            gp_pid_clear_eos(s->opid);
            s->eos = false;
        }
        s->stopped = false;
        /* one seek for the PIDs played together; a different start seeks again */
        if (ctx->play_start < 0 || fabs(start - ctx->play_start) > 1e-6 || ctx->done)
            ffdmx_seek(f, ctx, start);
        ctx->play_start = start;
        gp_filter_post_process(f);
        return true;
    }
    if (evt->base.type == GP_FEVT_STOP) {
        if (s->playing && ctx->nb_playing)
            ctx->nb_playing--;
        s->playing = false;
        s->stopped = true;
        if (!s->eos)
            gp_pid_set_eos(s->opid);
        s->eos = true;
        if (!ctx->nb_playing)
            ctx->play_start = -1;
        gp_filter_post_process(f);
        return true;
    }
    return false;
}

static void
ffdmx_finalize(GpFilter *f)
{
    FfdmxCtx *ctx = gp_filter_priv(f);
    ffdmx_queue_flush(ctx);
    if (ctx->fc)
        avformat_close_input(&ctx->fc); /* custom I/O: ctx->pb stays ours */
    ffg_avio_close(&ctx->pb);
    free(ctx->streams);
    ctx->streams = NULL;
}

static const GpArg ffdmx_args[] = {
    GP_ARG(FfdmxCtx, src, GP_PROP_STRING, NULL, NULL,
           "URL of the source (a local path, file:// or any scheme of the I/O layer)"),
    GP_ARG(FfdmxCtx, fmt, GP_PROP_STRING, NULL, NULL,
           "FFmpeg input format to use instead of probing (e.g. h264, mpegts)"),
    GP_ARGF(FfdmxCtx, probesize, GP_PROP_UINT, "0", NULL,
            "bytes FFmpeg probes to find the format and streams (0: FFmpeg's default)",
            GP_ARG_HINT_EXPERT),
    GP_ARGF(FfdmxCtx, analyzeduration, GP_PROP_UINT, "0", NULL,
            "microseconds of media FFmpeg analyses to find stream parameters (0: default)",
            GP_ARG_HINT_EXPERT),
};

static const GpCap ffdmx_caps[] = {
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_STREAM_TYPE, GP_STREAM_FILE),
};

const GpFilterClass gp_filter_ffdmx = {
    .name = "ffdmx",
    .help = GP_HELP("Demultiplex a file with FFmpeg (MP4, fragmented MP4, MOV, MPEG-TS, "
                    "MKV, WebM, raw .h264/.hevc/.aac/.ivf and every other format FFmpeg "
                    "reads), reading through the engine's I/O layer. One PID per stream "
                    "(ID = stream index + 1) with StreamType, CodecID, Timescale (the "
                    "stream time base), Width/Height/FPS/SAR, SampleRate/NumChannels/"
                    "ChannelLayout, DecoderConfig, Duration, Bitrate, NumFrames, Language; "
                    "Delay when the first timestamps are negative (they are shifted to 0). "
                    "Packets carry dts, cts, dur, sap (keyframes), byte offset and the "
                    "corrupted flag. PLAY with a start time seeks to the keyframe before it "
                    "and flags the packets before the target seek.\n"
                    "Example: gpac -i video.mkv inspect"),
    .priv_size = sizeof(FfdmxCtx),
    .priority = -1, /* wins ties with fin for media files */
    GP_ARGS(ffdmx_args),
    GP_CAPS(ffdmx_caps),
    .initialize = ffdmx_initialize,
    .process = ffdmx_process,
    .process_event = ffdmx_process_event,
    .finalize = ffdmx_finalize,
    .probe_url = ffdmx_probe_url,
};
