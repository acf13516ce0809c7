"""Word count, reading time, excerpt and first image."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmodel.bodies.htmlparse import parse_html
from newsmodel.bodies.mdparse import parse_markdown
from newsmodel.bodies.textstats import ReadingTime, excerpt, first_image, reading_time, word_count
from newsmodel.values.body import Body, Image, ListBlock, ListItem, Paragraph, Quote, Text
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import Article

DATA = Path(__file__).parent / "data"


def para(text: str) -> Paragraph:
    return Paragraph(content=(Text(text=text),))


def body_of(*texts: str) -> Body:
    return Body(blocks=tuple(para(t) for t in texts))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("one two  three", 3),
        ("Kim Jong-un's U.S. visit — 2026!", 5),
        ("- – — | ...", 0),
        ("서울", 2),  # Hangul counted by character, as Hugo does for CJK
        ("首尔峰会", 4),
        ("ソウルの会議", 6),
        ("Seoul서울", 3),
        ("مرحبا بالعالم", 2),
        ("नमस्ते दुनिया", 2),
        ("", 0),
    ],
)
def test_word_count(text: str, count: int) -> None:
    assert word_count(body_of(text)) == count


def test_word_count_of_the_seed_article() -> None:
    body = parse_html((DATA / "seed_article_body.html").read_text(encoding="utf-8"))
    n = word_count(body)
    assert 900 < n < 1100
    assert reading_time(body) == ReadingTime(minutes=-(-n // 200), words=n, wpm=200)
    assert reading_time(body).iso8601 == f"PT{-(-n // 200)}M"


def test_word_count_counts_nested_blocks_and_not_markup() -> None:
    body = parse_html(
        "<ul><li>a b<ul><li>c</li></ul></li></ul><blockquote><p>d</p></blockquote>"
        "<table><tr><td>e f</td></tr></table><script>var x = 1;</script><!-- g -->"
    )
    assert word_count(body) == 6


@pytest.mark.parametrize(
    ("words", "wpm", "minutes", "iso"),
    [
        (1, 200, 1, "PT1M"),
        (200, 200, 1, "PT1M"),
        (201, 200, 2, "PT2M"),
        (12_000, 200, 60, "PT1H"),
        (13_000, 200, 65, "PT1H5M"),
        (500, 250, 2, "PT2M"),
    ],
)
def test_reading_time(words: int, wpm: int, minutes: int, iso: str) -> None:
    rt = reading_time(body_of("w " * words), wpm=wpm)
    assert (rt.minutes, rt.words, rt.iso8601) == (minutes, words, iso)


def test_reading_time_never_zero_for_a_non_empty_body() -> None:
    assert reading_time(Body(blocks=(Image(src="a.jpg"),))).minutes == 1
    assert reading_time(Body()).minutes == 0


@given(st.lists(st.text(max_size=30), max_size=6), st.integers(1, 1000))
def test_reading_time_properties(texts: list[str], wpm: int) -> None:
    body = body_of(*texts)
    rt = reading_time(body, wpm=wpm)
    assert rt.words == word_count(body)
    assert (rt.minutes == 0) == body.is_empty
    assert rt.minutes * wpm >= rt.words
    assert rt.iso8601.startswith("PT")


@pytest.mark.parametrize("wpm", [0, -5, True, 2.5])
def test_reading_time_refuses_bad_speed(wpm: object) -> None:
    with pytest.raises(InvalidValue, match=repr(wpm)):
        reading_time(Body(), wpm=wpm)  # type: ignore[arg-type]


def test_excerpt_prefers_explicit_then_more_then_cut() -> None:
    body = parse_html("<p>Teaser text.</p><!--more--><p>The rest of it.</p>")
    article = Article(
        id="1",
        slug="a",
        title="A",
        published=datetime(2025, 12, 16, tzinfo=timezone.utc),
        body=body,
        excerpt="  Explicit\n excerpt. ",
    )
    assert excerpt(article) == "Explicit excerpt."
    assert excerpt(attrs.evolve(article, excerpt=None)) == "Teaser text."
    assert excerpt(attrs.evolve(article, excerpt="   ")) == "Teaser text."
    assert excerpt(body_of("Short.")) == "Short."


def test_excerpt_cuts_at_a_sentence_or_a_word() -> None:
    text = "The first sentence is here. The second sentence is considerably longer than the first one."
    assert excerpt(body_of(text), budget=40) == "The first sentence is here."
    assert excerpt(body_of(text), budget=20) == "The first sentence…"
    assert excerpt(body_of("Supercalifragilistic words"), budget=5) == "Supercalifragilistic…"
    assert excerpt(body_of("首尔峰会首尔峰会首尔峰会"), budget=5) == "首尔峰会…"


def test_excerpt_is_plain_text_so_never_mid_entity() -> None:
    body = parse_html("<p>Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#x1F600; and friends forever and ever</p>")
    cut = excerpt(body, budget=22)
    assert cut == "Tom & Jerry <3 été 😀…"
    assert "&" not in excerpt(body, budget=3) or excerpt(body, budget=3).startswith("Tom")


words_text = st.lists(st.text(alphabet="abcdefghij.,!? ", min_size=1, max_size=12), min_size=1, max_size=30).map(
    " ".join
)


@given(text=words_text, budget=st.integers(1, 200))
def test_excerpt_properties(text: str, budget: int) -> None:
    body = body_of(text)
    cut = excerpt(body, budget=budget)
    flat = " ".join(text.split())
    if len(flat) <= budget:
        assert cut == flat
        return
    stem = cut[:-1] if cut.endswith("…") else cut
    assert flat.startswith(stem)
    # never mid-word: the cut ends where the text has a space (trailing commas and dashes dropped)
    rest = flat[len(stem) :].lstrip(",;:–—-")
    assert rest == "" or rest.startswith(" ") or stem == flat.split(" ")[0]
    first_word = flat.split(" ")[0]
    assert len(cut) <= budget or stem == first_word


def test_excerpt_refuses_bad_budget() -> None:
    with pytest.raises(InvalidValue, match="0"):
        excerpt(Body(), budget=0)


def test_excerpt_reads_paragraphs_in_lists_and_quotes() -> None:
    body = Body(
        blocks=(
            Quote(blocks=(para("Quoted lead."),)),
            ListBlock(items=(ListItem(blocks=(para("Item."),)),)),
        )
    )
    assert excerpt(body) == "Quoted lead. Item."


def test_first_image() -> None:
    assert first_image(Body()) is None
    body = parse_markdown("Text\n\n> ![quoted](q.png)\n\n![second](s.png)")
    image = first_image(body)
    assert image is not None and image.src == "q.png"
    html = parse_html('<ul><li>x <img src="in-list.jpg"></li></ul><img src="later.jpg">')
    image = first_image(html)
    assert image is not None and image.src == "in-list.jpg"
