"""Bring a database to the newest schema with Alembic, configured in code (no alembic.ini)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import URL, Connection, make_url

from bot.storage.db import make_engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


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
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_run, "upgrade", revision)
    finally:
        await engine.dispose()


async def downgrade(url: str | URL, revision: str = "base") -> None:
    """Migrates the database at `url` down to `revision`."""
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_run, "downgrade", revision)
    finally:
        await engine.dispose()


def upgrade_sync(url: str | URL, revision: str = "head") -> None:
    """Migrates from synchronous code (start-up, command line); not from inside a running loop."""
    asyncio.run(upgrade(url, revision))


def _run(connection: Connection, direction: str, revision: str) -> None:
    config = alembic_config(connection=connection)
    if direction == "upgrade":
        command.upgrade(config, revision)
    else:
        command.downgrade(config, revision)
