"""Moved to :mod:`newsmodel.values.permalinks`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.permalinks import (
    WORDPRESS_STRUCTURES,
    PermalinkInference,
    infer_permalinks,
    infer_term_base,
    permalinks_for,
)

__all__ = [
    "WORDPRESS_STRUCTURES",
    "PermalinkInference",
    "infer_permalinks",
    "infer_term_base",
    "permalinks_for",
]
