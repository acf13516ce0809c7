"""The related-articles index: built once per corpus, exact, fast.

:class:`RelatedIndex` answers the same as :func:`~newsmodel.related.score.rank_related` (the
brute-force reference) for every article, in milliseconds.  With numpy installed (the
``related`` extra) it prunes candidates with a proven bound (see :mod:`newsmodel.related._engine`);
without numpy it falls back to the brute-force scan over precomputed profiles, which is exact too
and fine for a few thousand articles.

>>> from newsmodel.sample import SEED_AS_OF, generate
>>> corpus = generate(articles=1500)
>>> index = RelatedIndex.build(corpus, as_of=SEED_AS_OF)
>>> seed = corpus.article_by_slug("trump-kim-summit-set-for-2026-leaving-seoul-on-the-sidelines")
>>> results = index.related(seed.id)
>>> len(results), results == rank_related(corpus, seed.id, as_of=SEED_AS_OF)
(6, True)
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsmodel.errors import InvalidRelatedConfig
from newsmodel.related.config import RelatedConfig, check_k
from newsmodel.related.features import Features, Profile, micros
from newsmodel.related.score import RelatedResult, Scorer, features_factory, rank_related

if TYPE_CHECKING:
    from newsmodel.corpus import Corpus

__all__ = ["RelatedIndex", "build_related_index", "rank_related", "related_articles"]

_ENGINES = ("auto", "numpy", "python")


def _numpy_available() -> bool:
    try:
        import numpy  # noqa: F401
    except ImportError:  # pragma: no cover - numpy is installed with the related extra
        return False
    return True


class RelatedIndex:
    """Related articles of every visible article of a corpus, for one config and one ``as_of``.

    Build it with :meth:`build`; ask :meth:`related` for one article or :meth:`related_all` for
    all of them.  ``engine`` is ``"numpy"`` (pruned, needs numpy), ``"python"`` (brute force over
    precomputed profiles) or ``"auto"`` (numpy when installed).  ``block_size`` tunes the numpy
    engine's pruning granularity (articles per block); it never changes an answer.
    """

    def __init__(
        self, features: Features, config: RelatedConfig, *, engine: str = "auto", block_size: int | None = None
    ) -> None:
        if engine not in _ENGINES:
            raise InvalidRelatedConfig(f"RelatedIndex: unknown engine {engine!r} (one of {_ENGINES})", value=engine)
        self.features = features
        self.config = config
        self.scorer = Scorer(features, config)
        self._engine: Any = None
        if engine == "numpy" or (engine == "auto" and _numpy_available()):
            from newsmodel.related._engine import Engine

            tuning = {} if block_size is None else {"block_size": block_size}
            self._engine = Engine(features, self.scorer, **tuning)
        self.engine = "numpy" if self._engine is not None else "python"

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
        """Build the index of ``corpus`` as of ``as_of`` (only articles visible then are suggested)."""
        config = config if config is not None else RelatedConfig()
        micros(as_of)  # refuses a naive datetime
        features = corpus.cached(features_factory(config.keywords, as_of))
        return cls(features, config, engine=engine, block_size=block_size)

    @property
    def as_of(self) -> datetime:
        """The instant the index was built for."""
        return self.features.as_of

    def __len__(self) -> int:
        return self.features.n

    def _profile(self, article_id: str, corpus_article: Any = None) -> Profile:
        position = self.features.position.get(article_id)
        if position is not None:
            return self.features.profiles[position]
        if corpus_article is None:
            corpus_article = self.features.lookup(article_id)
        return self.features.profile_of(corpus_article)

    def _query(self, query: Profile, k: int, exclude: frozenset[str]) -> tuple[RelatedResult, ...]:
        if self._engine is None:
            return self.scorer.rank(query, k, exclude)
        picked = self._engine.query(query, k, exclude)
        row = self.features.category_row(query.categories)
        return tuple(self.scorer.result(query, row, other, score) for score, other in picked)

    def related(
        self, article: str | Any, *, k: int | None = None, exclude: Sequence[str] = ()
    ) -> tuple[RelatedResult, ...]:
        """The related articles of ``article`` (an id of a visible article, or an
        :class:`~newsmodel.model.Article`), best first: the top ``k`` (default ``config.k``)."""
        k = self.config.k if k is None else check_k(k)
        if isinstance(exclude, str):
            raise InvalidRelatedConfig(
                f"exclude: expected a sequence of ids, got the string {exclude!r}", value=exclude, where="exclude"
            )
        if isinstance(article, str):
            query = self._profile(article)
        else:
            query = self._profile(article.id, article)
        return self._query(query, k, frozenset(exclude))

    def related_all(self, *, k: int | None = None) -> dict[str, tuple[RelatedResult, ...]]:
        """The related articles of every visible article, newest first, in one batch."""
        k = self.config.k if k is None else check_k(k)
        profiles = self.features.profiles
        none: frozenset[str] = frozenset()
        if self._engine is None:
            return {p.id: self._query(p, k, none) for p in reversed(profiles)}
        # a batch makes millions of small objects: the cyclic collector would walk every profile
        # again and again for nothing (results hold no cycles)
        collecting = gc.isenabled()
        gc.disable()
        try:
            result = self.scorer.result
            category_row = self.features.category_row
            answers: list[tuple[RelatedResult, ...]] = [()] * len(profiles)
            for position, picked in self._engine.query_all(k):
                p = profiles[position]
                answers[position] = tuple(
                    result(p, category_row(p.categories), other, score) for score, other in picked
                )
            return {p.id: answers[p.position] for p in reversed(profiles)}
        finally:
            if collecting:
                gc.enable()


def build_related_index(
    corpus: Corpus, *, as_of: datetime, config: RelatedConfig | None = None, engine: str = "auto"
) -> RelatedIndex:
    """Same as :meth:`RelatedIndex.build`."""
    return RelatedIndex.build(corpus, as_of=as_of, config=config, engine=engine)


@functools.lru_cache(maxsize=16)
def _index_factory(config: RelatedConfig, as_of: datetime) -> Callable[[Corpus], RelatedIndex]:
    def build(corpus: Corpus) -> RelatedIndex:
        return RelatedIndex.build(corpus, as_of=as_of, config=config)

    return build


def related_articles(
    corpus: Corpus,
    article_id: str,
    *,
    as_of: datetime,
    config: RelatedConfig | None = None,
    k: int | None = None,
    exclude: Iterable[str] = (),
) -> tuple[RelatedResult, ...]:
    """The related articles of ``article_id``, through an index built once per corpus (one line for a page).

    >>> from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
    >>> corpus = generate(articles=1500)
    >>> seed = corpus.article_by_slug(SEED_SLUG)
    >>> len(related_articles(corpus, seed.id, as_of=SEED_AS_OF, k=3))
    3
    """
    config = config if config is not None else RelatedConfig()
    index = corpus.cached(_index_factory(config, as_of))
    article = corpus.article(article_id)
    return index.related(article, k=k, exclude=tuple(exclude))
