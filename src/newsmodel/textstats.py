"""Moved to :mod:`newsmodel.bodies.textstats`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.bodies.textstats import *  # noqa: F403
from newsmodel.bodies.textstats import __all__ as __all__
