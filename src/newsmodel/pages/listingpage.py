"""What a listing page is, as values: the :class:`ListingKey` of what is listed, the
:class:`ListingPage` a builder returns (teasers, pagination, sidebar), its :class:`Pagination`
and :class:`PageLink` values, and the :class:`ListingSlice` of one page of posts.

:mod:`newsmodel.pages.listing` finds the posts and builds these values (and re-exports every name here).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal, Protocol

import attrs

from newsmodel.pages.page import ArticleTeaser, AuthorCard, SiteHeader, TagLink
from newsmodel.values._validate import INTEGER, OPTIONAL_STRING, STRING, as_tuple, instance_of, tuple_of
from newsmodel.values.display import HtmlDisplay
from newsmodel.values.errors import InvalidValue, NewsModelError
from newsmodel.values.urls import paged_url
from newsmodel.widgets.archives import ArchivePeriod
from newsmodel.widgets.calendar import MonthCalendar
from newsmodel.widgets.menus import MenuView
from newsmodel.widgets.tagcloud import TagCloud
from newsmodel.widgets.taxonomy import Breadcrumb, CategoryLink

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

#: What a listing lists.
ListingKind = Literal["home", "category", "tag", "author", "year", "month", "week", "day", "search"]
#: Every :data:`ListingKind`.
LISTING_KINDS: tuple[str, ...] = ("home", "category", "tag", "author", "year", "month", "week", "day", "search")
_OPTIONAL_INTEGER = instance_of(int, "an integer", optional=True)
_DATED = ("year", "month", "week", "day")


class PageOutOfRange(NewsModelError, LookupError):
    """A listing page past the last one (``page`` asked for, ``pages`` there are)."""

    def __init__(self, message: str, *, page: int, pages: int) -> None:
        super().__init__(message)
        self.page = page
        self.pages = pages


# --------------------------------------------------------------------------- the key


def _positive(name: str, value: int | None, top: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        raise InvalidValue(f"ListingKey.{name}: {value!r} is not between 1 and {top}", value=value, where=name)


def _check_key(key: ListingKey) -> None:
    kind = key.kind
    if kind not in LISTING_KINDS:
        raise InvalidValue(f"ListingKey.kind: {kind!r} is not one of {LISTING_KINDS!r}", value=kind, where="kind")
    wants_id = kind in ("category", "tag", "author")
    if wants_id != (key.id is not None):
        raise InvalidValue(f"ListingKey: a {kind} listing {'needs' if wants_id else 'takes no'} id", value=key.id)
    if (kind == "search") != (key.query is not None):
        raise InvalidValue(f"ListingKey: a {kind} listing {'needs' if kind == 'search' else 'takes no'} query")
    if kind == "search" and not key.query:
        raise InvalidValue("ListingKey.query: the search query is empty", value=key.query, where="query")
    if kind in _DATED:
        _positive("year", key.year, 9998)
    elif key.year is not None:
        raise InvalidValue(f"ListingKey: a {kind} listing takes no year", value=key.year, where="year")
    if kind in ("month", "day"):
        _positive("month", key.month, 12)
    elif kind == "week":
        _positive("month", key.month, 53)  # the ISO week number
    elif key.month is not None:
        raise InvalidValue(f"ListingKey: a {kind} listing takes no month", value=key.month, where="month")
    if kind == "day":
        assert key.year is not None and key.month is not None
        try:
            date(key.year, key.month, key.day)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise InvalidValue(
                f"ListingKey: {key.year}-{key.month}-{key.day!r} is not a day", value=key.day, where="day"
            ) from None
    elif key.day is not None:
        raise InvalidValue(f"ListingKey: a {kind} listing takes no day", value=key.day, where="day")


@attrs.frozen(kw_only=True)
class ListingKey:
    """What a listing lists: ``kind`` and, by kind, the category, tag or author ``id``, the date
    (``week`` keeps the ISO year in ``year`` and the ISO week in ``month``) or the search ``query``.
    Build one with the class methods.

    >>> ListingKey.for_month(2025, 12)
    ListingKey(kind='month', id=None, year=2025, month=12, day=None, query=None)
    >>> ListingKey.for_day(2025, 2, 30)
    Traceback (most recent call last):
      ...
    newsmodel.values.errors.InvalidValue: ListingKey: 2025-2-30 is not a day
    """

    kind: str = attrs.field(validator=STRING)
    id: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    year: int | None = attrs.field(default=None, validator=_OPTIONAL_INTEGER)
    month: int | None = attrs.field(default=None, validator=_OPTIONAL_INTEGER)
    day: int | None = attrs.field(default=None, validator=_OPTIONAL_INTEGER)
    query: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)

    def __attrs_post_init__(self) -> None:
        _check_key(self)

    @classmethod
    def home(cls) -> ListingKey:
        """The home page: every post."""
        return cls(kind="home")

    @classmethod
    def category(cls, category_id: str) -> ListingKey:
        """A category and the categories below it."""
        return cls(kind="category", id=category_id)

    @classmethod
    def tag(cls, tag_id: str) -> ListingKey:
        """A tag."""
        return cls(kind="tag", id=tag_id)

    @classmethod
    def author(cls, author_id: str) -> ListingKey:
        """An author's posts (any byline)."""
        return cls(kind="author", id=author_id)

    @classmethod
    def for_year(cls, year: int) -> ListingKey:
        """A year of the site's local days."""
        return cls(kind="year", year=year)

    @classmethod
    def for_month(cls, year: int, month: int) -> ListingKey:
        """A month of the site's local days."""
        return cls(kind="month", year=year, month=month)

    @classmethod
    def for_week(cls, iso_year: int, week: int) -> ListingKey:
        """An ISO week of the site's local days (the weekly archive, ``?m=YYYY&w=N``)."""
        return cls(kind="week", year=iso_year, month=week)

    @classmethod
    def for_day(cls, year: int, month: int, day: int) -> ListingKey:
        """One local day."""
        return cls(kind="day", year=year, month=month, day=day)

    @classmethod
    def search(cls, query: str) -> ListingKey:
        """Search results for ``query``."""
        return cls(kind="search", query=query)

    def bounds(self) -> tuple[date, date]:
        """The first and last local days of a dated listing."""
        y, m = self.year, self.month
        assert (y is not None and m is not None) or self.kind == "year"
        if self.kind == "year":
            assert y is not None
            return date(y, 1, 1), date(y, 12, 31)
        assert y is not None and m is not None
        if self.kind == "month":
            nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
            return date(y, m, 1), nxt - timedelta(days=1)
        if self.kind == "week":
            start = date.fromisocalendar(y, m, 1)
            return start, start + timedelta(days=6)
        assert self.day is not None
        d = date(y, m, self.day)
        return d, d


# --------------------------------------------------------------------------- values


@attrs.frozen(kw_only=True)
class PageLink:
    """One item of the numbered page links: a page number with its URL, or a gap (``page`` None)."""

    page: int | None = attrs.field(validator=instance_of(int, "an integer", optional=True))
    url: str | None = attrs.field(validator=OPTIONAL_STRING)
    current: bool = attrs.field(default=False, validator=instance_of(bool, "true or false"))


@attrs.frozen(kw_only=True)
class Pagination:
    """Page ``page`` of ``pages`` (at least 1: an empty listing has one empty page), ``total``
    posts, ``per_page`` to a page, with the URLs of this, the first, the last, the previous and
    the next page (None at the ends) and the numbered links WordPress's ``paginate_links`` shows
    (the first and last page, two on each side of this one, gaps between)."""

    page: int = attrs.field(validator=INTEGER)
    pages: int = attrs.field(validator=INTEGER)
    per_page: int = attrs.field(validator=INTEGER)
    total: int = attrs.field(validator=INTEGER)
    url: str = attrs.field(validator=STRING)
    first_url: str = attrs.field(validator=STRING)
    last_url: str = attrs.field(validator=STRING)
    previous_url: str | None = attrs.field(validator=OPTIONAL_STRING)
    next_url: str | None = attrs.field(validator=OPTIONAL_STRING)
    links: tuple[PageLink, ...] = attrs.field(converter=as_tuple, validator=tuple_of(PageLink, "a PageLink"))


@attrs.frozen(kw_only=True)
class ListingPage(HtmlDisplay):
    """Everything a listing page shows, as data.

    ``title`` is the archive title as WordPress's ``get_the_archive_title`` words it ("Category:
    ASIA", "Tag: China", "Author: Victoria Jones", "Month: December 2025"; the site's name on the
    home page, "Search Results for: …" for a search), ``name`` the bare name, ``description`` the
    category's or tag's description or the author's bio.  ``category``, ``tag``, ``author`` and
    ``query`` name what is listed (one of them, or none).  ``sticky_ids`` are the posts of this
    page shown first because they are sticky.  ``menu`` is the category menu; the site's own
    menus are ``menus``, as on the article page (:func:`newsmodel.widgets.menus.site_menus`).  ``feed_url``
    is the listing's feed (home, category, tag, author).
    """

    site: SiteHeader = attrs.field(validator=instance_of(SiteHeader, "a SiteHeader"))
    as_of: datetime = attrs.field(validator=instance_of(datetime, "a datetime"))
    today: str = attrs.field(validator=STRING)
    kind: str = attrs.field(validator=STRING)
    title: str = attrs.field(validator=STRING)
    name: str = attrs.field(validator=STRING)
    description: str | None = attrs.field(validator=OPTIONAL_STRING)
    url: str = attrs.field(validator=STRING)
    feed_url: str | None = attrs.field(validator=OPTIONAL_STRING)
    category: CategoryLink | None = attrs.field(validator=instance_of(CategoryLink, "a CategoryLink", optional=True))
    tag: TagLink | None = attrs.field(validator=instance_of(TagLink, "a TagLink", optional=True))
    author: AuthorCard | None = attrs.field(validator=instance_of(AuthorCard, "an AuthorCard", optional=True))
    query: str | None = attrs.field(validator=OPTIONAL_STRING)
    menu: tuple[CategoryLink, ...] = attrs.field(converter=as_tuple, validator=tuple_of(CategoryLink, "a CategoryLink"))
    breadcrumbs: tuple[Breadcrumb, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(Breadcrumb, "a Breadcrumb")
    )
    posts: tuple[ArticleTeaser, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(ArticleTeaser, "an ArticleTeaser")
    )
    sticky_ids: tuple[str, ...] = attrs.field(converter=as_tuple, validator=tuple_of(str, "a string"))
    pagination: Pagination = attrs.field(validator=instance_of(Pagination, "a Pagination"))
    recent: tuple[ArticleTeaser, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(ArticleTeaser, "an ArticleTeaser")
    )
    tag_cloud: TagCloud = attrs.field(validator=instance_of(TagCloud, "a TagCloud"))
    calendar: MonthCalendar = attrs.field(validator=instance_of(MonthCalendar, "a MonthCalendar"))
    archives: tuple[ArchivePeriod, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(ArchivePeriod, "an ArchivePeriod")
    )
    menus: tuple[MenuView, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(MenuView, "a MenuView")
    )


@attrs.frozen(kw_only=True)
class ListingSlice:
    """The ids of the posts of one listing page, in page order, the total, and which are sticky."""

    ids: tuple[str, ...] = attrs.field(converter=as_tuple, validator=tuple_of(str, "a string"))
    total: int = attrs.field(validator=INTEGER)
    sticky_ids: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str, "a string"))


class SearchResults(Protocol):
    """What a search engine gives for one page of results: the ``total`` of hits and, best first,
    this page's hits as ``ids`` (article ids) or ``hits`` (ids, or objects with an ``article_id``
    or ``id``)."""

    @property
    def total(self) -> int: ...  # pragma: no cover


def _hit_ids(results: Any) -> tuple[str, ...]:
    ids = getattr(results, "ids", None)
    if ids is None:
        hits = getattr(results, "hits", None)
        if hits is None:
            raise InvalidValue(f"search results {results!r} have neither ids nor hits", value=results, where="results")
        ids = [h if isinstance(h, str) else getattr(h, "article_id", None) or getattr(h, "id", None) for h in hits]
    out = tuple(ids)
    for i, hit in enumerate(out):
        if not isinstance(hit, str):
            raise InvalidValue(f"search results: hit {i} is not an article id: {hit!r}", value=hit, where=f"hits[{i}]")
    return out


# --------------------------------------------------------------------------- pagination


def _pages(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def _check_page(page: int) -> None:
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise InvalidValue(f"listing page {page!r} is not an integer >= 1", value=page, where="page")


def _check_in_range(page: int, pages: int, what: str) -> None:
    _check_page(page)
    if page > pages:
        raise PageOutOfRange(
            f"{what}: page {page} is past the last page ({pages})",
            page=page,
            pages=pages,
        )


def _pagination(base: str, page: int, total: int, per_page: int) -> Pagination:
    pages = _pages(total, per_page)
    # paginate_links (end_size 1, mid_size 2): the first and last pages, two on each side of
    # this one, one gap marker for each run of pages left out
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    links: list[PageLink] = []
    for i, n in enumerate(shown):
        if i and n > shown[i - 1] + 1:
            links.append(PageLink(page=None, url=None))
        links.append(PageLink(page=n, url=paged_url(base, n), current=n == page))
    return Pagination(
        page=page,
        pages=pages,
        per_page=per_page,
        total=total,
        url=paged_url(base, page),
        first_url=base,
        last_url=paged_url(base, pages),
        previous_url=paged_url(base, page - 1) if page > 1 else None,
        next_url=paged_url(base, page + 1) if page < pages else None,
        links=tuple(links),
    )


# --------------------------------------------------------------------------- the scan
