/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* PIDs: streams between one producer and N consumers. A filter holds GpPid handles for
 * both directions: its output PIDs (created by gp_pid_new) and, for each input, the
 * handle given to configure_pid (one per consumer, with its own packet queue). */
#ifndef GP_PID_H
#define GP_PID_H

#include <stdbool.h>
#include <stdint.h>

#include "gp_event.h"
#include "gp_packet.h"
#include "gp_props.h"

#ifdef __cplusplus
extern "C" {
#endif

/* New output PID of f. When f has exactly one input PID its properties are copied.
 * Linking happens after the current callback returns (a pid_init task).
 * transfer: none (the filter owns it). threads: filter callbacks or before run().
 * returns NULL on allocation failure. */
GpPid *gp_pid_new(GpFilter *f);

/* Removes an output PID: consumers get configure_pid(is_remove). threads: filter
 * callbacks of the producer. */
void gp_pid_remove(GpPid *opid);

/* An output PID (not an input handle). threads: any. */
bool gp_pid_is_output(const GpPid *pid);

/* Producer filter of the stream (for an input handle: the upstream filter).
 * transfer: none. threads: any. */
GpFilter *gp_pid_source_filter(const GpPid *pid);
/* Filter that holds this handle (producer for an output PID, consumer for an input).
 * transfer: none. */
GpFilter *gp_pid_owner(const GpPid *pid);
/* For an input handle: the output PID it reads. For an output PID: itself. */
GpPid *gp_pid_output(GpPid *pid);

/* Name: "PID1"... or a file name; transfer: none. threads: filter callbacks. */
const char *gp_pid_name(const GpPid *pid);
GpErr gp_pid_set_name(GpPid *pid, const char *name);

/* Properties of output PIDs (code or name with code 0; v NULL removes; v copied).
 * After packets were sent, a change takes effect downstream at the next packet sent
 * (consumers get configure_pid again). set_info changes without reconfiguration.
 * returns GP_OK, GP_BAD_PARAM (input handle or no key), GP_OUT_OF_MEM.
 * threads: filter callbacks of the producer, or before run(). */
GpErr gp_pid_set_prop(GpPid *opid, uint32_t code, const char *name, const GpPropValue *v);
GpErr gp_pid_set_info(GpPid *opid, uint32_t code, const char *name, const GpPropValue *v);
GpErr gp_pid_copy_props(GpPid *opid, GpPid *src);
GpErr gp_pid_reset_props(GpPid *opid);
/* Property as the holder of this handle sees it (an input handle sees the properties
 * of the packet being read). transfer: none (valid until the next call that can
 * reconfigure). threads: filter callbacks. */
const GpPropValue *gp_pid_get_prop(GpPid *pid, uint32_t code, const char *name);
const GpPropValue *gp_pid_get_info(GpPid *pid, uint32_t code, const char *name);
const GpPropValue *gp_pid_enum_props(GpPid *pid, uint32_t *idx, uint32_t *code,
                                     const char **name);
/* Shortcut: uint property value or def when absent or not an integer. */
uint32_t gp_pid_get_uint(GpPid *pid, uint32_t code, uint32_t def);

/* Input side. get_packet returns the first queued packet without removing it (NULL
 * when empty or at EOS); a property change pending at that packet calls the filter's
 * configure_pid first. drop_packet removes it. transfer: none (the queue keeps its
 * reference until drop; take gp_packet_ref to keep it longer).
 * threads: filter callbacks of the consumer. */
GpPacket *gp_pid_get_packet(GpPid *ipid);
void gp_pid_drop_packet(GpPid *ipid);
uint32_t gp_pid_nb_packets_queued(GpPid *ipid);
bool gp_pid_is_eos(GpPid *ipid);        /* EOS reached and queue empty */
bool gp_pid_has_seen_eos(GpPid *ipid);  /* EOS signalled upstream */
bool gp_pid_eos_received(GpPid *ipid);  /* EOS received, packets still queued */
uint64_t gp_pid_buffer_duration_us(GpPid *ipid);
bool gp_pid_first_cts(GpPid *ipid, uint64_t *cts);
/* Input buffer limit (µs and units); a producer whose output PIDs all have a consumer
 * at the limit is not scheduled. threads: filter callbacks. */
void gp_pid_set_max_buffer(GpPid *ipid, uint32_t max_us);
uint32_t gp_pid_get_max_buffer(GpPid *ipid);

/* Output side. set_eos signals end of stream to every consumer (after queued packets).
 * would_block: at least one consumer's queue is at its limit. threads: filter
 * callbacks of the producer. */
void gp_pid_set_eos(GpPid *opid);
bool gp_pid_would_block(GpPid *opid);
void gp_pid_clear_eos(GpPid *pid);
/* Consumers of an output PID. transfer: none. threads: filter callbacks. */
uint32_t gp_pid_nb_destinations(GpPid *opid);
GpFilter *gp_pid_destination(GpPid *opid, uint32_t i);

/* PLAY received and not stopped. threads: any. */
bool gp_pid_is_playing(GpPid *pid);

/* Sends an event: upstream from an input handle, downstream from an output PID. The
 * event is copied; on_pid is set by the engine. transfer: none. threads: filter
 * callbacks, or the session thread. */
GpErr gp_pid_send_event(GpPid *pid, const GpEvent *evt);

/* Opaque user data (the binding's Python object). transfer: none. threads: any. */
void gp_pid_set_udata(GpPid *pid, void *udata);
void *gp_pid_get_udata(const GpPid *pid);

/* What the destination of an output PID asks for one property (GPAC's
 * gf_filter_pid_caps_query): the value of the first positive input cap for that key
 * (code, or custom name with code 0) in the first caps bundle of the destination whose
 * other keys accept the PID's current properties. The destination is the PID's first
 * consumer; before linking, for a filter that graph resolution inserted, the next
 * filter class of its chain (so a converter knows what to produce), else the filter
 * the chain leads to (so an inserted encoder can ask its muxer which codec to
 * produce); before linking, a cap on the key is returned even when the bundle's other
 * keys do not match yet. NULL when there is no destination yet or no such cap.
 * transfer: none (the value belongs to the destination's caps table).
 * threads: filter callbacks of the producer. */
const GpPropValue *gp_pid_caps_query(GpPid *opid, uint32_t code, const char *name);

/* Do the PID's current properties still match the holder's input caps?
 * threads: filter callbacks of the consumer. */
bool gp_pid_check_caps(GpPid *ipid);

#ifdef __cplusplus
}
#endif
#endif /* GP_PID_H */
