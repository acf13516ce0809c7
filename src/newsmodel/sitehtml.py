"""Moved to :mod:`newsmodel.views.sitehtml`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.views.sitehtml import *  # noqa: F403
from newsmodel.views.sitehtml import __all__ as __all__
