"""Helpers shared by the command-line modules."""

from __future__ import annotations

import argparse
import gc
import gzip
import io
import os
import sys
import time as _time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from typing import IO, cast

from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidDatetime
from newsmodel.values.model import Site, check_datetime

__all__ = ["Progress", "add_corpus_argument", "corpus_target", "load_corpus", "parse_as_of", "step"]

#: True when the commands run as the ``newsmodel`` program, in a process of their own (set by
#: :func:`newsmodel.cli.console`); False when :func:`newsmodel.cli.main` is called from Python.
PROGRAM = False


def _on_terminal() -> bool:
    """True when standard error is a terminal: progress is drawn there only, never into a pipe or file."""
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """A progress bar on standard error, drawn only on a terminal.

    Call it with the amount done so far (out of ``total``): the bar shows at most 99% while
    work goes on, and :meth:`close` with ``done=True`` draws 100% once the whole work is done
    (reading the last byte of a file is not the end of an import: the corpus is still checked).
    """

    def __init__(self, label: str, total: int) -> None:
        self.label = label
        self.total = max(total, 1)
        self.shown = -1
        self.enabled = _on_terminal()

    def _draw(self, percent: int) -> None:
        if self.enabled and percent != self.shown:
            self.shown = percent
            filled = percent * 30 // 100
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {percent:3d}%")
            sys.stderr.flush()

    def __call__(self, done: int) -> None:
        self._draw(min(99, done * 100 // self.total))

    def close(self, *, done: bool) -> None:
        """End the bar's line: at 100% when the work is ``done``, else where it stopped."""
        if done:
            self._draw(100)
        if self.enabled and self.shown >= 0:
            sys.stderr.write("\n")
            sys.stderr.flush()


@contextmanager
def step(label: str) -> Iterator[None]:
    """Say on a terminal that a step runs (``label …``), then that it is done and how long it took.

    For a step with no measure of its progress (building indexes, writing an export); nothing
    is written when standard error is not a terminal.
    """
    if not _on_terminal():
        yield
        return
    sys.stderr.write(f"{label} …")
    sys.stderr.flush()
    start = _time.perf_counter()
    try:
        yield
    except BaseException:
        sys.stderr.write("\n")
        raise
    sys.stderr.write(f"\r{label} … done ({_time.perf_counter() - start:.1f} s)\n")
    sys.stderr.flush()


class _Counted(io.RawIOBase):
    """A binary file that reports the bytes read so far to a :class:`Progress`."""

    def __init__(self, raw: IO[bytes], progress: Progress) -> None:
        self.raw = raw
        self.progress = progress
        self.done = 0
        self.name = getattr(raw, "name", "")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.done += n
        self.progress(self.done)
        return int(n)


def read_corpus_file(path: str) -> Corpus:
    """:func:`newsmodel.serialize.read_corpus` of ``path``, with a progress bar on a terminal."""
    from newsmodel.serialize import read_corpus

    if not _on_terminal():
        corpus: Corpus = read_corpus(path)
        return corpus
    bar = Progress("reading", os.path.getsize(path))
    ok = False
    try:
        with open(path, "rb") as raw:
            counted = _Counted(raw, bar)
            source: IO[bytes]
            if path.endswith(".gz"):
                source = cast(IO[bytes], gzip.GzipFile(filename=path, mode="rb", fileobj=counted))
            else:
                source = io.BufferedReader(counted)
            corpus = read_corpus(source)
        ok = True
    finally:
        bar.close(done=ok)
    return corpus


def corpus_target(output: str) -> str | IO[bytes]:
    """Where a command writes a corpus: standard output for ``-``, else the path (written
    atomically by :func:`newsmodel.serialize.write_records`)."""
    return sys.stdout.buffer if output == "-" else output


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--corpus FILE`` (default: the bundled sample) and ``--as-of`` to a sub-parser."""
    parser.add_argument(
        "--corpus",
        metavar="FILE",
        help="a corpus file (.jsonl or .jsonl.gz); default: the bundled sample corpus",
    )
    parser.add_argument(
        "--as-of",
        metavar="WHEN",
        help="what counts as now: a date (2026-01-15: the end of that day in the site's zone) or an"
        " ISO 8601 instant with offset (default: the sample's 2026-01-15, or the current time for a corpus file)",
    )


def load_corpus(args: argparse.Namespace) -> Corpus:
    """The corpus named by ``--corpus``, or the bundled sample.

    In the ``newsmodel`` program (:data:`PROGRAM`) the cyclic garbage collector is paused while the
    corpus is read, and the corpus is then moved to its permanent generation (:func:`gc.freeze`):
    reading makes no reference cycles (a full pass over the first 75,000 objects of the bundled
    sample found 43, from the imports), the corpus lives until the program ends, and the
    collector's passes over it cost the page 0.07-0.1 s of CPU (see the design notes).  Frozen
    objects are still freed when their last reference goes.  Called from Python, the caller's
    collector is left alone.
    """
    path = getattr(args, "corpus", None)
    with _paused_then_frozen():
        if path:
            return read_corpus_file(path)
        from newsmodel.sample import load_bundled

        return load_bundled()


@contextmanager
def _paused_then_frozen() -> Iterator[None]:
    """The collector paused for the block, and what it made frozen, when this is the program and
    the collector is on."""
    if not PROGRAM or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def parse_as_of(args: argparse.Namespace, site: Site) -> datetime:
    """``--as-of`` as an aware datetime; default the sample's today, or now for a corpus file.

    A plain date (``2026-01-15``) is the last instant of that day in ``site``'s zone: the site
    as it stood at the end of that day, every post of that day published, that day "today".
    The command line is the one place that may read the clock: the core never does.
    """
    text = getattr(args, "as_of", None)
    if text and len(text) == 10:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise InvalidDatetime(f"--as-of: {text!r} is not a date (YYYY-MM-DD)", value=text) from None
        return end_of_day(day, site)
    if text:
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise InvalidDatetime(f"--as-of: {text!r} is not an ISO 8601 datetime", value=text) from None
        if value.tzinfo is None:
            raise InvalidDatetime(f"--as-of: {text!r} has no UTC offset (add one, e.g. +00:00)", value=text)
        check_datetime(value, "--as-of")
        return value
    if getattr(args, "corpus", None):
        return datetime.now(timezone.utc)
    from newsmodel.sample import SEED_AS_OF

    return SEED_AS_OF


def end_of_day(day: date, site: Site) -> datetime:
    """The last microsecond of ``day`` in the site's zone (the instant before the next local midnight).

    >>> end_of_day(date(2026, 1, 15), Site(name="S", base_url="https://e.org", timezone="Asia/Seoul")).isoformat()
    '2026-01-15T23:59:59.999999+09:00'
    """
    zone = site.zone or timezone.utc  # a floating site's days: UTC days
    try:
        midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    except OverflowError:
        raise InvalidDatetime(f"--as-of: {day.isoformat()!r} is outside years 2 to 9998", value=day) from None
    value = (midnight.astimezone(timezone.utc) - timedelta(microseconds=1)).astimezone(zone)
    check_datetime(value, "--as-of")
    return value
