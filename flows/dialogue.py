"""One turn of dialogue: `turn(conversation, event, facts, content, now) -> Outcome`.

Reads like the order of precedence (DESIGN §3, §5, §6): a due chain goes on; red flags and crisis
in anything typed win; an edit changes nothing; the person's data is theirs at any point; a
red-flag hold, then a new privacy notice, are asked before anything else. Only then does the event
reach its handler: a due event (flows.proactive), a command (flows.commands), or an answer to the
question in front.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flows import precedence, proactive
from flows.commands import COMMANDS, cancel
from flows.commands import run as run_command
from flows.content import Content
from flows.engine import SYNONYMS
from flows.model import (
    LANGUAGE_HINT,
    Conversation,
    Event,
    EventKind,
    Facts,
    Frame,
    Origin,
    Outcome,
)
from flows.precedence import Gate
from flows.proactive import PATIENCE
from flows.session import BACK, FLOWS, UNDONE, UNINTERRUPTED, K, Session

__all__ = ["COMMANDS", "FLOWS", "PATIENCE", "PRECEDENCE", "UNINTERRUPTED", "turn"]

# Who goes first, in order; each gate returns the event still to handle, or None when the turn
# is answered.
PRECEDENCE: tuple[Gate, ...] = (
    proactive.chains_go_on,  # a due chain goes on; behind a hold or late, nothing more
    precedence.red_flags_in_text,  # red flags and crisis in anything typed, in the same turn
    precedence.edits_and_captions,  # an edit changes nothing; a caption is never an answer
    precedence.privacy_commands,  # /privacy, /export, /delete: even behind a hold
    precedence.safety_hold,  # a red-flag hold is asked before anything else
    precedence.new_privacy_notice,  # then a new privacy notice
    precedence.closed_follow_up,  # a follow-up whose check-in was closed meanwhile is dropped
)


def turn(
    conversation: Conversation, event: Event, facts: Facts, content: Content, now: datetime
) -> Outcome:
    """Handles one event for one person and says what to store, send and schedule."""
    s = Session(facts, content, now, conversation.active, conversation.suspended, conversation.step)
    hint = event.payload.get(LANGUAGE_HINT)
    s.hint = hint if isinstance(hint, str) else None
    for gate in PRECEDENCE:
        left = gate(s, event)
        if left is None:
            return s.outcome()
        event = left
    HANDLERS[event.kind](s, event)
    return s.outcome()


def _command(s: Session, event: Event) -> None:
    run_command(s, event.name.lower())


def _answer(s: Session, event: Event) -> None:
    """An answer: a press of a set-aside question's button brings it back; otherwise it goes to
    the question in front (setting up first for a new person), where typed words may also
    cancel or take the last answer back."""
    if s.take_back(event):
        return
    if s.active is None:
        if s.facts.profile.onboarded_at is None:
            s.begin_onboarding()
        else:
            s.say(K.idle)
        return
    if event.step is not None and event.step != s.step:
        s.stale = True
        s.say(K.stale)
        s.reask()
        return
    typed = event.step is None and event.origin is Origin.TYPED
    if typed and s.active.flow not in UNINTERRUPTED:  # safety answers keep their own words
        view = s.view()
        if view.means(event.value, SYNONYMS.cancel):
            cancel(s)
            return
        if BACK in s.active.context and view.means(event.value, SYNONYMS.wrong):
            _undo(s)
            return
    s.answer(event)


def _undo(s: Session) -> None:
    """ "I pressed the wrong one": asks the question just answered again. What its answer stored
    stays until the new answer overwrites it (it is the same question)."""
    assert s.active is not None
    frame = s.active
    back = frame.context[BACK]
    assert isinstance(back, dict)
    left = {k: v for k, v in frame.context.items() if k not in (BACK, UNDONE)}
    previous = dict(back["context"]) if isinstance(back.get("context"), dict) else {}
    s.say(K.undo)
    s.start(Frame(frame.flow, str(back["state"]), {**previous, UNDONE: left}), short=True)


HANDLERS: dict[EventKind, Callable[[Session, Event], None]] = {
    EventKind.DUE: proactive.due,
    EventKind.COMMAND: _command,
    EventKind.ANSWER: _answer,
}
