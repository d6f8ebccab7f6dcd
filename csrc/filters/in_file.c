/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fin: reads a local file (plain path or file://) as one StreamType=File PID, in blocks
 * of block_size bytes, once a consumer sends PLAY. SOURCE_SEEK selects a byte range (for
 * demuxers). Not here: gfio://, the special names null/rand/randsc, packet injection. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gp/gp.h"
#include "filters.h"

#define FIN_MAX_BLOCKS_PER_CALL 64 /* then yield, so one source cannot hog a thread */

/* States: idle (no PLAY yet) -> playing -> done (last block sent, EOS, GP_EOS returned).
 * STOP moves playing -> stopped (EOS signalled, not done); PLAY after STOP restarts at
 * range_start, SOURCE_SEEK moves to a new range in any state but done. */
typedef struct FinCtx {
    /* options */
    char *src;
    uint32_t block_size;
    char *ext;
    char *mime;

    /* state */
    FILE *fp;
    GpPid *opid;
    bool size_known;      /* regular file: the size is known, so is the last block */
    uint64_t file_size;
    uint64_t pos;         /* offset of the next block */
    uint64_t range_start; /* start of the current range (0, or the last SOURCE_SEEK) */
    uint64_t end_pos;     /* end of the current range (exclusive), 0 = end of file */
    bool playing;
    bool stopped;
    bool eos_sent;
    bool done;
    bool range_opened; /* a block of the current range was sent (framing start) */
    uint64_t nb_bytes; /* bytes sent since initialize (an empty pipe is an error) */
} FinCtx;

/* Extension of the last path component, without fragment or query; "" when none. */
static void
fin_path_ext(const char *path, char *buf, size_t size)
{
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    const char *dot = strrchr(name, '.');
    buf[0] = 0;
    if (!dot || !dot[1] || size < 2)
        return;
    size_t n = strcspn(dot + 1, "#?");
    if (n >= size)
        n = size - 1;
    memcpy(buf, dot + 1, n);
    buf[n] = 0;
}

static GpErr
fin_set_str(GpPid *opid, uint32_t code, const char *s)
{
    GpPropValue v = gp_pv_string(s);
    return gp_pid_set_prop(opid, code, NULL, &v);
}

static GpErr
fin_declare_pid(GpFilter *f, FinCtx *ctx, const char *path)
{
    ctx->opid = gp_pid_new(f);
    if (!ctx->opid)
        return GP_OUT_OF_MEM;
    const char *base = strrchr(path, '/');
    char ext[64];
    if (ctx->ext && *ctx->ext)
        snprintf(ext, sizeof(ext), "%s", ctx->ext);
    else
        fin_path_ext(path, ext, sizeof(ext));
    GpPropValue st = gp_pv_uint(GP_STREAM_FILE);
    GpErr e = gp_pid_set_prop(ctx->opid, GP_P_STREAM_TYPE, NULL, &st);
    if (!e)
        e = gp_pid_set_name(ctx->opid, base && base[1] ? base + 1 : path);
    if (!e)
        e = fin_set_str(ctx->opid, GP_P_URL, ctx->src);
    if (!e)
        e = fin_set_str(ctx->opid, GP_P_FILEPATH, path);
    if (!e && ext[0])
        e = fin_set_str(ctx->opid, GP_P_FILE_EXT, ext);
    if (!e && ctx->mime && *ctx->mime)
        e = fin_set_str(ctx->opid, GP_P_MIME, ctx->mime);
    if (!e && ctx->size_known) {
        GpPropValue sz = gp_pv_luint(ctx->file_size);
        e = gp_pid_set_prop(ctx->opid, GP_P_DOWNLOAD_SIZE, NULL, &sz);
    }
    return e;
}

/* Offset where the current range ends, UINT64_MAX when only EOF tells. */
static uint64_t
fin_range_end(const FinCtx *ctx)
{
    if (ctx->end_pos)
        return ctx->end_pos;
    return ctx->size_known ? ctx->file_size : UINT64_MAX;
}

static void
fin_signal_eos(FinCtx *ctx)
{
    if (!ctx->eos_sent)
        gp_pid_set_eos(ctx->opid);
    ctx->eos_sent = true;
}

/* Reads and sends one block. *last is set when it ends the range (or the file). */
static GpErr
fin_send_block(GpFilter *f, FinCtx *ctx, bool *last)
{
    uint64_t end = fin_range_end(ctx);
    uint64_t left = end > ctx->pos ? end - ctx->pos : 0;
    uint32_t to_read = left < ctx->block_size ? (uint32_t)left : ctx->block_size;
    *last = !to_read;
    if (!to_read)
        return GP_OK;
    uint8_t *data = NULL;
    GpPacket *pck = gp_packet_new_alloc(ctx->opid, to_read, &data);
    if (!pck)
        return GP_OUT_OF_MEM;
    size_t nb = fread(data, 1, to_read, ctx->fp);
    if (nb < to_read && ferror(ctx->fp)) {
        gp_packet_discard(pck);
        gp_session_set_error(gp_filter_session(f), GP_IO_ERR, ctx->src,
                             "read error on '%s' at offset %llu: %s", ctx->src,
                             (unsigned long long)ctx->pos, strerror(errno));
        return GP_IO_ERR;
    }
    if (!nb) {
        gp_packet_discard(pck);
        *last = true;
        return GP_OK;
    }
    if (nb < to_read)
        gp_packet_truncate(pck, (uint32_t)nb);
    if (nb < to_read || ctx->pos + nb >= end) {
        *last = true;
    } else if (end == UINT64_MAX) {
        /* pipe or device: peek one byte so the last block gets its end flag */
        int c = getc(ctx->fp);
        if (c == EOF)
            *last = true;
        else
            ungetc(c, ctx->fp);
    }
    GpPacketInfo *info = gp_packet_info(pck);
    info->start = !ctx->range_opened;
    info->end = *last;
    info->byte_offset = ctx->pos;
    ctx->range_opened = true;
    ctx->pos += nb;
    ctx->nb_bytes += nb;
    return gp_packet_send(pck);
}

/* SOURCE_SEEK: the next blocks cover [start_offset, end_offset) (end 0 = end of file). */
static void
fin_seek(GpFilter *f, FinCtx *ctx, const GpEventSeek *seek)
{
    if (ctx->size_known && seek->start_offset >= ctx->file_size) {
        GP_LOG(MMIO, ERROR, "fin: seek to %llu outside of '%s' (%llu bytes)",
               (unsigned long long)seek->start_offset, ctx->src,
               (unsigned long long)ctx->file_size);
        return;
    }
    if (fseeko(ctx->fp, (off_t)seek->start_offset, SEEK_SET)) {
        GP_LOG(MMIO, ERROR, "fin: seek in '%s' failed: %s", ctx->src, strerror(errno));
        return;
    }
    ctx->pos = ctx->range_start = seek->start_offset;
    ctx->end_pos = seek->end_offset;
    if (ctx->size_known && ctx->end_pos > ctx->file_size)
        ctx->end_pos = ctx->file_size;
    if (seek->hint_block_size > ctx->block_size)
        ctx->block_size = seek->hint_block_size;
    ctx->range_opened = false;
    if (ctx->eos_sent)
        gp_pid_clear_eos(ctx->opid);
    ctx->eos_sent = false;
    gp_filter_post_process(f);
}

static GpErr
fin_fail_open(GpFilter *f, GpErr code, const char *url, const char *why)
{
    gp_session_set_error(gp_filter_session(f), code, url, "cannot open input '%s': %s", url,
                         why);
    return code;
}

static GpErr
fin_initialize(GpFilter *f)
{
    FinCtx *ctx = gp_filter_priv(f);
    if (!ctx->src || !*ctx->src)
        return fin_fail_open(f, GP_BAD_PARAM, "", "no src given");
    const char *path = filters_url_local_path(ctx->src);
    if (!path || !*path)
        return fin_fail_open(f, GP_NOT_SUPPORTED, ctx->src, "fin reads local files only");
    struct stat st;
    if (stat(path, &st))
        return fin_fail_open(f, GP_URL_ERROR, ctx->src, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fin_fail_open(f, GP_URL_ERROR, ctx->src, "is a directory");
    ctx->fp = fopen(path, "rb");
    if (!ctx->fp)
        return fin_fail_open(f, GP_URL_ERROR, ctx->src, strerror(errno));
    if (S_ISREG(st.st_mode)) {
        ctx->size_known = true;
        ctx->file_size = (uint64_t)st.st_size;
        if (!ctx->file_size)
            return fin_fail_open(f, GP_IO_ERR, ctx->src, "empty file");
    }
    if (!ctx->block_size)
        ctx->block_size = 5000;
    return fin_declare_pid(f, ctx, path);
}

static GpErr
fin_process(GpFilter *f)
{
    FinCtx *ctx = gp_filter_priv(f);
    if (ctx->done)
        return GP_EOS;
    if (!ctx->playing)
        return GP_OK;
    for (int i = 0; i < FIN_MAX_BLOCKS_PER_CALL; i++) {
        if (gp_pid_would_block(ctx->opid))
            return GP_OK;
        bool last = false;
        GpErr e = fin_send_block(f, ctx, &last);
        if (e)
            return e;
        if (last) {
            if (!ctx->nb_bytes) {
                gp_session_set_error(gp_filter_session(f), GP_IO_ERR, ctx->src,
                                     "cannot read input '%s': empty file", ctx->src);
                return GP_IO_ERR;
            }
            fin_signal_eos(ctx);
            ctx->done = true;
            return GP_EOS;
        }
    }
    gp_filter_post_process(f);
    return GP_OK;
}

static bool
fin_process_event(GpFilter *f, const GpEvent *evt)
{
    FinCtx *ctx = gp_filter_priv(f);
    if (evt->base.on_pid && evt->base.on_pid != ctx->opid)
        return false;
    switch (evt->base.type) {
    case GP_FEVT_PLAY:
        if (ctx->stopped && !ctx->done && !fseeko(ctx->fp, (off_t)ctx->range_start, SEEK_SET)) {
            ctx->pos = ctx->range_start;
            ctx->range_opened = false;
            gp_pid_clear_eos(ctx->opid);
            ctx->eos_sent = false;
        }
        ctx->stopped = false;
        ctx->playing = true;
        gp_filter_post_process(f);
        return true;
    case GP_FEVT_STOP:
        ctx->playing = false;
        ctx->stopped = true;
        fin_signal_eos(ctx);
        return true;
    case GP_FEVT_SOURCE_SEEK:
        if (!ctx->done)
            fin_seek(f, ctx, &evt->seek);
        return true;
    default:
        return false;
    }
}

static void
fin_finalize(GpFilter *f)
{
    FinCtx *ctx = gp_filter_priv(f);
    if (ctx->fp)
        fclose(ctx->fp);
    ctx->fp = NULL;
}

static int
fin_probe_url(const char *url, const char *mime)
{
    (void)mime;
    const char *path = filters_url_local_path(url);
    struct stat st;
    if (!path || !*path || stat(path, &st) || S_ISDIR(st.st_mode))
        return GP_PROBE_NOT_SUPPORTED;
    return GP_PROBE_SUPPORTED;
}

static const GpArg fin_args[] = {
    GP_ARG(FinCtx, src, GP_PROP_STRING, NULL, NULL, "location of the source file"),
    GP_ARG(FinCtx, block_size, GP_PROP_UINT, "5000", NULL,
           "block size in bytes of the packets read (0: 5000)"),
    GP_ARG(FinCtx, ext, GP_PROP_STRING, NULL, NULL,
           "file extension announced on the PID instead of the one of src"),
    GP_ARG(FinCtx, mime, GP_PROP_STRING, NULL, NULL, "MIME type announced on the PID"),
};

static const GpCap fin_caps[] = {
    GP_CAP_UINT(GP_CAPS_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_FILE),
};

const GpFilterClass gp_filter_fin = {
    .name = "fin",
    .help = GP_HELP("Read a local file (path or file:// URL) and output it as one "
                    "StreamType=File PID of block_size packets, with URL, SourcePath, "
                    "Extension, MIMEType and DownloadSize set. Data flows once a consumer "
                    "sends PLAY; byte_offset is set on every packet, the first block has "
                    "the start flag and the last one the end flag. A missing file fails "
                    "with URL_ERROR, an empty one with IO_ERR.\n"
                    "Example: gpac -i source.bin -o copy.bin"),
    .priv_size = sizeof(FinCtx),
    GP_ARGS(fin_args),
    GP_CAPS(fin_caps),
    .initialize = fin_initialize,
    .process = fin_process,
    .process_event = fin_process_event,
    .finalize = fin_finalize,
    .probe_url = fin_probe_url,
};
