"""FFmpeg decoding and conversion (ffdec, ffsws, ffres) on media made by the ffmpeg command
line, checked against FFmpeg's own tools: every decoded frame equals the frame
`ffmpeg -f framemd5` hashes (compared through CRC-32 of the tightly packed frame, which
`inspect:deep:nopad` prints and which we compute over ffmpeg's raw output after checking
that output against framemd5), frame count and timestamps equal `ffprobe -show_frames`,
conversions equal ffmpeg's own swscale/swresample output. Bad input: a corrupted H.264
stream decodes what it can, a codec FFmpeg cannot decode fails with its name.
Graph-resolution cases with Python sinks run once the binding has FilterSession."""

from __future__ import annotations

import array
import hashlib
import json
import re
import shutil
import subprocess
import zlib
from fractions import Fraction
from pathlib import Path
from typing import Dict, List, NamedTuple, Sequence

import pytest

from conftest import GpacRunner

pytestmark = [
    pytest.mark.ffmpeg,
    pytest.mark.cli,
    pytest.mark.skipif(not (shutil.which("ffmpeg") and shutil.which("ffprobe")),
                       reason="needs ffmpeg and ffprobe"),
]

SIZE = (320, 240)
PID_RE = re.compile(r"^PID (\d+) name: ")
PROP_RE = re.compile(r"^  (\S+) \((\w+)\): (.*)$")
PCK_RE = re.compile(
    r"^PID (\d+) PCK \d+ - DTS (\S+) CTS (\S+) dur (\d+) SAP \d+ size (\d+) .*crc 0x([0-9A-F]{8})$"
)


class Frame(NamedTuple):
    cts: int
    dur: int
    size: int
    crc: str


class Decoded(NamedTuple):
    props: Dict[str, str]  # last configuration of the first PID
    frames: List[Frame]


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, timeout=60)


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Path]:
    """Small inputs, one stream each (a decoder instance takes one PID)."""
    d = tmp_path_factory.mktemp("ff_decode")
    video = "testsrc2=size=%dx%d:rate=25:duration=2" % SIZE
    tone = "sine=frequency=440:sample_rate=44100:duration=2"
    files = {
        "yuv420p": ("h264.mp4", ["-f", "lavfi", "-i", video, "-c:v", "libx264",
                                 "-pix_fmt", "yuv420p", "-g", "25"]),
        "yuv420p10le": ("h264_10.mkv", ["-f", "lavfi", "-i", video, "-c:v", "libx264",
                                        "-pix_fmt", "yuv420p10le", "-g", "25"]),
        "nv12": ("nv12.mkv", ["-f", "lavfi", "-i", video, "-t", "1", "-c:v", "rawvideo",
                              "-pix_fmt", "nv12"]),
        "rgb24": ("png.mov", ["-f", "lavfi", "-i", video, "-t", "1", "-c:v", "png",
                              "-pix_fmt", "rgb24"]),
        "cropped": ("crop.mkv", ["-f", "lavfi", "-i", "testsrc2=size=322x242:rate=25:duration=1",
                                 "-c:v", "libx264", "-pix_fmt", "yuv420p"]),
        "s16": ("flac.mkv", ["-f", "lavfi", "-i", tone, "-ac", "2", "-c:a", "flac",
                             "-sample_fmt", "s16"]),
        "fltp": ("aac.mkv", ["-f", "lavfi", "-i", tone, "-ac", "2", "-c:a", "aac"]),
        "annexb": ("h264.h264", ["-f", "lavfi", "-i", video, "-c:v", "libx264", "-g", "10",
                                 "-bsf:v", "h264_mp4toannexb"]),
    }
    out = {}
    for key, (name, args) in files.items():
        ffmpeg(*args, str(d / name))
        out[key] = d / name
    # corrupted: bytes overwritten across a third of the stream, headers intact
    data = bytearray(out["annexb"].read_bytes())
    for i in range(len(data) // 3, len(data) // 3 + 4000, 7):
        data[i] = (i * 131) & 0xFF
    out["corrupt"] = d / "corrupt.h264"
    out["corrupt"].write_bytes(bytes(data))
    return out


def parse_report(text: str) -> Decoded:
    props: Dict[str, str] = {}
    frames: List[Frame] = []
    first = None
    current = None
    for line in text.splitlines():
        m = PID_RE.match(line)
        if m:
            current = int(m.group(1))
            first = first or current
            if current == first:
                props = {}
            continue
        m = PROP_RE.match(line)
        if m and current == first:
            props[m.group(1)] = m.group(3)
            continue
        m = PCK_RE.match(line)
        if m and int(m.group(1)) == first:
            current = None
            frames.append(Frame(int(m.group(3)), int(m.group(4)), int(m.group(5)), m.group(6)))
    return Decoded(props, frames)


def decode(run_gpac: GpacRunner, src: Path, *filters: str) -> Decoded:
    """gpac -i SRC FILTERS... inspect:deep:nopad, parsed; the run must succeed."""
    res = run_gpac("-i", str(src), *filters, "inspect:deep:nopad")
    assert res.returncode == 0, res.stderr[-3000:]
    for crash in ("AddressSanitizer", "runtime error", "LeakSanitizer"):
        assert crash not in res.stderr, res.stderr[-3000:]
    return parse_report(res.stdout)


def framemd5(src: Path, *args: str) -> List[str]:
    out = subprocess.run(["ffmpeg", "-v", "error", "-i", str(src), *args, "-f", "framemd5", "-"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    return [line.split(",")[-1].strip() for line in out.splitlines() if not line.startswith("#")]


def raw_output(src: Path, *args: str) -> bytes:
    return subprocess.run(["ffmpeg", "-v", "error", "-i", str(src), *args, "-"],
                          capture_output=True, check=True, timeout=60).stdout


def probe(src: Path, what: str, entries: str) -> List[dict]:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "0", "-show_" + what,
                          "-show_entries", entries, "-of", "json", str(src)],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    return json.loads(out)[what]


def time_base(src: Path) -> Fraction:
    return Fraction(probe(src, "streams", "stream=time_base")[0]["time_base"])


def crc(data: bytes) -> str:
    return "%08X" % zlib.crc32(data)


def reference_video(src: Path, pix_fmt: str, frame_size: int) -> List[str]:
    """CRC-32 of every frame ffmpeg decodes, after checking they are framemd5's frames."""
    raw = raw_output(src, "-f", "rawvideo", "-pix_fmt", pix_fmt)
    frames = [raw[i:i + frame_size] for i in range(0, len(raw), frame_size)]
    assert [hashlib.md5(f).hexdigest() for f in frames] == framemd5(src, "-pix_fmt", pix_fmt)
    return [crc(f) for f in frames]


def assert_timing(src: Path, got: Decoded) -> None:
    """Frame count and presentation times equal ffprobe -show_frames. The demuxer shifts
    negative timestamps to 0 and says so in Delay (GPAC's media time = cts + Delay)."""
    tb = time_base(src)
    ts = Fraction(int(got.props["Timescale"]))
    delay = int(got.props.get("Delay", "0"))
    want = [Fraction(int(f["pts"])) * tb for f in probe(src, "frames", "frame=pts")]
    assert [Fraction(f.cts + delay) / ts for f in got.frames] == want


# ---- decoded video and audio equal FFmpeg's ----

VIDEO_CASES = [
    # input key, filters, FFmpeg pixel format, engine name inspect prints, tight frame size;
    # rawvideo (nv12) is raw out of the demuxer already: the sink reads it as is
    ("yuv420p", ["ffdec"], "yuv420p", "yuv420", SIZE[0] * SIZE[1] * 3 // 2),
    ("yuv420p10le", ["ffdec"], "yuv420p10le", "yuv420_10", SIZE[0] * SIZE[1] * 3),
    ("nv12", [], "nv12", "nv12", SIZE[0] * SIZE[1] * 3 // 2),
    ("rgb24", ["ffdec"], "rgb24", "rgb", SIZE[0] * SIZE[1] * 3),
]


@pytest.mark.parametrize("key,filters,pix_fmt,name,frame_size", VIDEO_CASES,
                         ids=[c[0] for c in VIDEO_CASES])
def test_video_frames_equal_framemd5(run_gpac: GpacRunner, media: Dict[str, Path], key: str,
                                     filters: List[str], pix_fmt: str, name: str,
                                     frame_size: int) -> None:
    got = decode(run_gpac, media[key], *filters)
    assert got.props["CodecID"] == "raw"
    assert got.props["PixelFormat"] == name
    assert (got.props["Width"], got.props["Height"]) == (str(SIZE[0]), str(SIZE[1]))
    want = reference_video(media[key], pix_fmt, frame_size)
    assert len(got.frames) == len(want)
    assert [f.crc for f in got.frames] == want
    assert_timing(media[key], got)


def test_video_decoded_into_aligned_packets(run_gpac: GpacRunner, media: Dict[str, Path]) -> None:
    """Direct rendering: lines padded to FFmpeg's alignment, published as Stride/StrideUV,
    the packet exactly the planes; the copying path (direct=false) gives the same frames."""
    direct = decode(run_gpac, media["yuv420p"], "ffdec")
    stride, stride_uv = int(direct.props["Stride"]), int(direct.props["StrideUV"])
    assert stride >= SIZE[0] and stride % 16 == 0 and stride_uv % 16 == 0
    assert stride_uv >= SIZE[0] // 2
    assert {f.size for f in direct.frames} == {stride * SIZE[1] + stride_uv * SIZE[1]}
    copied = decode(run_gpac, media["yuv420p"], "ffdec:direct=false")
    assert [f.crc for f in copied.frames] == [f.crc for f in direct.frames]
    # every frame went out in the packet it was decoded into (no copy)
    res = run_gpac("-logs=codec@info", "-i", str(media["yuv420p"]), "ffdec", "inspect:log=null")
    assert res.returncode == 0, res.stderr
    assert "h264: 50 frames (50 decoded in place)" in res.stderr, res.stderr


def test_cropped_frames_equal_framemd5(run_gpac: GpacRunner, media: Dict[str, Path]) -> None:
    """322x242 H.264 is coded as 336x256 and cropped: such frames are copied out."""
    got = decode(run_gpac, media["cropped"], "ffdec")
    assert (got.props["Width"], got.props["Height"]) == ("322", "242")
    want = reference_video(media["cropped"], "yuv420p", 322 * 242 + 2 * 161 * 121)
    assert [f.crc for f in got.frames] == want


@pytest.mark.parametrize("opts", ["ffdec:threads=1", "ffdec:threads=3:thread_type=frame",
                                  "ffdec:thread_type=slice"])
def test_threading_modes_give_the_same_frames(run_gpac: GpacRunner, media: Dict[str, Path],
                                              opts: str) -> None:
    got = decode(run_gpac, media["yuv420p"], opts)
    want = reference_video(media["yuv420p"], "yuv420p", SIZE[0] * SIZE[1] * 3 // 2)
    assert [f.crc for f in got.frames] == want


def reference_audio(src: Path, fmt: str, channels: int, planar: bool) -> List[str]:
    """CRC-32 of each frame ffmpeg decodes (split by ffprobe's nb_samples), planes back to
    back when planar; s16 frames are also checked against framemd5."""
    codec = {"s16le": "pcm_s16le", "f32le": "pcm_f32le"}[fmt]
    raw = raw_output(src, "-f", fmt, "-c:a", codec)
    bps = 2 if fmt == "s16le" else 4
    counts = [int(f["nb_samples"]) for f in probe(src, "frames", "frame=nb_samples")]
    assert sum(counts) * channels * bps == len(raw)
    frames, pos = [], 0
    for n in counts:
        chunk = raw[pos:pos + n * channels * bps]
        pos += len(chunk)
        if planar:
            samples = array.array("f")
            samples.frombytes(chunk)
            chunk = b"".join(samples[c::channels].tobytes() for c in range(channels))
        frames.append(chunk)
    if fmt == "s16le":
        assert [hashlib.md5(f).hexdigest() for f in frames] == framemd5(src)
    return [crc(f) for f in frames]


@pytest.mark.parametrize("key,fmt,name", [("s16", "s16le", "s16"), ("fltp", "f32le", "fltp")],
                         ids=["s16", "fltp"])
def test_audio_frames_equal_framemd5(run_gpac: GpacRunner, media: Dict[str, Path], key: str,
                                     fmt: str, name: str) -> None:
    got = decode(run_gpac, media[key], "ffdec")
    assert got.props["AudioFormat"] == name
    assert got.props["SampleRate"] == "44100"
    assert got.props["NumChannels"] == "2"
    assert got.props["ChannelLayout"] == "3"
    want = reference_audio(media[key], fmt, 2, planar=name == "fltp")
    assert len(got.frames) == len(want)
    assert [f.crc for f in got.frames] == want
    assert_timing(media[key], got)


# ---- bad input ----


def test_corrupted_h264_decodes_what_it_can(run_gpac: GpacRunner, media: Dict[str, Path]) -> None:
    got = decode(run_gpac, media["corrupt"], "ffdec")
    # as many frames as FFmpeg's own decoder gets out of it, some of them concealed
    assert 0 < len(got.frames) == len(framemd5(media["corrupt"]))


def test_encode_decode_round_trip_keeps_frames_and_timing(run_gpac: GpacRunner) -> None:
    """avgen's 25 frames through libx264 (B-frames: the encoder announces a Delay) and
    back: 25 frames, at avgen's times once the Delay is applied, one frame long each."""
    res = run_gpac("avgen:type=v:dur=1", "ffenc:c=avc", "ffdec", "inspect:deep:nopad")
    assert res.returncode == 0, res.stderr[-3000:]
    got = parse_report(res.stdout)
    assert got.props["Timescale"] == "25" and got.props["PixelFormat"] == "yuv420"
    delay = int(got.props.get("Delay", "0"))
    assert [f.cts + delay for f in got.frames] == list(range(25))
    assert {f.dur for f in got.frames} == {1}


# ---- conversions equal ffmpeg's ----


@pytest.mark.parametrize(
    "key,filt,ff_args,frame_size",
    [
        ("yuv420p", "ffsws:pfmt=rgb", ["-pix_fmt", "rgb24"], SIZE[0] * SIZE[1] * 3),
        ("yuv420p", "ffsws:size=160x120", ["-vf", "scale=160:120:flags=bicubic",
                                           "-pix_fmt", "yuv420p"], 160 * 120 * 3 // 2),
        ("rgb24", "ffsws:pfmt=yuv420", ["-pix_fmt", "yuv420p"], SIZE[0] * SIZE[1] * 3 // 2),
        ("yuv420p", "ffsws:pfmt=nv12", ["-pix_fmt", "nv12"], SIZE[0] * SIZE[1] * 3 // 2),
    ],
    ids=["yuv-to-rgb", "scale", "rgb-to-yuv", "yuv-to-nv12"],
)
def test_ffsws_equals_ffmpeg(run_gpac: GpacRunner, media: Dict[str, Path], key: str, filt: str,
                             ff_args: Sequence[str], frame_size: int) -> None:
    got = decode(run_gpac, media[key], "ffdec", filt)
    raw = raw_output(media[key], *ff_args, "-f", "rawvideo")
    want = [crc(raw[i:i + frame_size]) for i in range(0, len(raw), frame_size)]
    assert [f.crc for f in got.frames] == want
    # tight output: the packet is the frame
    assert {f.size for f in got.frames} == {frame_size}


def test_ffres_equals_ffmpeg(run_gpac: GpacRunner, media: Dict[str, Path]) -> None:
    """fltp 44.1 kHz to s16 48 kHz: the same samples, chunked as ffmpeg's aresample does
    (one output frame per input frame, the resampler's tail at the end)."""
    src = media["fltp"]
    got = decode(run_gpac, src, "ffdec", "ffres:sr=48000:afmt=s16")
    assert (got.props["SampleRate"], got.props["AudioFormat"]) == ("48000", "s16")
    assert got.props["Timescale"] == "48000"
    args = ["-af", "aresample=48000", "-sample_fmt", "s16"]
    lines = subprocess.run(["ffmpeg", "-v", "error", "-i", str(src), *args, "-c:a", "pcm_s16le",
                            "-f", "framemd5", "-"], capture_output=True, text=True,
                           check=True, timeout=60).stdout.splitlines()
    sizes = [int(line.split(",")[4]) for line in lines if not line.startswith("#")]
    raw = raw_output(src, *args, "-f", "s16le")
    want, pos = [], 0
    for size in sizes:
        want.append(crc(raw[pos:pos + size]))
        pos += size
    assert [f.crc for f in got.frames] == want
    # contiguous timing in samples at the new rate
    for a, b in zip(got.frames, got.frames[1:]):
        assert a.cts + a.dur == b.cts


# ---- graph resolution with Python sinks (needs the binding) ----


def binding():  # type: ignore[no-untyped-def]
    gpac = pytest.importorskip("gpac")
    if not hasattr(gpac, "FilterSession") or not hasattr(gpac, "FilterCustom"):
        pytest.skip("the binding has no FilterSession/FilterCustom yet")
    return gpac


def run_sink(src: Path, caps: Dict[str, object]) -> tuple:  # type: ignore[type-arg]
    """A Python sink with these input caps reads src; returns (properties of its input,
    packets seen, filter names in the session)."""
    gpac = binding()

    class Sink(gpac.FilterCustom):  # type: ignore[misc, name-defined]
        def __init__(self, fs):  # type: ignore[no-untyped-def]
            gpac.FilterCustom.__init__(self, fs, "PYSink")
            for name, value in caps.items():
                self.push_cap(name, value, gpac.GF_CAPS_INPUT)
            self.props: Dict[str, object] = {}
            self.nb = 0

        def configure_pid(self, pid, is_remove):  # type: ignore[no-untyped-def]
            if not is_remove:
                if pid not in self.ipids:
                    pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
                for name in ("CodecID", "PixelFormat", "Width", "Height", "Stride",
                             "AudioFormat", "SampleRate"):
                    self.props[name] = pid.get_prop(name)
            return 0

        def process(self):  # type: ignore[no-untyped-def]
            for pid in self.ipids:
                while pid.get_packet() is not None:
                    self.nb += 1
                    pid.drop_packet()
            return 0

    fs = gpac.FilterSession()
    fs.load_src(str(src))
    sink = Sink(fs)
    fs.run()
    names = [fs.get_filter(i).name for i in range(fs.nb_filters)]
    fs.delete()
    return sink.props, sink.nb, names


def test_raw_sink_gets_a_decoder(media: Dict[str, Path]) -> None:
    props, nb, names = run_sink(media["yuv420p"], {"StreamType": "Visual", "CodecID": "raw"})
    assert "ffdec" in names and "ffsws" not in names
    assert props["CodecID"] == "raw" and props["PixelFormat"] == "yuv"
    assert nb == 50


def test_rgb_sink_gets_a_decoder_and_a_converter(media: Dict[str, Path]) -> None:
    props, nb, names = run_sink(media["yuv420p"], {"StreamType": "Visual", "CodecID": "raw",
                                                   "PixelFormat": "rgb"})
    assert "ffdec" in names and "ffsws" in names
    assert props["PixelFormat"] == "rgb" and props["Stride"] == SIZE[0] * 3
    assert nb == 50


def test_s16_sink_gets_a_resampler(media: Dict[str, Path]) -> None:
    props, nb, names = run_sink(media["fltp"], {"StreamType": "Audio", "CodecID": "raw",
                                                "AudioFormat": "s16", "SampleRate": 48000})
    assert "ffdec" in names and "ffres" in names
    assert props["AudioFormat"] == "pcm" and props["SampleRate"] == 48000
    assert nb > 0


def test_seek_flag_reaches_the_decoded_frames(media: Dict[str, Path]) -> None:
    """PLAY at 1.5 s: the demuxer starts at the keyframe before and flags the packets
    before the target; the frames decoded from them carry the flag, the rest do not."""
    gpac = binding()
    seen: List[tuple] = []  # type: ignore[type-arg]

    class Sink(gpac.FilterCustom):  # type: ignore[misc, name-defined]
        def __init__(self, fs):  # type: ignore[no-untyped-def]
            gpac.FilterCustom.__init__(self, fs, "PYSeek")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
            self.push_cap("CodecID", "raw", gpac.GF_CAPS_INPUT)

        def configure_pid(self, pid, is_remove):  # type: ignore[no-untyped-def]
            if not is_remove and pid not in self.ipids:
                evt = gpac.FilterEvent(gpac.GF_FEVT_PLAY)
                evt.play.start_range = 1.5
                pid.send_event(evt)
            self.timescale = pid.get_prop("Timescale")
            self.delay = pid.get_prop("Delay") or 0
            return 0

        def process(self):  # type: ignore[no-untyped-def]
            for pid in self.ipids:
                while True:
                    pck = pid.get_packet()
                    if pck is None:
                        break
                    seen.append((Fraction(pck.cts + self.delay, self.timescale), pck.seek))
                    pid.drop_packet()
            return 0

    fs = gpac.FilterSession()
    fs.load_src(str(media["yuv420p"]))
    Sink(fs)
    fs.run()
    fs.delete()
    assert seen and seen[0][0] == 1  # the keyframe before 1.5 s (one every 25 frames)
    assert all(flag == (t < Fraction(3, 2)) for t, flag in seen), seen
    assert seen[-1][0] == Fraction(49, 25)
