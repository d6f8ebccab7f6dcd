/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner). */
#include "ffmpeg_glue.h"

uint32_t ffg_codec_to_gp(enum AVCodecID id) { return GP_4CC('F', 'F', 'I', 'D'); }
enum AVCodecID ffg_codec_from_gp(uint32_t codecid) { return AV_CODEC_ID_NONE; }
uint32_t ffg_stream_type(enum AVMediaType type) { return GP_STREAM_UNKNOWN; }
uint32_t ffg_pixfmt_to_gp(enum AVPixelFormat fmt) { return 0; }
enum AVPixelFormat ffg_pixfmt_from_gp(uint32_t pfmt) { return AV_PIX_FMT_NONE; }
uint32_t ffg_sample_fmt_to_gp(enum AVSampleFormat fmt) { return 0; }
enum AVSampleFormat ffg_sample_fmt_from_gp(uint32_t afmt) { return AV_SAMPLE_FMT_NONE; }
GpErr ffg_err(int averr) { return averr == AVERROR_EOF ? GP_EOS : GP_IO_ERR; }
const char *ffg_errstr(int averr, char *buf, size_t size) { av_strerror(averr, buf, size); return buf; }
