"""Raw video write access (the user guide's "Custom Raw Video access example"): draws a
line across the middle of the luma plane of every frame, either in place
(new_pck_clone, which takes over the input's memory when nothing else holds it) or from
read-only input data copied into a new packet (--copy). A Python sink after the filter
checks the line is there and that the rest of the frame is untouched.

    python3 examples/raw_video.py [--copy] [SOURCE_URL]
"""

from __future__ import annotations

import sys
from typing import List, Optional

import numpy

import gpac

LUMA = 125


class MyFilter(gpac.FilterCustom):
    def __init__(self, session: gpac.FilterSession, inplace: bool) -> None:
        gpac.FilterCustom.__init__(self, session, "PYRawVid")
        # raw video in and out
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT_OUTPUT)
        self.push_cap("CodecID", "raw", gpac.GF_CAPS_INPUT_OUTPUT)
        self.inplace = inplace
        self.width = self.height = self.stride = 0

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if is_remove:
            return 0
        if pid not in self.ipids:
            pid.opid = self.new_pid()
        # this example keeps the pixel format: copy the properties
        pid.opid.copy_props(pid)
        self.width = pid.get_prop("Width")
        self.height = pid.get_prop("Height")
        self.stride = pid.get_prop("Stride")
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            pck = pid.get_packet()
            if pck is None:
                if pid.eos:
                    pid.opid.eos = True
                break
            tmp_pck: Optional[gpac.FilterPacket] = None
            if self.inplace:
                # clone takes the input memory over when we hold the only reference
                opck = pid.opid.new_pck_clone(pck)
                if opck is None:
                    raise Exception("Packet clone failed")
                opck.copy_props(pck)
                odata = opck.data
            else:
                if pck.frame_ifce:
                    tmp_pck = pid.opid.new_pck_clone(pck)
                    data = tmp_pck.data
                    size = tmp_pck.size
                else:
                    data = pck.data  # read-only
                    size = pck.size
                opck = pid.opid.new_pck(size)
                if opck is None:
                    raise Exception("Packet alloc failed")
                opck.copy_props(pck)
                odata = opck.data
                numpy.copyto(odata, data)
            offset = int(self.height / 2 * self.stride)
            odata[offset:offset + self.width - 1] = LUMA
            opck.send()
            if tmp_pck:
                tmp_pck.discard()
            pid.drop_packet()
        return 0


class CheckSink(gpac.FilterCustom):
    """Counts frames whose middle luma row holds the line."""

    def __init__(self, session: gpac.FilterSession) -> None:
        gpac.FilterCustom.__init__(self, session, "PYcheck")
        self.push_cap("StreamType", "Visual", gpac.GF_CAPS_INPUT)
        self.frames = 0
        self.with_line = 0

    def configure_pid(self, pid: gpac.FilterPid, is_remove: int) -> int:
        if not is_remove and pid not in self.ipids:
            pid.send_event(gpac.FilterEvent(gpac.GF_FEVT_PLAY))
        return 0

    def process(self) -> int:
        for pid in self.ipids:
            pck = pid.get_packet()
            if pck is None:
                break
            width, height = pid.get_prop("Width"), pid.get_prop("Height")
            offset = int(height / 2 * pid.get_prop("Stride"))
            row = pck.data[offset:offset + width - 1]
            self.frames += 1
            if bool((row == LUMA).all()):
                self.with_line += 1
            pid.drop_packet()
        return 0


def main(argv: List[str]) -> int:
    args = argv[1:]
    inplace = "--copy" not in args
    urls = [a for a in args if a != "--copy"]
    src_url = urls[0] if urls else "avgen:type=v:dur=1"
    fs = gpac.FilterSession()
    fs.load_src(src_url)
    my_filter = MyFilter(fs, inplace)
    dst = CheckSink(fs)
    dst.set_source(my_filter)
    fs.run()
    print("%s: %d frames, %d with the line" % ("in place" if inplace else "copy",
                                               dst.frames, dst.with_line))
    fs.delete()
    return 0 if dst.frames > 0 and dst.with_line == dst.frames else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
