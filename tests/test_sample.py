"""The sample corpus: deterministic, shaped like the seed site, and honest about the bundled file."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from newsmodel.sample import (
    BUNDLED_ARTICLES,
    MENU_LOCATIONS,
    PAGE_SLUGS,
    SEED_AS_OF,
    SEED_SLUG,
    generate,
    load_bundled,
)
from newsmodel.values.body import Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import ArticleStatus, ContentKind


def _posts(corpus: Corpus) -> list[str]:
    return [a.id for a in corpus.articles if a.kind == ContentKind.POST]


@pytest.fixture(scope="module")
def sample() -> Corpus:
    return generate(articles=3000)


def test_deterministic() -> None:
    one, two = generate(articles=300, seed=3), generate(articles=300, seed=3)
    assert one.articles == two.articles and one.tags == two.tags and one.authors == two.authors
    assert generate(articles=300, seed=4).articles != one.articles


def test_seed_article(sample: Corpus) -> None:
    a = sample.article_by_slug(SEED_SLUG)
    assert a.title == "Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines"
    assert [c.name for c in sample.path(a.primary_category_id or "")] == ["World", "ASIA", "South Korea", "Seoul"]
    assert [sample.author(i).name for i in a.author_ids] == ["Victoria Jones"]
    assert a.source is not None and a.source.publisher == "The Korea Herald"
    assert len(list(a.body.headings())) == 4
    # The seed page lists 21 tags, "Kim Jong Un" and "Kim Jong-un" among them: two terms, as
    # wp_unique_term_slug makes them.
    assert len(a.tag_ids) == 21
    assert [(sample.tag(t).slug, sample.tag(t).name) for t in a.tag_ids if "kim-jong" in sample.tag(t).slug] == [
        ("kim-jong-un", "Kim Jong Un"),
        ("kim-jong-un-2", "Kim Jong-un"),
    ]
    assert not any(t.aliases for t in sample.tags)
    assert a.published is not None and a.published.astimezone(sample.site.zone).date().isoformat() == "2025-12-16"


def test_shape(sample: Corpus) -> None:
    assert len(sample.authors) == 40
    assert all(a.bio for a in sample.authors)
    depths = Counter(sample.depth(c.id) for c in sample.categories)
    assert depths[0] == 1 and depths[1] == 6 and depths[2] == depths[3] > 40
    assert {c.name for c in sample.children(sample.categories[0].id)} == {
        "AFRICA",
        "AMERICA",
        "ASIA",
        "EUROPE",
        "MIDDLE EAST",
        "OCEANIA",
    }
    visible = sample.visible(SEED_AS_OF)
    assert visible[0].published is not None and visible[0].published <= SEED_AS_OF
    # About 1,000 articles a month.
    last_30_days = sample.articles_between(SEED_AS_OF - timedelta(days=30), SEED_AS_OF)
    assert 850 <= len(last_30_days) <= 1150
    statuses = sample.status_counts()
    assert statuses["scheduled"] == 2 and statuses["draft"] > 0
    assert all(not a.is_visible(SEED_AS_OF) for a in sample.articles if a.status is ArticleStatus.SCHEDULED)


def test_tags_are_zipf_like(sample: Corpus) -> None:
    counts = Counter(t for a in sample.articles for t in a.tag_ids)
    ranked = [n for _, n in counts.most_common()]
    share_of_top = ranked[0] / len(_posts(sample))
    assert 0.2 <= share_of_top <= 0.4  # "China" on about a quarter of the site
    assert sum(1 for n in ranked if n <= 3) > len(ranked) / 4  # a long tail of rare tags
    # Near-duplicate spellings are tags of their own, as on a WordPress site.
    assert sum(1 for t in sample.tags if t.slug.endswith("-2")) >= 4


def test_bodies_have_headings_paragraphs_and_lists(sample: Corpus) -> None:
    kinds = Counter(type(b).__name__ for a in sample.articles[:300] for b in a.body.walk())
    assert kinds["Heading"] > 300 and kinds["Paragraph"] > 600 and kinds["ListBlock"] > 20


def test_short_bodies() -> None:
    corpus = generate(articles=50, short_bodies=True)
    assert all(len(a.body.blocks) == 1 for a in corpus.articles if a.slug != SEED_SLUG)


@pytest.mark.parametrize("n", [1, 2, 3, 200, 2000])
def test_exactly_the_number_of_articles_asked_for(n: int) -> None:
    corpus = generate(articles=n, short_bodies=True)
    assert len(_posts(corpus)) == n
    assert len(corpus.articles) == n + len(PAGE_SLUGS)
    assert corpus.status_counts().get("scheduled", 0) == min(2, n - 1)
    assert corpus.article_by_slug(SEED_SLUG).status is ArticleStatus.PUBLISHED


def test_the_sample_command_writes_the_number_asked_for(tmp_path: Path) -> None:
    from newsmodel.cli import main
    from newsmodel.serialize import read_corpus

    out = tmp_path / "s.jsonl"
    assert main(["sample", "--articles", "20", "--short-bodies", "-o", str(out)]) == 0
    assert len(_posts(read_corpus(out))) == 20


def test_refuses_zero_articles() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        generate(articles=0)


def test_bundled_file_is_the_generators_output() -> None:
    """The shipped sample.jsonl.gz is exactly ``generate(articles=BUNDLED_ARTICLES)``, read back losslessly."""
    bundled = load_bundled()
    generated = generate(articles=BUNDLED_ARTICLES)
    assert bundled.site == generated.site
    assert bundled.authors == generated.authors
    assert bundled.categories == generated.categories
    assert bundled.tags == generated.tags
    assert bundled.articles == generated.articles
    assert bundled.menus == generated.menus and len(bundled.menus) == 2


def test_same_bytes_twice(tmp_path: Path) -> None:
    """Same arguments, same corpus file, byte for byte."""
    from newsmodel.serialize import write_corpus

    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    write_corpus(generate(articles=400, seed=7), one)
    write_corpus(generate(articles=400, seed=7), two)
    assert one.read_bytes() == two.read_bytes()


def test_titles_read_like_news(sample: Corpus) -> None:
    """No headline twice, many words, many openings: not one sentence with its blanks refilled."""
    titles = [a.title for a in sample.articles]
    assert len(set(titles)) == len(titles)
    words = [w.lower() for t in titles for w in t.split()]
    assert len(set(words)) >= 1000
    assert len({" ".join(t.split()[:3]) for t in titles}) >= 1000
    # The most common two-word opening starts fewer than 3% of the headlines.
    assert Counter(" ".join(t.split()[:2]) for t in titles).most_common(1)[0][1] < 0.03 * len(titles)
    assert all(t[0].isupper() or t[0].isdigit() for t in titles)


def test_bodies_are_sentences_each_said_once(sample: Corpus) -> None:
    for article in sample.articles[:500]:
        sentences: list[str] = []
        for block in article.body.walk():
            if isinstance(block, Paragraph):
                text = "".join(t.text for t in block.content if isinstance(t, Text))
                assert "{" not in text and "}" not in text, text
                assert text[0].isupper() or text[0].isdigit(), text
                sentences += [s for s in text.split(". ") if s]
        assert len(sentences) == len(set(sentences)), article.slug
        words = " ".join(sentences).lower().split()
        assert not any(a == b for a, b in itertools.pairwise(words)), article.slug


def test_generated_sources_are_invented_and_match_the_headline(sample: Corpus) -> None:
    """The seed keeps its real source; generated articles credit invented outlets on an example domain,
    with the headline as the source wrote it (sentence case) under the site's title-case title."""
    from newsmodel._sampletext import PUBLISHERS

    for article in sample.articles:
        if article.slug == SEED_SLUG or article.status is ArticleStatus.SCHEDULED or article.kind != "post":
            continue  # the seed keeps its real source; previews and the site's pages have none
        assert article.source is not None
        assert article.source.publisher in PUBLISHERS
        assert (article.source.url or "").startswith("https://news.example/")
        assert article.source.headline is not None and article.source.headline.lower() == article.title.lower()


def test_the_lede_names_the_city(sample: Corpus) -> None:
    """An article opens on its place: the first paragraph names the city it is filed under."""
    for article in sample.articles[:500]:
        if article.slug == SEED_SLUG or article.status is ArticleStatus.SCHEDULED:
            continue
        lede = article.body.blocks[0]
        assert isinstance(lede, Paragraph)
        city = sample.category(article.primary_category_id or "").name
        assert city in "".join(t.text for t in lede.content if isinstance(t, Text)), article.slug


def test_pages_as_on_the_seed_page(sample: Corpus) -> None:
    """The seed page's top bar: four pages, "Legal Pages" the parent of the five legal ones."""
    pages = [a for a in sample.articles if a.kind == ContentKind.PAGE]
    assert [p.slug for p in pages] == list(PAGE_SLUGS)
    assert all(p.is_visible(SEED_AS_OF) is False and p.is_public(SEED_AS_OF) for p in pages)
    legal = sample.article_by_slug("legal-pages")
    children = [p.title for p in pages if p.parent_id == legal.id]
    assert children == [
        "Privacy Policy",
        "Terms of Use",
        "Cookie Privacy Policy",
        "DMCA",
        "California Consumer Privacy Act (CCPA)",
    ]
    assert [p.menu_order for p in pages if p.parent_id == legal.id] == [1, 2, 3, 4, 5]
    assert all(p.parent_id is None for p in pages if p.id != legal.id and p.title not in children)
    # Readable bodies: one paragraph of whole sentences each.
    blocks = [p.body.blocks for p in pages]
    assert all(len(b) == 1 and isinstance(b[0], Paragraph) and b[0].text.endswith(".") for b in blocks)
    # Pages count nowhere a post counts: not in the visible posts, the calendar or the archives.
    assert not {p.id for p in pages} & {a.id for a in sample.visible(SEED_AS_OF)}


def test_menus_resolve_back_to_the_pages_and_continents(sample: Corpus) -> None:
    """Every link of the sample's two menus is a URL the router maps back to the page or the
    continent's category the item points at."""
    from newsmodel.pages.listing import ListingKey
    from newsmodel.pages.router import ArticleTarget, ListingTarget, router
    from newsmodel.widgets.menus import site_menus

    top, main = site_menus(sample, as_of=SEED_AS_OF)
    assert (
        (top.locations, main.locations)
        == ((MENU_LOCATIONS[0],), (MENU_LOCATIONS[1],))
        == (
            ("secondary",),
            ("primary",),
        )
    )
    assert [(link.depth, link.label) for link in top.items] == [
        (0, "About us"),
        (0, "Our Authors"),
        (0, "Contact Us"),
        (0, "Legal Pages"),
        (1, "Privacy Policy"),
        (1, "Terms of Use"),
        (1, "Cookie Privacy Policy"),
        (1, "DMCA"),
        (1, "California Consumer Privacy Act (CCPA)"),
    ]
    assert [link.label for link in main.items] == ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST", "OCEANIA"]
    resolve = sample.cached(router).resolve
    for link in top.items:
        assert link.url is not None and link.object_id is not None
        assert resolve(link.url, as_of=SEED_AS_OF) == ArticleTarget(article_id=link.object_id, url=link.url)
    assert top.items[4].url == "https://capitalcities.example/legal-pages/privacy-policy/"
    for link in main.items:
        assert link.url is not None and link.object_id is not None
        target = resolve(link.url, as_of=SEED_AS_OF)
        assert target == ListingTarget(key=ListingKey.category(link.object_id), page=1, url=link.url)
        assert sample.category(link.object_id).parent_id == sample.category_by_slug("world").id
