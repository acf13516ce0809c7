"""What a search returns, as values: :class:`SearchResults` of :class:`SearchHit` with
:class:`MarkedText` (the matched words marked), and the :class:`SearchFilters` asked for.

These values are the whole interface of a search-results page: a view renders them (a
``<mark>`` around each marked part, a link per hit through the corpus and the URL rules) without
knowing where they came from.

>>> from datetime import datetime, timezone
>>> hit = SearchHit(article_id="7", score=3.5, published=datetime(2025, 12, 16, tzinfo=timezone.utc),
...                 title=MarkedText.from_markers("Trump-\\x02Kim\\x03 summit"), snippet=MarkedText())
>>> [(p.text, p.marked) for p in hit.title.parts]
[('Trump-', False), ('Kim', True), (' summit', False)]
>>> hit.title.text
'Trump-Kim summit'
>>> SearchResults(query="kim", hits=(hit,), total=11, page=1, per_page=10).pages
2
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from newsmodel.values._validate import (
    BOOLEAN,
    INTEGER,
    NUMBER,
    OPTIONAL_STRING,
    STRING,
    as_tuple,
    instance_of,
    tuple_of,
)
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import check_datetime

__all__ = ["MARK_END", "MARK_START", "MarkedPart", "MarkedText", "SearchFilters", "SearchHit", "SearchResults"]

#: The characters the index puts around a matched word (control characters: never in indexed text).
MARK_START = "\x02"
MARK_END = "\x03"


def _optional_instant(instance: Any, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    if value is not None:
        check_datetime(value, attribute.name, owner=type(instance).__name__)


def _instant(instance: Any, attribute: attrs.Attribute[Any], value: datetime) -> None:
    check_datetime(value, attribute.name, owner=type(instance).__name__)


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: expected a whole number of at least 1, got {value!r}",
            value=value,
            where=attribute.name,
        )


@attrs.frozen(kw_only=True)
class MarkedPart:
    """A run of text, ``marked`` when it is a word (or phrase) the query matched."""

    text: str = attrs.field(validator=STRING)
    marked: bool = attrs.field(default=False, validator=BOOLEAN)


@attrs.frozen(kw_only=True)
class MarkedText:
    """A text in parts, the matched words marked; ``…`` where a snippet cuts the text.

    >>> MarkedText.from_markers("\\x02Seoul\\x03 talks").parts[0]
    MarkedPart(text='Seoul', marked=True)
    """

    parts: tuple[MarkedPart, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(MarkedPart, "a MarkedPart")
    )

    @property
    def text(self) -> str:
        """The plain text, marks left out."""
        return "".join(p.text for p in self.parts)

    @classmethod
    def from_markers(cls, text: str) -> MarkedText:
        """Parts of a text with :data:`MARK_START` … :data:`MARK_END` around matched words."""
        parts: list[MarkedPart] = []
        for i, chunk in enumerate(text.split(MARK_START)):
            inside, _, after = chunk.partition(MARK_END) if i else ("", "", chunk)
            if inside:
                parts.append(MarkedPart(text=inside, marked=True))
            if after:
                parts.append(MarkedPart(text=after))
        return cls(parts=tuple(parts))


@attrs.frozen(kw_only=True)
class SearchFilters:
    """What a search is narrowed to.  ``category_id`` includes the category's descendants;
    ``since`` <= published < ``until`` (either may be None); every filter given must hold.

    >>> SearchFilters(category_id="asia").is_empty
    False
    """

    category_id: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    tag_id: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    author_id: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    since: datetime | None = attrs.field(default=None, validator=_optional_instant)
    until: datetime | None = attrs.field(default=None, validator=_optional_instant)

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return self == SearchFilters()


@attrs.frozen(kw_only=True)
class SearchHit:
    """One article found: its id, its score (BM25, higher is better), the instant it counts from
    (UTC), its title with the matched words marked and a snippet of its body with them marked."""

    article_id: str = attrs.field(validator=STRING)
    score: float = attrs.field(validator=NUMBER)
    published: datetime = attrs.field(validator=_instant)
    title: MarkedText = attrs.field(validator=instance_of(MarkedText, "a MarkedText"))
    snippet: MarkedText = attrs.field(validator=instance_of(MarkedText, "a MarkedText"))


@attrs.frozen(kw_only=True)
class SearchResults:
    """One page of results: ``hits`` best first (ties: newer first, then by id), ``total`` matches
    in all, ``page`` (from 1) of ``per_page`` hits, for ``query`` with ``filters`` as of ``as_of``."""

    query: str = attrs.field(validator=STRING)
    hits: tuple[SearchHit, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(SearchHit, "a SearchHit")
    )
    total: int = attrs.field(default=0, validator=INTEGER)
    page: int = attrs.field(default=1, validator=_positive)
    per_page: int = attrs.field(default=10, validator=_positive)
    filters: SearchFilters = attrs.field(factory=SearchFilters, validator=instance_of(SearchFilters, "a SearchFilters"))
    as_of: datetime | None = attrs.field(default=None, validator=_optional_instant)

    @property
    def pages(self) -> int:
        """How many pages the matches fill (0 when there are none)."""
        return -(-self.total // self.per_page)
