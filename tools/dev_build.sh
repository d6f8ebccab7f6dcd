#!/usr/bin/env bash
# Development build of the extension outside pip: builds csrc/ with CMake into
# OUTDIR/build and assembles an importable package in OUTDIR/pkg (gpac/, libgpac/, the
# compiled _gpac and its FFmpeg module libgpac_ffmpeg.so.N), so several people can build
# and test at once without touching the installed package:
#   tools/dev_build.sh /tmp/mybuild [-DGP_ASAN=ON ...]
#   PYTHONPATH=/tmp/mybuild/pkg python3 -m pytest tests/test_session.py
set -euo pipefail
out=${1:?usage: tools/dev_build.sh OUTDIR [cmake args]}
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
gen=$(command -v ninja >/dev/null 2>&1 && echo "-G Ninja" || true)
cmake -S "$root" -B "$out/build" $gen -DCMAKE_BUILD_TYPE=Debug -DGP_PY_DEV=ON \
    -DGP_BUILD_TESTS=OFF -DGP_BUILD_CLI=OFF -DPython_EXECUTABLE="$(command -v python3)" \
    "$@" >/dev/null
cmake --build "$out/build" -j "$(nproc)"
rm -rf "$out/pkg"
mkdir -p "$out/pkg/gpac" "$out/pkg/libgpac"
cp "$root"/gpac/*.py "$root"/gpac/py.typed "$out/pkg/gpac/"
cp "$root"/libgpac/*.py "$out/pkg/libgpac/"
cp "$root"/stubs/gpac/*.pyi "$out/pkg/gpac/"
# the FFmpeg module goes next to _gpac, where _gpac looks for it on first use of the
# filter registry (built with the same sanitizer flags)
cp "$out"/build/_gpac*.so "$out"/build/libgpac_ffmpeg.so.* "$out/pkg/gpac/"
echo "built: PYTHONPATH=$out/pkg"
