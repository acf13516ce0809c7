"""The related-articles index: built once per corpus, exact, fast, for every ``as_of``.

:class:`RelatedIndex` answers the same as :func:`~newsmodel.related.score.rank_related` (the
brute-force reference) for every article and every ``as_of``, in milliseconds.  With numpy
installed (the ``related`` extra) it prunes candidates with a proven bound (see
:mod:`newsmodel.related._engine`); without numpy it falls back to the brute-force scan over
precomputed profiles, which is exact too and fine for a few thousand articles.

The work is done once per corpus and config, over every article that is visible at some instant
(published, with a date), and kept on the corpus (:meth:`Corpus.cached
<newsmodel.values.corpus.Corpus.cached>`); ``as_of`` only filters the candidates when a query is
answered.  So a server that passes the current time with every request builds nothing after the
first, and holds one index per config however many instants it asks about.

>>> from newsmodel.sample import SEED_AS_OF, generate
>>> corpus = generate(articles=1500)
>>> index = RelatedIndex.build(corpus, as_of=SEED_AS_OF)
>>> seed = corpus.article_by_slug("trump-kim-summit-set-for-2026-leaving-seoul-on-the-sidelines")
>>> results = index.related(seed.id)
>>> len(results), results == rank_related(corpus, seed.id, as_of=SEED_AS_OF)
(6, True)
>>> from datetime import timedelta
>>> later = SEED_AS_OF + timedelta(days=1)
>>> RelatedIndex.build(corpus, as_of=later).features is index.features  # shared, not rebuilt
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from newsmodel.related.config import RelatedConfig, check_k
from newsmodel.related.features import Features, Profile, micros
from newsmodel.related.score import FeaturesOf, RelatedResult, RelatedResults, Scorer, rank_related
from newsmodel.values.errors import InvalidRelatedConfig

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

__all__ = ["RelatedIndex", "build_related_index", "rank_related", "related_articles"]

_ENGINES = ("auto", "numpy", "python")


def _numpy_available() -> bool:
    # found, not imported: an index that only scans (one page) never pays numpy's import
    from importlib.util import find_spec

    return find_spec("numpy") is not None


#: Single queries a numpy index answers by scanning before it builds its pruning engine.  A scan
#: and the build are both linear in the corpus (on the bundled sample: 12 ms a scan, 150 ms the
#: build), so showing one page never pays for the build, and a server pays at most this many scans
#: more than the build before every query is pruned (the rent-or-buy rule).
SCANS_BEFORE_ENGINE = 12


class _Shared:
    """What every :class:`RelatedIndex` of one corpus and one config shares: profiles, scorer, engine.

    The numpy engine is built on first need: at once for :meth:`RelatedIndex.related_all` or an
    explicit ``engine="numpy"``, after :data:`SCANS_BEFORE_ENGINE` single queries otherwise.
    """

    __slots__ = ("_engine", "block_size", "config", "features", "name", "scans", "scorer")

    def __init__(self, features: Features, config: RelatedConfig, engine: str, block_size: int | None) -> None:
        self.features = features
        self.config = config
        self.scorer = Scorer(features, config)
        self._engine: Any = None
        self.block_size = block_size
        self.scans = 0
        self.name = engine

    def engine(self) -> Any:
        """The pruning engine (built now if it is not yet), or None for the python engine."""
        if self._engine is None and self.name == "numpy":
            from newsmodel.related._engine import Engine

            if self.block_size is None:
                self._engine = Engine(self.features, self.scorer)
            else:
                self._engine = Engine(self.features, self.scorer, block_size=self.block_size)
        return self._engine

    def engine_for_one(self) -> Any:
        """The engine for a single query: None (scan) until :data:`SCANS_BEFORE_ENGINE` scans."""
        if self._engine is None and self.scans < SCANS_BEFORE_ENGINE:
            self.scans += 1
            return None
        return self.engine()


@attrs.frozen
class _SharedOf:
    """The factory of a :class:`_Shared` for :meth:`Corpus.cached <newsmodel.values.corpus.Corpus.cached>`.

    A value: equal settings are one cache entry, so a corpus holds one index per config.
    """

    config: RelatedConfig
    engine: str
    block_size: int | None

    def __call__(self, corpus: Corpus) -> _Shared:
        features = corpus.cached(FeaturesOf(self.config.keywords))
        return _Shared(features, self.config, self.engine, self.block_size)


class RelatedIndex:
    """Related articles of every article of a corpus, for one config, as of an instant.

    Build it with :meth:`build`; ask :meth:`related` for one article or :meth:`related_all` for
    all of them.  The instant given to :meth:`build` is the default ``as_of`` of both; either
    takes another with ``as_of=``, and :meth:`build` with another ``as_of`` costs nothing: the
    profiles and the engine are built once per corpus and config and shared.  ``engine`` is
    ``"numpy"`` (pruned, needs numpy), ``"python"`` (brute force over precomputed profiles) or
    ``"auto"`` (numpy when installed; its engine is built after the first few single queries,
    which scan).  ``block_size`` tunes the numpy engine's pruning
    granularity (articles per block); it never changes an answer.
    """

    __slots__ = ("_as_of_us", "_shared", "as_of")

    def __init__(self, shared: _Shared, as_of: datetime) -> None:
        self._shared = shared
        self._as_of_us = micros(as_of)  # refuses a naive datetime
        self.as_of = as_of

    @classmethod
    def build(
        cls,
        corpus: Corpus,
        *,
        as_of: datetime,
        config: RelatedConfig | None = None,
        engine: str = "auto",
        block_size: int | None = None,
    ) -> RelatedIndex:
        """The index of ``corpus`` as of ``as_of`` (only articles visible then are suggested)."""
        if engine not in _ENGINES:
            raise InvalidRelatedConfig(f"RelatedIndex: unknown engine {engine!r} (one of {_ENGINES})", value=engine)
        micros(as_of)  # refuses a naive datetime before any work
        config = config if config is not None else RelatedConfig()
        chosen = engine
        if engine == "auto":
            chosen = "numpy" if _numpy_available() else "python"
        shared = corpus.cached(_SharedOf(config, chosen, block_size))
        if engine == "numpy":
            shared.engine()  # asked for by name: pruned from the first query
        return cls(shared, as_of)

    @property
    def features(self) -> Features:
        """The profiles of every article that is visible at some instant (shared by all ``as_of``)."""
        return self._shared.features

    @property
    def config(self) -> RelatedConfig:
        """The settings of the score."""
        return self._shared.config

    @property
    def scorer(self) -> Scorer:
        """The pair scorer (shared with the brute-force reference)."""
        return self._shared.scorer

    @property
    def engine(self) -> str:
        """``"numpy"`` or ``"python"``: the engine that answers."""
        return str(self._shared.name)

    def __len__(self) -> int:
        """How many articles are visible at :attr:`as_of`."""
        return self.features.visible_count(self._as_of_us)

    def _as_of(self, as_of: datetime | None) -> int:
        return self._as_of_us if as_of is None else micros(as_of)

    def _profile(self, article_id: str, as_of_us: int, corpus_article: Any = None) -> Profile:
        features = self.features
        position = features.position.get(article_id)
        if position is not None:
            return features.profile_at(position)
        if corpus_article is None:
            corpus_article = features.lookup(article_id)
        return features.profile_of(corpus_article, as_of_us)

    def _query(self, query: Profile, k: int, exclude: frozenset[str], as_of_us: int) -> tuple[RelatedResult, ...]:
        shared = self._shared
        engine = shared.engine_for_one()
        if engine is None:
            picked, _ = shared.scorer.rank_bounded(query, k, exclude, self.features.visible_count(as_of_us))
        else:
            picked = engine.query(query, k, exclude, as_of_us)
        row = self.features.category_row(query.categories)
        return tuple(shared.scorer.result(query, row, other, score) for score, other in picked)

    def related(
        self,
        article: str | Any,
        *,
        k: int | None = None,
        exclude: Sequence[str] = (),
        as_of: datetime | None = None,
    ) -> tuple[RelatedResult, ...]:
        """The related articles of ``article`` (an id, or an :class:`~newsmodel.values.model.Article`),
        best first: the top ``k`` (default ``config.k``) of the articles visible at ``as_of``
        (default :attr:`as_of`)."""
        k = self.config.k if k is None else check_k(k)
        as_of_us = self._as_of(as_of)
        if isinstance(exclude, str):
            raise InvalidRelatedConfig(
                f"exclude: expected a sequence of ids, got the string {exclude!r}", value=exclude, where="exclude"
            )
        if isinstance(article, str):
            query = self._profile(article, as_of_us)
        else:
            query = self._profile(article.id, as_of_us, article)
        return self._query(query, k, frozenset(exclude), as_of_us)

    def related_all(
        self, *, k: int | None = None, as_of: datetime | None = None, workers: int = 1
    ) -> dict[str, tuple[RelatedResult, ...]]:
        """The related articles of every article visible at ``as_of`` (default :attr:`as_of`),
        newest first, in one batch.

        ``workers`` above 1 shares the batch of the numpy engine with ``workers - 1`` helper
        processes (started with ``spawn``; a script that calls this at import time needs the
        ``if __name__ == "__main__":`` guard, as every use of ``spawn`` does).  The answers are the
        same; the helpers end with the call.
        """
        k = self.config.k if k is None else check_k(k)
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise InvalidRelatedConfig(
                f"related_all: workers must be an integer >= 1, got {workers!r}", value=workers, where="workers"
            )
        as_of_us = self._as_of(as_of)
        features = self.features
        profiles = features.profiles[: features.visible_count(as_of_us)]
        none: frozenset[str] = frozenset()
        engine = self._shared.engine()
        if engine is None:
            return {p.id: self._query(p, k, none, as_of_us) for p in reversed(profiles)}
        result_of = self.scorer.result_of
        answers: list[tuple[RelatedResult, ...]] = [()] * len(profiles)
        if workers > 1:
            from newsmodel.related._parallel import query_all_parallel

            def make(position: int, picked: list[Any]) -> None:
                answers[position] = tuple([result_of(other, score, values) for score, other, values in picked])

            query_all_parallel(engine, k, as_of_us, workers, make)
        else:
            for position, picked in engine.query_all_signals(k, as_of_us):
                answers[position] = tuple([result_of(other, score, values) for score, other, values in picked])
        return {p.id: answers[p.position] for p in reversed(profiles)}


def build_related_index(
    corpus: Corpus, *, as_of: datetime, config: RelatedConfig | None = None, engine: str = "auto"
) -> RelatedIndex:
    """Same as :meth:`RelatedIndex.build`."""
    return RelatedIndex.build(corpus, as_of=as_of, config=config, engine=engine)


def related_articles(
    corpus: Corpus,
    article_id: str,
    *,
    as_of: datetime,
    config: RelatedConfig | None = None,
    k: int | None = None,
    exclude: Iterable[str] = (),
) -> RelatedResults:
    """The related articles of ``article_id``, through an index built once per corpus (one line for a page).

    The index is built on the first call for a corpus and config and serves every ``as_of``
    after it: a server may pass the current time with each request.

    >>> from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
    >>> corpus = generate(articles=1500)
    >>> seed = corpus.article_by_slug(SEED_SLUG)
    >>> len(related_articles(corpus, seed.id, as_of=SEED_AS_OF, k=3))
    3
    """
    index = RelatedIndex.build(corpus, as_of=as_of, config=config)
    article = corpus.article(article_id)
    return RelatedResults(index.related(article, k=k, exclude=tuple(exclude)))
