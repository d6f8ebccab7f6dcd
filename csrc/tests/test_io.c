/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The I/O layer: local files, a registered scheme, missing files, URL resolution. */
#include <unistd.h>

#include "harness.h"

static void
io_local_roundtrip(void)
{
    char path[] = "/tmp/gp_io_XXXXXX";
    int fd = mkstemp(path);
    GP_ASSERT(fd >= 0);
    close(fd);
    GpErr e;
    GpIo *io = gp_io_open(path, "wb", &e);
    GP_ASSERT_OK(e);
    GP_ASSERT_INT_EQ(gp_io_write(io, "hello world", 11), 11);
    GP_ASSERT_OK(gp_io_close(io));
    char url[64];
    snprintf(url, sizeof(url), "file://%s", path);
    GP_ASSERT(gp_io_exists(url));
    io = gp_io_open(url, "rb", &e);
    GP_ASSERT(io != NULL);
    GP_ASSERT_INT_EQ(gp_io_size(io), 11);
    GP_ASSERT_OK(gp_io_seek(io, 6, SEEK_SET));
    char buf[16] = {0};
    GP_ASSERT_INT_EQ(gp_io_read(io, buf, sizeof(buf)), 5);
    GP_ASSERT_STR_EQ(buf, "world");
    GP_ASSERT_INT_EQ(gp_io_read(io, buf, sizeof(buf)), 0);
    GP_ASSERT_INT_EQ(gp_io_tell(io), 11);
    GP_ASSERT_OK(gp_io_close(io));
    unlink(path);
}

static void
io_errors(void)
{
    GpErr e = GP_OK;
    GP_ASSERT(gp_io_open("/nonexistent_gp_dir/x.mp4", "rb", &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_URL_ERROR);
    GP_ASSERT(gp_io_open("nosuchscheme://host/x", "rb", &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_URL_ERROR);
    GP_ASSERT(!gp_io_exists("/nonexistent_gp_dir/x.mp4"));
    GP_ASSERT(!gp_io_exists("/tmp")); /* a directory is not a file */
    GP_ASSERT(gp_io_open(NULL, "rb", &e) == NULL);
    GP_ASSERT_OK(gp_io_close(NULL));
}

/* ---- a memory scheme ---- */
typedef struct MemFile {
    char data[64];
    int64_t size, pos;
} MemFile;

static MemFile mem_file;
static int mem_opens, mem_closes;

static GpErr
mem_open(void *udata, const char *url, const char *mode, void **h)
{
    if (strcmp(url, "mem://a"))
        return GP_URL_ERROR;
    mem_opens++;
    if (mode[0] == 'w')
        mem_file.size = 0;
    mem_file.pos = 0;
    *h = &mem_file;
    return GP_OK;
}

static int64_t
mem_read(void *h, uint8_t *buf, uint32_t size)
{
    MemFile *m = h;
    int64_t n = m->size - m->pos < size ? m->size - m->pos : size;
    memcpy(buf, m->data + m->pos, (size_t)n);
    m->pos += n;
    return n;
}

static int64_t
mem_write(void *h, const uint8_t *buf, uint32_t size)
{
    MemFile *m = h;
    if (m->pos + size > (int64_t)sizeof(m->data))
        return GP_IO_ERR;
    memcpy(m->data + m->pos, buf, size);
    m->pos += size;
    if (m->pos > m->size)
        m->size = m->pos;
    return size;
}

static GpErr
mem_seek(void *h, int64_t off, int whence)
{
    MemFile *m = h;
    m->pos = (whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size) + off;
    return GP_OK;
}

static int64_t
mem_tell(void *h)
{
    return ((MemFile *)h)->pos;
}

static void
mem_close(void *h)
{
    mem_closes++;
}

static void
io_scheme(void)
{
    static const GpIoScheme scheme = {.prefix = "mem://", .open = mem_open, .read = mem_read,
                                      .write = mem_write, .seek = mem_seek, .tell = mem_tell,
                                      .close = mem_close};
    static const GpIoScheme bad = {.prefix = "bad://"};
    GP_ASSERT_INT_EQ(gp_io_register_scheme(&bad), GP_BAD_PARAM);
    GP_ASSERT_OK(gp_io_register_scheme(&scheme));
    GP_ASSERT(gp_io_scheme_of("mem://a") == &scheme);
    GpErr e;
    GpIo *io = gp_io_open("mem://a", "wb", &e);
    GP_ASSERT(io != NULL);
    GP_ASSERT_INT_EQ(gp_io_write(io, "abcdef", 6), 6);
    GP_ASSERT_OK(gp_io_close(io));
    GP_ASSERT(gp_io_exists("mem://a")); /* no exists callback: open + close */
    GP_ASSERT(!gp_io_exists("mem://b"));
    io = gp_io_open("mem://a", "rb", &e);
    GP_ASSERT_INT_EQ(gp_io_size(io), 6);
    char buf[8] = {0};
    GP_ASSERT_OK(gp_io_seek(io, 2, SEEK_SET));
    GP_ASSERT_INT_EQ(gp_io_read(io, buf, 8), 4);
    GP_ASSERT_STR_EQ(buf, "cdef");
    GP_ASSERT_OK(gp_io_close(io));
    GP_ASSERT_INT_EQ(mem_opens, mem_closes);
    gp_io_unregister_scheme(&scheme);
    GP_ASSERT(gp_io_open("mem://a", "rb", &e) == NULL);
    GP_ASSERT_INT_EQ(e, GP_URL_ERROR);
}

static void
io_url_concat(void)
{
    static const char *const cases[][3] = {
        {"/a/b/c.mpd", "seg1.m4s", "/a/b/seg1.m4s"},
        {"/a/b/c.mpd", "../x/y.ts", "/a/x/y.ts"},
        {"/a/b/c.mpd", "../../../z", "/z"},
        {"a/b.mpd", "../../q", "../q"},
        {"http://h/p/m.mpd", "../../s.m4s", "http://h/s.m4s"},
        {"http://h/p/m.mpd", "./s/t.m4s", "http://h/p/s/t.m4s"},
        {"m.mpd", "s.m4s", "s.m4s"},
        {"/a/b", "http://x/y", "http://x/y"},
        {"/a/b/", "/abs", "/abs"},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *r = gp_io_url_concat(cases[i][0], cases[i][1]);
        GP_ASSERT_STR_EQ(r, cases[i][2]);
        free(r);
    }
}

GP_TEST_MAIN(GP_CASE(io_local_roundtrip), GP_CASE(io_errors), GP_CASE(io_scheme),
             GP_CASE(io_url_concat))
