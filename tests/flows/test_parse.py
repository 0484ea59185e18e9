"""Reading what people type: scores, times of day, time zones and "how long ago"."""

from __future__ import annotations

from datetime import date, time

import pytest

from flows.parse import days_ago, offset_zone, score, time_of_day, utc_offset, zone
from tests.flows.transcript import CONTENT

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("4", 4),
        ("10", 10),
        (" 4 ", 4),
        ("04", 4),
        ("4/10", 4),
        ("4 / 10", 4),
        ("4 out of 10", 4),
        ("4 OUT OF 10", 4),
        ("4 of 10", 4),
        ("4.", 4),
        ("4!", 4),
        ("\t7\n", 7),
        ("11", None),
        ("-1", None),
        ("4.5", None),
        ("4,5", None),
        ("four", None),
        ("", None),
        ("   ", None),
        ("🙂", None),
        ("4/5", None),
        ("4 out of 5", None),
        ("100", None),
        ("1 0", None),
        ("about 4", None),
        ("4-5", None),
        ("+4", None),
    ],
)
def test_score_reads_only_an_unambiguous_whole_number(text: str, expected: int | None) -> None:
    """A score is a whole number 0–10, optionally "/10" or "out of 10"; anything else is None."""
    assert score(text) == expected


@pytest.mark.parametrize(
    ("text", "lo", "hi", "expected"),
    [("0", 1, 10, None), ("1", 1, 10, 1), ("5", 0, 5, 5), ("6", 0, 5, None)],
)
def test_score_respects_the_range(text: str, lo: int, hi: int, expected: int | None) -> None:
    """Numbers outside lo..hi are refused, the ends are accepted."""
    assert score(text, lo, hi) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7am", time(7, 0)),
        ("7 am", time(7, 0)),
        ("7AM", time(7, 0)),
        ("7 a.m.", time(7, 0)),
        ("7:30", time(7, 30)),
        ("07:30", time(7, 30)),
        ("07.30", time(7, 30)),
        ("7h30", time(7, 30)),
        ("0730", time(7, 30)),
        ("730", time(7, 30)),
        ("1930", time(19, 30)),
        ("7:30 pm", time(19, 30)),
        ("7:30pm", time(19, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("12:15 am", time(0, 15)),
        ("7", time(7, 0)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        (" 8:00 ", time(8, 0)),
        ("24:00", None),
        ("7:60", None),
        ("13pm", None),
        ("0am", None),
        ("7:5", None),
        ("noon", None),
        ("seven", None),
        ("", None),
        ("7:30:00", None),
        ("-7", None),
    ],
)
def test_time_of_day_reads_common_ways_of_writing_a_time(text: str, expected: time | None) -> None:
    """Clock times with ":", ".", "h" or nothing, with or without am/pm; impossible ones None."""
    assert time_of_day(text) == expected


ZONES = frozenset(
    {
        "Europe/London",
        "America/New_York",
        "America/Indiana/Indianapolis",
        "America/Indianapolis",
        "UTC",
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        ("  EUROPE/LONDON ", "Europe/London"),
        ("London", "Europe/London"),
        ("london", "Europe/London"),
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("utc", "UTC"),
        ("indianapolis", None),  # two zones end that way: ambiguous
        ("America/Indianapolis", "America/Indianapolis"),
        ("Atlantis", None),
        ("Europe", None),
        ("", None),
        ("   ", None),
    ],
)
def test_zone_finds_the_iana_name_meant(text: str, expected: str | None) -> None:
    """A full name in any case, or an unambiguous city; otherwise None."""
    assert zone(text, ZONES) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("london", "Europe/London"),
        ("tokyo", "Asia/Tokyo"),
        ("Kolkata", "Asia/Kolkata"),
        ("Narnia", None),
    ],
)
def test_zone_works_with_the_loaded_zone_list(text: str, expected: str | None) -> None:
    """Cities typed at onboarding resolve against the real list of zones."""
    assert zone(text, CONTENT.zones) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UTC+2", 120),
        ("GMT-5", -300),
        ("+05:30", 330),
        ("UTC+5:30", 330),
        ("utc -0300", -180),
        ("UTC + 2", 120),
        ("UTC\u22125", -300),  # a typographic minus
        ("+0530", 330),
        ("+14", 840),
        ("UTC-12", -720),
        ("UTC", None),
        ("2", None),
        ("UTC+15", None),
        ("UTC+5:60", None),
        ("UTC+2+3", None),
        ("Europe/Berlin", None),
        ("", None),
    ],
)
def test_utc_offset_reads_a_signed_offset_in_minutes(text: str, expected: int | None) -> None:
    """A signed offset, with or without UTC/GMT and minutes, up to 14 hours; else None."""
    assert utc_offset(text) == expected


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (120, "Etc/GMT-2"),
        (-300, "Etc/GMT+5"),
        (840, "Etc/GMT-14"),
        (-720, "Etc/GMT+12"),
        (0, "UTC"),
        (-780, None),  # no place is 13 hours behind UTC, and no Etc zone either
        (330, None),
        (345, None),
    ],
)
def test_offset_zone_inverts_the_sign_for_etc_zones(minutes: int, expected: str | None) -> None:
    """Whole hours map to Etc/GMT with the POSIX (inverted) sign; half hours have no zone."""
    assert offset_zone(minutes, CONTENT.zones) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 days ago", 3),
        ("3 days", 3),
        ("1 day ago", 1),
        ("5d", 5),
        ("5 D", 5),
        ("2 weeks", 14),
        ("2 weeks ago", 14),
        ("1 week", 7),
        ("1w", 7),
        ("0 days", 0),
        ("2026-03-01", 1),
        ("2026-03-02", 0),
        ("2025-03-02", 365),
        (" 2026-02-02 ", 28),
        ("2026-03-03", None),  # the future
        ("2010-01-01", None),  # more than ten years back
        ("yesterday", None),
        ("3 months ago", None),
        ("1000 days", None),
        ("", None),
        ("2026-02-30", None),
        ("a while", None),
    ],
)
def test_days_ago_reads_durations_and_dates(text: str, expected: int | None) -> None:
    """ "N days/weeks (ago)" or an ISO date in the past ten years, as a number of days."""
    assert days_ago(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [("about a fortnight ago", 14), ("a week ago", 7), ("two weeks back", 14),
     ("roughly 10 days ago", 10), ("3 days ago", 3), ("an hour ago", None), ("ages ago", None)],
)  # fmt: skip
def test_days_ago_reads_everyday_wording(text: str, days: int | None) -> None:
    """ "about a fortnight ago", "a week ago", "two weeks back", "roughly 10 days ago" are read;
    units other than days, weeks and fortnights are not."""
    assert days_ago(text, date(2026, 12, 6)) == days
