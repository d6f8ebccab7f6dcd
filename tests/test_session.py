"""FilterSession (API.md 2.1, py_session*.c): construction arguments and their errors, loading
filters and load errors, run()/delete() lifecycle, methods after delete(), filter identity,
on_filter_new/on_filter_del overrides (explicit, dynamic, custom filters, at delete and for
a session dropped without delete()), callback exceptions, non-blocking sessions, worker
threads, run() from another thread, lock(), printing, events, probing, and lifetimes (the
engine's counters back to zero)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
import time
import weakref
from pathlib import Path
from typing import Any, List, Optional

import pytest

import gpac
from gpac import _gpac

SRC = "avgen:type=v:dur=1/5:sizes=64x48"  # 5 raw video frames
ENDLESS = "avgen:type=v:dur=0:sizes=64x48"  # never ends by itself
SINK = "inspect:log=null"


def assert_clean() -> None:
    gc.collect()
    counters = _gpac._counters()
    assert all(v == 0 for v in counters.values()), counters


@pytest.fixture(autouse=True)
def clean_after() -> Any:
    yield
    assert_clean()


class Recorder(gpac.FilterSession):
    """Session recording its notifications (the howto's subclass pattern: arguments
    forwarded positionally)."""

    def __init__(self, flags: int = 0, blacklist: Optional[str] = None, nb_threads: int = 0,
                 sched_type: int = 0) -> None:
        gpac.FilterSession.__init__(self, flags, blacklist, nb_threads, sched_type)
        self.new: List[gpac.Filter] = []
        self.dels: List[gpac.Filter] = []
        self.threads: List[int] = []

    def on_filter_new(self, f: gpac.Filter) -> None:
        self.new.append(f)
        self.threads.append(threading.get_ident())

    def on_filter_del(self, f: gpac.Filter) -> None:
        self.dels.append(f)


def names(filters: List[gpac.Filter]) -> List[str]:
    return [f.name for f in filters]


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> List[BaseException]:
    """Exceptions reported as unraisable (callbacks with nowhere to propagate)."""
    seen: List[BaseException] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(u.exc_value))
    return seen


def run_script(code: str, timeout: float = 60) -> "subprocess.CompletedProcess[str]":
    """Runs code in a fresh interpreter using this gpac (engine leaks stay there)."""
    pkg_root = str(Path(gpac.__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=pkg_root)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=pkg_root)


# ---- construction ----


def test_defaults_and_positional_order() -> None:
    fs = gpac.FilterSession()
    assert fs.nb_filters == 0 and fs.last_task is True
    assert repr(fs) == "<FilterSession (0 filters)>"
    fs.delete()
    assert repr(fs) == "<FilterSession (deleted)>"
    fs = gpac.FilterSession(gpac.GF_FS_FLAG_NO_REGULATION, "", 1, gpac.GF_FS_SCHEDULER_LOCK)
    fs.delete()
    fs = gpac.FilterSession(flags=0, blacklist="ffenc,ffdec", nb_threads=-1, sched_type=4)
    fs.delete()


@pytest.mark.parametrize(
    "args,kwargs,exc",
    [
        (("x",), {}, TypeError),
        ((0, 5), {}, TypeError),
        ((0, b"ffenc"), {}, TypeError),
        ((0, None, 1.5), {}, TypeError),
        ((-1,), {}, OverflowError),
        ((1 << 32,), {}, OverflowError),
        ((0, None, -2), {}, ValueError),
        ((0, None, 100000), {}, ValueError),
        ((0, None, 0, 5), {}, ValueError),
        ((0, None, 0, -1), {}, ValueError),
        ((0, None, 0, 0, 0), {}, TypeError),
        ((), {"nope": 1}, TypeError),
        ((0, "a\0b"), {}, ValueError),
    ],
)
def test_bad_construction_arguments(args: Any, kwargs: Any, exc: type) -> None:
    with pytest.raises(exc):
        gpac.FilterSession(*args, **kwargs)


def test_init_twice_and_init_not_called() -> None:
    fs = gpac.FilterSession()
    with pytest.raises(RuntimeError):
        fs.__init__()  # type: ignore[misc]
    fs.delete()

    class NoInit(gpac.FilterSession):
        def __init__(self) -> None:
            pass

    ns = NoInit()
    with pytest.raises(gpac.GPACError, match="__init__"):
        ns.load(SRC)
    with pytest.raises(gpac.GPACError):
        ns.run()
    ns.delete()  # nothing to delete: no error


def test_attributes_weakref_and_truthiness() -> None:
    fs = gpac.FilterSession()
    fs.user_value = 12  # type: ignore[attr-defined]
    assert fs.user_value == 12  # type: ignore[attr-defined]
    ref = weakref.ref(fs)
    assert ref() is fs and bool(fs)
    fs.delete()
    assert bool(fs)
    del fs
    gc.collect()
    assert ref() is None


# ---- loading ----


def test_load_and_get_filter_identity() -> None:
    fs = gpac.FilterSession()
    src = fs.load(SRC)
    dst = fs.load(SINK)
    assert fs.nb_filters == 2
    assert fs.get_filter(0) is src and fs.get_filter(1) is dst
    assert src.name == "avgen" and dst.name == "inspect"
    with pytest.raises(IndexError):
        fs.get_filter(2)
    with pytest.raises(IndexError):
        fs.get_filter(-1)
    with pytest.raises(TypeError):
        fs.get_filter("0")  # type: ignore[arg-type]
    fs.delete()


def test_load_errors() -> None:
    fs = gpac.FilterSession()
    with pytest.raises(gpac.FilterNotFoundError) as ei:
        fs.load("nofilter:opt=1")
    assert ei.value.code == -11 and ei.value.code == gpac.GF_FILTER_NOT_FOUND
    assert str(ei.value).startswith("Failed to load filter nofilter:opt=1: ")
    with pytest.raises(gpac.URLError) as eu:
        fs.load_src("/nonexistent/dir/file.mp4")
    assert eu.value.code == -12
    assert str(eu.value).startswith("Failed to load source filter /nonexistent/dir/file.mp4")
    assert eu.value.url == "/nonexistent/dir/file.mp4"
    with pytest.raises(gpac.GPACError) as eb:
        fs.load("avgen:nosuchoption=1")
    assert eb.value.code == -1 and isinstance(eb.value, ValueError)
    for bad in (12, None, b"avgen"):
        with pytest.raises(TypeError):
            fs.load(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        fs.load("avgen\0")
    with pytest.raises(TypeError):
        fs.load_src(SRC, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fs.load_src()  # type: ignore[call-arg]
    assert fs.nb_filters == 0
    fs.delete()


def test_load_src_dst_keywords_and_parent(tmp_path: Path) -> None:
    (tmp_path / "in.bin").write_bytes(b"\0" * 100)
    fs = gpac.FilterSession()
    f = fs.load_src(URL="in.bin", parentURL=str(tmp_path / "playlist.m3u8"))
    assert f.name == "fin"
    d = fs.load_dst(URL=str(tmp_path / "out.unknownext"))  # not an error at load time
    assert fs.nb_filters == 2 and fs.get_filter(1) is d
    fs.delete()


# ---- run / delete ----


def test_run_then_delete_lifecycle() -> None:
    fs = gpac.FilterSession()
    src = fs.load(SRC)
    fs.load(SINK)
    assert fs.run() is None
    # filters stay after a blocking run
    assert fs.nb_filters == 2 and fs.get_filter(0) is src
    fs.run()  # nothing left to do
    fs.delete()
    fs.delete()  # idempotent
    with pytest.raises(gpac.GPACError):
        src.name


@pytest.mark.parametrize(
    "call",
    [
        lambda fs: fs.run(),
        lambda fs: fs.load(SRC),
        lambda fs: fs.load_src(SRC),
        lambda fs: fs.load_dst("null"),
        lambda fs: fs.get_filter(0),
        lambda fs: fs.nb_filters,
        lambda fs: fs.last_task,
        lambda fs: fs.http_bitrate,
        lambda fs: fs.http_max_bitrate,
        lambda fs: setattr(fs, "http_max_bitrate", 10),
        lambda fs: fs.post(gpac.FilterTask("t")),
        lambda fs: fs.abort(),
        lambda fs: fs.lock(True),
        lambda fs: fs.reporting(True),
        lambda fs: fs.print_graph(),
        lambda fs: fs.print_stats(),
        lambda fs: fs.fire_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY)),
        lambda fs: fs.is_supported_source("avgen"),
        lambda fs: fs.is_supported_mime("video/mp4"),
        lambda fs: fs.external_opengl_provider(),
    ],
)
def test_methods_after_delete_raise(call: Any) -> None:
    fs = gpac.FilterSession()
    fs.load(SRC)
    fs.delete()
    with pytest.raises(gpac.GPACError, match="delete"):
        call(fs)


def test_session_dropped_without_delete_is_destroyed_quietly() -> None:
    fs = Recorder()
    src = fs.load(SRC)
    fs.load(SINK)
    fs.run()
    dels = fs.dels
    ref = weakref.ref(fs)
    del fs
    gc.collect()
    assert ref() is not None  # the filter wrapper keeps its session alive
    assert src.name == "avgen"
    del src
    gc.collect()
    assert ref() is None
    assert dels == []  # no Python override is called for a dying session


def test_session_dropped_with_a_custom_filter_cycle() -> None:
    class Sink(gpac.FilterCustom):
        def __init__(self, fs: gpac.FilterSession) -> None:
            gpac.FilterCustom.__init__(self, fs, "PYsink")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
            self.fs = fs  # cycle through the user's attribute too

        def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
            if not is_remove and pid not in self.ipids:
                pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
            return 0

        def process(self) -> int:
            for pid in self.ipids:
                while pid.get_packet() is not None:
                    pid.drop_packet()
            return 0

    fs = gpac.FilterSession()
    fs.load(SRC)
    sink = Sink(fs)
    assert fs.get_filter(1) is sink
    fs.run()
    del fs, sink
    # only the cycle collector can free them; the counters check is in the fixture


# ---- notifications ----


def test_on_filter_new_and_del_for_explicit_and_dynamic_filters(tmp_path: Path) -> None:
    fs = Recorder()
    src = fs.load(SRC)
    dst = fs.load_dst(str(tmp_path / "out.mp4"))
    assert fs.new == [src, dst]
    fs.run()
    assert names(fs.new) == ["avgen", "ffmx", "ffenc"]  # the encoder is dynamic
    assert [fs.get_filter(i) for i in range(fs.nb_filters)] == fs.new
    created = list(fs.new)
    fs.delete()
    assert sorted(map(id, fs.dels)) == sorted(map(id, created))
    assert all(f in fs.dels for f in created)
    assert (tmp_path / "out.mp4").stat().st_size > 0


def test_on_filter_new_for_a_custom_filter_receives_a_plain_filter() -> None:
    fs = Recorder()
    fs.load(SRC)

    class Sink(gpac.FilterCustom):
        def __init__(self, fs: gpac.FilterSession) -> None:
            gpac.FilterCustom.__init__(self, fs, "PYsink")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)

    sink = Sink(fs)
    assert len(fs.new) == 2
    plain = fs.new[1]
    assert type(plain) is gpac.Filter and plain is not sink
    assert fs.get_filter(1) is sink  # the FilterCustom replaced the plain wrapper
    fs.delete()
    assert sink in fs.dels


def test_on_filter_new_exception_comes_out_of_load() -> None:
    class Bad(gpac.FilterSession):
        def on_filter_new(self, f: gpac.Filter) -> None:
            raise LookupError("refused " + f.name)

    fs = Bad()
    with pytest.raises(LookupError, match="refused avgen"):
        fs.load(SRC)
    assert fs.nb_filters == 1  # the filter was made: it stays
    fs.delete()


def test_on_filter_new_exception_during_run() -> None:
    class Bad(gpac.FilterSession):
        def on_filter_new(self, f: gpac.Filter) -> None:
            if f.name == "inspect":
                raise LookupError("no sink")

    fs = Bad()
    fs.load(ENDLESS)
    class Loader(gpac.FilterTask):
        def execute(self) -> None:
            fs.load(SINK)

    fs.post(Loader("loader"))
    with pytest.raises(LookupError, match="no sink") as ei:
        fs.run()  # the session stopped although its source is endless
    assert any(fr.name == "on_filter_new" for fr in ei.traceback)
    fs.delete()


DYNAMIC_ERROR = """
    import gc, gpac
    from gpac import _gpac

    class Bad(gpac.FilterSession):
        def on_filter_new(self, f):
            if f.name == "ffenc":
                raise LookupError("no encoder")

    fs = Bad()
    fs.load("%s")
    fs.load_dst(%r)
    try:
        fs.run()
    except LookupError as e:
        print("raised", e)
    fs.delete()
    del fs
    gc.collect()
    print("counters", sorted(_gpac._counters().items()))
"""


def test_on_filter_new_exception_for_a_dynamic_filter(tmp_path: Path) -> None:
    out = run_script(DYNAMIC_ERROR % (SRC, str(tmp_path / "out.mp4")))
    assert out.returncode == 0, out.stderr
    assert "raised no encoder" in out.stdout


def test_abort_during_graph_resolution_leaks_nothing(tmp_path: Path) -> None:
    out = run_script(DYNAMIC_ERROR % (SRC, str(tmp_path / "out.mp4")))
    assert "('pids', 0)" in out.stdout and "('propmaps', 0)" in out.stdout, out.stdout


def test_on_filter_del_exception_comes_out_of_delete(unraisable: List[BaseException]) -> None:
    class Bad(gpac.FilterSession):
        def on_filter_del(self, f: gpac.Filter) -> None:
            raise LookupError("del " + f.name)

    fs = Bad()
    fs.load(SRC)
    fs.load(SINK)
    with pytest.raises(LookupError, match="del inspect"):
        fs.delete()  # the first one
    assert [str(e) for e in unraisable] == ["del avgen"]  # nowhere else to go
    with pytest.raises(gpac.GPACError):
        fs.nb_filters
    fs.delete()


def test_default_overrides_do_nothing() -> None:
    plain = gpac.FilterSession()
    f = plain.load(SRC)
    assert plain.on_filter_new(f) is None
    assert plain.on_filter_del(f) is None
    assert plain.on_gl_activate(True) is None
    plain.delete()


# ---- threads and modes ----


def test_worker_threads_session(tmp_path: Path) -> None:
    fs = Recorder(0, None, 2)
    fs.load(SRC)
    fs.load_dst(str(tmp_path / "out.mp4"))
    fs.run()
    assert names(fs.new) == ["avgen", "ffmx", "ffenc"]
    fs.delete()
    assert len(fs.dels) == 3


def test_notifications_on_a_non_main_thread(tmp_path: Path) -> None:
    fs = Recorder(0, None, 2)
    fs.load(SRC)
    fs.load_dst(str(tmp_path / "out.mp4"))
    th = threading.Thread(target=fs.run)
    th.start()
    th.join(60)
    assert not th.is_alive()
    assert names(fs.new) == ["avgen", "ffmx", "ffenc"]
    assert fs.threads[-1] == th.ident  # the dynamic filter: on the thread running it
    fs.delete()


def test_run_from_another_thread() -> None:
    fs = Recorder(0, None, 1)
    fs.load(ENDLESS)
    fs.load(SINK)
    errors: List[BaseException] = []

    def runner() -> None:
        try:
            fs.run()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    th = threading.Thread(target=runner)
    th.start()
    time.sleep(0.2)
    with pytest.raises(RuntimeError, match="another thread"):
        fs.run()
    with pytest.raises(RuntimeError, match="another thread"):
        fs.load(SRC)
    with pytest.raises(RuntimeError):
        fs.delete()
    fs.lock(True)  # enumerate from this thread under the lock
    assert fs.get_filter(0).name == "avgen"
    fs.lock(False)
    fs.abort()  # any thread
    th.join(10)
    assert not th.is_alive() and errors == []
    fs.delete()


def test_non_blocking_loop() -> None:
    fs = gpac.FilterSession(gpac.GF_FS_FLAG_NON_BLOCKING)
    fs.load(SRC)
    fs.load(SINK)
    loops = 0
    while True:
        fs.run()
        loops += 1
        if fs.last_task:
            break
        assert loops < 100000
    assert loops > 1
    fs.run()  # GF_EOS is not an error
    fs.delete()


def test_run_reentrant_and_delete_from_callback() -> None:
    fs = gpac.FilterSession()
    fs.load(SRC)
    fs.load(SINK)
    seen: List[str] = []

    def ex(self: gpac.FilterTask) -> Optional[int]:
        for call in (fs.run, fs.delete):
            try:
                call()
            except RuntimeError as e:
                seen.append(str(e))
        return None

    t = gpac.FilterTask("reenter")
    t.execute = ex.__get__(t)  # type: ignore[method-assign]
    fs.post(t)
    fs.run()
    assert len(seen) == 2 and "callbacks" in seen[0] and "run()" in seen[1]
    fs.delete()


def test_run_and_delete_refused_in_notifications() -> None:
    errors: List[str] = []

    class Meddling(gpac.FilterSession):
        def on_filter_new(self, f: gpac.Filter) -> None:
            for call in (self.run, self.delete):
                try:
                    call()
                except RuntimeError as e:
                    errors.append(str(e))

    fs = Meddling()
    fs.load(SRC)
    assert len(errors) == 2 and all("on_filter_new" in e or "callbacks" in e for e in errors)
    assert fs.nb_filters == 1
    fs.delete()


def test_engine_failure_raises_gpacerror() -> None:
    class Failing(gpac.FilterCustom):
        def __init__(self, fs: gpac.FilterSession) -> None:
            gpac.FilterCustom.__init__(self, fs, "PYfail")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_OUTPUT)

        def process(self) -> int:
            return gpac.GF_CORRUPTED_DATA

    fs = gpac.FilterSession()
    Failing(fs)
    with pytest.raises(gpac.GPACError, match="^Failed to run session") as ei:
        fs.run()
    assert ei.value.code == gpac.GF_CORRUPTED_DATA
    fs.delete()


def test_abort_and_its_arguments() -> None:
    fs = gpac.FilterSession()
    fs.load(ENDLESS)
    fs.load(SINK)
    with pytest.raises(ValueError):
        fs.abort(5)
    with pytest.raises(TypeError):
        fs.abort("all")  # type: ignore[arg-type]
    timer = threading.Timer(0.2, fs.abort, kwargs={"flush": gpac.GF_FS_FLUSH_ALL})
    timer.start()
    t0 = time.monotonic()
    fs.run()
    assert time.monotonic() - t0 < 10
    timer.join()
    fs.delete()


def test_lock_rules() -> None:
    fs = gpac.FilterSession()
    fs.load(SRC)
    with pytest.raises(RuntimeError):
        fs.lock(False)
    fs.lock(True)
    with pytest.raises(RuntimeError):
        fs.lock(True)
    assert fs.get_filter(0).name == "avgen"
    with pytest.raises(RuntimeError):
        fs.run()
    with pytest.raises(RuntimeError):
        fs.load(SINK)
    fs.lock(False)
    fs.lock(True)
    fs.delete()  # unlocks


# ---- printing, events, probing, small members ----


def test_print_graph_and_stats_go_to_sys_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    fs = gpac.FilterSession()
    fs.load(SRC)
    fs.load(SINK)
    fs.run()
    fs.print_graph()
    fs.print_stats()
    err = capsys.readouterr().err
    assert "avgen" in err and "inspect" in err
    fs.delete()


def test_fire_event() -> None:
    fs = gpac.FilterSession()
    src = fs.load(SRC)
    dst = fs.load(SINK)
    other = gpac.FilterSession()
    ofilter = other.load(SRC)
    evt = gpac.FilterEvent(gpac.GF_FEVT_PLAY)
    assert fs.fire_event(evt) is False  # nothing connected yet
    fs.run()
    assert fs.fire_event(evt) is True
    assert fs.fire_event(evt, dst, True) is True
    assert fs.fire_event(evt, src, upstream=True) is False  # a source has no input
    assert fs.fire_event(evt=evt, _filter=None) is True
    with pytest.raises(TypeError):
        fs.fire_event("PLAY")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fs.fire_event(evt, "inspect")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        fs.fire_event(evt, ofilter)
    other.delete()
    fs.delete()


def test_is_supported_source_and_mime(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "media.bin").write_bytes(b"x")
    fs = gpac.FilterSession()
    assert fs.is_supported_source("avgen") is True
    assert fs.is_supported_source(str(tmp_path / "sub" / "media.bin")) is True
    assert fs.is_supported_source("media.bin", str(tmp_path / "sub" / "index.mpd")) is True
    assert fs.is_supported_source("media.bin", parent=str(tmp_path / "x.mpd")) is False
    for garbage in ("", "/nonexistent/x.mp4", "a\0b", "\ud800", "::::", "x" * 10000):
        assert fs.is_supported_source(garbage) is False
    with pytest.raises(TypeError):
        fs.is_supported_source(5)  # type: ignore[arg-type]
    assert fs.is_supported_mime("video/x-nothing") is False
    assert fs.is_supported_mime("\ud800") is False
    with pytest.raises(TypeError):
        fs.is_supported_mime(None)  # type: ignore[arg-type]
    fs.delete()


def test_small_members() -> None:
    fs = gpac.FilterSession()
    assert fs.http_bitrate == 0 and fs.http_max_bitrate == 0
    fs.http_max_bitrate = 1000000
    assert fs.http_max_bitrate == 1000000
    with pytest.raises(OverflowError):
        fs.http_max_bitrate = -1
    with pytest.raises(TypeError):
        fs.http_max_bitrate = "fast"  # type: ignore[assignment]
    with pytest.raises(TypeError):
        del fs.http_max_bitrate
    with pytest.raises(AttributeError):
        fs.nb_filters = 3  # type: ignore[misc]
    assert fs.reporting(True) is None and fs.reporting(False) is None
    assert fs.external_opengl_provider() is None
    fs.delete()


def test_counters_function() -> None:
    c = _gpac._counters()
    assert set(c) == {"sessions", "filters", "pids", "packets", "propmaps", "tasks"}
    fs = gpac.FilterSession()
    fs.load(SRC)
    c = _gpac._counters()
    assert c["sessions"] == 1 and c["filters"] == 1
    fs.delete()
