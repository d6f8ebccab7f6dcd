/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Identifier maps between FFmpeg and the engine: codec ids (GPAC's numbering, API.md
 * 3.5), pixel formats (3.6), sample formats (3.7), media types, and AVERROR codes.
 * Tables are searched linearly: they are short and looked up once per PID. The first
 * row of an id wins in each direction, so canonical pairs come first. */
#include <errno.h>

#include "ffmpeg_glue.h"

#define FFG_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FFG_FFID     GP_4CC('F', 'F', 'I', 'D')

typedef struct FfgCodec {
    uint32_t gp;
    enum AVCodecID av;
} FfgCodec;

static const FfgCodec ffg_codecs[] = {
    {GP_CODEC_MPEG4_PART2, AV_CODEC_ID_MPEG4},
    {GP_CODEC_AVC, AV_CODEC_ID_H264},
    {GP_CODEC_HEVC, AV_CODEC_ID_HEVC},
    {GP_4CC('v', 'v', 'c', ' '), AV_CODEC_ID_VVC},
    {GP_CODEC_AV1, AV_CODEC_ID_AV1},
    {GP_CODEC_VP8, AV_CODEC_ID_VP8},
    {GP_CODEC_VP9, AV_CODEC_ID_VP9},
    {GP_CODEC_MPEG2_MAIN, AV_CODEC_ID_MPEG2VIDEO},
    {0x60, AV_CODEC_ID_MPEG2VIDEO}, /* MPEG-2 Simple/SNR/Spatial/High/422 profiles */
    {0x62, AV_CODEC_ID_MPEG2VIDEO},
    {0x63, AV_CODEC_ID_MPEG2VIDEO},
    {0x64, AV_CODEC_ID_MPEG2VIDEO},
    {0x65, AV_CODEC_ID_MPEG2VIDEO},
    {GP_CODEC_MPEG1, AV_CODEC_ID_MPEG1VIDEO},
    {GP_4CC('h', '2', '6', '3'), AV_CODEC_ID_H263},
    {GP_4CC('s', '2', '6', '3'), AV_CODEC_ID_H263},
    {GP_CODEC_JPEG, AV_CODEC_ID_MJPEG},
    {GP_CODEC_PNG, AV_CODEC_ID_PNG},
    {GP_4CC('j', 'p', '2', 'k'), AV_CODEC_ID_JPEG2000},
    {GP_4CC('a', 'p', 'c', 'n'), AV_CODEC_ID_PRORES},
    {GP_4CC('a', 'p', 'c', 'h'), AV_CODEC_ID_PRORES},
    {GP_4CC('a', 'p', 'c', 'o'), AV_CODEC_ID_PRORES},
    {GP_4CC('a', 'p', 'c', 's'), AV_CODEC_ID_PRORES},
    {GP_4CC('a', 'p', '4', 'x'), AV_CODEC_ID_PRORES},
    {GP_4CC('a', 'p', '4', 'h'), AV_CODEC_ID_PRORES},
    {GP_4CC('v', 'c', '-', '1'), AV_CODEC_ID_VC1},
    {GP_4CC('d', 'r', 'a', 'c'), AV_CODEC_ID_DIRAC},
    {GP_4CC('f', 'f', 'v', '1'), AV_CODEC_ID_FFV1},
    {GP_4CC('D', 'N', 'x', 'H'), AV_CODEC_ID_DNXHD},
    {GP_4CC('D', 'I', 'V', '3'), AV_CODEC_ID_MSMPEG4V3},
    {GP_4CC('t', 'h', 'e', 'u'), AV_CODEC_ID_THEORA},
    {GP_CODEC_AAC_MPEG4, AV_CODEC_ID_AAC},
    {0x66, AV_CODEC_ID_AAC}, /* MPEG-2 AAC Main/LC/SSR */
    {0x67, AV_CODEC_ID_AAC},
    {0x68, AV_CODEC_ID_AAC},
    {GP_CODEC_MP3, AV_CODEC_ID_MP3},
    {0x69, AV_CODEC_ID_MP2},
    {GP_4CC('m', 'p', 'a', '1'), AV_CODEC_ID_MP1},
    {GP_CODEC_AC3, AV_CODEC_ID_AC3},
    {GP_4CC('e', 'c', '-', '3'), AV_CODEC_ID_EAC3},
    {GP_4CC('m', 'l', 'p', 'a'), AV_CODEC_ID_TRUEHD},
    {GP_CODEC_OPUS, AV_CODEC_ID_OPUS},
    {GP_4CC('v', 'o', 'r', 'b'), AV_CODEC_ID_VORBIS},
    {GP_CODEC_FLAC, AV_CODEC_ID_FLAC},
    {GP_4CC('s', 'p', 'e', 'x'), AV_CODEC_ID_SPEEX},
    {GP_4CC('s', 'a', 'm', 'r'), AV_CODEC_ID_AMR_NB},
    {GP_4CC('s', 'a', 'w', 'b'), AV_CODEC_ID_AMR_WB},
    {GP_4CC('s', 'q', 'c', 'p'), AV_CODEC_ID_QCELP},
    {GP_4CC('d', 't', 's', 'c'), AV_CODEC_ID_DTS},
    {GP_4CC('m', 'h', 'a', 's'), AV_CODEC_ID_MPEGH_3D_AUDIO},
    {GP_4CC('A', 'L', 'A', 'C'), AV_CODEC_ID_ALAC},
    {GP_4CC('A', 'L', 'A', 'W'), AV_CODEC_ID_PCM_ALAW},
    {GP_4CC('M', 'L', 'A', 'W'), AV_CODEC_ID_PCM_MULAW},
    {GP_4CC('w', 'v', 't', 't'), AV_CODEC_ID_WEBVTT},
    {GP_4CC('s', 't', 'x', 't'), AV_CODEC_ID_TEXT},
    {GP_4CC('s', 't', 'x', 't'), AV_CODEC_ID_SUBRIP},
    {GP_4CC('s', 't', 'p', 'p'), AV_CODEC_ID_TTML},
    {GP_4CC('t', 'x', '3', 'g'), AV_CODEC_ID_MOV_TEXT},
    {GP_4CC('a', 's', 's', 'a'), AV_CODEC_ID_ASS},
    {GP_4CC('s', 'u', 'b', 'p'), AV_CODEC_ID_DVD_SUBTITLE},
    {GP_4CC('d', 'v', 'b', 's'), AV_CODEC_ID_DVB_SUBTITLE},
    {GP_4CC('d', 'v', 'b', 't'), AV_CODEC_ID_DVB_TELETEXT},
    {GP_4CC('s', 'c', '3', '5'), AV_CODEC_ID_SCTE_35},
    /* raw: video, and every linear PCM (the AudioFormat property tells which) */
    {GP_CODEC_RAW, AV_CODEC_ID_RAWVIDEO},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_U8},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_S16LE},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_S16BE},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_S24LE},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_S24BE},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_S32LE},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_S32BE},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_F32LE},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_F32BE},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_F64LE},
    {GP_CODEC_RAW, AV_CODEC_ID_PCM_F64BE},
};

uint32_t
ffg_codec_to_gp(enum AVCodecID id)
{
    if (id == AV_CODEC_ID_NONE)
        return 0;
    for (size_t i = 0; i < FFG_COUNT(ffg_codecs); i++)
        if (ffg_codecs[i].av == id)
            return ffg_codecs[i].gp;
    return FFG_FFID;
}

enum AVCodecID
ffg_codec_from_gp(uint32_t codecid)
{
    for (size_t i = 0; i < FFG_COUNT(ffg_codecs); i++)
        if (ffg_codecs[i].gp == codecid)
            return ffg_codecs[i].av;
    return AV_CODEC_ID_NONE;
}

uint32_t
ffg_stream_type(enum AVMediaType type)
{
    switch (type) {
    case AVMEDIA_TYPE_VIDEO: return GP_STREAM_VISUAL;
    case AVMEDIA_TYPE_AUDIO: return GP_STREAM_AUDIO;
    case AVMEDIA_TYPE_SUBTITLE: return GP_STREAM_TEXT;
    case AVMEDIA_TYPE_DATA: return GP_STREAM_METADATA;
    default: return GP_STREAM_UNKNOWN;
    }
}

/* ---- pixel formats ---- */

typedef struct FfgPix {
    uint32_t gp;
    enum AVPixelFormat av;
} FfgPix;

static const FfgPix ffg_pixfmts[] = {
    {GP_PIXFMT_YUV420, AV_PIX_FMT_YUV420P},
    {GP_PIXFMT_YUV420_10, AV_PIX_FMT_YUV420P10LE},
    {GP_PIXFMT_YUV422, AV_PIX_FMT_YUV422P},
    {GP_4CC('Y', '2', '1', '0'), AV_PIX_FMT_YUV422P10LE},
    {GP_PIXFMT_YUV444, AV_PIX_FMT_YUV444P},
    {GP_4CC('Y', '4', '1', '0'), AV_PIX_FMT_YUV444P10LE},
    {GP_4CC('Y', 'U', 'V', 'A'), AV_PIX_FMT_YUVA420P},
    {GP_4CC('Y', 'A', '4', '4'), AV_PIX_FMT_YUVA444P},
    {GP_PIXFMT_NV12, AV_PIX_FMT_NV12},
    {GP_4CC('N', 'V', '2', '1'), AV_PIX_FMT_NV21},
    {GP_4CC('N', '1', '2', '0'), AV_PIX_FMT_P010LE},
    {GP_4CC('Y', 'U', 'Y', 'V'), AV_PIX_FMT_YUYV422},
    {GP_4CC('U', 'Y', 'V', 'Y'), AV_PIX_FMT_UYVY422},
    {GP_4CC('Y', 'V', 'Y', 'U'), AV_PIX_FMT_YVYU422},
    {GP_PIXFMT_GREY, AV_PIX_FMT_GRAY8},
    {GP_4CC('G', 'R', 'A', 'L'), AV_PIX_FMT_YA8},
    {GP_PIXFMT_RGB, AV_PIX_FMT_RGB24},
    {GP_PIXFMT_BGR, AV_PIX_FMT_BGR24},
    {GP_PIXFMT_RGBA, AV_PIX_FMT_RGBA},
    {GP_PIXFMT_BGRA, AV_PIX_FMT_BGRA},
    {GP_4CC('A', 'R', 'G', 'B'), AV_PIX_FMT_ARGB},
    {GP_4CC('A', 'B', 'G', 'R'), AV_PIX_FMT_ABGR},
    {GP_4CC('R', 'G', 'B', 'X'), AV_PIX_FMT_0RGB}, /* GPAC's XRGB */
    {GP_4CC('R', 'G', 'B', '4'), AV_PIX_FMT_RGB0}, /* GPAC's RGBX */
    {GP_4CC('B', 'G', 'R', 'X'), AV_PIX_FMT_0BGR}, /* GPAC's XBGR */
    {GP_4CC('B', 'G', 'R', '4'), AV_PIX_FMT_BGR0}, /* GPAC's BGRX */
    {GP_4CC('R', '5', '6', '5'), AV_PIX_FMT_RGB565},
    {GP_4CC('R', '5', '5', '5'), AV_PIX_FMT_RGB555},
    {GP_4CC('R', '4', '4', '4'), AV_PIX_FMT_RGB444},
    {GP_4CC('R', '3', '3', '2'), AV_PIX_FMT_RGB8},
    /* full-range JPEG variants have the same layout: engine -> FFmpeg gives the plain one */
    {GP_PIXFMT_YUV420, AV_PIX_FMT_YUVJ420P},
    {GP_PIXFMT_YUV422, AV_PIX_FMT_YUVJ422P},
    {GP_PIXFMT_YUV444, AV_PIX_FMT_YUVJ444P},
};

uint32_t
ffg_pixfmt_to_gp(enum AVPixelFormat fmt)
{
    for (size_t i = 0; i < FFG_COUNT(ffg_pixfmts); i++)
        if (ffg_pixfmts[i].av == fmt)
            return ffg_pixfmts[i].gp;
    return 0;
}

enum AVPixelFormat
ffg_pixfmt_from_gp(uint32_t pfmt)
{
    for (size_t i = 0; i < FFG_COUNT(ffg_pixfmts); i++)
        if (ffg_pixfmts[i].gp == pfmt)
            return ffg_pixfmts[i].av;
    return AV_PIX_FMT_NONE;
}

/* ---- sample formats ---- */

typedef struct FfgSample {
    uint32_t gp;
    enum AVSampleFormat av;
} FfgSample;

static const FfgSample ffg_samples[] = {
    {GP_AFMT_U8, AV_SAMPLE_FMT_U8},     {GP_AFMT_S16, AV_SAMPLE_FMT_S16},
    {GP_AFMT_S32, AV_SAMPLE_FMT_S32},   {GP_AFMT_FLT, AV_SAMPLE_FMT_FLT},
    {GP_AFMT_DBL, AV_SAMPLE_FMT_DBL},   {GP_AFMT_U8P, AV_SAMPLE_FMT_U8P},
    {GP_AFMT_S16P, AV_SAMPLE_FMT_S16P}, {GP_AFMT_S32P, AV_SAMPLE_FMT_S32P},
    {GP_AFMT_FLTP, AV_SAMPLE_FMT_FLTP}, {GP_AFMT_DBLP, AV_SAMPLE_FMT_DBLP},
};

uint32_t
ffg_sample_fmt_to_gp(enum AVSampleFormat fmt)
{
    for (size_t i = 0; i < FFG_COUNT(ffg_samples); i++)
        if (ffg_samples[i].av == fmt)
            return ffg_samples[i].gp;
    return 0;
}

enum AVSampleFormat
ffg_sample_fmt_from_gp(uint32_t afmt)
{
    for (size_t i = 0; i < FFG_COUNT(ffg_samples); i++)
        if (ffg_samples[i].gp == afmt)
            return ffg_samples[i].av;
    return AV_SAMPLE_FMT_NONE;
}

/* ---- errors ---- */

GpErr
ffg_err(int averr)
{
    if (averr >= 0)
        return GP_OK;
    switch (averr) {
    case AVERROR_EOF: return GP_EOS;
    case AVERROR(ENOMEM): return GP_OUT_OF_MEM;
    case AVERROR(ENOENT): return GP_URL_ERROR;
    case AVERROR(EINVAL): return GP_BAD_PARAM;
    case AVERROR(EAGAIN): return GP_NOT_READY;
    case AVERROR(ENOSYS):
    case AVERROR_PATCHWELCOME:
    case AVERROR_DECODER_NOT_FOUND:
    case AVERROR_DEMUXER_NOT_FOUND:
    case AVERROR_ENCODER_NOT_FOUND:
    case AVERROR_MUXER_NOT_FOUND:
    case AVERROR_PROTOCOL_NOT_FOUND:
    case AVERROR_FILTER_NOT_FOUND:
    case AVERROR_OPTION_NOT_FOUND: return GP_NOT_SUPPORTED;
    case AVERROR_STREAM_NOT_FOUND: return GP_STREAM_NOT_FOUND;
    case AVERROR_INVALIDDATA: return GP_NON_COMPLIANT_BITSTREAM;
    case AVERROR_BUFFER_TOO_SMALL: return GP_BUFFER_TOO_SMALL;
    case AVERROR(EIO): return GP_IO_ERR;
    default: return GP_IO_ERR;
    }
}

const char *
ffg_errstr(int averr, char *buf, size_t size)
{
    if (!buf || !size)
        return "";
    if (av_strerror(averr, buf, size) < 0)
        snprintf(buf, size, "FFmpeg error %d", averr);
    return buf;
}
