/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffmx: FFmpeg muxer and sink. Writes every coded input PID into one container picked
 * from the destination's extension or the fmt option (mp4, fragmented mp4, mov, ts, mkv,
 * webm, DASH .mpd, HLS .m3u8, raw .264/.aac ...), every file through the I/O layer. Its
 * input caps are built from the format's codec list (ffmx_caps.c), so resolution
 * inserts an encoder for raw input and asks it for a codec the format carries. The
 * header is written once every input has a first packet; bitstream conversions (avcC
 * to Annex B for TS, ADTS to raw AAC for MP4 ...) are FFmpeg's automatic filters.
 * Not here: a PID connecting after the header (refused), chapters, attachments. */
#include <stdlib.h>
#include <string.h>

#include <libavutil/opt.h>

#include "gp/gp.h"
#include "filters.h"
#include "ffmx.h"

#define FFMX_P_DELAY GP_4CC('M', 'D', 'L', 'Y')
#define FFMX_P_BITRATE GP_4CC('R', 'A', 'T', 'E')
#define FFMX_P_FFID GP_4CC('F', 'F', 'I', 'D')
/* Inputs buffer this much while the header waits for a first packet on each (a TS
 * carries seconds of video before its first audio packet); past it, the header goes. */
#define FFMX_INPUT_BUFFER_US 8000000u
#define FFMX_HEADER_WAIT_US 5000000u
#define FFMX_HEADER_WAIT_PCK 1000u
#define FFMX_MAX_HELD 16

/* One input PID. Its AVStream exists once the header is written. */
typedef struct FfmxStream {
    GpPid *ipid;
    enum AVCodecID codec_id;
    AVStream *st;
    uint32_t timescale;
    int64_t delay;   /* Delay property: added to cts and dts (<= 0: encoder/edit delay) */
    uint64_t nb_pck;
    bool eos;
    GpPacket *held[FFMX_MAX_HELD]; /* packets without dts, waiting for one that has it */
    uint32_t nb_held;
} FfmxStream;

typedef struct FfmxCtx {
    /* options */
    char *dst;
    char *fmt;
    bool frag;
    double cdur;
    double segdur;

    /* state */
    const AVOutputFormat *ofmt;
    AVFormatContext *oc;
    AVPacket *pkt;
    FfmxStream *streams;
    uint32_t nb_streams;
    bool header_written;
    bool done;      /* trailer written (or failure): later packets are dropped */
    uint64_t nb_written;
    GpCap *caps;    /* instance caps (ffmx_caps.c) */
    uint32_t nb_caps;
} FfmxCtx;

static GpErr
ffmx_fail(GpFilter *f, FfmxCtx *ctx, int averr, const char *what)
{
    char buf[AV_ERROR_MAX_STRING_SIZE];
    GpErr e = averr ? ffg_err(averr) : GP_NOT_SUPPORTED;
    if (e >= 0)
        e = GP_IO_ERR;
    gp_session_set_error(gp_filter_session(f), e, ctx->dst, "ffmx: %s '%s'%s%s", what,
                         ctx->dst, averr ? ": " : "",
                         averr ? ffg_errstr(averr, buf, sizeof(buf)) : "");
    return e;
}

static FfmxStream *
ffmx_find(FfmxCtx *ctx, GpPid *ipid)
{
    for (uint32_t i = 0; i < ctx->nb_streams; i++)
        if (ctx->streams[i].ipid == ipid)
            return &ctx->streams[i];
    return NULL;
}

/* FFmpeg codec of a PID: its CodecID, or the FFmpeg id kept by ffdmx/ffenc for codecs
 * without an engine id. */
static enum AVCodecID
ffmx_pid_codec(GpPid *ipid)
{
    uint32_t codecid = gp_pid_get_uint(ipid, GP_P_CODECID, 0);
    if (codecid != FFMX_P_FFID)
        return ffg_codec_from_gp(codecid);
    const GpPropValue *v = gp_pid_get_prop(ipid, 0, "ffmpeg:codec_id");
    return v && v->type == GP_PROP_UINT ? (enum AVCodecID)v->value.uint : AV_CODEC_ID_NONE;
}

static void
ffmx_read_timing(FfmxStream *s)
{
    const GpPropValue *d = gp_pid_get_prop(s->ipid, FFMX_P_DELAY, NULL);
    s->timescale = gp_pid_get_uint(s->ipid, GP_P_TIMESCALE, 0);
    s->delay = d && d->type == GP_PROP_LSINT ? d->value.lsint : 0;
}

/* ---- header ---- */

static int
ffmx_set_extradata(AVCodecParameters *par, GpPid *ipid)
{
    const GpPropValue *dcfg = gp_pid_get_prop(ipid, GP_P_DECODER_CONFIG, NULL);
    if (!dcfg || dcfg->type != GP_PROP_DATA || !dcfg->value.data.size)
        return 0;
    par->extradata = av_mallocz(dcfg->value.data.size + AV_INPUT_BUFFER_PADDING_SIZE);
    if (!par->extradata)
        return AVERROR(ENOMEM);
    memcpy(par->extradata, dcfg->value.data.ptr, dcfg->value.data.size);
    par->extradata_size = (int)dcfg->value.data.size;
    return 0;
}

static GpFrac
ffmx_frac(GpPid *ipid, uint32_t code)
{
    const GpPropValue *v = gp_pid_get_prop(ipid, code, NULL);
    GpFrac zero = {0, 1};
    return v && v->type == GP_PROP_FRACTION && v->value.frac.num > 0 && v->value.frac.den
               ? v->value.frac
               : zero;
}

/* Stream parameters from the PID's properties as of its first packet. */
static int
ffmx_fill_stream(FfmxStream *s, AVStream *st)
{
    AVCodecParameters *par = st->codecpar;
    GpPid *ipid = s->ipid;
    uint32_t type = gp_pid_get_uint(ipid, GP_P_STREAM_TYPE, 0);
    par->codec_type = type == GP_STREAM_VISUAL  ? AVMEDIA_TYPE_VIDEO
                      : type == GP_STREAM_AUDIO ? AVMEDIA_TYPE_AUDIO
                      : type == GP_STREAM_TEXT  ? AVMEDIA_TYPE_SUBTITLE
                                                : AVMEDIA_TYPE_DATA;
    par->codec_id = s->codec_id;
    par->bit_rate = gp_pid_get_uint(ipid, FFMX_P_BITRATE, 0);
    if (par->codec_type == AVMEDIA_TYPE_VIDEO) {
        GpFrac sar = ffmx_frac(ipid, GP_P_SAR), fps = ffmx_frac(ipid, GP_P_FPS);
        par->width = (int)gp_pid_get_uint(ipid, GP_P_WIDTH, 0);
        par->height = (int)gp_pid_get_uint(ipid, GP_P_HEIGHT, 0);
        if (sar.num)
            par->sample_aspect_ratio = st->sample_aspect_ratio =
                (AVRational){sar.num, (int)sar.den};
        if (fps.num)
            st->avg_frame_rate = (AVRational){fps.num, (int)fps.den};
    } else if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
        const GpPropValue *lay = gp_pid_get_prop(ipid, GP_P_CHANNEL_LAYOUT, NULL);
        int ch = (int)gp_pid_get_uint(ipid, GP_P_NUM_CHANNELS, 0);
        par->sample_rate = (int)gp_pid_get_uint(ipid, GP_P_SAMPLE_RATE, 0);
        par->frame_size = (int)gp_pid_get_uint(ipid, GP_P_SAMPLES_PER_FRAME, 0);
        if (!lay || lay->type != GP_PROP_LUINT ||
            av_channel_layout_from_mask(&par->ch_layout, lay->value.luint) < 0 ||
            par->ch_layout.nb_channels != ch)
            av_channel_layout_default(&par->ch_layout, ch > 0 ? ch : 2);
    }
    const GpPropValue *lang = gp_pid_get_prop(ipid, GP_P_LANGUAGE, NULL);
    if (lang && lang->type == GP_PROP_STRING && lang->value.string && *lang->value.string)
        av_dict_set(&st->metadata, "language", lang->value.string, 0);
    st->time_base = (AVRational){1, (int)s->timescale};
    return ffmx_set_extradata(par, ipid);
}

/* Is the format one of "a,b,c"? */
static bool
ffmx_is(const FfmxCtx *ctx, const char *names)
{
    size_t n = strlen(ctx->ofmt->name);
    for (const char *p = names; p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && !strncmp(p, ctx->ofmt->name, n))
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* Muxer options from ours: fragmentation, DASH/HLS segment duration. */
static int
ffmx_muxer_options(GpFilter *f, FfmxCtx *ctx, AVDictionary **opts)
{
    char num[32];
    int ret = 0;
    bool isom = ffmx_is(ctx, "mp4,mov,ismv,ipod,3gp,3g2,psp,f4v");
    if (ctx->frag || ctx->cdur > 0) {
        if (!isom)
            GP_LOG(CONTAINER, WARNING, "ffmx: frag/cdur ignored for format %s", ctx->ofmt->name);
        else
            /* delay_moov rather than empty_moov: the moov (still before the first
             * moof) then carries the edit lists of B-frame and audio priming delays */
            ret = av_dict_set(opts, "movflags", "+frag_keyframe+delay_moov+default_base_moof",
                              0);
        if (ret >= 0 && isom && ctx->cdur > 0)
            ret = av_dict_set_int(opts, "frag_duration", (int64_t)(ctx->cdur * 1e6), 0);
    }
    if (ret >= 0 && ctx->segdur > 0) {
        snprintf(num, sizeof(num), "%g", ctx->segdur);
        if (ffmx_is(ctx, "dash"))
            ret = av_dict_set(opts, "seg_duration", num, 0);
        else if (ffmx_is(ctx, "hls"))
            ret = av_dict_set(opts, "hls_time", num, 0);
        else
            GP_LOG(CONTAINER, WARNING, "ffmx: segdur ignored for format %s", ctx->ofmt->name);
    }
    (void)f;
    return ret;
}

static GpErr
ffmx_write_header(GpFilter *f, FfmxCtx *ctx)
{
    AVDictionary *opts = NULL;
    int ret = 0;
    for (uint32_t i = 0; i < ctx->nb_streams && ret >= 0; i++) {
        FfmxStream *s = &ctx->streams[i];
        if (!s->ipid)
            continue; /* removed before the header: no stream for it */
        ffmx_read_timing(s);
        if (!s->timescale) {
            gp_session_set_error(gp_filter_session(f), GP_NOT_SUPPORTED, ctx->dst,
                                 "ffmx: PID %s has no Timescale", gp_pid_name(s->ipid));
            return GP_NOT_SUPPORTED;
        }
        s->st = avformat_new_stream(ctx->oc, NULL);
        ret = s->st ? ffmx_fill_stream(s, s->st) : AVERROR(ENOMEM);
    }
    ret = ret < 0 ? ret : ffmx_muxer_options(f, ctx, &opts);
    ret = ret < 0 ? ret : avformat_write_header(ctx->oc, &opts);
    const AVDictionaryEntry *left = av_dict_get(opts, "", NULL, AV_DICT_IGNORE_SUFFIX);
    if (ret >= 0 && left)
        GP_LOG(CONTAINER, WARNING, "ffmx: format %s ignored option %s", ctx->ofmt->name,
               left->key);
    av_dict_free(&opts);
    if (ret < 0)
        return ffmx_fail(f, ctx, ret, "cannot write the header of");
    ctx->header_written = true;
    return GP_OK;
}

/* ---- packets ---- */

/* Writes one packet; dts in the PID timescale, before Delay. */
static GpErr
ffmx_mux(GpFilter *f, FfmxCtx *ctx, FfmxStream *s, GpPacket *pck, int64_t dts)
{
    const GpPacketInfo *info = gp_packet_info_const(pck);
    uint32_t size = 0;
    const uint8_t *data = gp_packet_data(pck, &size);
    AVPacket *pkt = ctx->pkt;
    int ret = av_new_packet(pkt, (int)size);
    if (ret < 0)
        return ffmx_fail(f, ctx, ret, "cannot allocate a packet for");
    if (size)
        memcpy(pkt->data, data, size);
    int64_t cts = info->cts != GP_NO_TS ? (int64_t)info->cts : dts;
    pkt->pts = cts + s->delay;
    pkt->dts = dts + s->delay;
    pkt->duration = info->dur;
    pkt->flags = info->sap >= 1 && info->sap <= 3 ? AV_PKT_FLAG_KEY : 0;
    pkt->stream_index = s->st->index;
    av_packet_rescale_ts(pkt, (AVRational){1, (int)s->timescale}, s->st->time_base);
    /* takes the packet's data reference in all cases */
    ret = av_interleaved_write_frame(ctx->oc, pkt);
    if (ret < 0)
        return ffmx_fail(f, ctx, ret, "cannot write a packet to");
    s->nb_pck++;
    ctx->nb_written++;
    return GP_OK;
}

/* Writes the packets held for lack of a dts. With `next_dts` (the dts of the packet that
 * follows them), theirs are counted back from it by their durations, as the source had
 * them (MKV leaves the dts of the first B-frame-delayed packets out); without, dts =
 * cts, right for streams without reordering. */
static GpErr
ffmx_flush_held(GpFilter *f, FfmxCtx *ctx, FfmxStream *s, const int64_t *next_dts)
{
    int64_t dts[FFMX_MAX_HELD];
    int64_t t = next_dts ? *next_dts : 0;
    GpErr e = GP_OK;
    for (uint32_t i = s->nb_held; i > 0; i--) {
        const GpPacketInfo *info = gp_packet_info_const(s->held[i - 1]);
        t -= info->dur ? info->dur : 1;
        dts[i - 1] = next_dts ? t : (int64_t)info->cts;
    }
    for (uint32_t i = 0; i < s->nb_held; i++) {
        if (!e)
            e = ffmx_mux(f, ctx, s, s->held[i], dts[i]);
        gp_packet_unref(s->held[i]);
    }
    s->nb_held = 0;
    return e;
}

static GpErr
ffmx_write_packet(GpFilter *f, FfmxCtx *ctx, FfmxStream *s, GpPacket *pck)
{
    const GpPacketInfo *info = gp_packet_info_const(pck);
    if (info->cts == GP_NO_TS && info->dts == GP_NO_TS) {
        gp_session_set_error(gp_filter_session(f), GP_NON_COMPLIANT_BITSTREAM, ctx->dst,
                             "ffmx: packet without timestamps on PID %s",
                             gp_pid_name(s->ipid));
        return GP_NON_COMPLIANT_BITSTREAM;
    }
    if (info->dts == GP_NO_TS) {
        if (s->nb_held < FFMX_MAX_HELD) {
            s->held[s->nb_held++] = gp_packet_ref(pck);
            return GP_OK;
        }
        GpErr e = ffmx_flush_held(f, ctx, s, NULL);
        return e ? e : ffmx_mux(f, ctx, s, pck, (int64_t)info->cts);
    }
    int64_t dts = (int64_t)info->dts;
    GpErr e = s->nb_held ? ffmx_flush_held(f, ctx, s, &dts) : GP_OK;
    return e ? e : ffmx_mux(f, ctx, s, pck, dts);
}

static GpErr
ffmx_finish(GpFilter *f, FfmxCtx *ctx)
{
    int ret = 0;
    ctx->done = true;
    if (ctx->header_written)
        ret = av_write_trailer(ctx->oc);
    GpErr e = ctx->oc->pb && !(ctx->ofmt->flags & AVFMT_NOFILE) ? ffg_avio_close(&ctx->oc->pb)
                                                                 : GP_OK;
    if (ret < 0)
        return ffmx_fail(f, ctx, ret, "cannot finish");
    if (e) {
        gp_session_set_error(gp_filter_session(f), e, ctx->dst,
                             "ffmx: cannot write output '%s': %s", ctx->dst, gp_strerror(e));
        return e;
    }
    if (!ctx->nb_written) {
        gp_session_set_error(gp_filter_session(f), GP_NOT_FOUND, ctx->dst,
                             "ffmx: no packet to write to '%s'", ctx->dst);
        return GP_NOT_FOUND;
    }
    return GP_EOS;
}

/* ---- callbacks ---- */

static GpErr
ffmx_open_output(GpFilter *f, FfmxCtx *ctx)
{
    GpErr e = GP_OK;
    if (!(ctx->ofmt->flags & AVFMT_NOFILE)) {
        ctx->oc->pb = ffg_avio_open(ctx->dst, "wb", &e);
    } else {
        /* DASH/HLS open their files themselves: check that the manifest can be written */
        GpIo *io = gp_io_open(ctx->dst, "wb", &e);
        if (io)
            e = gp_io_close(io);
    }
    if ((!(ctx->ofmt->flags & AVFMT_NOFILE) && !ctx->oc->pb) || e) {
        gp_session_set_error(gp_filter_session(f), e ? e : GP_IO_ERR, ctx->dst,
                             "ffmx: cannot open output '%s': %s", ctx->dst,
                             gp_strerror(e ? e : GP_IO_ERR));
        return e ? e : GP_IO_ERR;
    }
    return GP_OK;
}

static GpErr
ffmx_initialize(GpFilter *f)
{
    FfmxCtx *ctx = gp_filter_priv(f);
    GpSession *s = gp_filter_session(f);
    if (!ctx->dst || !*ctx->dst) {
        gp_session_set_error(s, GP_BAD_PARAM, NULL, "ffmx: no dst given");
        return GP_BAD_PARAM;
    }
    bool has_fmt = ctx->fmt && *ctx->fmt;
    ctx->ofmt = av_guess_format(has_fmt ? ctx->fmt : NULL, has_fmt ? NULL : ctx->dst, NULL);
    if (!ctx->ofmt) {
        if (has_fmt)
            gp_session_set_error(s, GP_NOT_SUPPORTED, ctx->dst,
                                 "ffmx: unknown format '%s' for '%s' (ffmpeg -muxers lists "
                                 "them)", ctx->fmt, ctx->dst);
        else
            gp_session_set_error(s, GP_NOT_SUPPORTED, ctx->dst,
                                 "ffmx: cannot tell the format of '%s' from its extension: "
                                 "give fmt=NAME (ffmpeg -muxers lists them)", ctx->dst);
        return GP_NOT_SUPPORTED;
    }
    int ret = avformat_alloc_output_context2(&ctx->oc, ctx->ofmt, NULL, ctx->dst);
    ctx->pkt = ret >= 0 ? av_packet_alloc() : NULL;
    if (!ctx->oc || !ctx->pkt)
        return GP_OUT_OF_MEM;
    ffg_install_io(ctx->oc);
    GpErr e = ffmx_open_output(f, ctx);
    if (e)
        return e;
    e = ffmx_caps_build(ctx->ofmt, &ctx->caps, &ctx->nb_caps);
    if (e == GP_NOT_SUPPORTED)
        gp_session_set_error(s, e, ctx->dst, "ffmx: format %s carries no codec ffmx knows",
                             ctx->ofmt->name);
    if (e)
        return e;
    gp_filter_set_caps(f, ctx->caps, ctx->nb_caps);
    return GP_OK;
}

static GpErr
ffmx_add_stream(GpFilter *f, FfmxCtx *ctx, GpPid *ipid)
{
    char what[200];
    enum AVCodecID id = ffmx_pid_codec(ipid);
    const char *name = gp_codec_name(gp_pid_get_uint(ipid, GP_P_CODECID, 0));
    if (ctx->header_written) {
        GP_LOG(CONTAINER, WARNING, "ffmx: PID %s arrived after the header of '%s' was "
               "written: not muxed", gp_pid_name(ipid), ctx->dst);
        return GP_NOT_SUPPORTED;
    }
    if (id == AV_CODEC_ID_NONE || !avformat_query_codec(ctx->ofmt, id, FF_COMPLIANCE_NORMAL)) {
        snprintf(what, sizeof(what), "format %s cannot carry codec %s (PID %s) in",
                 ctx->ofmt->name, id == AV_CODEC_ID_NONE ? name : avcodec_get_name(id),
                 gp_pid_name(ipid));
        GP_LOG(CONTAINER, WARNING, "ffmx: %s '%s'", what, ctx->dst);
        return GP_NOT_SUPPORTED;
    }
    FfmxStream *streams = realloc(ctx->streams, (ctx->nb_streams + 1) * sizeof(*streams));
    if (!streams)
        return GP_OUT_OF_MEM;
    ctx->streams = streams;
    FfmxStream *s = &streams[ctx->nb_streams++];
    memset(s, 0, sizeof(*s));
    s->ipid = ipid;
    s->codec_id = id;
    gp_pid_set_max_buffer(ipid, FFMX_INPUT_BUFFER_US);
    GpEvent evt;
    gp_event_init(&evt, GP_FEVT_PLAY, ipid);
    return gp_pid_send_event(ipid, &evt);
}

static GpErr
ffmx_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    FfmxCtx *ctx = gp_filter_priv(f);
    FfmxStream *s = ffmx_find(ctx, ipid);
    if (is_remove) {
        if (s) {
            s->eos = true;
            s->ipid = NULL; /* the handle goes with the removal */
        }
        gp_filter_post_process(f);
        return GP_OK;
    }
    if (!s)
        return ffmx_add_stream(f, ctx, ipid);
    if (ctx->header_written) {
        /* only timing can follow a change once the header is out */
        uint32_t ts = s->timescale;
        ffmx_read_timing(s);
        if (!s->timescale)
            s->timescale = ts;
    }
    return GP_OK;
}

/* True once every input has a packet waiting or is at its end, or once one input has
 * so much queued that waiting longer for the others would stall its producer (a
 * stream starting late in the source: its properties are all there is to know). */
static bool
ffmx_inputs_ready(FfmxCtx *ctx)
{
    bool all = true, flooded = false;
    for (uint32_t i = 0; i < ctx->nb_streams; i++) {
        FfmxStream *s = &ctx->streams[i];
        if (s->eos)
            continue;
        if (!gp_pid_get_packet(s->ipid) && !gp_pid_is_eos(s->ipid))
            all = false;
        flooded |= gp_pid_buffer_duration_us(s->ipid) >= FFMX_HEADER_WAIT_US ||
                   gp_pid_nb_packets_queued(s->ipid) >= FFMX_HEADER_WAIT_PCK;
    }
    if (!all && flooded)
        GP_LOG(CONTAINER, INFO, "ffmx: writing the header of '%s' before every input has "
               "a packet", ctx->dst);
    return ctx->nb_streams > 0 && (all || flooded);
}

static GpErr
ffmx_process(GpFilter *f)
{
    FfmxCtx *ctx = gp_filter_priv(f);
    if (ctx->done) {
        for (uint32_t i = 0; i < ctx->nb_streams; i++)
            while (ctx->streams[i].ipid && gp_pid_get_packet(ctx->streams[i].ipid))
                gp_pid_drop_packet(ctx->streams[i].ipid);
        return GP_EOS;
    }
    if (!ctx->header_written) {
        if (!ffmx_inputs_ready(ctx))
            return GP_OK;
        GpErr e = ffmx_write_header(f, ctx);
        if (e) {
            ctx->done = true;
            return e;
        }
    }
    uint32_t nb_eos = 0;
    for (uint32_t i = 0; i < ctx->nb_streams; i++) {
        FfmxStream *s = &ctx->streams[i];
        GpPacket *pck;
        while (!s->eos && (pck = gp_pid_get_packet(s->ipid))) {
            GpErr e = ffmx_write_packet(f, ctx, s, pck);
            gp_pid_drop_packet(s->ipid);
            if (e) {
                ctx->done = true;
                return e;
            }
        }
        if (!s->eos && gp_pid_is_eos(s->ipid))
            s->eos = true;
        if (s->eos && s->nb_held) {
            GpErr e = ffmx_flush_held(f, ctx, s, NULL);
            if (e) {
                ctx->done = true;
                return e;
            }
        }
        nb_eos += s->eos;
    }
    return nb_eos == ctx->nb_streams ? ffmx_finish(f, ctx) : GP_OK;
}

static void
ffmx_finalize(GpFilter *f)
{
    FfmxCtx *ctx = gp_filter_priv(f);
    /* stopped early (abort): still close the container so what was written is usable */
    if (ctx->oc && !ctx->done && ctx->header_written)
        av_write_trailer(ctx->oc);
    if (ctx->oc && ctx->oc->pb && !(ctx->ofmt->flags & AVFMT_NOFILE))
        ffg_avio_close(&ctx->oc->pb);
    avformat_free_context(ctx->oc);
    ctx->oc = NULL;
    av_packet_free(&ctx->pkt);
    for (uint32_t i = 0; i < ctx->nb_streams; i++)
        for (uint32_t k = 0; k < ctx->streams[i].nb_held; k++)
            gp_packet_unref(ctx->streams[i].held[k]);
    free(ctx->streams);
    ctx->streams = NULL;
    ctx->nb_streams = 0;
    gp_filter_set_caps(f, gp_filter_class(f)->caps, gp_filter_class(f)->nb_caps);
    free(ctx->caps);
    ctx->caps = NULL;
}

static int
ffmx_probe_url(const char *url, const char *mime)
{
    if (!url || (!filters_url_local_path(url) && !gp_io_scheme_of(url)))
        return GP_PROBE_NOT_SUPPORTED;
    const AVOutputFormat *o = av_guess_format(NULL, url, mime);
    return o && ffmx_caps_format_usable(o) ? GP_PROBE_SUPPORTED : GP_PROBE_NOT_SUPPORTED;
}

static const GpArg ffmx_args[] = {
    GP_ARG(FfmxCtx, dst, GP_PROP_STRING, NULL, NULL,
           "destination URL; its extension picks the format unless fmt is given"),
    GP_ARG(FfmxCtx, fmt, GP_PROP_STRING, NULL, NULL,
           "FFmpeg format name (mp4, mpegts, matroska, webm, mov, dash, hls ...; "
           "ffmpeg -muxers lists them)"),
    GP_ARG(FfmxCtx, frag, GP_PROP_BOOL, "false", NULL,
           "fragmented MP4/MOV: a fragment per key frame, default-base-is-moof"),
    GP_ARG(FfmxCtx, cdur, GP_PROP_DOUBLE, "0", NULL,
           "fragment duration in seconds (implies frag); 0: one fragment per key frame"),
    GP_ARG(FfmxCtx, segdur, GP_PROP_DOUBLE, "0", NULL,
           "DASH/HLS segment duration in seconds; 0: the muxer's default"),
};

static const GpCap ffmx_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT_STATIC | GP_CAPFLAG_EXCLUDED, GP_P_CODECID, GP_CODEC_RAW),
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_END_BUNDLE,
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_AUDIO),
    GP_CAP_END_BUNDLE,
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_TEXT),
};

const GpFilterClass gp_filter_ffmx = {
    .name = "ffmx",
    .help = GP_HELP("Mux coded streams with FFmpeg into the file named by dst: the format "
                    "comes from its extension (.mp4, .mov, .ts, .mkv, .webm, .mpd for DASH, "
                    ".m3u8 for HLS, .264, .aac ...) or from fmt; frag or cdur make a "
                    "fragmented MP4. Every input's first packet is awaited before the "
                    "header is written; the trailer is written when every input has "
                    "ended. Raw inputs get an encoder inserted by resolution, asked for a "
                    "codec the format carries. Segments and playlists go through the I/O "
                    "layer like the main file.\n"
                    "Example: gpac -i in.mp4 -o out.ts"),
    .priv_size = sizeof(FfmxCtx),
    .max_extra_pids = -1,
    GP_ARGS(ffmx_args),
    GP_CAPS(ffmx_caps),
    .initialize = ffmx_initialize,
    .configure_pid = ffmx_configure_pid,
    .process = ffmx_process,
    .finalize = ffmx_finalize,
    .probe_url = ffmx_probe_url,
};
