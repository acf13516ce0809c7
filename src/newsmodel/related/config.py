"""The settings of the related-articles score: :class:`RelatedConfig`.

>>> config = RelatedConfig()
>>> config.k, config.older_only
(6, True)
>>> RelatedConfig(text_weight=-1.0)
Traceback (most recent call last):
...
newsmodel.values.errors.InvalidRelatedConfig: RelatedConfig.text_weight: weight must be a finite number >= 0, got -1.0
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from newsmodel.values.errors import InvalidRelatedConfig

__all__ = ["SIGNALS", "RelatedConfig"]

#: The signals of the score, in the order they are summed and reported.
SIGNALS: tuple[str, ...] = ("tags", "category", "authors", "text", "recency")


def _weight(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise InvalidRelatedConfig(
            f"RelatedConfig.{attribute.name}: weight must be a finite number >= 0, got {value!r}",
            value=value,
            where=attribute.name,
        )


def _positive_finite(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise InvalidRelatedConfig(
            f"RelatedConfig.{attribute.name}: must be a finite number > 0, got {value!r}",
            value=value,
            where=attribute.name,
        )


def _unit(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise InvalidRelatedConfig(
            f"RelatedConfig.{attribute.name}: must be a number in [0, 1], got {value!r}",
            value=value,
            where=attribute.name,
        )


def _count(minimum: int) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise InvalidRelatedConfig(
                f"RelatedConfig.{attribute.name}: must be an integer >= {minimum}, got {value!r}",
                value=value,
                where=attribute.name,
            )

    return check


def _cap(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None:
        _count(1)(instance, attribute, value)


def check_k(k: object, where: str = "k") -> int:
    """``k`` when it is an integer >= 0, else :class:`~newsmodel.values.errors.InvalidRelatedConfig`.

    >>> check_k(0)
    0
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise InvalidRelatedConfig(f"{where}: must be an integer >= 0, got {k!r}", value=k, where=where)
    return k


@attrs.frozen(kw_only=True)
class RelatedConfig:
    """How related articles are scored and picked.

    The score of a candidate is the weighted mean of five signals, each in [0, 1]::

        score = (tag_weight * tags + category_weight * category + author_weight * authors
                 + text_weight * text + recency_weight * recency) / (sum of the weights)

    - ``tags``: cosine of the two articles' tag vectors weighted by rarity (IDF);
    - ``category``: depth of the deepest shared category over the depth of the deeper one
      (same city 1, same country 3/4, same continent 1/2 in a World › continent › country › city tree);
    - ``authors``: cosine of the author sets;
    - ``text``: TF-IDF cosine of title and body over each article's ``keywords`` strongest terms;
    - ``recency``: ``0.5 ** (days apart / half_life_days)``.

    A weight of 0 switches its signal off; a negative or non-finite weight, or all weights 0, is an
    :class:`~newsmodel.values.errors.InvalidRelatedConfig`.  ``threshold`` is the least score a
    candidate needs; ``k`` the number of results; ``older_only`` suggests only articles published
    before the article (so a page never changes after publication); ``max_per_author`` and
    ``max_per_category`` (the candidate's main category) cap how many results may share one.

    >>> RelatedConfig(tag_weight=0, category_weight=0, author_weight=0, text_weight=0, recency_weight=0)
    Traceback (most recent call last):
    ...
    newsmodel.values.errors.InvalidRelatedConfig: RelatedConfig: at least one weight must be > 0, got all 0
    >>> RelatedConfig().weights["tags"]
    0.35
    """

    tag_weight: float = attrs.field(default=0.35, validator=_weight)
    category_weight: float = attrs.field(default=0.2, validator=_weight)
    author_weight: float = attrs.field(default=0.05, validator=_weight)
    text_weight: float = attrs.field(default=0.25, validator=_weight)
    recency_weight: float = attrs.field(default=0.15, validator=_weight)
    half_life_days: float = attrs.field(default=7.0, validator=_positive_finite)
    threshold: float = attrs.field(default=0.2, validator=_unit)
    k: int = attrs.field(default=6, validator=_count(0))
    older_only: bool = True
    max_per_author: int | None = attrs.field(default=None, validator=_cap)
    max_per_category: int | None = attrs.field(default=None, validator=_cap)
    keywords: int = attrs.field(default=20, validator=_count(1))

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.older_only, bool):
            raise InvalidRelatedConfig(
                f"RelatedConfig.older_only: expected a bool, got {self.older_only!r}",
                value=self.older_only,
                where="older_only",
            )
        if self.total_weight <= 0:
            raise InvalidRelatedConfig("RelatedConfig: at least one weight must be > 0, got all 0", value=0)

    @property
    def weights(self) -> dict[str, float]:
        """Each signal's weight, in :data:`SIGNALS` order."""
        return {
            "tags": float(self.tag_weight),
            "category": float(self.category_weight),
            "authors": float(self.author_weight),
            "text": float(self.text_weight),
            "recency": float(self.recency_weight),
        }

    @property
    def total_weight(self) -> float:
        """The sum of the weights (the score's denominator)."""
        return float(
            self.tag_weight + self.category_weight + self.author_weight + self.text_weight + self.recency_weight
        )
