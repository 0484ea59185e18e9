"""The webhook inbox: updates acknowledged to Telegram and not yet handled (backcoach serve).

`put` runs before Telegram gets its 200; `done` runs once the update's turn is committed. A
process that dies in between leaves its rows claimed; after `stale_after` any replica takes them
up again, and the turn's own update-id check makes a second run change nothing.

One person's updates are handled in order and one at a time across every replica: a row is
claimable only while no earlier row of its sender waits and no other row of its sender is under a
live claim. On PostgreSQL the claim is `UPDATE … RETURNING` over `SELECT … FOR UPDATE SKIP
LOCKED`; SQLite serialises writers, so the same statement without the lock clause is atomic.

`Inbox` is the Repository's part for it (`repo.inbox`); the caller owns the transaction
(Database.run commits it). Removing names from an update is a pure function here too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import aliased

from bot.storage import queries as q
from bot.storage import tables as t
from bot.storage.part import Part

log = logging.getLogger(__name__)

_i = t.inbox
MAX_ATTEMPTS = 5  # claims of one update that never finished: then it is dropped
# Blanked where the Bot API types require the field (PTB would refuse the update), else dropped.
NAMES_BLANKED = frozenset({"first_name", "phone_number"})
NAMES_DROPPED = frozenset({"last_name", "username"})

Json = dict[str, Any]


@dataclass(frozen=True)
class Claimed:
    """One inbox row taken up by this worker."""

    update_id: int
    sender: int | None
    body: Json
    attempts: int


def without_names(body: Json) -> Json:
    """The update with every name removed, at any depth: first_name and phone_number become ""
    (the Bot API types require them), last_name and username go. The input is left untouched."""
    out: Json = {}
    stack: list[tuple[Any, Any]] = [(body, out)]
    while stack:  # iterative: a deeply nested body cannot exhaust the stack
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, value in items:
            if isinstance(source, dict):
                if key in NAMES_DROPPED:
                    continue
                if key in NAMES_BLANKED and isinstance(value, str):
                    target[key] = ""
                    continue
            if isinstance(value, dict | list):
                copied: Json | list[Any] = {} if isinstance(value, dict) else [None] * len(value)
                stack.append((value, copied))
                value = copied
            target[key] = value
    return out


def sender_of(body: Json) -> int | None:
    """Whose update it is: the Telegram user it comes from, else its chat (None for neither)."""
    for key, value in body.items():
        if key == "update_id" or not isinstance(value, dict):
            continue
        for field in ("from", "chat"):
            who = value.get(field)
            if isinstance(who, dict) and _bigint(who.get("id")):
                return int(who["id"])
        message = value.get("message")  # a callback query without "from" (not sent by Telegram)
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            chat_id = message["chat"].get("id")
            if _bigint(chat_id):
                return int(chat_id)
    return None


def _bigint(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


class Inbox(Part):
    """Works the inbox table (`repo.inbox`)."""

    def put(self, update_id: int, sender: int | None, body: Json, now: datetime) -> bool:
        """Stores an update (names removed) unless it is already waiting; tells whether it is
        new."""
        insert = q.insert_on_conflict(self._postgres, _i, ("update_id",), returning=("update_id",))
        row = {
            "update_id": update_id,
            "sender": sender,
            "body": without_names(body),
            "received_at": now,
            "claimed_at": None,
            "claimed_by": None,
            "attempts": 0,
        }
        return self.session.execute(insert, row).first() is not None

    def claim(
        self, now: datetime, limit: int, worker: str, stale_after: timedelta
    ) -> list[Claimed]:
        """Claims up to `limit` waiting updates, at most one per sender, each its sender's earliest.

        Rows claimed `MAX_ATTEMPTS` times without finishing are dropped first (logged by id only).
        """
        cutoff = now - stale_after
        free = or_(_i.c.claimed_at.is_(None), _i.c.claimed_at < cutoff)
        self._drop_exhausted(free)
        other = aliased(_i)
        held_back = (
            select(other.c.update_id)
            .where(
                other.c.sender == _i.c.sender,
                other.c.update_id != _i.c.update_id,
                or_(other.c.update_id < _i.c.update_id, other.c.claimed_at >= cutoff),
            )
            .exists()
        )
        pick = select(_i.c.update_id).where(free, ~held_back).order_by(_i.c.update_id).limit(limit)
        if self._postgres:
            pick = pick.with_for_update(skip_locked=True)
        rows = self.session.execute(
            update(_i)
            .where(_i.c.update_id.in_(pick))
            .values(claimed_at=now, claimed_by=worker[:64], attempts=_i.c.attempts + 1)
            .returning(_i.c.update_id, _i.c.sender, _i.c.body, _i.c.attempts)
        ).all()
        claimed = [Claimed(r.update_id, r.sender, dict(r.body), r.attempts) for r in rows]
        return sorted(claimed, key=lambda c: c.update_id)

    def _drop_exhausted(self, free: Any) -> None:
        pick = select(_i.c.update_id).where(free, _i.c.attempts >= MAX_ATTEMPTS)
        if self._postgres:
            pick = pick.with_for_update(skip_locked=True)
        dropped = self.session.execute(
            delete(_i).where(_i.c.update_id.in_(pick)).returning(_i.c.update_id, _i.c.attempts)
        ).all()
        for row in dropped:
            log.error("inbox: update %s dropped after %d unfinished attempts", *row)

    def done(self, update_id: int) -> None:
        """Removes a handled update."""
        self.session.execute(delete(_i).where(_i.c.update_id == update_id))

    def give_up(self, update_id: int, reason: str) -> None:
        """Removes an update that can never be handled, saying why (never what it contained)."""
        self.session.execute(delete(_i).where(_i.c.update_id == update_id))
        log.error("inbox: update %s dropped: %s", update_id, reason)

    def release(self, update_id: int, worker: str, *, failed: bool = True) -> None:
        """Hands a claimed update back for any replica to take; an unfailed release (this process
        stopping before it began) does not count as an attempt."""
        values: dict[str, Any] = {"claimed_at": None, "claimed_by": None}
        if not failed:
            values["attempts"] = _i.c.attempts - 1
        self.session.execute(
            update(_i)
            .where(_i.c.update_id == update_id, _i.c.claimed_by == worker[:64])
            .values(**values)
        )

    def waiting(self) -> int:
        """How many updates are acknowledged and not yet handled (claimed or not)."""
        return int(self.session.execute(select(func.count()).select_from(_i)).scalar_one())
