/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffmx's input capabilities for one output format: which codecs it carries, asked of
 * FFmpeg (avformat_query_codec), with a preference order so that an encoder inserted in
 * front of the muxer produces the most common codec the format allows. When FFmpeg
 * cannot tell (formats without a codec table, such as MPEG-TS, DASH, HLS), the usual
 * codecs are assumed, or only the format's own codecs for elementary stream formats.
 * The filter itself is ffmx.c. */
#include <stdlib.h>
#include <string.h>

#include "gp/gp.h"
#include "ffmx.h"

#define FFMX_CODEC_VORBIS GP_4CC('v', 'o', 'r', 'b')
#define FFMX_CODEC_MP2 0x69
#define FFMX_CODEC_FFID GP_4CC('F', 'F', 'I', 'D')

/* Preference order for what an encoder is asked to produce. */
static const uint32_t ffmx_caps_pref_video[] = {
    GP_CODEC_AVC, GP_CODEC_HEVC,          GP_CODEC_VP9,         GP_CODEC_VP8,
    GP_CODEC_AV1, GP_CODEC_MPEG4_PART2,   GP_CODEC_MPEG2_MAIN,  GP_CODEC_MPEG1,
};
static const uint32_t ffmx_caps_pref_audio[] = {
    GP_CODEC_AAC_MPEG4, GP_CODEC_MP3,  GP_CODEC_OPUS,  GP_CODEC_AC3,
    FFMX_CODEC_VORBIS,  GP_CODEC_FLAC, FFMX_CODEC_MP2,
};

/* Formats written by other filters (raw pixels or samples, images) or not files. */
static const char *const ffmx_caps_unusable[] = {
    "image2", "image2pipe", "rawvideo", "null",  "framecrc", "framemd5", "framehash",
    "crc",    "md5",        "hash",     "streamhash", "fifo", "fifo_test", "tee",
    "yuv4mpegpipe",
};

bool
ffmx_caps_format_usable(const AVOutputFormat *ofmt)
{
    for (size_t i = 0; i < sizeof(ffmx_caps_unusable) / sizeof(ffmx_caps_unusable[0]); i++)
        if (!strcmp(ofmt->name, ffmx_caps_unusable[i]))
            return false;
    bool pcm = ofmt->audio_codec >= AV_CODEC_ID_FIRST_AUDIO &&
               ofmt->audio_codec < AV_CODEC_ID_ADPCM_IMA_QT;
    if (ofmt->video_codec == AV_CODEC_ID_RAWVIDEO)
        return false;
    return !(pcm && ofmt->video_codec == AV_CODEC_ID_NONE);
}

/* Does the format carry the codec? `usual`: one of the preferred codecs, assumed
 * carried when FFmpeg cannot tell, except by single-stream (elementary) formats. */
static bool
ffmx_caps_carries(const AVOutputFormat *ofmt, enum AVCodecID id, bool usual)
{
    int q = avformat_query_codec(ofmt, id, FF_COMPLIANCE_NORMAL);
    if (q >= 0)
        return q > 0;
    if (id == ofmt->video_codec || id == ofmt->audio_codec || id == ofmt->subtitle_codec)
        return true;
    bool elementary = (ofmt->video_codec == AV_CODEC_ID_NONE) !=
                      (ofmt->audio_codec == AV_CODEC_ID_NONE);
    return usual && !elementary;
}

typedef struct FfmxCapList {
    GpCap *caps;
    uint32_t nb, alloc;
} FfmxCapList;

static bool
ffmx_caps_push(FfmxCapList *l, uint32_t code, uint32_t value, uint32_t flags)
{
    if (l->nb == l->alloc) {
        uint32_t n = l->alloc ? l->alloc * 2 : 64;
        GpCap *c = realloc(l->caps, n * sizeof(*c));
        if (!c)
            return false;
        l->caps = c;
        l->alloc = n;
    }
    GpCap cap = GP_CAP_UINT(flags, code, value);
    l->caps[l->nb++] = cap;
    return true;
}

static bool
ffmx_caps_has(const FfmxCapList *l, uint32_t from, uint32_t codecid)
{
    for (uint32_t i = from; i < l->nb; i++)
        if (l->caps[i].code == GP_P_CODECID && l->caps[i].val.value.uint == codecid)
            return true;
    return false;
}

static bool
ffmx_caps_add_codec(FfmxCapList *l, uint32_t from, uint32_t codecid)
{
    if (!codecid || codecid == GP_CODEC_RAW || codecid == FFMX_CODEC_FFID ||
        ffmx_caps_has(l, from, codecid))
        return true;
    return ffmx_caps_push(l, GP_P_CODECID, codecid, GP_CAPS_INPUT);
}

/* One bundle: StreamType, then the codecs carried (preferred ones first). A stream type
 * with no codec gets no bundle (an empty list would accept any codec). */
static bool
ffmx_caps_bundle(FfmxCapList *l, const AVOutputFormat *ofmt, uint32_t st,
                 enum AVMediaType type, const uint32_t *pref, size_t nb_pref)
{
    uint32_t start = l->nb;
    if (!ffmx_caps_push(l, GP_P_STREAM_TYPE, st, GP_CAPS_INPUT))
        return false;
    for (size_t i = 0; i < nb_pref; i++) {
        enum AVCodecID id = ffg_codec_from_gp(pref[i]);
        if (id != AV_CODEC_ID_NONE && ffmx_caps_carries(ofmt, id, true) &&
            !ffmx_caps_add_codec(l, start + 1, pref[i]))
            return false;
    }
    for (const AVCodecDescriptor *d = avcodec_descriptor_next(NULL); d;
         d = avcodec_descriptor_next(d)) {
        if (d->type != type || !ffmx_caps_carries(ofmt, d->id, false))
            continue;
        if (!ffmx_caps_add_codec(l, start + 1, ffg_codec_to_gp(d->id)))
            return false;
    }
    if (l->nb == start + 1) {
        l->nb = start;
        return true;
    }
    /* codecs without an engine id travel as FFID; ffmx checks the real one */
    return ffmx_caps_push(l, GP_P_CODECID, FFMX_CODEC_FFID, GP_CAPS_INPUT) &&
           ffmx_caps_push(l, 0, 0, 0);
}

GpErr
ffmx_caps_build(const AVOutputFormat *ofmt, GpCap **caps, uint32_t *nb_caps)
{
    FfmxCapList l = {0};
    bool ok = ffmx_caps_bundle(&l, ofmt, GP_STREAM_VISUAL, AVMEDIA_TYPE_VIDEO,
                               ffmx_caps_pref_video,
                               sizeof(ffmx_caps_pref_video) / sizeof(ffmx_caps_pref_video[0])) &&
              ffmx_caps_bundle(&l, ofmt, GP_STREAM_AUDIO, AVMEDIA_TYPE_AUDIO,
                               ffmx_caps_pref_audio,
                               sizeof(ffmx_caps_pref_audio) / sizeof(ffmx_caps_pref_audio[0])) &&
              ffmx_caps_bundle(&l, ofmt, GP_STREAM_TEXT, AVMEDIA_TYPE_SUBTITLE, NULL, 0);
    if (!ok || !l.nb) {
        free(l.caps);
        return ok ? GP_NOT_SUPPORTED : GP_OUT_OF_MEM;
    }
    *caps = l.caps;
    *nb_caps = l.nb;
    return GP_OK;
}
