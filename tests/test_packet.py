"""FilterPacket (API.md 2.6, py_packet*.c): timing and flag fields on input and output
packets, properties, the input/output/detached kinds, get_packet()/drop_packet()
identity, ref()/unref(), send()/discard(), clone(), truncate()/readonly(), and every
misuse (use after drop/send/discard, unref past zero, writes on source packets, wrong
types, use after the session's deletion), with lifetimes checked by the engine
counters."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

import pytest

import gpac
from gpac import _gpac

SRC = "avgen:type=v:dur=1/5:sizes=64x48"  # 5 frames yuv420 64x48 at 25 fps
FRAME_SIZE = 64 * 48 * 3 // 2
NO_TS = (1 << 64) - 1

RW_INT_FIELDS = {  # name: (valid value, out-of-range value)
    "dts": (1234, -1), "cts": (NO_TS, 1 << 64), "dur": (7, 1 << 32), "sap": (5, 6),
    "interlaced": (2, 3), "byte_offset": (99, -5), "roll": (-3, 40000), "crypt": (1, 256),
    "clock": (2, 3), "carousel": (4, 256), "seqnum": (77, -1), "deps": (0x24, 300),
}
RW_BOOL_FIELDS = ("start", "end", "corrupted", "seek")


# every test leaves the engine counters and live views as it found them (conftest)
pytestmark = pytest.mark.usefixtures("leaves_nothing")


class Sink(gpac.FilterCustom):
    """Video sink: on_packet(pid, pck) per packet, then drop_packet()."""

    def __init__(self, fs: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, fs, "PYsink")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.nb = 0

    def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
        pass

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if not is_remove and pid not in self.ipids:
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


class Forward(gpac.FilterCustom):
    """Pass-through: on_input(pid, opid, pck) decides what to send (default: forward)."""

    def __init__(self, fs: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, fs, "PYfwd")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT_OUTPUT)
        self.nb = 0

    def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                 pck: gpac.FilterPacket) -> None:
        opid.forward(pck)

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if not is_remove and pid not in self.ipids:
            pid.opid = self.new_pid()
            pid.opid.copy_props(pid)
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            pck = pid.get_packet()
            if pck is None:
                if pid.eos and not pid.opid.eos:
                    pid.opid.eos = True
                break
            self.nb += 1
            self.on_input(pid, pid.opid, pck)
            pid.drop_packet()
        return 0


def run_graph(sink_cls: Any = Sink, fwd_cls: Any = None, src: str = SRC) -> Any:
    fs = gpac.FilterSession()
    src_f = fs.load_src(src)
    fwd = fwd_cls(fs) if fwd_cls else None
    sink = sink_cls(fs)
    if fwd is not None:
        fwd.set_source(src_f)
        sink.set_source(fwd)
    else:
        sink.set_source(src_f)
    fs.run()
    fs.delete()
    return fwd, sink


def test_type_is_not_instantiable_nor_subclassable() -> None:
    assert gpac.FilterPacket is _gpac.FilterPacket
    with pytest.raises(TypeError):
        gpac.FilterPacket()
    with pytest.raises(TypeError):
        type("Sub", (gpac.FilterPacket,), {})


def test_input_packet_fields() -> None:
    seen: List[Dict[str, Any]] = []

    class S(Sink):
        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            seen.append({name: getattr(pck, name) for name in (
                "dts", "cts", "dur", "sap", "size", "timescale", "start", "end",
                "interlaced", "corrupted", "seek", "byte_offset", "roll", "crypt", "clock",
                "carousel", "seqnum", "deps", "has_properties", "frame_ifce",
                "frame_ifce_gl", "blocking_ref")})
            assert pck.get_gl_texture(0) is None
            assert pck.get_prop("NoSuch") is None
            assert "input" in repr(pck)
            pck.my_attr = 1  # arbitrary attributes
            assert pck.my_attr == 1

    run_graph(S)
    assert [s["dts"] for s in seen] == [0, 1, 2, 3, 4]
    for s in seen:
        assert s["cts"] == s["dts"] and s["dur"] == 1 and s["timescale"] == 25
        assert s["size"] == FRAME_SIZE
        assert s["start"] is True and s["end"] is True
        assert s["frame_ifce"] is False and s["frame_ifce_gl"] is False
        assert s["blocking_ref"] is False
        assert isinstance(s["has_properties"], bool)
        assert isinstance(s["corrupted"], bool) and isinstance(s["seek"], bool)


def test_input_packet_is_read_only() -> None:
    class S(Sink):
        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            for name, (good, _) in RW_INT_FIELDS.items():
                with pytest.raises(gpac.GPACError, match="Cannot set %s on source packet"
                                   % name):
                    setattr(pck, name, good)
            for name in RW_BOOL_FIELDS:
                with pytest.raises(gpac.GPACError, match="on source packet"):
                    setattr(pck, name, True)
            for call in (lambda: pck.set_prop("A", 1), lambda: pck.copy_props(pck),
                         lambda: pck.truncate(1), pck.readonly, pck.send, pck.discard):
                with pytest.raises(gpac.GPACError, match="on source packet"):
                    call()
            assert pck.dts == self.nb - 1  # unchanged

    run_graph(S)


def test_get_packet_identity_and_drop() -> None:
    got: Dict[str, Any] = {"objs": []}

    class S(Sink):
        def process(self) -> int:
            for pid in self.ipids:
                pid.drop_packet()  # nothing fetched: no-op, no packet lost
                while True:
                    pck = pid.get_packet()
                    if pck is None:
                        break
                    assert pid.get_packet() is pck
                    got["objs"].append(pck)
                    pid.drop_packet()
                    pid.drop_packet()  # no-op again
            return 0

    run_graph(S)
    objs = got["objs"]
    assert len(objs) == 5 and len({id(o) for o in objs}) == 5
    for pck in objs:  # all dropped: every use raises
        with pytest.raises(gpac.GPACError, match=r"after drop_packet\(\)"):
            pck.dts
        with pytest.raises(gpac.GPACError, match=r"after drop_packet\(\)"):
            pck.data
        with pytest.raises(gpac.GPACError, match=r"after drop_packet\(\)"):
            pck.ref()
        with pytest.raises(gpac.GPACError, match=r"after drop_packet\(\)"):
            pck.unref()
        assert "dropped" in repr(pck)
    got.clear()
    del objs, pck


def test_ref_keeps_a_dropped_packet() -> None:
    kept: List[gpac.FilterPacket] = []

    class S(Sink):
        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            with pytest.raises(gpac.GPACError, match="without a matching ref"):
                pck.unref()
            pck.ref()
            pck.ref()
            kept.append(pck)

        def process(self) -> int:
            r = Sink.process(self)
            for pck in kept:  # dropped but ref()'ed: still readable
                assert pck.size == FRAME_SIZE
            return r

    run_graph(S)
    assert len(kept) == 5
    # the session is gone; the packets held by ref() are still readable
    assert [p.dts for p in kept] == [0, 1, 2, 3, 4]
    assert bytes(kept[0].data[:4]) == bytes(kept[0].data[:4])
    for pck in kept:
        assert "held" in repr(pck)
        pck.unref()
        assert pck.dts >= 0  # one ref() left
        pck.unref()
        with pytest.raises(gpac.GPACError, match=r"after drop_packet\(\)"):
            pck.dts
        with pytest.raises(gpac.GPACError):  # unref() past zero
            pck.unref()
    kept.clear()


def test_output_packet_defaults_fields_and_validation() -> None:
    got: Dict[str, Any] = {}

    class F(Forward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            if self.nb > 1:
                return opid.forward(pck)
            o = opid.new_pck(4)
            got["defaults"] = (o.dts, o.cts, o.dur, o.sap, o.start, o.end, o.size,
                               o.byte_offset, o.timescale)
            assert "output" in repr(o)
            for name, (good, bad) in RW_INT_FIELDS.items():
                setattr(o, name, good)
                assert getattr(o, name) == good
                with pytest.raises(ValueError):
                    setattr(o, name, bad)
                with pytest.raises(TypeError):
                    setattr(o, name, "1")
                with pytest.raises(TypeError):
                    setattr(o, name, 1.5)
                with pytest.raises(AttributeError):
                    delattr(o, name)
            for name in RW_BOOL_FIELDS:
                setattr(o, name, False)
                assert getattr(o, name) is False
                setattr(o, name, 1)
                assert getattr(o, name) is True
            for name in ("size", "timescale", "has_properties", "frame_ifce", "data"):
                with pytest.raises(AttributeError):
                    setattr(o, name, 1)
            o.truncate(2)
            assert o.size == 2 and len(o.data) == 2
            with pytest.raises(gpac.GPACError):
                o.truncate(3)
            with pytest.raises(OverflowError):
                o.truncate(-1)
            o.readonly()
            assert o.get_gl_texture(1) is None
            with pytest.raises(TypeError):
                o.get_gl_texture("x")
            o.discard()
            with pytest.raises(gpac.GPACError, match=r"after discard\(\)"):
                o.dts
            with pytest.raises(gpac.GPACError, match=r"after discard\(\)"):
                o.discard()
            empty = opid.new_pck()
            got["empty"] = (empty.size, empty.data)
            empty.discard()
            opid.forward(pck)

    run_graph(Sink, F)
    assert got["defaults"] == (NO_TS, NO_TS, 0, 0, True, True, 4, NO_TS, 25)
    assert got["empty"] == (0, None)


def test_output_packet_timing_props_and_send() -> None:
    sent: List[Any] = []
    received: List[Any] = []

    class F(Forward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            o = opid.new_pck(8)
            o.copy_props(pck)  # timing and flags
            o.seek = True
            o.deps = 0x10
            o.set_prop("MyProp", "v%d" % self.nb)
            o.set_prop("Typed", self.nb, gpac.GF_PROP_UINT)
            o.set_prop("Gone", 1)
            o.set_prop("Gone", None)
            assert o.get_prop("MyProp") == "v%d" % self.nb
            assert o.has_properties is True
            o.data[:] = self.nb
            sent.append((o.dts, o.cts, o.dur, o.sap))
            o.send()
            for call in (lambda: o.dts, lambda: o.data, o.send, o.discard,
                         lambda: setattr(o, "dts", 1), lambda: o.get_prop("MyProp")):
                with pytest.raises(gpac.GPACError, match=r"after send\(\)"):
                    call()
            assert "sent" in repr(o)
            with pytest.raises(TypeError):
                o.copy_props("pck")

    class S(Sink):
        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            props: Dict[str, Any] = {}

            class Cb:
                def on_prop_enum(self, name: str, value: Any) -> None:
                    props[name] = value

            pck.enum_props(Cb())
            received.append(((pck.dts, pck.cts, pck.dur, pck.sap), pck.seek, pck.deps,
                             props, bytes(pck.data)))

    run_graph(S, F)
    assert len(received) == 5
    for i, (timing, seek, deps, props, data) in enumerate(received):
        assert timing == sent[i]
        assert seek is True and deps == 0x10
        assert props == {"MyProp": "v%d" % (i + 1), "Typed": i + 1}
        assert data == bytes([i + 1]) * 8


def test_ref_on_output_keeps_it_readable_after_send() -> None:
    kept: List[gpac.FilterPacket] = []

    class F(Forward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            o = opid.new_pck_copy(pck)
            o.ref()
            o.send()
            assert o.size == FRAME_SIZE and o.dts == pck.dts
            assert o.data.flags.writeable is False if gpac.numpy_support else True
            with pytest.raises(gpac.GPACError, match="on a sent packet"):
                o.dts = 3
            with pytest.raises(gpac.GPACError, match="on a sent packet"):
                o.send()
            kept.append(o)

    run_graph(Sink, F)
    for o in kept:
        o.unref()
        with pytest.raises(gpac.GPACError, match=r"after send\(\)"):
            o.size
    kept.clear()


def test_clone_detached() -> None:
    got: Dict[str, Any] = {"clones": []}

    class S(Sink):
        def __init__(self, fs: gpac.FilterSession) -> None:
            Sink.__init__(self, fs)
            self.cache: Optional[gpac.FilterPacket] = None

        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            previous = self.cache
            self.cache = pck.clone(self.cache)
            c = self.cache
            assert c is not None
            if previous is not None:
                got["reused"] = c is previous  # same size: the cache is reused
            assert "detached" in repr(c)
            assert (c.dts, c.cts, c.size) == (pck.dts, pck.cts, pck.size)
            assert bytes(c.data) == bytes(pck.data)
            c.data[0] = 255 - c.data[0]  # writable
            c.dts = 99
            assert pck.dts != 99
            with pytest.raises(gpac.GPACError, match="detached"):
                c.send()
            assert c.clone() is None  # not an input packet
            other = pck.clone()
            assert other is not None and other is not c
            other.discard()
            with pytest.raises(gpac.GPACError, match=r"after discard\(\)"):
                other.size
            assert pck.clone(other) is not other  # a discarded cache is not reused
            with pytest.raises(TypeError):
                pck.clone(3)
            with pytest.raises(ValueError):
                pck.clone(pck)  # not a detached packet
            got["clones"].append(c)

    run_graph(S)
    assert got["reused"] is True
    clones = got["clones"]
    assert all(c is clones[0] for c in clones)
    clones[0].discard()
    got.clear()
    del clones


def test_clone_of_output_packet_is_none() -> None:
    got: Dict[str, Any] = {}

    class F(Forward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            o = opid.new_pck(4)
            got["clone"] = o.clone()
            o.discard()
            opid.forward(pck)

    run_graph(Sink, F)
    assert got["clone"] is None


def test_packet_constructor_misuse() -> None:
    class F(Forward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            with pytest.raises(TypeError):
                opid.forward("pck")
            with pytest.raises(TypeError):
                opid.new_pck("4")
            with pytest.raises(OverflowError):
                opid.new_pck(-1)
            with pytest.raises(TypeError):
                opid.new_pck(size=4, other=1)
            with pytest.raises(TypeError):
                opid.new_pck_ref()
            with pytest.raises(ValueError):
                opid.new_pck_ref(pck, size=FRAME_SIZE + 1)
            with pytest.raises(ValueError):
                opid.new_pck_ref(pck, 4, FRAME_SIZE - 2)
            with pytest.raises(TypeError):
                opid.new_pck_copy(None)
            with pytest.raises(TypeError):
                opid.new_pck_clone(1)
            with pytest.raises(TypeError):  # no packet_release on this filter
                opid.new_pck_shared(bytearray(4))
            r = opid.new_pck_ref(pck, 4, 8)
            assert r.size == 4 and bytes(r.data) == bytes(pck.data[8:12])
            r.discard()
            dead = opid.new_pck(1)
            dead.discard()
            live = opid.new_pck(1)
            for call in (lambda: opid.forward(dead), lambda: opid.new_pck_ref(dead),
                         lambda: opid.new_pck_copy(dead), lambda: opid.new_pck_clone(dead),
                         lambda: live.copy_props(dead)):
                with pytest.raises(gpac.GPACError, match=r"after discard\(\)"):
                    call()
            live.discard()
            opid.forward(pck)

    run_graph(Sink, F)


def test_packets_after_session_delete() -> None:
    kept: Dict[str, Any] = {}

    class F(Forward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            if "out" not in kept:
                kept["out"] = opid.new_pck(16)  # never sent
                kept["in"] = pck
                pck.ref()
            opid.forward(pck)

    class S(Sink):
        def process(self) -> int:
            for pid in self.ipids:
                pck = pid.get_packet()  # fetched, never dropped
                if pck is not None:
                    kept["cached"] = pck
            return 0

    run_graph(S, F)
    out, held, cached = kept["out"], kept["in"], kept["cached"]
    with pytest.raises(gpac.GPACError, match="destroyed"):
        out.send()
    with pytest.raises(gpac.GPACError, match="destroyed"):
        out.dts = 3
    assert out.size == 16  # reading is harmless
    assert held.size == FRAME_SIZE  # ref() keeps it
    held.unref()
    with pytest.raises(gpac.GPACError, match="PID was destroyed"):
        cached.size
    kept.clear()
    del out, held, cached
