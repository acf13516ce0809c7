"""Moved to :mod:`newsmodel.widgets.menus`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.widgets.menus import (
    MenuLink,
    MenuView,
    page_menu,
    remap_tag_targets,
    resolve_menu,
    site_menus,
)

__all__ = [
    "MenuLink",
    "MenuView",
    "page_menu",
    "remap_tag_targets",
    "resolve_menu",
    "site_menus",
]
