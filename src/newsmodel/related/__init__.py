"""Related articles: an explainable score, a brute-force reference and an exact index.

>>> from newsmodel.related import RelatedConfig
>>> RelatedConfig().k
6
"""

from newsmodel.related.config import SIGNALS, RelatedConfig
from newsmodel.related.index import RelatedIndex, build_related_index, related_articles
from newsmodel.related.score import RelatedResult, RelatedResults, Signal, Signals, rank_related

__all__ = [
    "SIGNALS",
    "RelatedConfig",
    "RelatedIndex",
    "RelatedResult",
    "RelatedResults",
    "Signal",
    "Signals",
    "build_related_index",
    "rank_related",
    "related_articles",
]
