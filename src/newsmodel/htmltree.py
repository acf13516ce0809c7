"""Moved to :mod:`newsmodel.bodies.htmltree`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.bodies.htmltree import *  # noqa: F403
from newsmodel.bodies.htmltree import __all__ as __all__
