"""Category tree with counts, breadcrumbs and menus: scans, the index, and bad input."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import CategoryCycle, InvalidDatetime, InvalidValue, UnknownId
from newsmodel.values.model import Article, ArticleStatus, Category
from newsmodel.widgets.taxonomy import (
    CategoryNode,
    TaxonomyIndex,
    breadcrumbs,
    category_counts,
    category_menu,
    category_path,
    category_tree,
    taxonomy_index,
)
from widget_strategies import SITE, as_ofs, corpora

T0 = datetime(2025, 12, 16, 9, 0, tzinfo=timezone.utc)
SAMPLE = generate(articles=1200, short_bodies=True)


def _flatten(nodes: tuple[CategoryNode, ...]) -> list[CategoryNode]:
    out: list[CategoryNode] = []
    stack = list(reversed(nodes))
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


@settings(max_examples=150, deadline=None)
@given(corpora(), st.lists(as_ofs, min_size=1, max_size=4), st.integers(min_value=1, max_value=5))
def test_remembered_trees_equal_the_scan(corpus: Corpus, moments: list[datetime], step: int) -> None:
    # Small snapshot steps put snapshot boundaries everywhere, the end of the timeline included.
    index = TaxonomyIndex(corpus.site, corpus.categories, corpus.articles, step=step)
    for as_of in [*moments, *reversed(moments)]:
        assert index.tree(as_of=as_of) == category_tree(corpus.categories, corpus.articles, as_of=as_of)
        assert index.all_counts(as_of=as_of) == category_counts(corpus.categories, corpus.articles, as_of=as_of)


@settings(max_examples=150, deadline=None)
@given(corpora(), as_ofs)
def test_index_answers_equal_the_scan(corpus: Corpus, as_of: datetime) -> None:
    index = TaxonomyIndex.from_corpus(corpus)
    assert index.all_counts(as_of=as_of) == category_counts(corpus.categories, corpus.articles, as_of=as_of)
    assert index.tree(as_of=as_of) == category_tree(corpus.categories, corpus.articles, as_of=as_of)
    for cat in corpus.categories:
        assert index.tree(as_of=as_of, root_id=cat.id) == category_tree(
            corpus.categories, corpus.articles, as_of=as_of, root_id=cat.id
        )
        assert index.menu(cat.id) == category_menu(corpus.categories, site=SITE, parent_id=cat.id)
        assert index.path(cat.id) == corpus.path(cat.id)
    assert index.menu() == category_menu(corpus.categories, site=SITE)
    for art in corpus.articles:
        assert index.breadcrumbs(art) == breadcrumbs(corpus.categories, art, site=SITE)


@settings(max_examples=150, deadline=None)
@given(corpora(), as_ofs)
def test_tree_invariants(corpus: Corpus, as_of: datetime) -> None:
    nodes = _flatten(category_tree(corpus.categories, corpus.articles, as_of=as_of))
    assert sorted(n.category.id for n in nodes) == sorted(c.id for c in corpus.categories)
    visible = [a for a in corpus.articles if a.is_visible(as_of)]
    for n in nodes:
        assert n.depth == corpus.depth(n.category.id)
        # Oracle: direct count and descendant-inclusive count from the corpus's own queries.
        assert n.count == sum(1 for a in visible if n.category.id in a.category_ids)
        subtree = {n.category.id} | {d.id for d in corpus.descendants(n.category.id)}
        assert n.total == sum(1 for a in visible if subtree.intersection(a.category_ids))
        assert n.count <= n.total <= len(visible)
        assert all(c.total <= n.total for c in n.children)
        names = [(c.category.name.casefold(), c.category.name, c.category.id) for c in n.children]
        assert names == sorted(names)


@settings(max_examples=100, deadline=None)
@given(corpora())
def test_breadcrumbs_follow_the_primary_category(corpus: Corpus) -> None:
    for art in corpus.articles:
        crumbs = breadcrumbs(corpus.categories, art, site=SITE)
        assert crumbs[0].label == "Home"
        assert crumbs[0].url == "https://example.org/"
        main = art.main_category_id
        expected = [] if main is None else [c.id for c in corpus.path(main)]
        assert [c.category_id for c in crumbs[1:]] == expected
        # Each crumb's URL extends its parent's.
        for parent, child in itertools.pairwise(crumbs):
            assert child.url.startswith(parent.url.rstrip("/"))


def test_seed_breadcrumbs_match_the_seed_page() -> None:
    corpus = SAMPLE
    article = corpus.article_by_slug(SEED_SLUG)
    crumbs = corpus.cached(taxonomy_index).breadcrumbs(article)
    assert " › ".join(c.label for c in crumbs) == "Home › World › ASIA › South Korea › Seoul"
    assert crumbs[-1].url.endswith("/category/world/asia/south-korea/seoul/")


def test_seed_menu_is_the_continents() -> None:
    corpus = SAMPLE
    index = corpus.cached(taxonomy_index)
    menu = index.menu(index.default_menu_parent())
    assert [m.name for m in menu] == ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST", "OCEANIA"]


def test_counts_on_the_bundled_sample_agree_with_the_corpus_queries() -> None:
    corpus = SAMPLE
    index = corpus.cached(taxonomy_index)
    visible = {a.id for a in corpus.visible(SEED_AS_OF)}
    for cat in corpus.categories[:25]:
        direct, total = index.counts(cat.id, as_of=SEED_AS_OF)
        assert direct == sum(1 for a in corpus.articles_by_category(cat.id) if a.id in visible)
        assert total == sum(1 for a in corpus.articles_by_category(cat.id, descendants=True) if a.id in visible)


def test_category_path_fifty_levels_deep() -> None:
    cats = [Category(id="l0", slug="level-0", name="Level 0")]
    cats += [Category(id=f"l{i}", slug=f"level-{i}", name=f"Level {i}", parent_id=f"l{i - 1}") for i in range(1, 50)]
    art = Article(id="a", slug="deep", title="Deep", published=T0, category_ids=("l49",))
    corpus = Corpus(site=SITE, categories=cats, articles=[art])
    index = TaxonomyIndex.from_corpus(corpus)
    crumbs = index.breadcrumbs(art)
    assert len(crumbs) == 51
    assert crumbs[-1].url == "https://example.org/category/" + "/".join(f"level-{i}" for i in range(50)) + "/"
    (root,) = index.tree(as_of=T0)
    node, depth = root, 0
    while node.children:
        assert node.total == 1
        (node,) = node.children
        depth += 1
    assert (depth, node.depth, node.count) == (49, 49, 1)
    assert index.tree(as_of=T0) == category_tree(cats, [art], as_of=T0)


def test_a_very_deep_tree_needs_no_recursion() -> None:
    cats = [Category(id="l0", slug="level-0", name="L")]
    cats += [Category(id=f"l{i}", slug=f"level-{i}", name="L", parent_id=f"l{i - 1}") for i in range(1, 3000)]
    (root,) = category_tree(cats, [], as_of=T0)
    assert root.total == 0


def test_no_published_posts_gives_zero_counts() -> None:
    cats = [Category(id="w", slug="world", name="World")]
    arts = [
        Article(id="1", slug="draft", title="Draft", status=ArticleStatus.DRAFT, category_ids=("w",)),
        Article(id="2", slug="future", title="Future", published=T0 + timedelta(days=1), category_ids=("w",)),
    ]
    corpus = Corpus(site=SITE, categories=cats, articles=arts)
    (node,) = corpus.cached(taxonomy_index).tree(as_of=T0)
    assert (node.count, node.total) == (0, 0)
    # The future post counts once its day has come.
    (node,) = corpus.cached(taxonomy_index).tree(as_of=T0 + timedelta(days=1))
    assert (node.count, node.total) == (1, 1)


def test_an_article_in_parent_and_child_counts_once_in_the_parent() -> None:
    cats = [Category(id="w", slug="world", name="World"), Category(id="a", slug="asia", name="Asia", parent_id="w")]
    arts = [Article(id="1", slug="x", title="X", published=T0, category_ids=("a", "w"))]
    assert category_counts(cats, arts, as_of=T0) == {"w": (1, 1), "a": (1, 1)}


def test_cycles_and_unknown_ids_are_clear_errors() -> None:
    cyc = {
        "a": Category(id="a", slug="a", name="A", parent_id="b"),
        "b": Category(id="b", slug="b", name="B", parent_id="a"),
    }
    with pytest.raises(CategoryCycle, match="'a'"):
        category_path(cyc, "a")
    with pytest.raises(UnknownId, match="'nope'"):
        category_path(cyc, "nope")
    with pytest.raises(UnknownId, match="'nope'"):
        category_menu(cyc, site=SITE, parent_id="nope")
    corpus = Corpus(site=SITE, categories=[Category(id="w", slug="world", name="World")])
    with pytest.raises(UnknownId, match="'nope'"):
        corpus.cached(taxonomy_index).counts("nope", as_of=T0)
    with pytest.raises(InvalidValue, match="step 0"):
        TaxonomyIndex(SITE, corpus.categories, corpus.articles, step=0)


@given(st.datetimes())
def test_naive_as_of_is_refused(naive: datetime) -> None:
    with pytest.raises(InvalidDatetime, match="as_of"):
        category_counts([], [], as_of=naive)


@st.composite
def _forests_with_articles(draw: st.DrawFn) -> tuple[list[Category], list[Article], datetime]:
    """A random forest (parents drawn among earlier categories, or a chain), articles filed in
    several categories of one branch and of different branches, and an ``as_of`` among them."""
    size = draw(st.integers(min_value=1, max_value=40))
    if draw(st.booleans()):
        parents = [None, *range(size - 1)]  # one chain, as deep as it gets
    else:
        parents = [None] + [draw(st.none() | st.integers(0, i - 1)) for i in range(1, size)]
    cats = [
        Category(id=f"c{i}", slug=f"c{i}", name=f"C{i}", parent_id=None if p is None else f"c{p}")
        for i, p in enumerate(parents)
    ]
    ids = [c.id for c in cats]
    filings = draw(st.lists(st.lists(st.sampled_from(ids), max_size=5), max_size=40))
    minutes = draw(st.lists(st.integers(0, 20), min_size=len(filings), max_size=len(filings)))
    arts = [
        Article(id=f"a{n}", slug=f"a{n}", title="A", published=T0 + timedelta(minutes=m), category_ids=tuple(cids))
        for n, (cids, m) in enumerate(zip(filings, minutes, strict=True))
    ]
    as_of = T0 + timedelta(minutes=draw(st.integers(-1, 21)))
    return cats, arts, as_of


@settings(max_examples=300, deadline=None)
@given(_forests_with_articles(), st.integers(min_value=1, max_value=5))
def test_index_counts_equal_the_scan_on_random_forests(
    case: tuple[list[Category], list[Article], datetime], step: int
) -> None:
    cats, arts, as_of = case
    index = TaxonomyIndex(SITE, cats, arts, step=step)
    expected = category_counts(cats, arts, as_of=as_of)
    assert index.all_counts(as_of=as_of) == expected
    for cat in cats:
        assert index.counts(cat.id, as_of=as_of) == expected[cat.id]
    assert index.tree(as_of=as_of) == category_tree(cats, arts, as_of=as_of)


def test_an_article_in_a_category_its_ancestor_and_siblings_counts_once_in_each_total() -> None:
    # w > a > (s, t), w > b: filed in a, s, t and b; and one article in s and its ancestor w.
    cats = [
        Category(id="w", slug="w", name="W"),
        Category(id="a", slug="a", name="A", parent_id="w"),
        Category(id="b", slug="b", name="B", parent_id="w"),
        Category(id="s", slug="s", name="S", parent_id="a"),
        Category(id="t", slug="t", name="T", parent_id="a"),
    ]
    arts = [
        Article(id="1", slug="x", title="X", published=T0, category_ids=("t", "b", "s", "a")),
        Article(id="2", slug="y", title="Y", published=T0, category_ids=("s", "w")),
    ]
    index = TaxonomyIndex(SITE, cats, arts)
    expected = {"w": (1, 2), "a": (1, 2), "b": (1, 1), "s": (2, 2), "t": (1, 1)}
    assert category_counts(cats, arts, as_of=T0) == expected
    assert index.all_counts(as_of=T0) == expected
    assert {c.id: index.counts(c.id, as_of=T0) for c in cats} == expected


def test_the_index_refuses_an_article_in_a_cycle_or_below_a_missing_parent() -> None:
    cats = [
        Category(id="a", slug="a", name="A", parent_id="b"),
        Category(id="b", slug="b", name="B", parent_id="a"),
        Category(id="o", slug="o", name="O", parent_id="gone"),
        Category(id="w", slug="w", name="W"),
    ]
    in_w = Article(id="1", slug="x", title="X", published=T0, category_ids=("w",))
    index = TaxonomyIndex(SITE, cats, [in_w])
    assert index.all_counts(as_of=T0) == {"a": (0, 0), "b": (0, 0), "o": (0, 0), "w": (1, 1)}
    in_cycle = Article(id="2", slug="y", title="Y", published=T0, category_ids=("w", "a"))
    with pytest.raises(CategoryCycle, match="'a'"):
        TaxonomyIndex(SITE, cats, [in_w, in_cycle])
    orphan = Article(id="3", slug="z", title="Z", published=T0, category_ids=("o",))
    with pytest.raises(UnknownId, match="'gone'"):
        TaxonomyIndex(SITE, cats, [orphan])
