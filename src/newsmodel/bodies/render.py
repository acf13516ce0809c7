"""Render a :class:`~newsmodel.values.body.Body` to HTML, Markdown and plain text.

- :func:`render_html` escapes every text and attribute, writes heading ids (anchors in a named
  style, ids the body already has kept), renders links only with safe URLs, and leaves raw blocks
  out unless ``allow_raw=True`` (then optionally through a ``sanitize`` callable such as
  :func:`newsmodel.bodies.sanitize.sanitize_html`).  :func:`newsmodel.bodies.htmlparse.parse_html` of its output
  gives the same blocks back.
- :func:`render_markdown` writes CommonMark (GFM tables and strikethrough, ``[^label]``
  footnotes, ``{#id}`` heading ids).
- :func:`render_text` writes plain text: one block per paragraph, for search and similarity.

>>> from newsmodel.values.body import Body, Heading, Paragraph, Text, Strong
>>> body = Body(blocks=(Heading(level=2, content=(Text(text="Closing <Remarks>"),)),
...                     Paragraph(content=(Text(text="A & B "), Strong(children=(Text(text="2026"),))))))
>>> print(render_html(body))
<h2 id="closing-remarks">Closing &lt;Remarks&gt;</h2>
<p>A &amp; B <strong>2026</strong></p>
>>> print(render_markdown(body))
## Closing \\<Remarks\\>
<BLANKLINE>
A \\& B **2026**
>>> print(render_text(body))
Closing <Remarks>
<BLANKLINE>
A & B 2026
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from html import escape

from newsmodel.bodies.anchors import heading_anchors
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
    Text,
    ThematicBreak,
    inline_text,
)
from newsmodel.values.safeurl import is_safe_url

__all__ = ["is_safe_url", "render_html", "render_markdown", "render_text"]


def _esc(text: str) -> str:
    return escape(text, quote=False)


def _attr(text: str) -> str:
    return escape(text, quote=True)


# --------------------------------------------------------------------------- HTML


#: The marks around their children, in each output format (one table a format, one walk each).
_HTML_MARKS: dict[type, tuple[str, str]] = {
    Emphasis: ("<em>", "</em>"),
    Strong: ("<strong>", "</strong>"),
    Strikethrough: ("<del>", "</del>"),
}
_MD_MARKS: dict[type, tuple[str, str]] = {Emphasis: ("*", "*"), Strong: ("**", "**"), Strikethrough: ("~~", "~~")}


def _inline_html(nodes: Iterable[Inline], out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            out.append(_esc(node.text))
        elif isinstance(node, (Emphasis, Strong, Strikethrough)):
            opening, closing = _HTML_MARKS[type(node)]
            out.append(opening)
            _inline_html(node.children, out)
            out.append(closing)
        elif isinstance(node, Code):
            out.append(f"<code>{_esc(node.text)}</code>")
        elif isinstance(node, Link):
            if is_safe_url(node.href):
                title = f' title="{_attr(node.title)}"' if node.title is not None else ""
                out.append(f'<a href="{_attr(node.href)}"{title}>')
                _inline_html(node.children, out)
                out.append("</a>")
            else:
                _inline_html(node.children, out)
        elif isinstance(node, LineBreak):
            out.append("<br>")
        elif isinstance(node, FootnoteRef):
            label = _attr(node.label)
            out.append(
                f'<sup class="footnote-ref"><a href="#fn-{label}" id="fnref-{label}">{_esc(node.label)}</a></sup>'
            )


def _cell_html(cell: TableCell) -> str:
    tag = "th" if cell.header else "td"
    style = f' style="text-align: {cell.align}"' if cell.align in ("left", "center", "right") else ""
    parts: list[str] = []
    _inline_html(cell.content, parts)
    return f"<{tag}{style}>{''.join(parts)}</{tag}>"


class _HtmlWriter:
    def __init__(self, anchors: Iterator[str] | None, allow_raw: bool, sanitize: Callable[[str], str] | None) -> None:
        self.anchors = anchors
        self.allow_raw = allow_raw
        self.sanitize = sanitize

    def blocks(self, blocks: Iterable[Block], out: list[str]) -> None:
        notes: list[Footnote] = []
        for block in blocks:
            if isinstance(block, Footnote):
                notes.append(block)
                continue
            if notes:
                self.footnotes(notes, out)
                notes = []
            self.block(block, out)
        if notes:
            self.footnotes(notes, out)

    def footnotes(self, notes: list[Footnote], out: list[str]) -> None:
        out.append('<section class="footnotes">')
        out.append("<ol>")
        for note in notes:
            blocks = note.blocks
            label = _attr(note.label)
            if blocks and isinstance(blocks[0], Paragraph):
                parts: list[str] = [f'<li id="fn-{label}">']
                _inline_html(blocks[0].content, parts)
                out.append("".join(parts))
                blocks = blocks[1:]
            else:
                out.append(f'<li id="fn-{label}">')
            self.blocks(blocks, out)
            out.append("</li>")
        out.append("</ol>")
        out.append("</section>")

    def block(self, block: Block, out: list[str]) -> None:
        if isinstance(block, Paragraph):
            parts: list[str] = ["<p>"]
            _inline_html(block.content, parts)
            parts.append("</p>")
            out.append("".join(parts))
        elif isinstance(block, Heading):
            anchor = next(self.anchors) if self.anchors is not None else block.id
            hid = f' id="{_attr(anchor)}"' if anchor else ""
            parts = [f"<h{block.level}{hid}>"]
            _inline_html(block.content, parts)
            parts.append(f"</h{block.level}>")
            out.append("".join(parts))
        elif isinstance(block, ListBlock):
            tag = "ol" if block.ordered else "ul"
            start = f' start="{block.start}"' if block.ordered and block.start is not None and block.start != 1 else ""
            out.append(f"<{tag}{start}>")
            for item in block.items:
                self.item(item, out)
            out.append(f"</{tag}>")
        elif isinstance(block, Quote):
            cite = f' cite="{_attr(block.cite)}"' if block.cite is not None and is_safe_url(block.cite) else ""
            out.append(f"<blockquote{cite}>")
            self.blocks(block.blocks, out)
            out.append("</blockquote>")
        elif isinstance(block, Image):
            out.append(self.image(block))
        elif isinstance(block, Embed):
            out.append(self.embed(block))
        elif isinstance(block, CodeBlock):
            lang = f' class="language-{_attr(block.language)}"' if block.language else ""
            out.append(f"<pre><code{lang}>{_esc(block.code)}</code></pre>")
        elif isinstance(block, Table):
            rows = ["<table>"]
            if block.head:
                rows.append("<thead>")
                rows.extend("<tr>" + "".join(_cell_html(c) for c in r.cells) + "</tr>" for r in block.head)
                rows.append("</thead>")
            if block.rows:
                rows.append("<tbody>")
                rows.extend("<tr>" + "".join(_cell_html(c) for c in r.cells) + "</tr>" for r in block.rows)
                rows.append("</tbody>")
            rows.append("</table>")
            out.append("\n".join(rows))
        elif isinstance(block, ThematicBreak):
            out.append("<hr>")
        elif isinstance(block, RawHtml):
            if self.allow_raw:
                out.append(self.sanitize(block.html) if self.sanitize is not None else block.html)
            elif block.reason == "more":
                out.append("<!--more-->")

    def item(self, item: ListItem, out: list[str]) -> None:
        blocks = item.blocks
        if blocks and isinstance(blocks[0], Paragraph):
            parts: list[str] = ["<li>"]
            _inline_html(blocks[0].content, parts)
            out.append("".join(parts))
            blocks = blocks[1:]
        else:
            out.append("<li>")
        self.blocks(blocks, out)
        out.append("</li>")

    def image(self, image: Image) -> str:
        src = f' src="{_attr(image.src)}"' if is_safe_url(image.src) else ""
        alt = f' alt="{_attr(image.alt)}"' if image.alt is not None else ""
        title = f' title="{_attr(image.title)}"' if image.title is not None else ""
        img = f"<img{src}{alt}{title}>"
        if image.caption is None and image.credit is None:
            return img
        caption = _esc(image.caption) if image.caption is not None else ""
        credit = f'<span class="credit">{_esc(image.credit)}</span>' if image.credit is not None else ""
        return f'<figure class="image">{img}<figcaption>{caption}{credit}</figcaption></figure>'

    def embed(self, embed: Embed) -> str:
        if self.allow_raw and embed.html is not None:
            return self.sanitize(embed.html) if self.sanitize is not None else embed.html
        provider = f' data-provider="{_attr(embed.provider)}"' if embed.provider is not None else ""
        label = embed.title or embed.url or ""
        if embed.url is not None and is_safe_url(embed.url):
            inner = f'<a href="{_attr(embed.url)}">{_esc(label)}</a>'
        else:
            inner = _esc(label)
        return f'<figure class="embed"{provider}>{inner}</figure>'


def render_html(
    body: Body,
    *,
    anchors: str | None = "github",
    allow_raw: bool = False,
    sanitize: Callable[[str], str] | None = None,
) -> str:
    """``body`` as HTML, one block per line.

    ``anchors`` names the anchor style for heading ids (:mod:`newsmodel.bodies.anchors`), or None to
    write only the ids headings already have.  Raw HTML and embed markup are written only with
    ``allow_raw=True``, through ``sanitize`` when given; otherwise an embed becomes a link to its
    URL and raw blocks are left out (a ``<!--more-->`` marker is kept).

    >>> from newsmodel.values.body import Body, RawHtml
    >>> render_html(Body(blocks=(RawHtml(html="<script>x()</script>", reason="script"),)))
    ''
    >>> render_html(Body(blocks=(RawHtml(html="<b>ok</b>"),)), allow_raw=True)
    '<b>ok</b>'
    """
    anchor_iter = iter(heading_anchors(body, style=anchors)) if anchors is not None else None
    out: list[str] = []
    _HtmlWriter(anchor_iter, allow_raw, sanitize).blocks(body.blocks, out)
    return "\n".join(out)


# --------------------------------------------------------------------------- plain text


def _plain(nodes: Iterable[Inline]) -> str:
    return inline_text(nodes, line_break="\n")


def _text_blocks(blocks: Iterable[Block], indent: str, out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            text = _plain(block.content)
            if text.strip():
                out.append(indent + text.replace("\n", "\n" + indent))
        elif isinstance(block, ListBlock):
            lines: list[str] = []
            for i, item in enumerate(block.items):
                marker = f"{(block.start or 1) + i}. " if block.ordered else "- "
                inner: list[str] = []
                _text_blocks(item.blocks, "", inner)
                text = "\n".join(inner) if inner else ""
                pad = " " * len(marker)
                lines.append(indent + marker + text.replace("\n", "\n" + indent + pad))
            if lines:
                out.append("\n".join(lines))
        elif isinstance(block, (Quote, Footnote)):
            _text_blocks(block.blocks, indent, out)
        elif isinstance(block, Image):
            if block.caption:  # the visible text; alt text is for when the image is missing
                out.append(indent + block.caption)
        elif isinstance(block, Embed):
            if block.title:
                out.append(indent + block.title)
        elif isinstance(block, CodeBlock):
            if block.code.strip():
                out.append(block.code.rstrip("\n"))
        elif isinstance(block, Table):
            rows = [*block.head, *block.rows]
            text = "\n".join(indent + "\t".join(_plain(c.content) for c in r.cells) for r in rows)
            if text.strip():
                out.append(text)


def render_text(body: Body) -> str:
    """The plain text of ``body``: blocks separated by blank lines, list items on their own lines.

    Raw HTML and embed markup are left out (an embed's title is kept); an image gives its caption
    (not its alt text, which is not shown).  Used for search, similarity and word counts.

    >>> from newsmodel.values.body import Body, ListBlock, ListItem, Paragraph, Text
    >>> item = lambda t: ListItem(blocks=(Paragraph(content=(Text(text=t),)),))
    >>> print(render_text(Body(blocks=(ListBlock(items=(item("One"), item("Two")), ordered=True),))))
    1. One
    2. Two
    """
    out: list[str] = []
    _text_blocks(body.blocks, "", out)
    return "\n\n".join(out)


# --------------------------------------------------------------------------- Markdown

_MD_ESCAPE = re.compile(r"([\\`*_\[\]<>!|~&])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def _md_escape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\\\1", text)


def _md_code(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = (
        " "
        if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip())
        else ""
    )
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_url(url: str) -> str:
    if re.search(r"[\s<>()]", url) or not url:
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _md_title(title: str) -> str:
    return '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _inline_md(nodes: Iterable[Inline], out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            out.append(_md_escape(node.text))
        elif isinstance(node, (Emphasis, Strong, Strikethrough)):
            opening, closing = _MD_MARKS[type(node)]
            out.append(opening)
            _inline_md(node.children, out)
            out.append(closing)
        elif isinstance(node, Code):
            out.append(_md_code(node.text))
        elif isinstance(node, Link):
            out.append("[")
            _inline_md(node.children, out)
            title = f" {_md_title(node.title)}" if node.title is not None else ""
            out.append(f"]({_md_url(node.href)}{title})")
        elif isinstance(node, LineBreak):
            out.append("\\\n")
        elif isinstance(node, FootnoteRef):
            out.append(f"[^{node.label}]")


def _md_inline_line(nodes: Iterable[Inline]) -> str:
    parts: list[str] = []
    _inline_md(nodes, parts)
    text = "".join(parts)
    return _MD_LINE_START.sub(
        lambda m: (
            m.group(1) + "\\" + m.group(2)
            if not m.group(2)[0].isdigit()
            else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1]
        ),
        text,
    )


def _md_blocks(blocks: Iterable[Block], out: list[str], *, allow_raw: bool) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            text = _md_inline_line(block.content)
            if text.strip():
                out.append(text)
        elif isinstance(block, Heading):
            hid = f" {{#{block.id}}}" if block.id and re.fullmatch(r"[^\s{}]+", block.id) else ""
            text = _md_inline_line(block.content).replace("\\\n", " ")
            # spaces at the ends of a heading's text survive CommonMark only as character references
            core = text.strip(" ")
            head, tail = len(text) - len(text.lstrip(" ")), len(text) - len(text.rstrip(" "))
            text = "&#x20;" * head + core + "&#x20;" * tail if core else "&#x20;" * len(text)
            out.append(f"{'#' * block.level} {text}{hid}".rstrip())
        elif isinstance(block, ListBlock):
            lines: list[str] = []
            for i, item in enumerate(block.items):
                marker = f"{(block.start or 1) + i}. " if block.ordered else "- "
                inner: list[str] = []
                _md_blocks(item.blocks, inner, allow_raw=allow_raw)
                pad = " " * len(marker)
                text = "\n\n".join(inner)
                text = "\n".join((pad + line) if line and n else line for n, line in enumerate(text.split("\n")))
                lines.append((marker + text).rstrip())
            out.append("\n".join(lines))
        elif isinstance(block, Quote):
            inner = []
            _md_blocks(block.blocks, inner, allow_raw=allow_raw)
            text = "\n\n".join(inner)
            out.append("\n".join(("> " + line) if line else ">" for line in text.split("\n")))
        elif isinstance(block, Image):
            title = f" {_md_title(block.title)}" if block.title is not None else ""
            out.append(f"![{_md_escape(block.alt or '')}]({_md_url(block.src)}{title})")
            if block.caption:
                out.append("*" + _md_escape(block.caption) + "*")
        elif isinstance(block, Embed):
            if allow_raw and block.html is not None:
                out.append(block.html)
            elif block.url is not None:
                out.append(f"[{_md_escape(block.title or block.url)}]({_md_url(block.url)})")
        elif isinstance(block, CodeBlock):
            longest = max((len(m) for m in re.findall(r"^`{3,}", block.code, re.MULTILINE)), default=2)
            fence = "`" * max(3, longest + 1)
            code = block.code if block.code.endswith("\n") or not block.code else block.code + "\n"
            out.append(f"{fence}{block.language or ''}\n{code}{fence}")
        elif isinstance(block, Table):
            rows = [*block.head, *block.rows]
            if not rows:
                continue
            width = max(len(r.cells) for r in rows)

            def cell(c: TableCell) -> str:
                # Text escapes "|" already; a code span's pipe needs its own backslash in GFM tables
                parts: list[str] = []
                for node in c.content:
                    piece = _md_inline_line((node,))
                    parts.append(piece.replace("|", "\\|") if isinstance(node, Code) else piece)
                return "".join(parts).replace("\\\n", " ")

            header = block.head[0] if block.head else None
            head_cells = [cell(c) for c in header.cells] if header else [""] * width
            head_cells += [""] * (width - len(head_cells))
            aligns = [c.align for c in header.cells] if header else [None] * width
            aligns += [None] * (width - len(aligns))
            sep = {"left": ":---", "center": ":---:", "right": "---:", None: "---"}
            lines = ["| " + " | ".join(head_cells) + " |", "| " + " | ".join(sep[a] for a in aligns) + " |"]
            for r in (block.head[1:] if header else ()) + block.rows:
                cells = [cell(c) for c in r.cells] + [""] * (width - len(r.cells))
                lines.append("| " + " | ".join(cells) + " |")
            out.append("\n".join(lines))
        elif isinstance(block, Footnote):
            inner = []
            _md_blocks(block.blocks, inner, allow_raw=allow_raw)
            text = "\n\n".join(inner)
            lines = text.split("\n")
            body = "\n".join([lines[0], *(("    " + line) if line else line for line in lines[1:])])
            out.append(f"[^{block.label}]: {body}".rstrip())
        elif isinstance(block, ThematicBreak):
            out.append("---")
        elif isinstance(block, RawHtml):
            if block.reason == "more":
                out.append("<!--more-->")
            elif allow_raw:
                out.append(block.html)


def render_markdown(body: Body, *, allow_raw: bool = False) -> str:
    """``body`` as CommonMark (GFM tables and strikethrough, footnote references).

    Raw HTML blocks are written only with ``allow_raw=True`` (a ``<!--more-->`` marker is kept);
    an embed becomes a link.  Heading ids are written as ``{#id}``.

    >>> from newsmodel.values.body import Body, Heading, Text
    >>> render_markdown(Body(blocks=(Heading(level=3, content=(Text(text="1. Intro"),), id="intro"),)))
    '### 1\\\\. Intro {#intro}'
    """
    out: list[str] = []
    _md_blocks(body.blocks, out, allow_raw=allow_raw)
    return "\n\n".join(out)
