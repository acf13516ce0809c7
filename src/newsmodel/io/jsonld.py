"""schema.org JSON-LD: export ``NewsArticle`` (with a ``BreadcrumbList``) for an article page, and
import the article-like objects of a JSON-LD document.

Export follows what search engines read for news pages: dates with the site's UTC offset, authors
as ``Person``, the site as the publishing ``Organization``, the source line as ``isBasedOn``, the
category path as ``BreadcrumbList``.

>>> from newsmodel.sample import SEED_SLUG, generate
>>> corpus = generate(articles=50)
>>> doc = news_article_jsonld(corpus, corpus.article_by_slug(SEED_SLUG))
>>> doc["@type"], doc["datePublished"][-6:], doc["author"][0]["@type"]
('NewsArticle', '-05:00', 'Person')
>>> [item["name"] for item in breadcrumb_jsonld(corpus, corpus.article_by_slug(SEED_SLUG))["itemListElement"]]
['Home', 'World', 'ASIA', 'South Korea', 'Seoul']
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import IO, Any, Union

from newsmodel.bodies import textstats
from newsmodel.io._common import (
    Target,
    checked_url,
    json_safe,
    links,
    load_json,
    naive_zone,
    names_of,
    open_text_target,
)
from newsmodel.io._items import ItemMapping
from newsmodel.io.feeds import parse_feed_date
from newsmodel.io.report import ImportReport, ImportReportBuilder
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.builder import CorpusBuilder
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import UnknownId
from newsmodel.values.model import (
    Article,
    Author,
    Byline,
    Category,
    FeatureImage,
    Site,
    SourceAttribution,
)
from newsmodel.values.safeurl import LINK_SCHEMES
from newsmodel.values.slugs import slugify
from newsmodel.widgets.taxonomy import breadcrumbs

__all__ = [
    "ARTICLE_TYPES",
    "breadcrumb_jsonld",
    "news_article_jsonld",
    "page_jsonld",
    "read_jsonld",
    "word_count",
    "write_jsonld",
]

#: schema.org types read as articles on import (``Article`` and its subtypes that news sites use).
ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle",
        "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "SatiricalArticle",
        "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting", "Report",
        "ScholarlyArticle", "TechArticle", "AdvertiserContentArticle",
    }
)  # fmt: skip

_CONTEXT = "https://schema.org"

# --------------------------------------------------------------------------- export


def word_count(body: Body) -> int:
    """Words in the body's text, as :func:`newsmodel.bodies.textstats.word_count` counts them (CJK-aware).

    >>> word_count(Body(blocks=(Paragraph(content=(Text(text="Trump-Kim summit, 2026."),)),)))
    3
    """
    return textstats.word_count(body)


def _local(corpus: Corpus, when: datetime) -> str:
    return corpus.site.wall_clock(when).replace(microsecond=0).isoformat()


def _organization(corpus: Corpus) -> dict[str, Any]:
    site = corpus.site
    org: dict[str, Any] = {"@type": "Organization", "name": site.name, "url": links(corpus).home}
    logo = site.extra.get("logo")
    if isinstance(logo, str):
        org["logo"] = {"@type": "ImageObject", "url": logo}
    return org


def news_article_jsonld(corpus: Corpus, article: Article) -> dict[str, Any]:
    """The schema.org ``NewsArticle`` of an article page, as plain JSON data.

    Keys: ``headline``, ``alternativeHeadline`` (subtitle), ``datePublished`` and
    ``dateModified`` in the site's time zone with their offset, ``author`` (``Person`` each),
    ``publisher`` (the site as ``Organization``), ``articleSection`` (the primary category's
    name), ``keywords`` (tag names), ``wordCount``, ``timeRequired`` (ISO 8601 duration),
    ``image``, ``isBasedOn`` (the source attribution), ``mainEntityOfPage``, ``url``,
    ``inLanguage`` and ``description`` (the excerpt); absent values are left out.  A
    password-protected article says nothing of its body: no ``description``, ``wordCount`` or
    ``timeRequired``.
    """
    link_of = links(corpus)
    url = link_of.article(article)
    doc: dict[str, Any] = {"@context": _CONTEXT, "@type": "NewsArticle", "@id": url + "#article"}
    doc["headline"] = article.title
    if article.subtitle:
        doc["alternativeHeadline"] = article.subtitle
    protected = article.is_protected
    if article.excerpt and not protected:
        doc["description"] = article.excerpt
    if article.published is not None:
        doc["datePublished"] = _local(corpus, article.published)
    if article.modified is not None or article.published is not None:
        doc["dateModified"] = _local(corpus, article.modified or article.published)  # type: ignore[arg-type]
    people = []
    for author_id in article.author_ids:
        try:
            author = corpus.author(author_id)
        except UnknownId:
            continue
        person: dict[str, Any] = {"@type": "Person", "name": author.name, "url": link_of.author(author.id)}
        same_as = [p.url for p in author.social] + ([author.website] if author.website else [])
        if same_as:
            person["sameAs"] = same_as
        people.append(person)
    if people:
        doc["author"] = people
    doc["publisher"] = _organization(corpus)
    main = article.main_category_id
    if main is not None:
        with contextlib.suppress(UnknownId):
            doc["articleSection"] = corpus.category(main).name
    keywords = names_of(corpus.tag, article.tag_ids)
    if keywords:
        doc["keywords"] = keywords
    if not protected:
        words = word_count(article.body)
        doc["wordCount"] = words
        if words:
            doc["timeRequired"] = textstats.reading_time(article.body).iso8601
    image = article.feature_image
    if image is not None:
        img: dict[str, Any] = {"@type": "ImageObject", "url": image.url}
        for key, value in (("width", image.width), ("height", image.height), ("caption", image.caption)):
            if value is not None:
                img[key] = value
        if image.credit:
            img["creditText"] = image.credit
        doc["image"] = [img]
    source = article.source
    if source is not None and (source.headline or source.url or source.publisher):
        based: dict[str, Any] = {"@type": "NewsArticle"}
        if source.headline:
            based["headline"] = source.headline
        if source.url:
            based["url"] = source.url
        if source.publisher:
            based["publisher"] = {"@type": "Organization", "name": source.publisher}
        doc["isBasedOn"] = based
    doc["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
    doc["url"] = url
    language = article.language or corpus.site.language or corpus.site.locale.replace("_", "-")
    if language:
        doc["inLanguage"] = language
    return doc


def breadcrumb_jsonld(corpus: Corpus, article: Article, *, home_label: str = "Home") -> dict[str, Any]:
    """The article's breadcrumbs (home, then its primary category's path) as a ``BreadcrumbList``."""
    trail = breadcrumbs(corpus.categories, article, site=corpus.site, home_label=home_label)
    return {
        "@context": _CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": crumb.label, "item": crumb.url}
            for i, crumb in enumerate(trail, start=1)
        ],
    }


def page_jsonld(corpus: Corpus, article: Article) -> dict[str, Any]:
    """Both objects of an article page in one ``@graph``: the ``NewsArticle`` and its ``BreadcrumbList``."""
    graph = []
    for obj in (news_article_jsonld(corpus, article), breadcrumb_jsonld(corpus, article)):
        graph.append({k: v for k, v in obj.items() if k != "@context"})
    return {"@context": _CONTEXT, "@graph": graph}


def write_jsonld(
    corpus: Corpus,
    target: Target,
    *,
    articles: Iterator[Article] | tuple[Article, ...] | None = None,
) -> None:
    """Write :func:`page_jsonld` of each article (default: every post the source published,
    newest first) as JSON Lines, one page a line."""
    if articles is None:
        articles = tuple(a for a in corpus.newest_first() if a.is_visible(None))
    with open_text_target(target) as fh:
        for article in articles:
            fh.write(json.dumps(page_jsonld(corpus, article), ensure_ascii=False))
            fh.write("\n")


# --------------------------------------------------------------------------- import

JsonLdSource = Union[str, "os.PathLike[str]", bytes, IO[bytes], IO[str], Mapping[str, Any], list[Any]]


def _strip(key: str) -> str:
    for prefix in ("schema:", "https://schema.org/", "http://schema.org/"):
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def _normalize(value: Any) -> Any:
    """Keys and type names without a ``schema:`` prefix."""
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            key = _strip(k)
            if key == "@type":
                v = [_strip(t) for t in v] if isinstance(v, list) else _strip(v) if isinstance(v, str) else v
            out[key] = _normalize(v) if key != "@context" else v
        return out
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    return value


def _types(obj: Mapping[str, Any]) -> tuple[str, ...]:
    value = obj.get("@type")
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


# ``isBasedOn`` is the source attribution of the article that holds it, not an article of the site.
_NOT_WALKED = frozenset({"@context", "isBasedOn"})


def _walk(value: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(value, Mapping):
        yield path, value
        for key, inner in value.items():
            if key not in _NOT_WALKED:
                yield from _walk(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _walk(inner, f"{path}[{i}]")


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _text(value: Any, keys: tuple[str, ...]) -> str | None:
    """A schema.org value as one string: the (first) string itself, or the first of ``keys`` a
    (first) node has."""
    value = _first(value)
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        found = next((value[k] for k in keys if value.get(k)), value.get(keys[-1]))
        return found if isinstance(found, str) else None
    return None


def _name(value: Any) -> str | None:
    return _text(value, ("name", "@id", "url"))


def _url(value: Any) -> str | None:
    return _text(value, ("url", "@id", "contentUrl"))


def _load(source: JsonLdSource) -> tuple[Any, str]:
    return load_json(source, what="JSON-LD", text_starts="{[", text_unless_file=True)


_MAPPED = frozenset(
    {
        "@context", "@type", "@id", "headline", "name", "alternativeHeadline", "datePublished",
        "dateModified", "author", "creator", "articleSection", "keywords", "image", "isBasedOn",
        "mainEntityOfPage", "url", "inLanguage", "description", "articleBody",
    }
)  # fmt: skip


def read_jsonld(
    source: JsonLdSource, *, site: Site | None = None, timezone: str | None = None
) -> tuple[Corpus, ImportReport]:
    """Read the articles of a JSON-LD document (one object, a list, or an ``@graph``) into a corpus.

    Every object whose ``@type`` is in :data:`ARTICLE_TYPES`, at any depth (a ``Blog``'s
    ``blogPost`` included), becomes an article; other top-level objects are counted as skipped
    by type.  ``articleSection`` values become top-level categories, ``keywords`` tags, authors
    (``Person`` or ``Organization``) authors, ``isBasedOn`` the source attribution; the first
    publisher names the site unless ``site`` is given.  Unmapped properties are kept in ``extra``.
    Dates without an offset are read in ``timezone`` (an IANA name; default UTC) and reported.

    >>> corpus, report = read_jsonld('''{"@context": "https://schema.org", "@type": "NewsArticle",
    ...   "headline": "Summit set", "datePublished": "2025-12-16T09:00:00+09:00",
    ...   "author": {"@type": "Person", "name": "Victoria Jones"}, "keywords": "Kim Jong Un, Seoul"}''')
    >>> a = corpus.articles[0]
    >>> a.title, a.published.isoformat(), [t.name for t in corpus.tags]
    ('Summit set', '2025-12-16T09:00:00+09:00', ['Kim Jong Un', 'Seoul'])
    """
    raw, name = _load(source)
    doc = _normalize(raw)
    report = ImportReportBuilder(source=name, format="json-ld")
    zone = naive_zone(timezone, site)
    infer_zone = timezone is None and site is None
    found: list[tuple[str, Mapping[str, Any]]] = []
    for path, obj in _walk(doc, "$"):
        if set(_types(obj)) & ARTICLE_TYPES:
            found.append((path, obj))
    tops = doc.get("@graph", [doc]) if isinstance(doc, Mapping) else doc
    for top in tops if isinstance(tops, list) else []:
        if isinstance(top, Mapping) and not set(_types(top)) & ARTICLE_TYPES:
            report.skipped((_types(top) or ("untyped",))[0])
    if not found:
        report.warn("no Article, NewsArticle or BlogPosting object in the document", place=name, code="empty")
    publisher = next((_name(o.get("publisher")) for _, o in found if _name(o.get("publisher"))), None)
    if site is None:
        site = Site(name=publisher or name, base_url="", timezone=timezone or "UTC")
    mapping = ItemMapping(CorpusBuilder(site), report, zone=zone, parse_date=parse_feed_date, infer_zone=infer_zone)
    builder = mapping.builder
    categories: dict[str, Category] = {}
    for index, (path, obj) in enumerate(found):
        place = f"{name}: {path}"
        url = _url(obj.get("url")) or _url(obj.get("mainEntityOfPage"))
        raw_id = obj.get("@id")
        title = _name(obj.get("headline")) or _name(obj.get("name")) or ""
        extra: dict[str, Any] = {"@type": obj.get("@type")}
        extra.update({k: v for k, v in obj.items() if k not in _MAPPED})
        article_id = mapping.article_id(
            raw_id if isinstance(raw_id, str) and raw_id else url or f"jsonld-{index + 1}",
            index=index,
            place=place,
            extra=extra,
        )
        dates: dict[str, datetime | None] = {}
        for key in ("datePublished", "dateModified"):
            value = obj.get(key)
            dates[key] = when = mapping.date(key, value, place=place, extra=extra, raw_key=key)
            if when is not None and isinstance(value, str) and not re.search(r"(Z|[+-]\d{2}:?\d{2})$", value):
                report.warn(f"{key} {value!r} has no UTC offset; read in {zone}", place=place, code="date")
        modified = dates["dateModified"]
        published, status = mapping.status(
            dates["datePublished"], modified, place=place, what="article has no datePublished"
        )
        bylines: list[Byline] = []
        people = obj.get("author") or obj.get("creator") or []
        for person in people if isinstance(people, list) else [people]:
            pname = _name(person)
            if pname:
                mapping.byline(bylines, pname, functools.partial(_author, person, pname, report, place))
        sections = obj.get("articleSection") or []
        category_ids = []
        for section in sections if isinstance(sections, list) else [sections]:
            if isinstance(section, str) and section.strip():
                cslug = slugify(section)
                if cslug not in categories:
                    categories[cslug] = builder.add_category(Category(id=cslug, slug=cslug, name=section))
                if cslug not in category_ids:
                    category_ids.append(cslug)
        keywords = obj.get("keywords") or []
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        tag_ids: list[str] = []
        for word in keywords if isinstance(keywords, list) else []:
            mapping.tag(tag_ids, _name(word) or "")
        images = obj.get("image")
        image_url = checked_url(_url(images), field="image", extra=extra, report=report, place=place)
        if isinstance(images, list) and len(images) > 1:
            extra["image"] = images[1:]
        feature = None
        if image_url:
            first = _first(images)
            caption = first.get("caption") if isinstance(first, Mapping) else None
            width = first.get("width") if isinstance(first, Mapping) else None
            height = first.get("height") if isinstance(first, Mapping) else None
            feature = FeatureImage(
                url=image_url,
                caption=caption if isinstance(caption, str) else None,
                width=width if isinstance(width, int) else None,
                height=height if isinstance(height, int) else None,
            )
        based = _first(obj.get("isBasedOn"))
        if isinstance(based, Mapping):
            attribution: SourceAttribution | None = SourceAttribution(
                headline=_name(based.get("headline")) or _name(based.get("name")),
                publisher=_name(based.get("publisher")),
                url=checked_url(_url(based), field="isBasedOn", extra=extra, report=report, place=place),
            )
        elif isinstance(based, str):
            attribution = SourceAttribution(
                url=checked_url(based, field="isBasedOn", extra=extra, report=report, place=place)
            )
        else:
            attribution = None
        body_text = obj.get("articleBody")
        body = Body()
        if isinstance(body_text, str) and body_text.strip():
            body = Body(
                blocks=tuple(
                    Paragraph(content=(Text(text=p.strip()),)) for p in re.split(r"\n\s*\n", body_text) if p.strip()
                )
            )
        builder.add_article(
            Article(
                id=article_id,
                slug=mapping.slug(url, title, article_id),
                title=title,
                subtitle=_name(obj.get("alternativeHeadline")),
                body=body,
                excerpt=obj.get("description") if isinstance(obj.get("description"), str) else None,
                published=published,
                modified=modified,
                status=status,
                bylines=tuple(bylines),
                category_ids=tuple(category_ids),
                tag_ids=tuple(tag_ids),
                feature_image=feature,
                language=_name(obj.get("inLanguage")),
                canonical_url=checked_url(url, field="url", extra=extra, report=report, place=place),
                source=attribution,
                extra=json_safe(extra),
            )
        )
        report.imported("articles")
    corpus = mapping.build(name)
    report.imported("categories", len(corpus.categories))
    return corpus, report.build()


def _author(person: Any, name: str, report: ImportReportBuilder, place: str, author_id: str) -> Author:
    """The author of a schema.org ``Person`` or ``Organization`` (or a bare name), the first
    time its name is seen."""
    extra: dict[str, Any] = (
        json_safe({k: v for k, v in person.items() if k not in ("name", "url")}) if isinstance(person, Mapping) else {}
    )
    website = checked_url(
        _url(person) if isinstance(person, Mapping) else None,
        field="url",
        extra=extra,
        report=report,
        place=f"{place} author {name!r}",
        schemes=LINK_SCHEMES,
    )
    return Author(id=author_id, slug=author_id, name=name, website=website, extra=extra)
