"""Moved to :mod:`newsmodel.values.urls`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.urls import *  # noqa: F403
from newsmodel.values.urls import __all__ as __all__
