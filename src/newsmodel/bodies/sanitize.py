"""An allow-list HTML sanitizer for raw blocks and embeds, on the lexbor HTML parser.

Pass :func:`sanitize_html` (or a configured :class:`Sanitizer`) as ``sanitize=`` to
:func:`newsmodel.bodies.render.render_html` with ``allow_raw=True``.  Tags outside the allow-list are
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
from html import escape

from selectolax.lexbor import LexborNode

from newsmodel.bodies.htmltree import parse_fragment
from newsmodel.bodies.render import is_safe_url

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
# Elements whose content never reaches the output: scripts and styles, what a browser does not
# show as text (a title, a template, a textarea's raw text), and SVG and MathML, whose elements
# follow other nesting rules: unwrapped into HTML they would be read back as another tree.
_DROP_CONTENT = frozenset(
    ("script", "style", "template", "noscript", "textarea", "title", "xmp", "plaintext", "svg", "math")
)
_RAW_TEXT = frozenset(("iframe", "noembed", "noframes"))
_VOID = frozenset(("br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "base", "col", "embed"))
_TEXT = "-text"


class Sanitizer:
    """An allow-list sanitizer; call it with HTML to get safe HTML.

    The input is read by lexbor, the parser the body reader uses, into the tree a browser builds
    (unclosed elements closed, misnested ones repaired, an unfinished tag or comment at the end
    dropped as a browser drops it); the tree is then written back with only what the allow-lists
    keep.  The walk is iterative, so any depth of nesting is read in linear time.

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

    def _start_tag(self, tag: str, attrs: Mapping[str, str | None]) -> str:
        allowed = self.attributes.get(tag, frozenset()) | self.attributes.get("*", frozenset())
        parts = [tag]
        for name, value in attrs.items():
            name = name.lower()
            if name.startswith("on") or name == "style" or name not in allowed:
                continue
            if name in _URL_ATTRIBUTES and value is not None and not is_safe_url(value):
                continue
            parts.append(name if value is None else f'{name}="{escape(value, quote=True)}"')
        return "<" + " ".join(parts) + ">"

    def __call__(self, html: str) -> str:
        body = parse_fragment(html)
        if body is None:  # pragma: no cover - lexbor always makes a body for a fragment
            return ""
        out: list[str] = []
        node: LexborNode | None = body.child
        # Each open element kept in the output: its end tag is written when the walk leaves it.
        closers: list[tuple[LexborNode, str | None]] = []
        while node is not None:
            tag = node.tag
            descend = False
            if tag == _TEXT:
                parent = node.parent
                if parent is None or parent.tag not in _RAW_TEXT:
                    out.append(escape(node.text_content or "", quote=False))
            elif tag is not None and not tag.startswith("-") and tag not in _DROP_CONTENT:
                kept = tag in self.tags
                if kept:
                    out.append(self._start_tag(tag, node.attributes))
                if node.child is not None and tag not in _VOID:
                    closers.append((node, f"</{tag}>" if kept else None))
                    descend = True
                elif kept and tag not in _VOID:
                    out.append(f"</{tag}>")
            if descend:
                node = node.child
                continue
            # Leave the node: its next sibling, or climb out of every element that has ended.
            while node is not None and node.next is None and closers:
                _, closer = closers.pop()
                if closer is not None:
                    out.append(closer)
                node = node.parent
            node = node.next if node is not None else None
        return "".join(out)


_DEFAULT = Sanitizer()


def sanitize_html(html: str) -> str:
    """``html`` reduced to the default allow-list (:data:`DEFAULT_TAGS`, :data:`DEFAULT_ATTRIBUTES`)."""
    return _DEFAULT(html)
