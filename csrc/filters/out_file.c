/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fout: writes the packets of one StreamType=File PID to a local file, to stdout
 * (dst=std or stdout) or nowhere (dst=null). The file is opened at initialize so a bad
 * destination fails the load. Not here: URL templates, dynext, cat, atomic writes. */
#include <errno.h>
#include <string.h>

#include "gp/gp.h"
#include "filters.h"

typedef struct FoutCtx {
    /* options */
    char *dst;
    bool append;
    char *ext;
    char *mime;

    /* state */
    FILE *fp;  /* NULL when discarding (dst=null) or after the final close */
    bool open; /* fp holds what dst names (false after close; null counts as open) */
    GpPid *ipid;
    bool play_sent;
    uint64_t nb_bytes;
    GpCap caps[2]; /* StreamType=File + Extension or MIMEType, when ext/mime is given */
} FoutCtx;

static GpErr
fout_open(GpFilter *f, FoutCtx *ctx, const char *mode)
{
    int err = filters_open_dest(ctx->dst, mode, &ctx->fp);
    if (err) {
        gp_session_set_error(gp_filter_session(f), GP_IO_ERR, ctx->dst,
                             "cannot open output '%s': %s", ctx->dst, strerror(err));
        return GP_IO_ERR;
    }
    ctx->open = true;
    return GP_OK;
}

static GpErr
fout_close(GpFilter *f, FoutCtx *ctx)
{
    int err = filters_close_dest(ctx->fp);
    ctx->fp = NULL;
    ctx->open = false;
    if (err) {
        gp_session_set_error(gp_filter_session(f), GP_IO_ERR, ctx->dst,
                             "cannot write output '%s': %s", ctx->dst, strerror(err));
        return GP_IO_ERR;
    }
    return GP_OK;
}

/* With ext or mime, only File PIDs announcing that extension or MIME type connect
 * (the way GPAC's fout steers resolution toward a muxer producing it). */
static void
fout_override_caps(GpFilter *f, FoutCtx *ctx)
{
    bool use_ext = ctx->ext && *ctx->ext;
    if (!use_ext && !(ctx->mime && *ctx->mime))
        return;
    ctx->caps[0] = (GpCap)GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_FILE);
    ctx->caps[1] = (GpCap)GP_CAP_STRING(GP_CAPS_INPUT, use_ext ? GP_P_FILE_EXT : GP_P_MIME,
                                        use_ext ? ctx->ext : ctx->mime);
    gp_filter_set_caps(f, ctx->caps, 2);
}

static GpErr
fout_initialize(GpFilter *f)
{
    FoutCtx *ctx = gp_filter_priv(f);
    GpSession *s = gp_filter_session(f);
    if (!ctx->dst || !*ctx->dst) {
        gp_session_set_error(s, GP_BAD_PARAM, NULL, "cannot open output: no dst given");
        return GP_BAD_PARAM;
    }
    bool special = !strcmp(ctx->dst, "null") || !strcmp(ctx->dst, "std") ||
                   !strcmp(ctx->dst, "stdout") || !strcmp(ctx->dst, "stderr");
    if (!special && !filters_url_local_path(ctx->dst)) {
        gp_session_set_error(s, GP_NOT_SUPPORTED, ctx->dst,
                             "cannot open output '%s': fout writes local files only",
                             ctx->dst);
        return GP_NOT_SUPPORTED;
    }
    fout_override_caps(f, ctx);
    return fout_open(f, ctx, ctx->append ? "ab" : "wb");
}

static GpErr
fout_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    FoutCtx *ctx = gp_filter_priv(f);
    if (is_remove) {
        if (ipid == ctx->ipid)
            ctx->ipid = NULL;
        return GP_OK;
    }
    /* one input only: a second instance would write over the same file */
    if (ctx->ipid && ctx->ipid != ipid)
        return GP_NOT_SUPPORTED;
    ctx->ipid = ipid;
    if (!ctx->play_sent) {
        GpEvent evt;
        gp_event_init(&evt, GP_FEVT_PLAY, ipid);
        GpErr e = gp_pid_send_event(ipid, &evt);
        if (e)
            return e;
        ctx->play_sent = true;
    }
    return GP_OK;
}

static GpErr
fout_process(GpFilter *f)
{
    FoutCtx *ctx = gp_filter_priv(f);
    if (!ctx->ipid)
        return GP_OK;
    GpPacket *pck;
    while ((pck = gp_pid_get_packet(ctx->ipid))) {
        uint32_t size = 0;
        const uint8_t *data = gp_packet_data(pck, &size);
        /* data after EOS (the source was seeked or replayed): continue the file */
        GpErr e = ctx->open ? GP_OK : fout_open(f, ctx, "ab");
        if (!e && ctx->fp && size && fwrite(data, 1, size, ctx->fp) != size) {
            gp_session_set_error(gp_filter_session(f), GP_IO_ERR, ctx->dst,
                                 "cannot write output '%s': %s", ctx->dst, strerror(errno));
            e = GP_IO_ERR;
        }
        gp_pid_drop_packet(ctx->ipid);
        if (e)
            return e;
        ctx->nb_bytes += size;
    }
    if (!gp_pid_is_eos(ctx->ipid))
        return GP_OK;
    if (ctx->open) {
        GpErr e = fout_close(f, ctx);
        if (e)
            return e;
    }
    return GP_EOS;
}

static void
fout_finalize(GpFilter *f)
{
    FoutCtx *ctx = gp_filter_priv(f);
    int err = ctx->open ? filters_close_dest(ctx->fp) : 0;
    if (err)
        GP_LOG(MMIO, ERROR, "fout: closing '%s' failed: %s", ctx->dst, strerror(err));
    ctx->fp = NULL;
    ctx->open = false;
}

static int
fout_probe_url(const char *url, const char *mime)
{
    (void)mime;
    if (!strcmp(url, "null") || !strcmp(url, "std") || !strcmp(url, "stdout"))
        return GP_PROBE_SUPPORTED;
    const char *path = filters_url_local_path(url);
    return path && *path ? GP_PROBE_MAYBE_SUPPORTED : GP_PROBE_NOT_SUPPORTED;
}

static const GpArg fout_args[] = {
    GP_ARG(FoutCtx, dst, GP_PROP_STRING, NULL, NULL,
           "destination file, std/stdout for the standard output, null to discard"),
    GP_ARG(FoutCtx, append, GP_PROP_BOOL, "false", NULL, "append to an existing file"),
    GP_ARG(FoutCtx, ext, GP_PROP_STRING, NULL, NULL,
           "accept only File PIDs with this Extension (graph resolution)"),
    GP_ARG(FoutCtx, mime, GP_PROP_STRING, NULL, NULL,
           "accept only File PIDs with this MIMEType (graph resolution; ext wins)"),
};

static const GpCap fout_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT, GP_P_STREAM_TYPE, GP_STREAM_FILE),
};

const GpFilterClass gp_filter_fout = {
    .name = "fout",
    .help = GP_HELP("Write the packets of a StreamType=File PID to a local file (created or "
                    "truncated at load, or appended to with append), to the standard "
                    "output (dst=std or stdout), or discard them (dst=null). The file is "
                    "closed at end of stream. An output that cannot be opened fails the "
                    "load with IO_ERR.\n"
                    "Example: gpac -i source.bin -o copy.bin"),
    .priv_size = sizeof(FoutCtx),
    GP_ARGS(fout_args),
    GP_CAPS(fout_caps),
    .initialize = fout_initialize,
    .configure_pid = fout_configure_pid,
    .process = fout_process,
    .finalize = fout_finalize,
    .probe_url = fout_probe_url,
};
