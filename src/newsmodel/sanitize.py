"""Moved to :mod:`newsmodel.bodies.sanitize`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.bodies.sanitize import (
    DEFAULT_ATTRIBUTES,
    DEFAULT_TAGS,
    Sanitizer,
    sanitize_html,
)

__all__ = [
    "DEFAULT_ATTRIBUTES",
    "DEFAULT_TAGS",
    "Sanitizer",
    "sanitize_html",
]
