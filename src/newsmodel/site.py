"""Moved to :mod:`newsmodel.values.site`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.site import *  # noqa: F403
from newsmodel.values.site import __all__ as __all__
