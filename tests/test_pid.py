"""FilterPid (API.md 2.5, py_pid*.c): identity and user attributes, properties (get/set/
enum, the get_prop attribute quirk), attributes (name, eos, buffer levels...), events,
stream-control methods, resolve_template, misuse (wrong types, input/output mix-ups, use
after the session's deletion) and lifetimes (engine counters back to zero)."""

from __future__ import annotations

import gc
import weakref
from typing import Any, Callable, Dict, List, Optional

import pytest

import gpac
from gpac import _gpac

SRC = "avgen:type=v:dur=1/5:sizes=64x48"  # 5 raw video frames, 25 fps
NO_TS = (1 << 64) - 1


# every test leaves the engine counters and live views as it found them (conftest)
pytestmark = pytest.mark.usefixtures("leaves_nothing")


class Sink(gpac.FilterCustom):
    """Video sink calling `on_pid(pid)` at first configure and `on_packet(pid, pck)` for
    each packet (then dropping it)."""

    def __init__(self, fs: gpac.FilterSession, name: str = "PYsink") -> None:
        gpac.FilterCustom.__init__(self, fs, name)
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.configures: List[Any] = []
        self.nb = 0

    def on_pid(self, pid: gpac.FilterPid) -> None:
        pass

    def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
        pass

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        self.configures.append((pid, is_remove, pid in self.ipids))
        if not is_remove and pid not in self.ipids:
            self.on_pid(pid)
            pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            while True:
                pck = pid.get_packet()
                if pck is None:
                    break
                self.nb += 1
                self.on_packet(pid, pck)
                pid.drop_packet()
        return 0


def run_sink(sink_cls: Callable[[gpac.FilterSession], Sink], src: str = SRC,
             delete: bool = True) -> Any:
    fs = gpac.FilterSession()
    src_f = fs.load_src(src)
    sink = sink_cls(fs)
    sink.set_source(src_f)
    fs.run()
    if delete:
        fs.delete()
    return fs, src_f, sink


def test_type_is_not_instantiable_nor_subclassable() -> None:
    assert gpac.FilterPid is _gpac.FilterPid
    with pytest.raises(TypeError):
        gpac.FilterPid()
    with pytest.raises(TypeError):
        type("Sub", (gpac.FilterPid,), {})
    assert gpac.FilterPid.__doc__


def test_identity_attributes_and_first_configure() -> None:
    seen: Dict[str, Any] = {}

    class S(Sink):
        def on_pid(self, pid: gpac.FilterPid) -> None:
            pid.my_attr = 42
            seen["pid"] = pid

        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            assert pid is seen["pid"]
            assert pid.my_attr == 42
            assert pid in self.ipids
            assert pid  # always truthy

    fs, _, sink = run_sink(S)
    pid, is_remove, known = sink.configures[0]
    assert pid is seen["pid"] and is_remove == 0 and known is False
    assert sink.nb == 5
    # the wrapper survives its PID: methods raise, attributes stay
    assert pid.my_attr == 42
    with pytest.raises(gpac.GPACError, match="destroyed"):
        pid.get_prop("Width")
    with pytest.raises(gpac.GPACError):
        pid.name
    assert "destroyed" in repr(pid)
    del fs, sink, pid, seen


def test_properties_and_quirk() -> None:
    got: Dict[str, Any] = {}

    class S(Sink):
        def on_pid(self, pid: gpac.FilterPid) -> None:
            got["width"] = pid.get_prop("Width")
            got["height"] = pid.get_prop("HEIG")  # 4CC string
            got["stream_type"] = pid.get_prop("StreamType")
            got["codec"] = pid.get_prop("CodecID")
            got["fps"] = str(pid.get_prop("FPS"))
            got["timescale_quirk"] = pid.get_prop("timescale")
            got["timescale"] = pid.timescale
            got["missing"] = pid.get_prop("NoSuchCustomProp")
            got["info"] = pid.get_info("Width")
            got["info_missing"] = pid.get_info("NoSuch")
            got["name"] = pid.name
            got["filter_name"] = pid.filter_name
            got["check_caps"] = pid.check_caps()
            got["int_key"] = pid.get_prop(0x57494454)  # 'WIDT'
            got["pid_id"] = pid.get_prop("PID")
            names: List[str] = []

            class Cb:
                def on_prop_enum(self, name: str, value: Any) -> None:
                    names.append(name)

            pid.enum_props(Cb())
            got["enum"] = names

    run_sink(S)
    assert got["width"] == 64 and got["height"] == 48 and got["int_key"] == 64
    assert got["stream_type"] == "Visual"
    assert got["codec"] == "raw"
    assert got["fps"] == "25/1"
    assert got["timescale"] == 25 and got["timescale_quirk"] == 25
    assert got["missing"] is None and got["info_missing"] is None
    assert got["info"] == 64
    assert isinstance(got["name"], str) and got["name"]
    assert got["filter_name"] == "avgen"
    assert got["check_caps"] is True
    assert got["pid_id"] == 1
    assert "Width" in got["enum"] and "StreamType" in got["enum"]


def test_input_pid_attributes_during_run() -> None:
    got: List[Dict[str, Any]] = []

    class S(Sink):
        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            got.append(dict(
                eos=pid.eos, nb=pid.nb_pck_queued, first_cts=pid.first_cts,
                cts=pck.cts, buffer=pid.buffer, buffer_total=pid.buffer_total,
                playing=pid.playing, would_block=pid.would_block, sparse=pid.sparse,
                first_empty=pid.first_empty, next_ts=pid.next_ts,
                has_seen_eos=pid.has_seen_eos, eos_received=pid.eos_received,
                buffer_full=pid.buffer_full, min_pck_dur=pid.min_pck_dur,
                max_buffer=pid.max_buffer, clock_type=pid.get_clock_type(),
                clock_ts=str(pid.get_clock_timestamp()),
            ))
            with pytest.raises(gpac.GPACError, match="Cannot query_cap on input PID"):
                pid.query_cap("Width")
            pid.max_buffer = 2000000
            assert pid.max_buffer == 2000000

    run_sink(S)
    assert len(got) == 5
    for g in got:
        assert g["eos"] is False
        assert g["nb"] >= 1
        assert g["first_cts"] == g["cts"] == g["next_ts"]
        assert g["playing"] is True and g["first_empty"] is False
        assert g["would_block"] is False and g["sparse"] is False
        assert g["buffer"] == g["buffer_total"] and g["buffer"] >= 0
        assert g["min_pck_dur"] == 0 and g["clock_type"] == 0
        assert g["clock_ts"] == "0/1000"
        for key in ("has_seen_eos", "eos_received", "buffer_full"):
            assert isinstance(g[key], bool)


def test_eos_seen_by_sink() -> None:
    seen: Dict[str, Any] = {}

    class S(Sink):
        def process(self) -> int:
            for pid in self.ipids:
                while pid.get_packet() is not None:
                    pid.drop_packet()
                if pid.eos:
                    seen["eos"] = True
                    seen["first_cts"] = pid.first_cts
                    seen["next_ts"] = pid.next_ts
                    seen["has_seen_eos"] = pid.has_seen_eos
            return 0

    run_sink(S)
    assert seen == dict(eos=True, first_cts=None, next_ts=NO_TS, has_seen_eos=True)


def test_input_pid_refuses_output_operations() -> None:
    class S(Sink):
        def on_pid(self, pid: gpac.FilterPid) -> None:
            for call in (lambda: pid.set_prop("Width", 3), lambda: pid.set_info("A", 1),
                         lambda: pid.copy_props(pid), pid.reset_props, pid.remove,
                         lambda: pid.new_pck(4), pid.forward.__call__):
                with pytest.raises((gpac.GPACError, TypeError)):
                    call()
            with pytest.raises(gpac.GPACError, match="Cannot set property on input PID"):
                pid.set_prop("Width", 3)
            with pytest.raises(gpac.GPACError, match="input PID"):
                pid.eos = True
            with pytest.raises(gpac.GPACError, match="input PID"):
                pid.name = "x"
            # a GPACError that is also a ValueError (BadParamError)
            with pytest.raises(ValueError):
                pid.new_pck()

    run_sink(S)


def test_wrong_argument_types() -> None:
    class S(Sink):
        def on_pid(self, pid: gpac.FilterPid) -> None:
            with pytest.raises(TypeError):
                pid.get_prop(1.5)
            with pytest.raises(TypeError):
                pid.get_prop()  # type: ignore[call-arg]
            with pytest.raises(TypeError):
                pid.send_event("PLAY")
            with pytest.raises(TypeError):
                pid.is_filter_in_parents("avgen")
            with pytest.raises(TypeError):
                pid.copy_props(42)
            with pytest.raises(TypeError):
                pid.resolve_template(42)
            with pytest.raises(TypeError):
                pid.resolve_template("x", suffix=3)
            with pytest.raises(TypeError):
                pid.resolve_template("x", bad=1)
            with pytest.raises(TypeError):
                pid.set_clock_mode("fast")
            with pytest.raises(TypeError):
                pid.max_buffer = "big"
            with pytest.raises(OverflowError):
                pid.max_buffer = -1
            with pytest.raises(AttributeError):
                pid.enum_props(object())  # no on_prop_enum
            with pytest.raises(TypeError):
                pid.query_cap(None)
            with pytest.raises(AttributeError):
                del pid.eos

    run_sink(S)


def test_stream_control_methods() -> None:
    got: Dict[str, Any] = {}

    class S(Sink):
        def on_pid(self, pid: gpac.FilterPid) -> None:
            for noop in (pid.discard_block, pid.allow_direct_dispatch, pid.loose_connect,
                         pid.require_source_id):
                assert noop() is None
            assert pid.set_framing(True) is None
            assert pid.set_discard(False) is None
            assert pid.recompute_dts(False) is None
            assert pid.set_clock_mode(0) is None
            assert pid.clear_eos(False) is None
            assert pid.clear_eos(True) is None
            got["occupancy"] = pid.get_buffer_occupancy()
            with pytest.raises(gpac.NotSupportedError):
                pid.negotiate_cap("PixelFormat", "rgb")
            with pytest.raises(TypeError):
                pid.negotiate_cap(3.5, "rgb")
            got["parents_src"] = pid.is_filter_in_parents(got["src"])
            got["parents_self"] = pid.is_filter_in_parents(self)

    class S2(S):
        pass

    fs = gpac.FilterSession()
    src = fs.load_src(SRC)
    got["src"] = src
    sink = S2(fs)
    sink.set_source(src)
    fs.run()
    fs.delete()
    assert got["parents_src"] is True and got["parents_self"] is False
    assert type(got["occupancy"]).__name__ == "BufferOccupancy"
    got.clear()
    del fs, src, sink


def test_resolve_template() -> None:
    got: Dict[str, str] = {}

    class S(Sink):
        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            if got:
                return
            r = pid.resolve_template
            got["plain"] = r("out.mp4")
            got["num"] = r("seg_$num$.m4s", 7)
            got["pad"] = r("seg_$num%05d$.m4s", file_idx=42)
            got["pid"] = r("$PID$_$Type$_$OType$")
            got["prop"] = r("$Width$x$Height$@$pname=Width$/$p4cc=HEIG$")
            got["suffix"] = r("a$FS$b", 0, "_init")
            got["nosuffix"] = r("a$FS$b")
            got["dollar"] = r("cost$$5")
            got["unknown"] = r("$NoSuchThing$-$unterminated")
            got["cts"] = r("$cts$-$dur$-$sap$")
            got["expected_cts"] = "%d-%d-%d" % (pck.cts, pck.dur, pck.sap)
            got["file"] = r("$File$")
            with pytest.raises(ValueError):
                r("$num%Q$")

    run_sink(S)
    assert got["plain"] == "out.mp4"
    assert got["num"] == "seg_7.m4s"
    assert got["pad"] == "seg_00042.m4s"
    assert got["pid"] == "1_video_video"
    assert got["prop"] == "64x48@64/48"
    assert got["suffix"] == "a_initb" and got["nosuffix"] == "ab"
    assert got["dollar"] == "cost$5"
    assert got["unknown"] == "$NoSuchThing$-$unterminated"
    assert got["cts"] == got["expected_cts"]
    assert got["file"] == "$File$"  # avgen has no source file


class Forward(gpac.FilterCustom):
    """Pass-through creating one output PID per input, running `on_opid(opid, ipid)`."""

    def __init__(self, fs: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, fs, "PYfwd")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT_OUTPUT)

    def on_opid(self, opid: gpac.FilterPid, ipid: gpac.FilterPid) -> None:
        pass

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if is_remove:
            return 0
        if pid not in self.ipids:
            opid = self.new_pid()
            assert opid in self.opids
            opid.copy_props(pid)
            pid.opid = opid
            self.on_opid(opid, pid)
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            pck = pid.get_packet()
            if pck is None:
                if pid.eos and not pid.opid.eos:
                    pid.opid.eos = False  # any assignment signals EOS
                break
            pid.opid.forward(pck)
            pid.drop_packet()
        return 0


def run_forward(fwd_cls: Any, sink_cls: Any = Sink) -> Any:
    fs = gpac.FilterSession()
    src = fs.load_src(SRC)
    fwd = fwd_cls(fs)
    sink = sink_cls(fs)
    fwd.set_source(src)
    sink.set_source(fwd)
    fs.run()
    fs.delete()
    return fwd, sink


def test_output_pid_properties_reach_the_consumer() -> None:
    got: Dict[str, Any] = {}

    class F(Forward):
        def on_opid(self, opid: gpac.FilterPid, ipid: gpac.FilterPid) -> None:
            assert opid.get_prop("Width") == 64  # copied
            opid.set_prop("Bitrate", 500000)
            opid.set_prop("MyCustom", 12)  # stored as a string
            opid.set_prop("MyTyped", 12, gpac.GF_PROP_UINT)
            opid.set_prop("Height", None)  # removes
            opid.set_info("MyInfo", "info!")
            opid.name = "renamed"
            got["opid_name"] = opid.name
            got["opid_filter_name"] = opid.filter_name
            got["opid_eos"] = opid.eos
            got["would_block"] = opid.would_block
            got["template"] = opid.resolve_template("$Width$")
            got["check_caps_out"] = opid.check_caps()
            with pytest.raises(gpac.GPACError, match="output PID"):
                opid.max_buffer = 10
            with pytest.raises(gpac.GPACError, match="output PID"):
                opid.get_packet()
            with pytest.raises(gpac.GPACError, match="output PID"):
                opid.drop_packet()
            with pytest.raises(TypeError):
                opid.name = 3
            with pytest.raises(TypeError):
                opid.set_prop("Width", "not a number")
            with pytest.raises(ValueError):
                opid.set_prop("X", 1, 999)  # bad custom_type

    class S(Sink):
        def on_pid(self, pid: gpac.FilterPid) -> None:
            got["bitrate"] = pid.get_prop("Bitrate")
            got["custom"] = pid.get_prop("MyCustom")
            got["typed"] = pid.get_prop("MyTyped")
            got["height"] = pid.get_prop("Height")
            got["info"] = pid.get_info("MyInfo")
            got["name"] = pid.name
            got["filter_name"] = pid.filter_name

    fwd, sink = run_forward(F, S)
    assert got["bitrate"] == 500000
    assert got["custom"] == "12" and got["typed"] == 12
    assert got["height"] is None
    assert got["info"] == "info!"
    assert got["opid_name"] == got["name"] == "renamed"
    assert got["opid_filter_name"] == got["filter_name"] == "PYfwd"
    assert got["opid_eos"] is False and got["would_block"] is False
    assert got["template"] == "64"
    assert got["check_caps_out"] is False
    assert sink.nb == 5


def test_reset_props_and_output_eos() -> None:
    got: Dict[str, Any] = {}

    class F(Forward):
        def on_opid(self, opid: gpac.FilterPid, ipid: gpac.FilterPid) -> None:
            opid.reset_props()
            assert opid.get_prop("Width") is None
            opid.copy_props(ipid)
            assert opid.get_prop("Width") == 64

        def process(self) -> int:
            r = Forward.process(self)
            for pid in self.ipids:
                if pid.opid.eos:  # (reading pid.eos here would consume the EOS marker)
                    got["out_eos"] = True
            return r

    class S(Sink):
        def process(self) -> int:
            r = Sink.process(self)
            for pid in self.ipids:
                if pid.eos:
                    got["sink_eos"] = True
            return r

    run_forward(F, S)
    assert got == dict(out_eos=True, sink_eos=True)


def test_query_cap_asks_the_destination() -> None:
    got: Dict[str, Any] = {}

    class F(Forward):
        def on_opid(self, opid: gpac.FilterPid, ipid: gpac.FilterPid) -> None:
            got["before_link"] = opid.query_cap("StreamType")

        def process(self) -> int:
            for pid in self.ipids:
                got["stream_type"] = pid.opid.query_cap("StreamType")
                got["codec"] = pid.opid.query_cap("CodecID")
                got["width"] = pid.opid.query_cap("Width")
            return Forward.process(self)

    class S(Sink):
        def __init__(self, fs: gpac.FilterSession) -> None:
            Sink.__init__(self, fs)
            self.push_cap("CodecID", "raw", gpac.GF_CAPS_INPUT)

    run_forward(F, S)
    assert got == dict(before_link=None, stream_type="Visual", codec="raw", width=None)


def test_reconfiguration_inside_get_packet() -> None:
    """A property change reaches the consumer inside get_packet(), which calls
    configure_pid first; a configure_pid that itself gets and drops that packet must
    not leave the outer get_packet() with a freed packet (ASan run)."""
    seen: List[Any] = []

    class F(Forward):
        def __init__(self, fs: gpac.FilterSession) -> None:
            Forward.__init__(self, fs)
            self.n = 0

        def process(self) -> int:
            for pid in self.ipids:
                if pid.get_packet() is not None:
                    self.n += 1
                    if self.n == 3:
                        pid.opid.set_prop("MyCustom", "changed")
            return Forward.process(self)

    class S(Sink):
        def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
            if not is_remove and pid in self.ipids:  # reconfiguration
                seen.append(("reconfigure", pid.get_prop("MyCustom")))
                inner = pid.get_packet()
                assert inner is not None
                seen.append(("inner", inner.dts))
                pid.drop_packet()
                return 0
            return Sink.configure_pid(self, pid, is_remove)

        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            seen.append(("outer", pck.dts))

    run_forward(F, S)
    assert seen == [("outer", 0), ("outer", 1), ("reconfigure", "changed"), ("inner", 2),
                    ("outer", 3), ("outer", 4)]


def test_pid_remove_reaches_consumer() -> None:
    class F(Forward):
        def process(self) -> int:
            for pid in self.ipids:
                pck = pid.get_packet()
                if pck is None:
                    if pid.eos and pid.opid is not None:
                        pid.opid.remove()
                        pid.opid = None
                    break
                if pid.opid is not None:
                    pid.opid.forward(pck)
                pid.drop_packet()
            return 0

    fwd, sink = run_forward(F)
    removes = [c for c in sink.configures if c[1]]
    assert len(removes) == 1 and removes[0][2] is True  # removed while in ipids


def test_send_event_sets_on_pid() -> None:
    got: Dict[str, Any] = {}

    class S(Sink):
        def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
            if not is_remove and pid not in self.ipids:
                evt = gpac.FilterEvent(gpac.GF_FEVT_PLAY)
                pid.send_event(evt)
                got["on_pid"] = evt.base.on_pid
                got["pid"] = pid
            return 0

    run_sink(S)
    assert got["on_pid"] is got["pid"]
    got.clear()


def test_pid_used_after_session_delete() -> None:
    kept: List[gpac.FilterPid] = []

    class S(Sink):
        def on_pid(self, pid: gpac.FilterPid) -> None:
            kept.append(pid)

    fs, _, sink = run_sink(S)
    pid = kept[0]
    calls: List[Callable[[], Any]] = [
        lambda: pid.get_prop("Width"), lambda: pid.get_info("Width"),
        lambda: pid.enum_props(object()), lambda: pid.set_prop("A", 1),
        pid.get_packet, pid.drop_packet, lambda: pid.send_event(gpac.FilterEvent()),
        pid.check_caps, pid.get_buffer_occupancy, pid.get_clock_type,
        lambda: pid.resolve_template("x"), pid.discard_block,
        lambda: pid.eos, lambda: pid.buffer, lambda: pid.timescale,
        lambda: setattr(pid, "max_buffer", 3), lambda: pid.new_pck(3),
        lambda: pid.clear_eos(True), lambda: pid.query_cap("Width"),
    ]
    for call in calls:
        with pytest.raises(gpac.GPACError):
            call()
    del fs, sink, pid, kept, calls


def test_pid_wrapper_dropped_while_pid_lives() -> None:
    """A wrapper collected while its PID lives clears the PID's user data, so the PID's
    destruction (at delete()) does not notify a freed wrapper (ASan run)."""
    got: Dict[str, Any] = {}

    class F(Forward):
        def on_opid(self, opid: gpac.FilterPid, ipid: gpac.FilterPid) -> None:
            extra = self.new_pid()  # linked to the sink too, never fed
            extra.tag = "gone"
            self.opids.remove(extra)
            got["ref"] = weakref.ref(extra)
            del extra
            gc.collect()
            got["collected"] = got["ref"]() is None

    fwd, sink = run_forward(F)
    assert got["collected"] is True
    pids = [c[0] for c in sink.configures if not c[1]]
    assert len(pids) == 2
    del fwd, sink, pids, got
