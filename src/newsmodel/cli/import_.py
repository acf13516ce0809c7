"""``newsmodel import SOURCE -o corpus.jsonl``: turn a WordPress export, a REST dump, a site or a feed into a corpus.

The source decides the reader:

- an ``http(s)://`` URL: a feed when its path looks like one (``/feed``, ``.rss``, ``.atom``,
  ``.xml``; ``.json`` for a JSON Feed), else a WordPress site read through its REST API;
- a folder: saved WordPress REST responses;
- a file: JSON is a JSON Feed when its ``version`` says so, else saved REST responses; XML, as
  its parser reads it (any encoding, comments of any length before the root), is a WXR export when
  a WordPress export namespace is declared before the end of its first item, else an RSS or Atom
  feed.

``--kind`` overrides the guess.  The corpus is written as JSON Lines and the import report printed.
Tags are imported as the source has them, one per slug; ``--merge-tags`` merges near-duplicate
spellings (:func:`~newsmodel.values.tagmerge.merge_similar_tags`) and lists each merge in the report.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsmodel.cli._common import Progress, corpus_target, step
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import SourceError

if TYPE_CHECKING:  # imported only by the import itself: other commands need not load it
    from newsmodel.io.report import ImportReport

KINDS = ("auto", "wxr", "rest", "site", "feed", "jsonfeed")
_FEED_SUFFIXES = (".rss", ".atom", ".xml", "/feed", "/feed/", "/rss", "/atom", "/rss/", "/atom/")


def _positive(kind: type[int] | type[float]) -> Any:
    """An argparse type: a number of ``kind`` above zero (a finite one)."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not 0 < value < float("inf"):
            raise argparse.ArgumentTypeError(f"{text!r} is not above zero")
        return value

    return parse


def register(sub: Any) -> None:
    """Add the ``import`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "import",
        help="read a WXR export, a REST dump, a WordPress site or a feed into a corpus file",
        description="Read a WordPress export (WXR), a folder of saved WordPress REST responses, a live"
        " WordPress site (its URL), an RSS/Atom feed or a JSON Feed, write the corpus as JSON Lines"
        " and print the import report.",
    )
    p.add_argument("source", metavar="SOURCE", help="a file, a folder, or an http(s) URL")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the corpus file to write (JSON Lines; - for standard output)",
    )
    p.add_argument("--kind", choices=KINDS, default="auto", help="what SOURCE is (default: guess)")
    p.add_argument(
        "--timezone",
        metavar="ZONE",
        help="the site's time zone: an IANA name, a UTC offset (+05:30) or 'floating' (each post's own wall"
        " clock); default: inferred from the offsets of the posts' dates, and said so",
    )
    p.add_argument(
        "--no-pages",
        action="store_true",
        help="skip WordPress pages (not needed: pages are imported as kind page and never counted as posts)",
    )
    p.add_argument("--host", metavar="HOST", help="the site to read from a REST dump that mixes several")
    p.add_argument(
        "--retries",
        type=int,
        default=4,
        metavar="N",
        help="retries on HTTP 429/5xx, timeouts, broken connections (site; default 4)",
    )
    p.add_argument(
        "--timeout",
        type=_positive(float),
        default=30.0,
        metavar="SECONDS",
        help="longest one request may take, first byte to last (site; default 30)",
    )
    p.add_argument(
        "--max-pages",
        type=_positive(int),
        default=1000,
        metavar="N",
        help="most pages read of each endpoint (site; default 1000)",
    )
    p.add_argument(
        "--deadline",
        type=_positive(float),
        default=3600.0,
        metavar="SECONDS",
        help="longest the whole import may take, retries included (site; default 3600)",
    )
    p.add_argument(
        "--partial",
        action="store_true",
        help="when pages fail, pass the cap or the deadline, or fewer objects arrive than the site announced:"
        " write what arrived and list what is missing, instead of failing (site)",
    )
    p.add_argument(
        "--merge-tags",
        action="store_true",
        help="merge tags whose names slug alike ('Kim Jong Un', 'Kim Jong-un') into the first;"
        " each merge is listed in the report (default: tags stay as the source has them)",
    )
    p.add_argument("--json-report", action="store_true", help="print the report as JSON")
    p.add_argument("--max-warnings", type=int, default=20, metavar="N", help="warnings listed (default 20)")
    p.set_defaults(func=run)


def detect_kind(source: str) -> str:
    """The reader for ``source`` (see the module docs).

    >>> detect_kind("https://example.org"), detect_kind("https://example.org/feed/")
    ('site', 'feed')
    >>> detect_kind("https://example.org/feed.json")
    'jsonfeed'
    """
    if source.startswith(("http://", "https://")):
        path = urlsplit(source).path.lower()
        if path.endswith(".json"):
            return "jsonfeed"
        if path.endswith(_FEED_SUFFIXES):
            return "feed"
        return "site"
    if os.path.isdir(source):
        return "rest"
    with open(source, "rb") as fh:
        head = fh.read(64)
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
            return _json_kind(head + fh.read(), source)
        fh.seek(0)
        return _xml_kind(fh, source)


def _json_kind(data: bytes, name: str) -> str:
    """``jsonfeed`` for a JSON object whose ``version`` is a JSON Feed version URL, else ``rest``
    (a document that is not JSON at all goes to the REST reader, which says where it breaks)."""
    try:
        doc = json.loads(data)
    except ValueError:
        return "rest"
    from newsmodel.io.jsonfeed import jsonfeed_version

    return "jsonfeed" if jsonfeed_version(doc) is not None else "rest"


class _Decided(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _xml_kind(fh: IO[bytes], name: str) -> str:
    """``wxr`` when the XML parser (which decides the encoding, UTF-16 included) meets a WordPress
    export namespace before the end of the first item, else ``feed``.

    The prolog goes through the readers' guard first (entity declarations are refused with
    :class:`~newsmodel.values.errors.UnsafeXml`), so nothing is ever expanded.  Reading stops as soon as
    the kind is known: the root element and its namespace declarations, in a WordPress export.
    """
    from xml.parsers import expat

    from newsmodel.io._xml import PrologGuard
    from newsmodel.io.wxr import is_wxr_namespace

    guard = PrologGuard(name, forbid="entities")
    parser = expat.ParserCreate(namespace_separator=" ")
    depth = 0

    def namespace(prefix: str | None, uri: str | None) -> None:
        if uri and is_wxr_namespace(uri):
            raise _Decided("wxr")

    def start(tag: str, attributes: object) -> None:
        nonlocal depth
        depth += 1
        if depth == 1 and tag.rsplit(" ", 1)[-1] != "rss":
            raise _Decided("feed")  # a WXR file is an RSS document

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        if tag.rsplit(" ", 1)[-1] == "item":
            raise _Decided("feed")  # a whole item and still no WordPress namespace

    parser.StartNamespaceDeclHandler = namespace
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        while True:
            chunk = fh.read(1 << 16)
            guard.feed(chunk, not chunk)
            parser.Parse(chunk, not chunk)
            if not chunk:
                return "feed"
    except _Decided as decided:
        return decided.kind
    except expat.ExpatError:
        return "feed"  # the feed reader reads ill-formed feeds leniently, and says so


def read_source(args: argparse.Namespace) -> tuple[Corpus, ImportReport]:
    """Read the source named by the parsed arguments (tags merged when ``--merge-tags`` asks)."""
    corpus, report = _read(args)
    if args.merge_tags:
        from newsmodel.io.report import merge_tags_on_import

        return merge_tags_on_import(corpus, report)
    return corpus, report


def _read(args: argparse.Namespace) -> tuple[Corpus, ImportReport]:
    source: str = args.source
    kind = args.kind if args.kind != "auto" else detect_kind(source)
    if kind == "wxr":
        from newsmodel.io.wxr import read_wxr

        bar = Progress("reading", os.path.getsize(source))
        ok = False
        try:
            found = read_wxr(source, timezone=args.timezone, pages=not args.no_pages, progress=bar)
            ok = True
            return found
        finally:
            bar.close(done=ok)  # 100% once the corpus is built and checked, not at the last byte
    if kind == "rest":
        from newsmodel.io.wordpress import read_rest_dump

        return read_rest_dump(source, host=args.host, timezone=args.timezone)
    if kind == "site":
        from newsmodel.io.wordpress import Fetcher, fetch_site

        return fetch_site(
            source,
            fetcher=Fetcher(retries=args.retries, timeout=args.timeout),
            timezone=args.timezone,
            max_pages=args.max_pages,
            deadline=args.deadline,
            partial=args.partial,
        )
    if kind == "feed":
        from newsmodel.io.feeds import read_feed

        return read_feed(source, timezone=args.timezone)
    if kind == "jsonfeed":
        from newsmodel.io.jsonfeed import read_jsonfeed

        return read_jsonfeed(source, timezone=args.timezone)
    raise SourceError(f"--kind: unknown source kind {kind!r}", source=source)  # pragma: no cover


def _nothing_imported(report: ImportReport, source: str) -> SourceError | None:
    """The error for an import that read items but kept none of them (None when it kept some, or
    when the source had nothing to read): an empty corpus written with exit status 0 would pass
    for a successful import."""
    if any(n for _, n in report.imported) or not report.total_skipped:
        return None
    skipped = ", ".join(f"{n} {k}" for k, n in report.skipped)
    hint = ""
    if report.skipped_count("unrecognised object") and source.lower().endswith(".json"):
        hint = (
            "; if it is a JSON Feed, its 'version' is missing or is not a JSON Feed version URL"
            " (such as https://jsonfeed.org/version/1.1)"
        )
    return SourceError(
        f"{source}: nothing imported: the source has items but every one was skipped ({skipped}){hint}",
        source=source,
        place=source,
    )


def run(args: argparse.Namespace) -> int:
    """Import, write the corpus, print the report.

    An import that reads items but keeps none is an error (exit status 2, the report printed and
    no corpus written)."""
    corpus, report = read_source(args)
    empty = _nothing_imported(report, args.source)
    if empty is not None:
        print(report.as_text(max_warnings=args.max_warnings), file=sys.stderr)
        raise empty
    from newsmodel.serialize import write_corpus

    with step("writing the corpus"):
        write_corpus(corpus, corpus_target(args.output))
    report_to = sys.stderr if args.output == "-" else sys.stdout  # the corpus has standard output
    if args.json_report:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), file=report_to)
    else:
        print(report.as_text(max_warnings=args.max_warnings), file=report_to)
        print(f"wrote {len(corpus.articles)} articles to {args.output}", file=sys.stderr)
    for chosen in report.warnings_with("timezone"):  # however many warnings --max-warnings lists
        print(f"time zone: {chosen.message}", file=sys.stderr)
    missing = report.warnings_with("incomplete")
    if missing:  # only with --partial: every gap, however many warnings --max-warnings lists
        print(f"incomplete import ({len(missing)} gap(s)); what arrived is written, missing:", file=sys.stderr)
        for gap in missing:
            print(f"  {gap.message}", file=sys.stderr)
    return 0
