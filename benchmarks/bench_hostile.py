"""Hostile inputs: every pathological family timed at n, 2n and 4n, with the ratio per doubling.

Linear work doubles its time when its input doubles (a ratio near 2); quadratic work quadruples
it (near 4). Each family builds its input at three sizes, runs newsmodel on each in this process
with the garbage collector as users have it (on), and prints the CPU seconds and the two ratios.
A family whose ratio exceeds ``--limit`` (3.0 by default) is reported and the script exits 1.

    .venv/bin/python benchmarks/bench_hostile.py              # every family, default sizes
    .venv/bin/python benchmarks/bench_hostile.py --quick      # a quarter of the sizes
    .venv/bin/python benchmarks/bench_hostile.py --only html  # families whose name contains "html"

Families register with ``@family(name, n)``: a function of the size that returns a callable to
time (the input is built outside the timed call).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

Runner = Callable[[], object]
Builder = Callable[[int], Runner]

FAMILIES: list[tuple[str, int, Builder]] = []
#: Figures that are not a scaling series (a bounded import against a hostile server, a soak's
#: memory): each prints its own lines; ``quick`` asks for a smaller run.
REPORTS: list[tuple[str, Callable[[bool], None]]] = []


def family(name: str, n: int) -> Callable[[Builder], Builder]:
    """Register a pathological family: ``build(size)`` makes the input and returns the call to time."""

    def register(build: Builder) -> Builder:
        FAMILIES.append((name, n, build))
        return build

    return register


def report(name: str) -> Callable[[Callable[[bool], None]], Callable[[bool], None]]:
    """Register a figure that prints its own lines: ``run(quick)``."""

    def register(run: Callable[[bool], None]) -> Callable[[bool], None]:
        REPORTS.append((name, run))
        return run

    return register


def cpu_seconds(run: Runner, repeat: int = 3) -> float:
    """The best CPU time of ``repeat`` calls (the collector stays on, as users have it)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


# --------------------------------------------------------------------------- the families
# Each section below belongs to one part of the hostile-input work; add new families at the end
# of their section.


# ---- dask: newsmodel.dask reading a partition that holds one huge line


@family("dask_one_huge_line", 2_000_000)
def _dask_one_huge_line(size: int) -> Runner:
    """A corpus file whose one article line is ``size`` bytes long, read in 64 kB blocks (one thread)."""
    import json
    import os
    import tempfile

    from newsmodel.dask import read_corpus
    from newsmodel.sample import generate
    from newsmodel.serialize import write_corpus

    path = os.path.join(tempfile.mkdtemp(), "huge.jsonl")
    write_corpus(generate(articles=20, short_bodies=True), path)
    with open(path, "rb") as f:
        lines = f.readlines()
    record = json.loads(lines[-5])
    record["title"] = "x" * size
    lines[-5] = json.dumps(record).encode() + b"\n"
    with open(path, "wb") as f:
        f.writelines(lines)

    def run() -> object:
        return read_corpus(path, blocksize=65_536, scheduler="sync").to_corpus()

    return run


# --------------------------------------------------------------------------- the runner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a quarter of every size")
    parser.add_argument("--only", default="", help="run the families whose name contains this text")
    parser.add_argument("--limit", type=float, default=3.0, help="the largest ratio per doubling that passes")
    args = parser.parse_args(argv)
    failed = []
    print(f"{'family':<44} {'n':>10} {'t(n)':>9} {'t(2n)':>9} {'t(4n)':>9} {'2n/n':>6} {'4n/2n':>6}")
    for name, n, build in FAMILIES:
        if args.only not in name:
            continue
        size = max(1, n // 4) if args.quick else n
        times = [cpu_seconds(build(size * k)) for k in (1, 2, 4)]
        ratios = [times[i + 1] / max(times[i], 1e-6) for i in range(2)]
        flag = "" if max(ratios) <= args.limit else "  <-- not linear"
        print(
            f"{name:<44} {size:>10,} {times[0]:>8.3f}s {times[1]:>8.3f}s {times[2]:>8.3f}s"
            f" {ratios[0]:>6.2f} {ratios[1]:>6.2f}{flag}"
        )
        if flag:
            failed.append(name)
    for name, run in REPORTS:
        if args.only in name:
            print(f"== {name}")
            run(args.quick)
    if failed:
        print(f"not linear: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
