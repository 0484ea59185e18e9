"""The red-flag screen again: weekly with the recap, and after any RED. Same questions, same rules
as at onboarding: "not sure" counts as yes, an emergency answer holds at once, an urgent one once
the screen is done; after assessment the rest of the questions are still asked."""

from __future__ import annotations

from typing import Any

from flows.catalogue import keys
from flows.engine import Ask, FlowSpec, Turn, on_answer
from flows.model import Answer3, Choice, Frame, RecordRedFlags, SafetyHold

K = keys("rescreen", "weekly", "after_red", "clear", "question")
C = keys("choice", "yes", "no", "unsure")


def rescreen_frame(context: str) -> Frame:
    """A fresh re-screen ("weekly" or "after_red")."""
    return Frame("rescreen", "q", {"i": 0, "context": context})


class RescreenTurn(Turn):
    """Turn model for the re-screen."""

    def _question_is(self, category: str) -> bool:
        question = self.content.red_flags[int(self.ctx.get("i", 0))]
        return question.category == category and self.value != "no"

    def emergency(self) -> bool:
        return self._question_is("emergency")

    def more(self) -> bool:
        return int(self.ctx.get("i", 0)) + 1 < len(self.content.red_flags)

    def urgent_at_end(self) -> bool:
        return bool(self.ctx.get("urgent")) or self._question_is("urgent")

    def record(self) -> None:
        index = int(self.ctx.get("i", 0))
        question = self.content.red_flags[index]
        answer = Answer3(self.value)
        context = str(self.ctx.get("context", "weekly"))
        self.effects.append(RecordRedFlags(((question.id, answer),), context))
        if question.category == "urgent" and answer is not Answer3.NO:
            self.ctx["urgent"] = True
        self.ctx["i"] = index + 1

    def hold_emergency(self) -> None:
        self.record()
        self.hold(SafetyHold.EMERGENCY)

    def hold_urgent(self) -> None:
        self.record()
        self.hold(SafetyHold.URGENT)

    def hold(self, kind: SafetyHold) -> None:
        self.save_profile(safety_hold=kind, safety_hold_at=self.now)
        rest = int(self.ctx["i"]) < len(self.content.red_flags)
        resume = {"flow": "rescreen", "state": "q", "context": dict(self.ctx)} if rest else None
        self.then = Frame("safety", "hold", {"resume": resume} if resume else {})

    def all_clear(self) -> None:
        self.record()
        self.say(K.clear)


def question_params(turn: Turn) -> dict[str, Any]:
    index = int(turn.ctx.get("i", 0))
    question = turn.content.red_flags[index]
    return {
        "n": index + 1,
        "total": len(turn.content.red_flags),
        "question": turn.text(f"redflag.q.{question.id}"),
    }


FLOW = FlowSpec(
    "rescreen",
    RescreenTurn,
    ("q",),
    (
        on_answer("q", "end", when="emergency", then="hold_emergency"),
        on_answer("q", "q", when="more", then="record"),
        on_answer("q", "end", when="urgent_at_end", then="hold_urgent"),
        on_answer("q", "end", then="all_clear"),
    ),
    {
        "q": Ask(
            K.question,
            params=question_params,
            choices=lambda t: (
                Choice("yes", C.yes),
                Choice("no", C.no),
                Choice("unsure", C.unsure),
            ),
        )
    },
)
