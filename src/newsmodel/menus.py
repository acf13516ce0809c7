"""Moved to :mod:`newsmodel.widgets.menus`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.widgets.menus import *  # noqa: F403
from newsmodel.widgets.menus import __all__ as __all__
