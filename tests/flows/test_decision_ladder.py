"""The decision module's ladder: `next_step` as an example table and as properties, bad mornings
and the easier step."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.decision import (
    StepDecision,
    bad_morning,
    easier_today,
    next_step,
)
from flows.model import LevelState, Light
from tests.flows.decision_cases import PAIN, A, G, R, T, U

# --------------------------------------------------------------------------- next step

STEP_CASES = [
    # (level, return_to, light, previous, kwargs) -> (level, return_to, move, flare, clin, held)
    pytest.param(2, None, G, G, {}, (3, None, "up", False, False, None), id="green-green-up"),
    pytest.param(2, None, G, A, {}, (2, None, "repeat", False, False, None), id="green-amber"),
    pytest.param(2, None, G, R, {}, (2, None, "repeat", False, False, None), id="green-red"),
    pytest.param(2, None, G, None, {}, (2, None, "repeat", False, False, None), id="green-first"),
    pytest.param(2, None, A, G, {}, (2, None, "repeat", False, False, None), id="amber-repeat"),
    pytest.param(2, 3, A, None, {}, (2, 3, "repeat", False, False, None), id="amber-keeps-return"),
    pytest.param(
        3, None, R, G, {"reds_in_row": 1}, (2, 3, "back", False, False, None), id="red-back"
    ),
    pytest.param(2, 3, G, G, {}, (3, None, "return", False, False, None), id="return-not-beyond"),
    pytest.param(2, 3, G, None, {}, (3, None, "return", False, False, None), id="return-first"),
    pytest.param(3, None, G, R, {}, (3, None, "repeat", False, False, None), id="at-red-level"),
    pytest.param(1, None, R, G, {}, (1, None, "repeat", False, False, None), id="red-at-1-stays"),
    pytest.param(1, 2, R, G, {}, (1, 2, "repeat", False, False, None), id="red-at-1-keeps-return"),
    pytest.param(5, None, G, G, {}, (5, None, "repeat", False, False, None), id="top-cap"),
    pytest.param(
        3, None, R, R, {"reds_in_row": 1}, (2, 3, "back", False, False, None), id="1-red-no-flare"
    ),
    pytest.param(
        3, None, R, R, {"reds_in_row": 2}, (2, 3, "back", True, False, None), id="2-reds-flare"
    ),
    pytest.param(
        2,
        None,
        G,
        G,
        {"reds_in_window": 3},
        (2, None, "hold", False, True, "reds"),
        id="3-reds-no-up",
    ),
    pytest.param(
        2, None, G, G, {"reds_in_window": 2}, (3, None, "up", False, False, None), id="2-reds-up"
    ),
    pytest.param(
        2, 3, G, G, {"reds_in_window": 3}, (2, 3, "hold", False, True, "reds"), id="3-reds-no-ret"
    ),
    pytest.param(
        3,
        None,
        R,
        G,
        {"reds_in_row": 3, "reds_in_window": 3},
        (2, 3, "back", True, True, "reds"),
        id="3rd-red-back-and-clinician",
    ),
    pytest.param(
        2,
        None,
        A,
        G,
        {"reds_in_window": 3},
        (2, None, "repeat", False, True, "reds"),
        id="amber-clinician-flag",
    ),
    pytest.param(
        2, None, G, G, {"week_hold": True}, (2, None, "hold", False, False, "week"), id="week-hold"
    ),
    pytest.param(
        2, None, A, G, {"week_hold": True}, (2, None, "repeat", False, False, "week"), id="week-amb"
    ),
    pytest.param(2, 3, U, G, {}, (2, 3, "none", False, False, None), id="unfinished-unchanged"),
    # New 2026-12-06: a very painful start (b >= 7) never moves a ladder up.
    pytest.param(
        2, None, G, G, {"baseline": 6}, (3, None, "up", False, False, None), id="start-6-up"
    ),
    pytest.param(
        2,
        None,
        G,
        G,
        {"baseline": 7},
        (2, None, "repeat", False, False, "hard_day"),
        id="start-7-repeats",
    ),
    pytest.param(
        2, 3, G, None, {"baseline": 7}, (2, 3, "repeat", False, False, "hard_day"), id="7-no-ret"
    ),
    pytest.param(
        2, None, G, None, {"baseline": 8}, (2, None, "repeat", False, False, None), id="7-first"
    ),
    pytest.param(
        5, None, G, G, {"baseline": 9}, (5, None, "repeat", False, False, None), id="7-at-top"
    ),
]


@pytest.mark.parametrize(("level", "return_to", "light", "previous", "kwargs", "want"), STEP_CASES)
def test_next_step_follows_the_ladder_table(
    level: int,
    return_to: int | None,
    light: Light,
    previous: Light | None,
    kwargs: dict[str, int | bool],
    want: tuple[int, int | None, str, bool, bool, str | None],
) -> None:
    """Each row of the exposure-ladder table gives the expected level, move and flags."""
    state = LevelState("bend", level, return_to)
    got = next_step(
        state,
        light,
        previous,
        T,
        top=5,
        reds_in_row=int(kwargs.get("reds_in_row", 0)),
        reds_in_window=int(kwargs.get("reds_in_window", 0)),
        week_hold=bool(kwargs.get("week_hold", False)),
        baseline=int(kwargs["baseline"]) if "baseline" in kwargs else None,
    )
    assert got == StepDecision(*want)


def test_red_then_green_then_green_returns_then_progresses() -> None:
    """After a RED at 3: GREEN at 2 returns to 3, then two GREENs at 3 are needed to reach 4."""
    state = LevelState("bend", 3)
    back = next_step(state, R, None, T, top=5, reds_in_row=1, reds_in_window=1)
    assert (back.level, back.return_to) == (2, 3)
    ret = next_step(LevelState("bend", back.level, back.return_to), G, None, T, top=5)
    assert (ret.level, ret.return_to, ret.move) == (3, None, "return")
    first = next_step(LevelState("bend", ret.level), G, R, T, top=5)
    assert first.move == "repeat"
    second = next_step(LevelState("bend", first.level), G, G, T, top=5)
    assert (second.level, second.move) == (4, "up")


@st.composite
def ladder_states(draw: st.DrawFn) -> tuple[LevelState, int]:
    """Draws a valid ladder position (return_to is None or one above) with its top."""
    top = draw(st.integers(min_value=1, max_value=10))
    level = draw(st.integers(min_value=1, max_value=top))
    can_return = level + 1 <= top
    return_to = draw(st.none() | st.just(level + 1)) if can_return else None
    return LevelState("bend", level, return_to), top


@given(
    position=ladder_states(),
    light=st.sampled_from(list(Light)),
    previous=st.none() | st.sampled_from([G, A, R]),
    in_row=st.integers(min_value=0, max_value=5),
    in_window=st.integers(min_value=0, max_value=5),
    hold=st.booleans(),
    baseline=st.none() | PAIN,
)
def test_next_step_properties(
    position: tuple[LevelState, int],
    light: Light,
    previous: Light | None,
    in_row: int,
    in_window: int,
    hold: bool,
    baseline: int | None,
) -> None:
    """One level at most, within 1..top; RED never raises; UNFINISHED never changes; holds hold;
    a check-in that started at 7 or more never moves the ladder up."""
    state, top = position
    got = next_step(
        state,
        light,
        previous,
        T,
        top=top,
        baseline=baseline,
        reds_in_row=in_row,
        reds_in_window=in_window,
        week_hold=hold,
    )
    if baseline is not None and baseline >= 7:
        assert got.level <= state.level
    assert 1 <= got.level <= top
    assert abs(got.level - state.level) <= 1
    assert got.return_to is None or got.return_to == got.level + 1
    if light is R:
        assert got.level <= state.level
    if light is U:
        assert (got.level, got.return_to) == (state.level, state.return_to)
    if got.held is not None:
        assert got.level <= state.level


@pytest.mark.parametrize(
    ("waking", "usual", "expected"),
    [(3, 2.0, False), (4, 2.0, True), (4, None, False), (4, 2.5, False), (5, 2.5, True)],
    ids=["+1", "+2", "no-usual", "+1.5", "+2.5"],
)
def test_bad_morning_is_two_points_above_usual(
    waking: int, usual: float | None, expected: bool
) -> None:
    """A bad morning is waking pain at least 2 above usual; unknown usual is never bad."""
    assert bad_morning(waking, usual, T) is expected


@pytest.mark.parametrize(("level", "easier"), [(3, 2), (2, 1), (1, 1)], ids=["3", "2", "1"])
def test_easier_today_is_one_level_down_not_below_one(level: int, easier: int) -> None:
    """A bad morning suggests one level easier, never below level 1."""
    assert easier_today(level) == easier
