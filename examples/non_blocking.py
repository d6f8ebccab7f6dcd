"""A non-blocking session driven by the application's own loop (the user guide's
"Non-blocking sessions"): each fs.run() runs the pending tasks once and returns.

    python3 examples/non_blocking.py [SOURCE_URL]
"""

from __future__ import annotations

import sys
from typing import List

import gpac


def main(argv: List[str]) -> int:
    src_url = argv[1] if len(argv) > 1 else "avgen:dur=1"
    fs = gpac.FilterSession(gpac.GF_FS_FLAG_NON_BLOCKING)
    fs.load_src(src_url)
    fs.load("inspect:deep:log=null")
    loops = 0
    while True:
        # the application does its own work here
        loops += 1
        fs.run()
        if fs.last_task:
            break
    print("session done after %d loops" % loops)
    fs.delete()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
