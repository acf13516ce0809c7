"""WXR export and streaming import of the generated corpus, against ``xml.etree.ElementTree.parse``.

Figures (one line each, baselines measured in the same run):

- export: articles per second writing the generated corpus as WXR 1.2;
- for the full file and a quarter-size file: ``ElementTree.parse`` of the file (reading only, the
  baseline) and newsmodel's streaming import (:func:`newsmodel.io.wxr.iter_wxr`: typed bodies,
  dates, terms, everything; and with bodies left unparsed), articles per second of wall time and
  of CPU time (the CPU figure is what a busy shared machine distorts least) and peak memory, each
  measured in a fresh process so that the peaks do not mix.

Targets: at least 5,000 articles/s importing, peak memory under 300 MB whatever the file size.
Both sides run with the garbage collector enabled (users' default; newsmodel's HTML parser pauses
it while it builds one body's blocks and restores it, which is what users get too).

    .venv/bin/python benchmarks/bench_wxr.py            # 100,000 articles (a file of some 400 MB)
    .venv/bin/python benchmarks/bench_wxr.py --quick    # 5,000 articles, a smoke run
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
    if kind == "etree":
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
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    add_summary_argument(parser)
    args = parser.parse_args()
    if args.measure:
        _measure(*args.measure)
        return
    summary = Summary("bench_wxr.py")
    n = 5_000 if args.quick else args.articles
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
