/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Property table and name tests (core/props.c, props_names.c): every row of props.tsv
 * against the generated table, name resolution, type names, the stream type / codec /
 * pixel format / audio format / CICP tables, value copy and comparison, frame and sample
 * sizes. Text parsing is tested in test_props_parse.c, property maps in test_propmap.c. */
#include "harness.h"

/* ---- the built-in table against props.tsv ---- */

typedef struct TsvRow {
    char name[64], cc[8], type[16], flags[8];
} TsvRow;

static uint32_t
read_tsv(TsvRow *rows, uint32_t max)
{
    const char *path = getenv("GP_PROPS_TSV");
    FILE *f = fopen(path && *path ? path : "csrc/core/props.tsv", "r");
    char line[512];
    uint32_t nb = 0;
    if (!f)
        gp_test_fail(__FILE__, __LINE__, "cannot open props.tsv (set GP_PROPS_TSV)");
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        GP_ASSERT(nb < max);
        TsvRow *r = &rows[nb++];
        char *cols[4] = {0}, *p = line;
        for (int i = 0; i < 4; i++) {
            cols[i] = p;
            p += strcspn(p, "\t\n");
            if (*p)
                *p++ = 0;
        }
        snprintf(r->name, sizeof(r->name), "%s", cols[0]);
        snprintf(r->cc, sizeof(r->cc), "%s", cols[1]);
        snprintf(r->type, sizeof(r->type), "%s", cols[2]);
        snprintf(r->flags, sizeof(r->flags), "%s", cols[3]);
    }
    fclose(f);
    return nb;
}

static void
table_matches_tsv(void)
{
    static TsvRow rows[1024];
    uint32_t nb = read_tsv(rows, 1024);
    GP_ASSERT(nb > 300);
    GP_ASSERT_INT_EQ(gp_props_count(), nb);
    for (uint32_t i = 0; i < nb; i++) {
        const TsvRow *r = &rows[i];
        uint32_t code = GP_4CC(r->cc[0], r->cc[1], r->cc[2], r->cc[3]);
        uint32_t flags = (strchr(r->flags, 'D') ? GP_PROPINFO_DROPPABLE : 0) |
                         (strchr(r->flags, 'P') ? GP_PROPINFO_PACKET : 0);
        /* by 4CC: this row */
        const GpPropInfo *info = gp_props_find_code(code);
        if (!info || strcmp(info->name, r->name))
            gp_test_fail(__FILE__, __LINE__, "row %u %s/%s: not found by code", i, r->name, r->cc);
        GP_ASSERT_STR_EQ(gp_prop_type_name(info->type), r->type);
        GP_ASSERT_INT_EQ(gp_prop_type_parse(r->type), info->type);
        GP_ASSERT_INT_EQ(info->flags, flags);
        GP_ASSERT(gp_props_at(i) == info); /* TSV order */
        /* by name: this row, or the first row of a name listed twice */
        uint32_t first = i;
        for (uint32_t j = 0; j < i; j++)
            if (!strcmp(rows[j].name, r->name)) {
                first = j;
                break;
            }
        const GpPropInfo *byname = gp_props_find(r->name);
        if (byname != gp_props_at(first))
            gp_test_fail(__FILE__, __LINE__, "row %u %s: found as %s", i, r->name,
                         byname ? byname->name : "(null)");
        /* the 4CC string, unless it is also some property's name */
        const GpPropInfo *bycc = gp_props_find(r->cc);
        GP_ASSERT(bycc && (bycc == info || !strcmp(bycc->name, r->cc)));
    }
    GP_ASSERT(gp_props_at(nb) == NULL);
}

static void
table_lookups(void)
{
    const GpPropInfo *id = gp_props_find("ID");
    GP_ASSERT(id && id->code == GP_P_ID && id->type == GP_PROP_UINT);
    GP_ASSERT(gp_props_find("PID") == id);
    GP_ASSERT(gp_props_find("PIDI") == id);
    const GpPropInfo *w = gp_props_find("Width");
    GP_ASSERT(w && w->code == GP_P_WIDTH);
    GP_ASSERT(gp_props_find("WIDT") == w);
    GP_ASSERT(gp_props_find("PMST") == gp_props_find("StreamType"));
    GP_ASSERT(gp_props_find("width") == NULL); /* case-sensitive */
    GP_ASSERT(gp_props_find("ABCD") == NULL);
    GP_ASSERT(gp_props_find("tool") == NULL);
    GP_ASSERT(gp_props_find("") == NULL);
    GP_ASSERT(gp_props_find(NULL) == NULL);
    GP_ASSERT(gp_props_find_code(0) == NULL);
    GP_ASSERT_INT_EQ(gp_props_find("Language")->type, GP_PROP_NAME);
    GP_ASSERT(gp_props_find("SEILoaded")->code == GP_4CC('P', 'S', 'E', 'I'));
    GP_ASSERT_STR_EQ(gp_props_find_code(GP_4CC('S', 'E', 'I', 'P'))->name, "SEILoaded");
    GP_ASSERT(gp_props_find("CENC_SAI")->flags == GP_PROPINFO_PACKET);
    GP_ASSERT(gp_props_find("SenderNTP")->flags == (GP_PROPINFO_DROPPABLE | GP_PROPINFO_PACKET));
    /* every engine code is a built-in */
    static const uint32_t codes[] = {
        GP_P_ID,
        GP_P_STREAM_TYPE,
        GP_P_CODECID,
        GP_P_TIMESCALE,
        GP_P_DURATION,
        GP_P_DECODER_CONFIG,
        GP_P_SAMPLE_RATE,
        GP_P_SAMPLES_PER_FRAME,
        GP_P_NUM_CHANNELS,
        GP_P_CHANNEL_LAYOUT,
        GP_P_AUDIO_FORMAT,
        GP_P_WIDTH,
        GP_P_HEIGHT,
        GP_P_PIXFMT,
        GP_P_STRIDE,
        GP_P_STRIDE_UV,
        GP_P_FPS,
        GP_P_SAR,
        GP_P_BITRATE,
        GP_P_LANGUAGE,
        GP_P_URL,
        GP_P_FILEPATH,
        GP_P_MIME,
        GP_P_FILE_EXT,
        GP_P_FILE_NAME,
        GP_P_FILE_NUMBER,
        GP_P_DOWNLOAD_SIZE,
        GP_P_PLAYBACK_MODE,
        GP_P_NB_FRAMES,
        GP_P_UNFRAMED,
    };
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        GP_ASSERT(gp_props_find_code(codes[i]) != NULL);
}

static void
type_names(void)
{
    static const char *const names[] = {
        "sint",  "uint", "lsint", "luint", "bool", "frac", "lfrac", "flt",  "dbl",  "v2di",
        "v2d",   "v3di", "v4di",  "str",   "mem",  "cstr", "cmem",  "ptr",  "strl", "uintl",
        "sintl", "v2il", "4cc",   "4ccl",  "pfmt", "afmt", "cprm",  "ctfc", "cmxc", "alay",
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        GpPropType t = gp_prop_type_parse(names[i]);
        GP_ASSERT(t != GP_PROP_FORBIDDEN);
        GP_ASSERT_STR_EQ(gp_prop_type_name(t), names[i]);
    }
    GP_ASSERT_STR_EQ(gp_prop_type_name(GP_PROP_STRING), "str");
    GP_ASSERT_STR_EQ(gp_prop_type_name(GP_PROP_UINT), "uint");
    GP_ASSERT_STR_EQ(gp_prop_type_name(GP_PROP_LUINT), "luint");
    GP_ASSERT_STR_EQ(gp_prop_type_name(GP_PROP_VEC2I), "v2di");
    GP_ASSERT_STR_EQ(gp_prop_type_name(GP_PROP_FRACTION), "frac");
    GP_ASSERT_STR_EQ(gp_prop_type_name(GP_PROP_STRING_NO_COPY), "cstr");
    GP_ASSERT_STR_EQ(gp_prop_type_name(GP_PROP_DATA_NO_COPY), "cmem");
    GP_ASSERT_INT_EQ(gp_prop_type_parse("str"), GP_PROP_STRING);
    GP_ASSERT_INT_EQ(gp_prop_type_parse("cstr"), GP_PROP_NAME);
    GP_ASSERT_INT_EQ(gp_prop_type_parse("mem"), GP_PROP_DATA);
    GP_ASSERT_INT_EQ(gp_prop_type_parse("cmem"), GP_PROP_CONST_DATA);
    GP_ASSERT_INT_EQ(gp_prop_type_parse("strl"), GP_PROP_STRING_LIST);
    GP_ASSERT_INT_EQ(gp_prop_type_parse("nope"), GP_PROP_FORBIDDEN);
    GP_ASSERT_INT_EQ(gp_prop_type_parse("forbidden"), GP_PROP_FORBIDDEN);
    GP_ASSERT_INT_EQ(gp_prop_type_parse(NULL), GP_PROP_FORBIDDEN);
    GP_ASSERT_STR_EQ(gp_prop_type_name(GP_PROP_FORBIDDEN), "forbidden");
    GP_ASSERT_STR_EQ(gp_prop_type_name((GpPropType)99), "forbidden");
}

/* ---- name tables ---- */

static void
stream_type_names(void)
{
    static const struct {
        uint32_t v;
        const char *name, *sname;
    } st[] = {
        {0x00, "Unknown", "unknown"},
        {0x01, "ObjectDescriptor", "od"},
        {0x02, "ClockReference", "ocr"},
        {0x03, "SceneDescription", "scene"},
        {0x04, "Visual", "video"},
        {0x05, "Audio", "audio"},
        {0x06, "MPEG7", "mpeg7"},
        {0x07, "IPMP", "ipmp"},
        {0x08, "OCI", "oci"},
        {0x09, "MPEGJ", "mpegj"},
        {0x0A, "Interaction", "interact"},
        {0x0C, "Font", "font"},
        {0x0D, "Text", "text"},
        {0x21, "Metadata", "meta"},
        {0xE0, "Encrypted", "crypt"},
        {0xE1, "File", "file"},
    };
    uint32_t v;
    for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
        GP_ASSERT_STR_EQ(gp_stream_type_name(st[i].v), st[i].name);
        v = 999;
        GP_ASSERT_OK(gp_stream_type_parse(st[i].name, &v));
        GP_ASSERT_INT_EQ(v, st[i].v);
        v = 999;
        GP_ASSERT_OK(gp_stream_type_parse(st[i].sname, &v));
        GP_ASSERT_INT_EQ(v, st[i].v);
    }
    const char *visual[] = {"Visual", "Video", "video", "VISUAL", "visual", "VIDEO", "4"};
    for (size_t i = 0; i < sizeof(visual) / sizeof(visual[0]); i++) {
        v = 0;
        GP_ASSERT_OK(gp_stream_type_parse(visual[i], &v));
        GP_ASSERT_INT_EQ(v, GP_STREAM_VISUAL);
    }
    GP_ASSERT_STR_EQ(gp_stream_type_name(0x0B), "Unknown");
    GP_ASSERT_STR_EQ(gp_stream_type_name(0x38), "Unknown");
    GP_ASSERT_INT_EQ(gp_stream_type_parse("nope", &v), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_stream_type_parse("", &v), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_stream_type_parse(NULL, &v), GP_BAD_PARAM);
}

static void
codec_names(void)
{
    static const struct {
        const char *text;
        uint32_t id;
        const char *name;
    } c[] = {
        {"264", GP_CODEC_AVC, "264"},
        {"avc", GP_CODEC_AVC, "264"},
        {"h264", GP_CODEC_AVC, "264"},
        {"AVC", GP_CODEC_AVC, "264"},
        {"hvc", GP_CODEC_HEVC, "hvc"},
        {"hevc", GP_CODEC_HEVC, "hvc"},
        {"h265", GP_CODEC_HEVC, "hvc"},
        {"cmp", GP_CODEC_MPEG4_PART2, "cmp"},
        {"m4v", GP_CODEC_MPEG4_PART2, "cmp"},
        {"aac", GP_CODEC_AAC_MPEG4, "aac"},
        {"aac2l", 0x67, "aac"},
        {"mp3", GP_CODEC_MP3, "mp3"},
        {"m1a", GP_CODEC_MP3, "mp3"},
        {"m2v", GP_CODEC_MPEG2_MAIN, "m2v"},
        {"m2vs", 0x60, "m2vs"},
        {"m1v", GP_CODEC_MPEG1, "m1v"},
        {"jpg", GP_CODEC_JPEG, "jpg"},
        {"jpeg", GP_CODEC_JPEG, "jpg"},
        {"png", GP_CODEC_PNG, "png"},
        {"av1", GP_CODEC_AV1, "av1"},
        {"obu", GP_CODEC_AV1, "av1"},
        {"vp8", GP_CODEC_VP8, "vp8"},
        {"vp9", GP_CODEC_VP9, "vp9"},
        {"opus", GP_CODEC_OPUS, "opus"},
        {"flac", GP_CODEC_FLAC, "flac"},
        {"ac3", GP_CODEC_AC3, "ac3"},
        {"vorbis", GP_4CC('v', 'o', 'r', 'b'), "vorb"},
        {"vvc", GP_4CC('v', 'v', 'c', ' '), "vvc"},
        {"266", GP_4CC('v', 'v', 'c', ' '), "vvc"},
        {"amrwb", GP_4CC('s', 'a', 'w', 'b'), "amr"},
        {"prores", GP_4CC('a', 'p', 'c', 'h'), "prores"},
        {"raw", GP_CODEC_RAW, "raw"},
        {"Raw", GP_CODEC_RAW, "raw"},
        {"vtt", GP_4CC('w', 'v', 't', 't'), "vtt"},
        {"bifs", 0x01, "bifs"},
        {"od", 0x01, "bifs"},
        {"1952669505", GP_4CC('t', 'c', '_', 'A'), "raw"},
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        uint32_t v = 0;
        if (gp_codec_parse(c[i].text, &v) != GP_OK || v != c[i].id)
            gp_test_fail(__FILE__, __LINE__, "codec '%s': 0x%x", c[i].text, v);
        GP_ASSERT_STR_EQ(gp_codec_name(c[i].id), c[i].name);
    }
    uint32_t v;
    GP_ASSERT_INT_EQ(gp_codec_parse("nope", &v), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_codec_parse("", &v), GP_BAD_PARAM);
    GP_ASSERT_STR_EQ(gp_codec_name(0), "raw");
    GP_ASSERT_STR_EQ(gp_codec_name(0xDEADBEEF), "raw");
}

/* API.md 3.6, kept here as a second copy on purpose */
static const struct {
    const char *cc, *name, *sname;
} pixfmts[] = {
    {"YU12", "yuv420", "yuv"},     {"YV12", "yvu420", "yvu"},     {"Y010", "yuv420_10", "yuvl"},
    {"Y442", "yuv422", "yuv2"},    {"Y210", "yuv422_10", "yp2l"}, {"Y444", "yuv444", "yuv4"},
    {"Y410", "yuv444_10", "yp4l"}, {"UYVY", "uyvy", "uyvy"},      {"VYUY", "vyuy", "vyuy"},
    {"YUYV", "yuyv", "yuyv"},      {"YVYU", "yvyu", "yvyu"},      {"UYVL", "uyvl", "uyvl"},
    {"VYUL", "vyul", "vyul"},      {"YUYL", "yuyl", "yuyl"},      {"YVYL", "yvyl", "yvyl"},
    {"NV12", "nv12", "nv12"},      {"NV21", "nv21", "nv21"},      {"N120", "nv1l", "nv1l"},
    {"N210", "nv2l", "nv2l"},      {"YUVA", "yuva", "yuva"},      {"YUVD", "yuvd", "yuvd"},
    {"YA44", "yuv444a", "yp4a"},   {"YUV4", "yuv444p", "yv4p"},   {"VYU4", "v308", "v308"},
    {"YA4p", "yuv444ap", "y4ap"},  {"UYVA", "v408", "v408"},      {"Y41p", "v410", "v410"},
    {"v210", "v210", "v210"},      {"GREY", "grey", "grey"},      {"GRAL", "algr", "algr"},
    {"ALGR", "gral", "gral"},      {"R332", "rgb8", "rgb8"},      {"R444", "rgb4", "rgb4"},
    {"R555", "rgb5", "rgb5"},      {"R565", "rgb6", "rgb6"},      {"RGBA", "rgba", "rgba"},
    {"ARGB", "argb", "argb"},      {"BGRA", "bgra", "bgra"},      {"ABGR", "abgr", "abgr"},
    {"RGB3", "rgb", "rgb"},        {"BGR3", "bgr", "bgr"},        {"RGBX", "xrgb", "xrgb"},
    {"RGB4", "rgbx", "rgbx"},      {"BGRX", "xbgr", "xbgr"},      {"BGR4", "bgrx", "bgrx"},
    {"RGBD", "rgbd", "rgbd"},      {"3CDS", "rgbds", "rgbds"},    {"EXGL", "extgl", "extgl"},
    {"uncv", "uncv", "uncv"},
};

static void
pixfmt_names(void)
{
    for (size_t i = 0; i < sizeof(pixfmts) / sizeof(pixfmts[0]); i++) {
        const char *cc = pixfmts[i].cc;
        uint32_t code = GP_4CC(cc[0], cc[1], cc[2], cc[3]), v = 0;
        GP_ASSERT_STR_EQ(gp_pixfmt_long_name(code), pixfmts[i].name);
        GP_ASSERT_STR_EQ(gp_pixfmt_name(code), pixfmts[i].sname);
        GP_ASSERT_OK(gp_pixfmt_parse(pixfmts[i].name, &v));
        GP_ASSERT_U64_EQ(v, code);
        v = 0;
        GP_ASSERT_OK(gp_pixfmt_parse(pixfmts[i].sname, &v));
        GP_ASSERT_U64_EQ(v, code);
        /* a PIXFMT value prints as its long name and reads back */
        char buf[32];
        GpPropValue pf = {GP_PROP_PIXFMT, {.uint = code}}, back;
        GP_ASSERT_STR_EQ(gp_prop_dump(&pf, buf, sizeof(buf)), pixfmts[i].name);
        GP_ASSERT_OK(gp_prop_parse(GP_PROP_PIXFMT, buf, NULL, &back));
        GP_ASSERT(gp_prop_value_equal(&pf, &back));
    }
    uint32_t v = 1;
    GP_ASSERT_OK(gp_pixfmt_parse("YUV420", &v));
    GP_ASSERT_U64_EQ(v, GP_PIXFMT_YUV420);
    GP_ASSERT_OK(gp_pixfmt_parse("NV12", &v));
    GP_ASSERT_U64_EQ(v, GP_PIXFMT_NV12);
    GP_ASSERT_OK(gp_pixfmt_parse("none", &v));
    GP_ASSERT_INT_EQ(v, 0);
    GP_ASSERT_INT_EQ(gp_pixfmt_parse("bogus", &v), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_pixfmt_parse(NULL, &v), GP_BAD_PARAM);
    GP_ASSERT(gp_pixfmt_name(0) == NULL && gp_pixfmt_long_name(1234) == NULL);
}

static void
audio_fmt_names(void)
{
    static const struct {
        uint32_t v;
        const char *name, *sname;
        uint32_t bytes;
        bool planar;
    } a[] = {
        {GP_AFMT_U8, "u8", "pc8", 1, false},        {GP_AFMT_S16, "s16", "pcm", 2, false},
        {GP_AFMT_S16_BE, "s16b", "pcmb", 2, false}, {GP_AFMT_S24, "s24", "s24", 3, false},
        {GP_AFMT_S24_BE, "s24b", "s24b", 3, false}, {GP_AFMT_S32, "s32", "s32", 4, false},
        {GP_AFMT_S32_BE, "s32b", "s32b", 4, false}, {GP_AFMT_FLT, "flt", "flt", 4, false},
        {GP_AFMT_FLT_BE, "fltb", "fltb", 4, false}, {GP_AFMT_DBL, "dbl", "dbl", 8, false},
        {GP_AFMT_DBL_BE, "dblb", "dblb", 8, false}, {GP_AFMT_U8P, "u8p", "pc8p", 1, true},
        {GP_AFMT_S16P, "s16p", "pcmp", 2, true},    {GP_AFMT_S24P, "s24p", "s24p", 3, true},
        {GP_AFMT_S32P, "s32p", "s32p", 4, true},    {GP_AFMT_FLTP, "fltp", "fltp", 4, true},
        {GP_AFMT_DBLP, "dblp", "dblp", 8, true},
    };
    for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
        uint32_t v = 0;
        bool planar = !a[i].planar;
        GP_ASSERT_STR_EQ(gp_audio_fmt_long_name(a[i].v), a[i].name);
        GP_ASSERT_STR_EQ(gp_audio_fmt_name(a[i].v), a[i].sname);
        GP_ASSERT_OK(gp_audio_fmt_parse(a[i].name, &v));
        GP_ASSERT_INT_EQ(v, a[i].v);
        v = 0;
        GP_ASSERT_OK(gp_audio_fmt_parse(a[i].sname, &v));
        GP_ASSERT_INT_EQ(v, a[i].v);
        GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(a[i].v, &planar), a[i].bytes);
        GP_ASSERT(planar == a[i].planar);
    }
    uint32_t v = 1;
    bool planar = true;
    GP_ASSERT_OK(gp_audio_fmt_parse("none", &v));
    GP_ASSERT_INT_EQ(v, 0);
    GP_ASSERT_OK(gp_audio_fmt_parse("PCM", &v));
    GP_ASSERT_INT_EQ(v, GP_AFMT_S16);
    GP_ASSERT_INT_EQ(gp_audio_fmt_parse("s64", &v), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(0, &planar), 0);
    GP_ASSERT(!planar);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(GP_AFMT_S16, NULL), 2);
    GP_ASSERT(gp_audio_fmt_name(12) == NULL && gp_audio_fmt_long_name(0) == NULL);
}

static void
cicp_names(void)
{
    static const struct {
        GpPropType t;
        uint32_t v;
        const char *name;
    } c[] = {
        {GP_PROP_CICP_COL_PRIM, 1, "BT709"},     {GP_PROP_CICP_COL_PRIM, 9, "BT2020"},
        {GP_PROP_CICP_COL_PRIM, 22, "EBU3213"},  {GP_PROP_CICP_COL_PRIM, 2, "undef"},
        {GP_PROP_CICP_COL_TFC, 1, "BT709"},      {GP_PROP_CICP_COL_TFC, 13, "sRGB"},
        {GP_PROP_CICP_COL_TFC, 16, "SMPTE2084"}, {GP_PROP_CICP_COL_TFC, 18, "STDB67"},
        {GP_PROP_CICP_COL_MX, 0, "GBR"},         {GP_PROP_CICP_COL_MX, 5, "BT601"},
        {GP_PROP_CICP_COL_MX, 10, "BT2020cl"},   {GP_PROP_CICP_COL_MX, 11, "YDzDx"},
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        uint32_t v = 999;
        GP_ASSERT_STR_EQ(gp_cicp_name(c[i].t, c[i].v), c[i].name);
        GP_ASSERT_OK(gp_cicp_parse(c[i].t, c[i].name, &v));
        GP_ASSERT_INT_EQ(v, c[i].v);
    }
    uint32_t v = 0;
    GP_ASSERT_OK(gp_cicp_parse(GP_PROP_CICP_COL_MX, "bt709", &v));
    GP_ASSERT_INT_EQ(v, 1);
    GP_ASSERT_OK(gp_cicp_parse(GP_PROP_CICP_LAYOUT, "3", &v));
    GP_ASSERT_INT_EQ(v, 3);
    GP_ASSERT(gp_cicp_name(GP_PROP_CICP_COL_PRIM, 15) == NULL);
    GP_ASSERT(gp_cicp_name(GP_PROP_CICP_COL_MX, 3) == NULL);
    GP_ASSERT(gp_cicp_name(GP_PROP_CICP_COL_TFC, 200) == NULL);
    GP_ASSERT(gp_cicp_name(GP_PROP_UINT, 1) == NULL);
    GP_ASSERT_INT_EQ(gp_cicp_parse(GP_PROP_CICP_COL_PRIM, "nope", &v), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(gp_cicp_parse(GP_PROP_UINT, "1", &v), GP_BAD_PARAM);
}

/* ---- values ---- */

static void
value_copy_equal(void)
{
    char text[] = "abc";
    GpPropValue src = gp_pv_string(text), dst;
    GP_ASSERT_OK(gp_prop_value_copy(&dst, &src));
    GP_ASSERT(dst.value.string != text && gp_prop_value_equal(&src, &dst));
    text[0] = 'x';
    GP_ASSERT(!gp_prop_value_equal(&src, &dst));
    gp_prop_value_reset(&dst);
    GP_ASSERT(dst.type == GP_PROP_FORBIDDEN && dst.value.string == NULL);

    /* borrowed variants become owned types and compare equal to them */
    GpPropValue name = gp_test_pv(GP_PROP_NAME);
    name.value.string = "fr";
    GP_ASSERT_OK(gp_prop_value_copy(&dst, &name));
    GP_ASSERT_INT_EQ(dst.type, GP_PROP_STRING);
    GP_ASSERT(gp_prop_value_equal(&dst, &name));
    gp_prop_value_reset(&dst);
    GpPropValue cdata = gp_test_pv(GP_PROP_DATA_NO_COPY);
    cdata.value.data.ptr = (uint8_t *)"xyz";
    cdata.value.data.size = 3;
    GP_ASSERT_OK(gp_prop_value_copy(&dst, &cdata));
    GP_ASSERT(dst.type == GP_PROP_DATA && dst.value.data.ptr != cdata.value.data.ptr);
    GP_ASSERT(gp_prop_value_equal(&dst, &cdata));
    gp_prop_value_reset(&dst);

    char *strs[] = {"a", "b"};
    GpPropValue l = gp_test_pv(GP_PROP_STRING_LIST_COPY);
    l.value.string_list.vals = strs;
    l.value.string_list.nb = 2;
    GP_ASSERT_OK(gp_prop_value_copy(&dst, &l));
    GP_ASSERT(dst.type == GP_PROP_STRING_LIST && dst.value.string_list.vals != strs);
    GP_ASSERT(gp_prop_value_equal(&dst, &l));
    gp_prop_value_reset(&dst);
    uint32_t u[] = {1, 2};
    GpPropValue ul = gp_test_pv(GP_PROP_UINT_LIST);
    ul.value.uint_list.vals = u;
    ul.value.uint_list.nb = 2;
    GP_ASSERT_OK(gp_prop_value_copy(&dst, &ul));
    GP_ASSERT(dst.value.uint_list.vals != u && gp_prop_value_equal(&dst, &ul));
    dst.value.uint_list.vals[1] = 3;
    GP_ASSERT(!gp_prop_value_equal(&dst, &ul));
    gp_prop_value_reset(&dst);

    /* type and content both count */
    GpPropValue a = gp_pv_uint(1), b = gp_pv_sint(1), c = gp_pv_4cc(1);
    GP_ASSERT(!gp_prop_value_equal(&a, &b) && !gp_prop_value_equal(&a, &c));
    b = gp_pv_uint(2);
    GP_ASSERT(!gp_prop_value_equal(&a, &b));
    a = gp_pv_frac(1, 2);
    b = gp_pv_frac(2, 4);
    GP_ASSERT(!gp_prop_value_equal(&a, &b)); /* not reduced */
    GP_ASSERT(gp_prop_value_equal(NULL, NULL) && !gp_prop_value_equal(&a, NULL));
    /* scalars copy as they are */
    a = gp_pv_frac64(5, 7);
    GP_ASSERT_OK(gp_prop_value_copy(&dst, &a));
    GP_ASSERT(gp_prop_value_equal(&dst, &a));
    gp_prop_value_reset(&dst);
    gp_prop_value_reset(NULL);

    /* a size or count without its array is refused, never read */
    GpPropValue bad = gp_pv_data(NULL, 4);
    GP_ASSERT_INT_EQ(gp_prop_value_copy(&dst, &bad), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(dst.type, GP_PROP_FORBIDDEN);
    bad = gp_test_pv(GP_PROP_UINT_LIST);
    bad.value.uint_list.nb = 2;
    GP_ASSERT_INT_EQ(gp_prop_value_copy(&dst, &bad), GP_BAD_PARAM);
    bad = gp_pv_data(NULL, 0); /* empty data is fine */
    GP_ASSERT_OK(gp_prop_value_copy(&dst, &bad));
    GP_ASSERT(dst.type == GP_PROP_DATA && !dst.value.data.ptr && !dst.value.data.size);
}

/* ---- sizes ---- */

static void
frame_sizes(void)
{
    static const struct {
        uint32_t pfmt, w, h, size, stride, stride_uv;
    } f[] = {
        {GP_PIXFMT_YUV420, 640, 480, 460800, 640, 320},
        {GP_PIXFMT_YUV420, 3, 3, 17, 3, 2}, /* Y 9 + U 4 + V 4 */
        {GP_PIXFMT_YUV420, 1, 1, 3, 1, 1},
        {GP_PIXFMT_YUV420_10, 3, 3, 34, 6, 4},
        {GP_PIXFMT_YUV422, 4, 2, 16, 4, 2},
        {GP_PIXFMT_YUV422, 3, 3, 21, 3, 2},
        {GP_PIXFMT_YUV444, 3, 3, 27, 3, 3},
        {GP_PIXFMT_NV12, 640, 480, 460800, 640, 640},
        {GP_PIXFMT_NV12, 3, 3, 17, 3, 4}, /* Y 9 + UV 4x2 */
        {GP_PIXFMT_GREY, 3, 3, 9, 3, 0},
        {GP_PIXFMT_RGB, 3, 3, 27, 9, 0},
        {GP_PIXFMT_BGR, 640, 480, 921600, 1920, 0},
        {GP_PIXFMT_RGBA, 640, 480, 1228800, 2560, 0},
        {GP_PIXFMT_BGRA, 3, 1, 12, 12, 0},
        {GP_4CC('Y', 'U', 'Y', 'V'), 3, 2, 16, 8, 0}, /* odd width rounds up to a pair */
        {GP_4CC('U', 'Y', 'V', 'Y'), 4, 2, 16, 8, 0},
        {GP_4CC('Y', 'U', 'V', 'A'), 2, 2, 10, 2, 1},
        {GP_4CC('N', '1', '2', '0'), 2, 2, 12, 4, 4}, /* Y 4x2 + UV 4x1 */
        {GP_4CC('v', '2', '1', '0'), 48, 2, 256, 128, 0},
        {GP_4CC('R', '5', '6', '5'), 2, 2, 8, 4, 0},
    };
    for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        uint32_t stride = 99, stride_uv = 99;
        uint32_t size = gp_pixfmt_frame_size(f[i].pfmt, f[i].w, f[i].h, &stride, &stride_uv);
        if (size != f[i].size || stride != f[i].stride || stride_uv != f[i].stride_uv)
            gp_test_fail(__FILE__, __LINE__, "%s %ux%u: size %u stride %u/%u",
                         gp_pixfmt_long_name(f[i].pfmt), f[i].w, f[i].h, size, stride, stride_uv);
    }
    uint32_t stride = 99, stride_uv = 99;
    GP_ASSERT_INT_EQ(gp_pixfmt_frame_size(1234, 10, 10, &stride, &stride_uv), 0);
    GP_ASSERT(stride == 0 && stride_uv == 0);
    GP_ASSERT_INT_EQ(gp_pixfmt_frame_size(GP_4CC('E', 'X', 'G', 'L'), 10, 10, NULL, NULL), 0);
    GP_ASSERT_INT_EQ(gp_pixfmt_frame_size(GP_PIXFMT_RGB, 2, 2, NULL, NULL), 12);
    /* every named format with a CPU layout has a size */
    for (size_t i = 0; i < sizeof(pixfmts) / sizeof(pixfmts[0]); i++) {
        const char *cc = pixfmts[i].cc;
        uint32_t size =
            gp_pixfmt_frame_size(GP_4CC(cc[0], cc[1], cc[2], cc[3]), 16, 16, NULL, NULL);
        GP_ASSERT((size == 0) == (!strcmp(cc, "EXGL") || !strcmp(cc, "uncv")));
    }
    /* too large for 32 bits */
    GP_ASSERT_INT_EQ(gp_pixfmt_frame_size(GP_PIXFMT_RGBA, 65536, 65536, NULL, NULL), 0);
}

/* Plane geometry agrees with the frame size for every format. */
static void
pixfmt_planes(void)
{
    static const struct {
        uint32_t pfmt, w, h, nb, line[4], lines[4];
    } f[] = {
        {GP_PIXFMT_YUV420, 3, 3, 3, {3, 2, 2}, {3, 2, 2}},
        {GP_PIXFMT_YUV420_10, 4, 2, 3, {8, 4, 4}, {2, 1, 1}},
        {GP_PIXFMT_YUV422, 4, 3, 3, {4, 2, 2}, {3, 3, 3}},
        {GP_PIXFMT_NV12, 3, 3, 2, {3, 4}, {3, 2}},
        {GP_PIXFMT_RGB, 3, 2, 1, {9}, {2}},
        {GP_4CC('Y', 'U', 'V', 'A'), 2, 2, 4, {2, 1, 1, 2}, {2, 1, 1, 2}},
    };
    for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        uint32_t line[4] = {0}, lines[4] = {0};
        GP_ASSERT_INT_EQ(gp_pixfmt_planes(f[i].pfmt, f[i].w, f[i].h, line, lines), f[i].nb);
        for (uint32_t k = 0; k < f[i].nb; k++) {
            GP_ASSERT_INT_EQ(line[k], f[i].line[k]);
            GP_ASSERT_INT_EQ(lines[k], f[i].lines[k]);
        }
    }
    for (size_t i = 0; i < sizeof(pixfmts) / sizeof(pixfmts[0]); i++) {
        const char *cc = pixfmts[i].cc;
        uint32_t pf = GP_4CC(cc[0], cc[1], cc[2], cc[3]), line[4], lines[4], sum = 0;
        uint32_t nb = gp_pixfmt_planes(pf, 17, 9, line, lines);
        for (uint32_t k = 0; k < nb; k++)
            sum += line[k] * lines[k];
        GP_ASSERT_INT_EQ(sum, gp_pixfmt_frame_size(pf, 17, 9, NULL, NULL));
    }
    uint32_t line[4], lines[4];
    GP_ASSERT_INT_EQ(gp_pixfmt_planes(1234, 4, 4, line, lines), 0);
}

static void
sample_sizes(void)
{
    bool planar = true;
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(GP_AFMT_U8, &planar), 1);
    GP_ASSERT(!planar);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(GP_AFMT_S16, &planar), 2);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(GP_AFMT_S24, &planar), 3);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(GP_AFMT_S32, &planar), 4);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(GP_AFMT_FLT, &planar), 4);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(GP_AFMT_DBL, &planar), 8);
    GP_ASSERT(!planar);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(GP_AFMT_FLTP, &planar), 4);
    GP_ASSERT(planar);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(GP_AFMT_S16P, &planar), 2);
    GP_ASSERT(planar);
    GP_ASSERT_INT_EQ(gp_audio_fmt_bytes(99, &planar), 0);
    GP_ASSERT(!planar);
}
GP_TEST_MAIN(GP_CASE(table_matches_tsv), GP_CASE(table_lookups), GP_CASE(type_names),
             GP_CASE(stream_type_names), GP_CASE(codec_names), GP_CASE(pixfmt_names),
             GP_CASE(audio_fmt_names), GP_CASE(cicp_names), GP_CASE(value_copy_equal),
             GP_CASE(frame_sizes), GP_CASE(pixfmt_planes), GP_CASE(sample_sizes))
