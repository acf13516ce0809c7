"""pandas DataFrames of a corpus, for notebooks: one row per article, and post counts per period.

pandas is optional (the ``dataframe`` extra: ``pip install 'newsmodel-py[dataframe]'``); without it
both functions raise :class:`~newsmodel.values.errors.MissingDependency` saying so.

Dates are timezone-aware in the site's zone (``datetime64[ns, Asia/Seoul]``), so a day, a week or
a month of the frame is the site's, as its archives count them.  pandas's nanosecond dates reach
from 1677 to 2262; a corpus with a date outside them (the model allows years 2 to 9998) gets
microsecond dates instead (``datetime64[us, …]``), so that no date is lost or changed.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.corpus import Corpus
>>> from newsmodel.values.model import Article, Site
>>> site = Site(name="S", base_url="https://example.org", timezone="Asia/Seoul")
>>> posts = [Article(id="1", slug="a", title="A", published=datetime(2025, 12, 31, 20, tzinfo=timezone.utc))]
>>> frame = articles_frame(Corpus(site=site, articles=posts))
>>> str(frame["published"].dtype), str(frame.loc[0, "published"])
('datetime64[ns, Asia/Seoul]', '2026-01-01 05:00:00+09:00')
>>> frame.loc[0, ["id", "kind", "url"]].tolist()
['1', 'post', 'https://example.org/2026/01/a/']
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any

from newsmodel.bodies.textstats import reading_time
from newsmodel.pages.page import PageIndex, page_index
from newsmodel.values.errors import InvalidPermalink, InvalidValue, MissingDependency
from newsmodel.values.model import Article
from newsmodel.values.timeline import check_as_of
from newsmodel.widgets.archives import PERIODS, ArchiveIndex, Period, period_bounds, period_key

if TYPE_CHECKING:
    import pandas as pd

    from newsmodel.values.corpus import Corpus

__all__ = ["articles_frame", "counts_per"]

#: The instants pandas holds in nanoseconds (``pandas.Timestamp.min`` and ``max``, to the second).
_NS_FIRST = datetime.fromisoformat("1677-09-22T00:00:00+00:00")
_NS_LAST = datetime.fromisoformat("2262-04-11T00:00:00+00:00")


def _pandas(what: str) -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingDependency(
            f"{what} needs pandas: pip install 'newsmodel-py[dataframe]' (or pip install pandas);"
            " Corpus.rows() works without it"
        ) from None
    return pandas


def _dates(pd: Any, values: Sequence[datetime | None], zone: tzinfo, unit: str) -> Any:
    """A column of aware datetimes (None → NaT) in ``zone`` at ``unit`` precision."""
    series = pd.Series(list(values), dtype=object)
    return pd.to_datetime(series, utc=True).dt.as_unit(unit).dt.tz_convert(zone)


def _unit(values: Sequence[datetime | None]) -> str:
    fits = all(v is None or _NS_FIRST <= v <= _NS_LAST for v in values)
    return "ns" if fits else "us"


def articles_frame(corpus: Corpus) -> pd.DataFrame:
    """One row per article of ``corpus`` (its order): :meth:`Corpus.rows
    <newsmodel.values.corpus.Corpus.rows>` with dates as timezone-aware datetimes in the site's zone, plus
    the article's URL (its page's permalink; None when the site's permalink pattern needs a date
    the article lacks, as a draft's may), the ids it refers to, its word count and reading time.
    ``Corpus.to_dataframe()`` returns this.

    >>> from newsmodel.values.model import Site
    >>> from newsmodel.values.corpus import Corpus
    >>> list(articles_frame(Corpus(site=Site(name="S", base_url="https://example.org"))).columns)[:6]
    ['id', 'slug', 'title', 'status', 'kind', 'published']
    """
    pd = _pandas("Corpus.to_dataframe")
    rows = corpus.rows()
    index = corpus.cached(page_index)
    for row, article in zip(rows, corpus.articles, strict=True):
        time = reading_time(article.body)
        row.update(
            url=_url(index, article),
            author_ids=list(article.author_ids),
            main_category_id=article.main_category_id,
            category_ids=list(article.category_ids),
            tag_ids=list(article.tag_ids),
            parent_id=article.parent_id,
            word_count=time.words,
            reading_minutes=time.minutes,
        )
    frame = pd.DataFrame(rows, columns=list(rows[0]) if rows else _columns(corpus))
    published = [a.published for a in corpus.articles]
    modified = [a.modified for a in corpus.articles]
    unit = _unit([*published, *modified])
    zone = corpus.site.zone or timezone.utc  # a floating site's instants in UTC
    frame["published"] = _dates(pd, published, zone, unit)
    frame["modified"] = _dates(pd, modified, zone, unit)
    frame["word_count"] = frame["word_count"].astype("int64")
    frame["reading_minutes"] = frame["reading_minutes"].astype("int64")
    return frame


def _url(index: PageIndex, article: Article) -> str | None:
    """The article's permalink, or None when its site's pattern needs what it lacks (a draft's date)."""
    try:
        return index.article_url(article)
    except InvalidPermalink:
        return None


def _columns(corpus: Corpus) -> list[str]:
    """The columns of a frame without rows: those of a one-article corpus of the same site."""
    probe = type(corpus)(site=corpus.site, articles=[Article(id="probe", slug="probe", title="Probe", status="draft")])
    return list(articles_frame(probe).columns)


def counts_per(corpus: Corpus, period: Period = "monthly", *, as_of: datetime) -> pd.DataFrame:
    """How many posts each ``period`` (``daily``, ``weekly``: ISO weeks, ``monthly`` or ``yearly``)
    holds as of ``as_of``, as the site's archives count them (posts only, by
    :attr:`Article.counts_from <newsmodel.values.model.Article.counts_from>`, in the site's zone).

    The frame is ready to plot: indexed by each period's first day (midnight in the site's zone),
    oldest first, every period from the first post's to the last one's listed, empty ones with 0;
    columns ``key`` (``2026-01``, ``2026-W03``, ``2026-01-15``, ``2026``) and ``posts``.  A corpus
    without a visible post gives an empty frame with those columns.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.model import Article, Site
    >>> from newsmodel.values.corpus import Corpus
    >>> t = datetime(2026, 1, 5, 12, tzinfo=timezone.utc)
    >>> posts = [Article(id="1", slug="a", title="A", published=t),
    ...          Article(id="2", slug="b", title="B", published=t + timedelta(days=15))]
    >>> counts_per(Corpus(site=Site(name="S", base_url="https://e.org"), articles=posts), "weekly",
    ...            as_of=datetime(2026, 2, 1, tzinfo=timezone.utc))["posts"].tolist()
    [1, 0, 1]
    """
    pd = _pandas("counts_per")
    if period not in PERIODS:
        raise InvalidValue(f"counts_per: period {period!r} is not one of {PERIODS!r}", value=period, where="period")
    check_as_of(as_of)
    found = corpus.cached(ArchiveIndex.build).archives(as_of=as_of, period=period, order="oldest")
    counted = {p.start: (p.key, p.count) for p in found}
    starts: list[date] = []
    if found:
        day, last = found[0].start, found[-1].start
        while day <= last:
            starts.append(day)
            day = period_bounds(day, period)[1] + timedelta(days=1)
    zone = corpus.site.zone or timezone.utc  # a floating site's days: UTC midnights
    midnights = [datetime(d.year, d.month, d.day, tzinfo=zone) for d in starts]
    index = pd.DatetimeIndex(pd.to_datetime(midnights, utc=True), name="start").as_unit("ns").tz_convert(zone)
    return pd.DataFrame(
        {
            "key": [counted[d][0] if d in counted else period_key(d, period) for d in starts],
            "posts": pd.array([counted[d][1] if d in counted else 0 for d in starts], dtype="int64"),
        },
        index=index,
    )
