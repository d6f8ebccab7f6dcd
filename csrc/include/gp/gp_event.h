/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Filter events. Sent on an input PID they travel upstream (toward sources: PLAY,
 * STOP, SOURCE_SEEK, BUFFER_REQ...); sent on an output PID they travel downstream
 * (INFO_UPDATE, SEGMENT_SIZE, FILE_DELETE...). Each filter on the way gets
 * process_event(); returning true stops the event there. */
#ifndef GP_EVENT_H
#define GP_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "gp_props.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct GpPid GpPid;

/* GPAC's GF_FEVT_* values (API.md 1.4.4). */
typedef enum GpEventType {
    GP_FEVT_PLAY = 1,
    GP_FEVT_SET_SPEED = 2,
    GP_FEVT_STOP = 3,
    GP_FEVT_PAUSE = 4,
    GP_FEVT_RESUME = 5,
    GP_FEVT_SOURCE_SEEK = 6,
    GP_FEVT_SOURCE_SWITCH = 7,
    GP_FEVT_SEGMENT_SIZE = 8,
    GP_FEVT_ATTACH_SCENE = 9,
    GP_FEVT_RESET_SCENE = 10,
    GP_FEVT_QUALITY_SWITCH = 11,
    GP_FEVT_VISIBILITY_HINT = 12,
    GP_FEVT_INFO_UPDATE = 13,
    GP_FEVT_BUFFER_REQ = 14,
    GP_FEVT_CAPS_CHANGE = 15,
    GP_FEVT_CONNECT_FAIL = 16,
    GP_FEVT_USER = 17,
    GP_FEVT_PLAY_HINT = 18,
    GP_FEVT_FILE_DELETE = 19,
    GP_FEVT_FRAGMENT_SIZE = 20,
    GP_FEVT_TRANSPORT_HINTS = 21,
    GP_FEVT_NTP_REF = 22,
    GP_FEVT_DASH_QUALITY_SELECT = 23,
    GP_FEVT_NETWORK_HINT = 24,
    GP_FEVT_LAST = 24,
} GpEventType;

#define GP_EVENT_BASE_FIELDS                                                             \
    GpEventType type;                                                                    \
    GpPid *on_pid /* set by the engine to the PID the receiving filter sees */

typedef struct GpEventBase { GP_EVENT_BASE_FIELDS; } GpEventBase;

typedef struct GpEventPlay {
    GP_EVENT_BASE_FIELDS;
    double start_range, end_range; /* seconds */
    double speed;                  /* 0 is taken as 1 */
    uint32_t from_pck, to_pck;
    uint8_t hw_buffer_reset, initial_broadcast_play, timestamp_based, full_file_only;
    uint8_t forced_dash_segment_switch, drop_non_ref, no_byterange_forward;
    int64_t orig_delay;
    uint64_t hint_first_dts, hint_start_offset, hint_end_offset;
} GpEventPlay;

typedef struct GpEventSeek {
    GP_EVENT_BASE_FIELDS;
    uint64_t start_offset, end_offset;
    const char *source_switch; /* borrowed for the event's lifetime */
    uint8_t is_init_segment, skip_cache_expiration;
    uint32_t hint_block_size;
} GpEventSeek;

typedef struct GpEventBufferReq {
    GP_EVENT_BASE_FIELDS;
    uint32_t max_buffer_us, max_playout_us, min_playout_us;
    uint8_t pid_only;
} GpEventBufferReq;

typedef struct GpEventQualitySwitch {
    GP_EVENT_BASE_FIELDS;
    uint8_t up;
    uint32_t dependent_group_index;
    int32_t q_idx;
    uint32_t set_tile_mode_plus_one, quality_degradation;
} GpEventQualitySwitch;

typedef struct GpEventVisibilityHint {
    GP_EVENT_BASE_FIELDS;
    uint32_t min_x, max_x, min_y, max_y;
    uint8_t is_gaze;
} GpEventVisibilityHint;

typedef struct GpEventSegmentSize {
    GP_EVENT_BASE_FIELDS;
    const char *seg_url;
    uint8_t is_init, is_shift;
    uint64_t media_range_start, media_range_end, idx_range_start, idx_range_end;
} GpEventSegmentSize;

typedef struct GpEventFragmentSize {
    GP_EVENT_BASE_FIELDS;
    uint8_t is_last, independent;
    uint64_t offset;
    uint32_t size;
    GpFrac64 duration;
} GpEventFragmentSize;

typedef struct GpEventFileDelete {
    GP_EVENT_BASE_FIELDS;
    const char *url;
} GpEventFileDelete;

typedef struct GpEventTransportHints {
    GP_EVENT_BASE_FIELDS;
    uint32_t flags;
    GpFrac seg_duration;
    uint8_t gen_dsi_only, wait_seg_boundary;
} GpEventTransportHints;

typedef struct GpEventNtp {
    GP_EVENT_BASE_FIELDS;
    uint64_t ntp;
} GpEventNtp;

typedef struct GpEventUser {
    GP_EVENT_BASE_FIELDS;
    uint32_t kind; /* mouse, key, char, size, show ... (binding-defined layout) */
    int32_t x, y, wheel, button, keys, key_code, hw_code, flags;
    uint32_t unicode_char, width, height, window_id;
} GpEventUser;

typedef union GpEvent {
    GpEventBase base;
    GpEventPlay play;
    GpEventSeek seek;
    GpEventBufferReq buffer_req;
    GpEventQualitySwitch quality_switch;
    GpEventVisibilityHint visibility_hint;
    GpEventSegmentSize seg_size;
    GpEventFragmentSize frag_size;
    GpEventFileDelete file_del;
    GpEventTransportHints transport_hints;
    GpEventNtp ntp;
    GpEventUser user;
} GpEvent;

/* Zero-fills evt and sets type and on_pid. threads: any. */
static inline void
gp_event_init(GpEvent *evt, GpEventType type, GpPid *pid)
{
    GpEvent z = {0};
    *evt = z;
    evt->base.type = type;
    evt->base.on_pid = pid;
}

/* "PLAY", "STOP"... ; "UNKNOWN" otherwise. threads: any. */
const char *gp_event_name(uint32_t type);

#ifdef __cplusplus
}
#endif
#endif /* GP_EVENT_H */
