/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Session services (core/session.c): the encoder shortcuts of gp_session_load_filter
 * ("enc:c=NAME", "c=NAME", API.md 4.2) and gp_session_get_progress. */
#include "harness.h"
#include "test_filters.h"

static void
assert_encoder(GpSession *s, const char *desc, const char *opt, const char *want)
{
    GpErr e = GP_OK;
    GpFilter *f = gp_session_load_filter(s, desc, &e);
    GP_ASSERT_OK(e);
    GP_ASSERT(f != NULL);
    GP_ASSERT_STR_EQ(gp_filter_class(f)->name, "ffenc");
    if (opt) {
        char buf[64];
        GP_ASSERT(gp_filter_get_arg_str(f, opt, buf, sizeof(buf)));
        GP_ASSERT_STR_EQ(buf, want);
    }
}

static void
session_encoder_shortcuts(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    assert_encoder(s, "c=aac:b=64k", "b", "64000");
    assert_encoder(s, "enc:c=aac:b=1m", "b", "1000000");
    assert_encoder(s, "enc:c=aac", "c", "aac");
    assert_encoder(s, "enc", NULL, NULL);
    GpErr e = GP_OK;
    GP_ASSERT(gp_session_load_filter(s, "cx=aac", &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_FILTER_NOT_FOUND);
    GP_ASSERT(gp_session_load_filter(s, "encoder:c=aac", &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_FILTER_NOT_FOUND);
    /* the shortcut is the filter: its options are checked like any other */
    GP_ASSERT(gp_session_load_filter(s, "c=aac:nosuchopt=1", &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_BAD_PARAM);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

/* After a run, the sinks have consumed the whole duration of the source. */
static void
session_progress(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    uint64_t pos = 1, dur = 1;
    GP_ASSERT(!gp_session_get_progress(s, &pos, &dur));
    GP_ASSERT_U64_EQ(pos, 0);
    GP_ASSERT_U64_EQ(dur, 0);
    GpErr e = GP_OK;
    GP_ASSERT(gp_session_load_filter(s, "avgen:dur=1", &e) != NULL);
    GP_ASSERT(gp_session_load_filter(s, "inspect:log=null", &e) != NULL);
    GP_ASSERT(!gp_session_get_progress(s, &pos, &dur));
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT(gp_session_get_progress(s, &pos, &dur));
    GP_ASSERT_U64_EQ(dur, 1000000);
    /* the last packets end at 1 s */
    GP_ASSERT_U64_EQ(pos, 1000000);
    gp_session_del(s);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(session_encoder_shortcuts), GP_CASE(session_progress))
