"""Moved to :mod:`newsmodel.values.builder`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.builder import *  # noqa: F403
from newsmodel.values.builder import __all__ as __all__
