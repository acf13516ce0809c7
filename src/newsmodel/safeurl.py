"""Moved to :mod:`newsmodel.values.safeurl`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.safeurl import (
    LINK_SCHEMES,
    WEB_SCHEMES,
    is_safe_url,
    url_scheme,
)

__all__ = [
    "LINK_SCHEMES",
    "WEB_SCHEMES",
    "is_safe_url",
    "url_scheme",
]
