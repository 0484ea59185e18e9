"""A person's data as a whole: exported as it is stored, and forgotten after a year of silence.

The export is driven by the schema itself (every table that has a `user_id`, every column but the
internal ids), so a column added later is exported without anyone remembering to add it here.
Erasure is the user row's delete: every other table cascades.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, func, select
from sqlalchemy.orm import Session

from bot.storage import tables as t

INTERNAL = frozenset({"id", "user_id"})  # row ids and the link to the user row: ours, not theirs

# The export's sections, in order: key → (table, order of rows). `profile` and `conversation` are
# one row (or None); the others are lists. Processed update ids are only counted.
SINGLE = {"profile": t.users, "conversation": t.conversations}
MANY: dict[str, tuple[Table, tuple[str, ...]]] = {
    "checkins": (t.checkins, ("no",)),
    "exposure_levels": (t.exposure_levels, ("movement",)),
    "mornings": (t.mornings, ("day",)),
    "due_events": (t.due_events, ("due_at", "id")),
    "redflag_answers": (t.redflag_answers, ("answered_at", "id")),
    "goals": (t.goals, ("no",)),
    "goal_ratings": (t.goal_ratings, ("rated_at", "id")),
}
COUNTED = {"processed_updates": t.processed_updates}


def _owner(table: Table) -> Any:
    return table.c.id if table is t.users else table.c.user_id


def _shown(table: Table) -> list[Any]:
    return [column for column in table.c if column.name not in INTERNAL]


def export(session: Session, user_id: int) -> dict[str, Any] | None:
    """Every stored row of the person (None if there is no such person), values as stored:
    aware UTC datetimes, dates, times, JSON columns as dicts and lists."""
    found: dict[str, Any] = {}
    for key, table in SINGLE.items():
        query = select(*_shown(table)).where(_owner(table) == user_id)
        row = session.execute(query).first()
        found[key] = dict(row._mapping) if row is not None else None
    if found["profile"] is None:
        return None
    for key, (table, order) in MANY.items():
        query = (
            select(*_shown(table))
            .where(_owner(table) == user_id)
            .order_by(*(table.c[name] for name in order))
        )
        found[key] = [dict(row._mapping) for row in session.execute(query)]
    for key, table in COUNTED.items():
        count = select(func.count()).select_from(table).where(_owner(table) == user_id)
        found[key] = {"count": int(session.scalar(count) or 0)}
    return found


def delete_inactive(session: Session, before: datetime) -> int:
    """Deletes everyone last active before `before` (their sign-up time if they never were);
    returns how many. Everything they owned goes with them (ON DELETE CASCADE)."""
    u = t.users
    last_seen = func.coalesce(u.c.last_active_at, u.c.created_at)
    deleted = session.execute(delete(u).where(last_seen < before).returning(u.c.id))
    return len(deleted.all())
