"""Moved to :mod:`newsmodel.widgets.navigation`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.widgets.navigation import (
    Adjacent,
    NavigationIndex,
    adjacent,
    navigation_index,
    recent,
)

__all__ = [
    "Adjacent",
    "NavigationIndex",
    "adjacent",
    "navigation_index",
    "recent",
]
