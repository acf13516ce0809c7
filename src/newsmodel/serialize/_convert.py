"""The cattrs converter of newsmodel: stock cattrs, configured.

cattrs generates every attrs class's hooks (``cattrs.gen``), refuses unknown keys
(``forbid_extra_keys``) and tags the body's unions (``configure_tagged_union``).  What is added
here is only what cattrs cannot express, each with its reason:

* strict scalar hooks: cattrs' own ``str``/``int``/``bool`` hooks call the type (``str(5)``,
  ``bool("false")``); newsmodel never coerces;
* datetimes are ISO 8601 strings with a UTC offset (naive ones are refused, offsets with a
  fraction of a second are read exactly); an :class:`~newsmodel.values.model.Extra` is a plain object;
* sequences must be JSON arrays (cattrs turns any iterable, a string too, into a tuple);
* a member of a tagged union writes its tag as its first key, also when written alone, and reads
  it back alone (the corpus file and ``dumps(block)`` keep their shape);
* an entity's unknown fields, kept in its ``extra``, go back where they were when written.

Two converters carry the same configuration: :data:`converter` (cattrs' fast code, which stops
at the first error) does the work; ``locator()`` (``detailed_validation=True``, made on the first
error) runs only after an error, on the same data, to find every error's field path for the
message.  The fast converter reads a tagged union by looking its tag up among its members'
generated hooks (``tag_dispatch``); the locator keeps ``configure_tagged_union``, whose notes
name the field paths.
"""

from __future__ import annotations

import enum
import re
import threading
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from itertools import repeat
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.strategies import configure_tagged_union

from newsmodel.values.body import Block, Inline
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import ArticleStatus, Extra, thaw

__all__ = [
    "UNKNOWN_FIELDS_KEY",
    "Invalid",
    "Unknown",
    "converter",
    "format_path",
    "locator",
    "short_repr",
    "tag_of",
]

#: The key of an entity's ``extra`` under which unknown fields read from a file are kept.
UNKNOWN_FIELDS_KEY = "newsmodel:unknown"

_TAG = "type"

#: A structure hook (``hook(value, type)``) or an unstructure hook (``hook(value)``).
Hook = Callable[..., Any]


class Invalid(Exception):
    """Internal: a value that cannot be structured; ``path`` grows (innermost first) as it propagates."""

    def __init__(self, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.path: list[str | int] = []


class Unknown(Invalid):
    """Internal: an object has fields its type does not know (``names``), at ``path``."""

    def __init__(self, names: list[str]) -> None:
        super().__init__("unknown field " + ", ".join(repr(n) for n in names))
        self.names = names


def short_repr(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters (a 10 MB title must not flood an error message).

    >>> short_repr("x" * 100, 10)
    "'xxxxxxx… (102 characters)"
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 2]}… ({len(text)} characters)"


def format_path(segments: list[str | int] | tuple[str | int, ...], root: str = "") -> str:
    """A field path: ``root.field[3].other``.

    >>> format_path(["body", "blocks", 3, "level"], "article")
    'article.body.blocks[3].level'
    """
    out = root
    for seg in segments:
        if isinstance(seg, int):
            out += f"[{seg}]"
        elif out:
            out += f".{seg}"
        else:
            out = seg
    return out


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, str):
        return f"the string {short_repr(value)}"
    if isinstance(value, (int, float)):
        return f"the number {short_repr(value)}"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return short_repr(value)


def _expected(what: str, value: Any) -> Invalid:
    return Invalid(f"expected {what}, got {kind_of(value)}", value)


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def tag_of(cls: type) -> str:
    """The ``"type"`` tag of a union member: its class name in snake case.

    >>> from newsmodel.values.body import ListBlock, Heading
    >>> tag_of(Heading), tag_of(ListBlock)
    ('heading', 'list_block')
    """
    return _CAMEL.sub("_", cls.__name__).lower()


# --------------------------------------------------------------------------- scalar hooks


def _exactly(cls: type, expected: str) -> Callable[[Any, Any], Any]:
    """The strict hook of a JSON scalar type: the value when it is of exactly ``cls`` (so ``True``
    is no integer and ``1`` no string), else the error saying what was ``expected``."""

    def hook(v: Any, _: Any = None) -> Any:
        if v.__class__ is cls:
            return v
        raise _expected(expected, v)

    return hook


_s_str = _exactly(str, "a string")
_s_int = _exactly(int, "an integer")
_s_bool = _exactly(bool, "true or false")


def _s_float(v: Any, _: Any = None) -> float:
    if v.__class__ is float:
        return v
    if v.__class__ is int:  # JSON does not tell 1 from 1.0; widening is lossless
        return float(v)
    raise _expected("a number", v)


def _s_none(v: Any, _: Any = None) -> None:
    if v is None:
        return None
    raise _expected("null", v)


#: A UTC offset with a fraction of a second (``+00:00:00.000001``), as ``isoformat`` writes one.
_FRACTIONAL_OFFSET = re.compile(r"([+-])(\d\d):(\d\d):(\d\d)\.(\d{1,6})\Z")


def _fromisoformat(text: str) -> datetime:
    if text[-1:] in ("Z", "z"):  # Python 3.10's fromisoformat does not read "Z"
        text = text[:-1] + "+00:00"
    if "." in text[-7:]:
        # Python 3.11's fromisoformat reads the offset "+00:00:00.000001" as UTC (drops its
        # microseconds), so an offset with a fraction of a second is read here.
        m = _FRACTIONAL_OFFSET.search(text)
        if m is not None:
            sign, hh, mm, ss, frac = m.groups()
            offset = timedelta(hours=int(hh), minutes=int(mm), seconds=int(ss), microseconds=int(frac.ljust(6, "0")))
            if offset < timedelta(days=1):
                local = datetime.fromisoformat(text[: m.start()])
                if local.tzinfo is None:
                    return local.replace(tzinfo=timezone(-offset if sign == "-" else offset))
    return datetime.fromisoformat(text)


def _s_datetime(v: Any, _: Any = None) -> datetime:
    if v.__class__ is not str:
        raise _expected("an ISO 8601 date-time string", v)
    try:
        value = _fromisoformat(v)
    except ValueError:
        raise Invalid(
            f"invalid date-time {short_repr(v)} (expected ISO 8601, e.g. '2025-12-16T09:00:00+09:00')", v
        ) from None
    if value.tzinfo is None:
        raise Invalid(f"naive datetime {short_repr(v)}", v)
    return value


def _s_date(v: Any, _: Any = None) -> date:
    if v.__class__ is not str:
        raise _expected("an ISO 8601 date string", v)
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise Invalid(f"invalid date {short_repr(v)} (expected YYYY-MM-DD)", v) from None


_EMPTY_EXTRA = Extra()


def _s_extra(v: Any, _: Any = None) -> Extra:
    if v.__class__ is not dict:
        raise _expected("an object", v)
    if not v:
        return _EMPTY_EXTRA  # immutable, so one instance serves every empty extra
    try:
        return Extra(v)
    except InvalidValue as exc:
        raise Invalid(str(exc), exc.value) from None


def _u_extra(v: Extra) -> dict[str, Any]:
    return thaw(v) if v._data else {}


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _enum_structure(tp: type[enum.Enum]) -> Hook:
    # cattrs calls the enum (``Status(v)``): its error names neither the choices nor the value's type.
    members = {m.value: m for m in tp}
    kinds = tuple({type(k) for k in members})
    choices = ", ".join(repr(k) for k in members)

    def structure_enum(v: Any, _: Any = None) -> Any:
        if v.__class__ in kinds:
            member = members.get(v)
            if member is not None:
                return member
        raise Invalid(f"{short_repr(v)} is not one of {choices}", v)

    return structure_enum


def _u_enum(v: enum.Enum) -> Any:
    return v._value_  # the member's value, without the ``value`` property's cost


def _is_sequence(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin is list:
        return True
    args = typing.get_args(tp)
    return origin is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(tp: Any) -> bool:
    """``X | None`` (``Optional[X]``) for one type ``X``."""
    args = typing.get_args(tp) if _is_union(tp) else ()
    return len(args) == 2 and type(None) in args


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) is typing.Union or isinstance(tp, types.UnionType)


def union_members(tp: Any) -> tuple[type, ...]:
    """The members of a union of attrs classes (or of such a union with None); () for other types."""
    if not _is_union(tp):
        return ()
    members = tuple(a for a in typing.get_args(tp) if a is not type(None))
    return members if members and all(attrs.has(a) for a in members) else ()


def construct_error(exc: InvalidValue) -> Invalid:
    """A model validator's error as a located error: its ``where`` (a field name) ends the path."""
    message = str(exc)
    head, sep, tail = message.partition(": ")
    if sep and "." in head and " " not in head:
        message = tail  # drop the "Class.field: " prefix; the path says where
    out = Invalid(message, exc.value)
    if exc.where:
        out.path.append(exc.where)
    return out


def _is_tagged_union(tp: Any) -> bool:
    return _is_union(tp) and all(attrs.has(a) for a in typing.get_args(tp))


#: Union member class -> tag, filled when a union of attrs classes is first met.
_TAGS: dict[type, str] = {}


def _register_tags(members: tuple[type, ...]) -> None:
    for cls in members:
        tag = tag_of(cls)
        other = next((c for c, t in _TAGS.items() if t == tag and c is not cls), None)
        if other is not None:
            raise TypeError(f"union members {other.__name__} and {cls.__name__} share the tag {tag!r}")
        _TAGS[cls] = tag


def has_extra(cls: Any) -> bool:
    return attrs.has(cls) and any(f.name == "extra" and f.init for f in attrs.fields(cls))


# --------------------------------------------------------------------------- unknown fields

_PATH_TOKEN = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def parse_path(path: str) -> list[str | int] | None:
    """The segments of a path written by :func:`format_path` (None when it does not parse).

    >>> parse_path("body.blocks[3].anchor")
    ['body', 'blocks', 3, 'anchor']
    """
    segments: list[str | int] = []
    pos = 0
    while pos < len(path):
        m = _PATH_TOKEN.match(path, pos)
        if m is None or (pos and m.group(2) is not None and path[pos] != "."):
            return None
        segments.append(int(m.group(1)) if m.group(1) is not None else m.group(2))
        pos = m.end()
    return segments or None


def _restore_unknown(d: dict[str, Any], known: frozenset[str]) -> None:
    """Put unknown fields kept in ``extra`` back where they were read (those that still fit)."""
    extra = d.get("extra")
    if not isinstance(extra, dict):
        return
    kept = extra.get(UNKNOWN_FIELDS_KEY)
    if not isinstance(kept, dict) or not kept:
        return
    left: dict[str, Any] = {}
    for key, value in kept.items():
        segments = parse_path(key)
        if not segments or not isinstance(segments[-1], str) or (len(segments) == 1 and key in known):
            left[key] = value
            continue
        node: Any = d
        for seg in segments[:-1]:
            if isinstance(seg, int):
                node = node[seg] if isinstance(node, list) and 0 <= seg < len(node) else None
            else:
                node = node.get(seg) if isinstance(node, dict) else None
            if node is None:
                break
        last = segments[-1]
        if isinstance(node, dict) and last not in node and (node is not d or last not in known):
            node[last] = value
        else:
            left[key] = value
    if left:
        extra[UNKNOWN_FIELDS_KEY] = left
    else:
        del extra[UNKNOWN_FIELDS_KEY]


def configure(conv: cattrs.Converter) -> cattrs.Converter:
    """Register newsmodel's rules on ``conv`` (a ``cattrs.Converter(forbid_extra_keys=True)``)."""
    for tp, hook in ((str, _s_str), (int, _s_int), (bool, _s_bool), (float, _s_float), (type(None), _s_none)):
        conv.register_structure_hook(tp, hook)
    conv.register_structure_hook(datetime, _s_datetime)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_structure_hook(date, _s_date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(Extra, _s_extra)
    conv.register_unstructure_hook(Extra, _u_extra)
    conv.register_structure_hook_factory(_is_enum, _enum_structure)
    conv.register_unstructure_hook_factory(_is_enum, lambda tp: _u_enum)
    for model_enum in (ArticleStatus,):
        # Registered per class: the ``str`` hooks (dispatched on the class) would catch a ``str`` enum.
        conv.register_structure_hook(model_enum, _enum_structure(model_enum))
        conv.register_unstructure_hook(model_enum, _u_enum)

    def sequence_structure(tp: Any) -> Hook:
        # Our own, for two reasons: cattrs turns any iterable (a string too) into a tuple, and its
        # hook is three Python frames deep per level (a wrapper, the tuple hook, a comprehension)
        # where this one is one; bodies nest 100 levels and every frame counts against the
        # interpreter's recursion limit.  The detailed variant notes the index as cattrs does.
        make = list if typing.get_origin(tp) is list else tuple
        elem = typing.get_args(tp)[0]
        hook = conv.get_structure_hook(elem)
        if conv.detailed_validation:

            def structure_sequence_detailed(v: Any, _: Any = None) -> Any:
                if v.__class__ is not list and v.__class__ is not tuple:
                    raise _expected("a list", v)
                errors: list[Exception] = []
                out = []
                for i, item in enumerate(v):
                    try:
                        out.append(hook(item, elem))
                    except Exception as exc:
                        exc.__notes__ = [  # type: ignore[attr-defined]  # PEP 678 notes, as cattrs sets them
                            *getattr(exc, "__notes__", []),
                            IterableValidationNote(f"@ index {i}", i, elem),
                        ]
                        errors.append(exc)
                if errors:
                    raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
                return make(out)

            return structure_sequence_detailed

        def structure_sequence(v: Any, _: Any = None) -> Any:
            if v.__class__ is not list and v.__class__ is not tuple:
                raise _expected("a list", v)
            return make(map(hook, v, repeat(elem)))

        return structure_sequence

    def sequence_unstructure(tp: Any) -> Hook:
        # One frame per level, like the structure hook (cattrs' adds a generator's frame).
        hook = conv.get_unstructure_hook(typing.get_args(tp)[0])
        if hook is identity:
            return list
        return lambda v: list(map(hook, v))

    conv.register_structure_hook_factory(_is_sequence, sequence_structure)
    conv.register_unstructure_hook_factory(_is_sequence, sequence_unstructure)

    def optional_structure(tp: Any) -> Hook:
        # cattrs' hook for ``X | None`` looks the hook of X up again on every call; this one
        # fetches it once.  The locator keeps cattrs' own (the same errors, raised by X's hook).
        other = next(a for a in typing.get_args(tp) if a is not type(None))
        hook = conv.get_structure_hook(other)

        def structure_optional(v: Any, _: Any = None) -> Any:
            return None if v is None else hook(v, other)

        return structure_optional

    if not conv.detailed_validation:
        conv.register_structure_hook_factory(_is_optional, optional_structure)

    # A tuple subclass a function returns (Archives, RelatedResults: tuples that also show in a
    # notebook) is written as the tuple it is, each item by its own hook (not by msgspec's
    # encoder, which would write attrs fields in another order).
    def is_tuple_subclass(tp: Any) -> bool:
        return isinstance(tp, type) and issubclass(tp, tuple) and tp is not tuple and not hasattr(tp, "_fields")

    conv.register_unstructure_hook_factory(is_tuple_subclass, lambda tp: lambda v: [conv.unstructure(x) for x in v])

    # A value kept compactly (not as attrs fields) writes itself: its ``__unstructure__`` method
    # gives the JSON-ready data (the related results' Signals, ten numbers in one tuple).
    def writes_itself(tp: Any) -> bool:
        return isinstance(tp, type) and callable(getattr(tp, "__unstructure__", None))

    conv.register_unstructure_hook_factory(writes_itself, lambda tp: tp.__unstructure__)

    # Such a value is read back through its keywords: ``__json_fields__`` names each keyword and
    # its type, and the value is ``tp(**fields)`` (its own checks run).  Errors carry cattrs'
    # notes in the detailed converter, so the locator names the field path as for attrs classes.
    def reads_by_keywords(tp: Any) -> bool:
        return isinstance(tp, type) and isinstance(getattr(tp, "__json_fields__", None), dict)

    def keywords_structure(tp: Any) -> Hook:
        fields: dict[str, Any] = tp.__json_fields__
        hooks = {name: conv.get_structure_hook(ftype) for name, ftype in fields.items()}
        names = frozenset(fields)
        detailed = conv.detailed_validation

        def structure_keywords(v: Any, _: Any = None) -> Any:
            if v.__class__ is not dict:
                raise _expected("an object", v)
            unknown = v.keys() - names
            if unknown:
                raise ForbiddenExtraKeysError("", tp, set(unknown)) if detailed else Unknown(sorted(unknown))
            if not detailed:
                return tp(**{name: hooks[name](v[name], fields[name]) for name in fields})
            values, errors = {}, []
            for name, ftype in fields.items():
                try:
                    values[name] = hooks[name](v[name], ftype)
                except Exception as exc:
                    # as cattrs notes an attribute (the attribute is set directly on Python 3.10)
                    exc.__notes__ = [  # type: ignore[attr-defined]
                        *getattr(exc, "__notes__", []),
                        AttributeValidationNote(f"Structuring class {tp.__name__} @ attribute {name}", name, ftype),
                    ]
                    errors.append(exc)
            if errors:
                raise ClassValidationError(f"While structuring {tp.__name__}", errors, tp)
            return tp(**values)

        return structure_keywords

    conv.register_structure_hook_factory(reads_by_keywords, keywords_structure)

    # Any union of attrs classes is tagged, configured when first met (the tags follow the union).
    configured: set[Any] = set()

    def unconfigured(tp: Any) -> bool:
        return _is_tagged_union(tp) and tp not in configured

    def tagged_union(tp: Any) -> Hook:
        configured.add(tp)
        members = typing.get_args(tp)
        _register_tags(members)
        if not conv.detailed_validation:
            conv.register_unstructure_hook(tp, union_unstructure(members))
            # Registered, not only returned: a registration clears cattrs' cache of factory
            # results, and ``unconfigured`` no longer matches this union, so a hook that was only
            # returned would be forgotten and cattrs' own union rule would take over.
            hook = tag_dispatch(tp, members)
            conv.register_structure_hook(tp, hook)
            return hook
        # The union calls each member's generated hook directly (one frame less per level); a
        # member structured alone gets the hook that also reads its own tag.
        bare = {m: make_dict_structure_fn(m, conv, _cattrs_forbid_extra_keys=True) for m in members}
        for m in members:
            conv.register_structure_hook(m, bare[m])
        configure_tagged_union(tp, conv, tag_generator=tag_of, tag_name=_TAG)
        for m in members:
            conv.register_structure_hook(m, member_structure(m, bare[m]))
        return conv.get_structure_hook(tp)

    def tag_dispatch(tp: Any, members: tuple[type, ...]) -> Hook:
        # The fast converter's union hook: the tag looked up in a dict of the members' generated
        # hooks, each made when its tag is first met.  configure_tagged_union copies every node
        # to pop its tag and calls the member through a wrapper (two frames and a dict a node),
        # and makes every member's hook at once.  Here the member's cattrs-generated hook reads
        # the node as it is (made without its own unknown-key check) and the keys are checked
        # against the member's fields and the tag with one superset test, as strict as cattrs'
        # ``forbid_extra_keys``.  Any error raised here is explained by ``locator``, which keeps
        # configure_tagged_union: its notes give the messages and field paths.
        by_tag = {_TAGS[m]: m for m in members}
        hooks: dict[str, tuple[Hook, type, frozenset[str]]] = {}

        def member_hook(tag: Any) -> tuple[Hook, type, frozenset[str]]:
            cls = by_tag[tag]  # an unknown tag: KeyError (an unhashable one: TypeError)
            generated: Hook = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=False)
            found = hooks[tag] = (generated, cls, frozenset(a.name for a in attrs.fields(cls)) | {_TAG})
            return found

        def structure_tagged(v: Any, _: Any = None) -> Any:
            if v.__class__ is not dict:
                raise _expected("an object with a 'type' field", v)
            tag = v[_TAG]  # no tag: KeyError
            found = hooks.get(tag) or member_hook(tag)
            if found[2].issuperset(v):  # (no keys view made: one allocation less a node)
                return found[0](v, found[1])
            raise Unknown(sorted(v.keys() - found[2]))

        return structure_tagged

    def union_unstructure(members: tuple[type, ...]) -> Hook:
        # Each member's own hook writes its tag first (attrs_unstructure); one lookup by class.
        by_class: dict[type, Hook] = {}

        def unstructure_tagged(o: Any) -> Any:
            hook = by_class.get(o.__class__)
            if hook is None:
                if o.__class__ not in members:
                    raise TypeError(f"{o!r} is not one of {', '.join(m.__name__ for m in members)}")
                hook = by_class[o.__class__] = conv.get_unstructure_hook(o.__class__)
            return hook(o)

        return unstructure_tagged

    def tagged_union_unstructure(tp: Any) -> Hook:
        if tp not in configured:
            tagged_union(tp)
        return conv.get_unstructure_hook(tp)

    conv.register_structure_hook_factory(unconfigured, tagged_union)
    conv.register_unstructure_hook_factory(unconfigured, tagged_union_unstructure)

    def attrs_structure(cls: Any) -> Hook:
        generated = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
        return generated if cls not in _TAGS else member_structure(cls, generated)

    def member_structure(cls: Any, generated: Hook) -> Hook:
        tag = _TAGS[cls]

        def structure_member(v: Any, t: Any = cls) -> Any:
            # A member read alone may carry its own tag (it writes one); the union removed it.
            if v.__class__ is dict and _TAG in v:
                if v[_TAG] != tag:
                    exc = Invalid(f"type {short_repr(v[_TAG])} is not {tag!r}", v[_TAG])
                    exc.path.append(_TAG)
                    raise exc
                v = {k: x for k, x in v.items() if k != _TAG}
            return generated(v, t)

        return structure_member

    def attrs_unstructure(cls: Any) -> Hook:
        generated = make_dict_unstructure_fn(cls, conv)
        tag = _TAGS.get(cls)
        if tag is not None:

            def unstructure_member(o: Any) -> dict[str, Any]:
                # The tag first: configure_tagged_union appends it last, which would reorder the file.
                d = {_TAG: tag}
                d.update(generated(o))
                return d

            return unstructure_member
        if has_extra(cls):
            known = frozenset(a.name for a in attrs.fields(cls)) | {_TAG}

            def unstructure_entity(o: Any) -> dict[str, Any]:
                d = generated(o)
                # Extra keeps its items in ``_data``; a plain ``in`` would go through Mapping's Python code.
                if UNKNOWN_FIELDS_KEY in o.extra._data:
                    _restore_unknown(d, known)
                return d

            return unstructure_entity
        return generated

    conv.register_structure_hook_factory(attrs.has, attrs_structure)
    conv.register_unstructure_hook_factory(attrs.has, attrs_unstructure)
    # The body's unions first, so that their members know their tags before any hook is made.
    for union in (Inline, Block):
        conv.get_structure_hook(union)
        conv.get_unstructure_hook(union)
    return conv


# Tuples are written as JSON arrays: the unstructured data is plain lists, dicts and scalars.
converter = configure(
    cattrs.Converter(forbid_extra_keys=True, detailed_validation=False, unstruct_collection_overrides={tuple: list})
)
"""The converter: cattrs' generated hooks, stopping at the first error."""


_LOCATOR_LOCK = threading.Lock()
_LOCATOR: list[cattrs.Converter] = []


def locator() -> cattrs.Converter:
    """The same rules with cattrs' detailed validation, run only to locate an error (field paths).

    Made on the first error (once, under a lock: a server's threads may meet errors together): a
    process that reads only good data never compiles its hooks.
    """
    if not _LOCATOR:
        with _LOCATOR_LOCK:
            if not _LOCATOR:
                _LOCATOR.append(
                    configure(
                        cattrs.Converter(
                            forbid_extra_keys=True,
                            detailed_validation=True,
                            unstruct_collection_overrides={tuple: list},
                        )
                    )
                )
    return _LOCATOR[0]


def structure_hook(tp: Any) -> Hook:
    """The structure hook for ``tp``, called as ``hook(value, tp)``."""
    return converter.get_structure_hook(tp)


def record_unstructure_hook(cls: type, kind: str) -> Hook:
    """An unstructure hook for ``cls`` that writes ``"type": kind`` first (a corpus file record)."""
    hook = converter.get_unstructure_hook(cls)

    def unstructure_record(o: Any) -> dict[str, Any]:
        d = {_TAG: kind}
        d.update(hook(o))
        return d

    return unstructure_record
