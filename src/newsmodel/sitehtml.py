"""Moved to :mod:`newsmodel.views.sitehtml`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.views.sitehtml import (
    DEFAULT_STYLESHEET_PATH,
    View,
    body_classes,
    default_stylesheet,
    document_html,
    not_found_html,
)

__all__ = [
    "DEFAULT_STYLESHEET_PATH",
    "View",
    "body_classes",
    "default_stylesheet",
    "document_html",
    "not_found_html",
]
