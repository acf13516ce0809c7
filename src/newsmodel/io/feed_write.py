"""RSS 2.0 and Atom 1.0 export: a corpus written as a feed, newest published articles first.

:mod:`newsmodel.io.feeds` reads feeds and re-exports every name here; both exporters take the
same arguments (the corpus, then ``articles``, ``as_of``, ``limit`` and ``feed_url``) and share the
item choice of :mod:`newsmodel.io._common` and the XML escaping of :mod:`newsmodel.io._xml`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone

from newsmodel.bodies import textstats
from newsmodel.io._common import (
    Target,
    body_html,
    latest,
    links,
    names_of,
    published_articles,
    rfc822,
    rfc3339,
    write_parts,
)
from newsmodel.io._xml import xml_attr, xml_text
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import UnknownId
from newsmodel.values.model import Article, Site

__all__ = ["atom_feed", "rss_feed", "write_atom", "write_rss"]


_ATOM = "http://www.w3.org/2005/Atom"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"


def _el(tag: str, text: str | None, **attrib: str) -> str:
    attrs_text = "".join(f" {k}={xml_attr(v)}" for k, v in attrib.items())
    if text is None:
        return f"<{tag}{attrs_text}/>"
    return f"<{tag}{attrs_text}>{xml_text(text)}</{tag}>"


def _terms(corpus: Corpus, article: Article) -> list[tuple[str, str]]:
    """``(name, domain)`` of the article's categories then tags."""
    out: list[tuple[str, str]] = []
    for cid in article.category_ids:
        try:
            out.append((corpus.category(cid).name, "category"))
        except UnknownId:
            continue
    for tid in article.tag_ids:
        try:
            out.append((corpus.tag(tid).name, "post_tag"))
        except UnknownId:
            continue
    return out


def _choose(
    corpus: Corpus, articles: Iterable[Article] | None, as_of: datetime | None, limit: int | None
) -> Sequence[Article]:
    if articles is not None:
        chosen = tuple(articles)
        return chosen[:limit] if limit is not None else chosen
    return published_articles(corpus, as_of=as_of, limit=limit)


def _image_type(url: str) -> str:
    low = url.lower().split("?")[0]
    for ext, mime in ((".png", "image/png"), (".gif", "image/gif"), (".webp", "image/webp"), (".svg", "image/svg+xml")):
        if low.endswith(ext):
            return mime
    return "image/jpeg"


def _language(site: Site) -> str:
    return site.language or site.locale.replace("_", "-")


def _rss_parts(
    corpus: Corpus,
    *,
    articles: Iterable[Article] | None = None,
    as_of: datetime | None = None,
    limit: int | None = None,
    feed_url: str | None = None,
) -> Iterator[str]:
    site = corpus.site
    link_of = links(corpus)
    chosen = _choose(corpus, articles, as_of, limit)
    head = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<rss version="2.0" xmlns:atom="{_ATOM}" xmlns:content="{_CONTENT}" xmlns:dc="{_DC}"><channel>\n',
        _el("title", site.name),
        _el("link", link_of.home),
        _el("description", site.description or site.name),
    ]
    if feed_url:
        head.append(_el("atom:link", None, href=feed_url, rel="self", type="application/rss+xml"))
    if _language(site):
        head.append(_el("language", _language(site)))
    newest = latest(chosen)
    if newest is not None:
        head.append(_el("lastBuildDate", rfc822(newest)))
    head.append(_el("generator", "newsmodel") + "\n")
    yield "".join(head)
    for article in chosen:
        url = link_of.article(article)
        parts = ["<item>", _el("title", article.title), _el("link", url)]
        parts.append(_el("guid", article.id, isPermaLink="true" if article.id == url else "false"))
        if article.published is not None:
            parts.append(_el("pubDate", rfc822(article.published)))
        parts.extend(_el("dc:creator", name) for name in names_of(corpus.author, article.author_ids))
        parts.extend(_el("category", term, domain=domain) for term, domain in _terms(corpus, article))
        # A protected post is listed (title, date, link) with neither content nor summary.
        content = "" if article.is_protected else body_html(article.body)
        summary = (
            "" if article.is_protected else article.excerpt or (textstats.excerpt(article.body) if content else "")
        )
        if summary:
            # RSS readers take <description> as HTML: plain text is escaped as HTML, then as XML
            parts.append(_el("description", html.escape(summary, quote=False)))
        if content:
            parts.append(_el("content:encoded", content))
        image = article.feature_image
        if image is not None:
            parts.append(_el("enclosure", None, url=image.url, type=_image_type(image.url), length="0"))
        source = article.source
        if source is not None and source.url:
            parts.append(_el("source", source.publisher or source.headline or source.url, url=source.url))
        parts.append("</item>\n")
        yield "".join(parts)
    yield "</channel></rss>\n"


def rss_feed(
    corpus: Corpus,
    *,
    articles: Iterable[Article] | None = None,
    as_of: datetime | None = None,
    limit: int | None = None,
    feed_url: str | None = None,
) -> str:
    """An RSS 2.0 document of the corpus's published articles, newest first.

    ``articles`` picks the items (default: every published article, or those visible at
    ``as_of``); ``limit`` caps their number; ``feed_url`` adds the ``atom:link rel="self"`` that
    validators ask for.  Dates are RFC 822 with four-digit years and numeric offsets; bodies go in
    ``content:encoded``, excerpts (or an excerpt cut from the body) in ``description``; a
    password-protected post has neither (title, date and link only); every text is escaped and
    characters XML cannot carry are dropped, so the document is always well-formed.

    >>> from datetime import datetime, timezone
    >>> c = Corpus(site=Site(name="Capital Cities", base_url="https://example.org"),
    ...            articles=[Article(id="1", slug="a", title="A & B",
    ...                              published=datetime(2025, 12, 16, tzinfo=timezone.utc))])
    >>> "<title>A &amp; B</title>" in rss_feed(c)
    True
    """
    return "".join(_rss_parts(corpus, articles=articles, as_of=as_of, limit=limit, feed_url=feed_url))


def write_rss(
    corpus: Corpus,
    target: Target,
    *,
    articles: Iterable[Article] | None = None,
    as_of: datetime | None = None,
    limit: int | None = None,
    feed_url: str | None = None,
) -> None:
    """Write :func:`rss_feed` to a path or an open file (UTF-8), one item at a time."""
    write_parts(target, _rss_parts(corpus, articles=articles, as_of=as_of, limit=limit, feed_url=feed_url))


def _atom_parts(
    corpus: Corpus,
    *,
    articles: Iterable[Article] | None = None,
    as_of: datetime | None = None,
    limit: int | None = None,
    feed_url: str | None = None,
) -> Iterator[str]:
    site = corpus.site
    link_of = links(corpus)
    chosen = _choose(corpus, articles, as_of, limit)
    lang = f" xml:lang={xml_attr(_language(site))}" if _language(site) else ""
    newest = latest(chosen)
    head = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<feed xmlns="{_ATOM}"{lang}>\n',
        _el("id", link_of.home),
        _el("title", site.name),
    ]
    if site.description:
        head.append(_el("subtitle", site.description))
    # Atom requires <updated>; a feed with no entries has no date of its own: as_of, else the epoch.
    if newest is None:
        newest = as_of if as_of is not None else datetime(1970, 1, 1, tzinfo=timezone.utc)
    head.append(_el("updated", rfc3339(newest)))
    head.append(_el("link", None, href=link_of.home, rel="alternate", type="text/html"))
    if feed_url:
        head.append(_el("link", None, href=feed_url, rel="self", type="application/atom+xml"))
    head.append("<author>" + _el("name", site.name) + "</author>")
    head.append(_el("generator", "newsmodel") + "\n")
    yield "".join(head)
    for article in chosen:
        url = link_of.article(article)
        entry_id = article.id if article.id.startswith(("http://", "https://", "tag:", "urn:")) else url
        parts = ["<entry>", _el("id", entry_id), _el("title", article.title)]
        parts.append(_el("link", None, href=url, rel="alternate", type="text/html"))
        updated = article.modified or article.published
        if updated is not None:
            parts.append(_el("updated", rfc3339(updated)))
        if article.published is not None:
            parts.append(_el("published", rfc3339(article.published)))
        parts.extend(
            "<author>" + _el("name", name) + "</author>" for name in names_of(corpus.author, article.author_ids)
        )
        parts.extend(_el("category", None, term=term, scheme=domain) for term, domain in _terms(corpus, article))
        if article.excerpt and not article.is_protected:
            parts.append(_el("summary", article.excerpt, type="text"))
        content = "" if article.is_protected else body_html(article.body)
        if content:
            parts.append(_el("content", content, type="html"))
        image = article.feature_image
        if image is not None:
            parts.append(_el("link", None, href=image.url, rel="enclosure", type=_image_type(image.url)))
        source = article.source
        if source is not None and (source.url or source.publisher):
            parts.append("<source>")
            if source.publisher:
                parts.append(_el("title", source.publisher))
            if source.url:
                parts.append(_el("link", None, href=source.url))
            parts.append("</source>")
        parts.append("</entry>\n")
        yield "".join(parts)
    yield "</feed>\n"


def atom_feed(
    corpus: Corpus,
    *,
    articles: Iterable[Article] | None = None,
    as_of: datetime | None = None,
    limit: int | None = None,
    feed_url: str | None = None,
) -> str:
    """An Atom 1.0 document of the corpus's published articles, newest first.

    Has every element RFC 4287 requires (feed ``id``, ``title``, ``updated`` and an author; per
    entry ``id``, ``title``, ``updated``); dates are RFC 3339 with the article's own offset.  A
    password-protected post has no ``content`` and no ``summary``.

    >>> from datetime import datetime, timezone
    >>> c = Corpus(site=Site(name="Capital Cities", base_url="https://example.org"),
    ...            articles=[Article(id="1", slug="a", title="A",
    ...                              published=datetime(2025, 12, 16, tzinfo=timezone.utc))])
    >>> "<updated>2025-12-16T00:00:00Z</updated>" in atom_feed(c)
    True
    """
    return "".join(_atom_parts(corpus, articles=articles, as_of=as_of, limit=limit, feed_url=feed_url))


def write_atom(
    corpus: Corpus,
    target: Target,
    *,
    articles: Iterable[Article] | None = None,
    as_of: datetime | None = None,
    limit: int | None = None,
    feed_url: str | None = None,
) -> None:
    """Write :func:`atom_feed` to a path or an open file (UTF-8), one entry at a time."""
    write_parts(target, _atom_parts(corpus, articles=articles, as_of=as_of, limit=limit, feed_url=feed_url))
