"""DataFrames for notebooks: ``Corpus.to_dataframe`` and ``counts_per`` (newsmodel.pages.frames)."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.bodies.textstats import reading_time
from newsmodel.pages.frames import articles_frame, counts_per
from newsmodel.strategies import aware_datetimes, corpora
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidValue, MissingDependency
from newsmodel.values.model import Article, Author, Byline, Category, Site
from newsmodel.values.urls import article_url
from newsmodel.widgets.archives import ArchiveIndex

UTC = timezone.utc
SEOUL = Site(name="S", base_url="https://example.org", timezone="Asia/Seoul")
LA = Site(name="S", base_url="https://example.org", timezone="America/Los_Angeles")


def _body(words: int) -> Body:
    return Body(blocks=(Paragraph(content=(Text(text="word " * words),)),))


def test_dates_are_aware_in_the_site_zone_with_urls_ids_and_reading_time() -> None:
    t = datetime(2025, 12, 31, 20, 30, tzinfo=UTC)  # already 2026-01-01 in Seoul
    corpus = Corpus(
        site=SEOUL,
        authors=[Author(id="7", slug="vic", name="Victoria")],
        categories=[Category(id="asia", slug="asia", name="Asia")],
        articles=[
            Article(
                id="1",
                slug="a",
                title="A",
                published=t,
                modified=t + timedelta(hours=1),
                bylines=(Byline(author_id="7"),),
                category_ids=("asia",),
                body=_body(450),
            ),
            Article(id="2", slug="draft", title="Draft", status="draft"),
            Article(id="3", slug="about", title="About", kind="page", published=t),
        ],
    )
    frame = corpus.to_dataframe()
    assert str(frame["published"].dtype) == "datetime64[ns, Asia/Seoul]"
    assert str(frame["modified"].dtype) == "datetime64[ns, Asia/Seoul]"
    first = frame.iloc[0]
    assert first["published"] == pd.Timestamp(t) and first["published"].day == 1  # same instant, local day
    assert pd.isna(frame.loc[1, "published"]) and pd.isna(frame.loc[1, "modified"])
    assert list(frame["kind"]) == ["post", "post", "page"]
    assert frame.loc[0, "url"] == article_url(SEOUL, corpus.article("1")) == "https://example.org/2026/01/a/"
    assert pd.isna(frame.loc[1, "url"])  # the pattern needs the date a draft lacks
    assert frame.loc[2, "url"] == "https://example.org/about/"
    assert (frame.loc[0, "author_ids"], frame.loc[0, "main_category_id"]) == (["7"], "asia")
    assert frame["word_count"].tolist() == [450, 0, 0] and str(frame["word_count"].dtype) == "int64"
    assert frame.loc[0, "reading_minutes"] == reading_time(_body(450)).minutes == 3


def test_dates_outside_nanoseconds_are_kept_in_microseconds() -> None:
    old = datetime(1500, 6, 1, 12, tzinfo=UTC)
    frame = Corpus(site=SEOUL, articles=[Article(id="1", slug="a", title="A", published=old)]).to_dataframe()
    assert str(frame["published"].dtype) == "datetime64[us, Asia/Seoul]"
    assert frame.loc[0, "published"].to_pydatetime() == old


def test_an_empty_corpus_has_the_columns_and_dtypes() -> None:
    frame = Corpus(site=SEOUL).to_dataframe()
    assert len(frame) == 0
    full = Corpus(site=SEOUL, articles=[Article(id="1", slug="a", title="A", status="draft")]).to_dataframe()
    assert list(frame.columns) == list(full.columns)
    assert str(frame["published"].dtype) == "datetime64[ns, Asia/Seoul]"


def test_without_pandas_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependency, match=r"pip install 'newsmodel-py\[dataframe\]'"):
        Corpus(site=SEOUL).to_dataframe()
    with pytest.raises(MissingDependency, match="counts_per needs pandas"):
        counts_per(Corpus(site=SEOUL), as_of=datetime(2026, 1, 1, tzinfo=UTC))


def test_counts_per_fills_gaps_counts_posts_only_in_the_site_zone() -> None:
    pst, pdt = timezone(timedelta(hours=-8)), timezone(timedelta(hours=-7))
    posts = [
        Article(id="1", slug="a", title="A", published=datetime(2025, 10, 31, 23, 30, tzinfo=pdt)),  # Nov in UTC
        Article(id="2", slug="b", title="B", published=datetime(2026, 1, 2, 9, tzinfo=pst)),
        Article(id="3", slug="c", title="C", published=datetime(2026, 1, 3, 9, tzinfo=pst)),
        Article(id="4", slug="p", title="P", kind="page", published=datetime(2025, 12, 1, tzinfo=pst)),
        Article(id="5", slug="d", title="D", status="draft", published=datetime(2025, 12, 1, tzinfo=pst)),
        Article(id="6", slug="s", title="S", status="scheduled", published=datetime(2026, 3, 1, tzinfo=pst)),
    ]
    corpus = Corpus(site=LA, articles=posts)
    as_of = datetime(2026, 2, 1, tzinfo=UTC)
    monthly = counts_per(corpus, "monthly", as_of=as_of)
    assert monthly["key"].tolist() == ["2025-10", "2025-11", "2025-12", "2026-01"]
    assert monthly["posts"].tolist() == [1, 0, 0, 2]
    assert str(monthly.index.dtype) == "datetime64[ns, America/Los_Angeles]"
    assert monthly.index[0] == pd.Timestamp("2025-10-01", tz="America/Los_Angeles")
    assert monthly.index.name == "start" and str(monthly["posts"].dtype) == "int64"
    daily = counts_per(corpus, "daily", as_of=as_of)
    assert len(daily) == (datetime(2026, 1, 3) - datetime(2025, 10, 31)).days + 1
    assert daily["posts"].sum() == 3
    later = counts_per(corpus, "monthly", as_of=datetime(2026, 3, 2, tzinfo=UTC))
    assert later["key"].tolist()[-1] == "2026-03" and later["posts"].tolist()[-2:] == [0, 1]  # due, then counted
    weekly = counts_per(corpus, "weekly", as_of=as_of)
    assert weekly["key"].tolist()[-1] == "2026-W01"  # Friday 2 and Saturday 3 January: ISO week 1


def test_counts_per_without_posts_and_with_a_bad_period() -> None:
    empty = counts_per(Corpus(site=LA), "weekly", as_of=datetime(2026, 1, 1, tzinfo=UTC))
    assert list(empty.columns) == ["key", "posts"] and len(empty) == 0
    with pytest.raises(InvalidValue, match="period 'week' is not one of"):
        counts_per(Corpus(site=LA), "week", as_of=datetime(2026, 1, 1, tzinfo=UTC))  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None)
@given(corpus=corpora(max_articles=12), as_of=aware_datetimes(), period=st.sampled_from(["daily", "weekly", "monthly"]))
def test_counts_per_partitions_the_visible_posts(corpus: Corpus, as_of: datetime, period: str) -> None:
    frame = counts_per(corpus, period, as_of=as_of)  # type: ignore[arg-type]
    assert frame["posts"].sum() == sum(a.is_visible(as_of) for a in corpus.articles)
    assert frame["posts"].sum() == corpus.cached(ArchiveIndex.build).visible_count(as_of)
    assert frame.index.is_monotonic_increasing and frame.index.is_unique
    if len(frame):
        assert frame["posts"].iloc[0] > 0 and frame["posts"].iloc[-1] > 0


def test_the_plotting_example_draws_with_matplotlib() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from newsmodel.sample import SEED_AS_OF, generate

    corpus = generate(articles=200)
    monthly = counts_per(corpus, "weekly", as_of=SEED_AS_OF)
    ax = monthly["posts"].plot(kind="bar", title="Posts per week")  # the call docs/notebooks.md shows
    try:
        assert len(ax.patches) == len(monthly) and sum(p.get_height() for p in ax.patches) == monthly["posts"].sum()
    finally:
        plt.close(ax.figure)


def test_articles_frame_is_the_corpus_dataframe() -> None:
    corpus = Corpus(site=SEOUL, articles=[Article(id="1", slug="a", title="A", status="draft")])
    pd.testing.assert_frame_equal(articles_frame(corpus), corpus.to_dataframe())
