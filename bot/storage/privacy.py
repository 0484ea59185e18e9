"""A person's data as a whole: exported as it is stored, and forgotten after a year of silence.

The export is driven by the schema itself (every table that has a `user_id`, every column but the
internal ids), so a column added later is exported without anyone remembering to add it here.
Erasure is the user row's delete: every other table cascades. An erasing unit of work is
marked on its session, so that the Database, once it has committed, checkpoints SQLite's WAL:
nothing of the person stays readable in the files while the bot runs (DESIGN §6).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, func, select

from bot.storage import tables as t
from bot.storage.part import Part, mark_erased
from bot.storage.people import UnknownUser

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


class Privacy(Part):
    """A person's data as a whole (`repo.privacy`): exported, erased, forgotten when silent."""

    def export(self, user_id: int) -> dict[str, Any]:
        """Every stored row of the person, values as stored: aware UTC datetimes, dates, times,
        JSON columns as dicts and lists. UnknownUser if there is no such person."""
        found: dict[str, Any] = {}
        for key, table in SINGLE.items():
            query = select(*_shown(table)).where(_owner(table) == user_id)
            row = self.session.execute(query).first()
            found[key] = dict(row._mapping) if row is not None else None
        if found["profile"] is None:
            raise UnknownUser(user_id)
        for key, (table, order) in MANY.items():
            query = (
                select(*_shown(table))
                .where(_owner(table) == user_id)
                .order_by(*(table.c[name] for name in order))
            )
            found[key] = [dict(row._mapping) for row in self.session.execute(query)]
        for key, table in COUNTED.items():
            count = select(func.count()).select_from(table).where(_owner(table) == user_id)
            found[key] = {"count": int(self.session.scalar(count) or 0)}
        return found

    def delete_user(self, user_id: int) -> None:
        """Deletes the person and, by cascade, everything stored about them."""
        self.session.execute(delete(t.users).where(t.users.c.id == user_id))
        mark_erased(self.session)

    def delete_inactive(self, before: datetime) -> int:
        """Deletes everyone last active before `before` (their sign-up time if they never were);
        returns how many. Everything they owned goes with them (ON DELETE CASCADE)."""
        u = t.users
        last_seen = func.coalesce(u.c.last_active_at, u.c.created_at)
        deleted = self.session.execute(delete(u).where(last_seen < before).returning(u.c.id))
        gone = len(deleted.all())
        if gone:
            mark_erased(self.session)
        return gone
