"""Moved to :mod:`newsmodel.pages.listingpage`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.pages.listingpage import (
    LISTING_KINDS,
    ListingKey,
    ListingKind,
    ListingPage,
    ListingSlice,
    PageLink,
    PageOutOfRange,
    Pagination,
    SearchResults,
)

__all__ = [
    "LISTING_KINDS",
    "ListingKey",
    "ListingKind",
    "ListingPage",
    "ListingSlice",
    "PageLink",
    "PageOutOfRange",
    "Pagination",
    "SearchResults",
]
