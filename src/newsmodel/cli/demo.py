"""``newsmodel demo``: the bundled sample's seed article as a reader sees it."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Iterable
from typing import Any

from newsmodel.body import Block, Heading, ListBlock, Paragraph, Quote
from newsmodel.cli._common import add_corpus_argument, load_corpus, parse_as_of


def register(sub: Any) -> None:
    """Add the ``demo`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="print an article of the bundled sample as a reader sees it",
        description="Load the bundled sample corpus and print its seed article as a reader sees it.",
    )
    add_corpus_argument(p)
    p.add_argument("--slug", help="the article to show (default: the seed page's article)")
    p.set_defaults(func=run)


def _date(value: Any, zone: Any) -> str:
    local = value.astimezone(zone)
    return f"{local:%B} {local.day}, {local.year}"


def _blocks(blocks: Iterable[Block], width: int, indent: str = "") -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += ["", indent + block.text, indent + ("=" if block.level <= 2 else "-") * len(block.text), ""]
        elif isinstance(block, Paragraph):
            out += [*textwrap.wrap(block.text, width, initial_indent=indent, subsequent_indent=indent), ""]
        elif isinstance(block, ListBlock):
            for n, item in enumerate(block.items, start=block.start or 1):
                bullet = f"{n}. " if block.ordered else "• "
                lines = _blocks(item.blocks, width - len(bullet), indent + " " * len(bullet))
                lines = [line for line in lines if line.strip()]
                if lines:
                    lines[0] = indent + bullet + lines[0][len(indent) + len(bullet) :]
                out += lines
            out.append("")
        elif isinstance(block, Quote):
            out += _blocks(block.blocks, width - 2, indent + "> ")
    return out


def render_article(corpus: Any, slug: str, width: int = 78) -> str:
    """The article as plain text: breadcrumb, title, byline, date, source line, body, tags."""
    from newsmodel.sample import SEED_SLUG

    article = corpus.article_by_slug(slug or SEED_SLUG)
    zone = corpus.site.zone
    lines: list[str] = []
    main = article.main_category_id
    crumbs = ["Home", *(c.name for c in corpus.path(main))] if main else ["Home"]
    lines.append(" › ".join(crumbs))
    lines += ["", *textwrap.wrap(article.title.upper(), width), ""]
    byline = " and ".join(corpus.author(i).name for i in article.author_ids)
    meta = []
    if byline:
        meta.append(f"by {byline}")
    if article.published is not None:
        meta.append(_date(article.published, zone))
    if main:
        meta.append("in " + ", ".join(c.name for c in reversed(corpus.path(main)[-2:])))
    lines.append(" · ".join(meta))
    if article.source is not None and article.source.line:
        lines.append(article.source.line)
    lines.append("")
    lines += _blocks(article.body.blocks, width)
    if article.tag_ids:
        tags = sorted((corpus.tag(t).name for t in article.tag_ids), key=str.casefold)
        lines += textwrap.wrap("Tags: " + " · ".join(tags), width)
    return "\n".join(line.rstrip() for line in lines).replace("\n\n\n", "\n\n").strip() + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the article."""
    corpus = load_corpus(args)
    as_of = parse_as_of(args)
    print(f"{corpus.site.name} — {as_of.astimezone(corpus.site.zone):%A}, {_date(as_of, corpus.site.zone)}\n")
    print(render_article(corpus, args.slug), end="")
    return 0
