"""attrs validators that check a field's type and raise :class:`~newsmodel.errors.InvalidValue`.

One helper for every public value type: the message names the class, the field (and the index
inside a tuple) and what was expected.

>>> import attrs
>>> @attrs.frozen(kw_only=True)
... class Box:
...     size: int = attrs.field(validator=instance_of(int, "an integer"))
>>> Box(size="3")
Traceback (most recent call last):
  ...
newsmodel.errors.InvalidValue: Box.size: expected an integer, got '3'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from newsmodel.errors import InvalidValue

__all__ = ["instance_of", "tuple_of"]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 2]}… ({len(text)} characters)"


def _refuse(instance: Any, where: str, what: str, value: Any) -> InvalidValue:
    return InvalidValue(
        f"{type(instance).__name__}.{where}: expected {what}, got {_short(value)}", value=value, where=where
    )


def instance_of(types: type | tuple[type, ...], what: str, *, optional: bool = False) -> Validator:
    """A validator: the value is an instance of ``types`` (never a ``bool`` where an ``int`` is
    asked), or None when ``optional``; ``what`` says it in words for the message."""
    ints = types is int or (isinstance(types, tuple) and int in types)
    if optional:
        what += " or None"

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, types) or (ints and value.__class__ is bool):
            raise _refuse(instance, attribute.name, what, value)

    return check


def tuple_of(types: type | tuple[type, ...] | Callable[[], tuple[type, ...]], what: str) -> Validator:
    """A validator: every member of the (already converted) tuple is an instance of ``types``.

    ``types`` may be a function giving them, for a class whose members are defined later (the
    body's node unions refer to each other).
    """
    resolved: list[type | tuple[type, ...]] = [types] if isinstance(types, (type, tuple)) else []

    def check(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if not resolved:
            resolved.append(types())  # type: ignore[operator]
        kinds = resolved[0]
        if value.__class__ is not tuple:  # a converter let a value that is no sequence through
            raise _refuse(instance, attribute.name, f"a sequence of {what}", value)
        for i, item in enumerate(value):
            if not isinstance(item, kinds):
                raise _refuse(instance, f"{attribute.name}[{i}]", what, item)

    return check
