"""Reading HTML into lexbor's tree: a post's content as a fragment, its nesting bounded first.

The body reader (:mod:`newsmodel.bodies.htmlparse`) and the sanitizer (:mod:`newsmodel.bodies.sanitize`) read
HTML through :func:`parse_fragment`, so they see the same tree a browser builds.  lexbor's tree
builder walks its stack of open elements at every start tag, so a document nested n deep costs
time n²; :func:`limit_depth` unwraps what is nested past :data:`MAX_SOURCE_DEPTH` first, in one
linear scan that reads tags, raw text and comments as the HTML tokenizer does.

>>> parse_fragment("<div>" * 3 + "x").html
'<body><div><div><div>x</div></div></div></body>'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["MAX_SOURCE_DEPTH", "limit_depth", "parse_fragment"]

_PREFIX = "<!DOCTYPE html><html><head></head><body>"


#: Elements nested deeper than this in the source are unwrapped before parsing (their text kept):
#: the HTML tree builder checks the stack of open elements on every tag, so depth would cost
#: time quadratically.  Browsers cap DOM depth in the same way (Blink at 512).
MAX_SOURCE_DEPTH = 512


def _ascii_nocase(word: str) -> str:
    """A pattern matching ``word`` in any ASCII case (as the HTML tokenizer compares tag names)."""
    return "".join(f"[{c.upper()}{c}]" for c in word)


# The pre-scan's tokens.  As in the HTML tokenizer, a raw-text element's content (script data,
# RAWTEXT, RCDATA) and a comment hold no tags: a closed one is skipped whole, and an unclosed one
# runs to the end of the input, so the scan ends there.  <plaintext> never closes.
_RAW_NAMES = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext")
_NAME_END = "(?=[\t\n\f\r />])"  # where the tokenizer ends a tag name
_RAW_OPEN = re.compile("<(" + "|".join(_ascii_nocase(name) for name in _RAW_NAMES) + ")" + _NAME_END)
# an end tag's name ends as a start tag's does (</script foo> and </script/> close a script too)
_RAW_CLOSE = {name: re.compile("</" + _ascii_nocase(name) + _NAME_END) for name in _RAW_NAMES}
_COMMENT_CLOSE = re.compile("--!?>")  # the comment end and comment end bang states
_TAG_OPEN = re.compile("<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_TAG_CLOSE = re.compile(">")
_NONE = -1  # the end of a match that does not exist


def _tags(html: str) -> Iterator[tuple[int, int, str, bool]]:
    """``(start, end, lowercase name, is an end tag)`` of each tag outside raw text and comments.

    Linear: each search for a closing ``</script``, ``-->`` or ``>`` remembers where it found the
    next one (or that there is none), so an unclosed ``<a`` repeated n times costs n steps, not n
    scans to the end of the input.
    """
    size = len(html)
    # per pattern, (start, end) of its first match at or after the last position asked for
    # (positions only grow); an end of _NONE: there is none left
    found: dict[re.Pattern[str], tuple[int, int]] = {}

    def next_match(pattern: re.Pattern[str], pos: int) -> tuple[int, int]:
        known = found.get(pattern)
        if known is None or (known[1] >= 0 and known[0] < pos):
            m = pattern.search(html, pos)
            known = found[pattern] = (m.start(), m.end()) if m else (size, _NONE)
        return known

    find = html.find
    pos = 0
    while True:
        lt = find("<", pos)
        if lt < 0:
            return
        raw = _RAW_OPEN.match(html, lt)
        if raw is not None:
            name = raw.group(1).lower()
            opened = next_match(_TAG_CLOSE, raw.end())[1]
            if opened < 0 or name == "plaintext":
                return  # the start tag never ends, or its text runs to the end of the input
            close = next_match(_RAW_CLOSE[name], opened)[1]
            end = next_match(_TAG_CLOSE, close)[1] if close >= 0 else _NONE
            if end < 0:
                return  # unclosed: raw text to the end of the input
            pos = end  # a raw-text element, kept whole
            continue
        if html.startswith("<!--", lt):
            if html.startswith(">", lt + 4) or html.startswith("->", lt + 4):
                pos = lt + 5 if html[lt + 4] == ">" else lt + 6  # <!--> and <!---> are empty comments
                continue
            end = next_match(_COMMENT_CLOSE, lt + 4)[1]
            if end < 0:
                return  # unclosed: a comment to the end of the input
            pos = end
            continue
        tag = _TAG_OPEN.match(html, lt)
        if tag is not None:
            end = next_match(_TAG_CLOSE, tag.end())[1]
            if end >= 0:
                yield lt, end, tag.group(2).lower(), bool(tag.group(1))
                pos = end
                continue
        pos = lt + 1


_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param")
)
_INLINE_NAMES = frozenset(
    (
        "a",
        "b",
        "i",
        "em",
        "strong",
        "span",
        "font",
        "small",
        "big",
        "u",
        "s",
        "strike",
        "del",
        "ins",
        "code",
        "sub",
        "sup",
        "mark",
        "abbr",
        "cite",
        "q",
        "time",
        "nobr",
        "tt",
        "kbd",
        "samp",
        "var",
        "dfn",
        "bdi",
        "bdo",
        "label",
    )
)
# a start tag of one of these ends an open element of the same name (<p>a<p>b, <li>a<li>b),
# passing over the open elements listed
_SELF_CLOSING_SIBLINGS: dict[str, frozenset[str]] = {
    "p": _INLINE_NAMES,
    "option": _INLINE_NAMES,
    "li": _INLINE_NAMES | {"p"},
    "dt": _INLINE_NAMES | {"p", "dt", "dd"},
    "dd": _INLINE_NAMES | {"p", "dt", "dd"},
    "tr": _INLINE_NAMES | {"p", "td", "th"},
    "td": _INLINE_NAMES | {"p", "td", "th"},
    "th": _INLINE_NAMES | {"p", "td", "th"},
}


def limit_depth(html: str, limit: int = MAX_SOURCE_DEPTH) -> str:
    """``html`` with start and end tags past ``limit`` levels of nesting removed (text kept).

    One linear scan; a no-op for any document with fewer tags than ``limit``.

    The HTML tree builder walks its stack of open elements at every start tag, so a document
    nested n deep takes time n² to parse; everything lexbor reads from outside goes through this
    first (the body reader and the sanitizer).

    >>> limit_depth("<div>" * 3 + "x" + "</div>" * 3, limit=2)
    '<div><div>x</div></div>'
    """
    if html.count("<") <= limit:
        return html
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, bool]] = []  # (name, dropped)
    depth = 0
    for start, end, name, closing in _tags(html):
        if name in _VOID:
            continue
        drop = False
        if not closing:
            passable = _SELF_CLOSING_SIBLINGS.get(name)
            if passable is not None:
                # an open element of the same name ends here, if only elements that it ends too
                # are above it (<p>a<b>b<p>c, <tr><td>a<tr>): siblings, not nesting
                for i in range(len(stack) - 1, max(len(stack) - 9, -1), -1):
                    if stack[i][0] == name:
                        while len(stack) > i:
                            if not stack.pop()[1]:
                                depth -= 1
                        break
                    if stack[i][0] not in passable:
                        break
            drop = depth >= limit
            stack.append((name, drop))
            if not drop:
                depth += 1
        else:
            for i in range(len(stack) - 1, max(len(stack) - 17, -1), -1):
                if stack[i][0] == name:
                    drop = stack[i][1]
                    while len(stack) > i:
                        if not stack.pop()[1]:
                            depth -= 1
                    break
        if drop:
            out.append(html[pos:start])
            pos = end
    if not out:
        return html
    out.append(html[pos:])
    return "".join(out)


def parse_fragment(html: str) -> LexborNode | None:
    """The ``<body>`` element lexbor builds for an HTML fragment read as a post's content: in the
    body from its first character (leading spaces and ``<title>`` stay where they are written),
    with nesting past :data:`MAX_SOURCE_DEPTH` flattened first (:func:`limit_depth`).

    >>> parse_fragment(" <b>x</b>").html
    '<body> <b>x</b></body>'
    """
    return LexborHTMLParser(_PREFIX + limit_depth(html)).body
