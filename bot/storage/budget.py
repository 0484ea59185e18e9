"""The proactive send budget shared by every replica on one PostgreSQL database.

One row per budget holds the next free send instant, in seconds of the database's clock. A
replica reserves a block of `n` consecutive slots with one UPDATE (`next_at` moves on by
`n × spacing`, never from further back than now, so idle time is not banked into a burst) and
learns where the block starts relative to the database's now; it then spaces those sends itself.
Replicas therefore share one rate, whatever their number and whatever their own clocks say.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import text

from bot.storage import queries as q
from bot.storage import tables as t
from bot.storage.part import Part

_RESERVE = text(
    """
    UPDATE send_budget
       SET next_at = GREATEST(next_at, EXTRACT(EPOCH FROM clock_timestamp())::float8)
                     + CAST(:span AS float8)
     WHERE name = CAST(:name AS varchar)
    RETURNING next_at - CAST(:span AS float8) AS start,
              EXTRACT(EPOCH FROM clock_timestamp())::float8 AS now
    """
)


class Block(NamedTuple):
    """`slots` send slots `spacing` apart, the first `delay` seconds after the database answered."""

    delay: float
    slots: int
    spacing: float


class SendBudget(Part):
    """Works the send_budget table (`repo.budget`)."""

    def reserve(self, name: str, count: int, spacing: float) -> Block:
        """Reserves the next `count` send slots of the named budget (PostgreSQL only)."""
        if not self._postgres:
            raise RuntimeError("a shared send budget needs PostgreSQL")
        params = {"name": name, "span": count * spacing}
        row = self.session.execute(_RESERVE, params).first()
        if row is None:  # first use of this budget: create its row, then reserve
            create = q.insert_on_conflict(True, t.send_budget, ("name",))
            self.session.execute(create, {"name": name, "next_at": 0.0})
            row = self.session.execute(_RESERVE, params).one()
        return Block(max(0.0, float(row.start) - float(row.now)), count, spacing)
