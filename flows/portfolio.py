"""The movement portfolio (/portfolio): the five movements with what each is for, and a swap of one
for another of the same purpose. Nothing is stored until the swap is chosen; "keep" leaves it as it
was, and so do the words "cancel", "stop" and "never mind"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from flows.catalogue import keyed, keys
from flows.content import PURPOSES, Exercise
from flows.engine import Ask, FlowSpec, Invalid, Turn, on_answer
from flows.engine import K as K_INVALID
from flows.model import Choice, Flow

__all__ = ["FLOW", "K"]

K = keys("portfolio", "menu", "line", "missing", "pick", "swapped", "unchanged")
C = keys("choice", "keep_portfolio", "keep_movement")
WHY = keyed("purpose_why", PURPOSES)
SHORT = keyed("purpose_short", PURPOSES)
# the short name as it reads inside a sentence: "decompression", "Entlastung" (German nouns
# keep their capital, so it is not the short name lower-cased)
INLINE = keyed("purpose_inline", PURPOSES)
KEEP = "keep"


def short(purpose: str) -> str:
    """The key of a purpose's short name ("Hip mobility")."""
    return SHORT[purpose]


def why(purpose: str) -> str:
    """The key of the one plain sentence on what a purpose is for."""
    return WHY[purpose]


def current(turn: Turn, purpose: str) -> Exercise | None:
    """The person's movement for `purpose`, if they have one."""
    mine = [
        turn.content.exercises[e] for e in turn.profile.portfolio if e in turn.content.exercises
    ]
    return next((e for e in mine if e.purpose == purpose), None)


class PortfolioTurn(Turn):
    """Turn model for /portfolio."""

    def keeps(self) -> bool:
        return bool(self.value == KEEP)

    def chose_purpose(self) -> None:
        self.ctx["purpose"] = self.value

    def unchanged(self) -> None:
        self.say(K.unchanged)

    def swap(self) -> None:
        purpose = str(self.ctx["purpose"])
        old = current(self, purpose)
        new = self.content.exercises[str(self.value)]
        kept = [e for e in self.profile.portfolio if old is None or e != old.id]
        order = {p: i for i, p in enumerate(PURPOSES)}

        def rank(exercise_id: str) -> int:
            exercise = self.content.exercises.get(exercise_id)
            return order.get(exercise.purpose, len(order)) if exercise else len(order)

        self.save_profile(portfolio=tuple(sorted([*kept, new.id], key=rank)))
        self.say(
            K.swapped,
            new=new.name,
            old=old.name if old else "–",
            purpose=self.text(INLINE[purpose]),
            how=new.how,
        )


def menu_params(turn: Turn) -> dict[str, Any]:
    lines = []
    for purpose in PURPOSES:
        exercise = current(turn, purpose)
        lines.append(
            turn.text(
                K.line,
                purpose=turn.text(short(purpose)),
                name=exercise.name if exercise else turn.text(K.missing),
                why=turn.text(why(purpose)),
            )
        )
    return {"lines": "\n".join(lines)}


def menu_choices(turn: Turn) -> Sequence[Choice]:
    return (
        *(Choice(p, short(p)) for p in PURPOSES),
        Choice(KEEP, C.keep_portfolio, means="no"),
    )


def pick_params(turn: Turn) -> dict[str, Any]:
    purpose = str(turn.ctx.get("purpose", PURPOSES[0]))
    exercise = current(turn, purpose)
    return {
        "purpose": turn.text(INLINE[purpose]),
        "current": exercise.name if exercise else turn.text(K.missing),
    }


def pick_choices(turn: Turn) -> Sequence[Choice]:
    purpose = str(turn.ctx.get("purpose", PURPOSES[0]))
    mine = current(turn, purpose)
    others = [e for e in turn.content.by_purpose(purpose) if mine is None or e.id != mine.id]
    name = {"name": mine.name if mine else "–"}
    keep = Choice(KEEP, C.keep_movement, name, means="no")
    return (*(Choice(e.id, e.name, literal=True) for e in others), keep)


def loose(text: str) -> str:
    """Typed text as compared loosely: case, hyphens and dashes ("figure four") don't matter."""
    return " ".join(text.casefold().translate(_SPACES).split()).strip(".!")


_SPACES = str.maketrans("-–—", "   ")


def parse_typed(choices: Callable[[Turn], Sequence[Choice]]) -> Callable[[Turn, str], Any]:
    """Reads what the usual matching missed: a label typed with spaces for its hyphens, or the
    start of one; else re-asked ("cancel", "stop", "never mind" leave it, as any dialogue)."""

    def parse(turn: Turn, text: str) -> Any:
        wanted = loose(text)
        found = [c.value for c in choices(turn) if loose(turn.label(c)).startswith(wanted)]
        if len(wanted) >= 3 and len(found) == 1:
            return found[0]
        return Invalid(K_INVALID.not_a_choice)

    return parse


STATES = ("purpose", "movement")
TRANSITIONS: tuple[dict[str, Any], ...] = (
    on_answer("purpose", "end", when="keeps", then="unchanged"),
    on_answer("purpose", "movement", then="chose_purpose"),
    on_answer("movement", "end", when="keeps", then="unchanged"),
    on_answer("movement", "end", then="swap"),
)
ASKS: dict[str, Ask] = {
    "purpose": Ask(
        K.menu, params=menu_params, choices=menu_choices, parse=parse_typed(menu_choices)
    ),
    "movement": Ask(
        K.pick, params=pick_params, choices=pick_choices, parse=parse_typed(pick_choices)
    ),
}

FLOW = FlowSpec(Flow.PORTFOLIO, PortfolioTurn, STATES, TRANSITIONS, ASKS)
