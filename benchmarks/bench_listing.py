"""Benchmark of listing pages and of the resolver.

Generates a corpus (default 1,000,000 articles with short bodies, as bench_widgets.py), builds the
listing index once (time and resident memory), then times whole ListingPage view models of every
kind (home, a top category with every category below it, a leaf category, a tag, an author, a
year, a month, a day) at several pages N (1, 2, 10, 100 and the last), median and 99th
percentile, against ``scan_listing`` for the same answer in the same run (the scan on the first
``--scan-queries`` queries only: at a million articles one scan takes a second).  Then at least
``--check`` (default 1,000) listing queries are compared with a scan for identity: for each key
the visible articles are filtered and sorted once by a scan, and every page asked of the index is
compared with the scan's slice.  Last, ``Router.resolve`` is timed on the URLs of those pages and
of random articles.  Any difference makes the exit code 1.  Both sides of every ratio run with the
garbage collector enabled (users' default).

    .venv/bin/python benchmarks/bench_listing.py            # the real size (several minutes)
    .venv/bin/python benchmarks/bench_listing.py --quick    # 20,000 articles, a smoke run
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from _summary import Summary, add_summary_argument, check_gc_on

from newsmodel.pages.listing import ListingKey, build_listing_page, listing_index, scan_listing
from newsmodel.pages.page import page_index
from newsmodel.pages.router import ArticleTarget, ListingTarget, router
from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.values.dates import local_date
from newsmodel.values.timeline import published_timeline


def rss_mb() -> float:
    """The resident set size of this process now, in MB (Linux ``/proc``)."""
    with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def quantiles(samples: list[float]) -> tuple[float, float]:
    """(median, 99th percentile) of samples in seconds."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``fn`` once; (seconds, result)."""
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per figure."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1_000_000, help="corpus size (default 1,000,000)")
    ap.add_argument("--repeat", type=int, default=50, help="timed builds per kind and page (default 50)")
    ap.add_argument("--scan-queries", type=int, default=8, help="listing pages also timed by scanning (default 8)")
    ap.add_argument("--check", type=int, default=1000, help="queries compared with a scan (default 1,000)")
    ap.add_argument("--resolves", type=int, default=5000, help="URLs resolved (default 5,000)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the corpus and of the samples")
    ap.add_argument("--quick", action="store_true", help="20,000 articles: a smoke run")
    add_summary_argument(ap)
    args = ap.parse_args(argv)
    summary = Summary("bench_listing.py")
    if args.quick:
        args.articles = 20_000
    as_of = SEED_AS_OF
    rng = random.Random(args.seed)

    print(f"bench_listing: {args.articles:,} articles, as_of {as_of}")
    secs, corpus = timed(lambda: generate(articles=args.articles, seed=args.seed, short_bodies=True))
    gc.collect()
    base_rss = rss_mb()
    print(f"corpus generated                     {secs:8.1f} s   rss {base_rss:,.0f} MB")
    corpus.cached(published_timeline)
    corpus.cached(page_index)  # the widget indexes the sidebar needs (bench_widgets.py measures them)
    gc.collect()
    base_rss = rss_mb()
    build, index = timed(lambda: corpus.cached(listing_index))
    gc.collect()
    print(
        f"listing index built                  {build:8.2f} s   memory {rss_mb() - base_rss:,.0f} MB"
        " beyond the corpus and the widget indexes"
    )
    summary.add(f"build the listing index ({args.articles:,} articles)", f"{build:.2f} s")

    # The keys of each kind: the categories with the most and the fewest posts below them.
    visible = corpus.visible(as_of)
    seed = visible[len(visible) // 3]
    day = local_date(seed.published, corpus.site.zone)  # type: ignore[arg-type]
    tops = [c for c in corpus.categories if c.parent_id is None]
    top = max(tops, key=lambda c: len(corpus.descendants(c.id)))
    leaf = next(c for c in corpus.categories if not corpus.children(c.id))
    busiest_tag = max(corpus.tags, key=lambda t: len(corpus.articles_by_tag(t.id)))
    kinds = {
        "home": ListingKey.home(),
        "category (with descendants)": ListingKey.category(top.id),
        "category (leaf)": ListingKey.category(leaf.id),
        "tag": ListingKey.tag(busiest_tag.id),
        "author": ListingKey.author(seed.author_ids[0]),
        "year": ListingKey.for_year(day.year),
        "month": ListingKey.for_month(day.year, day.month),
        "day": ListingKey.for_day(day.year, day.month, day.day),
    }
    per_page = corpus.site.posts_per_page
    failures = 0
    scans: list[float] = []
    indexed_of_scans: list[float] = []
    worst = 0.0
    print(f"\nListingPage build (median / p99 of {args.repeat}; teasers memoized after the first build)")
    for name, key in kinds.items():
        total = index.count(key, as_of=as_of)
        last = max(1, -(-total // per_page))
        for page in sorted({1, 2, 10, 100, last} & set(range(1, last + 1))):
            build_listing_page(corpus, key, page=page, as_of=as_of)  # first build: the closure, the teasers
            check_gc_on("ListingPage build")
            samples = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                build_listing_page(corpus, key, page=page, as_of=as_of)
                samples.append(time.perf_counter() - t)
            med, p99 = quantiles(samples)
            worst = max(worst, med)
            line = f"  {name:<28} page {page:>7,} of {last:>7,}: {med * 1e3:7.3f} ms  p99 {p99 * 1e3:7.3f} ms"
            if len(scans) < args.scan_queries:
                check_gc_on("scan")
                secs, scanned = timed(lambda: scan_listing(corpus, key, page=page, as_of=as_of))  # noqa: B023
                check_gc_on("indexed slice")
                fast, answer = timed(lambda: index.listing_slice(key, page=page, as_of=as_of))  # noqa: B023
                scans.append(secs)
                indexed_of_scans.append(fast)
                if scanned != answer:
                    failures += 1
                    print(f"  MISMATCH {name} page {page}")
                line += f"   scan {secs * 1e3:9.1f} ms"
            print(line)
    ratio = statistics.median(scans) / statistics.median(indexed_of_scans)
    print(f"median listing build, worst kind and page: {worst * 1e3:.3f} ms (target < 2 ms)")
    print(f"scan vs indexed slice (same {len(scans)} queries): {ratio:,.0f}x")
    summary.add("ListingPage build, median, worst kind and page", f"{worst * 1e3:.3f} ms", target="< 2 ms")
    summary.add(
        "listing slice, indexed vs scan",
        f"{statistics.median(indexed_of_scans) * 1e3:.3f} ms",
        baseline=f"{statistics.median(scans) * 1e3:.1f} ms (scan)",
    )

    # Identity with a scan: one pass over the visible articles, newest first, files each into the
    # listings it belongs to (its tags, authors, categories and their ancestors, local day, month,
    # year) among those asked; then every page asked of the index is compared with the pass's slice.
    # The first home page (sticky posts) was compared with scan_listing above.
    print(f"\nidentity: at least {args.check:,} listing pages compared with a scan")
    keys: list[ListingKey] = list(kinds.values())
    while len(set(keys)) < args.check // 5:
        a = visible[rng.randrange(len(visible))]
        d = local_date(a.published, corpus.site.zone)  # type: ignore[arg-type]
        keys.append(
            rng.choice(
                [
                    ListingKey.tag(rng.choice(a.tag_ids)) if a.tag_ids else ListingKey.home(),
                    ListingKey.author(a.author_ids[0]),
                    ListingKey.category(rng.choice(corpus.path(a.category_ids[0])).id),
                    ListingKey.for_day(d.year, d.month, d.day),
                    ListingKey.for_month(d.year, d.month),
                ]
            )
        )
    keys = list(dict.fromkeys(keys))
    scanned_lists = _scan_many(corpus, keys, visible)
    compared = 0
    urls: list[str] = []
    for key in keys:
        full = scanned_lists[key]
        pages = max(1, -(-len(full) // per_page))
        urls.append(index.url(key, 1))
        wanted = {rng.randint(1, pages) for _ in range(12)} | {pages}
        if key.kind == "home":
            wanted.discard(1)
        for page in sorted(wanted):
            ids = tuple(a.id for a in full[(page - 1) * per_page : page * per_page])
            got = index.listing_slice(key, page=page, as_of=as_of)
            if got.ids != ids or got.total != len(full):
                failures += 1
                print(f"  MISMATCH {key} page {page}")
            compared += 1
            urls.append(index.url(key, page))
    print(f"  {compared:,} pages of {len(keys):,} listings compared: {failures} differences")
    summary.add("listing pages compared with a scan", f"{compared:,} ({failures} differences)")

    # The resolver: listing URLs and article URLs.
    r = corpus.cached(router)
    pages_index = corpus.cached(page_index)
    while len(urls) < args.resolves:
        urls.append(pages_index.article_url(visible[rng.randrange(len(visible))]))
    rng.shuffle(urls)
    check_gc_on("resolve")
    samples = []
    for url in urls:
        t = time.perf_counter()
        found = r.resolve(url, as_of=as_of)
        samples.append(time.perf_counter() - t)
        if not isinstance(found, (ArticleTarget, ListingTarget)) or found.url != url:
            failures += 1
            print(f"  RESOLVE MISMATCH {url} -> {found}")
    med, p99 = quantiles(samples)
    print(f"\nresolve(): {len(urls):,} URLs, median {med * 1e6:.1f} µs, p99 {p99 * 1e6:.1f} µs (target < 50 µs)")
    summary.add("Router.resolve, median", f"{med * 1e6:.1f} µs", target="< 50 µs")
    summary.write(args.json_summary, articles=args.articles)
    print("OK" if not failures else f"{failures} FAILURES")
    return 1 if failures else 0


def _scan_many(corpus: Any, keys: list[ListingKey], visible: Any) -> dict[ListingKey, list[Any]]:
    """Every asked listing's visible articles, newest first, from one pass over ``visible``."""
    wanted = set(keys)
    out: dict[ListingKey, list[Any]] = {k: [] for k in keys}
    zone = corpus.site.zone
    paths: dict[str, list[str]] = {}
    for a in visible:
        d = local_date(a.published, zone)
        mine = [
            ListingKey.home(),
            ListingKey.for_day(d.year, d.month, d.day),
            ListingKey.for_month(d.year, d.month),
            ListingKey.for_year(d.year),
        ]
        mine += [ListingKey.tag(t) for t in a.tag_ids]
        mine += [ListingKey.author(x) for x in dict.fromkeys(a.author_ids)]
        cats: set[str] = set()
        for c in a.category_ids:
            if c not in paths:
                paths[c] = [p.id for p in corpus.path(c)]
            cats.update(paths[c])
        mine += [ListingKey.category(c) for c in cats]
        for k in mine:
            if k in wanted:
                out[k].append(a)
    return out


if __name__ == "__main__":
    sys.exit(main())
