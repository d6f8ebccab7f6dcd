/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffdmx on a file made by the ffmpeg command line at test time (the case passes with a
 * note when ffmpeg is missing): every packet of both streams, PLAY with start_range
 * (seek to the keyframe before, packets before the target flagged seek), a PID nobody
 * plays, missing files; and the engine rule that a filter's own failure reason is kept
 * when its process() fails (filter.c filter_fail). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define SK_MAX 256

/* ---- sksink: records packets, PLAYs from `start` seconds, accepts `st` only ---- */
typedef struct SksinkCtx {
    GpFrac start;
    uint32_t st, noplay;

    uint32_t npids;
    GpPid *ipids[4];
    uint32_t pid_st[4], delay_seen[4];
    int64_t delay[4];
    uint32_t nb[4];
    uint64_t cts[4][SK_MAX], dts[4][SK_MAX];
    uint8_t sap[4][SK_MAX], seek[4][SK_MAX];
    bool eos[4];
} SksinkCtx;

static int
sksink_index(SksinkCtx *ctx, GpPid *ipid)
{
    for (uint32_t k = 0; k < ctx->npids; k++)
        if (ctx->ipids[k] == ipid)
            return (int)k;
    return -1;
}

static GpErr
sksink_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    SksinkCtx *ctx = gp_filter_priv(f);
    if (is_remove)
        return GP_OK;
    uint32_t st = gp_pid_get_uint(ipid, GP_P_STREAM_TYPE, 0);
    if (ctx->st && st != ctx->st)
        return GP_NOT_SUPPORTED;
    int k = sksink_index(ctx, ipid);
    if (k < 0) {
        if (ctx->npids == 4)
            return GP_NOT_SUPPORTED;
        k = (int)ctx->npids++;
        ctx->ipids[k] = ipid;
        ctx->pid_st[k] = st;
        if (st == ctx->noplay)
            goto done;
        GpEvent evt;
        gp_event_init(&evt, GP_FEVT_PLAY, ipid);
        evt.play.start_range = ctx->start.den ? (double)ctx->start.num / ctx->start.den : 0;
        gp_pid_send_event(ipid, &evt);
    }
done:;
    const GpPropValue *d = gp_pid_get_prop(ipid, GP_4CC('M', 'D', 'L', 'Y'), NULL);
    ctx->delay[k] = d ? d->value.lsint : 0;
    ctx->delay_seen[k]++;
    return GP_OK;
}

static GpErr
sksink_process(GpFilter *f)
{
    SksinkCtx *ctx = gp_filter_priv(f);
    uint32_t nb_eos = 0;
    for (uint32_t k = 0; k < ctx->npids; k++) {
        GpPacket *pck;
        while ((pck = gp_pid_get_packet(ctx->ipids[k]))) {
            const GpPacketInfo *info = gp_packet_info_const(pck);
            uint32_t i = ctx->nb[k]++;
            if (i < SK_MAX) {
                ctx->cts[k][i] = info->cts;
                ctx->dts[k][i] = info->dts;
                ctx->sap[k][i] = info->sap;
                ctx->seek[k][i] = info->seek;
            }
            gp_pid_drop_packet(ctx->ipids[k]);
        }
        if (gp_pid_is_eos(ctx->ipids[k])) {
            ctx->eos[k] = true;
            nb_eos++;
        }
    }
    return ctx->npids && nb_eos == ctx->npids ? GP_EOS : GP_OK;
}

static const GpArg sksink_args[] = {
    GP_ARG(SksinkCtx, start, GP_PROP_FRACTION, "0/1", NULL, "PLAY start_range (seconds)"),
    GP_ARG(SksinkCtx, st, GP_PROP_UINT, "0", NULL, "accepted StreamType (0: any)"),
    GP_ARG(SksinkCtx, noplay, GP_PROP_UINT, "0", NULL, "StreamType never played (0: none)"),
};

static const GpFilterClass sksink = {
    .name = "sksink",
    .help = "test sink",
    .priv_size = sizeof(SksinkCtx),
    .max_extra_pids = -1,
    GP_ARGS(sksink_args),
    .configure_pid = sksink_configure_pid,
    .process = sksink_process,
};

/* ---- media ---- */

static char sk_dir[64];
static char sk_mp4[128];

/* 2 s of H.264 (keyframe every 20 frames, B-frames) + AAC; false when ffmpeg is
 * missing. */
static bool
sk_media(void)
{
    snprintf(sk_dir, sizeof(sk_dir), "/tmp/gp_ffdmx_XXXXXX");
    GP_ASSERT(mkdtemp(sk_dir) != NULL);
    snprintf(sk_mp4, sizeof(sk_mp4), "%s/a.mp4", sk_dir);
    char cmd[512];
    snprintf(cmd, sizeof(cmd),
             "ffmpeg -v error -y -f lavfi -i testsrc2=size=160x120:rate=25:duration=2 "
             "-f lavfi -i sine=frequency=440:duration=2 -c:v libx264 -preset ultrafast "
             "-g 20 -bf 2 -c:a aac %s >/dev/null 2>&1",
             sk_mp4);
    if (system(cmd) != 0) {
        printf("ffmpeg not available: case skipped\n");
        return false;
    }
    return true;
}

static void
sk_media_del(void)
{
    unlink(sk_mp4);
    rmdir(sk_dir);
}

static SksinkCtx *
sk_run(GpSession **s, const char *sink_args)
{
    *s = gp_test_session_new(0, 0);
    char src[200];
    snprintf(src, sizeof(src), "src=%s", sk_mp4);
    gp_test_load(*s, gp_registry_find("ffdmx"), src);
    GpFilter *sink = gp_test_load(*s, &sksink, sink_args);
    GP_ASSERT_OK(gp_session_run(*s));
    return gp_filter_priv(sink);
}

/* ---- cases ---- */

static void
ffdmx_reads_every_packet(void)
{
    if (!sk_media())
        return;
    GpSession *s;
    SksinkCtx *ctx = sk_run(&s, "");
    GP_ASSERT_INT_EQ(ctx->npids, 2);
    for (uint32_t k = 0; k < 2; k++) {
        GP_ASSERT(ctx->eos[k]);
        bool video = ctx->pid_st[k] == GP_STREAM_VISUAL;
        GP_ASSERT_INT_EQ(ctx->nb[k], video ? 50 : 88);
        GP_ASSERT_INT_EQ(ctx->sap[k][0], 1);
        GP_ASSERT_INT_EQ(ctx->dts[k][0], 0); /* negative dts shifted, Delay announced */
        GP_ASSERT_INT_EQ(ctx->delay[k], -1024);
        for (uint32_t i = 0; i < ctx->nb[k]; i++)
            GP_ASSERT(!ctx->seek[k][i]);
        if (video)
            GP_ASSERT_INT_EQ(ctx->sap[k][20], 1);
    }
    gp_session_del(s);
    GP_ASSERT_CLEAN();
    sk_media_del();
}

/* PLAY at 1 s: keyframes are at 0, 0.8 and 1.6 s, so video restarts at 0.8 s and the
 * frames before 1 s (0.80..0.96: five) are flagged seek. */
static void
ffdmx_play_start_seeks(void)
{
    if (!sk_media())
        return;
    GpSession *s;
    SksinkCtx *ctx = sk_run(&s, "start=1/1");
    GP_ASSERT_INT_EQ(ctx->npids, 2);
    for (uint32_t k = 0; k < 2; k++) {
        GP_ASSERT(ctx->eos[k]);
        GP_ASSERT(ctx->nb[k] > 0 && ctx->nb[k] < SK_MAX);
        uint32_t ts = ctx->pid_st[k] == GP_STREAM_VISUAL ? 12800 : 44100;
        uint32_t nb_seek = 0;
        for (uint32_t i = 0; i < ctx->nb[k]; i++) {
            int64_t t = (int64_t)ctx->cts[k][i] + ctx->delay[k]; /* presentation time */
            GP_ASSERT_INT_EQ(ctx->seek[k][i], t < (int64_t)ts);
            nb_seek += ctx->seek[k][i];
        }
        if (ctx->pid_st[k] == GP_STREAM_VISUAL) {
            GP_ASSERT_INT_EQ(ctx->nb[k], 30); /* 0.8 s to 2 s */
            GP_ASSERT_INT_EQ(ctx->sap[k][0], 1);
            GP_ASSERT_INT_EQ(ctx->dts[k][0] + ctx->delay[k], 10240 - 1024);
            GP_ASSERT_INT_EQ(nb_seek, 5);
        } else {
            GP_ASSERT(ctx->nb[k] < 88 && ctx->nb[k] >= 43);
        }
    }
    gp_session_del(s);
    GP_ASSERT_CLEAN();
    sk_media_del();
}

/* The audio PID has no consumer: it is discarded and the video still flows to the end. */
static void
ffdmx_unplayed_pid_discarded(void)
{
    if (!sk_media())
        return;
    GpSession *s;
    SksinkCtx *ctx = sk_run(&s, "st=4");
    GP_ASSERT_INT_EQ(ctx->npids, 1);
    GP_ASSERT_INT_EQ(ctx->pid_st[0], GP_STREAM_VISUAL);
    GP_ASSERT_INT_EQ(ctx->nb[0], 50);
    GP_ASSERT(ctx->eos[0]);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
    sk_media_del();
}

/* The audio PID is connected but never played: after a while its packets are dropped
 * and the video runs to its end (no hang). */
static void
ffdmx_connected_never_played(void)
{
    if (!sk_media())
        return;
    GpSession *s;
    SksinkCtx *ctx = sk_run(&s, "noplay=5");
    GP_ASSERT_INT_EQ(ctx->npids, 2);
    for (uint32_t k = 0; k < 2; k++) {
        bool video = ctx->pid_st[k] == GP_STREAM_VISUAL;
        GP_ASSERT_INT_EQ(ctx->nb[k], video ? 50 : 0);
        GP_ASSERT(!video || ctx->eos[k]);
    }
    gp_session_del(s);
    GP_ASSERT_CLEAN();
    sk_media_del();
}

/* ---- a URL scheme of the I/O layer: "gpf1://PATH" reads the local PATH ---- */

static GpErr
sk_open(void *udata, const char *url, const char *mode, void **h)
{
    (void)udata;
    FILE *fp = fopen(url + 7, mode);
    *h = fp;
    return fp ? GP_OK : GP_URL_ERROR;
}

static int64_t
sk_read(void *h, uint8_t *buf, uint32_t size)
{
    return (int64_t)fread(buf, 1, size, h);
}

static int64_t
sk_write(void *h, const uint8_t *buf, uint32_t size)
{
    return (int64_t)fwrite(buf, 1, size, h);
}

static GpErr
sk_seek(void *h, int64_t off, int whence)
{
    return fseeko(h, (off_t)off, whence) ? GP_IO_ERR : GP_OK;
}

static int64_t
sk_tell(void *h)
{
    return (int64_t)ftello(h);
}

static void
sk_close(void *h)
{
    fclose(h);
}

static bool
sk_exists(void *udata, const char *url)
{
    (void)udata;
    return access(url + 7, R_OK) == 0;
}

static const GpIoScheme sk_scheme = {
    .prefix = "gpf1://", .open = sk_open, .read = sk_read, .write = sk_write,
    .seek = sk_seek, .tell = sk_tell, .close = sk_close, .exists = sk_exists,
};

/* load_src of a URL only the I/O layer knows: ffdmx takes it and reads through it. */
static void
ffdmx_reads_through_io_scheme(void)
{
    if (!sk_media())
        return;
    GP_ASSERT_OK(gp_io_register_scheme(&sk_scheme));
    GpSession *s = gp_test_session_new(0, 0);
    char url[200];
    snprintf(url, sizeof(url), "gpf1://%s", sk_mp4);
    GpErr e;
    GpFilter *src = gp_session_load_source(s, url, NULL, &e);
    GP_ASSERT(src != NULL);
    GP_ASSERT_STR_EQ(gp_filter_class(src)->name, "ffdmx");
    GpFilter *sink = gp_test_load(s, &sksink, NULL);
    GP_ASSERT_OK(gp_session_run(s));
    SksinkCtx *ctx = gp_filter_priv(sink);
    GP_ASSERT_INT_EQ(ctx->npids, 2);
    GP_ASSERT_INT_EQ(ctx->nb[0] + ctx->nb[1], 50 + 88);
    gp_session_del(s);
    gp_io_unregister_scheme(&sk_scheme);
    GP_ASSERT_CLEAN();
    sk_media_del();
}

static void
ffdmx_missing_file(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpErr e = GP_OK;
    GP_ASSERT(gp_session_load_source(s, "/nonexistent_gp_dir/in.mp4", NULL, &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_URL_ERROR);
    GP_ASSERT(strstr(gp_session_last_error(s)->reason, "/nonexistent_gp_dir/in.mp4"));
    GP_ASSERT(gp_session_load_filter(s, "ffdmx:src=/nonexistent_gp_dir/in.mkv", &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_URL_ERROR);
    GP_ASSERT(strstr(gp_session_last_error(s)->reason, "/nonexistent_gp_dir/in.mkv"));
    GP_ASSERT_STR_EQ(gp_session_last_error(s)->url, "/nonexistent_gp_dir/in.mkv");
    /* avgen is not stolen */
    GpFilter *f = gp_session_load_source(s, "avgen", NULL, &e);
    GP_ASSERT(f != NULL);
    GP_ASSERT_STR_EQ(gp_filter_class(f)->name, "avgen");
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* ---- engine: a failing process() keeps the filter's own reason ---- */

static GpErr
failsrc_process(GpFilter *f)
{
    gp_session_set_error(gp_filter_session(f), GP_ISOM_INCOMPLETE_FILE, "x.mp4",
                         "failsrc: cannot read 'x.mp4': truncated");
    return GP_ISOM_INCOMPLETE_FILE;
}

static const GpFilterClass failsrc = {
    .name = "failsrc",
    .help = "test source failing in process",
    .process = failsrc_process,
};

static GpErr
failsrc2_process(GpFilter *f)
{
    (void)f;
    return GP_IO_ERR;
}

static const GpFilterClass failsrc2 = {
    .name = "failsrc2",
    .help = "test source failing in process without a reason",
    .process = failsrc2_process,
};

static void
engine_process_failure_keeps_reason(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    gp_test_load(s, &failsrc, NULL);
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_ISOM_INCOMPLETE_FILE);
    const GpErrorInfo *last = gp_session_last_error(s);
    GP_ASSERT_STR_EQ(last->reason, "failsrc: cannot read 'x.mp4': truncated");
    GP_ASSERT_STR_EQ(last->url, "x.mp4");
    gp_session_del(s);

    s = gp_test_session_new(0, 0);
    gp_test_load(s, &failsrc2, NULL);
    GP_ASSERT_INT_EQ(gp_session_run(s), GP_IO_ERR);
    GP_ASSERT(strstr(gp_session_last_error(s)->reason, "filter 'failsrc2' failed"));
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(ffdmx_reads_every_packet), GP_CASE(ffdmx_play_start_seeks),
             GP_CASE(ffdmx_unplayed_pid_discarded), GP_CASE(ffdmx_reads_through_io_scheme),
             GP_CASE(ffdmx_connected_never_played),
             GP_CASE(ffdmx_missing_file),
             GP_CASE(engine_process_failure_keeps_reason))
