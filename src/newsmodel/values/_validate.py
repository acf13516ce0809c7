"""attrs validators that check a field's type and raise :class:`~newsmodel.values.errors.InvalidValue`.

One helper for every public value type: the message names the class, the field (and the index
inside a tuple) and what was expected.

>>> import attrs
>>> @attrs.frozen(kw_only=True)
... class Box:
...     size: int = attrs.field(validator=instance_of(int, "an integer"))
>>> Box(size="3")
Traceback (most recent call last):
  ...
newsmodel.values.errors.InvalidValue: Box.size: expected an integer, got '3'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import attrs

from newsmodel.values.errors import InvalidValue

__all__ = [
    "BOOLEAN",
    "DATE",
    "INTEGER",
    "NUMBER",
    "OPTIONAL_DATE",
    "OPTIONAL_STRING",
    "STRING",
    "as_tuple",
    "instance_of",
    "pairs_of",
    "refuse",
    "tuple_of",
    "tuples_of",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def is_number(text: str) -> bool:
    """Whether ``text`` is one or more ASCII digits, the numbers ``int()`` reads and WordPress's
    ``^\\d+$`` matches.  ``str.isdigit`` alone also accepts digits ``int()`` refuses, such as ``²``.

    >>> is_number("42"), is_number("²"), is_number("٤٢"), is_number("")
    (True, False, False, False)
    """
    return text.isascii() and text.isdigit()


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 2]}… ({len(text)} characters)"


def refuse(instance: Any, where: str, what: str, value: Any) -> InvalidValue:
    """The error for ``value`` found at ``where`` of ``instance``'s class where ``what`` was expected."""
    return InvalidValue(
        f"{type(instance).__name__}.{where}: expected {what}, got {_short(value)}", value=value, where=where
    )


def instance_of(types: type | tuple[type, ...], what: str, *, optional: bool = False) -> Validator:
    """A validator: the value is an instance of ``types``, or None when ``optional``; ``what`` says
    it in words for the message.

    Never a ``bool`` where an ``int`` is asked, nor a ``datetime`` where a ``date`` is asked (each
    is a subclass of the other type, but means something else: ``True`` is no count, and a datetime
    compares with no date).
    """
    kinds = types if isinstance(types, tuple) else (types,)
    refused: tuple[type, ...] = ()
    if int in kinds and bool not in kinds:
        refused += (bool,)
    if date in kinds and datetime not in kinds:
        refused += (datetime,)
    if optional:
        what += " or None"

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, types) or (refused and isinstance(value, refused)):
            raise refuse(instance, attribute.name, what, value)

    if refused:
        return check

    # the same check without the refused subclasses (most fields: strings), one test fewer per call
    def check_plain(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, types) and not (value is None and optional):
            raise refuse(instance, attribute.name, what, value)

    return check_plain


#: Validators for the field types many classes share.
STRING = instance_of(str, "a string")
OPTIONAL_STRING = instance_of(str, "a string", optional=True)
INTEGER = instance_of(int, "an integer")
#: A real number: an ``int`` or a ``float`` (never a ``bool``).
NUMBER = instance_of((int, float), "a number")
BOOLEAN = instance_of(bool, "true or false")
DATE = instance_of(date, "a date")
OPTIONAL_DATE = instance_of(date, "a date", optional=True)


def as_tuple(value: Any) -> Any:
    """A converter: any iterable becomes a tuple (a list is the obvious, safe coercion); a value
    that is no iterable is passed on for the field's :func:`tuple_of` validator to refuse."""
    if value.__class__ is tuple:
        return value
    try:
        return tuple(value)
    except TypeError:
        return value


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
            raise refuse(instance, attribute.name, f"a sequence of {what}", value)
        for item in value:  # (the index is only looked for when a member is refused: cheaper)
            if not isinstance(item, kinds):
                i = next(i for i, item in enumerate(value) if not isinstance(item, kinds))
                raise refuse(instance, f"{attribute.name}[{i}]", what, value[i])

    return check


def tuples_of(types: type | tuple[type, ...], what: str) -> Validator:
    """A validator: a tuple of tuples (rows) whose members are instances of ``types``; the message
    names the row and the column (``weeks[2][6]``)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if value.__class__ is not tuple:
            raise refuse(instance, attribute.name, f"a tuple of tuples of {what}", value)
        for i, row in enumerate(value):
            if row.__class__ is not tuple:
                raise refuse(instance, f"{attribute.name}[{i}]", f"a tuple of {what}", row)
            for j, item in enumerate(row):
                if not isinstance(item, types):
                    raise refuse(instance, f"{attribute.name}[{i}][{j}]", what, item)

    return check


def pairs_of(first: type, second: type, what: str) -> Validator:
    """A validator: a tuple of ``(first, second)`` pairs, such as ``(tag id, count)``; the message
    names the pair (``counts[3]``)."""
    firsts, seconds = instance_of(first, what), instance_of(second, what)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if value.__class__ is not tuple:
            raise refuse(instance, attribute.name, f"a tuple of {what}", value)
        for i, pair in enumerate(value):
            if pair.__class__ is not tuple or len(pair) != 2:
                raise refuse(instance, f"{attribute.name}[{i}]", what, pair)
            try:
                firsts(instance, attribute, pair[0])
                seconds(instance, attribute, pair[1])
            except InvalidValue:
                raise refuse(instance, f"{attribute.name}[{i}]", what, pair) from None

    return check
