/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by more than one built-in filter: local-path URLs (fin, fout) and the
 * "null" / "stdout" / "stderr" / file destinations written by fout and inspect. Nothing
 * here knows about a particular filter. */
#ifndef GP_FILTERS_H
#define GP_FILTERS_H

#include <stdio.h>

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

#endif /* GP_FILTERS_H */
