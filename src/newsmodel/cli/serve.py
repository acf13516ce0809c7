"""``newsmodel serve`` and ``newsmodel build``: the site of a corpus over HTTP, or as static files.

``serve --corpus FILE`` reads the corpus once, builds every index (a progress line for each on a
terminal) and answers until interrupted; a corpus file replaced while it runs changes nothing
(restart to serve the new one).  ``build --corpus FILE -o DIR`` writes the same site but search
as files, replacing DIR whole.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsmodel.cli._common import Progress, add_corpus_argument, load_corpus, parse_as_of, step

__all__ = ["register", "run_build", "run_serve"]


def _common_arguments(p: argparse.ArgumentParser) -> None:
    add_corpus_argument(p)
    p.add_argument("--no-related", action="store_true", help="leave the related articles out of article pages")
    p.add_argument("--lang", default=None, metavar="TAG", help="the pages' language (default: the site's)")
    p.add_argument("--stylesheet", metavar="URL", help="a stylesheet every page links to (a WordPress theme's)")


def register(sub: Any) -> None:
    """Add the ``serve`` and ``build`` commands."""
    p: argparse.ArgumentParser = sub.add_parser(
        "serve",
        help="serve the site of a corpus over HTTP (pages, feeds, search, a WordPress REST API)",
        description="Serve every URL of the site as HTML, its feeds, sitemap.xml, robots.txt, search and a"
        " read-only WordPress REST API under /wp-json/wp/v2/ (needs the serve extra: starlette, uvicorn).",
    )
    _common_arguments(p)
    p.add_argument("--host", default="127.0.0.1", help="the address to listen at (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="the port to listen at (default 8000)")
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="the base URL of every link (default: http://HOST:PORT, so that links stay on this server;"
        " --base-url site keeps the corpus's own)",
    )
    p.add_argument("--no-search", action="store_true", help="no search (no index is built; search URLs are 404)")
    p.set_defaults(func=run_serve)

    b: argparse.ArgumentParser = sub.add_parser(
        "build",
        help="write the site of a corpus as static files",
        description="Write every URL of the site but search (articles, pages, every page of every listing,"
        " feeds, sitemap.xml, robots.txt, 404.html) under DIR, replacing it whole.",
    )
    _common_arguments(b)
    b.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write (replaced whole)")
    b.add_argument("--base-url", metavar="URL", help="the base URL of every link (default: the corpus's own base URL)")
    b.set_defaults(func=run_build)


def _lang(args: argparse.Namespace, corpus: Any) -> str:
    lang: str = args.lang or corpus.site.language or corpus.site.locale.replace("_", "-") or "en"
    return lang


def _search_index(args: argparse.Namespace, corpus: Any) -> Any:
    """The index file beside the corpus when it is up to date with it, else True (build one)."""
    if not args.corpus:
        return True
    from newsmodel.cli.search import default_index_path, open_if_current

    index, _ = open_if_current(default_index_path(args.corpus), args.corpus)
    return True if index is None else index


def run_serve(args: argparse.Namespace) -> int:
    """Build the indexes, then serve until interrupted."""
    try:
        from newsmodel.serve.app import create_app
        from newsmodel.serve.server import run
    except ImportError as exc:
        print(f"newsmodel serve: error: {exc.name} is missing: pip install 'newsmodel-py[serve]'", file=sys.stderr)
        return 2
    corpus = load_corpus(args)
    as_of = parse_as_of(args, corpus.site)
    if args.base_url == "site":
        base_url = None
    else:
        base_url = args.base_url or f"http://{'localhost' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}"
    search = False if args.no_search else _search_index(args, corpus)
    app = create_app(
        corpus,
        as_of=as_of,
        base_url=base_url,
        search=search,
        related=not args.no_related,
        lang=_lang(args, corpus),
        stylesheet=args.stylesheet,
        progress=step,
    )
    if search is not True and search is not False:
        search.close()  # copied into memory by create_app
    # The corpus and its indexes live as long as the process: move them out of the cyclic
    # collector's reach (gc.freeze), so that its full collections do not walk millions of
    # objects that can never be garbage while requests wait.
    import gc

    gc.collect()
    gc.freeze()
    print(f"serving {corpus.site.name!r} at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    run(app, host=args.host, port=args.port)
    return 0


def run_build(args: argparse.Namespace) -> int:
    """Write the site's files and say how many."""
    from newsmodel.serve.build import build_site
    from newsmodel.serve.site import SiteResponder, with_base_url

    corpus = load_corpus(args)
    as_of = parse_as_of(args, corpus.site)
    if args.base_url:
        corpus = with_base_url(corpus, args.base_url)
    site = SiteResponder(
        corpus,
        as_of=as_of,
        search=False,
        related=not args.no_related,
        lang=_lang(args, corpus),
        stylesheet=args.stylesheet,
        progress=step,
    )
    bar: Progress | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = Progress("writing", total)
        bar(done)

    ok = False
    try:
        report = build_site(site, args.output, progress=progress)
        ok = True
    finally:
        if bar is not None:
            bar.close(done=ok)
    print(f"{args.output}: {report.files} files, {report.bytes:,} bytes")
    for url, status in report.skipped:
        why = "not on the site" if status == 0 else f"answered {status}"
        print(f"skipped {url} ({why})", file=sys.stderr)
    return 0
