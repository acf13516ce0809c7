"""Benchmark of the article page and its widgets (issue 4's figures).

Generates a corpus (default 1,000,000 articles with short bodies), builds the widget indexes once
(time and resident memory beyond the articles), then for N random visible articles (default
1,000) times a complete ArticlePage without related articles and each widget alone, indexed,
against a straightforward scan over the articles for the same answer in the same run (scans on
the first ``--scan-pages`` pages only: at a million articles one scan takes a second).  Every
scanned answer is compared with the indexed one; any difference is reported and makes the exit
code 1.

    .venv/bin/python benchmarks/bench_widgets.py            # the real size (a few minutes)
    .venv/bin/python benchmarks/bench_widgets.py --quick    # 20,000 articles, a smoke run
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

from newsmodel.archives import ArchiveIndex, archives
from newsmodel.calendar import CalendarIndex, month_calendar
from newsmodel.dates import local_date
from newsmodel.navigation import adjacent, navigation_index, recent
from newsmodel.page import build_article_page, page_index
from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.tagcloud import TagCloudIndex, tag_cloud
from newsmodel.taxonomy import breadcrumbs, category_menu, category_tree, published_timeline, taxonomy_index
from newsmodel.urls import share_links


def rss_mb() -> float:
    """The resident set size of this process now, in MB (Linux ``/proc``)."""
    with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def quantiles_ms(samples: list[float]) -> tuple[float, float]:
    """(median, 99th percentile) of samples in seconds, as milliseconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1e3, p99 * 1e3


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``fn`` once; (seconds, result)."""
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def timed_call(fn: Callable[[Any], Any], arg: Any) -> tuple[float, Any]:
    """Run ``fn(arg)`` once; (seconds, result)."""
    t = time.perf_counter()
    out = fn(arg)
    return time.perf_counter() - t, out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per figure."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1_000_000, help="corpus size (default 1,000,000)")
    ap.add_argument("--pages", type=int, default=1000, help="random article pages to time (default 1,000)")
    ap.add_argument("--scan-pages", type=int, default=10, help="pages also answered by scanning (default 10)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the corpus and of the page sample")
    ap.add_argument("--quick", action="store_true", help="20,000 articles, 200 pages, 20 scanned: a smoke run")
    args = ap.parse_args(argv)
    if args.quick:
        args.articles, args.pages, args.scan_pages = 20_000, 200, 20
    as_of = SEED_AS_OF

    print(f"bench_widgets: {args.articles:,} articles, {args.pages:,} pages, {args.scan_pages} scanned, as_of {as_of}")
    secs, corpus = timed(lambda: generate(articles=args.articles, seed=args.seed, short_bodies=True))
    gc.collect()
    base_rss = rss_mb()
    print(f"corpus generated                  {secs:8.1f} s   rss {base_rss:,.0f} MB (the articles themselves)")

    builds: list[tuple[str, Callable[[Any], Any]]] = [
        ("timeline (the one sort)", published_timeline),
        ("taxonomy (category counts)", taxonomy_index),
        ("navigation (timelines)", navigation_index),
        ("archives (day counts)", ArchiveIndex.build),
        ("calendar (on archives)", CalendarIndex.build),
        ("tag cloud (snapshots)", TagCloudIndex.build),
        ("page (teaser memo)", page_index),
    ]
    total = 0.0
    for name, factory in builds:
        secs, _ = timed_call(corpus.cached, factory)
        total += secs
        print(f"index build: {name:<27} {secs:8.2f} s")
    gc.collect()
    extra = rss_mb() - base_rss
    print(f"index build: total                {total:8.2f} s   (target < 15 s)")
    print(f"index memory beyond the articles  {extra:8.0f} MB  (rss delta; target < 1,000 MB)")

    rng = random.Random(args.seed)
    visible = corpus.visible(as_of)
    sample = [visible[rng.randrange(len(visible))] for _ in range(args.pages)]
    scanned = sample[: args.scan_pages]
    arts, cats, tags, site = corpus.articles, corpus.categories, corpus.tags, corpus.site
    tax = corpus.cached(taxonomy_index)
    nav = corpus.cached(navigation_index)
    arch = corpus.cached(ArchiveIndex.build)
    cal = corpus.cached(CalendarIndex.build)
    cloud = corpus.cached(TagCloudIndex.build)
    pages = corpus.cached(page_index)
    cat_map = {c.id: c for c in cats}

    def month_of(a: Any) -> tuple[int, int]:
        d = local_date(a.published, site.zone)
        return d.year, d.month

    # name: (indexed answer, scanned answer); both take the article.
    widgets: list[tuple[str, Callable[[Any], Any], Callable[[Any], Any]]] = [
        ("breadcrumbs", tax.breadcrumbs, lambda a: breadcrumbs(cat_map, a, site=site)),
        (
            "category menu",
            lambda a: tax.menu(tax.default_menu_parent()),
            lambda a: category_menu(cat_map, site=site, parent_id=tax.default_menu_parent()),
        ),
        (
            "category tree + counts",
            lambda a: tax.tree(as_of=as_of),
            lambda a: category_tree(cat_map, arts, as_of=as_of),
        ),
        (
            "category tree, as_of varies",
            lambda a: tax.tree(as_of=a.published),
            lambda a: category_tree(cat_map, arts, as_of=a.published),
        ),
        ("previous/next", lambda a: nav.adjacent(a, as_of=as_of), lambda a: adjacent(arts, a, as_of=as_of)),
        (
            "previous/next same category",
            lambda a: nav.adjacent(a, as_of=as_of, same_category=True),
            lambda a: adjacent(arts, a, as_of=as_of, same_category=True),
        ),
        (
            "recent (8)",
            lambda a: nav.recent(as_of=as_of, limit=8, exclude_id=a.id),
            lambda a: recent(arts, as_of=as_of, limit=8, exclude_id=a.id),
        ),
        (
            "related placeholder (6)",
            lambda a: nav.recent(as_of=as_of, limit=6, exclude_id=a.id, category_id=a.main_category_id),
            lambda a: recent(arts, as_of=as_of, limit=6, exclude_id=a.id, category_id=a.main_category_id),
        ),
        (
            "archives (monthly, 8)",
            lambda a: tuple(arch.archives(as_of=as_of, limit=8)),
            lambda a: tuple(archives(arts, site, as_of=as_of, limit=8)),
        ),
        (
            "calendar (article's month)",
            lambda a: cal.month_calendar(year=month_of(a)[0], month=month_of(a)[1], as_of=as_of),
            lambda a: month_calendar(arts, site, year=month_of(a)[0], month=month_of(a)[1], as_of=as_of),
        ),
        (
            "tag cloud (45)",
            lambda a: cloud.tag_cloud(as_of=as_of),
            lambda a: tag_cloud(arts, tags, as_of=as_of),
        ),
    ]

    mismatches = 0
    print(f"{'figure':<34} {'median ms':>10} {'p99 ms':>10} {'scan median ms':>15} {'scan/index':>11}  same")

    def whole_page(a: Any) -> Any:
        return build_article_page(corpus, a.id, as_of=as_of, related=False)

    def links(a: Any) -> Any:
        return share_links(pages.article_url(a), a.title)

    page_times = [timed_call(whole_page, a)[0] for a in sample]
    scan_page_total = 0.0
    rows: list[tuple[str, float, float, float | None, bool | None]] = []
    for name, indexed, scan in widgets:
        times = [timed_call(indexed, a)[0] for a in sample]
        scan_times = []
        same = True
        for a in scanned:
            secs, want = timed_call(scan, a)
            scan_times.append(secs)
            if indexed(a) != want:
                same = False
                mismatches += 1
                print(f"MISMATCH {name}: article {a.id!r}", file=sys.stderr)
        med, p99 = quantiles_ms(times)
        smed = statistics.median(scan_times) * 1e3 if scan_times else None
        scan_page_total += smed or 0.0
        rows.append((name, med, p99, smed, same if scan_times else None))
    # Cost of URLs and share links, which have no scan (no lookup to avoid).
    url_times = [timed_call(links, a)[0] for a in sample]
    med, p99 = quantiles_ms(page_times)
    print(
        f"{'ArticlePage without related':<34} {med:10.3f} {p99:10.3f} {scan_page_total:15.1f} "
        f"{scan_page_total / med:10.0f}x  (scan = sum of the widget scans; target < 2 ms median)"
    )
    for name, med, p99, smed, agreed in rows:
        ratio = f"{smed / med:10.0f}x" if smed else f"{'-':>11}"
        scan_col = f"{smed:15.3f}" if smed is not None else f"{'-':>15}"
        flag = "-" if agreed is None else ("yes" if agreed else "NO")
        print(f"widget: {name:<26} {med:10.4f} {p99:10.4f} {scan_col} {ratio}  {flag}")
    med, p99 = quantiles_ms(url_times)
    print(f"widget: {'permalink + share links':<26} {med:10.4f} {p99:10.4f} {'-':>15} {'-':>11}  -")
    print(f"identical answers: {'yes' if mismatches == 0 else f'NO ({mismatches} mismatches)'}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
