"""Parsing HTML and Markdown into blocks, including every "bad input to try" of issue 3."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from newsmodel.bodies.anchors import heading_anchors
from newsmodel.bodies.htmlparse import parse_html
from newsmodel.bodies.mdparse import parse_markdown
from newsmodel.bodies.render import render_html, render_markdown, render_text
from newsmodel.bodies.textstats import excerpt, reading_time, word_count
from newsmodel.bodies.toc import build_toc
from newsmodel.values.body import (
    Body,
    Code,
    CodeBlock,
    Embed,
    Emphasis,
    Heading,
    Image,
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
    Text,
    ThematicBreak,
)


def all_text(body: Body) -> str:
    """Every text the body holds, raw and embed markup included (tags stripped)."""
    parts = [render_text(body)]
    for block in body.walk():
        markup = block.html if isinstance(block, (RawHtml, Embed)) else None
        if markup:
            parts.append(unescape(re.sub(r"<[^>]*>", " ", markup)))
    for block in body.walk():
        if isinstance(block, Table):
            for row in (*block.head, *block.rows):
                parts.extend(" ".join(_cell_text(c)) for c in row.cells)
    return " ".join(parts)


def _cell_text(cell: TableCell) -> list[str]:
    return [render_text(Body(blocks=(Paragraph(content=cell.content),)))]


def words_of(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def p(*nodes: Any) -> Paragraph:
    return Paragraph(content=nodes)


def t(text: str) -> Text:
    return Text(text=text)


# --------------------------------------------------------------------------- HTML


def test_html_blocks_and_marks() -> None:
    body = parse_html(
        '<h1 id="top">Title</h1>\n<p>Some <em>em</em>, <i>i</i>, <strong>strong</strong>, <b>b</b>, '
        '<del>del</del>, <s>s</s>, <code>a  b</code>, <a href="/x" title="T">link</a>,<br>next '
        "<span>span</span> <mark>mark</mark></p>"
        "<ol start='3'><li>three</li><li><p>four</p><ul><li>nested</li></ul></li></ol>"
        "<blockquote cite='https://src'><p>quoted</p></blockquote>"
        "<pre><code class='language-py'>x = 1\n</code></pre><hr>"
        "<table><thead><tr><th align=center>H</th></tr></thead><tbody><tr><td>C</td></tr></tbody></table>"
    )
    assert body.blocks == (
        Heading(level=1, content=(t("Title"),), id="top"),
        p(
            t("Some "),
            Emphasis(children=(t("em"),)),
            t(", "),
            Emphasis(children=(t("i"),)),
            t(", "),
            Strong(children=(t("strong"),)),
            t(", "),
            Strong(children=(t("b"),)),
            t(", "),
            Strikethrough(children=(t("del"),)),
            t(", "),
            Strikethrough(children=(t("s"),)),
            t(", "),
            Code(text="a  b"),
            t(", "),
            Link(href="/x", children=(t("link"),), title="T"),
            t(","),
            LineBreak(),
            t("next span mark"),
        ),
        ListBlock(
            items=(
                ListItem(blocks=(p(t("three")),)),
                ListItem(blocks=(p(t("four")), ListBlock(items=(ListItem(blocks=(p(t("nested")),)),)))),
            ),
            ordered=True,
            start=3,
        ),
        Quote(blocks=(p(t("quoted")),), cite="https://src"),
        CodeBlock(code="x = 1\n", language="py"),
        ThematicBreak(),
        Table(
            head=(_row(TableCell(content=(t("H"),), header=True, align="center")),),
            rows=(_row(TableCell(content=(t("C"),))),),
        ),
    )


def _row(*cells: TableCell) -> Any:
    from newsmodel.values.body import TableRow

    return TableRow(cells=cells)


def test_wordpress_content_keeps_comments_more_shortcodes_and_embeds() -> None:
    html = """<!-- wp:paragraph -->
<p>Intro text.</p>
<!-- /wp:paragraph -->

<!--more-->

<!-- wp:heading -->
<h2 class="wp-block-heading" id="h-first">First</h2>
<!-- /wp:heading -->

[caption id="attachment_1" align="alignnone" width="300"]<img src="a.jpg" alt="A"> A caption[/caption]

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=x","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube">
<div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=x
</div></figure>
<!-- /wp:embed -->
<iframe src="https://www.youtube.com/embed/x" width="560" height="315"></iframe>
[gallery ids="1,2,3"]"""
    body = parse_html(html)
    kinds = [(type(b).__name__, getattr(b, "reason", None)) for b in body.blocks]
    assert kinds == [
        ("RawHtml", "comment"),
        ("Paragraph", None),
        ("RawHtml", "comment"),
        ("RawHtml", "more"),
        ("RawHtml", "comment"),
        ("Heading", None),
        ("RawHtml", "comment"),
        ("Paragraph", None),
        ("Image", None),
        ("Paragraph", None),
        ("RawHtml", "comment"),
        ("Embed", None),
        ("RawHtml", "comment"),
        ("Embed", None),
        ("Paragraph", None),
    ]
    assert body.blocks[0] == RawHtml(html="<!-- wp:paragraph -->", reason="comment")
    assert body.blocks[5] == Heading(level=2, content=(t("First"),), id="h-first")
    assert body.blocks[7] == p(t('[caption id="attachment_1" align="alignnone" width="300"]'))
    assert body.blocks[9] == p(t("A caption[/caption]"))
    embed = body.blocks[11]
    assert isinstance(embed, Embed)
    assert (embed.url, embed.provider) == ("https://www.youtube.com/watch?v=x", "youtube")
    iframe = body.blocks[13]
    assert isinstance(iframe, Embed)
    assert (iframe.url, iframe.provider) == ("https://www.youtube.com/embed/x", "youtube.com")
    assert iframe.html is not None and iframe.html.startswith("<iframe")
    assert body.blocks[14] == p(t('[gallery ids="1,2,3"]'))
    # nothing is lost: render with raw allowed and parse again gives the same blocks
    assert parse_html(render_html(body, anchors=None, allow_raw=True)) == body
    assert excerpt(body) == "Intro text."


def test_unsafe_elements_are_kept_and_marked() -> None:
    body = parse_html(
        "<p>a<style>p{}</style>b</p><form><input name=q></form><custom-widget data-id=7></custom-widget>"
        '<p><a href="#" onclick="steal()">click</a> after</p><object data="x.swf"></object>'
    )
    kinds = [(type(b).__name__, getattr(b, "reason", None)) for b in body.blocks]
    assert kinds == [
        ("Paragraph", None),
        ("RawHtml", "style"),
        ("Paragraph", None),
        ("RawHtml", "form"),
        ("RawHtml", "unknown element <custom-widget>"),
        ("RawHtml", "event-handler"),
        ("Paragraph", None),
        ("Embed", None),
    ]
    assert "click" in all_text(body)
    assert (
        RawHtml(html='<custom-widget data-id="7"></custom-widget>', reason="unknown element <custom-widget>")
        in body.blocks
    )


def test_an_unknown_element_with_content_is_read_through() -> None:
    # A classic post of a French WordPress blog (post 1131 of the export committed as wordpress.xml
    # in bitcoinfrance/bitcoinfrance.github.io at 1ea8591; described, not copied: its content's
    # licence is not stated) wrote "<http://…>" autolinks and IRC lines such as "<gmaxwell> …"
    # outside any <p>: the unknown element opened there runs to the end of the content, and as
    # RawHtml (never rendered) it hid two thirds of the post.  A browser shows its content in place.
    body = parse_html("<p>Intro</p>\nsee <http://example.com/x> and more.\n\n<gmaxwell> idea.\n\nLast paragraph.")
    assert not any(isinstance(b, RawHtml) for b in body.blocks)
    words = render_text(body).split()
    assert words == ["Intro", "see", "and", "more.", "idea.", "Last", "paragraph."]
    custom = parse_html("<custom-widget>hello <b>there</b></custom-widget>")
    assert [type(b).__name__ for b in custom.blocks] == ["Paragraph"] and custom.blocks[0].text == "hello there"  # type: ignore[union-attr]


def test_images_and_figures() -> None:
    body = parse_html(
        '<p>Before <img src="i.jpg" alt="I" title="T"> after</p>'
        '<figure class="wp-block-image"><img src="f.jpg" alt=""><figcaption>The <em>caption</em>'
        '<span class="credit">Photo: AP</span></figcaption></figure>'
    )
    assert body.blocks == (
        p(t("Before")),
        Image(src="i.jpg", alt="I", title="T"),
        p(t("after")),
        Image(src="f.jpg", alt="", caption="The caption", credit="Photo: AP"),
    )


def test_ez_toc_container_is_kept_as_raw_and_not_read_as_content() -> None:
    html = (
        '<div id="ez-toc-container" class="ez-toc-v2_0_69 counter-hierarchy">'
        '<p class="ez-toc-title">Table of Contents</p>'
        '<nav><ul class="ez-toc-list"><li><a href="#Closing_Remarks">Closing Remarks</a></li></ul></nav></div>'
        '<h2><span class="ez-toc-section" id="Closing_Remarks"></span>Closing Remarks</h2>'
    )
    body = parse_html(html)
    assert isinstance(body.blocks[0], RawHtml) and body.blocks[0].reason == "toc"
    assert body.blocks[1] == Heading(level=2, content=(t("Closing Remarks"),), id="Closing_Remarks")


# --------------------------------------------------------------------------- Markdown


def test_markdown_blocks_and_extensions() -> None:
    md = """Title
=====

Some *em*, **strong**, ~~struck~~, `code`, [link](https://e.org "T") and <https://auto.example>.\\
Next line <b>bold</b>.

3. three
4. four
   - nested

> quoted

```python
x = 1
```

---

| a | b |
|:--|--:|
| 1 | 2 |

![alt text](img.png "Img") trailing
"""
    body = parse_markdown(md)
    assert body.blocks[0] == Heading(level=1, content=(t("Title"),))
    assert body.blocks[1] == p(
        t("Some "),
        Emphasis(children=(t("em"),)),
        t(", "),
        Strong(children=(t("strong"),)),
        t(", "),
        Strikethrough(children=(t("struck"),)),
        t(", "),
        Code(text="code"),
        t(", "),
        Link(href="https://e.org", children=(t("link"),), title="T"),
        t(" and "),
        Link(href="https://auto.example", children=(t("https://auto.example"),)),
        t("."),
        LineBreak(),
        t("Next line "),
        Strong(children=(t("bold"),)),
        t("."),
    )
    lst = body.blocks[2]
    assert isinstance(lst, ListBlock) and lst.ordered and lst.start == 3
    assert lst.items[1].blocks[1] == ListBlock(items=(ListItem(blocks=(p(t("nested")),)),))
    assert body.blocks[3] == Quote(blocks=(p(t("quoted")),))
    assert body.blocks[4] == CodeBlock(code="x = 1\n", language="python")
    assert body.blocks[5] == ThematicBreak()
    table = body.blocks[6]
    assert isinstance(table, Table)
    assert [c.align for c in table.head[0].cells] == ["left", "right"]
    assert body.blocks[7] == Image(src="img.png", alt="alt text", title="Img")
    assert body.blocks[8] == p(t("trailing"))


def test_markdown_html_blocks_are_marked_like_html() -> None:
    body = parse_markdown("Intro\n\n<script>alert(1)</script>\n\n<!--more-->\n\nRest <span onclick='x()'>hi</span>\n")
    assert [(type(b).__name__, getattr(b, "reason", None)) for b in body.blocks] == [
        ("Paragraph", None),
        ("RawHtml", "script"),
        ("RawHtml", "more"),
        ("Paragraph", None),
        ("RawHtml", "event-handler"),
    ]
    assert excerpt(body) == "Intro"


def test_markdown_heading_ids() -> None:
    body = parse_markdown("## Intro {#start}\n\n## Intro\n\n## Braces {not an id}\n")
    assert [h.id for h in body.headings()] == ["start", None, None]
    assert heading_anchors(body) == ("start", "intro", "braces-not-an-id")


# --------------------------------------------------------------------------- bad input to try

BAD_HTML = {
    "unclosed and misnested tags": (
        "<p>one <b>two <i>three</b> four</i> five<p>six <ul><li>seven<li>eight</ul><div><span>nine",
        {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
    ),
    "heading inside a list inside a table": (
        "<table><tr><td><ul><li><h2>Deep heading</h2></li></ul></td></tr></table>",
        {"Deep", "heading"},
    ),
    "10,000 nested divs": ("<div>" * 10_000 + "deep text" + "</div>" * 10_000, {"deep", "text"}),
    "10,000 nested lists": ("<ul><li>" * 10_000 + "bottom", {"bottom"}),
    "10,000 nested quotes": ("<blockquote>" * 10_000 + "quoted", {"quoted"}),
    "10,000 nested inline marks": ("<p>" + "<em><b>" * 5_000 + "marked" + "</b></em>" * 5_000, {"marked"}),
    "stray closing h2": ("</h2><p>text</h2> more</p></h2>", {"text", "more"}),
    "entities in headings": ("<h2>A &amp; B &#x1F600; broken &#xZZ; end</h2>", {"A", "B", "broken", "xZZ", "end"}),
    "script inside a heading": ("<h2>Title <script>evil()</script>part</h2>", {"Title", "part", "evil"}),
    "heading of 10,000 characters": ("<h2>" + "x" * 10_000 + "</h2>", {"x" * 10_000}),
    "only whitespace": ("  \n\t  \r\n ", set()),
    "lone surrogates": ("<h2>a\ud800b</h2><p>c\udfffd</p>", {"a", "b", "c", "d"}),
    "null bytes and controls": ("<p>a\x00b\x01c</p>", {"a", "b", "c"}),
}


@pytest.mark.parametrize("name", sorted(BAD_HTML))
def test_bad_html_never_crashes_or_loses_text(name: str) -> None:
    html, expected_words = BAD_HTML[name]
    body = parse_html(html)
    assert expected_words <= words_of(all_text(body))
    # everything downstream works on it too
    toc = build_toc(body, min_headings=1)
    assert all(heading_anchors(body))
    if toc is not None:
        assert toc.to_html()
    rendered = render_html(body)
    assert isinstance(rendered, str)
    render_markdown(body)
    reading_time(body)
    excerpt(body)


def test_bad_html_specifics() -> None:
    (heading,) = parse_html(BAD_HTML["entities in headings"][0]).blocks
    assert isinstance(heading, Heading)
    assert heading.text == "A & B 😀 broken &#xZZ; end"
    assert heading_anchors(Body(blocks=(heading,))) == ("a--b--broken-xzz-end",)
    blocks = parse_html(BAD_HTML["script inside a heading"][0]).blocks
    assert blocks == (
        Heading(level=2, content=(t("Title part"),)),
        RawHtml(html="<script>evil()</script>", reason="script"),
    )
    assert parse_html(BAD_HTML["only whitespace"][0]) == Body()
    assert parse_markdown(BAD_HTML["only whitespace"][0]) == Body()
    body = parse_html(BAD_HTML["lone surrogates"][0])
    assert [h.text for h in body.headings()] == ["a\ufffdb"]
    render_html(body).encode("utf-8")
    long_heading = parse_html(BAD_HTML["heading of 10,000 characters"][0])
    toc = build_toc(long_heading, min_headings=1)
    assert toc is not None and toc.entries[0].anchor == "x" * 10_000


def test_empty_body_figures() -> None:
    body = parse_html("   ")
    assert build_toc(body) is None
    assert word_count(body) == 0
    assert reading_time(body).minutes == 0
    assert excerpt(body) == ""


BAD_MARKDOWN = {
    "1,000 nested lists": ("".join("  " * i + f"- item{i}\n" for i in range(1000)), {f"item{i}" for i in range(1000)}),
    "1,000 nested quotes": (">" * 1000 + " deep", {"deep"}),
    "1,000 nested ordered lists": (
        "".join("   " * i + f"1. n{i}\n" for i in range(1000)),
        {f"n{i}" for i in range(1000)},
    ),
    "unclosed fence and emphasis": ("```\ncode *x\n\n**bold *it", {"code", "x", "bold", "it"}),
    "stray html": ("</h2>text <b>bold\n\n<div>\n\n# Head </h2>", {"text", "bold", "Head"}),
    "entities": ("# A &amp; B &#x1F600; &#xZZ;", {"A", "B", "xZZ"}),
    "script in heading": ("# Title <script>evil()</script>", {"Title", "evil"}),
    "long heading": ("# " + "y" * 10_000, {"y" * 10_000}),
    "lone surrogates": ("# a\ud800b\n\nc\udfffd", {"a", "b", "c", "d"}),
    "10,000 nested emphasis": ("*" * 10_000 + "word" + "*" * 10_000, {"word"}),
    "10,000 nested brackets": ("[" * 10_000 + "word" + "]" * 10_000, {"word"}),
}


@pytest.mark.parametrize("name", sorted(BAD_MARKDOWN))
def test_bad_markdown_never_crashes_or_loses_text(name: str) -> None:
    text, expected_words = BAD_MARKDOWN[name]
    body = parse_markdown(text)
    assert expected_words <= words_of(all_text(body))
    assert all(heading_anchors(body))
    render_html(body)
    render_markdown(body)


def test_whitespace_is_collapsed_outside_code() -> None:
    body = parse_html("<p>  a \n\n  b\t c  <code> x  y </code>  </p><pre>  keep\n   this</pre>")
    assert body.blocks == (p(t("a b c "), Code(text=" x  y ")), CodeBlock(code="  keep\n   this"))


def test_parse_refuses_non_strings() -> None:
    with pytest.raises(TypeError):
        parse_html(b"<p>x</p>")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_markdown(None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- depth guard


def test_sloppy_but_shallow_html_keeps_its_structure_past_the_depth_guard() -> None:
    """Many unclosed <p> and <li> (common in old HTML) are siblings, not nesting: nothing unwrapped."""
    body = parse_html("<p>para " * 2000 + "<ul>" + "<li>item <b>b</b> " * 2000 + "</ul>")
    assert len(body.blocks) == 2001
    lst = body.blocks[-1]
    assert isinstance(lst, ListBlock) and len(lst.items) == 2000


def test_deep_source_nesting_is_unwrapped_keeping_text() -> None:
    from newsmodel.bodies.htmlparse import MAX_SOURCE_DEPTH, limit_depth

    deep = "<div>" * 5000 + "<p>bottom</p>" + "</div>" * 5000
    limited = limit_depth(deep)
    assert limited.count("<div>") == MAX_SOURCE_DEPTH and limited.count("</div>") == MAX_SOURCE_DEPTH
    assert parse_html(deep) == Body(blocks=(p(t("bottom")),))
    # tags inside scripts, styles and comments are not counted
    html = "<script>" + "<div>" * 1000 + "</script><!--" + "<div>" * 1000 + "-->" + "<p>x</p>"
    assert limit_depth(html) == html
    assert limit_depth("<b>x</b>") == "<b>x</b>"


def test_unclosed_table_rows_and_definition_lists_are_siblings_for_the_depth_guard() -> None:
    rows = "<table>" + "<tr><td>a<td>b" * 1500 + "</table>"
    (table,) = parse_html(rows).blocks
    assert isinstance(table, Table) and len(table.rows) == 1500
    assert all(len(r.cells) == 2 for r in table.rows)
    body = parse_html("<dl>" + "<dt>term<dd>definition" * 1000 + "</dl>")
    assert len(body.blocks) == 2000
