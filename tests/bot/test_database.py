"""The Database: one committed transaction per unit of work, SQLite's units in one thread."""

from __future__ import annotations

import threading
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
        lambda repo: repo.session.scalar(sa.select(sa.func.count()).select_from(tables.users))
    )


async def test_a_unit_commits_before_run_returns(db: Database, db_url: str) -> None:
    """What a unit wrote is visible to another Database (another process) once run returns."""
    user_id = await db.run(lambda repo: repo.user_id_for("tg:1", 1))
    other = Database.open(db_url)
    try:
        assert await other.run(lambda repo: repo.user_id_for("tg:1", create=False)) == user_id
    finally:
        await other.dispose()


async def test_a_unit_that_raises_is_rolled_back(db: Database) -> None:
    """An exception inside the unit propagates and nothing it wrote is kept."""

    def work(repo: Repository) -> None:
        repo.user_id_for("tg:1", 1)
        raise Boom

    with pytest.raises(Boom):
        await db.run(work)
    assert await count_users(db) == 0
    assert await db.run(lambda repo: repo.user_id_for("tg:1", 1)) is not None  # still usable
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
        assert await db.run(lambda repo: repo.session.connection().dialect.driver) == "pysqlite"
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
    driver = await db.run(lambda repo: repo.session.connection().dialect.driver)
    assert driver == "asyncpg"
