/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ffsws: scale raw video and convert its pixel format with libswscale. The output size
 * and format come from the options, else from what the destination's caps ask for
 * (gp_pid_caps_query: graph resolution inserts ffsws when a sink wants another
 * PixelFormat or size), else from the input. Output frames are tight (Stride = width
 * times bytes per pixel); a PID that needs no change is forwarded untouched.
 * Not here: cropping, colour-space/range options, GPAC's osize/ofmt names. */
#include <string.h>

#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>

#include "ffmpeg_glue.h"
#include "filters.h"

/* Interpolation modes, in the order of the interp option's names. */
static const int ffsws_interp_flags[] = {
    SWS_FAST_BILINEAR, SWS_BILINEAR, SWS_BICUBIC, SWS_X,    SWS_POINT,  SWS_AREA,
    SWS_BICUBLIN,      SWS_GAUSS,    SWS_SINC,    SWS_LANCZOS, SWS_SPLINE,
};

/* One side of the conversion. */
typedef struct FfswsFormat {
    uint32_t width, height, pfmt; /* pfmt: engine 4CC */
    enum AVPixelFormat av;
    uint32_t stride, stride_uv, size;
} FfswsFormat;

typedef struct FfswsCtx {
    /* options */
    GpVec2i size;
    uint32_t width, height;
    char *pfmt;
    uint32_t interp;

    /* state */
    GpPid *ipid, *opid;
    FfswsFormat in, out;
    uint32_t dest_pfmt, dest_w, dest_h; /* what the destination's caps ask for */
    bool passthrough;
    struct SwsContext *sws;
} FfswsCtx;

static GpErr
ffsws_fail(GpFilter *f, GpErr code, const char *fmt, const char *arg)
{
    char msg[256];
    snprintf(msg, sizeof(msg), fmt, arg ? arg : "");
    gp_session_set_error(gp_filter_session(f), code, NULL, "ffsws: %s", msg);
    return code;
}

static GpErr
ffsws_set(GpPid *opid, uint32_t code, uint32_t v)
{
    GpPropValue pv = gp_pv_uint(v);
    return gp_pid_set_prop(opid, code, NULL, v ? &pv : NULL);
}

/* Output size: the options, else the destination's caps, else the input's. One given
 * side keeps the aspect ratio (rounded to even). */
static void
ffsws_out_size(FfswsCtx *ctx, uint32_t *w, uint32_t *h)
{
    *w = ctx->width ? ctx->width : ctx->size.x > 0 ? (uint32_t)ctx->size.x : 0;
    *h = ctx->height ? ctx->height : ctx->size.y > 0 ? (uint32_t)ctx->size.y : 0;
    if (!*w && !*h) {
        *w = ctx->dest_w;
        *h = ctx->dest_h;
    }
    uint32_t iw = ctx->in.width, ih = ctx->in.height;
    if (*w && !*h && iw)
        *h = (uint32_t)(((uint64_t)*w * ih / iw + 1) & ~1ull);
    else if (*h && !*w && ih)
        *w = (uint32_t)(((uint64_t)*h * iw / ih + 1) & ~1ull);
    if (!*w || !*h) {
        *w = iw;
        *h = ih;
    }
}

/* Reads the input format; false while the input does not tell it yet (a decoder that
 * knows it at its first frame). */
static GpErr
ffsws_read_input(GpFilter *f, FfswsCtx *ctx, GpPid *ipid, bool *known)
{
    FfswsFormat *in = &ctx->in;
    in->width = gp_pid_get_uint(ipid, GP_P_WIDTH, 0);
    in->height = gp_pid_get_uint(ipid, GP_P_HEIGHT, 0);
    in->pfmt = gp_pid_get_uint(ipid, GP_P_PIXFMT, 0);
    *known = in->width && in->height && in->pfmt;
    if (!*known)
        return GP_OK;
    in->av = ffg_pixfmt_from_gp(in->pfmt);
    in->size = gp_pixfmt_frame_size(in->pfmt, in->width, in->height, &in->stride,
                                    &in->stride_uv);
    if (in->av == AV_PIX_FMT_NONE || !in->size)
        return ffsws_fail(f, GP_NOT_SUPPORTED, "cannot convert pixel format %s",
                          gp_pixfmt_long_name(in->pfmt));
    in->stride = gp_pid_get_uint(ipid, GP_P_STRIDE, in->stride);
    in->stride_uv = gp_pid_get_uint(ipid, GP_P_STRIDE_UV, in->stride_uv);
    return GP_OK;
}

static GpErr
ffsws_setup_output(GpFilter *f, FfswsCtx *ctx, bool in_known)
{
    FfswsFormat *out = &ctx->out;
    out->pfmt = 0;
    if (ctx->pfmt && *ctx->pfmt && gp_pixfmt_parse(ctx->pfmt, &out->pfmt) != GP_OK)
        return ffsws_fail(f, GP_BAD_PARAM, "unknown pixel format '%s'", ctx->pfmt);
    if (!out->pfmt)
        out->pfmt = ctx->dest_pfmt;
    if (!out->pfmt)
        out->pfmt = ctx->in.pfmt;
    ffsws_out_size(ctx, &out->width, &out->height);
    GpErr e = GP_OK;
    if (out->pfmt)
        e = ffsws_set(ctx->opid, GP_P_PIXFMT, out->pfmt);
    if (e || !in_known)
        return e;
    out->av = ffg_pixfmt_from_gp(out->pfmt);
    out->size = gp_pixfmt_frame_size(out->pfmt, out->width, out->height, &out->stride,
                                     &out->stride_uv);
    if (out->av == AV_PIX_FMT_NONE || !out->size)
        return ffsws_fail(f, GP_NOT_SUPPORTED, "cannot produce pixel format %s",
                          gp_pixfmt_long_name(out->pfmt));
    ctx->passthrough = out->pfmt == ctx->in.pfmt && out->width == ctx->in.width &&
                       out->height == ctx->in.height;
    if (ctx->passthrough) /* the input's properties, strides included, hold */
        return GP_OK;
    e = ffsws_set(ctx->opid, GP_P_WIDTH, out->width);
    e = e ? e : ffsws_set(ctx->opid, GP_P_HEIGHT, out->height);
    e = e ? e : ffsws_set(ctx->opid, GP_P_STRIDE, out->stride);
    e = e ? e : ffsws_set(ctx->opid, GP_P_STRIDE_UV, out->stride_uv);
    if (e)
        return e;
    ctx->sws = sws_getCachedContext(ctx->sws, (int)ctx->in.width, (int)ctx->in.height,
                                    ctx->in.av, (int)out->width, (int)out->height, out->av,
                                    ffsws_interp_flags[ctx->interp], NULL, NULL, NULL);
    if (!ctx->sws)
        return ffsws_fail(f, GP_NOT_SUPPORTED, "libswscale refused the conversion to %s",
                          gp_pixfmt_long_name(out->pfmt));
    return GP_OK;
}

/* Plane pointers and strides of a frame in the engine's layout. */
static bool
ffsws_planes(const FfswsFormat *fmt, uint8_t *data, uint32_t size, uint8_t *planes[4],
             int strides[4])
{
    ptrdiff_t ls[4] = {fmt->stride, fmt->stride_uv, fmt->stride_uv, fmt->stride};
    size_t sizes[4] = {0}, off = 0;
    int nb = av_pix_fmt_count_planes(fmt->av);
    if (nb < 1 || nb > 4 || av_image_fill_plane_sizes(sizes, fmt->av, (int)fmt->height, ls) < 0)
        return false;
    for (int i = 0; i < 4; i++) {
        planes[i] = i < nb ? data + off : NULL;
        strides[i] = i < nb ? (int)ls[i] : 0;
        off += i < nb ? sizes[i] : 0;
    }
    return off <= size;
}

static GpErr
ffsws_convert(GpFilter *f, FfswsCtx *ctx, GpPacket *pck)
{
    uint32_t in_size = 0;
    uint8_t *in_data = (uint8_t *)gp_packet_data(pck, &in_size);
    uint8_t *src[4], *dst[4], *out_data = NULL;
    int src_ls[4], dst_ls[4];
    if (!in_data || !ffsws_planes(&ctx->in, in_data, in_size, src, src_ls))
        return ffsws_fail(f, GP_NON_COMPLIANT_BITSTREAM,
                          "input frame smaller than its properties say%s", NULL);
    GpPacket *out = gp_packet_new_alloc(ctx->opid, ctx->out.size, &out_data);
    if (!out)
        return GP_OUT_OF_MEM;
    ffsws_planes(&ctx->out, out_data, ctx->out.size, dst, dst_ls);
    sws_scale(ctx->sws, (const uint8_t *const *)src, src_ls, 0, (int)ctx->in.height, dst,
              dst_ls);
    gp_packet_copy_props(out, pck);
    return gp_packet_send(out);
}

static GpErr
ffsws_configure_pid(GpFilter *f, GpPid *ipid, bool is_remove)
{
    FfswsCtx *ctx = gp_filter_priv(f);
    bool done;
    GpErr e = filters_converter_configure(f, ipid, is_remove, GP_STREAM_VISUAL, &ctx->ipid,
                                          &ctx->opid, &done);
    if (e != GP_OK || done)
        return e;
    /* asked before the input's properties are copied over the output's: once linked,
     * the destination's answer depends on the output's current properties */
    filters_wanted_uint(ctx->opid, GP_P_PIXFMT, &ctx->dest_pfmt);
    filters_wanted_uint(ctx->opid, GP_P_WIDTH, &ctx->dest_w);
    filters_wanted_uint(ctx->opid, GP_P_HEIGHT, &ctx->dest_h);
    bool known = false;
    e = ffsws_read_input(f, ctx, ipid, &known);
    e = e ? e : gp_pid_copy_props(ctx->opid, ipid);
    return e ? e : ffsws_setup_output(f, ctx, known);
}

static GpErr
ffsws_process(GpFilter *f)
{
    FfswsCtx *ctx = gp_filter_priv(f);
    if (!ctx->ipid || !ctx->opid)
        return GP_OK;
    while (!gp_pid_would_block(ctx->opid)) {
        GpPacket *pck = gp_pid_get_packet(ctx->ipid);
        if (!pck) {
            if (gp_pid_is_eos(ctx->ipid) && !gp_pid_has_seen_eos(ctx->opid))
                gp_pid_set_eos(ctx->opid);
            return GP_OK;
        }
        GpErr e;
        if (!ctx->in.width || !ctx->in.pfmt)
            e = ffsws_fail(f, GP_NOT_SUPPORTED, "input frame without size or pixel format%s",
                           NULL);
        else if (ctx->passthrough)
            e = gp_packet_forward(pck, ctx->opid);
        else
            e = ffsws_convert(f, ctx, pck);
        gp_pid_drop_packet(ctx->ipid);
        if (e)
            return e;
    }
    return GP_OK;
}

static void
ffsws_finalize(GpFilter *f)
{
    FfswsCtx *ctx = gp_filter_priv(f);
    sws_freeContext(ctx->sws);
    ctx->sws = NULL;
}

static const GpArg ffsws_args[] = {
    GP_ARG(FfswsCtx, size, GP_PROP_VEC2I, "0x0", NULL,
           "output size WxH (0x0: what the destination asks for, else the input size)"),
    GP_ARG(FfswsCtx, width, GP_PROP_UINT, "0", NULL,
           "output width (0: from size; only one of width/height keeps the aspect ratio)"),
    GP_ARG(FfswsCtx, height, GP_PROP_UINT, "0", NULL, "output height (0: from size)"),
    GP_ARG(FfswsCtx, pfmt, GP_PROP_STRING, NULL, NULL,
           "output pixel format (yuv420, nv12, rgb, rgba...; default: what the destination "
           "asks for, else the input format)"),
    GP_ARG(FfswsCtx, interp, GP_PROP_UINT, "bicubic",
           "fastbilinear|bilinear|bicubic|x|point|area|bicublin|gauss|sinc|lanczos|spline",
           "scaling interpolation (libswscale's modes)"),
};

static const GpCap ffsws_caps[] = {
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_STREAM_TYPE, GP_STREAM_VISUAL),
    GP_CAP_UINT(GP_CAPS_INPUT_OUTPUT, GP_P_CODECID, GP_CODEC_RAW),
    /* any format and size out: resolution reaches a sink asking for one through us */
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_PIXFMT, 0),
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_WIDTH, 0),
    GP_CAP_UINT(GP_CAPS_OUTPUT_EXCLUDED, GP_P_HEIGHT, 0),
};

const GpFilterClass gp_filter_ffsws = {
    .name = "ffsws",
    .help = GP_HELP("Scale raw video and convert its pixel format with libswscale. Size and "
                    "format come from the options, else from the destination's caps (graph "
                    "resolution inserts ffsws when a sink asks for another PixelFormat), "
                    "else from the input; output frames are tight (Stride = width x bytes "
                    "per pixel). Packets that need no change are forwarded.\n"
                    "Example: gpac -i video.mp4 ffdec ffsws:pfmt=rgb:size=320x240 inspect"),
    .priv_size = sizeof(FfswsCtx),
    GP_ARGS(ffsws_args),
    GP_CAPS(ffsws_caps),
    .configure_pid = ffsws_configure_pid,
    .process = ffsws_process,
    .finalize = ffsws_finalize,
};
