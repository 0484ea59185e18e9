"""Today's step and the progress summary, derived from the facts (never stored)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flows.catalogue import keyed, keys
from flows.content import Content
from flows.decision import bad_morning, easier_today, usual_morning, week_hold
from flows.engine import Turn
from flows.goals import goal_movements, ladder_of
from flows.model import ActivityKind, Facts, Light, Phase
from flows.modes import FLARE, PAUSE, WHY, current_phase, flare_on, pause_on, phase_cap

K = keys(
    "plan",
    "exposure",
    "exposure_easier",
    "gentle",
    "held_week",
    "progress_header",
    "progress_ladder",
    "progress_empty",
    "no_lights",
    "portfolio_reminder",
    "gentle_easier",
)
LIGHT = keyed("light", Light)  # a light's name
PHASE = keyed("phase", Phase)  # a phase's name
GENTLE = ("walk", "knee_rolls", "cat_cow", "supported_bridge")
GENTLEST = "knee_rolls"  # lying down, in a small comfortable range: the bad-morning choice


@dataclass(frozen=True)
class Plan:
    """What the coach suggests for today."""

    kind: ActivityKind
    activity: str
    level: int | None = None
    easier: bool = False  # a bad morning: one level easier than the stored level
    held: bool = False  # waking pain rising week on week: no progression this week
    mode: str | None = None  # "flare" | "pause": ladders are paused, gentle movement only


def local_today(facts: Facts, now: datetime) -> date:
    return now.astimezone(ZoneInfo(facts.profile.tz or "UTC")).date()


def is_bad_morning(facts: Facts, content: Content, today: date) -> bool:
    """True when today's waking pain is well above the person's usual."""
    todays = [m for m in facts.mornings if m.day == today]
    if not todays:
        return False
    usual = usual_morning(facts.mornings, today, content.thresholds)
    return bad_morning(todays[-1].pain, usual, content.thresholds)


def level_today(facts: Facts, content: Content, movement: str, now: datetime) -> tuple[int, bool]:
    """The level to try today on a ladder (capped by the phase), and whether it was made easier
    for a bad morning."""
    stored = facts.levels[movement].level
    today = local_today(facts, now)
    cap = phase_cap(current_phase(facts, today, now, content.thresholds), content.thresholds)
    level = stored if cap is None else min(stored, cap)
    if is_bad_morning(facts, content, today):
        return easier_today(level), level > 1
    return level, False


def _gentle(facts: Facts, content: Content, today: date, mode: str | None = None) -> Plan:
    """One of the settle phase's gentle movements: the gentlest on a bad morning."""
    gentle = [g for g in GENTLE if g in content.exercises]
    pick = gentle[today.toordinal() % len(gentle)]
    easier = is_bad_morning(facts, content, today) and GENTLEST in content.exercises
    if easier:
        pick = GENTLEST
    kind = ActivityKind.WALK if pick == "walk" else ActivityKind.PORTFOLIO
    return Plan(kind, pick, easier=easier, mode=mode)


def todays_plan(facts: Facts, content: Content, now: datetime) -> Plan:
    """Today's activity: gentle movement while settling (or in a flare or pause), else the
    ladder least recently done."""
    t = content.thresholds
    today = local_today(facts, now)
    if flare_on(facts.profile, today, t):
        return _gentle(facts, content, today, "flare")
    if pause_on(facts.profile, facts.checkins, now, t):
        return _gentle(facts, content, today, "pause")
    ladders = [m for m in facts.levels if m in content.ladders]
    if current_phase(facts, today, now, t) is Phase.SETTLE or not ladders:
        return _gentle(facts, content, today)

    def last_done(movement: str) -> int:
        nos = [
            c.no
            for c in facts.checkins
            if c.kind is ActivityKind.EXPOSURE and c.activity == movement
        ]
        return max(nos, default=0)

    linked = goal_movements(facts)  # the person's goals decide which ladders come first

    def rank(movement: str) -> int:
        return linked.index(movement) if movement in linked else len(linked)

    fears = facts.profile.fears
    movement = min(ladders, key=lambda m: (last_done(m), rank(m), -fears.get(m, 0)))
    level, easier = level_today(facts, content, movement, now)
    held = week_hold(facts.mornings, today, t)
    return Plan(ActivityKind.EXPOSURE, movement, level, easier=easier, held=held)


def pause_why(turn: Turn) -> str:
    """Why progression is paused, in a few words."""
    return turn.text(WHY.flare if turn.profile.pause_reason == "flare" else WHY.reds)


def describe_plan(turn: Turn, plan: Plan) -> None:
    """Says today's step in a sentence or two."""
    if plan.kind is ActivityKind.EXPOSURE and plan.level is not None:
        ladder = ladder_of(turn, plan.activity)
        step = ladder.step(plan.level)
        key = K.exposure_easier if plan.easier else K.exposure
        turn.say(
            key, ladder=ladder.name, level=plan.level, top=ladder.top, step=step.name, how=step.how
        )
        if plan.held:
            turn.say(K.held_week)
    else:
        exercise = turn.content.exercises[plan.activity]
        if plan.mode == "flare":
            turn.say(FLARE.plan, name=exercise.name, how=exercise.how)
        elif plan.mode == "pause":
            turn.say(PAUSE.plan, why=pause_why(turn), name=exercise.name, how=exercise.how)
        else:
            turn.say(
                K.gentle_easier if plan.easier else K.gentle, name=exercise.name, how=exercise.how
            )


def light_label(turn: Turn, light: Light | None) -> str:
    return turn.text(LIGHT[light or Light.UNFINISHED])


def describe_progress(turn: Turn) -> None:
    """Says where each ladder stands and its last few lights."""
    facts = turn.facts
    ladders = [m for m in turn.content.ladders if m in facts.levels]
    if not ladders:
        turn.say(K.progress_empty)
        say_mode(turn)
        return
    lines = []
    for movement in ladders:
        ladder = ladder_of(turn, movement)
        level = facts.levels[movement].level
        lights = [
            light_label(turn, c.light)
            for c in facts.checkins
            if c.kind is ActivityKind.EXPOSURE and c.activity == movement and c.light is not None
        ][-3:]
        lines.append(
            turn.text(
                K.progress_ladder,
                ladder=ladder.name,
                level=level,
                top=ladder.top,
                step=ladder.step(level).name,
                lights=", ".join(lights) if lights else turn.text(K.no_lights),
            )
        )
    phase = current_phase(facts, turn.today, turn.now, turn.content.thresholds)
    turn.say(K.progress_header, ladders="\n".join(lines), phase=turn.text(PHASE[phase]))
    say_mode(turn)


def say_mode(turn: Turn) -> None:
    """Says that the flare-up plan or the pause is on, and why, when it is."""
    t = turn.content.thresholds
    profile = turn.profile
    if flare_on(profile, turn.today, t) and profile.flare_since is not None:
        turn.say(FLARE.progress, day=(turn.today - profile.flare_since).days + 1)
    if pause_on(profile, turn.facts.checkins, turn.now, t):
        turn.say(PAUSE.progress, why=pause_why(turn))


def portfolio_reminder(turn: Turn) -> None:
    """Suggests one of the person's portfolio movements, a different one each day — from rebuild
    on: while settling (or in a flare or pause) only the gentle movements are offered."""
    phase = current_phase(turn.facts, turn.today, turn.now, turn.content.thresholds)
    if phase is Phase.SETTLE:
        return
    portfolio = [e for e in turn.facts.profile.portfolio if e in turn.content.exercises]
    if not portfolio:
        return
    exercise = turn.content.exercises[portfolio[turn.today.toordinal() % len(portfolio)]]
    turn.say(K.portfolio_reminder, name=exercise.name, how=exercise.how)
