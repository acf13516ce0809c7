"""Moved to :mod:`newsmodel.bodies.toc`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.bodies.toc import *  # noqa: F403
from newsmodel.bodies.toc import __all__ as __all__
