/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Process-wide log levels per tool and the message sink. Levels are atomics read on
 * every GP_LOG check; the sink (stderr or one callback) is swapped under a lock so a
 * message never reaches a callback that was just removed. */
#include "gp/gp_log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LOG_DEFAULT GP_LOG_WARNING

static const char *const tool_names[GP_LOG_TOOL_COUNT] = {
#define GP_LOG_TOOL_NAME(e, n) n,
    GP_LOG_TOOL_MAP(GP_LOG_TOOL_NAME)
#undef GP_LOG_TOOL_NAME
};

static const char *const level_names[] = {"quiet", "error", "warning", "info", "debug"};

static atomic_int levels[GP_LOG_TOOL_COUNT] = {
#define GP_LOG_TOOL_DEFAULT(e, n) LOG_DEFAULT,
    GP_LOG_TOOL_MAP(GP_LOG_TOOL_DEFAULT)
#undef GP_LOG_TOOL_DEFAULT
};

static pthread_mutex_t sink_lock = PTHREAD_MUTEX_INITIALIZER;
static GpLogCallback sink_cb;
static void *sink_udata;

const char *
gp_log_tool_name(GpLogTool tool)
{
    return (unsigned)tool < GP_LOG_TOOL_COUNT ? tool_names[tool] : "unknown";
}

const char *
gp_log_level_name(GpLogLevel level)
{
    return (unsigned)level <= GP_LOG_DEBUG ? level_names[level] : "unknown";
}

bool
gp_log_enabled(GpLogTool tool, GpLogLevel level)
{
    if ((unsigned)tool >= GP_LOG_TOOL_COUNT || level == GP_LOG_QUIET)
        return false;
    return (int)level <= atomic_load_explicit(&levels[tool], memory_order_relaxed);
}

void
gp_log_set_level(GpLogTool tool, GpLogLevel level)
{
    if ((unsigned)tool < GP_LOG_TOOL_COUNT && (unsigned)level <= GP_LOG_DEBUG)
        atomic_store(&levels[tool], (int)level);
}

GpLogLevel
gp_log_get_level(GpLogTool tool)
{
    if ((unsigned)tool >= GP_LOG_TOOL_COUNT)
        return GP_LOG_QUIET;
    return (GpLogLevel)atomic_load(&levels[tool]);
}

static int
find_tool(const char *name, size_t len)
{
    for (int i = 0; i < GP_LOG_TOOL_COUNT; i++)
        if (strlen(tool_names[i]) == len && !strncasecmp(tool_names[i], name, len))
            return i;
    if (len == 3 && !strncasecmp(name, "all", 3))
        return GP_LOG_TOOL_COUNT; /* every tool */
    return -1;
}

/* "debug", "debug+strict" (the strict suffix is accepted and has no effect here) */
static int
find_level(const char *name, size_t len)
{
    const char *plus = memchr(name, '+', len);
    if (plus && (size_t)(name + len - plus) == 7 && !strncasecmp(plus, "+strict", 7))
        len = (size_t)(plus - name);
    for (int i = 0; i <= GP_LOG_DEBUG; i++)
        if (strlen(level_names[i]) == len && !strncasecmp(level_names[i], name, len))
            return i;
    return -1;
}

static bool
is_keyword(const char *tok, size_t len)
{
    return (len == 3 && !strncasecmp(tok, "ncl", 3)) ||
           (len == 6 && !strncasecmp(tok, "strict", 6));
}

GpErr
gp_log_set_tools_levels(const char *spec, bool reset)
{
    int next[GP_LOG_TOOL_COUNT];
    bool pending[GP_LOG_TOOL_COUNT + 1] = {false};
    for (int i = 0; i < GP_LOG_TOOL_COUNT; i++)
        next[i] = reset ? LOG_DEFAULT : atomic_load(&levels[i]);
    const char *p = spec ? spec : "";
    /* tokens split on ':'; "a:b@lvl" gives lvl to a and b */
    while (*p) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len && !is_keyword(p, len)) {
            const char *at = memchr(p, '@', len);
            size_t tlen = at ? (size_t)(at - p) : len;
            int tool = find_tool(p, tlen);
            if (tool < 0)
                return GP_BAD_PARAM;
            pending[tool] = true;
            if (at) {
                int lvl = find_level(at + 1, len - tlen - 1);
                if (lvl < 0)
                    return GP_BAD_PARAM;
                for (int i = 0; i <= GP_LOG_TOOL_COUNT; i++) {
                    if (!pending[i])
                        continue;
                    if (i == GP_LOG_TOOL_COUNT)
                        for (int j = 0; j < GP_LOG_TOOL_COUNT; j++)
                            next[j] = lvl;
                    else
                        next[i] = lvl;
                    pending[i] = false;
                }
            }
        }
        p += len;
        if (*p == ':')
            p++;
    }
    for (int i = 0; i <= GP_LOG_TOOL_COUNT; i++)
        if (pending[i])
            return GP_BAD_PARAM; /* a tool without level */
    for (int i = 0; i < GP_LOG_TOOL_COUNT; i++)
        atomic_store(&levels[i], next[i]);
    return GP_OK;
}

void
gp_log_get_tools_levels(char *buf, unsigned size)
{
    if (!buf || !size)
        return;
    buf[0] = 0;
    size_t off = 0;
    for (int i = 0; i < GP_LOG_TOOL_COUNT && off < size; i++) {
        int n = snprintf(buf + off, size - off, "%s%s@%s", i ? ":" : "", tool_names[i],
                         level_names[atomic_load(&levels[i])]);
        if (n < 0)
            break;
        off += (size_t)n;
    }
}

void
gp_log_set_callback(GpLogCallback cb, void *udata)
{
    pthread_mutex_lock(&sink_lock);
    sink_cb = cb;
    sink_udata = udata;
    pthread_mutex_unlock(&sink_lock);
}

void
gp_log_msg(GpLogTool tool, GpLogLevel level, const char *fmt, ...)
{
    char stack[512];
    char *msg = stack;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(stack, sizeof(stack) - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof(stack) - 1) {
        msg = malloc((size_t)n + 2);
        if (!msg)
            return;
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (n == 0 || msg[n - 1] != '\n') {
        msg[n] = '\n';
        msg[n + 1] = 0;
    }
    pthread_mutex_lock(&sink_lock);
    if (sink_cb)
        sink_cb(sink_udata, tool, level, msg);
    else
        fputs(msg, stderr);
    pthread_mutex_unlock(&sink_lock);
    if (msg != stack)
        free(msg);
}
