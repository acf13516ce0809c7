"""Markdown into :class:`~newsmodel.values.body.Body` blocks, with cmark-gfm (GitHub's C implementation).

The Markdown dialect is GitHub Flavored Markdown: CommonMark plus tables, strikethrough, autolinks
and ``[^label]`` footnotes.  cmark-gfm (through the ``cmarkgfm`` bindings) turns the text into
HTML in C, with raw HTML passed through untouched, and :func:`newsmodel.bodies.htmlparse.parse_html`
turns that into blocks (keeping the spaces a heading's text starts or ends with, which CommonMark
leaves only when written as ``&#x20;``: GitHub's anchors keep them).  So Markdown and HTML bodies
go through one block converter: the same marks, the same limits, and raw ``<script>``,
``<iframe>`` or event handlers inside Markdown are kept and marked exactly as in HTML.  A heading
may end with ``{#id}`` to give its id.

>>> body = parse_markdown("## Closing *Remarks* {#end}\\n\\n- one\\n- two [^1]\\n\\n[^1]: A note.")
>>> body.blocks[0]
Heading(level=2, content=(Text(text='Closing '), Emphasis(children=(Text(text='Remarks'),))), id='end')
>>> body.blocks[2]
Footnote(label='1', blocks=(Paragraph(content=(Text(text='A note.'),)),))
"""

from __future__ import annotations

import re

import attrs
import cmarkgfm
from cmarkgfm.cmark import Options

from newsmodel.bodies.htmlparse import _parse, clean_text
from newsmodel.values.body import Block, Body, Footnote, Heading, ListBlock, ListItem, Quote, Text

__all__ = ["markdown_to_html", "parse_markdown"]

_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
# no "tagfilter": raw tags are kept and marked by parse_html rather than escaped into text;
# no "tasklist": its checkboxes would be form elements
_EXTENSIONS = ["table", "strikethrough", "autolink"]
# An attribute list {#id} at the end of a heading's text.  The search starts only where a run of
# spaces and tabs starts (the leftmost match never has one before it): tried from every space of a
# long run with no "{#...}" after it, the leading "[ \t]*" rescanned the rest of the run each time.
_HEADING_ID = re.compile(r"(?<![ \t])[ \t]*\{#([^\s{}]+)\}[ \t]*$")


def markdown_to_html(text: str) -> str:
    """The HTML cmark-gfm makes of ``text`` (raw HTML passed through, so not safe to serve as is).

    >>> markdown_to_html("~~old~~ *new*")
    '<p><del>old</del> <em>new</em></p>\\n'
    """
    html: str = cmarkgfm.markdown_to_html_with_extensions(clean_text(text), options=_OPTIONS, extensions=_EXTENSIONS)
    return html


def _heading_id(heading: Heading) -> Heading:
    content = heading.content
    if heading.id is not None or not content or not isinstance(content[-1], Text):
        return heading
    m = _HEADING_ID.search(content[-1].text)
    if not m:
        return heading
    rest = content[-1].text[: m.start()]
    new_content = (*content[:-1], Text(text=rest)) if rest else content[:-1]
    return Heading(level=heading.level, content=new_content, id=m.group(1))


def _ids(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            block = _heading_id(block)
        elif isinstance(block, ListBlock):
            block = attrs.evolve(block, items=tuple(ListItem(blocks=_ids(item.blocks)) for item in block.items))
        elif isinstance(block, (Quote, Footnote)):
            block = attrs.evolve(block, blocks=_ids(block.blocks))
        out.append(block)
    return tuple(out)


def parse_markdown(text: str) -> Body:
    """Parse GitHub Flavored Markdown into a Body.

    Never raises on odd input, and no text is lost (deep nesting is flattened by the HTML
    converter, see :data:`newsmodel.bodies.htmlparse.MAX_NESTING`).

    >>> parse_markdown("| a | b |\\n|---|--:|\\n| 1 | 2 |").blocks[0].rows[0].cells[1]
    TableCell(content=(Text(text='2'),), header=False, align='right')
    >>> parse_markdown("") == Body()
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_markdown expects str, got {type(text).__name__}")
    if not text.strip():
        return Body()
    body = _parse(markdown_to_html(text), heading_edges=True)
    if "{#" in text:
        body = Body(blocks=_ids(body.blocks))
    return body
