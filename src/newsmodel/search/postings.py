"""The index's own postings, beside FTS5's: what ranks a query without ``bm25()``.

FTS5 matches, checks phrases and cuts snippets; it cannot rank the best ten of a common word
without scoring every row that holds it (``bm25()`` is called on every match, and counts every
phrase's matches once more for the IDF).  So the index keeps, written at index time and kept
right by every update, in blocks of ``block_rows`` consecutive rowids:

- ``postings``: per token and block, the rows holding the token in a text column and the token's
  weighted frequency in each (each occurrence counts its column's weight, as ``bm25()`` adds
  them up), packed as two arrays (:func:`pack_postings`); and the same for each pair of
  different tokens that stand next to each other in a text column, under the key
  :func:`pair_key` (``seoul summit``): a phrase of two words is then ranked and counted as one
  token is, without FTS5;
- ``term_blocks``: per token (or pair) and block, the number of those rows (their sum over the
  blocks is the token's document frequency, the IDF's ``n``: no counting pass) and a bound of the
  BM25 factor of each (:mod:`newsmodel.search.bounds`);
- ``facet_blocks``: per filter value (category with ancestors, tag, author) and block, its rows;
- ``row_blocks``: per block, each row's length in tokens (every column, as ``bm25()`` counts it)
  and the instant it counts from.

What a text is made of is FTS5's own tokenizer's answer: rows are tokenized by a scratch FTS5
table in ``temp`` with the index's tokenizer and read back through ``fts5vocab`` (``instance``).

Blocks are packed little-endian with :mod:`array`: frequencies and lengths as 32-bit, instants
as 64-bit.  The rows of a (token, block) or (filter value, block) are kept as offsets in the
block (16-bit: a block holds at most 65,536 rows), and, when a bitmap of them is at most
:data:`DENSE` times their size (a dense block), as a bitmap too (bit ``o``: the row at offset
``o``).  A query intersects and counts the rows of every candidate block as integers (``&`` and
``int.bit_count``, :func:`rows_mask`) instead of one row at a time; the offsets serve the few
blocks it scores.

>>> blob = pack_postings([3, 7], [5, 1])
>>> offsets, freqs = unpack_postings(blob)
>>> list(offsets), list(freqs)
([3, 7], [5, 1])
>>> list(unpack_postings(merge_postings(blob, pack_postings([5], [2])))[0])
[3, 5, 7]
>>> dense = pack_postings(range(0, 64, 2), range(32))
>>> dense[0], len(dense), 6 * 32
(1, 203, 192)
>>> pack_postings([0, 1000], [1, 1])[0]
0
>>> rows_mask(dense) == sum(1 << o for o in range(0, 64, 2)), list(unpack_postings(dense)[0])[:3]
(True, [0, 2, 4])
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import reduce
from operator import or_
from typing import Any

from newsmodel.search.bounds import LONG_AVERAGE, SHORT_AVERAGE, term_factor
from newsmodel.search.results import MARK_START

__all__ = [
    "DENSE",
    "MAX_BLOCK_ROWS",
    "TABLES",
    "BlockMasks",
    "FtsPhrases",
    "PostingReader",
    "PostingWriter",
    "mask_of",
    "mask_offsets",
    "merge_postings",
    "offsets_mask",
    "overlaps",
    "pack_offsets",
    "pack_postings",
    "pair_key",
    "rows_mask",
    "unpack_offsets",
    "unpack_postings",
]

#: A block's rows are kept as a bitmap too when it is at most this many times the size of their
#: offsets (in blocks of 1,024 rows: from 17 rows on).  Measured at 1,000,000 articles, the
#: bitmaps add about 5% to the file, and a query of two words intersects most blocks without
#: building a bitmap from offsets.
DENSE = 4
#: The most rows a block may cover (offsets are 16-bit).
MAX_BLOCK_ROWS = 65536
_SWAP = sys.byteorder == "big"

#: The side tables, created with the index.
TABLES = """
CREATE TABLE term_blocks (
    term TEXT NOT NULL,
    block INTEGER NOT NULL,
    max_long REAL NOT NULL,
    max_short REAL NOT NULL,
    docs INTEGER NOT NULL,
    PRIMARY KEY (term, block)
) WITHOUT ROWID;
CREATE TABLE postings (
    term TEXT NOT NULL,
    block INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (term, block)
) WITHOUT ROWID;
CREATE TABLE facet_blocks (
    token TEXT NOT NULL,
    block INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (token, block)
) WITHOUT ROWID;
CREATE TABLE row_blocks (
    block INTEGER PRIMARY KEY,
    lengths BLOB NOT NULL,
    published BLOB NOT NULL
);
"""


def _bytes(values: array[int]) -> bytes:
    if _SWAP:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _array(typecode: str, data: bytes) -> array[int]:
    values = array(typecode)
    values.frombytes(data)
    if _SWAP:
        values.byteswap()
    return values


_SPARSE, _DENSE = 0, 1


def mask_of(offsets: Iterable[int]) -> int:
    """The bitmap of ``offsets`` as an integer (bit ``o`` set for each).

    >>> bin(mask_of([0, 3]))
    '0b1001'
    """
    return reduce(or_, map((1).__lshift__, offsets), 0)


def mask_offsets(mask: int) -> list[int]:
    """The offsets whose bits are set in ``mask``, ascending.

    >>> mask_offsets(0b1001), mask_offsets(0)
    ([0, 3], [])
    """
    bits = bin(mask)[:1:-1]  # lowest bit first
    out = []
    at = bits.find("1")
    while at >= 0:
        out.append(at)
        at = bits.find("1", at + 1)
    return out


def _pack_rows(offsets: Sequence[int]) -> bytes:
    """The rows ``offsets`` (ascending) of a block: their offsets, after a byte 0; or, when a
    bitmap of them (and its length) is at most :data:`DENSE` times the size of the offsets, a
    byte 1, the bitmap's length, the bitmap, then the offsets (the bitmap intersects, the offsets
    iterate)."""
    packed = _bytes(array("H", offsets))
    width = (offsets[-1] // 8 + 1) if offsets else 0
    if offsets and width + 2 <= DENSE * len(packed):
        bitmap = mask_of(offsets).to_bytes(width, "little")
        return bytes((_DENSE,)) + width.to_bytes(2, "little") + bitmap + packed
    return bytes((_SPARSE,)) + packed


def _split_rows(data: bytes, tail: int) -> tuple[bytes | None, bytes, bytes]:
    """The bitmap of the packed rows of ``data`` (None: sparse), their offsets, and what follows
    them; ``tail`` is the size of what follows each row (0: nothing follows)."""
    start = 1
    bitmap = None
    if data[0] == _DENSE:
        width = int.from_bytes(data[1:3], "little")
        bitmap = data[3 : 3 + width]
        start = 3 + width
    n = (len(data) - start) // (2 + tail)
    return bitmap, data[start : start + 2 * n], data[start + 2 * n :]


def _mask(bitmap: bytes | None, offsets: bytes) -> int:
    return int.from_bytes(bitmap, "little") if bitmap is not None else mask_of(_array("H", offsets))


def pack_postings(offsets: Sequence[int], freqs: Sequence[int]) -> bytes:
    """One block of a token's postings: the rows' offsets in the block (ascending, packed by
    :func:`_pack_rows`) and the token's weighted frequency in each."""
    return _pack_rows(offsets) + _bytes(array("I", freqs))


def unpack_postings(data: bytes) -> tuple[array[int], array[int]]:
    """The offsets and frequencies packed by :func:`pack_postings`."""
    _, offsets, freqs = _split_rows(data, 4)
    return _array("H", offsets), _array("I", freqs)


def rows_mask(data: bytes) -> int:
    """The rows of a block of postings (:func:`pack_postings`) as a bitmap."""
    if data[0] == _DENSE:  # :func:`_split_rows`, inline: the query's innermost step
        return int.from_bytes(data[3 : 3 + (data[1] | data[2] << 8)], "little")
    return mask_of(_array("H", data[1 : 1 + (len(data) - 1) // 6 * 2]))


def pack_offsets(offsets: Sequence[int]) -> bytes:
    """The offsets of a filter value's rows in a block (ascending)."""
    return _pack_rows(offsets)


def unpack_offsets(data: bytes) -> array[int]:
    """The offsets packed by :func:`pack_offsets`."""
    return _array("H", _split_rows(data, 0)[1])


def offsets_mask(data: bytes) -> int:
    """The rows packed by :func:`pack_offsets` as a bitmap."""
    bitmap, offsets, _ = _split_rows(data, 0)
    return _mask(bitmap, offsets)


def merge_postings(old: bytes, new: bytes) -> bytes:
    """Two blocks of postings of one token as one (a row in both keeps ``new``'s frequency)."""
    merged = dict(zip(*unpack_postings(old), strict=True))
    merged.update(zip(*unpack_postings(new), strict=True))
    offsets = sorted(merged)
    return pack_postings(offsets, [merged[o] for o in offsets])


def _merge_offsets(old: bytes, new: bytes) -> bytes:
    return pack_offsets(sorted(set(unpack_offsets(old)) | set(unpack_offsets(new))))


class PostingWriter:
    """Writes the side tables of an index (``db``, a :mod:`sqlite3` connection) from rows
    tokenized in its scratch table ``temp.nm_scratch`` (viewed as ``temp.nm_scratch_v``)."""

    __slots__ = ("_db", "_rows", "_weighted")

    def __init__(self, db: Any, block_rows: int, weighted: str) -> None:
        self._db = db
        self._rows = block_rows
        self._weighted = weighted
        db.create_function("nm_merge_postings", 2, merge_postings, deterministic=True)
        db.create_function("nm_merge_offsets", 2, _merge_offsets, deterministic=True)

    def _read_scratch(
        self,
    ) -> tuple[dict[int, int], dict[tuple[str, int], list[tuple[int, int]]], dict[tuple[str, int], list[int]]]:
        """The rows now in the scratch table: each row's length, each (token, block)'s postings,
        each (facet token, block)'s offsets."""
        db, size = self._db, self._rows
        lengths = dict(db.execute("SELECT doc, count(*) FROM temp.nm_scratch_v GROUP BY doc"))
        terms: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
        facets: dict[tuple[str, int], list[int]] = defaultdict(list)
        sql = (
            f"SELECT col = 'facets' AS f, term, doc, {self._weighted} FROM temp.nm_scratch_v"
            " GROUP BY f, term, doc ORDER BY f, term, doc"
        )
        for is_facet, term, doc, freq in db.execute(sql):
            block, offset = divmod(doc, size)
            if is_facet:
                facets[(term, block)].append(offset)
            else:
                terms[(term, block)].append((offset, int(freq)))
        # Each token and the next in the same column, as the pair :func:`pair_key` names: a phrase
        # of two tokens, its rows and weighted frequency (FTS5 counts a phrase where its second
        # token stands right after its first).  A pair of one token twice is left out: such a
        # phrase can overlap itself, and FTS5 ranks it (``overlaps``).
        pairs = (
            f"SELECT term || ' ' || next, doc, {self._weighted} FROM ("
            " SELECT term, lead(term) OVER w AS next, lead(offset) OVER w - offset AS gap, doc, col"
            " FROM temp.nm_scratch_v WHERE col != 'facets' WINDOW w AS (PARTITION BY doc, col ORDER BY offset))"
            " WHERE gap = 1 AND next != term GROUP BY 1, doc ORDER BY 1, doc"
        )
        for pair, doc, freq in db.execute(pairs):
            block, offset = divmod(doc, size)
            terms[(pair, block)].append((offset, int(freq)))
        return lengths, terms, facets

    def add(self, published: Mapping[int, int], reference: float) -> None:
        """Add the rows in the scratch table (dated by ``published``, rowid to time key)."""
        db, size = self._db, self._rows
        lengths, terms, facets = self._read_scratch()
        long_avg, short_avg = reference * LONG_AVERAGE, reference * SHORT_AVERAGE
        post_rows, bound_rows = [], []
        for (term, block), items in terms.items():
            base = block * size
            hi_long = hi_short = 0.0
            for offset, freq in items:
                length = lengths[base + offset]
                hi_long = max(hi_long, term_factor(float(freq), length, long_avg))
                hi_short = max(hi_short, term_factor(float(freq), length, short_avg))
            post_rows.append((term, block, pack_postings([o for o, _ in items], [f for _, f in items])))
            bound_rows.append((term, block, hi_long, hi_short, len(items)))
        db.executemany(
            "INSERT INTO postings (term, block, data) VALUES (?, ?, ?)"
            " ON CONFLICT (term, block) DO UPDATE SET data = nm_merge_postings(data, excluded.data)",
            post_rows,
        )
        db.executemany(
            "INSERT INTO term_blocks (term, block, max_long, max_short, docs) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (term, block) DO UPDATE SET max_long = max(max_long, excluded.max_long),"
            " max_short = max(max_short, excluded.max_short), docs = docs + excluded.docs",
            bound_rows,
        )
        db.executemany(
            "INSERT INTO facet_blocks (token, block, data) VALUES (?, ?, ?)"
            " ON CONFLICT (token, block) DO UPDATE SET data = nm_merge_offsets(data, excluded.data)",
            [(token, block, pack_offsets(items)) for (token, block), items in facets.items()],
        )
        self._set_rows({doc: (length, published[doc]) for doc, length in lengths.items()})

    def remove(self) -> None:
        """Take the rows in the scratch table (as they were indexed) out of the side tables."""
        db = self._db
        lengths, terms, facets = self._read_scratch()
        for (term, block), items in terms.items():
            gone = {o for o, _ in items}
            row = db.execute("SELECT data FROM postings WHERE term = ? AND block = ?", (term, block)).fetchone()
            if row is None:
                continue
            offsets, freqs = unpack_postings(row[0])
            kept = [(o, f) for o, f in zip(offsets, freqs, strict=True) if o not in gone]
            if kept:
                data = pack_postings([o for o, _ in kept], [f for _, f in kept])
                db.execute("UPDATE postings SET data = ? WHERE term = ? AND block = ?", (data, term, block))
                db.execute("UPDATE term_blocks SET docs = ? WHERE term = ? AND block = ?", (len(kept), term, block))
            else:
                db.execute("DELETE FROM postings WHERE term = ? AND block = ?", (term, block))
                db.execute("DELETE FROM term_blocks WHERE term = ? AND block = ?", (term, block))
        for (token, block), offsets_gone in facets.items():
            row = db.execute("SELECT data FROM facet_blocks WHERE token = ? AND block = ?", (token, block)).fetchone()
            if row is None:
                continue
            left = sorted(set(unpack_offsets(row[0])) - set(offsets_gone))
            if left:
                db.execute(
                    "UPDATE facet_blocks SET data = ? WHERE token = ? AND block = ?", (pack_offsets(left), token, block)
                )
            else:
                db.execute("DELETE FROM facet_blocks WHERE token = ? AND block = ?", (token, block))
        self._set_rows(dict.fromkeys(lengths, (0, 0)))

    def _set_rows(self, rows: Mapping[int, tuple[int, int]]) -> None:
        """Set each row's length and instant in ``row_blocks`` (0 and 0: no row)."""
        db, size = self._db, self._rows
        by_block: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for doc, (length, when) in rows.items():
            block, offset = divmod(doc, size)
            by_block[block].append((offset, length, when))
        for block, items in by_block.items():
            row = db.execute("SELECT lengths, published FROM row_blocks WHERE block = ?", (block,)).fetchone()
            if row is None:
                lengths, dates = array("I", bytes(4 * size)), array("q", bytes(8 * size))
            else:
                lengths, dates = _array("I", row[0]), _array("q", row[1])
            for offset, length, when in items:
                lengths[offset] = length
                dates[offset] = when
            db.execute(
                "INSERT OR REPLACE INTO row_blocks (block, lengths, published) VALUES (?, ?, ?)",
                (block, _bytes(lengths), _bytes(dates)),
            )

    def clear(self) -> None:
        """Empty every side table."""
        for table in ("term_blocks", "postings", "facet_blocks", "row_blocks"):
            self._db.execute(f"DELETE FROM {table}")


class PostingReader:
    """Reads the side tables of an index for :mod:`newsmodel.search.ranking`."""

    __slots__ = ("_db", "block_rows")

    def __init__(self, db: Any, block_rows: int) -> None:
        self._db = db
        self.block_rows = block_rows

    def term_blocks(self, token: str) -> dict[int, tuple[float, float, int]]:
        """Per block holding ``token``: its largest factors at the long and short averages and
        how many of its rows hold the token."""
        sql = "SELECT block, max_long, max_short, docs FROM term_blocks WHERE term = ?"
        return {block: (hi_long, hi_short, docs) for block, hi_long, hi_short, docs in self._db.execute(sql, (token,))}

    def facet_blocks(self, token: str) -> set[int]:
        """The blocks holding a row with the filter value ``token``."""
        return {b for (b,) in self._db.execute("SELECT block FROM facet_blocks WHERE token = ?", (token,))}

    def postings(self, token: str, blocks: Iterable[int] | None) -> dict[int, bytes]:
        """The packed postings of ``token`` in ``blocks`` (None: every block)."""
        if blocks is None:
            return dict(self._db.execute("SELECT block, data FROM postings WHERE term = ?", (token,)))
        return self._in("SELECT block, data FROM postings WHERE term = ? AND block IN ({})", token, blocks)

    def facet_offsets(self, token: str, blocks: Iterable[int]) -> dict[int, bytes]:
        """The packed offsets of the rows of the filter value ``token`` in ``blocks``."""
        return self._in("SELECT block, data FROM facet_blocks WHERE token = ? AND block IN ({})", token, blocks)

    def rows(self, blocks: Iterable[int]) -> dict[int, tuple[array[int], array[int]]]:
        """Per block, its rows' lengths and instants (time keys), by offset."""
        ids = ", ".join(str(int(b)) for b in blocks)
        sql = f"SELECT block, lengths, published FROM row_blocks WHERE block IN ({ids})"
        return {block: (_array("I", lengths), _array("q", dates)) for block, lengths, dates in self._db.execute(sql)}

    def _in(self, sql: str, token: str, blocks: Iterable[int]) -> dict[int, bytes]:
        ids = ", ".join(str(int(b)) for b in blocks)
        return dict(self._db.execute(sql.format(ids), (token,)))

    def article_ids(self, rowids: Iterable[int]) -> dict[int, str]:
        """The article id of each row."""
        ids = ", ".join(str(int(r)) for r in rowids)
        return dict(self._db.execute(f"SELECT rowid, article_id FROM docs WHERE rowid IN ({ids})"))


def pair_key(tokens: Sequence[str]) -> str | None:
    """The key under which the postings keep the phrase ``tokens`` when it is two different
    tokens (the two joined by a space, which no token of the index's tokenizer holds), else None.

    >>> pair_key(["seoul", "summit"]), pair_key(["a", "a"]), pair_key(["a", "b", "c"])
    ('seoul summit', None, None)
    """
    if len(tokens) == 2 and tokens[0] != tokens[1]:
        return f"{tokens[0]} {tokens[1]}"
    return None


def overlaps(tokens: Sequence[str]) -> bool:
    """True when two instances of the phrase ``tokens`` can overlap (``a a``, ``a b a``):
    ``highlight()`` then marks them as one, and the phrase's frequency cannot be read from it.

    >>> overlaps(["a", "b", "a"]), overlaps(["a", "b"])
    (True, False)
    """
    n = len(tokens)
    return any(list(tokens[s:]) == list(tokens[: n - s]) for s in range(1, n))


class BlockMasks(Mapping[int, int]):
    """Per block, the bitmap of some of its rows, read from ``(block, count, offsets joined by
    commas)`` rows; a block's bitmap is made when first asked for (a query reads few blocks), its
    count is known at once.

    >>> masks = BlockMasks([(0, 2, "1,3"), (4, 1, "0")])
    >>> masks.total, masks[0], sorted(masks)
    (3, 10, [0, 4])
    """

    __slots__ = ("_made", "_raw", "total")

    def __init__(self, rows: Iterable[tuple[int, int, str]]) -> None:
        self._raw: dict[int, str] = {}
        self._made: dict[int, int] = {}
        total = 0
        for block, count, offsets in rows:
            self._raw[block] = offsets
            total += count
        #: How many rows in all.
        self.total = total

    def __getitem__(self, block: int) -> int:
        mask = self._made.get(block)
        if mask is None:
            mask = self._made[block] = mask_of(map(int, self._raw[block].split(",")))
        return mask

    def __iter__(self) -> Iterator[int]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, block: object) -> bool:
        return block in self._raw


# A token of the facets column: a kind's letter and an id in hex.
_FACET_TOKEN = re.compile("[cta](?:[0-9a-f]{2})+")


class FtsPhrases:
    """FTS5's answers about the phrases of a query (:class:`newsmodel.search.ranking.Phrases`):
    ``matches`` holds each term's FTS5 expression restricted to the text columns, ``tokens`` its
    tokens, ``weights`` the text columns' names and ``bm25()`` weights in table order."""

    def __init__(
        self,
        db: Any,
        block_rows: int,
        matches: Sequence[str],
        tokens: Sequence[Sequence[str]],
        weights: Sequence[tuple[str, float]],
    ) -> None:
        self._db = db
        self._block_rows = block_rows
        self._matches = matches
        self._tokens = tokens
        self._weights = [w for _, w in weights]

    def rows(self, term: int) -> BlockMasks:
        """Per block holding the phrase of term ``term``, the bitmap of its rows holding it
        (grouped by SQLite, not row by row)."""
        # Without the column filter FTS5 reads no positions it does not need; the facets column
        # holds only facet tokens, so a phrase without one matches the same rows either way.
        match = self._matches[term]
        if not any(_FACET_TOKEN.fullmatch(t) for t in self._tokens[term]):
            match = match.partition(" : ")[2]
        size = self._block_rows
        sql = "SELECT rowid / ?, count(*), group_concat(rowid % ?) FROM fts WHERE fts MATCH ? GROUP BY 1"
        return BlockMasks(self._db.execute(sql, (size, size, match)))

    def frequencies(self, term: int, rowids: Sequence[int]) -> dict[int, int]:
        """The weighted frequency of the phrase of term ``term`` in each of ``rowids`` holding it,
        from the marks of ``highlight()`` (one per instance, as no two instances overlap)."""
        columns = ", ".join(f"highlight(fts, {i}, ?, '')" for i in range(len(self._weights)))
        holes = ", ".join("?" * len(rowids))
        sql = f"SELECT rowid, {columns} FROM fts WHERE fts MATCH ? AND rowid IN ({holes})"
        params = [MARK_START] * len(self._weights) + [self._matches[term], *rowids]
        return {
            rowid: int(sum(w * text.count(MARK_START) for w, text in zip(self._weights, texts, strict=True)))
            for rowid, *texts in self._db.execute(sql, params)
        }
