"""Moved to :mod:`newsmodel.values._fields`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values._fields import (
    MAX_DATETIME,
    MIN_DATETIME,
    Extra,
    check_datetime,
    is_weekday,
    thaw,
)

__all__ = [
    "MAX_DATETIME",
    "MIN_DATETIME",
    "Extra",
    "check_datetime",
    "is_weekday",
    "thaw",
]
