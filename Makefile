# Developer entry points (README.md). On a fresh Debian machine, as root:
#   make demo   system packages + the Python package, then a generated test pattern
#   make test   the same set-up, then every test: C (ctest), C under ASan+UBSan, pytest
# Every target stops at the first failure and exits non-zero.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_GENERATOR_ARGS := $(shell command -v ninja >/dev/null 2>&1 && echo -G Ninja)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_ROOT_USER_ACTION := ignore

APT_PACKAGES := build-essential cmake ninja-build python3-dev python3-venv pkg-config \
	ffmpeg libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev \
	libcurl4-openssl-dev libmicrohttpd-dev libxml2-dev libsdl2-dev

# The interpreter for pip and pytest, chosen when a recipe runs (python3 may not exist
# before `make deps`): an active virtual environment's python3; else the project venv
# .venv when it exists; else python3 when it has pip and is not marked externally
# managed (pyenv, a dev machine); else .venv, created by `make deps` (Debian's own
# python3 has no pip and refuses system-wide installs, PEP 668).
PY = $(shell \
	if [ -n "$${VIRTUAL_ENV:-}" ]; then echo python3; \
	elif [ -x .venv/bin/python ]; then echo .venv/bin/python; \
	elif python3 -c 'import os, sys, sysconfig, pip; \
		sys.exit(os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))' \
		>/dev/null 2>&1; then echo python3; \
	else echo .venv/bin/python; fi)

# The installed native program: in the interpreter's scripts directory (or the user
# one after a --user fallback install), else whatever `gpac` is on PATH.
GPAC = $(shell $(PY) -c 'import os, shutil, sysconfig; \
	c = [os.path.join(sysconfig.get_path("scripts", s), "gpac") \
	     for s in (sysconfig.get_default_scheme() if hasattr(sysconfig, "get_default_scheme") \
	               else os.name + "_prefix", os.name + "_user")]; \
	print(next((p for p in c if os.access(p, os.X_OK)), shutil.which("gpac") or "gpac"))')

CMAKE_TEST_ARGS := $(CMAKE_GENERATOR_ARGS) -DCMAKE_BUILD_TYPE=Debug -DGP_BUILD_TESTS=ON \
	-DGP_BUILD_PYTHON=OFF -DGP_BUILD_CLI=ON
SAN_ENV := ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1

.PHONY: help deps install demo ctest asan pytest pytest-asan test bench clean

help:
	@echo "make demo     install everything, run: gpac -i avgen:dur=2 inspect"
	@echo "make test     install everything, run the C tests and pytest, both also under ASan+UBSan"
	@echo "make deps     system packages (apt, as root) and Python build requirements"
	@echo "make install  pip install the package with its test extra"
	@echo "make bench    the benchmarks against PyAV and ffmpeg (tests/bench/, README)"
	@echo "make ctest | asan | pytest | clean"

# apt part: skipped without apt-get or without root (a dev machine that has the
# packages), and when every package is already installed (no network needed then).
deps:
	@if ! command -v apt-get >/dev/null 2>&1; then \
		echo "deps: no apt-get; skipping system packages (needed: $(APT_PACKAGES))"; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "deps: not root; skipping apt-get (needed: $(APT_PACKAGES))"; \
	elif [ "$$(dpkg-query -W -f='$${Status}\n' $(APT_PACKAGES) 2>/dev/null \
			| grep -c '^install ok installed$$' || true)" = "$(words $(APT_PACKAGES))" ]; then \
		echo "deps: system packages already installed"; \
	else \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update; \
		apt-get install -y --no-install-recommends $(APT_PACKAGES); \
	fi
	@if [ "$(PY)" = .venv/bin/python ] && [ ! -x .venv/bin/python ]; then \
		echo "deps: creating .venv (python3 cannot install packages system-wide)"; \
		python3 -m venv .venv; \
	fi
	$(PY) -m pip install -q 'scikit-build-core>=0.10' 'numpy>=2'

# --no-build-isolation reuses the build requirements installed by deps and the
# persistent build tree build/<wheel tag>, so a rebuild only compiles what changed.
install: deps
	$(PY) -m pip install -v --no-build-isolation '.[test]'

demo: install
	$(GPAC) -i avgen:dur=2 inspect

ctest: deps
	cmake -S . -B build/ctest $(CMAKE_TEST_ARGS)
	cmake --build build/ctest -j $(JOBS)
	cd build/ctest && ctest --output-on-failure -j $(JOBS)

# the C tests and the CLI smoke tests under AddressSanitizer + UBSan: a report aborts
# the process, so it fails even a test that expects a non-zero exit
asan: deps
	cmake -S . -B build/asan $(CMAKE_TEST_ARGS) -DGP_ASAN=ON -DGP_UBSAN=ON
	cmake --build build/asan -j $(JOBS)
	cd build/asan && $(SAN_ENV) ctest --output-on-failure -j $(JOBS)

pytest: install
	$(PY) -m pytest

# the Python suite against an ASan+UBSan build of the extension (tools/dev_build.sh puts
# it in build/pyasan/pkg, found first through PYTHONPATH) and of the CLI (build/asan,
# made by `make asan`); leaks are checked in the CLI runs, not in the interpreter,
# which keeps memory until exit
pytest-asan: install asan
	tools/dev_build.sh build/pyasan -DGP_ASAN=ON -DGP_UBSAN=ON \
		-DPython_EXECUTABLE="$$(command -v $(PY))"
	LD_PRELOAD="$$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libubsan.so)" \
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	GPAC_EXE=$(CURDIR)/build/asan/gpac \
	GP_CLI_ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	PYTHONPATH=$(CURDIR)/build/pyasan/pkg GP_PYTEST_ASAN=1 $(PY) -m pytest -q -p no:cacheprovider

test: deps install ctest asan pytest pytest-asan
	@echo "make test: all tests passed"

# the benchmarks of README "Benchmarks" (minutes; the first run generates its inputs into
# ~/.cache/gpac-bench). PyAV is the peer of the decode item: without it that row says
# "unavailable" instead of failing.
bench: install
	$(PY) -m pip install -q av || echo "bench: PyAV could not be installed; reported as unavailable"
	$(PY) tests/bench/run_bench.py

clean:
	rm -rf build dist _skbuild .pytest_cache .mypy_cache *.egg-info
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
