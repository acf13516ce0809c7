"""CorpusBuilder: a tag is its slug (as WordPress's importer looks terms up); alike names stay apart."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsmodel.values.builder import CorpusBuilder
from newsmodel.values.errors import DuplicateId
from newsmodel.values.model import Article, Category, Site, Tag

SITE = Site(name="S", base_url="https://example.org")
T0 = datetime(2025, 12, 16, tzinfo=timezone.utc)


def test_near_duplicate_names_stay_two_tags() -> None:
    # wp_insert_term keeps "Kim Jong-un" apart from "Kim Jong Un" and gives it a unique slug
    # (wp_unique_term_slug): the seed page's two tags.
    b = CorpusBuilder(SITE)
    b.add_tag_named("Kim Jong Un", id="10")
    b.add_tag_named("Kim Jong-un", id="11")
    assert b.add_tag_named("kim jong un").id == "10"  # a name is compared without case
    b.add_article(Article(id="1", slug="a", title="A", published=T0, tag_ids=("11", "10")))
    corpus = b.build()
    assert [(t.id, t.slug, t.name, t.aliases) for t in corpus.tags] == [
        ("10", "kim-jong-un", "Kim Jong Un", ()),
        ("11", "kim-jong-un-2", "Kim Jong-un", ()),
    ]
    assert corpus.article("1").tag_ids == ("11", "10")
    assert b.merges == []


def test_a_tag_with_a_slug_already_added_is_that_tag() -> None:
    # The WordPress importer's process_tag looks the slug up (term_exists) and maps the second
    # term id onto the existing term; nothing becomes an alias.
    b = CorpusBuilder(SITE)
    b.add_tag(Tag(id="10", slug="kim-jong-un", name="Kim Jong Un"))
    b.add_tag(Tag(id="12", slug="kim-jong-un", name="KIM JONG UN", source_ids=("99",)))
    b.add_article(Article(id="1", slug="a", title="A", published=T0, tag_ids=("12", "10")))
    b.add_article(Article(id="2", slug="b", title="B", published=T0, tag_ids=("99",)))
    corpus = b.build()
    (tag,) = corpus.tags
    assert (tag.id, tag.name, tag.aliases, tag.source_ids) == ("10", "Kim Jong Un", (), ("12", "99"))
    assert corpus.article("1").tag_ids == ("10",)
    assert corpus.article("2").tag_ids == ("10",)
    assert [(m.kept_id, m.merged_id, m.merged_name) for m in b.merges] == [("10", "12", "KIM JONG UN")]
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
