"""``newsmodel export --format FORMAT``: write a corpus out as JSON Feed, RSS, Atom, WXR, sitemaps or JSON-LD."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import IO, Any

from newsmodel.cli._common import add_corpus_argument, load_corpus, parse_as_of, step
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidValue

FORMATS = ("jsonfeed", "rss", "atom", "wxr", "sitemap", "news-sitemap", "jsonld")


def register(sub: Any) -> None:
    """Add the ``export`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "export",
        help="write a corpus as JSON Feed, RSS, Atom, WXR, sitemaps or JSON-LD",
        description="Write the published articles of a corpus (those dated up to --as-of) in a format"
        " for feed readers, WordPress or search engines.",
    )
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="the output format")
    add_corpus_argument(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file, replaced only once the whole export is written; - or none: standard output",
    )
    p.add_argument("--limit", type=int, metavar="N", help="at most N articles (feeds; default: all)")
    p.add_argument("--feed-url", metavar="URL", help="the URL the feed will be served at (feeds)")
    p.add_argument("--article", metavar="SLUG", help="one article's page (jsonld; default: every article)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the export.

    ``-o FILE`` is written atomically: FILE is replaced only once the whole export is written, so
    an error (an unknown ``--article``, a kill) leaves it as it was.  ``-o -``, or no ``-o``,
    writes to standard output.
    """
    if args.limit is not None and args.limit < 0:
        raise InvalidValue(f"--limit: {args.limit!r} is negative", value=args.limit)
    corpus = load_corpus(args)
    as_of = parse_as_of(args, corpus.site)
    to_file = bool(args.output) and args.output != "-"
    if args.format == "sitemap" and to_file:
        from newsmodel.io.sitemap import write_sitemaps

        with step(f"writing {args.format}"):
            written = write_sitemaps(corpus, args.output, as_of=as_of)
        if len(written) > 1:
            print(f"wrote a sitemap index and {len(written) - 1} sitemaps: {written[0]}", file=sys.stderr)
        return 0
    if to_file:
        from newsmodel.io._common import open_text_target

        with step(f"writing {args.format}"), open_text_target(args.output) as out:
            _write(args, corpus, as_of, out)
    else:
        _write(args, corpus, as_of, sys.stdout)
        sys.stdout.flush()
    return 0


def _write(args: argparse.Namespace, corpus: Corpus, as_of: datetime, stream: IO[str]) -> None:
    fmt = args.format
    if fmt in ("jsonfeed", "rss", "atom"):
        options = {"as_of": as_of, "limit": args.limit, "feed_url": args.feed_url}
        if fmt == "jsonfeed":
            from newsmodel.io.jsonfeed import write_jsonfeed

            write_jsonfeed(corpus, stream, indent=None, **options)
        elif fmt == "rss":
            from newsmodel.io.feeds import write_rss

            write_rss(corpus, stream, **options)
        else:
            from newsmodel.io.feeds import write_atom

            write_atom(corpus, stream, **options)
    elif fmt == "wxr":
        from newsmodel.io import wxr  # type: ignore[attr-defined,unused-ignore]

        wxr.write_wxr(corpus, stream)
    elif fmt == "news-sitemap":
        from newsmodel.io.sitemap import news_sitemap

        stream.write(news_sitemap(corpus, as_of=as_of))
    elif fmt == "sitemap":
        from newsmodel.io.sitemap import sitemap_entries, sitemap_xml

        entries = sitemap_entries(corpus, as_of=as_of)
        if len(entries) > 50_000:
            raise InvalidValue(
                f"{len(entries)} URLs need a sitemap index and several files: give -o FILE",
                value=len(entries),
            )
        stream.write(sitemap_xml(entries))
    else:
        from newsmodel.io.jsonld import page_jsonld, write_jsonld

        if args.article:
            article = corpus.find_article(args.article)
            stream.write(json.dumps(page_jsonld(corpus, article), ensure_ascii=False, indent=2) + "\n")
        else:
            write_jsonld(corpus, stream, articles=corpus.visible(as_of))
