"""The Alembic migrations build exactly the schema that bot/storage/tables.py declares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from bot.storage.database import Database
from bot.storage.migrate import downgrade, upgrade
from bot.storage.tables import Base

T = TypeVar("T")


def _diffs(connection: Connection, metadata: sa.MetaData = Base.metadata) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


def _tables(connection: Connection) -> set[str]:
    return set(sa.inspect(connection).get_table_names())


async def inspect(url: str, look: Callable[[Connection], T]) -> T:
    """Runs `look` on a connection to the database, opened as the bot opens it."""
    db = Database.open(url)
    try:
        return await db.run(lambda repo: look(repo.sql.connection()))
    finally:
        await db.dispose()


async def test_migrated_schema_matches_the_tables(blank_db_url: str) -> None:
    """After upgrade head, autogenerate finds nothing to add, drop or alter."""
    await upgrade(blank_db_url)
    assert await inspect(blank_db_url, _diffs) == []


async def test_comparison_notices_a_missing_column(blank_db_url: str) -> None:
    """The schema check is not vacuous: a column the migrations lack is reported."""
    await upgrade(blank_db_url)
    extended = sa.MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(extended)
    extended.tables["users"].append_column(sa.Column("nickname", sa.String(32)))
    diffs = await inspect(blank_db_url, lambda connection: _diffs(connection, extended))
    assert [d[0] for d in diffs] == ["add_column"]


async def test_upgrade_twice_is_harmless(blank_db_url: str) -> None:
    """Running upgrade on a database already at head changes nothing."""
    await upgrade(blank_db_url)
    await upgrade(blank_db_url)
    assert await inspect(blank_db_url, _diffs) == []


async def test_downgrade_removes_every_table(blank_db_url: str) -> None:
    """Downgrading to base leaves only Alembic's own version table."""
    await upgrade(blank_db_url)
    await downgrade(blank_db_url, "base")
    assert await inspect(blank_db_url, _tables) == {"alembic_version"}
