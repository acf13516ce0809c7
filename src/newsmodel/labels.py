"""Moved to :mod:`newsmodel.views.labels`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.views.labels import (
    DOMAIN,
    LOCALE_DIR,
    languages,
    translation,
)

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "languages",
    "translation",
]
