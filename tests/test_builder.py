"""CorpusBuilder: tags that slug the same become one tag, keeping every name and id."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsmodel.builder import CorpusBuilder
from newsmodel.errors import DuplicateId
from newsmodel.model import Article, Category, Site, Tag

SITE = Site(name="S", base_url="https://example.org")
T0 = datetime(2025, 12, 16, tzinfo=timezone.utc)


def test_near_duplicate_tags_merge_and_articles_follow() -> None:
    b = CorpusBuilder(SITE)
    b.add_tag_named("Kim Jong Un", id="10")
    b.add_tag_named("Kim Jong-un", id="11")
    b.add_tag(Tag(id="12", slug="kim-jong-un", name="KIM JONG UN", aliases=("Kim Jong-Un",), source_ids=("99",)))
    b.add_article(Article(id="1", slug="a", title="A", published=T0, tag_ids=("11", "12", "10")))
    b.add_article(Article(id="2", slug="b", title="B", published=T0, tag_ids=("99",)))
    corpus = b.build()
    (tag,) = corpus.tags
    assert (tag.id, tag.name) == ("10", "Kim Jong Un")
    assert tag.aliases == ("Kim Jong-un", "KIM JONG UN", "Kim Jong-Un")
    assert tag.source_ids == ("11", "12", "99")
    assert corpus.article("1").tag_ids == ("10",)
    assert corpus.article("2").tag_ids == ("10",)
    assert [(m.kept_id, m.merged_id) for m in b.merges] == [("10", "11"), ("10", "12")]
    assert b.tag_id("12") == "10"


def test_adding_the_same_tag_twice_is_harmless() -> None:
    b = CorpusBuilder(SITE)
    t = Tag(id="1", slug="x", name="X")
    assert b.add_tag(t) == b.add_tag(t) == t
    assert b.build().tags == (t,)


def test_duplicate_ids_are_refused() -> None:
    b = CorpusBuilder(SITE)
    b.add_tag(Tag(id="1", slug="x", name="X"))
    with pytest.raises(DuplicateId):
        b.add_tag(Tag(id="1", slug="y", name="Y"))
    b.add_article(Article(id="1", slug="a", title="A", published=T0))
    with pytest.raises(DuplicateId):
        b.add_article(Article(id="1", slug="b", title="B", published=T0))


def test_children_may_come_before_parents() -> None:
    b = CorpusBuilder(SITE)
    b.add_category(Category(id="seoul", slug="seoul", name="Seoul", parent_id="korea"))
    b.add_category(Category(id="korea", slug="korea", name="Korea", parent_id="asia"))
    b.add_category(Category(id="asia", slug="asia", name="Asia"))
    corpus = b.build()
    assert [c.id for c in corpus.categories] == ["asia", "korea", "seoul"]
    assert corpus.depth("seoul") == 2
