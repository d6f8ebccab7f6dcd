/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: splitting filter declarations ("name:opt=val:opt2", "URL:opts") and parsing
 * option values into a filter's context (API.md 4.2, 4.3). Used by filter.c and
 * session.c; not part of the public API. */
#ifndef GP_CORE_FILTER_ARGS_H
#define GP_CORE_FILTER_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "gp/gp.h"

/* How the head (first token) of a declaration is read. */
typedef enum GpArgsMode {
    GP_ARGS_NAME = 0, /* registry name: the head ends at the first ':' */
    GP_ARGS_SRC_URL,  /* source URL: ':' inside the URL kept (4.3), local files probed */
    GP_ARGS_DST_URL,  /* destination URL: like SRC_URL, the parent directory is probed */
} GpArgsMode;

typedef struct GpArgEntry {
    char *name;   /* option name; for "#Prop=Val" the name keeps its leading '#' */
    char *value;  /* NULL for a bare ":opt" (true) or ":!opt" (false, negated set) */
    bool negated; /* ":!opt" */
    bool used;    /* set by gp_args_apply when a class option or common option took it */
} GpArgEntry;

typedef struct GpArgList {
    char *head;        /* filter name or URL */
    GpArgEntry *items;
    unsigned nb;
} GpArgList;

/* Options every filter accepts (API.md 4.2), extracted by gp_args_apply. Strings are
 * owned (freed by gp_args_common_free). */
typedef struct GpFilterCommon {
    char *fid;   /* FID */
    char *sid;   /* SID */
    char *name;  /* N */
    char *tag;   /* TAG */
    char *itag;  /* ITAG */
    bool rsid;   /* RSID */
    bool nomux;  /* nomux */
    int clone;   /* clone: -1 unset, 0, 1 */
    char *gfreg; /* gfreg */
    /* "#Name=Value" entries: properties to set on every output PID */
    char **pid_props;
    unsigned nb_pid_props;
} GpFilterCommon;

/* Splits a declaration. Doubled separators stop parsing ("f::a=foo:b=bar" gives
 * a="foo:b=bar"); ":gpac:" ends a URL; `::` forces the rest raw.
 * transfer: out owns its strings (gp_args_list_free). threads: any.
 * returns GP_OK, GP_BAD_PARAM (empty head, empty option name, unterminated) with the
 * reason written in errbuf, GP_OUT_OF_MEM. */
GpErr gp_args_split(const char *desc, GpArgsMode mode, GpArgList *out, char *errbuf,
                    size_t errsize);
void gp_args_list_free(GpArgList *l);

/* Writes the class's defaults into priv, then every option of l that the class
 * declares, then extracts the common options into `common`. Unknown options (neither
 * class nor common) and malformed values fail with GP_BAD_PARAM and a reason like
 * "unknown option 'foo' for filter 'inspect'" or "invalid value 'abc' for option 'dur'
 * of filter 'avgen' (expected frac)". On error priv is left in a state that
 * gp_args_free can release. transfer: none on l; priv/common own what they get.
 * threads: any. */
GpErr gp_args_apply(const GpFilterClass *cls, void *priv, GpArgList *l, GpFilterCommon *common,
                    char *errbuf, size_t errsize);
/* Releases what gp_args_apply stored in priv (strings, lists). */
void gp_args_free(const GpFilterClass *cls, void *priv);
void gp_args_common_free(GpFilterCommon *common);

/* Finds a class option by name (NULL when none). */
const GpArg *gp_args_find(const GpFilterClass *cls, const char *name);
/* Parses `text` into the option's field of priv (replacing the previous value).
 * returns GP_OK or GP_BAD_PARAM. */
GpErr gp_args_set_one(const GpArg *arg, void *priv, const char *text);
/* Current value of an option as text. */
void gp_args_get_one(const GpArg *arg, const void *priv, char *buf, size_t size);

/* Is a local path (URL without scheme, or file://) present on disk? */
bool gp_args_local_file_exists(const char *url);

#endif /* GP_CORE_FILTER_ARGS_H */
