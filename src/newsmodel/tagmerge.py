"""Moved to :mod:`newsmodel.values.tagmerge`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.tagmerge import (
    TagMerge,
    TagMergeReport,
    merge_similar_tags,
    similarity_key,
)

__all__ = [
    "TagMerge",
    "TagMergeReport",
    "merge_similar_tags",
    "similarity_key",
]
