"""Related articles on a generated corpus: index build, all articles in one batch, single queries,
peak memory; baselines in the same run: the brute-force scorer (on a subset, extrapolated) and the
shared-tag-count pairwise approach of Pelican's related_posts plugin.  Then quality figures
(locality, exposure) of newsmodel's top 6 against the shared-tag-count baseline.

    .venv/bin/python benchmarks/bench_related.py            # 100,000 articles, 10,000 subset
    .venv/bin/python benchmarks/bench_related.py --quick    # 5,000 articles, 2,000 subset

``--full-brute N`` (1,000 by default) checks the batch's answers of N random articles against the brute
force over the whole corpus; ``--no-collector-off`` leaves out the second batch with the collector off.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from newsmodel.related import RelatedConfig, RelatedIndex
from newsmodel.related.quality import RecommendationQuality, recommendation_quality
from newsmodel.related.score import Scorer
from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.values.corpus import Corpus


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (VmHWM)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    """The load average now (1, 5, 15 minutes), as ``uptime`` prints it: the machine is shared."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def subset(corpus: Corpus, n: int) -> Corpus:
    """The ``n`` newest articles of ``corpus`` with all its authors, categories and tags."""
    return Corpus(
        site=corpus.site,
        authors=corpus.authors,
        categories=corpus.categories,
        tags=corpus.tags,
        articles=corpus.newest_first()[:n],
    )


class TagCountBaseline:
    """Pelican related_posts: rank every other article by the number of shared tags (no weighting).

    Ties: newest first.  Vectorized with numpy so the baseline is not slowed by Python loops.
    """

    def __init__(self, corpus: Corpus) -> None:
        visible = sorted((a for a in corpus.articles if a.is_visible(SEED_AS_OF)), key=lambda a: (a.published, a.id))
        self.ids = [a.id for a in visible]
        self.position = {a.id: i for i, a in enumerate(visible)}
        postings: dict[str, list[int]] = {}
        for i, a in enumerate(visible):
            for t in dict.fromkeys(a.tag_ids):
                postings.setdefault(t, []).append(i)
        self.postings = {t: np.array(p, dtype=np.int64) for t, p in postings.items()}
        self.tags = [tuple(dict.fromkeys(a.tag_ids)) for a in visible]
        self.n = len(visible)

    def related(self, article_id: str, k: int = 6) -> list[str]:
        i = self.position[article_id]
        lists = [self.postings[t] for t in self.tags[i]]
        if not lists:
            return []
        counts = np.bincount(np.concatenate(lists), minlength=self.n)
        counts[i] = 0
        key = counts * (self.n + 1) + np.arange(self.n)
        key[counts == 0] = -1
        top = np.argpartition(-key, min(k, self.n - 1))[: k + 1]
        top = top[np.argsort(-key[top])]
        return [self.ids[j] for j in top[:k] if key[j] >= 0]


def pelican_pairwise(corpus: Corpus, queries: Sequence[str], k: int = 6) -> float:
    """Seconds per query of the plugin's own approach: compare the article with every other (Python)."""
    visible = [a for a in corpus.articles if a.is_visible(SEED_AS_OF)]
    tagsets = {a.id: set(a.tag_ids) for a in visible}
    t = time.perf_counter()
    for q in queries:
        mine = tagsets[q]
        scored = [(len(mine & other), aid) for aid, other in tagsets.items() if aid != q]
        scored = [s for s in scored if s[0] > 0]
        scored.sort(key=lambda s: (-s[0], s[1]))
        scored[:k]
    return (time.perf_counter() - t) / len(queries)


def quality_line(label: str, q: RecommendationQuality) -> str:
    return (
        f"{label:<34} same city {q.same_leaf:6.1%}  same country {q.same_parent:6.1%}  "
        f"never recommended {q.never_recommended:>6} ({q.never_share:5.1%})  "
        f"most recommended {q.max_count:>5}  Gini {q.gini:.3f}"
    )


def quality(corpus: Corpus, recs: dict[str, list[str]], universe: list[str]) -> RecommendationQuality:
    parent_of = {c.id: c.parent_id for c in corpus.categories}

    def leaf(article_id: str) -> str | None:
        return corpus.article(article_id).main_category_id

    def parent(article_id: str) -> str | None:
        m = corpus.article(article_id).main_category_id
        return parent_of.get(m) if m is not None else None

    return recommendation_quality(recs, universe, leaf=leaf, parent=parent)


def full_brute_check(
    index: RelatedIndex, answers: dict[str, tuple[Any, ...]], queries: int, rng: random.Random
) -> None:
    """The batch's answers of ``queries`` random articles against the brute force over the whole
    corpus (every visible article scored in pure Python: the definition of the answer)."""
    if queries <= 0:
        return
    features = index.features
    scorer = Scorer(features, index.config)
    visible = len(index)
    qs = rng.sample(list(answers), min(queries, len(answers)))
    cpu = time.process_time()
    same = sum(
        scorer.rank(features.profiles[features.position[q]], index.config.k, frozenset(), visible) == answers[q]
        for q in qs
    )
    cpu = time.process_time() - cpu
    print(
        f"identical to the brute force over all {visible:,} articles: {same}/{len(qs)} queries"
        f" (brute force {cpu / len(qs):.2f} s CPU a query); {load()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--subset", type=int, default=10_000)
    parser.add_argument("--brute-queries", type=int, default=200, help="queries timed on the brute force")
    parser.add_argument("--single-queries", type=int, default=2_000)
    parser.add_argument("--quick", action="store_true", help="5,000 articles, 2,000 subset")
    parser.add_argument("--workers", type=int, default=2, help="also time related_all(workers=N) (1: not)")
    parser.add_argument(
        "--full-brute",
        type=int,
        default=1_000,
        help="queries of the whole corpus checked against the brute force (the definition), at full size",
    )
    parser.add_argument(
        "--collector-off",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time related_all with the collector off, beside the figure with it on",
    )
    args = parser.parse_args()
    if args.quick:
        args.articles, args.subset, args.brute_queries, args.single_queries = 5_000, 2_000, 50, 500
        args.full_brute = min(args.full_brute, 100)
    config = RelatedConfig()
    rng = random.Random(0)

    seconds, corpus = timed(lambda: generate(articles=args.articles))
    base_rss = rss_mb()
    print(f"generate({args.articles:,}): {seconds:.1f} s, peak RSS so far {base_rss:.0f} MB")

    # engine="numpy" builds the profiles and the pruning engine now, so the batch below times the
    # batch alone (an "auto" index makes them on first need: a page's scans need neither)
    build_s, index = timed(lambda: RelatedIndex.build(corpus, as_of=SEED_AS_OF, config=config, engine="numpy"))
    n = len(index)
    print(f"index build ({n:,} visible articles): {build_s:.1f} s, peak RSS {rss_mb():.0f} MB")
    cpu = time.process_time()
    all_s, answers = timed(index.related_all)
    cpu = time.process_time() - cpu
    print(
        f"related_all, top 6 of all {n:,} articles in one batch, collector on (users' default):"
        f" {cpu:.1f} s CPU, {all_s:.1f} s wall ({cpu / n * 1e3:.3f} ms CPU each); {load()}"
    )
    print(f"peak memory after the build and one related_all, as a user runs them (VmHWM): {rss_mb():.0f} MB")
    if args.workers > 1:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        helpers_before = children.ru_utime + children.ru_stime
        cpu_w = time.process_time()
        wall_w, answers_w = timed(lambda: index.related_all(workers=args.workers))
        cpu_w = time.process_time() - cpu_w
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        helpers = children.ru_utime + children.ru_stime - helpers_before
        print(
            f"related_all(workers={args.workers}): {wall_w:.1f} s wall against {all_s:.1f} s with one;"
            f" CPU {cpu_w:.1f} s in this process + {helpers:.1f} s in the helpers;"
            f" answers equal: {answers_w == answers}; {load()}"
        )
        del answers_w
    if args.collector_off:
        gc.disable()  # the benchmark's own setting, for the figure beside it; the library never does this
        try:
            cpu_off = time.process_time()
            index.related_all()
            cpu_off = time.process_time() - cpu_off
        finally:
            gc.enable()
        print(f"related_all, collector off (same run): {cpu_off:.1f} s CPU; {load()}")
    ids = list(answers)
    sample = rng.sample(ids, min(args.single_queries, len(ids)))
    lat = []
    for i in sample:
        t = time.perf_counter()
        index.related(i)
        lat.append(time.perf_counter() - t)
    lat.sort()
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(
        f"single query: median {statistics.median(lat) * 1e3:.2f} ms, p99 {p99 * 1e3:.2f} ms ({len(lat)} queries);"
        f" {load()}"
    )
    print(f"peak memory (VmHWM, whole process incl. the corpus): {rss_mb():.0f} MB; before the index {base_rss:.0f} MB")

    full_brute_check(index, answers, args.full_brute, rng)

    # baselines on the subset
    small = subset(corpus, args.subset)
    small_index = RelatedIndex.build(small, as_of=SEED_AS_OF, config=config, engine="numpy")
    small_all_s, small_answers = timed(small_index.related_all)
    features = small_index.features
    scorer = Scorer(features, config)
    qs = rng.sample(list(small_answers), min(args.brute_queries, len(small_answers)))
    t = time.perf_counter()
    same = 0
    for q in qs:
        ref = scorer.rank(features.profiles[features.position[q]], config.k, frozenset(), len(small_index))
        same += ref == small_answers[q]
    brute_per_q = (time.perf_counter() - t) / len(qs)
    m = len(small_answers)
    print(
        f"subset {m:,}: index all in {small_all_s:.1f} s; brute force {brute_per_q * 1e3:.1f} ms/query,"
        f" all {m:,} extrapolated {brute_per_q * m:.0f} s ({brute_per_q * m / small_all_s:.0f}x the index);"
        f" identical answers {same}/{len(qs)}"
    )
    scale = n / m
    print(
        f"brute force extrapolated to {n:,}: {brute_per_q * scale * n:.0f} s"
        f" ({brute_per_q * scale * n / all_s:.0f}x the index's {all_s:.1f} s)"
    )
    pel = pelican_pairwise(small, qs[: max(10, len(qs) // 4)])
    print(
        f"Pelican shared-tag-count pairwise (Python): {pel * 1e3:.1f} ms/query on {m:,}; all {m:,}"
        f" extrapolated {pel * m:.0f} s; all {n:,} extrapolated {pel * scale * n:.0f} s"
        f" ({pel * scale * n / all_s:.0f}x the index)"
    )

    # quality: newsmodel against the shared-tag-count baseline, on this corpus
    baseline = TagCountBaseline(corpus)
    base_s, base_recs = timed(lambda: {i: baseline.related(i) for i in ids})
    print(f"shared-tag-count baseline, all {n:,} (numpy bincount per article): {base_s:.1f} s")
    ours = {i: [r.article_id for r in rs] for i, rs in answers.items()}
    print(quality_line(f"newsmodel top 6 ({n:,})", quality(corpus, ours, ids)))
    print(quality_line(f"shared-tag-count top 6 ({n:,})", quality(corpus, base_recs, ids)))


if __name__ == "__main__":
    main()
