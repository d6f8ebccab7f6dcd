"""FFmpeg is loaded lazily by the extension (docs/binding.md "Loading FFmpeg"): `import
gpac` maps no libav* library and imports no numpy; the module gpac/libgpac_ffmpeg.so.N is
loaded on the first use of the filter registry beyond a core filter's name, after which
the ff filters work; without the module the core filters still work and loading an ff
filter raises FilterNotFoundError saying why. Each case runs in a fresh interpreter,
since the module, once loaded, stays for the life of the process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Optional, Set

import pytest

import gpac

CORE = ["fin", "fout", "inspect", "avgen"]
FFMPEG = ["ffdmx", "ffdec", "ffenc", "ffsws", "ffres", "ffmx"]

# prepended to every child script: what the process has mapped so far
PRELUDE = """
import json, sys
def mapped(prefix):
    with open("/proc/self/maps") as f:
        return sorted({l.split()[-1].rsplit("/", 1)[-1] for l in f
                       if "/" + prefix in l.split()[-1]})
"""


def run_child(script: str, cwd: Path, env: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    """Runs PRELUDE + script in a fresh interpreter (this one's environment, so an ASan
    run stays one), outside the repository: its gpac/ (no compiled part) would shadow the
    package under test. The script prints one JSON line last."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    r = subprocess.run([sys.executable, "-c", PRELUDE + script], capture_output=True,
                       text=True, timeout=120, env=full_env, cwd=str(cwd))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["stderr"] = r.stderr
    return out


def module_path() -> Path:
    found = sorted(Path(gpac._gpac.__file__).parent.glob("libgpac_ffmpeg.so.*"))
    assert len(found) == 1, found
    return found[0]


def test_module_installed_next_to_extension() -> None:
    """Named libgpac_ffmpeg.so.<ABI>: a name ending in .so would pass for a submodule."""
    assert module_path().is_file()
    assert not list(Path(gpac._gpac.__file__).parent.glob("libgpac*.so"))


def test_import_maps_no_ffmpeg_and_no_numpy(tmp_path: Path) -> None:
    out = run_child("""
import gpac
print(json.dumps({"av": mapped("libav") + mapped("libsw"), "numpy": "numpy" in sys.modules,
                  "module": mapped("libgpac_ffmpeg")}))
""", tmp_path)
    assert out["av"] == [] and out["module"] == []
    assert out["numpy"] is False


def test_core_filters_by_name_do_not_load_ffmpeg(tmp_path: Path) -> None:
    out = run_child("""
import gpac
fs = gpac.FilterSession()
fs.load("avgen:dur=0.1")
fs.load("inspect:log=null")
info = gpac._gpac.filter_info("avgen")
print(json.dumps({"av": mapped("libav"), "name": info["name"]}))
""", tmp_path)
    assert out["av"] == []
    assert out["name"] == "avgen"


def test_filter_list_loads_ffmpeg(tmp_path: Path) -> None:
    out = run_child("""
import gpac
before = mapped("libavcodec")
names = gpac._gpac.filter_list()
print(json.dumps({"before": before, "after": mapped("libavcodec"), "names": names,
                  "module": mapped("libgpac_ffmpeg")}))
""", tmp_path)
    assert out["before"] == []
    assert out["after"] and out["module"] == [module_path().name]
    assert out["names"] == CORE + FFMPEG


def test_loading_an_ff_filter_loads_ffmpeg(tmp_path: Path) -> None:
    out = run_child("""
import gpac
fs = gpac.FilterSession()
before = mapped("libavcodec")
f = fs.load("ffsws")
print(json.dumps({"before": before, "after": mapped("libavcodec"), "name": f.name}))
""", tmp_path)
    assert out["before"] == [] and out["after"]
    assert out["name"] == "ffsws"


@pytest.fixture(scope="module")
def small_mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which("ffmpeg"):
        pytest.skip("the ffmpeg command line is needed to make the input")
    path = tmp_path_factory.mktemp("lazy") / "small.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=64x48:rate=25:duration=0.4", "-c:v", "libx264",
                    "-preset", "ultrafast", str(path)], check=True, timeout=120)
    return path


def test_ff_filters_decode_after_lazy_load(small_mp4: Path, tmp_path: Path) -> None:
    """First registry use is graph resolution (load_src, then the chain to a raw sink):
    ffdmx and ffdec come from the module and decode every frame."""
    out = run_child("""
import gpac
class Sink(gpac.FilterCustom):
    def __init__(self, fs):
        gpac.FilterCustom.__init__(self, fs, "LazySink")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.push_cap("CodecID", "raw", gpac.GF_CAPS_INPUT)
        self.nb = 0
    def configure_pid(self, pid, is_remove):
        if not is_remove and pid not in self.ipids:
            pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
        return 0
    def process(self):
        for pid in self.ipids:
            while pid.get_packet() is not None:
                self.nb += 1
                pid.drop_packet()
        return 0
fs = gpac.FilterSession()
before = mapped("libavformat")
fs.load_src(%r)
sink = Sink(fs)
fs.run()
names = [fs.get_filter(i).name for i in range(fs.nb_filters)]
fs.delete()
print(json.dumps({"before": before, "after": mapped("libavformat"), "nb": sink.nb,
                  "names": names}))
""" % str(small_mp4), tmp_path)
    assert out["before"] == [] and out["after"]
    assert out["nb"] == 10
    assert "ffdmx" in out["names"] and "ffdec" in out["names"]


MISSING = """
import gpac
fs = gpac.FilterSession()
fs.load("avgen:dur=0.2")
fs.load("inspect:log=null")
fs.run()
try:
    fs.load("ffdmx")
    err = None
except gpac.FilterNotFoundError as e:
    err = str(e)
try:
    gpac._gpac.filter_info("ffdec")
    info_err = None
except gpac.FilterNotFoundError as e:
    info_err = str(e)
try:
    fs.load("nosuchfilter")
except gpac.FilterNotFoundError as e:
    unknown = str(e)
print(json.dumps({"err": err, "info_err": info_err, "unknown": unknown,
                  "names": gpac._gpac.filter_list(), "av": mapped("libav")}))
"""


def test_missing_module_keeps_core_filters_and_explains(tmp_path: Path) -> None:
    missing = tmp_path / "no_such_dir" / "libgpac_ffmpeg.so.1"
    out = run_child(MISSING, tmp_path, env={"GPAC_FFMPEG_MODULE": str(missing)})
    assert out["names"] == CORE
    assert out["av"] == []
    for msg in (out["err"], out["info_err"]):
        assert msg is not None
        assert "FFmpeg filters unavailable" in msg and str(missing) in msg, msg
    assert "FFmpeg filters unavailable" not in out["unknown"]
    # logged once by the loader (tool "module"), with dlerror's text
    assert out["stderr"].count("[module] FFmpeg filters unavailable") == 1, out["stderr"]
    assert "No such file or directory" in out["stderr"]


def test_module_without_entry_point_is_refused(tmp_path: Path) -> None:
    """Any other shared object (here the extension itself) lacks the entry point."""
    out = run_child(MISSING, tmp_path, env={"GPAC_FFMPEG_MODULE": gpac._gpac.__file__})
    assert out["names"] == CORE
    assert "no entry point gp_filter_module_ffmpeg" in out["err"]


def nm_dynamic(path: Path, flag: str) -> Set[str]:
    """Dynamic symbols, without their version ("gp_x@@GPAC_NATIVE_1") nor the version
    nodes themselves (type A)."""
    r = subprocess.run(["nm", "-D", flag, str(path)], capture_output=True, text=True,
                       timeout=60, check=True)
    fields = [line.split() for line in r.stdout.splitlines() if line.strip()]
    return {f[-1].split("@")[0] for f in fields if f[-2] != "A"}


@pytest.mark.skipif(not shutil.which("nm"), reason="needs nm (binutils)")
def test_one_copy_of_the_core() -> None:
    """_gpac exports the public gp_* API and PyInit__gpac only; the module defines its
    entry point only and every gp_* symbol it needs comes from _gpac."""
    ext = Path(gpac._gpac.__file__)
    exported = nm_dynamic(ext, "--defined-only")
    assert "PyInit__gpac" in exported and "gp_registry_find" in exported
    bad = {s for s in exported
           if s != "PyInit__gpac" and (not s.startswith("gp_") or s.startswith("gp__"))}
    assert not bad
    mod = module_path()
    assert nm_dynamic(mod, "--defined-only") == {"gp_filter_module_ffmpeg"}
    needed = {s for s in nm_dynamic(mod, "--undefined-only") if s.startswith("gp_")}
    assert needed and needed <= exported, needed - exported
