"""Moved to :mod:`newsmodel.bodies.sanitize`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.bodies.sanitize import *  # noqa: F403
from newsmodel.bodies.sanitize import __all__ as __all__
