"""A turn's reads and its connection: the one-statement load, and surviving a database restart."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy import text

from bot.coach import Coach
from bot.storage.database import Database
from bot.storage.db import driver_url
from flows.model import Conversation, Event, EventKind
from tests.bot.test_coach import CONTENT, onboard, start_bend_checkin

pg_only = pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)], indirect=True
)


async def person_mid_checkin(db: Database, now: datetime) -> int:
    """Someone onboarded (as tg:1) with a check-in done and waiting for its follow-up."""
    coach = Coach(db, CONTENT, clock=lambda: now)
    user_id = await onboard(coach, "tg:1")
    await start_bend_checkin(coach, user_id)
    return user_id


async def test_the_load_by_outside_id_is_the_load_by_user_id(db: Database) -> None:
    """One statement by outside id loads exactly what the user-id load (two statements) does:
    conversation, profile, levels, check-ins (times included), mornings, version, prompt."""
    now = datetime(2026, 12, 6, 9, 30, 15, 123456, tzinfo=UTC)
    user_id = await person_mid_checkin(db, now)
    later = now + timedelta(minutes=5)

    def both(repo):  # type: ignore[no-untyped-def]
        return repo.turns.load_turn_of("tg:1", None, later), repo.turns.load_turn(user_id, later)

    found, expected = await db.run(both)
    assert found == (user_id, expected)
    (checkin,) = expected.facts.checkins
    assert checkin.created_at == now and checkin.done_at == now


async def test_the_load_by_outside_id_finds_nobody_and_keeps_the_chat_current(db: Database) -> None:
    """An unknown outside id loads nothing; a known one with a new chat id stores that chat."""
    now = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    await person_mid_checkin(db, now)
    assert await db.run(lambda repo: repo.turns.load_turn_of("tg:2", 2, now)) is None
    await db.run(lambda repo: repo.turns.load_turn_of("tg:1", 77, now))
    chat = await db.run(
        lambda repo: repo.sql.scalar(text("SELECT chat_id FROM users WHERE external_id='tg:1'"))
    )
    assert chat == 77


async def end_connections(db_url: str) -> int:
    """Ends every other connection to the database, as a server restart does; how many."""
    database = db_url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(driver_url(db_url))
    try:
        ended: int = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = $1 AND pid <> pg_backend_pid()",
            database,
        )
    finally:
        await admin.close()
    return ended


@pg_only
async def test_a_turn_succeeds_after_the_server_ended_every_connection(
    db: Database, db_url: str
) -> None:
    """With the pooled connections ended by the server (a restart), the next turns are
    answered as if nothing happened, and every answer is stored."""
    now = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    coach = Coach(db, CONTENT, clock=lambda: now)
    user_id = await onboard(coach, "tg:1")
    # Several connections in the pool, all idle.
    await asyncio.gather(*(db.run(lambda repo: repo.sql.run(text("SELECT 1"))) for _ in range(4)))
    assert await end_connections(db_url) >= 1
    await asyncio.sleep(0.2)  # the sockets' close reaches the event loop
    said = await coach.handle_external("tg:1", 1, Event(EventKind.COMMAND, name="checkin"))
    assert said.user_id == user_id and said.replies
    assert await end_connections(db_url) >= 1
    said = await coach.handle(user_id, Event(EventKind.ANSWER, value="2"))
    assert said.replies
    step = await db.run(lambda repo: repo.sql.scalar(text("SELECT step FROM conversations")))
    assert step >= 2


@pg_only
async def test_a_unit_runs_again_when_its_connection_dies_before_the_commit(
    db: Database, db_url: str
) -> None:
    """A connection ended while its unit of work runs (before the COMMIT) is replaced and the
    unit runs again, once, on the new one: its caller gets the value, stored once."""
    runs = 0

    def work(repo):  # type: ignore[no-untyped-def]
        nonlocal runs
        runs += 1
        if runs == 1:  # this connection is ended under the unit, from outside
            pid = repo.sql.scalar(text("SELECT pg_backend_pid()"))
            repo.sql.run(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return repo.people.user_id_for("tg:9", 9)

    user_id = await db.run(work)
    assert runs == 2
    assert await db.run(lambda repo: repo.people.user_id_for("tg:9", create=False)) == user_id


@pg_only
async def test_a_one_statement_unit_is_committed_by_its_statement(db: Database) -> None:
    """A unit run as one statement needs no COMMIT: its statement stands alone (kept even when
    the unit fails after it), and what it wrote is there when run returns."""
    now = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)

    def person(repo):  # type: ignore[no-untyped-def]
        user_id = repo.people.user_id_for("tg:1", 1)
        repo.turns.save_conversation(user_id, Conversation(), 0, now=now)
        return user_id

    user_id = await db.run(person)

    def failing(repo):  # type: ignore[no-untyped-def]
        repo.people.set_blocked(user_id, True)
        raise RuntimeError("after the statement")

    with pytest.raises(RuntimeError):
        await db.run(failing, one_statement=True)
    await db.run(lambda repo: repo.turns.set_prompt(user_id, 42), one_statement=True)
    loaded = await db.run(lambda repo: repo.turns.load_turn(user_id, now))
    assert loaded.prompt_message_id == 42
    blocked = await db.run(lambda repo: repo.sql.scalar(text("SELECT blocked FROM users")))
    assert blocked is True
