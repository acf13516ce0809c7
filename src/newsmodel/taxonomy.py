"""Moved to :mod:`newsmodel.widgets.taxonomy`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.widgets.taxonomy import *  # noqa: F403
from newsmodel.widgets.taxonomy import __all__ as __all__
