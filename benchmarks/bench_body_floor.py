"""Benchmark: where an HTML body's time goes, and the floor under it (issue 12).

For the articles of ``bench_bodies.py`` and the 1,200-word WordPress bodies of ``_wxr_stream.py``,
per body, batched (best of 7, CPU time):

- ``parse_html`` in full, and lexbor's own parse (``parse_fragment``);
- the same values built by straight-line code that does nothing else: for each body a function
  is generated and compiled that calls every class of the parsed body (``Text(text=...)``,
  ``Paragraph(content=...)`` ... ``Body(blocks=...)``) with the fields it holds, so every value
  goes through its constructor, converters and validators as the parser's do, with no walk at
  all; the walk over lexbor's tree is what remains;
- ``build_toc`` of the parsed body;

then, for the benchmark articles, lexbor's parse and ``parse_html`` + ``build_toc`` document by
document with BeautifulSoup (lxml) between them, as ``bench_bodies.py`` measures it, and the
same with a ``gc.collect(0)`` timed with each call (each side pays for collecting its own
garbage instead of the side that happens to allocate next).  The collector stays enabled.

    .venv/bin/python benchmarks/bench_body_floor.py            # 300 bodies of each kind
    .venv/bin/python benchmarks/bench_body_floor.py --quick    # 60
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

import _wxr_stream
import attrs
import bench_bodies
from _summary import check_gc_on

import newsmodel.values.body as body_module
from newsmodel.bodies.htmlparse import parse_html
from newsmodel.bodies.htmltree import parse_fragment
from newsmodel.bodies.toc import build_toc
from newsmodel.values.body import Body


def straight_line(body: Body) -> Callable[[], Body]:
    """A compiled function that builds ``body`` again, one constructor call per value."""
    lines: list[str] = []

    def build(value: Any) -> str:
        if isinstance(value, tuple):
            return "(" + "".join(build(v) + ", " for v in value) + ")"
        cls = type(value)
        if attrs.has(cls):
            args = ", ".join(f"{f.name}={build(getattr(value, f.name))}" for f in attrs.fields(cls))
            name = f"v{len(lines)}"
            lines.append(f"    {name} = B.{cls.__name__}({args})")
            return name
        return repr(value)

    top = build(body)
    namespace: dict[str, Any] = {"B": body_module}
    exec("def make():\n" + "\n".join(lines) + f"\n    return {top}\n", namespace)  # code generated above
    made: Callable[[], Body] = namespace["make"]
    return made


def values_in(value: Any) -> int:
    if isinstance(value, tuple):
        return sum(values_in(v) for v in value)
    if attrs.has(type(value)):
        return 1 + sum(values_in(getattr(value, f.name)) for f in attrs.fields(type(value)))
    return 0


def best(fn: Callable[[Any], Any], items: list[Any], rounds: int = 7) -> float:
    """Best CPU seconds per item over ``rounds`` passes."""
    check_gc_on("bench_body_floor")
    fastest = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            fn(item)
        fastest = min(fastest, time.process_time() - start)
    return fastest / len(items)


def each(fns: list[Callable[[str], Any]], docs: list[str], collect: bool, rounds: int = 3) -> list[float]:
    """CPU seconds per document of each of ``fns`` taken document by document (best of
    ``rounds``, :func:`bench_bodies.timed_each`); with ``collect``, a ``gc.collect(0)`` is timed
    with each call."""
    check_gc_on("bench_body_floor")
    return [t / len(docs) for t in bench_bodies.timed_each(fns, docs, rounds, collect=collect)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=300, help="bodies of each kind (default 300)")
    parser.add_argument("--quick", action="store_true", help="60 bodies of each kind")
    args = parser.parse_args()
    n = 60 if args.quick else args.bodies
    rng = random.Random(2026)
    kinds = {
        "benchmark article": [bench_bodies.to_html(bench_bodies.make_article(rng)) for _ in range(n)],
        "1,200-word WordPress body": [_wxr_stream.body(rng, 1200) for _ in range(n)],
    }
    us = 1e6
    for label, docs in kinds.items():
        bodies = [parse_html(doc) for doc in docs]
        makers = [straight_line(b) for b in bodies]
        assert all(make() == b for make, b in zip(makers, bodies, strict=True)), "the replay differs"
        count = sum(values_in(b) for b in bodies) / n
        full = best(parse_html, docs)
        lexbor = best(parse_fragment, docs)
        values = best(lambda make: make(), makers)
        toc = best(lambda b: build_toc(b, min_headings=1), bodies)
        print(
            f"{label}: {count:.0f} values; parse_html {full * us:.0f} us = lexbor {lexbor * us:.0f} us"
            f" + values through their classes {values * us:.0f} us + the walk {(full - lexbor - values) * us:.0f} us;"
            f" build_toc {toc * us:.0f} us"
        )
    docs = kinds["benchmark article"]
    lexbor_alone = best(parse_fragment, docs)
    ours_alone = best(bench_bodies.ours_html, docs)
    for collect in (False, True):
        lex, lex_bs = each([parse_fragment, bench_bodies.bs4_lxml_html], docs, collect)
        ours, ours_bs = each([bench_bodies.ours_html, bench_bodies.bs4_lxml_html], docs, collect)
        how = "each call with a gc.collect(0)" if collect else "as bench_bodies.py times them"
        print(
            f"document by document, {how}: lexbor {lex * us:.0f} us (alone {lexbor_alone * us:.0f}),"
            f" parse_html+build_toc {ours * 1e3:.3f} ms (alone {ours_alone * 1e3:.3f}),"
            f" BeautifulSoup(lxml) {ours_bs * 1e3:.3f} ms ({ours_bs / ours:.1f}x; beside lexbor {lex_bs * 1e3:.3f} ms)"
        )


if __name__ == "__main__":
    main()
