"""Quality figures of a set of recommendations: topical locality and exposure fairness.

>>> q = recommendation_quality({"a": ("b",), "b": ("a",), "c": ("a",)}, ("a", "b", "c"))
>>> q.never_recommended, q.max_count, round(q.gini, 3)
(1, 2, 0.444)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import attrs

from newsmodel.values._validate import INTEGER, NUMBER

__all__ = ["RecommendationQuality", "gini", "recommendation_quality"]


def gini(counts: Sequence[int]) -> float:
    """The Gini coefficient of non-negative counts (0 = everyone equal, near 1 = one takes all).

    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 4])
    0.75
    """
    n = len(counts)
    total = sum(counts)
    if n == 0 or total == 0:
        return 0.0
    ordered = sorted(counts)
    weighted = sum((i + 1) * c for i, c in enumerate(ordered))
    return (2 * weighted) / (n * total) - (n + 1) / n


@attrs.frozen(kw_only=True)
class RecommendationQuality:
    """How local and how fair a set of recommendations is.

    ``same_leaf`` / ``same_parent``: share of all recommendations whose main category equals the
    article's (same city) / whose main category's parent equals the article's (same country).
    ``never_recommended``: articles of the universe no article recommends; ``max_count``: how
    often the most recommended one is recommended; ``gini``: Gini coefficient of the counts.
    """

    results: int = attrs.field(validator=INTEGER)
    same_leaf: float = attrs.field(validator=NUMBER)
    same_parent: float = attrs.field(validator=NUMBER)
    never_recommended: int = attrs.field(validator=INTEGER)
    never_share: float = attrs.field(validator=NUMBER)
    max_count: int = attrs.field(validator=INTEGER)
    gini: float = attrs.field(validator=NUMBER)


def recommendation_quality(
    recommendations: Mapping[str, Sequence[str]],
    universe: Sequence[str],
    *,
    leaf: Callable[[str], str | None] | None = None,
    parent: Callable[[str], str | None] | None = None,
) -> RecommendationQuality:
    """Quality figures of ``recommendations`` (article id → recommended ids) over ``universe``.

    ``leaf(id)`` gives an article's main category and ``parent(id)`` that category's parent; both
    default to "unknown" (locality 0).
    """
    counts: Counter[str] = Counter()
    results = same_leaf = same_parent = 0
    for source, recs in recommendations.items():
        src_leaf = leaf(source) if leaf else None
        src_parent = parent(source) if parent else None
        for rec in recs:
            counts[rec] += 1
            results += 1
            if src_leaf is not None and leaf is not None and leaf(rec) == src_leaf:
                same_leaf += 1
            if src_parent is not None and parent is not None and parent(rec) == src_parent:
                same_parent += 1
    per_article = [counts.get(u, 0) for u in universe]
    never = sum(1 for c in per_article if c == 0)
    return RecommendationQuality(
        results=results,
        same_leaf=same_leaf / results if results else 0.0,
        same_parent=same_parent / results if results else 0.0,
        never_recommended=never,
        never_share=never / len(universe) if universe else 0.0,
        max_count=max(per_article, default=0),
        gini=gini(per_article),
    )
