"""Moved to :mod:`newsmodel.bodies.htmlparse`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.bodies.htmlparse import *  # noqa: F403
from newsmodel.bodies.htmlparse import __all__ as __all__
