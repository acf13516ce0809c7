"""``newsmodel archives``: the archive periods of a corpus with their counts."""

from __future__ import annotations

import argparse
from typing import Any

from newsmodel.cli._common import add_corpus_argument, load_corpus, parse_as_of

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add the ``archives`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "archives",
        help="print the archives: periods with their post counts",
        description="Print the archives widget: yearly, monthly, weekly (ISO weeks) or daily periods of the"
        " site's local time with their counts, newest first unless --oldest.",
    )
    add_corpus_argument(p)
    p.add_argument("--period", choices=("yearly", "monthly", "weekly", "daily"), default="monthly")
    p.add_argument("--oldest", action="store_true", help="oldest period first")
    p.add_argument("--limit", type=int, metavar="N", help="at most N periods")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the periods as JSON")
    out.add_argument("--html", action="store_true", help="print WordPress's archives markup (<li> items)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the archives."""
    from newsmodel.widgets.archives import ArchiveIndex

    corpus = load_corpus(args)
    as_of = parse_as_of(args, corpus.site)
    periods = corpus.cached(ArchiveIndex.build).archives(
        as_of=as_of, period=args.period, order="oldest" if args.oldest else "newest", limit=args.limit
    )
    if args.json:
        from newsmodel.serialize import dumps

        print(dumps(tuple(periods)))
    elif args.html:
        from newsmodel.views.widgets_html import archives_html

        print(archives_html(periods, corpus.site, show_post_count=True), end="")
    else:
        for period in periods:
            print(period.text)
    return 0
