"""Full-text search over a corpus: BM25 ranking, phrases and prefixes, filters, marked snippets.

The modules, from the pure core up to the one adapter:

- :mod:`newsmodel.search.text`: what the index and the query see of a text (CJK characters one
  token each);
- :mod:`newsmodel.search.query`: user text parsed into terms (:func:`parse_query`), never raw
  FTS5 syntax;
- :mod:`newsmodel.search.document`: what is indexed of an article (:class:`SearchDocument`) and
  which articles are (:func:`is_searchable`);
- :mod:`newsmodel.search.results`: the values a search returns (:class:`SearchResults`);
- :mod:`newsmodel.search.index`: :class:`SearchIndex`, SQLite FTS5 in a file or in memory, the
  only module here that does I/O.

Names are loaded on first use, so importing the values does not load :mod:`sqlite3`.

>>> from newsmodel.sample import SEED_AS_OF, generate
>>> from newsmodel.search import SearchIndex
>>> with SearchIndex.build(generate(articles=200)) as index:
...     results = index.search("trump kim", as_of=SEED_AS_OF)
>>> results.hits[0].title.text
'Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsmodel.values._lazy import load_lazily

if TYPE_CHECKING:
    from newsmodel.search.document import SearchDocument, is_searchable, search_document, search_documents
    from newsmodel.search.index import IndexUpdate, SearchIndex
    from newsmodel.search.query import Query, QueryTerm, parse_query
    from newsmodel.search.results import MarkedPart, MarkedText, SearchFilters, SearchHit, SearchResults

#: Where each re-exported name lives.
_LOCATIONS: dict[str, str] = {
    "IndexUpdate": "newsmodel.search.index",
    "MarkedPart": "newsmodel.search.results",
    "MarkedText": "newsmodel.search.results",
    "Query": "newsmodel.search.query",
    "QueryTerm": "newsmodel.search.query",
    "SearchDocument": "newsmodel.search.document",
    "SearchFilters": "newsmodel.search.results",
    "SearchHit": "newsmodel.search.results",
    "SearchIndex": "newsmodel.search.index",
    "SearchResults": "newsmodel.search.results",
    "is_searchable": "newsmodel.search.document",
    "parse_query": "newsmodel.search.query",
    "search_document": "newsmodel.search.document",
    "search_documents": "newsmodel.search.document",
}

__all__ = [
    "IndexUpdate",
    "MarkedPart",
    "MarkedText",
    "Query",
    "QueryTerm",
    "SearchDocument",
    "SearchFilters",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "is_searchable",
    "parse_query",
    "search_document",
    "search_documents",
]


def __getattr__(name: str) -> Any:
    return load_lazily(globals(), _LOCATIONS, name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
