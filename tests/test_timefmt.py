"""Moments survive the store unchanged: the fast reading path gives what the slow one gave."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from offline_cache.timefmt import from_db, to_db

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 1, 10, 0, tzinfo=AMS),  # winter time
        datetime(2026, 7, 1, 23, 59, 59, 999_999, tzinfo=AMS),  # summer time, last microsecond
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # the hour the clocks go forward
        datetime(2027, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=-5))),
    ],
)
def test_a_moment_reads_back_as_the_same_instant_in_utc(moment):
    back = from_db(to_db(moment))
    assert back == moment
    assert back.utcoffset() == timedelta(0)
    assert back == datetime.fromisoformat(to_db(moment)).replace(tzinfo=UTC)  # the old reading


def test_text_without_microseconds_or_with_an_offset_still_reads():
    assert from_db("2026-12-01T09:00:00") == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    # Text that carries its own offset keeps its wall time, read as UTC (as before).
    assert from_db("2026-12-01T09:00:00+01:00") == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert from_db(None) is None
