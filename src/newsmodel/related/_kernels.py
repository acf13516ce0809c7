"""The compiled loops of the related engine's search (numba, the ``jit`` extra).

:class:`~newsmodel.related._engine.Engine` uses them when numba is installed: the bound of every
sub-block and the estimates of the rows of the chosen ones, the two steps that cost most of a
query in numpy calls on small arrays.  They compute the same sums as the numpy path, term by term
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

__all__ = ["estimate", "sub_bounds"]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
_F = TypeVar("_F", bound=Callable[..., Any])


def _compiled(fn: _F) -> _F:
    """``fn`` compiled, its machine code cached on disk; compiled in each process instead where
    numba finds no place for its cache (a read-only install with no writable cache directory:
    numba's ``cannot cache function ...: no locator available`` at decoration)."""
    try:
        return numba.njit(cache=True)(fn)  # type: ignore[return-value]
    except RuntimeError:
        return numba.njit(fn)  # type: ignore[no-any-return]


@_compiled
def sub_bounds(
    top_ptr: I64,
    unit: I64,
    vmax: F64,
    fids: I64,
    wq: F64,
    block_bound: F64,
    sub_parent: I64,
    sub_tmin: I64,
    older: bool,
    q_time: int,
    eps: float,
) -> F64:  # pragma: no cover - compiled; the numpy path computes the same, see the tests
    """Every sub-block's bound: its block's category and recency bound (``-inf`` for a sub-block
    dated after the query when ``older``) plus ``Σ_f wq_f · max_f`` over the postings of the query's
    features ``fids`` (posting ``j`` of feature ``f`` in ``top_ptr[f]:top_ptr[f + 1]``, in sub-block
    ``unit[j]`` with maximum ``vmax[j]``), with the relative and absolute slack of the numpy path."""
    n = len(sub_parent)
    out = np.empty(n, dtype=np.float64)
    for s in range(n):
        out[s] = block_bound[sub_parent[s]]
        if older and sub_tmin[s] > q_time:
            out[s] = -np.inf
    for i in range(len(fids)):
        f = fids[i]
        w = wq[i]
        for j in range(top_ptr[f], top_ptr[f + 1]):
            out[unit[j]] += w * vmax[j]
    for s in range(n):
        out[s] = out[s] * (1 + 1e-12) + eps
    return out


@_compiled
def estimate(
    subs: I64,
    sub_start: I64,
    sub_stop: I64,
    indptr: I64,
    nnz_feature: I64,
    nnz_value: F64,
    nnz_signal: I64,
    scratch: F64,
    sig_weight: F64,
    w_cat: float,
    arow: F64,
    row_cats: I64,
    row_overflow: npt.NDArray[np.bool_],
    w_rec: float,
    row_time: I64,
    q_time: int,
    half_life_us: float,
    row_pos: I64,
) -> tuple[I64, F64]:  # pragma: no cover - compiled; the numpy path computes the same, see the tests
    """Chronological positions and estimated raw scores of the rows of sub-blocks ``subs``: per
    signal the sum of query value (``scratch``) times row value over the row's entries, capped at 1,
    weighted; plus the category (the best proximity of the row's categories, ``arow``'s largest for
    a row in ``row_overflow``, which is empty when no row overflows) and the recency signals."""
    m = 0
    for s in subs:
        m += sub_stop[s] - sub_start[s]
    pos = np.empty(m, dtype=np.int64)
    est = np.empty(m, dtype=np.float64)
    width = row_cats.shape[1]
    overflow = len(row_overflow) > 0
    best_any = arow.max() if len(arow) else 0.0
    w0, w1, w2 = sig_weight[0], sig_weight[1], sig_weight[2]
    k = 0
    for s in subs:
        for r in range(sub_start[s], sub_stop[s]):
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
            total = w0 * min(p0, 1.0) + w1 * min(p1, 1.0) + w2 * min(p2, 1.0)
            if w_cat != 0.0:
                if overflow and row_overflow[r]:
                    cat = best_any
                else:
                    cat = arow[row_cats[r, 0]]
                    for z in range(1, width):
                        v = arow[row_cats[r, z]]
                        if v > cat:
                            cat = v
                total += w_cat * cat
            if w_rec != 0.0:
                total += w_rec * np.exp2(-abs(row_time[r] - q_time) / half_life_us)
            pos[k] = row_pos[r]
            est[k] = total
            k += 1
    return pos, est
