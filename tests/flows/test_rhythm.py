"""Local times across DST: exactly one occurrence per local date, gaps and repeats handled."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.rhythm import (
    after_quiet_hours,
    in_quiet_hours,
    local_instant,
    next_daily,
    next_weekly,
    spread,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
DST_ZONES = [
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "America/Santiago",
    "Pacific/Chatham",
    "Asia/Tehran",
]
SLOTS = [time(0, 0), time(0, 30), time(1, 30), time(2, 30), time(8, 0), time(23, 30)]


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        (LONDON, date(2026, 3, 29), time(1, 30), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (LONDON, date(2026, 10, 25), time(1, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (NEW_YORK, date(2026, 3, 8), time(2, 30), datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
        (NEW_YORK, date(2026, 11, 1), time(1, 30), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        (LONDON, date(2026, 7, 1), time(8, 0), datetime(2026, 7, 1, 7, 0, tzinfo=UTC)),
    ],
    ids=["london-gap", "london-repeat", "new-york-gap", "new-york-repeat", "summer"],
)
def test_local_instant_handles_gaps_and_repeats(
    zone: ZoneInfo, day: date, at: time, expected: datetime
) -> None:
    """A skipped time fires at the first valid instant after it; a repeated one once, first."""
    assert local_instant(zone, day, at) == expected


@settings(max_examples=150, deadline=None)
@given(
    zone=st.sampled_from(DST_ZONES),
    slot=st.sampled_from(SLOTS),
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 10, 1)),
    offset=st.integers(min_value=0, max_value=600),
)
def test_exactly_one_nudge_per_local_date(zone: str, slot: time, start: date, offset: int) -> None:
    """Chaining next_daily over 70 days gives each local date once, in order, at the slot time."""
    tz = ZoneInfo(zone)
    after = datetime.combine(start, time(12), tzinfo=UTC)
    spread_by = timedelta(seconds=offset)
    seen: list[date] = []
    for _ in range(70):
        day, due = next_daily(tz, slot, after, spread_by)
        assert due > after
        base = (due - spread_by).astimezone(tz)
        assert base.date() == day
        if base.time() != slot:  # only in a gap: the first valid instant after the slot
            gap_end = (due - spread_by).astimezone(tz).time()
            assert gap_end > slot and (
                datetime.combine(day, gap_end) - datetime.combine(day, slot)
            ) <= timedelta(hours=1)
        seen.append(day)
        after = due
    assert all(b - a == timedelta(days=1) for a, b in pairwise(seen))


def test_next_weekly_lands_on_the_weekday() -> None:
    """The recap slot: the next Sunday 18:00 local after a Monday."""
    day, due = next_weekly(LONDON, 6, time(18), datetime(2026, 3, 23, 9, tzinfo=UTC), timedelta(0))
    assert day == date(2026, 3, 29)
    assert due == datetime(2026, 3, 29, 17, 0, tzinfo=UTC)  # BST began that morning


def test_spread_is_stable_and_bounded() -> None:
    """The per-person offset is the same every time and within the window."""
    offsets = [spread(user, 600) for user in range(1, 500)]
    assert offsets == [spread(user, 600) for user in range(1, 500)]
    assert all(timedelta(0) <= o < timedelta(seconds=600) for o in offsets)
    assert len(set(offsets)) > 300
    assert spread(7, 0) == timedelta(0)


@pytest.mark.parametrize(
    ("local", "quiet"),
    [
        (time(20, 59), False),
        (time(21, 0), True),
        (time(23, 59), True),
        (time(7, 59), True),
        (time(8, 0), False),
    ],
)
def test_quiet_hours_span_midnight(local: time, quiet: bool) -> None:
    """21:00–08:00 includes 21:00 and 07:59, not 20:59 or 08:00."""
    assert in_quiet_hours(local, time(21), time(8)) is quiet


def test_after_quiet_hours_moves_to_their_end() -> None:
    """A message due at 22:00 waits for 08:00 the next local morning; one at 12:00 does not wait."""
    late = datetime(2026, 7, 1, 21, 0, tzinfo=UTC)  # 22:00 in London
    assert after_quiet_hours(LONDON, late, time(21), time(8)) == datetime(
        2026, 7, 2, 7, 0, tzinfo=UTC
    )
    noon = datetime(2026, 7, 1, 11, 0, tzinfo=UTC)
    assert after_quiet_hours(LONDON, noon, time(21), time(8)) == noon
