/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Graph resolution (API.md 4.5, 4.7): where a new output PID goes. Candidates are
 * tried in creation order under the implicit-linking rules and the SID restrictions;
 * a candidate that does not accept the PID directly may be reached through the
 * shortest chain of registered filters, found by a breadth-first search over
 * capability bundles. Also print_graph. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core.h"

/* ---- link restrictions: SID and fragments ---- */

static bool
frag_stream_alias(const char *frag, GpPid *opid, bool *matched)
{
    static const struct { const char *name; uint32_t st; } aliases[] = {
        {"video", GP_STREAM_VISUAL}, {"audio", GP_STREAM_AUDIO}, {"scene", GP_STREAM_SCENE},
        {"text", GP_STREAM_TEXT},    {"font", GP_STREAM_FONT},   {"meta", GP_STREAM_METADATA},
    };
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        size_t n = strlen(aliases[i].name);
        if (strncasecmp(frag, aliases[i].name, n))
            continue;
        const char *num = frag + n;
        if (*num && strspn(num, "0123456789") != strlen(num))
            continue;
        uint32_t st = gp_pid_get_uint(opid, GP_P_STREAM_TYPE, GP_STREAM_UNKNOWN);
        if (st != aliases[i].st) {
            *matched = false;
            return true;
        }
        unsigned want = *num ? (unsigned)atoi(num) : 0, rank = 0;
        GpFilter *f = opid->filter;
        for (uint32_t k = 0; want && k < f->outputs.nb; k++) {
            GpPid *o = f->outputs.items[k];
            if (gp_pid_get_uint(o, GP_P_STREAM_TYPE, 0) == st)
                rank++;
            if (o == opid)
                break;
        }
        *matched = !want || rank == want;
        return true;
    }
    return false;
}

/* Parses a fragment value for property `info` (names for the enum-like uints). */
static bool
frag_parse_value(const GpPropInfo *info, const char *text, GpPropValue *out)
{
    uint32_t v;
    GpErr e = GP_BAD_PARAM;
    if (info->code == GP_P_STREAM_TYPE)
        e = gp_stream_type_parse(text, &v);
    else if (info->code == GP_P_CODECID)
        e = gp_codec_parse(text, &v);
    else if (info->code == GP_P_PIXFMT)
        e = gp_pixfmt_parse(text, &v);
    else if (info->code == GP_P_AUDIO_FORMAT)
        e = gp_audio_fmt_parse(text, &v);
    if (e == GP_OK) {
        *out = gp_pv_uint(v);
        return true;
    }
    return gp_prop_parse(info->type, text, NULL, out) == GP_OK;
}

static bool
frag_match(const char *frag, GpPid *opid)
{
    bool matched;
    if (frag_stream_alias(frag, opid, &matched))
        return matched;
    char *name = strdup(frag);
    if (!name)
        return false;
    char *op = strchr(name, '=');
    if (!op)
        op = strpbrk(name, "+-");
    if (!op) {
        bool same = !strcmp(gp_pid_name(opid), frag);
        free(name);
        return same;
    }
    char kind = *op;
    *op = 0;
    const char *text = op + 1;
    bool negate = kind == '=' && *text == '!';
    if (negate)
        text++;
    const GpPropInfo *info = gp_props_find(name);
    const GpPropValue *have = gp_pid_get_prop(opid, info ? info->code : 0, info ? NULL : name);
    bool ok = true; /* a PID lacking the property matches */
    if (have) {
        GpPropValue want;
        if (info && frag_parse_value(info, text, &want)) {
            if (kind == '=')
                ok = gp__cap_value_match(&want, have);
            else {
                int64_t a = (int64_t)gp_pid_get_uint(opid, info->code, 0);
                int64_t b = want.type == GP_PROP_SINT ? (int64_t)want.value.sint : (int64_t)want.value.uint;
                ok = kind == '+' ? a > b : a < b;
            }
            gp_prop_value_reset(&want);
        } else {
            char buf[256];
            ok = !strcmp(gp_prop_dump(have, buf, sizeof(buf)), text);
        }
        if (negate)
            ok = !ok;
    }
    free(name);
    return ok;
}

static bool
sid_id_match(const char *want, size_t len, GpFilter *f)
{
    const char *id = f->common.fid;
    if (!len || (len == 1 && want[0] == '*'))
        return true;
    if (!id)
        return false;
    if (want[len - 1] == '*')
        return !strncmp(id, want, len - 1);
    return strlen(id) == len && !strncmp(id, want, len);
}

/* PIDs of filters that resolution inserted behind a filter count as that filter's. */
static bool
sid_source_match(const char *want, size_t len, GpPid *opid)
{
    GpFilter *f = opid->filter;
    for (int depth = 0; f && depth < 16; depth++) {
        if (sid_id_match(want, len, f))
            return true;
        if (!f->dynamic || !f->inputs.nb)
            return false;
        f = gp_pid_source_filter(f->inputs.items[0]);
    }
    return false;
}

bool
gp__graph_sid_match(GpFilter *dst, GpPid *opid)
{
    const char *sid = dst->common.sid;
    if (!sid)
        return true;
    char *list = strdup(sid);
    bool ok = false;
    for (char *save = NULL, *ent = list ? strtok_r(list, ",", &save) : NULL; ent && !ok;
         ent = strtok_r(NULL, ",", &save)) {
        char *hash = strchr(ent, '#');
        size_t idlen = hash ? (size_t)(hash - ent) : strlen(ent);
        if (!sid_source_match(ent, idlen, opid))
            continue;
        ok = true;
        for (char *fr = hash; fr && ok;) {
            fr++;
            char *next = strchr(fr, '#');
            if (next)
                *next = 0;
            if (*fr)
                ok = frag_match(fr, opid);
            fr = next;
        }
    }
    free(list);
    return ok;
}

/* ---- chain search ---- */

#define GRAPH_MAX_NODES 512
#define GRAPH_MAX_WILD 16

/* A key a chain sets to "some value": one of the producer's output caps for it (alts:
 * its caps table and bundle [alt_start, alt_end), plus its static caps) when it
 * declares several, or anything but `not_val` when it only excludes one. */
typedef struct ChainWild {
    uint32_t code;
    const char *name;
    const GpPropValue *not_val;
    const GpCap *alts;
    uint32_t nb_alts, alt_start, alt_end;
} ChainWild;

/* What a PID would look like after a chain: concrete properties, plus wild keys. */
typedef struct ChainState {
    GpPropMap *props;
    ChainWild wild[GRAPH_MAX_WILD];
    uint32_t nb_wild;
} ChainState;

typedef struct ChainNode {
    const GpFilterClass *cls;
    int bundle, parent, depth, prio;
    ChainState st;
} ChainNode;

static int
state_wild(const ChainState *st, const GpCap *c)
{
    for (uint32_t i = 0; i < st->nb_wild; i++)
        if (st->wild[i].code ? st->wild[i].code == c->code
                             : (c->name && !strcmp(st->wild[i].name, c->name)))
            return (int)i;
    return -1;
}

/* Can a wild key take the value of a positive input cap? */
static bool
wild_accepts(const ChainWild *w, const GpPropValue *val)
{
    if (w->not_val && gp__cap_value_match(val, w->not_val))
        return false;
    if (!w->alts)
        return true;
    for (uint32_t j = 0; j < w->nb_alts; j++) {
        const GpCap *a = &w->alts[j];
        bool inside = j >= w->alt_start && j < w->alt_end;
        if ((a->flags & GP_CAPFLAG_OUTPUT) && (a->flags & GP_CAPFLAG_IN_BUNDLE) &&
            (inside || (a->flags & GP_CAPFLAG_STATIC)) && !(a->flags & GP_CAPFLAG_EXCLUDED) &&
            a->code == w->code && (a->code || (a->name && !strcmp(a->name, w->name))) &&
            gp__cap_value_match(val, &a->val))
            return true;
    }
    return false;
}

/* Bundle [start, end) accepts the state: concrete keys as in caps.c, wild keys accept
 * one of their possible values (wild_accepts). */
static bool
state_match_bundle(const GpCap *caps, uint32_t nb, uint32_t start, uint32_t end,
                   const ChainState *st, bool loaded)
{
    for (uint32_t i = 0; i < nb; i++) {
        const GpCap *k = &caps[i];
        bool inside = i >= start && i < end;
        if (!(k->flags & GP_CAPFLAG_IN_BUNDLE) || !(k->flags & GP_CAPFLAG_INPUT) ||
            (!inside && !(k->flags & GP_CAPFLAG_STATIC)) || (k->flags & GP_CAPFLAG_OPTIONAL) ||
            ((k->flags & GP_CAPFLAG_LOADED_FILTER) && !loaded))
            continue;
        int w = state_wild(st, k);
        const GpPropValue *v = w < 0 ? gp_propmap_get(st->props, k->code, k->code ? NULL : k->name)
                                     : NULL;
        bool any_pos = false, pos_ok = false, excluded = false;
        for (uint32_t j = 0; j < nb; j++) {
            const GpCap *c = &caps[j];
            bool in2 = j >= start && j < end;
            if (!(c->flags & GP_CAPFLAG_INPUT) || !(c->flags & GP_CAPFLAG_IN_BUNDLE) ||
                (!in2 && !(c->flags & GP_CAPFLAG_STATIC)) ||
                (c->code != k->code || (!c->code && (!c->name || strcmp(c->name, k->name)))))
                continue;
            if (c->flags & GP_CAPFLAG_PRESENT) {
                any_pos = true;
                pos_ok |= v || w >= 0;
            } else if (c->flags & GP_CAPFLAG_EXCLUDED) {
                excluded |= v && gp__cap_value_match(&c->val, v);
            } else {
                any_pos = true;
                if (w >= 0)
                    pos_ok |= wild_accepts(&st->wild[w], &c->val);
                else
                    pos_ok |= v && gp__cap_value_match(&c->val, v);
            }
        }
        if (excluded || (any_pos && !pos_ok))
            return false;
    }
    return true;
}

static int
state_match(const GpCap *caps, uint32_t nb, const ChainState *st, bool loaded, int from)
{
    if (!gp__caps_has_input(caps, nb))
        return from == 0 ? 0 : -1;
    uint32_t pos = 0, start, end;
    for (int idx = 0; gp__caps_next_bundle(caps, nb, &pos, &start, &end); idx++)
        if (idx >= from && state_match_bundle(caps, nb, start, end, st, loaded))
            return idx;
    return -1;
}

static void
state_free(ChainState *st)
{
    if (st->props)
        gp_propmap_unref(st->props);
    st->props = NULL;
}

/* alts: the producer's caps table and bundle when it declares several values. */
static void
state_set_wild(ChainState *st, const GpCap *c, const GpPropValue *not_val, const GpCap *alts,
               uint32_t nb_alts, uint32_t alt_start, uint32_t alt_end)
{
    gp_propmap_set(st->props, c->code, c->code ? NULL : c->name, NULL);
    int w = state_wild(st, c);
    if (w < 0 && st->nb_wild < GRAPH_MAX_WILD)
        w = (int)st->nb_wild++;
    if (w < 0)
        return;
    st->wild[w].code = c->code;
    st->wild[w].name = c->name;
    st->wild[w].not_val = not_val;
    st->wild[w].alts = alts;
    st->wild[w].nb_alts = nb_alts;
    st->wild[w].alt_start = alt_start;
    st->wild[w].alt_end = alt_end;
}

static void
state_clear_wild(ChainState *st, const GpCap *c)
{
    int w = state_wild(st, c);
    if (w >= 0)
        st->wild[w] = st->wild[--st->nb_wild];
}

/* The state after a filter's bundle: declared outputs replace, the rest passes. */
static bool
state_apply(const ChainState *in, const GpCap *caps, uint32_t nb, int bundle, ChainState *out)
{
    *out = *in;
    out->props = gp_propmap_clone(in->props);
    if (!out->props)
        return false;
    uint32_t pos = 0, start = 0, end = 0;
    for (int idx = 0; idx <= bundle; idx++)
        gp__caps_next_bundle(caps, nb, &pos, &start, &end);
    for (uint32_t i = 0; i < nb; i++) {
        const GpCap *k = &caps[i];
        bool inside = i >= start && i < end;
        if (!(k->flags & GP_CAPFLAG_OUTPUT) || !(k->flags & GP_CAPFLAG_IN_BUNDLE) ||
            (!inside && !(k->flags & GP_CAPFLAG_STATIC)))
            continue;
        uint32_t nb_pos = 0;
        const GpCap *pos_cap = NULL, *excl_cap = NULL;
        for (uint32_t j = 0; j < nb; j++) {
            const GpCap *c = &caps[j];
            bool in2 = j >= start && j < end;
            if (!(c->flags & GP_CAPFLAG_OUTPUT) || !(c->flags & GP_CAPFLAG_IN_BUNDLE) ||
                (!in2 && !(c->flags & GP_CAPFLAG_STATIC)) || c->code != k->code ||
                (!c->code && (!c->name || strcmp(c->name, k->name))))
                continue;
            if (c->flags & GP_CAPFLAG_EXCLUDED)
                excl_cap = c;
            else if (nb_pos++ == 0)
                pos_cap = c;
        }
        if (nb_pos == 1) {
            state_clear_wild(out, k);
            gp_propmap_set(out->props, k->code, k->code ? NULL : k->name, &pos_cap->val);
        } else {
            state_set_wild(out, k, !nb_pos && excl_cap ? &excl_cap->val : NULL,
                           nb_pos ? caps : NULL, nb, start, end);
        }
    }
    return true;
}

static bool
graph_class_insertable(GpSession *s, const GpFilterClass *c)
{
    return !(c->flags & (GP_FCLASS_EXPLICIT_ONLY | GP_FCLASS_CUSTOM)) && c->configure_pid &&
           gp__caps_has_input(c->caps, c->nb_caps) && gp__caps_has_output(c->caps, c->nb_caps) &&
           gp__session_class_allowed(s, c);
}

static const GpFilterClass *
graph_class_at(GpSession *s, uint32_t i)
{
    uint32_t nreg = gp_registry_count();
    return i < nreg ? gp_registry_at(i) : s->extra_classes.items[i - nreg];
}

/* Breadth-first over (class, bundle) nodes: the first depth with a solution wins; at
 * equal depth the lower summed priority, then the first found. */
int
gp__graph_find_chain(GpSession *s, const GpPropMap *props, GpFilter *dst,
                     const GpFilterClass **chain, int max_len)
{
    ChainNode *nodes = calloc(GRAPH_MAX_NODES, sizeof(*nodes));
    if (!nodes)
        return -1;
    uint32_t nb_nodes = 1, nb_classes = gp_registry_count() + s->extra_classes.nb;
    nodes[0].parent = -1;
    nodes[0].st.props = gp_propmap_clone(props);
    int best = -1;
    uint32_t level_start = 0;
    for (int depth = 1; depth <= max_len && best < 0 && nodes[0].st.props; depth++) {
        uint32_t level_end = nb_nodes;
        for (uint32_t n = level_start; n < level_end; n++) {
            for (uint32_t ci = 0; ci < nb_classes; ci++) {
                const GpFilterClass *c = graph_class_at(s, ci);
                if (!graph_class_insertable(s, c) || c == dst->cls)
                    continue;
                for (int b = state_match(c->caps, c->nb_caps, &nodes[n].st, false, 0);
                     b >= 0 && nb_nodes < GRAPH_MAX_NODES;
                     b = state_match(c->caps, c->nb_caps, &nodes[n].st, false, b + 1)) {
                    bool seen = false;
                    for (uint32_t k = 1; k < nb_nodes && !seen; k++)
                        seen = nodes[k].cls == c && nodes[k].bundle == b;
                    if (seen)
                        continue;
                    ChainNode *child = &nodes[nb_nodes];
                    if (!state_apply(&nodes[n].st, c->caps, c->nb_caps, b, &child->st))
                        continue;
                    child->cls = c;
                    child->bundle = b;
                    child->parent = (int)n;
                    child->depth = depth;
                    child->prio = nodes[n].prio + c->priority;
                    nb_nodes++;
                    if (state_match(dst->caps, dst->nb_caps, &child->st, !dst->dynamic, 0) >= 0 &&
                        (best < 0 || child->prio < nodes[best].prio))
                        best = (int)nb_nodes - 1;
                }
            }
        }
        level_start = level_end;
    }
    int len = best < 0 ? -1 : nodes[best].depth;
    for (int n = best, i = len - 1; n > 0 && i >= 0; n = nodes[n].parent, i--)
        chain[i] = nodes[n].cls;
    for (uint32_t n = 0; n < nb_nodes; n++)
        state_free(&nodes[n].st);
    free(nodes);
    return len;
}

/* ---- resolution ---- */

static bool
graph_is_ancestor(GpFilter *maybe, GpFilter *f, int depth)
{
    if (maybe == f)
        return true;
    if (depth > 32)
        return false;
    for (uint32_t i = 0; i < f->inputs.nb; i++) {
        GpFilter *up = gp_pid_source_filter(f->inputs.items[i]);
        if (up && graph_is_ancestor(maybe, up, depth + 1))
            return true;
    }
    return false;
}

static bool
graph_candidate(GpSession *s, GpPid *opid, GpFilter *dst)
{
    GpFilter *src = opid->filter;
    if (dst == src || dst->removed || !dst->cls->configure_pid)
        return false;
    if (src->final_dest ? dst != src->final_dest : dst->dynamic)
        return false;
    if (gp__vec_find(&opid->refused, dst) >= 0 || !gp__filter_accepts_more_inputs(dst))
        return false;
    for (uint32_t i = 0; i < opid->dests.nb; i++)
        if (((GpPid *)opid->dests.items[i])->filter == dst)
            return false;
    if (graph_is_ancestor(dst, src, 0))
        return false;
    bool rsid = dst->common.rsid || (s->flags & GP_FS_FLAG_REQUIRE_SOURCE_ID);
    if (rsid && !dst->common.sid)
        return false;
    return gp__graph_sid_match(dst, opid);
}

/* Links opid to dst directly or through the first filter of a chain; the inserted
 * filter carries dst as its final destination (the rest of the chain is built when
 * its own outputs appear, from their real properties). */
static bool
graph_try_link(GpSession *s, GpPid *opid, GpFilter *dst)
{
    if (gp__caps_match(dst->caps, dst->nb_caps, opid->props, !dst->dynamic) >= 0)
        return gp__pid_connect(opid, dst) == GP_OK;
    /* never a chain back into the producer's own class (a decoder's output encoded
     * again to feed a second instance of that decoder): only direct links there */
    if (dst->cls == opid->filter->cls)
        return false;
    const GpFilterClass *chain[8];
    int max = s->max_chain < 8 ? (int)s->max_chain : 8;
    int len = gp__graph_find_chain(s, opid->props, dst, chain, max);
    if (len <= 0 || gp__vec_find(&opid->refused, (void *)chain[0]) >= 0)
        return false;
    GpErr e;
    GpFilter *f = gp_session_load_class(s, chain[0], NULL, &e);
    if (!f)
        return false;
    f->dynamic = true;
    f->final_dest = dst;
    f->chain_next = len > 1 ? chain[1] : NULL;
    f->src_anchor = opid->filter->dynamic ? opid->filter->src_anchor : opid->filter;
    GP_LOG(FILTER, INFO, "inserted %s between %s and %s (chain of %d)", f->name,
           opid->filter->name, dst->name, len);
    return gp__pid_connect(opid, f) == GP_OK;
}

/* Implicit linking (API.md 4.7): a filter with SID takes what its SID allows; a
 * non-sink without SID takes the PID only if no other such filter did; sinks without
 * SID take it only when no non-sink did. */
void
gp__graph_resolve(GpSession *s, GpPid *opid)
{
    if (opid->removed)
        return;
    GpVec snapshot = {0}, sinks = {0};
    pthread_mutex_lock(&s->filters_lock);
    for (uint32_t i = 0; i < s->filters.nb; i++)
        gp__vec_add(&snapshot, s->filters.items[i]);
    pthread_mutex_unlock(&s->filters_lock);
    bool taken = false;
    uint32_t linked = 0;
    for (uint32_t i = 0; i < snapshot.nb; i++) {
        GpFilter *dst = snapshot.items[i];
        if (!graph_candidate(s, opid, dst))
            continue;
        bool has_sid = dst->common.sid != NULL;
        if (!has_sid && gp__filter_is_sink(dst)) {
            gp__vec_add(&sinks, dst);
            continue;
        }
        if ((s->flags & GP_FS_FLAG_NO_IMPLICIT) && !has_sid)
            continue;
        if (!has_sid && taken)
            continue;
        if (graph_try_link(s, opid, dst)) {
            linked++;
            taken |= !has_sid;
        }
    }
    for (uint32_t i = 0; !taken && i < sinks.nb; i++)
        linked += graph_try_link(s, opid, sinks.items[i]);
    gp__vec_free(&snapshot);
    gp__vec_free(&sinks);
    if (linked || opid->dests.nb)
        return;
    opid->unlinked = true;
    s->nb_unlinked++;
    const GpPropValue *st = gp_pid_get_prop(opid, GP_P_STREAM_TYPE, NULL);
    const GpPropValue *codec = gp_pid_get_prop(opid, GP_P_CODECID, NULL);
    const char *fmt = "No filter chain found for PID %s (%s %s) in filter %s to any "
                      "destination: its packets are dropped";
    const char *stn = st ? gp_stream_type_name(st->value.uint) : "unknown type";
    const char *cn = codec ? gp_codec_name(codec->value.uint) : "no codec";
    if (s->flags & GP_FS_FLAG_FULL_LINK)
        gp_session_set_error(s, GP_FILTER_NOT_FOUND, NULL, fmt, opid->name, stn, cn,
                             opid->filter->name);
    else
        gp__session_warn(s, GP_FILTER_NOT_FOUND, NULL, fmt, opid->name, stn, cn,
                         opid->filter->name);
}

const GpPropValue *
gp_pid_caps_query(GpPid *opid, uint32_t code, const char *name)
{
    if (!gp_pid_is_output(opid) || !opid->filter)
        return NULL;
    GpFilter *dst = NULL;
    pthread_mutex_lock(&opid->lock);
    if (opid->dests.nb)
        dst = ((GpPid *)opid->dests.items[0])->filter;
    pthread_mutex_unlock(&opid->lock);
    if (dst) {
        if (dst->removed)
            return NULL;
        return gp__caps_query(dst->caps, dst->nb_caps, opid->props, !dst->dynamic, code, name);
    }
    /* not linked yet: an inserted filter asks the next hop of its chain (a class), then
     * the filter the chain leads to; a bundle matching the current properties first,
     * else the first cap on the key whatever the other keys (the properties may be
     * about to change to what is asked) */
    GpFilter *f = opid->filter;
    const GpCap *caps = NULL;
    uint32_t nb = 0;
    bool loaded = false;
    if (f->chain_next) {
        caps = f->chain_next->caps;
        nb = f->chain_next->nb_caps;
    } else if (f->final_dest && !f->final_dest->removed) {
        caps = f->final_dest->caps;
        nb = f->final_dest->nb_caps;
        loaded = !f->final_dest->dynamic;
    }
    if (!caps)
        return NULL;
    const GpPropValue *v = gp__caps_query(caps, nb, opid->props, loaded, code, name);
    return v || !code ? v : gp__caps_first_value(caps, nb, code);
}

/* ---- print_graph ---- */

static void
graph_print_filter(FILE *out, GpFilter *f, GpPid *via, int depth)
{
    for (int i = 0; i < depth; i++)
        fputc('-', out);
    if (via)
        fprintf(out, "(PID %s) ", gp_pid_name(via));
    fprintf(out, "%s", f->name);
    if (f->args && *f->args)
        fprintf(out, " (%s)", f->args);
    fprintf(out, " (%s=%u)\n", f->dynamic ? "dyn_idx" : "idx", f->dyn_idx);
    if (depth > 16)
        return;
    for (uint32_t i = 0; i < f->outputs.nb; i++) {
        GpPid *o = f->outputs.items[i];
        for (uint32_t d = 0; d < o->dests.nb; d++)
            graph_print_filter(out, ((GpPid *)o->dests.items[d])->filter, o, depth + 1);
    }
}

static bool
graph_filter_linked(GpFilter *f)
{
    if (f->inputs.nb)
        return true;
    for (uint32_t i = 0; i < f->outputs.nb; i++)
        if (((GpPid *)f->outputs.items[i])->dests.nb)
            return true;
    return false;
}

void
gp_session_print_graph(GpSession *s, FILE *out)
{
    fprintf(out, "Filters connected:\n");
    for (uint32_t i = 0; i < s->filters.nb; i++) {
        GpFilter *f = s->filters.items[i];
        if (!f->inputs.nb && graph_filter_linked(f))
            graph_print_filter(out, f, NULL, 0);
    }
    bool header = false;
    for (uint32_t i = 0; i < s->filters.nb; i++) {
        GpFilter *f = s->filters.items[i];
        if (graph_filter_linked(f))
            continue;
        if (!header)
            fprintf(out, "Filters not connected:\n");
        header = true;
        graph_print_filter(out, f, NULL, 0);
    }
}
