"""Moved to :mod:`newsmodel.pages.pageschema`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.pages.pageschema import (
    ARTICLE_PAGE_SCHEMA,
    LISTING_PAGE_SCHEMA,
    article_page_schema,
    json_schema,
    listing_page_schema,
    load_article_page_schema,
    load_listing_page_schema,
    validate,
)

__all__ = [
    "ARTICLE_PAGE_SCHEMA",
    "LISTING_PAGE_SCHEMA",
    "article_page_schema",
    "json_schema",
    "listing_page_schema",
    "load_article_page_schema",
    "load_listing_page_schema",
    "validate",
]
