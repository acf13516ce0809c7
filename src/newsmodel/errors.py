"""Moved to :mod:`newsmodel.values.errors`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.errors import *  # noqa: F403
from newsmodel.values.errors import __all__ as __all__
