/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The AVIOContext bridge: FFmpeg reads and writes through a gp_io handle, so every URL
 * scheme registered with gp_io (local files, gfio://, ...) works with the ff* filters,
 * and FFmpeg's own protocols are never used. ffg_install_io routes the extra files a
 * (de)muxer opens by itself (segments, playlists) through the same bridge. */
#include <errno.h>
#include <stdio.h>

#include <libavutil/mem.h>

#include "ffmpeg_glue.h"

#define FFG_IO_BUFSIZE 32768

/* The opaque of our AVIOContexts. `magic` tells ffg_avio_close it owns the context. */
typedef struct FfgIo {
    uint32_t magic;
    GpIo *io;
    GpErr err; /* last I/O error seen by a callback, for ffg_avio_close */
} FfgIo;

#define FFG_IO_MAGIC GP_4CC('F', 'G', 'I', 'O')

static int
ffg_io_errno(GpErr e)
{
    switch (e) {
    case GP_URL_ERROR: return AVERROR(ENOENT);
    case GP_OUT_OF_MEM: return AVERROR(ENOMEM);
    case GP_NOT_SUPPORTED: return AVERROR(ENOSYS);
    case GP_BAD_PARAM: return AVERROR(EINVAL);
    default: return AVERROR(EIO);
    }
}

static int
ffg_io_read(void *opaque, uint8_t *buf, int size)
{
    FfgIo *fio = opaque;
    int64_t n = gp_io_read(fio->io, buf, (uint32_t)size);
    if (n < 0) {
        fio->err = (GpErr)n;
        return ffg_io_errno((GpErr)n);
    }
    return n ? (int)n : AVERROR_EOF;
}

#if LIBAVFORMAT_VERSION_MAJOR >= 61
#define FFG_WBUF const uint8_t
#else
#define FFG_WBUF uint8_t
#endif

static int
ffg_io_write(void *opaque, FFG_WBUF *buf, int size)
{
    FfgIo *fio = opaque;
    int64_t n = gp_io_write(fio->io, buf, (uint32_t)size);
    if (n < 0 || n != size) {
        fio->err = n < 0 ? (GpErr)n : GP_IO_ERR;
        return ffg_io_errno(fio->err);
    }
    return (int)n;
}

static int64_t
ffg_io_seek(void *opaque, int64_t offset, int whence)
{
    FfgIo *fio = opaque;
    if (whence & AVSEEK_SIZE) {
        int64_t size = gp_io_size(fio->io);
        return size >= 0 ? size : AVERROR(ENOSYS);
    }
    whence &= ~AVSEEK_FORCE;
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
        return AVERROR(EINVAL);
    GpErr e = gp_io_seek(fio->io, offset, whence);
    if (e != GP_OK)
        return ffg_io_errno(e);
    int64_t pos = gp_io_tell(fio->io);
    return pos >= 0 ? pos : ffg_io_errno((GpErr)pos);
}

AVIOContext *
ffg_avio_open(const char *url, const char *mode, GpErr *err)
{
    GpErr e = GP_OK;
    bool writing = mode && (mode[0] == 'w' || mode[0] == 'a');
    FfgIo *fio = av_mallocz(sizeof(*fio));
    uint8_t *buf = av_malloc(FFG_IO_BUFSIZE);
    AVIOContext *pb = NULL;
    if (!fio || !buf) {
        e = GP_OUT_OF_MEM;
        goto fail;
    }
    fio->magic = FFG_IO_MAGIC;
    fio->io = gp_io_open(url, mode ? mode : "rb", &e);
    if (!fio->io) {
        if (e == GP_OK)
            e = GP_IO_ERR;
        goto fail;
    }
    /* seekable when the handle knows its size (files, seekable gfio handles) */
    bool seekable = gp_io_size(fio->io) >= 0;
    pb = avio_alloc_context(buf, FFG_IO_BUFSIZE, writing, fio, writing ? NULL : ffg_io_read,
                            writing ? ffg_io_write : NULL, seekable ? ffg_io_seek : NULL);
    if (!pb) {
        e = GP_OUT_OF_MEM;
        goto fail;
    }
    if (err)
        *err = GP_OK;
    return pb;

fail:
    if (fio && fio->io)
        gp_io_close(fio->io);
    av_free(fio);
    av_free(buf);
    if (err)
        *err = e;
    return NULL;
}

GpErr
ffg_avio_close(AVIOContext **pb)
{
    if (!pb || !*pb)
        return GP_OK;
    AVIOContext *c = *pb;
    FfgIo *fio = c->opaque;
    GpErr e = GP_OK;
    if (c->write_flag) {
        avio_flush(c);
        if (c->error < 0)
            e = fio && fio->err != GP_OK ? fio->err : ffg_err(c->error);
    }
    if (fio && fio->magic == FFG_IO_MAGIC) {
        GpErr ce = gp_io_close(fio->io);
        if (e == GP_OK)
            e = ce;
        av_free(fio);
    }
    av_freep(&c->buffer);
    avio_context_free(pb);
    *pb = NULL;
    return e;
}

/* AVFormatContext.io_open: FFmpeg already resolved `url` against the main URL. */
static int
ffg_io_open_cb(AVFormatContext *s, AVIOContext **pb, const char *url, int flags,
               AVDictionary **options)
{
    (void)s;
    (void)options;
    const char *mode = "rb";
    if ((flags & AVIO_FLAG_READ_WRITE) == AVIO_FLAG_READ_WRITE)
        mode = "w+b";
    else if (flags & AVIO_FLAG_WRITE)
        mode = "wb";
    GpErr e = GP_OK;
    *pb = ffg_avio_open(url, mode, &e);
    return *pb ? 0 : ffg_io_errno(e);
}

static int
ffg_io_close2_cb(AVFormatContext *s, AVIOContext *pb)
{
    (void)s;
    GpErr e = ffg_avio_close(&pb);
    return e == GP_OK ? 0 : ffg_io_errno(e);
}

void
ffg_install_io(AVFormatContext *ctx)
{
    if (!ctx)
        return;
    ctx->io_open = ffg_io_open_cb;
    ctx->io_close2 = ffg_io_close2_cb;
}
