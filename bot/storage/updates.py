"""Processed Telegram update ids, per bot: an update redelivered changes nothing.

Keyed by the bot's id (the numeric part of its token, never the token) and the update id, since
update ids are only unique within one bot. Telegram redelivers for about a day; ids are kept
for two (UPDATES_KEPT) and then pruned by a scheduled job.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from bot.storage import queries as q
from bot.storage import tables as t
from bot.storage.due import utcnow
from bot.storage.part import Part

UPDATES_KEPT = timedelta(days=2)
_p = t.processed_updates


class Updates(Part):
    """Works the processed_updates table (`repo.updates`)."""

    def mark_processed(
        self, bot_id: int, update_id: int, user_id: int | None, *, now: datetime | None = None
    ) -> bool:
        """Remembers a bot's update id; False when it had been seen already."""
        key = ("bot_id", "update_id")
        stmt = q.insert_on_conflict(self._postgres, _p, key, returning=("update_id",))
        row: dict[str, object] = {"bot_id": bot_id, "update_id": update_id, "user_id": user_id}
        row["handled_at"] = now or utcnow()
        return (self.session.execute(stmt, row)).first() is not None

    def seen(self, bot_id: int, update_id: int) -> bool:
        """Whether a bot's update id has been handled already."""
        found = select(_p.c.update_id).where(_p.c.bot_id == bot_id, _p.c.update_id == update_id)
        return self.session.scalar(found) is not None

    def prune(self, before: datetime) -> int:
        """Forgets the update ids handled before `before` (every bot's); returns how many."""
        return len(
            self.session.execute(
                delete(_p).where(_p.c.handled_at < before).returning(_p.c.update_id)
            ).all()
        )
