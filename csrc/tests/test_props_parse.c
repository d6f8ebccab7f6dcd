/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Text parsing and printing tests (core/props_parse.c, props_dump.c): units, limits and
 * errors of numbers, booleans, fractions, vectors and size names, strings, data, lists,
 * 4CCs, enum lists and enum types, then a dump/parse round trip for every type. */
#include <float.h>
#include <math.h>
#include <unistd.h>

#include "harness.h"

/* ---- helpers ---- */

static GpPropValue
parse_ok(GpPropType type, const char *text, const char *enum_list)
{
    GpPropValue v;
    GpErr e = gp_prop_parse(type, text, enum_list, &v);
    if (e != GP_OK)
        gp_test_fail(__FILE__, __LINE__, "parse %s '%s': %d", gp_prop_type_name(type), text, e);
    return v;
}

static void
parse_bad(int line, GpPropType type, const char *text)
{
    GpPropValue v;
    memset(&v, 0x55, sizeof(v));
    GpErr e = gp_prop_parse(type, text, NULL, &v);
    if (e != GP_BAD_PARAM || v.type != GP_PROP_FORBIDDEN)
        gp_test_fail(__FILE__, line, "parse %s '%s' should fail: %d", gp_prop_type_name(type),
                     text ? text : "(null)", e);
}
#define PARSE_BAD(type, text) parse_bad(__LINE__, (type), (text))

static uint64_t
parse_u64(GpPropType type, const char *text)
{
    GpPropValue v = parse_ok(type, text, NULL);
    GP_ASSERT_INT_EQ(v.type, type);
    switch (type) {
    case GP_PROP_UINT: return v.value.uint;
    case GP_PROP_SINT: return (uint64_t)(int64_t)v.value.sint;
    case GP_PROP_LSINT: return (uint64_t)v.value.lsint;
    default: return v.value.luint;
    }
}

/* ---- parsing ---- */

static void
parse_numbers(void)
{
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "2k"), 2000);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "2K"), 2000);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_LUINT, "3g"), 3000000000ULL);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_LUINT, "3G"), 3000000000ULL);
    GP_ASSERT_INT_EQ((int64_t)parse_u64(GP_PROP_LSINT, "-2m"), -2000000);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "5M"), 5000000);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "1.5k"), 1500);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "1.1k"), 1100);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "2sec"), 2000);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "2min"), 120000);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "0x10"), 16);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "0xFFFFFFFF"), UINT32_MAX);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_LUINT, "0x123456789a"), 0x123456789aULL);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "+12"), 12);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "T00:01:02.5"), 62500);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "T01:00:00"), 3600000);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "T12"), 12000);
    /* +I / -I: the type's limits */
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "+I"), UINT32_MAX);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "-I"), 0);
    GP_ASSERT_INT_EQ((int64_t)parse_u64(GP_PROP_SINT, "+I"), INT32_MAX);
    GP_ASSERT_INT_EQ((int64_t)parse_u64(GP_PROP_SINT, "-I"), INT32_MIN);
    GP_ASSERT_INT_EQ((int64_t)parse_u64(GP_PROP_LSINT, "+I"), INT64_MAX);
    GP_ASSERT_INT_EQ((int64_t)parse_u64(GP_PROP_LSINT, "-I"), INT64_MIN);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_LUINT, "+I"), UINT64_MAX);
    /* the limits themselves */
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_UINT, "4294967295"), UINT32_MAX);
    GP_ASSERT_INT_EQ((int64_t)parse_u64(GP_PROP_SINT, "-2147483648"), INT32_MIN);
    GP_ASSERT_INT_EQ((int64_t)parse_u64(GP_PROP_LSINT, "-9223372036854775808"), INT64_MIN);
    GP_ASSERT_U64_EQ(parse_u64(GP_PROP_LUINT, "18446744073709551615"), UINT64_MAX);
    /* errors: trailing garbage, out of range, malformed */
    const char *bad_uint[] = {"12abc", "",    "abc", "1.5", "-1",   "4294967296",  "0x",
                              "0xg",   "1k5", "k",   " 1",  "1 ",   "0x100000000", "5kk",
                              "1e3",   "--1", "T",   "T1:", "-0x1", "5G"};
    for (size_t i = 0; i < sizeof(bad_uint) / sizeof(bad_uint[0]); i++)
        PARSE_BAD(GP_PROP_UINT, bad_uint[i]);
    PARSE_BAD(GP_PROP_SINT, "2147483648");
    PARSE_BAD(GP_PROP_SINT, "-2147483649");
    PARSE_BAD(GP_PROP_SINT, "zz");
    PARSE_BAD(GP_PROP_LUINT, "18446744073709551616");
    PARSE_BAD(GP_PROP_LUINT, "20000000000g");
    PARSE_BAD(GP_PROP_LSINT, "9223372036854775808");
    PARSE_BAD(GP_PROP_UINT, NULL);
    PARSE_BAD(GP_PROP_FORBIDDEN, "1");
    PARSE_BAD((GpPropType)99, "1");

    GpPropValue v = parse_ok(GP_PROP_DOUBLE, "1.5k", NULL);
    GP_ASSERT(v.type == GP_PROP_DOUBLE && v.value.number == 1500.0);
    v = parse_ok(GP_PROP_DOUBLE, "-2.25", NULL);
    GP_ASSERT(v.value.number == -2.25);
    v = parse_ok(GP_PROP_DOUBLE, "T00:00:01.5", NULL);
    GP_ASSERT(v.value.number == 1.5);
    v = parse_ok(GP_PROP_DOUBLE, "+I", NULL);
    GP_ASSERT(v.value.number == DBL_MAX);
    v = parse_ok(GP_PROP_FLOAT, "0.25", NULL);
    GP_ASSERT(v.type == GP_PROP_FLOAT && v.value.fnumber == 0.25f);
    v = parse_ok(GP_PROP_FLOAT, "-I", NULL);
    GP_ASSERT(v.value.fnumber == -FLT_MAX);
    PARSE_BAD(GP_PROP_DOUBLE, "1.5x");
    PARSE_BAD(GP_PROP_DOUBLE, "");
    PARSE_BAD(GP_PROP_DOUBLE, "abc");
    PARSE_BAD(GP_PROP_FLOAT, "1e300");
}

static void
parse_booleans(void)
{
    const char *yes[] = {"yes", "true", "1", "YES", "True", ""};
    const char *no[] = {"no", "false", "0", "NO", "False"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        GpPropValue v = parse_ok(GP_PROP_BOOL, yes[i], NULL);
        GP_ASSERT(v.type == GP_PROP_BOOL && v.value.boolean);
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        GpPropValue v = parse_ok(GP_PROP_BOOL, no[i], NULL);
        GP_ASSERT(v.type == GP_PROP_BOOL && !v.value.boolean);
    }
    PARSE_BAD(GP_PROP_BOOL, "maybe");
    PARSE_BAD(GP_PROP_BOOL, "2");
}

static void
parse_fractions(void)
{
    GpPropValue v = parse_ok(GP_PROP_FRACTION, "30000/1001", NULL);
    GP_ASSERT(v.type == GP_PROP_FRACTION && v.value.frac.num == 30000 && v.value.frac.den == 1001);
    v = parse_ok(GP_PROP_FRACTION, "25-1", NULL);
    GP_ASSERT(v.value.frac.num == 25 && v.value.frac.den == 1);
    v = parse_ok(GP_PROP_FRACTION, "2", NULL);
    GP_ASSERT(v.value.frac.num == 2 && v.value.frac.den == 1);
    v = parse_ok(GP_PROP_FRACTION, "1.5", NULL);
    GP_ASSERT(v.value.frac.num == 1500000 && v.value.frac.den == 1000000);
    v = parse_ok(GP_PROP_FRACTION, "-3/2", NULL);
    GP_ASSERT(v.value.frac.num == -3 && v.value.frac.den == 2);
    v = parse_ok(GP_PROP_FRACTION, "-3-2", NULL);
    GP_ASSERT(v.value.frac.num == -3 && v.value.frac.den == 2);
    v = parse_ok(GP_PROP_FRACTION, "1e-3", NULL);
    GP_ASSERT(v.value.frac.num == 1000 && v.value.frac.den == 1000000);
    v = parse_ok(GP_PROP_FRACTION, "5000.5", NULL); /* 1e6 would overflow the numerator */
    GP_ASSERT(v.value.frac.num == 5000500 && v.value.frac.den == 1000);
    v = parse_ok(GP_PROP_FRACTION64, "90000/7", NULL);
    GP_ASSERT(v.type == GP_PROP_FRACTION64 && v.value.lfrac.num == 90000 && v.value.lfrac.den == 7);
    v = parse_ok(GP_PROP_FRACTION64, "2.5", NULL);
    GP_ASSERT(v.value.lfrac.num == 2500000 && v.value.lfrac.den == 1000000);
    v = parse_ok(GP_PROP_FRACTION64, "10000000000/1", NULL);
    GP_ASSERT(v.value.lfrac.num == 10000000000LL);
    PARSE_BAD(GP_PROP_FRACTION, "abc");
    PARSE_BAD(GP_PROP_FRACTION, "1/x");
    PARSE_BAD(GP_PROP_FRACTION, "1/-2");
    PARSE_BAD(GP_PROP_FRACTION, "");
    PARSE_BAD(GP_PROP_FRACTION, "10000000000/1");
}

static void
parse_vectors(void)
{
    static const struct {
        const char *name;
        int32_t w, h;
    } sizes[] = {
        {"360", 640, 360},    {"480", 720, 480},    {"576", 720, 576},     {"720", 1280, 720},
        {"1080", 1920, 1080}, {"hd", 1920, 1080},   {"2k", 2048, 1080},    {"2160", 3840, 2160},
        {"4k", 3840, 2160},   {"4320", 7680, 4320}, {"8k", 7680, 4320},    {"320x240", 320, 240},
        {"-1x-2", -1, -2},    {"0x0", 0, 0},        {"640X480", 640, 480},
    };
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        GpPropValue v = parse_ok(GP_PROP_VEC2I, sizes[i].name, NULL);
        GP_ASSERT(v.type == GP_PROP_VEC2I);
        GP_ASSERT_INT_EQ(v.value.vec2i.x, sizes[i].w);
        GP_ASSERT_INT_EQ(v.value.vec2i.y, sizes[i].h);
    }
    GpPropValue v = parse_ok(GP_PROP_VEC2, "1.5x-2.25", NULL);
    GP_ASSERT(v.value.vec2.x == 1.5 && v.value.vec2.y == -2.25);
    v = parse_ok(GP_PROP_VEC3I, "1x2x3", NULL);
    GP_ASSERT(v.value.vec3i.x == 1 && v.value.vec3i.y == 2 && v.value.vec3i.z == 3);
    v = parse_ok(GP_PROP_VEC4I, "1x2x3x-4", NULL);
    GP_ASSERT(v.value.vec4i.x == 1 && v.value.vec4i.z == 3 && v.value.vec4i.w == -4);
    PARSE_BAD(GP_PROP_VEC2I, "big");
    PARSE_BAD(GP_PROP_VEC2I, "1x2x3");
    PARSE_BAD(GP_PROP_VEC2I, "1x");
    PARSE_BAD(GP_PROP_VEC2I, "x1");
    PARSE_BAD(GP_PROP_VEC2I, "1");
    PARSE_BAD(GP_PROP_VEC2I, "1.5x2");
    PARSE_BAD(GP_PROP_VEC3I, "1x2");
    PARSE_BAD(GP_PROP_VEC4I, "1x2x3x4x5");
    PARSE_BAD(GP_PROP_VEC2, "1.5");
}

static void
parse_strings_data(void)
{
    GpPropValue v = parse_ok(GP_PROP_STRING, "a b", NULL);
    GP_ASSERT_STR_EQ(v.value.string, "a b");
    gp_prop_value_reset(&v);
    v = parse_ok(GP_PROP_NAME, "fr", NULL);
    GP_ASSERT_INT_EQ(v.type, GP_PROP_STRING); /* parsed text is owned */
    GP_ASSERT_STR_EQ(v.value.string, "fr");
    gp_prop_value_reset(&v);
    v = parse_ok(GP_PROP_STRING, "", NULL);
    GP_ASSERT_STR_EQ(v.value.string, "");
    gp_prop_value_reset(&v);

    v = parse_ok(GP_PROP_DATA, "0x0102fF", NULL);
    GP_ASSERT(v.type == GP_PROP_DATA && v.value.data.size == 3);
    GP_ASSERT(!memcmp(v.value.data.ptr, "\x01\x02\xff", 3));
    gp_prop_value_reset(&v);
    v = parse_ok(GP_PROP_CONST_DATA, "b64@AQL/", NULL);
    GP_ASSERT(v.type == GP_PROP_DATA && v.value.data.size == 3);
    GP_ASSERT(!memcmp(v.value.data.ptr, "\x01\x02\xff", 3));
    gp_prop_value_reset(&v);
    v = parse_ok(GP_PROP_DATA, "b64@aGVsbG8=", NULL);
    GP_ASSERT(v.value.data.size == 5 && !memcmp(v.value.data.ptr, "hello", 5));
    gp_prop_value_reset(&v);
    v = parse_ok(GP_PROP_DATA, "", NULL);
    GP_ASSERT(v.type == GP_PROP_DATA && v.value.data.size == 0);
    gp_prop_value_reset(&v);
    /* file@ reads the file */
    char path[] = "/tmp/gp_test_props_XXXXXX";
    int fd = mkstemp(path);
    GP_ASSERT(fd >= 0);
    GP_ASSERT(write(fd, "abc", 3) == 3);
    close(fd);
    char text[64];
    snprintf(text, sizeof(text), "file@%s", path);
    v = parse_ok(GP_PROP_DATA, text, NULL);
    GP_ASSERT(v.value.data.size == 3 && !memcmp(v.value.data.ptr, "abc", 3));
    gp_prop_value_reset(&v);
    unlink(path);
    PARSE_BAD(GP_PROP_DATA, text);
    PARSE_BAD(GP_PROP_DATA, "0x123");
    PARSE_BAD(GP_PROP_DATA, "0x12zz");
    PARSE_BAD(GP_PROP_DATA, "hello");
    PARSE_BAD(GP_PROP_DATA, "b64@a*b");

    v = parse_ok(GP_PROP_POINTER, "0x1234", NULL);
    GP_ASSERT(v.value.ptr == (void *)(uintptr_t)0x1234);
}

static void
parse_lists_4cc(void)
{
    GpPropValue v = parse_ok(GP_PROP_STRING_LIST, "a,b,,c,", NULL);
    GP_ASSERT(v.type == GP_PROP_STRING_LIST && v.value.string_list.nb == 3);
    GP_ASSERT_STR_EQ(v.value.string_list.vals[0], "a");
    GP_ASSERT_STR_EQ(v.value.string_list.vals[1], "b,c");
    GP_ASSERT_STR_EQ(v.value.string_list.vals[2], "");
    gp_prop_value_reset(&v);
    v = parse_ok(GP_PROP_STRING_LIST, "", NULL);
    GP_ASSERT(v.type == GP_PROP_STRING_LIST && v.value.string_list.nb == 0);
    v = parse_ok(GP_PROP_UINT_LIST, "1,2k,0x10", NULL);
    GP_ASSERT(v.type == GP_PROP_UINT_LIST && v.value.uint_list.nb == 3);
    GP_ASSERT(v.value.uint_list.vals[1] == 2000 && v.value.uint_list.vals[2] == 16);
    gp_prop_value_reset(&v);
    v = parse_ok(GP_PROP_SINT_LIST, "-1,2", NULL);
    GP_ASSERT(v.value.sint_list.nb == 2 && v.value.sint_list.vals[0] == -1);
    gp_prop_value_reset(&v);
    v = parse_ok(GP_PROP_VEC2I_LIST, "1x2,720", NULL);
    GP_ASSERT(v.value.v2i_list.nb == 2 && v.value.v2i_list.vals[0].y == 2 &&
              v.value.v2i_list.vals[1].x == 1280);
    gp_prop_value_reset(&v);
    v = parse_ok(GP_PROP_4CC_LIST, "isom,avc1", NULL);
    GP_ASSERT(v.value.uint_list.nb == 2 && v.value.uint_list.vals[1] == GP_4CC('a', 'v', 'c', '1'));
    gp_prop_value_reset(&v);
    PARSE_BAD(GP_PROP_UINT_LIST, "1,x");
    PARSE_BAD(GP_PROP_UINT_LIST, "1,");
    PARSE_BAD(GP_PROP_SINT_LIST, "1,,2");
    PARSE_BAD(GP_PROP_4CC_LIST, "isom,ab");

    v = parse_ok(GP_PROP_4CC, "avc1", NULL);
    GP_ASSERT(v.type == GP_PROP_4CC && v.value.uint == GP_4CC('a', 'v', 'c', '1'));
    v = parse_ok(GP_PROP_4CC, "AV1 ", NULL);
    GP_ASSERT(v.value.uint == GP_CODEC_AV1);
    v = parse_ok(GP_PROP_4CC, "33", NULL);
    GP_ASSERT(v.value.uint == 33);
    v = parse_ok(GP_PROP_4CC, "1234", NULL); /* 4 characters are a 4CC, not a number */
    GP_ASSERT(v.value.uint == GP_4CC('1', '2', '3', '4'));
    PARSE_BAD(GP_PROP_4CC, "abc");
    PARSE_BAD(GP_PROP_4CC, "abcde");
}

static void
parse_enums(void)
{
    GpPropValue v = parse_ok(GP_PROP_UINT, "frame", "pck|blk|frame");
    GP_ASSERT(v.type == GP_PROP_UINT && v.value.uint == 2);
    v = parse_ok(GP_PROP_UINT, "pck", "pck|blk|frame");
    GP_ASSERT(v.value.uint == 0);
    v = parse_ok(GP_PROP_UINT, "1", "pck|blk|frame");
    GP_ASSERT(v.value.uint == 1);
    GpErr e = gp_prop_parse(GP_PROP_UINT, "3", "pck|blk|frame", &v);
    GP_ASSERT(e == GP_BAD_PARAM && v.type == GP_PROP_FORBIDDEN);
    GP_ASSERT_INT_EQ(gp_prop_parse(GP_PROP_UINT, "foo", "pck|blk|frame", &v), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_prop_parse(GP_PROP_UINT, "Frame", "pck|blk|frame", &v), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_prop_parse(GP_PROP_UINT, "fram", "pck|blk|frame", &v), GP_BAD_PARAM);
    /* an empty list is no list */
    v = parse_ok(GP_PROP_UINT, "7", "");
    GP_ASSERT(v.value.uint == 7);

    v = parse_ok(GP_PROP_PIXFMT, "yuv420", NULL);
    GP_ASSERT(v.type == GP_PROP_PIXFMT && v.value.uint == GP_PIXFMT_YUV420);
    v = parse_ok(GP_PROP_PIXFMT, "yuv", NULL);
    GP_ASSERT(v.value.uint == GP_PIXFMT_YUV420);
    v = parse_ok(GP_PROP_PIXFMT, "NV12", NULL);
    GP_ASSERT(v.value.uint == GP_PIXFMT_NV12);
    v = parse_ok(GP_PROP_PCMFMT, "s16", NULL);
    GP_ASSERT(v.type == GP_PROP_PCMFMT && v.value.uint == GP_AFMT_S16);
    v = parse_ok(GP_PROP_PCMFMT, "fltp", NULL);
    GP_ASSERT(v.value.uint == GP_AFMT_FLTP);
    v = parse_ok(GP_PROP_CICP_COL_PRIM, "BT709", NULL);
    GP_ASSERT(v.type == GP_PROP_CICP_COL_PRIM && v.value.uint == 1);
    v = parse_ok(GP_PROP_CICP_COL_TFC, "sRGB", NULL);
    GP_ASSERT(v.value.uint == 13);
    v = parse_ok(GP_PROP_CICP_COL_MX, "YCgCo", NULL);
    GP_ASSERT(v.value.uint == 8);
    v = parse_ok(GP_PROP_CICP_LAYOUT, "3", NULL);
    GP_ASSERT(v.type == GP_PROP_CICP_LAYOUT && v.value.uint == 3);
    PARSE_BAD(GP_PROP_PIXFMT, "nope");
    PARSE_BAD(GP_PROP_PCMFMT, "nope");
    PARSE_BAD(GP_PROP_CICP_COL_MX, "nope");
}

/* ---- dump / parse round trip ---- */

static void
round_trip(int line, const GpPropValue *v, const char *want)
{
    char buf[256];
    GpPropValue back;
    gp_prop_dump(v, buf, sizeof(buf));
    if (want && strcmp(buf, want))
        gp_test_fail(__FILE__, line, "dump %s: \"%s\", expected \"%s\"", gp_prop_type_name(v->type),
                     buf, want);
    GpErr e = gp_prop_parse(v->type, buf, NULL, &back);
    if (e != GP_OK || !gp_prop_value_equal(v, &back))
        gp_test_fail(__FILE__, line, "%s \"%s\" does not read back (%d)",
                     gp_prop_type_name(v->type), buf, e);
    gp_prop_value_reset(&back);
}
#define ROUND_TRIP(v, want) round_trip(__LINE__, (v), (want))

static void
dump_round_trip(void)
{
    GpPropValue v = gp_pv_sint(-7);
    ROUND_TRIP(&v, "-7");
    v = gp_pv_sint(INT32_MIN);
    ROUND_TRIP(&v, "-2147483648");
    v = gp_pv_uint(UINT32_MAX);
    ROUND_TRIP(&v, "4294967295");
    v = gp_pv_lsint(INT64_MIN);
    ROUND_TRIP(&v, "-9223372036854775808");
    v = gp_pv_luint(UINT64_MAX);
    ROUND_TRIP(&v, "18446744073709551615");
    v = gp_pv_bool(true);
    ROUND_TRIP(&v, "true");
    v = gp_pv_bool(false);
    ROUND_TRIP(&v, "false");
    v = gp_pv_frac(30000, 1001);
    ROUND_TRIP(&v, "30000/1001");
    v = gp_pv_frac(-1, 0);
    ROUND_TRIP(&v, "-1/0");
    v = gp_pv_frac64(-90000, 7);
    ROUND_TRIP(&v, "-90000/7");
    v = gp_pv_frac64(INT64_MAX, UINT64_MAX);
    ROUND_TRIP(&v, NULL);
    v = gp_test_pv(GP_PROP_FLOAT);
    v.value.fnumber = 0.1f;
    ROUND_TRIP(&v, "0.1");
    v.value.fnumber = FLT_MAX;
    ROUND_TRIP(&v, NULL);
    v.value.fnumber = 1e-30f;
    ROUND_TRIP(&v, NULL);
    v = gp_pv_double(1.5);
    ROUND_TRIP(&v, "1.5");
    v = gp_pv_double(0.1);
    ROUND_TRIP(&v, "0.1");
    v = gp_pv_double(1.0 / 3.0);
    ROUND_TRIP(&v, NULL);
    v = gp_pv_double(-DBL_MAX);
    ROUND_TRIP(&v, NULL);
    v = gp_pv_double(INFINITY);
    ROUND_TRIP(&v, "inf");
    v = gp_test_pv(GP_PROP_VEC2I);
    v.value.vec2i = (GpVec2i){640, -480};
    ROUND_TRIP(&v, "640x-480");
    v = gp_test_pv(GP_PROP_VEC2);
    v.value.vec2 = (GpVec2){0.0, 2.5};
    ROUND_TRIP(&v, "0x2.5");
    v = gp_test_pv(GP_PROP_VEC3I);
    v.value.vec3i = (GpVec3i){1, 2, 3};
    ROUND_TRIP(&v, "1x2x3");
    v = gp_test_pv(GP_PROP_VEC4I);
    v.value.vec4i = (GpVec4i){1, 2, 3, -4};
    ROUND_TRIP(&v, "1x2x3x-4");
    v = gp_pv_string("hello, world");
    ROUND_TRIP(&v, "hello, world");
    v = gp_pv_string(NULL); /* NULL reads as "" */
    ROUND_TRIP(&v, "");
    v = gp_test_pv(GP_PROP_NAME);
    v.value.string = "fr";
    ROUND_TRIP(&v, "fr");
    v = gp_test_pv(GP_PROP_POINTER);
    v.value.ptr = (void *)(uintptr_t)0xabcdef;
    ROUND_TRIP(&v, "0xabcdef");
    v = gp_pv_4cc(GP_4CC('a', 'v', 'c', '1'));
    ROUND_TRIP(&v, "avc1");
    v = gp_pv_4cc(GP_CODEC_AVC); /* not printable: hex */
    ROUND_TRIP(&v, "0x00000021");
    v = gp_pv_4cc(GP_4CC('a', ',', 'b', 'c'));
    ROUND_TRIP(&v, "0x612C6263");

    char *strs[] = {"a", "b,c", ""};
    v = gp_test_pv(GP_PROP_STRING_LIST);
    v.value.string_list.vals = strs;
    v.value.string_list.nb = 3;
    ROUND_TRIP(&v, "a,b,,c,");
    v.value.string_list.nb = 0;
    ROUND_TRIP(&v, "");
    uint32_t u[] = {1, 2, 3};
    v = gp_test_pv(GP_PROP_UINT_LIST);
    v.value.uint_list.vals = u;
    v.value.uint_list.nb = 3;
    ROUND_TRIP(&v, "1,2,3");
    int32_t s[] = {-1, 0, INT32_MAX};
    v = gp_test_pv(GP_PROP_SINT_LIST);
    v.value.sint_list.vals = s;
    v.value.sint_list.nb = 3;
    ROUND_TRIP(&v, "-1,0,2147483647");
    GpVec2i vv[] = {{1, 2}, {-3, 4}};
    v = gp_test_pv(GP_PROP_VEC2I_LIST);
    v.value.v2i_list.vals = vv;
    v.value.v2i_list.nb = 2;
    ROUND_TRIP(&v, "1x2,-3x4");
    uint32_t cc[] = {GP_4CC('i', 's', 'o', 'm'), GP_4CC('a', 'v', 'c', '1'), 0x21};
    v = gp_test_pv(GP_PROP_4CC_LIST);
    v.value.uint_list.vals = cc;
    v.value.uint_list.nb = 3;
    ROUND_TRIP(&v, "isom,avc1,0x00000021");

    /* enum types: long names */
    v = gp_test_pv(GP_PROP_PIXFMT);
    v.value.uint = GP_PIXFMT_YUV420;
    ROUND_TRIP(&v, "yuv420");
    v.value.uint = GP_PIXFMT_RGB;
    ROUND_TRIP(&v, "rgb");
    v.value.uint = 0;
    ROUND_TRIP(&v, "none");
    v.value.uint = 12345;
    ROUND_TRIP(&v, "12345");
    v = gp_test_pv(GP_PROP_PCMFMT);
    v.value.uint = GP_AFMT_S16;
    ROUND_TRIP(&v, "s16");
    v.value.uint = GP_AFMT_FLTP;
    ROUND_TRIP(&v, "fltp");
    v = gp_test_pv(GP_PROP_CICP_COL_PRIM);
    v.value.uint = 1;
    ROUND_TRIP(&v, "BT709");
    v = gp_test_pv(GP_PROP_CICP_COL_TFC);
    v.value.uint = 16;
    ROUND_TRIP(&v, "SMPTE2084");
    v = gp_test_pv(GP_PROP_CICP_COL_MX);
    v.value.uint = 3; /* reserved: a number */
    ROUND_TRIP(&v, "3");
    v = gp_test_pv(GP_PROP_CICP_LAYOUT);
    v.value.uint = 6;
    ROUND_TRIP(&v, "6");

    /* data: a size only, read back from its hex form */
    char buf[64];
    v = gp_pv_data((const uint8_t *)"\x01\x02\x03", 3);
    GP_ASSERT_STR_EQ(gp_prop_dump(&v, buf, sizeof(buf)), "data,size:3");
    v.type = GP_PROP_CONST_DATA;
    GP_ASSERT_STR_EQ(gp_prop_dump(&v, buf, sizeof(buf)), "data,size:3");
    GpPropValue back = parse_ok(GP_PROP_DATA, "0x010203", NULL);
    GP_ASSERT(gp_prop_value_equal(&v, &back));
    gp_prop_value_reset(&back);
    /* small buffers truncate, never overflow */
    v = gp_pv_string("abcdef");
    GP_ASSERT_STR_EQ(gp_prop_dump(&v, buf, 4), "abc");
    v = gp_pv_frac(30000, 1001);
    GP_ASSERT_STR_EQ(gp_prop_dump(&v, buf, 6), "30000");
    GP_ASSERT_STR_EQ(gp_prop_dump(&v, buf, 1), "");
    v = gp_test_pv(GP_PROP_FORBIDDEN);
    GP_ASSERT_STR_EQ(gp_prop_dump(&v, buf, sizeof(buf)), "");
}

GP_TEST_MAIN(GP_CASE(parse_numbers), GP_CASE(parse_booleans), GP_CASE(parse_fractions),
             GP_CASE(parse_vectors), GP_CASE(parse_strings_data), GP_CASE(parse_lists_4cc),
             GP_CASE(parse_enums), GP_CASE(dump_round_trip))
