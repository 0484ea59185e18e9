"""The safety hold: after a red flag, coaching waits until the person says a clinician has checked
them and said gentle activity is fine — two explicit answers, recorded with the time (DESIGN §5).

`hold` is the one way into a hold, whether the flag came from a screen question, a clarifying
question or typed text: it records the hold, says what to do (the person's own emergency number)
and returns the hold's frame.
"""

from __future__ import annotations

from typing import Any

from flows.catalogue import keys
from flows.engine import Ask, FlowSpec, Turn, on_answer
from flows.helplines import for_zone
from flows.model import JSON, Choice, Flow, Frame, SafetyHold, frame_json, frame_of

__all__ = ["FLOW", "K", "emergency_number", "hold"]

K = keys(
    "safety",
    "heard",
    "unsure",
    "emergency",
    "urgent",
    "emergency_before_consent",
    "urgent_before_consent",
    "not_stored",
    "checked",
    "cleared",
    "not_yet",
    "keep_paused",
    "resumed",
    "local_emergency",
)
C = keys("choice", "checked_yes", "not_yet", "yes", "no", "unsure", "wrong")


def emergency_number(turn: Turn) -> str:
    """The emergency number of the person's country (from their time zone), or where it is not
    known, "your local emergency number (112 …)"."""
    found = for_zone(turn.content.helplines, turn.profile.tz)
    return (
        found.emergency if found.country else turn.text(K.local_emergency, number=found.emergency)
    )


def instruction(turn: Turn, kind: SafetyHold, *, unsure: bool, consented: bool = True) -> None:
    """Says what to do now: emergency care, or a doctor today; kindly, when they were not sure."""
    if unsure:
        turn.say(K.unsure)
    emergency = kind is SafetyHold.EMERGENCY
    if consented:
        key = K.emergency if emergency else K.urgent
    else:
        key = K.emergency_before_consent if emergency else K.urgent_before_consent
    turn.say(key, emergency=emergency_number(turn))


def hold(
    turn: Turn,
    kind: SafetyHold,
    *,
    unsure: bool = False,
    resume: Frame | None = None,
    undo: Frame | None = None,
) -> Frame:
    """Holds coaching for a red flag and returns the hold's frame. An emergency outranks an urgent
    hold already in place; `resume` is picked up once the hold is lifted; `undo` is the question
    just answered, asked again if the person says they pressed the wrong one."""
    if turn.profile.safety_hold is SafetyHold.EMERGENCY:
        kind = SafetyHold.EMERGENCY
    turn.save_profile(safety_hold=kind, safety_hold_at=turn.now)
    instruction(turn, kind, unsure=unsure)
    context: dict[str, JSON] = {}
    if resume is not None:
        context["resume"] = frame_json(resume)
    if undo is not None:
        context["undo"] = frame_json(undo)
    return Frame(Flow.SAFETY, "hold", context)


class SafetyTurn(Turn):
    """Turn model for the safety hold."""

    def said(self, value: str) -> bool:
        return bool(self.value == value)

    def checked(self) -> bool:
        return self.said("yes")

    def wrong(self) -> bool:
        return self.said("wrong")

    def fine(self) -> bool:
        return self.said("yes")

    def not_yet(self) -> None:
        self.ctx.pop("undo", None)
        self.say(K.not_yet, emergency=emergency_number(self))

    def ask_cleared(self) -> None:
        self.ctx.pop("undo", None)

    def keep_paused(self) -> None:
        self.say(K.keep_paused)

    def lift_hold(self) -> None:
        self.save_profile(safety_hold=None, assessed_at=self.now)
        self.say(K.resumed)
        self.then = frame_of(self.ctx.get("resume"))

    def undo(self) -> None:
        """Asks the question just answered again; the hold stays until it is answered."""
        self.then = frame_of(self.ctx.get("undo"))


def hold_choices(turn: Turn) -> tuple[Choice, ...]:
    choices = (Choice("yes", C.checked_yes), Choice("no", C.not_yet))
    return (*choices, Choice("wrong", C.wrong)) if turn.ctx.get("undo") else choices


STATES = ("hold", "cleared")
# fmt: off
TRANSITIONS: tuple[dict[str, Any], ...] = (
    on_answer("hold", "end", when="wrong", then="undo"),
    on_answer("hold", "cleared", when="checked", then="ask_cleared"),
    on_answer("hold", "hold", then="not_yet"),
    on_answer("cleared", "end", when="fine", then="lift_hold"),
    on_answer("cleared", "hold", then="keep_paused"),
)
# fmt: on
ASKS: dict[str, Ask] = {
    "hold": Ask(K.checked, choices=hold_choices, explicit=True),
    "cleared": Ask(
        K.cleared,
        choices=lambda t: (Choice("yes", C.yes), Choice("no", C.no), Choice("unsure", C.unsure)),
        explicit=True,
    ),
}

FLOW = FlowSpec(Flow.SAFETY, SafetyTurn, STATES, TRANSITIONS, ASKS)
