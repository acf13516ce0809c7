"""Tables of contents built from a body's headings.

:func:`build_toc` turns the headings of a :class:`~newsmodel.values.body.Body` into a tree of
:class:`TocEntry` values with stable anchors (see :mod:`newsmodel.bodies.anchors`).  A heading that skips
a level (an ``h4`` after an ``h2``) becomes a child of the nearest shallower heading and keeps its
real level; no empty placeholder entries are made.  A body that starts at ``h3`` works the same.

>>> from newsmodel.values.body import Body, Heading, Text
>>> def h(level, text):
...     return Heading(level=level, content=(Text(text=text),))
>>> toc = build_toc(Body(blocks=(h(2, "Prospects"), h(4, "Detail"), h(2, "Closing Remarks"))),
...                 numbered=True)
>>> [(e.number, e.text, e.anchor, len(e.children)) for e in toc.entries]
[('1', 'Prospects', 'prospects', 1), ('2', 'Closing Remarks', 'closing-remarks', 0)]
>>> toc.entries[0].children[0].level, toc.entries[0].children[0].number
(4, '1.1')
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from newsmodel.bodies.anchors import _anchors_of
from newsmodel.values._validate import INTEGER, OPTIONAL_STRING, STRING, as_tuple, tuple_of
from newsmodel.values.body import Body
from newsmodel.values.errors import InvalidValue

__all__ = ["Toc", "TocEntry", "build_toc"]

#: Below this many headings (after level and pattern filtering) :func:`build_toc` returns None.
DEFAULT_MIN_HEADINGS = 2


@attrs.frozen(kw_only=True)
class TocEntry:
    """One entry: the heading's ``level`` (1-6), plain ``text``, ``anchor``, ``number`` and children.

    ``number`` is ``"1.2"``-style when the TOC was built with ``numbered=True``, else None.
    """

    level: int = attrs.field(validator=INTEGER)
    text: str = attrs.field(validator=STRING)
    anchor: str = attrs.field(validator=STRING)
    number: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    children: tuple[TocEntry, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(lambda: (TocEntry,), "a TocEntry")
    )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (children nested)."""
        return {
            "level": self.level,
            "text": self.text,
            "anchor": self.anchor,
            "number": self.number,
            "children": [c.to_dict() for c in self.children],
        }


def _walk(entries: tuple[TocEntry, ...]) -> Iterator[TocEntry]:
    stack: list[Iterator[TocEntry]] = [iter(entries)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        yield entry
        if entry.children:
            stack.append(iter(entry.children))


@attrs.frozen(kw_only=True)
class Toc:
    """A table of contents: top-level ``entries``, each with nested children.

    >>> from newsmodel.values.body import Body, Heading, Text
    >>> toc = build_toc(Body(blocks=(Heading(level=2, content=(Text(text="A & B"),)),
    ...                              Heading(level=3, content=(Text(text="C"),)))))
    >>> print(toc.to_html())
    <nav class="toc" aria-label="Table of Contents">
    <ul>
    <li><a href="#a--b">A &amp; B</a>
    <ul>
    <li><a href="#c">C</a></li>
    </ul>
    </li>
    </ul>
    </nav>
    """

    entries: tuple[TocEntry, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(TocEntry, "a TocEntry")
    )

    def __iter__(self) -> Iterator[TocEntry]:
        """Every entry, depth first (document order)."""
        return _walk(self.entries)

    def __len__(self) -> int:
        return sum(1 for _ in _walk(self.entries))

    @property
    def anchors(self) -> tuple[str, ...]:
        """The anchors of all entries in document order."""
        return tuple(e.anchor for e in self)

    def to_data(self) -> list[dict[str, Any]]:
        """The entries as JSON-ready data (a list of nested dicts)."""
        return [e.to_dict() for e in self.entries]

    def to_json(self, *, indent: int | None = None) -> str:
        """The entries as JSON text."""
        return json.dumps(self.to_data(), ensure_ascii=False, indent=indent)

    def to_html(
        self,
        *,
        ordered: bool = False,
        title: str | None = None,
        label: str = "Table of Contents",
        css_class: str = "toc",
    ) -> str:
        """An HTML ``<nav>`` with nested ``<ul>`` (or ``<ol>``) lists; every text is escaped.

        ``title`` adds a visible heading line; numbers (when numbered) prefix each entry's text.
        """
        tag = "ol" if ordered else "ul"
        esc = html.escape
        out = [f'<nav class="{esc(css_class)}" aria-label="{esc(label)}">']
        if title is not None:
            out.append(f'<p class="toc-title">{esc(title)}</p>')
        # iterative rendering: deep trees do not hit the recursion limit
        out.append(f"<{tag}>")
        stack: list[Iterator[TocEntry]] = [iter(self.entries)]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                out.append(f"</{tag}>")
                if stack:
                    out.append("</li>")
                continue
            prefix = f'<span class="toc-number">{esc(entry.number)}</span> ' if entry.number else ""
            link = f'<li>{prefix}<a href="#{esc(entry.anchor)}">{esc(entry.text)}</a>'
            if entry.children:
                out.append(link)
                out.append(f"<{tag}>")
                stack.append(iter(entry.children))
            else:
                out.append(link + "</li>")
        out.append("</nav>")
        return "\n".join(out)

    def _repr_html_(self) -> str:
        return self.to_html()


def _compile_exclude(exclude: str | re.Pattern[str] | Iterable[str | re.Pattern[str]] | None) -> list[re.Pattern[str]]:
    if exclude is None:
        return []
    items: Iterable[str | re.Pattern[str]]
    if isinstance(exclude, (str, re.Pattern)):
        items = (exclude,)
    else:
        items = exclude
    patterns: list[re.Pattern[str]] = []
    for item in items:
        try:
            patterns.append(item if isinstance(item, re.Pattern) else re.compile(item))
        except re.error as exc:
            raise InvalidValue(
                f"exclude: {item!r} is not a regular expression ({exc})", value=item, where="exclude"
            ) from exc
    return patterns


def build_toc(
    body: Body,
    *,
    style: str = "github",
    min_level: int = 1,
    max_level: int = 6,
    exclude: str | re.Pattern[str] | Iterable[str | re.Pattern[str]] | None = None,
    min_headings: int = DEFAULT_MIN_HEADINGS,
    numbered: bool = False,
) -> Toc | None:
    """The table of contents of ``body``, or None when it has fewer than ``min_headings`` entries.

    Anchors are computed over every heading of the body (so they match the ids
    :func:`newsmodel.bodies.render.render_html` writes), then headings outside ``min_level`` …
    ``max_level`` or whose text matches an ``exclude`` regular expression (``re.search``) are left
    out.  ``numbered`` gives entries ``1``, ``1.1``, ``1.2`` … by their place in the tree.
    """
    for name, value in (("min_level", min_level), ("max_level", max_level)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 6:
            raise InvalidValue(f"build_toc: {name}={value!r} is not a heading level 1-6", value=value, where=name)
    if min_level > max_level:
        raise InvalidValue(
            f"build_toc: min_level={min_level!r} is above max_level={max_level!r}", value=min_level, where="min_level"
        )
    if isinstance(min_headings, bool) or not isinstance(min_headings, int) or min_headings < 0:
        raise InvalidValue(
            f"build_toc: min_headings={min_headings!r} is not a count", value=min_headings, where="min_headings"
        )
    patterns = _compile_exclude(exclude)
    headings = tuple(body.headings())
    texts = [h.text for h in headings]
    anchors = _anchors_of(headings, texts, style)
    # Entries are frozen when they leave the stack (their children are complete by then).
    # An open entry: [level, text, anchor, number, finished children].
    roots: list[TocEntry] = []
    stack: list[list[Any]] = []
    count = 0

    def close() -> None:
        level, text, anchor, number, children = stack.pop()
        entry = TocEntry(
            level=level, text=text, anchor=anchor, number=number if numbered else None, children=tuple(children)
        )
        (stack[-1][4] if stack else roots).append(entry)

    for heading, text, anchor in zip(headings, texts, anchors, strict=True):
        level = heading.level
        if not min_level <= level <= max_level:
            continue
        if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
            text = " ".join(text.split())
        if patterns and any(p.search(text) for p in patterns):
            continue
        count += 1
        while stack and stack[-1][0] >= level:
            close()
        siblings = stack[-1][4] if stack else roots
        number = f"{stack[-1][3]}.{len(siblings) + 1}" if stack else str(len(siblings) + 1)
        stack.append([level, text, anchor, number, []])
    while stack:
        close()
    if count == 0 or count < min_headings:
        return None
    return Toc(entries=tuple(roots))
