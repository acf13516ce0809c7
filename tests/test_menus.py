"""Navigation menus: the values, the corpus, the corpus file, the page, and WXR in and out.

The reference is WordPress: ``wp_setup_nav_menu_item`` and ``wp_get_nav_menu_items``
(``src/wp-includes/nav-menu.php``) for what an item shows, ``Walker::walk`` for orphans,
``wp_page_menu`` / ``wp_list_pages`` for the fallback, ``export_wp`` for the export and
``WP_Import::process_menu_item``, ``process_posts``, ``remap_featured_images`` and
``backfill_parents`` (wordpress-importer) for what an import reads.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import attrs
import pytest

from newsmodel.io.wp.wxr_menus import php_string_list
from newsmodel.io.wxr import read_wxr, write_wxr
from newsmodel.pages.page import build_article_page
from newsmodel.pages.pageschema import article_page_schema, validate
from newsmodel.serialize import dumps, loads, read_corpus, unstructure, write_corpus, write_records
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import CorpusError, DuplicateId, InvalidMenu, InvalidUrl, InvalidValue, SerializationError
from newsmodel.values.model import Article, Category, FeatureImage, Menu, MenuItem, Site, Tag
from newsmodel.views.page_html import article_page_html, nav_menu_html
from newsmodel.widgets.menus import page_menu, resolve_menu, site_menus

T = datetime(2025, 12, 16, 9, 0, tzinfo=timezone.utc)
SITE = Site(name="Capital Cities", base_url="https://example.org")
WP = "http://wordpress.org/export/1.2/"


def _page(pid: str, slug: str, title: str, *, parent: str | None = None, order: int = 0, **kw: object) -> Article:
    return Article(id=pid, slug=slug, title=title, kind="page", parent_id=parent, menu_order=order, published=T, **kw)  # type: ignore[arg-type]


PAGES = (
    _page("2", "about-us", "About us", order=1),
    _page("3", "our-authors", "Our Authors", order=2),
    _page("4", "contact-us", "Contact Us", order=3),
    _page("5", "legal", "Legal Pages", order=4),
    _page("6", "privacy-policy", "Privacy Policy", parent="5", order=1),
    _page("7", "terms-of-use", "Terms of Use", parent="5", order=2, password="s3cret"),
)
CATS = (
    Category(id="10", slug="world", name="World"),
    Category(id="11", slug="africa", name="AFRICA", parent_id="10"),
    Category(id="12", slug="asia", name="ASIA", parent_id="10"),
)
TAGS = (Tag(id="20", slug="kim-jong-un", name="Kim Jong Un"),)
POST = Article(
    id="1",
    slug="trump-kim-summit",
    title="Trump-Kim Summit",
    published=T,
    category_ids=("12",),
    tag_ids=("20",),
    feature_image=FeatureImage(url="https://example.org/uploads/2025/12/summit.jpg", alt="Seoul", caption="A cap"),
)
TOP = Menu(
    id="30",
    slug="top-menu",
    name="Top menu",
    locations=("top",),
    items=(
        MenuItem(id="40", type="post_type", object="page", object_id="2", order=1),
        MenuItem(id="41", type="post_type", object="page", object_id="3", order=2),
        MenuItem(id="42", type="post_type", object="page", object_id="4", order=3, label="Contact Us"),
        MenuItem(id="43", label="Legal Pages", url="#", order=4, classes=("legal",)),
        MenuItem(id="44", type="post_type", object="page", object_id="6", parent_id="43", order=5),
        MenuItem(id="45", type="post_type", object="page", object_id="7", parent_id="43", order=6, target="_blank"),
    ),
)
MAIN = Menu(
    id="31",
    slug="main",
    name="Main",
    locations=("primary",),
    items=(
        MenuItem(id="50", type="taxonomy", object="category", object_id="11", order=1),
        MenuItem(id="51", type="taxonomy", object="category", object_id="12", order=2),
        MenuItem(id="52", type="taxonomy", object="post_tag", object_id="20", order=3, attr_title="Kim"),
    ),
)


def _corpus(*, menus: tuple[Menu, ...] = (TOP, MAIN), articles: tuple[Article, ...] = (POST, *PAGES)) -> Corpus:
    return Corpus(site=SITE, categories=CATS, tags=TAGS, articles=articles, menus=menus)


# --------------------------------------------------------------------------- values


def test_menu_refuses_items_that_contradict_each_other() -> None:
    with pytest.raises(InvalidMenu, match="two items have the id '1'"):
        Menu(id="m", slug="m", name="M", items=(MenuItem(id="1"), MenuItem(id="1")))
    with pytest.raises(InvalidMenu, match="names the parent '9', which the menu does not have"):
        Menu(id="m", slug="m", name="M", items=(MenuItem(id="1", parent_id="9"),))
    with pytest.raises(InvalidMenu, match="its own ancestor"):
        Menu(id="m", slug="m", name="M", items=(MenuItem(id="1", parent_id="2"), MenuItem(id="2", parent_id="1")))
    with pytest.raises(InvalidMenu, match="needs the object_id"):
        MenuItem(id="1", type="post_type", object="page")
    with pytest.raises(InvalidUrl):
        MenuItem(id="1", url="javascript:alert(1)")
    with pytest.raises(InvalidValue, match="is not a key"):
        MenuItem(id="1", type="Post Type")


def test_a_deep_menu_is_checked_without_recursion() -> None:
    items = [MenuItem(id=str(i), parent_id=str(i - 1) if i else None) for i in range(5000)]
    menu = Menu(id="m", slug="m", name="M", items=tuple(reversed(items)))
    view = resolve_menu(Corpus(site=SITE, menus=[menu]), menu)
    assert [link.depth for link in view.items] == list(range(5000))


def test_corpus_refuses_two_menus_with_one_id_slug_or_location() -> None:
    with pytest.raises(DuplicateId):
        Corpus(site=SITE, menus=[TOP, attrs.evolve(MAIN, id="30")])
    with pytest.raises(CorpusError, match="share the slug"):
        Corpus(site=SITE, menus=[TOP, attrs.evolve(MAIN, slug="top-menu")])
    with pytest.raises(CorpusError, match="both at the location 'top'"):
        Corpus(site=SITE, menus=[TOP, attrs.evolve(MAIN, locations=("top",))])


# --------------------------------------------------------------------------- resolution


def test_items_resolve_to_their_urls_and_titles() -> None:
    corpus = _corpus()
    view = resolve_menu(corpus, TOP)
    assert [(link.depth, link.label, link.url) for link in view.items] == [
        (0, "About us", "https://example.org/about-us/"),
        (0, "Our Authors", "https://example.org/our-authors/"),
        (0, "Contact Us", "https://example.org/contact-us/"),
        (0, "Legal Pages", "#"),
        (1, "Privacy Policy", "https://example.org/legal/privacy-policy/"),
        (1, "Terms of Use", "https://example.org/legal/terms-of-use/"),
    ]
    main = resolve_menu(corpus, MAIN)
    assert [(link.label, link.url) for link in main.items] == [
        ("AFRICA", "https://example.org/category/world/africa/"),
        ("ASIA", "https://example.org/category/world/asia/"),
        ("Kim Jong Un", "https://example.org/tag/kim-jong-un/"),
    ]


def test_an_item_whose_target_is_missing_is_left_out_and_its_children_shown_after() -> None:
    """wp_setup_nav_menu_item marks an item whose post or term is gone ``_invalid``;
    wp_get_nav_menu_items drops it on the front end, and Walker::walk shows the orphans it leaves
    at the top level after the others, flat."""
    menu = Menu(
        id="m",
        slug="m",
        name="M",
        items=(
            MenuItem(id="1", type="post_type", object="page", object_id="99", order=1),  # deleted page
            MenuItem(id="2", type="post_type", object="page", object_id="2", parent_id="1", order=2),
            MenuItem(id="3", type="post_type", object="page", object_id="3", parent_id="2", order=3),
            MenuItem(id="4", type="post_type", object="page", object_id="4", order=4),
            MenuItem(id="5", type="taxonomy", object="product_cat", object_id="11", order=5),  # unknown taxonomy
        ),
    )
    view = resolve_menu(_corpus(menus=(menu,)), menu)
    assert [(link.id, link.depth) for link in view.items] == [("4", 0), ("2", 0), ("3", 0)]


def test_siblings_are_ordered_by_order_then_id() -> None:
    menu = Menu(
        id="m", slug="m", name="M", items=(MenuItem(id="10", order=1, url="/b"), MenuItem(id="9", order=1, url="/a"))
    )
    assert [link.id for link in resolve_menu(Corpus(site=SITE, menus=[menu]), menu).items] == ["9", "10"]


def test_page_menu_is_wp_page_menu() -> None:
    """wp_page_menu lists the published pages through wp_list_pages: every depth, siblings by
    menu_order then title; a draft, or a page not yet due, is not listed."""
    draft = _page("8", "draft-page", "A draft", order=0)
    draft = attrs.evolve(draft, status="draft", published=None)
    later = _page("9", "later", "Later", order=0)
    later = attrs.evolve(later, status="scheduled", published=datetime(2030, 1, 1, tzinfo=timezone.utc))
    tie = _page("13", "about-them", "About them", order=1)
    corpus = _corpus(menus=(), articles=(POST, *PAGES, draft, later, tie))
    view = page_menu(corpus, as_of=T)
    assert view.fallback and view.id is None
    assert [(link.depth, link.label) for link in view.items] == [
        (0, "About them"),
        (0, "About us"),
        (0, "Our Authors"),
        (0, "Contact Us"),
        (0, "Legal Pages"),
        (1, "Privacy Policy"),
        (1, "Terms of Use"),
    ]
    assert site_menus(corpus, as_of=T) == (view,)
    assert site_menus(Corpus(site=SITE), as_of=T) == ()
    assert [m.slug for m in site_menus(_corpus(), as_of=T)] == ["top-menu", "main"]


# --------------------------------------------------------------------------- corpus file, page


def test_menus_travel_in_the_corpus_file_and_old_files_still_read() -> None:
    corpus = _corpus()
    buf = io.BytesIO()
    write_corpus(corpus, buf)
    lines = buf.getvalue().splitlines()
    assert [loads(line, dict)["type"] for line in lines[-2:]] == ["menu", "menu"]
    again = read_corpus(io.BytesIO(buf.getvalue()))
    assert again.menus == corpus.menus
    old = b"\n".join(line for line in lines if b'"type":"menu"' not in line) + b"\n"
    assert read_corpus(io.BytesIO(old)).menus == ()
    assert loads(dumps(TOP), Menu) == TOP
    assert "menus" not in unstructure(Corpus(site=SITE))  # a corpus without menus keeps its shape
    assert loads(dumps(corpus), Corpus).menus == corpus.menus


def test_the_writer_puts_menus_last() -> None:
    records: list[Site | Category | Tag | Menu | Article] = [SITE, *CATS, *TAGS, TOP, POST]
    with pytest.raises(SerializationError, match="the order is authors, categories, tags, articles, menus"):
        write_records(io.BytesIO(), records)


def test_the_article_page_carries_the_menus_with_their_urls() -> None:
    corpus = _corpus()
    page = build_article_page(corpus, "1", as_of=T)
    assert [m.slug for m in page.menus] == ["top-menu", "main"]
    assert page.menus[0].items[4].url == "https://example.org/legal/privacy-policy/"
    assert validate(unstructure(page), article_page_schema()) == []
    html = article_page_html(page)
    # the menu at the primary location is the header's; the other one is the footer's
    assert '<ul id="primary-menu-list" class="menu-wrapper">' in html
    assert '<ul id="menu-top-menu" class="footer-navigation-wrapper">' in html
    assert html.index('class="primary-navigation"') < html.index('class="footer-navigation"')
    footer = html[html.index('class="footer-navigation"') :]
    assert '<ul class="sub-menu">' not in footer  # footer.php shows the top level only (depth 1)
    assert '<ul class="sub-menu">' in nav_menu_html(page.menus[0])
    assert 'class="legal menu-item menu-item-type-custom' in html
    assert '<a href="https://example.org/legal/terms-of-use/" target="_blank" rel="noopener">' in nav_menu_html(
        page.menus[0]
    )
    assert '<a href="https://example.org/tag/kim-jong-un/" title="Kim">' in nav_menu_html(page.menus[1])
    # without menus, the page shows the pages
    page = build_article_page(_corpus(menus=()), "1", as_of=T)
    assert [m.fallback for m in page.menus] == [True]


# --------------------------------------------------------------------------- WXR import


def _menu_item(pid: int, menu: str | None, meta: dict[str, str], *, title: str = "", order: int = 0,
               status: str = "publish") -> str:  # fmt: skip
    terms = f'<category domain="nav_menu" nicename="{menu}"><![CDATA[{menu}]]></category>' if menu else ""
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{k}</wp:meta_key><wp:meta_value><![CDATA[{v}]]></wp:meta_value></wp:postmeta>"
        for k, v in meta.items()
    )
    return (
        f"<item><title>{title}</title><wp:post_id>{pid}</wp:post_id><wp:status>{status}</wp:status>"
        f"<wp:menu_order>{order}</wp:menu_order><wp:post_type>nav_menu_item</wp:post_type>{terms}{metas}</item>"
    )


def _page_item(pid: int, slug: str, title: str, parent: int = 0) -> str:
    return (
        f"<item><title>{title}</title><wp:post_id>{pid}</wp:post_id><wp:post_date>2025-01-01 00:00:00</wp:post_date>"
        f"<wp:post_date_gmt>2025-01-01 00:00:00</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>"
        f"<wp:status>publish</wp:status><wp:post_parent>{parent}</wp:post_parent><wp:post_type>page</wp:post_type>"
        "</item>"
    )


def _page_meta(object_id: int, parent: int = 0, *, classes: str = 'a:1:{i:0;s:0:"";}') -> dict[str, str]:
    return {
        "_menu_item_type": "post_type",
        "_menu_item_menu_item_parent": str(parent),
        "_menu_item_object_id": str(object_id),
        "_menu_item_object": "page",
        "_menu_item_target": "",
        "_menu_item_classes": classes,
        "_menu_item_xfn": "",
        "_menu_item_url": "",
    }


SEED_WXR = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="{WP}" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"><channel>
<title>Capital Cities</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:term><wp:term_id>7</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy><wp:term_slug><![CDATA[top-menu]]></wp:term_slug><wp:term_name><![CDATA[Top menu]]></wp:term_name></wp:term>
{_page_item(2, "about-us", "About us")}
{_page_item(5, "legal", "Legal Pages")}
{_page_item(6, "privacy-policy", "Privacy Policy", parent=5)}
{_menu_item(41, "top-menu", _page_meta(6, parent=40), order=3)}
{
    _menu_item(
        40,
        "top-menu",
        {
            **_page_meta(0),
            "_menu_item_type": "custom",
            "_menu_item_object": "custom",
            "_menu_item_object_id": "40",
            "_menu_item_url": "#",
        },
        title="Legal Pages",
        order=2,
    )
}
{_menu_item(39, "top-menu", _page_meta(2, classes='a:2:{{i:0;s:3:"cta";i:1;s:0:"";}}'), order=1)}
{_menu_item(42, "top-menu", _page_meta(77), title="Old page", order=4)}
{_menu_item(43, "top-menu", _page_meta(2, parent=999), order=5)}
{_menu_item(44, "top-menu", _page_meta(2), order=6, status="draft")}
{_menu_item(45, None, _page_meta(2), order=7)}
{_menu_item(46, "footer", _page_meta(5), order=1)}
</channel></rss>""".encode()  # noqa: E501


def test_wxr_menus_are_read_as_process_menu_item_reads_them() -> None:
    corpus, report = read_wxr(io.BytesIO(SEED_WXR))
    top = next(m for m in corpus.menus if m.slug == "top-menu")
    assert (top.id, top.name, top.locations) == ("7", "Top menu", ())  # WXR has no theme locations
    by_id = {i.id: i for i in top.items}
    assert set(by_id) == {"39", "40", "41", "42", "43"}  # the draft item (44) is skipped, as WordPress does
    assert (by_id["41"].parent_id, by_id["41"].object_id, by_id["41"].order) == ("40", "6", 3)
    assert (by_id["40"].type, by_id["40"].url, by_id["40"].object_id, by_id["40"].label) == (
        "custom",
        "#",
        None,
        "Legal Pages",
    )
    assert by_id["39"].classes == ("cta",)
    # a parent that is not in the menu: top level, kept in extra, warned (importer: an orphan at 0)
    assert by_id["43"].parent_id is None and by_id["43"].extra["wxr:_menu_item_menu_item_parent"] == "999"
    assert report.warnings_with("parent")
    # a page that is gone: WordPress's importer drops the item; it is kept here, with a warning
    assert by_id["42"].object_id == "77"
    assert any("'77'" in w.message for w in report.warnings_with("menu-item"))
    # an item in no menu is kept in the site's extra; a menu not declared as a term is made
    assert corpus.site.extra["wxr:menu_items"][0]["fields"]["wp:post_id"] == "45"
    assert [m.slug for m in corpus.menus] == ["top-menu", "footer"]
    view = resolve_menu(corpus, top)
    assert [(link.depth, link.label, link.url) for link in view.items] == [
        (0, "About us", "https://example.org/about-us/"),
        (0, "Legal Pages", "#"),
        (1, "Privacy Policy", "https://example.org/legal/privacy-policy/"),
        (0, "About us", "https://example.org/about-us/"),
    ]
    assert report.imported_count("menus") == 2 and report.imported_count("menu items") == 6
    assert report.skipped_count("draft menu item") == 1


def test_menus_survive_the_permalink_structure_taken_from_the_posts_links() -> None:
    """A post's <link> makes the import infer the permalink structure; the menus stay."""
    post = (
        "<item><title>Hello</title><link>https://example.org/2025/12/hello/</link><wp:post_id>9</wp:post_id>"
        "<wp:post_date>2025-12-16 10:00:00</wp:post_date><wp:post_date_gmt>2025-12-16 10:00:00</wp:post_date_gmt>"
        "<wp:post_name>hello</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"
    )
    wxr = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="{WP}"><channel>
<title>S</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:term><wp:term_id>7</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy><wp:term_slug>top</wp:term_slug><wp:term_name>Top</wp:term_name></wp:term>
{_page_item(2, "about-us", "About us")}
{_menu_item(39, "top", _page_meta(2), order=1)}
{post}
</channel></rss>""".encode()
    corpus, _ = read_wxr(io.BytesIO(wxr))
    assert corpus.site.permalinks.article == "/%year%/%monthnum%/%postname%/"
    assert [(m.slug, [i.object_id for i in m.items]) for m in corpus.menus] == [("top", ["2"])]


def test_php_serialized_classes() -> None:
    assert php_string_list('a:1:{i:0;s:0:"";}') == ()
    assert php_string_list('a:2:{i:0;s:1:"a";i:1;s:1:"b";}') == ("a", "b")
    assert php_string_list('O:8:"stdClass":0:{}') is None


# --------------------------------------------------------------------------- WXR export


def _export(corpus: Corpus) -> tuple[Corpus, ET.Element]:
    buf = io.StringIO()
    write_wxr(corpus, buf)
    data = buf.getvalue().encode("utf-8")
    again, _ = read_wxr(io.BytesIO(data))
    channel = ET.fromstring(data).find("channel")
    assert channel is not None
    return again, channel


def _corpus_with_everything() -> Corpus:
    product = Article(id="8", slug="日本語テスト", title="Widget", kind="product", published=T, password="pw")
    child_first = (PAGES[4], PAGES[5], *PAGES[:4])  # children before their parent: the importer backfills
    return _corpus(articles=(POST, *child_first, product))


def test_export_import_round_trip_keeps_menus_kinds_passwords_and_images() -> None:
    corpus = _corpus_with_everything()
    again, _ = _export(corpus)
    assert again.menus == corpus.menus
    assert again.articles == corpus.articles
    assert (again.categories, again.tags, again.site) == (corpus.categories, corpus.tags, corpus.site)


def _meta(item: ET.Element) -> dict[str, str]:
    return {
        m.findtext(f"{{{WP}}}meta_key") or "": m.findtext(f"{{{WP}}}meta_value") or ""
        for m in item.iter(f"{{{WP}}}postmeta")
    }


def test_the_export_is_what_wordpress_importer_reads() -> None:
    """The rules read in wordpress-importer's WP_Import:

    * ``process_posts`` maps each ``wp:post_id`` into one table (``processed_posts``) for posts,
      pages, attachments and menu items: the ids are unique integers;
    * an attachment (``wp:post_type`` attachment) is fetched from ``wp:attachment_url`` (else
      ``guid``) by ``process_attachment``; ``remap_featured_images`` then points each
      ``_thumbnail_id`` at it by that id;
    * ``wp:post_parent`` of a page (and an attachment) names another item's ``wp:post_id``;
      ``backfill_parents`` places a child read before its parent;
    * ``process_menu_item`` files an item in the menu of its ``<category domain="nav_menu">``
      nicename, which ``process_terms`` created from a ``wp:term`` with ``wp:term_taxonomy``
      nav_menu and that ``wp:term_slug``; it reads ``_menu_item_type``, ``_menu_item_object``,
      ``_menu_item_object_id`` (a post id or a term id of the file), ``_menu_item_menu_item_parent``
      (another item's post id, 0 at the top), ``_menu_item_url``, ``_menu_item_target``,
      ``_menu_item_classes`` (a serialized array), ``_menu_item_xfn``, and the title, excerpt
      (attribute title), content (description), ``menu_order`` and status (drafts skipped);
    * ``wp:post_password`` and ``wp:post_type`` are copied as they are; ``wp:post_name`` is the
      slug as WordPress stores it (percent-encoded UTF-8, ``sanitize_title``).
    """
    corpus = _corpus_with_everything()
    _, channel = _export(corpus)
    items = channel.findall("item")
    by_id = {i.findtext(f"{{{WP}}}post_id"): i for i in items}
    assert len(by_id) == len(items) and all(k and k.isdigit() for k in by_id)
    types = {k: i.findtext(f"{{{WP}}}post_type") for k, i in by_id.items()}
    # the featured image
    thumb = _meta(by_id["1"])["_thumbnail_id"]
    attachment = by_id[thumb]
    assert types[thumb] == "attachment"
    assert attachment.findtext(f"{{{WP}}}attachment_url") == POST.feature_image.url  # type: ignore[union-attr]
    assert attachment.findtext("guid") == POST.feature_image.url  # type: ignore[union-attr]
    assert attachment.findtext(f"{{{WP}}}post_parent") == "1"
    assert _meta(attachment)["_wp_attachment_image_alt"] == "Seoul"
    # pages, parents, other kinds, passwords, slugs
    assert by_id["6"].findtext(f"{{{WP}}}post_parent") == "5" and types["5"] == "page"
    assert by_id["7"].findtext(f"{{{WP}}}post_password") == "s3cret"
    assert types["8"] == "product" and by_id["8"].findtext(f"{{{WP}}}post_password") == "pw"
    assert by_id["8"].findtext(f"{{{WP}}}post_name") == "%e6%97%a5%e6%9c%ac%e8%aa%9e%e3%83%86%e3%82%b9%e3%83%88"
    # menus: nav_menu terms, items filed in them, meta naming ids of the file
    terms = {
        t.findtext(f"{{{WP}}}term_slug"): t
        for t in channel.iter(f"{{{WP}}}term")
        if t.findtext(f"{{{WP}}}term_taxonomy") == "nav_menu"
    }
    assert set(terms) == {"top-menu", "main"}
    assert terms["top-menu"].findtext(f"{{{WP}}}term_name") == "Top menu"
    term_ids = {c.findtext(f"{{{WP}}}term_id") for c in channel.iter(f"{{{WP}}}category")}
    term_ids |= {t.findtext(f"{{{WP}}}term_id") for t in channel.iter(f"{{{WP}}}tag")}
    menu_items = [i for k, i in by_id.items() if types[k] == "nav_menu_item"]
    assert len(menu_items) == len(TOP.items) + len(MAIN.items)
    for item in menu_items:
        (menu_term,) = [c for c in item.findall("category") if c.get("domain") == "nav_menu"]
        assert menu_term.get("nicename") in terms
        meta = _meta(item)
        assert item.findtext(f"{{{WP}}}status") == "publish"
        parent = meta["_menu_item_menu_item_parent"]
        assert parent == "0" or types.get(parent) == "nav_menu_item"
        if meta["_menu_item_type"] == "post_type":
            assert types[meta["_menu_item_object_id"]] == meta["_menu_item_object"]
        elif meta["_menu_item_type"] == "taxonomy":
            assert meta["_menu_item_object_id"] in term_ids
        else:
            assert meta["_menu_item_object_id"] == item.findtext(f"{{{WP}}}post_id")
        assert php_string_list(meta["_menu_item_classes"]) is not None
    legal = by_id["43"]
    assert (legal.findtext("title"), _meta(legal)["_menu_item_url"]) == ("Legal Pages", "#")
    assert _meta(legal)["_menu_item_classes"] == 'a:1:{i:0;s:5:"legal";}'
    assert _meta(by_id["45"])["_menu_item_target"] == "_blank"


def test_export_ids_never_collide_in_wordpress_post_id_space() -> None:
    """A menu item or an attachment whose id a post has gets a fresh number (processed_posts
    would otherwise skip it as already imported)."""
    menu = Menu(
        id="1", slug="m", name="M", items=(MenuItem(id="1", url="/x"), MenuItem(id="2", url="/y", parent_id="1"))
    )
    corpus = Corpus(site=SITE, articles=[attrs.evolve(POST, category_ids=(), tag_ids=())], menus=[menu])
    again, channel = _export(corpus)
    ids = [i.findtext(f"{{{WP}}}post_id") for i in channel.findall("item")]
    assert len(ids) == len(set(ids)) == 4
    items = [i for i in channel.findall("item") if i.findtext(f"{{{WP}}}post_type") == "nav_menu_item"]
    assert _meta(items[1])["_menu_item_menu_item_parent"] == items[0].findtext(f"{{{WP}}}post_id")
    assert again.menus == corpus.menus
