"""build_toc: the seed article's TOC, level rules, filters, numbering and output forms."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.bodies.anchors import heading_anchors
from newsmodel.bodies.htmlparse import parse_html
from newsmodel.bodies.render import render_html
from newsmodel.bodies.toc import Toc, TocEntry, build_toc
from newsmodel.values.body import Body, Heading, Paragraph, Text
from newsmodel.values.errors import InvalidValue

DATA = Path(__file__).parent / "data"


def h(level: int, text: str, hid: str | None = None) -> Heading:
    return Heading(level=level, content=(Text(text=text),), id=hid)


def shape(entries: tuple[TocEntry, ...]) -> list[Any]:
    return [(e.level, e.text, shape(e.children)) for e in entries]


def test_seed_article_four_entry_toc() -> None:
    """The seed page's "Table of Contents" has exactly these four entries."""
    body = parse_html((DATA / "seed_article_body.html").read_text(encoding="utf-8"))
    toc = build_toc(body)
    assert toc is not None
    assert [(e.level, e.text, e.anchor, e.children) for e in toc.entries] == [
        (
            2,
            "Prospects for a Trump-Kim Summit in 2026: Analyzing Global Geopolitical Shifts",
            "prospects-for-a-trump-kim-summit-in-2026-analyzing-global-geopolitical-shifts",
            (),
        ),
        (
            2,
            "Seoul’s Dilemma: Navigating U.S.-North Korea Relations Amidst Rising Tensions",
            "seouls-dilemma-navigating-us-north-korea-relations-amidst-rising-tensions",
            (),
        ),
        (
            2,
            "Strategic Recommendations for South Korea: Enhancing Diplomatic Engagement and Regional Stability",
            "strategic-recommendations-for-south-korea-enhancing-diplomatic-engagement-and-regional-stability",
            (),
        ),
        (2, "Closing Remarks", "closing-remarks", ()),
    ]
    # the ids render_html writes are the TOC's anchors
    assert re.findall(r'<h2 id="([^"]+)"', render_html(body)) == list(toc.anchors)


def test_skipped_level_attaches_to_nearest_shallower_without_placeholders() -> None:
    toc = build_toc(Body(blocks=(h(2, "A"), h(4, "A.x.1"), h(3, "A.1"), h(2, "B"))))
    assert toc is not None
    assert shape(toc.entries) == [(2, "A", [(4, "A.x.1", []), (3, "A.1", [])]), (2, "B", [])]


def test_body_starting_at_h3() -> None:
    toc = build_toc(Body(blocks=(h(3, "First"), h(3, "Second"), h(2, "Up"), h(4, "Deep"))))
    assert toc is not None
    assert shape(toc.entries) == [(3, "First", []), (3, "Second", []), (2, "Up", [(4, "Deep", [])])]


def test_levels_filter_and_anchors_stay_those_of_the_whole_body() -> None:
    body = Body(blocks=(h(1, "Title"), h(2, "Intro"), h(3, "Intro"), h(2, "Intro")))
    toc = build_toc(body, min_level=2, max_level=2)
    assert toc is not None
    assert [(e.text, e.anchor) for e in toc] == [("Intro", "intro"), ("Intro", "intro-2")]


def test_exclude_by_pattern() -> None:
    body = Body(blocks=(h(2, "Intro"), h(2, "Advertisement"), h(2, "Related posts"), h(2, "End")))
    toc = build_toc(body, exclude=[r"(?i)^advert", re.compile(r"(?i)related")])
    assert toc is not None
    assert [e.text for e in toc] == ["Intro", "End"]
    assert [e.text for e in build_toc(body, exclude="End") or ()] == ["Intro", "Advertisement", "Related posts"]


def test_min_headings() -> None:
    body = Body(blocks=(h(2, "Only"),))
    assert build_toc(body) is None  # default: a one-entry TOC is not worth showing
    assert build_toc(body, min_headings=1) is not None
    assert build_toc(Body(), min_headings=0) is None  # no headings, no TOC
    seed = parse_html((DATA / "seed_article_body.html").read_text(encoding="utf-8"))
    assert build_toc(seed, min_headings=4) is not None
    assert build_toc(seed, min_headings=5) is None


def test_numbering() -> None:
    body = Body(blocks=(h(2, "A"), h(3, "A1"), h(3, "A2"), h(4, "A2a"), h(2, "B"), h(3, "B1")))
    toc = build_toc(body, numbered=True)
    assert toc is not None
    assert [(e.number, e.text) for e in toc] == [
        ("1", "A"),
        ("1.1", "A1"),
        ("1.2", "A2"),
        ("1.2.1", "A2a"),
        ("2", "B"),
        ("2.1", "B1"),
    ]
    assert all(e.number is None for e in build_toc(body) or ())


def test_html_output_escapes_and_nests() -> None:
    body = Body(blocks=(h(2, "<script>alert(1)</script> & co"), h(3, 'Quote "x"'), h(2, "B")))
    toc = build_toc(body, numbered=True)
    assert toc is not None
    html = toc.to_html(title="Table of Contents")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert html.startswith('<nav class="toc" aria-label="Table of Contents">')
    assert html.count("<ul>") == 2 and html.count("</ul>") == 2
    assert toc._repr_html_() == toc.to_html()
    assert "<ol>" in toc.to_html(ordered=True)
    # our own parser reads the nav back as nested lists of links to the anchors
    parsed = parse_html(html)
    links = re.findall(r'href="#([^"]+)"', html)
    assert links == list(toc.anchors)
    assert parsed.blocks


def test_json_output() -> None:
    toc = build_toc(Body(blocks=(h(2, "A"), h(3, "B"))))
    assert toc is not None
    data = json.loads(toc.to_json())
    assert data == [
        {
            "level": 2,
            "text": "A",
            "anchor": "a",
            "number": None,
            "children": [{"level": 3, "text": "B", "anchor": "b", "number": None, "children": []}],
        }
    ]
    assert toc.to_data() == data
    assert len(toc) == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"min_level": 0},
        {"max_level": 7},
        {"min_level": 4, "max_level": 2},
        {"min_headings": -1},
        {"min_level": True},
        {"exclude": "(unclosed"},
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidValue) as info:
        build_toc(Body(blocks=(h(2, "A"),)), **kwargs)
    assert repr(next(iter(kwargs.values())))[:5] in str(info.value)


def test_deep_and_wide_toc_does_not_recurse() -> None:
    # 3,000 headings stepping down and up: the tree and its HTML are built without recursion
    blocks = tuple(h(1 + (i % 6), f"H {i}") for i in range(3000))
    toc = build_toc(Body(blocks=blocks), numbered=True)
    assert toc is not None
    assert len(toc) == 3000
    assert toc.to_html().count("<li>") == 3000


levels = st.lists(st.integers(min_value=1, max_value=6), max_size=30)


@settings(max_examples=80)
@given(levels=levels, low=st.integers(1, 6), high=st.integers(1, 6))
def test_toc_invariants(levels: list[int], low: int, high: int) -> None:
    """Every heading within the levels appears once, in document order; children are deeper."""
    low, high = min(low, high), max(low, high)
    body = Body(blocks=tuple(h(lv, f"T{i}") for i, lv in enumerate(levels)))
    toc = build_toc(body, min_level=low, max_level=high, min_headings=1, numbered=True)
    selected = [f"T{i}" for i, lv in enumerate(levels) if low <= lv <= high]
    if not selected:
        assert toc is None
        return
    assert toc is not None
    assert [e.text for e in toc] == selected
    anchors = heading_anchors(body)
    assert set(toc.anchors) <= set(anchors)
    assert all(e.anchor for e in toc)
    assert len(set(toc.anchors)) == len(toc.anchors)

    def check(entries: tuple[TocEntry, ...], parent_level: int, prefix: str) -> None:
        for i, e in enumerate(entries, 1):
            assert e.level > parent_level
            assert e.number == f"{prefix}{i}"
            check(e.children, e.level, f"{prefix}{i}.")

    check(toc.entries, 0, "")


def test_toc_of_a_body_with_paragraphs_only_is_none() -> None:
    assert build_toc(Body(blocks=(Paragraph(content=(Text(text="x"),)),))) is None
    assert isinstance(build_toc(Body(blocks=(h(2, "a"), h(2, "b")))), Toc)
