"""The site's answers, independent of any web framework: what ``newsmodel serve`` sends and
``newsmodel build`` writes.

:class:`SiteResponder` is built once per corpus (every index is built in its constructor;
answering never builds one) and turns a request target — the path and query exactly as they
arrive in the request line — into a :class:`Reply`: a status, a media type, the body bytes and
the validators (``ETag``, ``Last-Modified``) of conditional requests.

>>> from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
>>> site = SiteResponder(generate(articles=60, short_bodies=True), as_of=SEED_AS_OF, search=False)
>>> site.get("/").status, site.get("/").media_type
(200, 'text/html; charset=utf-8')
>>> site.get("/category/world").status, site.get("/category/world").location
(301, '/category/world/')
>>> site.get("/../../etc/passwd").status
404
>>> site.get("/feed/").media_type
'application/rss+xml; charset=utf-8'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import attrs

from newsmodel.io._common import latest
from newsmodel.pages.listing import ListingKey, ListingPage, PageOutOfRange, build_listing_page, build_search_page
from newsmodel.pages.page import ArticlePage, SiteHeader, build_article_page, page_index
from newsmodel.pages.router import ArticleTarget, FeedTarget, ListingTarget, NotFound, Router
from newsmodel.values._validate import INTEGER, OPTIONAL_STRING, STRING, instance_of, is_number, pairs_of
from newsmodel.values.errors import InvalidQuery, InvalidValue, NewsModelError
from newsmodel.values.model import Article
from newsmodel.views.sitehtml import document_html, not_found_html

if TYPE_CHECKING:
    from newsmodel.io.sitemap import SitemapEntry
    from newsmodel.search.index import SearchIndex
    from newsmodel.values.corpus import Corpus

__all__ = ["MAX_TARGET", "SITEMAP_URLS", "Reply", "SiteResponder", "http_date", "with_base_url"]

#: The longest request target (path and query) answered; a longer one is 414 URI Too Long.
#: Apache's default ``LimitRequestLine`` (8,190 bytes for the whole request line) is the model.
MAX_TARGET = 8000
#: URLs in one sitemap file (the sitemaps.org limit is 50,000); more make ``/sitemap.xml`` an index.
SITEMAP_URLS = 50_000

HTML = "text/html; charset=utf-8"
_FEED_TYPES = {
    "rss2": "application/rss+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "rdf": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
#: Items in a feed (WordPress's ``posts_per_rss`` option, 10 by default).
FEED_ITEMS = 10


@attrs.frozen(kw_only=True)
class Reply:
    """One answer: ``status``, ``media_type``, ``body``, the validators ``etag`` (a strong,
    quoted entity tag: a hash of the body) and ``last_modified``, a redirect's ``location``
    (a path on this server) and further ``headers``."""

    status: int = attrs.field(validator=INTEGER)
    media_type: str = attrs.field(validator=STRING)
    body: bytes = attrs.field(validator=instance_of(bytes, "bytes"))
    etag: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    last_modified: datetime | None = attrs.field(
        default=None, validator=instance_of(datetime, "a datetime", optional=True)
    )
    location: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    headers: tuple[tuple[str, str], ...] = attrs.field(
        default=(), validator=pairs_of(str, str, "a (name, value) pair of strings")
    )

    def header_list(self) -> list[tuple[str, str]]:
        """The response headers this reply implies (``Content-Type`` left to the caller)."""
        out = list(self.headers)
        if self.etag is not None:
            out.append(("ETag", self.etag))
        if self.last_modified is not None:
            out.append(("Last-Modified", http_date(self.last_modified)))
        if self.location is not None:
            out.append(("Location", self.location))
        return out


def http_date(when: datetime) -> str:
    """``when`` as an HTTP date (RFC 9110 §5.6.7, IMF-fixdate in GMT).

    >>> http_date(datetime(2026, 1, 15, 9, 30, tzinfo=timezone.utc))
    'Thu, 15 Jan 2026 09:30:00 GMT'
    """
    return format_datetime(when.astimezone(timezone.utc).replace(microsecond=0), usegmt=True)


def entity_tag(body: bytes) -> str:
    """A strong entity tag of ``body``: 128 bits of BLAKE2b, quoted."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def with_base_url(corpus: Corpus, base_url: str) -> Corpus:
    """``corpus`` with its site at ``base_url`` (every link the site makes starts there)."""
    return corpus.replace(site=attrs.evolve(corpus.site, base_url=base_url.rstrip("/")))


def _memory_index(corpus: Corpus | None = None, copy_of: SearchIndex | None = None) -> SearchIndex:
    """A search index in memory that any one thread at a time may use (the server's event loop
    runs in another thread than the one that built it when the app is mounted elsewhere): the
    index of ``corpus``, or a copy of the index ``copy_of`` (sqlite's online backup), so that
    what later happens to its file does not change the answers."""
    from newsmodel.search.index import SearchIndex

    if copy_of is not None:
        return copy_of.copy_to_memory(any_thread=True)
    index = SearchIndex.open(":memory:", any_thread=True)
    if corpus is not None:
        index.update(corpus)
    return index


class SiteResponder:
    """Every answer of one site, as of one instant.

    ``as_of`` is the site's "now" for every answer (scheduled posts appear after it); ``search``
    is a :class:`~newsmodel.search.index.SearchIndex`, True to build one in memory, or False for
    a site without search (search URLs are then 404).  ``related`` chooses the related articles
    widget; ``lang`` and ``stylesheet`` go to :func:`~newsmodel.views.sitehtml.document_html`.
    ``progress(label)`` is a context manager that says what is being built, if given.
    """

    def __init__(
        self,
        corpus: Corpus,
        *,
        as_of: datetime,
        search: SearchIndex | bool = True,
        related: bool = True,
        lang: str = "en",
        stylesheet: str | None = None,
        progress: Callable[[str], Any] | None = None,
    ) -> None:
        from newsmodel.io.sitemap import sitemap_entries
        from newsmodel.pages.router import router

        self.corpus = corpus
        self.as_of = as_of
        self.related = related
        self.lang = lang
        self.stylesheet = stylesheet
        step = progress or _no_progress
        with step("building the page, listing and URL indexes"):
            self.router: Router = corpus.cached(router)
            self.router._exact_urls()  # the table of kept URLs and pages
            self.router.suggest("a")  # the sorted slugs of "did you mean", else built on the first 404
            self.header = SiteHeader.of(corpus.site)
            visible = corpus.visible(as_of)
            self._newest = latest(visible) or as_of
            self._warm(visible)
        with step("building the sitemap"):
            self.sitemap: tuple[SitemapEntry, ...] = sitemap_entries(corpus, as_of=as_of)
        self.index: SearchIndex | None = None
        if search is True:
            with step("building the search index"):
                self.index = _memory_index(corpus)
        elif search is not False:
            with step(f"reading the search index {search.path}"):
                self.index = _memory_index(copy_of=search)
        if related:
            with step("reading the related articles' term statistics"):
                self._warm_related(visible)

    def _warm(self, visible: tuple[Article, ...]) -> None:
        """Build what pages read (the widgets' indexes, the groups by term and author), by making
        a listing page and an article page once."""
        corpus = self.corpus
        build_listing_page(corpus, ListingKey.home(), page=1, as_of=self.as_of)
        if corpus.categories:
            corpus.articles_by_category(corpus.categories[0].id)
        if corpus.tags:
            corpus.articles_by_tag(corpus.tags[0].id)
        if corpus.authors:
            corpus.articles_by_author(corpus.authors[0].id)
        if visible:
            build_article_page(corpus, visible[0].id, as_of=self.as_of, related=False)

    def _warm_related(self, visible: tuple[Article, ...]) -> None:
        """Build what the related articles widget reads once, by building one article's page."""
        if visible:
            build_article_page(self.corpus, visible[0].id, as_of=self.as_of)

    # ------------------------------------------------------------------ answers

    def get(self, target: str) -> Reply:
        """The answer to ``GET target`` (a path with its query, percent-encoded as sent)."""
        if len(target) > MAX_TARGET:
            return self._plain(414, f"the URL is longer than {MAX_TARGET} characters")
        if not target.startswith("/"):
            return self._plain(400, "the request target is not a path")
        path = target.partition("?")[0]
        if path == "/robots.txt":
            return self._text("text/plain; charset=utf-8", self.robots_txt(), self._newest)
        if path == "/sitemap.xml" or (path.startswith("/sitemap-") and path.endswith(".xml")):
            return self._sitemap(path)
        try:
            found = self.router.resolve(target, as_of=self.as_of)
        except NewsModelError as exc:
            return self._plain(400, str(exc))
        if isinstance(found, NotFound):
            return self.not_found(found)
        canonical = urlsplit(found.url)
        want = canonical.path + (f"?{canonical.query}" if canonical.query else "")
        # A search stays where it was asked (/?s=… or /search/…/): WordPress's redirect_canonical
        # does not move searches either.
        search = isinstance(found, ListingTarget) and found.key.kind == "search"
        # Percent-encodings that differ only in case (%C3%A9, %c3%a9) name the same path (RFC 3986 §6.2.2.1).
        if unquote(canonical.path, errors="replace") != unquote(path, errors="replace") and not search:
            query = target.partition("?")[2]
            location = want if canonical.query or not query else f"{want}?{query}"
            return Reply(status=301, media_type=HTML, body=b"", location=location)
        try:
            if isinstance(found, FeedTarget):
                return self._feed(found)
            return self._view(found, target)
        except NewsModelError as exc:  # data the page cannot be made of: said, never a traceback
            return self._plain(500, f"this page cannot be shown: {exc}")

    def _view(self, found: ArticleTarget | ListingTarget, target: str) -> Reply:
        corpus = self.corpus
        view: ArticlePage | ListingPage | NotFound
        if isinstance(found, ArticleTarget):
            view = build_article_page(corpus, found.article_id, as_of=self.as_of, related=self.related)
            # the page shows the site's widgets too (recent posts, archives): its last change is
            # the newest of the article's and the site's
            article = corpus.article(found.article_id)
            changed = max(self._newest, article.modified or self._newest)
        elif found.key.kind == "search":
            if self.index is None:
                return self.not_found(NotFound(path=target, reason="this site has no search"))
            assert found.key.query is not None
            try:
                results = self.index.search(
                    found.key.query, as_of=self.as_of, page=found.page, per_page=corpus.site.posts_per_page
                )
                view = build_search_page(corpus, found.key.query, results, page=found.page, as_of=self.as_of)
            except InvalidQuery as exc:
                return self.not_found(NotFound(path=target, reason=str(exc)), status=400)
            except (InvalidValue, PageOutOfRange) as exc:  # a page past the last
                return self.not_found(NotFound(path=target, reason=str(exc)))
            changed = self._newest
        else:
            view = build_listing_page(corpus, found.key, page=found.page, as_of=self.as_of)
            changed = self._newest
        html = document_html(view, lang=self.lang, stylesheet=self.stylesheet)
        return self._text(HTML, html, changed)

    def _feed(self, found: FeedTarget) -> Reply:
        from newsmodel.io.feeds import atom_feed, rss_feed

        if found.kind == "comments":
            return self.not_found(NotFound(path=found.url, reason="comment feeds are not served"))
        lindex = self.router.listings
        key = {
            "site": ListingKey.home,
            "category": ListingKey.category,
            "tag": ListingKey.tag,
            "author": ListingKey.author,
        }
        make = key[found.kind]
        listing = make() if found.id is None else make(found.id)  # type: ignore[operator]
        total = lindex.count(listing, as_of=self.as_of)
        positions = lindex.positions(listing)
        cut = total
        articles = [lindex.articles[positions[i]] for i in range(cut - 1, max(-1, cut - 1 - FEED_ITEMS), -1)]
        write = atom_feed if found.format == "atom" else rss_feed
        text = write(self.corpus, articles=articles, feed_url=found.url, as_of=self.as_of)
        return self._text(_FEED_TYPES[found.format], text, latest(articles) or self._newest)

    def _sitemap(self, path: str) -> Reply:
        from newsmodel.io.sitemap import SitemapEntry, sitemap_index_xml, sitemap_xml

        entries = self.sitemap
        xml = "application/xml; charset=utf-8"
        if len(entries) <= SITEMAP_URLS:
            if path != "/sitemap.xml":
                return self.not_found(NotFound(path=path, reason="this site has one sitemap, /sitemap.xml"))
            return self._text(xml, sitemap_xml(entries), self._newest)
        files = -(-len(entries) // SITEMAP_URLS)
        if path == "/sitemap.xml":
            base = self.corpus.site.base_url
            listed = [SitemapEntry(loc=f"{base}/sitemap-{n}.xml") for n in range(1, files + 1)]
            return self._text(xml, sitemap_index_xml(listed), self._newest)
        number = path[len("/sitemap-") : -len(".xml")]
        if not is_number(number) or not 1 <= int(number) <= files or number != str(int(number)):
            return self.not_found(NotFound(path=path, reason=f"the sitemaps are sitemap-1.xml to sitemap-{files}.xml"))
        n = int(number)
        return self._text(xml, sitemap_xml(entries[(n - 1) * SITEMAP_URLS : n * SITEMAP_URLS]), self._newest)

    def robots_txt(self) -> str:
        """WordPress's virtual robots.txt (``do_robots``) for a public site, with the sitemap."""
        return f"User-agent: *\nDisallow:\n\nSitemap: {self.corpus.site.base_url}/sitemap.xml\n"

    def not_found(self, not_found: NotFound, *, status: int = 404) -> Reply:
        """The not-found page (or another error page with ``status``) for ``not_found``."""
        html = not_found_html(not_found, self.header, lang=self.lang, stylesheet=self.stylesheet)
        return Reply(status=status, media_type=HTML, body=html.encode("utf-8"))

    def _plain(self, status: int, message: str) -> Reply:
        return self.not_found(NotFound(path="", reason=message), status=status)

    @staticmethod
    def _text(media_type: str, text: str, changed: datetime | None) -> Reply:
        body = text.encode("utf-8")
        return Reply(status=200, media_type=media_type, body=body, etag=entity_tag(body), last_modified=changed)

    # ------------------------------------------------------------------ the whole site

    def urls(self) -> Iterator[str]:
        """Every URL of the site but search: the robots.txt and sitemap files, each public
        article and page, every page of every listing (home, categories, tags, authors, years,
        months, days) and the feeds (RSS and Atom) of the site, categories, tags and authors."""
        site = self.corpus.site
        lindex = self.router.listings
        per_page = site.posts_per_page
        yield f"{site.base_url}/robots.txt"
        yield f"{site.base_url}/sitemap.xml"
        if len(self.sitemap) > SITEMAP_URLS:
            for n in range(1, -(-len(self.sitemap) // SITEMAP_URLS) + 1):
                yield f"{site.base_url}/sitemap-{n}.xml"
        pages = self.corpus.cached(page_index)
        for article in self.corpus.articles:
            if article.published is None or not article.is_public(self.as_of):
                continue
            try:
                yield pages.article_url(article)
            except NewsModelError:
                continue
        keys: list[ListingKey] = [ListingKey.home()]
        keys.extend(ListingKey.category(c.id) for c in self.corpus.categories)
        keys.extend(ListingKey.tag(t.id) for t in self.corpus.tags)
        keys.extend(ListingKey.author(a.id) for a in self.corpus.authors)
        days: set[date] = {site.local_date(a.published) for a in self.corpus.visible(self.as_of) if a.published}
        keys.extend(ListingKey.for_year(y) for y in sorted({d.year for d in days}))
        keys.extend(ListingKey.for_month(y, m) for y, m in sorted({(d.year, d.month) for d in days}))
        keys.extend(ListingKey.for_day(d.year, d.month, d.day) for d in sorted(days))
        from newsmodel.values.urls import feed_url

        for key in keys:
            total = lindex.count(key, as_of=self.as_of)  # an empty category's page exists, as in WordPress
            for page in range(1, max(1, -(-total // per_page)) + 1):
                yield lindex.url(key, page)
            if key.kind in ("home", "category", "tag", "author"):
                yield feed_url(lindex.url(key), "rss2")
                yield feed_url(lindex.url(key), "atom")


class _NoProgress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _no_progress(label: str) -> _NoProgress:
    return _NoProgress()
