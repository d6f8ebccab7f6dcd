/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffdmx kernels: which URLs ffdmx claims (by extension, else by FFmpeg's data probe on
 * the first bytes read through gp_io), and the PID properties of one FFmpeg stream
 * (API.md 3.8). The demux loop and the events are in ffdmx.c. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libavutil/channel_layout.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>

#include "gp/gp.h"
#include "ffdmx.h"

#define FFDMX_PROBE_BYTES 4096

/* Containers and elementary streams ffdmx claims by name. Not generic names FFmpeg
 * also maps (.txt, .bin), so a plain copy `gpac -i notes.txt -o x.txt` stays fin's. */
static const char *const ffdmx_exts[] = {
    "mp4", "m4v", "m4a", "m4s", "mov", "qt", "3gp", "3g2", "mj2", "ismv", "isma",
    "mkv", "mka", "mks", "webm", "ts", "m2ts", "mts", "m2t", "trp", "mpg", "mpeg",
    "vob", "avi", "flv", "ogg", "oga", "ogv", "opus", "mp3", "mp2", "aac", "adts",
    "ac3", "eac3", "ec3", "flac", "wav", "h264", "264", "avc", "h265", "265", "hevc",
    "hvc", "ivf", "obu", "y4m", "nut", "mxf", "amr", "caf", "aif", "aiff", "m1v",
    "m2v", "mpv", "dv", "asf", "wmv", "wma", "mjpeg", "mjpg",
};

/* Extension of the last path component, without query or fragment. */
static void
ffdmx_url_ext(const char *url, char *buf, size_t size)
{
    const char *name = strrchr(url, '/');
    name = name ? name + 1 : url;
    const char *dot = strrchr(name, '.');
    buf[0] = 0;
    if (!dot || !dot[1])
        return;
    size_t n = strcspn(dot + 1, "?#");
    if (n >= size)
        return;
    memcpy(buf, dot + 1, n);
    buf[n] = 0;
}

/* FFmpeg's best data-only score on the first bytes of url (0 when unreadable). */
static int
ffdmx_probe_data(const char *url)
{
    uint8_t *buf = calloc(1, FFDMX_PROBE_BYTES + AVPROBE_PADDING_SIZE);
    GpIo *io = buf ? gp_io_open(url, "rb", NULL) : NULL;
    int score = 0;
    int64_t n = io ? gp_io_read(io, buf, FFDMX_PROBE_BYTES) : 0;
    if (n > 0) {
        AVProbeData pd = {.filename = "", .buf = buf, .buf_size = (int)n};
        if (!av_probe_input_format3(&pd, 1, &score))
            score = 0;
    }
    gp_io_close(io);
    free(buf);
    return score;
}

int
ffdmx_probe_url(const char *url, const char *mime)
{
    (void)mime;
    if (!url || !*url)
        return GP_PROBE_NOT_SUPPORTED;
    /* a scheme gp_io does not know is another source's (avgen://, http://...) */
    if (strstr(url, "://") && strncmp(url, "file://", 7) && !gp_io_scheme_of(url))
        return GP_PROBE_NOT_SUPPORTED;
    /* a missing file is reported by the session (URL_ERROR naming it) */
    if (!gp_io_exists(url))
        return GP_PROBE_NOT_SUPPORTED;
    char ext[16];
    ffdmx_url_ext(url, ext, sizeof(ext));
    for (size_t i = 0; ext[0] && i < sizeof(ffdmx_exts) / sizeof(ffdmx_exts[0]); i++)
        if (!strcasecmp(ext, ffdmx_exts[i]))
            return GP_PROBE_SUPPORTED; /* wins the tie with fin: lower priority */
    /* an unknown name: only data FFmpeg recognises by content, not by name */
    return ffdmx_probe_data(url) > AVPROBE_SCORE_EXTENSION ? GP_PROBE_SUPPORTED
                                                           : GP_PROBE_NOT_SUPPORTED;
}

/* ---- PID properties ---- */

static GpErr
ffdmx_set(GpPid *opid, uint32_t code, GpPropValue v)
{
    return gp_pid_set_prop(opid, code, NULL, &v);
}

/* AudioFormat of linear PCM codecs (0: not PCM). */
static uint32_t
ffdmx_pcm_format(enum AVCodecID id)
{
    switch (id) {
    case AV_CODEC_ID_PCM_U8: return GP_AFMT_U8;
    case AV_CODEC_ID_PCM_S16LE: return GP_AFMT_S16;
    case AV_CODEC_ID_PCM_S16BE: return GP_AFMT_S16_BE;
    case AV_CODEC_ID_PCM_S24LE: return GP_AFMT_S24;
    case AV_CODEC_ID_PCM_S24BE: return GP_AFMT_S24_BE;
    case AV_CODEC_ID_PCM_S32LE: return GP_AFMT_S32;
    case AV_CODEC_ID_PCM_S32BE: return GP_AFMT_S32_BE;
    case AV_CODEC_ID_PCM_F32LE: return GP_AFMT_FLT;
    case AV_CODEC_ID_PCM_F32BE: return GP_AFMT_FLT_BE;
    case AV_CODEC_ID_PCM_F64LE: return GP_AFMT_DBL;
    case AV_CODEC_ID_PCM_F64BE: return GP_AFMT_DBL_BE;
    default: return 0;
    }
}

static GpErr
ffdmx_declare_video(FfdmxStream *s)
{
    const AVCodecParameters *par = s->st->codecpar;
    GpPid *o = s->opid;
    GpErr e = GP_OK;
    if (par->width > 0 && par->height > 0) {
        e = ffdmx_set(o, GP_P_WIDTH, gp_pv_uint((uint32_t)par->width));
        e = e ? e : ffdmx_set(o, GP_P_HEIGHT, gp_pv_uint((uint32_t)par->height));
    }
    AVRational fps = s->st->avg_frame_rate;
    if (!e && fps.num > 0 && fps.den > 0)
        e = ffdmx_set(o, GP_P_FPS, gp_pv_frac(fps.num, (uint32_t)fps.den));
    AVRational sar = par->sample_aspect_ratio;
    if (!e && sar.num > 0 && sar.den > 0)
        e = ffdmx_set(o, GP_P_SAR, gp_pv_frac(sar.num, (uint32_t)sar.den));
    if (e || par->codec_id != AV_CODEC_ID_RAWVIDEO)
        return e;
    /* raw video packets from FFmpeg are tightly packed: lines are not padded */
    uint32_t pfmt = ffg_pixfmt_to_gp((enum AVPixelFormat)par->format);
    int lines[4] = {0};
    if (!pfmt || av_image_fill_linesizes(lines, (enum AVPixelFormat)par->format, par->width) < 0)
        return GP_OK; /* stays RAWM without a format: no consumer will accept it */
    GpPropValue pv = {.type = GP_PROP_UINT, .value = {.uint = pfmt}};
    e = ffdmx_set(o, GP_P_PIXFMT, pv);
    e = e ? e : ffdmx_set(o, GP_P_STRIDE, gp_pv_uint((uint32_t)lines[0]));
    if (!e && lines[1] && !(av_pix_fmt_desc_get(par->format)->flags & AV_PIX_FMT_FLAG_RGB))
        e = ffdmx_set(o, GP_P_STRIDE_UV, gp_pv_uint((uint32_t)lines[1]));
    return e;
}

static GpErr
ffdmx_declare_audio(FfdmxStream *s)
{
    const AVCodecParameters *par = s->st->codecpar;
    GpPid *o = s->opid;
    GpErr e = GP_OK;
    if (par->sample_rate > 0)
        e = ffdmx_set(o, GP_P_SAMPLE_RATE, gp_pv_uint((uint32_t)par->sample_rate));
    if (!e && par->ch_layout.nb_channels > 0)
        e = ffdmx_set(o, GP_P_NUM_CHANNELS, gp_pv_uint((uint32_t)par->ch_layout.nb_channels));
    /* FFmpeg's channel mask (AV_CH_*): the same bits as GPAC's for mono and stereo */
    if (!e && par->ch_layout.order == AV_CHANNEL_ORDER_NATIVE && par->ch_layout.u.mask)
        e = ffdmx_set(o, GP_P_CHANNEL_LAYOUT, gp_pv_luint(par->ch_layout.u.mask));
    if (!e && par->frame_size > 0)
        e = ffdmx_set(o, GP_P_SAMPLES_PER_FRAME, gp_pv_uint((uint32_t)par->frame_size));
    uint32_t afmt = ffdmx_pcm_format(par->codec_id);
    if (!e && afmt) {
        GpPropValue pv = {.type = GP_PROP_UINT, .value = {.uint = afmt}};
        e = ffdmx_set(o, GP_P_AUDIO_FORMAT, pv);
    }
    return e;
}

/* ID, StreamType, CodecID (FFID + "ffmpeg:codec_id" when the engine has no id). */
static GpErr
ffdmx_declare_codec(FfdmxStream *s, uint32_t idx)
{
    const AVCodecParameters *par = s->st->codecpar;
    GpPid *o = s->opid;
    uint32_t st = ffg_stream_type(par->codec_type);
    uint32_t codecid = ffg_codec_to_gp(par->codec_id);
    char name[32];
    snprintf(name, sizeof(name), "%c%u",
             st == GP_STREAM_VISUAL ? 'V' : st == GP_STREAM_AUDIO ? 'A'
                                          : st == GP_STREAM_TEXT ? 'T' : 'D',
             idx + 1);
    GpErr e = gp_pid_set_name(o, name);
    e = e ? e : ffdmx_set(o, GP_P_ID, gp_pv_uint(idx + 1));
    e = e ? e : ffdmx_set(o, GP_P_STREAM_TYPE, gp_pv_uint(st));
    e = e ? e : ffdmx_set(o, GP_P_CODECID, gp_pv_uint(codecid));
    if (!e && codecid == GP_4CC('F', 'F', 'I', 'D')) {
        GpPropValue v = gp_pv_uint((uint32_t)par->codec_id);
        e = gp_pid_set_prop(o, 0, "ffmpeg:codec_id", &v);
    }
    return e;
}

GpErr
ffdmx_declare(FfdmxCtx *ctx, FfdmxStream *s, uint32_t idx)
{
    const AVStream *st = s->st;
    const AVCodecParameters *par = st->codecpar;
    GpPid *o = s->opid;
    GpErr e = ffdmx_declare_codec(s, idx);
    e = e ? e : ffdmx_set(o, GP_P_TIMESCALE, gp_pv_uint((uint32_t)st->time_base.den));
    if (!e && st->duration != AV_NOPTS_VALUE && st->duration > 0)
        e = ffdmx_set(o, GP_P_DURATION,
                      gp_pv_frac64(st->duration * s->tb_num, (uint64_t)st->time_base.den));
    else if (!e && ctx->fc->duration != AV_NOPTS_VALUE && ctx->fc->duration > 0)
        e = ffdmx_set(o, GP_P_DURATION, gp_pv_frac64(ctx->fc->duration, AV_TIME_BASE));
    if (!e && par->extradata && par->extradata_size > 0)
        e = ffdmx_set(o, GP_P_DECODER_CONFIG,
                      gp_pv_data(par->extradata, (uint32_t)par->extradata_size));
    int64_t rate = par->bit_rate > 0 ? par->bit_rate : 0;
    if (!e && rate > 0 && rate <= UINT32_MAX)
        e = ffdmx_set(o, GP_P_BITRATE, gp_pv_uint((uint32_t)rate));
    if (!e && st->nb_frames > 0 && st->nb_frames <= UINT32_MAX)
        e = ffdmx_set(o, GP_P_NB_FRAMES, gp_pv_uint((uint32_t)st->nb_frames));
    const AVDictionaryEntry *lang = av_dict_get(st->metadata, "language", NULL, 0);
    if (!e && lang && lang->value[0] && strcmp(lang->value, "und"))
        e = ffdmx_set(o, GP_P_LANGUAGE, gp_pv_string(lang->value));
    if (!e && par->codec_type == AVMEDIA_TYPE_VIDEO)
        e = ffdmx_declare_video(s);
    else if (!e && par->codec_type == AVMEDIA_TYPE_AUDIO)
        e = ffdmx_declare_audio(s);
    if (!e && s->shift_known && s->shift)
        e = ffdmx_set_delay(s);
    return e;
}

GpErr
ffdmx_set_delay(FfdmxStream *s)
{
    GpPropValue v = gp_pv_lsint(-s->shift * (int64_t)s->tb_num);
    return gp_pid_set_prop(s->opid, GP_4CC('M', 'D', 'L', 'Y'), NULL, &v);
}
