"""Moved to :mod:`newsmodel.widgets.archives`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.widgets.archives import (
    PERIODS,
    ArchiveIndex,
    ArchivePeriod,
    Archives,
    Period,
    archives,
    archives_of,
    check_as_of,
    period_bounds,
    period_key,
)

__all__ = [
    "PERIODS",
    "ArchiveIndex",
    "ArchivePeriod",
    "Archives",
    "Period",
    "archives",
    "archives_of",
    "check_as_of",
    "period_bounds",
    "period_key",
]
