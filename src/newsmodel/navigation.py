"""Moved to :mod:`newsmodel.widgets.navigation`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.widgets.navigation import *  # noqa: F403
from newsmodel.widgets.navigation import __all__ as __all__
