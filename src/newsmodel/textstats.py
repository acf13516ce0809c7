"""Moved to :mod:`newsmodel.bodies.textstats`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.bodies.textstats import (
    CJK_CHARACTERS,
    DEFAULT_EXCERPT_BUDGET,
    DEFAULT_WPM,
    ReadingTime,
    excerpt,
    first_image,
    reading_time,
    word_count,
)

__all__ = [
    "CJK_CHARACTERS",
    "DEFAULT_EXCERPT_BUDGET",
    "DEFAULT_WPM",
    "ReadingTime",
    "excerpt",
    "first_image",
    "reading_time",
    "word_count",
]
