"""The field rules the value types share: JSON-like extras, aware datetimes in range, ids, slugs, strings and URLs.

Each is an attrs validator or converter, written once and used by :mod:`newsmodel.values.model` and
:mod:`newsmodel.values.site`; the error names the class and field.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from typing import Any

import attrs

from newsmodel.values._validate import as_tuple, instance_of, tuple_of
from newsmodel.values.errors import (
    InvalidDatetime,
    InvalidSlug,
    InvalidUrl,
    InvalidValue,
)
from newsmodel.values.safeurl import LINK_SCHEMES, WEB_SCHEMES, is_safe_url
from newsmodel.values.slugs import MAX_SLUG_LENGTH, is_slug

__all__ = ["MAX_DATETIME", "MIN_DATETIME", "Extra", "check_datetime", "is_weekday", "thaw"]

# --------------------------------------------------------------------------- helpers


def _freeze(value: Any, where: str) -> Any:
    """Deep-freeze a JSON value: lists become tuples, dicts become :class:`Extra`."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidValue(f"{where}: non-finite number {value!r} is not JSON", value=value, where=where)
        return value
    if isinstance(value, Extra):
        return value
    cls = value.__class__
    # a plain list or tuple is no Mapping: skip the abstract class's check (the slow one) for it
    if cls is not list and cls is not tuple and isinstance(value, Mapping):
        return Extra(value, _where=where)
    if isinstance(value, (list, tuple)):
        return tuple(v if v.__class__ is str else _freeze(v, f"{where}[{i}]") for i, v in enumerate(value))
    raise InvalidValue(f"{where}: {type(value).__name__} value {value!r} is not JSON", value=value, where=where)


def thaw(value: Any) -> Any:
    """The plain JSON value (dicts and lists) of a frozen one.

    >>> thaw(Extra({"a": [1, {"b": 2}]}))
    {'a': [1, {'b': 2}]}
    """
    if isinstance(value, Extra):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


class Extra(Mapping[str, Any]):
    """An immutable, hashable mapping of JSON values: what a source had that the model does not.

    Lists are kept as tuples and nested objects as :class:`Extra`; :func:`thaw` gives plain JSON back.

    >>> e = Extra({"wp:post_type": "post", "ids": [1, 2]})
    >>> e["ids"]
    (1, 2)
    >>> hash(e) == hash(Extra({"ids": [1, 2], "wp:post_type": "post"}))
    True
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Any] | Iterable[tuple[str, Any]] = (), *, _where: str = "extra") -> None:
        items = data.items() if data.__class__ is dict or isinstance(data, Mapping) else data
        frozen: dict[str, Any] = {}
        for key, value in items:
            if not isinstance(key, str):
                raise InvalidValue(f"{_where}: key {key!r} is not a string", value=key, where=_where)
            # a string is kept as it is (most values): no place to name, no _freeze call
            frozen[key] = value if value.__class__ is str else _freeze(value, f"{_where}.{key}")
        self._data = frozen
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(json.dumps(thaw(self), sort_keys=True, ensure_ascii=False))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extra):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == Extra(other)._data
        return NotImplemented

    def __repr__(self) -> str:
        return f"Extra({thaw(self)!r})"

    def merged(self, other: Mapping[str, Any]) -> Extra:
        """A new :class:`Extra` with ``other``'s keys added (``other`` wins on a clash)."""
        return Extra({**self._data, **Extra(other)._data})


def _to_extra(value: Mapping[str, Any] | None) -> Extra:
    if value is None:
        return Extra()
    if isinstance(value, Extra):
        return value
    if value.__class__ is dict or isinstance(value, Mapping):
        return Extra(value)
    pairs = None if isinstance(value, (str, bytes)) else as_tuple(value)
    if pairs.__class__ is not tuple or not all(isinstance(p, (tuple, list)) and len(p) == 2 for p in pairs):
        return value  # neither a mapping nor (key, value) pairs: _EXTRA refuses it
    return Extra(pairs)


_EXTRA = instance_of(Extra, "a mapping of string keys to JSON values")


#: The earliest instant newsmodel accepts (UTC): the start of year 2.
MIN_DATETIME = datetime(2, 1, 1, tzinfo=timezone.utc)
#: The latest instant newsmodel accepts (UTC): the end of year 9998.
MAX_DATETIME = datetime(9998, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)


def check_datetime(value: object, where: str, *, owner: str | None = None) -> None:
    """Refuse ``value`` unless it is an aware datetime whose instant lies in years 2 to 9998 (UTC).

    ``where`` names the field (or option), ``owner`` the type that has it; both go into the message.

    Widgets see a date in the site's zone (up to a day from UTC) and step to the next or previous
    day, week and month; within these years none of that leaves Python's years 1 to 9999.

    >>> check_datetime(datetime(9999, 1, 1, tzinfo=timezone.utc), "at", owner="Tag")
    Traceback (most recent call last):
      ...
    newsmodel.values.errors.InvalidDatetime: Tag.at: '9999-01-01T00:00:00+00:00' is outside years 2 to 9998 (UTC)
    """
    place = f"{owner}.{where}" if owner else where
    if not isinstance(value, datetime):
        raise InvalidDatetime(f"{place}: expected a datetime, got {value!r}", value=value, where=where)
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidDatetime(
            f"{place}: naive datetime {value.isoformat()!r} (give it a UTC offset or a zone)", value=value, where=where
        )
    if not MIN_DATETIME <= value <= MAX_DATETIME:  # compares instants, never overflows
        raise InvalidDatetime(
            f"{place}: {value.isoformat()!r} is outside years 2 to 9998 (UTC)",
            value=value,
            where=where,
        )


def _aware(instance: Any, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    if value is not None:
        check_datetime(value, attribute.name, owner=type(instance).__name__)


def _slug(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not is_slug(value):
        raise InvalidSlug(
            f"{type(instance).__name__}.{attribute.name}: {value!r} is not a slug"
            f" (no whitespace, '/' or '%', not empty, at most {MAX_SLUG_LENGTH} bytes percent-encoded;"
            " give a percent-encoded slug decoded, see newsmodel.values.slugs.decode_slug)",
            value=value,
            where=attribute.name,
        )


def _nonempty_id(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: id must be a non-empty string, got {value!r}",
            value=value,
            where=attribute.name,
        )


def _optional_id(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _nonempty_id(instance, attribute, value)


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidValue(f"expected a sequence of strings, got the string {value!r}", value=value)
    out: tuple[Any, ...] = as_tuple(value)
    return out


def _optional_str(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: expected a string or None, got {value!r}",
            value=value,
            where=attribute.name,
        )


def _str(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: expected a string, got {value!r}",
            value=value,
            where=attribute.name,
        )


_BOOL = instance_of(bool, "true or false")
_STRS = tuple_of(str, "a string")


def _ids(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v:
            raise InvalidValue(
                f"{type(instance).__name__}.{attribute.name}[{i}]: id must be a non-empty string, got {v!r}",
                value=v,
                where=f"{attribute.name}[{i}]",
            )


def _url_validator(schemes: frozenset[str], *, optional: bool) -> Any:
    """A validator refusing a URL that :func:`~newsmodel.values.safeurl.is_safe_url` refuses."""
    allowed = ", ".join(sorted(schemes))

    def check(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str):
            raise InvalidValue(
                f"{type(instance).__name__}.{attribute.name}: expected a string{' or None' if optional else ''},"
                f" got {value!r}",
                value=value,
                where=attribute.name,
            )
        if not is_safe_url(value, schemes):
            raise InvalidUrl(
                f"{type(instance).__name__}.{attribute.name}: unsafe URL {value!r}"
                f" (only {allowed} or relative URLs may reach a page)",
                value=value,
                where=attribute.name,
            )

    return check


#: URL fields a page loads or is based on (http, https or relative).
_web_url = _url_validator(WEB_SCHEMES, optional=False)
_optional_web_url = _url_validator(WEB_SCHEMES, optional=True)
#: URL fields a reader clicks (also mailto and tel).
_link_url = _url_validator(LINK_SCHEMES, optional=False)
_optional_link_url = _url_validator(LINK_SCHEMES, optional=True)


def _menu_order(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(
            f"{type(instance).__name__}.{attribute.name}: expected an integer, got {value!r}",
            value=value,
            where=attribute.name,
        )


def is_weekday(value: object) -> bool:
    """Whether ``value`` names a weekday as ``date.weekday()`` does (0 = Monday … 6 = Sunday): how
    a site's ``week_start`` and every calendar's are given.

    >>> is_weekday(0), is_weekday(6), is_weekday(7), is_weekday(True)
    (True, True, False, False)
    """
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6
