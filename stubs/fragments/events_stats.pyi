# Stub fragment of gpac._gpac for py_event.c, py_stats.c and py_logs.c (to merge into
# stubs/gpac/_gpac.pyi).
# Uses names defined by other fragments: FilterPid (pid_packet.pyi), Fraction and
# Fraction64 (values_props.pyi).
# Needs these imports in the merged file:
import fractions
from typing import List, Optional, TypedDict, Union, final

# what a Fraction field accepts (py_fraction_from: num/den objects, numerator/denominator
# objects such as fractions.Fraction, ints, floats)
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
