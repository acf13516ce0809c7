"""Structuring with located errors: cattrs' fast hooks first, its detailed validation only to
explain a failure (the line and the field path of every error) or to keep unknown fields.

The fast generated hooks run on every record; when one fails, cattrs' detailed hooks
(``locator()``) run on the same data and their exception groups are read into newsmodel's own
messages, each at its field path.  Unknown fields are taken out, kept in the value's ``extra``
and the fast hook runs again.
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Iterator
from typing import Any

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from newsmodel.serialize._convert import (
    UNKNOWN_FIELDS_KEY,
    Invalid,
    Unknown,
    construct_error,
    format_path,
    has_extra,
    kind_of,
    locator,
    short_repr,
    structure_hook,
    tag_of,
    union_members,
)
from newsmodel.values.body import MAX_NESTING_DEPTH
from newsmodel.values.errors import InvalidValue, SerializationError
from newsmodel.values.model import Extra, thaw

__all__ = ["place", "root_of", "structure_located", "too_deep"]


def root_of(tp: Any) -> str:
    return tag_of(tp) if isinstance(tp, type) else ""


def _error(exc: Invalid, root: str, line: int | None, source: str | None) -> SerializationError:
    segments = list(reversed(exc.path))
    message = exc.message
    if isinstance(exc, Unknown):
        segments.append(exc.names[0])
        others = exc.names[1:]
        message = "unknown field (strict mode refuses fields newsmodel does not know"
        message += f"; also {', '.join(repr(n) for n in others)})" if others else ")"
    path = format_path(segments, root)
    text = f"{path}: {message}" if path else message
    return SerializationError(place(source, line) + text, line=line, path=path or None, value=exc.value)


def too_deep(root: str, line: int | None, source: str | None) -> SerializationError:
    """The error for a value nested deeper than the JSON decoder or the structure hooks can follow.

    Both recurse once per level (msgspec's decoder in C, the generated hooks in Python), so a
    value nested hundreds of levels deep runs out of the interpreter's stack before any validator
    sees it; it is refused as a whole, naming its line.  Bodies within
    :data:`~newsmodel.values.body.MAX_NESTING_DEPTH` are far from that point.
    """
    where = f"{root}: " if root else ""
    return SerializationError(
        place(source, line) + f"{where}nested too deeply (a body nests at most {MAX_NESTING_DEPTH} levels)",
        line=line,
        path=root or None,
    )


def place(source: str | None, line: int | None) -> str:
    out = f"{source}: " if source else ""
    if line is not None:
        out += f"line {line}: "
    return out


def structure_located(
    data: Any,
    tp: Any,
    *,
    strict: bool,
    root: str,
    line: int | None,
    source: str | None,
    owned: bool,
    hook: Any = None,
) -> Any:
    if hook is None:
        hook = structure_hook(tp)
    try:
        return hook(data, tp)
    except RecursionError:
        raise too_deep(root, line, source) from None
    except Exception:
        pass
    work = data
    kept: dict[str, Any] = {}
    while True:
        located = _locate(work, tp, root, line, source)
        if located is None:  # the detailed hooks accept what the fast ones did not: never seen
            return locator().structure(work, tp)  # pragma: no cover
        errors, unknowns = located
        if errors or not unknowns or strict:
            first = unknowns[0] if strict and unknowns else errors[0] if errors else unknowns[0]
            raise _error(first, root, line, source) from None
        if not has_extra(tp):
            error = _error(unknowns[0], root, line, source)
            raise SerializationError(
                f"{error} — {getattr(tp, '__name__', tp)} has no extra field to keep it in",
                line=line,
                path=error.path,
                value=error.value,
            )
        if work is data and not owned:
            work = copy.deepcopy(data)
        for unknown in unknowns:
            segments = list(reversed(unknown.path))
            node = _walk(work, segments)
            for name in unknown.names:
                kept[format_path([*segments, name])] = node.pop(name)
        try:
            value = hook(work, tp)
            break
        except RecursionError:  # pragma: no cover - the first attempt went deeper
            raise too_deep(root, line, source) from None
        except Exception:
            continue
    return _keep_unknown(value, kept, root=root, line=line, source=source)


def _walk(data: Any, segments: list[str | int]) -> Any:
    """The value at ``segments`` inside ``data`` (None when the path leaves the data)."""
    node = data
    for seg in segments:
        if isinstance(seg, int):
            node = node[seg] if isinstance(node, list) and 0 <= seg < len(node) else None
        else:
            node = node.get(seg) if isinstance(node, dict) else None
    return node


def _locate(
    data: Any, tp: Any, root: str, line: int | None, source: str | None
) -> tuple[list[Invalid], list[Unknown]] | None:
    """Run cattrs' detailed validation on ``data`` and turn what it finds into located errors.

    cattrs gathers every error in exception groups whose notes name the attribute or index at
    each level (what ``cattrs.transform_error`` reads); the messages are newsmodel's own.
    """
    try:
        locator().get_structure_hook(tp)(data, tp)
    except RecursionError:
        raise too_deep(root, line, source) from None
    except Exception as exc:
        errors: list[Invalid] = []
        unknowns: list[Unknown] = []
        for leaf, segments, leaf_tp, by_attribute in _leaves(exc, [], tp, False):
            if isinstance(leaf, RecursionError):
                raise too_deep(root, line, source) from None
            found = _explain(data, leaf, segments, leaf_tp, by_attribute)
            if isinstance(found, Unknown):
                unknowns.append(found)
            else:
                errors.append(found)
        return errors, unknowns
    return None


def _leaves(exc: BaseException, segments: list[str | int], tp: Any, by_attribute: bool) -> Iterator[Any]:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        for sub in exc.exceptions:
            notes = [
                n
                for n in getattr(sub, "__notes__", ())
                if isinstance(n, (AttributeValidationNote, IterableValidationNote))
            ]
            if not notes:  # the class's own constructor, or its unknown keys
                yield from _leaves(sub, segments, tp, False)
                continue
            note = notes[-1]  # the note of this level; deeper levels noted their own exceptions
            if isinstance(note, AttributeValidationNote):
                yield from _leaves(sub, [*segments, note.name], note.type, True)
            else:
                yield from _leaves(sub, [*segments, note.index], note.type, False)
        return
    yield exc, segments, tp, by_attribute


def _located(message: str, value: Any, segments: list[str | int], cls: type[Invalid] = Invalid) -> Invalid:
    out = Invalid(message, value)
    out.path = list(reversed(segments))
    return out


def _explain(data: Any, exc: BaseException, segments: list[str | int], tp: Any, by_attribute: bool) -> Invalid:
    """newsmodel's message for one error cattrs found at ``segments``."""
    if isinstance(exc, ForbiddenExtraKeysError):
        node = _walk(data, segments)
        unknown = Unknown([k for k in node if k in exc.extra_fields])
        unknown.path = list(reversed(segments))
        unknown.value = node[unknown.names[0]]
        return unknown
    if isinstance(exc, Invalid):
        message = exc.message
        if _optional(tp) and message.startswith("expected ") and ", got " in message:
            what, _, got = message.partition(", got ")
            message = f"{what} or null, got {got}"
        return _located(message, exc.value, [*segments, *reversed(exc.path)])
    if isinstance(exc, InvalidValue):
        found = construct_error(exc)
        return _located(found.message, found.value, [*segments, *reversed(found.path)])
    node = _walk(data, segments)
    if isinstance(exc, KeyError) and by_attribute:
        parent = _walk(data, segments[:-1])
        if isinstance(parent, dict) and segments[-1] not in parent:
            return _located(f"missing the required field {segments[-1]!r}", None, segments[:-1])
    members = union_members(tp)
    if members:
        known = ", ".join(repr(tag_of(m)) for m in members)
        if not isinstance(node, dict):
            return _located(f"expected an object with a 'type' field, got {kind_of(node)}", node, segments)
        if "type" not in node:
            return _located(f"missing the 'type' field (one of {known})", node, segments)
        return _located(f"unknown type {short_repr(node['type'])} (one of {known})", node["type"], [*segments, "type"])
    if not isinstance(node, dict):
        return _located(f"expected an object, got {kind_of(node)}", node, segments)
    return _located(f"{type(exc).__name__}: {exc}", node, segments)  # pragma: no cover - no other failure is known


def _optional(tp: Any) -> bool:
    """Whether ``tp`` is an optional ``str``, ``int`` or ``bool`` (whose messages say "or null")."""
    args = typing.get_args(tp)
    return type(None) in args and any(a in (str, int, bool) for a in args)


def _keep_unknown(value: Any, kept: dict[str, Any], *, root: str, line: int | None, source: str | None) -> Any:
    extra: Extra = value.extra
    before = extra.get(UNKNOWN_FIELDS_KEY)
    if before is not None:
        if not isinstance(before, Extra):
            raise SerializationError(
                place(source, line) + f"{format_path(['extra', UNKNOWN_FIELDS_KEY], root)}: expected an object"
                f" to keep unknown fields in, got {short_repr(thaw(before))}",
                line=line,
                path=format_path(["extra", UNKNOWN_FIELDS_KEY], root),
                value=before,
            )
        kept = {**thaw(before), **kept}
    return attrs.evolve(value, extra=extra.merged({UNKNOWN_FIELDS_KEY: kept}))
