"""Moved to :mod:`newsmodel.values._validate`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values._validate import (
    BOOLEAN,
    DATE,
    INTEGER,
    NUMBER,
    OPTIONAL_DATE,
    OPTIONAL_STRING,
    STRING,
    as_tuple,
    instance_of,
    pairs_of,
    refuse,
    tuple_of,
    tuples_of,
)

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
