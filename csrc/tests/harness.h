/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* C test runner and helpers. Each test executable lists its cases with GP_TEST_MAIN;
 * `--all` runs every case in its own child process (a crash fails one case, not the
 * run), a case name runs that case in-process (for gdb). Every case that makes a
 * session ends with GP_ASSERT_CLEAN(): session gone, engine counters back to zero. */
#ifndef GP_TEST_HARNESS_H
#define GP_TEST_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp/gp.h"

typedef struct GpTestCase {
    const char *name;
    void (*fn)(void);
} GpTestCase;

int gp_test_run(const GpTestCase *cases, unsigned nb, int argc, char **argv);
void gp_test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));
/* Asserts every engine counter (packets, property maps, filters, PIDs, sessions,
 * tasks) is zero. */
void gp_test_assert_clean(const char *file, int line);

#define GP_CASE(fn) {#fn, fn}
#define GP_TEST_MAIN(...)                                                                \
    int main(int argc, char **argv)                                                      \
    {                                                                                    \
        static const GpTestCase cases[] = {__VA_ARGS__};                                 \
        return gp_test_run(cases, sizeof(cases) / sizeof(cases[0]), argc, argv);         \
    }

#define GP_ASSERT(cond)                                                                  \
    do {                                                                                 \
        if (!(cond))                                                                     \
            gp_test_fail(__FILE__, __LINE__, "assertion failed: %s", #cond);             \
    } while (0)
#define GP_ASSERT_INT_EQ(a, b)                                                           \
    do {                                                                                 \
        long long va_ = (long long)(a), vb_ = (long long)(b);                            \
        if (va_ != vb_)                                                                  \
            gp_test_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, va_, vb_); \
    } while (0)
#define GP_ASSERT_U64_EQ(a, b)                                                           \
    do {                                                                                 \
        unsigned long long va_ = (unsigned long long)(a), vb_ = (unsigned long long)(b); \
        if (va_ != vb_)                                                                  \
            gp_test_fail(__FILE__, __LINE__, "%s == %s: %llu != %llu", #a, #b, va_, vb_); \
    } while (0)
#define GP_ASSERT_STR_EQ(a, b)                                                           \
    do {                                                                                 \
        const char *sa_ = (a), *sb_ = (b);                                               \
        if (!sa_ || !sb_ || strcmp(sa_, sb_))                                            \
            gp_test_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", #a, #b,       \
                         sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");                    \
    } while (0)
#define GP_ASSERT_OK(e) GP_ASSERT_INT_EQ((e), GP_OK)
#define GP_ASSERT_CLEAN() gp_test_assert_clean(__FILE__, __LINE__)

/* A zeroed value of type t, to fill in field by field. */
static inline GpPropValue
gp_test_pv(GpPropType t)
{
    GpPropValue v;
    memset(&v, 0, sizeof(v));
    v.type = t;
    return v;
}

/* ---- Session helpers (test_filters.h holds the test filter classes) ---- */

/* Arms a watchdog: a case still running after `seconds` fails with a message instead of
 * hanging until the ctest timeout. */
void gp_test_watchdog(unsigned seconds);
/* gp_session_new with no blacklist, plus a 30 s watchdog; fails the case when creation
 * fails. */
GpSession *gp_test_session_new(int nb_threads, uint32_t flags);
/* gp_session_load_class that fails the case (printing the session's last error) when
 * the filter cannot be loaded. */
GpFilter *gp_test_load(GpSession *s, const GpFilterClass *cls, const char *args);

/* GstHarness-like chain: tsrc -> filter -> tsink, loaded in that order (implicit
 * linking). cls NULL: tsrc -> tsink. Read what the filters recorded with
 * gp_filter_priv(c.src / c.filter / c.sink). */
typedef struct GpTestChain {
    GpSession *s;
    GpFilter *src, *filter, *sink;
} GpTestChain;
void gp_test_chain_new(GpTestChain *c, int nb_threads, uint32_t flags, const char *src_args,
                       const GpFilterClass *cls, const char *args, const char *sink_args);
GpErr gp_test_chain_run(GpTestChain *c);
/* Deletes the session (GP_ASSERT_CLEAN() still to be called). */
void gp_test_chain_del(GpTestChain *c);

/* Asserts that a tsink received, on its input `pid_idx` (configuration order), exactly
 * packets 0..nb-1 in order: dts = cts = i, `size` bytes all equal to i & 0xff. */
void gp_test_assert_sequence(const char *file, int line, GpFilter *sink, uint32_t pid_idx,
                             uint32_t nb, uint32_t size);
#define GP_ASSERT_SEQUENCE(sink, pid_idx, nb, size)                                      \
    gp_test_assert_sequence(__FILE__, __LINE__, (sink), (pid_idx), (nb), (size))

#endif /* GP_TEST_HARNESS_H */
