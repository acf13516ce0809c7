"""Sitemaps: ``sitemap.xml`` (split under a sitemap index past 50,000 URLs) and Google News sitemaps.

A news sitemap lists only articles published in the two days before ``as_of`` (never after it),
at most 1,000, each with the publication's name and language, its publication date (W3C format
with offset) and title.  :func:`read_sitemap` reads any urlset or index back (whatever prefix the
news namespace has), so output and third-party files can be checked alike.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.corpus import Corpus
>>> from newsmodel.values.model import Article, Site
>>> t = datetime(2026, 1, 15, 12, tzinfo=timezone.utc)
>>> c = Corpus(site=Site(name="Capital Cities", base_url="https://example.org", language="en"),
...            articles=[Article(id="1", slug="new", title="New", published=t),
...                      Article(id="2", slug="old", title="Old", published=datetime(2026, 1, 1, tzinfo=timezone.utc))])
>>> [e.title for e in read_sitemap(news_sitemap(c, as_of=t).encode())]
['New']
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Union

import attrs

from newsmodel.io._common import latest, links, published_articles, rfc3339, write_text_atomic
from newsmodel.io._xml import check_prolog, xml_text
from newsmodel.values._validate import OPTIONAL_STRING, STRING
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidValue, SourceError
from newsmodel.values.model import Article, ContentKind

__all__ = [
    "MAX_NEWS_URLS",
    "MAX_SITEMAP_URLS",
    "NEWS_WINDOW",
    "SITEMAP_KINDS",
    "SitemapEntry",
    "news_articles",
    "news_sitemap",
    "read_sitemap",
    "sitemap_articles",
    "sitemap_entries",
    "sitemap_index_xml",
    "sitemap_xml",
    "write_news_sitemap",
    "write_sitemaps",
]

#: The most URLs one sitemap file may hold (sitemaps.org protocol).
MAX_SITEMAP_URLS = 50_000
#: The most URLs one Google News sitemap may hold.
MAX_NEWS_URLS = 1_000
#: How far back a Google News sitemap reaches.
NEWS_WINDOW = timedelta(days=2)
_MAX_BYTES = 50 * 1024 * 1024

_SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS = "http://www.google.com/schemas/sitemap-news/0.9"


@attrs.frozen(kw_only=True)
class SitemapEntry:
    """One ``<url>`` (or ``<sitemap>`` of an index): location, last modification and, for news
    sitemaps, the news fields.

    >>> SitemapEntry(loc="https://example.org/").loc
    'https://example.org/'
    """

    loc: str = attrs.field(validator=STRING)
    lastmod: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    news_name: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    news_language: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    news_publication_date: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    title: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    keywords: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)


# --------------------------------------------------------------------------- sitemap.xml


#: The kinds a sitemap lists: posts and pages (WordPress's ``WP_Sitemaps_Posts`` lists the public
#: post types; other kinds a source kept have no known public URL here).
SITEMAP_KINDS: tuple[str, ...] = (ContentKind.POST, ContentKind.PAGE)


def sitemap_articles(corpus: Corpus, *, as_of: datetime | None = None) -> tuple[Article, ...]:
    """What a sitemap lists, newest first: the posts and pages public at ``as_of``
    (:meth:`Article.is_public <newsmodel.values.model.Article.is_public>`; without ``as_of``, those the
    source published), leaving out password-protected ones, whose text a crawler cannot read.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.model import Site
    >>> t = datetime(2026, 1, 15, tzinfo=timezone.utc)
    >>> c = Corpus(site=Site(name="S", base_url="https://example.org"),
    ...            articles=[Article(id="1", slug="news", title="News", published=t),
    ...                      Article(id="2", slug="about-us", title="About us", published=t, kind="page"),
    ...                      Article(id="3", slug="members", title="Members", published=t, password="pw")])
    >>> [a.slug for a in sitemap_articles(c, as_of=t)]
    ['about-us', 'news']
    """
    return tuple(
        a for a in corpus.newest_first() if a.kind in SITEMAP_KINDS and not a.is_protected and a.is_public(as_of)
    )


def sitemap_entries(corpus: Corpus, *, as_of: datetime | None = None) -> tuple[SitemapEntry, ...]:
    """The site's URLs: home, every post and page of :func:`sitemap_articles` (newest first,
    ``lastmod`` = modified or published), then the category, tag and author archives that list
    at least one of those posts (a category also when a descendant does), in corpus order."""
    link_of = links(corpus)
    listed = sitemap_articles(corpus, as_of=as_of)
    newest = latest(listed)
    out = [SitemapEntry(loc=link_of.home, lastmod=rfc3339(newest) if newest else None)]
    for article in listed:
        when = article.modified or article.published
        out.append(SitemapEntry(loc=link_of.article(article), lastmod=rfc3339(when) if when else None))
    # Archives list posts only, protected ones included (WordPress lists them by title).
    articles = published_articles(corpus, as_of=as_of)
    used_categories: set[str] = set()
    used_tags: set[str] = set()
    used_authors: set[str] = set()
    for article in articles:
        used_categories.update(article.category_ids)
        used_tags.update(article.tag_ids)
        used_authors.update(article.author_ids)
    for category_id in tuple(used_categories):
        used_categories.update(c.id for c in corpus.ancestors(category_id))
    out.extend(SitemapEntry(loc=link_of.category(c.id)) for c in corpus.categories if c.id in used_categories)
    out.extend(SitemapEntry(loc=link_of.tag(t.id)) for t in corpus.tags if t.id in used_tags)
    out.extend(SitemapEntry(loc=link_of.author(a.id)) for a in corpus.authors if a.id in used_authors)
    return tuple(out)


def _url_xml(entry: SitemapEntry) -> str:
    parts = [f"<url><loc>{xml_text(entry.loc)}</loc>"]
    if entry.lastmod:
        parts.append(f"<lastmod>{xml_text(entry.lastmod)}</lastmod>")
    if entry.news_name is not None:
        parts.append(
            "<news:news><news:publication>"
            f"<news:name>{xml_text(entry.news_name)}</news:name>"
            f"<news:language>{xml_text(entry.news_language or '')}</news:language>"
            "</news:publication>"
            f"<news:publication_date>{xml_text(entry.news_publication_date or '')}</news:publication_date>"
            f"<news:title>{xml_text(entry.title or '')}</news:title>"
        )
        if entry.keywords:
            parts.append(f"<news:keywords>{xml_text(entry.keywords)}</news:keywords>")
        parts.append("</news:news>")
    parts.append("</url>\n")
    return "".join(parts)


def sitemap_xml(entries: Iterable[SitemapEntry]) -> str:
    """One ``<urlset>`` document (with the news namespace declared when an entry has news fields).

    >>> print(sitemap_xml([SitemapEntry(loc="https://example.org/?a=1&b=2")]).splitlines()[2])
    <url><loc>https://example.org/?a=1&amp;b=2</loc></url>
    """
    entries = tuple(entries)
    news = any(e.news_name is not None for e in entries)
    ns = f' xmlns:news="{_NEWS}"' if news else ""
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SM}"{ns}>\n'
    return head + "".join(_url_xml(e) for e in entries) + "</urlset>\n"


def sitemap_index_xml(entries: Iterable[SitemapEntry]) -> str:
    """A ``<sitemapindex>`` listing sitemap files."""
    rows = []
    for e in entries:
        lastmod = f"<lastmod>{xml_text(e.lastmod)}</lastmod>" if e.lastmod else ""
        rows.append(f"<sitemap><loc>{xml_text(e.loc)}</loc>{lastmod}</sitemap>\n")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_SM}">\n' + "".join(rows) + "</sitemapindex>\n"
    )


def _chunks(entries: Sequence[SitemapEntry], max_urls: int) -> list[Sequence[SitemapEntry]]:
    out: list[Sequence[SitemapEntry]] = []
    start = 0
    while start < len(entries):
        size = min(max_urls, len(entries) - start)
        while size > 1 and len(sitemap_xml(entries[start : start + size]).encode()) > _MAX_BYTES:
            size //= 2
        out.append(entries[start : start + size])
        start += size
    return out


def write_sitemaps(
    corpus: Corpus,
    path: str | os.PathLike[str],
    *,
    as_of: datetime | None = None,
    max_urls: int = MAX_SITEMAP_URLS,
    base_url: str | None = None,
) -> tuple[Path, ...]:
    """Write the sitemap at ``path``; past ``max_urls`` URLs (or 50 MB), ``path`` becomes a
    sitemap index and the parts are written beside it as ``<stem>-1.xml``, ``<stem>-2.xml`` ….

    ``base_url`` is where the parts will be served (default: the site's base URL).  Returns the
    paths written, the index (or single sitemap) first.
    """
    if max_urls < 1 or max_urls > MAX_SITEMAP_URLS:
        raise InvalidValue(f"max_urls: {max_urls!r} is not between 1 and {MAX_SITEMAP_URLS}", value=max_urls)
    target = Path(path)
    entries = sitemap_entries(corpus, as_of=as_of)
    chunks = _chunks(entries, max_urls)
    if len(chunks) <= 1:
        write_text_atomic(target, sitemap_xml(entries))
        return (target,)
    base = (base_url or corpus.site.base_url).rstrip("/")
    written = [target]
    index = []
    for number, chunk in enumerate(chunks, start=1):
        part = target.with_name(f"{target.stem}-{number}{target.suffix or '.xml'}")
        write_text_atomic(part, sitemap_xml(chunk))
        written.append(part)
        mods = [e.lastmod for e in chunk if e.lastmod]
        index.append(SitemapEntry(loc=f"{base}/{part.name}", lastmod=max(mods) if mods else None))
    write_text_atomic(target, sitemap_index_xml(index))
    return tuple(written)


# --------------------------------------------------------------------------- Google News


def _news_language(corpus: Corpus, article: Article) -> str:
    """ISO 639 code as Google News wants it (``zh-cn`` and ``zh-tw`` keep their region)."""
    raw = (article.language or corpus.site.language or corpus.site.locale or "en").replace("_", "-").lower()
    if raw.startswith("zh-"):
        return "zh-tw" if raw in ("zh-tw", "zh-hant", "zh-hk") else "zh-cn"
    return raw.split("-", 1)[0]


def news_articles(
    corpus: Corpus, *, as_of: datetime, window: timedelta = NEWS_WINDOW, limit: int = MAX_NEWS_URLS
) -> tuple[Article, ...]:
    """Posts visible at ``as_of`` and dated in ``(as_of - window, as_of]``, newest first, at most
    ``limit``; password-protected posts are left out, as from :func:`sitemap_articles`."""
    if limit < 0 or limit > MAX_NEWS_URLS:
        raise InvalidValue(f"limit: {limit!r} is not between 0 and {MAX_NEWS_URLS}", value=limit)
    start = as_of - window
    out: list[Article] = []
    for article in corpus.visible(as_of):
        assert article.published is not None  # visible() only gives dated articles
        if article.published <= start or len(out) >= limit:
            break
        if not article.is_protected:
            out.append(article)
    return tuple(out)


def news_sitemap(
    corpus: Corpus,
    *,
    as_of: datetime,
    publication_name: str | None = None,
    window: timedelta = NEWS_WINDOW,
    limit: int = MAX_NEWS_URLS,
) -> str:
    """A Google News sitemap of :func:`news_articles` (publication name defaults to the site's name)."""
    link_of = links(corpus)
    name = publication_name or corpus.site.name
    entries = []
    for article in news_articles(corpus, as_of=as_of, window=window, limit=limit):
        assert article.published is not None
        entries.append(
            SitemapEntry(
                loc=link_of.article(article),
                news_name=name,
                news_language=_news_language(corpus, article),
                news_publication_date=rfc3339(article.published),
                title=article.title,
            )
        )
    return sitemap_xml(entries)


def write_news_sitemap(corpus: Corpus, path: str | os.PathLike[str], *, as_of: datetime, **options: object) -> Path:
    """Write :func:`news_sitemap` to ``path``."""
    target = Path(path)
    write_text_atomic(target, news_sitemap(corpus, as_of=as_of, **options))  # type: ignore[arg-type]
    return target


# --------------------------------------------------------------------------- reading

SitemapSource = Union[str, "os.PathLike[str]", bytes, IO[bytes]]


def read_sitemap(source: SitemapSource) -> tuple[SitemapEntry, ...]:
    """The entries of a sitemap, sitemap index or news sitemap (any namespace prefix; text trimmed).

    A document type declaration (where entities are declared) is refused with
    :class:`~newsmodel.values.errors.UnsafeXml` before anything is parsed, whatever the encoding.
    """
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        with open(name, "rb") as fh:
            data = fh.read()
    else:
        name = "<bytes>" if isinstance(source, bytes) else str(getattr(source, "name", None) or "<stream>")
        data = source if isinstance(source, bytes) else source.read()
    check_prolog(data, name)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise SourceError(f"{name}:{line}: not well-formed XML: {exc}", source=name, place=f"{name}:{line}") from exc

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    def text(el: ET.Element | None, tag: str) -> str | None:
        if el is None:
            return None
        for node in el.iter():
            if local(node.tag) == tag and node.text is not None:
                return node.text.strip()
        return None

    def child(el: ET.Element, tag: str) -> ET.Element | None:
        return next((c for c in el if local(c.tag) == tag), None)

    if root is None:  # pragma: no cover - parse() always gives a root or raises
        raise SourceError(f"{name}: empty document", source=name)
    out = []
    for item in root:
        if local(item.tag) not in ("url", "sitemap"):
            continue
        loc_el = child(item, "loc")
        loc = loc_el.text.strip() if loc_el is not None and loc_el.text else None
        news = child(item, "news")
        if loc is None:
            raise SourceError(f"{name}: a <{local(item.tag)}> without <loc>", source=name)
        out.append(
            SitemapEntry(
                loc=loc,
                lastmod=text(child(item, "lastmod"), "lastmod"),
                news_name=text(news, "name"),
                news_language=text(news, "language"),
                news_publication_date=text(news, "publication_date"),
                title=text(news, "title"),
                keywords=text(news, "keywords"),
            )
        )
    return tuple(out)
