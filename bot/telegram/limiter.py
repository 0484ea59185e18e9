"""One rate limiter for everything the coach sends unasked: at most N messages a second overall
(30 by default, configurable for paid broadcasts) and at most one a second to any one chat.
With PostgreSQL the overall rate is shared by every replica (SharedRateLimiter); the per-chat
interval is kept by each process, as one person's due events are rarely sent by two at once.

Each send reserves, at once, the earliest instant that keeps both limits given every slot already
reserved, then sleeps until it: concurrent senders never crowd a second, and a chat waiting out
its own second does not hold up the others.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.storage import Database
from bot.storage.budget import Block

EPSILON = 1e-6
MARGIN = 0.98


class Limiter(Protocol):
    """What the sender needs of a limiter: wait for this chat's next send slot."""

    async def wait(self, chat_id: int) -> None: ...


class _Limits:
    """What both limiters keep: the overall spacing, the per-chat interval, each chat's last
    slot, and the clock and sleep they run on (a simulated pair in tests)."""

    def __init__(
        self,
        per_second: float,
        *,
        chat_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        # A hair under the limit: clocks and networks jitter, and a 429 costs a whole second.
        self.spacing = 1.0 / (per_second * MARGIN)
        self.chat_interval = chat_interval
        self.clock = clock
        self.sleep = sleep
        self._last: dict[int, float] = {}

    def _forget_chats(self, now: float) -> None:
        """Drops chats whose last slot is too old to matter (memory stays flat)."""
        if len(self._last) > 10_000:
            horizon = now - self.chat_interval
            self._last = {c: t for c, t in self._last.items() if t > horizon}


class RateLimiter(_Limits):
    """Spaces sends: `per_second` overall, one per `chat_interval` seconds per chat."""

    def __init__(
        self,
        per_second: float,
        *,
        chat_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(per_second, chat_interval=chat_interval, clock=clock, sleep=sleep)
        self._slots: list[float] = []  # reserved send instants, sorted

    async def wait(self, chat_id: int) -> None:
        """Reserves this chat's next slot and sleeps until it.

        The slot is the earliest instant after the chat's last send plus its interval that is
        at least `spacing` from every other reserved slot, so a chat waiting out its own second
        never holds up the other chats, and no second ever holds more than the overall rate.
        """
        now = self.clock()
        slot = max(now, self._last.get(chat_id, -1e9) + self.chat_interval)
        gap = self.spacing - EPSILON
        index = bisect.bisect_left(self._slots, slot - gap)
        while index < len(self._slots) and self._slots[index] < slot + gap:
            slot = self._slots[index] + self.spacing
            index += 1
        self._slots.insert(index, slot)
        self._last[chat_id] = slot
        self._forget(now)
        if slot > now:
            await self.sleep(slot - now)

    def _forget(self, now: float) -> None:
        """Drops slots and chats too old to matter (memory stays flat)."""
        if self._slots and self._slots[0] < now - self.spacing:
            del self._slots[: bisect.bisect_left(self._slots, now - self.spacing)]
        self._forget_chats(now)


class Budget(Protocol):
    """Hands out blocks of overall send slots (bot.storage.budget over the shared database)."""

    async def reserve(self, count: int, spacing: float) -> Block: ...


class SharedRateLimiter(_Limits):
    """The same limits as RateLimiter, with the overall rate shared by every replica.

    A chat first waits out its own interval here; then it takes the next overall slot. Slots come
    from the database in blocks of at most a tenth of a second's worth (fewer when fewer senders
    wait), so a replica never sits on budget another could use, and one round trip serves many
    sends. Blocks are asked for one at a time; senders that arrive meanwhile queue for the next.
    """

    def __init__(
        self,
        budget: Budget,
        per_second: float,
        *,
        chat_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(per_second, chat_interval=chat_interval, clock=clock, sleep=sleep)
        self.budget = budget
        self.max_block = max(1, int(per_second / 10))
        self._free: deque[float] = deque()  # reserved overall slots not yet handed out
        self._booked_until = 0.0  # the end of the last block reserved
        self._waiting = 0
        self._refill = asyncio.Lock()

    async def wait(self, chat_id: int) -> None:
        """Waits out this chat's interval, then sleeps until the next overall slot."""
        now = self.clock()
        ready = self._last.get(chat_id, -1e9) + self.chat_interval
        self._last[chat_id] = max(now, ready)  # held while we wait, so the chat's next send queues
        if ready > now:
            await self.sleep(ready - now)
        slot = await self._slot()
        # Not self._last[chat_id]: while this chat queued for its slot (over a second, behind a
        # crowd), another sender's clean-up may have forgotten it.
        self._last[chat_id] = max(slot, self._last.get(chat_id, slot))
        self._forget_chats(self.clock())
        delay = slot - self.clock()
        if delay > 0:
            await self.sleep(delay)

    async def _slot(self) -> float:
        self._waiting += 1
        try:
            while True:
                self._drop_past()
                if self._free:
                    return self._free.popleft()
                async with self._refill:
                    self._drop_past()
                    if self._free:
                        continue
                    # Book no further ahead than one block: a process that books the next
                    # seconds for its own queue makes the other replicas wait behind it.
                    ahead = self._booked_until - self.clock() - self.max_block * self.spacing
                    if ahead > 0:
                        await self.sleep(ahead)
                    count = min(self.max_block, max(1, self._waiting))
                    block = await self.budget.reserve(count, self.spacing)
                    start = self.clock() + block.delay
                    self._free.extend(start + i * block.spacing for i in range(block.slots))
                    self._booked_until = start + block.slots * block.spacing
        finally:
            self._waiting -= 1

    def _drop_past(self) -> None:
        """Slots already gone by are lost: using them late would crowd the next ones."""
        horizon = self.clock() - self.spacing
        while self._free and self._free[0] < horizon:
            self._free.popleft()


class DatabaseBudget:
    """The named send budget in PostgreSQL, reserved through the Database."""

    def __init__(self, db: Database, name: str = "proactive") -> None:
        self.db = db
        self.name = name

    async def reserve(self, count: int, spacing: float) -> Block:
        return await self.db.run(lambda repo: repo.budget.reserve(self.name, count, spacing))


def make_limiter(per_second: float, db: Database | None) -> Limiter:
    """On PostgreSQL (where replicas may run) the overall rate is shared through the database;
    on SQLite (one process) it is kept in memory."""
    if db is not None and not db.is_sqlite:
        return SharedRateLimiter(DatabaseBudget(db), per_second)
    return RateLimiter(per_second)
