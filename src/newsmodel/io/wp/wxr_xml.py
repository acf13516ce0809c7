"""The XML side of WXR reading: namespaces recognised by their shape, namespace-independent
element names, and the streaming pull parser behind a prolog guard (no document type
declaration ever reaches the parser)."""

from __future__ import annotations

import functools
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import IO, Union

from newsmodel.io._xml import PrologGuard

#: A path or an open binary file.
Source = Union[str, "os.PathLike[str]", IO[bytes]]

WP_NS_RE = re.compile(r"^https?://wordpress\.org/export/(\d+(?:\.\d+)*)/$")
_EXCERPT_NS_RE = re.compile(r"^https?://wordpress\.org/export/\d+(?:\.\d+)*/excerpt/$")
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"


#: Prefixes that WordPress's own feed template declares (``wp-includes/feed-rss2.php``) or that
#: plugins hooked on ``rss2_head`` write, and that ``export_wp`` does not declare although it
#: runs ``rss2_head`` in the channel: WordPress.com exports carry ``<atom:link>`` so.  A file
#: that uses one undeclared reads as if its root declared it (WordPress's parsers accept it).
UNDECLARED_PREFIXES = {
    "atom": "http://www.w3.org/2005/Atom",
    "sy": "http://purl.org/rss/1.0/modules/syndication/",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
    "georss": "http://www.georss.org/georss",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "media": "http://search.yahoo.com/mrss/",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
}
#: The namespace the reader binds an undeclared well-known prefix to, so that its use is seen.
UNDECLARED_NS = "urn:x-newsmodel:undeclared:"


def undeclared(tag: str) -> tuple[str, str] | None:
    """``(prefix, tag in the prefix's real namespace)`` for an element whose prefix the file
    used without declaring it, else None.

    >>> undeclared("{urn:x-newsmodel:undeclared:atom}link")
    ('atom', '{http://www.w3.org/2005/Atom}link')
    >>> undeclared("{http://www.w3.org/2005/Atom}link") is None
    True
    """
    if not tag.startswith("{" + UNDECLARED_NS):
        return None
    uri, _, local = tag[1:].partition("}")
    prefix = uri[len(UNDECLARED_NS) :]
    return prefix, "{" + UNDECLARED_PREFIXES.get(prefix, uri) + "}" + local


def _declare_missing(data: bytes, guard: PrologGuard) -> bytes:
    """``data`` with the well-known prefixes its root element does not declare bound on it."""
    at = guard.root_index
    if at is None or data[at : at + 1] != b"<" or b"\x00" in data[at : at + 8]:
        return data  # not an ASCII-compatible encoding: left as it is
    match = _NAME.match(data, at + 1)
    if match is None:
        return data
    missing = [p for p in UNDECLARED_PREFIXES if p not in guard.root_prefixes]
    if not missing:
        return data
    decls = "".join(f' xmlns:{p}="{UNDECLARED_NS}{p}"' for p in missing).encode("ascii")
    return data[: match.end()] + decls + data[match.end() :]


_NAME = re.compile(rb"[^\s/>]+")


def is_wxr_namespace(uri: str) -> bool:
    """True for a WXR namespace URI of any version, http or https.

    >>> is_wxr_namespace("https://wordpress.org/export/1.2/"), is_wxr_namespace("http://wordpress.org/export/1.0/")
    (True, True)
    >>> is_wxr_namespace("http://example.com/fake/")
    False
    """
    return WP_NS_RE.match(uri) is not None


# A file names a few dozen distinct tags, each millions of times: the cache bounds the work per
# element to one lookup (figure in docs/design.md, "Fast paths and their figures").
@functools.lru_cache(maxsize=4096)
def element_name(tag: str) -> str:
    """A namespace-independent name: ``wp:post_id``, ``excerpt:encoded``, ``content:encoded``,
    ``dc:creator``, a bare local name for un-namespaced elements, else ``{uri}local``."""
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        if WP_NS_RE.match(uri):
            name = f"wp:{local}"
        elif _EXCERPT_NS_RE.match(uri):
            name = f"excerpt:{local}"
        elif uri == _CONTENT_NS:
            name = f"content:{local}"
        elif uri == _DC_NS:
            name = f"dc:{local}"
        else:
            name = tag
    else:
        name = tag
    return name


def text_of(elem: ET.Element) -> str:
    return elem.text or ""


def stripped(elem: ET.Element) -> str:
    return (elem.text or "").strip()


def meta_pairs(elem: ET.Element) -> list[list[str]]:
    key = value = ""
    for child in elem:
        tag = child.tag
        n = element_name(tag)
        if n == "wp:meta_key":
            key = (child.text or "").strip()
        elif n == "wp:meta_value":
            value = child.text or ""
    return [[key, value]]


def fields(elem: ET.Element) -> dict[str, str]:
    """The simple ``name -> text`` fields of a flat WXR element (first occurrence wins)."""
    out: dict[str, str] = {}
    for child in elem:
        n = element_name(child.tag)
        if n not in out:
            out[n] = text_of(child)
    return out


_CHUNK = 1 << 16


def xml_batches(
    source: Source, name: str, progress: Callable[[int], None] | None = None
) -> Iterator[Iterator[tuple[str, ET.Element]]]:
    """The ``(event, element)`` pairs of a document whose prolog passed a
    :class:`~newsmodel.io._xml.PrologGuard` (no document type declaration), one
    batch per chunk read (a file has some 70 events per item: handing them over a batch at a time
    spares each one a pass through two more generators)."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as fh:
            yield from _pull(fh, name, progress)
    else:
        yield from _pull(source, name, progress)


def _pull(
    fh: IO[bytes], name: str, progress: Callable[[int], None] | None
) -> Iterator[Iterator[tuple[str, ET.Element]]]:
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    guard: PrologGuard | None = PrologGuard(name)
    head: list[bytes] = []
    done = 0
    # expat before 2.6 reads a token it could not finish (a comment, a tag with a long attribute)
    # again from its start at every feed: quadratic in a token many chunks long.  While a feed
    # gives no event, each read is twice the last, so such a token is read again a logarithmic
    # number of times, at most twice its length in all; the first event starts over at _CHUNK.
    size = _CHUNK
    while True:
        chunk = fh.read(size)
        if progress is not None and chunk:
            done += len(chunk)
            progress(done)
        if guard is not None:
            head.append(chunk)
            if not guard.feed(chunk, not chunk):
                size *= 2
                continue  # the prolog goes on: read more before anything is parsed
            chunk = _declare_missing(b"".join(head), guard)
            guard = None
            head = []
        if not chunk:
            break
        parser.feed(chunk)
        events = list(_element_events(parser))
        size = _CHUNK if events else size * 2
        yield iter(events)
    parser.close()
    yield _element_events(parser)


def _element_events(parser: ET.XMLPullParser[ET.Element]) -> Iterator[tuple[str, ET.Element]]:
    return parser.read_events()  # type: ignore[return-value]  # only start/end: (event, element)


def parse_message(exc: ET.ParseError) -> str:
    return re.sub(r": line \d+, column \d+$", "", str(exc))


def source_name(source: Source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return str(getattr(source, "name", "<stream>"))
