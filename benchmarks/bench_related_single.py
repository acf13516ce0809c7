"""Single related-article queries on a large generated corpus (1,000,000 articles by default):
median and 99th percentile of ``RelatedIndex.related`` on random visible articles, with the
index's profiles and pruning engine built first (timed), and the first answers checked against
the brute-force scan over every visible profile (``Scorer.rank``, the reference scorer).

    .venv/bin/python benchmarks/bench_related_single.py                     # 1,000,000 articles
    .venv/bin/python benchmarks/bench_related_single.py --articles 200000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from _summary import Summary, add_summary_argument, check_gc_on

from newsmodel.related import RelatedConfig, RelatedIndex
from newsmodel.related.score import Scorer
from newsmodel.sample import SEED_AS_OF, generate


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (VmHWM)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")  # pragma: no cover - Linux only


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--checked", type=int, default=5, help="answers checked against the brute force")
    parser.add_argument("--full-bodies", action="store_true", help="generated bodies of full length (memory!)")
    parser.add_argument("--quick", action="store_true", help="50,000 articles, 300 queries")
    add_summary_argument(parser)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.queries = 50_000, 300
    summary = Summary("bench_related_single.py")
    t = time.process_time()
    corpus = generate(articles=args.articles, short_bodies=not args.full_bodies)
    bodies = "full" if args.full_bodies else "short"
    print(f"generate({args.articles:,}, {bodies} bodies): {time.process_time() - t:.0f} s CPU, peak {peak_mb():.0f} MB")
    config = RelatedConfig()
    check_gc_on("index build")
    t = time.process_time()
    index = RelatedIndex.build(corpus, as_of=SEED_AS_OF, config=config, engine="numpy")
    build = time.process_time() - t
    sys.stdout.flush()
    n = len(index)
    print(f"index build ({n:,} visible): {build:.0f} s CPU, peak {peak_mb():.0f} MB", flush=True)
    ids = [p.id for p in index.features.profiles[:n]]
    rng = random.Random(0)
    queries = rng.sample(ids, min(args.queries, len(ids)))
    check_gc_on("single queries")
    latencies = []
    answers = {}
    for article_id in queries:
        t = time.perf_counter()
        answers[article_id] = index.related(article_id)
        latencies.append(time.perf_counter() - t)
    latencies.sort()
    median = statistics.median(latencies) * 1e3
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1e3
    line = f"single query, {n:,} visible articles: median {median:.2f} ms, p99 {p99:.2f} ms ({len(queries)} queries)"
    print(line, flush=True)
    summary.add(f"single query, {n:,} articles, median / p99", f"{median:.2f} / {p99:.2f} ms", target="< 2 ms median")
    scorer = Scorer(index.features, config)
    features = index.features
    same = 0
    checked = queries[: args.checked]
    t = time.process_time()
    for article_id in checked:
        ref = scorer.rank(features.profiles[features.position[article_id]], config.k, frozenset(), n)
        same += ref == answers[article_id]
    brute = (time.process_time() - t) / max(1, len(checked))
    print(f"brute force: {brute * 1e3:.0f} ms CPU a query; identical answers {same}/{len(checked)}")
    print(f"peak memory (VmHWM): {peak_mb():.0f} MB")
    summary.add(
        "identical to the brute force",
        f"{same}/{len(checked)}",
        target="all",
        baseline=f"brute force {brute * 1e3:.0f} ms a query",
    )
    summary.write(args.json_summary)
    return 0 if same == len(checked) else 1


if __name__ == "__main__":
    sys.exit(main())
