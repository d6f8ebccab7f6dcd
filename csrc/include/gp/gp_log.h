/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Logs by tool and level, as GPAC's "-logs=tool@level:tool2@level". The levels are
 * process-wide (like GPAC's); messages go to stderr or to one installed callback. */
#ifndef GP_LOG_H
#define GP_LOG_H

#include <stdarg.h>
#include <stdbool.h>

#include "gp_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum GpLogLevel {
    GP_LOG_QUIET = 0,
    GP_LOG_ERROR = 1,
    GP_LOG_WARNING = 2,
    GP_LOG_INFO = 3,
    GP_LOG_DEBUG = 4,
} GpLogLevel;

/* XX(ENUM, "name") in GPAC's order. */
#define GP_LOG_TOOL_MAP(XX)                                                              \
    XX(CORE, "core") XX(MUTEX, "mutex") XX(MEM, "mem") XX(MODULE, "module")              \
    XX(FILTER, "filter") XX(SCHED, "sched") XX(CODEC, "codec") XX(CODING, "coding")      \
    XX(CONTAINER, "container") XX(NETWORK, "network") XX(HTTP, "http")                   \
    XX(CACHE, "cache") XX(RTP, "rtp") XX(DASH, "dash") XX(ROUTE, "route")                \
    XX(MEDIA, "media") XX(PARSER, "parser") XX(MMIO, "mmio") XX(AUDIO, "audio")          \
    XX(SCRIPT, "script") XX(CONSOLE, "console") XX(SCENE, "scene")                       \
    XX(COMPOSE, "compose") XX(CTIME, "ctime") XX(INTERACT, "interact") XX(RTI, "rti")

typedef enum GpLogTool {
#define GP_LOG_TOOL_ENUM(e, n) GP_LOG_##e,
    GP_LOG_TOOL_MAP(GP_LOG_TOOL_ENUM)
#undef GP_LOG_TOOL_ENUM
    GP_LOG_TOOL_COUNT
} GpLogTool;

/* Receives every message that passes the level check. May be called from any thread,
 * including worker threads: a callback must not block or call back into the session.
 * msg: transfer none (valid during the call only). */
typedef void (*GpLogCallback)(void *udata, GpLogTool tool, GpLogLevel level, const char *msg);

/* Parses "tool[:tool]@level[:tool@level...]" plus the keywords "ncl" and "strict";
 * "all" names every tool. With reset, levels go back to the default (all@warning)
 * first. On error nothing is changed.
 * transfer: none. threads: any.
 * returns: GP_OK, GP_BAD_PARAM for an unknown tool or level. */
GpErr gp_log_set_tools_levels(const char *spec, bool reset);

/* Current spec as "tool@level:..." written in buf. threads: any. */
void gp_log_get_tools_levels(char *buf, unsigned size);

/* threads: any. */
bool gp_log_enabled(GpLogTool tool, GpLogLevel level);
void gp_log_set_level(GpLogTool tool, GpLogLevel level);
GpLogLevel gp_log_get_level(GpLogTool tool);

/* Installs the message sink; NULL restores stderr. transfer: none (udata is the
 * caller's). threads: any. */
void gp_log_set_callback(GpLogCallback cb, void *udata);

/* Emits one message (a trailing newline is added when missing). fmt: transfer none.
 * threads: any. */
void gp_log_msg(GpLogTool tool, GpLogLevel level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* threads: any. */
const char *gp_log_tool_name(GpLogTool tool);
const char *gp_log_level_name(GpLogLevel level);

#define GP_LOG(tool, level, ...)                                                        \
    do {                                                                                 \
        if (gp_log_enabled(GP_LOG_##tool, GP_LOG_##level))                               \
            gp_log_msg(GP_LOG_##tool, GP_LOG_##level, __VA_ARGS__);                      \
    } while (0)

#ifdef __cplusplus
}
#endif
#endif /* GP_LOG_H */
