"""Alembic environment: an async engine on PostgreSQL, batch mode on SQLite, no alembic.ini needed.

bot.storage.migrate passes a live connection in `config.attributes["connection"]`; without one
(e.g. the alembic command line with a config of its own) the URL comes from
`config.attributes["url"]` or the `sqlalchemy.url` option.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from bot.storage.db import is_sqlite, make_engine, make_sqlite_engine
from bot.storage.tables import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Writes our UTCDateTime as the plain type it stores, so revisions never import the app."""
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def do_run_migrations(connection: Connection) -> None:
    """Runs the migrations on one synchronous connection."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=is_sqlite(connection),
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_sqlite_migrations(url: str) -> None:
    """Opens a (synchronous) SQLite engine of our own and runs the migrations through it."""
    engine = make_sqlite_engine(url)
    try:
        with engine.begin() as connection:
            do_run_migrations(connection)
    finally:
        engine.dispose()


async def run_async_migrations(url: str) -> None:
    """Opens an async (PostgreSQL) engine of our own and runs the migrations through it."""
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(do_run_migrations)
            await connection.commit()
    finally:
        await engine.dispose()


def run_migrations_offline(url: str) -> None:
    """Writes the SQL instead of running it."""
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    """Picks the connection given by the caller, or makes one from the URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        do_run_migrations(connection)
        return
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL: pass config.attributes['url'] or sqlalchemy.url")
    if context.is_offline_mode():
        run_migrations_offline(url)
    elif is_sqlite(url):
        run_sqlite_migrations(url)
    else:
        asyncio.run(run_async_migrations(url))


main()
