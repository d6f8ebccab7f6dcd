"""The value structs of API.md 2.8 (py_values.c): Fraction, Fraction64, PropVec2i,
PropVec2, PropVec3i, PropVec4i and PropData: construction, ranges, str/repr, equality,
mutability, copying, buffer protocol and every bad input."""

from __future__ import annotations

import copy
import fractions
import gc
import inspect
import pickle
import sys
from typing import Any, Type

import pytest

import gpac
from gpac import Fraction, Fraction64, PropData, PropVec2, PropVec2i, PropVec3i, PropVec4i

INT32 = (-(1 << 31), (1 << 31) - 1)
UINT32 = (1 << 32) - 1
INT64 = (-(1 << 63), (1 << 63) - 1)
UINT64 = (1 << 64) - 1

ALL_TYPES = [Fraction, Fraction64, PropVec2i, PropVec2, PropVec3i, PropVec4i, PropData]


@pytest.mark.parametrize("tp", ALL_TYPES)
def test_types_are_exported_and_immutable(tp: Type[Any]) -> None:
    assert getattr(gpac, tp.__name__) is tp
    assert getattr(gpac._gpac, tp.__name__) is tp
    assert tp.__module__ == "gpac"
    assert tp.__doc__
    with pytest.raises(TypeError):
        tp.foo = 1  # immutable type
    with pytest.raises(TypeError):
        type("Sub", (tp,), {})  # not a base type
    assert not hasattr(tp(), "__dict__")


@pytest.mark.parametrize("tp,sig", [
    (Fraction, "(num=0, den=1)"), (Fraction64, "(num=0, den=1)"),
    (PropVec2i, "(x=0, y=0)"), (PropVec2, "(x=0.0, y=0.0)"), (PropVec3i, "(x=0, y=0, z=0)"),
    (PropVec4i, "(x=0, y=0, z=0, w=0)"), (PropData, "(data=b'')"),
])
def test_signatures(tp: Type[Any], sig: str) -> None:
    assert str(inspect.signature(tp)) == sig


# ---- Fraction / Fraction64 ----


@pytest.mark.parametrize("tp", [Fraction, Fraction64])
def test_fraction_construction(tp: Type[Any]) -> None:
    f = tp()
    assert (f.num, f.den) == (0, 1)
    f = tp(25, 1)
    assert (f.num, f.den) == (25, 1)
    assert str(f) == "25/1"
    f = tp(num=-3, den=4)
    assert str(f) == "-3/4"
    assert tp(7).den == 1
    assert tp(den=5).num == 0
    assert tp(True, False).den == 0  # bools are ints


def test_fraction_repr() -> None:
    assert repr(Fraction(12800, 512)) == "Fraction(12800, 512)"
    assert repr(Fraction64(-1, 2)) == "Fraction64(-1, 2)"
    assert eval(repr(Fraction(3, 4)), {"Fraction": Fraction}) == Fraction(3, 4)


@pytest.mark.parametrize("tp,lo,hi,dmax", [
    (Fraction, INT32[0], INT32[1], UINT32), (Fraction64, INT64[0], INT64[1], UINT64),
])
def test_fraction_ranges(tp: Type[Any], lo: int, hi: int, dmax: int) -> None:
    f = tp(lo, dmax)
    assert (f.num, f.den) == (lo, dmax)
    assert tp(hi, 0).num == hi
    for bad in (lo - 1, hi + 1, 1 << 100, -(1 << 100)):
        with pytest.raises(OverflowError):
            tp(bad)
        with pytest.raises(OverflowError):
            f.num = bad
    for bad in (-1, dmax + 1, 1 << 100):
        with pytest.raises(OverflowError):
            tp(1, bad)
        with pytest.raises(OverflowError):
            f.den = bad
    assert (f.num, f.den) == (lo, dmax)  # unchanged by failed assignments


@pytest.mark.parametrize("tp", [Fraction, Fraction64])
@pytest.mark.parametrize("bad", [1.5, "1", None, b"1", [1], fractions.Fraction(1, 2)])
def test_fraction_type_errors(tp: Type[Any], bad: Any) -> None:
    with pytest.raises(TypeError):
        tp(bad)
    with pytest.raises(TypeError):
        tp(1, bad)
    f = tp(1, 2)
    with pytest.raises(TypeError):
        f.num = bad
    with pytest.raises(TypeError):
        f.den = bad


@pytest.mark.parametrize("tp", [Fraction, Fraction64])
def test_fraction_bad_calls(tp: Type[Any]) -> None:
    with pytest.raises(TypeError):
        tp(1, 2, 3)
    with pytest.raises(TypeError):
        tp(numerator=1)
    with pytest.raises(TypeError):
        tp(1, num=2)
    f = tp(1, 2)
    with pytest.raises(TypeError):
        del f.num
    with pytest.raises(TypeError):
        del f.den
    with pytest.raises(AttributeError):
        f.other = 1


def test_fraction_index_objects() -> None:
    class Idx:
        def __index__(self) -> int:
            return 9

    f = Fraction(Idx(), Idx())
    assert str(f) == "9/9"


def test_fraction_mutable() -> None:
    f = Fraction(1, 2)
    f.num = 30000
    f.den = 1001
    assert str(f) == "30000/1001"


def test_fraction_equality() -> None:
    assert Fraction(25, 1) == Fraction(25, 1)
    assert Fraction(50, 2) == Fraction(25, 1)
    assert Fraction(25, 1) == 25
    assert 25 == Fraction(25, 1)
    assert Fraction(1, 2) != 0
    assert Fraction(1, 2) == Fraction64(2, 4)
    assert Fraction64(-(1 << 62), 1) == Fraction64(-(1 << 63), 2)
    assert Fraction64(INT64[1], UINT64) == Fraction64(INT64[1], UINT64)
    assert Fraction64(INT64[1], UINT64) != Fraction64(INT64[1] - 1, UINT64)
    # zero denominators only equal the same pair
    assert Fraction(1, 0) == Fraction(1, 0)
    assert Fraction(1, 0) != Fraction(2, 0)
    assert Fraction(0, 0) != Fraction(0, 1)
    assert Fraction(0, 0) != 0
    assert Fraction(1, 2) != "1/2"
    assert Fraction(1, 2) != 0.5  # only fractions and ints compare
    with pytest.raises(TypeError):
        Fraction(1, 2) < Fraction(1, 1)  # type: ignore[operator]


def test_fraction_unhashable() -> None:
    with pytest.raises(TypeError):
        hash(Fraction(1, 2))
    with pytest.raises(TypeError):
        hash(Fraction64(1, 2))


def test_fraction_float() -> None:
    assert float(Fraction(1, 4)) == 0.25
    assert float(Fraction64(10000, 1000)) == 10.0
    assert float(Fraction(-12800, 512)) == -25.0
    with pytest.raises(ZeroDivisionError):
        float(Fraction(1, 0))


@pytest.mark.parametrize("obj", [Fraction(-3, 7), Fraction64(1 << 40, 3)])
def test_fraction_copy_and_pickle(obj: Any) -> None:
    for clone in (copy.copy(obj), copy.deepcopy(obj), pickle.loads(pickle.dumps(obj))):
        assert type(clone) is type(obj)
        assert (clone.num, clone.den) == (obj.num, obj.den)
        assert clone is not obj


# ---- vectors ----


@pytest.mark.parametrize("tp,n,text", [
    (PropVec2i, 2, "1x2"), (PropVec3i, 3, "1x2x3"), (PropVec4i, 4, "1x2x3x4"),
])
def test_int_vectors(tp: Type[Any], n: int, text: str) -> None:
    axes = "xyzw"[:n]
    v = tp(*range(1, n + 1))
    assert [getattr(v, a) for a in axes] == list(range(1, n + 1))
    assert str(v) == text
    assert repr(v) == "%s(%s)" % (tp.__name__, ", ".join(str(i) for i in range(1, n + 1)))
    z = tp()
    assert all(getattr(z, a) == 0 for a in axes)
    kw = tp(**{a: 7 for a in axes})
    assert str(kw) == "x".join(["7"] * n)
    for a in axes:
        setattr(v, a, INT32[0])
        assert getattr(v, a) == INT32[0]
        with pytest.raises(OverflowError):
            setattr(v, a, INT32[1] + 1)
        with pytest.raises(TypeError):
            setattr(v, a, 1.5)
        with pytest.raises(TypeError):
            setattr(v, a, "1")
        with pytest.raises(TypeError):
            delattr(v, a)
    with pytest.raises(TypeError):
        tp(*range(n + 1))
    with pytest.raises(TypeError):
        tp(q=1)
    with pytest.raises(OverflowError):
        tp(1 << 40)
    for missing in "xyzw"[n:]:
        assert not hasattr(v, missing)


def test_vec4i_keeps_w() -> None:
    v = PropVec4i(0, 0, 1920, 1080)
    assert v.w == 1080  # the reference loses it
    assert str(v) == "0x0x1920x1080"


def test_float_vector() -> None:
    v = PropVec2(1.5, 2)
    assert v.x == 1.5 and v.y == 2.0 and isinstance(v.y, float)
    assert str(v) == "1.5x2.0"
    assert repr(v) == "PropVec2(1.5, 2.0)"
    assert str(PropVec2()) == "0.0x0.0"
    v.x = -0.25
    assert v.x == -0.25
    with pytest.raises(TypeError):
        v.y = "1"
    with pytest.raises(TypeError):
        PropVec2(None)
    with pytest.raises(OverflowError):
        PropVec2(1 << 2000)
    assert PropVec2(float("inf")).x == float("inf")


def test_vector_equality() -> None:
    assert PropVec2i(1, 2) == PropVec2i(1, 2)
    assert PropVec2i(1, 2) != PropVec2i(2, 1)
    assert PropVec2i(1, 2) != PropVec3i(1, 2, 0)
    assert PropVec2(1.0, 2.0) == PropVec2(1, 2)
    assert PropVec2(1.0, 2.0) != PropVec2i(1, 2)
    assert PropVec4i(1, 2, 3, 4) != PropVec4i(1, 2, 3, 5)
    assert PropVec2i(1, 2) != (1, 2)
    with pytest.raises(TypeError):
        hash(PropVec2i())
    with pytest.raises(TypeError):
        PropVec2i() < PropVec2i()  # type: ignore[operator]


@pytest.mark.parametrize("obj", [PropVec2i(-1, 2), PropVec2(0.5, -3.25), PropVec3i(1, 2, 3),
                                 PropVec4i(1, 2, 3, 4)])
def test_vector_copy_and_pickle(obj: Any) -> None:
    for clone in (copy.copy(obj), pickle.loads(pickle.dumps(obj))):
        assert type(clone) is type(obj) and clone == obj and clone is not obj


# ---- PropData ----


def test_propdata_basics() -> None:
    d = PropData(b"\x01\x02\x03")
    assert d.size == 3
    assert d.data == b"\x01\x02\x03"
    assert bytes(d) == b"\x01\x02\x03"
    assert str(d) == "data,size:3"
    assert repr(d) == "PropData(size=3)"
    e = PropData()
    assert e.size == 0 and bytes(e) == b"" and str(e) == "data,size:0"
    assert PropData(data=b"ab").data == b"ab"


@pytest.mark.parametrize("src", [bytearray(b"xyz"), memoryview(b"xyz"), b"xyz",
                                 PropData(b"xyz")])
def test_propdata_from_buffers(src: Any) -> None:
    d = PropData(src)
    assert d.data == b"xyz"


def test_propdata_is_a_copy() -> None:
    src = bytearray(b"abc")
    d = PropData(src)
    src[0] = ord("z")
    assert d.data == b"abc"


@pytest.mark.parametrize("bad", ["abc", 3, None, [1, 2], 1.5])
def test_propdata_type_errors(bad: Any) -> None:
    with pytest.raises(TypeError):
        PropData(bad)


def test_propdata_bad_calls() -> None:
    with pytest.raises(TypeError):
        PropData(b"a", b"b")
    with pytest.raises(TypeError):
        PropData(ptr=b"a")
    import array

    with pytest.raises(BufferError):  # not C-contiguous
        PropData(memoryview(array.array("b", range(10)))[::2])


def test_propdata_immutable() -> None:
    d = PropData(b"abc")
    with pytest.raises(AttributeError):
        d.size = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        d.data = b"x"  # type: ignore[misc]
    m = memoryview(d)
    assert m.readonly and m.tobytes() == b"abc" and m.nbytes == 3
    with pytest.raises(TypeError):
        m[0] = 1
    import ctypes

    with pytest.raises((TypeError, BufferError)):
        ctypes.c_char.from_buffer(d)  # asks for a writable buffer
    m.release()


def test_propdata_buffer_keeps_object_alive() -> None:
    d = PropData(b"keep me")
    m = memoryview(d)
    del d
    gc.collect()
    assert m.tobytes() == b"keep me"
    assert type(m.obj) is PropData and bytes(m.obj) == b"keep me"


def test_propdata_equality_and_hash() -> None:
    d = PropData(b"abc")
    assert d == PropData(b"abc")
    assert d == b"abc"
    assert d == bytearray(b"abc")
    assert d != b"abd"
    assert d != b"ab"
    assert d != "abc"
    assert hash(d) == hash(b"abc") == hash(PropData(b"abc"))
    assert {d: 1}[b"abc"] == 1
    assert hash(PropData()) == hash(b"")


def test_propdata_large_and_binary() -> None:
    blob = bytes(range(256)) * 1000
    d = PropData(blob)
    assert d.size == len(blob) and bytes(d) == blob
    assert d.data[-1] == 255


def test_propdata_copy_and_pickle() -> None:
    d = PropData(b"\x00\xffdata")
    for clone in (copy.copy(d), copy.deepcopy(d), pickle.loads(pickle.dumps(d))):
        assert type(clone) is PropData and clone == d


def test_many_objects_no_leak() -> None:
    # refcounts of the types stay stable (heap types are decref'd on dealloc)
    before = [sys.getrefcount(t) for t in ALL_TYPES]
    for _ in range(1000):
        Fraction(1, 2), Fraction64(1, 2), PropVec2i(), PropVec2(), PropVec3i(), PropVec4i()
        PropData(b"abc")
    after = [sys.getrefcount(t) for t in ALL_TYPES]
    assert before == after
