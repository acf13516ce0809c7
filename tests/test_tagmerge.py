"""merge_similar_tags: near-duplicate spellings merged only when asked, each merge reported."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given, settings

from newsmodel.strategies import corpora
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, Category, Site, Tag
from newsmodel.values.tagmerge import TagMerge, TagMergeReport, merge_similar_tags, similarity_key

SITE = Site(name="S", base_url="https://example.org")
T0 = datetime(2025, 12, 16, tzinfo=timezone.utc)


def _corpus() -> Corpus:
    # A real export's shape: "content" and "Content" are two terms (content, content-2).
    return Corpus(
        site=SITE,
        categories=[Category(id="1", slug="content", name="Content")],
        tags=[
            Tag(id="10", slug="content", name="content"),
            Tag(id="11", slug="kim-jong-un", name="Kim Jong Un"),
            Tag(id="12", slug="content-2", name="Content", description="All about content"),
            Tag(id="13", slug="kim-jong-un-2", name="Kim Jong-un"),
            Tag(id="14", slug="seoul", name="Seoul"),
        ],
        articles=[
            Article(id="1", slug="a", title="A", published=T0, category_ids=("1",), tag_ids=("12", "10", "14")),
            Article(id="2", slug="b", title="B", published=T0, tag_ids=("13",)),
        ],
    )


def test_merges_are_made_and_reported() -> None:
    corpus = _corpus()
    merged, report = merge_similar_tags(corpus)
    assert [(t.id, t.slug, t.name, t.aliases, t.source_ids) for t in merged.tags] == [
        ("10", "content", "content", ("Content",), ("12",)),
        ("11", "kim-jong-un", "Kim Jong Un", ("Kim Jong-un",), ("13",)),
        ("14", "seoul", "Seoul", (), ()),
    ]
    content = merged.tag("10")
    assert content.description == "All about content"
    assert dict(content.extra["merged_slugs"]) == {"12": "content-2"}
    assert merged.article("1").tag_ids == ("10", "14")
    assert merged.article("2").tag_ids == ("11",)
    assert merged.categories == corpus.categories  # a category of the same name is not a tag
    assert report.merges == (
        TagMerge(
            kept_id="10",
            merged_id="12",
            merged_name="Content",
            slug="content-2",
            kept_name="content",
            kept_slug="content",
        ),
        TagMerge(
            kept_id="11",
            merged_id="13",
            merged_name="Kim Jong-un",
            slug="kim-jong-un-2",
            kept_name="Kim Jong Un",
            kept_slug="kim-jong-un",
        ),
    )
    assert report.as_text().splitlines()[0] == (
        "tag 'Content' (id '12', slug 'content-2') merged into 'content' (id '10', slug 'content')"
    )


def test_nothing_to_merge_gives_the_corpus_back() -> None:
    corpus = Corpus(site=SITE, tags=[Tag(id="1", slug="a", name="A")])
    merged, report = merge_similar_tags(corpus)
    assert merged is corpus and report == TagMergeReport() and len(report) == 0


def test_a_key_of_ones_own() -> None:
    merged, report = merge_similar_tags(_corpus(), key=lambda t: t.slug)
    assert len(merged.tags) == 5 and not report.merges


@settings(max_examples=40, deadline=None)
@given(corpora(max_articles=8))
def test_merging_is_idempotent_and_loses_no_name(corpus: Corpus) -> None:
    merged, report = merge_similar_tags(corpus)
    again, second = merge_similar_tags(merged)
    assert again is merged and not second.merges
    names = {t.name for t in corpus.tags} | {a for t in corpus.tags for a in t.aliases}
    assert names == {t.name for t in merged.tags} | {a for t in merged.tags for a in t.aliases}
    assert len(merged.tags) + len(report.merges) == len(corpus.tags)
    assert len({similarity_key(t) for t in merged.tags}) == len(merged.tags)
    for before, after in zip(corpus.articles, merged.articles, strict=True):
        assert len(after.tag_ids) <= len(before.tag_ids)
