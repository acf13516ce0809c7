"""Whole documents (newsmodel.views.sitehtml): WordPress's structure and classes where Twenty Twenty-One
puts them, escaping, the labels' catalogue (English and French) and the default stylesheet."""

from __future__ import annotations

import gettext
import os
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from selectolax.lexbor import LexborHTMLParser, LexborNode

import newsmodel
from newsmodel.pages.listing import ListingKey, build_listing_page
from newsmodel.pages.page import SiteHeader, build_article_page
from newsmodel.pages.router import NotFound, router
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, load_bundled
from newsmodel.search.index import SearchIndex
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, Author, Byline, Category, FeatureImage, Site, Tag
from newsmodel.views.labels import LOCALE_DIR, languages, translation
from newsmodel.views.sitehtml import DEFAULT_STYLESHEET_PATH, default_stylesheet, document_html, not_found_html
from test_page_html import _parse

SAMPLE = load_bundled()
PKG = Path(newsmodel.__file__).parent
VIEWS = ("views/page_html.py", "views/listing_html.py", "views/widgets_html.py", "views/sitehtml.py")


def _tree(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def _one(tree: LexborHTMLParser | LexborNode, selector: str) -> LexborNode:
    found = tree.css(selector)
    assert len(found) == 1, (selector, len(found))
    return found[0]


def _classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


@pytest.fixture(scope="module")
def article_doc() -> str:
    return document_html(build_article_page(SAMPLE, SEED_SLUG, as_of=SEED_AS_OF))


def test_article_document_has_twenty_twenty_one_structure(article_doc: str) -> None:
    tree = _tree(article_doc)
    page = build_article_page(SAMPLE, SEED_SLUG, as_of=SEED_AS_OF)
    body = _one(tree, "body")
    assert {"wp-singular", "single", "single-post", f"postid-{page.article.id}", "singular"} <= set(_classes(body))
    _one(tree, "body > #page.site > a.skip-link.screen-reader-text[href='#content']")
    _one(tree, "#page > header#masthead.site-header > .site-branding > p.site-title > a")
    _one(tree, "#masthead > nav#site-navigation.primary-navigation > .primary-menu-container > ul.menu-wrapper")
    main = _one(tree, "#page > #content.site-content > section#primary.content-area > main#main.site-main")
    article = _one(tree, "main.site-main > article")
    assert article.attributes["id"] == f"post-{page.article.id}"
    classes = _classes(article)
    assert classes[:3] == [f"post-{page.article.id}", "post", "type-post"]
    for cls in ("status-publish", "format-standard", "has-post-thumbnail", "hentry", "category-seoul", "entry"):
        assert cls in classes, cls
    assert any(c.startswith("tag-") for c in classes)
    _one(tree, "article > header.entry-header > h1.entry-title")
    img = _one(tree, "article > header.entry-header > figure.post-thumbnail > img.wp-post-image")
    assert img.attributes["src"] == page.article.feature_image.url  # type: ignore[union-attr]
    assert img.attributes["alt"] == "Seoul skyline"
    _one(tree, "article > div.entry-content > nav.toc")
    _one(tree, "article > footer.entry-footer > div.posted-by + div.post-taxonomies")
    tag_links = tree.css("article > footer.entry-footer .post-taxonomies .tags-links a[rel='tag']")
    assert [a.text() for a in tag_links] == [t.name for t in page.article.tags]
    bio = _one(tree, "article > div.author-bio")
    _one(bio, "img.avatar.avatar-85.photo")
    assert _one(bio, "h2.author-title").text() == "By Victoria Jones"
    _one(tree, "main > nav.navigation.post-navigation .nav-links .nav-previous p.meta-nav")
    related = _one(tree, "main > section.related-posts > ul.wp-block-latest-posts.is-grid")
    items = related.css("li")
    assert len(items) == len(page.related) > 0
    for item, teaser in zip(items, page.related, strict=True):
        img = _one(item, ".wp-block-latest-posts__featured-image > a > img.attachment-thumbnail.wp-post-image")
        assert img.attributes["src"] == teaser.image.url  # type: ignore[union-attr]
        assert _one(item, "a.wp-block-latest-posts__post-title").attributes["href"] == teaser.url
        _one(item, "time.wp-block-latest-posts__post-date")
    assert main.css_first("aside") is None  # the widgets are outside the content
    area = _one(tree, "#page > aside.widget-area")
    ids = [s.attributes["id"] for s in area.css("section.widget")]
    assert ids == ["recent-posts-2", "tag_cloud-2", "calendar-2", "archives-2"]
    assert [h.text() for h in area.css("h2.widget-title")] == ["Recent Posts", "Tags", "Archives"]
    assert len(area.css("section.widget_recent_entries > nav > ul > li > span.post-date")) == len(page.recent) > 0
    _one(area, "section.widget_tag_cloud .tagcloud")
    _one(area, "section.widget_calendar > #calendar_wrap.calendar_wrap > table#wp-calendar")
    _one(area, "section.widget_archive > nav > ul")
    _one(tree, "#page > footer#colophon.site-footer > .site-info > .site-name")


def test_the_continents_are_listed_once(article_doc: str) -> None:
    """The bundled sample has a primary menu of the continents: the category menu is not shown
    beside it (it is the header's fallback for a site without menus)."""
    tree = _tree(article_doc)
    assert [a.text() for a in tree.css("a")].count("ASIA") == 2  # the header's menu and the breadcrumbs
    no_menus = Corpus(
        site=SAMPLE.site,
        categories=SAMPLE.categories,
        tags=SAMPLE.tags,
        authors=SAMPLE.authors,
        articles=[a for a in SAMPLE.articles if a.kind == "post"],
    )
    html = document_html(build_article_page(no_menus, SEED_SLUG, as_of=SEED_AS_OF, related=False))
    menu = _one(_tree(html), "nav.primary-navigation ul.menu-wrapper")
    assert [a.text() for a in menu.css("a")] == [
        c.name for c in build_article_page(no_menus, SEED_SLUG, as_of=SEED_AS_OF, related=False).menu
    ]
    assert "menu-item-object-category" in html


def _listing_view(url: str) -> object:
    r = SAMPLE.cached(router)
    index = SearchIndex.build(SAMPLE)
    try:
        return r.view(
            url,
            as_of=SEED_AS_OF,
            search=lambda q, page, per: index.search(q, as_of=SEED_AS_OF, page=page, per_page=per),
        )
    finally:
        index.close()


def test_category_page_two_and_search_have_wordpress_classes() -> None:
    base = SAMPLE.site.base_url.rstrip("/")
    view = _listing_view(f"{base}/category/world/asia/page/2/")
    tree = _tree(document_html(view))  # type: ignore[arg-type]
    body = set(_classes(_one(tree, "body")))
    assert {"archive", "paged", "category", "category-asia", "paged-2", "category-paged-2", "hfeed"} <= body
    assert _one(tree, "main header.page-header > h1.page-title").text() == "Category: ASIA"
    posts = tree.css("main.site-main > article.hentry.entry")
    assert len(posts) == len(view.posts) > 0  # type: ignore[attr-defined]
    for post in posts:
        _one(post, "header.entry-header > h2.entry-title > a")
        _one(post, "footer.entry-footer time.entry-date")
    _one(tree, "main nav.navigation.pagination a.prev.page-numbers")
    search = _listing_view(f"{base}/?s=seoul")
    tree = _tree(document_html(search, lang="fr"))  # type: ignore[arg-type]
    assert {"search", "search-results"} <= set(_classes(_one(tree, "body")))
    assert _one(tree, "h1.page-title").text() == "Résultats de recherche pour : « seoul »"
    total = search.pagination.total  # type: ignore[attr-defined]
    assert _one(tree, ".search-result-count").text() == f"Nous avons trouvé {total} résultats pour votre recherche."


def test_french_labels() -> None:
    page = build_article_page(SAMPLE, SEED_SLUG, as_of=SEED_AS_OF)
    tree = _tree(document_html(page, lang="fr"))
    assert _one(tree, "html").attributes["lang"] == "fr"
    assert _one(tree, "h2.related-posts-title").text() == "Articles similaires"
    assert [h.text() for h in tree.css("h2.widget-title")] == ["Articles récents", "Étiquettes", "Archives"]
    assert _one(tree, "a.skip-link").text() == "Aller au contenu"
    assert _one(tree, "p.toc-title").text() == "Table des matières"
    assert [p.text() for p in tree.css("p.meta-nav")] == ["Article précédent", "Article suivant"][
        : len(tree.css("p.meta-nav"))
    ]
    english = document_html(page)
    assert "Articles similaires" not in english and "Related Posts" in english
    assert document_html(page, lang="xx-YY") == english.replace('<html lang="en">', '<html lang="xx-YY">')
    assert document_html(page, lang="fr-FR") == document_html(page, lang="fr").replace('lang="fr"', 'lang="fr-FR"', 1)


def test_text_and_urls_from_content_are_escaped() -> None:
    evil = '<script>alert("x")</script> & Co'
    site = Site(name=evil, base_url="https://e.org", description=evil)
    cats = [Category(id="1", slug="evil", name=evil)]
    tags = [Tag(id="2", slug="t", name=evil)]
    authors = [Author(id="3", slug="a", name=evil, bio=evil, avatar_url="https://e.org/a.jpg?x=1&y=2")]
    image = FeatureImage(url='https://e.org/i.jpg?a=1&b="2"', alt=evil, caption=evil, credit=evil)
    art = Article(
        id="4",
        slug="evil-post",
        title=evil,
        published=SEED_AS_OF,
        category_ids=("1",),
        tag_ids=("2",),
        bylines=(Byline(author_id="3"),),
        feature_image=image,
        excerpt=evil,
    )
    corpus = Corpus(site=site, categories=cats, tags=tags, authors=authors, articles=[art])
    for lang in ("en", "fr"):
        html = document_html(build_article_page(corpus, "4", as_of=SEED_AS_OF), lang=lang)
        listing = document_html(build_listing_page(corpus, ListingKey.home(), as_of=SEED_AS_OF), lang=lang)
        for doc in (html, listing):
            assert "<script>" not in doc
            tree = _tree(doc)
            assert tree.css("script") == []
            assert evil in tree.body.text()  # type: ignore[union-attr]
    img = _one(_tree(html), "img.wp-post-image")
    assert img.attributes["src"] == image.url and img.attributes["alt"] == evil


def test_not_found_page() -> None:
    nf = NotFound(path="/x/", reason="no <page> here", suggestion="https://e.org/y/?a=1&b=2")
    header = SiteHeader.of(Site(name="S", base_url="https://e.org"))
    tree = _tree(not_found_html(nf, header, lang="fr"))
    assert "error404" in _classes(_one(tree, "body"))
    assert _one(tree, "h1.page-title").text() == "Rien ici"
    content = _one(tree, "main .error-404.not-found .page-content")
    assert "no <page> here" in content.text()
    assert _one(content, "a").attributes["href"] == "https://e.org/y/?a=1&b=2"
    assert _one(tree, "title").text() == "Page introuvable – S"
    assert tree.css("aside.widget-area") == []


def test_default_stylesheet_inlined_or_linked(article_doc: str) -> None:
    css = default_stylesheet()
    assert 1_000 < len(css.encode()) < 10_000
    assert _one(_tree(article_doc), "style#newsmodel-css").text().strip() == css.strip()
    page = build_article_page(SAMPLE, SEED_SLUG, as_of=SEED_AS_OF, related=False)
    linked = _tree(document_html(page, stylesheet=DEFAULT_STYLESHEET_PATH))
    assert _one(linked, "link[rel=stylesheet]").attributes["href"] == DEFAULT_STYLESHEET_PATH
    assert linked.css("style") == []
    assert DEFAULT_STYLESHEET_PATH.startswith("/") and DEFAULT_STYLESHEET_PATH.endswith(".css")
    both = _tree(document_html(page, stylesheet=["/a.css?x=1&y=2", "/b.css"]))
    assert [link.attributes["href"] for link in both.css("link[rel=stylesheet]")] == ["/a.css?x=1&y=2", "/b.css"]
    assert both.css("style") == []


# --------------------------------------------------------------------------- the catalogue


def _used_messages() -> set[str | tuple[str, ...]]:
    out: set[str | tuple[str, ...]] = set()
    for name in VIEWS:
        for _lineno, message, _comments, _context in extract_from_file("python", str(PKG / name)):
            out.add(_key(message))  # type: ignore[arg-type]
    return out


def test_every_label_used_is_in_the_template() -> None:
    used = _used_messages()
    assert "Related Posts" in used and "Previous Post" in used
    with open(LOCALE_DIR / "newsmodel.pot", "rb") as f:
        template = {_key(m.id) for m in read_po(f) if m.id}
    assert used == template  # run the extraction of docs/theme.md when this fails


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, (list, tuple)) else value


@pytest.mark.parametrize("lang", languages())
def test_each_compiled_catalogue_matches_its_source(lang: str) -> None:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    with open(folder / "newsmodel.po", "rb") as f:
        po = {_key(m.id): _key(m.string) for m in read_po(f) if m.id}
    with open(folder / "newsmodel.mo", "rb") as f:
        mo = {_key(m.id): _key(m.string) for m in read_mo(f) if m.id}
    assert mo == po  # run `pybabel compile` (docs/theme.md) when this fails
    with open(LOCALE_DIR / "newsmodel.pot", "rb") as f:
        assert set(po) == {_key(m.id) for m in read_po(f) if m.id}
    for string in po.values():
        assert all(string) if isinstance(string, tuple) else string  # every message translated


def test_french_is_shipped_and_unknown_languages_are_english() -> None:
    assert "fr" in languages()
    assert isinstance(translation("fr"), gettext.GNUTranslations)
    assert translation("de").gettext("Tags") == "Tags"
    assert translation("FR_ca").gettext("Tags") == "Étiquettes"
    assert attrs.has(SiteHeader)  # the header type stays a value


def test_a_static_page_is_a_page_not_a_post() -> None:
    page = build_article_page(SAMPLE, "14", as_of=SEED_AS_OF)  # Legal Pages, with children
    tree = _tree(document_html(page))
    body = _classes(_one(tree, "body"))
    assert body[:5] == ["wp-singular", "page-template-default", "page", "page-id-14", "page-parent"]
    assert "single" not in body
    article = _one(tree, "main > article")
    assert _classes(article)[:3] == ["post-14", "page", "type-page"]
    assert "format-standard" not in _classes(article)
    header = _one(article, "header.entry-header")
    assert header.css(".entry-meta") == [] and header.css(".byline") == []  # content-page.php: title only
    assert len(article.css(".child-pages li.page_item")) == len(page.child_pages) > 0


def test_the_entry_footer_has_the_update_date_and_the_taxonomies() -> None:
    site = Site(name="S", base_url="https://e.org")
    cats = [Category(id="1", slug="asia", name="Asia")]
    tags = [Tag(id="2", slug="a", name="A"), Tag(id="3", slug="b", name="B")]
    published = datetime(2025, 12, 1, 12, tzinfo=timezone.utc)
    art = Article(
        id="4",
        slug="p",
        title="P",
        published=published,
        modified=published + timedelta(days=3),
        category_ids=("1",),
        tag_ids=("2", "3"),
    )
    corpus = Corpus(site=site, categories=cats, tags=tags, articles=[art])
    tree = _tree(document_html(build_article_page(corpus, "4", as_of=SEED_AS_OF), lang="fr"))
    footer = _one(tree, "article > footer.entry-footer")
    assert _one(footer, ".posted-by time.entry-date.updated").attributes["datetime"] == "2025-12-04T12:00:00+00:00"
    assert _one(footer, ".posted-by").text() == "Mis à jour le December 4, 2025"
    assert _one(footer, ".tags-links").text() == "Étiqueté A, B"
    assert _one(footer, ".cat-links").text().strip() == "Classé dans Asia"
    same_day = attrs.evolve(art, modified=published + timedelta(hours=2))
    corpus = Corpus(site=site, categories=cats, tags=tags, articles=[same_day])
    tree = _tree(document_html(build_article_page(corpus, "4", as_of=SEED_AS_OF)))
    assert _one(tree, "article > footer.entry-footer > .posted-by").text() == ""


def test_every_document_is_balanced_with_unique_ids(article_doc: str) -> None:
    """Every element closed in order (the standard library's parser, which repairs nothing) and
    no id twice, for each kind of document and both languages."""
    base = SAMPLE.site.base_url.rstrip("/")
    docs = [article_doc, document_html(build_article_page(SAMPLE, "14", as_of=SEED_AS_OF), lang="fr")]
    for url in (f"{base}/category/world/asia/page/2/", f"{base}/?s=seoul", f"{base}/?s=zzzzqqq"):
        docs.append(document_html(_listing_view(url), lang="fr"))  # type: ignore[arg-type]
    docs.append(not_found_html(NotFound(path="/x/", reason="r"), SiteHeader.of(SAMPLE.site)))
    for doc in docs:
        body = doc[doc.index("<body") : doc.index("</html>")]
        _parse(body)
        ids = [node.attributes["id"] or "" for node in _tree(doc).css("[id]")]
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    empty = _tree(docs[-2])
    assert {"search", "search-no-results"} <= set(_classes(_one(empty, "body")))
    _one(empty, "main > section.no-results.not-found > div.page-content > p")


def test_a_language_tag_never_names_a_path() -> None:
    """A tag from a request (``Accept-Language``, ``?lang=``) reaching ``translation`` must not
    load a catalogue from elsewhere on the disk."""
    top = Path(tempfile.gettempdir()) / f"nmlabels{os.getpid()}"  # no "-" or "_": a plain path
    folder = top / "elsewhere" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        (folder / "newsmodel.mo").write_bytes((LOCALE_DIR / "fr" / "LC_MESSAGES" / "newsmodel.mo").read_bytes())
        sneaky = os.path.relpath(top / "elsewhere", LOCALE_DIR)
        assert ".." in sneaky
        assert translation(sneaky).gettext("Tags") == "Tags"
        assert translation(str(top / "elsewhere")).gettext("Tags") == "Tags"
    finally:
        shutil.rmtree(top)
    page = build_article_page(SAMPLE, SEED_SLUG, as_of=SEED_AS_OF, related=False)
    html = document_html(page, lang='"><script>x</script>')
    assert "<script>x" not in html and "Recent Posts" in html
