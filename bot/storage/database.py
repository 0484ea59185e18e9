"""The one way the shell touches storage: units of work, each one committed transaction.

A unit of work is a plain function of a Repository. On SQLite it runs whole in one dedicated
thread (one hand-off per unit, and writers of this process never wait on each other in SQLite's
busy handler); on PostgreSQL it runs through SQLAlchemy's greenlet bridge over asyncpg, so the
same synchronous repository code serves both.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.db import is_sqlite, make_engine, make_sqlite_engine
from bot.storage.repo import Repository

T = TypeVar("T")
Work = Callable[[Repository], T]


class Database:
    """An open database: SQLite (a sync engine and its thread) or PostgreSQL (an async engine).

    Build it with `Database.open(url)`; close it with `await dispose()`.
    """

    def __init__(
        self,
        url: URL,
        *,
        sqlite: Engine | None = None,
        postgres: AsyncEngine | None = None,
    ) -> None:
        self.url = url
        self.is_sqlite = sqlite is not None
        self._sqlite = sqlite
        self._postgres = postgres
        self._disposed = False
        self._thread: ThreadPoolExecutor | None = None
        self._sync_sessions: sessionmaker[Session] | None = None
        # PostgreSQL only: async sessions, for the rare caller that must hold a transaction open
        # across awaits (a test of row locks). Everything else goes through run().
        self.sessions: async_sessionmaker[AsyncSession] | None = None
        if sqlite is not None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backcoach-db")
            self._sync_sessions = sessionmaker(sqlite, expire_on_commit=False)
        elif postgres is not None:
            self.sessions = async_sessionmaker(postgres, expire_on_commit=False)
        else:
            raise ValueError("a Database needs an engine")

    @classmethod
    def open(cls, url: str | URL) -> Database:
        """Opens the database at `url` (sqlite[+aiosqlite]:///… or postgresql+asyncpg://…)."""
        parsed = make_url(url)
        if is_sqlite(parsed):
            return cls(parsed, sqlite=make_sqlite_engine(parsed))
        return cls(parsed, postgres=make_engine(parsed))

    async def run(self, work: Work[T]) -> T:
        """Runs `work` in one transaction, committed before this returns.

        An exception rolls the transaction back and propagates. `work` does CPU and SQL only:
        on SQLite it runs in the database thread, on PostgreSQL inside the event loop's thread.
        """
        if self._disposed:
            raise RuntimeError("the database is closed")
        if self._thread is not None:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._thread, self._unit, work)
        assert self.sessions is not None
        async with self.sessions() as session, session.begin():
            return await session.run_sync(lambda sync_session: _guarded(work, sync_session))

    def _unit(self, work: Work[T]) -> T:
        assert self._sync_sessions is not None
        with self._sync_sessions.begin() as session:
            return _guarded(work, session)

    async def dispose(self) -> None:
        """Closes every connection (on SQLite from its own thread, then ends the thread)."""
        if self._disposed:
            return
        self._disposed = True
        if self._thread is not None and self._sqlite is not None:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._thread, self._sqlite.dispose)
            thread = self._thread
            await asyncio.to_thread(thread.shutdown, wait=True)
        elif self._postgres is not None:
            await self._postgres.dispose()

    def __repr__(self) -> str:
        shown = self.url.render_as_string(hide_password=True)
        return f"<Database {shown}{' (closed)' if self._disposed else ''}>"


def _guarded(work: Work[T], session: Session) -> T:
    """Runs `work`; a StopIteration leaking out of it becomes a RuntimeError. asyncio cannot pass
    StopIteration through a future: the awaiting caller would never finish (holding, for a turn,
    the person's lock for good). Any other exception passes as it is."""
    try:
        return work(Repository(session))
    except StopIteration as error:
        raise RuntimeError("a unit of work raised StopIteration") from error
