"""ffmx, the FFmpeg muxer: remuxing an ffmpeg-made MP4 (H.264 with B-frames + AAC) into
TS, MP4, fragmented MP4, MKV, MOV and DASH keeps every packet (count, pts/dts, key
flags, as ffprobe reads them back); HLS writes a playlist and segments; raw input gets
an encoder; bad destinations fail with a clear message. CLI only (run_gpac)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional

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

# A timestamp read back may differ by one tick of the coarsest time base (MKV: 1 ms).
TOLERANCE = 0.0011


class Pck(NamedTuple):
    pts: Optional[float]
    dts: Optional[float]
    key: bool


def _time(v: Optional[str]) -> Optional[float]:
    return None if v in (None, "N/A") else float(v)  # type: ignore[arg-type]


def probe_packets(path: Path) -> Dict[str, List[Pck]]:
    """Packets of each stream kind ("video", "audio") in file order, times in seconds."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries",
         "stream=index,codec_type:packet=stream_index,pts_time,dts_time,flags",
         "-of", "json", str(path)],
        capture_output=True, text=True, timeout=60, check=True,
    )
    data = json.loads(out.stdout)
    kinds = {s["index"]: s["codec_type"] for s in data.get("streams", [])}
    res: Dict[str, List[Pck]] = {}
    for p in data.get("packets", []):
        kind = kinds.get(p["stream_index"], "?")
        res.setdefault(kind, []).append(
            Pck(_time(p.get("pts_time")), _time(p.get("dts_time")), "K" in p.get("flags", ""))
        )
    return res


def assert_same_packets(ref: Dict[str, List[Pck]], got: Dict[str, List[Pck]]) -> None:
    """Same streams, same packet count, same key flags, and the same pts/dts up to one
    constant offset per stream (containers shift the start: TS by its mux delay, MKV to
    keep times non-negative)."""
    assert sorted(got) == sorted(ref)
    for kind, r in ref.items():
        g = got[kind]
        assert len(g) == len(r), "%s: %d packets, expected %d" % (kind, len(g), len(r))
        assert r[0].pts is not None and g[0].pts is not None
        offset = g[0].pts - r[0].pts
        for i, (a, b) in enumerate(zip(r, g)):
            assert b.key == a.key, "%s packet %d: key %s, expected %s" % (kind, i, b.key, a.key)
            assert a.pts is not None and b.pts is not None
            assert abs(b.pts - offset - a.pts) < TOLERANCE, (kind, i, a, b, offset)
            if a.dts is not None and b.dts is not None:
                assert abs(b.dts - offset - a.dts) < TOLERANCE, (kind, i, a, b, offset)


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2 s of 320x240 H.264 (B-frames, GOP 25) + AAC, made by ffmpeg."""
    d = tmp_path_factory.mktemp("ffmx_media")
    src = d / "src.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y",
         "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
         "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=2",
         "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-shortest", str(src)],
        check=True, timeout=60,
    )
    return src


@pytest.fixture(scope="session")
def ref_packets(media: Path) -> Dict[str, List[Pck]]:
    return probe_packets(media)


@pytest.fixture(scope="session")
def have_ffdmx(gpac_exe: Path) -> None:
    """Remuxing reads the MP4 with ffdmx: skip while it is not written yet."""
    out = subprocess.run([str(gpac_exe), "-h", "ffdmx"], capture_output=True, text=True,
                         timeout=60)
    if out.returncode != 0 or "Not written yet" in out.stdout:
        pytest.skip("ffdmx (FFmpeg demuxer) is not available yet")


def run_ok(run_gpac: GpacRunner, *args: str) -> None:
    res = run_gpac(*args)
    assert res.returncode == 0, res.stderr


# ---- remux: the same packets in every container ----

@pytest.mark.parametrize("dst", [
    "out.ts", "out.mp4", "frag.mp4:frag", "cdur.mp4:cdur=0.4", "out.mkv", "out.mov",
])
def test_remux_keeps_packets(
    run_gpac: GpacRunner, tmp_path: Path, media: Path, ref_packets: Dict[str, List[Pck]],
    have_ffdmx: None, dst: str,
) -> None:
    run_ok(run_gpac, "-i", str(media), "-o", dst)
    assert_same_packets(ref_packets, probe_packets(tmp_path / dst.split(":")[0]))


@pytest.fixture(scope="session")
def copies(media: Path) -> Dict[str, Path]:
    """The same packets in TS and MKV (ffmpeg -c copy; MKV drops the dts of the first
    B-frame-delayed packets), and as raw Annex B H.264 and ADTS AAC."""
    out: Dict[str, Path] = {}
    for ext, extra in [("ts", []), ("mkv", []),
                       ("264", ["-an", "-bsf:v", "h264_mp4toannexb"]), ("aac", ["-vn"])]:
        dst = media.with_name("copy." + ext)
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(media), "-c", "copy", *extra,
                        str(dst)], check=True, timeout=60)
        out[ext] = dst
    return out


@pytest.mark.parametrize("src,dst", [("ts", "out.mp4"), ("ts", "out.mkv"), ("mkv", "out.mp4")])
def test_remux_between_containers(
    run_gpac: GpacRunner, tmp_path: Path, copies: Dict[str, Path],
    ref_packets: Dict[str, List[Pck]], have_ffdmx: None, src: str, dst: str,
) -> None:
    """TS to MP4/MKV needs Annex B to avcC and ADTS to raw AAC; MKV to MP4 needs the
    missing dts rebuilt: the packets still come out as the original MP4 had them."""
    run_ok(run_gpac, "-i", str(copies[src]), "-o", dst)
    assert_same_packets(ref_packets, probe_packets(tmp_path / dst))


def test_raw_elementary_streams(run_gpac: GpacRunner, tmp_path: Path, copies: Dict[str, Path],
                                ref_packets: Dict[str, List[Pck]], have_ffdmx: None) -> None:
    run_ok(run_gpac, "-i", str(copies["264"]), "-o", "v.mp4")
    video = probe_packets(tmp_path / "v.mp4")["video"]
    assert [p.key for p in video] == [p.key for p in ref_packets["video"]]
    run_ok(run_gpac, "-i", str(copies["aac"]), "-o", "a.m4a")
    assert len(probe_packets(tmp_path / "a.m4a")["audio"]) == len(ref_packets["audio"])


def test_transcode_when_the_format_needs_it(run_gpac: GpacRunner, tmp_path: Path,
                                            media: Path, have_ffdmx: None) -> None:
    """WebM takes neither H.264 nor AAC: each stream is decoded and encoded again."""
    res = run_gpac("-graph", "-i", str(media), "-o", "out.webm")
    assert res.returncode == 0, res.stderr
    graph = res.stderr[res.stderr.index("Filters connected:"):]
    assert graph.count("ffdec") == 2 and graph.count("ffenc") == 2
    got = probe_packets(tmp_path / "out.webm")
    assert len(got["video"]) == 50
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of",
                          "csv=p=0", str(tmp_path / "out.webm")], capture_output=True,
                         text=True, timeout=60, check=True)
    assert sorted(out.stdout.split()) == ["opus", "vp9"]


def test_remux_does_not_decode(run_gpac: GpacRunner, tmp_path: Path, media: Path,
                               have_ffdmx: None) -> None:
    res = run_gpac("-graph", "-i", str(media), "-o", "out.ts")
    assert res.returncode == 0, res.stderr
    graph = res.stderr[res.stderr.index("Filters connected:"):]
    assert "ffmx" in graph and "ffdec" not in graph and "ffenc" not in graph


def test_fragmented_mp4_has_fragments(run_gpac: GpacRunner, tmp_path: Path, media: Path,
                                      have_ffdmx: None) -> None:
    run_ok(run_gpac, "-i", str(media), "-o", "frag.mp4:frag")
    data = (tmp_path / "frag.mp4").read_bytes()
    # one fragment per GOP of video (2 GOPs), each a moof box, and an empty moov first
    assert data.count(b"moof") >= 2
    assert data.index(b"moov") < data.index(b"moof")


def test_dash_remux(run_gpac: GpacRunner, tmp_path: Path, media: Path,
                    ref_packets: Dict[str, List[Pck]], have_ffdmx: None) -> None:
    d = tmp_path / "dash"
    d.mkdir()
    run_ok(run_gpac, "-i", str(media), "-o", "dash/live.mpd:segdur=1")
    inits = sorted(d.glob("init-stream*.m4s"))
    assert (d / "live.mpd").is_file() and len(inits) == 2
    # each representation, init segment + media segments in order, is one fragmented MP4
    got: Dict[str, List[Pck]] = {}
    for init in inits:
        rep = init.name[len("init-stream"):-len(".m4s")]
        chunks = sorted(d.glob("chunk-stream%s-*.m4s" % rep))
        assert len(chunks) >= 2, chunks
        whole = tmp_path / ("rep%s.mp4" % rep)
        whole.write_bytes(b"".join(p.read_bytes() for p in [init] + chunks))
        got.update(probe_packets(whole))
    assert_same_packets(ref_packets, got)
    # and the manifest itself reads back (FFmpeg's DASH reader may drop one audio
    # packet at a segment boundary, so only the video is counted)
    assert len(probe_packets(d / "live.mpd")["video"]) == 50


def test_hls_remux(run_gpac: GpacRunner, tmp_path: Path, media: Path,
                   have_ffdmx: None) -> None:
    run_ok(run_gpac, "-i", str(media), "-o", "play.m3u8:segdur=1")
    playlist = (tmp_path / "play.m3u8").read_text()
    segments = [ln for ln in playlist.splitlines() if ln and not ln.startswith("#")]
    assert len(segments) >= 2 and all((tmp_path / s).is_file() for s in segments)
    got = probe_packets(tmp_path / "play.m3u8")
    assert len(got["video"]) == 50


# ---- raw input: an encoder is inserted ----

@pytest.mark.parametrize("dst,codecs", [
    ("enc.mp4", ["h264", "aac"]),
    ("enc.ts", ["h264", "aac"]),
    ("enc.mkv", ["h264", "aac"]),
    ("enc.webm", ["vp9", "opus"]),
])
def test_raw_source_gets_encoders(run_gpac: GpacRunner, tmp_path: Path, dst: str,
                                  codecs: List[str]) -> None:
    res = run_gpac("-graph", "-i", "avgen:dur=1", "-o", dst)
    assert res.returncode == 0, res.stderr
    assert res.stderr.count("ffenc") >= 2
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
         str(tmp_path / dst)],
        capture_output=True, text=True, timeout=60, check=True,
    )
    assert sorted(set(out.stdout.split())) == sorted(codecs)  # TS lists programs too
    assert len(probe_packets(tmp_path / dst)["video"]) == 25


def test_explicit_format(run_gpac: GpacRunner, tmp_path: Path) -> None:
    run_ok(run_gpac, "-i", "avgen:dur=1:type=v", "ffmx:dst=stream.bin:fmt=mpegts")
    assert (tmp_path / "stream.bin").read_bytes()[0] == 0x47  # TS sync byte
    assert len(probe_packets(tmp_path / "stream.bin")["video"]) == 25


# ---- bad destinations ----

def test_unknown_extension_fails(run_gpac: GpacRunner, tmp_path: Path) -> None:
    res = run_gpac("-i", "avgen:dur=1", "-o", "out.xyz")
    assert res.returncode != 0
    assert "not linked" in res.stderr or "No filter chain" in res.stderr


def test_unknown_extension_with_ffmx_names_fmt(run_gpac: GpacRunner) -> None:
    res = run_gpac("-i", "avgen:dur=1", "ffmx:dst=out.xyz")
    assert res.returncode != 0
    assert "out.xyz" in res.stderr and "fmt=" in res.stderr


def test_unknown_fmt_fails(run_gpac: GpacRunner) -> None:
    res = run_gpac("-i", "avgen:dur=1", "ffmx:dst=out.mp4:fmt=nosuchformat")
    assert res.returncode != 0
    assert "nosuchformat" in res.stderr


def test_unwritable_directory_names_the_url(run_gpac: GpacRunner, tmp_path: Path) -> None:
    dst = str(tmp_path / "no" / "such" / "dir" / "out.mp4")
    res = run_gpac("-i", "avgen:dur=1", "-o", dst)
    assert res.returncode != 0
    assert dst in res.stderr
    assert not (tmp_path / "no").exists()


# ---- CLI progress display ----

def test_progress_line(run_gpac: GpacRunner) -> None:
    # -progress shows it even on a pipe, ending with where the run stopped
    res = run_gpac("-progress", "-i", "avgen:dur=2", "-o", "p.mp4")
    assert res.returncode == 0, res.stderr
    assert "Processing: 100% (0:02.0 of 0:02.0)" in res.stderr
    # stderr is not a terminal here: nothing unless asked; -quiet wins over -progress
    res = run_gpac("-i", "avgen:dur=2", "-o", "p.mp4")
    assert res.returncode == 0 and "Processing" not in res.stderr
    res = run_gpac("-quiet", "-progress", "-i", "avgen:dur=2", "-o", "p.mp4")
    assert res.returncode == 0 and "Processing" not in res.stderr


# ---- the same through the Python binding (skipped until it has FilterSession) ----

def _binding() -> Any:
    gpac = pytest.importorskip("gpac")
    if not hasattr(gpac, "FilterSession"):
        pytest.skip("the binding has no FilterSession yet")
    return gpac


def test_python_load_dst_remuxes(tmp_path: Path, media: Path,
                                 ref_packets: Dict[str, List[Pck]], have_ffdmx: None) -> None:
    gpac = _binding()
    fs = gpac.FilterSession()
    fs.load_src(str(media))
    fs.load_dst(str(tmp_path / "out.ts"))
    fs.run()
    fs.delete()
    assert_same_packets(ref_packets, probe_packets(tmp_path / "out.ts"))


def test_python_bad_destination_raises(tmp_path: Path) -> None:
    gpac = _binding()
    dst = str(tmp_path / "no" / "such" / "dir" / "out.mp4")
    fs = gpac.FilterSession()
    try:
        with pytest.raises(gpac.GPACError) as err:
            fs.load_dst(dst)
        assert dst in str(err.value) or getattr(err.value, "url", None) == dst
    finally:
        fs.delete()
