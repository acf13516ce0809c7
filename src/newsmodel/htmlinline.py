"""Moved to :mod:`newsmodel.bodies.htmlinline`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.bodies.htmlinline import *  # noqa: F403
from newsmodel.bodies.htmlinline import __all__ as __all__
