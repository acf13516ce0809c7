"""HTML for breadcrumbs, category lists and menus, post navigation, share links and the whole page.

Markup follows WordPress's conventions where WordPress has the widget (``wp_list_categories()``'s
``cat-item`` list, ``the_post_navigation()``'s ``nav-previous`` / ``nav-next``, a nav menu's
``menu-item`` classes), and the page's structure is Twenty Twenty-One's (``<article>`` with
``get_post_class()``'s classes, ``entry-header`` / ``entry-content`` / ``entry-footer``, the
``post-thumbnail`` figure, the ``author-bio`` box, the ``widget-area`` of ``widget`` sections),
so a WordPress theme's stylesheet styles it as it styles WordPress (``docs/theme.md``).  Labels
come from the gettext catalogue of :mod:`newsmodel.views.labels`: every function that prints one
takes ``lang`` (English by default).  Every text and URL coming from content is
escaped, and a link whose URL :func:`~newsmodel.values.safeurl.is_safe_url` refuses is written as its
text alone (the model refuses such URLs; this is the second check).  :func:`article_page_html`
puts a whole :class:`~newsmodel.pages.page.ArticlePage` together (it is also what a notebook shows for
a page).

>>> from newsmodel.widgets.taxonomy import Breadcrumb
>>> print(breadcrumbs_html([Breadcrumb(label="Home", url="https://e.org/", category_id=None),
...                         Breadcrumb(label="Q&A", url="https://e.org/category/q-a/", category_id="7")]))
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
<li><a href="https://e.org/">Home</a></li>
<li><a href="https://e.org/category/q-a/">Q&amp;A</a></li>
</ol></nav>
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

import attrs

from newsmodel.pages.listing import ListingPage
from newsmodel.pages.page import ArticlePage, ArticleTeaser, ArticleView, AuthorCard, AuthorLink, ChildPage, TagLink
from newsmodel.values.dates import format_date
from newsmodel.values.model import FeatureImage, Site
from newsmodel.values.safeurl import is_safe_url
from newsmodel.values.urls import ShareLink, category_url
from newsmodel.views.labels import translation
from newsmodel.views.widgets_html import archives_html, calendar_html, esc, tag_cloud_html
from newsmodel.widgets.menus import MenuLink, MenuView
from newsmodel.widgets.taxonomy import Breadcrumb, CategoryLink, CategoryNode

__all__ = [
    "article_main_html",
    "article_page_html",
    "author_bio_html",
    "avatar_html",
    "breadcrumbs_html",
    "category_list_html",
    "category_menu_html",
    "child_pages_html",
    "footer_navigation_html",
    "html_class",
    "nav_menu_html",
    "page_frame_html",
    "post_classes",
    "post_navigation_html",
    "post_thumbnail_html",
    "primary_menu",
    "recent_posts_widget_html",
    "related_posts_html",
    "share_links_html",
    "sidebar_html",
    "site_navigation_html",
    "teaser_html",
    "teaser_list_html",
]


_PREV = ' rel="prev"'
_NEXT = ' rel="next"'
_NEW_TAB = ' target="_blank" rel="noopener noreferrer"'
_TAG = ' rel="tag"'
_SEP = ' <span class="sep">·</span> '
_LIST_SEP = '<span class="sep">, </span>'
_PERCENT = re.compile(r"%[a-fA-F0-9]{2}")
_CLASS_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def _a(url: str, text: str, extra: str = "") -> str:
    """A link, or the text alone when ``url`` is unsafe (a value built around the model's validators)."""
    if not is_safe_url(url):
        return esc(text)
    return f'<a href="{esc(url)}"{extra}>{esc(text)}</a>'


def breadcrumbs_html(crumbs: Iterable[Breadcrumb], *, inline: bool = False) -> str:
    """A breadcrumb trail as an ordered list in a ``<nav aria-label="Breadcrumb">``.

    ``inline`` writes the trail as one line of links with ``›`` between them instead (as the
    Yoast SEO plugin prints it, ``<p id="breadcrumbs">``), which a WordPress theme shows as a
    line without styling lists; the page layout (:func:`article_main_html`) uses it.

    >>> print(breadcrumbs_html([Breadcrumb(label="Home", url="https://e.org/", category_id=None),
    ...                         Breadcrumb(label="Asia", url="https://e.org/asia/", category_id="3")],
    ...                        inline=True).replace("><", ">\\n<"))
    <nav class="breadcrumbs default-max-width" aria-label="Breadcrumb">
    <p id="breadcrumbs">
    <a href="https://e.org/">Home</a> <span class="sep">›</span> <a href="https://e.org/asia/">Asia</a>
    </p>
    </nav>
    """
    if inline:
        trail = ' <span class="sep">›</span> '.join(_a(c.url, c.label) for c in crumbs)
        return (
            f'<nav class="breadcrumbs default-max-width" aria-label="Breadcrumb"><p id="breadcrumbs">{trail}</p></nav>'
        )
    items = "".join(f"<li>{_a(c.url, c.label)}</li>\n" for c in crumbs)
    return f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>\n{items}</ol></nav>'


def category_menu_html(links: Iterable[CategoryLink]) -> str:
    """A category menu with a nav menu's classes.

    >>> from newsmodel.widgets.taxonomy import CategoryLink
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


def nav_menu_html(menu: MenuView, *, menu_id: str | None = None, menu_class: str = "menu") -> str:
    """A navigation menu as ``wp_nav_menu()`` prints it: ``<ul class="menu">`` with ``menu-item``
    classes, ``<ul class="sub-menu">`` for children.  Built without recursion.  ``menu_id`` and
    ``menu_class`` are the list's id (default ``menu-<slug>``) and class, as ``wp_nav_menu``'s
    ``menu_id`` and ``menu_class``.

    >>> from newsmodel.widgets.menus import MenuLink, MenuView
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
    if menu_id is None and menu.slug:
        menu_id = f"menu-{menu.slug}"
    id_attr = f' id="{esc(menu_id)}"' if menu_id else ""
    return f'<ul{id_attr} class="{esc(menu_class)}">\n{"".join(out)}</ul>'


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
    >>> from newsmodel.values.model import Category
    >>> from newsmodel.widgets.taxonomy import category_tree
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


def share_links_html(links: Iterable[ShareLink]) -> str:
    """Share links as a list; each opens in a new tab without handing over the opener.

    >>> from newsmodel.values.urls import share_links
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


def _label(lang: str) -> Callable[[str], str]:
    return translation(lang).gettext


def html_class(value: str, fallback: str = "") -> str:
    """``value`` as one CSS class name, as WordPress's ``sanitize_html_class`` makes it: percent
    escapes and every character but ``A-Z a-z 0-9 _ -`` dropped; ``fallback`` when nothing is left.

    >>> html_class("Q&A news"), html_class("%C3%A9t%C3%A9", "7"), html_class("<>", "7")
    ('QAnews', 't', '7')
    """
    cleaned = _CLASS_UNSAFE.sub("", _PERCENT.sub("", value))
    return cleaned or html_class(fallback) if fallback else cleaned


def _term_class(prefix: str, slug: str, term_id: str) -> str:
    # get_post_class / get_body_class: the slug, or the term id when the slug is numeric or
    # nothing but dashes once sanitized.
    cls = html_class(slug, term_id)
    if cls.isdigit() or not cls.strip("-"):
        cls = html_class(term_id)
    return f"{prefix}-{cls}"


def post_classes(
    id: str,
    kind: str = "post",
    *,
    categories: Iterable[CategoryLink] = (),
    tags: Iterable[TagLink] = (),
    thumbnail: bool = False,
    sticky: bool = False,
    protected: bool = False,
) -> list[str]:
    """The classes of an ``<article>`` as WordPress's ``get_post_class()`` gives them, with
    Twenty Twenty-One's ``entry`` last (``twenty_twenty_one_post_classes``).

    >>> " ".join(post_classes("7", categories=[CategoryLink(id="3", name="Asia", slug="asia", url="/")]))
    'post-7 post type-post status-publish format-standard hentry category-asia entry'
    """
    pid = html_class(id, "0")
    out = [f"post-{pid}", html_class(kind, "post"), f"type-{html_class(kind, 'post')}", "status-publish"]
    if kind == "post":
        out.append("format-standard")
    if protected:
        out.append("post-password-required")
    elif thumbnail:
        out.append("has-post-thumbnail")
    if sticky:
        out.append("sticky")
    out.append("hentry")
    out += [_term_class("category", c.slug, c.id) for c in categories]
    out += [_term_class("tag", t.slug, t.id) for t in tags]
    out.append("entry")
    return list(dict.fromkeys(out))


def _image(image: FeatureImage, css: str, *, loading: str) -> str:
    """An ``<img>`` as ``wp_get_attachment_image()`` prints it (``the_post_thumbnail``)."""
    if not is_safe_url(image.url):
        return ""
    size = ""
    if image.width is not None and image.height is not None:
        size = f' width="{image.width}" height="{image.height}"'
    return (
        f'<img{size} src="{esc(image.url)}" class="{css}" alt="{esc(image.alt or "")}"'
        f' decoding="async" loading="{loading}">'
    )


def post_thumbnail_html(image: FeatureImage | None, url: str | None = None, *, lang: str = "en") -> str:
    """The feature image as ``twenty_twenty_one_post_thumbnail()`` prints it: a
    ``<figure class="post-thumbnail">`` (linked to the post when ``url`` is given, as in a list)
    with the caption (and credit) as ``wp-caption-text``.  Empty without an image.

    >>> html = post_thumbnail_html(FeatureImage(url="https://e.org/a.jpg", alt="Seoul", caption="Dusk"))
    >>> print(html.replace("><", ">\\n<").replace(" class", "\\n  class"))
    <figure
      class="post-thumbnail">
    <img src="https://e.org/a.jpg"
      class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="Seoul" decoding="async" loading="eager">
    <figcaption
      class="wp-caption-text">Dusk</figcaption>
    </figure>
    """
    if image is None:
        return ""
    css = "attachment-post-thumbnail size-post-thumbnail wp-post-image"
    img = _image(image, css, loading="eager" if url is None else "lazy")
    if not img:
        return ""
    if url is not None and is_safe_url(url):
        img = f'<a class="post-thumbnail-inner alignwide" href="{esc(url)}" aria-hidden="true" tabindex="-1">{img}</a>'
    _ = _label(lang)
    caption = " ".join(esc(x) for x in (image.caption, image.credit and _("Credit: %s") % image.credit) if x)
    if caption:
        img += f'<figcaption class="wp-caption-text">{caption}</figcaption>'
    return f'<figure class="post-thumbnail">{img}</figure>'


def avatar_html(url: str | None, size: int = 85) -> str:
    """An author's picture as ``get_avatar()`` prints it (``avatar avatar-SIZE photo``); empty
    without a URL.

    >>> print(avatar_html("https://e.org/v.jpg", 48).replace(" class", "\\n  class"))
    <img alt="" src="https://e.org/v.jpg"
      class="avatar avatar-48 photo" height="48" width="48" loading="lazy" decoding="async">
    """
    if not url or not is_safe_url(url):
        return ""
    return (
        f'<img alt="" src="{esc(url)}" class="avatar avatar-{size} photo" height="{size}" width="{size}"'
        ' loading="lazy" decoding="async">'
    )


def post_navigation_html(previous: ArticleTeaser | None, next: ArticleTeaser | None, *, lang: str = "en") -> str:
    """Previous / next links as ``the_post_navigation()`` prints them in Twenty Twenty-One's
    ``single.php`` (a ``meta-nav`` label over the ``post-title``); empty without either.

    >>> post_navigation_html(None, None)
    ''
    """
    if previous is None and next is None:
        return ""
    _ = _label(lang)
    links = ""
    for teaser, css, label, rel in (
        (previous, "nav-previous", _("Previous Post"), _PREV),
        (next, "nav-next", _("Next Post"), _NEXT),
    ):
        if teaser is None:
            continue
        inner = f'<p class="meta-nav">{esc(label)}</p><p class="post-title">{esc(teaser.title)}</p>'
        link = f'<a href="{esc(teaser.url)}"{rel}>{inner}</a>' if is_safe_url(teaser.url) else inner
        links += f'<div class="{css}">{link}</div>'
    aria, heading = esc(_("Posts")), esc(_("Post navigation"))
    return (
        f'<nav class="navigation post-navigation" aria-label="{aria}">\n'
        f'\t\t<h2 class="screen-reader-text">{heading}</h2>\n'
        f'\t\t<div class="nav-links">{links}</div>\n'
        "\t</nav>"
    )


def _byline(authors: Iterable[AuthorLink | AuthorCard], lang: str) -> str:
    names = [_a(a.url, a.name, ' rel="author"') for a in authors]
    if not names:
        return ""
    _ = _label(lang)
    joined = (
        names[0]
        if len(names) == 1
        else esc(_("%(names)s and %(last)s")) % {"names": ", ".join(names[:-1]), "last": names[-1]}
    )
    by = esc(_("by %s")) % joined
    return f'<span class="byline">{by}</span>'


def _posted_on(published: datetime, display: str, lang: str) -> str:
    # twenty_twenty_one_posted_on: <time class="entry-date published updated">.
    time = f'<time class="entry-date published updated" datetime="{esc(published.isoformat())}">{esc(display)}</time>'
    _ = _label(lang)
    line = esc(_("Published %s")) % time
    return f'<span class="posted-on">{line}</span>'


def teaser_html(teaser: ArticleTeaser, *, lang: str = "en", sticky: bool = False, heading: str = "h2") -> str:
    """One post of a list as Twenty Twenty-One's ``content-excerpt.php`` prints it: an
    ``<article>`` with the post classes, ``entry-header`` (linked ``entry-title``, the feature
    image), ``entry-content`` (the excerpt) and ``entry-footer`` (date, byline, category)."""
    _ = _label(lang)
    classes = post_classes(
        teaser.id,
        categories=[teaser.category] if teaser.category is not None else (),
        thumbnail=teaser.image is not None,
        sticky=sticky,
    )
    parts = [
        f'<article id="post-{html_class(teaser.id, "0")}" class="{" ".join(classes)}">',
        f'<header class="entry-header"><{heading} class="entry-title default-max-width">{_a(teaser.url, teaser.title)}'
        f"</{heading}>{post_thumbnail_html(teaser.image, teaser.url, lang=lang)}</header>",
    ]
    if teaser.excerpt:
        parts.append(f'<div class="entry-content"><p>{esc(teaser.excerpt)}</p></div>')
    footer = []
    if sticky:
        footer.append("<p>" + esc(_("Featured post")) + "</p>")
    footer.append(_posted_on(teaser.published, teaser.published_display, lang))
    footer.append(_byline(teaser.authors, lang))
    if teaser.category is not None:
        cat = _a(teaser.category.url, teaser.category.name, ' rel="category tag"')
        filed = esc(_("Categorized as %s")) % cat
        footer.append(f'<div class="post-taxonomies"><span class="cat-links">{filed} </span></div>')
    parts.append(f'<footer class="entry-footer default-max-width">{" ".join(f for f in footer if f)}</footer>')
    parts.append("</article>")
    return "\n".join(parts)


def teaser_list_html(teasers: Iterable[ArticleTeaser], *, css_class: str = "posts", lang: str = "en") -> str:
    """Teasers (related, recent) as a list: category, linked title, byline and date."""
    items = []
    for t in teasers:
        parts = []
        if t.category is not None:
            parts.append(f'<span class="category">{_a(t.category.url, t.category.name)}</span> ')
        parts.append(_a(t.url, t.title))
        if t.authors:
            parts.append(" " + _byline(t.authors, lang))
        parts.append(f' <time datetime="{esc(t.published.isoformat())}">{esc(t.published_display)}</time>')
        items.append(f"<li>{''.join(parts)}</li>\n")
    return f'<ul class="{esc(css_class)}">\n{"".join(items)}</ul>'


def related_posts_html(teasers: Sequence[ArticleTeaser], *, lang: str = "en") -> str:
    """Related posts in a ``<section class="related-posts alignwide">``, listed as WordPress's
    Latest Posts block prints posts (``render_block_core_latest_posts``: a grid of ``<li>`` with
    the ``wp-block-latest-posts__featured-image`` thumbnail, the post title and the date), which
    themes style; empty without any."""
    if not teasers:
        return ""
    items = []
    for t in teasers:
        parts = []
        if t.image is not None and is_safe_url(t.url):
            img = _image(
                attrs.evolve(t.image, width=300, height=169) if t.image.width is None else t.image,
                "attachment-thumbnail size-thumbnail wp-post-image",
                loading="lazy",
            )
            if img:
                parts.append(
                    f'<div class="wp-block-latest-posts__featured-image"><a href="{esc(t.url)}"'
                    f' aria-label="{esc(t.title)}">{img}</a></div>'
                )
        title = _a(t.url, t.title, ' class="wp-block-latest-posts__post-title"')
        if not title.startswith("<a"):
            title = f'<span class="wp-block-latest-posts__post-title">{title}</span>'
        parts.append(title)
        parts.append(
            f'<time datetime="{esc(t.published.isoformat())}" class="wp-block-latest-posts__post-date">'
            f"{esc(t.published_display)}</time>"
        )
        items.append(f"<li>{''.join(parts)}</li>")
    _ = _label(lang)
    title = esc(_("Related Posts"))
    return (
        f'<section class="related-posts alignwide" aria-label="{title}">\n'
        f'<h2 class="related-posts-title">{title}</h2>\n'
        '<ul class="wp-block-latest-posts__list is-grid columns-3 has-dates wp-block-latest-posts">\n'
        + "\n".join(items)
        + "\n</ul>\n</section>"
    )


def author_bio_html(author: AuthorCard, *, lang: str = "en") -> str:
    """An author box as Twenty Twenty-One's ``template-parts/post/author-bio.php`` prints it:
    ``author-bio`` with the avatar (``get_avatar``, 85 pixels), ``author-title``,
    ``author-description`` and the ``author-link`` to the author's posts."""
    _ = _label(lang)
    avatar = avatar_html(author.avatar_url)
    parts = [f'<div class="author-bio{" show-avatars" if avatar else ""}">', avatar, '<div class="author-bio-content">']
    by = esc(_("By %s")) % esc(author.name)
    parts.append(f'<h2 class="author-title">{by}</h2>')
    if author.bio:
        parts.append(f'<p class="author-description">{esc(author.bio)}</p>')
    if is_safe_url(author.url):
        more = esc(_("View all of %s’s posts.") % author.name)
        parts.append(f'<a class="author-link" href="{esc(author.url)}" rel="author">{more}</a>')
    parts.append("</div></div>")
    return "".join(parts)


def _widget(widget_id: str, css: str, title: str | None, inner: str) -> str:
    # register_sidebar in Twenty Twenty-One's functions.php: before_widget
    # '<section id="%1$s" class="widget %2$s">', before_title '<h2 class="widget-title">'.
    head = f'<h2 class="widget-title">{esc(title)}</h2>\n' if title else ""
    return f'<section id="{widget_id}" class="widget {css}">\n{head}{inner}\n</section>'


def recent_posts_widget_html(teasers: Iterable[ArticleTeaser], *, lang: str = "en", current: str | None = None) -> str:
    """The Recent Posts widget as ``WP_Widget_Recent_Posts::widget`` prints it (html5 navigation
    widgets: a ``<nav>`` around the list, the date as ``post-date``)."""
    _ = _label(lang)
    title = _("Recent Posts")
    items = []
    for t in teasers:
        aria = ' aria-current="page"' if current is not None and t.id == current else ""
        items.append(
            f'<li>\n{_a(t.url, t.title, aria)}\n<span class="post-date">{esc(t.published_display)}</span>\n</li>'
        )
    if not items:
        return ""
    inner = f'<nav aria-label="{esc(title)}">\n<ul>\n' + "\n".join(items) + "\n</ul>\n</nav>"
    return _widget("recent-posts-2", "widget_recent_entries", title, inner)


def sidebar_html(page: ArticlePage | ListingPage, *, lang: str = "en") -> str:
    """The page's widgets in an ``<aside class="widget-area">`` (Twenty Twenty-One's
    ``template-parts/footer/footer-widgets.php``), each in WordPress's ``widget`` section:
    Recent Posts, the tag cloud (``WP_Widget_Tag_Cloud``), the calendar (``WP_Widget_Calendar``)
    and the archives (``WP_Widget_Archives``)."""
    _ = _label(lang)
    current = page.article.id if isinstance(page, ArticlePage) else None
    widgets = [recent_posts_widget_html(page.recent, lang=lang, current=current)]
    if len(page.tag_cloud):
        title = _("Tags")
        cloud = tag_cloud_html(page.tag_cloud, None)
        widgets.append(
            _widget(
                "tag_cloud-2",
                "widget_tag_cloud",
                title,
                f'<nav aria-label="{esc(title)}"><div class="tagcloud">{cloud}</div>\n</nav>',
            )
        )
    calendar = calendar_html(page.calendar, None, hide_when_empty=False, lang=lang)
    widgets.append(
        _widget(
            "calendar-2", "widget_calendar", None, f'<div id="calendar_wrap" class="calendar_wrap">{calendar}</div>'
        )
    )
    if page.archives:
        title = _("Archives")
        items = archives_html(page.archives, None, show_post_count=True)
        widgets.append(
            _widget(
                "archives-2", "widget_archive", title, f'<nav aria-label="{esc(title)}">\n<ul>\n{items}</ul>\n</nav>'
            )
        )
    return '<aside class="widget-area">\n' + "\n".join(w for w in widgets if w) + "\n</aside>"


def primary_menu(page: ArticlePage | ListingPage) -> MenuView | None:
    """The menu the header shows: the site's menu at the ``primary`` location, else its first
    menu that is at no location (``None`` when the site has no menu of its own: the header then
    shows the category menu, :func:`site_navigation_html`)."""
    own = [m for m in page.menus if not m.fallback]
    for m in own:
        if "primary" in m.locations:
            return m
    unplaced = [m for m in own if not m.locations]
    return unplaced[0] if unplaced else None


def site_navigation_html(page: ArticlePage | ListingPage, *, lang: str = "en") -> str:
    """The header's ``<nav class="primary-navigation">`` as Twenty Twenty-One's
    ``template-parts/header/site-nav.php`` prints it (``primary-menu-container``, the list as
    ``menu-wrapper``).  It shows :func:`primary_menu`; a site with no menu of its own gets the
    category menu there instead, the way a theme's ``fallback_cb`` fills an empty location, so
    the continents are never listed twice.  Empty when there is neither."""
    menu = primary_menu(page)
    if menu is not None:
        inner = nav_menu_html(menu, menu_id="primary-menu-list", menu_class="menu-wrapper")
    elif page.menu:
        inner = category_menu_html(page.menu).replace(
            '<ul class="menu">', '<ul id="primary-menu-list" class="menu-wrapper">', 1
        )
    else:
        return ""
    _ = _label(lang)
    label = esc(_("Primary menu"))
    return (
        f'<nav id="site-navigation" class="primary-navigation" aria-label="{label}">\n'
        f'<div class="primary-menu-container">{inner}</div>\n</nav>'
    )


def footer_navigation_html(page: ArticlePage | ListingPage, *, lang: str = "en") -> str:
    """The site's other menus (not the header's) as Twenty Twenty-One's footer menu:
    ``<nav class="footer-navigation">`` with a ``footer-navigation-wrapper`` list each, top-level
    items only (the theme's ``depth`` of 1); the menu of pages made for a site without menus is
    shown here too.  Empty when there are none."""
    shown = primary_menu(page)
    others = [m for m in page.menus if m is not shown]
    if not others:
        return ""
    _ = _label(lang)
    label = esc(_("Secondary menu"))
    # footer.php: wp_nav_menu with 'depth' => 1, the top-level items only.
    lists = "\n".join(
        nav_menu_html(
            attrs.evolve(m, items=[i for i in m.items if i.depth == 0]), menu_class="footer-navigation-wrapper"
        )
        for m in others
    )
    return f'<nav aria-label="{label}" class="footer-navigation">\n{lists}\n</nav>'


def _article_header(a: ArticleView, lang: str) -> str:
    _ = _label(lang)
    parts = ['<header class="entry-header alignwide">']
    if a.kicker:
        parts.append(f'<p class="entry-kicker">{esc(a.kicker)}</p>')
    parts.append(f'<h1 class="entry-title">{esc(a.title)}</h1>')
    if a.subtitle:
        parts.append(f'<p class="entry-subtitle">{esc(a.subtitle)}</p>')
    meta: list[str] = []
    if a.kind != "page":  # content-page.php: a page's header has its title and image only
        if a.published is not None and a.published_display:
            meta.append(_posted_on(a.published, a.published_display, lang))
        meta.append(_byline(a.authors, lang))
        if a.primary_category is not None:
            link = _a(a.primary_category.url, a.primary_category.name, ' rel="category tag"')
            filed = esc(_("in %s")) % link
            meta.append(f'<span class="cat-links">{filed}</span>')
    meta = [m for m in meta if m]
    if meta:
        parts.append(f'<div class="entry-meta">{_SEP.join(meta)}</div>')
    parts.append(post_thumbnail_html(a.feature_image, lang=lang))
    parts.append("</header>")
    return "\n".join(p for p in parts if p)


def _article_footer(page: ArticlePage, lang: str) -> str:
    # twenty_twenty_one_entry_meta_footer on a single post: .posted-by, then .post-taxonomies
    # (categories and tags as get_the_category_list / get_the_tag_list join them, ", ").  The
    # date and byline are in the header's meta line, so .posted-by holds the update date only.
    _ = _label(lang)
    a = page.article
    posted = ""
    if a.modified is not None and a.published is not None and a.modified.date() > a.published.date():
        shown = format_date(a.modified, locale=page.site.locale, timezone=page.site.timezone)
        time = f'<time class="entry-date updated" datetime="{esc(a.modified.isoformat())}">{esc(shown)}</time>'
        posted = '<span class="updated-on">' + esc(_("Updated %s")) % time + "</span>"
    spans = []
    if a.categories:
        cats = _LIST_SEP.join(_a(c.url, c.name, ' rel="category tag"') for c in a.categories)
        filed = esc(_("Categorized as %s")) % cats
        spans.append(f'<span class="cat-links">{filed} </span>')
    if a.tags:
        tags = _LIST_SEP.join(_a(t.url, t.name, _TAG) for t in a.tags)
        tagged = esc(_("Tagged %s")) % tags
        spans.append(f'<span class="tags-links">{tagged}</span>')
    if not spans and not posted:
        return ""
    return (
        f'<footer class="entry-footer default-max-width"><div class="posted-by">{posted}</div>'
        f'<div class="post-taxonomies">{"".join(spans)}</div></footer>'
    )


def article_main_html(page: ArticlePage, *, lang: str = "en") -> str:
    """What the ``site-main`` of an article page holds: the breadcrumbs, the ``<article>`` as
    Twenty Twenty-One's ``content-single.php`` (``content-page.php`` for a static page) prints it
    with its post classes, ``entry-header``, ``entry-content``, ``entry-footer`` and the author
    box, then the post navigation and the related posts."""
    _ = _label(lang)
    a = page.article
    classes = post_classes(
        a.id,
        a.kind,
        categories=a.categories,
        tags=a.tags,
        thumbnail=a.feature_image is not None,
        protected=a.protected,
    )
    content = []
    if a.source_line:
        src = a.source
        line = _a(src.url, a.source_line) if src is not None and src.url else esc(a.source_line)
        content.append(f'<p class="source">{line}</p>')
    content.append(share_links_html(page.share))
    if a.toc is not None:
        content.append(a.toc.to_html(title=_("Table of Contents")))
    content.append(a.body_html)
    content.append(child_pages_html(page.child_pages))
    parts = [
        breadcrumbs_html(page.breadcrumbs, inline=True),
        f'<article id="post-{html_class(a.id, "0")}" class="{" ".join(classes)}">',
        _article_header(a, lang),
        '<div class="entry-content">\n' + "\n".join(c for c in content if c) + "\n</div>",
        _article_footer(page, lang),
        *(author_bio_html(author, lang=lang) for author in a.authors),
        "</article>",
        post_navigation_html(page.previous, page.next, lang=lang),
        related_posts_html(page.related, lang=lang),
    ]
    return "\n".join(p for p in parts if p) + "\n"


def article_page_html(page: ArticlePage, site: Site | None = None, *, lang: str = "en") -> str:
    """The whole page as one HTML fragment, top to bottom as the seed page reads: "today", the
    header's navigation, :func:`article_main_html`, the widgets (:func:`sidebar_html`) and the
    footer's menus.  :func:`newsmodel.views.sitehtml.document_html` puts the same parts in a whole
    document; this fragment is what a notebook shows for a page.

    Every link comes from the page itself: its calendar, archives and tag cloud carry their URLs
    (:mod:`newsmodel.widgets.sidebar`).  ``site`` is kept for callers of earlier releases and is unused.
    """
    del site
    return page_frame_html(page, article_main_html(page, lang=lang), lang=lang)


def page_frame_html(page: ArticlePage | ListingPage, main: str, *, lang: str = "en") -> str:
    """``main`` (the page's own content) framed as every page of the site is: "today", the
    header's navigation, then ``main``, the widgets and the footer's menus."""
    parts = [
        f'<p class="today">{esc(page.today)}</p>',
        site_navigation_html(page, lang=lang),
        main.rstrip("\n"),
        sidebar_html(page, lang=lang),
        footer_navigation_html(page, lang=lang),
    ]
    return "\n".join(p for p in parts if p) + "\n"
