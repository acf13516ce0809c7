"""Moved to :mod:`newsmodel.values.display`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.display import (
    HtmlDisplay,
    add_view_loader,
    html,
    register_html,
)

__all__ = [
    "HtmlDisplay",
    "add_view_loader",
    "html",
    "register_html",
]
