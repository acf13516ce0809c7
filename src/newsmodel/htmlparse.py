"""Moved to :mod:`newsmodel.bodies.htmlparse`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.bodies.htmlparse import (
    MAX_NESTING,
    MAX_SOURCE_DEPTH,
    clean_text,
    html_title,
    html_to_text,
    limit_depth,
    parse_fragment,
    parse_html,
    text_as_html,
)

__all__ = [
    "MAX_NESTING",
    "MAX_SOURCE_DEPTH",
    "clean_text",
    "html_title",
    "html_to_text",
    "limit_depth",
    "parse_fragment",
    "parse_html",
    "text_as_html",
]
