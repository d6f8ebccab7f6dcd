"""gpac: media filter sessions in the style of GPAC's Python API, run by a native C engine.

Everything public comes from the compiled extension ``gpac._gpac``; this package only
re-exports it. ``import libgpac as gpac`` gives the same module for scripts written for
GPAC's own binding.
"""

from . import _gpac
from ._gpac import *  # noqa: F401,F403

__version__ = _gpac.version
