"""``body_text`` walks a body without ``Body.walk``'s generator: the same text, in the same order
(the digest of stored document frequencies depends on every character of it)."""

from __future__ import annotations

from hypothesis import given, settings

from newsmodel.related.text import body_text
from newsmodel.strategies import bodies
from newsmodel.values.body import (
    Body,
    Footnote,
    Heading,
    Image,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    inline_text,
)


def _by_walk(body: Body) -> str:
    """The rule as written before: every block of ``Body.walk`` in turn."""
    parts: list[str] = []
    for block in body.walk():
        if isinstance(block, (Heading, Paragraph)):
            parts.append(inline_text(block.content))
        elif isinstance(block, Table):
            for row in (*block.head, *block.rows):
                parts.extend(inline_text(cell.content) for cell in row.cells)
        elif isinstance(block, Image):
            parts.extend(p for p in (block.alt, block.caption) if p)
    return "\n".join(parts)


@settings(max_examples=300)
@given(bodies(max_blocks=6))
def test_body_text_equals_the_walk(body: Body) -> None:
    assert body_text(body) == _by_walk(body)


def _p(text: str) -> Paragraph:
    return Paragraph(content=(Text(text=text),))


def test_nested_blocks_come_after_their_container_and_before_the_next_block() -> None:
    cell = TableCell(content=(Text(text="cell"),))
    body = Body(
        blocks=(
            _p("one"),
            ListBlock(
                items=(ListItem(blocks=(_p("item 1"), Quote(blocks=(_p("quoted"),)))), ListItem(blocks=(_p("item 2"),)))
            ),
            Heading(level=2, content=(Text(text="a "), Strong(children=(Text(text="head"),)))),
            Footnote(label="1", blocks=(_p("note"),)),
            Table(head=(TableRow(cells=(cell,)),), rows=(TableRow(cells=(cell, cell)),)),
            Image(src="https://example.org/a.png", alt="alt", caption="caption"),
            _p("last"),
        )
    )
    expected = "one\nitem 1\nquoted\nitem 2\na head\nnote\ncell\ncell\ncell\nalt\ncaption\nlast"
    assert body_text(body) == _by_walk(body) == expected
