"""The scheduler tick: an APScheduler interval job that claims due events and delivers them.

Nothing per user lives in the scheduler: the due_events table is the schedule. Each tick claims
what is due (the claim is committed first), runs each event as a turn — which keeps the replies
with the event — then sends them, several people at a time, each person in order, and records
what became of the send. Nothing due is lost (DESIGN §7): an event is done only once Telegram has
taken its message (or the person has blocked the bot); a failed send is tried again with backoff,
by any process, from the replies kept (the turn is not run again); a process killed mid-send
leaves its claim to go stale and be taken up again (a duplicate question is possible, a lost one
is not). A morning nudge too late is recorded as skipped rather than sent at noon. A second,
daily job deletes the accounts that have been silent for a year; a third, hourly, forgets the
update ids handled more than two days ago.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import socket
import time
from asyncio import FIRST_COMPLETED
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.coach import Coach
from bot.logs import described
from bot.metrics import DUE_EVENTS, DUE_LATENESS
from bot.outbox import RETRY_FIRST, RETRY_MOST, Backoff, said_of
from bot.said import Delivery, Outcome, Said
from bot.storage import DueEvent, Repository

log = logging.getLogger(__name__)

Deliver = Callable[[DueEvent, Said], Awaitable[Delivery]]
Pace = Callable[[DueEvent], Awaitable[None]]
STALE_CLAIM = timedelta(minutes=10)  # default: a claim this old belonged to a process that died
DRAIN_GRACE = 15.0  # seconds a stopping process gives the sends in hand
TICK_BUDGET = 60.0  # seconds a tick may keep claiming while full batches come back
LATE_SKIPPED = ("nudge",)  # kinds that are pointless once late; the rest are sent late
RETENTION_EVERY = timedelta(hours=24)
_COUNTED = {Outcome.SENT: "sent", Outcome.BLOCKED: "blocked", Outcome.FAILED: "retry"}
RETENTION_FIRST = timedelta(minutes=1)  # the first run, shortly after start
PRUNE_EVERY = timedelta(hours=1)  # processed update ids: kept two days, gone within the hour after


class Ticker:
    """Claims due events in batches and turns each into a conversation turn."""

    def __init__(
        self,
        coach: Coach,
        deliver: Deliver,
        *,
        batch: int = 32,
        in_flight: int = 32,
        claim_timeout: float = STALE_CLAIM.total_seconds(),
        pace: Pace | None = None,
        retry_first: float = RETRY_FIRST,
        retry_most: float = RETRY_MOST,
    ) -> None:
        self.coach = coach
        self.deliver = deliver
        # Waits for the event's first send slot BEFORE its turn runs (deliver is then told so): the
        # message goes out moments after the turn, not after a queue. Without it the wait is
        # inside deliver.
        self.pace = pace
        self.backoff = Backoff(retry_first, retry_most)
        self.batch = batch
        self.in_flight = asyncio.Semaphore(in_flight)
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.late_after = timedelta(hours=coach.content.rhythm.nudge_late_hours)
        self.claim_timeout = timedelta(seconds=claim_timeout)
        self.last_tick_at: datetime | None = None  # when a tick last claimed (for /healthz)
        self._stopping = False
        self._ticking = 0

    async def tick(self) -> int:
        """Runs one tick; returns how many events it claimed.

        Claims are pipelined: the next batch is claimed as soon as no more than one batch of this
        process's claims is still unfinished, so the in-flight slots stay busy through a long
        fan-out while each process holds only about two batches — the rest is left for the other
        replicas to claim. A tick ends when it has caught up (or after TICK_BUDGET).
        """
        if self._stopping:
            return 0
        started = time.monotonic()
        running: set[asyncio.Task[None]] = set()
        total = 0
        self._ticking += 1
        try:
            while not self._stopping:
                claimed = await self.coach.db.run(
                    functools.partial(self._claim, now=self.coach.clock())
                )
                self.last_tick_at = self.coach.clock()
                total += len(claimed)
                running.update(asyncio.create_task(self._one(due)) for due in claimed)
                if len(claimed) < self.batch or time.monotonic() - started > TICK_BUDGET:
                    break  # caught up (a full batch means more may be waiting), or time to rest
                while len(running) > self.batch:
                    _, running = await asyncio.wait(running, return_when=FIRST_COMPLETED)
            if running:
                await asyncio.gather(*running)
        except BaseException:
            for task in running:
                task.cancel()  # the process is dying: what was claimed stays claimed
            raise
        finally:
            self._ticking -= 1
        self.last_tick_at = self.coach.clock()
        return total

    async def drain(self, grace: float = DRAIN_GRACE) -> None:
        """Stops claiming and gives the events in hand up to `grace` seconds to be sent (what is
        not sent by then is kept, and taken up again once its claim is stale)."""
        self._stopping = True
        deadline = time.monotonic() + grace
        while self._ticking and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    def _claim(self, repo: Repository, now: datetime) -> list[DueEvent]:
        repo.due.release_stale_claims(now, self.claim_timeout)
        return repo.due.claim_due(now, self.batch, self.worker)

    async def _one(self, due: DueEvent) -> None:
        async with self.in_flight:
            lateness = self.coach.clock() - due.due_at
            DUE_LATENESS.labels(due.kind).observe(max(0.0, lateness.total_seconds()))
            late = due.kind in LATE_SKIPPED and lateness > self.late_after
            try:
                if due.outbox is not None and late:
                    # Its turn ran but Telegram never took the nudge: too late to send it now.
                    await self.coach.finish_due(due, "skipped")
                    said = None
                else:
                    if self.pace is not None and not late:
                        await self.pace(due)
                    if due.outbox is not None:
                        said = said_of(due.outbox)  # kept by its turn: sent again as it was
                    else:
                        said = await self.coach.handle_due(due, late=late)
            except Exception as error:
                log.error("due event %s (%s) failed: %s", due.id, due.kind, described(error))
                DUE_EVENTS.labels(due.kind, "failed").inc()
                await self._failed(due.id)
                return
            if said is None or late:
                log.info("due event %s (%s) was late and is recorded as skipped", due.id, due.kind)
                DUE_EVENTS.labels(due.kind, "skipped").inc()
                return
            if not said.replies:
                DUE_EVENTS.labels(due.kind, "sent").inc()  # nothing to say: done in its turn
                return
            await self._deliver(due, said)

    async def _deliver(self, due: DueEvent, said: Said) -> None:
        """Sends what the event's turn said and records the outcome: done when Telegram took it
        or the person blocked the bot; otherwise kept to be tried again after a backoff."""
        try:
            delivery = await self.deliver(due, said)
        except Exception as error:
            log.error("delivering due event %s (%s) failed: %s", due.id, due.kind, described(error))
            delivery = Delivery.failed()
        retry_at = None
        if delivery.outcome is Outcome.FAILED:
            wait = self.backoff.wait(due.attempts)
            retry_at = self.coach.clock() + timedelta(seconds=wait)
            log.warning(
                "due event %s (%s) not sent (attempt %d); trying again in %.0f s",
                due.id,
                due.kind,
                due.attempts,
                wait,
            )
        try:
            await self.coach.record(said, delivery, due=due, retry_at=retry_at)
        except Exception as error:
            # The event stays claimed: once the claim is stale, it is taken up and sent again.
            log.error("recording due event %s (%s) failed: %s", due.id, due.kind, described(error))
            return
        DUE_EVENTS.labels(due.kind, _COUNTED[delivery.outcome]).inc()

    async def _failed(self, event_id: int) -> None:
        now = self.coach.clock()
        await self.coach.db.run(lambda repo: repo.due.finish_due(event_id, "failed", now=now))

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

    async def forget_inactive(self) -> int:
        """Deletes the accounts silent for a year (Coach.forget_inactive); logs only counts."""
        try:
            return await self.coach.forget_inactive()
        except Exception as error:
            log.error("retention run failed: %s", described(error))
            return 0

    async def forget_updates(self) -> int:
        """Forgets the update ids handled two days ago or more (Coach.forget_updates)."""
        try:
            return await self.coach.forget_updates()
        except Exception as error:
            log.error("pruning update ids failed: %s", described(error))
            return 0

    def schedule_retention(
        self,
        scheduler: AsyncIOScheduler,
        *,
        every: timedelta = RETENTION_EVERY,
        first_after: timedelta = RETENTION_FIRST,
    ) -> None:
        """Adds the daily retention run and the hourly pruning of update ids as interval jobs,
        each run first shortly after start."""
        for run, job_id, interval in (
            (self.forget_inactive, "backcoach-retention", every),
            (self.forget_updates, "backcoach-prune-updates", PRUNE_EVERY),
        ):
            scheduler.add_job(
                run,
                "interval",
                seconds=interval.total_seconds(),
                next_run_time=datetime.now(UTC) + first_after,
                id=job_id,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
            )
