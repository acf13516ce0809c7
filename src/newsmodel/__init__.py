"""newsmodel: model news content and compute, as data, everything a news page shows.

The package re-exports the names most programs need; each lives in a module of its own
(``newsmodel.values.model``, ``newsmodel.values.corpus``, ``newsmodel.bodies.toc`` …).  They are imported on first use,
so ``import newsmodel`` stays cheap and importing a core module never loads serialization,
parsers or optional extras.

>>> import newsmodel
>>> newsmodel.slugify("Kim Jong Un")
'kim-jong-un'
>>> newsmodel.Corpus.__module__
'newsmodel.values.corpus'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newsmodel._version import __version__
from newsmodel.values import display as _display
from newsmodel.values._lazy import load_lazily

#: The view modules, which register the notebook display of the values (see newsmodel.values.display).
#: The package sits above every module, so it is the one place that names them for loading.
_VIEWS = ("newsmodel.views.widgets_html", "newsmodel.views.page_html", "newsmodel.views.notebook_html")


def _load_views() -> None:
    for name in _VIEWS:
        importlib.import_module(name)


_display.add_view_loader(_load_views)

if TYPE_CHECKING:
    from newsmodel.bodies.anchors import heading_anchors
    from newsmodel.bodies.htmlparse import parse_html
    from newsmodel.bodies.mdparse import parse_markdown
    from newsmodel.bodies.render import render_html, render_markdown, render_text
    from newsmodel.bodies.textstats import ReadingTime, excerpt, first_image, reading_time, word_count
    from newsmodel.bodies.toc import Toc, TocEntry, build_toc
    from newsmodel.pages.listing import ListingKey, ListingPage, build_listing_page
    from newsmodel.pages.page import ArticlePage, build_article_page
    from newsmodel.pages.router import Router
    from newsmodel.related import RelatedConfig, RelatedIndex, RelatedResult, rank_related, related_articles
    from newsmodel.serialize import dumps, loads, read_corpus, write_corpus
    from newsmodel.values.body import Body
    from newsmodel.values.builder import CorpusBuilder
    from newsmodel.values.corpus import Corpus
    from newsmodel.values.dates import format_date
    from newsmodel.values.errors import NewsModelError
    from newsmodel.values.model import (
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
    from newsmodel.values.slugs import SlugRegistry, slugify
    from newsmodel.values.urls import ShareLink, article_url, share_links
    from newsmodel.widgets.archives import ArchivePeriod, archives
    from newsmodel.widgets.calendar import CalendarDay, MonthCalendar, month_calendar
    from newsmodel.widgets.menus import MenuView, site_menus
    from newsmodel.widgets.navigation import Adjacent, adjacent, recent
    from newsmodel.widgets.tagcloud import TagCloud, TagCloudEntry, tag_cloud
    from newsmodel.widgets.taxonomy import Breadcrumb, CategoryNode, breadcrumbs, category_menu, category_tree

#: Where each re-exported name lives.
_LOCATIONS: dict[str, str] = {
    "Adjacent": "newsmodel.widgets.navigation",
    "ArchivePeriod": "newsmodel.widgets.archives",
    "Article": "newsmodel.values.model",
    "ArticlePage": "newsmodel.pages.page",
    "ArticleStatus": "newsmodel.values.model",
    "Author": "newsmodel.values.model",
    "Body": "newsmodel.values.body",
    "Breadcrumb": "newsmodel.widgets.taxonomy",
    "Byline": "newsmodel.values.model",
    "CalendarDay": "newsmodel.widgets.calendar",
    "Category": "newsmodel.values.model",
    "CategoryNode": "newsmodel.widgets.taxonomy",
    "ContentKind": "newsmodel.values.model",
    "Corpus": "newsmodel.values.corpus",
    "CorpusBuilder": "newsmodel.values.builder",
    "Extra": "newsmodel.values.model",
    "FeatureImage": "newsmodel.values.model",
    "ListingKey": "newsmodel.pages.listing",
    "ListingPage": "newsmodel.pages.listing",
    "Menu": "newsmodel.values.model",
    "MenuItem": "newsmodel.values.model",
    "MenuView": "newsmodel.widgets.menus",
    "MonthCalendar": "newsmodel.widgets.calendar",
    "NewsModelError": "newsmodel.values.errors",
    "Permalinks": "newsmodel.values.model",
    "ReadingTime": "newsmodel.bodies.textstats",
    "RelatedConfig": "newsmodel.related",
    "RelatedIndex": "newsmodel.related",
    "RelatedResult": "newsmodel.related",
    "Router": "newsmodel.pages.router",
    "ShareLink": "newsmodel.values.urls",
    "Site": "newsmodel.values.model",
    "SlugRegistry": "newsmodel.values.slugs",
    "SocialProfile": "newsmodel.values.model",
    "SourceAttribution": "newsmodel.values.model",
    "Tag": "newsmodel.values.model",
    "TagCloud": "newsmodel.widgets.tagcloud",
    "TagCloudEntry": "newsmodel.widgets.tagcloud",
    "Toc": "newsmodel.bodies.toc",
    "TocEntry": "newsmodel.bodies.toc",
    "adjacent": "newsmodel.widgets.navigation",
    "archives": "newsmodel.widgets.archives",
    "article_url": "newsmodel.values.urls",
    "breadcrumbs": "newsmodel.widgets.taxonomy",
    "build_article_page": "newsmodel.pages.page",
    "build_listing_page": "newsmodel.pages.listing",
    "build_toc": "newsmodel.bodies.toc",
    "category_menu": "newsmodel.widgets.taxonomy",
    "category_tree": "newsmodel.widgets.taxonomy",
    "dumps": "newsmodel.serialize",
    "excerpt": "newsmodel.bodies.textstats",
    "first_image": "newsmodel.bodies.textstats",
    "format_date": "newsmodel.values.dates",
    "heading_anchors": "newsmodel.bodies.anchors",
    "loads": "newsmodel.serialize",
    "month_calendar": "newsmodel.widgets.calendar",
    "parse_html": "newsmodel.bodies.htmlparse",
    "parse_markdown": "newsmodel.bodies.mdparse",
    "rank_related": "newsmodel.related",
    "read_corpus": "newsmodel.serialize",
    "reading_time": "newsmodel.bodies.textstats",
    "recent": "newsmodel.widgets.navigation",
    "related_articles": "newsmodel.related",
    "render_html": "newsmodel.bodies.render",
    "render_markdown": "newsmodel.bodies.render",
    "render_text": "newsmodel.bodies.render",
    "share_links": "newsmodel.values.urls",
    "site_menus": "newsmodel.widgets.menus",
    "slugify": "newsmodel.values.slugs",
    "tag_cloud": "newsmodel.widgets.tagcloud",
    "word_count": "newsmodel.bodies.textstats",
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
    return load_lazily(globals(), _LOCATIONS, name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LOCATIONS))
