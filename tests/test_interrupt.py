"""Ctrl-C and signals during FilterSession.run() (py_session_run.c): a SIGINT sent to a
script stuck in an endless session comes out of run() as KeyboardInterrupt; so does
_thread.interrupt_main() from a timer thread or a task and signal.raise_signal() in a task;
a handler that does not raise runs during run() without stopping it; the previous
signal.set_wakeup_fd() is restored and gets the signal bytes; engine logs reach logging
while run() executes; the counters are back to zero after delete()."""

from __future__ import annotations

import _thread
import gc
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any, List

import pytest

import gpac
from gpac import _gpac

ENDLESS = "avgen:type=v:dur=0:sizes=64x48"
SINK = "inspect:log=null"


@pytest.fixture(autouse=True)
def clean_after() -> Any:
    yield
    gc.collect()
    counters = _gpac._counters()
    assert all(v == 0 for v in counters.values()), counters


def endless_session(flags: int = 0) -> gpac.FilterSession:
    fs = gpac.FilterSession(flags)
    fs.load(ENDLESS)
    fs.load(SINK)
    return fs


SCRIPT = """
    import gc, sys, time
    import gpac
    from gpac import _gpac
    fs = gpac.FilterSession()
    fs.load("%s")
    fs.load("%s")
    print("ready", flush=True)
    t0 = time.monotonic()
    try:
        fs.run()
        print("run ended by itself")
    except KeyboardInterrupt:
        print("KeyboardInterrupt after %%.2f s" %% (time.monotonic() - t0))
    fs.delete()
    del fs
    gc.collect()
    print("counters", sorted(_gpac._counters().values()))
""" % (ENDLESS, SINK)


def test_sigint_to_a_script_in_an_endless_session() -> None:
    pkg_root = str(Path(gpac.__file__).resolve().parent.parent)
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(SCRIPT)], cwd=pkg_root,
                            env=dict(os.environ, PYTHONPATH=pkg_root), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "KeyboardInterrupt after" in out
    assert "counters [0, 0, 0, 0, 0, 0]" in out


def test_interrupt_main_from_a_timer_thread() -> None:
    fs = endless_session()
    timer = threading.Timer(0.2, _thread.interrupt_main)
    timer.start()
    t0 = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        fs.run()
    assert time.monotonic() - t0 < 10
    timer.join()
    fs.delete()


def test_interrupt_main_from_a_timer_during_a_non_blocking_loop() -> None:
    fs = endless_session(gpac.GF_FS_FLAG_NON_BLOCKING)
    timer = threading.Timer(0.2, _thread.interrupt_main)
    timer.start()
    deadline = time.monotonic() + 10
    with pytest.raises(KeyboardInterrupt):
        while time.monotonic() < deadline:
            fs.run()
    timer.join()
    fs.delete()


@pytest.mark.parametrize("how", ["raise_signal", "interrupt_main"])
def test_interrupt_from_a_task(how: str) -> None:
    fs = endless_session()

    calls = []

    def ex() -> int:
        # once the graph is connected (an abort() while links are pending leaks in the
        # engine: test_session.py::test_abort_during_graph_resolution_leaks_nothing)
        calls.append(1)
        if len(calls) < 3:
            return 20
        if how == "raise_signal":
            signal.raise_signal(signal.SIGINT)
        else:
            _thread.interrupt_main()
        return 10

    task = gpac.FilterTask("ctrl-c")
    task.execute = ex  # type: ignore[method-assign]
    fs.post(task)
    with pytest.raises(KeyboardInterrupt) as ei:
        fs.run()
    assert any(fr.name == "ex" for fr in ei.traceback) or how == "interrupt_main"
    fs.delete()


def test_a_handler_that_does_not_raise_runs_during_run() -> None:
    fs = endless_session()
    calls: List[Any] = []

    def handler(signum: int, frame: Any) -> None:
        calls.append((signum, threading.current_thread() is threading.main_thread(),
                      time.monotonic()))

    old = signal.signal(signal.SIGUSR1, handler)
    timers = [threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGUSR1)),
              threading.Timer(0.8, fs.abort)]
    try:
        for t in timers:
            t.start()
        t0 = time.monotonic()
        fs.run()  # ends by abort(), not by the signal
        ended = time.monotonic()
    finally:
        for t in timers:
            t.join()
        signal.signal(signal.SIGUSR1, old)
    assert ended - t0 >= 0.7
    assert len(calls) == 1 and calls[0][:2] == (signal.SIGUSR1, True)
    assert calls[0][2] < t0 + 0.7  # called while run() was executing
    fs.delete()


def test_previous_wakeup_fd_is_restored_and_fed() -> None:
    rfd, wfd = os.pipe()
    os.set_blocking(wfd, False)
    os.set_blocking(rfd, False)
    old_handler = signal.signal(signal.SIGUSR1, lambda s, f: None)
    old_fd = signal.set_wakeup_fd(wfd)
    fs = endless_session()
    timers = [threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGUSR1)),
              threading.Timer(0.5, fs.abort)]
    try:
        for t in timers:
            t.start()
        fs.run()
        for t in timers:
            t.join()
        assert signal.set_wakeup_fd(old_fd) == wfd  # ours again after run()
        assert os.read(rfd, 16) == bytes([signal.SIGUSR1])
    finally:
        signal.signal(signal.SIGUSR1, old_handler)
        os.close(rfd)
        os.close(wfd)
        fs.delete()


def test_run_on_another_thread_ignores_signals() -> None:
    fs = endless_session()
    done: List[bool] = []

    def runner() -> None:
        fs.run()
        done.append(True)

    th = threading.Thread(target=runner)
    th.start()
    time.sleep(0.2)
    fs.abort()
    th.join(10)
    assert done == [True]
    fs.delete()


def test_engine_logs_reach_logging_while_running() -> None:
    records: List[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("gpac")
    handler = Collect()
    logger.addHandler(handler)
    fs = endless_session()
    seen_during_run: List[bool] = []
    state = {"n": 0}

    def ex() -> int:
        state["n"] += 1
        if state["n"] == 1:
            assert _gpac._log("core", "error", "logged mid-run")
            return 300  # the watcher flushes every 50 ms
        seen_during_run.append(any("logged mid-run" in r.getMessage() for r in records))
        fs.abort()
        return -1

    task = gpac.FilterTask("logs")
    task.execute = ex  # type: ignore[method-assign]
    fs.post(task)
    try:
        fs.run()
    finally:
        logger.removeHandler(handler)
        fs.delete()
    assert seen_during_run == [True]
