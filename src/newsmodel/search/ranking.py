"""The best ``k`` hits of a query of words, ranked from the index's own postings
(:mod:`newsmodel.search.postings`) instead of FTS5's ``bm25()``, with the exact count.

A term is one token, or a phrase of several.  The index passes a phrase of two different tokens
as one token, the key of the pair (:func:`~newsmodel.search.postings.pair_key`), which has
postings of its own; longer phrases are asked of FTS5 (:class:`Phrases`).

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
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import compress
from typing import Protocol

import attrs

from newsmodel.search.bounds import K1, MARGIN, B, block_factors, idf, term_factor
from newsmodel.search.postings import (
    BlockMasks,
    PostingReader,
    mask_of,
    mask_offsets,
    offsets_mask,
    rows_mask,
    unpack_postings,
)

#: Ranked is the message from the ranking to the index, not a public value (no validators).
__all__ = ["Phrases", "rank_words"]

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


def _postings(reader: PostingReader, token: str, blocks: set[int], meta: dict[int, object]) -> dict[int, bytes]:
    """The packed postings of ``token`` in ``blocks`` (all of them read when ``blocks`` is most of
    the token's: one scan instead of a long list of block numbers)."""
    if 2 * len(blocks) >= len(meta):
        return reader.postings(token, None)
    return reader.postings(token, blocks)


def _matches(
    reader: PostingReader,
    tokens: Sequence[str],
    facets: Sequence[str],
    blocks: set[int],
    metas: Sequence[dict[int, tuple[float, float, int]]],
    dates: dict[int, array[int]] | None,
    window: tuple[int, int],
    outside: set[int] | None,
    required: Mapping[int, int] | None = None,
) -> tuple[dict[int, int], list[dict[int, bytes]]]:
    """Per block of ``blocks``, the rows holding every token and facet inside the date window, as
    a bitmap (blocks without any left out); and each token's packed postings, by block.  Dense
    blocks are intersected as integers, not row by row."""
    size = reader.block_rows
    lists = [_postings(reader, t, blocks, m) for t, m in zip(tokens, metas, strict=True)]  # type: ignore[arg-type]
    facet_lists = [reader.facet_offsets(f, blocks) for f in facets]
    lo, hi = window
    far: dict[int, int] = defaultdict(int)  # per block, the rows dated outside the window
    if dates is None and outside:
        for r in outside:
            far[r // size] |= 1 << (r % size)
    out: dict[int, int] = {}
    for block in blocks:
        mask = -1
        for postings in lists:
            data = postings.get(block)
            mask = mask & rows_mask(data) if data is not None else 0
            if not mask:
                break
        if mask and required is not None:
            mask &= required.get(block, 0)
        for facet in facet_lists:
            if not mask:
                break
            data = facet.get(block)
            mask = mask & offsets_mask(data) if data is not None else 0
        if not mask:
            continue
        if dates is not None:
            when = dates[block]
            mask = mask_of(o for o in mask_offsets(mask) if lo <= when[o] <= hi)
        elif block in far:
            mask &= ~far[block]
        if mask:
            out[block] = mask
    return out, lists


class Phrases(Protocol):
    """What only FTS5 knows of a phrase (a term of several tokens): how many rows hold it, and
    its weighted frequency in given rows."""

    def rows(self, term: int) -> BlockMasks:
        """Per block of the index holding the phrase of query term number ``term``, a bitmap of
        its rows that hold it."""

    def frequencies(self, term: int, rowids: Sequence[int]) -> dict[int, int]:
        """The weighted frequency of the phrase of term ``term`` in each of ``rowids`` that holds it."""


def rank_words(
    reader: PostingReader,
    terms: Sequence[Sequence[str]],
    facets: Sequence[str],
    window: tuple[int, int],
    outside: set[int] | None,
    k: int,
    averages: tuple[int, float],
    reference: float,
    phrases: Phrases | None = None,
) -> Ranked:
    """The best ``k`` rows holding every one of ``terms`` (each the FTS5 tokens of a query term,
    in query order: one token, or a phrase asked of ``phrases``) and every filter value of
    ``facets``, dated inside ``window`` (two time keys, both included), in the order ``bm25()``
    then newer then smaller article id; ``outside`` is the set of rowids dated outside the window
    when there are at most :data:`FEW_OUTSIDE`, else None; ``averages`` FTS5's row count and
    average row length; ``reference`` the average length the bounds were made at.

    FTS5 says which rows hold a phrase (and so its IDF); its frequency is asked only of the
    rows that could be hits."""
    n_rows, avgdl = averages
    size = reader.block_rows
    tokens = list(dict.fromkeys(t for term in terms for t in term))
    metas = {t: reader.term_blocks(t) for t in tokens}
    if not all(metas.values()):
        return Ranked([], 0, (0, 0))
    has_phrase = any(len(term) > 1 for term in terms)
    if has_phrase and phrases is None:
        raise ValueError("rank_words: a phrase needs FTS5 (phrases)")
    holding = [phrases.rows(i) if len(term) > 1 and phrases is not None else None for i, term in enumerate(terms)]
    counts = [
        rows.total if rows is not None else sum(m[2] for m in metas[term[0]].values())
        for rows, term in zip(holding, terms, strict=True)
    ]
    if has_phrase and not all(counts):
        return Ranked([], 0, (0, 0))
    idfs = [idf(n_rows, n) for n in counts]
    blocks = set(min(metas.values(), key=len))  # type: ignore[arg-type]
    for meta in metas.values():
        blocks.intersection_update(meta)
    for facet in facets:
        blocks.intersection_update(reader.facet_blocks(facet))
    required: Mapping[int, int] | None = None  # per block, the rows holding every phrase (a bitmap)
    phrase_masks = [r for r in holding if r is not None]
    if len(phrase_masks) == 1:
        required = phrase_masks[0]
        blocks.intersection_update(required)
    elif phrase_masks:
        every: dict[int, int] = {}
        for block in set(phrase_masks[0]).intersection(*phrase_masks[1:]):
            mask = -1
            for rows_held in phrase_masks:
                mask &= rows_held[block]
            if mask:
                every[block] = mask
        required = every
        blocks.intersection_update(required)

    # One term of one token (two terms that fold to one token are still two phrases to bm25()).
    single = len(terms) == 1 and not has_phrase and not facets
    matches: dict[int, int] | None = None  # per block, its rows that match (a bitmap)
    lists: dict[str, dict[int, bytes]] = {}
    total: int | None = None
    if single and outside is not None:
        total = sum(metas[tokens[0]][b][2] for b in blocks)
        if outside:
            late = reader.postings(tokens[0], {r // size for r in outside})
            late_held = {b: set(unpack_postings(data)[0]) for b, data in late.items()}
            total -= sum(1 for r in outside if r % size in late_held.get(r // size, ()))
    elif has_phrase and len(terms) == 1 and not facets and outside is not None:
        phrase_rows = holding[0] if holding[0] is not None else {}
        total = counts[0] - sum(phrase_rows.get(r // size, 0) >> (r % size) & 1 for r in outside)
    else:
        dates = None if outside is not None else {b: d for b, (_, d) in reader.rows(blocks).items()}
        matches, found_lists = _matches(
            reader, tokens, facets, blocks, [metas[t] for t in tokens], dates, window, outside, required
        )
        lists = dict(zip(tokens, found_lists, strict=True))
        total = sum(m.bit_count() for m in matches.values())
        blocks = set(matches)

    listed = list(blocks)
    factors = {t: block_factors([metas[t][b][:2] for b in listed], reference, avgdl) for t in tokens}
    sums = [0.0] * len(listed)  # each block's bound, summed term by term in query order
    for w, term in zip(idfs, terms, strict=True):
        least = factors[term[0]] if len(term) == 1 else list(map(min, *(factors[t] for t in term)))
        sums = [so_far + w * f for so_far, f in zip(sums, least, strict=True)]
    bound = dict(zip(listed, sums, strict=True))
    order = sorted(blocks, key=lambda b: (-bound[b], b))
    found: list[tuple[float, int, int]] = []  # (score, time key, rowid)
    threshold = -1.0
    at, scored, step = 0, 0, 1  # the next block of ``order``, blocks read, chunk growth
    while at < len(order):
        chunk: list[int] = []
        held = 0
        while at < len(order) and bound[order[at]] >= threshold:
            block = order[at]
            chunk.append(block)
            held += matches[block].bit_count() if matches is not None else min(metas[t][block][2] for t in tokens)
            at += 1
            if held >= FIRST_MATCHES * step and len(chunk) >= step:
                break
        if not chunk:
            break
        scored += len(chunk)
        step *= 2
        rows = reader.rows(chunk)
        if single:
            postings = reader.postings(tokens[0], chunk) if matches is None else lists[tokens[0]]
            w = idfs[0]
            for block in chunk:
                lengths, dates_here = rows[block]
                base = block * size
                offsets, freqs = unpack_postings(postings[block])
                if matches is not None:
                    mask = matches[block]
                    flags = [mask >> o & 1 for o in offsets]
                    freqs = array("I", compress(freqs, flags))
                    offsets = array("H", compress(offsets, flags))
                scored_rows = _score_rows(offsets, [freqs], lengths, dates_here, base, [w], avgdl, window, threshold)
                found.extend(row[:3] for row in scored_rows)
        else:
            if matches is None:  # the phrase path: the rows of the chunk holding every token
                here, chunk_lists = _matches(
                    reader, tokens, facets, set(chunk), [metas[t] for t in tokens], None, window, set(), required
                )
                lists = dict(zip(tokens, chunk_lists, strict=True))
            else:
                here = {b: matches[b] for b in chunk}
            pending: list[tuple[float, int, int, int, tuple[int, ...]]] = []
            for block, mask in here.items():
                lengths, dates_here = rows[block]
                base = block * size
                unpacked = {t: unpack_postings(lists[t][block]) for t in tokens}
                fewest = min(unpacked.values(), key=lambda p: len(p[0]))[0]
                ordered = [o for o in fewest if mask >> o & 1]
                keys = set(ordered)
                tables = {t: list(compress(f, map(keys.__contains__, o))) for t, (o, f) in unpacked.items()}
                if threshold > 0.0 and _below(ordered, tables, lengths, terms, idfs, avgdl, threshold):
                    continue
                # A phrase's frequency is at most its least frequent word's: a bound until verified.
                columns = [
                    list(map(min, *(tables[t] for t in term))) if len(term) > 1 else tables[term[0]] for term in terms
                ]
                if not has_phrase:  # every term one token: exact scores straight away
                    scored_rows = _score_rows(
                        ordered, columns, lengths, dates_here, base, idfs, avgdl, window, threshold
                    )
                    found.extend(row[:3] for row in scored_rows)
                    continue
                scored_rows = _score_rows(
                    ordered, columns, lengths, dates_here, base, idfs, avgdl, window, threshold, 1 + MARGIN
                )
                pending.extend((score, when, rowid, combo[-1], combo[:-1]) for score, when, rowid, combo in scored_rows)
            if has_phrase:
                assert phrases is not None
                threshold = _verify(pending, terms, idfs, avgdl, phrases, found, threshold, k)
        if len(found) >= k:
            threshold = max(threshold, heapq.nlargest(k, (s for s, _, _ in found))[-1])
            found = [r for r in found if r[0] >= threshold]

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


def _score_rows(
    offsets: Sequence[int],
    columns: Sequence[Sequence[int]],
    lengths: array[int],
    dates: array[int],
    base: int,
    idfs: Sequence[float],
    avgdl: float,
    window: tuple[int, int],
    threshold: float,
    slack: float = 1.0,
) -> list[tuple[float, int, int, tuple[int, ...]]]:
    """Score the rows at ``offsets`` of the block starting at rowid ``base``, each term's
    frequencies in ``columns``: ``(score, time key, rowid, (frequencies..., length))`` of those
    inside ``window`` whose score times ``slack`` reaches ``threshold``.  A score depends on the
    frequencies and the length alone: each distinct combination is scored once (as bm25() would,
    operation for operation), and the rows are matched to the good ones without a Python step per
    row."""
    k1p1, omb = K1 + 1.0, 1 - B
    combos = list(zip(*columns, map(lengths.__getitem__, offsets), strict=True))
    good: dict[tuple[int, ...], float] = {}
    for combo in set(combos):
        length = combo[-1]
        score = 0.0
        for w, f in zip(idfs, combo[:-1], strict=True):
            score += w * (f * k1p1 / (f + K1 * (omb + B * length / avgdl)))
        if score * slack >= threshold:
            good[combo] = score
    if not good:
        return []
    lo, hi = window
    return [
        (good[combo], when, base + offset, combo)
        for offset, combo in compress(zip(offsets, combos, strict=True), map(good.__contains__, combos))
        if lo <= (when := dates[offset]) <= hi
    ]


def _below(
    ordered: Sequence[int],
    tables: dict[str, list[int]],
    lengths: array[int],
    terms: Sequence[Sequence[str]],
    idfs: Sequence[float],
    avgdl: float,
    threshold: float,
) -> bool:
    """True when no row at ``ordered`` can reach ``threshold``: a bound from the largest frequency
    of each word and the shortest length among these rows alone (a filter or another word may
    have left out the rows the block's stored bound comes from)."""
    shortest = min(map(lengths.__getitem__, ordered))
    bound = 0.0
    for w, term in zip(idfs, terms, strict=True):
        f = min(max(tables[t]) for t in term)
        bound += w * term_factor(float(f), shortest, avgdl)
    return bound * (1 + MARGIN) < threshold


def _verify(
    pending: list[tuple[float, int, int, int, tuple[int, ...]]],
    terms: Sequence[Sequence[str]],
    idfs: Sequence[float],
    avgdl: float,
    phrases: Phrases,
    found: list[tuple[float, int, int]],
    threshold: float,
    k: int,
) -> float:
    """Check the phrases of the rows ``pending`` (their bounds first: a phrase is at most as
    frequent as the least frequent of its words) and add those that hold them to ``found`` with
    their exact score, until the next bound is below the k-th best score; the new threshold."""
    k1p1, omb = K1 + 1.0, 1 - B
    pending.sort(key=lambda r: -r[0])
    start = 0
    batch = max(2 * k, 32)
    while start < len(pending) and pending[start][0] * (1 + MARGIN) >= threshold:
        group = [r for r in pending[start : start + batch] if r[0] * (1 + MARGIN) >= threshold]
        start += batch
        rowids = [r[2] for r in group]
        exact: list[dict[int, int] | None] = [
            phrases.frequencies(i, rowids) if len(term) > 1 else None for i, term in enumerate(terms)
        ]
        for _, when, rowid, length, freqs in group:
            score = 0.0
            for i, (w, f) in enumerate(zip(idfs, freqs, strict=True)):
                table = exact[i]
                if table is not None:
                    if rowid not in table:
                        break
                    f = table[rowid]
                score += w * (f * k1p1 / (f + K1 * (omb + B * length / avgdl)))
            else:
                found.append((score, when, rowid))
        if len(found) >= k:
            threshold = max(threshold, heapq.nlargest(k, (s for s, _, _ in found))[-1])
    return threshold
