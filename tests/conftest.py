"""Shared fixtures: the installed native `gpac` program, a runner with a timeout, and the
repository root."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# `python -m pytest` run from the repository root puts the root on sys.path, where gpac/
# is the source tree without the compiled _gpac: the tests are for the installed package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO_ROOT]

# Every CLI run gets this many seconds; a run that needs more is a hang.
CLI_TIMEOUT = 60.0


def _gpac_candidates() -> List[Path]:
    """Where `pip install .` puts the native program for this interpreter, then PATH."""
    found: List[Path] = []
    env = os.environ.get("GPAC_EXE")
    if env:
        found.append(Path(env))
    found.append(Path(sys.executable).parent / "gpac")
    schemes = [os.name + "_user"]
    if hasattr(sysconfig, "get_default_scheme"):
        schemes.insert(0, sysconfig.get_default_scheme())
    for scheme in schemes:
        try:
            found.append(Path(sysconfig.get_path("scripts", scheme)) / "gpac")
        except KeyError:
            pass
    on_path = shutil.which("gpac")
    if on_path:
        found.append(Path(on_path))
    return found


def _is_our_gpac(exe: Path) -> bool:
    """True for this project's program (GPAC's own gpac may also be installed)."""
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        return False
    try:
        out = subprocess.run(
            [str(exe), "-version"], capture_output=True, text=True, timeout=CLI_TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and "gpac (native)" in out.stdout


@pytest.fixture(scope="session")
def gpac_exe() -> Path:
    """Path of the installed native `gpac` program (GPAC_EXE overrides the search)."""
    for exe in _gpac_candidates():
        if _is_our_gpac(exe):
            return exe
    pytest.fail(
        "the native gpac program was not found next to %s, in the scripts directories or "
        "on PATH: install the package first (make install)" % sys.executable
    )


GpacRunner = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def run_gpac(gpac_exe: Path, tmp_path: Path) -> GpacRunner:
    """run_gpac(*args, timeout=CLI_TIMEOUT, cwd=tmp_path) -> CompletedProcess (text).

    A run past its timeout fails the test as a hang instead of blocking the suite."""

    def run(
        *args: str, timeout: float = CLI_TIMEOUT, cwd: Optional[Path] = None
    ) -> "subprocess.CompletedProcess[str]":
        cmd = [str(gpac_exe), *args]
        env = None
        if os.environ.get("GP_CLI_ASAN_OPTIONS"):
            # `make pytest-asan`: the CLI is the ASan build; check it for leaks too
            env = dict(os.environ, ASAN_OPTIONS=os.environ["GP_CLI_ASAN_OPTIONS"])
        try:
            return subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=timeout,
                cwd=str(cwd or tmp_path),
                stdin=subprocess.DEVNULL,
                env=env,
            )
        except subprocess.TimeoutExpired:
            pytest.fail("gpac hung (no exit after %.0f s): %s" % (timeout, " ".join(cmd)))

    return run


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


def engine_snapshot() -> Tuple[Dict[str, int], int]:
    """Live engine objects (sessions, filters, PIDs, packets, property maps, tasks) and
    live packet views, after a garbage collection."""
    import gc

    from gpac import _gpac

    gc.collect()
    return _gpac._counters(), _gpac._live_views()


@pytest.fixture
def leaves_nothing() -> Iterator[None]:
    """The engine counters and the live packet views are back where they were once the
    test's objects are gone: zero in a clean process (relative, so that an earlier test's
    leak is reported there, not here). Modules opt in with
    pytestmark = pytest.mark.usefixtures("leaves_nothing")."""
    before = engine_snapshot()
    yield
    assert engine_snapshot() == before
