"""Statistics and descriptors (API.md 2.9): FilterArg built from the registry's option
tables (bytes fields, str() as `gpac -h`), filter_list()/filter_info(), and the
session-made records (FilterStats, FilterPidStatistics, BufferOccupancy) once sessions
exist."""

from __future__ import annotations

from typing import Any, List

import pytest

import gpac
import gpac._gpac as _gpac

RECORD_TYPES = {
    "FilterStats": [
        "filter", "filter_alias", "nb_tasks_done", "nb_pck_processed", "nb_bytes_processed",
        "nb_pck_sent", "nb_hw_pck_sent", "nb_errors", "nb_current_errors", "nb_bytes_sent",
        "time_process", "percent", "status", "report_updated", "name", "reg_name",
        "filter_id", "done", "nb_pid_in", "nb_in_pck", "nb_pid_out", "nb_out_pck", "in_eos",
        "type", "stream_type", "codecid", "last_ts_sent", "last_ts_drop", "last_task_time",
    ],
    "FilterPidStatistics": [
        "disconnected", "average_process_rate", "max_process_rate", "average_bitrate",
        "max_bitrate", "nb_processed", "max_process_time", "total_process_time",
        "first_process_time", "last_process_time", "min_frame_dur", "nb_saps",
        "max_sap_process_time", "total_sap_process_time", "max_buffer_time",
        "max_playout_time", "min_playout_time", "buffer_time", "nb_buffer_units",
        "last_rt_report", "rtt", "jitter", "loss_rate", "last_ts_drop", "last_ts_sent",
    ],
    "FilterArg": ["name", "reserved", "description", "type", "default", "min_max_enum", "flags"],
    "BufferOccupancy": ["max_units", "nb_pck", "max_dur", "dur", "is_final_flush"],
    "GLTextureInfo": ["id", "format"],
}


def avgen_arg(name: str) -> Any:
    for a in _gpac._filter_class_args("avgen"):
        if a.name == name.encode():
            return a
    raise AssertionError("avgen has no option " + name)


# ---- the types ----


@pytest.mark.parametrize("tname", sorted(RECORD_TYPES))
def test_record_types(tname: str) -> None:
    tp = getattr(gpac, tname)
    assert tp.__name__ == tname
    for field in RECORD_TYPES[tname]:
        assert hasattr(tp, field), (tname, field)
    with pytest.raises(TypeError):
        tp()


# ---- FilterArg ----


def test_filter_arg_fields() -> None:
    args = _gpac._filter_class_args("avgen")
    assert args and all(isinstance(a, gpac.FilterArg) for a in args)
    a = avgen_arg("type")
    assert a.name == b"type"
    assert a.type == gpac.GF_PROP_UINT
    assert a.default == b"av"
    assert a.min_max_enum == b"a|v|av"
    assert isinstance(a.description, bytes) and a.description
    assert a.reserved == 0
    assert isinstance(a.flags, int)
    assert avgen_arg("dur").type == gpac.GF_PROP_FRACTION
    src = avgen_arg("src")
    assert src.default is None and src.min_max_enum is None
    assert src.flags & gpac.GF_FS_ARG_HINT_HIDE


def test_filter_arg_str() -> None:
    a = avgen_arg("type")
    assert str(a) == "- type (uint): %s (default: av min_max_enum: a|v|av)" % (
        a.description.decode()
    )
    d = avgen_arg("sr")
    assert str(d) == "- sr (uint): %s (default: 44100)" % d.description.decode()
    s = avgen_arg("src")
    assert str(s) == "- src (str): %s" % s.description.decode()
    assert repr(a).startswith("FilterArg(name=b'type', reserved=0,")


def test_filter_arg_is_read_only() -> None:
    a = avgen_arg("type")
    with pytest.raises(AttributeError):
        a.name = b"x"
    with pytest.raises(AttributeError):
        a.anything = 1


def test_min_max_only() -> None:
    """An option with a range and no default prints only min_max_enum."""
    for name in gpac.filter_list():
        for a in _gpac._filter_class_args(name):
            desc = (a.description or b"").decode()
            head = "- %s (" % a.name.decode()
            text = str(a)
            assert text.startswith(head)
            if a.min_max_enum and not a.default:
                assert text.endswith(": %s (min_max_enum: %s)" % (desc, a.min_max_enum.decode()))
            if not a.min_max_enum and not a.default:
                assert text.endswith(": " + desc)


def test_class_args_unknown_name() -> None:
    with pytest.raises(gpac.FilterNotFoundError) as info:
        _gpac._filter_class_args("no_such_filter")
    assert info.value.code == -11
    with pytest.raises(TypeError):
        _gpac._filter_class_args(b"avgen")  # type: ignore[arg-type]


# ---- registry ----


def test_filter_list() -> None:
    names = gpac.filter_list()
    assert isinstance(names, list) and all(isinstance(n, str) for n in names)
    for n in ("fin", "fout", "inspect", "avgen"):
        assert n in names
    assert len(set(names)) == len(names)


def test_filter_info() -> None:
    info = gpac.filter_info("avgen")
    assert set(info) == {"name", "description", "args"}
    assert info["name"] == "avgen"
    assert "Example" in info["description"]
    args = {a["name"]: a for a in info["args"]}
    assert args["type"] == {
        "name": "type", "type": "uint", "default": "av", "min_max_enum": "a|v|av",
        "description": avgen_arg("type").description.decode(), "flags": 0,
    }
    assert args["src"]["default"] is None
    assert [a["name"].encode() for a in info["args"]] == [
        a.name for a in _gpac._filter_class_args("avgen")
    ]


@pytest.mark.parametrize("name", gpac.filter_list())
def test_filter_info_every_class(name: str) -> None:
    info = gpac.filter_info(name)
    assert info["name"] == name and info["description"]
    for a, fa in zip(info["args"], _gpac._filter_class_args(name)):
        # the type name shown by str(FilterArg) is the dict's type
        assert str(fa).startswith("- %s (%s): " % (a["name"], a["type"]))
        assert a["flags"] == fa.flags


@pytest.mark.parametrize("bad", ["no_such_filter", "", "avgen:dur=1", "avg\0en"])
def test_filter_info_unknown(bad: str) -> None:
    with pytest.raises(gpac.FilterNotFoundError) as info:
        gpac.filter_info(bad)
    assert isinstance(info.value, gpac.GPACError)
    assert info.value.code == -11
    assert info.value.name == "FILTER_NOT_FOUND"
    assert info.value.reason and "no filter named" in info.value.reason


def test_filter_info_type_error() -> None:
    with pytest.raises(TypeError):
        gpac.filter_info(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gpac.filter_info()  # type: ignore[call-arg]


# ---- from a session (once FilterSession and FilterCustom exist) ----

needs_session = pytest.mark.skipif(
    not (hasattr(gpac, "FilterSession") and hasattr(gpac, "FilterCustom")),
    reason="FilterSession/FilterCustom not built yet",
)


@needs_session
def test_statistics_after_run() -> None:
    occupancy: List[Any] = []

    class Sink(gpac.FilterCustom):  # type: ignore[misc,name-defined]
        def __init__(self, session: Any) -> None:
            gpac.FilterCustom.__init__(self, session, "PYStatSink")
            self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)

        def configure_pid(self, pid: Any, is_remove: bool) -> int:
            if not is_remove and pid not in self.ipids:
                pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
            return 0

        def process(self) -> int:
            for pid in self.ipids:
                occupancy.append(pid.get_buffer_occupancy())
                if pid.get_packet() is None:
                    if pid.eos:
                        return gpac.GF_EOS
                    continue
                pid.drop_packet()
            return 0

    fs = gpac.FilterSession()
    src = fs.load("avgen:type=v:dur=0.2")
    sink = Sink(fs)
    fs.run()
    st = src.get_statistics()
    assert isinstance(st, gpac.FilterStats)
    assert st.reg_name == b"avgen" and isinstance(st.name, bytes)
    assert st.status is None and st.filter is None and st.filter_alias is None
    assert st.nb_pck_sent > 0 and st.nb_pid_out == 1
    assert isinstance(st.last_ts_sent, gpac.Fraction64)
    assert sink.get_statistics().nb_pid_in == 1
    assert all(isinstance(o, gpac.BufferOccupancy) for o in occupancy) and occupancy
    assert all(o.nb_pck >= 0 and o.dur >= 0 and o.is_final_flush is False for o in occupancy)
    assert all(isinstance(a, gpac.FilterArg) for a in src.all_args())
    if hasattr(src, "opid_stats"):
        ps = src.opid_stats(0)
        assert isinstance(ps, gpac.FilterPidStatistics)
    fs.delete()
