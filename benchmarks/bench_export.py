"""Export of the generated corpus to JSON Feed, RSS 2.0 and Atom 1.0, against plain baselines.

Figures (one line each, every baseline measured in the same run on the same articles):

- JSON Feed: :func:`newsmodel.io.jsonfeed.write_jsonfeed` (rendered HTML bodies, authors, tags,
  RFC 3339 dates, the ``_newsmodel`` extension, streamed item by item) against ``json.dump`` of
  plain dicts holding the same articles' id, title, slug, body text and ISO date;
- RSS: :func:`newsmodel.io.feeds.write_rss` (escaped text, RFC 822 dates, ``content:encoded``,
  categories, authors, permalinks) against an ``xml.etree.ElementTree`` writer of title, link,
  date and body text per item;
- Atom: :func:`newsmodel.io.feeds.write_atom` against the same ElementTree writer.

Each line gives articles per second, the output size, and the ratio to the baseline.  Both sides
run with the garbage collector enabled (users' default), after a full collection.

    .venv/bin/python benchmarks/bench_export.py               # 100,000 articles
    .venv/bin/python benchmarks/bench_export.py --quick       # 5,000 articles, a smoke run
    .venv/bin/python benchmarks/bench_export.py --articles 20000
"""

from __future__ import annotations

import argparse
import email.utils
import gc
import json
import os
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path

from _summary import Summary, add_summary_argument, check_gc_on

from newsmodel.io.feeds import write_atom, write_rss
from newsmodel.io.jsonfeed import write_jsonfeed
from newsmodel.sample import generate
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, ArticleStatus


def _text(article: Article) -> str:
    return "\n\n".join(b.text for b in article.body.blocks if isinstance(getattr(b, "text", None), str))  # type: ignore[union-attr]


def baseline_json(articles: Sequence[Article], path: Path) -> None:
    """json.dump of plain dicts: what a hand-rolled JSON export does."""
    items = [
        {
            "id": a.id,
            "title": a.title,
            "url": f"/{a.slug}/",
            "content_text": _text(a),
            "date_published": a.published.isoformat() if a.published else None,
        }
        for a in articles
    ]
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"version": "https://jsonfeed.org/version/1.1", "title": "baseline", "items": items}, fh)


def baseline_etree(articles: Sequence[Article], path: Path) -> None:
    """An ElementTree RSS writer of title, link, date and body text."""
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = "baseline"
    for a in articles:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = a.title
        ET.SubElement(item, "link").text = f"https://example.org/{a.slug}/"
        if a.published is not None:
            ET.SubElement(item, "pubDate").text = email.utils.format_datetime(a.published)
        ET.SubElement(item, "description").text = _text(a)
    ET.ElementTree(rss).write(path, encoding="utf-8", xml_declaration=True)


def _time(fn: Callable[[], None]) -> float:
    gc.collect()
    check_gc_on("an export")
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="size of the generated corpus")
    parser.add_argument("--quick", action="store_true", help="5,000 articles, a smoke run")
    add_summary_argument(parser)
    args = parser.parse_args()
    summary = Summary("bench_export.py")
    n = 5_000 if args.quick else args.articles

    start = time.perf_counter()
    corpus: Corpus = generate(articles=n)
    articles = tuple(a for a in corpus.newest_first() if a.status is ArticleStatus.PUBLISHED)
    print(f"corpus: {len(corpus.articles):,} articles generated in {time.perf_counter() - start:.1f} s"
          f" ({len(articles):,} published, exported below)")  # fmt: skip

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # warm the permalink and body caches the exporters share, so each timing is the export itself
        write_jsonfeed(corpus, out / "warm.json", articles=articles[:100])

        t_base_json = _time(lambda: baseline_json(articles, out / "base.json"))
        t_jsonfeed = _time(lambda: write_jsonfeed(corpus, out / "feed.json", articles=articles))
        t_base_xml = _time(lambda: baseline_etree(articles, out / "base.xml"))
        t_rss = _time(lambda: write_rss(corpus, out / "feed.rss", articles=articles))
        t_atom = _time(lambda: write_atom(corpus, out / "feed.atom", articles=articles))

        def line(name: str, seconds: float, file: str, base_name: str, base_seconds: float) -> None:
            rate = len(articles) / seconds
            base_rate = len(articles) / base_seconds
            size = os.path.getsize(out / file) / 1e6
            print(
                f"{name}: {rate:,.0f} articles/s ({seconds:.2f} s, {size:,.0f} MB);"
                f" baseline {base_name}: {base_rate:,.0f} articles/s ({base_seconds:.2f} s);"
                f" ratio {rate / base_rate:.2f}"
            )
            summary.add(
                f"{name}, {len(articles):,} articles",
                f"{rate:,.0f} articles/s ({size:,.0f} MB)",
                baseline=f"{base_name} {base_rate:,.0f} articles/s (ratio {rate / base_rate:.2f})",
            )

        line("jsonfeed export", t_jsonfeed, "feed.json", "json.dump of plain dicts", t_base_json)
        line("rss export", t_rss, "feed.rss", "ElementTree writer", t_base_xml)
        line("atom export", t_atom, "feed.atom", "ElementTree writer", t_base_xml)
    summary.write(args.json_summary, articles=n)


if __name__ == "__main__":
    main()
