"""Inputs the property tests found, each once a traceback or a wrong answer, kept as the smallest
example.  Digits that ``str.isdigit`` accepts and ``int()`` refuses (``²``) are text, never numbers."""

from __future__ import annotations

from datetime import datetime, timezone

from newsmodel import Article, Corpus, Site
from newsmodel.bodies.htmlparse import parse_html
from newsmodel.pages.router import ArticleTarget, router
from newsmodel.values.body import ListBlock
from newsmodel.widgets.menus import page_menu

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)
SITE = Site(name="S", base_url="https://example.org")


def test_a_page_id_of_a_superscript_digit_sorts_as_text() -> None:
    pages = [
        Article(id="²", slug="b", title="B", kind="page", published=AS_OF),
        Article(id="3", slug="a", title="B", kind="page", published=AS_OF),
    ]
    menu = page_menu(Corpus(site=SITE, articles=pages), as_of=AS_OF)
    assert [item.label for item in menu.items] == ["B", "B"]
    assert [str(item.url).rsplit("/", 2)[-2] for item in menu.items] == ["a", "b"]  # 3 (a number) before ²


def test_a_paged_query_of_a_superscript_digit_is_page_one() -> None:
    post = Article(id="1", slug="a", title="A", published=datetime(2025, 12, 1, tzinfo=timezone.utc))
    r = router(Corpus(site=SITE, articles=[post]))
    target = r.resolve("/2025/12/a/?paged=²", as_of=AS_OF)
    assert isinstance(target, ArticleTarget)


def test_an_ordered_list_starting_at_a_superscript_digit_starts_at_one() -> None:
    block = parse_html('<ol start="²"><li>one</li></ol>').blocks[0]
    assert isinstance(block, ListBlock)
    assert block.start is None


def test_a_url_kept_by_a_draft_and_its_published_copy_is_the_published_one() -> None:
    """Found by the every-link property test: the draft, first in the corpus, hid the post."""
    kept = "https://example.org/0"
    draft = Article(id="1", slug="seoul", title="A", status="draft", canonical_url=kept)
    post = Article(
        id="0", slug="seoul-2", title="A", canonical_url=kept, published=datetime(2024, 1, 1, tzinfo=timezone.utc)
    )
    r = router(Corpus(site=SITE, articles=[draft, post]))
    assert r.resolve(kept, as_of=AS_OF) == ArticleTarget(article_id="0", url=kept)
