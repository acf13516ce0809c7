"""WordPress eXtended RSS (WXR): import WXR 1.0, 1.1 and 1.2 exports, and export WXR 1.2.

Reading streams the file through the standard library's C XML parser
(:class:`xml.etree.ElementTree.XMLPullParser`) and clears each element once it is read, so memory
does not grow with the file.  Before a byte reaches the parser, the prolog is checked: a document
type declaration — the only place where XML can declare entities, internal (billion laughs) or
external (``SYSTEM "file:///etc/passwd"``) — is refused, so nothing is ever expanded or fetched;
WordPress never writes one.  The WXR namespace is recognised by its
shape (``http://wordpress.org/export/<version>/``, http or https), never by one hard-coded
version or by its prefix.

>>> import io
>>> xml = b'''<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
...   xmlns:dc="http://purl.org/dc/elements/1.1/"
...   xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
... <title>Capital Cities</title><link>https://example.org</link>
... <wp:wxr_version>1.2</wp:wxr_version>
... <wp:author><wp:author_login>vjones</wp:author_login>
...   <wp:author_display_name>Victoria Jones</wp:author_display_name></wp:author>
... <item><title>Hello</title><dc:creator>vjones</dc:creator>
...   <content:encoded><![CDATA[<p>Hi.</p>]]></content:encoded>
...   <wp:post_id>7</wp:post_id><wp:post_date>2025-12-16 18:00:00</wp:post_date>
...   <wp:post_date_gmt>2025-12-16 09:00:00</wp:post_date_gmt><wp:post_name>hello</wp:post_name>
...   <wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
... </channel></rss>'''
>>> corpus, report = read_wxr(io.BytesIO(xml))
>>> corpus.article("7").published.isoformat()
'2025-12-16T18:00:00+09:00'
>>> corpus.article("7").author_ids
('vjones',)
>>> report.imported_count("articles")
1
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta, timezone
from typing import IO, Any, TypeVar, Union
from urllib.parse import unquote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from newsmodel.body import Body, RawHtml
from newsmodel.builder import CorpusBuilder, parents_first
from newsmodel.corpus import Corpus
from newsmodel.errors import InvalidSite, NewsModelError, WxrError
from newsmodel.htmlparse import parse_html
from newsmodel.io._common import UNSAFE_URLS, Target, checked_url, open_text_target
from newsmodel.io._xml import PrologGuard, is_xml_name, xml_attr, xml_cdata, xml_chars, xml_text
from newsmodel.io.report import ImportReport, ImportReportBuilder
from newsmodel.model import (
    Article,
    ArticleStatus,
    Author,
    Byline,
    Category,
    Extra,
    FeatureImage,
    Site,
    Tag,
    thaw,
)
from newsmodel.render import render_html
from newsmodel.slugs import SlugRegistry, slugify

__all__ = [
    "WxrReader",
    "is_wxr_namespace",
    "iter_wxr",
    "merge_tags",
    "read_wxr",
    "write_wxr",
]

_T = TypeVar("_T")

#: A path or an open binary file.
Source = Union[str, "os.PathLike[str]", IO[bytes]]

_WP_NS_RE = re.compile(r"^https?://wordpress\.org/export/(\d+(?:\.\d+)*)/$")
_EXCERPT_NS_RE = re.compile(r"^https?://wordpress\.org/export/\d+(?:\.\d+)*/excerpt/$")
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ZERO_DATE = "0000-00-00 00:00:00"

#: WordPress post status -> newsmodel status.
_STATUS = {
    "publish": ArticleStatus.PUBLISHED,
    "future": ArticleStatus.SCHEDULED,
    "draft": ArticleStatus.DRAFT,
    "pending": ArticleStatus.PENDING,
    "private": ArticleStatus.PRIVATE,
}
_WP_STATUS = {v: k for k, v in _STATUS.items()}
#: Post types imported as articles; everything else is skipped and counted.
_ARTICLE_TYPES = ("post", "page")
#: The postmeta / termmeta key newsmodel's own export uses for what WXR cannot carry.
META_KEY = "_newsmodel"
#: The namespace of newsmodel's own elements in an export (WordPress's importer ignores them).
NEWSMODEL_NS = "https://example.org/newsmodel/wxr/1.0/"
_NM_SITE = f"{{{NEWSMODEL_NS}}}site"
_NM_AUTHOR = f"{{{NEWSMODEL_NS}}}author"
_NM_ORDER = f"{{{NEWSMODEL_NS}}}category_order"


def is_wxr_namespace(uri: str) -> bool:
    """True for a WXR namespace URI of any version, http or https.

    >>> is_wxr_namespace("https://wordpress.org/export/1.2/"), is_wxr_namespace("http://wordpress.org/export/1.0/")
    (True, True)
    >>> is_wxr_namespace("http://example.com/fake/")
    False
    """
    return _WP_NS_RE.match(uri) is not None


_NAME_CACHE: dict[str, str] = {}


def _name(tag: str) -> str:
    """A namespace-independent name: ``wp:post_id``, ``excerpt:encoded``, ``content:encoded``,
    ``dc:creator``, a bare local name for un-namespaced elements, else ``{uri}local``."""
    name = _NAME_CACHE.get(tag)
    if name is not None:
        return name
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        if _WP_NS_RE.match(uri):
            name = f"wp:{local}"
        elif _EXCERPT_NS_RE.match(uri):
            name = f"excerpt:{local}"
        elif uri == _CONTENT_NS:
            name = f"content:{local}"
        elif uri == _DC_NS:
            name = f"dc:{local}"
        else:
            name = tag
    else:
        name = tag
    if len(_NAME_CACHE) < 10_000:
        _NAME_CACHE[tag] = name
    return name


def _text(elem: ET.Element) -> str:
    return elem.text or ""


def _strip(elem: ET.Element) -> str:
    return (elem.text or "").strip()


def _meta_pairs(elem: ET.Element) -> list[list[str]]:
    key = value = ""
    for child in elem:
        tag = child.tag
        n = _NAME_CACHE.get(tag) or _name(tag)
        if n == "wp:meta_key":
            key = (child.text or "").strip()
        elif n == "wp:meta_value":
            value = child.text or ""
    return [[key, value]]


def _fields(elem: ET.Element) -> dict[str, str]:
    """The simple ``name -> text`` fields of a flat WXR element (first occurrence wins)."""
    out: dict[str, str] = {}
    for child in elem:
        n = _name(child.tag)
        if n not in out:
            out[n] = _text(child)
    return out


# --------------------------------------------------------------------------- dates


def _wp_datetime(value: str | None) -> datetime | None:
    """A naive datetime from WordPress's ``YYYY-MM-DD HH:MM:SS``; None for empty or all-zero."""
    if value is None:
        return None
    value = value.strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _plausible(offset: timedelta) -> bool:
    seconds = offset.total_seconds()
    return -12 * 3600 <= seconds <= 14 * 3600 and seconds % 900 == 0


def _format_wp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


@attrs.frozen(kw_only=True)
class _Dated:
    value: datetime | None
    exact: bool  # False when the raw strings must be kept to write them back
    warning: str | None = None


def _resolve_date(local_s: str | None, gmt_s: str | None, zone: ZoneInfo | None, floating: bool) -> _Dated:
    """The instant of a ``post_date`` / ``post_date_gmt`` pair (see the module docs for the rule)."""
    local = _wp_datetime(local_s)
    gmt = _wp_datetime(gmt_s)
    if local is not None and gmt is not None:
        offset = local - gmt
        if _plausible(offset):
            return _Dated(value=local.replace(tzinfo=timezone(offset)), exact=True)
    if gmt is None and floating:
        # A draft that never had a date fixed: WordPress writes post_date_gmt as zeros.
        return _Dated(value=None, exact=local_s is None and gmt_s is None)
    if local is not None and zone is not None:
        why = "has no usable post_date_gmt" if gmt is None else f"disagrees with post_date_gmt {gmt_s!r}"
        return _Dated(
            value=local.replace(tzinfo=zone),
            exact=False,
            warning=f"post_date {local_s!r} {why}; read it in the site time zone {zone.key!r}",
        )
    if gmt is not None:
        why = "is missing" if local is None else f"{local_s!r} is not a plausible UTC offset away"
        return _Dated(
            value=gmt.replace(tzinfo=timezone.utc),
            exact=False,
            warning=f"post_date {why} from post_date_gmt {gmt_s!r}; used post_date_gmt as UTC",
        )
    if local is not None:
        return _Dated(
            value=local.replace(tzinfo=timezone.utc),
            exact=False,
            warning=f"post_date_gmt {gmt_s!r} is unusable and no site time zone was given;"
            f" read post_date {local_s!r} as UTC",
        )
    return _Dated(value=None, exact=local_s is None and gmt_s is None)


# --------------------------------------------------------------------------- bodies


def _parse_html(html: str) -> Body:
    """The body of WordPress HTML content, as typed blocks."""
    if not html.strip():
        return Body()
    return parse_html(html)


# --------------------------------------------------------------------------- reading


@attrs.frozen(kw_only=True)
class _Attachment:
    url: str
    title: str | None
    caption: str | None
    alt: str | None


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidSite(f"timezone: unknown IANA time zone {name!r}", value=name, where="timezone") from exc


def _valid_slug(value: str) -> bool:
    return len(value) <= 200 and _SLUG_RE.match(value) is not None


class WxrReader:
    """Streams one WXR file into newsmodel entities.

    :meth:`records` yields :class:`Author`, :class:`Category`, :class:`Tag` and :class:`Article`
    values in file order, holding only one item in memory at a time.  After it is exhausted,
    :attr:`site` is the channel's :class:`Site` and :meth:`report` the import report.

    ``timezone`` (an IANA name) is the site's zone: it becomes :attr:`Site.timezone` and reads
    dates whose ``post_date_gmt`` is missing or implausible.  ``pages=False`` skips pages.
    ``parse_bodies=False`` keeps each body as one :class:`~newsmodel.body.RawHtml` block (reason
    ``"unparsed"``) instead of typed blocks: a bulk conversion that parses bodies later.
    ``progress``, when given, is called with the number of bytes read so far after each chunk
    (the command line draws its progress bar with it).
    """

    def __init__(
        self,
        source: Source,
        *,
        timezone: str | None = None,
        pages: bool = True,
        parse_bodies: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.source = source
        self.parse_bodies = parse_bodies
        self.progress = progress
        self.name = _source_name(source)
        self.zone = _zone(timezone) if timezone else None
        self.pages = pages
        self._report = ImportReportBuilder(source=self.name, format="wxr")
        self._channel: dict[str, str] = {}
        self._site_extra: dict[str, Any] = {}
        self._version: str | None = None
        self._saw_wxr = False
        self._authors: dict[str, Author] = {}
        self._author_slugs = SlugRegistry(reserved=())
        self._cat_by_nicename: dict[str, str] = {}
        self._cat_ids: set[str] = set()
        self._cat_slugs: dict[str | None, SlugRegistry] = {}
        self._tag_by_nicename: dict[str, str] = {}
        self._tag_ids: set[str] = set()
        self._article_slugs = SlugRegistry(reserved=())
        self._article_ids: set[str] = set()
        self._attachments: dict[str, _Attachment] = {}
        self._pending_thumbs: dict[str, str] = {}  # article id -> attachment id
        self._item_no = 0
        self.site: Site | None = None
        self._own_site: Any = None
        #: Authors created for a ``dc:creator`` that the channel does not declare.
        self.pending_authors: list[Author] = []
        #: Categories and tags created for item terms the channel does not declare.
        self.pending_terms: list[Category | Tag] = []
        #: The corpus order of categories when newsmodel's export had to write parents first.
        self.category_order: list[str] | None = None
        #: Ids of tags restored from newsmodel's own meta (already merged: never merged again).
        self.restored_tag_ids: set[str] = set()

    # ------------------------------------------------------------------ public

    def report(self) -> ImportReport:
        """The report of what was read so far."""
        return self._report.build()

    def records(self) -> Iterator[Author | Category | Tag | Article]:
        """Every entity of the file, in file order (see the class docs)."""
        depth = 0
        channel: ET.Element | None = None
        root_seen = False
        try:
            for events in _xml_batches(self.source, self.name, self.progress):
                for event, elem in events:
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            root_seen = True
                            if _name(elem.tag) != "rss":
                                raise WxrError(
                                    f"{self.name}: the root element is {elem.tag!r}, not 'rss': not a WXR file",
                                    source=self.name,
                                    place="root",
                                )
                        elif depth == 2 and _name(elem.tag) == "channel":
                            channel = elem
                        continue
                    depth -= 1
                    if depth == 2 and channel is not None:
                        yield from self._channel_child(elem)
                        channel.clear()
        except ET.ParseError as exc:
            line, column = exc.position
            raise WxrError(
                f"{self.name}:{line}:{column}: not well-formed XML ({_parse_message(exc)})"
                + (f" after item {self._item_no}" if self._item_no else ""),
                source=self.name,
                place=f"line {line}, column {column}",
            ) from exc
        if not root_seen or channel is None:
            raise WxrError(f"{self.name}: no <channel> element: not a WXR file", source=self.name, place="root")
        if not self._saw_wxr:
            raise WxrError(
                f"{self.name}: no element in a WordPress export namespace"
                " (http://wordpress.org/export/<version>/): not a WXR file",
                source=self.name,
                place="channel",
            )
        if self._version is None:
            self._report.warn("no wp:wxr_version; read it as WXR 1.2", place=f"{self.name}: channel", code="version")
        self._report.format = f"wxr {self._version or '?'}"
        self.site = self._make_site()

    # ------------------------------------------------------------------ channel

    def _channel_child(self, elem: ET.Element) -> Iterator[Author | Category | Tag | Article]:
        n = _name(elem.tag)
        if n.startswith("wp:"):
            self._saw_wxr = True
        if n == "item":
            self._item_no += 1
            article = self._item(elem)
            if article is not None:
                yield article
        elif n == "wp:author":
            yield self._author(_fields(elem), place=f"{self.name}: wp:author")
        elif n == "wp:category":
            cat = self._category(elem)
            if cat is not None:
                yield cat
        elif n == "wp:tag":
            tag = self._tag(elem)
            if tag is not None:
                yield tag
        elif n == "wp:term":
            self._term(elem)
        elif n == "wp:wxr_version":
            version = _strip(elem)
            self._version = version
            if not re.fullmatch(r"1\.[0-2]", version):
                self._report.warn(
                    f"unknown wp:wxr_version {version!r}; read it as WXR 1.2",
                    place=f"{self.name}: channel",
                    code="version",
                )
        elif n in ("title", "link", "description", "language", "pubDate", "generator"):
            self._channel.setdefault(n, _text(elem))
        elif n == _NM_SITE:
            self._own_site = _load_json(_text(elem))
        elif n == _NM_ORDER:
            order = _load_json(_text(elem))
            if isinstance(order, list):
                self.category_order = [str(x) for x in order]
        elif n in ("wp:base_site_url", "wp:base_blog_url"):
            self._site_extra[f"wxr:{n[3:]}"] = _strip(elem)
        else:
            self._report.skipped("unknown channel element")
            self._site_extra.setdefault("wxr:elements", []).append([elem.tag, _text(elem)])

    def _make_site(self) -> Site:
        if self._own_site is not None:
            try:
                site: Site = _serialize().structure(self._own_site, Site)
            except (NewsModelError, ValueError, TypeError, KeyError):
                pass
            else:
                return site
        ch = self._channel
        title = ch.get("title", "").strip()
        base = ch.get("link", "").strip() or self._site_extra.get("wxr:base_blog_url", "")
        extra = dict(self._site_extra)
        if self._version is not None:
            extra["wxr:version"] = self._version
        for key in ("pubDate", "generator"):
            if key in ch:
                extra[f"wxr:{key}"] = ch[key].strip()
        safe_base = checked_url(
            base or None, field="link", extra=extra, report=self._report, place=f"{self.name}: channel"
        )
        return Site(
            name=title,
            base_url=safe_base or "",
            timezone=self.zone.key if self.zone else "UTC",
            description=ch.get("description", "").strip() or None,
            language=ch.get("language", "").strip() or None,
            extra=extra,
        )

    def _author(self, f: Mapping[str, str], *, place: str) -> Author:
        own = _load_json(f.get(_NM_AUTHOR, ""))
        if isinstance(own, dict):
            restored = _restore(own, Author)
            if restored is not None and restored.id not in self._authors:
                self._authors[restored.id] = restored
                self._author_slugs.add(restored.slug)
                self._report.imported("authors")
                return restored
        login = f.get("wp:author_login", "").strip()
        if not login:
            login = f.get("wp:author_id", "").strip() or f"author-{len(self._authors) + 1}"
            self._report.warn(f"author without wp:author_login; id {login!r} given", place=place, code="author")
        if login in self._authors:
            self._report.warn(f"author {login!r} declared twice; the first kept", place=place, code="duplicate")
            self._report.skipped("duplicate author")
            return self._authors[login]
        extra: dict[str, Any] = {}
        for key in ("wp:author_id", "wp:author_first_name", "wp:author_last_name"):
            value = f.get(key, "").strip()
            if value:
                extra[f"wxr:{key[3:]}"] = value
        slug = login if _valid_slug(login) and login not in self._author_slugs else None
        if slug is None:
            slug = self._author_slugs.claim(login)
        else:
            self._author_slugs.add(slug)
        name = f.get("wp:author_display_name", "").strip() or login
        author = Author(
            id=login,
            slug=slug,
            name=name,
            email=f.get("wp:author_email", "").strip() or None,
            extra=extra,
        )
        self._authors[login] = author
        self._report.imported("authors")
        return author

    def _category(self, elem: ET.Element) -> Category | None:
        f = _fields(elem)
        nicename = f.get("wp:category_nicename", "").strip()
        name = f.get("wp:cat_name", "").strip()
        term_id = f.get("wp:term_id", "").strip()
        place = f"{self.name}: wp:category {nicename or term_id!r}"
        if not nicename and not name:
            self._report.warn("category without nicename or name", place=place, code="category")
            self._report.skipped("empty category")
            return None
        parent_nicename = f.get("wp:category_parent", "").strip()
        parent_id = None
        extra: dict[str, Any] = {}
        if parent_nicename:
            parent_id = self._cat_by_nicename.get(parent_nicename)
            if parent_id is None:
                parent_id = self._cat_by_nicename.get(unquote(parent_nicename))
            if parent_id is None:
                self._report.warn(
                    f"parent {parent_nicename!r} is not declared before this category; placed at the top",
                    place=place,
                    code="dangling",
                )
                extra["wxr:category_parent"] = parent_nicename
        meta = [p for child in elem if _name(child.tag) == "wp:termmeta" for p in _meta_pairs(child)]
        return self._add_category(
            term_id=term_id,
            nicename=nicename,
            name=name,
            parent_id=parent_id,
            description=f.get("wp:category_description", "").strip() or None,
            meta=meta,
            extra=extra,
        )

    def _add_category(
        self,
        *,
        term_id: str,
        nicename: str,
        name: str,
        parent_id: str | None,
        description: str | None,
        meta: list[list[str]],
        extra: dict[str, Any],
    ) -> Category | None:
        own, meta = _own_meta(meta)
        if own is not None:
            restored = _restore(own, Category)
            if restored is not None and restored.id not in self._cat_ids:
                self._cat_ids.add(restored.id)
                if nicename:
                    self._cat_by_nicename.setdefault(nicename, restored.id)
                self._cat_slugs.setdefault(restored.parent_id, SlugRegistry(reserved=())).add(restored.slug)
                self._report.imported("categories")
                return restored
        cid = term_id or nicename or slugify(name)
        if cid in self._cat_ids:
            self._report.skipped("duplicate category")
            self._report.warn(f"category id {cid!r} declared twice; the first kept", place=self.name, code="duplicate")
            return None
        registry = self._cat_slugs.setdefault(parent_id, SlugRegistry(reserved=()))
        if _valid_slug(nicename) and nicename not in registry:
            slug = nicename
            registry.add(slug)
        else:
            slug = registry.claim(unquote(nicename) or name)
            extra["wxr:nicename"] = nicename
        if meta:
            extra["wxr:termmeta"] = meta
        cat = Category(
            id=cid,
            slug=slug,
            name=name or nicename,
            description=description,
            parent_id=parent_id,
            extra=extra,
        )
        self._cat_ids.add(cid)
        if nicename:
            self._cat_by_nicename.setdefault(nicename, cid)
        self._cat_by_nicename.setdefault(slug, cid)
        self._report.imported("categories")
        return cat

    def _tag(self, elem: ET.Element) -> Tag | None:
        f = _fields(elem)
        nicename = f.get("wp:tag_slug", "").strip()
        name = f.get("wp:tag_name", "").strip()
        meta = [p for child in elem if _name(child.tag) == "wp:termmeta" for p in _meta_pairs(child)]
        return self._add_tag(
            term_id=f.get("wp:term_id", "").strip(),
            nicename=nicename,
            name=name,
            description=f.get("wp:tag_description", "").strip() or None,
            meta=meta,
        )

    def _add_tag(
        self, *, term_id: str, nicename: str, name: str, description: str | None, meta: list[list[str]]
    ) -> Tag | None:
        own, meta = _own_meta(meta)
        if own is not None:
            restored = _restore(own, Tag)
            if restored is not None and restored.id not in self._tag_ids:
                self._tag_ids.add(restored.id)
                self.restored_tag_ids.add(restored.id)
                if nicename:
                    self._tag_by_nicename.setdefault(nicename, restored.id)
                self._report.imported("tags")
                return restored
        if not nicename and not name:
            self._report.skipped("empty tag")
            self._report.warn("tag without slug or name", place=self.name, code="tag")
            return None
        tid = term_id or nicename or slugify(name)
        if tid in self._tag_ids:
            self._report.skipped("duplicate tag")
            self._report.warn(f"tag id {tid!r} declared twice; the first kept", place=self.name, code="duplicate")
            return None
        extra: dict[str, Any] = {}
        slug = nicename if _valid_slug(nicename) else slugify(unquote(nicename) or name)
        if slug != nicename:
            extra["wxr:nicename"] = nicename
        if meta:
            extra["wxr:termmeta"] = meta
        tag = Tag(id=tid, slug=slug, name=name or nicename, description=description, extra=extra)
        self._tag_ids.add(tid)
        if nicename:
            self._tag_by_nicename.setdefault(nicename, tid)
        self._tag_by_nicename.setdefault(slug, tid)
        self._report.imported("tags")
        return tag

    def _term(self, elem: ET.Element) -> None:
        f = _fields(elem)
        record: dict[str, Any] = {k[3:]: v.strip() for k, v in f.items() if k.startswith("wp:") and k != "wp:termmeta"}
        meta = [p for child in elem if _name(child.tag) == "wp:termmeta" for p in _meta_pairs(child)]
        if meta:
            record["termmeta"] = meta
        if not record:
            self._report.skipped("unknown channel element")
            self._site_extra.setdefault("wxr:elements", []).append([elem.tag, _text(elem)])
            return
        self._site_extra.setdefault("wxr:terms", []).append(record)
        self._report.imported("terms kept in site extra")

    # ------------------------------------------------------------------ items

    def _item(self, elem: ET.Element) -> Article | None:
        f: dict[str, str] = {}
        terms: list[tuple[str, str, str]] = []
        postmeta: list[list[str]] = []
        comments: list[dict[str, Any]] = []
        unknown: list[list[str]] = []
        guid_permalink: str | None = None
        names = _NAME_CACHE
        for child in elem:
            tag = child.tag
            n = names.get(tag) or _name(tag)
            if n == "category":
                domain = child.get("domain")
                nicename = child.get("nicename")
                if domain is None or nicename is None:
                    # WXR 1.0 writes each term twice, once without domain or nicename:
                    # WordPress's importer ignores that copy, and so do we.
                    self._report.skipped("term without domain or nicename (WXR 1.0 duplicate)")
                    continue
                terms.append((domain, nicename, _text(child).strip()))
            elif n == "wp:postmeta":
                postmeta.extend(_meta_pairs(child))
            elif n == "wp:comment":
                comments.append(_comment(child))
            elif n in f:
                unknown.append([tag, child.text or ""])
            else:
                if n == "guid":
                    guid_permalink = child.get("isPermaLink")
                if n.startswith(("wp:", "excerpt:", "content:", "dc:")) or n in _RSS_ITEM:
                    f[n] = child.text or ""
                else:
                    unknown.append([tag, child.text or ""])
        post_id = f.get("wp:post_id", "").strip()
        post_type = f.get("wp:post_type", "").strip() or "post"
        own, postmeta = _own_meta(postmeta)
        if own is not None:
            restored = _own_article(own, f.get("content:encoded", ""), self._body)
            if restored is not None and restored.id not in self._article_ids:
                # newsmodel's own export: the meta describes the article exactly
                self._saw_wxr = True
                self._article_slugs.add(restored.slug)
                self._article_ids.add(restored.id)
                if comments:
                    self._report.imported("comments", len(comments))
                self._report.imported("pages" if post_type == "page" else "articles")
                return restored
        place = f"{self.name}: item {self._item_no}" + (f" (wp:post_id {post_id})" if post_id else "")
        if any(k.startswith("wp:") for k in f) or postmeta or comments:
            self._saw_wxr = True
        if post_type == "attachment":
            if post_id:
                meta = dict(postmeta)
                self._attachments[post_id] = _Attachment(
                    url=f.get("wp:attachment_url", "").strip() or f.get("guid", "").strip(),
                    title=f.get("title", "").strip() or None,
                    caption=f.get("excerpt:encoded", "").strip() or None,
                    alt=meta.get("_wp_attachment_image_alt", "").strip() or None,
                )
            self._report.skipped("attachment")
            return None
        if post_type not in _ARTICLE_TYPES or (post_type == "page" and not self.pages):
            self._report.skipped(post_type)
            return None
        if not post_id:
            self._report.skipped("item without wp:post_id")
            self._report.warn("item has no wp:post_id in a WXR namespace; skipped", place=place, code="item")
            return None
        if post_id in self._article_ids:
            self._report.skipped("duplicate post_id")
            self._report.warn(f"wp:post_id {post_id!r} appears twice; the first kept", place=place, code="duplicate")
            return None
        wp_status = f.get("wp:status", "").strip() or "publish"
        status = _STATUS.get(wp_status)
        if status is None:
            self._report.skipped(f"status {wp_status}")
            self._report.warn(f"post status {wp_status!r} is not imported", place=place, code="status")
            return None
        return self._article(
            f, post_id, post_type, wp_status, status, terms, postmeta, comments, unknown, place, guid_permalink
        )

    def _article(
        self,
        f: dict[str, str],
        post_id: str,
        post_type: str,
        wp_status: str,
        status: ArticleStatus,
        terms: list[tuple[str, str, str]],
        postmeta: list[list[str]],
        comments: list[dict[str, Any]],
        unknown: list[list[str]],
        place: str,
        guid_permalink: str | None,
    ) -> Article:
        extra: dict[str, Any] = {}
        if post_type != "post":
            extra["wxr:post_type"] = post_type
        # dates
        floating = status in (ArticleStatus.DRAFT, ArticleStatus.PENDING)
        pub = _resolve_date(f.get("wp:post_date"), f.get("wp:post_date_gmt"), self.zone, floating)
        if pub.warning:
            self._report.warn(pub.warning, place=place, code="date")
        published = pub.value
        if not pub.exact:
            for key in ("wp:post_date", "wp:post_date_gmt"):
                if key in f:
                    extra[f"wxr:{key[3:]}"] = f[key]
        if published is None and status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
            pub_date = _rfc822(f.get("pubDate", ""))
            if pub_date is not None:
                published = pub_date
                self._report.warn(
                    f"no wp:post_date; used the RSS pubDate {f['pubDate'].strip()!r}", place=place, code="date"
                )
            else:
                self._report.warn(
                    f"a {wp_status!r} post without any date; imported as a draft", place=place, code="date"
                )
                extra["wxr:status"] = wp_status
                status = ArticleStatus.DRAFT
        mod = _resolve_date(f.get("wp:post_modified"), f.get("wp:post_modified_gmt"), self.zone, False)
        if not mod.exact:
            for key in ("wp:post_modified", "wp:post_modified_gmt"):
                if key in f:
                    extra[f"wxr:{key[3:]}"] = f[key]
        # slug
        post_name = f.get("wp:post_name", "").strip()
        title = f.get("title", "").strip()
        if _valid_slug(post_name) and post_name not in self._article_slugs:
            slug = post_name
            self._article_slugs.add(slug)
        else:
            slug = self._article_slugs.claim(unquote(post_name) or title or f"post-{post_id}")
            extra["wxr:post_name"] = post_name
            if post_name:
                self._report.warn(
                    f"post_name {post_name!r} is taken or not a slug; slug {slug!r} given", place=place, code="slug"
                )
        # author
        creator = f.get("dc:creator", "").strip() or f.get("wp:author", "").strip()
        bylines: tuple[Byline, ...] = ()
        if creator:
            if creator not in self._authors:
                self._report.warn(
                    f"dc:creator {creator!r} is not a declared author; an author was created for it",
                    place=place,
                    code="author",
                )
                self.pending_authors.append(self._author({"wp:author_login": creator}, place=place))
            bylines = (Byline(author_id=creator),)
        # terms
        category_ids: list[str] = []
        tag_ids: list[str] = []
        post_format: str | None = None
        other_terms: list[list[str]] = []
        for domain, nicename, name in terms:
            if domain == "category":
                cid = self._cat_by_nicename.get(nicename) or self._cat_by_nicename.get(slugify(name or nicename))
                if cid is None:
                    cat = self._add_category(
                        term_id="", nicename=nicename, name=name, parent_id=None, description=None, meta=[], extra={}
                    )
                    self._report.warn(
                        f"category {nicename!r} is not declared in the channel; created at the top level",
                        place=place,
                        code="dangling",
                    )
                    if cat is not None:
                        self.pending_terms.append(cat)
                        cid = cat.id
                if cid is not None and cid not in category_ids:
                    category_ids.append(cid)
            elif domain in ("post_tag", "tag"):
                tid = self._tag_by_nicename.get(nicename)
                if tid is None:
                    tag = self._add_tag(term_id="", nicename=nicename, name=name, description=None, meta=[])
                    self._report.warn(
                        f"tag {nicename!r} is not declared in the channel; created", place=place, code="dangling"
                    )
                    if tag is not None:
                        self.pending_terms.append(tag)
                        tid = tag.id
                if tid is not None and tid not in tag_ids:
                    tag_ids.append(tid)
            elif domain == "post_format" and nicename.startswith("post-format-") and post_format is None:
                post_format = nicename[len("post-format-") :]
            else:
                other_terms.append([domain, nicename, name])
        if other_terms:
            extra["wxr:terms"] = other_terms
        # the rest
        content = f.get("content:encoded", "")
        extra["wxr:content"] = content
        for key in ("guid", "link", "wp:post_parent", "wp:menu_order", "wp:comment_status", "wp:ping_status"):
            value = f.get(key, "").strip()
            if value and not (key in ("wp:post_parent", "wp:menu_order") and value == "0"):
                extra[f"wxr:{key.removeprefix('wp:')}"] = value
        if guid_permalink is not None:
            extra["wxr:guid_is_permalink"] = guid_permalink
        thumb = None
        if postmeta:
            extra["wxr:postmeta"] = postmeta
            for key, value in postmeta:
                if key == "_thumbnail_id" and value.strip():
                    thumb = value.strip()
        if comments:
            extra["wxr:comments"] = comments
            self._report.imported("comments", len(comments))
        if unknown:
            extra["wxr:elements"] = unknown
        body = self._body(content)
        excerpt = f.get("excerpt:encoded", "").strip() or None
        article = Article(
            id=post_id,
            slug=slug,
            title=title,
            body=body,
            excerpt=excerpt,
            published=published,
            modified=mod.value,
            status=status,
            sticky=f.get("wp:is_sticky", "").strip() == "1",
            bylines=bylines,
            category_ids=tuple(category_ids),
            tag_ids=tuple(tag_ids),
            canonical_url=checked_url(
                f.get("link", "").strip() or None, field="link", extra=extra, report=self._report, place=place
            ),
            format=post_format,
            password=f.get("wp:post_password", "").strip() or None,
            extra=extra,
        )
        if thumb is not None:
            att = self._attachments.get(thumb)
            if att is not None and att.url:
                article = self._with_feature(article, att)
            else:
                self._pending_thumbs[post_id] = thumb
        self._article_ids.add(post_id)
        self._report.imported("pages" if post_type == "page" else "articles")
        return article

    def _body(self, html: str) -> Body:
        if self.parse_bodies or not html.strip():
            return _parse_html(html)
        return Body(blocks=(RawHtml(html=html, reason="unparsed"),))

    def resolve_feature_images(self, article: Article) -> Article:
        """``article`` with its featured image set when its attachment came later in the file."""
        thumb = self._pending_thumbs.get(article.id)
        if thumb is None or article.feature_image is not None:
            return article
        att = self._attachments.get(thumb)
        if att is None or not att.url:
            return article
        return self._with_feature(article, att)

    def _with_feature(self, article: Article, att: _Attachment) -> Article:
        """``article`` with ``att`` as its featured image; an unsafe URL goes to ``extra`` instead."""
        unsafe: dict[str, Any] = {}
        place = f"{self.name}: article {article.id!r}"
        url = checked_url(att.url, field="feature_image.url", extra=unsafe, report=self._report, place=place)
        if url is None:
            kept = dict(article.extra.get(UNSAFE_URLS) or {})
            return attrs.evolve(article, extra=article.extra.merged({UNSAFE_URLS: {**kept, **unsafe[UNSAFE_URLS]}}))
        return attrs.evolve(article, feature_image=FeatureImage(url=url, alt=att.alt, caption=att.caption))

    def unresolved_thumbnails(self) -> dict[str, str]:
        """Article id -> attachment id of featured images whose attachment is not in the file."""
        return {a: t for a, t in self._pending_thumbs.items() if t not in self._attachments}


_RSS_ITEM = frozenset(("title", "link", "pubDate", "guid", "description"))


def _rfc822(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo is not None else None


def _comment(elem: ET.Element) -> dict[str, Any]:
    record: dict[str, Any] = {}
    meta: list[list[str]] = []
    for child in elem:
        n = _name(child.tag)
        if n == "wp:commentmeta":
            meta.extend(_meta_pairs(child))
        elif n.startswith("wp:comment_"):
            record[n[len("wp:comment_") :]] = _text(child)
        else:
            record[n] = _text(child)
    if meta:
        record["meta"] = meta
    return record


_CHUNK = 1 << 16


def _xml_batches(
    source: Source, name: str, progress: Callable[[int], None] | None = None
) -> Iterator[Iterator[tuple[str, ET.Element]]]:
    """The ``(event, element)`` pairs of a document whose prolog passed a
    :class:`~newsmodel.io._xml.PrologGuard` (no document type declaration), one
    batch per chunk read (a file has some 70 events per item: handing them over a batch at a time
    spares each one a pass through two more generators)."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as fh:
            yield from _pull(fh, name, progress)
    else:
        yield from _pull(source, name, progress)


def _pull(
    fh: IO[bytes], name: str, progress: Callable[[int], None] | None
) -> Iterator[Iterator[tuple[str, ET.Element]]]:
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    guard: PrologGuard | None = PrologGuard(name)
    head: list[bytes] = []
    done = 0
    while True:
        chunk = fh.read(_CHUNK)
        if progress is not None and chunk:
            done += len(chunk)
            progress(done)
        if guard is not None:
            head.append(chunk)
            if not guard.feed(chunk, not chunk):
                continue  # the prolog goes on: read more before anything is parsed
            guard = None
            chunk = b"".join(head)
            head = []
        if not chunk:
            break
        parser.feed(chunk)
        yield _element_events(parser)
    parser.close()
    yield _element_events(parser)


def _element_events(parser: ET.XMLPullParser[ET.Element]) -> Iterator[tuple[str, ET.Element]]:
    return parser.read_events()  # type: ignore[return-value]  # only start/end: (event, element)


def _parse_message(exc: ET.ParseError) -> str:
    return re.sub(r": line \d+, column \d+$", "", str(exc))


def _source_name(source: Source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return str(getattr(source, "name", "<stream>"))


# --------------------------------------------------------------------------- newsmodel's own meta


def _load_json(text: str) -> Any:
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _own_meta(meta: list[list[str]]) -> tuple[dict[str, Any] | None, list[list[str]]]:
    """Split newsmodel's own ``_newsmodel`` meta (JSON) from the rest."""
    own = None
    rest = []
    for key, value in meta:
        if key == META_KEY and own is None:
            try:
                loaded = json.loads(value)
            except ValueError:
                rest.append([key, value])
                continue
            if isinstance(loaded, dict):
                own = loaded
                continue
        rest.append([key, value])
    return own, rest


_SERIALIZE: list[Any] = []


def _serialize() -> Any:
    if not _SERIALIZE:
        import importlib  # the converter lives at the edge, beside the adapters; loaded on first use

        _SERIALIZE.append(importlib.import_module("newsmodel.serialize"))
    return _SERIALIZE[0]


def _restore(own: Mapping[str, Any], cls: type[_T]) -> _T | None:
    """The entity newsmodel's own export described in its meta (None when it is not usable)."""
    try:
        restored: _T = _serialize().structure(dict(own), cls)
    except (NewsModelError, ValueError, TypeError, KeyError):
        return None
    return restored


def _own_article(own: Mapping[str, Any], content: str, parse: Callable[[str], Body] = _parse_html) -> Article | None:
    """The article newsmodel's own export described (None when the meta is not usable).

    The body comes from the meta only while ``content:encoded`` is still the one it was written
    with; otherwise (or when the meta has no body) it is parsed from ``content:encoded``.
    """
    data = dict(own)
    sha = data.pop("content_sha1", None)
    content_in_extra = data.pop("content_in_extra", False)
    body_data = data.pop("body", None)
    try:
        restored: Article = _serialize().structure(data, Article)
        if body_data is not None and sha == _sha1(content):
            body: Body = _serialize().structure(body_data, Body)
        else:
            body = parse(content)
    except (NewsModelError, ValueError, TypeError, KeyError):
        return None
    if content_in_extra:
        return attrs.evolve(restored, body=body, extra=restored.extra.merged({"wxr:content": content}))
    return attrs.evolve(restored, body=body)


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------- convenience


def iter_wxr(
    source: Source, *, timezone: str | None = None, pages: bool = True, parse_bodies: bool = True
) -> Iterator[Article]:
    """Stream the articles (posts and pages) of a WXR file, one at a time, in file order.

    Memory stays flat whatever the file size.  Featured images whose attachment comes later in
    the file are not resolved here (:func:`read_wxr` resolves them).
    """
    reader = WxrReader(source, timezone=timezone, pages=pages, parse_bodies=parse_bodies)
    for record in reader.records():
        if isinstance(record, Article):
            yield record


def read_wxr(
    source: Source,
    *,
    timezone: str | None = None,
    pages: bool = True,
    parse_bodies: bool = True,
    progress: Callable[[int], None] | None = None,
) -> tuple[Corpus, ImportReport]:
    """Read a WXR file (a path or a binary file) into a checked :class:`Corpus` and an :class:`ImportReport`.

    ``timezone``, ``pages``, ``parse_bodies`` and ``progress`` are those of :class:`WxrReader`.

    Tags whose names slug the same are merged into the first one (the others' names go to
    :attr:`Tag.aliases`, their ids to :attr:`Tag.source_ids`, and articles are remapped).
    Malformed or unsafe XML raises :class:`~newsmodel.errors.WxrError` /
    :class:`~newsmodel.errors.UnsafeXml` naming the place; no partial corpus is returned.
    """
    reader = WxrReader(source, timezone=timezone, pages=pages, parse_bodies=parse_bodies, progress=progress)
    authors: list[Author] = []
    categories: list[Category] = []
    tags: list[Tag] = []
    articles: list[Article] = []
    for record in reader.records():
        if isinstance(record, Article):
            articles.append(record)
        elif isinstance(record, Author):
            authors.append(record)
        elif isinstance(record, Category):
            categories.append(record)
        else:
            tags.append(record)
    for term in reader.pending_terms:
        if isinstance(term, Category):
            categories.append(term)
        else:
            tags.append(term)
    authors.extend(reader.pending_authors)
    assert reader.site is not None
    builder = CorpusBuilder(reader.site)
    for author in _unique_by_id(authors):
        builder.add_author(author)
    for cat in categories:
        builder.add_category(cat)
    for tag in merge_tags(tags, keep=reader.restored_tag_ids):
        builder.add_tag(tag)
    for article in articles:
        builder.add_article(reader.resolve_feature_images(article))
    report = reader._report
    for article_id, thumb in sorted(reader.unresolved_thumbnails().items()):
        report.warn(
            f"featured image attachment {thumb!r} is not in the file; kept in wxr:postmeta",
            place=f"{reader.name}: wp:post_id {article_id}",
            code="attachment",
        )
    try:
        corpus = builder.build()
        if reader.category_order is not None:
            rank = {cid: i for i, cid in enumerate(reader.category_order)}
            ordered = sorted(corpus.categories, key=lambda c: rank.get(c.id, len(rank)))
            if ordered != list(corpus.categories):
                corpus = Corpus(
                    site=corpus.site,
                    authors=corpus.authors,
                    categories=ordered,
                    tags=corpus.tags,
                    articles=corpus.articles,
                )
    except NewsModelError as exc:
        raise WxrError(f"{reader.name}: {exc}", source=reader.name, place="corpus") from exc
    return corpus, report.build()


def _unique_by_id(authors: list[Author]) -> list[Author]:
    seen: dict[str, Author] = {}
    for a in authors:
        seen.setdefault(a.id, a)
    return list(seen.values())


def merge_tags(tags: list[Tag], *, keep: set[str] | frozenset[str] = frozenset()) -> list[Tag]:
    """Fold tags whose names slug the same into the first of them (order kept).

    Tags whose ids are in ``keep`` are passed through as they are (a corpus written by newsmodel
    already merged what it wanted merged).

    >>> merged = merge_tags([Tag(id="1", slug="kim-jong-un", name="Kim Jong Un"),
    ...                      Tag(id="2", slug="kim-jong-un-2", name="Kim Jong-un")])
    >>> [(t.id, t.slug, t.aliases, t.source_ids) for t in merged]
    [('1', 'kim-jong-un', ('Kim Jong-un',), ('2',))]
    >>> dict(merged[0].extra["wxr:merged_slugs"])
    {'2': 'kim-jong-un-2'}
    """
    kept: dict[str, int] = {}
    out: list[Tag] = []
    for tag in tags:
        if tag.id in keep:
            out.append(tag)
            continue
        key = slugify(tag.name) if tag.name else tag.slug
        index = kept.get(key)
        if index is None:
            index = kept.get(tag.slug)
        if index is None:
            kept[key] = len(out)
            kept.setdefault(tag.slug, len(out))
            out.append(tag)
            continue
        first = out[index]
        aliases = list(first.aliases)
        for name in (tag.name, *tag.aliases):
            if name != first.name and name not in aliases:
                aliases.append(name)
        source_ids = list(first.source_ids)
        for sid in (tag.id, *tag.source_ids):
            if sid != first.id and sid not in source_ids:
                source_ids.append(sid)
        extra = dict(first.extra)
        if tag.slug != first.slug:
            slugs = dict(thaw(first.extra.get("wxr:merged_slugs", Extra())))
            slugs[tag.id] = tag.extra.get("wxr:nicename", tag.slug)
            extra["wxr:merged_slugs"] = slugs
        out[index] = attrs.evolve(
            first,
            aliases=tuple(aliases),
            source_ids=tuple(source_ids),
            description=first.description or tag.description,
            extra=extra,
        )
    return out


# --------------------------------------------------------------------------- writing

_HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file (WXR 1.2) written by newsmodel. -->
<!-- WordPress imports it with Tools > Import > WordPress. -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
\txmlns:newsmodel="{ns}"
>
<channel>
"""

_JSON_UNSAFE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_cdata = xml_cdata
_esc = xml_text


def _as_read(text: str) -> str:
    """``text`` as an XML reader gives it back: characters XML cannot carry dropped, line ends
    normalized to ``\\n``."""
    return xml_chars(text).replace("\r\n", "\n").replace("\r", "\n")


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # inside JSON strings, characters XML cannot carry travel as escapes
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _meta_xml(tag: str, key: str, value: str) -> str:
    return (
        f"\t\t<wp:{tag}>\n\t\t\t<wp:meta_key>{_cdata(key)}</wp:meta_key>\n"
        f"\t\t\t<wp:meta_value>{_cdata(value)}</wp:meta_value>\n\t\t</wp:{tag}>\n"
    )


def _dates(value: datetime | None) -> tuple[str, str]:
    if value is None:
        return _ZERO_DATE, _ZERO_DATE
    return _format_wp(value), _format_wp(value.astimezone(timezone.utc))


def _extra_list(extra: Mapping[str, Any], key: str) -> list[Any]:
    value = extra.get(key)
    return list(thaw(value)) if isinstance(value, (tuple, list)) else []


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _rows(extra: Mapping[str, Any], key: str, width: int) -> list[tuple[str, ...]]:
    """The rows of ``extra[key]`` that have the shape an import gave them (lists of ``width``
    strings or numbers), as strings.  A row of another shape is not written as WXR: newsmodel's
    own meta carries the whole ``extra`` anyway, so nothing is lost on re-import."""
    out = []
    for row in _extra_list(extra, key):
        if isinstance(row, list) and len(row) == width and all(_is_scalar(v) for v in row):
            out.append(tuple(str(v) for v in row))
    return out


class _Writer:
    def __init__(self, corpus: Corpus, out: IO[str]) -> None:
        self.corpus = corpus
        self.out = out
        self.cat_nicename: dict[str, str] = {}
        self.ser = _serialize()

    def write(self) -> None:
        w = self.out.write
        site = self.corpus.site
        w(_HEADER.format(ns=NEWSMODEL_NS))
        w(f"\t<title>{_esc(site.name)}</title>\n\t<link>{_esc(site.base_url)}</link>\n")
        w(f"\t<description>{_esc(site.description or '')}</description>\n")
        newest = max((a.published for a in self.corpus.articles if a.published is not None), default=None)
        if newest is not None:
            w(f"\t<pubDate>{email.utils.format_datetime(newest.astimezone(timezone.utc))}</pubDate>\n")
        w(f"\t<language>{_esc(site.language or site.locale.replace('_', '-'))}</language>\n")
        w("\t<wp:wxr_version>1.2</wp:wxr_version>\n")
        base_site = str(site.extra.get("wxr:base_site_url", site.base_url))
        base_blog = str(site.extra.get("wxr:base_blog_url", site.base_url))
        w(f"\t<wp:base_site_url>{_esc(base_site)}</wp:base_site_url>\n")
        w(f"\t<wp:base_blog_url>{_esc(base_blog)}</wp:base_blog_url>\n")
        w(f"\t<newsmodel:site>{_cdata(_json(self.ser.unstructure(site)))}</newsmodel:site>\n")
        for i, author in enumerate(self.corpus.authors, start=1):
            self._author(author, i)
        self._categories()
        for tag in self.corpus.tags:
            self._tag(tag)
        for term in _extra_list(site.extra, "wxr:terms"):
            if isinstance(term, Mapping):
                self._term(term)
        w("\t<generator>newsmodel</generator>\n")
        for article in self.corpus.articles:
            self._item(article)
        w("</channel>\n</rss>\n")

    def _author(self, author: Author, index: int) -> None:
        e = author.extra
        author_id = str(e.get("wxr:author_id", index))
        self.out.write(
            "\t<wp:author>"
            f"<wp:author_id>{_esc(author_id)}</wp:author_id>"
            f"<wp:author_login>{_cdata(author.id)}</wp:author_login>"
            f"<wp:author_email>{_cdata(author.email or '')}</wp:author_email>"
            f"<wp:author_display_name>{_cdata(author.name)}</wp:author_display_name>"
            f"<wp:author_first_name>{_cdata(str(e.get('wxr:author_first_name', '')))}</wp:author_first_name>"
            f"<wp:author_last_name>{_cdata(str(e.get('wxr:author_last_name', '')))}</wp:author_last_name>"
            f"<newsmodel:author>{_cdata(_json(self.ser.unstructure(author)))}</newsmodel:author>"
            "</wp:author>\n"
        )

    def _categories(self) -> None:
        ordered = parents_first(self.corpus.categories)
        if ordered != list(self.corpus.categories):
            order = _json([c.id for c in self.corpus.categories])
            self.out.write(f"\t<newsmodel:category_order>{_cdata(order)}</newsmodel:category_order>\n")
        taken: set[str] = set()
        registry = SlugRegistry(reserved=())
        for cat in ordered:
            nicename = cat.slug if cat.slug not in taken else registry.claim(cat.slug)
            taken.add(nicename)
            registry.add(nicename)
            self.cat_nicename[cat.id] = nicename
        for cat in ordered:
            parent = self.cat_nicename.get(cat.parent_id, "") if cat.parent_id else ""
            meta = "".join(_meta_xml("termmeta", k, v) for k, v in _rows(cat.extra, "wxr:termmeta", 2))
            meta += _meta_xml("termmeta", META_KEY, _json(self.ser.unstructure(cat)))
            self.out.write(
                "\t<wp:category>\n"
                f"\t\t<wp:term_id>{_esc(cat.id)}</wp:term_id>\n"
                f"\t\t<wp:category_nicename>{_cdata(self.cat_nicename[cat.id])}</wp:category_nicename>\n"
                f"\t\t<wp:category_parent>{_cdata(parent)}</wp:category_parent>\n"
                f"\t\t<wp:cat_name>{_cdata(cat.name)}</wp:cat_name>\n"
                + (
                    f"\t\t<wp:category_description>{_cdata(cat.description)}</wp:category_description>\n"
                    if cat.description
                    else ""
                )
                + meta
                + "\t</wp:category>\n"
            )

    def _tag(self, tag: Tag) -> None:
        meta = "".join(_meta_xml("termmeta", k, v) for k, v in _rows(tag.extra, "wxr:termmeta", 2))
        meta += _meta_xml("termmeta", META_KEY, _json(self.ser.unstructure(tag)))
        self.out.write(
            "\t<wp:tag>\n"
            f"\t\t<wp:term_id>{_esc(tag.id)}</wp:term_id>\n"
            f"\t\t<wp:tag_slug>{_cdata(tag.slug)}</wp:tag_slug>\n"
            f"\t\t<wp:tag_name>{_cdata(tag.name)}</wp:tag_name>\n"
            + (f"\t\t<wp:tag_description>{_cdata(tag.description)}</wp:tag_description>\n" if tag.description else "")
            + meta
            + "\t</wp:tag>\n"
        )

    def _term(self, term: Mapping[str, Any]) -> None:
        parts = ["\t<wp:term>"]
        for key, value in term.items():
            if key == "termmeta":
                parts.extend(_meta_xml("termmeta", k, v) for k, v in _rows(term, key, 2))
            elif is_xml_name(key) and _is_scalar(value):
                parts.append(f"<wp:{key}>{_cdata(str(value))}</wp:{key}>")
        parts.append("</wp:term>\n")
        self.out.write("".join(parts))

    def _content(self, article: Article) -> tuple[str, bool, bool]:
        """The HTML to write (as a reader will see it), whether it is the imported original, and
        whether reading it back gives the body (else the body travels in the meta too)."""
        original = article.extra.get("wxr:content")
        if isinstance(original, str) and _as_read(original) == original and _parse_html(original) == article.body:
            return original, True, True
        html = _as_read(render_html(article.body, anchors=None, allow_raw=True))
        return html, False, _parse_html(html) == article.body

    def _item(self, article: Article) -> None:
        e = article.extra
        content, content_in_extra, body_reads_back = self._content(article)
        own = self.ser.unstructure(article)
        if body_reads_back:
            own.pop("body", None)
        else:
            own["content_sha1"] = _sha1(content)
        if content_in_extra:
            own["extra"] = {k: v for k, v in own.get("extra", {}).items() if k != "wxr:content"}
            own["content_in_extra"] = True
        post_date, post_date_gmt = _dates(article.published)
        post_date = str(e.get("wxr:post_date", post_date))
        post_date_gmt = str(e.get("wxr:post_date_gmt", post_date_gmt))
        status = str(e.get("wxr:status", _WP_STATUS[article.status]))
        post_type = str(e.get("wxr:post_type", "post"))
        guid = str(e.get("wxr:guid", f"{self.corpus.site.base_url.rstrip('/')}/?p={article.id}"))
        w: list[str] = ["\t<item>\n", f"\t\t<title>{_cdata(article.title)}</title>\n"]
        if article.canonical_url:
            w.append(f"\t\t<link>{_esc(article.canonical_url)}</link>\n")
        if article.published is not None:
            w.append(
                f"\t\t<pubDate>{email.utils.format_datetime(article.published.astimezone(timezone.utc))}</pubDate>\n"
            )
        if article.bylines:
            w.append(f"\t\t<dc:creator>{_cdata(article.bylines[0].author_id)}</dc:creator>\n")
        is_permalink = str(e.get("wxr:guid_is_permalink", "false"))
        w.append(f"\t\t<guid isPermaLink={xml_attr(is_permalink)}>{_esc(guid)}</guid>\n")
        w.append("\t\t<description></description>\n")
        w.append(f"\t\t<content:encoded>{_cdata(content)}</content:encoded>\n")
        w.append(f"\t\t<excerpt:encoded>{_cdata(article.excerpt or '')}</excerpt:encoded>\n")
        w.append(f"\t\t<wp:post_id>{_esc(article.id)}</wp:post_id>\n")
        w.append(f"\t\t<wp:post_date>{_cdata(post_date)}</wp:post_date>\n")
        w.append(f"\t\t<wp:post_date_gmt>{_cdata(post_date_gmt)}</wp:post_date_gmt>\n")
        if article.modified is not None or "wxr:post_modified" in e:
            mod, mod_gmt = _dates(article.modified)
            w.append(f"\t\t<wp:post_modified>{_cdata(str(e.get('wxr:post_modified', mod)))}</wp:post_modified>\n")
            mod_gmt = str(e.get("wxr:post_modified_gmt", mod_gmt))
            w.append(f"\t\t<wp:post_modified_gmt>{_cdata(mod_gmt)}</wp:post_modified_gmt>\n")
        w.append(f"\t\t<wp:comment_status>{_cdata(str(e.get('wxr:comment_status', 'open')))}</wp:comment_status>\n")
        w.append(f"\t\t<wp:ping_status>{_cdata(str(e.get('wxr:ping_status', 'open')))}</wp:ping_status>\n")
        w.append(f"\t\t<wp:post_name>{_cdata(article.slug)}</wp:post_name>\n")
        w.append(f"\t\t<wp:status>{_cdata(status)}</wp:status>\n")
        w.append(f"\t\t<wp:post_parent>{_esc(str(e.get('wxr:post_parent', '0')))}</wp:post_parent>\n")
        w.append(f"\t\t<wp:menu_order>{_esc(str(e.get('wxr:menu_order', '0')))}</wp:menu_order>\n")
        w.append(f"\t\t<wp:post_type>{_cdata(post_type)}</wp:post_type>\n")
        w.append(f"\t\t<wp:post_password>{_cdata(article.password or '')}</wp:post_password>\n")
        w.append(f"\t\t<wp:is_sticky>{1 if article.sticky else 0}</wp:is_sticky>\n")
        for cid in article.category_ids:
            cat = self.corpus.category(cid)
            nicename = self.cat_nicename.get(cid, cat.slug)
            w.append(f'\t\t<category domain="category" nicename={xml_attr(nicename)}>{_cdata(cat.name)}</category>\n')
        for tid in article.tag_ids:
            tag = self.corpus.tag(tid)
            w.append(f'\t\t<category domain="post_tag" nicename={xml_attr(tag.slug)}>{_cdata(tag.name)}</category>\n')
        if article.format:
            w.append(
                f'\t\t<category domain="post_format" nicename={xml_attr("post-format-" + article.format)}>'
                f"{_cdata(article.format.title())}</category>\n"
            )
        for domain, nicename, name in _rows(e, "wxr:terms", 3):
            w.append(
                f"\t\t<category domain={xml_attr(domain)} nicename={xml_attr(nicename)}>{_cdata(name)}</category>\n"
            )
        for key, value in _rows(e, "wxr:postmeta", 2):
            w.append(_meta_xml("postmeta", key, value))
        w.append(_meta_xml("postmeta", META_KEY, _json(own)))
        for comment in _extra_list(e, "wxr:comments"):
            if isinstance(comment, Mapping):
                w.append(self._comment(comment))
        w.append("\t</item>\n")
        self.out.write("".join(w))

    def _comment(self, comment: Mapping[str, Any]) -> str:
        parts = ["\t\t<wp:comment>\n"]
        for key, value in comment.items():
            if key == "meta":
                parts.extend(_meta_xml("commentmeta", k, v) for k, v in _rows(comment, key, 2))
            elif is_xml_name(key) and _is_scalar(value):
                parts.append(f"\t\t\t<wp:comment_{key}>{_cdata(str(value))}</wp:comment_{key}>\n")
        parts.append("\t\t</wp:comment>\n")
        return "".join(parts)


def write_wxr(corpus: Corpus, target: Target) -> None:
    """Write ``corpus`` as a WXR 1.2 file that WordPress's importer accepts.

    Everything WXR has a place for is written there (authors, nested categories, tags, posts and
    pages with dates, statuses, slugs, sticky, formats, passwords, excerpts, comments, post meta);
    what it has none for goes into newsmodel's own ``_newsmodel`` post/term meta and
    ``newsmodel:`` elements, so that :func:`read_wxr` gives back an equal corpus.

    >>> import io
    >>> from newsmodel.sample import generate
    >>> corpus = generate(articles=3)
    >>> buf = io.StringIO()
    >>> write_wxr(corpus, buf)
    >>> again, _ = read_wxr(io.BytesIO(buf.getvalue().encode()))
    >>> again.articles == corpus.articles and again.site == corpus.site
    True
    """
    with open_text_target(target) as out:
        _Writer(corpus, out).write()
