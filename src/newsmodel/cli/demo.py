"""``newsmodel demo``: the whole article page of the bundled sample, as a reader sees it."""

from __future__ import annotations

import argparse
from typing import Any

from newsmodel.cli.page import add_page_arguments, print_page


def register(sub: Any) -> None:
    """Add the ``demo`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="print the article page of the bundled sample as a reader sees it",
        description="Load the bundled sample corpus and print the seed article's whole page: breadcrumbs,"
        " article, table of contents, previous/next, related and recent posts, tag cloud, calendar and"
        " archives (or, with --json, the ArticlePage JSON).",
    )
    p.add_argument("--slug", help="the article to show (default: the seed page's article)")
    add_page_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the page."""
    from newsmodel.sample import SEED_SLUG

    return print_page(args, args.slug or SEED_SLUG)
