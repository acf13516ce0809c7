"""Moved to :mod:`newsmodel.values.body`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.body import *  # noqa: F403
from newsmodel.values.body import __all__ as __all__
