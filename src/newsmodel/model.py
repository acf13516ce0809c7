"""Moved to :mod:`newsmodel.values.model`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.model import *  # noqa: F403
from newsmodel.values.model import __all__ as __all__
