"""Moved to :mod:`newsmodel.values.site`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.site import (
    FLOATING,
    MENU_KEY_LENGTH,
    Author,
    Category,
    Menu,
    MenuItem,
    MenuItemType,
    Permalinks,
    Site,
    SocialProfile,
    Tag,
    category_path,
    remap_tag_targets,
    site_zone,
)

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
