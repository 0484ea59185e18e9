"""Fixtures shared by the shell's tests: a migrated, empty database on SQLite and on PostgreSQL.

`db_url` runs a test once per backend. SQLite gets a fresh file per test (copied from one migrated
template); PostgreSQL gets one database per test session (backcoach_test_<pid>, migrated once,
dropped at the end), emptied before every test. The server comes from BACKCOACH_TEST_PG_URL
(an admin URL); without a server the PostgreSQL cases are skipped — or fail, when CI is set.

Storage is imported inside the fixtures so that tests of the pure core never load SQLAlchemy.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
import pytest_asyncio

if TYPE_CHECKING:
    from bot.storage.database import Database

T = TypeVar("T")

PG_ADMIN_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def run_in_thread(coro: Coroutine[Any, Any, T]) -> T:
    """Runs a coroutine to completion on a loop of its own, away from pytest-asyncio's loops."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _dsn(url: str, database: str | None = None, driver: str = "postgresql") -> str:
    from bot.storage.db import driver_url

    return driver_url(url, database=database, driver=driver)


def _shown(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


async def _admin(admin_url: str, *statements: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(_dsn(admin_url), timeout=5)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


def create_pg_database(admin_url: str, name: str) -> str:
    """Creates (afresh) a database; returns its SQLAlchemy asyncpg URL."""
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    run_in_thread(_admin(admin_url, drop, f'CREATE DATABASE "{name}"'))
    return _dsn(admin_url, name, "postgresql+asyncpg")


def drop_pg_database(admin_url: str, name: str) -> None:
    """Drops a database, closing whatever is still connected to it."""
    run_in_thread(_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may break (test_catalogue.py keeps its own: English
    only)."""
    from bot.content import default_data_dir

    copy = tmp_path / "data"
    shutil.copytree(default_data_dir(), copy)
    return copy


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    """The admin URL of a reachable PostgreSQL server; skips (fails on CI) when there is none."""
    import asyncpg

    url = os.environ.get("BACKCOACH_TEST_PG_URL", PG_ADMIN_DEFAULT)
    try:
        run_in_thread(_admin(url, "SELECT 1"))
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        message = (
            f"PostgreSQL not reachable at {_shown(url)} ({exc!r}); start it "
            "(pg_ctlcluster 15 main start) or set BACKCOACH_TEST_PG_URL to run these tests"
        )
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """This session's migrated PostgreSQL database, dropped at the end."""
    from bot.storage.migrate import upgrade

    name = f"backcoach_test_{os.getpid()}"
    url = create_pg_database(pg_admin_url, name)
    try:
        run_in_thread(upgrade(url))
        yield url
    finally:
        drop_pg_database(pg_admin_url, name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for every test (much faster than migrating each time)."""
    from bot.storage.migrate import upgrade

    path = tmp_path_factory.mktemp("sqlite-template") / "backcoach.db"
    run_in_thread(upgrade(f"sqlite+aiosqlite:///{path}"))
    leftovers = [p for p in path.parent.iterdir() if p != path]
    assert not leftovers, f"the template was not checkpointed: {leftovers}"
    return path


async def _truncate(url: str) -> None:
    import asyncpg

    from bot.storage.tables import ALL_TABLES, SERVICE_TABLES

    names = ", ".join(table.name for table in (*ALL_TABLES, *SERVICE_TABLES))
    connection = await asyncpg.connect(_dsn(url))
    try:
        await connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await connection.close()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a migrated, empty database: a fresh SQLite file, or the session's PostgreSQL one."""
    if request.param == "sqlite":
        path = tmp_path / "db" / "backcoach.db"
        path.parent.mkdir()
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite+aiosqlite:///{path}"
    url: str = request.getfixturevalue("pg_url")
    run_in_thread(_truncate(url))
    return url


@pytest_asyncio.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    """The test's database, opened as the bot opens it, and closed after the test."""
    from bot.storage.database import Database

    database = Database.open(db_url)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture(params=BACKENDS)
def blank_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty, never migrated database (for migration tests)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'blank.db'}"
        return
    admin: str = request.getfixturevalue("pg_admin_url")
    name = f"backcoach_test_{os.getpid()}_blank"
    url = create_pg_database(admin, name)
    try:
        yield url
    finally:
        drop_pg_database(admin, name)
