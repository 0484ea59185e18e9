"""The webhook inbox: updates acknowledged to Telegram and not yet handled (backcoach serve).

`put` runs before Telegram gets its 200. The update's turn, in its own transaction, keeps the
replies it has to send on the row (`hold_replies`: the row is "sending"); `done` removes the row
once a Delivery says Telegram took them (or the person blocked the bot), `handled` once the update
went through the bot keeping nothing. A process that dies in between leaves its rows claimed;
after `stale_after` any replica takes them up again: the turn's own update-id check makes a second
run change nothing, and returns the kept replies (`kept`) to be sent instead. A send that failed
gives its claim up until `retry_at` (`retry_send`), for any replica to try again.

One person's updates are handled in order and one at a time across every replica: a row is
claimable only while no earlier row of its sender waits and no other row of its sender is under a
live claim. On PostgreSQL the claim is `UPDATE … RETURNING` over `SELECT … FOR UPDATE SKIP
LOCKED`; SQLite serialises writers, so the same statement without the lock clause is atomic.

`Inbox` is the Repository's part for it (`repo.inbox`); the caller owns the transaction
(Database.run commits it). Removing names from an update is a pure function here too.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import aliased

from bot.storage import queries as q
from bot.storage import tables as t
from bot.storage.part import Part

log = logging.getLogger(__name__)

_i = t.inbox
MAX_ATTEMPTS = 5  # claims of one update whose turn never finished: then it is dropped
MAX_SENDS = 12  # claims of kept replies never sent (about 40 minutes of backoff): then dropped
# Blanked where the Bot API types require the field (PTB would refuse the update), else dropped.
NAMES_BLANKED = frozenset({"first_name", "phone_number"})
NAMES_DROPPED = frozenset({"last_name", "username"})

Json = dict[str, Any]
# The claim an inbox update is being handled under (its attempts count when claimed), set by the
# inbox worker for the task that feeds the update to the bot; None outside of it.
CLAIM: ContextVar[int | None] = ContextVar("backcoach_inbox_claim", default=None)


class ClaimLost(Exception):
    """The update's claim went stale and was taken over meanwhile: its replies are the new
    holder's to keep and send (the turn that found this is rolled back)."""


@dataclass(frozen=True)
class Claimed:
    """One inbox row taken up by this worker."""

    update_id: int
    sender: int | None
    body: Json
    attempts: int  # claims so far: of its turn, or (when sending) of its kept replies
    sending: bool = False  # its turn ran and kept replies still to be sent


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
        }  # no outbox: SQL NULL (None would be stored as JSON null)
        return self.session.execute(insert, row).first() is not None

    def claim(
        self, now: datetime, limit: int, worker: str, stale_after: timedelta
    ) -> list[Claimed]:
        """Claims up to `limit` waiting updates, at most one per sender, each its sender's earliest.

        A sending row (its replies kept) whose send failed is claimable again from its `retry_at`;
        until then the sender's later updates wait behind it. Rows claimed `MAX_ATTEMPTS` times
        without their turn finishing, or `MAX_SENDS` times without their replies sent, are dropped
        first (logged by id only).
        """
        cutoff = now - stale_after
        unclaimed = or_(_i.c.claimed_at.is_(None), _i.c.claimed_at < cutoff)
        self._drop_exhausted(unclaimed)
        free = and_(unclaimed, or_(_i.c.retry_at.is_(None), _i.c.retry_at <= now))
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
            .returning(
                _i.c.update_id, _i.c.sender, _i.c.body, _i.c.attempts, _i.c.outbox.is_not(None)
            )
        ).all()
        claimed = [Claimed(r[0], r[1], dict(r[2]), r[3], bool(r[4])) for r in rows]
        return sorted(claimed, key=lambda c: c.update_id)

    def _drop_exhausted(self, free: Any) -> None:
        exhausted = or_(
            and_(_i.c.outbox.is_(None), _i.c.attempts >= MAX_ATTEMPTS),
            and_(_i.c.outbox.is_not(None), _i.c.attempts >= MAX_SENDS),
        )
        pick = select(_i.c.update_id).where(free, exhausted)
        if self._postgres:
            pick = pick.with_for_update(skip_locked=True)
        dropped = self.session.execute(
            delete(_i)
            .where(_i.c.update_id.in_(pick))
            .returning(_i.c.update_id, _i.c.attempts, _i.c.outbox.is_not(None))
        ).all()
        for update_id, attempts, sending in dropped:
            tries = "sends of its replies" if sending else "unfinished attempts"
            log.error("inbox: update %s dropped after %d %s", update_id, attempts, tries)

    def hold_replies(
        self, update_id: int, outbox: Json, now: datetime, claim: int | None = None
    ) -> None:
        """Keeps what the update's turn has to send until Telegram takes it (in the turn's own
        transaction): the row is "sending", its attempts count the sends from now on (this
        claim's is the first), and its claim's clock restarts (the turn's wait for its person
        does not count against the send). With `claim` (the attempts count it was claimed with),
        a claim taken over by another replica meanwhile raises ClaimLost: the turn rolls back,
        and the replica now holding the update runs it (once) and sends its replies (once)."""
        where = [_i.c.update_id == update_id]
        if claim is not None:
            where.append(_i.c.attempts == claim)
        held = self.session.execute(
            update(_i)
            .where(*where)
            .values(outbox=outbox, retry_at=None, attempts=1, claimed_at=now)
            .returning(_i.c.update_id)
        )
        if claim is not None and held.first() is None:
            raise ClaimLost(update_id)

    def kept(self, update_id: int) -> Json | None:
        """The replies the update's turn kept, if it ran and they are not sent yet."""
        found = self.session.scalar(select(_i.c.outbox).where(_i.c.update_id == update_id))
        return dict(found) if found is not None else None

    def done(self, update_id: int) -> None:
        """Removes a handled update (its replies, if it kept any, sent)."""
        self.session.execute(delete(_i).where(_i.c.update_id == update_id))

    def handled(self, update_id: int, worker: str) -> bool:
        """Removes an update that went through this worker's bot keeping nothing to send; False
        when it kept replies (still to be sent), is gone already (they were), or its claim was
        taken over by another worker (whose it is now)."""
        removed = self.session.execute(
            delete(_i)
            .where(
                _i.c.update_id == update_id,
                _i.c.claimed_by == worker[:64],
                _i.c.outbox.is_(None),
            )
            .returning(_i.c.update_id)
        )
        return removed.first() is not None

    def retry_send(self, update_id: int, worker: str, at: datetime) -> bool:
        """Gives up this worker's claim on a sending row until `at`; True if there was one."""
        released = self.session.execute(
            update(_i)
            .where(
                _i.c.update_id == update_id,
                _i.c.claimed_by == worker[:64],
                _i.c.outbox.is_not(None),
            )
            .values(claimed_at=None, claimed_by=None, retry_at=at)
            .returning(_i.c.update_id)
        )
        return released.first() is not None

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
