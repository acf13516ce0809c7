"""Moved to :mod:`newsmodel.pages.frames`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.pages.frames import (
    articles_frame,
    counts_per,
)

__all__ = [
    "articles_frame",
    "counts_per",
]
