"""Heading anchors against the rules other projects wrote down (``../shared/vectors/toc_slug``).

- github-slugger (ISC): all fixtures, in file order, through one slugger state.
- Python-Markdown (BSD-3-Clause): the id and nesting cases of its toc test suite and the legacy
  txt/html pairs.
- Hugo (Apache-2.0): Goldmark auto ids of type ``github`` and the TOC nesting of ``ToHTML``.
- mdit-py-plugins (MIT): its anchors fixtures.
- Our own generated matrices (not authoritative): ``edge_case_matrix_generated.json`` and
  ``toc_document_behaviour_generated.json``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from newsmodel.bodies.anchors import Slugger, github_slug, heading_anchors, hugo_slug, python_markdown_slug
from newsmodel.bodies.htmlparse import parse_html
from newsmodel.bodies.mdparse import parse_markdown
from newsmodel.bodies.toc import Toc, TocEntry, build_toc
from newsmodel.values.body import Body, Heading, Link, ListBlock, ListItem, Paragraph, Quote, Text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TOC_SLUG = SHARED / "vectors" / "toc_slug"


def _load(name: str) -> Any:
    return json.loads((TOC_SLUG / name).read_text(encoding="utf-8"))


def _strip_block(block: Any, keep: frozenset[str]) -> Any:
    if isinstance(block, Heading):
        return attrs.evolve(block, id=block.id if block.id in keep else None)
    if isinstance(block, ListBlock):
        items = tuple(ListItem(blocks=tuple(_strip_block(b, keep) for b in item.blocks)) for item in block.items)
        return attrs.evolve(block, items=items)
    if isinstance(block, Quote):
        return attrs.evolve(block, blocks=tuple(_strip_block(b, keep) for b in block.blocks))
    return block


def _strip_ids(body: Body, keep: frozenset[str] = frozenset()) -> Body:
    """The body with heading ids removed (deeply), except the ``keep`` ones."""
    return Body(blocks=tuple(_strip_block(b, keep) for b in body.blocks))


def _tree(entries: tuple[TocEntry, ...]) -> list[tuple[int, str, Any]]:
    return [(e.level, e.anchor, _tree(e.children)) for e in entries]


# --------------------------------------------------------------------------- github-slugger


GITHUB = _load("github_slugger_fixtures.json")


def test_github_slugger_all_fixtures_in_order_through_one_slugger() -> None:
    """github-slugger's rule: all 78 fixtures, in file order, one slugger state."""
    slugger = Slugger("github")
    got = [slugger.slug(case["input"]) for case in GITHUB]
    assert len(GITHUB) == 78
    mismatches = [(c["name"], g, c["expected"]) for c, g in zip(GITHUB, got, strict=True) if g != c["expected"]]
    assert mismatches == []


@pytest.mark.parametrize("index", range(len(GITHUB)), ids=[c["name"][:40] for c in GITHUB])
def test_github_slugger_fixture(index: int) -> None:
    """github-slugger's rule, one fixture at a time (state replayed from the start of the file)."""
    slugger = Slugger("github")
    for case in GITHUB[:index]:
        slugger.slug(case["input"])
    assert slugger.slug(GITHUB[index]["input"]) == GITHUB[index]["expected"]


# --------------------------------------------------------------------------- Hugo

HUGO = _load("hugo_anchor_toc_vectors.json")


def _hugo_params() -> list[Any]:
    params = []
    for case in HUGO["anchor_ids"]:
        marks = []
        if case["idType"] != "github":
            marks.append(
                pytest.mark.xfail(
                    strict=True,
                    reason=f"newsmodel's hugo style is Hugo's default autoHeadingIDType 'github'; "
                    f"{case['idType']!r} is another Hugo setting we do not offer",
                )
            )
        params.append(
            pytest.param(case["input"], case["expected"], marks=marks, id=f"{case['idType']}:{case['input'][:20]}")
        )
    return params


@pytest.mark.parametrize(("text", "expected"), _hugo_params())
def test_hugo_autoid(text: str, expected: str) -> None:
    """Hugo's Goldmark auto heading ids (markup/goldmark/autoid_test.go)."""
    assert hugo_slug(text) == expected


def test_hugo_duplicates_count_like_github() -> None:
    slugger = Slugger("hugo")
    assert [slugger.slug(t) for t in ("Intro", "Intro", "Intro")] == ["intro", "intro-1", "intro-2"]


def _structure(blocks: tuple[Any, ...]) -> list[Any]:
    """(ordered, [(text, href, children)]) of the nested lists of parsed TOC HTML."""
    out: list[Any] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            items = []
            for item in block.items:
                text = href = None
                children: list[Any] = []
                for inner in item.blocks:
                    if isinstance(inner, Paragraph):
                        links = [n for n in inner.content if isinstance(n, Link)]
                        if links:
                            href, text = links[0].href, inner.text
                    elif isinstance(inner, ListBlock):
                        children = _structure((inner,))
                items.append((text, href, children))
            out.append((block.ordered, items))
    return out


def _hugo_toc_params() -> list[Any]:
    params = []
    for i, case in enumerate(HUGO["toc_html"]):
        has_placeholder = "<li>\n" in case["expected_html"]
        marks = (
            [
                pytest.mark.xfail(
                    strict=True,
                    reason="Hugo fills a skipped level with an empty <li>; newsmodel attaches the deeper "
                    "heading to the nearest shallower one without placeholder entries (issue 3)",
                )
            ]
            if has_placeholder
            else []
        )
        params.append(pytest.param(case, marks=marks, id=f"toc{i}:{case['ToHTML(startLevel,stopLevel,ordered)']}"))
    return params


@pytest.mark.parametrize("case", _hugo_toc_params())
def test_hugo_toc_nesting(case: dict[str, Any]) -> None:
    """Hugo's tableofcontents_test.go: the nesting and level filtering of ToHTML."""
    headings = tuple(
        Heading(level=level + 1, content=(Text(text=title),), id=hid)
        for title, hid, _row, level in case["addAt_calls(title,id,row,level)"]
    )
    start, stop, ordered = (p.strip() for p in case["ToHTML(startLevel,stopLevel,ordered)"].split(","))
    toc = build_toc(
        Body(blocks=headings),
        min_level=int(start),
        max_level=6 if int(stop) == -1 else int(stop),
        min_headings=1,
    )
    assert toc is not None
    ours = _structure(parse_html(toc.to_html(ordered=ordered == "true")).blocks)
    theirs = _structure(parse_html(case["expected_html"]).blocks)
    assert ours == theirs


# --------------------------------------------------------------------------- Python-Markdown

PYMD = _load("python_markdown_test_toc_vectors.json")["cases"]
_EXPLICIT_ID = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}|id=\"((?:[^\"\\]|\\.)*)\"")


def _config(case: dict[str, Any]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for ext in case.get("extensions", []):
        if isinstance(ext, dict) and "toc" in ext:
            config.update(ext["toc"])
    return config


def _pymd_params() -> list[Any]:
    params = []
    for n, case in enumerate(PYMD):
        if "<h" not in case["expected_html"]:
            continue  # no heading: not an id or nesting case
        marks = []
        if _config(case).get("slugify") == "slugify_unicode":
            marks.append(
                pytest.mark.xfail(
                    strict=True,
                    reason="the python-markdown style reproduces Python-Markdown's default slugify "
                    "(ASCII ids), not the optional slugify_unicode",
                )
            )
        params.append(pytest.param(case, marks=marks, id=f"{n}:{case['test']}"))
    return params


@pytest.mark.parametrize("case", _pymd_params())
def test_python_markdown_ids_and_nesting(case: dict[str, Any]) -> None:
    """Python-Markdown's toc extension (tests/test_syntax/extensions/test_toc.py): ids and nesting."""
    parsed = parse_html(case["expected_html"])
    expected_ids = [h.id for h in parsed.headings()]
    explicit = frozenset((m.group(1) or m.group(2).replace("\\", "")) for m in _EXPLICIT_ID.finditer(case["markdown"]))
    body = _strip_ids(parsed, keep=explicit)
    assert list(heading_anchors(body, style="python-markdown")) == expected_ids
    tokens = case.get("expected_attrs", {}).get("toc_tokens")
    if tokens is not None:
        depth = str(_config(case).get("toc_depth", "6"))
        low, high = (int(x) for x in depth.split("-")) if "-" in depth else (1, int(depth))

        def tree(items: list[dict[str, Any]]) -> list[Any]:
            return [(t["level"], t["id"], tree(t["children"])) for t in items]

        toc = build_toc(body, style="python-markdown", min_level=low, max_level=high, min_headings=1)
        assert toc is not None
        assert _tree(toc.entries) == tree(tokens)


LEGACY = ["toc", "toc_invalid", "toc_nested", "toc_nested2", "toc_nested_list", "toc_out_of_order"]


def _flatten_structure(items: list[Any]) -> list[Any]:
    return [(href.lstrip("#") if href else href, _flatten_structure(_unwrap(kids))) for href, kids in items]


def _unwrap(kids: list[Any]) -> list[Any]:
    return [(href, k) for _ordered, items in kids for _t, href, k in items]


@pytest.mark.parametrize("name", LEGACY)
def test_python_markdown_legacy_pairs(name: str) -> None:
    """Python-Markdown's legacy toc tests (tests/extensions/toc*.txt/.html): ids and TOC nesting."""
    html = (TOC_SLUG / f"python_markdown_legacy_{name}.html").read_text(encoding="utf-8")
    parsed = parse_html(html)
    expected_ids = [h.id for h in parsed.headings()]
    assert expected_ids
    markdown = parse_markdown((TOC_SLUG / f"python_markdown_legacy_{name}.txt").read_text(encoding="utf-8"))
    # ids from the HTML's headings (text as Python-Markdown saw it)
    assert list(heading_anchors(_strip_ids(parsed), style="python-markdown")) == expected_ids
    # the TOC block Python-Markdown wrote, against ours
    toc_lists = [b for b in parsed.blocks if isinstance(b, ListBlock)]
    if '<div class="toc">' in html:
        assert toc_lists
        expected = _flatten_structure([(href, kids) for _t, href, kids in _structure((toc_lists[0],))[0][1]])
        toc = build_toc(_strip_ids(parsed), style="python-markdown", min_headings=1)
        assert toc is not None

        def tree(entries: tuple[TocEntry, ...]) -> list[Any]:
            return [(e.anchor, tree(e.children)) for e in entries]

        assert tree(toc.entries) == expected
    # our own Markdown parser finds the same headings in the source (CommonMark setext/ATX)
    assert [h.text for h in markdown.headings()] == [h.text for h in parsed.headings()]


# --------------------------------------------------------------------------- generated (ours)

MATRIX = _load("edge_case_matrix_generated.json")
_COLUMNS = {
    "pymd_toc.slugify": python_markdown_slug,
    "github_slugger.slug": github_slug,
    "hugo_github(port)": hugo_slug,
}


def _matrix_params() -> list[Any]:
    params = []
    for column in _COLUMNS:
        for case in MATRIX:
            if case.get(column) is None:
                continue
            marks = []
            if column == "hugo_github(port)" and case["input"] == "İstanbul":
                marks.append(
                    pytest.mark.xfail(
                        strict=True,
                        reason="the throw-away port lowercased with Python's full mapping (i + U+0307); "
                        "Go's unicode.ToLower, which Hugo uses, maps U+0130 to a plain 'i'",
                    )
                )
            params.append(
                pytest.param(column, case["input"], case[column], marks=marks, id=f"{column}:{case['input'][:16]}")
            )
    return params


@pytest.mark.parametrize(("column", "text", "expected"), _matrix_params())
def test_edge_case_matrix(column: str, text: str, expected: str) -> None:
    """Our generated matrix (not authoritative): base slugs per style."""
    assert _COLUMNS[column](text) == expected


DOCS = _load("toc_document_behaviour_generated.json")["docs"]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_toc_document_behaviour_python_markdown(name: str) -> None:
    """Our generated documents (not authoritative): Python-Markdown's default toc ids and nesting."""
    doc = DOCS[name]
    body = parse_markdown(doc["markdown"])
    tokens = doc["pymd_toc_default"]["toc_tokens"]
    toc = build_toc(body, style="python-markdown", min_headings=1)
    assert toc is not None

    def tree(items: list[dict[str, Any]]) -> list[Any]:
        return [(t["level"], t["id"], tree(t["children"])) for t in items]

    assert _tree(toc.entries) == tree(tokens)


def _mdit_params() -> list[Any]:
    params = []
    for name in sorted(DOCS):
        marks = []
        if name == "empty_and_punct":
            marks.append(
                pytest.mark.xfail(
                    strict=True, reason="mdit anchors gives empty ids ('', '-1'); newsmodel never gives an empty anchor"
                )
            )
        params.append(pytest.param(name, marks=marks, id=name))
    return params


@pytest.mark.parametrize("name", _mdit_params())
def test_toc_document_behaviour_github_matches_mdit_anchors(name: str) -> None:
    """mdit-py-plugins' anchors use github-slugger's rule: our github style gives the same ids."""
    doc = DOCS[name]
    expected = re.findall(r'id="([^"]*)"', doc["mdit_anchors(min1,max6)"]["html"])
    assert list(heading_anchors(parse_markdown(doc["markdown"]))) == expected


# --------------------------------------------------------------------------- wordpress (Easy TOC shape)


def test_wordpress_style_on_the_seed_headings() -> None:
    """Easy Table of Contents' anchor shape on the seed page's four headings (values, not code)."""
    body = parse_html((Path(__file__).parent / "data" / "seed_article_body.html").read_text(encoding="utf-8"))
    assert heading_anchors(body, style="wordpress") == (
        "Prospects_for_a_Trump-Kim_Summit_in_2026_Analyzing_Global_Geopolitical_Shifts",
        "Seouls_Dilemma_Navigating_US-North_Korea_Relations_Amidst_Rising_Tensions",
        "Strategic_Recommendations_for_South_Korea_Enhancing_Diplomatic_Engagement_and_Regional_Stability",
        "Closing_Remarks",
    )


def test_wordpress_style_keeps_easy_toc_ids_from_imported_html() -> None:
    html = (
        '<h2><span class="ez-toc-section" id="Closing_Remarks"></span>Closing Remarks'
        '<span class="ez-toc-section-end"></span></h2>'
    )
    body = parse_html(html)
    assert heading_anchors(body, style="github") == ("Closing_Remarks",)
    assert [h.text for h in body.headings()] == ["Closing Remarks"]


def test_wordpress_style_duplicates_and_fallback() -> None:
    slugger = Slugger("wordpress")
    assert [slugger.slug(t) for t in ("Intro", "Intro", "Intro", "!!!", "?")] == [
        "Intro",
        "Intro_2",
        "Intro_3",
        "section",
        "section_2",
    ]


def test_toc_type_is_exported_value() -> None:
    assert isinstance(build_toc(Body(blocks=(Heading(level=2, content=(Text(text="x"),)),)), min_headings=1), Toc)


# --------------------------------------------------------------------------- mdit-py-plugins anchors


def _mdit_fixtures() -> list[Any]:
    text = (TOC_SLUG / "mdit_py_plugins_anchors_fixtures.md").read_text(encoding="utf-8")
    params = []
    for chunk in text.strip().split("\n.\n\n"):
        title, _, rest = chunk.partition("\n.\n")
        markdown, _, html = rest.partition("\n.\n")
        params.append(pytest.param(markdown, html.rstrip(".").strip(), id=title.rstrip(":")))
    return params


@pytest.mark.parametrize(("markdown", "html"), _mdit_fixtures())
def test_mdit_py_plugins_anchors(markdown: str, html: str) -> None:
    """mdit-py-plugins' anchors plugin (github-slugger's rule): the ids it writes, heading by heading."""
    expected = re.findall(r'<h(\d)(?: id="([^"]*)")?>', html)
    anchors = heading_anchors(parse_markdown(markdown))
    assert len(anchors) == len(expected)
    assert [a for a, (_level, hid) in zip(anchors, expected, strict=True) if hid] == [
        hid for _l, hid in expected if hid
    ]


# --------------------------------------------------------------------------- through the parsers

# github-slugger's fixtures slug the input string; on github.com each is a Markdown heading
# ("markdownOverwrite" where the input cannot be written as one).  Where Markdown reads the input
# as markup, the fixture and a heading written so disagree:
_STRONG = "'# __proto__' is strong emphasis in Markdown: the heading's text is 'proto'"
_MARKDOWN_DISAGREES = {"Prototypal injection: proto": _STRONG, "Prototypal injection: proto (again)": _STRONG}


def _github_markdown_params() -> list[Any]:
    params = []
    for index, case in enumerate(GITHUB):
        reason = _MARKDOWN_DISAGREES.get(case["name"])
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(index, marks=marks, id=case["name"][:40]))
    return params


@pytest.mark.parametrize("index", _github_markdown_params())
def test_github_slugger_fixture_as_a_markdown_heading(index: int) -> None:
    """github-slugger's rule (index.js ``slug()``: every space a "-", none trimmed) on the heading's
    text as the Markdown parser keeps it: runs of spaces and ``&#x20;`` at the ends included."""
    markdown = "\n\n".join(case.get("markdownOverwrite") or f"# {case['input']}" for case in GITHUB[: index + 1])
    anchors = heading_anchors(parse_markdown(markdown))
    assert len(anchors) == index + 1
    assert anchors[-1] == GITHUB[index]["expected"]


@pytest.mark.parametrize(("text", "expected"), _hugo_params())
def test_hugo_autoid_of_a_markdown_heading(text: str, expected: str) -> None:
    """Hugo's auto ids (autoid_test.go) of ``## <input>`` read by the Markdown parser: the spaces
    Hugo's ``sanitizeAnchorNameWithHook`` turns into "-" are still in the heading's text."""
    (heading,) = parse_markdown(f"## {text}").headings()
    assert hugo_slug(heading.text) == expected


@pytest.mark.parametrize("case", HUGO["anchorize_vs_urlize_docs"], ids=lambda c: c["input"])
def test_hugo_anchorize_of_an_html_heading(case: dict[str, str]) -> None:
    """Hugo's anchorize examples (anchorize-vs-urlize.md): an HTML heading keeps its spaces too."""
    body = parse_html(f"<h2>{case['input'].replace('&', '&amp;').replace('<', '&lt;')}</h2>")
    assert heading_anchors(body, style="hugo") == (case["anchorize"],)


def test_an_html_heading_keeps_its_spaces_for_the_anchor_and_shows_them_collapsed() -> None:
    body = parse_html("<h2>Many   spaces  here</h2><h2>\n  Wrapped in\n    the source\n</h2><h2> Edges </h2>")
    assert heading_anchors(body) == ("many---spaces--here", "wrapped-in-the-source", "edges")
    toc = build_toc(body, min_headings=1)
    assert toc is not None
    assert [e.text for e in toc.entries] == ["Many spaces here", "Wrapped in the source", "Edges"]
    assert [e.anchor for e in toc.entries] == ["many---spaces--here", "wrapped-in-the-source", "edges"]
    from newsmodel.bodies.render import render_html, render_markdown

    assert parse_html(render_html(body, anchors=None)) == body
    assert parse_markdown(render_markdown(body)) == body
