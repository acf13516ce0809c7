"""Moved to :mod:`newsmodel.values._validate`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values._validate import *  # noqa: F403
from newsmodel.values._validate import __all__ as __all__
