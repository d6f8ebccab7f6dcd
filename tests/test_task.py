"""FilterTask (API.md 2.2, py_task.c) and FilterSession.post(): attributes, execution order
and delays, the end of a task (None, negative), per-instance and subclass execute(),
exceptions and bad results (they stop the session and come out of run() with their
traceback), last_task as the howto uses it, non-blocking sessions, and lifetimes."""

from __future__ import annotations

import gc
import time
import types
import weakref
from typing import Any, List, Optional

import pytest

import gpac
from gpac import _gpac

SRC = "avgen:type=v:dur=1/5:sizes=64x48"
ENDLESS = "avgen:type=v:dur=0:sizes=64x48"
SINK = "inspect:log=null"


@pytest.fixture(autouse=True)
def clean_after() -> Any:
    yield
    gc.collect()
    counters = _gpac._counters()
    assert all(v == 0 for v in counters.values()), counters


class Counter(gpac.FilterTask):
    """Calls itself `times` times with `delay` ms between calls, logging each call."""

    def __init__(self, name: str, log: List[Any], times: int = 1, delay: int = 0) -> None:
        gpac.FilterTask.__init__(self, name)
        self.log = log
        self.times = times
        self.delay = delay
        self.calls = 0

    def execute(self) -> Optional[int]:
        self.calls += 1
        self.log.append((self.name, self.calls, time.monotonic()))
        return self.delay if self.calls < self.times else None


# ---- the type ----


def test_defaults_and_attributes() -> None:
    t = gpac.FilterTask("tick")
    assert t.name == "tick" and t.session is None
    assert t.execute() == -1
    assert repr(t) == "<FilterTask 'tick'>"
    t.count = 0
    t.count += 1
    assert t.count == 1
    t.name = "tock"
    assert t.name == "tock"
    with pytest.raises(TypeError):
        t.name = 5  # type: ignore[assignment]
    with pytest.raises(TypeError):
        del t.name
    with pytest.raises(AttributeError):
        t.session = None  # type: ignore[misc]
    ref = weakref.ref(t)
    del t
    assert ref() is None


@pytest.mark.parametrize("args", [(), (1,), (b"x",), ("a", "b")])
def test_bad_construction(args: Any) -> None:
    with pytest.raises(TypeError):
        gpac.FilterTask(*args)


def test_post_errors() -> None:
    fs = gpac.FilterSession()
    for bad in (None, "task", lambda: 0):
        with pytest.raises(TypeError):
            fs.post(bad)  # type: ignore[arg-type]
    fs.delete()
    with pytest.raises(gpac.GPACError):
        fs.post(gpac.FilterTask("late"))


# ---- running ----


def test_order_delays_and_end() -> None:
    fs = gpac.FilterSession()
    log: List[Any] = []
    a = Counter("a", log, times=3, delay=20)
    b = Counter("b", log)
    c = Counter("c", log, times=2, delay=0)
    for t in (a, b, c):
        fs.post(t)
        assert t.session is fs
    t0 = time.monotonic()
    fs.run()
    order = [(n, i) for n, i, _ in log]
    # tasks due at the same time run in posting order
    assert order[:3] == [("a", 1), ("b", 1), ("c", 1)]
    assert sorted(order) == [("a", 1), ("a", 2), ("a", 3), ("b", 1), ("c", 1), ("c", 2)]
    times_a = [at for n, _, at in log if n == "a"]
    assert all(t2 - t1 >= 0.015 for t1, t2 in zip(times_a, times_a[1:]))
    assert time.monotonic() - t0 < 5
    assert a.session is None and b.session is None  # done: the session let them go
    fs.delete()


@pytest.mark.parametrize("end", [None, -1, -1000, -(1 << 70)])
def test_none_and_negative_end_a_task(end: Any) -> None:
    fs = gpac.FilterSession()
    calls: List[int] = []

    def ex(self: gpac.FilterTask) -> Any:
        calls.append(1)
        return end

    t = gpac.FilterTask("once")
    t.execute = types.MethodType(ex, t)  # type: ignore[method-assign]
    fs.post(t)
    fs.run()
    assert calls == [1]
    fs.delete()


def test_per_instance_override_and_howto_last_task() -> None:
    """The howto's task: runs every few ms until the session's last task."""
    fs = gpac.FilterSession()
    fs.load(SRC)
    fs.load(SINK)
    seen: List[int] = []

    def my_exec(self: gpac.FilterTask) -> int:
        assert self.session is not None
        if self.session.last_task:
            return -1
        seen.append(self.session.nb_filters)
        self.count += 1
        return 5

    task = gpac.FilterTask("testtask")
    task.execute = types.MethodType(my_exec, task)  # type: ignore[method-assign]
    task.count = 0
    fs.post(task)
    t0 = time.monotonic()
    fs.run()
    assert time.monotonic() - t0 < 10  # last_task became true: the run ended
    assert task.count >= 1 and seen[0] == 2
    fs.delete()


def test_task_posting_tasks() -> None:
    fs = gpac.FilterSession()
    log: List[Any] = []

    class Spawner(gpac.FilterTask):
        def execute(self) -> Optional[int]:
            fs.post(Counter("child", log, times=2, delay=1))
            return None

    fs.post(Spawner("spawner"))
    fs.run()
    assert [(n, i) for n, i, _ in log] == [("child", 1), ("child", 2)]
    fs.delete()


def test_same_task_posted_twice() -> None:
    fs = gpac.FilterSession()
    log: List[Any] = []
    t = Counter("twice", log, times=4, delay=1)
    fs.post(t)
    fs.post(t)
    fs.run()
    assert t.calls == 5  # two schedules: each ends at its first call past times
    fs.delete()


def test_exception_in_execute_stops_the_session_with_its_traceback() -> None:
    fs = gpac.FilterSession()
    fs.load(ENDLESS)
    fs.load(SINK)

    class Failing(gpac.FilterTask):
        def execute(self) -> int:
            self.n = getattr(self, "n", 0) + 1
            if self.n == 3:
                raise ZeroDivisionError("task failed")
            return 30  # the graph is linked before the failure

    task = Failing("failing")
    fs.post(task)
    t0 = time.monotonic()
    with pytest.raises(ZeroDivisionError, match="task failed") as ei:
        fs.run()
    assert time.monotonic() - t0 < 10
    assert ei.traceback[-1].name == "execute"
    fs.run()  # the session stays stopped: returns at once
    fs.delete()


@pytest.mark.parametrize("bad", ["10", 1.5, [], object()])
def test_bad_result_type(bad: Any) -> None:
    fs = gpac.FilterSession()
    t = gpac.FilterTask("bad")
    t.execute = lambda: bad  # type: ignore[method-assign]
    fs.post(t)
    with pytest.raises(TypeError, match="execute"):
        fs.run()
    fs.delete()


def test_bool_and_huge_results_are_ints() -> None:
    fs = gpac.FilterSession(gpac.GF_FS_FLAG_NON_BLOCKING)
    results = iter([True, 1 << 80])
    calls: List[int] = []

    def ex() -> int:
        calls.append(1)
        return next(results)

    t = gpac.FilterTask("ints")
    t.execute = ex  # type: ignore[method-assign]
    fs.post(t)
    deadline = time.monotonic() + 5
    while len(calls) < 2 and time.monotonic() < deadline:
        fs.run()
    assert calls == [1, 1]  # True: again in 1 ms; 1 << 80: "much later"
    assert t.session is fs  # still scheduled
    fs.delete()  # drops it
    assert t.session is fs  # (the attribute is only reset when the task ends)


def test_non_blocking_session_runs_tasks_in_run_calls() -> None:
    fs = gpac.FilterSession(gpac.GF_FS_FLAG_NON_BLOCKING)
    log: List[Any] = []
    fs.post(Counter("nb", log, times=3, delay=0))
    loops = 0
    while True:
        fs.run()
        loops += 1
        if fs.last_task or loops > 1000:
            break
    assert [i for _, i, _ in log] == [1, 2, 3]
    fs.delete()


def test_posted_tasks_released_at_delete() -> None:
    fs = gpac.FilterSession()
    t = Counter("never", [], times=10, delay=1000)
    ref = weakref.ref(t)
    fs.post(t)
    del t
    gc.collect()
    assert ref() is not None  # the session keeps it while posted
    fs.delete()
    gc.collect()
    assert ref() is None
