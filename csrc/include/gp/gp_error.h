/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Error codes of the engine: one X-macro table generating the enum, the messages and the
 * names. Values keep GPAC's numbers because user scripts compare them: 0 is success,
 * positive values are information, negative values are errors. */
#ifndef GP_ERROR_H
#define GP_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/* XX(name, value, message). Messages 2 and 3 read "Unknown Error (N)" as GPAC's do. */
#define GP_ERR_MAP(XX)                                                                  \
    XX(SCRIPT_INFO, 3, NULL)                                                            \
    XX(PENDING_PACKET, 2, NULL)                                                         \
    XX(EOS, 1, "End Of Stream / File")                                                  \
    XX(OK, 0, "No Error")                                                               \
    XX(BAD_PARAM, -1, "Bad Parameter")                                                  \
    XX(OUT_OF_MEM, -2, "Out Of Memory")                                                 \
    XX(IO_ERR, -3, "I/O Error")                                                         \
    XX(NOT_SUPPORTED, -4, "Feature Not Supported")                                      \
    XX(CORRUPTED_DATA, -5, "Corrupted Data in file/stream")                             \
    XX(SG_UNKNOWN_NODE, -6, "Unknown BIFS Node")                                        \
    XX(SG_INVALID_PROTO, -7, "Invalid Proto Interface")                                 \
    XX(SCRIPT_ERROR, -8, "Invalid Script")                                              \
    XX(BUFFER_TOO_SMALL, -9, "Bad Buffer size (too small)")                             \
    XX(NON_COMPLIANT_BITSTREAM, -10, "BitStream Not Compliant")                         \
    XX(FILTER_NOT_FOUND, -11, "Filter not found for the desired type")                  \
    XX(URL_ERROR, -12, "Requested URL is not valid or cannot be found")                 \
    XX(SERVICE_ERROR, -13, "Internal Service Error")                                    \
    XX(REMOTE_SERVICE_ERROR, -14, "Dialog Failure with remote peer")                    \
    XX(STREAM_NOT_FOUND, -15, "Media Channel couldn't be found")                        \
    XX(URL_REMOVED, -16, "Requested URL is no longer available")                        \
    XX(ISOM_INVALID_FILE, -20, "Invalid IsoMedia File")                                 \
    XX(ISOM_INCOMPLETE_FILE, -21, "IsoMedia File is truncated")                         \
    XX(ISOM_INVALID_MEDIA, -22, "Invalid IsoMedia Media")                               \
    XX(ISOM_INVALID_MODE, -23, "Invalid Mode while accessing the file")                 \
    XX(ISOM_UNKNOWN_DATA_REF, -24, "Media Data Reference not found")                    \
    XX(ODF_INVALID_DESCRIPTOR, -30, "Invalid MPEG-4 Descriptor")                        \
    XX(ODF_FORBIDDEN_DESCRIPTOR, -31, "MPEG-4 Descriptor Not Allowed")                  \
    XX(ODF_INVALID_COMMAND, -32, "Read OD Command Failed")                              \
    XX(BIFS_UNKNOWN_VERSION, -33, "Invalid BIFS version")                               \
    XX(IP_ADDRESS_NOT_FOUND, -40, "IP Address Not Found")                               \
    XX(IP_CONNECTION_FAILURE, -41, "IP Connection Failed")                              \
    XX(IP_NETWORK_FAILURE, -42, "Network Unreachable")                                  \
    XX(IP_CONNECTION_CLOSED, -43, "Connection to server closed")                        \
    XX(IP_NETWORK_EMPTY, -44, "Network Empty")                                          \
    XX(IP_UDP_TIMEOUT, -46, "UDP traffic timeout")                                      \
    XX(AUTHENTICATION_FAILURE, -50, "Authentication failure")                           \
    XX(NOT_READY, -51, "Not ready, retry later")                                        \
    XX(INVALID_CONFIGURATION, -52, "Bad configuration for the current context")         \
    XX(NOT_FOUND, -53, "At least one required element has not been found")              \
    XX(PROFILE_NOT_SUPPORTED, -54, "Unsupported codec profile")                         \
    XX(REQUIRES_NEW_INSTANCE, -56, "Requires a new instance of the filter to be supported") \
    XX(FILTER_NOT_SUPPORTED, -57, "Not supported by any filter chain")                  \
    XX(IO_BYTE_RANGE_NOT_SUPPORTED, -58, "Byte Range request not supported by server")

typedef enum GpErr {
#define GP_ERR_ENUM(name, value, msg) GP_##name = (value),
    GP_ERR_MAP(GP_ERR_ENUM)
#undef GP_ERR_ENUM
} GpErr;

/* Human text for an error code, as GPAC's e2s(): "Unknown Error (N)" for codes without
 * text. transfer: none (static or thread-local storage, valid until the next call on the
 * same thread). threads: any. */
const char *gp_strerror(int err);

/* Symbolic name without prefix ("URL_ERROR"), or NULL for an unknown code.
 * transfer: none (static). threads: any. */
const char *gp_err_name(int err);

/* Number of codes in the table and the i-th value, for bindings that export them all.
 * threads: any. */
unsigned gp_err_count(void);
int gp_err_at(unsigned i);

#ifdef __cplusplus
}
#endif
#endif /* GP_ERROR_H */
