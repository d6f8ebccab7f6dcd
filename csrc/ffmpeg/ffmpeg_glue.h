/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the FFmpeg-based filters (ffdmx, ffdec, ffenc, ffsws, ffres, ffmx) share: the
 * mappings between FFmpeg's identifiers and the engine's (codec ids, pixel and sample
 * formats, channel layouts), error codes, and the AVIOContext bridge over the engine's
 * I/O layer (gp_io.h), so every FFmpeg read and write goes through gp_io and works with
 * any registered URL scheme. Only csrc/ffmpeg/ and the ff* filters include FFmpeg. */
#ifndef GP_FFMPEG_GLUE_H
#define GP_FFMPEG_GLUE_H

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixfmt.h>
#include <libavutil/samplefmt.h>

#include <gp/gp.h>

/* ---- identifiers (ffmpeg_maps.c) ---- */

/* Engine CodecID (GPAC's numbering, API.md 3.5) of an FFmpeg codec; codecs without an
 * engine id map to GP_4CC('F','F','I','D') ("ffmpeg") and keep the FFmpeg id in the
 * PID property "ffmpeg:codec_id". threads: any. */
uint32_t ffg_codec_to_gp(enum AVCodecID id);
/* FFmpeg codec of an engine CodecID; AV_CODEC_ID_NONE when unknown. threads: any. */
enum AVCodecID ffg_codec_from_gp(uint32_t codecid);
/* GP_STREAM_* of an FFmpeg media type (GP_STREAM_UNKNOWN when none). threads: any. */
uint32_t ffg_stream_type(enum AVMediaType type);

/* Pixel formats (engine 4CC, API.md 3.6) and sample formats (API.md 3.7); 0 /
 * AV_PIX_FMT_NONE / AV_SAMPLE_FMT_NONE when there is no equivalent. threads: any. */
uint32_t ffg_pixfmt_to_gp(enum AVPixelFormat fmt);
enum AVPixelFormat ffg_pixfmt_from_gp(uint32_t pfmt);
uint32_t ffg_sample_fmt_to_gp(enum AVSampleFormat fmt);
enum AVSampleFormat ffg_sample_fmt_from_gp(uint32_t afmt);

/* An AVERROR as a GpErr (AVERROR_EOF -> GP_EOS, ENOMEM -> GP_OUT_OF_MEM, ENOENT ->
 * GP_URL_ERROR, AVERROR_INVALIDDATA -> GP_NON_COMPLIANT_BITSTREAM, ...), and its text
 * (av_strerror) in buf. threads: any. */
GpErr ffg_err(int averr);
const char *ffg_errstr(int averr, char *buf, size_t size);

/* ---- AVIOContext over gp_io (ffmpeg_io.c) ---- */

/* Opens url through gp_io with an fopen mode and wraps it in an AVIOContext (seekable
 * when the handle is). *err gets GP_URL_ERROR (missing), GP_IO_ERR or GP_OUT_OF_MEM.
 * transfer: full (ffg_avio_close). threads: any. */
AVIOContext *ffg_avio_open(const char *url, const char *mode, GpErr *err);
/* Flushes, closes the gp_io handle and frees the context; sets *pb to NULL.
 * returns GP_OK or the I/O error of the flush/close. threads: the context's user. */
GpErr ffg_avio_close(AVIOContext **pb);

/* Installs io_open/io_close2 on a muxer or demuxer context so every extra file it opens
 * (DASH/HLS segments and playlists, ...) goes through gp_io too; relative names are
 * resolved against the main URL by FFmpeg already. threads: any. */
void ffg_install_io(AVFormatContext *ctx);

#endif /* GP_FFMPEG_GLUE_H */
