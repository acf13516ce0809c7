"""The search index: SQLite's FTS5 through the standard library's :mod:`sqlite3`, in one file (or
in memory), no server.  This module is the adapter of :mod:`newsmodel.search`: the only one that
does I/O, and no core module imports it (``tests/test_imports.py`` checks it).

One FTS5 table holds a row per searchable article (:mod:`newsmodel.search.document`) with the
columns ``title``, ``body``, ``tags``, ``categories``, ``authors`` and ``facets``, tokenized by
``unicode61 remove_diacritics 2`` over :func:`~newsmodel.search.text.index_text` (CJK characters
one token each).  ``facets`` holds one token per category (with ancestors), tag and author id:
a filter is one more phrase of the FTS5 expression, restricted to that column, so the full-text
index does the intersection.  A table ``docs`` keeps per article its id, the instant it counts
from (:func:`~newsmodel.timeline.time_key`) and the SHA-256 of its document, so that
:meth:`SearchIndex.update` indexes again only what changed.

Ranking is FTS5's ``bm25()`` (k1 = 1.2, b = 0.75, fixed in SQLite) with the column weights
:data:`COLUMN_WEIGHTS` (``facets`` weighs 0: a filter never changes a score); ties go to the newer
article, then to the smaller id.  Titles are marked by ``highlight()``, body snippets cut by
``snippet()``.

>>> from datetime import datetime, timezone
>>> from newsmodel.sample import SEED_AS_OF, generate
>>> index = SearchIndex.build(generate(articles=300))
>>> results = index.search('"trump-kim summit"', as_of=SEED_AS_OF)
>>> results.total, results.hits[0].title.text
(1, 'Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines')
>>> [p.text for p in results.hits[0].title.parts if p.marked]
['Trump-Kim Summit']
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from types import TracebackType
from typing import Literal

import attrs

from newsmodel._validate import INTEGER
from newsmodel.corpus import Corpus
from newsmodel.errors import InvalidValue, SearchIndexError, UnknownId
from newsmodel.search.document import SearchDocument, search_documents
from newsmodel.search.query import Query, parse_query
from newsmodel.search.results import MARK_END, MARK_START, MarkedText, SearchFilters, SearchHit, SearchResults
from newsmodel.search.text import index_text, shown_text
from newsmodel.timeline import check_as_of, time_key

__all__ = ["COLUMN_WEIGHTS", "MAX_PER_PAGE", "SNIPPET_TOKENS", "IndexUpdate", "SearchIndex"]

#: The ``bm25()`` weight of each searched column: a word in the title counts five times one in
#: the body, as WordPress ranks title matches first (``WP_Query::parse_search_order``).
COLUMN_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("title", 5.0),
    ("body", 1.0),
    ("tags", 3.0),
    ("categories", 2.0),
    ("authors", 2.0),
)
#: The most hits one page may ask for.
MAX_PER_PAGE = 100
#: How many words a body snippet shows around the matches (FTS5 allows at most 64).
SNIPPET_TOKENS = 24

#: The schema version of the file (``PRAGMA user_version``); another version is refused.
SCHEMA_VERSION = 1
#: ``PRAGMA application_id`` of a newsmodel search index ("NMSI").
APPLICATION_ID = 0x4E4D5349

_TEXT_COLUMNS = tuple(name for name, _ in COLUMN_WEIGHTS)
_BM25 = "bm25(fts, " + ", ".join(repr(w) for _, w in COLUMN_WEIGHTS) + ", 0.0)"
_IN_TEXT = "{" + " ".join(_TEXT_COLUMNS) + "}"
_FACET_KINDS = {"category": "c", "tag": "t", "author": "a"}
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_TOKENIZER = "unicode61 remove_diacritics 2"

_SCHEMA = f"""
CREATE TABLE docs (
    rowid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    published INTEGER NOT NULL,
    digest TEXT NOT NULL
);
CREATE VIRTUAL TABLE fts USING fts5(
    {", ".join(_TEXT_COLUMNS)}, facets, tokenize = '{_TOKENIZER}'
);
CREATE TABLE facets (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE TABLE notes (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""


@attrs.frozen(kw_only=True)
class IndexUpdate:
    """What :meth:`SearchIndex.update` did: articles added, changed (indexed again), removed and
    left as they were.

    >>> IndexUpdate(added=2, changed=0, removed=1, unchanged=5).total
    7
    """

    added: int = attrs.field(validator=INTEGER)
    changed: int = attrs.field(validator=INTEGER)
    removed: int = attrs.field(validator=INTEGER)
    unchanged: int = attrs.field(validator=INTEGER)

    @property
    def total(self) -> int:
        """How many articles the index holds after the update."""
        return self.added + self.changed + self.unchanged


def _facet_token(kind: str, item_id: str) -> str:
    """One token (letters and digits only) for a filter value: the kind's letter and the id in hex."""
    return _FACET_KINDS[kind] + item_id.encode("utf-8", "surrogatepass").hex()


def _facets(doc: SearchDocument) -> str:
    return " ".join(
        [_facet_token("category", c) for c in doc.category_ids]
        + [_facet_token("tag", t) for t in doc.tag_ids]
        + [_facet_token("author", a) for a in doc.author_ids]
    )


def _row(doc: SearchDocument) -> tuple[str, ...]:
    return (
        index_text(doc.title),
        index_text(doc.body),
        index_text(doc.tags),
        index_text(doc.categories),
        index_text(doc.authors),
        _facets(doc),
    )


def _instant(key: int) -> datetime:
    """The UTC datetime of a :func:`~newsmodel.timeline.time_key`."""
    return _EPOCH + timedelta(microseconds=key)


class SearchIndex:
    """A full-text index of a corpus's articles, in a SQLite file or in memory.

    Open one with :meth:`open` (an existing file) or :meth:`build` (make or bring up to date);
    query it with :meth:`search`.  Close it with :meth:`close` or a ``with`` block.
    """

    __slots__ = ("_db", "path")

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self._db = db
        self.path = path

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike[str] = ":memory:", *, create: bool = False) -> SearchIndex:
        """The index in the file at ``path``; with ``create``, an empty index where there is none.

        A file that is not a search index of this version raises
        :class:`~newsmodel.errors.SearchIndexError`; a missing file without ``create`` raises
        :class:`FileNotFoundError`.
        """
        name = os.fspath(path)
        memory = name == ":memory:"
        if not memory and not create and not os.path.exists(name):
            raise FileNotFoundError(f"no search index at {name!r}")
        try:
            db = sqlite3.connect(name, isolation_level=None)
        except sqlite3.Error as exc:
            raise SearchIndexError(f"search index {name!r}: {exc}", path=name) from None
        try:
            cls._check_or_create(db, name, create or memory)
        except BaseException:
            db.close()
            raise
        return cls(db, name)

    @staticmethod
    def _check_or_create(db: sqlite3.Connection, name: str, create: bool) -> None:
        try:
            app = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise SearchIndexError(f"{name!r} is not a search index ({exc})", path=name) from None
        if tables == 0 and app == 0 and create:
            try:
                db.executescript(_SCHEMA)
            except sqlite3.OperationalError as exc:  # a SQLite built without FTS5
                raise SearchIndexError(f"cannot make a search index at {name!r}: {exc}", path=name) from None
            return
        if app != APPLICATION_ID:
            raise SearchIndexError(f"{name!r} is not a newsmodel search index", path=name)
        if version != SCHEMA_VERSION:
            raise SearchIndexError(
                f"search index {name!r} has version {version}; this newsmodel reads version {SCHEMA_VERSION}"
                " (delete the file and index again)",
                path=name,
            )

    @classmethod
    def build(cls, corpus: Corpus, path: str | os.PathLike[str] = ":memory:") -> SearchIndex:
        """The index of ``corpus`` at ``path``: made when there is none, else brought up to date
        by :meth:`update` (only changed, added and removed articles are touched)."""
        index = cls.open(path, create=True)
        try:
            index.update(corpus)
        except BaseException:
            index.close()
            raise
        return index

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __len__(self) -> int:
        """How many articles the index holds."""
        count: int = self._db.execute("SELECT count(*) FROM docs").fetchone()[0]
        return count

    def __repr__(self) -> str:
        return f"<SearchIndex {self.path!r}: {len(self)} articles>"

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # ------------------------------------------------------------------ writing

    def update(self, corpus: Corpus) -> IndexUpdate:
        """Bring the index up to date with ``corpus``, in one transaction: index the articles that
        are new or whose document digest changed, delete those no longer in the corpus (or no
        longer searchable), keep the rest as they are.

        >>> from newsmodel.sample import generate
        >>> index = SearchIndex.build(generate(articles=20))
        >>> index.update(generate(articles=20))
        IndexUpdate(added=0, changed=0, removed=0, unchanged=20)
        """
        added = changed = unchanged = 0
        with self._transaction() as db:
            known = {
                aid: (rowid, digest) for rowid, aid, digest in db.execute("SELECT rowid, article_id, digest FROM docs")
            }
            for doc in search_documents(corpus):
                digest = doc.digest
                old = known.pop(doc.article_id, None)
                if old is None:
                    cur = db.execute(
                        "INSERT INTO docs (article_id, published, digest) VALUES (?, ?, ?)",
                        (doc.article_id, doc.published, digest),
                    )
                    db.execute(
                        "INSERT INTO fts (rowid, title, body, tags, categories, authors, facets)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (cur.lastrowid, *_row(doc)),
                    )
                    added += 1
                elif old[1] != digest:
                    db.execute(
                        "UPDATE docs SET published = ?, digest = ? WHERE rowid = ?", (doc.published, digest, old[0])
                    )
                    db.execute("DELETE FROM fts WHERE rowid = ?", (old[0],))
                    db.execute(
                        "INSERT INTO fts (rowid, title, body, tags, categories, authors, facets)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (old[0], *_row(doc)),
                    )
                    changed += 1
                else:
                    unchanged += 1
            for rowid, _ in known.values():
                db.execute("DELETE FROM docs WHERE rowid = ?", (rowid,))
                db.execute("DELETE FROM fts WHERE rowid = ?", (rowid,))
            db.execute("DELETE FROM facets")
            db.executemany(
                "INSERT INTO facets (kind, id, slug, name) VALUES (?, ?, ?, ?)",
                [
                    *(("category", c.id, c.slug, c.name) for c in corpus.categories),
                    *(("tag", t.id, t.slug, t.name) for t in corpus.tags),
                    *(("author", a.id, a.slug, a.name) for a in corpus.authors),
                ],
            )
            touched = added + changed + len(known)
            if touched and touched * 10 >= added + changed + unchanged:
                # A tenth or more rewritten: merge the index into one b-tree (faster queries);
                # smaller updates are left to FTS5's automatic merging.
                db.execute("INSERT INTO fts (fts) VALUES ('optimize')")
        return IndexUpdate(added=added, changed=changed, removed=len(known), unchanged=unchanged)

    def get_note(self, key: str) -> str | None:
        """A value kept with the index by :meth:`set_note` (the command line keeps its corpus
        file's size and time there), or None."""
        row = self._db.execute("SELECT value FROM notes WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_note(self, key: str, value: str) -> None:
        """Keep ``value`` under ``key`` with the index."""
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO notes (key, value) VALUES (?, ?)", (key, value))

    # ------------------------------------------------------------------ reading

    def facet_id(self, kind: Literal["category", "tag", "author"], key: str) -> str:
        """The id of the category, tag or author whose id or slug is ``key`` (ids first).

        A key that names nothing, or a category slug that several categories share, raises
        :class:`~newsmodel.errors.UnknownId`.
        """
        if kind not in _FACET_KINDS:
            raise InvalidValue(f"facet kind {kind!r}: expected one of {sorted(_FACET_KINDS)}", value=kind)
        db = self._db
        if db.execute("SELECT 1 FROM facets WHERE kind = ? AND id = ?", (kind, key)).fetchone():
            return key
        ids = [r[0] for r in db.execute("SELECT id FROM facets WHERE kind = ? AND slug = ? ORDER BY id", (kind, key))]
        if len(ids) == 1:
            return str(ids[0])
        if ids:
            raise UnknownId(f"{kind} slug {key!r} names {len(ids)} {kind}s (ids {ids}): give the id", value=key)
        raise UnknownId(f"no {kind} with the id or slug {key!r} in the search index", value=key, where=kind)

    def _check_filters(self, filters: SearchFilters) -> list[str]:
        tokens = []
        for kind, value in (("category", filters.category_id), ("tag", filters.tag_id), ("author", filters.author_id)):
            if value is None:
                continue
            if not self._db.execute("SELECT 1 FROM facets WHERE kind = ? AND id = ?", (kind, value)).fetchone():
                raise UnknownId(f"search filter {kind}_id: no {kind} {value!r} in the search index", value=value)
            tokens.append(f'facets : "{_facet_token(kind, value)}"')
        return tokens

    def search(
        self,
        query: str | Query,
        *,
        as_of: datetime,
        filters: SearchFilters | None = None,
        page: int = 1,
        per_page: int = 10,
    ) -> SearchResults:
        """One page of the articles that match ``query`` (user text, see
        :mod:`newsmodel.search.query`), visible as of ``as_of`` and kept by ``filters``, best first.

        Raises :class:`~newsmodel.errors.InvalidQuery` for a query that cannot be searched,
        :class:`~newsmodel.errors.UnknownId` for a filter naming nothing in the index,
        :class:`~newsmodel.errors.InvalidValue` for a page out of range.
        """
        parsed = query if isinstance(query, Query) else parse_query(query)
        check_as_of(as_of)
        filters = SearchFilters() if filters is None else filters
        if not isinstance(filters, SearchFilters):
            raise InvalidValue(f"search: filters must be a SearchFilters, got {filters!r}", value=filters)
        for name, value, top in (("page", page, None), ("per_page", per_page, MAX_PER_PAGE)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1 or (top and value > top):
                upper = f" and at most {top}" if top else ""
                raise InvalidValue(
                    f"search: {name} must be a whole number of at least 1{upper}, got {value!r}", value=value
                )
        text_match = f"{_IN_TEXT} : ({parsed.fts5()})"
        match = " AND ".join([text_match, *self._check_filters(filters)])
        where = ["fts MATCH ?", "docs.published <= ?"]  # Article.is_visible: counts_from <= as_of
        params: list[object] = [match, time_key(as_of)]
        if filters.since is not None:
            where.append("docs.published >= ?")
            params.append(time_key(filters.since))
        if filters.until is not None:
            where.append("docs.published < ?")
            params.append(time_key(filters.until))
        base = f"FROM fts CROSS JOIN docs ON docs.rowid = fts.rowid WHERE {' AND '.join(where)}"
        try:
            rows = self._db.execute(
                f"SELECT fts.rowid, {_BM25} AS s, docs.article_id, docs.published {base}"
                " ORDER BY s, docs.published DESC, docs.article_id LIMIT ? OFFSET ?",
                (*params, per_page, (page - 1) * per_page),
            ).fetchall()
            if (rows and len(rows) < per_page) or (not rows and page == 1):
                total = (page - 1) * per_page + len(rows)  # the last page: no need to count
            else:
                total = self._db.execute(f"SELECT count(*) {base}", params).fetchone()[0]
            marks = self._marks(text_match, [r[0] for r in rows])
        except sqlite3.Error as exc:
            raise SearchIndexError(f"search index {self.path!r}: {exc}", path=self.path) from None
        hits = tuple(
            SearchHit(
                article_id=aid,
                score=-score,
                published=_instant(published),
                title=marks[rowid][0],
                snippet=marks[rowid][1],
            )
            for rowid, score, aid, published in rows
        )
        return SearchResults(
            query=parsed.text, hits=hits, total=total, page=page, per_page=per_page, filters=filters, as_of=as_of
        )

    def _marks(self, match: str, rowids: Sequence[int]) -> dict[int, tuple[MarkedText, MarkedText]]:
        """The marked title and body snippet of each row, by rowid."""
        if not rowids:
            return {}
        holes = ", ".join("?" * len(rowids))
        sql = (
            "SELECT rowid, highlight(fts, 0, ?, ?), snippet(fts, 1, ?, ?, '…', ?)"
            f" FROM fts WHERE fts MATCH ? AND rowid IN ({holes})"
        )
        params = (MARK_START, MARK_END, MARK_START, MARK_END, SNIPPET_TOKENS, match, *rowids)
        return {
            rowid: (MarkedText.from_markers(shown_text(title)), MarkedText.from_markers(shown_text(snippet)))
            for rowid, title, snippet in self._db.execute(sql, params)
        }
