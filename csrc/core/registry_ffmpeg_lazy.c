/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* gp_registry_ffmpeg_classes for the Python extension: loads the FFmpeg-backed classes
 * from the module libgpac_ffmpeg.so.<ABI> installed next to the extension (or the path in
 * GPAC_FFMPEG_MODULE), so `import gpac` does not map FFmpeg's ~130 libraries. The module
 * holds no copy of the core: its gp_* references bind to the extension's exported
 * symbols, which is why the extension is first made global. Never dlclose'd. */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gp/gp.h>

#ifndef GP_FFMPEG_MODULE_FILE /* set by CMakeLists.txt: libgpac_ffmpeg.so.<ABI> */
#error "GP_FFMPEG_MODULE_FILE: the module's file name"
#endif

/* filled once (the registry calls this under pthread_once), then read-only */
static char lazy_why[2048];

static const GpFilterClass *const *
lazy_fail(const char *path, const char *what, uint32_t *nb, const char **why)
{
    snprintf(lazy_why, sizeof(lazy_why), "FFmpeg filters unavailable: %.900s%s%.900s", path,
             *path ? ": " : "", what ? what : "unknown error");
    gp_log_msg(GP_LOG_MODULE, GP_LOG_ERROR, "%s", lazy_why);
    *nb = 0;
    *why = lazy_why;
    return NULL;
}

/* The module's path: GPAC_FFMPEG_MODULE, else the extension's folder + the module name.
 * self: the extension's file. false when it does not fit. */
static bool
lazy_module_path(const char *self, char *path, size_t size)
{
    const char *env = getenv("GPAC_FFMPEG_MODULE");
    if (env && *env)
        return (size_t)snprintf(path, size, "%s", env) < size;
    const char *slash = strrchr(self, '/');
    int dir_len = slash ? (int)(slash - self) : 1;
    const char *dir = slash ? self : ".";
    return (size_t)snprintf(path, size, "%.*s/%s", dir_len, dir, GP_FFMPEG_MODULE_FILE) < size;
}

const GpFilterClass *const *
gp_registry_ffmpeg_classes(uint32_t *nb, const char **why)
{
    Dl_info self;
    char path[4096];
    if (!dladdr((void *)gp_registry_count, &self) || !self.dli_fname)
        return lazy_fail("", "cannot locate the engine's own file (dladdr)", nb, why);
    if (!lazy_module_path(self.dli_fname, path, sizeof(path)))
        return lazy_fail("", "module path too long", nb, why);
    /* Python loads extensions RTLD_LOCAL: promote this one so the module's undefined
     * gp_* symbols resolve against it rather than fail (or find another copy) */
    if (!dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL))
        return lazy_fail("", dlerror(), nb, why); /* dlerror's text names the file */
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!module)
        return lazy_fail("", dlerror(), nb, why);
    GpFilterModuleEntry entry;
    /* POSIX's sanctioned way to turn dlsym's object pointer into a function pointer */
    *(void **)&entry = dlsym(module, GP_FILTER_MODULE_ENTRY);
    if (!entry)
        return lazy_fail(path, "no entry point " GP_FILTER_MODULE_ENTRY, nb, why);
    const GpFilterModule *m = entry();
    if (!m || m->abi != GP_FILTER_MODULE_ABI || m->class_size != sizeof(GpFilterClass) ||
        m->arg_size != sizeof(GpArg) || m->cap_size != sizeof(GpCap) || !m->classes) {
        char what[160];
        snprintf(what, sizeof(what), "built for another engine (ABI %u, expected %u)",
                 m ? m->abi : 0u, (unsigned)GP_FILTER_MODULE_ABI);
        return lazy_fail(path, what, nb, why);
    }
    *nb = m->nb_classes;
    *why = NULL;
    return m->classes;
}
