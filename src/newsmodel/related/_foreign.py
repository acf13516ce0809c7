"""Foreign queries in blocks on the numpy :class:`~newsmodel.related._engine.Engine` (a shard's batch).

:meth:`Engine.query_all <newsmodel.related._engine.Engine.query_all>` answers the engine's own
articles a block at a time; a shard (:mod:`newsmodel.related.shard`) must answer every query of
the corpus, most of them articles of other shards, whose profiles come with the corpus's
statistics and no position in the shard.  :func:`query_batch` answers such queries the way
``query_all`` answers its own: sorted as the engine lays out its rows (first category, date, id)
and cut into blocks, each block's bounds against every engine block are matrix products, the
members of every engine block any query of the block needs are estimated for all of them at
once, and each query settles from those estimates or goes on alone with them in hand
(``Engine._answer``).  Answers are :meth:`Engine.query <newsmodel.related._engine.Engine.query>`'s,
pair for pair: the same candidates (the articles visible at ``as_of`` that are neither the query
itself nor excluded, older than it under ``older_only``), the same exact scores.

>>> from newsmodel.related.features import micros
>>> from newsmodel.related.shard import CorpusStatistics, ShardIndex
>>> from newsmodel.sample import SEED_AS_OF, generate
>>> corpus = generate(articles=600, short_bodies=True)
>>> shard = ShardIndex(corpus, corpus.articles[::2], CorpusStatistics.from_articles(corpus.articles))
>>> engine, now = shard.engine(), micros(SEED_AS_OF)
>>> queries = [shard.query_profile(a, now) for a in corpus.articles[::5]]  # half of them foreign
>>> batch = query_batch(engine, queries, 6, frozenset(), now)
>>> batch == [engine.query(q, 6, frozenset({q.id}), now) for q in queries]
True
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from newsmodel.related._engine import EPS, QUERY_GROUP, _one_blas_thread
from newsmodel.related.features import Profile

if TYPE_CHECKING:
    from newsmodel.related._engine import Engine

__all__ = ["query_batch"]

Picked = list[tuple[float, Profile]]


def _blocks(engine: Engine, queries: Sequence[Profile]) -> list[list[int]]:
    """The queries' indices in the engine's row order (first category, date, id), cut at each change
    of first category and every :data:`QUERY_GROUP` queries (the size of the engine's own groups)."""
    index = engine.cat_index

    def group(j: int) -> tuple[int, int, str]:
        q = queries[j]
        return (index.get(q.categories[0], -1) if q.categories else -1, q.time, q.id)

    blocks: list[list[int]] = []
    previous: int | None = None
    for j in sorted(range(len(queries)), key=group):
        g = group(j)[0]
        if g != previous or len(blocks[-1]) == QUERY_GROUP:
            blocks.append([])
            previous = g
        blocks[-1].append(j)
    return blocks


def query_batch(
    engine: Engine, queries: Sequence[Profile], k: int, exclude: frozenset[str], as_of_us: int
) -> list[Picked]:
    """The picked ``(score, profile)`` pairs of each query (in the order given), each equal to
    ``engine.query(q, k, exclude | {q.id}, as_of_us)``."""
    if k == 0 or engine.n == 0:
        return [[] for _ in queries]
    out: list[Picked] = [[] for _ in queries]
    with _one_blas_thread():
        for block in _blocks(engine, queries):
            answers = _block(engine, [queries[j] for j in block], k, exclude, as_of_us)
            for j, picked in zip(block, answers, strict=True):
                out[j] = picked
    return out


def _block(engine: Engine, queries: list[Profile], k: int, exclude: frozenset[str], as_of_us: int) -> list[Picked]:
    """One block of queries: ``Engine._query_block``'s two passes, for profiles from anywhere."""
    features = engine.features
    profiles = features.profiles
    older_only = engine.scorer.config.older_only
    threshold_raw = engine.scorer.config.threshold * engine.scorer.total
    nb = engine.n_blocks
    cut = engine.visible_count(as_of_us)
    m = len(queries)
    # candidates: positions below the limit (visible; older than the query under older_only,
    # i.e. before the first position whose (time, id) is not below the query's), minus the skips
    limits = [min(cut, bisect.bisect_left(profiles, q.key, key=_key)) if older_only else cut for q in queries]
    limit = np.array(limits, dtype=np.int64)
    excluded = {features.position[x] for x in exclude if x in features.position}
    skips = [excluded | ({features.position[q.id]} if q.id in features.position else set()) for q in queries]
    qfeatures = [engine._query_features(q) for q in queries]
    arows = [engine._arow(q.categories) for q in queries]
    bounds = engine._block_bounds_batch(queries, qfeatures, arows, older_only, as_of_us)

    def eligible_of(pos: np.ndarray) -> np.ndarray:
        eligible = pos[:, None] < limit[None, :]
        for j, skip in enumerate(skips):
            for s in skip:
                eligible[pos == s, j] = False
        return eligible

    # first pass: the most promising blocks of every query give each query a bar
    first = min(4, nb)
    chosen = np.zeros(nb, dtype=bool)
    chosen[np.argpartition(-bounds, first - 1, axis=1)[:, :first].ravel()] = True
    chosen &= (bounds >= threshold_raw - EPS).any(axis=0)
    pos, est = engine._estimate_batch(queries, qfeatures, arows, np.flatnonzero(chosen))
    eligible = eligible_of(pos)
    theta = np.full(m, threshold_raw, dtype=np.float64)
    counts = eligible.sum(axis=0)
    for j in np.flatnonzero(counts >= k).tolist():
        col = est[eligible[:, j], j]
        theta[j] = max(threshold_raw, float(np.partition(col, len(col) - k)[len(col) - k]))
    # second pass: every block any query of the block still needs, estimated for all of them
    needed = (bounds >= theta[:, None] - EPS) & ~chosen[None, :]
    more = np.flatnonzero(needed.any(axis=0))
    if len(more):
        pos2, est2 = engine._estimate_batch(queries, qfeatures, arows, more)
        chosen[more] = True
        pos = np.concatenate([pos, pos2])
        est = np.concatenate([est, est2])
        eligible = eligible_of(pos)
    beyond = np.where(chosen[None, :], -math.inf, bounds).max(axis=1)  # best bound left out
    answers: list[Picked] = []
    for j, q in enumerate(queries):
        fids, qvs = qfeatures[j]
        keep = eligible[:, j]
        picks = engine._settle(q, k, *_best(pos[keep], est[keep, j], k), float(beyond[j]))
        if picks is None:
            engine.scratch[fids] = qvs
            try:
                prescored = (chosen, pos[keep], est[keep, j])
                picks = engine._answer(q, k, skips[j], limits[j], arows[j], bounds[j], prescored, first=0)
            finally:
                engine.scratch[fids] = 0.0
        answers.append([(score, other) for score, other, _ in picks])
    return answers


def _best(pos: np.ndarray, est: np.ndarray, k: int) -> tuple[list[int], float]:
    """The positions of a query's best ``k + 2`` estimates, best first, and the next estimate
    (every other candidate's is at most that), as ``Engine._settle`` takes them; fewer than ``k``
    candidates give no positions (``_settle`` then answers None)."""
    used = min(len(est), k + 2)
    if used < k:
        return [], math.inf
    if used < len(est):
        top = np.argpartition(-est, used)[: used + 1]
    else:
        top = np.arange(len(est))
    top = top[np.argsort(-est[top], kind="stable")]
    nxt = float(est[top[used]]) if used < len(top) else -math.inf
    return pos[top[:used]].tolist(), nxt


def _key(p: Profile) -> tuple[int, str]:
    return p.key
