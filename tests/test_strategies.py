"""The shipped hypothesis strategies make valid values, cover every union member, and valid corpora."""

from __future__ import annotations

import typing

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmodel.strategies import (
    aware_datetimes,
    blocks,
    corpora,
    ids,
    inlines,
    slugs,
    texts,
)
from newsmodel.values.body import Block, Body, Inline, ListBlock, Quote
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, ArticleStatus, is_slug


def _union_types(union: object) -> set[type]:
    return set(typing.get_args(union))


@given(slugs())
def test_slugs_are_slugs(slug: str) -> None:
    assert is_slug(slug)


@given(ids())
def test_ids_are_nonempty(value: str) -> None:
    assert isinstance(value, str)
    assert value


@given(texts())
def test_texts_have_no_lone_surrogates(value: str) -> None:
    value.encode("utf-8")  # raises on a lone surrogate


@given(aware_datetimes())
def test_datetimes_are_aware_with_whole_minute_offsets(value: typing.Any) -> None:
    offset = value.utcoffset()
    assert offset is not None
    assert offset.total_seconds() % 60 == 0


def test_blocks_cover_every_member_of_the_block_union() -> None:
    seen: set[type] = set()

    @settings(max_examples=300, database=None)
    @given(blocks())
    def collect(block: Block) -> None:
        seen.add(type(block))

    collect()
    assert seen == _union_types(Block)


def test_inlines_cover_every_member_of_the_inline_union() -> None:
    seen: set[type] = set()

    @settings(max_examples=300, database=None)
    @given(inlines())
    def collect(node: Inline) -> None:
        seen.add(type(node))

    collect()
    assert seen == _union_types(Inline)


def test_blocks_nest() -> None:
    nested: list[bool] = []

    @settings(max_examples=300, database=None)
    @given(blocks())
    def collect(block: Block) -> None:
        if isinstance(block, (ListBlock, Quote)):
            inner = Body(blocks=(block,))
            nested.append(len(list(inner.walk())) > 1)

    collect()
    assert any(nested)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(corpora())
def test_corpora_are_valid_and_consistent(corpus: Corpus) -> None:
    # The constructor already checked integrity; rebuilding from the parts must also succeed.
    again = Corpus(
        site=corpus.site,
        authors=corpus.authors,
        categories=corpus.categories,
        tags=corpus.tags,
        articles=corpus.articles,
    )
    assert again.articles == corpus.articles
    category_ids = {c.id for c in corpus.categories}
    for article in corpus.articles:
        assert set(article.category_ids) <= category_ids
        if article.primary_category_id is not None:
            assert article.primary_category_id in article.category_ids
        if article.status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
            assert article.published is not None
        assert article.published is None or article.published.tzinfo is not None


def _deepest(corpus: Corpus) -> int:
    return max((corpus.depth(c.id) for c in corpus.categories), default=0)


def _shares_a_tag(corpus: Corpus) -> bool:
    uses = [t for a in corpus.articles for t in a.tag_ids]
    return len(uses) > len(set(uses))


def _has_a_tie(corpus: Corpus) -> bool:
    dates = [a.published for a in corpus.articles if a.published is not None]
    return len(dates) > len(set(dates))


def test_corpora_reach_trees_shared_tags_and_ties() -> None:
    """``corpora()`` produces the shapes the other property tests rely on, often.

    Derandomized (a fixed sequence of examples), so the count cannot flake.
    """
    seen = {"deep": 0, "shared": 0, "tie": 0}

    @settings(
        max_examples=100,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(corpora(min_articles=2, body=st.just(Body())))
    def collect(corpus: Corpus) -> None:
        seen["deep"] += _deepest(corpus) >= 2
        seen["shared"] += _shares_a_tag(corpus)
        seen["tie"] += _has_a_tie(corpus)

    collect()
    assert seen["deep"] >= 5, seen
    assert seen["shared"] >= 5, seen
    assert seen["tie"] >= 5, seen


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(corpora(body=st.just(Body()), max_articles=3))
def test_corpora_body_override(corpus: Corpus) -> None:
    assert all(a.body == Body() for a in corpus.articles)


@settings(max_examples=20)
@given(st.data())
def test_articles_without_refs_build(data: st.DataObject) -> None:
    from newsmodel.strategies import articles

    article = data.draw(articles())
    assert isinstance(article, Article)
