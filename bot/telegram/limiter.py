"""One rate limiter for everything the coach sends unasked: at most N messages a second overall
(30 by default, configurable for paid broadcasts) and at most one a second to any one chat.

Each send reserves the next slot that keeps both limits, then sleeps until it; reservations are
made in order, so concurrent senders never crowd a second.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


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
        """Waits for this chat's next slot."""
        now = self.clock()
        slot = max(now, self._next, self._last.get(chat_id, -1e9) + self.chat_interval)
        self._next = slot + self.spacing
        self._last[chat_id] = slot
        if len(self._last) > 10_000:  # forget chats whose interval has long passed
            horizon = now - self.chat_interval
            self._last = {c: t for c, t in self._last.items() if t > horizon}
        if slot > now:
            await self.sleep(slot - now)
