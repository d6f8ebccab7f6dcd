"""Module constants (API.md 1.4.1-1.4.9, py_constants.c) and the module attributes and
functions of API.md 1.1/1.2 kept in py_sys.c: copyright strings, numpy_support, ABI
numbers, init/close/set_args/sleep, url_concatenate and the Remotery stubs."""

from __future__ import annotations

import importlib.util
import inspect
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict

import pytest

import gpac
import gpac._gpac as G

SCHEDULER = {"LOCK_FREE": 0, "LOCK": 1, "LOCK_FREE_X": 2, "LOCK_FORCE": 3, "DIRECT": 4}
FS_FLAGS = {
    "LOAD_META": 2, "NON_BLOCKING": 4, "NO_GRAPH_CACHE": 8, "NO_REGULATION": 16,
    "NO_PROBE": 32, "NO_REASSIGN": 64, "PRINT_CONNECTIONS": 128, "NO_ARG_CHECK": 256,
    "NO_RESERVOIR": 512, "FULL_LINK": 1024, "NO_IMPLICIT": 2048,
    "REQUIRE_SOURCE_ID": 4096, "FORCE_DEFER_LINK": 8192, "PREVENT_PLAY": 16384,
}
PROP_TYPES = {
    "FORBIDDEN": 0, "SINT": 1, "UINT": 2, "LSINT": 3, "LUINT": 4, "BOOL": 5, "FRACTION": 6,
    "FRACTION64": 7, "FLOAT": 8, "DOUBLE": 9, "VEC2I": 10, "VEC2": 11, "VEC3I": 12,
    "VEC4I": 13, "STRING": 14, "STRING_NO_COPY": 15, "DATA": 16, "NAME": 17,
    "DATA_NO_COPY": 18, "CONST_DATA": 19, "POINTER": 20, "STRING_LIST": 21,
    "UINT_LIST": 22, "SINT_LIST": 23, "VEC2I_LIST": 24, "4CC": 25, "4CC_LIST": 26,
    "STRING_LIST_COPY": 27, "FIRST_ENUM": 40, "PIXFMT": 40, "PCMFMT": 41,
    "CICP_COL_PRIM": 42, "CICP_COL_TFC": 43, "CICP_COL_MX": 44, "CICP_LAYOUT": 45,
}
FEVT = {
    "PLAY": 1, "SET_SPEED": 2, "STOP": 3, "PAUSE": 4, "RESUME": 5, "SOURCE_SEEK": 6,
    "SOURCE_SWITCH": 7, "SEGMENT_SIZE": 8, "ATTACH_SCENE": 9, "RESET_SCENE": 10,
    "QUALITY_SWITCH": 11, "VISIBILITY_HINT": 12, "INFO_UPDATE": 13, "BUFFER_REQ": 14,
    "CAPS_CHANGE": 15, "CONNECT_FAIL": 16, "USER": 17, "PLAY_HINT": 18, "FILE_DELETE": 19,
}
ARG_FLAGS = {
    "HINT_NORMAL": 0, "HINT_ADVANCED": 2, "HINT_EXPERT": 4, "HINT_HIDE": 8, "UPDATE": 16,
    "META": 32, "META_ALLOC": 64, "SINK_ALIAS": 128,
}
CAPFLAGS = {
    "IN_BUNDLE": 1, "INPUT": 2, "OUTPUT": 4, "EXCLUDED": 8, "LOADED_FILTER": 16,
    "STATIC": 32, "OPTIONAL": 64, "PRESENT": 128, "RECONFIG": 256,
}
CAPS = {
    "INPUT": 3, "INPUT_OPT": 67, "INPUT_STATIC": 35, "INPUT_STATIC_OPT": 99,
    "INPUT_EXCLUDED": 11, "INPUT_LOADED_FILTER": 19, "OUTPUT": 5,
    "OUTPUT_LOADED_FILTER": 21, "OUTPUT_EXCLUDED": 13, "OUTPUT_STATIC": 37,
    "OUTPUT_STATIC_EXCLUDED": 45, "INPUT_OUTPUT": 7, "INPUT_OUTPUT_OPT": 71,
}
STATS = {
    "LOCAL": 0, "LOCAL_INPUTS": 1, "DECODER_SINK": 2, "DECODER_SOURCE": 3,
    "ENCODER_SINK": 4, "ENCODER_SOURCE": 5, "SINK": 6,
}
# the codes marked * in API.md 1.4.8
ERRORS = {
    "SCRIPT_INFO": 3, "PENDING_PACKET": 2, "EOS": 1, "OK": 0, "BAD_PARAM": -1,
    "OUT_OF_MEM": -2, "IO_ERR": -3, "NOT_SUPPORTED": -4, "CORRUPTED_DATA": -5,
    "SCRIPT_ERROR": -8, "BUFFER_TOO_SMALL": -9, "NON_COMPLIANT_BITSTREAM": -10,
    "FILTER_NOT_FOUND": -11, "URL_ERROR": -12, "SERVICE_ERROR": -13,
    "REMOTE_SERVICE_ERROR": -14, "STREAM_NOT_FOUND": -15, "URL_REMOVED": -16,
    "IP_ADDRESS_NOT_FOUND": -40, "IP_CONNECTION_FAILURE": -41, "IP_NETWORK_FAILURE": -42,
    "IP_CONNECTION_CLOSED": -43, "IP_NETWORK_EMPTY": -44, "IP_UDP_TIMEOUT": -46,
    "AUTHENTICATION_FAILURE": -50, "NOT_READY": -51, "INVALID_CONFIGURATION": -52,
    "NOT_FOUND": -53, "PROFILE_NOT_SUPPORTED": -54, "REQUIRES_NEW_INSTANCE": -56,
    "FILTER_NOT_SUPPORTED": -57,
}
OTHER = {
    "GF_SETUP_ERROR": 0, "GF_NOTIF_ERROR": 1, "GF_NOTIF_ERROR_AND_DISCONNECT": 2,
    "GF_FS_FLUSH_NONE": 0, "GF_FS_FLUSH_ALL": 1, "GF_FS_FLUSH_FAST": 2,
    "GF_FS_REG_MAIN_THREAD": 2, "GF_ABI_MAJOR": 16, "GF_ABI_MINOR": 5,
}


def expected_constants() -> Dict[str, int]:
    out: Dict[str, int] = {}
    for prefix, table in (
        ("GF_FS_SCHEDULER_", SCHEDULER), ("GF_FS_FLAG_", FS_FLAGS), ("GF_PROP_", PROP_TYPES),
        ("GF_FEVT_", FEVT), ("GF_FS_ARG_", ARG_FLAGS), ("GF_CAPFLAG_", CAPFLAGS),
        ("GF_CAPS_", CAPS), ("GF_STATS_", STATS), ("GF_", ERRORS),
    ):
        for k, v in table.items():
            out[prefix + k] = v
    out.update(OTHER)
    return out


# ---- constants ----


def test_constant_values() -> None:
    exp = expected_constants()
    for name, value in exp.items():
        got = getattr(G, name)
        assert type(got) is int, name  # never bool, never the reference's tuple (0,)
        assert got == value, name
        assert getattr(gpac, name) is got, name


def test_exact_set_of_gf_names() -> None:
    exp = expected_constants()
    got = {n for n in dir(G) if n.startswith("GF_")}
    assert got == set(exp), (sorted(got - set(exp)), sorted(set(exp) - got))
    assert len(got) == 150  # as GPAC's libgpac.py (API.md 2)


def test_c_only_names_not_exported() -> None:
    for name in ("GF_PROP_LAST_DEFINED", "GF_FEVT_FRAGMENT_SIZE", "GF_FEVT_NTP_REF",
                 "GF_FS_ARG_UPDATE_SYNC", "GF_ISOM_INVALID_FILE", "GF_SG_UNKNOWN_NODE",
                 "GF_IO_BYTE_RANGE_NOT_SUPPORTED"):
        assert not hasattr(G, name), name


def test_reference_bugs_not_copied() -> None:
    assert gpac.GF_FS_FLUSH_NONE == 0 and not isinstance(gpac.GF_FS_FLUSH_NONE, tuple)
    assert gpac.GF_FS_FLAG_NO_RESERVOIR == 1 << 9


def test_composite_caps_are_or_of_flags() -> None:
    g = gpac
    assert g.GF_CAPS_INPUT == g.GF_CAPFLAG_IN_BUNDLE | g.GF_CAPFLAG_INPUT
    assert g.GF_CAPS_OUTPUT_STATIC_EXCLUDED == (
        g.GF_CAPFLAG_IN_BUNDLE | g.GF_CAPFLAG_OUTPUT | g.GF_CAPFLAG_EXCLUDED
        | g.GF_CAPFLAG_STATIC)
    assert g.GF_CAPS_INPUT_OUTPUT_OPT == (
        g.GF_CAPFLAG_IN_BUNDLE | g.GF_CAPFLAG_INPUT | g.GF_CAPFLAG_OUTPUT
        | g.GF_CAPFLAG_OPTIONAL)


def test_error_constants_match_e2s_and_names() -> None:
    for name, value in ERRORS.items():
        e = pytest.raises(gpac.GPACError, G._raise_error, value, "x").value
        assert e.name == name
        assert str(e) == "x: " + gpac.e2s(value)


# ---- attributes (API.md 1.1) ----


def test_copyright() -> None:
    assert isinstance(gpac.copyright, str)
    assert gpac.copyright.startswith("(c) 2026 gpac-native contributors")
    assert "LGPL-2.1-or-later" in gpac.copyright and "Telecom Paris" in gpac.copyright
    lines = gpac.copyright_cite.splitlines()
    assert lines[0] == gpac.copyright
    assert len(lines) >= 2 and "GPAC" in lines[1] and "doi.org" in lines[1]


def test_abi() -> None:
    assert (gpac.GF_ABI_MAJOR, gpac.GF_ABI_MINOR) == (16, 5)
    assert (gpac.gpac_abi_major, gpac.gpac_abi_minor) == (16, 5)
    assert gpac.abi_mismatch is False


def test_numpy_support_matches_find_spec() -> None:
    assert gpac.numpy_support is (importlib.util.find_spec("numpy") is not None)


def _run(code: str, tmp_path: Path) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_import_does_not_import_numpy(tmp_path: Path) -> None:
    code = "import sys, gpac; print('numpy' in sys.modules, gpac.numpy_support)"
    imported, support = _run(code, tmp_path).split()
    assert imported == "False"
    assert support == str(importlib.util.find_spec("numpy") is not None)


def test_numpy_support_false_without_numpy(tmp_path: Path) -> None:
    # a path finder that cannot see numpy: find_spec("numpy") then returns None
    code = (
        "import sys, importlib.machinery\n"
        "class NoNumpy(importlib.machinery.PathFinder):\n"
        "    @classmethod\n"
        "    def find_spec(cls, name, path=None, target=None):\n"
        "        if name == 'numpy':\n"
        "            return None\n"
        "        return importlib.machinery.PathFinder.find_spec(name, path, target)\n"
        "sys.meta_path = [NoNumpy if m is importlib.machinery.PathFinder else m\n"
        "                 for m in sys.meta_path]\n"
        "import gpac\n"
        "print(gpac.numpy_support)\n"
    )
    assert _run(code, tmp_path) == "False"


# ---- functions (API.md 1.2) ----


SIGNATURES = {
    "init": "(mem_track=0, profile=None)",
    "close": "()",
    "set_args": "(args, /)",
    "sleep": "(ms, /)",
    "url_concatenate": "(parent, url)",
    "set_rmt_fun": "(obj, /)",
    "rmt_send": "(text, /)",
    "rmt_log": "(text, /)",
    "rmt_on": "()",
    "rmt_enable": "(value, /)",
    "enable_rmtws": "(enable=True)",
    "enable_userws": "(enable=True)",
    "set_rmt_handler": "(obj, /)",
    "set_userws_handler": "(obj, /)",
}


@pytest.mark.parametrize("name,sig", sorted(SIGNATURES.items()))
def test_signatures(name: str, sig: str) -> None:
    fn = getattr(gpac, name)
    assert str(inspect.signature(fn)) == sig
    assert fn.__doc__


def test_init_and_close() -> None:
    assert gpac.init() is None
    assert gpac.init(0) is None
    assert gpac.init(1, "customprofile") is None  # a str profile, unlike the reference
    assert gpac.init(mem_track=2, profile=b"0") is None
    assert gpac.init(profile=None) is None
    assert gpac.close() == 0
    assert gpac.close() == 0


@pytest.mark.parametrize("args,kwargs,exc", [
    (("x",), {}, TypeError),
    ((1.5,), {}, TypeError),
    ((0, 3), {}, TypeError),
    ((0, "p", 1), {}, TypeError),
    ((), {"memtrack": 1}, TypeError),
    ((0,), {"mem_track": 0}, TypeError),
    ((1 << 40,), {}, OverflowError),
])
def test_init_bad_arguments(args: Any, kwargs: Any, exc: type) -> None:
    with pytest.raises(exc):
        gpac.init(*args, **kwargs)


def test_close_takes_no_argument() -> None:
    with pytest.raises(TypeError):
        gpac.close(1)  # type: ignore[call-arg]


def test_set_args() -> None:
    gpac.set_args([])
    gpac.set_args(["prog"])
    gpac.set_args(["-logs=garbage@@"])  # the first item is ignored
    gpac.set_args(["x", "--start_with=min_bw", "-threads=2", "-no-block", "-for-test"])
    gpac.set_args(["x", "-logs=all@warning"])


def test_set_args_bad_logs() -> None:
    gpac.set_logs("all@warning", reset=True)
    # the failing item is named; the levels set by the first item are restored
    with pytest.raises(ValueError, match="nosuchtool"):
        gpac.set_args(["x", "-logs=all@debug", "-logs=nosuchtool@debug"])
    with pytest.raises(ValueError, match="loud"):
        gpac.set_args(["x", "-logs=all@loud"])
    gpac.set_args(["x", "-logs=all@warning"])


@pytest.mark.parametrize("bad", [("a", "b"), "x", None, 3, ["x", 3], ["x", b"-logs=a"]])
def test_set_args_type_errors(bad: Any) -> None:
    with pytest.raises(TypeError):
        gpac.set_args(bad)


def test_set_args_embedded_null() -> None:
    with pytest.raises(ValueError):
        gpac.set_args(["x", "-logs=all@info\0x"])


def test_sleep() -> None:
    t = time.monotonic()
    assert gpac.sleep(30) is None
    assert time.monotonic() - t >= 0.025
    gpac.sleep(0)
    gpac.sleep(True)


def test_sleep_releases_the_gil() -> None:
    ticks = []

    def worker() -> None:
        end = time.monotonic() + 0.15
        while time.monotonic() < end:
            ticks.append(1)
            time.sleep(0.005)

    th = threading.Thread(target=worker)
    th.start()
    gpac.sleep(200)
    th.join()
    assert len(ticks) > 5


@pytest.mark.parametrize("bad,exc", [
    (-1, ValueError), (1.5, TypeError), ("10", TypeError), (None, TypeError),
    (1 << 33, OverflowError),
])
def test_sleep_bad_arguments(bad: Any, exc: type) -> None:
    with pytest.raises(exc):
        gpac.sleep(bad)


# RFC 3986 5.4 examples, base "http://a/b/c/d;p?q"
RFC_BASE = "http://a/b/c/d;p?q"
RFC_CASES = [
    ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"),
    ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"), ("//g", "http://g"),
    ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
    ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"),
    ("g?y#s", "http://a/b/c/g?y#s"), (";x", "http://a/b/c/;x"),
    ("g;x", "http://a/b/c/g;x"), ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"),
    ("./", "http://a/b/c/"), ("..", "http://a/b/"), ("../", "http://a/b/"),
    ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
    ("../../g", "http://a/g"), ("../../../g", "http://a/g"),
    ("../../../../g", "http://a/g"), ("/./g", "http://a/g"), ("/../g", "http://a/g"),
    ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
    ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
    ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
    ("g;x=1/./y", "http://a/b/c/g;x=1/y"), ("g;x=1/../y", "http://a/b/c/y"),
    ("g?y/./x", "http://a/b/c/g?y/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
]


@pytest.mark.parametrize("ref,result", RFC_CASES)
def test_url_concatenate_rfc3986(ref: str, result: str) -> None:
    assert gpac.url_concatenate(RFC_BASE, ref) == result


@pytest.mark.parametrize("parent,url,result", [
    ("/home/u/video.mpd", "seg1.m4s", "/home/u/seg1.m4s"),
    ("/home/u/video.mpd", "../x/seg.m4s", "/home/u/../x/seg.m4s".replace("u/../", "")),
    ("/home/u/video.mpd", "/abs/seg.m4s", "/abs/seg.m4s"),
    ("video.mpd", "seg.m4s", "seg.m4s"),
    ("dir/video.mpd", "../x", "x"),
    ("dir/video.mpd", "../../x", "../x"),
    ("a/b/c.mpd", "./d/../e", "a/b/e"),
    ("", "seg.m4s", "seg.m4s"),
    ("http://host", "a.mp4", "http://host/a.mp4"),
    ("http://host/", "a.mp4", "http://host/a.mp4"),
    ("https://host:8080/live/x.mpd?token=1", "seg/1.m4s", "https://host:8080/live/seg/1.m4s"),
    ("http://host/a/b.mpd", "https://cdn/c.m4s", "https://cdn/c.m4s"),
    ("http://host/a/b.mpd", "C:\\media\\x.mp4", "C:\\media\\x.mp4"),
    ("C:\\media\\x.mpd", "seg.m4s", "C:\\media\\seg.m4s"),
    ("/tmp/what?.mpd", "seg.m4s", "/tmp/seg.m4s"),
    ("gfio://0x1234", "seg.m4s", "gfio://0x1234/seg.m4s"),
    ("/tmp/été/x.mpd", "ü.m4s", "/tmp/été/ü.m4s"),
])
def test_url_concatenate_paths(parent: str, url: str, result: str) -> None:
    assert gpac.url_concatenate(parent, url) == result
    assert gpac.url_concatenate(parent.encode(), url.encode()) == result.encode()
    assert gpac.url_concatenate(parent=parent, url=url) == result


@pytest.mark.parametrize("args", [
    ("a", b"b"), (b"a", "b"), (None, "b"), ("a", None), (1, 2), (bytearray(b"a"), b"b"),
])
def test_url_concatenate_type_errors(args: Any) -> None:
    with pytest.raises(TypeError):
        gpac.url_concatenate(*args)


def test_url_concatenate_bad_calls() -> None:
    with pytest.raises(TypeError):
        gpac.url_concatenate("a")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        gpac.url_concatenate("a", "b", "c")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        gpac.url_concatenate("a", parent="b")  # type: ignore[misc]
    with pytest.raises(ValueError):
        gpac.url_concatenate("a\0b", "c")
    # bytes are not decoded: any byte string resolves
    assert gpac.url_concatenate(b"/a/b", b"\xff") == b"/a/\xff"


def test_remotery_not_supported() -> None:
    class Rmt:
        def on_rmt_event(self, text: str) -> None:
            pass

    assert gpac.set_rmt_fun(Rmt()) is False
    with pytest.raises(TypeError, match="on_rmt_event"):
        gpac.set_rmt_fun(object())
    assert gpac.rmt_send("hello") is False
    assert gpac.rmt_log("hello") is False
    assert gpac.rmt_on() is False
    assert gpac.rmt_enable(True) is None
    assert gpac.rmt_enable(False) is None
    assert gpac.enable_rmtws() is None
    assert gpac.enable_rmtws(False) is None
    assert gpac.enable_userws(enable=True) is None
    assert gpac.set_rmt_handler(object()) is False
    assert gpac.set_userws_handler(object()) is False
    for fn in (gpac.rmt_send, gpac.rmt_log):
        with pytest.raises(TypeError):
            fn(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gpac.enable_rmtws(True, False)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        gpac.enable_userws(on=True)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        gpac.rmt_on(1)  # type: ignore[call-arg]


def test_enable_ws_truth_value_errors_propagate() -> None:
    class Bad:
        def __bool__(self) -> bool:
            raise RuntimeError("no truth")

    with pytest.raises(RuntimeError):
        gpac.enable_rmtws(Bad())
