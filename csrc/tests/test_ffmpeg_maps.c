/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The FFmpeg glue (csrc/ffmpeg/): identifier maps both ways (codec ids in GPAC's
 * numbering, pixel and sample formats, media types, AVERROR codes) and the AVIOContext
 * bridge over gp_io: local files, a registered memory scheme (so no byte bypasses
 * gp_io), AVSEEK_SIZE, missing files, and the io_open/io_close2 hooks. */
#include <string.h>
#include <unistd.h>

#include "ffmpeg_glue.h"
#include "harness.h"

/* ---- identifier maps ---- */

static void
maps_codecs(void)
{
    static const struct {
        enum AVCodecID av;
        uint32_t gp;
    } pairs[] = {
        {AV_CODEC_ID_H264, 0x21},       {AV_CODEC_ID_HEVC, 0x23},
        {AV_CODEC_ID_MPEG4, 0x20},      {AV_CODEC_ID_AAC, 0x40},
        {AV_CODEC_ID_MP3, 0x6B},        {AV_CODEC_ID_MPEG2VIDEO, 0x61},
        {AV_CODEC_ID_MPEG1VIDEO, 0x6A}, {AV_CODEC_ID_MJPEG, 0x6C},
        {AV_CODEC_ID_PNG, 0x6D},        {AV_CODEC_ID_AV1, GP_4CC('A', 'V', '1', ' ')},
        {AV_CODEC_ID_VP8, GP_4CC('V', 'P', '0', '8')},
        {AV_CODEC_ID_VP9, GP_4CC('V', 'P', '0', '9')},
        {AV_CODEC_ID_OPUS, GP_4CC('O', 'p', 'u', 's')},
        {AV_CODEC_ID_FLAC, GP_4CC('f', 'l', 'a', 'c')},
        {AV_CODEC_ID_AC3, GP_4CC('a', 'c', '-', '3')},
        {AV_CODEC_ID_EAC3, GP_4CC('e', 'c', '-', '3')},
        {AV_CODEC_ID_VORBIS, GP_4CC('v', 'o', 'r', 'b')},
        {AV_CODEC_ID_RAWVIDEO, GP_CODEC_RAW},
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        GP_ASSERT_INT_EQ(ffg_codec_to_gp(pairs[i].av), pairs[i].gp);
        GP_ASSERT_INT_EQ(ffg_codec_from_gp(pairs[i].gp), pairs[i].av);
    }
    /* every PCM flavour is raw audio; profiles of one codec map back to it */
    GP_ASSERT_INT_EQ(ffg_codec_to_gp(AV_CODEC_ID_PCM_S16LE), GP_CODEC_RAW);
    GP_ASSERT_INT_EQ(ffg_codec_to_gp(AV_CODEC_ID_PCM_F32LE), GP_CODEC_RAW);
    GP_ASSERT_INT_EQ(ffg_codec_from_gp(0x67), AV_CODEC_ID_AAC);
    GP_ASSERT_INT_EQ(ffg_codec_from_gp(0x60), AV_CODEC_ID_MPEG2VIDEO);
    /* names agree with the engine's table */
    GP_ASSERT_STR_EQ(gp_codec_name(ffg_codec_to_gp(AV_CODEC_ID_H264)), "264");
    GP_ASSERT_STR_EQ(gp_codec_name(ffg_codec_to_gp(AV_CODEC_ID_HEVC)), "hvc");
    /* unmapped: FFID, and back to nothing */
    GP_ASSERT_INT_EQ(ffg_codec_to_gp(AV_CODEC_ID_CINEPAK), GP_4CC('F', 'F', 'I', 'D'));
    GP_ASSERT_STR_EQ(gp_codec_name(GP_4CC('F', 'F', 'I', 'D')), "ffmpeg");
    GP_ASSERT_INT_EQ(ffg_codec_from_gp(GP_4CC('F', 'F', 'I', 'D')), AV_CODEC_ID_NONE);
    GP_ASSERT_INT_EQ(ffg_codec_from_gp(12345), AV_CODEC_ID_NONE);
    GP_ASSERT_INT_EQ(ffg_codec_to_gp(AV_CODEC_ID_NONE), 0);

    GP_ASSERT_INT_EQ(ffg_stream_type(AVMEDIA_TYPE_VIDEO), GP_STREAM_VISUAL);
    GP_ASSERT_INT_EQ(ffg_stream_type(AVMEDIA_TYPE_AUDIO), GP_STREAM_AUDIO);
    GP_ASSERT_INT_EQ(ffg_stream_type(AVMEDIA_TYPE_SUBTITLE), GP_STREAM_TEXT);
    GP_ASSERT_INT_EQ(ffg_stream_type(AVMEDIA_TYPE_ATTACHMENT), GP_STREAM_UNKNOWN);
}

static void
maps_formats(void)
{
    static const struct {
        enum AVPixelFormat av;
        const char *name; /* the engine's long name */
    } pix[] = {
        {AV_PIX_FMT_YUV420P, "yuv420"},    {AV_PIX_FMT_YUV420P10LE, "yuv420_10"},
        {AV_PIX_FMT_YUV422P, "yuv422"},    {AV_PIX_FMT_YUV444P, "yuv444"},
        {AV_PIX_FMT_NV12, "nv12"},         {AV_PIX_FMT_NV21, "nv21"},
        {AV_PIX_FMT_GRAY8, "grey"},        {AV_PIX_FMT_RGB24, "rgb"},
        {AV_PIX_FMT_BGR24, "bgr"},         {AV_PIX_FMT_RGBA, "rgba"},
        {AV_PIX_FMT_BGRA, "bgra"},         {AV_PIX_FMT_ARGB, "argb"},
        {AV_PIX_FMT_ABGR, "abgr"},         {AV_PIX_FMT_YUYV422, "yuyv"},
        {AV_PIX_FMT_UYVY422, "uyvy"},      {AV_PIX_FMT_YUV422P10LE, "yuv422_10"},
        {AV_PIX_FMT_YUV444P10LE, "yuv444_10"}, {AV_PIX_FMT_P010LE, "nv1l"},
    };
    for (size_t i = 0; i < sizeof(pix) / sizeof(pix[0]); i++) {
        uint32_t gp = ffg_pixfmt_to_gp(pix[i].av);
        GP_ASSERT_STR_EQ(gp_pixfmt_long_name(gp), pix[i].name);
        GP_ASSERT_INT_EQ(ffg_pixfmt_from_gp(gp), pix[i].av);
    }
    GP_ASSERT_INT_EQ(ffg_pixfmt_to_gp(AV_PIX_FMT_YUV420P), GP_4CC('Y', 'U', '1', '2'));
    GP_ASSERT_INT_EQ(ffg_pixfmt_to_gp(AV_PIX_FMT_YUVJ420P), GP_PIXFMT_YUV420);
    GP_ASSERT_INT_EQ(ffg_pixfmt_from_gp(GP_PIXFMT_YUV420), AV_PIX_FMT_YUV420P);
    GP_ASSERT_INT_EQ(ffg_pixfmt_to_gp(AV_PIX_FMT_XYZ12LE), 0);
    GP_ASSERT_INT_EQ(ffg_pixfmt_from_gp(GP_4CC('v', '2', '1', '0')), AV_PIX_FMT_NONE);

    static const struct {
        enum AVSampleFormat av;
        uint32_t gp;
    } smp[] = {
        {AV_SAMPLE_FMT_U8, 1},   {AV_SAMPLE_FMT_S16, 2},   {AV_SAMPLE_FMT_S32, 4},
        {AV_SAMPLE_FMT_FLT, 6},  {AV_SAMPLE_FMT_DBL, 8},   {AV_SAMPLE_FMT_U8P, 13},
        {AV_SAMPLE_FMT_S16P, 14}, {AV_SAMPLE_FMT_S32P, 15}, {AV_SAMPLE_FMT_FLTP, 16},
        {AV_SAMPLE_FMT_DBLP, 17},
    };
    for (size_t i = 0; i < sizeof(smp) / sizeof(smp[0]); i++) {
        GP_ASSERT_INT_EQ(ffg_sample_fmt_to_gp(smp[i].av), smp[i].gp);
        GP_ASSERT_INT_EQ(ffg_sample_fmt_from_gp(smp[i].gp), smp[i].av);
    }
    GP_ASSERT_STR_EQ(gp_audio_fmt_long_name(ffg_sample_fmt_to_gp(AV_SAMPLE_FMT_S16)), "s16");
    GP_ASSERT_INT_EQ(ffg_sample_fmt_from_gp(GP_AFMT_S24), AV_SAMPLE_FMT_NONE);
    GP_ASSERT_INT_EQ(ffg_sample_fmt_to_gp(AV_SAMPLE_FMT_NONE), 0);
}

static void
maps_errors(void)
{
    GP_ASSERT_INT_EQ(ffg_err(0), GP_OK);
    GP_ASSERT_INT_EQ(ffg_err(AVERROR_EOF), GP_EOS);
    GP_ASSERT_INT_EQ(ffg_err(AVERROR(ENOMEM)), GP_OUT_OF_MEM);
    GP_ASSERT_INT_EQ(ffg_err(AVERROR(ENOENT)), GP_URL_ERROR);
    GP_ASSERT_INT_EQ(ffg_err(AVERROR_INVALIDDATA), GP_NON_COMPLIANT_BITSTREAM);
    GP_ASSERT_INT_EQ(ffg_err(AVERROR(EINVAL)), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(ffg_err(AVERROR_DECODER_NOT_FOUND), GP_NOT_SUPPORTED);
    GP_ASSERT_INT_EQ(ffg_err(AVERROR(EIO)), GP_IO_ERR);
    char buf[AV_ERROR_MAX_STRING_SIZE];
    GP_ASSERT(strstr(ffg_errstr(AVERROR_INVALIDDATA, buf, sizeof(buf)), "Invalid data"));
    GP_ASSERT_STR_EQ(ffg_errstr(AVERROR(ENOENT), buf, sizeof(buf)), "No such file or directory");
}

/* ---- AVIO bridge ---- */

static void
avio_local_file(void)
{
    char path[] = "/tmp/gp_ffio_XXXXXX";
    int fd = mkstemp(path);
    GP_ASSERT(fd >= 0);
    close(fd);
    GpErr e = GP_BAD_PARAM;
    AVIOContext *pb = ffg_avio_open(path, "wb", &e);
    GP_ASSERT(pb != NULL);
    GP_ASSERT_OK(e);
    GP_ASSERT(pb->write_flag);
    avio_write(pb, (const unsigned char *)"0123456789", 10);
    /* muxers patch headers: seek back and overwrite */
    GP_ASSERT_INT_EQ(avio_seek(pb, 2, SEEK_SET), 2);
    avio_write(pb, (const unsigned char *)"ab", 2);
    GP_ASSERT_OK(ffg_avio_close(&pb));
    GP_ASSERT(pb == NULL);

    pb = ffg_avio_open(path, "rb", &e);
    GP_ASSERT(pb != NULL);
    GP_ASSERT(pb->seekable & AVIO_SEEKABLE_NORMAL);
    GP_ASSERT_INT_EQ(avio_size(pb), 10); /* AVSEEK_SIZE */
    unsigned char buf[16] = {0};
    GP_ASSERT_INT_EQ(avio_read(pb, buf, sizeof(buf)), 10);
    GP_ASSERT(!memcmp(buf, "01ab456789", 10));
    GP_ASSERT(avio_feof(pb) || avio_read(pb, buf, 1) == AVERROR_EOF);
    GP_ASSERT_INT_EQ(avio_seek(pb, avio_size(pb) - 3, SEEK_SET), 7);
    GP_ASSERT_INT_EQ(avio_r8(pb), '7');
    GP_ASSERT_OK(ffg_avio_close(&pb));
    GP_ASSERT_OK(ffg_avio_close(&pb)); /* NULL is fine */
    unlink(path);
}

static void
avio_missing_file(void)
{
    GpErr e = GP_OK;
    GP_ASSERT(ffg_avio_open("/nonexistent_gp_dir/x.mp4", "rb", &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_URL_ERROR);
    GP_ASSERT(ffg_avio_open("nosuchscheme://x/y.ts", "rb", &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_URL_ERROR);
}

/* A memory scheme: what FFmpeg reads and writes must come through these callbacks. */
typedef struct FfgMem {
    uint8_t data[4096];
    int64_t size, pos;
    int opens, closes, reads, writes;
} FfgMem;

static FfgMem ffg_mem;

static GpErr
mem_open(void *udata, const char *url, const char *mode, void **h)
{
    (void)udata;
    if (strcmp(url, "ffmem://file") && strcmp(url, "ffmem://other"))
        return GP_URL_ERROR;
    if (mode[0] == 'w')
        ffg_mem.size = 0;
    ffg_mem.pos = 0;
    ffg_mem.opens++;
    *h = &ffg_mem;
    return GP_OK;
}

static int64_t
mem_read(void *h, uint8_t *buf, uint32_t size)
{
    FfgMem *m = h;
    int64_t n = m->size - m->pos < size ? m->size - m->pos : size;
    memcpy(buf, m->data + m->pos, (size_t)n);
    m->pos += n;
    m->reads++;
    return n;
}

static int64_t
mem_write(void *h, const uint8_t *buf, uint32_t size)
{
    FfgMem *m = h;
    if (m->pos + size > (int64_t)sizeof(m->data))
        return GP_IO_ERR;
    memcpy(m->data + m->pos, buf, size);
    m->pos += size;
    if (m->pos > m->size)
        m->size = m->pos;
    m->writes++;
    return size;
}

static GpErr
mem_seek(void *h, int64_t off, int whence)
{
    FfgMem *m = h;
    int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size;
    if (base + off < 0)
        return GP_IO_ERR;
    m->pos = base + off;
    return GP_OK;
}

static int64_t
mem_tell(void *h)
{
    return ((FfgMem *)h)->pos;
}

static void
mem_close(void *h)
{
    ((FfgMem *)h)->closes++;
}

static const GpIoScheme ffg_mem_scheme = {
    .prefix = "ffmem://", .open = mem_open, .read = mem_read, .write = mem_write,
    .seek = mem_seek, .tell = mem_tell, .close = mem_close,
};

static void
avio_registered_scheme(void)
{
    memset(&ffg_mem, 0, sizeof(ffg_mem));
    GP_ASSERT_OK(gp_io_register_scheme(&ffg_mem_scheme));
    GpErr e;
    AVIOContext *pb = ffg_avio_open("ffmem://file", "wb", &e);
    GP_ASSERT(pb != NULL);
    avio_wb32(pb, 0xCAFEBABE);
    avio_write(pb, (const unsigned char *)"gpac", 4);
    GP_ASSERT_OK(ffg_avio_close(&pb));
    GP_ASSERT_INT_EQ(ffg_mem.size, 8);
    GP_ASSERT(ffg_mem.writes >= 1);

    /* the io_open hook of a format context goes through the scheme too */
    AVFormatContext *fc = avformat_alloc_context();
    GP_ASSERT(fc != NULL);
    ffg_install_io(fc);
    GP_ASSERT(fc->io_open(fc, &pb, "ffmem://file", AVIO_FLAG_READ, NULL) == 0);
    GP_ASSERT_INT_EQ(avio_size(pb), 8);
    GP_ASSERT_INT_EQ(avio_rb32(pb), 0xCAFEBABE);
    GP_ASSERT(ffg_mem.reads >= 1);
    GP_ASSERT_INT_EQ(fc->io_close2(fc, pb), 0);
    GP_ASSERT(fc->io_open(fc, &pb, "ffmem://missing", AVIO_FLAG_READ, NULL) ==
              AVERROR(ENOENT));
    avformat_free_context(fc);
    GP_ASSERT_INT_EQ(ffg_mem.opens, ffg_mem.closes);
    gp_io_unregister_scheme(&ffg_mem_scheme);
}

/* A whole FFmpeg muxer and demuxer run over the bridge (no file name given to FFmpeg):
 * WAV, whose muxer seeks back to patch its header sizes at the end. */
static void
avio_mux_demux(void)
{
    char path[] = "/tmp/gp_ffmux_XXXXXX";
    int fd = mkstemp(path);
    GP_ASSERT(fd >= 0);
    close(fd);
    AVFormatContext *oc = NULL;
    GP_ASSERT(avformat_alloc_output_context2(&oc, NULL, "wav", NULL) >= 0);
    AVStream *st = avformat_new_stream(oc, NULL);
    st->codecpar->codec_type = AVMEDIA_TYPE_AUDIO;
    st->codecpar->codec_id = AV_CODEC_ID_PCM_S16LE;
    st->codecpar->sample_rate = 8000;
    av_channel_layout_default(&st->codecpar->ch_layout, 1);
    st->time_base = (AVRational){1, 8000};
    GpErr e;
    oc->pb = ffg_avio_open(path, "wb", &e);
    GP_ASSERT(oc->pb != NULL);
    GP_ASSERT(avformat_write_header(oc, NULL) >= 0);
    for (int i = 0; i < 5; i++) {
        AVPacket *pkt = av_packet_alloc();
        GP_ASSERT(av_new_packet(pkt, 16) == 0);
        memset(pkt->data, i + 1, 16);
        pkt->pts = pkt->dts = av_rescale_q(i * 8, (AVRational){1, 8000}, st->time_base);
        pkt->duration = av_rescale_q(8, (AVRational){1, 8000}, st->time_base);
        pkt->stream_index = 0;
        GP_ASSERT(av_interleaved_write_frame(oc, pkt) >= 0);
        av_packet_free(&pkt);
    }
    GP_ASSERT(av_write_trailer(oc) >= 0);
    GP_ASSERT_OK(ffg_avio_close(&oc->pb));
    avformat_free_context(oc);

    AVFormatContext *ic = avformat_alloc_context();
    ic->pb = ffg_avio_open(path, "rb", &e);
    GP_ASSERT(ic->pb != NULL);
    AVIOContext *pb = ic->pb;
    GP_ASSERT(avformat_open_input(&ic, "whatever-name", NULL, NULL) == 0);
    GP_ASSERT_STR_EQ(ic->iformat->name, "wav");
    GP_ASSERT(avformat_find_stream_info(ic, NULL) >= 0);
    GP_ASSERT_INT_EQ(ic->streams[0]->duration, 40); /* the patched data size: 40 samples */
    AVPacket *pkt = av_packet_alloc();
    int n = 0;
    while (av_read_frame(ic, pkt) >= 0) {
        for (int i = 0; i < pkt->size; i++, n++)
            GP_ASSERT_INT_EQ(pkt->data[i], n / 16 + 1);
        av_packet_unref(pkt);
    }
    GP_ASSERT_INT_EQ(n, 80);
    av_packet_free(&pkt);
    avformat_close_input(&ic);
    GP_ASSERT_OK(ffg_avio_close(&pb));
    unlink(path);
}

GP_TEST_MAIN(GP_CASE(maps_codecs), GP_CASE(maps_formats), GP_CASE(maps_errors),
             GP_CASE(avio_local_file), GP_CASE(avio_missing_file),
             GP_CASE(avio_registered_scheme), GP_CASE(avio_mux_demux))
