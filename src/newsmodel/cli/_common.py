"""Helpers shared by the command-line modules."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import IO

from newsmodel.corpus import Corpus
from newsmodel.errors import InvalidDatetime
from newsmodel.model import check_datetime

__all__ = ["add_corpus_argument", "corpus_target", "load_corpus", "parse_as_of"]


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
        metavar="DATETIME",
        help="ISO 8601 instant with offset that counts as now (default: the sample's 2026-01-15,"
        " or the current time for a corpus file)",
    )


def load_corpus(args: argparse.Namespace) -> Corpus:
    """The corpus named by ``--corpus``, or the bundled sample."""
    path = getattr(args, "corpus", None)
    if path:
        from newsmodel.serialize import read_corpus

        corpus: Corpus = read_corpus(path)
        return corpus
    from newsmodel.sample import load_bundled

    return load_bundled()


def parse_as_of(args: argparse.Namespace) -> datetime:
    """``--as-of`` as an aware datetime; default the sample's today, or now for a corpus file.

    The command line is the one place that may read the clock: the core never does.
    """
    text = getattr(args, "as_of", None)
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
        from datetime import timezone

        return datetime.now(timezone.utc)
    from newsmodel.sample import SEED_AS_OF

    return SEED_AS_OF
