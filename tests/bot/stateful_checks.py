"""What the stateful dialogue test checks: what counts as advice, and the stored picture of
a person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.content import load_content
from bot.storage import DueEvent
from flows.content import Content
from flows.model import (
    Conversation,
    Facts,
    Reply,
)

CONTENT: Content = load_content()


CATALOGUE = CONTENT.messages["en"].keys()


# ------------------------------------------------------------------------- what counts as advice

# Coaching advice: the light and its reason, the next ladder step, today's step and what to do in
# it, the morning verdict, the phase moving on, next week's focus, a movement break. None of it
# may reach a person whose red-flag hold is unresolved (DESIGN §5, docs/SAFETY.md H2).
ADVICE_SECTIONS = ("advice.", "reason.", "next.", "phase_moved.", "focus.")


ADVICE_KEYS = frozenset(
    {
        *(key for key in CATALOGUE if key.startswith(ADVICE_SECTIONS)),
        "plan.exposure",
        "plan.exposure_easier",
        "plan.gentle",
        "plan.held_week",
        "plan.portfolio_reminder",
        "plan.progress_header",
        "checkin.choose",
        "checkin.baseline",
        "checkin.go_exposure",
        "checkin.go_exercise",
        "checkin.wait_a1",
        "checkin.wait_a2",
        "morning.first",
        "morning.usual",
        "morning.better",
        "morning.bad",
        "morning.closed_red",
        "outreach.break_offer",
        "recap.header",
        "recap.empty",
    }
)


# Keys that start (or end) a hold within one turn's replies.
HOLD_STARTS = frozenset({"safety.heard", "safety.emergency", "safety.urgent"})


HOLD_ENDS = frozenset({"safety.resumed"})


MILESTONES = (
    "onboarding.done",
    "advice.",
    "next.",
    "checkin.a1",
    "checkin.a2",
    "morning.waking",
    "recap.",
    "rescreen.question",
    "safety.",
    "privacy.deleted",
)


STRAY = (
    "hello",
    "",
    "   ",
    "🙂",
    "four",
    "4/10",
    "10/10",
    "3.5",
    "-1",
    "11",
    "07:30",
    "7am",
    "Europe/Paris",
    "Mars/Olympus",
    "5 days ago",
    "Sunday 18:00",
    "yes",
    "no",
    "not sure",
    "Not sure",
    "y",
    "/checkin",
    "no numbness and no fever",
    "no problems with my bladder",
)


SYMPTOMS = (
    "I have numbness around my groin",
    "I've lost control of my bladder",
    "I have a fever",
    "both legs feel weak",
    "I want to die",
)


def is_advice(key: str) -> bool:
    return key in ADVICE_KEYS


def check_no_advice_under_hold(held: bool, replies: Sequence[Reply]) -> None:
    """Fails when a reply given while a red-flag hold stood is coaching advice.

    `held` is whether the hold stood when the turn began; within the turn a hold begins at the
    reply that announces it and ends at "thank you for getting checked".
    """
    for reply in replies:
        if reply.key in HOLD_ENDS:
            held = False
        if held:
            assert not is_advice(reply.key), (
                f"coaching advice {reply.key!r} given under an unresolved red-flag hold: "
                f"{[r.key for r in replies]}"
            )
        if reply.key in HOLD_STARTS:
            held = True


# ------------------------------------------------------------------------- the stored picture


@dataclass(frozen=True)
class Snapshot:
    """Everything a turn may change for the person, as stored (None: no such person)."""

    user_id: int | None
    conversation: Conversation | None = None
    facts: Facts | None = None
    version: int = 0
    due: tuple[tuple[Any, ...], ...] = ()

    @property
    def held(self) -> bool:
        """A red-flag hold is set and no assessment came after it."""
        if self.facts is None:
            return False
        p = self.facts.profile
        if p.safety_hold is None:
            return False
        return (
            p.assessed_at is None or p.safety_hold_at is None or p.assessed_at <= p.safety_hold_at
        )

    @property
    def onboarded(self) -> bool:
        return self.facts is not None and self.facts.profile.onboarded_at is not None


def stored(snap: Snapshot) -> tuple[Any, ...]:
    """What only a turn changes (the check-ins and mornings loaded also depend on the time)."""
    facts = snap.facts
    levels = None if facts is None else dict(facts.levels)
    profile = None if facts is None else facts.profile
    return (snap.user_id, snap.conversation, snap.version, snap.due, profile, levels)


def _due_row(e: DueEvent) -> tuple[Any, ...]:
    return (e.id, e.kind, e.due_at, e.dedupe_key, e.status, e.attempts, sorted(e.payload.items()))


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
