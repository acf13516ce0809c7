"""WordPress's automatic paragraphs: the markup a classic-editor post is shown with.

A post written in WordPress's classic editor is stored without ``<p>``: a blank line ends a
paragraph and a single line break is a ``<br>``; WordPress adds the markup each time it shows the
post (``wpautop()`` in ``wp-includes/formatting.php``, hooked to ``the_content`` in
``wp-includes/default-filters.php``).  Since WordPress 5.0 a post made of blocks (one holding a
``<!-- wp:`` comment, ``has_blocks()``) is shown without it (``do_blocks()`` unhooks it for that
post).  A WXR export holds the stored content, so :func:`autop` gives the HTML WordPress shows
before it is read into typed blocks; the REST API's ``content.rendered`` already has it.

The rule, as ``wpautop`` applies it:

- an opening block-level tag (``div``, ``p``, ``ul``, ``li``, ``h1``-``h6``, ``blockquote``,
  ``table`` and its parts, ``pre``, ``figure`` … the list of :data:`BLOCK_TAGS`) starts a new
  chunk, a closing one (and ``<hr>``) ends one, and so do a blank line and two ``<br>`` in a row;
- a chunk is wrapped in ``<p>`` unless it starts with a block-level tag (then it is left as it
  is, and a ``<p>`` it opened is closed by its parent's end tag, as an HTML parser closes it);
- inside a chunk a line break becomes ``<br>``, except right after a block-level tag or a
  ``<br>``, right before the opening or closing tag of ``p``, ``li``, ``div``, ``dl``, ``dd``,
  ``dt``, ``th``, ``pre``, ``td``, ``ul`` or ``ol``, and inside a tag, a comment, or a ``pre``,
  ``script``, ``style`` or ``svg`` element (``pre`` is kept exactly as written);
- content of whitespace only is empty.

``wpautop`` also splits a ``script`` or ``style`` element that holds a blank line into
paragraphs; here such an element is kept whole (it becomes raw HTML either way).

>>> autop("First line\\nsecond line.\\n\\nNext paragraph.")
'<p>First line<br>\\nsecond line.</p>\\n<p>Next paragraph.</p>'
>>> autop("<ul>\\n<li>one</li>\\n<li>two</li>\\n</ul>")
'<ul>\\n<li>one</li>\\n<li>two</li>\\n</ul>'
"""

from __future__ import annotations

import re

__all__ = ["BLOCK_TAGS", "autop", "has_blocks"]

#: The tags ``wpautop`` treats as block-level (its ``$allblocks``).
BLOCK_TAGS = frozenset(
    (
        *("table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td", "th"),
        *("div", "dl", "dd", "dt", "ul", "ol", "li", "pre", "form", "map", "area", "blockquote", "address"),
        *("math", "style", "p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "fieldset", "legend", "section"),
        *("article", "aside", "hgroup", "header", "footer", "nav", "figure", "figcaption", "details", "menu"),
        "summary",
    )
)
# a line break before the opening or closing tag of these is no <br>
_NO_BREAK_BEFORE = frozenset(["p", "li", "div", "dl", "dd", "dt", "th", "pre", "td", "ul", "ol"])
# elements kept as they are written, up to their end tag
_KEPT = frozenset(("pre", "script", "style", "svg"))

# a comment (to its end, or the end of the text), a declaration or CDATA section, or a tag, as
# WordPress's wp_html_split() finds them: "<" and everything up to the next ">"
_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|<[^>]*>?", re.DOTALL)
_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_BREAKS = re.compile(r"\n\s*\n")  # a blank line: two line breaks with only whitespace between

# pieces of a chunk: (kind, text, tag name); kinds: "text", "tag", "block" (a block-level tag),
# "br", "kept" (markup whose line breaks stay)
_Piece = tuple[str, str, str]


def has_blocks(content: str) -> bool:
    """Whether ``content`` is made of blocks (holds ``<!-- wp:``, as ``has_blocks()`` asks)."""
    return "<!-- wp:" in content


def _pieces(text: str) -> list[_Piece]:
    """``text`` cut into text and markup, each kept element (``pre`` …) whole."""
    out: list[_Piece] = []
    at = 0
    lower = text.lower()
    while at < len(text):
        found = _MARKUP.search(text, at)
        if found is None:
            out.append(("text", text[at:], ""))
            break
        if found.start() > at:
            out.append(("text", text[at : found.start()], ""))
        markup = found.group()
        named = _NAME.match(markup)
        end = found.end()
        if named is None:  # a comment, a declaration, a "<" that opens no tag
            out.append(("kept" if markup.startswith("<!") else "text", markup, ""))
        else:
            closing, name = named.group(1) == "/", named.group(2).lower()
            if name in _KEPT and not closing:
                close = lower.find(f"</{name}", end)
                stop = len(text) if close < 0 else text.find(">", close) + 1 or len(text)
                out.append(("block" if name in BLOCK_TAGS else "kept", text[found.start() : stop], name))
                end = stop
            elif name in BLOCK_TAGS:
                out.append(("block", markup, ("/" if closing else "") + name))
            elif name == "br":
                out.append(("br", markup, "br"))
            else:
                out.append(("tag", markup, name))
        at = end
    return out


def _chunks(pieces: list[_Piece]) -> list[list[_Piece]]:
    """The pieces cut where ``wpautop`` puts a paragraph boundary."""
    chunks: list[list[_Piece]] = [[]]
    for piece in pieces:
        kind, text, name = piece
        if kind == "text":
            parts = _BREAKS.split(text)
            for j, part in enumerate(parts):
                if j:
                    chunks.append([])
                if part:
                    chunks[-1].append(("text", part, ""))
        elif kind == "block":
            opening = not name.startswith("/") and name != "hr"
            if opening:
                chunks.append([])
            chunks[-1].append(piece)
            if not opening or name in _KEPT:
                chunks.append([])
        elif kind == "br" and chunks[-1] and _previous_br(chunks[-1]):
            # two <br> in a row (whitespace between) end the chunk in place of both
            while chunks[-1][-1][0] != "br":
                chunks[-1].pop()
            chunks[-1].pop()
            chunks.append([])
        else:
            chunks[-1].append(piece)
    return [c for c in chunks if any(k != "text" or t.strip() for k, t, _ in c)]


def _previous_br(chunk: list[_Piece]) -> bool:
    for kind, text, _ in reversed(chunk):
        if kind == "br":
            return True
        if kind != "text" or text.strip():
            return False
    return False


def _render(chunk: list[_Piece]) -> str:
    """One chunk as ``wpautop`` writes it: wrapped in ``<p>`` unless it starts with a block tag,
    its line breaks as ``<br>``."""
    # trim the chunk's leading and trailing line breaks (wpautop trims "\n" from each chunk)
    if chunk[0][0] == "text":
        chunk = [("text", chunk[0][1].lstrip("\n"), ""), *chunk[1:]]
    if chunk[-1][0] == "text":
        chunk = [*chunk[:-1], ("text", chunk[-1][1].rstrip("\n"), "")]
    significant = [p for p in chunk if p[0] != "text" or p[1].strip()]
    starts_block = significant[0][0] == "block"
    out: list[str] = [] if starts_block else ["<p>"]
    for i, (kind, text, _) in enumerate(chunk):
        if kind != "text" or "\n" not in text:
            out.append(text)
            continue
        before = chunk[i - 1] if i else None
        after = chunk[i + 1] if i + 1 < len(chunk) else None
        lines = text.split("\n")
        pieces = [lines[0]]
        for n, line in enumerate(lines[1:], start=1):
            first_break = n == 1 and not lines[0].strip()
            last_break = n == len(lines) - 1 and not line.strip()
            no_br = (first_break and before is not None and before[0] in ("block", "br")) or (
                last_break and after is not None and after[0] == "block" and after[2].lstrip("/") in _NO_BREAK_BEFORE
            )
            pieces.append("\n" + line if no_br else "<br>\n" + line)
        out.append("".join(pieces))
    if not starts_block and significant[-1][0] != "block":
        out.append("</p>")
    return "".join(out)


def autop(content: str) -> str:
    """The HTML WordPress shows for classic ``content`` (see the module's rule)."""
    if not content.strip():
        return ""
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_render(chunk) for chunk in _chunks(_pieces(text)))
