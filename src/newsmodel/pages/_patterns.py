"""Permalink patterns as parsers of a path: the regex of a pattern, and a reader in linear time
for the patterns whose regex would backtrack (see "Linear time, part 3" in the design notes).

>>> pattern = _Pattern.compile("/%year%/%monthnum%/%postname%/")
>>> pattern.match("2025/12/seoul", {})
{'year': '2025', 'monthnum': '12', 'postname': 'seoul'}
>>> _read(_Pattern._items("%postname%-%post_id%", "", []), "a-b-12")
('a-b', '12')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from newsmodel.values.errors import InvalidValue

_TOKEN_RE = re.compile(r"%([a-z_]+)%")
#: How each token reads: ("digits", shortest, longest), a run of decimal digits (the regex's
#: ``\d``: Unicode category Nd, as ``str.isdecimal``); ("segment",) text without a "/" (``[^/]+``,
#: the longest that lets the rest match); ("lazy",) text without a line break, "/" allowed
#: (``.+?``, the shortest: a category's path).
_TOKEN_READING: dict[str, tuple[Any, ...]] = {
    "year": ("digits", 4, 4),
    "monthnum": ("digits", 1, 2),
    "day": ("digits", 1, 2),
    "hour": ("digits", 1, 2),
    "minute": ("digits", 1, 2),
    "second": ("digits", 1, 2),
    "week": ("digits", 1, 2),
    "postname": ("segment",),
    "post_id": ("segment",),
    "category": ("lazy",),
    "author": ("segment",),
    "tag": ("segment",),
    "search": ("segment",),
}
#: A pattern's text as items: ("literal", text) or a token's reading.
_Item = tuple[Any, ...]


def _item_regex(item: _Item) -> str:
    kind = item[0]
    if kind == "literal":
        return re.escape(str(item[1]))
    if kind == "digits":
        return rf"(\d{{{item[1]}}})" if item[1] == item[2] else rf"(\d{{{item[1]},{item[2]}}})"
    return r"([^/]+)" if kind == "segment" else r"(.+?)"


def _compiled(items: Sequence[_Item]) -> re.Pattern[str]:
    return re.compile("".join(_item_regex(item) for item in items))


def _ambiguous(items: Sequence[_Item]) -> bool:
    """Whether two tokens of unbounded length share a segment (between two "/"), or the category's
    ``.+?`` (which takes "/" too) comes twice: their regex then tries every split of the text
    between them when a match fails further on, quadratic in it, and cubic with three.  With one
    such token a segment and one category, each token has a single way to end where the rest
    matches."""
    if sum(item[0] == "lazy" for item in items) > 1:
        return True
    unbounded = 0
    for item in items:
        if item[0] == "literal":
            if "/" in item[1]:
                unbounded = 0
        elif item[0] != "digits":
            unbounded += 1
            if unbounded == 2:
                return True
    return False


def _read(items: Sequence[_Item], text: str) -> tuple[str, ...] | None:
    r"""The groups ``re.fullmatch`` of the items' regex gives for ``text``, None where it does not
    match, in time linear in the text (for every pattern, where the regex is not).

    From the last item to the first, ``ok[i][p]`` is whether items ``i…`` can read ``text[p:]`` to
    its end; then, from the first, each token takes the end the regex's backtracking would
    settle on: the first, in the order it tries them (the longest first for ``[^/]+`` and
    ``\d{1,2}``, the shortest first for ``.+?``), from which the rest can read the text."""
    n = len(text)
    slash = [n] * (n + 1)  # the first "/" at or after each position (n: none)
    line = [n] * (n + 1)  # the first line break at or after each position
    digits = [0] * (n + 1)  # how many decimal digits start at each position
    for p in range(n - 1, -1, -1):
        c = text[p]
        slash[p] = p if c == "/" else slash[p + 1]
        line[p] = p if c == "\n" else line[p + 1]
        digits[p] = digits[p + 1] + 1 if c.isdecimal() else 0
    ok = [bytearray(n + 1) for _ in range(len(items) + 1)]
    ok[-1][n] = 1
    for i in range(len(items) - 1, -1, -1):
        item, cur, nxt = items[i], ok[i], ok[i + 1]
        kind = item[0]
        if kind == "literal":
            size = len(item[1])
            for p in range(n - size + 1):
                if nxt[p + size] and text.startswith(item[1], p):
                    cur[p] = 1
        elif kind == "digits":
            for p in range(n + 1):
                for e in range(p + item[1], p + min(item[2], digits[p]) + 1):
                    if nxt[e]:
                        cur[p] = 1
                        break
        elif kind == "segment":  # an end e in (p, the next "/"] from which the rest reads
            last = -1
            last_ok = [-1] * (n + 1)
            for e in range(n + 1):
                if nxt[e]:
                    last = e
                last_ok[e] = last
            for p in range(n):
                if last_ok[slash[p]] > p:
                    cur[p] = 1
        else:  # lazy: an end e in (p, the next line break]
            first = n + 1
            for p in range(n - 1, -1, -1):
                if nxt[p + 1]:
                    first = p + 1
                if first <= line[p]:
                    cur[p] = 1
    if not ok[0][0]:
        return None
    groups: list[str] = []
    p = 0
    for i, item in enumerate(items):
        kind, nxt = item[0], ok[i + 1]
        if kind == "literal":
            p += len(item[1])
            continue
        if kind == "lazy":
            e = p + 1
            while not nxt[e]:
                e += 1
        else:
            e = slash[p] if kind == "segment" else p + min(item[2], digits[p])
            while not nxt[e]:
                e -= 1
        groups.append(text[p:e])
        p = e
    return tuple(groups)


@attrs.frozen
class _Reader:
    """The reading of a path or a query value: its regex, and its items where the regex would be
    ambiguous (:func:`_ambiguous`), which :func:`_read` then reads instead, in linear time."""

    regex: re.Pattern[str]
    items: tuple[_Item, ...] | None

    @classmethod
    def of(cls, items: Sequence[_Item]) -> _Reader:
        return cls(_compiled(items), tuple(items) if _ambiguous(items) else None)

    def groups(self, text: str) -> tuple[str | Any, ...] | None:
        """What ``self.regex.fullmatch(text).groups()`` gives, None where it does not match."""
        if self.items is not None:
            return _read(self.items, text)
        m = self.regex.fullmatch(text)
        return None if m is None else m.groups()


@attrs.frozen(kw_only=True)
class _Pattern:
    """A permalink pattern as a parser: the reading of the path (no leading or trailing slash) and
    of the query parameters it needs.  Where two tokens of unbounded length share a segment
    (``%postname%-%post_id%``), a text is read by :func:`_read` instead of the regex: the same
    groups, in linear time."""

    tokens: tuple[str, ...]
    path: _Reader
    # (parameter, the value's reading, its tokens): ``?p=%post_id%``, ``?m=%year%%monthnum%%day%``
    query: tuple[tuple[str, _Reader, tuple[str, ...]], ...]

    @staticmethod
    def _items(text: str, pattern: str, tokens: list[str]) -> list[_Item]:
        """``text`` (a path or a query value of ``pattern``) as items, its tokens appended."""
        items: list[_Item] = []
        pos = 0
        for m in _TOKEN_RE.finditer(text):
            if m.start() > pos:
                items.append(("literal", text[pos : m.start()]))
            token = m.group(1)
            if token not in _TOKEN_READING:
                raise InvalidValue(f"permalink {pattern!r}: unknown token %{token}%", value=pattern, where=token)
            items.append(_TOKEN_READING[token])
            tokens.append(token)
            pos = m.end()
        if pos < len(text):
            items.append(("literal", text[pos:]))
        return items

    @classmethod
    def compile(cls, pattern: str) -> _Pattern:
        path, _, query = pattern.partition("?")
        tokens: list[str] = []
        reader = _Reader.of(cls._items(path.strip("/"), pattern, tokens))
        params: list[tuple[str, _Reader, tuple[str, ...]]] = []
        for pair in filter(None, query.split("&")):
            name, _, value = pair.partition("=")
            value_tokens: list[str] = []
            params.append((name, _Reader.of(cls._items(value, pattern, value_tokens)), tuple(value_tokens)))
        return cls(tokens=tuple(tokens), path=reader, query=tuple(params))

    def match(self, path: str, query: dict[str, str]) -> dict[str, str] | None:
        groups = self.path.groups(path)
        if groups is None:
            return None
        values = dict(zip(self.tokens, groups, strict=True))
        for name, reader, tokens in self.query:
            found = reader.groups(query.get(name, "")) if name in query else None
            if found is None:
                return None
            values.update(zip(tokens, found, strict=True))
        return values
