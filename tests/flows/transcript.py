"""A pure harness for replaying conversations through the flows, with effects kept in memory.

Not a stand-in for storage (tests/bot covers that): it applies effects to the Facts the way the
repository does, so that whole dialogues can be checked as plain data in, data out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from bot.content import load_content
from bot.render import as_text
from flows.content import Content
from flows.dialogue import turn
from flows.model import (
    ASKED_AT,
    ASKED_STEP,
    Cancel,
    CancelKind,
    Conversation,
    Effect,
    Event,
    EventKind,
    Facts,
    Frame,
    GoalRating,
    Outcome,
    Profile,
    RateGoal,
    RecordRedFlags,
    Reply,
    SaveCheckin,
    SaveGoal,
    SaveMorning,
    SaveProfile,
    Schedule,
    SetLevel,
)
from tests.onboarding import MORE_FEARS

CONTENT: Content = load_content()
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday; London is on UTC until late March


@dataclass
class Chat:
    """One person's conversation with the coach, in memory."""

    now: datetime
    facts: Facts = field(default_factory=lambda: Facts(Profile(user_id=1)))
    conversation: Conversation = field(default_factory=Conversation)
    due: dict[str, Schedule] = field(default_factory=dict)
    red_flags: list[RecordRedFlags] = field(default_factory=list)
    last: Outcome | None = None

    def send(self, event: Event) -> list[Reply]:
        """Runs one turn and applies its effects."""
        outcome = turn(self.conversation, event, self.facts, CONTENT, self.now)
        self.conversation = outcome.conversation
        for effect in outcome.effects:
            self.apply(effect)
        self.last = outcome
        for reply in outcome.replies:  # every reply must render
            as_text(CONTENT, self.facts.profile.language, reply)
        return list(outcome.replies)

    def say(self, text: str, *, step: int | None = None) -> list[Reply]:
        return self.send(Event(EventKind.ANSWER, value=text, step=step))

    def command(self, name: str) -> list[Reply]:
        return self.send(Event(EventKind.COMMAND, name=name))

    def press(self, value: str) -> list[Reply]:
        """Presses the button with `value` on the last question asked."""
        return self.send(Event(EventKind.ANSWER, value=value, step=self.conversation.step))

    def fork(self) -> Chat:
        """An independent copy, to try two different answers from the same point."""
        return replace(self, due=dict(self.due), red_flags=list(self.red_flags))

    @property
    def asked(self) -> Reply:
        """The question currently waiting for an answer (the last one asked)."""
        assert self.last is not None
        return question(self.last.replies)

    def play(self, *steps: str) -> list[Reply]:
        """Replays a script: "/name" command, "[value]" button, "+N" N minutes, else typed text."""
        replies: list[Reply] = []
        for step in steps:
            if step.startswith("/"):
                replies += self.command(step[1:])
            elif step.startswith("[") and step.endswith("]"):
                replies += self.press(step[1:-1])
            elif step.startswith("+") and step[1:].isdigit():
                replies += self.wait(int(step[1:]))
            else:
                replies += self.say(step)
        return replies

    def wait(self, minutes: int) -> list[Reply]:
        """Lets time pass and delivers every due event, in order."""
        self.now += timedelta(minutes=minutes)
        replies: list[Reply] = []
        for key, event in sorted(self.due.items(), key=lambda kv: kv[1].due_at):
            if event.due_at <= self.now:
                del self.due[key]
                replies += self.send(Event(EventKind.DUE, name=event.kind, payload=event.payload))
        return replies

    def apply(self, effect: Effect) -> None:
        f = self.facts
        if isinstance(effect, SaveProfile):
            self.facts = replace(f, profile=effect.profile)
        elif isinstance(effect, SaveCheckin):
            others = [c for c in f.checkins if c.no != effect.checkin.no]
            checkins = tuple(sorted([*others, effect.checkin], key=lambda c: c.no))
            self.facts = replace(
                f, checkins=checkins, next_checkin_no=max(c.no for c in checkins) + 1
            )
        elif isinstance(effect, SetLevel):
            self.facts = replace(f, levels={**f.levels, effect.state.movement: effect.state})
        elif isinstance(effect, SaveMorning):
            kept = [m for m in f.mornings if m.day != effect.morning.day]
            self.facts = replace(
                f, mornings=tuple(sorted([*kept, effect.morning], key=lambda m: m.day))
            )
        elif isinstance(effect, Schedule):
            self.due.setdefault(effect.dedupe_key, effect)
        elif isinstance(effect, Cancel):
            self.due.pop(effect.dedupe_key, None)
        elif isinstance(effect, CancelKind):
            for key in [k for k, e in self.due.items() if e.kind == effect.kind]:
                del self.due[key]
        elif isinstance(effect, RecordRedFlags):
            self.red_flags.append(effect)
        elif isinstance(effect, SaveGoal):
            old = next((g for g in f.goals if g.no == effect.goal.no), None)
            goal = replace(effect.goal, ratings=old.ratings if old else ())
            others = [g for g in f.goals if g.no != goal.no]
            self.facts = replace(f, goals=tuple(sorted([*others, goal], key=lambda g: g.no)))
        elif isinstance(effect, RateGoal):
            rated = [
                replace(g, ratings=(*g.ratings, GoalRating(self.now, effect.value)))
                if g.no == effect.goal_no
                else g
                for g in f.goals
            ]
            self.facts = replace(f, goals=tuple(rated))

    @property
    def followups(self) -> dict[str, Schedule]:
        """The check-in follow-ups waiting to come due (nudges and recaps left out)."""
        return {k: e for k, e in self.due.items() if e.kind == "followup"}

    @property
    def state(self) -> tuple[str, str] | None:
        active = self.conversation.active
        return (active.flow, active.state) if active else None


def clear_rescreen(chat: Chat) -> list[Reply]:
    """Answers "no" to every question of a red-flag re-screen that is waiting (after a RED)."""
    replies: list[Reply] = []
    while chat.state in (("rescreen", "q"), ("rescreen", "quick")):
        replies += chat.press("no")
    return replies


ASSESSED = ("[yes]", "[yes]")  # checked by a clinician, who said gentle activity is fine


def assessed(chat: Chat) -> list[Reply]:
    """Answers the hold's two questions: checked since the symptoms began, and told it's fine."""
    return chat.play(*ASSESSED)


def hold_question(kind: str) -> str:
    """The key of the hold's question (the same for an emergency or an urgent hold)."""
    return "safety.checked"


def hold_keys(kind: str, *, unsure: bool = False) -> list[str]:
    """The replies' keys when an answer holds coaching: "you weren't sure" (if so), what to do
    now, then the hold's question."""
    return [*(["safety.unsure"] if unsure else []), f"safety.{kind}", hold_question(kind)]


def unstamped(frame: Frame | None) -> Frame | None:
    """The frame without its note of when it last asked (a re-ask renews that note)."""
    if frame is None:
        return None
    kept = {k: v for k, v in frame.context.items() if k not in (ASKED_AT, ASKED_STEP)}
    return replace(frame, context=kept)


def keys_of(replies: Sequence[Reply]) -> list[str]:
    return [r.key for r in replies]


def question(replies: Sequence[Reply]) -> Reply:
    """The question among `replies` (the last one that carries a step)."""
    return [r for r in replies if r.step is not None][-1]


RED_FLAGS_NO = ("[no]",) * len(CONTENT.red_flags)
# bend, lift, twist, carry (lifting does not feel threatening); the later ladders rated 0
FEARS = ("5", "0", "3", "2", *MORE_FEARS)
TO_SCREEN = ("/start", "[go_on]", "[agree]", "[yes]")
AFTER_SCREEN = (
    "[week]",
    *FEARS,
    "[skip]",
    "[suggested]",
    "london",
    "7am",
    "[no]",
)  # no goals, breaks
ONBOARDING = (*TO_SCREEN, *RED_FLAGS_NO, *AFTER_SCREEN)
EXPOSURE_AND_FOLLOWUP = ("/checkin", "[l:bend]", "2", "4", "6", "[done]", "3", "7", "+60", "2")


def onboard(now: datetime = START, *, then: str = "[later]") -> Chat:
    """A new person walked through onboarding with no red flags; ends idle unless `then` says."""
    chat = Chat(now=now)
    chat.play(*ONBOARDING, then)
    return chat
