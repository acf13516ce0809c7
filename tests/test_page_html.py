"""HTML of breadcrumbs, category lists and menus, post navigation, share links and the whole page."""

from __future__ import annotations

from datetime import datetime, timezone
from html.parser import HTMLParser

from newsmodel.pages.page import build_article_page
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, Category, Site
from newsmodel.views.page_html import (
    article_page_html,
    breadcrumbs_html,
    category_list_html,
    category_menu_html,
    post_navigation_html,
)
from newsmodel.widgets.taxonomy import TaxonomyIndex, category_tree

SITE = Site(name="S", base_url="https://e.org")
T0 = datetime(2025, 12, 16, tzinfo=timezone.utc)
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}


class _Balance(HTMLParser):
    """Checks that every element is closed in order, and collects text and attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v or "" for k, v in attrs if k == "href"]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Balance:
    p = _Balance()
    p.feed(html)
    p.close()
    assert p.errors == []
    assert p.stack == []
    return p


def test_text_from_content_is_escaped() -> None:
    evil = '<script>alert("x")</script> & Co'
    cats = [Category(id="1", slug="evil", name=evil)]
    art = Article(id="a", slug="evil-post", title=evil, published=T0, category_ids=("1",))
    corpus = Corpus(site=SITE, categories=cats, articles=[art])
    page = build_article_page(corpus, "a", as_of=T0)
    html = article_page_html(page, SITE)
    assert "<script>" not in html
    parsed = _parse(html)
    assert evil in "".join(parsed.text)
    index = TaxonomyIndex.from_corpus(corpus)
    for fragment in (
        breadcrumbs_html(index.breadcrumbs(art)),
        category_menu_html(index.menu()),
        category_list_html(index.tree(as_of=T0), SITE),
    ):
        assert "<script>" not in fragment
        assert evil in "".join(_parse(fragment).text)


def test_category_list_fifty_levels_deep_is_nested_and_balanced() -> None:
    cats = [Category(id="l0", slug="level-0", name="Level 0")]
    cats += [Category(id=f"l{i}", slug=f"level-{i}", name=f"Level {i}", parent_id=f"l{i - 1}") for i in range(1, 50)]
    art = Article(id="a", slug="deep", title="Deep", published=T0, category_ids=("l49",))
    html = category_list_html(category_tree(cats, [art], as_of=T0), SITE)
    parsed = _parse("<ul>" + html + "</ul>")
    assert html.count("<ul class='children'>") == 49
    assert html.count(" (1)\n") == 50
    assert parsed.hrefs[-1] == "https://e.org/category/" + "/".join(f"level-{i}" for i in range(50)) + "/"
    direct = category_list_html(category_tree(cats, [art], as_of=T0), SITE, include_descendants=False)
    assert direct.count(" (0)\n") == 49


def test_seed_page_html_has_every_part() -> None:
    corpus = generate(articles=2000, short_bodies=True)
    page = build_article_page(corpus, SEED_SLUG, as_of=SEED_AS_OF)
    html = page._repr_html_()
    parsed = _parse(html)
    text = "".join(parsed.text)
    for needle in (
        "Thursday, January 15, 2026",
        "Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines",
        "Victoria Jones",
        "Table of Contents",
        "Closing Remarks",
        "Related Posts",
        "Recent Posts",
        "December 2025",
        "Archives",
    ):
        assert needle in text, needle
    assert 'class="nav-links"' in html
    assert 'id="wp-calendar"' in html
    assert page.article.body_html in html
    assert any(h.startswith("https://www.facebook.com/sharer/sharer.php?u=") for h in parsed.hrefs)
    assert article_page_html(page, corpus.site).count("https://capitalcities.example/2025/12/") >= 1


def test_post_navigation_markup() -> None:
    corpus = generate(articles=400, short_bodies=True)
    page = build_article_page(corpus, SEED_SLUG, as_of=SEED_AS_OF, related=False)
    html = post_navigation_html(page.previous, page.next)
    assert html.startswith('<nav class="navigation post-navigation" aria-label="Posts">')
    assert ('class="nav-previous"' in html) == (page.previous is not None)
    assert ('class="nav-next"' in html) == (page.next is not None)
    assert 'rel="next"' in html
    _parse(html)
