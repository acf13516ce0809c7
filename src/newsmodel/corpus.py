"""Moved to :mod:`newsmodel.values.corpus`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.corpus import (
    Corpus,
)

__all__ = [
    "Corpus",
]
