"""A shard's answers to its own and foreign queries equal the brute force's, without a cluster.

Every shard of the Dask path answers the queries of the whole corpus, most of them foreign (their
profiles made with the corpus's statistics, no position in the shard); ``Engine.query`` must give
each of them the brute-force scan's picks, pair for pair, under every setting that changes which
candidates count: ``older_only`` on and off, an earlier ``as_of``, excluded ids, ``k`` beyond
the shard's size, a threshold, and small engine blocks so that pruning really happens.
"""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest

from newsmodel.related import RelatedConfig
from newsmodel.related._engine import Engine
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
def test_foreign_and_own_queries_equal_the_brute_force(
    config: RelatedConfig, block_size: int, days_back: int, k: int
) -> None:
    corpus = generate(articles=1500, seed=21, short_bodies=True)
    stats = CorpusStatistics.from_articles(corpus.articles)
    shard = ShardIndex(corpus, [a for a in corpus.articles if shard_of(a.id, 3) == 1], stats, config)
    engine = Engine(shard.features, shard.scorer, block_size=block_size)
    as_of_us = micros(LATER - timedelta(days=days_back))
    visible = engine.visible_count(as_of_us)
    queries = [shard.query_profile(a, as_of_us) for a in corpus.articles[::3]]
    assert any(shard_of(q.id, 3) == 1 for q in queries) and any(shard_of(q.id, 3) != 1 for q in queries)
    exclude = frozenset(a.id for a in corpus.articles[5::40])
    found = 0
    for q in queries:
        expected = [(r.score, r.article_id) for r in shard.scorer.rank(q, k, exclude | {q.id}, visible)]
        got = [(s, p.id) for s, p in engine.query(q, k, exclude | {q.id}, as_of_us)]
        assert got == expected
        found += len(got)
    assert found > 0


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
    engine.scratch[:] = 1.0  # leftovers of a single query in flight
    copy = pickle.loads(pickle.dumps(shard))
    engine.scratch[:] = 0.0
    assert copy.ranked_batch(queries, depth=6, as_of_us=as_of_us) == expected
    assert [copy.ranked(q, depth=6, as_of_us=as_of_us) for q in queries[:40]] == expected[:40]
