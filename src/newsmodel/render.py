"""Moved to :mod:`newsmodel.bodies.render`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.bodies.render import *  # noqa: F403
from newsmodel.bodies.render import __all__ as __all__
