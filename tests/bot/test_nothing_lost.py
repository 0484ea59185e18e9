"""Nothing due is lost (DESIGN §7): a due event is done only when Telegram took its message.

The turn keeps its replies with the event ("sending"); the sender reports a Delivery; the coach
records it. On SQLite and PostgreSQL, with the tick and deliveries a test decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa

from bot.coach import Coach, Said
from bot.outbox import said_json, said_of
from bot.said import Delivery
from bot.storage import Database, DueEvent, tables
from bot.ticker import Ticker
from flows.model import Chart, Choice, Reply, Scale, Series
from tests.bot.test_coach import CONTENT, Clock, answer, onboard, start_bend_checkin

FOLLOW_UP = ["checkin.followup_intro", "checkin.a1"]


class Telegram:
    """A delivery whose outcomes the test lines up: each send takes the next one (then sent)."""

    def __init__(self, *outcomes: Delivery) -> None:
        self.outcomes: Iterator[Delivery] = iter(outcomes)
        self.tried: list[Said] = []

    async def __call__(self, due: DueEvent, said: Said) -> Delivery:
        self.tried.append(said)
        return next(self.outcomes, Delivery.sent(77))

    def keys(self) -> list[list[str]]:
        return [[reply.key for reply in said.replies] for said in self.tried]


async def events(db: Database, user: int, kind: str) -> list[DueEvent]:
    return [e for e in await db.run(lambda repo: repo.due.due_events_for(user)) if e.kind == kind]


def test_a_said_kept_as_json_reads_back_the_same() -> None:
    """Replies with choices, a scale, parameters and a chart survive the outbox unchanged."""
    said = Said(
        7,
        "en",
        (
            Reply("checkin.a1", {"activity": "bending", "n": 3}, scale=Scale("a", "b"), step=4),
            Reply("x", choices=(Choice("yes", "y", means="yes"), Choice("2", "two", literal=True))),
            Reply("recap", chart=Chart("t", ("Mon", "Tue"), (Series("p", (1.0, None)),))),
        ),
        prompt_message_id=12,
        keep_prompt=True,
    )
    assert said_of(said_json(said)) == said


def test_a_said_carrying_export_data_is_not_kept() -> None:
    """Attachment data (everything stored about a person) never goes into an outbox."""
    with pytest.raises(ValueError, match="attachment"):
        said_json(Said(1, "en", (), attachments={"export": {"users": []}}))


async def test_a_failed_follow_up_is_sent_again_from_what_its_turn_kept(db: Database) -> None:
    """Telegram fails the follow-up twice: the event stays "sending", is tried again only after
    its backoff, with the same replies (the turn is not run again), and is done once sent; the
    live buttons are recorded then."""
    clock = Clock()
    coach = Coach(db, CONTENT, clock=clock)
    telegram = Telegram(Delivery.failed(), Delivery.failed())
    ticker = Ticker(coach, telegram, retry_first=30, retry_most=60)
    user = await onboard(coach)
    await start_bend_checkin(coach, user)
    clock.now += timedelta(minutes=61)

    assert await ticker.tick() == 1
    (event,) = await events(db, user, "followup")
    assert (event.status, event.outbox is not None) == ("sending", True)
    clock.now += timedelta(seconds=29)
    assert await ticker.tick() == 0  # its backoff (30 s) has not passed
    clock.now += timedelta(seconds=2)
    assert await ticker.tick() == 1  # fails again: 60 s now
    clock.now += timedelta(seconds=59)
    assert await ticker.tick() == 0
    clock.now += timedelta(seconds=2)
    assert await ticker.tick() == 1
    assert telegram.keys() == [FOLLOW_UP] * 3
    assert telegram.tried[0] == telegram.tried[1] == telegram.tried[2]
    (event,) = await events(db, user, "followup")
    assert (event.status, event.outbox, event.attempts) == ("done", None, 3)
    assert await ticker.tick() == 0
    said = await coach.handle(user, answer("2"))  # the check-in gets its light
    assert said.replies[0].key == "advice.green"
    assert said.prompt_message_id == 77


async def test_a_blocked_person_ends_the_event_and_what_is_due(db: Database) -> None:
    """A 403 on the follow-up: the event is done, the person marked blocked, nothing pending."""
    clock = Clock()
    coach = Coach(db, CONTENT, clock=clock)
    ticker = Ticker(coach, Telegram(Delivery.blocked()))
    user = await onboard(coach)
    await start_bend_checkin(coach, user)
    clock.now += timedelta(minutes=61)
    assert await ticker.tick() == 1
    everything = await db.run(lambda repo: repo.due.due_events_for(user))
    assert {(e.kind, e.status) for e in everything} == {
        ("followup", "done"),
        ("nudge", "cancelled"),
        ("recap", "cancelled"),
    }
    blocked = sa.select(tables.users.c.blocked).where(tables.users.c.id == user)
    assert await db.run(lambda repo: repo.sql.scalar(blocked)) is True


async def test_a_kept_nudge_past_its_lateness_limit_is_skipped_unsent(db: Database) -> None:
    """A morning nudge Telegram did not take until hours later is recorded as skipped, not sent
    at noon (DESIGN §7)."""
    clock = Clock()
    coach = Coach(db, CONTENT, clock=clock)
    telegram = Telegram(Delivery.failed())
    ticker = Ticker(coach, telegram, retry_first=600, retry_most=600)
    user = await onboard(coach)
    (nudge,) = await events(db, user, "nudge")
    clock.now = nudge.due_at + timedelta(minutes=1)
    assert await ticker.tick() == 1
    assert telegram.keys() == [["morning.waking"]]
    clock.now += timedelta(hours=CONTENT.rhythm.nudge_late_hours)
    assert await ticker.tick() == 1
    assert len(telegram.tried) == 1
    (nudge, *_) = await events(db, user, "nudge")
    assert (nudge.status, nudge.outbox) == ("skipped", None)


async def test_a_claim_whose_process_died_mid_send_is_taken_up_and_sent(db: Database) -> None:
    """The process stored the turn and died before Telegram answered (its claim stays): after
    the claim timeout another process sends the kept replies; the dead claim cannot finish it."""
    clock = Clock()
    coach = Coach(db, CONTENT, clock=clock)
    user = await onboard(coach)
    await start_bend_checkin(coach, user)
    clock.now += timedelta(minutes=61)
    (due,) = await db.run(lambda repo: repo.due.claim_due(clock.now, 8, "dead:1"))
    said = await coach.handle_due(due)  # the turn ran; then the process died
    assert [r.key for r in said.replies] == FOLLOW_UP

    telegram = Telegram()
    alive = Ticker(coach, telegram, claim_timeout=60)
    clock.now += timedelta(seconds=30)
    assert await alive.tick() == 0  # the claim is not stale yet
    clock.now += timedelta(seconds=31)
    assert await alive.tick() == 1
    assert telegram.tried == [said]
    await coach.record(said, Delivery.failed(), due=due, retry_at=clock.now)  # the dead claim
    (event,) = await events(db, user, "followup")
    assert event.status == "done"
