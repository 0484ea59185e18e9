"""The turn runner and the due-event tick, end to end on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.coach import Coach, Said
from bot.content import load_content
from bot.storage import DueEvent, Repository, make_engine, session_factory
from bot.ticker import Ticker
from flows.model import CheckinStatus, Event, EventKind, Light

CONTENT = load_content()
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ONBOARDING = ["go_on", "agree", "yes", *["no"] * 11, "2weeks", "6", "5", "4", "0"]
ONBOARDING += ["suggested", "Europe/London", "08:00", "later"]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


class Inbox:
    """Collects what the tick delivers."""

    def __init__(self) -> None:
        self.items: list[tuple[DueEvent, Said]] = []

    async def __call__(self, due: DueEvent, said: Said) -> None:
        self.items.append((due, said))

    def keys(self) -> list[str]:
        return [reply.key for _, said in self.items for reply in said.replies]


def answer(value: str) -> Event:
    return Event(EventKind.ANSWER, value=value)


async def onboard(coach: Coach, external_id: str = "test:1") -> int:
    user = await coach.user(external_id)
    await coach.handle(user, Event(EventKind.COMMAND, name="start"))
    for value in ONBOARDING:
        await coach.handle(user, answer(value))
    return user


async def facts_of(sessions: async_sessionmaker[AsyncSession], user: int, now: datetime):  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return await Repository(session).load(user, now)


async def start_bend_checkin(coach: Coach, user: int) -> None:
    """Chooses the bending ladder and answers up to confidence after (b=2, d=3)."""
    said = await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
    choose = said.replies[-1]
    bend = next(i for i, c in enumerate(choose.choices, 1) if c.value == "l:bend")
    for value in (str(bend), "2", "4", "6", "done", "3", "7"):
        said = await coach.handle(user, answer(value))
    assert said.replies[-1].key == "checkin.wait_a1"


async def test_a_checkin_follow_up_is_delivered_by_the_tick(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """The one-hour follow-up is stored as a due event, claimed by the tick and asked in time."""
    clock = Clock()
    coach = Coach(sessions, CONTENT, clock=clock)
    inbox = Inbox()
    ticker = Ticker(coach, inbox)
    user = await onboard(coach)
    await start_bend_checkin(coach, user)

    clock.now += timedelta(minutes=59)
    assert await ticker.tick() == 0
    clock.now += timedelta(minutes=2)
    assert await ticker.tick() == 1
    assert inbox.keys() == ["checkin.followup_intro", "checkin.a1"]
    assert await ticker.tick() == 0  # claimed once, never again

    said = await coach.handle(user, answer("2"))
    assert [r.key for r in said.replies][:2] == ["advice.green", "reason.green"]
    _, facts, _ = await facts_of(sessions, user, clock.now)
    finished = facts.checkins[-1]
    assert (finished.status, finished.light, finished.a1) == (
        CheckinStatus.FINISHED,
        Light.GREEN,
        2,
    )
    async with sessions() as session:
        events = await Repository(session).due_events_for(user)
    assert [e.status for e in events] == ["done"]


async def test_time_scale_shortens_the_wait_for_a_follow_up(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """With BACKCOACH_TIME_SCALE=600 the one-hour follow-up is due six seconds later."""
    clock = Clock()
    coach = Coach(sessions, CONTENT, clock=clock, time_scale=600)
    user = await onboard(coach)
    await start_bend_checkin(coach, user)
    async with sessions() as session:
        (event,) = await Repository(session).due_events_for(user)
    assert event.due_at == START + timedelta(seconds=6)


async def test_a_follow_up_answered_early_is_not_asked_again(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Answering early through /checkin cancels the scheduled follow-up; the tick sends nothing."""
    clock = Clock()
    coach = Coach(sessions, CONTENT, clock=clock)
    inbox = Inbox()
    user = await onboard(coach)
    await start_bend_checkin(coach, user)
    clock.now += timedelta(minutes=40)
    await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
    for value in ("now", "2"):
        said = await coach.handle(user, answer(value))
    assert said.replies[0].key == "advice.green"
    clock.now += timedelta(minutes=30)
    assert await Ticker(coach, inbox).tick() == 0
    assert inbox.items == []


async def test_a_restart_resumes_the_conversation_where_it_was(db_url: str) -> None:
    """A new process (new engine and coach) continues the same question, nothing lost."""
    clock = Clock()
    engine = make_engine(db_url)
    coach = Coach(session_factory(engine), CONTENT, clock=clock)
    user = await onboard(coach)
    await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
    await coach.handle(user, answer("2"))  # bending
    await coach.handle(user, answer("3"))  # pain before
    await engine.dispose()

    engine = make_engine(db_url)
    coach = Coach(session_factory(engine), CONTENT, clock=clock)
    said = await coach.handle(await coach.user("test:1"), Event(EventKind.COMMAND, name="start"))
    assert [r.key for r in said.replies] == ["common.welcome_back", "checkin.expected"]
    said = await coach.handle(user, answer("5"))
    assert said.replies[-1].key == "checkin.confidence"
    _, facts, _ = await facts_of(session_factory(engine), user, clock.now)
    assert (facts.checkins[-1].baseline, facts.checkins[-1].expected) == (3, 5)
    await engine.dispose()


async def test_turns_of_one_person_are_serialised(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Two answers arriving together are both applied, one after the other."""
    coach = Coach(sessions, CONTENT, clock=Clock())
    user = await onboard(coach)
    await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
    await coach.handle(user, answer("2"))
    first, second = await asyncio.gather(
        coach.handle(user, answer("3")), coach.handle(user, answer("5"))
    )
    assert first.replies[-1].key == "checkin.expected"
    assert second.replies[-1].key == "checkin.confidence"


async def test_two_processes_on_one_person_do_not_lose_a_turn(db_url: str) -> None:
    """Two coaches on separate engines (as two replicas) retry on a version clash; both apply."""
    clock = Clock()
    engines = [make_engine(db_url), make_engine(db_url)]
    coaches = [Coach(session_factory(e), CONTENT, clock=clock) for e in engines]
    user = await onboard(coaches[0])
    await coaches[0].handle(user, Event(EventKind.COMMAND, name="checkin"))
    await coaches[0].handle(user, answer("2"))
    results = await asyncio.gather(
        coaches[0].handle(user, answer("3")), coaches[1].handle(user, answer("5"))
    )
    assert sorted(r.replies[-1].key for r in results) == ["checkin.confidence", "checkin.expected"]
    _, facts, _ = await facts_of(session_factory(engines[0]), user, clock.now)
    assert {facts.checkins[-1].baseline, facts.checkins[-1].expected} == {3, 5}
    for engine in engines:
        await engine.dispose()


@pytest.mark.parametrize("value", ["four", "11", "-1", "🙂", "a long story " * 40])
async def test_bad_input_changes_nothing_stored(
    sessions: async_sessionmaker[AsyncSession], value: str
) -> None:
    """An answer that does not fit is re-asked and leaves the stored check-in as it was."""
    clock = Clock()
    coach = Coach(sessions, CONTENT, clock=clock)
    user = await onboard(coach)
    await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
    await coach.handle(user, answer("2"))
    _, before, _ = await facts_of(sessions, user, clock.now)
    said = await coach.handle(user, answer(value))
    assert [r.key for r in said.replies] == ["common.not_a_score", "checkin.baseline"]
    conversation, after, _ = await facts_of(sessions, user, clock.now)
    assert after.checkins == before.checkins
    assert conversation.active is not None and conversation.active.state == "baseline"
