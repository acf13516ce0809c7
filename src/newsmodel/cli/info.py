"""``newsmodel info FILE``: summarize a corpus file (as text, or with ``--json`` as JSON)."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from newsmodel.cli._common import read_corpus_file
from newsmodel.values.corpus import Corpus


def register(sub: Any) -> None:
    """Add the ``info`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "info",
        help="summarize a corpus file",
        description="Read a corpus file (with full validation) and summarize it.",
    )
    p.add_argument("file", metavar="FILE", help="a corpus file (.jsonl or .jsonl.gz)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the summary."""
    corpus = read_corpus_file(args.file)
    if args.json:
        print(json.dumps(summary(corpus, args.file), ensure_ascii=False, indent=2))
    else:
        print(summarize(corpus, args.file))
    return 0


def summary(corpus: Corpus, name: str) -> dict[str, Any]:
    """The summary of a corpus as JSON data (what :func:`summarize` prints, and every kind and status).

    Dates are the site's local days of the first and last dated article; ``top_tags`` are the
    five tags on most articles (ties by name).
    """
    site = corpus.site
    dated = [a.published for a in corpus.articles if a.published is not None]
    counts = Counter(t for a in corpus.articles for t in a.tag_ids)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], corpus.tag(kv[0]).name))[:5]
    kinds = Counter(a.kind for a in corpus.articles)
    return {
        "file": name,
        "site": {"name": site.name, "base_url": site.base_url, "timezone": site.timezone, "locale": site.locale},
        "articles": len(corpus.articles),
        "kinds": {str(k): kinds[k] for k in sorted(kinds)},
        "statuses": corpus.status_counts(),
        "authors": len(corpus.authors),
        "categories": len(corpus.categories),
        "category_depth": max(corpus.depth(c.id) for c in corpus.categories) + 1 if corpus.categories else 0,
        "tags": len(corpus.tags),
        "merged_tag_spellings": sum(len(t.aliases) for t in corpus.tags),
        "first_date": f"{site.local_date(min(dated)):%Y-%m-%d}" if dated else None,
        "last_date": f"{site.local_date(max(dated)):%Y-%m-%d}" if dated else None,
        "top_tags": [{"id": t, "name": corpus.tag(t).name, "articles": n} for t, n in top],
    }


def summarize(corpus: Corpus, name: str) -> str:
    """The text summary of a corpus."""
    data = summary(corpus, name)
    site = data["site"]
    lines = [
        f"{name}",
        f"  site        {site['name']} <{site['base_url']}> ({site['timezone']}, {site['locale']})",
        f"  articles    {data['articles']}"
        + (" (" + ", ".join(f"{n} {k}" for k, n in data["kinds"].items()) + ")" if len(data["kinds"]) > 1 else ""),
        f"  authors     {data['authors']}",
        f"  categories  {data['categories']}"
        + (f" (depth up to {data['category_depth']})" if data["categories"] else ""),
        f"  tags        {data['tags']}"
        + (f" ({data['merged_tag_spellings']} merged spellings)" if data["tags"] else ""),
    ]
    statuses = ", ".join(f"{n} {s}" for s, n in data["statuses"].items() if n)
    lines.append(f"  statuses    {statuses or 'none'}")
    if data["first_date"] is not None:
        lines.append(f"  dates       {data['first_date']} to {data['last_date']} ({site['timezone']})")
    if data["top_tags"]:
        lines.append("  top tags    " + ", ".join(f"{t['name']} ({t['articles']})" for t in data["top_tags"]))
    return "\n".join(lines)
