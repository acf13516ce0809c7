"""Moved to :mod:`newsmodel.bodies.toc`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.bodies.toc import (
    Toc,
    TocEntry,
    build_toc,
)

__all__ = [
    "Toc",
    "TocEntry",
    "build_toc",
]
