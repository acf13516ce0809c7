"""Related articles over document shards: each shard ranks its own articles, the top lists merge.

A corpus too big for one machine is cut into shards by a hash of the article id.  Every shard
scores with the corpus's *global* statistics (:class:`CorpusStatistics`, a partial counted per
block of articles and merged by addition), so a shard's :class:`ShardFeatures` gives every
article the very profile the whole-corpus :class:`~newsmodel.related.features.Features` gives it,
and every pair the very same float score (:func:`~newsmodel.related.features.raw_score`).  A
:class:`ShardIndex` answers a query with the first ``depth`` candidates of its shard in the total
order of results (score descending, closer date, id), without the diversity caps;
:func:`merge_ranked` merges the shards' lists and picks under the caps.  The answer is exactly the
single-machine one when the merged lists cover the picks (always, without caps); when they may
not, :func:`merge_ranked` says so and the caller asks the shards for more.

>>> from newsmodel.related import RelatedIndex
>>> from newsmodel.related.features import micros
>>> from newsmodel.sample import SEED_AS_OF, generate
>>> corpus = generate(articles=600, short_bodies=True)
>>> stats = CorpusStatistics.from_articles(corpus.articles)
>>> shards = [ShardIndex(corpus, [a for a in corpus.articles if shard_of(a.id, 2) == i], stats)
...           for i in range(2)]
>>> seed = corpus.articles[-1]
>>> query = shards[shard_of(seed.id, 2)].query_profile(seed, micros(SEED_AS_OF))
>>> lists = [s.ranked(query, depth=6, as_of_us=micros(SEED_AS_OF)) for s in shards]
>>> merged = merge_ranked(RelatedConfig(), 6, query.time, lists)
>>> merged == RelatedIndex.build(corpus, as_of=SEED_AS_OF).related(seed.id)
True
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs

from newsmodel.related.config import RelatedConfig
from newsmodel.related.features import Features, Profile, count_terms, tag_and_author_counts
from newsmodel.related.score import RelatedResult, Scorer

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus
    from newsmodel.values.model import Article

#: Candidate and Ranked are the messages between the shards and the merge, not public values.
__all__ = ["CorpusStatistics", "ShardFeatures", "ShardIndex", "merge_ranked", "shard_of"]


def shard_of(article_id: str, shards: int) -> int:
    """The shard of an article: a stable hash of its id (the same in every process), modulo ``shards``.

    >>> shard_of("42", 8) == shard_of("42", 8)
    True
    """
    return zlib.crc32(article_id.encode("utf-8", "surrogatepass")) % shards


class CorpusStatistics:
    """What the related score counts over the whole corpus: how many articles count (have a
    :attr:`~newsmodel.values.model.Article.counts_from`), and in how many of them each tag, author and
    term occurs.  A partial: count it per block of articles and :meth:`merge`; any grouping gives
    the same value.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.model import Article
    >>> t = datetime(2025, 1, 1, tzinfo=timezone.utc)
    >>> a = Article(id="1", slug="a", title="Seoul talks", tag_ids=("x",), published=t)
    >>> b = Article(id="2", slug="b", title="Seoul", published=t)
    >>> s = CorpusStatistics.from_articles([a]).merge(CorpusStatistics.from_articles([b]))
    >>> s.documents, s.term_df["seoul"], s.tag_df["x"]
    (2, 2, 1)
    """

    __slots__ = ("author_df", "documents", "tag_df", "term_df")

    def __init__(
        self,
        *,
        documents: int = 0,
        tag_df: Counter[str] | None = None,
        author_df: Counter[str] | None = None,
        term_df: Counter[str] | None = None,
    ) -> None:
        self.documents = documents
        self.tag_df: Counter[str] = tag_df if tag_df is not None else Counter()
        self.author_df: Counter[str] = author_df if author_df is not None else Counter()
        self.term_df: Counter[str] = term_df if term_df is not None else Counter()

    @classmethod
    def from_articles(cls, articles: Iterable[Article]) -> CorpusStatistics:
        """The statistics of ``articles`` (those that never count are left out, as
        :class:`~newsmodel.related.features.Features` leaves them out)."""
        counted = [a for a in articles if a.counts_from is not None]
        tag_df, author_df = tag_and_author_counts(counted)
        return cls(documents=len(counted), tag_df=tag_df, author_df=author_df, term_df=Counter(count_terms(counted)))

    def merge(self, other: CorpusStatistics) -> CorpusStatistics:
        """The statistics of both parts together."""
        return CorpusStatistics(
            documents=self.documents + other.documents,
            tag_df=self.tag_df + other.tag_df,
            author_df=self.author_df + other.author_df,
            term_df=self.term_df + other.term_df,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CorpusStatistics):
            return NotImplemented
        return (self.documents, self.tag_df, self.author_df, self.term_df) == (
            other.documents,
            other.tag_df,
            other.author_df,
            other.term_df,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable counters

    def __sizeof__(self) -> int:
        # what Dask's scheduler weighs when it decides to move the value (keys and counts)
        return 100 * (len(self.tag_df) + len(self.author_df) + len(self.term_df)) + 100


class ShardFeatures(Features):
    """The :class:`~newsmodel.related.features.Features` of one shard's articles, weighted by the
    whole corpus's statistics: every profile equals the whole-corpus one (its ``position`` is
    the article's place in the shard)."""

    def __init__(self, corpus: Corpus, statistics: CorpusStatistics, *, keywords: int) -> None:
        super().__init__(corpus, keywords=keywords)
        self._use_statistics(statistics.documents, statistics.tag_df, statistics.author_df)
        self._set_frequencies(dict(statistics.term_df))


@attrs.frozen
class Candidate:
    """One scored candidate of a shard: what ordering and the diversity caps need, and its result."""

    score: float
    time: int
    authors: tuple[str, ...]
    main_category: str | None
    result: RelatedResult

    @property
    def id(self) -> str:
        """The candidate's article id."""
        return self.result.article_id


@attrs.frozen
class Ranked:
    """A shard's first candidates for a query, best first; ``complete`` when the shard has no more."""

    candidates: tuple[Candidate, ...]
    complete: bool


def _foreign(p: Profile) -> Profile:
    """The profile as another shard takes it: the same vectors, no position in that shard."""
    return Profile(
        id=p.id,
        time=p.time,
        position=-1,
        tags=p.tags,
        authors=p.authors,
        text=p.text,
        categories=p.categories,
        main_category=p.main_category,
    )


class ShardIndex:
    """One shard's articles, profiled with the corpus's statistics, with the pruning engine over them.

    ``taxonomy`` is a corpus holding the site and the whole taxonomy (the category tree shapes the
    category signal; its articles are not read); ``articles`` are the shard's (those that never
    count are left out).  :meth:`ranked` answers with the same engine as
    :class:`~newsmodel.related.RelatedIndex`, under the config without its diversity caps.
    """

    def __init__(
        self,
        taxonomy: Corpus,
        articles: Iterable[Article],
        statistics: CorpusStatistics,
        config: RelatedConfig | None = None,
    ) -> None:
        from newsmodel.values.corpus import Corpus

        config = config if config is not None else RelatedConfig()
        self.config = config
        counted = [a for a in articles if a.counts_from is not None]
        ids = {a.id for a in counted}
        # a parent in another shard: the link plays no part in the score, the shard's corpus drops it
        counted = [a if a.parent_id is None or a.parent_id in ids else attrs.evolve(a, parent_id=None) for a in counted]
        t = taxonomy
        corpus = Corpus(site=t.site, authors=t.authors, categories=t.categories, tags=t.tags, articles=counted)
        self.features = ShardFeatures(corpus, statistics, keywords=config.keywords)
        self.scorer = Scorer(self.features, attrs.evolve(config, max_per_author=None, max_per_category=None))
        self._engine: Any = None
        self._bytes = 8192 * self.features.n + 2**20  # a rough weight: articles, profiles and engine rows
        self._inputs = (t.site, t.authors, t.categories, t.tags, tuple(counted), statistics, config)

    def __sizeof__(self) -> int:
        # the scheduler's estimate of the shard's weight: moving it is never cheap
        return self._bytes

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # A shard travels as its inputs and is built again where it lands.  Its engine answers
        # with scratch arrays it fills and clears around each query; a worker may pickle the
        # shard (to send it to another worker) from its communication thread while a task is
        # answering, so a copy of the engine could carry a query's leftovers into every later
        # answer of the copy.  The inputs are immutable values.
        return (_rebuilt, self._inputs)

    def engine(self) -> Any:
        """The pruning engine over the shard (built on first use)."""
        if self._engine is None:
            from newsmodel.related._engine import Engine

            self._engine = Engine(self.features, self.scorer)
        return self._engine

    def query_profile(self, article: Article, as_of_us: int) -> Profile:
        """The profile of ``article`` (the shard's own, or one computed now) as every shard takes it."""
        return _foreign(self.features.profile_of(article, as_of_us))

    def ranked(
        self, query: Profile, *, depth: int | None, as_of_us: int, exclude: frozenset[str] = frozenset()
    ) -> Ranked:
        """The shard's first ``depth`` (None: all) candidates for ``query`` visible at ``as_of_us``,
        best first, in the total order of results, without the diversity caps."""
        n = self.features.n
        limit = n if depth is None else min(depth, n)
        picked = self.engine().query(query, limit, exclude | {query.id}, as_of_us) if limit else []
        return self._ranked(query, picked, depth)

    def ranked_batch(
        self,
        queries: Sequence[Profile],
        *,
        depth: int | None,
        as_of_us: int,
        exclude: frozenset[str] = frozenset(),
    ) -> list[Ranked]:
        """:meth:`ranked` of every query (the same lists, one query at a time: see the design notes,
        "Related articles on sub-blocks")."""
        return [self.ranked(q, depth=depth, as_of_us=as_of_us, exclude=exclude) for q in queries]

    def _ranked(self, query: Profile, picked: list[tuple[float, Profile]], depth: int | None) -> Ranked:
        row = self.features.category_row(query.categories)
        result = self.scorer.result
        candidates = tuple(
            Candidate(
                score=score,
                time=other.time,
                authors=tuple(other.authors),
                main_category=other.main_category,
                result=result(query, row, other, score),
            )
            for score, other in picked
        )
        return Ranked(candidates=candidates, complete=depth is None or len(candidates) < depth)


def _rebuilt(
    site: Any,
    authors: Any,
    categories: Any,
    tags: Any,
    articles: tuple[Article, ...],
    statistics: CorpusStatistics,
    config: RelatedConfig,
) -> ShardIndex:
    """A :class:`ShardIndex` built again from its inputs (unpickling)."""
    from newsmodel.values.corpus import Corpus

    taxonomy = Corpus(site=site, authors=authors, categories=categories, tags=tags, articles=())
    return ShardIndex(taxonomy, articles, statistics, config)


@attrs.frozen
class _Caps:
    """The part of a :class:`Scorer` its greedy pick reads: the config (for the caps)."""

    config: RelatedConfig


def merge_ranked(
    config: RelatedConfig, k: int, query_time: int, lists: Sequence[Ranked]
) -> tuple[RelatedResult, ...] | None:
    """The top ``k`` under the caps of the shards' merged lists, or None when the lists are too
    short to be sure (ask again, deeper).

    The merged lists are the exact head of the whole ranking up to the earliest last candidate of
    an incomplete list; the greedy pick (:meth:`Scorer.select <newsmodel.related.score.Scorer.select>`,
    which looks only back) is exact when it picks ``k`` within that head, or when every list is
    complete.
    """

    if k == 0:
        return ()

    def key(c: Candidate) -> tuple[float, int, str]:
        return (-c.score, abs(c.time - query_time), c.id)

    merged = sorted((c for ranked in lists for c in ranked.candidates), key=key)
    cuts = [key(ranked.candidates[-1]) for ranked in lists if not ranked.complete and ranked.candidates]
    if any(not ranked.complete and not ranked.candidates for ranked in lists):
        return None  # a list cut at depth 0 covers nothing
    head = merged if not cuts else [c for c in merged if key(c) <= min(cuts)]
    # the pick reads only the config of its Scorer: one home for the caps rule
    select = Scorer.select
    picked, full = select(cast(Scorer, _Caps(config)), cast(Profile, None), [(c.score, c) for c in head], k)  # type: ignore[misc]
    if not full and cuts:
        return None
    return tuple(cast(Candidate, c).result for _, c in picked)
