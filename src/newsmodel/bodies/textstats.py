"""Figures a page derives from a body: word count, reading time, excerpt, first image.

- :func:`word_count` counts words of the body's plain text (:func:`newsmodel.bodies.render.render_text`);
  CJK text (Han, Hiragana, Katakana, Hangul) counts one word per character, as Hugo does, and
  tokens of punctuation alone (list markers, dashes) do not count.
- :func:`reading_time` is never 0 minutes for a non-empty body, and gives an ISO 8601 duration
  for JSON-LD ``timeRequired``.
- :func:`excerpt` takes an article's explicit excerpt first, else the text before a
  ``<!--more-->`` marker, else cuts the text at a sentence or word boundary within a character
  budget (never mid-word; the result is plain text, so never mid-entity).

>>> from newsmodel.bodies.htmlparse import parse_html
>>> body = parse_html("<h2>Closing Remarks</h2><p>In conclusion, 2026 marks a pivotal moment.</p>")
>>> word_count(body)
9
>>> reading_time(body)
ReadingTime(minutes=1, words=9, wpm=200)
>>> reading_time(body).iso8601
'PT1M'
"""

from __future__ import annotations

import math
import re

import attrs

from newsmodel.bodies.render import render_text
from newsmodel.values._validate import INTEGER
from newsmodel.values.body import Body, Image, Paragraph, RawHtml
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import Article

__all__ = [
    "CJK_CHARACTERS",
    "DEFAULT_EXCERPT_BUDGET",
    "DEFAULT_WPM",
    "ReadingTime",
    "excerpt",
    "first_image",
    "reading_time",
    "word_count",
]

#: Words per minute :func:`reading_time` assumes unless told.
DEFAULT_WPM = 200
#: Characters :func:`excerpt` allows unless told.
DEFAULT_EXCERPT_BUDGET = 300

#: The characters (a regular expression class body) of scripts written without spaces between
#: words: Han, Hiragana, Katakana, Hangul.  Each counts as one word here; search indexes each alone.
CJK_CHARACTERS = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u3130-\u318f"
    "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003ffff"
)
_CJK = CJK_CHARACTERS
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")
_WORDISH = re.compile(r"[^\W_]|\d")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


def _count(text: str) -> int:
    n = 0
    for m in _TOKEN.finditer(text):
        if _WORDISH.search(m.group()):  # a CJK character is a word character too
            n += 1
    return n


def word_count(body: Body) -> int:
    """The number of words in ``body`` (CJK characters count one each).

    >>> from newsmodel.values.body import Body, Paragraph, Text
    >>> word_count(Body(blocks=(Paragraph(content=(Text(text="서울 summit – 首尔峰会"),)),)))
    7
    """
    return _count(render_text(body))


@attrs.frozen(kw_only=True)
class ReadingTime:
    """Minutes to read (rounded up), the word count it came from and the speed assumed."""

    minutes: int = attrs.field(validator=INTEGER)
    words: int = attrs.field(validator=INTEGER)
    wpm: int = attrs.field(validator=INTEGER)

    @property
    def iso8601(self) -> str:
        """The duration in ISO 8601 (``PT4M``, ``PT1H5M``), for JSON-LD ``timeRequired``."""
        hours, minutes = divmod(self.minutes, 60)
        if hours and minutes:
            return f"PT{hours}H{minutes}M"
        if hours:
            return f"PT{hours}H"
        return f"PT{minutes}M"


def reading_time(body: Body, *, wpm: int = DEFAULT_WPM) -> ReadingTime:
    """Reading time at ``wpm`` words a minute, rounded up; at least 1 minute unless the body is empty.

    >>> from newsmodel.values.body import Body, Paragraph, Text
    >>> reading_time(Body(blocks=(Paragraph(content=(Text(text="word " * 401),)),))).minutes
    3
    >>> reading_time(Body()).iso8601
    'PT0M'
    """
    if isinstance(wpm, bool) or not isinstance(wpm, int) or wpm <= 0:
        raise InvalidValue(f"reading_time: wpm={wpm!r} is not a positive number of words", value=wpm, where="wpm")
    words = word_count(body)
    if body.is_empty:
        minutes = 0
    else:
        minutes = max(1, math.ceil(words / wpm))
    return ReadingTime(minutes=minutes, words=words, wpm=wpm)


_SENTENCE_END = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*)(?=\s|$)")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _cut(text: str, budget: int) -> str:
    if len(text) <= budget:
        return text
    window = text[: budget + 1]
    best = -1
    for m in _SENTENCE_END.finditer(window):
        if m.end() <= budget:
            best = m.end()
    if best >= budget // 2:
        return text[:best]
    # a word boundary, leaving room for the ellipsis
    room = text[:budget]
    space = room.rfind(" ")
    while space > 0 and len(text[:space].rstrip(" ,;:–—-")) + 1 > budget:
        space = room.rfind(" ", 0, space)
    if space > 0:
        return text[:space].rstrip(" ,;:–—-") + "…"
    # no space within the budget: CJK text may be cut between characters (each is a word)
    cut = budget - 1
    if cut > 0 and _CJK_CHAR.match(text[cut - 1]) and _CJK_CHAR.match(text[cut]):
        return text[:cut] + "…"
    first = text.split(" ", 1)[0]
    return first + ("…" if len(first) < len(text) else "")


def excerpt(source: Article | Body, *, budget: int = DEFAULT_EXCERPT_BUDGET) -> str:
    """A plain-text excerpt of an article (its explicit excerpt first) or a body.

    Before a ``<!--more-->`` marker, the whole teaser is the excerpt.  Otherwise the body's
    paragraphs are cut within ``budget`` characters at a sentence end when one falls in the
    second half of the budget, else at a word boundary with ``…``.  A first word longer than
    the budget is kept whole.

    >>> from newsmodel.bodies.htmlparse import parse_html
    >>> excerpt(parse_html("<p>One sentence here. And a second, longer one follows it.</p>"), budget=30)
    'One sentence here.'
    >>> excerpt(parse_html("<p>Seoul finds itself increasingly sidelined in talks</p>"), budget=30)
    'Seoul finds itself…'
    >>> excerpt(parse_html("<p>Teaser.</p><!--more--><p>The rest.</p>"))
    'Teaser.'
    """
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 1:
        raise InvalidValue(f"excerpt: budget={budget!r} is not a positive length", value=budget, where="budget")
    if isinstance(source, Article):
        if source.excerpt is not None and source.excerpt.strip():
            return _flat(source.excerpt)
        body = source.body
    else:
        body = source
    blocks = body.blocks
    for i, block in enumerate(blocks):
        if isinstance(block, RawHtml) and block.reason == "more":
            teaser = _flat(render_text(Body(blocks=blocks[:i])))
            if teaser:
                return teaser
            break
    paragraphs = [b for b in body.walk() if isinstance(b, Paragraph)]
    text = _flat(" ".join(p.text for p in paragraphs)) if paragraphs else _flat(render_text(body))
    return _cut(text, budget)


def first_image(body: Body) -> Image | None:
    """The first image of the body in document order (nested blocks included), or None.

    >>> from newsmodel.bodies.htmlparse import parse_html
    >>> first_image(parse_html('<p>x</p><figure><img src="a.jpg" alt="A"></figure>')).src
    'a.jpg'
    """
    for block in body.walk():
        if isinstance(block, Image):
            return block
    return None
