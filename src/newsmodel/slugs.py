"""Moved to :mod:`newsmodel.values.slugs`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.values.slugs import *  # noqa: F403
from newsmodel.values.slugs import __all__ as __all__
