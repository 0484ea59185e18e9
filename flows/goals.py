"""The person's own goals (DESIGN §9, PSFS): up to three everyday activities in their words, each
rated 0 (can't) to 10 (as before) and linked to the movements it needs. This module holds what
the rest of the coach asks of them (names, changes, the movements, the ladders' goal steps, the
frames that start the flow); the dialogue itself is flows.goal_flow.

One flow serves onboarding (after the fear ratings), `/goals` (add, rate, rename, retire) and the
weekly re-rating that comes with the recap. A suggestion carries its movements (data/goals.toml);
a goal typed in the person's words asks which movements it needs, with buttons. Typed goals are
screened like any text before they get here (DESIGN §5); here they are only checked to be a few
words: not empty, not over the limit, not only emoji, not a link. A goal's text is health data: it
is stored, exported and erased, never logged.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from flows.catalogue import Family, keys
from flows.content import Content, GoalSettings, Ladder, LadderStep
from flows.engine import Invalid, Turn
from flows.model import (
    Facts,
    Flow,
    Frame,
    Goal,
    Phase,
    Scale,
    frame_json,
)

__all__ = [
    "K",
    "active",
    "change",
    "change_line",
    "check_text",
    "goal_movements",
    "goal_name",
    "is_real",
    "ladder_of",
    "menu_frame",
    "name_in",
    "onboarding_frame",
    "rating_due",
    "rating_frame",
]

K = keys(
    "goals",
    "ask_onboarding",
    "ask",
    "ask_short",
    "movements",
    "movements_more",
    "rate_new",
    "rate_weekly",
    "rate",
    "rate_low",
    "rate_high",
    "added",
    "more",
    "list",
    "list_onboarding",
    "none_yet",
    "skipped",
    "menu",
    "menu_line",
    "menu_line_unrated",
    "pick_rename",
    "pick_retire",
    "rename",
    "renamed",
    "retired",
    "unchanged",
    "rated",
    "empty",
    "too_long",
    "no_words",
    "link",
    "line_first",
    "line_same",
    "line_real_up",
    "line_real_down",
    "line_small",
    "rate_note",
    "btn_skip",
    "btn_add",
    "btn_rate",
    "btn_rename",
    "btn_retire",
    "btn_keep",
    "btn_movement",
    "btn_movement_on",
    "btn_done",
    "btn_none",
    "btn_yes_more",
    "btn_no_more",
    "step_part",
    "step_part_how",
    "step_whole",
    "step_whole_how",
)

SUGGESTION = Family("goals.suggestion")  # a suggestion's words: declared by the content loader
SCALE = Scale(low=K.rate_low, high=K.rate_high)
SKIP, DONE, KEEP = "skip", "done", "keep"
ADD, RATE, RENAME, RETIRE = "add", "rate", "rename", "retire"

# A link in any usual form: a scheme, www., or a name ending in a common top-level domain.
_LINK = re.compile(
    r"[a-z][a-z0-9+.-]*://|\bwww\.|\b[\w-]+\.(?:com|org|net|io|co|uk|de|es|fr|info|ly|me|app)\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- pure helpers


def active(facts: Facts) -> tuple[Goal, ...]:
    """The goals not retired, oldest first."""
    return tuple(g for g in facts.goals if g.active)


def name_in(content: Content, language: str, goal: Goal) -> str:
    """A goal's words: the person's own, else its suggestion's in their language."""
    if goal.text:
        return goal.text
    return content.text(language, SUGGESTION[goal.suggestion or ""])


def goal_name(turn: Turn, goal: Goal) -> str:
    """A goal's words, for this turn's person."""
    return name_in(turn.content, turn.profile.language, goal)


def change(goal: Goal) -> int | None:
    """The latest rating minus the first (None with fewer than two ratings)."""
    if len(goal.ratings) < 2:
        return None
    return goal.ratings[-1].value - goal.ratings[0].value


def is_real(difference: int, settings: GoalSettings) -> bool:
    """A change of `real_change` points or more, either way, is real (Abbott & Schmitt 2014)."""
    return abs(difference) >= settings.real_change


def rating_due(facts: Facts, now: datetime, settings: GoalSettings) -> bool:
    """True when an active goal's last rating is `rerate_days` old or more."""
    limit = now - timedelta(days=settings.rerate_days)
    return any(not g.ratings or g.ratings[-1].at <= limit for g in active(facts))


def goal_movements(facts: Facts) -> tuple[str, ...]:
    """The movements the active goals need, the first goal's first, without repeats."""
    seen: dict[str, None] = {}
    for goal in active(facts):
        seen.update(dict.fromkeys(goal.movements))
    return tuple(seen)


def check_text(text: str, settings: GoalSettings) -> str | Invalid:
    """A goal in the person's words, tidied; or what to ask instead: empty, too long, no words
    (only emoji or numbers), a link."""
    words = " ".join(text.split())
    if not words:
        return Invalid(K.empty)
    if len(words) > settings.max_chars:
        return Invalid(K.too_long, chars=settings.max_chars, length=len(words))
    if _LINK.search(words):
        return Invalid(K.link)
    if not any(ch.isalpha() for ch in words):
        return Invalid(K.no_words)
    return words


def change_line(turn: Turn, goal: Goal) -> str:
    """One goal's line: its rating now and, once rated twice, its change since the first rating,
    named real at `real_change` points or more."""
    name = goal_name(turn, goal)
    if not goal.ratings:
        return turn.text(K.menu_line_unrated, goal=name)
    first, last = goal.ratings[0], goal.ratings[-1]
    difference = change(goal)
    if difference is None:
        return turn.text(K.line_first, goal=name, now=last.value)
    since = turn.day(first.at.astimezone(turn.zone).date())
    params = {"goal": name, "first": first.value, "now": last.value, "since": since}
    if difference == 0:
        return turn.text(K.line_same, **params)
    params["diff"] = f"{difference:+d}"
    if not is_real(difference, turn.content.goals):
        return turn.text(K.line_small, **params, real=turn.content.goals.real_change)
    return turn.text(K.line_real_up if difference > 0 else K.line_real_down, **params)


def ladder_of(turn: Turn, movement: str) -> Ladder:
    """A movement's ladder as it stands for this person: in the *return* phase (DESIGN §4, §9)
    each active goal that needs the movement adds two steps after the ladder's top, in the
    person's words: a short, easy try of the goal, then the whole of it."""
    from flows.modes import current_phase  # modes' helpers build on the engine, as this does

    ladder = turn.content.ladders[movement]
    phase = current_phase(turn.facts, turn.today, turn.now, turn.content.thresholds)
    linked = [g for g in active(turn.facts) if movement in g.movements]
    if phase is not Phase.RETURN or not linked:
        return ladder
    steps = list(ladder.steps)
    for goal in linked:
        name = goal_name(turn, goal)
        for key, how in ((K.step_part, K.step_part_how), (K.step_whole, K.step_whole_how)):
            steps.append(
                LadderStep(len(steps) + 1, turn.text(key, goal=name), turn.text(how, goal=name))
            )
    return replace(ladder, steps=tuple(steps))


def onboarding_frame(then: Frame) -> Frame:
    """The goals step of onboarding; `then` (the rest of onboarding) starts once it is done."""
    return Frame(Flow.GOALS, "add", {"onboarding": True, "then": frame_json(then)})


def menu_frame() -> Frame:
    """`/goals`: the goals with their ratings, and what can be done with them."""
    return Frame(Flow.GOALS, "menu")


def rating_frame(facts: Facts, now: datetime, settings: GoalSettings) -> Frame | None:
    """The weekly re-rating of every active goal, when it is due (None otherwise)."""
    if not active(facts) or not rating_due(facts, now, settings):
        return None
    return Frame(Flow.GOALS, "rate", {"nos": [g.no for g in active(facts)], "context": "weekly"})
