"""What a check-in's numbers mean: the light and the rule that decided it, the expected pain
against the pain during, the next step of the ladder, and the phase of recovery (DESIGN §4).

Said at the end of a check-in (flows.checkin); every number comes from flows.decision.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from flows.catalogue import keyed, keys
from flows.decision import (
    Held,
    Move,
    Rule,
    judge,
    next_phase,
    next_step,
    previous_light,
    reds_in_row,
    reds_in_window,
    week_hold,
)
from flows.goals import ladder_of
from flows.model import ActivityKind, Checkin, CheckinStatus, LevelState, Light, Phase, SetLevel
from flows.modes import (
    current_phase,
    flare_on,
    in_mode,
    nonlinear,
    pause_on,
    phase_cap,
    start_flare,
    start_pause,
)
from flows.plan import light_label

if TYPE_CHECKING:
    from flows.checkin import CheckinTurn

__all__ = ["ADV", "advise"]

ADV = keys(
    "advice",
    "expect_better",
    "expect_same",
    "expect_worse",
    "expect_worse_little",
    "confidence",
    "not_a_substitute",
)
ADVICE = keyed("advice", Light)  # the light's headline
REASON = keyed("reason", Rule)  # why: the rule that decided the light
NEXT = keys(
    "next",
    "top",
    "hold_reds",
    "hold_week",
    "hard_day",
    "phase_top",
    "gentle_green",
    "gentle_amber",
    "gentle_red",
)
MOVED = keyed("next", (Move.UP, Move.REPEAT, Move.BACK, Move.RETURN, Move.NONE))  # the ladder
HELD = {Held.REDS: NEXT.hold_reds, Held.WEEK: NEXT.hold_week, Held.HARD_DAY: NEXT.hard_day}
GENTLE = {
    Light.GREEN: NEXT.gentle_green,
    Light.AMBER: NEXT.gentle_amber,
    Light.RED: NEXT.gentle_red,
}
PHASE_MOVED = keyed("phase_moved", (Phase.REBUILD, Phase.PROGRESS, Phase.RETURN))


def advise(turn: CheckinTurn) -> None:
    """Says the light and why, moves the phase on, and says what comes next: the next ladder
    step after an exposure, a word on gentle movement otherwise; after a RED, that the coach is
    no substitute for a clinician, and the check-in ends with the safety question."""
    ci = turn.checkin
    t = turn.content.thresholds
    assert ci.baseline is not None and ci.during is not None
    verdict = judge(ci.baseline, ci.during, ci.a1, ci.a2, t)
    numbers: dict[str, Any] = {"b": ci.baseline, "d": ci.during, "a1": ci.a1, "a2": ci.a2}
    numbers["rise"] = ci.during - ci.baseline
    # A RED known from the pain during keeps waiting for its follow-ups (advise_now).
    waits = verdict.light is Light.RED and ci.a1 is None
    status = CheckinStatus.AWAITING_A1 if waits else CheckinStatus.FINISHED
    ci = turn.update(status=status, light=verdict.light)
    turn.say(ADVICE[verdict.light], light=light_label(turn, verdict.light))
    turn.say(REASON[verdict.rule], **numbers)
    _move_phase(turn)
    if ci.kind is ActivityKind.EXPOSURE:
        _expectancy(turn, ci)
        _ladder_step(turn, ci, verdict.light)
    else:
        turn.say(GENTLE[verdict.light])
        if verdict.light is Light.RED:
            nonlinear(turn)
            if reds_in_window(turn.facts.checkins, turn.now, t) >= t.pause_reds:
                start_pause(turn, "reds")
    if verdict.light is Light.RED:
        turn.say(ADV.not_a_substitute)
        turn.ctx["rescreen"] = True


def _expectancy(turn: CheckinTurn, ci: Checkin) -> None:
    """Compares the pain expected with the pain during, and confidence before with after."""
    if ci.expected is None or ci.during is None:
        return
    if ci.expected > ci.during:
        turn.say(ADV.expect_better, expected=ci.expected, d=ci.during)
    elif ci.expected == ci.during:
        turn.say(ADV.expect_same, expected=ci.expected, d=ci.during)
    elif ci.during - ci.expected == 1:
        turn.say(ADV.expect_worse_little, expected=ci.expected, d=ci.during)
    else:
        diff = ci.during - ci.expected
        turn.say(ADV.expect_worse, expected=ci.expected, d=ci.during, diff=diff)
    if ci.confidence_before is not None and ci.confidence_after is not None:
        turn.say(ADV.confidence, before=ci.confidence_before, after=ci.confidence_after)


def _ladder_step(turn: CheckinTurn, ci: Checkin, light: Light) -> None:
    """Moves the ladder at most one level (DESIGN §4) and says where it goes, or why it holds."""
    t = turn.content.thresholds
    ladder = ladder_of(turn, ci.activity)  # in the return phase, with the goals' steps
    stored = turn.facts.levels.get(ci.activity, LevelState(ci.activity))
    if ci.level != stored.level and light is not Light.RED:
        # Done at an easier level (a bad morning, or the phase's cap): the stored level stays.
        turn.update(level_after=stored.level)
        turn.say(
            MOVED[Move.NONE],
            ladder=ladder.name,
            level=stored.level,
            step=ladder.step(stored.level).name,
        )
        return
    paused = pause_on(turn.profile, turn.facts.checkins, turn.now, t)
    reds = reds_in_window(turn.facts.checkins, turn.now, t)
    cap = phase_cap(current_phase(turn.facts, turn.today, turn.now, t), t)
    top = ladder.top if cap is None else min(ladder.top, max(cap, stored.level))
    previous = previous_light(turn.facts.checkins, ci.activity, stored.level, before_no=ci.no)
    decision = next_step(
        stored,
        light,
        previous,
        t,
        top=top,
        baseline=ci.baseline,
        reds_in_row=reds_in_row(turn.facts.checkins, ci.activity),
        reds_in_window=max(reds, t.pause_reds) if paused else reds,
        week_hold=week_hold(turn.facts.mornings, turn.today, t),
    )
    if flare_on(turn.profile, turn.today, t) and decision.level > stored.level:
        decision = replace(decision, level=stored.level, move=Move.HOLD, held=Held.REDS)
    new = LevelState(ci.activity, decision.level, decision.return_to)
    if new != stored:
        turn.effects.append(SetLevel(new))
        turn.facts = replace(turn.facts, levels={**turn.facts.levels, ci.activity: new})
    turn.update(level_after=decision.level)
    repeat = decision.move is Move.REPEAT
    if decision.held is not None:
        said = HELD[decision.held]
    elif repeat and light is Light.GREEN and decision.level == ladder.top:
        said = NEXT.top
    elif repeat and previous is Light.GREEN and decision.level == top:
        said = NEXT.phase_top  # two GREENs, but the phase offers nothing higher yet
    else:
        said = MOVED[decision.move]
    step = ladder.step(decision.level)
    flare_starts = decision.flare and not flare_on(turn.profile, turn.today, t)
    if not (flare_starts or (decision.see_clinician and not paused)):
        # A mode starting now says what happens next itself: the ladders wait.
        turn.say(
            said,
            ladder=ladder.name,
            level=decision.level,
            top=ladder.top,
            step=step.name,
            b=ci.baseline,
        )
    if light is Light.RED:
        nonlinear(turn)
    if decision.flare:
        start_flare(turn, skip=ci.activity)
    if decision.see_clinician:
        start_pause(turn, "reds", skip=ci.activity)


def _move_phase(turn: CheckinTurn) -> None:
    """Moves the recovery phase on today's responses (not while a flare or pause is on)."""
    t = turn.content.thresholds
    if in_mode(turn.facts, turn.today, turn.now, t):
        return
    current = current_phase(turn.facts, turn.today, turn.now, t)
    phase = next_phase(
        current,
        turn.facts.checkins,
        turn.facts.levels,
        turn.profile.episode_start,
        turn.today,
        t,
    )
    if phase is not current:
        turn.save_profile(phase=phase)
        turn.say(PHASE_MOVED[phase])
