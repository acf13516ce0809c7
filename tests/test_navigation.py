"""Previous / next and recent articles: scans, the index, ties and bad input."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidDatetime, InvalidValue
from newsmodel.values.model import Article, ArticleStatus, Category
from newsmodel.widgets.navigation import NavigationIndex, adjacent, navigation_index, recent
from newsmodel.widgets.taxonomy import Timeline, time_key
from widget_strategies import SITE, as_ofs, corpora

T0 = datetime(2025, 12, 16, 9, 0, tzinfo=timezone.utc)


def _key(a: Article) -> tuple[datetime, str]:
    assert a.published is not None
    return (a.published, a.id)


@settings(max_examples=200, deadline=None)
@given(corpora(), as_ofs, st.integers(min_value=0, max_value=6), st.booleans())
def test_index_answers_equal_the_scan(corpus: Corpus, as_of: datetime, limit: int, same: bool) -> None:
    index = NavigationIndex.from_corpus(corpus)
    for art in corpus.articles:
        if art.published is None:
            continue
        assert index.adjacent(art, as_of=as_of, same_category=same) == adjacent(
            corpus.articles, art, as_of=as_of, same_category=same
        )
        assert index.recent(as_of=as_of, limit=limit, exclude_id=art.id) == recent(
            corpus.articles, as_of=as_of, limit=limit, exclude_id=art.id
        )
    assert index.recent(as_of=as_of, limit=limit) == recent(corpus.articles, as_of=as_of, limit=limit)
    for cat in corpus.categories:
        got = index.recent(as_of=as_of, limit=limit, category_id=cat.id)
        assert got == recent(corpus.articles, as_of=as_of, limit=limit, category_id=cat.id)
        assert got == tuple(a for a in corpus.visible(as_of) if cat.id in a.category_ids)[:limit]


@settings(max_examples=200, deadline=None)
@given(corpora(), as_ofs, st.booleans())
def test_adjacent_is_the_nearest_in_the_published_id_order(corpus: Corpus, as_of: datetime, same: bool) -> None:
    # Oracle: the corpus's own chronological order (published, id), filtered.
    for art in corpus.articles:
        if art.published is None:
            continue
        candidates = [
            a
            for a in reversed(corpus.newest_first())
            if a.is_visible(as_of) and a.id != art.id and (not same or set(a.category_ids) & set(art.category_ids))
        ]
        older = [a for a in candidates if _key(a) < _key(art)]
        newer = [a for a in candidates if _key(a) > _key(art)]
        adj = adjacent(corpus.articles, art, as_of=as_of, same_category=same)
        assert adj.previous == (older[-1] if older else None)
        assert adj.next == (newer[0] if newer else None)


@settings(max_examples=100, deadline=None)
@given(corpora(), as_ofs, st.integers(min_value=0, max_value=6))
def test_recent_is_a_prefix_of_visible_newest_first(corpus: Corpus, as_of: datetime, limit: int) -> None:
    got = recent(corpus.articles, as_of=as_of, limit=limit)
    assert got == corpus.visible(as_of)[:limit]


def test_two_posts_at_the_same_second_are_ordered_by_id() -> None:
    arts = [Article(id=i, slug=f"post-{i}", title=i, published=T0) for i in ("b", "a", "c")]
    by_id = {a.id: a for a in arts}
    index = NavigationIndex(arts)
    for nav in (index.adjacent(by_id["b"], as_of=T0), adjacent(arts, by_id["b"], as_of=T0)):
        assert nav.previous is by_id["a"]
        assert nav.next is by_id["c"]
    assert [a.id for a in index.recent(as_of=T0)] == ["c", "b", "a"]


def test_same_category_skips_unrelated_articles() -> None:
    cats = [Category(id=c, slug=c, name=c) for c in ("seoul", "tokyo", "lima")]
    arts = [
        Article(id="1", slug="one", title="1", published=T0, category_ids=("seoul",)),
        Article(id="2", slug="two", title="2", published=T0 + timedelta(hours=1), category_ids=("lima",)),
        Article(id="3", slug="three", title="3", published=T0 + timedelta(hours=2), category_ids=("seoul", "tokyo")),
        Article(id="4", slug="four", title="4", published=T0 + timedelta(hours=3), category_ids=("lima",)),
        Article(id="5", slug="five", title="5", published=T0 + timedelta(hours=4), category_ids=("tokyo",)),
    ]
    corpus = Corpus(site=SITE, categories=cats, articles=arts)
    index = corpus.cached(navigation_index)
    nav = index.adjacent(arts[2], as_of=T0 + timedelta(days=1), same_category=True)
    assert (nav.previous, nav.next) == (arts[0], arts[4])
    nav = index.adjacent(arts[2], as_of=T0 + timedelta(days=1))
    assert (nav.previous, nav.next) == (arts[1], arts[3])
    # as_of hides the future: at 03:30 the Tokyo post does not exist yet.
    nav = index.adjacent(arts[2], as_of=T0 + timedelta(hours=3, minutes=30), same_category=True)
    assert nav.next is None


def test_only_future_posts_and_no_published_posts() -> None:
    future = Article(id="f", slug="future", title="F", published=T0 + timedelta(days=2))
    draft = Article(id="d", slug="draft", title="D", status=ArticleStatus.DRAFT)
    index = NavigationIndex([future, draft])
    assert index.recent(as_of=T0) == ()
    nav = index.adjacent(future, as_of=T0)
    assert (nav.previous, nav.next) == (None, None)
    assert NavigationIndex([]).recent(as_of=T0) == ()


def test_seed_article_neighbours_in_the_sample() -> None:
    corpus = generate(articles=1200, short_bodies=True)
    seed = corpus.article_by_slug(SEED_SLUG)
    index = corpus.cached(navigation_index)
    nav = index.adjacent(seed, as_of=SEED_AS_OF)
    assert nav.previous is not None
    assert nav.next is not None
    assert _key(nav.previous) < _key(seed) < _key(nav.next)
    assert nav == adjacent(corpus.articles, seed, as_of=SEED_AS_OF)
    same = index.adjacent(seed, as_of=SEED_AS_OF, same_category=True)
    for other in (same.previous, same.next):
        assert other is None or set(other.category_ids) & set(seed.category_ids)
    rec = index.recent(as_of=SEED_AS_OF, limit=8, exclude_id=seed.id)
    assert len(rec) == 8
    assert all(a.is_visible(SEED_AS_OF) for a in rec)


def test_bad_input_is_a_clear_error() -> None:
    undated = Article(id="d", slug="draft", title="D", status=ArticleStatus.DRAFT)
    with pytest.raises(InvalidValue, match="'d'"):
        adjacent([], undated, as_of=T0)
    with pytest.raises(InvalidValue, match="-1"):
        recent([], as_of=T0, limit=-1)
    with pytest.raises(InvalidDatetime, match="as_of"):
        NavigationIndex([]).recent(as_of=datetime(2025, 1, 1))


@settings(max_examples=200, deadline=None)
@given(corpora(max_articles=30))
def test_the_timeline_is_the_corpus_chronological_order(corpus: Corpus) -> None:
    line = Timeline(reversed(corpus.articles))
    # posts, published or scheduled (a scheduled post counts from the date it is due)
    due = (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)
    expected = [a for a in reversed(corpus.newest_first()) if a.kind == "post" and a.status in due]
    assert line.articles == expected
    assert list(line.times) == [time_key(a.published) for a in expected if a.published is not None]
