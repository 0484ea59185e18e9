"""Bring a database to the newest schema with Alembic, configured in code (no alembic.ini)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import URL, Connection, make_url

from bot.storage.db import is_sqlite, make_engine, make_sqlite_engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Replicas starting together each try to migrate: on PostgreSQL the first holds this
# transaction-scoped advisory lock, the others wait, then find the schema already at head.
MIGRATION_LOCK = 0x6261636B636F6163  # "backcoac"


def alembic_config(url: str | URL | None = None, connection: Connection | None = None) -> Config:
    """Builds the Alembic configuration for our migrations folder."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        # Through attributes, not set_main_option: ConfigParser would choke on a '%' in a password.
        config.attributes["url"] = make_url(url).render_as_string(hide_password=False)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


async def upgrade(url: str | URL, revision: str = "head") -> None:
    """Migrates the database at `url` up to `revision`; safe to call inside a running loop."""
    await _migrate(url, "upgrade", revision)


async def downgrade(url: str | URL, revision: str = "base") -> None:
    """Migrates the database at `url` down to `revision`."""
    await _migrate(url, "downgrade", revision)


def upgrade_sync(url: str | URL, revision: str = "head") -> None:
    """Migrates from synchronous code (start-up, command line); not from inside a running loop."""
    if is_sqlite(url):
        _migrate_sqlite(url, "upgrade", revision)
    else:
        asyncio.run(upgrade(url, revision))


async def _migrate(url: str | URL, direction: str, revision: str) -> None:
    if is_sqlite(url):
        # SQLite's driver is synchronous: run it off the loop.
        await asyncio.to_thread(_migrate_sqlite, url, direction, revision)
        return
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
            )
            await connection.run_sync(_run, direction, revision)
    finally:
        await engine.dispose()


def _migrate_sqlite(url: str | URL, direction: str, revision: str) -> None:
    engine = make_sqlite_engine(url)
    try:
        with engine.begin() as connection:
            _run(connection, direction, revision)
    finally:
        engine.dispose()


def _run(connection: Connection, direction: str, revision: str) -> None:
    config = alembic_config(connection=connection)
    if direction == "upgrade":
        command.upgrade(config, revision)
    else:
        command.downgrade(config, revision)
