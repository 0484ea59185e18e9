"""The decision module: every clinical boundary as an example table, plus properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.content import Thresholds
from flows.decision import (
    StepDecision,
    Verdict,
    bad_morning,
    easier_today,
    judge,
    next_phase,
    next_step,
    previous_light,
    reds_in_row,
    reds_in_window,
    settled,
    usual_morning,
    week_hold,
)
from flows.model import ActivityKind, Checkin, CheckinStatus, LevelState, Light, Morning, Phase

T = Thresholds(version="test")
NOW = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)
TODAY = date(2025, 3, 15)
G, A, R, U = Light.GREEN, Light.AMBER, Light.RED, Light.UNFINISHED


def checkin(
    no: int,
    light: Light | None,
    *,
    movement: str = "bend",
    level: int | None = 1,
    kind: ActivityKind = ActivityKind.EXPOSURE,
    status: CheckinStatus = CheckinStatus.FINISHED,
    at: datetime = NOW,
    done_at: datetime | None = None,
) -> Checkin:
    """Builds a check-in with only the fields the decision module reads."""
    return Checkin(
        no=no,
        kind=kind,
        activity=movement,
        level=level,
        created_at=at,
        status=status,
        done_at=done_at,
        light=light,
    )


def mornings(pains_by_days_ago: dict[int, int], today: date = TODAY) -> list[Morning]:
    """Builds waking-pain readings keyed by how many days before `today` they were."""
    return [
        Morning(day=today - timedelta(days=ago), pain=pain)
        for ago, pain in sorted(pains_by_days_ago.items(), reverse=True)
    ]


# --------------------------------------------------------------------------- settled, judge


@pytest.mark.parametrize(
    ("x", "baseline", "expected"),
    [(3, 2, True), (4, 2, False), (0, 0, True), (1, 0, True), (2, 0, False)],
    ids=["b+1-settled", "b+2-not", "equal-settled", "zero-b+1", "zero-b+2"],
)
def test_settled_means_within_one_point_of_baseline(x: int, baseline: int, expected: bool) -> None:
    """settled(x) is x <= b + 1 with the default margin."""
    assert settled(x, baseline, T) is expected


JUDGE_CASES = [
    # (b, d, a1, a2, morning, usual) -> rule
    pytest.param(4, 5, 4, None, None, None, "green.steady", id="rise+1-from-4-green"),
    pytest.param(1, 4, 1, None, None, None, "amber.rise", id="rise+3-amber"),
    pytest.param(1, 5, 1, None, None, None, "red.rise", id="rise+4-red"),
    pytest.param(2, 3, 2, None, None, None, "green.steady", id="rise+1-green"),
    pytest.param(2, 4, 2, None, None, None, "amber.rise", id="rise+2-amber"),
    pytest.param(2, 2, 1, None, None, None, "green.steady", id="no-rise-green"),
    pytest.param(2, 3, 3, None, None, None, "green.steady", id="a1-b+1-settled-green"),
    pytest.param(2, 3, 4, None, None, None, "unfinished.a2", id="a1-b+2-asks-a2"),
    pytest.param(2, 3, 4, 3, None, None, "amber.late", id="a2-b+1-settled-amber"),
    pytest.param(2, 3, 4, 4, None, None, "red.unsettled", id="a2-b+2-unsettled-red"),
    pytest.param(2, 3, None, None, None, None, "unfinished.a1", id="a1-missing"),
    pytest.param(2, 3, None, 2, None, None, "unfinished.a1", id="a2-without-a1"),
    pytest.param(2, 3, 2, None, 3, 2.0, "green.steady", id="morning+1-green"),
    pytest.param(2, 3, 2, None, 4, 2.0, "red.morning", id="morning+2-red"),
    pytest.param(2, 3, 2, None, 4, 2.5, "green.steady", id="morning+1.5-green"),
    pytest.param(2, 3, 2, None, 9, None, "green.steady", id="morning-without-usual-ignored"),
    # Changed 2026-12-06: the light is relative to the starting pain.
    pytest.param(4, 6, 4, None, None, None, "amber.rise", id="d6-rise2-amber-not-red"),
    pytest.param(5, 6, 5, None, None, None, "green.steady", id="d6-rise1-green-not-red"),
    pytest.param(6, 6, 6, None, None, None, "green.steady", id="6-6-6-green"),
    pytest.param(6, 7, 7, None, None, None, "green.steady", id="6-7-7-green"),
    pytest.param(0, 2, 1, None, None, None, "green.mild", id="0-2-1-green-mild"),
    pytest.param(0, 3, 1, None, None, None, "green.mild", id="d3-rise3-green-mild"),
    pytest.param(1, 4, 2, None, None, None, "amber.rise", id="d4-rise3-amber"),
    pytest.param(0, 3, 2, None, None, None, "unfinished.a2", id="mild-but-a1-unsettled"),
    pytest.param(0, 3, 2, 1, None, None, "amber.late", id="mild-settled-late-amber"),
    pytest.param(6, 8, None, None, None, None, "red.severe", id="d8-rise2-red-severe"),
    pytest.param(7, 8, 7, None, None, None, "green.steady", id="d8-rise1-not-severe"),
    pytest.param(5, 7, 5, None, None, None, "amber.rise", id="d7-rise2-not-severe"),
    pytest.param(7, 9, 8, None, None, None, "red.severe", id="d9-rise2-red-severe"),
    pytest.param(7, 10, None, None, None, None, "red.severe", id="d10-rise3-red-severe"),
    pytest.param(3, 5, 7, None, None, None, "unfinished.a2", id="3-5-7-asks-a2"),
    pytest.param(3, 5, 7, 7, None, None, "red.unsettled", id="3-5-7-7-red"),
    pytest.param(2, 3, 2, 9, None, None, "red.unsettled", id="a2-unsettled-even-if-a1-settled"),
    pytest.param(8, 8, 8, None, None, None, "green.steady", id="8-8-8-green"),
    # first matching rule wins
    pytest.param(2, 9, 9, 9, 9, 1.0, "red.rise", id="rise-before-severe"),
    pytest.param(6, 9, 9, 9, 9, 1.0, "red.severe", id="severe-before-unsettled"),
    pytest.param(0, 4, 4, 4, 9, 1.0, "red.rise", id="rise-before-unsettled"),
    pytest.param(2, 3, 4, 4, 9, 1.0, "red.unsettled", id="unsettled-before-morning"),
    pytest.param(0, 4, None, None, None, None, "red.rise", id="red-rise-known-without-a1"),
    pytest.param(2, 3, None, None, 4, 2.0, "red.morning", id="morning-before-unfinished"),
]

RULE_LIGHT = {
    "red.rise": R,
    "red.severe": R,
    "red.unsettled": R,
    "red.morning": R,
    "green.steady": G,
    "green.mild": G,
    "amber.rise": A,
    "amber.late": A,
    "unfinished.a1": U,
    "unfinished.a2": U,
}


@pytest.mark.parametrize(("b", "d", "a1", "a2", "morning", "usual", "rule"), JUDGE_CASES)
def test_judge_picks_the_first_matching_rule(
    b: int,
    d: int,
    a1: int | None,
    a2: int | None,
    morning: int | None,
    usual: float | None,
    rule: str,
) -> None:
    """Each boundary of the light table lands on the expected rule and light."""
    verdict = judge(b, d, a1, a2, T, morning=morning, usual_morning=usual)
    assert verdict == Verdict(RULE_LIGHT[rule], rule)


def test_judge_reads_its_numbers_from_thresholds() -> None:
    """Stricter severe and mild limits move the boundaries: no literal in the rules."""
    strict = Thresholds(version="strict", severe_during=7, green_mild_max=2)
    assert judge(5, 7, 5, None, strict).rule == "red.severe"
    assert judge(5, 7, 5, None, T).rule == "amber.rise"
    assert judge(0, 3, 1, None, strict).rule == "amber.rise"
    assert judge(0, 3, 1, None, T).rule == "green.mild"


PAIN = st.integers(min_value=0, max_value=10)
RANK = {R: 0, A: 1, G: 2}


@given(
    b=PAIN,
    d=PAIN,
    a1=st.none() | PAIN,
    a2=st.none() | PAIN,
    morning=st.none() | PAIN,
    usual=st.none() | st.floats(min_value=0, max_value=10),
    which=st.sampled_from(["d", "a1", "a2", "morning"]),
    rise=st.integers(min_value=1, max_value=10),
)
def test_light_never_improves_when_a_pain_number_rises(
    b: int,
    d: int,
    a1: int | None,
    a2: int | None,
    morning: int | None,
    usual: float | None,
    which: str,
    rise: int,
) -> None:
    """Among finished lights, more pain during, after or next morning never gives a better light."""
    before = {"d": d, "a1": a1, "a2": a2, "morning": morning}
    value = before[which]
    if value is None:
        return
    after = {**before, which: min(10, value + rise)}

    def light(n: dict[str, int | None]) -> Light:
        d_ = n["d"]
        assert d_ is not None
        return judge(b, d_, n["a1"], n["a2"], T, morning=n["morning"], usual_morning=usual).light

    old, new = light(before), light(after)
    if U not in (old, new):
        assert RANK[new] <= RANK[old]


@given(
    b=PAIN,
    d=PAIN,
    a1=st.none() | PAIN,
    a2=st.none() | PAIN,
    position=st.integers(min_value=1, max_value=8),
    previous=st.none() | st.sampled_from([G, A, R]),
    in_row=st.integers(min_value=0, max_value=4),
    in_window=st.integers(min_value=0, max_value=4),
)
def test_no_checkin_moves_a_ladder_more_than_one_level_and_a_start_of_7_never_up(
    b: int,
    d: int,
    a1: int | None,
    a2: int | None,
    position: int,
    previous: Light | None,
    in_row: int,
    in_window: int,
) -> None:
    """Judging any numbers and stepping the ladder: at most one level; from b >= 7 never up."""
    light = judge(b, d, a1, a2, T).light
    state = LevelState("lift", position, None)
    got = next_step(
        state,
        light,
        previous,
        T,
        top=8,
        baseline=b,
        reds_in_row=in_row,
        reds_in_window=in_window,
    )
    assert abs(got.level - position) <= 1
    if b >= 7:
        assert got.level <= position


@given(b=PAIN, d=PAIN, a1=PAIN, a2=PAIN)
def test_both_follow_ups_answered_always_gives_a_light(b: int, d: int, a1: int, a2: int) -> None:
    """With a1 and a2 both known the check-in is never left unfinished."""
    assert judge(b, d, a1, a2, T).light is not U


@given(b=PAIN, d=PAIN, a1=st.none() | PAIN, a2=st.none() | PAIN)
def test_green_always_means_no_worse_or_mild_and_settled_within_the_hour(
    b: int, d: int, a1: int | None, a2: int | None
) -> None:
    """A GREEN implies a1 <= b + 1 and either a rise of at most 1 or a peak of at most 3."""
    if judge(b, d, a1, a2, T).light is G:
        assert a1 is not None and a1 <= b + 1
        assert d - b <= 1 or d <= 3


@given(b=PAIN, d=PAIN, a1=st.none() | PAIN, a2=st.none() | PAIN)
def test_red_from_the_pain_during_does_not_depend_on_the_follow_ups(
    b: int, d: int, a1: int | None, a2: int | None
) -> None:
    """A rise of 4+, or of 2+ into 8+, is RED whatever the follow-ups say; else it is not RED
    before the follow-ups are known."""
    red_during = d - b >= 4 or (d >= 8 and d - b >= 2)
    assert (judge(b, d, None, None, T).light is R) is red_during
    if red_during:
        assert judge(b, d, a1, a2, T).light is R


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
