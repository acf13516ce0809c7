"""Writing WXR 1.2: a corpus as a file WordPress's importer accepts, and that :func:`read_wxr`
reads back into an equal corpus (what WXR has no place for travels in newsmodel's own meta).

What WordPress's importer (``WP_Import``) needs, and where it is written:

* a featured image is an ``attachment`` item (``wp:attachment_url``, ``guid``, its article as
  ``wp:post_parent``) whose ``wp:post_id`` the article's ``_thumbnail_id`` meta names
  (``remap_featured_images`` maps it to the imported attachment);
* pages keep ``wp:post_parent`` and ``wp:menu_order`` in corpus order: a child before its parent
  is an orphan that ``backfill_parents`` places once the parent is imported;
* a menu is a ``wp:term`` of the taxonomy ``nav_menu`` (``process_terms`` creates it) and each of
  its items a ``nav_menu_item`` item filed in it, with the ``_menu_item_*`` meta that
  ``process_menu_item`` reads;
* posts, attachments and menu items share WordPress's post ids (``processed_posts``), and menus,
  categories and tags its term ids (``processed_terms``): an attachment, a menu item or a menu
  whose id is taken gets a fresh number.
"""

from __future__ import annotations

import email.utils
import json
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import IO, Any

from newsmodel.bodies.htmlparse import text_as_html
from newsmodel.bodies.render import render_html
from newsmodel.io._common import Target, links, open_text_target
from newsmodel.io._xml import is_xml_name, xml_attr, xml_cdata, xml_chars, xml_text
from newsmodel.io.wp.mapping import (
    META_KEY,
    NEWSMODEL_NS,
    WP_STATUS,
    ZERO_DATE,
    content_sha1,
    format_wp_date,
    parse_stored_body,
    serialize_module,
)
from newsmodel.values._validate import is_number
from newsmodel.values.builder import parents_first
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidPermalink
from newsmodel.values.model import (
    Article,
    Author,
    Category,
    FeatureImage,
    Menu,
    MenuItem,
    MenuItemType,
    Tag,
    thaw,
)
from newsmodel.values.slugs import SlugRegistry, encode_slug, is_slug

__all__ = ["write_wxr"]

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
        return ZERO_DATE, ZERO_DATE
    return format_wp_date(value), format_wp_date(value.astimezone(timezone.utc))


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
        self.ser = serialize_module()
        self._post_ids: set[str] = {a.id for a in corpus.articles}
        self._next_post = _next_number(self._post_ids | {i.id for m in corpus.menus for i in m.items})
        self._term_ids: set[str] = {c.id for c in corpus.categories} | {t.id for t in corpus.tags}
        self._next_term = _next_number(self._term_ids | {m.id for m in corpus.menus})
        # WordPress reads post and term ids as integers (intval): an id that is not a positive
        # integer gets a number of its own, used by every reference the file writes (parents,
        # featured images, menu targets); newsmodel's own meta keeps the id itself.
        self.number: dict[str, str] = {}
        for article in corpus.articles:
            self.number[article.id] = article.id if _is_number(article.id) else self._fresh_post()
        self.term_number: dict[str, str] = {}
        for term_id in [*(c.id for c in corpus.categories), *(t.id for t in corpus.tags)]:
            if term_id not in self.term_number:
                self.term_number[term_id] = term_id if _is_number(term_id) else self._fresh_term()
        self._thumbs: dict[str, str] = {}  # article id -> attachment post id

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
        for menu in self.corpus.menus:
            self._menu_term(menu)
        w("\t<generator>newsmodel</generator>\n")
        self._plan_thumbnails()
        for article in self.corpus.articles:
            self._item(article)
        self._attachments()
        for menu in self.corpus.menus:
            self._menu_items(menu)
        w("</channel>\n</rss>\n")

    # ------------------------------------------------------------------ ids

    def _fresh_post(self) -> str:
        self._next_post += 1
        fresh = str(self._next_post)
        self._post_ids.add(fresh)
        return fresh

    def _fresh_term(self) -> str:
        self._next_term += 1
        fresh = str(self._next_term)
        self._term_ids.add(fresh)
        return fresh

    def _post_id(self, wanted: str) -> str:
        """``wanted`` when it is a free WordPress post id (a positive integer), else a fresh one."""
        if is_number(wanted) and int(wanted) > 0 and wanted not in self._post_ids:
            self._post_ids.add(wanted)
            return wanted
        self._next_post += 1
        fresh = str(self._next_post)
        self._post_ids.add(fresh)
        return fresh

    # ------------------------------------------------------------------ featured images

    def _plan_thumbnails(self) -> None:
        """The attachment id of each article's featured image: the ``_thumbnail_id`` an import
        kept, else a fresh id (one attachment per id)."""
        for article in self.corpus.articles:
            if article.feature_image is None:
                continue
            kept = next((v for k, v in _rows(article.extra, "wxr:postmeta", 2) if k == "_thumbnail_id"), None)
            if kept is not None and kept.strip() in self._thumbs.values():
                self._thumbs[article.id] = kept.strip()
                continue
            self._thumbs[article.id] = self._post_id(kept.strip() if kept is not None else "")

    def _attachments(self) -> None:
        written: set[str] = set()
        for article in self.corpus.articles:
            thumb = self._thumbs.get(article.id)
            if thumb is None or thumb in written or article.feature_image is None:
                continue
            written.add(thumb)
            self.out.write(self._attachment(thumb, article, article.feature_image))

    def _attachment(self, post_id: str, article: Article, image: FeatureImage) -> str:
        name = image.url.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0] or f"attachment-{post_id}"
        post_date, post_date_gmt = _dates(article.published)
        w = [
            "\t<item>\n",
            f"\t\t<title>{_cdata(name)}</title>\n",
            f'\t\t<guid isPermaLink="false">{_esc(image.url)}</guid>\n',
            "\t\t<description></description>\n",
            "\t\t<content:encoded><![CDATA[]]></content:encoded>\n",
            f"\t\t<excerpt:encoded>{_cdata(image.caption or '')}</excerpt:encoded>\n",
            f"\t\t<wp:post_id>{_esc(post_id)}</wp:post_id>\n",
            f"\t\t<wp:post_date>{_cdata(post_date)}</wp:post_date>\n",
            f"\t\t<wp:post_date_gmt>{_cdata(post_date_gmt)}</wp:post_date_gmt>\n",
            "\t\t<wp:comment_status><![CDATA[closed]]></wp:comment_status>\n",
            "\t\t<wp:ping_status><![CDATA[closed]]></wp:ping_status>\n",
            f"\t\t<wp:post_name>{_cdata(_attachment_name(name, post_id))}</wp:post_name>\n",
            "\t\t<wp:status><![CDATA[inherit]]></wp:status>\n",
            f"\t\t<wp:post_parent>{_esc(self.number[article.id])}</wp:post_parent>\n",
            "\t\t<wp:menu_order>0</wp:menu_order>\n",
            "\t\t<wp:post_type><![CDATA[attachment]]></wp:post_type>\n",
            "\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n",
            "\t\t<wp:is_sticky>0</wp:is_sticky>\n",
            f"\t\t<wp:attachment_url>{_cdata(image.url)}</wp:attachment_url>\n",
        ]
        if image.alt:
            w.append(_meta_xml("postmeta", "_wp_attachment_image_alt", image.alt))
        w.append("\t</item>\n")
        return "".join(w)

    # ------------------------------------------------------------------ menus

    def _menu_term(self, menu: Menu) -> None:
        """Write ``menu`` as a ``nav_menu`` term, as ``wxr_nav_menu_terms`` does."""
        term_id = menu.id
        if not (is_number(term_id) and int(term_id) > 0) or term_id in self._term_ids:
            self._next_term += 1
            term_id = str(self._next_term)
        self._term_ids.add(term_id)
        self.out.write(
            "\t<wp:term>"
            f"<wp:term_id>{_esc(term_id)}</wp:term_id>"
            "<wp:term_taxonomy>nav_menu</wp:term_taxonomy>"
            f"<wp:term_slug>{_cdata(encode_slug(menu.slug))}</wp:term_slug>"
            f"<wp:term_name>{_cdata(menu.name)}</wp:term_name>"
            + (f"<wp:term_description>{_cdata(menu.description)}</wp:term_description>" if menu.description else "")
            + "\n"
            + self._term_meta(menu)
            + "\t</wp:term>\n"
        )

    def _menu_items(self, menu: Menu) -> None:
        ids = {item.id: self._post_id(item.id) for item in menu.items}
        nicename = encode_slug(menu.slug)
        for item in menu.items:
            self.out.write(self._menu_item(item, ids, nicename, menu.name))

    def _menu_item(self, item: MenuItem, ids: Mapping[str, str], nicename: str, menu_name: str) -> str:
        post_id = ids[item.id]
        custom = item.type not in (MenuItemType.POST_TYPE, MenuItemType.TAXONOMY)
        if custom or item.object_id is None:
            object_id = post_id
        elif item.type == MenuItemType.POST_TYPE:
            object_id = self.number.get(item.object_id, item.object_id)
        else:
            object_id = self.term_number.get(item.object_id, item.object_id)
        meta = [
            ("_menu_item_type", item.type),
            ("_menu_item_menu_item_parent", ids[item.parent_id] if item.parent_id is not None else "0"),
            ("_menu_item_object_id", object_id),
            ("_menu_item_object", item.object),
            ("_menu_item_target", item.target),
            ("_menu_item_classes", _php_strings(item.classes)),
            ("_menu_item_xfn", item.xfn),
            ("_menu_item_url", item.url or ""),
        ]
        w = [
            "\t<item>\n",
            f"\t\t<title>{_cdata(item.label)}</title>\n",
            "\t\t<description></description>\n",
            f"\t\t<content:encoded>{_cdata(item.description)}</content:encoded>\n",
            f"\t\t<excerpt:encoded>{_cdata(item.attr_title)}</excerpt:encoded>\n",
            f"\t\t<wp:post_id>{_esc(post_id)}</wp:post_id>\n",
            f"\t\t<wp:post_name>{_cdata(post_id)}</wp:post_name>\n",
            "\t\t<wp:status><![CDATA[publish]]></wp:status>\n",
            "\t\t<wp:post_parent>0</wp:post_parent>\n",
            f"\t\t<wp:menu_order>{item.order}</wp:menu_order>\n",
            "\t\t<wp:post_type><![CDATA[nav_menu_item]]></wp:post_type>\n",
            f'\t\t<category domain="nav_menu" nicename={xml_attr(nicename)}>{_cdata(menu_name)}</category>\n',
        ]
        w.extend(_meta_xml("postmeta", k, v) for k, v in meta)
        w.extend(_meta_xml("postmeta", k, v) for k, v in _rows(item.extra, "wxr:postmeta", 2))
        w.append("\t</item>\n")
        return "".join(w)

    def _author(self, author: Author, index: int) -> None:
        e = author.extra
        author_id = str(e.get("wxr:author_id", index))
        self.out.write(
            "\t<wp:author>"
            f"<wp:author_id>{_esc(author_id)}</wp:author_id>"
            f"<wp:author_login>{_cdata(author.id)}</wp:author_login>"
            f"<wp:author_email>{_cdata(author.email or '')}</wp:author_email>"
            f"<wp:author_display_name>{_cdata(text_as_html(author.name))}</wp:author_display_name>"
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
            nicename = cat.slug if cat.slug not in taken else registry.keep(cat.slug)
            taken.add(nicename)
            registry.add(nicename)
            self.cat_nicename[cat.id] = encode_slug(nicename)  # stored as WordPress stores it
        for cat in ordered:
            parent = self.cat_nicename.get(cat.parent_id, "") if cat.parent_id else ""
            meta = self._term_meta(cat)
            self.out.write(
                "\t<wp:category>\n"
                f"\t\t<wp:term_id>{_esc(self.term_number[cat.id])}</wp:term_id>\n"
                f"\t\t<wp:category_nicename>{_cdata(self.cat_nicename[cat.id])}</wp:category_nicename>\n"
                f"\t\t<wp:category_parent>{_cdata(parent)}</wp:category_parent>\n"
                f"\t\t<wp:cat_name>{_cdata(text_as_html(cat.name))}</wp:cat_name>\n"
                + (
                    f"\t\t<wp:category_description>{_cdata(cat.description)}</wp:category_description>\n"
                    if cat.description
                    else ""
                )
                + meta
                + "\t</wp:category>\n"
            )

    def _term_meta(self, term: Category | Tag | Menu) -> str:
        """A term's ``<wp:termmeta>``: the rows an import kept, then newsmodel's own record."""
        kept = "".join(_meta_xml("termmeta", k, v) for k, v in _rows(term.extra, "wxr:termmeta", 2))
        return kept + _meta_xml("termmeta", META_KEY, _json(self.ser.unstructure(term)))

    def _tag(self, tag: Tag) -> None:
        meta = self._term_meta(tag)
        self.out.write(
            "\t<wp:tag>\n"
            f"\t\t<wp:term_id>{_esc(self.term_number[tag.id])}</wp:term_id>\n"
            f"\t\t<wp:tag_slug>{_cdata(encode_slug(tag.slug))}</wp:tag_slug>\n"
            f"\t\t<wp:tag_name>{_cdata(text_as_html(tag.name))}</wp:tag_name>\n"
            + (f"\t\t<wp:tag_description>{_cdata(tag.description)}</wp:tag_description>\n" if tag.description else "")
            + meta
            + "\t</wp:tag>\n"
        )

    def _term(self, term: Mapping[str, Any]) -> None:
        self.out.write(_record_xml(term, "term", ("termmeta", "termmeta"), indent="\t", inner="", sep=""))

    def _content(self, article: Article) -> tuple[str, bool, bool]:
        """The HTML to write (as a reader will see it), whether it is the imported original, and
        whether reading it back gives the body (else the body travels in the meta too)."""
        original = article.extra.get("wxr:content")
        if isinstance(original, str) and _as_read(original) == original and parse_stored_body(original) == article.body:
            return original, True, True
        html = _as_read(render_html(article.body, anchors=None, allow_raw=True))
        return html, False, parse_stored_body(html) == article.body

    def _item(self, article: Article) -> None:
        e = article.extra
        content, content_in_extra, body_reads_back = self._content(article)
        own = self.ser.unstructure(article)
        if body_reads_back:
            own.pop("body", None)
        else:
            own["content_sha1"] = content_sha1(content)
        if content_in_extra:
            own["extra"] = {k: v for k, v in own.get("extra", {}).items() if k != "wxr:content"}
            own["content_in_extra"] = True
        post_date, post_date_gmt = _dates(article.published)
        post_date = str(e.get("wxr:post_date", post_date))
        post_date_gmt = str(e.get("wxr:post_date_gmt", post_date_gmt))
        status = str(e.get("wxr:status", WP_STATUS[article.status]))
        # the kind, parent and order (older corpora kept them in extra only)
        post_type = article.kind if article.kind != "post" else str(e.get("wxr:post_type", "post"))
        post_parent = (
            self.number.get(article.parent_id, article.parent_id)
            if article.parent_id is not None
            else str(e.get("wxr:post_parent", "0"))
        )
        order = str(article.menu_order) if article.menu_order else str(e.get("wxr:menu_order", "0"))
        guid = str(e.get("wxr:guid", f"{self.corpus.site.base_url.rstrip('/')}/?p={article.id}"))
        # post_title is HTML in WordPress: the source's markup, else the text escaped
        title = article.title_html if article.title_html is not None else text_as_html(article.title)
        w: list[str] = ["\t<item>\n", f"\t\t<title>{_cdata(title)}</title>\n"]
        try:
            link: str | None = links(self.corpus).article(article)  # the one URL every output shows
        except InvalidPermalink:
            link = None  # an undated article under a dated structure has no URL yet
        if link:
            w.append(f"\t\t<link>{_esc(link)}</link>\n")
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
        w.append(f"\t\t<wp:post_id>{_esc(self.number[article.id])}</wp:post_id>\n")
        w.append(f"\t\t<wp:post_date>{_cdata(post_date)}</wp:post_date>\n")
        w.append(f"\t\t<wp:post_date_gmt>{_cdata(post_date_gmt)}</wp:post_date_gmt>\n")
        if article.modified is not None or "wxr:post_modified" in e:
            mod, mod_gmt = _dates(article.modified)
            w.append(f"\t\t<wp:post_modified>{_cdata(str(e.get('wxr:post_modified', mod)))}</wp:post_modified>\n")
            mod_gmt = str(e.get("wxr:post_modified_gmt", mod_gmt))
            w.append(f"\t\t<wp:post_modified_gmt>{_cdata(mod_gmt)}</wp:post_modified_gmt>\n")
        w.append(f"\t\t<wp:comment_status>{_cdata(str(e.get('wxr:comment_status', 'open')))}</wp:comment_status>\n")
        w.append(f"\t\t<wp:ping_status>{_cdata(str(e.get('wxr:ping_status', 'open')))}</wp:ping_status>\n")
        w.append(f"\t\t<wp:post_name>{_cdata(encode_slug(article.slug))}</wp:post_name>\n")
        w.append(f"\t\t<wp:status>{_cdata(status)}</wp:status>\n")
        w.append(f"\t\t<wp:post_parent>{_esc(post_parent)}</wp:post_parent>\n")
        w.append(f"\t\t<wp:menu_order>{_esc(order)}</wp:menu_order>\n")
        w.append(f"\t\t<wp:post_type>{_cdata(post_type)}</wp:post_type>\n")
        w.append(f"\t\t<wp:post_password>{_cdata(article.password or '')}</wp:post_password>\n")
        w.append(f"\t\t<wp:is_sticky>{1 if article.sticky else 0}</wp:is_sticky>\n")
        for cid in article.category_ids:
            cat = self.corpus.category(cid)
            nicename = self.cat_nicename.get(cid, encode_slug(cat.slug))
            name = _cdata(text_as_html(cat.name))
            w.append(f'\t\t<category domain="category" nicename={xml_attr(nicename)}>{name}</category>\n')
        for tid in article.tag_ids:
            tag = self.corpus.tag(tid)
            name = _cdata(text_as_html(tag.name))
            w.append(f'\t\t<category domain="post_tag" nicename={xml_attr(encode_slug(tag.slug))}>{name}</category>\n')
        if article.format:
            w.append(
                f'\t\t<category domain="post_format" nicename={xml_attr("post-format-" + article.format)}>'
                f"{_cdata(article.format.title())}</category>\n"
            )
        for domain, nicename, name in _rows(e, "wxr:terms", 3):
            w.append(
                f"\t\t<category domain={xml_attr(domain)} nicename={xml_attr(nicename)}>{_cdata(name)}</category>\n"
            )
        thumb = self._thumbs.get(article.id)
        for key, value in _rows(e, "wxr:postmeta", 2):
            if key != "_thumbnail_id" or thumb is None:
                w.append(_meta_xml("postmeta", key, value))
        if thumb is not None:
            w.append(_meta_xml("postmeta", "_thumbnail_id", thumb))
        w.append(_meta_xml("postmeta", META_KEY, _json(own)))
        for comment in _extra_list(e, "wxr:comments"):
            if isinstance(comment, Mapping):
                w.append(self._comment(comment))
        w.append("\t</item>\n")
        self.out.write("".join(w))

    def _comment(self, comment: Mapping[str, Any]) -> str:
        return _record_xml(
            comment, "comment", ("meta", "commentmeta"), prefix="comment_", indent="\t\t", inner="\t\t\t", sep="\n"
        )


def _record_xml(
    record: Mapping[str, Any],
    name: str,
    meta: tuple[str, str],
    *,
    prefix: str = "",
    indent: str,
    inner: str,
    sep: str,
) -> str:
    """A kept WordPress record (a term or a comment an import saved in ``extra``) as the element
    ``<wp:name>`` again: each scalar field as ``<wp:{prefix}{key}>``, the rows under ``meta[0]``
    as ``<wp:{meta[1]}>`` elements; fields that are no XML name or not scalar are left out."""
    parts = [f"{indent}<wp:{name}>{sep}"]
    for key, value in record.items():
        if key == meta[0]:
            parts.extend(_meta_xml(meta[1], k, v) for k, v in _rows(record, key, 2))
        elif is_xml_name(key) and _is_scalar(value):
            parts.append(f"{inner}<wp:{prefix}{key}>{_cdata(str(value))}</wp:{prefix}{key}>{sep}")
    parts.append(f"{indent if sep else ''}</wp:{name}>\n")
    return "".join(parts)


def _is_number(value: str) -> bool:
    """Whether ``value`` is an id WordPress keeps as it is: a positive integer, ASCII digits only."""
    return is_number(value) and len(value) < 19 and int(value) > 0


def _next_number(ids: set[str]) -> int:
    """The largest positive integer among ``ids`` (0 when none): fresh ids count up from it."""
    return max((int(i) for i in ids if is_number(i) and len(i) < 19), default=0)


def _attachment_name(name: str, post_id: str) -> str:
    slug = "-".join(name.lower().split())
    return encode_slug(slug) if slug and is_slug(slug) else f"attachment-{post_id}"


def _php_strings(values: tuple[str, ...]) -> str:
    """A list of strings as PHP serializes it (what WordPress stores in ``_menu_item_classes``;
    lengths in UTF-8 bytes); no classes is WordPress's ``array( '' )``.

    >>> _php_strings(("cta", "big"))
    'a:2:{i:0;s:3:"cta";i:1;s:3:"big";}'
    """
    items = values or ("",)
    body = "".join(f'i:{i};s:{len(v.encode("utf-8"))}:"{v}";' for i, v in enumerate(items))
    return f"a:{len(items)}:{{{body}}}"


def write_wxr(corpus: Corpus, target: Target) -> None:
    """Write ``corpus`` as a WXR 1.2 file that WordPress's importer accepts.

    Everything WXR has a place for is written there (authors, nested categories, tags, posts,
    pages and other kinds with dates, statuses, slugs as WordPress stores them, parents, order,
    sticky, formats, passwords, excerpts, comments, post meta, featured images as attachments,
    navigation menus as ``nav_menu`` terms and ``nav_menu_item`` items);
    what it has none for goes into newsmodel's own ``_newsmodel`` post/term meta and
    ``newsmodel:`` elements, so that :func:`read_wxr` gives back an equal corpus.

    >>> import io
    >>> from newsmodel.io.wxr import read_wxr
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
