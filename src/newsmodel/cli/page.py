"""``newsmodel page URL-or-SLUG``: the whole page at a URL of the site (an article, a listing, a
feed), or of the article with that slug or id, as text or as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from newsmodel.cli._common import add_corpus_argument, load_corpus, parse_as_of, step


def register(sub: Any) -> None:
    """Add the ``page`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "page",
        help="print the page at a URL of the site, or an article's (text or --json)",
        description="Resolve a URL (or path) of the site, or an article's slug or id, and print its page.",
    )
    p.add_argument("slug", metavar="URL-or-SLUG", help="a URL or path of the site, or an article's slug or id")
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
    as_of = parse_as_of(args, corpus.site)
    if "/" in slug or slug.startswith("?"):
        return _print_resolved(args, corpus, slug, as_of)
    with step("building the page and its indexes"):
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


def _print_resolved(args: argparse.Namespace, corpus: Any, url: str, as_of: Any) -> int:
    from newsmodel.errors import UnknownId
    from newsmodel.listing import ListingPage
    from newsmodel.router import FeedTarget, NotFound, router

    view = corpus.cached(router).view(url, as_of=as_of, **({"related": False} if args.no_related else {}))
    if isinstance(view, NotFound):
        hint = f" (did you mean {view.suggestion}?)" if view.suggestion else ""
        raise UnknownId(f"nothing lives at {url!r}: {view.reason}{hint}", value=url, where="url")
    if args.json:
        from newsmodel.serialize import dumps

        print(dumps(view))
    elif isinstance(view, FeedTarget):
        print(f"{view.kind} feed{'' if view.id is None else ' ' + repr(view.id)} ({view.format}): {view.url}")
    elif isinstance(view, ListingPage):
        from newsmodel.cli._pagetext import render_listing_text

        print(render_listing_text(view, width=args.width), end="")
    else:
        from newsmodel.cli._pagetext import render_page_text

        print(render_page_text(view, corpus.article(view.article.id).body, width=args.width), end="")
    return 0


def run(args: argparse.Namespace) -> int:
    """Print the page."""
    return print_page(args, args.slug)
