"""The decision module's light: every clinical boundary of `settled` and `judge` as an example
table, plus properties. The ladder is in test_decision_ladder, mornings, history and the phase
in test_decision_history."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.content import Thresholds
from flows.decision import (
    Verdict,
    judge,
    next_step,
    settled,
)
from flows.model import LevelState, Light
from tests.flows.decision_cases import PAIN, A, G, R, T, U

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
