"""Remux (the user guide's "Remux example"): a source and a destination, no custom
filter; the session links them, inserting only what the formats require (no decoding
when the destination takes the source's codecs).

    python3 examples/remux.py SOURCE_URL DESTINATION_URL
"""

from __future__ import annotations

import sys
from typing import List

import gpac


def main(argv: List[str]) -> int:
    if len(argv) < 3:
        print("usage: remux.py SOURCE_URL DESTINATION_URL")
        return 2
    fs = gpac.FilterSession()
    fs.load_src(argv[1])
    fs.load_dst(argv[2])
    fs.run()
    names = [fs.get_filter(i).name for i in range(fs.nb_filters)]
    print("filters: " + " ".join(names))
    fs.delete()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
