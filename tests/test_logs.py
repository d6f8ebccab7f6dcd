"""Engine logs reach Python's logging: the engine's callback only queues (any thread, no
Python), a flush emits the queue through logging.getLogger("gpac") with the tool as a
"[tool] " prefix and extra gpac_tool; set_logs() levels still filter at the source; the
queue is bounded and counts what it drops."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator, List, Tuple, Type

import pytest

import gpac
import gpac._gpac as _gpac

QUEUE_MAX = 10000  # py_logs.c LOG_QUEUE_MAX
MSG_MAX = 64 << 10  # py_logs.c LOG_MSG_MAX
QUEUE_BYTES = 8 << 20  # py_logs.c LOG_QUEUE_BYTES


@pytest.fixture(autouse=True)
def clean_logs() -> Iterator[None]:
    """Empty queue and default levels before and after each test."""
    gpac.set_logs("all@warning", reset=True)
    _gpac._flush_logs()
    yield
    gpac.set_logs("all@warning", reset=True)
    _gpac._flush_logs()


def gpac_records(caplog: pytest.LogCaptureFixture) -> List[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "gpac"]


def test_message_reaches_logging(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="gpac")
    assert _gpac._log("filter", "warning", "cannot open input 100%s") is True
    assert gpac_records(caplog) == []  # queued, not emitted yet
    assert _gpac._flush_logs() == 1
    (rec,) = gpac_records(caplog)
    assert rec.levelno == logging.WARNING
    assert rec.getMessage() == "[filter] cannot open input 100%s"
    assert rec.gpac_tool == "filter"  # type: ignore[attr-defined]
    assert _gpac._flush_logs() == 0


@pytest.mark.parametrize(
    "level,pylevel",
    [("error", logging.ERROR), ("warning", logging.WARNING), ("info", logging.INFO),
     ("debug", logging.DEBUG)],
)
def test_level_mapping(caplog: pytest.LogCaptureFixture, level: str, pylevel: int) -> None:
    caplog.set_level(logging.DEBUG, logger="gpac")
    gpac.set_logs("core@debug")
    assert _gpac._log("core", level, "lvl " + level)
    _gpac._flush_logs()
    (rec,) = gpac_records(caplog)
    assert rec.levelno == pylevel and rec.getMessage() == "[core] lvl " + level


def test_set_logs_filters_at_the_source(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="gpac")
    gpac.set_logs("core@warning:dash@debug")
    assert _gpac._log("core", "info", "hidden") is False
    assert _gpac._log("core", "error", "shown") is True
    assert _gpac._log("dash", "debug", "dash detail") is True
    gpac.set_logs("all@quiet")
    assert _gpac._log("core", "error", "quiet") is False
    assert _gpac._flush_logs() == 2
    assert [r.getMessage() for r in gpac_records(caplog)] == [
        "[core] shown", "[dash] dash detail",
    ]


def test_python_logger_level_filters_too(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="gpac")
    gpac.set_logs("core@debug")
    _gpac._log("core", "info", "below the logger level")
    _gpac._log("core", "error", "kept")
    assert _gpac._flush_logs() == 1
    assert [r.getMessage() for r in gpac_records(caplog)] == ["[core] kept"]


def test_order_and_trailing_newline(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="gpac")
    for i in range(50):
        _gpac._log("core", "warning", "line %d\n" % i)
    assert _gpac._flush_logs() == 50
    assert [r.getMessage() for r in gpac_records(caplog)] == [
        "[core] line %d" % i for i in range(50)
    ]


def test_overflow_drops_oldest_and_counts(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="gpac")
    extra = 37
    for i in range(QUEUE_MAX + extra):
        _gpac._log("core", "warning", "m%d" % i)
    assert _gpac._flush_logs() == QUEUE_MAX + 1
    recs = gpac_records(caplog)
    assert recs[0].levelno == logging.WARNING
    assert recs[0].getMessage().startswith("[core] %d engine log messages dropped" % extra)
    assert recs[1].getMessage() == "[core] m%d" % extra
    assert recs[-1].getMessage() == "[core] m%d" % (QUEUE_MAX + extra - 1)
    assert _gpac._flush_logs() == 0  # the count was reported once


def test_long_messages_are_cut_and_bounded(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="gpac")
    big = "x" * (MSG_MAX + 1000)
    n = QUEUE_BYTES // MSG_MAX + 20
    for _ in range(n):
        _gpac._log("core", "error", big)
    emitted = _gpac._flush_logs()
    recs = gpac_records(caplog)
    assert emitted == len(recs) == QUEUE_BYTES // MSG_MAX + 1
    assert "dropped" in recs[0].getMessage()
    assert all(len(r.getMessage()) == len("[core] ") + MSG_MAX for r in recs[1:])


def test_log_from_other_threads(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="gpac")

    def work(k: int) -> None:
        for i in range(200):
            _gpac._log("network", "warning", "t%d %d" % (k, i))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _gpac._flush_logs() == 800
    msgs = [r.getMessage() for r in gpac_records(caplog)]
    for k in range(4):
        mine = [m for m in msgs if m.startswith("[network] t%d " % k)]
        assert mine == ["[network] t%d %d" % (k, i) for i in range(200)]


def test_concurrent_log_and_flush(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="gpac")
    stop = threading.Event()
    total = [0]

    def producer() -> None:
        i = 0
        while not stop.is_set() and i < 20000:
            _gpac._log("sched", "warning", "p%d" % i)
            i += 1
        total[0] = i

    t = threading.Thread(target=producer)
    t.start()
    emitted = 0
    while t.is_alive():
        emitted += _gpac._flush_logs()
    t.join()
    emitted += _gpac._flush_logs()
    recs = [r.getMessage() for r in gpac_records(caplog)]
    assert emitted == len(recs)
    # a slow flusher may let the queue overflow: then the oldest went, and were counted
    dropped = sum(int(m.split()[1]) for m in recs if m.startswith("[core] "))
    got = [int(m[len("[sched] p"):]) for m in recs if m.startswith("[sched] ")]
    assert got == sorted(got) and len(set(got)) == len(got)
    assert len(got) + dropped == total[0]


@pytest.mark.parametrize(
    "args,exc",
    [
        (("nope", "info", "x"), ValueError),
        (("core", "quiet", "x"), ValueError),
        (("core", "", "x"), ValueError),
        (("core", "verbose", "x"), ValueError),
        ((1, "info", "x"), TypeError),
        (("core", "info", b"x"), TypeError),
        (("core", "info"), TypeError),
    ],
)
def test_log_bad_arguments(args: Tuple[object, ...], exc: Type[Exception]) -> None:
    with pytest.raises(exc):
        _gpac._log(*args)  # type: ignore[arg-type]


def test_unconfigured_logging_prints_warnings_to_stderr(tmp_path: Path) -> None:
    """No handler anywhere: logging's last resort prints WARNING and above, as the CLI
    does; INFO stays silent."""
    code = (
        "import gpac, gpac._gpac as g; gpac.set_logs('core@info'); "
        "g._log('core', 'warning', 'visible'); g._log('core', 'info', 'invisible'); "
        "g._flush_logs()"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "[core] visible" in out.stderr
    assert "invisible" not in out.stderr


def test_second_module_object_flushes_the_shared_queue(tmp_path: Path) -> None:
    code = (
        "import sys, logging; logging.basicConfig(level=logging.DEBUG, format='%(message)s', "
        "stream=sys.stdout); import gpac._gpac as a; del sys.modules['gpac._gpac']; "
        "import importlib; b = importlib.import_module('gpac._gpac'); assert a is not b; "
        "a._log('core', 'error', 'from a'); b._log('core', 'error', 'from b'); "
        "print(b._flush_logs(), a._flush_logs())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n") == ["[core] from a", "[core] from b", "2 0", ""]


def test_messages_queued_at_exit_are_emitted(tmp_path: Path) -> None:
    code = (
        "import sys, logging; logging.basicConfig(level=logging.DEBUG, format='%(message)s', "
        "stream=sys.stdout); import gpac._gpac as g; g._log('core', 'error', 'last words')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout == "[core] last words\n"
