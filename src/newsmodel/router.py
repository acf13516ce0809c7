"""Moved to :mod:`newsmodel.pages.router`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.pages.router import (
    ArticleTarget,
    FeedTarget,
    ListingTarget,
    NotFound,
    Route,
    Router,
    Target,
    default_routes,
    insert_route,
    router,
)

__all__ = [
    "ArticleTarget",
    "FeedTarget",
    "ListingTarget",
    "NotFound",
    "Route",
    "Router",
    "Target",
    "default_routes",
    "insert_route",
    "router",
]
