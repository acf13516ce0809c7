"""Moved to :mod:`newsmodel.io.timezones`, where the feed importers and the WordPress importers
share it; this name keeps working for a release."""

from __future__ import annotations

from newsmodel.io.timezones import OffsetEvidence, ZoneGuess, fixed_offset_name

__all__ = ["OffsetEvidence", "ZoneGuess", "fixed_offset_name"]
