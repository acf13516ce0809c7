"""The WordPress REST API v2: build a corpus from its JSON, from saved responses, or from a live site.

Three entry points, one mapping (:func:`fetch_site` lives in :mod:`newsmodel.io.wp.fetch`):

- :func:`build_corpus` takes the decoded JSON (posts, pages, categories, tags, users, media,
  comments — lists of objects as ``/wp-json/wp/v2/<type>`` returns them; ``_embedded`` authors,
  terms and featured media are used too);
- :func:`read_rest_dump` reads a folder (or file) of saved responses, paginated lists included,
  and sorts each object by its shape;
- :func:`fetch_site` pages through a live site's ``/wp-json/wp/v2/<type>?per_page=100&page=N``
  following ``X-WP-TotalPages``, retrying with exponential backoff on 429, 5xx and broken
  connections, within a page cap and a deadline, and checks that everything announced arrived.

Each returns ``(corpus, report)``.

>>> posts = [{"id": 7, "slug": "hello", "type": "post", "status": "publish",
...           "date": "2025-12-16T18:00:00", "date_gmt": "2025-12-16T09:00:00",
...           "title": {"rendered": "Trump&#8211;Kim"}, "content": {"rendered": "<p>Hi.</p>"},
...           "author": 3, "categories": [5], "tags": []}]
>>> users = [{"id": 3, "slug": "vjones", "name": "Victoria Jones"}]
>>> corpus, report = build_corpus(posts=posts, users=users, site_url="https://example.org")
>>> corpus.article("7").title, corpus.article("7").published.isoformat()
('Trump–Kim', '2025-12-16T18:00:00+09:00')
>>> [w.code for w in report.warnings]  # the zone was inferred; category 5 is not in the data
['timezone', 'dangling']
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs

from newsmodel.bodies.htmlparse import html_title
from newsmodel.io._common import checked_url, html_text
from newsmodel.io._permalinks import apply_permalinks
from newsmodel.io.report import ImportReport, ImportReportBuilder, merge_tags_on_import
from newsmodel.io.timezones import OffsetEvidence
from newsmodel.io.wp.mapping import (
    STATUS,
    menu_order,
    parse_body,
    post_kind,
    repair_parents,
    resolve_date,
    source_slug,
)
from newsmodel.values._validate import is_number
from newsmodel.values.builder import CorpusBuilder
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import NewsModelError, WordPressApiError
from newsmodel.values.model import Article, ArticleStatus, Author, Byline, Category, FeatureImage, Site, Tag
from newsmodel.values.safeurl import LINK_SCHEMES
from newsmodel.values.slugs import SlugRegistry, decode_slug

__all__ = ["ENDPOINTS", "build_corpus", "read_rest_dump"]

#: The collections a live import reads, in this order.
ENDPOINTS: tuple[str, ...] = ("users", "categories", "tags", "media", "posts", "pages", "comments")

#: Post fields mapped to :class:`Article` fields; everything else is kept as ``rest:<key>``.
_POST_MAPPED = frozenset(
    (
        "id", "slug", "type", "status", "date", "date_gmt", "modified", "modified_gmt", "title", "content",
        "excerpt", "author", "categories", "tags", "sticky", "format", "featured_media", "link",
        "parent", "menu_order", "_links", "_embedded",
    )
)  # fmt: skip


def _rendered(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("rendered", "")
    return value if isinstance(value, str) else ""


def rest_id(value: Any) -> str | None:
    if value is None or value == 0 or value == "" or isinstance(value, bool):
        return None
    return str(value)


def object_kind(obj: Mapping[str, Any]) -> str | None:
    """What a REST object is, by its shape."""
    if "taxonomy" in obj and "id" in obj:
        return {"category": "categories", "post_tag": "tags"}.get(str(obj["taxonomy"]), "terms")
    if "post" in obj and "author_name" in obj:
        return "comments"
    if obj.get("type") == "attachment" or "source_url" in obj:
        return "media"
    if "type" in obj and "content" in obj and "id" in obj:
        return "pages" if obj["type"] == "page" else "posts"
    if "rest_base" in obj or "hierarchical" in obj:
        return "types"
    if "avatar_urls" in obj or ("name" in obj and "slug" in obj and "id" in obj and "link" in obj):
        return "users"
    return None


def _merge_into(table: dict[str, dict[str, Any]], key: str, obj: Mapping[str, Any]) -> None:
    """Keep one record per id: the first one seen, completed with fields only later copies have
    (an ``_embedded`` term has no ``parent``; the collection's copy has)."""
    existing = table.get(key)
    if existing is None:
        table[key] = dict(obj)
    else:
        for k, v in obj.items():
            existing.setdefault(k, v)


@attrs.define
class RestData:
    posts: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    pages: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    categories: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    tags: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    users: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    media: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    comments: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    def add(self, kind: str, obj: Mapping[str, Any]) -> bool:
        table: dict[str, dict[str, Any]] | None = getattr(self, kind, None)
        key = rest_id(obj.get("id"))
        if table is None or key is None:
            return False
        _merge_into(table, key, obj)
        return True

    def add_embedded(self, obj: Mapping[str, Any]) -> None:
        embedded = obj.get("_embedded")
        if not isinstance(embedded, Mapping):
            return
        for author in embedded.get("author", ()) or ():
            if isinstance(author, Mapping) and "id" in author and "code" not in author:
                _merge_into(self.users, str(author["id"]), author)
        for group in embedded.get("wp:term", ()) or ():
            for term in group if isinstance(group, list) else ():
                if isinstance(term, Mapping):
                    kind = object_kind(term)
                    if kind in ("categories", "tags"):
                        _merge_into(getattr(self, kind), str(term["id"]), term)
        for media in embedded.get("wp:featuredmedia", ()) or ():
            if isinstance(media, Mapping) and "id" in media and "code" not in media:
                _merge_into(self.media, str(media["id"]), media)


def build_corpus(
    *,
    posts: Iterable[Mapping[str, Any]] = (),
    pages: Iterable[Mapping[str, Any]] = (),
    categories: Iterable[Mapping[str, Any]] = (),
    tags: Iterable[Mapping[str, Any]] = (),
    users: Iterable[Mapping[str, Any]] = (),
    media: Iterable[Mapping[str, Any]] = (),
    comments: Iterable[Mapping[str, Any]] = (),
    site: Site | None = None,
    site_url: str | None = None,
    timezone: str | None = None,
    source: str | None = None,
) -> tuple[Corpus, ImportReport]:
    """A corpus from decoded REST JSON objects (see the module docs).

    ``site`` wins; else a :class:`Site` is made from ``site_url`` (or the host of the first
    link) and ``timezone``.  A post naming a category, tag or author that the data lacks keeps
    the original ids in ``extra`` (``rest:categories`` …), drops the dangling reference and is
    reported; it is never dropped.
    """
    data = RestData()
    for kind, objs in (
        ("posts", posts),
        ("pages", pages),
        ("categories", categories),
        ("tags", tags),
        ("users", users),
        ("media", media),
        ("comments", comments),
    ):
        for obj in objs:
            data.add(kind, obj)
            data.add_embedded(obj)
    report = ImportReportBuilder(source=source, format="wordpress rest v2")
    return corpus_from(data, report, site=site, site_url=site_url, timezone=timezone)


def corpus_from(
    data: RestData,
    report: ImportReportBuilder,
    *,
    site: Site | None,
    site_url: str | None,
    timezone: str | None,
    infer_zone: bool | None = None,
) -> tuple[Corpus, ImportReport]:
    """The corpus of ``data``.  ``infer_zone`` (default: when neither ``site`` nor ``timezone``
    is given) infers the site's zone from the posts' ``date`` / ``date_gmt`` pairs
    (:mod:`newsmodel.io.timezones`) and says so in a ``timezone`` warning."""
    if infer_zone is None:
        infer_zone = site is None and timezone is None
    if infer_zone:
        timezone = _infer_zone(data, report) or timezone
        if site is not None and timezone is not None:
            site = attrs.evolve(site, timezone=timezone)
    infer = site is None  # a site given keeps its own permalinks
    if site is None:
        link = site_url or next(
            (str(o["link"]) for t in (data.posts, data.pages, data.categories) for o in t.values() if o.get("link")),
            "",
        )
        parts = urlsplit(link)
        base = f"{parts.scheme}://{parts.netloc}" if parts.netloc else link
        site_extra: dict[str, Any] = {}
        safe_base = checked_url(base, field="base_url", extra=site_extra, report=report, place=report.source or "rest")
        site = Site(
            name=parts.netloc or "WordPress", base_url=safe_base or "", timezone=timezone or "UTC", extra=site_extra
        )
    zone = site.zone if timezone or site.timezone != "UTC" else None
    builder = CorpusBuilder(site)
    place = report.source or "rest"

    # authors
    author_slugs = SlugRegistry(reserved=())
    for uid, user in data.users.items():
        original = str(user.get("slug") or "")
        slug, why = source_slug(original, author_slugs, str(user.get("name") or f"user-{uid}"))
        user_extra = _keep(user, ("id", "slug", "name", "description", "avatar_urls", "url"))
        if why is not None:
            user_extra["rest:slug"] = original
        avatars = user.get("avatar_urls")
        avatar = None
        if isinstance(avatars, Mapping) and avatars:
            avatar = str(avatars[max(avatars, key=lambda k: int(k) if is_number(str(k)) else 0)])
        who = f"{place}: user {uid}"
        avatar = checked_url(avatar, field="avatar_urls", extra=user_extra, report=report, place=who)
        website = checked_url(
            str(user.get("url") or "") or None,
            field="url",
            extra=user_extra,
            report=report,
            place=who,
            schemes=LINK_SCHEMES,
        )
        builder.add_author(
            Author(
                id=uid,
                slug=slug,
                name=str(user.get("name") or slug),
                bio=str(user.get("description") or "") or None,
                avatar_url=avatar,
                website=website,
                extra=user_extra,
            )
        )
        report.imported("authors")

    # categories
    cat_slugs: dict[str | None, SlugRegistry] = {}
    for cid, cat in data.categories.items():
        parent = rest_id(cat.get("parent"))
        extra = _keep(cat, ("id", "slug", "name", "description", "parent", "taxonomy"))
        if parent is not None and parent not in data.categories:
            report.warn(
                f"category {cid!r} names the parent {parent!r}, which the data lacks; placed at the top",
                place=f"{place}: category {cid}",
                code="dangling",
            )
            extra["rest:parent"] = cat.get("parent")
            parent = None
        registry = cat_slugs.setdefault(parent, SlugRegistry(reserved=()))
        original = str(cat.get("slug") or "")
        slug, why = source_slug(original, registry, str(cat.get("name") or cid))
        if why is not None:
            extra = {**extra, "rest:slug": original}
        builder.add_category(
            Category(
                id=cid,
                slug=slug,
                name=_term_name(str(cat.get("name") or slug), extra),
                description=str(cat.get("description") or "") or None,
                parent_id=parent,
                extra=extra,
            )
        )
        report.imported("categories")

    # tags: one per slug, however alike their names (WordPress keeps its terms apart)
    tag_slugs = SlugRegistry(reserved=())
    for tid, tag in data.tags.items():
        original = str(tag.get("slug") or "")
        extra = _keep(tag, ("id", "slug", "name", "description", "taxonomy"))
        name = _term_name(str(tag.get("name") or decode_slug(original) or original), extra)
        slug, why = source_slug(original, tag_slugs, name)
        if why is not None:
            extra = {**extra, "rest:slug": original}
        builder.add_tag(
            Tag(id=tid, slug=slug, name=name, description=str(tag.get("description") or "") or None, extra=extra)
        )
        report.imported("tags")

    # comments by post
    comments_by_post: dict[str, list[dict[str, Any]]] = {}
    for comment in data.comments.values():
        on = rest_id(comment.get("post"))
        if on is not None:
            clean = {k: v for k, v in comment.items() if k != "_links"}
            comments_by_post.setdefault(on, []).append(clean)

    # articles (pages with their parent and order; a parent the data lacks leaves a page at the top)
    article_slugs = SlugRegistry(reserved=())
    articles: list[Article] = []
    for kind in ("posts", "pages"):
        table: dict[str, dict[str, Any]] = getattr(data, kind)
        for pid, post in table.items():
            where = f"{place}: {kind[:-1]} {pid}"
            default = "page" if kind == "pages" else "post"
            article = _article(
                pid, post, data, report, zone, article_slugs, comments_by_post.pop(pid, []), where, default
            )
            if article is not None:
                articles.append(article)
                report.imported({"post": "articles", "page": "pages"}.get(article.kind, f"{article.kind} items"))
    for article in repair_parents(articles, report, place=lambda a: f"{place}: {a.kind} {a.id}", key="rest:parent"):
        builder.add_article(article)
    for on, orphans in sorted(comments_by_post.items()):
        report.skipped("comment on a post not in the data", len(orphans))
        report.warn(f"{len(orphans)} comment(s) on post {on!r}, which the data lacks", place=place, code="dangling")
    for _ in data.media:
        report.skipped("media (used for featured images)")
    try:
        corpus = builder.build()
        if infer:
            corpus = apply_permalinks(corpus, report, post_ids=data.posts, term_link_key="rest:link")
    except NewsModelError as exc:
        raise WordPressApiError(f"{place}: {exc}", source=report.source, place="corpus") from exc
    return corpus, report.build()


def _term_name(markup: str, extra: dict[str, Any]) -> str:
    """A term's ``name`` as readers see it: WordPress stores and serves it HTML-escaped
    (``pre_term_name`` runs ``_wp_specialchars``); the name as served goes to
    ``extra["rest:name"]`` when the text alone does not give it back."""
    text, kept = html_title(markup)
    if kept is not None:
        extra["rest:name"] = kept
    return text


def _infer_zone(data: RestData, report: ImportReportBuilder) -> str | None:
    evidence = OffsetEvidence()
    for table in (data.posts, data.pages):
        for post in table.values():
            pub = resolve_date(_s(post.get("date")), _s(post.get("date_gmt")), None, False)
            if pub.exact and pub.value is not None:
                evidence.add(pub.value)
    guess = evidence.conclude()
    report.warn(guess.describe(), place=report.source or "rest", code="timezone")
    return guess.timezone


def _keep(obj: Mapping[str, Any], mapped: Iterable[str]) -> dict[str, Any]:
    skip = {*mapped, "_links", "_embedded"}
    return {f"rest:{k}": v for k, v in obj.items() if k not in skip and v is not None}


def _article(
    pid: str,
    post: Mapping[str, Any],
    data: RestData,
    report: ImportReportBuilder,
    zone: Any,
    slugs: SlugRegistry,
    comments: list[dict[str, Any]],
    where: str,
    default_kind: str = "post",
) -> Article | None:
    wp_status = str(post.get("status") or "publish")
    status = STATUS.get(wp_status)
    if status is None:
        report.skipped(f"status {wp_status}")
        report.warn(f"post status {wp_status!r} is not imported", place=where, code="status")
        return None
    post_type = post.get("type")
    kind = post_kind(post_type) if isinstance(post_type, str) else default_kind if post_type is None else None
    if kind is None:
        report.skipped("invalid post type")
        report.warn(f"type {post_type!r} is not a WordPress post type key; skipped", place=where, code="post-type")
        return None
    extra: dict[str, Any] = _keep(post, _POST_MAPPED)
    parent_id = rest_id(post.get("parent"))
    if parent_id == pid:
        report.warn(
            f"parent {post.get('parent')!r} is the item itself; placed at the top level (kept in extra['rest:parent'])",
            place=where,
            code="parent",
        )
        extra["rest:parent"] = post.get("parent")
        parent_id = None
    order = menu_order(post.get("menu_order", 0))
    if order is None:
        report.warn(
            f"menu_order {post.get('menu_order')!r} is not an integer; 0 used (kept in extra['rest:menu_order'])",
            place=where,
            code="menu-order",
        )
        extra["rest:menu_order"] = post.get("menu_order")
        order = 0
    floating = status in (ArticleStatus.DRAFT, ArticleStatus.PENDING)
    pub = resolve_date(_s(post.get("date")), _s(post.get("date_gmt")), zone, floating)
    if pub.warning:
        report.warn(pub.warning.replace("post_date", "date"), place=where, code="date")
    published = pub.value
    if not pub.exact:
        extra["rest:date"], extra["rest:date_gmt"] = post.get("date"), post.get("date_gmt")
    if published is None and status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
        report.warn(f"a {wp_status!r} post without a date; imported as a draft", place=where, code="date")
        extra["rest:status"] = wp_status
        status = ArticleStatus.DRAFT
    mod = resolve_date(_s(post.get("modified")), _s(post.get("modified_gmt")), zone, False)
    # title.rendered is HTML (get_the_title's output): the text readers see, the markup beside
    title, title_html = html_title(_rendered(post.get("title")))
    original = str(post.get("slug") or "")
    slug, why = source_slug(original, slugs, title or f"post-{pid}")
    if why is not None:
        extra["rest:slug"] = original
    content = _rendered(post.get("content"))
    extra["rest:content"] = content
    if isinstance(post.get("content"), Mapping) and post["content"].get("protected"):
        extra["rest:protected"] = True
    excerpt_html = _rendered(post.get("excerpt"))
    excerpt = html_text(excerpt_html) or None
    # references
    category_ids, missing_c = _refs(post.get("categories"), data.categories)
    tag_ids, missing_t = _refs(post.get("tags"), data.tags)
    for label, missing, original in (("category", missing_c, "categories"), ("tag", missing_t, "tags")):
        if missing:
            extra[f"rest:{original}"] = post.get(original)
            report.warn(
                f"names the {label} id(s) {missing!r}, which the data lacks; kept in extra['rest:{original}']",
                place=where,
                code="dangling",
            )
    bylines: tuple[Byline, ...] = ()
    author = rest_id(post.get("author"))
    if author is not None and author in data.users:
        bylines = (Byline(author_id=author),)
    elif author is not None:
        extra["rest:author"] = post.get("author")
        report.warn(
            f"names the author {author!r}, which the data lacks; kept in extra['rest:author']",
            place=where,
            code="dangling",
        )
    feature = None
    media_id = rest_id(post.get("featured_media"))
    if media_id is not None:
        media = data.media.get(media_id)
        image_url = None
        if media is not None and media.get("source_url"):
            image_url = checked_url(
                str(media["source_url"]), field="featured_media.source_url", extra=extra, report=report, place=where
            )
        if media is not None and image_url is not None:
            raw_details = media.get("media_details")
            details: Mapping[str, Any] = raw_details if isinstance(raw_details, Mapping) else {}
            width, height = details.get("width"), details.get("height")
            feature = FeatureImage(
                url=image_url,
                alt=str(media.get("alt_text") or "") or None,
                caption=html_text(_rendered(media.get("caption"))) or None,
                width=width if isinstance(width, int) else None,
                height=height if isinstance(height, int) else None,
            )
        else:
            extra["rest:featured_media"] = post.get("featured_media")
    if comments:
        extra["rest:comments"] = comments
        report.imported("comments", len(comments))
    fmt = post.get("format")
    return Article(
        id=pid,
        slug=slug,
        title=title,
        title_html=title_html,
        body=parse_body(content),
        excerpt=excerpt,
        published=published,
        modified=mod.value,
        status=status,
        sticky=bool(post.get("sticky", False)),
        bylines=bylines,
        category_ids=category_ids,
        tag_ids=tag_ids,
        feature_image=feature,
        canonical_url=checked_url(
            str(post.get("link") or "") or None, field="link", extra=extra, report=report, place=where
        ),
        format=str(fmt) if fmt and fmt != "standard" else None,
        kind=kind,
        parent_id=parent_id,
        menu_order=order,
        extra=extra,
    )


def _s(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _refs(value: Any, table: Mapping[str, Any]) -> tuple[tuple[str, ...], list[str]]:
    found: list[str] = []
    missing: list[str] = []
    for ref in value if isinstance(value, list) else ():
        rid = rest_id(ref)
        if rid is None:
            continue
        if rid in table:
            if rid not in found:
                found.append(rid)
        else:
            missing.append(rid)
    return tuple(found), missing


# --------------------------------------------------------------------------- saved responses


def _objects(value: Any) -> Iterator[Mapping[str, Any]]:
    """The REST objects in a decoded response file: a list, one object, or a mapping of responses."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping):
                yield item
    elif isinstance(value, Mapping):
        if "id" in value or "rest_base" in value:
            yield value
        else:
            for inner in value.values():
                if isinstance(inner, (list, Mapping)):
                    yield from _objects(inner)


def read_rest_dump(
    path: str | os.PathLike[str],
    *,
    host: str | None = None,
    timezone: str | None = None,
    site: Site | None = None,
    merge_tags: bool = False,
) -> tuple[Corpus, ImportReport]:
    """A corpus from saved REST responses: a ``.json`` file or a folder of them (paginated lists too).

    Objects are sorted by shape (posts, pages, categories, tags, users, media, comments).  A
    folder that mixes captures of several sites (term ids clash between sites) is read one site
    at a time: pass ``host``; without it, a mixed folder is refused with the hosts it holds.
    ``merge_tags=True`` merges near-duplicate tag spellings, each merge reported
    (:func:`~newsmodel.io.report.merge_tags_on_import`); tags are never merged otherwise.
    """
    root = Path(path)
    files = sorted(root.glob("*.json")) if root.is_dir() else [root]
    if not files:
        raise WordPressApiError(f"{root}: no .json files of saved REST responses", source=str(root), place=str(root))
    report = ImportReportBuilder(source=str(root), format="wordpress rest v2 (saved responses)")
    by_host: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for file in files:
        try:
            decoded = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise WordPressApiError(f"{file}: not JSON ({exc})", source=str(file), place=str(file)) from exc
        for obj in _objects(decoded):
            kind = object_kind(obj)
            if kind in (None, "types", "terms"):
                report.skipped(f"{kind or 'unrecognised'} object")
                continue
            link = str(obj.get("link") or obj.get("source_url") or "")
            by_host.setdefault(urlsplit(link).netloc, []).append((kind, obj))
    hosts = sorted(h for h in by_host if h)
    if host is None:
        if len(hosts) > 1:
            raise WordPressApiError(
                f"{root}: the responses come from several sites {hosts!r} whose ids clash; choose one with host=",
                source=str(root),
                place=str(root),
            )
        host = hosts[0] if hosts else ""
    elif host not in by_host:
        raise WordPressApiError(
            f"{root}: no responses from host {host!r} (found {hosts!r})", source=str(root), place=str(root)
        )
    for other in hosts:
        if other != host:
            report.skipped(f"object from another site ({other})", len(by_host[other]))
    data = RestData()
    for kind, obj in by_host.get(host, []) + ([] if host == "" else by_host.get("", [])):
        data.add(kind, obj)
        data.add_embedded(obj)
    site_url = f"https://{host}" if host and site is None else None
    for objs in by_host.get(host, []):
        link = str(objs[1].get("link") or "")
        if link:
            parts = urlsplit(link)
            site_url = f"{parts.scheme}://{parts.netloc}"
            break
    corpus, built = corpus_from(data, report, site=site, site_url=site_url, timezone=timezone)
    return merge_tags_on_import(corpus, built) if merge_tags else (corpus, built)


# --------------------------------------------------------------------------- live sites
