"""The WordPress mapping that the WXR and REST adapters share: one home for each rule.

WordPress statuses to :class:`~newsmodel.model.ArticleStatus` and back, the instant of a
``post_date`` / ``post_date_gmt`` pair, which source slugs are kept, bodies from WordPress HTML,
tags folded by name, and newsmodel's own ``_newsmodel`` meta that makes an export round-trip.

>>> resolve_date("2025-12-16 18:00:00", "2025-12-16 09:00:00", None, False).value.isoformat()
'2025-12-16T18:00:00+09:00'
>>> STATUS["future"], WP_STATUS[ArticleStatus.PRIVATE]
(<ArticleStatus.SCHEDULED: 'scheduled'>, 'private')
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from newsmodel.body import Body
from newsmodel.errors import InvalidSite, NewsModelError
from newsmodel.htmlparse import parse_html
from newsmodel.model import (
    Article,
    ArticleStatus,
    Extra,
    Tag,
    site_zone,
    thaw,
)
from newsmodel.slugs import is_slug, slugify

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
    """The body of WordPress HTML content, as typed blocks."""
    if not html.strip():
        return Body()
    return parse_html(html)


def zone_info(name: str) -> tzinfo | None:
    """The zone a user named (what :attr:`~newsmodel.model.Site.timezone` accepts; None for floating)."""
    try:
        return site_zone(name)
    except InvalidSite as exc:
        raise InvalidSite(str(exc).replace("Site.timezone", "timezone", 1), value=name, where="timezone") from exc


def valid_slug(value: str) -> bool:
    """Whether a source's slug is kept as it is (newsmodel's one slug rule, :func:`~newsmodel.slugs.is_slug`)."""
    return is_slug(value)


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


def own_article(own: Mapping[str, Any], content: str, parse: Callable[[str], Body] = parse_body) -> Article | None:
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
