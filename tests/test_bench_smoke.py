"""The benchmark harness (tests/bench/run_bench.py) still runs: --quick on tiny inputs,
both result files written with every item. No assertion on timings: benchmarks never
become timed tests (STYLE.md "Tests")."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("numpy")

BENCH = Path(__file__).resolve().parent / "bench" / "run_bench.py"


@pytest.mark.ffmpeg
@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs the ffmpeg command line")
def test_quick_run_writes_both_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--out", str(out), "--cache",
         str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    md = (out / "bench.md").read_text(encoding="utf-8")
    res = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    items = [r["item"] for r in res["rows"]]
    assert items == ["1", "2", "3", "4a", "4b", "5", "6"]
    for item in items:
        assert "\n| %s | " % item in md
    assert res["quick"] is True and res["machine"]["nproc"] >= 1
    # the proofs are facts, not timings: zero copy, and numpy not imported by gpac
    pck = res["raw"]["pck_data"]
    assert pck["checked"] > 0 and pck["same_ptr"] == pck["checked"]
    assert res["raw"]["decode"]["gpac"]["proof"]["same_ptr"] is True
    assert not any(s["numpy"] for s in res["raw"]["import"]["gpac"])
