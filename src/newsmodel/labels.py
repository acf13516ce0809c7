"""Moved to :mod:`newsmodel.views.labels`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.views.labels import *  # noqa: F403
from newsmodel.views.labels import __all__ as __all__
