"""Moved to :mod:`newsmodel.pages.page`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.pages.page import *  # noqa: F403
from newsmodel.pages.page import __all__ as __all__
