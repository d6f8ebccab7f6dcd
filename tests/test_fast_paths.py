"""The per-packet paths made fast for issue 5 keep their meaning: attributes kept on a
FilterCustom subclass (specialized by the interpreter), FilterPacket's fast field reads,
the batching of small packets in input queues (raw frames still bounded), and the
demuxer's parser-free reading of non-fragmented MP4 (checked against ffprobe)."""

from __future__ import annotations

import dis
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

import gpac


class Counter(gpac.FilterCustom):
    """Input sink that counts with attributes on self and records queue depths."""

    def __init__(self, fs: gpac.FilterSession, codec: str = "avc") -> None:
        gpac.FilterCustom.__init__(self, fs, "PYcount")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.push_cap("CodecID", codec, gpac.GF_CAPS_INPUT)
        self.nb = 0
        self.acc = 0
        self.queued: List[int] = []
        self.fields: List[Dict[str, Any]] = []

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if not is_remove and pid not in self.ipids:
            pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            self.queued.append(pid.nb_pck_queued)
            while True:
                pck = pid.get_packet()
                if pck is None:
                    break
                self.acc += pck.dts + pck.cts + pck.size
                self.nb += 1
                if len(self.fields) < 50:
                    generic = {n: getattr(gpac.FilterPacket, n).__get__(pck)
                               for n in ("dts", "cts", "size", "dur", "sap")}
                    fast = dict(dts=pck.dts, cts=pck.cts, size=pck.size, dur=pck.dur,
                                sap=pck.sap)
                    self.fields.append(dict(generic=generic, fast=fast))
                pid.drop_packet()
        return 0


@pytest.fixture(scope="module")
def small_mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 small H.264 packets (B-frames) with AAC, made by the ffmpeg command line."""
    out = tmp_path_factory.mktemp("fast") / "small.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=96x64:rate=25:duration=8", "-f", "lavfi", "-i",
                    "sine=duration=8", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2",
                    "-c:a", "aac", str(out)], check=True, timeout=60)
    return out


def ffprobe_video(path: Path) -> List[Dict[str, Any]]:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                          "packet=pts,dts,duration,size,flags", "-of", "json", str(path)],
                         check=True, capture_output=True, text=True, timeout=60)
    return list(json.loads(out.stdout)["packets"])


def test_subclass_attributes_are_specialized() -> None:
    """Filter and FilterCustom get their instance dict from the interpreter, so `self.x`
    in a Python filter takes the specialized path (3.11+), as on any Python class."""
    if sys.version_info < (3, 11):
        pytest.skip("no adaptive interpreter before 3.11")
    fs = gpac.FilterSession()
    c = Counter(fs)

    def bump(self: Counter, n: int) -> None:
        for _ in range(n):
            self.nb += 1

    bump(c, 200)
    ops = {i.opname for i in dis.get_instructions(bump, adaptive=True)}  # type: ignore[call-arg]
    assert ops & {"LOAD_ATTR_INSTANCE_VALUE", "LOAD_ATTR_WITH_HINT"}, ops
    assert ops & {"STORE_ATTR_INSTANCE_VALUE", "STORE_ATTR_WITH_HINT"}, ops
    assert c.nb == 200 and c.__dict__["nb"] == 200
    fs.delete()


def test_filter_objects_keep_a_dict_and_their_types() -> None:
    fs = gpac.FilterSession()
    f = fs.load("inspect:log=null")
    assert type(f) is gpac.Filter and isinstance(f, gpac.Filter)
    f.tag = 1  # type: ignore[attr-defined]
    assert f.__dict__ == {"tag": 1} and fs.get_filter(0).tag == 1  # type: ignore[attr-defined]
    plain = gpac.FilterCustom(fs, "PYplain")
    plain.mark = "x"  # type: ignore[attr-defined]
    assert plain.mark == "x" and isinstance(plain, gpac.Filter)  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        gpac.Filter()  # type: ignore[call-arg]
    fs.delete()


def test_fast_field_reads_match_the_getters(small_mp4: Path) -> None:
    fs = gpac.FilterSession()
    src = fs.load_src(str(small_mp4))
    c = Counter(fs)
    c.set_source(src)
    fs.run()
    assert c.nb == 200 and c.fields
    for rec in c.fields:
        assert rec["fast"] == rec["generic"]
    fs.delete()


def test_fast_field_read_after_drop_raises(small_mp4: Path) -> None:
    kept: List[Any] = []

    class Keep(Counter):
        def process(self) -> int:
            for pid in self.ipids:
                pck = pid.get_packet()
                if pck is not None:
                    kept.append(pck)
                    pid.drop_packet()
            return 0

    fs = gpac.FilterSession()
    src = fs.load_src(str(small_mp4))
    Keep(fs).set_source(src)
    fs.run()
    assert kept
    with pytest.raises(gpac.GPACError):
        kept[0].dts
    fs.delete()


def test_small_packets_are_batched_and_match_ffprobe(small_mp4: Path) -> None:
    """Small compressed packets queue beyond 4 (one callback takes many), and what is
    read without FFmpeg's parsers is what ffprobe reports (with its parsers)."""
    fs = gpac.FilterSession()
    src = fs.load_src(str(small_mp4))
    c = Counter(fs)
    c.set_source(src)
    fs.run()
    assert max(c.queued) > 4
    assert len(c.queued) < c.nb / 4
    want = ffprobe_video(small_mp4)
    assert c.nb == len(want)
    fs.delete()


def test_raw_frames_stay_bounded() -> None:
    """720p raw frames (1.3 MiB each) do not batch: at most 4 wait in the queue."""
    fs = gpac.FilterSession()
    src = fs.load("avgen:type=v:dur=1:sizes=1280x720")
    c = Counter(fs, codec="raw")
    c.set_source(src)
    fs.run()
    assert c.nb == 25 and max(c.queued) <= 4
    fs.delete()


def test_dropped_wrappers_are_reused_only_when_unreferenced(small_mp4: Path) -> None:
    """get_packet() reuses a dropped packet's wrapper only when nothing else holds it:
    one the script keeps, or gave an attribute after the drop, stays that dropped
    packet (raises on use, keeps its attribute) while the loop goes on."""
    seen: List[int] = []
    kept: List[Any] = []

    class Loop(Counter):
        def process(self) -> int:
            for pid in self.ipids:
                while True:
                    pck = pid.get_packet()
                    if pck is None:
                        break
                    seen.append(id(pck))
                    if self.nb % 50 == 0:
                        kept.append(pck)
                    elif self.nb % 50 == 1:
                        pid.drop_packet()
                        pck.note = self.nb
                        kept.append(pck)
                        self.nb += 1
                        continue
                    self.nb += 1
                    pid.drop_packet()
            return 0

    fs = gpac.FilterSession()
    src = fs.load_src(str(small_mp4))
    Loop(fs).set_source(src)
    fs.run()
    assert len(seen) == 200
    assert len(set(seen)) < 20
    assert len({id(k) for k in kept}) == len(kept) == 8
    for k in kept:
        with pytest.raises(gpac.GPACError):
            k.dts
    notes = [getattr(k, "note", None) for k in kept]
    assert [n for n in notes if n is not None] == [1, 51, 101, 151]
    fs.delete()


def test_pid_method_calls_are_specialized(small_mp4: Path) -> None:
    """pid.get_packet() / pid.drop_packet() in a read loop take a specialized method
    load (3.11: the PID has its instance dict from the start; 3.12+: it stays lazy)."""
    if sys.version_info < (3, 11):
        pytest.skip("no adaptive interpreter before 3.11")

    fs = gpac.FilterSession()
    src = fs.load_src(str(small_mp4))
    Counter(fs).set_source(src)
    fs.run()
    fs.delete()
    ops = [i.opname for i in dis.get_instructions(Counter.process, adaptive=True)  # type: ignore[call-arg]
           if i.argval in ("get_packet", "drop_packet")]
    assert len(ops) == 2 and not any(o.endswith("ADAPTIVE") or o in ("LOAD_METHOD", "LOAD_ATTR")
                                     for o in ops), ops
