"""The one rule for which URLs may reach an ``href`` or ``src``: http, https or relative.

A URL is *safe* when it is a relative reference (a path, ``?query``, ``#fragment``, or a
protocol-relative ``//host/…``, which inherits the page's http or https) or when its scheme is in
an allow-list: :data:`WEB_SCHEMES` (``http``, ``https``) for what a page loads or is based on
(base URL, canonical URL, source URL, images), :data:`LINK_SCHEMES` (those plus ``mailto`` and
``tel``) for what a reader clicks (author links, body links, share links).  Every other scheme is
refused: ``javascript:``, ``vbscript:``, ``data:``, ``file:`` and anything unknown.

The scheme is read the way a browser reads it, and more strictly: C0 control characters and spaces
anywhere before the first ``:`` are removed (browsers strip leading ones and every tab and
newline), letters are lowercased, and the value is read twice, as written and with its HTML
character references decoded (``&#106;avascript:``, ``javascript&colon;``), the form it takes
when someone writes it unescaped into a page; both readings must be safe.  Text before the first
``:`` that is not a valid scheme (a percent-escape as in ``%6Aavascript:``, an invisible
character, an entity) makes the value unsafe too: such a value is no relative reference either
(RFC 3986 section 4.2 forbids a ``:`` in the first segment of one).

>>> is_safe_url("https://example.org/a"), is_safe_url("/2025/12/"), is_safe_url("//cdn.example/x.jpg")
(True, True, True)
>>> is_safe_url(" JaVa\\tScRiPt:alert(1)"), is_safe_url("&#106;avascript:alert(1)"), is_safe_url("data:,x")
(False, False, False)
>>> is_safe_url("mailto:a@example.org"), is_safe_url("mailto:a@example.org", WEB_SCHEMES)
(True, False)
>>> url_scheme("HTTPS://example.org"), url_scheme("page/2/") is None
('https', True)
"""

from __future__ import annotations

import re
from collections.abc import Set
from html import unescape

__all__ = ["LINK_SCHEMES", "WEB_SCHEMES", "is_safe_url", "url_scheme"]

#: Schemes of what a page loads or is based on: base URL, canonical and source URLs, images.
WEB_SCHEMES: frozenset[str] = frozenset(("http", "https"))
#: Schemes of what a reader may click: the web schemes plus ``mailto`` and ``tel``.
LINK_SCHEMES: frozenset[str] = WEB_SCHEMES | frozenset(("mailto", "tel"))

# what a browser ignores in a scheme, and more: every C0 control character and the space
_IGNORED = re.compile(r"[\x00-\x20]+")
# the head of a URL: everything before the first "/", "?" or "#" (a scheme ends in it, with ":")
_HEAD = re.compile(r"[^/?#]*")
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*")


def url_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it (lowercase), or None for a relative reference.

    Text before the first ``:`` that is not a valid scheme is returned as it is after removing
    control characters and spaces (so it is in no allow-list).  HTML character references are
    taken literally here; :func:`is_safe_url` also reads the decoded form.

    >>> url_scheme(" \\x01j\\na\\tvascript:x"), url_scheme("%6Aavascript:x"), url_scheme("#top")
    ('javascript', '%6aavascript', None)
    """
    head = _HEAD.match(url)
    assert head is not None  # the pattern matches the empty string
    text = head.group()
    colon = text.find(":")
    if colon < 0:
        return None
    return _IGNORED.sub("", text[:colon]).lower()


def _safe_reading(url: str, schemes: Set[str]) -> bool:
    scheme = url_scheme(url)
    return scheme is None or (scheme in schemes and _SCHEME.fullmatch(scheme) is not None)


def is_safe_url(url: str, schemes: Set[str] = LINK_SCHEMES) -> bool:
    """True when ``url`` is relative or its scheme is in ``schemes`` (default :data:`LINK_SCHEMES`).

    >>> is_safe_url("tel:+4930123"), is_safe_url("vbscript:msgbox(1)"), is_safe_url("javascript&colon;x")
    (True, False, False)
    """
    if url.startswith("/"):
        return True  # a path
    # "https://…" and "http://…" fix the scheme whatever follows (the head before the first "/"
    # is "https:" or "http:", and the decoded reading starts the same): the usual URL, read no further
    if url.startswith("https://"):
        if "https" in schemes:
            return True
    elif url.startswith("http://") and "http" in schemes:
        return True  # (the same for http)
    if not _safe_reading(url, schemes):
        return False
    return "&" not in url or _safe_reading(unescape(url), schemes)
