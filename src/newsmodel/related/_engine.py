"""The numpy engine of :class:`~newsmodel.related.index.RelatedIndex` (needs the ``related`` extra).

Block-max pruning.  Articles are laid out grouped by their first deepest category and, within
it, by date, and cut into small *blocks*.  Each block keeps, per feature (tag, author, keyword),
the largest value any member has, the set of its members' categories and its date range.  For a
query, every block gets an upper bound of any member's score:

- tags, authors, text: ``min(1, Σ q_f · blockmax_f, sqrt(Σ_{f in block} q_f²))`` per signal (the
  second term is Cauchy–Schwarz against a unit vector that has only the block's features);
- category: the best proximity of the block's categories to the query's;
- recency: from the block's date nearest to the query's (among those at or before ``as_of``).

The blocks and their maxima are built once over every article that is visible at some instant;
``as_of`` is applied per query: members dated after it are never candidates, blocks of only such
members are skipped, and the recency bound looks only at the part of a block's date range up to
``as_of``.  A maximum over all members bounds any subset of them, so the bounds stay valid.

Blocks are scored (vectorized estimates of every member) in order of their bound until the
``k``-th best estimate is above every remaining bound; the best estimates are then rescored with
the exact pure-Python scorer, in order, until no unrescored estimate can reach the last pick.
Estimates differ from exact scores only by float rounding, below the slack used at every
comparison (:data:`EPS` for a bound, :meth:`Engine.estimate_slack` for an estimate), so the
answer is the brute-force answer.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable, Iterator

import numpy as np
import numpy.typing as npt

from newsmodel.related.features import Features, Profile
from newsmodel.related.score import Scorer

__all__ = ["BLOCK_SIZE", "EPS", "QUERY_GROUP", "SUB_BLOCK", "Engine"]

#: Slack (in raw score units) added to every bound, far above float rounding of O(1) sums.
EPS = 1e-9
#: The unit roundoff of single precision, in which a batch estimates the tags, authors and text
#: signals (see :meth:`Engine.estimate_slack`).
F32_UNIT = 2.0**-24
#: Articles per block.
BLOCK_SIZE = 64
#: Rows of a sub-block.  A single query bounds the sub-blocks of every block (their maxima kept as
#: one posting list per feature, so a query reads only the postings of its own features) and
#: estimates the members of the sub-blocks whose bound reaches its bar: maxima over 8 members come
#: from fewer members than over 64, so far fewer rows reach the bar (see the design notes).
SUB_BLOCK = 8
#: Sub-blocks a single query estimates first, best bound first, for a bar.
FIRST_SUBS = 32
#: Queries a batch estimates together: the members of every block any of them needs are estimated
#: for all of them, so a smaller group estimates fewer rows a query (the union of fewer queries'
#: needs) in more, smaller products.  At 100,000 generated articles 32 took about 0.8 of the time
#: of 64 (16 about the same as 32, 8 more); see the design notes.
QUERY_GROUP = 32
_SIGNALS = ("tags", "authors", "text")

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
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


_DENSE_BLOCKMAX_LIMIT = 8_000_000  # entries of the blocks x features table before going sparse
_BATCH_ENTRIES = 2_000_000  # entries of a batch's dense candidates x features table
_MAX_SLOTS = 16  # category slots per article or block; more is bounded by the best proximity


def _one_blas_thread() -> contextlib.AbstractContextManager[object]:
    """Keep BLAS to one thread while a batch runs, when threadpoolctl is installed.

    The batch's matrix products are small (a block of queries against the blocks they need):
    waking BLAS threads for each costs more than it saves, and much more on a busy machine
    (measured at 100,000 articles on two shared cores: 2.2 ms a query with threads, 0.6 ms
    without).
    """
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # no type hints
    except ImportError:  # pragma: no cover - installed with the related extra
        return contextlib.nullcontext()
    limits: contextlib.AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limits


class Engine:
    """Block-max candidate pruning and vectorized score estimates over a :class:`Features`."""

    def __init__(
        self, features: Features, scorer: Scorer, *, block_size: int = BLOCK_SIZE, sub_block: int = SUB_BLOCK
    ) -> None:
        self.features = features
        self.scorer = scorer
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
        longest = [0, 0, 0]  # the most features of each signal in one profile (the estimates' slack)
        fmap = self.fmap
        for p in rows:
            for s_i, vector in enumerate((p.tags, p.authors, p.text)):
                if not self.sig_weight[s_i]:
                    continue
                if len(vector) > longest[s_i]:
                    longest[s_i] = len(vector)
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
        self.est_slack = self.estimate_slack(np.array(longest, dtype=np.int64))
        self.scratch = np.zeros(self.n_features, dtype=np.float64)
        self.lookup = np.full(self.n_features, -1, dtype=np.int64)  # batch columns of features, else -1

        # maxima of every feature per sub-block (one posting list per feature), and from them per
        # block: a dense table when small, else per-feature lists
        nnz_row = np.repeat(np.arange(n, dtype=np.int64), np.diff(self.indptr))
        skey = self.nnz_feature * max(ns, 1) + sub_of_row[nnz_row]
        order = np.argsort(skey, kind="stable")
        key_sorted = skey[order]
        del nnz_row, skey
        self.dense_blockmax: F64 | None = None
        self.fblock: list[I64] = []
        self.fbmax: list[F64] = []
        self.sp_ptr = np.zeros(self.n_features + 1, dtype=np.int64)
        self.sp_sub = np.empty(0, dtype=np.int64)
        self.sp_max = np.empty(0, dtype=np.float64)
        if len(key_sorted):
            firsts = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]])
            sub_maxima = np.maximum.reduceat(self.nnz_value[order], firsts)
            ukey = key_sorted[firsts]
            del order, key_sorted, firsts
            sfeat, self.sp_sub = ukey // ns, ukey % ns
            self.sp_max = sub_maxima
            self.sp_ptr = np.searchsorted(sfeat, np.arange(self.n_features + 1)).astype(np.int64)
            # sorted by (feature, sub-block), so by (feature, block) too: the block maxima reduce runs
            bkey = sfeat * max(nb, 1) + self.sub_parent[self.sp_sub]
            firsts = np.flatnonzero(np.r_[True, bkey[1:] != bkey[:-1]])
            maxima = np.maximum.reduceat(sub_maxima, firsts)
            ufeat, ublock = sfeat[firsts], self.sub_parent[self.sp_sub[firsts]]
            del bkey, sfeat
            if nb * self.n_features <= _DENSE_BLOCKMAX_LIMIT:
                table_bm = np.zeros((nb, self.n_features), dtype=np.float64)
                table_bm[ublock, ufeat] = maxima
                self.dense_blockmax = table_bm
            else:
                cuts = np.searchsorted(ufeat, np.arange(self.n_features + 1))
                for f in range(self.n_features):
                    self.fblock.append(ublock[cuts[f] : cuts[f + 1]])
                    self.fbmax.append(maxima[cuts[f] : cuts[f + 1]])

        # categories: per row and per block, padded tables of category indices (pad -> proximity 0)
        width = min(_MAX_SLOTS, max(1, max((len(p.categories) for p in profiles), default=1)))
        table = np.full((n, width), pad, dtype=np.int64)
        overflow = np.zeros(n, dtype=bool)
        for i, p in enumerate(rows):
            overflow[i] = len(p.categories) > width
            for j, c in enumerate(p.categories[:width]):
                table[i, j] = self.cat_index[c]
        self.row_cats = table
        self.row_overflow = overflow if overflow.any() else None
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
        self.block_overflow = boverflow if boverflow.any() else None
        self._arows: dict[tuple[str, ...], F64] = {}

    # ------------------------------------------------------------------ helpers

    def estimate_slack(self, terms: I64) -> float:
        """How far an estimate may be from the exact raw score, when at most ``terms[s]`` features of
        the tags, authors and text vectors (``s`` = 0, 1, 2) are non-zero in one profile.

        A batch computes each of these signals as a single-precision dot product of two unit vectors
        (three times faster than double precision; the rest of the estimate is double).  Rounding
        the inputs costs at most two units of roundoff ``u`` (``2**-24``) of each product, and a sum
        of ``n`` non-zero products in any order at most ``n·u/(1 - n·u)`` of the sum of their
        absolute values (Higham, *Accuracy and Stability of Numerical Algorithms*, 3.1), which is at
        most 1 for unit vectors (Cauchy-Schwarz); products with a zero add exactly nothing.  So one
        signal is off by less than ``(n + 2)·u / (1 - (n + 2)·u)``, weighted by the signal's
        weight; the slack is twice the sum over the signals, plus :data:`EPS` for the double sums.
        """
        slack = 0.0
        for weight, count in zip(self.sig_weight.tolist(), terms.tolist(), strict=True):
            nu = (count + 2) * F32_UNIT
            slack += weight * nu / (1.0 - nu) if nu < 0.5 else math.inf
        return 2.0 * slack + EPS

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
            if self.block_overflow is not None:
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

    def _sub_bounds(self, q: Profile, fids: I64, qvs: F64, arow: F64, older_only: bool, as_of_us: int) -> F64:
        """An upper bound of the raw score of every member of each sub-block: the tags, authors and
        text bounds of :meth:`_block_bounds` from the sub-block's own maxima (read from the postings
        of the query's features only), the category and recency bounds of its block."""
        ns = self.n_subs
        bound = self._category_recency(q.time, arow, older_only, as_of_us)[self.sub_parent]
        if len(fids):
            lo, hi = self.sp_ptr[fids], self.sp_ptr[fids + 1]
            postings = _ranges(lo, hi)
            lengths = hi - lo
            qrep = np.repeat(qvs, lengths)
            slot = self.sp_sub[postings] * 3 + np.repeat(self.feature_signal[fids], lengths)
            linear = np.bincount(slot, weights=qrep * self.sp_max[postings], minlength=3 * ns)
            norm = np.sqrt(np.bincount(slot, weights=qrep * qrep, minlength=3 * ns))
            part = np.minimum(np.minimum(linear, norm), 1.0).reshape(ns, 3)
            bound += part @ self.sig_weight
        if older_only:
            bound[self.sub_tmin > q.time] = -math.inf
        return bound * (1 + 1e-12) + EPS

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
        fids, qvs = self._query_features(q)
        arow = self._arow(q.categories)
        bound = self._sub_bounds(q, fids, qvs, arow, older_only, as_of_us)
        units = (self.sub_start, self.sub_stop)
        self.scratch[fids] = qvs
        try:
            picks = self._answer(q, k, skip, older_limit, arow, bound, units=units, first=FIRST_SUBS)
            return [(score, other) for score, other, _ in picks]
        finally:
            self.scratch[fids] = 0.0

    # ------------------------------------------------------------------ batch

    def query_all(
        self, k: int, as_of_us: int, blocks: Iterable[int] | None = None
    ) -> Iterator[tuple[int, list[tuple[float, Profile]]]]:
        """``(position, picked pairs)`` of every article visible at ``as_of_us``: :meth:`query` in a
        batch (:meth:`query_all_signals` without the signal values)."""
        for position, picked in self.query_all_signals(k, as_of_us, blocks):
            yield position, [(score, other) for score, other, _ in picked]

    def query_all_signals(
        self, k: int, as_of_us: int, blocks: Iterable[int] | None = None
    ) -> Iterator[tuple[int, list[Pick]]]:
        """``(position, picks)`` of every article visible at ``as_of_us``, each pick ``(score,
        profile, signal values)`` as the rescoring computed them: :meth:`query` in a batch.

        Queries go one block at a time.  The members of every block some query of the batch
        needs are estimated for all of them at once with dense matrix products; then each query
        goes on as in :meth:`query` with those estimates already in hand, scoring alone only the
        blocks the batch left out.  Answers are the same as :meth:`query`'s.  ``blocks`` limits
        the queries to the members of those blocks (all by default).
        """
        if self.n == 0:
            return
        cut = self.visible_count(as_of_us)
        with _one_blas_thread():
            for b in range(self.n_blocks) if blocks is None else blocks:
                if self.block_tmin[b] <= as_of_us:
                    yield from self._query_block(k, b, as_of_us, cut)

    def _query_block(self, k: int, b: int, as_of_us: int, cut: int) -> Iterator[tuple[int, list[Pick]]]:
        profiles = self.features.profiles
        members = self.row_pos[self.block_start[b] : self.block_stop[b]].tolist()
        queries = [profiles[p] for p in members if p < cut]
        if k == 0:
            for q in queries:
                yield q.position, []
            return
        for lo in range(0, len(queries), QUERY_GROUP):
            yield from self._query_group(k, queries[lo : lo + QUERY_GROUP], as_of_us, cut)

    def _query_group(self, k: int, queries: list[Profile], as_of_us: int, cut: int) -> Iterator[tuple[int, list[Pick]]]:
        """The answers of a group of queries of one block (at least one query, ``k`` >= 1)."""
        older_only = self.scorer.config.older_only
        threshold_raw = self.scorer.config.threshold * self.scorer.total
        nb = self.n_blocks
        none: set[int] = set()
        m = len(queries)
        qfeatures = [self._query_features(q) for q in queries]
        arows = [self._arow(q.categories) for q in queries]
        bounds = self._block_bounds_batch(queries, qfeatures, arows, older_only, as_of_us)
        qpos = np.array([q.position for q in queries], dtype=np.int64)
        limit = qpos if older_only else np.full(m, cut, dtype=np.int64)
        # first pass: the most promising blocks of every query give each query a bar
        first = min(4, nb)
        chosen = np.zeros(nb, dtype=bool)
        chosen[np.argpartition(-bounds, first - 1, axis=1)[:, :first].ravel()] = True
        chosen &= (bounds >= threshold_raw - EPS).any(axis=0)
        pos, est = self._estimate_batch(queries, qfeatures, arows, np.flatnonzero(chosen))
        eligible = (pos[:, None] < limit[None, :]) & (pos[:, None] != qpos[None, :])
        theta = np.full(m, threshold_raw, dtype=np.float64)
        if len(pos) >= k:  # each query's k-th best eligible estimate, all at once
            counts = eligible.sum(axis=0)
            kth = -np.partition(np.where(eligible, -est, math.inf), k - 1, axis=0)[k - 1]
            full = counts >= k
            theta[full] = np.maximum(threshold_raw, kth[full])
        # second pass: every block that any query still needs (estimating a block for the
        # whole batch costs less than estimating it again for each query that needs it)
        needed = (bounds >= theta[:, None] - EPS) & ~chosen[None, :]
        more = np.flatnonzero(needed.any(axis=0))
        if len(more):
            pos2, est2 = self._estimate_batch(queries, qfeatures, arows, more)
            chosen[more] = True
            pos = np.concatenate([pos, pos2])
            est = np.concatenate([est, est2])
            eligible = (pos[:, None] < limit[None, :]) & (pos[:, None] != qpos[None, :])
        beyond = np.where(chosen[None, :], -math.inf, bounds).max(axis=1)  # best bound left out
        # each query's best k + 3 eligible estimates, best first (all queries at once)
        counts = eligible.sum(axis=0)
        masked = np.where(eligible, -est, math.inf)
        t = min(k + 3, len(pos))
        if t < len(pos):
            top = np.argpartition(masked, t - 1, axis=0)[:t]
        else:
            top = np.repeat(np.arange(len(pos), dtype=np.int64)[:, None], m, axis=1)
        top_est = -np.take_along_axis(masked, top, axis=0)
        order = np.argsort(-top_est, axis=0, kind="stable")
        best_pos: list[list[int]] = pos[np.take_along_axis(top, order, axis=0)].T.tolist()
        best_est: list[list[float]] = np.take_along_axis(top_est, order, axis=0).T.tolist()
        for j, q in enumerate(queries):
            fids, qvs = qfeatures[j]
            c = int(counts[j])
            used = min(c, k + 2)
            if used >= k:
                nxt = best_est[j][used] if c > used else -math.inf
                picked = self._settle(q, k, best_pos[j][:used], nxt, float(beyond[j]))
                if picked is not None:
                    yield q.position, picked
                    continue
            keep = eligible[:, j]
            self.scratch[fids] = qvs
            try:
                prescored = (chosen, pos[keep], est[keep, j])
                picked = self._answer(q, k, none, int(limit[j]), arows[j], bounds[j], prescored, first=0)
            finally:
                self.scratch[fids] = 0.0
            yield q.position, picked

    def _block_bounds_batch(
        self,
        queries: list[Profile],
        qfeatures: list[tuple[I64, F64]],
        arows: list[F64],
        older_only: bool,
        as_of_us: int,
    ) -> F64:
        """:meth:`_block_bounds` of every query, one row each (the same bounds, as matrix products)."""
        m, nb = len(queries), self.n_blocks
        bound = np.zeros((m, nb), dtype=np.float64)
        fids_all = np.unique(np.concatenate([f for f, _ in qfeatures]))
        width = len(fids_all)
        if width:
            if self.dense_blockmax is not None:
                bm = self.dense_blockmax[:, fids_all]
            else:
                bm = np.zeros((nb, width), dtype=np.float64)
                for j, f in enumerate(fids_all.tolist()):
                    bm[self.fblock[f], j] = self.fbmax[f]
            lookup = self.lookup
            lookup[fids_all] = np.arange(width, dtype=np.int64)
            qdense = np.zeros((m, width), dtype=np.float64)
            for j, (fids, qvs) in enumerate(qfeatures):
                qdense[j, lookup[fids]] = qvs
            lookup[fids_all] = -1
            present = (bm > 0).astype(np.float64)
            sig = self.feature_signal[fids_all]
            for s_i in range(3):
                cols = np.flatnonzero(sig == s_i)
                if len(cols):
                    qs = qdense[:, cols]
                    linear = qs @ bm[:, cols].T
                    norm = np.sqrt((qs * qs) @ present[:, cols].T)
                    bound += self.sig_weight[s_i] * np.minimum(np.minimum(linear, norm), 1.0)
        if self.w_cat:
            groups: dict[int, list[int]] = {}
            for j, arow in enumerate(arows):
                groups.setdefault(id(arow), []).append(j)
            for js in groups.values():
                arow = arows[js[0]]
                cat = arow[self.block_cats].max(axis=1)
                if self.block_overflow is not None:
                    cat[self.block_overflow] = arow.max()
                bound[js] += self.w_cat * cat[None, :]
        qt = np.array([q.time for q in queries], dtype=np.int64)[:, None]
        if self.w_rec:
            tmax = np.minimum(self.block_tmax, as_of_us)[None, :]  # as in _block_bounds
            if older_only:
                nearest = np.minimum(tmax, qt)
            else:
                nearest = np.clip(qt, np.minimum(self.block_tmin[None, :], tmax), tmax)
            bound += self.w_rec * self._recency(nearest - qt)
        if older_only:
            bound[self.block_tmin[None, :] > qt] = -math.inf
        bound[:, self.block_tmin > as_of_us] = -math.inf
        return bound * (1 + 1e-12) + EPS

    def _settle(self, q: Profile, k: int, best: list[int], nxt: float, beyond: float) -> list[Pick] | None:
        """The answer from the batch's estimates alone, or None when they do not prove it.

        ``best`` are the positions of the best estimates, ``nxt`` the next estimate (every other
        candidate's is at most that).  They are rescored exactly; the answer stands when ``k`` are
        picked and the last pick beats, by the slack, both ``nxt`` and ``beyond``, the bound of
        every block left out.
        """
        scorer = self.scorer
        profiles = self.features.profiles
        row = self.features.category_row(q.categories)
        threshold = scorer.config.threshold
        ranked = []
        values: dict[int, Values] = {}
        for p in best:
            other = profiles[p]
            score, values[p] = scorer.score_values(q, row, other)
            if score >= threshold:
                ranked.append((score, other))
        ranked.sort(key=scorer.order_key(q))
        picked, full = scorer.select(q, ranked, k)
        if not full:
            return None
        last_raw = picked[-1][0] * scorer.total
        if last_raw > nxt + self.est_slack and last_raw > beyond + EPS:
            return [(score, other, values[other.position]) for score, other in picked]
        return None

    def _estimate_batch(
        self, queries: list[Profile], qfeatures: list[tuple[I64, F64]], arows: list[F64], blocks: I64
    ) -> tuple[I64, F64]:
        """Chronological positions of the members of ``blocks`` and their estimates for every query."""
        m = len(queries)
        rows_all = _ranges(self.block_start[blocks], self.block_stop[blocks])
        if len(rows_all) == 0:
            return rows_all, np.zeros((0, m), dtype=np.float64)
        fids_all = np.unique(np.concatenate([f for f, _ in qfeatures]))
        sig = self.feature_signal[fids_all]
        by_signal = np.argsort(sig, kind="stable")
        fids_all, sig = fids_all[by_signal], sig[by_signal]
        cuts = np.searchsorted(sig, np.arange(4)).tolist()
        width = len(fids_all)
        lookup = self.lookup
        lookup[fids_all] = np.arange(width, dtype=np.int64)
        try:
            qdense = np.zeros((m, width), dtype=np.float32)  # single precision: see EST_SLACK
            for j, (fids, qvs) in enumerate(qfeatures):
                qdense[j, lookup[fids]] = qvs
            qtimes = np.array([q.time for q in queries], dtype=np.int64)
            cat_groups: dict[int, list[int]] = {}
            for j, arow in enumerate(arows):
                cat_groups.setdefault(id(arow), []).append(j)
            chunk = max(256, _BATCH_ENTRIES // max(width, 1))
            totals: list[F64] = []
            for lo in range(0, len(rows_all), chunk):
                rows = rows_all[lo : lo + chunk]
                r = len(rows)
                total = np.zeros((r, m), dtype=np.float64)
                if width:
                    starts, stops = self.indptr[rows], self.indptr[rows + 1]
                    nnz = _ranges(starts, stops)
                    local = lookup[self.nnz_feature[nnz]]
                    keep = local >= 0
                    member = np.repeat(np.arange(r, dtype=np.int64), stops - starts)[keep]
                    cdense = np.zeros((r, width), dtype=np.float32)
                    cdense[member, local[keep]] = self.nnz_value[nnz[keep]]
                    for s_i in range(3):
                        a, z = cuts[s_i], cuts[s_i + 1]
                        if z > a:
                            part = cdense[:, a:z] @ qdense[:, a:z].T
                            np.minimum(part, 1.0, out=part)
                            total += self.sig_weight[s_i] * part
                if self.w_cat:
                    for js in cat_groups.values():
                        arow = arows[js[0]]
                        cat = arow[self.row_cats[rows]].max(axis=1)
                        if self.row_overflow is not None:
                            cat[self.row_overflow[rows]] = arow.max()
                        total[:, js] += self.w_cat * cat[:, None]
                if self.w_rec:
                    total += self.w_rec * self._recency(self.row_time[rows][:, None] - qtimes[None, :])
                totals.append(total)
        finally:
            lookup[fids_all] = -1
        return self.row_pos[rows_all], np.concatenate(totals)

    def _estimate(self, q: Profile, starts: I64, stops: I64, arow: F64) -> tuple[I64, F64]:
        """Chronological positions and estimated raw scores of the rows ``starts[i]:stops[i]``."""
        rows = _ranges(starts, stops)
        m = len(rows)
        if m == 0:
            return rows, np.zeros(0, dtype=np.float64)
        starts, stops = self.indptr[rows], self.indptr[rows + 1]
        nnz = _ranges(starts, stops)
        slot = np.repeat(np.arange(0, 3 * m, 3, dtype=np.int64), stops - starts) + self.nnz_signal[nnz]
        contrib = self.scratch[self.nnz_feature[nnz]] * self.nnz_value[nnz]
        parts = np.bincount(slot, weights=contrib, minlength=3 * m).astype(np.float64, copy=False).reshape(m, 3)
        np.minimum(parts, 1.0, out=parts)
        total = parts @ self.sig_weight
        if self.w_cat:
            cat = arow[self.row_cats[rows]].max(axis=1)
            if self.row_overflow is not None:
                cat[self.row_overflow[rows]] = arow.max()
            total += self.w_cat * cat
        if self.w_rec:
            total += self.w_rec * self._recency(self.row_time[rows] - q.time)
        return self.row_pos[rows], total

    def _answer(
        self,
        q: Profile,
        k: int,
        skip: set[int],
        older_limit: int,
        arow: F64,
        bound: F64,
        prescored: tuple[npt.NDArray[np.bool_], I64, F64] | None = None,
        units: tuple[I64, I64] | None = None,
        first: int = 4,
    ) -> list[Pick]:
        """The picks of ``q``: every unit (a block, or the rows ``units`` gives) whose ``bound``
        reaches the bar is estimated, the best estimates rescored exactly.  ``prescored`` are
        units already estimated (a mask) with the eligible estimates they gave; ``first`` units,
        best bound first, are estimated before anything else for a first bar."""
        scorer = self.scorer
        profiles = self.features.profiles
        threshold_raw = scorer.config.threshold * scorer.total
        row = self.features.category_row(q.categories)
        skip_arr = np.array(sorted(skip), dtype=np.int64)
        starts, stops = (self.block_start, self.block_stop) if units is None else units
        positions: list[I64] = []
        estimates: list[F64] = []
        if prescored is not None:
            scored = prescored[0].copy()
            positions.append(prescored[1])
            estimates.append(prescored[2])
        else:
            scored = np.zeros(len(bound), dtype=bool)

        def score_units(chosen: I64) -> None:
            if not len(chosen):
                return
            pos, est = self._estimate(q, starts[chosen], stops[chosen], arow)
            keep = pos < older_limit
            if len(skip_arr) == 1:
                keep &= pos != skip_arr[0]
            elif len(skip_arr):
                keep &= ~np.isin(pos, skip_arr)
            positions.append(pos[keep])
            estimates.append(est[keep])
            scored[chosen] = True

        def reachable(theta: float) -> I64:
            # the units not scored yet whose bound reaches theta (the rest are below theta - EPS)
            return np.flatnonzero((bound >= theta - EPS) & ~scored)

        # a first threshold from the most promising units
        if first:
            promising = reachable(threshold_raw)
            if len(promising) > first:
                promising = promising[np.argpartition(-bound[promising], first - 1)[:first]]
            score_units(promising)
        theta = threshold_raw
        est_all = np.concatenate(estimates) if estimates else np.empty(0)
        if len(est_all) >= k:
            theta = max(theta, float(np.partition(est_all, len(est_all) - k)[len(est_all) - k]))
        exact: dict[int, tuple[float, Values]] = {}
        while True:
            # every unit that may hold a score >= theta; the rest are below theta - EPS
            score_units(reachable(theta))
            est_all = np.concatenate(estimates) if estimates else np.empty(0)
            pos_all = np.concatenate(positions) if positions else np.empty(0, dtype=np.int64)
            top_order = np.argsort(-est_all, kind="stable")
            ranked_pos = pos_all[top_order]
            m = min(len(top_order), k)
            while True:
                top = ranked_pos[:m].tolist()
                for pos in top:
                    if pos not in exact:
                        exact[pos] = scorer.score_values(q, row, profiles[pos])
                ranked = [(exact[pos][0], profiles[pos]) for pos in top if exact[pos][0] >= scorer.config.threshold]
                ranked.sort(key=scorer.order_key(q))
                picked, full = scorer.select(q, ranked, k)
                nxt = float(est_all[top_order[m]]) if m < len(top_order) else -math.inf
                if full:
                    if picked[-1][0] * scorer.total > nxt + self.est_slack:
                        break
                elif nxt < threshold_raw - self.est_slack:
                    break
                m = min(len(top_order), 2 * m + 8)
            last_raw = picked[-1][0] * scorer.total if full else threshold_raw
            if last_raw >= theta - EPS / 2 or theta <= threshold_raw:
                return [(score, other, exact[other.position][1]) for score, other in picked]
            theta = max(threshold_raw, last_raw - EPS)
