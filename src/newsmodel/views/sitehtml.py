"""Whole HTML documents for the views a site shows: what ``newsmodel serve`` sends and
``newsmodel build`` writes.

:func:`document_html` wraps an article page, a static page or a listing page in a complete HTML5
document laid out as WordPress's Twenty Twenty-One theme lays out its pages (``header.php``,
``footer.php``): ``<body>`` with ``get_body_class()``'s classes, ``#page.site``, the skip link,
``.site-header`` with ``.site-branding`` and ``.primary-navigation``, ``.site-main`` inside
``#primary.content-area``, the ``.widget-area`` and ``.site-footer``; the parts come from
:mod:`newsmodel.views.page_html`.  So a WordPress theme's ``style.css`` styles the page as it styles
WordPress; without one, :func:`default_stylesheet` (newsmodel's own, small and responsive) is
inlined.  :func:`not_found_html` is the page of a URL where nothing lives.  Labels are in the
document's language ``lang`` where newsmodel ships a catalogue (:mod:`newsmodel.views.labels`),
English otherwise.

>>> from newsmodel.pages.router import NotFound
>>> from newsmodel.pages.page import SiteHeader
>>> from newsmodel.values.model import Site
>>> html = not_found_html(NotFound(path="/nope/", reason="no such page"), SiteHeader.of(Site(name="S", base_url="https://e.org")))
>>> html.startswith("<!DOCTYPE html>")
True
>>> "<title>Page not found – S</title>" in html
True
>>> "<title>Page introuvable – S</title>" in not_found_html(NotFound(path="/nope/", reason="no such page"),
...     SiteHeader.of(Site(name="S", base_url="https://e.org")), lang="fr")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Union

from newsmodel.pages.listing import ListingPage
from newsmodel.pages.page import ArticlePage, SiteHeader
from newsmodel.pages.router import NotFound
from newsmodel.values.safeurl import is_safe_url
from newsmodel.views.labels import translation
from newsmodel.views.listing_html import listing_main_html, listing_title
from newsmodel.views.page_html import (
    _term_class,
    article_main_html,
    footer_navigation_html,
    html_class,
    primary_menu,
    sidebar_html,
    site_navigation_html,
)
from newsmodel.views.widgets_html import esc

__all__ = [
    "DEFAULT_STYLESHEET_PATH",
    "View",
    "body_classes",
    "default_stylesheet",
    "document_html",
    "not_found_html",
]

#: The views that have an HTML document.
View = Union[ArticlePage, ListingPage]

#: The URL path where a server serves :func:`default_stylesheet` (pass it as ``stylesheet=`` to
#: link the default stylesheet instead of inlining it).
DEFAULT_STYLESHEET_PATH = "/_newsmodel/newsmodel.css"


@lru_cache(maxsize=1)
def default_stylesheet() -> str:
    """newsmodel's own stylesheet (package data ``newsmodel/static/newsmodel.css``): readable,
    responsive, for a page that has no theme.

    >>> len(default_stylesheet()) < 10_000 and ".site-header" in default_stylesheet()
    True
    """
    return files("newsmodel").joinpath("static/newsmodel.css").read_text(encoding="utf-8")


def body_classes(view: View | None) -> list[str]:
    """The ``<body>`` classes of ``view`` as WordPress's ``get_body_class()`` gives them (``None``:
    the not-found page), with Twenty Twenty-One's (``twenty_twenty_one_body_classes``):
    ``singular`` or ``hfeed``, and ``has-main-navigation`` when the header has a menu.

    >>> from newsmodel.sample import SEED_AS_OF, SEED_SLUG, load_bundled
    >>> from newsmodel.pages.page import build_article_page
    >>> body_classes(build_article_page(load_bundled(), SEED_SLUG, as_of=SEED_AS_OF, related=False))[:6]
    ['wp-singular', 'post-template-default', 'single', 'single-post', 'postid-1002011', 'single-format-standard']
    """
    if view is None:
        return ["error404", "hfeed"]
    classes: list[str] = []
    if isinstance(view, ArticlePage):
        a = view.article
        kind = html_class(a.kind, "post")
        pid = html_class(a.id, "0")
        classes += ["wp-singular", f"{kind}-template-default"]
        if a.kind == "page":
            classes += ["page", f"page-id-{pid}"]
            if view.child_pages:
                classes.append("page-parent")
        else:
            classes += ["single", f"single-{kind}", f"postid-{pid}"]
            if a.kind == "post":
                classes.append("single-format-standard")
        classes.append("singular")
    else:
        kind = view.kind
        page = view.pagination.page
        if kind == "home":
            classes += ["home", "blog"]
        elif kind == "search":
            classes += ["search", "search-results" if view.posts else "search-no-results"]
        else:
            classes.append("archive")
            if kind in ("year", "month", "week", "day"):
                classes.append("date")
        if page > 1:
            classes.append("paged")
        if kind == "category" and view.category is not None:
            c = view.category
            classes += ["category", _term_class("category", c.slug, c.id), f"category-{html_class(c.id, '0')}"]
        elif kind == "tag" and view.tag is not None:
            t = view.tag
            classes += ["tag", _term_class("tag", t.slug, t.id), f"tag-{html_class(t.id, '0')}"]
        elif kind == "author" and view.author is not None:
            au = view.author
            classes += ["author", f"author-{html_class(au.slug, au.id)}", f"author-{html_class(au.id, '0')}"]
        if page > 1:
            classes.append(f"paged-{page}")
            prefix = "date" if kind in ("year", "month", "week", "day") else kind
            if prefix in ("category", "tag", "date", "author", "search"):
                classes.append(f"{prefix}-paged-{page}")
        classes.append("hfeed")
    if primary_menu(view) is not None or view.menu:  # what site_navigation_html shows
        classes.append("has-main-navigation")
    return list(dict.fromkeys(classes))


def _header(site: SiteHeader, view: View | None, lang: str) -> str:
    nav = site_navigation_html(view, lang=lang) if view is not None else ""
    css = "site-header has-title-and-tagline" + (" has-menu" if nav else "")
    home = f'<a href="{esc(site.url)}">{esc(site.name)}</a>' if is_safe_url(site.url) else esc(site.name)
    is_home = isinstance(view, ListingPage) and view.kind == "home"
    # site-branding.php: an <h1> on the front page, a <p> elsewhere.
    title = f'<h1 class="site-title">{home}</h1>' if is_home else f'<p class="site-title">{home}</p>'
    parts = [f'<header id="masthead" class="{css}">', '<div class="site-branding">', title]
    if site.description:
        parts.append(f'<p class="site-description">{esc(site.description)}</p>')
    if view is not None:
        parts.append(f'<p class="today">{esc(view.today)}</p>')
    parts.append("</div>")
    if nav:
        parts.append(nav)
    parts.append("</header>")
    return "\n".join(parts)


def _footer(site: SiteHeader, view: View | None, lang: str) -> str:
    _ = translation(lang).gettext
    menus = footer_navigation_html(view, lang=lang) if view is not None else ""
    home = f'<a href="{esc(site.url)}">{esc(site.name)}</a>' if is_safe_url(site.url) else esc(site.name)
    parts = ['<footer id="colophon" class="site-footer">']
    if menus:
        parts.append(menus)
    powered = esc(_("Proudly powered by %s.") % "newsmodel")
    parts += [
        '<div class="site-info">',
        f'<div class="site-name">{home}</div>',
        f'<div class="powered-by">{powered}</div>',
        "</div>",
        "</footer>",
    ]
    return "\n".join(parts)


def _document(
    site: SiteHeader,
    view: View | None,
    title: str,
    main: str,
    *,
    canonical: str | None,
    lang: str,
    stylesheet: str | Sequence[str] | None,
    feed: str | None = None,
) -> str:
    _ = translation(lang).gettext
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
    ]
    if canonical is not None and is_safe_url(canonical):
        head.append(f'<link rel="canonical" href="{esc(canonical)}">')
    if feed is not None and is_safe_url(feed):
        head.append(f'<link rel="alternate" type="application/rss+xml" title="{esc(site.name)}" href="{esc(feed)}">')
    if stylesheet is not None:
        for url in (stylesheet,) if isinstance(stylesheet, str) else stylesheet:
            head.append(f'<link rel="stylesheet" href="{esc(url)}">')
    else:
        head.append(f'<style id="newsmodel-css">\n{default_stylesheet()}</style>')
    widgets = sidebar_html(view, lang=lang) if view is not None else ""
    skip = esc(_("Skip to content"))
    body = [
        f'<body class="{" ".join(body_classes(view))}">',
        '<div id="page" class="site">',
        f'<a class="skip-link screen-reader-text" href="#content">{skip}</a>',
        _header(site, view, lang),
        '<div id="content" class="site-content">',
        '<section id="primary" class="content-area">',
        '<main id="main" class="site-main">',
        main.rstrip("\n"),
        "</main>",
        "</section>",
        "</div>",
    ]
    if widgets:
        body.append(widgets)
    body += [_footer(site, view, lang), "</div>", "</body>"]
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n'
        + "\n".join(head)
        + "\n</head>\n"
        + "\n".join(body)
        + "\n</html>\n"
    )


def document_html(view: View, *, lang: str = "en", stylesheet: str | Sequence[str] | None = None) -> str:
    """The complete HTML document of an article, static or listing page.

    ``lang`` is the document's language and the labels' (English when newsmodel has no catalogue
    for it); ``stylesheet`` the URL of a stylesheet to link (a WordPress theme's ``style.css``,
    or :data:`DEFAULT_STYLESHEET_PATH` where a server serves :func:`default_stylesheet`), or
    several URLs linked in order (a theme's stylesheet after WordPress's block library, as
    WordPress links them); without one the default stylesheet is inlined, so the document
    stands alone.
    """
    if isinstance(view, ListingPage):
        name = listing_title(view, lang=lang)
        title = view.site.name if view.kind == "home" else f"{name} – {view.site.name}"
        return _document(
            view.site,
            view,
            title,
            listing_main_html(view, lang=lang),
            canonical=view.pagination.url,
            lang=lang,
            stylesheet=stylesheet,
            feed=view.feed_url,
        )
    a = view.article
    return _document(
        view.site,
        view,
        f"{a.title} – {view.site.name}",
        article_main_html(view, lang=lang),
        canonical=a.canonical_url or a.url,
        lang=lang,
        stylesheet=stylesheet,
    )


def not_found_html(
    not_found: NotFound, site: SiteHeader, *, lang: str = "en", stylesheet: str | Sequence[str] | None = None
) -> str:
    """The page of a URL where nothing lives (Twenty Twenty-One's ``404.php``: ``page-header``
    and ``error-404 not-found``), with the nearest match as a link when there is one."""
    _ = translation(lang).gettext
    nothing, title = esc(_("Nothing here")), _("Page not found")
    body = [
        '<header class="page-header alignwide">',
        f'<h1 class="page-title">{nothing}</h1>',
        "</header>",
        '<div class="error-404 not-found default-max-width">',
        '<div class="page-content">',
        f"<p>{esc(not_found.reason)}</p>",
    ]
    if not_found.suggestion is not None and is_safe_url(not_found.suggestion):
        link = f'<a href="{esc(not_found.suggestion)}">{esc(not_found.suggestion)}</a>'
        body.append("<p>" + esc(_("Did you mean %s?")).replace("%s", link) + "</p>")
    body += ["</div>", "</div>"]
    return _document(
        site,
        None,
        f"{title} – {site.name}",
        "\n".join(body),
        canonical=None,
        lang=lang,
        stylesheet=stylesheet,
    )
