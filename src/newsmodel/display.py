"""Moved to :mod:`newsmodel.values.display`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.display import *  # noqa: F403
from newsmodel.values.display import __all__ as __all__
