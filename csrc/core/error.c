/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Error texts and names, generated from the GP_ERR_MAP table of gp_error.h. */
#include "gp/gp_error.h"

#include <stdio.h>

typedef struct ErrEntry {
    int code;
    const char *name;
    const char *msg;
} ErrEntry;

static const ErrEntry err_table[] = {
#define GP_ERR_ROW(name, value, msg) {value, #name, msg},
    GP_ERR_MAP(GP_ERR_ROW)
#undef GP_ERR_ROW
};

#define ERR_COUNT (sizeof(err_table) / sizeof(err_table[0]))

static const ErrEntry *
err_find(int err)
{
    for (unsigned i = 0; i < ERR_COUNT; i++)
        if (err_table[i].code == err)
            return &err_table[i];
    return NULL;
}

const char *
gp_strerror(int err)
{
    static _Thread_local char unknown[40];
    const ErrEntry *e = err_find(err);
    if (e && e->msg)
        return e->msg;
    snprintf(unknown, sizeof(unknown), "Unknown Error (%d)", err);
    return unknown;
}

const char *
gp_err_name(int err)
{
    const ErrEntry *e = err_find(err);
    return e ? e->name : NULL;
}

unsigned
gp_err_count(void)
{
    return (unsigned)ERR_COUNT;
}

int
gp_err_at(unsigned i)
{
    return i < ERR_COUNT ? err_table[i].code : 0;
}
