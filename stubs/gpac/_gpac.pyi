# Type stubs of the compiled module gpac._gpac: exactly what the module defines
# (checked by stubtest in tests/test_import.py).

import fractions
import sys
import os
from typing import Any, ClassVar, Dict, Final, List, NoReturn, Optional, Protocol, Tuple, Type, TypedDict, Union, final, overload
from typing_extensions import disjoint_base

version: str

def e2s(err: int, /) -> str: ...
def set_logs(logs: str, reset: bool = False) -> None: ...
def sys_clock() -> int: ...
def sys_clock_high_res() -> int: ...

# ---- values_props ----
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


# ---- events_stats ----
_FractionLike = Union[Fraction, Fraction64, fractions.Fraction, int, float]
# what a char* field accepts: str is stored UTF-8 encoded; no NUL byte (ValueError)
_CString = Union[bytes, str, None]


# ================= py_event.c: FilterEvent (API.md 2.7) =================

@final
class FilterEvent:
    """A filter event: a zero-filled C union of type evt_type (GF_FEVT_*, 0..24; above
    raises ValueError). Each member (base, play, seek, ...) returns a new view that keeps
    this event alive and reads and writes the union in place: evt.play.start_range = 6.0
    changes the event. Has a __dict__ (arbitrary attributes at run time). str() is the type
    name ('PLAY')."""

    def __new__(cls, evt_type: int = 0) -> FilterEvent: ...
    @property
    def base(self) -> FEVT_Base: ...
    @property
    def play(self) -> FEVT_Play: ...
    @property
    def seek(self) -> FEVT_SourceSeek: ...
    @property
    def attach_scene(self) -> FEVT_AttachScene: ...
    @property
    def user_event(self) -> FEVT_UserEvent: ...
    @property
    def user(self) -> FEVT_UserEvent:
        """[old] name of user_event."""
    @property
    def quality_switch(self) -> FEVT_QualitySwitch: ...
    @property
    def visibility_hint(self) -> FEVT_VisibilityHint: ...
    @property
    def buffer_req(self) -> FEVT_BufferRequirement: ...
    @property
    def seg_size(self) -> FEVT_SegmentSize: ...
    @property
    def frag_size(self) -> FEVT_FragmentSize: ...
    @property
    def file_del(self) -> FEVT_FileDelete: ...
    @property
    def transport_hints(self) -> FEVT_TransportHints: ...
    @property
    def encode_hints(self) -> FEVT_TransportHints:
        """[old] name of transport_hints."""
    @property
    def ntp(self) -> FEVT_NTPRef: ...

# Member views: made by FilterEvent only (not instantiable). Integer fields check their C
# range (OverflowError), bool fields take any truth value. `on_pid` is the FilterPid the
# event was sent or received on (set by FilterPid.send_event), or None.

class _FEVT:
    """Fields every FilterEvent member has (not a runtime class)."""

    @property
    def type(self) -> int:
        """GF_FEVT_* (0..24, ValueError outside)."""
    @type.setter
    def type(self, value: int) -> None: ...
    on_pid: Optional[FilterPid]

@final
class FEVT_Base(_FEVT): ...

@final
class FEVT_Play(_FEVT):
    start_range: float
    end_range: float
    speed: float
    from_pck: int
    hw_buffer_reset: int
    initial_broadcast_play: int
    timestamp_based: int
    full_file_only: int
    forced_dash_segment_switch: int
    drop_non_ref: int
    no_byterange_forward: int
    to_pck: int
    orig_delay: int
    hint_first_dts: int
    hint_start_offset: int
    hint_end_offset: int

@final
class FEVT_SourceSeek(_FEVT):
    start_offset: int
    end_offset: int
    @property
    def source_switch(self) -> Optional[bytes]: ...
    @source_switch.setter
    def source_switch(self, value: _CString) -> None: ...
    is_init_segment: bool
    skip_cache_expiration: bool
    hint_block_size: int

@final
class FEVT_AttachScene(_FEVT):
    """No odm/node: the engine has no scene graph."""

@final
class FEVT_UserEvent(_FEVT):
    @property
    def event(self) -> EVT_base: ...

@final
class FEVT_QualitySwitch(_FEVT):
    up: bool
    dependent_group_index: int
    q_idx: int
    set_tile_mode_plus_one: int
    quality_degradation: int

@final
class FEVT_VisibilityHint(_FEVT):
    min_x: int
    max_x: int
    min_y: int
    max_y: int
    is_gaze: bool

@final
class FEVT_BufferRequirement(_FEVT):
    max_buffer_us: int
    max_playout_us: int
    min_playout_us: int
    pid_only: bool

@final
class FEVT_SegmentSize(_FEVT):
    @property
    def seg_url(self) -> Optional[bytes]: ...
    @seg_url.setter
    def seg_url(self, value: _CString) -> None: ...
    is_init: bool
    media_range_start: int
    media_range_end: int
    idx_range_start: int
    idx_range_end: int
    is_shift: int

@final
class FEVT_FragmentSize(_FEVT):
    is_last: bool
    offset: int
    size: int
    @property
    def duration(self) -> Fraction64:
        """A copy: assign a new value to change the event."""
    @duration.setter
    def duration(self, value: _FractionLike) -> None: ...
    independent: bool

@final
class FEVT_FileDelete(_FEVT):
    @property
    def url(self) -> Optional[bytes]: ...
    @url.setter
    def url(self, value: _CString) -> None: ...

@final
class FEVT_TransportHints(_FEVT):
    flags: int
    @property
    def seg_duration(self) -> Fraction:
        """A copy: assign a new value to change the event."""
    @seg_duration.setter
    def seg_duration(self, value: _FractionLike) -> None: ...
    @property
    def intra_period(self) -> Fraction:
        """[old] encode_hints name of seg_duration."""
    @intra_period.setter
    def intra_period(self, value: _FractionLike) -> None: ...
    gen_dsi_only: bool
    wait_seg_boundary: bool

@final
class FEVT_NTPRef(_FEVT):
    ntp: int

# user_event.event: GPAC's GF_Event union. All members share `type` (the UI event kind)
# and window_id, and overlay one flat C record: mouse.x is mtouch.x.

@final
class EVT_base:
    type: int
    @property
    def mouse(self) -> EVT_mouse: ...
    @property
    def mtouch(self) -> EVT_mtouch: ...
    @property
    def keys(self) -> EVT_keys: ...
    @property
    def char(self) -> EVT_char: ...
    @property
    def size(self) -> EVT_size: ...
    @property
    def show(self) -> EVT_show: ...

@final
class EVT_mouse:
    type: int
    x: int
    y: int
    wheel: int
    button: int
    keys: int
    window_id: int

@final
class EVT_mtouch:
    """No rotation, pinch or num_fingers in this engine."""

    type: int
    x: int
    y: int
    window_id: int

@final
class EVT_keys:
    type: int
    key_code: int
    hw_code: int
    flags: int
    window_id: int

@final
class EVT_char:
    type: int
    unicode_char: int
    window_id: int

@final
class EVT_size:
    """No orientation in this engine."""

    type: int
    width: int
    height: int
    window_id: int

@final
class EVT_show:
    """No show_type in this engine."""

    type: int
    window_id: int


# ================= py_stats.c: statistics and descriptors (API.md 2.9) =================
# Made by the binding only (not instantiable); every attribute is read-only.

@final
class FilterStats:
    """Filter.get_statistics(). Fields the engine does not track are 0 (percent -1:
    unknown); status is None (no status line)."""

    @property
    def filter(self) -> None: ...
    @property
    def filter_alias(self) -> None: ...
    @property
    def nb_tasks_done(self) -> int: ...
    @property
    def nb_pck_processed(self) -> int: ...
    @property
    def nb_bytes_processed(self) -> int: ...
    @property
    def nb_pck_sent(self) -> int: ...
    @property
    def nb_hw_pck_sent(self) -> int: ...
    @property
    def nb_errors(self) -> int: ...
    @property
    def nb_current_errors(self) -> int: ...
    @property
    def nb_bytes_sent(self) -> int: ...
    @property
    def time_process(self) -> int:
        """Microseconds spent in process()."""
    @property
    def percent(self) -> int: ...
    @property
    def status(self) -> Optional[bytes]: ...
    @property
    def report_updated(self) -> bool: ...
    @property
    def name(self) -> bytes: ...
    @property
    def reg_name(self) -> bytes: ...
    @property
    def filter_id(self) -> Optional[bytes]: ...
    @property
    def done(self) -> bool: ...
    @property
    def nb_pid_in(self) -> int: ...
    @property
    def nb_in_pck(self) -> int:
        """Packets queued on the inputs."""
    @property
    def nb_pid_out(self) -> int: ...
    @property
    def nb_out_pck(self) -> int: ...
    @property
    def in_eos(self) -> bool: ...
    @property
    def type(self) -> int: ...
    @property
    def stream_type(self) -> int: ...
    @property
    def codecid(self) -> int: ...
    @property
    def last_ts_sent(self) -> Fraction64: ...
    @property
    def last_ts_drop(self) -> Fraction64: ...
    @property
    def last_task_time(self) -> int: ...

@final
class FilterPidStatistics:
    """Filter.ipid_stats()/opid_stats(). The engine tracks the queue (buffer_time,
    max_buffer_time in µs, nb_buffer_units) and disconnected; the rest is 0."""

    @property
    def disconnected(self) -> int: ...
    @property
    def average_process_rate(self) -> int: ...
    @property
    def max_process_rate(self) -> int: ...
    @property
    def average_bitrate(self) -> int: ...
    @property
    def max_bitrate(self) -> int: ...
    @property
    def nb_processed(self) -> int: ...
    @property
    def max_process_time(self) -> int: ...
    @property
    def total_process_time(self) -> int: ...
    @property
    def first_process_time(self) -> int: ...
    @property
    def last_process_time(self) -> int: ...
    @property
    def min_frame_dur(self) -> int: ...
    @property
    def nb_saps(self) -> int: ...
    @property
    def max_sap_process_time(self) -> int: ...
    @property
    def total_sap_process_time(self) -> int: ...
    @property
    def max_buffer_time(self) -> int: ...
    @property
    def max_playout_time(self) -> int: ...
    @property
    def min_playout_time(self) -> int: ...
    @property
    def buffer_time(self) -> int: ...
    @property
    def nb_buffer_units(self) -> int: ...
    @property
    def last_rt_report(self) -> int: ...
    @property
    def rtt(self) -> int: ...
    @property
    def jitter(self) -> int: ...
    @property
    def loss_rate(self) -> int: ...
    @property
    def last_ts_drop(self) -> Fraction64: ...
    @property
    def last_ts_sent(self) -> Fraction64: ...

@final
class FilterArg:
    """A filter option (Filter.all_args()). str() is
    '- name (type): description (default: X min_max_enum: Y)', each parenthesised part
    only when set, as `gpac -h NAME` prints it."""

    @property
    def name(self) -> bytes: ...
    @property
    def reserved(self) -> int: ...
    @property
    def description(self) -> Optional[bytes]: ...
    @property
    def type(self) -> int:
        """GF_PROP_* code of the option's type."""
    @property
    def default(self) -> Optional[bytes]: ...
    @property
    def min_max_enum(self) -> Optional[bytes]:
        """'min-max' for numbers, 'a|b|c' for an enumeration."""
    @property
    def flags(self) -> int:
        """GF_FS_ARG_* bits."""

@final
class BufferOccupancy:
    """FilterPid.get_buffer_occupancy() of an input PID; durations in µs."""

    @property
    def max_units(self) -> int: ...
    @property
    def nb_pck(self) -> int: ...
    @property
    def max_dur(self) -> int: ...
    @property
    def dur(self) -> int: ...
    @property
    def is_final_flush(self) -> bool: ...

@final
class GLTextureInfo:
    """FilterPacket.get_gl_texture(): OpenGL texture name and target."""

    @property
    def id(self) -> int: ...
    @property
    def format(self) -> int: ...

class _FilterArgInfo(TypedDict):
    name: str
    type: str  # type name, as str(FilterArg) shows it: 'uint', 'str', 'frac'...
    default: Optional[str]
    min_max_enum: Optional[str]
    description: str
    flags: int  # GF_FS_ARG_*; hidden options (GF_FS_ARG_HINT_HIDE) are listed too

class _FilterInfo(TypedDict):
    name: str
    description: str
    args: List[_FilterArgInfo]

def filter_list() -> List[str]:
    """Names of the built-in filter classes, in registry order."""

def filter_info(name: str, /) -> _FilterInfo:
    """A filter class and its options, as `gpac -h NAME` prints them; FilterNotFoundError
    for an unknown name."""

def _filter_class_args(name: str, /) -> List[FilterArg]: ...


# ================= py_logs.c: engine logs -> logging.getLogger("gpac") =================

def _flush_logs() -> int:
    """Emit the queued engine messages now; returns the number of records emitted."""

def _log(tool: str, level: str, msg: str, /) -> bool:
    """Log as the engine does (level: 'error', 'warning', 'info' or 'debug'); False when
    the tool's level (set_logs) filtered it out."""


# ---- session_task ----
@disjoint_base
class FilterSession:
    """A filter session. Subclass it to be called at on_filter_new(f)/on_filter_del(f)
    (overrides are detected once, from the class, when the session is created; the
    subclass forwards its arguments positionally as in GPAC's howto). Accepts arbitrary
    attributes and weak references. Call delete() when done: a session dropped without
    it is destroyed when collected, without calling the overrides. After delete(),
    every method and property raises GPACError (BadParamError), and so do the session's
    Filter, FilterPid and FilterPacket objects; arrays from pck.data stay valid."""

    def __init__(self, flags: int = 0, blacklist: Optional[str] = None, nb_threads: int = 0,
                 sched_type: int = 0) -> None:
        """flags: GF_FS_FLAG_* (uint32; OverflowError outside); blacklist: comma-separated
        filter names never loaded by graph resolution, a leading '-' makes it a
        whitelist, '' means None (TypeError for other than str/None); nb_threads: extra
        worker threads, -1 for one per core minus one (ValueError outside -1..1024);
        sched_type: GF_FS_SCHEDULER_* (0..4, else ValueError; accepted for compatibility,
        the engine has one scheduler). Raises GPACError('Failed to create new filter
        session') when the engine cannot create it, RuntimeError when called twice."""

    # ---- running ----
    def run(self) -> None:
        """Run the session with the GIL released. Blocking: until no task is left or
        abort(); non-blocking (GF_FS_FLAG_NON_BLOCKING): one pass over the tasks due, then
        return (the end of the session, GF_EOS, is not an error). Raises, in this order:
        KeyboardInterrupt (Ctrl-C, _thread.interrupt_main(): signals are handled within
        50 ms while run() executes on the main thread; a callback's exception is then its
        __context__), the first exception raised by a callback (filter callbacks, tasks,
        on_filter_new/del, packet_release) with its traceback (the session stops at once),
        GPACError('Failed to run session: ...') for a negative engine result. RuntimeError
        when called from one of the session's own callbacks (on_filter_new/del included),
        while another thread runs it, or while this thread holds lock(True). Engine logs
        reach logging.getLogger('gpac') every 50 ms during a blocking run and when it
        returns."""
    def abort(self, flush: int = 0) -> None:
        """Stop the session: run() returns (any thread, callbacks included). flush:
        GF_FS_FLUSH_NONE (0), GF_FS_FLUSH_ALL (1), GF_FS_FLUSH_FAST (2); ValueError
        otherwise. An aborted session stays stopped."""
    def delete(self) -> None:
        """Destroy the session: on_filter_del(f) for every filter (through the engine's
        notification), then every wrapper is detached and posted tasks are dropped.
        Idempotent. RuntimeError while run() executes, from on_filter_new/on_filter_del,
        or while another thread holds or waits for lock(). An exception from
        on_filter_del comes out of delete() once the session is destroyed (later ones are
        reported as unraisable)."""
    def post(self, task: FilterTask, /) -> None:
        """Schedule task on the thread calling run(): task.execute() runs as soon as
        possible, then after each delay (ms) it returns, until it returns None or a
        negative int. Sets task.session; the session keeps the task alive meanwhile.
        TypeError for a non-FilterTask."""

    # ---- filters ----
    def load_src(self, URL: str, parentURL: Optional[str] = None) -> Filter:
        """Load the source filter for URL (options may follow, 'file.mp4:opt=val'),
        relative to parentURL's folder when given. Raises GPACError('Failed to load source
        filter URL: <e2s> (<reason>)'): URLError for a missing local file,
        NotSupportedError when no filter reads it; an exception raised by on_filter_new
        during the load comes out instead."""
    def load_dst(self, URL: str, parentURL: Optional[str] = None) -> Filter:
        """Load the destination filter for URL (options may follow). An unknown extension
        is not an error at load time. Raises GPACError('Failed to load destination filter
        URL: ...')."""
    def load(self, fname: str, /) -> Filter:
        """Load a filter from 'name:opt=val:...' ('enc:c=NAME' or 'c=NAME' load an
        encoder). Raises GPACError('Failed to load filter NAME: ...'):
        FilterNotFoundError (code -11) for an unknown name, BadParamError (code -1) for an
        unknown option or a bad value. TypeError for a non-str, ValueError for a NUL."""
    def get_filter(self, index: int, /) -> Filter:
        """The filter at index in creation order (dynamically loaded ones included), the
        same object each time (a FilterCustom is returned as itself). IndexError out of
        range (negative indexes included), TypeError for a non-int."""
    def lock(self, lock: bool, /) -> None:
        """Lock (True) or unlock (False) the filter list, to enumerate filters from
        another thread while run() executes. RuntimeError when this thread locks twice or
        unlocks a lock it does not hold."""
    def fire_event(self, evt: FilterEvent, _filter: Optional[Filter] = None,
                   upstream: bool = False) -> bool:
        """Send evt from _filter: on its input PIDs (upstream True) or its output PIDs.
        Without _filter: upstream from every sink (a filter with inputs and no output).
        True when it was sent on at least one PID. TypeError for a non-FilterEvent or a
        non-Filter, ValueError for a filter of another session."""

    # ---- information ----
    def reporting(self, do_report: bool, /) -> None:
        """Enable or disable status reporting (Filter.status, FilterStats.status)."""
    def print_stats(self) -> None:
        """Per-filter statistics, written to sys.stderr (C stderr when it is None)."""
    def print_graph(self) -> None:
        """The connected and unconnected filter graph, written to sys.stderr."""
    def is_supported_mime(self, mime: str, /) -> bool:
        """True when a source filter declares it handles this MIME type."""
    def is_supported_source(self, url: str, parent: Optional[str] = None) -> bool:
        """True when a source filter can open url (relative to parent's folder), as
        load_src() would find one. Never raises for a malformed URL (NUL, lone
        surrogates...): False; TypeError only for a non-str."""
    def external_opengl_provider(self) -> None:
        """Declare that the application owns the OpenGL contexts (before loading
        filters); on_gl_activate(True) is then called when one must be current."""

    # ---- overrides (the defaults do nothing) ----
    def on_filter_new(self, f: Filter, /) -> None:
        """Called for every new filter (explicit, dynamic, custom: a FilterCustom's plain
        Filter during its __init__), on the thread that creates it."""
    def on_filter_del(self, f: Filter, /) -> None:
        """Called before a filter is destroyed (every filter at delete())."""
    def on_gl_activate(self, do_activate: bool, /) -> None:
        """Make the application's OpenGL context current (True) or release it."""

    # ---- properties ----
    @property
    def last_task(self) -> bool:
        """True when the running task is the last one (the session is ending); after a
        non-blocking run(), True once nothing is left to do."""
    @property
    def nb_filters(self) -> int: ...
    @property
    def http_bitrate(self) -> int:
        """Aggregated HTTP download rate in bits per second (0: the engine has no HTTP
        client yet)."""
    @property
    def http_max_bitrate(self) -> int:
        """Cap for HTTP downloads in bits per second, 0 for none (uint32)."""
    @http_max_bitrate.setter
    def http_max_bitrate(self, value: int) -> None: ...


# ================= py_task.c: FilterTask (API.md 2.2) =================

@disjoint_base
class FilterTask:
    """A callback a session runs on the thread calling run(). Override execute() in a
    subclass or per instance (task.execute = types.MethodType(fn, task)); scripts add
    their own attributes (task.count). GPAC's howto says a None result counts as 0; its
    code ends the task on None, and so do we."""

    name: str
    """Task name (str; TypeError otherwise)."""

    def __init__(self, name: str) -> None: ...
    @property
    def session(self) -> Optional[FilterSession]:
        """The session the task is posted to; None before post() and once it ended."""
    def execute(self) -> Optional[int]:
        """Delay in ms before the next call; None or a negative int: done. Another
        result type stops the session with a TypeError raised by run(). The default
        returns -1."""
    # scripts store their own attributes on tasks
    def __getattr__(self, name: str, /) -> Any: ...
    def __setattr__(self, name: str, value: Any, /) -> None: ...


# ================= module functions =================

def _counters() -> Dict[str, int]:
    """Private (tests): the engine's live object counts: sessions, filters, pids,
    packets, propmaps, tasks (all 0 once every session is deleted and collected)."""


# ---- filter ----
class Filter:
    """A filter of a session, built-in or custom. Made by the binding only (Filter() raises
    TypeError; FilterCustom is the class to derive from). One object per filter:
    fs.get_filter(i), load*() results, ipid_source() and the on_filter_new/del arguments
    are the same object, which accepts arbitrary attributes and is always truthy. Using
    it after its session was deleted raises GPACError."""

    @property
    def name(self) -> str:
        """Instance name: the class name, or the N= option."""
    @property
    def ID(self) -> Optional[str]:
        """FID of the filter; set_source() assigns one ('_N_') to its source."""
    @property
    def nb_ipid(self) -> int: ...
    @property
    def nb_opid(self) -> int: ...
    @property
    def status(self) -> str:
        """'' for built-in filters (the engine has no status line); a FilterCustom returns
        what update_status() set."""
    @property
    def bytes_done(self) -> int:
        """Bytes of input packets processed; for a filter without input, bytes sent."""

    # ---- links ----
    def set_source(self, f: Optional[Filter], link_args: Optional[str] = None) -> None:
        """Accept only PIDs coming from f (or from filters loaded behind it), optionally
        filtered by link_args ('PID=1', 'video', 'StreamType=Audio'). One leading '#' is
        accepted (BUG in GPAC's binding: its '#PID=1' from the howto never links). Assigns
        f an ID when it has none. Ignored when f is None."""
    def set_source_restricted(self, f: Optional[Filter],
                              link_args: Optional[str] = None) -> None:
        """As set_source()."""
    def insert(self, f: Filter, opid: int = -1, link_args: Optional[str] = None) -> None:
        """f.set_source(self, link_args): outputs not linked yet (before run()) link to f.
        Re-linking outputs already connected is not available in this engine:
        NotSupportedError, nothing changed. IndexError for a bad opid."""
    def reconnect(self, opid: int = -1) -> None:
        """Nothing to do for outputs not linked yet (the session links them);
        NotSupportedError for an output already connected. IndexError for a bad opid."""
    def remove(self) -> None:
        """Remove the filter: its outputs end, it is no longer scheduled; the object stays
        usable until the session is deleted."""

    # ---- options (py_filter_args.c) ----
    def update(self, name: str, value: str, propagate_mask: int = 0) -> None:
        """Change an updatable option at run time; mask 1 also downstream, 2 upstream, 3
        both. GPACError BAD_PARAM when no filter took it (the built-in filters of this
        engine have no updatable option yet). ValueError for a mask outside 0..3."""
    def all_args(self) -> List[FilterArg]: ...
    def get_arg_value(self, name: str, /) -> Any:
        """Current value converted by the option's type (int, float, bool, Fraction,
        PropVec2i, str, list); enumerated options give their index (as GPAC stores
        them); None for an unset string/list option and for an unknown name."""
    def all_args_value(self) -> List[Dict[str, Optional[str]]]:
        """One dict per option: name, type (type name: 'uint', 'str', 'frac'...), value
        (current value as text), description, default and min_max_enum (None when
        unset)."""

    # ---- PIDs by index (py_filter_pids.c); IndexError for a bad idx ----
    def ipid_prop(self, idx: int, name: _PropKey) -> Any: ...
    def opid_prop(self, idx: int, name: _PropKey) -> Any: ...
    def ipid_enum_props(self, idx: int, cb: _PropEnumCallback) -> None: ...
    def opid_enum_props(self, idx: int, cb: _PropEnumCallback) -> None: ...
    def ipid_stats(self, idx: int, mode: int = 0) -> FilterPidStatistics:
        """mode: GF_STATS_* (ValueError outside 0..6); the engine reports the PID's own
        figures whatever the mode."""
    def opid_stats(self, idx: int, mode: int = 0) -> FilterPidStatistics: ...
    def ipid_source(self, idx: int, /) -> Optional[Filter]: ...
    def opid_sinks(self, idx: int, /) -> List[Filter]: ...

    # ---- statistics; what the engine does not have ----
    def get_statistics(self) -> FilterStats: ...
    def get_info(self, name: _PropKey, /) -> None:
        """Always None: the engine has no filter-level info properties."""
    def require_source_id(self) -> None:
        """Recorded only: the engine reads RSID at load (use fs.load('name:RSID'))."""
    def probe_link(self, opid_idx: int, name: str, /) -> Optional[List[str]]:
        """Always None: the engine does not expose chain probing yet."""
    def get_destinations(self, opid_idx: int, /) -> Optional[List[str]]:
        """Always None: the engine does not expose chain probing yet."""
    def bind(self, obj: object, /) -> int:
        """Raises NotSupportedError('No possible binding to filter class NAME') for every
        filter: the dashin and httpout filters do not exist in this engine yet."""


# ================= py_filter_custom.c, py_filter_custom_attrs.c (API.md 2.4) ============

class FilterCustom(Filter):
    """Base class of filters written in Python. Subclasses call
    FilterCustom.__init__(self, session, 'Name[:options]') first. The callbacks the class
    defines at that moment are used (they are not methods of this base class):

    - configure_pid(self, pid: FilterPid, is_remove: int) -> int | None: a new input PID
      (not yet in self.ipids), a reconfiguration (already in it), or a removal
      (is_remove 1; removed from ipids afterwards). A code >= 0 accepts; a negative code
      refuses (GF_REQUIRES_NEW_INSTANCE too: a Python filter is never cloned).
    - process(self) -> int | None: GF_EOS from a filter without inputs ends it; a
      negative code fails the filter and run() raises GPACError with that code.
    - process_event(self, evt: FilterEvent) -> bool: true consumes the event (a copy;
      evt.base.on_pid is the FilterPid when the binding has one).
    - reconfigure_output(self, opid: FilterPid) -> int | None: receives the FilterPid
      (BUG in GPAC's binding: a raw pointer); this engine has no capability negotiation
      and never calls it.
    - packet_release(self, opid: FilterPid, pck: FilterPacket) -> None: a
      new_pck_shared() packet is destroyed.

    Callbacks run on the thread calling run(); an exception (or a return value that is
    not an int or None) stops the session and run() raises it with its traceback. A
    filter without configure_pid is a source: scheduled when loaded. `flags` is accepted
    for compatibility (callbacks always run on the main thread)."""

    def __init__(self, session: FilterSession, fname: str = "Custom",
                 flags: int = 0) -> None: ...

    @property
    def ipids(self) -> List[FilterPid]:
        """Input PIDs (the same list object for the filter's life)."""
    @property
    def opids(self) -> List[FilterPid]:
        """Output PIDs made by new_pid() (the same list object for the filter's life)."""

    def push_cap(self, pcode: _PropKey, prop: object, flag: int, priority: int = 0,
                 custom_type: int = 0) -> None:
        """Add a capability (value converted as set_prop: 'Visual', 'raw'...); a flag
        without GF_CAPFLAG_IN_BUNDLE ends the bundle. Do it before run()."""
    def new_pid(self) -> FilterPid:
        """New output PID, appended to self.opids."""
    def set_max_pids(self, n: int, /) -> None:
        """Extra input PIDs accepted (0: one input; -1: unlimited)."""
    def reschedule(self, when: int = 0) -> None:
        """process() again in `when` µs; negative: post a process task now."""
    def update_status(self, status: Optional[str], percent: int, /) -> None:
        """Status line read back by `status`; percent in 1/10000 (kept)."""
    def notify_failure(self, err: int, error_type: int = 0) -> None:
        """err < 0. GF_SETUP_ERROR (0): the filter fails; GF_NOTIF_ERROR (1): the error is
        recorded on the session (run() raises it); GF_NOTIF_ERROR_AND_DISCONNECT (2): the
        same and the outputs end."""
    def make_sticky(self) -> None:
        """Recorded: custom filters are never removed by the engine itself."""
    def prevent_blocking(self, enable: object, /) -> None:
        """Recorded (block_enabled); the engine still skips a filter whose outputs are
        all full."""
    def block_eos(self, enable: object, /) -> None:
        """Recorded only: the engine has no EOS hold."""
    def hint_clock(self, clock_us: int, media_time: Union[Fraction64, int, float], /) -> None:
        """Recorded; read back by clock_hint_time / clock_hint_mediatime."""

    @property
    def status(self) -> str: ...
    @property
    def block_enabled(self) -> bool:
        """True unless prevent_blocking(True) was called."""
    @property
    def output_buffer(self) -> int:
        """Largest buffer (µs) the consumers of the outputs keep (0 when not linked)."""
    @property
    def playout_buffer(self) -> int:
        """Always 0: the engine does not track playout buffer requests."""
    @property
    def sinks_done(self) -> bool:
        """Every sink downstream of this filter (itself when it has no output) reached
        end of stream."""
    @property
    def nb_evts_queued(self) -> int:
        """Always 0: events are session tasks in this engine."""
    @property
    def clock_hint_time(self) -> int: ...
    @property
    def clock_hint_mediatime(self) -> Fraction64: ...
    @property
    def connections_pending(self) -> bool:
        """An output PID has no consumer (not linked yet, or not linkable)."""


# ---- pid_packet ----
@final
class FilterPid:
    """A PID handle: an input PID of a custom filter (configure_pid) or an output PID
    (FilterCustom.new_pid()). Made by the binding only (not instantiable); one object per
    PID, which accepts arbitrary attributes (pid.opid = ...). Using it after the PID was
    destroyed (session deleted, PID removed) raises GPACError. Boolean attributes are
    bool (GPAC's binding returns 0/1 ints; bool compares equal to them)."""

    # scripts store their own attributes on PIDs (pid.opid, opid.pck_ref)
    def __getattr__(self, name: str, /) -> Any: ...
    def __setattr__(self, name: str, value: Any, /) -> None: ...

    # ---- properties ----
    def get_prop(self, name: _PropKey, /) -> Any:
        """Property value (API.md 3.2); when absent, an attribute of that name if the
        object has one (GPAC's quirk: get_prop('timescale')), else None."""
    def get_info(self, name: _PropKey, /) -> Any:
        """Info property (set_info values first, then properties); else as get_prop."""
    def enum_props(self, cb: _PropEnumCallback, /) -> None:
        """cb.on_prop_enum(name, value) for every property."""
    def set_prop(self, pcode: _PropKey, prop: object, custom_type: int = 0) -> None:
        """Output PIDs only (GPACError on an input PID); prop None removes it."""
    def set_info(self, pcode: _PropKey, prop: object, custom_type: int = 0) -> None:
        """As set_prop, without reconfiguration downstream."""
    def copy_props(self, ipid: FilterPid, /) -> None:
        """Output only: replace all properties with those of ipid."""
    def reset_props(self) -> None: ...

    # ---- packets (py_pid_pck.c) ----
    def get_packet(self) -> Optional[FilterPacket]:
        """Input only: first queued packet, the same object until drop_packet(); None when
        empty or at end of stream. May call configure_pid first."""
    def drop_packet(self) -> None:
        """Input only: drop the packet get_packet() returned (no-op when none)."""
    def forward(self, ipck: FilterPacket, /) -> None:
        """Output only: send a packet referencing ipck's data, timing and properties."""
    def new_pck(self, size: int = 0) -> FilterPacket:
        """Output only: writable packet of `size` bytes (raises instead of returning
        None on failure)."""
    def new_pck_ref(self, ipck: FilterPacket, size: int = 0, offset: int = 0) -> FilterPacket:
        """Read-only packet over ipck's data [offset, offset+size) (0: to the end)."""
    def new_pck_shared(self, data: Any, /) -> FilterPacket:
        """Packet over the script's memory (any C-contiguous buffer); read-only when data
        is. The filter class must define packet_release(opid, pck), else TypeError; the
        binding holds the buffer until that call."""
    def new_pck_copy(self, ipck: FilterPacket, /) -> FilterPacket:
        """Writable copy of ipck's data, timing and properties."""
    def new_pck_clone(self, ipck: FilterPacket, /) -> FilterPacket:
        """Writable packet with ipck's data, timing and properties: moves ipck's memory
        (in place) when nothing else holds it (no ref(), no live array), else copies."""

    # ---- events and stream control ----
    def send_event(self, evt: FilterEvent, /) -> None:
        """Upstream from an input PID, downstream from an output PID; sets
        evt.base.on_pid."""
    def remove(self) -> None: ...
    def clear_eos(self, all_pids: object, /) -> None: ...
    def check_caps(self) -> bool: ...
    def is_filter_in_parents(self, f: Filter, /) -> bool: ...
    def get_buffer_occupancy(self) -> BufferOccupancy: ...
    def get_clock_type(self) -> int:
        """Always 0 (no clock references in this engine; GPAC's returns garbage)."""
    def get_clock_timestamp(self) -> Fraction64:
        """Always 0/1000 (GPAC's raises AttributeError)."""
    def query_cap(self, pcode: _PropKey, /) -> Any:
        """Always None: the engine has no capability negotiation."""
    def negotiate_cap(self, pcode: _PropKey, prop: object, custom_type: int = 0) -> None:
        """Raises NotSupportedError (after checking the arguments): the engine has no
        capability negotiation yet."""
    def resolve_template(
        self, template: str, file_idx: int = 0, suffix: Optional[str] = None
    ) -> str:
        """$num$, $FS$, $PID$, $URL$, $File$, $Type$, $OType$, $p4cc=ABCD$, $pname=Name$,
        $cts$/$dts$/$dur$/$sap$, property names, $num%05d$ formats, $$; unknown keywords
        are kept as written."""
    # accepted for compatibility, no effect in this engine
    def discard_block(self) -> None: ...
    def allow_direct_dispatch(self) -> None: ...
    def loose_connect(self) -> None: ...
    def require_source_id(self) -> None: ...
    def set_framing(self, framed: object, /) -> None: ...
    def set_discard(self, do_discard: object, /) -> None: ...
    def recompute_dts(self, do_compute: object, /) -> None: ...
    def set_clock_mode(self, cmode: int, /) -> None: ...

    # ---- attributes (py_pid_attrs.c) ----
    @property
    def name(self) -> str: ...
    @name.setter
    def name(self, value: str) -> None: ...  # output PIDs only
    @property
    def filter_name(self) -> str: ...
    @property
    def eos(self) -> bool: ...
    @eos.setter
    def eos(self, value: object) -> None: ...  # output: any assignment signals EOS
    @property
    def has_seen_eos(self) -> bool: ...
    @property
    def eos_received(self) -> bool: ...
    @property
    def would_block(self) -> bool: ...
    @property
    def sparse(self) -> bool: ...
    @property
    def max_buffer(self) -> int: ...
    @max_buffer.setter
    def max_buffer(self, value: int) -> None: ...  # µs, input PIDs only
    @property
    def buffer(self) -> int: ...
    @property
    def buffer_full(self) -> bool: ...
    @property
    def buffer_total(self) -> int: ...
    @property
    def first_empty(self) -> bool: ...
    @property
    def first_cts(self) -> Optional[int]: ...
    @property
    def nb_pck_queued(self) -> int: ...
    @property
    def timescale(self) -> int: ...
    @property
    def min_pck_dur(self) -> int: ...
    @property
    def playing(self) -> bool: ...
    @property
    def next_ts(self) -> int: ...


# ================= py_packet.c, py_packet_fields.c (API.md 2.6) =================

@final
class FilterPacket:
    """A packet. Input packets (get_packet) are read-only; output packets (new_pck*) are
    writable until send()/discard(); clone() makes detached writable copies. Any use
    after drop_packet() (unless ref()'ed), send() or discard() raises GPACError. Made by
    the binding only; accepts arbitrary attributes."""

    def __getattr__(self, name: str, /) -> Any: ...
    def __setattr__(self, name: str, value: Any, /) -> None: ...

    # numpy.ndarray (uint8, 1-D, zero-copy) or memoryview without numpy; None when the
    # packet has no memory. Typed Any so that scripts index and copy it freely.
    @property
    def data(self) -> Any: ...
    @property
    def _data_ptr(self) -> int: ...
    @property
    def size(self) -> int: ...
    @property
    def timescale(self) -> int: ...
    @property
    def has_properties(self) -> bool: ...
    @property
    def frame_ifce(self) -> bool: ...  # always False
    @property
    def frame_ifce_gl(self) -> bool: ...  # always False
    @property
    def blocking_ref(self) -> bool: ...  # always False
    @property
    def dts(self) -> int: ...
    @dts.setter
    def dts(self, value: int) -> None: ...
    @property
    def cts(self) -> int: ...
    @cts.setter
    def cts(self, value: int) -> None: ...
    @property
    def dur(self) -> int: ...
    @dur.setter
    def dur(self, value: int) -> None: ...
    @property
    def sap(self) -> int: ...
    @sap.setter
    def sap(self, value: int) -> None: ...
    @property
    def start(self) -> bool: ...
    @start.setter
    def start(self, value: object) -> None: ...
    @property
    def end(self) -> bool: ...
    @end.setter
    def end(self, value: object) -> None: ...
    @property
    def interlaced(self) -> int: ...
    @interlaced.setter
    def interlaced(self, value: int) -> None: ...
    @property
    def corrupted(self) -> bool: ...
    @corrupted.setter
    def corrupted(self, value: object) -> None: ...
    @property
    def seek(self) -> bool: ...
    @seek.setter
    def seek(self, value: object) -> None: ...
    @property
    def byte_offset(self) -> int: ...
    @byte_offset.setter
    def byte_offset(self, value: int) -> None: ...
    @property
    def roll(self) -> int: ...
    @roll.setter
    def roll(self, value: int) -> None: ...
    @property
    def crypt(self) -> int: ...
    @crypt.setter
    def crypt(self, value: int) -> None: ...
    @property
    def clock(self) -> int: ...
    @clock.setter
    def clock(self, value: int) -> None: ...
    @property
    def carousel(self) -> int: ...
    @carousel.setter
    def carousel(self, value: int) -> None: ...
    @property
    def seqnum(self) -> int: ...
    @seqnum.setter
    def seqnum(self, value: int) -> None: ...
    @property
    def deps(self) -> int: ...
    @deps.setter
    def deps(self, value: int) -> None: ...

    def get_prop(self, name: _PropKey, /) -> Any: ...
    def enum_props(self, cb: _PropEnumCallback, /) -> None: ...
    def set_prop(self, pcode: _PropKey, prop: object, custom_type: int = 0) -> None: ...
    def copy_props(self, ipck: FilterPacket, /) -> None:
        """Output only: copies timing and all flags, merges properties."""
    def ref(self) -> None: ...
    def unref(self) -> None:
        """GPACError when there is no ref() to release."""
    def send(self) -> None:
        """Arrays obtained from data before stay valid (their own reference)."""
    def discard(self) -> None: ...
    def clone(self, cached_pck: Optional[FilterPacket] = None) -> Optional[FilterPacket]:
        """Input packets only (else logs and returns None); reuses cached_pck."""
    def readonly(self) -> None: ...
    def truncate(self, size: int, /) -> None: ...
    def get_gl_texture(self, idx: int, /) -> Optional[GLTextureInfo]:
        """Always None: no GPU frames in this engine."""


# ================= py_packet_view.c =================

@final
class PacketView:
    """Exporter of packet memory: the base of every FilterPacket.data array. Holds a
    reference on the packet; refuses writable buffers for read-only packets."""

    if sys.version_info >= (3, 12):
        def __buffer__(self, flags: int, /) -> memoryview: ...
        def __release_buffer__(self, buffer: memoryview, /) -> None: ...

def _live_views() -> int: ...


# ================= py_fileio.c: FileIO (API.md 2.11) =================

@final
class FileIO:
    """Wraps a path into a gfio:// URL whose files go through a Python factory: for each
    file the engine opens (the main one, and the segments or playlists derived from it,
    resolved against the wrapped path's folder), copy.copy(factory).open(path, mode) is
    called, then read(arr, size) (writable uint8 array, or memoryview without numpy),
    write(arr, size) (read-only), seek(pos, whence) (0: done), tell() and close() on that
    copy; factory.exists(path) when defined. GPACError when the factory lacks open,
    close, write, read, seek or tell. An exception in a callback is reported as
    unraisable and the engine gets an I/O error."""

    def __new__(cls, url: Union[str, os.PathLike[str]], factory: Any) -> FileIO: ...
    @property
    def url(self) -> str:
        """The gfio:// URL for load_src()/load_dst() (options may follow after ':')."""


# ================= py_callbacks.c (API.md 1.3, 2.12, 2.13) =================

class RMTHandler:
    """Base class of remote-control (websocket) handlers; every method is a no-op. This
    build has no websocket server."""

    def on_new_client(self, client: Any, /) -> None: ...
    def on_client_close(self, client: Any, /) -> None: ...
    def on_client_data(self, client: Any, data: Union[str, bytes], /) -> None: ...

class HTTPOutRequest:
    """Base class of httpout request handlers (subclass it; one instance per request,
    made with handler.__class__()). This build has no httpout filter."""

    reply: int
    """0: let the server answer; else the HTTP status the script serves."""
    body: Optional[str]
    headers_out: List[str]
    """Flat list: name, value, name, value..."""

    def __init__(self) -> None: ...
    def send(self) -> None:
        """Raises GPACError (GF_NOT_SUPPORTED): no httpout filter in this build."""

class DASHCustomAlgorithm:
    """Optional base class of DASH rate-adaptation objects (any object with
    on_rate_adaptation() works). This build has no dashin filter."""
