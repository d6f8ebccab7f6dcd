"""Compatibility name: ``import libgpac as gpac`` runs scripts written for GPAC's binding
unchanged. Everything is the ``gpac`` package's."""

from gpac import *  # noqa: F401,F403
from gpac import __version__  # noqa: F401
