"""Moved to :mod:`newsmodel.widgets.tagcloud`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.widgets.tagcloud import *  # noqa: F403
from newsmodel.widgets.tagcloud import __all__ as __all__
