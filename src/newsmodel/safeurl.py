"""Moved to :mod:`newsmodel.values.safeurl`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.safeurl import *  # noqa: F403
from newsmodel.values.safeurl import __all__ as __all__
