"""``newsmodel page URL-or-SLUG``: the whole page at a URL of the site (an article, a static
page, a listing, search results, a feed), or of the article with that slug or id, as text, as
JSON or as HTML.

A search URL (``/?s=seoul``, ``/search/seoul/``) is answered by the search index beside the
corpus file (``newsmodel index``) when it is up to date, else by an index built in memory;
standard error says which.
"""

from __future__ import annotations

import argparse
import sys
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
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the page's view model as JSON")
    out.add_argument(
        "--html",
        action="store_true",
        help="print the page as a whole HTML document (theme-ready markup, default stylesheet inlined)",
    )
    p.add_argument("--no-related", action="store_true", help="leave the related articles out")
    p.add_argument("--same-category", action="store_true", help="previous/next within the article's categories")
    p.add_argument("--width", type=int, default=78, help="text width (default 78)")


def print_page(args: argparse.Namespace, slug: str) -> int:
    """Build the page of ``slug`` from the command line's corpus and print it."""
    from newsmodel.pages.page import build_article_page

    path = getattr(args, "corpus", None)
    if not args.no_related:
        from newsmodel.cli._termcache import attach_frequencies, corpus_state

        state = corpus_state(path)  # before reading: see attach_frequencies
    corpus = load_corpus(args)
    as_of = parse_as_of(args, corpus.site)
    if not args.no_related:
        attach_frequencies(corpus, path, state)
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
    elif args.html:
        print(_html(page), end="")
    else:
        from newsmodel.cli._pagetext import render_page_text

        print(render_page_text(page, corpus.find_article(slug).body, width=args.width), end="")
    return 0


def _html(view: Any) -> str:
    """The page as a whole HTML document (:func:`newsmodel.views.sitehtml.document_html`, the default
    stylesheet inlined): an article or static page, or a listing."""
    from newsmodel.views.sitehtml import document_html

    return document_html(view)


def _print_resolved(args: argparse.Namespace, corpus: Any, url: str, as_of: Any) -> int:
    from contextlib import ExitStack

    from newsmodel.pages.listing import ListingPage
    from newsmodel.pages.router import ArticleTarget, FeedTarget, NotFound, router
    from newsmodel.values.errors import InvalidValue, UnknownId

    r = corpus.cached(router)
    options: dict[str, Any] = {}
    if isinstance(r.resolve(url, as_of=as_of), ArticleTarget):
        options = {"related": not args.no_related, "same_category_navigation": args.same_category}
    with ExitStack() as stack:

        def search(query: str, page: int, per_page: int) -> Any:
            from newsmodel.cli.search import index_for_pages

            index, which = index_for_pages(getattr(args, "corpus", None), corpus)
            stack.callback(index.close)
            print(which, file=sys.stderr)
            return index.search(query, as_of=as_of, page=page, per_page=per_page)

        view = r.view(url, as_of=as_of, search=search, **options)
    if isinstance(view, NotFound):
        hint = f" (did you mean {view.suggestion}?)" if view.suggestion else ""
        raise UnknownId(f"nothing lives at {url!r}: {view.reason}{hint}", value=url, where="url")
    if args.json:
        from newsmodel.serialize import dumps

        print(dumps(view))
    elif args.html:
        if isinstance(view, FeedTarget):
            raise InvalidValue(f"{url!r} is a feed ({view.format}), not an HTML page", value=url, where="url")
        print(_html(view), end="")
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
