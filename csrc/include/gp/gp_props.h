/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed property values, the table of built-in properties (name, 4CC, type, flags),
 * property maps carried by PIDs and packets, and the name tables of StreamType,
 * CodecID, PixelFormat and AudioFormat. Nothing here knows about filters. */
#ifndef GP_PROPS_H
#define GP_PROPS_H

#include <stdbool.h>
#include <stdint.h>

#include "gp_error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_4CC(a, b, c, d)                                                               \
    ((((uint32_t)(a)) << 24) | (((uint32_t)(b)) << 16) | (((uint32_t)(c)) << 8) |        \
     ((uint32_t)(d)))

/* Values are GPAC's GF_PROP_* numbers (API.md 1.4.3). */
typedef enum GpPropType {
    GP_PROP_FORBIDDEN = 0,
    GP_PROP_SINT = 1,
    GP_PROP_UINT = 2,
    GP_PROP_LSINT = 3,
    GP_PROP_LUINT = 4,
    GP_PROP_BOOL = 5,
    GP_PROP_FRACTION = 6,
    GP_PROP_FRACTION64 = 7,
    GP_PROP_FLOAT = 8,
    GP_PROP_DOUBLE = 9,
    GP_PROP_VEC2I = 10,
    GP_PROP_VEC2 = 11,
    GP_PROP_VEC3I = 12,
    GP_PROP_VEC4I = 13,
    GP_PROP_STRING = 14,
    GP_PROP_STRING_NO_COPY = 15,
    GP_PROP_DATA = 16,
    GP_PROP_NAME = 17,
    GP_PROP_DATA_NO_COPY = 18,
    GP_PROP_CONST_DATA = 19,
    GP_PROP_POINTER = 20,
    GP_PROP_STRING_LIST = 21,
    GP_PROP_UINT_LIST = 22,
    GP_PROP_SINT_LIST = 23,
    GP_PROP_VEC2I_LIST = 24,
    GP_PROP_4CC = 25,
    GP_PROP_4CC_LIST = 26,
    GP_PROP_STRING_LIST_COPY = 27,
    GP_PROP_FIRST_ENUM = 40,
    GP_PROP_PIXFMT = 40,
    GP_PROP_PCMFMT = 41,
    GP_PROP_CICP_COL_PRIM = 42,
    GP_PROP_CICP_COL_TFC = 43,
    GP_PROP_CICP_COL_MX = 44,
    GP_PROP_CICP_LAYOUT = 45,
    GP_PROP_LAST_DEFINED = 46,
} GpPropType;

typedef struct GpFrac { int32_t num; uint32_t den; } GpFrac;
typedef struct GpFrac64 { int64_t num; uint64_t den; } GpFrac64;
typedef struct GpVec2i { int32_t x, y; } GpVec2i;
typedef struct GpVec2 { double x, y; } GpVec2;
typedef struct GpVec3i { int32_t x, y, z; } GpVec3i;
typedef struct GpVec4i { int32_t x, y, z, w; } GpVec4i;

/* A typed value. Strings, data and lists stored in a map or produced by gp_prop_parse
 * are owned by that value (released by gp_prop_value_reset); a value built by the
 * caller for a setter is only read (the setter copies). STRING_NO_COPY, NAME,
 * DATA_NO_COPY and CONST_DATA are accepted by setters and stored as STRING / DATA
 * copies. Enum types (PIXFMT ... CICP_LAYOUT) keep their value in .uint. */
typedef struct GpPropValue {
    GpPropType type;
    union {
        int32_t sint;
        uint32_t uint;     /* also 4CC, bool-as-uint, enum types */
        int64_t lsint;
        uint64_t luint;
        bool boolean;
        GpFrac frac;
        GpFrac64 lfrac;
        float fnumber;
        double number;
        GpVec2i vec2i;
        GpVec2 vec2;
        GpVec3i vec3i;
        GpVec4i vec4i;
        char *string;
        struct { uint8_t *ptr; uint32_t size; } data;
        void *ptr;
        struct { char **vals; uint32_t nb; } string_list;
        struct { uint32_t *vals; uint32_t nb; } uint_list; /* also 4CC_LIST */
        struct { int32_t *vals; uint32_t nb; } sint_list;
        struct { GpVec2i *vals; uint32_t nb; } v2i_list;
    } value;
} GpPropValue;

/* Value constructors for setters (no allocation; strings/data are borrowed). */
static inline GpPropValue gp_pv_uint(uint32_t v) { GpPropValue p = {GP_PROP_UINT, {.uint = v}}; return p; }
static inline GpPropValue gp_pv_sint(int32_t v) { GpPropValue p = {GP_PROP_SINT, {.sint = v}}; return p; }
static inline GpPropValue gp_pv_luint(uint64_t v) { GpPropValue p = {GP_PROP_LUINT, {.luint = v}}; return p; }
static inline GpPropValue gp_pv_lsint(int64_t v) { GpPropValue p = {GP_PROP_LSINT, {.lsint = v}}; return p; }
static inline GpPropValue gp_pv_bool(bool v) { GpPropValue p = {GP_PROP_BOOL, {.boolean = v}}; return p; }
static inline GpPropValue gp_pv_frac(int32_t n, uint32_t d) { GpPropValue p = {GP_PROP_FRACTION, {.frac = {n, d}}}; return p; }
static inline GpPropValue gp_pv_frac64(int64_t n, uint64_t d) { GpPropValue p = {GP_PROP_FRACTION64, {.lfrac = {n, d}}}; return p; }
static inline GpPropValue gp_pv_double(double v) { GpPropValue p = {GP_PROP_DOUBLE, {.number = v}}; return p; }
static inline GpPropValue gp_pv_string(const char *s) { GpPropValue p = {GP_PROP_STRING, {.string = (char *)s}}; return p; }
static inline GpPropValue gp_pv_4cc(uint32_t v) { GpPropValue p = {GP_PROP_4CC, {.uint = v}}; return p; }
static inline GpPropValue gp_pv_data(const uint8_t *d, uint32_t size) { GpPropValue p = {GP_PROP_DATA, {.data = {(uint8_t *)d, size}}}; return p; }

/* Deep copy of src into dst (dst is overwritten, not reset). NO_COPY/NAME/CONST types
 * become STRING/DATA. transfer: none on src; dst owns the copy.
 * returns GP_OK or GP_OUT_OF_MEM (dst then holds FORBIDDEN). threads: any. */
GpErr gp_prop_value_copy(GpPropValue *dst, const GpPropValue *src);
/* Frees what the value owns and sets it to FORBIDDEN. threads: any. */
void gp_prop_value_reset(GpPropValue *v);
/* Same type and same content (strings compared by content). threads: any. */
bool gp_prop_value_equal(const GpPropValue *a, const GpPropValue *b);

/* Parses text into a value of the given type, following API.md 4.2 (units k/m/g/sec/min,
 * +I/-I, n/d fractions, WxH vectors and size names, 0x hex, lists with ',', 4CCs,
 * booleans yes/true/1/no/false/0). For enum types, the long or short name. `enum_list`
 * ("a|b|c") makes a UINT argument an enum: its value is the index of the name (the
 * index as a number is accepted too). On error, out is FORBIDDEN.
 * transfer: none; out owns what it holds. threads: any.
 * returns GP_OK, GP_BAD_PARAM (malformed or out of the enum). */
GpErr gp_prop_parse(GpPropType type, const char *text, const char *enum_list,
                    GpPropValue *out);

/* Writes a value as text (the form gp_prop_parse reads back; names for enum types;
 * "data,size:N" for data). Returns buf. threads: any. */
char *gp_prop_dump(const GpPropValue *v, char *buf, uint32_t size);

/* Type names: "uint", "frac", "str"... (API.md 1.4.3 CLI spellings) and back.
 * gp_prop_type_parse returns GP_PROP_FORBIDDEN for an unknown name. threads: any. */
const char *gp_prop_type_name(GpPropType type);
GpPropType gp_prop_type_parse(const char *name);

/* ---- Built-in property table (props.tsv) ---- */

#define GP_PROPINFO_DROPPABLE 1u /* D */
#define GP_PROPINFO_PACKET 2u    /* P: a packet property */

typedef struct GpPropInfo {
    const char *name;
    uint32_t code; /* its 4CC */
    GpPropType type;
    uint32_t flags; /* GP_PROPINFO_* */
} GpPropInfo;

/* By name (case-sensitive; "PID" is an alias of "ID"); a 4-character string that is not
 * a name is also tried as a 4CC. NULL when not built-in. threads: any. */
const GpPropInfo *gp_props_find(const char *name);
const GpPropInfo *gp_props_find_code(uint32_t code);
uint32_t gp_props_count(void);
const GpPropInfo *gp_props_at(uint32_t i);

/* Property codes used by the engine and the built-in filters. */
enum {
    GP_P_ID = GP_4CC('P', 'I', 'D', 'I'),
    GP_P_STREAM_TYPE = GP_4CC('P', 'M', 'S', 'T'),
    GP_P_CODECID = GP_4CC('P', 'O', 'T', 'I'),
    GP_P_TIMESCALE = GP_4CC('T', 'I', 'M', 'S'),
    GP_P_DURATION = GP_4CC('P', 'D', 'U', 'R'),
    GP_P_DECODER_CONFIG = GP_4CC('D', 'C', 'F', 'G'),
    GP_P_SAMPLE_RATE = GP_4CC('A', 'U', 'S', 'R'),
    GP_P_SAMPLES_PER_FRAME = GP_4CC('F', 'R', 'M', 'S'),
    GP_P_NUM_CHANNELS = GP_4CC('C', 'H', 'N', 'B'),
    GP_P_CHANNEL_LAYOUT = GP_4CC('C', 'H', 'L', 'O'),
    GP_P_AUDIO_FORMAT = GP_4CC('A', 'F', 'M', 'T'),
    GP_P_WIDTH = GP_4CC('W', 'I', 'D', 'T'),
    GP_P_HEIGHT = GP_4CC('H', 'E', 'I', 'G'),
    GP_P_PIXFMT = GP_4CC('P', 'F', 'M', 'T'),
    GP_P_STRIDE = GP_4CC('V', 'S', 'T', 'Y'),
    GP_P_STRIDE_UV = GP_4CC('V', 'S', 'T', 'C'),
    GP_P_FPS = GP_4CC('V', 'F', 'P', 'F'),
    GP_P_SAR = GP_4CC('P', 'S', 'A', 'R'),
    GP_P_BITRATE = GP_4CC('R', 'A', 'T', 'E'),
    GP_P_LANGUAGE = GP_4CC('L', 'A', 'N', 'G'),
    GP_P_URL = GP_4CC('F', 'U', 'R', 'L'),
    GP_P_FILEPATH = GP_4CC('F', 'S', 'R', 'C'),
    GP_P_MIME = GP_4CC('M', 'I', 'M', 'E'),
    GP_P_FILE_EXT = GP_4CC('F', 'E', 'X', 'T'),
    GP_P_FILE_NAME = GP_4CC('F', 'N', 'A', 'M'),
    GP_P_FILE_NUMBER = GP_4CC('F', 'N', 'U', 'M'),
    GP_P_DOWNLOAD_SIZE = GP_4CC('D', 'L', 'S', 'Z'),
    GP_P_PLAYBACK_MODE = GP_4CC('P', 'B', 'K', 'M'),
    GP_P_NB_FRAMES = GP_4CC('N', 'F', 'R', 'M'),
    GP_P_UNFRAMED = GP_4CC('P', 'F', 'R', 'M'),
};

/* ---- Name tables (API.md 3.4 - 3.7) ---- */

enum {
    GP_STREAM_UNKNOWN = 0x00,
    GP_STREAM_OD = 0x01,
    GP_STREAM_OCR = 0x02,
    GP_STREAM_SCENE = 0x03,
    GP_STREAM_VISUAL = 0x04,
    GP_STREAM_AUDIO = 0x05,
    GP_STREAM_MPEG7 = 0x06,
    GP_STREAM_IPMP = 0x07,
    GP_STREAM_OCI = 0x08,
    GP_STREAM_MPEGJ = 0x09,
    GP_STREAM_INTERACT = 0x0A,
    GP_STREAM_FONT = 0x0C,
    GP_STREAM_TEXT = 0x0D,
    GP_STREAM_METADATA = 0x21,
    GP_STREAM_ENCRYPTED = 0xE0,
    GP_STREAM_FILE = 0xE1,
};

enum {
    GP_CODEC_MPEG4_PART2 = 0x20,
    GP_CODEC_AVC = 0x21,
    GP_CODEC_HEVC = 0x23,
    GP_CODEC_AAC_MPEG4 = 0x40,
    GP_CODEC_MPEG2_MAIN = 0x61,
    GP_CODEC_MPEG1 = 0x6A,
    GP_CODEC_MP3 = 0x6B,
    GP_CODEC_JPEG = 0x6C,
    GP_CODEC_PNG = 0x6D,
    GP_CODEC_AV1 = GP_4CC('A', 'V', '1', ' '),
    GP_CODEC_VP8 = GP_4CC('V', 'P', '0', '8'),
    GP_CODEC_VP9 = GP_4CC('V', 'P', '0', '9'),
    GP_CODEC_OPUS = GP_4CC('O', 'p', 'u', 's'),
    GP_CODEC_FLAC = GP_4CC('f', 'l', 'a', 'c'),
    GP_CODEC_AC3 = GP_4CC('a', 'c', '-', '3'),
    GP_CODEC_RAW = GP_4CC('R', 'A', 'W', 'M'),
};

enum {
    GP_PIXFMT_YUV420 = GP_4CC('Y', 'U', '1', '2'),
    GP_PIXFMT_YUV420_10 = GP_4CC('Y', '0', '1', '0'),
    GP_PIXFMT_YUV422 = GP_4CC('Y', '4', '4', '2'),
    GP_PIXFMT_YUV444 = GP_4CC('Y', '4', '4', '4'),
    GP_PIXFMT_NV12 = GP_4CC('N', 'V', '1', '2'),
    GP_PIXFMT_GREY = GP_4CC('G', 'R', 'E', 'Y'),
    GP_PIXFMT_RGB = GP_4CC('R', 'G', 'B', '3'),
    GP_PIXFMT_BGR = GP_4CC('B', 'G', 'R', '3'),
    GP_PIXFMT_RGBA = GP_4CC('R', 'G', 'B', 'A'),
    GP_PIXFMT_BGRA = GP_4CC('B', 'G', 'R', 'A'),
};

enum {
    GP_AFMT_U8 = 1,
    GP_AFMT_S16 = 2,
    GP_AFMT_S16_BE = 3,
    GP_AFMT_S32 = 4,
    GP_AFMT_S32_BE = 5,
    GP_AFMT_FLT = 6,
    GP_AFMT_FLT_BE = 7,
    GP_AFMT_DBL = 8,
    GP_AFMT_DBL_BE = 9,
    GP_AFMT_S24 = 10,
    GP_AFMT_S24_BE = 11,
    GP_AFMT_U8P = 13,
    GP_AFMT_S16P = 14,
    GP_AFMT_S32P = 15,
    GP_AFMT_FLTP = 16,
    GP_AFMT_DBLP = 17,
    GP_AFMT_S24P = 18,
};

/* Name of a value; for unknown values: "Unknown" (stream type), "raw" (codec), NULL
 * (pixel/audio formats and CICP). threads: any. */
const char *gp_stream_type_name(uint32_t st);
const char *gp_codec_name(uint32_t codecid);          /* first short name: "264" */
const char *gp_pixfmt_name(uint32_t pfmt);            /* short name: "yuv" */
const char *gp_pixfmt_long_name(uint32_t pfmt);       /* long name: "yuv420" */
const char *gp_audio_fmt_name(uint32_t afmt);         /* short name: "pcm" */
const char *gp_audio_fmt_long_name(uint32_t afmt);    /* long name: "s16" */
const char *gp_cicp_name(GpPropType type, uint32_t v); /* CICP_COL_PRIM/TFC/MX */

/* Parse a name (case-insensitive for stream types and short names, all aliases;
 * a decimal number is accepted too). returns GP_OK or GP_BAD_PARAM. threads: any. */
GpErr gp_stream_type_parse(const char *name, uint32_t *out);
GpErr gp_codec_parse(const char *name, uint32_t *out);
GpErr gp_pixfmt_parse(const char *name, uint32_t *out);
GpErr gp_audio_fmt_parse(const char *name, uint32_t *out);
GpErr gp_cicp_parse(GpPropType type, const char *name, uint32_t *out);

/* Bytes per pixel row size and plane layout of a raw pixel format, for size w x h.
 * Fills stride (luma or packed) and stride_uv (0 for packed formats), returns the
 * frame size in bytes, 0 for an unknown format. threads: any. */
uint32_t gp_pixfmt_frame_size(uint32_t pfmt, uint32_t w, uint32_t h, uint32_t *stride,
                              uint32_t *stride_uv);
/* Planes of a raw pixel format for size w x h, in the engine's order (luma or packed,
 * then U and V or interleaved UV, then alpha): for each, the bytes of one line without
 * padding and its number of lines. Lines are Stride apart in planes 0 and 3, StrideUV
 * apart in planes 1 and 2, and the planes follow each other. transfer: none.
 * returns the number of planes (1 to 4), 0 for an unknown or opaque format.
 * threads: any. */
uint32_t gp_pixfmt_planes(uint32_t pfmt, uint32_t w, uint32_t h, uint32_t line[4],
                          uint32_t lines[4]);
/* Bytes per sample of an audio format, 0 when unknown; planar flag. threads: any. */
uint32_t gp_audio_fmt_bytes(uint32_t afmt, bool *planar);

/* ---- Property maps ----
 * A reference-counted list of (code or name) -> value, copy-on-write by the owner.
 * Built-in properties are keyed by code; others ("custom") by name. */
typedef struct GpPropMap GpPropMap;

/* threads: any, but a map is not locked: one writer at a time, and no writer while a
 * map is shared (refcount > 1). */
GpPropMap *gp_propmap_new(void);
GpPropMap *gp_propmap_ref(GpPropMap *map);
void gp_propmap_unref(GpPropMap *map);
uint32_t gp_propmap_refcount(const GpPropMap *map);
/* New map holding copies of every entry. NULL on allocation failure. */
GpPropMap *gp_propmap_clone(const GpPropMap *map);

/* threads: as above (one writer, no writer on a shared map).
 * Set by code (code != 0) or by name (code == 0). A name that is a built-in name or
 * 4CC is stored under the built-in code. v NULL removes. v is copied.
 * returns GP_OK, GP_OUT_OF_MEM, GP_BAD_PARAM (neither code nor name). */
GpErr gp_propmap_set(GpPropMap *map, uint32_t code, const char *name, const GpPropValue *v);
/* NULL when absent. transfer: none (valid until the map changes). threads: as above. */
const GpPropValue *gp_propmap_get(const GpPropMap *map, uint32_t code, const char *name);
/* Iterate: *idx starts at 0. Sets *code (0 for custom) and *name (built-in name or the
 * custom name). Returns NULL at the end. */
const GpPropValue *gp_propmap_enum(const GpPropMap *map, uint32_t *idx, uint32_t *code,
                                   const char **name);
uint32_t gp_propmap_count(const GpPropMap *map);
/* Copies every entry of src into dst (replacing same keys). threads: as above. */
GpErr gp_propmap_merge(GpPropMap *dst, const GpPropMap *src);
void gp_propmap_clear(GpPropMap *map);

/* Live property maps in the process (for leak checks in tests). threads: any. */
int64_t gp_propmap_live_count(void);

#ifdef __cplusplus
}
#endif
#endif /* GP_PROPS_H */
