"""``newsmodel page SLUG``: the whole article page of one article, as text or as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from newsmodel.cli._common import add_corpus_argument, load_corpus, parse_as_of


def register(sub: Any) -> None:
    """Add the ``page`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "page",
        help="print the article page of one article (text or --json)",
        description="Build the ArticlePage of an article (by slug or id) of a corpus and print it.",
    )
    p.add_argument("slug", metavar="SLUG", help="the slug (or id) of the article")
    add_page_arguments(p)
    p.set_defaults(func=run)


def add_page_arguments(p: argparse.ArgumentParser) -> None:
    """The options ``page`` and ``demo`` share: corpus, as-of, JSON output and widget settings."""
    add_corpus_argument(p)
    p.add_argument("--json", action="store_true", help="print the ArticlePage as JSON")
    p.add_argument("--no-related", action="store_true", help="leave the related articles out")
    p.add_argument("--same-category", action="store_true", help="previous/next within the article's categories")
    p.add_argument("--width", type=int, default=78, help="text width (default 78)")


def print_page(args: argparse.Namespace, slug: str) -> int:
    """Build the page of ``slug`` from the command line's corpus and print it."""
    from newsmodel.page import build_article_page

    corpus = load_corpus(args)
    as_of = parse_as_of(args)
    if not args.no_related:
        from newsmodel.cli._termcache import attach_frequencies

        attach_frequencies(corpus, getattr(args, "corpus", None))
    page = build_article_page(
        corpus,
        slug,
        as_of=as_of,
        related=not args.no_related,
        same_category_navigation=args.same_category,
    )
    if args.json:
        from newsmodel.serialize import dumps

        print(dumps(page))
    else:
        from newsmodel.cli._pagetext import render_page_text

        print(render_page_text(page, corpus.find_article(slug).body, width=args.width), end="")
    return 0


def run(args: argparse.Namespace) -> int:
    """Print the page."""
    return print_page(args, args.slug)
