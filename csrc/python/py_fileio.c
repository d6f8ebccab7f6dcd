/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* FileIO (API.md 2.11): wraps a path into a "gfio://" URL whose files are opened, read,
 * written and seeked by a Python factory. The module registers one gp_io scheme for
 * "gfio://" (its hub lives in a capsule of the module state; the capsule's destructor
 * unregisters it). The URL reads "gfio://0x<addr>-<id>/<name>" (GPAC writes "gfio://<addr>&<n>";
 * an '&' breaks FFmpeg's DASH demuxer, which puts the URL in XML): <id> keys the module's
 * registry (never reused), <name> is the wrapped file's name, so the extension picks
 * the muxer and the names FFmpeg derives for segments and playlists
 * ("gfio://0x..-<id>/seg-1.m4s") resolve against the wrapped file's folder.
 *
 * Python equivalent:
 *
 *     class FileIO:                      # final
 *         def __init__(self, url, factory):
 *             for m in ("open", "close", "write", "read", "seek", "tell"):
 *                 if not hasattr(factory, m):
 *                     raise GPACError(f"No {m} function on FileIO callback")
 *             self.url = "gfio://0x..-N/" + os.path.basename(url)   # read-only
 *         # per file the engine opens: f = copy.copy(factory); f.open(path, mode)
 *         # then f.read(arr, n) / f.write(arr, n) / f.seek(pos, whence) / f.tell()
 *         # / f.close(); factory.exists(path) when defined
 *
 * Memory: the engine's buffer never reaches Python. read() gets a writable array over
 * a fresh bytearray that is copied into the engine's buffer after the call, write() a
 * read-only array over a bytes copy: an array the script keeps stays valid and never
 * touches engine memory. Threads: the scheme callbacks may run on engine workers; each
 * takes the GIL. A factory exception is reported as unraisable (nothing links an I/O
 * handle to a session) and the engine gets an I/O error, which fails the filter. A URL
 * whose FileIO was deallocated gives GP_URL_ERROR. */
#include "py_gpac.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIO_PREFIX "gfio://"
#define FIO_HUB_NAME "gpac._gpac.fileio_hub"

typedef struct PyFileIO {
    PyObject_HEAD
    PyObject *url;     /* str: the gfio URL */
    PyObject *factory; /* NULL once cleared by the GC */
    char *path;        /* the wrapped URL (UTF-8, malloc) */
    char *name;        /* the name shown after the id (malloc) */
    uint64_t id;       /* registry key, 0 when not registered */
} PyFileIO;

#define FileIO_CAST(op) ((PyFileIO *)(op))

/* The module's scheme. Lives in a capsule of the module state. */
typedef struct FioHub {
    GpIoScheme scheme;
    py_state *st;      /* the module state holding the capsule */
    uint64_t next_id;
    bool registered;
} FioHub;

/* One open file: the factory copy the engine's calls go to. */
typedef struct FioHandle {
    PyObject *obj;     /* strong */
    py_state *st;
} FioHandle;

/* ---- helpers (GIL held) ---- */

static void
fio_report(PyObject *obj)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyErr_FormatUnraisable("Exception ignored in FileIO callback of %R", obj);
#else
    PyErr_WriteUnraisable(obj);
#endif
}

/* "gfio://<hex>-<id>[/<tail>]": id and tail (borrowed from url). -1 when malformed. */
static int
fio_parse(const char *url, uint64_t *id, const char **tail)
{
    if (strncmp(url, FIO_PREFIX, strlen(FIO_PREFIX)))
        return -1;
    const char *amp = strchr(url + strlen(FIO_PREFIX), '-');
    if (!amp || amp[1] < '0' || amp[1] > '9')
        return -1;
    char *end = NULL;
    unsigned long long v = strtoull(amp + 1, &end, 10);
    if (*end && *end != '/')
        return -1;
    *id = v;
    *tail = *end ? end + 1 : "";
    return 0;
}

/* The FileIO registered under id (new reference), or NULL (no exception). */
static PyFileIO *
fio_lookup(py_state *st, uint64_t id)
{
    if (!st->fileio_registry)
        return NULL;
    PyObject *key = PyLong_FromUnsignedLongLong(id);
    if (!key)
        return NULL;
    PyObject *addr = PyDict_GetItemWithError(st->fileio_registry, key); /* borrowed */
    Py_DECREF(key);
    if (!addr)
        return NULL;
    PyFileIO *fio = PyLong_AsVoidPtr(addr);
    if (!fio || !fio->factory)
        return NULL;
    Py_INCREF(fio);
    return fio;
}

/* The real path of a gfio URL (malloc), its FileIO in *out (new reference). NULL with
 * *err set (GP_URL_ERROR or GP_OUT_OF_MEM); a Python exception may be pending. */
static char *
fio_resolve(py_state *st, const char *url, PyFileIO **out, GpErr *err)
{
    uint64_t id;
    const char *tail;
    *out = NULL;
    *err = GP_URL_ERROR;
    if (fio_parse(url, &id, &tail) < 0)
        return NULL;
    PyFileIO *fio = fio_lookup(st, id);
    if (!fio)
        return NULL;
    char *path = !*tail || !strcmp(tail, fio->name) ? strdup(fio->path)
                                                     : gp_io_url_concat(fio->path, tail);
    if (!path) {
        Py_DECREF(fio);
        *err = GP_OUT_OF_MEM;
        return NULL;
    }
    *out = fio;
    return path;
}

/* A numpy uint8 array over buffer owner `ba` (bytes or bytearray), or a memoryview. */
static PyObject *
fio_view(py_state *st, PyObject *ba)
{
    if (!st->np_frombuffer && py_numpy_available(st)) {
        PyObject *np = PyImport_ImportModule("numpy");
        if (!np)
            return NULL;
        st->np_frombuffer = PyObject_GetAttrString(np, "frombuffer");
        Py_DECREF(np);
        if (!st->np_frombuffer)
            return NULL;
    }
    if (st->np_frombuffer)
        return PyObject_CallFunction(st->np_frombuffer, "Os", ba, "u1");
    return PyMemoryView_FromObject(ba);
}

/* An int result of a callback as int64 (-1 with TypeError for another type). */
static int
fio_int_result(PyObject *res, const char *what, int64_t *out)
{
    if (!PyLong_Check(res)) {
        PyErr_Format(PyExc_TypeError, "FileIO %s() must return an int, not %.100s", what,
                     Py_TYPE(res)->tp_name);
        return -1;
    }
    long long v = PyLong_AsLongLong(res);
    if (v == -1 && PyErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

/* ---- the gp_io scheme (any thread, GIL not held) ---- */

static GpErr
fio_open(void *udata, const char *url, const char *mode, void **handle)
{
    FioHub *hub = udata;
    GpErr e = GP_URL_ERROR;
    PyGILState_STATE g = PyGILState_Ensure();
    py_state *st = hub->st;
    PyFileIO *fio = NULL;
    PyObject *copy = NULL, *res = NULL;
    FioHandle *h = NULL;
    char *path = fio_resolve(st, url, &fio, &e);
    if (!path)
        goto done;
    e = GP_IO_ERR;
    copy = PyObject_CallOneArg(st->copy_copy, fio->factory);
    if (!copy)
        goto done;
    res = PyObject_CallMethod(copy, "open", "ss", path, mode);
    if (!res)
        goto done;
    int ok = PyObject_IsTrue(res);
    if (ok <= 0) {
        e = ok < 0 ? GP_IO_ERR : GP_URL_ERROR;
        goto done;
    }
    h = calloc(1, sizeof(*h));
    if (!h) {
        e = GP_OUT_OF_MEM;
        goto done;
    }
    h->obj = copy;
    h->st = st;
    copy = NULL;
    *handle = h;
    e = GP_OK;
done:
    if (PyErr_Occurred())
        fio_report(fio ? fio->factory : Py_None);
    Py_XDECREF(res);
    Py_XDECREF(copy);
    Py_XDECREF(fio);
    free(path);
    PyGILState_Release(g);
    return e;
}

static int64_t
fio_read(void *handle, uint8_t *buf, uint32_t size)
{
    FioHandle *h = handle;
    int64_t n = GP_IO_ERR;
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *view = NULL, *res = NULL;
    PyObject *ba = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)size);
    if (!ba)
        goto done;
    memset(PyByteArray_AS_STRING(ba), 0, size);
    view = fio_view(h->st, ba);
    if (!view)
        goto done;
    res = PyObject_CallMethod(h->obj, "read", "OI", view, (unsigned)size);
    if (!res || fio_int_result(res, "read", &n) < 0) {
        n = GP_IO_ERR;
        goto done;
    }
    if (n < 0 || n > (int64_t)size || n > (int64_t)PyByteArray_GET_SIZE(ba)) {
        PyErr_Format(PyExc_ValueError, "FileIO read() returned %lld for a %u-byte buffer",
                     (long long)n, (unsigned)size);
        n = GP_IO_ERR;
        goto done;
    }
    memcpy(buf, PyByteArray_AS_STRING(ba), (size_t)n);
done:
    if (PyErr_Occurred())
        fio_report(h->obj);
    Py_XDECREF(res);
    Py_XDECREF(view);
    Py_XDECREF(ba);
    PyGILState_Release(g);
    return n;
}

static int64_t
fio_write(void *handle, const uint8_t *buf, uint32_t size)
{
    FioHandle *h = handle;
    int64_t n = GP_IO_ERR;
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *view = NULL, *res = NULL;
    PyObject *bytes = PyBytes_FromStringAndSize((const char *)buf, (Py_ssize_t)size);
    if (!bytes)
        goto done;
    view = fio_view(h->st, bytes);
    if (!view)
        goto done;
    res = PyObject_CallMethod(h->obj, "write", "OI", view, (unsigned)size);
    if (!res || fio_int_result(res, "write", &n) < 0)
        n = GP_IO_ERR;
    else if (n < 0 || n > (int64_t)size)
        n = GP_IO_ERR; /* the engine reports the short or failed write */
done:
    if (PyErr_Occurred())
        fio_report(h->obj);
    Py_XDECREF(res);
    Py_XDECREF(view);
    Py_XDECREF(bytes);
    PyGILState_Release(g);
    return n;
}

static GpErr
fio_seek(void *handle, int64_t offset, int whence)
{
    FioHandle *h = handle;
    GpErr e = GP_IO_ERR;
    PyGILState_STATE g = PyGILState_Ensure();
    int64_t v = 0;
    PyObject *res = PyObject_CallMethod(h->obj, "seek", "Li", (long long)offset, whence);
    /* 0 (or None, as a file-like seek wrapper may return) means done */
    if (res && (res == Py_None || fio_int_result(res, "seek", &v) == 0))
        e = v == 0 ? GP_OK : GP_IO_ERR;
    if (PyErr_Occurred())
        fio_report(h->obj);
    Py_XDECREF(res);
    PyGILState_Release(g);
    return e;
}

static int64_t
fio_tell(void *handle)
{
    FioHandle *h = handle;
    int64_t pos = GP_IO_ERR;
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *res = PyObject_CallMethod(h->obj, "tell", NULL);
    if (!res || fio_int_result(res, "tell", &pos) < 0 || pos < 0)
        pos = GP_IO_ERR;
    if (PyErr_Occurred())
        fio_report(h->obj);
    Py_XDECREF(res);
    PyGILState_Release(g);
    return pos;
}

static void
fio_close(void *handle)
{
    FioHandle *h = handle;
    if (!h)
        return;
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *res = PyObject_CallMethod(h->obj, "close", NULL);
    if (!res)
        fio_report(h->obj);
    Py_XDECREF(res);
    Py_DECREF(h->obj);
    free(h);
    PyGILState_Release(g);
}

static bool
fio_exists(void *udata, const char *url)
{
    FioHub *hub = udata;
    bool found = false;
    PyGILState_STATE g = PyGILState_Ensure();
    PyFileIO *fio = NULL;
    GpErr e;
    char *path = fio_resolve(hub->st, url, &fio, &e);
    if (path) {
        int has = PyObject_HasAttrString(fio->factory, "exists");
        PyObject *res = NULL;
        if (has)
            res = PyObject_CallMethod(fio->factory, "exists", "s", path);
        if (res) {
            int t = PyObject_IsTrue(res);
            found = t > 0;
            Py_DECREF(res);
        }
        if (!has) { /* no exists(): try opening it */
            void *h = NULL;
            found = fio_open(udata, url, "rb", &h) == GP_OK;
            if (found)
                fio_close(h);
        }
    }
    if (PyErr_Occurred())
        fio_report(fio ? fio->factory : Py_None);
    Py_XDECREF(fio);
    free(path);
    PyGILState_Release(g);
    return found;
}

static void
fio_hub_free(PyObject *capsule)
{
    FioHub *hub = PyCapsule_GetPointer(capsule, FIO_HUB_NAME);
    if (!hub)
        return;
    if (hub->registered)
        gp_io_unregister_scheme(&hub->scheme);
    free(hub);
}

/* ---- the type ---- */

static const char *const fio_required[] = {"open", "close", "write", "read", "seek", "tell"};

static PyObject *
fileio_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"url", "factory", NULL};
    PyObject *url_obj, *factory;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO:FileIO", kwlist, &url_obj, &factory))
        return NULL;
    py_state *st = py_state_of_type(tp);
    PyObject *fs_url = PyOS_FSPath(url_obj);
    if (!fs_url)
        return NULL;
    if (!PyUnicode_Check(fs_url)) {
        PyErr_Format(PyExc_TypeError, "FileIO() argument 'url' must be str, not %.100s",
                     Py_TYPE(fs_url)->tp_name);
        Py_DECREF(fs_url);
        return NULL;
    }
    for (size_t i = 0; i < sizeof(fio_required) / sizeof(fio_required[0]); i++) {
        int has = PyObject_HasAttrString(factory, fio_required[i]);
        if (!has) {
            char what[64];
            snprintf(what, sizeof(what), "No %s function on FileIO callback", fio_required[i]);
            Py_DECREF(fs_url);
            return py_err_set(st, GP_BAD_PARAM, NULL, what, NULL);
        }
    }
    FioHub *hub = st->fileio_hub ? PyCapsule_GetPointer(st->fileio_hub, FIO_HUB_NAME) : NULL;
    PyFileIO *self = NULL;
    PyObject *key = NULL, *addr = NULL;
    Py_ssize_t len;
    const char *path = PyUnicode_AsUTF8AndSize(fs_url, &len);
    if (!hub || !path)
        goto fail;
    if ((size_t)len != strlen(path) || !len) {
        PyErr_SetString(PyExc_ValueError, "FileIO() url must be a non-empty path without "
                                          "null characters");
        goto fail;
    }
    self = (PyFileIO *)tp->tp_alloc(tp, 0);
    if (!self)
        goto fail;
    self->path = strdup(path);
    const char *slash = strrchr(path, '/');
    self->name = strdup(slash ? slash + 1 : path);
    if (!self->path || !self->name) {
        PyErr_NoMemory();
        goto fail;
    }
    /* ':' would end the URL for the option parser: the name is only shown */
    for (char *c = self->name; *c; c++)
        if (*c == ':')
            *c = '_';
    Py_INCREF(factory);
    self->factory = factory;
    uint64_t id = ++hub->next_id;
    self->url = PyUnicode_FromFormat(FIO_PREFIX "%p-%llu/%s", (void *)self,
                                     (unsigned long long)id, self->name);
    key = PyLong_FromUnsignedLongLong(id);
    addr = PyLong_FromVoidPtr(self);
    if (!self->url || !key || !addr || PyDict_SetItem(st->fileio_registry, key, addr) < 0)
        goto fail;
    self->id = id;
    Py_DECREF(key);
    Py_DECREF(addr);
    Py_DECREF(fs_url);
    return (PyObject *)self;
fail:
    if (!hub && !PyErr_Occurred())
        py_err_set(st, GP_BAD_PARAM, NULL, "FileIO used after module teardown", NULL);
    Py_XDECREF(key);
    Py_XDECREF(addr);
    Py_XDECREF(self);
    Py_DECREF(fs_url);
    return NULL;
}

static PyObject *
fileio_get_url(PyObject *op, void *closure)
{
    PyObject *url = FileIO_CAST(op)->url ? FileIO_CAST(op)->url : Py_None;
    Py_INCREF(url);
    return url;
}

static PyObject *
fileio_repr(PyObject *op)
{
    PyFileIO *self = FileIO_CAST(op);
    return PyUnicode_FromFormat("<FileIO %R for '%s'>", self->url ? self->url : Py_None,
                                self->path ? self->path : "");
}

static int
fileio_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(FileIO_CAST(op)->factory);
    return 0;
}

static int
fileio_clear(PyObject *op)
{
    Py_CLEAR(FileIO_CAST(op)->factory); /* its URL then gives GP_URL_ERROR */
    return 0;
}

static void
fileio_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    PyFileIO *self = FileIO_CAST(op);
    PyObject_GC_UnTrack(op);
    py_state *st = py_state_of_type(tp);
    if (self->id && st->fileio_registry) {
        PyObject *et, *ev, *tb;
        PyErr_Fetch(&et, &ev, &tb);
        PyObject *key = PyLong_FromUnsignedLongLong(self->id);
        if (!key || PyDict_DelItem(st->fileio_registry, key) < 0)
            PyErr_WriteUnraisable(op);
        Py_XDECREF(key);
        PyErr_Restore(et, ev, tb);
    }
    (void)fileio_clear(op);
    Py_CLEAR(self->url);
    free(self->path);
    free(self->name);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyGetSetDef fileio_getset[] = {
    {"url", fileio_get_url, NULL,
     "The gfio:// URL to give load_src()/load_dst() (options may follow after ':').",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(fileio_doc,
             "FileIO(url, factory)\n--\n\n"
             "Wrap url into a gfio:// URL (self.url) whose files go through factory: for\n"
             "each file opened (the main one and the segments or playlists derived from\n"
             "it), copy.copy(factory).open(path, mode) is called, then read(arr, size),\n"
             "write(arr, size), seek(pos, whence), tell() and close() on that copy.\n"
             "factory must have open, close, write, read, seek and tell (GPACError\n"
             "otherwise); exists(path) is used when present.");

static PyType_Slot fileio_slots[] = {
    {Py_tp_doc, (void *)fileio_doc},
    {Py_tp_new, fileio_new},
    {Py_tp_dealloc, fileio_dealloc},
    {Py_tp_traverse, fileio_traverse},
    {Py_tp_clear, fileio_clear},
    {Py_tp_repr, fileio_repr},
    {Py_tp_getset, fileio_getset},
    {0, NULL},
};

static PyType_Spec fileio_spec = {
    .name = "gpac._gpac.FileIO",
    .basicsize = sizeof(PyFileIO),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = fileio_slots,
};

int
py_fileio_setup(PyObject *module, py_state *st)
{
    if (py_add_type(module, &fileio_spec, NULL, &st->FileIO_Type) < 0)
        return -1;
    st->fileio_registry = PyDict_New();
    if (!st->fileio_registry)
        return -1;
    PyObject *copy = PyImport_ImportModule("copy");
    if (!copy)
        return -1;
    st->copy_copy = PyObject_GetAttrString(copy, "copy");
    Py_DECREF(copy);
    if (!st->copy_copy)
        return -1;
    FioHub *hub = calloc(1, sizeof(*hub));
    if (!hub) {
        PyErr_NoMemory();
        return -1;
    }
    st->fileio_hub = PyCapsule_New(hub, FIO_HUB_NAME, fio_hub_free);
    if (!st->fileio_hub) {
        free(hub);
        return -1;
    }
    hub->st = st;
    hub->scheme = (GpIoScheme){
        .prefix = FIO_PREFIX,
        .udata = hub,
        .open = fio_open,
        .read = fio_read,
        .write = fio_write,
        .seek = fio_seek,
        .tell = fio_tell,
        .close = fio_close,
        .exists = fio_exists,
    };
    GpErr e = gp_io_register_scheme(&hub->scheme);
    if (e != GP_OK) {
        py_err_set(st, e, NULL, "cannot register the gfio:// scheme", NULL);
        return -1;
    }
    hub->registered = true;
    return 0;
}
