"""HTML into :class:`~newsmodel.body.Body` blocks, with selectolax (the lexbor engine).

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
  :class:`~newsmodel.body.Embed`; ``script``, ``style``, forms, unknown block elements and any
  element with an ``on*`` event handler become :class:`~newsmodel.body.RawHtml` with a
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
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from newsmodel.body import (
    MAX_NESTING_DEPTH,
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
from newsmodel.htmltree import MAX_SOURCE_DEPTH, limit_depth, parse_fragment
from newsmodel.safeurl import LINK_SCHEMES, is_safe_url

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

#: Lists, list items and quotes nested deeper than this (together) are flattened into their
#: parent; their text is kept.  Half of :data:`~newsmodel.body.MAX_NESTING_DEPTH`, the other half
#: being for inline marks, so that what the parser makes is always a valid body.
MAX_NESTING = MAX_NESTING_DEPTH // 2
#: Inline marks nested deeper than this keep their text but lose the mark (the innermost mark
#: around one text may still come on top, and the count starts at the paragraph's frame).
MAX_INLINE_NESTING = MAX_NESTING_DEPTH // 2 - 2


_TRANSPARENT_BLOCKS = frozenset(
    [
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "center",
        "details",
        "summary",
        "dl",
        "dt",
        "dd",
        "hgroup",
        "address",
        "body",
        "html",
        "fieldset",
        "legend",
        "picture",
        "figcaption",
        "search",
    ]
)
_EMBED_TAGS = frozenset(("iframe", "video", "audio", "embed", "object"))
_RAW_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "link",
        "meta",
        "title",
        "head",
        "base",
        "svg",
        "math",
        "canvas",
        "frameset",
        "frame",
        "applet",
        "dialog",
        "slot",
    ]
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE_MARKS = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "del": "del", "s": "del", "strike": "del"}
_MARK_TYPES: dict[str, type[Emphasis] | type[Strong] | type[Strikethrough]] = {
    "em": Emphasis,
    "i": Emphasis,
    "strong": Strong,
    "b": Strong,
    "del": Strikethrough,
    "s": Strikethrough,
    "strike": Strikethrough,
}
_CODE_TAGS = frozenset(("code", "kbd", "samp", "tt"))
_INLINE_TRANSPARENT = frozenset(
    [
        "span",
        "mark",
        "small",
        "big",
        "u",
        "ins",
        "sub",
        "sup",
        "abbr",
        "cite",
        "q",
        "time",
        "font",
        "dfn",
        "var",
        "bdi",
        "bdo",
        "data",
        "label",
        "wbr",
        "nobr",
        "acronym",
        "rt",
        "rp",
        "ruby",
        "output",
        "meter",
        "progress",
    ]
)
_BLOCKISH = frozenset(
    {"p", "ul", "ol", "li", "blockquote", "pre", "table", "hr", "figure", "tr", "td", "th", "thead", "tbody", "tfoot"}
    | set(_HEADINGS)
    | _TRANSPARENT_BLOCKS
)
_WS = re.compile(r"[ \t\n\r\f]+")
_FOOTNOTE_HREF = re.compile(r"^#(?:fn[:\-_]?|footnote[:\-_]?)(.+)$")


def _squash(text: str | None) -> str:
    """Runs of ASCII whitespace as one space, ends trimmed (what a browser shows)."""
    return _WS.sub(" ", text or "").strip(" ")


def clean_text(text: str) -> str:
    """``text`` with lone surrogates and NUL characters replaced by U+FFFD (the rest unchanged).

    >>> clean_text("a\\ud800b")
    'a\\ufffdb'
    """
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")  # as browsers show it, instead of dropping it
    if text.isascii():
        return text  # no surrogates (a flag of the string: no scan)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.first_child
    while child is not None:
        yield child
        child = child.next


def _handler_in(attrs: dict[str, str | None]) -> str | None:
    """Why an element must be kept raw: ``event-handler`` for an ``on*`` attribute, ``unsafe-url``
    for a URL :func:`~newsmodel.safeurl.is_safe_url` refuses; None for neither."""
    for key, value in attrs.items():
        key = key.lower()
        if key.startswith("on"):
            return "event-handler"
        if key in _URL_ATTRIBUTES and value and not is_safe_url(value, LINK_SCHEMES):
            return "unsafe-url"
    return None


_URL_ATTRIBUTES = frozenset(("href", "src", "action", "formaction"))


def _classes(node: LexborNode) -> tuple[str, ...]:
    value = node.attributes.get("class")
    return tuple(value.split()) if value else ()


def _attr(node: LexborNode, name: str) -> str | None:
    value = node.attributes.get(name)
    return value if value else None


def _comment(node: LexborNode) -> RawHtml:
    markup = node.html or f"<!--{node.comment_content or ''}-->"
    content = (node.comment_content or "").strip()
    if content.lower() == "more" or content.lower().startswith("more "):
        return RawHtml(html=markup, reason="more")
    return RawHtml(html=markup, reason="comment")


def _provider(url: str | None, node: LexborNode) -> str | None:
    for cls in _classes(node):
        if cls.startswith("is-provider-"):
            return cls[len("is-provider-") :]
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def _embed(node: LexborNode) -> Embed:
    src = _attr(node, "src") or _attr(node, "data")
    if src is None and node.tag in ("video", "audio"):
        source = node.css_first("source[src]")
        src = _attr(source, "src") if source is not None else None
    return Embed(url=src, provider=_provider(src, node), html=node.html, title=_attr(node, "title"))


class _Marker:
    """A block found inside inline content (an image, embed or raw element): it splits the run."""

    __slots__ = ("block",)

    def __init__(self, block: Block) -> None:
        self.block = block


# Inline content is collected as a list of pieces: ``str`` for text (adjacent texts merged as
# they arrive), inline nodes other than Text, and _Marker for blocks found inside inline content.
_Piece = Any


def _collapse(text: str) -> str:
    if not text.isprintable() or "  " in text:
        return _WS.sub(" ", text)
    return text


# In a heading, spaces and tabs are kept as written: GitHub's and Hugo's anchors turn every space
# of the heading's text into "-" and drop tabs (github-slugger's ``slug()``, Hugo's
# ``sanitizeAnchorNameWithHook``), so "a  b" is "a--b" and "a<tab>b" is "ab" there.  A run with a
# line break in it is source formatting and reads as one space, as in any other block.
_FORMATTING_WS = re.compile(r"[ \t\n\r\f]*[\n\r\f][ \t\n\r\f]*")


def _heading_text(text: str) -> str:
    return _FORMATTING_WS.sub(" ", text) if not text.isprintable() else text


def _add_text(out: list[_Piece], text: str) -> None:
    if text:
        if out and type(out[-1]) is str:
            out[-1] += text
        else:
            out.append(text)


def _unmarked(pieces: list[_Piece]) -> list[_Piece]:
    """Pieces without markers, texts on either side of a removed marker merged."""
    out: list[_Piece] = []
    for piece in pieces:
        if type(piece) is str:
            _add_text(out, piece)
        elif type(piece) is not _Marker:
            out.append(piece)
    return out


def _nodes(pieces: list[_Piece]) -> tuple[Inline, ...]:
    """Pieces (no markers) as inline nodes, texts as :class:`Text`."""
    return tuple([Text(text=p) if type(p) is str else p for p in pieces])


def _trim_ends(pieces: list[Any]) -> None:
    """Strip spaces from the first and last pieces when they are text, dropping them if emptied (in place)."""
    if pieces and type(pieces[0]) is str:
        head = pieces[0].lstrip(" ")
        if head:
            pieces[0] = head
        else:
            del pieces[0]
    if pieces and type(pieces[-1]) is str:
        tail = pieces[-1].rstrip(" ")
        if tail:
            pieces[-1] = tail
        else:
            pieces.pop()


def _block_content(pieces: list[_Piece], *, trim: bool = True) -> tuple[Inline, ...]:
    """The inline content of one block: edges trimmed (unless not ``trim``), no spaces around line
    breaks.

    Never only line breaks: trailing ones are dropped, so what remains starts a line with text.
    """
    items = list(pieces)
    if trim:
        _trim_ends(items)
    for piece in items:
        if type(piece) is LineBreak:
            items = _around_breaks(items)
            break
    return tuple([Text(text=p) if type(p) is str else p for p in items])


def _around_breaks(items: list[_Piece]) -> list[_Piece]:
    # spaces around a line break do not show: drop them; so do trailing line breaks
    for i, node in enumerate(items):
        if type(node) is LineBreak:
            if i > 0 and type(items[i - 1]) is str:
                items[i - 1] = items[i - 1].rstrip(" ")
            if i + 1 < len(items) and type(items[i + 1]) is str:
                items[i + 1] = items[i + 1].lstrip(" ")
    items = [p for p in items if p != ""]
    while items and type(items[-1]) is LineBreak:
        items.pop()
        tail: Any = items[-1] if items else None
        if type(tail) is str:
            tail = tail.rstrip(" ")
            if tail:
                items[-1] = tail
            else:
                items.pop()
    return items


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


def _footnote_label(node: LexborNode) -> str | None:
    """The label of a footnote reference ``<sup><a href="#fn:1">1</a></sup>`` or None."""
    links = [c for c in _children(node) if not (c.is_text_node and not (c.text_content or "").strip())]
    if len(links) != 1 or links[0].tag != "a":
        return None
    link = links[0]
    m = _FOOTNOTE_HREF.match(link.attributes.get("href") or "")
    if not m:
        return None
    return m.group(1)


def _close(kind: str | None, elem: LexborNode | None, inner: list[_Piece], parent: list[_Piece]) -> None:
    """Close an inline frame: wrap its pieces in their mark and hoist markers after it."""
    markers = [p for p in inner if type(p) is _Marker]
    content = _unmarked(inner) if markers else inner
    if kind is None or kind == "block":
        if kind == "block":
            _add_text(parent, " ")
        for piece in content:
            if type(piece) is str:
                _add_text(parent, piece)
            else:
                parent.append(piece)
        if kind == "block":
            _add_text(parent, " ")
    elif content:
        if kind == "em":
            parent.append(Emphasis(children=_nodes(content)))
        elif kind == "strong":
            parent.append(Strong(children=_nodes(content)))
        elif kind == "del":
            parent.append(Strikethrough(children=_nodes(content)))
        else:  # "a"
            assert elem is not None
            attrs = elem.attributes
            title = attrs.get("title")
            parent.append(Link(href=attrs.get("href") or "", children=_nodes(content), title=title or None))
    parent.extend(markers)


def _inline_nodes(first: LexborNode | None, *, single: bool = False, in_heading: bool = False) -> list[_Piece]:
    """Inline pieces of ``first`` and its following siblings (only ``first`` when ``single``).

    Iterative: an explicit stack of [next node, kind, element, pieces] frames.
    """
    root: list[_Piece] = []
    stack: list[list[Any]] = [[first, None, None, root]]
    while stack:
        frame = stack[-1]
        child = frame[0]
        if child is None:
            stack.pop()
            if stack:
                _close(frame[1], frame[2], frame[3], stack[-1][3])
            continue
        frame[0] = None if (single and len(stack) == 1) else child.next
        out = frame[3]
        tag = child.tag or ""
        if tag == "-text":
            text = child.text_content or ""
            if in_heading:
                text = _heading_text(text)
            elif not text.isprintable() or "  " in text:
                text = _WS.sub(" ", text)
            if text:
                if out and type(out[-1]) is str:
                    out[-1] += text
                else:
                    out.append(text)
            continue
        if tag == "-comment":
            out.append(_Marker(_comment(child)))
            continue
        # other "-" nodes (a doctype, CDATA) have no children: they fall through harmlessly
        attrs = child.attributes
        if attrs and (reason := _handler_in(attrs)) is not None:
            out.append(_Marker(RawHtml(html=child.html or "", reason=reason)))
            continue
        if tag in _INLINE_MARKS or tag == "a":
            sub = child.first_child
            one_text = sub is not None and sub.next is None and sub.tag == "-text"
        if tag in _INLINE_MARKS:
            if one_text:  # fast path: a mark around one text
                text = _heading_text(sub.text_content or "") if in_heading else _collapse(sub.text_content or "")
                if text:
                    out.append(_MARK_TYPES[tag](children=(Text(text=text),)))
                continue
            deep = len(stack) > MAX_INLINE_NESTING
            stack.append([sub, None if deep else _INLINE_MARKS[tag], child, []])
            continue
        if tag == "a":
            href = attrs.get("href")
            if "footnote-backref" in (attrs.get("class") or "") or (href or "").startswith(("#fnref", "#ref-fn")):
                continue  # a footnote's "back to the text" link: navigation, not text
            if in_heading and "headerlink" in _classes(child):
                continue  # a permalink decoration (Python-Markdown, Sphinx), not heading text
            if one_text and href is not None:  # fast path: a link around one text
                text = _heading_text(sub.text_content or "") if in_heading else _collapse(sub.text_content or "")
                if text:
                    out.append(Link(href=href, children=(Text(text=text),), title=attrs.get("title") or None))
                continue
            deep = len(stack) > MAX_INLINE_NESTING
            stack.append([sub, None if deep or href is None else "a", child, []])
            continue
        if tag in _RAW_TAGS:
            out.append(_Marker(RawHtml(html=child.html or "", reason=tag)))
        elif tag in _EMBED_TAGS:
            out.append(_Marker(_embed(child)))
        elif tag == "img":
            out.append(_Marker(_image(child)))
        elif tag == "br":
            out.append(LineBreak())
        elif tag in _CODE_TAGS:
            code = child.text(deep=True) or ""
            if code:
                out.append(Code(text=code))
        else:
            if tag == "sup":
                label = _footnote_label(child)
                if label is not None:
                    out.append(FootnoteRef(label=label))
                    continue
            if tag == "span" and in_heading and not child.first_child and "ez-toc-section" in _classes(child):
                continue  # Easy TOC's anchor span; its id is read by the heading
            stack.append([child.first_child, "block" if tag in _BLOCKISH else None, child, []])
    return root


def _simple_inline(first: LexborNode | None) -> tuple[Inline, ...] | None:
    """Fast path for the usual paragraph: texts, and marks or links around one text each.

    Returns the block's content, or None as soon as anything else turns up (then the general
    walk does the work).
    """
    out: list[Any] = []
    child = first
    while child is not None:
        text = child.text_content  # None unless a text node: cheaper than reading the tag first
        if text is not None:
            if not text.isprintable() or "  " in text:
                text = _WS.sub(" ", text)
            if text:
                if out and type(out[-1]) is str:
                    out[-1] += text
                else:
                    out.append(text)
            child = child.next
            continue
        tag = child.tag
        if tag in _MARK_TYPES or tag == "a":
            sub = child.first_child
            if sub is None:
                return None
            text = sub.text_content
            if text is None or sub.next is not None:
                return None
            attrs = child.attributes
            if attrs and _handler_in(attrs) is not None:
                return None
            if not text.isprintable() or "  " in text:
                text = _WS.sub(" ", text)
            if tag == "a":
                href = attrs.get("href")
                if (
                    href is None
                    or href.startswith(("#fnref", "#ref-fn"))
                    or "footnote-backref" in (attrs.get("class") or "")
                ):
                    return None
                if text:
                    out.append(Link(href=href, children=(Text(text=text),), title=attrs.get("title") or None))
            elif text:
                out.append(_MARK_TYPES[tag](children=(Text(text=text),)))
        elif tag != "-text":  # (an empty text node has no text to add)
            return None
        child = child.next
    _trim_ends(out)
    return tuple([Text(text=p) if type(p) is str else p for p in out])


def _inline(node: LexborNode, *, in_heading: bool = False) -> list[_Piece]:
    """The inline pieces of ``node``'s children."""
    return _inline_nodes(node.first_child, in_heading=in_heading)


def _image(node: LexborNode, caption: str | None = None) -> Image:
    src = _attr(node, "src") or _attr(node, "data-src") or ""
    return Image(src=src, alt=node.attributes.get("alt"), title=_attr(node, "title"), caption=caption)


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


def _figure(node: LexborNode) -> list[Block] | None:
    classes = _classes(node)
    if "wp-block-embed" in classes or node.css_first("iframe, video, audio, embed, object") is not None:
        frame = node.css_first("iframe, video, audio, embed, object")
        url = _attr(frame, "src") if frame is not None else None
        if url is None:
            wrapper = node.css_first(".wp-block-embed__wrapper")
            text = (wrapper.text(deep=True) if wrapper is not None else node.text(deep=True)) or ""
            url = text.strip() or None
        caption_node = node.css_first("figcaption")
        caption = _squash(caption_node.text(deep=True)) if caption_node is not None else None
        return [Embed(url=url, provider=_provider(url, node), html=node.html, title=caption or None)]
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
        image = _image(images[0], caption)
        if credit is not None:
            image = Image(src=image.src, alt=image.alt, title=image.title, caption=image.caption, credit=credit)
        return [image]
    if "embed" in classes:
        link = node.css_first("a[href]")
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
            if raw.lstrip("-").isdigit() and int(raw) != 1 and len(raw) < 10:
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
                if not text.isprintable() or "  " in text:
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
        elif tag == "figure":
            fig = _figure(node)
            if fig is not None:
                out.extend(fig)
            else:
                frame.cur = child
                stack.append(frame)
                frame = _BlockFrame(None, "transparent", node, out, run, depth)
                kind = "transparent"
                child = node.first_child
        elif tag in _TRANSPARENT_BLOCKS or tag in _TABLE_PARTS:
            if tag == "div" and ("ez-toc-container" in _classes(node) or attributes.get("id") == "ez-toc-container"):
                out.append(RawHtml(html=node.html or "", reason="toc"))
                continue
            frame.cur = child
            stack.append(frame)
            frame = _BlockFrame(None, "transparent", node, out, run, depth)
            kind = "transparent"
            child = node.first_child
        elif tag[:1] != "-":  # not a doctype or CDATA node
            out.append(RawHtml(html=node.html or "", reason=f"unknown element <{tag}>"))


def parse_html(html: str) -> Body:
    """Parse an HTML fragment (a post's content) into a :class:`~newsmodel.body.Body`.

    Never raises on malformed markup; text is never dropped (unknown or unsafe markup is kept in
    :class:`~newsmodel.body.RawHtml` or :class:`~newsmodel.body.Embed` blocks).

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
