"""The search index: SQLite's FTS5 through the standard library's :mod:`sqlite3`, in one file (or
in memory), no server.  This module is the adapter of :mod:`newsmodel.search`: the only one that
does I/O, and no core module imports it (``tests/test_imports.py`` checks it).

One FTS5 table holds a row per searchable article (:mod:`newsmodel.search.document`) with the
columns ``title``, ``body``, ``tags``, ``categories``, ``authors`` and ``facets``, tokenized by
``unicode61 remove_diacritics 2`` over :func:`~newsmodel.search.text.index_text` (CJK characters
one token each).  ``facets`` holds one token per category (with ancestors), tag and author id:
a filter is one more phrase of the FTS5 expression, restricted to that column, so the full-text
index does the intersection.  A table ``docs`` keeps per article its id, the instant it counts
from (:func:`~newsmodel.values.timeline.time_key`) and the SHA-256 of its document, so that
:meth:`SearchIndex.update` indexes again only what changed.

Ranking is FTS5's ``bm25()`` (k1 = 1.2, b = 0.75, fixed in SQLite) with the column weights
:data:`COLUMN_WEIGHTS` (``facets`` weighs 0: a filter never changes a score); ties go to the newer
article, then to the smaller id.  Titles are marked by ``highlight()``, body snippets cut by
``snippet()``.

Side tables (:mod:`newsmodel.search.postings`) keep, per token (and per pair of tokens next to
each other: a phrase of two words) and block of :data:`BLOCK_ROWS` rows, the rows holding it
with its weighted frequency, the number of such rows and a bound of their BM25 factor
(:mod:`newsmodel.search.bounds`); per filter value its rows; per row its length and instant.
They are written at index time from a scratch FTS5 table with the same tokenizer and kept right
by :meth:`SearchIndex.update`. A query of words and phrases without a prefix is ranked from them
(:func:`newsmodel.search.ranking.rank_words`): only the blocks whose bound reaches the k-th best
score found are read, and the scores are ``bm25()``'s written out, so the hits, their order,
their scores and the count are those of scoring every match.  A prefix, a phrase that can
overlap itself or a far page scores every match.

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

from newsmodel.search.bounds import read_varints
from newsmodel.search.document import SearchDocument, search_documents
from newsmodel.search.postings import (
    MAX_BLOCK_ROWS,
    TABLES,
    FtsPhrases,
    PostingReader,
    PostingWriter,
    overlaps,
    pair_key,
)
from newsmodel.search.query import Query, parse_query
from newsmodel.search.ranking import FEW_OUTSIDE, Ranked, rank_words
from newsmodel.search.results import MARK_END, MARK_START, MarkedText, SearchFilters, SearchHit, SearchResults
from newsmodel.search.text import index_text, shown_text
from newsmodel.values._validate import INTEGER
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidValue, SearchIndexError, UnknownId
from newsmodel.values.timeline import check_as_of, time_key

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

#: Rows a block of ``term_blocks`` covers (rowid // BLOCK_ROWS): the unit the best hits are
#: searched in.  Smaller blocks bound scores more tightly and take more rows to store.
BLOCK_ROWS = 1024
# At most this many articles dated after ``as_of``: the count subtracts their matches.
_FEW_LATE = 64
#: Above this many hits asked for (page times page size), a search scores every match.
MAX_PRUNED_HITS = 1000

#: The schema version of the file (``PRAGMA user_version``); another version is refused.
SCHEMA_VERSION = 5
#: ``PRAGMA application_id`` of a newsmodel search index ("NMSI").
APPLICATION_ID = 0x4E4D5349

_TEXT_COLUMNS = tuple(name for name, _ in COLUMN_WEIGHTS)
_BM25 = "bm25(fts, " + ", ".join(repr(w) for _, w in COLUMN_WEIGHTS) + ", 0.0)"
_IN_TEXT = "{" + " ".join(_TEXT_COLUMNS) + "}"
_FACET_KINDS = {"category": "c", "tag": "t", "author": "a"}
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_TOKENIZER = "unicode61 remove_diacritics 2"

_INSERT_FTS = "INSERT INTO fts (rowid, title, body, tags, categories, authors, facets) VALUES (?, ?, ?, ?, ?, ?, ?)"
# Rows tokenized at a time by the scratch table that measures them for ``term_blocks``.
_SCRATCH_ROWS = 4096
# The weighted frequency of a token in a row, as bm25() adds it up: each occurrence counts its
# column's weight (the facets column none).
_WEIGHTED = "sum(CASE col " + " ".join(f"WHEN '{n}' THEN {w!r}" for n, w in COLUMN_WEIGHTS) + " ELSE 0.0 END)"
_FTS_ROW = f"SELECT rowid, {', '.join(_TEXT_COLUMNS)}, facets FROM fts"

_SCHEMA = (
    f"""
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
CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);
CREATE INDEX docs_published ON docs (published);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""
    + TABLES
)


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
    """The UTC datetime of a :func:`~newsmodel.values.timeline.time_key`."""
    return _EPOCH + timedelta(microseconds=key)


class SearchIndex:
    """A full-text index of a corpus's articles, in a SQLite file or in memory.

    Open one with :meth:`open` (an existing file) or :meth:`build` (make or bring up to date);
    query it with :meth:`search`.  Close it with :meth:`close` or a ``with`` block.
    """

    __slots__ = ("_block_rows", "_db", "_prune", "_scratch", "_writer", "last_plan", "path")

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self._db = db
        self.path = path
        row = db.execute("SELECT value FROM meta WHERE key = 'block_rows'").fetchone()
        self._block_rows: int = int(row[0]) if row else BLOCK_ROWS
        self._writer = PostingWriter(db, self._block_rows, _WEIGHTED)
        self._scratch = False
        self._prune = True
        #: How the last search ranked: ``(blocks holding every query word, blocks scored)``, or
        #: None when it scored every match (a prefix, a far page, few blocks).
        self.last_plan: tuple[int, int] | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] = ":memory:",
        *,
        create: bool = False,
        block_rows: int = BLOCK_ROWS,
        any_thread: bool = False,
    ) -> SearchIndex:
        """The index in the file at ``path``; with ``create``, an empty index where there is none
        (its score bounds kept by blocks of ``block_rows`` rows; an existing file keeps its own).
        With ``any_thread``, any one thread at a time may use it (a server answering on another
        thread than the one that opened it); by default only the thread that opened it.

        A file that is not a search index of this version raises
        :class:`~newsmodel.values.errors.SearchIndexError`; a missing file without ``create`` raises
        :class:`FileNotFoundError`.
        """
        name = os.fspath(path)
        memory = name == ":memory:"
        if not memory and not create and not os.path.exists(name):
            raise FileNotFoundError(f"no search index at {name!r}")
        try:
            db = sqlite3.connect(name, isolation_level=None, check_same_thread=not any_thread)
        except sqlite3.Error as exc:
            raise SearchIndexError(f"search index {name!r}: {exc}", path=name) from None
        if isinstance(block_rows, bool) or not isinstance(block_rows, int) or not 1 <= block_rows <= MAX_BLOCK_ROWS:
            db.close()
            raise InvalidValue(
                f"block_rows must be a whole number from 1 to {MAX_BLOCK_ROWS}, got {block_rows!r}", value=block_rows
            )
        try:
            cls._check_or_create(db, name, create or memory, block_rows)
        except BaseException:
            db.close()
            raise
        return cls(db, name)

    @staticmethod
    def _check_or_create(db: sqlite3.Connection, name: str, create: bool, block_rows: int) -> None:
        try:
            app = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise SearchIndexError(f"{name!r} is not a search index ({exc})", path=name) from None
        if tables == 0 and app == 0 and create:
            try:
                db.executescript(_SCHEMA)
                db.execute("INSERT INTO meta (key, value) VALUES ('block_rows', ?)", (block_rows,))
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
                version=version,
            )

    @classmethod
    def build(
        cls, corpus: Corpus, path: str | os.PathLike[str] = ":memory:", *, block_rows: int = BLOCK_ROWS
    ) -> SearchIndex:
        """The index of ``corpus`` at ``path``: made when there is none, else brought up to date
        by :meth:`update` (only changed, added and removed articles are touched)."""
        index = cls.open(path, create=True, block_rows=block_rows)
        try:
            index.update(corpus)
        except BaseException:
            index.close()
            raise
        return index

    def copy_to_memory(self, *, any_thread: bool = False) -> SearchIndex:
        """A copy of this index in memory (SQLite's online backup): what later happens to the
        file, even its removal, does not change the copy's answers.  ``any_thread`` as in
        :meth:`open`.

        >>> from datetime import datetime, timezone
        >>> from newsmodel import Article, Corpus, Site
        >>> corpus = Corpus(site=Site(name="S", base_url="https://e.org"), articles=[Article(
        ...     id="1", slug="a", title="Seoul summit", published=datetime(2025, 1, 1, tzinfo=timezone.utc))])
        >>> with SearchIndex.build(corpus) as index:
        ...     copy = index.copy_to_memory()
        >>> copy.search("seoul", as_of=datetime(2026, 1, 1, tzinfo=timezone.utc)).total
        1
        """
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=not any_thread)
        self._db.backup(memory)
        return SearchIndex(memory, ":memory:")

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
        pending: list[tuple[object, ...]] = []
        stale: list[tuple[object, ...]] = []
        dates: dict[int, int] = {}
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
                    rowid = int(cur.lastrowid or 0)
                    row = (rowid, *_row(doc))
                    db.execute(_INSERT_FTS, row)
                    pending.append(row)
                    added += 1
                elif old[1] != digest:
                    db.execute(
                        "UPDATE docs SET published = ?, digest = ? WHERE rowid = ?", (doc.published, digest, old[0])
                    )
                    stale.append(db.execute(f"{_FTS_ROW} WHERE rowid = ?", (old[0],)).fetchone())
                    db.execute("DELETE FROM fts WHERE rowid = ?", (old[0],))
                    rowid = old[0]
                    row = (rowid, *_row(doc))
                    db.execute(_INSERT_FTS, row)
                    pending.append(row)
                    changed += 1
                else:
                    unchanged += 1
                    continue
                dates[rowid] = doc.published
                if len(pending) >= _SCRATCH_ROWS:
                    self._side_tables(stale, pending, dates)
            self._side_tables(stale, pending, dates)
            for start in range(0, len(known), _SCRATCH_ROWS):
                chunk = [rowid for rowid, _ in list(known.values())[start : start + _SCRATCH_ROWS]]
                holes = ", ".join("?" * len(chunk))
                self._side_tables(db.execute(f"{_FTS_ROW} WHERE rowid IN ({holes})", chunk).fetchall(), [], {})
                db.execute(f"DELETE FROM docs WHERE rowid IN ({holes})", chunk)
                db.execute(f"DELETE FROM fts WHERE rowid IN ({holes})", chunk)
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
                if len(known) + changed:  # rows removed or rewritten: bounds made again, as tight as new
                    self._remake_side_tables()
        return IndexUpdate(added=added, changed=changed, removed=len(known), unchanged=unchanged)

    def _ensure_scratch(self) -> None:
        """The connection's scratch FTS5 table (in ``temp``, same tokenizer) and its instance
        view: the index's own tokenizer, to measure rows and split query words exactly as FTS5 does."""
        if not self._scratch:
            self._db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.nm_scratch USING fts5("
                f"{', '.join(_TEXT_COLUMNS)}, facets, tokenize = '{_TOKENIZER}')"
            )
            self._db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.nm_scratch_v USING fts5vocab(temp, nm_scratch, instance)"
            )
            self._scratch = True

    def _side_tables(
        self, stale: list[tuple[object, ...]], rows: list[tuple[object, ...]], dates: dict[int, int]
    ) -> None:
        """Take the rows ``stale`` (rowid and the six columns, as they were indexed) out of the
        side tables (:mod:`newsmodel.search.postings`), then add ``rows`` dated by ``dates``;
        empty the three lists.

        Bounds only grow here: a block's bound stays above every row it ever held, so a row
        changed or removed leaves it loose, never wrong (:meth:`_remake_side_tables` tightens)."""
        self._ensure_scratch()
        db = self._db
        scratch = _INSERT_FTS.replace("INTO fts", "INTO temp.nm_scratch")
        if stale:
            db.executemany(scratch, stale)
            self._writer.remove()
            db.execute("DELETE FROM temp.nm_scratch")
        if rows:
            db.executemany(scratch, rows)
            ref = db.execute("SELECT value FROM meta WHERE key = 'reference_length'").fetchone()
            if ref is None:  # the first rows fix the reference average length, until bounds are remade
                mean = db.execute("SELECT count(*) * 1.0 / count(DISTINCT doc) FROM temp.nm_scratch_v").fetchone()[0]
                ref = (float(mean),)
                db.execute("INSERT INTO meta (key, value) VALUES ('reference_length', ?)", ref)
            self._writer.add(dates, float(ref[0]))
            db.execute("DELETE FROM temp.nm_scratch")
        stale.clear()
        rows.clear()
        dates.clear()

    def _remake_side_tables(self) -> None:
        """Make the side tables again from every row of the index."""
        db = self._db
        self._writer.clear()
        db.execute("DELETE FROM meta WHERE key = 'reference_length'")
        last = 0
        while True:
            rows = db.execute(f"{_FTS_ROW} WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, _SCRATCH_ROWS)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            dates = dict(
                db.execute("SELECT rowid, published FROM docs WHERE rowid BETWEEN ? AND ?", (rows[0][0], last))
            )
            self._side_tables([], rows, dates)

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
        :class:`~newsmodel.values.errors.UnknownId`.
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
            tokens.append(_facet_token(kind, value))
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

        Raises :class:`~newsmodel.values.errors.InvalidQuery` for a query that cannot be searched,
        :class:`~newsmodel.values.errors.UnknownId` for a filter naming nothing in the index,
        :class:`~newsmodel.values.errors.InvalidValue` for a page out of range.
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
        facets = self._check_filters(filters)
        match = " AND ".join([text_match, *(f'facets : "{token}"' for token in facets)])
        where = ["fts MATCH ?", "docs.published <= ?"]  # Article.is_visible: counts_from <= as_of
        params: list[object] = [match, time_key(as_of)]
        if filters.since is not None:
            where.append("docs.published >= ?")
            params.append(time_key(filters.since))
        if filters.until is not None:
            where.append("docs.published < ?")
            params.append(time_key(filters.until))
        base = f"FROM fts CROSS JOIN docs ON docs.rowid = fts.rowid WHERE {' AND '.join(where)}"
        counts: dict[str, int] = {}
        try:
            ranked = self._rank(parsed, facets, filters, as_of, page * per_page, counts) if self._prune else None
            if ranked is not None:
                self.last_plan = ranked.plan
                rows = ranked.rows[(page - 1) * per_page :]
            else:
                self.last_plan = None
                rows = self._db.execute(
                    f"SELECT fts.rowid, {_BM25} AS s, docs.article_id, docs.published {base}"
                    " ORDER BY s, docs.published DESC, docs.article_id LIMIT ? OFFSET ?",
                    (*params, per_page, (page - 1) * per_page),
                ).fetchall()
            if ranked is not None:
                total = ranked.total
            elif (rows and len(rows) < per_page) or (not rows and page == 1):
                total = (page - 1) * per_page + len(rows)  # the last page: no need to count
            else:
                total = self._count(match, base, params, filters, time_key(as_of), counts)
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

    def _count(
        self, match: str, base: str, params: list[object], filters: SearchFilters, as_of: int, counts: dict[str, int]
    ) -> int:
        """How many rows ``base`` keeps, counted without joining every match to ``docs`` when few
        articles are dated after ``as_of``: every match, less the late ones that match."""
        db = self._db
        if filters.since is None and filters.until is None:
            late: int = db.execute("SELECT count(*) FROM docs WHERE published > ?", (as_of,)).fetchone()[0]
            if late <= _FEW_LATE:
                every = counts.get(match)
                if every is None:
                    every = db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0]
                if late:
                    every -= db.execute(
                        "SELECT count(*) FROM fts WHERE fts MATCH ?"
                        " AND rowid IN (SELECT rowid FROM docs WHERE published > ?)",
                        (match, as_of),
                    ).fetchone()[0]
                return every
        total: int = db.execute(f"SELECT count(*) {base}", params).fetchone()[0]
        return total

    def _rank(
        self,
        parsed: Query,
        facets: Sequence[str],
        filters: SearchFilters,
        as_of: datetime,
        k: int,
        counts: dict[str, int],
    ) -> Ranked | None:
        """The best ``k`` rows and the count from the index's own postings
        (:func:`~newsmodel.search.ranking.rank_words`), or None when they do not apply: a prefix,
        a phrase that can overlap itself, a far page."""
        if k > MAX_PRUNED_HITS or any(t.prefix for t in parsed.terms):
            return None
        tokens = self._tokens([" ".join(t.words) for t in parsed.terms])
        if not all(tokens) or any(overlaps(t) for t in tokens):
            return None
        # A phrase of two tokens has postings of its own, as one token has.
        ranked = [[key] if (key := pair_key(t)) is not None else t for t in tokens]
        averages = self._averages()
        ref = self._db.execute("SELECT value FROM meta WHERE key = 'reference_length'").fetchone()
        if averages is None or ref is None:
            return None
        lo = time_key(filters.since) if filters.since is not None else -(2**63)
        hi = time_key(as_of)
        if filters.until is not None:
            hi = min(hi, time_key(filters.until) - 1)
        outside = {
            r
            for (r,) in self._db.execute(
                "SELECT rowid FROM docs WHERE published > ? OR published < ? LIMIT ?", (hi, lo, FEW_OUTSIDE + 1)
            )
        }
        reader = PostingReader(self._db, self._block_rows)
        return rank_words(
            reader,
            ranked,
            facets,
            (lo, hi),
            outside if len(outside) <= FEW_OUTSIDE else None,
            k,
            averages,
            float(ref[0]),
            FtsPhrases(
                self._db, self._block_rows, [f"{_IN_TEXT} : ({t.fts5()})" for t in parsed.terms], tokens, COLUMN_WEIGHTS
            ),
        )

    def _tokens(self, texts: Sequence[str]) -> list[list[str]]:
        """The tokens FTS5 makes of each text (the index's tokenizer, through the scratch table)."""
        self._ensure_scratch()
        db = self._db
        db.executemany("INSERT INTO temp.nm_scratch (rowid, title) VALUES (?, ?)", enumerate(texts, 1))
        out: list[list[str]] = [[] for _ in texts]
        for doc, term in db.execute("SELECT doc, term FROM temp.nm_scratch_v ORDER BY doc, offset"):
            out[doc - 1].append(term)
        db.execute("DELETE FROM temp.nm_scratch")
        return out

    def _averages(self) -> tuple[int, float] | None:
        """FTS5's row count and average row length, read where ``bm25()`` reads them (the
        averages record, ``fts_data`` row 1: varints, the row count then each column's tokens)."""
        row = self._db.execute("SELECT block FROM fts_data WHERE id = 1").fetchone()
        if row is None or not isinstance(row[0], bytes):
            return None
        try:
            values = read_varints(row[0])
        except ValueError:
            return None
        if len(values) < 1 + len(_TEXT_COLUMNS) + 1 or values[0] < 1:
            return None
        n_rows = values[0]
        return n_rows, float(sum(values[1 : 2 + len(_TEXT_COLUMNS)])) / float(n_rows)

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
