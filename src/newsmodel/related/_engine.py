"""The numpy engine of :class:`~newsmodel.related.index.RelatedIndex` (needs the ``related`` extra).

Block-max pruning on up to three levels.  Articles are laid out grouped by their first deepest
category and, within it, by date, and cut into *blocks* of 64 rows; each block is cut into
*sub-blocks* of 4, and on a large corpus every 8 consecutive blocks make a *super-block*.  Each
block keeps the set of its members' categories and its date range; each unit of every level keeps
per feature (tag, author, keyword) the largest value any member has, as one posting list per
feature and level.  For a query, a unit gets an upper bound of any member's score:

- tags, authors, text: ``Σ_f w_f · q_f · max_f`` over the query's features (``w_f`` the weight of
  the feature's signal), read from the postings of the query's own features: each member's value
  of a signal is at most the dot product with the unit's maxima;
- category: the best proximity of the block's categories to the query's (the best of its blocks'
  for a super-block);
- recency: from the block's date nearest to the query's (among those at or before ``as_of``).

Every unit of the engine's top level (sub-blocks, or super-blocks from :data:`SUPER_FROM` blocks)
is bounded at once; a block only once its super-block's bound reaches the bar (the super-block is
*refined*), and a sub-block once its block's does, from the postings of the query's features inside
the refined units (each posting points to the postings of the same feature in the units one level
down).  A unit's maxima are at least those of every unit inside it, so a unit below the bar holds
no member above it.

The blocks and their maxima are built once over every article that is visible at some instant;
``as_of`` is applied per query: members dated after it are never candidates, blocks of only such
members are skipped, and the recency bound looks only at the part of a block's date range up to
``as_of``.  A maximum over all members bounds any subset of them, so the bounds stay valid.

With numba installed (the ``jit`` extra), the bound of every sub-block and the estimates of the
rows run as compiled loops (:mod:`newsmodel.related._kernels`, the same sums in the same order),
and the top level is the sub-blocks at any size: compiled, bounding every sub-block costs less
than the calls the levels above would spare.  A batch of the corpus's own articles
(:meth:`Engine.query_all_signals`) runs the whole search of a block of them in one compiled call
(:func:`~newsmodel.related._kernels.search`), up to each query's ranked estimates that reach its
bar; only the rescoring runs in Python, and an answer whose diversity caps need candidates below
that bar is searched again the single query's way.  The postings keep their maxima in single
precision rounded up (:func:`_up32`) and their units in 32 bits: the bounds stay bounds, and a
query reads half the bytes.

The members of the sub-blocks with the best bounds are estimated first (vectorized) for a bar,
then those of every sub-block whose bound reaches the ``k``-th best estimate; the best estimates
are then rescored with the exact pure-Python scorer, in order, until no unrescored estimate can
reach the last pick.  Estimates (double precision) differ from exact scores only by float
rounding, far below the slack :data:`EPS` used at every comparison, so the answer is the
brute-force answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

from newsmodel.related.features import Features, Profile
from newsmodel.related.score import Scorer

__all__ = ["BLOCK_SIZE", "EPS", "SUB_BLOCK", "SUPER_BLOCK", "Engine"]

#: Slack (in raw score units) added to every bound, far above float rounding of O(1) sums.
EPS = 1e-9
#: Articles per block.
BLOCK_SIZE = 64
#: Rows of a sub-block.  A query estimates the members of the sub-blocks whose bound reaches its bar:
#: maxima over 4 members come from fewer members than over 64 (or 8), so far fewer rows reach the
#: bar, for a sixth more postings (see the design notes).
SUB_BLOCK = 4
#: Sub-blocks a single query estimates first, best bound first, for a bar.
FIRST_SUBS = 32
#: Consecutive blocks of a super-block, the coarsest unit of the search on a large corpus.
SUPER_BLOCK = 8
#: Blocks from which a query of the numpy path starts from super-blocks; with fewer it bounds every
#: sub-block (the levels above cost more calls than the postings they spare; see the design notes).
#: The compiled path bounds every sub-block at any size.
SUPER_FROM = 8192
#: Units a query refines first on each level (blocks, super-blocks), best bound first, for a bar.
FIRST_UNITS = (0, 64, 32)

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
F32 = npt.NDArray[np.float32]
#: Indices of either width (the postings' units are 32-bit).
Idx = npt.NDArray[np.signedinteger[Any]]
#: The five signal values of a scored pair (tags, category, authors, text, recency).
Values = tuple[float, float, float, float, float]
#: A pick with its signal values: ``(score, profile, values)``.
Pick = tuple[float, Profile, Values]


def _ranges(starts: I64, stops: I64) -> I64:
    """The concatenation of ``arange(starts[i], stops[i])``."""
    lengths = stops - starts
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    keep = lengths > 0
    starts, lengths = starts[keep], lengths[keep]
    offsets = np.cumsum(lengths)
    out = np.ones(total, dtype=np.int64)
    out[0] = starts[0]
    out[offsets[:-1]] = starts[1:] - (starts[:-1] + lengths[:-1]) + 1
    return np.cumsum(out)


def _load_kernels(required: bool) -> Any:
    """The compiled loops, or None where numba cannot be imported (then an ``ImportError`` if they
    are ``required``)."""
    try:
        from newsmodel.related import _kernels
    except ImportError:
        if required:
            raise
        return None
    return _kernels


def _up32(values: F64) -> F32:
    """``values`` as single-precision floats, each rounded up to at least the double it stands for:
    a sum of products with them bounds the same sum with the doubles, and a posting list of them
    (with 32-bit units) takes half the memory, and half the memory a query's bounds read."""
    out = values.astype(np.float32)
    low = out < values
    out[low] = np.nextafter(out[low], np.float32(np.inf))
    return out


_MAX_SLOTS = 16  # category slots per article or block; more is bounded by the best proximity


class _Level:
    """One level of the search's units (sub-blocks, blocks or super-blocks) and its postings: for
    every feature, the units where a member has it and the largest value there (rounded up to
    single precision, :func:`_up32`), sorted by feature and unit.  Above the sub-blocks, unit ``u``
    holds the units ``first_child[u]:stop_child[u]`` of the level below, and posting ``j`` the
    postings ``child[j]:child[j + 1]`` there (the same feature in those units)."""

    __slots__ = ("child", "first_child", "n", "stop_child", "unit", "vmax")

    def __init__(self, n: int, unit: I64, vmax: F32) -> None:
        self.n = n
        self.unit = unit.astype(np.int32)
        self.vmax = vmax
        empty = np.empty(0, dtype=np.int64)
        self.child = self.first_child = self.stop_child = empty


class _Descent:
    """The bounds of one query's search, computed from the engine's top level down: every unit's there
    at once, a block's or a sub-block's below it only once the unit holding it is *refined* (the bound of a
    unit is at least that of every unit inside it, so a unit below the bar holds nothing above it).
    The sub-blocks with a bound are listed with it, and *taken* once handed out for estimates.

    A unit's bound is its block's category and recency bound plus ``Σ_f w_f·q_f·max_f`` over the
    query's features ``f`` (``w_f`` the weight of the feature's signal, ``max_f`` the largest value
    of ``f`` in the unit), summed with one ``bincount`` over the query's postings there.
    """

    __slots__ = ("bounds", "cat", "engine", "older", "postings", "q_time", "refined", "sub_bound", "sub_id", "taken")

    def __init__(self, engine: Engine, q_time: int, fids: I64, qvs: F64, arow: F64, as_of_us: int) -> None:
        self.engine = e = engine
        self.q_time = q_time
        self.older = e.scorer.config.older_only
        levels = e.levels
        top = e.top
        cat = e._category_recency(q_time, arow, self.older, as_of_us)
        self.cat = [cat, cat, np.maximum.reduceat(cat, e.super_first) if top == 2 and len(cat) else cat]
        # per level above the sub-blocks (whose bounds are listed with them): every unit's bound,
        # -inf until computed, and whether it is refined
        self.bounds = [np.full(level.n if 0 < i <= top else 0, -math.inf) for i, level in enumerate(levels)]
        self.refined = [np.zeros(level.n if 0 < i <= top else 0, dtype=bool) for i, level in enumerate(levels)]
        # per level, the query's postings known there: (index, w_f·q_f, unit)
        self.postings: list[list[tuple[I64, F64, Idx]]] = [[] for _ in levels]
        units = np.arange(levels[top].n, dtype=np.int64)
        w = e.sig_weight[e.feature_signal[fids]] * qvs
        if top == 0 and e.kernels is not None:
            bound = e.kernels.sub_bounds(fids, w, cat, self.older, q_time, EPS, e.kernel_postings)
        else:
            lo, hi = e.top_ptr[fids], e.top_ptr[fids + 1]
            postings = _ranges(lo, hi)
            wq = np.repeat(w, hi - lo)
            unit = levels[top].unit[postings]
            bound = self._bounds(top, units, unit, postings, wq)
            if top:
                self.bounds[top] = bound
                self.postings[top].append((postings, wq, unit))
                units, bound = units[:0], bound[:0]
        self.sub_id = units
        self.sub_bound = bound
        self.taken = np.zeros(len(units), dtype=bool)

    def _bounds(self, level: int, units: I64, local: Idx, postings: I64, wq: F64) -> F64:
        """The bounds of ``units`` of ``level`` from the query's ``postings`` there (``wq`` the
        weighted query value of each, ``local`` the index of its unit in ``units``)."""
        e = self.engine
        if level == 0:
            bound = self.cat[0][e.sub_parent[units]]
            if self.older:
                bound[e.sub_tmin[units] > self.q_time] = -math.inf
        else:
            bound = self.cat[level][units]
        if len(postings):
            bound = bound + np.bincount(local, weights=wq * e.levels[level].vmax[postings], minlength=len(units))
        return bound * (1 + 1e-12) + EPS

    def refine(self, level: int, units: I64) -> None:
        """Bound every unit inside ``units`` (sorted, of ``level`` >= 1, none refined yet)."""
        e = self.engine
        here, below = e.levels[level], e.levels[level - 1]
        chunks = self.postings[level]
        if len(chunks) > 1:
            chunks[:] = [
                (
                    np.concatenate([c[0] for c in chunks]),
                    np.concatenate([c[1] for c in chunks]),
                    np.concatenate([c[2] for c in chunks]),
                )
            ]
        postings, wq, posting_unit = chunks[0]
        # the index in `units` of each posting's unit, -1 outside them (refined ones included: their
        # postings stay in the list, as removing them would cost more than passing over them)
        where = np.full(here.n, -1, dtype=np.int64)
        where[units] = np.arange(len(units), dtype=np.int64)
        parent = where[posting_unit]
        mask = parent >= 0
        chosen = postings[mask]
        parent = parent[mask]
        lo, hi = here.child[chosen], here.child[chosen + 1]
        lengths = hi - lo
        child = _ranges(lo, hi)
        first, stop = here.first_child[units], here.stop_child[units]
        counts = stop - first
        children = _ranges(first, stop)
        # a child posting's index in `children`: its unit, shifted by where its parent's children start
        shift = np.cumsum(counts) - counts - first
        child_unit = below.unit[child]
        local = child_unit + np.repeat(shift[parent], lengths)
        wq_chosen = wq[mask]
        child_wq = np.repeat(wq_chosen, lengths)
        bound = self._bounds(level - 1, children, local, child, child_wq)
        self.refined[level][units] = True
        if level == 1:
            self.sub_id = np.concatenate((self.sub_id, children))
            self.sub_bound = np.concatenate((self.sub_bound, bound))
            self.taken = np.concatenate((self.taken, np.zeros(len(children), dtype=bool)))
        else:
            self.bounds[level - 1][children] = bound
            self.postings[level - 1].append((child, child_wq, child_unit))

    def _take(self, chosen: I64) -> I64:
        self.taken[chosen] = True
        return self.sub_id[chosen]

    def first(self, theta: float) -> I64:
        """A few sub-blocks of good bounds for a first bar: on each level, the :data:`FIRST_UNITS`
        units of the best bounds (that reach ``theta``) are refined, then the :data:`FIRST_SUBS`
        sub-blocks of the best bounds among theirs are taken."""
        for level in range(self.engine.top, 0, -1):
            bound = self.bounds[level]
            units = np.flatnonzero((bound >= theta - EPS) & ~self.refined[level])
            few = FIRST_UNITS[level]
            if len(units) > few:
                units = np.sort(units[np.argpartition(-bound[units], few - 1)[:few]])
            if len(units):
                self.refine(level, units)
        chosen = np.flatnonzero((self.sub_bound >= theta - EPS) & ~self.taken)
        if len(chosen) > FIRST_SUBS:
            chosen = chosen[np.argpartition(-self.sub_bound[chosen], FIRST_SUBS - 1)[:FIRST_SUBS]]
        return self._take(chosen)

    def reaching(self, theta: float) -> I64:
        """Every sub-block not taken yet whose bound reaches ``theta`` (the rest are below ``theta -
        EPS``), refining each unit above them whose bound reaches it."""
        for level in range(self.engine.top, 0, -1):
            units = np.flatnonzero((self.bounds[level] >= theta - EPS) & ~self.refined[level])
            if len(units):
                self.refine(level, units)
        return self._take(np.flatnonzero((self.sub_bound >= theta - EPS) & ~self.taken))


class Engine:
    """Block-max candidate pruning and vectorized score estimates over a :class:`Features`."""

    def __init__(
        self,
        features: Features,
        scorer: Scorer,
        *,
        block_size: int = BLOCK_SIZE,
        sub_block: int = SUB_BLOCK,
        super_block: int = SUPER_BLOCK,
        top_level: int | None = None,
        kernels: bool | None = None,
    ) -> None:
        self.features = features
        self.scorer = scorer
        #: The compiled loops (:mod:`newsmodel.related._kernels`), or None for numpy alone:
        #: ``kernels=None`` uses them when numba is installed, ``True`` requires numba (an
        #: ``ImportError`` without it), ``False`` never uses them.
        self.kernels: Any = None if kernels is False else _load_kernels(required=bool(kernels))
        profiles = features.profiles
        n = self.n = features.n
        cat_ids = sorted(features._parent)
        self.cat_index = {c: i for i, c in enumerate(cat_ids)}
        pad = len(cat_ids)

        def group(p: Profile) -> tuple[int, int, str]:
            first = self.cat_index[p.categories[0]] if p.categories else -1
            return (first, p.time, p.id)

        rows = sorted(profiles, key=group)
        self.row_pos = np.fromiter((p.position for p in rows), dtype=np.int64, count=n)
        self.row_of_pos = np.empty(n, dtype=np.int64)
        self.row_of_pos[self.row_pos] = np.arange(n, dtype=np.int64)
        self.row_time = np.fromiter((p.time for p in rows), dtype=np.int64, count=n)
        self.times = np.fromiter((p.time for p in profiles), dtype=np.int64, count=n)
        # blocks: runs of one group, cut every block_size rows
        starts: list[int] = []
        previous: int | None = None
        run = 0
        for i, p in enumerate(rows):
            g = self.cat_index[p.categories[0]] if p.categories else -1
            if g != previous or run == block_size:
                starts.append(i)
                previous, run = g, 0
            run += 1
        self.block_start = np.array(starts, dtype=np.int64)
        self.block_stop = np.r_[self.block_start[1:], n].astype(np.int64) if starts else np.empty(0, dtype=np.int64)
        nb = self.n_blocks = len(starts)
        empty = np.empty(0, dtype=np.int64)
        self.block_tmin = np.minimum.reduceat(self.row_time, self.block_start) if nb else empty
        self.block_tmax = np.maximum.reduceat(self.row_time, self.block_start) if nb else empty
        # sub-blocks: each block cut every sub_block rows (a block of fewer rows is one sub-block)
        per_block = -(-(self.block_stop - self.block_start) // sub_block)
        self.sub_parent = np.repeat(np.arange(nb, dtype=np.int64), per_block)
        self.sub_start = self.block_start[self.sub_parent] + sub_block * _ranges(np.zeros(nb, np.int64), per_block)
        self.sub_stop = np.minimum(self.sub_start + sub_block, self.block_stop[self.sub_parent])
        ns = self.n_subs = len(self.sub_start)
        sub_of_row = np.repeat(np.arange(ns, dtype=np.int64), self.sub_stop - self.sub_start)
        self.sub_tmin = np.minimum.reduceat(self.row_time, self.sub_start) if ns else empty

        w = scorer.weights
        self.w_cat, self.w_rec = w[1], w[4]
        self.sig_weight = np.array([w[0], w[2], w[3]], dtype=np.float64)
        self.half_life_us = scorer.half_life_us

        # one feature space for tags, authors and keywords; CSR rows in block order
        self.fmap: dict[tuple[int, str], int] = {}
        feature_signal: list[int] = []
        feats: list[int] = []
        vals: list[float] = []
        sigs: list[int] = []
        indptr = [0]
        fmap = self.fmap
        for p in rows:
            for s_i, vector in enumerate((p.tags, p.authors, p.text)):
                if not self.sig_weight[s_i]:
                    continue
                for key, value in vector.items():
                    fid = fmap.get((s_i, key))
                    if fid is None:
                        fid = fmap[(s_i, key)] = len(fmap)
                        feature_signal.append(s_i)
                    feats.append(fid)
                    vals.append(value)
                    sigs.append(s_i)
            indptr.append(len(feats))
        self.n_features = len(fmap)
        self.feature_signal = np.array(feature_signal, dtype=np.int64)
        self.indptr = np.array(indptr, dtype=np.int64)
        self.nnz_feature = np.array(feats, dtype=np.int64)
        self.nnz_value = np.array(vals, dtype=np.float64)
        self.nnz_signal = np.array(sigs, dtype=np.int64)
        del feats, vals, sigs, indptr  # the lists hold a float or int object per entry: free them before the maxima
        self.scratch = np.zeros(self.n_features, dtype=np.float64)

        # maxima of every feature per sub-block, as one posting list per feature of (sub-block,
        # maximum), sorted by sub-block; then per block and per super-block from those
        nnz_row = np.repeat(np.arange(n, dtype=np.int64), np.diff(self.indptr))
        skey = self.nnz_feature * max(ns, 1) + sub_of_row[nnz_row]
        del nnz_row
        order = np.argsort(skey, kind="stable")
        key_sorted = skey[order]
        del skey
        firsts = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]]) if len(key_sorted) else order
        post_max = np.maximum.reduceat(self.nnz_value[order], firsts) if len(firsts) else self.nnz_value[:0]
        feature, post_sub = np.divmod(key_sorted[firsts], max(ns, 1))
        del order, key_sorted, firsts
        # the entries a query's estimates read, in narrower types (after the keys above, which need 64 bits)
        self.nnz_feature = self.nnz_feature.astype(np.int32)
        self.nnz_signal = self.nnz_signal.astype(np.int8)
        #: The level a query bounds whole: 0 (every sub-block), 1 (blocks) or 2 (super-blocks); the
        #: levels above it are not built.  Only 0 uses the compiled bounds.
        self.top = top_level if top_level is not None else (2 if nb >= SUPER_FROM and self.kernels is None else 0)
        block_first_sub = np.r_[0, np.cumsum(per_block)].astype(np.int64)
        nsup = -(-nb // super_block)
        super_first = np.arange(0, nsup * super_block, super_block, dtype=np.int64)
        self.super_first = super_first
        self.levels = [_Level(ns, post_sub, _up32(post_max))]
        for parent, n_units, first, stop in (
            (self.sub_parent, nb, block_first_sub[:-1], block_first_sub[1:]),
            (
                np.arange(nb, dtype=np.int64) // super_block,
                nsup,
                super_first,
                np.minimum(super_first + super_block, nb),
            ),
        )[: self.top]:
            below = self.levels[-1]
            unit = parent[below.unit]
            cut = (
                np.flatnonzero(np.r_[True, (feature[1:] != feature[:-1]) | (unit[1:] != unit[:-1])])
                if len(unit)
                else unit
            )
            level = _Level(n_units, unit[cut], np.maximum.reduceat(below.vmax, cut) if len(cut) else below.vmax[:0])
            level.child = np.r_[cut, len(unit)].astype(np.int64)
            level.first_child, level.stop_child = first, stop
            feature = feature[cut]
            self.levels.append(level)
        self.top_ptr = np.searchsorted(feature, np.arange(self.n_features + 1)).astype(np.int64)
        del feature

        # categories: per row and per block, padded tables of category indices (pad -> proximity 0)
        width = min(_MAX_SLOTS, max(1, max((len(p.categories) for p in profiles), default=1)))
        table = np.full((n, width), pad, dtype=np.int64)
        overflow = np.zeros(n, dtype=bool)
        for i, p in enumerate(rows):
            overflow[i] = len(p.categories) > width
            for j, c in enumerate(p.categories[:width]):
                table[i, j] = self.cat_index[c]
        self.row_cats = table
        self.row_overflow = overflow if overflow.any() else overflow[:0]  # empty when no row overflows
        block_sets = [
            sorted({c for p in rows[a:b] for c in p.categories})
            for a, b in zip(starts, self.block_stop.tolist(), strict=True)
        ]
        bwidth = min(_MAX_SLOTS, max(1, max((len(s) for s in block_sets), default=1)))
        btable = np.full((nb, bwidth), pad, dtype=np.int64)
        boverflow = np.zeros(nb, dtype=bool)
        for b, cats in enumerate(block_sets):
            boverflow[b] = len(cats) > bwidth
            btable[b, : min(len(cats), bwidth)] = [self.cat_index[c] for c in cats[:bwidth]]
        self.block_cats = btable
        self.block_overflow = boverflow if boverflow.any() else boverflow[:0]  # empty when no block overflows
        self._arows: dict[tuple[str, ...], F64] = {}
        w_cat, w_rec, half_life = float(self.w_cat), float(self.w_rec), float(self.half_life_us)
        #: The arrays the compiled loops read, as their three tuples (see :mod:`~newsmodel.related._kernels`).
        self.kernel_blocks = (
            self.block_cats, self.block_overflow, self.block_tmin, self.block_tmax, w_cat, w_rec, half_life
        )  # fmt: skip
        sub_level = self.levels[0]
        self.kernel_postings = (
            self.top_ptr, sub_level.unit, sub_level.vmax, self.feature_signal, self.sub_parent, self.sub_tmin
        )  # fmt: skip
        self.kernel_rows = (
            self.sub_start, self.sub_stop, self.indptr, self.nnz_feature, self.nnz_value, self.nnz_signal,
            self.scratch, self.sig_weight, w_cat, self.row_cats, self.row_overflow, w_rec, self.row_time, half_life,
            self.row_pos,
        )  # fmt: skip

    # ------------------------------------------------------------------ helpers

    def _arow(self, categories: tuple[str, ...]) -> F64:
        found = self._arows.get(categories)
        if found is None:
            found = np.zeros(len(self.cat_index) + 1, dtype=np.float64)
            for c, v in self.features.category_row(categories).items():
                found[self.cat_index[c]] = v
            if len(self._arows) > 4096:
                self._arows.clear()
            self._arows[categories] = found
        return found

    def _recency(self, dt: npt.NDArray[np.int64]) -> F64:
        return np.exp2(-np.abs(dt).astype(np.float64) / self.half_life_us)

    # ------------------------------------------------------------------ query

    def _query_features(self, q: Profile) -> tuple[I64, F64]:
        """The query's global feature ids and values (features no visible article has are left out)."""
        if q.position >= 0:
            r = int(self.row_of_pos[q.position])
            lo, hi = int(self.indptr[r]), int(self.indptr[r + 1])
            return self.nnz_feature[lo:hi], self.nnz_value[lo:hi]
        fids: list[int] = []
        qvs: list[float] = []
        for s_i, vector in enumerate((q.tags, q.authors, q.text)):
            for key, value in vector.items():
                fid = self.fmap.get((s_i, key))
                if fid is not None:
                    fids.append(fid)
                    qvs.append(value)
        return np.array(fids, dtype=np.int64), np.array(qvs, dtype=np.float64)

    def _category_recency(self, qtime: int, arow: F64, older_only: bool, as_of_us: int) -> F64:
        """Per block, the bound of the category and recency signals (weighted, without slack), and
        ``-inf`` for a block with no member visible to the query."""
        bound = np.zeros(self.n_blocks, dtype=np.float64)
        if self.w_cat:
            cat = arow[self.block_cats].max(axis=1)
            if len(self.block_overflow):
                cat[self.block_overflow] = arow.max()
            bound += self.w_cat * cat
        if self.w_rec:
            # visible members are dated in [tmin, min(tmax, as_of)] (blocks with tmin > as_of drop out)
            tmax = np.minimum(self.block_tmax, as_of_us)
            if older_only:
                nearest = np.minimum(tmax, qtime)
            else:
                nearest = np.clip(qtime, np.minimum(self.block_tmin, tmax), tmax)
            bound += self.w_rec * self._recency(nearest - qtime)
        if older_only:
            bound[self.block_tmin > qtime] = -math.inf
        bound[self.block_tmin > as_of_us] = -math.inf
        return bound

    def visible_count(self, as_of_us: int) -> int:
        """How many articles (a prefix of the chronological positions) are visible at ``as_of_us``."""
        return int(np.searchsorted(self.times, as_of_us, side="right"))

    def query(self, q: Profile, k: int, exclude: frozenset[str], as_of_us: int) -> list[tuple[float, Profile]]:
        """The picked ``(score, profile)`` pairs for ``q`` among the articles visible at ``as_of_us``:
        the brute-force answer."""
        if k == 0 or self.n == 0:
            return []
        scorer = self.scorer
        features = self.features
        older_only = scorer.config.older_only
        if older_only:
            if q.position >= 0:
                older_limit = q.position
            else:
                older_limit = int(np.searchsorted(self.times, q.time, side="left"))
                while older_limit < self.n and features.profiles[older_limit].key < q.key:
                    older_limit += 1
        else:
            older_limit = self.n
        older_limit = min(older_limit, self.visible_count(as_of_us))
        skip = {features.position[x] for x in exclude if x in features.position}
        if q.position >= 0:
            skip.add(q.position)
        return [(score, other) for score, other, _ in self._picks(q, k, skip, older_limit, as_of_us)]

    def _picks(self, q: Profile, k: int, skip: set[int], older_limit: int, as_of_us: int) -> list[Pick]:
        """The picks of ``q`` with their signal values: the sub-blocks whose bound reaches the bar
        are estimated, the best estimates rescored (``k`` >= 1; candidates are the positions below
        ``older_limit`` that are not in ``skip``)."""
        fids, qvs = self._query_features(q)
        arow = self._arow(q.categories)
        descent = _Descent(self, q.time, fids, qvs, arow, as_of_us)
        self.scratch[fids] = qvs
        try:
            return self._answer(q, k, skip, older_limit, arow, descent)
        finally:
            self.scratch[fids] = 0.0

    # ------------------------------------------------------------------ batch

    def query_all_signals(
        self, k: int, as_of_us: int, blocks: Iterable[int] | None = None
    ) -> Iterator[tuple[int, list[Pick]]]:
        """``(position, picks)`` of every article visible at ``as_of_us``, each pick ``(score,
        profile, signal values)`` as the rescoring computed them: :meth:`query` of each, block by
        block.  ``blocks`` limits the queries to the members of those blocks (all by default).
        """
        if self.n == 0:
            return
        cut = self.visible_count(as_of_us)
        older_only = self.scorer.config.older_only
        profiles = self.features.profiles
        for b in range(self.n_blocks) if blocks is None else blocks:
            if self.block_tmin[b] > as_of_us:
                continue
            start, stop = int(self.block_start[b]), int(self.block_stop[b])
            if self.kernels is not None and self.top == 0 and k:  # the search reads the sub-blocks' postings
                rows = np.arange(start, stop, dtype=np.int64)
                rows = rows[self.row_pos[rows] < cut]
                yield from self._search(rows, k, as_of_us, cut)
                continue
            for p in self.row_pos[start:stop].tolist():
                if p < cut:
                    yield p, self._picks(profiles[p], k, {p}, p if older_only else cut, as_of_us) if k else []

    def _search(self, rows: I64, k: int, as_of_us: int, cut: int) -> Iterator[tuple[int, list[Pick]]]:
        """``(position, picks)`` of the articles of engine rows ``rows`` (``k`` >= 1, positions below
        ``cut``), each searched by the compiled :func:`~newsmodel.related._kernels.search` up to its
        ranked estimates, then rescored; an answer that needs a lower bar than the search's (the
        diversity caps passed over candidates) is searched again by :meth:`_picks`."""
        if not len(rows):
            return
        profiles = self.features.profiles
        older_only = self.scorer.config.older_only
        positions = self.row_pos[rows]
        queries = [profiles[p] for p in positions.tolist()]
        limits = positions if older_only else np.full(len(rows), cut, dtype=np.int64)
        offsets, pos, est, values, thetas = self.kernels.search(
            rows,
            limits,
            np.stack([self._arow(q.categories) for q in queries]),
            k,
            self.scorer.config.threshold * self.scorer.total,
            FIRST_SUBS,
            as_of_us,
            older_only,
            EPS,
            self.kernel_blocks,
            self.kernel_postings,
            self.kernel_rows,
        )
        cuts = offsets.tolist()
        pos_list, est_list = pos.tolist(), est.tolist()
        # the search's signal values are the pair function's floats unless a signal of weight zero
        # has no entries or a row overflows its category slots (see _kernels._estimate_into)
        values_list = values.tolist() if self.sig_weight.all() and not len(self.row_overflow) else None
        for i, (q, theta) in enumerate(zip(queries, thetas.tolist(), strict=True)):
            a, b = cuts[i], cuts[i + 1]
            known = None if values_list is None else values_list[a:b]
            picks, _ = self._rescore(q, k, pos_list[a:b], est_list[a:b], theta, {}, known)
            if picks is None:
                picks = self._picks(q, k, {q.position}, int(limits[i]), as_of_us)
            yield q.position, picks

    def _estimate(self, q: Profile, subs: I64, arow: F64) -> tuple[I64, F64]:
        """Chronological positions and estimated raw scores of the rows of sub-blocks ``subs``."""
        if self.kernels is not None:
            return self.kernels.estimate(subs, arow, q.time, self.kernel_rows)  # type: ignore[no-any-return]
        rows = _ranges(self.sub_start[subs], self.sub_stop[subs])
        m = len(rows)
        if m == 0:
            return rows, np.zeros(0, dtype=np.float64)
        starts, stops = self.indptr[rows], self.indptr[rows + 1]
        nnz = _ranges(starts, stops)
        slot = np.repeat(np.arange(0, 3 * m, 3, dtype=np.int64), stops - starts) + self.nnz_signal[nnz]
        contrib = self.scratch[self.nnz_feature[nnz]] * self.nnz_value[nnz]
        parts = np.bincount(slot, weights=contrib, minlength=3 * m).astype(np.float64, copy=False).reshape(m, 3)
        np.minimum(parts, 1.0, out=parts)
        w = self.sig_weight.tolist()
        total = w[0] * parts[:, 0] + w[1] * parts[:, 1] + w[2] * parts[:, 2]
        if self.w_cat:
            cat = arow[self.row_cats[rows]].max(axis=1)
            if len(self.row_overflow):
                cat[self.row_overflow[rows]] = arow.max()
            total += self.w_cat * cat
        if self.w_rec:
            total += self.w_rec * self._recency(self.row_time[rows] - q.time)
        return self.row_pos[rows], total

    def _answer(self, q: Profile, k: int, skip: set[int], older_limit: int, arow: F64, descent: _Descent) -> list[Pick]:
        """The picks of ``q``: every sub-block whose bound reaches the bar is estimated, the best
        estimates rescored exactly; a few sub-blocks of the best bounds are estimated first, for a
        first bar (:meth:`_Descent.first`)."""
        scorer = self.scorer
        threshold_raw = scorer.config.threshold * scorer.total
        skip_arr = np.array(sorted(skip), dtype=np.int64)
        positions: list[I64] = []
        estimates: list[F64] = []

        def score_subs(chosen: I64) -> None:
            if not len(chosen):
                return
            pos, est = self._estimate(q, chosen, arow)
            keep = pos < older_limit
            if len(skip_arr) == 1:
                keep &= pos != skip_arr[0]
            elif len(skip_arr):
                keep &= ~np.isin(pos, skip_arr)
            positions.append(pos[keep])
            estimates.append(est[keep])

        score_subs(descent.first(threshold_raw))
        theta = threshold_raw
        est_all = np.concatenate(estimates) if estimates else np.empty(0)
        if len(est_all) >= k:
            theta = max(theta, float(np.partition(est_all, len(est_all) - k)[len(est_all) - k]))
        exact: dict[int, tuple[float, Values]] = {}
        while True:
            # every sub-block that may hold a score >= theta; the rest are below theta - EPS
            score_subs(descent.reaching(theta))
            est_all = np.concatenate(estimates) if estimates else np.empty(0)
            pos_all = np.concatenate(positions) if positions else np.empty(0, dtype=np.int64)
            keep = est_all >= theta - EPS
            est_all, pos_all = est_all[keep], pos_all[keep]
            order = np.argsort(-est_all, kind="stable")
            picks, theta = self._rescore(q, k, pos_all[order].tolist(), est_all[order].tolist(), theta, exact)
            if picks is not None:
                return picks

    def _rescore(
        self,
        q: Profile,
        k: int,
        ranked_pos: list[int],
        ranked_est: list[float],
        theta: float,
        exact: dict[int, tuple[float, Values]],
        known: list[list[float]] | None = None,
    ) -> tuple[list[Pick] | None, float]:
        """The picks of ``q`` from the ranked estimates that reach ``theta - EPS`` (best first; every
        other candidate is below ``theta - EPS``), rescored exactly in order (``exact`` keeps the
        scores computed) until no unrescored estimate can reach the last pick: ``(picks, theta)``; or
        ``(None, lower)`` when the picks need candidates below the bar, to search again from
        ``lower``.  ``known`` holds, for each estimate, the tags, category, authors and text values of
        the pair function when the compiled search computed them (:meth:`Scorer.score_of`)."""
        scorer = self.scorer
        profiles = self.features.profiles
        threshold = scorer.config.threshold
        threshold_raw = threshold * scorer.total
        row = self.features.category_row(q.categories)
        m = min(len(ranked_pos), k)
        while True:
            top = ranked_pos[:m]
            for i, pos in enumerate(top):
                if pos not in exact:
                    if known is None:
                        exact[pos] = scorer.score_values(q, row, profiles[pos])
                    else:
                        tags, category, authors, text = known[i]
                        exact[pos] = scorer.score_of(q, profiles[pos], tags, category, authors, text)
            ranked = [(exact[pos][0], profiles[pos]) for pos in top if exact[pos][0] >= threshold]
            ranked.sort(key=scorer.order_key(q))
            picked, full = scorer.select(q, ranked, k)
            nxt = ranked_est[m] if m < len(ranked_est) else -math.inf
            if full:
                if picked[-1][0] * scorer.total > nxt + EPS:
                    break
            elif nxt < threshold_raw - EPS:
                break
            m = min(len(ranked_pos), 2 * m + 8)
        last_raw = picked[-1][0] * scorer.total if full else threshold_raw
        if last_raw >= theta - EPS / 2 or theta <= threshold_raw:
            return [(score, other, exact[other.position][1]) for score, other in picked], theta
        return None, max(threshold_raw, last_raw - EPS)
