"""Corpus construction with every integrity check, and unique slugs for equal titles.

Prints one line per figure, with baselines measured in the same run:

- constructing a ``Corpus`` of N generated articles (all integrity checks), against the floor of
  merely indexing the same entities by id in dicts (what any container must do at least);
- the first query that builds the lazy indexes (newest first, by tag, by category);
- 10,000 equal titles made unique with ``SlugRegistry`` against the plain approach that tries
  ``x-2``, ``x-3`` … from 2 for every title (quadratic).

Both sides of each ratio run with the garbage collector enabled (users' default).

Run: ``.venv/bin/python benchmarks/bench_corpus.py`` (``--quick``: 20,000 articles, 2,000 titles, one run).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable

from _summary import Summary, add_summary_argument, check_gc_on

from newsmodel.sample import generate
from newsmodel.values.corpus import Corpus
from newsmodel.values.slugs import SlugRegistry, slugify


def best_of(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        gc.collect()
        check_gc_on(getattr(fn, "__name__", "a timed call"))
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--titles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="20,000 articles, 2,000 titles, one run of each")
    add_summary_argument(parser)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.repeat, args.titles = 20_000, 1, 2_000
    summary = Summary("bench_corpus.py")

    start = time.perf_counter()
    sample = generate(articles=args.articles)
    print(f"generate {len(sample.articles):,} articles: {time.perf_counter() - start:.2f} s (setup, not a figure)")
    parts = {
        "site": sample.site,
        "authors": sample.authors,
        "categories": sample.categories,
        "tags": sample.tags,
        "articles": sample.articles,
    }

    def build() -> Corpus:
        return Corpus(**parts)  # type: ignore[arg-type]

    def floor() -> None:
        for items in (sample.authors, sample.categories, sample.tags, sample.articles):
            {x.id: x for x in items}

    t_corpus = best_of(args.repeat, build)
    t_floor = best_of(args.repeat, floor)
    print(
        f"corpus construction, all integrity checks, {len(sample.articles):,} articles: {t_corpus:.3f} s"
        f" (target < 2 s; baseline dicts by id only: {t_floor:.3f} s, ratio {t_corpus / t_floor:.1f}x)"
    )

    summary.add(
        f"corpus construction, {len(sample.articles):,} articles",
        f"{t_corpus:.3f} s",
        target="< 2 s",
        baseline=f"dicts by id {t_floor:.3f} s ({t_corpus / t_floor:.1f}x)",
    )

    corpus = build()
    start = time.perf_counter()
    corpus.newest_first()
    first = corpus.articles_by_tag(corpus.tags[0].id)
    corpus.articles_by_category(corpus.categories[0].id, descendants=True)
    t_lazy = time.perf_counter() - start
    print(f"first queries (build lazy indexes: order, by tag, by category tree): {t_lazy:.3f} s")
    summary.add("first queries (lazy indexes)", f"{t_lazy:.3f} s")
    samples = []
    for tag in corpus.tags[:200]:
        s = time.perf_counter()
        corpus.articles_by_tag(tag.id)
        samples.append(time.perf_counter() - s)
    print(f"articles_by_tag after indexing: median {statistics.median(samples) * 1e6:.1f} µs ({len(first):,} hits)")

    n = args.titles

    def registry() -> None:
        reg = SlugRegistry()
        for _ in range(n):
            reg.claim("Breaking news from the capital")

    def plain() -> None:
        taken: set[str] = set()
        for _ in range(n):
            base = slugify("Breaking news from the capital")
            slug, k = base, 2
            while slug in taken:
                slug = f"{base}-{k}"
                k += 1
            taken.add(slug)

    t_reg = best_of(args.repeat, registry)
    t_plain = best_of(1, plain)
    print(
        f"unique slugs for {n:,} equal titles: SlugRegistry {t_reg:.3f} s;"
        f" baseline try-from-2 loop {t_plain:.3f} s ({t_plain / t_reg:.0f}x slower)"
    )
    summary.add(
        f"unique slugs, {n:,} equal titles",
        f"{t_reg:.3f} s",
        baseline=f"try-from-2 loop {t_plain:.3f} s ({t_plain / t_reg:.0f}x slower)",
    )
    summary.write(args.json_summary, articles=len(sample.articles))


if __name__ == "__main__":
    main()
