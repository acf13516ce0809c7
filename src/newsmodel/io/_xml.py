"""XML in and out, in one place: the escaping every writer uses and the guard every reader uses.

Private to :mod:`newsmodel.io`.

Writing.  XML 1.0 cannot carry some characters at all, escaped or not: C0 controls other than tab,
line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.  Every writer drops them from
text and attributes (a document that held them would not parse); carriage returns are written as
``&#13;`` so that they survive a reader's line-end normalization.  A format meant to carry a corpus
(WXR) keeps the exact values in its JSON meta, where such characters travel as ``\\u`` escapes.

Reading.  Entities can only be declared in a document type declaration, which can only stand in
the prolog, before the root element.  :class:`PrologGuard` hands the first bytes of a document to
expat (the parser that reads the rest, so it decides the encoding, UTF-16 without a byte-order mark
included) and listens to the parser's own events until the root element starts: a ``<!DOCTYPE``
(or only an entity declaration, for feeds) raises :class:`~newsmodel.values.errors.UnsafeXml` before
anything is expanded or fetched.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from newsmodel.values.errors import UnsafeXml

__all__ = ["PrologGuard", "check_prolog", "is_xml_name", "xml_attr", "xml_cdata", "xml_chars", "xml_text"]

# Characters XML 1.0 does not allow at all (escaping cannot help).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# An XML name without a colon (an NCName), ASCII letters, digits and the usual punctuation only:
# what the writers accept as the local part of an element name they build from data.
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def xml_chars(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry.

    >>> xml_chars("a\\x00b\\x1bc\\ud800d")
    'abcd'
    """
    if value.isprintable():  # printable text never holds a character XML forbids
        return value
    return _NOT_XML.sub("", value)


def xml_text(value: str) -> str:
    """``value`` escaped for XML content (``&``, ``<``, ``>``, carriage return), characters XML 1.0 forbids dropped.

    >>> xml_text("A & B <b>" + chr(0))
    'A &amp; B &lt;b&gt;'
    """
    value = xml_chars(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\r", "&#13;") if "\r" in value else value


def xml_attr(value: str) -> str:
    """``value`` as a double-quoted XML attribute value (quotes included).

    >>> xml_attr('say "hi" & go')
    '"say &quot;hi&quot; &amp; go"'
    """
    escaped = xml_text(value).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\t", "&#9;") + '"'


def xml_cdata(value: str) -> str:
    """``value`` as a CDATA section (split around ``]]>``), characters XML 1.0 forbids dropped.

    A carriage return cannot be kept in CDATA (readers turn it into a line feed); use
    :func:`xml_text` where one must survive.

    >>> xml_cdata("a]]>b")
    '<![CDATA[a]]]]><![CDATA[>b]]>'
    """
    return "<![CDATA[" + xml_chars(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def is_xml_name(value: str) -> bool:
    """True when ``value`` can be the local part of an element name (``a``, ``meta_key``; not
    ``1bad``, ``a b`` or ``<x>``).

    >>> is_xml_name("comment_id"), is_xml_name("1bad"), is_xml_name("a b")
    (True, False, False)
    """
    return _NCNAME.fullmatch(value) is not None


class _RootReached(Exception):
    """Raised from the root element's start handler: the prolog is over."""


class PrologGuard:
    """Reads the prolog of a document with expat, fed chunk by chunk, and refuses what is unsafe.

    ``forbid="doctype"`` refuses any document type declaration (WXR and sitemaps never have one);
    ``forbid="entities"`` lets a declaration through but refuses any entity declaration in it (RSS
    0.91 feeds name Netscape's DTD, which is never fetched).  :meth:`feed` returns True once the
    root element has started (nothing unsafe came before it) or the prolog is not well-formed (the
    caller's parser then reports the error at the same place), False while more bytes are needed.
    The work is linear: each byte is read once, by expat.

    >>> guard = PrologGuard("f.xml")
    >>> guard.feed(b'<?xml version="1.0"?><!-- a comment --><rs'), guard.feed(b"s>")
    (False, True)
    >>> try:
    ...     PrologGuard("f.xml").feed("<!DOCTYPE rss><rss/>".encode("utf-16-le"))
    ... except UnsafeXml as exc:
    ...     print(exc.place)
    line 1
    """

    def __init__(self, name: str, *, forbid: str = "doctype") -> None:
        if forbid not in ("doctype", "entities"):
            raise ValueError(f"forbid: {forbid!r} is neither 'doctype' nor 'entities'")
        self.name = name
        self.done = False
        #: Where the root element's start tag begins (a byte offset into what was fed), once known.
        self.root_index: int | None = None
        #: The namespace prefixes declared before the root element started (on its start tag).
        self.root_prefixes: set[str] = set()
        parser = expat.ParserCreate(namespace_separator="}")  # as ElementTree configures expat
        parser.StartElementHandler = self._root
        parser.StartNamespaceDeclHandler = self._namespace
        parser.EntityDeclHandler = self._entity
        if forbid == "doctype":
            parser.StartDoctypeDeclHandler = self._doctype
        self._parser = parser

    def feed(self, chunk: bytes, final: bool = False) -> bool:
        """Read ``chunk`` (``final`` at the end of the input); True once the prolog is over."""
        if self.done:
            return True
        try:
            self._parser.Parse(chunk, final)
        except _RootReached:
            self.done = True
        except expat.ExpatError:
            self.done = True  # the reader's own parser stops at the same place and says so
        return self.done

    def _root(self, name: str, attributes: object) -> None:
        self.root_index = self._parser.CurrentByteIndex
        raise _RootReached

    def _namespace(self, prefix: str | None, uri: str | None) -> None:
        self.root_prefixes.add(prefix or "")

    def _doctype(self, *args: object) -> None:
        line = self._parser.CurrentLineNumber
        raise UnsafeXml(
            f"{self.name}:{line}: a document type declaration (<!DOCTYPE …>, where entities are declared)"
            " is refused: entities are never expanded and nothing is fetched",
            source=self.name,
            place=f"line {line}",
        )

    def _entity(self, name: str, *args: object) -> None:
        line = self._parser.CurrentLineNumber
        raise UnsafeXml(
            f"{self.name}:{line}: refused: the document declares the entity {name!r} in its DOCTYPE"
            " (entities are never expanded and nothing is fetched)",
            source=self.name,
            place=f"line {line}",
        )


def check_prolog(data: bytes, name: str, *, forbid: str = "doctype") -> None:
    """Raise :class:`~newsmodel.values.errors.UnsafeXml` when the prolog of the whole document ``data``
    holds what ``forbid`` names (see :class:`PrologGuard`)."""
    PrologGuard(name, forbid=forbid).feed(data, True)
