"""Engines and sessions: SQLite (embedded default) or PostgreSQL (asyncpg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)


def is_sqlite(url_or_engine: str | URL | AsyncEngine | AsyncConnection | Engine) -> bool:
    """Tells whether a URL or an engine speaks SQLite."""
    if isinstance(url_or_engine, str | URL):
        return make_url(url_or_engine).get_backend_name() == "sqlite"
    return url_or_engine.dialect.name == "sqlite"


def make_engine(url: str | URL, **kwargs: Any) -> AsyncEngine:
    """Builds an async engine; for SQLite makes the folder and sets the pragmas on each connect."""
    parsed = make_url(url)
    if not is_sqlite(parsed):
        return create_async_engine(parsed, pool_pre_ping=True, **kwargs)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(parsed, **kwargs)
    event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
    return engine


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Makes sessions that keep loaded values usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
