"""A Python sink (the user guide's "Custom Sink example"): accepts video PIDs, prints
their properties, sends PLAY, and prints one line per packet.

    python3 examples/custom_sink.py [SOURCE_URL]
"""

from __future__ import annotations

import sys
from typing import Any, List

import gpac


class MyFilter(gpac.FilterCustom):
    def __init__(self, session: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, session, "PYnspect")
        # we only accept video streams as input, and produce no output
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.nb_packets = 0

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if is_remove:
            return 0
        if pid in self.ipids:
            print("PID reconfigured")
        else:
            print("PID configured - props:")
            pid.enum_props(self)
            # a sink must send PLAY, or nothing flows
            evt = gpac.FilterEvent(gpac.GF_FEVT_PLAY)
            pid.send_event(evt)
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            pck = pid.get_packet()
            if pck is None:
                break
            self.nb_packets += 1
            print("Got Packet DTS " + str(pck.dts) + " CTS " + str(pck.cts) + " SAP "
                  + str(pck.sap) + " dur " + str(pck.dur) + " size " + str(pck.size))
            pid.drop_packet()
        return 0

    def on_prop_enum(self, pname: str, pval: Any) -> None:
        print("Property " + pname + " value: " + str(pval))


def main(argv: List[str]) -> int:
    src_url = argv[1] if len(argv) > 1 else "avgen:type=v:dur=1"
    fs = gpac.FilterSession()
    fs.load_src(src_url)
    my_filter = MyFilter(fs)
    fs.run()
    print("packets: %d" % my_filter.nb_packets)
    fs.delete()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
