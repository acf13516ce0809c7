"""Moved to :mod:`newsmodel.bodies.htmlinline`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.bodies.htmlinline import (
    MAX_INLINE_NESTING,
    MAX_NESTING,
    clean_text,
)

__all__ = [
    "MAX_INLINE_NESTING",
    "MAX_NESTING",
    "clean_text",
]
