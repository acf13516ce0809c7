"""What the related score knows of each article, computed once per corpus (for every ``as_of``).

:class:`Features` holds, for every published article with a date (every article that is visible
at some instant), a :class:`Profile`: its IDF-weighted tag vector, author vector, TF-IDF keyword
vector (unit length), categories and date.  Document frequencies are counted over those articles;
drafts, scheduled and private articles never shape a score.  ``as_of`` is applied when a query
is answered: the articles visible at ``as_of`` are a prefix of the chronological profiles
(:meth:`Features.visible_count`).  The brute-force scorer and the index share these profiles
and the one pair-scoring function :func:`raw_score`; the index only decides which pairs need
scoring.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from newsmodel.errors import InvalidDatetime
from newsmodel.related.text import article_text, terms
from newsmodel.timeline import published_timeline

if TYPE_CHECKING:
    from newsmodel.corpus import Corpus
    from newsmodel.model import Article

__all__ = ["Features", "Profile", "raw_score", "sparse_dot"]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICROSECOND = timedelta(microseconds=1)
#: Microseconds in a day.
DAY_US = 86_400_000_000


def micros(when: datetime) -> int:
    """``when`` as integer microseconds since the Unix epoch (exact, comparable across zones).

    >>> micros(datetime(1970, 1, 2, tzinfo=timezone.utc))
    86400000000
    """
    if when.tzinfo is None or when.utcoffset() is None:
        raise InvalidDatetime(
            f"as_of: naive datetime {when.isoformat()!r} (give it a UTC offset or a zone)", value=when
        )
    return (when - _EPOCH) // _MICROSECOND


class Profile:
    """One article as the score sees it.  Vectors are dicts in a fixed (sorted) key order."""

    __slots__ = ("authors", "categories", "id", "key", "main_category", "position", "tags", "text", "time")

    def __init__(
        self,
        *,
        id: str,
        time: int,
        position: int,
        tags: dict[str, float],
        authors: dict[str, float],
        text: dict[str, float],
        categories: tuple[str, ...],
        main_category: str | None,
    ) -> None:
        self.id = id
        self.time = time
        self.key = (time, id)
        self.position = position
        self.tags = tags
        self.authors = authors
        self.text = text
        self.categories = categories
        self.main_category = main_category


def sparse_dot(query: dict[str, float], other: dict[str, float]) -> float:
    """The dot product of two sparse unit vectors, summed in the query's key order, at most 1.

    >>> sparse_dot({"a": 0.6, "b": 0.8}, {"b": 1.0})
    0.8
    """
    total = 0.0
    get = other.get
    for key, value in query.items():
        w = get(key)
        if w is not None:
            total += value * w
    return total if total < 1.0 else 1.0


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum(w * w for w in weights.values()))
    if norm == 0.0:
        return {}
    return {key: weights[key] / norm for key in sorted(weights)}


class Features:
    """Profiles of a corpus's published, dated articles, with document frequencies and the category tree.

    ``articles`` is in chronological order (``(published, id)`` ascending); ``profiles[i]``
    describes ``articles[i]`` and ``times[i]`` is its instant in microseconds.  The articles
    visible at ``as_of`` are the first :meth:`visible_count` of them.
    """

    def __init__(self, corpus: Corpus, *, keywords: int) -> None:
        self.keywords = keywords
        self.lookup = corpus.article
        timeline = corpus.cached(published_timeline)  # published, dated, in (published, id) order
        published = timeline.articles
        self.articles: tuple[Article, ...] = tuple(published)
        self.times = timeline.times
        self.n = len(published)
        n1 = self.n + 1

        tag_df: Counter[str] = Counter()
        author_df: Counter[str] = Counter()
        term_df: Counter[str] = Counter()
        counts: list[Counter[str]] = []
        for article in published:
            tag_df.update(dict.fromkeys(article.tag_ids, 1))
            author_df.update(dict.fromkeys(article.author_ids, 1))
            tf = self._term_counts(article)
            term_df.update(tf.keys())
            counts.append(tf)
        self.tag_df = tag_df
        self.author_df = author_df
        self.term_df = term_df
        self._log_n1 = math.log(n1)
        self.tag_idf = {t: math.log(n1 / (1 + df)) + 1.0 for t, df in tag_df.items()}
        self.term_idf = {t: math.log(n1 / (1 + df)) + 1.0 for t, df in term_df.items()}

        # category tree: each category's parent and the length of its root-first path (storing
        # every path would cost the sum of all depths: quadratic in a chain of categories)
        self._parent: dict[str, str | None] = {c.id: c.parent_id for c in corpus.categories}
        self._length: dict[str, int] = {c.id: corpus.depth(c.id) + 1 for c in corpus.categories}
        self._rows: dict[tuple[str, ...], dict[str, float]] = {}

        self.profiles: list[Profile] = []
        for position, article in enumerate(published):
            tf = counts[position]
            counts[position] = Counter()  # free the term counts as the profiles grow (peak memory)
            self.profiles.append(self._profile(article, position, self.times[position], tf))
        del counts
        self.position = {p.id: p.position for p in self.profiles}

    # ------------------------------------------------------------------ profiles

    @staticmethod
    def _term_counts(article: Article) -> Counter[str]:
        title, body = article_text(article)
        tf = Counter(terms(body))
        for term in terms(title):  # a title word counts twice
            tf[term] += 2
        return tf

    def _idf(self, table: dict[str, float], key: str) -> float:
        found = table.get(key)
        return found if found is not None else self._log_n1 + 1.0

    def visible_count(self, as_of_us: int) -> int:
        """How many profiles are of articles visible at ``as_of_us`` (microseconds): they come first."""
        return bisect_right(self.times, as_of_us)

    def _profile(self, article: Article, position: int, time: int, tf: Counter[str] | None = None) -> Profile:
        if tf is None:
            tf = self._term_counts(article)
        weights = {t: (1.0 + math.log(c)) * self._idf(self.term_idf, t) for t, c in tf.items()}
        top = heapq.nsmallest(self.keywords, weights.items(), key=lambda kv: (-kv[1], kv[0]))
        tags = {t: self._idf(self.tag_idf, t) for t in dict.fromkeys(article.tag_ids)}
        authors = dict.fromkeys(dict.fromkeys(article.author_ids), 1.0)
        return Profile(
            id=article.id,
            time=time,
            position=position,
            tags=_unit(tags),
            authors=_unit(authors),
            text=_unit(dict(top)),
            categories=self._leaves(article.category_ids),
            main_category=article.main_category_id,
        )

    def _leaves(self, category_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The article's deepest categories: those that are no ancestor of another of its categories.

        An article filed in Seoul and South Korea is an article about Seoul.
        """
        unique = tuple(dict.fromkeys(category_ids))
        if len(unique) < 2:
            return unique
        parent = self._parent
        ancestors: set[str] = set()
        for cid in unique:
            above = parent[cid]
            while above is not None and above not in ancestors:
                ancestors.add(above)
                above = parent[above]
        return tuple(c for c in unique if c not in ancestors)

    def profile_of(self, article: Article, as_of_us: int) -> Profile:
        """The profile of ``article``: its stored one if it has one, else one computed now (position -1).

        An undated article (a draft's preview) is placed at ``as_of_us``.
        """
        position = self.position.get(article.id)
        if position is not None and self.articles[position] is article:
            return self.profiles[position]
        if position is not None and self.articles[position] == article:
            return self.profiles[position]
        time = micros(article.published) if article.published is not None else as_of_us
        return self._profile(article, -1, time)

    # ------------------------------------------------------------------ categories

    def proximity(self, a: str, b: str) -> float:
        """Category proximity of two categories: shared path length over the longer path's length.

        In World › ASIA › South Korea › Seoul, Seoul and Seoul give 1.0, Seoul and Busan (same
        country) 0.75, Seoul and Tokyo (same continent) 0.5.
        """
        return self._common(a, b) / max(self._length[a], self._length[b])

    def _common(self, a: str | None, b: str | None) -> int:
        """The length of the path two categories share from the root (their common ancestor's)."""
        parent, length = self._parent, self._length
        la = length[a] if a is not None else 0
        lb = length[b] if b is not None else 0
        while la > lb:
            a, la = parent[a] if a is not None else None, la - 1
        while lb > la:
            b, lb = parent[b] if b is not None else None, lb - 1
        while a != b:
            a = parent[a] if a is not None else None
            b = parent[b] if b is not None else None
            la -= 1
        return la

    def category_row(self, categories: tuple[str, ...]) -> dict[str, float]:
        """For every category, the best proximity to any of ``categories`` (only non-zero entries).

        One pass over the tree per category of the query: a category shares with ``mine`` what
        its parent shares, unless it is on ``mine``'s own path.
        """
        row = self._rows.get(categories)
        if row is None:
            parent, length = self._parent, self._length
            best: dict[str, float] = dict.fromkeys(parent, 0.0)
            for mine in categories:
                mine_length = length[mine]
                shared: dict[str | None, int] = {None: 0}
                node: str | None = mine
                while node is not None:  # mine's path shares its whole self with mine
                    shared[node] = length[node]
                    node = parent[node]
                for other in parent:
                    walk: list[str] = []
                    node = other
                    while node not in shared:
                        assert node is not None
                        walk.append(node)
                        node = parent[node]
                    common = shared[node]
                    for below in walk:
                        shared[below] = common
                    value = common / max(mine_length, length[other])
                    if value > best[other]:
                        best[other] = value
            row = {other: value for other, value in best.items() if value > 0.0}
            self._rows[categories] = row
        return row


def category_score(row: dict[str, float], categories: Iterable[str]) -> float:
    """The category signal of a candidate with ``categories`` against a query's proximity row."""
    best = 0.0
    for c in categories:
        v = row.get(c, 0.0)
        if v > best:
            best = v
    return best


def signal_values(
    query: Profile, row: dict[str, float], other: Profile, half_life_us: float
) -> tuple[float, float, float, float, float]:
    """The five signal values (tags, category, authors, text, recency) of ``other`` for ``query``."""
    return (
        sparse_dot(query.tags, other.tags),
        category_score(row, other.categories),
        sparse_dot(query.authors, other.authors),
        sparse_dot(query.text, other.text),
        0.5 ** (abs(query.time - other.time) / half_life_us),
    )


def raw_score(
    query: Profile,
    row: dict[str, float],
    other: Profile,
    weights: tuple[float, float, float, float, float],
    half_life_us: float,
) -> float:
    """The weighted sum of the signals (not yet divided by the total weight)."""
    wt, wc, wa, wx, wr = weights
    total = 0.0
    if wt:
        total += wt * sparse_dot(query.tags, other.tags)
    if wc:
        total += wc * category_score(row, other.categories)
    if wa:
        total += wa * sparse_dot(query.authors, other.authors)
    if wx:
        total += wx * sparse_dot(query.text, other.text)
    if wr:
        total += wr * 0.5 ** (abs(query.time - other.time) / half_life_us)
    return total
