"""FilterEvent (API.md 2.7): a zero-filled C event union whose members are views that
read and write the union in place, with the field names of the reference binding (those
gp_event.h has), range-checked numbers and owned strings."""

from __future__ import annotations

import fractions
import gc
import weakref
from typing import Any, Dict, List

import pytest

import gpac

FilterEvent = gpac.FilterEvent

# member -> fields (type and on_pid on every FEVT_* member)
FIELDS: Dict[str, List[str]] = {
    "base": [],
    "play": [
        "start_range", "end_range", "speed", "from_pck", "hw_buffer_reset",
        "initial_broadcast_play", "timestamp_based", "full_file_only",
        "forced_dash_segment_switch", "drop_non_ref", "no_byterange_forward", "to_pck",
        "orig_delay", "hint_first_dts", "hint_start_offset", "hint_end_offset",
    ],
    "seek": [
        "start_offset", "end_offset", "source_switch", "is_init_segment",
        "skip_cache_expiration", "hint_block_size",
    ],
    "attach_scene": [],
    "user_event": ["event"],
    "quality_switch": [
        "up", "dependent_group_index", "q_idx", "set_tile_mode_plus_one", "quality_degradation",
    ],
    "visibility_hint": ["min_x", "max_x", "min_y", "max_y", "is_gaze"],
    "buffer_req": ["max_buffer_us", "max_playout_us", "min_playout_us", "pid_only"],
    "seg_size": [
        "seg_url", "is_init", "media_range_start", "media_range_end", "idx_range_start",
        "idx_range_end", "is_shift",
    ],
    "frag_size": ["is_last", "offset", "size", "duration", "independent"],
    "file_del": ["url"],
    "transport_hints": ["flags", "seg_duration", "gen_dsi_only", "wait_seg_boundary"],
    "ntp": ["ntp"],
}

TYPE_NAMES = {
    "base": "FEVT_Base", "play": "FEVT_Play", "seek": "FEVT_SourceSeek",
    "attach_scene": "FEVT_AttachScene", "user_event": "FEVT_UserEvent",
    "quality_switch": "FEVT_QualitySwitch", "visibility_hint": "FEVT_VisibilityHint",
    "buffer_req": "FEVT_BufferRequirement", "seg_size": "FEVT_SegmentSize",
    "frag_size": "FEVT_FragmentSize", "file_del": "FEVT_FileDelete",
    "transport_hints": "FEVT_TransportHints", "ntp": "FEVT_NTPRef",
}

# (member, field, C range) of the integer fields
UINTS = [
    ("play", "from_pck", 2**32 - 1), ("play", "to_pck", 2**32 - 1),
    ("play", "hw_buffer_reset", 255), ("play", "drop_non_ref", 255),
    ("play", "hint_first_dts", 2**64 - 1), ("seek", "start_offset", 2**64 - 1),
    ("seek", "hint_block_size", 2**32 - 1), ("buffer_req", "max_buffer_us", 2**32 - 1),
    ("visibility_hint", "max_y", 2**32 - 1), ("seg_size", "is_shift", 255),
    ("frag_size", "size", 2**32 - 1), ("ntp", "ntp", 2**64 - 1),
    ("transport_hints", "flags", 2**32 - 1),
]
SINTS = [("quality_switch", "q_idx", 2**31), ("play", "orig_delay", 2**63)]
BOOLS = [
    ("buffer_req", "pid_only"), ("quality_switch", "up"), ("visibility_hint", "is_gaze"),
    ("seg_size", "is_init"), ("frag_size", "is_last"), ("frag_size", "independent"),
    ("seek", "is_init_segment"), ("seek", "skip_cache_expiration"),
    ("transport_hints", "gen_dsi_only"), ("transport_hints", "wait_seg_boundary"),
]


# ---- construction ----


def test_default_event_is_zero_filled() -> None:
    evt = FilterEvent()
    assert evt.base.type == 0
    assert evt.base.on_pid is None
    assert evt.play.start_range == 0.0 and evt.play.speed == 0.0
    assert isinstance(evt.play.start_range, float)
    assert evt.ntp.ntp == 0


def test_type_is_set_on_every_member() -> None:
    evt = FilterEvent(gpac.GF_FEVT_PLAY)
    for member in FIELDS:
        assert getattr(evt, member).type == gpac.GF_FEVT_PLAY, member
    assert FilterEvent(evt_type=gpac.GF_FEVT_BUFFER_REQ).base.type == 14


@pytest.mark.parametrize("t", range(0, 25))
def test_every_known_type(t: int) -> None:
    assert FilterEvent(t).base.type == t


@pytest.mark.parametrize("bad", [25, 1000, -1, 2**70])
def test_unknown_type_raises_value_error(bad: int) -> None:
    with pytest.raises(ValueError):
        FilterEvent(bad)
    evt = FilterEvent(1)
    with pytest.raises(ValueError):
        evt.base.type = bad
    assert evt.base.type == 1


@pytest.mark.parametrize("bad", ["1", 1.0, None, b"x"])
def test_type_must_be_int(bad: Any) -> None:
    with pytest.raises(TypeError):
        FilterEvent(bad)


def test_too_many_arguments() -> None:
    with pytest.raises(TypeError):
        FilterEvent(1, 2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        FilterEvent(kind=1)  # type: ignore[call-arg]


def test_str_and_repr_show_type_name() -> None:
    assert str(FilterEvent(gpac.GF_FEVT_PLAY)) == "PLAY"
    assert str(FilterEvent(gpac.GF_FEVT_BUFFER_REQ)) == "BUFFER_REQ"
    assert "PLAY" in repr(FilterEvent(1))
    assert str(FilterEvent(0)) == "UNKNOWN"
    evt = FilterEvent(1)
    evt.base.type = gpac.GF_FEVT_STOP
    assert str(evt) == "STOP"


def test_event_accepts_attributes() -> None:
    evt = FilterEvent(1)
    evt.note = "mine"  # type: ignore[attr-defined]
    assert evt.note == "mine"  # type: ignore[attr-defined]


# ---- members ----


@pytest.mark.parametrize("member", sorted(FIELDS))
def test_member_fields(member: str) -> None:
    view = getattr(FilterEvent(1), member)
    assert type(view).__name__ == TYPE_NAMES[member]
    assert type(view) is getattr(gpac, TYPE_NAMES[member])
    for name in ["type", "on_pid"] + FIELDS[member]:
        assert hasattr(view, name), (member, name)
    r = repr(view)
    assert r.startswith(TYPE_NAMES[member] + "(type=1")


def test_aliases() -> None:
    evt = FilterEvent(gpac.GF_FEVT_USER)
    assert type(evt.user) is type(evt.user_event)
    assert type(evt.encode_hints) is type(evt.transport_hints)
    evt.transport_hints.seg_duration = gpac.Fraction(2, 1)
    assert evt.encode_hints.intra_period.num == 2


def test_views_are_not_instantiable() -> None:
    evt = FilterEvent(1)
    for member in FIELDS:
        with pytest.raises(TypeError):
            type(getattr(evt, member))()


def test_views_reject_unknown_attributes() -> None:
    evt = FilterEvent(1)
    with pytest.raises(AttributeError):
        evt.play.start = 6.0  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        evt.play = evt.play  # type: ignore[misc]


def test_fields_cannot_be_deleted() -> None:
    evt = FilterEvent(1)
    with pytest.raises((TypeError, AttributeError)):
        del evt.play.start_range


# ---- in-place writes ----


def test_play_start_range_edits_the_event() -> None:
    evt = FilterEvent(gpac.GF_FEVT_PLAY)
    evt.play.start_range = 6.0
    assert evt.play.start_range == 6.0
    play = evt.play
    play.speed = 2
    play.end_range = 10.5
    assert evt.play.speed == 2.0 and isinstance(evt.play.speed, float)
    assert evt.play.end_range == 10.5
    with pytest.raises(TypeError):
        play.speed = "fast"  # type: ignore[assignment]


def test_view_keeps_event_alive() -> None:
    evt = FilterEvent(gpac.GF_FEVT_PLAY)
    play = evt.play
    play.start_range = 3.0
    del evt
    gc.collect()
    assert play.start_range == 3.0
    assert play.type == gpac.GF_FEVT_PLAY


def test_union_members_share_storage() -> None:
    evt = FilterEvent(gpac.GF_FEVT_BUFFER_REQ)
    evt.buffer_req.max_buffer_us = 10_000_000
    evt.base.type = gpac.GF_FEVT_PLAY
    assert evt.play.type == gpac.GF_FEVT_PLAY
    assert evt.buffer_req.max_buffer_us == 10_000_000


@pytest.mark.parametrize("member,field,hi", UINTS)
def test_unsigned_fields(member: str, field: str, hi: int) -> None:
    view = getattr(FilterEvent(1), member)
    setattr(view, field, hi)
    assert getattr(view, field) == hi
    setattr(view, field, True)
    assert getattr(view, field) == 1
    with pytest.raises(OverflowError):
        setattr(view, field, hi + 1)
    with pytest.raises(OverflowError):
        setattr(view, field, -1)
    with pytest.raises(TypeError):
        setattr(view, field, 1.5)
    assert getattr(view, field) == 1


@pytest.mark.parametrize("member,field,lim", SINTS)
def test_signed_fields(member: str, field: str, lim: int) -> None:
    view = getattr(FilterEvent(1), member)
    setattr(view, field, -lim)
    assert getattr(view, field) == -lim
    setattr(view, field, lim - 1)
    assert getattr(view, field) == lim - 1
    with pytest.raises(OverflowError):
        setattr(view, field, lim)


@pytest.mark.parametrize("member,field", BOOLS)
def test_bool_fields(member: str, field: str) -> None:
    view = getattr(FilterEvent(1), member)
    assert getattr(view, field) is False
    setattr(view, field, 1)
    assert getattr(view, field) is True
    setattr(view, field, [])
    assert getattr(view, field) is False


def test_fraction_fields() -> None:
    evt = FilterEvent(20)  # FRAGMENT_SIZE: C-only, not exported
    evt.frag_size.duration = gpac.Fraction64(2**40, 25)
    d = evt.frag_size.duration
    assert isinstance(d, gpac.Fraction64)
    assert (d.num, d.den) == (2**40, 25)
    evt.frag_size.duration = fractions.Fraction(3, 2)
    assert str(evt.frag_size.duration) == "3/2"
    evt.transport_hints.seg_duration = gpac.Fraction(1, 30)
    assert isinstance(evt.transport_hints.seg_duration, gpac.Fraction)
    assert str(evt.transport_hints.seg_duration) == "1/30"
    with pytest.raises(OverflowError):
        evt.transport_hints.seg_duration = gpac.Fraction64(2**40, 1)
    with pytest.raises(TypeError):
        evt.frag_size.duration = "1/2"  # type: ignore[assignment]


def test_on_pid() -> None:
    evt = FilterEvent(1)
    evt.base.on_pid = None
    assert evt.play.on_pid is None
    with pytest.raises(TypeError):
        evt.base.on_pid = 1  # type: ignore[assignment]


# ---- strings ----


@pytest.mark.parametrize(
    "member,field,t",
    [("file_del", "url", 19), ("seg_size", "seg_url", 8), ("seek", "source_switch", 7)],
)
def test_string_fields(member: str, field: str, t: int) -> None:
    evt = FilterEvent(t)
    view = getattr(evt, member)
    assert getattr(view, field) is None
    setattr(view, field, "seg_1.m4s")
    assert getattr(view, field) == b"seg_1.m4s"
    setattr(view, field, b"caf\xc3\xa9")
    assert getattr(view, field) == "café".encode()
    setattr(view, field, "café")
    assert getattr(view, field) == "café".encode()
    setattr(view, field, None)
    assert getattr(view, field) is None
    with pytest.raises(ValueError):
        setattr(view, field, b"a\0b")
    with pytest.raises(TypeError):
        setattr(view, field, 12)


def test_string_outlives_the_assigned_object() -> None:
    evt = FilterEvent(gpac.GF_FEVT_FILE_DELETE)
    evt.file_del.url = bytearray(b"x" * 100).decode() + "/seg.m4s"
    gc.collect()
    assert evt.file_del.url == b"x" * 100 + b"/seg.m4s"


def test_overwritten_string_pointer_is_never_read() -> None:
    """A char* field overwritten through another member reads None, not freed or random
    memory."""
    evt = FilterEvent(gpac.GF_FEVT_FILE_DELETE)
    evt.file_del.url = b"a.mp4"
    evt.play.start_range = 1.5
    evt.play.end_range = 2.5
    evt.play.speed = 3.5
    evt.seek.start_offset = 0xDEADBEEF
    evt.seek.end_offset = 0x1234
    assert evt.file_del.url in (None, b"a.mp4")
    assert evt.seg_size.seg_url in (None, b"a.mp4")
    assert evt.seek.source_switch is None


# ---- user events ----


def test_user_event_union() -> None:
    evt = FilterEvent(gpac.GF_FEVT_USER)
    ui = evt.user_event.event
    assert type(ui).__name__ == "EVT_base"
    ui.mouse.type = 3
    ui.mouse.x = -5
    ui.mouse.y = 7
    ui.mouse.button = 1
    assert (evt.user.event.mouse.x, evt.user.event.mouse.y) == (-5, 7)
    assert ui.type == 3 and ui.keys.type == 3 and ui.size.type == 3
    assert ui.mtouch.x == -5
    ui.keys.key_code = 65
    ui.keys.flags = 2
    ui.char.unicode_char = 0x263A
    ui.size.width, ui.size.height = 640, 480
    ui.show.window_id = 9
    assert ui.keys.key_code == 65 and ui.char.unicode_char == 0x263A
    assert (ui.size.width, ui.size.height, ui.mouse.window_id) == (640, 480, 9)
    for name in ("mouse", "mtouch", "keys", "char", "size", "show"):
        assert type(getattr(ui, name)).__name__ == "EVT_" + name
        assert hasattr(getattr(ui, name), "window_id")


# ---- memory ----


def test_cycle_through_dict_is_collected() -> None:
    class Marker:
        pass

    marker = Marker()
    ref = weakref.ref(marker)
    evt = FilterEvent(1)
    evt.view = evt.play  # type: ignore[attr-defined]
    evt.marker = marker  # type: ignore[attr-defined]
    del evt, marker
    gc.collect()
    assert ref() is None


def test_many_events_and_views() -> None:
    for i in range(2000):
        evt = FilterEvent(i % 25)
        evt.file_del.url = "u%d" % i
        _ = evt.user_event.event.mouse
        _ = repr(evt.play)


# ---- through a session (once FilterSession and FilterCustom exist) ----

needs_session = pytest.mark.skipif(
    not (hasattr(gpac, "FilterSession") and hasattr(gpac, "FilterCustom")),
    reason="FilterSession/FilterCustom not built yet",
)


@needs_session
def test_sink_sends_play_and_buffer_req() -> None:
    seen: List[Any] = []

    class Sink(gpac.FilterCustom):  # type: ignore[misc,name-defined]
        def __init__(self, session: Any) -> None:
            gpac.FilterCustom.__init__(self, session, "PYEvtSink")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)

        def configure_pid(self, pid: Any, is_remove: bool) -> int:
            if is_remove or pid in self.ipids:
                return 0
            evt = FilterEvent(gpac.GF_FEVT_BUFFER_REQ)
            evt.buffer_req.max_buffer_us = 2_000_000
            pid.send_event(evt)
            evt = FilterEvent(gpac.GF_FEVT_PLAY)
            evt.play.start_range = 0.0
            pid.send_event(evt)
            seen.append(evt.base.on_pid)
            seen.append(pid)
            return 0

        def process(self) -> int:
            for pid in self.ipids:
                if pid.get_packet() is None:
                    if pid.eos:
                        return gpac.GF_EOS
                    continue
                pid.drop_packet()
            return 0

    fs = gpac.FilterSession()
    fs.load("avgen:type=v:dur=0.2")
    Sink(fs)
    fs.run()
    fs.delete()
    assert len(seen) == 2 and seen[0] is seen[1]
