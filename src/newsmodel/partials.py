"""Moved to :mod:`newsmodel.widgets.partials`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.widgets.partials import (
    CategoryCounts,
    DayCounts,
    GroupStat,
    GroupStats,
    TagCounts,
    author_stats,
    source_stats,
)

__all__ = [
    "CategoryCounts",
    "DayCounts",
    "GroupStat",
    "GroupStats",
    "TagCounts",
    "author_stats",
    "source_stats",
]
