"""Benchmark of the archives, month calendar and tag cloud indexes, and of date formatting.

Generates a corpus (default 1,000,000 articles with short bodies), builds ``ArchiveIndex``,
``CalendarIndex`` (on the archive index) and ``TagCloudIndex`` once (time, and resident memory
beyond the articles), then times each widget query, indexed, for N queries (default 1,000) in two
settings:

- *page*: ``as_of`` fixed at the sample's "today" (what every page of a site asks at one moment),
  random article months for the calendar;
- *any time*: a random ``as_of`` over the corpus's time span for every query (the tag cloud's
  memo never hits: the cold path).

The baseline is the plain function (a scan over the articles) for the same question in the same
run, on the first ``--scan-queries`` queries (a scan of a million articles takes about a second).
Every scanned answer is compared with the indexed one.  Every indexed answer (all N queries, at
full size) is also checked against an independent oracle (``_oracle.CountOracle``: numpy day and
tag counts, sharing no code with the index or the scans) on every count, period, day, tag and
previous/next month.  A difference makes the exit code 1.  Finally ``format_date`` with Babel
against the plain-English fallback.  Both sides of every ratio run with the garbage collector
enabled (users' default).

    .venv/bin/python benchmarks/bench_archives_calendar_tagcloud.py            # 1,000,000 articles
    .venv/bin/python benchmarks/bench_archives_calendar_tagcloud.py --quick    # 20,000, a smoke run
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
from datetime import date, datetime, timedelta
from typing import Any

from _oracle import CountOracle
from _summary import Summary, add_summary_argument, check_gc_on

from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.values import dates
from newsmodel.widgets.archives import ArchiveIndex, archives
from newsmodel.widgets.calendar import CalendarIndex, month_calendar
from newsmodel.widgets.tagcloud import TagCloudIndex, tag_cloud


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
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1_000_000, help="corpus size (default 1,000,000)")
    parser.add_argument("--queries", type=int, default=1000, help="indexed queries per widget (default 1,000)")
    parser.add_argument("--scan-queries", type=int, default=5, help="scanned queries per widget (default 5)")
    parser.add_argument("--quick", action="store_true", help="20,000 articles, 200 queries")
    parser.add_argument("--seed", type=int, default=0)
    add_summary_argument(parser)
    args = parser.parse_args(argv)
    summary = Summary("bench_archives_calendar_tagcloud.py")
    if args.quick:
        args.articles, args.queries = 20_000, 200

    t_gen, corpus = timed(lambda: generate(articles=args.articles, short_bodies=True, seed=args.seed))
    arts, site, tags = corpus.articles, corpus.site, corpus.tags
    print(f"corpus: {len(arts):,} articles, {len(tags):,} tags, generated in {t_gen:.1f} s (not a figure)")
    gc.collect()

    # ------------------------------------------------------------------ build
    base_rss = rss_mb()
    t_scan, _ = timed(lambda: archives(arts, site, as_of=SEED_AS_OF))
    t_arch, arch = timed(lambda: corpus.cached(ArchiveIndex.build))
    t_cal, cal = timed(lambda: corpus.cached(CalendarIndex.build))
    gc.collect()
    arch_rss = rss_mb()
    t_cloud, cloud = timed(lambda: corpus.cached(TagCloudIndex.build))
    gc.collect()
    cloud_rss = rss_mb()
    total = t_arch + t_cal + t_cloud
    print(
        f"build ArchiveIndex: {t_arch:.2f} s, +{arch_rss - base_rss:.0f} MB RSS (baseline: one archives scan"
        f" {t_scan:.2f} s; ratio {t_arch / t_scan:.1f}x)"
    )
    print(f"build CalendarIndex (on the archive index): {t_cal * 1e3:.3f} ms")
    print(f"build TagCloudIndex: {t_cloud:.2f} s, +{cloud_rss - arch_rss:.0f} MB RSS")
    print(f"build all three: {total:.2f} s, +{cloud_rss - base_rss:.0f} MB RSS beyond the articles")
    summary.add(
        f"build archive, calendar, tag cloud indexes ({len(arts):,} articles)",
        f"{total:.2f} s, +{cloud_rss - base_rss:.0f} MB",
        baseline=f"one archives scan {t_scan:.2f} s",
    )

    # ------------------------------------------------------------------ queries
    rng = random.Random(args.seed)
    visible = [a for a in arts if a.is_visible(SEED_AS_OF)]
    first = min(a.published for a in visible)
    span = (SEED_AS_OF - first).total_seconds()
    mismatches = 0
    oracle_checked = 0
    oracle_seconds = 0.0
    t_oracle, oracle = timed(lambda: CountOracle(arts, site.zone, [t.id for t in tags]))
    print(f"oracle (numpy day and tag counts) built in {t_oracle:.1f} s (not a figure)")

    def month_of(a: Any) -> tuple[int, int]:
        d = a.published.astimezone(site.zone)
        return d.year, d.month

    def measure(
        name: str,
        indexed: Callable[[Any], Any],
        scan: Callable[[Any], Any],
        inputs: list[Any],
        check: Callable[[Any, Any], list[str]],
    ) -> None:
        nonlocal mismatches, oracle_checked, oracle_seconds
        samples = []
        answers = []
        check_gc_on(name)
        for x in inputs:
            t, out = timed_call(indexed, x)
            samples.append(t)
            answers.append(out)
        for x, answer in zip(inputs, answers, strict=True):
            t, problems = timed(lambda: check(x, answer))  # noqa: B023 - called at once
            oracle_seconds += t
            oracle_checked += 1
            if problems:
                mismatches += 1
                print(f"  ORACLE MISMATCH {name} for {x!r}: {problems[:3]}", file=sys.stderr)
        scan_samples = []
        check_gc_on(f"{name} (scan)")
        for x, expected in zip(inputs[: args.scan_queries], answers, strict=False):
            t, out = timed_call(scan, x)
            scan_samples.append(t)
            if out != expected:
                mismatches += 1
                print(f"  MISMATCH {name} for {x!r}", file=sys.stderr)
        med, p99 = quantiles_ms(samples)
        scan_med, _ = quantiles_ms(scan_samples)
        print(
            f"{name}: median {med:.4f} ms, p99 {p99:.4f} ms over {len(samples)} (scan median {scan_med:.1f} ms"
            f" over {len(scan_samples)}; {scan_med / med:,.0f}x faster; oracle-checked {len(inputs)})"
        )
        summary.add(
            f"{name}, median / p99",
            f"{med:.4f} / {p99:.4f} ms",
            baseline=f"scan {scan_med:.1f} ms ({scan_med / med:,.0f}x)",
        )

    page_inputs = [(SEED_AS_OF, rng.choice(visible)) for _ in range(args.queries)]
    any_inputs = []
    for _ in range(args.queries):
        as_of = first + timedelta(seconds=rng.uniform(0, span))
        any_inputs.append((as_of, rng.choice(visible)))

    for setting, inputs in (("page", page_inputs), ("any time", any_inputs)):
        measure(
            f"[{setting}] archives monthly, limit 8",
            lambda x: arch.archives(as_of=x[0], limit=8),
            lambda x: archives(arts, site, as_of=x[0], limit=8),
            inputs,
            lambda x, out: oracle.check_archives(out, as_of=x[0], period="monthly", limit=8),
        )
        measure(
            f"[{setting}] archives daily, all",
            lambda x: arch.archives(as_of=x[0], period="daily"),
            lambda x: archives(arts, site, as_of=x[0], period="daily"),
            inputs,
            lambda x, out: oracle.check_archives(out, as_of=x[0], period="daily", limit=None),
        )
        measure(
            f"[{setting}] archives weekly, limit 8",
            lambda x: arch.archives(as_of=x[0], period="weekly", limit=8),
            lambda x: archives(arts, site, as_of=x[0], period="weekly", limit=8),
            inputs,
            lambda x, out: oracle.check_archives(out, as_of=x[0], period="weekly", limit=8),
        )
        measure(
            f"[{setting}] calendar of an article's month",
            lambda x: cal.month_calendar(year=month_of(x[1])[0], month=month_of(x[1])[1], as_of=x[0]),
            lambda x: month_calendar(arts, site, year=month_of(x[1])[0], month=month_of(x[1])[1], as_of=x[0]),
            inputs,
            lambda x, out: oracle.check_calendar(out, as_of=x[0], year=month_of(x[1])[0], month=month_of(x[1])[1]),
        )
        measure(
            f"[{setting}] tag cloud, 45 tags",
            lambda x: cloud.tag_cloud(as_of=x[0]),
            lambda x: tag_cloud(arts, tags, as_of=x[0]),
            inputs,
            lambda x, out: oracle.check_tag_cloud(out.entries, as_of=x[0], number=45),
        )

    # ------------------------------------------------------------------ dates
    days = [date(2000, 1, 1) + timedelta(days=i) for i in range(5000)]
    dates._format_day.cache_clear()
    t_babel, _ = timed(lambda: [dates.format_date(d, locale="en_US") for d in days])
    t_cached, _ = timed(lambda: [dates.format_date(d, locale="en_US") for d in days])
    t_plain, _ = timed(lambda: [dates._plain_english(d, "long") for d in days])
    n = len(days)
    print(
        f"format_date with Babel, first call per day: {t_babel / n * 1e6:.1f} us; repeated (memoized):"
        f" {t_cached / n * 1e6:.2f} us (baseline: plain-English fallback {t_plain / n * 1e6:.2f} us;"
        f" first call {t_babel / t_plain:.0f}x it)"
    )
    summary.add(
        "format_date with Babel, first call per day",
        f"{t_babel / n * 1e6:.1f} us",
        baseline=f"plain-English fallback {t_plain / n * 1e6:.2f} us",
    )
    page_day = datetime(2026, 1, 15, 12, tzinfo=site.zone)
    t_site, _ = timed(lambda: [dates.format_site_date(site, page_day, style="full") for _ in range(n)])
    print(f"format_site_date(site, today, style='full'), repeated: {t_site / n * 1e6:.2f} us")

    same = "yes" if mismatches == 0 else f"NO ({mismatches} differ)"
    print(f"identical answers to the scans and to the oracle ({oracle_checked:,} oracle-checked queries): {same}")
    print(f"(the oracle checks took {oracle_seconds:.1f} s in all; not a figure)")
    summary.add(
        "indexed answers identical to the scans and to the oracle",
        same,
        target="yes, on >= 1,000 queries at full size",
        baseline=f"{oracle_checked:,} queries checked, {len(arts):,} articles",
    )
    summary.write(args.json_summary, articles=len(arts), queries=args.queries)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
