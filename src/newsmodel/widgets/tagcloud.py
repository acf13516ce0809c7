"""The tag cloud: the top N tags by visible-post count, shown in name order with sizes.

Tags are chosen by count, most used first, ties broken by name (natural, case-insensitive order,
then the exact name, then the tag id), and shown in natural case-insensitive name order ("Item2"
before "item10").  Each tag gets a font ``size`` between ``smallest`` and ``largest`` and a
``weight`` from 0 to 1:

- ``scale="wordpress"`` is WordPress's formula: each count becomes
  ``round(log10(count + 1) * 100)`` and sizes are linear in that between the smallest and the
  largest of the shown tags;
- ``scale="linear"`` is linear in the counts themselves.

When every shown tag has the same count, every tag gets the smallest size (weight 0).  Tags
without visible posts are left out.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.model import Article, Tag
>>> tags = [Tag(id="1", slug="law", name="law"), Tag(id="2", slug="ielts", name="ielts")]
>>> t = datetime(2025, 1, 1, tzinfo=timezone.utc)
>>> posts = [Article(id=str(i), slug=f"p{i}", title="T", published=t, tag_ids=("2",) if i else ("1", "2"))
...          for i in range(35)]
>>> cloud = tag_cloud(posts, tags, as_of=t)
>>> [(e.name, e.count, e.size_text) for e in cloud.entries]
[('ielts', 35, '22'), ('law', 1, '8')]
"""

from __future__ import annotations

import bisect
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

import attrs

from newsmodel.values._validate import INTEGER, NUMBER, OPTIONAL_STRING, STRING, as_tuple, tuple_of
from newsmodel.values.display import HtmlDisplay
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import Article, Tag
from newsmodel.values.slugs import SLUG_JSON_SCHEMA
from newsmodel.values.timeline import check_as_of
from newsmodel.widgets.partials import TagCounts

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

__all__ = [
    "TagCloud",
    "TagCloudEntry",
    "TagCloudIndex",
    "natural_key",
    "php_float",
    "tag_cloud",
    "tag_cloud_of",
]

Scale = Literal["wordpress", "linear"]
_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[str | int, ...]:
    """A sort key for natural, case-insensitive order: "Item2" < "item9" < "item10".

    >>> sorted(["item10", "Item2", "item9", "apple"], key=natural_key)
    ['apple', 'Item2', 'item9', 'item10']
    """
    parts = _DIGITS.split(name.casefold())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def php_float(value: float) -> str:
    """``value`` as PHP prints a float (14 significant digits): how WordPress writes font sizes.

    >>> php_float(15.222222222222221), php_float(8.0), php_float(0.9882352941176471)
    ('15.222222222222', '8', '0.98823529411765')
    """
    text = f"{value:.14G}"
    if "E" in text:
        mantissa, exponent = text.split("E")
        if "." not in mantissa:
            mantissa += ".0"
        text = f"{mantissa}E{int(exponent):+d}"
    return text


@attrs.frozen(kw_only=True)
class TagCloudEntry:
    """One tag of the cloud: its id, slug, name, count, font size and weight (0 … 1).

    ``url`` is the tag archive's address when the cloud was made for a site (a page's cloud
    always has it, see :mod:`newsmodel.widgets.sidebar`), else None.

    >>> TagCloudEntry(tag_id="1", slug="china", name="China", count=2148, size=22.0, weight=1.0).size_text
    '22'
    """

    tag_id: str = attrs.field(validator=STRING)
    slug: str = attrs.field(validator=STRING, metadata={"json_schema": SLUG_JSON_SCHEMA})
    name: str = attrs.field(validator=STRING)
    count: int = attrs.field(validator=INTEGER)
    size: float = attrs.field(validator=NUMBER)
    weight: float = attrs.field(validator=NUMBER)
    url: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)

    @property
    def size_text(self) -> str:
        """The size as WordPress prints it in ``style="font-size: …"`` (PHP float format)."""
        return php_float(self.size)


@attrs.frozen(kw_only=True)
class TagCloud(HtmlDisplay):
    """A tag cloud: ``entries`` in display order, with the size settings that produced them."""

    entries: tuple[TagCloudEntry, ...] = attrs.field(
        converter=as_tuple, validator=tuple_of(TagCloudEntry, "a TagCloudEntry")
    )
    scale: str = attrs.field(default="wordpress", validator=STRING)
    smallest: float = attrs.field(default=8, validator=NUMBER)
    largest: float = attrs.field(default=22, validator=NUMBER)
    unit: str = attrs.field(default="pt", validator=STRING)

    def __len__(self) -> int:
        """The number of tags shown."""
        return len(self.entries)


def _check_args(number: int, scale: str, smallest: float, largest: float, unit: str, order: str) -> None:
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise InvalidValue(f"tag cloud: number {number!r} is not an integer >= 0", value=number, where="number")
    if scale not in ("wordpress", "linear"):
        raise InvalidValue(f"tag cloud: scale {scale!r} is not 'wordpress' or 'linear'", value=scale, where="scale")
    for name, value in (("smallest", smallest), ("largest", largest)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InvalidValue(f"tag cloud: {name} {value!r} is not a finite number", value=value, where=name)
    if not isinstance(unit, str) or not re.fullmatch(r"[a-z%]*", unit):
        raise InvalidValue(f"tag cloud: unit {unit!r} is not a CSS unit", value=unit, where="unit")
    if order not in ("name", "count"):
        raise InvalidValue(f"tag cloud: order {order!r} is not 'name' or 'count'", value=order, where="order")


def _rank_key(tag: Tag, count: int) -> tuple[int, tuple[str | int, ...], str, str]:
    return (-count, natural_key(tag.name), tag.name, tag.id)


def _name_key_of(tag: Tag) -> tuple[tuple[str | int, ...], str, str]:
    return (natural_key(tag.name), tag.name, tag.id)


def _name_key(entry: TagCloudEntry) -> tuple[tuple[str | int, ...], str, str]:
    return (natural_key(entry.name), entry.name, entry.tag_id)


def _make_cloud(
    chosen: Sequence[tuple[Tag, int]],
    *,
    scale: str,
    smallest: float,
    largest: float,
    unit: str,
    order: str,
) -> TagCloud:
    """Sizes and order for the chosen (tag, count) pairs, most used first."""
    if scale == "wordpress":
        # PHP rounds halves away from zero (Python to even): floor(x + 0.5) for x >= 0
        scaled = [math.floor(math.log10(count + 1) * 100 + 0.5) for _, count in chosen]
    else:
        scaled = [count for _, count in chosen]
    entries = []
    if chosen:
        low = min(scaled)
        spread = max(scaled) - low
        if spread <= 0:
            spread = 1
        font_spread = largest - smallest
        if font_spread < 0:
            font_spread = 1
        step = font_spread / spread
        for (tag, count), value in zip(chosen, scaled, strict=True):
            entries.append(
                TagCloudEntry(
                    tag_id=tag.id,
                    slug=tag.slug,
                    name=tag.name,
                    count=count,
                    size=smallest + (value - low) * step,
                    weight=(value - low) / spread,
                )
            )
    if order == "name":
        entries.sort(key=_name_key)
    return TagCloud(entries=tuple(entries), scale=scale, smallest=smallest, largest=largest, unit=unit)


def tag_cloud(
    articles: Iterable[Article],
    tags: Iterable[Tag],
    *,
    as_of: datetime,
    number: int = 45,
    scale: Scale = "wordpress",
    smallest: float = 8,
    largest: float = 22,
    unit: str = "pt",
    order: Literal["name", "count"] = "name",
) -> TagCloud:
    """The tag cloud of the articles visible as of ``as_of``.

    ``number`` tags are kept (0 keeps all), most used first with ties by name; they are shown
    in natural case-insensitive name order (``order="name"``) or most used first
    (``order="count"``).  Tag ids that ``tags`` does not have are ignored; an article that lists
    a tag twice counts once.
    """
    _check_args(number, scale, smallest, largest, unit, order)
    counts = TagCounts.from_articles(articles, as_of=as_of)
    return tag_cloud_of(
        counts, tags, number=number, scale=scale, smallest=smallest, largest=largest, unit=unit, order=order
    )


def cloud_from_counts(
    counts: Mapping[str, int],
    tags: Iterable[Tag],
    *,
    number: int = 45,
    scale: Scale = "wordpress",
    smallest: float = 8,
    largest: float = 22,
    unit: str = "pt",
    order: Literal["name", "count"] = "name",
) -> TagCloud:
    """The tag cloud of ``{tag id: count}`` (the end of a :class:`~newsmodel.widgets.partials.TagCounts`)."""
    _check_args(number, scale, smallest, largest, unit, order)
    ranked = sorted(((tag, counts[tag.id]) for tag in tags if counts.get(tag.id)), key=lambda tc: _rank_key(*tc))
    if number:
        ranked = ranked[:number]
    return _make_cloud(ranked, scale=scale, smallest=smallest, largest=largest, unit=unit, order=order)


class TagCloudIndex:
    """Answers :func:`tag_cloud` from an index built once per corpus, with identical answers.

    The index keeps the published articles in time order, for each tag the sorted positions of
    its articles in that order (so a tag's count as of any moment is one bisection), and at
    checkpoints (every ``step`` articles) the ``top`` best-ranked tags with their counts.  A query
    for ``as_of`` starts from the last checkpoint before it: counts only grow after it, so a tag
    outside that checkpoint's top can enter the answer only if one of the few articles since the
    checkpoint carries it.  The query's cost therefore depends on ``step`` and ``top``, not on the
    size of the corpus.  Asking for more than ``top`` tags (or all of them, ``number=0``) counts
    every tag by bisection instead.  The answers for recent ``as_of`` values are memoized.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.model import Article, Tag
    >>> tags = [Tag(id="a", slug="a", name="A"), Tag(id="b", slug="b", name="B")]
    >>> posts = [Article(id=str(d), slug=f"p{d}", title="T", tag_ids=("a",) if d < 3 else ("b",),
    ...                  published=datetime(2025, 1, d, tzinfo=timezone.utc)) for d in range(1, 6)]
    >>> index = TagCloudIndex.from_articles(posts, tags)
    >>> [(e.name, e.count) for e in index.tag_cloud(as_of=datetime(2025, 1, 3, tzinfo=timezone.utc)).entries]
    [('A', 2), ('B', 1)]
    """

    __slots__ = (
        "_by_name",
        "_checkpoints",
        "_memo",
        "_name_rank",
        "_offsets",
        "_positions",
        "_step",
        "_tag_idx",
        "_tag_lo",
        "_tags",
        "_times",
        "_top",
    )

    def __init__(self, articles: Iterable[Article], tags: Iterable[Tag], *, step: int = 32, top: int = 64) -> None:
        """Index the published articles; ``step`` articles between checkpoints, ``top`` tags kept at each."""
        self._tags: tuple[Tag, ...] = tuple(tags)
        self._step = max(1, step)
        self._top = max(1, top)
        position = {tag.id: i for i, tag in enumerate(self._tags)}
        by_name = sorted(range(len(self._tags)), key=lambda i: _name_key_of(self._tags[i]))
        self._by_name = array("l", by_name)
        self._name_rank = array("l", [0] * len(self._tags))
        for r, i in enumerate(by_name):
            self._name_rank[i] = r
        published = [a for a in articles if a.counts_from is not None]
        published.sort(key=attrgetter("published"))
        self._times: list[datetime] = [a.published for a in published]  # type: ignore[misc]
        get = position.get
        tag_idx: list[int] = []
        offsets = [0]
        per_tag: list[list[int]] = [[] for _ in self._tags]
        for p, article in enumerate(published):
            seen = {get(t, -1) for t in article.tag_ids}
            seen.discard(-1)
            tag_idx.extend(seen)
            offsets.append(len(tag_idx))
            for i in seen:
                per_tag[i].append(p)
        self._tag_idx = array("i", tag_idx)
        self._offsets = array("l", offsets)
        self._tag_lo = array("l", [0])
        self._positions = array("i")
        for plist in per_tag:
            self._positions.extend(plist)
            self._tag_lo.append(len(self._positions))
        # Checkpoint c holds the best ``top`` tags among the first c * step articles.  A rank is
        # encoded as one integer, name_rank - count * T, so sorting integers sorts by
        # (count descending, name); the tag is by_name[value % T].
        self._checkpoints: list[tuple[array[int], array[int], bool]] = []
        n_tags = max(1, len(self._tags))
        counts = [0] * len(self._tags)
        rank = self._name_rank
        best: list[int] = []
        complete = True
        touched: set[int] = set()
        n = len(published)
        for base in range(0, n + 1, self._step):
            values = sorted(rank[i] - counts[i] * n_tags for i in touched.union(best))
            complete = complete and len(values) <= self._top
            best = [by_name[v % n_tags] for v in values[: self._top]]
            self._checkpoints.append((array("i", best), array("l", [counts[i] for i in best]), complete))
            chunk = Counter(tag_idx[offsets[base] : offsets[min(base + self._step, n)]])
            for i, k in chunk.items():
                counts[i] += k
            touched = set(chunk)
        self._memo: dict[tuple[object, ...], TagCloud] = {}

    @classmethod
    def from_articles(cls, articles: Iterable[Article], tags: Iterable[Tag]) -> TagCloudIndex:
        """Index ``articles`` with their ``tags``."""
        return cls(articles, tags)

    @classmethod
    def build(cls, corpus: Corpus) -> TagCloudIndex:
        """Index a corpus; use as ``corpus.cached(TagCloudIndex.build)`` to build it once."""
        return cls(corpus.articles, corpus.tags)

    def _count(self, i: int, p: int) -> int:
        """How many of the first ``p`` articles (in time order) carry tag ``i``."""
        lo = self._tag_lo[i]
        return bisect.bisect_left(self._positions, p, lo, self._tag_lo[i + 1]) - lo

    def _all_ranked(self, p: int, number: int) -> list[tuple[Tag, int]]:
        rank = self._name_rank
        counted = [(i, self._count(i, p)) for i in range(len(self._tags))]
        ranked = sorted(((i, c) for i, c in counted if c), key=lambda ic: (-ic[1], rank[ic[0]]))
        if number:
            ranked = ranked[:number]
        return [(self._tags[i], c) for i, c in ranked]

    def _ranked(self, p: int, number: int) -> list[tuple[Tag, int]]:
        """The top ``number`` (0 = all) tags by count among the first ``p`` articles in time order."""
        c = p // self._step
        best, best_counts, complete = self._checkpoints[c]
        if number == 0 and not complete:
            return self._all_ranked(p, number)
        base = c * self._step
        touched = set(self._tag_idx[self._offsets[base] : self._offsets[p]])
        rank = self._name_rank
        n_tags = max(1, len(self._tags))
        values = [rank[i] - best_counts[j] * n_tags for j, i in enumerate(best) if i not in touched]
        values.extend(rank[i] - self._count(i, p) * n_tags for i in touched)
        values.sort()
        limit = rank[best[-1]] - best_counts[-1] * n_tags if best and not complete else None
        if number:
            if limit is not None and (len(values) < number or values[number - 1] > limit):
                return self._all_ranked(p, number)
            values = values[:number]
        by_name, tags = self._by_name, self._tags
        out = []
        for v in values:
            r = v % n_tags
            out.append((tags[by_name[r]], (r - v) // n_tags))
        return out

    def tag_cloud(
        self,
        *,
        as_of: datetime,
        number: int = 45,
        scale: Scale = "wordpress",
        smallest: float = 8,
        largest: float = 22,
        unit: str = "pt",
        order: Literal["name", "count"] = "name",
    ) -> TagCloud:
        """The same answer as :func:`tag_cloud` over the indexed articles and tags."""
        _check_args(number, scale, smallest, largest, unit, order)
        check_as_of(as_of)
        p = bisect.bisect_right(self._times, as_of)
        key = (p, number, scale, smallest, largest, unit, order)
        cloud = self._memo.get(key)
        if cloud is None:
            ranked = self._ranked(p, number)
            cloud = _make_cloud(ranked, scale=scale, smallest=smallest, largest=largest, unit=unit, order=order)
            if len(self._memo) >= 64:
                self._memo.pop(next(iter(self._memo)))
            self._memo[key] = cloud
        return cloud


def tag_cloud_of(
    counts: TagCounts,
    tags: Iterable[Tag],
    *,
    number: int = 45,
    scale: Literal["wordpress", "linear"] = "wordpress",
    smallest: float = 8,
    largest: float = 22,
    unit: str = "pt",
    order: Literal["name", "count"] = "name",
) -> TagCloud:
    """The tag cloud of a :class:`~newsmodel.widgets.partials.TagCounts`, as :func:`tag_cloud` gives it."""
    return cloud_from_counts(
        dict(counts.counts),
        tags,
        number=number,
        scale=scale,
        smallest=smallest,
        largest=largest,
        unit=unit,
        order=order,
    )
