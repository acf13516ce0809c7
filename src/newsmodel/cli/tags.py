"""``newsmodel tags``: the tag cloud of a corpus, tags with counts and sizes."""

from __future__ import annotations

import argparse
from typing import Any

from newsmodel.cli._common import add_corpus_argument, load_corpus, parse_as_of

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add the ``tags`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "tags",
        help="print the tag cloud: the most used tags with counts",
        description="Print the tag cloud widget: the top N tags by count (ties by name), in name order,"
        " with their counts and font sizes.",
    )
    add_corpus_argument(p)
    p.add_argument("--number", type=int, default=45, metavar="N", help="how many tags (default 45, 0 = all)")
    p.add_argument("--scale", choices=("wordpress", "linear"), default="wordpress", help="size formula")
    p.add_argument("--by-count", action="store_true", help="list the most used first instead of by name")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the TagCloud as JSON")
    out.add_argument("--html", action="store_true", help="print WordPress's tag cloud markup")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the tag cloud."""
    from newsmodel.widgets.tagcloud import TagCloudIndex

    corpus = load_corpus(args)
    as_of = parse_as_of(args, corpus.site)
    cloud = corpus.cached(TagCloudIndex.build).tag_cloud(
        as_of=as_of, number=args.number, scale=args.scale, order="count" if args.by_count else "name"
    )
    if args.json:
        from newsmodel.serialize import dumps

        print(dumps(cloud))
    elif args.html:
        from newsmodel.views.widgets_html import tag_cloud_html

        print(tag_cloud_html(cloud, corpus.site))
    else:
        width = max((len(e.name) for e in cloud.entries), default=0)
        for e in cloud.entries:
            print(f"{e.name:<{width}}  {e.count:>6}  {e.size_text}{cloud.unit}")
    return 0
