"""Moved to :mod:`newsmodel.widgets.sidebar`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.widgets.sidebar import *  # noqa: F403
from newsmodel.widgets.sidebar import __all__ as __all__
