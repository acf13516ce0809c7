"""The sidebar widgets with their links: every entry a page shows carries its URL.

The widget values (:class:`~newsmodel.widgets.tagcloud.TagCloud`, :class:`~newsmodel.widgets.calendar.MonthCalendar`,
:class:`~newsmodel.widgets.archives.ArchivePeriod`) are computed without a site; a page needs them with
the address of each tag archive, calendar day, month and archive period, so a frontend that reads
the JSON never has to rebuild a URL (and cannot get one wrong).  :class:`WidgetLinks` fills in
those ``url`` fields from the site's permalinks (:mod:`newsmodel.values.urls`), remembering the last
answers: a page asks for the same cloud, calendar and archives again and again.

>>> from datetime import date
>>> from newsmodel.widgets.archives import ArchivePeriod
>>> from newsmodel.values.model import Site
>>> links = WidgetLinks(Site(name="S", base_url="https://example.org"))
>>> may = ArchivePeriod(period="monthly", key="2025-05", start=date(2025, 5, 1), end=date(2025, 5, 31),
...                     label="May 2025", count=1)
>>> links.archives((may,))[0].url
'https://example.org/2025/05/'
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import attrs

from newsmodel.values.model import Site
from newsmodel.values.urls import archive_url, day_url, month_url, tag_url
from newsmodel.widgets.archives import ArchivePeriod
from newsmodel.widgets.calendar import CalendarDay, MonthCalendar
from newsmodel.widgets.tagcloud import TagCloud

__all__ = ["WidgetLinks"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class WidgetLinks:
    """Adds URLs to the widgets of one site; the last :attr:`MEMO_SIZE` answers of each kind are kept."""

    #: How many linked clouds, calendars and archive lists are remembered (each).
    MEMO_SIZE = 64

    __slots__ = ("_archives", "_calendars", "_clouds", "site")

    def __init__(self, site: Site) -> None:
        self.site = site
        self._clouds: dict[TagCloud, TagCloud] = {}
        self._calendars: dict[MonthCalendar, MonthCalendar] = {}
        self._archives: dict[tuple[ArchivePeriod, ...], tuple[ArchivePeriod, ...]] = {}

    def _memo(self, memo: dict[K, V], key: K, make: Callable[[K], V]) -> V:
        found = memo.get(key)
        if found is None:
            if len(memo) >= self.MEMO_SIZE:
                del memo[next(iter(memo))]
            found = memo[key] = make(key)
        return found

    def tag_cloud(self, cloud: TagCloud) -> TagCloud:
        """``cloud`` with each entry's tag archive URL."""
        site = self.site

        def make(c: TagCloud) -> TagCloud:
            entries = tuple(attrs.evolve(e, url=tag_url(site, e.slug)) for e in c.entries)
            return attrs.evolve(c, entries=entries)

        return self._memo(self._clouds, cloud, make)

    def calendar(self, calendar: MonthCalendar) -> MonthCalendar:
        """``calendar`` with its month's URL (when the month has posts: an empty date archive is
        not a page), the previous and next months' and each posting day's."""
        site = self.site

        def cell(day: CalendarDay | None) -> CalendarDay | None:
            if day is None or not day.count:
                return day
            return attrs.evolve(day, url=day_url(site, day.day))

        def make(c: MonthCalendar) -> MonthCalendar:
            return attrs.evolve(
                c,
                weeks=tuple(tuple(cell(d) for d in week) for week in c.weeks),
                url=month_url(site, c.year, c.month) if c.total else None,
                previous_url=None if c.previous is None else month_url(site, c.previous.year, c.previous.month),
                next_url=None if c.next is None else month_url(site, c.next.year, c.next.month),
            )

        return self._memo(self._calendars, calendar, make)

    def archives(self, periods: Sequence[ArchivePeriod]) -> tuple[ArchivePeriod, ...]:
        """``periods`` with each period's archive URL."""
        site = self.site

        def make(ps: tuple[ArchivePeriod, ...]) -> tuple[ArchivePeriod, ...]:
            return tuple(attrs.evolve(p, url=archive_url(site, p.period, p.start)) for p in ps)

        return self._memo(self._archives, tuple(periods), make)
