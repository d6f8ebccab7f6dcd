/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Module functions and attributes of API.md 1.1/1.2 that py_module.c does not hold:
 * library set-up calls kept for GPAC compatibility (init, close, set_args), sleep,
 * url_concatenate, the copyright strings, numpy_support, the ABI numbers, and the
 * Remotery/websocket entry points, which report "not supported" (this engine has no
 * Remotery). The engine needs no global initialisation, so init/close only validate.
 *
 * Python equivalent:
 *
 *     copyright: str; copyright_cite: str; numpy_support: bool
 *     GF_ABI_MAJOR = gpac_abi_major = 16; GF_ABI_MINOR = gpac_abi_minor = 5
 *     abi_mismatch = False
 *     def init(mem_track=0, profile=None) -> None: ...
 *     def close() -> int: return 0
 *     def set_args(args, /) -> None: ...      # understands -logs=SPEC
 *     def sleep(ms, /) -> None: ...           # GIL released
 *     def url_concatenate(parent, url): ...   # RFC 3986 relative resolution
 *     def set_rmt_fun(obj, /) -> bool: return False  # and rmt_send, rmt_log, rmt_on...
 *     # private test hooks of py_props.c (conversions without a session):
 *     def _prop_roundtrip(name, value, custom_type=0, /) -> tuple[int, object]: ...
 *     def _prop_from_text(name, type, text, /) -> object: ...
 *     def _props_enum(cb, entries, /) -> None: ...
 */
#include "py_gpac.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <time.h>
#endif

#define SYS_COPYRIGHT                                                                    \
    "(c) 2026 gpac-native contributors, LGPL-2.1-or-later; engine design after GPAC "   \
    "(c) Telecom Paris"
#define SYS_CITE                                                                         \
    "GPAC: J. Le Feuvre, C. Concolato, J.-C. Moissinac, \"GPAC: open source multimedia " \
    "framework\", ACM Multimedia 2007, https://doi.org/10.1145/1291233.1291452"

/* ABI of GPAC's binding that this module's API follows (API.md 1.1) */
#define SYS_ABI_MAJOR 16
#define SYS_ABI_MINOR 5

/* ---- argument parsing ---- */

/* ---- init, close, set_args, sleep ---- */

PyDoc_STRVAR(sys_init_doc,
             "init($module, /, mem_track=0, profile=None)\n--\n\n"
             "Kept for GPAC scripts: the engine needs no global initialisation, so this\n"
             "only checks its arguments (mem_track an int, profile None, str or bytes).");

static PyObject *
sys_init(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const names[] = {"mem_track", "profile"};
    PyObject *a[2];
    int64_t mem_track;
    if (py_args_unpack("init", args, nargs, kwnames, names, 0, 2, a) < 0)
        return NULL;
    if (a[0] && py_value_sint(a[0], INT32_MIN, INT32_MAX, &mem_track, "mem_track") < 0)
        return NULL;
    if (a[1] && a[1] != Py_None && !PyUnicode_Check(a[1]) && !PyBytes_Check(a[1])) {
        PyErr_Format(PyExc_TypeError, "init() profile must be None, str or bytes, not %.100s",
                     Py_TYPE(a[1])->tp_name);
        return NULL;
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(sys_close_doc,
             "close($module, /)\n--\n\n"
             "Kept for GPAC scripts: returns 0 (GPAC returns 2 when its memory tracker\n"
             "found leaks; this engine has no tracker to report).");

static PyObject *
sys_close(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(0);
}

PyDoc_STRVAR(sys_set_args_doc,
             "set_args($module, args, /)\n--\n\n"
             "Pass a command line (a list of str; the first item, the program name, is\n"
             "ignored). -logs=SPEC sets log levels as set_logs(SPEC); other options are\n"
             "accepted and ignored. TypeError for anything but a list of str, ValueError\n"
             "for a bad -logs value (nothing is applied then).");

static PyObject *
sys_set_args(PyObject *module, PyObject *arg)
{
    if (!PyList_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "set_args() argument must be a list of str, not %.100s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    PyObject *list = PyList_GetSlice(arg, 0, PyList_GET_SIZE(arg));
    if (!list)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(list);
    PyObject *res = NULL;
    for (Py_ssize_t i = 0; i < n; i++)
        if (!PyUnicode_Check(PyList_GET_ITEM(list, i))) {
            PyErr_Format(PyExc_TypeError, "set_args() item %zd must be a str, not %.100s", i,
                         Py_TYPE(PyList_GET_ITEM(list, i))->tp_name);
            goto done;
        }
    /* levels before: restored when a later -logs fails, so nothing changes on error */
    char saved[1024];
    gp_log_get_tools_levels(saved, sizeof(saved));
    for (Py_ssize_t i = 1; i < n; i++) {
        Py_ssize_t len;
        const char *s = PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(list, i), &len);
        if (!s)
            goto done;
        if (strncmp(s, "-logs=", 6) != 0)
            continue;
        GpErr e = (size_t)len != strlen(s) ? GP_BAD_PARAM : gp_log_set_tools_levels(s + 6, false);
        if (e != GP_OK) {
            (void)gp_log_set_tools_levels(saved, true);
            PyErr_Format(PyExc_ValueError, "set_args(): invalid %R: %s",
                         PyList_GET_ITEM(list, i), gp_strerror(e));
            goto done;
        }
    }
    Py_INCREF(Py_None);
    res = Py_None;
done:
    Py_DECREF(list);
    return res;
}

PyDoc_STRVAR(sys_sleep_doc,
             "sleep($module, ms, /)\n--\n\n"
             "Sleep ms milliseconds with the GIL released (Ctrl-C interrupts it).");

static PyObject *
sys_sleep(PyObject *module, PyObject *arg)
{
    int64_t ms;
    if (py_value_sint(arg, INT64_MIN, UINT32_MAX, &ms, "sleep duration") < 0)
        return NULL;
    if (ms < 0) {
        PyErr_SetString(PyExc_ValueError, "sleep duration must be non-negative");
        return NULL;
    }
#ifdef _WIN32
    Py_BEGIN_ALLOW_THREADS
    Sleep((DWORD)ms);
    Py_END_ALLOW_THREADS
#else
    struct timespec left = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    for (;;) {
        int rc, err;
        Py_BEGIN_ALLOW_THREADS
        rc = nanosleep(&left, &left);
        err = errno;
        Py_END_ALLOW_THREADS
        if (rc == 0)
            break;
        if (err != EINTR) {
            errno = err;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        if (PyErr_CheckSignals() < 0) /* a signal handler raised (KeyboardInterrupt) */
            return NULL;
    }
#endif
    Py_RETURN_NONE;
}

/* ---- url_concatenate ---- */

/* Length of "scheme:" (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"), 0
 * when none. One letter, ':' and a slash is a Windows drive ("C:\\..."), no scheme. */
static size_t
sys_url_scheme(const char *s)
{
    size_t i = 0;
    if (!isalpha((unsigned char)s[0]))
        return 0;
    while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    if (s[i] != ':' || (i == 1 && (s[2] == '/' || s[2] == '\\')))
        return 0;
    return i + 1;
}

/* RFC 3986 5.2.4 on a path: "." and ".." segments removed (".." above the root of an
 * absolute path vanishes, in a relative one it stays). Result written to out, which
 * has room for len + 1 bytes. */
static void
sys_url_remove_dots(const char *path, size_t len, char *out)
{
    bool absolute = len && path[0] == '/';
    size_t o = 0, i = absolute ? 1 : 0;
    size_t kept = 0; /* segments in out that ".." may pop */
    if (absolute)
        out[o++] = '/';
    while (i <= len) {
        size_t j = i;
        while (j < len && path[j] != '/')
            j++;
        size_t n = j - i;
        bool last = j >= len;
        if (n == 1 && path[i] == '.') {
            /* dropped; the trailing '/' stays */
        } else if (n == 2 && path[i] == '.' && path[i + 1] == '.') {
            if (kept) { /* pop "seg/" */
                o--;
                while (o > (absolute ? 1u : 0u) && out[o - 1] != '/')
                    o--;
                kept--;
            } else if (!absolute) {
                memcpy(out + o, "../", 3);
                o += 3;
            }
        } else {
            memcpy(out + o, path + i, n);
            o += n;
            if (!last)
                out[o++] = '/';
            kept += !last;
        }
        i = j + 1;
    }
    out[o] = 0;
}

/* The resolved URL (malloc), or NULL when out of memory. */
static char *
sys_url_resolve(const char *parent, const char *url)
{
    size_t plen = strlen(parent), ulen = strlen(url);
    size_t scheme = sys_url_scheme(parent), auth_end = scheme, path_end = plen, dir_end;
    bool drive = isalpha((unsigned char)url[0]) && url[1] == ':' &&
                 (url[2] == '/' || url[2] == '\\');
    if (!plen || sys_url_scheme(url) || drive)
        return strdup(url);
    if (scheme && parent[scheme] == '/' && parent[scheme + 1] == '/')
        auth_end = scheme + 2 + strcspn(parent + scheme + 2, "/?#");
    if (scheme) /* '?' and '#' only delimit query and fragment in URLs, not file names */
        path_end = auth_end + strcspn(parent + auth_end, "?#");
    char *res = malloc(plen + ulen + 4), *merged = malloc(plen + ulen + 4);
    if (!res || !merged)
        goto oom;
    if (url[0] == '/' && url[1] == '/') { /* network-path reference */
        snprintf(res, plen + ulen + 4, "%.*s%s", (int)scheme, parent, url);
    } else if (url[0] == '?') {
        snprintf(res, plen + ulen + 4, "%.*s%s", (int)path_end, parent, url);
    } else if (url[0] == '#' || !url[0]) { /* same document: the parent, new fragment */
        size_t keep = auth_end + strcspn(parent + auth_end, scheme ? "#" : "");
        snprintf(res, plen + ulen + 4, "%.*s%s", (int)keep, parent, url);
    } else {
        if (url[0] == '/' || url[0] == '\\') { /* absolute path: keep the authority */
            dir_end = auth_end;
        } else { /* merge: the parent's directory (up to its last '/'), then url */
            dir_end = path_end;
            while (dir_end > auth_end && parent[dir_end - 1] != '/' &&
                   parent[dir_end - 1] != '\\')
                dir_end--;
        }
        bool slash = dir_end == auth_end && auth_end > scheme && url[0] != '/';
        snprintf(merged, plen + ulen + 4, "%.*s%s%s", (int)dir_end, parent, slash ? "/" : "",
                 url);
        /* dot segments are removed from the path only, never the query or fragment */
        size_t qpos = auth_end + strcspn(merged + auth_end, scheme ? "?#" : "");
        memcpy(res, merged, auth_end);
        sys_url_remove_dots(merged + auth_end, qpos - auth_end, res + auth_end);
        strcat(res, merged + qpos);
    }
    free(merged);
    return res;
oom:
    free(res);
    free(merged);
    return NULL;
}

PyDoc_STRVAR(sys_url_concatenate_doc,
             "url_concatenate($module, /, parent, url)\n--\n\n"
             "Resolve url relative to parent (RFC 3986 section 5.2): an absolute url\n"
             "(with a scheme, or a Windows drive path) is returned as is; otherwise the\n"
             "last segment of parent's path is replaced and '.'/'..' are resolved. Takes\n"
             "two str or two bytes and returns the same type.");

static PyObject *
sys_url_concatenate(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames)
{
    static const char *const names[] = {"parent", "url"};
    PyObject *a[2];
    if (py_args_unpack("url_concatenate", args, nargs, kwnames, names, 2, 2, a) < 0)
        return NULL;
    bool as_bytes = PyBytes_Check(a[0]) && PyBytes_Check(a[1]);
    if (!as_bytes && !(PyUnicode_Check(a[0]) && PyUnicode_Check(a[1]))) {
        PyErr_Format(PyExc_TypeError,
                     "url_concatenate() takes two str or two bytes, not %.100s and %.100s",
                     Py_TYPE(a[0])->tp_name, Py_TYPE(a[1])->tp_name);
        return NULL;
    }
    const char *s[2];
    for (int i = 0; i < 2; i++) {
        Py_ssize_t len;
        if (as_bytes) {
            s[i] = PyBytes_AS_STRING(a[i]);
            len = PyBytes_GET_SIZE(a[i]);
        } else if (!(s[i] = PyUnicode_AsUTF8AndSize(a[i], &len))) {
            return NULL;
        }
        if ((size_t)len != strlen(s[i])) {
            PyErr_SetString(PyExc_ValueError, "url_concatenate(): embedded null character");
            return NULL;
        }
    }
    char *res = sys_url_resolve(s[0], s[1]);
    if (!res)
        return PyErr_NoMemory();
    PyObject *out = as_bytes ? PyBytes_FromString(res)
                             : PyUnicode_DecodeUTF8(res, (Py_ssize_t)strlen(res), "strict");
    free(res);
    return out;
}

/* ---- Remotery and websocket servers: not built into this engine ---- */

PyDoc_STRVAR(sys_set_rmt_fun_doc,
             "set_rmt_fun($module, obj, /)\n--\n\n"
             "Register obj.on_rmt_event(text) for Remotery messages. TypeError when obj\n"
             "has no on_rmt_event; returns False: this engine has no Remotery support.");

static PyObject *
sys_set_rmt_fun(PyObject *module, PyObject *obj)
{
    int has = PyObject_HasAttrString(obj, "on_rmt_event");
    if (!has) {
        PyErr_SetString(PyExc_TypeError, "No on_rmt_event function on callback");
        return NULL;
    }
    Py_RETURN_FALSE;
}

static PyObject *
sys_rmt_text(PyObject *module, PyObject *text, const char *fname)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s() argument must be str, not %.100s", fname,
                     Py_TYPE(text)->tp_name);
        return NULL;
    }
    Py_RETURN_FALSE;
}

PyDoc_STRVAR(sys_rmt_send_doc,
             "rmt_send($module, text, /)\n--\n\n"
             "Send text to the Remotery browser: returns False (no Remotery support).");

static PyObject *
sys_rmt_send(PyObject *module, PyObject *text)
{
    return sys_rmt_text(module, text, "rmt_send");
}

PyDoc_STRVAR(sys_rmt_log_doc,
             "rmt_log($module, text, /)\n--\n\n"
             "Log text in the profiler: returns False (no Remotery support).");

static PyObject *
sys_rmt_log(PyObject *module, PyObject *text)
{
    return sys_rmt_text(module, text, "rmt_log");
}

PyDoc_STRVAR(sys_rmt_on_doc,
             "rmt_on($module, /)\n--\n\n"
             "Whether profiler sampling is enabled: always False (no Remotery support).");

static PyObject *
sys_rmt_on(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_FALSE;
}

PyDoc_STRVAR(sys_rmt_enable_doc,
             "rmt_enable($module, value, /)\n--\n\n"
             "Enable or disable profiler sampling: does nothing (no Remotery support).");

static PyObject *
sys_rmt_enable(PyObject *module, PyObject *value)
{
    Py_RETURN_NONE;
}

static PyObject *
sys_enable_ws(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, const char *fname)
{
    static const char *const names[] = {"enable"};
    PyObject *a[1];
    if (py_args_unpack(fname, args, nargs, kwnames, names, 0, 1, a) < 0)
        return NULL;
    if (a[0] && PyObject_IsTrue(a[0]) < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(sys_enable_rmtws_doc,
             "enable_rmtws($module, /, enable=True)\n--\n\n"
             "Start or stop the monitoring websocket server: does nothing (no websocket\n"
             "monitoring in this engine).");

static PyObject *
sys_enable_rmtws(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return sys_enable_ws(args, nargs, kwnames, "enable_rmtws");
}

PyDoc_STRVAR(sys_enable_userws_doc,
             "enable_userws($module, /, enable=True)\n--\n\n"
             "Start or stop the user websocket server: does nothing (no websocket server\n"
             "in this engine).");

static PyObject *
sys_enable_userws(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return sys_enable_ws(args, nargs, kwnames, "enable_userws");
}

PyDoc_STRVAR(sys_set_rmt_handler_doc,
             "set_rmt_handler($module, obj, /)\n--\n\n"
             "Install an RMTHandler-like object on the monitoring websocket server:\n"
             "returns False (not supported).");

static PyObject *
sys_set_rmt_handler(PyObject *module, PyObject *obj)
{
    Py_RETURN_FALSE;
}

PyDoc_STRVAR(sys_set_userws_handler_doc,
             "set_userws_handler($module, obj, /)\n--\n\n"
             "Install a handler on the user websocket server: returns False (not\n"
             "supported).");

static PyObject *
sys_set_userws_handler(PyObject *module, PyObject *obj)
{
    Py_RETURN_FALSE;
}

/* ---- private test hooks of py_props.c: conversions without a session ---- */

/* Key and value to a typed C value, as FilterPid.set_prop does; code and name as
 * py_prop_key. -1 with the exception set. */
static int
sys_hook_convert(py_state *st, PyObject *key, PyObject *value, PyObject *ctype,
                   uint32_t *code, const char **name, GpPropValue *v)
{
    int64_t custom_type = 0;
    memset(v, 0, sizeof(*v));
    if (py_prop_key(key, code, name) < 0)
        return -1;
    if (ctype && py_value_sint(ctype, INT32_MIN, INT32_MAX, &custom_type, "custom_type") < 0)
        return -1;
    return py_prop_from_python(st, *code, *name, value, (int)custom_type, v);
}

static PyObject *
sys_prop_roundtrip(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    py_state *st = py_state_of_module(module);
    uint32_t code;
    const char *name;
    GpPropValue v;
    if (nargs < 2 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "_prop_roundtrip() takes 2 or 3 arguments (%zd given)",
                     nargs);
        return NULL;
    }
    bool remove = args[1] == Py_None; /* None removes, as set_prop(name, None) */
    if (remove) {
        memset(&v, 0, sizeof(v));
        if (py_prop_key(args[0], &code, &name) < 0)
            return NULL;
    } else if (sys_hook_convert(st, args[0], args[1], nargs > 2 ? args[2] : NULL, &code,
                                  &name, &v) < 0) {
        return NULL;
    }
    GpPropMap *map = gp_propmap_new();
    GpErr e = map ? gp_propmap_set(map, code, name, remove ? NULL : &v) : GP_OUT_OF_MEM;
    gp_prop_value_reset(&v);
    PyObject *res = NULL;
    if (e != GP_OK) {
        py_err_set(st, e, NULL, "_prop_roundtrip", NULL);
    } else {
        const GpPropValue *got = gp_propmap_get(map, code, name);
        PyObject *val = py_prop_to_python(st, code, got);
        if (val)
            res = Py_BuildValue("(iN)", got ? (int)got->type : 0, val);
    }
    gp_propmap_unref(map);
    return res;
}

static PyObject *
sys_prop_from_text(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    py_state *st = py_state_of_module(module);
    uint32_t code;
    const char *name;
    int64_t type;
    GpPropValue v;
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "_prop_from_text() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    if (py_prop_key(args[0], &code, &name) < 0 ||
        py_value_sint(args[1], 0, GP_PROP_LAST_DEFINED - 1, &type, "type") < 0)
        return NULL;
    if (!PyUnicode_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "_prop_from_text() text must be a str");
        return NULL;
    }
    const char *text = PyUnicode_AsUTF8(args[2]);
    if (!text)
        return NULL;
    if (gp_prop_parse((GpPropType)type, text, NULL, &v) != GP_OK) {
        PyErr_Format(PyExc_ValueError, "cannot parse %R as %s", args[2],
                     gp_prop_type_name((GpPropType)type));
        return NULL;
    }
    PyObject *res = py_prop_to_python(st, code, &v);
    gp_prop_value_reset(&v);
    return res;
}

static const GpPropValue *
sys_map_enum(void *ctx, uint32_t *idx, uint32_t *code, const char **name)
{
    return gp_propmap_enum((const GpPropMap *)ctx, idx, code, name);
}

/* Fills map from a list of (name, value, custom_type) tuples. */
static int
sys_fill_map(py_state *st, GpPropMap *map, PyObject *entries)
{
    if (!PyList_Check(entries)) {
        PyErr_SetString(PyExc_TypeError, "_props_enum() entries must be a list");
        return -1;
    }
    PyObject *list = PyList_GetSlice(entries, 0, PyList_GET_SIZE(entries));
    if (!list)
        return -1;
    int rc = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list) && rc == 0; i++) {
        PyObject *e = PyList_GET_ITEM(list, i);
        uint32_t code;
        const char *name;
        GpPropValue v;
        if (!PyTuple_Check(e) || PyTuple_GET_SIZE(e) != 3) {
            PyErr_SetString(PyExc_TypeError, "entries are (name, value, custom_type) tuples");
            rc = -1;
        } else if (sys_hook_convert(st, PyTuple_GET_ITEM(e, 0), PyTuple_GET_ITEM(e, 1),
                                      PyTuple_GET_ITEM(e, 2), &code, &name, &v) < 0) {
            rc = -1;
        } else {
            GpErr err = gp_propmap_set(map, code, name, &v);
            gp_prop_value_reset(&v);
            if (err != GP_OK) {
                py_err_set(st, err, NULL, "_props_enum", NULL);
                rc = -1;
            }
        }
    }
    Py_DECREF(list);
    return rc;
}

static PyObject *
sys_props_enum(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    py_state *st = py_state_of_module(module);
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "_props_enum() takes 2 arguments (%zd given)", nargs);
        return NULL;
    }
    GpPropMap *map = gp_propmap_new();
    if (!map)
        return PyErr_NoMemory();
    int rc = sys_fill_map(st, map, args[1]);
    if (rc == 0)
        rc = py_props_enum(st, args[0], sys_map_enum, map);
    gp_propmap_unref(map);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(sys_prop_roundtrip_doc,
             "_prop_roundtrip($module, name, value, custom_type=0, /)\n--\n\n"
             "Private (tests): convert value as set_prop(name, value, custom_type) does,\n"
             "store it in a property map, read it back. Returns (stored GF_PROP_* type,\n"
             "Python value); None removes, giving (0, None).");
PyDoc_STRVAR(sys_prop_from_text_doc,
             "_prop_from_text($module, name, type, text, /)\n--\n\n"
             "Private (tests): parse text as a GF_PROP_* type, the way a C filter would\n"
             "store it, and read it back as the property `name`.");
PyDoc_STRVAR(sys_props_enum_doc,
             "_props_enum($module, cb, entries, /)\n--\n\n"
             "Private (tests): store entries, a list of (name, value, custom_type), in a\n"
             "property map and call cb.on_prop_enum(name, value) for each.");

#define FASTKW(fn) (PyCFunction)(void (*)(void))(fn), METH_FASTCALL | METH_KEYWORDS
#define FAST(fn)   (PyCFunction)(void (*)(void))(fn), METH_FASTCALL

static PyMethodDef sys_methods[] = {
    {"init", FASTKW(sys_init), sys_init_doc},
    {"close", sys_close, METH_NOARGS, sys_close_doc},
    {"set_args", sys_set_args, METH_O, sys_set_args_doc},
    {"sleep", sys_sleep, METH_O, sys_sleep_doc},
    {"url_concatenate", FASTKW(sys_url_concatenate), sys_url_concatenate_doc},
    {"set_rmt_fun", sys_set_rmt_fun, METH_O, sys_set_rmt_fun_doc},
    {"rmt_send", sys_rmt_send, METH_O, sys_rmt_send_doc},
    {"rmt_log", sys_rmt_log, METH_O, sys_rmt_log_doc},
    {"rmt_on", sys_rmt_on, METH_NOARGS, sys_rmt_on_doc},
    {"rmt_enable", sys_rmt_enable, METH_O, sys_rmt_enable_doc},
    {"enable_rmtws", FASTKW(sys_enable_rmtws), sys_enable_rmtws_doc},
    {"enable_userws", FASTKW(sys_enable_userws), sys_enable_userws_doc},
    {"set_rmt_handler", sys_set_rmt_handler, METH_O, sys_set_rmt_handler_doc},
    {"set_userws_handler", sys_set_userws_handler, METH_O, sys_set_userws_handler_doc},
    {"_prop_roundtrip", FAST(sys_prop_roundtrip), sys_prop_roundtrip_doc},
    {"_prop_from_text", FAST(sys_prop_from_text), sys_prop_from_text_doc},
    {"_props_enum", FAST(sys_props_enum), sys_props_enum_doc},
    {NULL, NULL, 0, NULL},
};

#undef FASTKW
#undef FAST

/* ---- attributes ---- */

/* importlib.util.find_spec("numpy") is not None: whether numpy can be imported, found
 * without importing it (import gpac stays cheap; py_packet_view.c imports on use). */
static int
sys_numpy_findable(void)
{
    PyObject *util = PyImport_ImportModule("importlib.util");
    if (!util)
        return -1;
    PyObject *spec = PyObject_CallMethod(util, "find_spec", "s", "numpy");
    Py_DECREF(util);
    if (!spec) {
        /* find_spec raises ValueError when a half-imported numpy has no __spec__ */
        if (!PyErr_ExceptionMatches(PyExc_ValueError))
            return -1;
        PyErr_Clear(); /* house-style: an unusable numpy counts as no numpy */
        return 0;
    }
    int found = spec != Py_None;
    Py_DECREF(spec);
    return found;
}

int
py_sys_setup(PyObject *module, py_state *st)
{
    (void)st;
    int numpy = sys_numpy_findable();
    if (numpy < 0)
        return -1;
    if (PyModule_AddFunctions(module, sys_methods) < 0 ||
        PyModule_AddStringConstant(module, "copyright", SYS_COPYRIGHT) < 0 ||
        PyModule_AddStringConstant(module, "copyright_cite", SYS_COPYRIGHT "\n" SYS_CITE) < 0 ||
        PyModule_AddObjectRef(module, "numpy_support", numpy ? Py_True : Py_False) < 0 ||
        PyModule_AddObjectRef(module, "abi_mismatch", Py_False) < 0 ||
        PyModule_AddIntConstant(module, "GF_ABI_MAJOR", SYS_ABI_MAJOR) < 0 ||
        PyModule_AddIntConstant(module, "GF_ABI_MINOR", SYS_ABI_MINOR) < 0 ||
        PyModule_AddIntConstant(module, "gpac_abi_major", SYS_ABI_MAJOR) < 0 ||
        PyModule_AddIntConstant(module, "gpac_abi_minor", SYS_ABI_MINOR) < 0)
        return -1;
    return 0;
}
