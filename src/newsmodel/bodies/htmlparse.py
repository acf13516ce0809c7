"""HTML into :class:`~newsmodel.values.body.Body` blocks, with selectolax (the lexbor engine).

What WordPress ``content.rendered``, WXR ``content:encoded`` and feeds carry is parsed by a
WHATWG-conformant, tolerant parser (unclosed and misnested tags are repaired the way browsers do)
and walked without recursion, so 10,000 nested ``<div>`` elements cost no more than 10,000
paragraphs.

- Typed blocks: ``p``, ``h1``-``h6``, ``ul``/``ol``/``li``, ``blockquote``, ``pre``, ``table``,
  ``hr``, ``img``, ``figure`` (image with caption, or an embed); containers (``div``, ``section``,
  ``article`` …) are transparent.
- Inline marks: ``em``/``i``, ``strong``/``b``, ``del``/``s``, ``code``, ``a``, ``br`` and footnote
  references (``<sup>`` around a link to ``#fn…``); other inline elements (``span``, ``mark`` …)
  keep their text and drop the tag.
- Kept and marked, never passed through: ``iframe``/``video``/``audio``/``embed``/``object`` become
  :class:`~newsmodel.values.body.Embed`; ``script``, ``style``, forms, unknown block elements and any
  element with an ``on*`` event handler become :class:`~newsmodel.values.body.RawHtml` with a
  ``reason``; comments (``<!--more-->``, WordPress block comments) are kept as ``RawHtml`` with
  reason ``more`` or ``comment``.
- Whitespace: runs of ASCII whitespace become one space and block edges are trimmed (as a browser
  shows them); ``pre`` and ``code`` keep theirs, and headings their spaces and tabs within a line
  (the text their anchors are made from).  Lone surrogates become U+FFFD.

>>> body = parse_html('<h2 id="x">Closing &amp; <em>Remarks</em></h2><p>In conclusion.</p><!--more-->')
>>> body.blocks[0]
Heading(level=2, content=(Text(text='Closing & '), Emphasis(children=(Text(text='Remarks'),))), id='x')
>>> body.blocks[2]
RawHtml(html='<!--more-->', reason='more')
"""

from __future__ import annotations

import html as _html
import re
from typing import Any

from selectolax.lexbor import LexborNode

from newsmodel.bodies.htmlinline import (
    _CODE_TAGS,
    _EMBED_TAGS,
    _HEADINGS,
    _INLINE_MARKS,
    _INLINE_TRANSPARENT,
    _RAW_TAGS,
    _TRANSPARENT_BLOCKS,
    _WS,
    MAX_NESTING,
    _add_text,
    _attr,
    _block_content,
    _children,
    _classes,
    _collapse,
    _comment,
    _embed,
    _handler_in,
    _heading_text,
    _image,
    _inline,
    _inline_nodes,
    _Marker,
    _Piece,
    _provider,
    _simple_inline,
    _squash,
    _unmarked,
    clean_text,
)
from newsmodel.bodies.htmltree import MAX_SOURCE_DEPTH, limit_depth, parse_fragment
from newsmodel.values._validate import is_number
from newsmodel.values.body import (
    Block,
    Body,
    CodeBlock,
    Embed,
    Footnote,
    Heading,
    Image,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    RawHtml,
    Table,
    TableCell,
    TableRow,
    Text,
    ThematicBreak,
)

__all__ = [
    "MAX_NESTING",
    "MAX_SOURCE_DEPTH",
    "clean_text",
    "html_title",
    "html_to_text",
    "limit_depth",
    "parse_fragment",
    "parse_html",
    "text_as_html",
]

_FOOTNOTE_ID = re.compile(r"^fn[:\-_]?(.+)$")


def _footnotes(node: LexborNode, edges: bool) -> list[Block] | None:
    """Footnote definitions when every item of the ``<ol>`` has a footnote id, else None."""
    items = [c for c in _children(node) if c.is_element_node]
    if not items or any(c.tag != "li" for c in items):
        return None
    labels = []
    for li in items:
        m = _FOOTNOTE_ID.match(li.attributes.get("id") or "")
        if not m:
            return None
        labels.append(m.group(1))
    return [Footnote(label=label, blocks=_blocks(li, edges)) for label, li in zip(labels, items, strict=True)]


def _paragraphs(pieces: list[_Piece], out: list[Any]) -> None:
    """Paragraphs from an inline run into ``out``, markers in between as blocks."""
    for piece in pieces:
        if type(piece) is _Marker:
            break
    else:
        content = _block_content(pieces)
        if content:
            out.append(Paragraph(content=content))
        return
    run: list[_Piece] = []
    for piece in [*pieces, None]:
        if piece is None or type(piece) is _Marker:
            content = _block_content(run)
            if content:
                out.append(Paragraph(content=content))
            run = []
            if piece is not None:
                out.append(piece.block)
        elif type(piece) is str:
            _add_text(run, piece)
        else:
            run.append(piece)


def _heading(node: LexborNode, level: int, edges: bool) -> list[Block]:
    pieces = _inline(node, in_heading=True)
    markers = [p.block for p in pieces if type(p) is _Marker]
    content = _block_content(_unmarked(pieces) if markers else pieces, trim=not edges)
    hid = _attr(node, "id")
    if hid is None and node.first_child is not None and node.first_child.tag == "span":
        span = node.css_first("span.ez-toc-section[id]")
        if span is not None:
            hid = _attr(span, "id")
    if not content and hid is None and not markers:
        return []
    return [Heading(level=level, content=content, id=hid), *markers]


def _code_block(node: LexborNode) -> CodeBlock:
    language = None
    code = node.css_first("code")
    for source in (code, node):
        if source is None:
            continue
        for cls in _classes(source):
            if cls.startswith(("language-", "lang-")):
                language = cls.split("-", 1)[1] or None
                break
        if language:
            break
    return CodeBlock(code=node.text(deep=True) or "", language=language)


def _cell_align(node: LexborNode) -> str | None:
    align = (node.attributes.get("align") or "").lower()
    style = (node.attributes.get("style") or "").lower()
    m = re.search(r"text-align\s*:\s*(left|center|right)", style)
    if m:
        align = m.group(1)
    return align if align in ("left", "center", "right") else None


def _table(node: LexborNode) -> list[Block]:
    head: list[TableRow] = []
    rows: list[TableRow] = []
    extra: list[Block] = []
    before: list[Block] = []

    def row(tr: LexborNode, in_head: bool) -> None:
        cells: list[TableCell] = []
        for cell in _children(tr):
            if cell.tag not in ("td", "th"):
                continue
            pieces = _inline(cell)
            extra.extend(p.block for p in pieces if type(p) is _Marker)
            content = _block_content(_unmarked(pieces))
            cells.append(TableCell(content=content, header=cell.tag == "th", align=_cell_align(cell)))
        (head if in_head else rows).append(TableRow(cells=cells))

    for part in _children(node):
        tag = part.tag
        if tag == "caption":
            _paragraphs(_inline(part), before)
        elif tag in ("thead", "tbody", "tfoot"):
            for tr in _children(part):
                if tr.tag == "tr":
                    row(tr, tag == "thead")
        elif tag == "tr":
            row(part, False)
    return [*before, Table(head=head, rows=rows), *extra]


def _figure_parts(node: LexborNode) -> tuple[LexborNode | None, list[LexborNode], LexborNode | None, LexborNode | None]:
    """What :func:`_figure` reads of a figure, found in one walk of its elements in tree order:
    the first ``iframe, video, audio, embed, object``, every ``img``, the first ``figcaption``
    and the first ``a[href]`` (what those CSS selectors give, each a query of its own before)."""
    frame = caption = link = None
    images: list[LexborNode] = []
    for element in node.traverse():  # (the figure itself first: it is none of these)
        tag = element.tag
        if tag == "img":
            images.append(element)
        elif tag == "figcaption":
            if caption is None:
                caption = element
        elif tag == "a":
            if link is None and "href" in element.attributes:
                link = element
        elif tag in _EMBED_TAGS and frame is None:
            frame = element
    return frame, images, caption, link


def _credit(caption: LexborNode) -> LexborNode | None:
    """The first ``span.credit`` in a figure's caption (a class is a token of ASCII whitespace)."""
    for element in caption.traverse():
        if element.tag == "span" and "credit" in _WS.split(element.attributes.get("class") or ""):
            return element
    return None


def _figure(node: LexborNode) -> list[Block] | None:
    classes = _classes(node)
    frame, images, caption_node, link = _figure_parts(node)
    if "wp-block-embed" in classes or frame is not None:
        url = _attr(frame, "src") if frame is not None else None
        if url is None:
            wrapper = node.css_first(".wp-block-embed__wrapper")
            text = (wrapper.text(deep=True) if wrapper is not None else node.text(deep=True)) or ""
            url = text.strip() or None
        caption = _squash(caption_node.text(deep=True)) if caption_node is not None else None
        return [Embed(url=url, provider=_provider(url, node), html=node.html, title=caption or None)]
    if len(images) == 1:
        caption = credit = None
        if caption_node is not None:
            credit_node = _credit(caption_node)
            if credit_node is not None:
                credit = credit_node.text(deep=True) or ""
                credit_node.decompose()
            caption = _squash(caption_node.text(deep=True)) or None
        image = _image(images[0], caption)
        if credit is not None:
            image = Image(src=image.src, alt=image.alt, title=image.title, caption=image.caption, credit=credit)
        return [image]
    if "embed" in classes:
        url = _attr(link, "href") if link is not None else None
        label = _squash(node.text(deep=True)) or None
        return [Embed(url=url, provider=_attr(node, "data-provider"), title=label if label != url else None)]
    return None


class _BlockFrame:
    __slots__ = ("cur", "depth", "kind", "node", "out", "run")

    def __init__(
        self,
        cur: LexborNode | None,
        kind: str,
        node: LexborNode | None,
        out: list[Any],
        run: list[_Piece],
        depth: int = 0,
    ) -> None:
        self.cur = cur  # the next child to read
        self.depth = depth
        self.kind = kind  # "root" | "transparent" | "list" | "item" | "quote"
        self.node = node
        self.out = out
        self.run = run


def _close_block(frame: _BlockFrame, parent: _BlockFrame) -> None:
    node = frame.node
    assert node is not None
    if frame.kind == "list":
        items = [b for b in frame.out if type(b) is ListItem]
        start = None
        if node.tag == "ol":
            raw = (node.attributes.get("start") or "").strip()
            if is_number(raw.lstrip("-")) and int(raw) != 1 and len(raw) < 10:
                start = int(raw)
        if items:
            parent.out.append(ListBlock(items=items, ordered=node.tag == "ol", start=start))
        parent.out.extend(b for b in frame.out if type(b) is not ListItem)
    elif frame.kind == "item":
        parent.out.append(ListItem(blocks=tuple(frame.out)))
    elif frame.kind == "quote":
        parent.out.append(Quote(blocks=frame.out, cite=_attr(node, "cite")))


_SIMPLE_TEXT_BLOCKS = frozenset(("p", "li", *_HEADINGS))
_TABLE_PARTS = frozenset(("thead", "tbody", "tfoot", "tr", "td", "th", "caption"))
_INLINE_AT_BLOCK_LEVEL = frozenset(_INLINE_MARKS) | _CODE_TAGS | _INLINE_TRANSPARENT | {"a", "br"}


def _blocks(root_node: LexborNode, edges: bool = False) -> list[Block]:
    """The blocks of ``root_node``'s children; ``edges`` keeps the spaces at the ends of headings
    (Markdown, where CommonMark has already stripped those written as spaces, see :func:`_parse`)."""
    # The frame being read lives in locals (its out, run, kind and depth); the frames it is nested
    # in wait on ``stack``, each with ``cur`` pointing at the next child to read.
    frame = _BlockFrame(None, "root", None, [], [])
    root_out = frame.out
    stack: list[_BlockFrame] = []
    out = frame.out
    run = frame.run
    kind = "root"
    depth = 0
    child = root_node.first_child
    while True:
        if child is None:
            if run:
                _paragraphs(run, out)
                run.clear()
            if not stack:
                return root_out
            parent = stack.pop()
            if kind != "transparent":
                _close_block(frame, parent)
            frame = parent
            child = frame.cur
            out = frame.out
            run = frame.run
            kind = frame.kind
            depth = frame.depth
            continue
        node = child
        child = node.next
        text = node.text_content  # None unless a text node: cheaper than reading the tag first
        if text is not None:
            if run or text.strip(" \t\n\r\f"):
                _add_text(run, _collapse(text))
            continue
        tag = node.tag or ""
        if tag == "-text":
            continue  # an empty text node
        if tag == "-comment":
            if run:
                _paragraphs(run, out)
                run.clear()
            out.append(_comment(node))
            continue
        attributes = node.attributes
        if attributes and (reason := _handler_in(attributes)) is not None:
            if run:
                _paragraphs(run, out)
                run.clear()
            out.append(RawHtml(html=node.html or "", reason=reason))
            continue
        if tag in _INLINE_AT_BLOCK_LEVEL:
            # inline content at block level: part of the current run of text
            for piece in _inline_nodes(node, single=True):
                if type(piece) is str:
                    _add_text(run, piece)
                else:
                    run.append(piece)
            continue
        if run:
            _paragraphs(run, out)
            run.clear()
        deep = depth >= MAX_NESTING
        if tag in _SIMPLE_TEXT_BLOCKS:
            first = node.first_child
            text = first.text_content if first is not None else None
            if text is not None and first is not None and first.next is None:
                # fast path: an element holding one text node (most paragraphs, headings, items)
                if tag in _HEADINGS:
                    text = _heading_text(text if edges else text.strip(" \t\n\r\f"))
                    hid = attributes.get("id") or None
                    if text or hid is not None:
                        out.append(Heading(level=_HEADINGS[tag], content=(Text(text=text),) if text else (), id=hid))
                    continue
                text = text.strip(" \t\n\r\f")  # (an unclosed <li> leaves its line break in)
                if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
                    text = _WS.sub(" ", text)
                content = (Text(text=text),) if text else ()
                if tag == "p":
                    if content:
                        out.append(Paragraph(content=content))
                    continue
                if tag == "li" and kind == "list" and not deep:
                    out.append(ListItem(blocks=(Paragraph(content=content),) if content else ()))
                    continue
            if tag == "p":
                simple = _simple_inline(first)
                if simple is not None:
                    if simple:
                        out.append(Paragraph(content=simple))
                else:
                    _paragraphs(_inline(node), out)
                continue
        if tag in _HEADINGS:
            out.extend(_heading(node, _HEADINGS[tag], edges))
        elif tag in _RAW_TAGS:
            out.append(RawHtml(html=node.html or "", reason=tag))
        elif tag in _EMBED_TAGS:
            out.append(_embed(node))
        elif tag in ("ul", "ol", "menu"):
            notes = _footnotes(node, edges) if tag == "ol" else None
            if notes is not None:
                out.extend(notes)
            elif deep:
                frame.cur = child
                stack.append(frame)
                frame = _BlockFrame(None, "transparent", node, out, run, depth)
                kind = "transparent"
                child = node.first_child
            else:
                frame.cur = child
                stack.append(frame)
                depth += 1
                frame = _BlockFrame(None, "list", node, [], [], depth)
                out = frame.out
                run = frame.run
                kind = "list"
                child = node.first_child
        elif tag == "li":
            frame.cur = child
            stack.append(frame)
            if kind == "list":
                depth += 1
                frame = _BlockFrame(None, "item", node, [], [], depth)
                out = frame.out
                run = frame.run
                kind = "item"
            else:
                frame = _BlockFrame(None, "transparent", node, out, run, depth)
                kind = "transparent"
            child = node.first_child
        elif tag == "blockquote":
            frame.cur = child
            stack.append(frame)
            if deep:
                frame = _BlockFrame(None, "transparent", node, out, run, depth)
                kind = "transparent"
            else:
                depth += 1
                frame = _BlockFrame(None, "quote", node, [], [], depth)
                out = frame.out
                run = frame.run
                kind = "quote"
            child = node.first_child
        elif tag == "pre":
            out.append(_code_block(node))
        elif tag == "table":
            out.extend(_table(node))
        elif tag == "hr":
            out.append(ThematicBreak())
        elif tag == "img":
            out.append(_image(node))
        elif tag == "figure" and (fig := _figure(node)) is not None:
            out.extend(fig)
        elif (
            tag in _TRANSPARENT_BLOCKS
            or tag in _TABLE_PARTS
            or tag == "figure"
            # an element HTML does not define, with content (a custom element, or "<http://…>"
            # typed as text): a browser shows its content in place, so it is read through
            or (tag[:1] != "-" and node.first_child is not None)
        ):
            if tag == "div" and ("ez-toc-container" in _classes(node) or attributes.get("id") == "ez-toc-container"):
                out.append(RawHtml(html=node.html or "", reason="toc"))
                continue
            frame.cur = child
            stack.append(frame)
            frame = _BlockFrame(None, "transparent", node, out, run, depth)
            kind = "transparent"
            child = node.first_child
        elif tag[:1] != "-":  # an empty element HTML does not define (not a doctype or CDATA): kept
            out.append(RawHtml(html=node.html or "", reason=f"unknown element <{tag}>"))


def parse_html(html: str) -> Body:
    """Parse an HTML fragment (a post's content) into a :class:`~newsmodel.values.body.Body`.

    Never raises on malformed markup; text is never dropped (unknown or unsafe markup is kept in
    :class:`~newsmodel.values.body.RawHtml` or :class:`~newsmodel.values.body.Embed` blocks).

    >>> parse_html("<ul><li>One<li>Two</ul>").blocks[0].items[1]
    ListItem(blocks=(Paragraph(content=(Text(text='Two'),)),))
    >>> parse_html("<p>Hi<script>alert(1)</script></p>").blocks[1].reason
    'script'

    A heading keeps its runs of spaces (its anchor is made from them, as GitHub and Hugo do):

    >>> parse_html("<h2>Many   spaces  here</h2>").blocks[0].content
    (Text(text='Many   spaces  here'),)
    """
    if not isinstance(html, str):
        raise TypeError(f"parse_html expects str, got {type(html).__name__}")
    return _parse(html, heading_edges=False)


def _parse(html: str, *, heading_edges: bool) -> Body:
    """:func:`parse_html`; ``heading_edges`` keeps the spaces at the ends of headings.

    cmark-gfm's HTML of a Markdown heading has no space at its ends but those written as
    character references (CommonMark strips the rest: ``# &#x20;a`` is the text " a"), which
    GitHub's anchors keep (``-a``); in an HTML document they are ends of a block, trimmed."""
    html = clean_text(html)
    if not html.strip():
        return Body()
    body = parse_fragment(html)
    if body is None:  # pragma: no cover - lexbor always makes a body
        return Body()
    return Body(blocks=tuple(_blocks(body, heading_edges)))


def html_to_text(markup: str, *, separator: str = "") -> str:
    """The text a reader sees of a small piece of HTML (a title, an excerpt, a caption, a term
    name): tags out, entities decoded, runs of ASCII whitespace as one space, ends trimmed.

    The fragment is parsed in a document's body by the same parser as :func:`parse_html`, so a
    bare ``<`` stays text and ``&nbsp;`` stays a no-break space, as a browser shows them.

    >>> html_to_text("Trump&#8211;<em>Kim</em> 1 < 2")
    'Trump–Kim 1 < 2'
    >>> html_to_text("Media &amp; Text")
    'Media & Text'
    """
    markup = clean_text(markup)
    if not markup.strip():
        return ""
    if "<" not in markup and "&" not in markup:
        # No tag and no character reference: the HTML tokenizer's data state reads every other
        # character as text (NUL was replaced above), so the body holds this one text, with CR
        # and CR LF turned into LF, which _squash reads as any other run of whitespace.
        return _squash(markup)
    body = parse_fragment(markup)
    return _squash(body.text(deep=True, separator=separator) if body is not None else "")


def html_title(markup: str) -> tuple[str, str | None]:
    """A title given as HTML (WordPress ``post_title``, REST ``title.rendered``, a feed title of
    type html) as ``(text, markup)``: the text readers see, and the source markup when the text
    alone cannot give it back (``None`` when escaping ``&``, ``<`` and ``>`` of the text gives
    exactly the markup).

    >>> html_title("Media &amp; Text")
    ('Media & Text', None)
    >>> html_title("Title <em>With</em> Markup")
    ('Title With Markup', 'Title <em>With</em> Markup')
    >>> html_title("Trump&#8211;Kim")
    ('Trump–Kim', 'Trump&#8211;Kim')
    """
    text = html_to_text(markup)
    return text, (None if text_as_html(text) == markup else markup)


def text_as_html(text: str) -> str:
    """Plain text as HTML: ``&``, ``<`` and ``>`` escaped, quotes left as they are (what
    WordPress's ``_wp_specialchars`` does to a term name); :func:`html_title` reads it back.

    >>> text_as_html("A & B <3")
    'A &amp; B &lt;3'
    """
    return _html.escape(text, quote=False)
