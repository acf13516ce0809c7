"""Moved to :mod:`newsmodel.views.widgets_html`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.views.widgets_html import (
    archives_html,
    calendar_html,
    esc,
    esc_url,
    tag_cloud_html,
)

__all__ = [
    "archives_html",
    "calendar_html",
    "esc",
    "esc_url",
    "tag_cloud_html",
]
