"""ffenc, the FFmpeg encoder: the avgen test pattern encoded with each common codec and
read back by ffprobe/ffmpeg keeps its frame count and timing (2 s at 25 fps = 50 frames
with pts 0..49); the c, b, g, preset and pfmt options take effect; formats the encoder
lacks are converted; enc:/c= shortcuts load it; a bad codec name is a clear error. CLI
only (run_gpac)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any, Dict, List

import pytest

from conftest import GpacRunner

pytestmark = [
    pytest.mark.cli,
    pytest.mark.ffmpeg,
    pytest.mark.skipif(
        not (shutil.which("ffmpeg") and shutil.which("ffprobe")),
        reason="needs the ffmpeg and ffprobe command lines",
    ),
]


def ffprobe(path: Path, *entries: str) -> Dict[str, Any]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", *entries, "-of", "json", str(path)],
        capture_output=True, text=True, timeout=60, check=True,
    )
    return json.loads(out.stdout)


def stream(path: Path, kind: str) -> Dict[str, Any]:
    data = ffprobe(path, "-show_streams")
    found = [s for s in data["streams"] if s["codec_type"] == kind]
    assert len(found) == 1, data
    return found[0]


def frame_pts(path: Path, kind: str = "v") -> List[Fraction]:
    """Presentation times (seconds) of the decoded frames, in output order."""
    data = ffprobe(path, "-select_streams", kind, "-show_entries", "frame=pts_time")
    return [Fraction(f["pts_time"]) for f in data["frames"]]


def key_packets(path: Path) -> List[bool]:
    data = ffprobe(path, "-select_streams", "v", "-show_entries", "packet=flags")
    return ["K" in p["flags"] for p in data["packets"]]


def encode(run_gpac: GpacRunner, *args: str) -> None:
    res = run_gpac(*args)
    assert res.returncode == 0, res.stderr


def encode_x265(gpac_exe: Path, cwd: Path, *args: str) -> None:
    """libx265 leaks inside its encoder whatever its user does (a bare libavcodec program
    shows the same report): under LeakSanitizer that library's leaks are suppressed."""
    supp = cwd / "lsan.supp"
    supp.write_text("leak:libx265\n")
    env = dict(os.environ)
    env["LSAN_OPTIONS"] = ":".join(
        filter(None, [env.get("LSAN_OPTIONS"), "suppressions=%s" % supp]))
    res = subprocess.run([str(gpac_exe), *args], capture_output=True, text=True, cwd=str(cwd),
                         env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr


# ---- round trips: frame count and timing ----

@pytest.mark.parametrize("codec,dst,name", [
    ("avc", "v.mp4", "h264"),
    ("hevc", "v.mkv", "hevc"),
    ("vp9", "v.webm", "vp9"),
    ("vp8", "v.webm", "vp8"),
])
def test_video_round_trip_keeps_frames_and_timing(
    run_gpac: GpacRunner, gpac_exe: Path, tmp_path: Path, codec: str, dst: str, name: str
) -> None:
    args = ["-i", "avgen:dur=2:type=v", "c=%s" % codec, "-o", dst]
    if codec in ("avc", "hevc"):
        args[2] += ":preset=ultrafast"
    if codec == "hevc":
        encode_x265(gpac_exe, tmp_path, *args)
    else:
        encode(run_gpac, *args)
    st = stream(tmp_path / dst, "video")
    assert st["codec_name"] == name
    assert (st["width"], st["height"]) == (320, 240)
    pts = frame_pts(tmp_path / dst)
    assert len(pts) == 50
    assert pts == [Fraction(i, 25) for i in range(50)]


def test_default_encoders_for_mp4(run_gpac: GpacRunner, tmp_path: Path) -> None:
    """gpac -i avgen -o out.mp4: resolution inserts AVC and AAC encoders."""
    encode(run_gpac, "-i", "avgen:dur=2", "-o", "out.mp4")
    assert stream(tmp_path / "out.mp4", "video")["codec_name"] == "h264"
    audio = stream(tmp_path / "out.mp4", "audio")
    assert audio["codec_name"] == "aac" and int(audio["sample_rate"]) == 44100
    assert frame_pts(tmp_path / "out.mp4") == [Fraction(i, 25) for i in range(50)]
    # 2 s of audio (AAC: 1024 samples per frame, priming frame discarded by the reader)
    apts = frame_pts(tmp_path / "out.mp4", "a")
    assert apts[0] == 0 and abs(float(apts[-1]) - 2.0) < 0.05
    # decoding our output with ffmpeg gives back 50 frames
    md5 = subprocess.run(["ffmpeg", "-v", "error", "-i", str(tmp_path / "out.mp4"), "-map",
                          "0:v", "-f", "framemd5", "-"], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert len([ln for ln in md5.splitlines() if ln and not ln.startswith("#")]) == 50


def test_audio_encoders(run_gpac: GpacRunner, tmp_path: Path) -> None:
    # Opus takes 48 kHz only: avgen's 44.1 kHz is resampled; MP3 keeps it
    encode(run_gpac, "-i", "avgen:dur=1:type=a", "c=opus", "-o", "a.webm")
    a = stream(tmp_path / "a.webm", "audio")
    assert a["codec_name"] == "opus" and int(a["sample_rate"]) == 48000
    duration = float(ffprobe(tmp_path / "a.webm", "-show_format")["format"]["duration"])
    assert abs(duration - 1.0) < 0.05
    encode(run_gpac, "-i", "avgen:dur=1:type=a:afmt=flt:ch=1", "c=mp3", "-o", "a.mkv")
    a = stream(tmp_path / "a.mkv", "audio")
    assert a["codec_name"] == "mp3" and int(a["sample_rate"]) == 44100 and a["channels"] == 1


# ---- options ----

def test_gop_and_bitrate(run_gpac: GpacRunner, tmp_path: Path) -> None:
    encode(run_gpac, "-i", "avgen:dur=2:type=v", "c=avc:g=10:b=50k:preset=ultrafast",
           "-o", "low.mp4")
    keys = key_packets(tmp_path / "low.mp4")
    assert len(keys) == 50 and keys[0]
    gaps = [i for i, k in enumerate(keys) if k]
    assert len(gaps) >= 5 and all(b - a <= 10 for a, b in zip(gaps, gaps[1:] + [50]))
    # the test pattern is too simple to fill 2 Mb/s, but a tight budget costs quality
    encode(run_gpac, "-i", "avgen:dur=2:type=v", "enc:c=avc:g=10:b=10k:preset=ultrafast",
           "-o", "tiny.mp4")
    assert (tmp_path / "tiny.mp4").stat().st_size < (tmp_path / "low.mp4").stat().st_size
    res = run_gpac("-i", "avgen:dur=1:type=v", "c=avc:b=50k:preset=ultrafast",
                   "inspect:log=props.txt")
    assert res.returncode == 0, res.stderr
    assert "Bitrate (uint): 50000" in (tmp_path / "props.txt").read_text()


def test_pixel_format_conversion(run_gpac: GpacRunner, tmp_path: Path) -> None:
    # RGB input, which libx264 does not take: converted to yuv420p
    encode(run_gpac, "-i", "avgen:dur=1:type=v:pfmt=rgb", "c=avc:preset=ultrafast",
           "-o", "rgb.mp4")
    assert stream(tmp_path / "rgb.mp4", "video")["pix_fmt"] == "yuv420p"
    # pfmt forces the encoded format
    encode(run_gpac, "-i", "avgen:dur=1:type=v", "c=avc:preset=ultrafast:pfmt=yuv444p",
           "-o", "444.mp4")
    assert stream(tmp_path / "444.mp4", "video")["pix_fmt"] == "yuv444p"
    assert len(frame_pts(tmp_path / "444.mp4")) == 25


def test_encoded_stream_reads_back_with_our_inspect(run_gpac: GpacRunner,
                                                    tmp_path: Path) -> None:
    """The encoder's output PID: CodecID, DecoderConfig and timing as inspect sees them."""
    res = run_gpac("-i", "avgen:dur=1:type=v", "c=avc:preset=ultrafast",
                   "inspect:deep:log=report.txt")
    assert res.returncode == 0, res.stderr
    report = (tmp_path / "report.txt").read_text()
    assert "CodecID (uint): 264" in report and "DecoderConfig (mem)" in report
    assert "name: video" in report
    assert report.count(" PCK ") == 25


# ---- errors ----

def test_unknown_codec(run_gpac: GpacRunner) -> None:
    res = run_gpac("-i", "avgen:dur=1", "c=nosuchcodec", "-o", "x.mp4")
    assert res.returncode != 0
    assert "nosuchcodec" in res.stderr and "encoder" in res.stderr


def test_bad_preset(run_gpac: GpacRunner) -> None:
    res = run_gpac("-i", "avgen:dur=1:type=v", "c=avc:preset=nosuchpreset", "-o", "x.mp4")
    assert res.returncode != 0
    assert "nosuchpreset" in res.stderr
