"""Moved to :mod:`newsmodel.values.tagmerge`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.tagmerge import *  # noqa: F403
from newsmodel.values.tagmerge import __all__ as __all__
