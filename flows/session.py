"""What one turn of dialogue works on: the flows it can run, the frames in front and set aside,
and what is said, stored and scheduled along the way.

`Session` is shared by the order of precedence (flows.precedence), the command table
(flows.commands) and proactive events (flows.proactive); `turn` (flows.dialogue) makes one per
event.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flows import (
    checkin,
    crisis,
    goal_flow,
    morning,
    onboarding,
    outreach,
    portfolio,
    privacy,
    rescreen,
    safety,
    settings,
)
from flows.catalogue import keys
from flows.content import Content, primary_language
from flows.engine import END, FlowSpec, Turn, enter, run_answer
from flows.model import (
    ASKED_AT,
    ASKED_STEP,
    Conversation,
    Effect,
    Event,
    Facts,
    Flow,
    Frame,
    Outcome,
    Reply,
    SafetyHold,
)

__all__ = ["BACK", "FLOWS", "FRESH", "UNDONE", "UNINTERRUPTED", "K", "Session"]

FLOWS: dict[str, FlowSpec] = {
    f.name: f
    for f in (
        onboarding.FLOW,
        checkin.FLOW,
        morning.FLOW,
        safety.FLOW,
        settings.FLOW,
        outreach.FLOW,
        rescreen.FLOW,
        privacy.DELETE,
        privacy.CONSENT,
        crisis.FLOW,
        portfolio.FLOW,
        goal_flow.FLOW,
    )
}
# Flows nothing else may push aside: the safety hold, the red-flag screen, crisis care, the
# person's say over their data.
UNINTERRUPTED = (Flow.SAFETY, Flow.RESCREEN, Flow.CRISIS, Flow.DELETE, Flow.CONSENT)

K = keys(
    "common",
    "stale",
    "idle",
    "carry_on",
    "welcome_back",
    "in_progress",
    "finish_first",
    "setup_first",
    "resume",
    "resume_checkin",
    "morning_ready",
    "recap_ready",
    "unknown_command",
    "help",
    "on_hold",
    "on_hold_emergency",
    "paused",
    "already_paused",
    "resumed",
    "not_paused",
    "cancelled",
    "cancelled_setup",
    "nothing_to_cancel",
    "not_cancelled",
    "undo",
)

# Context keys for "I pressed the wrong one": the question just answered (state and context), and,
# once it is asked again, the context of the question it had led to.
BACK = "back"
UNDONE = "undone"

FRESH = timedelta(minutes=30)  # a question asked this recently owns the next typed message


@dataclass
class Session:
    """What accumulates over one turn, across the frames it passes through."""

    facts: Facts
    content: Content
    now: datetime
    active: Frame | None
    suspended: Frame | None
    step: int
    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    stale: bool = False  # a button of a question that has passed: said so, not taken
    hint: str | None = None  # the language the person's app says they use ("es-MX"), if any

    def model(self, frame: Frame) -> Turn:
        spec = FLOWS[frame.flow]
        content = self.content.speaking(self.facts.profile.language)
        return spec.model(
            frame, self.facts, content, self.now, self.replies, self.effects, self.step
        )

    def view(self) -> Turn:
        """A model to read facts and say things with, outside any flow's machine."""
        return self.model(self.active or Frame(Flow.CHECKIN, "choose"))

    def absorb(self, model: Turn) -> None:
        self.facts = model.facts
        self.step = model.step

    def say(self, key: str, **params: object) -> None:
        self.replies.append(Reply(key=key, params=params))

    def begin_onboarding(self) -> None:
        """Starts setting up a new person, in the language their app says they use (Telegram's
        language_code, the terminal's locale) when it is offered: the first question confirms
        it and offers the others (DESIGN §10)."""
        language = self.content.offered(primary_language(self.hint))
        if self.hint is not None and language != self.facts.profile.language:
            view = self.view()
            view.save_profile(language=language)
            self.absorb(view)
        self.start(Frame(Flow.ONBOARDING, "intro"))

    def start(self, frame: Frame, *, short: bool = False) -> None:
        """Makes `frame` active and asks its question (`short`: again, in its short form)."""
        model = self.model(frame)
        enter(FLOWS[frame.flow], model, frame.state, short=short)
        self.absorb(model)
        self.active = self.stamped(model.frame(), asked=True)

    def stamped(self, frame: Frame, *, asked: bool) -> Frame:
        """Notes on a frame that has just asked its question when, and at which step: how fresh
        the question is, and which button answers it (DESIGN §3)."""
        if not asked:
            return frame
        return replace(
            frame, context={**frame.context, ASKED_AT: self.now.isoformat(), ASKED_STEP: self.step}
        )

    def reask(self, *, short: bool = True) -> None:
        """Asks the pending question again: short, as the person has seen it in full."""
        if self.active is not None:
            self.start(self.active, short=short)

    def interrupt(self, frame: Frame) -> bool:
        """Starts `frame`, suspending the active dialogue; False if there is no room for that."""
        if self.active is not None:
            if self.suspended is not None:
                return False
            self.suspended = self.active
        self.start(frame)
        return True

    def answer(self, event: Event) -> None:
        assert self.active is not None
        frame = self.active
        model = self.model(frame)
        said = len(self.replies)
        moved = run_answer(FLOWS[frame.flow], model, frame.state, event)
        asked = model.step != self.step
        self.absorb(model)
        if model.state != END:
            self.active = self.stamped(model.frame(), asked=asked)
            if moved:
                only_asked = all(r.step is not None for r in self.replies[said:])
                self.active = _remember(frame, self.active, undoable=only_asked)
            return
        self.active = None
        if model.then is not None and self.still_open(model.then):
            self.start(model.then)
        elif self.suspended is not None:
            self.resume()

    def resume(self) -> None:
        """Asks the set-aside question again, first saying what it was about."""
        frame, self.suspended = self.suspended, None
        if frame is not None and self.still_open(frame):
            key, params = _context_of(self, frame)
            self.say(key, **params)
            self.start(frame)

    def take_back(self, event: Event) -> bool:
        """Takes a press of a set-aside question's button as its answer: that question comes back
        in front, and what was in front waits behind it. False when the press is not for it."""
        frame = self.suspended
        if frame is None or event.step is None or event.step == self.step:
            return False
        if frame.asked_step != event.step or self.protected() or not self.still_open(frame):
            return False
        self.active, self.suspended = frame, self.active
        self.answer(event)
        return True

    def still_open(self, frame: Frame | None) -> bool:
        """False for a follow-up frame whose check-in no longer waits for that answer, and for a
        check-in frame whose check-in is no longer among the facts (finished long ago: the shell
        loads recent ones and the unfinished)."""
        if frame is None or frame.flow != Flow.CHECKIN:
            return True
        if "no" in frame.context and frame.state != "pending":
            no = int(frame.context["no"])
            if not any(c.no == no for c in self.facts.checkins):
                return False
        if frame.state not in ("a1", "a2", "pending"):
            return True
        no = int(frame.context.get("no", 0))
        if frame.state == "pending":
            return checkin.awaiting(self.facts.checkins) is not None
        return checkin.follow_up_pending(self.facts.checkins, no, frame.state)

    def in_flow(self, flow: str) -> bool:
        """True when the question in front belongs to `flow`."""
        return self.active is not None and self.active.flow == flow

    def protected(self) -> bool:
        """True when a safety question, crisis care or the person's data is in front."""
        return self.active is not None and self.active.flow in UNINTERRUPTED

    def held(self) -> bool:
        """Coaching is held for a red flag, whether the hold is asked now or waits behind the
        /delete question (or a new privacy notice) put in front of it."""
        return self.facts.profile.safety_hold is not None or self.in_flow(Flow.SAFETY)

    def answering(self) -> bool:
        """True while the question in front was asked in the last 30 minutes: nothing proactive
        takes it over (DESIGN §3)."""
        asked = self.active.asked_at if self.active is not None else None
        return asked is not None and self.now - asked < FRESH

    def say_on_hold(self) -> None:
        """Says coaching is paused; behind an emergency hold, with the emergency number again."""
        if self.facts.profile.safety_hold is SafetyHold.EMERGENCY:
            self.say(K.on_hold_emergency, emergency=safety.emergency_number(self.view()))
        else:
            self.say(K.on_hold)

    def outcome(self) -> Outcome:
        conversation = Conversation(active=self.active, suspended=self.suspended, step=self.step)
        outcome = Outcome(conversation, tuple(self.replies), tuple(self.effects), self.stale)
        return privacy.last_words(outcome)


def _remember(answered: Frame, asked: Frame, *, undoable: bool) -> Frame:
    """The frame now asked, holding the question just answered if "I pressed the wrong one" may
    take it back: a question that is no safety answer, consent or deletion, in the same flow, and
    whose answer led straight to the next question (nothing said yet that would be untrue after)."""
    context = {k: v for k, v in asked.context.items() if k != BACK}
    spec = FLOWS[answered.flow]
    before, now = spec.asks.get(answered.state), spec.asks.get(asked.state)
    if (
        undoable
        and asked.flow == answered.flow
        and answered.flow not in UNINTERRUPTED
        and before is not None
        and now is not None
        and not (before.explicit or now.explicit)
    ):
        kept = {k: v for k, v in answered.context.items() if k not in (BACK, UNDONE)}
        context[BACK] = {"state": answered.state, "context": kept}
    return replace(asked, context=context)


def _context_of(s: Session, frame: Frame) -> tuple[str, dict[str, object]]:
    """What a set-aside question was about: for a check-in its activity and when it was done
    (or begun), in local time ("Back to Walking at 10:05:")."""
    no = frame.context.get("no") if frame.flow == Flow.CHECKIN else None
    ci = next((c for c in s.facts.checkins if c.no == no), None)
    if ci is None:
        return K.resume, {}
    zone = ZoneInfo(s.facts.profile.tz or "UTC")
    at = (ci.done_at or ci.created_at).astimezone(zone).strftime("%H:%M")
    return K.resume_checkin, {"activity": checkin.activity_name(s.view(), ci), "time": at}
