"""Task callbacks in a blocking session (the user guide's "Callbacks in blocking
sessions"): a FilterTask whose execute() is replaced per instance, called every 100 ms
until the session ends.

    python3 examples/task_callbacks.py [SOURCE_URL]

SOURCE_URL defaults to a generated test pattern (avgen); any URL a source filter accepts
works. The source feeds `inspect`, which prints nothing here (log=null).
"""

from __future__ import annotations

import sys
import types
from typing import List, Optional

import gpac


def my_exec(self: gpac.FilterTask) -> Optional[int]:
    session = self.session
    assert session is not None
    if session.last_task:
        print("No more tasks, we are done")
        return -1
    self.count += 1
    print("In callback, nb filters: " + str(session.nb_filters))
    return 100


def main(argv: List[str]) -> int:
    src_url = argv[1] if len(argv) > 1 else "avgen:dur=1"
    fs = gpac.FilterSession()
    fs.load_src(src_url)
    fs.load("inspect:deep:log=null")
    task = gpac.FilterTask("testtask")
    task.execute = types.MethodType(my_exec, task)  # type: ignore[method-assign]
    task.count = 0
    fs.post(task)
    fs.run()
    print("task calls: %d" % task.count)
    fs.delete()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
