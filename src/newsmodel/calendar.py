"""Moved to :mod:`newsmodel.widgets.calendar`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.widgets.calendar import (
    CalendarDay,
    CalendarIndex,
    MonthCalendar,
    month_calendar,
    month_calendar_of,
    render_text,
    resolve_week_start,
    week_bounds,
)

__all__ = [
    "CalendarDay",
    "CalendarIndex",
    "MonthCalendar",
    "month_calendar",
    "month_calendar_of",
    "render_text",
    "resolve_week_start",
    "week_bounds",
]
