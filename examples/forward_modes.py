"""Packet forwarding with the six packet modes of the user guide's "Custom Forwarding
example": forward, new_pck_ref, new_pck (copying the data), new_pck_shared (with
packet_release), new_pck_copy and new_pck_clone, in turn. A Python sink placed after the
filter checks that every packet arrives with the same data and timing.

    python3 examples/forward_modes.py [SOURCE_URL]
"""

from __future__ import annotations

import sys
import zlib
from typing import Any, List, Optional, Tuple

import gpac

try:
    import numpy
except ImportError:  # the example also runs without numpy (memoryview data)
    numpy = None  # type: ignore[assignment]

Record = Tuple[int, int, int]  # dts, cts, crc32 of the data


def packet_record(pck: gpac.FilterPacket) -> Record:
    data = pck.data
    return (pck.dts, pck.cts, zlib.crc32(bytes(data)) if data is not None else 0)


class MyFilter(gpac.FilterCustom):
    def __init__(self, session: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, session, "PYforward")
        # video in and out
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT_OUTPUT)
        self.nb_pck = 0
        self.sent: List[Record] = []
        self.released = 0

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if is_remove:
            return 0
        if pid not in self.ipids:
            opid = self.new_pid()
            # copy properties: always, unless there is a good reason not to
            opid.copy_props(pid)
            opid.set_prop("Bitrate", 500000)
            pid.opid = opid
            opid.pck_ref = None
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            # the last shared packet is still in the pipeline: wait for its release
            if pid.opid.pck_ref:
                continue
            pck = pid.get_packet()
            if pck is None:
                if pid.eos:
                    pid.opid.eos = True
                break
            self.sent.append(packet_record(pck))
            data = pck.data
            self.nb_pck += 1
            opck: Optional[gpac.FilterPacket]
            if self.nb_pck == 1:
                pid.opid.forward(pck)
            elif self.nb_pck == 2:
                opck = pid.opid.new_pck_ref(pck)
                opck.copy_props(pck)
                opck.send()
            elif self.nb_pck == 3:
                opck = pid.opid.new_pck(pck.size)
                opck.copy_props(pck)
                odata = opck.data
                if numpy is not None:
                    numpy.copyto(odata, data)
                else:
                    odata[:] = data
                opck.send()
            elif self.nb_pck == 4:
                # data owned by this filter: the input packet, kept alive until release
                opck = pid.opid.new_pck_shared(data)
                opck.copy_props(pck)
                pid.opid.pck_ref = pck
                pid.opid.pck_ref.ref()
                opck.send()
            elif self.nb_pck == 5:
                opck = pid.opid.new_pck_copy(pck)
                opck.copy_props(pck)
                opck.send()
            else:
                opck = pid.opid.new_pck_clone(pck)
                opck.copy_props(pck)
                opck.send()
                self.nb_pck = 0
            pid.drop_packet()
        return 0

    def packet_release(self, opid: gpac.FilterPid, pck: gpac.FilterPacket) -> None:
        # a shared packet is gone: release the source packet it used
        self.released += 1
        if opid.pck_ref:
            opid.pck_ref.unref()
            opid.pck_ref = None


class CheckSink(gpac.FilterCustom):
    def __init__(self, session: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, session, "PYcheck")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.received: List[Record] = []
        self.bitrate: Any = None

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if not is_remove and pid not in self.ipids:
            self.bitrate = pid.get_prop("Bitrate")
            pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            while True:
                pck = pid.get_packet()
                if pck is None:
                    break
                self.received.append(packet_record(pck))
                pid.drop_packet()
        return 0


def main(argv: List[str]) -> int:
    src_url = argv[1] if len(argv) > 1 else "avgen:type=v:dur=1"
    fs = gpac.FilterSession()
    fs.load_src(src_url)
    my_filter = MyFilter(fs)
    dst = CheckSink(fs)
    # the destination takes its input from our filter only
    dst.set_source(my_filter)
    fs.run()
    ok = dst.received == my_filter.sent and len(dst.received) > 0
    print("forwarded %d packets, %d shared released, bitrate %s, identical: %s"
          % (len(dst.received), my_filter.released, dst.bitrate, ok))
    fs.delete()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
