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

The rule is applied piece by piece (each text and tag) in general, and chunk by chunk where every
tag is a plain named tag (a ``br`` too, or a one-line comment such as ``<!--more-->``) without a
line break and none is a kept element: most of a news export, in about a third of the time.  Both
give the same HTML (the tests compare them on real posts and random tag soups).

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


# the end tag of each kept element: its whole name, in any case (searched in the text itself: a
# lowercased copy is not aligned with it, "İ".lower() being two characters)
_END_TAG = {name: re.compile(rf"</{name}(?![A-Za-z0-9])", re.I | re.A) for name in _KEPT}


def _pieces(text: str) -> list[_Piece]:
    """``text`` cut into text and markup, each kept element (``pre`` …) whole."""
    out: list[_Piece] = []
    at = 0
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
                close = _END_TAG[name].search(text, end)
                stop = len(text) if close is None else text.find(">", close.start()) + 1 or len(text)
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


def _breaks(text: str, after_block: bool, before_tight: bool) -> str:
    """A text piece's line breaks as ``<br>`` and a line break, but its first one when the piece
    follows a block tag or a ``br`` and nothing but whitespace comes before it, and its last one when the piece
    precedes a tag of :data:`_NO_BREAK_BEFORE` and nothing but whitespace comes after it."""
    first = text.find("\n")
    if first < 0:
        return text
    last = text.rfind("\n")
    start = first + 1 if after_block and not text[:first].strip() else 0
    stop = last if before_tight and not text[last + 1 :].strip() else len(text)
    if start > stop:
        return text
    return text[:start] + text[start:stop].replace("\n", "<br>\n") + text[stop:]


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
        after_block = i > 0 and chunk[i - 1][0] in ("block", "br")
        after = chunk[i + 1] if i + 1 < len(chunk) else None
        before_tight = after is not None and after[0] == "block" and after[2].lstrip("/") in _NO_BREAK_BEFORE
        out.append(_breaks(text, after_block, before_tight))
    if not starts_block and significant[-1][0] != "block":
        out.append("</p>")
    return "".join(out)


# Text the chunk-level path below reads as the piece-level one does: every "<" opens a named tag or
# a comment of one line without "<" or ">" (``<!--more-->``, which ends at the tag's ">" and is a
# piece like an inline tag), no tag holds a "<" or a line break, and none is a kept element;
# anything else (a stray "<", a declaration …) takes the piece-level path.
_PIECEWISE = re.compile(
    r"<(?!/?[A-Za-z]|!--[^<>\n]*-->)|</?(?:pre|script|style|svg)(?![A-Za-z0-9])|<[^>]*[<\n]", re.I | re.A
)
# a br (opening or closing, as _NAME names it), and two with nothing but whitespace between them,
# which end a chunk in place of both.  The first of the two ends at its ">": a tag holds no "<" on
# this path (_PIECEWISE), so an unclosed one runs to the end of the text and no br can follow it.
# Written "[^>]*>?" like the second, it let the regular expression split the whitespace inside a br
# between the tag and the "\s*" after it in every way before failing: quadratic in that whitespace
# (65,536 spaces inside one br took 3.2 s).
_BR_START = r"</?[Bb][Rr](?![A-Za-z0-9])[^>]*"
_BR_TAG = _BR_START + ">?"
_BR = re.compile(f"({_BR_TAG})")
_DOUBLE_BR = re.compile(rf"{_BR_START}>\s*{_BR_TAG}")


def _trie(names: list[str]) -> str:
    """An alternation matching exactly ``names`` (lowercase ASCII), in either case, as a trie: a
    tag is tried letter by letter, not name by name (faster by a third than ``re.I`` and a list)."""
    heads: dict[str, list[str]] = {}
    for name in names:
        heads.setdefault(name[0], []).append(name[1:])
    alternatives = []
    for head, rests in sorted(heads.items()):
        letter = f"[{head.upper()}{head}]" if head.isalpha() else re.escape(head)
        longer = [r for r in rests if r]
        if not longer:
            alternatives.append(letter)
        else:
            alternatives.append(f"{letter}(?:{_trie(longer)}){'?' if '' in rests else ''}")
    return "|".join(alternatives)


# a block-level tag other than a kept one, as _NAME names it (ASCII letters, any case, the whole name)
_BLOCK = re.compile(r"(<(/?)(" + _trie(sorted(BLOCK_TAGS - _KEPT)) + r")(?![A-Za-z0-9])[^>]*>?)")


def _run(text: str, after_block: bool, before_tight: bool, first: bool, last: bool) -> str:
    """Text and inline tags between two of a chunk's bounds (its start or opening block tag, a
    ``br``, its end or closing block tag) with their line breaks as :func:`_render` writes them: a
    line break between two inline tags always becomes ``<br>`` and a line break; the text before
    the first tag (after a block tag or a ``br`` when ``after_block``) and after the last one
    (before a tight tag when ``before_tight``) by :func:`_breaks`; the chunk's leading line breaks
    dropped when the run is its ``first`` piece, its trailing ones when the ``last``."""
    if "\n" not in text:
        return text
    head_end = text.find("<")
    if head_end < 0:  # one text piece
        if first:
            text = text.lstrip("\n")
        return _breaks(text.rstrip("\n") if last else text, after_block, before_tight)
    tail_start = text.find(">", text.rfind("<")) + 1 or len(text)
    head = text[:head_end].lstrip("\n") if first else text[:head_end]
    tail = text[tail_start:].rstrip("\n") if last else text[tail_start:]
    middle = text[head_end:tail_start].replace("\n", "<br>\n")
    return _breaks(head, after_block, False) + middle + _breaks(tail, False, before_tight)


def _chunk(lead: str, content: str, trail: str, trail_name: str, brs: bool) -> str | None:
    """One chunk as :func:`_render` writes it, from its parts: an opening block tag it starts
    with (or ``""``), its content of text, inline tags and single ``br`` (no blank line, no two
    ``br`` with only whitespace between, no block tag, no tag holding a line break; ``brs`` when
    the text holds a ``br`` at all) and a closing block tag (or ``<hr>``) it ends with (or ``""``);
    None for a chunk with nothing but whitespace, which is left out."""
    plain = not content.strip()  # nothing but whitespace: the chunk starts with its block tag, if any
    if plain and not lead and not trail:
        return None
    if "\n" in content:
        tight = trail_name.lstrip("/") in _NO_BREAK_BEFORE if trail else False
        runs = _BR.split(content) if brs else [content]
        if len(runs) == 1:
            content = _run(content, bool(lead), tight, not lead, not trail)
        else:  # runs between br tags: after a br, a run's first line break is that of a block tag
            end = len(runs) - 1
            for j in range(0, len(runs), 2):
                runs[j] = _run(
                    runs[j], bool(lead) or j > 0, tight and j == end, not (lead or j), j == end and not trail
                )
            content = "".join(runs)
    if lead or plain:
        return lead + content + trail
    return "<p>" + content + (trail or "</p>")


def _fast(text: str) -> str | None:
    """:func:`_render` of every chunk of ``text``, chunk by chunk instead of piece by piece; None
    where a piece needs the piece-level rules (see :data:`_PIECEWISE`)."""
    if _PIECEWISE.search(text):
        return None
    brs = _BR.search(text) is not None
    parts = _BLOCK.split(text)
    out: list[str] = []
    lead = ""
    last = len(parts) - 1
    for at in range(0, len(parts), 4):
        content = parts[at]
        closing = at < last and (parts[at + 2] or parts[at + 3].lower() == "hr")
        if "\n" in content and not lead and not closing and not content.strip():
            content = ""  # whitespace between chunks: every chunk it makes is left out
        else:
            segments = _BREAKS.split(content) if "\n" in content else [content]
            if brs:  # two br in a row end the chunk too
                segments = [piece for segment in segments for piece in _DOUBLE_BR.split(segment)]
            for segment in segments[:-1]:  # a blank line (or two br) ends the chunk
                done = _chunk(lead, segment, "", "", brs)
                if done is not None:
                    out.append(done)
                lead = ""
            content = segments[-1]
        if closing:  # the tag ends the chunk, with it
            done = _chunk(lead, content, parts[at + 1], parts[at + 2] + parts[at + 3].lower(), brs)
            lead = ""
        else:
            done = _chunk(lead, content, "", "", brs) if lead or content else None
            if at < last:  # the tag starts the next chunk
                lead = parts[at + 1]
        if done is not None:
            out.append(done)
    return "\n".join(out)


def _piecewise(text: str) -> str:
    return "\n".join(_render(chunk) for chunk in _chunks(_pieces(text)))


def autop(content: str) -> str:
    """The HTML WordPress shows for classic ``content`` (see the module's rule)."""
    if not content.strip():
        return ""
    text = content.replace("\r\n", "\n").replace("\r", "\n") if "\r" in content else content
    fast = _fast(text)
    return _piecewise(text) if fast is None else fast
