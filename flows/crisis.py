"""Crisis care (DESIGN §5): after a message about suicide or self-harm, the helplines of the
person's country, "are you safe right now?", and no coaching question until the person chooses to
carry on. The next morning's nudge becomes a gentle check. Only the date is kept, never the words.
"""

from __future__ import annotations

from typing import Any

from flows import safety
from flows.catalogue import keys
from flows.engine import Ask, FlowSpec, Turn, on_answer
from flows.helplines import for_zone, lines_text
from flows.model import Choice, Flow, Frame, frame_json, frame_of

__all__ = ["FLOW", "K", "ask_frame", "begin", "helplines", "morning_frame", "recent"]

K = keys(
    "crisis",
    "reply",
    "safe_now",
    "unsafe",
    "glad",
    "carry_on_or_rest",
    "resting",
    "listening",
    "whenever",
    "back",
    "morning",
    "morning_ok",
    "ask",
    "ask_clear",
    "check_before_consent",
)
C = keys(
    "choice", "safe", "unsafe", "carry_on", "not_now", "doing_ok", "not_ok", "yes", "no", "unsure"
)


def helplines(turn: Turn) -> dict[str, str]:
    """The helplines and emergency number of the person's country, as message parameters."""
    found = for_zone(turn.content.helplines, turn.profile.tz)
    return {"emergency": safety.emergency_number(turn), "helplines": lines_text(found, turn.text)}


def begin(turn: Turn, *, consented: bool, resume: Frame | None) -> Frame | None:
    """Answers a crisis message: the helplines, then (once consent allows keeping anything) the
    "are you safe?" question, which holds coaching until the person carries on."""
    turn.say(K.reply, **helplines(turn))
    if not consented:
        return None  # before consent nothing is stored, not even the date
    turn.save_profile(crisis_on=turn.today)
    return Frame(Flow.CRISIS, "safe", {"resume": frame_json(resume)} if resume else {})


def ask_frame(resume: Frame | None) -> Frame:
    """The direct question after words near self-harm: are you having such thoughts?"""
    return Frame(Flow.CRISIS, "ask", {"resume": frame_json(resume)} if resume else {})


def morning_frame(resume: Frame | None = None) -> Frame:
    """The gentle check that replaces the morning nudge after a crisis message."""
    return Frame(Flow.CRISIS, "morning", {"resume": frame_json(resume)} if resume else {})


def recent(turn: Turn) -> bool:
    """Whether a crisis message came yesterday or today (local dates): the nudge is gentle."""
    day = turn.profile.crisis_on
    return day is not None and 0 <= (turn.today - day).days <= 1


class CrisisTurn(Turn):
    """Turn model for crisis care."""

    def said(self, value: str) -> bool:
        return bool(self.value == value)

    def says_safe(self) -> bool:
        return self.said("safe")

    def carry_on(self) -> bool:
        return self.said("carry_on")

    def doing_ok(self) -> bool:
        return self.said("doing_ok")

    def glad(self) -> None:
        self.say(K.glad)

    def unsafe(self) -> None:
        self.say(K.unsafe, **helplines(self))

    def resting(self) -> None:
        self.say(K.resting)

    def back(self) -> None:
        self.say(K.back)
        self.then = frame_of(self.ctx.get("resume"))

    def flagged(self) -> bool:
        return bool(self.value != "no")

    def confirmed(self) -> None:
        """A yes (or not sure) to "are you having thoughts of…": crisis care, as if typed."""
        self.say(K.reply, **helplines(self))
        self.save_profile(crisis_on=self.today)

    def not_crisis(self) -> None:
        self.say(K.ask_clear, **helplines(self))
        self.then = frame_of(self.ctx.get("resume"))

    def morning_ok(self) -> None:
        self.say(K.morning_ok)
        self.then = frame_of(self.ctx.get("resume"))


STATES = ("ask", "safe", "wait", "rest", "morning")
# fmt: off
TRANSITIONS: tuple[dict[str, Any], ...] = (
    on_answer("ask", "safe", when="flagged", then="confirmed"),
    on_answer("ask", "end", then="not_crisis"),
    on_answer("safe", "wait", when="says_safe", then="glad"),
    on_answer("safe", "wait", then="unsafe"),
    on_answer("wait", "end", when="carry_on", then="back"),
    on_answer("wait", "rest", then="resting"),
    on_answer("rest", "end", when="carry_on", then="back"),
    on_answer("rest", "rest"),
    on_answer("morning", "end", when="doing_ok", then="morning_ok"),
    on_answer("morning", "safe"),
)
# fmt: on
def gentle(key: str, *choices: Choice, params: Any = None) -> Ask:
    """A crisis-care question: a button or the words, and "I'm here" rather than "I didn't
    catch that" for anything else."""
    return Ask(key, params=params, choices=lambda t: choices, explicit=True, invalid=K.listening)


YES_NO_UNSURE = (Choice("yes", C.yes), Choice("no", C.no), Choice("unsure", C.unsure))
CARRY_ON = Choice("carry_on", C.carry_on, means="yes")
ASKS: dict[str, Ask] = {
    "ask": gentle(K.ask, *YES_NO_UNSURE),
    "safe": gentle(
        K.safe_now, Choice("safe", C.safe, means="yes"), Choice("unsafe", C.unsafe, means="no")
    ),
    "wait": gentle(K.carry_on_or_rest, CARRY_ON, Choice("not_now", C.not_now, means="no")),
    "rest": gentle(K.whenever, CARRY_ON),
    "morning": gentle(
        K.morning,
        Choice("doing_ok", C.doing_ok),
        Choice("not_ok", C.not_ok),
        params=helplines,
    ),
}

FLOW = FlowSpec(Flow.CRISIS, CrisisTurn, STATES, TRANSITIONS, ASKS)
