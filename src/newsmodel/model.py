"""The domain types: :class:`Site`, :class:`Author`, :class:`Category`, :class:`Tag`, :class:`Article`.

All are frozen, slotted, keyword-only attrs classes.  Collections are tuples; datetimes are
timezone-aware (a naive datetime is refused).  Relations are by id; the
:class:`~newsmodel.corpus.Corpus` resolves them.

>>> from datetime import datetime, timezone
>>> from newsmodel.model import Article, ArticleStatus, Byline
>>> a = Article(id="1", slug="hello", title="Hello",
...             published=datetime(2025, 12, 16, 9, 0, tzinfo=timezone.utc),
...             bylines=(Byline(author_id="victoria"),))
>>> a.author_ids
('victoria',)
>>> a.status is ArticleStatus.PUBLISHED
True
"""

from __future__ import annotations

import enum
import functools
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from newsmodel._validate import as_tuple, instance_of, tuple_of
from newsmodel.body import Body
from newsmodel.display import HtmlDisplay
from newsmodel.errors import (
    CategoryCycle,
    InvalidArticle,
    InvalidDatetime,
    InvalidMenu,
    InvalidSite,
    InvalidSlug,
    InvalidUrl,
    InvalidValue,
    UnknownId,
)
from newsmodel.safeurl import LINK_SCHEMES, WEB_SCHEMES, is_safe_url

# What a slug is lives in newsmodel.slugs; MAX_SLUG_LENGTH and is_slug stay importable from here.
from newsmodel.slugs import MAX_SLUG_LENGTH, is_slug

__all__ = [
    "FLOATING",
    "MAX_SLUG_LENGTH",
    "Article",
    "ArticleStatus",
    "Author",
    "Byline",
    "Category",
    "ContentKind",
    "Extra",
    "FeatureImage",
    "Menu",
    "MenuItem",
    "MenuItemType",
    "Permalinks",
    "Site",
    "SocialProfile",
    "SourceAttribution",
    "Tag",
    "category_path",
    "check_datetime",
    "is_kind",
    "is_slug",
    "site_zone",
    "thaw",
]


# --------------------------------------------------------------------------- helpers


def _freeze(value: Any, where: str) -> Any:
    """Deep-freeze a JSON value: lists become tuples, dicts become :class:`Extra`."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidValue(f"{where}: non-finite number {value!r} is not JSON", value=value, where=where)
        return value
    if isinstance(value, Extra):
        return value
    if isinstance(value, Mapping):
        return Extra(value, _where=where)
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v, f"{where}[{i}]") for i, v in enumerate(value))
    raise InvalidValue(f"{where}: {type(value).__name__} value {value!r} is not JSON", value=value, where=where)


def thaw(value: Any) -> Any:
    """The plain JSON value (dicts and lists) of a frozen one.

    >>> thaw(Extra({"a": [1, {"b": 2}]}))
    {'a': [1, {'b': 2}]}
    """
    if isinstance(value, Extra):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


class Extra(Mapping[str, Any]):
    """An immutable, hashable mapping of JSON values: what a source had that the model does not.

    Lists are kept as tuples and nested objects as :class:`Extra`; :func:`thaw` gives plain JSON back.

    >>> e = Extra({"wp:post_type": "post", "ids": [1, 2]})
    >>> e["ids"]
    (1, 2)
    >>> hash(e) == hash(Extra({"ids": [1, 2], "wp:post_type": "post"}))
    True
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Any] | Iterable[tuple[str, Any]] = (), *, _where: str = "extra") -> None:
        items = data.items() if isinstance(data, Mapping) else data
        frozen: dict[str, Any] = {}
        for key, value in items:
            if not isinstance(key, str):
                raise InvalidValue(f"{_where}: key {key!r} is not a string", value=key, where=_where)
            frozen[key] = _freeze(value, f"{_where}.{key}")
        self._data = frozen
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(json.dumps(thaw(self), sort_keys=True, ensure_ascii=False))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extra):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == Extra(other)._data
        return NotImplemented

    def __repr__(self) -> str:
        return f"Extra({thaw(self)!r})"

    def merged(self, other: Mapping[str, Any]) -> Extra:
        """A new :class:`Extra` with ``other``'s keys added (``other`` wins on a clash)."""
        return Extra({**self._data, **Extra(other)._data})


def _to_extra(value: Mapping[str, Any] | None) -> Extra:
    if value is None:
        return Extra()
    if isinstance(value, Extra):
        return value
    if isinstance(value, Mapping):
        return Extra(value)
    pairs = None if isinstance(value, (str, bytes)) else as_tuple(value)
    if pairs.__class__ is not tuple or not all(isinstance(p, (tuple, list)) and len(p) == 2 for p in pairs):
        return value  # neither a mapping nor (key, value) pairs: _EXTRA refuses it
    return Extra(pairs)


_EXTRA = instance_of(Extra, "a mapping of string keys to JSON values")


#: The earliest instant newsmodel accepts (UTC): the start of year 2.
MIN_DATETIME = datetime(2, 1, 1, tzinfo=timezone.utc)
#: The latest instant newsmodel accepts (UTC): the end of year 9998.
MAX_DATETIME = datetime(9998, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)


def check_datetime(value: object, where: str, *, owner: str | None = None) -> None:
    """Refuse ``value`` unless it is an aware datetime whose instant lies in years 2 to 9998 (UTC).

    ``where`` names the field (or option), ``owner`` the type that has it; both go into the message.

    Widgets see a date in the site's zone (up to a day from UTC) and step to the next or previous
    day, week and month; within these years none of that leaves Python's years 1 to 9999.

    >>> check_datetime(datetime(9999, 1, 1, tzinfo=timezone.utc), "published", owner="Article")
    Traceback (most recent call last):
      ...
    newsmodel.errors.InvalidDatetime: Article.published: '9999-01-01T00:00:00+00:00' is outside years 2 to 9998 (UTC)
    """
    place = f"{owner}.{where}" if owner else where
    if not isinstance(value, datetime):
        raise InvalidDatetime(f"{place}: expected a datetime, got {value!r}", value=value, where=where)
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidDatetime(
            f"{place}: naive datetime {value.isoformat()!r} (give it a UTC offset or a zone)", value=value, where=where
        )
    if not MIN_DATETIME <= value <= MAX_DATETIME:  # compares instants, never overflows
        raise InvalidDatetime(
            f"{place}: {value.isoformat()!r} is outside years 2 to 9998 (UTC)",
            value=value,
            where=where,
        )


def _aware(instance: Any, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    if value is not None:
        check_datetime(value, attribute.name, owner=type(instance).__name__)


def _slug(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not is_slug(value):
        raise InvalidSlug(
            f"{type(instance).__name__}.{attribute.name}: {value!r} is not a slug"
            f" (no whitespace, '/' or '%', not empty, at most {MAX_SLUG_LENGTH} bytes percent-encoded;"
            " give a percent-encoded slug decoded, see newsmodel.slugs.decode_slug)",
            value=value,
            where=attribute.name,
        )


def _nonempty_id(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: id must be a non-empty string, got {value!r}",
            value=value,
            where=attribute.name,
        )


def _optional_id(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _nonempty_id(instance, attribute, value)


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidValue(f"expected a sequence of strings, got the string {value!r}", value=value)
    out: tuple[Any, ...] = as_tuple(value)
    return out


def _bylines(value: Iterable[Byline]) -> tuple[Byline, ...]:
    out: tuple[Any, ...] = as_tuple(value)
    return out


def _profiles(value: Iterable[SocialProfile]) -> tuple[SocialProfile, ...]:
    out: tuple[Any, ...] = as_tuple(value)
    return out


def _optional_str(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: expected a string or None, got {value!r}",
            value=value,
            where=attribute.name,
        )


def _str(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: expected a string, got {value!r}",
            value=value,
            where=attribute.name,
        )


_BOOL = instance_of(bool, "true or false")
_STRS = tuple_of(str, "a string")


def _ids(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v:
            raise InvalidValue(
                f"{type(instance).__name__}.{attribute.name}[{i}]: id must be a non-empty string, got {v!r}",
                value=v,
                where=f"{attribute.name}[{i}]",
            )


def _url_validator(schemes: frozenset[str], *, optional: bool) -> Any:
    """A validator refusing a URL that :func:`~newsmodel.safeurl.is_safe_url` refuses."""
    allowed = ", ".join(sorted(schemes))

    def check(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str):
            raise InvalidValue(
                f"{type(instance).__name__}.{attribute.name}: expected a string{' or None' if optional else ''},"
                f" got {value!r}",
                value=value,
                where=attribute.name,
            )
        if not is_safe_url(value, schemes):
            raise InvalidUrl(
                f"{type(instance).__name__}.{attribute.name}: unsafe URL {value!r}"
                f" (only {allowed} or relative URLs may reach a page)",
                value=value,
                where=attribute.name,
            )

    return check


#: URL fields a page loads or is based on (http, https or relative).
_web_url = _url_validator(WEB_SCHEMES, optional=False)
_optional_web_url = _url_validator(WEB_SCHEMES, optional=True)
#: URL fields a reader clicks (also mailto and tel).
_link_url = _url_validator(LINK_SCHEMES, optional=False)
_optional_link_url = _url_validator(LINK_SCHEMES, optional=True)


# --------------------------------------------------------------------------- site


@attrs.frozen(kw_only=True)
class Permalinks:
    """URL patterns of a site, WordPress style (``%year%``, ``%monthnum%``, ``%day%``, ``%postname%``,
    ``%post_id%``, ``%category%`` — the full category path —, ``%author%``, ``%tag%``, and for
    pages ``%pagename%`` — the page's path under its ancestors, WordPress's ``get_page_uri``).

    >>> Permalinks().article, Permalinks().page
    ('/%year%/%monthnum%/%postname%/', '/%pagename%/')
    """

    article: str = attrs.field(default="/%year%/%monthnum%/%postname%/", validator=_str)
    category: str = attrs.field(default="/category/%category%/", validator=_str)
    tag: str = attrs.field(default="/tag/%tag%/", validator=_str)
    author: str = attrs.field(default="/author/%author%/", validator=_str)
    year: str = attrs.field(default="/%year%/", validator=_str)
    month: str = attrs.field(default="/%year%/%monthnum%/", validator=_str)
    day: str = attrs.field(default="/%year%/%monthnum%/%day%/", validator=_str)
    page: str = attrs.field(default="/%pagename%/", validator=_str)


#: The :attr:`Site.timezone` of a site whose dates are grouped by their own wall clock.
FLOATING = "floating"
_FIXED_OFFSET = re.compile(r"([+-])(\d\d):([0-5]\d)")


def site_zone(name: str) -> tzinfo | None:
    """The time zone a :attr:`Site.timezone` names: a :class:`~zoneinfo.ZoneInfo` for an IANA
    name, a fixed :class:`~datetime.timezone` for ``±HH:MM``, None for ``"floating"``.

    >>> site_zone("Asia/Seoul").key, site_zone("+05:30"), site_zone("floating")
    ('Asia/Seoul', datetime.timezone(datetime.timedelta(seconds=19800)), None)
    """
    if name == FLOATING:
        return None
    fixed = _FIXED_OFFSET.fullmatch(name) if isinstance(name, str) else None
    if fixed is not None:
        sign, hours, minutes = fixed.groups()
        offset = timedelta(hours=int(hours), minutes=int(minutes))
        if offset > timedelta(hours=14):
            raise InvalidSite(f"Site.timezone: UTC offset {name!r} is beyond ±14:00", value=name, where="timezone")
        return timezone(-offset if sign == "-" else offset)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise InvalidSite(
            f"Site.timezone: unknown IANA time zone {name!r} (nor a UTC offset ±HH:MM, nor 'floating')",
            value=name,
            where="timezone",
        ) from exc


_cached_zone = functools.lru_cache(maxsize=64)(site_zone)


def _check_timezone(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    site_zone(value)


def _check_week_start(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6):
        raise InvalidSite(
            f"Site.week_start: {value!r} is not a weekday (0 = Monday … 6 = Sunday, or None for the locale's)",
            value=value,
            where="week_start",
        )


def _check_posts_per_page(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidSite(
            f"Site.posts_per_page: {value!r} is not a positive integer", value=value, where="posts_per_page"
        )


@attrs.frozen(kw_only=True)
class Site:
    """What a site decides: name, base URL, time zone, locale, first day of the week, permalinks.

    ``week_start`` follows Python's convention (0 = Monday … 6 = Sunday); ``None`` means "ask the
    locale" (see :mod:`newsmodel.calendar`).  ``posts_per_page`` is how many posts a listing page
    (home, archives, search results) shows, WordPress's ``posts_per_page`` option (default 10).

    ``timezone`` is an IANA name (``"Asia/Seoul"``), a fixed UTC offset (``"+05:30"``: a
    WordPress site set to a manual offset) or ``"floating"``: each date is shown, grouped into
    days and months by its own wall clock (the offset it was written with), which is how
    WordPress groups archives (by ``post_date``) when no one zone explains a site's offsets.

    >>> Site(name="Capital Cities", base_url="https://example.org", timezone="Asia/Seoul").zone.key
    'Asia/Seoul'
    >>> from datetime import datetime, timedelta, timezone
    >>> late = datetime(2025, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    >>> Site(name="S", base_url="https://example.org").local_date(late)
    datetime.date(2026, 1, 1)
    >>> Site(name="S", base_url="https://example.org", timezone="floating").local_date(late)
    datetime.date(2025, 12, 31)
    """

    name: str = attrs.field(validator=_str)
    base_url: str = attrs.field(validator=_web_url)
    timezone: str = attrs.field(default="UTC", validator=_check_timezone)
    locale: str = attrs.field(default="en_US", validator=_str)
    week_start: int | None = attrs.field(default=None, validator=_check_week_start)
    permalinks: Permalinks = attrs.field(factory=Permalinks, validator=instance_of(Permalinks, "a Permalinks"))
    description: str | None = attrs.field(default=None, validator=_optional_str)
    language: str | None = attrs.field(default=None, validator=_optional_str)
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)
    posts_per_page: int = attrs.field(default=10, validator=_check_posts_per_page)

    @property
    def zone(self) -> tzinfo | None:
        """The site's time zone (see :func:`site_zone`): None when the site is ``"floating"``."""
        return site_zone(self.timezone)

    def wall_clock(self, when: datetime) -> datetime:
        """``when`` as the site's clocks showed it: in its zone, or as written when floating."""
        if when.tzinfo is None:
            raise InvalidDatetime(f"naive datetime {when.isoformat()!r} (give it a UTC offset or a zone)", value=when)
        zone = _cached_zone(self.timezone)
        return when if zone is None else when.astimezone(zone)

    def local_date(self, when: datetime) -> date:
        """The day of ``when`` on the site's calendar (see :meth:`wall_clock`)."""
        return self.wall_clock(when).date()


# --------------------------------------------------------------------------- people and taxonomy


@attrs.frozen(kw_only=True)
class SocialProfile:
    """One profile of an author on a network (``network`` is a lowercase name such as ``"x"``).

    >>> SocialProfile(network="x", url="https://x.com/vjones").network
    'x'
    """

    network: str = attrs.field(validator=_str)
    url: str = attrs.field(validator=_link_url)


@attrs.frozen(kw_only=True)
class Author:
    """A person who writes (or photographs, or edits) for the site.

    >>> Author(id="7", slug="victoria-jones", name="Victoria Jones").name
    'Victoria Jones'
    """

    id: str = attrs.field(validator=_nonempty_id)
    slug: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_str)
    bio: str | None = attrs.field(default=None, validator=_optional_str)
    avatar_url: str | None = attrs.field(default=None, validator=_optional_web_url)
    website: str | None = attrs.field(default=None, validator=_optional_link_url)
    email: str | None = attrs.field(default=None, validator=_optional_str)
    social: tuple[SocialProfile, ...] = attrs.field(
        default=(), converter=_profiles, validator=tuple_of(SocialProfile, "a SocialProfile")
    )
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)


@attrs.frozen(kw_only=True)
class Category:
    """A node of the category tree; ``parent_id`` is None at the top.

    >>> Category(id="seoul", slug="seoul", name="Seoul", parent_id="south-korea").parent_id
    'south-korea'
    """

    id: str = attrs.field(validator=_nonempty_id)
    slug: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)
    parent_id: str | None = attrs.field(default=None, validator=_optional_str)
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)


@attrs.frozen(kw_only=True)
class Tag:
    """A flat label, identified by its slug.  Tags whose names slug alike stay two tags, as
    WordPress keeps them ("Kim Jong Un" ``kim-jong-un``, "Kim Jong-un" ``kim-jong-un-2``).

    ``aliases`` keeps the names of the tags that :func:`newsmodel.tagmerge.merge_similar_tags`
    merged into this one (no import fills it), ``source_ids`` every other source id.

    >>> Tag(id="t1", slug="kim-jong-un", name="Kim Jong-un", aliases=("Kim Jong Un",)).aliases
    ('Kim Jong Un',)
    """

    id: str = attrs.field(validator=_nonempty_id)
    slug: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_STRS)
    source_ids: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_STRS)
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)


# --------------------------------------------------------------------------- articles


class ArticleStatus(str, enum.Enum):
    """Where an article is in its life.  Only ``published`` articles appear in widgets."""

    DRAFT = "draft"
    PENDING = "pending"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    PRIVATE = "private"


class ContentKind:
    """The kinds of content the model knows by name: WordPress's ``post`` and ``page``.

    An article's :attr:`~Article.kind` is a plain string.  ``post`` (the default) is what
    archives, calendars, the tag cloud, category counts, previous/next, recent and related lists,
    feeds and partial aggregates count; ``page`` is a standalone page ("About us", "Privacy
    Policy") with a parent, an order and a URL of its own (:func:`newsmodel.urls.page_url`).  Any
    other WordPress post type a source has (``product``, ``event`` …) is kept under its own name
    and counts nowhere.

    >>> ContentKind.POST, ContentKind.PAGE
    ('post', 'page')
    >>> Article(id="2", slug="about-us", title="About us", kind=ContentKind.PAGE, status="draft").counts_from is None
    True
    """

    POST = "post"
    PAGE = "page"
    #: WordPress's media items; no importer makes articles of them (they feed featured images).
    ATTACHMENT = "attachment"

    def __init__(self) -> None:  # pragma: no cover - a namespace of constants
        raise TypeError("ContentKind is a namespace of kind names, not a type of value")


#: WordPress's rule for a post type key (``register_post_type``): 1 to 20 characters among
#: lowercase ASCII letters, digits, ``_`` and ``-`` (what ``sanitize_key`` keeps).
_KIND_RE = re.compile(r"[a-z0-9_-]{1,20}")


def is_kind(value: object) -> bool:
    """True when ``value`` is a kind name as WordPress allows a post type key.

    >>> is_kind("page"), is_kind("wp_block"), is_kind("Page"), is_kind("")
    (True, True, False, False)
    """
    return isinstance(value, str) and _KIND_RE.fullmatch(value) is not None


def _kind(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not is_kind(value):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: {value!r} is not a kind"
            " (a WordPress post type key: 1 to 20 of a-z, 0-9, _ and -)",
            value=value,
            where=attribute.name,
        )


def _menu_order(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: expected an integer, got {value!r}",
            value=value,
            where=attribute.name,
        )


@attrs.frozen(kw_only=True)
class Byline:
    """One name in an article's byline, with its role (``author``, ``contributor``, ``photographer`` …).

    >>> Byline(author_id="7", role="photographer").role
    'photographer'
    """

    author_id: str = attrs.field(validator=_nonempty_id)
    role: str = attrs.field(default="author", validator=_str)


@attrs.frozen(kw_only=True)
class FeatureImage:
    """The image shown with an article.

    >>> FeatureImage(url="https://example.org/a.jpg", alt="Seoul at night").alt
    'Seoul at night'
    """

    url: str = attrs.field(validator=_web_url)
    alt: str | None = attrs.field(default=None, validator=_optional_str)
    caption: str | None = attrs.field(default=None, validator=_optional_str)
    credit: str | None = attrs.field(default=None, validator=_optional_str)
    width: int | None = attrs.field(default=None, validator=instance_of(int, "an integer", optional=True))
    height: int | None = attrs.field(default=None, validator=instance_of(int, "an integer", optional=True))


@attrs.frozen(kw_only=True)
class SourceAttribution:
    """Where a story came from: the seed page's "Trump-Kim summit likelier in 2026 … – The Korea Herald".

    >>> s = SourceAttribution(headline="Trump-Kim summit likelier in 2026", publisher="The Korea Herald")
    >>> s.line
    'Trump-Kim summit likelier in 2026 – The Korea Herald'
    """

    headline: str | None = attrs.field(default=None, validator=_optional_str)
    publisher: str | None = attrs.field(default=None, validator=_optional_str)
    url: str | None = attrs.field(default=None, validator=_optional_web_url)

    @property
    def line(self) -> str:
        """The source line as a page shows it: headline – publisher."""
        return " – ".join(p for p in (self.headline, self.publisher) if p)


def _check_article(article: Article) -> None:
    if article.primary_category_id is not None and article.primary_category_id not in article.category_ids:
        raise InvalidArticle(
            f"Article {article.id!r}: primary category {article.primary_category_id!r}"
            f" is not among its categories {article.category_ids!r}",
            value=article.primary_category_id,
            where="primary_category_id",
        )
    if article.parent_id is not None and article.parent_id == article.id:
        raise InvalidArticle(
            f"Article {article.id!r}: an article cannot be its own parent", value=article.parent_id, where="parent_id"
        )
    if article.status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED) and article.published is None:
        raise InvalidArticle(
            f"Article {article.id!r}: a {article.status.value} article needs a published date",
            value=article.status,
            where="published",
        )


def _status(value: ArticleStatus | str) -> ArticleStatus:
    try:
        return ArticleStatus(value)
    except ValueError:
        known = ", ".join(repr(s.value) for s in ArticleStatus)
        raise InvalidValue(
            f"Article.status: expected one of {known}, got {value!r}", value=value, where="status"
        ) from None


@attrs.frozen(kw_only=True)
class Article(HtmlDisplay):
    """A news article, or another kind of content (see :class:`ContentKind`).

    ``published`` may be None only for drafts and pending articles that never had a date.
    ``primary_category_id``, when set, must be one of ``category_ids``; it picks the breadcrumb.
    ``kind`` is ``"post"`` (the default), ``"page"`` or another WordPress post type kept by name;
    ``parent_id`` is the id of the parent article (a page's parent page: its URL nests under the
    parent's, see :func:`newsmodel.urls.page_url`), never the article itself; ``menu_order`` is
    WordPress's manual order of pages.  ``password`` set (and not empty) makes the article
    protected (:attr:`is_protected`): lists may name it, but no output shows its body or
    excerpt.  ``extra`` keeps what a source had that the model does not.

    ``title`` is the plain text readers see; ``title_html`` keeps the title's markup as the source
    had it (WordPress titles are HTML: ``Title <em>With</em> Markup``) when the text alone cannot
    give it back, else None (see :func:`newsmodel.htmlparse.html_title`).  ``canonical_url`` is
    the article's URL when the site's permalink structure does not give it (see
    :func:`newsmodel.urls.article_url`).

    >>> page = Article(id="9", slug="privacy-policy", title="Privacy Policy", kind="page", parent_id="8",
    ...                status="draft")
    >>> page.kind, page.parent_id, page.menu_order
    ('page', '8', 0)
    """

    id: str = attrs.field(validator=_nonempty_id)
    slug: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_str)
    title_html: str | None = attrs.field(default=None, validator=_optional_str)
    subtitle: str | None = attrs.field(default=None, validator=_optional_str)
    kicker: str | None = attrs.field(default=None, validator=_optional_str)
    body: Body = attrs.field(factory=Body, validator=instance_of(Body, "a Body (see newsmodel.htmlparse.parse_html)"))
    excerpt: str | None = attrs.field(default=None, validator=_optional_str)
    published: datetime | None = attrs.field(default=None, validator=_aware)
    modified: datetime | None = attrs.field(default=None, validator=_aware)
    status: ArticleStatus = attrs.field(default=ArticleStatus.PUBLISHED, converter=_status)
    sticky: bool = attrs.field(default=False, validator=_BOOL)
    featured: bool = attrs.field(default=False, validator=_BOOL)
    bylines: tuple[Byline, ...] = attrs.field(
        default=(), converter=_bylines, validator=tuple_of(Byline, "a Byline (Byline(author_id=...))")
    )
    category_ids: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=[_STRS, _ids])
    primary_category_id: str | None = attrs.field(default=None, validator=_optional_str)
    tag_ids: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=[_STRS, _ids])
    feature_image: FeatureImage | None = attrs.field(
        default=None, validator=instance_of(FeatureImage, "a FeatureImage", optional=True)
    )
    language: str | None = attrs.field(default=None, validator=_optional_str)
    canonical_url: str | None = attrs.field(default=None, validator=_optional_web_url)
    source: SourceAttribution | None = attrs.field(
        default=None, validator=instance_of(SourceAttribution, "a SourceAttribution", optional=True)
    )
    format: str | None = attrs.field(default=None, validator=_optional_str)
    password: str | None = attrs.field(default=None, validator=_optional_str)
    kind: str = attrs.field(default=ContentKind.POST, validator=_kind)
    parent_id: str | None = attrs.field(default=None, validator=_optional_id)
    menu_order: int = attrs.field(default=0, validator=_menu_order)
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)

    def __attrs_post_init__(self) -> None:
        _check_article(self)

    @property
    def author_ids(self) -> tuple[str, ...]:
        """The author ids in byline order."""
        return tuple(b.author_id for b in self.bylines)

    @property
    def main_category_id(self) -> str | None:
        """The primary category, else the first category, else None."""
        if self.primary_category_id is not None:
            return self.primary_category_id
        return self.category_ids[0] if self.category_ids else None

    @property
    def is_protected(self) -> bool:
        """True when the article has a password (WordPress's ``post_password_required`` for a
        reader without it: an empty password protects nothing).

        >>> Article(id="1", slug="a", title="A", status="draft", password="s3cret").is_protected
        True
        >>> Article(id="1", slug="a", title="A", status="draft", password="").is_protected
        False
        """
        return bool(self.password)

    @property
    def public_from(self) -> datetime | None:
        """The instant from which the article is public at its own URL, whatever its kind, or None
        when it never is: a published or scheduled article with a date is public from that date
        (a scheduled one once its date has come, as WordPress's cron publishes it); drafts,
        pending and private articles never are.

        >>> from datetime import datetime, timezone
        >>> t = datetime(2026, 1, 1, tzinfo=timezone.utc)
        >>> Article(id="1", slug="a", title="A", published=t, status="scheduled", kind="page").public_from == t
        True
        """
        if self.status is ArticleStatus.PUBLISHED or self.status is ArticleStatus.SCHEDULED:
            return self.published
        return None

    @property
    def counts_from(self) -> datetime | None:
        """The instant from which the article counts, or None when it never does.

        This is the one rule of which articles count, written once and used by every widget,
        index, feed and partial aggregate: a *post* counts from :attr:`public_from` (a published
        post from its date, a scheduled one from the date it is due); pages and other kinds,
        drafts, pending and private articles never count.

        >>> from datetime import datetime, timezone
        >>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
        >>> Article(id="1", slug="a", title="A", published=t).counts_from == t
        True
        >>> Article(id="1", slug="a", title="A", published=t, status="scheduled").counts_from == t
        True
        >>> Article(id="1", slug="a", title="A", published=t, kind="page").counts_from is None
        True
        """
        return self.public_from if self.kind == ContentKind.POST else None

    def is_visible(self, as_of: datetime | None) -> bool:
        """True when the article counts (:attr:`counts_from`) and is dated at or before ``as_of``.

        ``as_of=None`` asks without a clock: then only what the source itself published counts
        (a scheduled post waits for a clock to be due).

        >>> from datetime import datetime, timezone
        >>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
        >>> Article(id="1", slug="a", title="A", published=t).is_visible(t)
        True
        >>> Article(id="1", slug="a", title="A", published=t, status="scheduled").is_visible(None)
        False
        """
        return _due(self.counts_from, self.status, as_of)

    def is_public(self, as_of: datetime | None) -> bool:
        """True when the article is public at its own URL (:attr:`public_from`) at ``as_of``,
        whatever its kind: what a sitemap may list.  ``as_of=None`` as in :meth:`is_visible`.

        >>> from datetime import datetime, timezone
        >>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
        >>> Article(id="1", slug="a", title="A", published=t, kind="page").is_public(t)
        True
        """
        return _due(self.public_from, self.status, as_of)


def _due(when: datetime | None, status: ArticleStatus, as_of: datetime | None) -> bool:
    if when is None:
        return False
    if as_of is None:
        return status is ArticleStatus.PUBLISHED
    return when <= as_of


# --------------------------------------------------------------------------- navigation menus


class MenuItemType:
    """What a :class:`MenuItem` points at, in WordPress's words (its ``_menu_item_type`` meta).

    ``post_type``: an article (``object`` is its kind: ``page``, ``post`` …, ``object_id`` its id);
    ``taxonomy``: a term (``object`` is ``category`` or ``post_tag``, ``object_id`` the category's
    or tag's id); ``custom``: a link of its own (``url``); ``post_type_archive``: the archive of a
    post type (``object`` names it).  A plugin's own type is kept under its name and resolves like
    a custom link, as WordPress's ``wp_setup_nav_menu_item`` treats any other type.

    >>> MenuItemType.POST_TYPE, MenuItemType.TAXONOMY, MenuItemType.CUSTOM
    ('post_type', 'taxonomy', 'custom')
    """

    POST_TYPE = "post_type"
    TAXONOMY = "taxonomy"
    CUSTOM = "custom"
    POST_TYPE_ARCHIVE = "post_type_archive"
    #: The ``object`` of a taxonomy item that points at a tag (WordPress's taxonomy name).
    TAG = "post_tag"
    #: The ``object`` of a taxonomy item that points at a category.
    CATEGORY = "category"

    def __init__(self) -> None:  # pragma: no cover - a namespace of constants
        raise TypeError("MenuItemType is a namespace of type names, not a type of value")


#: What ``sanitize_key`` keeps, the rule WordPress applies to ``_menu_item_type`` and
#: ``_menu_item_object`` in ``wp_update_nav_menu_item``.
_MENU_KEY_RE = re.compile(r"[a-z0-9_-]{1,200}")


def _menu_key(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or _MENU_KEY_RE.fullmatch(value) is None:
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: {value!r} is not a key"
            " (1 to 200 of a-z, 0-9, _ and -, as WordPress's sanitize_key keeps)",
            value=value,
            where=attribute.name,
        )


def _check_menu_item(item: MenuItem) -> None:
    if item.type in (MenuItemType.POST_TYPE, MenuItemType.TAXONOMY) and item.object_id is None:
        raise InvalidMenu(
            f"MenuItem {item.id!r}: a {item.type} item needs the object_id of what it points at",
            value=item.object_id,
            where="object_id",
        )
    if item.parent_id is not None and item.parent_id == item.id:
        raise InvalidMenu(
            f"MenuItem {item.id!r}: an item cannot be its own parent", value=item.parent_id, where="parent_id"
        )


@attrs.frozen(kw_only=True)
class MenuItem:
    """One entry of a navigation :class:`Menu`, as WordPress keeps a ``nav_menu_item``.

    ``type`` and ``object`` say what it points at (see :class:`MenuItemType`), ``object_id`` the
    id of that article, category or tag; a custom link has its ``url`` instead.  ``label`` is the
    text shown; empty, it is the title (or name) of what the item points at, as WordPress's
    ``wp_setup_nav_menu_item`` does.  ``parent_id`` is the id of the item it nests under (in the
    same menu), ``order`` its position (WordPress's ``menu_order``).  ``target`` (``"_blank"``),
    ``attr_title`` (the link's ``title``), ``description``, ``classes`` and ``xfn`` (the link's
    ``rel``) are kept as WordPress keeps them.  The item a menu points at may be missing from the
    corpus (a page deleted since): the item stays, and a page view leaves it out (see
    :func:`newsmodel.menus.resolve_menu`).

    >>> about = MenuItem(id="11", type="post_type", object="page", object_id="2")
    >>> legal = MenuItem(id="12", label="Legal Pages", url="#", order=4)
    >>> MenuItem(id="13", type="post_type", object="page", object_id="3", parent_id="12").parent_id
    '12'
    """

    id: str = attrs.field(validator=_nonempty_id)
    label: str = attrs.field(default="", validator=_str)
    type: str = attrs.field(default=MenuItemType.CUSTOM, validator=_menu_key)
    object: str = attrs.field(default=MenuItemType.CUSTOM, validator=_menu_key)
    object_id: str | None = attrs.field(default=None, validator=_optional_id)
    url: str | None = attrs.field(default=None, validator=_optional_link_url)
    parent_id: str | None = attrs.field(default=None, validator=_optional_id)
    order: int = attrs.field(default=0, validator=_menu_order)
    target: str = attrs.field(default="", validator=_str)
    attr_title: str = attrs.field(default="", validator=_str)
    description: str = attrs.field(default="", validator=_str)
    classes: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_STRS)
    xfn: str = attrs.field(default="", validator=_str)
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)

    def __attrs_post_init__(self) -> None:
        _check_menu_item(self)


def _menu_items(value: Iterable[MenuItem]) -> tuple[MenuItem, ...]:
    out: tuple[Any, ...] = as_tuple(value)
    return out


def _check_menu(menu: Menu) -> None:
    parent_of: dict[str, str | None] = {}
    for i, item in enumerate(menu.items):
        if item.id in parent_of:
            raise InvalidMenu(
                f"Menu {menu.id!r}: two items have the id {item.id!r}", value=item.id, where=f"items[{i}].id"
            )
        parent_of[item.id] = item.parent_id
    for i, item in enumerate(menu.items):
        if item.parent_id is not None and item.parent_id not in parent_of:
            raise InvalidMenu(
                f"Menu {menu.id!r}: item {item.id!r} names the parent {item.parent_id!r}, which the menu does not have",
                value=item.parent_id,
                where=f"items[{i}].parent_id",
            )
    done: set[str] = set()  # items whose chain of parents is known to end at the top
    for item in menu.items:
        chain: list[str] = []
        on_chain: set[str] = set()
        node: str | None = item.id
        while node is not None and node not in done:
            if node in on_chain:
                cycle = " › ".join(repr(x) for x in [*chain[chain.index(node) :], node])
                raise InvalidMenu(f"Menu {menu.id!r}: item {node!r} is its own ancestor: {cycle}", value=node)
            chain.append(node)
            on_chain.add(node)
            node = parent_of[node]
        done.update(chain)


@attrs.frozen(kw_only=True)
class Menu:
    """A navigation menu: WordPress's ``nav_menu`` term with its items.

    ``items`` are flat, in any order; each nests under its ``parent_id`` (an item of this menu)
    and is ordered among its siblings by ``order``, then id.  ``locations`` are the theme places
    the menu is shown in (``primary``, ``footer`` …: WordPress keeps them in the theme's
    ``nav_menu_locations`` setting, which an export does not carry).  Item ids are unique, every
    parent is in the menu, and no item is its own ancestor (:class:`~newsmodel.errors.InvalidMenu`).

    >>> menu = Menu(id="7", slug="top", name="Top", locations=("primary",), items=(
    ...     MenuItem(id="11", type="post_type", object="page", object_id="2"),
    ...     MenuItem(id="12", label="Legal Pages", url="#", order=4),
    ...     MenuItem(id="13", type="post_type", object="page", object_id="3", parent_id="12")))
    >>> [i.id for i in menu.items if i.parent_id is None]
    ['11', '12']
    """

    id: str = attrs.field(validator=_nonempty_id)
    slug: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)
    locations: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=[_STRS, _ids])
    items: tuple[MenuItem, ...] = attrs.field(
        default=(), converter=_menu_items, validator=tuple_of(MenuItem, "a MenuItem")
    )
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)

    def __attrs_post_init__(self) -> None:
        _check_menu(self)


def category_path(categories: Iterable[Category] | Mapping[str, Category], category_id: str) -> tuple[Category, ...]:
    """The categories from the top of the tree down to ``category_id``, itself included.

    An unknown id raises :class:`~newsmodel.errors.UnknownId`; a cycle raises
    :class:`~newsmodel.errors.CategoryCycle`.

    >>> cats = (Category(id="w", slug="world", name="World"), Category(id="a", slug="asia", name="ASIA", parent_id="w"))
    >>> [c.id for c in category_path(cats, "a")]
    ['w', 'a']
    """
    by_id = categories if isinstance(categories, Mapping) else {c.id: c for c in categories}
    out: list[Category] = []
    seen: set[str] = set()
    current: str | None = category_id
    while current is not None:
        if current in seen:
            raise CategoryCycle(f"category {current!r} is its own ancestor", culprit=current)
        seen.add(current)
        cat = by_id.get(current)
        if cat is None:
            raise UnknownId(f"category {current!r} is not in the corpus", value=current, where="category_id")
        out.append(cat)
        current = cat.parent_id
    out.reverse()
    return tuple(out)
