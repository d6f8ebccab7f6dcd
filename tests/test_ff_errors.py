"""Bad media files through the Python API: each raises a GPACError naming the URL,
at load_src() or at run(), never a crash, a hang or a silently empty success."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Callable, Dict

import pytest

import gpac

Maker = Callable[[Path, Path], Path]


@pytest.fixture(scope="module")
def good_mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which("ffmpeg"):
        pytest.skip("the ffmpeg command line is needed to make the inputs")
    path = tmp_path_factory.mktemp("media") / "good.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=160x120:rate=25:duration=2", "-c:v", "libx264",
                    "-preset", "ultrafast", "-movflags", "+faststart", str(path)],
                   check=True, timeout=120)
    return path


def garbage(d: Path, good: Path) -> Path:
    p = d / "garbage.mp4"
    p.write_bytes(b"this is not an ISO media file at all\n" * 10)
    return p


def empty(d: Path, good: Path) -> Path:
    p = d / "empty.mp4"
    p.write_bytes(b"")
    return p


def truncated_head(d: Path, good: Path) -> Path:
    p = d / "cut_head.mp4"
    p.write_bytes(good.read_bytes()[:600])  # inside the moov
    return p


def truncated_data(d: Path, good: Path) -> Path:
    p = d / "cut_data.mp4"
    data = good.read_bytes()
    p.write_bytes(data[: len(data) // 2])  # moov first (faststart), media cut in half
    return p


def misnamed(d: Path, good: Path) -> Path:
    p = d / "text.ts"
    p.write_text("hello, this is a text file with a .ts name\n")
    return p


def missing(d: Path, good: Path) -> Path:
    return d / "no_such_file.mp4"


CASES: Dict[str, Maker] = {
    "garbage": garbage, "empty": empty, "truncated_head": truncated_head,
    "truncated_data": truncated_data, "misnamed": misnamed, "missing": missing,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_raises_gpacerror_naming_the_url(tmp_path: Path, good_mp4: Path,
                                                   case: str) -> None:
    bad = CASES[case](tmp_path, good_mp4)
    fs = gpac.FilterSession()
    try:
        with pytest.raises(gpac.GPACError) as err:
            fs.load_src(str(bad))
            fs.load("inspect:deep:log=null")
            fs.run()
        e = err.value
        assert e.code is not None and e.code < 0
        assert str(bad) in str(e) or e.url == str(bad), str(e)
        if case == "missing":
            assert isinstance(e, gpac.URLError) and e.code == gpac.GF_URL_ERROR
    finally:
        fs.delete()
    assert all(v == 0 for v in gpac._gpac._counters().values()), gpac._gpac._counters()


def test_the_good_file_runs(good_mp4: Path) -> None:
    fs = gpac.FilterSession()
    fs.load_src(str(good_mp4))
    fs.load("inspect:deep:log=null")
    fs.run()
    fs.delete()
