"""The domain types: :class:`Site`, :class:`Author`, :class:`Category`, :class:`Tag`, :class:`Article`.

All are frozen, slotted, keyword-only attrs classes.  Collections are tuples; datetimes are
timezone-aware (a naive datetime is refused).  Relations are by id; the
:class:`~newsmodel.values.corpus.Corpus` resolves them.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.model import Article, ArticleStatus, Byline
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
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from newsmodel.values._fields import (
    _BOOL,
    _EXTRA,
    _STRS,
    Extra,
    _aware,
    _ids,
    _menu_order,
    _nonempty_id,
    _optional_id,
    _optional_str,
    _optional_web_url,
    _slug,
    _str,
    _str_tuple,
    _to_extra,
    _web_url,
    check_datetime,
    thaw,
)
from newsmodel.values._validate import as_tuple, instance_of, tuple_of
from newsmodel.values.body import Body
from newsmodel.values.display import HtmlDisplay
from newsmodel.values.errors import (
    InvalidArticle,
    InvalidValue,
)
from newsmodel.values.site import (
    FLOATING,
    Author,
    Category,
    Menu,
    MenuItem,
    MenuItemType,
    Permalinks,
    Site,
    SocialProfile,
    Tag,
    category_path,
    site_zone,
)

# What a slug is lives in newsmodel.values.slugs; MAX_SLUG_LENGTH and is_slug stay importable from here.
from newsmodel.values.slugs import MAX_SLUG_LENGTH, is_key, is_slug

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


# --------------------------------------------------------------------------- articles


def _bylines(value: Iterable[Byline]) -> tuple[Byline, ...]:
    out: tuple[Any, ...] = as_tuple(value)
    return out


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
    Policy") with a parent, an order and a URL of its own (:func:`newsmodel.values.urls.page_url`).  Any
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
_KIND_LENGTH = 20


def is_kind(value: object) -> bool:
    """True when ``value`` is a kind name as WordPress allows a post type key.

    >>> is_kind("page"), is_kind("wp_block"), is_kind("Page"), is_kind("")
    (True, True, False, False)
    """
    return is_key(value, _KIND_LENGTH)


def _kind(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not is_kind(value):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: {value!r} is not a kind"
            " (a WordPress post type key: 1 to 20 of a-z, 0-9, _ and -)",
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
    parent's, see :func:`newsmodel.values.urls.page_url`), never the article itself; ``menu_order`` is
    WordPress's manual order of pages.  ``password`` set (and not empty) makes the article
    protected (:attr:`is_protected`): lists may name it, but no output shows its body or
    excerpt.  ``extra`` keeps what a source had that the model does not.

    ``title`` is the plain text readers see; ``title_html`` keeps the title's markup as the source
    had it (WordPress titles are HTML: ``Title <em>With</em> Markup``) when the text alone cannot
    give it back, else None (see :func:`newsmodel.bodies.htmlparse.html_title`).  ``canonical_url`` is
    the article's URL when the site's permalink structure does not give it (see
    :func:`newsmodel.values.urls.article_url`).

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
    body: Body = attrs.field(
        factory=Body, validator=instance_of(Body, "a Body (see newsmodel.bodies.htmlparse.parse_html)")
    )
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
        return tuple([b.author_id for b in self.bylines])  # a list first: no generator to drive

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
