"""Small helpers of the repository's tests: a person, effects applied, rows read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from bot.storage.convert import DueEvent
from bot.storage.database import Database
from flows.model import (
    ActivityKind,
    Checkin,
    CheckinStatus,
    Conversation,
    Effect,
    Facts,
    Schedule,
)

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


BERLIN = ZoneInfo("Europe/Berlin")


async def new_user(db: Database, external_id: str = "tg:1", chat_id: int = 1) -> int:
    user_id = await db.run(lambda repo: repo.people.user_id_for(external_id, chat_id))
    assert user_id is not None
    return user_id


async def apply(db: Database, user_id: int, *effects: Effect, scale: float = 1.0) -> None:
    await db.run(lambda repo: repo.turns.apply(user_id, effects, NOW, time_scale=scale))


async def load(db: Database, user_id: int, now: datetime = NOW) -> tuple[Conversation, Facts, int]:
    return await db.run(lambda repo: repo.turns.load(user_id, now))


async def schedule(db: Database, user_id: int, key: str, minutes: float) -> None:
    due = NOW + timedelta(minutes=minutes)
    await apply(db, user_id, Schedule("followup", due, key, {"no": 1}))


async def claim(db: Database, limit: int = 10, worker: str = "w1") -> list[DueEvent]:
    return await db.run(lambda repo: repo.due.claim_due(NOW, limit, worker))


async def events(db: Database, user_id: int) -> dict[str, str]:
    return await db.run(
        lambda repo: {e.dedupe_key: e.status for e in repo.due.due_events_for(user_id)}
    )


async def rows(db: Database, query: sa.Select[Any]) -> Sequence[sa.Row[Any]]:
    return await db.run(lambda repo: repo.sql.rows(query))


async def scalar(db: Database, query: sa.Select[Any]) -> object:
    return await db.run(lambda repo: repo.sql.scalar(query))


def checkin(no: int, created_at: datetime, status: CheckinStatus) -> Checkin:
    return Checkin(no, ActivityKind.WALK, "walk", None, created_at, status)


def assert_utc(value: datetime | None) -> None:
    assert value is not None and value.tzinfo is UTC
