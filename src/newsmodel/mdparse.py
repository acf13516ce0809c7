"""Moved to :mod:`newsmodel.bodies.mdparse`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.bodies.mdparse import *  # noqa: F403
from newsmodel.bodies.mdparse import __all__ as __all__
