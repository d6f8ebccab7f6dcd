# Type stubs of the compiled module gpac._gpac: exactly what the module defines.
from typing import Optional

version: str

class GPACError(Exception):
    code: Optional[int]
    name: Optional[str]
    url: Optional[str]
    reason: Optional[str]

def e2s(err: int, /) -> str: ...
def set_logs(logs: str, reset: bool = False) -> None: ...
def sys_clock() -> int: ...
def sys_clock_high_res() -> int: ...
