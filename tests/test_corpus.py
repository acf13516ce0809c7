"""The Corpus: integrity checks that name the culprit, and queries checked against plain scans."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.strategies import corpora
from newsmodel.values.body import Body
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import (
    CategoryCycle,
    CorpusError,
    DanglingReference,
    DuplicateId,
    DuplicateSlug,
    InvalidDatetime,
    UnknownId,
)
from newsmodel.values.model import Article, ArticleStatus, Author, Byline, Category, Site, Tag

SITE = Site(name="Capital Cities", base_url="https://example.org", timezone="Asia/Seoul")
T0 = datetime(2025, 12, 16, 9, 0, tzinfo=timezone.utc)
FAST = corpora(body=st.just(Body()), max_articles=15)


def art(id: str, **kw: object) -> Article:
    kw.setdefault("slug", f"a-{id}")
    kw.setdefault("title", f"Article {id}")
    kw.setdefault("published", T0)
    return Article(id=id, **kw)  # type: ignore[arg-type]


def cat(id: str, parent: str | None = None, slug: str | None = None) -> Category:
    return Category(id=id, slug=slug or id, name=id.title(), parent_id=parent)


def key(a: Article) -> tuple[datetime, str]:
    return (a.published or datetime.min.replace(tzinfo=timezone.utc), a.id)


# ---------------------------------------------------------------------- integrity


def test_duplicate_article_ids() -> None:
    with pytest.raises(DuplicateId, match="two articles have the id '1'") as err:
        Corpus(site=SITE, articles=[art("1"), art("1", slug="other")])
    assert err.value.culprit.slug == "other"


def test_duplicate_article_slugs() -> None:
    with pytest.raises(DuplicateSlug, match="share the slug 'same'"):
        Corpus(site=SITE, articles=[art("1", slug="same"), art("2", slug="same")])


def test_two_tags_with_one_slug_are_refused() -> None:
    tags = [Tag(id="1", slug="kim-jong-un", name="Kim Jong Un"), Tag(id="2", slug="kim-jong-un", name="Kim Jong-un")]
    with pytest.raises(DuplicateSlug, match=r"share the slug 'kim-jong-un' \(a slug is one tag"):
        Corpus(site=SITE, tags=tags)


def test_category_slugs_are_unique_per_parent_only() -> None:
    ok = Corpus(site=SITE, categories=[cat("sg"), cat("sg-city", "sg", slug="sg")])
    assert ok.category_by_slug("sg", parent_id="sg").id == "sg-city"
    with pytest.raises(DuplicateSlug, match="under 'p'"):
        Corpus(site=SITE, categories=[cat("p"), cat("a", "p", slug="x"), cat("b", "p", slug="x")])


def test_category_that_is_its_own_grandparent() -> None:
    with pytest.raises(CategoryCycle, match="its own ancestor") as err:
        Corpus(site=SITE, categories=[cat("a", "c"), cat("b", "a"), cat("c", "b")])
    assert err.value.culprit.id in {"a", "b", "c"}


def test_category_that_is_its_own_parent() -> None:
    with pytest.raises(CategoryCycle, match="'a' › 'a'"):
        Corpus(site=SITE, categories=[cat("a", "a")])


def test_dangling_parent() -> None:
    with pytest.raises(DanglingReference, match="parent 'ghost'"):
        Corpus(site=SITE, categories=[cat("a", "ghost")])


def test_article_naming_a_missing_author() -> None:
    with pytest.raises(DanglingReference, match=r"article '1' .* author 'ghost'") as err:
        Corpus(site=SITE, articles=[art("1", bylines=(Byline(author_id="ghost"),))])
    assert isinstance(err.value, LookupError)


@pytest.mark.parametrize("field", ["category_ids", "tag_ids"])
def test_article_naming_a_missing_category_or_tag(field: str) -> None:
    with pytest.raises(DanglingReference, match="ghost"):
        Corpus(site=SITE, articles=[art("1", **{field: ("ghost",)})])


def test_article_naming_a_tag_twice() -> None:
    with pytest.raises(CorpusError, match="names the tag 't' twice"):
        Corpus(site=SITE, tags=[Tag(id="t", slug="t", name="T")], articles=[art("1", tag_ids=("t", "t"))])


def test_wrong_types_are_refused() -> None:
    with pytest.raises(CorpusError, match=r"articles\[0\]: expected Article"):
        Corpus(site=SITE, articles=["not an article"])  # type: ignore[list-item]
    with pytest.raises(CorpusError, match="expected a Site"):
        Corpus(site="site")  # type: ignore[arg-type]


def test_deep_category_path() -> None:
    chain = [cat("c0")] + [cat(f"c{i}", f"c{i - 1}") for i in range(1, 50)]
    corpus = Corpus(site=SITE, categories=reversed(chain))
    assert corpus.depth("c49") == 49
    assert [c.id for c in corpus.path("c49")] == [f"c{i}" for i in range(50)]
    assert len(corpus.descendants("c0")) == 49


# ---------------------------------------------------------------------- lookups


def test_lookups_and_unknown_ids() -> None:
    a = Author(id="7", slug="victoria-jones", name="Victoria Jones")
    corpus = Corpus(site=SITE, authors=[a], articles=[art("1", bylines=(Byline(author_id="7"),))])
    assert corpus.author_by_slug("victoria-jones") is a
    assert corpus.find_article("a-1") is corpus.find_article("1")
    assert corpus.articles_by_author("7") == (corpus.article("1"),)
    with pytest.raises(UnknownId, match="no article with the id '2'"):
        corpus.article("2")
    with pytest.raises(LookupError):
        corpus.tag_by_slug("nothing")
    with pytest.raises(UnknownId, match="at the top level"):
        corpus.category_by_slug("nothing")


def test_same_timestamp_is_ordered_by_id() -> None:
    corpus = Corpus(site=SITE, articles=[art("b"), art("a"), art("c", published=T0 - timedelta(seconds=1))])
    assert [a.id for a in corpus.newest_first()] == ["b", "a", "c"]


def test_undated_drafts_come_last() -> None:
    corpus = Corpus(site=SITE, articles=[art("d", published=None, status="draft"), art("p")])
    assert [a.id for a in corpus.newest_first()] == ["p", "d"]
    assert [a.id for a in corpus.visible(T0)] == ["p"]


def test_offsets_do_not_change_order() -> None:
    seoul = timezone(timedelta(hours=9))
    later_in_seoul = art("x", published=datetime(2025, 12, 16, 18, 0, 1, tzinfo=seoul))  # 09:00:01 UTC
    corpus = Corpus(site=SITE, articles=[later_in_seoul, art("y")])
    assert [a.id for a in corpus.newest_first()] == ["x", "y"]


def test_naive_query_bounds_are_refused() -> None:
    corpus = Corpus(site=SITE)
    with pytest.raises(InvalidDatetime):
        corpus.articles_between(datetime(2025, 1, 1), T0)
    with pytest.raises(InvalidDatetime):
        corpus.visible(datetime(2025, 1, 1))


# ---------------------------------------------------------------------- properties


@settings(max_examples=25, deadline=None)
@given(FAST)
def test_newest_first_is_a_total_order_of_all_articles(corpus: Corpus) -> None:
    newest = corpus.newest_first()
    assert sorted(a.id for a in newest) == sorted(a.id for a in corpus.articles)
    dated = [a for a in newest if a.published is not None]
    assert dated == sorted(dated, key=key, reverse=True)
    assert all(a.published is None for a in newest[len(dated) :])


@settings(max_examples=25, deadline=None)
@given(FAST, st.randoms(use_true_random=False))
def test_queries_do_not_depend_on_input_order(corpus: Corpus, rnd: object) -> None:
    arts = list(corpus.articles)
    rnd.shuffle(arts)  # type: ignore[attr-defined]
    other = Corpus(
        site=corpus.site, authors=corpus.authors, categories=corpus.categories, tags=corpus.tags, articles=arts
    )
    assert other.newest_first() == corpus.newest_first()
    for t in corpus.tags:
        assert other.articles_by_tag(t.id) == corpus.articles_by_tag(t.id)


@settings(max_examples=25, deadline=None)
@given(FAST)
def test_groupings_equal_scans(corpus: Corpus) -> None:
    newest = corpus.newest_first()
    for t in corpus.tags:
        assert corpus.articles_by_tag(t.id) == tuple(a for a in newest if t.id in a.tag_ids)
    for au in corpus.authors:
        assert corpus.articles_by_author(au.id) == tuple(a for a in newest if au.id in a.author_ids)
    for c in corpus.categories:
        below = {c.id} | {d.id for d in corpus.descendants(c.id)}
        assert corpus.articles_by_category(c.id) == tuple(a for a in newest if c.id in a.category_ids)
        assert corpus.articles_by_category(c.id, descendants=True) == tuple(
            a for a in newest if below & set(a.category_ids)
        )


@settings(max_examples=25, deadline=None)
@given(
    FAST,
    # the range every datetime of newsmodel lies in (model.check_datetime), less the span added
    st.datetimes(datetime(2, 1, 1), datetime(9995, 1, 1), timezones=st.just(timezone.utc)),
    st.integers(0, 10**8),
)
def test_date_queries_equal_scans(corpus: Corpus, start: datetime, span: int) -> None:
    end = start + timedelta(seconds=span)
    newest = corpus.newest_first()
    assert corpus.articles_between(start, end) == tuple(
        a for a in newest if a.published is not None and start <= a.published < end
    )
    # posts, published or scheduled (a scheduled post counts once due), dated at or before the cut
    due = (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)
    assert corpus.visible(end) == tuple(
        a for a in newest if a.kind == "post" and a.status in due and a.published is not None and a.published <= end
    )


@pytest.mark.parametrize("edge", [datetime(1, 1, 1, tzinfo=timezone.utc), datetime(9999, 1, 1, tzinfo=timezone.utc)])
def test_date_queries_refuse_bounds_outside_the_model_range(edge: datetime) -> None:
    corpus = Corpus(site=Site(name="S", base_url="https://example.org"))
    with pytest.raises(InvalidDatetime, match="outside years 2 to 9998"):
        corpus.articles_between(edge, edge)
    with pytest.raises(InvalidDatetime, match="outside years 2 to 9998"):
        corpus.visible(edge)


@settings(max_examples=25, deadline=None)
@given(FAST)
def test_tree_operations_agree(corpus: Corpus) -> None:
    for c in corpus.categories:
        path = corpus.path(c.id)
        assert path[-1] == c
        assert path[:-1] == corpus.ancestors(c.id)
        assert corpus.depth(c.id) == len(path) - 1
        assert path[0].parent_id is None
        for parent, child in itertools.pairwise(path):
            assert child.parent_id == parent.id
        for d in corpus.descendants(c.id):
            assert c in corpus.ancestors(d.id)
        assert {d.id for d in corpus.children(c.id)} == {x.id for x in corpus.categories if x.parent_id == c.id}


def test_rows_and_dataframe() -> None:
    corpus = Corpus(
        site=SITE,
        authors=[Author(id="7", slug="v", name="Victoria Jones")],
        categories=[cat("asia"), cat("seoul", "asia")],
        tags=[Tag(id="t", slug="t", name="Summit")],
        articles=[art("1", bylines=(Byline(author_id="7"),), category_ids=("seoul",), tag_ids=("t",))],
    )
    (row,) = corpus.rows()
    assert row["authors"] == ["Victoria Jones"]
    assert row["category_path"] == "Asia › Seoul"
    assert row["tags"] == ["Summit"]
    frame = corpus.to_dataframe()
    assert list(frame["title"]) == ["Article 1"]


def test_cached_factories_are_per_corpus() -> None:
    calls: list[int] = []

    def factory(c: Corpus) -> int:
        calls.append(1)
        return len(c.articles)

    one, two = Corpus(site=SITE, articles=[art("1")]), Corpus(site=SITE)
    assert (one.cached(factory), one.cached(factory), two.cached(factory)) == (1, 1, 0)
    assert len(calls) == 2


def test_evolving_an_article_keeps_checks() -> None:
    a = art("1")
    with pytest.raises(ValueError, match="primary category"):
        attrs.evolve(a, primary_category_id="x")
