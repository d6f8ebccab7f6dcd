"""FileIO (API.md 2.11, py_fileio.c): a Python factory serves the files of a gfio://
URL. An ffmpeg-made MP4 read through it gives ffprobe's packet counts; an MP4 and a DASH
session written through it read back with ffprobe; every file goes through a shallow
copy of the factory; missing methods, failing opens and exceptions in callbacks give
errors, never crashes; a URL outliving its FileIO is a URL error. Also the callback base
classes of API.md 1.3, 2.12 and 2.13 (py_callbacks.c)."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import gpac

HAVE_FF = bool(shutil.which("ffmpeg") and shutil.which("ffprobe"))
needs_ff = pytest.mark.skipif(not HAVE_FF, reason="needs ffmpeg and ffprobe")


def ffprobe_counts(path: Path) -> Dict[str, int]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-count_packets", "-show_entries",
         "stream=codec_type,nb_read_packets", "-of", "csv=p=0", str(path)],
        capture_output=True, text=True, timeout=60, check=True,
    )
    res: Dict[str, int] = {}
    for line in out.stdout.split():
        kind, n = line.split(",")
        res[kind] = int(n)
    return res


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not HAVE_FF:
        pytest.skip("needs ffmpeg and ffprobe")
    d = tmp_path_factory.mktemp("fio")
    mp4 = d / "in.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
         "testsrc=size=128x96:rate=25:duration=2", "-f", "lavfi", "-i", "sine=duration=2",
         "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "2", "-c:a", "aac",
         "-shortest", str(mp4)],
        check=True, timeout=60,
    )
    return mp4


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> List[BaseException]:
    seen: List[BaseException] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(u.exc_value))
    return seen


class PyFile:
    """The seed's factory (python-howto "FileIO Wrapping"), counting calls class-wide
    (the binding works on shallow copies)."""

    calls: Dict[str, int] = {}
    opens: List[Tuple[str, str]] = []
    copies: set = set()

    def __init__(self) -> None:
        self.file: Any = None
        self.is_eof = False

    @classmethod
    def reset(cls) -> None:
        cls.calls = {}
        cls.opens = []
        cls.copies = set()

    def count(self, name: str) -> None:
        PyFile.calls[name] = PyFile.calls.get(name, 0) + 1

    def open(self, url: str, mode: str) -> bool:
        self.count("open")
        PyFile.opens.append((url, mode))
        PyFile.copies.add(id(self))
        if "r" in mode and not os.path.isfile(url):
            return False
        self.file = open(url, mode)
        return True

    def close(self) -> None:
        self.count("close")
        self.file.close()
        self.file = None

    def write(self, arr: Any, size: int) -> int:
        self.count("write")
        assert len(arr) == size
        self.file.write(arr)
        return size

    def read(self, arr: Any, size: int) -> int:
        self.count("read")
        data = self.file.read(size)
        if isinstance(arr, memoryview):
            arr[: len(data)] = data
        else:  # numpy uint8 array
            arr[: len(data)] = bytearray(data)
        self.is_eof = not data
        return len(data)

    def seek(self, pos: int, whence: int) -> int:
        self.count("seek")
        self.file.seek(pos, whence)
        self.is_eof = False
        return 0

    def tell(self) -> int:
        self.count("tell")
        return int(self.file.tell())

    def eof(self) -> bool:
        return self.is_eof

    def exists(self, url: str) -> bool:
        self.count("exists")
        return os.path.isfile(url)


class Sink(gpac.FilterCustom):
    def __init__(self, fs: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, fs, "PYsink")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.push_cap("StreamType", "Audio", gpac.GF_CAPS_INPUT, True)
        self.counts: Dict[str, int] = {}

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if not is_remove and pid not in self.ipids:
            pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            kind = "video" if pid.get_prop("StreamType") == "Visual" else "audio"
            while True:
                pck = pid.get_packet()
                if pck is None:
                    break
                self.counts[kind] = self.counts.get(kind, 0) + 1
                pid.drop_packet()
        return 0


@pytest.fixture(autouse=True)
def fresh_counts() -> None:
    gc.collect()  # sessions of earlier tests close their files now, not during this one
    PyFile.reset()


# ---- construction ----


def test_url_and_lifetime(tmp_path: Path) -> None:
    fio = gpac.FileIO(str(tmp_path / "a.mp4"), PyFile())
    fio2 = gpac.FileIO(tmp_path / "a.mp4", PyFile())  # os.PathLike too
    assert fio.url.startswith("gfio://") and fio.url.endswith("/a.mp4")
    assert fio.url != fio2.url
    with pytest.raises(AttributeError):
        fio.url = "x"  # type: ignore[misc]
    # a URL whose FileIO is gone: URL error, not a crash
    url = fio.url
    del fio
    gc.collect()
    fs = gpac.FilterSession()
    with pytest.raises(gpac.GPACError):
        fs.load_src(url)
        fs.run()


@pytest.mark.parametrize("missing", ["open", "close", "write", "read", "seek", "tell"])
def test_missing_method(missing: str) -> None:
    attrs = {m: (lambda self, *a: 0) for m in ("open", "close", "write", "read", "seek",
                                               "tell") if m != missing}
    factory = type("Partial", (), attrs)()
    with pytest.raises(gpac.GPACError, match=f"No {missing} function on FileIO callback"):
        gpac.FileIO("x.mp4", factory)
    assert issubclass(gpac.GPACError, Exception)


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        gpac.FileIO(b"x.mp4", PyFile())  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        gpac.FileIO("", PyFile())
    with pytest.raises(TypeError):
        gpac.FileIO("x.mp4")  # type: ignore[call-arg]


# ---- reading ----


@needs_ff
def test_read_mp4(media: Path) -> None:
    ref = ffprobe_counts(media)
    fio = gpac.FileIO(str(media), PyFile())
    fs = gpac.FilterSession()
    fs.load_src(fio.url)
    sink = Sink(fs)
    fs.run()
    assert sink.counts == ref
    assert PyFile.opens and all(o == (str(media), "rb") for o in PyFile.opens)
    assert PyFile.calls["read"] > 0 and PyFile.calls["seek"] > 0
    # each open went to a fresh shallow copy, never to the factory itself
    assert len(PyFile.copies) == PyFile.calls["open"]
    fs.delete()  # the demuxer closes its input when destroyed
    assert PyFile.calls["close"] == PyFile.calls["open"]


@needs_ff
def test_read_with_options_suffix(media: Path) -> None:
    fio = gpac.FileIO(str(media), PyFile())
    fs = gpac.FilterSession()
    fs.load_src(fio.url + ":FID=1")
    sink = Sink(fs)
    fs.run()
    assert sink.counts == ffprobe_counts(media)


@needs_ff
def test_read_gets_writable_view(media: Path) -> None:
    """read() gets a writable uint8 numpy array (a memoryview without numpy)."""
    seen: List[Tuple[str, bool]] = []

    class Probe(PyFile):
        def read(self, arr: Any, size: int) -> int:
            seen.append((type(arr).__name__, bool(getattr(arr, "flags", None)
                                                  and arr.flags.writeable)))
            return super().read(arr, size)

    fio = gpac.FileIO(str(media), Probe())
    fs = gpac.FilterSession()
    fs.load_src(fio.url)
    Sink(fs)
    fs.run()
    kinds = {k for k, _ in seen}
    assert kinds <= {"ndarray", "memoryview"}
    if "ndarray" in kinds:
        assert all(w for _, w in seen)


@needs_ff
def test_without_numpy_memoryviews(media: Path, tmp_path: Path) -> None:
    code = f"""
import sys; sys.modules["numpy"] = None
import os, gpac
kinds = set()
class F:
    def open(self, url, mode): self.f = open(url, mode); return True
    def close(self): self.f.close()
    def read(self, mv, n):
        kinds.add((type(mv).__name__, mv.readonly))
        d = self.f.read(n); mv[:len(d)] = d; return len(d)
    def write(self, mv, n):
        kinds.add((type(mv).__name__, mv.readonly)); self.f.write(mv); return n
    def seek(self, p, w): self.f.seek(p, w); return 0
    def tell(self): return self.f.tell()
fs = gpac.FilterSession()
src = gpac.FileIO({str(media)!r}, F())  # kept alive: its URL dies with it
fs.load_src(src.url)
out = gpac.FileIO({str(tmp_path / 'o.mp4')!r}, F())
fs.load_dst(out.url)
fs.run()
fs.delete()
print(sorted(kinds))
"""
    # outside the repository: its gpac/ (no compiled part) would shadow the install
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[('memoryview', False), ('memoryview', True)]"
    assert ffprobe_counts(tmp_path / "o.mp4") == ffprobe_counts(media)


@needs_ff
def test_kept_array_is_safe(media: Path) -> None:
    """An array kept after read() returns is the script's own memory: writing to it
    later touches nothing of the engine's."""
    kept: List[Any] = []

    class Keeper(PyFile):
        def read(self, arr: Any, size: int) -> int:
            kept.append(arr)
            return super().read(arr, size)

    fio = gpac.FileIO(str(media), Keeper())
    fs = gpac.FilterSession()
    fs.load_src(fio.url)
    sink = Sink(fs)
    fs.run()
    fs.delete()
    for arr in kept:
        arr[:] = 0xAA
    assert sink.counts == ffprobe_counts(media)


@needs_ff
def test_open_false_is_url_error(tmp_path: Path) -> None:
    fio = gpac.FileIO(str(tmp_path / "missing.mp4"), PyFile())
    fs = gpac.FilterSession()
    with pytest.raises(gpac.GPACError):
        fs.load_src(fio.url)
        fs.run()
    assert PyFile.calls.get("read", 0) == 0


@needs_ff
def test_exception_in_read_is_reported(media: Path,
                                       unraisable: List[BaseException]) -> None:
    class Broken(PyFile):
        def read(self, arr: Any, size: int) -> int:
            raise RuntimeError("read failed")

    fio = gpac.FileIO(str(media), Broken())
    fs = gpac.FilterSession()
    with pytest.raises(gpac.GPACError):
        fs.load_src(fio.url)
        Sink(fs)
        fs.run()
    assert any(isinstance(e, RuntimeError) and str(e) == "read failed" for e in unraisable)


@needs_ff
def test_bad_read_result_is_reported(media: Path,
                                     unraisable: List[BaseException]) -> None:
    class Liar(PyFile):
        def read(self, arr: Any, size: int) -> Any:
            return size + 1 if PyFile.calls.setdefault("lie", 0) == 0 else "x"

    fio = gpac.FileIO(str(media), Liar())
    fs = gpac.FilterSession()
    with pytest.raises(gpac.GPACError):
        fs.load_src(fio.url)
        fs.run()
    assert unraisable and all(isinstance(e, (ValueError, TypeError)) for e in unraisable)


@needs_ff
def test_exception_in_open_is_reported(media: Path,
                                       unraisable: List[BaseException]) -> None:
    class Broken(PyFile):
        def open(self, url: str, mode: str) -> bool:
            raise OSError("no way")

    fio = gpac.FileIO(str(media), Broken())
    fs = gpac.FilterSession()
    with pytest.raises(gpac.GPACError):
        fs.load_src(fio.url)
        fs.run()
    assert any(isinstance(e, OSError) for e in unraisable)


# ---- writing ----


@needs_ff
def test_write_mp4(media: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.mp4"
    fio = gpac.FileIO(str(out), PyFile())
    fs = gpac.FilterSession()
    fs.load_src(str(media))
    fs.load_dst(fio.url)
    fs.run()
    fs.delete()
    assert PyFile.opens == [(str(out), "wb")]
    assert PyFile.calls["write"] > 0 and PyFile.calls["close"] == 1
    assert ffprobe_counts(out) == ffprobe_counts(media)


@needs_ff
def test_write_array_is_read_only(media: Path, tmp_path: Path) -> None:
    flags: List[bool] = []

    class Check(PyFile):
        def write(self, arr: Any, size: int) -> int:
            flags.append(bool(arr.flags.writeable) if hasattr(arr, "flags")
                         else not memoryview(arr).readonly)
            return super().write(arr, size)

    fio = gpac.FileIO(str(tmp_path / "o.mp4"), Check())
    fs = gpac.FilterSession()
    fs.load_src(str(media))
    fs.load_dst(fio.url)
    fs.run()
    assert flags and not any(flags)


@needs_ff
def test_write_dash(media: Path, tmp_path: Path) -> None:
    mpd = tmp_path / "dash" / "live.mpd"
    mpd.parent.mkdir()
    fio = gpac.FileIO(str(mpd), PyFile())
    fs = gpac.FilterSession()
    fs.load_src(str(media))
    fs.load_dst(fio.url + ":segdur=1")
    fs.run()
    fs.delete()
    files = {Path(u).name for u, _ in PyFile.opens}
    on_disk = {p.name for p in mpd.parent.iterdir()}
    # every file (manifest, init segments, media segments) went through the factory,
    # in the wrapped file's folder
    assert files == on_disk
    assert all(Path(u).parent == mpd.parent and m == "wb" for u, m in PyFile.opens)
    assert {"live.mpd", "init-stream0.m4s", "init-stream1.m4s"} <= files
    assert sum(n.startswith("chunk-") for n in files) >= 4
    assert PyFile.calls["open"] == PyFile.calls["close"] == len(PyFile.opens)
    assert ffprobe_counts(mpd)["video"] == ffprobe_counts(media)["video"]


@needs_ff
def test_exception_in_write_is_reported(media: Path, tmp_path: Path,
                                        unraisable: List[BaseException]) -> None:
    class Broken(PyFile):
        def write(self, arr: Any, size: int) -> int:
            raise RuntimeError("disk full")

    fio = gpac.FileIO(str(tmp_path / "o.mp4"), Broken())
    fs = gpac.FilterSession()
    with pytest.raises(gpac.GPACError):
        fs.load_src(str(media))
        fs.load_dst(fio.url)
        fs.run()
    assert any(str(e) == "disk full" for e in unraisable)


# ---- callback base classes (API.md 1.3, 2.12, 2.13) ----


def test_rmt_handler() -> None:
    h = gpac.RMTHandler()
    assert h.on_new_client(object()) is None
    assert h.on_client_close(object()) is None
    assert h.on_client_data(object(), b"x") is None

    class Mine(gpac.RMTHandler):
        def __init__(self) -> None:
            self.got: List[Any] = []

        def on_client_data(self, client: Any, data: Any) -> None:
            self.got.append(data)

    m = Mine()
    m.on_client_data(None, "hi")
    m.on_new_client(None)
    assert m.got == ["hi"] and isinstance(m, gpac.RMTHandler)


def test_http_out_request() -> None:
    r = gpac.HTTPOutRequest()
    assert (r.reply, r.body, r.headers_out) == (0, None, [])
    assert r.headers_out is not gpac.HTTPOutRequest().headers_out

    class Handler(gpac.HTTPOutRequest):
        def __init__(self) -> None:  # no super().__init__(): attributes still exist
            self.seen = 0

        def on_request(self, method: str, url: str, auth_code: int,
                       headers: List[str]) -> None:
            self.reply = 200
            self.body = "hello"
            self.headers_out = ["Content-Type", "text/plain"]

    h = Handler()
    assert (h.reply, h.body, h.headers_out, h.seen) == (0, None, [], 0)
    h.on_request("GET", "/", 200, [])
    assert (h.reply, h.body) == (200, "hello")
    h2 = h.__class__()  # how the binding makes one per request
    assert h2.reply == 0
    with pytest.raises(gpac.GPACError, match="no httpout filter in this build") as ei:
        h.send()
    assert ei.value.code == gpac.GF_NOT_SUPPORTED
    with pytest.raises(TypeError):
        gpac.HTTPOutRequest(1)  # type: ignore[call-arg]


def test_dash_custom_algorithm() -> None:
    class Algo(gpac.DASHCustomAlgorithm):
        def on_rate_adaptation(self, group: Any, base_group: Any,
                               force_low_complexity: int, stats: Any) -> int:
            return 0

    a = Algo()
    a.groups = []
    assert a.on_rate_adaptation(None, None, 0, None) == 0
    assert isinstance(a, gpac.DASHCustomAlgorithm)
    assert gpac.DASHCustomAlgorithm().__dict__ == {}


def test_bind_still_refuses(media: Path) -> None:
    fs = gpac.FilterSession()
    f = fs.load_src(str(media))
    with pytest.raises(gpac.GPACError):
        f.bind(gpac.DASHCustomAlgorithm())
