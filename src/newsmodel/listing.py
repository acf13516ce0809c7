"""Moved to :mod:`newsmodel.pages.listing`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.pages.listing import (
    LISTING_KINDS,
    ListingIndex,
    ListingKey,
    ListingKind,
    ListingPage,
    ListingSlice,
    PageLink,
    PageOutOfRange,
    Pagination,
    SearchResults,
    build_listing_page,
    build_search_page,
    listing_index,
    scan_articles,
    scan_listing,
)

__all__ = [
    "LISTING_KINDS",
    "ListingIndex",
    "ListingKey",
    "ListingKind",
    "ListingPage",
    "ListingSlice",
    "PageLink",
    "PageOutOfRange",
    "Pagination",
    "SearchResults",
    "build_listing_page",
    "build_search_page",
    "listing_index",
    "scan_articles",
    "scan_listing",
]
