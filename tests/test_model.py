"""Domain types: validation with errors that name the field, and Extra as a frozen JSON mapping."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest

from newsmodel.values.body import Heading, Text
from newsmodel.values.errors import (
    InvalidArticle,
    InvalidDatetime,
    InvalidSite,
    InvalidSlug,
    InvalidValue,
    NewsModelError,
)
from newsmodel.values.model import (
    Article,
    ArticleStatus,
    Author,
    Byline,
    Category,
    Extra,
    Site,
    SourceAttribution,
    Tag,
    thaw,
)

T0 = datetime(2025, 12, 16, 9, 0, tzinfo=timezone.utc)


def test_naive_datetime_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidDatetime, match=r"Article.modified: naive datetime '2025-12-16T09:00:00'"):
        Article(id="1", slug="a", title="A", published=T0, modified=datetime(2025, 12, 16, 9, 0))


def test_published_article_needs_a_date_but_a_draft_does_not() -> None:
    with pytest.raises(InvalidArticle, match="needs a published date"):
        Article(id="1", slug="a", title="A")
    assert Article(id="1", slug="a", title="A", status="draft").published is None


def test_primary_category_must_be_among_categories() -> None:
    with pytest.raises(InvalidArticle, match="primary category 'x'"):
        Article(id="1", slug="a", title="A", published=T0, category_ids=("y",), primary_category_id="x")


@pytest.mark.parametrize(
    "slug", ["", "a b", "a/b", "%e6%97%a5", "100%", "x" * 201, "日" * 23, "a\n", "\u00a0", ".", "..", "a\x00"]
)
def test_bad_slugs(slug: str) -> None:
    with pytest.raises(InvalidSlug, match="is not a slug"):
        Tag(id="1", slug=slug, name="x")


@pytest.mark.parametrize(
    "slug",
    # What WordPress stores (sanitize_title_with_dashes keeps "_" and non-ASCII letters), decoded;
    # "日" * 22 is 198 bytes encoded, "x" * 200 is 200.
    ["copyright-registries-2_0", "日本語テスト", "επίπεδο-2", "서울", "ü", "x" * 200, "日" * 22, "Upper", "a--b"],
)
def test_source_slugs_are_slugs(slug: str) -> None:
    assert Tag(id="1", slug=slug, name="x").slug == slug


def test_errors_are_builtin_errors_too() -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the point is the builtin base
        Tag(id="", slug="a", name="a")
    assert issubclass(InvalidSlug, NewsModelError)


def test_site_validates_timezone_and_week_start() -> None:
    with pytest.raises(InvalidSite, match="unknown IANA time zone 'Mars/Olympus'"):
        Site(name="S", base_url="https://example.org", timezone="Mars/Olympus")
    for bad in (7, -1, True, "0"):
        with pytest.raises(InvalidSite, match="week_start"):
            Site(name="S", base_url="https://example.org", week_start=bad)  # type: ignore[arg-type]
    assert Site(name="S", base_url="https://example.org", timezone="America/Los_Angeles").zone == ZoneInfo(
        "America/Los_Angeles"
    )


def test_status_accepts_its_value() -> None:
    a = Article(id="1", slug="a", title="A", status="scheduled", published=T0)
    assert a.status is ArticleStatus.SCHEDULED
    with pytest.raises(ValueError, match="'live'"):
        Article(id="1", slug="a", title="A", status="live", published=T0)


def test_values_are_frozen_hashable_and_keyword_only() -> None:
    a = Article(id="1", slug="a", title="A", published=T0, bylines=[Byline(author_id="7")], tag_ids=["t"])
    assert a.bylines == (Byline(author_id="7"),) and a.tag_ids == ("t",)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.title = "B"  # type: ignore[misc]
    assert hash(a) == hash(attrs.evolve(a))
    with pytest.raises(TypeError):
        Author("1", "a", "A")  # type: ignore[call-arg]


def test_a_string_is_not_a_list_of_ids() -> None:
    with pytest.raises(InvalidValue, match="got the string 'abc'"):
        Article(id="1", slug="a", title="A", published=T0, tag_ids="abc")


def test_extra_is_a_frozen_json_mapping() -> None:
    e = Extra({"wp": {"post_type": "post", "meta": [1, {"k": "v"}]}})
    assert isinstance(e["wp"], Extra)
    assert e["wp"]["meta"] == (1, Extra({"k": "v"}))
    assert thaw(e) == {"wp": {"post_type": "post", "meta": [1, {"k": "v"}]}}
    assert e == {"wp": {"post_type": "post", "meta": [1, {"k": "v"}]}}
    assert hash(e) == hash(Extra(thaw(e)))
    assert Extra({"a": 1}).merged({"b": 2}) == {"a": 1, "b": 2}
    with pytest.raises(InvalidValue, match=r"extra\.x: non-finite"):
        Extra({"x": float("nan")})
    with pytest.raises(InvalidValue, match=r"extra\.when: datetime"):
        Extra({"when": T0})
    with pytest.raises(InvalidValue, match="key 1"):
        Extra({1: "x"})  # type: ignore[arg-type]


def test_article_extra_is_converted() -> None:
    a = Article(id="1", slug="a", title="A", published=T0, extra={"source": {"id": 5}})
    assert isinstance(a.extra, Extra)
    assert hash(a)


def test_source_line_and_main_category() -> None:
    s = SourceAttribution(headline="Trump-Kim summit likelier in 2026", publisher="The Korea Herald")
    assert s.line == "Trump-Kim summit likelier in 2026 – The Korea Herald"
    assert SourceAttribution(publisher="AP").line == "AP"
    a = Article(id="1", slug="a", title="A", published=T0, category_ids=("x", "y"))
    assert a.main_category_id == "x"
    assert Category(id="c", slug="c", name="C").parent_id is None


def test_heading_level_is_checked() -> None:
    with pytest.raises(InvalidValue, match="heading level"):
        Heading(level=7, content=(Text(text="x"),))


def test_visibility() -> None:
    a = Article(id="1", slug="a", title="A", published=T0)
    assert a.is_visible(T0) and not a.is_visible(datetime(2025, 1, 1, tzinfo=timezone.utc))
    assert not attrs.evolve(a, status=ArticleStatus.PRIVATE).is_visible(T0)
