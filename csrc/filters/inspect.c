/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* inspect: a sink that accepts every PID, sends PLAY, and prints each PID's properties
 * and (with deep) one line per packet or reassembled frame, then a summary at end of
 * stream. Not here: GPAC's fmt templates, xml output, bitstream analysis (analyze). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gp/gp.h"
#include "filters.h"

enum { INSPECT_MODE_PCK = 0, INSPECT_MODE_BLK, INSPECT_MODE_FRAME, INSPECT_MODE_RAW };

/* One input PID. done: EOS reached, PID removed, or stopped by dur (later packets are
 * dropped unprinted). */
typedef struct InspectPid {
    GpPid *ipid;
    uint32_t idx;   /* 1-based, in configuration order */
    char name[128]; /* copied at configure: the PID may be gone at finalize */
    uint32_t nb_configure;
    uint32_t timescale;
    uint64_t nb_pck, nb_bytes, nb_frames;
    uint64_t first_ts; /* first timestamp seen, for dur; GP_NO_TS until then */
    FILE *tmp;         /* this PID's report when interleave is off */
    bool done, stopped;
    /* frame mode: the frame being reassembled */
    bool in_frame;
    GpPacketInfo frame_info; /* of its first packet; dur summed */
    uint64_t frame_size;
    uint32_t frame_nb_pck, frame_crc;
    /* nopad: planes of raw video (bytes per line, lines, line pitch); 0 planes: none */
    uint32_t nb_planes, line[4], lines[4], pitch[4];
} InspectPid;

typedef struct InspectCtx {
    /* options */
    char *log;
    uint32_t mode;
    bool interleave;
    bool deep;
    bool props;
    GpFrac dur;
    bool nopad;

    /* state */
    FILE *out; /* NULL for log=null */
    bool out_open;
    InspectPid **pids;
    uint32_t nb_pids;
    bool finished; /* summary written, log closed */
} InspectCtx;

/* CRC-32 (IEEE 802.3, as zlib's crc32), four bits at a time. */
static const uint32_t inspect_crc_nibbles[16] = {
    0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4,
    0x4DB26158, 0x5005713C, 0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C,
    0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
};

static uint32_t
inspect_crc32(uint32_t crc, const uint8_t *data, uint32_t size)
{
    crc = ~crc;
    for (uint32_t i = 0; i < size; i++) {
        crc ^= data[i];
        crc = (crc >> 4) ^ inspect_crc_nibbles[crc & 15];
        crc = (crc >> 4) ^ inspect_crc_nibbles[crc & 15];
    }
    return ~crc;
}

/* Where the lines of a PID go: its temporary report, the log, or nowhere. */
static FILE *
inspect_dest(const InspectCtx *ctx, const InspectPid *p)
{
    if (!ctx->out)
        return NULL;
    return p && p->tmp ? p->tmp : ctx->out;
}

static InspectPid *
inspect_find(const InspectCtx *ctx, const GpPid *ipid)
{
    for (uint32_t i = 0; i < ctx->nb_pids; i++)
        if (ctx->pids[i]->ipid == ipid)
            return ctx->pids[i];
    return NULL;
}

/* Property value as text: StreamType, CodecID, PixelFormat and AudioFormat by name. */
static const char *
inspect_value(uint32_t code, const GpPropValue *v, char *buf, uint32_t size)
{
    const char *name = NULL;
    bool is_uint = v->type == GP_PROP_UINT;
    if (code == GP_P_STREAM_TYPE && is_uint)
        name = gp_stream_type_name(v->value.uint);
    else if (code == GP_P_CODECID && is_uint)
        name = gp_codec_name(v->value.uint);
    else if (v->type == GP_PROP_PIXFMT || (code == GP_P_PIXFMT && is_uint))
        name = gp_pixfmt_long_name(v->value.uint);
    else if (v->type == GP_PROP_PCMFMT || (code == GP_P_AUDIO_FORMAT && is_uint))
        name = gp_audio_fmt_long_name(v->value.uint);
    if (name)
        return name;
    return gp_prop_dump(v, buf, size);
}

static void
inspect_print_prop(FILE *out, const char *indent, uint32_t code, const char *name,
                   const GpPropValue *v)
{
    char buf[512], fourcc[5];
    if (!name || !*name) {
        for (int i = 0; i < 4; i++)
            fourcc[i] = (char)((code >> (24 - 8 * i)) & 0xff);
        fourcc[4] = 0;
        name = fourcc;
    }
    fprintf(out, "%s%s (%s): %s\n", indent, name, gp_prop_type_name(v->type),
            inspect_value(code, v, buf, sizeof(buf)));
}

static void
inspect_print_pid(InspectCtx *ctx, InspectPid *p)
{
    FILE *out = inspect_dest(ctx, p);
    if (!out)
        return;
    fprintf(out, "PID %u name: %s%s\n", p->idx, p->name,
            p->nb_configure > 1 ? " (reconfigured)" : "");
    uint32_t idx = 0, code = 0;
    const char *name = NULL;
    const GpPropValue *v;
    while ((v = gp_pid_enum_props(p->ipid, &idx, &code, &name)))
        inspect_print_prop(out, "  ", code, name, v);
}

static void
inspect_fmt_ts(uint64_t ts, char *buf, size_t size)
{
    if (ts == GP_NO_TS)
        snprintf(buf, size, "N/A");
    else
        snprintf(buf, size, "%llu", (unsigned long long)ts);
}

/* One packet (kind "PCK") or reassembled frame ("FRAME") line. */
static void
inspect_print_unit(FILE *out, const InspectPid *p, const char *kind, uint64_t num,
                   const GpPacketInfo *info, uint64_t size, uint32_t crc)
{
    char dts[24], cts[24];
    inspect_fmt_ts(info->dts, dts, sizeof(dts));
    inspect_fmt_ts(info->cts, cts, sizeof(cts));
    const char *framing = info->start ? (info->end ? "full" : "start")
                                      : (info->end ? "end" : "cont");
    fprintf(out, "PID %u %s %llu - DTS %s CTS %s dur %u SAP %u size %llu framing %s",
            p->idx, kind, (unsigned long long)num, dts, cts, info->dur, info->sap,
            (unsigned long long)size, framing);
    if (info->seek)
        fprintf(out, " seek");
    if (info->corrupted)
        fprintf(out, " corrupted");
    if (info->byte_offset != GP_NO_TS)
        fprintf(out, " bo %llu", (unsigned long long)info->byte_offset);
    fprintf(out, " crc 0x%08X\n", crc);
}

static void
inspect_flush_frame(InspectCtx *ctx, InspectPid *p)
{
    FILE *out = inspect_dest(ctx, p);
    if (!p->in_frame)
        return;
    p->in_frame = false;
    p->nb_frames++;
    if (out && ctx->deep)
        inspect_print_unit(out, p, "FRAME", p->nb_frames, &p->frame_info, p->frame_size,
                           p->frame_crc);
}

static void
inspect_add_to_frame(InspectCtx *ctx, InspectPid *p, const GpPacketInfo *info,
                     const uint8_t *data, uint32_t size)
{
    if (info->start)
        inspect_flush_frame(ctx, p);
    if (!p->in_frame) {
        p->in_frame = true;
        p->frame_info = *info;
        p->frame_info.dur = 0;
        p->frame_size = 0;
        p->frame_nb_pck = 0;
        p->frame_crc = 0;
    }
    p->frame_info.dur += info->dur;
    p->frame_info.end = info->end;
    p->frame_size += size;
    p->frame_nb_pck++;
    p->frame_crc = inspect_crc32(p->frame_crc, data, size);
    if (info->end)
        inspect_flush_frame(ctx, p);
}

/* True when the packet is at or past `dur` after the PID's first timestamp. */
static bool
inspect_past_dur(const InspectCtx *ctx, InspectPid *p, const GpPacketInfo *info)
{
    uint64_t ts = info->cts != GP_NO_TS ? info->cts : info->dts;
    if (ctx->dur.num <= 0 || !ctx->dur.den || ts == GP_NO_TS || !p->timescale)
        return false;
    if (p->first_ts == GP_NO_TS || ts < p->first_ts)
        p->first_ts = ts;
    double elapsed = (double)(ts - p->first_ts) / p->timescale;
    return elapsed >= (double)ctx->dur.num / ctx->dur.den;
}

/* CRC of a packet: of its picture lines only for raw video with nopad, so that the
 * stride padding does not count; of every byte otherwise (or when the packet is smaller
 * than its properties say). */
static uint32_t
inspect_packet_crc(const InspectPid *p, const uint8_t *data, uint32_t size)
{
    uint64_t need = 0;
    for (uint32_t k = 0; k < p->nb_planes; k++)
        need += (uint64_t)p->pitch[k] * (p->lines[k] - 1) + p->line[k];
    if (!p->nb_planes || need > size)
        return inspect_crc32(0, data, size);
    uint32_t crc = 0;
    for (uint32_t k = 0; k < p->nb_planes; k++) {
        for (uint32_t r = 0; r < p->lines[k]; r++)
            crc = inspect_crc32(crc, data + (size_t)r * p->pitch[k], p->line[k]);
        data += (size_t)p->pitch[k] * p->lines[k];
    }
    return crc;
}

/* nopad: where the lines of each plane of a raw video PID are. */
static void
inspect_set_planes(InspectCtx *ctx, InspectPid *p, GpPid *ipid)
{
    p->nb_planes = 0;
    if (!ctx->nopad || gp_pid_get_uint(ipid, GP_P_CODECID, 0) != GP_CODEC_RAW ||
        gp_pid_get_uint(ipid, GP_P_STREAM_TYPE, 0) != GP_STREAM_VISUAL)
        return;
    uint32_t w = gp_pid_get_uint(ipid, GP_P_WIDTH, 0), h = gp_pid_get_uint(ipid, GP_P_HEIGHT, 0);
    p->nb_planes = gp_pixfmt_planes(gp_pid_get_uint(ipid, GP_P_PIXFMT, 0), w, h, p->line,
                                    p->lines);
    uint32_t stride = gp_pid_get_uint(ipid, GP_P_STRIDE, p->line[0]);
    uint32_t stride_uv = gp_pid_get_uint(ipid, GP_P_STRIDE_UV, p->nb_planes > 1 ? p->line[1] : 0);
    for (uint32_t k = 0; k < p->nb_planes; k++)
        p->pitch[k] = k == 1 || k == 2 ? stride_uv : stride;
}

static void
inspect_packet(InspectCtx *ctx, InspectPid *p, GpPacket *pck)
{
    const GpPacketInfo *info = gp_packet_info_const(pck);
    if (!p->timescale)
        p->timescale = gp_packet_timescale(pck);
    if (inspect_past_dur(ctx, p, info)) {
        GpEvent evt;
        gp_event_init(&evt, GP_FEVT_STOP, p->ipid);
        gp_pid_send_event(p->ipid, &evt);
        inspect_flush_frame(ctx, p);
        p->done = p->stopped = true;
        return;
    }
    uint32_t size = 0;
    const uint8_t *data = gp_packet_data(pck, &size);
    p->nb_pck++;
    p->nb_bytes += size;
    if (ctx->mode == INSPECT_MODE_FRAME) {
        inspect_add_to_frame(ctx, p, info, data, size);
        return;
    }
    FILE *out = inspect_dest(ctx, p);
    if (!out || !ctx->deep)
        return;
    inspect_print_unit(out, p, "PCK", p->nb_pck, info, size, inspect_packet_crc(p, data, size));
    uint32_t idx = 0, code = 0;
    const char *name = NULL;
    const GpPropValue *v;
    while (ctx->props && (v = gp_packet_enum_prop(pck, &idx, &code, &name)))
        inspect_print_prop(out, "  prop ", code, name, v);
}

/* Appends the per-PID reports (interleave off), writes the summary, closes the log. */
static GpErr
inspect_finish(GpFilter *f, InspectCtx *ctx)
{
    int err = 0;
    ctx->finished = true;
    for (uint32_t i = 0; i < ctx->nb_pids; i++) {
        InspectPid *p = ctx->pids[i];
        inspect_flush_frame(ctx, p);
        if (!p->tmp)
            continue;
        char buf[4096];
        size_t n;
        rewind(p->tmp);
        while ((n = fread(buf, 1, sizeof(buf), p->tmp)) > 0)
            fwrite(buf, 1, n, ctx->out);
        fclose(p->tmp);
        p->tmp = NULL;
    }
    if (ctx->out) {
        fprintf(ctx->out, "Summary: %u PIDs\n", ctx->nb_pids);
        for (uint32_t i = 0; i < ctx->nb_pids; i++) {
            InspectPid *p = ctx->pids[i];
            fprintf(ctx->out, "  PID %u %s: %llu packets", p->idx, p->name,
                    (unsigned long long)p->nb_pck);
            if (ctx->mode == INSPECT_MODE_FRAME)
                fprintf(ctx->out, ", %llu frames", (unsigned long long)p->nb_frames);
            fprintf(ctx->out, ", %llu bytes%s\n", (unsigned long long)p->nb_bytes,
                    p->stopped ? " (stopped at dur)" : "");
        }
        err = ferror(ctx->out) ? EIO : 0;
    }
    if (ctx->out_open) {
        int cerr = filters_close_dest(ctx->out);
        err = err ? err : cerr;
    }
    ctx->out = NULL;
    ctx->out_open = false;
    if (err) {
        gp_session_set_error(gp_filter_session(f), GP_IO_ERR, ctx->log,
                             "cannot write inspect log '%s': %s", ctx->log, strerror(err));
        return GP_IO_ERR;
    }
    return GP_EOS;
}

static GpErr
inspect_new_pid(GpFilter *f, InspectCtx *ctx, GpPid *ipid, InspectPid **out)
{
    InspectPid **pids = realloc(ctx->pids, (ctx->nb_pids + 1) * sizeof(*pids));
    if (!pids)
        return GP_OUT_OF_MEM;
    ctx->pids = pids;
    InspectPid *p = calloc(1, sizeof(*p));
    if (!p)
        return GP_OUT_OF_MEM;
    p->ipid = ipid;
    p->idx = ctx->nb_pids + 1;
    p->first_ts = GP_NO_TS;
    if (!ctx->interleave && ctx->out && !(p->tmp = tmpfile())) {
        gp_session_set_error(gp_filter_session(f), GP_IO_ERR, NULL,
                             "inspect: cannot create a temporary file: %s", strerror(errno));
        free(p);
        return GP_IO_ERR;
    }
    ctx->pids[ctx->nb_pids++] = p;
    *out = p;
    GpEvent evt;
    gp_event_init(&evt, GP_FEVT_PLAY, ipid);
    return gp_pid_send_event(ipid, &evt);
}

static GpErr
inspect_initialize(GpFilter *f)
{
    InspectCtx *ctx = gp_filter_priv(f);
    const char *log = ctx->log && *ctx->log ? ctx->log : "stdout";
    int err = filters_open_dest(log, "w", &ctx->out);
    if (err) {
        gp_session_set_error(gp_filter_session(f), GP_IO_ERR, log,
                             "cannot open inspect log '%s': %s", log, strerror(err));
        return GP_IO_ERR;
    }
    ctx->out_open = true;
    return GP_OK;
}

static GpErr
inspect_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    InspectCtx *ctx = gp_filter_priv(f);
    InspectPid *p = inspect_find(ctx, ipid);
    if (ctx->finished) {
        GP_LOG(FILTER, WARNING, "inspect: PID %s configured after the report was written",
               gp_pid_name(ipid));
        return GP_OK;
    }
    if (is_remove) {
        if (p && !p->done) {
            inspect_flush_frame(ctx, p);
            p->done = true;
            if (inspect_dest(ctx, p))
                fprintf(inspect_dest(ctx, p), "PID %u removed\n", p->idx);
        }
        gp_filter_post_process(f);
        return GP_OK;
    }
    if (!p) {
        GpErr e = inspect_new_pid(f, ctx, ipid, &p);
        if (e)
            return e;
    }
    p->nb_configure++;
    snprintf(p->name, sizeof(p->name), "%s", gp_pid_name(ipid) ? gp_pid_name(ipid) : "");
    p->timescale = gp_pid_get_uint(ipid, GP_P_TIMESCALE, 0);
    inspect_set_planes(ctx, p, ipid);
    inspect_print_pid(ctx, p);
    return GP_OK;
}

static GpErr
inspect_process(GpFilter *f)
{
    InspectCtx *ctx = gp_filter_priv(f);
    bool progress = true;
    /* round robin, one packet per PID per turn: packets print in arrival order */
    while (progress) {
        progress = false;
        for (uint32_t i = 0; i < ctx->nb_pids; i++) {
            InspectPid *p = ctx->pids[i];
            GpPacket *pck = gp_pid_get_packet(p->ipid);
            if (!pck)
                continue;
            if (!p->done && !ctx->finished)
                inspect_packet(ctx, p, pck);
            gp_pid_drop_packet(p->ipid);
            progress = true;
        }
    }
    if (ctx->finished)
        return GP_EOS;
    uint32_t nb_done = 0;
    for (uint32_t i = 0; i < ctx->nb_pids; i++) {
        InspectPid *p = ctx->pids[i];
        if (!p->done && gp_pid_is_eos(p->ipid)) {
            inspect_flush_frame(ctx, p);
            p->done = true;
        }
        nb_done += p->done;
    }
    if (!ctx->nb_pids || nb_done < ctx->nb_pids)
        return GP_OK;
    return inspect_finish(f, ctx);
}

static void
inspect_finalize(GpFilter *f)
{
    InspectCtx *ctx = gp_filter_priv(f);
    /* the session ended before every input reached EOS: still write the summary */
    if (!ctx->finished && ctx->nb_pids)
        inspect_finish(f, ctx);
    if (ctx->out_open)
        filters_close_dest(ctx->out);
    for (uint32_t i = 0; i < ctx->nb_pids; i++) {
        if (ctx->pids[i]->tmp)
            fclose(ctx->pids[i]->tmp);
        free(ctx->pids[i]);
    }
    free(ctx->pids);
    ctx->pids = NULL;
    ctx->nb_pids = 0;
}

static const GpArg inspect_args[] = {
    GP_ARG(InspectCtx, log, GP_PROP_STRING, "stdout", NULL,
           "where to write: a file name, stdout, stderr or null"),
    GP_ARG(InspectCtx, mode, GP_PROP_UINT, "pck", "pck|blk|frame|raw",
           "packet lines: pck, blk and raw print each packet as received; frame prints "
           "one line per frame reassembled from the start/end framing flags"),
    GP_ARGF(InspectCtx, interleave, GP_PROP_BOOL, "true", NULL,
            "print packets as they arrive across PIDs; otherwise one report per PID at the "
            "end", GP_ARG_HINT_ADVANCED),
    GP_ARGF(InspectCtx, deep, GP_PROP_BOOL, "false", NULL,
            "print packets (timing, flags, size, CRC-32), not only PID configurations",
            GP_ARG_HINT_ADVANCED),
    GP_ARGF(InspectCtx, props, GP_PROP_BOOL, "true", NULL,
            "print packet properties (with deep)", GP_ARG_HINT_ADVANCED),
    GP_ARG(InspectCtx, dur, GP_PROP_FRACTION, "0/1", NULL,
           "stop each PID (STOP sent upstream) after this duration in seconds; 0: no limit"),
    GP_ARGF(InspectCtx, nopad, GP_PROP_BOOL, "false", NULL,
            "with deep, the CRC of a raw video packet covers its picture lines only, not "
            "the stride padding (so it equals the CRC of the tightly packed frame)",
            GP_ARG_HINT_ADVANCED),
};

const GpFilterClass gp_filter_inspect = {
    .name = "inspect",
    .help = GP_HELP("Print the properties of every input PID (\"PID N name: ...\" then "
                    "\"  Name (type): value\" lines, again at each reconfiguration) and, "
                    "with deep, one line per packet: \"PID N PCK n - DTS d CTS c dur u SAP "
                    "s size b framing full|start|end|cont [seek] [corrupted] [bo o] crc "
                    "0x........\" (timestamps in the PID timescale, N/A when unset), "
                    "followed by the packet properties. A summary with the packet count of "
                    "each PID ends the report once every input is at end of stream.\n"
                    "Example: gpac avgen:dur=1 inspect:deep:log=report.txt"),
    .priv_size = sizeof(InspectCtx),
    .flags = GP_FCLASS_EXPLICIT_ONLY,
    .max_extra_pids = -1,
    GP_ARGS(inspect_args),
    .initialize = inspect_initialize,
    .configure_pid = inspect_configure_pid,
    .process = inspect_process,
    .finalize = inspect_finalize,
};
