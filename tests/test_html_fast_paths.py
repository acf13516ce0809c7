"""The fast paths of the HTML reader give what the general code gives (issue 12).

Each fast path is compared with the slower code it stands for: the plain-paragraph walk
(``_simple_inline``) with the general inline walk, the whitespace filters with the substitutions
they guard, ``html_to_text`` of text without markup with lexbor's reading of it, ``is_safe_url``
of ``https://`` and ``http://`` URLs with the scheme parser; ``nesting_depth`` and ``_figure`` with
their previous forms, kept here as oracles.  Figures: "HTML bodies as they arrive" in
docs/design.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import unescape
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborNode

from newsmodel.bodies import htmlinline, htmlparse
from newsmodel.bodies.htmlinline import _squash, clean_text
from newsmodel.bodies.htmlparse import html_to_text, parse_fragment, parse_html
from newsmodel.values import safeurl
from newsmodel.values.body import (
    Block,
    Code,
    Embed,
    Emphasis,
    Footnote,
    FootnoteRef,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Strikethrough,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    nesting_depth,
)

# --------------------------------------------------------------------------- paragraphs

_TEXTS = st.sampled_from(
    ["word", " ", "  ", "a  b", "tab\there", "line\nbreak", "\xa0", "&amp;", "é", "", "x<y", " lead", "trail ", "\r\n"]
)
_MARKS = ("em", "i", "strong", "b", "del", "s", "strike")
_LINK_ATTRIBUTES = st.sampled_from(
    [
        ' href="https://example.org/a"',
        ' href="/a" title="T"',
        ' href="/a" title=""',
        "",
        ' href="#fnref1"',
        ' href="#ref-fn2"',
        ' href="/a" class="footnote-backref"',
        ' href="javascript:alert(1)"',
        ' href="/a" onclick="x()"',
        ' href=""',
    ]
)


@st.composite
def _inline_html(draw: Any, depth: int = 0) -> str:
    out = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 9))
        if kind <= 3 or depth > 2:
            out.append(draw(_TEXTS))
        elif kind <= 6:
            mark = draw(st.sampled_from(_MARKS))
            attributes = draw(st.sampled_from(["", "", ' class="x"', ' onmouseover="x()"']))
            out.append(f"<{mark}{attributes}>{draw(_inline_html(depth + 1))}</{mark}>")
        elif kind <= 8:
            out.append(f"<a{draw(_LINK_ATTRIBUTES)}>{draw(_inline_html(depth + 1))}</a>")
        else:
            out.append(draw(st.sampled_from(["<br>", "<!--c-->", "<span>s</span>", "<code>c</code>", "<img src=x>"])))
    return "".join(out)


def _first(html: str) -> LexborNode:
    """The first node of a fragment's body."""
    body = parse_fragment(html)
    assert body is not None and body.first_child is not None
    return body.first_child


def _general_walk(html: str) -> Any:
    """parse_html with the plain-paragraph fast path answering "not mine" every time."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(htmlparse, "_simple_inline", lambda first: None)
        return parse_html(html)


@settings(max_examples=400, deadline=None)
@given(inner=_inline_html(), heading=st.booleans())
@example(inner="  a <em></em> b  ", heading=False)
@example(inner=" <strong> </strong> x", heading=False)
@example(inner='one <a href="/a">two</a>  three ', heading=False)
@example(inner="<em>a</em><em></em> <b>b</b>", heading=False)
def test_plain_paragraph_fast_path_gives_the_general_walks_paragraph(inner: str, heading: bool) -> None:
    html = f"<p>{inner}</p>" + ("<h2>x</h2>" if heading else "")
    assert parse_html(html) == _general_walk(html)


def test_the_fast_path_answers_the_usual_paragraph() -> None:
    first = _first('<p>  One <strong>two</strong> <a href="/x" title="T">three</a>  </p>').first_child
    assert htmlinline._simple_inline(first) == (
        Text(text="One "),
        Strong(children=(Text(text="two"),)),
        Text(text=" "),
        Link(href="/x", children=(Text(text="three"),), title="T"),
    )


# --------------------------------------------------------------------------- whitespace

_SPACED = st.lists(st.sampled_from([*" \t\n\r\x0c\x0b\xa0\x85\u2028\u3000", "a", "b"]), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_SPACED)
@example(text="a\xa0b")
def test_whitespace_filters_skip_only_texts_their_substitutions_leave_alone(text: str) -> None:
    assert htmlinline._collapse(text) == htmlinline._WS.sub(" ", text)
    assert htmlinline._heading_text(text) == htmlinline._FORMATTING_WS.sub(" ", text)


# --------------------------------------------------------------------------- html_to_text

_TITLE_CHARACTERS = st.sampled_from(
    [
        *"ab é>\"'=/!?-",
        *("\t", "\n", "\r", "\x0c", "\x0b", "\x00", "\x01", "\x7f", "\x85", "\xa0", "\u2028"),
        *("\u3000", "\ufeff", "\uffff", "\ud800", "\U0001f600"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(text=st.lists(_TITLE_CHARACTERS, max_size=14).map("".join), separator=st.sampled_from(["", " "]))
@example(text="a\r\nb", separator="")
@example(text="\x00 x \r", separator=" ")
def test_text_without_markup_reads_as_lexbor_reads_it(text: str, separator: str) -> None:
    cleaned = clean_text(text)
    body = parse_fragment(cleaned)
    assert body is not None
    expected = _squash(body.text(deep=True, separator=separator)) if cleaned.strip() else ""
    assert html_to_text(text, separator=separator) == expected


# --------------------------------------------------------------------------- safe URLs

_SCHEME_SETS = st.sampled_from([safeurl.LINK_SCHEMES, safeurl.WEB_SCHEMES, frozenset({"https"}), frozenset({"http"})])


def _read_in_full(url: str, schemes: frozenset[str]) -> bool:
    return safeurl._safe_reading(url, schemes) and ("&" not in url or safeurl._safe_reading(unescape(url), schemes))


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from(["https://", "http://", "HTTPS://", "https:/", "http:", ""]),
    rest=st.lists(st.sampled_from([*"ab:/?#&;x", "&#106;", "&colon;", "\t", " "]), max_size=8).map("".join),
    schemes=_SCHEME_SETS,
)
def test_web_urls_are_read_as_the_scheme_parser_reads_them(prefix: str, rest: str, schemes: frozenset[str]) -> None:
    url = prefix + rest
    assert safeurl.is_safe_url(url, schemes) == (url.startswith("/") or _read_in_full(url, schemes))


# --------------------------------------------------------------------------- nesting depth


def _nesting_depth_before(blocks: Iterable[Block]) -> int:
    """nesting_depth as it was before it skipped contents holding no containers (the oracle)."""
    deepest = 0
    stack: list[tuple[Iterable[Any], int]] = [(blocks, 0)]
    while stack:
        nodes, depth = stack.pop()
        for node in nodes:
            cls = type(node)
            if cls is Text or cls is Code or cls is LineBreak or cls is FootnoteRef:
                continue
            if cls is Paragraph or cls is Heading:
                content = node.content
                if len(content) != 1 or type(content[0]) is not Text:
                    stack.append((content, depth))
            elif cls is ListBlock:
                deepest = max(deepest, depth + 1)
                stack.extend((item.blocks, depth + 1) for item in node.items)
            elif cls in (Quote, Footnote) or cls in (Emphasis, Strong, Strikethrough, Link):
                deepest = max(deepest, depth + 1)
                stack.append((node.blocks if cls in (Quote, Footnote) else node.children, depth + 1))
            elif cls is Table:
                stack.extend((cell.content, depth) for row in (*node.head, *node.rows) for cell in row.cells)
    return deepest


_LEAVES: st.SearchStrategy[Inline] = st.sampled_from(
    [Text(text="t"), Code(text="c"), LineBreak(), FootnoteRef(label="1")]
)
_INLINES: st.SearchStrategy[Inline] = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.builds(lambda c: Emphasis(children=c), st.tuples(inner)),
        st.builds(lambda c: Strong(children=c), st.lists(inner, max_size=3)),
        st.builds(lambda c: Strikethrough(children=c), st.lists(inner, max_size=2)),
        st.builds(lambda c: Link(href="/", children=c), st.lists(inner, max_size=2)),
    ),
    max_leaves=12,
)
_CONTENT = st.lists(_INLINES, max_size=4).map(tuple)
_BLOCKS: st.SearchStrategy[Block] = st.recursive(
    st.one_of(
        st.builds(lambda c: Paragraph(content=c), _CONTENT),
        st.builds(lambda c: Heading(level=2, content=c), _CONTENT),
        st.builds(
            lambda rows: Table(rows=tuple(TableRow(cells=(TableCell(content=c),)) for c in rows)),
            st.lists(_CONTENT, max_size=2),
        ),
    ),
    lambda inner: st.one_of(
        st.builds(lambda b: Quote(blocks=b), st.lists(inner, max_size=3)),
        st.builds(lambda b: Footnote(label="1", blocks=b), st.lists(inner, max_size=2)),
        st.builds(
            lambda items: ListBlock(items=tuple(ListItem(blocks=b) for b in items)),
            st.lists(st.lists(inner, max_size=2), max_size=3),
        ),
    ),
    max_leaves=10,
)


@settings(max_examples=400, deadline=None)
@given(blocks=st.lists(_BLOCKS, max_size=4))
def test_nesting_depth_is_the_depth_it_counted_before(blocks: list[Block]) -> None:
    assert nesting_depth(blocks) == _nesting_depth_before(blocks)


# --------------------------------------------------------------------------- figures


def _figure_by_css(node: Any) -> list[Block] | None:
    """_figure as it was, one CSS query per part (the oracle for the one-walk _figure)."""
    classes = htmlinline._classes(node)
    if "wp-block-embed" in classes or node.css_first("iframe, video, audio, embed, object") is not None:
        frame = node.css_first("iframe, video, audio, embed, object")
        url = htmlinline._attr(frame, "src") if frame is not None else None
        if url is None:
            wrapper = node.css_first(".wp-block-embed__wrapper")
            text = (wrapper.text(deep=True) if wrapper is not None else node.text(deep=True)) or ""
            url = text.strip() or None
        caption_node = node.css_first("figcaption")
        caption = _squash(caption_node.text(deep=True)) if caption_node is not None else None
        return [Embed(url=url, provider=htmlinline._provider(url, node), html=node.html, title=caption or None)]
    images = node.css("img")
    if len(images) == 1:
        caption_node = node.css_first("figcaption")
        caption = credit = None
        if caption_node is not None:
            credit_node = caption_node.css_first("span.credit")
            if credit_node is not None:
                credit = credit_node.text(deep=True) or ""
                credit_node.decompose()
            caption = _squash(caption_node.text(deep=True)) or None
        src = htmlinline._attr(images[0], "src") or htmlinline._attr(images[0], "data-src") or ""
        alt, title = images[0].attributes.get("alt"), htmlinline._attr(images[0], "title")
        return [Image(src=src, alt=alt, title=title, caption=caption, credit=credit)]
    if "embed" in classes:
        link = node.css_first("a[href]")
        url = htmlinline._attr(link, "href") if link is not None else None
        label = _squash(node.text(deep=True)) or None
        return [Embed(url=url, provider=htmlinline._attr(node, "data-provider"), title=label if label != url else None)]
    return None


_FIGURE_PARTS = st.sampled_from(
    [
        '<img src="https://e.org/a.jpg" alt="A">',
        '<img data-src="/lazy.jpg" title="T">',
        "<img src=''>",
        '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        "<video><source src='/v.mp4'></video>",
        "<figcaption>Cap <span class='credit'>Photo: X</span> tion</figcaption>",
        "<figcaption>Only\ta  caption</figcaption>",
        "<figcaption><span class='credit\xa0x'>not a credit</span>c</figcaption>",
        "<figcaption><b class='x credit'>b</b><span class='x\tcredit'>c2</span></figcaption>",
        '<div class="wp-block-embed__wrapper"> https://twitter.com/x/status/1 </div>',
        '<a href="https://e.org/l">link</a>',
        "<a>no href</a>",
        "<template><img src='/t.jpg'></template>",
        "<svg><a href='/s'>s</a></svg>",
        "text",
        "<figure><img src='/n.jpg'><figcaption>inner</figcaption></figure>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    classes=st.sampled_from(
        ["", "wp-block-image", "wp-block-embed is-provider-youtube", "embed", "wp-block-embed__wrapper"]
    ),
    parts=st.lists(_FIGURE_PARTS, max_size=4),
)
@example(classes="", parts=['<img src="/a.jpg">', "<figcaption>A <span class='credit'>B</span></figcaption>"])
def test_a_figure_is_read_in_one_walk_as_the_css_queries_read_it(classes: str, parts: list[str]) -> None:
    html = f'<figure class="{classes}">{"".join(parts)}</figure>'
    assert htmlparse._figure(_first(html)) == _figure_by_css(_first(html))
