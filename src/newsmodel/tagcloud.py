"""Moved to :mod:`newsmodel.widgets.tagcloud`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.widgets.tagcloud import (
    TagCloud,
    TagCloudEntry,
    TagCloudIndex,
    natural_key,
    php_float,
    tag_cloud,
    tag_cloud_of,
)

__all__ = [
    "TagCloud",
    "TagCloudEntry",
    "TagCloudIndex",
    "natural_key",
    "php_float",
    "tag_cloud",
    "tag_cloud_of",
]
