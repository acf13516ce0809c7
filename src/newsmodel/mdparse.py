"""Moved to :mod:`newsmodel.bodies.mdparse`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.bodies.mdparse import (
    markdown_to_html,
    parse_markdown,
)

__all__ = [
    "markdown_to_html",
    "parse_markdown",
]
