"""One rate limiter for everything the coach sends unasked: at most N messages a second overall
(30 by default, configurable for paid broadcasts) and at most one a second to any one chat.

Each send first waits for its chat's second to pass, then reserves the next overall slot and
sleeps until it; reservations are made in order, so concurrent senders never crowd a second.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

EPSILON = 1e-6


class RateLimiter:
    """Spaces sends: `per_second` overall, one per `chat_interval` seconds per chat."""

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
        self.spacing = 1.0 / per_second
        self.chat_interval = chat_interval
        self.clock = clock
        self.sleep = sleep
        self._next = 0.0
        self._last: dict[int, float] = {}

    async def wait(self, chat_id: int) -> None:
        """Waits for this chat's next slot, then for the next overall slot.

        A chat waiting out its own second never holds up the other chats.
        """
        while True:
            now = self.clock()
            ready = self._last.get(chat_id, -1e9) + self.chat_interval
            if ready <= now + EPSILON:  # float clocks: a nanosecond short is not worth a loop
                break
            await self.sleep(ready - now)
        # No await between here and the reservation: the two slots are taken atomically.
        slot = max(now, self._next)
        self._next = slot + self.spacing
        self._last[chat_id] = slot
        if len(self._last) > 10_000:  # forget chats whose interval has long passed
            horizon = now - self.chat_interval
            self._last = {c: t for c, t in self._last.items() if t > horizon}
        if slot > now:
            await self.sleep(slot - now)
