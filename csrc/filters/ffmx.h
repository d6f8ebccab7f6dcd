/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private to the ffmx filter: what ffmx_caps.c (the input capabilities of one output
 * format) gives ffmx.c (the muxer filter). Nothing else includes it. */
#ifndef GP_FILTERS_FFMX_H
#define GP_FILTERS_FFMX_H

#include "ffmpeg_glue.h"

/* Can ffmx write this format? False for raw pixel/sample and image formats (those
 * are written by other filters). threads: any. */
bool ffmx_caps_format_usable(const AVOutputFormat *ofmt);

/* Input caps for a format: one bundle per stream type (Visual, Audio, Text) listing
 * the codecs the format carries, the preferred one first (what an encoder inserted in
 * front of ffmx is asked to produce: AVC/AAC where allowed, else VP9/Opus ...).
 * transfer: full on *caps (free()). returns GP_OK or GP_OUT_OF_MEM. threads: any. */
GpErr ffmx_caps_build(const AVOutputFormat *ofmt, GpCap **caps, uint32_t *nb_caps);

#endif /* GP_FILTERS_FFMX_H */
