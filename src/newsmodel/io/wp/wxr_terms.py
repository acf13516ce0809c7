"""The terms of a WXR channel: authors, categories and tags, with the slugs and ids each keeps.

:class:`WxrTerms` holds what the reader knows of them so far; an item naming a term the channel
never declared gets one created through the same rules.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from newsmodel.bodies.htmlparse import html_title
from newsmodel.io.report import ImportReportBuilder
from newsmodel.io.wp.mapping import (
    NEWSMODEL_NS,
    load_json,
    restore,
    source_slug,
    split_own_meta,
)
from newsmodel.io.wp.wxr_xml import (
    element_name,
    fields,
    meta_pairs,
)
from newsmodel.values.model import (
    Author,
    Category,
    Tag,
)
from newsmodel.values.slugs import SlugRegistry, decode_slug, slugify

#: The element of newsmodel's own export that carries an author exactly.
_NM_AUTHOR = f"{{{NEWSMODEL_NS}}}author"


def term_name(markup: str, key: str, extra: dict[str, Any]) -> str:
    """A term name as readers see it: WordPress stores names HTML-escaped (``pre_term_name`` runs
    ``_wp_specialchars``: ``Food &amp; Drink``) and prints them as they are.  The name as written
    goes to ``extra[key]`` when the text alone does not give it back."""
    text, kept = html_title(markup)
    if kept is not None:
        extra[key] = kept
    return text


class WxrTerms:
    """The authors, categories and tags of one WXR file, in the order they were declared."""

    def __init__(self, name: str, report: ImportReportBuilder) -> None:
        self.name = name
        self._report = report
        self._authors: dict[str, Author] = {}
        self._author_slugs = SlugRegistry(reserved=())
        self._cat_by_nicename: dict[str, str] = {}
        self._cat_ids: set[str] = set()
        self._cat_slugs: dict[str | None, SlugRegistry] = {}
        self._tag_by_nicename: dict[str, str] = {}
        self._tag_ids: set[str] = set()
        self._tag_slugs = SlugRegistry(reserved=())
        self._tag_by_slug: dict[str, Tag] = {}

    def _author(self, f: Mapping[str, str], *, place: str) -> Author:
        own = load_json(f.get(_NM_AUTHOR, ""))
        if isinstance(own, dict):
            restored = restore(own, Author)
            if restored is not None and restored.id not in self._authors:
                self._authors[restored.id] = restored
                self._author_slugs.add(restored.slug)
                self._report.imported("authors")
                return restored
        login = f.get("wp:author_login", "").strip()
        if not login:
            login = f.get("wp:author_id", "").strip() or f"author-{len(self._authors) + 1}"
            self._report.warn(f"author without wp:author_login; id {login!r} given", place=place, code="author")
        if login in self._authors:
            self._report.warn(f"author {login!r} declared twice; the first kept", place=place, code="duplicate")
            self._report.skipped("duplicate author")
            return self._authors[login]
        extra: dict[str, Any] = {}
        for key in ("wp:author_id", "wp:author_first_name", "wp:author_last_name"):
            value = f.get(key, "").strip()
            if value:
                extra[f"wxr:{key[3:]}"] = value
        slug, _ = source_slug(login, self._author_slugs, login)
        name = term_name(f.get("wp:author_display_name", "").strip(), "wxr:author_display_name", extra) or login
        author = Author(
            id=login,
            slug=slug,
            name=name,
            email=f.get("wp:author_email", "").strip() or None,
            extra=extra,
        )
        self._authors[login] = author
        self._report.imported("authors")
        return author

    def _category(self, elem: ET.Element) -> Category | None:
        f = fields(elem)
        nicename = f.get("wp:category_nicename", "").strip()
        name = f.get("wp:cat_name", "").strip()
        extra: dict[str, Any] = {}
        name = term_name(name, "wxr:cat_name", extra)
        term_id = f.get("wp:term_id", "").strip()
        place = f"{self.name}: wp:category {nicename or term_id!r}"
        if not nicename and not name:
            self._report.warn("category without nicename or name", place=place, code="category")
            self._report.skipped("empty category")
            return None
        parent_nicename = f.get("wp:category_parent", "").strip()
        parent_id = None
        if parent_nicename:
            parent_id = self._cat_by_nicename.get(parent_nicename)
            if parent_id is None:
                parent_id = self._cat_by_nicename.get(unquote(parent_nicename))
            if parent_id is None:
                self._report.warn(
                    f"parent {parent_nicename!r} is not declared before this category; placed at the top",
                    place=place,
                    code="dangling",
                )
                extra["wxr:category_parent"] = parent_nicename
        meta = [p for child in elem if element_name(child.tag) == "wp:termmeta" for p in meta_pairs(child)]
        return self._add_category(
            term_id=term_id,
            nicename=nicename,
            name=name,
            parent_id=parent_id,
            description=f.get("wp:category_description", "").strip() or None,
            meta=meta,
            extra=extra,
        )

    def _add_category(
        self,
        *,
        term_id: str,
        nicename: str,
        name: str,
        parent_id: str | None,
        description: str | None,
        meta: list[list[str]],
        extra: dict[str, Any],
    ) -> Category | None:
        own, meta = split_own_meta(meta)
        if own is not None:
            restored = restore(own, Category)
            if restored is not None and restored.id not in self._cat_ids:
                self._cat_ids.add(restored.id)
                if nicename:
                    self._cat_by_nicename.setdefault(nicename, restored.id)
                self._cat_slugs.setdefault(restored.parent_id, SlugRegistry(reserved=())).add(restored.slug)
                self._report.imported("categories")
                return restored
        cid = term_id or nicename or slugify(name)
        if cid in self._cat_ids:
            self._report.skipped("duplicate category")
            self._report.warn(f"category id {cid!r} declared twice; the first kept", place=self.name, code="duplicate")
            return None
        registry = self._cat_slugs.setdefault(parent_id, SlugRegistry(reserved=()))
        slug, why = source_slug(nicename, registry, name)
        if why is not None:
            extra["wxr:nicename"] = nicename
            if nicename:
                self._report.warn(
                    f"category_nicename {nicename!r} is {why}; slug {slug!r} given", place=self.name, code="slug"
                )
        if meta:
            extra["wxr:termmeta"] = meta
        cat = Category(
            id=cid,
            slug=slug,
            name=name or nicename,
            description=description,
            parent_id=parent_id,
            extra=extra,
        )
        self._cat_ids.add(cid)
        if nicename:
            self._cat_by_nicename.setdefault(nicename, cid)
        self._cat_by_nicename.setdefault(slug, cid)
        self._report.imported("categories")
        return cat

    def _tag(self, elem: ET.Element) -> Tag | None:
        f = fields(elem)
        nicename = f.get("wp:tag_slug", "").strip()
        extra: dict[str, Any] = {}
        name = term_name(f.get("wp:tag_name", "").strip(), "wxr:tag_name", extra)
        meta = [p for child in elem if element_name(child.tag) == "wp:termmeta" for p in meta_pairs(child)]
        return self._add_tag(
            term_id=f.get("wp:term_id", "").strip(),
            nicename=nicename,
            name=name,
            description=f.get("wp:tag_description", "").strip() or None,
            meta=meta,
            extra=extra,
        )

    def _add_tag(
        self,
        *,
        term_id: str,
        nicename: str,
        name: str,
        description: str | None,
        meta: list[list[str]],
        extra: dict[str, Any] | None = None,
    ) -> Tag | None:
        own, meta = split_own_meta(meta)
        if own is not None:
            restored = restore(own, Tag)
            if restored is not None and restored.id not in self._tag_ids and restored.slug not in self._tag_by_slug:
                self._tag_ids.add(restored.id)
                self._tag_slugs.add(restored.slug)
                self._tag_by_slug[restored.slug] = restored
                if nicename:
                    self._tag_by_nicename.setdefault(nicename, restored.id)
                self._report.imported("tags")
                return restored
        if not nicename and not name:
            self._report.skipped("empty tag")
            self._report.warn("tag without slug or name", place=self.name, code="tag")
            return None
        tid = term_id or nicename or slugify(name)
        if tid in self._tag_ids:
            self._report.skipped("duplicate tag")
            self._report.warn(f"tag id {tid!r} declared twice; the first kept", place=self.name, code="duplicate")
            return None
        same = self._tag_by_slug.get(decode_slug(nicename) or "")
        if same is not None:
            # One term per slug: WordPress's importer finds it with term_exists (process_tag) and
            # maps this term id onto it.
            self._tag_by_nicename.setdefault(nicename, same.id)
            self._report.skipped("tag with the slug of an earlier tag")
            self._report.warn(
                f"tag {name!r} (term_id {term_id!r}) has the slug {nicename!r} of tag {same.id!r};"
                " one tag, as in WordPress",
                place=self.name,
                code="duplicate",
            )
            return None
        extra = dict(extra or {})
        slug, why = source_slug(nicename, self._tag_slugs, name)
        if why is not None:
            extra["wxr:nicename"] = nicename
            if nicename:
                self._report.warn(f"tag_slug {nicename!r} is {why}; slug {slug!r} given", place=self.name, code="slug")
        if meta:
            extra["wxr:termmeta"] = meta
        tag = Tag(id=tid, slug=slug, name=name or slug, description=description, extra=extra)
        self._tag_ids.add(tid)
        self._tag_by_slug[slug] = tag
        if nicename:
            self._tag_by_nicename.setdefault(nicename, tid)
        self._tag_by_nicename.setdefault(slug, tid)
        self._report.imported("tags")
        return tag
