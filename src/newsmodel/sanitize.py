"""An allow-list HTML sanitizer for raw blocks and embeds (stdlib ``html.parser`` only).

Pass :func:`sanitize_html` (or a configured :class:`Sanitizer`) as ``sanitize=`` to
:func:`newsmodel.render.render_html` with ``allow_raw=True``.  Tags outside the allow-list are
removed but their text is kept (escaped), except ``script``, ``style`` and similar whose content
is dropped; attributes outside the allow-list, every ``on*`` event handler, ``style``, and URLs
with a ``javascript:``/``vbscript:``/``data:text/html`` scheme are removed.  Comments are dropped.

>>> sanitize_html('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">there</a></p>')
'<p>Hi <a>there</a></p>'
>>> sanitize_html('<iframe src="https://www.youtube.com/embed/x" onload="y()"></iframe>')
'<iframe src="https://www.youtube.com/embed/x"></iframe>'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape, unescape
from html.parser import HTMLParser

from newsmodel.render import is_safe_url

__all__ = ["DEFAULT_ATTRIBUTES", "DEFAULT_TAGS", "Sanitizer", "sanitize_html"]

#: Tags kept by default.
DEFAULT_TAGS: frozenset[str] = frozenset(
    (
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "del",
        "div",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "iframe",
        "img",
        "ins",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    )
)

#: Attributes kept by default, per tag (``*`` applies to every tag).
DEFAULT_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "*": frozenset(("class", "id", "title", "lang", "dir")),
    "a": frozenset(("href", "rel", "target")),
    "img": frozenset(("src", "alt", "width", "height", "loading")),
    "iframe": frozenset(("src", "width", "height", "allow", "allowfullscreen", "frameborder", "loading")),
    "td": frozenset(("colspan", "rowspan", "align")),
    "th": frozenset(("colspan", "rowspan", "align", "scope")),
    "ol": frozenset(("start", "reversed", "type")),
    "blockquote": frozenset(("cite",)),
    "q": frozenset(("cite",)),
}

_URL_ATTRIBUTES = frozenset(("href", "src", "cite", "action", "formaction", "poster", "data"))
_DROP_CONTENT = frozenset(("script", "style", "template", "noscript", "textarea", "title", "xmp", "plaintext"))
_VOID = frozenset(("br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "base", "col", "embed"))


class _Cleaner(HTMLParser):
    def __init__(self, sanitizer: Sanitizer) -> None:
        super().__init__(convert_charrefs=True)
        self.s = sanitizer
        self.out: list[str] = []
        self.open: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_CONTENT:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip or tag not in self.s.tags:
            return
        allowed = self.s.attributes.get(tag, frozenset()) | self.s.attributes.get("*", frozenset())
        parts = [tag]
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on") or name == "style" or name not in allowed:
                continue
            if name in _URL_ATTRIBUTES and value is not None and not is_safe_url(value):
                continue
            parts.append(name if value is None else f'{name}="{escape(value, quote=True)}"')
        self.out.append("<" + " ".join(parts) + ">")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.open and self.open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_CONTENT:
            if self.skip:
                self.skip -= 1
            return
        if self.skip or tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(escape(data, quote=False))

    def close_all(self) -> str:
        self.close()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


class Sanitizer:
    """An allow-list sanitizer; call it with HTML to get safe HTML.

    >>> Sanitizer(tags={"b"})("<b>bold</b> <i>plain</i>")
    '<b>bold</b> plain'
    """

    def __init__(
        self,
        *,
        tags: Iterable[str] = DEFAULT_TAGS,
        attributes: Mapping[str, Iterable[str]] = DEFAULT_ATTRIBUTES,
    ) -> None:
        self.tags = frozenset(t.lower() for t in tags)
        self.attributes: dict[str, frozenset[str]] = {k: frozenset(a.lower() for a in v) for k, v in attributes.items()}

    def __call__(self, html: str) -> str:
        cleaner = _Cleaner(self)
        cleaner.feed(html)
        tail = cleaner.rawdata  # what html.parser could not read yet
        if tail[:1] == "<" and not cleaner.cdata_elem:
            # It stopped at a construct it cannot complete (a comment without "-->", a tag without
            # its ">" or with an unclosed quote).  Its close() would read the rest one "<" at a
            # time as text, scanning to the end of the input at each one (quadratic time): the
            # rest is text, escaped, read at once.
            cleaner.rawdata = ""
            cleaner.handle_data(unescape(tail))
        return cleaner.close_all()


_DEFAULT = Sanitizer()


def sanitize_html(html: str) -> str:
    """``html`` reduced to the default allow-list (:data:`DEFAULT_TAGS`, :data:`DEFAULT_ATTRIBUTES`)."""
    return _DEFAULT(html)
