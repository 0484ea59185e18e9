"""The decision module over time: usual mornings and the week hold, REDs in a row and in the
window, the previous light, and the phase of recovery."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from flows.decision import (
    next_phase,
    previous_light,
    reds_in_row,
    reds_in_window,
    usual_morning,
    week_hold,
)
from flows.model import ActivityKind, Checkin, CheckinStatus, LevelState, Morning, Phase
from tests.flows.decision_cases import NOW, TODAY, A, G, R, T, checkin, mornings

# --------------------------------------------------------------------------- mornings


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        ({1: 2, 2: 3}, None),
        ({1: 2, 2: 3, 3: 4}, 3.0),
        ({1: 2, 2: 3, 3: 4, 4: 6}, 3.5),
        ({0: 9, 1: 2, 2: 3}, None),
        ({1: 2, 2: 3, 8: 4}, None),
        ({1: 2, 2: 3, 7: 9}, 3.0),
    ],
    ids=["2-readings", "3-readings", "even-median", "today-excluded", "8-days-ago-out", "7-in"],
)
def test_usual_morning_is_the_median_of_the_last_seven_days(
    readings: dict[int, int], expected: float | None
) -> None:
    """Usual morning pain: median of the 7 dates before today, None with fewer than 3 readings."""
    assert usual_morning(mornings(readings), TODAY, T) == expected


def test_usual_morning_counts_one_reading_per_date() -> None:
    """Two readings on one date count once (the later one), so 3 rows on 2 dates say nothing."""
    rows = [Morning(TODAY - timedelta(days=1), 1), Morning(TODAY - timedelta(days=1), 5)]
    rows.append(Morning(TODAY - timedelta(days=2), 3))
    assert usual_morning(rows, TODAY, T) is None
    rows.append(Morning(TODAY - timedelta(days=3), 9))
    assert usual_morning(rows, TODAY, T) == 5.0


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        ({0: 4, 1: 4, 2: 4, 7: 3, 8: 3, 9: 3}, False),
        ({0: 5, 1: 4, 2: 4, 7: 3, 8: 3, 9: 3}, True),
        ({0: 9, 1: 9, 7: 3, 8: 3, 9: 3}, False),
        ({0: 9, 1: 9, 2: 9, 8: 3, 9: 3}, False),
        ({0: 9, 1: 9, 2: 9, 7: 3, 8: 3, 13: 3}, True),
        ({0: 9, 1: 9, 2: 9, 7: 3, 8: 3, 14: 3}, False),
        ({1: 9, 2: 9, 6: 9, 7: 3, 8: 3, 9: 3}, True),
    ],
    ids=[
        "rise-exactly-1-no-hold",
        "rise-over-1-hold",
        "too-few-this-week",
        "too-few-last-week",
        "13-days-ago-in-last-week",
        "14-days-ago-out",
        "6-days-ago-in-this-week",
    ],
)
def test_week_hold_compares_this_week_with_last(readings: dict[int, int], expected: bool) -> None:
    """Hold when the 7-day mean waking pain is more than 1 above the previous 7 days'."""
    assert week_hold(mornings(readings), TODAY, T) is expected


# --------------------------------------------------------------------------- history


def test_reds_in_row_counts_the_trailing_run_by_number() -> None:
    """Only the trailing REDs count, ordered by `no` rather than by list position."""
    history = [checkin(4, R), checkin(1, R), checkin(3, R), checkin(2, G)]
    assert reds_in_row(history, "bend") == 2


@pytest.mark.parametrize(
    "extra",
    [
        checkin(5, None, status=CheckinStatus.AWAITING_A1),
        checkin(5, G, movement="lift"),
        checkin(5, G, kind=ActivityKind.WALK, movement="bend", level=None),
        checkin(5, None, status=CheckinStatus.SKIPPED),
    ],
    ids=["unfinished", "other-movement", "walk", "skipped"],
)
def test_reds_in_row_ignores_what_is_not_a_finished_exposure_of_the_movement(
    extra: Checkin,
) -> None:
    """Unfinished, skipped, other-movement and non-exposure check-ins do not break the run."""
    assert reds_in_row([checkin(3, G), checkin(4, R), extra], "bend") == 1


def test_reds_in_row_is_zero_when_the_last_is_not_red() -> None:
    """A GREEN or AMBER ends the run."""
    assert reds_in_row([checkin(1, R), checkin(2, A)], "bend") == 0
    assert reds_in_row([], "bend") == 0


@pytest.mark.parametrize(
    ("age", "counted"),
    [
        (timedelta(days=7), True),
        (timedelta(days=7, seconds=1), False),
        (timedelta(0), True),
        (timedelta(minutes=-5), True),
    ],
    ids=["exactly-7-days", "just-over-7-days", "now", "slightly-future"],
)
def test_reds_in_window_boundary(age: timedelta, counted: bool) -> None:
    """A RED done exactly 7 days ago counts; a second earlier does not."""
    history = [checkin(1, R, at=NOW - age)]
    assert reds_in_window(history, NOW, T) == int(counted)


def test_reds_in_window_counts_any_movement_and_prefers_done_at() -> None:
    """REDs on any activity count; done_at is used over created_at; non-REDs do not count."""
    old = NOW - timedelta(days=8)
    history = [
        checkin(1, R, movement="bend"),
        checkin(2, R, movement="lift"),
        checkin(3, R, kind=ActivityKind.PORTFOLIO, movement="cat_cow", level=None),
        checkin(4, R, at=old, done_at=NOW - timedelta(days=1)),
        checkin(5, R, at=NOW, done_at=old),
        checkin(6, G),
        checkin(7, None, status=CheckinStatus.AWAITING_A2),
    ]
    assert reds_in_window(history, NOW, T) == 4


def test_previous_light_is_the_latest_earlier_finished_at_that_level() -> None:
    """Same movement and level, finished, numbered before the current one; the latest wins."""
    history = [
        checkin(1, G, level=2),
        checkin(2, A, level=2),
        checkin(3, R, level=3),
        checkin(4, G, level=2, movement="lift"),
        checkin(5, None, level=2, status=CheckinStatus.AWAITING_A1),
        checkin(6, R, level=2),
    ]
    assert previous_light(history, "bend", 2, before_no=6) is A
    assert previous_light(history, "bend", 2, before_no=7) is R
    assert previous_light(history, "bend", 2, before_no=2) is G
    assert previous_light(history, "bend", 2, before_no=1) is None
    assert previous_light(history, "bend", 4, before_no=9) is None


# --------------------------------------------------------------------------- phase


def levels(*values: int) -> dict[str, LevelState]:
    """Builds ladder positions for movements m0, m1, ..."""
    return {f"m{i}": LevelState(f"m{i}", v) for i, v in enumerate(values)}


GENTLE_GREEN = checkin(1, G, kind=ActivityKind.WALK, movement="walk", level=None)
START = TODAY - timedelta(days=28)

PHASE_CASES = [
    pytest.param(Phase.SETTLE, [GENTLE_GREEN], levels(1), START, Phase.SETTLE, id="settle-1-green"),
    pytest.param(
        Phase.SETTLE,
        [GENTLE_GREEN, checkin(2, G, kind=ActivityKind.PORTFOLIO, movement="knee_rolls")],
        levels(1),
        START,
        Phase.REBUILD,
        id="settle-2-greens",
    ),
    pytest.param(
        Phase.SETTLE, [GENTLE_GREEN, checkin(2, G)], {}, None, Phase.REBUILD, id="exposure-counts"
    ),
    pytest.param(
        Phase.SETTLE,
        [GENTLE_GREEN, checkin(2, A, kind=ActivityKind.WALK, movement="walk", level=None)],
        levels(1),
        START,
        Phase.SETTLE,
        id="amber-does-not-count",
    ),
    pytest.param(
        Phase.SETTLE,
        [GENTLE_GREEN, checkin(2, G), checkin(3, G)],
        levels(9),
        START,
        Phase.REBUILD,
        id="one-phase-per-call",
    ),
    pytest.param(Phase.REBUILD, [], levels(2, 2), START, Phase.REBUILD, id="rebuild-level-2"),
    pytest.param(Phase.REBUILD, [], levels(1, 3), START, Phase.PROGRESS, id="rebuild-level-3"),
    pytest.param(Phase.PROGRESS, [], levels(5), START, Phase.RETURN, id="progress-28-days-l5"),
    pytest.param(
        Phase.PROGRESS,
        [],
        levels(5),
        START + timedelta(days=1),
        Phase.PROGRESS,
        id="progress-27-days",
    ),
    pytest.param(Phase.PROGRESS, [], levels(4), START, Phase.PROGRESS, id="progress-level-4"),
    pytest.param(Phase.PROGRESS, [], levels(9), None, Phase.PROGRESS, id="progress-no-start"),
    pytest.param(Phase.RETURN, [], levels(1), None, Phase.RETURN, id="return-stays"),
    pytest.param(Phase.PROGRESS, [], levels(), None, Phase.PROGRESS, id="never-backwards"),
]


@pytest.mark.parametrize(("current", "history", "ladders", "start", "expected"), PHASE_CASES)
def test_next_phase_moves_forward_one_phase_on_responses(
    current: Phase,
    history: list[Checkin],
    ladders: dict[str, LevelState],
    start: date | None,
    expected: Phase,
) -> None:
    """Each phase boundary: enough GREENs, ladder level 3, and 28 days plus level 5."""
    assert next_phase(current, history, ladders, start, TODAY, T) is expected
