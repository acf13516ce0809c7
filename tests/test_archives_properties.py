"""Properties of archives and calendar: the indexes give the scans' answers; archives partition."""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsmodel.strategies import aware_datetimes, corpora
from newsmodel.values.body import Body
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, ArticleStatus, Site
from newsmodel.widgets.archives import PERIODS, ArchiveIndex, archives, period_bounds, period_key
from newsmodel.widgets.calendar import CalendarIndex, month_calendar

UTC = timezone.utc
ZONES = (
    "UTC",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Seoul",
    "America/Santiago",
    "America/Juneau",
    "Pacific/Apia",
    "Australia/Lord_Howe",
)


@st.composite
def dated_articles(draw: st.DrawFn) -> tuple[Site, list[Article], datetime]:
    """Articles packed in a few days around a zone's transitions (or Juneau's 1867 day-back)."""
    zone = draw(st.sampled_from(ZONES))
    center = draw(
        st.sampled_from(
            [
                datetime(2025, 3, 9, 5, tzinfo=UTC),
                datetime(2025, 11, 2, 5, tzinfo=UTC),
                datetime(2025, 12, 31, 12, tzinfo=UTC),
                datetime(1867, 10, 19, 0, 30, tzinfo=UTC),
                datetime(2011, 12, 30, tzinfo=UTC),
                datetime(2025, 4, 6, 3, tzinfo=UTC),
            ]
        )
    )
    offsets = draw(st.lists(st.integers(min_value=-4000, max_value=4000), min_size=2, max_size=40))
    mostly_published = st.sampled_from([ArticleStatus.PUBLISHED] * 4 + list(ArticleStatus))
    statuses = draw(st.lists(mostly_published, min_size=len(offsets), max_size=len(offsets)))
    articles = [
        Article(id=f"a{i}", slug=f"a{i}", title="T", published=center + timedelta(minutes=7 * off), status=status)
        for i, (off, status) in enumerate(zip(offsets, statuses, strict=True))
    ]
    as_of = center + timedelta(minutes=7 * draw(st.integers(min_value=-4500, max_value=4500)))
    week_start = draw(st.none() | st.integers(min_value=0, max_value=6))
    site = Site(name="S", base_url="https://example.org", timezone=zone, week_start=week_start)
    return site, articles, as_of


def _check_archives(site: Site, articles: list[Article], as_of: datetime) -> None:
    index = ArchiveIndex.from_articles(articles, site)
    visible = [a for a in articles if a.is_visible(as_of)]
    for period in PERIODS:
        for order in ("newest", "oldest"):
            for limit in (None, 0, 1, 2, 5):
                scanned = archives(articles, site, as_of=as_of, period=period, order=order, limit=limit)
                assert index.archives(as_of=as_of, period=period, order=order, limit=limit) == scanned
        full = archives(articles, site, as_of=as_of, period=period, order="oldest")
        # a partition of the visible articles, in key order, each period bounded and labelled
        assert sum(p.count for p in full) == len(visible)
        assert [p.key for p in full] == sorted({p.key for p in full})
        assert all(p.count > 0 and p.start <= p.end for p in full)
        for article in visible:
            day = article.published.astimezone(site.zone).date()  # type: ignore[union-attr]
            assert period_key(day, period) in {p.key for p in full}
            assert period_bounds(day, period)[0] <= day <= period_bounds(day, period)[1]
    assert index.visible_count(as_of) == len(visible)


def _check_calendar(site: Site, articles: list[Article], as_of: datetime, year: int, month: int) -> None:
    index = CalendarIndex(ArchiveIndex.from_articles(articles, site))
    scanned = month_calendar(articles, site, year=year, month=month, as_of=as_of)
    assert index.month_calendar(year=year, month=month, as_of=as_of) == scanned
    assert len(scanned.days) == stdlib_calendar.monthrange(year, month)[1]
    monthly = {p.key: p.count for p in archives(articles, site, as_of=as_of)}
    assert scanned.total == monthly.get(f"{year:04d}-{month:02d}", 0)
    earlier = [k for k in monthly if k < f"{year:04d}-{month:02d}"]
    later = [k for k in monthly if k > f"{year:04d}-{month:02d}"]
    assert (scanned.previous.isoformat()[:7] if scanned.previous else None) == (max(earlier) if earlier else None)
    assert (scanned.next.isoformat()[:7] if scanned.next else None) == (min(later) if later else None)


@settings(max_examples=100, deadline=None)
@given(dated_articles(), st.integers(min_value=-2, max_value=2))
@example(
    (
        Site(name="S", base_url="https://example.org", timezone="America/Juneau"),
        [
            Article(id="1", slug="a", title="A", published=datetime(1867, 10, 18, 23, tzinfo=UTC)),
            Article(id="2", slug="b", title="B", published=datetime(1867, 10, 19, 2, tzinfo=UTC)),
        ],
        datetime(1867, 10, 19, 0, tzinfo=UTC),
    ),
    0,
)
def test_index_equals_scan_on_packed_dates(case: tuple[Site, list[Article], datetime], shift: int) -> None:
    site, articles, as_of = case
    _check_archives(site, articles, as_of)
    local = as_of.astimezone(site.zone).date()
    m = local.year * 12 + local.month - 1 + shift
    _check_calendar(site, articles, as_of, m // 12, m % 12 + 1)


@settings(max_examples=60, deadline=None)
@given(
    corpora(max_articles=15, body=st.just(Body())),
    aware_datetimes(min_value=datetime(1990, 1, 1)),
    st.integers(min_value=1, max_value=12),
)
def test_corpus_indexes_equal_scans(corpus: Corpus, as_of: datetime, month: int) -> None:
    articles = list(corpus.articles)
    assert corpus.cached(ArchiveIndex.build).archives(as_of=as_of) == archives(articles, corpus.site, as_of=as_of)
    _check_archives(corpus.site, articles, as_of)
    year = as_of.year
    cal = corpus.cached(CalendarIndex.build).month_calendar(year=year, month=month, as_of=as_of)
    assert cal == month_calendar(articles, corpus.site, year=year, month=month, as_of=as_of)
    _check_calendar(corpus.site, articles, as_of, year, month)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.lists(
        st.datetimes(
            min_value=datetime(2024, 1, 1),
            max_value=datetime(2026, 12, 31),
            timezones=st.just(ZoneInfo("America/New_York")),
        ),
        max_size=40,
    ),
)
def test_every_period_key_round_trips_through_its_bounds(zone: str, whens: list[datetime]) -> None:
    for when in whens:
        day: date = when.astimezone(ZoneInfo(zone)).date()
        for period in PERIODS:
            start, end = period_bounds(day, period)
            assert period_key(start, period) == period_key(end, period) == period_key(day, period)
            assert period_key(start - timedelta(days=1), period) != period_key(day, period)
