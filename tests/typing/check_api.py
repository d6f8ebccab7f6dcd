"""Type-checked (mypy --strict, tests/test_typing.py) use of the public API: what a
script written for GPAC's binding does, with the annotations our stubs give. Not run."""

from __future__ import annotations

from typing import Any, List, Optional

import gpac


class Session(gpac.FilterSession):
    def __init__(self, flags: int = 0, blacklist: Optional[str] = None,
                 nb_threads: int = 0, sched_type: int = 0) -> None:
        gpac.FilterSession.__init__(self, flags, blacklist, nb_threads, sched_type)
        self.names: List[str] = []

    def on_filter_new(self, f: gpac.Filter) -> None:
        self.names.append(f.name)

    def on_filter_del(self, f: gpac.Filter) -> None:
        pass


class Sink(gpac.FilterCustom):
    def __init__(self, session: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, session, "TypedSink")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.push_cap("CodecID", "raw", gpac.GF_CAPS_INPUT)
        self.sizes: List[int] = []

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if not is_remove and pid not in self.ipids:
            width: Any = pid.get_prop("Width")
            assert width is None or isinstance(width, int)
            evt = gpac.FilterEvent(gpac.GF_FEVT_PLAY)
            evt.play.start_range = 0.0
            pid.send_event(evt)
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            pck = pid.get_packet()
            if pck is None:
                break
            self.sizes.append(pck.size)
            dts: int = pck.dts
            data = pck.data
            if data is not None:
                first: int = int(data[0])
                assert first >= 0 and dts >= 0
            pid.drop_packet()
        return gpac.GF_OK


def task_body(task: gpac.FilterTask) -> Optional[int]:
    return -1


def main() -> None:
    fs = Session()
    src: gpac.Filter = fs.load_src("avgen:dur=1")
    sink = Sink(fs)
    sink.set_source(src)
    task = gpac.FilterTask("t")
    fs.post(task)
    try:
        fs.run()
    except gpac.GPACError as e:
        code: Optional[int] = e.code
        print(code, gpac.e2s(e.code or 0))
    stats = sink.get_statistics()
    print(stats.nb_pck_processed, fs.nb_filters, fs.get_filter(0).name)
    frac = gpac.Fraction(25, 1)
    print(frac.num, frac.den, gpac.numpy_support)
    fs.delete()
