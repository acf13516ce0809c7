"""The one rule of which articles count (``Article.counts_from`` / ``is_visible``) agrees with
every widget and index, and the timeline helpers keep their old import paths for a release."""

from __future__ import annotations

import importlib
from collections import Counter
from datetime import datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidDatetime
from newsmodel.values.model import Article, ArticleStatus, Tag
from newsmodel.values.timeline import Timeline, check_as_of, counts, published_timeline, time_key
from newsmodel.widgets.archives import ArchiveIndex, archives
from newsmodel.widgets.calendar import CalendarIndex, month_calendar
from newsmodel.widgets.navigation import navigation_index, recent
from newsmodel.widgets.tagcloud import TagCloudIndex, tag_cloud
from newsmodel.widgets.taxonomy import category_counts, taxonomy_index
from widget_strategies import SITE, as_ofs, corpora

UTC = timezone.utc
T = datetime(2025, 12, 16, 9, tzinfo=UTC)


def _counted(corpus: Corpus, as_of: datetime) -> list[Article]:
    return [a for a in corpus.articles if counts(a, as_of)]


@pytest.mark.parametrize(
    ("status", "published", "as_of", "expected"),
    [
        (ArticleStatus.PUBLISHED, T, T, True),
        (ArticleStatus.PUBLISHED, T, T - timedelta(microseconds=1), False),
        (ArticleStatus.SCHEDULED, T, T + timedelta(days=1), True),
        (ArticleStatus.SCHEDULED, T, T, True),
        (ArticleStatus.SCHEDULED, T, T - timedelta(microseconds=1), False),
        (ArticleStatus.PRIVATE, T, T + timedelta(days=1), False),
        (ArticleStatus.PENDING, T, T + timedelta(days=1), False),
        (ArticleStatus.DRAFT, None, T, False),
        (ArticleStatus.DRAFT, T, T, False),
    ],
)
def test_the_rule(status: ArticleStatus, published: datetime | None, as_of: datetime, expected: bool) -> None:
    article = Article(id="1", slug="a", title="A", status=status, published=published)
    assert counts(article, as_of) is expected
    assert article.is_visible(as_of) is expected
    assert (article.counts_from is not None) is (status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED))
    # a page (or any kind other than post) never counts, whatever its status and date
    page = attrs.evolve(article, kind="page")
    assert page.counts_from is None
    assert counts(page, as_of) is False
    assert page.is_public(as_of) is expected


@settings(max_examples=60, deadline=None)
@given(corpora(), as_ofs)
def test_archives_and_calendar_count_what_the_rule_counts(corpus: Corpus, as_of: datetime) -> None:
    expected = len(_counted(corpus, as_of))
    assert sum(p.count for p in archives(corpus.articles, SITE, as_of=as_of, period="daily")) == expected
    assert sum(p.count for p in ArchiveIndex.build(corpus).archives(as_of=as_of, period="daily")) == expected
    index = CalendarIndex.build(corpus)
    days: Counter[tuple[int, int]] = Counter()
    for a in _counted(corpus, as_of):
        local = a.published.astimezone(SITE.zone)  # type: ignore[union-attr]
        days[(local.year, local.month)] += 1
    for (year, month), n in days.items():
        scan = month_calendar(corpus.articles, SITE, year=year, month=month, as_of=as_of)
        assert sum(d.count for d in scan.days) == n
        assert sum(d.count for d in index.month_calendar(year=year, month=month, as_of=as_of).days) == n


@settings(max_examples=60, deadline=None)
@given(corpora(), as_ofs, st.data())
def test_tag_cloud_counts_what_the_rule_counts(corpus: Corpus, as_of: datetime, data: st.DataObject) -> None:
    tags = [Tag(id="t0", slug="t0", name="T0"), Tag(id="t1", slug="t1", name="T1")]
    articles = [
        Article(
            id=a.id,
            slug=a.slug,
            title=a.title,
            status=a.status,
            published=a.published,
            tag_ids=tuple(data.draw(st.lists(st.sampled_from(["t0", "t1"]), unique=True))),
        )
        for a in corpus.articles
    ]
    expected = Counter(t for a in articles if counts(a, as_of) for t in a.tag_ids)
    index = TagCloudIndex.from_articles(articles, tags)
    for cloud in (tag_cloud(articles, tags, as_of=as_of), index.tag_cloud(as_of=as_of)):
        assert {e.tag_id: e.count for e in cloud.entries} == dict(expected)


@settings(max_examples=60, deadline=None)
@given(corpora(), as_ofs)
def test_navigation_taxonomy_and_corpus_count_what_the_rule_counts(corpus: Corpus, as_of: datetime) -> None:
    counted = {a.id for a in _counted(corpus, as_of)}
    n = len(corpus.articles)
    assert {a.id for a in recent(corpus.articles, as_of=as_of, limit=n)} == counted
    assert {a.id for a in navigation_index(corpus).recent(as_of=as_of, limit=n)} == counted
    assert {a.id for a in corpus.visible(as_of)} == counted
    filed = Counter(c for a in corpus.articles if a.id in counted for c in a.category_ids)
    scan = category_counts(corpus.categories, corpus.articles, as_of=as_of)
    assert {c: direct for c, (direct, _) in scan.items() if direct} == dict(filed)
    indexed = taxonomy_index(corpus).all_counts(as_of=as_of)
    assert {c: direct for c, (direct, _) in indexed.items() if direct} == dict(filed)


@settings(max_examples=60, deadline=None)
@given(corpora())
def test_timeline_holds_the_counted_articles_in_order(corpus: Corpus) -> None:
    line = corpus.cached(published_timeline)
    expected = sorted((a for a in corpus.articles if a.counts_from is not None), key=lambda a: (a.published, a.id))
    assert line.articles == expected
    assert list(line.times) == [time_key(a.published) for a in expected]  # type: ignore[arg-type]


def test_check_as_of_refuses_naive() -> None:
    with pytest.raises(InvalidDatetime, match="as_of: expected an aware datetime"):
        check_as_of(datetime(2025, 1, 1))
    assert check_as_of(T) is T


def test_old_import_paths_still_work() -> None:
    archives_module = importlib.import_module("newsmodel.widgets.archives")
    taxonomy = importlib.import_module("newsmodel.widgets.taxonomy")

    assert taxonomy.Timeline is Timeline
    assert taxonomy.published_timeline is published_timeline
    assert taxonomy.time_key is time_key
    assert taxonomy.check_as_of is check_as_of
    assert archives_module.check_as_of is check_as_of
