"""The month calendar: WordPress 6.8 fixtures, CPython's grids, time zones and bad input."""

from __future__ import annotations

import calendar as stdlib_calendar
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from newsmodel.values.errors import InvalidDatetime, InvalidLocale, InvalidValue
from newsmodel.values.model import Article, ArticleStatus, Site
from newsmodel.views.widgets_html import calendar_html
from newsmodel.widgets.archives import ArchiveIndex
from newsmodel.widgets.calendar import CalendarIndex, month_calendar, render_text, resolve_week_start, week_bounds
from widget_vectors import WIDGETS, WP68, WP_AS_OF, WP_SITE, expected_html, load_json, normalize, scenarios, wp_posts

UTC = timezone.utc
CALENDAR_SCENARIOS = sorted(k for k in scenarios() if k.startswith("calendar_"))


def _year_month(query: dict[str, str]) -> tuple[int, int]:
    if "m" in query:
        m = query["m"]
        return int(m[:4]), int(m[4:6]) if len(m) >= 6 else 1
    return int(query["year"]), int(query["monthnum"])


@pytest.mark.parametrize("name", CALENDAR_SCENARIOS)
def test_wordpress_get_calendar_markup(name: str) -> None:
    """WordPress 6.8 get_calendar(): same markup for the same posts, week start and month."""
    spec: dict[str, Any] = scenarios()[name]
    year, month = _year_month(spec["query_vars"])
    articles = wp_posts(spec["args"].get("post_type", "post"))
    if spec["returned_null"]:
        articles = [a for a in articles if a.status is not ArticleStatus.PUBLISHED]
    now = datetime.fromisoformat(spec["now_site_local"])
    week_start = (spec["start_of_week"] + 6) % 7  # WordPress counts from Sunday = 0
    kwargs: dict[str, Any] = {
        "year": year,
        "month": month,
        "as_of": WP_AS_OF,
        "today": now.date(),
        "week_start": week_start,
    }
    cal = month_calendar(articles, WP_SITE, **kwargs)
    assert CalendarIndex(ArchiveIndex.from_articles(articles, WP_SITE)).month_calendar(**kwargs) == cal
    html = calendar_html(cal, WP_SITE, initial=spec["args"]["initial"])
    assert normalize(html) == normalize(expected_html(name))


def test_wordpress_markup_is_byte_exact_for_a_full_month() -> None:
    """Not only whitespace-normalized: the markup keeps WordPress's tabs and newlines."""
    cal = month_calendar(wp_posts(), WP_SITE, year=2025, month=2, as_of=WP_AS_OF, today=date(2025, 2, 14), week_start=0)
    assert calendar_html(cal, WP_SITE) == expected_html("calendar_feb2025_monday_initial")


GRIDS = load_json("python_calendar_grids.json")["grids"]


@pytest.mark.parametrize("key", sorted(GRIDS))
def test_grid_matches_cpython_monthdayscalendar(key: str) -> None:
    """CPython 3.11 calendar.Calendar(firstweekday).monthdayscalendar(y, m)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})_firstweekday(\d)", key)
    assert match
    year, month, first = (int(g) for g in match.groups())
    cal = month_calendar(
        [],
        Site(name="S", base_url="https://example.org"),
        year=year,
        month=month,
        as_of=datetime(2030, 1, 1, tzinfo=UTC),
        week_start=first,
    )
    grid = [[cell.day.day if cell else 0 for cell in week] for week in cal.weeks]
    assert grid == GRIDS[key]


def _weekstartend() -> list[tuple[date, int, int, int]]:
    rows = []
    for line in (WP68 / "get_weekstartend_vectors.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"get_weekstartend\((\d{4}-\d{2}-\d{2}), (\d)\) = (\d+) .*\.\. (\d+)", line)
        if m:
            rows.append((date.fromisoformat(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4))))
    return rows


@pytest.mark.parametrize(("day", "wp_start", "start_ts", "end_ts"), _weekstartend())
def test_week_bounds_match_wordpress_get_weekstartend(day: date, wp_start: int, start_ts: int, end_ts: int) -> None:
    """WordPress tests/phpunit/tests/functions/getWeekstartend.php (UTC site)."""
    start, end = week_bounds(day, (wp_start + 6) % 7)
    assert datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp() == start_ts
    end_of_end = datetime(end.year, end.month, end.day, tzinfo=UTC) + timedelta(days=1)
    assert end_of_end.timestamp() - 1 == end_ts


LOCALES = load_json("locale_week_start_babel.json")["locales"]


def test_vectors_path_is_the_shared_one() -> None:
    assert (WIDGETS / "README.md").is_file()


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "en", "de", "en_GB", "ar_EG"])
def test_site_locale_decides_week_start(locale: str) -> None:
    site = Site(name="S", base_url="https://example.org", locale=locale)
    cal = month_calendar([], site, year=2025, month=12, as_of=datetime(2026, 1, 15, tzinfo=UTC))
    expected = {"en_US": 6, "en": 6, "de_DE": 0, "de": 0, "en_GB": 0, "ar_EG": 5}[locale]
    assert cal.week_start == expected == cal.weekdays[0]


def test_explicit_week_start_beats_site_and_locale() -> None:
    site = Site(name="S", base_url="https://example.org", locale="en_US", week_start=2)
    assert resolve_week_start(site) == 2
    assert resolve_week_start(site, 4) == 4


# --------------------------------------------------------------------------- the seed page


def _seoul_site(**kw: Any) -> Site:
    return Site(name="Capital Cities", base_url="https://example.org", timezone="Asia/Seoul", week_start=0, **kw)


def test_seed_page_december_2025() -> None:
    """The seed page: December 2025, Monday first, « Nov, Jan »."""
    seoul = ZoneInfo("Asia/Seoul")
    posts = [
        Article(id=str(i), slug=f"p{i}", title="T", published=datetime(y, m, d, 9, tzinfo=seoul))
        for i, (y, m, d) in enumerate([(2025, 11, 30), (2025, 12, 16), (2026, 1, 13)])
    ]
    as_of = datetime(2026, 1, 15, 12, tzinfo=seoul)
    cal = month_calendar(posts, _seoul_site(), year=2025, month=12, as_of=as_of)
    assert [cell.day.day if cell else None for cell in cal.weeks[-1]] == [29, 30, 31, None, None, None, None]
    assert (cal.previous, cal.next) == (date(2025, 11, 1), date(2026, 1, 1))
    assert cal.today == date(2026, 1, 15)
    assert not any(d.is_today for d in cal.days)
    text = render_text(cal)
    assert text.splitlines()[1].split() == ["M", "T", "W", "T", "F", "S", "S"]
    assert text.splitlines()[-1].startswith("« Nov") and text.endswith("Jan »")


def test_previous_and_next_skip_empty_months() -> None:
    posts = [
        Article(id="1", slug="a", title="A", published=datetime(2025, 6, 3, tzinfo=UTC)),
        Article(id="2", slug="b", title="B", published=datetime(2026, 3, 3, tzinfo=UTC)),
    ]
    cal = month_calendar(posts, _seoul_site(), year=2025, month=12, as_of=datetime(2026, 12, 1, tzinfo=UTC))
    assert (cal.previous, cal.next, cal.total) == (date(2025, 6, 1), date(2026, 3, 1), 0)
    # a month with no posts still has its grid
    assert len(cal.days) == 31


def test_los_angeles_new_year_post_is_december_31() -> None:
    site = Site(name="S", base_url="https://example.org", timezone="America/Los_Angeles", week_start=6)
    post = Article(
        id="1", slug="a", title="A", published=datetime(2025, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-8)))
    )
    as_of = datetime(2026, 2, 1, tzinfo=UTC)
    dec = month_calendar([post], site, year=2025, month=12, as_of=as_of)
    jan = month_calendar([post], site, year=2026, month=1, as_of=as_of)
    assert [(d.day, d.count) for d in dec.days_with_posts] == [(date(2025, 12, 31), 1)]
    assert jan.total == 0 and jan.previous == date(2025, 12, 1)


@pytest.mark.parametrize("day", [date(2025, 3, 9), date(2025, 11, 2)])
def test_posts_at_local_midnight_on_new_york_dst_days(day: date) -> None:
    ny = ZoneInfo("America/New_York")
    site = Site(name="S", base_url="https://example.org", timezone="America/New_York", week_start=6)
    midnight = datetime(day.year, day.month, day.day, tzinfo=ny)
    before = midnight - timedelta(microseconds=1)
    posts = [
        Article(id="1", slug="a", title="A", published=midnight.astimezone(UTC)),
        Article(id="2", slug="b", title="B", published=before.astimezone(UTC)),
        Article(id="3", slug="c", title="C", published=datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=ny)),
    ]
    cal = month_calendar(posts, site, year=day.year, month=day.month, as_of=datetime(2026, 1, 1, tzinfo=UTC))
    assert [(d.day, d.count) for d in cal.days_with_posts] == [(day - timedelta(days=1), 1), (day, 2)]
    index = CalendarIndex(ArchiveIndex.from_articles(posts, site))
    assert index.month_calendar(year=day.year, month=day.month, as_of=datetime(2026, 1, 1, tzinfo=UTC)) == cal


def test_two_posts_at_the_same_second_count_twice() -> None:
    t = datetime(2025, 12, 16, 9, 0, 0, tzinfo=UTC)
    posts = [Article(id=i, slug=f"p{i}", title="T", published=t) for i in ("b", "a")]
    cal = month_calendar(posts, _seoul_site(), year=2025, month=12, as_of=t)
    assert [d.count for d in cal.days_with_posts] == [2]


def test_only_future_posts_and_no_published_posts() -> None:
    as_of = datetime(2025, 1, 1, tzinfo=UTC)
    future = [Article(id="1", slug="a", title="A", published=datetime(2025, 6, 1, tzinfo=UTC))]
    drafts = [Article(id="2", slug="b", title="B", status=ArticleStatus.DRAFT)]
    for posts in (future, drafts, []):
        cal = month_calendar(posts, _seoul_site(), year=2025, month=6, as_of=as_of)
        assert (cal.total, cal.previous, cal.next) == (0, None, None)
        assert calendar_html(cal, WP_SITE) == ""  # WordPress prints nothing for a site without posts
        assert "<table" in calendar_html(cal, WP_SITE, hide_when_empty=False)
        assert (
            CalendarIndex(ArchiveIndex.from_articles(posts, _seoul_site())).month_calendar(
                year=2025, month=6, as_of=as_of
            )
            == cal
        )


def test_today_marker_from_as_of_in_site_zone() -> None:
    as_of = datetime(2025, 12, 15, 20, 0, tzinfo=UTC)  # already the 16th in Seoul
    cal = month_calendar([], _seoul_site(), year=2025, month=12, as_of=as_of)
    assert [d.day for d in cal.days if d.is_today] == [date(2025, 12, 16)]
    assert 'id="today"' in calendar_html(cal, WP_SITE, hide_when_empty=False)


@pytest.mark.parametrize(
    ("year", "month", "week_start"),
    [(2025, 13, 0), (2025, 0, 0), (0, 1, 0), (10000, 1, 0), (2025, 1, 7), (2025, 1, -1), (2025, 1, True)],
)
def test_bad_year_month_and_week_start(year: int, month: int, week_start: int) -> None:
    as_of = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(InvalidValue) as info:
        month_calendar([], _seoul_site(), year=year, month=month, as_of=as_of, week_start=week_start)
    assert isinstance(info.value, ValueError)
    bad = {13: 13, 0: 0}.get(month, year if not 1 <= year <= 9999 else week_start)
    assert repr(bad) in str(info.value)
    with pytest.raises(InvalidValue):
        CalendarIndex(ArchiveIndex.from_articles([], _seoul_site())).month_calendar(
            year=year, month=month, as_of=as_of, week_start=week_start
        )


def test_unknown_locale_is_a_clear_error() -> None:
    site = Site(name="S", base_url="https://example.org", locale="xx_YY")
    with pytest.raises(InvalidLocale, match="'xx_YY'"):
        month_calendar([], site, year=2025, month=1, as_of=datetime(2026, 1, 1, tzinfo=UTC))


def test_naive_as_of_is_refused() -> None:
    with pytest.raises(InvalidDatetime):
        month_calendar([], _seoul_site(), year=2025, month=1, as_of=datetime(2026, 1, 1))


def test_calendar_shows_as_html_in_a_notebook() -> None:
    cal = month_calendar([], _seoul_site(), year=2025, month=2, as_of=datetime(2026, 1, 1, tzinfo=UTC))
    html = cal._repr_html_()
    assert html.startswith('<div class="newsmodel newsmodel-calendar"><style>')
    assert '</style><table id="wp-calendar"' in html and "<caption>February 2025</caption>" in html


def test_agrees_with_stdlib_monthrange() -> None:
    for year, month in [(2024, 2), (2025, 2), (1900, 2), (2000, 2), (9999, 12), (1, 1)]:
        for ws in range(7):
            cal = month_calendar(
                [], _seoul_site(), year=year, month=month, as_of=datetime(2026, 1, 1, tzinfo=UTC), week_start=ws
            )
            first_weekday, days = stdlib_calendar.monthrange(year, month)
            assert len(cal.days) == days
            assert cal.weeks[0].index(cal.days[0]) == (first_weekday - ws) % 7
            assert all(len(w) == 7 for w in cal.weeks)
