"""Dates for people: CLDR week starts and weekday names, formats, fallback.

CLDR's data belongs to Babel: the tests compare newsmodel's own rules (a bare language resolved to
its likely territory, names rotated to the week start, the plain-English fallback, the errors)
with the answer of the Babel that is installed, never with names frozen from one Babel release.
The shared table (Babel 2.18) only supplies the locales to check and WordPress's start_of_week.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmodel.values import dates
from newsmodel.values.dates import (
    first_weekday,
    format_date,
    format_month_year,
    format_site_date,
    format_week_range,
    local_date,
    month_name,
    resolve_locale,
    weekday_names,
)
from newsmodel.values.errors import InvalidDatetime, InvalidLocale, InvalidValue
from newsmodel.values.model import Site
from widget_vectors import load_json

UTC = timezone.utc
LOCALES: dict[str, dict[str, Any]] = load_json("locale_week_start_babel.json")["locales"]


def _week_start_params() -> Iterator[Any]:
    for name in LOCALES:
        if name == "en":
            yield pytest.param(
                name,
                marks=pytest.mark.xfail(
                    strict=True,
                    reason="Babel reads CLDR's world default (Monday) for a bare 'en'; newsmodel resolves a "
                    "bare language to its likely territory first (en → en_Latn_US → Sunday)",
                ),
            )
        else:
            yield pytest.param(name)


def _babel_locale(name: str) -> Any:
    """Babel's own ``Locale`` for ``name``, with no help from newsmodel."""
    from babel import Locale

    return Locale.parse(name.replace("-", "_"))


def _likely_territory_locale(name: str) -> Any:
    """newsmodel's rule, spelled out with Babel's data: a bare language takes its likely territory."""
    from babel import Locale
    from babel.core import get_global

    loc = _babel_locale(name)
    if loc.territory is None:
        likely = Locale.parse(get_global("likely_subtags")[loc.language])
        loc = Locale(loc.language, territory=likely.territory, script=loc.script, variant=loc.variant)
    return loc


@pytest.mark.parametrize("locale", list(_week_start_params()))
def test_first_weekday_is_babels_for_the_locale(locale: str) -> None:
    """Babel's live Locale.first_week_day; the bare 'en' case is the one newsmodel resolves first."""
    assert first_weekday(locale) == _babel_locale(locale).first_week_day


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_first_weekday_resolves_a_bare_language_first(locale: str) -> None:
    assert first_weekday(locale) == _likely_territory_locale(locale).first_week_day


@pytest.mark.parametrize("locale", sorted(LOCALES))
@pytest.mark.parametrize("width", ["narrow", "abbreviated", "wide"])
def test_weekday_headers_are_babels_names_rotated(locale: str, width: Any) -> None:
    """The names are Babel's (format context); newsmodel's rule is the rotation to the week start."""
    names = _likely_territory_locale(locale).days["format"][width]
    monday_first = [str(names[i]) for i in range(7)]
    for start in range(7):
        expected = monday_first[start:] + monday_first[:start]
        assert list(weekday_names(locale, width=width, week_start=start)) == expected
    assert len(set(weekday_names(locale, width="wide"))) == 7


def test_bare_language_resolves_to_a_territory() -> None:
    assert resolve_locale("en") == "en_US"
    assert resolve_locale("de") == "de_DE"
    assert resolve_locale("pt-BR") == "pt_BR"
    assert first_weekday("en") == first_weekday("en_US") == 6
    assert first_weekday("de") == first_weekday("de_DE") == 0


@pytest.mark.parametrize("name", ["xx_YY", "en_XX", "not a locale", "", "e", "de_DE.UTF-8"])
def test_unknown_locale_is_a_clear_error(name: str) -> None:
    with pytest.raises(InvalidLocale) as info:
        first_weekday(name)
    assert repr(name) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_seed_page_dates() -> None:
    """The seed page: "December 16, 2025" under the headline, "Thursday, January 15, 2026" on top."""
    site = Site(name="Capital Cities", base_url="https://example.org", timezone="America/New_York")
    assert format_site_date(site, datetime(2025, 12, 16, 14, tzinfo=UTC)) == "December 16, 2025"
    assert format_site_date(site, datetime(2026, 1, 15, 17, tzinfo=UTC), style="full") == "Thursday, January 15, 2026"


def test_site_timezone_decides_the_day() -> None:
    when = datetime(2026, 1, 1, 7, 30, tzinfo=UTC)  # 2025-12-31 23:30 in Los Angeles
    la = Site(name="S", base_url="https://example.org", timezone="America/Los_Angeles")
    assert format_site_date(la, when) == "December 31, 2025"
    assert format_date(when) == "January 1, 2026"
    assert local_date(when, "America/Los_Angeles") == date(2025, 12, 31)


def test_locales_and_styles() -> None:
    from babel import dates as babel_dates

    d = date(2026, 1, 15)
    for locale in ("de_DE", "fr_FR", "en_US", "ja_JP"):
        for style in ("full", "long", "medium", "short"):
            expected = babel_dates.format_date(d, format=style, locale=locale)
            assert format_date(d, locale=locale, style=style) == expected
        assert format_month_year(2026, 1, locale) == babel_dates.format_skeleton("yMMMM", d, locale=locale)
        abbreviated = babel_dates.get_month_names("abbreviated", locale=locale)
        assert month_name(12, locale, width="abbreviated") == abbreviated[12]
    assert format_date(d, locale="fr_FR") != format_date(d, locale="de_DE")
    assert format_week_range(date(2025, 12, 29), date(2026, 1, 4)) == "December 29, 2025–January 4, 2026"


@pytest.fixture
def no_babel(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pretend Babel is not installed."""
    dates._babel_dates.cache_clear()
    dates._format_day.cache_clear()
    dates.weekday_names.cache_clear()
    dates.month_name.cache_clear()
    dates.format_month_year.cache_clear()
    monkeypatch.setattr(dates, "_load_babel", lambda: None)
    yield
    dates._babel_dates.cache_clear()
    dates._format_day.cache_clear()
    dates.weekday_names.cache_clear()
    dates.month_name.cache_clear()
    dates.format_month_year.cache_clear()


@pytest.mark.usefixtures("no_babel")
def test_plain_english_fallback_without_babel() -> None:
    assert not dates.babel_available()
    d = date(2026, 1, 15)
    assert format_date(d, locale="de_DE", style="full") == "Thursday, January 15, 2026"
    assert format_date(d) == "January 15, 2026"
    assert format_date(d, style="medium") == "Jan 15, 2026"
    assert format_date(d, style="short") == "1/15/26"
    assert format_month_year(2026, 1, "de_DE") == "January 2026"
    assert weekday_names("de_DE", width="narrow", week_start=6) == ("S", "M", "T", "W", "T", "F", "S")
    assert weekday_names("de_DE", width="wide")[0] == "Monday"
    assert month_name(9, "fr_FR", width="abbreviated") == "Sep"
    assert (first_weekday("en_US"), first_weekday("en"), first_weekday("de_DE")) == (6, 6, 0)
    assert resolve_locale("en-GB") == "en_GB"
    with pytest.raises(InvalidLocale):
        first_weekday("not a locale")


def test_babel_is_back_after_the_fallback_test() -> None:
    from babel import dates as babel_dates

    assert dates.babel_available()
    expected = babel_dates.format_date(date(2026, 1, 15), format="long", locale="de_DE")
    assert format_date(date(2026, 1, 15), locale="de_DE") == expected
    assert expected != dates._plain_english(date(2026, 1, 15), "long")


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_fallback_long_style_agrees_with_babel_for_en_us(day: date) -> None:
    assert format_date(day) == dates._plain_english(day, "long")
    assert format_date(day, style="full") == dates._plain_english(day, "full")


@pytest.mark.parametrize(
    ("call", "bad"),
    [
        (lambda: format_date(date(2025, 1, 1), style="huge"), "huge"),  # type: ignore[arg-type]
        (lambda: format_month_year(2025, 13), 13),
        (lambda: format_month_year(0, 1), 0),
        (lambda: month_name(0), 0),
        (lambda: weekday_names(week_start=7), 7),
        (lambda: weekday_names(week_start=-1), -1),
        (lambda: weekday_names(width="tiny"), "tiny"),
        (lambda: format_date("2025-01-01"), "2025-01-01"),  # type: ignore[arg-type]
    ],
)
def test_bad_input(call: Any, bad: object) -> None:
    with pytest.raises(InvalidValue, match=repr(bad)):
        call()


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(InvalidDatetime):
        format_date(datetime(2025, 1, 1))
    with pytest.raises(InvalidDatetime):
        local_date(datetime(2025, 1, 1) + timedelta(0))


def test_widget_modules_stay_in_the_core() -> None:
    """The widget modules import neither io, cli, serialize, cattrs nor Babel (until a date is formatted)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import newsmodel.widgets.archives, newsmodel.widgets.calendar, newsmodel.widgets.tagcloud\n"
        "import newsmodel.values.dates, newsmodel.views.widgets_html\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('newsmodel.io', 'newsmodel.cli', 'newsmodel.serialize',"
        " 'cattrs', 'babel', 'numpy', 'pandas')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
