"""The tag cloud: WordPress 6.8 fixtures, the size formulas, ties and order, bad input."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Any

import pytest

from newsmodel.values.errors import InvalidDatetime, InvalidValue
from newsmodel.values.model import Article, ArticleStatus, Tag
from newsmodel.views.widgets_html import tag_cloud_html
from newsmodel.widgets.tagcloud import TagCloud, TagCloudIndex, natural_key, php_float, tag_cloud
from widget_vectors import WP_SITE, cloud_input, expected_html, normalize, scenarios

UTC = timezone.utc
AS_OF = datetime(2030, 1, 1, tzinfo=UTC)
CLOUD_SCENARIOS = sorted(k for k in scenarios() if k.startswith("tagcloud_"))


def _both(articles: list[Article], tags: list[Tag], **kw: Any) -> TagCloud:
    scanned = tag_cloud(articles, tags, **kw)
    for step in (1, 3, 64):
        for top in (1, 2, 64):
            assert TagCloudIndex(articles, tags, step=step, top=top).tag_cloud(**kw) == scanned
    return scanned


@pytest.mark.parametrize("name", CLOUD_SCENARIOS)
def test_wordpress_wp_generate_tag_cloud_markup(name: str) -> None:
    """WordPress 6.8 wp_generate_tag_cloud() + default_topic_count_scale(): same tags, sizes, markup."""
    spec = scenarios()[name]
    args: dict[str, Any] = spec["args"] or {}
    tags, articles = cloud_input(spec["tags"])
    cloud = _both(
        articles,
        tags,
        as_of=AS_OF,
        number=args.get("number", 0),
        smallest=args.get("smallest", 8),
        largest=args.get("largest", 22),
        unit=args.get("unit", "pt"),
        order="count" if args.get("orderby") == "count" else "name",
    )
    html = tag_cloud_html(
        cloud,
        WP_SITE,
        format="list" if args.get("format") == "list" else "flat",
        show_count=bool(args.get("show_count")),
    )
    assert normalize(html) == normalize(expected_html(name))


def test_seed_page_sizes_1_3_8_35() -> None:
    """The font sizes of a real WordPress tag cloud with counts 1, 3, 8 and 35."""
    tags, articles = cloud_input(
        [{"name": n, "count": c} for n, c in [("law", 1), ("highschool", 3), ("grammar", 8), ("ielts", 35)]]
    )
    cloud = _both(articles, tags, as_of=AS_OF)
    assert [e.size_text for e in cloud.entries] == ["15.222222222222", "11.333333333333", "22", "8"]
    assert [e.name for e in cloud.entries] == ["grammar", "highschool", "ielts", "law"]


def test_wordpress_formula_and_linear_scale() -> None:
    tags, articles = cloud_input([{"name": "a", "count": 1}, {"name": "b", "count": 11}, {"name": "c", "count": 21}])
    wp = _both(articles, tags, as_of=AS_OF)
    logs = [round(math.log10(c + 1) * 100) for c in (1, 11, 21)]
    assert [e.size for e in wp.entries] == [8 + (v - logs[0]) * 14 / (logs[-1] - logs[0]) for v in logs]
    linear = _both(articles, tags, as_of=AS_OF, scale="linear")
    assert [e.size for e in linear.entries] == [8.0, 15.0, 22.0]
    assert [e.weight for e in linear.entries] == [0.0, 0.5, 1.0]


def test_all_equal_counts_give_the_smallest_size() -> None:
    tags, articles = cloud_input([{"name": n, "count": 5} for n in "xyz"])
    for scale in ("wordpress", "linear"):
        cloud = _both(articles, tags, as_of=AS_OF, scale=scale)
        assert {(e.size, e.weight) for e in cloud.entries} == {(8, 0)}


def test_top_n_by_count_ties_by_name_then_shown_by_name() -> None:
    tags, articles = cloud_input(
        [{"name": n, "count": c} for n, c in [("delta", 2), ("Bravo", 3), ("alpha", 3), ("charlie", 3), ("echo", 9)]]
    )
    cloud = _both(articles, tags, as_of=AS_OF, number=3)
    assert [e.name for e in cloud.entries] == ["alpha", "Bravo", "echo"]
    by_count = _both(articles, tags, as_of=AS_OF, number=3, order="count")
    assert [(e.name, e.count) for e in by_count.entries] == [("echo", 9), ("alpha", 3), ("Bravo", 3)]
    assert len(_both(articles, tags, as_of=AS_OF, number=0)) == 5


def test_only_visible_articles_count_and_duplicates_count_once() -> None:
    tag = Tag(id="t", slug="t", name="t")
    t = datetime(2025, 1, 1, tzinfo=UTC)
    posts = [
        Article(id="1", slug="a", title="A", published=t, tag_ids=("t", "t")),
        Article(id="2", slug="b", title="B", published=datetime(2026, 1, 1, tzinfo=UTC), tag_ids=("t",)),
        Article(id="3", slug="c", title="C", status=ArticleStatus.DRAFT, tag_ids=("t",)),
        Article(id="4", slug="d", title="D", published=t, tag_ids=("unknown",)),
    ]
    assert [(e.name, e.count) for e in _both(posts, [tag], as_of=t).entries] == [("t", 1)]
    assert _both(posts, [tag], as_of=datetime(2024, 1, 1, tzinfo=UTC)).entries == ()
    assert tag_cloud_html(_both([], [tag], as_of=t), WP_SITE) == ""


def test_natural_case_insensitive_order() -> None:
    names = ["banana", "apple", "Cherry", "item10", "item9", "Item2", "zebra", "Zulu", "alpha"]
    assert sorted(names, key=natural_key) == [
        "alpha",
        "apple",
        "banana",
        "Cherry",
        "Item2",
        "item9",
        "item10",
        "zebra",
        "Zulu",
    ]


def test_php_float_format() -> None:
    assert php_float(0.8) == "0.8"
    assert php_float(13.085201793721974) == "13.085201793722"
    assert php_float(1e20) == "1.0E+20"


def test_aria_label_counts_use_thousands_separators_and_text_is_escaped() -> None:
    tags, articles = cloud_input([{"name": "China <&>", "count": 2148}, {"name": "x", "count": 1}])
    html = tag_cloud_html(_both(articles, tags, as_of=AS_OF), WP_SITE)
    assert 'aria-label="China &lt;&amp;&gt; (2,148 items)"' in html
    assert ">China &lt;&amp;&gt;</a>" in html


def test_shows_as_html_in_a_notebook() -> None:
    tags, articles = cloud_input([{"name": "solo", "count": 7}])
    html = _both(articles, tags, as_of=AS_OF)._repr_html_()
    assert html.startswith('<div class="newsmodel newsmodel-tag-cloud"><style>')
    assert '</style><a class="tag-cloud-link tag-link-1 tag-link-position-1" style="font-size: 8pt;"' in html


@pytest.mark.parametrize(
    "kwargs",
    [{"number": -1}, {"scale": "log"}, {"smallest": math.nan}, {"unit": "pt;color:red"}, {"order": "random"}],
)
def test_bad_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidValue):
        tag_cloud([], [], as_of=AS_OF, **kwargs)
    with pytest.raises(InvalidValue):
        TagCloudIndex([], []).tag_cloud(as_of=AS_OF, **kwargs)


def test_naive_as_of_is_refused() -> None:
    with pytest.raises(InvalidDatetime):
        tag_cloud([], [], as_of=datetime(2025, 1, 1))
