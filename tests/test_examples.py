"""The seed's examples in examples/ run unchanged on the built-in test source, under both
module names (gpac and libgpac), and report what the user guide says they do."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = REPO_ROOT / "examples"


def run_example(tmp_path: Path, name: str, args: List[str], libgpac: bool = False) -> str:
    script = (EXAMPLES / name).read_text()
    if libgpac:
        # a script written for GPAC's own binding: `import libgpac as gpac`
        script = script.replace("\nimport gpac\n", "\nimport libgpac as gpac\n")
        assert "import libgpac as gpac" in script
    path = tmp_path / name
    path.write_text(script)
    # run outside the repository so the installed package is imported
    out = subprocess.run([sys.executable, str(path)] + args, capture_output=True,
                         text=True, timeout=120, cwd=str(tmp_path))
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    return out.stdout


@pytest.mark.parametrize("libgpac", [False, True])
def test_task_callbacks(tmp_path: Path, libgpac: bool) -> None:
    out = run_example(tmp_path, "task_callbacks.py", ["avgen:dur=0.5"], libgpac)
    assert "In callback, nb filters: 2" in out
    calls = int(re.search(r"task calls: (\d+)", out).group(1))  # type: ignore[union-attr]
    assert calls >= 1


def test_non_blocking(tmp_path: Path) -> None:
    out = run_example(tmp_path, "non_blocking.py", ["avgen:dur=1"])
    loops = int(re.search(r"session done after (\d+) loops", out).group(1))  # type: ignore[union-attr]
    assert loops > 1


@pytest.mark.parametrize("libgpac", [False, True])
def test_custom_sink(tmp_path: Path, libgpac: bool) -> None:
    out = run_example(tmp_path, "custom_sink.py", ["avgen:type=v:dur=1:fps=25"], libgpac)
    assert "PID configured - props:" in out
    assert "Property StreamType value: Visual" in out
    assert "Property Width value: 320" in out
    lines = [ln for ln in out.splitlines() if ln.startswith("Got Packet")]
    assert len(lines) == 25
    for i, ln in enumerate(lines):
        assert ln == "Got Packet DTS %d CTS %d SAP 1 dur 1 size 115200" % (i, i)
    assert "packets: 25" in out


def test_forward_modes(tmp_path: Path) -> None:
    out = run_example(tmp_path, "forward_modes.py", ["avgen:type=v:dur=1"])
    m = re.search(r"forwarded (\d+) packets, (\d+) shared released, bitrate (\S+), "
                  r"identical: (\w+)", out)
    assert m, out
    assert int(m.group(1)) == 25
    assert int(m.group(2)) == 4  # packets 4, 10, 16, 22 went out as shared packets
    assert m.group(3) == "500000"
    assert m.group(4) == "True"


@pytest.mark.parametrize("mode", [[], ["--copy"]])
def test_raw_video(tmp_path: Path, mode: List[str]) -> None:
    pytest.importorskip("numpy")
    out = run_example(tmp_path, "raw_video.py", mode + ["avgen:type=v:dur=1"])
    assert re.search(r": 25 frames, 25 with the line", out), out


# ---- the same examples on a real MP4 made by the ffmpeg command line ----


@pytest.fixture(scope="module")
def real_mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which("ffmpeg"):
        pytest.skip("the ffmpeg command line is needed to make the input")
    path = tmp_path_factory.mktemp("media") / "in.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i",
                    "sine=duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
                    "-c:a", "aac", str(path)], check=True, timeout=120)
    return path


def ffprobe_count(path: Path, stream: str) -> int:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", stream,
                          "-count_packets", "-show_entries", "stream=nb_read_packets",
                          "-of", "csv=p=0", str(path)], capture_output=True, text=True,
                         check=True, timeout=60)
    return int(out.stdout.split()[0])  # TS also lists its program: first value


@pytest.mark.parametrize("mode", [[], ["--copy"]])
def test_raw_video_on_a_real_mp4(tmp_path: Path, real_mp4: Path, mode: List[str]) -> None:
    pytest.importorskip("numpy")
    out = run_example(tmp_path, "raw_video.py", mode + [str(real_mp4)])
    assert re.search(r": 50 frames, 50 with the line", out), out


def test_custom_sink_on_a_real_mp4(tmp_path: Path, real_mp4: Path) -> None:
    out = run_example(tmp_path, "custom_sink.py", [str(real_mp4)])
    assert "Property CodecID value: 264" in out
    assert "packets: 50" in out


def test_forward_modes_on_a_real_mp4(tmp_path: Path, real_mp4: Path) -> None:
    out = run_example(tmp_path, "forward_modes.py", [str(real_mp4)])
    assert re.search(r"forwarded 50 packets, \d+ shared released, bitrate 500000, "
                     r"identical: True", out), out


@pytest.mark.parametrize("ext", ["ts", "mkv", "mp4"])
def test_remux_example(tmp_path: Path, real_mp4: Path, ext: str) -> None:
    dst = tmp_path / ("out." + ext)
    out = run_example(tmp_path, "remux.py", [str(real_mp4), str(dst)])
    assert "ffdec" not in out and "ffenc" not in out, out  # no transcoding
    assert ffprobe_count(dst, "v:0") == ffprobe_count(real_mp4, "v:0") == 50
    assert ffprobe_count(dst, "a:0") == ffprobe_count(real_mp4, "a:0")
