"""Benchmark of the article page and its widgets (issue 4's figures).

Generates a corpus (default 1,000,000 articles with short bodies), builds the widget indexes once
(time and resident memory beyond the articles), then for N random visible articles (default
1,000) times a complete ArticlePage without related articles and each widget alone, indexed,
against a straightforward scan over the articles for the same answer in the same run (scans on
the first ``--scan-pages`` pages only: at a million articles one scan takes a second).  Every
scanned answer is compared with the indexed one.  Then every page's answer (all N pages, at full
size) is checked: against the scan's answer where the question does not depend on the page
(one scan answers them all) or the scan is cheap (breadcrumbs, menu); against independent
oracles otherwise (a list of the visible articles sorted once by (published, id) for
previous/next and recent; numpy day counts, ``_oracle.CountOracle``, for the calendar; numpy
category counts, direct and per subtree, ``_oracle.CategoryOracle``, for the category tree at
each article's date).  Any difference is reported and makes the exit code 1.  Both sides of
every ratio run with the garbage collector enabled (users' default).

    .venv/bin/python benchmarks/bench_widgets.py            # the real size (a few minutes)
    .venv/bin/python benchmarks/bench_widgets.py --quick    # 20,000 articles, a smoke run
"""

from __future__ import annotations

import argparse
import bisect
import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from _oracle import CategoryOracle, CountOracle
from _summary import Summary, add_summary_argument, check_gc_on

from newsmodel.pages.page import build_article_page, page_index
from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.values.dates import local_date
from newsmodel.values.urls import share_links
from newsmodel.widgets.archives import ArchiveIndex, archives
from newsmodel.widgets.calendar import CalendarIndex, month_calendar
from newsmodel.widgets.navigation import adjacent, navigation_index, recent
from newsmodel.widgets.tagcloud import TagCloudIndex, tag_cloud
from newsmodel.widgets.taxonomy import breadcrumbs, category_menu, category_tree, published_timeline, taxonomy_index


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
    add_summary_argument(ap)
    args = ap.parse_args(argv)
    summary = Summary("bench_widgets.py")
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
    summary.add(f"build every widget index ({args.articles:,} articles)", f"{total:.2f} s", target="< 15 s")
    summary.add("index memory beyond the articles", f"{extra:.0f} MB", target="< 1,000 MB")

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

    # Independent oracles, built once: the visible articles in (published, id) order, with the
    # positions of each category's articles in that order; numpy day counts for the calendar.
    _, timeline = timed(lambda: sorted((a for a in arts if a.is_visible(as_of)), key=lambda a: (a.published, a.id)))
    position = {a.id: i for i, a in enumerate(timeline)}
    in_category: dict[str, list[int]] = {}
    for i, a in enumerate(timeline):
        for c in a.category_ids:
            in_category.setdefault(c, []).append(i)
    counts = CountOracle(arts, site.zone, [t.id for t in tags])
    category_counts = CategoryOracle(arts, cat_map)
    print("oracles (sorted timeline, per-category positions, numpy day and category counts) built (not a figure)")

    def ids(found: Any) -> Any:
        return None if found is None else found.id

    def check_adjacent(a: Any, out: Any, same_category: bool) -> bool:
        i = position[a.id]
        if same_category:
            lists = [in_category[c] for c in set(a.category_ids)]
            before = [lst[k - 1] for lst in lists if (k := bisect.bisect_left(lst, i)) > 0]
            after = [lst[k] for lst in lists if (k := bisect.bisect_right(lst, i)) < len(lst)]
            want_prev = timeline[max(before)] if before else None
            want_next = timeline[min(after)] if after else None
        else:
            want_prev = timeline[i - 1] if i > 0 else None
            want_next = timeline[i + 1] if i + 1 < len(timeline) else None
        return (ids(out.previous), ids(out.next)) == (ids(want_prev), ids(want_next))

    def check_recent(a: Any, out: Any, limit: int, category: str | None) -> bool:
        pool = [timeline[k] for k in in_category.get(category, [])] if category else timeline
        want = [x.id for x in reversed(pool[-(limit + 1) :]) if x.id != a.id][:limit]
        return [x.id for x in out] == want

    def check_calendar(a: Any, out: Any) -> bool:
        year, month = month_of(a)
        return not counts.check_calendar(out, as_of=as_of, year=year, month=month)

    page_key: Callable[[Any], Any] = lambda a: None  # noqa: E731 - the answer is the same on every page

    # name: (indexed answer, scanned answer, how every page's answer is checked); the first two take
    # the article.  The check is a key (pages with one key share one scan's answer) or an oracle
    # (article, indexed answer) -> agrees; None: the scanned pages only.
    widgets: list[tuple[str, Callable[[Any], Any], Callable[[Any], Any], Any]] = [
        ("breadcrumbs", tax.breadcrumbs, lambda a: breadcrumbs(cat_map, a, site=site), ("key", lambda a: a.id)),
        (
            "category menu",
            lambda a: tax.menu(tax.default_menu_parent()),
            lambda a: category_menu(cat_map, site=site, parent_id=tax.default_menu_parent()),
            ("key", page_key),
        ),
        (
            "category tree + counts",
            lambda a: tax.tree(as_of=as_of),
            lambda a: category_tree(cat_map, arts, as_of=as_of),
            ("key", page_key),
        ),
        (
            "category tree, as_of varies",
            lambda a: tax.tree(as_of=a.published),
            lambda a: category_tree(cat_map, arts, as_of=a.published),
            ("oracle", lambda a, out: not category_counts.check_tree(out, as_of=a.published)),
        ),
        (
            "previous/next",
            lambda a: nav.adjacent(a, as_of=as_of),
            lambda a: adjacent(arts, a, as_of=as_of),
            ("oracle", lambda a, out: check_adjacent(a, out, False)),
        ),
        (
            "previous/next same category",
            lambda a: nav.adjacent(a, as_of=as_of, same_category=True),
            lambda a: adjacent(arts, a, as_of=as_of, same_category=True),
            ("oracle", lambda a, out: check_adjacent(a, out, True)),
        ),
        (
            "recent (8)",
            lambda a: nav.recent(as_of=as_of, limit=8, exclude_id=a.id),
            lambda a: recent(arts, as_of=as_of, limit=8, exclude_id=a.id),
            ("oracle", lambda a, out: check_recent(a, out, 8, None)),
        ),
        (
            "related placeholder (6)",
            lambda a: nav.recent(as_of=as_of, limit=6, exclude_id=a.id, category_id=a.main_category_id),
            lambda a: recent(arts, as_of=as_of, limit=6, exclude_id=a.id, category_id=a.main_category_id),
            ("oracle", lambda a, out: check_recent(a, out, 6, a.main_category_id)),
        ),
        (
            "archives (monthly, 8)",
            lambda a: tuple(arch.archives(as_of=as_of, limit=8)),
            lambda a: tuple(archives(arts, site, as_of=as_of, limit=8)),
            ("key", page_key),
        ),
        (
            "calendar (article's month)",
            lambda a: cal.month_calendar(year=month_of(a)[0], month=month_of(a)[1], as_of=as_of),
            lambda a: month_calendar(arts, site, year=month_of(a)[0], month=month_of(a)[1], as_of=as_of),
            ("oracle", check_calendar),
        ),
        (
            "tag cloud (45)",
            lambda a: cloud.tag_cloud(as_of=as_of),
            lambda a: tag_cloud(arts, tags, as_of=as_of),
            ("key", page_key),
        ),
    ]

    mismatches = 0
    print(f"{'figure':<34} {'median ms':>10} {'p99 ms':>10} {'scan median ms':>15} {'scan/index':>11}  same")

    def whole_page(a: Any) -> Any:
        return build_article_page(corpus, a.id, as_of=as_of, related=False)

    def links(a: Any) -> Any:
        return share_links(pages.article_url(a), a.title)

    check_gc_on("ArticlePage")
    page_times = [timed_call(whole_page, a)[0] for a in sample]
    scan_page_total = 0.0
    checked_pages = 0
    unchecked: list[str] = []
    rows: list[tuple[str, float, float, float | None, bool | None]] = []
    for name, indexed, scan, how in widgets:
        check_gc_on(name)
        times = [timed_call(indexed, a)[0] for a in sample]
        scan_times = []
        same = True
        check_gc_on(f"{name} (scan)")
        for a in scanned:
            secs, want = timed_call(scan, a)
            scan_times.append(secs)
            if indexed(a) != want:
                same = False
                mismatches += 1
                print(f"MISMATCH {name}: article {a.id!r}", file=sys.stderr)
        # every page's answer, untimed
        if how is None:
            unchecked.append(name)
        else:
            kind, fn = how
            memo: dict[Any, Any] = {}
            for a in sample:
                got = indexed(a)
                if kind == "key":
                    k = fn(a)
                    if k not in memo:
                        memo[k] = scan(a)
                    agrees = got == memo[k]
                else:
                    agrees = fn(a, got)
                if not agrees:
                    same = False
                    mismatches += 1
                    print(f"MISMATCH ({kind}) {name}: article {a.id!r}", file=sys.stderr)
            checked_pages = len(sample)
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
    summary.add(
        "ArticlePage without related, median / p99",
        f"{med:.3f} / {p99:.3f} ms",
        target="< 2 ms median",
        baseline=f"sum of the widget scans {scan_page_total:.1f} ms",
    )
    for name, med, p99, smed, agreed in rows:
        ratio = f"{smed / med:10.0f}x" if smed else f"{'-':>11}"
        scan_col = f"{smed:15.3f}" if smed is not None else f"{'-':>15}"
        flag = "-" if agreed is None else ("yes" if agreed else "NO")
        print(f"widget: {name:<26} {med:10.4f} {p99:10.4f} {scan_col} {ratio}  {flag}")
        summary.add(
            f"widget: {name}, median / p99",
            f"{med:.4f} / {p99:.4f} ms",
            baseline="-" if smed is None else f"scan {smed:.3f} ms ({smed / med:,.0f}x)",
        )
    med, p99 = quantiles_ms(url_times)
    print(f"widget: {'permalink + share links':<26} {med:10.4f} {p99:10.4f} {'-':>15} {'-':>11}  -")
    same_text = "yes" if mismatches == 0 else f"NO ({mismatches} mismatches)"
    scope = f"{checked_pages:,} pages x {len(widgets) - len(unchecked)} widgets against a scan or an oracle"
    if unchecked:
        scope += f"; {', '.join(unchecked)}: the {len(scanned)} scanned pages only"
    print(f"identical answers: {same_text} ({scope}; {args.articles:,} articles)")
    summary.add(
        "widget answers identical to the scans / oracles",
        same_text,
        target="yes, on >= 1,000 pages at full size",
        baseline=scope,
    )
    summary.write(args.json_summary, articles=args.articles, pages=args.pages)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
