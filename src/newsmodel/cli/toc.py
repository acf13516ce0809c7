"""``newsmodel toc FILE``: the table of contents of an HTML or Markdown body."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newsmodel.bodies.anchors import ANCHOR_STYLES
from newsmodel.bodies.toc import Toc, build_toc
from newsmodel.values.body import Body
from newsmodel.values.errors import InvalidValue

_MARKDOWN_SUFFIXES = frozenset((".md", ".markdown", ".mdown", ".mkd", ".txt"))
_HTML_SUFFIXES = frozenset((".html", ".htm", ".xhtml"))


def register(sub: Any) -> None:
    """Add the ``toc`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "toc",
        help="print the table of contents of an HTML or Markdown file",
        description=(
            "Parse an article body (HTML or Markdown; '-' reads standard input) and print its table "
            "of contents with heading anchors."
        ),
    )
    p.add_argument("file", metavar="FILE", help="an .html or .md file, or - for standard input")
    p.add_argument("--style", choices=ANCHOR_STYLES, default="github", help="anchor style (default: github)")
    p.add_argument(
        "--levels", default="1-6", metavar="MIN-MAX", help="heading levels to include, e.g. 2-3 (default: 1-6)"
    )
    p.add_argument(
        "--format",
        choices=("auto", "html", "markdown"),
        default="auto",
        help="input format (default: by file name, else HTML when it starts with '<')",
    )
    p.add_argument("--min-headings", type=int, default=1, metavar="N", help="no TOC below N headings (default: 1)")
    p.add_argument("--numbered", action="store_true", help="number entries 1, 1.1, 1.2 …")
    p.add_argument("--json", action="store_true", help="print JSON (null when there is no TOC)")
    p.add_argument("--html", action="store_true", help="print the TOC as an HTML <nav>")
    p.set_defaults(func=run)


def parse_levels(spec: str) -> tuple[int, int]:
    """``"2-4"`` → ``(2, 4)``; ``"3"`` → ``(3, 3)``.

    >>> parse_levels("2-4"), parse_levels("3")
    ((2, 4), (3, 3))
    """
    parts = spec.split("-")
    try:
        if len(parts) == 1:
            low = high = int(parts[0])
        elif len(parts) == 2:
            low, high = int(parts[0]), int(parts[1])
        else:
            raise ValueError(spec)
    except ValueError:
        raise InvalidValue(
            f"--levels: {spec!r} is not LEVEL or MIN-MAX (e.g. 2-3)", value=spec, where="--levels"
        ) from None
    if not (1 <= low <= high <= 6):
        raise InvalidValue(f"--levels: {spec!r} is not within 1-6 with MIN <= MAX", value=spec, where="--levels")
    return low, high


def read_body(file: str, fmt: str = "auto") -> Body:
    """Read and parse an HTML or Markdown body from a path (or ``-`` for standard input)."""
    from newsmodel.bodies.htmlparse import parse_html
    from newsmodel.bodies.mdparse import parse_markdown

    text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    if fmt == "auto":
        suffix = Path(file).suffix.lower()
        if suffix in _MARKDOWN_SUFFIXES:
            fmt = "markdown"
        elif suffix in _HTML_SUFFIXES:
            fmt = "html"
        else:
            fmt = "html" if text.lstrip().startswith("<") else "markdown"
    return parse_html(text) if fmt == "html" else parse_markdown(text)


def format_toc(toc: Toc) -> str:
    """The TOC as indented text lines: number (when numbered), text and ``#anchor``."""
    lines = []
    # indentation follows the tree, not the raw heading level
    stack = [(e, 0) for e in reversed(toc.entries)]
    while stack:
        entry, depth = stack.pop()
        number = f"{entry.number} " if entry.number else ""
        lines.append(f"{'  ' * depth}{number}{entry.text}  #{entry.anchor}")
        stack.extend((c, depth + 1) for c in reversed(entry.children))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the table of contents."""
    low, high = parse_levels(args.levels)
    body = read_body(args.file, args.format)
    toc = build_toc(
        body, style=args.style, min_level=low, max_level=high, min_headings=args.min_headings, numbered=args.numbered
    )
    if args.json:
        print(json.dumps(toc.to_data() if toc is not None else None, ensure_ascii=False, indent=2))
    elif toc is None:
        print(
            f"newsmodel toc: no table of contents in {args.file!r} (fewer than {args.min_headings} headings)",
            file=sys.stderr,
        )
    elif args.html:
        print(toc.to_html())
    else:
        print(format_toc(toc))
    return 0
