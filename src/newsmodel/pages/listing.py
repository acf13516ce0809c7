"""Listing pages as view models: the home page, category, tag, author, date and search listings.

A :class:`ListingPage` holds what a WordPress archive page shows, as plain values: the title and
description of what is listed (a category's description, an author's bio), breadcrumbs, the posts
of one page as teasers (title, URL, excerpt, feature image, authors, date, main category), the
pagination (page N of M, the previous and next pages' URLs and the numbered links), and the same
sidebar the article page has (recent posts, tag cloud, calendar, archives), every link with its
URL.  What is listed is a :class:`ListingKey`.

Which posts, in which order, follow WordPress's main query (``WP_Query::get_posts``): visible posts
(:meth:`Article.is_visible <newsmodel.values.model.Article.is_visible>`), newest first (ties by id), the
site's ``posts_per_page`` to a page.  A category lists the posts of the category and of every
category below it (``include_children``, as ``WP_Query::parse_tax_query`` asks for a
``category_name`` query); dates are the site's local days.  On the first page of the home page the
sticky posts come first, as ``WP_Query::get_posts`` puts them: those of the page moved to the
front, then every other visible sticky post, newest first; the page count is unchanged and later
pages are as without sticky posts.  A listing with no post is a valid page; a page past the last
raises :class:`PageOutOfRange`.

:func:`scan_listing` answers from the articles alone; :class:`ListingIndex` (built once per corpus,
``corpus.cached(listing_index)``) gives the same answer from arrays of timeline positions, in a
few binary searches and a slice for any listing and any page.

>>> from newsmodel.sample import SEED_AS_OF, generate
>>> corpus = generate(articles=300, short_bodies=True)
>>> asia = next(c for c in corpus.categories if c.slug == "asia")
>>> page = build_listing_page(corpus, ListingKey.category(asia.id), page=2, as_of=SEED_AS_OF)
>>> page.title, page.pagination.page, page.pagination.url.endswith("/category/world/asia/page/2/")
('Category: ASIA', 2, True)
>>> [p.id for p in page.posts] == list(scan_listing(corpus, ListingKey.category(asia.id), page=2,
...                                                 as_of=SEED_AS_OF).ids)
True
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from newsmodel.pages.listingpage import (
    _DATED,
    LISTING_KINDS,
    ListingKey,
    ListingKind,
    ListingPage,
    ListingSlice,
    PageLink,
    PageOutOfRange,
    Pagination,
    SearchResults,
    _check_in_range,
    _check_page,
    _hit_ids,
    _pages,
    _pagination,
)
from newsmodel.pages.page import AuthorCard, PageIndex, SiteHeader, TagLink, page_index
from newsmodel.values.dates import format_date, format_month_year, format_site_date
from newsmodel.values.errors import InvalidValue, UnknownId
from newsmodel.values.model import Article
from newsmodel.values.timeline import check_as_of, published_timeline, time_key
from newsmodel.values.urls import (
    absolute_url,
    author_url,
    day_url,
    feed_url,
    month_url,
    paged_url,
    search_url,
    tag_url,
    week_url,
    year_url,
)
from newsmodel.widgets.archives import Period
from newsmodel.widgets.menus import site_menus
from newsmodel.widgets.taxonomy import Breadcrumb

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

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


def _matches(corpus: Corpus, key: ListingKey) -> Callable[[Article], bool]:
    kind = key.kind
    if kind == "home":
        return lambda a: True
    if kind == "category":
        assert key.id is not None
        ids = {key.id, *(c.id for c in corpus.descendants(key.id))}
        return lambda a: not ids.isdisjoint(a.category_ids)
    if kind == "tag":
        corpus.tag(key.id)  # type: ignore[arg-type]
        return lambda a: key.id in a.tag_ids
    if kind == "author":
        corpus.author(key.id)  # type: ignore[arg-type]
        return lambda a: key.id in a.author_ids
    if kind in _DATED:
        first, last = key.bounds()
        site = corpus.site
        return lambda a: first <= site.local_date(a.published) <= last  # type: ignore[arg-type]
    raise InvalidValue(f"listing of kind {kind!r} cannot be scanned (search results come from a search engine)")


def scan_articles(corpus: Corpus, key: ListingKey, *, as_of: datetime) -> list[Article]:
    """Every post of the listing ``key`` visible at ``as_of``, newest first, from a scan over every
    article (no sticky post moved)."""
    check_as_of(as_of)
    if key.kind == "category":
        corpus.category(key.id)  # type: ignore[arg-type]
    test = _matches(corpus, key)
    return sorted(
        (a for a in corpus.articles if a.is_visible(as_of) and test(a)),
        key=lambda a: (time_key(a.published), a.id),  # type: ignore[arg-type]
        reverse=True,
    )


def scan_listing(corpus: Corpus, key: ListingKey, *, page: int = 1, as_of: datetime) -> ListingSlice:
    """The posts of page ``page`` of the listing ``key``, from a scan over every article.

    Raises :class:`PageOutOfRange` for a page past the last.
    """
    _check_page(page)
    found = scan_articles(corpus, key, as_of=as_of)
    per_page = corpus.site.posts_per_page
    _check_in_range(page, _pages(len(found), per_page), f"{key.kind} listing")
    chosen = found[(page - 1) * per_page : page * per_page]
    sticky: list[Article] = []
    if key.kind == "home" and page == 1:
        on_page = [a for a in chosen if a.sticky]
        others = [a for a in found if a.sticky and a not in on_page]
        sticky = on_page + others
        chosen = sticky + [a for a in chosen if not a.sticky]
    return ListingSlice(ids=[a.id for a in chosen], total=len(found), sticky_ids=[a.id for a in sticky])


# --------------------------------------------------------------------------- the index


def _positions(groups: dict[Any, list[int]]) -> dict[Any, array[int]]:
    return {k: array("i", v) for k, v in groups.items()}


class ListingIndex:
    """Every listing of a corpus as sorted arrays of positions in its published timeline.

    The timeline (:func:`~newsmodel.values.timeline.published_timeline`) orders the articles that count
    by ``(published, id)``; the articles visible at ``as_of`` are its first ``cut`` entries.  For
    each tag, author, category (filed directly), local year, month, ISO week and day the index keeps
    the ascending timeline positions of its articles, so the visible count is one binary search and
    page N, newest first, is a slice.  A category with the categories below it gets its array on
    first use, merged from its subtree's arrays and kept (memory: at most the articles filed in
    the subtrees asked for).  Answers equal :func:`scan_listing`.
    """

    __slots__ = (
        "_by_author",
        "_by_category",
        "_by_day",
        "_by_month",
        "_by_tag",
        "_by_week",
        "_by_year",
        "_closure",
        "_sticky",
        "articles",
        "corpus",
        "times",
    )

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        line = corpus.cached(published_timeline)
        self.articles: list[Article] = line.articles
        self.times = line.times
        site = corpus.site
        tags: dict[str, list[int]] = {}
        authors: dict[str, list[int]] = {}
        cats: dict[str, list[int]] = {}
        days: dict[int, list[int]] = {}
        months: dict[int, list[int]] = {}
        weeks: dict[int, list[int]] = {}
        years: dict[int, list[int]] = {}
        sticky: list[int] = []
        for n, a in enumerate(self.articles):
            for t in a.tag_ids:
                tags.setdefault(t, []).append(n)
            for au in dict.fromkeys(a.author_ids):
                authors.setdefault(au, []).append(n)
            for c in a.category_ids:
                cats.setdefault(c, []).append(n)
            when = a.published
            assert when is not None
            d = site.local_date(when)
            days.setdefault(d.toordinal(), []).append(n)
            months.setdefault(d.year * 100 + d.month, []).append(n)
            iso = d.isocalendar()
            weeks.setdefault(iso[0] * 100 + iso[1], []).append(n)
            years.setdefault(d.year, []).append(n)
            if a.sticky:
                sticky.append(n)
        self._by_tag = _positions(tags)
        self._by_author = _positions(authors)
        self._by_category = _positions(cats)
        self._by_day = _positions(days)
        self._by_month = _positions(months)
        self._by_week = _positions(weeks)
        self._by_year = _positions(years)
        self._sticky = array("i", sticky)
        self._closure: dict[str, Sequence[int]] = {}

    _EMPTY: Sequence[int] = array("i")

    def positions(self, key: ListingKey) -> Sequence[int]:
        """The ascending timeline positions of every article the listing ``key`` holds (visible
        at some time or other); a search has none (its hits come from a search engine)."""
        kind = key.kind
        empty = self._EMPTY
        if kind == "home":
            return range(len(self.articles))
        if kind == "category":
            assert key.id is not None
            found = self._closure.get(key.id)
            if found is None:
                found = self._closure[key.id] = self._subtree(key.id)
            return found
        if kind == "tag":
            self.corpus.tag(key.id)  # type: ignore[arg-type]
            return self._by_tag.get(key.id, empty)
        if kind == "author":
            self.corpus.author(key.id)  # type: ignore[arg-type]
            return self._by_author.get(key.id, empty)
        y, m = key.year, key.month
        assert y is not None
        if kind == "year":
            return self._by_year.get(y, empty)
        assert m is not None
        if kind == "month":
            return self._by_month.get(y * 100 + m, empty)
        if kind == "week":
            return self._by_week.get(y * 100 + m, empty)
        if kind == "day":
            return self._by_day.get(date(y, m, key.day).toordinal(), empty)  # type: ignore[arg-type]
        raise InvalidValue(f"listing of kind {kind!r} has no positions in the index", value=kind, where="kind")

    def _subtree(self, category_id: str) -> Sequence[int]:
        corpus = self.corpus
        ids = [category_id, *(c.id for c in corpus.descendants(category_id))]
        parts = [p for p in (self._by_category.get(c) for c in ids) if p]
        if not parts:
            return self._EMPTY
        if len(parts) == 1:
            return parts[0]
        merged: set[int] = set()
        for p in parts:
            merged.update(p)
        return array("i", sorted(merged))

    def cut(self, as_of: datetime) -> int:
        """How many articles of the timeline are visible at ``as_of``."""
        return bisect.bisect_right(self.times, time_key(check_as_of(as_of)))

    def count(self, key: ListingKey, *, as_of: datetime) -> int:
        """How many posts the listing ``key`` holds at ``as_of``."""
        return bisect.bisect_left(self.positions(key), self.cut(as_of))

    def page(self, key: ListingKey, *, page: int = 1, as_of: datetime) -> tuple[list[Article], int, list[Article]]:
        """The articles of page ``page`` (page order), the listing's total, and the sticky articles
        among them (:class:`PageOutOfRange` past the last page)."""
        _check_page(page)
        positions = self.positions(key)
        cut = self.cut(as_of)
        total = bisect.bisect_left(positions, cut)
        per_page = self.corpus.site.posts_per_page
        _check_in_range(page, _pages(total, per_page), f"{key.kind} listing")
        hi = total - (page - 1) * per_page
        lo = max(0, hi - per_page)
        arts = self.articles
        chosen = [arts[positions[i]] for i in range(hi - 1, lo - 1, -1)]
        sticky: list[Article] = []
        if key.kind == "home" and page == 1 and self._sticky:
            visible = self._visible_sticky(cut)
            on_page = [a for a in chosen if a.sticky]
            seen = {a.id for a in on_page}
            sticky = on_page + [a for a in visible if a.id not in seen] if on_page else list(visible)
            chosen = sticky + [a for a in chosen if not a.sticky]
        return chosen, total, sticky

    def _visible_sticky(self, cut: int) -> list[Article]:
        """The sticky articles among the first ``cut`` of the timeline, newest first (a bisection
        and the few sticky posts: no memo needed)."""
        s, arts = self._sticky, self.articles
        return [arts[s[i]] for i in range(bisect.bisect_left(s, cut) - 1, -1, -1)]

    def listing_slice(self, key: ListingKey, *, page: int = 1, as_of: datetime) -> ListingSlice:
        """The same answer as :func:`scan_listing`."""
        chosen, total, sticky = self.page(key, page=page, as_of=as_of)
        return ListingSlice(ids=[a.id for a in chosen], total=total, sticky_ids=[a.id for a in sticky])

    # ------------------------------------------------------------------ URLs

    def url(self, key: ListingKey, page: int = 1) -> str:
        """The URL of page ``page`` of the listing ``key`` (from the site's permalinks)."""
        site = self.corpus.site
        kind = key.kind
        if kind == "home":
            base = absolute_url(site, "/")
        elif kind == "category":
            base = self.corpus.cached(page_index).taxonomy.link(key.id).url  # type: ignore[arg-type]
        elif kind == "tag":
            base = tag_url(site, self.corpus.tag(key.id))  # type: ignore[arg-type]
        elif kind == "author":
            base = author_url(site, self.corpus.author(key.id))  # type: ignore[arg-type]
        elif kind == "year":
            base = year_url(site, key.year)  # type: ignore[arg-type]
        elif kind == "month":
            base = month_url(site, key.year, key.month)  # type: ignore[arg-type]
        elif kind == "week":
            base = week_url(site, key.year, key.month)  # type: ignore[arg-type]
        elif kind == "day":
            base = day_url(site, date(key.year, key.month, key.day))  # type: ignore[arg-type]
        else:
            base = search_url(site, key.query)  # type: ignore[arg-type]
        return paged_url(base, page)


def listing_index(corpus: Corpus) -> ListingIndex:
    """The :class:`ListingIndex` of ``corpus``; use as ``corpus.cached(listing_index)``."""
    return ListingIndex(corpus)


# --------------------------------------------------------------------------- the page


def _titles(index: PageIndex, key: ListingKey) -> tuple[str, str, str | None]:
    """(archive title, name, description) as ``get_the_archive_title`` words them."""
    corpus = index.corpus
    site = corpus.site
    kind = key.kind
    if kind == "home":
        return site.name, site.name, site.description
    if kind == "category":
        c = corpus.category(key.id)  # type: ignore[arg-type]
        return f"Category: {c.name}", c.name, c.description
    if kind == "tag":
        t = corpus.tag(key.id)  # type: ignore[arg-type]
        return f"Tag: {t.name}", t.name, t.description
    if kind == "author":
        a = corpus.author(key.id)  # type: ignore[arg-type]
        return f"Author: {a.name}", a.name, a.bio
    if kind == "search":
        return f"Search Results for: “{key.query}”", key.query or "", None
    first, last = key.bounds()
    if kind == "year":
        name = str(first.year)
        return f"Year: {name}", name, None
    if kind == "month":
        name = format_month_year(first.year, first.month, site.locale)
        return f"Month: {name}", name, None
    if kind == "week":
        name = f"{format_date(first, locale=site.locale)} – {format_date(last, locale=site.locale)}"
        return f"Week: {name}", name, None
    name = format_date(first, locale=site.locale)
    return f"Day: {name}", name, None


def _calendar_month(key: ListingKey, as_of: datetime, index: PageIndex) -> tuple[int, int]:
    """The month ``get_calendar`` shows: the month or day archive's, the weekly archive's (the
    month of the week's seventh day from January 1, as WordPress counts), else the current one."""
    if key.kind in ("month", "day"):
        return key.year, key.month  # type: ignore[return-value]
    if key.kind == "week":
        assert key.year is not None and key.month is not None
        d = date(key.year, 1, 1) + timedelta(days=(key.month - 1) * 7 + 6)
        return d.year, d.month
    today = index.corpus.site.local_date(as_of)
    return today.year, today.month


def _breadcrumbs(index: PageIndex, key: ListingKey, url: str, name: str, home_label: str) -> tuple[Breadcrumb, ...]:
    site = index.corpus.site
    crumbs = [Breadcrumb(label=home_label, url=absolute_url(site, "/"), category_id=None)]
    if key.kind == "home":
        return tuple(crumbs)
    if key.kind == "category":
        index.taxonomy.link(key.id)  # type: ignore[arg-type]
        for c in index.taxonomy.path(key.id):  # type: ignore[arg-type]
            link = index.taxonomy.link(c.id)
            crumbs.append(Breadcrumb(label=link.name, url=link.url, category_id=link.id))
        return tuple(crumbs)
    if key.kind in ("month", "day"):
        assert key.year is not None and key.month is not None
        crumbs.append(Breadcrumb(label=str(key.year), url=year_url(site, key.year), category_id=None))
        if key.kind == "day":
            label = format_month_year(key.year, key.month, site.locale)
            crumbs.append(Breadcrumb(label=label, url=month_url(site, key.year, key.month), category_id=None))
    crumbs.append(Breadcrumb(label=name, url=url, category_id=None))
    return tuple(crumbs)


def _assemble(
    corpus: Corpus,
    key: ListingKey,
    *,
    page: int,
    as_of: datetime,
    chosen: Sequence[Article],
    total: int,
    sticky: Sequence[Article],
    recent_limit: int,
    tag_cloud_limit: int,
    archives_limit: int | None,
    archives_period: Period,
    menu_parent_id: str | None,
    home_label: str,
) -> ListingPage:
    index = corpus.cached(page_index)
    lindex = corpus.cached(listing_index)
    site = corpus.site
    base = lindex.url(key)
    pagination = _pagination(base, page, total, site.posts_per_page)
    title, name, description = _titles(index, key)
    year, month = _calendar_month(key, as_of, index)
    menu_parent = menu_parent_id if menu_parent_id is not None else index.taxonomy.default_menu_parent()
    kind = key.kind
    author_card = None
    if kind == "author":
        a = corpus.author(key.id)  # type: ignore[arg-type]
        author_card = AuthorCard(
            id=a.id,
            name=a.name,
            slug=a.slug,
            url=base,
            role="author",
            bio=a.bio,
            avatar_url=a.avatar_url,
            website=a.website,
            social=a.social,
        )
    tag_link = None
    if kind == "tag":
        t = corpus.tag(key.id)  # type: ignore[arg-type]
        tag_link = TagLink(id=t.id, name=t.name, slug=t.slug, url=base)
    return ListingPage(
        site=SiteHeader.of(site),
        as_of=as_of,
        today=format_site_date(site, as_of, style="full"),
        kind=kind,
        title=title,
        name=name,
        description=description,
        url=pagination.url,
        feed_url=feed_url(base) if kind in ("home", "category", "tag", "author") else None,
        category=index.taxonomy.link(key.id) if kind == "category" else None,  # type: ignore[arg-type]
        tag=tag_link,
        author=author_card,
        query=key.query,
        menu=index.taxonomy.menu(menu_parent),
        breadcrumbs=_breadcrumbs(index, key, base, name, home_label),
        posts=tuple(index.teaser(a) for a in chosen),
        sticky_ids=tuple(a.id for a in sticky),
        pagination=pagination,
        recent=tuple(index.teaser(a) for a in index.navigation.recent(as_of=as_of, limit=recent_limit)),
        tag_cloud=index.links.tag_cloud(index.tag_cloud.tag_cloud(as_of=as_of, number=tag_cloud_limit)),
        calendar=index.links.calendar(index.calendar.month_calendar(year=year, month=month, as_of=as_of)),
        archives=index.links.archives(
            index.archives.archives(as_of=as_of, period=archives_period, limit=archives_limit)
        ),
        menus=site_menus(index.corpus, as_of=as_of),
    )


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(f"build_listing_page: {name}={value!r} is not a count", value=value, where=name)


def build_listing_page(
    corpus: Corpus,
    key: ListingKey,
    *,
    page: int = 1,
    as_of: datetime,
    recent_limit: int = 8,
    tag_cloud_limit: int = 45,
    archives_limit: int | None = 8,
    archives_period: Period = "monthly",
    menu_parent_id: str | None = None,
    home_label: str = "Home",
) -> ListingPage:
    """The :class:`ListingPage` of page ``page`` of the listing ``key``, as of ``as_of``.

    The sidebar options are the article page's (:func:`~newsmodel.pages.page.build_article_page`).  An
    unknown category, tag or author raises :class:`~newsmodel.values.errors.UnknownId`; a page past the
    last :class:`PageOutOfRange`; a search key :class:`~newsmodel.values.errors.InvalidValue` (use
    :func:`build_search_page`, which takes the search engine's hits).
    """
    check_as_of(as_of)
    for name, value in (("recent_limit", recent_limit), ("tag_cloud_limit", tag_cloud_limit)):
        _check_count(name, value)
    if not isinstance(key, ListingKey):
        raise InvalidValue(f"build_listing_page: {key!r} is not a ListingKey", value=key, where="key")
    if key.kind == "search":
        raise InvalidValue("build_listing_page: search results need hits: use build_search_page", where="key")
    if key.kind == "category":
        corpus.category(key.id)  # type: ignore[arg-type]
    chosen, total, sticky = corpus.cached(listing_index).page(key, page=page, as_of=as_of)
    return _assemble(
        corpus,
        key,
        page=page,
        as_of=as_of,
        chosen=chosen,
        total=total,
        sticky=sticky,
        recent_limit=recent_limit,
        tag_cloud_limit=tag_cloud_limit,
        archives_limit=archives_limit,
        archives_period=archives_period,
        menu_parent_id=menu_parent_id,
        home_label=home_label,
    )


def build_search_page(
    corpus: Corpus,
    query: str,
    results: SearchResults | Any,
    *,
    page: int = 1,
    as_of: datetime,
    recent_limit: int = 8,
    tag_cloud_limit: int = 45,
    archives_limit: int | None = 8,
    archives_period: Period = "monthly",
    menu_parent_id: str | None = None,
    home_label: str = "Home",
) -> ListingPage:
    """The search results page for ``query``: ``results`` are the search engine's answer for
    page ``page`` (its ``total`` and this page's hits, see :class:`SearchResults`).

    Every hit must be a visible article of the corpus (an unknown id raises
    :class:`~newsmodel.values.errors.UnknownId`, one not visible at ``as_of``
    :class:`~newsmodel.values.errors.InvalidValue`, naming the hit); more hits than ``posts_per_page``,
    or a page past the last, are refused too.  No hits is a valid page.
    """
    check_as_of(as_of)
    key = ListingKey.search(query)
    total = getattr(results, "total", None)
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise InvalidValue(f"search results: total {total!r} is not a count", value=total, where="total")
    ids = _hit_ids(results)
    per_page = corpus.site.posts_per_page
    _check_in_range(page, _pages(total, per_page), "search results")
    if len(ids) > per_page:
        raise InvalidValue(f"search results: {len(ids)} hits for one page of {per_page}", value=len(ids), where="hits")
    chosen = []
    for i, hit in enumerate(ids):
        try:
            article = corpus.article(hit)
        except UnknownId:
            raise UnknownId(
                f"search results: hit {i} names the article {hit!r}, which the corpus does not have",
                value=hit,
                where=f"hits[{i}]",
            ) from None
        if not article.is_visible(as_of):
            raise InvalidValue(
                f"search results: hit {i} ({hit!r}) is not visible as of {as_of.isoformat()}",
                value=hit,
                where=f"hits[{i}]",
            )
        chosen.append(article)
    return _assemble(
        corpus,
        key,
        page=page,
        as_of=as_of,
        chosen=chosen,
        total=total,
        sticky=(),
        recent_limit=recent_limit,
        tag_cloud_limit=tag_cloud_limit,
        archives_limit=archives_limit,
        archives_period=archives_period,
        menu_parent_id=menu_parent_id,
        home_label=home_label,
    )
