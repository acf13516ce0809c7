"""Dates for people: "December 16, 2025", "Thursday, January 15, 2026", "January 2026".

Formatting follows the site's locale through `Babel <https://babel.pocoo.org>`_ (the optional
``newsmodel-py[locale]`` extra) and falls back to plain English when Babel is not installed.  Dates
are taken in the site's time zone: an instant is converted to the site's zone before its day is
read, so a post at 23:30 in Los Angeles on December 31 is a December 31 post.

The first day of the week comes from CLDR's week data (through Babel): ``en_US`` starts on
Sunday, ``de_DE`` on Monday.  A bare language such as ``en`` or ``de`` is first resolved to its
most likely territory (``en`` → ``en_Latn_US``, ``de`` → ``de_Latn_DE``), so ``en`` starts on
Sunday like the United States, not on CLDR's world default (Monday).  A locale Babel does not
know raises :class:`~newsmodel.values.errors.InvalidLocale`.

Weekdays are numbered as in Python's :mod:`calendar`: 0 = Monday … 6 = Sunday.

>>> from datetime import date
>>> format_date(date(2025, 12, 16))
'December 16, 2025'
>>> format_date(date(2026, 1, 15), style="full")
'Thursday, January 15, 2026'
>>> first_weekday("de_DE"), first_weekday("en_US"), first_weekday("en")
(0, 6, 6)
"""

from __future__ import annotations

import functools
import importlib
import re
from datetime import date, datetime, tzinfo
from types import ModuleType
from typing import Any, Literal
from zoneinfo import ZoneInfo

from newsmodel.values._fields import is_weekday
from newsmodel.values.errors import InvalidDatetime, InvalidLocale, InvalidValue
from newsmodel.values.model import Site

__all__ = [
    "DateStyle",
    "babel_available",
    "check_week_start",
    "first_weekday",
    "format_date",
    "format_month_year",
    "format_site_date",
    "format_week_range",
    "local_date",
    "month_name",
    "resolve_locale",
    "weekday_names",
]

#: The styles :func:`format_date` knows (CLDR's names).
DateStyle = Literal["full", "long", "medium", "short"]

_STYLES = ("full", "long", "medium", "short")
_LOCALE_RE = re.compile(r"^[A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8})*$")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Without Babel: US English and its neighbours start the week on Sunday, everything else on Monday
# (ISO 8601).  Install the ``locale`` extra for CLDR's full table.
_SUNDAY_FIRST_FALLBACK = frozenset({"en", "en_us", "en_ca", "und"})


def _load_babel() -> ModuleType | None:
    """The ``babel.dates`` module, or None when Babel is not installed."""
    try:
        return importlib.import_module("babel.dates")
    except ImportError:  # pragma: no cover - Babel is installed wherever the tests run
        return None


@functools.lru_cache(maxsize=1)
def _babel_dates() -> ModuleType | None:
    return _load_babel()


def babel_available() -> bool:
    """True when Babel is installed, so dates follow the locale's CLDR data.

    >>> babel_available()
    True
    """
    return _babel_dates() is not None


def _check_locale_name(name: str) -> str:
    if not isinstance(name, str) or not _LOCALE_RE.match(name):
        raise InvalidLocale(f"locale {name!r} is not a locale name such as 'en_US' or 'de'", value=name, where="locale")
    return name.replace("-", "_")


@functools.lru_cache(maxsize=256)
def _babel_locale(name: str) -> Any:
    """The Babel ``Locale`` of ``name``, with a bare language resolved to its likely territory."""
    babel_dates = _babel_dates()
    assert babel_dates is not None
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    normalized = _check_locale_name(name)
    try:
        loc = Locale.parse(normalized)
        if loc.territory is None:
            likely = get_global("likely_subtags").get(loc.language)
            if likely:
                resolved = Locale.parse(likely)
                if resolved.territory is not None:
                    loc = Locale(loc.language, territory=resolved.territory, script=loc.script, variant=loc.variant)
    except (UnknownLocaleError, ValueError) as exc:
        raise InvalidLocale(f"unknown locale {name!r} (not in Babel's CLDR data)", value=name, where="locale") from exc
    return loc


def resolve_locale(name: str) -> str:
    """The locale ``name`` resolves to: with Babel, a bare language gains its likely territory.

    Without Babel the name is only checked for shape and returned with ``_`` separators.

    >>> resolve_locale("en"), resolve_locale("de-DE")
    ('en_US', 'de_DE')
    >>> resolve_locale("xx_YY")
    Traceback (most recent call last):
      ...
    newsmodel.values.errors.InvalidLocale: unknown locale 'xx_YY' (not in Babel's CLDR data)
    """
    if _babel_dates() is None:
        return _check_locale_name(name)
    return str(_babel_locale(name))


def first_weekday(locale: str) -> int:
    """The first day of the week of ``locale`` (0 = Monday … 6 = Sunday), from CLDR's week data.

    A bare language resolves to its likely territory first (``en`` → US → Sunday).  Without
    Babel: Sunday for ``en``, ``en_US``, ``en_CA``, Monday for every other locale.

    >>> first_weekday("en_GB"), first_weekday("ar_EG"), first_weekday("ja_JP")
    (0, 5, 6)
    """
    if _babel_dates() is None:
        return 6 if _check_locale_name(locale).lower() in _SUNDAY_FIRST_FALLBACK else 0
    return int(_babel_locale(locale).first_week_day)


def check_week_start(week_start: int, *, where: str = "") -> int:
    """``week_start`` when it is a weekday (0 = Monday … 6 = Sunday), else
    :class:`~newsmodel.values.errors.InvalidValue`; ``where`` starts the message."""
    if not is_weekday(week_start):
        raise InvalidValue(
            f"{where}week start {week_start!r} is not a weekday (0 = Monday … 6 = Sunday)",
            value=week_start,
            where="week_start",
        )
    return week_start


@functools.lru_cache(maxsize=256)
def weekday_names(
    locale: str = "en_US",
    *,
    width: Literal["narrow", "abbreviated", "wide"] = "abbreviated",
    week_start: int = 0,
) -> tuple[str, ...]:
    """The seven weekday names in ``locale``, starting with ``week_start`` (0 = Monday).

    Widths are CLDR's (format context): ``narrow`` ("M"), ``abbreviated`` ("Mon"), ``wide``.

    >>> weekday_names("en_US", width="narrow", week_start=6)
    ('S', 'M', 'T', 'W', 'T', 'F', 'S')
    >>> weekday_names("de_DE", week_start=0)[:2]
    ('Mo.', 'Di.')
    """
    check_week_start(week_start)
    if width not in ("narrow", "abbreviated", "wide"):
        raise InvalidValue(f"weekday width {width!r} is not 'narrow', 'abbreviated' or 'wide'", value=width)
    names: tuple[str, ...]
    if _babel_dates() is None:
        _check_locale_name(locale)
        if width == "wide":
            names = _WEEKDAYS
        elif width == "abbreviated":
            names = tuple(n[:3] for n in _WEEKDAYS)
        else:
            names = tuple(n[0] for n in _WEEKDAYS)
    else:
        days = _babel_locale(locale).days["format"][width]
        names = tuple(str(days[i]) for i in range(7))
    return names[week_start:] + names[:week_start]


def _check_month(month: int) -> int:
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise InvalidValue(f"month {month!r} is not between 1 and 12", value=month, where="month")
    return month


@functools.lru_cache(maxsize=512)
def month_name(month: int, locale: str = "en_US", *, width: Literal["abbreviated", "wide"] = "wide") -> str:
    """The name of ``month`` (1 … 12) in ``locale``, as a date shows it.

    >>> month_name(1), month_name(9, width="abbreviated"), month_name(3, "de_DE")
    ('January', 'Sep', 'März')
    """
    _check_month(month)
    if width not in ("abbreviated", "wide"):
        raise InvalidValue(f"month width {width!r} is not 'abbreviated' or 'wide'", value=width)
    if _babel_dates() is None:
        _check_locale_name(locale)
        name = _MONTHS[month - 1]
        return name if width == "wide" else name[:3]
    return str(_babel_locale(locale).months["format"][width][month])


def local_date(when: datetime, timezone: str | tzinfo = "UTC") -> date:
    """The calendar day of the instant ``when`` in ``timezone`` (an IANA name or a tzinfo).

    >>> from datetime import datetime, timedelta, timezone as tz
    >>> local_date(datetime(2025, 12, 31, 23, 30, tzinfo=tz(timedelta(hours=-8))), "Asia/Seoul")
    datetime.date(2026, 1, 1)
    """
    if not isinstance(when, datetime):
        raise InvalidDatetime(f"expected an aware datetime, got {when!r}", value=when, where="when")
    if when.tzinfo is None or when.utcoffset() is None:
        raise InvalidDatetime(f"naive datetime {when.isoformat()!r} (give it a UTC offset or a zone)", value=when)
    zone = timezone if isinstance(timezone, tzinfo) else ZoneInfo(timezone)
    return when.astimezone(zone).date()


def _as_date(value: date | datetime, timezone: str | ZoneInfo | None) -> date:
    if isinstance(value, datetime):
        return local_date(value, "UTC" if timezone is None else timezone)
    if isinstance(value, date):
        return value
    raise InvalidValue(f"expected a date or an aware datetime, got {value!r}", value=value, where="date")


def _plain_english(day: date, style: str) -> str:
    if style == "full":
        return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == "long":
        return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == "medium":
        return f"{_MONTHS[day.month - 1][:3]} {day.day}, {day.year}"
    return f"{day.month}/{day.day}/{day.year % 100:02d}"


@functools.lru_cache(maxsize=65536)
def _format_day(day: date, locale: str, style: str) -> str:
    babel_dates = _babel_dates()
    if babel_dates is None:
        _check_locale_name(locale)
        return _plain_english(day, style)
    return str(babel_dates.format_date(day, format=style, locale=_babel_locale(locale)))


def format_date(
    value: date | datetime,
    *,
    locale: str = "en_US",
    timezone: str | ZoneInfo | None = None,
    style: DateStyle = "long",
) -> str:
    """``value`` for people, in ``locale``; an aware datetime is first taken in ``timezone``.

    Styles are CLDR's: ``full`` ("Thursday, January 15, 2026"), ``long`` ("January 15, 2026"),
    ``medium`` ("Jan 15, 2026"), ``short`` ("1/15/26").  Without Babel the output is plain
    English whatever the locale.

    >>> from datetime import datetime, timezone
    >>> format_date(datetime(2026, 1, 15, 3, 0, tzinfo=timezone.utc), timezone="America/New_York")
    'January 14, 2026'
    >>> format_date(date(2025, 12, 16), locale="de_DE", style="long")
    '16. Dezember 2025'
    """
    if style not in _STYLES:
        raise InvalidValue(f"date style {style!r} is not one of {_STYLES!r}", value=style, where="style")
    return _format_day(_as_date(value, timezone), locale, style)


def format_site_date(site: Site, value: date | datetime, *, style: DateStyle = "long") -> str:
    """``value`` formatted in the site's locale and time zone.

    >>> from datetime import datetime, timezone
    >>> site = Site(name="Capital Cities", base_url="https://example.org", timezone="Asia/Seoul")
    >>> format_site_date(site, datetime(2026, 1, 14, 16, 0, tzinfo=timezone.utc), style="full")
    'Thursday, January 15, 2026'
    """
    if isinstance(value, datetime):
        value = site.local_date(value)
    return format_date(value, locale=site.locale, style=style)


@functools.lru_cache(maxsize=4096)
def format_month_year(year: int, month: int, locale: str = "en_US") -> str:
    """A month as a page titles it: "January 2026" (in ``locale``).

    >>> format_month_year(2026, 1), format_month_year(2026, 1, "de_DE")
    ('January 2026', 'Januar 2026')
    """
    _check_month(month)
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise InvalidValue(f"year {year!r} is not between 1 and 9999", value=year, where="year")
    babel_dates = _babel_dates()
    if babel_dates is None:
        _check_locale_name(locale)
        return f"{_MONTHS[month - 1]} {year}"
    return str(babel_dates.format_skeleton("yMMMM", date(year, month, 1), locale=_babel_locale(locale)))


def format_week_range(start: date, end: date, *, locale: str = "en_US") -> str:
    """A week as WordPress labels it: both ends in the long style, joined by an en dash.

    >>> format_week_range(date(2025, 12, 29), date(2026, 1, 4))
    'December 29, 2025–January 4, 2026'
    """
    return f"{format_date(start, locale=locale)}–{format_date(end, locale=locale)}"
