"""The safety hold: after a red-flag answer, coaching waits until the person says they were
assessed by a clinician."""

from __future__ import annotations

from typing import Any

from flows.catalogue import keys
from flows.engine import Ask, FlowSpec, Turn, on_answer
from flows.model import Choice, Frame, SafetyHold

K = keys("safety", "emergency", "urgent", "resumed", "assessed")


class SafetyTurn(Turn):
    """Turn model for the safety hold."""

    def lift_hold(self) -> None:
        self.save_profile(safety_hold=None, assessed_at=self.now)
        self.say(K.resumed)
        resume = self.ctx.get("resume")
        if resume:
            self.then = Frame(resume["flow"], resume["state"], resume.get("context", {}))


def hold_key(turn: Turn) -> str:
    key: str = K.emergency if turn.profile.safety_hold is SafetyHold.EMERGENCY else K.urgent
    return key


STATES = ("hold",)
TRANSITIONS: tuple[dict[str, Any], ...] = (on_answer("hold", "end", then="lift_hold"),)
ASKS: dict[str, Ask] = {
    "hold": Ask(hold_key, choices=lambda t: (Choice("assessed", K.assessed),)),
}

FLOW = FlowSpec("safety", SafetyTurn, STATES, TRANSITIONS, ASKS)
