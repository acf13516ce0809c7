"""The ``newsmodel`` command line.

Each command lives in a module of this package that defines ``register(subparsers)``; the module
adds its sub-parser and sets ``func`` to a callable taking the parsed arguments and returning an
exit code.  Errors of newsmodel (and unreadable files) are printed as one line on stderr with exit
code 2, never as tracebacks.  When the reader of standard output goes away (``newsmodel export … |
head``), the command stops quietly with exit code 141, what a shell reports for a Unix tool ended
by SIGPIPE (128 + 13).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from newsmodel.values.errors import NewsModelError

__all__ = ["console", "main"]

#: The exit code of a command whose standard output was closed by its reader (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141

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
    "search",
    "serve",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="newsmodel",
        description="Model news content and compute everything a news page shows.",
    )
    from newsmodel._version import __version__

    parser.add_argument("--version", action="version", version=f"newsmodel {__version__}")
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
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except NewsModelError as exc:
        print(f"newsmodel {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        print(f"newsmodel {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


def console() -> NoReturn:
    """The ``newsmodel`` program (its console script, and ``python -m newsmodel.cli``): runs
    :func:`main` on ``sys.argv`` and exits with its code.

    Before exiting it moves every object the command made to the collector's permanent generation
    (:func:`gc.freeze`).  The interpreter's shutdown runs full collections of the cyclic garbage
    collector over every tracked object; after a command that read a corpus that is the whole
    corpus (about 160,000 objects for the bundled sample), and those collections took about a
    quarter of ``newsmodel demo``'s CPU time (see the design notes).  Frozen, the objects are
    skipped by them; they are released as the interpreter tears its modules down, as before, and
    cyclic garbage left at exit (which a collection would find) is reclaimed with the process.
    It also pauses the collector while a command reads its corpus, and freezes the corpus once
    read (:func:`newsmodel.cli._common.load_corpus`).  Only the program does these:
    :func:`main` called from Python leaves the caller's collector as it found it.
    """
    import newsmodel.cli._common as common

    common.PROGRAM = True
    code = main()
    gc.freeze()
    sys.exit(code)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush at exit
    does not fail again on the closed pipe (the Python documentation's advice for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor behind sys.stdout (captured, replaced)
        pass


if __name__ == "__main__":  # pragma: no cover
    console()
