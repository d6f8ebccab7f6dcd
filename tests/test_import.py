"""The installed package imports under both names and exposes the module-level functions of
gpac._gpac with GPAC's values (API.md 1.4.8 for e2s)."""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

import gpac
import gpac._gpac

PUBLIC = ["GPACError", "e2s", "set_logs", "sys_clock", "sys_clock_high_res", "version"]

# (code, e2s text) from API.md 1.4.8, including the codes without text
E2S = [
    (3, "Unknown Error (3)"),
    (2, "Unknown Error (2)"),
    (1, "End Of Stream / File"),
    (0, "No Error"),
    (-1, "Bad Parameter"),
    (-2, "Out Of Memory"),
    (-3, "I/O Error"),
    (-4, "Feature Not Supported"),
    (-5, "Corrupted Data in file/stream"),
    (-11, "Filter not found for the desired type"),
    (-12, "Requested URL is not valid or cannot be found"),
    (-16, "Requested URL is no longer available"),
    (-20, "Invalid IsoMedia File"),
    (-44, "Network Empty"),
    (-46, "UDP traffic timeout"),
    (-52, "Bad configuration for the current context"),
    (-56, "Requires a new instance of the filter to be supported"),
    (-57, "Not supported by any filter chain"),
    (-58, "Byte Range request not supported by server"),
]


class ModuleSurface:
    """Run the same checks on `import gpac` and on `import libgpac as gpac`."""

    module_name = "gpac"

    @pytest.fixture
    def mod(self) -> ModuleType:
        return importlib.import_module(self.module_name)

    def test_public_names(self, mod: ModuleType) -> None:
        for name in PUBLIC:
            assert getattr(mod, name) is getattr(gpac._gpac, name), name
        public = [n for n in dir(gpac._gpac) if not n.startswith("_")]
        assert set(PUBLIC) <= set(public)
        for name in public:
            assert getattr(mod, name) is getattr(gpac._gpac, name), name

    def test_version(self, mod: ModuleType) -> None:
        assert mod.version == "0.1.0"
        assert mod.__version__ == mod.version

    @pytest.mark.parametrize("code,text", E2S)
    def test_e2s(self, mod: ModuleType, code: int, text: str) -> None:
        assert mod.e2s(code) == text


class TestGpac(ModuleSurface):
    module_name = "gpac"


class TestLibgpac(ModuleSurface):
    module_name = "libgpac"


def test_extension_is_compiled() -> None:
    assert gpac._gpac.__file__ is not None
    assert Path(gpac._gpac.__file__).suffix in (".so", ".pyd")
    assert gpac._gpac.__name__ == "gpac._gpac"


def test_e2s_unknown_and_out_of_range() -> None:
    assert gpac.e2s(-1000) == "Unknown Error (-1000)"
    assert gpac.e2s(1 << 70) == "Unknown Error (%d)" % (1 << 70)
    assert gpac.e2s(True) == gpac.e2s(1)


def test_e2s_rejects_non_integers() -> None:
    with pytest.raises(TypeError):
        gpac.e2s("-12")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gpac.e2s(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gpac.e2s()  # type: ignore[call-arg]


def test_gpacerror() -> None:
    assert issubclass(gpac.GPACError, Exception)
    assert gpac.GPACError.__module__ == "gpac"
    err = gpac.GPACError("boom")
    assert str(err) == "boom"
    for attr in ("code", "name", "url", "reason"):
        assert getattr(err, attr) is None
    err.code = -12
    assert err.code == -12
    with pytest.raises(gpac.GPACError):
        raise err


def test_set_logs() -> None:
    gpac.set_logs("all@warning")
    gpac.set_logs("filter@info:core@debug", reset=True)
    gpac.set_logs(logs="all@info:dash@debug:ncl")
    gpac.set_logs("all@warning", True)
    with pytest.raises(ValueError, match="nosuchtool"):
        gpac.set_logs("nosuchtool@debug")
    with pytest.raises(ValueError):
        gpac.set_logs("all@loud")
    with pytest.raises(TypeError):
        gpac.set_logs(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gpac.set_logs("all@info", False, True)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        gpac.set_logs("all@info", logs="all@info")  # type: ignore[misc]
    with pytest.raises(TypeError):
        gpac.set_logs("all@info", level=1)  # type: ignore[call-arg]
    gpac.set_logs("all@warning", reset=True)


def test_signatures() -> None:
    assert str(inspect.signature(gpac.e2s)) == "(err, /)"
    assert str(inspect.signature(gpac.set_logs)) == "(logs, reset=False)"
    assert str(inspect.signature(gpac.sys_clock)) == "()"
    assert str(inspect.signature(gpac.sys_clock_high_res)) == "()"


def test_clocks_are_monotonic() -> None:
    ms0, us0 = gpac.sys_clock(), gpac.sys_clock_high_res()
    time.sleep(0.02)
    ms1, us1 = gpac.sys_clock(), gpac.sys_clock_high_res()
    assert 0 <= ms0 <= ms1 and 0 <= us0 <= us1
    assert us1 - us0 >= 15000
    assert ms1 - ms0 >= 15


def test_reimport_creates_independent_module(tmp_path: Path) -> None:
    # multi-phase init: a fresh module object gets its own state
    code = (
        "import sys, gpac._gpac as a; del sys.modules['gpac._gpac']; "
        "import importlib; b = importlib.import_module('gpac._gpac'); "
        "assert a is not b and a.GPACError is not b.GPACError; "
        "assert b.e2s(-12) == a.e2s(-12); print('ok')"
    )
    # run outside the repository: its gpac/ (no compiled part) would shadow the install
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_stubs_match_module(repo_root: Path, tmp_path: Path) -> None:
    """stubs/ types exactly what the module defines (mypy's stubtest; checking `gpac`
    covers its submodule gpac._gpac). Run outside the repository with the repository's
    stubs first on the search path, so the installed copy of the stubs is not used."""
    pytest.importorskip("mypy.stubtest")
    env = dict(os.environ, MYPYPATH=str(repo_root / "stubs"))
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "gpac"],
        capture_output=True, text=True, timeout=300, cwd=str(tmp_path), env=env,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 modules" in out.stdout, out.stdout


def test_asan_run_uses_the_asan_build() -> None:
    """`make pytest-asan` must test the sanitized extension, not the installed one."""
    if not os.environ.get("GP_PYTEST_ASAN"):
        pytest.skip("not an ASan run")
    assert "pyasan" in str(gpac._gpac.__file__)
