"""Moved to :mod:`newsmodel.pages.router`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.pages.router import *  # noqa: F403
from newsmodel.pages.router import __all__ as __all__
