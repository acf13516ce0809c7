"""The compiled loops of the related engine's search (numba, the ``jit`` extra).

:class:`~newsmodel.related._engine.Engine` uses them when numba is installed: the bound of every
sub-block and the estimates of the rows of the chosen ones, the two steps that cost most of a
query in numpy calls on small arrays; and, for a batch of articles of the corpus
(:meth:`~newsmodel.related._engine.Engine.query_all_signals`), the whole search of each up to the
ranked estimates that the rescoring reads (:func:`search`).  They compute the same sums as the numpy path, term by term
in the same order of postings and entries, so the bounds keep their slack and the estimates stay
within :data:`~newsmodel.related._engine.EPS` of the exact scores (the rescoring, in Python, is
shared by both paths).  Compiled on first use (about a second) and kept in numba's on-disk cache
(``cache=True``; where numba's ``caching`` module puts it: ``NUMBA_CACHE_DIR`` when set, else the
package's ``__pycache__``, else a user-wide cache directory), so a later process loads them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numba
import numpy as np
import numpy.typing as npt

__all__ = ["estimate", "search", "sub_bounds"]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
#: Indices of either width (a query's features are 32-bit).
Idx = npt.NDArray[np.signedinteger[Any]]
_F = TypeVar("_F", bound=Callable[..., Any])
#: The engine's blocks: category slots (indices into a query's proximities, padded with one of zero), the
#: blocks overflowing them (empty when none does), first and last dates, the category and recency
#: weights and the half-life (``Engine.kernel_blocks``).
Blocks = tuple[Any, ...]
#: The postings of the sub-blocks: each feature's range in ``top_ptr``, their sub-blocks and
#: maxima; each feature's signal; each sub-block's block and first date (``Engine.kernel_postings``).
Postings = tuple[Any, ...]
#: The engine's rows: the sub-blocks' ranges of rows, the rows' entries (CSR: pointers, features,
#: values, signals), the query's values by feature (zero elsewhere), the three signals' weights,
#: the category weight, the rows' category slots and those overflowing them (empty when none
#: does), the recency weight, the rows' dates, the half-life and the rows' chronological
#: positions (``Engine.kernel_rows``).
Rows = tuple[Any, ...]


def _compiled(fn: _F) -> _F:
    """``fn`` compiled, its machine code cached on disk; compiled in each process instead where
    numba finds no place for its cache (a read-only install with no writable cache directory:
    numba's ``cannot cache function ...: no locator available`` at decoration)."""
    try:
        return numba.njit(cache=True)(fn)  # type: ignore[return-value]
    except RuntimeError:
        return numba.njit(fn)  # type: ignore[no-any-return]


@numba.njit(inline="always")  # inlined into the loops that call it (a call per row costs a tenth of them)
def _best_slot(arow: F64, slots: I64, i: int) -> float:  # pragma: no cover - compiled
    """The largest of ``arow`` at the category slots of row ``i`` of ``slots`` (``max`` is exact)."""
    best = arow[slots[i, 0]]
    for z in range(1, slots.shape[1]):
        v = arow[slots[i, z]]
        if v > best:
            best = v
    return best  # type: ignore[no-any-return]


@_compiled
def _block_bounds(
    out: F64, arow: F64, q_time: int, older: bool, as_of_us: int, blocks: Blocks
) -> None:  # pragma: no cover - compiled; the numpy path computes the same, see the tests
    """Per block, the bound of the category and recency signals (weighted, without slack) into
    ``out``, ``-inf`` for a block with no member visible to the query: the sums of the numpy path's
    ``Engine._category_recency``, in its order (``block_overflow`` is empty when no block
    overflows its category slots)."""
    block_cats, block_overflow, block_tmin, block_tmax, w_cat, w_rec, half_life_us = blocks
    overflow = len(block_overflow) > 0
    best_any = arow.max() if len(arow) else 0.0
    for b in range(len(block_tmin)):
        v = 0.0
        if w_cat != 0.0:
            cat = best_any if overflow and block_overflow[b] else _best_slot(arow, block_cats, b)
            v += w_cat * cat
        if w_rec != 0.0:
            # visible members are dated in [tmin, min(tmax, as_of)]
            tmax = min(block_tmax[b], as_of_us)
            if older:
                nearest = min(tmax, q_time)
            else:
                nearest = min(max(q_time, min(block_tmin[b], tmax)), tmax)
            v += w_rec * np.exp2(-abs(nearest - q_time) / half_life_us)
        if (older and block_tmin[b] > q_time) or block_tmin[b] > as_of_us:
            v = -np.inf
        out[b] = v


@_compiled
def _sub_bounds_raw(
    out: F64, fids: Idx, wq: F64, block_bound: F64, older: bool, q_time: int, postings: Postings
) -> None:  # pragma: no cover - compiled; the numpy path computes the same, see the tests
    """:func:`sub_bounds` into ``out``, without the slack."""
    top_ptr, unit, vmax, _, sub_parent, sub_tmin = postings
    for s in range(len(sub_parent)):
        out[s] = block_bound[sub_parent[s]]
        if older and sub_tmin[s] > q_time:
            out[s] = -np.inf
    for i in range(len(fids)):
        f = fids[i]
        w = wq[i]
        for j in range(top_ptr[f], top_ptr[f + 1]):
            out[unit[j]] += w * vmax[j]


@numba.njit(inline="always")  # the slack of every bound, in the one expression both callers inline
def _slack(raw: float, eps: float) -> float:  # pragma: no cover - compiled
    return raw * (1 + 1e-12) + eps


@_compiled
def sub_bounds(
    fids: Idx, wq: F64, block_bound: F64, older: bool, q_time: int, eps: float, postings: Postings
) -> F64:  # pragma: no cover - compiled; the numpy path computes the same, see the tests
    """Every sub-block's bound: its block's category and recency bound (``-inf`` for a sub-block
    dated after the query when ``older``) plus ``Σ_f wq_f · max_f`` over the postings of the query's
    features ``fids`` (posting ``j`` of feature ``f`` in ``top_ptr[f]:top_ptr[f + 1]``, in sub-block
    ``unit[j]`` with maximum ``vmax[j]``), with the relative and absolute slack of the numpy path."""
    out = np.empty(len(postings[4]), dtype=np.float64)
    _sub_bounds_raw(out, fids, wq, block_bound, older, q_time, postings)
    for s in range(len(out)):
        out[s] = _slack(out[s], eps)
    return out


@_compiled
def _grown(
    pos: I64, est: F64, values: F64, used: int, need: int
) -> tuple[I64, F64, F64]:  # pragma: no cover - compiled
    """Positions, estimates and values with room for ``need`` (at least twice as many), the first
    ``used`` copied."""
    size = max(2 * len(pos), need)
    grown_pos = np.empty(size, dtype=np.int64)
    grown_pos[:used] = pos[:used]
    grown_est = np.empty(size, dtype=np.float64)
    grown_est[:used] = est[:used]
    grown_values = np.empty((size, 4), dtype=np.float64)
    grown_values[:used] = values[:used]
    return grown_pos, grown_est, grown_values


@_compiled
def _estimate_into(
    pos: I64,
    est: F64,
    values: F64,
    k: int,
    subs: I64,
    arow: F64,
    q_time: int,
    limit: int,
    skip: int,
    rows: Rows,
) -> tuple[I64, F64, F64, int]:  # pragma: no cover - compiled; the numpy path computes the same, see the tests
    """:func:`estimate` of the rows of ``subs`` whose position is below ``limit`` and is not
    ``skip``, written from index ``k`` of ``pos`` and ``est`` (grown when full), with the row's
    tags, category, authors and text values in ``values[k]``: the arrays and the index after the
    last one written.

    The four values are the floats of :func:`~newsmodel.related.features.signal_values` when the
    three weights of ``sig_weight`` are not zero (the engine keeps no entry of a signal of weight
    zero) and no row overflows its category slots: a signal's sum adds the products of the
    query's and the row's values over the row's entries in their (sorted) key order, as
    ``sparse_dot`` adds those of the shared keys in the query's (sorted) key order, and an entry
    the query lacks adds an exact ``0.0``; the cap at 1 and the best category proximity are the
    same comparisons."""
    (
        sub_start, sub_stop, indptr, nnz_feature, nnz_value, nnz_signal, scratch, sig_weight, w_cat, row_cats,
        row_overflow, w_rec, row_time, half_life_us, row_pos,
    ) = rows  # fmt: skip
    overflow = len(row_overflow) > 0
    best_any = arow.max() if len(arow) else 0.0
    w0, w1, w2 = sig_weight[0], sig_weight[1], sig_weight[2]
    for s in subs:
        need = k + sub_stop[s] - sub_start[s]
        if need > len(pos):
            pos, est, values = _grown(pos, est, values, k, need)
        for r in range(sub_start[s], sub_stop[s]):
            p = row_pos[r]
            if p >= limit or p == skip:
                continue
            p0 = 0.0
            p1 = 0.0
            p2 = 0.0
            for j in range(indptr[r], indptr[r + 1]):
                c = scratch[nnz_feature[j]] * nnz_value[j]
                g = nnz_signal[j]
                if g == 0:
                    p0 += c
                elif g == 1:
                    p1 += c
                else:
                    p2 += c
            p0 = min(p0, 1.0)
            p1 = min(p1, 1.0)
            p2 = min(p2, 1.0)
            total = w0 * p0 + w1 * p1 + w2 * p2
            cat = best_any if overflow and row_overflow[r] else _best_slot(arow, row_cats, r)
            if w_cat != 0.0:
                total += w_cat * cat
            if w_rec != 0.0:
                total += w_rec * np.exp2(-abs(row_time[r] - q_time) / half_life_us)
            pos[k] = p
            est[k] = total
            values[k, 0] = p0
            values[k, 1] = cat
            values[k, 2] = p1
            values[k, 3] = p2
            k += 1
    return pos, est, values, k


@_compiled
def estimate(
    subs: I64, arow: F64, q_time: int, rows: Rows
) -> tuple[I64, F64]:  # pragma: no cover - compiled; the numpy path computes the same, see the tests
    """Chronological positions and estimated raw scores of the rows of sub-blocks ``subs``: per
    signal the sum of query value (``scratch``) times row value over the row's entries, capped at 1,
    weighted; plus the category (the best proximity of the row's categories, ``arow``'s largest for
    a row in ``row_overflow``, which is empty when no row overflows) and the recency signals."""
    sub_start, sub_stop = rows[0], rows[1]
    m = 0
    for s in subs:
        m += sub_stop[s] - sub_start[s]
    pos = np.empty(m, dtype=np.int64)
    est = np.empty(m, dtype=np.float64)
    values = np.empty((m, 4), dtype=np.float64)
    pos, est, _, m = _estimate_into(pos, est, values, 0, subs, arow, q_time, 1 << 62, -1, rows)
    return pos[:m], est[:m]


@numba.njit(inline="always")
def _keep_best(heap_b: F64, heap_s: I64, nh: int, v: float, s: int) -> int:  # pragma: no cover - compiled
    """Sub-block ``s`` of bound ``v`` offered to the min-heap ``heap_b`` (bounds) / ``heap_s``
    (sub-blocks) of the ``len(heap_b)`` best bounds so far, ``nh`` held: how many it holds after."""
    # each case ends with its own writes and return: one shared tail ran the batch's search a
    # quarter slower at 100,000 (16.3-17.6 s against 13.3-13.7 s, alternating, the same session)
    size = len(heap_b)
    if nh < size:  # room: sift up
        i = nh
        while i > 0:
            parent = (i - 1) >> 1
            if heap_b[parent] <= v:
                break
            heap_b[i] = heap_b[parent]
            heap_s[i] = heap_s[parent]
            i = parent
        heap_b[i] = v
        heap_s[i] = s
        return nh + 1
    if v <= heap_b[0]:
        return nh
    i = 0  # replace the least: sift down
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        if child + 1 < size and heap_b[child + 1] < heap_b[child]:
            child += 1
        if heap_b[child] >= v:
            break
        heap_b[i] = heap_b[child]
        heap_s[i] = heap_s[child]
        i = child
    heap_b[i] = v
    heap_s[i] = s
    return nh


@_compiled
def _kth_largest(values: F64, k: int) -> float:  # pragma: no cover - compiled
    """The ``k``-th largest of ``values`` (``1 <= k <= len(values)``)."""
    return -np.partition(-values, k - 1)[k - 1]  # type: ignore[no-any-return]


@_compiled
def search(
    queries: I64,
    limits: I64,
    arows: F64,
    k: int,
    threshold_raw: float,
    first_subs: int,
    as_of_us: int,
    older: bool,
    eps: float,
    blocks: Blocks,
    postings: Postings,
    rows: Rows,
) -> tuple[I64, I64, F64, F64, F64]:  # pragma: no cover - compiled; the tests compare it with the numpy path
    """The search of each query row ``queries[i]`` (an article of the corpus, category proximities
    ``arows[i]``; candidates are the positions below ``limits[i]`` but its own), as
    ``Engine._Descent`` and ``Engine._answer`` run it on the sub-blocks: every sub-block bounded;
    the rows of the ``first_subs`` sub-blocks of the best bounds that reach ``threshold_raw``
    estimated; the bar ``theta`` raised to the ``k``-th best estimate; the rows of every other
    sub-block whose bound reaches ``theta`` estimated.

    Returns ``offsets``, ``pos``, ``est``, ``values`` and ``theta``: the estimates of query ``i``
    that reach ``theta[i] - eps``, best first, are ``est[offsets[i]:offsets[i + 1]]`` with their
    positions in ``pos`` and the rows' four values (:func:`_estimate_into`) in ``values``.  Every
    other row of the corpus is below ``theta[i] - eps``: its estimate is, or its sub-block's bound
    is."""
    feature_signal, sub_parent = postings[3], postings[4]
    indptr, nnz_feature, nnz_value, scratch, sig_weight, row_time, row_pos = (
        rows[2], rows[3], rows[4], rows[6], rows[7], rows[12], rows[14]
    )  # fmt: skip
    nq = len(queries)
    ns = len(sub_parent)
    block_bound = np.empty(len(blocks[2]), dtype=np.float64)
    bound = np.empty(ns, dtype=np.float64)
    taken = np.zeros(ns, dtype=np.bool_)
    chosen = np.empty(ns, dtype=np.int64)
    cand_sub = np.empty(ns, dtype=np.int64)
    cand_bound = np.empty(ns, dtype=np.float64)
    heap_b = np.empty(max(first_subs, 1), dtype=np.float64)
    heap_s = np.empty(max(first_subs, 1), dtype=np.int64)
    cand_pos = np.empty(1024, dtype=np.int64)
    cand_est = np.empty(1024, dtype=np.float64)
    cand_values = np.empty((1024, 4), dtype=np.float64)
    offsets = np.zeros(nq + 1, dtype=np.int64)
    out_pos = np.empty(16 * nq + 16, dtype=np.int64)
    out_est = np.empty(16 * nq + 16, dtype=np.float64)
    out_values = np.empty((16 * nq + 16, 4), dtype=np.float64)
    thetas = np.empty(nq, dtype=np.float64)
    n_out = 0
    for i in range(nq):
        r = queries[i]
        q_time = row_time[r]
        skip = row_pos[r]
        lo, hi = indptr[r], indptr[r + 1]
        fids = nnz_feature[lo:hi]
        wq = np.empty(hi - lo, dtype=np.float64)
        for j in range(hi - lo):
            f = fids[j]
            v = nnz_value[lo + j]
            scratch[f] = v
            wq[j] = sig_weight[feature_signal[f]] * v
        arow = arows[i]
        _block_bounds(block_bound, arow, q_time, older, as_of_us, blocks)
        _sub_bounds_raw(bound, fids, wq, block_bound, older, q_time, postings)
        # every bound with its slack; those that reach the threshold kept as candidates (written
        # always, counted when they reach it: a branch taken for a third of the sub-blocks at
        # random costs more than the pass), the best first_subs of them in a heap
        bar = threshold_raw - eps
        n_cand = 0
        for s in range(ns):
            sb = _slack(bound[s], eps)
            cand_sub[n_cand] = s
            cand_bound[n_cand] = sb
            n_cand += sb >= bar
        nh = 0
        for t in range(n_cand):
            nh = _keep_best(heap_b, heap_s, nh, cand_bound[t], cand_sub[t])
        # first: the rows of the sub-blocks of the best bounds
        for t in range(nh):
            taken[heap_s[t]] = True
        cand_pos, cand_est, cand_values, n = _estimate_into(
            cand_pos, cand_est, cand_values, 0, heap_s[:nh], arow, q_time, limits[i], skip, rows
        )
        theta = threshold_raw
        if n >= k:
            theta = max(theta, _kth_largest(cand_est[:n], k))
        # then every other candidate whose bound reaches the bar
        bar = theta - eps
        n_chosen = 0
        for t in range(n_cand):
            s = cand_sub[t]
            if cand_bound[t] >= bar and not taken[s]:
                chosen[n_chosen] = s
                n_chosen += 1
        for t in range(nh):
            taken[heap_s[t]] = False
        cand_pos, cand_est, cand_values, n = _estimate_into(
            cand_pos, cand_est, cand_values, n, chosen[:n_chosen], arow, q_time, limits[i], skip, rows
        )
        for j in range(hi - lo):
            scratch[fids[j]] = 0.0
        # the estimates that reach the bar, best first
        kept = 0
        for t in range(n):
            if cand_est[t] >= bar:
                cand_pos[kept] = cand_pos[t]
                cand_est[kept] = cand_est[t]
                cand_values[kept] = cand_values[t]
                kept += 1
        order = np.argsort(-cand_est[:kept], kind="mergesort")
        if n_out + kept > len(out_pos):
            out_pos, out_est, out_values = _grown(out_pos, out_est, out_values, n_out, n_out + kept)
        for t in range(kept):
            out_pos[n_out + t] = cand_pos[order[t]]
            out_est[n_out + t] = cand_est[order[t]]
            out_values[n_out + t] = cand_values[order[t]]
        n_out += kept
        offsets[i + 1] = n_out
        thetas[i] = theta
    return offsets, out_pos[:n_out], out_est[:n_out], out_values[:n_out], thetas
