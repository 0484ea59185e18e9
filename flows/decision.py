"""The shared decision module: the traffic light, the next ladder step, holds and the phase.

Pure functions over frozen records (DESIGN §4). Every clinical number comes from `Thresholds`;
time comes in as arguments. Over 300 lines on purpose: the clinical rules are read and reviewed
together, each with its docstring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from statistics import fmean, median

from flows.content import Thresholds
from flows.model import ActivityKind, Checkin, CheckinStatus, LevelState, Light, Morning, Phase

__all__ = [
    "Held",
    "Move",
    "Rule",
    "StepDecision",
    "Verdict",
    "bad_morning",
    "easier_today",
    "judge",
    "next_phase",
    "next_step",
    "previous_light",
    "reds_in_row",
    "reds_in_window",
    "settled",
    "usual_morning",
    "week_hold",
]

# Not clinical thresholds but the shape of the statistics: fewer readings than this say nothing
# about "usual", and a week is a week. (Candidates for Thresholds if a clinician wants them tuned.)
_MIN_READINGS = 3
_WEEK_DAYS = 7


class Rule(StrEnum):
    """The rule of DESIGN §4 that decided a light (its reason is catalogue key `reason.<rule>`)."""

    RED_RISE = "red.rise"
    RED_SEVERE = "red.severe"
    RED_UNSETTLED = "red.unsettled"
    RED_MORNING = "red.morning"
    GREEN_STEADY = "green.steady"
    GREEN_MILD = "green.mild"
    AMBER_RISE = "amber.rise"
    AMBER_LATE = "amber.late"
    UNFINISHED_A1 = "unfinished.a1"
    UNFINISHED_A2 = "unfinished.a2"


class Move(StrEnum):
    """Where a ladder goes after one check-in."""

    UP = "up"
    REPEAT = "repeat"
    BACK = "back"
    RETURN = "return"
    HOLD = "hold"
    NONE = "none"


class Held(StrEnum):
    """Why progression is held."""

    REDS = "reds"  # REDs within the window: see a clinician (a flare-up plan holds it too)
    WEEK = "week"  # waking pain rising week on week
    HARD_DAY = "hard_day"  # a very painful start: a GREEN repeats the level


@dataclass(frozen=True)
class Verdict:
    """The light for one check-in and the rule that decided it."""

    light: Light
    rule: Rule


@dataclass(frozen=True)
class StepDecision:
    """Where a ladder goes after one check-in, and why it may be held."""

    level: int
    return_to: int | None
    move: Move
    flare: bool = False  # 2 REDs in a row on this movement: offer the flare-up plan
    see_clinician: bool = False  # 3 REDs within the window: pause, suggest physio/doctor
    held: Held | None = None  # why progression is held (None: it is not)


# --------------------------------------------------------------------------- one check-in


def settled(x: int, baseline: int, t: Thresholds) -> bool:
    """Tells whether pain `x` is back to within the settled margin of the baseline."""
    return x <= baseline + t.settled_margin


def bad_morning(waking: int, usual: float | None, t: Thresholds) -> bool:
    """Tells whether waking pain is at least the bad-morning rise above usual (unknown: no)."""
    return usual is not None and waking >= usual + t.bad_morning_rise


def judge(
    baseline: int,
    during: int,
    a1: int | None,
    a2: int | None,
    t: Thresholds,
    *,
    morning: int | None = None,
    usual_morning: float | None = None,
) -> Verdict:
    """Returns the light for one check-in: the first matching rule of DESIGN §4 wins.

    The light is relative to the starting pain: what the activity did, not how much pain there
    was (a person at 6 whose walk leaves them at 6 is GREEN).
    """
    b, d = baseline, during
    rise = d - b
    if rise >= t.red_rise:
        return Verdict(Light.RED, Rule.RED_RISE)
    if d >= t.severe_during and rise >= t.severe_rise:
        return Verdict(Light.RED, Rule.RED_SEVERE)
    if a2 is not None and not settled(a2, b, t):
        return Verdict(Light.RED, Rule.RED_UNSETTLED)
    if morning is not None and bad_morning(morning, usual_morning, t):
        return Verdict(Light.RED, Rule.RED_MORNING)
    if a1 is None:
        return Verdict(Light.UNFINISHED, Rule.UNFINISHED_A1)
    if not settled(a1, b, t):
        if a2 is None:
            return Verdict(Light.UNFINISHED, Rule.UNFINISHED_A2)
        # Not settled at one hour and, since red.unsettled did not match, settled at two.
        return Verdict(Light.AMBER, Rule.AMBER_LATE)
    if rise <= t.green_rise_max:
        return Verdict(Light.GREEN, Rule.GREEN_STEADY)
    if d <= t.green_mild_max:
        return Verdict(Light.GREEN, Rule.GREEN_MILD)
    return Verdict(Light.AMBER, Rule.AMBER_RISE)


# --------------------------------------------------------------------------- the ladder


def next_step(
    state: LevelState,
    light: Light,
    previous: Light | None,
    t: Thresholds,
    *,
    top: int,
    baseline: int | None = None,
    reds_in_row: int = 0,
    reds_in_window: int = 0,
    week_hold: bool = False,
) -> StepDecision:
    """Returns the ladder position after one check-in: at most one level, within 1..top.

    `baseline` is the pain this check-in started at: from a very painful start (>= hard_day_pain)
    a GREEN repeats the level rather than moving up.
    """
    level, return_to = state.level, state.return_to
    if light is Light.UNFINISHED:
        return StepDecision(level, return_to, Move.NONE)

    see_clinician = reds_in_window >= t.pause_reds
    held = Held.REDS if see_clinician else (Held.WEEK if week_hold else None)

    if light is Light.RED:
        flare = reds_in_row >= t.flare_reds_in_row
        if level <= 1:
            return StepDecision(1, return_to, Move.REPEAT, flare, see_clinician, held)
        return StepDecision(level - 1, level, Move.BACK, flare, see_clinician, held)

    if light is Light.AMBER or held is not None:
        move = Move.REPEAT if light is Light.AMBER else Move.HOLD
        return StepDecision(level, return_to, move, see_clinician=see_clinician, held=held)

    # GREEN, nothing holding progression.
    climbs = (return_to is not None and level < return_to) or previous is Light.GREEN
    if climbs and level < top and baseline is not None and baseline >= t.hard_day_pain:
        return StepDecision(level, return_to, Move.REPEAT, held=Held.HARD_DAY)
    if return_to is not None and level < return_to:
        new = min(level + 1, return_to, top)
        keep = return_to if new < min(return_to, top) else None
        return StepDecision(new, keep, Move.RETURN if new > level else Move.REPEAT)
    if previous is Light.GREEN and level < top:
        return StepDecision(level + 1, None, Move.UP)
    return StepDecision(level, None, Move.REPEAT)


def easier_today(level: int) -> int:
    """Returns today's level after a bad morning: one easier, not below 1."""
    return max(1, level - 1)


# --------------------------------------------------------------------------- mornings


def _pains_by_day(mornings: Sequence[Morning], first: date, last: date) -> list[int]:
    """Returns one waking pain per local date in first..last (the latest reading of a date wins)."""
    by_day = {m.day: m.pain for m in mornings if first <= m.day <= last}
    return list(by_day.values())


def usual_morning(mornings: Sequence[Morning], today: date, t: Thresholds) -> float | None:
    """Returns the median waking pain of the last N dates before today, or None if too few."""
    last = today - timedelta(days=1)
    pains = _pains_by_day(mornings, today - timedelta(days=t.usual_morning_days), last)
    if len(pains) < _MIN_READINGS:
        return None
    return float(median(pains))


def week_hold(mornings: Sequence[Morning], today: date, t: Thresholds) -> bool:
    """Tells whether this week's mean waking pain rose more than allowed over last week's."""
    week = timedelta(days=_WEEK_DAYS)
    this_week = _pains_by_day(mornings, today - week + timedelta(days=1), today)
    last_week = _pains_by_day(mornings, today - 2 * week + timedelta(days=1), today - week)
    if len(this_week) < _MIN_READINGS or len(last_week) < _MIN_READINGS:
        return False
    return fmean(this_week) > fmean(last_week) + t.week_rise


# --------------------------------------------------------------------------- history


def _finished(c: Checkin) -> bool:
    """Tells whether a check-in has its light: finished, or RED from the pain during while its
    follow-ups are still asked (that light is final)."""
    if c.light is Light.RED:
        return c.status is not CheckinStatus.SKIPPED
    return c.status is CheckinStatus.FINISHED and c.light not in (None, Light.UNFINISHED)


def _exposures(checkins: Sequence[Checkin], movement: str) -> list[Checkin]:
    """Returns the finished exposure check-ins of one movement, in `no` order."""
    return sorted(
        (
            c
            for c in checkins
            if c.kind is ActivityKind.EXPOSURE and c.activity == movement and _finished(c)
        ),
        key=lambda c: c.no,
    )


def reds_in_row(checkins: Sequence[Checkin], movement: str) -> int:
    """Counts the trailing run of REDs among finished exposure check-ins of one movement."""
    run = 0
    for c in reversed(_exposures(checkins, movement)):
        if c.light is not Light.RED:
            break
        run += 1
    return run


def reds_in_window(checkins: Sequence[Checkin], now: datetime, t: Thresholds) -> int:
    """Counts finished REDs on any activity done within the pause window before now."""
    since = now - timedelta(days=t.pause_window_days)
    # No upper bound: a stamp a little after `now` (clock skew) must not hide a RED.
    return sum(
        1
        for c in checkins
        if _finished(c) and c.light is Light.RED and (c.done_at or c.created_at) >= since
    )


def previous_light(
    checkins: Sequence[Checkin], movement: str, level: int, *, before_no: int
) -> Light | None:
    """Returns the light of the latest earlier finished check-in at this movement and level."""
    earlier = [c for c in _exposures(checkins, movement) if c.level == level and c.no < before_no]
    return earlier[-1].light if earlier else None


# --------------------------------------------------------------------------- recovery phase


def next_phase(
    current: Phase,
    checkins: Sequence[Checkin],
    levels: Mapping[str, LevelState],
    episode_start: date | None,
    today: date,
    t: Thresholds,
) -> Phase:
    """Returns the recovery phase after today's responses: forward only, one phase per call."""
    top_level = max((s.level for s in levels.values()), default=0)
    if current is Phase.SETTLE:
        # Gentle movement (portfolio, walk) counts; so does any exposure GREEN.
        greens = sum(1 for c in checkins if _finished(c) and c.light is Light.GREEN)
        return Phase.REBUILD if greens >= t.rebuild_greens else current
    if current is Phase.REBUILD:
        return Phase.PROGRESS if top_level >= t.progress_level else current
    if current is Phase.PROGRESS:
        long_enough = (
            episode_start is not None and (today - episode_start).days >= t.return_min_days
        )
        return Phase.RETURN if long_enough and top_level >= t.return_level else current
    return current
