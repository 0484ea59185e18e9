"""The Database: one committed transaction per unit of work, SQLite's units in one thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.storage import tables
from bot.storage.database import Database
from bot.storage.repo import Repository


class Boom(Exception):
    """Raised by a unit of work on purpose."""


async def count_users(db: Database) -> object:
    return await db.run(
        lambda repo: repo.sql.scalar(sa.select(sa.func.count()).select_from(tables.users))
    )


async def test_a_unit_commits_before_run_returns(db: Database, db_url: str) -> None:
    """What a unit wrote is visible to another Database (another process) once run returns."""
    user_id = await db.run(lambda repo: repo.people.user_id_for("tg:1", 1))
    other = Database.open(db_url)
    try:
        assert (
            await other.run(lambda repo: repo.people.user_id_for("tg:1", create=False)) == user_id
        )
    finally:
        await other.dispose()


async def test_a_unit_that_raises_is_rolled_back(db: Database) -> None:
    """An exception inside the unit propagates and nothing it wrote is kept."""

    def work(repo: Repository) -> None:
        repo.people.user_id_for("tg:1", 1)
        raise Boom

    with pytest.raises(Boom):
        await db.run(work)
    assert await count_users(db) == 0
    assert await db.run(lambda repo: repo.people.user_id_for("tg:1", 1)) is not None  # still usable
    assert await count_users(db) == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_sqlite_units_run_in_one_database_thread(db: Database) -> None:
    """Every SQLite unit runs in the same dedicated thread, never on the event loop's."""
    names = {await db.run(lambda repo: threading.current_thread().name) for _ in range(5)}
    idents = {await db.run(lambda repo: threading.get_ident()) for _ in range(5)}
    assert len(names) == 1 and next(iter(names)).startswith("backcoach-db")
    assert len(idents) == 1 and threading.get_ident() not in idents


@pytest.mark.parametrize(
    "form", ["sqlite:///{}", "sqlite+aiosqlite:///{}", "sqlite+pysqlite:///{}"]
)
async def test_sqlite_urls_of_every_form_open_the_same_file(tmp_path: Path, form: str) -> None:
    """The settings' aiosqlite form and the plain forms all open the file synchronously."""
    path = tmp_path / "x.db"
    db = Database.open(form.format(path))
    try:
        assert db.is_sqlite
        assert db.url.database == str(path)
        assert await db.run(lambda repo: repo.sql.connection().dialect.driver) == "pysqlite"
    finally:
        await db.dispose()
    assert path.exists()


async def test_a_closed_database_refuses_work(tmp_path: Path) -> None:
    """dispose may be called twice; work after it is an error, not a hang."""
    db = Database.open(f"sqlite:///{tmp_path / 'x.db'}")
    await db.dispose()
    await db.dispose()
    with pytest.raises(RuntimeError, match="closed"):
        await db.run(lambda repo: None)


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_postgres_runs_the_same_repository_on_asyncpg(db: Database) -> None:
    """On PostgreSQL the synchronous repository runs through the greenlet bridge on asyncpg."""
    assert not db.is_sqlite
    driver = await db.run(lambda repo: repo.sql.connection().dialect.driver)
    assert driver == "asyncpg"


def gate(opened: threading.Event) -> Callable[[Repository], None]:
    """A unit that holds SQLite's thread until `opened`, so that what is queued meanwhile runs
    as one group commit when it returns."""

    def work(repo: Repository) -> None:
        assert opened.wait(10)

    return work


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_sqlite_runs_queued_units_as_one_group_commit(db: Database) -> None:
    """Units queued behind a busy thread share one transaction; each caller gets its own result
    only after the commit, and each unit's writes are there exactly once."""
    opened = threading.Event()
    holding = asyncio.ensure_future(db.run(gate(opened)))
    await asyncio.sleep(0.05)  # the gate is running in the thread now

    def add(n: int) -> Callable[[Repository], tuple[int | None, int]]:
        # The first unit of a session marks it; a unit in a fresh session finds no mark.
        return lambda repo: (
            repo.people.user_id_for(f"tg:{n}", n),
            repo.sql.unit.setdefault("by", n),
        )

    queued = [asyncio.ensure_future(db.run(add(n))) for n in range(5)]
    await asyncio.sleep(0.05)
    assert not any(f.done() for f in queued)
    opened.set()
    await holding
    results = await asyncio.gather(*queued)
    assert {first for _, first in results} == {0}  # one session, one transaction: the first's
    assert len({user for user, _ in results}) == 5
    assert await count_users(db) == 5


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_one_failing_unit_of_a_group_commit_fails_alone(db: Database) -> None:
    """A unit that raises inside a group commit gets its exception; the units around it still
    commit, once each (they ran again, alone, after the group was rolled back)."""
    opened = threading.Event()
    holding = asyncio.ensure_future(db.run(gate(opened)))
    await asyncio.sleep(0.05)
    runs: list[str] = []

    def add(name: str) -> Callable[[Repository], int | None]:
        def work(repo: Repository) -> int | None:
            runs.append(name)
            return repo.people.user_id_for(f"tg:{name}", 1)

        return work

    def fail(repo: Repository) -> None:
        runs.append("fail")
        repo.people.user_id_for("tg:fail", 1)
        raise Boom

    units = [add("a"), fail, add("b")]
    queued = [asyncio.ensure_future(db.run(work)) for work in units]
    await asyncio.sleep(0.05)
    opened.set()
    await holding
    outcomes = await asyncio.gather(*queued, return_exceptions=True)
    assert isinstance(outcomes[1], Boom)
    assert isinstance(outcomes[0], int) and isinstance(outcomes[2], int)
    assert runs == ["a", "fail", "a", "fail", "b"]  # grouped first, then one by one
    assert await count_users(db) == 2
    known = await db.run(lambda repo: repo.people.user_id_for("tg:fail", create=False))
    assert known is None


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_unit_whose_caller_gave_up_before_it_ran_is_not_run(db: Database) -> None:
    """Cancelling the wait for a queued unit drops it, as an executor drops a job not started."""
    opened = threading.Event()
    holding = asyncio.ensure_future(db.run(gate(opened)))
    await asyncio.sleep(0.05)
    dropped = asyncio.ensure_future(db.run(lambda repo: repo.people.user_id_for("tg:1", 1)))
    kept = asyncio.ensure_future(db.run(lambda repo: repo.people.user_id_for("tg:2", 2)))
    await asyncio.sleep(0.05)
    dropped.cancel()
    opened.set()
    await holding
    assert await kept is not None
    assert await count_users(db) == 1
