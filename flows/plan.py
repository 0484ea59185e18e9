"""Today's step and the progress summary, derived from the facts (never stored)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flows.catalogue import keys
from flows.content import Content
from flows.decision import bad_morning, easier_today, usual_morning, week_hold
from flows.engine import Turn
from flows.model import ActivityKind, Facts, Light, Phase

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
)
L = keys("light", "green", "amber", "red", "unfinished")
keys("phase", *(p.value for p in Phase))
GENTLE = ("walk", "knee_rolls", "cat_cow", "supported_bridge")


@dataclass(frozen=True)
class Plan:
    """What the coach suggests for today."""

    kind: ActivityKind
    activity: str
    level: int | None = None
    easier: bool = False  # a bad morning: one level easier than the stored level
    held: bool = False  # waking pain rising week on week: no progression this week


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
    """The level to try today on a ladder, and whether it was made easier for a bad morning."""
    stored = facts.levels[movement].level
    if is_bad_morning(facts, content, local_today(facts, now)):
        return easier_today(stored), stored > 1
    return stored, False


def todays_plan(facts: Facts, content: Content, now: datetime) -> Plan:
    """Today's activity: a gentle movement while settling, else the ladder least recently done."""
    today = local_today(facts, now)
    ladders = [m for m in facts.levels if m in content.ladders]
    if facts.profile.phase is Phase.SETTLE or not ladders:
        gentle = [g for g in GENTLE if g in content.exercises]
        pick = gentle[today.toordinal() % len(gentle)]
        return Plan(ActivityKind.WALK if pick == "walk" else ActivityKind.PORTFOLIO, pick)

    def last_done(movement: str) -> int:
        nos = [
            c.no
            for c in facts.checkins
            if c.kind is ActivityKind.EXPOSURE and c.activity == movement
        ]
        return max(nos, default=0)

    movement = min(ladders, key=lambda m: (last_done(m), -facts.profile.fears.get(m, 0)))
    level, easier = level_today(facts, content, movement, now)
    held = week_hold(facts.mornings, today, content.thresholds)
    return Plan(ActivityKind.EXPOSURE, movement, level, easier=easier, held=held)


def describe_plan(turn: Turn, plan: Plan) -> None:
    """Says today's step in a sentence or two."""
    if plan.kind is ActivityKind.EXPOSURE and plan.level is not None:
        ladder = turn.content.ladders[plan.activity]
        step = ladder.step(plan.level)
        key = K.exposure_easier if plan.easier else K.exposure
        turn.say(
            key, ladder=ladder.name, level=plan.level, top=ladder.top, step=step.name, how=step.how
        )
        if plan.held:
            turn.say(K.held_week)
    else:
        exercise = turn.content.exercises[plan.activity]
        turn.say(K.gentle, name=exercise.name, how=exercise.how)


def light_label(turn: Turn, light: Light | None) -> str:
    return turn.text(f"light.{(light or Light.UNFINISHED).value}")


def describe_progress(turn: Turn) -> None:
    """Says where each ladder stands and its last few lights."""
    facts = turn.facts
    ladders = [m for m in turn.content.ladders if m in facts.levels]
    if not ladders:
        turn.say(K.progress_empty)
        return
    lines = []
    for movement in ladders:
        ladder = turn.content.ladders[movement]
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
    turn.say(
        K.progress_header,
        ladders="\n".join(lines),
        phase=turn.text(f"phase.{facts.profile.phase.value}"),
    )


def portfolio_reminder(turn: Turn) -> None:
    """Suggests one of the person's portfolio movements, a different one each day."""
    portfolio = [e for e in turn.facts.profile.portfolio if e in turn.content.exercises]
    if not portfolio:
        return
    exercise = turn.content.exercises[portfolio[turn.today.toordinal() % len(portfolio)]]
    turn.say(K.portfolio_reminder, name=exercise.name, how=exercise.how)
