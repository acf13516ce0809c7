"""HTML for listing pages: the page links, the archive title, the listing's main part and the
whole listing page, in Twenty Twenty-One's structure as :mod:`newsmodel.views.page_html` writes
the article page (``archive.php``, ``index.php``, ``search.php`` and ``content-none.php``), with
the same breadcrumbs, teasers, widgets and menus.

>>> from newsmodel.sample import SEED_AS_OF, load_bundled
>>> from newsmodel.pages.listing import ListingKey, build_listing_page
>>> page = build_listing_page(load_bundled(), ListingKey.home(), as_of=SEED_AS_OF)
>>> html = listing_page_html(page)
>>> html.count('class="page-numbers current"'), 'class="today"' in html
(1, True)
"""

from __future__ import annotations

from newsmodel.pages.listing import ListingPage, Pagination
from newsmodel.views.labels import translation
from newsmodel.views.page_html import breadcrumbs_html, page_frame_html, teaser_html
from newsmodel.views.widgets_html import esc

__all__ = ["listing_main_html", "listing_page_html", "listing_title", "pagination_html"]


def pagination_html(pagination: Pagination, *, lang: str = "en") -> str:
    """The page links as WordPress's ``the_posts_pagination()`` prints them (empty for one page).

    >>> from newsmodel.pages.listing import PageLink
    >>> p = Pagination(page=1, pages=2, per_page=10, total=12, url="https://e.org/", first_url="https://e.org/",
    ...                last_url="https://e.org/page/2/", previous_url=None, next_url="https://e.org/page/2/",
    ...                links=(PageLink(page=1, url="https://e.org/", current=True),
    ...                       PageLink(page=2, url="https://e.org/page/2/")))
    >>> print(pagination_html(p))
    <nav class="navigation pagination" aria-label="Posts pagination">
    <h2 class="screen-reader-text">Posts pagination</h2>
    <div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>
    <a class="page-numbers" href="https://e.org/page/2/">2</a>
    <a class="next page-numbers" href="https://e.org/page/2/">Next</a></div>
    </nav>
    >>> print(pagination_html(p, lang="fr").splitlines()[-2])
    <a class="next page-numbers" href="https://e.org/page/2/">Suivant</a></div>
    """
    if pagination.pages <= 1:
        return ""
    _ = translation(lang).gettext
    items = []
    previous, next = esc(_("Previous")), esc(_("Next"))
    if pagination.previous_url is not None:
        items.append(f'<a class="prev page-numbers" href="{esc(pagination.previous_url)}">{previous}</a>')
    for link in pagination.links:
        if link.page is None or link.url is None:
            items.append('<span class="page-numbers dots">&hellip;</span>')
        elif link.current:
            items.append(f'<span aria-current="page" class="page-numbers current">{link.page}</span>')
        else:
            items.append(f'<a class="page-numbers" href="{esc(link.url)}">{link.page}</a>')
    if pagination.next_url is not None:
        items.append(f'<a class="next page-numbers" href="{esc(pagination.next_url)}">{next}</a>')
    label = esc(_("Posts pagination"))
    return (
        f'<nav class="navigation pagination" aria-label="{label}">\n<h2 class="screen-reader-text">{label}</h2>\n'
        f'<div class="nav-links">{chr(10).join(items)}</div>\n</nav>'
    )


def listing_title(page: ListingPage, *, lang: str = "en") -> str:
    """The archive title in ``lang``, worded as WordPress's ``get_the_archive_title`` ("Category:
    ASIA"); the page's own ``title`` for the home page and for a kind it does not know.

    >>> from newsmodel.sample import SEED_AS_OF, load_bundled
    >>> from newsmodel.pages.listing import ListingKey, build_listing_page
    >>> corpus = load_bundled()
    >>> asia = next(c for c in corpus.categories if c.slug == "asia")
    >>> page = build_listing_page(corpus, ListingKey.category(asia.id), as_of=SEED_AS_OF)
    >>> listing_title(page), listing_title(page, lang="fr")
    ('Category: ASIA', 'Catégorie : ASIA')
    """
    _ = translation(lang).gettext
    formats = {
        "category": _("Category: %s"),
        "tag": _("Tag: %s"),
        "author": _("Author: %s"),
        "year": _("Year: %s"),
        "month": _("Month: %s"),
        "week": _("Week: %s"),
        "day": _("Day: %s"),
        "search": _("Search Results for: “%s”"),
    }
    form = formats.get(page.kind)
    return page.title if form is None else form % page.name


def listing_main_html(page: ListingPage, *, lang: str = "en") -> str:
    """What the ``site-main`` of a listing holds, as Twenty Twenty-One's ``archive.php``,
    ``index.php`` and ``search.php`` print it: the breadcrumbs, ``page-header`` with the
    ``page-title`` and ``archive-description`` (a search: the count of results), one
    ``<article>`` per post (:func:`teaser_html`) and the page links; without posts,
    ``content-none.php``'s ``no-results`` section."""
    _ = translation(lang).gettext
    title = esc(listing_title(page, lang=lang))
    parts = [breadcrumbs_html(page.breadcrumbs, inline=True)]
    if not page.posts:
        text = _("Sorry, but nothing matched your search terms.") if page.kind == "search" else _("Nothing Found")
        parts.append(
            '<section class="no-results not-found">\n'
            f'<header class="page-header alignwide"><h1 class="page-title">{title}</h1></header>\n'
            f'<div class="page-content default-max-width"><p>{esc(text)}</p></div>\n</section>'
        )
        return "\n".join(p for p in parts if p) + "\n"
    header = [f'<header class="page-header alignwide">\n<h1 class="page-title">{title}</h1>']
    if page.description:
        header.append(f'<div class="archive-description"><p>{esc(page.description)}</p></div>')
    header.append("</header>")
    parts.append("\n".join(header))
    if page.kind == "search":
        total = page.pagination.total
        count = translation(lang).ngettext(
            "We found %d result for your search.", "We found %d results for your search.", total
        )
        parts.append(f'<div class="search-result-count default-max-width">{esc(count % total)}</div>')
    sticky = set(page.sticky_ids)
    parts.extend(teaser_html(t, lang=lang, sticky=t.id in sticky) for t in page.posts)
    parts.append(pagination_html(page.pagination, lang=lang))
    return "\n".join(p for p in parts if p) + "\n"


def listing_page_html(page: ListingPage, *, lang: str = "en") -> str:
    """A whole listing page as one HTML fragment: "today", the header's navigation,
    :func:`listing_main_html`, the widgets and the footer's menus.  Every link comes from the page
    itself."""
    return page_frame_html(page, listing_main_html(page, lang=lang), lang=lang)
