"""Moved to :mod:`newsmodel.pages.listingpage`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.pages.listingpage import *  # noqa: F403
from newsmodel.pages.listingpage import __all__ as __all__
