"""Due events on SQLite and PostgreSQL: scheduled once per key, cancelled, claimed once."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from bot.storage import Repository, tables
from bot.storage.database import Database
from flows.model import (
    Cancel,
    CancelKind,
    Schedule,
)
from tests.bot.storage.helpers import (
    NOW,
    apply,
    assert_utc,
    claim,
    events,
    new_user,
    scalar,
    schedule,
)

# ---------------------------------------------------------------------------- scheduling


async def test_schedule_is_idempotent_by_dedupe_key(db: Database) -> None:
    """Scheduling the same key twice keeps one event, with the first due time."""
    user_id = await new_user(db)
    await schedule(db, user_id, "a1:1", 60)
    await schedule(db, user_id, "a1:1", 90)
    [event] = await db.run(lambda repo: repo.due.due_events_for(user_id))
    assert (event.due_at, event.status) == (NOW + timedelta(minutes=60), "pending")


async def test_schedule_leaves_claimed_and_done_events_alone(db: Database) -> None:
    """A claimed or finished event is not reopened by scheduling its key again."""
    user_id = await new_user(db)
    await schedule(db, user_id, "a1:1", -2)
    await schedule(db, user_id, "a1:2", -1)
    first, _ = await claim(db)
    await db.run(lambda repo: repo.due.finish_due(first.id, "done"))
    await schedule(db, user_id, "a1:1", 5)
    await schedule(db, user_id, "a1:2", 5)
    assert await events(db, user_id) == {"a1:1": "done", "a1:2": "claimed"}


async def test_schedule_rearms_a_cancelled_key(db: Database) -> None:
    """A cancelled event is pending again when its key is scheduled anew."""
    user_id = await new_user(db)
    await schedule(db, user_id, "nudge:1:2026-03-10", 30)
    await apply(db, user_id, Cancel("nudge:1:2026-03-10"))
    await schedule(db, user_id, "nudge:1:2026-03-10", 45)
    [event] = await db.run(lambda repo: repo.due.due_events_for(user_id))
    assert (event.status, event.due_at) == ("pending", NOW + timedelta(minutes=45))


async def test_time_scale_divides_the_delay(db: Database) -> None:
    """With time_scale 60, an event an hour away comes due in a minute."""
    user_id = await new_user(db)
    due = Schedule("followup", NOW + timedelta(hours=1), "a1:1")
    await apply(db, user_id, due, scale=60)
    [event] = await db.run(lambda repo: repo.due.due_events_for(user_id))
    assert event.due_at == NOW + timedelta(minutes=1)
    assert_utc(event.due_at)


async def test_cancel_only_cancels_pending(db: Database) -> None:
    """Cancel turns a pending event to cancelled and leaves a claimed one claimed."""
    user_id = await new_user(db)
    await schedule(db, user_id, "claimed", -1)
    await claim(db)
    await schedule(db, user_id, "pending", 30)
    await apply(db, user_id, Cancel("claimed"), Cancel("pending"))
    assert await events(db, user_id) == {"claimed": "claimed", "pending": "cancelled"}


async def test_cancel_kind_cancels_pending_events_of_that_kind(db: Database) -> None:
    """CancelKind stops the person's pending events of one kind: not other kinds, not claimed
    ones, not someone else's."""
    alice, bob = await new_user(db, "tg:1", 1), await new_user(db, "tg:2", 2)
    for user_id, name in ((alice, "alice"), (bob, "bob")):
        for kind, minutes in (("nudge", 10), ("nudge", 20), ("recap", 30)):
            key = f"{name}:{kind}:{minutes}"
            await apply(db, user_id, Schedule(kind, NOW + timedelta(minutes=minutes), key))
    await apply(db, alice, Schedule("nudge", NOW - timedelta(minutes=1), "alice:nudge:claimed"))
    await claim(db)
    await apply(db, alice, CancelKind("nudge"))
    assert await events(db, alice) == {
        "alice:nudge:claimed": "claimed",
        "alice:nudge:10": "cancelled",
        "alice:nudge:20": "cancelled",
        "alice:recap:30": "pending",
    }
    assert set((await events(db, bob)).values()) == {"pending"}


async def test_cancel_pending_cancels_all_of_one_user(db: Database) -> None:
    """cancel_pending stops every pending event of that person and no one else's."""
    alice, bob = await new_user(db, "tg:1", 1), await new_user(db, "tg:2", 2)
    await schedule(db, alice, "alice:1", 10)
    await schedule(db, alice, "alice:2", 20)
    await schedule(db, bob, "bob:1", 10)
    assert await db.run(lambda repo: repo.due.cancel_pending(alice)) == 2
    assert set((await events(db, alice)).values()) == {"cancelled"}
    assert await events(db, bob) == {"bob:1": "pending"}


# ---------------------------------------------------------------------------- claiming


async def test_claim_takes_only_due_pending_events(db: Database) -> None:
    """Only pending events due by now are claimed: not future, not cancelled ones."""
    user_id = await new_user(db)
    await schedule(db, user_id, "due", -1)
    await schedule(db, user_id, "now", 0)
    await schedule(db, user_id, "future", 1)
    await schedule(db, user_id, "cancelled", -5)
    await apply(db, user_id, Cancel("cancelled"))
    assert {e.dedupe_key for e in await claim(db)} == {"due", "now"}


async def test_claim_is_oldest_first_within_limit(db: Database) -> None:
    """A claim takes the longest-overdue events first and no more than the limit."""
    user_id = await new_user(db)
    for key, minutes in (("c", -1), ("a", -30), ("d", 0), ("b", -10)):
        await schedule(db, user_id, key, minutes)
    assert [e.dedupe_key for e in await claim(db, limit=3)] == ["a", "b", "c"]


async def test_claimed_event_carries_delivery_details(db: Database) -> None:
    """A claimed event names its user, chat, payload, attempt and claimer."""
    user_id = await new_user(db, "tg:555", 555)
    await schedule(db, user_id, "a1:1", -1)
    [event] = await claim(db, worker="host-1")
    assert (event.user_id, event.external_id, event.chat_id) == (user_id, "tg:555", 555)
    assert (event.kind, event.payload, event.attempts) == ("followup", {"no": 1}, 1)
    claimed_by = await scalar(db, sa.select(tables.due_events.c.claimed_by))
    assert claimed_by == "host-1"


async def test_second_claim_gets_nothing(db: Database) -> None:
    """Once claimed, an event is not claimed again."""
    user_id = await new_user(db)
    await schedule(db, user_id, "a1:1", -1)
    assert len(await claim(db)) == 1
    assert await claim(db, worker="w2") == []


async def test_concurrent_claimers_never_share_an_event(db: Database, db_url: str) -> None:
    """Two workers claiming at once split the due events without overlap.

    The second worker has a Database of its own, as a second process would (on SQLite its own
    connection and thread, so the two claims really do run at the same time).
    """
    user_id = await new_user(db)
    for n in range(20):
        await schedule(db, user_id, f"k{n}", -n)
    other = Database.open(db_url)
    try:
        first, second = await asyncio.gather(claim(db, 20, "w1"), claim(other, 20, "w2"))
    finally:
        await other.dispose()
    ids_first, ids_second = {e.id for e in first}, {e.id for e in second}
    assert not ids_first & ids_second
    assert len(ids_first | ids_second) == 20


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_locked_events_are_skipped_not_waited_for(db: Database) -> None:
    """On PostgreSQL a claim skips rows another open claim holds instead of blocking."""
    user_id = await new_user(db)
    for n in range(6):
        await schedule(db, user_id, f"k{n}", -n)
    async with db.held() as holder:  # the claim below is held open across an await
        held = await holder.run(lambda repo: repo.due.claim_due(NOW, 3, "w1"))
        other = await asyncio.wait_for(claim(db, 10, "w2"), timeout=5)
    assert {e.id for e in held}.isdisjoint(e.id for e in other)
    assert len(held) + len(other) == 6


async def test_release_stale_claims(db: Database) -> None:
    """Claims older than the limit go back to pending; fresh ones stay claimed."""
    user_id = await new_user(db)
    await schedule(db, user_id, "old", -1)
    await claim(db)
    await schedule(db, user_id, "fresh", -1)
    await db.run(lambda repo: repo.due.claim_due(NOW + timedelta(minutes=10), 10, "w2"))
    later = NOW + timedelta(minutes=12)
    released = await db.run(lambda repo: repo.due.release_stale_claims(later, timedelta(minutes=5)))
    assert released == 1
    assert await events(db, user_id) == {"old": "pending", "fresh": "claimed"}


async def test_next_due_at_is_the_earliest_pending(db: Database) -> None:
    """next_due_at names the earliest pending due time, as aware UTC, or None."""
    user_id = await new_user(db)
    assert await db.run(lambda repo: repo.due.next_due_at()) is None
    await schedule(db, user_id, "later", 20)
    await schedule(db, user_id, "sooner", 5)
    found = await db.run(lambda repo: repo.due.next_due_at())
    assert found == NOW + timedelta(minutes=5)
    assert_utc(found)


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)], indirect=True
)
async def test_a_claim_reads_its_rows_in_index_order_however_many_are_due(db: Database) -> None:
    """A morning's crowd due at the same instant: PostgreSQL's plan for the claim's pick walks
    the (status, due_at, id) index and stops after the batch, instead of sorting every due event
    (which it did with an index on (status, due_at) alone: 4.6 ms a claim at 20,000). How it then
    joins the 32 ids to the table is the planner's choice."""
    user_id = await db.run(lambda repo: repo.people.user_id_for("tg:1", 1))
    due = NOW - timedelta(seconds=30)
    rows = [
        {"user_id": user_id, "kind": "nudge", "due_at": due, "payload": {}, "status": "pending"}
        | {"attempts": 0, "dedupe_key": f"n:{i}", "updated_at": NOW}
        for i in range(5000)
    ]
    await db.run(lambda repo: repo.sql.run(sa.insert(tables.due_events), rows))
    await db.run(lambda repo: repo.sql.run(sa.text("ANALYZE due_events")))
    seen: list[tuple[str, Any]] = []

    def plan(repo: Repository) -> list[str]:
        connection = repo.sql.connection()

        def keep(_c: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
            if statement.lstrip().upper().startswith("UPDATE DUE_EVENTS"):
                seen.append((statement, params))

        sa.event.listen(connection, "before_cursor_execute", keep)
        try:
            assert len(repo.due.claim_due(NOW, 32, "w")) == 32
        finally:
            sa.event.remove(connection, "before_cursor_execute", keep)
        (statement, params), *_ = seen
        raw = connection.exec_driver_sql("EXPLAIN " + statement, params)
        return [line for (line,) in raw]

    lines = await db.run(plan)
    assert any("ix_due_events_status_due_at_id" in line for line in lines), lines
    assert not any("Sort" in line for line in lines), lines  # neither a Sort nor an Incremental
