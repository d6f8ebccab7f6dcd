"""Filter (API.md 2.3, py_filter*.c) on built-in filters: identity and attributes, name/ID/
PID counts, links (set_source, insert, reconnect, remove), options (update, all_args,
get_arg_value, all_args_value), PIDs by index (props, enum, stats, source, sinks),
statistics, the methods the engine has no counterpart for, misuse, use after the
session's deletion and lifetimes (engine counters back to zero)."""

from __future__ import annotations

import gc
import re
import weakref
from pathlib import Path
from typing import Any, Iterator, List, Tuple

import pytest

import gpac
from gpac import _gpac

SRC = "avgen:type=v:dur=1/5:sizes=64x48"  # 5 raw video frames, 25 fps


def assert_clean() -> None:
    gc.collect()
    counters = _gpac._counters()
    assert all(v == 0 for v in counters.values()), counters


@pytest.fixture(autouse=True)
def clean_after() -> Iterator[None]:
    yield
    assert_clean()


def graph(src: str = SRC, run: bool = True) -> Tuple[Any, Any, Any]:
    fs = gpac.FilterSession()
    s = fs.load(src)
    dst = fs.load("inspect:deep:log=null")
    if run:
        fs.run()
    return fs, s, dst


class PropCollector:
    def __init__(self) -> None:
        self.props: List[Tuple[str, Any]] = []

    def on_prop_enum(self, name: str, value: Any) -> None:
        self.props.append((name, value))


# ---- the type ----


def test_type_is_created_by_the_binding_only() -> None:
    assert gpac.Filter is _gpac.Filter
    with pytest.raises(TypeError):
        gpac.Filter()
    assert issubclass(gpac.FilterCustom, gpac.Filter)
    assert gpac.Filter.__doc__ and gpac.Filter.set_source.__doc__
    assert "link_args" in str(gpac.Filter.set_source.__text_signature__)


def test_identity_truthiness_and_attributes() -> None:
    fs, s, dst = graph(run=False)
    assert fs.get_filter(0) is s and fs.get_filter(1) is dst
    assert s and dst  # always truthy
    s.my_attr = [1, 2]
    assert fs.get_filter(0).my_attr == [1, 2]
    ref = weakref.ref(s)
    assert ref() is s
    assert not hasattr(s, "__len__")
    fs.delete()


def test_name_id_counts_str_repr() -> None:
    fs, s, dst = graph(run=False)
    assert s.name == "avgen" and dst.name == "inspect"
    assert str(s) == "avgen" and repr(s) == "<Filter 'avgen'>"
    assert s.ID is None
    assert (s.nb_ipid, s.nb_opid) == (0, 1)  # avgen declares its PID at load
    assert (dst.nb_ipid, dst.nb_opid) == (0, 0)
    fs.run()
    assert (dst.nb_ipid, dst.nb_opid) == (1, 0)
    assert s.status == "" and isinstance(s.bytes_done, int) and s.bytes_done > 0
    assert dst.bytes_done == 5 * 64 * 48 * 3 // 2  # 5 yuv420 frames consumed
    fs.delete()


def test_named_instance_and_fid() -> None:
    fs = gpac.FilterSession()
    s = fs.load(SRC + ":N=gen:FID=g1")
    assert s.name == "gen" and s.ID == "g1"
    assert repr(s) == "<Filter 'gen' ID=g1>"
    fs.delete()


# ---- links ----


def test_set_source_assigns_an_id_and_links() -> None:
    fs = gpac.FilterSession()
    a = fs.load(SRC)
    b = fs.load(SRC)
    dst = fs.load("inspect:log=null")
    dst.set_source(b)
    assert a.ID is None and isinstance(b.ID, str) and b.ID
    dst.set_source(None)  # ignored
    fs.run()
    assert dst.nb_ipid == 1 and dst.ipid_source(0) is b
    assert a.opid_sinks(0) == []
    fs.delete()


@pytest.mark.parametrize("link", ["PID=1", "#PID=1", "video", "StreamType=Visual"])
def test_set_source_link_args(link: str) -> None:
    fs = gpac.FilterSession()
    s = fs.load(SRC)
    dst = fs.load("inspect:log=null")
    dst.set_source(s, link)
    fs.run()
    assert dst.nb_ipid == 1
    fs.delete()


def test_set_source_link_args_filtering_out() -> None:
    fs = gpac.FilterSession()
    s = fs.load(SRC)
    dst = fs.load("inspect:log=null")
    dst.set_source_restricted(s, link_args="PID=7")
    fs.run()
    assert dst.nb_ipid == 0 and s.opid_sinks(0) == []
    fs.delete()


def test_set_source_misuse() -> None:
    fs, s, dst = graph(run=False)
    with pytest.raises(TypeError):
        dst.set_source("avgen")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dst.set_source(s, 12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dst.set_source()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        dst.set_source(s, None, 3)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        dst.set_source(s, "PID\0=1")
    with pytest.raises(gpac.GPACError) as info:
        s.set_source(s)
    assert info.value.code == gpac.GF_BAD_PARAM
    fs.delete()


def test_insert_before_run_links_through_the_new_filter() -> None:
    fs = gpac.FilterSession()
    a = fs.load(SRC)
    b = fs.load(SRC)
    mid = fs.load("inspect:log=null")
    a.insert(mid)  # mid.set_source(a): mid takes a's outputs only
    assert isinstance(a.ID, str) and b.ID is None
    fs.run()
    assert mid.nb_ipid == 1 and mid.ipid_source(0) is a
    assert a.opid_sinks(0) == [mid] and b.opid_sinks(0) == []
    fs.delete()


def test_insert_and_reconnect_after_linking_are_not_supported() -> None:
    fs, s, dst = graph()
    other = fs.load("inspect:log=null")
    for call in (lambda: s.insert(other), lambda: s.insert(other, 0, "PID=1"),
                 lambda: s.reconnect(), lambda: s.reconnect(0)):
        with pytest.raises(gpac.GPACError) as info:
            call()
        assert info.value.code == gpac.GF_NOT_SUPPORTED
        assert "already connected" in str(info.value)
    assert other.ID is None  # insert changed nothing
    with pytest.raises(IndexError):
        s.insert(other, 1)
    with pytest.raises(IndexError):
        s.reconnect(3)
    with pytest.raises(TypeError):
        s.insert(other, "0")  # type: ignore[arg-type]
    assert dst.reconnect() is None  # no output: nothing to do
    fs.delete()


def test_reconnect_before_linking_is_a_no_op() -> None:
    fs, s, dst = graph(run=False)
    assert s.reconnect() is None and s.reconnect(opid=0) is None
    fs.run()
    assert dst.nb_ipid == 1
    fs.delete()


def test_remove_before_run() -> None:
    fs, s, dst = graph(run=False)
    dst.remove()
    dst.remove()  # twice: harmless
    fs.run()
    assert dst.nb_ipid == 0 and dst.name == "inspect"  # still usable
    fs.delete()


# ---- options ----


def test_update_refuses_unknown_and_fixed_options() -> None:
    fs, s, dst = graph(run=False)
    for name in ("no_such_option", "dur"):  # avgen has no updatable option
        with pytest.raises(gpac.GPACError) as info:
            s.update(name, "1")
        assert info.value.code == gpac.GF_BAD_PARAM and name in str(info.value)
    with pytest.raises(gpac.GPACError):
        s.update("dur", "2", propagate_mask=3)
    with pytest.raises(ValueError):
        s.update("dur", "1", 4)
    with pytest.raises(TypeError):
        s.update("dur", 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        s.update(None, "1")  # type: ignore[arg-type]
    fs.delete()


def test_all_args() -> None:
    fs, s, dst = graph(run=False)
    args = s.all_args()
    assert all(isinstance(a, gpac.FilterArg) for a in args)
    assert [a.name for a in args] == [a.name for a in _gpac._filter_class_args("avgen")]
    assert b"dur" in [a.name for a in args]
    fs.delete()


def test_get_arg_value_converts_by_type() -> None:
    fs = gpac.FilterSession()
    s = fs.load(SRC + ":freq=880:afmt=flt")
    dur = s.get_arg_value("dur")
    assert isinstance(dur, gpac.Fraction) and (dur.num, dur.den) == (1, 5)
    assert s.get_arg_value("type") == 1  # enum index of 'v' in a|v|av, as GPAC stores it
    sizes = s.get_arg_value("sizes")
    assert isinstance(sizes, gpac.PropVec2i) and (sizes.x, sizes.y) == (64, 48)
    assert s.get_arg_value("freq") == 880
    assert s.get_arg_value("afmt") == "flt"
    assert s.get_arg_value("src") is None  # unset string
    assert s.get_arg_value("no_such_option") is None
    dst = fs.load("inspect:deep")
    assert dst.get_arg_value("deep") in (True, 1)
    assert dst.get_arg_value("interleave") in (True, 1)
    with pytest.raises(TypeError):
        s.get_arg_value(3)  # type: ignore[arg-type]
    fs.delete()


def test_all_args_value() -> None:
    fs = gpac.FilterSession()
    s = fs.load(SRC)
    values = {d["name"]: d for d in s.all_args_value()}
    assert set(values) == {a.name.decode() for a in s.all_args()}
    assert values["type"] == {
        "name": "type", "type": "uint", "value": "v", "description": values["type"]["description"],
        "default": "av", "min_max_enum": "a|v|av",
    }
    assert values["type"]["description"]
    assert values["dur"]["value"] == "1/5" and values["dur"]["type"] == "frac"
    assert values["src"]["default"] is None and values["src"]["value"] == ""
    assert values["freq"]["min_max_enum"] is None
    fs.delete()


# ---- PIDs by index ----


def test_pid_properties_by_index() -> None:
    fs, s, dst = graph()
    assert s.opid_prop(0, "StreamType") == "Visual"
    assert s.opid_prop(0, "Width") == 64
    assert dst.ipid_prop(0, "Height") == 48
    assert dst.ipid_prop(idx=0, name="CodecID") == "raw"
    assert s.opid_prop(0, "NoSuchProperty") is None
    for call in (lambda: s.opid_prop(1, "Width"), lambda: s.ipid_prop(0, "Width"),
                 lambda: dst.ipid_prop(-1, "Width"), lambda: dst.opid_prop(0, "Width")):
        with pytest.raises(IndexError):
            call()
    with pytest.raises(TypeError):
        s.opid_prop("0", "Width")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        s.opid_prop(0, 1.5)  # type: ignore[arg-type]
    fs.delete()


def test_enum_props_by_index() -> None:
    fs, s, dst = graph()
    out, inp = PropCollector(), PropCollector()
    s.opid_enum_props(0, out)
    dst.ipid_enum_props(0, cb=inp)
    assert ("Width", 64) in out.props and ("StreamType", "Visual") in out.props
    assert dict(inp.props)["Height"] == 48
    with pytest.raises(IndexError):
        s.opid_enum_props(2, out)

    class Boom:
        def on_prop_enum(self, name: str, value: Any) -> None:
            raise KeyError(name)

    with pytest.raises(KeyError):
        s.opid_enum_props(0, Boom())
    with pytest.raises(AttributeError):
        s.opid_enum_props(0, object())
    fs.delete()


def test_pid_stats_source_and_sinks() -> None:
    fs, s, dst = graph()
    st = s.opid_stats(0)
    assert isinstance(st, gpac.FilterPidStatistics)
    assert isinstance(dst.ipid_stats(0, gpac.GF_STATS_LOCAL_INPUTS), gpac.FilterPidStatistics)
    with pytest.raises(ValueError):
        s.opid_stats(0, 7)
    with pytest.raises(IndexError):
        dst.ipid_stats(1)
    assert dst.ipid_source(0) is s
    sinks = s.opid_sinks(0)
    assert sinks == [dst] and sinks[0] is dst
    with pytest.raises(IndexError):
        dst.ipid_source(1)
    with pytest.raises(IndexError):
        s.opid_sinks(-1)
    fs.delete()


# ---- statistics and what the engine does not have ----


def test_statistics_and_engine_gaps(tmp_path: Path) -> None:
    fs, s, dst = graph()
    stats = s.get_statistics()
    assert isinstance(stats, gpac.FilterStats) and stats.reg_name == b"avgen"
    assert stats.nb_pck_sent == 5
    assert s.get_info("Width") is None
    assert s.require_source_id() is None
    assert s.probe_link(0, "inspect") is None
    assert s.get_destinations(-1) is None and s.get_destinations(0) is None
    with pytest.raises(TypeError):
        s.probe_link(0)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        s.probe_link(0, 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        s.get_destinations("0")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        s.get_info(1.0)  # type: ignore[arg-type]
    fs.delete()


@pytest.mark.parametrize("name", ["avgen", "inspect"])
def test_bind_is_not_supported(name: str) -> None:
    fs, s, dst = graph(run=False)
    f = s if name == "avgen" else dst

    class Handler:
        def on_request(self, *args: Any) -> None:
            pass

    with pytest.raises(gpac.GPACError) as info:
        f.bind(Handler())
    assert info.value.code == gpac.GF_NOT_SUPPORTED
    assert "No possible binding to filter class %s" % name in str(info.value)
    fs.delete()


# ---- use after deletion ----


def test_use_after_session_delete_raises() -> None:
    fs, s, dst = graph()
    fs.delete()
    assert repr(s) == "<Filter (destroyed)>"
    calls = [
        lambda: s.name, lambda: s.ID, lambda: s.nb_ipid, lambda: s.nb_opid,
        lambda: s.status, lambda: s.bytes_done, lambda: str(s),
        lambda: dst.set_source(s), lambda: dst.set_source(None), lambda: s.insert(dst),
        lambda: s.reconnect(), lambda: s.remove(), lambda: s.update("dur", "1"),
        lambda: s.opid_prop(0, "Width"), lambda: s.opid_enum_props(0, PropCollector()),
        lambda: s.opid_stats(0), lambda: dst.ipid_source(0), lambda: s.opid_sinks(0),
        lambda: s.all_args(), lambda: s.get_arg_value("dur"), lambda: s.all_args_value(),
        lambda: s.get_info("x"), lambda: s.get_statistics(), lambda: s.require_source_id(),
        lambda: s.probe_link(0, "x"), lambda: s.get_destinations(0), lambda: s.bind(object()),
    ]
    for call in calls:
        with pytest.raises(gpac.GPACError, match="destroyed"):
            call()
    s.attr = 1  # attributes still work
    assert s.attr == 1


def test_filters_keep_their_session_alive() -> None:
    """A Filter holds its FilterSession: dropping the session object without delete()
    keeps it running for the filters still referenced; the engine session goes with the
    last of them (the autouse fixture checks the counters)."""
    fs, s, dst = graph()
    ref = weakref.ref(fs)
    del fs
    gc.collect()
    assert ref() is not None
    assert dst.nb_ipid == 1 and dst.ipid_source(0) is s
    fs = ref()
    fs.delete()
    del fs
    with pytest.raises(gpac.GPACError):
        s.name
    del s, dst
    gc.collect()
    assert ref() is None


def test_filters_freed_with_the_session() -> None:
    fs, s, dst = graph()
    refs = [weakref.ref(s), weakref.ref(dst)]
    del s, dst
    fs.delete()
    gc.collect()
    assert [r() for r in refs] == [None, None]


def test_session_dropped_without_delete() -> None:
    fs, s, dst = graph()
    refs = [weakref.ref(fs), weakref.ref(s), weakref.ref(dst)]
    del fs, s, dst
    gc.collect()
    assert [r() for r in refs] == [None, None, None]
