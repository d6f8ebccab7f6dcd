/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner). */
#include "ffmpeg_glue.h"

AVIOContext *ffg_avio_open(const char *url, const char *mode, GpErr *err) { if (err) *err = GP_NOT_SUPPORTED; return NULL; }
GpErr ffg_avio_close(AVIOContext **pb) { return GP_OK; }
void ffg_install_io(AVFormatContext *ctx) { }
