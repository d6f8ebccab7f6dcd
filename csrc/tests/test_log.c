/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Log levels by tool@level, the sink callback, and malformed specs. */
#include "harness.h"

static void
default_is_warning(void)
{
    GP_ASSERT_OK(gp_log_set_tools_levels("", true));
    for (int t = 0; t < GP_LOG_TOOL_COUNT; t++)
        GP_ASSERT_INT_EQ(gp_log_get_level((GpLogTool)t), GP_LOG_WARNING);
    GP_ASSERT(gp_log_enabled(GP_LOG_CORE, GP_LOG_ERROR));
    GP_ASSERT(!gp_log_enabled(GP_LOG_CORE, GP_LOG_INFO));
    GP_ASSERT(!gp_log_enabled(GP_LOG_CORE, GP_LOG_QUIET));
}

static void
tool_level_specs(void)
{
    GP_ASSERT_OK(gp_log_set_tools_levels("all@info:dash@debug:ncl", true));
    GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_DASH), GP_LOG_DEBUG);
    GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_FILTER), GP_LOG_INFO);
    /* without reset, levels not named are kept */
    GP_ASSERT_OK(gp_log_set_tools_levels("filter:sched@error", false));
    GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_FILTER), GP_LOG_ERROR);
    GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_SCHED), GP_LOG_ERROR);
    GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_DASH), GP_LOG_DEBUG);
    GP_ASSERT_OK(gp_log_set_tools_levels("core@quiet:strict", false));
    GP_ASSERT(!gp_log_enabled(GP_LOG_CORE, GP_LOG_ERROR));
    GP_ASSERT_OK(gp_log_set_tools_levels("HTTP@Debug+strict", false));
    GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_HTTP), GP_LOG_DEBUG);
    /* with reset, back to all@warning before applying */
    GP_ASSERT_OK(gp_log_set_tools_levels("rti@info", true));
    GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_DASH), GP_LOG_WARNING);
    GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_RTI), GP_LOG_INFO);
    char buf[1024];
    gp_log_get_tools_levels(buf, sizeof(buf));
    GP_ASSERT(strstr(buf, "core@warning:mutex@warning") == buf);
    GP_ASSERT(strstr(buf, ":rti@info") != NULL);
}

static void
malformed_specs_change_nothing(void)
{
    GP_ASSERT_OK(gp_log_set_tools_levels("all@error", true));
    const char *bad[] = {"nosuchtool@debug", "core@loud", "core", "dash@debug:core",
                         "@debug", "core@"};
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        GP_ASSERT_INT_EQ(gp_log_set_tools_levels(bad[i], false), GP_BAD_PARAM);
        GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_DASH), GP_LOG_ERROR);
        GP_ASSERT_INT_EQ(gp_log_get_level(GP_LOG_CORE), GP_LOG_ERROR);
    }
}

typedef struct Captured {
    int count;
    GpLogTool tool;
    GpLogLevel level;
    char text[256];
} Captured;

static void
capture(void *udata, GpLogTool tool, GpLogLevel level, const char *msg)
{
    Captured *c = udata;
    c->count++;
    c->tool = tool;
    c->level = level;
    snprintf(c->text, sizeof(c->text), "%s", msg);
}

static void
callback_receives_enabled_messages(void)
{
    Captured c = {0};
    GP_ASSERT_OK(gp_log_set_tools_levels("filter@info", true));
    gp_log_set_callback(capture, &c);
    GP_LOG(FILTER, INFO, "hello %d", 42);
    GP_ASSERT_INT_EQ(c.count, 1);
    GP_ASSERT_INT_EQ(c.tool, GP_LOG_FILTER);
    GP_ASSERT_INT_EQ(c.level, GP_LOG_INFO);
    GP_ASSERT_STR_EQ(c.text, "hello 42\n");
    GP_LOG(FILTER, DEBUG, "filtered out");
    GP_LOG(CORE, INFO, "filtered out");
    GP_ASSERT_INT_EQ(c.count, 1);
    /* long messages are not truncated */
    char big[2000];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    GP_LOG(FILTER, ERROR, "%s\n", big);
    GP_ASSERT_INT_EQ(c.count, 2);
    gp_log_set_callback(NULL, NULL);
    GP_LOG(FILTER, ERROR, "to stderr");
    GP_ASSERT_INT_EQ(c.count, 2);
    GP_ASSERT_STR_EQ(gp_log_tool_name(GP_LOG_RTI), "rti");
    GP_ASSERT_STR_EQ(gp_log_level_name(GP_LOG_WARNING), "warning");
}

GP_TEST_MAIN(GP_CASE(default_is_warning), GP_CASE(tool_level_specs),
             GP_CASE(malformed_specs_change_nothing),
             GP_CASE(callback_receives_enabled_messages))
