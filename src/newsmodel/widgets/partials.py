"""Corpus aggregates as mergeable partial values: count a part, merge the parts, finish once.

Each partial is a frozen value computed from any subset of a corpus's articles
(``from_articles``), combined with another partial of the same kind (``merge``, associative and
commutative, with the empty partial as identity), and finished into the value the single-machine
widget returns by the widget modules' ``*_of`` functions (:func:`~newsmodel.widgets.archives.archives_of`,
:func:`~newsmodel.widgets.calendar.month_calendar_of`, :func:`~newsmodel.widgets.tagcloud.tag_cloud_of`), so that
this module stays below the widgets.  Counting one chunk of articles per machine and merging the partials gives the
same answer as counting all articles at once, which is how :mod:`newsmodel.dask` computes archives,
calendars, tag clouds and category counts over corpora that do not fit one machine.

The widgets' scan functions (:func:`~newsmodel.widgets.archives.archives`,
:func:`~newsmodel.widgets.calendar.month_calendar`, :func:`~newsmodel.widgets.tagcloud.tag_cloud`,
:func:`~newsmodel.widgets.taxonomy.category_counts`) are these partials, counted from one part.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.model import Article, Site
>>> site = Site(name="S", base_url="https://example.org")
>>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
>>> posts = [Article(id=str(i), slug=f"p{i}", title="T", published=t.replace(month=m)) for i, m in enumerate((1, 1, 3))]
>>> left = DayCounts.from_articles(posts[:1], site, as_of=t)
>>> right = DayCounts.from_articles(posts[1:], site, as_of=t)
>>> from newsmodel.widgets.archives import archives_of
>>> [p.text for p in archives_of(left.merge(right), site)]
['March 2025 (1)', 'January 2025 (2)']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, timezone

import attrs

from newsmodel.values._validate import INTEGER, STRING, pairs_of, tuple_of
from newsmodel.values.errors import UnknownId
from newsmodel.values.model import Article, Category, Site, category_path
from newsmodel.values.timeline import check_as_of

__all__ = [
    "CategoryCounts",
    "DayCounts",
    "GroupStat",
    "GroupStats",
    "TagCounts",
    "author_stats",
    "source_stats",
]

_Pairs = tuple[tuple[str, int], ...]
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_US = timedelta(microseconds=1)


def _merge_counts(a: Iterable[tuple[str, int]], b: Iterable[tuple[str, int]]) -> _Pairs:
    total: Counter[str] = Counter(dict(a))
    total.update(dict(b))
    return tuple(sorted(total.items()))


def _check_as_of(as_of: datetime) -> None:
    check_as_of(as_of)  # the widgets' own check: the finishing functions live in the widget modules


@attrs.frozen(kw_only=True)
class DayCounts:
    """Visible posts per site-local day: the partial of every archive period and of calendars.

    ``days`` holds ``(day ordinal, count)`` pairs in day order, days without posts left out.
    """

    days: tuple[tuple[int, int], ...] = attrs.field(
        default=(), validator=pairs_of(int, int, "a (day ordinal, count) pair")
    )

    @classmethod
    def from_articles(cls, articles: Iterable[Article], site: Site, *, as_of: datetime) -> DayCounts:
        """Count the articles visible as of ``as_of`` per day in the site's time zone."""
        _check_as_of(as_of)
        local = site.wall_clock
        counts: Counter[int] = Counter()
        for article in articles:
            if article.is_visible(as_of):
                counts[local(article.published).toordinal()] += 1  # type: ignore[arg-type]
        return cls(days=tuple(sorted(counts.items())))

    def merge(self, other: DayCounts) -> DayCounts:
        """The partial of both parts."""
        total: Counter[int] = Counter(dict(self.days))
        total.update(dict(other.days))
        return DayCounts(days=tuple(sorted(total.items())))

    @property
    def total(self) -> int:
        """The number of visible posts counted."""
        return sum(n for _, n in self.days)


@attrs.frozen(kw_only=True)
class TagCounts:
    """Visible posts per tag id (an article listing a tag twice counts once): the tag cloud's partial."""

    counts: _Pairs = attrs.field(default=(), validator=pairs_of(str, int, "a (tag id, count) pair"))

    @classmethod
    def from_articles(cls, articles: Iterable[Article], *, as_of: datetime) -> TagCounts:
        """Count the articles visible as of ``as_of`` per tag."""
        _check_as_of(as_of)
        counts: Counter[str] = Counter()
        for article in articles:
            if article.is_visible(as_of):
                counts.update(set(article.tag_ids))
        return cls(counts=tuple(sorted(counts.items())))

    def merge(self, other: TagCounts) -> TagCounts:
        """The partial of both parts."""
        return TagCounts(counts=_merge_counts(self.counts, other.counts))


@attrs.frozen(kw_only=True)
class CategoryCounts:
    """Visible posts per category, directly filed and with descendants: the category counts' partial.

    An article filed in Seoul and South Korea counts once for ASIA: the count with descendants is
    counted per article (the union of its categories' paths), so it merges by addition.
    """

    direct: _Pairs = attrs.field(default=(), validator=pairs_of(str, int, "a (category id, count) pair"))
    total: _Pairs = attrs.field(default=(), validator=pairs_of(str, int, "a (category id, count) pair"))

    @classmethod
    def from_articles(
        cls, articles: Iterable[Article], categories: Iterable[Category] | Mapping[str, Category], *, as_of: datetime
    ) -> CategoryCounts:
        """Count the articles visible as of ``as_of`` per category of ``categories``.

        A category id an article names that ``categories`` lacks raises
        :class:`~newsmodel.values.errors.UnknownId`.
        """
        _check_as_of(as_of)
        by_id = categories if isinstance(categories, Mapping) else {c.id: c for c in categories}
        direct: Counter[str] = Counter()
        total: Counter[str] = Counter()
        paths: dict[str, tuple[str, ...]] = {}
        for article in articles:
            if not article.is_visible(as_of):
                continue
            reached: set[str] = set()
            for cid in dict.fromkeys(article.category_ids):
                if cid not in by_id:
                    raise UnknownId(
                        f"article {article.id!r}: category {cid!r} is not in the corpus",
                        value=cid,
                        where="category_ids",
                    )
                direct[cid] += 1
                if cid not in paths:
                    paths[cid] = tuple(c.id for c in category_path(by_id, cid))
                reached.update(paths[cid])
            total.update(reached)
        return cls(direct=tuple(sorted(direct.items())), total=tuple(sorted(total.items())))

    def merge(self, other: CategoryCounts) -> CategoryCounts:
        """The partial of both parts."""
        return CategoryCounts(
            direct=_merge_counts(self.direct, other.direct), total=_merge_counts(self.total, other.total)
        )

    def counts(self, categories: Iterable[Category] | Mapping[str, Category]) -> dict[str, tuple[int, int]]:
        """``{category id: (direct, with descendants)}`` for every category, as
        :func:`~newsmodel.widgets.taxonomy.category_counts` gives it."""
        ids = categories.keys() if isinstance(categories, Mapping) else [c.id for c in categories]
        direct, total = dict(self.direct), dict(self.total)
        return {cid: (direct.get(cid, 0), total.get(cid, 0)) for cid in ids}


@attrs.frozen(kw_only=True)
class GroupStat:
    """The visible posts of one author or one source: how many, their words, the first and last dates.

    ``first`` and ``last`` are UTC instants in microseconds since the Unix epoch (exact, mergeable).
    """

    key: str = attrs.field(validator=STRING)
    posts: int = attrs.field(validator=INTEGER)
    words: int = attrs.field(validator=INTEGER)
    first: int = attrs.field(validator=INTEGER)
    last: int = attrs.field(validator=INTEGER)


def _stat_merge(a: GroupStat, b: GroupStat) -> GroupStat:
    return GroupStat(
        key=a.key,
        posts=a.posts + b.posts,
        words=a.words + b.words,
        first=min(a.first, b.first),
        last=max(a.last, b.last),
    )


@attrs.frozen(kw_only=True)
class GroupStats:
    """Per-key statistics of visible posts (per author id, or per source publisher), in key order."""

    stats: tuple[GroupStat, ...] = attrs.field(default=(), validator=tuple_of(GroupStat, "a GroupStat"))

    @classmethod
    def by_author(cls, articles: Iterable[Article], *, as_of: datetime) -> GroupStats:
        """Per author id of the bylines (an author named twice on one article counts once)."""
        return cls._count(articles, as_of, lambda a: tuple(dict.fromkeys(a.author_ids)))

    @classmethod
    def by_source(cls, articles: Iterable[Article], *, as_of: datetime) -> GroupStats:
        """Per source publisher (articles without a source publisher are not counted)."""
        return cls._count(
            articles, as_of, lambda a: (a.source.publisher,) if a.source is not None and a.source.publisher else ()
        )

    @classmethod
    def _count(
        cls, articles: Iterable[Article], as_of: datetime, keys_of: Callable[[Article], tuple[str, ...]]
    ) -> GroupStats:
        from newsmodel.bodies.textstats import word_count

        _check_as_of(as_of)
        found: dict[str, GroupStat] = {}
        for article in articles:
            if not article.is_visible(as_of):
                continue
            keys = keys_of(article)
            if not keys:
                continue
            t = (article.published - _EPOCH) // _US  # type: ignore[operator]
            stat = GroupStat(key="", posts=1, words=word_count(article.body), first=t, last=t)
            for key in keys:
                old = found.get(key)
                mine = attrs.evolve(stat, key=key)
                found[key] = mine if old is None else _stat_merge(old, mine)
        return cls(stats=tuple(found[k] for k in sorted(found)))

    def merge(self, other: GroupStats) -> GroupStats:
        """The partial of both parts."""
        found = {s.key: s for s in self.stats}
        for s in other.stats:
            old = found.get(s.key)
            found[s.key] = s if old is None else _stat_merge(old, s)
        return GroupStats(stats=tuple(found[k] for k in sorted(found)))

    def ranked(self) -> tuple[GroupStat, ...]:
        """The statistics, most posts first, then by key."""
        return tuple(sorted(self.stats, key=lambda s: (-s.posts, s.key)))


def author_stats(articles: Iterable[Article], *, as_of: datetime) -> tuple[GroupStat, ...]:
    """Posts, words and first and last dates per author of the visible articles, most posts first.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.model import Byline
    >>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
    >>> a = Article(id="1", slug="a", title="A", published=t, bylines=(Byline(author_id="vj"),))
    >>> [(s.key, s.posts) for s in author_stats([a], as_of=t)]
    [('vj', 1)]
    """
    return GroupStats.by_author(articles, as_of=as_of).ranked()


def source_stats(articles: Iterable[Article], *, as_of: datetime) -> tuple[GroupStat, ...]:
    """Posts, words and first and last dates per source publisher of the visible articles, most posts first."""
    return GroupStats.by_source(articles, as_of=as_of).ranked()
