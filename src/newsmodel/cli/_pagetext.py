"""An :class:`~newsmodel.pages.page.ArticlePage` as plain text for a terminal (used by ``demo`` and ``page``)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from newsmodel.bodies.render import render_text as body_text
from newsmodel.pages.page import ArticlePage, ArticleTeaser
from newsmodel.values.body import Body
from newsmodel.widgets.calendar import render_text as calendar_text
from newsmodel.widgets.menus import MenuView

if TYPE_CHECKING:  # an article's page (demo, page SLUG) never loads the listing modules
    from newsmodel.pages.listing import ListingPage

__all__ = ["render_listing_text", "render_page_text"]


def _rule(title: str, width: int) -> list[str]:
    return ["", title, "─" * min(width, max(len(title), 20))]


def _teaser(t: ArticleTeaser, *, with_category: bool = True) -> str:
    parts = []
    if with_category and t.category is not None:
        parts.append(f"[{t.category.name}]")
    parts.append(t.title)
    meta = []
    if t.authors:
        meta.append("by " + " and ".join(a.name for a in t.authors))
    meta.append(t.published_display)
    return " ".join(parts) + " — " + ", ".join(meta)


def _flow(items: list[str], width: int, prefix: str = "", sep: str = " · ") -> list[str]:
    """The items on as few lines as fit ``width``, never breaking inside an item; each line but
    the last ends with the separator."""
    lines: list[str] = []
    current = ""
    for item in items:
        if not current:
            current = (prefix if not lines else "") + item
        elif len(current) + len(sep) + len(item) + len(sep.rstrip()) <= width:
            current += sep + item
        else:
            lines.append(current + sep.rstrip())
            current = item
    if current:
        lines.append(current)
    return lines


def _wrap_items(items: list[str], width: int, bullet: str = "• ") -> list[str]:
    out: list[str] = []
    for item in items:
        out += textwrap.wrap(item, width, initial_indent=bullet, subsequent_indent=" " * len(bullet)) or [bullet]
    return out


def _menu_lines(menu: MenuView, width: int) -> list[str]:
    """A site menu on as few lines as fit: its top-level items, then the sub-items of each item
    that has some after the path to it ("Legal Pages › Privacy Policy · Terms of Use")."""
    levels: dict[tuple[str, ...], list[str]] = {}
    path: list[str] = []
    for link in menu.items:  # in display order: each parent before its children
        del path[link.depth :]
        levels.setdefault(tuple(path), []).append(link.label)
        path.append(link.label)
    lines: list[str] = []
    for parents, labels in levels.items():
        lines += _flow(labels, width, prefix="".join(f"{p} › " for p in parents))
    return lines


def render_page_text(page: ArticlePage, body: Body, *, width: int = 78) -> str:
    """The page as a reader sees it, top to bottom, as plain text ``width`` columns wide.

    ``body`` is the article's body (the page carries it as HTML; the terminal wants text).
    """
    a = page.article
    lines: list[str] = [page.today, ""]
    # The seed page's header: the first site menu (its top bar) above the site's name, the others
    # below it.  The category menu stands in for a main navigation only when the site has no menu
    # of its own, as a theme prints its fallback only where no menu is assigned.
    menus = [m for m in page.menus if m.items]
    if menus:
        lines += _menu_lines(menus[0], width)
    lines.append(page.site.name)
    for menu in menus[1:]:
        lines += _menu_lines(menu, width)
    if page.menu and not any(not m.fallback for m in menus):
        lines += _flow([m.name for m in page.menu], width)
    lines += ["", " › ".join(b.label for b in page.breadcrumbs), ""]
    lines += textwrap.wrap(a.title, width)
    meta = []
    if a.authors:
        meta.append("by " + " and ".join(p.name for p in a.authors))
    if a.published_display:
        meta.append(a.published_display)
    if len(page.breadcrumbs) > 1:
        meta.append("in " + ", ".join(b.label for b in reversed(page.breadcrumbs[-2:])))
    lines += ["", " · ".join(meta)]
    if a.source_line:
        lines += textwrap.wrap(a.source_line, width)
    lines.append("Share: " + " · ".join(s.label.removeprefix("Share on ") for s in page.share))
    if a.toc is not None:
        lines += _rule("Table of Contents", width)
        for entry in a.toc:
            indent = "  " * (entry.level - a.toc.entries[0].level)
            lines += textwrap.wrap(entry.text, width, initial_indent=indent + "• ", subsequent_indent=indent + "  ")
    lines.append("")
    for para in body_text(body).split("\n\n"):
        for raw in para.split("\n"):
            lines += textwrap.wrap(raw, width) or [""]
        lines.append("")
    if page.child_pages:
        lines += _rule("Pages", width)
        lines += _wrap_items([c.title for c in page.child_pages], width)
    if a.tags:
        lines += _flow([t.name for t in a.tags], width, prefix="Tags: ")
    if page.previous is not None:
        lines += ["", "Previous Post", *textwrap.wrap(page.previous.title, width)]
    if page.next is not None:
        lines += ["", "Next Post", *textwrap.wrap(page.next.title, width)]
    for author in a.authors:
        lines += ["", author.name]
        if author.bio:
            lines += textwrap.wrap(author.bio, width)
    if page.related:
        lines += _rule("Related Posts", width)
        scores = [f" (score {r.score:.2f})" for r in page.related_scores] or [""] * len(page.related)
        lines += _wrap_items([_teaser(t) + s for t, s in zip(page.related, scores, strict=True)], width)
    if page.recent:
        lines += _rule("Recent Posts", width)
        lines += _wrap_items([_teaser(t, with_category=False) for t in page.recent], width)
    if page.tag_cloud.entries:
        lines += _rule("Tags", width)
        lines += _flow([f"{e.name} ({e.count})" for e in page.tag_cloud.entries], width)
    lines += ["", calendar_text(page.calendar, locale=page.site.locale)]
    if page.archives:
        lines += _rule("Archives", width)
        lines += _wrap_items([f"{p.label} ({p.count})" for p in page.archives], width)
    lines += ["", f"© {page.site.name}"]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_listing_text(page: ListingPage, *, width: int = 78) -> str:
    """A listing page as text: title, description, the posts, the page links and the sidebar."""
    lines = [page.today, " › ".join(b.label for b in page.breadcrumbs), "", page.title]
    if page.description:
        lines += textwrap.wrap(page.description, width)
    p = page.pagination
    lines += _rule(f"Page {p.page} of {p.pages} ({p.total} posts)", width)
    if not page.posts:
        lines.append("Nothing Found")
    for t in page.posts:
        lines += textwrap.wrap(_teaser(t), width, subsequent_indent="  ")
        lines.append("  " + t.url)
    if p.previous_url:
        lines.append(f"« Previous: {p.previous_url}")
    if p.next_url:
        lines.append(f"Next »: {p.next_url}")
    if page.recent:
        lines += _rule("Recent Posts", width)
        lines += [_teaser(t) for t in page.recent]
    if len(page.tag_cloud):
        lines += _rule("Tags", width)
        lines += _flow([f"{e.name} ({e.count})" for e in page.tag_cloud.entries], width)
    lines += _rule("Calendar", width)
    lines += calendar_text(page.calendar).splitlines()
    if page.archives:
        lines += _rule("Archives", width)
        lines += [p.text for p in page.archives]
    return "\n".join(lines) + "\n"
