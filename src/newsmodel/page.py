"""Moved to :mod:`newsmodel.pages.page`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.pages.page import (
    PLACEHOLDER_RELATED,
    SCORED_RELATED,
    ArticlePage,
    ArticleTeaser,
    ArticleView,
    AuthorCard,
    AuthorLink,
    ChildPage,
    PageIndex,
    SiteHeader,
    TagLink,
    build_article_page,
    page_index,
)

__all__ = [
    "PLACEHOLDER_RELATED",
    "SCORED_RELATED",
    "ArticlePage",
    "ArticleTeaser",
    "ArticleView",
    "AuthorCard",
    "AuthorLink",
    "ChildPage",
    "PageIndex",
    "SiteHeader",
    "TagLink",
    "build_article_page",
    "page_index",
]
