"""newsmodel: model news content and compute, as data, everything a news page shows.

The package re-exports the names most programs need; each lives in a module of its own
(``newsmodel.model``, ``newsmodel.corpus``, ``newsmodel.toc`` …).  They are imported on first use,
so ``import newsmodel`` stays cheap and importing a core module never loads serialization,
parsers or optional extras.

>>> import newsmodel
>>> newsmodel.slugify("Kim Jong Un")
'kim-jong-un'
>>> newsmodel.Corpus.__module__
'newsmodel.corpus'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newsmodel import display as _display
from newsmodel._version import __version__

#: The view modules, which register the notebook display of the values (see newsmodel.display).
#: The package sits above every module, so it is the one place that names them for loading.
_VIEWS = ("newsmodel.widgets_html", "newsmodel.page_html", "newsmodel.notebook_html")


def _load_views() -> None:
    for name in _VIEWS:
        importlib.import_module(name)


_display.add_view_loader(_load_views)

if TYPE_CHECKING:
    from newsmodel.anchors import heading_anchors
    from newsmodel.archives import ArchivePeriod, archives
    from newsmodel.body import Body
    from newsmodel.builder import CorpusBuilder
    from newsmodel.calendar import CalendarDay, MonthCalendar, month_calendar
    from newsmodel.corpus import Corpus
    from newsmodel.dates import format_date
    from newsmodel.errors import NewsModelError
    from newsmodel.htmlparse import parse_html
    from newsmodel.listing import ListingKey, ListingPage, build_listing_page
    from newsmodel.mdparse import parse_markdown
    from newsmodel.menus import MenuView, site_menus
    from newsmodel.model import (
        Article,
        ArticleStatus,
        Author,
        Byline,
        Category,
        ContentKind,
        Extra,
        FeatureImage,
        Menu,
        MenuItem,
        Permalinks,
        Site,
        SocialProfile,
        SourceAttribution,
        Tag,
    )
    from newsmodel.navigation import Adjacent, adjacent, recent
    from newsmodel.page import ArticlePage, build_article_page
    from newsmodel.related import RelatedConfig, RelatedIndex, RelatedResult, rank_related, related_articles
    from newsmodel.render import render_html, render_markdown, render_text
    from newsmodel.router import Router
    from newsmodel.serialize import dumps, loads, read_corpus, write_corpus
    from newsmodel.slugs import SlugRegistry, slugify
    from newsmodel.tagcloud import TagCloud, TagCloudEntry, tag_cloud
    from newsmodel.taxonomy import Breadcrumb, CategoryNode, breadcrumbs, category_menu, category_tree
    from newsmodel.textstats import ReadingTime, excerpt, first_image, reading_time, word_count
    from newsmodel.toc import Toc, TocEntry, build_toc
    from newsmodel.urls import ShareLink, article_url, share_links

#: Where each re-exported name lives.
_LOCATIONS: dict[str, str] = {
    "Adjacent": "newsmodel.navigation",
    "ArchivePeriod": "newsmodel.archives",
    "Article": "newsmodel.model",
    "ArticlePage": "newsmodel.page",
    "ArticleStatus": "newsmodel.model",
    "Author": "newsmodel.model",
    "Body": "newsmodel.body",
    "Breadcrumb": "newsmodel.taxonomy",
    "Byline": "newsmodel.model",
    "CalendarDay": "newsmodel.calendar",
    "Category": "newsmodel.model",
    "CategoryNode": "newsmodel.taxonomy",
    "ContentKind": "newsmodel.model",
    "Corpus": "newsmodel.corpus",
    "CorpusBuilder": "newsmodel.builder",
    "Extra": "newsmodel.model",
    "FeatureImage": "newsmodel.model",
    "ListingKey": "newsmodel.listing",
    "ListingPage": "newsmodel.listing",
    "Menu": "newsmodel.model",
    "MenuItem": "newsmodel.model",
    "MenuView": "newsmodel.menus",
    "MonthCalendar": "newsmodel.calendar",
    "NewsModelError": "newsmodel.errors",
    "Permalinks": "newsmodel.model",
    "ReadingTime": "newsmodel.textstats",
    "RelatedConfig": "newsmodel.related",
    "RelatedIndex": "newsmodel.related",
    "RelatedResult": "newsmodel.related",
    "Router": "newsmodel.router",
    "ShareLink": "newsmodel.urls",
    "Site": "newsmodel.model",
    "SlugRegistry": "newsmodel.slugs",
    "SocialProfile": "newsmodel.model",
    "SourceAttribution": "newsmodel.model",
    "Tag": "newsmodel.model",
    "TagCloud": "newsmodel.tagcloud",
    "TagCloudEntry": "newsmodel.tagcloud",
    "Toc": "newsmodel.toc",
    "TocEntry": "newsmodel.toc",
    "adjacent": "newsmodel.navigation",
    "archives": "newsmodel.archives",
    "article_url": "newsmodel.urls",
    "breadcrumbs": "newsmodel.taxonomy",
    "build_article_page": "newsmodel.page",
    "build_listing_page": "newsmodel.listing",
    "build_toc": "newsmodel.toc",
    "category_menu": "newsmodel.taxonomy",
    "category_tree": "newsmodel.taxonomy",
    "dumps": "newsmodel.serialize",
    "excerpt": "newsmodel.textstats",
    "first_image": "newsmodel.textstats",
    "format_date": "newsmodel.dates",
    "heading_anchors": "newsmodel.anchors",
    "loads": "newsmodel.serialize",
    "month_calendar": "newsmodel.calendar",
    "parse_html": "newsmodel.htmlparse",
    "parse_markdown": "newsmodel.mdparse",
    "rank_related": "newsmodel.related",
    "read_corpus": "newsmodel.serialize",
    "reading_time": "newsmodel.textstats",
    "recent": "newsmodel.navigation",
    "related_articles": "newsmodel.related",
    "render_html": "newsmodel.render",
    "render_markdown": "newsmodel.render",
    "render_text": "newsmodel.render",
    "share_links": "newsmodel.urls",
    "site_menus": "newsmodel.menus",
    "slugify": "newsmodel.slugs",
    "tag_cloud": "newsmodel.tagcloud",
    "word_count": "newsmodel.textstats",
    "write_corpus": "newsmodel.serialize",
}

__all__ = [
    "Adjacent",
    "ArchivePeriod",
    "Article",
    "ArticlePage",
    "ArticleStatus",
    "Author",
    "Body",
    "Breadcrumb",
    "Byline",
    "CalendarDay",
    "Category",
    "CategoryNode",
    "ContentKind",
    "Corpus",
    "CorpusBuilder",
    "Extra",
    "FeatureImage",
    "ListingKey",
    "ListingPage",
    "Menu",
    "MenuItem",
    "MenuView",
    "MonthCalendar",
    "NewsModelError",
    "Permalinks",
    "ReadingTime",
    "RelatedConfig",
    "RelatedIndex",
    "RelatedResult",
    "Router",
    "ShareLink",
    "Site",
    "SlugRegistry",
    "SocialProfile",
    "SourceAttribution",
    "Tag",
    "TagCloud",
    "TagCloudEntry",
    "Toc",
    "TocEntry",
    "__version__",
    "adjacent",
    "archives",
    "article_url",
    "breadcrumbs",
    "build_article_page",
    "build_listing_page",
    "build_toc",
    "category_menu",
    "category_tree",
    "dumps",
    "excerpt",
    "first_image",
    "format_date",
    "heading_anchors",
    "loads",
    "month_calendar",
    "parse_html",
    "parse_markdown",
    "rank_related",
    "read_corpus",
    "reading_time",
    "recent",
    "related_articles",
    "render_html",
    "render_markdown",
    "render_text",
    "share_links",
    "site_menus",
    "slugify",
    "tag_cloud",
    "word_count",
    "write_corpus",
]


def __getattr__(name: str) -> Any:
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsmodel' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LOCATIONS))
