"""The scheduler tick: an APScheduler interval job that claims due events and delivers them.

Nothing per user lives in the scheduler: the due_events table is the schedule. Each tick claims
what is due (committing the claim first), runs each event as a turn, then sends the replies.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Awaitable, Callable
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.coach import Coach, Said
from bot.storage import DueEvent, Repository

log = logging.getLogger(__name__)

Deliver = Callable[[DueEvent, Said], Awaitable[None]]
STALE_CLAIM = timedelta(minutes=10)


class Ticker:
    """Claims due events in batches and turns each into a conversation turn."""

    def __init__(self, coach: Coach, deliver: Deliver, *, batch: int = 200) -> None:
        self.coach = coach
        self.deliver = deliver
        self.batch = batch
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    async def tick(self) -> int:
        """Runs one tick; returns how many events it delivered."""
        now = self.coach.clock()

        def claim(repo: Repository) -> list[DueEvent]:
            repo.release_stale_claims(now, STALE_CLAIM)
            return repo.claim_due(now, self.batch, self.worker)

        claimed = await self.coach.db.run(claim)
        for due in claimed:
            try:
                said = await self.coach.handle_due(due)
            except Exception:
                log.exception("due event %s (%s) failed", due.id, due.kind)
                await self._failed(due.id)
                continue
            await self.deliver(due, said)
        return len(claimed)

    async def _failed(self, event_id: int) -> None:
        now = self.coach.clock()
        await self.coach.db.run(lambda repo: repo.finish_due(event_id, "failed", now=now))

    def schedule(self, scheduler: AsyncIOScheduler, every_seconds: float) -> None:
        """Adds the tick as an interval job (one at a time, missed runs coalesced)."""
        scheduler.add_job(
            self.tick,
            "interval",
            seconds=every_seconds,
            id="backcoach-tick",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
