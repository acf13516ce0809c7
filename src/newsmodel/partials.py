"""Moved to :mod:`newsmodel.widgets.partials`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.widgets.partials import *  # noqa: F403
from newsmodel.widgets.partials import __all__ as __all__
