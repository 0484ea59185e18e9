"""The red-flag screen — one path, used at onboarding, weekly with the recap and after a RED.

Every question is yes / no / not sure, answered by a button or in words, never by a bare number.
"Not sure" counts as yes. An emergency answer holds coaching at once; an urgent one once the
screen is done; after assessment the rest of the questions are still asked. Right after an answer,
"I pressed the wrong one" asks that question again and the new answer is recorded as a correction.

After a RED the screen starts with one combined question listing the emergency signs ("quick");
only a yes or not sure leads to the individual emergency questions (DESIGN §5: no screen fatigue).
A weak leg mentioned in typed text gets one clarifying question ("clarify") instead of a hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flows import safety
from flows.catalogue import Family, keys
from flows.content import RedFlagQuestion
from flows.engine import Ask, FlowSpec, Turn, on_answer
from flows.model import (
    Answer3,
    Choice,
    Flow,
    Frame,
    RecordRedFlags,
    SafetyHold,
    frame_json,
    frame_of,
)

__all__ = [
    "FLOW",
    "QUESTION",
    "SIGN",
    "K",
    "check_frame",
    "clarify_frame",
    "quick_frame",
    "screen_frame",
]

K = keys(
    "rescreen",
    "weekly",
    "after_red",
    "quick",
    "clear",
    "question",
    "corrected",
    "clarify",
    "clarify_clear",
    "clarify_before_consent",
    "check",
    "check_short",
    "check_clear",
    "check_before_consent",
)
C = keys("choice", "yes", "no", "unsure", "wrong")
QUESTION = Family("redflag.q")  # each red-flag question, by its id (declared by the loader)
SIGN = Family("redflag.sign")  # each emergency sign, named in the question after a RED
CORRECTION = "correction"  # RecordRedFlags context of an answer given again after a mis-tap


def screen_frame(context: str, then: Frame | None = None) -> Frame:
    """The whole screen ("onboarding" or "weekly"); `then` starts once it is done."""
    ctx: dict[str, Any] = {"i": 0, "context": context}
    if then is not None:
        ctx["then"] = frame_json(then)
    return Frame(Flow.RESCREEN, "q", ctx)


def quick_frame() -> Frame:
    """The one combined question asked after a RED."""
    return Frame(Flow.RESCREEN, "quick", {"context": "after_red"})


def clarify_frame(resume: Frame | None) -> Frame:
    """The clarifying question after a weak leg is mentioned in typed text."""
    return _free_text_frame("clarify", resume)


def check_frame(resume: Frame | None) -> Frame:
    """The one question after typed words near the emergency signs: has anything changed?"""
    return _free_text_frame("check", resume)


def _free_text_frame(state: str, resume: Frame | None) -> Frame:
    """A question asked because of typed text; `resume` (the question it interrupted) comes
    back once the screen is done."""
    ctx: dict[str, Any] = {"context": "free_text"}
    if resume is not None:
        ctx["then"] = frame_json(resume)
    return Frame(Flow.RESCREEN, state, ctx)


def questions(turn: Turn) -> Sequence[RedFlagQuestion]:
    """The questions of this screen: all of them, or only the emergency ones after "quick"."""
    if turn.ctx.get("only") == "emergency":
        return tuple(q for q in turn.content.red_flags if q.category == "emergency")
    return turn.content.red_flags


class RescreenTurn(Turn):
    """Turn model for the red-flag screen."""

    @property
    def index(self) -> int:
        return int(self.ctx.get("i", 0))

    @property
    def question(self) -> RedFlagQuestion:
        return questions(self)[self.index]

    # -- guards

    def wrong(self) -> bool:
        return bool(self.value == "wrong")

    def flagged(self) -> bool:
        return bool(self.value != "no")

    def emergency(self) -> bool:
        return self.question.category == "emergency" and self.flagged()

    def more(self) -> bool:
        return self.index + 1 < len(questions(self))

    def urgent_at_end(self) -> bool:
        return bool(self.urgent_ids()) or (self.question.category == "urgent" and self.flagged())

    def urgent_ids(self) -> list[str]:
        """The urgent questions answered yes or not sure so far in this screen."""
        found = self.ctx.get("urgent") or []
        return list(found) if isinstance(found, list) else ["?"]  # older frames kept a flag

    # -- actions

    def back(self) -> None:
        """Goes back to the question answered last, to take its answer again."""
        self.ctx["i"] = int(self.ctx["last"])
        self.ctx["correcting"] = True
        self.ctx.pop("last", None)

    def record(self) -> None:
        question, answer = self.question, Answer3(self.value)
        context = CORRECTION if self.ctx.pop("correcting", False) else str(self.ctx["context"])
        self.effects.append(RecordRedFlags(((question.id, answer),), context))
        if context == CORRECTION and self.ctx.pop("held", False) and answer is Answer3.NO:
            # The hold this question set a moment ago was a mis-tap, and the person says so.
            self.save_profile(safety_hold=None)
            self.say(K.corrected)
        urgent = [i for i in self.urgent_ids() if i != question.id]
        if question.category == "urgent" and answer is not Answer3.NO:
            urgent.append(question.id)
            self.ctx["sure"] = bool(self.ctx.get("sure")) or answer is Answer3.YES
        self.ctx["urgent"] = urgent
        self.ctx["last"] = self.index
        self.ctx["i"] = self.index + 1

    def hold_emergency(self) -> None:
        unsure = self.value == "unsure"
        asked = {k: v for k, v in self.ctx.items() if k not in ("last", "correcting")}
        undo = Frame(Flow.RESCREEN, "q", {**asked, "correcting": True, "held": True})
        self.record()
        self.hold(SafetyHold.EMERGENCY, unsure=unsure, undo=undo)

    def hold_urgent(self) -> None:
        self.record()
        self.hold(SafetyHold.URGENT, unsure=not self.ctx.get("sure"))

    def hold(self, kind: SafetyHold, *, unsure: bool, undo: Frame | None = None) -> None:
        rest = self.index < len(questions(self))
        resume = Frame(Flow.RESCREEN, "q", self.ctx) if rest else self.after()
        self.then = safety.hold(self, kind, unsure=unsure, resume=resume, undo=undo)

    def all_clear(self) -> None:
        self.record()
        self.say(K.clear)
        self.then = self.after()

    def quick_clear(self) -> None:
        self.effects.append(RecordRedFlags((("quick", Answer3.NO),), "after_red"))
        self.say(K.clear)

    def quick_flagged(self) -> None:
        self.effects.append(RecordRedFlags((("quick", Answer3(self.value)),), "after_red"))
        self.ctx.update(i=0, only="emergency")

    def check_clear(self) -> None:
        self.effects.append(RecordRedFlags((("check", Answer3.NO),), "free_text"))
        self.say(K.check_clear, emergency=safety.emergency_number(self))
        self.then = self.after()

    def check_flagged(self) -> None:
        """A yes or not sure: the emergency questions, one by one; the open question after."""
        self.effects.append(RecordRedFlags((("check", Answer3(self.value)),), "free_text"))
        self.ctx.update(i=0, only="emergency")

    def clarify_clear(self) -> None:
        self.effects.append(RecordRedFlags((("text:one_leg_weak", Answer3.NO),), "free_text"))
        self.say(K.clarify_clear, emergency=safety.emergency_number(self))
        self.then = self.after()

    def clarify_flagged(self) -> None:
        answer = Answer3(self.value)
        self.effects.append(RecordRedFlags((("text:weakness", answer),), "free_text"))
        resume = self.after()
        unsure = answer is Answer3.UNSURE
        self.then = safety.hold(self, SafetyHold.EMERGENCY, unsure=unsure, resume=resume)

    def after(self) -> Frame | None:
        return frame_of(self.ctx.get("then"))


def question_params(turn: Turn) -> dict[str, Any]:
    index = int(turn.ctx.get("i", 0))
    asked = questions(turn)
    return {
        "n": index + 1,
        "total": len(asked),
        "question": turn.text(QUESTION[asked[index].id]),
    }


def quick_params(turn: Turn) -> dict[str, Any]:
    signs = (q for q in turn.content.red_flags if q.category == "emergency")
    return {"signs": "\n".join("• " + turn.text(SIGN[q.id]) for q in signs)}


def yes_no_unsure(turn: Turn) -> tuple[Choice, ...]:
    return (Choice("yes", C.yes), Choice("no", C.no), Choice("unsure", C.unsure))


def question_choices(turn: Turn) -> tuple[Choice, ...]:
    mistake = (Choice("wrong", C.wrong),) if "last" in turn.ctx else ()
    return (*yes_no_unsure(turn), *mistake)


FLOW = FlowSpec(
    Flow.RESCREEN,
    RescreenTurn,
    ("q", "quick", "clarify", "check"),
    (
        on_answer("q", "q", when="wrong", then="back"),
        on_answer("q", "end", when="emergency", then="hold_emergency"),
        on_answer("q", "q", when="more", then="record"),
        on_answer("q", "end", when="urgent_at_end", then="hold_urgent"),
        on_answer("q", "end", then="all_clear"),
        on_answer("quick", "q", when="flagged", then="quick_flagged"),
        on_answer("quick", "end", then="quick_clear"),
        on_answer("clarify", "end", when="flagged", then="clarify_flagged"),
        on_answer("clarify", "end", then="clarify_clear"),
        on_answer("check", "q", when="flagged", then="check_flagged"),
        on_answer("check", "end", then="check_clear"),
    ),
    {
        "q": Ask(K.question, params=question_params, choices=question_choices, explicit=True),
        "quick": Ask(K.quick, params=quick_params, choices=yes_no_unsure, explicit=True),
        "clarify": Ask(K.clarify, choices=yes_no_unsure, explicit=True),
        "check": Ask(K.check, choices=yes_no_unsure, explicit=True, short=K.check_short),
    },
)
