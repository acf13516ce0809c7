"""Moved to :mod:`newsmodel.values._fields`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values._fields import *  # noqa: F403
from newsmodel.values._fields import __all__ as __all__
