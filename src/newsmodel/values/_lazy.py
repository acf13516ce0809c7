"""The lazy re-exports of a package: ``from newsmodel import Article`` imports the module that
defines ``Article`` on first use, so ``import newsmodel`` stays cheap."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

__all__ = ["load_lazily"]


def load_lazily(namespace: dict[str, Any], locations: Mapping[str, str], name: str) -> Any:
    """The value of ``name`` from the module ``locations`` names, kept in ``namespace`` (a
    package's ``globals()``) so the next access is a plain lookup; AttributeError for a name
    the package does not have, as a module's ``__getattr__`` must raise.

    >>> space = {"__name__": "pkg"}
    >>> load_lazily(space, {"sqrt": "math"}, "sqrt")(4.0), "sqrt" in space
    (2.0, True)
    >>> load_lazily(space, {}, "nope")
    Traceback (most recent call last):
    AttributeError: module 'pkg' has no attribute 'nope'
    """
    location = locations.get(name)
    if location is None:
        raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(location), name)
    namespace[name] = value
    return value
