/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Packets: reference-counted payload + timing + flags + optional properties. Kinds:
 * allocated, reference to another packet's data, shared (memory owned by the producer,
 * given back through a release callback), clone, copy. Ownership and lifecycle rules
 * are in docs/filter_design.md. */
#ifndef GP_PACKET_H
#define GP_PACKET_H

#include <stdbool.h>
#include <stdint.h>

#include "gp_props.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct GpPacket GpPacket;
typedef struct GpPid GpPid;
typedef struct GpFilter GpFilter;

#define GP_NO_TS UINT64_MAX /* dts/cts/byte_offset not set */

/* Timing and flags (API.md 1.4.11). Writable through gp_packet_info() on an output
 * packet that has not been sent; read-only otherwise. */
typedef struct GpPacketInfo {
    uint64_t dts, cts;   /* in the PID timescale; GP_NO_TS when unset */
    uint32_t dur;
    uint8_t sap;         /* 0..5 */
    uint8_t interlaced;  /* 0 progressive, 1 top first, 2 bottom first */
    uint8_t crypt;       /* bit 0: encrypted */
    uint8_t clock_type;  /* 0 none, 1 PCR, 2 PCR discontinuity */
    uint8_t carousel;
    uint8_t deps;        /* sdtp layout */
    bool start, end;     /* framing: a full frame has both */
    bool seek;           /* decoded but not shown (after a seek) */
    bool corrupted;
    int16_t roll;
    uint32_t seqnum;
    uint64_t byte_offset; /* GP_NO_TS when unknown */
} GpPacketInfo;

/* Called when the last reference on a shared packet goes: the producer may reuse its
 * memory. Runs on the thread dropping the last reference (any thread).
 * transfer: none for every argument. */
typedef void (*GpPacketReleaseFn)(GpFilter *filter, GpPid *opid, GpPacket *pck);

/* Alignment of the memory of allocated packets (new_alloc, copy, detached clones). */
#define GP_PACKET_ALIGN 64

/* Allocated packet of `size` bytes on output PID opid; *data (may be NULL) gets the
 * writable memory, aligned on GP_PACKET_ALIGN bytes. Timing unset, start=end=1.
 * transfer: full (the caller owns the packet until gp_packet_send or discard).
 * threads: filter callbacks of opid's filter. returns NULL on allocation failure. */
GpPacket *gp_packet_new_alloc(GpPid *opid, uint32_t size, uint8_t **data);

/* Packet whose data is src's data [offset, offset+size) (size 0: to the end); holds a
 * reference on src; data read-only; no timing copied. transfer: none on src, full on
 * the result. returns NULL on bad range or allocation failure. threads: filter callbacks. */
GpPacket *gp_packet_new_ref(GpPid *opid, GpPacket *src, uint32_t offset, uint32_t size);

/* Packet over memory owned by the producer; `release` is mandatory and runs once, when
 * the packet is destroyed. transfer: none on data (must stay valid until release).
 * returns NULL (and never calls release) on failure. threads: filter callbacks. */
GpPacket *gp_packet_new_shared(GpPid *opid, const uint8_t *data, uint32_t size,
                               GpPacketReleaseFn release, void *release_udata);
/* The udata given to gp_packet_new_shared. threads: any. */
void *gp_packet_shared_udata(const GpPacket *pck);

/* Writable packet with src's timing, flags and properties. When the caller holds the
 * only reference on src's memory (src's refcount is 1 and its data is allocated by the
 * engine) the memory is moved, not copied (src then has no data); otherwise copied.
 * *data gets the writable memory. transfer: none on src. threads: filter callbacks. */
GpPacket *gp_packet_new_clone(GpPid *opid, GpPacket *src, uint8_t **data);

/* New allocation with a copy of src's data, timing, flags and properties.
 * transfer: none on src. threads: filter callbacks. */
GpPacket *gp_packet_new_copy(GpPid *opid, GpPacket *src, uint8_t **data);

/* Detached copy not attached to any PID (for the binding's clone()); reuses `cached`
 * when its buffer is big enough, else unrefs it. transfer: full on cached and result.
 * threads: any. */
GpPacket *gp_packet_clone_detached(GpPacket *src, GpPacket *cached);

/* Sends a new packet referencing src's data with src's timing, flags and properties.
 * transfer: none on src. threads: filter callbacks. */
GpErr gp_packet_forward(GpPacket *src, GpPid *opid);

/* Queues the packet on every consumer of its PID (dropped when the PID has none).
 * transfer: full, in all cases: on error the packet is destroyed.
 * threads: filter callbacks of the producer. returns GP_OK, GP_BAD_PARAM (not an
 * output packet, or already sent). */
GpErr gp_packet_send(GpPacket *pck);

/* Destroys an unsent output packet. transfer: full. threads: filter callbacks. */
void gp_packet_discard(GpPacket *pck);

/* Reference counting. threads: any. transfer: ref returns a new reference; unref
 * consumes one. */
GpPacket *gp_packet_ref(GpPacket *pck);
void gp_packet_unref(GpPacket *pck);
uint32_t gp_packet_refcount(const GpPacket *pck);

/* Payload. NULL with size 0 for an empty packet. transfer: none (valid while the
 * caller holds a reference). threads: any. */
const uint8_t *gp_packet_data(const GpPacket *pck, uint32_t *size);
/* Writable payload: only for an unsent output packet that owns writable memory
 * (alloc, clone, copy, shared not marked read-only); NULL otherwise. */
uint8_t *gp_packet_data_rw(GpPacket *pck, uint32_t *size);
bool gp_packet_is_writable(const GpPacket *pck);
/* Marks a shared packet's memory read-only. */
void gp_packet_set_readonly(GpPacket *pck);
/* Shrinks the payload. returns GP_BAD_PARAM when size is larger or pck was sent. */
GpErr gp_packet_truncate(GpPacket *pck, uint32_t size);

/* Timing/flags: writable only while the packet is an unsent output packet (see
 * gp_packet_is_writable_info), read-only otherwise. transfer: none. threads: any. */
GpPacketInfo *gp_packet_info(GpPacket *pck);
const GpPacketInfo *gp_packet_info_const(const GpPacket *pck);
bool gp_packet_is_output(const GpPacket *pck); /* created by new_* and not yet sent */
bool gp_packet_was_sent(const GpPacket *pck);
/* The PID the packet was created on (an output PID). transfer: none. */
GpPid *gp_packet_pid(const GpPacket *pck);
/* Timescale of the packet's PID at creation (0 when unknown). */
uint32_t gp_packet_timescale(const GpPacket *pck);

/* Packet properties (built-in code, or name with code 0; v NULL removes). Setting
 * requires an unsent output packet. returns GP_OK, GP_BAD_PARAM, GP_OUT_OF_MEM.
 * threads: the filter owning the packet (set), any holder of a reference (get). */
GpErr gp_packet_set_prop(GpPacket *pck, uint32_t code, const char *name, const GpPropValue *v);
const GpPropValue *gp_packet_get_prop(const GpPacket *pck, uint32_t code, const char *name);
const GpPropValue *gp_packet_enum_prop(const GpPacket *pck, uint32_t *idx, uint32_t *code,
                                       const char **name);
bool gp_packet_has_props(const GpPacket *pck);
/* Copies src's timing and flags and merges its properties into dst (unsent output).
 * threads: filter callbacks. */
GpErr gp_packet_copy_props(GpPacket *dst, const GpPacket *src);

/* Live packets in the process (for leak checks). threads: any. */
int64_t gp_packet_live_count(void);

#ifdef __cplusplus
}
#endif
#endif /* GP_PACKET_H */
