"""Related articles: the score, the ranking rules, the bad inputs of issue 5, and index exactness."""

from __future__ import annotations

import ast
import math
import random
import re
from datetime import datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsmodel.related import (
    RelatedConfig,
    RelatedIndex,
    RelatedResult,
    build_related_index,
    rank_related,
    related_articles,
)
from newsmodel.related.index import SCANS_BEFORE_ENGINE
from newsmodel.related.text import STOPWORDS, body_text, terms
from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.values.body import Block, Body, Heading, ListBlock, ListItem, Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidDatetime, InvalidRelatedConfig, NewsModelError, UnknownId
from newsmodel.values.model import Article, ArticleStatus, Author, Byline, Category, Site, Tag

UTC = timezone.utc
#: The related engine with numpy alone and with its compiled loops (numba, installed by the dev lock).
KERNELS = (False, True)
AS_OF = datetime(2026, 1, 15, 12, tzinfo=UTC)
SITE = Site(name="Capital Cities", base_url="https://example.org")

# --------------------------------------------------------------------------- a small corpus generator

_WORLD = {
    "asia": {"south-korea": ("seoul", "busan"), "japan": ("tokyo",)},
    "europe": {"france": ("paris", "lyon"), "germany": ("berlin",)},
}
_WORDS = [
    "summit",
    "talks",
    "trade",
    "housing",
    "transit",
    "budget",
    "election",
    "harbour",
    "festival",
    "museum",
    "court",
    "tariff",
    "railway",
    "council",
    "market",
    "energy",
    "water",
    "school",
    "hospital",
    "bridge",
    "kimchi",
    "cookies",
    "nuclear",
    "fuel",
    "deal",
]
_CJK = ("首尔", "峰会", "東京", "부산", "회담")


def _categories() -> list[Category]:
    cats = [Category(id="world", slug="world", name="World")]
    for cont, countries in _WORLD.items():
        cats.append(Category(id=cont, slug=cont, name=cont.title(), parent_id="world"))
        for country, cities in countries.items():
            cats.append(Category(id=country, slug=country, name=country, parent_id=cont))
            cats.extend(Category(id=c, slug=c, name=c, parent_id=country) for c in cities)
    return cats


_CITIES = [(c, country) for cont in _WORLD.values() for country, cities in cont.items() for c in cities]


def make_corpus(seed: int, n: int, *, statuses: bool = True) -> Corpus:
    """A random corpus shaped like the sample: cities in a World › continent › country tree, Zipf tags."""
    rng = random.Random(seed)
    authors = [Author(id=f"a{i}", slug=f"author-{i}", name=f"Author {i}") for i in range(5)]
    tags = [Tag(id=f"t{i}", slug=f"tag-{i}", name=f"Tag {i}") for i in range(30)]
    tag_weights = [1 / (r + 1) for r in range(len(tags))]
    start = AS_OF - timedelta(days=120)
    articles = []
    for i in range(n):
        city, country = rng.choice(_CITIES)
        words = rng.choices(_WORDS, k=rng.randint(0, 12))
        if rng.random() < 0.2:
            words += rng.choices(_CJK, k=2)
        title = " ".join([city, *rng.sample(_WORDS, 3)])
        blocks: list[Block] = []
        if words:
            blocks.append(Paragraph(content=(Text(text=" ".join(words)),)))
        if rng.random() < 0.3:
            blocks.append(Heading(level=2, content=(Text(text=rng.choice(_WORDS)),)))
            blocks.append(ListBlock(items=(ListItem(blocks=(Paragraph(content=(Text(text=country),)),)),)))
        chosen = rng.choices(tags, weights=tag_weights, k=rng.randint(0, 5))
        status = ArticleStatus.PUBLISHED
        if statuses and rng.random() < 0.1:
            status = rng.choice((ArticleStatus.DRAFT, ArticleStatus.PRIVATE, ArticleStatus.SCHEDULED))
        # coarse times: equal timestamps happen, so the id tie-break is exercised
        when = start + timedelta(hours=6 * rng.randrange(0, 4 * 130))
        cats = () if rng.random() < 0.05 else ((city, country) if rng.random() < 0.7 else (city,))
        articles.append(
            Article(
                id=f"{rng.randrange(10**6):06d}-{i}",
                slug=f"article-{i}",
                title=title,
                body=Body(blocks=tuple(blocks)),
                published=when,
                status=status,
                bylines=tuple(Byline(author_id=a.id) for a in rng.sample(authors, rng.choice((0, 1, 1, 1, 2)))),
                category_ids=cats,
                primary_category_id=cats[0] if cats else None,
                tag_ids=tuple(dict.fromkeys(t.id for t in chosen)),
            )
        )
    return Corpus(site=SITE, authors=authors, categories=_categories(), tags=tags, articles=articles)


def _config(**kw: object) -> RelatedConfig:
    weights = ("tag_weight", "category_weight", "author_weight", "text_weight", "recency_weight")
    if not any(kw[w] for w in weights):  # all zero is an error (tested on its own): keep recency
        kw["recency_weight"] = 0.15
    return RelatedConfig(**kw)  # type: ignore[arg-type]


configs = st.builds(
    _config,
    tag_weight=st.sampled_from((0.0, 0.35, 1.0)),
    category_weight=st.sampled_from((0.0, 0.2, 0.5)),
    author_weight=st.sampled_from((0.0, 0.05, 0.3)),
    text_weight=st.sampled_from((0.0, 0.25, 1.0)),
    recency_weight=st.sampled_from((0.15, 0.0, 0.6)),
    half_life_days=st.sampled_from((1.0, 30.0, 365.0)),
    threshold=st.sampled_from((0.0, 0.1, 0.2, 0.5)),
    k=st.integers(0, 12),
    older_only=st.booleans(),
    max_per_author=st.sampled_from((None, 1, 2)),
    max_per_category=st.sampled_from((None, 1, 3)),
    keywords=st.sampled_from((3, 20)),
)


def answers(corpus: Corpus, config: RelatedConfig, **index_options: object) -> dict[str, tuple[RelatedResult, ...]]:
    index = RelatedIndex.build(corpus, as_of=AS_OF, config=config, **index_options)  # type: ignore[arg-type]
    return {a.id: index.related(a) for a in corpus.articles}


def batch_answers(
    corpus: Corpus, config: RelatedConfig, **index_options: object
) -> dict[str, tuple[RelatedResult, ...]]:
    index = RelatedIndex.build(corpus, as_of=AS_OF, config=config, **index_options)  # type: ignore[arg-type]
    batch = index.related_all()
    assert set(batch) == {a.id for a in corpus.articles if a.is_visible(AS_OF)}
    return batch


def reference(corpus: Corpus, config: RelatedConfig) -> dict[str, tuple[RelatedResult, ...]]:
    return {a.id: rank_related(corpus, a.id, as_of=AS_OF, config=config) for a in corpus.articles}


# --------------------------------------------------------------------------- exactness (property tests)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 90), config=configs, block=st.sampled_from((1, 3, 16)))
def test_index_equals_brute_force(seed: int, n: int, config: RelatedConfig, block: int) -> None:
    corpus = make_corpus(seed, n)
    expected = reference(corpus, config)
    assert answers(corpus, config, engine="numpy", block_size=block) == expected
    assert answers(corpus, config, engine="python") == expected
    batch = batch_answers(corpus, config, engine="numpy", block_size=block)
    assert batch == {i: expected[i] for i in batch}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_index_equals_brute_force_on_strategy_corpora(data: st.DataObject) -> None:
    from newsmodel.strategies import corpora

    words = st.lists(st.sampled_from((*_WORDS, *_CJK)), max_size=8).map(" ".join)
    body = words.map(lambda t: Body(blocks=(Paragraph(content=(Text(text=t),)),)))
    corpus = data.draw(corpora(max_articles=14, max_tags=6, max_categories=6, body=body))
    config = data.draw(configs)
    expected = reference(corpus, config)
    assert answers(corpus, config, engine="numpy", block_size=2) == expected
    batch = batch_answers(corpus, config, engine="numpy", block_size=2)
    assert batch == {i: expected[i] for i in batch}


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(2, 60), config=configs, shuffle=st.randoms())
def test_shuffling_the_corpus_changes_nothing(seed: int, n: int, config: RelatedConfig, shuffle: random.Random) -> None:
    corpus = make_corpus(seed, n)
    articles = list(corpus.articles)
    shuffle.shuffle(articles)
    categories = list(corpus.categories)
    shuffle.shuffle(categories)
    tags = list(corpus.tags)
    shuffle.shuffle(tags)
    shuffled = Corpus(site=SITE, authors=corpus.authors, categories=categories, tags=tags, articles=articles)
    assert answers(shuffled, config) == answers(corpus, config)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(1, 60), config=configs)
def test_ranking_rules(seed: int, n: int, config: RelatedConfig) -> None:
    corpus = make_corpus(seed, n)
    index = build_related_index(corpus, as_of=AS_OF, config=config)
    for article in corpus.articles:
        results = index.related(article)
        assert len(results) <= config.k
        ids = [r.article_id for r in results]
        assert article.id not in ids
        assert len(set(ids)) == len(ids)
        previous = None
        authors: dict[str, int] = {}
        cities: dict[str, int] = {}
        for r in results:
            other = corpus.article(r.article_id)
            assert other.is_visible(AS_OF)
            if config.older_only:
                assert (other.published, other.id) < (article.published, article.id)
            assert 0.0 <= r.score <= 1.0 + 1e-12
            assert r.score >= config.threshold
            shares = 0.0
            for _, signal in r.signals.items():
                assert 0.0 <= signal.value <= 1.0
                shares += signal.share
            assert shares == pytest.approx(1.0) if r.score > 0 else shares == 0.0
            key = (-r.score, abs(other.published - article.published), other.id)  # type: ignore[operator]
            assert previous is None or previous <= key
            previous = key
            for a in dict.fromkeys(other.author_ids):
                authors[a] = authors.get(a, 0) + 1
            if other.main_category_id is not None:
                cities[other.main_category_id] = cities.get(other.main_category_id, 0) + 1
        if config.max_per_author is not None:
            assert all(v <= config.max_per_author for v in authors.values())
        if config.max_per_category is not None:
            assert all(v <= config.max_per_category for v in cities.values())


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(3, 60), drop=st.integers(0, 5))
def test_exclusion_list(seed: int, n: int, drop: int) -> None:
    corpus = make_corpus(seed, n, statuses=False)
    index = RelatedIndex.build(corpus, as_of=AS_OF, config=RelatedConfig(threshold=0.0, older_only=False))
    article = corpus.articles[0]
    first = [r.article_id for r in index.related(article.id)]
    excluded = first[:drop]
    again = index.related(article.id, exclude=excluded)
    assert not set(excluded) & {r.article_id for r in again}
    assert again == rank_related(
        corpus, article.id, as_of=AS_OF, config=RelatedConfig(threshold=0.0, older_only=False), exclude=excluded
    )


# --------------------------------------------------------------------------- the score


def _article(i: int, **kw: object) -> Article:
    base: dict[str, object] = {
        "id": str(i),
        "slug": f"a-{i}",
        "title": f"Story {i}",
        "published": AS_OF - timedelta(days=i),
    }
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def _corpus(*articles: Article, tags: int = 0) -> Corpus:
    return Corpus(
        site=SITE,
        categories=_categories(),
        authors=[Author(id=f"a{i}", slug=f"author-{i}", name=f"A{i}") for i in range(3)],
        tags=[Tag(id=f"t{i}", slug=f"tag-{i}", name=f"T{i}") for i in range(tags)],
        articles=articles,
    )


def test_rare_tags_count_more_than_common_ones() -> None:
    # t0 is on every article, t1 on two: sharing t1 counts far more than sharing t0.
    arts = [_article(0, tag_ids=("t0", "t1", "t2"))]
    arts += [_article(1, tag_ids=("t0", "t1")), _article(2, tag_ids=("t0", "t3"))]
    arts += [_article(i, tag_ids=("t0",)) for i in range(3, 12)]
    corpus = _corpus(*arts, tags=4)
    config = RelatedConfig(tag_weight=1, category_weight=0, author_weight=0, text_weight=0, recency_weight=0)
    results = rank_related(corpus, "0", as_of=AS_OF, config=attrs.evolve(config, threshold=0.0, k=20))
    by_id = {r.article_id: r.signals.tags.value for r in results}
    assert by_id["1"] > 2 * by_id["2"]


def test_category_proximity_city_over_country_over_continent() -> None:
    corpus = _corpus(
        _article(0, category_ids=("seoul", "south-korea"), primary_category_id="seoul"),
        _article(1, category_ids=("seoul",)),
        _article(2, category_ids=("busan", "south-korea")),
        _article(3, category_ids=("tokyo",)),
        _article(4, category_ids=("paris",)),
        _article(5),
    )
    config = RelatedConfig(category_weight=1, tag_weight=0, author_weight=0, text_weight=0, recency_weight=0, k=10)
    values = {
        r.article_id: r.signals.category.value
        for r in rank_related(corpus, "0", as_of=AS_OF, config=attrs.evolve(config, threshold=0.0))
    }
    assert values == {"1": 1.0, "2": 0.75, "3": 0.5, "4": 0.25, "5": 0.0}


def test_recency_halves_every_half_life_and_older_only() -> None:
    corpus = _corpus(_article(0), _article(10), _article(20))
    config = RelatedConfig(
        recency_weight=1,
        tag_weight=0,
        category_weight=0,
        author_weight=0,
        text_weight=0,
        half_life_days=10,
        threshold=0,
    )
    got = {r.article_id: r.signals.recency.value for r in rank_related(corpus, "10", as_of=AS_OF, config=config)}
    assert got == {"20": 0.5}  # only older ones
    both = attrs.evolve(config, older_only=False)
    got = {r.article_id: r.signals.recency.value for r in rank_related(corpus, "10", as_of=AS_OF, config=both)}
    assert got["20"] == 0.5 and got["0"] == 0.5


def test_text_similarity_tokenizes_cjk_and_drops_stopwords() -> None:
    assert terms("The summit in Seoul and the summit") == ["summit", "seoul", "summit"]
    assert terms("首尔峰会") == ["首尔", "尔峰", "峰会"]
    assert terms("東京 is big") == ["東京", "big"]
    assert terms("서울") == ["서울"]
    assert terms("a I x") == []
    corpus = _corpus(
        _article(0, title="首尔峰会"),
        _article(1, title="首尔峰会召开"),
        _article(2, title="東京"),
    )
    config = RelatedConfig(text_weight=1, tag_weight=0, category_weight=0, author_weight=0, recency_weight=0)
    results = rank_related(corpus, "0", as_of=AS_OF, config=attrs.evolve(config, threshold=0, older_only=False))
    assert [r.article_id for r in results] == ["1", "2"]
    assert results[0].signals.text.value > 0.5
    assert results[1].signals.text.value == 0.0


def _terms_word_by_word(text: str) -> list[str]:
    """The tokenizer's rule spelled out one word at a time (the reference for its fast path)."""
    out: list[str] = []
    for word in re.findall(r"[^\W_]+", text.casefold()):
        for i, part in enumerate(re.split("([\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+)", word)):
            if i % 2:
                out.extend([part] if len(part) == 1 else [part[j : j + 2] for j in range(len(part) - 1)])
            elif len(part) > 1 and part not in STOPWORDS:
                out.append(part)
    return out


@given(st.text(alphabet="ab xÉé_1’,.\n首尔서の", max_size=40))
@example("A b_cd x1 The THE é’s 首尔a")
def test_terms_fast_path_equals_the_word_by_word_rule(text: str) -> None:
    assert terms(text) == _terms_word_by_word(text)


def test_body_text_walks_nested_blocks() -> None:
    body = Body(
        blocks=(
            Heading(level=2, content=(Text(text="Closing Remarks"),)),
            ListBlock(items=(ListItem(blocks=(Paragraph(content=(Text(text="item"),)),)),)),
        )
    )
    assert body_text(body) == "Closing Remarks\nitem"


def test_signal_shares_explain_the_score() -> None:
    corpus = _corpus(
        _article(0, tag_ids=("t0",), category_ids=("seoul",), bylines=(Byline(author_id="a0"),)),
        _article(1, tag_ids=("t0",), category_ids=("seoul",), bylines=(Byline(author_id="a0"),)),
        tags=1,
    )
    (result,) = rank_related(corpus, "0", as_of=AS_OF)
    config = RelatedConfig()
    weighted = sum(config.weights[name] * s.value for name, s in result.signals.items())
    assert result.score == pytest.approx(weighted / config.total_weight)
    for name, s in result.signals.items():
        assert s.share == pytest.approx(config.weights[name] * s.value / weighted)


# --------------------------------------------------------------------------- bad input (issue 5)


def test_article_with_nothing() -> None:
    bare = _article(0, title="")
    corpus = _corpus(bare, _article(1, tag_ids=("t0",), category_ids=("seoul",)), tags=1)
    for engine in ("numpy", "python"):
        index = RelatedIndex.build(corpus, as_of=AS_OF, engine=engine, config=RelatedConfig(threshold=0))
        (only,) = index.related("0")
        assert only.signals.tags.value == only.signals.text.value == only.signals.category.value == 0.0
        assert only.signals.recency.share == 1.0
        # with the default threshold, recency alone is not enough
        assert RelatedIndex.build(corpus, as_of=AS_OF, engine=engine).related("0") == ()


def test_corpus_of_one_article() -> None:
    corpus = _corpus(_article(0))
    assert rank_related(corpus, "0", as_of=AS_OF) == ()
    index = RelatedIndex.build(corpus, as_of=AS_OF)
    assert index.related("0") == ()
    assert index.related_all() == {"0": ()}


def test_empty_corpus() -> None:
    index = RelatedIndex.build(_corpus(), as_of=AS_OF)
    assert index.related_all() == {}
    assert len(index) == 0


def test_every_article_with_the_same_tag() -> None:
    arts = [_article(i, tag_ids=("t0",)) for i in range(40)]
    corpus = _corpus(*arts, tags=1)
    config = RelatedConfig(threshold=0.0)
    index = RelatedIndex.build(corpus, as_of=AS_OF, config=config, block_size=4)
    for a in arts:
        assert index.related(a.id) == rank_related(corpus, a.id, as_of=AS_OF, config=config)
    # a tag on everything still matches fully (IDF of 1 is not 0), so the nearest older ones win
    assert [r.article_id for r in index.related("0")] == ["1", "2", "3", "4", "5", "6"]


def test_five_hundred_tags_on_one_article() -> None:
    many = _article(0, tag_ids=tuple(f"t{i}" for i in range(500)))
    arts = [many] + [_article(i, tag_ids=(f"t{i}",)) for i in range(1, 30)]
    corpus = _corpus(*arts, tags=500)
    config = RelatedConfig(threshold=0.0)
    index = RelatedIndex.build(corpus, as_of=AS_OF, config=config, block_size=4)
    got = index.related("0")
    assert got == rank_related(corpus, "0", as_of=AS_OF, config=config)
    # normalized: one shared tag out of 500 is a small tag signal
    assert all(r.signals.tags.value < 0.1 for r in got)
    back = index.related("1", k=30)
    assert back == rank_related(corpus, "1", as_of=AS_OF, config=config, k=30)


def test_two_articles_with_identical_text() -> None:
    body = Body(blocks=(Paragraph(content=(Text(text="Kimchi prices soar in Seoul markets"),)),))
    corpus = _corpus(
        _article(0, title="Kimchi prices", body=body),
        _article(1, title="Kimchi prices", body=body),
        _article(2, title="Other news", body=Body(blocks=(Paragraph(content=(Text(text="Paris opens a museum"),)),))),
    )
    (first, *_) = rank_related(corpus, "0", as_of=AS_OF, config=RelatedConfig(older_only=False, threshold=0))
    assert first.article_id == "1"
    assert first.signals.text.value == pytest.approx(1.0)
    assert first.signals.text.value <= 1.0


@pytest.mark.parametrize("bad", [-0.1, math.nan, math.inf, -math.inf, "0.3", True])
@pytest.mark.parametrize("field", ["tag_weight", "category_weight", "author_weight", "text_weight", "recency_weight"])
def test_bad_weights_are_clear_errors(field: str, bad: object) -> None:
    with pytest.raises(InvalidRelatedConfig, match=field) as info:
        RelatedConfig(**{field: bad})  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError) and isinstance(info.value, NewsModelError)
    assert info.value.where == field


def test_zero_weights() -> None:
    # one zero weight switches its signal off; all zero is an error
    config = RelatedConfig(recency_weight=0)
    assert config.total_weight == pytest.approx(0.85)
    with pytest.raises(InvalidRelatedConfig, match="at least one weight"):
        RelatedConfig(tag_weight=0, category_weight=0, author_weight=0, text_weight=0, recency_weight=0)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("half_life_days", 0),
        ("half_life_days", math.nan),
        ("threshold", 1.5),
        ("threshold", math.nan),
        ("k", -1),
        ("k", 2.5),
        ("max_per_author", 0),
        ("max_per_category", -3),
        ("keywords", 0),
        ("older_only", "yes"),
    ],
)
def test_bad_settings_are_clear_errors(field: str, bad: object) -> None:
    with pytest.raises(InvalidRelatedConfig, match=field):
        RelatedConfig(**{field: bad})  # type: ignore[arg-type]


def test_k_zero_and_k_larger_than_the_corpus() -> None:
    corpus = make_corpus(3, 25, statuses=False)
    config = RelatedConfig(threshold=0.0, older_only=False)
    index = RelatedIndex.build(corpus, as_of=AS_OF, config=config)
    some = corpus.articles[0].id
    assert index.related(some, k=0) == ()
    assert rank_related(corpus, some, as_of=AS_OF, config=config, k=0) == ()
    everything = index.related(some, k=1000)
    assert len(everything) == 24
    assert everything == rank_related(corpus, some, as_of=AS_OF, config=config, k=1000)
    with pytest.raises(InvalidRelatedConfig, match="k"):
        index.related(some, k=-1)
    with pytest.raises(InvalidRelatedConfig, match="k"):
        index.related_all(k=-2)


def test_unknown_article_and_naive_as_of() -> None:
    corpus = make_corpus(1, 5)
    index = RelatedIndex.build(corpus, as_of=AS_OF)
    with pytest.raises(UnknownId, match="nope"):
        index.related("nope")
    with pytest.raises(UnknownId):
        rank_related(corpus, "nope", as_of=AS_OF)
    with pytest.raises(InvalidDatetime, match="naive"):
        RelatedIndex.build(corpus, as_of=datetime(2026, 1, 1))
    with pytest.raises(InvalidRelatedConfig, match="engine"):
        RelatedIndex.build(corpus, as_of=AS_OF, engine="gpu")
    with pytest.raises(InvalidRelatedConfig, match="exclude"):
        index.related(corpus.articles[0].id, exclude="abc")


def test_unpublished_and_future_articles_are_never_suggested_but_may_ask() -> None:
    corpus = _corpus(
        _article(0, tag_ids=("t0",)),
        _article(1, tag_ids=("t0",), status=ArticleStatus.DRAFT),
        _article(2, tag_ids=("t0",), published=AS_OF + timedelta(days=1), status=ArticleStatus.SCHEDULED),
        _article(3, tag_ids=("t0",)),
        tags=1,
    )
    config = RelatedConfig(older_only=False, threshold=0)
    index = RelatedIndex.build(corpus, as_of=AS_OF, config=config)
    assert [r.article_id for r in index.related("0")] == ["3"]
    # a draft's preview may ask for its related articles (by id, or with the Article itself)
    assert [r.article_id for r in index.related("1")] == ["0", "3"]
    assert index.related(corpus.article("2")) == rank_related(corpus, "2", as_of=AS_OF, config=config)
    assert set(index.related_all()) == {"0", "3"}


def test_related_all_is_newest_first_and_matches_single_queries() -> None:
    corpus = make_corpus(11, 80)
    index = RelatedIndex.build(corpus, as_of=AS_OF)
    batch = index.related_all()
    visible = sorted(
        (a for a in corpus.articles if a.is_visible(AS_OF)), key=lambda a: (a.published, a.id), reverse=True
    )
    assert list(batch) == [a.id for a in visible]
    assert all(batch[i] == index.related(i) for i in batch)


def test_one_line_for_a_page_is_cached_per_corpus() -> None:
    corpus = make_corpus(5, 30)
    some = corpus.articles[0].id
    first = related_articles(corpus, some, as_of=AS_OF)
    assert related_articles(corpus, some, as_of=AS_OF) == first
    assert first == rank_related(corpus, some, as_of=AS_OF)


def test_single_queries_scan_until_the_engine_pays_for_itself() -> None:
    corpus = make_corpus(5, 60)
    index = RelatedIndex.build(corpus, as_of=AS_OF)  # auto: numpy, built on first need
    ids = [a.id for a in corpus.articles if a.is_visible(AS_OF)][: SCANS_BEFORE_ENGINE + 3]
    got = []
    for n, article_id in enumerate(ids):
        got.append(index.related(article_id))
        assert (index._shared._engine is None) == (n < SCANS_BEFORE_ENGINE)
    assert got == [rank_related(corpus, i, as_of=AS_OF) for i in ids]
    assert RelatedIndex.build(make_corpus(5, 60), as_of=AS_OF, engine="numpy")._shared._engine is not None


def test_related_all_leaves_the_garbage_collector_running() -> None:
    import gc

    corpus = make_corpus(3, 120)
    index = RelatedIndex.build(corpus, as_of=AS_OF, engine="numpy")
    states: list[bool] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        states.append(gc.isenabled())

    assert gc.isenabled()
    gc.callbacks.append(seen)
    try:
        index.related_all()
    finally:
        gc.callbacks.remove(seen)
    assert states, "the collector never ran during a batch of thousands of objects"
    assert gc.isenabled()


def test_core_does_not_import_numpy() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import newsmodel.related; from newsmodel.related import rank_related;"
        "assert 'numpy' not in sys.modules, 'numpy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_one_page_does_not_import_numba_and_the_engine_uses_it() -> None:
    # one page is answered by the scan; the engine of a whole-corpus batch takes the compiled loops
    import subprocess
    import sys

    code = (
        "import sys; from newsmodel.sample import SEED_AS_OF, SEED_SLUG, load_bundled;"
        "from newsmodel.related import RelatedIndex;"
        "corpus = load_bundled(); index = RelatedIndex.build(corpus, as_of=SEED_AS_OF);"
        "index.related(corpus.article_by_slug(SEED_SLUG).id);"
        "assert 'numba' not in sys.modules, 'numba imported for one page';"
        "index.related_all(); assert index._shared.engine().kernels is not None, 'numba not used'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _batch_answers(n: int, before: str = "", check: str = "", env: dict[str, str] | None = None) -> object:
    """Every top list of ``related_all`` on ``generate(articles=n)``, computed in a new process that
    runs ``before`` first and ``check`` (about ``index``) after, as ``(id, [(id, score), ...])``."""
    import subprocess
    import sys

    code = (
        f"{before};"
        "from newsmodel.sample import SEED_AS_OF, generate;"
        "from newsmodel.related import RelatedIndex;"
        f"index = RelatedIndex.build(generate(articles={n}), as_of=SEED_AS_OF, engine='numpy');"
        f"answers = index.related_all(); {check};"
        "print(repr(sorted((a, [(r.article_id, r.score) for r in rs]) for a, rs in answers.items())))"
    )
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env)
    return ast.literal_eval(run.stdout)


def _answers_here(n: int) -> list[tuple[str, list[tuple[str, float]]]]:
    index = RelatedIndex.build(generate(articles=n), as_of=SEED_AS_OF, engine="numpy")
    answers = index.related_all()
    assert index._shared.engine().kernels is not None
    return sorted((a, [(r.article_id, r.score) for r in rs]) for a, rs in answers.items())


def test_without_numba_the_engine_runs_numpy_alone_with_the_same_answers() -> None:
    # numba hidden (an import of it fails): the numpy path, same answers
    hidden = _batch_answers(
        600, "import sys; sys.modules['numba'] = None", "assert index._shared.engine().kernels is None, 'numba used'"
    )
    expected = _answers_here(600)
    assert hidden == expected
    assert sum(len(rs) for _, rs in expected) > 1000


def test_with_no_place_for_numbas_cache_the_loops_are_compiled_in_the_process() -> None:
    # a read-only install with no writable cache directory, as numba's own setting of the places
    # it may cache in makes it (none of them applies to a file): numba refuses cache=True there
    import os

    answers = _batch_answers(
        300,
        "from newsmodel.related import _kernels;"
        "assert type(_kernels.sub_bounds._cache).__name__ == 'NullCache', 'cached'",
        "assert index._shared.engine().kernels is not None",
        {**os.environ, "NUMBA_CACHE_LOCATOR_CLASSES": "IPythonCacheLocator"},
    )
    assert answers == _answers_here(300)


# --------------------------------------------------------------------------- a moving as_of (issue 9)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(1, 90),
    config=configs,
    block=st.sampled_from((1, 3, 16)),
    # hours from AS_OF; make_corpus dates articles every 6 hours from -2880 to +234, so instants
    # before every article, equal to an article's and after all of them are drawn
    hours=st.lists(st.integers(-2900, 250), min_size=1, max_size=4),
)
@example(seed=1, n=40, config=RelatedConfig(threshold=0.0), block=3, hours=[-2900, -1500, 0, 250])
def test_one_index_equals_brute_force_at_every_as_of(
    seed: int, n: int, config: RelatedConfig, block: int, hours: list[int]
) -> None:
    corpus = make_corpus(seed, n)
    numpy_index = RelatedIndex.build(corpus, as_of=AS_OF, config=config, engine="numpy", block_size=block)
    python_index = RelatedIndex.build(corpus, as_of=AS_OF, config=config, engine="python")
    for h in hours:
        as_of = AS_OF + timedelta(hours=h)
        expected = {a.id: rank_related(corpus, a.id, as_of=as_of, config=config) for a in corpus.articles}
        for result in expected.values():
            assert all(corpus.article(r.article_id).is_visible(as_of) for r in result)
        assert {a.id: numpy_index.related(a, as_of=as_of) for a in corpus.articles} == expected
        assert {a.id: python_index.related(a.id, as_of=as_of) for a in corpus.articles} == expected
        at = RelatedIndex.build(corpus, as_of=as_of, config=config, engine="numpy", block_size=block)
        assert len(at) == sum(a.is_visible(as_of) for a in corpus.articles)
        batch = at.related_all()
        assert list(batch) == [a.id for a in corpus.visible(as_of)]
        assert batch == {i: expected[i] for i in batch}
        assert python_index.related_all(as_of=as_of) == batch


def test_as_of_is_inclusive_and_applied_per_query() -> None:
    corpus = _corpus(*(_article(i, tag_ids=("t0",)) for i in range(4)), tags=1)  # "3" oldest, "0" newest
    config = RelatedConfig(threshold=0.0, older_only=False)
    index = RelatedIndex.build(corpus, as_of=AS_OF, config=config)
    day = timedelta(days=1)
    assert [r.article_id for r in index.related("3")] == ["2", "1", "0"]
    assert [r.article_id for r in index.related("3", as_of=AS_OF - day)] == ["2", "1"]
    assert [r.article_id for r in index.related("3", as_of=AS_OF - day - timedelta(microseconds=1))] == ["2"]
    assert index.related("3", as_of=AS_OF - 3 * day) == ()  # the article itself is the only one visible
    assert list(index.related_all(as_of=AS_OF - 2 * day)) == ["2", "3"]
    with pytest.raises(InvalidDatetime, match="naive"):
        index.related("3", as_of=datetime(2026, 1, 1))


def test_many_as_of_values_build_one_index() -> None:
    corpus = make_corpus(7, 60)
    some = corpus.articles[0].id
    related_articles(corpus, some, as_of=AS_OF)
    entries = len(corpus._cache)  # the indexes attached to the corpus
    first = RelatedIndex.build(corpus, as_of=AS_OF)
    for minute in range(1, 51):
        as_of = AS_OF - timedelta(days=30) + timedelta(minutes=minute)
        got = related_articles(corpus, some, as_of=as_of)
        assert got == rank_related(corpus, some, as_of=as_of)
        assert RelatedIndex.build(corpus, as_of=as_of).features is first.features
    assert len(corpus._cache) == entries
    # another config is one more index, not one per as_of
    other = RelatedConfig(k=3)
    for minute in range(10):
        related_articles(corpus, some, as_of=AS_OF + timedelta(minutes=minute), config=other)
    assert len(corpus._cache) == entries + 1
