"""When the coach reaches out: local times in the person's IANA zone, exact across DST changes.

A time that does not exist on a day (clocks jump forward over it) means the first valid instant
after it; a time that happens twice (clocks fall back) means the first of the two. Every
occurrence is computed afresh from the local date, never by adding 24 hours.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_instant(zone: ZoneInfo, day: date, at: time) -> datetime:
    """The UTC instant of wall-clock `at` on local `day` (gap: first valid instant after)."""
    first = datetime.combine(day, at, tzinfo=zone).replace(fold=0)
    instant = first.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == first.replace(tzinfo=None):
        return instant  # exists (for an ambiguous time, fold=0 is the first occurrence)
    # In a gap: the wall clock jumped over `at`. Find the transition instant, which is the first
    # valid local time after it, between the two readings of the non-existent time.
    low = first.replace(fold=1).astimezone(UTC)
    high = instant
    low, high = min(low, high), max(low, high)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).replace(tzinfo=None) >= first.replace(tzinfo=None):
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0) if high.microsecond else high


def next_daily(
    zone: ZoneInfo, at: time, after: datetime, offset: timedelta
) -> tuple[date, datetime]:
    """The first local date whose `at` (+ offset) falls after `after`: (local date, UTC instant)."""
    day = after.astimezone(zone).date() - timedelta(days=1)
    while True:
        due = local_instant(zone, day, at) + offset
        if due > after:
            return day, due
        day += timedelta(days=1)


def next_weekly(
    zone: ZoneInfo, weekday: int, at: time, after: datetime, offset: timedelta
) -> tuple[date, datetime]:
    """Like next_daily, on one weekday (Monday 0 … Sunday 6)."""
    day = after.astimezone(zone).date() - timedelta(days=1)
    while True:
        if day.weekday() == weekday:
            due = local_instant(zone, day, at) + offset
            if due > after:
                return day, due
        day += timedelta(days=1)


def spread(user_id: int, window_seconds: int) -> timedelta:
    """A small, stable per-person delay so that people who share a time do not all go at once."""
    if window_seconds <= 0:
        return timedelta(0)
    return timedelta(seconds=(user_id * 2_654_435_761) % 2**32 % window_seconds)


def in_quiet_hours(local: time, start: time, end: time) -> bool:
    """True inside [start, end), which may run over midnight (21:00–08:00)."""
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def after_quiet_hours(zone: ZoneInfo, when: datetime, start: time, end: time) -> datetime:
    """`when`, or the end of the quiet hours it falls in."""
    local = when.astimezone(zone)
    if not in_quiet_hours(local.time(), start, end):
        return when
    day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    return local_instant(zone, day, end)
