"""Storage hygiene (DESIGN §6): /delete leaves nothing of the person readable in SQLite's files
while the bot runs, those files are the owner's only, and processed update ids are kept per bot
and pruned after two days."""

from __future__ import annotations

import contextlib
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from pydantic import SecretStr

from bot.coach import Coach
from bot.settings import Settings
from bot.storage import Database, tables, upgrade
from bot.storage.updates import UPDATES_KEPT
from bot.ticker import Ticker
from flows.model import ActivityKind, Checkin, Event, EventKind, SaveCheckin
from tests.bot.telegram_helpers import CONTENT, Clock, running_bot, text

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
MARKER = "zebra-crossing-4471"  # a check-in's activity no other byte of the database holds


def files_of(path: Path) -> bytes:
    """The raw bytes of the database file and of its -wal file (empty when there is none)."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def checkpoint(path: Path) -> None:
    """What SQLite's automatic checkpoint does sooner or later: the WAL's pages are copied into
    the database file (here from a connection of the test's own)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("where", ["in the wal", "in the database file"])
async def test_delete_leaves_nothing_of_the_person_in_the_database_or_wal_file(
    db: Database, where: str
) -> None:
    """A check-in's activity, still in the -wal file or already copied into the database file,
    is in neither file after /delete, the bot still running: the erase is checkpointed (the WAL
    truncated) and overwritten (secure_delete), not merely unlinked from the b-tree."""
    assert db.url.database is not None
    path = Path(db.url.database)
    clock = Clock()
    async with running_bot(db, clock) as h:
        await h.onboard()
        user = await h.user_id()
        assert user is not None
        walk = Checkin(50, ActivityKind.WALK, MARKER, None, clock.now)
        await db.run(lambda repo: repo.turns.apply(user, (SaveCheckin(walk),), clock.now))
        if where == "in the database file":
            checkpoint(path)
            assert MARKER.encode() in path.read_bytes(), "the test must see the row there"
        assert MARKER.encode() in files_of(path), "the test must see the row to prove it gone"
        await h.say("/delete")
        h.api.clear()
        await h.press("Yes, delete everything")
        assert h.api.texts() == [text("privacy.deleted")]
        assert MARKER.encode() not in files_of(path)
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0, "checkpointed and truncated"


async def test_the_retention_run_also_leaves_nothing_in_the_files(tmp_path: Path) -> None:
    """An account deleted for a year of silence is gone from the files' bytes as well."""
    path = tmp_path / "backcoach.db"
    url = f"sqlite+aiosqlite:///{path}"
    await upgrade(url)
    db = Database.open(url)
    try:
        clock = Clock(datetime.now(UTC))  # the sign-up time is the database's own
        coach = Coach(db, CONTENT, clock=clock)
        user = await coach.user("tg:1", 1)
        walk = Checkin(1, ActivityKind.WALK, MARKER, None, clock.now)
        await db.run(lambda repo: repo.turns.apply(user, (SaveCheckin(walk),), clock.now))
        assert MARKER.encode() in files_of(path)
        clock.now += timedelta(days=400)
        assert await coach.forget_inactive() == 1
        assert MARKER.encode() not in files_of(path)
    finally:
        await db.dispose()


async def test_the_database_file_and_its_folder_are_the_owners_only(tmp_path: Path) -> None:
    """Made by the bot, the folder is 0700 and the database, -wal and -shm files are 0600."""
    path = tmp_path / "home" / "data" / "backcoach.db"
    url = f"sqlite+aiosqlite:///{path}"
    await upgrade(url)
    db = Database.open(url)
    try:
        await db.run(lambda repo: repo.people.user_id_for("tg:1", 1))
        made = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert all(p.exists() for p in made), "the WAL and its index are open while it runs"
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in made}
        assert modes == {p.name: 0o600 for p in made}
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        await db.dispose()


# ------------------------------------------------------------------------- processed updates


def test_the_bot_id_is_the_tokens_number_and_never_the_token() -> None:
    """Settings.bot_id is the numeric part before ':'; no token, or a token of another shape,
    gives 0."""
    with_token = Settings(TELEGRAM_BOT_TOKEN=SecretStr("123456:AAE-secret_part"))
    assert with_token.bot_id == 123456
    assert Settings(TELEGRAM_BOT_TOKEN=None).bot_id == 0
    assert Settings(TELEGRAM_BOT_TOKEN=SecretStr("not-a-token")).bot_id == 0


async def stored_updates(db: Database) -> list[tuple[Any, ...]]:
    p = tables.processed_updates
    query = sa.select(p.c.bot_id, p.c.update_id).order_by(p.c.bot_id, p.c.update_id)
    return [tuple(row) for row in await db.run(lambda repo: repo.sql.rows(query))]


async def test_update_ids_are_kept_per_bot(db: Database) -> None:
    """The same update id from two bots is two updates; from the same bot again, a duplicate."""
    first, second = (Coach(db, CONTENT, clock=Clock(NOW), bot_id=n) for n in (111, 222))
    start = Event(EventKind.COMMAND, "start")
    assert not (await first.handle_external("tg:1", 1, start, update_id=5)).duplicate
    assert not (await second.handle_external("tg:2", 2, start, update_id=5)).duplicate
    assert (await first.handle_external("tg:1", 1, start, update_id=5)).duplicate
    assert await stored_updates(db) == [(111, 5), (222, 5)]


async def test_update_ids_older_than_two_days_are_pruned(db: Database) -> None:
    """Coach.forget_updates deletes the ids handled two days ago or more, keeps the newer."""
    assert timedelta(days=2) == UPDATES_KEPT
    ages = {1: timedelta(days=3), 2: timedelta(days=2, minutes=1), 3: timedelta(days=1, hours=23)}

    def mark(repo: Any) -> None:
        for update_id, age in ages.items():
            repo.updates.mark_processed(7, update_id, None, now=NOW - age)

    await db.run(mark)
    coach = Coach(db, CONTENT, clock=Clock(NOW), bot_id=7)
    assert await coach.forget_updates() == 2
    assert await stored_updates(db) == [(7, 3)]
    # A pruned id is only a memory gone: the same update id would be handled again.
    assert await db.run(lambda repo: repo.updates.seen(7, 3))
    assert not await db.run(lambda repo: repo.updates.seen(7, 1))


async def test_pruning_runs_as_an_hourly_job_beside_retention(db: Database) -> None:
    """The scheduler holds an hourly pruning job, first run within minutes, which prunes."""
    coach = Coach(db, CONTENT, clock=Clock(NOW), bot_id=7)
    await db.run(lambda repo: repo.updates.mark_processed(7, 1, None, now=NOW - timedelta(days=3)))

    async def deliver(*_: Any) -> None:
        return None

    ticker = Ticker(coach, deliver)
    scheduler = AsyncIOScheduler()
    ticker.schedule_retention(scheduler)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job("backcoach-prune-updates")
        assert job is not None
        assert job.trigger.interval == timedelta(hours=1)
        assert timedelta(0) < job.next_run_time - datetime.now(UTC) <= timedelta(minutes=5)
        assert job.func == ticker.forget_updates
    finally:
        scheduler.shutdown(wait=False)
    assert await ticker.forget_updates() == 1
    assert await stored_updates(db) == []


@pytest.mark.parametrize("bot_id", [0, 2**40])
async def test_a_bot_id_of_any_size_is_stored(db: Database, bot_id: int) -> None:
    """Bot ids are 64-bit: a large one round-trips (none without a bot: 0)."""
    assert await db.run(lambda repo: repo.updates.mark_processed(bot_id, 1, None, now=NOW))
    assert await stored_updates(db) == [(bot_id, 1)]
