"""The JSON Schema of :class:`~newsmodel.pages.page.ArticlePage`, generated from the attrs types.

:func:`json_schema` walks the annotations of an attrs class (and every class it reaches) and
writes a JSON Schema (draft 2020-12) of the JSON that ``newsmodel.serialize`` produces for it:
objects with one property per attribute, arrays for tuples, ISO 8601 strings for dates and
datetimes, ``null`` for optional values, ``$defs`` for each class.  Attributes without a
default are required; no other property is allowed.

The schema of the article page is checked in as ``newsmodel/data/article_page.schema.json``;
``python -m newsmodel.pages.pageschema`` writes it anew.  :func:`validate` checks a JSON value against
the subset of JSON Schema that :func:`json_schema` generates, and returns the problems found.

>>> import attrs
>>> @attrs.frozen(kw_only=True)
... class Point:
...     x: int
...     label: str | None = None
>>> schema = json_schema(Point)
>>> schema["$defs"]["Point"]["required"]
['x']
>>> validate({"x": 1, "label": None}, schema)
[]
>>> validate({"x": "1"}, schema)
["$.x: expected integer, got '1'"]
"""

from __future__ import annotations

import collections.abc
import enum
import json
import re
import sys
import types
import typing
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from newsmodel.values.errors import InvalidValue

__all__ = [
    "ARTICLE_PAGE_SCHEMA",
    "LISTING_PAGE_SCHEMA",
    "article_page_schema",
    "json_schema",
    "listing_page_schema",
    "load_article_page_schema",
    "load_listing_page_schema",
    "validate",
]

#: The name of the checked-in schema file inside the package's ``data`` folder.
ARTICLE_PAGE_SCHEMA = "article_page.schema.json"
#: The checked-in schema of :class:`~newsmodel.pages.listing.ListingPage`.
LISTING_PAGE_SCHEMA = "listing_page.schema.json"

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) is typing.Union or isinstance(tp, types.UnionType)


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: breaks recursion (TocEntry contains TocEntry)
            self.defs[name] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
        props: dict[str, Any] = {}
        required: list[str] = []
        keywords = getattr(cls, "__json_fields__", None)
        if isinstance(keywords, dict):  # a compact value read through its keywords, all required
            for name, ftype in keywords.items():
                props[name] = self.schema(ftype, f"{cls.__name__}.{name}")
            required.extend(keywords)
        for field in attrs.fields(cls) if attrs.has(cls) else ():
            props[field.name] = self.schema(hints[field.name], f"{cls.__name__}.{field.name}")
            if "json_schema" in field.metadata:  # a rule the type cannot say (a slug's pattern)
                props[field.name] = {**props[field.name], **field.metadata["json_schema"]}
            if field.default is attrs.NOTHING:
                required.append(field.name)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        out: dict[str, Any] = {"type": "object", "title": cls.__name__}
        if doc:
            out["description"] = doc
        out.update({"properties": props, "required": required, "additionalProperties": False})
        return out

    def schema(self, tp: Any, where: str) -> dict[str, Any]:
        if _is_union(tp):
            members = [m for m in typing.get_args(tp) if m is not type(None)]
            inner = [self.schema(m, where) for m in members]
            if len(members) < len(typing.get_args(tp)):
                inner.append({"type": "null"})
            return {"anyOf": inner}
        origin = typing.get_origin(tp)
        if origin is tuple:
            args = typing.get_args(tp)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.schema(args[0], where)}
            return {
                "type": "array",
                "prefixItems": [self.schema(a, where) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (frozenset, set, list, collections.abc.Sequence):
            return {"type": "array", "items": self.schema(typing.get_args(tp)[0], where)}
        if origin is typing.Literal:
            return {"enum": list(typing.get_args(tp))}
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is datetime:
            return {"type": "string", "format": "date-time"}
        if tp is date:
            return {"type": "string", "format": "date"}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        if isinstance(tp, type) and (attrs.has(tp) or isinstance(getattr(tp, "__json_fields__", None), dict)):
            return self.ref(tp)
        if isinstance(tp, type) and issubclass(tp, collections.abc.Mapping):
            return {"type": "object"}
        if origin is not None and issubclass(origin, collections.abc.Mapping):
            return {"type": "object"}
        raise InvalidValue(f"json_schema: {where}: no JSON Schema for the type {tp!r}", value=tp, where=where)


def json_schema(cls: type, *, schema_id: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON form of the attrs class ``cls``."""
    builder = _Builder()
    root = builder.ref(cls)
    out: dict[str, Any] = {"$schema": _DRAFT}
    if schema_id is not None:
        out["$id"] = schema_id
    out["title"] = cls.__name__
    out.update(root)
    out["$defs"] = dict(sorted(builder.defs.items()))
    return out


def article_page_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`~newsmodel.pages.page.ArticlePage`, generated now from the types."""
    from newsmodel.pages.page import ArticlePage

    return json_schema(ArticlePage, schema_id="https://example.org/newsmodel/article_page.schema.json")


def listing_page_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`~newsmodel.pages.listing.ListingPage`, generated now from the types."""
    from newsmodel.pages.listing import ListingPage

    return json_schema(ListingPage, schema_id="https://example.org/newsmodel/listing_page.schema.json")


def _load(name: str) -> dict[str, Any]:
    text = resources.files("newsmodel").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def load_article_page_schema() -> dict[str, Any]:
    """The checked-in schema file (equal to :func:`article_page_schema` when up to date)."""
    return _load(ARTICLE_PAGE_SCHEMA)


def load_listing_page_schema() -> dict[str, Any]:
    """The checked-in listing page schema (equal to :func:`listing_page_schema` when up to date)."""
    return _load(LISTING_PAGE_SCHEMA)


def _type_ok(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "null":
        return value is None
    raise InvalidValue(f"validate: unsupported type {name!r} in the schema", value=name, where="type")


def _validate(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str, errors: list[str]) -> None:
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            raise InvalidValue(f"validate: unsupported $ref {ref!r}", value=ref, where=path)
        _validate(value, root["$defs"][ref[len("#/$defs/") :]], root, path, errors)
        return
    if "anyOf" in schema:
        for option in schema["anyOf"]:
            trial: list[str] = []
            _validate(value, option, root, path, trial)
            if not trial:
                return
        errors.append(f"{path}: {value!r:.60} matches none of the allowed shapes")
        return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']!r}")
        return
    kind = schema.get("type")
    if kind is not None and not _type_ok(value, kind):
        errors.append(f"{path}: expected {kind}, got {value!r:.60}")
        return
    if kind == "string":
        low, high = schema.get("minLength", 0), schema.get("maxLength", len(value))
        if not low <= len(value) <= high:
            errors.append(f"{path}: {value!r:.60} is not {low} to {high} long")
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            errors.append(f"{path}: {value!r:.60} does not match {schema['pattern']!r}")
    fmt = schema.get("format")
    if fmt == "date-time" and not _DATETIME_RE.match(value):
        errors.append(f"{path}: {value!r} is not an RFC 3339 date-time")
    elif fmt == "date" and not _DATE_RE.match(value):
        errors.append(f"{path}: {value!r} is not an ISO 8601 date")
    if kind == "object":
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{path}: missing required property {name!r}")
        for name, item in value.items():
            if name in props:
                _validate(item, props[name], root, f"{path}.{name}", errors)
            elif schema.get("additionalProperties", True) is False:
                errors.append(f"{path}: unexpected property {name!r}")
    elif kind == "array":
        prefix = schema.get("prefixItems")
        if prefix is not None:
            if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
                errors.append(f"{path}: expected {len(prefix)} items, got {len(value)}")
            for i, (item, sub) in enumerate(zip(value, prefix, strict=False)):
                _validate(item, sub, root, f"{path}[{i}]", errors)
        elif "items" in schema:
            for i, item in enumerate(value):
                _validate(item, schema["items"], root, f"{path}[{i}]", errors)


def validate(value: Any, schema: dict[str, Any]) -> list[str]:
    """The problems of the JSON ``value`` against ``schema`` (empty when valid), each with its path.

    Supports what :func:`json_schema` writes: ``$ref`` into ``$defs``, ``anyOf``, ``enum``,
    ``type``, ``format`` (``date-time``, ``date``), ``pattern``, ``minLength``, ``maxLength``,
    ``properties``, ``required``,
    ``additionalProperties: false``, ``items`` and ``prefixItems``.
    """
    errors: list[str] = []
    _validate(value, schema, schema, "$", errors)
    return errors


def main(argv: list[str] | None = None) -> int:
    """Write the article and listing page schemas to ``src/newsmodel/data`` (or to the folder given)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(str(resources.files("newsmodel"))) / "data"
    for name, make in ((ARTICLE_PAGE_SCHEMA, article_page_schema), (LISTING_PAGE_SCHEMA, listing_page_schema)):
        target = folder / name
        target.write_text(json.dumps(make(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(target)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
