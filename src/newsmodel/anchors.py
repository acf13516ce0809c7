"""Moved to :mod:`newsmodel.bodies.anchors`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.bodies.anchors import *  # noqa: F403
from newsmodel.bodies.anchors import __all__ as __all__
