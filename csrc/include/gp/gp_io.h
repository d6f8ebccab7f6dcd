/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The I/O layer: every filter that reads or writes files by URL goes through it, so a
 * new URL scheme (a Python FileIO "gfio://", a network protocol) works with all of them
 * at once. Local paths and file:// URLs are built in; other schemes are registered. */
#ifndef GP_IO_H
#define GP_IO_H

#include <stdbool.h>
#include <stdint.h>

#include "gp_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct GpIo GpIo;

/* A URL scheme. Callbacks get the scheme's udata (open/exists) or the handle made by
 * open (the others). read/write return the byte count (0 at end of file for read) or a
 * negative GpErr. Callbacks may run on any thread (one handle is used by one thread at
 * a time). */
typedef struct GpIoScheme {
    const char *prefix; /* "gfio://": URLs starting with it go to this scheme */
    void *udata;
    GpErr (*open)(void *udata, const char *url, const char *mode, void **handle);
    int64_t (*read)(void *handle, uint8_t *buf, uint32_t size);
    int64_t (*write)(void *handle, const uint8_t *buf, uint32_t size);
    GpErr (*seek)(void *handle, int64_t offset, int whence); /* SEEK_SET/CUR/END */
    int64_t (*tell)(void *handle);
    void (*close)(void *handle);
    /* optional: does the URL exist (without opening it)? */
    bool (*exists)(void *udata, const char *url);
} GpIoScheme;

/* Registers or removes a scheme (process-wide; the struct must stay valid while
 * registered). transfer: none. threads: any. returns GP_OK, GP_BAD_PARAM (no prefix or
 * callbacks), GP_OUT_OF_MEM. */
GpErr gp_io_register_scheme(const GpIoScheme *scheme);
void gp_io_unregister_scheme(const GpIoScheme *scheme);

/* Opens a URL with an fopen mode ("rb", "wb", "w+b", "ab"). *err (may be NULL) gets
 * GP_URL_ERROR (missing file, unknown scheme), GP_IO_ERR or GP_OUT_OF_MEM.
 * transfer: full (gp_io_close). threads: any. */
GpIo *gp_io_open(const char *url, const char *mode, GpErr *err);
/* Bytes read (0 at end) or a negative GpErr. threads: the handle's user. */
int64_t gp_io_read(GpIo *io, void *buf, uint32_t size);
/* Bytes written or a negative GpErr. threads: the handle's user. */
int64_t gp_io_write(GpIo *io, const void *buf, uint32_t size);
/* threads: the handle's user. returns GP_OK or GP_IO_ERR / GP_NOT_SUPPORTED. */
GpErr gp_io_seek(GpIo *io, int64_t offset, int whence);
/* Position, or a negative GpErr. threads: the handle's user. */
int64_t gp_io_tell(GpIo *io);
/* Size in bytes, or -1 when unknown (not seekable). threads: the handle's user. */
int64_t gp_io_size(GpIo *io);
/* Closes and frees; NULL is fine. returns GP_OK or GP_IO_ERR (a failed flush).
 * transfer: full. threads: the handle's user. */
GpErr gp_io_close(GpIo *io);

/* Does the URL name something that can be opened for reading? threads: any. */
bool gp_io_exists(const char *url);
/* The scheme prefix's registered scheme for url, NULL for local paths. threads: any. */
const GpIoScheme *gp_io_scheme_of(const char *url);
/* url resolved against parent: url itself when absolute (scheme or leading '/'),
 * else parent's directory + url, with "./" and "../" segments folded.
 * transfer: full (free()). threads: any. returns NULL on allocation failure. */
char *gp_io_url_concat(const char *parent, const char *url);

#ifdef __cplusplus
}
#endif
#endif /* GP_IO_H */
