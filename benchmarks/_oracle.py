"""An independent oracle for the date and tag widgets, fast enough for thousands of queries.

A scan of a million articles takes about a second, so the plain scan functions can answer only a
few queries of a benchmark at full size.  This oracle shares no code with the indexes or with
the scan functions: once, it puts the posts that count once their date has come (published or
scheduled; pages and other kinds never count, as WordPress's archives count only posts) in time
order as numpy arrays (the instant in microseconds, the site-local day as an ordinal, the tag
numbers); then
the day counts or tag counts as of any moment are one ``searchsorted`` and one ``bincount``
(a few milliseconds at a million articles).  Each check compares everything in an answer that
the counts decide: every period's, day's and tag's count, the totals, which periods, days and
tags are present, the previous and next months.  Labels, URLs and sizes are left to the true
scans, which the benchmarks still run on their first queries.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any

import numpy as np

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _counted(article: Any) -> bool:
    """Whether ``article`` counts from its date: a post, published or scheduled, with a date."""
    return (
        article.kind == "post" and article.status.value in ("published", "scheduled") and article.published is not None
    )


def _micros(when: datetime) -> int:
    delta = when - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class CountOracle:
    """Day and tag counts of the published articles as of any moment."""

    def __init__(self, articles: Iterable[Any], zone: Any, tag_ids: Sequence[str]) -> None:
        rows = [
            (_micros(a.published), a.published.astimezone(zone).date().toordinal(), a.tag_ids)
            for a in articles
            if _counted(a)
        ]
        rows.sort(key=lambda r: r[0])
        self.instants = np.array([r[0] for r in rows], dtype=np.int64)
        days = np.array([r[1] for r in rows], dtype=np.int64)
        self.first_day = int(days.min()) if len(days) else 0
        self.days = days - self.first_day
        self.span = int(self.days.max()) + 1 if len(days) else 1
        self.tag_number = {t: i for i, t in enumerate(tag_ids)}
        flat: list[int] = []
        ends = [0]
        for _, _, ids in rows:
            flat.extend(sorted({self.tag_number[t] for t in ids if t in self.tag_number}))
            ends.append(len(flat))
        self.tags = np.array(flat, dtype=np.int64)
        self.tag_ends = np.array(ends, dtype=np.int64)

    def _cut(self, as_of: datetime) -> int:
        return int(np.searchsorted(self.instants, _micros(as_of), side="right"))

    def day_counts(self, as_of: datetime) -> np.ndarray:
        """Visible articles per site-local day (index: ordinal - ``first_day``) as of ``as_of``."""
        return np.bincount(self.days[: self._cut(as_of)], minlength=self.span)

    def tag_counts(self, as_of: datetime) -> np.ndarray:
        """Visible articles per tag number as of ``as_of`` (a tag listed twice counts once)."""
        end = int(self.tag_ends[self._cut(as_of)])
        return np.bincount(self.tags[:end], minlength=len(self.tag_number))

    def _index(self, day: date) -> int:
        return day.toordinal() - self.first_day

    def _sum(self, cum: np.ndarray, start: date, end: date) -> int:
        lo = min(max(self._index(start), 0), self.span)
        hi = min(max(self._index(end) + 1, 0), self.span)
        return int(cum[hi] - cum[lo]) if hi > lo else 0

    def check_archives(self, answer: Sequence[Any], *, as_of: datetime, period: str, limit: int | None) -> list[str]:
        """What is wrong with an archives answer (newest first); empty when it agrees."""
        counts = self.day_counts(as_of)
        cum = np.concatenate(([0], np.cumsum(counts)))
        total = int(cum[-1])
        problems: list[str] = []
        previous_start: date | None = None
        listed = 0
        for p in answer:
            if period == "monthly":
                shape = p.start.day == 1 and p.end.day == calendar.monthrange(p.start.year, p.start.month)[1]
                shape = shape and (p.start.year, p.start.month) == (p.end.year, p.end.month)
            elif period == "weekly":
                shape = p.end - p.start == timedelta(days=6)
            else:
                shape = p.start == p.end
            if not shape:
                problems.append(f"period {p.start}..{p.end} is not {period}")
            if previous_start is not None and p.end >= previous_start:
                problems.append(f"period {p.start}..{p.end} is not older than the one before it")
            previous_start = p.start
            want = self._sum(cum, p.start, p.end)
            if p.count != want or want == 0:
                problems.append(f"period {p.start}..{p.end}: count {p.count}, oracle {want}")
            listed += p.count
        if limit is not None and len(answer) > limit:
            problems.append(f"{len(answer)} periods for limit {limit}")
        if limit is None or len(answer) < limit:
            if listed != total:
                problems.append(f"periods hold {listed} articles, oracle {total}")
        elif answer and listed != total - self._sum(cum, date.min, answer[-1].start - timedelta(days=1)):
            problems.append("a period with articles newer than the oldest listed one is missing")
        return problems

    def check_calendar(self, answer: Any, *, as_of: datetime, year: int, month: int) -> list[str]:
        """What is wrong with a month calendar; empty when it agrees."""
        counts = self.day_counts(as_of)
        cum = np.concatenate(([0], np.cumsum(counts)))
        problems: list[str] = []
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        cells = [c for week in answer.weeks for c in week if c is not None]
        if [c.day for c in cells] != [first + timedelta(days=i) for i in range(last.day)]:
            problems.append("the cells are not the days of the month in order")
        for c in cells:
            want = self._sum(cum, c.day, c.day)
            if c.count != want:
                problems.append(f"day {c.day}: count {c.count}, oracle {want}")
        if answer.total != self._sum(cum, first, last):
            problems.append(f"total {answer.total}, oracle {self._sum(cum, first, last)}")
        nonzero = np.flatnonzero(counts)
        before = nonzero[nonzero < self._index(first)]
        after = nonzero[nonzero > self._index(last)]
        want_prev = None if not len(before) else date.fromordinal(int(before[-1]) + self.first_day).replace(day=1)
        want_next = None if not len(after) else date.fromordinal(int(after[0]) + self.first_day).replace(day=1)
        if answer.previous != want_prev:
            problems.append(f"previous {answer.previous}, oracle {want_prev}")
        if answer.next != want_next:
            problems.append(f"next {answer.next}, oracle {want_next}")
        return problems

    def check_tag_cloud(self, answer: Sequence[Any], *, as_of: datetime, number: int) -> list[str]:
        """What is wrong with a tag cloud keeping ``number`` tags; empty when it agrees."""
        counts = self.tag_counts(as_of)
        problems: list[str] = []
        chosen = set()
        for e in answer:
            i = self.tag_number.get(e.tag_id)
            want = -1 if i is None else int(counts[i])
            if e.count != want:
                problems.append(f"tag {e.tag_id!r}: count {e.count}, oracle {want}")
            if i is not None:
                chosen.add(i)
        used = int(np.count_nonzero(counts))
        if len(chosen) != len(answer) or len(answer) != (min(number, used) if number else used):
            problems.append(f"{len(answer)} tags, oracle {min(number, used) if number else used}")
        rest = [int(c) for i, c in enumerate(counts) if i not in chosen and c]
        if chosen and rest and max(rest) > min(int(counts[i]) for i in chosen):
            problems.append("a tag used more often than a chosen one is left out")
        return problems


class CategoryOracle:
    """Category counts of the published articles as of any moment: filed directly in a category,
    and filed anywhere in its subtree (each article once), for checking category trees.

    Once, each article's categories and the union of their ancestors (the category included) are
    listed in time order; the counts as of a moment are then one ``searchsorted`` and two
    ``bincount`` calls.  No code is shared with ``newsmodel.widgets.taxonomy``.
    """

    def __init__(self, articles: Iterable[Any], categories: dict[str, Any]) -> None:
        self.categories = categories
        self.number = {c: i for i, c in enumerate(categories)}
        ancestors: dict[str, set[int]] = {}
        for cid in categories:
            seen: set[int] = set()
            at: str | None = cid
            while at is not None and at in categories and self.number[at] not in seen:
                seen.add(self.number[at])
                at = categories[at].parent_id
            ancestors[cid] = seen
        rows = sorted((_micros(a.published), a.category_ids) for a in articles if _counted(a))
        self.instants = np.array([r[0] for r in rows], dtype=np.int64)
        direct: list[int] = []
        below: list[int] = []
        direct_ends = [0]
        below_ends = [0]
        for _, ids in rows:
            known = {c for c in ids if c in categories}
            direct.extend(self.number[c] for c in known)
            below.extend(set().union(*(ancestors[c] for c in known)) if known else ())
            direct_ends.append(len(direct))
            below_ends.append(len(below))
        self.direct = np.array(direct, dtype=np.int64)
        self.below = np.array(below, dtype=np.int64)
        self.direct_ends = np.array(direct_ends, dtype=np.int64)
        self.below_ends = np.array(below_ends, dtype=np.int64)

    def check_tree(self, roots: Sequence[Any], *, as_of: datetime) -> list[str]:
        """What is wrong with a whole category tree (every category, direct and subtree counts)."""
        k = int(np.searchsorted(self.instants, _micros(as_of), side="right"))
        size = len(self.number)
        direct = np.bincount(self.direct[: int(self.direct_ends[k])], minlength=size)
        total = np.bincount(self.below[: int(self.below_ends[k])], minlength=size)
        problems: list[str] = []
        seen: list[str] = []
        stack = [(node, None, 0) for node in roots]
        while stack:
            node, parent, depth = stack.pop()
            cid = node.category.id
            seen.append(cid)
            i = self.number.get(cid)
            if i is None:
                problems.append(f"unknown category {cid!r}")
                continue
            if node.category.parent_id != parent and parent is not None:
                problems.append(f"{cid!r} under {parent!r}, its parent is {node.category.parent_id!r}")
            if node.depth != depth:
                problems.append(f"{cid!r}: depth {node.depth}, expected {depth}")
            if (node.count, node.total) != (int(direct[i]), int(total[i])):
                problems.append(f"{cid!r}: counts {(node.count, node.total)}, oracle {(int(direct[i]), int(total[i]))}")
            stack.extend((child, cid, depth + 1) for child in node.children)
        if sorted(seen) != sorted(self.number):
            problems.append(f"the tree holds {len(seen)} categories (distinct {len(set(seen))}), oracle {size}")
        return problems
