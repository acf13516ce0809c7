"""Moved to :mod:`newsmodel.values.timeline`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.timeline import *  # noqa: F403
from newsmodel.values.timeline import __all__ as __all__
