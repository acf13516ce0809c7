"""The inline half of the HTML reader: text, marks, links, code, images and footnote references
inside one block, and the tables of which tags are blocks, inline marks, embeds or raw HTML.

:mod:`newsmodel.bodies.htmlparse` builds the blocks and calls the helpers here
for the content of each paragraph, heading, list item and cell.  Everything walks lexbor nodes
(:mod:`newsmodel.bodies.htmltree`) without recursion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from newsmodel.values.body import (
    MAX_NESTING_DEPTH,
    Block,
    Code,
    Embed,
    Emphasis,
    FootnoteRef,
    Image,
    Inline,
    LineBreak,
    Link,
    RawHtml,
    Strikethrough,
    Strong,
    Text,
)
from newsmodel.values.safeurl import LINK_SCHEMES, is_safe_url

__all__ = ["MAX_INLINE_NESTING", "MAX_NESTING", "clean_text"]

#: Lists, list items and quotes nested deeper than this (together) are flattened into their
#: parent; their text is kept.  Half of :data:`~newsmodel.values.body.MAX_NESTING_DEPTH`, the other half
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
    for a URL :func:`~newsmodel.values.safeurl.is_safe_url` refuses; None for neither."""
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


# Whether _WS.sub changes a text is tested with one substring search per case (two spaces, or one
# of the four other ASCII whitespace characters): each is a C scan of the text, together some
# three times faster on a paragraph's text than str.isprintable, which classifies every character.
# The same filter is written out where texts are read (_collapse, _inline_nodes, _simple_inline,
# htmlparse._blocks).
def _collapse(text: str) -> str:
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
        return _WS.sub(" ", text)
    return text


# In a heading, spaces and tabs are kept as written: GitHub's and Hugo's anchors turn every space
# of the heading's text into "-" and drop tabs (github-slugger's ``slug()``, Hugo's
# ``sanitizeAnchorNameWithHook``), so "a  b" is "a--b" and "a<tab>b" is "ab" there.  A run with a
# line break in it is source formatting and reads as one space, as in any other block.  A match
# starts only where a run of whitespace starts (a match takes its whole run): tried from every
# space of a long run without a line break, the leading "[ \t\n\r\f]*" rescanned the rest of the
# run each time, quadratic in the run.
_FORMATTING_WS = re.compile(r"(?<![ \t\n\r\f])[ \t\n\r\f]*[\n\r\f][ \t\n\r\f]*")


def _heading_text(text: str) -> str:
    return _FORMATTING_WS.sub(" ", text) if "\n" in text or "\r" in text or "\f" in text else text


def _add_text(out: list[_Piece], text: str) -> None:
    """``text`` appended to ``out``, joined to the text ending it.

    The text is taken out of the list to be extended: held only by a local name, CPython grows
    it in place (its in-place ``s += t``, an implementation detail of CPython), instead of copying
    it whole each time (``out[-1] += text``), which made a paragraph of many text pieces
    quadratic (see "Linear time, part 3" in the design notes).
    """
    if text:
        if out and type(out[-1]) is str:
            last = out.pop()
            last += text
            out.append(last)
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
    """Strip spaces and tabs (only a heading keeps tabs) from the first and last pieces when they are
    text, dropping them if emptied (in place)."""
    if pieces and type(pieces[0]) is str:
        head = pieces[0].lstrip(" \t")
        if head:
            pieces[0] = head
        else:
            del pieces[0]
    if pieces and type(pieces[-1]) is str:
        tail = pieces[-1].rstrip(" \t")
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
    # spaces (and a heading's tabs) around a line break do not show: drop them; so do trailing
    # line breaks
    for i, node in enumerate(items):
        if type(node) is LineBreak:
            if i > 0 and type(items[i - 1]) is str:
                items[i - 1] = items[i - 1].rstrip(" \t")
            if i + 1 < len(items) and type(items[i + 1]) is str:
                items[i + 1] = items[i + 1].lstrip(" \t")
    items = [p for p in items if p != ""]
    while items and type(items[-1]) is LineBreak:
        items.pop()
        tail: Any = items[-1] if items else None
        if type(tail) is str:
            tail = tail.rstrip(" \t")
            if tail:
                items[-1] = tail
            else:
                items.pop()
    return items


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
            elif "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
                text = _WS.sub(" ", text)
            _add_text(out, text)
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
    walk does the work).  The same content as the general walk: adjacent texts are merged into
    one :class:`Text` (``buf``), the first text loses its leading spaces and the last its
    trailing ones, and an emptied end text is left out.
    """
    out: list[Inline] = []
    buf = ""  # the text since the last mark or link
    child = first
    while child is not None:
        text = child.text_content  # None unless a text node: cheaper than reading the tag first
        if text is not None:
            if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
                text = _WS.sub(" ", text)
            buf += text
            child = child.next
            continue
        tag = child.tag
        mark = _MARK_TYPES.get(tag)  # type: ignore[arg-type]
        if mark is not None or tag == "a":
            sub = child.first_child
            if sub is None:
                return None
            text = sub.text_content
            if text is None or sub.next is not None:
                return None
            attrs = child.attributes
            if attrs and _handler_in(attrs) is not None:
                return None
            if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
                text = _WS.sub(" ", text)
            href = ""
            if mark is None:
                link = attrs.get("href")
                if (
                    link is None
                    or link.startswith(("#fnref", "#ref-fn"))
                    or "footnote-backref" in (attrs.get("class") or "")
                ):
                    return None
                href = link
            if text:
                if buf:
                    if not out:
                        buf = buf.lstrip(" ")
                    if buf:
                        out.append(Text(text=buf))
                    buf = ""
                if mark is None:
                    out.append(Link(href=href, children=(Text(text=text),), title=attrs.get("title") or None))
                else:
                    out.append(mark(children=(Text(text=text),)))
        elif tag != "-text":  # (an empty text node has no text to add)
            return None
        child = child.next
    if buf:
        if not out:
            buf = buf.lstrip(" ")
        buf = buf.rstrip(" ")
        if buf:
            out.append(Text(text=buf))
    return tuple(out)


def _inline(node: LexborNode, *, in_heading: bool = False) -> list[_Piece]:
    """The inline pieces of ``node``'s children."""
    return _inline_nodes(node.first_child, in_heading=in_heading)


def _image(node: LexborNode, caption: str | None = None) -> Image:
    attributes = node.attributes  # (a new dict at each read: read once)
    src = attributes.get("src") or attributes.get("data-src") or ""
    return Image(src=src, alt=attributes.get("alt"), title=attributes.get("title") or None, caption=caption)
