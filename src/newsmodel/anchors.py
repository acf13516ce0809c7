"""Moved to :mod:`newsmodel.bodies.anchors`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.bodies.anchors import (
    ANCHOR_STYLES,
    FALLBACK_ANCHOR,
    AnchorStyle,
    Slugger,
    anchors_for,
    anchors_of_headings,
    github_slug,
    heading_anchors,
    hugo_slug,
    python_markdown_slug,
    wordpress_slug,
)

__all__ = [
    "ANCHOR_STYLES",
    "FALLBACK_ANCHOR",
    "AnchorStyle",
    "Slugger",
    "anchors_for",
    "anchors_of_headings",
    "github_slug",
    "heading_anchors",
    "hugo_slug",
    "python_markdown_slug",
    "wordpress_slug",
]
