"""The WordPress mapping that the WXR and REST adapters share: one home for each rule.

WordPress statuses to :class:`~newsmodel.values.model.ArticleStatus` and back, the instant of a
``post_date`` / ``post_date_gmt`` pair, how a source slug is kept (:func:`source_slug`), bodies
from WordPress HTML, post types to kinds, page parents repaired as WordPress's importer keeps
orphans, and newsmodel's own ``_newsmodel`` meta that makes an export round-trip.

>>> resolve_date("2025-12-16 18:00:00", "2025-12-16 09:00:00", None, False).value.isoformat()
'2025-12-16T18:00:00+09:00'
>>> STATUS["future"], WP_STATUS[ArticleStatus.PRIVATE]
(<ArticleStatus.SCHEDULED: 'scheduled'>, 'private')
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, TypeVar
from urllib.parse import unquote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from newsmodel.bodies.htmlparse import parse_html
from newsmodel.io.report import ImportReportBuilder
from newsmodel.io.wp.autop import autop, has_blocks
from newsmodel.values._validate import is_number
from newsmodel.values.body import Body
from newsmodel.values.errors import InvalidSite, NewsModelError
from newsmodel.values.model import (
    Article,
    ArticleStatus,
    ContentKind,
    is_kind,
    site_zone,
)
from newsmodel.values.slugs import MAX_SLUG_LENGTH, SlugRegistry, decode_slug, is_slug, truncate_slug

_T = TypeVar("_T")

ZERO_DATE = "0000-00-00 00:00:00"

#: WordPress post status -> newsmodel status.
STATUS = {
    "publish": ArticleStatus.PUBLISHED,
    "future": ArticleStatus.SCHEDULED,
    "draft": ArticleStatus.DRAFT,
    "pending": ArticleStatus.PENDING,
    "private": ArticleStatus.PRIVATE,
}
WP_STATUS = {v: k for k, v in STATUS.items()}
#: The postmeta / termmeta key newsmodel's own export uses for what WXR cannot carry.
META_KEY = "_newsmodel"
#: The namespace of newsmodel's own elements in an export (WordPress's importer ignores them).
NEWSMODEL_NS = "https://example.org/newsmodel/wxr/1.0/"


# --------------------------------------------------------------------------- dates


def wp_datetime(value: str | None) -> datetime | None:
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


def plausible_offset(offset: timedelta) -> bool:
    seconds = offset.total_seconds()
    return -12 * 3600 <= seconds <= 14 * 3600 and seconds % 900 == 0


def format_wp_date(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


@attrs.frozen(kw_only=True)
class Dated:
    value: datetime | None
    exact: bool  # False when the raw strings must be kept to write them back
    warning: str | None = None
    needs_zone: bool = False  # read as UTC for want of a site zone: only the wall clock is known


def resolve_date(local_s: str | None, gmt_s: str | None, zone: tzinfo | None, floating: bool) -> Dated:
    """The instant of a ``post_date`` / ``post_date_gmt`` pair (see the module docs for the rule)."""
    local = wp_datetime(local_s)
    gmt = wp_datetime(gmt_s)
    if local is not None and gmt is not None:
        offset = local - gmt
        if plausible_offset(offset):
            return Dated(value=local.replace(tzinfo=timezone(offset)), exact=True)
    if gmt is None and floating:
        # A draft that never had a date fixed: WordPress writes post_date_gmt as zeros.
        return Dated(value=None, exact=local_s is None and gmt_s is None)
    if local is not None and zone is not None:
        why = "has no usable post_date_gmt" if gmt is None else f"disagrees with post_date_gmt {gmt_s!r}"
        return Dated(
            value=local.replace(tzinfo=zone),
            exact=False,
            warning=f"post_date {local_s!r} {why}; read it in the site time zone {getattr(zone, 'key', str(zone))!r}",
        )
    if gmt is not None:
        why = "is missing" if local is None else f"{local_s!r} is not a plausible UTC offset away"
        return Dated(
            value=gmt.replace(tzinfo=timezone.utc),
            exact=False,
            warning=f"post_date {why} from post_date_gmt {gmt_s!r}; used post_date_gmt as UTC",
        )
    if local is not None:
        return Dated(
            value=local.replace(tzinfo=timezone.utc),
            exact=False,
            needs_zone=True,
            warning=f"post_date_gmt {gmt_s!r} is unusable and no site time zone was given;"
            f" read post_date {local_s!r} as UTC",
        )
    return Dated(value=None, exact=local_s is None and gmt_s is None)


# --------------------------------------------------------------------------- bodies


def parse_body(html: str) -> Body:
    """The body of WordPress HTML content as shown (the REST API's ``content.rendered``), as typed blocks."""
    if not html.strip():
        return Body()
    return parse_html(html)


def parse_stored_body(content: str) -> Body:
    """The body of WordPress content as stored (a WXR export's ``content:encoded``): what WordPress
    shows, with the paragraphs ``wpautop`` adds to a post that is not made of blocks
    (:mod:`newsmodel.io.wp.autop`), as typed blocks.

    >>> [type(b).__name__ for b in parse_stored_body("One.\\n\\nTwo.").blocks]
    ['Paragraph', 'Paragraph']
    """
    return parse_body(content if has_blocks(content) else autop(content))


def zone_info(name: str) -> tzinfo | None:
    """The zone a user named (what :attr:`~newsmodel.values.model.Site.timezone` accepts; None for floating)."""
    try:
        return site_zone(name)
    except InvalidSite as exc:
        raise InvalidSite(str(exc).replace("Site.timezone", "timezone", 1), value=name, where="timezone") from exc


def source_slug(raw: str, registry: SlugRegistry, fallback: str) -> tuple[str, str | None]:
    """The slug for a WordPress slug ``raw`` as stored (``post_name``, a term's ``slug``, a user's
    ``user_nicename``), claimed in ``registry``, and why it is not ``raw`` itself (None when kept).

    A slug the source has is kept exactly, decoded (:func:`~newsmodel.values.slugs.decode_slug`:
    WordPress stores ``日本語`` as ``%e6%97%a5%e6%9c%ac%e8%aa%9e``).  One longer than
    :data:`~newsmodel.values.slugs.MAX_SLUG_LENGTH` bytes encoded, which WordPress's ``varchar(200)``
    cannot hold, is cut at a character as ``sanitize_title_with_dashes`` cuts
    (``utf8_uri_encode($title, 200)``); one already taken in the scope gets ``-2``, ``-3`` … as
    ``wp_unique_post_slug`` gives; only a source without a usable slug gets one made from
    ``fallback`` (:func:`~newsmodel.values.slugs.slugify`).

    >>> source_slug("%e6%97%a5%e6%9c%ac%e8%aa%9e", SlugRegistry(), "T")
    ('日本語', None)
    >>> source_slug("copyright-registries-2_0", SlugRegistry(["copyright-registries-2_0"]), "T")
    ('copyright-registries-2_0-2', 'taken')
    >>> source_slug("", SlugRegistry(), "Hello, world")
    ('hello-world', 'missing')
    """
    raw = raw.strip()
    base = decode_slug(raw)
    why = None
    if base is None and raw:
        try:
            text = unquote(raw, errors="strict")
        except UnicodeDecodeError:
            text = ""
        cut = truncate_slug(text)
        if cut != text and is_slug(cut):
            base, why = cut, f"longer than {MAX_SLUG_LENGTH} bytes encoded; cut"
    if base is None:
        return registry.claim(unquote(raw) or fallback), ("not a slug" if raw else "missing")
    slug = registry.keep(base)
    return slug, why if slug == base else "taken"


# --------------------------------------------------------------------------- post types and parents

#: Post types no importer makes an article of: media (read for featured images) and menu items
#: (WordPress's importer too handles them apart, in ``process_menu_item``).
NOT_ARTICLES = frozenset({ContentKind.ATTACHMENT, "nav_menu_item"})


def post_kind(post_type: str) -> str | None:
    """The :attr:`~newsmodel.values.model.Article.kind` of a WordPress post type: the type itself, kept
    by name (``post``, ``page``, ``product`` …); None for a value that is no post type key.

    >>> post_kind("page"), post_kind("Product!")
    ('page', None)
    """
    return post_type if is_kind(post_type) else None


def menu_order(value: Any) -> int | None:
    """WordPress's ``menu_order`` as an integer (None when it is not one).

    >>> menu_order("3"), menu_order(-1), menu_order("x"), menu_order(True)
    (3, -1, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if is_number(text.lstrip("-")):
            return int(text)
    return None


def repair_parents(
    articles: Sequence[Article], report: ImportReportBuilder, *, place: Callable[[Article], str], key: str
) -> list[Article]:
    """``articles`` with every ``parent_id`` the corpus could not hold set to None (top level),
    the source's value kept in ``extra[key]`` and a ``parent`` warning reported.

    As WordPress's importer does (``WP_Import::process_posts`` "Posts marked as having a parent
    which doesn't exist will become top level items"): a parent not among the imported articles
    leaves its child at the top.  A cycle of parents (WordPress refuses one on save, with
    ``wp_check_post_hierarchy_for_loops``) is broken at the member that comes first in the
    source, whose parent comes later: the one WordPress's importer would set last.  Linear time.

    >>> a = Article(id="1", slug="a", title="A", kind="page", parent_id="9", status="draft")
    >>> report = ImportReportBuilder()
    >>> [x.parent_id for x in repair_parents([a], report, place=lambda x: x.id, key="wxr:post_parent")]
    [None]
    >>> report.build().warnings[0].line
    "1: parent '9' is not in the source; placed at the top level (kept in extra['wxr:post_parent'])"
    """
    index = {a.id: i for i, a in enumerate(articles)}
    parent: dict[str, str | None] = {a.id: a.parent_id for a in articles}
    why: dict[str, str] = {}
    for a in articles:
        if a.parent_id is not None and a.parent_id not in index:
            parent[a.id] = None
            why[a.id] = f"parent {a.parent_id!r} is not in the source"
    done: set[str] = set()
    for a in articles:
        walk: list[str] = []
        on_walk: set[str] = set()
        node: str | None = a.id
        while node is not None and node not in done and node not in on_walk:
            walk.append(node)
            on_walk.add(node)
            node = parent[node]
        if node is not None and node in on_walk:
            cycle = walk[walk.index(node) :]
            first = min(cycle, key=index.__getitem__)
            why[first] = f"parent {parent[first]!r} makes a cycle ({' › '.join(repr(c) for c in [*cycle, node])})"
            parent[first] = None
        done.update(walk)
    if not why:
        return list(articles)
    out: list[Article] = []
    for a in articles:
        reason = why.get(a.id)
        if reason is None:
            out.append(a)
            continue
        report.warn(f"{reason}; placed at the top level (kept in extra[{key!r}])", place=place(a), code="parent")
        out.append(attrs.evolve(a, parent_id=None, extra=a.extra.merged({key: a.parent_id})))
    return out


# --------------------------------------------------------------------------- newsmodel's own meta


def load_json(text: str) -> Any:
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def split_own_meta(meta: list[list[str]]) -> tuple[dict[str, Any] | None, list[list[str]]]:
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


def serialize_module() -> Any:
    if not _SERIALIZE:
        import importlib  # the converter lives at the edge, beside the adapters; loaded on first use

        _SERIALIZE.append(importlib.import_module("newsmodel.serialize"))
    return _SERIALIZE[0]


def restore(own: Mapping[str, Any], cls: type[_T]) -> _T | None:
    """The entity newsmodel's own export described in its meta (None when it is not usable)."""
    try:
        restored: _T = serialize_module().structure(dict(own), cls)
    except (NewsModelError, ValueError, TypeError, KeyError):
        return None
    return restored


def own_article(
    own: Mapping[str, Any], content: str, parse: Callable[[str], Body] = parse_stored_body
) -> Article | None:
    """The article newsmodel's own export described (None when the meta is not usable).

    The body comes from the meta only while ``content:encoded`` is still the one it was written
    with; otherwise (or when the meta has no body) it is parsed from ``content:encoded``.
    """
    data = dict(own)
    sha = data.pop("content_sha1", None)
    content_in_extra = data.pop("content_in_extra", False)
    body_data = data.pop("body", None)
    try:
        restored: Article = serialize_module().structure(data, Article)
        if body_data is not None and sha == content_sha1(content):
            body: Body = serialize_module().structure(body_data, Body)
        else:
            body = parse(content)
    except (NewsModelError, ValueError, TypeError, KeyError):
        return None
    if content_in_extra:
        return attrs.evolve(restored, body=body, extra=restored.extra.merged({"wxr:content": content}))
    return attrs.evolve(restored, body=body)


def content_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def site_zone_name(zone_name: Any, gmt_offset: Any) -> str | None:
    """The IANA zone of a site's ``timezone_string``, else of a whole-hour ``gmt_offset``.

    >>> site_zone_name("Asia/Seoul", 9), site_zone_name("", 9), site_zone_name("", 5.5), site_zone_name(None, None)
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
