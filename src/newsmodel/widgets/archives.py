"""Archives: yearly, monthly, weekly and daily periods with their post counts.

Periods are the site's local days grouped by year, month, ISO week or day: a post at
2025-12-31T23:30-08:00 belongs to December 2025 on a Los Angeles site although it is January in
UTC.  Only published articles dated at or before ``as_of`` count.

Weeks are keyed by ISO week (``2026-W01`` runs from Monday 2025-12-29 to Sunday 2026-01-04): one
key per week, whatever the year boundary.  WordPress's weekly archives split such a week in two
(one row per calendar year); newsmodel does not.

:func:`archives` scans a sequence of articles; :class:`ArchiveIndex` answers the same question
from an index built once per corpus (``corpus.cached(ArchiveIndex.build)``), with identical
answers.

>>> from datetime import datetime, timedelta, timezone
>>> from newsmodel.values.model import Article, Site
>>> la = Site(name="S", base_url="https://example.org", timezone="America/Los_Angeles")
>>> pst = timezone(timedelta(hours=-8))
>>> posts = [Article(id="1", slug="a", title="A", published=datetime(2025, 12, 31, 23, 30, tzinfo=pst)),
...          Article(id="2", slug="b", title="B", published=datetime(2026, 1, 2, 9, 0, tzinfo=pst))]
>>> [(p.label, p.count) for p in archives(posts, la, as_of=datetime(2026, 2, 1, tzinfo=timezone.utc))]
[('January 2026', 1), ('December 2025', 1)]
>>> [p.key for p in archives(posts, la, as_of=datetime(2026, 2, 1, tzinfo=timezone.utc), period="weekly")]
['2026-W01']
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

import attrs

from newsmodel.values._validate import DATE, INTEGER, OPTIONAL_STRING, STRING
from newsmodel.values.dates import format_date, format_month_year, format_week_range
from newsmodel.values.display import HtmlDisplay
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import Article, Site
from newsmodel.values.timeline import check_as_of, time_key
from newsmodel.widgets.partials import DayCounts

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

# check_as_of lives in newsmodel.values.timeline; it stays importable from here for one release.
__all__ = [
    "PERIODS",
    "ArchiveIndex",
    "ArchivePeriod",
    "Archives",
    "Period",
    "archives",
    "archives_of",
    "check_as_of",
    "period_bounds",
    "period_key",
]

#: A kind of archive period.
Period = Literal["yearly", "monthly", "weekly", "daily"]
#: The kinds of archive period, coarsest first.
PERIODS: tuple[Period, ...] = ("yearly", "monthly", "weekly", "daily")


@attrs.frozen(kw_only=True)
class ArchivePeriod:
    """One archive period and how many visible posts it holds.

    ``key`` is ``"2026"``, ``"2026-01"``, ``"2026-W01"`` (ISO week) or ``"2026-01-15"``;
    ``start`` and ``end`` are the first and last local days of the period (inclusive); ``label``
    is what a page shows ("January 2026"), in the site's locale.  ``url`` is the archive's address
    when the periods were made for a site (a page's archives always have it), else None.

    >>> from datetime import date
    >>> ArchivePeriod(period="monthly", key="2026-01", start=date(2026, 1, 1), end=date(2026, 1, 31),
    ...               label="January 2026", count=341).count
    341
    """

    period: str = attrs.field(validator=STRING)
    key: str = attrs.field(validator=STRING)
    start: date = attrs.field(validator=DATE)
    end: date = attrs.field(validator=DATE)
    label: str = attrs.field(validator=STRING)
    count: int = attrs.field(validator=INTEGER)
    url: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)

    @property
    def text(self) -> str:
        """The label with its count, as the seed page lists it: "January 2026 (341)"."""
        return f"{self.label} ({self.count})"


class Archives(HtmlDisplay, tuple[ArchivePeriod, ...]):
    """The periods :func:`archives` returns: a plain tuple that also shows as HTML in a notebook."""

    __slots__ = ()


def _check_period(period: str) -> None:
    if period not in PERIODS:
        raise InvalidValue(f"archive period {period!r} is not one of {PERIODS!r}", value=period, where="period")


def _check_order(order: str) -> None:
    if order not in ("newest", "oldest"):
        raise InvalidValue(f"archive order {order!r} is not 'newest' or 'oldest'", value=order, where="order")


def _check_limit(limit: int | None) -> None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise InvalidValue(f"archive limit {limit!r} is not None or an integer >= 0", value=limit, where="limit")


def period_key(day: date, period: str) -> str:
    """The key of the ``period`` that contains the local ``day``.

    >>> from datetime import date
    >>> [period_key(date(2025, 12, 31), p) for p in PERIODS]
    ['2025', '2025-12', '2026-W01', '2025-12-31']
    """
    if period == "monthly":
        return f"{day.year:04d}-{day.month:02d}"
    if period == "daily":
        return day.isoformat()
    if period == "yearly":
        return f"{day.year:04d}"
    if period == "weekly":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    _check_period(period)
    raise AssertionError(period)  # pragma: no cover


def period_bounds(day: date, period: str) -> tuple[date, date]:
    """The first and last local days (inclusive) of the ``period`` that contains ``day``.

    >>> from datetime import date
    >>> period_bounds(date(2026, 1, 2), "weekly")
    (datetime.date(2025, 12, 29), datetime.date(2026, 1, 4))
    """
    if period == "daily":
        return day, day
    if period == "monthly":
        start = day.replace(day=1)
        nxt = date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
        return start, nxt - timedelta(days=1)
    if period == "yearly":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if period == "weekly":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    _check_period(period)
    raise AssertionError(period)  # pragma: no cover


def _label(start: date, end: date, period: str, locale: str) -> str:
    if period == "monthly":
        return format_month_year(start.year, start.month, locale)
    if period == "daily":
        return format_date(start, locale=locale)
    if period == "yearly":
        return str(start.year)
    return format_week_range(start, end, locale=locale)


def _make_period(day: date, period: str, count: int, locale: str) -> ArchivePeriod:
    start, end = period_bounds(day, period)
    return ArchivePeriod(
        period=period,
        key=period_key(day, period),
        start=start,
        end=end,
        label=_label(start, end, period, locale),
        count=count,
    )


def _ordered(chrono: Sequence[ArchivePeriod], order: str, limit: int | None) -> Archives:  # chrono: oldest first
    if order == "newest":
        items = chrono[::-1]
    else:
        items = chrono
    if limit is not None:
        items = items[:limit]
    return Archives(items)


def archives(
    articles: Iterable[Article],
    site: Site,
    *,
    as_of: datetime,
    period: Period = "monthly",
    order: Literal["newest", "oldest"] = "newest",
    limit: int | None = None,
) -> Archives:
    """The archive periods that hold visible posts, with their counts.

    ``period`` is ``yearly``, ``monthly``, ``weekly`` (ISO weeks) or ``daily``, in the site's
    time zone; ``order`` is ``newest`` (the default, as sidebars list them) or ``oldest``;
    ``limit`` keeps that many periods (from the start of the chosen order).  A site with no
    visible post gives an empty tuple.
    """
    _check_period(period)
    _check_order(order)
    _check_limit(limit)
    return archives_of(
        DayCounts.from_articles(articles, site, as_of=as_of), site, period=period, order=order, limit=limit
    )


def grouped_archives(
    day_counts: Iterable[tuple[date, int]], site: Site, period: str, order: str, limit: int | None
) -> Archives:
    """The archive periods of ``(site-local day, count)`` pairs in day order (the end of a
    :class:`~newsmodel.widgets.partials.DayCounts`)."""
    _check_period(period)
    _check_order(order)
    _check_limit(limit)
    by_key: dict[str, list[int]] = {}
    first_day: dict[str, date] = {}
    for day, count in day_counts:
        key = period_key(day, period)
        if key not in by_key:
            by_key[key] = [0]
            first_day[key] = day
        by_key[key][0] += count
    chrono = [_make_period(first_day[k], period, by_key[k][0], site.locale) for k in sorted(by_key)]
    return _ordered(chrono, order, limit)


@attrs.frozen(kw_only=True)
class _Grouping:
    """Days grouped into the periods of one kind, oldest first."""

    keys: tuple[str, ...]
    first_day: array[int]  # len P + 1: index into the day arrays
    article_lo: array[int]  # len P + 1: index into the instants
    min_instant: array[int]
    full: tuple[ArchivePeriod, ...]
    full_newest: tuple[ArchivePeriod, ...]


class ArchiveIndex:
    """The archives (and the day counts a calendar needs) of one set of articles, indexed.

    Built once (``ArchiveIndex.build(corpus)``, or better ``corpus.cached(ArchiveIndex.build)``),
    it answers :meth:`archives` for any ``as_of`` by bisecting the sorted instants of all
    published articles, with the same answer as the :func:`archives` scan.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.model import Article, Site
    >>> site = Site(name="S", base_url="https://example.org")
    >>> posts = [Article(id=str(i), slug=f"p{i}", title="T", published=datetime(2025, m, 1, tzinfo=timezone.utc))
    ...          for i, m in enumerate((1, 1, 3))]
    >>> index = ArchiveIndex.from_articles(posts, site)
    >>> [p.text for p in index.archives(as_of=datetime(2025, 12, 31, tzinfo=timezone.utc))]
    ['March 2025 (1)', 'January 2025 (2)']
    """

    __slots__ = ("_day_lo", "_day_max", "_day_min", "_day_ord", "_groupings", "_instants", "_monotone", "site")

    def __init__(self, site: Site, published: Iterable[tuple[int, int]]) -> None:
        """Index ``(local day ordinal, instant in µs)`` pairs of published articles (use the builders)."""
        self.site = site
        pairs = sorted(published)
        self._instants = array("q", (p[1] for p in pairs))
        self._monotone = all(self._instants[i] <= self._instants[i + 1] for i in range(len(self._instants) - 1))
        day_ord = array("l")
        day_lo = array("l")
        day_min = array("q")
        day_max = array("q")
        prev = None
        for i, (ordinal, instant) in enumerate(pairs):
            if ordinal != prev:
                day_ord.append(ordinal)
                day_lo.append(i)
                day_min.append(instant)
                day_max.append(instant)
                prev = ordinal
            else:
                day_max[-1] = instant
        day_lo.append(len(pairs))
        self._day_ord, self._day_lo, self._day_min, self._day_max = day_ord, day_lo, day_min, day_max
        self._groupings = {period: self._group(period) for period in PERIODS}

    def _group(self, period: str) -> _Grouping:
        keys: list[str] = []
        first_day = array("l")
        article_lo = array("l")
        min_instant = array("q")
        full: list[ArchivePeriod] = []
        day_counts: list[tuple[date, int]] = []
        for d, ordinal in enumerate(self._day_ord):
            day = date.fromordinal(ordinal)
            key = period_key(day, period)
            if not keys or keys[-1] != key:
                keys.append(key)
                first_day.append(d)
                article_lo.append(self._day_lo[d])
                min_instant.append(self._day_min[d])
                day_counts.append((day, 0))
            else:
                min_instant[-1] = min(min_instant[-1], self._day_min[d])
            first, count = day_counts[-1]
            day_counts[-1] = (first, count + self._day_lo[d + 1] - self._day_lo[d])
        first_day.append(len(self._day_ord))
        article_lo.append(len(self._instants))
        locale = self.site.locale
        full = [_make_period(day, period, count, locale) for day, count in day_counts]
        return _Grouping(
            keys=tuple(keys),
            first_day=first_day,
            article_lo=article_lo,
            min_instant=min_instant,
            full=tuple(full),
            full_newest=tuple(reversed(full)),
        )

    @classmethod
    def from_articles(cls, articles: Iterable[Article], site: Site) -> ArchiveIndex:
        """Index the published articles of ``articles`` for ``site``."""
        local = site.wall_clock
        pairs = [(local(when).toordinal(), time_key(when)) for a in articles if (when := a.counts_from) is not None]
        return cls(site, pairs)

    @classmethod
    def build(cls, corpus: Corpus) -> ArchiveIndex:
        """Index a corpus; use as ``corpus.cached(ArchiveIndex.build)`` to build it once."""
        return cls.from_articles(corpus.articles, corpus.site)

    def __len__(self) -> int:
        """The number of published articles indexed (visible or scheduled for later)."""
        return len(self._instants)

    # ------------------------------------------------------------------ days

    def _day_visible(self, d: int, t: int) -> int:
        if self._day_min[d] > t:
            return 0
        lo, hi = self._day_lo[d], self._day_lo[d + 1]
        if self._day_max[d] <= t:
            return hi - lo
        return bisect.bisect_right(self._instants, t, lo, hi) - lo

    def visible_count(self, as_of: datetime) -> int:
        """How many indexed articles are visible as of ``as_of``."""
        check_as_of(as_of)
        t = time_key(as_of)
        if self._monotone:
            return bisect.bisect_right(self._instants, t)
        return sum(self._day_visible(d, t) for d in range(len(self._day_ord)))

    def day_counts(self, first: date, last: date, *, as_of: datetime) -> tuple[tuple[date, int], ...]:
        """The local days from ``first`` to ``last`` (inclusive) that have visible posts, with counts."""
        check_as_of(as_of)
        t = time_key(as_of)
        lo = bisect.bisect_left(self._day_ord, first.toordinal())
        hi = bisect.bisect_right(self._day_ord, last.toordinal())
        out = []
        for d in range(lo, hi):
            n = self._day_visible(d, t)
            if n:
                out.append((date.fromordinal(self._day_ord[d]), n))
        return tuple(out)

    def _month_visible(self, i: int, t: int) -> bool:
        return self._groupings["monthly"].min_instant[i] <= t

    def month_before(self, year: int, month: int, *, as_of: datetime) -> date | None:
        """The first day of the latest month before ``year-month`` with a visible post, or None."""
        check_as_of(as_of)
        t = time_key(as_of)
        g = self._groupings["monthly"]
        i = bisect.bisect_left(g.keys, f"{year:04d}-{month:02d}")
        if self._monotone:
            i = min(i, bisect.bisect_right(g.min_instant, t))
            return g.full[i - 1].start if i > 0 else None
        for j in range(i - 1, -1, -1):
            if g.min_instant[j] <= t:
                return g.full[j].start
        return None

    def month_after(self, year: int, month: int, *, as_of: datetime) -> date | None:
        """The first day of the earliest month after ``year-month`` with a visible post, or None."""
        check_as_of(as_of)
        t = time_key(as_of)
        g = self._groupings["monthly"]
        i = bisect.bisect_right(g.keys, f"{year:04d}-{month:02d}")
        if self._monotone:
            return g.full[i].start if i < len(g.keys) and g.min_instant[i] <= t else None
        for j in range(i, len(g.keys)):
            if g.min_instant[j] <= t:
                return g.full[j].start
        return None

    # ------------------------------------------------------------------ archives

    def archives(
        self,
        *,
        as_of: datetime,
        period: Period = "monthly",
        order: Literal["newest", "oldest"] = "newest",
        limit: int | None = None,
    ) -> Archives:
        """The same answer as :func:`archives` over the indexed articles, from the index."""
        _check_period(period)
        _check_order(order)
        _check_limit(limit)
        check_as_of(as_of)
        t = time_key(as_of)
        g = self._groupings[period]
        if not self._monotone:
            return self._archives_slow(g, t, order, limit)
        p = bisect.bisect_right(self._instants, t)
        m = bisect.bisect_right(g.article_lo, p) - 1  # periods 0 … m-1 are wholly visible
        n_periods = len(g.keys)
        m = min(m, n_periods)
        partial: tuple[ArchivePeriod, ...] = ()
        if m < n_periods and g.article_lo[m] < p:
            partial = (attrs.evolve(g.full[m], count=p - g.article_lo[m]),)
        if order == "newest":
            if limit is not None and limit <= len(partial):
                return Archives(partial[:limit])
            start = n_periods - m
            stop = n_periods if limit is None else min(n_periods, start + limit - len(partial))
            return Archives(partial + g.full_newest[start:stop] if partial else g.full_newest[start:stop])
        stop = m if limit is None else min(m, limit)
        tail = partial if limit is None or stop + len(partial) <= limit else ()
        return Archives(g.full[:stop] + tail if tail else g.full[:stop])

    def _archives_slow(self, g: _Grouping, t: int, order: str, limit: int | None) -> Archives:
        chrono = []
        for i in range(len(g.keys)):
            if g.min_instant[i] > t:
                continue
            count = sum(self._day_visible(d, t) for d in range(g.first_day[i], g.first_day[i + 1]))
            full = g.full[i]
            chrono.append(full if count == full.count else attrs.evolve(full, count=count))
        return _ordered(chrono, order, limit)


def archives_of(
    days: DayCounts,
    site: Site,
    *,
    period: Literal["yearly", "monthly", "weekly", "daily"] = "monthly",
    order: Literal["newest", "oldest"] = "newest",
    limit: int | None = None,
) -> Archives:
    """The archives of a :class:`~newsmodel.widgets.partials.DayCounts` (merged from any number of parts), as
    :func:`archives` gives them for the counted articles."""
    return grouped_archives(((date.fromordinal(d), n) for d, n in days.days), site, period, order, limit)
