"""The one cattrs converter of newsmodel, with strict hooks generated for attrs classes.

Everything here is built once, at import time.  The converter's hooks for attrs classes are
generated Python functions (the technique cattrs itself uses) specialised for newsmodel's rules:

* no coercion: a string is a ``str``, an integer an ``int`` (never a bool), a bool a ``bool``,
  a list a JSON array (a string where a list belongs is refused);
* datetimes are ISO 8601 strings with a UTC offset; naive ones are refused;
* members of a union of attrs classes (the body's ``Block`` and ``Inline``) carry a ``"type"``
  tag, derived from the class name, so the tag table follows the union;
* unknown fields are reported (:class:`Unknown`) so the caller can keep or refuse them;
* every error carries the path of the field where it happened.

The fast path of a generated structure function checks that the object has exactly the keys the
writer writes (all fields, plus the tag); anything else — missing optional fields, unknown
fields — takes a general, slower path with the same rules.
"""

from __future__ import annotations

import enum
import linecache
import re
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
import cattrs

from newsmodel.body import Block, Inline
from newsmodel.errors import InvalidValue
from newsmodel.model import ArticleStatus, Extra, thaw

__all__ = [
    "UNKNOWN_FIELDS_KEY",
    "Invalid",
    "Unknown",
    "converter",
    "format_path",
    "short_repr",
    "tag_of",
]

#: The key of an entity's ``extra`` under which unknown fields read from a file are kept.
UNKNOWN_FIELDS_KEY = "newsmodel:unknown"

_TAG = "type"
_NOTHING = attrs.NOTHING

#: A structure hook (``hook(value, type=None)``) or an unstructure hook (``hook(value)``).
Hook = Callable[..., Any]

#: Structure hooks made here; they take ``(value, type=None)``, so they can be called with the value only.
_OURS: set[Any] = set()


def _ours(hook: Hook) -> Hook:
    _OURS.add(hook)
    return hook


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


def _kind(value: Any) -> str:
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
    return Invalid(f"expected {what}, got {_kind(value)}", value)


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def tag_of(cls: type) -> str:
    """The ``"type"`` tag of a union member: its class name in snake case.

    >>> from newsmodel.body import ListBlock, Heading
    >>> tag_of(Heading), tag_of(ListBlock)
    ('heading', 'list_block')
    """
    return _CAMEL.sub("_", cls.__name__).lower()


# --------------------------------------------------------------------------- scalar hooks


def _s_str(v: Any, _: Any = None) -> str:
    if v.__class__ is str:
        return v
    raise _expected("a string", v)


def _s_int(v: Any, _: Any = None) -> int:
    if v.__class__ is int:
        return v
    raise _expected("an integer", v)


def _s_bool(v: Any, _: Any = None) -> bool:
    if v.__class__ is bool:
        return v
    raise _expected("true or false", v)


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


def _u_datetime(v: datetime) -> str:
    return v.isoformat()


def _s_date(v: Any, _: Any = None) -> date:
    if v.__class__ is not str:
        raise _expected("an ISO 8601 date string", v)
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise Invalid(f"invalid date {short_repr(v)} (expected YYYY-MM-DD)", v) from None


def _u_date(v: date) -> str:
    return v.isoformat()


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


def _s_any(v: Any, _: Any = None) -> Any:
    return v


# --------------------------------------------------------------------------- converter


converter = cattrs.Converter()
"""The converter.  Simple-type hooks are registered before any class hook is generated."""

for _tp, _hook in ((str, _s_str), (int, _s_int), (bool, _s_bool), (float, _s_float), (type(None), _s_none)):
    converter.register_structure_hook(_tp, _hook)
    converter.register_unstructure_hook(_tp, lambda v: v)
converter.register_structure_hook(datetime, _s_datetime)
converter.register_unstructure_hook(datetime, _u_datetime)
converter.register_structure_hook(date, _s_date)
converter.register_unstructure_hook(date, _u_date)
converter.register_structure_hook(Extra, _s_extra)
converter.register_unstructure_hook(Extra, _u_extra)
converter.register_structure_hook(Any, _s_any)
_OURS.update((_s_str, _s_int, _s_bool, _s_float, _s_none, _s_datetime, _s_date, _s_extra, _s_any))


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) is typing.Union or isinstance(tp, types.UnionType)


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _make_enum_structure(tp: type[enum.Enum]) -> Hook:
    members = {m.value: m for m in tp}
    types_ = tuple({type(k) for k in members})
    choices = ", ".join(repr(k) for k in members)

    def structure_enum(v: Any, _: Any = None) -> Any:
        if v.__class__ in types_:
            member = members.get(v)
            if member is not None:
                return member
        raise Invalid(f"{short_repr(v)} is not one of {choices}", v)

    return _ours(structure_enum)


_ENUM_HOOKS: dict[type, Hook] = {}


def _enum_hook(tp: type[enum.Enum]) -> Hook:
    hook = _ENUM_HOOKS.get(tp)
    if hook is None:
        hook = _ENUM_HOOKS[tp] = _make_enum_structure(tp)
        # Registered per class: the converter's ``str`` hook would otherwise catch a ``str`` enum.
        converter.register_structure_hook(tp, hook)
        converter.register_unstructure_hook(tp, _u_enum)
    return hook


def _u_enum(v: enum.Enum) -> Any:
    return v.value


converter.register_structure_hook_factory(_is_enum, _enum_hook)
converter.register_unstructure_hook_factory(_is_enum, lambda tp: _u_enum)


def _homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _list_type(tp: Any) -> bool:
    return typing.get_origin(tp) in (list, typing.List)  # noqa: UP006


def _find_failure(hook: Hook, items: list[Any] | tuple[Any, ...], exc: Invalid) -> Invalid:
    for i, item in enumerate(items):
        try:
            hook(item)
        except Invalid as found:
            found.path.append(i)
            return found
    return exc  # pragma: no cover - the hook failed once, it fails again


def _element_hook(tp: Any) -> Hook:
    """The structure hook of ``tp`` as a one-argument function (no wrapper when it is one of ours)."""
    hook = _enum_hook(tp) if _is_enum(tp) else converter.get_structure_hook(tp)
    if hook in _OURS:
        return hook
    return lambda v, _h=hook, _t=tp: _h(v, _t)


def _make_sequence_structure(tp: Any) -> Hook:
    elem = typing.get_args(tp)[0]
    make: Hook = tuple if _homogeneous_tuple(tp) else list
    if elem is str:

        def structure_strs(v: Any, _: Any = None) -> Any:
            if v.__class__ is not list and v.__class__ is not tuple:
                raise _expected("a list", v)
            for i, item in enumerate(v):
                if item.__class__ is not str:
                    exc = _expected("a string", item)
                    exc.path.append(i)
                    raise exc
            return make(v)

        return _ours(structure_strs)
    hook = _field_hook(elem)  # lazy for a class being built: TocEntry.children holds TocEntry

    def structure_seq(v: Any, _: Any = None) -> Any:
        if v.__class__ is not list and v.__class__ is not tuple:
            raise _expected("a list", v)
        try:
            return make([hook(item) for item in v])
        except Invalid as exc:
            raise _find_failure(hook, v, exc) from None

    return _ours(structure_seq)


def _make_sequence_unstructure(tp: Any) -> Hook:
    elem = typing.get_args(tp)[0]
    if elem in (str, int, bool, float):
        return list
    hook = _field_unhook(elem)
    return lambda v: [hook(item) for item in v]


converter.register_structure_hook_factory(lambda tp: _homogeneous_tuple(tp) or _list_type(tp), _make_sequence_structure)
converter.register_unstructure_hook_factory(
    lambda tp: _homogeneous_tuple(tp) or _list_type(tp), _make_sequence_unstructure
)


# ---- unions: Optional[X], unions of attrs classes (tagged), unions of scalars

#: Union member class -> tag.  Filled when a union of attrs classes is configured; a class that
#: is a member of a tagged union carries its tag wherever it is written.
_TAGS: dict[type, str] = {}


def _register_tags(members: tuple[type, ...]) -> None:
    for cls in members:
        tag = tag_of(cls)
        other = next((c for c, t in _TAGS.items() if t == tag and c is not cls), None)
        if other is not None:
            raise TypeError(f"union members {other.__name__} and {cls.__name__} share the tag {tag!r}")
        _TAGS[cls] = tag


def _make_structure_tagged(members: tuple[type, ...]) -> Hook:
    _register_tags(members)
    by_tag = {_TAGS[cls]: cls for cls in members}
    known = ", ".join(repr(t) for t in by_tag)
    # Member hooks are fetched on first use: members may refer back to the union.
    table: dict[str, Hook] = {}

    def structure_tagged(v: Any, _: Any = None) -> Any:
        if v.__class__ is not dict:
            raise _expected("an object with a 'type' field", v)
        try:
            return table[v[_TAG]](v)
        except (KeyError, TypeError):
            pass
        if _TAG not in v:
            raise Invalid(f"missing the 'type' field (one of {known})", v)
        tag = v[_TAG]
        cls = by_tag.get(tag) if tag.__class__ is str else None
        if cls is None:
            exc = Invalid(f"unknown type {short_repr(tag)} (one of {known})", tag)
            exc.path.append(_TAG)
            raise exc
        table[tag] = _element_hook(cls)
        return table[tag](v)

    structure_tagged.table = table  # type: ignore[attr-defined]  # read by the generated code
    return _ours(structure_tagged)


def _make_unstructure_tagged(members: tuple[type, ...]) -> Hook:
    _register_tags(members)
    hooks: dict[type, Hook] = {}

    def unstructure_tagged(v: Any) -> Any:
        try:
            return hooks[v.__class__](v)
        except KeyError:
            if v.__class__ not in members:
                raise TypeError(f"{short_repr(v)} is not a member of the union") from None
            hook = hooks[v.__class__] = converter.get_unstructure_hook(v.__class__)
            return hook(v)

    unstructure_tagged.table = hooks  # type: ignore[attr-defined]  # read by the generated code
    unstructure_tagged.members = members  # type: ignore[attr-defined]
    return unstructure_tagged


_SCALARS = (str, int, bool, float)


def _make_union_structure(tp: Any) -> Hook:
    args = typing.get_args(tp)
    optional = type(None) in args
    rest = tuple(a for a in args if a is not type(None))
    if len(rest) == 1:
        inner = _field_hook(rest[0])  # lazy for a class being built (a node with an optional parent)

        def structure_optional(v: Any, _: Any = None) -> Any:
            if v is None:
                return None
            return inner(v)

        return structure_optional
    if all(attrs.has(a) for a in rest):
        structure_tagged = _make_structure_tagged(rest)
        if not optional:
            return structure_tagged

        def structure_optional_tagged(v: Any, _: Any = None) -> Any:
            return None if v is None else structure_tagged(v)

        return _ours(structure_optional_tagged)
    if all(a in _SCALARS for a in rest):
        classes = set(rest) | ({type(None)} if optional else set())
        if float in classes:
            classes.add(int)
        names = " or ".join(a.__name__ for a in args)

        def structure_scalars(v: Any, _: Any = None) -> Any:
            if v.__class__ in classes:
                return v
            raise _expected(names, v)

        return _ours(structure_scalars)
    raise TypeError(f"newsmodel.serialize cannot structure the union {tp!r}")


def _make_union_unstructure(tp: Any) -> Hook:
    args = typing.get_args(tp)
    rest = tuple(a for a in args if a is not type(None))
    if len(rest) == 1:
        inner = _field_unhook(rest[0])
        return lambda v: None if v is None else inner(v)
    if all(attrs.has(a) for a in rest):
        unstructure_tagged = _make_unstructure_tagged(rest)
        if len(rest) == len(args):
            return unstructure_tagged
        return lambda v: None if v is None else unstructure_tagged(v)
    return lambda v: v


converter.register_structure_hook_factory(_is_union, _make_union_structure)
converter.register_unstructure_hook_factory(_is_union, _make_union_unstructure)


# --------------------------------------------------------------------------- attrs classes


def _unwrap_optional(tp: Any) -> tuple[Any, bool]:
    if _is_union(tp):
        args = typing.get_args(tp)
        if type(None) in args:
            rest = tuple(a for a in args if a is not type(None))
            if len(rest) == 1:
                return rest[0], True
    return tp, False


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


_building: set[type] = set()
_counter = [0]


def _compile(name: str, source: str, namespace: dict[str, Any]) -> Hook:
    _counter[0] += 1
    filename = f"<newsmodel.serialize generated {name} {_counter[0]}>"
    code = compile(source, filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(code, namespace)  # generated from attrs field metadata, as cattrs does
    hook: Hook = namespace[name]
    return hook


def _lazy_structure(tp: Any) -> Hook:
    cell: list[Hook] = []

    def structure_lazy(v: Any, _: Any = None) -> Any:
        if not cell:
            cell.append(converter.get_structure_hook(tp))
        return cell[0](v, tp)

    return _ours(structure_lazy)


def _lazy_unstructure(tp: Any) -> Hook:
    cell: list[Hook] = []

    def unstructure_lazy(v: Any) -> Any:
        if not cell:
            cell.append(converter.get_unstructure_hook(tp))
        return cell[0](v)

    return unstructure_lazy


def _field_hook(tp: Any) -> Hook:
    if attrs.has(tp) and tp in _building:
        return _lazy_structure(tp)
    return _element_hook(tp)


def _field_unhook(tp: Any) -> Hook:
    if attrs.has(tp) and tp in _building:
        return _lazy_unstructure(tp)
    return converter.get_unstructure_hook(tp)


_SCALAR_CHECK = {
    str: "{v}.__class__ is not str",
    int: "{v}.__class__ is not int",
    bool: "{v}.__class__ is not bool",
}


def _make_attrs_structure(cls: type) -> Hook:
    _building.add(cls)
    try:
        return _ours(_generate_structure(cls))
    finally:
        _building.discard(cls)


def _construct_error(exc: InvalidValue) -> Invalid:
    message = str(exc)
    head, sep, tail = message.partition(": ")
    if sep and "." in head and " " not in head:
        message = tail  # drop the "Class.field: " prefix; the path says where
    out = Invalid(message, exc.value)
    if exc.where:
        out.path.append(exc.where)
    return out


def _generate_structure(cls: type) -> Hook:
    hints = _hints(cls)
    fields = tuple(f for f in attrs.fields(cls) if f.init)
    tag = _TAGS.get(cls)
    names = [f.name for f in fields]
    known = frozenset(names) | ({_TAG} if tag else set())
    ns: dict[str, Any] = {
        "Invalid": Invalid,
        "InvalidValue": InvalidValue,
        "_cls": cls,
        "_expected": _expected,
        "_construct_error": _construct_error,
    }
    converters: dict[str, Hook] = {}
    body: list[str] = []
    for i, f in enumerate(fields):
        tp = hints[f.name]
        inner, optional = _unwrap_optional(tp)
        v = f"v{i}"
        body.append(f"        f = {f.name!r}")
        if inner in _SCALAR_CHECK:
            check = _SCALAR_CHECK[inner].format(v=v)
            what = {str: "a string", int: "an integer", bool: "true or false"}[inner]
            if optional:
                body.append(f"        if {v} is not None and {check}: raise _expected({what + ' or null'!r}, {v})")
            else:
                body.append(f"        if {check}: raise _expected({what!r}, {v})")
            converters[f.name] = _field_converter(tp)
            continue
        ns[f"_h{i}"] = _field_hook(tp)
        converters[f.name] = _field_converter(tp)
        elem = typing.get_args(inner)[0] if _homogeneous_tuple(inner) else None
        if not optional and elem is not None and (_is_union(elem) or attrs.has(elem)) and elem not in _building:
            # A list of nodes: one comprehension here; on any doubt, the sequence hook (with paths).
            if _is_union(elem):
                ns[f"_tab{i}"] = converter.get_structure_hook(elem).table  # type: ignore[attr-defined]
                item = f"_tab{i}[x[{_TAG!r}]](x)"
            else:
                ns[f"_e{i}"] = _element_hook(elem)
                item = f"_e{i}(x)"
            body += [
                f"        if {v}.__class__ is list:",
                "            try:",
                f"                {v} = tuple([{item} for x in {v}])",
                "            except (KeyError, TypeError, Invalid):",
                f"                {v} = _h{i}({v})",
                "        else:",
                f"            {v} = _h{i}({v})",
            ]
        elif optional:
            body.append(f"        if {v} is not None: {v} = _h{i}({v})")
        else:
            body.append(f"        {v} = _h{i}({v})")

    slow = _make_slow(cls, fields, converters, known, tag)
    ns["_slow"] = slow
    expected_len = len(fields) + (1 if tag else 0)
    lines = [
        "def structure(o, _t=None):",
        "    if o.__class__ is not dict:",
        "        raise _expected('an object', o)",
        f"    if len(o) != {expected_len}:",
        "        return _slow(o)",
        "    try:",
    ]
    lines += [f"        v{i} = o[{name!r}]" for i, name in enumerate(names)]
    if tag:
        lines.append(f"        if o[{_TAG!r}] != {tag!r}: return _slow(o)")
    lines += ["    except KeyError:", "        return _slow(o)", "    f = None", "    try:"]
    lines += body
    lines.append("        f = None")
    args = ", ".join(f"{f.alias or f.name}=v{i}" for i, f in enumerate(fields))
    lines.append(f"        return _cls({args})")
    lines += [
        "    except Invalid as e:",
        "        if f is not None: e.path.append(f)",
        "        raise",
        "    except InvalidValue as e:",
        "        raise _construct_error(e) from None",
    ]
    return _compile("structure", "\n".join(lines) + "\n", ns)


def _field_converter(tp: Any) -> Hook:
    inner, optional = _unwrap_optional(tp)
    if inner in _SCALAR_CHECK:
        if optional:
            what = {str: "a string", int: "an integer", bool: "true or false"}[inner] + " or null"

            def optional_scalar(v: Any) -> Any:
                if v is None or v.__class__ is inner:
                    return v
                raise _expected(what, v)

            return optional_scalar
        return {str: _s_str, int: _s_int, bool: _s_bool}[inner]
    return _field_hook(tp)


def _make_slow(
    cls: type,
    fields: tuple[attrs.Attribute[Any], ...],
    converters: dict[str, Hook],
    known: frozenset[str],
    tag: str | None,
) -> Callable[[dict[str, Any]], Any]:
    def structure_slow(o: dict[str, Any]) -> Any:
        unknown = [k for k in o if k not in known]
        if unknown:
            raise Unknown(unknown)
        if tag is not None and _TAG in o and o[_TAG] != tag:
            exc = Invalid(f"type {short_repr(o[_TAG])} is not {tag!r}", o[_TAG])
            exc.path.append(_TAG)
            raise exc
        kwargs: dict[str, Any] = {}
        for f in fields:
            if f.name in o:
                try:
                    kwargs[f.alias or f.name] = converters[f.name](o[f.name])
                except Invalid as exc:
                    exc.path.append(f.name)
                    raise
            elif f.default is _NOTHING:
                raise Invalid(f"missing the required field {f.name!r}")
        try:
            return cls(**kwargs)
        except InvalidValue as e:
            raise _construct_error(e) from None

    return structure_slow


def _make_attrs_unstructure(cls: type) -> Hook:
    _building.add(cls)
    try:
        return _generate_unstructure(cls)
    finally:
        _building.discard(cls)


def _generate_unstructure(cls: type, record_tag: str | None = None) -> Hook:
    hints = _hints(cls)
    fields = attrs.fields(cls)
    tag = record_tag or _TAGS.get(cls)
    ns: dict[str, Any] = {"_restore_unknown": _restore_unknown, "_UNKNOWN": UNKNOWN_FIELDS_KEY}
    items: list[str] = []
    before: list[str] = []
    if tag:
        items.append(f"{_TAG!r}: {tag!r}")
    for i, f in enumerate(fields):
        tp = hints[f.name]
        inner, optional = _unwrap_optional(tp)
        attr = f"o.{f.name}"
        if inner in _SCALARS or inner is type(None):
            expr = attr
        elif _homogeneous_tuple(inner) and typing.get_args(inner)[0] in _SCALARS:
            expr = f"list({attr})"
        elif inner is datetime or inner is date:
            expr = f"{attr}.isoformat()"
        elif _homogeneous_tuple(inner):
            elem = typing.get_args(inner)[0]
            ns[f"_u{i}"] = hook = _field_unhook(elem)
            table = getattr(hook, "table", None)
            if table is not None and not optional:
                # A list of union members: dispatch on the class right here, one call per node.
                ns[f"_ut{i}"] = table
                before += [
                    "    try:",
                    f"        v{i} = [_ut{i}[x.__class__](x) for x in {attr}]",
                    "    except KeyError:",
                    f"        v{i} = [_u{i}(x) for x in {attr}]",
                ]
                items.append(f"{f.name!r}: v{i}")
                continue
            expr = f"[_u{i}(x) for x in {attr}]"
        elif _is_enum(inner):
            expr = f"{attr}._value_"  # the member's value, without the ``value`` property's cost
        else:
            ns[f"_u{i}"] = _field_unhook(inner)
            expr = f"_u{i}({attr})"
        if optional and expr != attr:
            expr = f"(None if {attr} is None else {expr})"
        items.append(f"{f.name!r}: {expr}")
    has_extra = any(f.name == "extra" for f in fields) and hints.get("extra") is Extra
    lines = ["def unstructure(o):", *before, "    d = {" + ", ".join(items) + "}"]
    if has_extra:
        ns["_known"] = frozenset(f.name for f in fields) | {_TAG}
        # Extra keeps its items in ``_data``; a plain ``in`` would go through Mapping's Python code.
        lines += ["    if _UNKNOWN in o.extra._data:", "        _restore_unknown(d, _known)"]
    lines.append("    return d")
    return _compile("unstructure", "\n".join(lines) + "\n", ns)


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


converter.register_structure_hook_factory(attrs.has, _make_attrs_structure)
converter.register_unstructure_hook_factory(attrs.has, _make_attrs_unstructure)

# The body unions are tagged; configuring them first lets their members write their tag first.
for _union in (Inline, Block):
    converter.get_structure_hook(_union)
    converter.get_unstructure_hook(_union)


def structure_hook(tp: Any) -> Hook:
    """The structure hook for ``tp``, called as ``hook(value, tp)``."""
    if _is_enum(tp):
        return _enum_hook(tp)
    return converter.get_structure_hook(tp)


# Every public enum of the model is registered now, before anything asks for it.
for _enum in (ArticleStatus,):
    _enum_hook(_enum)


def record_unstructure_hook(cls: type, kind: str) -> Hook:
    """An unstructure hook for ``cls`` that writes ``"type": kind`` first (a corpus file record)."""
    _building.add(cls)
    try:
        return _generate_unstructure(cls, record_tag=kind)
    finally:
        _building.discard(cls)


# Fill the unions' dispatch tables now, so generated code finds every member on its first call.
for _union in (Inline, Block):
    _table: dict[type, Hook] = converter.get_unstructure_hook(_union).table  # type: ignore[attr-defined]
    for _member in typing.get_args(_union):
        _table[_member] = converter.get_unstructure_hook(_member)
