"""Benchmark of newsmodel.dask: 1 against 2 worker processes, the single-machine indexes beside.

Writes a generated corpus (short bodies) as one JSON Lines file, then:

- *single machine*: ``read_corpus`` of the file, then the indexes (``ArchiveIndex``,
  ``TagCloudIndex``, ``TaxonomyIndex``) and their answers, and the per-author and per-source
  statistics;
- *Dask*, on a ``distributed.LocalCluster`` of 1 and of 2 worker processes (one thread each):
  ``read_corpus(persist=True)`` (parse and check every block, read the small entities, check ids
  and slugs across blocks, keep the articles in the workers' memory), then the same aggregates
  from merged partials.

Every Dask answer is compared with the single-machine one (a difference makes the exit code 1).
Related articles (document shards, one a worker) are timed on their own corpus
(``--related-articles``): the single machine's ``RelatedIndex`` against ``DaskCorpus.related`` on
1 and 2 workers, for a sample of ``--related-queries`` visible articles over the whole corpus
(0: every visible article, ``related_all``), every top-k list compared.  The per-article costs
feed the estimates of ``docs/scale.md``.  Wall-clock seconds on a shared machine: compare
figures of one run only.

    .venv/bin/python benchmarks/bench_dask.py                       # 1,000,000 articles, 5,000 queries
    .venv/bin/python benchmarks/bench_dask.py --related-only --related-articles 20000 --related-queries 0
    .venv/bin/python benchmarks/bench_dask.py --quick               # 20,000 and 2,000

``--corpus-cache DIR`` keeps the generated corpus files (``DIR/generated-<articles>.jsonl``) and
reads them again in later runs: generating 1,000,000 articles takes minutes.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from distributed import Client, LocalCluster, wait

from newsmodel.dask import DaskCorpus, read_corpus
from newsmodel.related import RelatedIndex
from newsmodel.sample import generate
from newsmodel.serialize import read_corpus as read_one
from newsmodel.serialize import write_corpus
from newsmodel.values.corpus import Corpus
from newsmodel.widgets.archives import ArchiveIndex, archives_of
from newsmodel.widgets.partials import author_stats, source_stats
from newsmodel.widgets.tagcloud import TagCloudIndex
from newsmodel.widgets.taxonomy import TaxonomyIndex

AS_OF = datetime(2030, 1, 1, tzinfo=timezone.utc)


def _cpu() -> float:
    return time.process_time()


def timed(label: str, fn: Callable[[], Any], n: int, client: Client | None = None) -> tuple[Any, float]:
    """Wall seconds of ``fn()``, and with a client the CPU seconds its workers spent (load-independent)."""
    cpu = sum(client.run(_cpu).values()) if client is not None else time.process_time()
    start = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - start
    cpu = (sum(client.run(_cpu).values()) if client is not None else time.process_time()) - cpu
    print(
        f"  {label:<34} {seconds:8.2f} s wall  {seconds / n * 1e6:7.1f} µs/article;"
        f" CPU {cpu:8.2f} s  {cpu / n * 1e6:7.1f} µs/article  (load {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    return value, seconds


def single_machine(path: str, n: int) -> tuple[dict[str, Any], dict[str, float]]:
    print(f"single machine ({n:,} articles)")
    corpus, t_read = timed("read_corpus", lambda: read_one(path), n)

    def aggregates(corpus: Corpus) -> dict[str, Any]:
        archive = ArchiveIndex.build(corpus)
        return {
            "archives": archive.archives(as_of=AS_OF),
            "daily": archive.archives(as_of=AS_OF, period="daily"),
            "cloud": TagCloudIndex.build(corpus).tag_cloud(as_of=AS_OF, number=0),
            "categories": TaxonomyIndex.from_corpus(corpus).all_counts(as_of=AS_OF),
            "authors": author_stats(corpus.articles, as_of=AS_OF),
            "sources": source_stats(corpus.articles, as_of=AS_OF),
        }

    answers, t_agg = timed("indexes + answers + stats", lambda: aggregates(corpus), n)
    return answers, {"read": t_read, "aggregates": t_agg}


def dask_aggregates(dc: DaskCorpus) -> dict[str, Any]:
    days = dc.day_counts(as_of=AS_OF)
    return {
        "archives": archives_of(days, dc.site),
        "daily": archives_of(days, dc.site, period="daily"),
        "cloud": dc.tag_cloud(as_of=AS_OF, number=0),
        "categories": dc.category_counts(as_of=AS_OF),
        "authors": dc.author_stats(as_of=AS_OF),
        "sources": dc.source_stats(as_of=AS_OF),
    }


def on_cluster(workers: int, path: str, n: int, blocksize: int, expected: dict[str, Any]) -> dict[str, float]:
    print(f"dask, {workers} worker process{'es' if workers > 1 else ''} ({n:,} articles)")
    with (
        LocalCluster(
            n_workers=workers, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):

        def read() -> DaskCorpus:
            dc = read_corpus(path, blocksize=blocksize, persist=True)
            wait(dc.articles)
            return dc

        dc, t_read = timed("read_corpus, persisted", read, n, client)
        print(f"  ({dc.articles.npartitions} partitions: parse, check ids and slugs, keep the articles)")
        answers, t_agg = timed("aggregates from partials", lambda: dask_aggregates(dc), n, client)
        memory = sum(w["metrics"]["memory"] for w in client.scheduler_info()["workers"].values())
        print(f"  workers' resident memory           {memory / 2**20:8.0f} MiB  {memory / n:9.0f} B/article")
    same = answers == expected
    print(f"  identical to the single machine: {same}")
    if not same:
        raise SystemExit(1)
    return {"read": t_read, "aggregates": t_agg, "memory": memory}


def _sample(corpus: Corpus, queries: int) -> list[str] | None:
    """Every ``len / queries``-th article visible at AS_OF (None: all of them, ``related_all``)."""
    visible = [a.id for a in corpus.articles if a.is_visible(AS_OF)]
    if queries <= 0 or queries >= len(visible):
        return None
    step = len(visible) / queries
    return [visible[int(i * step)] for i in range(queries)]


def related(path: str, n: int, queries: int, workers_list: tuple[int, ...] = (1, 2)) -> int:
    corpus = read_one(path)
    ids = _sample(corpus, queries)
    asked = f"{len(ids):,} query articles" if ids is not None else "every visible article"
    print(f"related, single machine ({n:,} articles, {asked})")

    def single(corpus: Corpus = corpus) -> dict[str, Any]:
        index = RelatedIndex.build(corpus, as_of=AS_OF)
        if ids is None:
            return dict(index.related_all())
        return {i: index.related(i) for i in ids}

    expected, _ = timed("RelatedIndex.build + answers", single, n)
    del corpus, single
    gc.collect()
    status = 0
    for workers in workers_list:
        print(f"related, dask, {workers} worker process{'es' if workers > 1 else ''}, {workers} shards")
        with (
            LocalCluster(
                n_workers=workers, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            dc, _ = timed("read_corpus, persisted", lambda: read_corpus(path, persist=True), n, client)
            got, _ = timed(
                "related on document shards",
                lambda dc=dc: dict(dc.related(as_of=AS_OF, ids=ids).compute()),  # one shard a worker
                n,
                client,
            )
            memory = sum(w["metrics"]["memory"] for w in client.scheduler_info()["workers"].values())
            print(f"  workers' resident memory           {memory / 2**20:8.0f} MiB  {memory / n:9.0f} B/article")
        same = got.keys() == expected.keys() and all(got[i] == expected[i] for i in expected)
        print(f"  identical to the single machine ({len(expected):,} top-k lists): {same}", flush=True)
        status |= not same
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--related-articles", type=int, default=1_000_000, help="0: the aggregates only")
    parser.add_argument("--related-queries", type=int, default=5_000, help="query articles (0: every one)")
    parser.add_argument("--related-only", action="store_true", help="skip the aggregates")
    parser.add_argument("--related-workers", default="1,2", help="worker processes to time related on")
    parser.add_argument("--blocksize", type=int, default=32 * 2**20)
    parser.add_argument("--quick", action="store_true", help="20,000 and 2,000 articles")
    parser.add_argument("--corpus-cache", help="a directory that keeps the generated corpus files between runs")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.related_articles, args.blocksize = 20_000, 2_000, 2**20
    with tempfile.TemporaryDirectory() as tmp:

        def corpus_file(articles: int) -> str:
            """The generated corpus of ``articles`` as a file: the cached one, or one written now."""
            directory = args.corpus_cache or tmp
            path = os.path.join(directory, f"generated-{articles}.jsonl")
            if not os.path.exists(path):
                start = time.perf_counter()
                write_corpus(generate(articles=articles, short_bodies=True), path + ".part")
                os.replace(path + ".part", path)
                print(f"corpus of {articles:,} articles generated in {time.perf_counter() - start:.0f} s")
            return path

        if args.related_only:
            workers = tuple(int(w) for w in args.related_workers.split(","))
            path = corpus_file(args.related_articles)
            return related(path, args.related_articles, args.related_queries, workers)
        path = corpus_file(args.articles)
        size = os.path.getsize(path)
        print(f"corpus: {args.articles:,} articles, {size / 2**20:.0f} MiB ({size / args.articles:.0f} B/article)")
        expected, single = single_machine(path, args.articles)
        figures = {w: on_cluster(w, path, args.articles, args.blocksize, expected) for w in (1, 2)}
        print(
            "speed-up 1 -> 2 workers: "
            + ", ".join(f"{k} {figures[1][k] / figures[2][k]:.2f}x" for k in ("read", "aggregates"))
        )
        print(
            f"single machine read + aggregates {single['read'] + single['aggregates']:.1f} s;"
            f" dask 2 workers read + aggregates {figures[2]['read'] + figures[2]['aggregates']:.1f} s"
        )
        if args.related_articles <= 0:  # the aggregates only
            return 0
        return related(corpus_file(args.related_articles), args.related_articles, args.related_queries)


if __name__ == "__main__":
    sys.exit(main())
