"""JSON Feed: import versions 1.0 and 1.1, export 1.1.

Items map to articles field by field (see ``docs/formats/jsonfeed.md``); what newsmodel has and
JSON Feed lacks travels in a ``_newsmodel`` extension object on each item (source attribution,
subtitle, category names), so a corpus written and read again keeps it.  Unknown fields and other
extensions (any key starting with ``_``) are kept in ``extra``.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.corpus import Corpus
>>> from newsmodel.values.model import Article, Site
>>> c = Corpus(site=Site(name="Capital Cities", base_url="https://example.org"),
...            articles=[Article(id="1", slug="a", title="A",
...                              published=datetime(2025, 12, 16, 9, tzinfo=timezone.utc))])
>>> doc = jsonfeed(c)
>>> doc["version"], doc["items"][0]["date_published"]
('https://jsonfeed.org/version/1.1', '2025-12-16T09:00:00Z')
>>> back, report = read_jsonfeed(json.dumps(doc).encode())
>>> back.articles[0].published == c.articles[0].published
True
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import IO, Any, Union

from newsmodel.bodies.htmlparse import parse_html
from newsmodel.io._common import (
    Target,
    body_html,
    checked_url,
    json_safe,
    links,
    load_json,
    naive_zone,
    names_of,
    open_text_target,
    published_articles,
    rfc3339,
    site_locale,
    warn_without_base,
)
from newsmodel.io._items import ItemMapping
from newsmodel.io.feeds import parse_feed_date
from newsmodel.io.report import ImportReport, ImportReportBuilder
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.builder import CorpusBuilder
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import SourceError, UnknownId
from newsmodel.values.model import (
    Article,
    Author,
    Byline,
    FeatureImage,
    Site,
    SourceAttribution,
)
from newsmodel.values.safeurl import LINK_SCHEMES

__all__ = [
    "JSONFEED_VERSION",
    "iter_jsonfeed_items",
    "jsonfeed",
    "jsonfeed_version",
    "read_jsonfeed",
    "write_jsonfeed",
]

#: The version URL newsmodel writes.
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"

_VERSIONS = ("1", "1.1")
_VERSION_URL = re.compile(r"https?://jsonfeed\.org/version/([^/\s]+)/?")


def jsonfeed_version(doc: Any) -> str | None:
    """The JSON Feed version a parsed document declares (``"1"``, ``"1.1"`` …), or None when it is
    not a JSON Feed.

    Decided by the parsed ``version`` member, wherever it stands in the object (the spec asks for
    it first but allows any order) and however its slashes were escaped; ``http://`` is accepted
    as well as ``https://`` (early feeds wrote it), and surrounding spaces are ignored, as
    feedparser's JSON parser strips them.

    >>> jsonfeed_version({"items": [], "version": "http://jsonfeed.org/version/1"})
    '1'
    >>> jsonfeed_version({"version": "1.1"}) is None
    True
    """
    version = doc.get("version") if isinstance(doc, Mapping) else None
    if not isinstance(version, str):
        return None
    m = _VERSION_URL.fullmatch(version.strip())
    return m.group(1) if m else None


#: A JSON Feed to read: a path, a URL-less file, bytes, text of the document, or an open file.
JsonFeedSource = Union[str, "os.PathLike[str]", bytes, IO[bytes], IO[str], Mapping[str, Any]]

_ITEM_KEYS = frozenset(
    {
        "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
        "date_published", "date_modified", "authors", "author", "tags", "language", "_newsmodel",
    }
)  # fmt: skip
_FEED_KEYS = frozenset({"version", "title", "home_page_url", "description", "language", "items"})

# --------------------------------------------------------------------------- export


def _author_json(corpus: Corpus, author_id: str) -> dict[str, Any] | None:
    try:
        author = corpus.author(author_id)
    except UnknownId:
        return None
    out: dict[str, Any] = {"name": author.name}
    url = author.website or links(corpus).author(author_id)
    out["url"] = url
    if author.avatar_url:
        out["avatar"] = author.avatar_url
    return out


def jsonfeed_item(corpus: Corpus, article: Article) -> dict[str, Any]:
    """One article as a JSON Feed 1.1 item (a plain dict, keys in the spec's order).

    A password-protected post keeps its title, dates and link, with an empty ``content_html``
    (the spec asks for one) and no ``summary``.
    """
    link_of = links(corpus)
    url = link_of.article(article)
    item: dict[str, Any] = {"id": article.id, "url": url}
    if article.source is not None and article.source.url and article.source.url != url:
        item["external_url"] = article.source.url
    item["title"] = article.title
    protected = article.is_protected
    content = "" if protected else body_html(article.body)
    if content or protected or not article.body.blocks:
        item["content_html"] = content
    if article.excerpt and not protected:
        item["summary"] = article.excerpt
    if article.feature_image is not None:
        item["image"] = article.feature_image.url
    if article.published is not None:
        item["date_published"] = rfc3339(article.published)
    if article.modified is not None:
        item["date_modified"] = rfc3339(article.modified)
    authors = [a for a in (_author_json(corpus, aid) for aid in article.author_ids) if a is not None]
    if authors:
        item["authors"] = authors
    tags = names_of(corpus.tag, article.tag_ids)
    if tags:
        item["tags"] = tags
    if article.language:
        item["language"] = article.language
    ext: dict[str, Any] = {}
    if article.source is not None:
        src = article.source
        ext["source"] = {
            k: v
            for k, v in (("headline", src.headline), ("publisher", src.publisher), ("url", src.url))
            if v is not None
        }
    if article.subtitle:
        ext["subtitle"] = article.subtitle
    names = []
    for cid in article.category_ids:
        try:
            names.append(corpus.category(cid).name)
        except UnknownId:
            continue
    if names:
        ext["categories"] = names
    if ext:
        item["_newsmodel"] = ext
    return item


def _head(corpus: Corpus, feed_url: str | None) -> dict[str, Any]:
    site = corpus.site
    head: dict[str, Any] = {"version": JSONFEED_VERSION, "title": site.name, "home_page_url": links(corpus).home}
    if feed_url:
        head["feed_url"] = feed_url
    if site.description:
        head["description"] = site.description
    language = site.language or site.locale.replace("_", "-")
    if language:
        head["language"] = language
    return head


def iter_jsonfeed_items(
    corpus: Corpus,
    *,
    articles: Iterable[Article] | None = None,
    as_of: datetime | None = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """The items of :func:`jsonfeed`, one at a time (for streaming very large corpora)."""
    if articles is None:
        articles = published_articles(corpus, as_of=as_of, limit=limit)
    elif limit is not None:
        articles = tuple(articles)[:limit]
    for article in articles:
        yield jsonfeed_item(corpus, article)


def jsonfeed(
    corpus: Corpus,
    *,
    articles: Iterable[Article] | None = None,
    as_of: datetime | None = None,
    limit: int | None = None,
    feed_url: str | None = None,
) -> dict[str, Any]:
    """A JSON Feed 1.1 document (plain dicts and lists) of the corpus's published articles, newest first.

    ``articles``, ``as_of`` and ``limit`` choose the items as in :func:`~newsmodel.io.feeds.rss_feed`.
    Dates are RFC 3339 with each article's own offset.
    """
    doc = _head(corpus, feed_url)
    doc["items"] = list(iter_jsonfeed_items(corpus, articles=articles, as_of=as_of, limit=limit))
    return doc


def write_jsonfeed(
    corpus: Corpus,
    target: Target,
    *,
    articles: Iterable[Article] | None = None,
    as_of: datetime | None = None,
    limit: int | None = None,
    feed_url: str | None = None,
    indent: int | None = None,
) -> None:
    """Write :func:`jsonfeed` to a path or an open file (UTF-8), one item at a time.

    The output is the same JSON as ``json.dumps(jsonfeed(...))`` but never holds every item in
    memory at once.
    """
    head = _head(corpus, feed_url)
    with open_text_target(target) as fh:
        head_text = json.dumps(head, ensure_ascii=False, indent=indent)
        fh.write(head_text[:-1].rstrip() + (",\n" if indent else ", ") + json.dumps("items") + ": [")
        first = True
        for item in iter_jsonfeed_items(corpus, articles=articles, as_of=as_of, limit=limit):
            if not first:
                fh.write(",")
            fh.write("\n" if indent else "")
            fh.write(json.dumps(item, ensure_ascii=False))
            first = False
        fh.write("]}\n")


# --------------------------------------------------------------------------- import


def _load(source: JsonFeedSource) -> tuple[Any, str]:
    return load_json(source, what="JSON", text_starts="{")


def _text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourceError(f"{where}: expected a string, got {value!r}", place=where)
    return value


def read_jsonfeed(
    source: JsonFeedSource, *, site: Site | None = None, timezone: str | None = None
) -> tuple[Corpus, ImportReport]:
    """Read a JSON Feed (1.0 or 1.1) into a corpus and an import report.

    Accepts a path, bytes, the JSON text, an open file or the already-parsed object.  Dates may be
    RFC 3339 (what the spec asks) or anything :func:`~newsmodel.io.feeds.parse_feed_date` reads
    (real feeds write RFC 822); an item without a readable date is imported as a draft and
    reported.  A document that is not a JSON Feed raises :class:`~newsmodel.values.errors.SourceError`
    with the place.
    """
    doc, name = _load(source)
    if not isinstance(doc, Mapping):
        raise SourceError(f"{name}: a JSON Feed is an object, got {type(doc).__name__}", source=name, place=name)
    version = jsonfeed_version(doc)
    if version is None:
        raise SourceError(
            f"{name}: version: {doc.get('version')!r} is not a JSON Feed version URL"[:300], source=name, place=name
        )
    items = doc.get("items")
    if not isinstance(items, list):
        raise SourceError(f"{name}: items: expected a list, got {items!r}"[:300], source=name, place=f"{name}: items")
    report = ImportReportBuilder(source=name, format=f"jsonfeed {version}")
    zone = naive_zone(timezone, site)
    infer_zone = timezone is None and site is None
    if version not in _VERSIONS:
        report.warn(f"unknown JSON Feed version {doc['version']!r}; read as 1.1", place=name, code="version")
    feed_title = _text(doc.get("title"), f"{name}: title")
    if site is None:
        site_extra = json_safe({k: v for k, v in doc.items() if k not in _FEED_KEYS})
        home = _text(doc.get("home_page_url"), f"{name}: home_page_url") or None
        site = Site(
            name=feed_title or name,
            base_url=checked_url(home, field="home_page_url", extra=site_extra, report=report, place=name) or "",
            timezone=timezone or "UTC",
            description=_text(doc.get("description"), f"{name}: description"),
            locale=site_locale(_text(doc.get("language"), f"{name}: language"), report=report, place=name),
            language=_text(doc.get("language"), f"{name}: language"),
            extra=site_extra,
        )
        warn_without_base(site, field="home_page_url", report=report, place=name)
    mapping = ItemMapping(CorpusBuilder(site), report, zone=zone, parse_date=parse_feed_date, infer_zone=infer_zone)
    feed_authors = doc.get("authors") or ([doc["author"]] if isinstance(doc.get("author"), Mapping) else [])
    for index, item in enumerate(items):
        place = f"{name}: items[{index}]"
        if not isinstance(item, Mapping):
            raise SourceError(f"{place}: expected an object, got {item!r}"[:300], source=name, place=place)
        raw_id = item.get("id")
        extra: dict[str, Any] = {}
        if raw_id is None or raw_id == "":
            raw_id = item.get("url") or f"item-{index + 1}"
            extra["id_missing"] = True
            report.warn(f"item has no id (required); used {raw_id!r}", place=place, code="id")
        if not isinstance(raw_id, str):
            extra["id_json"] = raw_id
        article_id = mapping.article_id(str(raw_id), index=index, place=place, extra=extra)
        url = _text(item.get("url"), f"{place}.url")
        title = _text(item.get("title"), f"{place}.title") or ""
        ext: Mapping[str, Any] = item["_newsmodel"] if isinstance(item.get("_newsmodel"), Mapping) else {}
        slug = mapping.slug(url, title, article_id)
        dates: dict[str, datetime | None] = {}
        for key in ("date_published", "date_modified"):
            raw = item.get(key)
            dates[key] = mapping.date(key, raw, place=place, extra=extra)
            if dates[key] is not None and isinstance(raw, str) and not re.match(r"\d{4}-\d{2}-\d{2}T", raw):
                report.warn(f"{key} {raw!r} is not RFC 3339 (read anyway)", place=place, code="date-format")
        published, status = mapping.status(dates["date_published"], dates["date_modified"], place=place)
        modified = dates["date_modified"]
        content_html = _text(item.get("content_html"), f"{place}.content_html")
        content_text = _text(item.get("content_text"), f"{place}.content_text")
        if content_html is not None:
            body = parse_html(content_html)
            if content_text is not None:
                extra["content_text"] = content_text
        elif content_text:
            body = Body(
                blocks=tuple(
                    Paragraph(content=(Text(text=p.strip()),)) for p in re.split(r"\n\s*\n", content_text) if p.strip()
                )
            )
        else:
            body = Body()
        bylines: list[Byline] = []
        people = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), Mapping) else feed_authors)
        for person in people if isinstance(people, list) else []:
            if not isinstance(person, Mapping) or not (person.get("name") or person.get("url")):
                continue
            pname = str(person.get("name") or person.get("url"))
            mapping.byline(bylines, pname, functools.partial(_author, person, pname, report, place))
        tag_ids: list[str] = []
        for label in _tags(item.get("tags"), place, extra, report):
            mapping.tag(tag_ids, label)
        ext_source = ext.get("source")
        safe_url = checked_url(url, field="url", extra=extra, report=report, place=place)
        if isinstance(ext_source, Mapping):
            fields = {k: ext_source.get(k) for k in ("headline", "publisher", "url")}
            if isinstance(fields["url"], str):
                fields["url"] = checked_url(
                    fields["url"], field="_newsmodel.source.url", extra=extra, report=report, place=place
                )
            attribution = SourceAttribution(**fields)
        else:
            external = _text(item.get("external_url"), f"{place}.external_url") or None
            external = checked_url(external, field="external_url", extra=extra, report=report, place=place)
            attribution = SourceAttribution(headline=title or None, publisher=feed_title, url=external or safe_url)
        if ext.get("categories"):
            extra["categories"] = ext["categories"]
        for key, value in item.items():
            if key not in _ITEM_KEYS:
                extra[key] = value
        if item.get("external_url") and item["external_url"] != attribution.url:
            extra["external_url"] = item["external_url"]
        image = checked_url(
            _text(item.get("image"), f"{place}.image") or None, field="image", extra=extra, report=report, place=place
        )
        mapping.builder.add_article(
            Article(
                id=article_id,
                slug=slug,
                title=title,
                subtitle=ext.get("subtitle") or None,
                body=body,
                excerpt=_text(item.get("summary"), f"{place}.summary"),
                published=published,
                modified=modified,
                status=status,
                bylines=tuple(bylines),
                tag_ids=tuple(tag_ids),
                feature_image=FeatureImage(url=image) if image else None,
                language=_text(item.get("language"), f"{place}.language"),
                canonical_url=safe_url,
                source=attribution,
                extra=extra,
            )
        )
        report.imported("articles")
    return mapping.build(name), report.build()


def _tags(value: Any, place: str, extra: dict[str, Any], report: ImportReportBuilder) -> list[str]:
    """The tag names of an item's ``tags`` (an array of strings in the spec).

    A single string is a list of names some generators join with commas (``"workflow,omnifocus"``):
    it is split on the commas, never read as a sequence of one-letter tags, and reported.  What is
    neither a string nor an array of strings is kept in ``extra["tags"]`` and reported."""
    if value is None:
        return []
    if isinstance(value, str):
        names = [part.strip() for part in value.split(",") if part.strip()]
        report.warn(f"tags is a string, not an array: {value!r}; split on commas", place=f"{place}.tags", code="tags")
        return names
    if not isinstance(value, list):
        extra["tags"] = value
        report.warn(f"tags is not an array of strings: {value!r}; kept in extra", place=f"{place}.tags", code="tags")
        return []
    names = [label for label in value if isinstance(label, str)]
    other = [label for label in value if not isinstance(label, str)]
    if other:
        extra["tags"] = other
        report.warn(f"tags that are not strings: {other!r}; kept in extra", place=f"{place}.tags", code="tags")
    return names


def _author(person: Mapping[str, Any], name: str, report: ImportReportBuilder, place: str, author_id: str) -> Author:
    """The author of a JSON Feed author object, the first time its name is seen."""
    extra = {k: v for k, v in person.items() if k not in ("name", "url", "avatar")}
    who = f"{place}: author {name!r}"
    website = checked_url(
        _text(person.get("url"), f"{who}.url") or None,
        field="url",
        extra=extra,
        report=report,
        place=who,
        schemes=LINK_SCHEMES,
    )
    avatar = checked_url(
        _text(person.get("avatar"), f"{who}.avatar") or None, field="avatar", extra=extra, report=report, place=who
    )
    return Author(id=author_id, slug=author_id, name=name, website=website, avatar_url=avatar, extra=extra)
