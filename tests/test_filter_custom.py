"""FilterCustom (API.md 2.4, py_filter_custom*.c): a Python sink fed by avgen (timing
checked against inspect), the configure_pid protocol (first call, reconfiguration,
removal), PLAY needed for data to flow, a Python source consumed by inspect, graph
resolution with custom caps, exceptions from every callback out of run(), object
identity (on_filter_new, get_filter), the methods and properties of the class, misuse,
use after deletion and lifetimes (engine counters back to zero)."""

from __future__ import annotations

import gc
import logging
import re
import traceback
import weakref
from pathlib import Path
from typing import Any, Iterator, List, Optional, Tuple

import pytest

import gpac
from gpac import _gpac

SRC = "avgen:type=v:dur=2/5:sizes=64x48"  # 10 raw video frames, 25 fps
NB_FRAMES = 10
FRAME_SIZE = 64 * 48 * 3 // 2  # yuv420


def assert_clean() -> None:
    gc.collect()
    counters = _gpac._counters()
    assert all(v == 0 for v in counters.values()), counters


@pytest.fixture(autouse=True)
def clean_after() -> Iterator[None]:
    yield
    assert_clean()


class Sink(gpac.FilterCustom):
    """Video sink recording (dts, cts, dur, sap, size) of every packet."""

    def __init__(self, fs: gpac.FilterSession, name: str = "PYsink", play: bool = True,
                 caps: Tuple[str, ...] = ("Visual",)) -> None:
        gpac.FilterCustom.__init__(self, fs, name)
        for st in caps:
            self.push_cap("StreamType", st, gpac.GF_CAPS_INPUT)
        self.play = play
        self.calls: List[Tuple[Any, int, bool]] = []
        self.packets: List[Tuple[int, int, int, int, int]] = []
        self.eos = False

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        self.calls.append((pid, is_remove, pid in self.ipids))
        if not is_remove and pid not in self.ipids and self.play:
            pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            while True:
                pck = pid.get_packet()
                if pck is None:
                    self.eos = self.eos or pid.eos
                    break
                self.packets.append((pck.dts, pck.cts, pck.dur, pck.sap, pck.size))
                pid.drop_packet()
        return 0


class Source(gpac.FilterCustom):
    """Python source: `n` packets of 16 bytes (byte value = index), timescale 25,
    dts = cts = index; ends with EOS, or removes its PID when `remove` is set. After
    `reconf_at` packets it changes the Width property (the consumer is reconfigured)."""

    def __init__(self, fs: gpac.FilterSession, n: int = 5, name: str = "PYsrc",
                 remove: bool = False, reconf_at: int = -1) -> None:
        gpac.FilterCustom.__init__(self, fs, name)
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_OUTPUT)
        self.opid = self.new_pid()
        self.opid.set_prop("StreamType", "Visual")
        self.opid.set_prop("CodecID", "raw")
        self.opid.set_prop("Timescale", 25)
        self.opid.set_prop("Width", 4)
        self.opid.set_prop("Height", 4)
        self.n, self.sent, self.remove, self.reconf_at = n, 0, remove, reconf_at

    def process(self) -> int:
        if self.sent == self.n:
            if self.remove:
                self.opid.remove()
            else:
                self.opid.eos = True
            return gpac.GF_EOS
        if self.sent == self.reconf_at:
            self.opid.set_prop("Width", 8)
        pck = self.opid.new_pck(16)
        pck.dts = pck.cts = self.sent
        pck.dur = 1
        pck.sap = 1
        pck.data[:] = self.sent
        pck.send()
        self.sent += 1
        return 0


def inspect_timing(tmp_path: Path, src: str = SRC) -> List[Tuple[int, int, int, int, int]]:
    """(dts, cts, dur, sap, size) of every packet, as inspect:deep prints them."""
    log = tmp_path / "inspect.txt"
    fs = gpac.FilterSession()
    fs.load(src)
    fs.load("inspect:deep:log=%s" % log)
    fs.run()
    fs.delete()
    rows = []
    for m in re.finditer(r"PID 1 PCK \d+ - DTS (\d+) CTS (\d+) dur (\d+) SAP (\d+) size (\d+)",
                         log.read_text()):
        rows.append(tuple(int(x) for x in m.groups()))
    return rows  # type: ignore[return-value]


# ---- the type ----


def test_type() -> None:
    assert gpac.FilterCustom is _gpac.FilterCustom
    assert issubclass(gpac.FilterCustom, gpac.Filter)
    assert gpac.FilterCustom.__doc__ and gpac.FilterCustom.push_cap.__doc__
    fs = gpac.FilterSession()
    f = gpac.FilterCustom(fs)  # usable directly: a filter without callbacks
    assert isinstance(f, gpac.Filter) and f.name == "Custom" and f
    assert f.ipids == [] and f.opids == [] and f.ipids is f.ipids
    with pytest.raises(AttributeError):
        f.ipids = []  # type: ignore[misc]
    f.user_attr = 3
    assert f.user_attr == 3 and weakref.ref(f)() is f
    fs.delete()


# ---- a sink fed by avgen ----


def test_sink_gets_every_packet_with_its_timing(tmp_path: Path) -> None:
    expected = inspect_timing(tmp_path)
    assert len(expected) == NB_FRAMES
    fs = gpac.FilterSession()
    src = fs.load(SRC)
    sink = Sink(fs)
    fs.run()
    assert sink.packets == expected
    # avgen at 25 fps: timescale 25, dts = cts = frame index, dur 1, every frame a SAP
    assert sink.packets == [(i, i, 1, 1, FRAME_SIZE) for i in range(NB_FRAMES)]
    assert sink.eos
    assert src.opid_sinks(0) == [sink] and sink.ipid_source(0) is src
    assert sink.nb_ipid == 1 and len(sink.ipids) == 1
    assert sink.sinks_done and not sink.connections_pending
    fs.delete()


@pytest.mark.parametrize("flags,nb_threads", [(0, 0), (0, 2), (gpac.GF_FS_FLAG_NON_BLOCKING, 0)])
def test_sink_with_worker_threads_and_non_blocking(flags: int, nb_threads: int) -> None:
    """Callbacks run on the thread calling run(), whatever the worker count; a
    non-blocking session gets the same packets over repeated run() calls. (Not tested:
    non-blocking with workers, where last_task may turn true between two run() calls
    while a worker still has work.)"""
    import threading

    threads = set()

    class S(Sink):
        def process(self) -> int:
            threads.add(threading.get_ident())
            return super().process()

    fs = gpac.FilterSession(flags, None, nb_threads)
    fs.load(SRC)
    sink = S(fs)
    for _ in range(10000):
        fs.run()
        if not flags or fs.last_task:
            break
    assert len(sink.packets) == NB_FRAMES
    assert threads == {threading.get_ident()}
    fs.delete()


def test_configure_pid_first_call_and_removal() -> None:
    fs = gpac.FilterSession()
    src = Source(fs, n=3, remove=True)
    sink = Sink(fs)
    fs.run()
    assert [(c[1], c[2]) for c in sink.calls] == [(0, False), (1, True)]
    assert all(isinstance(c[1], int) and not isinstance(c[1], bool) for c in sink.calls)
    pid = sink.calls[0][0]
    assert sink.calls[1][0] is pid  # one wrapper per PID
    assert sink.ipids == []  # removed after configure_pid(pid, 1)
    assert [p[0] for p in sink.packets] == [0, 1, 2]
    fs.delete()
    del src


def test_configure_pid_reconfiguration() -> None:
    widths: List[Any] = []

    class S(Sink):
        def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
            if not is_remove:
                widths.append(pid.get_prop("Width"))
            return super().configure_pid(pid, is_remove)

    fs = gpac.FilterSession()
    Source(fs, n=4, reconf_at=2)
    sink = S(fs)
    fs.run()
    assert [(c[1], c[2]) for c in sink.calls] == [(0, False), (0, True)]
    assert widths == [4, 8]
    assert [p[0] for p in sink.packets] == [0, 1, 2, 3]
    fs.delete()


def test_no_play_no_data() -> None:
    fs = gpac.FilterSession()
    fs.load(SRC)
    sink = Sink(fs, play=False)
    fs.run()
    assert len(sink.calls) == 1 and sink.packets == []
    assert not sink.sinks_done
    fs.delete()


@pytest.mark.parametrize("code", [gpac.GF_NOT_SUPPORTED, gpac.GF_REQUIRES_NEW_INSTANCE])
def test_configure_pid_refusal(code: int) -> None:
    class S(Sink):
        def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
            self.calls.append((pid, is_remove, pid in self.ipids))
            return code

    fs = gpac.FilterSession()
    src = fs.load(SRC)
    sink = S(fs)
    fs.run()
    assert len(sink.calls) == 1 and sink.ipids == [] and sink.packets == []
    assert sink.nb_ipid == 0 and src.opid_sinks(0) == []
    assert fs.nb_filters == 2  # a custom filter is never cloned
    fs.delete()


# ---- a Python source ----


def test_custom_source_feeds_inspect(tmp_path: Path) -> None:
    log = tmp_path / "inspect.txt"
    fs = gpac.FilterSession()
    src = Source(fs, n=5)
    dst = fs.load("inspect:deep:log=%s" % log)
    assert src.nb_opid == 1 and src.opids == [src.opid]
    fs.run()
    text = log.read_text()
    rows = re.findall(r"PID 1 PCK \d+ - DTS (\d+) CTS (\d+) dur (\d+) SAP (\d+) size (\d+)",
                      text)
    assert rows == [(str(i), str(i), "1", "1", "16") for i in range(5)]
    assert dst.ipid_source(0) is src and src.opid_sinks(0) == [dst]
    assert src.opid_prop(0, "Width") == 4
    fs.delete()


def test_source_without_process_is_harmless() -> None:
    class Idle(gpac.FilterCustom):
        pass

    fs = gpac.FilterSession()
    f = Idle(fs, "PYidle")
    fs.run()
    assert f.nb_opid == 0
    fs.delete()


def test_source_drives_itself_with_reschedule() -> None:
    class Ticker(gpac.FilterCustom):
        def __init__(self, fs: gpac.FilterSession) -> None:
            gpac.FilterCustom.__init__(self, fs, "PYtick")
            self.ticks = 0

        def process(self) -> int:
            self.ticks += 1
            if self.ticks < 4:
                self.reschedule(1000 if self.ticks % 2 else -1)
            return 0

    fs = gpac.FilterSession()
    t = Ticker(fs)
    fs.run()
    assert t.ticks == 4
    fs.delete()


# ---- graph resolution ----


def test_caps_take_part_in_resolution(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="gpac")
    fs = gpac.FilterSession()
    src = fs.load("avgen:type=av:dur=1/5:sizes=64x48")
    video = Sink(fs, "PYvideo")
    audio_only = Sink(fs, "PYaudio", caps=("Audio",))
    fs.run()
    _gpac._flush_logs()
    assert src.opid_prop(0, "StreamType") == "Visual"
    assert src.opid_sinks(0) == [video]
    assert src.opid_sinks(1) == [audio_only]
    assert video.nb_ipid == 1 and audio_only.nb_ipid == 1
    fs.delete()


def test_pid_not_accepted_is_reported_unlinked(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="gpac")
    fs = gpac.FilterSession()
    src = fs.load(SRC)
    sink = Sink(fs, caps=("Audio",))
    fs.run()
    _gpac._flush_logs()
    assert sink.calls == [] and src.opid_sinks(0) == []
    msgs = [r.getMessage() for r in caplog.records if r.name == "gpac"]
    assert any("No filter chain found for PID" in m and "avgen" in m for m in msgs), msgs
    fs.delete()


def test_pid_not_accepted_fails_a_full_link_session() -> None:
    fs = gpac.FilterSession(gpac.GF_FS_FLAG_FULL_LINK)
    fs.load(SRC)
    Sink(fs, caps=("Audio",))
    with pytest.raises(gpac.GPACError) as info:
        fs.run()
    assert info.value.code == gpac.GF_FILTER_NOT_FOUND
    fs.delete()


def test_push_cap_values() -> None:
    fs = gpac.FilterSession()
    src = fs.load(SRC)
    sink = Sink(fs, caps=())
    sink.push_cap("CodecID", "raw", gpac.GF_CAPS_INPUT)
    sink.push_cap("PixelFormat", "yuv420", gpac.GF_CAPS_INPUT, 0)
    sink.push_cap("MyCustomCap", 3, gpac.GF_CAPS_INPUT_OPT, priority=1,
                  custom_type=gpac.GF_PROP_UINT)
    fs.run()
    assert src.opid_sinks(0) == [sink] and len(sink.packets) == NB_FRAMES
    fs.delete()


def test_push_cap_excluding_the_stream() -> None:
    fs = gpac.FilterSession()
    src = fs.load(SRC)
    sink = Sink(fs, caps=())
    sink.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT_EXCLUDED)
    fs.run()
    assert src.opid_sinks(0) == [] and sink.calls == []
    fs.delete()


def test_push_cap_misuse() -> None:
    fs = gpac.FilterSession()
    f = gpac.FilterCustom(fs, "PYcaps")
    with pytest.raises(TypeError):
        f.push_cap("StreamType", None, gpac.GF_CAPS_INPUT)
    with pytest.raises(TypeError):
        f.push_cap(1.5, "Visual", gpac.GF_CAPS_INPUT)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        f.push_cap("StreamType", "NoSuchStreamType", gpac.GF_CAPS_INPUT)
    with pytest.raises(OverflowError):
        f.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT, priority=300)
    with pytest.raises(TypeError):
        f.push_cap("StreamType", "Visual")  # type: ignore[call-arg]
    for i in range(40):  # the table grows past its first allocation
        f.push_cap("Width", i, gpac.GF_CAPS_INPUT)
    fs.delete()


# ---- exceptions from the callbacks ----


class Boom(Exception):
    pass


def run_raising(make: Any) -> BaseException:
    fs = gpac.FilterSession()
    make(fs)
    with pytest.raises(Boom) as info:
        fs.run()
    fs.delete()
    return info.value


def test_exception_from_configure_pid() -> None:
    class S(Sink):
        def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
            raise Boom("in configure_pid")

    def make(fs: gpac.FilterSession) -> None:
        fs.load(SRC)
        S(fs)

    exc = run_raising(make)
    assert "in configure_pid" in str(exc)
    assert "configure_pid" in "".join(traceback.format_tb(exc.__traceback__))


def test_exception_from_process() -> None:
    class S(Sink):
        def process(self) -> int:
            raise Boom("in process")

    def make(fs: gpac.FilterSession) -> None:
        fs.load(SRC)
        S(fs)

    exc = run_raising(make)
    assert "def process" in "".join(traceback.format_tb(exc.__traceback__)) or \
        "process" in "".join(traceback.format_tb(exc.__traceback__))


def test_exception_from_source_process() -> None:
    class Src(Source):
        def process(self) -> int:
            if self.sent == 2:
                raise Boom("source")
            return super().process()

    def make(fs: gpac.FilterSession) -> None:
        Src(fs)
        fs.load("inspect:log=null")

    run_raising(make)


def test_exception_from_process_event() -> None:
    events: List[int] = []

    class Src(Source):
        def process_event(self, evt: gpac.FilterEvent) -> bool:
            events.append(evt.base.type)
            assert evt.base.on_pid is self.opid
            raise Boom("in process_event")

    def make(fs: gpac.FilterSession) -> None:
        Src(fs)
        fs.load("inspect:log=null")

    exc = run_raising(make)
    assert events[0] == gpac.GF_FEVT_PLAY
    assert "process_event" in "".join(traceback.format_tb(exc.__traceback__))


def test_process_event_consumes_or_forwards() -> None:
    """A filter between avgen and a sink: PLAY consumed there never reaches avgen."""
    seen: List[int] = []

    class Fwd(gpac.FilterCustom):
        def __init__(self, fs: gpac.FilterSession, consume: bool) -> None:
            gpac.FilterCustom.__init__(self, fs, "PYfwd")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT_OUTPUT)
            self.consume = consume

        def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
            if not is_remove and pid not in self.ipids:
                pid.opid = self.new_pid()
                pid.opid.copy_props(pid)
            return 0

        def process_event(self, evt: gpac.FilterEvent) -> Any:
            seen.append(evt.base.type)
            return self.consume if evt.base.type == gpac.GF_FEVT_PLAY else None

        def process(self) -> int:
            for pid in self.ipids:
                pck = pid.get_packet()
                if pck is None:
                    if pid.eos:
                        pid.opid.eos = True
                    continue
                pid.opid.forward(pck)
                pid.drop_packet()
            return 0

    for consume, frames in ((True, 0), (False, NB_FRAMES)):
        seen.clear()
        fs = gpac.FilterSession()
        src = fs.load(SRC)
        fwd = Fwd(fs, consume)
        fwd.set_source(src)
        sink = Sink(fs)
        sink.set_source(fwd)
        fs.run()
        assert gpac.GF_FEVT_PLAY in seen
        assert len(sink.packets) == frames
        fs.delete()


def test_bad_return_type_is_an_error() -> None:
    class S(Sink):
        def process(self) -> Any:
            return "ok"

    fs = gpac.FilterSession()
    fs.load(SRC)
    S(fs)
    with pytest.raises(TypeError, match="process"):
        fs.run()
    fs.delete()


def test_negative_code_from_process_fails_the_run() -> None:
    class S(Sink):
        def process(self) -> int:
            return gpac.GF_CORRUPTED_DATA

    fs = gpac.FilterSession()
    fs.load(SRC)
    S(fs)
    with pytest.raises(gpac.GPACError) as info:
        fs.run()
    assert info.value.code == gpac.GF_CORRUPTED_DATA
    fs.delete()


def test_reconfigure_output_is_not_called_by_this_engine() -> None:
    """The engine has no caps negotiation: reconfigure_output is installed (and checked
    to be a method) but never reached."""
    called: List[Any] = []

    class Src(Source):
        def reconfigure_output(self, opid: gpac.FilterPid) -> int:
            called.append(opid)
            raise Boom("never")

    fs = gpac.FilterSession()
    Src(fs, n=2)
    fs.load("inspect:log=null")
    fs.run()
    assert called == []
    fs.delete()


# ---- identity ----


def test_identity_on_filter_new_and_get_filter() -> None:
    news: List[Any] = []

    class Session(gpac.FilterSession):
        def on_filter_new(self, f: gpac.Filter) -> None:
            news.append((f, type(f), f.name))

    fs = Session()
    src = fs.load(SRC)
    sink = Sink(fs, "PYident")
    assert [(t, n) for _, t, n in news] == [(gpac.Filter, "avgen"), (gpac.Filter, "PYident")]
    assert news[0][0] is src
    plain = news[1][0]
    assert plain is not sink and type(plain) is gpac.Filter
    assert fs.get_filter(1) is sink and fs.get_filter(0) is src
    with pytest.raises(gpac.GPACError):
        plain.name  # the plain wrapper was replaced by the FilterCustom
    fs.run()
    assert sink.ipid_source(0) is src and src.opid_sinks(0)[0] is sink
    assert len(sink.packets) == NB_FRAMES
    fs.delete()
    del news, plain


def test_on_filter_new_exception_raised_by_init() -> None:
    class Session(gpac.FilterSession):
        def on_filter_new(self, f: gpac.Filter) -> None:
            if f.name == "PYbad":
                raise Boom("on_filter_new")

    fs = Session()
    with pytest.raises(Boom, match="on_filter_new"):
        Sink(fs, "PYbad")
    # the filter was made: the FilterCustom owns it all the same
    f = fs.get_filter(0)
    assert isinstance(f, gpac.FilterCustom) and f.name == "PYbad"
    fs.run()  # the exception was raised once, not again by run()
    fs.delete()
    del f


def test_on_filter_del_gets_the_custom_object() -> None:
    dels: List[Any] = []

    class Session(gpac.FilterSession):
        def on_filter_del(self, f: gpac.Filter) -> None:
            dels.append(f)

    fs = Session()
    sink = Sink(fs)
    fs.delete()
    assert dels == [sink] and dels[0] is sink
    del dels


def test_options_in_fname() -> None:
    fs = gpac.FilterSession()
    f = gpac.FilterCustom(fs, "PYopts:FID=f1:N=renamed")
    assert f.ID == "f1" and f.name == "renamed"
    g = gpac.FilterCustom(fs, fname="PYdefault", flags=0)
    assert g.name == "PYdefault" and g.ID is None
    dst = fs.load("inspect:log=null:SID=f1")
    assert dst.name == "inspect"
    fs.delete()


# ---- methods and properties ----


def test_new_pid_and_lists() -> None:
    fs = gpac.FilterSession()
    f = gpac.FilterCustom(fs, "PYpids")
    ipids, opids = f.ipids, f.opids
    a = f.new_pid()
    b = f.new_pid()
    assert isinstance(a, gpac.FilterPid) and f.opids == [a, b]
    assert f.opids is opids and f.ipids is ipids and f.nb_opid == 2
    assert a.name != b.name
    assert f.connections_pending  # outputs without consumer
    fs.delete()
    assert f.opids is opids and f.opids == []  # the PIDs went with the filter
    with pytest.raises(gpac.GPACError):
        a.name


def test_recorded_methods_and_properties() -> None:
    fs = gpac.FilterSession()
    f = gpac.FilterCustom(fs, "PYmisc")
    assert f.status == "" and f.block_enabled is True
    f.update_status("working", 5000)
    assert f.status == "working"
    f.update_status(None, 0)
    assert f.status == ""
    f.prevent_blocking(True)
    assert f.block_enabled is False
    f.prevent_blocking(False)
    assert f.block_enabled is True
    assert f.make_sticky() is None and f.block_eos(True) is None
    assert f.clock_hint_time == 0
    mt = f.clock_hint_mediatime
    assert isinstance(mt, gpac.Fraction64) and mt.num == 0
    f.hint_clock(123456, gpac.Fraction64(9, 10))
    assert f.clock_hint_time == 123456
    assert (f.clock_hint_mediatime.num, f.clock_hint_mediatime.den) == (9, 10)
    f.hint_clock(1, 2.5)
    assert (f.clock_hint_mediatime.num, f.clock_hint_mediatime.den) == (2500000, 1000000)
    assert f.output_buffer == 0 and f.playout_buffer == 0 and f.nb_evts_queued == 0
    assert f.sinks_done is False and f.connections_pending is False
    f.set_max_pids(-1)
    f.set_max_pids(2)
    f.reschedule()
    f.reschedule(when=500)
    f.reschedule(-1)
    with pytest.raises(ValueError):
        f.set_max_pids(-2)
    with pytest.raises(TypeError):
        f.update_status(3, 0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        f.hint_clock(1, "x")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        f.hint_clock(-1, 0)
    with pytest.raises(TypeError):
        f.reschedule("now")  # type: ignore[arg-type]
    fs.delete()


def test_set_max_pids_accepts_more_inputs() -> None:
    fs = gpac.FilterSession()
    a = fs.load(SRC)
    b = fs.load(SRC)
    two = Sink(fs, "PYtwo")
    two.set_max_pids(1)
    fs.run()
    assert two.nb_ipid == 2 and len(two.packets) == 2 * NB_FRAMES
    assert {two.ipid_source(0), two.ipid_source(1)} == {a, b}
    fs.delete()


@pytest.mark.parametrize("kind", [gpac.GF_SETUP_ERROR, gpac.GF_NOTIF_ERROR,
                                  gpac.GF_NOTIF_ERROR_AND_DISCONNECT])
def test_notify_failure(kind: int) -> None:
    class S(Sink):
        def process(self) -> int:
            super().process()
            if self.packets and not self.failed:
                self.failed = True
                self.notify_failure(gpac.GF_CORRUPTED_DATA, kind)
                for pid in self.ipids:
                    pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_STOP))
            return 0

        failed = False

    fs = gpac.FilterSession()
    fs.load(SRC)
    S(fs)
    with pytest.raises(gpac.GPACError) as info:
        fs.run()
    assert info.value.code == gpac.GF_CORRUPTED_DATA
    fs.delete()


def test_notify_failure_misuse() -> None:
    fs = gpac.FilterSession()
    f = gpac.FilterCustom(fs, "PYfail")
    with pytest.raises(ValueError):
        f.notify_failure(0)
    with pytest.raises(ValueError):
        f.notify_failure(gpac.GF_BAD_PARAM, 5)
    with pytest.raises(TypeError):
        f.notify_failure("bad")  # type: ignore[arg-type]
    fs.delete()


def test_remove_stops_the_callbacks() -> None:
    class S(Sink):
        def process(self) -> int:
            super().process()
            if len(self.packets) >= 2:
                self.remove()
            return 0

    fs = gpac.FilterSession()
    fs.load("avgen:type=v:sizes=64x48")  # unlimited: only the removal ends the run
    sink = S(fs)
    fs.run()
    assert 2 <= len(sink.packets) < 100
    fs.delete()


# ---- misuse and lifetimes ----


def test_construction_misuse() -> None:
    fs = gpac.FilterSession()
    with pytest.raises(TypeError):
        gpac.FilterCustom(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gpac.FilterCustom()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        gpac.FilterCustom(fs, 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        gpac.FilterCustom(fs, ":FID=1")
    with pytest.raises(ValueError):
        gpac.FilterCustom(fs, "PY\0x")
    with pytest.raises(OverflowError):
        gpac.FilterCustom(fs, "PYx", -1)
    with pytest.raises(gpac.GPACError) as info:
        gpac.FilterCustom(fs, "PYx:no_such_option=1")
    assert info.value.code == gpac.GF_BAD_PARAM
    f = gpac.FilterCustom(fs, "PYonce")
    with pytest.raises(RuntimeError):
        f.__init__(fs, "PYtwice")  # type: ignore[misc]
    assert fs.nb_filters == 1
    fs.delete()
    with pytest.raises(gpac.GPACError):
        gpac.FilterCustom(fs, "PYlate")


def test_subclass_without_base_init() -> None:
    class Lazy(gpac.FilterCustom):
        def __init__(self, fs: gpac.FilterSession) -> None:
            pass

    fs = gpac.FilterSession()
    f = Lazy(fs)
    for call in (lambda: f.name, lambda: f.new_pid(), lambda: f.push_cap("Width", 1, 3),
                 lambda: f.status, lambda: f.reschedule()):
        with pytest.raises(gpac.GPACError, match="__init__"):
            call()
    assert "destroyed" in repr(f)
    fs.delete()


def test_use_after_delete() -> None:
    fs = gpac.FilterSession()
    fs.load(SRC)
    sink = Sink(fs)
    fs.run()
    fs.delete()
    calls = [
        lambda: sink.name, lambda: sink.push_cap("Width", 1, 3), lambda: sink.new_pid(),
        lambda: sink.set_max_pids(1), lambda: sink.reschedule(), lambda: sink.status,
        lambda: sink.update_status("x", 1), lambda: sink.notify_failure(-1),
        lambda: sink.make_sticky(), lambda: sink.prevent_blocking(True),
        lambda: sink.block_eos(True), lambda: sink.hint_clock(1, 1),
        lambda: sink.block_enabled, lambda: sink.output_buffer, lambda: sink.playout_buffer,
        lambda: sink.sinks_done, lambda: sink.nb_evts_queued, lambda: sink.clock_hint_time,
        lambda: sink.clock_hint_mediatime, lambda: sink.connections_pending,
        lambda: sink.ipid_prop(0, "Width"),
    ]
    for call in calls:
        with pytest.raises(gpac.GPACError, match="destroyed"):
            call()
    assert sink.ipids == [] and sink.packets


def test_objects_freed_after_delete() -> None:
    fs = gpac.FilterSession()
    fs.load(SRC)
    sink = Sink(fs)
    src = Source(fs, n=2)
    refs = [weakref.ref(sink), weakref.ref(src), weakref.ref(src.opid)]
    fs.run()
    fs.delete()
    del sink, src
    gc.collect()
    assert [r() for r in refs] == [None, None, None]


def test_session_dropped_without_delete_frees_everything() -> None:
    fs = gpac.FilterSession()
    fs.load(SRC)
    sink = Sink(fs)
    fs.run()
    ref = weakref.ref(sink)
    del fs, sink
    gc.collect()
    assert ref() is None


def test_custom_filter_dropped_by_the_script_stays_in_the_session() -> None:
    fs = gpac.FilterSession()
    fs.load(SRC)
    Sink(fs, "PYkept")  # no reference kept by the script: the session holds it
    gc.collect()
    fs.run()
    sink = fs.get_filter(1)
    assert isinstance(sink, Sink) and len(sink.packets) == NB_FRAMES
    fs.delete()
