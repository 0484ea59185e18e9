"""Who goes first in a turn, before any command, answer or due event is taken (DESIGN §5, §6).

Each gate takes the session and the event and returns the event still to be handled, or None
when the gate has answered the turn itself. flows.dialogue runs them in order: red flags and
crisis in typed text, edits and captions, the person's data, the safety hold, a new privacy
notice, then the follow-up whose check-in has closed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from flows import crisis, rescreen, safety
from flows.commands import COMMANDS
from flows.content import Content
from flows.engine import Turn
from flows.model import (
    Answer3,
    Event,
    EventKind,
    Flow,
    Frame,
    Origin,
    RecordRedFlags,
    SafetyHold,
    frame_json,
    frame_of,
)
from flows.screen import CHECK_CRISIS, Finding, screen
from flows.session import Session

__all__ = [
    "Gate",
    "closed_follow_up",
    "edits_and_captions",
    "new_privacy_notice",
    "privacy_commands",
    "red_flags_in_text",
    "safety_hold",
]

Gate = Callable[[Session, Event], Event | None]


def red_flags_in_text(s: Session, event: Event) -> Event | None:
    """Screens every text the person typed (answers, words after a command): a red flag or crisis
    is answered in the same turn, and what was typed is not taken as an answer."""
    typed = event.kind is EventKind.COMMAND or (
        event.kind is EventKind.ANSWER and event.step is None
    )
    if typed and event.value.strip():
        finding = _screen(s.content, s.facts.profile.language, event.value)
        if finding is not None:
            _escalate(s, finding)
            return None
    return event


def edits_and_captions(s: Session, event: Event) -> Event | None:
    """An edit without a red flag changes nothing (answers are not rewritten); a caption is
    screened, never taken as an answer."""
    if event.kind is EventKind.ANSWER and event.origin is Origin.EDIT:
        return None
    if event.kind is EventKind.ANSWER and event.origin is Origin.CAPTION:
        return replace(event, value="")
    return event


def privacy_commands(s: Session, event: Event) -> Event | None:
    """/privacy, /export and /delete (the commands run `anytime`): answered at any point, even
    behind a safety hold; the person's data is theirs, whatever else is going on."""
    if event.kind is not EventKind.COMMAND:
        return event
    command = COMMANDS.get(event.name.lower())
    if command is None or not command.anytime:
        return event
    command.run(s)
    return None


def safety_hold(s: Session, event: Event) -> Event | None:
    """Red flags win: while a hold is open, whatever was going on waits behind the hold, which is
    asked now (unless a safety question, crisis care or their data is in front)."""
    if s.facts.profile.safety_hold is None or s.protected():
        return event
    resume = s.active
    s.say_on_hold()
    s.start(Frame(Flow.SAFETY, "hold", {"resume": frame_json(resume)} if resume else {}))
    return None


def new_privacy_notice(s: Session, event: Event) -> Event | None:
    """A new privacy notice is agreed to before anything else; what was going on waits."""
    profile = s.facts.profile
    outdated = (
        profile.onboarded_at is not None and profile.consent_version != s.content.policy_version
    )
    if not outdated or s.protected():
        return event
    if s.suspended is None:
        s.suspended = s.active
    s.active = None
    s.start(Frame(Flow.CONSENT, "ask"))
    return None


def closed_follow_up(s: Session, event: Event) -> Event | None:
    """Drops a follow-up question whose check-in was closed meanwhile."""
    if not s.still_open(s.active):
        s.active = None
    return event


def _screen(content: Content, language: str, text: str) -> Finding | None:
    rules, reader = content.screen.get(language), content.readers.get(language)
    if rules is None:
        rules, reader = content.screen.get("en"), content.readers.get("en")
    return screen(text, rules, reader) if rules is not None else None


def _escalate(s: Session, finding: Finding) -> None:
    """Answers a red flag or crisis found in typed text, in the same turn (DESIGN §5).

    Crisis: the helplines and "are you safe?"; an emergency or urgent flag: what to do now and a
    hold on coaching; one weak leg: one clarifying question. A check question the reader adds
    (`finding.also`) is asked next, before the hold's or the clarifying question. Before consent
    the person gets the same advice, but nothing is stored: no answer, no hold, no date.
    """
    view = s.view()
    active = s.active
    consented = s.facts.profile.consent_version is not None
    if finding.kind == "crisis":
        resume = active
        if active is not None and active.flow == Flow.CRISIS:
            resume = frame_of(active.context.get("resume"))  # already in crisis care: afresh
        frame = crisis.begin(view, consented=consented, resume=resume)
        s.absorb(view)
        if frame is not None:
            s.active = None
            s.start(frame)
        return
    if finding.kind in ("clarify", "check"):
        _ask_to_be_sure(s, view, finding, consented=consented)
        return
    kind = SafetyHold.EMERGENCY if finding.kind == "emergency" else SafetyHold.URGENT
    view.say(safety.K.heard)
    if not consented:
        safety.instruction(view, kind, unsure=False, consented=False)
        if finding.also is not None:  # its advice, then that it was not stored
            _ask_to_be_sure(s, view, finding.also, consented=False)
            return
        view.say(safety.K.not_stored)
        s.absorb(view)
        return
    view.effects.append(RecordRedFlags(((f"text:{finding.id}", Answer3.YES),), "free_text"))
    also = None if s.in_flow(Flow.CRISIS) else finding.also  # crisis care asks its own questions
    in_hold = active is not None and active.flow == Flow.SAFETY
    frame = safety.hold(view, kind, resume=None if in_hold else active)
    s.absorb(view)
    s.active = None
    after = active if in_hold and active is not None else frame
    s.start(_asking(also, after) if also is not None else after)


def _asking(check: Finding, after: Frame | None) -> Frame:
    """The frame that asks `check`'s question, then those of its `also`, then `after`."""
    if check.also is not None:
        after = _asking(check.also, after)
    if check.id == CHECK_CRISIS:
        return crisis.ask_frame(after)
    if check.kind == "clarify":
        return rescreen.clarify_frame(after)
    return rescreen.check_frame(after)


def _chain(finding: Finding | None) -> list[Finding]:
    """`finding` and the check questions that come `also`, in the order they are asked."""
    chain = []
    while finding is not None:
        chain.append(finding)
        finding = finding.also
    return chain


def _ask_to_be_sure(s: Session, view: Turn, finding: Finding, *, consented: bool) -> None:
    """When in doubt, one question before anything else: one weak leg (both? worse?), words near
    the emergency signs (any change in bladder, bowel, feeling down below, sex, both legs?), or
    words near self-harm (are you having thoughts of ending your life?); the reader's check comes
    next when the finding leaves it unasked. A yes or not sure leads on to the hold or to crisis
    care; before consent the advice comes as a sentence, and the question that was open is asked
    again."""
    asks = _chain(finding)
    if not consented:
        for asked in asks:
            if asked.id == CHECK_CRISIS:
                view.say(crisis.K.check_before_consent, **crisis.helplines(view))
            else:
                key = rescreen.K.clarify_before_consent
                if asked.kind == "check":
                    key = rescreen.K.check_before_consent
                view.say(key, emergency=safety.emergency_number(view))
        view.say(safety.K.not_stored)  # once, after all the advice
        s.absorb(view)
        s.reask()  # a question asked in doubt: what was open (the privacy notice) is still open
        return
    active = s.active
    if s.in_flow(Flow.CRISIS):
        s.reask()  # crisis care is already under way, and asks its own questions
        return
    if s.held() or s.protected():
        if any(asked.id == CHECK_CRISIS for asked in asks):
            s.active = None  # the question about self-harm comes before anything else
            s.start(crisis.ask_frame(active))
            return
        s.reask()  # already held, or in the screen itself: its own question comes first
        return
    s.active = None
    s.start(_asking(finding, active))
