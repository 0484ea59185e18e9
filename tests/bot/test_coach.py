"""The turn runner and the due-event tick, end to end on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.coach import Coach, Said
from bot.content import load_content
from bot.said import Delivery
from bot.storage import Database, DueEvent, tables
from bot.ticker import Ticker
from flows.model import CheckinStatus, Event, EventKind, Light
from tests.onboarding import MORE_FEARS

CONTENT = load_content()
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SCREEN_NO = ["no"] * len(CONTENT.red_flags)  # every red-flag question answered no
ONBOARDING = ["go_on", "agree", "yes", *SCREEN_NO, "2weeks", "6", "5", "4", "0", *MORE_FEARS]
ONBOARDING += ["skip", "suggested", "Europe/London", "08:00", "no", "later"]


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

    async def __call__(self, due: DueEvent, said: Said) -> Delivery:
        self.items.append((due, said))
        return Delivery.sent(said.prompt_message_id)

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


async def facts_of(db: Database, user: int, now: datetime):  # type: ignore[no-untyped-def]
    return await db.run(lambda repo: repo.turns.load(user, now))


async def start_bend_checkin(coach: Coach, user: int) -> None:
    """Chooses the bending ladder and answers up to confidence after (b=2, d=3)."""
    said = await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
    choose = said.replies[-1]
    bend = next(i for i, c in enumerate(choose.choices, 1) if c.value == "l:bend")
    for value in (str(bend), "2", "4", "6", "done", "3", "7"):
        said = await coach.handle(user, answer(value))
    assert said.replies[-1].key == "checkin.wait_a1"


async def test_a_checkin_follow_up_is_delivered_by_the_tick(
    db: Database,
) -> None:
    """The one-hour follow-up is stored as a due event, claimed by the tick and asked in time."""
    clock = Clock()
    coach = Coach(db, CONTENT, clock=clock)
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
    assert [r.key for r in said.replies][:2] == ["advice.green", "reason.green.steady"]
    _, facts, _ = await facts_of(db, user, clock.now)
    finished = facts.checkins[-1]
    assert (finished.status, finished.light, finished.a1) == (
        CheckinStatus.FINISHED,
        Light.GREEN,
        2,
    )
    events = await db.run(lambda repo: repo.due.due_events_for(user))
    assert [(e.kind, e.status) for e in events] == [  # the follow-up done; outreach waits
        ("followup", "done"),
        ("nudge", "pending"),
        ("recap", "pending"),
    ]


async def test_time_scale_shortens_the_wait_for_a_follow_up(
    db: Database,
) -> None:
    """With BACKCOACH_TIME_SCALE=600 the one-hour follow-up is due six seconds later."""
    clock = Clock()
    coach = Coach(db, CONTENT, clock=clock, time_scale=600)
    user = await onboard(coach)
    await start_bend_checkin(coach, user)
    events = await db.run(lambda repo: repo.due.due_events_for(user))
    (event,) = [e for e in events if e.kind == "followup"]
    assert event.due_at == START + timedelta(seconds=6)


async def test_a_follow_up_answered_early_is_not_asked_again(
    db: Database,
) -> None:
    """Answering early through /checkin cancels the scheduled follow-up; the tick sends nothing."""
    clock = Clock()
    coach = Coach(db, CONTENT, clock=clock)
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
    """A new process (new Database and coach) continues the same question, nothing lost."""
    clock = Clock()
    db = Database.open(db_url)
    coach = Coach(db, CONTENT, clock=clock)
    user = await onboard(coach)
    await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
    await coach.handle(user, answer("2"))  # bending
    await coach.handle(user, answer("3"))  # pain before
    await db.dispose()

    db = Database.open(db_url)
    coach = Coach(db, CONTENT, clock=clock)
    said = await coach.handle(await coach.user("test:1"), Event(EventKind.COMMAND, name="start"))
    assert [r.key for r in said.replies] == ["common.welcome_back", "checkin.expected"]
    said = await coach.handle(user, answer("5"))
    assert said.replies[-1].key == "checkin.confidence"
    _, facts, _ = await facts_of(db, user, clock.now)
    assert (facts.checkins[-1].baseline, facts.checkins[-1].expected) == (3, 5)
    await db.dispose()


async def test_turns_of_one_person_are_serialised(
    db: Database,
) -> None:
    """Two answers arriving together are both applied, one after the other."""
    coach = Coach(db, CONTENT, clock=Clock())
    user = await onboard(coach)
    await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
    await coach.handle(user, answer("2"))
    first, second = await asyncio.gather(
        coach.handle(user, answer("3")), coach.handle(user, answer("5"))
    )
    assert first.replies[-1].key == "checkin.expected"
    assert second.replies[-1].key == "checkin.confidence"


async def test_two_processes_on_one_person_do_not_lose_a_turn(db_url: str) -> None:
    """Two coaches on separate Databases (as two replicas) retry on a version clash; both apply."""
    clock = Clock()
    dbs = [Database.open(db_url), Database.open(db_url)]
    coaches = [Coach(db, CONTENT, clock=clock) for db in dbs]
    user = await onboard(coaches[0])
    await coaches[0].handle(user, Event(EventKind.COMMAND, name="checkin"))
    await coaches[0].handle(user, answer("2"))
    results = await asyncio.gather(
        coaches[0].handle(user, answer("3")), coaches[1].handle(user, answer("5"))
    )
    assert sorted(r.replies[-1].key for r in results) == ["checkin.confidence", "checkin.expected"]
    _, facts, _ = await facts_of(dbs[0], user, clock.now)
    assert {facts.checkins[-1].baseline, facts.checkins[-1].expected} == {3, 5}
    for db in dbs:
        await db.dispose()


async def test_a_stop_iteration_in_a_turn_fails_it_and_frees_the_person(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A StopIteration escaping the flows (a `next()` that found nothing) fails the turn instead of
    leaving it unfinished for ever, holding the person's lock (found by test_stateful.py)."""
    coach = Coach(db, CONTENT, clock=Clock())
    user = await coach.user("test:1")

    def broken(*args: object) -> None:
        raise StopIteration

    monkeypatch.setattr("bot.coach.turn", broken)
    with pytest.raises(RuntimeError, match="StopIteration"):
        await asyncio.wait_for(coach.handle(user, answer("2")), 10)
    monkeypatch.undo()
    said = await asyncio.wait_for(coach.handle(user, Event(EventKind.COMMAND, name="start")), 10)
    assert said.replies[-1].key == "onboarding.intro_languages"


@pytest.mark.parametrize("value", ["four", "11", "-1", "🙂", "a long story " * 40])
async def test_bad_input_changes_nothing_stored(db: Database, value: str) -> None:
    """An answer that does not fit is re-asked (short) and leaves the stored check-in as it was."""
    clock = Clock()
    coach = Coach(db, CONTENT, clock=clock)
    user = await onboard(coach)
    await coach.handle(user, Event(EventKind.COMMAND, name="checkin"))
    await coach.handle(user, answer("2"))
    _, before, _ = await facts_of(db, user, clock.now)
    said = await coach.handle(user, answer(value))
    assert [r.key for r in said.replies] == ["common.not_a_score", "checkin.baseline_short"]
    conversation, after, _ = await facts_of(db, user, clock.now)
    assert after.checkins == before.checkins
    assert conversation.active is not None and conversation.active.state == "baseline"


class CountingDatabase:
    """Wraps a Database and counts its units of work."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.units = 0

    async def run(self, work):  # type: ignore[no-untyped-def]
        self.units += 1
        return await self.db.run(work)


async def test_an_outside_update_is_one_unit_of_work(db: Database) -> None:
    """Finding the person, the update-id check and the turn share one transaction."""
    counting = CountingDatabase(db)
    coach = Coach(counting, CONTENT, clock=Clock())  # type: ignore[arg-type]
    said = await coach.handle_external(
        "tg:9", 9, Event(EventKind.COMMAND, name="start"), update_id=1
    )
    assert counting.units == 1
    assert [r.key for r in said.replies] == ["onboarding.intro_languages"]
    assert await coach.known_user("tg:9") == said.user_id


async def test_an_update_seen_before_changes_nothing(db: Database) -> None:
    """The same update id again: no replies, marked duplicate, the conversation where it was."""
    coach = Coach(db, CONTENT, clock=Clock())
    start = Event(EventKind.COMMAND, name="start")
    first = await coach.handle_external("tg:9", 9, start, update_id=5)
    _, _, version = await facts_of(db, first.user_id, START)
    again = await coach.handle_external("tg:9", 9, answer("go_on"), update_id=5)
    assert (again.duplicate, again.replies, again.user_id) == (True, (), first.user_id)
    assert (await facts_of(db, first.user_id, START))[2] == version


async def test_the_chat_id_is_kept_current(db: Database) -> None:
    """A person writing from a new chat id has it stored with their next turn."""
    coach = Coach(db, CONTENT, clock=Clock())
    start = Event(EventKind.COMMAND, name="start")
    user = (await coach.handle_external("tg:9", 9, start)).user_id
    await coach.handle_external("tg:9", 99, start)
    chat = sa.select(tables.users.c.chat_id).where(tables.users.c.id == user)
    assert await db.run(lambda repo: repo.sql.scalar(chat)) == 99


async def test_said_names_the_message_with_the_live_buttons(db: Database) -> None:
    """The prompt a recorded Delivery names comes back with the next turn."""
    coach = Coach(db, CONTENT, clock=Clock())
    start = Event(EventKind.COMMAND, name="start")
    said = await coach.handle_external("tg:9", 9, start)
    assert said.prompt_message_id is None
    await coach.record(said, Delivery.sent(42))
    said = await coach.handle_external("tg:9", 9, answer("go_on"))
    assert said.prompt_message_id == 42


async def test_a_person_whose_data_was_deleted_starts_afresh(db: Database) -> None:
    """After their data is deleted, the next update creates them anew and begins onboarding."""
    coach = Coach(db, CONTENT, clock=Clock())
    old = await onboard(coach, "tg:9")
    await db.run(lambda repo: repo.privacy.delete_user(old))
    said = await coach.handle_external("tg:9", 9, answer("hello"))
    assert await coach.known_user("tg:9") == said.user_id
    conversation, facts, _ = await facts_of(db, said.user_id, START)
    assert facts.profile.onboarded_at is None  # (SQLite may hand out the same id again)
    assert [r.key for r in said.replies] == ["onboarding.intro_languages"]
    assert conversation.active is not None and conversation.active.flow == "onboarding"
