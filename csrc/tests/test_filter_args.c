/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Filter argument tests (core/filter_args.c): declaration splitting in name and URL modes
 * (ports, IPv6, user:pass@, drive letters, gfio, :gpac:, local files with ':' in their
 * name), doubled separators, and applying options to a context of every type: defaults,
 * units, enums, ranges, booleans, common options, "#Prop" entries, errors, help text. */
#include <sys/stat.h>
#include <unistd.h>

#include "filter_args.h"
#include "harness.h"

/* ---- a test class with one option of each kind ---- */

typedef struct TaCtx {
    int32_t sint;
    uint32_t uint;
    int64_t lsint;
    uint64_t luint;
    bool flag, on;
    GpFrac frac;
    GpFrac64 frac64;
    float flt;
    double dbl;
    GpVec2i size;
    char *str, *nodef, *src;
    uint32_t fourcc, mode, disp, pct, pfmt;
    GpPropValue list, ulist;
} TaCtx;

static const GpArg ta_args[] = {
    GP_ARG(TaCtx, sint, GP_PROP_SINT, "-3", "-10-10", "signed"),
    GP_ARG(TaCtx, uint, GP_PROP_UINT, "7", NULL, "unsigned"),
    GP_ARG(TaCtx, lsint, GP_PROP_LSINT, "-5000000000", NULL, "long signed"),
    GP_ARG(TaCtx, luint, GP_PROP_LUINT, "10000000000", NULL, "long unsigned"),
    GP_ARG(TaCtx, flag, GP_PROP_BOOL, "false", NULL, "a flag"),
    GP_ARG(TaCtx, on, GP_PROP_BOOL, "true", NULL, "on by default"),
    GP_ARG(TaCtx, frac, GP_PROP_FRACTION, "25/1", NULL, "a fraction"),
    GP_ARG(TaCtx, frac64, GP_PROP_FRACTION64, "1/1000", NULL, "a long fraction"),
    GP_ARG(TaCtx, flt, GP_PROP_FLOAT, "0.5", "0-1", "a float"),
    GP_ARG(TaCtx, dbl, GP_PROP_DOUBLE, "2.25", NULL, "a double"),
    GP_ARG(TaCtx, size, GP_PROP_VEC2I, "320x240", NULL, "a size"),
    GP_ARG(TaCtx, str, GP_PROP_STRING, "hello", NULL, "a string"),
    GP_ARG(TaCtx, nodef, GP_PROP_STRING, NULL, NULL, "no default"),
    GP_ARG(TaCtx, fourcc, GP_PROP_4CC, "avc1", NULL, "a 4CC"),
    GP_ARG(TaCtx, mode, GP_PROP_UINT, "pck", "pck|blk|frame", "an enum"),
    GP_ARG(TaCtx, disp, GP_PROP_UINT, "gl", "gl|pbo|tx|blk", "another enum"),
    GP_ARG(TaCtx, pct, GP_PROP_UINT, "50", "0-100", "a percentage"),
    GP_ARG(TaCtx, pfmt, GP_PROP_PIXFMT, "yuv420", NULL, "a pixel format"),
    GP_ARG(TaCtx, list, GP_PROP_STRING_LIST, "a,b", NULL, "a list"),
    GP_ARG(TaCtx, ulist, GP_PROP_UINT_LIST, NULL, NULL, "an unsigned list"),
    GP_ARGF(TaCtx, src, GP_PROP_STRING, NULL, NULL, "hidden", GP_ARG_HINT_HIDE),
};

static const GpFilterClass ta_class = {
    .name = "targs",
    .help = GP_HELP("Test options. Example: gpac targs:uint=3"),
    .priv_size = sizeof(TaCtx),
    GP_ARGS(ta_args),
};

/* ---- helpers ---- */

static GpArgList
split_ok(const char *desc, GpArgsMode mode)
{
    GpArgList l;
    char err[256];
    GpErr e = gp_args_split(desc, mode, &l, err, sizeof(err));
    if (e != GP_OK)
        gp_test_fail(__FILE__, __LINE__, "split '%s': %s (%s)", desc, gp_err_name(e), err);
    return l;
}

static void
split_bad(const char *desc, GpArgsMode mode, const char *reason_part)
{
    GpArgList l;
    char err[256] = "";
    GP_ASSERT_INT_EQ(gp_args_split(desc, mode, &l, err, sizeof(err)), GP_BAD_PARAM);
    GP_ASSERT(l.head == NULL && l.nb == 0);
    if (!strstr(err, reason_part))
        gp_test_fail(__FILE__, __LINE__, "split '%s': reason '%s' lacks '%s'", desc, err,
                     reason_part);
}

/* Splits desc and checks head and "name=value" / "name" / "!name" items. */
static void
check_split(const char *desc, GpArgsMode mode, const char *head, unsigned nb,
            const char *const *items)
{
    GpArgList l = split_ok(desc, mode);
    GP_ASSERT_STR_EQ(l.head, head);
    if (l.nb != nb)
        gp_test_fail(__FILE__, __LINE__, "split '%s': %u items, expected %u", desc, l.nb, nb);
    for (unsigned i = 0; i < nb; i++) {
        char buf[512];
        snprintf(buf, sizeof(buf), "%s%s%s%s", l.items[i].negated ? "!" : "",
                 l.items[i].name, l.items[i].value ? "=" : "",
                 l.items[i].value ? l.items[i].value : "");
        if (strcmp(buf, items[i]))
            gp_test_fail(__FILE__, __LINE__, "split '%s': item %u is '%s', expected '%s'",
                         desc, i, buf, items[i]);
    }
    gp_args_list_free(&l);
}

#define ITEMS(...) ((const char *const[]){__VA_ARGS__})
#define CHECK(desc, mode, head, n, ...) check_split((desc), (mode), (head), (n), ITEMS(__VA_ARGS__))
#define CHECK0(desc, mode, head) check_split((desc), (mode), (head), 0, NULL)

/* Applies desc (name mode) to a fresh context; returns the error, reason in err. */
static GpErr
apply(const char *desc, TaCtx *ctx, GpFilterCommon *c, char *err, size_t errsize)
{
    GpArgList l = split_ok(desc, GP_ARGS_NAME);
    memset(ctx, 0, sizeof(*ctx));
    memset(c, 0, sizeof(*c));
    c->clone = -1;
    GpErr e = gp_args_apply(&ta_class, ctx, &l, c, err, errsize);
    gp_args_list_free(&l);
    return e;
}

static void
release(TaCtx *ctx, GpFilterCommon *c)
{
    gp_args_free(&ta_class, ctx);
    gp_args_common_free(c);
    GP_ASSERT(ctx->str == NULL && ctx->nodef == NULL && ctx->src == NULL);
    GP_ASSERT_INT_EQ(ctx->list.type, GP_PROP_FORBIDDEN);
}

static void
apply_ok(const char *desc, TaCtx *ctx, GpFilterCommon *c)
{
    char err[256] = "";
    GpErr e = apply(desc, ctx, c, err, sizeof(err));
    if (e != GP_OK)
        gp_test_fail(__FILE__, __LINE__, "apply '%s': %s (%s)", desc, gp_err_name(e), err);
}

/* apply must fail with exactly this reason. */
static void
apply_bad(const char *desc, const char *reason)
{
    TaCtx ctx;
    GpFilterCommon c;
    char err[256] = "";
    GP_ASSERT_INT_EQ(apply(desc, &ctx, &c, err, sizeof(err)), GP_BAD_PARAM);
    release(&ctx, &c);
    if (strcmp(err, reason))
        gp_test_fail(__FILE__, __LINE__, "apply '%s': reason '%s', expected '%s'", desc,
                     err, reason);
}

static char tmp_dir[64];

static void
make_tmp_dir(void)
{
    snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/gp_targs_XXXXXX");
    GP_ASSERT(mkdtemp(tmp_dir) != NULL);
}

static void
touch(const char *path)
{
    FILE *f = fopen(path, "wb");
    GP_ASSERT(f != NULL);
    fclose(f);
}

/* ---- splitting: names ---- */

static void
split_name_basic(void)
{
    CHECK("inspect:deep:!interleave:log=out.txt:#Lang=fr", GP_ARGS_NAME, "inspect", 4,
          "deep", "!interleave", "log=out.txt", "#Lang=fr");
    CHECK0("avgen", GP_ARGS_NAME, "avgen");
    CHECK0("avgen:", GP_ARGS_NAME, "avgen");
    CHECK("avgen:a=1:", GP_ARGS_NAME, "avgen", 1, "a=1");
    CHECK("f:a=:b", GP_ARGS_NAME, "f", 2, "a=", "b");
    CHECK("f:x=a=b", GP_ARGS_NAME, "f", 1, "x=a=b");
    CHECK("f:SID=1#PID=2:#P=(Width+1280)HD,()SD", GP_ARGS_NAME, "f", 2, "SID=1#PID=2",
          "#P=(Width+1280)HD,()SD");
    /* the head of a name declaration is never a URL */
    CHECK("http://host:80", GP_ARGS_NAME, "http", 2, "//host", "80");
}

static void
split_double_separator(void)
{
    CHECK("f::a=foo:b=bar", GP_ARGS_NAME, "f", 1, "a=foo:b=bar");
    CHECK("f:a=foo::b=bar:c::d=fun", GP_ARGS_NAME, "f", 3, "a=foo", "b=bar:c", "d=fun");
    CHECK("f:a=1::b=x:y", GP_ARGS_NAME, "f", 2, "a=1", "b=x:y");
    CHECK("f:a=1::", GP_ARGS_NAME, "f", 1, "a=1");
    CHECK("f::opt", GP_ARGS_NAME, "f", 1, "opt");
    CHECK("in.mp4::opt=a:b", GP_ARGS_DST_URL, "in.mp4", 1, "opt=a:b");
}

static void
split_errors(void)
{
    char err[64];
    GpArgList l;
    GP_ASSERT_INT_EQ(gp_args_split(NULL, GP_ARGS_NAME, &l, err, sizeof(err)), GP_BAD_PARAM);
    split_bad("", GP_ARGS_NAME, "empty filter name");
    split_bad(":a=1", GP_ARGS_NAME, "empty filter name");
    split_bad("", GP_ARGS_SRC_URL, "empty URL");
    split_bad(":gpac:a=1", GP_ARGS_SRC_URL, "empty URL");
    split_bad("f:=3", GP_ARGS_NAME, "empty option name in '=3'");
    split_bad("f:a=1:!", GP_ARGS_NAME, "empty option name");
    split_bad("f:#=1", GP_ARGS_NAME, "empty option name");
    split_bad("f::=x", GP_ARGS_NAME, "empty option name");
    split_bad("http://[::1:80/a", GP_ARGS_SRC_URL, "unterminated '['");
    split_bad("f:src=http://[::1/a", GP_ARGS_NAME, "unterminated '['");
    /* no errbuf at all */
    GP_ASSERT_INT_EQ(gp_args_split("f:=1", GP_ARGS_NAME, &l, NULL, 0), GP_BAD_PARAM);
}

/* ---- splitting: URLs ---- */

static void
split_url_remote(void)
{
    const GpArgsMode m = GP_ARGS_SRC_URL;
    CHECK("http://host:8080/a:opt", m, "http://host:8080/a", 1, "opt");
    CHECK("http://host:8080/a/b.mp4:x=1:!y", m, "http://host:8080/a/b.mp4", 2, "x=1", "!y");
    CHECK0("http://host/a.mp4", m, "http://host/a.mp4");
    CHECK("http://host:opt", m, "http://host", 1, "opt");
    CHECK("http://[::1]:80/a.mp4:opt", m, "http://[::1]:80/a.mp4", 1, "opt");
    CHECK("udp://[ff02::1]:1234:ifce=eth0", m, "udp://[ff02::1]:1234", 1, "ifce=eth0");
    CHECK("ftp://user:pass@host:21/f.ts:opt=2", m, "ftp://user:pass@host:21/f.ts", 1,
          "opt=2");
    CHECK("http://user@host/f.ts:opt", m, "http://user@host/f.ts", 1, "opt");
    CHECK("gfio://0x1234&8:opt", m, "gfio://0x1234&8", 1, "opt");
    CHECK0("gfio://0x1234&8", m, "gfio://0x1234&8");
    CHECK("tcp://1.2.3.4:1234/:opt", m, "tcp://1.2.3.4:1234/", 1, "opt");
    CHECK("udp://1.2.3.4:1234:opt", m, "udp://1.2.3.4:1234", 1, "opt");
    CHECK0("udp://1.2.3.4:1234", m, "udp://1.2.3.4:1234");
    CHECK("route://234.1.1.1:1234:ifce=lo", m, "route://234.1.1.1:1234", 1, "ifce=lo");
    CHECK("rtp://1.2.3.4:5000/:x:!y", m, "rtp://1.2.3.4:5000/", 2, "x", "!y");
    /* '@' inside an option is not a user:pass@ part */
    CHECK("udp://1.2.3.4:1234:mail=a@b", m, "udp://1.2.3.4:1234", 1, "mail=a@b");
    CHECK("http://h/x?a=b::c=d:e", GP_ARGS_DST_URL, "http://h/x?a=b", 1, "c=d:e");
}

static void
split_url_gpac_escape(void)
{
    const GpArgsMode m = GP_ARGS_SRC_URL;
    CHECK("http://foo/bar?yes:gpac:opt=1", m, "http://foo/bar?yes", 1, "opt=1");
    CHECK("http://foo/bar?a=b:c:gpac:opt=1:x", m, "http://foo/bar?a=b:c", 2, "opt=1", "x");
    CHECK0("http://foo/bar?a:b:gpac", m, "http://foo/bar?a:b");
    CHECK("/no/such/dir/a:b.mp4:gpac::x=1:2", GP_ARGS_DST_URL, "/no/such/dir/a:b.mp4", 1,
          "x=1:2");
    /* ":gpacx" is not the terminator */
    CHECK("http://foo/a:gpacx", m, "http://foo/a", 1, "gpacx");
    /* values: URL options keep their port, ":gpac" ends them and is dropped */
    CHECK("fin:src=http://host:8080/a.mp4:blk=1", GP_ARGS_NAME, "fin", 2,
          "src=http://host:8080/a.mp4", "blk=1");
    CHECK("fin:src=http://a/b?c:d:gpac:blk=1", GP_ARGS_NAME, "fin", 2, "src=http://a/b?c:d",
          "blk=1");
    CHECK("fout:dst=udp://1.2.3.4:1234:ext=ts", GP_ARGS_NAME, "fout", 2,
          "dst=udp://1.2.3.4:1234", "ext=ts");
    CHECK("fin:src=C:\\a.mp4:x", GP_ARGS_NAME, "fin", 2, "src=C:\\a.mp4", "x");
    CHECK("fin:src=plain:x", GP_ARGS_NAME, "fin", 2, "src=plain", "x");
    CHECK("fin:src=http://a/b:gpac", GP_ARGS_NAME, "fin", 1, "src=http://a/b");
}

static void
split_url_drive(void)
{
    CHECK("C:\\media\\a.mp4:opt", GP_ARGS_SRC_URL, "C:\\media\\a.mp4", 1, "opt");
    CHECK("d:/media/a.mp4:x=1", GP_ARGS_DST_URL, "d:/media/a.mp4", 1, "x=1");
    CHECK0("C:\\a.mp4", GP_ARGS_SRC_URL, "C:\\a.mp4");
    CHECK("file:///C:/a.mp4:opt", GP_ARGS_SRC_URL, "file:///C:/a.mp4", 1, "opt");
}


static void
split_url_local_src(void)
{
    char file[256], desc[512], dir[256], in[300], c1[256], c2[256], head[300];
    make_tmp_dir();
    snprintf(file, sizeof(file), "%s/a:b.mp4", tmp_dir);
    snprintf(dir, sizeof(dir), "%s/d:ir", tmp_dir);
    snprintf(in, sizeof(in), "%s/in.mp4", dir);
    snprintf(c1, sizeof(c1), "%s/c", tmp_dir);
    snprintf(c2, sizeof(c2), "%s/c:d", tmp_dir);
    touch(file);
    GP_ASSERT_INT_EQ(mkdir(dir, 0700), 0);
    touch(in);
    touch(c1);
    touch(c2);

    snprintf(desc, sizeof(desc), "%s:opt=1", file);
    CHECK(desc, GP_ARGS_SRC_URL, file, 1, "opt=1");
    CHECK0(file, GP_ARGS_SRC_URL, file);
    snprintf(desc, sizeof(desc), "%s::x=1:2", file);
    CHECK(desc, GP_ARGS_SRC_URL, file, 1, "x=1:2");
    snprintf(desc, sizeof(desc), "file://%s:x", file);
    snprintf(head, sizeof(head), "file://%s", file);
    CHECK(desc, GP_ARGS_SRC_URL, head, 1, "x");
    /* a directory with ':' in its name */
    snprintf(desc, sizeof(desc), "%s:!y", in);
    CHECK(desc, GP_ARGS_SRC_URL, in, 1, "!y");
    /* no such file: the first ':' splits */
    snprintf(desc, sizeof(desc), "%s/x:y.mp4:opt", tmp_dir);
    snprintf(head, sizeof(head), "%s/x", tmp_dir);
    CHECK(desc, GP_ARGS_SRC_URL, head, 2, "y.mp4", "opt");
    /* the whole string first, then the first existing prefix */
    snprintf(desc, sizeof(desc), "%s:d:x", c1);
    CHECK(desc, GP_ARGS_SRC_URL, c1, 2, "d", "x");
    CHECK0(c2, GP_ARGS_SRC_URL, c2);

    GP_ASSERT(gp_args_local_file_exists(file));
    GP_ASSERT(!gp_args_local_file_exists(head)); /* still "TMP/x" */
    snprintf(head, sizeof(head), "file://%s", file);
    GP_ASSERT(gp_args_local_file_exists(head));
    GP_ASSERT(!gp_args_local_file_exists(dir));
    GP_ASSERT(!gp_args_local_file_exists("http://localhost/a.mp4"));
    GP_ASSERT(!gp_args_local_file_exists(NULL));
    GP_ASSERT(!gp_args_local_file_exists(""));

    unlink(file);
    unlink(in);
    unlink(c1);
    unlink(c2);
    rmdir(dir);
    GP_ASSERT_INT_EQ(rmdir(tmp_dir), 0);
}

static void
split_url_local_dst(void)
{
    char file[256], desc[512], dir[256], out[300], head[300];
    make_tmp_dir();
    snprintf(file, sizeof(file), "%s/a:b.mp4", tmp_dir);
    snprintf(dir, sizeof(dir), "%s/d:ir", tmp_dir);
    snprintf(out, sizeof(out), "%s/out.mp4", dir);
    touch(file);
    GP_ASSERT_INT_EQ(mkdir(dir, 0700), 0);

    /* an existing file with ':' (overwritten) */
    snprintf(desc, sizeof(desc), "%s:opt", file);
    CHECK(desc, GP_ARGS_DST_URL, file, 1, "opt");
    /* a new file in a directory with ':' */
    snprintf(desc, sizeof(desc), "%s:opt=1", out);
    CHECK(desc, GP_ARGS_DST_URL, out, 1, "opt=1");
    CHECK0(out, GP_ARGS_DST_URL, out);
    snprintf(desc, sizeof(desc), "%s:dst=a/b:x", out);
    CHECK(desc, GP_ARGS_DST_URL, out, 2, "dst=a/b", "x");
    /* relative: the current directory exists */
    CHECK("out.mp4:opt", GP_ARGS_DST_URL, "out.mp4", 1, "opt");
    CHECK("/out.mp4:opt", GP_ARGS_DST_URL, "/out.mp4", 1, "opt");
    /* a new file name with ':' cannot be told from an option: the first ':' splits */
    snprintf(desc, sizeof(desc), "%s/new:1.mp4:opt", tmp_dir);
    snprintf(head, sizeof(head), "%s/new", tmp_dir);
    CHECK(desc, GP_ARGS_DST_URL, head, 2, "1.mp4", "opt");
    /* nothing exists: the first ':' splits */
    snprintf(desc, sizeof(desc), "%s/no:x/out.mp4:opt", tmp_dir);
    snprintf(head, sizeof(head), "%s/no", tmp_dir);
    CHECK(desc, GP_ARGS_DST_URL, head, 2, "x/out.mp4", "opt");

    unlink(file);
    rmdir(dir);
    GP_ASSERT_INT_EQ(rmdir(tmp_dir), 0);
}

/* ---- applying ---- */

static void
apply_defaults(void)
{
    TaCtx ctx;
    GpFilterCommon c;
    apply_ok("targs", &ctx, &c);
    GP_ASSERT_INT_EQ(ctx.sint, -3);
    GP_ASSERT_INT_EQ(ctx.uint, 7);
    GP_ASSERT_INT_EQ(ctx.lsint, -5000000000LL);
    GP_ASSERT_U64_EQ(ctx.luint, 10000000000ULL);
    GP_ASSERT(!ctx.flag);
    GP_ASSERT(ctx.on);
    GP_ASSERT_INT_EQ(ctx.frac.num, 25);
    GP_ASSERT_INT_EQ(ctx.frac.den, 1);
    GP_ASSERT_INT_EQ(ctx.frac64.num, 1);
    GP_ASSERT_INT_EQ(ctx.frac64.den, 1000);
    GP_ASSERT(ctx.flt == 0.5f);
    GP_ASSERT(ctx.dbl == 2.25);
    GP_ASSERT_INT_EQ(ctx.size.x, 320);
    GP_ASSERT_INT_EQ(ctx.size.y, 240);
    GP_ASSERT_STR_EQ(ctx.str, "hello");
    GP_ASSERT(ctx.nodef == NULL);
    GP_ASSERT(ctx.src == NULL);
    GP_ASSERT_INT_EQ(ctx.fourcc, GP_4CC('a', 'v', 'c', '1'));
    GP_ASSERT_INT_EQ(ctx.mode, 0);
    GP_ASSERT_INT_EQ(ctx.disp, 0);
    GP_ASSERT_INT_EQ(ctx.pct, 50);
    GP_ASSERT_INT_EQ(ctx.pfmt, GP_PIXFMT_YUV420);
    GP_ASSERT_INT_EQ(ctx.list.type, GP_PROP_STRING_LIST);
    GP_ASSERT_INT_EQ(ctx.list.value.string_list.nb, 2);
    GP_ASSERT_STR_EQ(ctx.list.value.string_list.vals[0], "a");
    GP_ASSERT_STR_EQ(ctx.list.value.string_list.vals[1], "b");
    GP_ASSERT_INT_EQ(ctx.ulist.type, GP_PROP_FORBIDDEN);
    GP_ASSERT(c.fid == NULL && c.sid == NULL && c.name == NULL && c.nb_pid_props == 0);
    GP_ASSERT_INT_EQ(c.clone, -1);
    release(&ctx, &c);

    /* a NULL list: defaults only; a NULL common: common options are dropped */
    memset(&ctx, 0, sizeof(ctx));
    GP_ASSERT_OK(gp_args_apply(&ta_class, &ctx, NULL, NULL, NULL, 0));
    GP_ASSERT_STR_EQ(ctx.str, "hello");
    gp_args_free(&ta_class, &ctx);
    GpArgList l = split_ok("targs:FID=3:#X=1:uint=4", GP_ARGS_NAME);
    memset(&ctx, 0, sizeof(ctx));
    GP_ASSERT_OK(gp_args_apply(&ta_class, &ctx, &l, NULL, NULL, 0));
    GP_ASSERT_INT_EQ(ctx.uint, 4);
    gp_args_free(&ta_class, &ctx);
    gp_args_list_free(&l);
}

static void
apply_every_type(void)
{
    TaCtx ctx;
    GpFilterCommon c;
    apply_ok("targs:sint=-7:uint=4000000000:lsint=-9000000000:luint=18000000000000000000"
             ":flag:on=no:frac=30000/1001:frac64=90000/1:flt=0.25:dbl=-1.5:size=640x480"
             ":str=a b:nodef=:fourcc=hvc1:pfmt=nv12:list=x,y,z:ulist=1,2,3:src=in.mp4",
             &ctx, &c);
    GP_ASSERT_INT_EQ(ctx.sint, -7);
    GP_ASSERT_U64_EQ(ctx.uint, 4000000000U);
    GP_ASSERT_INT_EQ(ctx.lsint, -9000000000LL);
    GP_ASSERT_U64_EQ(ctx.luint, 18000000000000000000ULL);
    GP_ASSERT(ctx.flag);
    GP_ASSERT(!ctx.on);
    GP_ASSERT_INT_EQ(ctx.frac.num, 30000);
    GP_ASSERT_INT_EQ(ctx.frac.den, 1001);
    GP_ASSERT_INT_EQ(ctx.frac64.num, 90000);
    GP_ASSERT_INT_EQ(ctx.frac64.den, 1);
    GP_ASSERT(ctx.flt == 0.25f);
    GP_ASSERT(ctx.dbl == -1.5);
    GP_ASSERT_INT_EQ(ctx.size.x, 640);
    GP_ASSERT_INT_EQ(ctx.size.y, 480);
    GP_ASSERT_STR_EQ(ctx.str, "a b");
    GP_ASSERT_STR_EQ(ctx.nodef, "");
    GP_ASSERT_STR_EQ(ctx.src, "in.mp4");
    GP_ASSERT_INT_EQ(ctx.fourcc, GP_4CC('h', 'v', 'c', '1'));
    GP_ASSERT_INT_EQ(ctx.pfmt, GP_PIXFMT_NV12);
    GP_ASSERT_INT_EQ(ctx.list.type, GP_PROP_STRING_LIST);
    GP_ASSERT_INT_EQ(ctx.list.value.string_list.nb, 3);
    GP_ASSERT_STR_EQ(ctx.list.value.string_list.vals[2], "z");
    GP_ASSERT_INT_EQ(ctx.ulist.type, GP_PROP_UINT_LIST);
    GP_ASSERT_INT_EQ(ctx.ulist.value.uint_list.nb, 3);
    GP_ASSERT_INT_EQ(ctx.ulist.value.uint_list.vals[1], 2);
    release(&ctx, &c);

    /* later options replace earlier ones (strings and lists freed) */
    apply_ok("targs:str=one:str=two:list=a:list=b,c:uint=1:uint=2", &ctx, &c);
    GP_ASSERT_STR_EQ(ctx.str, "two");
    GP_ASSERT_INT_EQ(ctx.list.value.string_list.nb, 2);
    GP_ASSERT_INT_EQ(ctx.uint, 2);
    release(&ctx, &c);
}

static void
apply_units(void)
{
    TaCtx ctx;
    GpFilterCommon c;
    apply_ok("targs:uint=2k:luint=3g:lsint=-2m:dbl=1.5k:frac=2:size=1080", &ctx, &c);
    GP_ASSERT_INT_EQ(ctx.uint, 2000);
    GP_ASSERT_U64_EQ(ctx.luint, 3000000000ULL);
    GP_ASSERT_INT_EQ(ctx.lsint, -2000000);
    GP_ASSERT(ctx.dbl == 1500.0);
    GP_ASSERT_INT_EQ(ctx.frac.num, 2);
    GP_ASSERT_INT_EQ(ctx.frac.den, 1);
    GP_ASSERT_INT_EQ(ctx.size.x, 1920);
    GP_ASSERT_INT_EQ(ctx.size.y, 1080);
    release(&ctx, &c);
    apply_ok("targs:uint=0x10", &ctx, &c);
    GP_ASSERT_INT_EQ(ctx.uint, 16);
    release(&ctx, &c);
    /* +I is the type's maximum */
    apply_ok("targs:uint=+I", &ctx, &c);
    GP_ASSERT_U64_EQ(ctx.uint, UINT32_MAX);
    release(&ctx, &c);
}

static void
apply_booleans(void)
{
    TaCtx ctx;
    GpFilterCommon c;
    apply_ok("targs:flag:!on", &ctx, &c);
    GP_ASSERT(ctx.flag && !ctx.on);
    release(&ctx, &c);
    const char *yes[] = {"yes", "true", "1"}, *no[] = {"no", "false", "0"};
    for (int i = 0; i < 3; i++) {
        char d[64];
        snprintf(d, sizeof(d), "targs:flag=%s:on=%s", yes[i], no[i]);
        apply_ok(d, &ctx, &c);
        GP_ASSERT(ctx.flag && !ctx.on);
        release(&ctx, &c);
    }
    /* "!opt=val" negates the value */
    apply_ok("targs:!flag=false:!on=true", &ctx, &c);
    GP_ASSERT(ctx.flag && !ctx.on);
    release(&ctx, &c);
    apply_bad("targs:flag=maybe",
              "invalid value 'maybe' for option 'flag' of filter 'targs' (expected bool)");
    apply_bad("targs:!uint",
              "option 'uint' of filter 'targs' is not a boolean and cannot be negated");
    apply_bad("targs:uint", "option 'uint' of filter 'targs' needs a value (uint)");
}

static void
apply_enums(void)
{
    TaCtx ctx;
    GpFilterCommon c;
    apply_ok("targs:mode=frame:disp=tx", &ctx, &c);
    GP_ASSERT_INT_EQ(ctx.mode, 2);
    GP_ASSERT_INT_EQ(ctx.disp, 2);
    release(&ctx, &c);
    apply_ok("targs:mode=1", &ctx, &c);
    GP_ASSERT_INT_EQ(ctx.mode, 1);
    release(&ctx, &c);
    /* bare values: "frame" only in mode, "pbo" only in disp */
    apply_ok("targs:frame:pbo", &ctx, &c);
    GP_ASSERT_INT_EQ(ctx.mode, 2);
    GP_ASSERT_INT_EQ(ctx.disp, 1);
    release(&ctx, &c);
    apply_bad("targs:blk", "ambiguous option 'blk' for filter 'targs' (a value of 2 options)");
    apply_bad("targs:mode=foo", "invalid value 'foo' for option 'mode' of filter 'targs' "
                                "(expected one of pck|blk|frame)");
    apply_bad("targs:mode=3", "invalid value '3' for option 'mode' of filter 'targs' "
                              "(expected one of pck|blk|frame)");
    apply_bad("targs:!pbo", "unknown option 'pbo' for filter 'targs'");
    apply_bad("targs:pbo=1", "unknown option 'pbo' for filter 'targs'");
}

static void
apply_ranges(void)
{
    TaCtx ctx;
    GpFilterCommon c;
    apply_ok("targs:pct=0:sint=-10:flt=1", &ctx, &c);
    GP_ASSERT_INT_EQ(ctx.pct, 0);
    GP_ASSERT_INT_EQ(ctx.sint, -10);
    GP_ASSERT(ctx.flt == 1.0f);
    release(&ctx, &c);
    apply_ok("targs:pct=100:sint=10:flt=0", &ctx, &c);
    GP_ASSERT_INT_EQ(ctx.pct, 100);
    release(&ctx, &c);
    apply_bad("targs:pct=101",
              "value '101' out of range 0-100 for option 'pct' of filter 'targs'");
    apply_bad("targs:sint=-11",
              "value '-11' out of range -10-10 for option 'sint' of filter 'targs'");
    apply_bad("targs:flt=1.5", "value '1.5' out of range 0-1 for option 'flt' of filter 'targs'");
    /* set_one checks too and keeps the old value */
    const GpArg *a = gp_args_find(&ta_class, "pct");
    apply_ok("targs", &ctx, &c);
    GP_ASSERT_INT_EQ(gp_args_set_one(a, &ctx, "200"), GP_BAD_PARAM);
    GP_ASSERT_INT_EQ(ctx.pct, 50);
    release(&ctx, &c);
}

static void
apply_errors(void)
{
    apply_bad("targs:foo=1", "unknown option 'foo' for filter 'targs'");
    apply_bad("targs:foo", "unknown option 'foo' for filter 'targs'");
    apply_bad("targs:frac=abc",
              "invalid value 'abc' for option 'frac' of filter 'targs' (expected frac)");
    apply_bad("targs:uint=12abc",
              "invalid value '12abc' for option 'uint' of filter 'targs' (expected uint)");
    apply_bad("targs:size=big",
              "invalid value 'big' for option 'size' of filter 'targs' (expected v2di)");
    /* the failure happens after earlier options were stored: priv is still freeable */
    apply_bad("targs:str=x:list=a,b:sint=zz",
              "invalid value 'zz' for option 'sint' of filter 'targs' (expected sint)");
    apply_bad("targs:FID", "option 'FID' of filter 'targs' needs a value");
    apply_bad("targs:N=", "option 'N' of filter 'targs' needs a value");
    apply_bad("targs:RSID=2",
              "invalid value '2' for option 'RSID' of filter 'targs' (expected bool)");

    /* a class whose default does not parse */
    static const GpArg bad_args[] = {
        GP_ARG(TaCtx, uint, GP_PROP_UINT, "nope", NULL, "broken default"),
    };
    static const GpFilterClass bad_cls = {.name = "bad", .help = "", GP_ARGS(bad_args)};
    TaCtx ctx = {0};
    char err[128];
    GP_ASSERT_INT_EQ(gp_args_apply(&bad_cls, &ctx, NULL, NULL, err, sizeof(err)),
                     GP_BAD_PARAM);
    GP_ASSERT_STR_EQ(err, "invalid default 'nope' for option 'uint' of filter 'bad'");
}

static void
apply_common_options(void)
{
    TaCtx ctx;
    GpFilterCommon c;
    GpArgList l = split_ok("targs:FID=f1:SID=a,b#PID=1:N=myname:TAG=t:ITAG=it:RSID:nomux"
                           ":clone=0:gfreg=ffdmx:FS=2:FBT=1000:FBU=3:FBD=9:gfloc:gfopt:gpac"
                           ":ccp=264:NCID:LT=debug:DBG=all:uint=9",
                           GP_ARGS_NAME);
    char err[128] = "";
    memset(&ctx, 0, sizeof(ctx));
    memset(&c, 0, sizeof(c));
    c.clone = -1;
    GP_ASSERT_OK(gp_args_apply(&ta_class, &ctx, &l, &c, err, sizeof(err)));
    for (unsigned i = 0; i < l.nb; i++)
        GP_ASSERT(l.items[i].used);
    gp_args_list_free(&l);
    GP_ASSERT_STR_EQ(c.fid, "f1");
    GP_ASSERT_STR_EQ(c.sid, "a,b#PID=1");
    GP_ASSERT_STR_EQ(c.name, "myname");
    GP_ASSERT_STR_EQ(c.tag, "t");
    GP_ASSERT_STR_EQ(c.itag, "it");
    GP_ASSERT_STR_EQ(c.gfreg, "ffdmx");
    GP_ASSERT(c.rsid && c.nomux);
    GP_ASSERT_INT_EQ(c.clone, 0);
    GP_ASSERT_INT_EQ(ctx.uint, 9);
    release(&ctx, &c);
    GP_ASSERT(c.fid == NULL && c.pid_props == NULL);
    GP_ASSERT_INT_EQ(c.clone, -1);

    apply_ok("targs:SID:!RSID:!nomux:clone:FID=1:FID=2", &ctx, &c);
    GP_ASSERT_STR_EQ(c.sid, "");
    GP_ASSERT(!c.rsid && !c.nomux);
    GP_ASSERT_INT_EQ(c.clone, 1);
    GP_ASSERT_STR_EQ(c.fid, "2");
    release(&ctx, &c);
}

static void
apply_pid_props(void)
{
    TaCtx ctx;
    GpFilterCommon c;
    apply_ok("targs:#Language=fr:uint=1:#MyProp=a b:#Empty=:#Bare", &ctx, &c);
    GP_ASSERT_INT_EQ(c.nb_pid_props, 4);
    GP_ASSERT_STR_EQ(c.pid_props[0], "Language=fr");
    GP_ASSERT_STR_EQ(c.pid_props[1], "MyProp=a b");
    GP_ASSERT_STR_EQ(c.pid_props[2], "Empty=");
    GP_ASSERT_STR_EQ(c.pid_props[3], "Bare=");
    release(&ctx, &c);
}

/* get_one then set_one gives the same field back, for every option. */
static void
args_round_trip(void)
{
    TaCtx ctx, back;
    GpFilterCommon c;
    char buf[256];
    apply_ok("targs:sint=-7:uint=4000000000:lsint=-9000000000:luint=18000000000000000000"
             ":flag:frac=30000/1001:frac64=90000/7:flt=0.25:dbl=-1.5:size=640x480"
             ":str=a b:fourcc=hvc1:mode=blk:disp=tx:pct=33:pfmt=rgb:list=x,y:ulist=4,5",
             &ctx, &c);
    memset(&back, 0, sizeof(back));
    for (uint32_t i = 0; i < ta_class.nb_args; i++) {
        const GpArg *a = &ta_args[i];
        gp_args_get_one(a, &ctx, buf, sizeof(buf));
        if (gp_args_set_one(a, &back, a == &ta_args[12] || a == &ta_args[20] ? NULL : buf))
            gp_test_fail(__FILE__, __LINE__, "option %s: cannot parse back '%s'", a->name,
                         buf);
    }
    GP_ASSERT_INT_EQ(back.sint, ctx.sint);
    GP_ASSERT_U64_EQ(back.uint, ctx.uint);
    GP_ASSERT_INT_EQ(back.lsint, ctx.lsint);
    GP_ASSERT_U64_EQ(back.luint, ctx.luint);
    GP_ASSERT(back.flag == ctx.flag && back.on == ctx.on);
    GP_ASSERT(!memcmp(&back.frac, &ctx.frac, sizeof(ctx.frac)));
    GP_ASSERT(!memcmp(&back.frac64, &ctx.frac64, sizeof(ctx.frac64)));
    GP_ASSERT(back.flt == ctx.flt && back.dbl == ctx.dbl);
    GP_ASSERT(back.size.x == ctx.size.x && back.size.y == ctx.size.y);
    GP_ASSERT_STR_EQ(back.str, ctx.str);
    GP_ASSERT(back.fourcc == ctx.fourcc && back.mode == 1 && back.disp == 2);
    GP_ASSERT(back.pct == 33 && back.pfmt == GP_PIXFMT_RGB);
    GP_ASSERT(gp_prop_value_equal(&back.list, &ctx.list));
    GP_ASSERT(gp_prop_value_equal(&back.ulist, &ctx.ulist));

    /* text forms */
    gp_args_get_one(gp_args_find(&ta_class, "mode"), &ctx, buf, sizeof(buf));
    GP_ASSERT_STR_EQ(buf, "blk");
    gp_args_get_one(gp_args_find(&ta_class, "str"), &ctx, buf, sizeof(buf));
    GP_ASSERT_STR_EQ(buf, "a b");
    gp_args_get_one(gp_args_find(&ta_class, "nodef"), &ctx, buf, sizeof(buf));
    GP_ASSERT_STR_EQ(buf, "");
    gp_args_get_one(gp_args_find(&ta_class, "sint"), &ctx, buf, sizeof(buf));
    GP_ASSERT_STR_EQ(buf, "-7");
    gp_args_get_one(gp_args_find(&ta_class, "flag"), &ctx, buf, sizeof(buf));
    GP_ASSERT_STR_EQ(buf, "true");
    gp_args_get_one(gp_args_find(&ta_class, "mode"), &ctx, buf, 2);
    GP_ASSERT_STR_EQ(buf, "b");
    /* an index out of the name list prints as a number */
    ctx.mode = 9;
    gp_args_get_one(gp_args_find(&ta_class, "mode"), &ctx, buf, sizeof(buf));
    GP_ASSERT_STR_EQ(buf, "9");

    /* set_one(NULL) clears */
    GP_ASSERT_OK(gp_args_set_one(gp_args_find(&ta_class, "str"), &back, NULL));
    GP_ASSERT(back.str == NULL);
    GP_ASSERT_OK(gp_args_set_one(gp_args_find(&ta_class, "uint"), &back, NULL));
    GP_ASSERT_INT_EQ(back.uint, 0);
    GP_ASSERT_INT_EQ(gp_args_set_one(NULL, &back, "1"), GP_BAD_PARAM);

    gp_args_free(&ta_class, &back);
    release(&ctx, &c);
}

static void
args_find(void)
{
    GP_ASSERT(gp_args_find(&ta_class, "uint") == &ta_args[1]);
    GP_ASSERT(gp_args_find(&ta_class, "src") == &ta_args[20]);
    GP_ASSERT(gp_args_find(&ta_class, "UINT") == NULL);
    GP_ASSERT(gp_args_find(&ta_class, "nope") == NULL);
    GP_ASSERT(gp_args_find(&ta_class, NULL) == NULL);
    GP_ASSERT(gp_args_find(NULL, "uint") == NULL);
}

static void
print_help(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    GP_ASSERT(f != NULL);
    gp_filter_class_print_help(&ta_class, f);
    fclose(f);
    GP_ASSERT(!strncmp(text, "targs: Test options. Example: gpac targs:uint=3\n", 48));
    GP_ASSERT(strstr(text, "\n- sint (sint): signed (default: -3 min_max_enum: -10-10)\n"));
    GP_ASSERT(strstr(text, "\n- uint (uint): unsigned (default: 7)\n"));
    GP_ASSERT(strstr(text, "\n- nodef (str): no default\n"));
    GP_ASSERT(strstr(text, "\n- mode (uint): an enum (default: pck min_max_enum: "
                           "pck|blk|frame)\n"));
    GP_ASSERT(strstr(text, "\n- frac (frac): a fraction (default: 25/1)\n"));
    GP_ASSERT(strstr(text, "\n- size (v2di): a size (default: 320x240)\n"));
    GP_ASSERT(strstr(text, "hidden") == NULL);
    free(text);

    static const GpArg only_values[] = {
        GP_ARG(TaCtx, pct, GP_PROP_UINT, NULL, "1-9", "digits"),
    };
    static const GpFilterClass cls = {.name = "ov", .help = "Values.", GP_ARGS(only_values)};
    f = open_memstream(&text, &len);
    gp_filter_class_print_help(&cls, f);
    fclose(f);
    GP_ASSERT_STR_EQ(text, "ov: Values.\n- pct (uint): digits (min_max_enum: 1-9)\n");
    free(text);
}

GP_TEST_MAIN(GP_CASE(split_name_basic), GP_CASE(split_double_separator),
             GP_CASE(split_errors), GP_CASE(split_url_remote), GP_CASE(split_url_gpac_escape),
             GP_CASE(split_url_drive), GP_CASE(split_url_local_src),
             GP_CASE(split_url_local_dst), GP_CASE(apply_defaults), GP_CASE(apply_every_type),
             GP_CASE(apply_units), GP_CASE(apply_booleans), GP_CASE(apply_enums),
             GP_CASE(apply_ranges), GP_CASE(apply_errors), GP_CASE(apply_common_options),
             GP_CASE(apply_pid_props), GP_CASE(args_round_trip), GP_CASE(args_find),
             GP_CASE(print_help))
