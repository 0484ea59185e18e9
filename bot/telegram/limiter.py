"""One rate limiter for everything the coach sends unasked: at most N messages a second overall
(30 by default, configurable for paid broadcasts) and at most one a second to any one chat.

Each send reserves, at once, the earliest instant that keeps both limits given every slot already
reserved, then sleeps until it: concurrent senders never crowd a second, and a chat waiting out
its own second does not hold up the others.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from collections.abc import Awaitable, Callable

EPSILON = 1e-6
MARGIN = 0.98


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
        # A hair under the limit: clocks and networks jitter, and a 429 costs a whole second.
        self.spacing = 1.0 / (per_second * MARGIN)
        self.chat_interval = chat_interval
        self.clock = clock
        self.sleep = sleep
        self._slots: list[float] = []  # reserved send instants, sorted
        self._last: dict[int, float] = {}

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
        if len(self._last) > 10_000:
            horizon = now - self.chat_interval
            self._last = {c: t for c, t in self._last.items() if t > horizon}
