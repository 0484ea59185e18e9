"""Due events: scheduled, cancelled, claimed atomically by any process, finished.

`DueEvents` is the Repository's part for the due_events table (`repo.due`). A claim is
`UPDATE … RETURNING` over `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite serialises
writers, so the same statement without the lock clause is atomic.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, case, func, select, update

from bot.storage import queries as q
from bot.storage import tables as t
from bot.storage.convert import DueEvent, due_event
from bot.storage.part import Part
from flows.model import Schedule

_d = t.due_events
_DUE_COLUMNS = tuple(
    _d.c[name]
    for name in ("id", "user_id", "kind", "due_at", "payload", "attempts", "dedupe_key", "outbox")
)
_HELD = ("claimed", "sending")  # a claim is on the event: its turn runs, or its replies go out


def utcnow() -> datetime:
    """The time, for bookkeeping columns when the caller gives none."""
    return datetime.now(UTC)


class DueEvents(Part):
    """Works the due_events table through one session; the caller commits."""

    def schedule(
        self, user_id: int, s: Schedule, now: datetime, *, time_scale: float = 1.0
    ) -> None:
        """Adds a pending event due at `now + (s.due_at - now) / time_scale`, once per dedupe key.

        A pending, claimed, done, skipped or failed event with the key stays as it is; only a
        cancelled one is armed again (pause, then resume on the same day).
        """
        if s.due_at.utcoffset() is None or now.utcoffset() is None:
            raise ValueError(f"naive datetime refused: {s.due_at!r} / {now!r}")
        row = {
            "user_id": user_id,
            "kind": s.kind,
            "due_at": now + (s.due_at - now) / time_scale,
            "payload": dict(s.payload),
            "status": "pending",
            "attempts": 0,
            "dedupe_key": s.dedupe_key,
            "claimed_at": None,
            "claimed_by": None,
            "updated_at": now,
            "outbox": None,
            "retry_at": None,
        }
        self.session.execute(q.schedule(self._postgres), row)

    def cancel(self, user_id: int, dedupe_key: str, now: datetime) -> None:
        """Cancels the person's event with this key if it is still pending."""
        params = {"b_key": dedupe_key, "b_user_id": user_id, "updated_at": now}
        self.session.execute(q.CANCEL, params | {"status": "cancelled"})

    def cancel_kind(self, user_id: int, kind: str, now: datetime) -> None:
        """Cancels the person's pending events of one kind (e.g. every nudge)."""
        params = {"b_kind": kind, "b_user_id": user_id, "updated_at": now}
        self.session.execute(q.CANCEL_KIND, params | {"status": "cancelled"})

    def cancel_pending(self, user_id: int, *, now: datetime | None = None) -> int:
        """Cancels all the person's pending events (e.g. they blocked the bot); returns how many."""
        cancelled = self.session.execute(
            update(_d)
            .where(_d.c.user_id == user_id, _d.c.status == "pending")
            .values(status="cancelled", updated_at=now or utcnow())
            .returning(_d.c.id)
        )
        return len(cancelled.all())

    def claim_due(self, now: datetime, limit: int, worker: str) -> list[DueEvent]:
        """Claims up to `limit` events, oldest first; the caller commits. First the events whose
        replies are still to be sent, unclaimed, once their retry time has come (they stay
        "sending"; a handful at most, after an outage), then the pending events due by `now`
        (→ "claimed": their turn is to run), read in the order of the claim's index."""
        retries = and_(
            _d.c.status == "sending",
            _d.c.claimed_by.is_(None),
            func.coalesce(_d.c.retry_at, _d.c.due_at) <= now,
        )
        claimed = self._claim(retries, now, limit, worker, "sending")
        if len(claimed) < limit:
            due = and_(_d.c.status == "pending", _d.c.due_at <= now)
            claimed += self._claim(due, now, limit - len(claimed), worker, "claimed")
        if not claimed:
            return []
        u = t.users
        addresses = self.session.execute(
            select(u.c.id, u.c.external_id, u.c.chat_id).where(
                u.c.id.in_({r.user_id for r in claimed})
            )
        )
        who = {r.id: (r.external_id, r.chat_id) for r in addresses}
        events = [due_event(r, *who[r.user_id], r.status) for r in claimed]
        return sorted(events, key=lambda e: (e.due_at, e.id))

    def _claim(
        self, waiting: ColumnElement[bool], now: datetime, limit: int, worker: str, status: str
    ) -> list[Row[Any]]:
        pick = select(_d.c.id).where(waiting).order_by(_d.c.due_at, _d.c.id).limit(limit)
        if self._postgres:
            pick = pick.with_for_update(skip_locked=True)
        return list(
            self.session.execute(
                update(_d)
                .where(_d.c.id.in_(pick))
                .values(
                    status=status,
                    claimed_at=now,
                    claimed_by=worker,
                    attempts=_d.c.attempts + 1,
                    updated_at=now,
                )
                .returning(*_DUE_COLUMNS, _d.c.status)
            )
        )

    def hold_replies(self, event_id: int, outbox: dict[str, Any], now: datetime) -> None:
        """Keeps what a claimed event's turn has to send until Telegram accepts it: status
        "sending", the replies in `outbox`, the claim kept and its clock restarted — the time it
        waited for its send slot does not count against the send (DESIGN §7: nothing due is
        lost; taken over only if this process stops answering)."""
        self.session.execute(
            update(_d)
            .where(_d.c.id == event_id)
            .values(status="sending", outbox=outbox, retry_at=None, claimed_at=now, updated_at=now)
        )

    def retry_send(self, event_id: int, at: datetime, now: datetime) -> None:
        """Gives up this claim on an event whose replies Telegram did not take: any process
        claims it again from `at` and sends the kept replies (its turn is not run again)."""
        self.session.execute(
            update(_d)
            .where(_d.c.id == event_id, _d.c.status == "sending")
            .values(claimed_at=None, claimed_by=None, retry_at=at, updated_at=now)
        )

    def finish_due(self, event_id: int, status: str, *, now: datetime | None = None) -> None:
        """Records how a claimed event ended: done, skipped, failed, or back to pending. Replies
        it kept are dropped: they were sent, or will never be."""
        if status not in t.DUE_STATUSES:
            raise ValueError(f"unknown due-event status {status!r}")
        self.session.execute(
            update(_d)
            .where(_d.c.id == event_id)
            .values(status=status, outbox=None, retry_at=None, updated_at=now or utcnow())
        )

    def is_claimed(self, event_id: int, user_id: int, attempts: int | None = None) -> bool:
        """Whether the person's event is still there and claimed — by this claim, when
        `attempts` (the count it was claimed with) is given: an event claimed just before its
        person was deleted is gone (cascade), and one whose claim went stale and was taken up by
        another process belongs to that process now."""
        where = [_d.c.id == event_id, _d.c.user_id == user_id, _d.c.status.in_(_HELD)]
        if attempts is not None:
            where.append(_d.c.attempts == attempts)
        check = select(_d.c.id).where(*where)
        if self._postgres:
            # The row stays locked until the turn commits. Another process's stale-claim
            # release then waits and finds the event done; without the lock it could take the
            # claim over meanwhile, find its own claim current too, and send the message again.
            # (SQLite: one bot process, whose units of work run one after another.)
            check = check.with_for_update()
        return self.session.scalar(check) is not None

    def release_stale_claims(self, now: datetime, older_than: timedelta) -> int:
        """Takes back claims older than `older_than` (their worker died); counts them. A claimed
        event goes back to pending (its turn never committed); a sending one stays sending, its
        kept replies to be sent by whoever claims it next."""
        released = self.session.execute(
            update(_d)
            .where(_d.c.status.in_(_HELD), _d.c.claimed_by.is_not(None))
            .where(_d.c.claimed_at < now - older_than)
            .values(
                status=case((_d.c.status == "claimed", "pending"), else_=_d.c.status),
                claimed_at=None,
                claimed_by=None,
                updated_at=now,
            )
            .returning(_d.c.id)
        )
        return len(released.all())

    def due_events_for(self, user_id: int) -> list[DueEvent]:
        """Lists one person's events in any status, by due time (for inspection and tests)."""
        u = t.users
        rows = self.session.execute(
            select(*_DUE_COLUMNS, _d.c.status, u.c.external_id, u.c.chat_id)
            .join_from(_d, u, u.c.id == _d.c.user_id)
            .where(_d.c.user_id == user_id)
            .order_by(_d.c.due_at, _d.c.id)
        )
        return [due_event(r, r.external_id, r.chat_id, r.status) for r in rows]

    def next_due_at(self) -> datetime | None:
        """When the earliest pending event comes due, if any."""
        found = self.session.scalar(select(func.min(_d.c.due_at)).where(_d.c.status == "pending"))
        return found if isinstance(found, datetime) else None
