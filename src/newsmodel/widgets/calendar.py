"""The month calendar widget: a weeks × days grid, the days with posts, today, and links to the
nearest earlier and later months that have posts.

Days are the site's local days.  The first day of the week is explicit (``week_start``, 0 = Monday
… 6 = Sunday), else the site's ``week_start``, else the site locale's (CLDR, see
:func:`newsmodel.values.dates.first_weekday`).  Previous and next skip empty months, as WordPress does:
December 2025 links back to the latest earlier month that has a visible post.  A month with no
posts still has a grid.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.model import Article, Site
>>> site = Site(name="S", base_url="https://example.org", week_start=0)
>>> posts = [Article(id=str(d), slug=f"p{d}", title="T", published=datetime(2025, 12, d, 9, tzinfo=timezone.utc))
...          for d in (1, 16, 16)]
>>> cal = month_calendar(posts, site, year=2025, month=12, as_of=datetime(2026, 1, 15, tzinfo=timezone.utc))
>>> cal.label, cal.total, [(d.day.day, d.count) for d in cal.days_with_posts]
('December 2025', 3, [(1, 1), (16, 2)])
>>> print(render_text(cal))
       December 2025
  M   T   W   T   F   S   S
  1*  2   3   4   5   6   7
  8   9  10  11  12  13  14
 15  16* 17  18  19  20  21
 22  23  24  25  26  27  28
 29  30  31
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from newsmodel.values._validate import (
    BOOLEAN,
    DATE,
    INTEGER,
    OPTIONAL_DATE,
    OPTIONAL_STRING,
    STRING,
    as_tuple,
    tuple_of,
    tuples_of,
)
from newsmodel.values.dates import check_week_start, first_weekday, format_month_year, month_name, weekday_names
from newsmodel.values.display import HtmlDisplay
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import Article, Site
from newsmodel.values.timeline import check_as_of
from newsmodel.widgets.archives import ArchiveIndex
from newsmodel.widgets.partials import DayCounts

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

__all__ = [
    "CalendarDay",
    "CalendarIndex",
    "MonthCalendar",
    "month_calendar",
    "month_calendar_of",
    "render_text",
    "resolve_week_start",
    "week_bounds",
]


@attrs.frozen(kw_only=True)
class CalendarDay:
    """One day of the grid: its date, how many visible posts it has, and whether it is today.

    ``url`` is the daily archive's address of a day with posts on a page's calendar, else None.

    >>> from datetime import date
    >>> CalendarDay(day=date(2025, 12, 16), count=2).has_posts
    True
    """

    day: date = attrs.field(validator=DATE)
    count: int = attrs.field(default=0, validator=INTEGER)
    is_today: bool = attrs.field(default=False, validator=BOOLEAN)
    url: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)

    @property
    def has_posts(self) -> bool:
        """True when the day has at least one visible post (a calendar links it)."""
        return self.count > 0


@attrs.frozen(kw_only=True)
class MonthCalendar(HtmlDisplay):
    """The calendar of one month.

    ``weeks`` is the grid, one tuple of seven cells per week, ``None`` for padding cells outside
    the month; ``weekdays`` gives the weekday of each column (0 = Monday), starting with
    ``week_start``.  ``previous`` and ``next`` are the first days of the nearest months with
    visible posts (None when there is none); ``today`` is the site-local day of "now".
    ``url``, ``previous_url`` and ``next_url`` are the monthly archives' addresses on a page's
    calendar (None elsewhere, and where the month has no posts).
    """

    year: int = attrs.field(validator=INTEGER)
    month: int = attrs.field(validator=INTEGER)
    label: str = attrs.field(validator=STRING)
    week_start: int = attrs.field(validator=INTEGER)
    weekdays: tuple[int, ...] = attrs.field(converter=as_tuple, validator=tuple_of(int, "an integer"))
    weeks: tuple[tuple[CalendarDay | None, ...], ...] = attrs.field(
        validator=tuples_of((CalendarDay, type(None)), "a CalendarDay or None")
    )
    today: date | None = attrs.field(validator=OPTIONAL_DATE)
    previous: date | None = attrs.field(validator=OPTIONAL_DATE)
    next: date | None = attrs.field(validator=OPTIONAL_DATE)
    total: int = attrs.field(validator=INTEGER)
    url: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    previous_url: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    next_url: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)

    @property
    def days(self) -> tuple[CalendarDay, ...]:
        """Every day of the month, in order."""
        return tuple(cell for week in self.weeks for cell in week if cell is not None)

    @property
    def days_with_posts(self) -> tuple[CalendarDay, ...]:
        """The days that have visible posts, in order."""
        return tuple(d for d in self.days if d.count)


def _check_year_month(year: int, month: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise InvalidValue(f"calendar: year {year!r} is not between 1 and 9999", value=year, where="year")
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise InvalidValue(f"calendar: month {month!r} is not between 1 and 12", value=month, where="month")


def resolve_week_start(site: Site, week_start: int | None = None) -> int:
    """The first weekday to use: ``week_start``, else the site's, else its locale's (CLDR).

    >>> resolve_week_start(Site(name="S", base_url="https://example.org", locale="de_DE"))
    0
    >>> resolve_week_start(Site(name="S", base_url="https://example.org", locale="en_US"))
    6
    """
    if week_start is None:
        week_start = site.week_start
    if week_start is None:
        return first_weekday(site.locale)
    return check_week_start(week_start, where="calendar: ")


def week_bounds(day: date, week_start: int) -> tuple[date, date]:
    """The first and last days of the calendar week that contains ``day`` (0 = Monday first).

    WordPress's ``get_weekstartend()`` for ``start_of_week = (week_start + 1) % 7``.

    >>> week_bounds(date(2016, 2, 12), 6)
    (datetime.date(2016, 2, 7), datetime.date(2016, 2, 13))
    """
    check_week_start(week_start)
    start = day - timedelta(days=(day.weekday() - week_start) % 7)
    return start, start + timedelta(days=6)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def _assemble(
    site: Site,
    year: int,
    month: int,
    week_start: int,
    counts: dict[date, int],
    today: date | None,
    previous: date | None,
    nxt: date | None,
) -> MonthCalendar:
    first, last = _month_bounds(year, month)
    lead = (first.weekday() - week_start) % 7
    cells: list[CalendarDay | None] = [None] * lead
    for n in range(last.day):
        day = first + timedelta(days=n)
        cells.append(CalendarDay(day=day, count=counts.get(day, 0), is_today=day == today))
    cells.extend([None] * (-len(cells) % 7))
    weeks = tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7))
    return MonthCalendar(
        year=year,
        month=month,
        label=format_month_year(year, month, site.locale),
        week_start=week_start,
        weekdays=tuple((week_start + i) % 7 for i in range(7)),
        weeks=weeks,
        today=today,
        previous=previous,
        next=nxt,
        total=sum(counts.values()),
    )


def month_calendar(
    articles: Iterable[Article],
    site: Site,
    *,
    year: int,
    month: int,
    as_of: datetime,
    today: date | None = None,
    week_start: int | None = None,
) -> MonthCalendar:
    """The calendar of ``year-month`` over the articles visible as of ``as_of``.

    ``today`` defaults to the site-local day of ``as_of``.  Year 0, month 13 or a week start
    outside 0 … 6 raise :class:`~newsmodel.values.errors.InvalidValue`.
    """
    _check_year_month(year, month)
    check_as_of(as_of)
    resolve_week_start(site, week_start)  # refused before any article is read
    if today is None:
        today = site.local_date(as_of)
    days = DayCounts.from_articles(articles, site, as_of=as_of)
    return month_calendar_of(days, site, year=year, month=month, today=today, week_start=week_start)


def calendar_from_days(
    day_counts: Iterable[tuple[date, int]],
    site: Site,
    *,
    year: int,
    month: int,
    today: date | None,
    week_start: int | None = None,
) -> MonthCalendar:
    """The calendar of ``year-month`` from ``(site-local day, count)`` pairs (the end of a
    :class:`~newsmodel.widgets.partials.DayCounts`); previous and next are the nearest months with posts."""
    _check_year_month(year, month)
    start = resolve_week_start(site, week_start)
    this_month = year * 12 + month - 1
    counts: dict[date, int] = {}
    before = after = None
    for day, count in day_counts:
        if not count:
            continue
        key = day.year * 12 + day.month - 1
        if key == this_month:
            counts[day] = counts.get(day, 0) + count
        elif key < this_month:
            before = key if before is None else max(before, key)
        else:
            after = key if after is None else min(after, key)
    previous = None if before is None else date(before // 12, before % 12 + 1, 1)
    nxt = None if after is None else date(after // 12, after % 12 + 1, 1)
    return _assemble(site, year, month, start, counts, today, previous, nxt)


class CalendarIndex:
    """Answers :func:`month_calendar` from an :class:`~newsmodel.widgets.archives.ArchiveIndex`.

    ``CalendarIndex.build(corpus)`` reuses the corpus's cached archive index, so both widgets
    share one index; give ``corpus.cached(CalendarIndex.build)`` to build it once.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.model import Article, Site
    >>> site = Site(name="S", base_url="https://example.org", week_start=0)
    >>> posts = [Article(id="1", slug="a", title="A", published=datetime(2025, 11, 3, tzinfo=timezone.utc))]
    >>> index = CalendarIndex(ArchiveIndex.from_articles(posts, site))
    >>> index.month_calendar(year=2025, month=12, as_of=datetime(2026, 1, 1, tzinfo=timezone.utc)).previous
    datetime.date(2025, 11, 1)
    """

    __slots__ = ("archive_index", "site")

    def __init__(self, archive_index: ArchiveIndex) -> None:
        """Wrap an archive index (its site gives the time zone and locale)."""
        self.archive_index = archive_index
        self.site = archive_index.site

    @classmethod
    def build(cls, corpus: Corpus) -> CalendarIndex:
        """The calendar index of a corpus, on its cached :class:`ArchiveIndex`."""
        return cls(corpus.cached(ArchiveIndex.build))

    def month_calendar(
        self,
        *,
        year: int,
        month: int,
        as_of: datetime,
        today: date | None = None,
        week_start: int | None = None,
    ) -> MonthCalendar:
        """The same answer as :func:`month_calendar` over the indexed articles."""
        _check_year_month(year, month)
        check_as_of(as_of)
        start = resolve_week_start(self.site, week_start)
        first, last = _month_bounds(year, month)
        index = self.archive_index
        counts = dict(index.day_counts(first, last, as_of=as_of))
        previous = index.month_before(year, month, as_of=as_of)
        nxt = index.month_after(year, month, as_of=as_of)
        if today is None:
            today = self.site.local_date(as_of)
        return _assemble(self.site, year, month, start, counts, today, previous, nxt)


def render_text(calendar: MonthCalendar, *, locale: str | None = None) -> str:
    """The calendar as plain text for a terminal: a star marks days with posts, brackets today.

    Weekday initials and month names come from ``locale`` (default: English, as the seed page).
    The last line links to the nearest months with posts ("« Nov", "Jan »") when there are any.
    """
    loc = locale or "en_US"
    head = weekday_names(loc, width="narrow", week_start=calendar.week_start)
    width = 28
    lines = [calendar.label.center(width).rstrip(), "".join(f" {h:>2} " for h in head).rstrip()]
    for week in calendar.weeks:
        cells = []
        for cell in week:
            if cell is None:
                cells.append("    ")
            elif cell.is_today:
                cells.append(f"[{cell.day.day:>2}]")
            else:
                cells.append(f" {cell.day.day:>2}" + ("*" if cell.count else " "))
        lines.append("".join(cells).rstrip())
    left = right = ""
    if calendar.previous is not None:
        left = "« " + month_name(calendar.previous.month, loc, width="abbreviated")
    if calendar.next is not None:
        right = month_name(calendar.next.month, loc, width="abbreviated") + " »"
    if left or right:
        lines.append((left + right.rjust(width - len(left))).rstrip())
    return "\n".join(lines)


def month_calendar_of(
    days: DayCounts,
    site: Site,
    *,
    year: int,
    month: int,
    today: date | None,
    week_start: int | None = None,
) -> MonthCalendar:
    """The month calendar of a :class:`~newsmodel.widgets.partials.DayCounts`, as :func:`month_calendar` gives it.

    ``today`` is given (a partial knows no ``as_of``); ``None`` marks no day as today.
    """
    return calendar_from_days(
        ((date.fromordinal(d), n) for d, n in days.days),
        site,
        year=year,
        month=month,
        today=today,
        week_start=week_start,
    )
