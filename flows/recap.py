"""The weekly recap: this week against last, in a few lines and drawn as a chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import Any

from flows.catalogue import keyed, keys
from flows.engine import Turn
from flows.goals import active, change_line, goal_name
from flows.model import ActivityKind, Chart, Checkin, CheckinStatus, Light, Phase, Reply, Series
from flows.modes import current_phase, flare_on, pause_on
from flows.plan import PHASE, local_today, pause_why, todays_plan

K = keys(
    "recap",
    "header",
    "empty",
    "empty_new",
    "counts",
    "trend",
    "trend_first",
    "moves",
    "no_moves",
    "evidence",
    "no_evidence",
    "as_predicted",
    "phase",
    "chart_title",
    "before",
    "during",
    "after",
    "lights_title",
    "goals_title",
    "goals",
    "green",
    "amber",
    "red",
)
LIGHT_NAMES = {Light.GREEN: K.green, Light.AMBER: K.amber, Light.RED: K.red}  # chart legend
GOAL_WEEKS = 6  # the recap's goal panel: this week and the five before
FOCUS = keys("focus", "flare", "paused")
FOCUS_IN = keyed("focus", Phase)  # the week's focus in each phase
keys("recap", "moves_line", "stayed_line")
DAYS = keys("day", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_KEYS = (DAYS.mon, DAYS.tue, DAYS.wed, DAYS.thu, DAYS.fri, DAYS.sat, DAYS.sun)


def _mean(values: Sequence[int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(fmean(present), 1) if present else None


@dataclass(frozen=True)
class Week:
    """The numbers of one recap: the 7 local days ending `end`, and the 7 before them."""

    start: date
    end: date
    done: tuple[Checkin, ...]
    skipped: int
    before: tuple[float | None, float | None, float | None]  # this week: before, during, after
    last: tuple[float | None, float | None, float | None]  # the week before
    lights: dict[Light, int]
    moves: tuple[tuple[str, tuple[int, ...]], ...]  # (movement, its levels through the week)
    evidence: tuple[Checkin, ...]  # exposure steps where the predicted pain was higher than it was
    predicted: int  # exposure steps with a prediction


def _day(turn: Turn, checkin: Checkin) -> date:
    return local_today(turn.facts, checkin.done_at or checkin.created_at)


def week(turn: Turn) -> Week:
    """Collects this week's numbers from the facts."""
    end = local_today(turn.facts, turn.now)
    start = end - timedelta(days=6)
    this = [c for c in turn.facts.checkins if start <= _day(turn, c) <= end]
    prior = [c for c in turn.facts.checkins if start - timedelta(days=7) <= _day(turn, c) < start]
    done = tuple(c for c in this if c.during is not None)
    before_week = [c for c in prior if c.during is not None]

    def means(cs: Sequence[Checkin]) -> tuple[float | None, float | None, float | None]:
        return (
            _mean([c.baseline for c in cs]),
            _mean([c.during for c in cs]),
            _mean([c.a1 for c in cs]),
        )

    lights = {light: 0 for light in (Light.GREEN, Light.AMBER, Light.RED)}
    for c in done:
        if c.light in lights:
            lights[c.light] += 1
    moves: dict[str, list[int]] = {}
    for c in sorted(done, key=lambda c: c.no):
        if c.kind is ActivityKind.EXPOSURE and c.level is not None and c.level_after is not None:
            path = moves.setdefault(c.activity, [c.level])
            for level in (c.level, c.level_after):
                if level != path[-1]:
                    path.append(level)
    evidence = tuple(
        c
        for c in done
        if c.kind is ActivityKind.EXPOSURE
        and c.expected is not None
        and c.expected > (c.during or 0)
    )
    return Week(
        start=start,
        end=end,
        done=done,
        skipped=sum(1 for c in this if c.status is CheckinStatus.SKIPPED),
        before=means(done),
        last=means(before_week),
        lights=lights,
        moves=tuple((m, tuple(path)) for m, path in moves.items()),
        evidence=evidence,
        predicted=sum(
            1 for c in done if c.kind is ActivityKind.EXPOSURE and c.expected is not None
        ),
    )


def _shown(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def chart(turn: Turn, w: Week) -> Chart:
    """Mean pain before, during and an hour after, day by day."""
    days = [w.start + timedelta(days=i) for i in range(7)]
    rows = []
    for label, pick in ((K.before, 0), (K.during, 1), (K.after, 2)):
        values = []
        for day in days:
            on_day = [c for c in w.done if _day(turn, c) == day]
            numbers = [(c.baseline, c.during, c.a1)[pick] for c in on_day]
            values.append(_mean(numbers))
        rows.append(Series(label, tuple(values)))
    lights = []
    for light in (Light.GREEN, Light.AMBER, Light.RED):
        counts = [
            float(sum(1 for c in w.done if c.light is light and _day(turn, c) == day))
            for day in days
        ]
        lights.append(Series(LIGHT_NAMES[light], tuple(counts)))
    weeks, goals = goal_weeks(turn, w.end)
    return Chart(
        K.chart_title,
        tuple(DAY_KEYS[d.weekday()] for d in days),
        tuple(rows),
        lights=tuple(lights),
        weeks=weeks,
        goals=goals,
        lights_title=K.lights_title,
        goals_title=K.goals_title,
    )


def goal_weeks(turn: Turn, end: date) -> tuple[tuple[str, ...], tuple[Series, ...]]:
    """The active goals' ratings by week: the last rating in each of the GOAL_WEEKS weeks ending
    `end` (labels: each week's first day), one series per goal named in the person's words."""
    goals = active(turn.facts)
    if not any(g.ratings for g in goals):
        return (), ()
    starts = [end - timedelta(days=7 * i + 6) for i in reversed(range(GOAL_WEEKS))]
    series = []
    for goal in goals:
        values: list[float | None] = []
        for start in starts:
            inside = [
                r
                for r in goal.ratings
                if start <= local_today(turn.facts, r.at) <= start + timedelta(days=6)
            ]
            values.append(float(inside[-1].value) if inside else None)
        series.append(Series(goal_name(turn, goal), tuple(values), literal=True))
    return tuple(turn.day(s) for s in starts), tuple(series)


def say_recap(turn: Turn) -> None:
    """Says the recap of the week ending today, with its chart; a kind note for an empty week."""
    w = week(turn)
    dates: dict[str, Any] = {"start": turn.day(w.start), "end": turn.day(w.end)}
    if not w.done and not w.skipped:
        onboarded = turn.profile.onboarded_at
        new = onboarded is not None and local_today(turn.facts, onboarded) > w.start
        turn.say(K.empty_new if new else K.empty, **dates)
        say_goals(turn)
        return
    turn.replies.append(
        Reply(
            K.header,
            {**dates, "done": len(w.done), "skipped": w.skipped},
            chart=chart(turn, w) if w.done else None,
        )
    )
    turn.say(
        K.counts,
        green=w.lights[Light.GREEN],
        amber=w.lights[Light.AMBER],
        red=w.lights[Light.RED],
    )
    numbers: dict[str, Any] = {
        "before": _shown(w.before[0]),
        "during": _shown(w.before[1]),
        "after": _shown(w.before[2]),
        "last_before": _shown(w.last[0]),
        "last_during": _shown(w.last[1]),
        "last_after": _shown(w.last[2]),
    }
    if w.done:
        turn.say(K.trend if any(v is not None for v in w.last) else K.trend_first, **numbers)
    ladders = turn.content.ladders
    if w.moves:
        lines = [
            turn.text("recap.moves_line", ladder=ladders[m].name, path=" → ".join(map(str, p)))
            if len(p) > 1
            else turn.text("recap.stayed_line", ladder=ladders[m].name, level=p[0])
            for m, p in w.moves
            if m in ladders
        ]
        turn.say(K.moves, lines="\n".join(lines))
    else:
        turn.say(K.no_moves)
    if w.evidence:
        lines = [
            turn.text(
                "recap.evidence_line",
                movement=ladders[c.activity].name if c.activity in ladders else c.activity,
                expected=c.expected,
                during=c.during,
            )
            for c in w.evidence
        ]
        turn.say(K.evidence, lines="\n".join(lines))
    elif w.predicted and all(c.expected == c.during for c in w.done if c.expected is not None):
        turn.say(K.as_predicted)
    elif w.predicted:
        turn.say(K.no_evidence)
    say_goals(turn)
    t = turn.content.thresholds
    phase = current_phase(turn.facts, turn.today, turn.now, t)
    turn.say(K.phase, phase=turn.text(PHASE[phase]))
    plan = todays_plan(turn.facts, turn.content, turn.now)
    focus = (
        ladders[plan.activity].name
        if plan.activity in ladders
        else turn.content.exercises[plan.activity].name
    )
    if flare_on(turn.profile, turn.today, t):
        turn.say(FOCUS.flare, focus=focus)
    elif pause_on(turn.profile, turn.facts.checkins, turn.now, t):
        turn.say(FOCUS.paused, focus=focus, why=pause_why(turn))
    else:
        turn.say(FOCUS_IN[phase], focus=focus)


keys("recap", "evidence_line")


def say_goals(turn: Turn) -> None:
    """Each goal's rating and its change since the first, a change of 2 or more named real."""
    goals = active(turn.facts)
    if any(g.ratings for g in goals):
        turn.say(K.goals, lines="\n".join(change_line(turn, g) for g in goals))
