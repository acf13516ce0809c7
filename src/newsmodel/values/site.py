"""The site and what it is made of besides articles: its settings (zone, permalinks), authors,
categories, tags and navigation menus.

These values do not know articles; :mod:`newsmodel.values.model` builds articles on them and re-exports
every name here, so ``from newsmodel.values.model import Site`` keeps working.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from newsmodel.values._fields import (
    _EXTRA,
    _STRS,
    Extra,
    _ids,
    _link_url,
    _menu_order,
    _nonempty_id,
    _optional_id,
    _optional_link_url,
    _optional_str,
    _optional_web_url,
    _slug,
    _str,
    _str_tuple,
    _to_extra,
    _web_url,
    is_weekday,
)
from newsmodel.values._validate import as_tuple, instance_of, tuple_of
from newsmodel.values.errors import (
    CategoryCycle,
    InvalidDatetime,
    InvalidMenu,
    InvalidSite,
    InvalidValue,
    UnknownId,
)
from newsmodel.values.slugs import is_key

__all__ = [
    "FLOATING",
    "MENU_KEY_LENGTH",
    "Author",
    "Category",
    "Menu",
    "MenuItem",
    "MenuItemType",
    "Permalinks",
    "Site",
    "SocialProfile",
    "Tag",
    "category_path",
    "remap_tag_targets",
    "site_zone",
]


# --------------------------------------------------------------------------- site


@attrs.frozen(kw_only=True)
class Permalinks:
    """URL patterns of a site, WordPress style (``%year%``, ``%monthnum%``, ``%day%``, ``%postname%``,
    ``%post_id%``, ``%category%`` — the full category path —, ``%author%``, ``%tag%``, and for
    pages ``%pagename%`` — the page's path under its ancestors, WordPress's ``get_page_uri``).

    >>> Permalinks().article, Permalinks().page
    ('/%year%/%monthnum%/%postname%/', '/%pagename%/')
    """

    article: str = attrs.field(default="/%year%/%monthnum%/%postname%/", validator=_str)
    category: str = attrs.field(default="/category/%category%/", validator=_str)
    tag: str = attrs.field(default="/tag/%tag%/", validator=_str)
    author: str = attrs.field(default="/author/%author%/", validator=_str)
    year: str = attrs.field(default="/%year%/", validator=_str)
    month: str = attrs.field(default="/%year%/%monthnum%/", validator=_str)
    day: str = attrs.field(default="/%year%/%monthnum%/%day%/", validator=_str)
    page: str = attrs.field(default="/%pagename%/", validator=_str)


#: The :attr:`Site.timezone` of a site whose dates are grouped by their own wall clock.
FLOATING = "floating"
_FIXED_OFFSET = re.compile(r"([+-])(\d\d):([0-5]\d)")


def site_zone(name: str) -> tzinfo | None:
    """The time zone a :attr:`Site.timezone` names: a :class:`~zoneinfo.ZoneInfo` for an IANA
    name, a fixed :class:`~datetime.timezone` for ``±HH:MM``, None for ``"floating"``.

    >>> site_zone("Asia/Seoul").key, site_zone("+05:30"), site_zone("floating")
    ('Asia/Seoul', datetime.timezone(datetime.timedelta(seconds=19800)), None)
    """
    if name == FLOATING:
        return None
    fixed = _FIXED_OFFSET.fullmatch(name) if isinstance(name, str) else None
    if fixed is not None:
        sign, hours, minutes = fixed.groups()
        offset = timedelta(hours=int(hours), minutes=int(minutes))
        if offset > timedelta(hours=14):
            raise InvalidSite(f"Site.timezone: UTC offset {name!r} is beyond ±14:00", value=name, where="timezone")
        return timezone(-offset if sign == "-" else offset)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise InvalidSite(
            f"Site.timezone: unknown IANA time zone {name!r} (nor a UTC offset ±HH:MM, nor 'floating')",
            value=name,
            where="timezone",
        ) from exc


_cached_zone = functools.lru_cache(maxsize=64)(site_zone)


def _check_timezone(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    site_zone(value)


def _check_week_start(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not is_weekday(value):
        raise InvalidSite(
            f"Site.week_start: {value!r} is not a weekday (0 = Monday … 6 = Sunday, or None for the locale's)",
            value=value,
            where="week_start",
        )


def _check_posts_per_page(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidSite(
            f"Site.posts_per_page: {value!r} is not a positive integer", value=value, where="posts_per_page"
        )


@attrs.frozen(kw_only=True)
class Site:
    """What a site decides: name, base URL, time zone, locale, first day of the week, permalinks.

    ``week_start`` follows Python's convention (0 = Monday … 6 = Sunday); ``None`` means "ask the
    locale" (see :mod:`newsmodel.widgets.calendar`).  ``posts_per_page`` is how many posts a listing page
    (home, archives, search results) shows, WordPress's ``posts_per_page`` option (default 10).

    ``timezone`` is an IANA name (``"Asia/Seoul"``), a fixed UTC offset (``"+05:30"``: a
    WordPress site set to a manual offset) or ``"floating"``: each date is shown, grouped into
    days and months by its own wall clock (the offset it was written with), which is how
    WordPress groups archives (by ``post_date``) when no one zone explains a site's offsets.

    >>> Site(name="Capital Cities", base_url="https://example.org", timezone="Asia/Seoul").zone.key
    'Asia/Seoul'
    >>> from datetime import datetime, timedelta, timezone
    >>> late = datetime(2025, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    >>> Site(name="S", base_url="https://example.org").local_date(late)
    datetime.date(2026, 1, 1)
    >>> Site(name="S", base_url="https://example.org", timezone="floating").local_date(late)
    datetime.date(2025, 12, 31)
    """

    name: str = attrs.field(validator=_str)
    base_url: str = attrs.field(validator=_web_url)
    timezone: str = attrs.field(default="UTC", validator=_check_timezone)
    locale: str = attrs.field(default="en_US", validator=_str)
    week_start: int | None = attrs.field(default=None, validator=_check_week_start)
    permalinks: Permalinks = attrs.field(factory=Permalinks, validator=instance_of(Permalinks, "a Permalinks"))
    description: str | None = attrs.field(default=None, validator=_optional_str)
    language: str | None = attrs.field(default=None, validator=_optional_str)
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)
    posts_per_page: int = attrs.field(default=10, validator=_check_posts_per_page)

    @property
    def zone(self) -> tzinfo | None:
        """The site's time zone (see :func:`site_zone`): None when the site is ``"floating"``."""
        return site_zone(self.timezone)

    def wall_clock(self, when: datetime) -> datetime:
        """``when`` as the site's clocks showed it: in its zone, or as written when floating."""
        if when.tzinfo is None:
            raise InvalidDatetime(f"naive datetime {when.isoformat()!r} (give it a UTC offset or a zone)", value=when)
        zone = _cached_zone(self.timezone)
        return when if zone is None else when.astimezone(zone)

    def local_date(self, when: datetime) -> date:
        """The day of ``when`` on the site's calendar (see :meth:`wall_clock`)."""
        return self.wall_clock(when).date()


# --------------------------------------------------------------------------- people and taxonomy


def _profiles(value: Iterable[SocialProfile]) -> tuple[SocialProfile, ...]:
    out: tuple[Any, ...] = as_tuple(value)
    return out


@attrs.frozen(kw_only=True)
class SocialProfile:
    """One profile of an author on a network (``network`` is a lowercase name such as ``"x"``).

    >>> SocialProfile(network="x", url="https://x.com/vjones").network
    'x'
    """

    network: str = attrs.field(validator=_str)
    url: str = attrs.field(validator=_link_url)


@attrs.frozen(kw_only=True)
class Author:
    """A person who writes (or photographs, or edits) for the site.

    >>> Author(id="7", slug="victoria-jones", name="Victoria Jones").name
    'Victoria Jones'
    """

    id: str = attrs.field(validator=_nonempty_id)
    slug: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_str)
    bio: str | None = attrs.field(default=None, validator=_optional_str)
    avatar_url: str | None = attrs.field(default=None, validator=_optional_web_url)
    website: str | None = attrs.field(default=None, validator=_optional_link_url)
    email: str | None = attrs.field(default=None, validator=_optional_str)
    social: tuple[SocialProfile, ...] = attrs.field(
        default=(), converter=_profiles, validator=tuple_of(SocialProfile, "a SocialProfile")
    )
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)


@attrs.frozen(kw_only=True)
class Category:
    """A node of the category tree; ``parent_id`` is None at the top.

    >>> Category(id="seoul", slug="seoul", name="Seoul", parent_id="south-korea").parent_id
    'south-korea'
    """

    id: str = attrs.field(validator=_nonempty_id)
    slug: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)
    parent_id: str | None = attrs.field(default=None, validator=_optional_str)
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)


@attrs.frozen(kw_only=True)
class Tag:
    """A flat label, identified by its slug.  Tags whose names slug alike stay two tags, as
    WordPress keeps them ("Kim Jong Un" ``kim-jong-un``, "Kim Jong-un" ``kim-jong-un-2``).

    ``aliases`` keeps the names of the tags that :func:`newsmodel.values.tagmerge.merge_similar_tags`
    merged into this one (no import fills it), ``source_ids`` every other source id.

    >>> Tag(id="t1", slug="kim-jong-un", name="Kim Jong-un", aliases=("Kim Jong Un",)).aliases
    ('Kim Jong Un',)
    """

    id: str = attrs.field(validator=_nonempty_id)
    slug: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_STRS)
    source_ids: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_STRS)
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)


# --------------------------------------------------------------------------- navigation menus


class MenuItemType:
    """What a :class:`MenuItem` points at, in WordPress's words (its ``_menu_item_type`` meta).

    ``post_type``: an article (``object`` is its kind: ``page``, ``post`` …, ``object_id`` its id);
    ``taxonomy``: a term (``object`` is ``category`` or ``post_tag``, ``object_id`` the category's
    or tag's id); ``custom``: a link of its own (``url``); ``post_type_archive``: the archive of a
    post type (``object`` names it).  A plugin's own type is kept under its name and resolves like
    a custom link, as WordPress's ``wp_setup_nav_menu_item`` treats any other type.

    >>> MenuItemType.POST_TYPE, MenuItemType.TAXONOMY, MenuItemType.CUSTOM
    ('post_type', 'taxonomy', 'custom')
    """

    POST_TYPE = "post_type"
    TAXONOMY = "taxonomy"
    CUSTOM = "custom"
    POST_TYPE_ARCHIVE = "post_type_archive"
    #: The ``object`` of a taxonomy item that points at a tag (WordPress's taxonomy name).
    TAG = "post_tag"
    #: The ``object`` of a taxonomy item that points at a category.
    CATEGORY = "category"

    def __init__(self) -> None:  # pragma: no cover - a namespace of constants
        raise TypeError("MenuItemType is a namespace of type names, not a type of value")


#: What ``sanitize_key`` keeps, the rule WordPress applies to ``_menu_item_type`` and
#: ``_menu_item_object`` in ``wp_update_nav_menu_item``, up to this length.
MENU_KEY_LENGTH = 200


def _menu_key(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not is_key(value, MENU_KEY_LENGTH):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: {value!r} is not a key"
            " (1 to 200 of a-z, 0-9, _ and -, as WordPress's sanitize_key keeps)",
            value=value,
            where=attribute.name,
        )


def _check_menu_item(item: MenuItem) -> None:
    if item.type in (MenuItemType.POST_TYPE, MenuItemType.TAXONOMY) and item.object_id is None:
        raise InvalidMenu(
            f"MenuItem {item.id!r}: a {item.type} item needs the object_id of what it points at",
            value=item.object_id,
            where="object_id",
        )
    if item.parent_id is not None and item.parent_id == item.id:
        raise InvalidMenu(
            f"MenuItem {item.id!r}: an item cannot be its own parent", value=item.parent_id, where="parent_id"
        )


@attrs.frozen(kw_only=True)
class MenuItem:
    """One entry of a navigation :class:`Menu`, as WordPress keeps a ``nav_menu_item``.

    ``type`` and ``object`` say what it points at (see :class:`MenuItemType`), ``object_id`` the
    id of that article, category or tag; a custom link has its ``url`` instead.  ``label`` is the
    text shown; empty, it is the title (or name) of what the item points at, as WordPress's
    ``wp_setup_nav_menu_item`` does.  ``parent_id`` is the id of the item it nests under (in the
    same menu), ``order`` its position (WordPress's ``menu_order``).  ``target`` (``"_blank"``),
    ``attr_title`` (the link's ``title``), ``description``, ``classes`` and ``xfn`` (the link's
    ``rel``) are kept as WordPress keeps them.  The item a menu points at may be missing from the
    corpus (a page deleted since): the item stays, and a page view leaves it out (see
    :func:`newsmodel.widgets.menus.resolve_menu`).

    >>> about = MenuItem(id="11", type="post_type", object="page", object_id="2")
    >>> legal = MenuItem(id="12", label="Legal Pages", url="#", order=4)
    >>> MenuItem(id="13", type="post_type", object="page", object_id="3", parent_id="12").parent_id
    '12'
    """

    id: str = attrs.field(validator=_nonempty_id)
    label: str = attrs.field(default="", validator=_str)
    type: str = attrs.field(default=MenuItemType.CUSTOM, validator=_menu_key)
    object: str = attrs.field(default=MenuItemType.CUSTOM, validator=_menu_key)
    object_id: str | None = attrs.field(default=None, validator=_optional_id)
    url: str | None = attrs.field(default=None, validator=_optional_link_url)
    parent_id: str | None = attrs.field(default=None, validator=_optional_id)
    order: int = attrs.field(default=0, validator=_menu_order)
    target: str = attrs.field(default="", validator=_str)
    attr_title: str = attrs.field(default="", validator=_str)
    description: str = attrs.field(default="", validator=_str)
    classes: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_STRS)
    xfn: str = attrs.field(default="", validator=_str)
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)

    def __attrs_post_init__(self) -> None:
        _check_menu_item(self)


def _menu_items(value: Iterable[MenuItem]) -> tuple[MenuItem, ...]:
    out: tuple[Any, ...] = as_tuple(value)
    return out


def _check_menu(menu: Menu) -> None:
    parent_of: dict[str, str | None] = {}
    for i, item in enumerate(menu.items):
        if item.id in parent_of:
            raise InvalidMenu(
                f"Menu {menu.id!r}: two items have the id {item.id!r}", value=item.id, where=f"items[{i}].id"
            )
        parent_of[item.id] = item.parent_id
    for i, item in enumerate(menu.items):
        if item.parent_id is not None and item.parent_id not in parent_of:
            raise InvalidMenu(
                f"Menu {menu.id!r}: item {item.id!r} names the parent {item.parent_id!r}, which the menu does not have",
                value=item.parent_id,
                where=f"items[{i}].parent_id",
            )
    done: set[str] = set()  # items whose chain of parents is known to end at the top
    for item in menu.items:
        chain: list[str] = []
        on_chain: set[str] = set()
        node: str | None = item.id
        while node is not None and node not in done:
            if node in on_chain:
                cycle = " › ".join(repr(x) for x in [*chain[chain.index(node) :], node])
                raise InvalidMenu(f"Menu {menu.id!r}: item {node!r} is its own ancestor: {cycle}", value=node)
            chain.append(node)
            on_chain.add(node)
            node = parent_of[node]
        done.update(chain)


@attrs.frozen(kw_only=True)
class Menu:
    """A navigation menu: WordPress's ``nav_menu`` term with its items.

    ``items`` are flat, in any order; each nests under its ``parent_id`` (an item of this menu)
    and is ordered among its siblings by ``order``, then id.  ``locations`` are the theme places
    the menu is shown in (``primary``, ``footer`` …: WordPress keeps them in the theme's
    ``nav_menu_locations`` setting, which an export does not carry).  Item ids are unique, every
    parent is in the menu, and no item is its own ancestor (:class:`~newsmodel.values.errors.InvalidMenu`).

    >>> menu = Menu(id="7", slug="top", name="Top", locations=("primary",), items=(
    ...     MenuItem(id="11", type="post_type", object="page", object_id="2"),
    ...     MenuItem(id="12", label="Legal Pages", url="#", order=4),
    ...     MenuItem(id="13", type="post_type", object="page", object_id="3", parent_id="12")))
    >>> [i.id for i in menu.items if i.parent_id is None]
    ['11', '12']
    """

    id: str = attrs.field(validator=_nonempty_id)
    slug: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)
    locations: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=[_STRS, _ids])
    items: tuple[MenuItem, ...] = attrs.field(
        default=(), converter=_menu_items, validator=tuple_of(MenuItem, "a MenuItem")
    )
    extra: Extra = attrs.field(factory=Extra, converter=_to_extra, validator=_EXTRA)

    def __attrs_post_init__(self) -> None:
        _check_menu(self)


def category_path(categories: Iterable[Category] | Mapping[str, Category], category_id: str) -> tuple[Category, ...]:
    """The categories from the top of the tree down to ``category_id``, itself included.

    An unknown id raises :class:`~newsmodel.values.errors.UnknownId`; a cycle raises
    :class:`~newsmodel.values.errors.CategoryCycle`.

    >>> cats = (Category(id="w", slug="world", name="World"), Category(id="a", slug="asia", name="ASIA", parent_id="w"))
    >>> [c.id for c in category_path(cats, "a")]
    ['w', 'a']
    """
    by_id = categories if isinstance(categories, Mapping) else {c.id: c for c in categories}
    out: list[Category] = []
    seen: set[str] = set()
    current: str | None = category_id
    while current is not None:
        if current in seen:
            raise CategoryCycle(f"category {current!r} is its own ancestor", culprit=current)
        seen.add(current)
        cat = by_id.get(current)
        if cat is None:
            raise UnknownId(f"category {current!r} is not in the corpus", value=current, where="category_id")
        out.append(cat)
        current = cat.parent_id
    out.reverse()
    return tuple(out)


def remap_tag_targets(menu: Menu, into: Mapping[str, str]) -> Menu:
    """``menu`` with each item that points at a tag in ``into`` pointing at ``into[tag id]``
    instead (the kept tag of a merge); ``menu`` itself when no item changes.

    >>> tagged = MenuItem(id="2", type="taxonomy", object="post_tag", object_id="9")
    >>> m = Menu(id="1", slug="m", name="M", items=(tagged,))
    >>> remap_tag_targets(m, {"9": "3"}).items[0].object_id
    '3'
    """
    items = tuple(
        attrs.evolve(i, object_id=into[i.object_id])
        if i.object_id is not None
        and i.object_id in into
        and i.type == MenuItemType.TAXONOMY
        and i.object == MenuItemType.TAG
        else i
        for i in menu.items
    )
    return menu if items == menu.items else attrs.evolve(menu, items=items)
