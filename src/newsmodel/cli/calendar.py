"""``newsmodel calendar [YYYY-MM]``: the month calendar of a corpus, as text, HTML or JSON."""

from __future__ import annotations

import argparse
import re
from typing import Any

from newsmodel.cli._common import add_corpus_argument, load_corpus, parse_as_of
from newsmodel.values.errors import InvalidValue

__all__ = ["parse_month", "register", "run"]


def register(sub: Any) -> None:
    """Add the ``calendar`` command."""
    p: argparse.ArgumentParser = sub.add_parser(
        "calendar",
        help="print the month calendar (days with posts, previous/next months with posts)",
        description="Print the calendar widget of one month: the grid, the days with posts (marked *),"
        " today in brackets, and the nearest earlier and later months that have posts.",
    )
    p.add_argument("month", metavar="YYYY-MM", nargs="?", help="the month (default: the month of --as-of)")
    add_corpus_argument(p)
    p.add_argument(
        "--week-start",
        type=int,
        metavar="N",
        help="first day of the week, 0 = Monday … 6 = Sunday (default: the site's, else its locale's)",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the MonthCalendar as JSON")
    out.add_argument("--html", action="store_true", help="print WordPress's calendar markup")
    p.set_defaults(func=run)


def parse_month(text: str) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month); the calendar itself checks the ranges.

    >>> parse_month("2025-12")
    (2025, 12)
    """
    match = re.fullmatch(r"(\d{1,4})-(\d{1,2})", text.strip())
    if match is None:
        raise InvalidValue(f"calendar: month {text!r} is not of the form YYYY-MM", value=text, where="month")
    return int(match.group(1)), int(match.group(2))


def run(args: argparse.Namespace) -> int:
    """Print the calendar."""
    from newsmodel.widgets.calendar import CalendarIndex, render_text

    corpus = load_corpus(args)
    as_of = parse_as_of(args, corpus.site)
    if args.month:
        year, month = parse_month(args.month)
    else:
        today = corpus.site.local_date(as_of)
        year, month = today.year, today.month
    cal = corpus.cached(CalendarIndex.build).month_calendar(
        year=year, month=month, as_of=as_of, week_start=args.week_start
    )
    if args.json:
        from newsmodel.serialize import dumps

        print(dumps(cal))
    elif args.html:
        from newsmodel.views.widgets_html import calendar_html

        print(calendar_html(cal, corpus.site, hide_when_empty=False))
    else:
        print(render_text(cal, locale=corpus.site.locale))
    return 0
