"""The WordPress REST API v2: build a corpus from its JSON, from saved responses, or from a live site.

Three entry points, one mapping:

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
>>> report.warnings[0].code  # category 5 is not in the data
'dangling'
"""

from __future__ import annotations

import html
import http.client
import json
import os
import re
import ssl
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from newsmodel.body import Body
from newsmodel.builder import CorpusBuilder
from newsmodel.corpus import Corpus
from newsmodel.errors import NewsModelError, WordPressApiError
from newsmodel.htmlparse import parse_html
from newsmodel.io import _http
from newsmodel.io._common import checked_url
from newsmodel.io.report import ImportReport, ImportReportBuilder
from newsmodel.io.wp.mapping import merge_tags, resolve_date, valid_slug
from newsmodel.model import Article, ArticleStatus, Author, Byline, Category, FeatureImage, Site, Tag
from newsmodel.safeurl import LINK_SCHEMES
from newsmodel.slugs import SlugRegistry, slugify

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_TIMEOUT",
    "ENDPOINTS",
    "Fetcher",
    "build_corpus",
    "fetch_site",
    "read_rest_dump",
]

#: The collections a live import reads, in this order.
ENDPOINTS: tuple[str, ...] = ("users", "categories", "tags", "media", "posts", "pages", "comments")

_STATUS = {
    "publish": ArticleStatus.PUBLISHED,
    "future": ArticleStatus.SCHEDULED,
    "draft": ArticleStatus.DRAFT,
    "pending": ArticleStatus.PENDING,
    "private": ArticleStatus.PRIVATE,
}
_TAG_RE = re.compile(r"<[^>]*>")
#: Post fields mapped to :class:`Article` fields; everything else is kept as ``rest:<key>``.
_POST_MAPPED = frozenset(
    (
        "id", "slug", "type", "status", "date", "date_gmt", "modified", "modified_gmt", "title", "content",
        "excerpt", "author", "categories", "tags", "sticky", "format", "featured_media", "link",
        "_links", "_embedded",
    )
)  # fmt: skip


def _rendered(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("rendered", "")
    return value if isinstance(value, str) else ""


def _plain(markup: str) -> str:
    """Text of a small piece of rendered HTML (titles, excerpts, captions): tags out, entities decoded."""
    return " ".join(html.unescape(_TAG_RE.sub("", markup)).split())


def _id(value: Any) -> str | None:
    if value is None or value == 0 or value == "" or isinstance(value, bool):
        return None
    return str(value)


def _kind(obj: Mapping[str, Any]) -> str | None:
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
class _Collected:
    posts: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    pages: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    categories: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    tags: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    users: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    media: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    comments: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    def add(self, kind: str, obj: Mapping[str, Any]) -> bool:
        table: dict[str, dict[str, Any]] | None = getattr(self, kind, None)
        key = _id(obj.get("id"))
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
                    kind = _kind(term)
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
    data = _Collected()
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
    return _build(data, report, site=site, site_url=site_url, timezone=timezone)


def _build(
    data: _Collected,
    report: ImportReportBuilder,
    *,
    site: Site | None,
    site_url: str | None,
    timezone: str | None,
) -> tuple[Corpus, ImportReport]:
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
        slug = original
        if not valid_slug(slug) or slug in author_slugs:
            slug = author_slugs.claim(unquote(slug) or str(user.get("name") or f"user-{uid}"))
        else:
            author_slugs.add(slug)
        user_extra = _keep(user, ("id", "slug", "name", "description", "avatar_urls", "url"))
        if slug != original:
            user_extra["rest:slug"] = original
        avatars = user.get("avatar_urls")
        avatar = None
        if isinstance(avatars, Mapping) and avatars:
            avatar = str(avatars[max(avatars, key=lambda k: int(k) if str(k).isdigit() else 0)])
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
        parent = _id(cat.get("parent"))
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
        slug = str(cat.get("slug") or "")
        if not valid_slug(slug) or slug in registry:
            extra = {**extra, "rest:slug": slug}
            slug = registry.claim(unquote(slug) or str(cat.get("name") or cid))
        else:
            registry.add(slug)
        builder.add_category(
            Category(
                id=cid,
                slug=slug,
                name=html.unescape(str(cat.get("name") or slug)),
                description=str(cat.get("description") or "") or None,
                parent_id=parent,
                extra=extra,
            )
        )
        report.imported("categories")

    # tags
    tag_list = []
    for tid, tag in data.tags.items():
        slug = str(tag.get("slug") or "")
        extra = _keep(tag, ("id", "slug", "name", "description", "taxonomy"))
        name = html.unescape(str(tag.get("name") or slug))
        if not valid_slug(slug):
            extra = {**extra, "rest:slug": slug}
            slug = slugify(unquote(slug) or name)
        tag_list.append(
            Tag(id=tid, slug=slug, name=name, description=str(tag.get("description") or "") or None, extra=extra)
        )
        report.imported("tags")
    for merged in merge_tags(tag_list):
        builder.add_tag(merged)

    # comments by post
    comments_by_post: dict[str, list[dict[str, Any]]] = {}
    for comment in data.comments.values():
        on = _id(comment.get("post"))
        if on is not None:
            clean = {k: v for k, v in comment.items() if k != "_links"}
            comments_by_post.setdefault(on, []).append(clean)

    # articles
    article_slugs = SlugRegistry(reserved=())
    for kind in ("posts", "pages"):
        table: dict[str, dict[str, Any]] = getattr(data, kind)
        for pid, post in table.items():
            where = f"{place}: {kind[:-1]} {pid}"
            article = _article(pid, post, data, report, zone, article_slugs, comments_by_post.pop(pid, []), where)
            if article is not None:
                builder.add_article(article)
                report.imported("pages" if kind == "pages" else "articles")
    for on, orphans in sorted(comments_by_post.items()):
        report.skipped("comment on a post not in the data", len(orphans))
        report.warn(f"{len(orphans)} comment(s) on post {on!r}, which the data lacks", place=place, code="dangling")
    for _ in data.media:
        report.skipped("media (used for featured images)")
    try:
        corpus = builder.build()
    except NewsModelError as exc:
        raise WordPressApiError(f"{place}: {exc}", source=report.source, place="corpus") from exc
    return corpus, report.build()


def _keep(obj: Mapping[str, Any], mapped: Iterable[str]) -> dict[str, Any]:
    skip = {*mapped, "_links", "_embedded"}
    return {f"rest:{k}": v for k, v in obj.items() if k not in skip and v is not None}


def _article(
    pid: str,
    post: Mapping[str, Any],
    data: _Collected,
    report: ImportReportBuilder,
    zone: Any,
    slugs: SlugRegistry,
    comments: list[dict[str, Any]],
    where: str,
) -> Article | None:
    wp_status = str(post.get("status") or "publish")
    status = _STATUS.get(wp_status)
    if status is None:
        report.skipped(f"status {wp_status}")
        report.warn(f"post status {wp_status!r} is not imported", place=where, code="status")
        return None
    extra: dict[str, Any] = _keep(post, _POST_MAPPED)
    if post.get("type") not in (None, "post"):
        extra["rest:type"] = post.get("type")
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
    title_html = _rendered(post.get("title"))
    title = _plain(title_html)
    if title_html != title:
        extra["rest:title"] = title_html
    slug = str(post.get("slug") or "")
    if valid_slug(slug) and slug not in slugs:
        slugs.add(slug)
    else:
        extra["rest:slug"] = slug
        slug = slugs.claim(unquote(slug) or title or f"post-{pid}")
    content = _rendered(post.get("content"))
    extra["rest:content"] = content
    if isinstance(post.get("content"), Mapping) and post["content"].get("protected"):
        extra["rest:protected"] = True
    excerpt_html = _rendered(post.get("excerpt"))
    excerpt = _plain(excerpt_html) or None
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
    author = _id(post.get("author"))
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
    media_id = _id(post.get("featured_media"))
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
                caption=_plain(_rendered(media.get("caption"))) or None,
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
        body=parse_html(content) if content.strip() else Body(),
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
        extra=extra,
    )


def _s(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _refs(value: Any, table: Mapping[str, Any]) -> tuple[tuple[str, ...], list[str]]:
    found: list[str] = []
    missing: list[str] = []
    for ref in value if isinstance(value, list) else ():
        rid = _id(ref)
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
) -> tuple[Corpus, ImportReport]:
    """A corpus from saved REST responses: a ``.json`` file or a folder of them (paginated lists too).

    Objects are sorted by shape (posts, pages, categories, tags, users, media, comments).  A
    folder that mixes captures of several sites (term ids clash between sites) is read one site
    at a time: pass ``host``; without it, a mixed folder is refused with the hosts it holds.
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
            kind = _kind(obj)
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
    data = _Collected()
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
    return _build(data, report, site=site, site_url=site_url, timezone=timezone)


# --------------------------------------------------------------------------- live sites


#: Pages read of each endpoint at most (100,000 objects at 100 a page), by default.
DEFAULT_MAX_PAGES = 1000
#: Seconds a whole live import may take by default, every request and every wait included.
DEFAULT_DEADLINE = 3600.0
#: Seconds one request may take by default, from connecting to its last byte.
DEFAULT_TIMEOUT = 30.0
#: Bytes one answer may have by default (64 MiB).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class _Retryable(Exception):
    """A failure worth another attempt (429, 5xx, a timeout, a broken connection)."""

    def __init__(self, reason: str, *, status: int | None = None, retry_after: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


class _Refused(WordPressApiError):
    """An HTTP error answer that no retry changes (4xx other than 429, or retries used up)."""

    def __init__(self, message: str, *, url: str, status: int) -> None:
        super().__init__(message, source=url, place=url)
        self.status = status


class _DeadlinePassed(WordPressApiError):
    """The import's deadline passed (or would pass during a wait) before an answer was complete."""


class Fetcher:
    """GETs JSON from a WordPress site, each answer bounded in time and size, failures retried.

    ``timeout`` bounds one request from connecting to its last byte (a server that drips one
    byte a second is cut there, not only one that goes silent); ``max_bytes`` bounds one answer.
    429, 5xx, timeouts, broken connections and answers shorter than their ``Content-Length`` are
    retried ``retries`` times; the delay before retry ``n`` (0-based) is ``backoff * 2**n``
    seconds, or the server's ``Retry-After`` in seconds when it gives one, capped at
    ``max_delay``.  ``sleep`` and ``clock`` (a monotonic clock) are injectable for tests.  Every
    failure is a :class:`~newsmodel.errors.WordPressApiError` naming the URL.

    >>> Fetcher(retries=2, timeout=5.0).max_bytes == DEFAULT_MAX_BYTES
    True
    """

    def __init__(
        self,
        *,
        retries: int = 4,
        backoff: float = 1.0,
        max_delay: float = 60.0,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        user_agent: str = "newsmodel (WordPress REST import)",
    ) -> None:
        self.retries = retries
        self.backoff = backoff
        self.max_delay = max_delay
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.clock = clock
        self.user_agent = user_agent
        self.requests = 0
        self._tls = ssl.create_default_context()

    def get(self, url: str, *, until: float | None = None) -> tuple[Any, Mapping[str, str]]:
        """The decoded JSON and the headers (lower-case names) of ``url``.

        ``until`` (a time of ``clock``) is the import's deadline: no request runs and no retry
        waits past it.
        """
        attempt = 0
        while True:
            try:
                answer = self._once(url, until)
                break
            except _Retryable as failure:
                if attempt >= self.retries:
                    message = f"{url}: {failure.reason}" + (f" after {attempt + 1} attempts" if attempt else "")
                    if failure.status is not None:
                        raise _Refused(message, url=url, status=failure.status) from None
                    raise WordPressApiError(message, source=url, place=url) from None
                delay = self._delay(attempt, failure.retry_after)
                if until is not None and self.clock() + delay >= until:
                    raise _DeadlinePassed(
                        f"{url}: {failure.reason}; the import's deadline passes before a retry in {delay:g} s",
                        source=url,
                        place=url,
                    ) from None
                self.sleep(delay)
                attempt += 1
        ctype = answer.headers.get("content-type", "")
        text = answer.body.decode("utf-8", errors="replace")
        if "json" not in ctype and not text.lstrip().startswith(("{", "[")):
            raise WordPressApiError(
                f"{url}: answered {ctype or 'no content type'!r}, not JSON"
                " (is this a WordPress site with the REST API at /wp-json/?)",
                source=url,
                place=url,
            )
        try:
            return json.loads(text), answer.headers
        except ValueError as exc:
            raise WordPressApiError(f"{url}: not JSON ({exc})", source=url, place=url) from None

    def _once(self, url: str, until: float | None) -> _http.Answer:
        """One attempt: an answer, or :class:`_Retryable`, or a final error."""
        now = self.clock()
        end = now + self.timeout if until is None else min(now + self.timeout, until)
        if end <= now:
            raise _DeadlinePassed(f"{url}: the import's deadline passed before this request", source=url, place=url)
        budget = _http.Budget(end=end, clock=self.clock, max_bytes=self.max_bytes)
        headers = {"Accept": "application/json", "User-Agent": self.user_agent}
        self.requests += 1
        try:
            return _http.get(url, headers, budget, self._tls)
        except urllib.error.HTTPError as exc:
            status, reason = exc.code, exc.reason
            retry_after = exc.headers.get("Retry-After") if exc.headers else None
            exc.close()
            if status == 429 or status >= 500:
                raise _Retryable(f"HTTP {status} {reason}", status=status, retry_after=retry_after) from None
            raise _Refused(f"{url}: HTTP {status} {reason}", url=url, status=status) from None
        except _http.TooLarge as exc:
            message = f"{url}: the answer is too large ({exc}; max_bytes)"
            raise WordPressApiError(message, source=url, place=url) from None
        except http.client.IncompleteRead as exc:
            short = f"{exc.expected} bytes short of its Content-Length" if exc.expected else "in the middle of a chunk"
            raise _Retryable(f"the answer ended {short}") from None
        except ConnectionError as exc:  # reset, refused, aborted; a server closing without an answer
            raise _Retryable(f"the connection broke ({exc or type(exc).__name__})") from None
        except http.client.HTTPException as exc:  # a bad status line, too many or too long headers
            raise WordPressApiError(
                f"{url}: not a valid HTTP answer ({type(exc).__name__}: {str(exc)[:200]!r})", source=url, place=url
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            cause: Any = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            if isinstance(cause, TimeoutError):
                if until is not None and self.clock() >= until:
                    raise _DeadlinePassed(
                        f"{url}: the import's deadline passed before the answer was complete", source=url, place=url
                    ) from None
                raise _Retryable(f"no complete answer within {self.timeout:g} s") from None
            raise _Retryable(str(cause)) from None

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after is not None and retry_after.strip().isdigit():
            return min(float(retry_after), self.max_delay)
        return float(min(self.backoff * (2**attempt), self.max_delay))


def _progress(enabled: bool) -> Callable[[str, int, int], None]:
    def show(endpoint: str, page: int, total: int) -> None:
        if enabled:
            width = 30
            done = int(width * page / max(total, 1))
            sys.stderr.write(f"\r{endpoint:<10} [{'#' * done}{'.' * (width - done)}] {page}/{total}")
            if page >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return show


def _site_zone(zone_name: Any, gmt_offset: Any) -> str | None:
    """The IANA zone of a site's ``timezone_string``, else of a whole-hour ``gmt_offset``.

    >>> _site_zone("Asia/Seoul", 9), _site_zone("", 9), _site_zone("", 5.5), _site_zone(None, None)
    ('Asia/Seoul', 'Etc/GMT-9', None, None)
    """
    if isinstance(zone_name, str) and zone_name:
        try:
            ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            return None
        return zone_name
    try:
        offset = float(gmt_offset)
    except (TypeError, ValueError):
        return None
    if offset.is_integer() and -12 <= offset <= 14 and offset != 0:
        return f"Etc/GMT{-int(offset):+d}"  # POSIX sign: Etc/GMT-9 is nine hours ahead of UTC
    return None


def fetch_site(
    url: str,
    *,
    endpoints: Iterable[str] = ENDPOINTS,
    per_page: int = 100,
    fetcher: Fetcher | None = None,
    progress: bool | None = None,
    timezone: str | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    deadline: float = DEFAULT_DEADLINE,
    partial: bool = False,
) -> tuple[Corpus, ImportReport]:
    """A corpus from a live WordPress site's REST API, read completely or not at all.

    Pages through ``{url}/wp-json/wp/v2/<endpoint>?per_page=100&page=N`` for each endpoint as
    far as the ``X-WP-TotalPages`` header says.  An endpoint that refuses its first page
    (400/401/403/404, e.g. users on a locked-down site) is reported and skipped; 429, 5xx,
    timeouts and broken connections are retried by the :class:`Fetcher`.

    Limits: at most ``max_pages`` pages per endpoint, and the whole import (every request and
    every wait before a retry) within ``deadline`` seconds.  What is read is checked: a page that
    fails after the first, an endpoint with more pages than the cap, fewer objects than the
    ``X-WP-Total`` header announced, or the deadline passing raise
    :class:`~newsmodel.errors.WordPressApiError` saying what is missing.  With ``partial=True``
    the import goes on instead and returns what arrived, each missing piece reported as a
    warning with the code ``"incomplete"``.

    ``progress`` shows a bar on stderr; None means "when stderr is a terminal".  The site's
    ``timezone_string`` (from ``/wp-json/``, when public) becomes the site's zone.
    """
    fetcher = fetcher or Fetcher()
    until = fetcher.clock() + deadline
    base = url.rstrip("/")
    show = _progress(sys.stderr.isatty() if progress is None else progress)
    report = ImportReportBuilder(source=base, format="wordpress rest v2 (live)")
    index, _ = fetcher.get(f"{base}/wp-json/", until=until)
    name = base
    description = None
    if isinstance(index, Mapping):
        name = str(index.get("name") or base)
        description = str(index.get("description") or "") or None
        if timezone is None:
            timezone = _site_zone(index.get("timezone_string"), index.get("gmt_offset"))
    site = Site(name=name, base_url=base, timezone=timezone or "UTC", description=description)
    data = _Collected()
    paging = _Paging(fetcher, base, per_page=per_page, max_pages=max_pages, until=until, deadline=deadline)
    gaps = _Gaps(report, partial)
    todo = list(endpoints)
    for i, endpoint in enumerate(todo):
        try:
            paging.read(endpoint, data, report, gaps, show)
        except _DeadlinePassed as exc:
            rest = todo[i + 1 :]
            gaps.missing(str(exc) + (f", and every page of {', '.join(rest)}" if rest else ""), place=exc.place or base)
            break
    return _build(data, report, site=site, site_url=None, timezone=timezone)


class _Gaps:
    """What a live import could not read: raised at once, or with ``partial`` kept as warnings."""

    def __init__(self, report: ImportReportBuilder, partial: bool) -> None:
        self.report = report
        self.partial = partial

    def missing(self, message: str, *, place: str) -> None:
        if not self.partial:
            raise WordPressApiError(message, source=place, place=place)
        self.report.warn(message, place=place, code="incomplete")


def _pages(endpoint: str, first: int, last: int | None) -> str:
    """Which pages of an endpoint, in words.

    >>> _pages("posts", 3, 3), _pages("posts", 3, 9), _pages("posts", 1, None)
    ('posts page 3', 'posts pages 3-9', 'every page of posts (their number is unknown)')
    """
    if last is None:
        return f"every page of {endpoint} (their number is unknown)"
    return f"{endpoint} page {first}" if first == last else f"{endpoint} pages {first}-{last}"


def _header_count(headers: Mapping[str, str], name: str, url: str) -> int | None:
    """A count header (``X-WP-Total``, ``X-WP-TotalPages``): None when absent, an error when not a count."""
    value = headers.get(name.lower())
    if value is None:
        return None
    if not value.strip().isdigit():
        raise WordPressApiError(f"{url}: the header {name} is {value!r}, not a count", source=url, place=url)
    return int(value)


class _Paging:
    """Reads every page of one endpoint within the limits, checking what arrives."""

    def __init__(
        self, fetcher: Fetcher, base: str, *, per_page: int, max_pages: int, until: float, deadline: float
    ) -> None:
        self.fetcher = fetcher
        self.base = base
        self.per_page = per_page
        self.max_pages = max_pages
        self.until = until
        self.deadline = deadline

    def url(self, endpoint: str, page: int) -> str:
        return f"{self.base}/wp-json/wp/v2/{endpoint}?{urlencode({'per_page': self.per_page, 'page': page})}"

    def read(
        self,
        endpoint: str,
        data: _Collected,
        report: ImportReportBuilder,
        gaps: _Gaps,
        show: Callable[[str, int, int], None],
    ) -> None:
        page, last = 1, 1
        known = False  # whether a page has told how many pages there are
        announced: int | None = None
        ids: set[str] = set()
        unnamed = 0
        failed = False
        while page <= min(last, self.max_pages):
            page_url = self.url(endpoint, page)
            try:
                decoded, headers = self.fetcher.get(page_url, until=self.until)
                if not isinstance(decoded, list):
                    raise WordPressApiError(
                        f"{page_url}: answered a JSON {type(decoded).__name__}, not the list of {endpoint} a"
                        " collection gives",
                        source=page_url,
                        place=page_url,
                    )
                pages = _header_count(headers, "X-WP-TotalPages", page_url)
                total = _header_count(headers, "X-WP-Total", page_url)
            except _DeadlinePassed as exc:
                raise _DeadlinePassed(
                    f"{exc} (the deadline is {self.deadline:g} s: --deadline); missing:"
                    f" {_pages(endpoint, page, last if known else None)}",
                    source=exc.source,
                    place=page_url,
                ) from None
            except WordPressApiError as exc:
                if page == 1 and isinstance(exc, _Refused) and exc.status in (400, 401, 403, 404):
                    report.warn(str(exc) + "; endpoint skipped", place=page_url, code="http")
                    return
                failed = True
                gaps.missing(f"{exc}; missing: {_pages(endpoint, page, page if known else None)}", place=page_url)
                page += 1
                continue
            last = page if pages is None else pages  # WordPress always sends it; without it, this page is the last
            known = True
            announced = total if total is not None else announced
            if last > self.max_pages and not gaps.partial:
                break  # said at once below, without reading the pages under the cap first
            for obj in decoded:
                if not isinstance(obj, Mapping):
                    continue
                key = _id(obj.get("id"))
                if key is None:
                    unnamed += 1
                else:
                    ids.add(key)
                kind = _kind(obj) or endpoint
                if kind == "terms" or kind == "types":
                    continue
                data.add(kind if kind in attrs.fields_dict(_Collected) else endpoint, obj)
                data.add_embedded(obj)
            show(endpoint, page, last)
            page += 1
        first_url = self.url(endpoint, 1)
        if last > self.max_pages:
            gaps.missing(
                f"{endpoint}: the site announces {last} pages (X-WP-TotalPages), more than the cap of"
                f" {self.max_pages} pages an endpoint (--max-pages);"
                f" missing: {_pages(endpoint, self.max_pages + 1, last)}",
                place=first_url,
            )
            return
        arrived = len(ids) + unnamed
        if failed or announced is None or arrived == announced:
            return
        if arrived > announced:
            report.warn(
                f"{endpoint}: {arrived} arrived, more than the {announced} that X-WP-Total announced",
                place=first_url,
                code="total",
            )
            return
        implied = -(-announced // self.per_page)
        why = (
            f" (X-WP-TotalPages said {last}, but {announced} at {self.per_page} a page make {implied})"
            if implied > last
            else ""
        )
        gaps.missing(
            f"{endpoint}: X-WP-Total announced {announced}, {arrived} arrived in {last} page(s){why}; missing:"
            f" {announced - arrived} {endpoint}, which ones the site does not say",
            place=first_url,
        )
