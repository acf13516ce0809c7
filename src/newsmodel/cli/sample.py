"""``newsmodel sample``: write a generated sample corpus to a file."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsmodel.cli._common import corpus_target, step


def register(sub: Any) -> None:
    """Add the ``sample`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "sample",
        help="write a deterministic sample corpus (e.g. 100,000 articles) to a file",
        description="Write a deterministic sample corpus shaped like the seed site to a JSON Lines file.",
    )
    p.add_argument(
        "--articles",
        type=int,
        default=3000,
        help="how many articles (posts; the nine static pages come on top; default 3000)",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--short-bodies", action="store_true", help="one-paragraph bodies")
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="output file (.jsonl or .jsonl.gz; - for standard output)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Generate and write the corpus."""
    from newsmodel.sample import generate
    from newsmodel.serialize import write_corpus
    from newsmodel.values.model import ContentKind

    with step(f"generating {args.articles:,} articles"):
        corpus = generate(articles=args.articles, seed=args.seed, short_bodies=args.short_bodies)
    with step("writing the corpus"):
        write_corpus(corpus, corpus_target(args.output))
    posts = sum(a.kind == ContentKind.POST for a in corpus.articles)
    pages = len(corpus.articles) - posts
    print(f"wrote {posts} articles and {pages} pages to {args.output}", file=sys.stderr)
    return 0
