"""Engines: SQLite (embedded default, synchronous pysqlite) or PostgreSQL (asyncpg).

SQLite URLs may name the aiosqlite driver (`sqlite+aiosqlite:///…`, the settings' form); it is
mapped to the synchronous driver, which bot.storage.database runs in a thread of its own.
Statement parameters (what people typed) are kept out of log lines and error messages. The
SQLite file, its folder (when made here) and the -wal and -shm files beside it are readable by
their owner only, and deleted rows are overwritten (secure_delete), not left in free space.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.orm import Session

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
    # Deleted content is zeroed, not left in free pages: /delete leaves nothing readable (§6).
    "PRAGMA secure_delete=ON",
)
POOL_SIZE = 16  # PostgreSQL connections kept per process
POOL_OVERFLOW = 4  # more, opened for a moment when every kept one is busy
STATEMENT_CACHE = 500  # prepared statements kept per PostgreSQL connection (asyncpg's default 100)


Speaker = str | URL | AsyncEngine | AsyncConnection | Engine | Connection | Session


def backend(speaker: Speaker) -> str:
    """The database a URL, an engine, a connection or a session speaks ("sqlite", "postgresql")."""
    if isinstance(speaker, str | URL):
        return make_url(speaker).get_backend_name()
    if isinstance(speaker, Session):
        return speaker.get_bind().dialect.name
    return speaker.dialect.name


def is_sqlite(speaker: Speaker) -> bool:
    """Tells whether a URL, an engine, a connection or a session speaks SQLite."""
    return backend(speaker) == "sqlite"


def is_postgres(speaker: Speaker) -> bool:
    """Tells whether a URL, an engine, a connection or a session speaks PostgreSQL: the one
    check behind every PostgreSQL-only clause (row locks, ON CONFLICT's dialect, the budget)."""
    return backend(speaker) == "postgresql"


def sqlite_url(url: str | URL) -> URL:
    """The same SQLite database through the synchronous driver (pysqlite)."""
    parsed = make_url(url)
    if not is_sqlite(parsed):
        raise ValueError(f"not an SQLite URL: {parsed.render_as_string()}")
    return parsed.set(drivername="sqlite")


def driver_url(url: str | URL, *, database: str | None = None, driver: str = "postgresql") -> str:
    """The PostgreSQL URL as a string for another driver (by default plain `postgresql://`, which
    asyncpg.connect takes) and optionally another database, password included."""
    parsed = make_url(url).set(drivername=driver)
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def make_sqlite_engine(url: str | URL, **kwargs: Any) -> Engine:
    """A synchronous SQLite engine; makes the folder and sets the pragmas on each connect."""
    parsed = sqlite_url(url)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        _private_file(Path(database).expanduser())
    engine = create_engine(parsed, **{"hide_parameters": True, **kwargs})
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def make_engine(url: str | URL, **kwargs: Any) -> AsyncEngine:
    """An async PostgreSQL (asyncpg) engine, for migrations and bot.storage.database."""
    parsed = make_url(url)
    if is_sqlite(parsed):
        raise ValueError("SQLite is synchronous here: use make_sqlite_engine")
    options = {
        "hide_parameters": True,
        # Connections are kept, never opened per unit: a new one costs a TLS handshake, type
        # introspection and a cold prepared-statement cache. Beyond POOL_SIZE units wait for one.
        "pool_size": POOL_SIZE,
        "max_overflow": POOL_OVERFLOW,
        "connect_args": {"prepared_statement_cache_size": STATEMENT_CACHE},
        **kwargs,
    }
    engine = create_async_engine(parsed, **options)
    if not options.get("pool_pre_ping"):
        event.listen(engine.sync_engine, "checkout", _drop_if_closed)
    return engine


def _drop_if_closed(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Replaces a pooled connection the server has closed (a restart, pg_terminate_backend)
    when it is checked out, without a round trip: asyncpg notices the socket closing as it
    happens. What it cannot see yet (the server going away at that very moment) fails the unit's
    first statement, which bot.storage.database runs once more on a new connection."""
    if record.driver_connection.is_closed():
        raise exc.DisconnectionError("the server closed this connection")


def _private_file(path: Path) -> None:
    """Makes the missing folders (owner only, 0700) and the database file (owner only, 0600)
    before SQLite opens it; SQLite gives the -wal and -shm files the database file's mode."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()
