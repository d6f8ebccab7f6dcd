/* The built-in filter classes, in registry order. The includer defines GP_FILTER(name)
 * and selects a set: GP_FILTERS_CORE (the core's own table, core/registry.c) and/or
 * GP_FILTERS_FFMPEG (the FFmpeg-backed classes: linked in for the CLI and the C tests,
 * or the module that the Python extension loads on first use, ffmpeg/ffmpeg_classes.c). */
#if defined(GP_FILTERS_CORE) && GP_FILTERS_CORE
GP_FILTER(fin)
GP_FILTER(fout)
GP_FILTER(inspect)
GP_FILTER(avgen)
#endif
#if defined(GP_FILTERS_FFMPEG) && GP_FILTERS_FFMPEG
GP_FILTER(ffdmx)
GP_FILTER(ffdec)
GP_FILTER(ffenc)
GP_FILTER(ffsws)
GP_FILTER(ffres)
GP_FILTER(ffmx)
#endif
