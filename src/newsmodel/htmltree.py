"""Moved to :mod:`newsmodel.bodies.htmltree`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.bodies.htmltree import (
    MAX_SOURCE_DEPTH,
    limit_depth,
    parse_fragment,
)

__all__ = [
    "MAX_SOURCE_DEPTH",
    "limit_depth",
    "parse_fragment",
]
