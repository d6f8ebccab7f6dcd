"""The seed's examples in examples/ run unchanged on the built-in test source, under both
module names (gpac and libgpac), and report what the user guide says they do."""

from __future__ import annotations

import re
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
