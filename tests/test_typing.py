"""mypy --strict passes on the examples and on tests/typing/ against our stubs (the
stubs themselves are checked against the module by stubtest in test_import.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_mypy_strict_examples_and_typing(repo_root: Path, tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    env = dict(os.environ, MYPYPATH=str(repo_root / "stubs"))
    targets = [str(repo_root / "examples"), str(repo_root / "tests" / "typing")]
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir", str(tmp_path / "cache"), "--config-file", os.devnull] + targets,
        capture_output=True, text=True, timeout=600, cwd=str(tmp_path), env=env,
    )
    assert out.returncode == 0, out.stdout + out.stderr
