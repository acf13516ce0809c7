"""Moved to :mod:`newsmodel.widgets.archives`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.widgets.archives import *  # noqa: F403
from newsmodel.widgets.archives import __all__ as __all__
