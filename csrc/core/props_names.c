/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The name tables of API.md 3.4-3.7: stream types, codec ids, pixel formats (with their
 * plane layout, for gp_pixfmt_frame_size), audio sample formats and the CICP colour
 * enums. Names go both ways; parsing is case-insensitive and also takes the decimal
 * value. Which property holds which enum is props.tsv's business, not this file's. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gp/gp_props.h"

#define COUNT(a)  (sizeof(a) / sizeof((a)[0]))
#define FOURCC(s) GP_4CC((s)[0], (s)[1], (s)[2], (s)[3])

/* A plain decimal number that fits 32 bits, nothing else around it. */
static bool
names_decimal(const char *s, uint32_t *out)
{
    uint64_t v = 0;
    if (!s || !*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > UINT32_MAX)
            return false;
    }
    *out = (uint32_t)v;
    return true;
}

/* ---- stream types (3.4) ---- */

typedef struct StreamTypeName {
    uint32_t value;
    const char *name, *sname;
} StreamTypeName;

static const StreamTypeName stream_types[] = {
    {GP_STREAM_UNKNOWN, "Unknown", "unknown"},
    {GP_STREAM_OD, "ObjectDescriptor", "od"},
    {GP_STREAM_OCR, "ClockReference", "ocr"},
    {GP_STREAM_SCENE, "SceneDescription", "scene"},
    {GP_STREAM_VISUAL, "Visual", "video"},
    {GP_STREAM_AUDIO, "Audio", "audio"},
    {GP_STREAM_MPEG7, "MPEG7", "mpeg7"},
    {GP_STREAM_IPMP, "IPMP", "ipmp"},
    {GP_STREAM_OCI, "OCI", "oci"},
    {GP_STREAM_MPEGJ, "MPEGJ", "mpegj"},
    {GP_STREAM_INTERACT, "Interaction", "interact"},
    {GP_STREAM_FONT, "Font", "font"},
    {GP_STREAM_TEXT, "Text", "text"},
    {GP_STREAM_METADATA, "Metadata", "meta"},
    {GP_STREAM_ENCRYPTED, "Encrypted", "crypt"},
    {GP_STREAM_FILE, "File", "file"},
};

const char *
gp_stream_type_name(uint32_t st)
{
    for (size_t i = 0; i < COUNT(stream_types); i++)
        if (stream_types[i].value == st)
            return stream_types[i].name;
    return "Unknown";
}

GpErr
gp_stream_type_parse(const char *name, uint32_t *out)
{
    if (!name)
        return GP_BAD_PARAM;
    for (size_t i = 0; i < COUNT(stream_types); i++)
        if (!strcasecmp(name, stream_types[i].name) || !strcasecmp(name, stream_types[i].sname)) {
            *out = stream_types[i].value;
            return GP_OK;
        }
    /* GPAC's own alias of Visual */
    if (!strcasecmp(name, "Video")) {
        *out = GP_STREAM_VISUAL;
        return GP_OK;
    }
    return names_decimal(name, out) ? GP_OK : GP_BAD_PARAM;
}

/* ---- codec ids (3.5) ---- */

/* `name` is the name returned, `alt` more names parsed ('|'-separated). Several rows may
 * share a name (all AAC flavours parse "aac"): parsing takes the first row, so the
 * canonical id comes first. */
typedef struct CodecName {
    uint32_t id;
    const char *name, *alt;
} CodecName;

static const CodecName codecs[] = {
    {0x01, "bifs", NULL},
    {0x02, "bifs2", NULL},
    {0x04, "bifsX", NULL},
    {0x01, "od", NULL}, /* OD v1/v2 share their ids with BIFS: they read back as bifs/bifs2 */
    {0x02, "od2", NULL},
    {0x03, "interact", NULL},
    {0x05, "afx", NULL},
    {0x06, "font", NULL},
    {0x07, "syntex", NULL},
    {0x08, "m4txt", NULL},
    {0x09, "laser", NULL},
    {0x0A, "saf", NULL},
    {GP_CODEC_MPEG4_PART2, "cmp", "m4ve|m4v"},
    {GP_CODEC_AVC, "264", "avc|h264"},
    {0x22, "avcps", NULL},
    {0x24, "svc", NULL},
    {0x29, "mvc", NULL},
    {GP_CODEC_HEVC, "hvc", "hevc|h265"},
    {0x25, "lhvc", "shvc|mhvc"},
    {GP_4CC('h', 'v', 't', '1'), "hvt1", NULL},
    {GP_4CC('v', 'v', 'c', ' '), "vvc", "266|h266"},
    {GP_4CC('v', 'v', 'c', 's'), "vvs1", NULL},
    {GP_CODEC_AV1, "av1", "ivf|obu|av1b"},
    {GP_CODEC_VP8, "vp8", NULL},
    {GP_CODEC_VP9, "vp9", NULL},
    {GP_4CC('V', 'P', '1', '0'), "vp10", NULL},
    {0x60, "m2vs", NULL},
    {GP_CODEC_MPEG2_MAIN, "m2v", NULL},
    {0x62, "m2v", "m2vsnr"},
    {0x63, "m2v", "m2vspat"},
    {0x64, "m2v", "m2vh"},
    {0x65, "m2v", "m2v4"},
    {GP_CODEC_MPEG1, "m1v", NULL},
    {GP_4CC('s', '2', '6', '3'), "h263", NULL},
    {GP_4CC('h', '2', '6', '3'), "h263", NULL},
    {GP_CODEC_JPEG, "jpg", "jpeg"},
    {GP_CODEC_PNG, "png", NULL},
    {GP_4CC('j', 'p', '2', 'k'), "jp2", "j2k"},
    {GP_4CC('a', 'p', 'c', 'h'), "prores", "apch"},
    {GP_4CC('a', 'p', 'c', 'o'), "prores", "apco"},
    {GP_4CC('a', 'p', 'c', 'n'), "prores", "apcn"},
    {GP_4CC('a', 'p', 'c', 's'), "prores", "apcs"},
    {GP_4CC('a', 'p', '4', 'x'), "prores", "ap4x"},
    {GP_4CC('a', 'p', '4', 'h'), "prores", "ap4h"},
    {GP_4CC('v', 'c', '-', '1'), "vc1", NULL},
    {GP_4CC('d', 'r', 'a', 'c'), "dirac", NULL},
    {GP_4CC('f', 'f', 'v', '1'), "ffv1", NULL},
    {GP_4CC('D', 'N', 'x', 'H'), "dnx", NULL},
    {GP_4CC('D', 'I', 'V', '3'), "div3", NULL},
    {GP_4CC('t', 'h', 'e', 'u'), "theo", "theora"},
    {GP_CODEC_AAC_MPEG4, "aac", NULL},
    {0x66, "aac", "aac2m"},
    {0x67, "aac", "aac2l"},
    {0x68, "aac", "aac2s"},
    {GP_4CC('u', 's', 'a', 'c'), "usac", "xheaac"},
    {GP_CODEC_MP3, "mp3", "m1a"},
    {0x69, "mp2", NULL},
    {GP_4CC('m', 'p', 'a', '1'), "mp1", NULL},
    {GP_CODEC_AC3, "ac3", NULL},
    {GP_4CC('e', 'c', '-', '3'), "eac3", NULL},
    {GP_4CC('a', 'c', '-', '4'), "ac4", NULL},
    {GP_4CC('m', 'l', 'p', 'a'), "mlp", NULL},
    {GP_CODEC_OPUS, "opus", NULL},
    {GP_4CC('v', 'o', 'r', 'b'), "vorb", "vorbis"},
    {GP_CODEC_FLAC, "flac", NULL},
    {GP_4CC('s', 'p', 'e', 'x'), "spx", "speex"},
    {GP_4CC('s', 'a', 'm', 'r'), "amr", NULL},
    {GP_4CC('s', 'a', 'w', 'b'), "amr", "amrwb"},
    {GP_4CC('s', 'e', 'v', 'c'), "evc", "evrc"},
    {GP_4CC('s', 's', 'm', 'v'), "smv", NULL},
    {GP_4CC('s', 'q', 'c', 'p'), "qcp", "qcelp"},
    {GP_4CC('p', 'e', 'v', 'c'), "qcp", "evrcpv"},
    {GP_4CC('d', 't', 's', 'c'), "dtsc", NULL},
    {GP_4CC('d', 't', 's', 'h'), "dtsh", NULL},
    {GP_4CC('d', 't', 's', 'l'), "dtsl", NULL},
    {GP_4CC('d', 't', 's', 'e'), "dtse", NULL},
    {GP_4CC('d', 't', 's', 'x'), "dtsx", NULL},
    {GP_4CC('d', 't', 's', 'y'), "dtsy", NULL},
    {GP_4CC('m', 'h', 'a', 's'), "mhas", NULL},
    {GP_4CC('m', 'p', 'h', 'a'), "mhas", NULL},
    {GP_4CC('A', 'L', 'A', 'C'), "caf", "alac"},
    {GP_4CC('d', 'r', 'a', '1'), "dra", NULL},
    {GP_4CC('g', '7', '1', '9'), "g719", NULL},
    {GP_4CC('A', 'P', 'C', 'M'), "adpcm", NULL},
    {GP_4CC('A', 'L', 'A', 'W'), "alaw", NULL},
    {GP_4CC('M', 'L', 'A', 'W'), "mulaw", NULL},
    {GP_4CC('w', 'v', 't', 't'), "vtt", NULL},
    {GP_4CC('s', 't', 'x', 't'), "txt", NULL},
    {GP_4CC('s', 't', 'p', 'p'), "subx", NULL},
    {GP_4CC('t', 'x', '3', 'g'), "tx3g", NULL},
    {GP_4CC('a', 's', 's', 'a'), "ssa", NULL},
    {GP_4CC('s', 'b', 't', 't'), "subs", NULL},
    {GP_4CC('m', 'e', 't', 't'), "mtxt", NULL},
    {GP_4CC('m', 'e', 't', 'x'), "mxml", NULL},
    {GP_4CC('s', 'u', 'b', 'p'), "vobsub", NULL},
    {GP_4CC('d', 'v', 'b', 's'), "dvbs", NULL},
    {GP_4CC('d', 'v', 'b', 't'), "dvbt", NULL},
    {GP_4CC('d', 'i', 'm', 's'), "dims", NULL},
    {GP_4CC('t', 'm', 'c', 'd'), "tmcd", NULL},
    {GP_4CC('s', 'c', '3', '5'), "sc35", NULL},
    {GP_4CC('e', 'v', 't', 'e'), "evte", NULL},
    {GP_CODEC_RAW, "raw", NULL},
    {GP_4CC('U', 'N', 'C', 'V'), "uncv", NULL},
    {GP_4CC('F', 'F', 'I', 'D'), "ffmpeg", NULL},
};

const char *
gp_codec_name(uint32_t codecid)
{
    for (size_t i = 0; i < COUNT(codecs); i++)
        if (codecs[i].id == codecid)
            return codecs[i].name;
    return "raw";
}

/* Case-insensitive match of one of the '|'-separated names. */
static bool
names_in_list(const char *list, const char *name)
{
    size_t want = strlen(name);
    for (const char *n = list; n;) {
        size_t len = strcspn(n, "|");
        if (len == want && !strncasecmp(n, name, len))
            return true;
        n = n[len] ? n + len + 1 : NULL;
    }
    return false;
}

GpErr
gp_codec_parse(const char *name, uint32_t *out)
{
    if (!name || !*name)
        return GP_BAD_PARAM;
    for (size_t i = 0; i < COUNT(codecs); i++)
        if (!strcasecmp(codecs[i].name, name) ||
            (codecs[i].alt && names_in_list(codecs[i].alt, name))) {
            *out = codecs[i].id;
            return GP_OK;
        }
    return names_decimal(name, out) ? GP_OK : GP_BAD_PARAM;
}

/* ---- pixel formats (3.6) ---- */

typedef enum PixLayout {
    PIX_OPAQUE,  /* no CPU layout (GL texture, uncv): no size */
    PIX_PLANAR,  /* Y then U and V planes, subsampled by sx/sy; `alpha`: a 4th plane */
    PIX_SEMI,    /* Y then one interleaved UV plane, 4:2:0 */
    PIX_PACKED,  /* `bps` bytes per pixel */
    PIX_PACK422, /* 2 pixels in 4 samples (yuyv and friends) of `bps` bytes */
    PIX_V210,    /* 6 pixels in 16 bytes, rows padded to 128 bytes */
} PixLayout;

typedef struct PixFmt {
    const char *fourcc;
    const char *name, *sname;
    uint8_t layout, bps, sx, sy, alpha;
} PixFmt;

static const PixFmt pixfmts[] = {
    {"YU12", "yuv420", "yuv", PIX_PLANAR, 1, 1, 1, 0},
    {"YV12", "yvu420", "yvu", PIX_PLANAR, 1, 1, 1, 0},
    {"Y010", "yuv420_10", "yuvl", PIX_PLANAR, 2, 1, 1, 0},
    {"Y442", "yuv422", "yuv2", PIX_PLANAR, 1, 1, 0, 0},
    {"Y210", "yuv422_10", "yp2l", PIX_PLANAR, 2, 1, 0, 0},
    {"Y444", "yuv444", "yuv4", PIX_PLANAR, 1, 0, 0, 0},
    {"Y410", "yuv444_10", "yp4l", PIX_PLANAR, 2, 0, 0, 0},
    {"UYVY", "uyvy", "uyvy", PIX_PACK422, 1, 0, 0, 0},
    {"VYUY", "vyuy", "vyuy", PIX_PACK422, 1, 0, 0, 0},
    {"YUYV", "yuyv", "yuyv", PIX_PACK422, 1, 0, 0, 0},
    {"YVYU", "yvyu", "yvyu", PIX_PACK422, 1, 0, 0, 0},
    {"UYVL", "uyvl", "uyvl", PIX_PACK422, 2, 0, 0, 0},
    {"VYUL", "vyul", "vyul", PIX_PACK422, 2, 0, 0, 0},
    {"YUYL", "yuyl", "yuyl", PIX_PACK422, 2, 0, 0, 0},
    {"YVYL", "yvyl", "yvyl", PIX_PACK422, 2, 0, 0, 0},
    {"NV12", "nv12", "nv12", PIX_SEMI, 1, 1, 1, 0},
    {"NV21", "nv21", "nv21", PIX_SEMI, 1, 1, 1, 0},
    {"N120", "nv1l", "nv1l", PIX_SEMI, 2, 1, 1, 0},
    {"N210", "nv2l", "nv2l", PIX_SEMI, 2, 1, 1, 0},
    {"YUVA", "yuva", "yuva", PIX_PLANAR, 1, 1, 1, 1},
    {"YUVD", "yuvd", "yuvd", PIX_PLANAR, 1, 1, 1, 1}, /* 4th plane: depth */
    {"YA44", "yuv444a", "yp4a", PIX_PLANAR, 1, 0, 0, 1},
    {"YUV4", "yuv444p", "yv4p", PIX_PACKED, 3, 0, 0, 0},
    {"VYU4", "v308", "v308", PIX_PACKED, 3, 0, 0, 0},
    {"YA4p", "yuv444ap", "y4ap", PIX_PACKED, 4, 0, 0, 0},
    {"UYVA", "v408", "v408", PIX_PACKED, 4, 0, 0, 0},
    {"Y41p", "v410", "v410", PIX_PACKED, 4, 0, 0, 0},
    {"v210", "v210", "v210", PIX_V210, 0, 0, 0, 0},
    {"GREY", "grey", "grey", PIX_PACKED, 1, 0, 0, 0},
    {"GRAL", "algr", "algr", PIX_PACKED, 2, 0, 0, 0},
    {"ALGR", "gral", "gral", PIX_PACKED, 2, 0, 0, 0},
    {"R332", "rgb8", "rgb8", PIX_PACKED, 1, 0, 0, 0},
    {"R444", "rgb4", "rgb4", PIX_PACKED, 2, 0, 0, 0},
    {"R555", "rgb5", "rgb5", PIX_PACKED, 2, 0, 0, 0},
    {"R565", "rgb6", "rgb6", PIX_PACKED, 2, 0, 0, 0},
    {"RGBA", "rgba", "rgba", PIX_PACKED, 4, 0, 0, 0},
    {"ARGB", "argb", "argb", PIX_PACKED, 4, 0, 0, 0},
    {"BGRA", "bgra", "bgra", PIX_PACKED, 4, 0, 0, 0},
    {"ABGR", "abgr", "abgr", PIX_PACKED, 4, 0, 0, 0},
    {"RGB3", "rgb", "rgb", PIX_PACKED, 3, 0, 0, 0},
    {"BGR3", "bgr", "bgr", PIX_PACKED, 3, 0, 0, 0},
    {"RGBX", "xrgb", "xrgb", PIX_PACKED, 4, 0, 0, 0},
    {"RGB4", "rgbx", "rgbx", PIX_PACKED, 4, 0, 0, 0},
    {"BGRX", "xbgr", "xbgr", PIX_PACKED, 4, 0, 0, 0},
    {"BGR4", "bgrx", "bgrx", PIX_PACKED, 4, 0, 0, 0},
    {"RGBD", "rgbd", "rgbd", PIX_PACKED, 4, 0, 0, 0},
    {"3CDS", "rgbds", "rgbds", PIX_PACKED, 4, 0, 0, 0},
    {"EXGL", "extgl", "extgl", PIX_OPAQUE, 0, 0, 0, 0},
    {"uncv", "uncv", "uncv", PIX_OPAQUE, 0, 0, 0, 0},
};

static const PixFmt *
pixfmt_get(uint32_t pfmt)
{
    for (size_t i = 0; i < COUNT(pixfmts); i++)
        if (FOURCC(pixfmts[i].fourcc) == pfmt)
            return &pixfmts[i];
    return NULL;
}

const char *
gp_pixfmt_name(uint32_t pfmt)
{
    const PixFmt *p = pixfmt_get(pfmt);
    return p ? p->sname : NULL;
}

const char *
gp_pixfmt_long_name(uint32_t pfmt)
{
    const PixFmt *p = pixfmt_get(pfmt);
    return p ? p->name : NULL;
}

GpErr
gp_pixfmt_parse(const char *name, uint32_t *out)
{
    if (!name)
        return GP_BAD_PARAM;
    /* long names first: "rgb4" is R444's short name and no long name */
    for (size_t i = 0; i < COUNT(pixfmts); i++)
        if (!strcasecmp(name, pixfmts[i].name)) {
            *out = FOURCC(pixfmts[i].fourcc);
            return GP_OK;
        }
    for (size_t i = 0; i < COUNT(pixfmts); i++)
        if (!strcasecmp(name, pixfmts[i].sname)) {
            *out = FOURCC(pixfmts[i].fourcc);
            return GP_OK;
        }
    if (!strcasecmp(name, "none")) {
        *out = 0;
        return GP_OK;
    }
    return names_decimal(name, out) ? GP_OK : GP_BAD_PARAM;
}

uint32_t
gp_pixfmt_frame_size(uint32_t pfmt, uint32_t w, uint32_t h, uint32_t *stride, uint32_t *stride_uv)
{
    const PixFmt *p = pixfmt_get(pfmt);
    uint64_t size = 0, ys = 0, uvs = 0;
    if (stride)
        *stride = 0;
    if (stride_uv)
        *stride_uv = 0;
    if (!p)
        return 0;
    /* odd sizes round the chroma up: a 3x3 yuv420 frame has 2x2 chroma planes */
    uint64_t cw = (w + (1u << p->sx) - 1) >> p->sx;
    uint64_t ch = (h + (1u << p->sy) - 1) >> p->sy;
    switch ((PixLayout)p->layout) {
    case PIX_OPAQUE: return 0;
    case PIX_PLANAR:
        ys = (uint64_t)w * p->bps;
        uvs = cw * p->bps;
        size = ys * h + 2 * uvs * ch + (p->alpha ? ys * h : 0);
        break;
    case PIX_SEMI:
        ys = (uint64_t)w * p->bps;
        uvs = 2 * cw * p->bps; /* U and V interleaved: w rounded up to even */
        size = ys * h + uvs * ch;
        break;
    case PIX_PACKED:
        ys = (uint64_t)w * p->bps;
        size = ys * h;
        break;
    case PIX_PACK422:
        ys = ((uint64_t)w + 1) / 2 * 4 * p->bps;
        size = ys * h;
        break;
    case PIX_V210:
        ys = ((uint64_t)w + 47) / 48 * 128;
        size = ys * h;
        break;
    }
    if (size > UINT32_MAX || ys > UINT32_MAX)
        return 0;
    if (stride)
        *stride = (uint32_t)ys;
    if (stride_uv)
        *stride_uv = (uint32_t)uvs;
    return (uint32_t)size;
}

uint32_t
gp_pixfmt_planes(uint32_t pfmt, uint32_t w, uint32_t h, uint32_t line[4], uint32_t lines[4])
{
    uint32_t stride = 0, stride_uv = 0, n = 0;
    const PixFmt *p = pixfmt_get(pfmt);
    if (!p || !gp_pixfmt_frame_size(pfmt, w, h, &stride, &stride_uv))
        return 0;
    uint32_t ch = (h + (1u << p->sy) - 1) >> p->sy;
    line[n] = stride;
    lines[n++] = h;
    uint32_t nb_chroma = p->layout == PIX_PLANAR ? 2 : p->layout == PIX_SEMI ? 1 : 0;
    for (uint32_t i = 0; i < nb_chroma; i++) {
        line[n] = stride_uv;
        lines[n++] = ch;
    }
    if (p->layout == PIX_PLANAR && p->alpha) {
        line[n] = stride;
        lines[n++] = h;
    }
    return n;
}

/* ---- audio sample formats (3.7) ---- */

typedef struct AudioFmt {
    uint32_t value;
    const char *name, *sname;
    uint8_t bytes;
    bool planar;
} AudioFmt;

static const AudioFmt audio_fmts[] = {
    {GP_AFMT_U8, "u8", "pc8", 1, false},        {GP_AFMT_S16, "s16", "pcm", 2, false},
    {GP_AFMT_S16_BE, "s16b", "pcmb", 2, false}, {GP_AFMT_S24, "s24", "s24", 3, false},
    {GP_AFMT_S24_BE, "s24b", "s24b", 3, false}, {GP_AFMT_S32, "s32", "s32", 4, false},
    {GP_AFMT_S32_BE, "s32b", "s32b", 4, false}, {GP_AFMT_FLT, "flt", "flt", 4, false},
    {GP_AFMT_FLT_BE, "fltb", "fltb", 4, false}, {GP_AFMT_DBL, "dbl", "dbl", 8, false},
    {GP_AFMT_DBL_BE, "dblb", "dblb", 8, false}, {GP_AFMT_U8P, "u8p", "pc8p", 1, true},
    {GP_AFMT_S16P, "s16p", "pcmp", 2, true},    {GP_AFMT_S24P, "s24p", "s24p", 3, true},
    {GP_AFMT_S32P, "s32p", "s32p", 4, true},    {GP_AFMT_FLTP, "fltp", "fltp", 4, true},
    {GP_AFMT_DBLP, "dblp", "dblp", 8, true},
};

static const AudioFmt *
audio_fmt_get(uint32_t afmt)
{
    for (size_t i = 0; i < COUNT(audio_fmts); i++)
        if (audio_fmts[i].value == afmt)
            return &audio_fmts[i];
    return NULL;
}

const char *
gp_audio_fmt_name(uint32_t afmt)
{
    const AudioFmt *a = audio_fmt_get(afmt);
    return a ? a->sname : NULL;
}

const char *
gp_audio_fmt_long_name(uint32_t afmt)
{
    const AudioFmt *a = audio_fmt_get(afmt);
    return a ? a->name : NULL;
}

GpErr
gp_audio_fmt_parse(const char *name, uint32_t *out)
{
    if (!name)
        return GP_BAD_PARAM;
    for (size_t i = 0; i < COUNT(audio_fmts); i++)
        if (!strcasecmp(name, audio_fmts[i].name) || !strcasecmp(name, audio_fmts[i].sname)) {
            *out = audio_fmts[i].value;
            return GP_OK;
        }
    if (!strcasecmp(name, "none")) {
        *out = 0;
        return GP_OK;
    }
    return names_decimal(name, out) ? GP_OK : GP_BAD_PARAM;
}

uint32_t
gp_audio_fmt_bytes(uint32_t afmt, bool *planar)
{
    const AudioFmt *a = audio_fmt_get(afmt);
    if (planar)
        *planar = a ? a->planar : false;
    return a ? a->bytes : 0;
}

/* ---- CICP (ISO/IEC 23091-2) ---- */

/* Indexed by the code point; NULL: no name (reserved values). */
static const char *const cicp_prim[] = {
    "reserved0", "BT709", "undef",  "reserved3", "BT470M",   "BT470G",   "SMPTE170",
    "SMPTE240",  "FILM",  "BT2020", "SMPTE428",  "SMPTE431", "SMPTE432", [22] = "EBU3213",
};
static const char *const cicp_tfc[] = {
    "reserved0", "BT709",     "undef",     "reserved3", "BT470M",   "BT470BG", "SMPTE170",
    "SMPTE249",  "Linear",    "Log100",    "Log316",    "IEC61966", "BT1361",  "sRGB",
    "BT2020_10", "BT2020_12", "SMPTE2084", "SMPTE428",  "STDB67",
};
static const char *const cicp_mx[] = {
    "GBR",      "BT709", "undef",  [4] = "FCC", "BT601", "SMPTE170",
    "SMPTE240", "YCgCo", "BT2020", "BT2020cl",  "YDzDx",
};

static const char *const *
cicp_table(GpPropType type, size_t *nb)
{
    switch (type) {
    case GP_PROP_CICP_COL_PRIM: *nb = COUNT(cicp_prim); return cicp_prim;
    case GP_PROP_CICP_COL_TFC: *nb = COUNT(cicp_tfc); return cicp_tfc;
    case GP_PROP_CICP_COL_MX: *nb = COUNT(cicp_mx); return cicp_mx;
    default: *nb = 0; return NULL; /* CICP_LAYOUT: numbers only */
    }
}

const char *
gp_cicp_name(GpPropType type, uint32_t v)
{
    size_t nb;
    const char *const *t = cicp_table(type, &nb);
    return t && v < nb ? t[v] : NULL;
}

GpErr
gp_cicp_parse(GpPropType type, const char *name, uint32_t *out)
{
    size_t nb;
    const char *const *t = cicp_table(type, &nb);
    if (!name || type < GP_PROP_CICP_COL_PRIM || type > GP_PROP_CICP_LAYOUT)
        return GP_BAD_PARAM;
    for (size_t i = 0; i < nb; i++)
        if (t[i] && !strcasecmp(name, t[i])) {
            *out = (uint32_t)i;
            return GP_OK;
        }
    return names_decimal(name, out) ? GP_OK : GP_BAD_PARAM;
}
