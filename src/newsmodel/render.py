"""Moved to :mod:`newsmodel.bodies.render`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.bodies.render import (
    is_safe_url,
    render_html,
    render_markdown,
    render_text,
)

__all__ = [
    "is_safe_url",
    "render_html",
    "render_markdown",
    "render_text",
]
