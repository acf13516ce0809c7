"""Previous / next articles and recent articles.

Articles are ordered by ``(published, id)``: the instant first, then the id, so two articles
published in the same second still have a definite order.  *Previous* is the nearest older
article, *next* the nearest newer one.  Only visible articles (published, dated at or before
``as_of``) are candidates; the current article itself need not be visible (a preview of a
scheduled article still gets neighbours).  With ``same_category=True`` the candidates are the
articles that share at least one category with the current one.

The functions here scan; :func:`navigation_index` builds, once per corpus (through
``corpus.cached``), a :class:`NavigationIndex` that answers the same from sorted arrays.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.model import Article
>>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
>>> arts = [Article(id=i, slug=f"a{i}", title=i, published=t) for i in ("1", "2", "3")]
>>> adj = adjacent(arts, arts[1], as_of=t)
>>> adj.previous.id, adj.next.id
('1', '3')
>>> [a.id for a in recent(arts, as_of=t, limit=2)]
['3', '2']
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from newsmodel.values._validate import instance_of
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import Article
from newsmodel.values.timeline import Timeline, check_as_of, published_timeline, time_key

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

__all__ = ["Adjacent", "NavigationIndex", "adjacent", "navigation_index", "recent"]


@attrs.frozen(kw_only=True)
class Adjacent:
    """The neighbours of an article: ``previous`` is older, ``next`` is newer (None at the ends)."""

    previous: Article | None = attrs.field(validator=instance_of(Article, "an Article", optional=True))
    next: Article | None = attrs.field(validator=instance_of(Article, "an Article", optional=True))


def _order_key(article: Article) -> tuple[int, str]:
    if article.published is None:
        raise InvalidValue(
            f"article {article.id!r} has no published date, so it has no place in the timeline",
            value=article.id,
            where="published",
        )
    return (time_key(article.published), article.id)


def _check_limit(limit: int) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InvalidValue(f"limit: expected a non-negative integer, got {limit!r}", value=limit, where="limit")


def adjacent(
    articles: Iterable[Article],
    article: Article,
    *,
    as_of: datetime,
    same_category: bool = False,
) -> Adjacent:
    """The previous (older) and next (newer) visible articles around ``article``.

    ``article`` must have a published date (an undated draft raises
    :class:`~newsmodel.values.errors.InvalidValue`).
    """
    check_as_of(as_of)
    key = _order_key(article)
    cats = set(article.category_ids)
    prev: tuple[tuple[int, str], Article] | None = None
    nxt: tuple[tuple[int, str], Article] | None = None
    for other in articles:
        if not other.is_visible(as_of):
            continue
        if same_category and cats.isdisjoint(other.category_ids):
            continue
        k = _order_key(other)
        if k < key and (prev is None or k > prev[0]):
            prev = (k, other)
        elif k > key and (nxt is None or k < nxt[0]):
            nxt = (k, other)
    return Adjacent(previous=None if prev is None else prev[1], next=None if nxt is None else nxt[1])


def recent(
    articles: Iterable[Article],
    *,
    as_of: datetime,
    limit: int = 5,
    exclude_id: str | None = None,
    category_id: str | None = None,
) -> tuple[Article, ...]:
    """The ``limit`` newest visible articles, newest first, leaving out ``exclude_id``.

    With ``category_id``, only the articles filed directly in that category.
    """
    check_as_of(as_of)
    _check_limit(limit)
    visible = [
        a
        for a in articles
        if a.is_visible(as_of) and a.id != exclude_id and (category_id is None or category_id in a.category_ids)
    ]
    visible.sort(key=_order_key, reverse=True)
    return tuple(visible[:limit])


class _Timeline:
    """Articles in ``(published, id)`` order, as parallel arrays."""

    __slots__ = ("articles", "ids", "times")

    def __init__(self, times: array[int], articles: list[Article]) -> None:
        self.times = times
        self.articles = articles
        self.ids = [a.id for a in articles]

    def cut(self, as_of_key: int) -> int:
        """How many articles are dated at or before the instant."""
        return bisect_right(self.times, as_of_key)

    def lower(self, key: tuple[int, str]) -> int:
        """The position of the first entry not smaller than ``key``."""
        t, i = key
        lo = bisect_left(self.times, t)
        hi = bisect_right(self.times, t, lo)
        return bisect_left(self.ids, i, lo, hi)

    def upper(self, key: tuple[int, str]) -> int:
        """The position of the first entry greater than ``key``."""
        t, i = key
        lo = bisect_left(self.times, t)
        hi = bisect_right(self.times, t, lo)
        return bisect_right(self.ids, i, lo, hi)


class NavigationIndex:
    """Timelines of published articles, overall and per category, built once per corpus.

    Answers equal :func:`adjacent` and :func:`recent`; each query is a few binary searches.
    """

    __slots__ = ("_all", "_by_category")

    def __init__(self, articles: Iterable[Article], *, timeline: Timeline | None = None) -> None:
        line = timeline if timeline is not None else Timeline(articles)
        self._all = _Timeline(line.times, line.articles)
        per_times: dict[str, list[int]] = {}
        per_articles: dict[str, list[Article]] = {}
        # Articles share few distinct category sets: resolve each set once to the lists it feeds.
        plans: dict[tuple[str, ...], tuple[tuple[list[int], list[Article]], ...]] = {}
        for key, article in zip(line.times, line.articles, strict=True):
            cids = article.category_ids
            plan = plans.get(cids)
            if plan is None:
                unique = tuple(dict.fromkeys(cids))
                for cid in unique:
                    per_times.setdefault(cid, [])
                    per_articles.setdefault(cid, [])
                plan = plans[cids] = tuple((per_times[c], per_articles[c]) for c in unique)
            for times, arts in plan:
                times.append(key)
                arts.append(article)
        self._by_category = {cid: _Timeline(array("q", per_times[cid]), per_articles[cid]) for cid in per_times}

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> NavigationIndex:
        """Build the index of a corpus (on its cached :func:`~newsmodel.widgets.taxonomy.published_timeline`)."""
        return cls((), timeline=corpus.cached(published_timeline))

    @staticmethod
    def _neighbours(line: _Timeline, key: tuple[int, str], cut: int) -> tuple[int, int]:
        p = min(line.lower(key), cut) - 1
        n = line.upper(key)
        return p, (n if n < cut else -1)

    def adjacent(self, article: Article, *, as_of: datetime, same_category: bool = False) -> Adjacent:
        """The same answer as :func:`adjacent` over the corpus's articles."""
        key = _order_key(article)
        as_of_key = time_key(check_as_of(as_of))
        lines = (
            [self._by_category[c] for c in dict.fromkeys(article.category_ids) if c in self._by_category]
            if same_category
            else [self._all]
        )
        best_prev: tuple[tuple[int, str], Article] | None = None
        best_next: tuple[tuple[int, str], Article] | None = None
        for line in lines:
            p, n = self._neighbours(line, key, line.cut(as_of_key))
            if p >= 0:
                k = (line.times[p], line.ids[p])
                if best_prev is None or k > best_prev[0]:
                    best_prev = (k, line.articles[p])
            if n >= 0:
                k = (line.times[n], line.ids[n])
                if best_next is None or k < best_next[0]:
                    best_next = (k, line.articles[n])
        return Adjacent(
            previous=None if best_prev is None else best_prev[1],
            next=None if best_next is None else best_next[1],
        )

    def recent(
        self,
        *,
        as_of: datetime,
        limit: int = 5,
        exclude_id: str | None = None,
        category_id: str | None = None,
    ) -> tuple[Article, ...]:
        """The same answer as :func:`recent` over the corpus's articles."""
        _check_limit(limit)
        if category_id is None:
            line = self._all
        elif category_id in self._by_category:
            line = self._by_category[category_id]
        else:
            check_as_of(as_of)
            return ()
        i = line.cut(time_key(check_as_of(as_of)))
        out: list[Article] = []
        while i > 0 and len(out) < limit:
            i -= 1
            if line.ids[i] != exclude_id:
                out.append(line.articles[i])
        return tuple(out)


def navigation_index(corpus: Corpus) -> NavigationIndex:
    """The :class:`NavigationIndex` of ``corpus``; use as ``corpus.cached(navigation_index)``."""
    return NavigationIndex.from_corpus(corpus)
