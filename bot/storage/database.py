"""The one way the shell touches storage: units of work, each one committed transaction.

A unit of work is a plain function of a Repository. On SQLite it runs whole in one dedicated
thread, so writers of this process never wait on each other in SQLite's busy handler; units that
queue up while the thread is busy run back to back in one transaction (a group commit: one
hand-off, one BEGIN and one COMMIT for the lot; if any of them fails, the lot is rolled back and
each unit runs again in a transaction of its own, so no unit's outcome depends on another's). On
PostgreSQL a unit runs through SQLAlchemy's greenlet bridge over asyncpg, so the same synchronous
repository code serves both.

On SQLite, a commit that erased someone (their /delete, the retention run) is followed by a WAL
checkpoint that truncates the -wal file: with secure_delete on (bot.storage.db), nothing of the
person stays readable in the database's files while the bot runs (DESIGN §6).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.db import is_sqlite, make_engine, make_sqlite_engine
from bot.storage.part import erased
from bot.storage.repo import Repository

log = logging.getLogger(__name__)

T = TypeVar("T")
Work = Callable[[Repository], T]
GROUP_COMMIT = 64  # at most this many queued SQLite units share one transaction
RECONNECTS = 1  # times a PostgreSQL unit runs again when its connection died under it


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
        self._postgres = postgres
        self._disposed = False
        self._worker: _SQLiteThread | None = None
        self._sessions: async_sessionmaker[AsyncSession] | None = None
        if sqlite is not None:
            self._worker = _SQLiteThread(sqlite)
        elif postgres is not None:
            self._sessions = async_sessionmaker(postgres, expire_on_commit=False)
        else:
            raise ValueError("a Database needs an engine")

    @classmethod
    def open(cls, url: str | URL) -> Database:
        """Opens the database at `url` (sqlite[+aiosqlite]:///… or postgresql+asyncpg://…)."""
        parsed = make_url(url)
        if is_sqlite(parsed):
            return cls(parsed, sqlite=make_sqlite_engine(parsed))
        return cls(parsed, postgres=make_engine(parsed))

    async def run(self, work: Work[T], *, one_statement: bool = False) -> T:
        """Runs `work` in one transaction, committed before this returns.

        An exception rolls the transaction back and propagates. `work` does CPU and SQL only,
        nothing outside its session: on SQLite it runs in the database thread, possibly twice (a
        group commit that fails is rolled back and every unit in it runs again alone); on
        PostgreSQL it runs inside the event loop's thread, again on a new connection when the
        server closed the one it had before the COMMIT (a restart).

        `one_statement`: `work` runs one statement, which PostgreSQL then commits by itself: one
        round trip instead of three (BEGIN, the statement, COMMIT). SQLite ignores it.
        """
        if self._disposed:
            raise RuntimeError("the database is closed")
        if self._worker is not None:
            return await self._worker.submit(work)
        assert self._sessions is not None and self._postgres is not None
        if one_statement:
            return await self._run_alone(work)
        for attempt in range(1, RECONNECTS + 2):
            ran = False
            try:
                async with self._sessions() as session, session.begin():
                    value = await session.run_sync(lambda s: _guarded(work, s))
                    ran = True
                return value
            except DBAPIError as error:
                # The connection died under the unit, before its COMMIT was sent: nothing of it
                # was stored, so it runs again on a fresh connection. A death during COMMIT
                # leaves the outcome unknown: that one propagates.
                if ran or not error.connection_invalidated or attempt > RECONNECTS:
                    raise
        raise AssertionError("unreachable")

    async def _run_alone(self, work: Work[T]) -> T:
        """Runs a one-statement unit on a connection in autocommit mode (no BEGIN, no COMMIT)."""
        assert self._postgres is not None
        async with self._postgres.connect() as connection:
            alone = await connection.execution_options(isolation_level="AUTOCOMMIT")
            return await alone.run_sync(lambda c: _autocommitted(work, c))

    @contextlib.asynccontextmanager
    async def held(self) -> AsyncIterator[Held]:
        """PostgreSQL only: one transaction held open across awaits, committed at the end of the
        block; units run in it one after another. For the rare caller that must hold row locks
        while something else happens (a test of two processes' turns)."""
        if self._sessions is None:
            raise RuntimeError("a transaction held across awaits needs PostgreSQL")
        async with self._sessions() as session, session.begin():
            yield Held(session)

    async def dispose(self) -> None:
        """Closes every connection (on SQLite from its own thread, then ends the thread)."""
        if self._disposed:
            return
        self._disposed = True
        if self._worker is not None:
            await self._worker.stop()
        elif self._postgres is not None:
            await self._postgres.dispose()

    def __repr__(self) -> str:
        shown = self.url.render_as_string(hide_password=True)
        return f"<Database {shown}{' (closed)' if self._disposed else ''}>"


class Held:
    """A PostgreSQL transaction held open (Database.held): `run` runs a unit inside it."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def run(self, work: Work[T]) -> T:
        """Runs `work` in the held transaction, which commits when the block ends."""
        return await self._session.run_sync(lambda sync_session: _guarded(work, sync_session))


def _autocommitted(work: Work[T], connection: Connection) -> T:
    with Session(bind=connection) as session:
        return _guarded(work, session)


def _guarded(work: Work[T], session: Session) -> T:
    """Runs `work`; a StopIteration leaking out of it becomes a RuntimeError. asyncio cannot pass
    StopIteration through a future: the awaiting caller would never finish (holding, for a turn,
    the person's lock for good). Any other exception passes as it is."""
    try:
        return work(Repository(session))
    except StopIteration as error:
        raise RuntimeError("a unit of work raised StopIteration") from error


@dataclass(frozen=True)
class _Job:
    """One queued unit of work and where its outcome goes."""

    work: Work[Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


class _SQLiteThread:
    """SQLite's one database thread: takes every unit queued (up to GROUP_COMMIT) and runs them in
    one transaction; their callers hear back, in one hand-off per event loop, after the commit."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="backcoach-db", daemon=True)
        self._thread.start()

    def submit(self, work: Work[T]) -> asyncio.Future[T]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Job(work, future, loop))
        return future

    async def stop(self) -> None:
        """Runs what is queued, closes the connections from this thread, and ends it."""
        self._queue.put(None)
        await asyncio.to_thread(self._thread.join)

    def _serve(self) -> None:
        while True:
            jobs: list[_Job] = []
            job = self._queue.get()
            while job is not None:
                if not job.future.cancelled():  # its caller stopped waiting before it ran
                    jobs.append(job)
                if len(jobs) >= GROUP_COMMIT:
                    break
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
            if jobs:
                self._deliver(jobs, self._run(jobs))
            if job is None:
                self._engine.dispose()
                return

    def _run(self, jobs: list[_Job]) -> list[tuple[bool, Any]]:
        """Each job's (succeeded, result or exception), all committed before this returns."""
        if len(jobs) > 1:
            try:
                with self._sessions.begin() as session:
                    values = [_guarded(job.work, session) for job in jobs]
            except BaseException:
                pass  # rolled back: each runs again alone, so only the failing one fails
            else:
                self._after(session)
                return [(True, value) for value in values]
        return [self._alone(job) for job in jobs]

    def _alone(self, job: _Job) -> tuple[bool, Any]:
        try:
            with self._sessions.begin() as session:
                value = _guarded(job.work, session)
        except BaseException as error:  # as a ThreadPoolExecutor would: the caller gets it
            return False, error
        self._after(session)
        return True, value

    def _after(self, session: Session) -> None:
        """After a commit: if it erased someone, the WAL is checkpointed into the database file
        and truncated, so the erased rows live on in neither file."""
        if not erased(session):
            return
        try:
            with self._engine.connect() as connection:
                busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
        except Exception as error:  # the erase is committed; the next erase checkpoints again
            log.error("WAL checkpoint after an erase failed: %s", type(error).__name__)
            return
        if busy:  # another process reading (a CLI command): the next erase checkpoints again
            log.warning("WAL checkpoint after an erase was blocked by a reader")

    @staticmethod
    def _deliver(jobs: list[_Job], outcomes: list[tuple[bool, Any]]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Job, bool, Any]]] = {}
        for job, (ok, value) in zip(jobs, outcomes, strict=True):
            by_loop.setdefault(job.loop, []).append((job, ok, value))
        for loop, settled in by_loop.items():
            try:
                loop.call_soon_threadsafe(_settle, settled)
            except RuntimeError:
                pass  # that event loop has closed: nobody is waiting any more


def _settle(settled: list[tuple[_Job, bool, Any]]) -> None:
    for job, ok, value in settled:
        if job.future.cancelled():
            continue
        if ok:
            job.future.set_result(value)
        else:
            job.future.set_exception(value)
