"""Moved to :mod:`newsmodel.pages.pageschema`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.pages.pageschema import *  # noqa: F403
from newsmodel.pages.pageschema import __all__ as __all__
