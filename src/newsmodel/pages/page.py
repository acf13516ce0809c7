"""The article page as one view model: :class:`ArticlePage` and :func:`build_article_page`.

An :class:`ArticlePage` holds, as plain values, everything the seed page shows: the site header
and category menu, "today", breadcrumbs, the article (resolved authors with bios, categories,
tags, source line, TOC, body HTML with heading anchors), share links, previous/next, related
articles, recent articles, the tag cloud, the calendar of the article's month and the archives.
It serializes to JSON in one call (``newsmodel.serialize.dumps(page)``); its JSON shape is
described by the JSON Schema ``newsmodel/data/article_page.schema.json`` (see
:mod:`newsmodel.pages.pageschema`).

Every widget is answered from indexes built once per corpus (``corpus.cached``), so a page takes
about a millisecond; nothing reads the clock: "today" is ``as_of``.

>>> from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
>>> corpus = generate(articles=300, short_bodies=True)
>>> page = build_article_page(corpus, SEED_SLUG, as_of=SEED_AS_OF)
>>> page.today
'Thursday, January 15, 2026'
>>> " › ".join(b.label for b in page.breadcrumbs)
'Home › World › ASIA › South Korea › Seoul'
>>> page.article.published_display, page.calendar.label
('December 16, 2025', 'December 2025')
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs

from newsmodel.bodies.render import render_html
from newsmodel.bodies.toc import Toc, build_toc
from newsmodel.related import RelatedConfig, RelatedResult
from newsmodel.related.index import related_articles
from newsmodel.values._validate import OPTIONAL_STRING, STRING, as_tuple, instance_of, tuple_of
from newsmodel.values.dates import format_site_date
from newsmodel.values.display import HtmlDisplay
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import (
    Article,
    Author,
    ContentKind,
    FeatureImage,
    Site,
    SocialProfile,
    SourceAttribution,
    Tag,
    check_datetime,
)
from newsmodel.values.slugs import SLUG_JSON_SCHEMA
from newsmodel.values.timeline import check_as_of
from newsmodel.values.urls import SHARE_NETWORKS, ShareLink, absolute_url, author_url, permalink, share_links, tag_url
from newsmodel.widgets.archives import ArchiveIndex, ArchivePeriod, Period
from newsmodel.widgets.calendar import CalendarIndex, MonthCalendar
from newsmodel.widgets.menus import MenuView, site_menus
from newsmodel.widgets.navigation import Adjacent, NavigationIndex, navigation_index
from newsmodel.widgets.sidebar import WidgetLinks
from newsmodel.widgets.tagcloud import TagCloud, TagCloudIndex
from newsmodel.widgets.taxonomy import Breadcrumb, CategoryLink, TaxonomyIndex, taxonomy_index

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

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

#: The name of the simple related-articles ranking: the newest visible articles filed in the
#: article's main category (no scores).
PLACEHOLDER_RELATED = "same-category-recency"
#: The name of the explainable related-articles score of :mod:`newsmodel.related`.
SCORED_RELATED = "newsmodel.related"


# --------------------------------------------------------------------------- value types


def _instant(instance: Any, attribute: attrs.Attribute[Any], value: datetime) -> None:
    check_datetime(value, attribute.name, owner=type(instance).__name__)


_OPTIONAL_INSTANT = attrs.validators.optional(_instant)


@attrs.frozen(kw_only=True)
class SiteHeader:
    """What the page header needs of the site: name, home URL, description, locale, time zone."""

    name: str = attrs.field(validator=STRING)
    url: str = attrs.field(validator=STRING)
    description: str | None = attrs.field(validator=OPTIONAL_STRING)
    locale: str = attrs.field(validator=STRING)
    timezone: str = attrs.field(validator=STRING)
    language: str | None = attrs.field(validator=OPTIONAL_STRING)

    @classmethod
    def of(cls, site: Site) -> SiteHeader:
        """The header of ``site`` (its home URL made from its base URL).

        >>> SiteHeader.of(Site(name="S", base_url="https://example.org")).url
        'https://example.org/'
        """
        return cls(
            name=site.name,
            url=absolute_url(site, "/"),
            description=site.description,
            locale=site.locale,
            timezone=site.timezone,
            language=site.language,
        )


@attrs.frozen(kw_only=True)
class TagLink:
    """A tag as a link."""

    id: str = attrs.field(validator=STRING)
    name: str = attrs.field(validator=STRING)
    slug: str = attrs.field(validator=STRING, metadata={"json_schema": SLUG_JSON_SCHEMA})
    url: str = attrs.field(validator=STRING)


@attrs.frozen(kw_only=True)
class AuthorLink:
    """An author as a link (for bylines of teasers)."""

    id: str = attrs.field(validator=STRING)
    name: str = attrs.field(validator=STRING)
    slug: str = attrs.field(validator=STRING, metadata={"json_schema": SLUG_JSON_SCHEMA})
    url: str = attrs.field(validator=STRING)


@attrs.frozen(kw_only=True)
class AuthorCard:
    """An author of the article with the profile an author box shows (bio, avatar, networks)."""

    id: str = attrs.field(validator=STRING)
    name: str = attrs.field(validator=STRING)
    slug: str = attrs.field(validator=STRING, metadata={"json_schema": SLUG_JSON_SCHEMA})
    url: str = attrs.field(validator=STRING)
    role: str = attrs.field(validator=STRING)
    bio: str | None = attrs.field(validator=OPTIONAL_STRING)
    avatar_url: str | None = attrs.field(validator=OPTIONAL_STRING)
    website: str | None = attrs.field(validator=OPTIONAL_STRING)
    social: tuple[SocialProfile, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(SocialProfile, "a SocialProfile")
    )


@attrs.frozen(kw_only=True)
class ChildPage:
    """A child page of a static page, as a link: what WordPress's ``wp_list_pages`` lists."""

    id: str = attrs.field(validator=STRING)
    slug: str = attrs.field(validator=STRING, metadata={"json_schema": SLUG_JSON_SCHEMA})
    title: str = attrs.field(validator=STRING)
    url: str = attrs.field(validator=STRING)


@attrs.frozen(kw_only=True)
class ArticleTeaser:
    """An article as a list shows it: title, link, date, main category and bylines.

    A password-protected article is listed with no ``excerpt`` (WordPress's ``get_the_excerpt``
    gives none without the password).
    """

    id: str = attrs.field(validator=STRING)
    slug: str = attrs.field(validator=STRING, metadata={"json_schema": SLUG_JSON_SCHEMA})
    title: str = attrs.field(validator=STRING)
    url: str = attrs.field(validator=STRING)
    published: datetime = attrs.field(validator=_instant)
    published_display: str = attrs.field(validator=STRING)
    category: CategoryLink | None = attrs.field(validator=instance_of(CategoryLink, "a CategoryLink", optional=True))
    authors: tuple[AuthorLink, ...] = attrs.field(converter=as_tuple, validator=tuple_of(AuthorLink, "an AuthorLink"))
    excerpt: str | None = attrs.field(validator=OPTIONAL_STRING)
    image: FeatureImage | None = attrs.field(validator=instance_of(FeatureImage, "a FeatureImage", optional=True))


@attrs.frozen(kw_only=True)
class ArticleView:
    """The article itself, with its references resolved and its body rendered.

    ``body_html`` carries an ``id`` on each heading, the anchors of ``toc`` (None when the body
    has fewer than two headings).  ``tags`` are in case-insensitive name order, as the seed page
    lists them.  ``kind`` is the article's kind (``post``, ``page`` …).  A password-protected
    article is ``protected``: its title, dates and links are shown, its body, table of contents
    and excerpt are not (``body_html`` is empty; WordPress shows a password form there).
    """

    id: str = attrs.field(validator=STRING)
    slug: str = attrs.field(validator=STRING, metadata={"json_schema": SLUG_JSON_SCHEMA})
    title: str = attrs.field(validator=STRING)
    subtitle: str | None = attrs.field(validator=OPTIONAL_STRING)
    kicker: str | None = attrs.field(validator=OPTIONAL_STRING)
    url: str = attrs.field(validator=STRING)
    canonical_url: str | None = attrs.field(validator=OPTIONAL_STRING)
    published: datetime | None = attrs.field(validator=_OPTIONAL_INSTANT)
    published_display: str | None = attrs.field(validator=OPTIONAL_STRING)
    modified: datetime | None = attrs.field(validator=_OPTIONAL_INSTANT)
    authors: tuple[AuthorCard, ...] = attrs.field(converter=as_tuple, validator=tuple_of(AuthorCard, "an AuthorCard"))
    primary_category: CategoryLink | None = attrs.field(
        validator=instance_of(CategoryLink, "a CategoryLink", optional=True)
    )
    categories: tuple[CategoryLink, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(CategoryLink, "a CategoryLink")
    )
    tags: tuple[TagLink, ...] = attrs.field(converter=as_tuple, validator=tuple_of(TagLink, "a TagLink"))
    source: SourceAttribution | None = attrs.field(
        validator=instance_of(SourceAttribution, "a SourceAttribution", optional=True)
    )
    source_line: str | None = attrs.field(validator=OPTIONAL_STRING)
    excerpt: str | None = attrs.field(validator=OPTIONAL_STRING)
    feature_image: FeatureImage | None = attrs.field(
        validator=instance_of(FeatureImage, "a FeatureImage", optional=True)
    )
    toc: Toc | None = attrs.field(validator=instance_of(Toc, "a Toc", optional=True))
    body_html: str = attrs.field(validator=STRING)
    kind: str = attrs.field(default="post", validator=STRING)
    protected: bool = attrs.field(default=False, validator=instance_of(bool, "true or false"))


@attrs.frozen(kw_only=True)
class ArticlePage(HtmlDisplay):
    """Everything an article page shows, as data.

    ``as_of`` is the instant that counts as now and ``today`` its display ("Thursday, January
    15, 2026").  ``menus`` are the site's navigation menus, each item with its URL (the menu of
    pages when the site has none: :func:`newsmodel.widgets.menus.site_menus`); ``menu`` is the category
    menu.  ``related_method`` names the ranking behind ``related``; with the scored ranking,
    ``related_scores`` gives each related article's score and the share of each signal (same
    order as ``related``), else it is empty.

    A static page (``article.kind == "page"``) has the trail of its parent pages as
    ``breadcrumbs`` (Home › Legal › Privacy Policy, the page itself last) and its public child
    pages as ``child_pages`` (:func:`build_article_page`); a post's ``child_pages`` are empty.
    """

    site: SiteHeader = attrs.field(validator=instance_of(SiteHeader, "a SiteHeader"))
    as_of: datetime = attrs.field(validator=_instant)
    today: str = attrs.field(validator=STRING)
    menu: tuple[CategoryLink, ...] = attrs.field(converter=as_tuple, validator=tuple_of(CategoryLink, "a CategoryLink"))
    breadcrumbs: tuple[Breadcrumb, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(Breadcrumb, "a Breadcrumb")
    )
    article: ArticleView = attrs.field(validator=instance_of(ArticleView, "an ArticleView"))
    share: tuple[ShareLink, ...] = attrs.field(converter=as_tuple, validator=tuple_of(ShareLink, "a ShareLink"))
    previous: ArticleTeaser | None = attrs.field(
        validator=instance_of(ArticleTeaser, "an ArticleTeaser", optional=True)
    )
    next: ArticleTeaser | None = attrs.field(validator=instance_of(ArticleTeaser, "an ArticleTeaser", optional=True))
    related: tuple[ArticleTeaser, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(ArticleTeaser, "an ArticleTeaser")
    )
    related_method: str = attrs.field(validator=STRING)
    related_scores: tuple[RelatedResult, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(RelatedResult, "a RelatedResult")
    )
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
    child_pages: tuple[ChildPage, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(ChildPage, "a ChildPage")
    )


# --------------------------------------------------------------------------- the index


class PageIndex:
    """The indexes a page needs, built once per corpus, and a memo of article teasers.

    A teaser depends on the article and the corpus only, so it is built once and reused; the
    memo keeps the :attr:`MAX_TEASERS` most recently built.
    """

    #: How many teasers the memo keeps (the oldest built are dropped first).
    MAX_TEASERS = 20_000

    __slots__ = ("_teasers", "archives", "calendar", "corpus", "links", "navigation", "tag_cloud", "taxonomy")

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.taxonomy: TaxonomyIndex = corpus.cached(taxonomy_index)
        self.navigation: NavigationIndex = corpus.cached(navigation_index)
        self.archives: ArchiveIndex = corpus.cached(ArchiveIndex.build)
        self.calendar: CalendarIndex = corpus.cached(CalendarIndex.build)
        self.tag_cloud: TagCloudIndex = corpus.cached(TagCloudIndex.build)
        self.links = WidgetLinks(corpus.site)
        self._teasers: dict[str, ArticleTeaser] = {}

    def article_url(self, article: Article) -> str:
        """The permalink of ``article`` (:func:`newsmodel.values.urls.permalink`)."""
        return permalink(self.corpus, article)

    def teaser(self, article: Article) -> ArticleTeaser:
        """The :class:`ArticleTeaser` of a dated article (memoized)."""
        found = self._teasers.get(article.id)
        if found is None:
            if len(self._teasers) >= self.MAX_TEASERS:
                del self._teasers[next(iter(self._teasers))]
            found = self._teasers[article.id] = _teaser(self, article)
        return found


def page_index(corpus: Corpus) -> PageIndex:
    """The :class:`PageIndex` of ``corpus``; use as ``corpus.cached(page_index)``."""
    return PageIndex(corpus)


def _author_link(site: Site, author: Author) -> AuthorLink:
    return AuthorLink(id=author.id, name=author.name, slug=author.slug, url=author_url(site, author))


def _tag_link(site: Site, tag: Tag) -> TagLink:
    return TagLink(id=tag.id, name=tag.name, slug=tag.slug, url=tag_url(site, tag))


def _teaser(index: PageIndex, article: Article) -> ArticleTeaser:
    corpus = index.corpus
    site = corpus.site
    if article.published is None:
        raise InvalidValue(f"article {article.id!r} has no published date to show", value=article.id, where="published")
    main = article.main_category_id
    return ArticleTeaser(
        id=article.id,
        slug=article.slug,
        title=article.title,
        url=index.article_url(article),
        published=article.published,
        published_display=format_site_date(site, article.published),
        category=None if main is None else index.taxonomy.link(main),
        authors=tuple(_author_link(site, corpus.author(i)) for i in dict.fromkeys(article.author_ids)),
        excerpt=None if article.is_protected else article.excerpt,
        image=article.feature_image,
    )


def _article_view(index: PageIndex, article: Article, url: str) -> ArticleView:
    corpus = index.corpus
    site = corpus.site
    authors = []
    seen: set[str] = set()
    for byline in article.bylines:
        if byline.author_id in seen:
            continue
        seen.add(byline.author_id)
        a = corpus.author(byline.author_id)
        authors.append(
            AuthorCard(
                id=a.id,
                name=a.name,
                slug=a.slug,
                url=author_url(site, a),
                role=byline.role,
                bio=a.bio,
                avatar_url=a.avatar_url,
                website=a.website,
                social=a.social,
            )
        )
    tags = sorted((corpus.tag(t) for t in article.tag_ids), key=lambda t: (t.name.casefold(), t.name, t.id))
    main = article.main_category_id
    protected = article.is_protected
    toc = None if protected else build_toc(article.body)
    source_line = article.source.line if article.source is not None else None
    return ArticleView(
        id=article.id,
        slug=article.slug,
        title=article.title,
        subtitle=article.subtitle,
        kicker=article.kicker,
        url=url,
        canonical_url=article.canonical_url,
        published=article.published,
        published_display=None if article.published is None else format_site_date(site, article.published),
        modified=article.modified,
        authors=tuple(authors),
        primary_category=None if main is None else index.taxonomy.link(main),
        categories=tuple(index.taxonomy.link(c) for c in article.category_ids),
        tags=tuple(_tag_link(site, t) for t in tags),
        source=article.source,
        source_line=source_line or None,
        excerpt=None if protected else article.excerpt,
        feature_image=article.feature_image,
        toc=toc,
        body_html="" if protected else render_html(article.body),
        kind=article.kind,
        protected=protected,
    )


def _page_breadcrumbs(
    index: PageIndex, article: Article, *, as_of: datetime, home_label: str
) -> tuple[Breadcrumb, ...]:
    """Home, then the page's ancestors root first (WordPress's ``get_post_ancestors``, reversed),
    then the page itself.  An ancestor not public at ``as_of`` (a draft, a private page) is left
    out: its link would lead nowhere."""
    site = index.corpus.site
    crumbs = [Breadcrumb(label=home_label, url=absolute_url(site, "/"), category_id=None)]
    for a in index.corpus.page_path(article.id):
        if a.id == article.id or a.is_public(as_of):
            crumbs.append(Breadcrumb(label=a.title, url=index.article_url(a), category_id=None, article_id=a.id))
    return tuple(crumbs)


def _child_pages(index: PageIndex, article: Article, *, as_of: datetime) -> tuple[ChildPage, ...]:
    """The page's children public at ``as_of`` in WordPress's page order (``menu_order``, then
    title: :meth:`~newsmodel.values.corpus.Corpus.child_pages`), as ``wp_list_pages`` with ``child_of``
    and ``depth=1`` lists them (``post_status`` ``publish`` by default)."""
    return tuple(
        ChildPage(id=c.id, slug=c.slug, title=c.title, url=index.article_url(c))
        for c in index.corpus.child_pages(article.id)
        if c.is_public(as_of)
    )


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(f"build_article_page: {name}={value!r} is not a count", value=value, where=name)


def build_article_page(
    corpus: Corpus,
    slug_or_id: str,
    *,
    as_of: datetime,
    related: bool = True,
    related_limit: int = 6,
    related_ranking: Literal["newsmodel.related", "same-category-recency"] = "newsmodel.related",
    related_config: RelatedConfig | None = None,
    recent_limit: int = 8,
    tag_cloud_limit: int = 45,
    archives_limit: int | None = 8,
    archives_period: Period = "monthly",
    same_category_navigation: bool = False,
    menu_parent_id: str | None = None,
    share_networks: Sequence[str] = SHARE_NETWORKS,
    home_label: str = "Home",
) -> ArticlePage:
    """The :class:`ArticlePage` of the article whose id or slug is ``slug_or_id``, as of ``as_of``.

    ``related=False`` leaves the related articles out (the costliest widget).  Related articles
    are ranked by :mod:`newsmodel.related` (``related_config``, default :class:`RelatedConfig`),
    or, with ``related_ranking="same-category-recency"``, are simply the newest visible articles
    of the article's main category.  The menu lists the children of ``menu_parent_id``; when it
    is None, those of the single top-level category if there is exactly one (a "World" above the
    continents), else the top level.  The page of an
    article that is not visible at ``as_of`` (a draft, a scheduled post not yet due) is built as
    a preview: the widgets still show only visible articles.  A page (``kind="page"``) or another
    kind than a post has no previous/next and no related articles; a password-protected article
    is shown without its body (:class:`ArticleView` ``protected``).  A page's breadcrumbs are
    its parent pages and its ``child_pages`` its public children (see :class:`ArticlePage`).  An unknown article raises
    :class:`~newsmodel.values.errors.UnknownId`; an undated one :class:`~newsmodel.values.errors.InvalidValue`.
    """
    check_as_of(as_of)
    for name, value in (("related_limit", related_limit), ("recent_limit", recent_limit)):
        _check_count(name, value)
    index = corpus.cached(page_index)
    site = corpus.site
    article = corpus.find_article(slug_or_id)
    if article.published is None:
        raise InvalidValue(
            f"article {article.id!r} ({article.slug!r}) has no published date: it has no page yet",
            value=article.id,
            where="published",
        )
    url = index.article_url(article)
    # Previous/next and related lists are the posts' (WordPress's get_adjacent_post stays within
    # the post type of the post shown): a page or another kind has neither.
    is_post = article.kind == ContentKind.POST
    is_page = article.kind == ContentKind.PAGE
    nav = (
        index.navigation.adjacent(article, as_of=as_of, same_category=same_category_navigation)
        if is_post
        else Adjacent(previous=None, next=None)
    )
    related_items: tuple[ArticleTeaser, ...] = ()
    scores: tuple[RelatedResult, ...] = ()
    main = article.main_category_id
    related = related and is_post
    if related_ranking not in (SCORED_RELATED, PLACEHOLDER_RELATED):
        raise InvalidValue(
            f"build_article_page: related_ranking={related_ranking!r} is not {SCORED_RELATED!r}"
            f" or {PLACEHOLDER_RELATED!r}",
            value=related_ranking,
            where="related_ranking",
        )
    if related and related_ranking == SCORED_RELATED:
        scores = related_articles(corpus, article.id, as_of=as_of, config=related_config, k=related_limit)
        related_items = tuple(index.teaser(corpus.article(r.article_id)) for r in scores)
    elif related and main is not None:
        found = index.navigation.recent(as_of=as_of, limit=related_limit, exclude_id=article.id, category_id=main)
        related_items = tuple(index.teaser(a) for a in found)
    day: date = site.local_date(article.published)
    menu_parent = menu_parent_id if menu_parent_id is not None else index.taxonomy.default_menu_parent()
    return ArticlePage(
        site=SiteHeader.of(site),
        as_of=as_of,
        today=format_site_date(site, as_of, style="full"),
        menu=index.taxonomy.menu(menu_parent),
        breadcrumbs=(
            _page_breadcrumbs(index, article, as_of=as_of, home_label=home_label)
            if is_page
            else index.taxonomy.breadcrumbs(article, home_label=home_label)
        ),
        article=_article_view(index, article, url),
        share=share_links(
            url,
            article.title,
            image_url=article.feature_image.url if article.feature_image else None,
            networks=share_networks,
        ),
        previous=None if nav.previous is None else index.teaser(nav.previous),
        next=None if nav.next is None else index.teaser(nav.next),
        related=related_items,
        related_method=related_ranking,
        related_scores=scores,
        recent=tuple(
            index.teaser(a) for a in index.navigation.recent(as_of=as_of, limit=recent_limit, exclude_id=article.id)
        ),
        tag_cloud=index.links.tag_cloud(index.tag_cloud.tag_cloud(as_of=as_of, number=tag_cloud_limit)),
        calendar=index.links.calendar(index.calendar.month_calendar(year=day.year, month=day.month, as_of=as_of)),
        archives=index.links.archives(
            index.archives.archives(as_of=as_of, period=archives_period, limit=archives_limit)
        ),
        menus=site_menus(corpus, as_of=as_of),
        child_pages=_child_pages(index, article, as_of=as_of) if is_page else (),
    )
