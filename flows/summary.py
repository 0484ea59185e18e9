"""The clinician summary (`/summary`, DESIGN §9): what one page for a physiotherapist or GP holds.

`ask_summary` answers the command: the PDF is attached by the shell (Reply.attachment "summary"),
once per minute at most, so that `/summary` twice quickly makes one document. `summarise` turns the
person's whole history (loaded by the shell) into a `Summary`: every word already in the person's
language and every date on their clock; the shell only lays it out. No name anywhere; the person's
own words only where they wrote them (their goals).

Over 300 lines because it is one idea, the page, section by section (screens, ladders, goals,
evidence), each a short function over the same records; split, the sections would import the
records back from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import fmean
from zoneinfo import ZoneInfo

from flows.catalogue import Family, keys
from flows.content import Content
from flows.engine import Turn
from flows.goals import change, is_real, name_in
from flows.model import (
    ActivityKind,
    Answer3,
    Checkin,
    CheckinStatus,
    Facts,
    Goal,
    LevelState,
    Light,
    Profile,
    Reply,
    SafetyHold,
)
from flows.modes import current_phase, flare_on, pause_on
from flows.plan import PHASE

__all__ = ["AGAIN", "SUMMARY", "History", "ScreenAnswer", "Summary", "ask_summary", "summarise"]

Text = Callable[..., str]
DayOf = Callable[[datetime], date]

SUMMARY = "summary"  # Reply.attachment: the shell makes the PDF and sends it as a document
AGAIN = timedelta(minutes=1)  # a second /summary within this gets "just sent", not a second PDF
WEEKS = 12  # the longest period one page covers

K = keys(
    "summary",
    "ready",
    "ready_empty",
    "just_sent",
    "title",
    "subtitle",
    "period",
    "period_value",
    "episode",
    "episode_value",
    "episode_unknown",
    "phase",
    "phase_flare",
    "phase_paused",
    "checkins",
    "checkins_value",
    "made",
    "screens",
    "screen_clear",
    "screen_flags",
    "screen_none",
    "hold_now",
    "hold_assessed",
    "context_onboarding",
    "context_weekly",
    "context_after_red",
    "context_free_text",
    "context_correction",
    "answer_yes",
    "answer_unsure",
    "flag_other",
    "pain_title",
    "pain_before",
    "pain_during",
    "pain_after",
    "lights_title",
    "ladders_title",
    "ladder_line",
    "ladders_none",
    "goals",
    "goal_line",
    "goal_unrated",
    "goal_retired",
    "goal_real",
    "goal_small",
    "goals_none",
    "goals_title",
    "evidence",
    "evidence_value",
    "evidence_none",
    "empty",
    "week",
    "level",
    "rating",
)
LIGHTS = keys("summary", "green", "amber", "red")
LIGHT_NAMES = {Light.GREEN: LIGHTS.green, Light.AMBER: LIGHTS.amber, Light.RED: LIGHTS.red}


def ask_summary(turn: Turn) -> None:
    """Answers /summary: the PDF comes attached to the reply, unless one was made a moment ago."""
    made = turn.profile.summary_at
    if made is not None and timedelta(0) <= turn.now - made < AGAIN:
        turn.say(K.just_sent)
        return
    turn.save_profile(summary_at=turn.now)
    key = K.ready if turn.facts.next_checkin_no > 1 else K.ready_empty
    turn.replies.append(Reply(key, attachment=SUMMARY))


@dataclass(frozen=True)
class ScreenAnswer:
    """One stored red-flag answer: when, which question (or "text:<rule>"), what, and where."""

    at: datetime
    question: str
    answer: Answer3
    context: str


@dataclass(frozen=True)
class History:
    """Everything the summary may draw on, loaded whole by the shell (not only recent days)."""

    profile: Profile
    checkins: tuple[Checkin, ...] = ()  # oldest first
    goals: tuple[Goal, ...] = ()
    screens: tuple[ScreenAnswer, ...] = ()  # oldest first
    levels: Mapping[str, LevelState] = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    """A named series of a summary chart; None where there is no value."""

    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Summary:
    """One page, in the person's words and on their clock; the shell lays it out."""

    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]  # (label, value): period, episode, phase, check-ins, made
    screens_title: str
    screens: tuple[str, ...]
    pain_title: str
    days: tuple[date, ...]  # the period, day by day
    day_labels: tuple[str, ...]  # each day as the person's language writes it ("12 Oct")
    pain: tuple[Line, ...]  # before, during, an hour after: the mean of each day
    lights_title: str
    weeks: tuple[str, ...]  # labels of the period's weeks ("12 Oct")
    lights: tuple[Line, ...]  # green, amber, red: check-ins per week
    ladders_title: str
    ladders: tuple[Line, ...]  # each ladder's level at the end of each week
    ladder_lines: tuple[str, ...]
    goals_title: str
    goals: tuple[Line, ...]  # each goal's last rating in each week
    goal_lines: tuple[str, ...]
    evidence_title: str
    evidence: tuple[str, ...]
    empty: str | None  # said when there are no check-ins yet
    axis_week: str = ""
    axis_level: str = ""
    axis_rating: str = ""


def _mean(values: Sequence[int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(fmean(present), 1) if present else None


def summarise(history: History, content: Content, now: datetime) -> Summary:
    """The page for `history` as it stands at `now`."""
    profile = history.profile
    language = profile.language
    content = content.speaking(language)  # the ladders' and steps' words in it
    zone = ZoneInfo(profile.tz or "UTC")

    def text(key: str, **params: object) -> str:  # the one place the catalogue is read
        return content.text(language, key, params)

    def day_of(at: datetime) -> date:
        return at.astimezone(zone).date()

    def shown(day: date) -> str:
        return content.day(language, day, year=True)

    today = day_of(now)
    began = day_of(profile.onboarded_at) if profile.onboarded_at else today
    start = max(began, today - timedelta(days=7 * WEEKS - 1))
    days = tuple(start + timedelta(days=i) for i in range((today - start).days + 1))
    week_starts = days[::7]
    weeks = tuple(content.day(language, d) for d in week_starts)

    def week_of(day: date) -> int:
        return (day - start).days // 7

    checkins = [c for c in history.checkins if day_of(c.done_at or c.created_at) >= start]
    done = [c for c in checkins if c.during is not None]
    skipped = sum(1 for c in checkins if c.status is CheckinStatus.SKIPPED)
    unfinished = sum(1 for c in checkins if c.status is not CheckinStatus.SKIPPED) - len(
        [c for c in done if c.status is CheckinStatus.FINISHED]
    )
    facts = Facts(profile, levels=history.levels, checkins=tuple(history.checkins))
    t = content.thresholds
    phase = text(PHASE[current_phase(facts, today, now, t)])
    if flare_on(profile, today, t) and profile.flare_since is not None:
        phase = text(K.phase_flare, phase=phase, since=shown(profile.flare_since))
    elif pause_on(profile, facts.checkins, now, t) and profile.paused_since is not None:
        phase = text(K.phase_paused, phase=phase, since=shown(day_of(profile.paused_since)))
    if profile.episode_start is not None:
        weeks_ago = (today - profile.episode_start).days // 7
        episode = text(K.episode_value, date=shown(profile.episode_start), weeks=weeks_ago)
    else:
        episode = text(K.episode_unknown)
    period = text(K.period_value, start=shown(start), end=shown(today), weeks=len(week_starts))
    counts = text(K.checkins_value, done=len(done), skipped=skipped, unfinished=max(unfinished, 0))
    made = f"{shown(day_of(now))} {now.astimezone(zone):%H:%M} ({zone.key})"
    header = (
        (text(K.period), period),
        (text(K.episode), episode),
        (text(K.phase), phase),
        (text(K.checkins), counts),
        (text(K.made), made),
    )

    pain = []
    for key, pick in ((K.pain_before, 0), (K.pain_during, 1), (K.pain_after, 2)):
        values = []
        for day in days:
            on_day = [c for c in done if day_of(c.done_at or c.created_at) == day]
            values.append(_mean([(c.baseline, c.during, c.a1)[pick] for c in on_day]))
        pain.append(Line(text(key), tuple(values)))

    lights = []
    for light in (Light.GREEN, Light.AMBER, Light.RED):
        per_week: list[float | None] = [0.0] * len(weeks)
        for c in done:
            if c.light is light:
                index = week_of(day_of(c.done_at or c.created_at))
                per_week[index] = (per_week[index] or 0) + 1
        lights.append(Line(text(LIGHT_NAMES[light]), tuple(per_week)))

    ladders, ladder_lines = _ladders(history, content, text, day_of, week_starts)
    goals, goal_lines = _goals(history, content, language, text, day_of, week_starts)
    return Summary(
        title=text(K.title),
        subtitle=text(K.subtitle),
        facts=header,
        screens_title=text(K.screens),
        screens=_screens(history, text, day_of, shown, [q.id for q in content.red_flags]),
        pain_title=text(K.pain_title),
        days=days,
        day_labels=tuple(content.day(language, d) for d in days),
        pain=tuple(pain),
        lights_title=text(K.lights_title),
        weeks=weeks,
        lights=tuple(lights),
        ladders_title=text(K.ladders_title),
        ladders=ladders,
        ladder_lines=ladder_lines,
        goals_title=text(K.goals),
        goals=goals,
        goal_lines=goal_lines,
        evidence_title=text(K.evidence),
        evidence=_evidence(done, text),
        empty=None if done else text(K.empty),
        axis_week=text(K.week),
        axis_level=text(K.level),
        axis_rating=text(K.rating),
    )


def _screens(
    history: History,
    text: Text,
    day_of: DayOf,
    shown: Callable[[date], str],
    known: Sequence[str],
) -> tuple[str, ...]:
    """One line per screen (a day and a context), what was answered yes or not sure, and any
    hold now or assessment since."""
    groups: dict[tuple[date, str], list[ScreenAnswer]] = {}
    for answer in history.screens:
        context = "free_text" if answer.question.startswith("text:") else answer.context
        groups.setdefault((day_of(answer.at), context), []).append(answer)
    lines = []
    for (day, context), answers in sorted(groups.items(), key=lambda item: item[0][0]):
        where = text(CONTEXTS[context]) if context in CONTEXTS else context
        flagged = [a for a in answers if a.answer is not Answer3.NO]
        if not flagged:
            lines.append(text(K.screen_clear, date=shown(day), context=where))
            continue
        named = ", ".join(
            text(
                K.answer_unsure if a.answer is Answer3.UNSURE else K.answer_yes,
                flag=_flag(a.question, text, known),
            )
            for a in flagged
        )
        lines.append(text(K.screen_flags, date=shown(day), context=where, flags=named))
    profile = history.profile
    if profile.safety_hold is not None and profile.safety_hold_at is not None:
        lines.append(
            text(
                K.hold_now,
                kind=text(HOLD_NAMES[profile.safety_hold]),
                date=shown(day_of(profile.safety_hold_at)),
            )
        )
    if profile.assessed_at is not None:
        lines.append(text(K.hold_assessed, date=shown(day_of(profile.assessed_at))))
    return tuple(lines) or (text(K.screen_none),)


CONTEXTS = {  # where a screen was asked, by the context its answers were stored with
    "onboarding": K.context_onboarding,
    "weekly": K.context_weekly,
    "after_red": K.context_after_red,
    "free_text": K.context_free_text,
    "correction": K.context_correction,
}
HOLDS = keys("summary", "hold_emergency", "hold_urgent")
HOLD_NAMES = {SafetyHold.EMERGENCY: HOLDS.hold_emergency, SafetyHold.URGENT: HOLDS.hold_urgent}
FLAG = Family("summary.flag")  # a red flag's short name: declared by the content loader


def _flag(question: str, text: Text, known: Sequence[str]) -> str:
    """A red flag's short name; a typed message's rule that is no screen question (words near the
    emergency signs, one weak leg) by the few words of its own key, or as a possible red flag."""
    flag = question.removeprefix("text:")
    if flag in known or flag in FREE_TEXT_FLAGS:
        return text(FLAG[flag])
    return text(K.flag_other)


FREE_TEXT_FLAGS = ("check_cauda", "one_leg_weak")  # rules of the typed-text screen with a name here
keys("summary.flag", *FREE_TEXT_FLAGS)


def _week_ends(week_starts: Sequence[date]) -> list[date]:
    return [*week_starts[1:], date.max]


def _ladders(
    history: History, content: Content, text: Text, day_of: DayOf, week_starts: Sequence[date]
) -> tuple[tuple[Line, ...], tuple[str, ...]]:
    """Each ladder's level at the end of every week of the period (the level its last check-in
    left it at; before the first, the level that check-in began at), and a line with its path
    over the period and where it stands now."""
    series, lines = [], []
    start = week_starts[0]
    for movement, ladder in content.ladders.items():
        steps = [
            c
            for c in history.checkins
            if c.kind is ActivityKind.EXPOSURE and c.activity == movement and c.level is not None
        ]
        stored = history.levels.get(movement)
        if stored is None and not steps:
            continue
        values: list[float | None] = []
        for end in _week_ends(week_starts):
            before = [c for c in steps if day_of(c.done_at or c.created_at) < end]
            if before:
                last = before[-1]
                level = last.level_after if last.level_after is not None else last.level
            elif steps:
                level = steps[0].level
            else:
                level = stored.level if stored is not None else None
            values.append(float(level) if level is not None else None)
        now_level = stored.level if stored is not None else int(values[-1] or 1)
        path: list[int] = []
        for c in steps:
            if day_of(c.done_at or c.created_at) >= start:
                for value in (c.level, c.level_after):
                    if value is not None and (not path or path[-1] != value):
                        path.append(value)
        series.append(Line(ladder.name, tuple(values)))
        lines.append(
            text(
                K.ladder_line,
                ladder=ladder.name,
                level=now_level,
                top=ladder.top,
                step=ladder.step(now_level).name,
                path=" → ".join(map(str, path)) if path else str(now_level),
            )
        )
    return tuple(series), tuple(lines) or (text(K.ladders_none),)


def _goals(
    history: History,
    content: Content,
    language: str,
    text: Text,
    day_of: DayOf,
    week_starts: Sequence[date],
) -> tuple[tuple[Line, ...], tuple[str, ...]]:
    """Each goal with every rating and its change (real at `real_change` or more), and its last
    rating in each week of the period."""
    lines, series = [], []
    for goal in history.goals:
        name = name_in(content, language, goal)
        ratings = " → ".join(
            f"{r.value} ({content.day(language, day_of(r.at))})" for r in goal.ratings
        ) or text(K.goal_unrated)
        difference = change(goal)
        verdict = ""
        if difference is not None:
            real = is_real(difference, content.goals)
            verdict = text(
                K.goal_real if real else K.goal_small,
                diff=f"{difference:+d}",
                real=content.goals.real_change,
            )
        retired = text(K.goal_retired) if not goal.active else ""
        line = text(K.goal_line, goal=name, ratings=ratings)
        lines.append(" ".join(part for part in (line, verdict, retired) if part))
        values: list[float | None] = []
        for i, end in enumerate(_week_ends(week_starts)):
            first = date.min if i == 0 else week_starts[i]
            inside = [r for r in goal.ratings if first <= day_of(r.at) < end]
            values.append(float(inside[-1].value) if inside else None)
        series.append(Line(name, tuple(values)))
    return tuple(series), tuple(lines) or (text(K.goals_none),)


def _evidence(done: Sequence[Checkin], text: Text) -> tuple[str, ...]:
    """Predicted against actual pain on the exposure steps: how often it was less than feared."""
    predicted = [c for c in done if c.kind is ActivityKind.EXPOSURE and c.expected is not None]
    if not predicted:
        return (text(K.evidence_none),)
    better = [c for c in predicted if (c.expected or 0) > (c.during or 0)]
    return (
        text(
            K.evidence_value,
            count=len(predicted),
            better=len(better),
            expected=round(fmean(c.expected or 0 for c in predicted), 1),
            during=round(fmean(c.during or 0 for c in predicted), 1),
        ),
    )
