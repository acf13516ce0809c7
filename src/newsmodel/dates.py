"""Moved to :mod:`newsmodel.values.dates`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.values.dates import (
    DateStyle,
    babel_available,
    check_week_start,
    first_weekday,
    format_date,
    format_month_year,
    format_site_date,
    format_week_range,
    local_date,
    month_name,
    resolve_locale,
    weekday_names,
)

__all__ = [
    "DateStyle",
    "babel_available",
    "check_week_start",
    "first_weekday",
    "format_date",
    "format_month_year",
    "format_site_date",
    "format_week_range",
    "local_date",
    "month_name",
    "resolve_locale",
    "weekday_names",
]
