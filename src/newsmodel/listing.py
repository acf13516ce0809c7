"""Moved to :mod:`newsmodel.pages.listing`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.pages.listing import *  # noqa: F403
from newsmodel.pages.listing import __all__ as __all__
