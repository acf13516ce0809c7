"""``newsmodel related SLUG``: the related articles of one article, with why they are related."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from newsmodel.cli._common import add_corpus_argument, load_corpus, parse_as_of, step

if TYPE_CHECKING:
    from newsmodel.related import RelatedResult
    from newsmodel.values.corpus import Corpus

__all__ = ["register", "results_json", "run"]


def register(sub: Any) -> None:
    """Add the ``related`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "related",
        help="print the related articles of an article, with each signal's share",
        description="Print the related articles of the article with this slug (or id), best first:"
        " score, date, title, and with --explain each signal's value and share of the score.",
    )
    p.add_argument("slug", metavar="SLUG", help="the article's slug (or id)")
    add_corpus_argument(p)
    p.add_argument("-k", "--number", type=int, default=None, metavar="K", help="how many (default 6)")
    p.add_argument("--explain", action="store_true", help="show each signal's value and share")
    p.add_argument("--include-newer", action="store_true", help="suggest newer articles too (default: only older ones)")
    p.add_argument("--json", action="store_true", help="print the results as JSON (with titles, URLs and dates)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the related articles."""
    from newsmodel.cli._termcache import attach_frequencies, corpus_state
    from newsmodel.related import RelatedConfig, related_articles

    path = getattr(args, "corpus", None)
    state = corpus_state(path)  # before reading: see attach_frequencies
    corpus = load_corpus(args)
    as_of = parse_as_of(args, corpus.site)
    attach_frequencies(corpus, path, state)
    article = corpus.find_article(args.slug)
    config = RelatedConfig(older_only=not args.include_newer)
    with step("building the related index"):
        results = related_articles(corpus, article.id, as_of=as_of, config=config, k=args.number)
    if args.json:
        print(json.dumps(results_json(corpus, results), ensure_ascii=False))
        return 0
    print(f"Related to: {article.title}")
    if not results:
        print("  (none above the threshold)")
    for rank, r in enumerate(results, 1):
        other = corpus.article(r.article_id)
        when = corpus.site.local_date(other.published).isoformat() if other.published else "undated"
        place = corpus.category(other.main_category_id).name if other.main_category_id else "-"
        print(f"{rank:>2}. {r.score:.3f}  {when}  {place}  {other.title}")
        if args.explain:
            parts = "  ".join(
                f"{name} {s.value:.2f} ({s.share * 100:.0f}%)" for name, s in r.signals.items() if s.share > 0
            )
            print(f"      {parts}")
    return 0


def results_json(corpus: Corpus, results: Iterable[RelatedResult]) -> list[dict[str, Any]]:
    """Each result as JSON data: its fields as :func:`~newsmodel.serialize.dumps` writes them,
    then the related article's ``title``, ``url`` (its page's permalink) and ``published``."""
    from newsmodel.pages.page import page_index
    from newsmodel.serialize import unstructure

    index = corpus.cached(page_index)
    out = []
    for r in results:
        other = corpus.article(r.article_id)
        data: dict[str, Any] = unstructure(r)
        data["title"] = other.title
        data["url"] = index.article_url(other)
        data["published"] = other.published.isoformat() if other.published is not None else None
        out.append(data)
    return out
