"""The inbox worker: takes acknowledged updates from the inbox and runs them through the bot.

Woken by each new POST, and polling every second for what other replicas stored and for claims
whose process died. Different people are handled concurrently; one person's updates one at a
time and in order (the claim guarantees it across replicas, the update processor in-process).
A row is deleted only after its update went through the Application and the replies its turn
kept on the row were sent (the handler records that), so a crash in between leaves it for any
replica: the turn's update-id check makes the second run a no-op that sends the kept replies.
Replies Telegram did not take stay kept, and the row waits a backoff (as a due event's do) before
any replica takes it up to send them again; the person's later updates wait behind it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from datetime import datetime, timedelta

from telegram import Update

from bot.logs import described
from bot.metrics import INBOX_WAITING
from bot.outbox import Backoff
from bot.storage import Database, Repository, inbox
from bot.telegram.app import App

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
IN_FLIGHT = 64  # updates handled at once by this process (different people)
STOP_GRACE = 10.0  # seconds the updates in hand may take to finish when the server stops
DONE_RETRIES = 3


class InboxWorker:
    """Claims inbox rows and feeds them to the Application's update processor."""

    def __init__(
        self,
        app: App,
        db: Database,
        clock: Callable[[], datetime],
        *,
        stale_after: timedelta,
        in_flight: int = IN_FLIGHT,
        poll_seconds: float = POLL_SECONDS,
        backoff: Backoff | None = None,
    ) -> None:
        self.app = app
        self.db = db
        self.clock = clock
        self.stale_after = stale_after
        self.backoff = backoff or Backoff()
        self.in_flight = in_flight
        self.poll_seconds = poll_seconds
        self.name = f"{socket.gethostname()}:{os.getpid()}"[:64]
        self.wake = asyncio.Event()
        self._stopping = False
        self._main: asyncio.Task[None] | None = None
        self._tasks: dict[asyncio.Task[None], int] = {}  # in hand → its update id

    @property
    def running(self) -> bool:
        """Whether the claim loop is alive."""
        return self._main is not None and not self._main.done()

    def start(self) -> None:
        """Starts the claim loop on the running event loop."""
        self._main = asyncio.create_task(self._run(), name="backcoach-inbox")

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Stops claiming, lets the updates in hand finish (up to `grace` seconds), and hands
        back the claims of any it had to cut short."""
        self._stopping = True
        self.wake.set()
        if self._main is not None:
            await self._main
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=grace)
        unfinished = dict(self._tasks)
        for task in unfinished:
            task.cancel()
        if unfinished:
            await asyncio.gather(*unfinished, return_exceptions=True)
        for update_id in unfinished.values():
            await self._quietly(self._hand_back(update_id))

    def _hand_back(self, update_id: int) -> Callable[[Repository], None]:
        return lambda repo: repo.inbox.release(update_id, self.name, failed=False)

    async def _run(self) -> None:
        while not self._stopping:
            self.wake.clear()
            room = self.in_flight - len(self._tasks)
            if room > 0:
                for row in await self._claim(room):
                    task = asyncio.create_task(self._one(row), name=f"inbox-{row.update_id}")
                    self._tasks[task] = row.update_id
                    task.add_done_callback(self._finished)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), self.poll_seconds)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.pop(task, None)
        self.wake.set()  # this person's next update may be claimable now

    async def _claim(self, limit: int) -> list[inbox.Claimed]:
        now = self.clock()

        def work(repo: Repository) -> list[inbox.Claimed]:
            claimed = repo.inbox.claim(now, limit, self.name, self.stale_after)
            INBOX_WAITING.set(repo.inbox.waiting())
            return claimed

        try:
            return await self.db.run(work)
        except Exception as error:
            log.error("inbox: claiming failed: %s", described(error))
            return []

    async def _one(self, row: inbox.Claimed) -> None:
        inbox.CLAIM.set(row.attempts)  # this task's own context: the turn checks its claim
        try:
            update = Update.de_json(row.body, self.app.bot)
        except Exception:
            await self._quietly(
                lambda repo: repo.inbox.give_up(row.update_id, "not a Telegram update")
            )
            return
        try:
            await self.app.update_processor.process_update(update, self.app.process_update(update))
        except Exception as error:
            # Handler failures went to the error handler already; this is what escaped it.
            log.error("inbox: update %s failed: %s", row.update_id, described(error))
            await self._quietly(lambda repo: repo.inbox.release(row.update_id, self.name))
            return
        for attempt in range(1, DONE_RETRIES + 1):
            try:
                await self._settle(row)
                return
            except Exception as error:
                # Left claimed, it is taken up again after the claim timeout: a no-op then, or
                # the kept replies sent.
                log.warning(
                    "inbox: settling update %s failed (try %d): %s",
                    row.update_id,
                    attempt,
                    described(error),
                )
                await asyncio.sleep(0.2 * attempt)

    async def _settle(self, row: inbox.Claimed) -> None:
        """After the update went through the bot: gone if it kept nothing to send (or its replies
        were sent: the row went then); else its send failed or never came, and it is given up
        until its backoff has passed."""
        if await self.db.run(
            lambda repo: repo.inbox.handled(row.update_id, self.name), one_statement=True
        ):
            return
        failures = row.attempts if row.sending else 1  # a sending row's claims are its sends
        wait = self.backoff.wait(failures)
        at = self.clock() + timedelta(seconds=wait)

        def retry(repo: Repository) -> bool:
            return repo.inbox.retry_send(row.update_id, self.name, at)

        if await self.db.run(retry, one_statement=True):
            log.warning(
                "inbox: update %s's replies not sent (try %d); trying again in %.0f s",
                row.update_id,
                failures,
                wait,
            )

    async def _quietly(self, work: Callable[[Repository], None]) -> None:
        try:
            await self.db.run(work)
        except Exception as error:
            log.error("inbox: bookkeeping failed: %s", described(error))
