/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by more than one built-in filter: local-path URLs (fin, fout) and the
 * "null" / "stdout" / "stderr" / file destinations written by fout and inspect. Nothing
 * here knows about a particular filter. */
#ifndef GP_FILTERS_H
#define GP_FILTERS_H

#include <stdbool.h>
#include <stdio.h>

#include <gp/gp.h>

/* Local path named by a URL: the URL itself when it has no scheme, the part after
 * "file://" (or "file:"), NULL for any other scheme ("http://..."). transfer: none (a
 * pointer into url). threads: any. */
const char *filters_url_local_path(const char *url);

/* Opens a destination: "null" gives *fp = NULL (discard), "std"/"stdout" and "stderr"
 * the standard streams, anything else a local file opened with fopen `mode`.
 * transfer: full on *fp (release with filters_close_dest). threads: any.
 * returns 0, or the errno of the failed open (EINVAL for a non-local URL). */
int filters_open_dest(const char *dst, const char *mode, FILE **fp);

/* Flushes a destination and closes it unless it is a standard stream; NULL is fine.
 * returns 0 or the errno of a failed flush/close. threads: any. */
int filters_close_dest(FILE *fp);

/* What the destination of opid asks for a numeric property (uint, or the enum type of
 * PixelFormat/AudioFormat) through gp_pid_caps_query: *cur gets it when the answer is
 * a non-zero value, and is left as it is otherwise. threads: filter callbacks. */
void filters_wanted_uint(GpPid *opid, uint32_t code, uint32_t *cur);

/* configure_pid prologue of a converter with one raw input of `stream_type` (ffsws,
 * ffres). is_remove: the output goes with the input, *done is set. A second input:
 * GP_REQUIRES_NEW_INSTANCE; not raw `stream_type`: GP_NOT_SUPPORTED. Otherwise the
 * output PID is made on the first call and *ipid_slot records ipid.
 * threads: filter callbacks. returns GP_OK or the refusal / GP_OUT_OF_MEM. */
GpErr filters_converter_configure(GpFilter *f, GpPid *ipid, bool is_remove,
                                  uint32_t stream_type, GpPid **ipid_slot,
                                  GpPid **opid_slot, bool *done);

#endif /* GP_FILTERS_H */
