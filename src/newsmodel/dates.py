"""Moved to :mod:`newsmodel.values.dates`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.dates import *  # noqa: F403
from newsmodel.values.dates import __all__ as __all__
