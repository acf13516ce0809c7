"""The site's time zone, inferred from what its posts say when no one names it.

Every WordPress post carries its wall clock (``post_date`` in WXR, ``date`` in REST) and the same
instant in UTC (``post_date_gmt``, ``date_gmt``); their difference is the UTC offset the site had
when the post was saved.  WordPress groups archives and calendar days by the wall clock
(``wp_get_archives`` and ``get_calendar`` query ``post_date``), so a corpus read without a zone
must not silently group them by UTC.  Feeds carry the same evidence in their dates' offsets
(RSS ``pubDate``, Atom ``published``, JSON Feed ``date_published``), so every importer of
:mod:`newsmodel.io` without a named zone uses this one rule.  :class:`OffsetEvidence` gathers the offsets as posts
stream by, in constant memory, and :meth:`OffsetEvidence.conclude` applies one rule:

1. every dated post has the same offset: that fixed offset (``"+09:00"``; ``"UTC"`` for zero),
   which claims nothing the posts do not show (no daylight saving time, no zone name);
2. else the IANA zones of the installed zoneinfo database whose offset at each post's instant is
   the post's offset: the first of them, canonical names before backward-compatible links
   (``tzdata.zi``'s ``L`` lines), then by name; they agree on every post, so the choice changes
   no archive, only the name and dates after the last post;
3. else ``"floating"``: each post is grouped by its own wall clock, which is what WordPress does.

>>> from datetime import datetime, timedelta, timezone
>>> evidence = OffsetEvidence()
>>> for day, hours in ((1, -5), (15, -4)):  # before and after 8 March 2015 in New York
...     evidence.add(datetime(2015, 3, day, 12, tzinfo=timezone(timedelta(hours=hours))))
>>> guess = evidence.conclude()
>>> guess.rule, guess.timezone in guess.matching, "America/New_York" in guess.matching
('zone', True, True)
"""

from __future__ import annotations

import os
import zoneinfo
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone, tzinfo

import attrs

from newsmodel.values._validate import INTEGER, OPTIONAL_STRING, STRING, as_tuple, tuple_of
from newsmodel.values.dates import babel_available, resolve_locale
from newsmodel.values.errors import NewsModelError
from newsmodel.values.model import FLOATING

__all__ = ["OffsetEvidence", "ZoneGuess", "fixed_offset_name", "territory_zones"]

# Checks already made are remembered per (quarter hour, offset): offsets are whole quarter hours
# and zones change them on a local quarter hour, so one post of a quarter hour speaks for all.
# The memo is a cache, cleared when full, so memory does not grow with the file.
_MEMO_LIMIT = 1 << 16


def fixed_offset_name(offset: timedelta) -> str:
    """A UTC offset as a :attr:`~newsmodel.values.model.Site.timezone` (``"+05:30"``; ``"UTC"`` for zero).

    >>> fixed_offset_name(timedelta(hours=5, minutes=30)), fixed_offset_name(timedelta(hours=-3))
    ('+05:30', '-03:00')
    """
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


#: The largest UTC offset a site may have (Site.timezone's bound), in seconds.
_MAX_OFFSET = 14 * 3600


@attrs.frozen(kw_only=True)
class ZoneGuess:
    """What :meth:`OffsetEvidence.conclude` found: the zone and why.

    ``rule`` is ``"offset"`` (one fixed offset), ``"zone"`` (an IANA zone), ``"floating"`` or
    ``"none"`` (no post had both dates: ``timezone`` is None).  ``matching`` lists the IANA
    zones that fit every post (for ``"zone"``), ``posts`` how many dated posts were seen and
    ``offsets`` their distinct offsets, in order.
    """

    timezone: str | None = attrs.field(validator=OPTIONAL_STRING)
    rule: str = attrs.field(validator=STRING)
    posts: int = attrs.field(validator=INTEGER)
    offsets: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str, "a string"))
    matching: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str, "a string"))

    def describe(self) -> str:
        """One sentence for the import report."""
        n = f"{self.posts:,} dated post{'s' if self.posts != 1 else ''}"
        every = f"every dated post ({self.posts:,})"
        if self.rule == "none":
            return "no post has both a local and a UTC date: the site time zone is UTC (give --timezone)"
        if self.rule == "offset":
            return (
                f"site time zone {self.timezone!r} inferred: {every} has that UTC offset"
                " (give --timezone to name a zone)"
            )
        if self.rule == "zone":
            others = [z for z in self.matching if z != self.timezone]
            also = ""
            if others:
                shown = ", ".join(others[:4]) + (f" and {len(others) - 4} more" if len(others) > 4 else "")
                also = f"; {shown} fit too"
            return (
                f"site time zone {self.timezone!r} inferred: its UTC offsets ({', '.join(self.offsets)})"
                f" match {every}{also} (give --timezone to choose)"
            )
        return (
            f"no time zone matches the UTC offsets of the {n} ({', '.join(self.offsets)}): the site is"
            " 'floating', each post grouped by its own wall clock as WordPress groups post_date"
            " (give --timezone to choose a zone)"
        )


def _links() -> frozenset[str]:
    """Backward-compatible link names of the zoneinfo database, where its ``tzdata.zi`` says."""
    for root in zoneinfo.TZPATH:
        try:
            with open(os.path.join(root, "tzdata.zi"), encoding="utf-8") as fh:
                return frozenset(line.split()[2] for line in fh if line.startswith("L ") and len(line.split()) > 2)
        except OSError:
            continue
    return frozenset()


def territory_zones(language: str | None) -> tuple[str, ...]:
    """The IANA zones of the country a language tag or locale names (``fr-FR`` → ``Europe/Paris``),
    from CLDR's ``territory_zones`` when Babel is installed (a bare language takes its likely
    country, as :func:`~newsmodel.values.dates.resolve_locale` gives it); none without Babel or for
    a language that is no locale.

    >>> territory_zones("fr-FR"), territory_zones(None)
    (('Europe/Paris',), ())

    A site's offsets often fit zones of many countries (+01:00 in winter and +02:00 in summer fit
    ``Africa/Ceuta`` as well as ``Europe/Paris``); the language a WordPress export or a feed names
    (WordPress writes its locale there) tells which country's to prefer.
    """
    if not language or not babel_available():
        return ()
    from babel import Locale
    from babel.core import get_global

    try:
        territory = Locale.parse(resolve_locale(language.strip())).territory
    except (NewsModelError, ValueError):
        return ()
    zones: list[str] = get_global("territory_zones").get(territory, []) if territory else []
    return tuple(zones)


class OffsetEvidence:
    """The UTC offsets of a site's posts, gathered one post at a time (see the module docs)."""

    def __init__(self) -> None:
        self.posts = 0
        self._offsets: dict[int, None] = {}  # seconds, in order of appearance
        self._candidates: list[tuple[str, tzinfo]] | None = None  # loaded at the second offset
        self._first: list[datetime] = []  # the posts seen while all had one offset (a few)
        self._memo: set[int] = set()

    def add(self, when: datetime) -> None:
        """Count one post dated ``when``, an aware datetime with the offset the post was written in."""
        offset = when.utcoffset()
        if offset is None:
            return
        self.posts += 1
        seconds = int(offset.total_seconds())
        stamp = int(when.timestamp())
        day_key = -((stamp // 86_400) * 200_000 + seconds) - 1
        key = (stamp // 900) * 200_000 + seconds
        if day_key in self._memo or key in self._memo:
            return
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo.add(key)
        if seconds not in self._offsets:
            self._offsets[seconds] = None
        if self._candidates is None:
            if len(self._offsets) == 1:
                # One offset so far: the answer needs no zone database.  Keep one post per
                # (quarter hour, offset) of a short prefix, to check the zones against once a second
                # offset appears (the memo above bounds how many; beyond, every post is checked).
                if len(self._first) < 4096:
                    self._first.append(when)
                    return
                self._load()
            else:
                self._load()
        if self._check_day(when, offset, stamp):
            self._memo.add(day_key)

    def _check_day(self, when: datetime, offset: timedelta, stamp: int) -> bool:
        """Check ``when`` against the candidates; True when every one that fits has the same
        offset all that UTC day (the other posts of the day with that offset need no check:
        no zone changes its offset twice within a day)."""
        start = datetime.fromtimestamp(stamp - stamp % 86_400, timezone.utc)
        end = start + timedelta(seconds=86_399)
        candidates = self._candidates
        assert candidates is not None
        kept: list[tuple[str, tzinfo]] = []
        constant = True
        for name, zone in candidates:
            if start.astimezone(zone).utcoffset() == offset and end.astimezone(zone).utcoffset() == offset:
                kept.append((name, zone))
            elif when.astimezone(zone).utcoffset() == offset:
                kept.append((name, zone))
                constant = False
        if len(kept) != len(candidates):
            self._candidates = kept
        return constant

    def _load(self) -> None:
        names = sorted(zoneinfo.available_timezones())
        candidates: list[tuple[str, tzinfo]] = []
        for name in names:
            try:
                candidates.append((name, zoneinfo.ZoneInfo(name)))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                continue
        self._candidates = candidates
        first, self._first = self._first, []
        for when in first:  # as add() checks them, a day at a time where no zone changes that day
            offset: timedelta = when.utcoffset()  # type: ignore[assignment]  # checked in add
            stamp = int(when.timestamp())
            day_key = -((stamp // 86_400) * 200_000 + int(offset.total_seconds())) - 1
            if day_key not in self._memo and self._check_day(when, offset, stamp):
                self._memo.add(day_key)

    def conclude(self, prefer: Iterable[str] = ()) -> ZoneGuess:
        """The site's zone by the rule of the module docs; among the IANA zones that fit, those in
        ``prefer`` (the zones of the site's country, :func:`territory_zones`) come first."""
        offsets = tuple(fixed_offset_name(timedelta(seconds=s)).replace("UTC", "+00:00") for s in self._offsets)
        if not self.posts:
            return ZoneGuess(timezone=None, rule="none", posts=0)
        if len(self._offsets) == 1:
            (seconds,) = self._offsets
            if abs(seconds) > _MAX_OFFSET or seconds % 60:
                # an offset no zone has (Site.timezone refuses it): each post keeps its own clock
                return ZoneGuess(timezone=FLOATING, rule="floating", posts=self.posts, offsets=offsets)
            return ZoneGuess(
                timezone=fixed_offset_name(timedelta(seconds=seconds)), rule="offset", posts=self.posts, offsets=offsets
            )
        if self._candidates is None:  # pragma: no cover - a second offset always loads them
            self._load()
        names = [name for name, _ in self._candidates or ()]
        if names:
            links = _links()
            preferred = frozenset(prefer)
            ordered = tuple(sorted(names, key=lambda name: (name not in preferred, name in links, name)))
            return ZoneGuess(timezone=ordered[0], rule="zone", posts=self.posts, offsets=offsets, matching=ordered)
        return ZoneGuess(timezone=FLOATING, rule="floating", posts=self.posts, offsets=offsets)
