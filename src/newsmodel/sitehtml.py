"""Whole HTML documents for the views a site shows: what ``newsmodel serve`` sends and
``newsmodel build`` writes.

:func:`document_html` wraps an article page, a static page or a listing page (the fragments of
:mod:`newsmodel.page_html`) in a complete HTML5 document with its ``<title>``, language, canonical
link and stylesheet; :func:`not_found_html` is the page of a URL where nothing lives.

>>> from newsmodel.router import NotFound
>>> from newsmodel.page import SiteHeader
>>> from newsmodel.model import Site
>>> html = not_found_html(NotFound(path="/nope/", reason="no such page"), SiteHeader.of(Site(name="S", base_url="https://e.org")))
>>> html.startswith("<!DOCTYPE html>")
True
>>> "<title>Page not found – S</title>" in html
True
"""

from __future__ import annotations

from typing import Union

from newsmodel.listing import ListingPage
from newsmodel.page import ArticlePage, SiteHeader
from newsmodel.page_html import article_page_html, listing_page_html
from newsmodel.router import NotFound
from newsmodel.widgets_html import esc

__all__ = ["View", "document_html", "not_found_html"]

#: The views that have an HTML document.
View = Union[ArticlePage, ListingPage]


def _document(
    site: SiteHeader, title: str, body: str, *, canonical: str | None, lang: str, stylesheet: str | None
) -> str:
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
    ]
    if canonical is not None:
        head.append(f'<link rel="canonical" href="{esc(canonical)}">')
    if stylesheet is not None:
        head.append(f'<link rel="stylesheet" href="{esc(stylesheet)}">')
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n'
        + "\n".join(head)
        + f'\n</head>\n<body>\n<header class="site-header"><p class="site-title"><a href="{esc(site.url)}">'
        + f"{esc(site.name)}</a></p></header>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def document_html(view: View, *, lang: str = "en", stylesheet: str | None = None) -> str:
    """The complete HTML document of an article, static or listing page.

    ``lang`` is the document's language (and, once labels are translated, the catalogue's);
    ``stylesheet`` the URL of a stylesheet to link, if any.
    """
    if isinstance(view, ListingPage):
        title = f"{view.title} – {view.site.name}"
        return _document(
            view.site, title, listing_page_html(view), canonical=view.pagination.url, lang=lang, stylesheet=stylesheet
        )
    title = f"{view.article.title} – {view.site.name}"
    return _document(
        view.site, title, article_page_html(view), canonical=view.article.url, lang=lang, stylesheet=stylesheet
    )


def not_found_html(not_found: NotFound, site: SiteHeader, *, lang: str = "en", stylesheet: str | None = None) -> str:
    """The page of a URL where nothing lives, with the nearest match as a link when there is one."""
    body = [
        '<section class="error-404 not-found">',
        '<h1 class="page-title">Nothing here</h1>',
        f"<p>{esc(not_found.reason)}</p>",
    ]
    if not_found.suggestion is not None:
        body.append(f'<p>Did you mean <a href="{esc(not_found.suggestion)}">{esc(not_found.suggestion)}</a>?</p>')
    body.append("</section>\n")
    return _document(
        site, f"Page not found – {site.name}", "\n".join(body), canonical=None, lang=lang, stylesheet=stylesheet
    )
