"""The navigation menus of a WXR file: ``nav_menu`` terms and their ``nav_menu_item`` items.

WordPress's export (``export_wp``) writes each menu as a ``<wp:term>`` of the taxonomy
``nav_menu`` and each of its items as an ``<item>`` of post type ``nav_menu_item`` filed in that
term (``<category domain="nav_menu" nicename="…">``), with what it points at in post meta:
``_menu_item_type``, ``_menu_item_object``, ``_menu_item_object_id``, ``_menu_item_url``,
``_menu_item_menu_item_parent``, ``_menu_item_target``, ``_menu_item_classes`` (a PHP-serialized
array), ``_menu_item_xfn``; the label is the item's title, the attribute title its excerpt, the
description its content, the position its ``menu_order``.  :class:`WxrMenus` reads them as
``WP_Import::process_menu_item`` does, with the differences written in ``docs/design.md``: an
item whose page or term is missing is kept (with a warning) instead of dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from newsmodel.io._common import checked_url
from newsmodel.io.report import ImportReportBuilder
from newsmodel.io.wp.mapping import menu_order, restore, source_slug, split_own_meta
from newsmodel.values.errors import NewsModelError
from newsmodel.values.model import Menu, MenuItem, MenuItemType
from newsmodel.values.safeurl import LINK_SCHEMES
from newsmodel.values.site import MENU_KEY_LENGTH
from newsmodel.values.slugs import SlugRegistry, decode_slug, is_key

__all__ = ["WxrMenus", "php_string_list"]

_META = {
    "_menu_item_type",
    "_menu_item_object",
    "_menu_item_object_id",
    "_menu_item_url",
    "_menu_item_menu_item_parent",
    "_menu_item_target",
    "_menu_item_classes",
    "_menu_item_xfn",
}
_PHP_ARRAY_RE = re.compile(r"a:\d+:\{.*\}", re.DOTALL)
_PHP_STRING_RE = re.compile(r'i:\d+;s:\d+:"(.*?)";', re.DOTALL)


def php_string_list(value: str) -> tuple[str, ...] | None:
    """The strings of a PHP-serialized list of strings (``_menu_item_classes``), or of a plain
    space-separated value; None when ``value`` is a serialized value of another shape.

    WordPress keeps classes as ``sanitize_html_class`` leaves them (no quote, no space), so a
    string never holds the ``";`` that ends it.

    >>> php_string_list('a:2:{i:0;s:5:"cta-1";i:1;s:0:"";}'), php_string_list("big red")
    (('cta-1',), ('big', 'red'))
    """
    text = value.strip()
    if not text.startswith(("a:", "s:", "i:", "b:", "O:", "N;")):
        return tuple(c for c in text.split() if c)
    if _PHP_ARRAY_RE.fullmatch(text) is None:
        return None
    # no string ends after the last '";': a string left open would otherwise be searched for its
    # end from each "i:" after it, to the end of the text (quadratic in 'i:0;s:0:"' repeated)
    strings = _PHP_STRING_RE.findall(text, 0, text.rfind('";') + 2)
    if len(re.findall(r"i:\d+;", text)) != len(strings):
        return None
    return tuple(s for s in strings if s)


class WxrMenus:
    """Collects the ``nav_menu`` terms and ``nav_menu_item`` items of one WXR file."""

    def __init__(self, name: str, report: ImportReportBuilder) -> None:
        self.name = name
        self._report = report
        self._terms: dict[str, dict[str, Any]] = {}  # slug as written -> term record
        self._restored: dict[str, Menu] = {}  # slug as written -> menu of newsmodel's own export
        self._items: list[tuple[str, dict[str, Any]]] = []  # (menu slug, item record)
        #: What could not be placed in any menu (kept, in the site's extra).
        self.unplaced: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ reading

    def term(self, record: dict[str, Any]) -> None:
        """A ``<wp:term>`` of the taxonomy ``nav_menu`` (``record``: its fields without ``wp:``)."""
        slug = str(record.get("term_slug", "")).strip()
        place = f"{self.name}: nav_menu term {slug or record.get('term_id')!r}"
        own, meta = split_own_meta(list(record.get("termmeta", [])))
        if own is not None:
            menu = restore(own, Menu)
            if menu is not None and slug not in self._restored:
                self._restored[slug] = menu
                return
        if slug in self._terms:
            self._report.warn(f"menu {slug!r} declared twice; the first kept", place=place, code="duplicate")
            return
        self._terms[slug] = {**record, "termmeta": meta}

    def item(self, f: dict[str, str], terms: list[tuple[str, str, str]], postmeta: list[list[str]], place: str) -> None:
        """A ``nav_menu_item`` ``<item>``: its fields, terms ``(domain, nicename, name)`` and meta."""
        status = f.get("wp:status", "").strip()
        if status == "draft":
            # process_menu_item skips drafts: items added in the menu editor and never saved.
            self._report.skipped("draft menu item")
            return
        menu = next(((nicename, name) for domain, nicename, name in terms if domain == "nav_menu"), None)
        record = {"fields": f, "postmeta": postmeta, "place": place}
        if menu is None:
            self._report.warn(
                "menu item in no menu (no nav_menu term); kept in the site's extra['wxr:menu_items']",
                place=place,
                code="menu-item",
            )
            self._report.skipped("menu item in no menu")
            self.unplaced.append({"fields": f, "postmeta": postmeta})
            return
        nicename, name = menu
        if nicename not in self._terms and nicename not in self._restored:
            # process_menu_item skips the item ("invalid menu slug"); keeping it loses nothing.
            self._terms[nicename] = {"term_slug": nicename, "term_name": name, "term_id": "", "declared": False}
            self._report.warn(
                f"menu {nicename!r} is not declared as a nav_menu term; made from the item's term",
                place=place,
                code="menu-item",
            )
        self._items.append((nicename, record))

    # ------------------------------------------------------------------ building

    def menus(self) -> list[Menu]:
        """The menus, in the order their terms were declared (newsmodel's own first as written)."""
        out: list[Menu] = []
        by_menu: dict[str, list[dict[str, Any]]] = {}
        for slug, record in self._items:
            by_menu.setdefault(slug, []).append(record)
        slugs = SlugRegistry(reserved=())
        ids: set[str] = set()
        for own in self._restored.values():
            out.append(own)
            slugs.add(own.slug)
            ids.add(own.id)
            self._report.imported("menus")
            self._report.imported("menu items", len(own.items))
        for written, term in self._terms.items():
            menu = self._menu(written, term, by_menu.get(written, []), slugs, ids)
            if menu is not None:
                out.append(menu)
        return out

    def _menu(
        self, written: str, term: dict[str, Any], records: list[dict[str, Any]], slugs: SlugRegistry, ids: set[str]
    ) -> Menu | None:
        place = f"{self.name}: nav_menu term {written!r}"
        name = str(term.get("term_name", "")).strip()
        menu_id = str(term.get("term_id", "")).strip() or f"menu-{decode_slug(written) or written}"
        if menu_id in ids:
            self._report.warn(f"menu id {menu_id!r} declared twice; the first kept", place=place, code="duplicate")
            return None
        slug, why = source_slug(written, slugs, name or menu_id)
        extra: dict[str, Any] = {}
        if why is not None:
            extra["wxr:term_slug"] = written
            self._report.warn(f"menu slug {written!r} is {why}; slug {slug!r} given", place=place, code="slug")
        if term.get("termmeta"):
            extra["wxr:termmeta"] = term["termmeta"]
        items = self._items_of(records)
        menu = Menu(
            id=menu_id,
            slug=slug,
            name=name or slug,
            description=str(term.get("term_description", "")).strip() or None,
            items=items,
            extra=extra,
        )
        ids.add(menu_id)
        self._report.imported("menus")
        self._report.imported("menu items", len(items))
        return menu

    def _items_of(self, records: list[dict[str, Any]]) -> tuple[MenuItem, ...]:
        items: list[MenuItem] = []
        seen: set[str] = set()
        for record in records:
            item = self._menu_item(record, seen)
            if item is not None:
                seen.add(item.id)
                items.append(item)
        return self._repair_parents(items, {str(r["fields"].get("wp:post_id", "")).strip(): r for r in records})

    def _menu_item(self, record: dict[str, Any], seen: set[str]) -> MenuItem | None:
        f: dict[str, str] = record["fields"]
        place: str = record["place"]
        post_id = f.get("wp:post_id", "").strip()
        if not post_id or post_id in seen:
            why = "has no wp:post_id" if not post_id else f"repeats wp:post_id {post_id!r}"
            self._report.warn(f"menu item {why}; kept in the site's extra['wxr:menu_items']", place=place, code="item")
            self._report.skipped("menu item without a usable id")
            self.unplaced.append({"fields": f, "postmeta": record["postmeta"]})
            return None
        meta: dict[str, str] = {}
        other: list[list[str]] = []
        for key, value in record["postmeta"]:
            if key in _META and key not in meta:
                meta[key] = value
            else:
                other.append([key, value])
        extra: dict[str, Any] = {}
        if other:
            extra["wxr:postmeta"] = other
        kind = meta.get("_menu_item_type", "").strip() or MenuItemType.CUSTOM
        obj = meta.get("_menu_item_object", "").strip() or MenuItemType.CUSTOM
        for key, value in (("_menu_item_type", kind), ("_menu_item_object", obj)):
            if not is_key(value, MENU_KEY_LENGTH):
                self._report.warn(f"{key} {value!r} is not a key; read as custom", place=place, code="menu-item")
                extra[f"wxr:{key}"] = value
                kind, obj = MenuItemType.CUSTOM, MenuItemType.CUSTOM
        object_id: str | None = meta.get("_menu_item_object_id", "").strip() or None
        url: str | None = None
        if kind in (MenuItemType.POST_TYPE, MenuItemType.TAXONOMY):
            object_id = object_id or "0"
        else:
            if object_id not in (None, post_id):
                extra["wxr:_menu_item_object_id"] = object_id
            object_id = None
            raw_url = meta.get("_menu_item_url", "").strip()
            url = checked_url(
                raw_url or None, field="url", extra=extra, report=self._report, place=place, schemes=LINK_SCHEMES
            )
        order = menu_order(f.get("wp:menu_order", "").strip() or "0")
        if order is None:
            extra["wxr:menu_order"] = f.get("wp:menu_order", "")
            order = 0
        classes = php_string_list(meta.get("_menu_item_classes", ""))
        if classes is None:
            extra["wxr:_menu_item_classes"] = meta["_menu_item_classes"]
            classes = ()
        parent = meta.get("_menu_item_menu_item_parent", "").strip()
        try:
            return MenuItem(
                id=post_id,
                label=f.get("title", "").strip(),
                type=kind,
                object=obj,
                object_id=object_id,
                url=url,
                parent_id=parent if parent not in ("", "0", post_id) else None,
                order=order,
                target=meta.get("_menu_item_target", "").strip(),
                attr_title=f.get("excerpt:encoded", "").strip(),
                description=f.get("content:encoded", "").strip(),
                classes=classes,
                xfn=meta.get("_menu_item_xfn", "").strip(),
                extra=extra,
            )
        except NewsModelError as exc:  # pragma: no cover - every field is checked above
            self._report.warn(f"menu item not read: {exc}", place=place, code="menu-item")
            self.unplaced.append({"fields": f, "postmeta": record["postmeta"]})
            return None

    def _repair_parents(self, items: list[MenuItem], records: dict[str, dict[str, Any]]) -> tuple[MenuItem, ...]:
        """Items whose parent is not in the menu, or on a cycle, moved to the top level (the
        importer's ``menu_item_orphans`` that ``backfill_parents`` cannot place stay at 0).

        The items are placed in menu order; an item whose chain of parents, followed until an
        item already placed (which ends every chain through it), runs into a cycle is moved to
        the top.  That is an item whose chain runs into a cycle and which comes first in the menu
        among all the items on that chain: :func:`_first_on_cycle_chains` finds them all in one
        pass, where following each item's chain again took time quadratic in a long chain.
        """
        parent_of = {i.id: i.parent_id for i in items}
        moved = _first_on_cycle_chains(items)
        out: list[MenuItem] = []
        for item in items:
            parent = item.parent_id
            why = None
            if parent is not None and parent not in parent_of:
                why = "is not in the menu"
            elif item.id in moved:
                why = "makes a cycle"
            if why is not None:
                place = records.get(item.id, {}).get("place", self.name)
                self._report.warn(
                    f"menu item parent {parent!r} {why}; placed at the top level"
                    " (kept in extra['wxr:_menu_item_menu_item_parent'])",
                    place=place,
                    code="parent",
                )
                item = attrs.evolve(
                    item, parent_id=None, extra=item.extra.merged({"wxr:_menu_item_menu_item_parent": parent})
                )
            out.append(item)
        return tuple(out)


def _first_on_cycle_chains(items: Sequence[MenuItem]) -> set[str]:
    """The ids of the items whose chain of parents (a parent not among ``items`` ends it) runs
    into a cycle and which come first among ``items`` of all the items on that chain, its cycle
    included.  Each item is walked once: a chain is followed until an item whose answer is known,
    the top, or an item met in the same walk (a cycle); the lowest position on the chain is then
    known for every item of the walk, from the cycle back (None for a chain that ends at the top).
    """
    parent_of = {i.id: i.parent_id for i in items}
    position = {i.id: n for n, i in enumerate(items)}
    lowest: dict[str, int | None] = {}
    for item in items:
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = item.id
        while node is not None and node in parent_of and node not in lowest and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = parent_of[node]
        answer: int | None = None
        if node is not None and node in lowest:
            answer = lowest[node]
        elif node is not None and node in on_path:  # path[start:] is a cycle
            start = on_path[node]
            answer = min(position[n] for n in path[start:])
            for n in path[start:]:
                lowest[n] = answer
            del path[start:]
        for n in reversed(path):
            if answer is not None and position[n] < answer:
                answer = position[n]
            lowest[n] = answer
    return {i.id for i in items if lowest[i.id] == position[i.id]}
