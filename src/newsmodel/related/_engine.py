"""The numpy engine of :class:`~newsmodel.related.index.RelatedIndex` (needs the ``related`` extra).

Block-max pruning.  Articles are laid out grouped by their first deepest category and, within
it, by date, and cut into *blocks* of 64 rows, each cut again into *sub-blocks* of 8.  Each
block keeps the set of its members' categories and its date range; each sub-block keeps per
feature (tag, author, keyword) the largest value any member has, as one posting list per
feature.  For a query, every sub-block gets an upper bound of any member's score:

- tags, authors, text: ``min(1, Σ q_f · max_f, sqrt(Σ_{f present} q_f²))`` per signal (the second
  term is Cauchy–Schwarz against a unit vector that has only the features present), read from
  the postings of the query's own features;
- category: the best proximity of the block's categories to the query's;
- recency: from the block's date nearest to the query's (among those at or before ``as_of``).

The blocks and their maxima are built once over every article that is visible at some instant;
``as_of`` is applied per query: members dated after it are never candidates, blocks of only such
members are skipped, and the recency bound looks only at the part of a block's date range up to
``as_of``.  A maximum over all members bounds any subset of them, so the bounds stay valid.

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

import numpy as np
import numpy.typing as npt

from newsmodel.related.features import Features, Profile
from newsmodel.related.score import Scorer

__all__ = ["BLOCK_SIZE", "EPS", "SUB_BLOCK", "Engine"]

#: Slack (in raw score units) added to every bound, far above float rounding of O(1) sums.
EPS = 1e-9
#: Articles per block.
BLOCK_SIZE = 64
#: Rows of a sub-block.  A single query bounds the sub-blocks of every block (their maxima kept as
#: one posting list per feature, so a query reads only the postings of its own features) and
#: estimates the members of the sub-blocks whose bound reaches its bar: maxima over 8 members come
#: from fewer members than over 64, so far fewer rows reach the bar (see the design notes).
SUB_BLOCK = 8
#: Sub-blocks a single query estimates first, best bound first, for a bar.
FIRST_SUBS = 32

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


_MAX_SLOTS = 16  # category slots per article or block; more is bounded by the best proximity


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
        # maximum), sorted by sub-block
        nnz_row = np.repeat(np.arange(n, dtype=np.int64), np.diff(self.indptr))
        skey = self.nnz_feature * max(ns, 1) + sub_of_row[nnz_row]
        del nnz_row
        order = np.argsort(skey, kind="stable")
        key_sorted = skey[order]
        del skey
        firsts = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]]) if len(key_sorted) else order
        self.post_max = np.maximum.reduceat(self.nnz_value[order], firsts) if len(firsts) else self.nnz_value[:0]
        feature, self.post_sub = np.divmod(key_sorted[firsts], max(ns, 1))
        self.post_ptr = np.searchsorted(feature, np.arange(self.n_features + 1)).astype(np.int64)
        del order, key_sorted, firsts, feature

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
        """An upper bound of the raw score of every member of each sub-block (the bounds of the
        module's docstring): the tags, authors and text bounds from the sub-block's own maxima, read
        from the postings of the query's features only; the category and recency bounds of its
        block."""
        ns = self.n_subs
        bound = self._category_recency(q.time, arow, older_only, as_of_us)[self.sub_parent]
        if len(fids):
            lo, hi = self.post_ptr[fids], self.post_ptr[fids + 1]
            postings = _ranges(lo, hi)
            lengths = hi - lo
            qrep = np.repeat(qvs, lengths)
            slot = self.post_sub[postings] * 3 + np.repeat(self.feature_signal[fids], lengths)
            linear = np.bincount(slot, weights=qrep * self.post_max[postings], minlength=3 * ns).reshape(ns, 3)
            norm = np.sqrt(np.bincount(slot, weights=qrep * qrep, minlength=3 * ns)).reshape(ns, 3)
            part = np.minimum(np.minimum(linear, norm), 1.0)
            w = self.sig_weight.tolist()
            bound += w[0] * part[:, 0] + w[1] * part[:, 1] + w[2] * part[:, 2]
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
        return [(score, other) for score, other, _ in self._picks(q, k, skip, older_limit, as_of_us)]

    def _picks(self, q: Profile, k: int, skip: set[int], older_limit: int, as_of_us: int) -> list[Pick]:
        """The picks of ``q`` with their signal values: the sub-blocks whose bound reaches the bar
        are estimated, the best estimates rescored (``k`` >= 1; candidates are the positions below
        ``older_limit`` that are not in ``skip``)."""
        fids, qvs = self._query_features(q)
        arow = self._arow(q.categories)
        bound = self._sub_bounds(q, fids, qvs, arow, self.scorer.config.older_only, as_of_us)
        self.scratch[fids] = qvs
        try:
            return self._answer(q, k, skip, older_limit, arow, bound)
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
            for p in self.row_pos[self.block_start[b] : self.block_stop[b]].tolist():
                if p < cut:
                    yield p, self._picks(profiles[p], k, {p}, p if older_only else cut, as_of_us) if k else []

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
        w = self.sig_weight.tolist()
        total = w[0] * parts[:, 0] + w[1] * parts[:, 1] + w[2] * parts[:, 2]
        if self.w_cat:
            cat = arow[self.row_cats[rows]].max(axis=1)
            if self.row_overflow is not None:
                cat[self.row_overflow[rows]] = arow.max()
            total += self.w_cat * cat
        if self.w_rec:
            total += self.w_rec * self._recency(self.row_time[rows] - q.time)
        return self.row_pos[rows], total

    def _answer(self, q: Profile, k: int, skip: set[int], older_limit: int, arow: F64, bound: F64) -> list[Pick]:
        """The picks of ``q``: every sub-block whose ``bound`` reaches the bar is estimated, the
        best estimates rescored exactly; the :data:`FIRST_SUBS` sub-blocks of the best bounds are
        estimated first, for a first bar."""
        scorer = self.scorer
        profiles = self.features.profiles
        threshold_raw = scorer.config.threshold * scorer.total
        row = self.features.category_row(q.categories)
        skip_arr = np.array(sorted(skip), dtype=np.int64)
        starts, stops = self.sub_start, self.sub_stop
        positions: list[I64] = []
        estimates: list[F64] = []
        scored = np.zeros(len(bound), dtype=bool)

        def score_subs(chosen: I64) -> None:
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
            # the sub-blocks not scored yet whose bound reaches theta (the rest are below theta - EPS)
            return np.flatnonzero((bound >= theta - EPS) & ~scored)

        # a first threshold from the most promising sub-blocks
        promising = reachable(threshold_raw)
        if len(promising) > FIRST_SUBS:
            promising = promising[np.argpartition(-bound[promising], FIRST_SUBS - 1)[:FIRST_SUBS]]
        score_subs(promising)
        theta = threshold_raw
        est_all = np.concatenate(estimates) if estimates else np.empty(0)
        if len(est_all) >= k:
            theta = max(theta, float(np.partition(est_all, len(est_all) - k)[len(est_all) - k]))
        exact: dict[int, tuple[float, Values]] = {}
        while True:
            # every sub-block that may hold a score >= theta; the rest are below theta - EPS
            score_subs(reachable(theta))
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
                    if picked[-1][0] * scorer.total > nxt + EPS:
                        break
                elif nxt < threshold_raw - EPS:
                    break
                m = min(len(top_order), 2 * m + 8)
            last_raw = picked[-1][0] * scorer.total if full else threshold_raw
            if last_raw >= theta - EPS / 2 or theta <= threshold_raw:
                return [(score, other, exact[other.position][1]) for score, other in picked]
            theta = max(threshold_raw, last_raw - EPS)
