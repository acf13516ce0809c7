"""Related articles of a :class:`~newsmodel.dask.DaskCorpus`, on document shards (exact).

The articles that count are cut into ``shards`` by a hash of their id; each shard is indexed
where it lands (:class:`~newsmodel.related.shard.ShardIndex`) with the corpus's statistics,
counted as a merged partial (:class:`~newsmodel.related.shard.CorpusStatistics`). The queries go
in blocks (one per partition of the bag): every block is answered by every shard (its first
candidates, best first; the shard takes the block's queries 64 neighbours at a time, its own
articles and the others' alike, :meth:`~newsmodel.related.shard.ShardIndex.ranked_batch`), and
the shards' lists of each query are merged under the diversity caps
(:func:`~newsmodel.related.shard.merge_ranked`). A query whose lists are too short to be sure
(only with caps) is asked again, deeper, in a later round; the last round asks for every
candidate, so every answer equals the single-machine :class:`~newsmodel.related.RelatedIndex`'s.

A worker holds one shard (about ``1 / shards`` of the articles that count, their profiles and
the pruning engine) and one block of query profiles at a time; no task holds the corpus.
See ``docs/dask.md`` for the choice of document shards over term shards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from dask.delayed import Delayed, delayed

from newsmodel.related.config import RelatedConfig, check_k
from newsmodel.related.features import Profile, micros
from newsmodel.related.score import RelatedResults
from newsmodel.related.shard import CorpusStatistics, Ranked, ShardIndex, merge_ranked, shard_of
from newsmodel.values.errors import UnknownId

if TYPE_CHECKING:
    import dask.bag as db

    from newsmodel.dask import DaskCorpus
    from newsmodel.values.corpus import Corpus
    from newsmodel.values.model import Article

__all__ = ["SHARD_BYTES", "default_shards", "related_bag"]

Answer = tuple[str, "RelatedResults | None"]


def _statistics(articles: list[Article]) -> CorpusStatistics:
    return CorpusStatistics.from_articles(articles)


def _merge_statistics(parts: list[CorpusStatistics]) -> CorpusStatistics:
    total = CorpusStatistics()
    for part in parts:
        total = total.merge(part)
    return total


def _tree(parts: Sequence[Delayed], every: int = 8) -> Delayed:
    """The statistics merged in a tree of tasks of ``every`` inputs (no task sees every block)."""
    level = list(parts)
    while len(level) > 1:
        level = [delayed(_merge_statistics, pure=True)(level[i : i + every]) for i in range(0, len(level), every)]
    return level[0] if len(level) == 1 else delayed(CorpusStatistics)()


def _split(articles: list[Article], shards: int) -> list[list[Article]]:
    """The block's articles that count, by shard."""
    out: list[list[Article]] = [[] for _ in range(shards)]
    for a in articles:
        if a.counts_from is not None:
            out[shard_of(a.id, shards)].append(a)
    return out


def _pick(split: list[list[Article]], shard: int) -> list[Article]:
    return split[shard]


def _shard(
    taxonomy: Corpus, pieces: list[list[Article]], statistics: CorpusStatistics, config: RelatedConfig
) -> ShardIndex:
    index = ShardIndex(taxonomy, (a for piece in pieces for a in piece), statistics, config)
    index.engine()  # built where the shard lands, once
    return index


def _queries(
    taxonomy: Corpus,
    articles: list[Article],
    statistics: CorpusStatistics,
    config: RelatedConfig,
    as_of: datetime,
    ids: frozenset[str] | None,
) -> list[Profile]:
    """The query profiles of a block: its articles visible at ``as_of`` (or those of ``ids``)."""
    chosen = [a for a in articles if (a.is_visible(as_of) if ids is None else a.id in ids)]
    if not chosen:
        return []
    profiler = ShardIndex(taxonomy, (), statistics, config)  # the statistics and the tree, no article
    as_of_us = micros(as_of)
    return [profiler.query_profile(a, as_of_us) for a in chosen]


def _answer(
    index: ShardIndex,
    queries: list[Profile],
    depth: int | None,
    as_of_us: int,
    exclude: frozenset[str],
    pending: list[Answer] | None,
) -> list[Ranked | None]:
    """The shard's first ``depth`` candidates of each query (only those ``pending`` left open),
    answered in blocks of queries."""
    open_ = [i for i in range(len(queries)) if pending is None or pending[i][1] is None]
    ranked = index.ranked_batch([queries[i] for i in open_], depth=depth, as_of_us=as_of_us, exclude=exclude)
    out: list[Ranked | None] = [None] * len(queries)
    for i, r in zip(open_, ranked, strict=True):
        out[i] = r
    return out


def _merge(
    config: RelatedConfig,
    k: int,
    queries: list[Profile],
    lists: list[list[Ranked | None]],
    pending: list[Answer] | None,
    last: bool,
) -> list[Answer]:
    out: list[Answer] = []
    for i, q in enumerate(queries):
        if pending is not None and pending[i][1] is not None:
            out.append(pending[i])
            continue
        ranked = [shard[i] for shard in lists]
        merged = merge_ranked(config, k, q.time, [r for r in ranked if r is not None])
        if merged is None and last:  # every list was complete: merge_ranked is sure
            raise AssertionError(f"related: the answer of {q.id!r} stayed open after the last round")
        out.append((q.id, None if merged is None else RelatedResults(merged)))
    return out


def _finish(answers: list[Answer], found: list[list[str]], ids: frozenset[str] | None) -> list[tuple[str, Any]]:
    if ids is not None:
        missing = ids.difference(i for block in found for i in block)
        if missing:
            first = min(missing)
            raise UnknownId(f"related: the corpus has no article {first!r} ({len(missing)} ids unknown)", value=first)
    return [(i, r) for i, r in answers]


def _ids_of(queries: list[Profile]) -> list[str]:
    return [q.id for q in queries]


#: Bytes of corpus files per shard when the shards are not given (about 250,000 short articles,
#: an index of about 1.6 GB).
SHARD_BYTES = 256 * 2**20


def default_shards(total_bytes: int) -> int:
    """As many shards as the cluster has workers, more when the files exceed :data:`SHARD_BYTES` each.

    Fewer shards cost less: every query visits every shard, and a query's cost on a shard has a
    part that does not shrink with the shard.
    """
    workers = 1
    try:
        from distributed import default_client

        workers = len(default_client().scheduler_info()["workers"])
    except (ImportError, ValueError):  # no distributed client: the local scheduler
        pass
    return max(1, workers, -(-total_bytes // SHARD_BYTES))


def related_bag(
    corpus: DaskCorpus,
    *,
    as_of: datetime,
    config: RelatedConfig | None = None,
    k: int | None = None,
    ids: Iterable[str] | None = None,
    shards: int | None = None,
    exclude: Iterable[str] = (),
) -> db.Bag:
    """``(article id, related results)`` of every article visible at ``as_of`` (or of ``ids``), a
    lazy bag with one partition per partition of the corpus; see the module's text."""
    import dask.bag as db

    config = config if config is not None else RelatedConfig()
    k = config.k if k is None else check_k(k)
    as_of_us = micros(as_of)  # refuses a naive datetime
    chosen = None if ids is None else frozenset(ids)
    excluded = frozenset(exclude)
    parts = corpus.articles.to_delayed()
    n_shards = shards if shards is not None else default_shards(corpus.total_bytes)
    taxonomy = delayed(corpus.taxonomy, pure=True)
    statistics = _tree([delayed(_statistics, pure=True)(p) for p in parts])
    split = [delayed(_split, pure=True)(p, n_shards) for p in parts]
    indexes = [
        delayed(_shard, pure=True)(taxonomy, [delayed(_pick, pure=True)(s, i) for s in split], statistics, config)
        for i in range(n_shards)
    ]
    queries = [delayed(_queries, pure=True)(taxonomy, p, statistics, config, as_of, chosen) for p in parts]
    capped = config.max_per_author is not None or config.max_per_category is not None
    # without caps the first k of every shard are enough; with caps, deeper rounds for the few left open
    depths: tuple[int | None, ...] = (k,) if not capped else (4 * k, 32 * k, None)
    answers: list[Any] = [None] * len(parts)
    for r, depth in enumerate(depths):
        last = r == len(depths) - 1 or depth is None
        answers = [
            delayed(_merge, pure=True)(
                config,
                k,
                q,
                [delayed(_answer, pure=True)(index, q, depth, as_of_us, excluded, pending) for index in indexes],
                pending,
                last,
            )
            for q, pending in zip(queries, answers, strict=True)
        ]
    found = [delayed(_ids_of, pure=True)(q) for q in queries] if chosen is not None else []
    bag: db.Bag = db.from_delayed([delayed(_finish, pure=True)(a, found, chosen) for a in answers])
    return bag
