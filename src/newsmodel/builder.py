"""Moved to :mod:`newsmodel.values.builder`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.builder import (
    CorpusBuilder,
    TagMerge,
)

__all__ = [
    "CorpusBuilder",
    "TagMerge",
]
