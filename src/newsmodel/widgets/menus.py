"""Navigation menus as a page shows them: each item resolved to its label and URL.

A :class:`~newsmodel.values.model.Menu` holds items that point at articles, categories and tags by id
(or carry a URL of their own).  :func:`resolve_menu` gives the :class:`MenuView` a page shows, as
WordPress's ``wp_nav_menu`` does: items in ``order`` (then id), nested under their parents, each
with the URL of what it points at (:mod:`newsmodel.values.urls`) and the title of it when the item has no
label of its own.  An item whose article or term the corpus does not have is *invalid* and left
out (WordPress's ``wp_setup_nav_menu_item`` marks it ``_invalid``, ``wp_get_nav_menu_items``
drops it on the front end); its children then show at the top level, after the other items, as
``Walker::walk`` shows orphans.

:func:`page_menu` is the fallback of a site without menus, WordPress's ``wp_page_menu``: the
public pages, nested, in ``menu_order`` then title.  :func:`site_menus` gives a site's menus, or
that fallback when it has none.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.corpus import Corpus
>>> from newsmodel.values.model import Article, Menu, MenuItem, Site
>>> t = datetime(2025, 1, 1, tzinfo=timezone.utc)
>>> legal = Article(id="8", slug="legal", title="Legal Pages", kind="page", published=t)
>>> privacy = Article(id="9", slug="privacy-policy", title="Privacy Policy", kind="page", parent_id="8", published=t)
>>> site = Site(name="Capital Cities", base_url="https://example.org")
>>> menu = Menu(id="2", slug="top", name="Top", items=(
...     MenuItem(id="20", type="post_type", object="page", object_id="8"),
...     MenuItem(id="21", type="post_type", object="page", object_id="9", parent_id="20"),
...     MenuItem(id="22", label="Contact Us", url="mailto:desk@example.org", order=3)))
>>> view = resolve_menu(Corpus(site=site, articles=[legal, privacy], menus=[menu]), menu)
>>> [(link.depth, link.label, link.url) for link in view.items]  # doctest: +NORMALIZE_WHITESPACE
[(0, 'Legal Pages', 'https://example.org/legal/'),
 (1, 'Privacy Policy', 'https://example.org/legal/privacy-policy/'),
 (0, 'Contact Us', 'mailto:desk@example.org')]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from newsmodel.values._validate import OPTIONAL_STRING, STRING, as_tuple, instance_of, is_number, tuple_of
from newsmodel.values.errors import InvalidPermalink
from newsmodel.values.model import ContentKind, Menu, MenuItem, MenuItemType
from newsmodel.values.site import remap_tag_targets
from newsmodel.values.timeline import check_as_of
from newsmodel.values.urls import absolute_url, category_url, permalink, tag_url

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

__all__ = ["MenuLink", "MenuView", "page_menu", "remap_tag_targets", "resolve_menu", "site_menus"]

_BOOL = instance_of(bool, "true or false")
_INT = instance_of(int, "an integer")


@attrs.frozen(kw_only=True)
class MenuLink:
    """One item of a menu as a page shows it: label, URL and depth (0 at the top).

    Items come in display order (each parent before its children); ``parent_id`` is the id of the
    item above (None at the top).  ``url`` is None only for a custom link without one (WordPress
    writes its ``<a>`` without ``href``).  ``type``, ``object`` and ``object_id`` say what the item
    points at; ``target``, ``attr_title``, ``description``, ``classes`` and ``xfn`` are the item's.
    """

    id: str = attrs.field(validator=STRING)
    label: str = attrs.field(validator=STRING)
    url: str | None = attrs.field(validator=OPTIONAL_STRING)
    depth: int = attrs.field(validator=_INT)
    parent_id: str | None = attrs.field(validator=OPTIONAL_STRING)
    type: str = attrs.field(validator=STRING)
    object: str = attrs.field(validator=STRING)
    object_id: str | None = attrs.field(validator=OPTIONAL_STRING)
    target: str = attrs.field(default="", validator=STRING)
    attr_title: str = attrs.field(default="", validator=STRING)
    description: str = attrs.field(default="", validator=STRING)
    classes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str, "a string"))
    xfn: str = attrs.field(default="", validator=STRING)


@attrs.frozen(kw_only=True)
class MenuView:
    """A navigation menu as a page shows it.

    ``id``, ``slug`` and ``locations`` are the menu's; ``fallback`` is True for the menu of pages
    made when the site has none (:func:`page_menu`: no id, no slug).
    """

    id: str | None = attrs.field(validator=OPTIONAL_STRING)
    slug: str | None = attrs.field(validator=OPTIONAL_STRING)
    name: str = attrs.field(validator=STRING)
    locations: tuple[str, ...] = attrs.field(converter=as_tuple, validator=tuple_of(str, "a string"))
    fallback: bool = attrs.field(validator=_BOOL)
    items: tuple[MenuLink, ...] = attrs.field(converter=as_tuple, validator=tuple_of(MenuLink, "a MenuLink"))


def _id_key(value: str) -> tuple[int, int, str]:
    """Numeric ids in number order before other ids in text order: a total order."""
    return (0, int(value), value) if is_number(value) and len(value) < 19 else (1, 0, value)


def _no_title(object_id: str) -> str:
    # WordPress's label for an object without a title: sprintf( __( '#%d (no title)' ), $id ).
    return f"#{object_id} (no title)"


def _resolve(corpus: Corpus, item: MenuItem) -> tuple[str, str | None] | None:
    """``(label, url)`` of ``item``, or None when it is invalid (what it points at is missing)."""
    label = item.label
    if item.type == MenuItemType.POST_TYPE:
        article = corpus._article_by_id.get(item.object_id or "")
        if article is None:
            return None
        try:
            url = permalink(corpus, article)
        except InvalidPermalink:
            return None  # an undated post under a dated pattern has no URL to link
        return (label or article.title or _no_title(article.id), url)
    if item.type == MenuItemType.TAXONOMY:
        key = item.object_id or ""
        if item.object == MenuItemType.CATEGORY and key in corpus._category_by_id:
            path = corpus.path(key)
            return (label or path[-1].name or _no_title(key), category_url(corpus.site, [c.slug for c in path]))
        tag = corpus._tag_by_id.get(key) if item.object == MenuItemType.TAG else None
        if tag is None:
            return None  # a term the corpus does not have, or of a taxonomy it does not model
        return (label or tag.name or _no_title(key), tag_url(corpus.site, tag))
    if item.type == MenuItemType.POST_TYPE_ARCHIVE:
        # get_post_type_archive_link( 'post' ) is the home page; other archives' URLs are unknown.
        if item.object != ContentKind.POST:
            return None
        return (label or "Posts", absolute_url(corpus.site, "/"))
    return (label, item.url or None)


def _layout(
    entries: Sequence[tuple[str, str | None, Any]], key: Callable[[Any], Any]
) -> list[tuple[int, str | None, Any]]:
    """``(depth, parent_id, value)`` in display order, as ``Walker::walk`` lays out a tree.

    ``entries`` are ``(id, parent_id, value)``.  Top-level entries (and their descendants,
    depth first) come first in ``key`` order; entries whose parent is not among them (orphans)
    then follow at depth 0, flat, as the walker shows orphans when it displays every level.
    When no entry is at the top, the level of the first one (in ``key`` order) is the top.
    """
    ordered = sorted(entries, key=lambda e: key(e[2]))
    if not ordered:
        return []
    top_parent: str | None = None
    if all(e[1] is not None for e in ordered):
        top_parent = ordered[0][1]
    children: dict[str | None, list[tuple[str, str | None, Any]]] = {}
    top: list[tuple[str, str | None, Any]] = []
    for entry in ordered:
        parent = entry[1]
        if parent == top_parent:
            top.append(entry)
        else:
            children.setdefault(parent, []).append(entry)
    out: list[tuple[int, str | None, Any]] = []
    stack: list[tuple[int, tuple[str, str | None, Any]]] = [(0, e) for e in reversed(top)]
    while stack:
        depth, (entry_id, parent, value) = stack.pop()
        out.append((depth, None if depth == 0 else parent, value))
        kids = children.pop(entry_id, ())
        stack.extend((depth + 1, kid) for kid in reversed(kids))
    for group in children.values():  # orphans: their parent is invalid or not shown
        out.extend((0, None, value) for _, _, value in group)
    return out


def resolve_menu(corpus: Corpus, menu: Menu) -> MenuView:
    """``menu`` as a page shows it (see the module docs): valid items, nested, with their URLs.

    Every status of the article an item points at is linked, as WordPress links it (a trashed
    page is not imported, so its items are invalid, as WordPress makes them).
    """
    resolved: list[tuple[str, str | None, tuple[MenuItem, str, str | None]]] = []
    for item in menu.items:
        found = _resolve(corpus, item)
        if found is not None:
            resolved.append((item.id, item.parent_id, (item, found[0], found[1])))
    links = tuple(
        MenuLink(
            id=item.id,
            label=label,
            url=url,
            depth=depth,
            parent_id=parent,
            type=item.type,
            object=item.object,
            object_id=item.object_id,
            target=item.target,
            attr_title=item.attr_title,
            description=item.description,
            classes=item.classes,
            xfn=item.xfn,
        )
        for depth, parent, (item, label, url) in _layout(resolved, lambda v: (v[0].order, _id_key(v[0].id)))
    )
    return MenuView(id=menu.id, slug=menu.slug, name=menu.name, locations=menu.locations, fallback=False, items=links)


def page_menu(corpus: Corpus, *, as_of: datetime, name: str = "Pages") -> MenuView:
    """The menu of a site without menus: WordPress's ``wp_page_menu`` (through ``wp_list_pages``).

    The pages public at ``as_of`` (``get_pages`` asks for published pages; a scheduled page
    counts once due), nested under their parents at every depth, siblings in ``menu_order`` then
    title then id; a page whose parent is not public shows at the top level, after the others.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.corpus import Corpus
    >>> from newsmodel.values.model import Article, Site
    >>> t = datetime(2025, 1, 1, tzinfo=timezone.utc)
    >>> pages = [Article(id="1", slug="contact", title="Contact Us", kind="page", menu_order=3, published=t),
    ...          Article(id="2", slug="about", title="About us", kind="page", menu_order=1, published=t)]
    >>> view = page_menu(Corpus(site=Site(name="S", base_url="https://e.org"), articles=pages), as_of=t)
    >>> [link.label for link in view.items], view.fallback
    (['About us', 'Contact Us'], True)
    """
    check_as_of(as_of)
    pages = [(a.id, a.parent_id, a) for a in corpus.articles if a.kind == ContentKind.PAGE and a.is_public(as_of)]
    layout = _layout(pages, lambda a: (a.menu_order, a.title, _id_key(a.id)))
    links = tuple(
        MenuLink(
            id=a.id,
            label=a.title or _no_title(a.id),
            url=permalink(corpus, a),
            depth=depth,
            parent_id=parent,
            type=MenuItemType.POST_TYPE,
            object=ContentKind.PAGE,
            object_id=a.id,
        )
        for depth, parent, a in layout
    )
    return MenuView(id=None, slug=None, name=name, locations=(), fallback=True, items=links)


def site_menus(corpus: Corpus, *, as_of: datetime) -> tuple[MenuView, ...]:
    """The site's menus as a page shows them, in corpus order; a site without menus gets the
    :func:`page_menu` fallback (none when it has no public page either)."""
    if corpus.menus:
        return tuple(corpus.cached(_resolved_menus))
    fallback = page_menu(corpus, as_of=as_of)
    return (fallback,) if fallback.items else ()


def _resolved_menus(corpus: Corpus) -> tuple[MenuView, ...]:
    return tuple(resolve_menu(corpus, m) for m in corpus.menus)
