"""Several processes on one database: the shared send budget, the poller lock, 429 retries.

The budget and poller-lock tests run against the real databases (the shared budget on the real
PostgreSQL server); the kill -9 cases use real child processes.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram.error import RetryAfter

from bot.storage import Database, DueEvent, Repository
from bot.storage.budget import Block
from bot.storage.locks import take_poller_lock
from bot.telegram.limiter import DatabaseBudget, RateLimiter, SharedRateLimiter, make_limiter
from bot.telegram.sender import RETRY_AFTER_WAITS, call
from flows.model import Schedule

ROOT = Path(__file__).resolve().parents[2]
postgres_only = pytest.mark.parametrize("db_url", ["postgres"], indirect=True)


# ------------------------------------------------------------------------------ 429 and retry
# (PTB 22 warns, when a RetryAfter is made, that retry_after will become a timedelta.)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_a_429_retry_queues_on_the_limiter_again() -> None:
    """After waiting out retry_after the retry passes the limiter again (pace), so it does not
    jump the queue of everything else being sent; then it succeeds once."""
    events: list[str] = []
    answers = iter([RetryAfter(timedelta(0)), RetryAfter(timedelta(0)), "sent"])

    async def make() -> str:
        answer = next(answers)
        events.append("request")
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def pace() -> None:
        events.append("pace")

    assert await call(make, pace=pace) == "sent"
    assert events == ["request", "pace", "request", "pace", "request"]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_429s_are_waited_out_only_so_often() -> None:
    """A Bot API that answers 429 for ever: the call gives up after RETRY_AFTER_WAITS waits."""
    tries = 0

    async def make() -> None:
        nonlocal tries
        tries += 1
        raise RetryAfter(timedelta(0))

    with pytest.raises(RetryAfter):
        await call(make)
    assert tries == RETRY_AFTER_WAITS + 1


# ------------------------------------------------------------------------------ the send budget


@postgres_only
async def test_two_replicas_share_one_send_rate(db_url: str) -> None:
    """Two processes' limiters (each its own Database) at 20 msg/s, 24 sends each to distinct
    chats, the second starting a moment later: together they keep 20/s in every second (alone
    each would finish in ~1.2 s), and they take turns — the first does not book the budget for
    its whole queue while the second waits."""
    rate, each = 20.0, 24
    first, second = Database.open(db_url), Database.open(db_url)
    try:
        stamps: list[tuple[float, str]] = []

        async def replica(db: Database, name: str, chats: range, after: float) -> None:
            await asyncio.sleep(after)
            limiter = SharedRateLimiter(DatabaseBudget(db), rate)

            async def one(chat: int) -> None:
                await limiter.wait(chat)
                stamps.append((time.monotonic(), name))

            await asyncio.gather(*(one(chat) for chat in chats))

        started = time.monotonic()
        await asyncio.gather(
            replica(first, "first", range(each), 0.0),
            replica(second, "second", range(100, 100 + each), 0.2),
        )
    finally:
        await first.dispose()
        await second.dispose()
    stamps.sort()
    times = [at for at, _ in stamps]
    assert len(times) == 2 * each
    busiest = max(sum(1 for s in times if t <= s < t + 1.0) for t in times)
    assert busiest <= rate + 1  # a slot at each end of the window
    assert times[-1] - started >= (2 * each - 1) / rate * 0.9
    second_starts = next(at for at, name in stamps if name == "second")
    assert second_starts - started < 0.6, "the first replica held the budget for its queue"


@postgres_only
async def test_one_chat_waits_its_own_second_under_the_shared_budget(db_url: str) -> None:
    """Three sends to one chat through the shared limiter are at least a second apart."""
    db = Database.open(db_url)
    try:
        limiter = SharedRateLimiter(DatabaseBudget(db), 100.0)
        stamps = []
        for _ in range(3):
            await limiter.wait(42)
            stamps.append(time.monotonic())
    finally:
        await db.dispose()
    assert all(b - a >= 0.99 for a, b in itertools.pairwise(stamps))


@postgres_only
async def test_the_budget_does_not_bank_idle_time(db_url: str) -> None:
    """A budget unused for a while starts again from now: no burst of saved-up slots, and a
    second block starts where the first ended."""
    db = Database.open(db_url)
    try:
        first = await db.run(lambda repo: repo.budget.reserve("idle", 10, 0.02))
        second = await db.run(lambda repo: repo.budget.reserve("idle", 10, 0.02))
        await asyncio.sleep(0.6)
        third = await db.run(lambda repo: repo.budget.reserve("idle", 10, 0.02))
        fourth = await db.run(lambda repo: repo.budget.reserve("idle", 1, 0.02))
    finally:
        await db.dispose()
    assert first.delay == 0.0
    assert 0.15 <= second.delay <= 0.2  # behind the ten slots of the first block
    assert third.delay == 0.0  # idle 0.6 s: starts from now ...
    assert 0.15 <= fourth.delay <= 0.2  # ... and nothing was saved up for a burst


async def test_the_limiter_follows_the_database(db_url: str) -> None:
    """PostgreSQL (replicas possible) shares the rate through the database; SQLite keeps it in
    memory (one process)."""
    db = Database.open(db_url)
    try:
        limiter = make_limiter(30, db)
    finally:
        await db.dispose()
    assert isinstance(limiter, RateLimiter if db.is_sqlite else SharedRateLimiter)


# ------------------------------------------------------------------------------ the poller lock


async def test_only_one_poller_per_database(db_url: str) -> None:
    """The second taker is refused while the first holds the lock, and gets it once released."""
    first = await take_poller_lock(db_url)
    assert first is not None
    try:
        assert await take_poller_lock(db_url) is None
    finally:
        await first.release()
    again = await take_poller_lock(db_url)
    assert again is not None
    await again.release()


HOLDER = """
import asyncio, sys
from bot.storage.locks import take_poller_lock

async def main():
    lock = await take_poller_lock(sys.argv[1])
    print("held" if lock else "refused", flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""


async def test_a_killed_poller_frees_the_lock(db_url: str) -> None:
    """kill -9 of the process holding the lock: the next poller may start at once."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, db_url], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        line = await asyncio.to_thread(holder.stdout.readline)
        assert line.strip() == "held"
        assert await take_poller_lock(db_url) is None
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        for _ in range(50):  # the server notices the dropped connection within moments
            lock = await take_poller_lock(db_url)
            if lock is not None:
                await lock.release()
                break
            await asyncio.sleep(0.1)
        else:
            pytest.fail("the lock stayed taken after its holder was killed")
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait(10)


# ------------------------------------------------------------------------------ stale claims


async def test_a_claim_taken_over_after_it_went_stale_is_run_once(db: Database) -> None:
    """Process A claims a nudge and stalls past the claim timeout; B releases and claims it
    again, and runs it. When A wakes up its turn does nothing: the event is B's now (its replies
    kept with it until B's send is recorded)."""
    from bot.coach import Coach
    from bot.content import load_content
    from tests.bot.test_coach import onboard

    coach = Coach(db, load_content())
    user = await onboard(coach)
    now = coach.clock()
    nudge = Schedule("nudge", now, f"nudge:{user}:takeover", {"at": now.isoformat()})

    def schedule(repo: Repository) -> None:
        repo.due.cancel_pending(user, now=now)  # only this one is due
        repo.due.schedule(user, nudge, now)

    await db.run(schedule)
    (stalled,) = await db.run(lambda repo: repo.due.claim_due(now, 10, "a"))
    later = now + timedelta(minutes=11)

    def take_over(repo: Repository) -> list[DueEvent]:
        repo.due.release_stale_claims(later, timedelta(minutes=10))
        return repo.due.claim_due(later, 10, "b")

    (taken,) = await db.run(take_over)
    assert (taken.id, taken.attempts) == (stalled.id, stalled.attempts + 1)
    late = await coach.handle_due(stalled)
    assert late.replies == () and (await status(db, user)) == "claimed"
    on_time = await coach.handle_due(taken)
    assert on_time.replies and (await status(db, user)) == "sending"


@postgres_only
async def test_a_turn_checking_its_claim_holds_it_until_it_commits(db: Database) -> None:
    """Process A's turn has found its claim current and is storing the outcome when B's tick
    finds the claim stale. B's release and claim must wait for A's commit, and then find the
    event done: had B taken it meanwhile, B's turn would find its own claim current too, and
    both would send the nudge (seen once in the kill-mid-fan-out e2e test)."""
    user = await db.run(lambda repo: repo.people.user_id_for("tg:1", 1))
    now = datetime(2026, 11, 21, 8, tzinfo=UTC)
    nudge = Schedule("nudge", now, f"nudge:{user}:takeover", {"at": now.isoformat()})
    await db.run(lambda repo: repo.due.schedule(user, nudge, now))
    (mine,) = await db.run(lambda repo: repo.due.claim_due(now, 10, "a"))
    later = now + timedelta(minutes=11)

    def take_over(repo: Repository) -> list[DueEvent]:
        repo.due.release_stale_claims(later, timedelta(minutes=10))
        return repo.due.claim_due(later, 10, "b")

    async with db.held() as turn:  # A's turn is held open across an await
        current = await turn.run(lambda repo: repo.due.is_claimed(mine.id, user, mine.attempts))
        assert current
        other = asyncio.ensure_future(db.run(take_over))
        await asyncio.sleep(0.3)
        assert not other.done(), "B took over a claim whose turn was being stored"
        await turn.run(lambda repo: repo.due.finish_due(mine.id, "done", now=later))
    assert await asyncio.wait_for(other, 5) == []
    assert await status(db, user) == "done"


async def status(db: Database, user: int) -> str:
    events = await db.run(lambda repo: repo.due.due_events_for(user))
    return next(e.status for e in events if e.dedupe_key.endswith(":takeover"))


class Ledger:
    """An in-memory send budget on a virtual clock whose sleeps move it forward."""

    def __init__(self) -> None:
        self.now = 0.0
        self.next_at = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)

    async def reserve(self, count: int, spacing: float) -> Block:
        await asyncio.sleep(0)  # a round trip: other senders run meanwhile
        start = max(self.next_at, self.now)
        self.next_at = start + count * spacing
        return Block(start - self.now, count, spacing)


async def test_a_sender_waiting_long_for_its_slot_survives_the_chat_clean_up() -> None:
    """Past 10,000 chats the limiter forgets those whose last slot is over a second old, and a
    chat queued behind many others for its overall slot is one of them. Its wait must still end
    in a slot: it raised KeyError, and the nudge was lost (140 of a 100,000-person morning)."""
    ledger = Ledger()
    limiter = SharedRateLimiter(ledger, 30, clock=ledger, sleep=ledger.sleep)
    for chat in range(9_930):  # the morning so far: one send each
        await limiter.wait(chat)
    started = ledger.now
    crowd = range(20_000, 20_064)  # a claimed batch or two, all waiting at once

    async def later_arrivals() -> None:
        while ledger.now < started + 1.5:  # the crowd's last are still waiting then
            await asyncio.sleep(0)
        await asyncio.gather(*(limiter.wait(chat) for chat in range(30_000, 30_020)))

    await asyncio.gather(*(limiter.wait(chat) for chat in crowd), later_arrivals())
    assert ledger.now > started + 2.0  # the crowd's last waited well over a second
