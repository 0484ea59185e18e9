"""The webhook's inbox in storage: put once, claimed per sender in order, released, names
removed; two claimers on PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.storage import Database, Repository, inbox
from bot.storage import tables as t
from bot.storage.database import Held
from tests.bot.web.test_webhook import ANN, T0, message

# --------------------------------------------------------------------- the claim, directly


def _row(update_id: int, sender: int | None, text: str = "hi") -> dict[str, Any]:
    return message(update_id, text, user=sender or 1)


async def _put(db: Database, *updates: tuple[int, int | None]) -> None:
    def work(repo: Repository) -> None:
        for update_id, sender in updates:
            assert repo.inbox.put(update_id, sender, _row(update_id, sender), T0)

    await db.run(work)


async def _claim(
    db: Database, now: datetime = T0, worker: str = "a", limit: int = 100
) -> list[int]:
    def work(repo: Repository) -> list[int]:
        claimed = repo.inbox.claim(now, limit, worker, timedelta(minutes=10))
        return [c.update_id for c in claimed]

    return await db.run(work)


async def test_put_is_idempotent(db: Database) -> None:
    """The second put of an update id stores nothing and says so."""
    await _put(db, (1, ANN))
    again = await db.run(lambda repo: repo.inbox.put(1, ANN, _row(1, ANN, "other"), T0))
    assert again is False
    stored = await db.run(lambda repo: repo.sql.scalar(select(t.inbox.c.body)))
    assert stored["message"]["text"] == "hi"
    assert await db.run(lambda repo: repo.inbox.waiting()) == 1


async def test_a_claim_takes_each_senders_earliest_only(db: Database) -> None:
    """One row per sender, the earliest; the next only once the earlier one is done."""
    await _put(db, (3, ANN), (1, ANN), (2, 1002), (4, 1002), (5, None), (6, None))
    assert await _claim(db) == [1, 2, 5, 6]
    assert await _claim(db, worker="b") == []  # all held: claimed, or behind a claimed one
    await db.run(lambda repo: repo.inbox.done(1))
    assert await _claim(db, worker="b") == [3]
    await db.run(lambda repo: repo.inbox.done(3))
    await _put(db, (7, ANN))
    assert await _claim(db, worker="b") == [7]


async def test_an_earlier_update_waits_for_a_claimed_later_one(db: Database) -> None:
    """An update arriving late (lower id) is not taken while a later one of its sender is
    being handled: one at a time, whatever the order they came in."""
    await _put(db, (9, ANN))
    assert await _claim(db) == [9]
    await _put(db, (8, ANN))
    assert await _claim(db, worker="b") == []
    await db.run(lambda repo: repo.inbox.done(9))
    assert await _claim(db, worker="b") == [8]


async def test_stale_claims_are_taken_again_then_dropped(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A claim older than the timeout is taken by another worker; after five unfinished
    attempts the update is dropped with a log line naming only its id."""
    await _put(db, (1, ANN))
    now = T0
    assert await _claim(db, now) == [1]
    assert await _claim(db, now + timedelta(minutes=9), worker="b") == []
    for attempt in range(2, 6):
        now += timedelta(minutes=11)
        assert await _claim(db, now, worker=f"w{attempt}") == [1]
    attempts = await db.run(lambda repo: repo.sql.scalar(select(t.inbox.c.attempts)))
    assert attempts == 5
    with caplog.at_level(logging.ERROR, logger="bot.storage.inbox"):
        assert await _claim(db, now + timedelta(minutes=11), worker="z") == []
    assert await db.run(lambda repo: repo.inbox.waiting()) == 0
    assert "update 1 dropped" in caplog.text and "hi" not in caplog.text


async def test_a_release_hands_the_update_back(db: Database) -> None:
    """Released by its worker, an update is claimable at once; a stranger cannot release it."""
    await _put(db, (1, ANN))
    assert await _claim(db) == [1]
    await db.run(lambda repo: repo.inbox.release(1, "someone-else"))
    assert await _claim(db, worker="b") == []
    await db.run(lambda repo: repo.inbox.release(1, "a", failed=False))
    assert await _claim(db, worker="b") == [1]
    attempts = await db.run(lambda repo: repo.sql.scalar(select(t.inbox.c.attempts)))
    assert attempts == 1, "a release that was no failure does not count as an attempt"


async def test_a_sending_row_waits_for_its_retry_and_holds_its_sender_back(db: Database) -> None:
    """Kept replies are read back by `kept`; `handled` leaves such a row; a failed send gives up
    only its own worker's claim, until `retry_at`; meanwhile the sender's later update waits, and
    another sender's does not."""
    await _put(db, (1, ANN), (2, ANN), (3, 1002))
    assert await _claim(db) == [1, 3]
    said = {"user_id": 1, "language": "en", "replies": []}
    await db.run(lambda repo: repo.inbox.hold_replies(1, said, T0))
    assert await db.run(lambda repo: repo.inbox.kept(1)) == said
    assert await db.run(lambda repo: repo.inbox.kept(3)) is None
    assert await db.run(lambda repo: repo.inbox.handled(1, "a")) is False, "its replies are kept"
    assert await db.run(lambda repo: repo.inbox.handled(3, "b")) is False, "a's claim, not b's"
    assert await db.run(lambda repo: repo.inbox.handled(3, "a")) is True
    at = T0 + timedelta(seconds=30)
    assert await db.run(lambda repo: repo.inbox.retry_send(1, "someone-else", at)) is False
    assert await db.run(lambda repo: repo.inbox.retry_send(1, "a", at)) is True
    assert await _claim(db, T0 + timedelta(seconds=29), worker="b") == []  # 2 waits behind 1
    claimed = await db.run(lambda repo: repo.inbox.claim(at, 8, "b", timedelta(minutes=10)))
    assert [(c.update_id, c.sending, c.attempts) for c in claimed] == [(1, True, 2)]
    await db.run(lambda repo: repo.inbox.done(1))  # sent
    assert await _claim(db, at, worker="b") == [2]


def test_names_are_removed_at_any_depth() -> None:
    """first_name is blanked (PTB needs it), the other names go, nothing else changes."""
    joined = [{"id": 3, "is_bot": False, "first_name": "Cy", "last_name": "D", "username": "cy"}]
    body = message(
        1,
        "hi",
        reply_to_message={"from": {"id": 2, "first_name": "Bo", "username": "b"}},
        new_chat_members=joined,
    )
    clean = inbox.without_names(body)
    assert clean["message"]["from"] == {
        "id": ANN,
        "is_bot": False,
        "first_name": "",
        "language_code": "en",
    }
    assert clean["message"]["reply_to_message"]["from"] == {"id": 2, "first_name": ""}
    assert clean["message"]["chat"] == {"id": ANN, "type": "private", "first_name": ""}
    assert clean["message"]["new_chat_members"] == [{"id": 3, "is_bot": False, "first_name": ""}]
    assert clean["message"]["text"] == "hi"
    assert body["message"]["from"]["first_name"] == "Ann", "the input is left as it was"
    assert inbox.sender_of(clean) == ANN


# ---------------------------------------------------------------- two claimers, PostgreSQL


@pytest.fixture
async def two(pg_url: str) -> AsyncIterator[tuple[Database, Database]]:
    """Two Database objects on the session's PostgreSQL database (emptied first): two replicas."""
    from tests.conftest import _truncate

    await _truncate(pg_url)
    first, second = Database.open(pg_url), Database.open(pg_url)
    try:
        yield first, second
    finally:
        await first.dispose()
        await second.dispose()


async def _held_claim(held: Held, limit: int) -> list[int]:
    """Claims in a transaction left open (the claimer is mid-commit): its rows stay locked."""

    def work(repo: Repository) -> list[int]:
        claimed = repo.inbox.claim(T0, limit, "a", timedelta(minutes=10))
        return [c.update_id for c in claimed]

    return await held.run(work)


@pytest.mark.postgres
async def test_two_claimers_take_disjoint_rows(two: tuple[Database, Database]) -> None:
    """While one replica's claim is uncommitted, the other skips its rows and takes the rest."""
    a, b = two
    await _put(a, *((i, 2000 + i) for i in range(1, 21)))
    async with a.held() as held:
        first = await _held_claim(held, 8)
        second = await asyncio.wait_for(_claim(b, worker="b"), 5)  # SKIP LOCKED: no waiting
    assert first == list(range(1, 9))
    assert second == list(range(9, 21))
    assert await _claim(b, worker="c") == []


@pytest.mark.postgres
async def test_two_claimers_keep_one_person_one_at_a_time(two: tuple[Database, Database]) -> None:
    """Across replicas a person's next update is not taken while their earlier one is in hand."""
    a, b = two
    await _put(a, (1, ANN), (2, ANN), (3, 1002))
    async with a.held() as held:
        first = await _held_claim(held, 100)
        assert first == [1, 3]
        assert await asyncio.wait_for(_claim(b, worker="b"), 5) == []
    assert await _claim(b, worker="b") == []
    await a.run(lambda repo: repo.inbox.done(1))
    assert await _claim(b, worker="b") == [2]


@pytest.mark.postgres
async def test_a_dead_replicas_claim_is_taken_over(two: tuple[Database, Database]) -> None:
    """A replica that died holding a claim: after the timeout the other takes the update."""
    a, b = two
    await _put(a, (1, ANN))
    assert await _claim(a) == [1]
    await a.dispose()  # the replica is gone
    assert await _claim(b, T0 + timedelta(minutes=5), worker="b") == []
    assert await _claim(b, T0 + timedelta(minutes=11), worker="b") == [1]
    by = await b.run(lambda repo: repo.sql.scalar(select(t.inbox.c.claimed_by)))
    assert by == "b"
