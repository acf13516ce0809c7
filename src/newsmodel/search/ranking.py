"""The best ``k`` hits of a query of words, ranked from the index's own postings
(:mod:`newsmodel.search.postings`) instead of FTS5's ``bm25()``, with the exact count.

The score is FTS5's ``bm25()`` written out (``fts5Bm25Function`` in ``fts5_aux.c``), with the
same operations in the same order, so the same double: ``0.0``, plus for each phrase in query
order ``idf * (f * (k1 + 1.0)) / (f + k1 * (1 - b + b * D / avgdl))``
(:func:`~newsmodel.search.bounds.term_factor`), where ``f`` is the word's weighted frequency in the
row, ``D`` the row's length (every column), ``avgdl`` and the row count ``N`` those of FTS5's
averages record, and the IDF (:func:`~newsmodel.search.bounds.idf`) counts the rows holding the
word, the sum of its blocks' counts.  A filter's phrase adds ``idf * 0.0`` (its column weighs 0):
nothing.

Blocks holding every word (and every filter value) are visited best bound first; a block whose
bound is below the k-th best score found cannot hold a hit, and is never read.  The count reads
every candidate block's postings (an intersection: no scores), unless the query is one word
without a filter, whose count is its document frequency less its rows outside the date window.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Sequence

import attrs

from newsmodel.search.bounds import block_factor, idf, term_factor
from newsmodel.search.postings import PostingReader, unpack_offsets, unpack_postings

__all__ = ["Ranked", "rank_words"]

#: At most this many rows outside the date window are looked up one by one; beyond, the dates of
#: every candidate block are read.
FEW_OUTSIDE = 256
#: Blocks first read: enough to hold this many matches (then twice as many blocks at each step).
FIRST_MATCHES = 40


@attrs.frozen
class Ranked:
    """The best rows, ``(rowid, bm25() as SQL gives it (negative), article id, time key)``, the
    exact number of matches, and ``(candidate blocks, blocks scored)``."""

    rows: list[tuple[int, float, str, int]]
    total: int
    plan: tuple[int, int]


def _matches(
    reader: PostingReader,
    tokens: Sequence[str],
    facets: Sequence[str],
    blocks: set[int],
    dates: dict[int, array[int]] | None,
    window: tuple[int, int],
    outside: set[int] | None,
) -> dict[int, dict[int, tuple[int, ...]]]:
    """Per block of ``blocks``, the rows holding every token and facet inside the date window:
    offset to each token's frequency."""
    size = reader.block_rows
    lists = [reader.postings(t, blocks) for t in tokens]
    facet_lists = [reader.facet_offsets(f, blocks) for f in facets]
    lo, hi = window
    out: dict[int, dict[int, tuple[int, ...]]] = {}
    for block in blocks:
        per_token = []
        for postings in lists:
            data = postings.get(block)
            if data is None:
                break
            offsets, freqs = unpack_postings(data)
            per_token.append(dict(zip(offsets, freqs, strict=True)))
        else:
            keys = set(per_token[0])
            for other in per_token[1:]:
                keys.intersection_update(other)
            for facet in facet_lists:
                data = facet.get(block)
                keys = keys.intersection(unpack_offsets(data)) if data is not None else set()
            if dates is not None:
                when = dates[block]
                keys = {o for o in keys if lo <= when[o] <= hi}
            elif outside:
                base = block * size
                keys = {o for o in keys if base + o not in outside}
            if keys:
                out[block] = {o: tuple(p[o] for p in per_token) for o in keys}
    return out


def rank_words(
    reader: PostingReader,
    tokens: Sequence[str],
    facets: Sequence[str],
    window: tuple[int, int],
    outside: set[int] | None,
    k: int,
    averages: tuple[int, float],
    reference: float,
) -> Ranked:
    """The best ``k`` rows holding every one of ``tokens`` (FTS5 tokens, one per query word, in
    query order) and every filter value of ``facets``, dated inside ``window`` (two time keys,
    both included), in the order ``bm25()`` then newer then smaller article id; ``outside`` is
    the set of rowids dated outside the window when there are at most :data:`FEW_OUTSIDE`, else
    None; ``averages`` FTS5's row count and average row length; ``reference`` the average length
    the bounds were made at."""
    n_rows, avgdl = averages
    size = reader.block_rows
    metas = [reader.term_blocks(t) for t in tokens]
    if not all(metas):
        return Ranked([], 0, (0, 0))
    idfs = [idf(n_rows, sum(m[2] for m in meta.values())) for meta in metas]
    blocks = set(min(metas, key=len))
    for meta in metas:
        blocks.intersection_update(meta)
    for facet in facets:
        blocks.intersection_update(reader.facet_blocks(facet))
    lo, hi = window

    matches: dict[int, dict[int, tuple[int, ...]]] | None = None
    if len(tokens) == 1 and not facets and outside is not None:
        total = sum(metas[0][b][2] for b in blocks)
        if outside:
            late = reader.postings(tokens[0], {r // size for r in outside})
            held = {b: set(unpack_postings(data)[0]) for b, data in late.items()}
            total -= sum(1 for r in outside if r % size in held.get(r // size, ()))
    else:
        dates = None if outside is not None else {b: d for b, (_, d) in reader.rows(blocks).items()}
        matches = _matches(reader, tokens, facets, blocks, dates, window, outside)
        total = sum(len(m) for m in matches.values())
        blocks = set(matches)

    bound = {
        b: sum(w * block_factor(m[b][0], m[b][1], reference, avgdl) for w, m in zip(idfs, metas, strict=True))
        for b in blocks
    }
    order = sorted(blocks, key=lambda b: (-bound[b], b))
    found: list[tuple[float, int, int]] = []  # (score, time key, rowid)
    threshold: float | None = None
    i, scored, step = 0, 0, 1
    while i < len(order):
        chunk: list[int] = []
        held = 0
        while i < len(order) and (threshold is None or bound[order[i]] >= threshold):
            block = order[i]
            chunk.append(block)
            held += len(matches[block]) if matches is not None else metas[0][block][2]
            i += 1
            if held >= FIRST_MATCHES * step and len(chunk) >= step:
                break
        if not chunk:
            break
        scored += len(chunk)
        step *= 2
        rows = reader.rows(chunk)
        if matches is None:
            lists = reader.postings(tokens[0], chunk)
            here = {
                b: {o: (f,) for o, f in zip(*unpack_postings(lists[b]), strict=True)} for b in chunk if b in lists
            }
        else:
            here = {b: matches[b] for b in chunk}
        for block, items in here.items():
            lengths, dates = rows[block]
            base = block * size
            for offset, freqs in items.items():
                when = dates[offset]
                if not lo <= when <= hi:
                    continue
                length = lengths[offset]
                score = 0.0
                for w, f in zip(idfs, freqs, strict=True):
                    score += w * term_factor(float(f), length, avgdl)
                found.append((score, when, base + offset))
        if len(found) >= k:
            threshold = heapq.nlargest(k, (s for s, _, _ in found))[-1]

    found.sort(key=lambda r: (-r[0], -r[1]))
    if len(found) > k:
        last = found[k - 1][:2]
        cut = k
        while cut < len(found) and found[cut][:2] == last:
            cut += 1
        found = found[:cut]
    ids = reader.article_ids(r for _, _, r in found) if found else {}
    best = sorted(((-1.0 * s, ids[r], when, r) for s, when, r in found), key=lambda x: (x[0], -x[2], x[1]))[:k]
    return Ranked([(r, s, aid, when) for s, aid, when, r in best], total, (len(order), scored))
