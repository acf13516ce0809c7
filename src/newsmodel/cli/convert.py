"""``newsmodel convert IN OUT``: rewrite a corpus file, one record at a time.

Converts between plain and gzip JSON Lines (by the ``.gz`` suffix), validating every record on
the way, in constant memory: the corpus is never built, so files larger than memory convert.
Unknown fields are kept (``--strict`` refuses them).  Cross-record checks (dangling references,
duplicate slugs) need the whole corpus: ``newsmodel info`` makes them.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``convert`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "convert",
        help="rewrite a corpus file (plain <-> .gz), validating each record",
        description="Rewrite a corpus file one record at a time (plain or gzip by the .gz suffix),"
        " validating every record, in constant memory. The output is replaced only when the whole"
        " file was written.",
    )
    p.add_argument("input", metavar="IN", help="a corpus file (.jsonl or .jsonl.gz)")
    p.add_argument(
        "output",
        metavar="OUT",
        help="the file to write (.jsonl or .jsonl.gz; - for standard output); replaced only on success",
    )
    p.add_argument("--strict", action="store_true", help="refuse fields this newsmodel does not know")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Convert; print how many records were written."""
    from newsmodel.cli._common import corpus_target
    from newsmodel.serialize import iter_records, write_records
    from newsmodel.values.errors import SerializationError

    if args.output != "-" and os.path.exists(args.output) and os.path.samefile(args.input, args.output):
        raise SerializationError(f"{args.output}: the output must differ from the input")
    count = write_records(corpus_target(args.output), iter_records(args.input, strict=args.strict))
    print(f"{args.output}: {count} records", file=sys.stderr if args.output == "-" else sys.stdout)
    return 0
