/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PLACEHOLDER (to be replaced by its owner): the ffdmx filter class, registered so the
 * list is final while the FFmpeg filters are written in parallel. */
#include "ffmpeg_glue.h"

const GpFilterClass gp_filter_ffdmx = {
    .name = "ffdmx",
    .help = GP_HELP("Not written yet. Example: gpac -h ffdmx"),
    .flags = GP_FCLASS_EXPLICIT_ONLY,
};
