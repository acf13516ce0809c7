"""Moved to :mod:`newsmodel.values.slugs`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.slugs import (
    GENERATED_SLUG_PATTERN,
    MAX_SLUG_LENGTH,
    RESERVED_SLUGS,
    SLUG_CHARACTER,
    SLUG_JSON_SCHEMA,
    SLUG_PATTERN,
    SLUGIFY_OPTIONS,
    SlugRegistry,
    SlugStore,
    decode_slug,
    encode_slug,
    encoded_length,
    is_generated_slug,
    is_key,
    is_slug,
    slugify,
    truncate_slug,
    unique_slug,
)

__all__ = [
    "GENERATED_SLUG_PATTERN",
    "MAX_SLUG_LENGTH",
    "RESERVED_SLUGS",
    "SLUGIFY_OPTIONS",
    "SLUG_CHARACTER",
    "SLUG_JSON_SCHEMA",
    "SLUG_PATTERN",
    "SlugRegistry",
    "SlugStore",
    "decode_slug",
    "encode_slug",
    "encoded_length",
    "is_generated_slug",
    "is_key",
    "is_slug",
    "slugify",
    "truncate_slug",
    "unique_slug",
]
