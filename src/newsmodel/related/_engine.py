"""The numpy engine of :class:`~newsmodel.related.index.RelatedIndex` (needs the ``related`` extra).

For one query it finds a *candidate set* that provably holds every article that can enter the
answer, estimates candidate scores with vectorized arithmetic, and has the exact pure-Python
scorer rescore the best of them.  The bound, per query:

- a feature (tag, author, keyword) is *rare* when few articles have it; the rare features' posting
  lists are walked, and every article they touch is a candidate;
- an article touched by no rare feature shares at most the query's *frequent* features, so its
  tag, author and text signals are at most ``U``, the sum of those features' best possible
  contributions (each feature's largest value in the corpus, capped at 1 per signal);
- its category and recency signals are what they are: for each level of category proximity
  (same city, country, continent …) the articles within the time window where
  ``category + recency`` could still lift the score to the ``k``-th best are candidates too.

Anything outside the candidates scores below the ``k``-th best, so the answer is the brute-force
answer.  Candidates are ranked by their estimate and rescored exactly, in that order, until no
unrescored estimate can reach the last pick; the estimates differ from exact scores only by
float rounding, far below the slack :data:`EPS` used at every comparison.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsmodel.related.features import Features, Profile
from newsmodel.related.score import Scorer

__all__ = ["EPS", "Engine"]

#: Slack (in raw score units) added to every bound, far above float rounding of O(1) sums.
EPS = 1e-9
_MAX_CATEGORY_SLOTS = 16
_SIGNALS = ("tags", "authors", "text")

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


class _Levels:
    """For one query's categories: each distinct proximity value and the articles reaching it."""

    __slots__ = ("arow", "levels")

    def __init__(self, arow: F64, levels: list[tuple[float, I64]]) -> None:
        self.arow = arow
        self.levels = levels


class Engine:
    """Candidate generation and score estimates over a :class:`Features`."""

    def __init__(self, features: Features, scorer: Scorer, *, rare_fraction: float = 1 / 64) -> None:
        self.features = features
        self.scorer = scorer
        n = features.n
        self.n = n
        profiles = features.profiles
        self.times = np.fromiter((p.time for p in profiles), dtype=np.int64, count=n)
        self.cutoff = max(64, int(n * rare_fraction))

        # one feature space per signal: key -> id; postings in position order
        self.fmap: dict[str, dict[str, int]] = {}
        self.rare_idx: dict[str, list[I64]] = {}
        self.rare_val: dict[str, list[F64]] = {}
        self.dense_col: dict[str, dict[int, int]] = {}
        self.vmax: dict[str, F64] = {}
        dense_rows: list[F64] = []
        for signal in _SIGNALS:
            fmap: dict[str, int] = {}
            post_pos: list[list[int]] = []
            post_val: list[list[float]] = []
            for p in profiles:
                vector: dict[str, float] = getattr(p, signal)
                for key, value in vector.items():
                    fid = fmap.get(key)
                    if fid is None:
                        fid = fmap[key] = len(post_pos)
                        post_pos.append([])
                        post_val.append([])
                    post_pos[fid].append(p.position)
                    post_val[fid].append(value)
            self.fmap[signal] = fmap
            rare_idx: list[I64] = []
            rare_val: list[F64] = []
            cols: dict[int, int] = {}
            vmax = np.zeros(len(post_pos), dtype=np.float64)
            for fid, (pos, val) in enumerate(zip(post_pos, post_val, strict=True)):
                vals = np.array(val, dtype=np.float64)
                vmax[fid] = vals.max()
                if len(pos) > self.cutoff:
                    column = np.zeros(n, dtype=np.float64)
                    column[np.array(pos, dtype=np.int64)] = vals
                    cols[fid] = len(dense_rows)
                    dense_rows.append(column)
                    rare_idx.append(np.empty(0, dtype=np.int64))
                    rare_val.append(np.empty(0, dtype=np.float64))
                else:
                    rare_idx.append(np.array(pos, dtype=np.int64))
                    rare_val.append(vals)
            self.rare_idx[signal] = rare_idx
            self.rare_val[signal] = rare_val
            self.dense_col[signal] = cols
            self.vmax[signal] = vmax
        self.dense = np.array(dense_rows, dtype=np.float64) if dense_rows else np.zeros((0, n), dtype=np.float64)

        # categories: a slot table of category indices per article (padding points at a 0 entry)
        self.cat_ids = sorted(features._paths)
        self.cat_index = {c: i for i, c in enumerate(self.cat_ids)}
        pad = len(self.cat_ids)
        width = max(1, min(_MAX_CATEGORY_SLOTS, max((len(p.categories) for p in profiles), default=1)))
        table = np.full((n, width), pad, dtype=np.int64)
        overflow: list[int] = []
        for p in profiles:
            cats = p.categories
            if len(cats) > width:
                overflow.append(p.position)
                cats = cats[:width]
            for j, c in enumerate(cats):
                table[p.position, j] = self.cat_index[c]
        self.cat_table = table
        self.overflow = np.array(overflow, dtype=np.int64)
        self._levels: dict[tuple[str, ...], _Levels] = {}
        self.level_cache_size = 32

        self.acc = np.zeros((len(_SIGNALS), n), dtype=np.float64)
        w = scorer.weights
        self.signal_weight = {"tags": w[0], "authors": w[2], "text": w[3]}
        self.w_cat = w[1]
        self.w_rec = w[4]
        self.half_life_us = scorer.half_life_us

    # ------------------------------------------------------------------ categories

    def levels_of(self, categories: tuple[str, ...]) -> _Levels:
        """Proximity levels of a category tuple (cached, a bounded number at a time)."""
        found = self._levels.get(categories)
        if found is not None:
            return found
        row = self.features.category_row(categories)
        arow = np.zeros(len(self.cat_ids) + 1, dtype=np.float64)
        for c, v in row.items():
            arow[self.cat_index[c]] = v
        levels: list[tuple[float, I64]] = []
        if self.w_cat > 0 and row:
            full = arow[self.cat_table].max(axis=1)
            if len(self.overflow):
                full[self.overflow] = max(row.values())
            for v in sorted(set(row.values()), reverse=True):
                levels.append((v, np.flatnonzero(full >= v)))
        found = _Levels(arow, levels)
        if len(self._levels) >= self.level_cache_size:
            self._levels.pop(next(iter(self._levels)))
        self._levels[categories] = found
        return found

    def clear_levels(self) -> None:
        """Forget cached category levels (the batch does this between category groups)."""
        self._levels.clear()

    # ------------------------------------------------------------------ estimates

    def _estimate(
        self,
        q: Profile,
        levels: _Levels,
        cand: I64,
        freq: dict[str, list[tuple[int, float]]],
    ) -> F64:
        total = np.zeros(len(cand), dtype=np.float64)
        for s_i, signal in enumerate(_SIGNALS):
            weight = self.signal_weight[signal]
            if not weight:
                continue
            part = self.acc[s_i, cand]
            for col, qv in freq[signal]:
                part += qv * self.dense[col, cand]
            np.minimum(part, 1.0, out=part)
            total += weight * part
        if self.w_cat:
            c = levels.arow[self.cat_table[cand]].max(axis=1)
            if len(self.overflow):
                c[np.isin(cand, self.overflow)] = levels.arow.max()
            total += self.w_cat * c
        if self.w_rec:
            dt = np.abs(self.times[cand] - q.time).astype(np.float64)
            total += self.w_rec * np.exp2(-dt / self.half_life_us)
        return total

    # ------------------------------------------------------------------ windows

    def _window(self, positions: I64 | None, q_time: int, need: float, older_limit: int) -> I64:
        """Articles of ``positions`` (None: all) whose recency can reach ``need`` (raw units)."""
        n = self.n
        if need <= 0 or not self.w_rec:
            if need > 0:  # recency is off and the category alone cannot reach
                return np.empty(0, dtype=np.int64)
            lo_t, hi_t = 0, n
        else:
            r = need / self.w_rec
            if r > 1.0 + EPS:
                return np.empty(0, dtype=np.int64)
            if r <= 0:
                lo_t, hi_t = 0, n
            else:
                span = self.half_life_us * math.log2(1.0 / min(r, 1.0)) * (1 + 1e-9) + 1.0
                lo_t = int(np.searchsorted(self.times, q_time - span, side="left"))
                hi_t = int(np.searchsorted(self.times, q_time + span, side="right"))
        hi_t = min(hi_t, older_limit)
        if hi_t <= lo_t:
            return np.empty(0, dtype=np.int64)
        if positions is None:
            return np.arange(lo_t, hi_t, dtype=np.int64)
        lo = int(np.searchsorted(positions, lo_t, side="left"))
        hi = int(np.searchsorted(positions, hi_t, side="left"))
        return positions[lo:hi]

    # ------------------------------------------------------------------ query

    def query(self, q: Profile, k: int, exclude: frozenset[str]) -> list[tuple[float, Profile]]:
        """The picked ``(score, profile)`` pairs for ``q``: the brute-force answer."""
        scorer = self.scorer
        features = self.features
        profiles = features.profiles
        if k == 0 or self.n == 0:
            return []
        threshold_raw = scorer.config.threshold * scorer.total
        older_limit = self.n
        if scorer.config.older_only:
            if q.position >= 0:
                older_limit = q.position
            else:
                older_limit = int(np.searchsorted(self.times, q.time, side="left"))
                while older_limit < self.n and profiles[older_limit].key < q.key:
                    older_limit += 1
        skip = {features.position[x] for x in exclude if x in features.position}
        if q.position >= 0:
            skip.add(q.position)

        # rare features: walk postings; frequent ones: bound U and dense columns
        touched: list[I64] = []
        freq: dict[str, list[tuple[int, float]]] = {}
        bound = 0.0
        for s_i, signal in enumerate(_SIGNALS):
            freq[signal] = []
            weight = self.signal_weight[signal]
            if not weight:
                continue
            fmap = self.fmap[signal]
            cols = self.dense_col[signal]
            vmax = self.vmax[signal]
            ub = 0.0
            for key, qv in getattr(q, signal).items():
                fid = fmap.get(key)
                if fid is None:
                    continue
                col = cols.get(fid)
                if col is None:
                    idx = self.rare_idx[signal][fid]
                    self.acc[s_i, idx] += qv * self.rare_val[signal][fid]
                    touched.append(idx)
                else:
                    freq[signal].append((col, qv))
                    ub += qv * float(vmax[fid])
            bound += weight * min(1.0, ub * (1 + 1e-12))
        try:
            levels = self.levels_of(q.categories)
            touched_all = np.unique(np.concatenate(touched)) if touched else np.empty(0, dtype=np.int64)
            touched_all = touched_all[touched_all < older_limit]
            return self._answer(q, k, skip, levels, touched_all, freq, bound, threshold_raw, older_limit)
        finally:
            for idx in touched:
                self.acc[:, idx] = 0.0

    def _answer(
        self,
        q: Profile,
        k: int,
        skip: set[int],
        levels: _Levels,
        touched: I64,
        freq: dict[str, list[tuple[int, float]]],
        bound: float,
        threshold_raw: float,
        older_limit: int,
    ) -> list[tuple[float, Profile]]:
        scorer = self.scorer
        profiles = self.features.profiles
        row = self.features.category_row(q.categories)
        skip_arr = np.array(sorted(skip), dtype=np.int64)

        # a first threshold from the rare-feature matches and the nearest articles at each level
        seeds = [touched]
        near = 4 * k + 8
        for _, positions in levels.levels[:2]:
            hi = int(np.searchsorted(positions, older_limit, side="left"))
            seeds.append(positions[max(0, hi - near) : hi])
        seeds.append(np.arange(max(0, older_limit - near), older_limit, dtype=np.int64))
        pool = np.unique(np.concatenate(seeds))
        if len(skip_arr):
            pool = pool[~np.isin(pool, skip_arr)]
        est = self._estimate(q, levels, pool, freq)
        if len(est) >= k:
            theta = float(np.partition(est, len(est) - k)[len(est) - k])
        else:
            theta = threshold_raw
        theta = max(theta, threshold_raw)

        exact: dict[int, float] = {}
        while True:
            windows = [touched]
            for v, positions in levels.levels:
                windows.append(self._window(positions, q.time, theta - bound - EPS - self.w_cat * v, older_limit))
            windows.append(self._window(None, q.time, theta - bound - EPS, older_limit))
            cand = np.unique(np.concatenate(windows))
            if len(skip_arr):
                cand = cand[~np.isin(cand, skip_arr)]
            est = self._estimate(q, levels, cand, freq)
            order = np.argsort(-est, kind="stable")
            ranked_pos = cand[order]
            m = min(len(order), k + 8)
            while True:
                top = ranked_pos[:m].tolist()
                for pos in top:
                    if pos not in exact:
                        exact[pos] = scorer.score(q, row, profiles[pos])
                ranked = [(exact[pos], profiles[pos]) for pos in top if exact[pos] >= scorer.config.threshold]
                ranked.sort(key=scorer.order_key(q))
                picked, full = scorer.select(q, ranked, k)
                nxt = float(est[order[m]]) if m < len(order) else -math.inf
                if full:
                    if picked[-1][0] * scorer.total > nxt + EPS:
                        break
                elif nxt < threshold_raw - EPS:
                    break
                m = min(len(order), 2 * m + 8)
            last_raw = picked[-1][0] * scorer.total if full else threshold_raw
            if last_raw >= theta - EPS / 2 or theta <= threshold_raw:
                return picked
            theta = max(threshold_raw, last_raw - EPS)

    def clear(self, positions: Sequence[int]) -> None:  # pragma: no cover - debugging aid
        """Zero the accumulators at ``positions``."""
        self.acc[:, list(positions)] = 0.0
