# Stub fragment of gpac._gpac for py_errors.c, py_constants.c, py_sys.c, py_values.c and
# py_props.c (to merge into stubs/gpac/_gpac.pyi; it replaces the GPACError class there).
# Needs these imports in the merged file:
import sys
from typing import (
    Any, ClassVar, Final, List, NoReturn, Optional, Protocol, Tuple, Type, Union, final,
    overload,
)


# ================= py_errors.c =================

class GPACError(Exception):
    """Engine error; raised instances carry code, name, url and reason (else None)."""

    code: Optional[int]
    name: Optional[str]
    url: Optional[str]
    reason: Optional[str]

class FilterNotFoundError(GPACError): ...  # GF_FILTER_NOT_FOUND
class URLError(GPACError): ...  # GF_URL_ERROR, GF_URL_REMOVED
class NotSupportedError(GPACError): ...  # GF_NOT_SUPPORTED, GF_PROFILE/FILTER_NOT_SUPPORTED
class BadParamError(GPACError, ValueError): ...  # GF_BAD_PARAM, GF_INVALID_CONFIGURATION
class GPACIOError(GPACError): ...  # GF_IO_ERR
class CorruptedDataError(GPACError): ...  # GF_CORRUPTED_DATA, NON_COMPLIANT_BITSTREAM, ISOM_*
class NetworkError(GPACError): ...  # GF_SERVICE_ERROR, REMOTE_SERVICE_ERROR, IP_*, AUTH...

def _raise_error(
    err: int, what: Optional[str] = None, url: Optional[str] = None,
    reason: Optional[str] = None, /,
) -> NoReturn: ...

# ================= py_constants.c (API.md 1.4) =================

# 1.4.1 scheduler types (FilterSession(sched_type=...))
GF_FS_SCHEDULER_LOCK_FREE: Final = 0
GF_FS_SCHEDULER_LOCK: Final = 1
GF_FS_SCHEDULER_LOCK_FREE_X: Final = 2
GF_FS_SCHEDULER_LOCK_FORCE: Final = 3
GF_FS_SCHEDULER_DIRECT: Final = 4

# 1.4.2 session flags (FilterSession(flags=...)); NO_RESERVOIR is C's 512
GF_FS_FLAG_LOAD_META: Final = 2
GF_FS_FLAG_NON_BLOCKING: Final = 4
GF_FS_FLAG_NO_GRAPH_CACHE: Final = 8
GF_FS_FLAG_NO_REGULATION: Final = 16
GF_FS_FLAG_NO_PROBE: Final = 32
GF_FS_FLAG_NO_REASSIGN: Final = 64
GF_FS_FLAG_PRINT_CONNECTIONS: Final = 128
GF_FS_FLAG_NO_ARG_CHECK: Final = 256
GF_FS_FLAG_NO_RESERVOIR: Final = 512
GF_FS_FLAG_FULL_LINK: Final = 1024
GF_FS_FLAG_NO_IMPLICIT: Final = 2048
GF_FS_FLAG_REQUIRE_SOURCE_ID: Final = 4096
GF_FS_FLAG_FORCE_DEFER_LINK: Final = 8192
GF_FS_FLAG_PREVENT_PLAY: Final = 16384

# 1.4.3 property types (custom_type= of set_prop/push_cap)
GF_PROP_FORBIDDEN: Final = 0
GF_PROP_SINT: Final = 1
GF_PROP_UINT: Final = 2
GF_PROP_LSINT: Final = 3
GF_PROP_LUINT: Final = 4
GF_PROP_BOOL: Final = 5
GF_PROP_FRACTION: Final = 6
GF_PROP_FRACTION64: Final = 7
GF_PROP_FLOAT: Final = 8
GF_PROP_DOUBLE: Final = 9
GF_PROP_VEC2I: Final = 10
GF_PROP_VEC2: Final = 11
GF_PROP_VEC3I: Final = 12
GF_PROP_VEC4I: Final = 13
GF_PROP_STRING: Final = 14
GF_PROP_STRING_NO_COPY: Final = 15
GF_PROP_DATA: Final = 16
GF_PROP_NAME: Final = 17
GF_PROP_DATA_NO_COPY: Final = 18
GF_PROP_CONST_DATA: Final = 19
GF_PROP_POINTER: Final = 20
GF_PROP_STRING_LIST: Final = 21
GF_PROP_UINT_LIST: Final = 22
GF_PROP_SINT_LIST: Final = 23
GF_PROP_VEC2I_LIST: Final = 24
GF_PROP_4CC: Final = 25
GF_PROP_4CC_LIST: Final = 26
GF_PROP_STRING_LIST_COPY: Final = 27
GF_PROP_FIRST_ENUM: Final = 40
GF_PROP_PIXFMT: Final = 40
GF_PROP_PCMFMT: Final = 41
GF_PROP_CICP_COL_PRIM: Final = 42
GF_PROP_CICP_COL_TFC: Final = 43
GF_PROP_CICP_COL_MX: Final = 44
GF_PROP_CICP_LAYOUT: Final = 45

# 1.4.4 filter event types
GF_FEVT_PLAY: Final = 1
GF_FEVT_SET_SPEED: Final = 2
GF_FEVT_STOP: Final = 3
GF_FEVT_PAUSE: Final = 4
GF_FEVT_RESUME: Final = 5
GF_FEVT_SOURCE_SEEK: Final = 6
GF_FEVT_SOURCE_SWITCH: Final = 7
GF_FEVT_SEGMENT_SIZE: Final = 8
GF_FEVT_ATTACH_SCENE: Final = 9
GF_FEVT_RESET_SCENE: Final = 10
GF_FEVT_QUALITY_SWITCH: Final = 11
GF_FEVT_VISIBILITY_HINT: Final = 12
GF_FEVT_INFO_UPDATE: Final = 13
GF_FEVT_BUFFER_REQ: Final = 14
GF_FEVT_CAPS_CHANGE: Final = 15
GF_FEVT_CONNECT_FAIL: Final = 16
GF_FEVT_USER: Final = 17
GF_FEVT_PLAY_HINT: Final = 18
GF_FEVT_FILE_DELETE: Final = 19

# 1.4.5 filter argument flags (FilterArg.flags)
GF_FS_ARG_HINT_NORMAL: Final = 0
GF_FS_ARG_HINT_ADVANCED: Final = 2
GF_FS_ARG_HINT_EXPERT: Final = 4
GF_FS_ARG_HINT_HIDE: Final = 8
GF_FS_ARG_UPDATE: Final = 16
GF_FS_ARG_META: Final = 32
GF_FS_ARG_META_ALLOC: Final = 64
GF_FS_ARG_SINK_ALIAS: Final = 128

# 1.4.6 capability flags and composites (push_cap)
GF_CAPFLAG_IN_BUNDLE: Final = 1
GF_CAPFLAG_INPUT: Final = 2
GF_CAPFLAG_OUTPUT: Final = 4
GF_CAPFLAG_EXCLUDED: Final = 8
GF_CAPFLAG_LOADED_FILTER: Final = 16
GF_CAPFLAG_STATIC: Final = 32
GF_CAPFLAG_OPTIONAL: Final = 64
GF_CAPFLAG_PRESENT: Final = 128
GF_CAPFLAG_RECONFIG: Final = 256
GF_CAPS_INPUT: Final = 3
GF_CAPS_INPUT_OPT: Final = 67
GF_CAPS_INPUT_STATIC: Final = 35
GF_CAPS_INPUT_STATIC_OPT: Final = 99
GF_CAPS_INPUT_EXCLUDED: Final = 11
GF_CAPS_INPUT_LOADED_FILTER: Final = 19
GF_CAPS_OUTPUT: Final = 5
GF_CAPS_OUTPUT_LOADED_FILTER: Final = 21
GF_CAPS_OUTPUT_EXCLUDED: Final = 13
GF_CAPS_OUTPUT_STATIC: Final = 37
GF_CAPS_OUTPUT_STATIC_EXCLUDED: Final = 45
GF_CAPS_INPUT_OUTPUT: Final = 7
GF_CAPS_INPUT_OUTPUT_OPT: Final = 71

# 1.4.7 PID statistics location
GF_STATS_LOCAL: Final = 0
GF_STATS_LOCAL_INPUTS: Final = 1
GF_STATS_DECODER_SINK: Final = 2
GF_STATS_DECODER_SOURCE: Final = 3
GF_STATS_ENCODER_SINK: Final = 4
GF_STATS_ENCODER_SOURCE: Final = 5
GF_STATS_SINK: Final = 6

# 1.4.8 error codes
GF_SCRIPT_INFO: Final = 3
GF_PENDING_PACKET: Final = 2
GF_EOS: Final = 1
GF_OK: Final = 0
GF_BAD_PARAM: Final = -1
GF_OUT_OF_MEM: Final = -2
GF_IO_ERR: Final = -3
GF_NOT_SUPPORTED: Final = -4
GF_CORRUPTED_DATA: Final = -5
GF_SCRIPT_ERROR: Final = -8
GF_BUFFER_TOO_SMALL: Final = -9
GF_NON_COMPLIANT_BITSTREAM: Final = -10
GF_FILTER_NOT_FOUND: Final = -11
GF_URL_ERROR: Final = -12
GF_SERVICE_ERROR: Final = -13
GF_REMOTE_SERVICE_ERROR: Final = -14
GF_STREAM_NOT_FOUND: Final = -15
GF_URL_REMOVED: Final = -16
GF_IP_ADDRESS_NOT_FOUND: Final = -40
GF_IP_CONNECTION_FAILURE: Final = -41
GF_IP_NETWORK_FAILURE: Final = -42
GF_IP_CONNECTION_CLOSED: Final = -43
GF_IP_NETWORK_EMPTY: Final = -44
GF_IP_UDP_TIMEOUT: Final = -46
GF_AUTHENTICATION_FAILURE: Final = -50
GF_NOT_READY: Final = -51
GF_INVALID_CONFIGURATION: Final = -52
GF_NOT_FOUND: Final = -53
GF_PROFILE_NOT_SUPPORTED: Final = -54
GF_REQUIRES_NEW_INSTANCE: Final = -56
GF_FILTER_NOT_SUPPORTED: Final = -57

# 1.4.9 failure notifications, abort flush modes (FLUSH_NONE is the int 0),
# custom filter registration flag
GF_SETUP_ERROR: Final = 0
GF_NOTIF_ERROR: Final = 1
GF_NOTIF_ERROR_AND_DISCONNECT: Final = 2
GF_FS_FLUSH_NONE: Final = 0
GF_FS_FLUSH_ALL: Final = 1
GF_FS_FLUSH_FAST: Final = 2
GF_FS_REG_MAIN_THREAD: Final = 2

# ================= py_sys.c (API.md 1.1, 1.2) =================

copyright: str
copyright_cite: str
numpy_support: bool
GF_ABI_MAJOR: Final = 16
GF_ABI_MINOR: Final = 5
gpac_abi_major: int
gpac_abi_minor: int
abi_mismatch: bool

class _RmtEventHandler(Protocol):
    def on_rmt_event(self, text: str, /) -> object: ...

def init(mem_track: int = 0, profile: Union[str, bytes, None] = None) -> None: ...
def close() -> int: ...
def set_args(args: List[str], /) -> None: ...
def sleep(ms: int, /) -> None: ...
@overload
def url_concatenate(parent: str, url: str) -> str: ...
@overload
def url_concatenate(parent: bytes, url: bytes) -> bytes: ...
def set_rmt_fun(obj: _RmtEventHandler, /) -> bool: ...  # always False: no Remotery
def rmt_send(text: str, /) -> bool: ...  # always False
def rmt_log(text: str, /) -> bool: ...  # always False
def rmt_on() -> bool: ...  # always False
def rmt_enable(value: bool, /) -> None: ...
def enable_rmtws(enable: bool = True) -> None: ...
def enable_userws(enable: bool = True) -> None: ...
def set_rmt_handler(obj: object, /) -> bool: ...  # always False
def set_userws_handler(obj: object, /) -> bool: ...  # always False

# ================= py_values.c (API.md 2.8) =================

@final
class Fraction:
    """int32 numerator / uint32 denominator; str() is 'num/den'. Unhashable (mutable)."""

    num: int
    den: int
    def __new__(cls, num: int = 0, den: int = 1) -> Fraction: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __float__(self) -> float: ...
    def __reduce__(self) -> Tuple[Type[Fraction], Tuple[int, int]]: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Fraction64:
    """int64 numerator / uint64 denominator; str() is 'num/den'. Unhashable (mutable)."""

    num: int
    den: int
    def __new__(cls, num: int = 0, den: int = 1) -> Fraction64: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __float__(self) -> float: ...
    def __reduce__(self) -> Tuple[Type[Fraction64], Tuple[int, int]]: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PropVec2i:
    """2D int32 vector; str() is 'XxY'."""

    x: int
    y: int
    def __new__(cls, x: int = 0, y: int = 0) -> PropVec2i: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> Tuple[Type[PropVec2i], Tuple[int, int]]: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PropVec2:
    """2D float vector; str() is 'XxY'."""

    x: float
    y: float
    def __new__(cls, x: float = 0.0, y: float = 0.0) -> PropVec2: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> Tuple[Type[PropVec2], Tuple[float, float]]: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PropVec3i:
    """3D int32 vector; str() is 'XxYxZ'."""

    x: int
    y: int
    z: int
    def __new__(cls, x: int = 0, y: int = 0, z: int = 0) -> PropVec3i: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> Tuple[Type[PropVec3i], Tuple[int, int, int]]: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PropVec4i:
    """4D int32 vector; str() is 'XxYxZxW' (w is kept, unlike GPAC's binding)."""

    x: int
    y: int
    z: int
    w: int
    def __new__(cls, x: int = 0, y: int = 0, z: int = 0, w: int = 0) -> PropVec4i: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> Tuple[Type[PropVec4i], Tuple[int, int, int, int]]: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class PropData:
    """Immutable copy of a data property; bytes-like (buffer protocol, read-only);
    str() is 'data,size:N'; equal to and hashed like bytes of the same content."""

    def __new__(cls, data: Union[bytes, bytearray, memoryview, PropData] = b"") -> PropData: ...
    @property
    def size(self) -> int: ...
    @property
    def data(self) -> bytes: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> Tuple[Type[PropData], Tuple[bytes]]: ...
    def __bytes__(self) -> bytes: ...
    if sys.version_info >= (3, 12):
        # the buffer protocol exists on every version; only 3.12+ shows it as __buffer__
        def __buffer__(self, flags: int, /) -> memoryview: ...

# ================= py_props.c (API.md 3) =================

# A property key: a built-in name ("Width", "PID"), a 4-character code string
# ("WIDT"), a custom name, or a built-in 4CC as an int.
_PropKey = Union[str, int]
# What get_prop()/get_info() and on_prop_enum receive.
_PropValue = Union[
    int, bool, float, str, Fraction, Fraction64, PropVec2i, PropVec2, PropVec3i, PropVec4i,
    PropData, List[str], List[int], List[PropVec2i],
]

class _PropEnumCallback(Protocol):
    def on_prop_enum(self, name: str, value: Any, /) -> object: ...

def _prop_roundtrip(name: _PropKey, value: object, custom_type: int = 0, /) -> Tuple[int, Any]: ...
def _prop_from_text(name: _PropKey, type: int, text: str, /) -> Any: ...
def _props_enum(
    cb: _PropEnumCallback, entries: List[Tuple[_PropKey, object, int]], /
) -> None: ...
