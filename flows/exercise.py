"""How an exercise is described wherever it is offered in full: what to do, what to feel, and an
easier and a harder version on one line."""

from __future__ import annotations

from flows.catalogue import keys
from flows.content import Exercise
from flows.engine import Turn

__all__ = ["K", "described"]

K = keys("exercise", "feel", "options")


def described(turn: Turn, exercise: Exercise) -> dict[str, str]:
    """The parameters of an exercise's description: how (after why, when it has one), cues,
    stop_if, feel and options."""
    how = f"{exercise.why}\n{exercise.how}" if exercise.why else exercise.how
    return {
        "how": how,
        "cues": "\n".join(f"• {c}" for c in exercise.cues),
        "stop_if": exercise.stop_if,
        "feel": turn.text(K.feel, feel=exercise.feel),
        "options": turn.text(K.options, easier=exercise.easier, harder=exercise.harder),
    }
