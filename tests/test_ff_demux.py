"""FFmpeg demultiplexing (ffdmx) on files made by the ffmpeg command line, checked against
FFmpeg's own tools: for every container and raw elementary stream, `gpac -i FILE
inspect:deep` lists, for every stream, the packets `ffprobe -show_packets` lists (count,
dts, pts, keyframe flag, duration and byte offset, in the stream time base), and the PID
properties match `ffprobe -show_streams`. Bad inputs (garbage, truncated, empty, missing,
mis-named) exit non-zero naming the URL, quickly. Seeking is covered by the C test
test_ffdmx; Python-sink cases run once the binding has FilterSession."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from fractions import Fraction
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Tuple

import pytest

from conftest import GpacRunner

pytestmark = pytest.mark.skipif(
    not (shutil.which("ffmpeg") and shutil.which("ffprobe")), reason="needs ffmpeg and ffprobe"
)

PID_RE = re.compile(r"^PID (\d+) name: ")
PROP_RE = re.compile(r"^  (\S+) \((\w+)\): (.*)$")
PCK_RE = re.compile(
    r"^PID (\d+) PCK \d+ - DTS (\S+) CTS (\S+) dur (\d+) SAP (\d+) size (\d+) framing \w+"
    r"(?P<flags>.*?)(?: bo (?P<pos>\d+))? crc"
)

VIDEO = "testsrc2=size=320x240:rate=25:duration=2"
TONE = "sine=frequency=440:sample_rate=44100:duration=2"


class Pck(NamedTuple):
    dts: Optional[int]
    cts: Optional[int]
    dur: int
    sap: int
    size: int
    pos: Optional[int]
    seek: bool


class Pid(NamedTuple):
    props: Dict[str, str]
    packets: List[Pck]


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, timeout=60)


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Path]:
    """Two-second inputs: H.264 (with B-frames) + AAC in every ISOBMFF/TS/Matroska flavour,
    VP9 + Opus in WebM, and the raw elementary streams."""
    d = tmp_path_factory.mktemp("ff_demux")
    av = ["-f", "lavfi", "-i", VIDEO, "-f", "lavfi", "-i", TONE]
    m = {k: d / ("a." + k) for k in ("mp4", "ts", "mkv", "mov", "webm", "h264", "hevc",
                                      "aac", "ivf")}
    m["fmp4"] = d / "frag.mp4"
    ffmpeg(*av, "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "2",
           "-c:a", "aac", "-b:a", "64k", str(m["mp4"]))
    ffmpeg("-i", str(m["mp4"]), "-c", "copy", "-movflags", "frag_keyframe+empty_moov",
           str(m["fmp4"]))
    for k in ("ts", "mkv", "mov"):
        ffmpeg("-i", str(m["mp4"]), "-c", "copy", str(m[k]))
    ffmpeg("-i", str(m["mp4"]), "-an", "-c:v", "copy", "-bsf:v", "h264_mp4toannexb",
           str(m["h264"]))
    ffmpeg("-i", str(m["mp4"]), "-vn", "-c:a", "copy", str(m["aac"]))
    ffmpeg("-f", "lavfi", "-i", VIDEO, "-c:v", "libx265", "-preset", "ultrafast",
           "-x265-params", "log-level=error:bframes=0", str(m["hevc"]))
    ffmpeg(*av, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v",
           "200k", "-c:a", "libopus", str(m["webm"]))
    ffmpeg("-i", str(m["webm"]), "-an", "-c:v", "copy", str(m["ivf"]))
    # bad inputs
    m["garbage"] = d / "garbage.mp4"
    m["garbage"].write_bytes(bytes((i * 7919 + 13) % 251 for i in range(50000)))
    data = m["mp4"].read_bytes()
    m["truncated"] = d / "truncated.mp4"
    m["truncated"].write_bytes(data[: len(data) // 2])  # the moov is at the end: lost
    faststart = d / "faststart.mp4"
    ffmpeg("-i", str(m["mp4"]), "-c", "copy", "-movflags", "faststart", str(faststart))
    for key, full in (("truncated_fs", faststart), ("truncated_mkv", m["mkv"])):
        data = full.read_bytes()  # index kept, half of the media lost
        m[key] = d / ("truncated_" + full.name)
        m[key].write_bytes(data[: len(data) // 2])
    m["empty"] = d / "empty.mp4"
    m["empty"].write_bytes(b"")
    m["text"] = d / "notes.ts"
    m["text"].write_text("this is not a transport stream\n" * 200)
    m["missing"] = d / "missing.mp4"
    return m


def inspect(run_gpac: GpacRunner, src: object, opts: str = "") -> Dict[int, Pid]:
    """PIDs of `gpac -i src inspect:deep` (src a path, or a list of arguments loading the
    source), by ID (stream index + 1): their last configuration and their packets."""
    args = [str(a) for a in src] if isinstance(src, list) else ["-i", str(src)]
    r = run_gpac(*args, "inspect:deep" + opts)
    assert r.returncode == 0, r.stderr
    by_idx: Dict[int, Pid] = {}
    cur: Optional[int] = None
    for line in r.stdout.splitlines():
        m = PID_RE.match(line)
        if m:
            cur = int(m.group(1))
            pid = by_idx.setdefault(cur, Pid({}, []))
            pid.props.clear()
            continue
        m = PROP_RE.match(line)
        if m and cur is not None:
            by_idx[cur].props[m.group(1)] = m.group(3)
            continue
        m = PCK_RE.match(line)
        if m:
            ts = [None if v == "N/A" else int(v) for v in (m.group(2), m.group(3))]
            pos = m.group("pos")
            by_idx[int(m.group(1))].packets.append(
                Pck(ts[0], ts[1], int(m.group(4)), int(m.group(5)), int(m.group(6)),
                    int(pos) if pos else None, " seek" in m.group("flags"))
            )
    return {int(p.props["ID"]): p for p in by_idx.values()}


def ffprobe(src: Path) -> Tuple[List[dict], List[dict]]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_packets", "-of", "json", str(src)],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout
    j = json.loads(out)
    return j["streams"], j.get("packets", [])


def expected_packets(stream: dict, packets: List[dict], shift: int) -> List[Pck]:
    """What ffdmx must output for one stream: ffprobe's packets, timestamps shifted by
    `shift` (time-base units, announced as Delay) and scaled by the time base's num;
    streams without any timestamp (raw elementary streams) get dts = cts = the sum of the
    previous durations."""
    num = int(stream["time_base"].split("/")[0])
    out: List[Pck] = []
    running = 0
    for p in packets:
        dts = int(p["dts"]) if "dts" in p else None
        pts = int(p["pts"]) if "pts" in p else None
        dur = int(p.get("duration", 0))
        if dts is None and pts is None:
            dts = pts = running
        if dts is not None:
            running = dts + dur
        out.append(Pck(
            None if dts is None else (dts + shift) * num,
            None if pts is None else (pts + shift) * num,
            dur * num, 1 if "K" in p["flags"] else 0, int(p["size"]),
            int(p["pos"]) if "pos" in p else None, False,
        ))
    return out


CONTAINERS = ["mp4", "fmp4", "ts", "mkv", "mov", "webm", "h264", "hevc", "aac", "ivf"]


@pytest.mark.parametrize("key", CONTAINERS)
def test_packets_equal_ffprobe(run_gpac: GpacRunner, media: Dict[str, Path], key: str) -> None:
    streams, packets = ffprobe(media[key])
    pids = inspect(run_gpac, media[key])
    assert sorted(pids) == [s["index"] + 1 for s in streams]
    for s in streams:
        pid = pids[s["index"] + 1]
        num, den = (int(v) for v in s["time_base"].split("/"))
        assert int(pid.props["Timescale"]) == den
        delay = int(pid.props.get("Delay", "0"))
        assert delay <= 0 and delay % num == 0
        want = expected_packets(s, [p for p in packets if p["stream_index"] == s["index"]],
                                -delay // num)
        assert len(pid.packets) == len(want), "stream %d" % s["index"]
        for i, (got, exp) in enumerate(zip(pid.packets, want)):
            assert got == exp, "stream %d packet %d: %r != %r" % (s["index"], i, got, exp)


def test_mp4_negative_timestamps_shifted_with_delay(run_gpac: GpacRunner,
                                                    media: Dict[str, Path]) -> None:
    """B-frames make the first dts negative in FFmpeg (-1024 at 1/12800): dts starts at 0,
    cts at 1024, Delay -1024, as GPAC's mp4dmx does."""
    v = inspect(run_gpac, media["mp4"])[1]
    assert v.props["Delay"] == "-1024"
    assert (v.packets[0].dts, v.packets[0].cts, v.packets[0].sap) == (0, 1024, 1)


def test_pid_properties_equal_ffprobe(run_gpac: GpacRunner, media: Dict[str, Path]) -> None:
    r = run_gpac("-i", str(media["mp4"]), "inspect")
    assert r.returncode == 0, r.stderr
    text = r.stdout
    streams, _ = ffprobe(media["mp4"])
    v, a = streams
    for line in ("StreamType (uint): Visual", "CodecID (uint): 264",
                 "Width (uint): %d" % v["width"], "Height (uint): %d" % v["height"],
                 "FPS (frac): 25/1", "SAR (frac): 1/1", "Timescale (uint): 12800",
                 "NumFrames (uint): %s" % v["nb_frames"], "Duration (lfrac): 25600/12800",
                 "StreamType (uint): Audio", "CodecID (uint): aac",
                 "SampleRate (uint): %s" % a["sample_rate"],
                 "NumChannels (uint): %d" % a["channels"], "SamplesPerFrame (uint): 1024",
                 "ChannelLayout (luint): 4", "Bitrate (uint): %s" % v["bit_rate"],
                 "ID (uint): 1", "ID (uint): 2"):
        assert "  " + line + "\n" in text, line
    assert re.search(r"DecoderConfig \(mem\): data,size:\d+", text)


def test_threads_give_the_same_packets(run_gpac: GpacRunner, media: Dict[str, Path]) -> None:
    one = inspect(run_gpac, media["ts"])
    two = inspect(run_gpac, ["-threads=2", "-i", media["ts"]])
    assert one == two


def test_webm_codecs(run_gpac: GpacRunner, media: Dict[str, Path]) -> None:
    pids = inspect(run_gpac, media["webm"])
    assert pids[1].props["CodecID"] == "vp9" and pids[2].props["CodecID"] == "opus"
    assert Fraction(pids[2].props["Duration"]) > 0
    ivf = inspect(run_gpac, media["ivf"])
    assert ivf[1].props["CodecID"] == "vp9"
    hevc = inspect(run_gpac, media["hevc"])
    assert hevc[1].props["CodecID"] == "hvc" and hevc[1].props["Width"] == "320"


def test_inspect_dur_stops_the_demuxer(run_gpac: GpacRunner, media: Dict[str, Path]) -> None:
    """STOP from the sink after 0.5 s ends the run: no packet of the rest is read."""
    pids = inspect(run_gpac, media["mkv"], ":dur=1/2")
    for pid in pids.values():
        assert 0 < len(pid.packets) < 40


@pytest.mark.parametrize("key, words", [
    ("garbage", ["garbage.mp4"]),
    ("truncated", ["truncated.mp4"]),
    ("truncated_fs", ["truncated_faststart.mp4", "truncated"]),
    ("truncated_mkv", ["truncated_a.mkv", "truncated"]),
    ("empty", ["empty.mp4", "empty"]),
    ("missing", ["missing.mp4"]),
    ("text", ["notes.ts"]),
])
def test_bad_input_fails_naming_the_url(run_gpac: GpacRunner, media: Dict[str, Path],
                                        key: str, words: List[str]) -> None:
    start = time.monotonic()
    r = run_gpac("-i", str(media[key]), "inspect")
    assert time.monotonic() - start < 20
    assert r.returncode == 1, r.stderr  # an error, not a crash or a sanitizer report
    assert "Sanitizer" not in r.stderr
    assert "PCK" not in r.stdout
    for w in words:
        assert w in r.stderr, r.stderr


def test_forced_format_and_unknown_format(run_gpac: GpacRunner, media: Dict[str, Path],
                                          tmp_path: Path) -> None:
    """fmt= reads a raw stream whatever its name; an unknown fmt fails naming it."""
    odd = tmp_path / "stream.bin"
    odd.write_bytes(media["h264"].read_bytes())
    pids = inspect(run_gpac, ["ffdmx:src=%s:fmt=h264" % odd])
    assert pids[1].props["CodecID"] == "264" and len(pids[1].packets) == 50
    r = run_gpac("ffdmx:src=%s:fmt=nosuchformat" % odd, "inspect")
    assert r.returncode != 0 and "nosuchformat" in r.stderr


def test_plain_files_stay_with_fin(run_gpac: GpacRunner, tmp_path: Path) -> None:
    """A text file is copied byte for byte (fin), not claimed by ffdmx."""
    src = tmp_path / "notes.txt"
    src.write_text("hello\n" * 100)
    r = run_gpac("-i", str(src), "-o", str(tmp_path / "copy.txt"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "copy.txt").read_text() == src.read_text()


# ---- Python sink (needs the binding) ----


def test_python_sink_reads_every_packet(media: Dict[str, Path]) -> None:
    gpac = pytest.importorskip("gpac")
    if not hasattr(gpac, "FilterSession") or not hasattr(gpac, "FilterCustom"):
        pytest.skip("the binding has no FilterSession/FilterCustom yet")

    class Sink(gpac.FilterCustom):  # type: ignore[misc, name-defined]
        def __init__(self, fs):  # type: ignore[no-untyped-def]
            gpac.FilterCustom.__init__(self, fs, "PYSink")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
            self.push_cap("CodecID", "avc", gpac.GF_CAPS_INPUT)
            self.dts: List[int] = []

        def configure_pid(self, pid, is_remove):  # type: ignore[no-untyped-def]
            if not is_remove and pid not in self.ipids:
                pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
            return 0

        def process(self):  # type: ignore[no-untyped-def]
            for pid in self.ipids:
                while True:
                    pck = pid.get_packet()
                    if pck is None:
                        break
                    self.dts.append(pck.dts)
                    pid.drop_packet()
            return 0

    fs = gpac.FilterSession()
    fs.load_src(str(media["mp4"]))
    sink = Sink(fs)
    fs.run()
    fs.delete()
    assert sink.dts == [512 * i for i in range(50)]
