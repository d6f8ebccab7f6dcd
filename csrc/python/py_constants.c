/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The GF_* integer constants of API.md 1.4.1-1.4.9, with the names and values GPAC's
 * libgpac.py exports (150 names together with GF_ABI_MAJOR/MINOR of py_sys.c). Where
 * the engine has the same constant, the table takes the engine's enum so both cannot
 * drift. Two reference bugs are not copied: GF_FS_FLAG_NO_RESERVOIR is C's 512 (the
 * reference says 1), GF_FS_FLUSH_NONE is the int 0 (the reference has the tuple (0,)).
 *
 * Python equivalent:
 *
 *     GF_FS_SCHEDULER_LOCK_FREE = 0 ... GF_FS_REG_MAIN_THREAD = 2
 */
#include "py_gpac.h"

typedef struct IntConstant {
    const char *name;
    long value;
} IntConstant;

#define CST(name) {"GF_" #name, (long)GP_##name}

static const IntConstant int_constants[] = {
    /* 1.4.1 scheduler types: the engine has one scheduler, the values are accepted */
    {"GF_FS_SCHEDULER_LOCK_FREE", 0},
    {"GF_FS_SCHEDULER_LOCK", 1},
    {"GF_FS_SCHEDULER_LOCK_FREE_X", 2},
    {"GF_FS_SCHEDULER_LOCK_FORCE", 3},
    {"GF_FS_SCHEDULER_DIRECT", 4},
    /* 1.4.2 session flags */
    CST(FS_FLAG_LOAD_META),
    CST(FS_FLAG_NON_BLOCKING),
    CST(FS_FLAG_NO_GRAPH_CACHE),
    CST(FS_FLAG_NO_REGULATION),
    CST(FS_FLAG_NO_PROBE),
    CST(FS_FLAG_NO_REASSIGN),
    CST(FS_FLAG_PRINT_CONNECTIONS),
    CST(FS_FLAG_NO_ARG_CHECK),
    CST(FS_FLAG_NO_RESERVOIR),
    CST(FS_FLAG_FULL_LINK),
    CST(FS_FLAG_NO_IMPLICIT),
    CST(FS_FLAG_REQUIRE_SOURCE_ID),
    CST(FS_FLAG_FORCE_DEFER_LINK),
    CST(FS_FLAG_PREVENT_PLAY),
    /* 1.4.3 property types (GF_PROP_LAST_DEFINED is C only) */
    CST(PROP_FORBIDDEN),
    CST(PROP_SINT),
    CST(PROP_UINT),
    CST(PROP_LSINT),
    CST(PROP_LUINT),
    CST(PROP_BOOL),
    CST(PROP_FRACTION),
    CST(PROP_FRACTION64),
    CST(PROP_FLOAT),
    CST(PROP_DOUBLE),
    CST(PROP_VEC2I),
    CST(PROP_VEC2),
    CST(PROP_VEC3I),
    CST(PROP_VEC4I),
    CST(PROP_STRING),
    CST(PROP_STRING_NO_COPY),
    CST(PROP_DATA),
    CST(PROP_NAME),
    CST(PROP_DATA_NO_COPY),
    CST(PROP_CONST_DATA),
    CST(PROP_POINTER),
    CST(PROP_STRING_LIST),
    CST(PROP_UINT_LIST),
    CST(PROP_SINT_LIST),
    CST(PROP_VEC2I_LIST),
    CST(PROP_4CC),
    CST(PROP_4CC_LIST),
    CST(PROP_STRING_LIST_COPY),
    CST(PROP_FIRST_ENUM),
    CST(PROP_PIXFMT),
    CST(PROP_PCMFMT),
    CST(PROP_CICP_COL_PRIM),
    CST(PROP_CICP_COL_TFC),
    CST(PROP_CICP_COL_MX),
    CST(PROP_CICP_LAYOUT),
    /* 1.4.4 filter events: the exported ones (20..24 are C only) */
    CST(FEVT_PLAY),
    CST(FEVT_SET_SPEED),
    CST(FEVT_STOP),
    CST(FEVT_PAUSE),
    CST(FEVT_RESUME),
    CST(FEVT_SOURCE_SEEK),
    CST(FEVT_SOURCE_SWITCH),
    CST(FEVT_SEGMENT_SIZE),
    CST(FEVT_ATTACH_SCENE),
    CST(FEVT_RESET_SCENE),
    CST(FEVT_QUALITY_SWITCH),
    CST(FEVT_VISIBILITY_HINT),
    CST(FEVT_INFO_UPDATE),
    CST(FEVT_BUFFER_REQ),
    CST(FEVT_CAPS_CHANGE),
    CST(FEVT_CONNECT_FAIL),
    CST(FEVT_USER),
    CST(FEVT_PLAY_HINT),
    CST(FEVT_FILE_DELETE),
    /* 1.4.5 filter argument flags (C's GP_ARG_*; UPDATE_SYNC/META_ARRAY are C only) */
    {"GF_FS_ARG_HINT_NORMAL", GP_ARG_HINT_NORMAL},
    {"GF_FS_ARG_HINT_ADVANCED", GP_ARG_HINT_ADVANCED},
    {"GF_FS_ARG_HINT_EXPERT", GP_ARG_HINT_EXPERT},
    {"GF_FS_ARG_HINT_HIDE", GP_ARG_HINT_HIDE},
    {"GF_FS_ARG_UPDATE", GP_ARG_UPDATE},
    {"GF_FS_ARG_META", GP_ARG_META},
    {"GF_FS_ARG_META_ALLOC", GP_ARG_META_ALLOC},
    {"GF_FS_ARG_SINK_ALIAS", GP_ARG_SINK_ALIAS},
    /* 1.4.6 capability flags and their composites */
    CST(CAPFLAG_IN_BUNDLE),
    CST(CAPFLAG_INPUT),
    CST(CAPFLAG_OUTPUT),
    CST(CAPFLAG_EXCLUDED),
    CST(CAPFLAG_LOADED_FILTER),
    CST(CAPFLAG_STATIC),
    CST(CAPFLAG_OPTIONAL),
    CST(CAPFLAG_PRESENT),
    CST(CAPFLAG_RECONFIG),
    CST(CAPS_INPUT),
    CST(CAPS_INPUT_OPT),
    CST(CAPS_INPUT_STATIC),
    CST(CAPS_INPUT_STATIC_OPT),
    CST(CAPS_INPUT_EXCLUDED),
    CST(CAPS_INPUT_LOADED_FILTER),
    CST(CAPS_OUTPUT),
    CST(CAPS_OUTPUT_LOADED_FILTER),
    CST(CAPS_OUTPUT_EXCLUDED),
    CST(CAPS_OUTPUT_STATIC),
    CST(CAPS_OUTPUT_STATIC_EXCLUDED),
    CST(CAPS_INPUT_OUTPUT),
    CST(CAPS_INPUT_OUTPUT_OPT),
    /* 1.4.7 PID statistics location */
    {"GF_STATS_LOCAL", 0},
    {"GF_STATS_LOCAL_INPUTS", 1},
    {"GF_STATS_DECODER_SINK", 2},
    {"GF_STATS_DECODER_SOURCE", 3},
    {"GF_STATS_ENCODER_SINK", 4},
    {"GF_STATS_ENCODER_SOURCE", 5},
    {"GF_STATS_SINK", 6},
    /* 1.4.8 error codes marked * (the BIFS/ISOM/ODF ones and -58 are not exported) */
    CST(SCRIPT_INFO),
    CST(PENDING_PACKET),
    CST(EOS),
    CST(OK),
    CST(BAD_PARAM),
    CST(OUT_OF_MEM),
    CST(IO_ERR),
    CST(NOT_SUPPORTED),
    CST(CORRUPTED_DATA),
    CST(SCRIPT_ERROR),
    CST(BUFFER_TOO_SMALL),
    CST(NON_COMPLIANT_BITSTREAM),
    CST(FILTER_NOT_FOUND),
    CST(URL_ERROR),
    CST(SERVICE_ERROR),
    CST(REMOTE_SERVICE_ERROR),
    CST(STREAM_NOT_FOUND),
    CST(URL_REMOVED),
    CST(IP_ADDRESS_NOT_FOUND),
    CST(IP_CONNECTION_FAILURE),
    CST(IP_NETWORK_FAILURE),
    CST(IP_CONNECTION_CLOSED),
    CST(IP_NETWORK_EMPTY),
    CST(IP_UDP_TIMEOUT),
    CST(AUTHENTICATION_FAILURE),
    CST(NOT_READY),
    CST(INVALID_CONFIGURATION),
    CST(NOT_FOUND),
    CST(PROFILE_NOT_SUPPORTED),
    CST(REQUIRES_NEW_INSTANCE),
    CST(FILTER_NOT_SUPPORTED),
    /* 1.4.9 failure notification types, abort flush modes, custom filter flag */
    {"GF_SETUP_ERROR", 0},
    {"GF_NOTIF_ERROR", 1},
    {"GF_NOTIF_ERROR_AND_DISCONNECT", 2},
    CST(FS_FLUSH_NONE),
    CST(FS_FLUSH_ALL),
    CST(FS_FLUSH_FAST),
    {"GF_FS_REG_MAIN_THREAD", 2},
};

#undef CST

int
py_constants_setup(PyObject *module, py_state *st)
{
    (void)st;
    for (size_t i = 0; i < sizeof(int_constants) / sizeof(int_constants[0]); i++)
        if (PyModule_AddIntConstant(module, int_constants[i].name, int_constants[i].value) < 0)
            return -1;
    return 0;
}
