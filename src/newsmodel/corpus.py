"""Moved to :mod:`newsmodel.values.corpus`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.corpus import *  # noqa: F403
from newsmodel.values.corpus import __all__ as __all__
