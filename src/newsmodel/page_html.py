"""HTML for breadcrumbs, category lists and menus, post navigation, share links and the whole page.

Markup follows WordPress's conventions where WordPress has the widget (``wp_list_categories()``'s
``cat-item`` list, ``the_post_navigation()``'s ``nav-previous`` / ``nav-next``, a nav menu's
``menu-item`` classes), so a theme's CSS applies.  Every text and URL coming from content is
escaped, and a link whose URL :func:`~newsmodel.safeurl.is_safe_url` refuses is written as its
text alone (the model refuses such URLs; this is the second check).  :func:`article_page_html`
puts a whole :class:`~newsmodel.page.ArticlePage` together (it is also what a notebook shows for
a page).

>>> from newsmodel.taxonomy import Breadcrumb
>>> print(breadcrumbs_html([Breadcrumb(label="Home", url="https://e.org/", category_id=None),
...                         Breadcrumb(label="Q&A", url="https://e.org/category/q-a/", category_id="7")]))
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
<li><a href="https://e.org/">Home</a></li>
<li><a href="https://e.org/category/q-a/">Q&amp;A</a></li>
</ol></nav>
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsmodel.listing import ListingPage, Pagination
from newsmodel.menus import MenuLink, MenuView
from newsmodel.model import Site
from newsmodel.page import ArticlePage, ArticleTeaser, ChildPage
from newsmodel.safeurl import is_safe_url
from newsmodel.taxonomy import Breadcrumb, CategoryLink, CategoryNode
from newsmodel.urls import ShareLink, category_url
from newsmodel.widgets_html import archives_html, calendar_html, esc, tag_cloud_html

__all__ = [
    "article_page_html",
    "breadcrumbs_html",
    "category_list_html",
    "category_menu_html",
    "child_pages_html",
    "listing_page_html",
    "nav_menu_html",
    "pagination_html",
    "post_navigation_html",
    "share_links_html",
    "teaser_list_html",
]


_PREV = ' rel="prev"'
_NEXT = ' rel="next"'
_NEW_TAB = ' target="_blank" rel="noopener noreferrer"'
_TAG = ' rel="tag"'


def _a(url: str, text: str, extra: str = "") -> str:
    """A link, or the text alone when ``url`` is unsafe (a value built around the model's validators)."""
    if not is_safe_url(url):
        return esc(text)
    return f'<a href="{esc(url)}"{extra}>{esc(text)}</a>'


def breadcrumbs_html(crumbs: Iterable[Breadcrumb]) -> str:
    """A breadcrumb trail as an ordered list in a ``<nav aria-label="Breadcrumb">``."""
    items = "".join(f"<li>{_a(c.url, c.label)}</li>\n" for c in crumbs)
    return f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>\n{items}</ol></nav>'


def category_menu_html(links: Iterable[CategoryLink]) -> str:
    """A category menu with a nav menu's classes.

    >>> from newsmodel.taxonomy import CategoryLink
    >>> print(category_menu_html([CategoryLink(id="5", name="ASIA", slug="asia", url="https://e.org/category/asia/")]))
    <ul class="menu">
    <li class="menu-item menu-item-type-taxonomy menu-item-object-category"><a href="https://e.org/category/asia/">ASIA</a></li>
    </ul>
    """
    items = "".join(
        f'<li class="menu-item menu-item-type-taxonomy menu-item-object-category">{_a(link.url, link.name)}</li>\n'
        for link in links
    )
    return f'<ul class="menu">\n{items}</ul>'


def _item_classes(link: MenuLink, has_children: bool) -> str:
    # Walker_Nav_Menu::start_el: the item's own classes, then menu-item, menu-item-type-<type>,
    # menu-item-object-<object>, menu-item-has-children, menu-item-<id>.
    classes = [c for c in link.classes if c]
    classes += ["menu-item", f"menu-item-type-{link.type}", f"menu-item-object-{link.object}"]
    if has_children:
        classes.append("menu-item-has-children")
    classes.append(f"menu-item-{link.id}")
    return " ".join(classes)


def _menu_anchor(link: MenuLink) -> str:
    attrs = ""
    if link.attr_title:
        attrs += f' title="{esc(link.attr_title)}"'
    if link.target:
        attrs += f' target="{esc(link.target)}"'
    # Walker_Nav_Menu::start_el: rel is the item's XFN, or noopener for a new tab without one.
    rel = link.xfn or ("noopener" if link.target == "_blank" else "")
    if rel:
        attrs += f' rel="{esc(rel)}"'
    if link.url and is_safe_url(link.url):
        return f'<a href="{esc(link.url)}"{attrs}>{esc(link.label)}</a>'
    return f"<a{attrs}>{esc(link.label)}</a>"


def nav_menu_html(menu: MenuView) -> str:
    """A navigation menu as ``wp_nav_menu()`` prints it: ``<ul class="menu">`` with ``menu-item``
    classes, ``<ul class="sub-menu">`` for children.  Built without recursion.

    >>> from newsmodel.menus import MenuLink, MenuView
    >>> legal = MenuLink(id="12", label="Legal Pages", url="#", depth=0, parent_id=None, type="custom",
    ...                  object="custom", object_id=None)
    >>> dmca = MenuLink(id="13", label="DMCA", url="https://e.org/dmca/", depth=1, parent_id="12",
    ...                 type="post_type", object="page", object_id="5")
    >>> html = nav_menu_html(MenuView(id="2", slug="top", name="Top", locations=(), fallback=False,
    ...                               items=(legal, dmca)))
    >>> print(html.replace("><a", ">\\n  <a"))
    <ul id="menu-top" class="menu">
    <li class="menu-item menu-item-type-custom menu-item-object-custom menu-item-has-children menu-item-12">
      <a href="#">Legal Pages</a>
    <ul class="sub-menu">
    <li class="menu-item menu-item-type-post_type menu-item-object-page menu-item-13">
      <a href="https://e.org/dmca/">DMCA</a></li>
    </ul>
    </li>
    </ul>
    """
    out: list[str] = []
    items = menu.items
    depth = 0
    for i, link in enumerate(items):
        while depth > link.depth:
            out.append("</li>\n</ul>\n")
            depth -= 1
        if i:
            if link.depth > items[i - 1].depth:
                out.append('\n<ul class="sub-menu">\n')
                depth = link.depth
            else:
                out.append("</li>\n")
        has_children = i + 1 < len(items) and items[i + 1].depth > link.depth
        out.append(f'<li class="{esc(_item_classes(link, has_children))}">{_menu_anchor(link)}')
    if items:
        out.append("</li>\n")
    while depth > 0:
        out.append("</ul>\n</li>\n")
        depth -= 1
    menu_id = f' id="menu-{esc(menu.slug)}"' if menu.slug else ""
    return f'<ul{menu_id} class="menu">\n{"".join(out)}</ul>'


def category_list_html(
    nodes: Sequence[CategoryNode],
    site: Site,
    *,
    show_count: bool = True,
    include_descendants: bool = True,
    parent_path: Sequence[str] = (),
) -> str:
    """A category tree as ``wp_list_categories()`` lists it: ``<li class="cat-item cat-item-ID">``
    items with the count in parentheses and ``<ul class='children'>`` for subcategories.

    The count is ``total`` (with descendants, like WordPress's ``pad_counts``) unless
    ``include_descendants`` is False.  ``parent_path`` is the slugs above ``nodes`` (for URLs)
    when they are not top-level categories.  Built without recursion, so any depth works.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.model import Category
    >>> from newsmodel.taxonomy import category_tree
    >>> cats = [Category(id="1", slug="world", name="World"), Category(id="2", slug="asia", name="ASIA", parent_id="1")]
    >>> tree = category_tree(cats, [], as_of=datetime(2026, 1, 1, tzinfo=timezone.utc))
    >>> print(category_list_html(tree, Site(name="S", base_url="https://e.org")).expandtabs(2))
      <li class="cat-item cat-item-1"><a href="https://e.org/category/world/">World</a> (0)
      <ul class='children'>
        <li class="cat-item cat-item-2"><a href="https://e.org/category/world/asia/">ASIA</a> (0)
    </li>
      </ul>
    </li>
    <BLANKLINE>
    """
    out: list[str] = []
    # Each stack entry: ("open", node, path, depth) or ("close", None, (), depth).
    stack: list[tuple[str, CategoryNode | None, tuple[str, ...], int]] = [
        ("open", n, (*parent_path, n.category.slug), 0) for n in reversed(nodes)
    ]
    while stack:
        action, node, path, depth = stack.pop()
        if action == "close-item":
            out.append("</li>\n")
            continue
        if action == "close-list":
            out.append("\t" * (depth + 1) + "</ul>\n")
            continue
        assert node is not None
        count = node.total if include_descendants else node.count
        suffix = f" ({count})" if show_count else ""
        cid = esc(node.category.id)
        link = _a(category_url(site, path), node.category.name)
        out.append("\t" * (depth + 1) + f'<li class="cat-item cat-item-{cid}">{link}{suffix}\n')
        stack.append(("close-item", None, (), depth))
        if node.children:
            out.append("\t" * (depth + 1) + "<ul class='children'>\n")
            stack.append(("close-list", None, (), depth))
            stack.extend(("open", c, (*path, c.category.slug), depth + 1) for c in reversed(node.children))
    return "".join(out)


def post_navigation_html(previous: ArticleTeaser | None, next: ArticleTeaser | None) -> str:
    """Previous / next links as ``the_post_navigation()`` prints them (empty without either).

    >>> post_navigation_html(None, None)
    ''
    """
    if previous is None and next is None:
        return ""
    links = ""
    if previous is not None:
        links += f'<div class="nav-previous">{_a(previous.url, previous.title, _PREV)}</div>'
    if next is not None:
        links += f'<div class="nav-next">{_a(next.url, next.title, _NEXT)}</div>'
    return (
        '<nav class="navigation post-navigation" aria-label="Posts">\n'
        '\t\t<h2 class="screen-reader-text">Post navigation</h2>\n'
        f'\t\t<div class="nav-links">{links}</div>\n'
        "\t</nav>"
    )


def share_links_html(links: Iterable[ShareLink]) -> str:
    """Share links as a list; each opens in a new tab without handing over the opener.

    >>> from newsmodel.urls import share_links
    >>> html = share_links_html(share_links("https://e.org/a", "A & B", networks=("email",)))
    >>> print(html.replace(" target", "\\n  target"))
    <ul class="share-links">
    <li class="share-email"><a href="mailto:?subject=A%20%26%20B&amp;body=https%3A%2F%2Fe.org%2Fa"
      target="_blank" rel="noopener noreferrer">Email</a></li>
    </ul>
    """
    items = "".join(f'<li class="share-{esc(s.network)}">{_a(s.url, s.label, _NEW_TAB)}</li>\n' for s in links)
    return f'<ul class="share-links">\n{items}</ul>'


def child_pages_html(pages: Iterable[ChildPage]) -> str:
    """A static page's child pages as ``wp_list_pages`` lists them (empty when there are none).

    >>> print(child_pages_html([ChildPage(id="12", slug="privacy", title="Privacy", url="https://e.org/legal/privacy/")]))
    <nav class="child-pages" aria-label="Pages"><ul>
    <li class="page_item page-item-12"><a href="https://e.org/legal/privacy/">Privacy</a></li>
    </ul></nav>
    """
    items = "".join(f'<li class="page_item page-item-{esc(p.id)}">{_a(p.url, p.title)}</li>\n' for p in pages)
    return f'<nav class="child-pages" aria-label="Pages"><ul>\n{items}</ul></nav>' if items else ""


def teaser_list_html(teasers: Iterable[ArticleTeaser], *, css_class: str = "posts") -> str:
    """Teasers (related, recent) as a list: category, linked title, byline and date."""
    items = []
    for t in teasers:
        parts = []
        if t.category is not None:
            parts.append(f'<span class="category">{_a(t.category.url, t.category.name)}</span> ')
        parts.append(_a(t.url, t.title))
        if t.authors:
            parts.append(' <span class="byline">by ' + " and ".join(esc(a.name) for a in t.authors) + "</span>")
        parts.append(f' <time datetime="{esc(t.published.isoformat())}">{esc(t.published_display)}</time>')
        items.append(f"<li>{''.join(parts)}</li>\n")
    return f'<ul class="{esc(css_class)}">\n{"".join(items)}</ul>'


def article_page_html(page: ArticlePage, site: Site | None = None) -> str:
    """The whole page as one HTML fragment, top to bottom as the seed page reads.

    Every link comes from the page itself: its calendar, archives and tag cloud carry their URLs
    (:mod:`newsmodel.sidebar`), so the notebook display links them too.  ``site`` is kept for
    callers of earlier releases and is used only for a widget value that has no URL.
    """
    a = page.article
    parts = [
        f'<p class="today">{esc(page.today)}</p>',
        *(nav_menu_html(m) for m in page.menus),
        category_menu_html(page.menu),
        breadcrumbs_html(page.breadcrumbs),
        f"<article>\n<h1>{esc(a.title)}</h1>",
    ]
    meta = []
    if a.authors:
        meta.append("by " + " and ".join(_a(p.url, p.name) for p in a.authors))
    if a.published is not None and a.published_display:
        meta.append(f'<time datetime="{esc(a.published.isoformat())}">{esc(a.published_display)}</time>')
    if a.primary_category is not None:
        meta.append("in " + _a(a.primary_category.url, a.primary_category.name))
    parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    if a.source_line:
        src = a.source
        line = _a(src.url, a.source_line) if src is not None and src.url else esc(a.source_line)
        parts.append(f'<p class="source">{line}</p>')
    parts.append(share_links_html(page.share))
    if a.toc is not None:
        parts.append(a.toc.to_html(title="Table of Contents"))
    parts.append(a.body_html)
    parts.append(child_pages_html(page.child_pages))
    if a.tags:
        parts.append('<p class="tags">Tags: ' + " ".join(_a(t.url, t.name, _TAG) for t in a.tags) + "</p>")
    parts.append("</article>")
    parts.append(post_navigation_html(page.previous, page.next))
    for author in a.authors:
        bio = f"<p>{esc(author.bio)}</p>" if author.bio else ""
        parts.append(f'<aside class="author-box"><h2>{_a(author.url, author.name)}</h2>{bio}</aside>')
    if page.related:
        parts.append("<h2>Related Posts</h2>\n" + teaser_list_html(page.related, css_class="related-posts"))
    if page.recent:
        parts.append("<h2>Recent Posts</h2>\n" + teaser_list_html(page.recent, css_class="recent-posts"))
    if len(page.tag_cloud):
        parts.append("<h2>Tags</h2>\n" + tag_cloud_html(page.tag_cloud, site))
    parts.append(calendar_html(page.calendar, site, hide_when_empty=False))
    if page.archives:
        parts.append("<h2>Archives</h2>\n<ul>\n" + archives_html(page.archives, site, show_post_count=True) + "</ul>")
    return "\n".join(p for p in parts if p) + "\n"


def _sidebar_html(page: ArticlePage | ListingPage) -> list[str]:
    parts = []
    if page.recent:
        parts.append("<h2>Recent Posts</h2>\n" + teaser_list_html(page.recent, css_class="recent-posts"))
    if len(page.tag_cloud):
        parts.append("<h2>Tags</h2>\n" + tag_cloud_html(page.tag_cloud, None))
    parts.append(calendar_html(page.calendar, None, hide_when_empty=False))
    if page.archives:
        parts.append("<h2>Archives</h2>\n<ul>\n" + archives_html(page.archives, None, show_post_count=True) + "</ul>")
    return parts


def pagination_html(pagination: Pagination) -> str:
    """The page links as WordPress's ``the_posts_pagination()`` prints them (empty for one page).

    >>> from newsmodel.listing import PageLink
    >>> p = Pagination(page=1, pages=2, per_page=10, total=12, url="https://e.org/", first_url="https://e.org/",
    ...                last_url="https://e.org/page/2/", previous_url=None, next_url="https://e.org/page/2/",
    ...                links=(PageLink(page=1, url="https://e.org/", current=True),
    ...                       PageLink(page=2, url="https://e.org/page/2/")))
    >>> print(pagination_html(p))
    <nav class="navigation pagination" aria-label="Posts pagination">
    <div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>
    <a class="page-numbers" href="https://e.org/page/2/">2</a>
    <a class="next page-numbers" href="https://e.org/page/2/">Next</a></div>
    </nav>
    """
    if pagination.pages <= 1:
        return ""
    items = []
    if pagination.previous_url is not None:
        items.append(f'<a class="prev page-numbers" href="{esc(pagination.previous_url)}">Previous</a>')
    for link in pagination.links:
        if link.page is None or link.url is None:
            items.append('<span class="page-numbers dots">&hellip;</span>')
        elif link.current:
            items.append(f'<span aria-current="page" class="page-numbers current">{link.page}</span>')
        else:
            items.append(f'<a class="page-numbers" href="{esc(link.url)}">{link.page}</a>')
    if pagination.next_url is not None:
        items.append(f'<a class="next page-numbers" href="{esc(pagination.next_url)}">Next</a>')
    return (
        '<nav class="navigation pagination" aria-label="Posts pagination">\n'
        f'<div class="nav-links">{chr(10).join(items)}</div>\n</nav>'
    )


def listing_page_html(page: ListingPage) -> str:
    """A whole listing page as one HTML fragment: menu, breadcrumbs, title and description, the
    posts, the page links and the sidebar.  Every link comes from the page itself."""
    parts = [
        f'<p class="today">{esc(page.today)}</p>',
        category_menu_html(page.menu),
        breadcrumbs_html(page.breadcrumbs),
        f'<header class="page-header"><h1 class="page-title">{esc(page.title)}</h1>',
    ]
    if page.description:
        parts.append(f'<div class="archive-description"><p>{esc(page.description)}</p></div>')
    parts.append("</header>")
    if page.posts:
        parts.append(teaser_list_html(page.posts, css_class="posts"))
    else:
        parts.append('<p class="no-results">Nothing Found</p>')
    parts.append(pagination_html(page.pagination))
    parts.extend(_sidebar_html(page))
    return "\n".join(p for p in parts if p) + "\n"
