"""Heading anchors by named style: ``github`` (default), ``python-markdown``, ``hugo``, ``wordpress``.

Each style is a pure function from a heading's plain text to a base anchor, plus a rule for
making anchors unique within one body.  :func:`heading_anchors` applies a style to every heading
of a :class:`~newsmodel.values.body.Body` in document order:

- ids the body already carries (``Heading.id``) are kept verbatim and reserved first, so a
  generated anchor never takes one of them;
- a generated anchor is never empty: a heading whose text slugs to nothing (emoji only,
  punctuation only) gets :data:`FALLBACK_ANCHOR` (``section``, then ``section-1`` …) in the
  ``github``, ``hugo`` and ``wordpress`` styles, and ``_1``, ``_2`` … in the ``python-markdown``
  style, as Python-Markdown does;
- anchors depend only on the headings before them (and the reserved ids), so appending a heading
  without an id never changes an earlier anchor.

>>> from newsmodel.values.body import Body, Heading, Text
>>> body = Body(blocks=(
...     Heading(level=2, content=(Text(text="Seoul’s Dilemma: U.S.-North Korea"),)),
...     Heading(level=2, content=(Text(text="Seoul’s Dilemma: U.S.-North Korea"),)),
... ))
>>> heading_anchors(body)
('seouls-dilemma-us-north-korea', 'seouls-dilemma-us-north-korea-1')
>>> heading_anchors(body, style="python-markdown")
('seouls-dilemma-us-north-korea', 'seouls-dilemma-us-north-korea_1')
>>> heading_anchors(body, style="wordpress")
('Seouls_Dilemma_US-North_Korea', 'Seouls_Dilemma_US-North_Korea_2')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from newsmodel.values.body import Body, Heading
from newsmodel.values.errors import InvalidValue

__all__ = [
    "ANCHOR_STYLES",
    "FALLBACK_ANCHOR",
    "AnchorStyle",
    "Slugger",
    "anchors_for",
    "anchors_of_headings",
    "github_slug",
    "heading_anchors",
    "hugo_slug",
    "python_markdown_slug",
    "wordpress_slug",
]

AnchorStyle = Literal["github", "python-markdown", "hugo", "wordpress"]

#: The named anchor styles, default first.
ANCHOR_STYLES: tuple[str, ...] = ("github", "python-markdown", "hugo", "wordpress")

#: The anchor given to a heading whose text slugs to nothing (``github``, ``hugo``, ``wordpress``).
FALLBACK_ANCHOR = "section"

# --------------------------------------------------------------------------- github

# Symbols (category So) that Unicode counts as Alphabetic (Other_Alphabetic): circled and
# squared Latin letters.  github-slugger keeps every Alphabetic character.
_SO_ALPHABETIC = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))

# the rule on ASCII: letters, digits, "_" (Pc), "-" and space stay; other characters one by one.
# The ASCII characters dropped are listed (every one but a-z, 0-9, "_", "-" and space): the same
# class written as a negation up to U+10FFFF took the regex compiler 3-4 ms in every process.
_GITHUB_ASCII_DROP = re.compile(r"[\x00-\x1f!-,./:-^`{-\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _github_keeps(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat[0] in "LM" or cat in ("Nd", "Nl", "Pc") or ch in " -":
        return True
    cp = ord(ch)
    return cat == "So" and any(lo <= cp <= hi for lo, hi in _SO_ALPHABETIC)


def _github_keep_match(m: re.Match[str]) -> str:
    ch = m.group()
    return ch if _github_keeps(ch) else ""


def github_slug(text: str) -> str:
    """GitHub's heading slug (github-slugger's rule), without the uniqueness suffix.

    Lowercases, keeps letters, marks, decimal digits, letter numbers, connector punctuation
    (``_``), ``-`` and spaces, drops every other character, and turns each space into ``-``.
    Non-Latin text is kept as it is.  May be empty (:func:`heading_anchors` adds a fallback).

    >>> github_slug("Prospects for a Trump-Kim Summit in 2026: Analyzing")
    'prospects-for-a-trump-kim-summit-in-2026-analyzing'
    >>> github_slug("서울의 딜레마")
    '서울의-딜레마'
    """
    lowered = _GITHUB_ASCII_DROP.sub("", text.lower())
    if not lowered.isascii():
        lowered = _NON_ASCII.sub(_github_keep_match, lowered)
    return lowered.replace(" ", "-")


# --------------------------------------------------------------------------- python-markdown

_PYMD_STRIP = re.compile(r"[^\w\s-]")
_PYMD_SEP = re.compile(r"[-\s]+")
_PYMD_COUNT = re.compile(r"^(.*)_([0-9]+)$")


def _pymd_next(anchor: str) -> str:
    """The anchor Python-Markdown's ``unique`` tries after ``anchor``: its ``_N`` suffix plus one
    (``x_9`` → ``x_10``, ``x_007`` → ``x_8``, as ``int`` reads it), or ``_1`` appended.  The number is
    incremented as decimal text, so a suffix of any length works (``int`` refuses more than
    4,300 digits, where Python-Markdown raises ``ValueError``)."""
    m = _PYMD_COUNT.match(anchor)
    if m is None:
        return f"{anchor}_1"
    number = m.group(2).lstrip("0")
    stop = len(number.rstrip("9"))  # the last digit that is not a 9 is number[stop - 1]
    if stop == 0:
        return f"{m.group(1)}_1{'0' * len(number)}"
    return f"{m.group(1)}_{number[: stop - 1]}{chr(ord(number[stop - 1]) + 1)}{'0' * (len(number) - stop)}"


def python_markdown_slug(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading's text (its default ``slugify``).

    NFKD-normalizes, drops what is not ASCII, removes what is not a word character, space or
    hyphen, strips, lowercases and turns each run of spaces and hyphens into one ``-``.

    >>> python_markdown_slug("Théâtre & Foo > bar")
    'theatre-foo-bar'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = _PYMD_STRIP.sub("", ascii_text).strip().lower()
    return _PYMD_SEP.sub("-", cleaned)


# --------------------------------------------------------------------------- hugo


def _hugo_lower(ch: str) -> str:
    # Go's unicode.ToLower is the simple 1:1 mapping: U+0130 (İ) becomes "i", not "i" + U+0307
    return ch.lower()[0]


def hugo_slug(text: str) -> str:
    """Hugo's default heading id (Goldmark ``autoHeadingIDType = "github"``), without the suffix.

    Trims surrounding whitespace, keeps letters, decimal digits, ``_`` and ``-`` (lowercased),
    turns each ASCII space into ``-`` and drops everything else (tabs and no-break spaces too).

    >>> hugo_slug("Special !\\"#$%&(parens)=?´* chars")
    'special-parens-chars'
    """
    out: list[str] = []
    for ch in text.strip():
        if ch == " " or ch == "-":
            out.append("-")
        elif ch == "_" or unicodedata.category(ch) == "Nd" or ch.isalpha():
            out.append(_hugo_lower(ch) if ch.isalpha() else ch)
    return "".join(out)


# --------------------------------------------------------------------------- wordpress

_WP_DROP = re.compile(r"[^\w\s-]")
_WP_SPACE = re.compile(r"\s+")


def wordpress_slug(text: str) -> str:
    """The anchor shape of WordPress's Easy Table of Contents plugin, without the suffix.

    Case is kept; accents are kept; characters other than letters, digits, ``_``, ``-`` and
    whitespace are removed; each run of whitespace becomes ``_``; trailing ``_`` and ``-`` are
    trimmed.

    >>> wordpress_slug("Seoul’s Dilemma: Navigating U.S.-North Korea Relations")
    'Seouls_Dilemma_Navigating_US-North_Korea_Relations'
    """
    cleaned = _WP_DROP.sub("", unicodedata.normalize("NFC", text)).strip()
    return _WP_SPACE.sub("_", cleaned).rstrip("_-")


# --------------------------------------------------------------------------- uniqueness


class Slugger:
    """Stateful unique-anchor maker for one body in one style.

    ``reserved`` ids are taken from the start.  :meth:`slug` returns the next unique anchor for a
    heading text; the same sequence of calls always gives the same anchors.

    >>> s = Slugger("github")
    >>> [s.slug(t) for t in ("echo", "echo", "echo 1", "echo-1", "echo")]
    ['echo', 'echo-1', 'echo-1-1', 'echo-1-2', 'echo-2']
    >>> s = Slugger("python-markdown")
    >>> [s.slug(t) for t in ("Header", "Header", "!!!")]
    ['header', 'header_1', '_1']
    """

    __slots__ = ("_base", "_jumps", "_occurrences", "_style", "_taken")

    def __init__(self, style: str = "github", reserved: Iterable[str] = ()) -> None:
        if style not in _BASES:
            raise InvalidValue(
                f"anchor style {style!r} is not one of {', '.join(ANCHOR_STYLES)}", value=style, where="style"
            )
        self._style = style
        self._base: Callable[[str], str] = _BASES[style]
        self._taken: set[str] = set(reserved)
        self._occurrences: dict[str, int] = dict.fromkeys(self._taken, 0)
        # python-markdown: an anchor of a walk -> the anchor that walk ended at (see _unique_pymd)
        self._jumps: dict[str, str] = {}

    @property
    def style(self) -> str:
        """The style's name."""
        return self._style

    def reserve(self, anchor: str) -> None:
        """Mark ``anchor`` as taken (an id the body already has)."""
        self._taken.add(anchor)
        self._occurrences.setdefault(anchor, 0)

    def slug(self, text: str) -> str:
        """The next unique anchor for a heading whose plain text is ``text``."""
        base = self._base(text)
        if self._style == "python-markdown":
            return self._unique_pymd(base)
        if not base:
            base = FALLBACK_ANCHOR
        if self._style == "wordpress":
            return self._unique_wordpress(base)
        return self._unique_github(base)

    def _unique_github(self, base: str) -> str:
        # github-slugger: count per original slug, suffix "-N" until free.
        result = base
        occ = self._occurrences
        while result in occ:
            occ[base] += 1
            result = f"{base}-{occ[base]}"
        occ[result] = 0
        self._taken.add(result)
        return result

    def _unique_pymd(self, base: str) -> str:
        # Python-Markdown's ``unique``: "_1" appended, or an existing "_N" suffix incremented, until
        # the anchor is free.  Each anchor has one next, so the anchors a walk passes form a chain;
        # the n-th heading of one text would walk n of them again.  Every anchor a walk passed
        # remembers where it ended: that one and all before it on the chain are taken (anchors are
        # never given back), so a later walk from it resumes there.
        anchor = base
        taken = self._taken
        jumps = self._jumps
        passed = []
        while anchor in taken or not anchor:
            passed.append(anchor)
            far = jumps.get(anchor)
            anchor = _pymd_next(anchor if far is None else far)
        taken.add(anchor)
        for name in passed:
            jumps[name] = anchor
        self._occurrences.setdefault(anchor, 0)
        return anchor

    def _unique_wordpress(self, base: str) -> str:
        anchor = base
        occ = self._occurrences
        if anchor in occ:
            n = max(occ[base], 1)
            while anchor in occ:
                n += 1
                anchor = f"{base}_{n}"
            occ[base] = n
        occ[anchor] = 0
        self._taken.add(anchor)
        return anchor


_BASES: dict[str, Callable[[str], str]] = {
    "github": github_slug,
    "python-markdown": python_markdown_slug,
    "hugo": hugo_slug,
    "wordpress": wordpress_slug,
}


def anchors_for(texts: Iterable[str], *, style: str = "github", reserved: Iterable[str] = ()) -> tuple[str, ...]:
    """Unique anchors for heading texts in order, in one style, avoiding ``reserved``.

    >>> anchors_for(["Intro", "Intro", ""])
    ('intro', 'intro-1', 'section')
    """
    slugger = Slugger(style, reserved)
    return tuple(slugger.slug(t) for t in texts)


def heading_anchors(body: Body, style: str = "github") -> tuple[str, ...]:
    """The anchor of every heading of ``body`` in document order (nested headings included).

    A heading that has an ``id`` keeps it; the others get a unique anchor in ``style``.

    >>> from newsmodel.values.body import Heading, Text
    >>> b = Body(blocks=(Heading(level=2, content=(Text(text="Intro"),), id="intro"),
    ...                  Heading(level=2, content=(Text(text="Intro"),))))
    >>> heading_anchors(b)
    ('intro', 'intro-1')
    """
    return anchors_of_headings(tuple(body.headings()), style=style)


def anchors_of_headings(headings: Sequence[Heading], *, style: str = "github") -> tuple[str, ...]:
    """:func:`heading_anchors` for headings already collected in document order."""
    return _anchors_of(headings, [h.text for h in headings], style)


def _anchors_of(headings: Sequence[Heading], texts: Sequence[str], style: str) -> tuple[str, ...]:
    """:func:`anchors_of_headings` given the headings' plain texts (``texts[i]`` is
    ``headings[i].text``), for a caller that needs the texts too."""
    slugger = Slugger(style, [h.id for h in headings if h.id])
    slug = slugger.slug
    return tuple([h.id or slug(text) for h, text in zip(headings, texts, strict=True)])
