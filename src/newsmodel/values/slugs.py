"""Slugs: what a slug is, one pinned :func:`slugify`, unique slugs within a scope, reserved slugs.

Two rules, one home:

- a **slug** (:func:`is_slug`, :data:`SLUG_PATTERN`) is what the model holds: what a source such
  as WordPress can store, kept exactly, because it is part of URLs that readers and search
  engines know.  WordPress keeps ``_`` and non-ASCII letters (``copyright-registries-2_0``,
  ``日本語テスト``, ``επίπεδο-2``) and stores them percent-encoded; the model holds the decoded
  text (:func:`decode_slug` reads WordPress's form, :func:`encode_slug` writes it back, and URLs
  use it).  Not empty, no whitespace, control character, lone surrogate, ``/`` or ``%``, not ``.`` or ``..``, and
  at most :data:`MAX_SLUG_LENGTH` bytes once encoded (WordPress's ``varchar(200)`` columns);
- a **generated slug** (:func:`is_generated_slug`, :data:`GENERATED_SLUG_PATTERN`) is what
  newsmodel makes itself: lowercase ASCII words joined by single hyphens.

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
>>> is_slug("日本語テスト"), is_generated_slug("日本語テスト"), encode_slug("日本語テスト")
(True, False, '%e6%97%a5%e6%9c%ac%e8%aa%9e%e3%83%86%e3%82%b9%e3%83%88')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol
from urllib.parse import unquote

from newsmodel.values.errors import InvalidSlug

__all__ = [
    "GENERATED_SLUG_PATTERN",
    "MAX_SLUG_LENGTH",
    "RESERVED_SLUGS",
    "SLUGIFY_OPTIONS",
    "SLUG_CHARACTER",
    "SLUG_JSON_SCHEMA",
    "SLUG_PATTERN",
    "SlugRegistry",
    "SlugStore",
    "decode_slug",
    "encode_slug",
    "encoded_length",
    "is_generated_slug",
    "is_key",
    "is_slug",
    "slugify",
    "truncate_slug",
    "unique_slug",
]

#: What WordPress's ``sanitize_key`` keeps: lowercase ASCII letters, digits, ``_`` and ``-``.
_KEY = re.compile(r"[a-z0-9_-]+")


def is_key(value: object, limit: int) -> bool:
    """Whether ``value`` is a WordPress key of 1 to ``limit`` characters: what ``sanitize_key``
    leaves unchanged (post type names, menu item types and objects).

    >>> is_key("post", 20), is_key("Post", 20), is_key("a" * 21, 20)
    (True, False, False)
    """
    return isinstance(value, str) and len(value) <= limit and _KEY.fullmatch(value) is not None


#: One character of a generated slug's word.
SLUG_CHARACTER = "[a-z0-9]"
#: What newsmodel makes itself (:func:`slugify`): words of :data:`SLUG_CHARACTER` joined by single
#: hyphens.
GENERATED_SLUG_PATTERN = f"{SLUG_CHARACTER}+(?:-{SLUG_CHARACTER}+)*"
#: What a slug is (the one definition, used by the model's validators, the JSON Schema, the
#: strategies and the importers): no whitespace, control character, lone surrogate, ``/`` or ``%``, not ``.`` or
#: ``..``.  The same regular expression in Python and in JSON Schema (ECMA-262); the length rule,
#: :data:`MAX_SLUG_LENGTH` bytes encoded, is :func:`is_slug`'s.
SLUG_PATTERN = r"^(?!\.\.?$)[^\s/%\x00-\x1f\x7f-\x9f\ud800-\udfff]+$"
#: The longest slug, in bytes of its encoded form (:func:`encode_slug`): WordPress's ``post_name``
#: and ``slug`` columns are ``varchar(200)``, and ``sanitize_title_with_dashes`` encodes to 200.
MAX_SLUG_LENGTH = 200

#: The JSON Schema of a slug, for attrs fields' ``metadata={"json_schema": ...}`` (read by
#: :mod:`newsmodel.pages.pageschema`).  ``maxLength`` counts characters, each at least one encoded byte.
SLUG_JSON_SCHEMA: dict[str, object] = {
    "type": "string",
    "pattern": SLUG_PATTERN,
    "minLength": 1,
    "maxLength": MAX_SLUG_LENGTH,
    "description": f"a slug as the source stores it, decoded; at most {MAX_SLUG_LENGTH} bytes percent-encoded",
}

_SLUG_RE = re.compile(SLUG_PATTERN)
_GENERATED_RE = re.compile(GENERATED_SLUG_PATTERN)
#: Bytes a slug keeps as they are in its encoded form (RFC 3986 unreserved characters).
_UNRESERVED_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_UNRESERVED = frozenset(_UNRESERVED_BYTES)


def is_slug(value: object) -> bool:
    """True when ``value`` is a slug: :data:`SLUG_PATTERN`, at most :data:`MAX_SLUG_LENGTH` bytes encoded.

    >>> is_slug("kim-jong-un"), is_slug("copyright-registries-2_0"), is_slug("επίπεδο-2")
    (True, True, True)
    >>> is_slug(""), is_slug("a b"), is_slug("a/b"), is_slug("%e6%97%a5"), is_slug("a\\n"), is_slug("..")
    (False, False, False, False, False, False)
    >>> is_slug("日" * 22), is_slug("日" * 23)  # 9 bytes each once encoded: 198 and 207
    (True, False)
    """
    return isinstance(value, str) and _SLUG_RE.fullmatch(value) is not None and encoded_length(value) <= MAX_SLUG_LENGTH


def is_generated_slug(value: object) -> bool:
    """True when ``value`` is a slug newsmodel could have made (:data:`GENERATED_SLUG_PATTERN`, at most 200).

    >>> is_generated_slug("kim-jong-un"), is_generated_slug("Kim"), is_generated_slug("a--b"), is_generated_slug("a_b")
    (True, False, False, False)
    """
    return isinstance(value, str) and len(value) <= MAX_SLUG_LENGTH and _GENERATED_RE.fullmatch(value) is not None


def encoded_length(slug: str) -> int:
    """The length of ``encode_slug(slug)``, without building it.

    >>> encoded_length("seoul"), encoded_length("서울")
    (5, 18)
    """
    data = slug.encode("utf-8", "surrogatepass")
    # each byte outside the unreserved set becomes three: count them by deleting the others (in C)
    return len(data) + 2 * len(data.translate(None, _UNRESERVED_BYTES))


def encode_slug(slug: str) -> str:
    """The slug as WordPress stores it and as it goes into a URL: UTF-8, every byte outside the
    unreserved ASCII set written ``%xx`` in lowercase hex (``utf8_uri_encode``'s form).

    >>> encode_slug("copyright-registries-2_0"), encode_slug("επίπεδο-2")
    ('copyright-registries-2_0', '%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2')
    """
    data = slug.encode("utf-8", "surrogatepass")
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02x}" for b in data)


def decode_slug(raw: str) -> str | None:
    """The slug that a source's stored form ``raw`` stands for (percent-decoded as UTF-8), or None
    when the decoded text is not a slug (:func:`is_slug`) or not UTF-8.

    WordPress stores non-ASCII slugs percent-encoded (``sanitize_title_with_dashes``); some exports
    and hand-made files hold the letters themselves: both read the same.

    >>> decode_slug("%e6%97%a5%e6%9c%ac%e8%aa%9e"), decode_slug("日本語"), decode_slug("kim-jong-un-2")
    ('日本語', '日本語', 'kim-jong-un-2')
    >>> decode_slug("%ff"), decode_slug("a%2fb"), decode_slug("")
    (None, None, None)
    """
    if not isinstance(raw, str):
        return None
    try:
        slug = unquote(raw, errors="strict") if "%" in raw else raw
    except UnicodeDecodeError:
        return None
    return slug if is_slug(slug) else None


def truncate_slug(slug: str, limit: int = MAX_SLUG_LENGTH) -> str:
    """The longest prefix of ``slug``, in whole characters, whose encoded form fits ``limit`` bytes
    (trailing hyphens dropped): what WordPress's ``utf8_uri_encode($title, 200)`` keeps.

    >>> len(truncate_slug("日" * 200)), encoded_length(truncate_slug("日" * 200))
    (22, 198)
    >>> truncate_slug("seoul")
    'seoul'
    """
    size = 0
    for i, ch in enumerate(slug):
        size += encoded_length(ch)
        if size > limit:
            return slug[:i].rstrip("-")
    return slug


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


def _python_slugify(text: str) -> str:
    """python-slugify's ``slugify`` with the pinned options, imported on first use (its import and
    the regular expressions it compiles cost a process that makes no slug some 6 ms)."""
    from slugify import slugify as python_slugify

    return str(python_slugify(text, **SLUGIFY_OPTIONS))  # type: ignore[arg-type]


def _fallback(text: str) -> str:
    """A slug for text that python-slugify turns into nothing (emoji, punctuation, blank)."""
    names = []
    for ch in text:
        if unicodedata.category(ch).startswith("S"):  # symbols: emoji, currency, math
            name = unicodedata.name(ch, "")
            if name:
                names.append(name)
    if names:
        slug = _python_slugify(" ".join(names))
        if slug:
            return slug
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
    slug = _python_slugify(text)
    return slug if slug else _fallback(text)


def _with_suffix(base: str, n: int) -> str:
    """``base-n``, ``base`` cut (by encoded bytes, whole characters) so that the result fits
    :data:`MAX_SLUG_LENGTH`, as WordPress's ``_truncate_post_slug`` cuts it."""
    suffix = f"-{n}"
    head = truncate_slug(base, MAX_SLUG_LENGTH - len(suffix))
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
        """Slugify ``text`` (a no-op for a generated slug) and return the first free variant, marking it taken."""
        return self.keep(text if is_generated_slug(text) else slugify(text))

    def keep(self, slug: str) -> str:
        """``slug`` itself (a source's slug, :func:`is_slug`) when it is free, else ``slug-2``,
        ``slug-3`` … (WordPress's ``wp_unique_post_slug`` and ``wp_unique_term_slug`` suffixes),
        marking it taken.

        >>> reg = SlugRegistry(["日本語"])
        >>> reg.keep("日本語"), reg.keep("copyright_2_0")
        ('日本語-2', 'copyright_2_0')
        """
        if not is_slug(slug):
            raise InvalidSlug(f"SlugRegistry.keep: {slug!r} is not a slug", value=slug)
        base = slug
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
