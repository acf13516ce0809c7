"""Benchmark of ``newsmodel serve`` and ``newsmodel build`` on a generated corpus.

A child process generates the corpus (default 1,000,000 articles with short bodies, as the other
million-article benchmarks), makes the app (:func:`newsmodel.serve.create_app`: every index
built; timed, with the resident memory before and after), builds ``--build-pages`` pages of the
site with :func:`newsmodel.serve.build.build_site` (timed: the figure is seconds per 1,000 pages),
writes one article page and one listing page as static files, and serves them all with uvicorn on
127.0.0.1 — the static files through Starlette's ``StaticFiles`` mounted in the same app, the
baseline of the same bytes without any work.  This process then runs a bounded load generator
(``--concurrency`` keep-alive connections, each sending its next request when the answer to the
last has arrived; asyncio, raw sockets, HTTP/1.1) for each kind of request, and prints requests
per second and median / 99th-percentile latency.

Kinds: an article page (random public articles), a listing page (random category, tag, author
and date archives at random pages), REST calls (``/wp-json/wp/v2/posts?page=N``, ``posts/<id>``
and ``?slug=``), and the same article page and listing page dynamic and static.  Both sides run
in the same server process with the garbage collector on (users' default).

    .venv/bin/python benchmarks/bench_serve.py                     # 1,000,000 articles (many minutes)
    .venv/bin/python benchmarks/bench_serve.py --quick             # 20,000 articles, a smoke run
    .venv/bin/python benchmarks/bench_serve.py --articles 100000 --related --search
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any
from urllib.parse import urlsplit

from _summary import Summary, add_summary_argument, check_gc_on


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# --------------------------------------------------------------------------- the server (child)


def child(args: argparse.Namespace) -> None:
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    from newsmodel.pages.listing import ListingKey
    from newsmodel.pages.page import page_index
    from newsmodel.sample import SEED_AS_OF, generate
    from newsmodel.serve.app import create_app
    from newsmodel.serve.build import build_site
    from newsmodel.serve.server import run

    check_gc_on("generate")
    t = time.perf_counter()
    corpus = generate(articles=args.articles, short_bodies=True)
    generated = time.perf_counter() - t
    before = rss_mb()
    check_gc_on("create_app")
    t, c = time.perf_counter(), cpu()
    app = create_app(corpus, as_of=SEED_AS_OF, search=args.search, related=args.related)
    start, start_cpu = time.perf_counter() - t, cpu() - c
    after = rss_mb()
    site = app.state.site
    rng = random.Random(1)
    public = [a for a in corpus.articles if a.kind == "post" and a.is_public(SEED_AS_OF)]
    pages = corpus.cached(page_index)
    article_paths = [urlsplit(pages.article_url(a)).path for a in rng.sample(public, min(2000, len(public)))]
    lindex = site.router.listings
    keys = [ListingKey.category(c.id) for c in corpus.categories]
    keys += [ListingKey.tag(t.id) for t in rng.sample(corpus.tags, min(200, len(corpus.tags)))]
    keys += [ListingKey.author(a.id) for a in corpus.authors]
    days = sorted({corpus.site.local_date(a.published) for a in rng.sample(public, min(500, len(public)))})
    keys += [ListingKey.for_month(d.year, d.month) for d in days] + [
        ListingKey.for_day(d.year, d.month, d.day) for d in days
    ]
    listing_paths = []
    per_page = corpus.site.posts_per_page
    for key in keys:
        total = lindex.count(key, as_of=SEED_AS_OF)
        if total:
            listing_paths.append(urlsplit(lindex.url(key, rng.randint(1, -(-total // per_page)))).path)
    rest_paths = []
    total_pages = -(-len(public) // 10)
    for a in rng.sample(public, min(600, len(public))):
        rest_paths.append(f"/wp-json/wp/v2/posts/{a.id}")
        rest_paths.append(f"/wp-json/wp/v2/posts?slug={a.slug}")
        rest_paths.append(f"/wp-json/wp/v2/posts?page={rng.randint(1, total_pages)}")
    # build: the first --build-pages URLs of the site (articles first after robots and sitemap)
    out = tempfile.mkdtemp(prefix="bench-serve-")
    urls = []
    for url in site.urls():
        urls.append(url)
        if len(urls) >= args.build_pages:
            break
    check_gc_on("build")
    t, c = time.perf_counter(), cpu()
    report = build_site(site, os.path.join(out, "site"), urls=urls)
    build_s, build_cpu = time.perf_counter() - t, cpu() - c
    static = os.path.join(out, "static")
    os.makedirs(static)
    same_article, same_listing = article_paths[0], listing_paths[0]
    for name, path in (("article.html", same_article), ("listing.html", same_listing)):
        with open(os.path.join(static, name), "wb") as f:
            f.write(site.get(path).body)
    app.router.routes.insert(0, Mount("/_static", app=StaticFiles(directory=static)))
    info = {
        "articles": len(corpus.articles),
        "generate_s": generated,
        "start_s": start,
        "start_cpu_s": start_cpu,
        "rss_corpus_mb": before,
        "rss_started_mb": after,
        "build_files": report.files,
        "build_bytes": report.bytes,
        "build_s": build_s,
        "build_cpu_s": build_cpu,
        "paths": {
            "article page": article_paths,
            "listing page": listing_paths,
            "REST call": rest_paths,
            "same article page, dynamic": [same_article],
            "same article page, static file": ["/_static/article.html"],
            "same listing page, dynamic": [same_listing],
            "same listing page, static file": ["/_static/listing.html"],
        },
    }
    print(json.dumps(info), flush=True)
    gc.collect()
    gc.freeze()  # as newsmodel serve does before it answers (the collector stays on)
    check_gc_on("serve")
    run(app, host="127.0.0.1", port=args.port, access_log=False)


# --------------------------------------------------------------------------- the load (parent)


async def _worker(port: int, paths: list[str], until: float, lat: list[float], rng: random.Random) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            path = rng.choice(paths)
            t = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            lat.append(time.perf_counter() - t)
            if status != 200:
                raise RuntimeError(f"{path}: HTTP {status}")
    finally:
        writer.close()


async def load(port: int, paths: list[str], seconds: float, concurrency: int) -> tuple[int, float, list[float]]:
    lat: list[float] = []
    rng = random.Random(2)
    t = time.perf_counter()
    until = t + seconds
    await asyncio.gather(*(_worker(port, paths, until, lat, random.Random(rng.random())) for _ in range(concurrency)))
    return len(lat), time.perf_counter() - t, lat


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=20.0, help="load per kind of request (default 20 s)")
    ap.add_argument("--concurrency", type=int, default=8, help="connections of the load generator (default 8)")
    ap.add_argument("--build-pages", type=int, default=3000, help="URLs built for the build figure (default 3,000)")
    ap.add_argument("--related", action="store_true", help="related articles on article pages (off by default)")
    ap.add_argument("--search", action="store_true", help="build the search index at start (off by default)")
    ap.add_argument("--quick", action="store_true", help="20,000 articles, 3 s a kind, 500 pages built")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    add_summary_argument(ap)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    if args.quick:
        args.articles, args.seconds, args.build_pages = 20_000, 3.0, 500
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, __file__, "--child", "--articles", str(args.articles), "--port", str(port)]
    cmd += ["--build-pages", str(args.build_pages)] + ["--related"] * args.related + ["--search"] * args.search
    print(f"load average before: {os.getloadavg()}", flush=True)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        info: dict[str, Any] = json.loads(proc.stdout.readline())
        for _ in range(200):  # wait for the port
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        summary = Summary("bench_serve.py")
        n = info["articles"]
        print(f"{n:,} articles (related {'on' if args.related else 'off'}, search {'on' if args.search else 'off'})")
        print(f"generate: {info['generate_s']:.1f} s (stands in for reading the corpus file)")
        print(
            f"server start (create_app: every index): {info['start_s']:.1f} s wall, {info['start_cpu_s']:.1f} s CPU;"
            f" RSS {info['rss_corpus_mb']:,.0f} MB with the corpus, {info['rss_started_mb']:,.0f} MB started"
        )
        summary.add("server start (s)", f"{info['start_s']:.1f}")
        summary.add("RSS started (MB)", f"{info['rss_started_mb']:.0f}", baseline=f"{info['rss_corpus_mb']:.0f}")
        per_k = info["build_s"] / info["build_files"] * 1000
        print(
            f"build: {info['build_files']:,} files ({info['build_bytes'] / 1e6:,.1f} MB) in {info['build_s']:.1f} s,"
            f" {info['build_cpu_s']:.1f} s CPU: {per_k:.2f} s per 1,000 pages"
        )
        summary.add("build (s per 1,000 pages)", f"{per_k:.2f}")
        print(f"load: {args.concurrency} connections, {args.seconds:g} s a kind")
        print(f"{'':34} {'req/s':>8} {'median ms':>10} {'p99 ms':>8} {'requests':>9}")
        for kind, paths in info["paths"].items():
            check_gc_on(kind)
            count, wall, lat = asyncio.run(load(port, paths, args.seconds, args.concurrency))
            med, p99 = quantiles(lat)
            print(f"{kind:34} {count / wall:8.1f} {med * 1000:10.2f} {p99 * 1000:8.2f} {count:9,}", flush=True)
            summary.add(f"{kind} (req/s, median ms, p99 ms)", f"{count / wall:.1f}, {med * 1000:.2f}, {p99 * 1000:.2f}")
        print(f"load average after: {os.getloadavg()}")
        summary.write(args.json_summary, articles=n)
    finally:
        proc.terminate()
        proc.wait(30)
    gc.collect()


if __name__ == "__main__":
    main()
