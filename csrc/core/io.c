/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The I/O layer: local files (paths and file:// URLs) through stdio, other schemes
 * through registered callbacks. The scheme list is process-wide and small: a lock and
 * a linear search. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gp/gp_io.h"

#define IO_MAX_SCHEMES 32
#define IO_FILE_BUFSIZE (256 * 1024)

struct GpIo {
    const GpIoScheme *scheme; /* NULL: local file */
    void *handle;             /* scheme handle */
    FILE *fp;                 /* local file */
    char *fbuf;               /* its stdio buffer */
};

static pthread_mutex_t io_lock = PTHREAD_MUTEX_INITIALIZER;
static const GpIoScheme *io_schemes[IO_MAX_SCHEMES];
static unsigned io_nb_schemes;

GpErr
gp_io_register_scheme(const GpIoScheme *scheme)
{
    if (!scheme || !scheme->prefix || !*scheme->prefix || !scheme->open || !scheme->close)
        return GP_BAD_PARAM;
    GpErr e = GP_OK;
    pthread_mutex_lock(&io_lock);
    if (io_nb_schemes == IO_MAX_SCHEMES)
        e = GP_OUT_OF_MEM;
    else
        io_schemes[io_nb_schemes++] = scheme;
    pthread_mutex_unlock(&io_lock);
    return e;
}

void
gp_io_unregister_scheme(const GpIoScheme *scheme)
{
    pthread_mutex_lock(&io_lock);
    for (unsigned i = 0; i < io_nb_schemes; i++) {
        if (io_schemes[i] == scheme) {
            io_schemes[i] = io_schemes[--io_nb_schemes];
            break;
        }
    }
    pthread_mutex_unlock(&io_lock);
}

const GpIoScheme *
gp_io_scheme_of(const char *url)
{
    const GpIoScheme *found = NULL;
    if (!url)
        return NULL;
    pthread_mutex_lock(&io_lock);
    for (unsigned i = 0; i < io_nb_schemes && !found; i++)
        if (!strncmp(url, io_schemes[i]->prefix, strlen(io_schemes[i]->prefix)))
            found = io_schemes[i];
    pthread_mutex_unlock(&io_lock);
    return found;
}

/* Local path of a URL: itself without a scheme, after "file://"; NULL otherwise. */
static const char *
io_local_path(const char *url)
{
    if (!strncmp(url, "file://", 7))
        return url + 7;
    const char *colon = strchr(url, ':');
    const char *slash = strchr(url, '/');
    /* "scheme://..." is not local; "a:b" with no "//" is a local name with a colon */
    if (colon && colon[1] == '/' && colon[2] == '/' && (!slash || slash > colon))
        return NULL;
    return url;
}

GpIo *
gp_io_open(const char *url, const char *mode, GpErr *err)
{
    GpErr e = GP_URL_ERROR;
    GpIo *io = NULL;
    if (!url || !mode)
        goto fail;
    io = calloc(1, sizeof(*io));
    if (!io) {
        e = GP_OUT_OF_MEM;
        goto fail;
    }
    io->scheme = gp_io_scheme_of(url);
    if (io->scheme) {
        e = io->scheme->open(io->scheme->udata, url, mode, &io->handle);
        if (e != GP_OK)
            goto fail;
    } else {
        const char *path = io_local_path(url);
        if (!path)
            goto fail; /* unknown scheme */
        io->fp = fopen(path, mode);
        if (!io->fp) {
            e = errno == ENOENT || errno == ENOTDIR ? GP_URL_ERROR : GP_IO_ERR;
            goto fail;
        }
        /* muxers flush small blocks (a TS packet group at a time): a large stdio
         * buffer turns them into few system calls (the default is one page) */
        io->fbuf = malloc(IO_FILE_BUFSIZE); /* glibc ignores the size without a buffer */
        if (io->fbuf)
            setvbuf(io->fp, io->fbuf, _IOFBF, IO_FILE_BUFSIZE);
    }
    if (err)
        *err = GP_OK;
    return io;
fail:
    free(io);
    if (err)
        *err = e;
    return NULL;
}

int64_t
gp_io_read(GpIo *io, void *buf, uint32_t size)
{
    if (!io || (!buf && size))
        return GP_BAD_PARAM;
    if (io->scheme)
        return io->scheme->read ? io->scheme->read(io->handle, buf, size) : GP_NOT_SUPPORTED;
    size_t n = fread(buf, 1, size, io->fp);
    if (n < size && ferror(io->fp))
        return GP_IO_ERR;
    return (int64_t)n;
}

int64_t
gp_io_write(GpIo *io, const void *buf, uint32_t size)
{
    if (!io || (!buf && size))
        return GP_BAD_PARAM;
    if (io->scheme)
        return io->scheme->write ? io->scheme->write(io->handle, buf, size) : GP_NOT_SUPPORTED;
    size_t n = fwrite(buf, 1, size, io->fp);
    return n < size ? GP_IO_ERR : (int64_t)n;
}

GpErr
gp_io_seek(GpIo *io, int64_t offset, int whence)
{
    if (!io)
        return GP_BAD_PARAM;
    if (io->scheme)
        return io->scheme->seek ? io->scheme->seek(io->handle, offset, whence) : GP_NOT_SUPPORTED;
    return fseeko(io->fp, (off_t)offset, whence) ? GP_IO_ERR : GP_OK;
}

int64_t
gp_io_tell(GpIo *io)
{
    if (!io)
        return GP_BAD_PARAM;
    if (io->scheme)
        return io->scheme->tell ? io->scheme->tell(io->handle) : GP_NOT_SUPPORTED;
    off_t pos = ftello(io->fp);
    return pos < 0 ? GP_IO_ERR : (int64_t)pos;
}

int64_t
gp_io_size(GpIo *io)
{
    int64_t pos = gp_io_tell(io);
    if (pos < 0 || gp_io_seek(io, 0, SEEK_END) != GP_OK)
        return -1;
    int64_t end = gp_io_tell(io);
    if (gp_io_seek(io, pos, SEEK_SET) != GP_OK)
        return -1;
    return end < 0 ? -1 : end;
}

GpErr
gp_io_close(GpIo *io)
{
    if (!io)
        return GP_OK;
    GpErr e = GP_OK;
    if (io->scheme)
        io->scheme->close(io->handle);
    else if (fclose(io->fp))
        e = GP_IO_ERR;
    free(io->fbuf);
    free(io);
    return e;
}

bool
gp_io_exists(const char *url)
{
    const GpIoScheme *sch = gp_io_scheme_of(url);
    if (sch) {
        if (sch->exists)
            return sch->exists(sch->udata, url);
        void *h = NULL;
        if (sch->open(sch->udata, url, "rb", &h) != GP_OK)
            return false;
        sch->close(h);
        return true;
    }
    const char *path = url ? io_local_path(url) : NULL;
    struct stat sb;
    return path && !stat(path, &sb) && S_ISREG(sb.st_mode);
}

/* Removes the last directory of out ("a/b/" -> "a/"); false when there is none left
 * to remove (empty, "../" at the end, or the root of "/" or "scheme://host/"). */
static bool
io_pop_dir(char *out, size_t floor)
{
    size_t n = strlen(out);
    if (n <= floor)
        return false;
    size_t i = n - 1; /* out ends with '/' */
    while (i > floor && out[i - 1] != '/')
        i--;
    if (!strcmp(out + i, "../"))
        return false;
    out[i] = 0;
    return true;
}

/* Appends the segments of src to out (a directory ending with '/', or empty), folding
 * "." and ".." segments. floor: length of out's root that ".." never removes. */
static void
io_push_segments(char *out, const char *src, size_t floor)
{
    const char *p = src;
    while (*p) {
        size_t len = strcspn(p, "/");
        bool last = !p[len];
        if (len == 1 && p[0] == '.') {
            /* "./": nothing */
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (!io_pop_dir(out, floor) && floor == 0)
                strcat(out, "../");
        } else {
            strncat(out, p, len);
            if (!last)
                strcat(out, "/");
        }
        p += len + (last ? 0 : 1);
    }
}

char *
gp_io_url_concat(const char *parent, const char *url)
{
    if (!url)
        return NULL;
    bool absolute = url[0] == '/' || strstr(url, "://") != NULL || !parent || !*parent;
    if (absolute)
        return strdup(url);
    const char *slash = strrchr(parent, '/');
    size_t dir_len = slash ? (size_t)(slash - parent) + 1 : 0;
    char *out = calloc(1, dir_len + strlen(url) + 8);
    if (!out)
        return NULL;
    memcpy(out, parent, dir_len);
    /* the root ".." stops at: "/" of an absolute path, "scheme://host/" of a URL */
    size_t floor = parent[0] == '/' ? 1 : 0;
    const char *sep = strstr(parent, "://");
    if (sep) {
        const char *host_end = strchr(sep + 3, '/');
        floor = host_end && (size_t)(host_end - parent) < dir_len
                    ? (size_t)(host_end - parent) + 1
                    : dir_len;
    }
    io_push_segments(out, url, floor);
    return out;
}
