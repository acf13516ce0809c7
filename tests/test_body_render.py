"""Rendering bodies to HTML, Markdown and text; parsing what we render gives the blocks back."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsmodel.bodies.htmlparse import parse_fragment, parse_html
from newsmodel.bodies.mdparse import parse_markdown
from newsmodel.bodies.render import is_safe_url, render_html, render_markdown, render_text
from newsmodel.bodies.sanitize import DEFAULT_TAGS, Sanitizer, sanitize_html
from newsmodel.strategies import bodies
from newsmodel.values.body import (
    Block,
    Body,
    Code,
    CodeBlock,
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
    RawHtml,
    Strikethrough,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    ThematicBreak,
)

# --------------------------------------------------------------------------- canonical bodies
# What parse_html gives is "canonical": whitespace runs collapsed, block edges trimmed, adjacent
# texts merged, no empty marks.  Bodies in that form survive render → parse exactly.

_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters=" \t\n\r\f\ufeff")
word = st.text(_chars, min_size=1, max_size=8)
words = st.lists(word, min_size=1, max_size=5).map(" ".join)
safe_url = st.sampled_from(["https://example.org/a?b=1&c=2", "/relative/path", "#frag", "mailto:x@example.org", ""])
token = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)


def _canonical(nodes: list[Inline]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(text=out[-1].text + " " + node.text)
        else:
            out.append(node)
    return tuple(out)


def _inline_seq(child: st.SearchStrategy[Inline], *, in_link: bool) -> st.SearchStrategy[tuple[Inline, ...]]:
    text = words.map(lambda t: Text(text=t))
    return st.lists(st.one_of(text, text, child), min_size=1, max_size=4).map(_canonical)


def inlines(*, in_link: bool = False, depth: int = 2) -> st.SearchStrategy[Inline]:
    leaves: list[st.SearchStrategy[Any]] = [
        words.map(lambda t: Text(text=t)),
        st.text(_chars | st.just(" "), min_size=1, max_size=10).map(lambda t: Code(text=t)),
        st.just(LineBreak()),
    ]
    if not in_link:
        leaves.append(token.map(lambda t: FootnoteRef(label=t)))
    leaf = st.one_of(*leaves)
    if depth == 0:
        return leaf
    sub = inlines(in_link=in_link, depth=depth - 1)
    marks = [
        _inline_seq(sub, in_link=in_link).map(lambda c: Emphasis(children=c)),
        _inline_seq(sub, in_link=in_link).map(lambda c: Strong(children=c)),
        _inline_seq(sub, in_link=in_link).map(lambda c: Strikethrough(children=c)),
    ]
    if not in_link:
        marks.append(
            st.builds(
                lambda href, c, title: Link(href=href, children=c, title=title),
                safe_url,
                _inline_seq(inlines(in_link=True, depth=depth - 1), in_link=True),
                st.none() | words,
            )
        )
    return st.one_of(leaf, *marks)


def _block_content(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    # a block starts with text and does not end in a line break (those edges are trimmed)
    items = list(nodes)
    if not items or not isinstance(items[0], Text):
        items.insert(0, Text(text="lead"))
    while isinstance(items[-1], LineBreak):
        items.pop()
    return _canonical(items)


content = _inline_seq(inlines(), in_link=False).map(_block_content)
paragraphs = content.map(lambda c: Paragraph(content=c))
headings = st.builds(
    lambda level, c, hid: Heading(level=level, content=c, id=hid),
    st.integers(1, 6),
    content,
    st.none() | token,
)
cells = st.builds(
    lambda c, header, align: TableCell(content=c, header=header, align=align),
    st.just(()) | content,
    st.booleans(),
    st.sampled_from([None, "left", "center", "right"]),
)
rows = st.lists(cells, max_size=3).map(lambda cs: TableRow(cells=tuple(cs)))
tables = st.builds(
    lambda h, r: Table(head=tuple(h), rows=tuple(r)), st.lists(rows, max_size=2), st.lists(rows, max_size=3)
)
images = st.builds(
    lambda src, alt, title, caption, credit: Image(src=src, alt=alt, title=title, caption=caption, credit=credit),
    safe_url,
    st.none() | st.just("") | words,
    st.none() | words,
    st.none() | words,
    st.none() | words,
)
embeds = st.builds(
    lambda url, provider, title: Embed(url=url, provider=provider, title=title),
    st.sampled_from(["https://www.youtube.com/watch?v=x", "https://x.com/a/status/1"]),
    st.none() | token,
    st.none() | words,
)
code_blocks = st.builds(
    lambda code, lang: CodeBlock(code=code, language=lang),
    st.text(st.characters(codec="utf-8", exclude_characters="\r\x00\x0c"), max_size=40),
    st.none() | token,
)
leaf_blocks = st.one_of(
    paragraphs,
    headings,
    tables,
    images,
    embeds,
    code_blocks,
    st.just(ThematicBreak()),
    st.just(RawHtml(html="<!--more-->", reason="more")),
)


def _blocks(depth: int) -> st.SearchStrategy[Block]:
    if depth == 0:
        return leaf_blocks
    inner = st.lists(_blocks(depth - 1), max_size=3).map(tuple)
    lists = st.builds(
        lambda items, ordered, start: ListBlock(items=items, ordered=ordered, start=start if ordered else None),
        st.lists(inner.map(lambda bs: ListItem(blocks=bs)), min_size=1, max_size=3).map(tuple),
        st.booleans(),
        st.none() | st.integers(2, 99),
    )
    quotes = st.builds(lambda bs, cite: Quote(blocks=bs, cite=cite), inner, st.none() | safe_url.filter(bool))
    return st.one_of(leaf_blocks, lists, quotes)


footnotes = st.builds(
    lambda label, bs: Footnote(label=label, blocks=bs), token, st.lists(_blocks(1), max_size=2).map(tuple)
)
canonical_bodies = st.builds(
    lambda bs, notes: Body(blocks=tuple(bs) + tuple(notes)),
    st.lists(_blocks(2), max_size=6),
    st.lists(footnotes, max_size=2),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(body=canonical_bodies)
@example(body=Body(blocks=(Paragraph(content=(Text(text="a &amp; <b>"), LineBreak(), Text(text="b"))),)))
@example(body=Body(blocks=(CodeBlock(code="\nleading newline\n", language=None),)))
def test_parse_html_of_render_html_gives_the_body_back(body: Body) -> None:
    assert parse_html(render_html(body, anchors=None)) == body


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(body=canonical_bodies)
def test_rendered_heading_ids_are_the_anchors(body: Body) -> None:
    from newsmodel.bodies.anchors import heading_anchors

    again = parse_html(render_html(body))
    assert [h.id for h in again.headings()] == list(heading_anchors(body))


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=bodies())
def test_render_parse_reaches_a_fixpoint_for_any_body(body: Body) -> None:
    """Any body (newsmodel.strategies): one render/parse round normalizes it; the next changes nothing."""
    once = parse_html(render_html(body, anchors=None))
    assert parse_html(render_html(once, anchors=None)) == once


# --------------------------------------------------------------------------- Markdown round trip

md_words = st.lists(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9'.,!?&<>_*#\-]{0,7}", fullmatch=True), min_size=1, max_size=4
).map(" ".join)
md_text = md_words.map(lambda t: Text(text=t))
md_mark = st.one_of(
    md_words.map(lambda t: Emphasis(children=(Text(text=t),))),
    md_words.map(lambda t: Strong(children=(Text(text=t),))),
    md_words.map(lambda t: Strikethrough(children=(Text(text=t),))),
    st.from_regex(r"[a-z][a-z0-9 ]{0,6}[a-z]", fullmatch=True).map(lambda t: Code(text=t)),
    st.builds(
        lambda t, href: Link(href=href, children=(Text(text=t),)),
        md_words,
        st.sampled_from(["https://example.org/x", "/a/b"]),
    ),
)


def _md_content(parts: list[tuple[Text, Any]]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for text, mark in parts:
        out.extend([Text(text=(" " if out else "") + text.text + " "), mark])
    return tuple(out)


md_content = st.lists(st.tuples(md_text, md_mark), min_size=1, max_size=3).map(_md_content) | md_text.map(
    lambda t: (t,)
)
md_leaf = st.one_of(
    md_content.map(lambda c: Paragraph(content=c)),
    st.builds(
        lambda lv, c, hid: Heading(level=lv, content=c, id=hid), st.integers(1, 6), md_content, st.none() | token
    ),
    st.builds(
        lambda code, lang: CodeBlock(code=code, language=lang),
        st.text(st.sampled_from("ab c\n`<>&*"), max_size=20).map(
            lambda c: c + "\n" if c and not c.endswith("\n") else c
        ),
        st.none() | token,
    ),
    st.just(ThematicBreak()),
)
md_lists = st.builds(
    lambda items, ordered: ListBlock(
        items=tuple(ListItem(blocks=(Paragraph(content=c),)) for c in items), ordered=ordered
    ),
    st.lists(md_content, min_size=1, max_size=3),
    st.booleans(),
)
md_quotes = st.lists(md_content.map(lambda c: Paragraph(content=c)), min_size=1, max_size=2).map(
    lambda ps: Quote(blocks=tuple(ps))
)
md_bodies = st.lists(st.one_of(md_leaf, md_lists, md_quotes), max_size=5).map(lambda bs: Body(blocks=tuple(bs)))


def _separate(body: Body) -> list[Block]:
    return list(body.blocks)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(body=md_bodies)
def test_parse_markdown_of_render_markdown_gives_the_body_back(body: Body) -> None:
    # adjacent lists of the same kind merge in Markdown; keep them apart for the comparison
    blocks = _separate(body)
    for a, b in itertools.pairwise(blocks):
        if isinstance(a, ListBlock) and isinstance(b, ListBlock):
            return
    assert parse_markdown(render_markdown(body)) == body


# --------------------------------------------------------------------------- HTML safety


def test_every_text_is_escaped() -> None:
    evil = '<script>alert("x")</script>&amp;'
    body = Body(
        blocks=(
            Heading(level=2, content=(Text(text=evil),), id='"><script>'),
            Paragraph(content=(Link(href='x" onmouseover="y', children=(Text(text=evil),), title='"t"'),)),
            Image(src="a.png", alt=evil, caption=evil, credit=evil),
            Table(rows=(TableRow(cells=(TableCell(content=(Text(text=evil),)),)),)),
            CodeBlock(code=evil, language='x"y'),
            Embed(url="https://example.org/?a=<b>", title=evil),
        )
    )
    html = render_html(body, anchors=None)
    assert "<script>" not in html
    assert 'onmouseover="' not in html
    assert html.count("&lt;script&gt;") >= 6
    assert parse_html(html) == Body(blocks=(*body.blocks[:5], Embed(url="https://example.org/?a=<b>", title=evil)))


def test_unsafe_urls_are_not_rendered_as_links() -> None:
    body = Body(
        blocks=(
            Paragraph(content=(Link(href="javascript:alert(1)", children=(Text(text="click"),)),)),
            Image(src=" JaVaScRiPt:alert(1)"),
            Quote(blocks=(), cite="vbscript:x"),
            Embed(url="javascript:x", title="t"),
        )
    )
    html = render_html(body)
    assert "javascript" not in html.lower() and "vbscript" not in html.lower()
    assert "click" in html
    # every data: URL is refused, images too (newsmodel.values.safeurl: http, https, mailto, tel or relative)
    assert not is_safe_url("data:text/html;base64,xx") and not is_safe_url("data:image/png;base64,xx")


def test_raw_blocks_only_when_allowed_and_optionally_sanitized() -> None:
    body = parse_html(
        '<p>Hi</p><script>alert(1)</script><div onclick="x()">Click</div><!-- wp:paragraph --><!--more-->'
    )
    assert [b.reason for b in body.blocks if isinstance(b, RawHtml)] == ["script", "event-handler", "comment", "more"]
    assert render_html(body) == "<p>Hi</p>\n<!--more-->"
    raw = render_html(body, allow_raw=True)
    assert "<script>alert(1)</script>" in raw and 'onclick="x()"' in raw
    assert parse_html(raw) == body
    clean = render_html(body, allow_raw=True, sanitize=sanitize_html)
    assert "script" not in clean and "onclick" not in clean and "Click" in clean


def test_embeds_render_as_links_unless_raw_is_allowed() -> None:
    body = parse_html(
        '<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">'
        "https://www.youtube.com/watch?v=abc</div></figure>"
        '<iframe src="https://player.vimeo.com/video/1" onload="x()"></iframe>'
    )
    assert body.blocks[0] == Embed(
        url="https://www.youtube.com/watch?v=abc",
        provider="youtube",
        html=body.blocks[0].html if isinstance(body.blocks[0], Embed) else None,
        title=None,
    )
    html = render_html(body)
    assert '<a href="https://www.youtube.com/watch?v=abc">' in html
    assert "<iframe" not in html
    allowed = render_html(body, allow_raw=True, sanitize=sanitize_html)
    assert '<iframe src="https://player.vimeo.com/video/1">' in allowed or "onload" not in allowed


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ('<a href="javascript:alert(1)" onclick="x">t</a>', "<a>t</a>"),
        ('<img src=x onerror="alert(1)">', '<img src="x">'),
        ("<style>p{}</style><p style='color:red'>x</p>", "<p>x</p>"),
        ("<b>unclosed <i>x", "<b>unclosed <i>x</i></b>"),
        ("<object data=x></object>text", "text"),
        ("<!-- c --><p>a &amp; b</p>", "<p>a &amp; b</p>"),
        ("<svg><script>x</script></svg><p>y</p>", "<p>y</p>"),
    ],
)
def test_sanitizer(dirty: str, clean: str) -> None:
    assert sanitize_html(dirty) == clean


def test_sanitizer_allow_list_is_configurable() -> None:
    s = Sanitizer(tags={"p", "a"}, attributes={"a": {"href"}})
    assert s('<p class="x"><a href="/y" title="t">l</a><b>b</b></p>') == '<p><a href="/y">l</a>b</p>'


# --------------------------------------------------------------------------- text and Markdown output


def test_render_text() -> None:
    body = parse_html(
        "<h2>Title</h2><p>One <b>two</b><br>three</p><ul><li>a<ul><li>b</li></ul></li></ul>"
        "<ol start=3><li>c</li></ol><blockquote><p>q</p></blockquote><script>x()</script>"
        "<table><tr><th>h1</th><th>h2</th></tr><tr><td>1</td><td>2</td></tr></table>"
        '<figure><img src="a.jpg" alt="alt"><figcaption>Cap</figcaption></figure><pre>code\n</pre>'
    )
    assert render_text(body) == ("Title\n\nOne two\nthree\n\n- a\n  - b\n\n3. c\n\nq\n\nh1\th2\n1\t2\n\nCap\n\ncode")


def test_render_markdown_structures() -> None:
    body = parse_html(
        '<h2 id="x">A *star* heading</h2><p>Text with <a href="https://e.org/a" title="T">link</a>'
        ' and <code>co`de</code>.</p><ol start="2"><li>two</li><li>three</li></ol>'
        '<table><thead><tr><th style="text-align:right">n</th><th>m|x</th></tr></thead>'
        '<tbody><tr><td style="text-align:right">1</td><td>2</td></tr></tbody></table><hr>'
        '<pre><code class="language-python">print("```")\n</code></pre><blockquote><p>quoted</p></blockquote>'
    )
    md = render_markdown(body)
    assert md.split("\n\n")[0] == "## A \\*star\\* heading {#x}"
    assert '[link](https://e.org/a "T")' in md
    assert "`` co`de ``" in md or "``co`de``" in md
    assert "2. two\n3. three" in md
    assert "| n | m\\|x |\n| ---: | --- |\n| 1 | 2 |" in md
    assert '```python\nprint("```")\n```' in md  # a fence only closes at the start of a line
    assert "> quoted" in md
    again = parse_markdown(md)  # (GFM gives every cell its column's alignment, as the HTML here does)
    assert [h.id for h in again.headings()] == ["x"]
    assert again.blocks == body.blocks


def _find(body: Body, kind: type) -> list[Any]:
    return [b for b in body.walk() if isinstance(b, kind)]


def test_footnotes_round_trip_through_html_and_markdown() -> None:
    body = parse_markdown("Claim.[^a]\n\n[^a]: Source, *2026*.\n")
    assert body.blocks[0] == Paragraph(content=(Text(text="Claim."), FootnoteRef(label="a")))
    assert _find(body, Footnote) == [
        Footnote(
            label="a",
            blocks=(
                Paragraph(content=(Text(text="Source, "), Emphasis(children=(Text(text="2026"),)), Text(text="."))),
            ),
        )
    ]
    assert parse_html(render_html(body)) == body
    assert parse_markdown(render_markdown(body)) == body
    assert render_text(body) == "Claim.\n\nSource, 2026."


def test_python_markdown_footnote_html_is_read() -> None:
    html = (
        '<p>Header<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '<div class="footnote"><hr><ol><li id="fn:1"><p>footnote&#160;<a class="footnote-backref" href="#fnref:1" '
        'title="Jump back">&#8617;</a></p></li></ol></div>'
    )
    body = parse_html(html)
    assert body.blocks[0] == Paragraph(content=(Text(text="Header"), FootnoteRef(label="1")))
    assert body.blocks[-1] == Footnote(label="1", blocks=(Paragraph(content=(Text(text="footnote\xa0"),)),))


_html_piece = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<i>",
        "<div>",
        "</div>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<a href='javascript:x'>",
        "<a href=/x onclick=y>",
        "</a>",
        "<table>",
        "<td>",
        "<li>",
        "<svg>",
        "<title>",
        "<img src=x onerror=y>",
        "&amp;",
        "&lt;",
        "<",
        ">",
        "'",
        '"',
        "text",
        " ",
        "\n",
        "<iframe src=//e>",
        "<x-y>",
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_html_piece, max_size=40).map("".join))
def test_sanitizer_output_read_by_a_browser_keeps_only_the_allow_list(html: str) -> None:
    """The tree a browser builds from the output (which may differ from the tree the sanitizer
    walked: a browser re-parents a link nested in a link) holds no tag, event handler, style or
    unsafe URL outside the allow-list; sanitizing that output again changes nothing it shows."""
    once = sanitize_html(html)
    body = parse_fragment(once)
    assert body is not None
    for node in body.traverse():
        assert node.tag in DEFAULT_TAGS or node.tag in ("body", "-text")
        for name, value in node.attributes.items():
            assert not name.startswith("on") and name != "style"
            assert value is None or "javascript" not in value
    twice = parse_fragment(sanitize_html(once))
    assert twice is not None and twice.text() == body.text()


def test_a_heading_of_tabs_ending_in_a_line_break_is_empty_as_without_it() -> None:
    """A heading's edges lose tabs as well as spaces whichever way it is read: one text node (the
    fast path) or text with a line break (the general path), which kept ``"\\t"`` and so read
    ``<h1>\\t<br></h1>`` as a heading that ``<h1>\\t</h1>``, its own rendering, is not."""
    assert parse_html("<h1>\t<br></h1>") == parse_html("<h1>\t</h1>") == Body(blocks=())
    assert parse_html("<h2>\ta\t<br></h2>") == parse_html("<h2>\ta\t</h2>")
    assert parse_html("<h2>\ta\t<br>\tb</h2>").blocks[0].content == (  # type: ignore[union-attr]
        Text(text="a"),
        LineBreak(),
        Text(text="b"),
    )
