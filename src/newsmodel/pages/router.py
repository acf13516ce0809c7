"""One resolver for every URL of a site: what lives at a URL, and its view model.

:meth:`Router.resolve` turns a URL (absolute, or a path) into a :data:`Target`: an
:class:`ArticleTarget`, a :class:`~newsmodel.pages.listing.ListingKey` and page (:class:`ListingTarget`),
a feed (:class:`FeedTarget`), or a :class:`NotFound` that names the nearest match ("did you mean").
:meth:`Router.view` builds the view model of the target (an
:class:`~newsmodel.pages.page.ArticlePage` or a :class:`~newsmodel.pages.listing.ListingPage`).  It is the
inverse of every URL newsmodel makes: the parser is derived from the same patterns
(``Site.permalinks``, :data:`~newsmodel.values.urls.DEFAULT_SEARCH_PATTERN`,
:data:`~newsmodel.values.urls.DEFAULT_WEEK_PATTERN`), so changing the permalinks changes both directions.

Routes are tried in the order of WordPress's rewrite rules (``WP_Rewrite::rewrite_rules``):
category and tag archives (``extra_rules_top``), the home page, search, author archives, date
archives, then articles.  Within a route, a feed (``…/feed/``, ``…/feed/atom/``) and a page
(``…/page/N/``, or ``paged=N`` in the query) are tried before the plain form.  A route whose
pattern matches but that names nothing (an unknown slug, an empty date archive, a page past the
last) lets the later routes try; when none finds anything the answer is a :class:`NotFound`.
Static pages resolve through the table of exact URLs (a page's URL nests under its parents) and
view as an :class:`~newsmodel.pages.page.ArticlePage` with their parent pages and child pages; a custom
route for them (:func:`insert_route`) goes where WordPress puts its page rules (before articles
when the article pattern starts with ``%postname%``, ``%category%``, ``%tag%`` or ``%author%`` —
``use_verbose_page_rules`` —, else after them).

Input is normalized first: the fragment is dropped, unknown query parameters are ignored, dot
segments are removed (RFC 3986), a missing trailing slash and repeated slashes are accepted, and
each path segment is percent-decoded as UTF-8 before a slug is looked up.  The target's ``url``
is the canonical URL (compare it with the input to redirect).

>>> from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
>>> corpus = generate(articles=300, short_bodies=True)
>>> r = corpus.cached(router)
>>> r.resolve("https://capitalcities.example/category/world/asia/page/2", as_of=SEED_AS_OF).url
'https://capitalcities.example/category/world/asia/page/2/'
>>> r.resolve("/2025/12/" + SEED_SLUG + "/", as_of=SEED_AS_OF).article_id == corpus.article_by_slug(SEED_SLUG).id
True
>>> r.resolve("/category/world/asai/", as_of=SEED_AS_OF).suggestion
'https://capitalcities.example/category/world/asia/'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Union
from urllib.parse import parse_qs, unquote, urlsplit

import attrs

from newsmodel.pages._patterns import _Pattern
from newsmodel.pages.listing import (
    ListingIndex,
    ListingKey,
    ListingPage,
    PageOutOfRange,
    SearchResults,
    build_listing_page,
    build_search_page,
    listing_index,
)
from newsmodel.pages.page import ArticlePage, PageIndex, build_article_page, page_index
from newsmodel.values._validate import BOOLEAN, INTEGER, OPTIONAL_STRING, STRING, instance_of, is_number, refuse
from newsmodel.values.errors import InvalidPermalink, InvalidValue, UnknownId
from newsmodel.values.model import Article, ContentKind, Site
from newsmodel.values.timeline import check_as_of
from newsmodel.values.urls import DEFAULT_SEARCH_PATTERN, DEFAULT_WEEK_PATTERN, FEED_FORMATS, feed_url

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

__all__ = [
    "ArticleTarget",
    "FeedTarget",
    "ListingTarget",
    "NotFound",
    "Route",
    "Router",
    "Target",
    "default_routes",
    "insert_route",
    "router",
]


# --------------------------------------------------------------------------- targets


@attrs.frozen(kw_only=True)
class ArticleTarget:
    """An article lives here; ``url`` is its canonical URL."""

    article_id: str = attrs.field(validator=STRING)
    url: str = attrs.field(validator=STRING)


@attrs.frozen(kw_only=True)
class ListingTarget:
    """Page ``page`` of the listing ``key`` lives here; ``url`` is that page's canonical URL."""

    key: ListingKey = attrs.field(validator=instance_of(ListingKey, "a ListingKey"))
    page: int = attrs.field(validator=INTEGER)
    url: str = attrs.field(validator=STRING)


@attrs.frozen(kw_only=True)
class FeedTarget:
    """A feed: of the site (``kind`` ``"site"``), of a ``"category"``, ``"tag"`` or ``"author"``
    (``id`` names it), or an article's comments (``"comments"``); ``format`` is WordPress's feed
    type (``rss2``, ``atom``, ``rdf``, ``rss``)."""

    kind: str = attrs.field(validator=STRING)
    id: str | None = attrs.field(validator=OPTIONAL_STRING)
    format: str = attrs.field(validator=STRING)
    url: str = attrs.field(validator=STRING)


@attrs.frozen(kw_only=True)
class NotFound:
    """Nothing lives at ``path``: ``reason`` says why, ``suggestion`` is the URL of the nearest
    match (None when nothing is near)."""

    path: str = attrs.field(validator=STRING)
    reason: str = attrs.field(validator=STRING)
    suggestion: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)


#: What :meth:`Router.resolve` returns.
Target = Union[ArticleTarget, ListingTarget, FeedTarget, NotFound]


class _Miss:
    """A route that matched the path but named nothing, with the URL it would suggest."""

    __slots__ = ("reason", "suggestion")

    def __init__(self, reason: str, suggestion: str | None = None) -> None:
        self.reason = reason
        self.suggestion = suggestion


_Values = dict[str, str]
_Found = Union["Target", "_Miss"]
Lookup = Callable[["Router", dict[str, str], int, "str | None", datetime], "Target | _Miss"]


def _callable(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not callable(value):
        raise refuse(instance, attribute.name, "a function", value)


@attrs.frozen(kw_only=True)
class Route:
    """One kind of URL: a ``name``, the permalink ``pattern`` it parses, and the ``lookup`` that
    turns the pattern's values (plus the page number, the feed type or None, and ``as_of``) into
    a target, or a miss.  ``paged`` and ``feeds`` say whether ``…/page/N/`` and ``…/feed/`` forms
    exist for it."""

    name: str = attrs.field(validator=STRING)
    pattern: str = attrs.field(validator=STRING)
    lookup: Lookup = attrs.field(validator=_callable)
    paged: bool = attrs.field(default=True, validator=BOOLEAN)
    feeds: bool = attrs.field(default=False, validator=BOOLEAN)
    parser: _Pattern = attrs.field(init=False)

    @parser.default
    def _parser(self) -> _Pattern:
        if not isinstance(self.pattern, str):  # defaults run before validators: refuse it here
            raise refuse(self, "pattern", "a string", self.pattern)
        return _Pattern.compile(self.pattern)


# --------------------------------------------------------------------------- lookups


def _segments(value: str) -> list[str]:
    return [unquote(s, errors="replace") for s in value.split("/") if s]


def _listing(router: Router, key: ListingKey, page: int, as_of: datetime, *, dated: bool = False) -> Target | _Miss:
    lindex = router.listings
    if page < 1:
        return _Miss(f"page {page} does not exist", lindex.url(key))
    if key.kind == "search":
        return ListingTarget(key=key, page=page, url=lindex.url(key, page))
    total = lindex.count(key, as_of=as_of)
    if dated and not total:
        return _Miss(f"no posts in the {key.kind} archive")
    pages = max(1, -(-total // router.corpus.site.posts_per_page))
    if page > pages:
        return _Miss(f"page {page} is past the last page ({pages})", lindex.url(key, pages))
    return ListingTarget(key=key, page=page, url=lindex.url(key, page))


def _feed(kind: str, id: str | None, fmt: str, base: str) -> FeedTarget:
    return FeedTarget(kind=kind, id=id, format=fmt, url=feed_url(base, fmt))


def _term_listing(
    router: Router,
    kind: Literal["category", "tag", "author"],
    term_id: str,
    page: int,
    fmt: str | None,
    as_of: datetime,
) -> Target | _Miss:
    """The listing of a category, tag or author, or its feed when the URL asks for one."""
    key = ListingKey(kind=kind, id=term_id)
    if fmt is not None:
        return _feed(kind, term_id, fmt, router.listings.url(key))
    return _listing(router, key, page, as_of)


def _one_slug(value: str) -> str:
    """The slug of a one-segment path (tags and authors are flat), else "" (which no term has)."""
    slugs = _segments(value)
    return slugs[0] if len(slugs) == 1 else ""


def _lookup_category(
    router: Router, values: dict[str, str], page: int, fmt: str | None, as_of: datetime
) -> Target | _Miss:
    corpus = router.corpus
    parent: str | None = None
    slugs = _segments(values["category"])
    for slug in slugs:
        try:
            parent = corpus.category_by_slug(slug, parent).id
        except UnknownId:
            return _Miss(f"no category {'/'.join(slugs)!r}")
    assert parent is not None
    return _term_listing(router, "category", parent, page, fmt, as_of)


def _lookup_tag(router: Router, values: _Values, page: int, fmt: str | None, as_of: datetime) -> _Found:
    try:
        tag = router.corpus.tag_by_slug(_one_slug(values["tag"]))
    except UnknownId:
        return _Miss(f"no tag {values['tag']!r}")
    return _term_listing(router, "tag", tag.id, page, fmt, as_of)


def _lookup_author(
    router: Router, values: dict[str, str], page: int, fmt: str | None, as_of: datetime
) -> Target | _Miss:
    try:
        author = router.corpus.author_by_slug(_one_slug(values["author"]))
    except UnknownId:
        return _Miss(f"no author {values['author']!r}")
    return _term_listing(router, "author", author.id, page, fmt, as_of)


def _lookup_home(router: Router, values: _Values, page: int, fmt: str | None, as_of: datetime) -> _Found:
    if fmt is not None:
        return _feed("site", None, fmt, router.listings.url(ListingKey.home()))
    return _listing(router, ListingKey.home(), page, as_of)


def _lookup_search(
    router: Router, values: dict[str, str], page: int, fmt: str | None, as_of: datetime
) -> Target | _Miss:
    query = unquote(values["search"], errors="replace").strip()
    if not query:
        return _Miss("an empty search")
    return _listing(router, ListingKey.search(query), page, as_of)


def _date_lookup(kind: str) -> Lookup:
    def lookup(router: Router, values: _Values, page: int, fmt: str | None, as_of: datetime) -> _Found:
        try:
            y = int(values["year"])
            if kind == "year":
                key = ListingKey.for_year(y)
            elif kind == "week":
                key = ListingKey.for_week(y, int(values["week"]))
                key.bounds()  # a week number the ISO year does not have raises ValueError
            elif kind == "month":
                key = ListingKey.for_month(y, int(values["monthnum"]))
            else:
                key = ListingKey.for_day(y, int(values["monthnum"]), int(values["day"]))
        except (InvalidValue, ValueError):
            return _Miss(f"no such {kind}")
        return _listing(router, key, page, as_of, dated=True)

    return lookup


def _lookup_article(
    router: Router, values: dict[str, str], page: int, fmt: str | None, as_of: datetime
) -> Target | _Miss:
    corpus = router.corpus
    try:
        if "postname" in values:
            (slug,) = _segments(values["postname"]) or ("",)
            article = corpus.article_by_slug(slug)
        elif "post_id" in values:
            article = corpus.article(unquote(values["post_id"], errors="replace"))
        else:
            return _Miss("the article permalink names neither %postname% nor %post_id%")
    except (UnknownId, ValueError):
        return _Miss("no such article")
    if not article.is_public(as_of):
        return _Miss(f"article {article.id!r} is not published as of {as_of.isoformat()}")
    url = router.pages.article_url(article)
    if _segments(router.path_of(url) or "") != _segments(values["_path"]):  # compared decoded
        return _Miss("the article lives at another URL", url)
    if fmt is not None:
        return _feed("comments", article.id, fmt, url)
    return ArticleTarget(article_id=article.id, url=url)


def default_routes(site: Site) -> tuple[Route, ...]:
    """The routes of ``site``, in the order of WordPress's rewrite rules."""
    p = site.permalinks
    return (
        # Query-string forms first: WordPress reads ``s``, ``m`` and ``w`` from the query string
        # whatever the path (WP::parse_request), so /?s=… is a search, not the home page.
        Route(name="search-query", pattern="/?s=%search%", lookup=_lookup_search),
        Route(name="week", pattern=DEFAULT_WEEK_PATTERN, lookup=_date_lookup("week")),
        Route(name="category", pattern=p.category, lookup=_lookup_category, feeds=True),
        Route(name="tag", pattern=p.tag, lookup=_lookup_tag, feeds=True),
        Route(name="home", pattern="/", lookup=_lookup_home, feeds=True),
        Route(name="search", pattern=DEFAULT_SEARCH_PATTERN, lookup=_lookup_search),
        Route(name="author", pattern=p.author, lookup=_lookup_author, feeds=True),
        Route(name="day", pattern=p.day, lookup=_date_lookup("day")),
        Route(name="month", pattern=p.month, lookup=_date_lookup("month")),
        Route(name="year", pattern=p.year, lookup=_date_lookup("year")),
        Route(name="article", pattern=p.article, lookup=_lookup_article, paged=False, feeds=True),
    )


_VERBOSE_RE = re.compile(r"^[^%]*%(?:postname|category|tag|author)%")


def insert_route(routes: Sequence[Route], route: Route, site: Site) -> tuple[Route, ...]:
    """``routes`` with ``route`` (a static page's) where WordPress puts its page rules: just
    before the article route when ``WP_Rewrite::init`` turns on ``use_verbose_page_rules`` (the
    article pattern starts with ``%postname%``, ``%category%``, ``%tag%`` or ``%author%``), else
    just after it."""
    out = list(routes)
    at = next((i for i, r in enumerate(out) if r.name == "article"), len(out) - 1)
    out.insert(at if _VERBOSE_RE.match(site.permalinks.article) else at + 1, route)
    return tuple(out)


# --------------------------------------------------------------------------- the router

_DOTS = frozenset({".", ".."})
_FEED_RE = re.compile(r"(?:(.*)/)?feed(?:/(" + "|".join(FEED_FORMATS) + r"))?")
_PAGED_RE = re.compile(r"(?:(.*)/)?page/(\d+)")


def _remove_dots(segments: list[str]) -> list[str]:
    """RFC 3986's remove_dot_segments over a list of segments (``..`` above the top stays at the top)."""
    out: list[str] = []
    for s in segments:
        if s == "..":
            if out:
                out.pop()
        elif s != ".":
            out.append(s)
    return out


def _distance(a: str, b: str, bound: int) -> int:
    """The optimal-string-alignment distance of ``a`` and ``b`` (insertions, deletions,
    substitutions and swaps of two neighbours, each 1) when it is at most ``bound``, else
    ``bound + 1``: only the diagonal band of width ``2 * bound + 1`` is computed."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    big = bound + 1
    width = len(b) + 1
    before: list[int] = []
    prev = [j if j <= bound else big for j in range(width)]
    for i in range(1, len(a) + 1):
        cur = [big] * width
        cur[0] = i if i <= bound else big
        for j in range(max(1, i - bound), min(len(b), i + bound) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            cur[j] = min(value, big)
        before, prev = prev, cur
    return min(prev[len(b)], big)


class _SlugIndex:
    """Every slug of a corpus sorted forwards and (reversed) backwards, with its kind and id."""

    __slots__ = ("meta", "reversed_order", "reversed_slugs", "slugs")

    def __init__(self, corpus: Corpus, listings: ListingIndex) -> None:
        entries: list[tuple[str, str, str]] = []
        entries.extend((a.slug, "article", a.id) for a in listings.articles)
        entries.extend((c.slug, "category", c.id) for c in corpus.categories)
        entries.extend((t.slug, "tag", t.id) for t in corpus.tags)
        entries.extend((a.slug, "author", a.id) for a in corpus.authors)
        entries.sort()
        self.slugs = [e[0] for e in entries]
        self.meta = [(e[1], e[2]) for e in entries]
        self.reversed_order = sorted(range(len(entries)), key=lambda i: self.slugs[i][::-1])
        self.reversed_slugs = [self.slugs[i][::-1] for i in self.reversed_order]


class Router:
    """The resolver of one corpus (build it once: ``corpus.cached(router)``).

    ``routes`` replaces :func:`default_routes` (for instance with a static page route added by
    :func:`insert_route`).
    """

    #: How many slugs on each side of the place a mistyped slug would sort at are compared with it.
    NEIGHBOURS = 16

    __slots__ = ("_base_host", "_base_path", "_exact", "_slugs", "corpus", "listings", "pages", "routes")

    def __init__(self, corpus: Corpus, *, routes: Sequence[Route] | None = None) -> None:
        self.corpus = corpus
        # A route that needs query parameters is tried before those that do not (stable): with
        # plain permalinks every route's path is the home page's, and WordPress reads the query
        # variables (WP::parse_request) before it falls back to the home page.
        given = default_routes(corpus.site) if routes is None else routes
        self.routes = tuple(sorted(given, key=lambda route: not route.parser.query))
        self.listings: ListingIndex = corpus.cached(listing_index)
        self.pages: PageIndex = corpus.cached(page_index)
        base = urlsplit(corpus.site.base_url)
        self._base_host = base.netloc.lower()
        self._base_path = [s for s in base.path.split("/") if s]
        self._slugs: _SlugIndex | None = None
        self._exact: dict[tuple[str, ...], list[Article]] | None = None

    # ------------------------------------------------------------------ input

    def path_of(self, url: str) -> str | None:
        """The site-relative path of ``url`` (no leading or trailing slash, dot segments removed,
        still percent-encoded), or None when it is not on this site."""
        parts = urlsplit(url)
        if (parts.scheme or parts.netloc) and parts.netloc.lower() != self._base_host:
            return None
        segments = _remove_dots([s for s in parts.path.split("/") if s])
        base = self._base_path
        if base and segments[: len(base)] == base:
            segments = segments[len(base) :]
        elif base and (parts.scheme or parts.netloc):
            return None
        return "/".join(segments)

    # ------------------------------------------------------------------ resolve

    def resolve(self, url: str, *, as_of: datetime) -> Target:
        """What lives at ``url`` as of ``as_of`` (see the module's documentation)."""
        check_as_of(as_of)
        if not isinstance(url, str):
            raise InvalidValue(f"resolve: {url!r} is not a URL", value=url, where="url")
        path = self.path_of(url)
        if path is None:
            return NotFound(path=url, reason="the URL is not on this site")
        raw_query = urlsplit(url).query
        query = {k: v[-1] for k, v in parse_qs(raw_query, keep_blank_values=True).items()}
        feed_m = _FEED_RE.fullmatch(path)
        paged_m = _PAGED_RE.fullmatch(path)
        forms: list[tuple[str, int, str | None]] = []
        if feed_m is not None:
            forms.append((feed_m.group(1) or "", 1, feed_m.group(2) or FEED_FORMATS[0]))
        if paged_m is not None:
            forms.append((paged_m.group(1) or "", int(paged_m.group(2)), None))
        paged_q = query.get("paged")
        page = int(paged_q) if paged_q is not None and is_number(paged_q) else 1
        feed_q = query.get("feed")
        if feed_q in FEED_FORMATS:
            forms.append((path, 1, feed_q))  # plain permalinks: ?cat=3&feed=rss2
        forms.append((path, page, None))
        misses: list[_Miss] = []
        for route in self.routes:
            for base, n, fmt in forms:
                if (fmt is not None and not route.feeds) or (n != 1 and not route.paged and fmt is None):
                    continue
                values = route.parser.match(base, query)
                if values is None:
                    continue
                values["_path"] = base
                found = route.lookup(self, values, n, fmt, as_of)
                if not isinstance(found, _Miss):
                    return found
                misses.append(found)
        # An article whose URL no pattern gives (a URL kept from the source, a page under its
        # parents) lives at exactly that URL, where no pattern found anything, even when the URL
        # ends as a page number or a feed would (a kept URL ".../0" is the article's, not page 0).
        # Several articles may keep one URL (a draft beside its published copy): the first one
        # public at ``as_of`` lives there.
        for exact in self._exact_urls().get(tuple(_segments(path)), ()):
            if exact.is_public(as_of):
                return ArticleTarget(article_id=exact.id, url=self.pages.article_url(exact))
        suggestion = next((m.suggestion for m in misses if m.suggestion is not None), None)
        if suggestion is None:
            suggestion = self.suggest(path)
        reason = misses[0].reason if misses else "no route matches"
        return NotFound(path=path, reason=reason, suggestion=suggestion)

    def _exact_urls(self) -> dict[tuple[str, ...], list[Article]]:
        """The decoded path of every article whose URL is not the article pattern's: one with a
        ``canonical_url`` on this site, or of another kind than post (a page's URL nests under
        its parents).  Built once, on first use; linear in the articles."""
        if self._exact is None:
            found: dict[tuple[str, ...], list[Article]] = {}
            for article in self.corpus.articles:
                if article.canonical_url is None and article.kind == ContentKind.POST:
                    continue
                try:
                    url = self.pages.article_url(article)
                except InvalidPermalink:
                    continue  # an undated article under a dated structure has no URL yet
                path = self.path_of(url)
                if path is not None:
                    found.setdefault(tuple(_segments(path)), []).append(article)
            self._exact = found
        return self._exact

    # ------------------------------------------------------------------ did you mean

    def _slug_index(self) -> _SlugIndex:
        if self._slugs is None:
            self._slugs = _SlugIndex(self.corpus, self.listings)
        return self._slugs

    def suggest(self, path: str) -> str | None:
        """The URL of the article, category, tag or author whose slug is nearest (by edit distance,
        at most a quarter of the length, at least 1) to the last segment of ``path``, or None.

        Bounded cost: only the :attr:`NEIGHBOURS` slugs on each side of where the segment sorts,
        forwards and backwards, are compared, so a typo away from both ends of a slug is found."""
        segments = _segments(path)
        while segments and (is_number(segments[-1]) or segments[-1] in ("page", "feed")):
            segments.pop()
        if not segments:
            return None
        word = segments[-1].lower()
        index = self._slug_index()
        n = len(index.slugs)
        bound = max(1, len(word) // 4)
        k = self.NEIGHBOURS
        candidates: set[int] = set()
        i = bisect_left(index.slugs, word)
        candidates.update(range(max(0, i - k), min(n, i + k)))
        i = bisect_left(index.reversed_slugs, word[::-1])
        candidates.update(index.reversed_order[j] for j in range(max(0, i - k), min(n, i + k)))
        best: tuple[int, str, str, str] | None = None
        for j in candidates:
            slug = index.slugs[j]
            kind, id_ = index.meta[j]
            d = _distance(word, slug, bound)
            if d <= bound and (best is None or (d, kind, slug, id_) < best):
                best = (d, kind, slug, id_)
        if best is None:
            return None
        _, kind, _, id_ = best
        if kind == "article":
            return self.pages.article_url(self.corpus.article(id_))
        key = {"category": ListingKey.category, "tag": ListingKey.tag, "author": ListingKey.author}[kind](id_)
        return self.listings.url(key)

    # ------------------------------------------------------------------ views

    def view(
        self,
        url: str,
        *,
        as_of: datetime,
        search: Callable[[str, int, int], SearchResults | Any] | None = None,
        **options: Any,
    ) -> ArticlePage | ListingPage | FeedTarget | NotFound:
        """The view model of what lives at ``url``: an :class:`~newsmodel.pages.page.ArticlePage` (of an
        article or a static page), a :class:`~newsmodel.pages.listing.ListingPage`, or the
        :class:`FeedTarget` / :class:`NotFound` itself.  ``search(query, page, per_page)`` answers
        search URLs with a total and this page's hits (for instance a
        :meth:`newsmodel.search.SearchIndex.search` wrapped in a function; a search URL without it
        raises :class:`~newsmodel.values.errors.InvalidValue`); ``options`` go to
        :func:`~newsmodel.pages.page.build_article_page` or :func:`~newsmodel.pages.listing.build_listing_page`.
        """
        target = self.resolve(url, as_of=as_of)
        if isinstance(target, ArticleTarget):
            return build_article_page(self.corpus, target.article_id, as_of=as_of, **options)
        if isinstance(target, ListingTarget):
            key = target.key
            if key.kind == "search":
                if search is None:
                    raise InvalidValue(f"view: {url!r} is a search: pass search=", value=url, where="search")
                assert key.query is not None
                results = search(key.query, target.page, self.corpus.site.posts_per_page)
                try:
                    return build_search_page(self.corpus, key.query, results, page=target.page, as_of=as_of, **options)
                except PageOutOfRange as exc:
                    return NotFound(path=url, reason=str(exc), suggestion=self.listings.url(key, exc.pages))
            return build_listing_page(self.corpus, key, page=target.page, as_of=as_of, **options)
        return target


def router(corpus: Corpus) -> Router:
    """The :class:`Router` of ``corpus``; use as ``corpus.cached(router)``."""
    return Router(corpus)
