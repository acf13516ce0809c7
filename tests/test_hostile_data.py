"""No traceback from data: deep nesting, dates at the calendar's edge, wrong types, sub-minute offsets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import example, given
from hypothesis import strategies as st

from newsmodel.model import Article
from newsmodel.serialize import dumps, loads

# ---------------------------------------------------------------- UTC offsets with seconds and microseconds

_ANY_OFFSET = st.timedeltas(min_value=timedelta(hours=-23, minutes=-59, seconds=-59), max_value=timedelta(hours=23, minutes=59, seconds=59))


@given(offset=_ANY_OFFSET, when=st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1)))
@example(offset=timedelta(microseconds=1), when=datetime(2025, 1, 1))
@example(offset=timedelta(microseconds=-1), when=datetime(2025, 1, 1))
@example(offset=timedelta(hours=5, seconds=7, microseconds=250), when=datetime(2025, 1, 1))
def test_any_utc_offset_round_trips_exactly(offset: timedelta, when: datetime) -> None:
    published = when.replace(tzinfo=timezone(offset))
    article = Article(id="1", slug="a", title="A", published=published)
    back = loads(dumps(article), Article)
    assert back.published is not None
    assert back.published.utcoffset() == offset
    assert back == article
