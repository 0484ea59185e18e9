"""The flare-up plan and the progression pause: modes stored on the profile (DESIGN §4).

A flare starts after 2 REDs in a row on a movement, with `/flare`, or from the morning check; it
ends after two calm mornings in a row or at 7 days. The pause starts after 3 REDs within 7 days on
any activity; it lifts with `/carry_on` (a clinician advised carrying on) or after 7 days without a
RED. While either is on the person is back in the settle phase: no ladders, gentle movement only.
Each ladder steps down one level when a mode begins (not twice when a second begins), so that it
resumes one level below where it stood.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from flows.catalogue import keys
from flows.content import Thresholds
from flows.decision import usual_morning
from flows.engine import Turn
from flows.model import Checkin, CheckinStatus, Facts, LevelState, Light, Phase, Profile, SetLevel

__all__ = [
    "current_phase",
    "flare_on",
    "in_mode",
    "morning_calm",
    "nonlinear",
    "pause_on",
    "phase_cap",
    "refresh",
    "start_flare",
    "start_pause",
]

FLARE = keys(
    "flare",
    "start",
    "already",
    "plan",
    "how",
    "calm",
    "not_calm",
    "ended",
    "still",
    "progress",
    "settled",
    "easing",
    "same",
    "worse",
)
PAUSE = keys("pause", "start", "plan", "lifted", "lifted_clinician", "none", "progress", "flare")
WHY = keys("pause_why", "reds", "flare")
NONLINEAR = keys("advice", "nonlinear").nonlinear
PHASE_ORDER = (Phase.SETTLE, Phase.REBUILD, Phase.PROGRESS, Phase.RETURN)


# --------------------------------------------------------------------------- pure questions


def flare_on(profile: Profile, today: date, t: Thresholds) -> bool:
    """Tells whether the flare-up plan is on today (it lasts flare_max_days at most)."""
    since = profile.flare_since
    return since is not None and today < since + timedelta(days=t.flare_max_days)


def _reds_at(checkins: Sequence[Checkin]) -> list[datetime]:
    return [
        c.done_at or c.created_at
        for c in checkins
        if c.light is Light.RED and c.status is not CheckinStatus.SKIPPED
    ]


def pause_on(profile: Profile, checkins: Sequence[Checkin], now: datetime, t: Thresholds) -> bool:
    """Tells whether progression is paused: it lifts pause_lift_days after the later of the
    pause and its last RED."""
    since = profile.paused_since
    if since is None:
        return False
    last = max([since, *(at for at in _reds_at(checkins) if at >= since)])
    return now < last + timedelta(days=t.pause_lift_days)


def in_mode(facts: Facts, today: date, now: datetime, t: Thresholds) -> bool:
    """Tells whether a flare-up plan or a progression pause is on."""
    return flare_on(facts.profile, today, t) or pause_on(facts.profile, facts.checkins, now, t)


def current_phase(facts: Facts, today: date, now: datetime, t: Thresholds) -> Phase:
    """The phase that decides what is offered: settle while a mode is on; a person whose episode
    began at least settle_days ago starts in rebuild; otherwise the stored phase."""
    if in_mode(facts, today, now, t):
        return Phase.SETTLE
    profile = facts.profile
    start = profile.episode_start
    if (
        profile.phase is Phase.SETTLE
        and start is not None
        and (today - start).days >= t.settle_days
    ):
        return Phase.REBUILD
    return profile.phase


def phase_cap(phase: Phase, t: Thresholds) -> int | None:
    """The highest ladder level a phase offers: settle 1, rebuild progress_level, then no cap."""
    if phase is Phase.SETTLE:
        return 1
    if phase is Phase.REBUILD:
        return t.progress_level
    return None


def morning_calm(facts: Facts, pain: int, answer: str, t: Thresholds) -> bool:
    """Tells whether a flare morning is back within settled_margin of the usual morning before
    the flare (when no usual is known yet, the person's own "settled" decides)."""
    since = facts.profile.flare_since
    usual = usual_morning(facts.mornings, since, t) if since is not None else None
    if usual is None:
        return answer == "settled"
    return pain <= usual + t.settled_margin and answer != "worse"


# --------------------------------------------------------------------------- changes


def nonlinear(turn: Turn) -> None:
    """Says, once per turn, that progress is rarely a straight line."""
    if not any(r.key == NONLINEAR for r in turn.replies):
        turn.say(NONLINEAR)


def _step_ladders_down(turn: Turn, skip: str | None) -> None:
    """Moves every ladder one level down (remembering where to return), except `skip`, whose
    RED just stepped it back."""
    levels = dict(turn.facts.levels)
    for movement, state in turn.facts.levels.items():
        if movement == skip or state.level <= 1:
            continue
        new = LevelState(movement, state.level - 1, state.return_to or state.level)
        levels[movement] = new
        turn.effects.append(SetLevel(new))
    turn.facts = replace(turn.facts, levels=levels)


def start_flare(turn: Turn, *, skip: str | None = None) -> None:
    """Starts the flare-up plan (or says it is already on)."""
    t = turn.content.thresholds
    if flare_on(turn.profile, turn.today, t):
        day = (turn.today - turn.profile.flare_since).days + 1 if turn.profile.flare_since else 1
        turn.say(FLARE.already, day=day)
        return
    if not pause_on(turn.profile, turn.facts.checkins, turn.now, t):
        _step_ladders_down(turn, skip)
    turn.save_profile(flare_since=turn.today, flare_calm=0)
    turn.say(FLARE.start)
    nonlinear(turn)


def start_pause(turn: Turn, reason: str, *, skip: str | None = None) -> None:
    """Pauses progression and says why (nothing if it is already paused)."""
    t = turn.content.thresholds
    if pause_on(turn.profile, turn.facts.checkins, turn.now, t):
        return
    if not flare_on(turn.profile, turn.today, t):
        _step_ladders_down(turn, skip)
    turn.save_profile(paused_since=turn.now, pause_reason=reason)
    turn.say(PAUSE.flare if reason == "flare" else PAUSE.start)


def end_flare(turn: Turn) -> None:
    """Ends the flare-up plan: the ladders are back, one level below where they stood."""
    turn.save_profile(flare_since=None, flare_calm=0)
    turn.say(FLARE.ended)


def lift_pause(turn: Turn, *, clinician: bool) -> None:
    """Lifts the pause; with `clinician`, because a clinician advised carrying on."""
    t = turn.content.thresholds
    if not pause_on(turn.profile, turn.facts.checkins, turn.now, t):
        turn.save_profile(paused_since=None, pause_reason=None)
        turn.say(PAUSE.none)
        return
    turn.save_profile(paused_since=None, pause_reason=None)
    turn.say(PAUSE.lifted_clinician if clinician else PAUSE.lifted)


def refresh(turn: Turn) -> None:
    """Ends the modes whose time is up, saying so: a flare at 7 days (still flaring: suggest a
    clinician and keep progression paused), a pause after 7 days without a RED."""
    t = turn.content.thresholds
    profile = turn.profile
    if profile.flare_since is not None and not flare_on(profile, turn.today, t):
        still = profile.flare_calm == 0
        turn.save_profile(flare_since=None, flare_calm=0)
        if still:
            turn.say(FLARE.still)
            start_pause(turn, "flare")
        else:
            turn.say(FLARE.ended)
    profile = turn.profile
    if profile.paused_since is not None and not pause_on(profile, turn.facts.checkins, turn.now, t):
        turn.save_profile(paused_since=None, pause_reason=None)
        turn.say(PAUSE.lifted)


def phase_rank(phase: Phase) -> int:
    return PHASE_ORDER.index(phase)
