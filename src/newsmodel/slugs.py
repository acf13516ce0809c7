"""Slugs: one pinned :func:`slugify`, unique slugs within a scope, reserved slugs.

:func:`slugify` wraps python-slugify with every option passed explicitly, ``backend`` and
``algorithm`` included, so that its output does not change with what else is installed (the
library's ``backend="auto"`` prefers Unidecode when present).  It never returns an empty string
and never more than :data:`MAX_SLUG_LENGTH` characters.

>>> slugify("Kim Jong-un") == slugify("Kim Jong Un") == "kim-jong-un"
True
>>> slugify("서울")
'seoul'
>>> slugify("😀🎉")
'grinning-face-party-popper'
>>> slugify("")
'untitled'
>>> reg = SlugRegistry()
>>> [reg.claim("x") for _ in range(3)]
['x', 'x-2', 'x-3']
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol

from slugify import slugify as _python_slugify

from newsmodel.errors import InvalidSlug

__all__ = [
    "MAX_SLUG_LENGTH",
    "RESERVED_SLUGS",
    "SLUGIFY_OPTIONS",
    "SLUG_CHARACTER",
    "SLUG_PATTERN",
    "SlugRegistry",
    "SlugStore",
    "is_slug",
    "slugify",
    "unique_slug",
]

#: One character of a slug word.
SLUG_CHARACTER = "[a-z0-9]"
#: What a slug is: words of :data:`SLUG_CHARACTER` joined by single hyphens (the one definition,
#: used by the model's validators, the strategies and the importers).
SLUG_PATTERN = f"{SLUG_CHARACTER}+(?:-{SLUG_CHARACTER}+)*"
#: The longest slug newsmodel accepts or produces.
MAX_SLUG_LENGTH = 200

_SLUG_RE = re.compile(SLUG_PATTERN)


def is_slug(value: object) -> bool:
    """True when ``value`` is a slug (:data:`SLUG_PATTERN`, at most :data:`MAX_SLUG_LENGTH` long).

    >>> is_slug("kim-jong-un"), is_slug("Kim"), is_slug("a--b"), is_slug(""), is_slug("a\\n")
    (True, False, False, False, False)
    """
    return isinstance(value, str) and len(value) <= MAX_SLUG_LENGTH and _SLUG_RE.fullmatch(value) is not None


#: The python-slugify options newsmodel pins.  ``backend`` and ``algorithm`` are explicit because
#: their defaults depend on what else is installed (Unidecode) and on the library's version.
SLUGIFY_OPTIONS: dict[str, object] = {
    "entities": True,
    "decimal": True,
    "hexadecimal": True,
    "max_length": MAX_SLUG_LENGTH,
    "word_boundary": True,
    "separator": "-",
    "save_order": False,
    "stopwords": (),
    "regex_pattern": None,
    "lowercase": True,
    "replacements": (),
    "allow_unicode": False,
    "replacement_stage": "both",
    "backend": "text-unidecode",
    "algorithm": "legacy",
}

#: Slugs a site uses for its own routes; :class:`SlugRegistry` never hands them out.
RESERVED_SLUGS: frozenset[str] = frozenset(
    {
        "admin",
        "amp",
        "api",
        "attachment",
        "author",
        "category",
        "comments",
        "date",
        "embed",
        "feed",
        "login",
        "page",
        "rss",
        "search",
        "sitemap",
        "tag",
        "trackback",
        "wp-admin",
        "wp-content",
        "wp-includes",
        "wp-json",
    }
)

_FALLBACK = "untitled"


def _fallback(text: str) -> str:
    """A slug for text that python-slugify turns into nothing (emoji, punctuation, blank)."""
    names = []
    for ch in text:
        if unicodedata.category(ch).startswith("S"):  # symbols: emoji, currency, math
            name = unicodedata.name(ch, "")
            if name:
                names.append(name)
    if names:
        slug = _python_slugify(" ".join(names), **SLUGIFY_OPTIONS)  # type: ignore[arg-type]
        if slug:
            return str(slug)
    if not text.strip():
        return _FALLBACK
    # Punctuation only: a stable, short slug derived from the text itself.
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"n-{digest}"


def slugify(text: str) -> str:
    """The slug of ``text``: ``[a-z0-9-]``, no leading, trailing or double hyphens, 1-200 characters.

    Non-Latin scripts are transliterated (text-unidecode); text with nothing to transliterate
    falls back to the Unicode names of its symbols (emoji), else to ``n-<hash>`` for punctuation,
    else to ``untitled`` for blank text.  Idempotent: ``slugify(slugify(s)) == slugify(s)``.

    >>> slugify("C'est déjà l'été.")
    'c-est-deja-l-ete'
    >>> slugify("!!!")
    'n-9a7b006d'
    """
    if not isinstance(text, str):
        raise InvalidSlug(f"slugify: expected text, got {text!r}", value=text)
    slug = str(_python_slugify(text, **SLUGIFY_OPTIONS))  # type: ignore[arg-type]
    return slug if slug else _fallback(text)


def _with_suffix(base: str, n: int) -> str:
    suffix = f"-{n}"
    head = base[: MAX_SLUG_LENGTH - len(suffix)].rstrip("-")
    return f"{head}{suffix}"


def unique_slug(base: str, taken: Iterable[str] | set[str] | frozenset[str]) -> str:
    """``base`` if it is free in ``taken``, else ``base-2``, ``base-3`` … (reserved slugs are taken).

    For many claims in one scope use :class:`SlugRegistry`, which is linear in total.

    >>> unique_slug("feed", set())
    'feed-2'
    >>> unique_slug("seoul", {"seoul", "seoul-2"})
    'seoul-3'
    """
    reg = SlugRegistry(taken)
    return reg.claim(base)


class SlugStore(Protocol):
    """What :class:`SlugRegistry` keeps its taken slugs in: ``in``, ``add`` and ``len``."""

    def __contains__(self, slug: object, /) -> bool: ...

    def __len__(self) -> int: ...

    def add(self, slug: str, /) -> None: ...


class SlugRegistry:
    """The slugs taken in one scope; :meth:`claim` hands out ``x``, ``x-2``, ``x-3`` …

    It remembers, per base, the next suffix to try, so claiming the same base ``n`` times costs
    ``O(n)`` in total, not ``O(n²)``.

    >>> reg = SlugRegistry(["seoul"])
    >>> reg.claim("Seoul")
    'seoul-2'
    >>> "seoul-2" in reg
    True

    ``store`` is where the taken slugs are kept (a new ``set`` by default): any object with
    ``in``, ``add`` and ``len``, such as the compact fingerprint set a streaming import uses.
    """

    __slots__ = ("_next", "_reserved", "_taken")

    def __init__(
        self, taken: Iterable[str] = (), *, reserved: Iterable[str] = RESERVED_SLUGS, store: SlugStore | None = None
    ) -> None:
        self._taken: SlugStore = set() if store is None else store
        for slug in taken:
            self._taken.add(slug)
        self._reserved = frozenset(reserved)
        self._next: dict[str, int] = {}

    def __contains__(self, slug: object) -> bool:
        return slug in self._taken or slug in self._reserved

    def __len__(self) -> int:
        return len(self._taken)

    def add(self, slug: str) -> None:
        """Mark ``slug`` as taken as it is (a source's slug kept verbatim)."""
        self._taken.add(slug)

    def claim(self, text: str) -> str:
        """Slugify ``text`` (a no-op for a slug) and return the first free variant, marking it taken."""
        base = text if is_slug(text) else slugify(text)
        if base not in self:
            self._taken.add(base)
            return base
        n = self._next.get(base, 2)
        candidate = _with_suffix(base, n)
        while candidate in self:
            n += 1
            candidate = _with_suffix(base, n)
        self._next[base] = n + 1
        self._taken.add(candidate)
        return candidate
