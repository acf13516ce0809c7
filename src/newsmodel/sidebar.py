"""Moved to :mod:`newsmodel.widgets.sidebar`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.widgets.sidebar import (
    WidgetLinks,
)

__all__ = [
    "WidgetLinks",
]
