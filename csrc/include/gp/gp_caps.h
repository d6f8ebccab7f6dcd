/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Capabilities: what a filter accepts and produces, as bundles of (property, value,
 * flags). Graph resolution (core/graph.c) matches PIDs against them and chains
 * filters whose output bundles feed other filters' input bundles. */
#ifndef GP_CAPS_H
#define GP_CAPS_H

#include "gp_props.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Atoms, GPAC's values (API.md 1.4.6). */
enum {
    GP_CAPFLAG_IN_BUNDLE = 1,
    GP_CAPFLAG_INPUT = 2,
    GP_CAPFLAG_OUTPUT = 4,
    GP_CAPFLAG_EXCLUDED = 8,
    GP_CAPFLAG_LOADED_FILTER = 16,
    GP_CAPFLAG_STATIC = 32,
    GP_CAPFLAG_OPTIONAL = 64,
    GP_CAPFLAG_PRESENT = 128,
    GP_CAPFLAG_RECONFIG = 256,
};

/* Composites. */
enum {
    GP_CAPS_INPUT = 3,
    GP_CAPS_INPUT_OPT = 67,
    GP_CAPS_INPUT_STATIC = 35,
    GP_CAPS_INPUT_STATIC_OPT = 99,
    GP_CAPS_INPUT_EXCLUDED = 11,
    GP_CAPS_INPUT_LOADED_FILTER = 19,
    GP_CAPS_OUTPUT = 5,
    GP_CAPS_OUTPUT_LOADED_FILTER = 21,
    GP_CAPS_OUTPUT_EXCLUDED = 13,
    GP_CAPS_OUTPUT_STATIC = 37,
    GP_CAPS_OUTPUT_STATIC_EXCLUDED = 45,
    GP_CAPS_INPUT_OUTPUT = 7,
    GP_CAPS_INPUT_OUTPUT_OPT = 71,
};

/* One capability. Built-in properties use `code`; custom ones `name` (code 0).
 * A cap whose flags lack GP_CAPFLAG_IN_BUNDLE ends the current bundle and is not
 * itself a capability (write it as GP_CAP_END_BUNDLE). STATIC caps (in or out) belong
 * to every bundle of the filter. Values of enum-like uint properties (StreamType,
 * CodecID, PixelFormat, AudioFormat) are their numbers. */
typedef struct GpCap {
    uint32_t code;
    const char *name;
    GpPropValue val;
    uint32_t flags;
    uint8_t priority; /* 0 = default; higher values are preferred less (GPAC) */
} GpCap;

#define GP_CAP_UINT(fl, c, v) {.code = (c), .val = {GP_PROP_UINT, {.uint = (v)}}, .flags = (fl)}
#define GP_CAP_BOOL(fl, c, v) {.code = (c), .val = {GP_PROP_BOOL, {.boolean = (v)}}, .flags = (fl)}
#define GP_CAP_STRING(fl, c, s)                                                          \
    {.code = (c), .val = {GP_PROP_STRING, {.string = (char *)(s)}}, .flags = (fl)}
#define GP_CAP_END_BUNDLE {.code = 0, .flags = 0}

/* Number of bundles in a caps table (STATIC caps are not a bundle of their own).
 * threads: any. */
uint32_t gp_caps_bundle_count(const GpCap *caps, uint32_t nb_caps);

#ifdef __cplusplus
}
#endif
#endif /* GP_CAPS_H */
