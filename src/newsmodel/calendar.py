"""Moved to :mod:`newsmodel.widgets.calendar`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.widgets.calendar import *  # noqa: F403
from newsmodel.widgets.calendar import __all__ as __all__
