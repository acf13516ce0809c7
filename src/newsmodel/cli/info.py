"""``newsmodel info FILE``: summarize a corpus file."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any


def register(sub: Any) -> None:
    """Add the ``info`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "info",
        help="summarize a corpus file",
        description="Read a corpus file (with full validation) and summarize it.",
    )
    p.add_argument("file", metavar="FILE", help="a corpus file (.jsonl or .jsonl.gz)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the summary."""
    from newsmodel.serialize import read_corpus

    corpus = read_corpus(args.file)
    print(summarize(corpus, args.file))
    return 0


def summarize(corpus: Any, name: str) -> str:
    """The text summary of a corpus."""
    site = corpus.site
    lines = [
        f"{name}",
        f"  site        {site.name} <{site.base_url}> ({site.timezone}, {site.locale})",
        f"  articles    {len(corpus.articles)}",
        f"  authors     {len(corpus.authors)}",
        f"  categories  {len(corpus.categories)}"
        + (f" (depth up to {max(corpus.depth(c.id) for c in corpus.categories) + 1})" if corpus.categories else ""),
        f"  tags        {len(corpus.tags)}"
        + (f" ({sum(len(t.aliases) for t in corpus.tags)} merged spellings)" if corpus.tags else ""),
    ]
    statuses = ", ".join(f"{n} {s}" for s, n in corpus.status_counts().items() if n)
    lines.append(f"  statuses    {statuses or 'none'}")
    dated = [a.published for a in corpus.articles if a.published is not None]
    if dated:
        lines.append(
            f"  dates       {site.local_date(min(dated)):%Y-%m-%d} to {site.local_date(max(dated)):%Y-%m-%d}"
            f" ({site.timezone})"
        )
    counts = Counter(t for a in corpus.articles for t in a.tag_ids)
    if counts:
        top = sorted(counts.items(), key=lambda kv: (-kv[1], corpus.tag(kv[0]).name))[:5]
        lines.append("  top tags    " + ", ".join(f"{corpus.tag(t).name} ({n})" for t, n in top))
    return "\n".join(lines)
