"""gpac: media filter sessions in the style of GPAC's Python API, run by a native C engine.

Everything public comes from the compiled extension ``gpac._gpac``; this package only
re-exports it. ``import libgpac as gpac`` gives the same module for scripts written for
GPAC's own binding.
"""

from ._gpac import (
    GPACError,
    e2s,
    set_logs,
    sys_clock,
    sys_clock_high_res,
    version,
)

__version__ = version

__all__ = [
    "GPACError",
    "e2s",
    "set_logs",
    "sys_clock",
    "sys_clock_high_res",
    "version",
]
