"""Moved to :mod:`newsmodel.pages.frames`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.pages.frames import *  # noqa: F403
from newsmodel.pages.frames import __all__ as __all__
