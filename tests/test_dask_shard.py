"""A shard's batch of queries (newsmodel.related._foreign) equals its one-by-one answers, without a cluster.

Every shard of the Dask path answers the queries of the whole corpus, most of them foreign (their
profiles made with the corpus's statistics, no position in the shard); the batch must give what
``Engine.query`` gives each of them, pair for pair, under every setting that changes which
candidates count: ``older_only`` on and off, an earlier ``as_of``, excluded ids, ``k`` beyond
the shard's size, a threshold, and small engine blocks so that pruning really happens.
"""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest

from newsmodel.related import RelatedConfig
from newsmodel.related._engine import Engine
from newsmodel.related._foreign import query_batch
from newsmodel.related.features import micros
from newsmodel.related.shard import CorpusStatistics, ShardIndex, shard_of
from newsmodel.sample import generate

LATER = datetime(2030, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("config", "block_size", "days_back", "k"),
    [
        (RelatedConfig(), 8, 0, 6),
        (RelatedConfig(older_only=False, threshold=0.3), 16, 0, 4),
        (RelatedConfig(older_only=False), 8, 200, 9),
        (RelatedConfig(category_weight=0.0, recency_weight=0.0, text_weight=0.5, half_life_days=30.0), 4, 0, 6),
        (RelatedConfig(), 64, 400, 700),  # k beyond the shard: every candidate
    ],
)
def test_a_batch_of_foreign_and_own_queries_equals_the_single_queries(
    config: RelatedConfig, block_size: int, days_back: int, k: int
) -> None:
    corpus = generate(articles=1500, seed=21, short_bodies=True)
    stats = CorpusStatistics.from_articles(corpus.articles)
    shard = ShardIndex(corpus, [a for a in corpus.articles if shard_of(a.id, 3) == 1], stats, config)
    engine = Engine(shard.features, shard.scorer, block_size=block_size)
    as_of_us = micros(LATER - timedelta(days=days_back))
    queries = [shard.query_profile(a, as_of_us) for a in corpus.articles[::3]]
    assert any(shard_of(q.id, 3) == 1 for q in queries) and any(shard_of(q.id, 3) != 1 for q in queries)
    exclude = frozenset(a.id for a in corpus.articles[5::40])
    got = query_batch(engine, queries, k, exclude, as_of_us)
    expected = [engine.query(q, k, exclude | {q.id}, as_of_us) for q in queries]
    assert [[(s, p.id) for s, p in picked] for picked in got] == [[(s, p.id) for s, p in picked] for picked in expected]
    assert sum(map(len, got)) > 0


def test_shard_ranked_batch_equals_ranked_in_any_order() -> None:
    corpus = generate(articles=800, seed=22, short_bodies=True)
    stats = CorpusStatistics.from_articles(corpus.articles)
    shard = ShardIndex(corpus, corpus.articles[1::2], stats, RelatedConfig(max_per_author=1))
    as_of_us = micros(LATER)
    queries = [shard.query_profile(a, as_of_us) for a in reversed(corpus.articles)]  # not in row order
    for depth in (0, 1, 24, None):
        batch = shard.ranked_batch(queries, depth=depth, as_of_us=as_of_us)
        assert batch == [shard.ranked(q, depth=depth, as_of_us=as_of_us) for q in queries]
    assert shard.ranked_batch([], depth=6, as_of_us=as_of_us) == []


def test_a_shard_pickled_while_its_engine_answers_travels_clean() -> None:
    # A worker pickles a shard from its communication thread, possibly while a task is answering
    # on it; the engine's scratch arrays then hold a query's leftovers.  Before a shard travelled
    # as its inputs, such a copy kept them: its next batch failed with an IndexError (seen on a
    # two-worker cluster) or could estimate with stale values.
    corpus = generate(articles=900, seed=23, short_bodies=True)
    stats = CorpusStatistics.from_articles(corpus.articles)
    shard = ShardIndex(corpus, corpus.articles[::2], stats)
    as_of_us = micros(LATER)
    queries = [shard.query_profile(a, as_of_us) for a in corpus.articles[1::4]]
    expected = shard.ranked_batch(queries, depth=6, as_of_us=as_of_us)
    engine = shard.engine()
    engine.lookup[:] = engine.n_features  # leftovers of a batch in flight
    engine.scratch[:] = 1.0  # and of a single query
    copy = pickle.loads(pickle.dumps(shard))
    engine.lookup[:] = -1
    engine.scratch[:] = 0.0
    assert copy.ranked_batch(queries, depth=6, as_of_us=as_of_us) == expected
    assert [copy.ranked(q, depth=6, as_of_us=as_of_us) for q in queries[:40]] == expected[:40]
