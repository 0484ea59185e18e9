"""The poller lock: at most one long-polling process per database.

Telegram hands each update to one getUpdates caller, so two pollers of one bot would split a
person's messages between two processes. `backcoach run` takes this lock before it polls and
holds it while it runs: a PostgreSQL session-level advisory lock (held by a connection of its
own), or on SQLite an exclusive lock on a file beside the database. Either is released by the
operating system or the server when the process dies, even by kill -9.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import URL

from bot.storage.db import driver_url, is_sqlite, sqlite_url

POLLER_LOCK = 0x6261636B706F6C6C  # "backpoll"


class PollerLock:
    """A held poller lock; `release()` gives it up (exiting the process does too)."""

    def __init__(
        self, *, fd: int | None = None, connection: asyncpg.Connection | None = None
    ) -> None:
        self._fd = fd
        self._connection = connection

    async def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.close()
            self._connection = None


async def take_poller_lock(url: str | URL) -> PollerLock | None:
    """Takes the poller lock of the database at `url`; None when another process holds it."""
    if is_sqlite(url):
        return _take_file_lock(sqlite_url(url))
    connection = await asyncpg.connect(driver_url(url))
    try:
        taken = await connection.fetchval("SELECT pg_try_advisory_lock($1)", POLLER_LOCK)
    except BaseException:
        await connection.close()
        raise
    if not taken:
        await connection.close()
        return None
    return PollerLock(connection=connection)


def _take_file_lock(url: URL) -> PollerLock | None:
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return PollerLock()  # nothing on disk to share, so no one to share it with
    path = Path(database).expanduser().resolve().with_name(Path(database).name + ".poller")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return PollerLock(fd=fd)
