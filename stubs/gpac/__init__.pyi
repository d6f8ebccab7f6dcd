# Type stubs of the gpac package: re-exports of gpac._gpac.
from ._gpac import GPACError as GPACError
from ._gpac import e2s as e2s
from ._gpac import set_logs as set_logs
from ._gpac import sys_clock as sys_clock
from ._gpac import sys_clock_high_res as sys_clock_high_res
from ._gpac import version as version

__version__: str

__all__ = [
    "GPACError",
    "e2s",
    "set_logs",
    "sys_clock",
    "sys_clock_high_res",
    "version",
]
