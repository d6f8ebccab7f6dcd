/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Test-only filter classes for the C tests: a source (tsrc), a recording sink (tsink), a
 * pass-through with every packet kind (tpass), codec converters for graph resolution
 * (tconv*) and a source that runs test code in process (tfunc). Their contexts are public
 * here so a test reads what they recorded through gp_filter_priv(). Not part of the engine. */
#ifndef GP_TEST_FILTERS_H
#define GP_TEST_FILTERS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "gp/gp.h"

/* Made-up codec ids the converters turn into one another (A -> B -> C -> D). */
#define TF_CODEC_A GP_4CC('t', 'c', '_', 'A')
#define TF_CODEC_B GP_4CC('t', 'c', '_', 'B')
#define TF_CODEC_C GP_4CC('t', 'c', '_', 'C')
#define TF_CODEC_D GP_4CC('t', 'c', '_', 'D')
#define TF_CODEC_Z GP_4CC('t', 'c', '_', 'Z') /* produced by nobody */
/* The same values in decimal, for option strings ("codec=" TF_CODEC_B_STR). */
#define TF_CODEC_A_STR "1952669505"
#define TF_CODEC_B_STR "1952669506"
#define TF_CODEC_C_STR "1952669507"
#define TF_CODEC_D_STR "1952669508"
#define TF_CODEC_Z_STR "1952669530"

#define TF_MAX_PIDS 8
#define TF_MAX_REC 1024 /* packets recorded one by one; later ones are only counted */
#define TF_MAX_EVT 32
#define TF_MAX_CFG 16

/* Detects a filter callback running on two threads at once (re-entry on the same
 * thread is not counted). */
typedef struct TfGuard {
    atomic_ulong owner; /* pthread_self() of the thread inside a callback, 0 when none */
    atomic_int nb_concurrent;
} TfGuard;
int tf_guard_enter(TfGuard *g);
void tf_guard_leave(TfGuard *g, int token);

/* Copies of the events a filter received, in arrival order. */
typedef struct TfEventLog {
    uint32_t nb;
    GpEvent evts[TF_MAX_EVT];
} TfEventLog;
uint32_t tf_evlog_count(const TfEventLog *l, GpEventType type);
/* nth event of that type, NULL when absent. */
const GpEvent *tf_evlog_find(const TfEventLog *l, GpEventType type, uint32_t nth);

/* ---- tsrc: source without inputs ----
 * Options: nb (packets per PID, 10), size (bytes, 16), st (StreamType of odd PIDs,
 * Visual), st2 (StreamType of even PIDs, Audio), codec (CodecID, TF_CODEC_A), npids (1),
 * timescale (1000), dur (packet duration, 1), reconf (before packet N, N>0, set the PID
 * property "tver" to 1), infoat (before packet N, N>0, set_info "tinfo"=7), devt (event
 * type sent downstream once after PLAY), pprop (packet props: "tidx"=i, FileNumber=100+i),
 * burst (max packets per process call, 0 = until blocked).
 * Output PID k (1-based): ID=k, StreamType, CodecID, Timescale, "tver"=0, name "tpidk".
 * Packet i: dts=cts=i, dur, sap=1, `size` bytes of value i & 0xff. Sends only after
 * PLAY on that PID, stops at STOP; EOS after the last packet; GP_EOS when done. */
typedef struct TsrcCtx {
    uint32_t nb, size, st, st2, codec, npids, timescale, dur, reconf, infoat, devt, burst;
    bool pprop;

    GpPid *opids[TF_MAX_PIDS];
    bool playing[TF_MAX_PIDS], stopped[TF_MAX_PIDS], eos_set[TF_MAX_PIDS];
    bool devt_sent[TF_MAX_PIDS];
    uint32_t sent[TF_MAX_PIDS];
    uint32_t nb_process;
    uint32_t nb_blocked;        /* times it stopped sending because would_block */
    uint32_t nb_called_blocked; /* process called while every playing PID would block */
    TfEventLog events;
    TfGuard guard;
} TsrcCtx;

/* ---- tsink: recording sink ----
 * Options: codec (accept only this CodecID), st (accept only this StreamType), noplay
 * (never send PLAY), mbuf (max buffer µs set on inputs), stall (µs: do not consume for
 * that long after the first packet), stop (send STOP after N packets), breq (send
 * BUFFER_REQ with this max_buffer_us after PLAY), hold (keep a reference on every packet
 * until every input is at EOS), delay (µs slept in each process call).
 * Accepts any number of inputs. */
typedef struct TsinkCtx TsinkCtx;
typedef void (*TsinkConfigureHook)(GpFilter *f, GpPid *ipid, void *udata);
typedef void (*TsinkPacketHook)(GpFilter *f, GpPid *ipid, GpPacket *pck, void *udata);
typedef void (*TsinkEosHook)(GpFilter *f, void *udata);

struct TsinkCtx {
    uint32_t codec, st, mbuf, stall, stop, breq, delay;
    bool noplay, hold;

    /* inputs, in configuration order */
    uint32_t npids;
    GpPid *ipids[TF_MAX_PIDS];
    uint32_t pid_id[TF_MAX_PIDS], pid_st[TF_MAX_PIDS], pid_codec[TF_MAX_PIDS];
    GpFilter *pid_src[TF_MAX_PIDS]; /* gp_pid_source_filter() at first configure */
    bool pid_eos[TF_MAX_PIDS];
    /* configure_pid calls (not removals): packets received before each, "tver" seen */
    uint32_t nb_configure, nb_remove;
    uint32_t cfg_at[TF_MAX_CFG];
    int64_t cfg_tver[TF_MAX_CFG];
    /* packets, in reception order */
    uint32_t nb_pck;
    uint32_t pck_pid[TF_MAX_REC]; /* index in ipids[] */
    uint64_t dts[TF_MAX_REC], cts[TF_MAX_REC];
    uint32_t size[TF_MAX_REC];
    int first_byte[TF_MAX_REC]; /* -1 when empty */
    bool bytes_ok[TF_MAX_REC];  /* every byte equals the first */
    const uint8_t *ptr[TF_MAX_REC];
    int64_t tidx[TF_MAX_REC], fnum[TF_MAX_REC], tver[TF_MAX_REC]; /* -1 when absent */
    /* snapshot at the first process call that found a packet queued on input 0 */
    bool first_snap;
    uint32_t first_queued;
    bool first_eos_received, first_is_eos;
    /* queueing */
    uint32_t max_queued;
    bool saw_would_block;
    uint64_t stall_start;
    bool stop_sent;
    bool all_eos;
    uint32_t nb_held;
    GpPacket *held[TF_MAX_REC];
    TfEventLog events;
    TfGuard guard;
    /* test hooks, set through gp_filter_priv() after load */
    TsinkConfigureHook on_configure;
    TsinkPacketHook on_packet;
    TsinkEosHook on_eos; /* once every input is at EOS, before held packets go */
    void *udata;
    /* when set (pthread_self() cast), callbacks run on another thread are counted */
    unsigned long expect_thread;
    atomic_uint nb_wrong_thread;
    GpCap caps[2];
};

/* ---- tpass: pass-through with one packet kind ----
 * Options: mode (fwd|ref|copy|clone|alloc|shared, default fwd), copy (copy the input PID
 * properties onto the output explicitly, default true), off (ref: data offset), hold
 * (clone: keep an extra reference on the input so the data cannot be moved), consume
 * (event type for which process_event returns true), delay (µs slept per process). */
enum { TPASS_FWD, TPASS_REF, TPASS_COPY, TPASS_CLONE, TPASS_ALLOC, TPASS_SHARED };

typedef struct TpassCtx {
    uint32_t mode, off, consume, delay;
    bool copy, hold;

    GpPid *ipid, *opid;
    uint32_t nb_configure;
    uint32_t nb_in;
    const uint8_t *in_ptr[TF_MAX_REC];   /* input data pointer */
    const uint8_t *out_ptr[TF_MAX_REC];  /* output data pointer right after creation */
    bool out_writable[TF_MAX_REC];       /* gp_packet_data_rw() != NULL on the output */
    uint32_t src_size_after[TF_MAX_REC]; /* clone: input payload size after cloning */
    atomic_uint nb_shared, nb_released;  /* shared packets created / released */
    bool eos_done;
    TfEventLog events;
    TfGuard guard;
} TpassCtx;

/* ---- tconv*: CodecID converters for graph resolution ----
 * One input, one output; the output CodecID comes from the class's output cap; packets
 * are forwarded. */
typedef struct TconvCtx {
    GpPid *ipid, *opid;
    uint32_t out_codec;
    uint32_t nb_fwd;
    bool eos_done;
    TfGuard guard;
} TconvCtx;

/* ---- tfunc: source that runs test code ----
 * Options: out (create one output PID in initialize, default true), eos (set EOS on it
 * after fn, default true). process calls fn once (if set) and returns GP_EOS. */
typedef void (*TfuncFn)(GpFilter *f, GpPid *opid, void *udata);
typedef struct TfuncCtx {
    bool out, eos;

    GpPid *opid;
    TfuncFn fn;
    void *udata;
    uint32_t nb_calls;
    TfEventLog events;
} TfuncCtx;

extern const GpFilterClass tf_tsrc;
extern const GpFilterClass tf_tsink;
extern const GpFilterClass tf_tsink_main; /* tsink with GP_FCLASS_MAIN_THREAD */
extern const GpFilterClass tf_tpass;
extern const GpFilterClass tf_tfunc;
extern const GpFilterClass tf_tconvA;  /* A -> B */
extern const GpFilterClass tf_tconvB;  /* B -> C */
extern const GpFilterClass tf_tconvC;  /* C -> D */
extern const GpFilterClass tf_tconvAD; /* A -> D, one hop */
extern const GpFilterClass tf_tconvA2; /* A -> B like tconvA, priority 5 */

#endif /* GP_TEST_FILTERS_H */
