"""The ``newsmodel`` command line.

Each command lives in a module of this package that defines ``register(subparsers)``; the module
adds its sub-parser and sets ``func`` to a callable taking the parsed arguments and returning an
exit code.  Errors of newsmodel (and unreadable files) are printed as one line on stderr with exit
code 2, never as tracebacks.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from newsmodel.errors import NewsModelError

__all__ = ["main"]

#: Modules of ``newsmodel.cli`` that define commands, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "page",
    "info",
    "convert",
    "sample",
    "export",
    "import_",
    "toc",
    "calendar",
    "archives",
    "tags",
    "related",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="newsmodel",
        description="Model news content and compute everything a news page shows.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"newsmodel.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except NewsModelError as exc:
        print(f"newsmodel {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        print(f"newsmodel {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
