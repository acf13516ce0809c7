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

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from newsmodel.io._common import checked_url, site_locale
from newsmodel.io._fingerprints import FingerprintSet, IdSet
from newsmodel.io._permalinks import apply_permalinks
from newsmodel.io.report import ImportReport, ImportReportBuilder, merge_tags_on_import
from newsmodel.io.timezones import OffsetEvidence, ZoneGuess, territory_zones
from newsmodel.io.wp.mapping import (
    NEWSMODEL_NS,
    load_json,
    repair_parents,
    serialize_module,
    wp_datetime,
    zone_info,
)
from newsmodel.io.wp.wxr_items import WxrItems, _Attachment
from newsmodel.io.wp.wxr_menus import WxrMenus
from newsmodel.io.wp.wxr_xml import (
    Source,
    element_name,
    fields,
    is_wxr_namespace,
    meta_pairs,
    parse_message,
    source_name,
    stripped,
    text_of,
    xml_batches,
)
from newsmodel.values.builder import CorpusBuilder
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import NewsModelError, WxrError
from newsmodel.values.model import (
    FLOATING,
    Article,
    Author,
    Category,
    ContentKind,
    MenuItemType,
    Site,
    Tag,
    site_zone,
)
from newsmodel.values.slugs import SlugRegistry

__all__ = [
    "WxrReader",
    "is_wxr_namespace",
    "iter_wxr",
    "read_wxr",
]

_NM_SITE = f"{{{NEWSMODEL_NS}}}site"
_NM_ORDER = f"{{{NEWSMODEL_NS}}}category_order"


# --------------------------------------------------------------------------- reading


class WxrReader(WxrItems):
    """Streams one WXR file into newsmodel entities.

    :meth:`records` yields :class:`Author`, :class:`Category`, :class:`Tag` and :class:`Article`
    values in file order, holding only one item in memory at a time.  After it is exhausted,
    :attr:`site` is the channel's :class:`Site` and :meth:`report` the import report.

    ``timezone`` (an IANA name) is the site's zone: it becomes :attr:`Site.timezone` and reads
    dates whose ``post_date_gmt`` is missing or implausible.  Every post type becomes an article of
    that :attr:`~newsmodel.values.model.Article.kind` (``post``, ``page``, ``product`` …), pages with their
    ``parent_id`` and ``menu_order``; attachments (read for featured images) and menu items are
    skipped and counted.  ``pages=False`` skips pages too (only posts count in widgets and feeds
    anyway: the option is no longer needed for right answers).
    Without ``timezone`` the zone is inferred from the offsets of the posts
    (:mod:`newsmodel.io.timezones`) once the file is read: :attr:`zone_guess` says what was
    chosen and why (also a ``timezone`` warning), and :meth:`resolve_dates` reads the dates that
    needed the zone in it.
    ``parse_bodies=False`` keeps each body as one :class:`~newsmodel.values.body.RawHtml` block (reason
    ``"unparsed"``) instead of typed blocks: a bulk conversion that parses bodies later, with
    :func:`~newsmodel.io.wp.mapping.parse_stored_body` (the stored content, as WordPress shows it).
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
        self.name = source_name(source)
        self.timezone = timezone
        self.zone = zone_info(timezone) if timezone else None
        self._evidence: OffsetEvidence | None = None if timezone else OffsetEvidence()
        #: What the zone inference found (None when ``timezone`` was given, or before the end).
        self.zone_guess: ZoneGuess | None = None
        # article id -> (post_date, post_date_gmt, place) of dates that need the site's zone
        self._zone_pending: dict[str, tuple[str | None, str | None, str]] = {}
        self.pages = pages
        super().__init__(self.name, ImportReportBuilder(source=self.name, format="wxr"))
        self._channel: dict[str, str] = {}
        self._site_extra: dict[str, Any] = {}
        self._version: str | None = None
        self._saw_wxr = False
        # every slug and id so far, compactly: ten million items fit in some 200 MB
        self._article_slugs = SlugRegistry(reserved=(), store=FingerprintSet())
        self._article_ids = IdSet()
        self._attachments: dict[str, _Attachment] = {}
        self._pending_thumbs: dict[str, str] = {}  # article id -> attachment id
        self._item_no = 0
        self._undeclared_seen: set[str] = set()
        self._declares_authors = False
        self._login_keys: dict[str, str] = {}
        self.site: Site | None = None
        #: True when the site came back from newsmodel's own export (its permalinks included).
        self.site_restored = False
        self._own_site: Any = None
        #: Authors created for a ``dc:creator`` that the channel does not declare.
        self.pending_authors: list[Author] = []
        #: Categories and tags created for item terms the channel does not declare.
        self.pending_terms: list[Category | Tag] = []
        #: The corpus order of categories when newsmodel's export had to write parents first.
        self.category_order: list[str] | None = None
        #: The navigation menus (``nav_menu`` terms and ``nav_menu_item`` items) read so far.
        self.menus = WxrMenus(self.name, self._report)

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
            for events in xml_batches(self.source, self.name, self.progress):
                for event, elem in events:
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            root_seen = True
                            if element_name(elem.tag) != "rss":
                                raise WxrError(
                                    f"{self.name}: the root element is {elem.tag!r}, not 'rss': not a WXR file",
                                    source=self.name,
                                    place="root",
                                )
                        elif depth == 2 and element_name(elem.tag) == "channel":
                            channel = elem
                        continue
                    depth -= 1
                    if depth == 2 and channel is not None:
                        yield from self._channel_child(elem)
                        channel.clear()
        except ET.ParseError as exc:
            line, column = exc.position
            raise WxrError(
                f"{self.name}:{line}:{column}: not well-formed XML ({parse_message(exc)})"
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
        if self._evidence is not None:
            self.zone_guess = self._evidence.conclude(prefer=territory_zones(self._channel.get("language")))
            self._report.warn(self.zone_guess.describe(), place=f"{self.name}: channel", code="timezone")
            self._warn_pending_dates()
        self.site = self._make_site()

    # ------------------------------------------------------------------ channel

    def _channel_child(self, elem: ET.Element) -> Iterator[Author | Category | Tag | Article]:
        n = element_name(elem.tag)
        if n.startswith("wp:"):
            self._saw_wxr = True
        if n == "item":
            self._item_no += 1
            article = self._item(elem)
            if article is not None:
                yield article
        elif n == "wp:author":
            self._declares_authors = True
            yield self._author(fields(elem), place=f"{self.name}: wp:author")
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
            version = stripped(elem)
            self._version = version
            if not re.fullmatch(r"1\.[0-2]", version):
                self._report.warn(
                    f"unknown wp:wxr_version {version!r}; read it as WXR 1.2",
                    place=f"{self.name}: channel",
                    code="version",
                )
        elif n in ("title", "link", "description", "language", "pubDate", "generator"):
            self._channel.setdefault(n, text_of(elem))
        elif n == _NM_SITE:
            self._own_site = load_json(text_of(elem))
        elif n == _NM_ORDER:
            order = load_json(text_of(elem))
            if isinstance(order, list):
                self.category_order = [str(x) for x in order]
        elif n in ("wp:base_site_url", "wp:base_blog_url"):
            self._site_extra[f"wxr:{n[3:]}"] = stripped(elem)
        else:
            self._report.skipped("unknown channel element")
            kept = self._kept_tag(elem.tag, f"{self.name}: channel")
            self._site_extra.setdefault("wxr:elements", []).append([kept, text_of(elem)])

    def _make_site(self) -> Site:
        if self._own_site is not None:
            try:
                site: Site = serialize_module().structure(self._own_site, Site)
            except (NewsModelError, ValueError, TypeError, KeyError):
                pass
            else:
                self.site_restored = True
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
            timezone=self._site_timezone(),
            locale=site_locale(ch.get("language"), report=self._report, place=f"{self.name}: channel"),
            description=ch.get("description", "").strip() or None,
            language=ch.get("language", "").strip() or None,
            extra=extra,
        )

    def _site_timezone(self) -> str:
        if self.timezone:
            return self.timezone
        if self.zone_guess is not None and self.zone_guess.timezone is not None:
            return self.zone_guess.timezone
        return "UTC"

    def _warn_pending_dates(self) -> None:
        zone = self._site_timezone()
        if zone == FLOATING:
            how = "as written (the site is floating)"
        elif self.zone_guess is not None and self.zone_guess.rule == "none":
            how = "as UTC (no post has both dates to infer the site's zone from; give --timezone)"
        else:
            how = f"in the site time zone {zone!r}"
        for local_s, gmt_s, place in self._zone_pending.values():
            bad = wp_datetime(gmt_s) is None
            why = "has no usable post_date_gmt" if bad else f"disagrees with post_date_gmt {gmt_s!r}"
            self._report.warn(f"post_date {local_s!r} {why}; read it {how}", place=place, code="date")

    def resolve_dates(self, article: Article) -> Article:
        """``article`` with its dates read in the inferred site zone, where they needed one.

        A post whose ``post_date_gmt`` is missing or implausible has only its wall clock; until
        the file is read, the zone is unknown and it is read as UTC.  After :meth:`records`,
        this reads it in the zone inferred for the site (as written, for a floating site).
        """
        pending = self._zone_pending.get(article.id)
        if pending is None:
            return article
        local = wp_datetime(pending[0])
        zone = site_zone(self._site_timezone())
        if local is None or zone is None:
            return article
        published = local.replace(tzinfo=zone)
        return attrs.evolve(article, published=published)

    def _term(self, elem: ET.Element) -> None:
        f = fields(elem)
        record: dict[str, Any] = {k[3:]: v.strip() for k, v in f.items() if k.startswith("wp:") and k != "wp:termmeta"}
        meta = [p for child in elem if element_name(child.tag) == "wp:termmeta" for p in meta_pairs(child)]
        if meta:
            record["termmeta"] = meta
        if record.get("term_taxonomy") == "nav_menu":
            self.menus.term(record)
            return
        if not record:
            self._report.skipped("unknown channel element")
            self._site_extra.setdefault("wxr:elements", []).append([elem.tag, text_of(elem)])
            return
        self._site_extra.setdefault("wxr:terms", []).append(record)
        self._report.imported("terms kept in site extra")


# --------------------------------------------------------------------------- convenience


def iter_wxr(
    source: Source, *, timezone: str | None = None, pages: bool = True, parse_bodies: bool = True
) -> Iterator[Article]:
    """Stream the articles (posts, pages and other kinds) of a WXR file, one at a time, in file order.

    Memory holds one item at a time, plus a few bytes an item of bookkeeping (ids, slugs), and
    the attachments kept for featured images.  Featured images whose attachment comes later in
    the file are not resolved here (:func:`read_wxr` resolves them), nor, without ``timezone``,
    dates that need the site's zone (their ``post_date_gmt`` is unusable): the zone is inferred
    at the end of the file, and they stay read as UTC here.
    Parents are not checked here either (:func:`read_wxr` does).
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
    merge_tags: bool = False,
) -> tuple[Corpus, ImportReport]:
    """Read a WXR file (a path or a binary file) into a checked :class:`Corpus` and an :class:`ImportReport`.

    ``timezone``, ``pages``, ``parse_bodies`` and ``progress`` are those of :class:`WxrReader`.

    Tags are kept as WordPress keeps its terms: one tag per slug, however alike two names are
    ("Kim Jong Un" ``kim-jong-un`` and "Kim Jong-un" ``kim-jong-un-2`` stay two tags).
    ``merge_tags=True`` then merges near-duplicate spellings
    (:func:`~newsmodel.io.report.merge_tags_on_import`), each merge a ``tag-merge`` warning.
    A page
    whose parent is not in the file, or whose parents make a cycle, is placed at the top level
    with a ``parent`` warning, as WordPress's importer keeps orphans (see
    :func:`~newsmodel.io.wp.mapping.repair_parents`).
    Malformed or unsafe XML raises :class:`~newsmodel.values.errors.WxrError` /
    :class:`~newsmodel.values.errors.UnsafeXml` naming the place; no partial corpus is returned.
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
    for tag in tags:
        builder.add_tag(tag)
    report = reader._report
    articles = repair_parents(
        articles, report, place=lambda a: f"{reader.name}: wp:post_id {a.id}", key="wxr:post_parent"
    )
    for article in articles:
        builder.add_article(reader.resolve_dates(reader.resolve_feature_images(article)))
    for menu in reader.menus.menus():
        builder.add_menu(menu)
    if reader.menus.unplaced:
        builder.site = attrs.evolve(
            builder.site, extra=builder.site.extra.merged({"wxr:menu_items": reader.menus.unplaced})
        )
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
                corpus = corpus.replace(categories=ordered)
        if not reader.site_restored:
            posts = (a.id for a in corpus.articles if a.kind == ContentKind.POST)
            corpus = apply_permalinks(corpus, report, post_ids=posts)
    except NewsModelError as exc:
        raise WxrError(f"{reader.name}: {exc}", source=reader.name, place="corpus") from exc
    _report_missing_targets(corpus, report, reader.name)
    if merge_tags:
        return merge_tags_on_import(corpus, report.build())
    return corpus, report.build()


def _report_missing_targets(corpus: Corpus, report: ImportReportBuilder, name: str) -> None:
    """One ``menu-item`` warning per menu item whose page, post or term the file does not have.

    WordPress's importer drops such an item (``process_menu_item`` retries it once everything is
    imported, then gives up); it is kept here, and a page leaves it out as WordPress's
    ``wp_get_nav_menu_items`` leaves out an invalid item.
    """
    for menu in corpus.menus:
        for item in menu.items:
            key = item.object_id or ""
            if item.type == MenuItemType.POST_TYPE:
                missing = _no_entity(corpus.article, key)
            elif item.type == MenuItemType.TAXONOMY and item.object == MenuItemType.CATEGORY:
                missing = _no_entity(corpus.category, key)
            elif item.type == MenuItemType.TAXONOMY and item.object == MenuItemType.TAG:
                missing = _no_entity(corpus.tag, key)
            else:
                continue
            if missing:
                report.warn(
                    f"menu item {item.id!r} of menu {menu.slug!r} points at {item.object} {key!r}, which the"
                    " file does not have; kept (WordPress's importer drops it; a page leaves it out)",
                    place=f"{name}: wp:post_id {item.id}",
                    code="menu-item",
                )


def _no_entity(lookup: Callable[[str], Any], key: str) -> bool:
    try:
        lookup(key)
    except NewsModelError:
        return True
    return False


def _unique_by_id(authors: list[Author]) -> list[Author]:
    seen: dict[str, Author] = {}
    for a in authors:
        seen.setdefault(a.id, a)
    return list(seen.values())
