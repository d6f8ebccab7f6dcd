"""Zero-copy packet memory (STYLE.md "Packet memory", py_packet_view.c): pck.data is a
numpy array over the packet's own memory whose base (a PacketView) holds a packet
reference, so arrays outlive drop_packet(), send() and the session; read-only is
enforced by the exporter; the six packet modes of the user guide's forwarding example
with packet_release; new_pck_clone in place; new_pck_shared; the memoryview fallback
without numpy. Lifetimes are checked with the engine counters and _live_views()."""

from __future__ import annotations

import ctypes
import gc
import os
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

import gpac
from gpac import _gpac

from conftest import engine_snapshot

np = pytest.importorskip("numpy")

SRC = "avgen:type=v:dur=1/5:sizes=64x48"  # 5 frames
SRC_LONG = "avgen:type=v:dur=1:sizes=32x16"  # 25 frames: every forwarding mode 4 times
FRAME_SIZE = 64 * 48 * 3 // 2


# every test leaves the engine counters and live views as it found them (conftest)
pytestmark = pytest.mark.usefixtures("leaves_nothing")


def addr(arr: Any) -> int:
    return int(arr.__array_interface__["data"][0])


def get_writable_buffer(obj: Any) -> bool:
    """PyObject_GetBuffer(obj, PyBUF_WRITABLE): True when granted, False on BufferError
    (what numpy asks before `arr.flags.writeable = True`)."""
    get = ctypes.pythonapi.PyObject_GetBuffer
    get.argtypes = [ctypes.py_object, ctypes.c_void_p, ctypes.c_int]
    release = ctypes.pythonapi.PyBuffer_Release
    release.argtypes = [ctypes.c_void_p]
    view = ctypes.create_string_buffer(256)  # larger than a Py_buffer
    try:
        get(obj, ctypes.addressof(view), 1)  # PyBUF_WRITABLE
    except BufferError:
        return False
    release(ctypes.addressof(view))
    return True


class Sink(gpac.FilterCustom):
    def __init__(self, fs: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, fs, "PYsink")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.records: List[Tuple[int, int, int]] = []

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
                self.records.append((pck.dts, pck.cts, zlib.crc32(bytes(pck.data))))
                self.on_packet(pid, pck)
                pid.drop_packet()
        return 0


class Forward(gpac.FilterCustom):
    def __init__(self, fs: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, fs, "PYfwd")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT_OUTPUT)
        self.records: List[Tuple[int, int, int]] = []

    def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                 pck: gpac.FilterPacket) -> None:
        opid.forward(pck)

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if not is_remove and pid not in self.ipids:
            pid.opid = self.new_pid()
            pid.opid.copy_props(pid)
            self.opid_obj = pid.opid
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            pck = pid.get_packet()
            if pck is None:
                if pid.eos and not pid.opid.eos:
                    pid.opid.eos = True
                break
            self.records.append((pck.dts, pck.cts, zlib.crc32(bytes(pck.data))))
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


def test_input_data_is_a_read_only_zero_copy_array() -> None:
    got: Dict[str, Any] = {}
    counters, views = engine_snapshot()

    class S(Sink):
        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            if got:
                return
            before = _gpac._live_views()
            arr = pck.data
            assert _gpac._live_views() == before + 1
            assert isinstance(arr, np.ndarray)
            assert arr.dtype == np.uint8 and arr.ndim == 1 and len(arr) == pck.size
            assert addr(arr) == pck._data_ptr != 0
            assert pck.data is not arr and addr(pck.data) == addr(arr)
            assert type(arr.base) is _gpac.PacketView and "read-only" in repr(arr.base)
            assert arr.flags.writeable is False
            with pytest.raises(ValueError):
                arr.flags.writeable = True
            with pytest.raises(ValueError):
                arr[0] = 1
            assert memoryview(arr.base).readonly
            assert get_writable_buffer(arr.base) is False
            with pytest.raises(TypeError):
                _gpac.PacketView()
            view = arr[10:20]  # a numpy view keeps the exporter through its base chain
            got["view"] = view
            got["copy"] = bytes(view)
            got["ptr"] = pck._data_ptr

    run_graph(S)
    # after drop_packet() and the session's deletion, the view still reads the packet
    gc.collect()
    assert _gpac._counters()["packets"] == counters["packets"] + 1
    assert _gpac._live_views() == views + 1
    assert bytes(got["view"]) == got["copy"]
    assert addr(got["view"]) == got["ptr"] + 10
    got.clear()


def test_arrays_stay_valid_after_drop_send_and_delete() -> None:
    kept: List[Tuple[Any, bytes]] = []
    views = engine_snapshot()[1]

    class F(Forward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            data = pck.data
            kept.append((data, bytes(data)))  # input: valid after drop_packet()
            o = opid.new_pck(pck.size)
            o.copy_props(pck)
            odata = o.data
            assert odata.flags.writeable is True and get_writable_buffer(odata.base)
            assert addr(odata) == o._data_ptr
            np.copyto(odata, data)
            odata[0] = 7
            o.send()  # allowed while the array lives: it holds its own reference
            kept.append((odata, bytes(odata)))
            d = opid.new_pck(3)
            darr = d.data
            darr[:] = 5
            d.discard()
            kept.append((darr, b"\x05\x05\x05"))

    class S(Sink):
        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            assert pck.data[0] == 7

    run_graph(S, F)
    gc.collect()
    assert _gpac._live_views() - views == len(kept) == 15
    for arr, content in kept:
        assert bytes(arr) == content
    kept.clear()


def test_live_views_follow_exporter_lifetime() -> None:
    arrays: List[Any] = []
    views = engine_snapshot()[1]

    class S(Sink):
        def on_packet(self, pid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            n = _gpac._live_views()
            a, b = pck.data, pck.data
            assert _gpac._live_views() == n + 2
            del b
            assert _gpac._live_views() == n + 1
            arrays.append(a)

    run_graph(S)
    assert _gpac._live_views() == views + 5
    del arrays[:3]
    assert _gpac._live_views() == views + 2
    arrays.clear()


def test_new_pck_clone_in_place_moves_the_memory() -> None:
    got: List[Tuple[int, int, int]] = []

    class F(Forward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            ptr, size = pck._data_ptr, pck.size
            o = opid.new_pck_clone(pck)
            got.append((ptr, o._data_ptr, pck.size))
            assert o.size == size and o.dts == pck.dts
            odata = o.data
            assert odata.flags.writeable and addr(odata) == ptr
            assert pck.data is None  # the input was emptied
            odata[0] ^= 0xFF
            o.send()

    fwd, sink = run_graph(Sink, F)
    assert len(got) == 5
    for ptr, optr, left in got:
        assert ptr == optr and left == 0
    # the consumer sees the modified frames
    assert [r[:2] for r in sink.records] == [r[:2] for r in fwd.records]
    assert all(a[2] != b[2] for a, b in zip(sink.records, fwd.records))


@pytest.mark.parametrize("hold", ["ref", "array"])
def test_new_pck_clone_copies_when_the_input_is_held(hold: str) -> None:
    got: List[Tuple[int, int, bytes, bytes]] = []

    class F(Forward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            arr = None
            if hold == "ref":
                pck.ref()
            else:
                arr = pck.data
            o = opid.new_pck_clone(pck)
            got.append((pck._data_ptr, o._data_ptr, bytes(pck.data), bytes(o.data)))
            o.send()
            if hold == "ref":
                pck.unref()
            del arr

    run_graph(Sink, F)
    assert len(got) == 5
    for iptr, optr, idata, odata in got:
        assert iptr != optr and iptr != 0 and idata == odata and len(idata) == FRAME_SIZE


class HowtoForward(Forward):
    """The user guide's forwarding example: the six packet modes in turn, shared packets
    over the input's data kept alive with ref() until packet_release."""

    def __init__(self, fs: gpac.FilterSession) -> None:
        Forward.__init__(self, fs)
        self.nb_pck = 0
        self.shared: List[gpac.FilterPacket] = []
        self.released: List[Tuple[Any, Any]] = []

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if is_remove:
            return 0
        if pid not in self.ipids:
            opid = self.new_pid()
            opid.copy_props(pid)
            opid.set_prop("Bitrate", 500000)
            pid.opid = opid
            opid.pck_ref = None
            self.opid_obj = opid
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            if pid.opid.pck_ref:
                continue
            pck = pid.get_packet()
            if pck is None:
                if pid.eos:
                    pid.opid.eos = True
                break
            self.records.append((pck.dts, pck.cts, zlib.crc32(bytes(pck.data))))
            data = pck.data
            self.nb_pck += 1
            if self.nb_pck == 1:
                pid.opid.forward(pck)
            elif self.nb_pck == 2:
                opck = pid.opid.new_pck_ref(pck)
                opck.copy_props(pck)
                assert opck.data.flags.writeable is False
                opck.send()
            elif self.nb_pck == 3:
                opck = pid.opid.new_pck(pck.size)
                opck.copy_props(pck)
                np.copyto(opck.data, data)
                opck.send()
            elif self.nb_pck == 4:
                opck = pid.opid.new_pck_shared(data)
                assert opck._data_ptr == pck._data_ptr  # the script's memory itself
                assert opck.data.flags.writeable is False  # data is read-only
                opck.copy_props(pck)
                pid.opid.pck_ref = pck
                pid.opid.pck_ref.ref()
                self.shared.append(opck)
                opck.send()
            elif self.nb_pck == 5:
                opck = pid.opid.new_pck_copy(pck)
                opck.copy_props(pck)
                opck.send()
            else:
                opck = pid.opid.new_pck_clone(pck)
                opck.copy_props(pck)
                opck.send()
                self.nb_pck = 0
            pid.drop_packet()
        return 0

    def packet_release(self, opid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
        self.released.append((opid, pck))
        if opid.pck_ref:
            opid.pck_ref.unref()
            opid.pck_ref = None


def test_howto_forwarding_six_modes() -> None:
    fwd, sink = run_graph(Sink, HowtoForward, SRC_LONG)
    assert len(fwd.records) == 25
    assert sink.records == fwd.records
    assert len(fwd.shared) == 4 and len(fwd.released) == 4
    for (opid, pck), shared in zip(fwd.released, fwd.shared):
        assert opid is fwd.opid_obj  # the same objects as at creation
        assert pck is shared
    del fwd, sink


class SharedForward(Forward):
    """Sends each frame from memory the script owns; the script drops its own
    references at once (the binding holds the buffer until packet_release)."""

    def __init__(self, fs: gpac.FilterSession, kind: str) -> None:
        Forward.__init__(self, fs)
        self.kind = kind
        self.released: List[Tuple[Any, Any]] = []
        self.created: List[Any] = []
        self.ptrs: List[Tuple[int, int]] = []

    def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                 pck: gpac.FilterPacket) -> None:
        raw = bytes(pck.data)
        if self.kind == "bytes":
            buf: Any = raw
        elif self.kind == "bytearray":
            buf = bytearray(raw)
        else:
            buf = np.frombuffer(raw, dtype=np.uint8).copy()
        o = opid.new_pck_shared(buf)
        o.copy_props(pck)
        if self.kind == "numpy":
            self.ptrs.append((addr(buf), o._data_ptr))
        writable = self.kind != "bytes"
        assert o.data.flags.writeable is writable
        self.created.append(o)
        del buf, raw
        o.send()

    def packet_release(self, opid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
        self.released.append((opid, pck))


@pytest.mark.parametrize("kind", ["bytes", "bytearray", "numpy"])
def test_new_pck_shared_holds_the_buffer(kind: str) -> None:
    fwd, sink = run_graph(Sink, lambda fs: SharedForward(fs, kind))
    assert sink.records == fwd.records and len(sink.records) == 5
    assert [p for _, p in fwd.released] == fwd.created
    assert all(o is fwd.opid_obj for o, _ in fwd.released)
    for a, b in fwd.ptrs:
        assert a == b
    del fwd, sink


@pytest.mark.parametrize("nb_threads", [0, 2, -1])
def test_shared_packets_released_by_a_c_consumer(nb_threads: int) -> None:
    """inspect (a C filter, possibly on a worker thread) drops the shared packets: the
    release takes the GIL wherever it runs and calls packet_release with the right
    objects."""
    fs = gpac.FilterSession(0, None, nb_threads)
    src = fs.load_src("avgen:type=v:dur=1:sizes=32x16")
    fwd = SharedForward(fs, "bytearray")
    dst = fs.load("inspect:deep:log=null")
    fwd.set_source(src)
    dst.set_source(fwd)
    fs.run()
    fs.delete()
    assert len(fwd.created) == len(fwd.released) == 25
    assert {id(p) for _, p in fwd.released} == {id(p) for p in fwd.created}
    assert all(o is fwd.opid_obj for o, _ in fwd.released)
    del fs, src, fwd, dst


def test_new_pck_shared_rejects_non_contiguous_and_non_buffers() -> None:
    class F(SharedForward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            with pytest.raises((BufferError, ValueError)):  # numpy says ValueError
                opid.new_pck_shared(np.zeros((4, 4), np.uint8)[:, 1])
            with pytest.raises(TypeError):
                opid.new_pck_shared("text")
            with pytest.raises(TypeError):
                opid.new_pck_shared(None)
            opid.forward(pck)

    run_graph(Sink, lambda fs: F(fs, "bytes"))


def test_shared_packet_discarded_or_dropped_unsent_is_released() -> None:
    got: Dict[str, Any] = {}

    class F(SharedForward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            if "discarded" not in got:
                o = opid.new_pck_shared(bytearray(8))
                o.discard()  # released at once
                got["discarded"] = (len(self.released), self.released[-1][1] is o)
                o2 = opid.new_pck_shared(bytearray(8))
                o2.data[0] = 1  # the array outlives the wrapper
                arr = o2.data
                del o2  # never sent: its finalizer discards it, the array still holds it
                got["after_del"] = len(self.released)
                del arr
                got["after_arr"] = len(self.released)
                assert self.released[-1][0] is opid
            opid.forward(pck)

    run_graph(Sink, lambda fs: F(fs, "bytes"))
    assert got == dict(discarded=(1, True), after_del=1, after_arr=2)
    got.clear()


def test_packet_release_exception_is_raised_by_run() -> None:
    class F(SharedForward):
        def packet_release(self, opid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            raise RuntimeError("release failed")

    fs = gpac.FilterSession()
    src = fs.load_src(SRC)
    fwd = F(fs, "bytearray")
    sink = Sink(fs)
    fwd.set_source(src)
    sink.set_source(fwd)
    with pytest.raises(RuntimeError, match="release failed"):
        fs.run()
    fs.delete()
    del fs, src, fwd, sink


def test_release_after_the_session_is_unraisable(monkeypatch: pytest.MonkeyPatch) -> None:
    caught: List[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: caught.append(u.exc_value))

    class F(SharedForward):
        def on_input(self, pid: gpac.FilterPid, opid: gpac.FilterPid,
                     pck: gpac.FilterPacket) -> None:
            if not self.created:  # kept unsent past the session
                self.created.append(opid.new_pck_shared(bytearray(b"abcd")))
            opid.forward(pck)

        def packet_release(self, opid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
            self.released.append((opid, pck))
            raise RuntimeError("late release")

    fwd, sink = run_graph(Sink, lambda fs: F(fs, "bytes"))
    pck = fwd.created.pop()
    data = pck.data
    # readable; read-only since its PID is gone
    assert bytes(data) == b"abcd" and not data.flags.writeable
    del pck  # discarded by its finalizer; the array still holds the packet
    assert fwd.released == []
    assert bytes(data) == b"abcd"
    del data  # last reference: the release runs now, with nothing to propagate to
    assert len(fwd.released) == 1
    assert len(caught) == 1 and isinstance(caught[0], RuntimeError)
    fwd.released.clear()
    caught.clear()
    del fwd, sink


def run_script(code: str, tmp_path: Path) -> str:
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=str(tmp_path),
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_import_does_not_import_numpy(tmp_path: Path) -> None:
    out = run_script("""
        import sys
        import gpac
        print("numpy" in sys.modules, gpac.numpy_support)
    """, tmp_path)
    assert out.split() == ["False", "True"]


def test_memoryview_without_numpy(tmp_path: Path) -> None:
    out = run_script("""
        import gc, sys
        sys.modules["numpy"] = None  # numpy cannot be imported
        import gpac
        from gpac import _gpac
        assert gpac.numpy_support is False

        kept = []

        class F(gpac.FilterCustom):
            def __init__(self, fs):
                gpac.FilterCustom.__init__(self, fs, "PYfwd")
                self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT_OUTPUT)
            def configure_pid(self, pid, is_remove):
                if not is_remove and pid not in self.ipids:
                    pid.opid = self.new_pid()
                    pid.opid.copy_props(pid)
                return 0
            def process(self):
                for pid in self.ipids:
                    pck = pid.get_packet()
                    if pck is None:
                        if pid.eos and not pid.opid.eos:
                            pid.opid.eos = True
                        break
                    d = pck.data
                    assert type(d) is memoryview and d.readonly and len(d) == pck.size
                    assert type(d.obj) is _gpac.PacketView
                    try:
                        d[0] = 1
                    except TypeError:
                        pass
                    else:
                        raise AssertionError("input memoryview writable")
                    o = pid.opid.new_pck(pck.size)
                    o.copy_props(pck)
                    od = o.data
                    assert type(od) is memoryview and not od.readonly
                    od[:] = d
                    od[0] = 9
                    kept.append((d, bytes(d)))
                    o.send()
                    pid.drop_packet()
                return 0

        class S(gpac.FilterCustom):
            def __init__(self, fs):
                gpac.FilterCustom.__init__(self, fs, "PYsink")
                self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
                self.nb = 0
            def configure_pid(self, pid, is_remove):
                if not is_remove and pid not in self.ipids:
                    pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
                return 0
            def process(self):
                for pid in self.ipids:
                    while True:
                        pck = pid.get_packet()
                        if pck is None:
                            break
                        assert pck.data[0] == 9
                        self.nb += 1
                        pid.drop_packet()
                return 0

        fs = gpac.FilterSession()
        src = fs.load_src("%s")
        f = F(fs)
        s = S(fs)
        f.set_source(src)
        s.set_source(f)
        fs.run()
        fs.delete()
        gc.collect()
        for view, content in kept:  # valid after drop and delete
            assert bytes(view) == content
        assert _gpac._live_views() == 5
        nb = s.nb
        del kept, view, f, s, src, fs
        gc.collect()
        assert _gpac._live_views() == 0
        assert all(v == 0 for v in _gpac._counters().values()), _gpac._counters()
        print("ok", nb)
    """ % SRC, tmp_path)
    assert out.split() == ["ok", "5"]
