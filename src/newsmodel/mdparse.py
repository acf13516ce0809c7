"""Markdown into :class:`~newsmodel.body.Body` blocks, with markdown-it-py.

CommonMark with GFM tables and strikethrough and ``[^label]`` footnotes (mdit-py-plugins).  A
heading may end with ``{#id}`` to give its id.  Inline or block HTML inside the Markdown goes
through :func:`newsmodel.htmlparse.parse_html`, so ``<script>`` and friends are kept and marked
the same way.  The token stream is converted without recursion.

Nesting deeper than :data:`MAX_NESTING` (lists in lists in quotes …) is not parsed by
markdown-it; the lines it leaves out are kept as plain-text paragraphs, so no text is lost.

>>> body = parse_markdown("## Closing *Remarks* {#end}\\n\\n- one\\n- two [^1]\\n\\n[^1]: A note.")
>>> body.blocks[0]
Heading(level=2, content=(Text(text='Closing '), Emphasis(children=(Text(text='Remarks'),))), id='end')
>>> body.blocks[2]
Footnote(label='1', blocks=(Paragraph(content=(Text(text='A note.'),)),))
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from newsmodel.body import (
    Block,
    Body,
    Code,
    CodeBlock,
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
    ThematicBreak,
)
from newsmodel.htmlparse import clean_text, parse_html

__all__ = ["MAX_NESTING", "parse_markdown"]

#: markdown-it's nesting limit used here; deeper structure is kept as plain text.
MAX_NESTING = 64
#: Inline marks nested deeper than this keep their text but lose the mark.
MAX_INLINE_NESTING = 48

_HEADING_ID = re.compile(r"\s*\{#([^\s{}]+)\}\s*$")
_ALIGN = re.compile(r"text-align:\s*(left|center|right)")


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    return md


_MD = _make_parser()


class _Marker:
    __slots__ = ("block",)

    def __init__(self, block: Block) -> None:
        self.block = block


def _merge(pieces: list[Any]) -> list[Any]:
    out: list[Any] = []
    for piece in pieces:
        if isinstance(piece, Text):
            if not piece.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(text=out[-1].text + piece.text)
                continue
        out.append(piece)
    return out


def _inline(children: list[Token]) -> list[Any]:
    """Inline tokens to inline nodes (iterative); images become markers."""
    stack: list[tuple[str, dict[str, Any], list[Any]]] = [("root", {}, [])]
    for tok in children:
        kind = tok.type
        out = stack[-1][2]
        if kind == "text":
            out.append(Text(text=tok.content))
        elif kind == "softbreak":
            out.append(Text(text=" "))
        elif kind == "hardbreak":
            out.append(LineBreak())
        elif kind == "code_inline":
            out.append(Code(text=tok.content))
        elif kind in ("em_open", "strong_open", "s_open", "link_open"):
            # past the nesting limit a mark keeps its text and loses the mark
            stack.append((kind if len(stack) <= MAX_INLINE_NESTING else "plain", dict(tok.attrs), []))
        elif kind in ("em_close", "strong_close", "s_close", "link_close"):
            if len(stack) == 1:
                continue
            open_kind, attrs, inner = stack.pop()
            parent = stack[-1][2]
            markers = [p for p in inner if isinstance(p, _Marker)]
            content = tuple(_merge([p for p in inner if not isinstance(p, _Marker)]))
            if open_kind == "plain":
                parent.extend(content)
            elif content:
                if open_kind == "em_open":
                    parent.append(Emphasis(children=content))
                elif open_kind == "strong_open":
                    parent.append(Strong(children=content))
                elif open_kind == "s_open":
                    parent.append(Strikethrough(children=content))
                else:
                    title = attrs.get("title")
                    parent.append(
                        Link(href=str(attrs.get("href", "")), children=content, title=str(title) if title else None)
                    )
            parent.extend(markers)
        elif kind == "image":
            alt = "".join(c.content for c in (tok.children or []) if c.type in ("text", "code_inline")) or tok.content
            title = tok.attrs.get("title")
            out.append(_Marker(Image(src=str(tok.attrs.get("src", "")), alt=alt, title=str(title) if title else None)))
        elif kind == "footnote_ref":
            out.append(FootnoteRef(label=str(tok.meta.get("label", tok.meta.get("id", "")))))
        else:  # pragma: no cover - html_inline is routed through parse_html before we get here
            out.append(Text(text=tok.content))
    while len(stack) > 1:  # unbalanced (cannot happen with markdown-it, but never lose text)
        _, _, inner = stack.pop()
        stack[-1][2].extend(inner)
    return _merge(stack[0][2])


def _trim(items: list[Any]) -> tuple[Inline, ...]:
    items = list(items)
    while items and isinstance(items[0], Text):
        stripped = items[0].text.lstrip(" ")
        if stripped:
            items[0] = Text(text=stripped)
            break
        items.pop(0)
    while items and isinstance(items[-1], Text):
        stripped = items[-1].text.rstrip(" ")
        if stripped:
            items[-1] = Text(text=stripped)
            break
        items.pop()
    # spaces around a line break do not show: drop them
    for i, node in enumerate(items):
        if isinstance(node, LineBreak):
            before = items[i - 1] if i > 0 else None
            after = items[i + 1] if i + 1 < len(items) else None
            if isinstance(before, Text):
                items[i - 1] = Text(text=before.text.rstrip(" "))
            if isinstance(after, Text):
                items[i + 1] = Text(text=after.text.lstrip(" "))
    items = [n for n in items if not (isinstance(n, Text) and not n.text)]
    return tuple(items)


def _split_paragraph(pieces: list[Any]) -> list[Block]:
    blocks: list[Block] = []
    run: list[Any] = []
    for piece in [*pieces, None]:
        if piece is None or isinstance(piece, _Marker):
            content = _trim(_merge(run))
            if content and any(not isinstance(n, LineBreak) for n in content):
                blocks.append(Paragraph(content=content))
            run = []
            if piece is not None:
                blocks.append(piece.block)
        else:
            run.append(piece)
    return blocks


def _has_html(tok: Token) -> bool:
    return any(c.type == "html_inline" for c in tok.children or ())


def _inline_html(tok: Token, wrapper: str) -> list[Block]:
    """An inline run holding raw HTML: render it with markdown-it and read it back as HTML."""
    renderer: Any = _MD.renderer
    html: str = renderer.renderInline(tok.children or [], _MD.options, {})
    return list(parse_html(f"<{wrapper}>{html}</{wrapper}>").blocks)


def _paragraph_blocks(tok: Token) -> list[Block]:
    if _has_html(tok):
        return _inline_html(tok, "p")
    return _split_paragraph(_inline(tok.children or []))


def _heading_blocks(tok: Token, level: int) -> list[Block]:
    if _has_html(tok):
        blocks = _inline_html(tok, f"h{level}")
        pieces: list[Any] = []
        extra: list[Block] = []
        for b in blocks:
            if isinstance(b, Heading):
                pieces.extend(b.content)
            else:
                extra.append(b)
    else:
        raw = _inline(tok.children or [])
        pieces = [p for p in raw if not isinstance(p, _Marker)]
        extra = [p.block for p in raw if isinstance(p, _Marker)]
    hid = None
    if pieces and isinstance(pieces[-1], Text):
        m = _HEADING_ID.search(pieces[-1].text)
        if m:
            hid = m.group(1)
            rest = pieces[-1].text[: m.start()]
            pieces = [*pieces[:-1], Text(text=rest)] if rest else pieces[:-1]
    content = _trim(_merge(pieces))
    return [Heading(level=level, content=content, id=hid), *extra]


def _cell(tok: Token | None, style: Any, header: bool) -> TableCell:
    align = None
    if isinstance(style, str):
        m = _ALIGN.search(style)
        align = m.group(1) if m else None
    content: tuple[Inline, ...] = ()
    if tok is not None:
        pieces = _inline(tok.children or [])
        content = _trim(_merge([p for p in pieces if not isinstance(p, _Marker)]))
    return TableCell(content=content, header=header, align=align)


class _Frame:
    __slots__ = ("attrs", "kind", "map", "out")

    def __init__(self, kind: str, attrs: dict[str, Any], tmap: list[int] | None) -> None:
        self.kind = kind
        self.attrs = attrs
        self.map = tmap
        self.out: list[Any] = []


def _convert(tokens: list[Token]) -> list[Block]:
    stack: list[_Frame] = [_Frame("root", {}, None)]
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.type
        out = stack[-1].out
        if kind == "heading_open":
            level = int(tok.tag[1])
            out.extend(_heading_blocks(tokens[i + 1], level))
            i += 3
            continue
        if kind == "paragraph_open":
            out.extend(_paragraph_blocks(tokens[i + 1]))
            i += 3
            continue
        if kind in ("fence", "code_block"):
            info = tok.info.strip().split()[0] if tok.info and tok.info.strip() else None
            out.append(CodeBlock(code=tok.content, language=info))
        elif kind == "hr":
            out.append(ThematicBreak())
        elif kind == "html_block":
            out.extend(parse_html(tok.content).blocks)
        elif kind in ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open", "footnote_open"):
            frame = _Frame(kind, {**tok.attrs, **(tok.meta or {})}, tok.map)
            stack.append(frame)
        elif kind in (
            "bullet_list_close",
            "ordered_list_close",
            "list_item_close",
            "blockquote_close",
            "footnote_close",
        ):
            if len(stack) > 1:
                frame = stack.pop()
                parent = stack[-1].out
                if frame.kind == "list_item_open":
                    parent.append(ListItem(blocks=frame.out))
                elif frame.kind == "blockquote_open":
                    parent.append(Quote(blocks=frame.out))
                elif frame.kind == "footnote_open":
                    label = str(frame.attrs.get("label", frame.attrs.get("id", "")))
                    parent.append(Footnote(label=label, blocks=[b for b in frame.out if not isinstance(b, str)]))
                else:
                    ordered = frame.kind == "ordered_list_open"
                    start = None
                    if ordered and "start" in frame.attrs:
                        try:
                            start = int(frame.attrs["start"])
                        except (TypeError, ValueError):
                            start = None
                        if start == 1:
                            start = None
                    items = [b for b in frame.out if isinstance(b, ListItem)]
                    parent.append(ListBlock(items=items, ordered=ordered, start=start))
        elif kind == "table_open":
            j = i + 1
            head: list[TableRow] = []
            rows: list[TableRow] = []
            in_head = False
            cells: list[TableCell] = []
            while j < n and tokens[j].type != "table_close":
                t = tokens[j]
                if t.type == "thead_open":
                    in_head = True
                elif t.type == "thead_close":
                    in_head = False
                elif t.type == "tr_open":
                    cells = []
                elif t.type == "tr_close":
                    (head if in_head else rows).append(TableRow(cells=cells))
                elif t.type in ("th_open", "td_open"):
                    inline_tok = tokens[j + 1] if j + 1 < n and tokens[j + 1].type == "inline" else None
                    cells.append(_cell(inline_tok, t.attrs.get("style"), t.type == "th_open"))
                j += 1
            out.append(Table(head=head, rows=rows))
            i = j + 1
            continue
        # footnote_block_open/close, footnote_anchor and anything else carry no text
        i += 1
    while len(stack) > 1:  # defensive: unbalanced stream
        frame = stack.pop()
        stack[-1].out.extend(frame.out)
    return stack[0].out


_LEAF_TYPES = frozenset(("inline", "fence", "code_block", "html_block", "hr"))


def _uncovered_lines(tokens: list[Token], lines: list[str]) -> list[tuple[int, int]]:
    """Runs of non-blank source lines no leaf token covers (left out past the nesting limit)."""
    covered = bytearray(len(lines))
    for tok in tokens:
        if tok.map and (tok.type in _LEAF_TYPES or tok.type in ("heading_open", "table_open")):
            a, b = tok.map
            covered[a:b] = b"\x01" * (b - a)
    runs: list[tuple[int, int]] = []
    start = -1
    for idx, line in enumerate(lines):
        missing = not covered[idx] and line.strip() != ""
        if missing and start < 0:
            start = idx
        elif not missing and start >= 0:
            runs.append((start, idx))
            start = -1
    if start >= 0:
        runs.append((start, len(lines)))
    return runs


def parse_markdown(text: str) -> Body:
    """Parse Markdown (CommonMark, GFM tables and strikethrough, footnotes) into a Body.

    Never raises on odd input; no text is lost.

    >>> parse_markdown("| a | b |\\n|---|--:|\\n| 1 | 2 |").blocks[0].rows[0].cells[1]
    TableCell(content=(Text(text='2'),), header=False, align='right')
    >>> parse_markdown("") == Body()
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_markdown expects str, got {type(text).__name__}")
    text = clean_text(text)
    if not text.strip():
        return Body()
    tokens = _MD.parse(text)
    blocks = _convert(tokens)
    if any(t.level >= MAX_NESTING - 1 for t in tokens):
        lines = text.splitlines()
        for a, b in _uncovered_lines(tokens, lines):
            kept = " ".join(line.strip() for line in lines[a:b])
            blocks.append(Paragraph(content=(Text(text=kept),)))
    return Body(blocks=tuple(blocks))
