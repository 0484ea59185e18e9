"""The goals dialogue (flows.goals says what it is for): add from a suggestion or in the person's
own words with the movements it needs, rate, rename, retire; the weekly re-rating. Over 300 lines
as one flow is: its turn model, its questions and its transition table, read together."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from flows.engine import Ask, FlowSpec, Invalid, Turn, on_answer
from flows.engine import K as K_INVALID
from flows.goals import (
    ADD,
    DONE,
    KEEP,
    RATE,
    RENAME,
    RETIRE,
    SCALE,
    SKIP,
    SUGGESTION,
    K,
    active,
    change_line,
    check_text,
    goal_name,
)
from flows.model import Choice, Flow, Goal, GoalRating, RateGoal, SaveGoal, frame_of

__all__ = ["FLOW"]


# --------------------------------------------------------------------------- the turn model


class GoalsTurn(Turn):
    """Turn model for the goals flow."""

    # -- reading

    def goal(self, no: int) -> Goal:
        return next(g for g in self.facts.goals if g.no == no)

    def store(self, goal: Goal) -> Goal:
        """Records a goal and keeps the facts in step with it."""
        others = tuple(g for g in self.facts.goals if g.no != goal.no)
        self.facts = replace(self.facts, goals=tuple(sorted((*others, goal), key=lambda g: g.no)))
        self.effects.append(SaveGoal(goal))
        return goal

    def rate_goal(self, no: int, value: int, context: str) -> Goal:
        goal = self.goal(no)
        rated = replace(goal, ratings=(*goal.ratings, GoalRating(self.now, value)))
        others = tuple(g for g in self.facts.goals if g.no != no)
        self.facts = replace(self.facts, goals=tuple(sorted((*others, rated), key=lambda g: g.no)))
        self.effects.append(RateGoal(no, value, context))
        return rated

    @property
    def onboarding(self) -> bool:
        return bool(self.ctx.get("onboarding"))

    # -- guards

    def wants_add(self) -> bool:
        return bool(self.value == ADD)

    def wants_rate(self) -> bool:
        return bool(self.value == RATE)

    def wants_pick(self) -> bool:
        return self.value in (RENAME, RETIRE)

    def skips(self) -> bool:
        return bool(self.value == SKIP)

    def suggested(self) -> bool:
        return isinstance(self.value, str) and self.value.startswith("s:")

    def toggles(self) -> bool:
        return isinstance(self.value, str) and self.value[2:] in self.content.ladders

    def room_for_more(self) -> bool:
        return len(active(self.facts)) < self.content.goals.max_goals

    def is_yes(self) -> bool:
        return bool(self.value == "yes")

    def more_to_rate(self) -> bool:
        return int(self.ctx.get("ri", 0)) + 1 < len(self.ctx.get("nos", ()))

    def renaming(self) -> bool:
        return self.ctx.get("action") == RENAME and str(self.value).startswith("g:")

    def keeps(self) -> bool:
        return bool(self.value == KEEP)

    # -- actions

    def add_suggested(self) -> None:
        suggestion = str(self.value)[2:]
        movements = self.content.goals.suggestions.get(suggestion, ())
        self._add(Goal(self._next_no(), tuple(movements), self.now, suggestion=suggestion))

    def note_text(self) -> None:
        self.ctx["text"] = str(self.value[1])
        self.ctx["picked"] = []

    def toggle(self) -> None:
        movement = str(self.value)[2:]
        picked = list(self.ctx.get("picked", []))
        picked = [m for m in picked if m != movement] if movement in picked else [*picked, movement]
        self.ctx["picked"] = picked

    def add_typed(self) -> None:
        picked = self.value if isinstance(self.value, list) else self.ctx.get("picked", [])
        order = list(self.content.ladders)
        movements = tuple(sorted(set(picked), key=order.index))
        text = str(self.ctx.pop("text", ""))
        self.ctx.pop("picked", None)
        self._add(Goal(self._next_no(), movements, self.now, text=text))

    def _add(self, goal: Goal) -> None:
        self.store(goal)
        self.ctx["no"] = goal.no

    def _next_no(self) -> int:
        return max((g.no for g in self.facts.goals), default=0) + 1

    def rate_added(self) -> None:
        no = int(self.ctx["no"])
        context = "onboarding" if self.onboarding else "goals"
        goal = self.rate_goal(no, int(self.value), context)
        self.say(K.added, goal=goal_name(self, goal), now=int(self.value))

    def finished_adding(self) -> None:
        lines = "\n".join(change_line(self, g) for g in active(self.facts))
        self.say(K.list_onboarding if self.onboarding else K.list, lines=lines)
        self.carry_on()

    def skipped(self) -> None:
        if active(self.facts):
            self.finished_adding()
            return
        self.say(K.skipped)
        self.carry_on()

    def carry_on(self) -> None:
        """In onboarding: the rest of it starts once this flow ends."""
        then = frame_of(self.ctx.get("then"))
        if then is not None:
            self.then = then

    def begin_rating(self) -> None:
        self.ctx["nos"] = [g.no for g in active(self.facts)]
        self.ctx["ri"] = 0
        self.ctx["context"] = "goals"

    def record_rating(self) -> None:
        nos = list(self.ctx.get("nos", ()))
        index = int(self.ctx.get("ri", 0))
        if index < len(nos):
            self.rate_goal(int(nos[index]), int(self.value), str(self.ctx.get("context", "goals")))
        self.ctx["ri"] = index + 1

    def rated(self) -> None:
        rated = [g for g in self.facts.goals if g.no in self.ctx.get("nos", ())]
        self.say(K.rated, lines="\n".join(change_line(self, g) for g in rated))

    def note_action(self) -> None:
        self.ctx["action"] = self.value

    def note_pick(self) -> None:
        self.ctx["no"] = int(str(self.value)[2:])

    def left(self) -> None:
        self.say(K.unchanged)

    def retire(self) -> None:
        goal = self.goal(int(str(self.value)[2:]))
        self.store(replace(goal, retired_at=self.now))
        self.say(K.retired, goal=goal_name(self, goal))

    def rename(self) -> None:
        goal = self.goal(int(self.ctx["no"]))
        old = goal_name(self, goal)
        renamed = self.store(replace(goal, text=str(self.value[1])))
        self.say(K.renamed, old=old, new=goal_name(self, renamed))


# --------------------------------------------------------------------------- questions


def _typed(turn: Turn, text: str) -> Any:
    """A goal typed in the person's words, as ("text", words), or what to say instead."""
    checked = check_text(text, turn.content.goals)
    if isinstance(checked, Invalid):
        return checked
    return ("text", checked)


def _typed_movements(turn: Turn, text: str) -> Any:
    """Movements typed by name ("bending, lifting"); each part must name exactly one."""
    parts = [p.strip() for p in re.split(r",|;|\band\b|\bund\b|\by\b|&|\+", text.casefold())]
    parts = [p for p in parts if p]
    found: list[str] = []
    for part in parts:
        matches = [
            m
            for m, ladder in turn.content.ladders.items()
            if m == part or ladder.name.casefold().startswith(part) or part in ladder.question
        ]
        if len(matches) != 1 or len(part) < 3:
            return Invalid(K_INVALID.not_a_choice)
        found.append(matches[0])
    return found if found else Invalid(K_INVALID.not_a_choice)


def _suggestions(turn: Turn) -> Sequence[Choice]:
    taken = {g.suggestion for g in active(turn.facts)}
    offered = [s for s in turn.content.goals.suggestions if s not in taken]
    return (
        *(Choice(f"s:{s}", SUGGESTION[s]) for s in offered),
        Choice(SKIP, K.btn_skip, means="no"),
    )


def _ask_key(turn: Turn) -> str:
    return str(K.ask_onboarding if turn.ctx.get("onboarding") else K.ask)


def _limit(turn: Turn) -> dict[str, Any]:
    return {"max": turn.content.goals.max_goals, "chars": turn.content.goals.max_chars}


def _movement_choices(turn: Turn) -> Sequence[Choice]:
    picked = turn.ctx.get("picked", [])
    return (
        *(
            Choice(f"m:{m}", K.btn_movement_on if m in picked else K.btn_movement, {"name": x.name})
            for m, x in turn.content.ladders.items()
        ),
        Choice(DONE, K.btn_done if picked else K.btn_none),
    )


def _movement_key(turn: Turn) -> str:
    return str(K.movements_more if turn.ctx.get("picked") else K.movements)


def _movement_params(turn: Turn) -> dict[str, Any]:
    picked = turn.ctx.get("picked", [])
    names = ", ".join(turn.content.ladders[m].name for m in picked if m in turn.content.ladders)
    return {"goal": turn.ctx.get("text", ""), "picked": names}


def _goal_params(turn: Turn) -> dict[str, Any]:
    assert isinstance(turn, GoalsTurn)
    return {"goal": goal_name(turn, turn.goal(int(turn.ctx["no"])))}


def _rate_params(turn: Turn) -> dict[str, Any]:
    assert isinstance(turn, GoalsTurn)
    nos = list(turn.ctx.get("nos", ()))
    index = min(int(turn.ctx.get("ri", 0)), len(nos) - 1)
    goal = turn.goal(int(nos[index]))
    return {"goal": goal_name(turn, goal), "n": index + 1, "total": len(nos)}


def _rate_key(turn: Turn) -> str:
    first = int(turn.ctx.get("ri", 0)) == 0
    return str(K.rate_weekly if first and turn.ctx.get("context") == "weekly" else K.rate)


def _menu_params(turn: Turn) -> dict[str, Any]:
    goals = active(turn.facts)
    if not goals:
        return {"lines": turn.text(K.none_yet, **_limit(turn))}
    lines = []
    for goal in goals:
        last = goal.ratings[-1] if goal.ratings else None
        if last is None:
            lines.append(turn.text(K.menu_line_unrated, goal=goal_name(turn, goal)))
        else:
            day = turn.day(last.at.astimezone(turn.zone).date())
            lines.append(turn.text(K.menu_line, goal=goal_name(turn, goal), now=last.value, on=day))
    return {"lines": "\n".join(lines)}


def _menu_choices(turn: Turn) -> Sequence[Choice]:
    goals = active(turn.facts)
    choices = []
    if len(goals) < turn.content.goals.max_goals:
        choices.append(Choice(ADD, K.btn_add))
    if goals:
        choices += [Choice(RATE, K.btn_rate), Choice(RENAME, K.btn_rename)]
        choices.append(Choice(RETIRE, K.btn_retire))
    choices.append(Choice(KEEP, K.btn_keep, means="no"))
    return tuple(choices)


def _pick_choices(turn: Turn) -> Sequence[Choice]:
    return (
        *(Choice(f"g:{g.no}", goal_name(turn, g), literal=True) for g in active(turn.facts)),
        Choice(KEEP, K.btn_keep, means="no"),
    )


def _pick_key(turn: Turn) -> str:
    return str(K.pick_rename if turn.ctx.get("action") == RENAME else K.pick_retire)


STATES = ("menu", "add", "movements", "rate_new", "more", "rate", "pick", "rename")

# fmt: off
TRANSITIONS: tuple[dict[str, Any], ...] = (
    on_answer("menu", "add", when="wants_add"),
    on_answer("menu", "rate", when="wants_rate", then="begin_rating"),
    on_answer("menu", "pick", when="wants_pick", then="note_action"),
    on_answer("menu", "end", then="left"),
    on_answer("add", "end", when="skips", then="skipped"),
    on_answer("add", "rate_new", when="suggested", then="add_suggested"),
    on_answer("add", "movements", then="note_text"),
    on_answer("movements", "movements", when="toggles", then="toggle"),
    on_answer("movements", "rate_new", then="add_typed"),
    on_answer("rate_new", "more", when="room_for_more", then="rate_added"),
    on_answer("rate_new", "end", then=["rate_added", "finished_adding"]),
    on_answer("more", "add", when="is_yes"),
    on_answer("more", "end", then="finished_adding"),
    on_answer("rate", "rate", when="more_to_rate", then="record_rating"),
    on_answer("rate", "end", then=["record_rating", "rated"]),
    on_answer("pick", "end", when="keeps", then="left"),
    on_answer("pick", "rename", when="renaming", then="note_pick"),
    on_answer("pick", "end", then="retire"),
    on_answer("rename", "end", then="rename"),
)
# fmt: on

ASKS: dict[str, Ask] = {
    "menu": Ask(K.menu, params=_menu_params, choices=_menu_choices),
    "add": Ask(_ask_key, params=_limit, choices=_suggestions, parse=_typed, short=K.ask_short),
    "movements": Ask(
        _movement_key,
        params=_movement_params,
        choices=_movement_choices,
        parse=_typed_movements,
        short=K.movements_more,
    ),
    "rate_new": Ask(K.rate_new, params=_goal_params, scale=SCALE),
    "more": Ask(
        K.more,
        params=_limit,
        choices=lambda t: (
            Choice("yes", K.btn_yes_more, means="yes"),
            Choice("no", K.btn_no_more, means="no"),
        ),
    ),
    "rate": Ask(_rate_key, params=_rate_params, scale=SCALE, short=K.rate),
    "pick": Ask(_pick_key, choices=_pick_choices),
    "rename": Ask(K.rename, params=_goal_params, parse=_typed),
}

FLOW = FlowSpec(Flow.GOALS, GoalsTurn, STATES, TRANSITIONS, ASKS)
