"""Article bodies as typed blocks with inline text.

A :class:`Body` is a tuple of blocks.  Block types: :class:`Heading`, :class:`Paragraph`,
:class:`ListBlock` (of :class:`ListItem`), :class:`Quote`, :class:`Image`, :class:`Embed`,
:class:`CodeBlock`, :class:`Table`, :class:`ThematicBreak`, :class:`Footnote` and :class:`RawHtml`
(kept, marked, never rendered unless the caller allows it).  Inline text is a tuple of inline nodes:
:class:`Text`, :class:`Emphasis`, :class:`Strong`, :class:`Strikethrough`, :class:`Code`,
:class:`Link`, :class:`LineBreak`, :class:`FootnoteRef`.

>>> body = Body(blocks=(
...     Heading(level=2, content=(Text(text="Closing Remarks"),)),
...     Paragraph(content=(Text(text="In conclusion, "), Strong(children=(Text(text="2026"),)))),
... ))
>>> [h.text for h in body.headings()]
['Closing Remarks']
>>> body.blocks[1].text
'In conclusion, 2026'
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Union

import attrs

from newsmodel.values._validate import instance_of, tuple_of
from newsmodel.values.display import HtmlDisplay
from newsmodel.values.errors import InvalidValue

_STR = instance_of(str, "a string")
_OPT_STR = instance_of(str, "a string", optional=True)
_BOOL = instance_of(bool, "true or false")
_INLINES = tuple_of(lambda: typing.get_args(Inline), "an inline node (Text, Emphasis, Link …)")
_BLOCKS = tuple_of(lambda: typing.get_args(Block), "a block (Paragraph, Heading, Quote …)")

__all__ = [
    "MAX_NESTING_DEPTH",
    "Block",
    "Body",
    "Code",
    "CodeBlock",
    "Embed",
    "Emphasis",
    "Footnote",
    "FootnoteRef",
    "Heading",
    "Image",
    "Inline",
    "LineBreak",
    "Link",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Quote",
    "RawHtml",
    "Strikethrough",
    "Strong",
    "Table",
    "TableCell",
    "TableRow",
    "Text",
    "ThematicBreak",
    "child_blocks",
    "inline_text",
    "nesting_depth",
]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if type(value) is tuple:
        return value
    if isinstance(value, (str, bytes)):
        raise InvalidValue(f"expected a sequence of nodes, got the string {value!r}", value=value)
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]  # no sequence: the field's validator refuses it


# --------------------------------------------------------------------------- inline


@attrs.frozen(kw_only=True)
class Text:
    """Plain text (not escaped: renderers escape it)."""

    text: str = attrs.field(validator=_STR)


@attrs.frozen(kw_only=True)
class Emphasis:
    """Emphasised text (``<em>``, ``*x*``)."""

    children: tuple[Inline, ...] = attrs.field(converter=_tuple, validator=_INLINES)


@attrs.frozen(kw_only=True)
class Strong:
    """Strong text (``<strong>``, ``**x**``)."""

    children: tuple[Inline, ...] = attrs.field(converter=_tuple, validator=_INLINES)


@attrs.frozen(kw_only=True)
class Strikethrough:
    """Struck text (``<del>``, ``~~x~~``)."""

    children: tuple[Inline, ...] = attrs.field(converter=_tuple, validator=_INLINES)


@attrs.frozen(kw_only=True)
class Code:
    """Inline code (``<code>``, `` `x` ``)."""

    text: str = attrs.field(validator=_STR)


@attrs.frozen(kw_only=True)
class Link:
    """A hyperlink."""

    href: str = attrs.field(validator=_STR)
    children: tuple[Inline, ...] = attrs.field(converter=_tuple, validator=_INLINES)
    title: str | None = attrs.field(default=None, validator=_OPT_STR)


@attrs.frozen(kw_only=True)
class LineBreak:
    """A hard line break (``<br>``)."""


@attrs.frozen(kw_only=True)
class FootnoteRef:
    """A reference to a footnote by label."""

    label: str = attrs.field(validator=_STR)


Inline = Union[Text, Emphasis, Strong, Strikethrough, Code, Link, LineBreak, FootnoteRef]


def inline_text(nodes: Iterable[Inline], *, line_break: str = " ") -> str:
    """The plain text of inline nodes (line breaks become ``line_break``, a space by default;
    footnote references are left out).

    >>> inline_text((Text(text="a "), Emphasis(children=(Text(text="b"),))))
    'a b'
    """
    if type(nodes) is tuple and len(nodes) == 1 and type(nodes[0]) is Text:
        return nodes[0].text  # fast path: one plain text
    parts: list[str] = []
    stack: list[Iterator[Inline]] = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append(line_break)
        elif isinstance(node, FootnoteRef):
            continue
        else:
            stack.append(iter(node.children))
    return "".join(parts)


# --------------------------------------------------------------------------- blocks


def _check_level(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 6:
        raise InvalidValue(f"Heading.level: {value!r} is not a heading level 1-6", value=value, where="level")


@attrs.frozen(kw_only=True)
class Heading:
    """A heading of ``level`` 1-6; ``id`` is an anchor the source already gave it (kept and reserved)."""

    level: int = attrs.field(validator=_check_level)
    content: tuple[Inline, ...] = attrs.field(converter=_tuple, validator=_INLINES)
    id: str | None = attrs.field(default=None, validator=_OPT_STR)

    @property
    def text(self) -> str:
        """The heading's plain text."""
        return inline_text(self.content)


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph of inline text."""

    content: tuple[Inline, ...] = attrs.field(converter=_tuple, validator=_INLINES)

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return inline_text(self.content)


@attrs.frozen(kw_only=True)
class ListItem:
    """One item of a list: blocks (a paragraph, possibly a nested list)."""

    blocks: tuple[Block, ...] = attrs.field(converter=_tuple, validator=_BLOCKS)


@attrs.frozen(kw_only=True)
class ListBlock:
    """A bulleted (``ordered=False``) or numbered list; ``start`` is the first number when not 1."""

    items: tuple[ListItem, ...] = attrs.field(converter=_tuple, validator=tuple_of(lambda: (ListItem,), "a ListItem"))
    ordered: bool = attrs.field(default=False, validator=_BOOL)
    start: int | None = attrs.field(default=None, validator=instance_of(int, "an integer", optional=True))


@attrs.frozen(kw_only=True)
class Quote:
    """A block quote, optionally citing a source."""

    blocks: tuple[Block, ...] = attrs.field(converter=_tuple, validator=_BLOCKS)
    cite: str | None = attrs.field(default=None, validator=_OPT_STR)


@attrs.frozen(kw_only=True)
class Image:
    """An image in the body."""

    src: str = attrs.field(validator=_STR)
    alt: str | None = attrs.field(default=None, validator=_OPT_STR)
    title: str | None = attrs.field(default=None, validator=_OPT_STR)
    caption: str | None = attrs.field(default=None, validator=_OPT_STR)
    credit: str | None = attrs.field(default=None, validator=_OPT_STR)


@attrs.frozen(kw_only=True)
class Embed:
    """Embedded third-party content (video, social post, iframe): kept, marked, not trusted.

    ``html`` is the original markup, rendered only when the caller allows raw HTML.
    """

    url: str | None = attrs.field(default=None, validator=_OPT_STR)
    provider: str | None = attrs.field(default=None, validator=_OPT_STR)
    html: str | None = attrs.field(default=None, validator=_OPT_STR)
    title: str | None = attrs.field(default=None, validator=_OPT_STR)


@attrs.frozen(kw_only=True)
class CodeBlock:
    """Preformatted code."""

    code: str = attrs.field(validator=_STR)
    language: str | None = attrs.field(default=None, validator=_OPT_STR)


@attrs.frozen(kw_only=True)
class TableCell:
    """A table cell; ``header`` marks ``<th>``; ``align`` is ``left``, ``center``, ``right`` or None."""

    content: tuple[Inline, ...] = attrs.field(converter=_tuple, validator=_INLINES)
    header: bool = attrs.field(default=False, validator=_BOOL)
    align: str | None = attrs.field(default=None, validator=_OPT_STR)


@attrs.frozen(kw_only=True)
class TableRow:
    """A table row."""

    cells: tuple[TableCell, ...] = attrs.field(
        converter=_tuple, validator=tuple_of(lambda: (TableCell,), "a TableCell")
    )


@attrs.frozen(kw_only=True)
class Table:
    """A table: header rows (``<thead>``) and body rows."""

    head: tuple[TableRow, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(lambda: (TableRow,), "a TableRow")
    )
    rows: tuple[TableRow, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(lambda: (TableRow,), "a TableRow")
    )


@attrs.frozen(kw_only=True)
class ThematicBreak:
    """A horizontal rule."""


@attrs.frozen(kw_only=True)
class RawHtml:
    """Markup kept verbatim because it is unknown or unsafe (``<script>``, ``<style>``, event handlers).

    ``reason`` says why it was not turned into typed blocks.  Renderers leave it out unless the
    caller allows raw HTML.
    """

    html: str = attrs.field(validator=_STR)
    reason: str = attrs.field(default="unknown", validator=_STR)


@attrs.frozen(kw_only=True)
class Footnote:
    """A footnote's text (``[^label]: …`` in Markdown), referred to by :class:`FootnoteRef`."""

    label: str = attrs.field(validator=_STR)
    blocks: tuple[Block, ...] = attrs.field(converter=_tuple, validator=_BLOCKS)


Block = Union[Heading, Paragraph, ListBlock, Quote, Image, Embed, CodeBlock, Table, ThematicBreak, RawHtml, Footnote]


def child_blocks(block: Block) -> Sequence[Block] | None:
    """The blocks a container block holds, in order (a list's items' blocks, a quote's or a
    footnote's blocks); None for any other block.  Every walk of a body's blocks descends
    through it.

    >>> child_blocks(Quote(blocks=(Paragraph(content=(Text(text="a"),)),)))[0].content[0].text
    'a'
    """
    if isinstance(block, ListBlock):
        return [b for item in block.items for b in item.blocks]
    if isinstance(block, (Quote, Footnote)):
        return block.blocks
    return None


def _walk(blocks: Iterable[Block]) -> Iterator[Block]:
    stack: list[Iterator[Block]] = [iter(blocks)]
    while stack:
        block = next(stack[-1], None)
        if block is None:
            stack.pop()
            continue
        yield block
        inner = child_blocks(block)
        if inner is not None:
            stack.append(iter(inner))


def _headings(blocks: tuple[Block, ...]) -> list[Heading]:
    out: list[Heading] = []
    stack: list[Iterator[Block]] = [iter(blocks)]
    while stack:
        for block in stack[-1]:
            if type(block) is Paragraph:  # the most common block, checked first
                continue
            if isinstance(block, Heading):
                out.append(block)
                continue
            inner = child_blocks(block)
            if inner is not None:
                stack.append(iter(inner))
                break
        else:
            stack.pop()
    return out


#: How deeply a body's containers may nest: quotes, lists and footnotes among blocks, emphasis,
#: strong, strikethrough and links among inlines, counted together along one path (a list in a
#: quote is 2; a paragraph, a heading or a table adds nothing).  A :class:`Body` nested deeper is
#: refused; the parsers unwrap what lies deeper in their source (text kept).  Every function of
#: newsmodel works on a body at this depth, whatever it recurses through (the JSON decoder, the
#: serializer's hooks, renderers).
MAX_NESTING_DEPTH = 100

_BLOCK_CONTAINERS: frozenset[type] = frozenset((Quote, Footnote))
_INLINE_CONTAINERS: frozenset[type] = frozenset((Emphasis, Strong, Strikethrough, Link))
# the classes (exactly these, not subclasses) that nesting_depth counts or looks into
_DEEPER: frozenset[type] = frozenset((Paragraph, Heading, ListBlock, Table)) | _BLOCK_CONTAINERS | _INLINE_CONTAINERS


def nesting_depth(blocks: Iterable[Block]) -> int:
    """How many containers nest along the deepest path of ``blocks`` (see :data:`MAX_NESTING_DEPTH`).

    Walks without recursion.

    >>> nesting_depth((Quote(blocks=(Paragraph(content=(Emphasis(children=(Text(text="x"),)),)),)),))
    2
    """
    deepest = 0
    # (nodes, depth of the containers around them); block and inline nodes share one stack.  Only
    # the classes of _DEEPER do anything below; nodes holding none of them are not put on it.
    stack: list[tuple[Iterable[Any], int]] = [(blocks, 0)]
    deeper = _DEEPER
    while stack:
        nodes, depth = stack.pop()
        for node in nodes:
            cls = type(node)
            if cls is Paragraph or cls is Heading:
                content = node.content
                for inline in content:
                    if type(inline) in deeper:
                        stack.append((content, depth))
                        break
            elif cls in _INLINE_CONTAINERS:
                if depth >= deepest:
                    deepest = depth + 1
                children = node.children
                for inline in children:
                    if type(inline) in deeper:
                        stack.append((children, depth + 1))
                        break
            elif cls is ListBlock:
                if depth >= deepest:
                    deepest = depth + 1
                stack.extend((item.blocks, depth + 1) for item in node.items)
            elif cls in _BLOCK_CONTAINERS:
                if depth >= deepest:
                    deepest = depth + 1
                stack.append((node.blocks, depth + 1))
            elif cls is Table:
                stack.extend((cell.content, depth) for row in (*node.head, *node.rows) for cell in row.cells)
    return deepest


def _check_depth(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Block, ...]) -> None:
    depth = nesting_depth(value)
    if depth > MAX_NESTING_DEPTH:
        raise InvalidValue(
            f"Body.blocks: containers nest {depth} levels deep (quotes, lists, emphasis and links; at most"
            f" {MAX_NESTING_DEPTH})",
            value=depth,
            where="blocks",
        )


@attrs.frozen(kw_only=True)
class Body(HtmlDisplay):
    """An article body: a tuple of blocks, nested at most :data:`MAX_NESTING_DEPTH` levels deep.

    >>> Body().is_empty
    True
    """

    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_tuple, validator=[_BLOCKS, _check_depth])

    @property
    def is_empty(self) -> bool:
        """True when the body has no blocks."""
        return not self.blocks

    def walk(self) -> Iterator[Block]:
        """Every block, depth first, nested list items and quotes included."""
        return _walk(self.blocks)

    def headings(self) -> Iterator[Heading]:
        """The headings in document order (top level and nested)."""
        return iter(_headings(self.blocks))
