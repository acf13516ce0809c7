"""Full-text search on a generated corpus: index build time and size, query latency (median, p99)
for one-word, two-word, phrase and filtered queries, beside bm25s on the same documents (built and
queried in the same run), how the two rankings compare (overlap of the top 10), and an update of
the index with 1% of the articles retitled (beside the build from nothing; the updated index must
find exactly the retitled articles by their new word, or the exit code is 1).

    .venv/bin/python benchmarks/bench_search.py                  # 100,000 articles, 300 queries a kind
    .venv/bin/python benchmarks/bench_search.py --quick          # 10,000 articles, 100 queries a kind
    .venv/bin/python benchmarks/bench_search.py --articles 1000000 --short-bodies

newsmodel's figure is what a search-results page costs: page 1 of 10 hits with the total count,
the marked title and body snippet of each hit (``SearchIndex.search``).  bm25s's figure is its
``retrieve`` of the top 10 (scores only: no count, no snippets, no AND, no phrase: it ranks every
document holding any query word), on the same text (title, body, tags, categories and authors of
each article, concatenated), tokenized like ours (runs of letters and digits, lower case, no stop
words, no stemming), with FTS5's parameters (k1 = 1.2, b = 0.75, Robertson's IDF).

The ranking comparison runs the one-word and two-word queries through both, and through our index
again with every column weighing 1 (raw SQL on the same file), to tell the share of the
difference the column weights make from the share tokenization and IDF make.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from _summary import Summary, add_summary_argument, check_gc_on

from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.search import SearchFilters, SearchIndex, search_documents
from newsmodel.search.query import parse_query
from newsmodel.search.text import query_words
from newsmodel.values.corpus import Corpus
from newsmodel.values.timeline import time_key


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (VmHWM)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def latencies(fn: Callable[[Any], Any], queries: Sequence[Any], cpu: list[float] | None = None) -> list[float]:
    """Wall-clock milliseconds of each query (and its CPU milliseconds appended to ``cpu``)."""
    out = []
    for q in queries:
        c = time.process_time()
        t = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c) * 1000)
    return out


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def make_queries(corpus: Corpus, texts: Sequence[str], n: int, rng: random.Random) -> dict[str, list[str]]:
    """Queries drawn from the articles' own titles: one word, two words, a quoted two-word phrase;
    and rare words: words of the documents that fewer than 0.5% of them hold (the generator's
    titles come from a small vocabulary, so each title word is in many articles; real news queries
    are more often rare words: names, places, events)."""
    titles = [a.title for a in corpus.articles if a.counts_from is not None]
    df: Counter[str] = Counter()
    for text in texts:
        df.update({w.lower() for w in query_words(text)})
    cap = max(2, len(texts) // 200)
    rare_words = sorted(w for w, k in df.items() if k <= cap and len(w) > 2)
    print(f"rare words (in at most {cap:,} documents): {len(rare_words):,} distinct")
    words = [w for t in titles for w in query_words(t) if len(w) > 2]
    one = [rng.choice(words) for _ in range(n)]
    two, phrase = [], []
    while len(two) < n:
        t = query_words(rng.choice(titles))
        if len(t) >= 3:
            i = rng.randrange(len(t) - 1)
            two.append(f"{t[i]} {rng.choice(t)}")
            phrase.append(f'"{t[i]} {t[i + 1]}"')
    kinds = {"one-word": one, "two-word": two, "phrase": phrase}
    if rare_words:
        kinds["rare-word"] = [rng.choice(rare_words) for _ in range(n)]
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300, help="queries of each kind")
    parser.add_argument("--short-bodies", action="store_true", help="one-paragraph bodies (for a million articles)")
    parser.add_argument("--quick", action="store_true", help="10,000 articles, 100 queries of each kind")
    add_summary_argument(parser)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.queries = 10_000, 100
    summary = Summary("bench_search.py")
    import bm25s

    t, corpus = timed(lambda: generate(articles=args.articles, short_bodies=args.short_bodies))
    print(
        f"corpus: {len(corpus.articles):,} articles generated in {t:.1f} s"
        f" (bodies: {'short' if args.short_bodies else 'full'})"
    )

    # ------------------------------------------------------------------ build
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "search.sqlite")
    check_gc_on("SearchIndex.build")
    t_build, index = timed(lambda: SearchIndex.build(corpus, path))
    size = os.path.getsize(path)
    n_docs = len(index)
    print(
        f"newsmodel: index of {n_docs:,} articles built in {t_build:.1f} s ({n_docs / t_build:,.0f} articles/s),"
        f" file {size / 1e6:.1f} MB ({size / n_docs:,.0f} bytes/article)"
    )
    t_again, report = timed(lambda: index.update(corpus))
    print(f"newsmodel: update with nothing changed: {t_again:.1f} s ({report.unchanged:,} unchanged)")

    docs = list(search_documents(corpus))
    texts = ["\n".join((d.title, d.body, d.tags, d.categories, d.authors)) for d in docs]
    ids = [d.article_id for d in docs]
    pattern = r"(?u)[^\W_]+"
    check_gc_on("bm25s index")
    t0 = time.perf_counter()
    tokens = bm25s.tokenize(texts, lower=True, token_pattern=pattern, stopwords=None, show_progress=False)
    retriever = bm25s.BM25(k1=1.2, b=0.75, method="robertson")
    retriever.index(tokens, show_progress=False)
    t_bm = time.perf_counter() - t0
    print(
        f"bm25s:     index of {len(texts):,} documents built in {t_bm:.1f} s (in memory; ratio newsmodel/bm25s"
        f" {t_build / t_bm:.1f}x, newsmodel's includes the body's plain text, snippets' stored text and the file)"
    )
    summary.add(
        "search index build (articles/s)", f"{n_docs / t_build:,.0f}", baseline=f"bm25s {len(texts) / t_bm:,.0f}"
    )
    summary.add("search index size (bytes/article)", f"{size / n_docs:,.0f}")
    print(f"peak memory so far: {rss_mb():,.0f} MB")

    # ------------------------------------------------------------------ latency
    rng = random.Random(7)
    kinds = make_queries(corpus, texts, args.queries, rng)
    continents = [c.id for c in corpus.categories if c.parent_id == "1"]
    filtered = [(q, rng.choice(continents)) for q in kinds["one-word"]]
    vocab = retriever.vocab_dict

    def bm25s_query(text: str, mask: Any = None) -> Any:
        words = [w.lower() for w in query_words(text) if w.lower() in vocab]
        if not words:
            return None
        return retriever.retrieve([words], k=10, show_progress=False, n_threads=1, weight_mask=mask)

    import numpy as np

    masks = {}
    for cid in continents:
        members = {a.id for a in corpus.articles_by_category(cid, descendants=True)}
        masks[cid] = np.array([1.0 if i in members else 0.0 for i in ids], dtype=np.float32)

    print(f"\nquery latency, {args.queries} queries of each kind (page of 10 with count and snippets; bm25s: top 10)")
    print(f"{'kind':<10} {'newsmodel median':>17} {'p99':>8} {'bm25s median':>13} {'p99':>8}  {'mean hits':>10}")
    for kind, queries in [*kinds.items(), ("filtered", filtered)]:
        if kind == "filtered":
            run = lambda q: index.search(q[0], as_of=SEED_AS_OF, filters=SearchFilters(category_id=q[1]))  # noqa: E731
            base = lambda q: bm25s_query(q[0], masks[q[1]])  # noqa: E731
        else:
            run = lambda q: index.search(q, as_of=SEED_AS_OF)  # noqa: E731
            base = bm25s_query
        for q in queries[:5]:  # warm the page cache and the sqlite statement cache
            run(q)
            base(q)
        check_gc_on(f"newsmodel {kind}")
        ours_cpu: list[float] = []
        ours = latencies(run, queries, ours_cpu)
        check_gc_on(f"bm25s {kind}")
        theirs_cpu: list[float] = []
        theirs = latencies(base, queries, theirs_cpu)
        hits = statistics.mean(run(q).total for q in queries[:50])
        print(
            f"{kind:<10} {statistics.median(ours):>14.2f} ms {p99(ours):>5.1f} ms {statistics.median(theirs):>10.2f} ms"
            f" {p99(theirs):>5.1f} ms  {hits:>10,.0f}   CPU median / p99: newsmodel"
            f" {statistics.median(ours_cpu):.2f} / {p99(ours_cpu):.1f} ms, bm25s"
            f" {statistics.median(theirs_cpu):.2f} / {p99(theirs_cpu):.1f} ms"
        )
        summary.add(
            f"search {kind} query median (ms)",
            f"{statistics.median(ours):.2f}",
            target="< 20",
            baseline=f"bm25s {statistics.median(theirs):.2f}",
        )
        summary.add(f"search {kind} query p99 (ms)", f"{p99(ours):.1f}", baseline=f"bm25s {p99(theirs):.1f}")

    # ------------------------------------------------------------------ ranking
    db = index._db  # the benchmark reads the same file with other weights: raw SQL, not the API
    equal = (
        "SELECT docs.article_id FROM fts CROSS JOIN docs ON docs.rowid = fts.rowid WHERE fts MATCH ?"
        " ORDER BY bm25(fts, 1, 1, 1, 1, 1, 0), docs.published DESC, docs.article_id LIMIT 10"
    )
    print("\nranking: overlap of the top 10 with bm25s (mean over queries)")
    for kind in ("one-word", "two-word"):
        weighted, flat, tie_free = [], [], []
        for q in kinds[kind][:100]:
            ours_top = [h.article_id for h in index.search(q, as_of=SEED_AS_OF).hits]
            flat_top = [
                r[0]
                for r in db.execute(equal, ("{title body tags categories authors} : (" + parse_query(q).fts5() + ")",))
            ]
            res = bm25s_query(q)
            if res is None:
                continue
            docs_idx, scores = res
            theirs_top = [ids[i] for i, s in zip(docs_idx[0], scores[0], strict=True) if s > 0]
            if not theirs_top:
                continue
            weighted.append(len(set(ours_top) & set(theirs_top)) / max(len(theirs_top), 1))
            flat.append(len(set(flat_top) & set(theirs_top)) / max(len(theirs_top), 1))
            tie_free.append(len(set(scores[0][:10].tolist())) == len(scores[0][:10]))
        print(
            f"{kind:<10} weighted columns {statistics.mean(weighted):.0%}, every column 1: {statistics.mean(flat):.0%}"
            f" ({len(weighted)} queries; {sum(tie_free)} of them without a tie inside bm25s's top 10)"
        )
        summary.add(
            f"search {kind} top-10 overlap with bm25s",
            f"{statistics.mean(weighted):.0%}",
            baseline=f"equal weights {statistics.mean(flat):.0%}",
        )
    # ------------------------------------------------------------------ an update with changes
    # A hundredth of the articles retitled with a word no article holds: the update takes each
    # one's old words and word pairs out and puts the new ones in; then exactly those are found.
    marker = "qzxrevisedqzx"
    changed_ids = {a.id for a in rng.sample(list(corpus.articles), max(1, len(corpus.articles) // 100))}
    revised = corpus.replace(
        articles=[attrs.evolve(a, title=f"{a.title} {marker}") if a.id in changed_ids else a for a in corpus.articles],
    )
    check_gc_on("SearchIndex.update")
    cpu = time.process_time()
    t_update, report = timed(lambda: index.update(revised))
    cpu = time.process_time() - cpu
    found = index.search(marker, as_of=SEED_AS_OF, per_page=1).total
    now = time_key(SEED_AS_OF)
    expected = sum(1 for d in docs if d.article_id in changed_ids and d.published <= now)
    print(
        f"\nnewsmodel: update with {report.changed:,} articles changed (1%): {t_update:.1f} s wall, {cpu:.1f} s CPU"
        f" (the build from nothing: {t_build:.1f} s); the new word found in {found:,} articles,"
        f" {expected:,} changed and visible"
    )
    if found != expected:
        raise SystemExit("the updated index does not find exactly the changed articles")
    summary.add(
        f"search index update, {report.changed:,} articles changed (s)",
        f"{t_update:.1f}",
        baseline=f"build from nothing {t_build:.1f}",
    )
    index.close()
    shutil.rmtree(tmp)
    print(f"\npeak memory: {rss_mb():,.0f} MB")
    summary.write(args.json_summary, articles=args.articles)


if __name__ == "__main__":
    gc.enable()
    main()
