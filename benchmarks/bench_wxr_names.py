"""What the WXR reader's element-name cache earns: a streaming import with and without it.

The reader names every element it meets (``wp:post_id``, ``content:encoded`` …) from its
namespaced tag; a file has a few dozen distinct tags, met millions of times, so
``newsmodel.io.wp.wxr_xml.element_name`` is a ``functools.lru_cache``.  This script writes the
generated corpus as WXR once, then reads it with ``iter_wxr(parse_bodies=False)`` (bodies kept
raw, so the XML walk is what is measured) with the cache and with the plain function patched in,
alternating, each best of ``--repeat``, CPU time, garbage collector on (users' default).

    PYTHONPATH=src python benchmarks/bench_wxr_names.py --articles 3000 --rounds 3
"""

from __future__ import annotations

import argparse
import importlib
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

from newsmodel.io.wp import wxr_xml
from newsmodel.io.wxr import iter_wxr, write_wxr
from newsmodel.sample import generate

_USERS = ("wxr_xml", "wxr_items", "wxr_read", "wxr_terms")


def _use(function: Callable[[str], str]) -> None:
    for name in _USERS:
        module = importlib.import_module(f"newsmodel.io.wp.{name}")
        if hasattr(module, "element_name"):
            module.element_name = function  # type: ignore[attr-defined]


def _read(path: Path, repeat: int) -> tuple[int, float]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        count = sum(1 for _ in iter_wxr(path, parse_bodies=False, timezone="UTC"))
        best = min(best, time.process_time() - start)
    return count, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cached = wxr_xml.element_name
    plain: Callable[[str], str] = cached.__wrapped__
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "site.xml"
        write_wxr(generate(articles=args.articles, seed=1), path)
        best = {"cached": float("inf"), "plain": float("inf")}
        for _ in range(args.rounds):
            for label, function in (("cached", cached), ("plain", plain)):
                _use(function)
                count, seconds = _read(path, args.repeat)
                best[label] = min(best[label], seconds)
        _use(cached)
    for label, seconds in best.items():
        print(
            f"import, {label:6} element names: {count:,} articles, best {seconds:.3f} s CPU ({count / seconds:,.0f}/s)"
        )
    print(f"the cache saves {1 - best['cached'] / best['plain']:.0%} of the import's CPU time")
    tags = [
        "{http://wordpress.org/export/1.2/}post_id",
        "{http://purl.org/rss/1.0/modules/content/}encoded",
        "{http://purl.org/dc/elements/1.1/}creator",
        "title",
    ]
    for label, function in (("cached", cached), ("plain", plain)):

        def names(f: Callable[[str], str] = function) -> list[str]:
            return [f(t) for t in tags]

        per = min(timeit.repeat(names, number=20_000, repeat=5))
        print(f"element_name, {label:6}: {per / (20_000 * len(tags)) * 1e9:,.0f} ns a call")


if __name__ == "__main__":
    main()
