"""Properties of the tag cloud: the index gives the scan's answer for any as_of; sizes in range."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.strategies import aware_datetimes, corpora
from newsmodel.values.body import Body
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, ArticleStatus, Tag
from newsmodel.widgets.tagcloud import TagCloudIndex, tag_cloud

UTC = timezone.utc
T0 = datetime(2025, 1, 1, tzinfo=UTC)
NAMES = ("alpha", "Alpha2", "alpha10", "Beta", "beta", "gamma", "Delta", "x", "X1", "z")


@st.composite
def tagged(draw: st.DrawFn) -> tuple[list[Tag], list[Article], datetime]:
    tags = [Tag(id=f"t{i}", slug=f"t{i}", name=name) for i, name in enumerate(NAMES)]
    n = draw(st.integers(min_value=0, max_value=60))
    articles = [
        Article(
            id=f"a{i}",
            slug=f"a{i}",
            title="T",
            published=T0 + timedelta(hours=draw(st.integers(min_value=0, max_value=50))),
            status=draw(st.sampled_from([ArticleStatus.PUBLISHED] * 4 + [ArticleStatus.DRAFT])),
            tag_ids=tuple(draw(st.lists(st.sampled_from([t.id for t in tags] + ["ghost"]), max_size=5))),
        )
        for i in range(n)
    ]
    as_of = T0 + timedelta(hours=draw(st.integers(min_value=-2, max_value=52)), minutes=draw(st.sampled_from([0, 30])))
    return tags, articles, as_of


@settings(max_examples=100, deadline=None)
@given(
    tagged(),
    st.integers(min_value=0, max_value=12),
    st.sampled_from(["wordpress", "linear"]),
    st.sampled_from(["name", "count"]),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=1, max_value=6),
)
def test_index_equals_scan(
    case: tuple[list[Tag], list[Article], datetime], number: int, scale: str, order: str, step: int, top: int
) -> None:
    tags, articles, as_of = case
    kw: dict[str, Any] = {"as_of": as_of, "number": number, "scale": scale, "order": order}
    scanned = tag_cloud(articles, tags, **kw)
    index = TagCloudIndex(articles, tags, step=step, top=top)
    assert index.tag_cloud(**kw) == scanned
    assert index.tag_cloud(**kw) == scanned  # memoized answer too
    counts = [e.count for e in scanned.entries]
    assert all(8 <= e.size <= 22 and 0 <= e.weight <= 1 for e in scanned.entries)
    if number:
        assert len(counts) <= number
    if counts and len(set(counts)) == 1:
        assert {e.size for e in scanned.entries} == {8}


@settings(max_examples=60, deadline=None)
@given(
    corpora(max_articles=15, body=st.just(Body())),
    aware_datetimes(min_value=datetime(1990, 1, 1)),
    st.integers(min_value=0, max_value=5),
)
def test_corpus_index_equals_scan(corpus: Corpus, as_of: datetime, number: int) -> None:
    index = corpus.cached(TagCloudIndex.build)
    assert index.tag_cloud(as_of=as_of, number=number) == tag_cloud(
        corpus.articles, corpus.tags, as_of=as_of, number=number
    )
