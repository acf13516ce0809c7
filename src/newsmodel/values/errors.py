"""The error hierarchy of newsmodel.

Every error raised on purpose by newsmodel derives from :class:`NewsModelError` and from the
builtin exception that fits it, so callers can catch either.  Each error carries the offending
value and says where it was found.

>>> from newsmodel.values.errors import InvalidSlug, NewsModelError
>>> issubclass(InvalidSlug, ValueError) and issubclass(InvalidSlug, NewsModelError)
True
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ArticleCycle",
    "CategoryCycle",
    "CorpusError",
    "DanglingReference",
    "DuplicateId",
    "DuplicateSlug",
    "FormatError",
    "InvalidArticle",
    "InvalidDatetime",
    "InvalidLocale",
    "InvalidMenu",
    "InvalidPermalink",
    "InvalidQuery",
    "InvalidRelatedConfig",
    "InvalidSite",
    "InvalidSlug",
    "InvalidUrl",
    "InvalidValue",
    "MissingDependency",
    "NewsModelError",
    "SearchIndexError",
    "SerializationError",
    "SourceError",
    "UnknownId",
    "UnsafeXml",
    "WordPressApiError",
    "WxrError",
]


class NewsModelError(Exception):
    """Root of every error newsmodel raises on purpose."""


class InvalidValue(NewsModelError, ValueError):
    """A value that breaks an invariant of a domain type.

    ``value`` is the offending value, ``where`` names the field or place.
    """

    def __init__(self, message: str, *, value: Any = None, where: str | None = None) -> None:
        super().__init__(message)
        self.value = value
        self.where = where


class InvalidDatetime(InvalidValue):
    """A naive datetime (or one otherwise unusable) where an aware one is required."""


class InvalidSlug(InvalidValue):
    """A slug that is empty, too long or not of the shape ``[a-z0-9-]``."""


class InvalidSite(InvalidValue):
    """A :class:`~newsmodel.values.model.Site` setting that cannot work (unknown timezone, bad week start)."""


class InvalidArticle(InvalidValue):
    """An article whose fields contradict each other."""


class InvalidMenu(InvalidValue):
    """A navigation menu whose items contradict each other (an id twice, a parent it does not have,
    a cycle of parents)."""


class InvalidUrl(InvalidValue):
    """A URL that must not reach an ``href`` or ``src``: a ``javascript:``, ``data:`` or other scheme
    outside the allow-list of :mod:`newsmodel.values.safeurl`, in any spelling."""


class CorpusError(NewsModelError, ValueError):
    """A corpus that fails an integrity check; ``culprit`` names the entity at fault."""

    def __init__(self, message: str, *, culprit: Any = None) -> None:
        super().__init__(message)
        self.culprit = culprit


class DuplicateId(CorpusError):
    """Two entities of one kind share an id."""


class DuplicateSlug(CorpusError):
    """Two entities share a slug within the scope where slugs must be unique."""


class DanglingReference(CorpusError, LookupError):
    """An entity refers by id to an entity the corpus does not have."""


class CategoryCycle(CorpusError):
    """A category is its own ancestor."""


class ArticleCycle(CorpusError):
    """An article (a page) is its own ancestor through ``parent_id``."""


class SerializationError(NewsModelError, ValueError):
    """Input that cannot be read into newsmodel types.

    ``line`` is the 1-based line of a JSON Lines file (or None), ``path`` the field path.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        path: str | None = None,
        value: Any = None,
    ) -> None:
        super().__init__(message)
        self.line = line
        self.path = path
        self.value = value


class FormatError(SerializationError):
    """A file that is not in the format it claims (bad header, wrong schema version, truncated)."""


class SourceError(NewsModelError, ValueError):
    """A source (WXR, REST dump, feed) that cannot be imported; names file and place."""

    def __init__(self, message: str, *, source: str | None = None, place: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.place = place


class UnknownId(InvalidValue, LookupError):
    """A lookup for an id or slug the corpus does not have."""


class InvalidPermalink(InvalidValue):
    """A permalink pattern with an unknown token, or a token the entity has no value for."""


class InvalidLocale(InvalidValue):
    """A locale name that cannot be resolved (unknown to Babel's CLDR data, or malformed)."""


class InvalidRelatedConfig(InvalidValue):
    """A related-articles setting that cannot work (a negative or NaN weight, all weights zero, k < 0)."""


class WxrError(SourceError):
    """A WordPress export (WXR) that cannot be read: not well-formed, truncated, not WXR at all."""


class UnsafeXml(SourceError):
    """XML that declares entities or references external ones: refused, nothing expanded or fetched."""


class WordPressApiError(SourceError):
    """A WordPress REST API source that cannot be read: an HTTP failure, or HTML where JSON was expected."""


class MissingDependency(NewsModelError, ImportError):
    """An optional dependency a feature needs is not installed; the message says what to install."""


class InvalidQuery(InvalidValue):
    """A search query that cannot be searched: no words in it, or more words or characters than
    :mod:`newsmodel.search.query` allows.  ``value`` is the query text."""


class SearchIndexError(NewsModelError, ValueError):
    """A file that is not a search index of this version, or an index that does not fit its corpus.

    ``path`` names the file; ``version`` is the file's schema version when it is a newsmodel
    search index of another version than this newsmodel reads (else None).
    """

    def __init__(self, message: str, *, path: str | None = None, version: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.version = version
