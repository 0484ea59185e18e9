"""One turn, end to end: load, ask the flows, store it all in one transaction, return replies.

Turns of one person run one at a time (a lock per user in this process, the conversation's version
column across processes); the transaction commits before the caller sends anything.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import DueEvent, Repository, StaleConversation
from flows.content import Content
from flows.dialogue import turn
from flows.model import Event, EventKind, Reply

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
RETRIES = 3
ID_CACHE = 20_000  # recent people whose user id is kept in memory (bounded: memory stays flat)


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Said:
    """What one turn wants sent: the replies and the language to render them in.

    `stale` is set when the event answered a question that had already passed (an old button).
    `duplicate` is set when the update had been handled before: nothing changed, nothing to send.
    """

    user_id: int
    language: str
    replies: tuple[Reply, ...]
    stale: bool = False
    duplicate: bool = False


class Coach:
    """Runs turns against the database; knows nothing about how replies are shown."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        content: Content,
        *,
        clock: Clock = system_clock,
        time_scale: float = 1.0,
    ) -> None:
        self.sessions = sessions
        self.content = content
        self.clock = clock
        self.time_scale = time_scale
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        self._ids: OrderedDict[str, tuple[int, int | None]] = OrderedDict()

    def _lock(self, user_id: int) -> asyncio.Lock:
        lock = self._locks.get(user_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[user_id] = lock
        return lock

    async def user(self, external_id: str, chat_id: int | None = None) -> int:
        """Finds or creates the person behind an outside id (remembered for recent people)."""
        known = self._ids.get(external_id)
        if known is not None and known[1] == chat_id:
            self._ids.move_to_end(external_id)
            return known[0]
        async with self.sessions() as session, session.begin():
            user_id = await Repository(session).user_id_for(external_id, chat_id)
        assert user_id is not None
        self._ids[external_id] = (user_id, chat_id)
        if len(self._ids) > ID_CACHE:
            self._ids.popitem(last=False)
        return user_id

    def forget(self, external_id: str) -> None:
        """Drops a remembered id (after the person's data is deleted)."""
        self._ids.pop(external_id, None)

    async def known_user(self, external_id: str) -> int | None:
        """The person behind an outside id, if we have ever coached them."""
        async with self.sessions() as session:
            return await Repository(session).user_id_for(external_id, create=False)

    async def handle(
        self,
        user_id: int,
        event: Event,
        *,
        due: DueEvent | None = None,
        update_id: int | None = None,
    ) -> Said:
        """Runs one event through the flows and commits its outcome; returns what to send.

        With `update_id`, an update seen before changes nothing and returns no replies.
        """
        async with self._lock(user_id):
            for attempt in range(1, RETRIES + 1):
                try:
                    return await self._once(user_id, event, due, update_id)
                except StaleConversation:
                    # Another process moved this conversation on: reload and run the event again.
                    log.info("conversation changed under turn; retry %d", attempt)
            raise RuntimeError("conversation kept changing; gave up after retries")

    async def _once(
        self, user_id: int, event: Event, due: DueEvent | None, update_id: int | None
    ) -> Said:
        now = self.clock()
        async with self.sessions() as session, session.begin():
            repo = Repository(session)
            if update_id is not None and not await repo.mark_update_processed(
                update_id, user_id, now=now
            ):
                return Said(user_id, "en", (), duplicate=True)
            conversation, facts, version = await repo.load(user_id, now)
            outcome = turn(conversation, event, facts, self.content, now)
            await repo.apply(user_id, outcome.effects, now, time_scale=self.time_scale)
            await repo.save_conversation(user_id, outcome.conversation, version)
            await repo.touch(user_id, now)
            if due is not None:
                await repo.finish_due(due.id, "done", now=now)
        stale = event.step is not None and event.step != conversation.step
        return Said(user_id, facts.profile.language, outcome.replies, stale=stale)

    async def swap_prompt(self, user_id: int, message_id: int | None) -> int | None:
        """Remembers which message carries the live buttons; returns the previous one."""
        async with self.sessions() as session, session.begin():
            return await Repository(session).swap_prompt(user_id, message_id)

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        """Marks that the person blocked (or unblocked) the bot; blocking cancels what is due."""
        async with self.sessions() as session, session.begin():
            repo = Repository(session)
            await repo.set_blocked(user_id, blocked)
            if blocked:
                await repo.cancel_pending(user_id, now=self.clock())

    async def handle_due(self, due: DueEvent) -> Said:
        """Delivers a claimed due event to its person's flows; marks it done in the same commit."""
        event = Event(EventKind.DUE, name=due.kind, payload=due.payload)
        return await self.handle(due.user_id, event, due=due)
