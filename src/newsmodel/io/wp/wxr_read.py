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
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import attrs

from newsmodel.body import Body, RawHtml
from newsmodel.builder import CorpusBuilder
from newsmodel.corpus import Corpus
from newsmodel.errors import NewsModelError, WxrError
from newsmodel.htmlparse import html_title
from newsmodel.io._common import UNSAFE_URLS, checked_url
from newsmodel.io._fingerprints import FingerprintSet, IdSet
from newsmodel.io._permalinks import apply_permalinks
from newsmodel.io.report import ImportReport, ImportReportBuilder, merge_tags_on_import
from newsmodel.io.wp.mapping import (
    NEWSMODEL_NS,
    NOT_ARTICLES,
    STATUS,
    load_json,
    menu_order,
    own_article,
    parse_body,
    post_kind,
    repair_parents,
    resolve_date,
    serialize_module,
    source_slug,
    split_own_meta,
    wp_datetime,
    zone_info,
)
from newsmodel.io.wp.timezones import OffsetEvidence, ZoneGuess
from newsmodel.io.wp.wxr_menus import WxrMenus
from newsmodel.io.wp.wxr_terms import WxrTerms, term_name
from newsmodel.io.wp.wxr_xml import (
    NAME_CACHE,
    UNDECLARED_PREFIXES,
    Source,
    element_name,
    fields,
    is_wxr_namespace,
    meta_pairs,
    parse_message,
    source_name,
    stripped,
    text_of,
    undeclared,
    xml_batches,
)
from newsmodel.model import (
    FLOATING,
    Article,
    ArticleStatus,
    Author,
    Byline,
    Category,
    ContentKind,
    FeatureImage,
    MenuItemType,
    Site,
    Tag,
    site_zone,
)
from newsmodel.slugs import SlugRegistry, decode_slug, slugify

__all__ = [
    "WxrReader",
    "is_wxr_namespace",
    "iter_wxr",
    "read_wxr",
]

_NM_SITE = f"{{{NEWSMODEL_NS}}}site"
_NM_ORDER = f"{{{NEWSMODEL_NS}}}category_order"


# --------------------------------------------------------------------------- reading


@attrs.frozen(kw_only=True)
class _Attachment:
    url: str
    title: str | None
    caption: str | None
    alt: str | None


@attrs.frozen(kw_only=True)
class _Item:
    """One ``<item>`` of a post or page as read: its simple fields, and what repeats in it."""

    fields: dict[str, str]
    post_id: str
    post_type: str
    wp_status: str
    status: ArticleStatus
    terms: list[tuple[str, str, str]]  # (domain, nicename, name)
    postmeta: list[list[str]]
    comments: list[dict[str, Any]]
    unknown: list[list[str]]  # [tag, text] of elements newsmodel does not map
    place: str
    guid_permalink: str | None


class WxrReader(WxrTerms):
    """Streams one WXR file into newsmodel entities.

    :meth:`records` yields :class:`Author`, :class:`Category`, :class:`Tag` and :class:`Article`
    values in file order, holding only one item in memory at a time.  After it is exhausted,
    :attr:`site` is the channel's :class:`Site` and :meth:`report` the import report.

    ``timezone`` (an IANA name) is the site's zone: it becomes :attr:`Site.timezone` and reads
    dates whose ``post_date_gmt`` is missing or implausible.  Every post type becomes an article of
    that :attr:`~newsmodel.model.Article.kind` (``post``, ``page``, ``product`` …), pages with their
    ``parent_id`` and ``menu_order``; attachments (read for featured images) and menu items are
    skipped and counted.  ``pages=False`` skips pages too (only posts count in widgets and feeds
    anyway: the option is no longer needed for right answers).
    Without ``timezone`` the zone is inferred from the offsets of the posts
    (:mod:`newsmodel.io.wp.timezones`) once the file is read: :attr:`zone_guess` says what was
    chosen and why (also a ``timezone`` warning), and :meth:`resolve_dates` reads the dates that
    needed the zone in it.
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
            self.zone_guess = self._evidence.conclude()
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

    def _declared_login(self, login: str) -> str | None:
        """The declared author whose login sanitizes as ``login`` does (``sanitize_user`` strict)."""
        if len(self._login_keys) != len(self._authors):
            self._login_keys = {}
            for declared in self._authors:
                self._login_keys.setdefault(sanitize_login(declared), declared)
        key = sanitize_login(login)
        return self._login_keys.get(key) if key else None

    def _new_post_id(self) -> str:
        """An id for an item without ``wp:post_id``: ``wxr-item-<n>`` after its place in the file.

        WordPress writes post ids as integers, so a new id cannot take one a later item has."""
        post_id = f"wxr-item-{self._item_no}"
        n = 1
        while post_id in self._article_ids:
            n += 1
            post_id = f"wxr-item-{self._item_no}-{n}"
        return post_id

    def _kept_tag(self, tag: str, place: str) -> str:
        """``tag`` as kept in ``extra``: an undeclared well-known prefix gets its namespace, once warned."""
        found = undeclared(tag)
        if found is None:
            return tag
        prefix, tag = found
        if prefix not in self._undeclared_seen:
            self._undeclared_seen.add(prefix)
            self._report.warn(
                f"the prefix {prefix!r} is used but not declared (as in WordPress.com exports);"
                f" read as {UNDECLARED_PREFIXES.get(prefix)!r}, as WordPress's importer reads it",
                place=place,
                code="namespace",
            )
        return tag

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

    # ------------------------------------------------------------------ items

    def _item(self, elem: ET.Element) -> Article | None:
        f: dict[str, str] = {}
        terms: list[tuple[str, str, str]] = []
        postmeta: list[list[str]] = []
        comments: list[dict[str, Any]] = []
        unknown: list[list[str]] = []
        guid_permalink: str | None = None
        names = NAME_CACHE
        for child in elem:
            tag = child.tag
            n = names.get(tag) or element_name(tag)
            if n == "category":
                domain = child.get("domain")
                nicename = child.get("nicename")
                if domain is None or nicename is None:
                    # WXR 1.0 writes each term twice, once without domain or nicename:
                    # WordPress's importer ignores that copy, and so do we.
                    self._report.skipped("term without domain or nicename (WXR 1.0 duplicate)")
                    continue
                terms.append((domain, nicename, text_of(child).strip()))
            elif n == "wp:postmeta":
                postmeta.extend(meta_pairs(child))
            elif n == "wp:comment":
                comments.append(_comment(child))
            elif n in f:
                unknown.append([self._kept_tag(tag, f"{self.name}: item {self._item_no}"), child.text or ""])
            else:
                if n == "guid":
                    guid_permalink = child.get("isPermaLink")
                if n.startswith(("wp:", "excerpt:", "content:", "dc:")) or n in _RSS_ITEM:
                    f[n] = child.text or ""
                else:
                    unknown.append([self._kept_tag(tag, f"{self.name}: item {self._item_no}"), child.text or ""])
        post_id = f.get("wp:post_id", "").strip()
        post_type = f.get("wp:post_type", "").strip() or "post"
        own, postmeta = split_own_meta(postmeta)
        if own is not None:
            restored = own_article(own, f.get("content:encoded", ""), self._body)
            if restored is not None and restored.id not in self._article_ids:
                # newsmodel's own export: the meta describes the article exactly
                self._saw_wxr = True
                self._article_slugs.add(restored.slug)
                self._article_ids.add(restored.id)
                if comments:
                    self._report.imported("comments", len(comments))
                self._report.imported(_imported_as(restored.kind))
                return restored
        place = f"{self.name}: item {self._item_no}" + (f" (wp:post_id {post_id})" if post_id else "")
        if any(k.startswith("wp:") for k in f) or postmeta or comments:
            self._saw_wxr = True
        if post_type == "nav_menu_item":
            self.menus.item(f, terms, postmeta, place)
            return None
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
        if post_type in NOT_ARTICLES or (post_type == ContentKind.PAGE and not self.pages):
            self._report.skipped(post_type)
            return None
        if post_kind(post_type) is None:
            self._report.skipped("invalid post type")
            self._report.warn(
                f"wp:post_type {post_type!r} is not a WordPress post type key; skipped", place=place, code="post-type"
            )
            return None
        if not post_id:
            if not any(k.startswith("wp:") for k in f):
                self._report.skipped("item without wp:post_id")
                self._report.warn("item has no element in a WXR namespace; skipped", place=place, code="item")
                return None
            # WordPress inserts it with no import_id: wp_insert_post gives it a new id.
            post_id = self._new_post_id()
            title = f.get("title", "").strip()
            self._report.warn(
                f"item {title!r} has no wp:post_id; given the new id {post_id!r}", place=place, code="item"
            )
        if post_id in self._article_ids:
            self._report.skipped("duplicate post_id")
            self._report.warn(f"wp:post_id {post_id!r} appears twice; the first kept", place=place, code="duplicate")
            return None
        wp_status = f.get("wp:status", "").strip() or "publish"
        status = STATUS.get(wp_status)
        if status is None:
            self._report.skipped(f"status {wp_status}")
            self._report.warn(f"post status {wp_status!r} is not imported", place=place, code="status")
            return None
        return self._article(
            _Item(
                fields=f,
                post_id=post_id,
                post_type=post_type,
                wp_status=wp_status,
                status=status,
                terms=terms,
                postmeta=postmeta,
                comments=comments,
                unknown=unknown,
                place=place,
                guid_permalink=guid_permalink,
            )
        )

    def _article(self, item: _Item) -> Article:
        f, post_id, post_type, place = item.fields, item.post_id, item.post_type, item.place
        wp_status, status, terms, postmeta = item.wp_status, item.status, item.terms, item.postmeta
        comments, unknown, guid_permalink = item.comments, item.unknown, item.guid_permalink
        extra: dict[str, Any] = {}
        parent_id, order = self._hierarchy(f, post_id, extra, place)
        # dates
        floating = status in (ArticleStatus.DRAFT, ArticleStatus.PENDING)
        pub = resolve_date(f.get("wp:post_date"), f.get("wp:post_date_gmt"), self.zone, floating)
        evidence = self._evidence
        if evidence is not None and pub.needs_zone:
            # read as UTC for now; the zone is known at the end of the file (resolve_dates)
            self._zone_pending[post_id] = (f.get("wp:post_date"), f.get("wp:post_date_gmt"), place)
        elif pub.warning:
            self._report.warn(pub.warning, place=place, code="date")
        if evidence is not None and pub.exact and pub.value is not None:
            evidence.add(pub.value)
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
        mod = resolve_date(f.get("wp:post_modified"), f.get("wp:post_modified_gmt"), self.zone, False)
        if not mod.exact:
            for key in ("wp:post_modified", "wp:post_modified_gmt"):
                if key in f:
                    extra[f"wxr:{key[3:]}"] = f[key]
        # slug
        post_name = f.get("wp:post_name", "").strip()
        # post_title is HTML (the_title prints it as it is): the text readers see, the markup beside
        title, title_html = html_title(f.get("title", "").strip())
        slug, why = source_slug(post_name, self._article_slugs, title or f"post-{post_id}")
        if why is not None:
            extra["wxr:post_name"] = post_name
            if post_name:
                self._report.warn(f"post_name {post_name!r} is {why}; slug {slug!r} given", place=place, code="slug")
        # author
        creator = f.get("dc:creator", "").strip() or f.get("wp:author", "").strip()
        bylines: tuple[Byline, ...] = ()
        if creator:
            if creator not in self._authors:
                # WordPress compares logins after sanitize_user( $login, true ) on both sides
                same = self._declared_login(creator)
                if same is not None:
                    self._report.warn(
                        f"dc:creator {creator!r} read as the declared author {same!r}"
                        " (WordPress's importer compares logins as sanitize_user leaves them)",
                        place=place,
                        code="author",
                    )
                    extra["wxr:creator"] = creator
                    creator = same
            if creator in self._authors:
                bylines = (Byline(author_id=creator),)
            elif self._declares_authors:
                # WordPress's importer maps only the declared logins (get_author_mapping); a post
                # by any other goes to the importing user (process_post): no author of the file.
                extra["wxr:creator"] = creator
                self._report.warn(
                    f"dc:creator {creator!r} is not a declared wp:author; no byline (WordPress gives"
                    " such a post to the user who imports it), the login kept in wxr:creator",
                    place=place,
                    code="author",
                )
            else:
                # No wp:author at all (WXR 1.0): WordPress makes the authors from the posts'
                # dc:creator, its login as sanitize_user leaves it (get_authors_from_import).
                login = sanitize_login(creator)
                if login != creator:
                    extra["wxr:creator"] = creator
                if not login:
                    self._report.warn(
                        f"dc:creator {creator!r} is no login; no byline (WordPress gives the post to the"
                        " user who imports it), kept in wxr:creator",
                        place=place,
                        code="author",
                    )
                else:
                    if login not in self._authors:
                        self._report.warn(
                            f"the file declares no wp:author: author {login!r} made from dc:creator"
                            f" {creator!r}, as WordPress's importer makes it",
                            place=place,
                            code="author",
                        )
                        fields_ = {"wp:author_login": login, "wp:author_display_name": creator}
                        self.pending_authors.append(self._author(fields_, place=place))
                    bylines = (Byline(author_id=login),)
        # terms
        category_ids: list[str] = []
        tag_ids: list[str] = []
        post_format: str | None = None
        other_terms: list[list[str]] = []
        for domain, nicename, name in terms:
            if domain == "category":
                cid = (
                    self._cat_by_nicename.get(nicename)
                    or self._cat_by_nicename.get(decode_slug(nicename) or "")
                    or self._cat_by_nicename.get(slugify(name or nicename))
                )
                if cid is None:
                    cat_extra: dict[str, Any] = {}
                    cat = self._add_category(
                        term_id="",
                        nicename=nicename,
                        name=term_name(name, "wxr:cat_name", cat_extra),
                        parent_id=None,
                        description=None,
                        meta=[],
                        extra=cat_extra,
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
                tid = self._tag_by_nicename.get(nicename) or self._tag_by_nicename.get(decode_slug(nicename) or "")
                if tid is None:
                    tag_extra: dict[str, Any] = {}
                    tag_name = term_name(name, "wxr:tag_name", tag_extra)
                    tag = self._add_tag(
                        term_id="", nicename=nicename, name=tag_name, description=None, meta=[], extra=tag_extra
                    )
                    self._report.warn(
                        f"tag {nicename!r} is not declared in the channel; created", place=place, code="dangling"
                    )
                    if tag is not None:
                        self.pending_terms.append(tag)
                        tid = tag.id
                    else:  # a tag of that slug after all (one term per slug)
                        tid = self._tag_by_nicename.get(nicename)
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
        for key in ("guid", "link", "wp:comment_status", "wp:ping_status"):
            value = f.get(key, "").strip()
            if value:
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
            title_html=title_html,
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
            kind=post_type,
            parent_id=parent_id,
            menu_order=order,
            extra=extra,
        )
        if thumb is not None:
            att = self._attachments.get(thumb)
            if att is not None and att.url:
                article = self._with_feature(article, att)
            else:
                self._pending_thumbs[post_id] = thumb
        self._article_ids.add(post_id)
        self._report.imported(_imported_as(post_type))
        return article

    def _hierarchy(self, f: dict[str, str], post_id: str, extra: dict[str, Any], place: str) -> tuple[str | None, int]:
        """``(parent_id, menu_order)`` of an item; a value the model cannot hold stays in ``extra``."""
        parent = f.get("wp:post_parent", "").strip()
        parent_id = parent if parent and parent != "0" else None
        if parent_id == post_id:
            self._report.warn(
                f"wp:post_parent {parent!r} is the item itself; placed at the top level"
                " (kept in extra['wxr:post_parent'])",
                place=place,
                code="parent",
            )
            extra["wxr:post_parent"] = parent
            parent_id = None
        raw_order = f.get("wp:menu_order", "").strip()
        order = menu_order(raw_order or "0")
        if order is None:
            self._report.warn(
                f"wp:menu_order {raw_order!r} is not an integer; 0 used (kept in extra['wxr:menu_order'])",
                place=place,
                code="menu-order",
            )
            extra["wxr:menu_order"] = raw_order
            order = 0
        return parent_id, order

    def _body(self, html: str) -> Body:
        if self.parse_bodies or not html.strip():
            return parse_body(html)
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
_TAGS = re.compile(r"<[^>]*>?")
_OCTETS = re.compile(r"%[a-fA-F0-9]{2}")
_ENTITIES = re.compile(r"&.+?;")
_NOT_LOGIN = re.compile(r"[^a-zA-Z0-9 _.\-@]")


def sanitize_login(login: str) -> str:
    """A login as WordPress's ``sanitize_user( $login, true )`` leaves it (tags, percent-encoded
    octets and entities removed, then every character but ASCII letters, digits, space and
    ``_.-@``; spaces trimmed and collapsed), which is how its importer matches ``dc:creator``
    against the declared ``wp:author_login``.

    >>> sanitize_login(">themereviewteam"), sanitize_login(" Jane  Doe&amp; ")
    ('themereviewteam', 'Jane Doe')
    """
    login = _TAGS.sub("", login)
    login = _OCTETS.sub("", login)
    login = _ENTITIES.sub("", login)
    login = _NOT_LOGIN.sub("", login)
    return " ".join(login.split())


def _imported_as(kind: str) -> str:
    """The import report's line for an article of ``kind``: posts are "articles"."""
    return {ContentKind.POST: "articles", ContentKind.PAGE: "pages"}.get(kind, f"{kind} items")


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
        n = element_name(child.tag)
        if n == "wp:commentmeta":
            meta.extend(meta_pairs(child))
        elif n.startswith("wp:comment_"):
            record[n[len("wp:comment_") :]] = text_of(child)
        else:
            record[n] = text_of(child)
    if meta:
        record["meta"] = meta
    return record


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
                corpus = Corpus(
                    site=corpus.site,
                    authors=corpus.authors,
                    categories=ordered,
                    tags=corpus.tags,
                    articles=corpus.articles,
                    menus=corpus.menus,
                )
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
