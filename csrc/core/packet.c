/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Packets: allocation of every kind, reference counting, payload access, timing and
 * properties. Sending is in pid_link.c (it is about queues). State of a packet:
 *   NEW  - created by new_*, owned by the producer, writable;
 *   SENT - handed to the PID's consumers (or dropped), read-only from then on;
 *   DETACHED - made by clone_detached, attached to no PID, writable. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

atomic_llong gp__live_packets;

typedef enum { PCK_ALLOC, PCK_REF, PCK_SHARED } PckKind;
typedef enum { PCK_NEW, PCK_SENT, PCK_DETACHED } PckState;

struct GpPacket {
    atomic_uint refcount;
    uint8_t kind;      /* PckKind */
    uint8_t state;     /* PckState */
    bool readonly;     /* shared memory marked read-only, or a reference */
    uint8_t *data;
    uint32_t size;
    uint32_t alloc_size; /* PCK_ALLOC: bytes owned at data */
    GpPacket *ref_src;   /* PCK_REF: packet whose memory we view */
    GpPacketReleaseFn release;
    void *release_udata;
    GpPid *pid;          /* output PID it was created on (NULL when detached) */
    uint32_t timescale;
    GpPacketInfo info;
    GpPropMap *props;    /* packet properties, NULL when none */
};

static GpPacket *
packet_new(GpPid *opid, PckKind kind)
{
    if (opid && (!gp_pid_is_output(opid) || !gp_pid_owner(opid)))
        return NULL;
    GpPacket *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    atomic_init(&p->refcount, 1);
    p->kind = kind;
    p->state = opid ? PCK_NEW : PCK_DETACHED;
    p->pid = opid;
    if (opid)
        gp__pid_hold(opid);
    p->timescale = opid ? gp_pid_get_uint(opid, GP_P_TIMESCALE, 0) : 0;
    p->info.dts = p->info.cts = GP_NO_TS;
    p->info.byte_offset = GP_NO_TS;
    p->info.start = p->info.end = true;
    atomic_fetch_add(&gp__live_packets, 1);
    return p;
}

/* ---- reuse of large payloads ----
 * A decoder allocates one frame-sized packet per frame; freeing and allocating such
 * buffers (over the mmap threshold) faults every page in again each frame. Freed
 * payloads of at least PCK_POOL_MIN bytes are kept (at most PCK_POOL_MAX of them,
 * process-wide) and handed out again for the same size. */
#define PCK_POOL_MIN (64 * 1024)
#define PCK_POOL_MAX 16

static pthread_mutex_t pck_pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    void *mem;
    uint32_t size;
} pck_pool[PCK_POOL_MAX];
static unsigned pck_pool_nb;

static void *
pck_pool_get(uint32_t size)
{
    void *mem = NULL;
    if (size < PCK_POOL_MIN)
        return NULL;
    pthread_mutex_lock(&pck_pool_lock);
    for (unsigned i = 0; i < pck_pool_nb; i++) {
        if (pck_pool[i].size == size) {
            mem = pck_pool[i].mem;
            pck_pool[i] = pck_pool[--pck_pool_nb];
            break;
        }
    }
    pthread_mutex_unlock(&pck_pool_lock);
    return mem;
}

static void
pck_pool_put(void *mem, uint32_t size)
{
    if (!mem)
        return;
    if (size >= PCK_POOL_MIN) {
        pthread_mutex_lock(&pck_pool_lock);
        if (pck_pool_nb == PCK_POOL_MAX) {
            /* full: the oldest entry goes, the newest (warm in cache) stays */
            free(pck_pool[0].mem);
            pck_pool[0] = pck_pool[--pck_pool_nb];
        }
        pck_pool[pck_pool_nb].mem = mem;
        pck_pool[pck_pool_nb].size = size;
        pck_pool_nb++;
        pthread_mutex_unlock(&pck_pool_lock);
        return;
    }
    free(mem);
}

/* Engine-allocated payloads start on a GP_PACKET_ALIGN boundary: decoders write frames
 * straight into packets with SIMD stores that need it (ffdec's get_buffer2). */
static bool
packet_alloc_data(GpPacket *p, uint32_t size)
{
    void *mem = pck_pool_get(size);
    if (!mem && size && posix_memalign(&mem, GP_PACKET_ALIGN, size))
        return false;
    p->data = mem;
    p->size = p->alloc_size = size;
    return true;
}

GpPacket *
gp_packet_new_alloc(GpPid *opid, uint32_t size, uint8_t **data)
{
    GpPacket *p = opid ? packet_new(opid, PCK_ALLOC) : NULL;
    if (p && !packet_alloc_data(p, size)) {
        gp_packet_unref(p);
        p = NULL;
    }
    if (data)
        *data = p ? p->data : NULL;
    return p;
}

GpPacket *
gp_packet_new_ref(GpPid *opid, GpPacket *src, uint32_t offset, uint32_t size)
{
    if (!opid || !src || offset > src->size)
        return NULL;
    if (!size)
        size = src->size - offset;
    if (size > src->size - offset)
        return NULL;
    GpPacket *p = packet_new(opid, PCK_REF);
    if (!p)
        return NULL;
    p->ref_src = gp_packet_ref(src);
    p->data = src->data ? src->data + offset : NULL;
    p->size = size;
    p->readonly = true;
    return p;
}

GpPacket *
gp_packet_new_shared(GpPid *opid, const uint8_t *data, uint32_t size,
                     GpPacketReleaseFn release, void *release_udata)
{
    if (!opid || !release || (!data && size))
        return NULL;
    GpPacket *p = packet_new(opid, PCK_SHARED);
    if (!p)
        return NULL;
    p->data = (uint8_t *)data;
    p->size = size;
    p->release = release;
    p->release_udata = release_udata;
    return p;
}

void *
gp_packet_shared_udata(const GpPacket *pck)
{
    return pck && pck->kind == PCK_SHARED ? pck->release_udata : NULL;
}

static void
packet_copy_meta(GpPacket *dst, const GpPacket *src)
{
    dst->info = src->info;
    if (src->props && src->props != dst->props) {
        if (!dst->props)
            dst->props = gp_propmap_new();
        if (dst->props)
            gp_propmap_merge(dst->props, src->props);
    }
}

GpPacket *
gp_packet_new_copy(GpPid *opid, GpPacket *src, uint8_t **data)
{
    GpPacket *p = src ? gp_packet_new_alloc(opid, src->size, data) : NULL;
    if (!p)
        return NULL;
    if (src->size && src->data)
        memcpy(p->data, src->data, src->size);
    packet_copy_meta(p, src);
    return p;
}

GpPacket *
gp_packet_new_clone(GpPid *opid, GpPacket *src, uint8_t **data)
{
    if (!src || !opid)
        return NULL;
    /* the caller's reference is the only one and the memory is ours: move it */
    bool movable = src->kind == PCK_ALLOC && atomic_load(&src->refcount) == 1 && src->data;
    if (!movable)
        return gp_packet_new_copy(opid, src, data);
    GpPacket *p = packet_new(opid, PCK_ALLOC);
    if (!p)
        return NULL;
    p->data = src->data;
    p->size = src->size;
    p->alloc_size = src->alloc_size;
    src->data = NULL;
    src->size = src->alloc_size = 0;
    packet_copy_meta(p, src);
    if (data)
        *data = p->data;
    return p;
}

GpPacket *
gp_packet_clone_detached(GpPacket *src, GpPacket *cached)
{
    if (!src)
        return NULL;
    GpPacket *p = cached;
    if (p && (p->kind != PCK_ALLOC || p->state != PCK_DETACHED ||
              atomic_load(&p->refcount) != 1 || p->alloc_size < src->size)) {
        gp_packet_unref(p);
        p = NULL;
    }
    if (!p) {
        p = packet_new(NULL, PCK_ALLOC);
        if (!p || !packet_alloc_data(p, src->size)) {
            gp_packet_unref(p);
            return NULL;
        }
    }
    p->size = src->size;
    if (src->size && src->data)
        memcpy(p->data, src->data, src->size);
    if (p->props)
        gp_propmap_clear(p->props);
    packet_copy_meta(p, src);
    p->timescale = src->timescale;
    return p;
}

GpPacket *
gp_packet_ref(GpPacket *pck)
{
    if (pck)
        atomic_fetch_add(&pck->refcount, 1);
    return pck;
}

void
gp_packet_unref(GpPacket *pck)
{
    if (!pck || atomic_fetch_sub(&pck->refcount, 1) != 1)
        return;
    if (pck->kind == PCK_ALLOC)
        pck_pool_put(pck->data, pck->alloc_size);
    else if (pck->kind == PCK_REF)
        gp_packet_unref(pck->ref_src);
    else if (pck->kind == PCK_SHARED && pck->release)
        pck->release(pck->pid ? gp_pid_owner(pck->pid) : NULL, pck->pid, pck);
    if (pck->props)
        gp_propmap_unref(pck->props);
    if (pck->pid)
        gp__pid_release(pck->pid);
    free(pck);
    atomic_fetch_sub(&gp__live_packets, 1);
}

uint32_t
gp_packet_refcount(const GpPacket *pck)
{
    return pck ? atomic_load(&((GpPacket *)pck)->refcount) : 0;
}

void
gp_packet_discard(GpPacket *pck)
{
    if (pck && pck->state == PCK_NEW)
        gp_packet_unref(pck);
}

void
gp__packet_mark_sent(GpPacket *pck)
{
    pck->state = PCK_SENT;
}

const uint8_t *
gp_packet_data(const GpPacket *pck, uint32_t *size)
{
    if (size)
        *size = pck ? pck->size : 0;
    return pck ? pck->data : NULL;
}

bool
gp_packet_is_writable(const GpPacket *pck)
{
    return pck && pck->state != PCK_SENT && !pck->readonly && pck->kind != PCK_REF;
}

uint8_t *
gp_packet_data_rw(GpPacket *pck, uint32_t *size)
{
    if (!gp_packet_is_writable(pck)) {
        if (size)
            *size = 0;
        return NULL;
    }
    if (size)
        *size = pck->size;
    return pck->data;
}

void
gp_packet_set_readonly(GpPacket *pck)
{
    if (pck)
        pck->readonly = true;
}

GpErr
gp_packet_truncate(GpPacket *pck, uint32_t size)
{
    if (!pck || pck->state == PCK_SENT || size > pck->size)
        return GP_BAD_PARAM;
    pck->size = size;
    return GP_OK;
}

GpPacketInfo *
gp_packet_info(GpPacket *pck)
{
    return &pck->info;
}

const GpPacketInfo *
gp_packet_info_const(const GpPacket *pck)
{
    return &pck->info;
}

bool
gp_packet_is_output(const GpPacket *pck)
{
    return pck && pck->state == PCK_NEW;
}

bool
gp_packet_was_sent(const GpPacket *pck)
{
    return pck && pck->state == PCK_SENT;
}

GpPid *
gp_packet_pid(const GpPacket *pck)
{
    return pck ? pck->pid : NULL;
}

uint32_t
gp_packet_timescale(const GpPacket *pck)
{
    return pck ? pck->timescale : 0;
}

GpErr
gp_packet_set_prop(GpPacket *pck, uint32_t code, const char *name, const GpPropValue *v)
{
    if (!pck || pck->state == PCK_SENT || (!code && !name))
        return GP_BAD_PARAM;
    if (!pck->props && !(pck->props = gp_propmap_new()))
        return GP_OUT_OF_MEM;
    return gp_propmap_set(pck->props, code, name, v);
}

const GpPropValue *
gp_packet_get_prop(const GpPacket *pck, uint32_t code, const char *name)
{
    return pck && pck->props ? gp_propmap_get(pck->props, code, name) : NULL;
}

const GpPropValue *
gp_packet_enum_prop(const GpPacket *pck, uint32_t *idx, uint32_t *code, const char **name)
{
    return pck && pck->props ? gp_propmap_enum(pck->props, idx, code, name) : NULL;
}

bool
gp_packet_has_props(const GpPacket *pck)
{
    return pck && pck->props && gp_propmap_count(pck->props);
}

GpErr
gp_packet_copy_props(GpPacket *dst, const GpPacket *src)
{
    if (!dst || !src || dst->state == PCK_SENT)
        return GP_BAD_PARAM;
    packet_copy_meta(dst, src);
    return GP_OK;
}

GpErr
gp_packet_forward(GpPacket *src, GpPid *opid)
{
    GpPacket *p = gp_packet_new_ref(opid, src, 0, 0);
    if (!p)
        return src && opid ? GP_OUT_OF_MEM : GP_BAD_PARAM;
    packet_copy_meta(p, src);
    return gp_packet_send(p);
}

int64_t
gp_packet_live_count(void)
{
    return atomic_load(&gp__live_packets);
}
