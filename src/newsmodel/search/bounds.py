"""Upper bounds of BM25 scores, for ranking the best hits without scoring every match.

FTS5's ``bm25()`` (``fts5_aux.c``, ``fts5Bm25Function``) scores a row by adding, for each phrase
of the query, ``idf * term_factor(f, D, avgdl)`` (:func:`term_factor`), where ``f`` is the
phrase's frequency in the row weighted by column, ``D`` the row's length in tokens (every column)
and ``avgdl`` the average length over the index.

The index keeps, for each token and each block of consecutive rows, the largest
:func:`term_factor` of a row of the block holding the token, computed at two average lengths around a
*reference* fixed when the bounds were made (``SearchIndex``'s table ``term_blocks``).  Three facts make
that a bound of the real scores, however the index changed since:

- the average length moves: :func:`block_factor` bounds the factor at any average from the
  block's largest factors at two averages around the reference;
- a phrase occurs in a column at most as often as each of its words, and the factor grows with
  ``f``, so the least of its words' bounds bounds a phrase;
- the IDF is the same for every row: the bound of a block for a query is the sum over its
  phrases of IDF (:func:`idf`, from the phrase's number of matching rows) times the phrase's bound.

A block whose bound is below the score of the k-th best hit found so far holds none of the best
k: it is never scored.  Rows changed or removed leave their block's bound as it was, too high,
never too low.

>>> round(term_factor(5.0, 40, 50.0), 6)
1.827243
>>> long, short = term_factor(5.0, 40, 50.0 * LONG_AVERAGE), term_factor(5.0, 40, 50.0 * SHORT_AVERAGE)
>>> all(term_factor(5.0, 40, avg) <= block_factor(long, short, 50.0, avg) for avg in (30.0, 45.0, 55.0, 90.0))
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = [
    "K1",
    "LONG_AVERAGE",
    "MARGIN",
    "SHORT_AVERAGE",
    "B",
    "block_factor",
    "block_factors",
    "idf",
    "read_varints",
    "term_factor",
]

#: FTS5's BM25 parameters (``fts5_aux.c``), fixed in SQLite.
K1 = 1.2
B = 0.75
#: Added to every bound, relative: floating-point rounding of FTS5's sums never exceeds it.
MARGIN = 1e-9
#: The two average lengths, relative to the index's reference, at which ``term_blocks`` keeps
#: each block's largest factor (:func:`block_factor` reads between them).
LONG_AVERAGE = 1.25
SHORT_AVERAGE = 0.8


def idf(rows: int, hits: int) -> float:
    """FTS5's IDF of a phrase found in ``hits`` of ``rows`` rows, floored at 1e-6 as FTS5 does.

    >>> idf(100, 60)
    1e-06
    >>> round(idf(1000, 10), 4)
    4.5468
    """
    value = math.log((rows - hits + 0.5) / (hits + 0.5))
    return value if value > 0.0 else 1e-6


def term_factor(frequency: float, length: int, avgdl: float) -> float:
    """What a phrase of weighted ``frequency`` in a row of ``length`` tokens adds to the score,
    per unit of IDF (FTS5's expression, in its order of operations)."""
    return frequency * (K1 + 1.0) / (frequency + K1 * (1 - B + B * length / avgdl))


def block_factor(at_long: float, at_short: float, reference: float, avgdl: float) -> float:
    """A bound of the :func:`term_factor` of every row of a block at the average length ``avgdl``,
    from the largest factor of its rows at the averages ``reference * LONG_AVERAGE``
    (``at_long``) and ``reference * SHORT_AVERAGE`` (``at_short``), with :data:`MARGIN` on top.

    A row's factor is ``c / (a + b x)`` in ``x = 1 / avgdl``: convex, so the largest of a block's
    rows is convex too and lies under the chord between the two stored points; beyond them, it
    falls as ``x`` grows (a shorter average) and grows at most in proportion to ``1 / x`` as ``x``
    falls (``(a + b x0) / (a + b x) <= x0 / x`` for ``x <= x0``).

    >>> block_factor(1.8, 1.9, 50.0, 50.0 * SHORT_AVERAGE) == 1.9 * (1 + MARGIN)
    True
    >>> block_factor(1.8, 1.9, 50.0, 50.0 * LONG_AVERAGE * 2) == 1.8 * 2 * (1 + MARGIN)
    True
    """
    return block_factors([(at_long, at_short)], reference, avgdl)[0]


def block_factors(pairs: Iterable[tuple[float, float]], reference: float, avgdl: float) -> list[float]:
    """:func:`block_factor` of each ``(at_long, at_short)`` of ``pairs`` (one block each), the
    case of ``avgdl`` chosen once for them all.

    >>> block_factors([(1.8, 1.9), (1.0, 1.2)], 50.0, 50.0 * SHORT_AVERAGE) == [1.9 * (1 + MARGIN), 1.2 * (1 + MARGIN)]
    True
    """
    x, x_long, x_short = 1.0 / avgdl, 1.0 / (reference * LONG_AVERAGE), 1.0 / (reference * SHORT_AVERAGE)
    up = 1 + MARGIN
    if x >= x_short:
        return [at_short * up for _, at_short in pairs]
    if x <= x_long:
        ratio = x_long / x
        return [(at_long * ratio) * up for at_long, _ in pairs]
    share = (x - x_long) / (x_short - x_long)
    rest = 1.0 - share
    return [(rest * at_long + share * at_short) * up for at_long, at_short in pairs]


def read_varints(data: bytes) -> list[int]:
    """The SQLite varints (big-endian groups of 7 bits, the ninth byte whole) packed in ``data``:
    FTS5 keeps its row count and column sizes so (``sqlite3Fts5GetVarint``).

    >>> read_varints(bytes([0x05, 0x81, 0x00, 0x7F]))
    [5, 128, 127]
    """
    out = []
    i, n = 0, len(data)
    while i < n:
        value = 0
        for j in range(9):
            if i >= n:
                raise ValueError("truncated varint")
            byte = data[i]
            i += 1
            if j == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        out.append(value)
    return out
