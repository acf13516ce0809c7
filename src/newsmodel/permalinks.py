"""Moved to :mod:`newsmodel.values.permalinks`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.permalinks import *  # noqa: F403
from newsmodel.values.permalinks import __all__ as __all__
