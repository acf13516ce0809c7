"""Properties of heading anchors: unique, never empty, stable under appending, non-Latin kept."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsmodel.bodies.anchors import ANCHOR_STYLES, Slugger, anchors_for, github_slug, heading_anchors
from newsmodel.values.body import Body, Heading, Text
from newsmodel.values.errors import InvalidValue, NewsModelError

heading_texts = st.text(
    alphabet=st.characters(codec="utf-8"),
    max_size=40,
) | st.sampled_from(["Intro", "Intro", "intro-1", "Intro 1", "!!!", "🎉", "", " ", "서울", "中文", "مرحبا", "नमस्ते"])

ids = st.none() | st.sampled_from(["intro", "intro-1", "section", "_1", "Intro", "x"])


def _body(texts: list[str], given_ids: list[str | None] | None = None) -> Body:
    given_ids = given_ids or [None] * len(texts)
    return Body(
        blocks=tuple(
            Heading(level=2, content=(Text(text=t),) if t else (), id=i) for t, i in zip(texts, given_ids, strict=True)
        )
    )


@pytest.mark.parametrize("style", ANCHOR_STYLES)
@settings(max_examples=60)
@given(texts=st.lists(heading_texts, max_size=12))
@example(texts=["!!!", "???", "🎉", "", "section", "section"])
def test_anchors_are_unique_and_never_empty(style: str, texts: list[str]) -> None:
    anchors = heading_anchors(_body(texts), style=style)
    assert len(anchors) == len(texts)
    assert all(anchors)
    assert len(set(anchors)) == len(anchors)


@pytest.mark.parametrize("style", ANCHOR_STYLES)
@settings(max_examples=60)
@given(texts=st.lists(heading_texts, max_size=10), extra=heading_texts)
@example(texts=["Intro", "Intro"], extra="Intro 1")
@example(texts=["echo", "echo 1"], extra="echo-1")
def test_appending_a_heading_never_changes_earlier_anchors(style: str, texts: list[str], extra: str) -> None:
    before = heading_anchors(_body(texts), style=style)
    after = heading_anchors(_body([*texts, extra]), style=style)
    assert after[: len(before)] == before


@pytest.mark.parametrize("style", ANCHOR_STYLES)
@settings(max_examples=60)
@given(data=st.lists(st.tuples(heading_texts, ids), max_size=10))
def test_given_ids_are_kept_and_reserved(style: str, data: list[tuple[str, str | None]]) -> None:
    texts = [t for t, _ in data]
    given_ids = [i for _, i in data]
    anchors = heading_anchors(_body(texts, given_ids), style=style)
    kept = {i for i in given_ids if i}
    for anchor, gid in zip(anchors, given_ids, strict=True):
        if gid:
            assert anchor == gid
        else:
            assert anchor not in kept
    generated = [a for a, g in zip(anchors, given_ids, strict=True) if not g]
    assert len(set(generated)) == len(generated)


@given(text=heading_texts)
def test_github_slug_is_idempotent_on_its_output(text: str) -> None:
    once = github_slug(text)
    assert github_slug(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("한국어 제목", "한국어-제목"),
        ("中文标题", "中文标题"),
        ("مرحبا بالعالم", "مرحبا-بالعالم"),
        ("नमस्ते दुनिया", "नमस्ते-दुनिया"),
        ("Привет мир", "привет-мир"),
    ],
)
def test_github_style_keeps_non_latin_text(text: str, expected: str) -> None:
    assert heading_anchors(_body([text])) == (expected,)


def test_fallbacks_for_headings_without_letters() -> None:
    texts = ["🎉", "!!!", "🎉"]
    assert heading_anchors(_body(texts)) == ("section", "section-1", "section-2")
    assert heading_anchors(_body(texts), style="python-markdown") == ("_1", "_2", "_3")
    assert heading_anchors(_body(texts), style="hugo") == ("section", "section-1", "section-2")


def test_a_given_id_that_looks_generated_is_skipped_by_later_headings() -> None:
    body = _body(["Intro", "Intro"], ["intro-1", None])
    assert heading_anchors(body) == ("intro-1", "intro")
    body = _body(["Intro", "Intro", "x"], [None, None, "intro-1"])
    assert heading_anchors(body) == ("intro", "intro-2", "intro-1")


def test_unknown_style_is_refused_with_its_name() -> None:
    with pytest.raises(InvalidValue, match="'gitlab'") as info:
        heading_anchors(_body(["x"]), style="gitlab")
    assert isinstance(info.value, NewsModelError) and isinstance(info.value, ValueError)
    with pytest.raises(InvalidValue):
        Slugger("gitlab")


def test_anchors_for_reserves() -> None:
    assert anchors_for(["A", "A"], reserved=["a"]) == ("a-1", "a-2")


def test_long_heading_is_linear_and_complete() -> None:
    text = "word " * 2000
    (anchor,) = heading_anchors(_body([text]))
    assert anchor == ("word-" * 2000)


# --------------------------------------------------------------------------- layering

CORE = ["bodies/anchors.py", "bodies/toc.py", "bodies/render.py", "bodies/textstats.py", "values/body.py"]
ALLOWED_TOP = {"__future__", "attrs", "slugify", "newsmodel"}
FORBIDDEN = {
    "newsmodel.io",
    "newsmodel.cli",
    "newsmodel.serialize",
    "newsmodel.bodies.htmlparse",
    "newsmodel.bodies.mdparse",
}


@pytest.mark.parametrize("module", CORE)
def test_core_modules_import_only_stdlib_attrs_and_core(module: str) -> None:
    """The pure core: no selectolax, markdown-it, cattrs, io, cli or serialize imports."""
    import sys

    path = Path(__file__).resolve().parents[1] / "src" / "newsmodel" / module
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top in ALLOWED_TOP or top in sys.stdlib_module_names, f"{module} imports {name}"
            assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), f"{module} imports {name}"


def test_github_slug_drops_the_ascii_characters_of_its_rule_and_keeps_every_other() -> None:
    """github-slugger's rule on ASCII (letters, digits, "_", "-" and space stay; every other ASCII
    character goes), checked on every code point: the listed class equals the negated one."""
    import re

    from newsmodel.bodies.anchors import _GITHUB_ASCII_DROP

    every = "".join(map(chr, range(0x110000)))
    stated = re.compile(r"[^a-z0-9_ \-\x80-\U0010ffff]")  # the rule as a negation (slow to compile)
    assert _GITHUB_ASCII_DROP.sub("", every) == stated.sub("", every)


_PYMD_TEXTS = st.sampled_from(["x", "X", "x 1", "x_1", "x_2", "x_9", "x_09", "x_10", "!!!", "", "y", "_1", "x__1"])


@settings(max_examples=300)
@given(
    reserved=st.lists(st.sampled_from(["x", "x_1", "x_2", "x_10", "_1", "_2", "y_1", ""]), max_size=4),
    steps=st.lists(st.tuples(st.booleans(), _PYMD_TEXTS), max_size=25),
)
@example(reserved=[], steps=[(False, "x")] * 12 + [(True, "x_14"), (False, "x"), (False, "x"), (False, "x")])
@example(reserved=["x_1"], steps=[(False, "x_1"), (False, "x"), (False, "x_2"), (False, "x")])
def test_python_markdown_style_is_python_markdowns_unique(reserved: list[str], steps: list[tuple[bool, str]]) -> None:
    # each heading's anchor is the one Python-Markdown's own ``unique`` gives (its toc extension,
    # the installed version), ids reserved before and between the headings included
    from markdown.extensions.toc import unique

    slugger = Slugger("python-markdown", reserved)
    theirs = set(reserved)
    for reserve, text in steps:
        if reserve:  # an id the body already has, met between headings
            anchor = slugger._base(text) + "_3"
            slugger.reserve(anchor)
            theirs.add(anchor)
        else:
            assert slugger.slug(text) == unique(slugger._base(text), theirs)


def test_python_markdown_style_counts_past_the_digits_int_reads() -> None:
    # Python-Markdown's unique reads the "_N" suffix with int(), which refuses more than 4,300
    # digits (a ValueError out of build_toc); the suffix is incremented as text instead
    heading = "x_" + "1" * 5000
    body = _body([heading, heading, "x_" + "9" * 5000, "x_" + "9" * 5000])
    anchors = heading_anchors(body, style="python-markdown")
    assert anchors == (heading, "x_" + "1" * 4999 + "2", "x_" + "9" * 5000, "x_1" + "0" * 5000)
