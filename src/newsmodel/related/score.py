"""Related-article results and the brute-force reference scorer :func:`rank_related`.

:func:`rank_related` compares the article with every other visible article, one pair at a time,
in pure Python.  It is the definition of the answer: the index (:mod:`newsmodel.related.index`)
must return exactly what it returns.
"""

from __future__ import annotations

import heapq
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

import attrs

from newsmodel.related.config import SIGNALS, RelatedConfig, check_k
from newsmodel.related.features import (
    DAY_US,
    Features,
    Profile,
    micros,
    raw_bound,
    raw_score,
    raw_score_and_values,
    recency,
    signal_values,
    weighted_values,
)
from newsmodel.related.text import article_text
from newsmodel.values._validate import NUMBER, refuse
from newsmodel.values.display import HtmlDisplay
from newsmodel.values.errors import InvalidValue

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

__all__ = ["RelatedResult", "Signal", "Signals", "rank_related"]


@attrs.frozen(kw_only=True)
class Signal:
    """One signal of a score: its ``value`` in [0, 1] and its ``share`` of the score (shares sum to 1).

    >>> Signal(value=0.5, share=0.25).share
    0.25
    """

    value: float = attrs.field(validator=NUMBER)
    share: float = attrs.field(validator=NUMBER)


class Signals:
    """Each signal of a related score (why the two articles are related).

    :attr:`tags`, :attr:`category`, :attr:`authors`, :attr:`text` and :attr:`recency`, each a
    :class:`Signal`.

    A value (immutable, equal when its numbers are equal, hashable), kept compactly: the ten
    numbers as ten packed doubles in one ``bytes`` (113 bytes, where a tuple of ten floats takes
    360), each :class:`Signal` made when it is read.  A whole-corpus batch holds millions of
    results: one object a result instead of six keeps the garbage collector's passes over them
    short, and packed numbers keep the batch's memory down.  Numbers that are not all plain floats
    (an ``int`` given by a caller, a NaN) are kept as the tuple they were given, so nothing is
    changed: an ``int`` reads back as that ``int``.

    >>> s = Signals(tags=Signal(value=1.0, share=1.0), category=Signal(value=0.0, share=0.0),
    ...             authors=Signal(value=0.0, share=0.0), text=Signal(value=0.0, share=0.0),
    ...             recency=Signal(value=0.0, share=0.0))
    >>> s.tags
    Signal(value=1.0, share=1.0)
    >>> s == Signals.of((1.0, 0.0, 0.0, 0.0, 0.0), (1.0, 0.0, 0.0, 0.0, 0.0))
    True
    >>> Signals.of((1.0, 0.0, 0.0, 0.0, "x"), (1.0, 0.0, 0.0, 0.0, 0.0))
    Traceback (most recent call last):
    ...
    newsmodel.values.errors.InvalidValue: Signals.recency.value: expected a number, got 'x'
    """

    __slots__ = ("_data",)
    #: Ten packed doubles (:data:`_PACKED`) when all ten numbers are floats other than NaN, else
    #: the ten numbers as given.
    _data: bytes | tuple[float, ...]
    #: How the value is read from JSON and described in a JSON Schema: an object of these
    #: keywords, each of its type, all required (see :mod:`newsmodel.serialize`).
    __json_fields__: ClassVar[dict[str, type]] = dict.fromkeys(SIGNALS, Signal)

    def __init__(self, *, tags: Signal, category: Signal, authors: Signal, text: Signal, recency: Signal) -> None:
        parts = (tags, category, authors, text, recency)
        for name, part in zip(SIGNALS, parts, strict=True):
            if not isinstance(part, Signal):
                raise refuse(self, name, "a Signal", part)
        object.__setattr__(self, "_data", _kept(tuple(p.value for p in parts) + tuple(p.share for p in parts)))

    @classmethod
    def of(cls, values: Sequence[float], shares: Sequence[float]) -> Signals:
        """The signals with these five values and five shares, in the order of
        :data:`~newsmodel.related.config.SIGNALS`."""
        data = (*values, *shares)
        if len(data) != 10 or len(values) != 5:
            raise InvalidValue(
                f"Signals.of: expected five values and five shares, got {len(values)} and {len(shares)}",
                value=data,
                where="of",
            )
        self = object.__new__(cls)
        for x in data:  # ten floats other than NaN, as a batch's results give them: packed at once
            if x.__class__ is not float or x != x:
                break
        else:
            object.__setattr__(self, "_data", _PACKED.pack(*data))
            return self
        for i, x in enumerate(data):  # the checks of Signal's fields (NUMBER): a float passes at once
            if not _is_number(x):
                raise refuse(self, f"{SIGNALS[i % 5]}.{'value' if i < 5 else 'share'}", "a number", x)
        object.__setattr__(self, "_data", _kept(data))
        return self

    @property
    def _numbers(self) -> tuple[float, ...]:
        """The ten numbers: the five values, then the five shares."""
        return _unpacked(self._data)

    def _signal(self, i: int) -> Signal:
        data = self._data
        if data.__class__ is bytes:
            return Signal(value=_ONE.unpack_from(data, 8 * i)[0], share=_ONE.unpack_from(data, 8 * i + 40)[0])
        return Signal(value=data[i], share=data[i + 5])

    @property
    def tags(self) -> Signal:
        """The tags signal (cosine of the IDF-weighted tag vectors)."""
        return self._signal(0)

    @property
    def category(self) -> Signal:
        """The category signal (shared path over the longer path of the deepest categories)."""
        return self._signal(1)

    @property
    def authors(self) -> Signal:
        """The authors signal (cosine of the author sets)."""
        return self._signal(2)

    @property
    def text(self) -> Signal:
        """The text signal (TF-IDF cosine of the keywords)."""
        return self._signal(3)

    @property
    def recency(self) -> Signal:
        """The recency signal (``0.5 ** (days apart / half-life)``)."""
        return self._signal(4)

    def items(self) -> Iterator[tuple[str, Signal]]:
        """``(name, signal)`` pairs in the order of :data:`~newsmodel.related.config.SIGNALS`."""
        for i, name in enumerate(SIGNALS):
            yield name, self._signal(i)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Signals:
            return NotImplemented
        return self._numbers == other._numbers  # as numbers: 0.0 == -0.0, 1 == 1.0

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not Signals:
            return NotImplemented
        return self._numbers != other._numbers

    def __hash__(self) -> int:
        return hash((Signals, self._numbers))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={signal!r}" for name, signal in self.items())
        return f"Signals({inner})"

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __reduce__(self) -> tuple[object, tuple[tuple[float, ...], tuple[float, ...]]]:
        numbers = self._numbers
        return (Signals.of, (numbers[:5], numbers[5:]))

    def __unstructure__(self) -> dict[str, dict[str, float]]:
        """As JSON-ready data: ``{name: {"value": ..., "share": ...}}`` for every signal, in order
        (what :func:`newsmodel.serialize.unstructure` writes)."""
        data = self._numbers
        return {name: {"value": data[i], "share": data[i + 5]} for i, name in enumerate(SIGNALS)}


def _kept(data: tuple[float, ...]) -> bytes | tuple[float, ...]:
    """How :class:`Signals` keeps its ten numbers: packed when all are floats other than NaN."""
    for x in data:
        if x.__class__ is not float or x != x:
            return data
    return _PACKED.pack(*data)


def _is_number(x: object) -> bool:
    """What ``NUMBER`` (the validator of :class:`Signal`'s fields) accepts: an ``int`` or a
    ``float``, never a ``bool``; a float passes on its class alone."""
    return x.__class__ is float or (isinstance(x, (int, float)) and not isinstance(x, bool))


def _unpacked(data: bytes | tuple[float, ...]) -> tuple[float, ...]:
    """The ten numbers :func:`_kept` keeps."""
    return _PACKED.unpack(data) if data.__class__ is bytes else data  # type: ignore[return-value]


#: Ten doubles in the machine's byte order: how :class:`Signals` keeps its numbers.
_PACKED = struct.Struct("=10d")
_ONE = struct.Struct("=d")


class RelatedResult(HtmlDisplay):
    """One related article: its id, its score in [0, 1] and the signals that make the score.

    >>> s = Signal(value=1.0, share=1.0)
    >>> z = Signal(value=0.0, share=0.0)
    >>> r = RelatedResult(article_id="42", score=0.35,
    ...                   signals=Signals(tags=s, category=z, authors=z, text=z, recency=z))
    >>> [name for name, sig in r.signals.items() if sig.share > 0]
    ['tags']
    >>> RelatedResult(article_id=42, score=0.35, signals=r.signals)
    Traceback (most recent call last):
    ...
    newsmodel.values.errors.InvalidValue: RelatedResult.article_id: expected a string, got 42

    A value (immutable, equal when its id, score and signals are equal, hashable) of one object:
    it keeps the numbers of its :class:`Signals` itself and makes the :class:`Signals` when
    :attr:`signals` is read (equal, not identical, each time).  A whole-corpus batch holds a
    result for each of six picks of every article: one object a result, not two, halves what
    the batch gives the garbage collector to track (see the design notes).
    """

    __slots__ = ("__weakref__", "_data", "article_id", "score")
    #: The related article's id.
    article_id: str
    #: Its score in [0, 1] for the article asked about.
    score: float
    #: The numbers of :attr:`signals`, kept as :class:`Signals` keeps them.
    _data: bytes | tuple[float, ...]
    #: How the value is read from JSON and described in a JSON Schema (see :class:`Signals`).
    __json_fields__: ClassVar[dict[str, type]] = {"article_id": str, "score": float, "signals": Signals}

    def __init__(self, *, article_id: str, score: float, signals: Signals) -> None:
        if not isinstance(article_id, str):
            raise refuse(self, "article_id", "a string", article_id)
        if not _is_number(score):
            raise refuse(self, "score", "a number", score)
        if not isinstance(signals, Signals):
            raise refuse(self, "signals", "a Signals", signals)
        object.__setattr__(self, "article_id", article_id)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "_data", signals._data)

    @classmethod
    def of(cls, article_id: str, score: float, values: Sequence[float], shares: Sequence[float]) -> RelatedResult:
        """The result with this id and score and the signals of :meth:`Signals.of` ``(values,
        shares)``, checked as the constructor checks them (how the scorers make results)."""
        if article_id.__class__ is str and score.__class__ is float and len(values) == 5:
            data = (*values, *shares)
            kept = _kept(data) if len(data) == 10 else data
            if kept.__class__ is bytes:  # ten floats other than NaN, as a batch's results give them
                result = object.__new__(cls)
                object.__setattr__(result, "article_id", article_id)
                object.__setattr__(result, "score", score)
                object.__setattr__(result, "_data", kept)
                return result
        return cls(article_id=article_id, score=score, signals=Signals.of(values, shares))

    @property
    def signals(self) -> Signals:
        """The signals that make the score, each a :class:`Signal`."""
        signals = object.__new__(Signals)
        object.__setattr__(signals, "_data", self._data)
        return signals

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        # field by field, as the attrs class it was compared them (a NaN score equals no score),
        # the signals as numbers, as Signals compares them (0.0 == -0.0, 1 == 1.0)
        return (
            self.article_id == other.article_id
            and self.score == other.score
            and _unpacked(self._data) == _unpacked(other._data)
        )

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self.__class__, self.article_id, self.score, _unpacked(self._data)))

    def __repr__(self) -> str:
        return f"RelatedResult(article_id={self.article_id!r}, score={self.score!r}, signals={self.signals!r})"

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __reduce__(self) -> tuple[object, tuple[str, float, tuple[float, ...], tuple[float, ...]]]:
        numbers = _unpacked(self._data)
        return (self.__class__.of, (self.article_id, self.score, numbers[:5], numbers[5:]))

    def __setstate__(self, state: dict[str, object]) -> None:
        """Reads a pickle of the attrs class a result was before (its three fields by name), through
        the constructor's checks; a result is pickled through :meth:`of` now."""
        made = RelatedResult(**state)  # type: ignore[arg-type]
        for name in ("article_id", "score", "_data"):
            object.__setattr__(self, name, getattr(made, name))

    def __unstructure__(self) -> dict[str, object]:
        """As JSON-ready data: ``{"article_id": ..., "score": ..., "signals": {...}}`` (what
        :func:`newsmodel.serialize.unstructure` writes; the signals as :class:`Signals` writes them)."""
        return {"article_id": self.article_id, "score": self.score, "signals": self.signals.__unstructure__()}


class RelatedResults(HtmlDisplay, tuple[RelatedResult, ...]):
    """The results :func:`~newsmodel.related.related_articles` returns: a plain tuple, best first,
    that also shows as a table in a notebook (each signal's share of the score as a bar)."""

    __slots__ = ()


class Scorer:
    """Pair scoring with one config over one :class:`Features` (shared by the reference and the index)."""

    def __init__(self, features: Features, config: RelatedConfig) -> None:
        self.features = features
        self.config = config
        w = config.weights
        self.weights = (w["tags"], w["category"], w["authors"], w["text"], w["recency"])
        self.total = config.total_weight
        self.half_life_us = float(config.half_life_days) * DAY_US

    def score(self, query: Profile, row: dict[str, float], other: Profile) -> float:
        """The score in [0, 1] of ``other`` for ``query``."""
        return raw_score(query, row, other, self.weights, self.half_life_us) / self.total

    def score_values(
        self, query: Profile, row: dict[str, float], other: Profile
    ) -> tuple[float, tuple[float, float, float, float, float]]:
        """:meth:`score` (the same float) and the five signal values, each signal computed once."""
        raw, values = raw_score_and_values(query, row, other, self.weights, self.half_life_us)
        return raw / self.total, values

    def score_of(
        self, query: Profile, other: Profile, tags: float, category: float, authors: float, text: float
    ) -> tuple[float, tuple[float, float, float, float, float]]:
        """:meth:`score_values` of a pair whose tags, category, authors and text values are known,
        computed elsewhere with the operations of :func:`~newsmodel.related.features.signal_values`
        in its order (the compiled search's): the recency computed here, the same floats."""
        values = (tags, category, authors, text, recency(query, other, self.half_life_us))
        return weighted_values(values, self.weights) / self.total, values

    def result(self, query: Profile, row: dict[str, float], other: Profile, score: float) -> RelatedResult:
        """The :class:`RelatedResult` of a scored pair, with each signal's value and share."""
        return self.result_of(other, score, signal_values(query, row, other, self.half_life_us))

    def result_of(
        self, other: Profile, score: float, values: tuple[float, float, float, float, float]
    ) -> RelatedResult:
        """The :class:`RelatedResult` of ``other`` with its ``score`` and signal ``values``
        (:meth:`score_values`)."""
        raw = score * self.total
        if raw > 0:
            w_tags, w_category, w_authors, w_text, w_recency = self.weights
            tags, category, authors, text, recency = values
            shares: tuple[float, ...] = (
                w_tags * tags / raw,
                w_category * category / raw,
                w_authors * authors / raw,
                w_text * text / raw,
                w_recency * recency / raw,
            )
        else:
            shares = (0.0, 0.0, 0.0, 0.0, 0.0)
        return RelatedResult.of(other.id, score, values, shares)

    def eligible(self, query: Profile, exclude: frozenset[str]) -> Callable[[Profile], bool]:
        """The test a candidate must pass: not the article, not excluded, older when ``older_only``."""
        older_only = self.config.older_only
        key = query.key
        qid = query.id

        def ok(other: Profile) -> bool:
            if other.id == qid or other.id in exclude:
                return False
            return not (older_only and other.key >= key)

        return ok

    def select(
        self, query: Profile, ranked: Iterable[tuple[float, Profile]], k: int
    ) -> tuple[list[tuple[float, Profile]], bool]:
        """Greedy pick of the top ``k`` from ``ranked`` (best first) under the diversity caps.

        Returns the picked pairs and whether ``k`` were picked.
        """
        cap_author = self.config.max_per_author
        cap_category = self.config.max_per_category
        picked: list[tuple[float, Profile]] = []
        if k == 0:
            return picked, True
        by_author: dict[str, int] = {}
        by_category: dict[str, int] = {}
        for score, other in ranked:
            if cap_author is not None and any(by_author.get(a, 0) >= cap_author for a in other.authors):
                continue
            main = other.main_category
            if cap_category is not None and main is not None and by_category.get(main, 0) >= cap_category:
                continue
            picked.append((score, other))
            if cap_author is not None:
                for a in other.authors:
                    by_author[a] = by_author.get(a, 0) + 1
            if cap_category is not None and main is not None:
                by_category[main] = by_category.get(main, 0) + 1
            if len(picked) == k:
                return picked, True
        return picked, False

    def order_key(self, query: Profile) -> Callable[[tuple[float, Profile]], tuple[float, int, str]]:
        """The total order of results: score descending, then the closer date, then the id."""
        qt = query.time

        def key(item: tuple[float, Profile]) -> tuple[float, int, str]:
            return (-item[0], abs(item[1].time - qt), item[1].id)

        return key

    def rank(
        self, query: Profile, k: int, exclude: frozenset[str], visible: int | None = None
    ) -> tuple[RelatedResult, ...]:
        """The brute-force answer: score every eligible visible article, sort, pick.

        ``visible`` is how many profiles are visible (:meth:`Features.visible_count`; all by default).
        """
        row = self.features.category_row(query.categories)
        ok = self.eligible(query, exclude)
        threshold = self.config.threshold
        scored = []
        profiles = self.features.profiles
        for other in profiles if visible is None else profiles[:visible]:
            if ok(other):
                s = self.score(query, row, other)
                if s >= threshold:
                    scored.append((s, other))
        scored.sort(key=self.order_key(query))
        picked, _ = self.select(query, scored, k)
        return tuple(self.result(query, row, other, s) for s, other in picked)

    def rank_bounded(
        self, query: Profile, k: int, exclude: frozenset[str], visible: int | None = None
    ) -> tuple[list[tuple[float, Profile]], int]:
        """The picked ``(score, profile)`` pairs of :meth:`rank` (the same answer), scoring exactly
        only the candidates whose bound may reach the answer; and how many were scored.

        Each eligible visible article gets a bound in two steps, each at least its score
        (:func:`~newsmodel.related.features.raw_bound`): first with the text signal at 1, which
        needs no text at all; then, when that bound is the best one left, with the text signal at
        0 if none of the query's keywords occurs in the article's case-folded text (a term is a
        run of that text, so an article without the string has not the term).  Candidates are
        taken best bound first and scored exactly when their refined bound is the best; once the
        last pick's score is above every bound left, every candidate left scores below it, so it
        comes after the last pick in the ranking, and the greedy pick under the caps (which looks
        only back) picks the same as over every candidate.  Only the scored candidates' texts are
        tokenized: one query does not make every profile.
        """
        if k == 0:
            return [], 0
        features = self.features
        row = features.category_row(query.categories)
        ok = self.eligible(query, exclude)
        threshold = self.config.threshold
        total_weight = self.total
        weights, half_life = self.weights, self.half_life_us
        base_at = features.base_at
        # a query without keywords (or a text weight of 0) has a text signal of exactly 0 with all
        keywords = tuple(query.text) if weights[3] else ()
        text, refined = (1.0, 0) if keywords else (0.0, 1)
        heap: list[tuple[float, int, int]] = []  # (-bound, refined 1 or not 0, position)
        for position in range(features.n if visible is None else visible):
            other = base_at(position)
            if ok(other):
                bound = raw_bound(query, row, other, weights, half_life, text) / total_weight
                if bound >= threshold:
                    heap.append((-bound, refined, position))
        heapq.heapify(heap)
        order_key = self.order_key(query)
        scored: list[tuple[float, Profile]] = []
        best: list[float] = []  # the k best scores so far (a min-heap): the last pick is at most best[0]
        picked: list[tuple[float, Profile]] = []
        count = 0
        while heap:
            if len(best) == k and best[0] > -heap[0][0]:
                scored.sort(key=order_key)
                picked, full = self.select(query, scored, k)
                if full and picked[-1][0] > -heap[0][0]:
                    return picked, count
            _, refined, position = heapq.heappop(heap)
            if not refined:
                folded = "\n".join(article_text(features.articles[position])).casefold()
                if not any(word in folded for word in keywords):
                    bound = raw_bound(query, row, base_at(position), weights, half_life, 0.0) / total_weight
                    if bound >= threshold:
                        heapq.heappush(heap, (-bound, 1, position))
                    continue
            other = features.profile_at(position)
            count += 1
            s = self.score(query, row, other)
            if s >= threshold:
                scored.append((s, other))
                if len(best) < k:
                    heapq.heappush(best, s)
                elif s > best[0]:
                    heapq.heapreplace(best, s)
        scored.sort(key=order_key)
        picked, _ = self.select(query, scored, k)
        return picked, count


@attrs.frozen
class FeaturesOf:
    """The factory of the :class:`Features` of a corpus for :meth:`Corpus.cached
    <newsmodel.values.corpus.Corpus.cached>`.

    A value (equal settings, equal key), so a corpus holds one :class:`Features` per ``keywords``
    setting however often it is asked, and none per ``as_of``.
    """

    keywords: int

    def __call__(self, corpus: Corpus) -> Features:
        return Features(corpus, keywords=self.keywords)


def rank_related(
    corpus: Corpus,
    article_id: str,
    *,
    as_of: datetime,
    config: RelatedConfig | None = None,
    k: int | None = None,
    exclude: Sequence[str] = (),
) -> tuple[RelatedResult, ...]:
    """The articles related to ``article_id``, best first, by brute force (the reference answer).

    Every visible article (published, dated at or before ``as_of``) other than the article and
    those in ``exclude`` is scored; those at or above ``config.threshold`` are ordered by score,
    then the closer date, then id, and the first ``k`` (default ``config.k``) that the diversity
    caps allow are returned.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.corpus import Corpus
    >>> from newsmodel.values.model import Article, Site
    >>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
    >>> corpus = Corpus(site=Site(name="S", base_url="https://example.org"), articles=[
    ...     Article(id="1", slug="kim", title="Kim meets Trump", published=t),
    ...     Article(id="2", slug="kim-2", title="Kim and Trump to meet again", published=t.replace(day=17)),
    ...     Article(id="3", slug="paris", title="Paris bakery wins prize", published=t.replace(day=15)),
    ... ])
    >>> [(r.article_id, round(r.score, 3)) for r in rank_related(corpus, "2", as_of=t.replace(day=18))]
    [('1', 0.27)]
    """
    config = config if config is not None else RelatedConfig()
    k = config.k if k is None else check_k(k)
    as_of_us = micros(as_of)  # refuses a naive datetime
    features = corpus.cached(FeaturesOf(config.keywords))
    query = features.profile_of(corpus.article(article_id), as_of_us)
    return Scorer(features, config).rank(query, k, frozenset(exclude), features.visible_count(as_of_us))
