"""What one WXR ``<item>`` becomes: the article (or page, attachment, menu item) it maps to.

:class:`WxrItems` is the item half of :class:`~newsmodel.io.wp.wxr_read.WxrReader`: it reads an
item's fields, resolves its authors, terms, parent and featured image, and builds the
:class:`~newsmodel.values.model.Article` through the mapping WXR and REST share
(:mod:`newsmodel.io.wp.mapping`).  The channel, its terms and the stream itself stay in
:mod:`newsmodel.io.wp.wxr_read`, which sets the state declared here.
"""

from __future__ import annotations

import email.utils
import re
import xml.etree.ElementTree as ET
from datetime import datetime, tzinfo
from typing import Any

import attrs

from newsmodel.bodies.htmlparse import html_title
from newsmodel.io._common import UNSAFE_URLS, checked_url
from newsmodel.io._fingerprints import IdSet
from newsmodel.io.timezones import OffsetEvidence
from newsmodel.io.wp.mapping import (
    NOT_ARTICLES,
    STATUS,
    menu_order,
    own_article,
    parse_stored_body,
    post_kind,
    resolve_date,
    source_slug,
    split_own_meta,
)
from newsmodel.io.wp.wxr_menus import WxrMenus
from newsmodel.io.wp.wxr_terms import WxrTerms, term_name
from newsmodel.io.wp.wxr_xml import (
    UNDECLARED_PREFIXES,
    element_name,
    meta_pairs,
    text_of,
    undeclared,
)
from newsmodel.values.body import Body, RawHtml
from newsmodel.values.model import (
    Article,
    ArticleStatus,
    Author,
    Byline,
    Category,
    ContentKind,
    FeatureImage,
    Tag,
)
from newsmodel.values.slugs import SlugRegistry, decode_slug, slugify

__all__ = ["WxrItems", "sanitize_login"]


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


_RSS_ITEM = frozenset(("title", "link", "pubDate", "guid", "description"))
_TAGS = re.compile(r"<[^>]*>?")
_OCTETS = re.compile(r"%[a-fA-F0-9]{2}")
# WordPress's "&.+?;" ("kill entities", sanitize_user), read without searching from every "&": the
# shortest run from "&" through a ";" after at least one character, on one line; where none
# follows an "&", none follows a later "&" of that line, so the rest of the line is taken as it
# is (the group, put back) instead of being searched again from each "&" (quadratic in "&&&…")
_ENTITIES = re.compile(r"&[^\n][^;\n]*;|(&[^\n]*)")
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
    login = _ENTITIES.sub(r"\1", login)
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


class WxrItems(WxrTerms):
    """The item mapping of a WXR reader; :class:`~newsmodel.io.wp.wxr_read.WxrReader` sets this state."""

    zone: tzinfo | None
    pages: bool
    parse_bodies: bool
    menus: WxrMenus
    pending_authors: list[Author]
    pending_terms: list[Category | Tag]
    _evidence: OffsetEvidence | None
    _zone_pending: dict[str, tuple[str | None, str | None, str]]
    _article_slugs: SlugRegistry
    _article_ids: IdSet
    _attachments: dict[str, _Attachment]
    _pending_thumbs: dict[str, str]
    _item_no: int
    _undeclared_seen: set[str]
    _declares_authors: bool
    _login_keys: dict[str, str]
    _saw_wxr: bool

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

    # ------------------------------------------------------------------ items

    def _item(self, elem: ET.Element) -> Article | None:
        f: dict[str, str] = {}
        terms: list[tuple[str, str, str]] = []
        postmeta: list[list[str]] = []
        comments: list[dict[str, Any]] = []
        unknown: list[list[str]] = []
        guid_permalink: str | None = None
        for child in elem:
            tag = child.tag
            n = element_name(tag)
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
            self._skip(comments, "attachment")
            return None
        if post_type in NOT_ARTICLES or (post_type == ContentKind.PAGE and not self.pages):
            self._skip(comments, post_type)
            return None
        if post_kind(post_type) is None:
            self._skip(comments, "invalid post type")
            self._report.warn(
                f"wp:post_type {post_type!r} is not a WordPress post type key; skipped", place=place, code="post-type"
            )
            return None
        if not post_id:
            if not any(k.startswith("wp:") for k in f):
                self._skip(comments, "item without wp:post_id")
                self._report.warn("item has no element in a WXR namespace; skipped", place=place, code="item")
                return None
            # WordPress inserts it with no import_id: wp_insert_post gives it a new id.
            post_id = self._new_post_id()
            title = f.get("title", "").strip()
            self._report.warn(
                f"item {title!r} has no wp:post_id; given the new id {post_id!r}", place=place, code="item"
            )
        if post_id in self._article_ids:
            self._skip(comments, "duplicate post_id")
            self._report.warn(f"wp:post_id {post_id!r} appears twice; the first kept", place=place, code="duplicate")
            return None
        wp_status = f.get("wp:status", "").strip() or "publish"
        status = STATUS.get(wp_status)
        if status is None:
            self._skip(comments, f"status {wp_status}")
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

    def _skip(self, comments: list[dict[str, Any]], reason: str) -> None:
        """An item left out, and its comments with it (counted, not dropped silently)."""
        self._report.skipped(reason)
        if comments:
            self._report.skipped(f"comment on a skipped item ({reason})", len(comments))

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
            return parse_stored_body(html)
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
