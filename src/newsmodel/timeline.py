"""Moved to :mod:`newsmodel.values.timeline`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.timeline import (
    Timeline,
    check_as_of,
    counts,
    published_timeline,
    time_key,
)

__all__ = [
    "Timeline",
    "check_as_of",
    "counts",
    "published_timeline",
    "time_key",
]
