/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Events between filters: each hop is a task on the receiving filter, so a filter's
 * process_event never runs concurrently with its other callbacks. Upstream events
 * (sent on an input PID) go to the producer and on to its inputs; downstream events
 * (sent on an output PID) go to every consumer and on to its outputs. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

const char *
gp_event_name(uint32_t type)
{
    static const char *const names[] = {
        "UNKNOWN",       "PLAY",          "SET_SPEED",      "STOP",
        "PAUSE",         "RESUME",        "SOURCE_SEEK",    "SOURCE_SWITCH",
        "SEGMENT_SIZE",  "ATTACH_SCENE",  "RESET_SCENE",    "QUALITY_SWITCH",
        "VISIBILITY_HINT", "INFO_UPDATE", "BUFFER_REQ",     "CAPS_CHANGE",
        "CONNECT_FAIL",  "USER",          "PLAY_HINT",      "FILE_DELETE",
        "FRAGMENT_SIZE", "TRANSPORT_HINTS", "NTP_REF",      "DASH_QUALITY_SELECT",
        "NETWORK_HINT",
    };
    return type < sizeof(names) / sizeof(names[0]) ? names[type] : "UNKNOWN";
}

/* Engine bookkeeping before the filter sees an upstream event on its output PID.
 * Returns false when the event should not reach the filter (a second PLAY while
 * already playing, a STOP while other consumers still play). */
static bool
event_track_playing(GpPid *opid, const GpEvent *evt)
{
    if (!gp_pid_is_output(opid))
        return true;
    if (evt->base.type == GP_FEVT_PLAY)
        return atomic_fetch_add(&opid->nb_playing, 1) == 0 || evt->play.start_range > 0;
    if (evt->base.type == GP_FEVT_STOP) {
        int before = atomic_load(&opid->nb_playing);
        if (before > 0)
            atomic_fetch_sub(&opid->nb_playing, 1);
        if (before <= 1)
            opid->was_stopped = true;
        return before <= 1;
    }
    return true;
}

int64_t
gp__event_task(GpSession *s, GpTask *t)
{
    GpFilter *f = t->filter;
    GpEvent *evt = &t->evt;
    bool upstream = t->udata != NULL;
    if (f->removed)
        return -1;
    if (upstream && !event_track_playing(evt->base.on_pid, evt))
        return -1;
    /* a source that ended gets going again when played after a STOP, on a seek, or on
     * a PLAY from a new position (not after a failure) */
    if (upstream && gp_pid_is_output(evt->base.on_pid)) {
        GpPid *opid = evt->base.on_pid;
        if (!f->inputs.nb && !f->stats.nb_errors &&
            (evt->base.type == GP_FEVT_SOURCE_SEEK ||
             (evt->base.type == GP_FEVT_PLAY &&
              (opid->was_stopped || evt->play.start_range > 0))))
            f->finished = false;
        if (evt->base.type == GP_FEVT_PLAY)
            opid->was_stopped = false;
    }
    bool consumed = f->cls->process_event ? f->cls->process_event(f, evt) : false;
    if (!consumed) {
        GpVec *next = upstream ? &f->inputs : &f->outputs;
        for (uint32_t i = 0; i < next->nb; i++)
            gp_pid_send_event(next->items[i], evt);
    }
    /* a source waiting for PLAY, or a filter unblocked by the event, gets a turn */
    gp_filter_post_process(f);
    return -1;
}

/* The string field of events that carry one, NULL for the others. */
static const char **
event_string(GpEvent *evt)
{
    switch (evt->base.type) {
    case GP_FEVT_SOURCE_SEEK:
    case GP_FEVT_SOURCE_SWITCH: return &evt->seek.source_switch;
    case GP_FEVT_SEGMENT_SIZE: return &evt->seg_size.seg_url;
    case GP_FEVT_FILE_DELETE: return &evt->file_del.url;
    default: return NULL;
    }
}

void
gp__event_post(GpFilter *target, GpPid *on_pid, const GpEvent *evt, bool upstream)
{
    GpTask *t = gp__task_new(gp__event_task, target, "event");
    if (!t)
        return;
    t->evt = *evt;
    t->evt.base.on_pid = on_pid;
    /* the string an event points to is the sender's: each hop keeps its own copy */
    const char **str = event_string(&t->evt);
    if (str && *str) {
        t->evt_str = strdup(*str);
        if (!t->evt_str) {
            gp__task_free(t);
            return;
        }
        *str = t->evt_str;
    }
    t->udata = upstream ? (void *)1 : NULL;
    gp__task_post(target->session, t, 0);
}

GpErr
gp_pid_send_event(GpPid *pid, const GpEvent *evt)
{
    if (!pid || !evt || evt->base.type == 0 || evt->base.type > GP_FEVT_LAST)
        return GP_BAD_PARAM;
    if (pid->kind == GP_PID_INPUT) {
        GpPid *opid = pid->opid;
        if (!opid)
            return GP_BAD_PARAM;
        if (evt->base.type == GP_FEVT_PLAY)
            pid->playing = true;
        else if (evt->base.type == GP_FEVT_STOP)
            pid->playing = false;
        else if (evt->base.type == GP_FEVT_BUFFER_REQ && evt->buffer_req.max_buffer_us)
            pid->max_buffer_us = evt->buffer_req.max_buffer_us;
        if ((evt->base.type == GP_FEVT_PLAY) &&
            (pid->filter->session->flags & GP_FS_FLAG_PREVENT_PLAY))
            return GP_OK;
        gp__event_post(opid->filter, opid, evt, true);
        return GP_OK;
    }
    pthread_mutex_lock(&pid->lock);
    for (uint32_t i = 0; i < pid->dests.nb; i++) {
        GpPid *in = pid->dests.items[i];
        gp__event_post(in->filter, in, evt, false);
    }
    pthread_mutex_unlock(&pid->lock);
    return GP_OK;
}
