/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Packet tests (core/packet.c): every kind (alloc, ref, shared, clone moving or copying,
 * copy, forward, detached clone), truncate, properties, copy_props, reference counting,
 * send twice, discard; each case checks the live packet count and every engine counter
 * back at zero once the session is gone. Unit cases run their code inside a tfunc
 * filter's process(); pipeline cases push tsrc packets through tpass in one mode. */
#include <stdatomic.h>

#include "harness.h"
#include "test_filters.h"

/* ---- unit cases: test code runs in tfunc's process, its PID feeds a tsink ---- */

typedef struct UnitRun {
    GpSession *s;
    GpFilter *func, *sink;
} UnitRun;

static void
unit_run(UnitRun *u, TfuncFn fn, void *udata)
{
    u->s = gp_test_session_new(0, 0);
    u->func = gp_test_load(u->s, &tf_tfunc, NULL);
    u->sink = gp_test_load(u->s, &tf_tsink, NULL);
    TfuncCtx *fc = gp_filter_priv(u->func);
    fc->fn = fn;
    fc->udata = udata;
    GP_ASSERT_OK(gp_session_run(u->s));
    GP_ASSERT_INT_EQ(fc->nb_calls, 1);
}

static void
unit_end(UnitRun *u)
{
    gp_session_del(u->s);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
    GP_ASSERT_CLEAN();
}

static void
alloc_fn(GpFilter *f, GpPid *opid, void *udata)
{
    int64_t live0 = gp_packet_live_count();
    uint8_t *w = NULL;
    GpPacket *p = gp_packet_new_alloc(opid, 8, &w);
    GP_ASSERT(p != NULL);
    GP_ASSERT(w != NULL);
    GP_ASSERT_INT_EQ((uintptr_t)w % GP_PACKET_ALIGN, 0);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), live0 + 1);
    uint32_t size = 0;
    GP_ASSERT(gp_packet_data(p, &size) == w);
    GP_ASSERT_INT_EQ(size, 8);
    GP_ASSERT(gp_packet_data_rw(p, &size) == w);
    GP_ASSERT(gp_packet_is_writable(p));
    GP_ASSERT(gp_packet_is_output(p));
    GP_ASSERT(!gp_packet_was_sent(p));
    GP_ASSERT(gp_packet_pid(p) == opid);
    GP_ASSERT_INT_EQ(gp_packet_timescale(p), 1000);
    GP_ASSERT_INT_EQ(gp_packet_refcount(p), 1);
    GP_ASSERT(!gp_packet_has_props(p));
    const GpPacketInfo *ci = gp_packet_info_const(p);
    GP_ASSERT_U64_EQ(ci->dts, GP_NO_TS);
    GP_ASSERT_U64_EQ(ci->cts, GP_NO_TS);
    GP_ASSERT(ci->start && ci->end);
    memset(w, 0xAB, 8);
    GpPacketInfo *info = gp_packet_info(p);
    GP_ASSERT(info != NULL);
    info->dts = 5;
    info->cts = 7;
    info->sap = 1;
    GP_ASSERT_OK(gp_packet_send(p));
    /* an empty packet has no data */
    GpPacket *e = gp_packet_new_alloc(opid, 0, &w);
    GP_ASSERT(e != NULL);
    GP_ASSERT(gp_packet_data(e, &size) == NULL);
    GP_ASSERT_INT_EQ(size, 0);
    gp_packet_discard(e);
}

static void
packet_alloc(void)
{
    UnitRun u;
    unit_run(&u, alloc_fn, NULL);
    TsinkCtx *k = gp_filter_priv(u.sink);
    GP_ASSERT_INT_EQ(k->nb_pck, 1);
    GP_ASSERT_U64_EQ(k->dts[0], 5);
    GP_ASSERT_U64_EQ(k->cts[0], 7);
    GP_ASSERT_INT_EQ(k->size[0], 8);
    GP_ASSERT_INT_EQ(k->first_byte[0], 0xAB);
    GP_ASSERT(k->bytes_ok[0]);
    unit_end(&u);
}

static void
refcount_fn(GpFilter *f, GpPid *opid, void *udata)
{
    GpPacket *p = gp_packet_new_alloc(opid, 4, NULL);
    GP_ASSERT(p != NULL);
    GP_ASSERT(gp_packet_ref(p) == p);
    GP_ASSERT_INT_EQ(gp_packet_refcount(p), 2);
    GP_ASSERT(gp_packet_ref(p) == p);
    GP_ASSERT_INT_EQ(gp_packet_refcount(p), 3);
    gp_packet_unref(p);
    gp_packet_unref(p);
    GP_ASSERT_INT_EQ(gp_packet_refcount(p), 1);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 1);
    gp_packet_unref(p);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
}

static void
packet_refcount(void)
{
    UnitRun u;
    unit_run(&u, refcount_fn, NULL);
    unit_end(&u);
}

static void
truncate_fn(GpFilter *f, GpPid *opid, void *udata)
{
    uint8_t *w = NULL;
    GpPacket *p = gp_packet_new_alloc(opid, 10, &w);
    GP_ASSERT(p != NULL);
    for (int i = 0; i < 10; i++)
        w[i] = 9;
    uint32_t size = 0;
    GP_ASSERT_OK(gp_packet_truncate(p, 4));
    GP_ASSERT(gp_packet_data(p, &size) == w);
    GP_ASSERT_INT_EQ(size, 4);
    GP_ASSERT_INT_EQ(gp_packet_truncate(p, 8), GP_BAD_PARAM);
    gp_packet_data(p, &size);
    GP_ASSERT_INT_EQ(size, 4);
    GP_ASSERT_OK(gp_packet_truncate(p, 4));
    gp_packet_info(p)->dts = 0;
    gp_packet_ref(p);
    GP_ASSERT_OK(gp_packet_send(p));
    /* a sent packet is read-only */
    GP_ASSERT_INT_EQ(gp_packet_truncate(p, 2), GP_BAD_PARAM);
    gp_packet_data(p, &size);
    GP_ASSERT_INT_EQ(size, 4);
    GP_ASSERT(gp_packet_data_rw(p, &size) == NULL);
    GP_ASSERT(!gp_packet_is_output(p));
    GP_ASSERT(gp_packet_was_sent(p));
    gp_packet_unref(p);
}

static void
packet_truncate(void)
{
    UnitRun u;
    unit_run(&u, truncate_fn, NULL);
    TsinkCtx *k = gp_filter_priv(u.sink);
    GP_ASSERT_INT_EQ(k->nb_pck, 1);
    GP_ASSERT_INT_EQ(k->size[0], 4);
    GP_ASSERT_INT_EQ(k->first_byte[0], 9);
    unit_end(&u);
}

static void
props_fn(GpFilter *f, GpPid *opid, void *udata)
{
    GpPacket *p = gp_packet_new_alloc(opid, 4, NULL);
    GP_ASSERT(p != NULL);
    /* built-in by code, read by code and by name */
    GpPropValue v = gp_pv_uint(42);
    GP_ASSERT_OK(gp_packet_set_prop(p, GP_P_FILE_NUMBER, NULL, &v));
    const GpPropValue *r = gp_packet_get_prop(p, GP_P_FILE_NUMBER, NULL);
    GP_ASSERT(r && r->type == GP_PROP_UINT);
    GP_ASSERT_INT_EQ(r->value.uint, 42);
    r = gp_packet_get_prop(p, 0, "FileNumber");
    GP_ASSERT(r && r->value.uint == 42);
    /* built-in by name, read by code */
    GpPropValue fname = gp_pv_string("seg.m4s");
    GP_ASSERT_OK(gp_packet_set_prop(p, 0, "FileName", &fname));
    r = gp_packet_get_prop(p, GP_P_FILE_NAME, NULL);
    GP_ASSERT(r && r->type == GP_PROP_STRING);
    GP_ASSERT_STR_EQ(r->value.string, "seg.m4s");
    /* custom name; the value is copied */
    char text[8] = "hello";
    GpPropValue sv = gp_pv_string(text);
    GP_ASSERT_OK(gp_packet_set_prop(p, 0, "tcustom", &sv));
    text[0] = 'J';
    r = gp_packet_get_prop(p, 0, "tcustom");
    GP_ASSERT(r && r->type == GP_PROP_STRING);
    GP_ASSERT_STR_EQ(r->value.string, "hello");
    GP_ASSERT(gp_packet_has_props(p));
    /* enumeration: the three entries, built-ins with their code */
    uint32_t idx = 0, code = 0, nb = 0, seen = 0;
    const char *name = NULL;
    while ((r = gp_packet_enum_prop(p, &idx, &code, &name))) {
        nb++;
        if (code == GP_P_FILE_NUMBER && r->value.uint == 42)
            seen |= 1;
        else if (code == GP_P_FILE_NAME)
            seen |= 2;
        else if (code == 0 && name && !strcmp(name, "tcustom"))
            seen |= 4;
    }
    GP_ASSERT_INT_EQ(nb, 3);
    GP_ASSERT_INT_EQ(seen, 7);
    /* removal, bad keys */
    GP_ASSERT_OK(gp_packet_set_prop(p, 0, "tcustom", NULL));
    GP_ASSERT(gp_packet_get_prop(p, 0, "tcustom") == NULL);
    GP_ASSERT(gp_packet_get_prop(p, 0, "never_set") == NULL);
    GP_ASSERT_INT_EQ(gp_packet_set_prop(p, 0, NULL, &v), GP_BAD_PARAM);
    gp_packet_info(p)->dts = 0;
    gp_packet_ref(p);
    GP_ASSERT_OK(gp_packet_send(p));
    /* properties are frozen once sent */
    GP_ASSERT_INT_EQ(gp_packet_set_prop(p, 0, "late", &v), GP_BAD_PARAM);
    GP_ASSERT(gp_packet_get_prop(p, 0, "late") == NULL);
    gp_packet_unref(p);
}

/* On the consumer side: input packets are read-only and cannot be sent. */
static void
props_sink_hook(GpFilter *f, GpPid *ipid, GpPacket *pck, void *udata)
{
    int *checked = udata;
    GpPropValue v = gp_pv_uint(1);
    GP_ASSERT_INT_EQ(gp_packet_set_prop(pck, 0, "x", &v), GP_BAD_PARAM);
    GP_ASSERT(!gp_packet_is_output(pck));
    uint32_t size = 0;
    GP_ASSERT(gp_packet_data_rw(pck, &size) == NULL);
    GP_ASSERT_INT_EQ(gp_packet_truncate(pck, 0), GP_BAD_PARAM);
    GP_ASSERT(gp_packet_ref(pck) == pck);
    /* transfer full even on failure: this consumes the reference just taken */
    GP_ASSERT_INT_EQ(gp_packet_send(pck), GP_BAD_PARAM);
    const GpPropValue *r = gp_packet_get_prop(pck, 0, "FileName");
    GP_ASSERT(r && r->type == GP_PROP_STRING);
    GP_ASSERT_STR_EQ(r->value.string, "seg.m4s");
    (*checked)++;
}

static void
packet_props(void)
{
    GpSession *s = gp_test_session_new(0, 0);
    GpFilter *func = gp_test_load(s, &tf_tfunc, NULL);
    GpFilter *sink = gp_test_load(s, &tf_tsink, NULL);
    int checked = 0;
    ((TfuncCtx *)gp_filter_priv(func))->fn = props_fn;
    TsinkCtx *k = gp_filter_priv(sink);
    k->on_packet = props_sink_hook;
    k->udata = &checked;
    GP_ASSERT_OK(gp_session_run(s));
    GP_ASSERT_INT_EQ(checked, 1);
    GP_ASSERT_INT_EQ(k->nb_pck, 1);
    GP_ASSERT_INT_EQ(k->fnum[0], 42);
    GP_ASSERT_INT_EQ(k->tidx[0], -1);
    gp_session_del(s);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
    GP_ASSERT_CLEAN();
}

static void
copy_props_fn(GpFilter *f, GpPid *opid, void *udata)
{
    GpPacket *src = gp_packet_new_alloc(opid, 4, NULL);
    GpPacket *dst = gp_packet_new_alloc(opid, 2, NULL);
    GP_ASSERT(src && dst);
    GpPacketInfo *si = gp_packet_info(src);
    si->dts = 10;
    si->cts = 12;
    si->dur = 3;
    si->sap = 2;
    si->interlaced = 1;
    si->crypt = 1;
    si->clock_type = 1;
    si->carousel = 4;
    si->deps = 0x15;
    si->start = true;
    si->end = false;
    si->seek = true;
    si->corrupted = true;
    si->roll = -2;
    si->seqnum = 77;
    si->byte_offset = 1234;
    GpPropValue a1 = gp_pv_uint(1), a9 = gp_pv_uint(9), b2 = gp_pv_uint(2), fn = gp_pv_uint(5);
    GP_ASSERT_OK(gp_packet_set_prop(src, 0, "a", &a1));
    GP_ASSERT_OK(gp_packet_set_prop(src, GP_P_FILE_NUMBER, NULL, &fn));
    GP_ASSERT_OK(gp_packet_set_prop(dst, 0, "a", &a9));
    GP_ASSERT_OK(gp_packet_set_prop(dst, 0, "b", &b2));
    GP_ASSERT_OK(gp_packet_copy_props(dst, src));
    const GpPacketInfo *di = gp_packet_info_const(dst);
    GP_ASSERT_U64_EQ(di->dts, 10);
    GP_ASSERT_U64_EQ(di->cts, 12);
    GP_ASSERT_INT_EQ(di->dur, 3);
    GP_ASSERT_INT_EQ(di->sap, 2);
    GP_ASSERT_INT_EQ(di->interlaced, 1);
    GP_ASSERT_INT_EQ(di->crypt, 1);
    GP_ASSERT_INT_EQ(di->clock_type, 1);
    GP_ASSERT_INT_EQ(di->carousel, 4);
    GP_ASSERT_INT_EQ(di->deps, 0x15);
    GP_ASSERT(di->start && !di->end && di->seek && di->corrupted);
    GP_ASSERT_INT_EQ(di->roll, -2);
    GP_ASSERT_INT_EQ(di->seqnum, 77);
    GP_ASSERT_U64_EQ(di->byte_offset, 1234);
    /* merged: a replaced, b kept, FileNumber added */
    GP_ASSERT_INT_EQ(gp_packet_get_prop(dst, 0, "a")->value.uint, 1);
    GP_ASSERT_INT_EQ(gp_packet_get_prop(dst, 0, "b")->value.uint, 2);
    GP_ASSERT_INT_EQ(gp_packet_get_prop(dst, GP_P_FILE_NUMBER, NULL)->value.uint, 5);
    /* the payload is not part of it */
    uint32_t size = 0;
    gp_packet_data(dst, &size);
    GP_ASSERT_INT_EQ(size, 2);
    /* the source is unchanged */
    GP_ASSERT(gp_packet_get_prop(src, 0, "b") == NULL);
    gp_packet_discard(src);
    gp_packet_discard(dst);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
}

static void
packet_copy_props(void)
{
    UnitRun u;
    unit_run(&u, copy_props_fn, NULL);
    unit_end(&u);
}

static void
send_twice_fn(GpFilter *f, GpPid *opid, void *udata)
{
    GpPacket *p = gp_packet_new_alloc(opid, 4, NULL);
    GP_ASSERT(p != NULL);
    memset(gp_packet_data_rw(p, &(uint32_t){0}), 3, 4);
    gp_packet_info(p)->dts = 0;
    gp_packet_ref(p);
    GP_ASSERT_OK(gp_packet_send(p));
    GP_ASSERT(gp_packet_was_sent(p));
    /* the second send fails, and consumes the reference taken above */
    GP_ASSERT_INT_EQ(gp_packet_send(p), GP_BAD_PARAM);
}

static void
packet_send_twice(void)
{
    UnitRun u;
    unit_run(&u, send_twice_fn, NULL);
    TsinkCtx *k = gp_filter_priv(u.sink);
    GP_ASSERT_INT_EQ(k->nb_pck, 1);
    GP_ASSERT_INT_EQ(k->first_byte[0], 3);
    unit_end(&u);
}

typedef struct Release {
    int calls;
    GpFilter *filter;
    GpPid *opid;
    GpPacket *pck;
    void *udata;
} Release;

static Release g_release;

static void
record_release(GpFilter *f, GpPid *opid, GpPacket *pck)
{
    g_release.calls++;
    g_release.filter = f;
    g_release.opid = opid;
    g_release.pck = pck;
    g_release.udata = gp_packet_shared_udata(pck);
}

static void
discard_fn(GpFilter *f, GpPid *opid, void *udata)
{
    static const uint8_t mem[6] = {1, 2, 3, 4, 5, 6};
    int marker = 0;
    GpPacket *a[3];
    for (int i = 0; i < 3; i++) {
        a[i] = gp_packet_new_alloc(opid, 16, NULL);
        GP_ASSERT(a[i] != NULL);
    }
    GpPacket *s = gp_packet_new_shared(opid, mem, 6, record_release, &marker);
    GP_ASSERT(s != NULL);
    uint32_t size = 0;
    GP_ASSERT(gp_packet_data(s, &size) == mem);
    GP_ASSERT_INT_EQ(size, 6);
    GP_ASSERT(gp_packet_shared_udata(s) == &marker);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 4);
    for (int i = 0; i < 3; i++) {
        gp_packet_discard(a[i]);
        GP_ASSERT_INT_EQ(gp_packet_live_count(), 3 - i);
    }
    GP_ASSERT_INT_EQ(g_release.calls, 0);
    gp_packet_discard(s);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
    GP_ASSERT_INT_EQ(g_release.calls, 1);
    GP_ASSERT(g_release.filter == f);
    GP_ASSERT(g_release.opid == opid);
    GP_ASSERT(g_release.pck == s);
    GP_ASSERT(g_release.udata == &marker);
}

/* Discard frees at once, and a shared packet's release runs once, synchronously. */
static void
packet_discard(void)
{
    UnitRun u;
    unit_run(&u, discard_fn, NULL);
    TsinkCtx *k = gp_filter_priv(u.sink);
    GP_ASSERT_INT_EQ(k->nb_pck, 0);
    GP_ASSERT_INT_EQ(g_release.calls, 1);
    unit_end(&u);
    GP_ASSERT_INT_EQ(g_release.calls, 1);
}

static void
ref_fn(GpFilter *f, GpPid *opid, void *udata)
{
    uint8_t *w = NULL;
    GpPacket *src = gp_packet_new_alloc(opid, 10, &w);
    GP_ASSERT(src != NULL);
    for (int i = 0; i < 10; i++)
        w[i] = (uint8_t)(0x10 + i);
    gp_packet_info(src)->dts = 99;
    GpPacket *r = gp_packet_new_ref(opid, src, 2, 3);
    GP_ASSERT(r != NULL);
    uint32_t size = 0;
    GP_ASSERT(gp_packet_data(r, &size) == w + 2);
    GP_ASSERT_INT_EQ(size, 3);
    GP_ASSERT(gp_packet_data_rw(r, &size) == NULL);
    GP_ASSERT(!gp_packet_is_writable(r));
    GP_ASSERT_U64_EQ(gp_packet_info_const(r)->dts, GP_NO_TS); /* no timing copied */
    GP_ASSERT_INT_EQ(gp_packet_refcount(src), 2);             /* r holds src */
    /* size 0: to the end */
    GpPacket *tail = gp_packet_new_ref(opid, src, 4, 0);
    GP_ASSERT(tail != NULL);
    GP_ASSERT(gp_packet_data(tail, &size) == w + 4);
    GP_ASSERT_INT_EQ(size, 6);
    /* bad ranges */
    GP_ASSERT(gp_packet_new_ref(opid, src, 8, 5) == NULL);
    GP_ASSERT(gp_packet_new_ref(opid, src, 11, 0) == NULL);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 3);
    /* the producer lets src go: the references keep its memory alive */
    gp_packet_discard(src);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 3);
    const uint8_t *d = gp_packet_data(r, &size);
    GP_ASSERT(d[0] == 0x12 && d[1] == 0x13 && d[2] == 0x14);
    gp_packet_discard(tail);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 2);
    gp_packet_info(r)->dts = 0;
    GP_ASSERT_OK(gp_packet_send(r));
}

static void
packet_ref(void)
{
    UnitRun u;
    unit_run(&u, ref_fn, NULL);
    TsinkCtx *k = gp_filter_priv(u.sink);
    GP_ASSERT_INT_EQ(k->nb_pck, 1);
    GP_ASSERT_INT_EQ(k->size[0], 3);
    GP_ASSERT_INT_EQ(k->first_byte[0], 0x12);
    unit_end(&u);
}

static void
shared_fn(GpFilter *f, GpPid *opid, void *udata)
{
    static uint8_t mem[4] = {7, 7, 7, 7};
    int marker = 0;
    GP_ASSERT(gp_packet_new_shared(opid, mem, 4, NULL, &marker) == NULL);
    GpPacket *p = gp_packet_new_shared(opid, mem, 4, record_release, &marker);
    GP_ASSERT(p != NULL);
    uint32_t size = 0;
    GP_ASSERT(gp_packet_data_rw(p, &size) == mem);
    GP_ASSERT(gp_packet_is_writable(p));
    gp_packet_set_readonly(p);
    GP_ASSERT(gp_packet_data_rw(p, &size) == NULL);
    GP_ASSERT(!gp_packet_is_writable(p));
    GP_ASSERT(gp_packet_data(p, &size) == mem);
    /* an extra reference delays the release past discard */
    gp_packet_ref(p);
    gp_packet_discard(p);
    GP_ASSERT_INT_EQ(g_release.calls, 0);
    GP_ASSERT(gp_packet_data(p, &size) == mem);
    gp_packet_unref(p);
    GP_ASSERT_INT_EQ(g_release.calls, 1);
    GP_ASSERT(g_release.udata == &marker);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
}

static void
packet_shared(void)
{
    UnitRun u;
    unit_run(&u, shared_fn, NULL);
    GP_ASSERT_INT_EQ(g_release.calls, 1);
    unit_end(&u);
    GP_ASSERT_INT_EQ(g_release.calls, 1);
}

static void
clone_fn(GpFilter *f, GpPid *opid, void *udata)
{
    static uint8_t mem[8] = {4, 4, 4, 4, 4, 4, 4, 4};
    int marker = 0;
    uint8_t *w = NULL, *cw = NULL;
    uint32_t size = 0;
    /* sole reference on engine memory: moved */
    GpPacket *src = gp_packet_new_alloc(opid, 8, &w);
    memset(w, 5, 8);
    gp_packet_info(src)->dts = 3;
    GpPropValue v = gp_pv_uint(11);
    GP_ASSERT_OK(gp_packet_set_prop(src, 0, "tidx", &v));
    GpPacket *c = gp_packet_new_clone(opid, src, &cw);
    GP_ASSERT(c != NULL);
    GP_ASSERT(cw == w);
    GP_ASSERT(gp_packet_data(c, &size) == w);
    GP_ASSERT_INT_EQ(size, 8);
    GP_ASSERT(gp_packet_data(src, &size) == NULL);
    GP_ASSERT_INT_EQ(size, 0);
    GP_ASSERT_U64_EQ(gp_packet_info_const(c)->dts, 3);
    GP_ASSERT_INT_EQ(gp_packet_get_prop(c, 0, "tidx")->value.uint, 11);
    GP_ASSERT(gp_packet_is_writable(c));
    gp_packet_discard(src);
    gp_packet_discard(c);
    /* shared reference: copied */
    src = gp_packet_new_alloc(opid, 8, &w);
    memset(w, 6, 8);
    gp_packet_ref(src);
    c = gp_packet_new_clone(opid, src, &cw);
    GP_ASSERT(c != NULL);
    GP_ASSERT(cw != NULL && cw != w);
    GP_ASSERT(cw[0] == 6 && cw[7] == 6);
    GP_ASSERT(gp_packet_data(src, &size) == w);
    GP_ASSERT_INT_EQ(size, 8);
    gp_packet_unref(src);
    gp_packet_discard(src);
    gp_packet_discard(c);
    /* memory not allocated by the engine: copied even when sole reference */
    src = gp_packet_new_shared(opid, mem, 8, record_release, &marker);
    c = gp_packet_new_clone(opid, src, &cw);
    GP_ASSERT(c != NULL);
    GP_ASSERT(cw != NULL && cw != mem);
    GP_ASSERT(cw[0] == 4);
    GP_ASSERT(gp_packet_data(src, &size) == mem);
    gp_packet_discard(src);
    GP_ASSERT_INT_EQ(g_release.calls, 1);
    gp_packet_discard(c);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
}

static void
packet_clone(void)
{
    UnitRun u;
    unit_run(&u, clone_fn, NULL);
    unit_end(&u);
}

static void
copy_fn(GpFilter *f, GpPid *opid, void *udata)
{
    uint8_t *w = NULL, *cw = NULL;
    GpPacket *src = gp_packet_new_alloc(opid, 5, &w);
    memset(w, 8, 5);
    gp_packet_info(src)->dts = 21;
    gp_packet_info(src)->sap = 3;
    GpPropValue v = gp_pv_uint(4);
    GP_ASSERT_OK(gp_packet_set_prop(src, 0, "tidx", &v));
    GpPacket *c = gp_packet_new_copy(opid, src, &cw);
    GP_ASSERT(c != NULL);
    GP_ASSERT(cw != NULL && cw != w);
    uint32_t size = 0;
    GP_ASSERT(gp_packet_data(c, &size) == cw);
    GP_ASSERT_INT_EQ(size, 5);
    GP_ASSERT(cw[0] == 8 && cw[4] == 8);
    GP_ASSERT_U64_EQ(gp_packet_info_const(c)->dts, 21);
    GP_ASSERT_INT_EQ(gp_packet_info_const(c)->sap, 3);
    GP_ASSERT_INT_EQ(gp_packet_get_prop(c, 0, "tidx")->value.uint, 4);
    GP_ASSERT(gp_packet_data(src, &size) == w); /* the source keeps its data */
    gp_packet_discard(src);
    GP_ASSERT_OK(gp_packet_send(c));
}

static void
packet_copy(void)
{
    UnitRun u;
    unit_run(&u, copy_fn, NULL);
    TsinkCtx *k = gp_filter_priv(u.sink);
    GP_ASSERT_INT_EQ(k->nb_pck, 1);
    GP_ASSERT_U64_EQ(k->dts[0], 21);
    GP_ASSERT_INT_EQ(k->tidx[0], 4);
    GP_ASSERT_INT_EQ(k->first_byte[0], 8);
    unit_end(&u);
}

/* ---- detached clones, made by a sink from its input packets ---- */

typedef struct Detached {
    GpPacket *cached;
    const uint8_t *first_ptr;
    int nb, reused, ok;
} Detached;

static void
detached_hook(GpFilter *f, GpPid *ipid, GpPacket *pck, void *udata)
{
    Detached *d = udata;
    uint32_t size = 0, csize = 0;
    const uint8_t *in = gp_packet_data(pck, &size);
    GpPacket *prev = d->cached;
    GpPacket *c = gp_packet_clone_detached(pck, d->cached);
    GP_ASSERT(c != NULL);
    const uint8_t *cd = gp_packet_data(c, &csize);
    GP_ASSERT_INT_EQ(csize, size);
    GP_ASSERT(cd != in);
    GP_ASSERT(!memcmp(cd, in, size));
    GP_ASSERT_U64_EQ(gp_packet_info_const(c)->dts, gp_packet_info_const(pck)->dts);
    GP_ASSERT_INT_EQ(gp_packet_get_prop(c, 0, "tidx")->value.uint,
                     (uint32_t)gp_packet_info_const(pck)->dts);
    GP_ASSERT_INT_EQ(gp_packet_refcount(pck), 1); /* the queue's; c holds none */
    if (prev && c == prev)
        d->reused++;
    d->cached = c;
    d->nb++;
}

static void
detached_eos(GpFilter *f, void *udata)
{
    Detached *d = udata;
    /* the clone outlives its source packets */
    uint32_t size = 0;
    const uint8_t *cd = gp_packet_data(d->cached, &size);
    d->ok = size == 16 && cd[0] == 4 && cd[15] == 4;
    gp_packet_unref(d->cached);
    d->cached = NULL;
}

static void
packet_clone_detached(void)
{
    GpTestChain c;
    gp_test_chain_new(&c, 0, 0, "nb=5:pprop", NULL, NULL, NULL);
    Detached d = {0};
    TsinkCtx *k = gp_filter_priv(c.sink);
    k->on_packet = detached_hook;
    k->on_eos = detached_eos;
    k->udata = &d;
    GP_ASSERT_OK(gp_test_chain_run(&c));
    GP_ASSERT_INT_EQ(d.nb, 5);
    GP_ASSERT_INT_EQ(d.reused, 4); /* same size each time: the cached packet is reused */
    GP_ASSERT(d.ok);
    GP_ASSERT_SEQUENCE(c.sink, 0, 5, 16);
    gp_test_chain_del(&c);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
    GP_ASSERT_CLEAN();
}

/* ---- pipeline cases: tsrc -> tpass:mode=X -> tsink ---- */

#define NB 20

static GpTestChain
pipe_run_threads(int nb_threads, const char *pass_args, const char *sink_args)
{
    GpTestChain c;
    char a[32];
    snprintf(a, sizeof(a), "nb=%d:pprop", NB);
    gp_test_chain_new(&c, nb_threads, 0, a, &tf_tpass, pass_args, sink_args);
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_INT_EQ(p->nb_in, NB);
    GP_ASSERT_INT_EQ(k->npids, 1);
    GP_ASSERT(k->pid_src[0] == c.filter);
    /* timing and properties travel with every kind */
    for (uint32_t i = 0; i < NB; i++) {
        GP_ASSERT_INT_EQ(k->tidx[i], i);
        GP_ASSERT_INT_EQ(k->fnum[i], 100 + i);
    }
    return c;
}

static GpTestChain
pipe_run(const char *pass_args, const char *sink_args)
{
    return pipe_run_threads(0, pass_args, sink_args);
}

static void
pipe_end(GpTestChain *c)
{
    gp_test_chain_del(c);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
    GP_ASSERT_CLEAN();
}

static void
packet_pipe_forward(void)
{
    GpTestChain c = pipe_run("mode=fwd", NULL);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 16);
    for (uint32_t i = 0; i < NB; i++)
        GP_ASSERT(k->ptr[i] == p->in_ptr[i]); /* no copy */
    pipe_end(&c);
}

static void
packet_pipe_ref(void)
{
    GpTestChain c = pipe_run("mode=ref:off=3", NULL);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 13);
    for (uint32_t i = 0; i < NB; i++) {
        GP_ASSERT(k->ptr[i] == p->in_ptr[i] + 3);
        GP_ASSERT(!p->out_writable[i]);
    }
    pipe_end(&c);
}

static void
packet_pipe_copy(void)
{
    GpTestChain c = pipe_run("mode=copy", NULL);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 16);
    for (uint32_t i = 0; i < NB; i++) {
        GP_ASSERT(p->out_ptr[i] != p->in_ptr[i]);
        GP_ASSERT(k->ptr[i] == p->out_ptr[i]);
        GP_ASSERT(p->out_writable[i]);
    }
    pipe_end(&c);
}

static void
packet_pipe_clone_move(void)
{
    GpTestChain c = pipe_run("mode=clone", NULL);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 16);
    for (uint32_t i = 0; i < NB; i++) {
        GP_ASSERT(p->out_ptr[i] == p->in_ptr[i]); /* memory taken over */
        GP_ASSERT_INT_EQ(p->src_size_after[i], 0);
        GP_ASSERT(k->ptr[i] == p->in_ptr[i]);
        GP_ASSERT(p->out_writable[i]);
    }
    pipe_end(&c);
}

static void
packet_pipe_clone_copy(void)
{
    GpTestChain c = pipe_run("mode=clone:hold", NULL);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 16);
    for (uint32_t i = 0; i < NB; i++) {
        GP_ASSERT(p->out_ptr[i] != p->in_ptr[i]); /* shared input: copied */
        GP_ASSERT_INT_EQ(p->src_size_after[i], 16);
        GP_ASSERT(k->ptr[i] == p->out_ptr[i]);
    }
    pipe_end(&c);
}

static void
packet_pipe_alloc(void)
{
    GpTestChain c = pipe_run("mode=alloc", NULL);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 16);
    for (uint32_t i = 0; i < NB; i++) {
        GP_ASSERT(k->ptr[i] == p->out_ptr[i]);
        GP_ASSERT(p->out_writable[i]);
    }
    pipe_end(&c);
}

static void
packet_pipe_shared(void)
{
    GpTestChain c = pipe_run("mode=shared", NULL);
    TpassCtx *p = gp_filter_priv(c.filter);
    TsinkCtx *k = gp_filter_priv(c.sink);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 16);
    for (uint32_t i = 0; i < NB; i++)
        GP_ASSERT(k->ptr[i] == p->out_ptr[i]); /* the producer's memory, not a copy */
    GP_ASSERT_INT_EQ(atomic_load(&p->nb_shared), NB);
    GP_ASSERT_INT_EQ(atomic_load(&p->nb_released), NB);
    pipe_end(&c);
}

/* The same with worker threads: releases may run on any thread, still once each. */
static void
packet_pipe_shared_threads(void)
{
    GpTestChain c = pipe_run_threads(2, "mode=shared", NULL);
    TpassCtx *p = gp_filter_priv(c.filter);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 16);
    GP_ASSERT_INT_EQ(atomic_load(&p->nb_shared), NB);
    GP_ASSERT_INT_EQ(atomic_load(&p->nb_released), NB);
    pipe_end(&c);
}

static void
packet_pipe_clone_threads(void)
{
    GpTestChain c = pipe_run_threads(2, "mode=clone", NULL);
    TpassCtx *p = gp_filter_priv(c.filter);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 16);
    for (uint32_t i = 0; i < NB; i++)
        GP_ASSERT(p->out_ptr[i] == p->in_ptr[i]);
    pipe_end(&c);
}

static unsigned g_released_at_eos = 999;
static GpFilter *g_pass;

static void
shared_hold_eos(GpFilter *f, void *udata)
{
    TpassCtx *p = gp_filter_priv(g_pass);
    g_released_at_eos = atomic_load(&p->nb_released);
}

/* The sink keeps a reference on every packet until EOS: no release before. */
static void
packet_pipe_shared_held(void)
{
    GpTestChain c;
    char a[32];
    snprintf(a, sizeof(a), "nb=%d:pprop", NB);
    gp_test_chain_new(&c, 0, 0, a, &tf_tpass, "mode=shared", "hold");
    g_pass = c.filter;
    TsinkCtx *k = gp_filter_priv(c.sink);
    k->on_eos = shared_hold_eos;
    GP_ASSERT_OK(gp_test_chain_run(&c));
    TpassCtx *p = gp_filter_priv(c.filter);
    GP_ASSERT_SEQUENCE(c.sink, 0, NB, 16);
    GP_ASSERT_INT_EQ(atomic_load(&p->nb_shared), NB);
    GP_ASSERT_INT_EQ(g_released_at_eos, 0);
    GP_ASSERT_INT_EQ(atomic_load(&p->nb_released), NB);
    GP_ASSERT_INT_EQ(k->nb_held, 0);
    gp_test_chain_del(&c);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
    GP_ASSERT_CLEAN();
}

/* Packets kept past the session (a binding holding them): still readable, release
 * still runs once (with no filter), sending fails cleanly, counters reach zero. */
static GpPacket *g_kept_out, *g_kept_shared;

static void
outlive_fn(GpFilter *f, GpPid *opid, void *udata)
{
    static const uint8_t mem[4] = {7, 7, 7, 7};
    uint8_t *w = NULL;
    g_kept_out = gp_packet_new_alloc(opid, 4, &w);
    GP_ASSERT(g_kept_out != NULL);
    memset(w, 5, 4);
    g_kept_shared = gp_packet_new_shared(opid, mem, 4, record_release, udata);
    GP_ASSERT(g_kept_shared != NULL);
}

static void
packet_outlives_session(void)
{
    static int marker;
    memset(&g_release, 0, sizeof(g_release));
    UnitRun u;
    unit_run(&u, outlive_fn, &marker);
    gp_session_del(u.s);
    uint32_t size = 0;
    const uint8_t *d = gp_packet_data(g_kept_out, &size);
    GP_ASSERT(d && size == 4 && d[3] == 5);
    GP_ASSERT_INT_EQ(gp_packet_timescale(g_kept_out), 1000);
    GP_ASSERT(gp_pid_owner(gp_packet_pid(g_kept_out)) == NULL);
    GP_ASSERT_INT_EQ(gp_packet_send(g_kept_out), GP_BAD_PARAM); /* consumed */
    GP_ASSERT_INT_EQ(g_release.calls, 0);
    gp_packet_unref(g_kept_shared);
    GP_ASSERT_INT_EQ(g_release.calls, 1);
    GP_ASSERT(g_release.filter == NULL);
    GP_ASSERT(g_release.udata == &marker);
    GP_ASSERT_INT_EQ(gp_packet_live_count(), 0);
    GP_ASSERT_CLEAN();
}

GP_TEST_MAIN(GP_CASE(packet_alloc), GP_CASE(packet_refcount), GP_CASE(packet_truncate),
             GP_CASE(packet_props), GP_CASE(packet_copy_props), GP_CASE(packet_send_twice),
             GP_CASE(packet_discard), GP_CASE(packet_ref), GP_CASE(packet_shared),
             GP_CASE(packet_clone), GP_CASE(packet_copy), GP_CASE(packet_clone_detached),
             GP_CASE(packet_pipe_forward), GP_CASE(packet_pipe_ref),
             GP_CASE(packet_pipe_copy), GP_CASE(packet_pipe_clone_move),
             GP_CASE(packet_pipe_clone_copy), GP_CASE(packet_pipe_alloc),
             GP_CASE(packet_pipe_shared), GP_CASE(packet_pipe_shared_threads),
             GP_CASE(packet_pipe_clone_threads), GP_CASE(packet_pipe_shared_held),
             GP_CASE(packet_outlives_session))
