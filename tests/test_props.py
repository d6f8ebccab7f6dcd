"""Property conversions of API.md 3 (py_props.c), checked without a session through the
private hooks of gpac._gpac:

* _prop_roundtrip(name, value, custom_type=0): Python -> C value -> property map ->
  Python, returning (stored GF_PROP_* type, value), as set_prop then get_prop;
* _prop_from_text(name, type, text): a value of a C type parsed from text (what a C
  filter would store) read back under a name;
* _props_enum(cb, entries): enumeration through cb.on_prop_enum(name, value).
"""

from __future__ import annotations

import fractions
import math
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Type

import pytest

import gpac
import gpac._gpac as G
from gpac import Fraction, Fraction64, PropData, PropVec2, PropVec2i, PropVec3i, PropVec4i

rt = G._prop_roundtrip
from_text = G._prop_from_text


def value(name: Any, v: Any, custom_type: int = 0) -> Any:
    return rt(name, v, custom_type)[1]


# ---- keys (3.1) ----


def test_key_forms() -> None:
    assert rt("Width", 320) == (gpac.GF_PROP_UINT, 320)
    assert rt("WIDT", 320) == (gpac.GF_PROP_UINT, 320)  # 4CC string
    assert rt(0x57494454, 320) == (gpac.GF_PROP_UINT, 320)  # 4CC code
    assert rt("PID", 3) == (gpac.GF_PROP_UINT, 3)  # alias of ID
    assert rt("ID", 3) == (gpac.GF_PROP_UINT, 3)
    # a 4-letter custom name equal to a built-in 4CC is the built-in
    assert rt("PMST", "Audio") == (gpac.GF_PROP_UINT, "Audio")
    # names are case-sensitive: anything else is a custom property
    assert rt("width", 320) == (gpac.GF_PROP_STRING, "320")
    assert rt("isom:creation_date", 5) == (gpac.GF_PROP_STRING, "5")
    assert rt("tool", "x") == (gpac.GF_PROP_STRING, "x")


@pytest.mark.parametrize("key,exc", [
    ("", ValueError), ("a\0b", ValueError), (0, ValueError), (1, ValueError),
    (-1, ValueError), (1 << 40, ValueError), (0x41414141, ValueError),
    (None, TypeError), (b"Width", TypeError), (1.5, TypeError), (["Width"], TypeError),
])
def test_bad_keys(key: Any, exc: Type[BaseException]) -> None:
    with pytest.raises(exc):
        rt(key, 1)


def test_none_removes() -> None:
    assert rt("Width", None) == (0, None)
    assert rt("custom", None) == (0, None)
    with pytest.raises(TypeError):
        rt(None, None)


# ---- every built-in property: read type of API.md 3.2 / props.tsv ----

SAMPLES: Dict[str, Tuple[Any, Any]] = {
    # gpac type: (value set, value read back)
    "sint": (-3, -3), "uint": (7, 7), "lsint": (-1024, -1024), "luint": (1 << 40, 1 << 40),
    "bool": (True, True), "frac": (Fraction(25, 1), Fraction(25, 1)),
    "lfrac": (Fraction64(10000, 1000), Fraction64(10000, 1000)), "flt": (1.5, 1.5),
    "dbl": (2.5, 2.5), "v2di": (PropVec2i(1, 2), PropVec2i(1, 2)),
    "v3di": (PropVec3i(1, 2, 3), PropVec3i(1, 2, 3)),
    "v4di": (PropVec4i(1, 2, 3, 4), PropVec4i(1, 2, 3, 4)),
    "str": ("hello", "hello"), "cstr": ("eng", "eng"),
    "mem": (b"\x01\x02", PropData(b"\x01\x02")), "strl": (["a", "b"], ["a", "b"]),
    "uintl": ([1, 2], [1, 2]), "sintl": ([-1, 2], [-1, 2]), "4cc": ("avc1", "avc1"),
    "4ccl": (["isom", "avc1"], ["isom", "avc1"]), "pfmt": ("yuv420", "yuv420"),
    "afmt": ("s16", "s16"), "cprm": ("BT709", "BT709"), "ctfc": ("BT709", "BT709"),
    "cmxc": ("BT709", "BT709"),
}
SPECIAL: Dict[str, Tuple[Any, Any]] = {
    "StreamType": ("video", "Visual"), "CodecID": ("h264", "264"),
    "PixelFormat": ("yuv420", "yuv"), "AudioFormat": ("s16", "pcm"),
}
PY_TYPES: Dict[str, Any] = {
    "int": int, "int 0/1 (ref) -> bool ok": bool, "Fraction": Fraction,
    "Fraction64": Fraction64, "PropData (ptr,size)": PropData, "PropVec2i": PropVec2i,
    "PropVec3i": PropVec3i, "PropVec4i (ref bug: PropVec3i)": PropVec4i, "float": float,
    "int address": int, "list[int]": list, "list[str]": list, "str": str,
    "str (4 chars)": str, "str (codec short name)": str, "str (stream type name)": str,
    "str name": str,
}


def props_table(repo_root: Path) -> List[List[str]]:
    rows = []
    for line in (repo_root / "csrc/core/props.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def test_every_builtin_property(repo_root: Path) -> None:
    rows = props_table(repo_root)
    assert len(rows) > 300
    for name, cc, gtype, _flags, pytype in rows:
        expected_type = PY_TYPES[pytype]
        if gtype == "ptr":
            got = from_text(name, gpac.GF_PROP_POINTER, "4660")
            assert got == 4660 and type(got) is int, name
            with pytest.raises(TypeError):
                rt(name, 4660)
            continue
        set_v, read_v = SPECIAL.get(name, SAMPLES[gtype])
        stored, got = rt(name, set_v)
        assert type(got) is expected_type, (name, got)
        assert got == read_v, (name, got)
        assert rt(cc, set_v) == (stored, got), name  # same through the 4CC


# ---- reading C values (3.2) ----


@pytest.mark.parametrize("ptype,text,expected", [
    (gpac.GF_PROP_SINT, "-5", -5),
    (gpac.GF_PROP_UINT, "4294967295", 4294967295),
    (gpac.GF_PROP_LSINT, "-9223372036854775808", -(1 << 63)),
    (gpac.GF_PROP_LUINT, "18446744073709551615", (1 << 64) - 1),
    (gpac.GF_PROP_BOOL, "yes", True),
    (gpac.GF_PROP_BOOL, "false", False),
    (gpac.GF_PROP_FRACTION, "12800/512", Fraction(12800, 512)),
    (gpac.GF_PROP_FRACTION64, "10000/1000", Fraction64(10000, 1000)),
    (gpac.GF_PROP_FLOAT, "1.5", 1.5),
    (gpac.GF_PROP_DOUBLE, "0.1", 0.1),
    (gpac.GF_PROP_VEC2I, "320x240", PropVec2i(320, 240)),
    (gpac.GF_PROP_VEC2, "1.5x2", PropVec2(1.5, 2)),
    (gpac.GF_PROP_VEC3I, "1x2x3", PropVec3i(1, 2, 3)),
    (gpac.GF_PROP_VEC4I, "0x0x1920x1080", PropVec4i(0, 0, 1920, 1080)),
    (gpac.GF_PROP_STRING, "héllo", "héllo"),
    (gpac.GF_PROP_NAME, "eng", "eng"),
    (gpac.GF_PROP_DATA, "0x0102ff", PropData(b"\x01\x02\xff")),
    (gpac.GF_PROP_DATA, "", PropData()),
    (gpac.GF_PROP_POINTER, "0x10", 16),
    (gpac.GF_PROP_STRING_LIST, "a,b,c", ["a", "b", "c"]),
    (gpac.GF_PROP_UINT_LIST, "1,2,3", [1, 2, 3]),
    (gpac.GF_PROP_SINT_LIST, "-1,2", [-1, 2]),
    (gpac.GF_PROP_VEC2I_LIST, "1x2,3x4", [PropVec2i(1, 2), PropVec2i(3, 4)]),
    (gpac.GF_PROP_4CC, "avc1", "avc1"),
    (gpac.GF_PROP_4CC_LIST, "isom,iso2,avc1,mp41", ["isom", "iso2", "avc1", "mp41"]),
    (gpac.GF_PROP_PIXFMT, "yuv420", "yuv420"),
    (gpac.GF_PROP_PIXFMT, "none", "none"),
    (gpac.GF_PROP_PCMFMT, "s16", "s16"),
    (gpac.GF_PROP_CICP_COL_PRIM, "BT709", "BT709"),
    (gpac.GF_PROP_CICP_COL_TFC, "sRGB", "sRGB"),
    (gpac.GF_PROP_CICP_COL_MX, "YCgCo", "YCgCo"),
    (gpac.GF_PROP_CICP_LAYOUT, "3", 3),
])
def test_read_each_type(ptype: int, text: str, expected: Any) -> None:
    got = from_text("custom", ptype, text)
    assert type(got) is type(expected)
    assert got == expected


def test_read_bool_is_bool() -> None:
    assert from_text("Unframed", gpac.GF_PROP_BOOL, "1") is True
    assert from_text("Unframed", gpac.GF_PROP_BOOL, "0") is False


def test_read_nonprintable_4cc() -> None:
    assert from_text("x", gpac.GF_PROP_4CC, "1") == "0x00000001"
    assert from_text("x", gpac.GF_PROP_4CC_LIST, "1,avc1") == ["0x00000001", "avc1"]
    # and back
    assert value("x", "0x00000001", gpac.GF_PROP_4CC) == "0x00000001"


# StreamType names of API.md 3.4 (value -> name)
STREAM_TYPES = {
    0x00: "Unknown", 0x01: "ObjectDescriptor", 0x02: "ClockReference",
    0x03: "SceneDescription", 0x04: "Visual", 0x05: "Audio", 0x06: "MPEG7", 0x07: "IPMP",
    0x08: "OCI", 0x09: "MPEGJ", 0x0A: "Interaction", 0x0C: "Font", 0x0D: "Text",
    0x21: "Metadata", 0xE0: "Encrypted", 0xE1: "File",
    0x0B: "Unknown", 0x20: "Unknown", 0x38: "Unknown", 0xFFFFFFFF: "Unknown",
}
STREAM_SHORT = {
    0x01: "od", 0x02: "ocr", 0x03: "scene", 0x04: "video", 0x05: "audio", 0x06: "mpeg7",
    0x07: "ipmp", 0x08: "oci", 0x09: "mpegj", 0x0A: "interact", 0x0C: "font", 0x0D: "text",
    0x21: "meta", 0xE0: "crypt", 0xE1: "file", 0x00: "unknown",
}


@pytest.mark.parametrize("v,name", sorted(STREAM_TYPES.items()))
def test_stream_type_names(v: int, name: str) -> None:
    assert from_text("StreamType", gpac.GF_PROP_UINT, str(v)) == name
    if name != "Unknown" or v == 0:
        assert value("StreamType", name) == name
        assert value("StreamType", name.upper()) == name
        assert value("StreamType", v) == name


@pytest.mark.parametrize("v,short", sorted(STREAM_SHORT.items()))
def test_stream_type_short_names_parse(v: int, short: str) -> None:
    assert value("StreamType", short) == STREAM_TYPES[v]
    assert value("StreamType", short.capitalize()) == STREAM_TYPES[v]


def test_stream_type_video_alias_and_others() -> None:
    assert value("StreamType", "Video") == "Visual"
    assert from_text("OrigStreamType", gpac.GF_PROP_UINT, "4") == 4  # not converted
    assert value("OrigStreamType", 4) == 4


# CodecID (API.md 3.5): value read back, and names that parse to it
CODECS = [
    (0x20, "cmp", ["cmp", "m4ve", "m4v"]),
    (0x21, "264", ["264", "avc", "h264", "AVC"]),
    (0x23, "hvc", ["hvc", "hevc", "h265"]),
    (0x25, "lhvc", ["lhvc", "shvc", "mhvc"]),
    (0x40, "aac", ["aac"]),
    (0x6B, "mp3", ["mp3", "m1a"]),
    (0x6C, "jpg", ["jpeg"]),
    (0x6D, "png", ["png"]),
    (0x41563120, "av1", ["av1", "ivf", "obu", "av1b"]),
    (0x56503039, "vp9", ["vp9"]),
    (0x4F707573, "opus", ["opus"]),
    (0x52415750, None, []),
    (0x5241574D, "raw", ["raw", "Raw"]),
]


@pytest.mark.parametrize("cid,name,aliases", CODECS)
def test_codec_names(cid: int, name: Optional[str], aliases: List[str]) -> None:
    got = from_text("CodecID", gpac.GF_PROP_UINT, str(cid))
    assert got == (name if name else "raw")  # not in the registry: "raw"
    for alias in aliases:
        assert value("CodecID", alias) == name
    if name:
        assert value("CodecID", cid) == name


# PixelFormat (API.md 3.6): 4CC -> (long name, short name)
PIXFMTS = {
    "YU12": ("yuv420", "yuv"), "YV12": ("yvu420", "yvu"), "Y010": ("yuv420_10", "yuvl"),
    "Y442": ("yuv422", "yuv2"), "Y210": ("yuv422_10", "yp2l"), "Y444": ("yuv444", "yuv4"),
    "Y410": ("yuv444_10", "yp4l"), "UYVY": ("uyvy", "uyvy"), "NV12": ("nv12", "nv12"),
    "NV21": ("nv21", "nv21"), "YA44": ("yuv444a", "yp4a"), "GREY": ("grey", "grey"),
    "GRAL": ("algr", "algr"), "RGBA": ("rgba", "rgba"), "RGB3": ("rgb", "rgb"),
    "BGR3": ("bgr", "bgr"), "RGBX": ("xrgb", "xrgb"), "RGB4": ("rgbx", "rgbx"),
    "BGRA": ("bgra", "bgra"), "R565": ("rgb6", "rgb6"), "v210": ("v210", "v210"),
    "EXGL": ("extgl", "extgl"), "uncv": ("uncv", "uncv"),
}


def fourcc(s: str) -> int:
    return int.from_bytes(s.encode("latin-1"), "big")


@pytest.mark.parametrize("cc,names", sorted(PIXFMTS.items()))
def test_pixel_format_names(cc: str, names: Tuple[str, str]) -> None:
    long_name, short = names
    v = fourcc(cc)
    # C filters store a plain uint: short name
    assert from_text("PixelFormat", gpac.GF_PROP_UINT, str(v)) == short
    # stored as the enum type (as set from Python): short name too (the Trap, API.md 3.2)
    assert from_text("PixelFormat", gpac.GF_PROP_PIXFMT, long_name) == short
    # both names parse; what is stored is the enum type
    assert rt("PixelFormat", long_name) == (gpac.GF_PROP_PIXFMT, short)
    assert rt("PixelFormat", short) == (gpac.GF_PROP_PIXFMT, short)
    assert value("PixelFormat", v) == short
    # another pfmt property and custom enum-typed values use the long name
    assert value("PixelFormatWrapped", short) == long_name
    assert value("my_fmt", short, gpac.GF_PROP_PIXFMT) == long_name


def test_pixel_format_none_and_unknown() -> None:
    assert value("PixelFormat", "none") == "none"
    assert value("PixelFormat", 0) == "none"
    assert from_text("PixelFormat", gpac.GF_PROP_UINT, "0") == "none"
    # a value without a name reads back as its int, which parses back
    assert from_text("PixelFormat", gpac.GF_PROP_UINT, "12345") == 12345
    assert value("PixelFormat", 12345) == 12345


AUDIO_FMTS = {
    1: ("u8", "pc8"), 2: ("s16", "pcm"), 3: ("s16b", "pcmb"), 10: ("s24", "s24"),
    11: ("s24b", "s24b"), 4: ("s32", "s32"), 5: ("s32b", "s32b"), 6: ("flt", "flt"),
    7: ("fltb", "fltb"), 8: ("dbl", "dbl"), 9: ("dblb", "dblb"), 13: ("u8p", "pc8p"),
    14: ("s16p", "pcmp"), 18: ("s24p", "s24p"), 15: ("s32p", "s32p"), 16: ("fltp", "fltp"),
    17: ("dblp", "dblp"),
}


@pytest.mark.parametrize("v,names", sorted(AUDIO_FMTS.items()))
def test_audio_format_names(v: int, names: Tuple[str, str]) -> None:
    long_name, short = names
    assert from_text("AudioFormat", gpac.GF_PROP_UINT, str(v)) == short
    assert from_text("AudioFormat", gpac.GF_PROP_PCMFMT, long_name) == short
    assert rt("AudioFormat", long_name) == (gpac.GF_PROP_PCMFMT, short)
    assert value("AudioFormat", short.upper()) == short
    assert value("AudioFormat", v) == short
    assert value("my_afmt", v, gpac.GF_PROP_PCMFMT) == long_name


CICP = [
    ("ColorPrimaries", gpac.GF_PROP_CICP_COL_PRIM,
     {1: "BT709", 2: "undef", 9: "BT2020", 22: "EBU3213"}),
    ("ColorTransfer", gpac.GF_PROP_CICP_COL_TFC,
     {1: "BT709", 13: "sRGB", 16: "SMPTE2084", 18: "STDB67"}),
    ("ColorMatrix", gpac.GF_PROP_CICP_COL_MX,
     {0: "GBR", 1: "BT709", 6: "SMPTE170", 10: "BT2020cl", 11: "YDzDx"}),
]


@pytest.mark.parametrize("name,ptype,table", CICP)
def test_cicp_names(name: str, ptype: int, table: Dict[int, str]) -> None:
    for v, n in table.items():
        assert rt(name, n) == (ptype, n)
        assert value(name, n.lower()) == n
        assert value(name, v) == n
        assert from_text(name, ptype, str(v)) == n
    assert value(name, 200) == 200  # no name: the int
    with pytest.raises(ValueError):
        rt(name, "nosuchname")


# ---- writing (3.3) ----


@pytest.mark.parametrize("name,bad,exc", [
    ("StreamType", "nonsense", ValueError),
    ("StreamType", "", ValueError),
    ("StreamType", "Visual\0", ValueError),
    ("StreamType", 1.5, TypeError),
    ("StreamType", -1, OverflowError),
    ("StreamType", [4], TypeError),
    ("CodecID", "nosuchcodec", ValueError),
    ("CodecID", b"avc", TypeError),
    ("CodecID", 1 << 32, OverflowError),
    ("PixelFormat", "yuv999", ValueError),
    ("PixelFormat", 4.0, TypeError),
    ("AudioFormat", "s17", ValueError),
    ("AudioFormat", None, None),
])
def test_named_values_bad(name: str, bad: Any, exc: Optional[Type[BaseException]]) -> None:
    if exc is None:
        assert rt(name, bad) == (0, None)
        return
    with pytest.raises(exc):
        rt(name, bad)


def test_integers() -> None:
    assert value("Width", 0) == 0
    assert value("Width", (1 << 32) - 1) == (1 << 32) - 1
    assert value("Width", True) == 1
    assert value("ZOrder", -(1 << 31)) == -(1 << 31)
    assert value("Delay", -(1 << 63)) == -(1 << 63)
    assert value("ChannelLayout", (1 << 64) - 1) == (1 << 64) - 1

    class Idx:
        def __index__(self) -> int:
            return 12

    assert value("Width", Idx()) == 12


@pytest.mark.parametrize("name,bad,exc", [
    ("Width", -1, OverflowError), ("Width", 1 << 32, OverflowError),
    ("Width", 1 << 200, OverflowError), ("Width", "320", TypeError),
    ("Width", 320.0, TypeError), ("Width", [320], TypeError),
    ("ZOrder", 1 << 31, OverflowError), ("ZOrder", -(1 << 31) - 1, OverflowError),
    ("Delay", 1 << 63, OverflowError), ("ChannelLayout", -1, OverflowError),
    ("ChannelLayout", 1 << 64, OverflowError), ("MediaTime", "1.5", TypeError),
    ("MediaTime", None, None), ("Unframed", "yes", TypeError), ("Unframed", [1], TypeError),
])
def test_numbers_bad(name: str, bad: Any, exc: Optional[Type[BaseException]]) -> None:
    if exc is None:
        assert rt(name, bad) == (0, None)
        return
    with pytest.raises(exc):
        rt(name, bad)


def test_bool_and_floats() -> None:
    assert rt("Unframed", True) == (gpac.GF_PROP_BOOL, True)
    assert value("Unframed", 0) is False
    assert value("Unframed", 2) is True
    assert value("Unframed", 0.0) is False
    assert value("MediaTime", 1) == 1.0
    assert value("MediaTime", 1.25) == 1.25
    assert value("x", 0.1, gpac.GF_PROP_FLOAT) == pytest.approx(0.1)
    assert value("x", 1e300, gpac.GF_PROP_DOUBLE) == 1e300
    assert math.isinf(value("x", float("inf"), gpac.GF_PROP_FLOAT))
    assert math.isnan(value("x", float("nan"), gpac.GF_PROP_DOUBLE))
    with pytest.raises(OverflowError):
        rt("x", 1e300, gpac.GF_PROP_FLOAT)


def test_fractions() -> None:
    assert rt("FPS", Fraction(25, 1)) == (gpac.GF_PROP_FRACTION, Fraction(25, 1))
    assert str(value("FPS", 25)) == "25/1"
    assert str(value("FPS", 25.0)) == "25000/1000"
    assert str(value("FPS", 29.97)) == "29970/1000"
    assert str(value("FPS", -0.0015)) == "-1/1000"  # int() truncates toward zero
    assert str(value("FPS", fractions.Fraction(30000, 1001))) == "30000/1001"
    assert str(value("FPS", Fraction64(24, 1))) == "24/1"
    assert str(value("Duration", 2.5)) == "2500000/1000000"
    assert str(value("Duration", 7)) == "7/1"
    assert str(value("Duration", Fraction(1, 3))) == "1/3"
    assert str(value("Duration", Fraction64(1 << 40, 1 << 50))) == "%d/%d" % (1 << 40, 1 << 50)

    class NumDen:
        num = 3
        den = 4

    assert str(value("SAR", NumDen())) == "3/4"
    assert isinstance(value("SAR", NumDen()), Fraction)
    assert isinstance(value("Duration", NumDen()), Fraction64)


@pytest.mark.parametrize("name,bad,exc", [
    ("FPS", "25", TypeError), ("FPS", None, None), ("FPS", [25, 1], TypeError),
    ("FPS", float("nan"), ValueError), ("FPS", float("inf"), OverflowError),
    ("FPS", 1e10, OverflowError), ("FPS", 1 << 31, OverflowError),
    ("FPS", Fraction64(1 << 40, 1), OverflowError), ("FPS", Fraction64(1, 1 << 40), OverflowError),
    ("Duration", 1e15, OverflowError), ("Duration", 1 << 63, OverflowError),
    ("Duration", "2.5", TypeError),
])
def test_fractions_bad(name: str, bad: Any, exc: Optional[Type[BaseException]]) -> None:
    if exc is None:
        assert rt(name, bad) == (0, None)
        return
    with pytest.raises(exc):
        rt(name, bad)


def test_fraction_like_objects_bad() -> None:
    class OnlyNum:
        num = 1

    class BadDen:
        num = 1
        den = -1

    class Raises:
        @property
        def num(self) -> int:
            raise RuntimeError("boom")

    with pytest.raises(TypeError):
        rt("FPS", OnlyNum())
    with pytest.raises(OverflowError):
        rt("FPS", BadDen())
    with pytest.raises(RuntimeError):
        rt("FPS", Raises())


def test_vectors() -> None:
    assert rt("CropOrigin", PropVec2i(1, 2)) == (gpac.GF_PROP_VEC2I, PropVec2i(1, 2))
    assert value("SRD", PropVec4i(0, 0, 1920, 1080)).w == 1080
    assert value("InitialPose", PropVec3i(1, 2, 3)) == PropVec3i(1, 2, 3)
    assert value("v", PropVec2(0.5, 1.5), gpac.GF_PROP_VEC2) == PropVec2(0.5, 1.5)

    class XY:
        x = 3
        y = 4

    assert value("CropOrigin", XY()) == PropVec2i(3, 4)
    assert value("v", XY(), gpac.GF_PROP_VEC2) == PropVec2(3.0, 4.0)
    # a bigger vector has the needed attributes
    assert value("CropOrigin", PropVec4i(5, 6, 7, 8)) == PropVec2i(5, 6)


@pytest.mark.parametrize("name,bad,exc", [
    ("CropOrigin", (1, 2), TypeError), ("CropOrigin", PropVec2(1.5, 2), TypeError),
    ("SRD", PropVec3i(1, 2, 3), TypeError), ("CropOrigin", "1x2", TypeError),
    ("CropOrigin", None, None),
])
def test_vectors_bad(name: str, bad: Any, exc: Optional[Type[BaseException]]) -> None:
    if exc is None:
        assert rt(name, bad) == (0, None)
        return
    with pytest.raises(exc):
        rt(name, bad)


def test_vector_range() -> None:
    class Big:
        x = 1 << 31
        y = 0

    with pytest.raises(OverflowError):
        rt("CropOrigin", Big())


def test_strings() -> None:
    assert rt("Language", "eng") == (gpac.GF_PROP_STRING, "eng")
    assert value("URL", 12) == "12"  # str(value)
    assert value("URL", b"caf\xc3\xa9") == "café"  # bytes decoded as UTF-8
    assert value("URL", "日本") == "日本"
    assert value("URL", "") == ""
    assert value("ServiceName", Fraction(1, 2)) == "1/2"
    with pytest.raises(ValueError):
        rt("URL", "a\0b")
    with pytest.raises(UnicodeDecodeError):
        rt("URL", b"\xff")
    with pytest.raises(UnicodeEncodeError):
        rt("URL", "\udcff")

    class BadStr:
        def __str__(self) -> str:
            raise RuntimeError("no str")

    with pytest.raises(RuntimeError):
        rt("URL", BadStr())


def test_data() -> None:
    assert rt("DecoderConfig", b"\x01\x02") == (gpac.GF_PROP_DATA, PropData(b"\x01\x02"))
    assert value("DecoderConfig", bytearray(b"ab")).data == b"ab"
    assert value("DecoderConfig", memoryview(b"abc")[1:]).data == b"bc"
    assert value("DecoderConfig", PropData(b"zz")) == b"zz"
    assert value("DecoderConfig", b"").size == 0
    assert value("blob", b"\x00\xff", gpac.GF_PROP_DATA) == b"\x00\xff"
    assert value("blob", b"x", gpac.GF_PROP_CONST_DATA) == b"x"
    for bad in ("abc", 1, [1, 2], 1.5):
        with pytest.raises(TypeError):
            rt("DecoderConfig", bad)


def test_pointer_not_settable() -> None:
    with pytest.raises(TypeError, match="pointer"):
        rt("p", 1234, gpac.GF_PROP_POINTER)
    with pytest.raises(TypeError):
        rt("UDTA", 1234)


def test_lists() -> None:
    assert rt("Role", ["main", "alt"]) == (gpac.GF_PROP_STRING_LIST, ["main", "alt"])
    assert value("Role", []) == []
    assert value("Role", [1, b"x", "y"]) == ["1", "x", "y"]
    assert rt("ChapTimes", [0, 1000]) == (gpac.GF_PROP_UINT_LIST, [0, 1000])
    assert rt("TrackMatrix", [-1, 2]) == (gpac.GF_PROP_SINT_LIST, [-1, 2])
    assert rt("IsoAltBrands", ["isom", "avc1"]) == (gpac.GF_PROP_4CC_LIST, ["isom", "avc1"])
    assert value("IsoAltBrands", [0x69736F6D]) == ["isom"]
    assert value("l", [PropVec2i(1, 2)], gpac.GF_PROP_VEC2I_LIST) == [PropVec2i(1, 2)]
    assert value("l", ["a"], gpac.GF_PROP_STRING_LIST_COPY) == ["a"]
    assert rt("l", ["a"], gpac.GF_PROP_STRING_LIST_COPY)[0] == gpac.GF_PROP_STRING_LIST

    class MyList(list):  # type: ignore[type-arg]
        pass

    assert value("ChapTimes", MyList([1])) == [1]
    big = list(range(10000))
    assert value("ChapTimes", big) == big


@pytest.mark.parametrize("name,bad,exc,match", [
    ("Role", ("main",), TypeError, "Property is not a list"),
    ("ChapTimes", (1, 2), TypeError, "Property is not a list"),
    ("ChapTimes", range(3), TypeError, "Property is not a list"),
    ("ChapTimes", 3, TypeError, "Property is not a list"),
    ("Role", "main", TypeError, "Property is not a list"),
    ("ChapTimes", [-1], OverflowError, None),
    ("ChapTimes", [1 << 32], OverflowError, None),
    ("ChapTimes", ["1"], TypeError, None),
    ("TrackMatrix", [1 << 31], OverflowError, None),
    ("TrackMatrix", [1.5], TypeError, None),
    ("IsoAltBrands", ["toolong"], ValueError, None),
    ("IsoAltBrands", ["abc"], ValueError, None),
    ("IsoAltBrands", ["€abc"], ValueError, None),
    ("IsoAltBrands", [None], TypeError, None),
    ("Role", ["a\0b"], ValueError, None),
])
def test_lists_bad(name: str, bad: Any, exc: Type[BaseException], match: Optional[str]) -> None:
    with pytest.raises(exc, match=match):
        rt(name, bad)


def test_vec_list_bad() -> None:
    with pytest.raises(TypeError):
        rt("l", [(1, 2)], gpac.GF_PROP_VEC2I_LIST)
    with pytest.raises(TypeError):
        rt("l", [PropVec2i(), 3], gpac.GF_PROP_VEC2I_LIST)


def test_list_mutated_during_conversion() -> None:
    victim: List[Any] = []

    class Evil:
        def __str__(self) -> str:
            victim.clear()
            return "evil"

    victim.extend([Evil(), "b", "c"])
    # converted from a private copy: no crash, the items seen at the call are used
    assert value("Role", victim) == ["evil", "b", "c"]


def test_fourcc() -> None:
    assert rt("StreamSubtype", "vide") == (gpac.GF_PROP_4CC, "vide")
    assert value("StreamSubtype", 0x736F756E) == "soun"
    assert value("StreamSubtype", "ab c") == "ab c"
    assert value("StreamSubtype", "0x00000001") == "0x00000001"
    assert value("StreamSubtype", "0X76696465") == "vide"
    assert value("StreamSubtype", "\xe9abc") == "0xE9616263"  # not printable ASCII
    for bad, exc in (("vid", ValueError), ("video", ValueError), ("€abc", ValueError),
                     ("0x-0000001", ValueError), ("0xGGGGGGGG", ValueError),
                     (1 << 32, OverflowError), (-1, OverflowError), (1.5, TypeError),
                     (b"vide", TypeError)):
        with pytest.raises(exc):
            rt("StreamSubtype", bad)


# ---- custom properties ----


def test_custom_without_type_is_string() -> None:
    assert rt("MyCustom", 12) == (gpac.GF_PROP_STRING, "12")  # API.md 3.3 (run)
    assert value("MyCustom", [1, 2]) == "[1, 2]"
    assert value("MyCustom", Fraction(1, 2)) == "1/2"
    assert value("MyCustom", 1.5) == "1.5"


@pytest.mark.parametrize("ctype,v,expected", [
    (gpac.GF_PROP_UINT, 12, 12), (gpac.GF_PROP_SINT, -12, -12),
    (gpac.GF_PROP_LUINT, 1 << 50, 1 << 50), (gpac.GF_PROP_LSINT, -(1 << 50), -(1 << 50)),
    (gpac.GF_PROP_BOOL, 1, True), (gpac.GF_PROP_FRACTION, 0.5, Fraction(500, 1000)),
    (gpac.GF_PROP_FRACTION64, 2, Fraction64(2, 1)), (gpac.GF_PROP_DOUBLE, 2.5, 2.5),
    (gpac.GF_PROP_FLOAT, 0.5, 0.5), (gpac.GF_PROP_STRING, 3, "3"),
    (gpac.GF_PROP_STRING_NO_COPY, "s", "s"), (gpac.GF_PROP_NAME, "n", "n"),
    (gpac.GF_PROP_VEC3I, PropVec3i(1, 2, 3), PropVec3i(1, 2, 3)),
    (gpac.GF_PROP_4CC, "mp4a", "mp4a"), (gpac.GF_PROP_UINT_LIST, [3], [3]),
    (gpac.GF_PROP_CICP_COL_MX, "BT709", "BT709"), (gpac.GF_PROP_CICP_LAYOUT, 7, 7),
    (gpac.GF_PROP_CICP_LAYOUT, "7", 7),
])
def test_custom_typed(ctype: int, v: Any, expected: Any) -> None:
    got = value("my:prop", v, ctype)
    assert type(got) is type(expected) and got == expected


@pytest.mark.parametrize("ctype,exc", [
    (-1, ValueError), (28, ValueError), (39, ValueError), (46, ValueError),
    (1 << 40, OverflowError), ("uint", TypeError), (2.0, TypeError),
])
def test_custom_type_invalid(ctype: Any, exc: Type[BaseException]) -> None:
    with pytest.raises(exc):
        rt("my:prop", 1, ctype)


def test_builtin_ignores_custom_type() -> None:
    assert rt("Width", 320, gpac.GF_PROP_STRING) == (gpac.GF_PROP_UINT, 320)
    assert rt("Width", 320, 99) == (gpac.GF_PROP_UINT, 320)


def test_custom_enum_names() -> None:
    with pytest.raises(ValueError):
        rt("f", "nope", gpac.GF_PROP_PIXFMT)
    with pytest.raises(TypeError):
        rt("f", 1.0, gpac.GF_PROP_PCMFMT)
    # StreamType names only mean something for the StreamType property
    with pytest.raises(TypeError):
        rt("f", "Visual", gpac.GF_PROP_UINT)


def test_roundtrip_hook_bad_calls() -> None:
    with pytest.raises(TypeError):
        rt("Width")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        rt("Width", 1, 0, 0)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        from_text("Width", 2)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        from_text("Width", gpac.GF_PROP_UINT, "abc")
    with pytest.raises(OverflowError):
        from_text("Width", 99, "1")
    with pytest.raises(TypeError):
        from_text("Width", gpac.GF_PROP_UINT, 1)  # type: ignore[arg-type]


# ---- enumeration ----


class Collect:
    def __init__(self) -> None:
        self.seen: List[Tuple[str, Any]] = []

    def on_prop_enum(self, name: str, v: Any) -> None:
        self.seen.append((name, v))


def test_enum_names_and_values() -> None:
    cb = Collect()
    G._props_enum(cb, [
        ("Width", 320, 0), ("PMST", "Visual", 0), ("PID", 2, 0), ("tool", "x", 0),
        ("isom:creation_date", 7, gpac.GF_PROP_LUINT), ("PixelFormat", "yuv420", 0),
        (0x48454947, 240, 0),
    ])
    assert cb.seen == [
        ("Width", 320), ("StreamType", "Visual"), ("ID", 2), ("tool", "x"),
        ("isom:creation_date", 7), ("PixelFormat", "yuv"), ("Height", 240),
    ]


def test_enum_empty_and_replaced() -> None:
    cb = Collect()
    G._props_enum(cb, [])
    assert cb.seen == []
    G._props_enum(cb, [("Width", 1, 0), ("WIDT", 2, 0)])
    assert cb.seen == [("Width", 2)]


def test_enum_callback_errors() -> None:
    class Raises:
        def __init__(self) -> None:
            self.n = 0

        def on_prop_enum(self, name: str, v: Any) -> None:
            self.n += 1
            raise KeyError(name)

    r = Raises()
    with pytest.raises(KeyError, match="Width"):
        G._props_enum(r, [("Width", 1, 0), ("Height", 2, 0)])
    assert r.n == 1  # stops at the first exception
    with pytest.raises(AttributeError):
        G._props_enum(object(), [("Width", 1, 0)])
    # no entry: no lookup of on_prop_enum
    G._props_enum(object(), [])


def test_enum_return_value_ignored() -> None:
    class Returns:
        def on_prop_enum(self, name: str, v: Any) -> int:
            return 42

    G._props_enum(Returns(), [("Width", 1, 0)])


def test_enum_hook_bad_entries() -> None:
    with pytest.raises(TypeError):
        G._props_enum(Collect(), [("Width", 1)])
    with pytest.raises(TypeError):
        G._props_enum(Collect(), (("Width", 1, 0),))
    with pytest.raises(OverflowError):
        G._props_enum(Collect(), [("Width", -1, 0)])
    with pytest.raises(TypeError):
        G._props_enum(Collect())  # type: ignore[call-arg]
