"""Time as the widgets see it: which articles count, their instants as integers, ``as_of`` checks.

Every widget, index and listing asks the same question of an article: does it count, and from
when?  :attr:`Article.counts_from <newsmodel.values.model.Article.counts_from>` answers it (a post,
published or scheduled, with a date: the instant it counts from; never a page or another kind),
:meth:`Article.is_visible
<newsmodel.values.model.Article.is_visible>` adds the ``as_of`` cut.  This module sits below the widget
modules and gives them the rest: :func:`check_as_of`, the integer :func:`time_key` and the
:class:`Timeline` of a corpus, sorted once and shared by the taxonomy, navigation and related
indexes.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.model import Article
>>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
>>> posts = [Article(id="2", slug="b", title="B", published=t),
...          Article(id="1", slug="a", title="A", published=t),
...          Article(id="3", slug="c", title="C", status="draft")]
>>> [a.id for a in Timeline(posts).articles]
['1', '2']
>>> counts(posts[2], t), counts(posts[0], t)
(False, True)
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from newsmodel.values.errors import InvalidDatetime
from newsmodel.values.model import Article

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

__all__ = ["Timeline", "check_as_of", "counts", "published_timeline", "time_key"]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_US = timedelta(microseconds=1)


def counts(article: Article, as_of: datetime) -> bool:
    """True when ``article`` counts as of ``as_of``: :meth:`Article.is_visible
    <newsmodel.values.model.Article.is_visible>`, the one rule every widget, feed and partial uses.

    >>> from newsmodel.values.model import Article
    >>> t = datetime(2025, 1, 1, tzinfo=timezone.utc)
    >>> counts(Article(id="1", slug="a", title="A", published=t), t - _US)
    False
    """
    return article.is_visible(as_of)


def time_key(when: datetime) -> int:
    """Microseconds since the Unix epoch of an aware datetime: an exact integer sort key.

    >>> time_key(datetime(1970, 1, 1, 0, 0, 1, tzinfo=timezone.utc))
    1000000
    """
    return (when - _EPOCH) // _US


def check_as_of(as_of: datetime) -> datetime:
    """``as_of`` itself, or :class:`~newsmodel.values.errors.InvalidDatetime` when it is not aware.

    >>> check_as_of(datetime(2025, 1, 1))
    Traceback (most recent call last):
    ...
    newsmodel.values.errors.InvalidDatetime: as_of: expected an aware datetime, got datetime.datetime(2025, 1, 1, 0, 0)
    """
    if not isinstance(as_of, datetime) or as_of.tzinfo is None or as_of.utcoffset() is None:
        raise InvalidDatetime(f"as_of: expected an aware datetime, got {as_of!r}", value=as_of, where="as_of")
    return as_of


class Timeline:
    """The articles that count (:attr:`~newsmodel.values.model.Article.counts_from` is set) in
    ``(published, id)`` order with their instants as integer microseconds: ``times[i]`` is
    ``time_key(articles[i].published)``.

    Built once per corpus by :func:`published_timeline` and shared by the taxonomy, navigation and
    related indexes, so the articles are sorted once.
    """

    __slots__ = ("articles", "times")

    def __init__(self, articles: Iterable[Article]) -> None:
        counted = [(a, when) for a in articles if (when := a.counts_from) is not None]
        keys = [time_key(when) for _, when in counted]
        # Sort positions by instant (integers sort fast), then order each run of equal instants by id.
        order = sorted(range(len(keys)), key=keys.__getitem__)
        sorted_keys = [keys[i] for i in order]
        p = 1
        n = len(order)
        while p < n:
            if sorted_keys[p] != sorted_keys[p - 1]:
                p += 1
                continue
            start = p - 1
            while p < n and sorted_keys[p] == sorted_keys[start]:
                p += 1
            order[start:p] = sorted(order[start:p], key=lambda i: counted[i][0].id)
        self.times = array("q", sorted_keys)
        self.articles: list[Article] = [counted[i][0] for i in order]


def published_timeline(corpus: Corpus) -> Timeline:
    """The :class:`Timeline` of a corpus; use as ``corpus.cached(published_timeline)``."""
    return Timeline(corpus.articles)
