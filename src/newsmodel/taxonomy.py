"""Moved to :mod:`newsmodel.widgets.taxonomy`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.widgets.taxonomy import (
    Breadcrumb,
    CategoryLink,
    CategoryNode,
    TaxonomyIndex,
    Timeline,
    breadcrumbs,
    category_counts,
    category_menu,
    category_path,
    category_tree,
    check_as_of,
    published_timeline,
    taxonomy_index,
    time_key,
)

__all__ = [
    "Breadcrumb",
    "CategoryLink",
    "CategoryNode",
    "TaxonomyIndex",
    "Timeline",
    "breadcrumbs",
    "category_counts",
    "category_menu",
    "category_path",
    "category_tree",
    "check_as_of",
    "published_timeline",
    "taxonomy_index",
    "time_key",
]
