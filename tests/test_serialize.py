"""Lossless JSON for every public type: round trips, strictness, unknown fields, error paths."""

from __future__ import annotations

import json
import typing
from datetime import datetime, timedelta, timezone
from typing import Any, Union
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsmodel import strategies as nst
from newsmodel.serialize import UNKNOWN_FIELDS_KEY, dumps, loads, structure, unstructure
from newsmodel.serialize._convert import converter, tag_of
from newsmodel.values.body import (
    Block,
    Body,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    ListBlock,
    ListItem,
    Paragraph,
    Text,
    ThematicBreak,
)
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import NewsModelError, SerializationError
from newsmodel.values.model import (
    Article,
    ArticleStatus,
    Author,
    Byline,
    Category,
    Extra,
    FeatureImage,
    Permalinks,
    Site,
    SocialProfile,
    SourceAttribution,
    Tag,
)

SEOUL = timezone(timedelta(hours=9))
WHEN = datetime(2025, 12, 16, 9, 0, tzinfo=SEOUL)


def roundtrip(value: Any, tp: Any) -> None:
    text = dumps(value)
    assert loads(text, tp) == value
    data = unstructure(value)
    assert structure(data, tp) == value
    assert json.loads(text) == data  # unstructure is exactly the JSON, as Python data


# --------------------------------------------------------------------------- round trips, all types

TYPES: list[tuple[str, Any, Any]] = [
    ("site", nst.sites(), Site),
    ("permalinks", nst.permalinks(), Permalinks),
    ("author", nst.authors(), Author),
    ("social", nst.social_profiles(), SocialProfile),
    ("category", nst.categories(), Category),
    ("tag", nst.tags(), Tag),
    ("byline", nst.bylines(), Byline),
    ("feature_image", nst.feature_images(), FeatureImage),
    ("source", nst.source_attributions(), SourceAttribution),
    ("extra", nst.extras(), Extra),
    ("body", nst.bodies(), Body),
    ("block", nst.blocks(), Block),
    ("inline", nst.inlines(), Inline),
]


@pytest.mark.parametrize(("name", "strategy", "tp"), TYPES, ids=[t[0] for t in TYPES])
def test_roundtrip_every_type(name: str, strategy: st.SearchStrategy[Any], tp: Any) -> None:
    @settings(max_examples=60, deadline=None)
    @given(strategy)
    def check(value: Any) -> None:
        roundtrip(value, tp)

    check()


@settings(max_examples=80, deadline=None)
@given(nst.articles())
@example(
    Article(
        id="1",
        slug="a",
        title="\x00\u2028\U0001f600 — « quotes » \"'\\",
        published=WHEN,
        body=Body(blocks=(ListBlock(items=(ListItem(blocks=(ListBlock(items=(), ordered=True, start=3),)),)),)),
        extra={"n": [1.5, -0.0, 10**30, None, {"x": True}]},
    )
)
def test_roundtrip_articles(article: Article) -> None:
    roundtrip(article, Article)


@settings(max_examples=80, deadline=None)
@given(nst.articles())
def test_datetimes_keep_their_utc_offset_exactly(article: Article) -> None:
    back = loads(dumps(article), Article)
    for name in ("published", "modified"):
        before, after = getattr(article, name), getattr(back, name)
        if before is None:
            assert after is None
        else:
            assert after.utcoffset() == before.utcoffset()
            assert after.isoformat() == before.isoformat()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(nst.corpora())
def test_roundtrip_corpora_as_one_json_value(corpus: Corpus) -> None:
    back = loads(dumps(corpus), Corpus)
    assert back.site == corpus.site
    assert back.authors == corpus.authors
    assert back.tags == corpus.tags
    assert back.articles == corpus.articles
    assert set(back.categories) == set(corpus.categories)


def test_zone_names_are_not_kept_but_instants_and_offsets_are() -> None:
    ny = ZoneInfo("America/New_York")
    # 01:30 on 2025-11-02 happens twice in New York; fold=1 is the second time (EST, -05:00).
    for fold in (0, 1):
        when = datetime(2025, 11, 2, 1, 30, tzinfo=ny, fold=fold)
        article = Article(id="1", slug="a", title="A", published=when)
        back = loads(dumps(article), Article)
        assert back.published is not None
        assert back.published.tzinfo != ny  # a fixed offset, not the zone
        assert back.published.utcoffset() == when.utcoffset()
        assert back.published.timestamp() == when.timestamp()
        assert back.published.astimezone(timezone.utc) == when.astimezone(timezone.utc)


def test_shape_of_the_json() -> None:
    article = Article(
        id="7",
        slug="summit",
        title="Summit",
        published=WHEN,
        status=ArticleStatus.SCHEDULED,
        body=Body(blocks=(Heading(level=2, content=(Text(text="Closing"),)),)),
        extra={"wp:id": 7},
    )
    data = unstructure(article)
    assert list(data)[:3] == ["id", "slug", "title"]
    assert data["published"] == "2025-12-16T09:00:00+09:00"
    assert data["status"] == "scheduled"
    assert data["extra"] == {"wp:id": 7}
    assert data["body"] == {
        "blocks": [{"type": "heading", "level": 2, "content": [{"type": "text", "text": "Closing"}], "id": None}]
    }


# --------------------------------------------------------------------------- tagged unions


def test_tags_are_derived_from_the_union_members() -> None:
    for union in (Block, Inline):
        members = typing.get_args(union)
        tags = [tag_of(m) for m in members]
        assert len(set(tags)) == len(members)
        for member in members:
            assert converter.get_unstructure_hook(union) is not None
            assert tag_of(member) == "".join(
                ("_" + c.lower()) if c.isupper() and i else c.lower() for i, c in enumerate(member.__name__)
            )


@attrs.frozen(kw_only=True)
class Video:
    """A block type that body.py does not have: the tag table must follow any union."""

    url: str
    caption: tuple[Inline, ...] = ()


@attrs.frozen(kw_only=True)
class Holder:
    blocks: tuple[Union[Paragraph, Video], ...]


def test_a_new_union_member_gets_a_tag_without_any_table_to_edit() -> None:
    holder = Holder(blocks=(Paragraph(content=(Text(text="x"),)), Video(url="https://v", caption=(LineBreak(),))))
    data = unstructure(holder)
    assert [b["type"] for b in data["blocks"]] == ["paragraph", "video"]
    assert structure(data, Holder) == holder


def test_unknown_block_type_is_refused_with_its_path() -> None:
    data = {"blocks": [{"type": "paragraph", "content": []}, {"type": "hologram", "content": []}]}
    with pytest.raises(SerializationError, match=r"^body\.blocks\[1\]\.type: unknown type 'hologram'"):
        structure(data, Body)


def test_missing_tag_is_refused() -> None:
    with pytest.raises(SerializationError, match=r"^body\.blocks\[0\]: missing the 'type' field"):
        structure({"blocks": [{"content": []}]}, Body)


def test_empty_nodes_keep_their_identity() -> None:
    body = Body(blocks=(ThematicBreak(), Paragraph(content=(LineBreak(),))))
    assert unstructure(body)["blocks"][0] == {"type": "thematic_break"}
    roundtrip(body, Body)


# --------------------------------------------------------------------------- strictness (cattrs traps)

ARTICLE = {"id": "1", "slug": "summit", "title": "Summit", "published": "2025-12-16T09:00:00+09:00"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sticky", "false", r"article\.sticky: expected true or false, got the string 'false'"),
        ("sticky", 1, r"article\.sticky: expected true or false, got the number 1"),
        ("tag_ids", ["a", None], r"article\.tag_ids\[1\]: expected a string, got null"),
        ("tag_ids", "kim-jong-un", r"article\.tag_ids: expected a list, got the string 'kim-jong-un'"),
        ("title", 5, r"article\.title: expected a string, got the number 5"),
        ("subtitle", ["x"], r"article\.subtitle: expected a string or null, got a list of 1"),
        ("published", "2025-12-16T09:00:00", r"article\.published: naive datetime '2025-12-16T09:00:00'"),
        ("published", "2025-12-16", r"article\.published: naive datetime '2025-12-16'"),
        ("published", "yesterday", r"article\.published: invalid date-time 'yesterday'"),
        ("published", 1765843200, r"article\.published: expected an ISO 8601 date-time string, got the number"),
        ("status", "live", r"article\.status: 'live' is not one of 'draft', 'pending'"),
        ("slug", "Bad Slug", r"article\.slug: 'Bad Slug' is not a slug"),
        ("id", "", r"article\.id: id must be a non-empty string"),
        ("bylines", [{"author_id": "v", "role": None}], r"article\.bylines\[0\]\.role: expected a string, got null"),
        ("extra", [], r"article\.extra: expected an object, got a list of 0"),
        ("feature_image", {"url": "u", "width": 2.7}, r"article\.feature_image\.width: expected an integer or null"),
        ("primary_category_id", "x", r"article\.primary_category_id: Article '1': primary category 'x' is not among"),
    ],
)
def test_no_coercion_and_errors_name_the_field_path(field: str, value: Any, message: str) -> None:
    with pytest.raises(SerializationError, match="^" + message) as info:
        structure({**ARTICLE, field: value}, Article)
    assert isinstance(info.value, NewsModelError)
    assert isinstance(info.value, ValueError)


def test_heading_level_is_strict_in_nested_body() -> None:
    data = {**ARTICLE, "body": {"blocks": [{"type": "list_block", "items": [{"blocks": [
        {"type": "heading", "level": 2.7, "content": []}]}]}]}}  # fmt: skip
    with pytest.raises(SerializationError) as info:
        structure(data, Article)
    assert str(info.value).startswith("article.body.blocks[0].items[0].blocks[0].level: expected an integer")
    assert info.value.path == "article.body.blocks[0].items[0].blocks[0].level"


def test_missing_required_field() -> None:
    with pytest.raises(SerializationError, match=r"^article: missing the required field 'slug'"):
        structure({"id": "1", "title": "t"}, Article)


def test_defaults_fill_missing_optional_fields() -> None:
    article = structure(ARTICLE, Article)
    assert article == Article(id="1", slug="summit", title="Summit", published=WHEN)


def test_z_suffix_is_utc() -> None:
    article = structure({**ARTICLE, "published": "2025-12-16T00:00:00Z"}, Article)
    assert article.published is not None
    assert article.published.utcoffset() == timedelta(0)


def test_not_an_object() -> None:
    with pytest.raises(SerializationError, match=r"^article: expected an object, got a list of 0"):
        structure([], Article)


def test_invalid_json_text() -> None:
    with pytest.raises(SerializationError, match="invalid JSON"):
        loads('{"id": ', Article)


def test_hooks_are_built_once() -> None:
    assert converter.get_structure_hook(Article) is converter.get_structure_hook(Article)
    assert converter.get_unstructure_hook(Article) is converter.get_unstructure_hook(Article)


# --------------------------------------------------------------------------- unknown fields


def test_unknown_fields_are_kept_in_extra_and_written_back_where_they_were() -> None:
    data = {
        **ARTICLE,
        "paywall": {"tier": 2},
        "feature_image": {"url": "u", "focal_point": [0.5, 0.25]},
        "body": {"blocks": [{"type": "paragraph", "content": [{"type": "text", "text": "x", "lang": "ko"}]}]},
        "extra": {"wp:id": 7},
    }
    article = structure(data, Article)
    assert article.extra[UNKNOWN_FIELDS_KEY] == {
        "paywall": {"tier": 2},
        "feature_image.focal_point": (0.5, 0.25),
        "body.blocks[0].content[0].lang": "ko",
    }
    assert article.extra["wp:id"] == 7
    again = unstructure(article)
    assert again["paywall"] == {"tier": 2}
    assert again["feature_image"]["focal_point"] == [0.5, 0.25]
    assert again["body"]["blocks"][0]["content"][0]["lang"] == "ko"
    assert again["extra"] == {"wp:id": 7}
    assert structure(again, Article) == article
    assert "paywall" not in data or data["paywall"] == {"tier": 2}  # the caller's data is not changed
    assert data["feature_image"] == {"url": "u", "focal_point": [0.5, 0.25]}


def test_unknown_fields_that_no_longer_fit_stay_in_extra() -> None:
    article = Article(
        id="1",
        slug="a",
        title="A",
        published=WHEN,
        extra={UNKNOWN_FIELDS_KEY: {"title": "clash", "feature_image.focal_point": 1, "later": True}},
    )
    data = unstructure(article)
    assert data["later"] is True
    assert data["extra"][UNKNOWN_FIELDS_KEY] == {"title": "clash", "feature_image.focal_point": 1}
    roundtrip(article, Article)


@given(nst.articles(), st.dictionaries(st.sampled_from(["x", "y.z", "feature_image.q", "a[0]"]), st.integers()))
@settings(max_examples=60, deadline=None)
def test_any_unknown_bag_round_trips(article: Article, bag: dict[str, int]) -> None:
    article = attrs.evolve(article, extra=article.extra.merged({UNKNOWN_FIELDS_KEY: bag}))
    roundtrip(article, Article)


def test_strict_mode_refuses_unknown_fields_with_their_path() -> None:
    data = {**ARTICLE, "feature_image": {"url": "u", "focal_point": [0.5, 0.25]}}
    with pytest.raises(SerializationError, match=r"^article\.feature_image\.focal_point: unknown field"):
        structure(data, Article, strict=True)
    with pytest.raises(SerializationError, match=r"^article\.paywall: unknown field"):
        loads(json.dumps({**ARTICLE, "paywall": 1}), Article, strict=True)


def test_types_without_extra_refuse_unknown_fields_even_leniently() -> None:
    with pytest.raises(SerializationError, match=r"^heading\.anchor: unknown field.*has no extra field"):
        structure({"type": "heading", "level": 2, "content": [], "anchor": "x"}, Heading)


# --------------------------------------------------------------------------- unicode


@given(nst.texts(max_size=200))
@settings(max_examples=200)
def test_any_unicode_text_round_trips(text: str) -> None:
    roundtrip(Text(text=text), Inline)
    roundtrip(Emphasis(children=(Text(text=text),)), Inline)


def test_lone_surrogates_are_refused_with_the_path() -> None:
    article = Article(
        id="1", slug="a", title="fine", published=WHEN, body=Body(blocks=(Paragraph(content=(Text(text="x\udc80"),)),))
    )
    with pytest.raises(SerializationError, match=r"^article\.body\.blocks\[0\]\.content\[0\]\.text: .*lone surrogate"):
        dumps(article)
    with pytest.raises(SerializationError, match="invalid JSON"):
        loads('{"type": "text", "text": "\\udc80"}', Inline)


def test_dumps_indent() -> None:
    text = dumps(Byline(author_id="v"), indent=2)
    assert text == '{\n  "author_id": "v",\n  "role": "author"\n}'


@attrs.frozen(kw_only=True)
class Node:
    """A self-referencing type: children and an optional parent of its own type."""

    name: str
    children: tuple[Node, ...] = ()
    twin: Node | None = None


def test_recursive_types() -> None:
    leaf = Node(name="leaf")
    tree = Node(name="root", children=(leaf, Node(name="mid", children=(leaf,), twin=leaf)), twin=leaf)
    roundtrip(tree, Node)
    roundtrip((tree, leaf), tuple[Node, ...])
