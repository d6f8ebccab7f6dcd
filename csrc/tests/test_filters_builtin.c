/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Built-in filters end to end (csrc/filters/): avgen counted through inspect's report,
 * fin -> fout copies, fin framing and CRC seen by inspect, inspect's dur and interleave
 * options, PLAY/STOP/SOURCE_SEEK handling, and the load-time errors of each filter (code, URL and reason). */
#include <stdbool.h>
#include <unistd.h>

#include "harness.h"
#include "test_filters.h"

/* ---- helpers ---- */

typedef struct TmpPath {
    char path[64];
} TmpPath;

/* A fresh empty file in /tmp; removed by tmp_del. */
static void
tmp_new(TmpPath *t)
{
    snprintf(t->path, sizeof(t->path), "/tmp/gp_test_XXXXXX");
    int fd = mkstemp(t->path);
    GP_ASSERT(fd >= 0);
    close(fd);
}

static void
tmp_del(TmpPath *t)
{
    unlink(t->path);
}

static void
write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *fp = fopen(path, "wb");
    GP_ASSERT(fp);
    GP_ASSERT(fwrite(data, 1, size, fp) == size);
    GP_ASSERT(fclose(fp) == 0);
}

/* Whole file, NUL-terminated; *size gets its length. The caller frees. */
static char *
read_file(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    GP_ASSERT(fp);
    GP_ASSERT(fseek(fp, 0, SEEK_END) == 0);
    long n = ftell(fp);
    GP_ASSERT(n >= 0);
    rewind(fp);
    char *buf = malloc((size_t)n + 1);
    GP_ASSERT(buf);
    GP_ASSERT(fread(buf, 1, (size_t)n, fp) == (size_t)n);
    buf[n] = 0;
    fclose(fp);
    if (size)
        *size = (size_t)n;
    return buf;
}

/* The lines of a report that start with `prefix`, in order. */
typedef struct Lines {
    char *buf;
    const char *line[1024];
    uint32_t nb;
} Lines;

static void
lines_grep(Lines *l, const char *report, const char *prefix)
{
    l->buf = strdup(report);
    l->nb = 0;
    GP_ASSERT(l->buf);
    char *save = NULL;
    for (char *s = strtok_r(l->buf, "\n", &save); s; s = strtok_r(NULL, "\n", &save))
        if (!strncmp(s, prefix, strlen(prefix)) && l->nb < 1024)
            l->line[l->nb++] = s;
}

/* Value following `key ` in a packet line ("DTS 12" -> 12); -1 when absent or N/A. */
static long long
field(const char *line, const char *key)
{
    char pat[32];
    snprintf(pat, sizeof(pat), " %s ", key);
    const char *p = strstr(line, pat);
    if (!p || !strncmp(p + strlen(pat), "N/A", 3))
        return -1;
    return strtoll(p + strlen(pat), NULL, 0);
}

/* Loads every declaration in order (NULL-terminated), runs, returns run()'s code. */
static GpErr
run_chain(GpSession *s, const char *const *decls)
{
    for (const char *const *d = decls; *d; d++) {
        GpErr e = GP_OK;
        GpFilter *f = gp_session_load_filter(s, *d, &e);
        if (!f)
            gp_test_fail(__FILE__, __LINE__, "cannot load '%s': %s (%s)", *d,
                         gp_err_name(e), gp_session_last_error(s)->reason);
    }
    return gp_session_run(s);
}

/* Runs `src` (a filter declaration) into inspect:deep and returns the report. */
static char *
inspect_report(int nb_threads, const char *src, const char *inspect_opts)
{
    TmpPath log;
    tmp_new(&log);
    char decl[256];
    snprintf(decl, sizeof(decl), "inspect:deep:log=%s%s", log.path, inspect_opts);
    GpSession *s = gp_test_session_new(nb_threads, 0);
    const char *decls[] = {src, decl, NULL};
    GpErr e = run_chain(s, decls);
    if (e < 0)
        gp_test_fail(__FILE__, __LINE__, "run: %s (%s)", gp_err_name(e),
                     gp_session_last_error(s)->reason);
    gp_session_del(s);
    char *report = read_file(log.path, NULL);
    tmp_del(&log);
    return report;
}

/* Load of `decl` must fail with `code`, the reason naming `needle`. */
static void
expect_load_error(const char *decl, GpErr code, const char *needle)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpErr e = GP_OK;
    GpFilter *f = gp_session_load_filter(s, decl, &e);
    GP_ASSERT(f == NULL);
    GP_ASSERT_INT_EQ(e, code);
    const GpErrorInfo *err = gp_session_last_error(s);
    GP_ASSERT_INT_EQ(err->code, code);
    if (needle && !strstr(err->reason, needle) && !strstr(err->url, needle))
        gp_test_fail(__FILE__, __LINE__, "'%s': reason \"%s\" (url \"%s\") lacks \"%s\"",
                     decl, err->reason, err->url, needle);
    gp_session_del(s);
}

/* zlib's CRC-32, bit by bit: the reference for inspect's table version. */
static uint32_t
crc32_ref(const uint8_t *d, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= d[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (c & 1 ? 0xEDB88320u : 0);
    }
    return ~c;
}

/* ---- avgen through inspect ---- */

static void
check_avgen_report(const char *report)
{
    Lines v, a;
    lines_grep(&v, report, "PID 1 PCK ");
    lines_grep(&a, report, "PID 2 PCK ");
    GP_ASSERT_INT_EQ(v.nb, 25);
    long long prev_crc = -1;
    for (uint32_t i = 0; i < v.nb; i++) {
        GP_ASSERT_INT_EQ(field(v.line[i], "DTS"), i);
        GP_ASSERT_INT_EQ(field(v.line[i], "CTS"), i);
        GP_ASSERT_INT_EQ(field(v.line[i], "dur"), 1);
        GP_ASSERT_INT_EQ(field(v.line[i], "SAP"), 1);
        GP_ASSERT_INT_EQ(field(v.line[i], "size"), 320 * 240 * 3 / 2);
        long long crc = field(v.line[i], "crc");
        GP_ASSERT(crc != prev_crc); /* the moving bar makes every frame differ */
        prev_crc = crc;
    }
    /* 44100 samples in 1024-sample packets: 43 full ones and one of 68 */
    GP_ASSERT_INT_EQ(a.nb, 44);
    for (uint32_t i = 0; i < a.nb; i++) {
        uint32_t n = i < 43 ? 1024 : 68;
        GP_ASSERT_INT_EQ(field(a.line[i], "DTS"), i * 1024);
        GP_ASSERT_INT_EQ(field(a.line[i], "dur"), n);
        GP_ASSERT_INT_EQ(field(a.line[i], "size"), n * 2 * 2);
    }
    GP_ASSERT(strstr(report, "PID 1 name: video\n"));
    GP_ASSERT(strstr(report, "  StreamType (uint): Visual\n"));
    GP_ASSERT(strstr(report, "  CodecID (uint): raw\n"));
    GP_ASSERT(strstr(report, "  Width (uint): 320\n"));
    GP_ASSERT(strstr(report, "  Timescale (uint): 25\n"));
    GP_ASSERT(strstr(report, "  Timescale (uint): 44100\n"));
    GP_ASSERT(strstr(report, "  StreamType (uint): Audio\n"));
    GP_ASSERT(strstr(report, "  PID 1 video: 25 packets"));
    GP_ASSERT(strstr(report, "  PID 2 audio: 44 packets"));
    free(v.buf);
    free(a.buf);
}

static void
avgen_inspect_counts(void)
{
    char *report = inspect_report(0, "avgen:dur=1", "");
    check_avgen_report(report);
    free(report);
    GP_ASSERT_CLEAN();
}

static void
avgen_inspect_threads(void)
{
    char *report = inspect_report(2, "avgen:dur=1", "");
    check_avgen_report(report);
    free(report);
    GP_ASSERT_CLEAN();
}

static void
avgen_load_source(void)
{
    TmpPath log;
    tmp_new(&log);
    char decl[128];
    snprintf(decl, sizeof(decl), "inspect:deep:log=%s", log.path);
    GpSession *s = gp_test_session_new(0, 0);
    GpErr e = GP_OK;
    GP_ASSERT(gp_session_load_source(s, "avgen:type=v:dur=1/5", NULL, &e));
    GP_ASSERT_OK(e);
    GP_ASSERT(gp_session_load_filter(s, decl, &e));
    GP_ASSERT(gp_session_run(s) >= 0);
    gp_session_del(s);
    char *report = read_file(log.path, NULL);
    Lines v;
    lines_grep(&v, report, "PID 1 PCK ");
    GP_ASSERT_INT_EQ(v.nb, 5);
    GP_ASSERT(!strstr(report, "PID 2 "));
    free(v.buf);
    free(report);
    tmp_del(&log);
    GP_ASSERT_CLEAN();
}

static void
avgen_formats(void)
{
    static const struct { const char *opts; const char *prefix; long long size; } cases[] = {
        {"avgen:type=v:dur=1/5:pfmt=rgb", "PID 1 PCK ", 320 * 240 * 3},
        {"avgen:type=v:dur=1/5:pfmt=nv12:sizes=64x32", "PID 1 PCK ", 64 * 32 * 3 / 2},
        {"avgen:type=v:dur=1/5:pfmt=yuv444:sizes=64x32", "PID 1 PCK ", 64 * 32 * 3},
        {"avgen:type=a:dur=1/5:afmt=fltp:ch=1:sr=8000", "PID 1 PCK ", 1024 * 4},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *report = inspect_report(0, cases[i].opts, "");
        Lines l;
        lines_grep(&l, report, cases[i].prefix);
        GP_ASSERT(l.nb > 0);
        GP_ASSERT_INT_EQ(field(l.line[0], "size"), cases[i].size);
        free(l.buf);
        free(report);
    }
    GP_ASSERT_CLEAN();
}

static void
avgen_bad_options(void)
{
    expect_load_error("avgen:nosuchopt=1", GP_BAD_PARAM, "nosuchopt");
    expect_load_error("avgen:dur=abc", GP_BAD_PARAM, "dur");
    expect_load_error("avgen:type=xyz", GP_BAD_PARAM, "type");
    expect_load_error("avgen:pfmt=nosuchfmt", GP_BAD_PARAM, "nosuchfmt");
    expect_load_error("avgen:afmt=nosuchfmt", GP_BAD_PARAM, "nosuchfmt");
    expect_load_error("avgen:fps=0/1", GP_BAD_PARAM, "fps");
    expect_load_error("avgen:sr=0", GP_BAD_PARAM, "sample rate");
    GP_ASSERT_CLEAN();
}

/* ---- inspect options ---- */

static void
inspect_dur_stops(void)
{
    char *report = inspect_report(0, "avgen:type=v:dur=10", ":dur=1/1");
    Lines v;
    lines_grep(&v, report, "PID 1 PCK ");
    GP_ASSERT_INT_EQ(v.nb, 25);
    GP_ASSERT_INT_EQ(field(v.line[24], "DTS"), 24);
    GP_ASSERT(strstr(report, "PID 1 video: 25 packets"));
    GP_ASSERT(strstr(report, "(stopped at dur)"));
    free(v.buf);
    free(report);
    GP_ASSERT_CLEAN();
}

static void
inspect_per_pid_report(void)
{
    char *report = inspect_report(0, "avgen:dur=1/5", ":!interleave");
    const char *last_v = NULL, *first_a = strstr(report, "PID 2 name:");
    for (const char *p = strstr(report, "PID 1 PCK "); p; p = strstr(p + 1, "PID 1 PCK "))
        last_v = p;
    GP_ASSERT(last_v && first_a);
    GP_ASSERT(last_v < first_a);
    free(report);
    GP_ASSERT_CLEAN();
}

static void
inspect_bad_log(void)
{
    expect_load_error("inspect:log=/nonexistent_gp_dir/log.txt", GP_IO_ERR,
                      "/nonexistent_gp_dir/log.txt");
    GP_ASSERT_CLEAN();
}

/* ---- fin / fout ---- */

static void
fin_fout_copy(void)
{
    TmpPath in, out;
    tmp_new(&in);
    tmp_new(&out);
    uint8_t data[12345];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 7 + (i >> 8));
    write_file(in.path, data, sizeof(data));
    GpSession *s = gp_test_session_new(0, 0);
    char src[128], dst[128];
    snprintf(src, sizeof(src), "%s:block_size=1000", in.path);
    snprintf(dst, sizeof(dst), "%s", out.path);
    GpErr e = GP_OK;
    GP_ASSERT(gp_session_load_source(s, src, NULL, &e));
    GP_ASSERT(gp_session_load_destination(s, dst, NULL, &e));
    GP_ASSERT(gp_session_run(s) >= 0);
    gp_session_del(s);
    size_t size = 0;
    char *copy = read_file(out.path, &size);
    GP_ASSERT_INT_EQ(size, sizeof(data));
    GP_ASSERT(!memcmp(copy, data, size));
    free(copy);
    tmp_del(&in);
    tmp_del(&out);
    GP_ASSERT_CLEAN();
}

static void
fin_blocks_in_inspect(void)
{
    TmpPath in;
    tmp_new(&in);
    uint8_t data[2500];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 13);
    write_file(in.path, data, sizeof(data));
    char decl[128];
    snprintf(decl, sizeof(decl), "fin:src=%s:block_size=1000", in.path);
    char *report = inspect_report(0, decl, "");
    Lines l;
    lines_grep(&l, report, "PID 1 PCK ");
    GP_ASSERT_INT_EQ(l.nb, 3);
    GP_ASSERT(strstr(l.line[0], "framing start"));
    GP_ASSERT(strstr(l.line[1], "framing cont"));
    GP_ASSERT(strstr(l.line[2], "framing end"));
    GP_ASSERT_INT_EQ(field(l.line[1], "bo"), 1000);
    GP_ASSERT_INT_EQ(field(l.line[2], "size"), 500);
    GP_ASSERT_INT_EQ(field(l.line[0], "DTS"), -1); /* N/A */
    GP_ASSERT_INT_EQ(field(l.line[2], "crc"), crc32_ref(data + 2000, 500));
    GP_ASSERT(strstr(report, "  StreamType (uint): File\n"));
    GP_ASSERT(strstr(report, "  DownloadSize (luint): 2500\n"));
    free(l.buf);
    free(report);
    tmp_del(&in);
    GP_ASSERT_CLEAN();
}

static void
fin_frame_crc(void)
{
    TmpPath in;
    tmp_new(&in);
    write_file(in.path, (const uint8_t *)"123456789", 9);
    char decl[128];
    snprintf(decl, sizeof(decl), "fin:src=%s:block_size=4", in.path);
    char *report = inspect_report(0, decl, ":mode=frame");
    Lines l;
    lines_grep(&l, report, "PID 1 FRAME ");
    GP_ASSERT_INT_EQ(l.nb, 1);
    GP_ASSERT_INT_EQ(field(l.line[0], "size"), 9);
    GP_ASSERT(strstr(l.line[0], "crc 0xCBF43926")); /* the CRC-32 check value */
    GP_ASSERT(strstr(report, "3 packets, 1 frames"));
    free(l.buf);
    free(report);
    tmp_del(&in);
    GP_ASSERT_CLEAN();
}

static void
fin_missing_file(void)
{
    expect_load_error("fin:src=/nonexistent_gp_dir/in.bin", GP_URL_ERROR,
                      "/nonexistent_gp_dir/in.bin");
    GpSession *s = gp_test_session_new(0, 0);
    GpErr e = GP_OK;
    GP_ASSERT(!gp_session_load_source(s, "/nonexistent_gp_dir/in.bin", NULL, &e));
    GP_ASSERT_INT_EQ(e, GP_URL_ERROR);
    GP_ASSERT(strstr(gp_session_last_error(s)->reason, "/nonexistent_gp_dir/in.bin"));
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
fin_empty_file(void)
{
    TmpPath in;
    tmp_new(&in);
    char decl[128];
    snprintf(decl, sizeof(decl), "fin:src=%s", in.path);
    expect_load_error(decl, GP_IO_ERR, "empty file");
    tmp_del(&in);
    GP_ASSERT_CLEAN();
}

static void
fout_missing_dir(void)
{
    expect_load_error("fout:dst=/nonexistent_gp_dir/out.bin", GP_IO_ERR,
                      "/nonexistent_gp_dir/out.bin");
    GP_ASSERT_CLEAN();
}

static void
fout_null_discards(void)
{
    TmpPath in;
    tmp_new(&in);
    uint8_t data[3000] = {1, 2, 3};
    write_file(in.path, data, sizeof(data));
    char src[128];
    snprintf(src, sizeof(src), "fin:src=%s", in.path);
    GpSession *s = gp_test_session_new(0, 0);
    const char *decls[] = {src, "fout:dst=null", NULL};
    GP_ASSERT(run_chain(s, decls) >= 0);
    GP_ASSERT_INT_EQ(gp_session_last_error(s)->code, GP_OK);
    gp_session_del(s);
    tmp_del(&in);
    GP_ASSERT_CLEAN();
}

/* ---- events: PLAY, STOP, SOURCE_SEEK ---- */

static void
avgen_stop_ends(void)
{
    /* unlimited duration: only the STOP sent by tsink after 5 packets ends the session */
    GpSession *s = gp_test_session_new(0, 0);
    gp_test_load(s, gp_registry_find("avgen"), "type=v:sizes=32x16");
    GpFilter *sink = gp_test_load(s, &tf_tsink, "stop=5");
    GP_ASSERT(gp_session_run(s) >= 0);
    TsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT(k->nb_pck >= 5);
    GP_ASSERT(k->all_eos);
    for (uint32_t i = 0; i < 5; i++)
        GP_ASSERT_U64_EQ(k->dts[i], i);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

static void
fin_waits_for_play(void)
{
    TmpPath in;
    tmp_new(&in);
    uint8_t data[100] = {0};
    write_file(in.path, data, sizeof(data));
    GpSession *s = gp_test_session_new(0, 0);
    char args[128];
    snprintf(args, sizeof(args), "src=%s", in.path);
    gp_test_load(s, gp_registry_find("fin"), args);
    GpFilter *sink = gp_test_load(s, &tf_tsink, "noplay");
    GP_ASSERT(gp_session_run(s) >= 0);
    TsinkCtx *k = gp_filter_priv(sink);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT_INT_EQ(k->nb_pck, 0);
    gp_session_del(s);
    tmp_del(&in);
    GP_ASSERT_CLEAN();
}

typedef struct SeekRec {
    uint32_t nb;
    uint64_t bo[8];
    uint32_t size[8];
    bool start[8], end[8];
} SeekRec;

static void
seek_on_configure(GpFilter *f, GpPid *ipid, void *udata)
{
    GpEvent evt;
    gp_event_init(&evt, GP_FEVT_SOURCE_SEEK, ipid);
    evt.seek.start_offset = 1500;
    evt.seek.end_offset = 3200;
    GP_ASSERT_OK(gp_pid_send_event(ipid, &evt));
}

static void
seek_on_packet(GpFilter *f, GpPid *ipid, GpPacket *pck, void *udata)
{
    SeekRec *r = udata;
    const GpPacketInfo *info = gp_packet_info_const(pck);
    if (r->nb < 8) {
        gp_packet_data(pck, &r->size[r->nb]);
        r->bo[r->nb] = info->byte_offset;
        r->start[r->nb] = info->start;
        r->end[r->nb] = info->end;
    }
    r->nb++;
}

static void
fin_source_seek(void)
{
    TmpPath in;
    tmp_new(&in);
    uint8_t data[5000];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)i;
    write_file(in.path, data, sizeof(data));
    GpSession *s = gp_test_session_new(0, 0);
    char args[128];
    snprintf(args, sizeof(args), "src=%s:block_size=1000", in.path);
    gp_test_load(s, gp_registry_find("fin"), args);
    GpFilter *sink = gp_test_load(s, &tf_tsink, "");
    TsinkCtx *k = gp_filter_priv(sink);
    SeekRec rec = {0};
    k->on_configure = seek_on_configure;
    k->on_packet = seek_on_packet;
    k->udata = &rec;
    GP_ASSERT(gp_session_run(s) >= 0);
    /* [1500, 3200): 1000 + 700 bytes, framed as one range */
    GP_ASSERT_INT_EQ(rec.nb, 2);
    GP_ASSERT_U64_EQ(rec.bo[0], 1500);
    GP_ASSERT_U64_EQ(rec.bo[1], 2500);
    GP_ASSERT_INT_EQ(rec.size[0], 1000);
    GP_ASSERT_INT_EQ(rec.size[1], 700);
    GP_ASSERT(rec.start[0] && !rec.end[0] && !rec.start[1] && rec.end[1]);
    GP_ASSERT_INT_EQ(k->first_byte[0], 1500 & 0xff);
    GP_ASSERT(k->all_eos);
    gp_session_del(s);
    tmp_del(&in);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(avgen_inspect_counts), GP_CASE(avgen_inspect_threads),
             GP_CASE(avgen_load_source), GP_CASE(avgen_formats), GP_CASE(avgen_bad_options),
             GP_CASE(inspect_dur_stops), GP_CASE(inspect_per_pid_report),
             GP_CASE(inspect_bad_log), GP_CASE(fin_fout_copy), GP_CASE(fin_blocks_in_inspect),
             GP_CASE(fin_frame_crc), GP_CASE(fin_missing_file), GP_CASE(fin_empty_file),
             GP_CASE(fout_missing_dir), GP_CASE(fout_null_discards), GP_CASE(avgen_stop_ends),
             GP_CASE(fin_waits_for_play), GP_CASE(fin_source_seek))
