"""WXR export and streaming import of the generated corpus, against ``xml.etree.ElementTree.parse``.

Figures (one line each, baselines measured in the same run):

- export: articles per second writing the generated corpus as WXR 1.2;
- for the full file and a quarter-size file: ``ElementTree.parse`` of the file (reading only, the
  baseline) and newsmodel's streaming import (:func:`newsmodel.io.wxr.iter_wxr`: typed bodies,
  dates, terms, everything; and with bodies left unparsed), articles per second of wall time and
  of CPU time (the CPU figure is what a busy shared machine distorts least) and peak memory, each
  measured in a fresh process so that the peaks do not mix.

Two more modes read an export written by ``_wxr_stream.py`` (shaped like ``export_wp``'s, dates
of a New York site):

- ``--body-words 1200``: news-length bodies (the generated corpus averages 268 words); the
  import with the site zone inferred (the default) and with ``timezone=`` given, in the same
  run, so the figure says what inferring the zone costs;
- ``--memory 1000000``: the export is generated into a pipe (no file) with one-sentence bodies
  left unparsed, at a quarter of the count and at the full count; the peak difference divided
  by the item difference is what each item costs in bookkeeping (ids and slugs), extrapolated
  to ten million items.

Targets: at least 5,000 articles/s importing, peak memory under 300 MB whatever the file size
(ten million items included).
Both sides run with the garbage collector enabled (users' default; no newsmodel call pauses it).

    .venv/bin/python benchmarks/bench_wxr.py            # 100,000 articles (a file of some 400 MB)
    .venv/bin/python benchmarks/bench_wxr.py --quick    # 5,000 articles, a smoke run
    .venv/bin/python benchmarks/bench_wxr.py --body-words 1200 --articles 20000
    .venv/bin/python benchmarks/bench_wxr.py --memory 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _summary import Summary, add_summary_argument, check_gc_on


def _peak_mb() -> float:
    """This process's peak resident memory.  VmHWM (Linux) belongs to this program alone;
    ru_maxrss would also count the parent's size at fork time."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(kind: str, path: str) -> None:
    """Child process: run one reader over ``path`` and print JSON with seconds, items and peak MB."""
    check_gc_on(f"reading with {kind}")
    start = time.perf_counter()
    cpu_start = time.process_time()
    if kind in ("inferred", "given", "pipe"):
        from newsmodel.io.wxr import iter_wxr

        source = sys.stdin.buffer if kind == "pipe" else path
        zone = "America/New_York" if kind == "given" else None
        n = sum(1 for _ in iter_wxr(source, timezone=zone, parse_bodies=kind != "pipe"))
    elif kind == "etree":
        import xml.etree.ElementTree as ET

        tree = ET.parse(path)
        n = sum(1 for _ in tree.getroot().iter("item"))
    else:
        from newsmodel.io.wxr import iter_wxr

        n = 0
        for _ in iter_wxr(path, parse_bodies=kind != "unparsed"):
            n += 1
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(json.dumps({"seconds": seconds, "cpu": cpu, "items": n, "peak_mb": _peak_mb()}))


def _child(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, str(path)], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _piped(items: int) -> dict[str, float]:
    """Import ``items`` generated items read from a pipe, in a fresh process (generated in another)."""
    here = str(Path(__file__).resolve().parent)
    gen = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {here!r}); import _wxr_stream; _wxr_stream.pipe({items})",
        ],
        stdout=subprocess.PIPE,
    )
    out = subprocess.run(
        [sys.executable, __file__, "--measure", "pipe", "-"],
        stdin=gen.stdout,
        check=True,
        capture_output=True,
        text=True,
    )
    assert gen.stdout is not None
    gen.stdout.close()
    if gen.wait() != 0:
        raise SystemExit("the generator failed")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _memory(items: int, summary: Summary) -> None:
    small = _piped(items // 4)
    big = _piped(items)
    per_item = (big["peak_mb"] - small["peak_mb"]) * 1024 * 1024 / (big["items"] - small["items"])
    at_10m = big["peak_mb"] + per_item * (10_000_000 - big["items"]) / (1024 * 1024)
    for run in (small, big):
        print(
            f"import from a pipe  {run['items']:>10,.0f} items  {run['items'] / run['seconds']:8,.0f} items/s"
            f"  peak {run['peak_mb']:7.1f} MB"
        )
    print(f"bookkeeping: {per_item:.1f} bytes an item; 10,000,000 items: about {at_10m:.0f} MB peak (extrapolated)")
    summary.add(
        f"WXR import memory, {big['items']:,.0f} items from a pipe, bodies unparsed",
        f"{per_item:.1f} bytes/item, peak {big['peak_mb']:.0f} MB; 10M items ~{at_10m:.0f} MB (extrapolated)",
        target="10,000,000 items < 300 MB",
        baseline=f"{small['items']:,.0f} items: peak {small['peak_mb']:.0f} MB",
    )


def _long_bodies(n: int, words: int, summary: Summary) -> None:
    import _wxr_stream

    with tempfile.TemporaryDirectory(prefix="bench-wxr-") as tmp:
        path = Path(tmp) / "long.xml"
        _wxr_stream.write(str(path), n, words=words)
        mb = path.stat().st_size / 1e6
        runs = {}
        for kind in ("given", "inferred", "given", "inferred"):  # interleaved: a busy machine drifts
            ours = _child(kind, path)
            best = runs.get(kind)
            if best is None or ours["cpu"] < best["cpu"]:
                runs[kind] = ours
        for kind, label in (("given", "timezone given"), ("inferred", "zone inferred")):
            ours = runs[kind]
            rate = ours["items"] / ours["seconds"]
            cpu_rate = ours["items"] / ours["cpu"]
            print(
                f"import, {words:,}-word bodies, {label:15} {mb:7.1f} MB  {rate:8,.0f} articles/s"
                f" ({cpu_rate:8,.0f} per CPU second)  peak {ours['peak_mb']:7.1f} MB"
            )
            summary.add(
                f"WXR import, typed {words:,}-word bodies, {label}, {ours['items']:,.0f} articles ({mb:.0f} MB)",
                f"{rate:,.0f} articles/s ({cpu_rate:,.0f} per CPU second), peak {ours['peak_mb']:.0f} MB",
                target=">= 5,000 articles/s",
            )
        cost = runs["inferred"]["cpu"] / runs["given"]["cpu"] - 1
        print(f"inferring the zone (and the tolerant rules) costs {cost:+.1%} CPU time against a given zone")


def _export(n: int, path: Path) -> tuple[int, float, float]:
    from newsmodel.io.wxr import write_wxr
    from newsmodel.sample import generate

    corpus = generate(articles=n)
    start = time.perf_counter()
    cpu_start = time.process_time()
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        write_wxr(corpus, fh)
    return len(corpus.articles), time.perf_counter() - start, time.process_time() - cpu_start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the full file (default 100,000)")
    parser.add_argument("--quick", action="store_true", help="5,000 articles: a smoke run")
    parser.add_argument("--body-words", type=int, metavar="N", help="bodies of about N words (_wxr_stream.py)")
    parser.add_argument("--memory", type=int, metavar="ITEMS", help="bookkeeping bytes per item, read from a pipe")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    add_summary_argument(parser)
    args = parser.parse_args()
    if args.measure:
        _measure(*args.measure)
        return
    summary = Summary("bench_wxr.py")
    n = 5_000 if args.quick else args.articles
    if args.memory:
        _memory(args.memory, summary)
        summary.write(args.json_summary, items=args.memory)
        return
    if args.body_words:
        _long_bodies(n, args.body_words, summary)
        summary.write(args.json_summary, articles=n)
        return
    with tempfile.TemporaryDirectory(prefix="bench-wxr-") as tmp:
        sizes = [(n // 4, Path(tmp) / "quarter.xml"), (n, Path(tmp) / "full.xml")]
        for count, path in sizes:
            articles, seconds, cpu = _export(count, path)
            mb = path.stat().st_size / 1e6
            print(
                f"export wxr      {articles:>8,} articles  {mb:8.1f} MB  {articles / seconds:8,.0f} articles/s"
                f" ({articles / cpu:8,.0f} per CPU second)"
            )
        for _count, path in sizes:
            base = _child("etree", path)
            mb = path.stat().st_size / 1e6
            base_rate = base["items"] / base["seconds"]
            base_cpu = base["items"] / base["cpu"]
            print(
                f"ElementTree.parse     {mb:7.1f} MB  {base_rate:8,.0f} items/s    ({base_cpu:8,.0f} per CPU second)"
                f"  peak {base['peak_mb']:7.1f} MB  (baseline: reading only)"
            )
            for kind, label in (("typed", "import, typed bodies "), ("unparsed", "import, bodies as raw")):
                ours = _child(kind, path)
                rate = ours["items"] / ours["seconds"]
                cpu_rate = ours["items"] / ours["cpu"]
                print(
                    f"{label} {mb:7.1f} MB  {rate:8,.0f} articles/s ({cpu_rate:8,.0f} per CPU second)"
                    f"  peak {ours['peak_mb']:7.1f} MB  speed x{rate / base_rate:.2f},"
                    f" memory x{ours['peak_mb'] / base['peak_mb']:.2f} of the baseline"
                )
                summary.add(
                    f"WXR {label.strip()}, {ours['items']:,.0f} articles ({mb:.0f} MB), fresh process",
                    f"{rate:,.0f} articles/s, peak {ours['peak_mb']:.0f} MB",
                    target=">= 5,000 articles/s, peak < 300 MB",
                    baseline=f"ElementTree.parse {base_rate:,.0f} items/s, peak {base['peak_mb']:.0f} MB",
                )
    print(f"(cpus: {os.cpu_count()}; timings on a shared machine may be noisy)")
    summary.write(args.json_summary, articles=n)


if __name__ == "__main__":
    main()
