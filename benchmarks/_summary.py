"""Shared by the benchmark scripts: the collector setting and the machine-readable summary.

Every script times both sides of a ratio with the cyclic garbage collector in the state users
have by default (enabled): :func:`check_gc_on` is called before each timed side, so a library
call that left the collector disabled stops the run instead of flattering the next figure.

``--json-summary PATH`` makes a script write its figures as rows (figure, target, measured,
baseline) that ``benchmarks/run_all.py`` gathers into ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from typing import Any


def add_summary_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--json-summary PATH`` to a script's options."""
    parser.add_argument(
        "--json-summary",
        metavar="PATH",
        default=None,
        help="also write the figures as JSON rows (figure, target, measured, baseline) to PATH",
    )


def check_gc_on(where: str) -> None:
    """Stop the benchmark if the cyclic collector is not enabled before a timed side."""
    if not gc.isenabled():
        sys.exit(f"the garbage collector is disabled before {where!r}: both sides must run with it on")


class Summary:
    """The figures of one script, in the order they were printed."""

    def __init__(self, script: str) -> None:
        self.script = script
        self.rows: list[dict[str, str]] = []

    def add(self, figure: str, measured: str, *, target: str = "", baseline: str = "") -> None:
        """One row: what is measured, the target (if any), the figure, and the baseline's figure."""
        self.rows.append({"figure": figure, "target": target, "measured": measured, "baseline": baseline})

    def write(self, path: str | None, **extra: Any) -> None:
        """Write the rows as JSON to ``path`` (nothing when ``path`` is None)."""
        if path is None:
            return
        doc = {"script": self.script, "gc": "on (both sides)", "rows": self.rows, **extra}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
