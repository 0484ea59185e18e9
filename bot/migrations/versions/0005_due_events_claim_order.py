"""Due events: the claim's order (due time, then id) as an index, so a claim reads 32 rows.

The claim picks the oldest pending events `ORDER BY due_at, id LIMIT n`. With an index on
(status, due_at) only, PostgreSQL sorted every pending event due by now on each claim whenever
many share a due time (a morning's nudges): a seq scan and a sort of 20,000 rows, 4.6 ms a claim,
growing with the crowd. With id in the index the claim is an index range scan. (SQLite orders
equal index keys by rowid, which is the id, so there it changes nothing.)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_due_events_status_due_at_id", "due_events", ["status", "due_at", "id"])
    op.drop_index("ix_due_events_status_due_at", table_name="due_events")


def downgrade() -> None:
    op.create_index("ix_due_events_status_due_at", "due_events", ["status", "due_at"])
    op.drop_index("ix_due_events_status_due_at_id", table_name="due_events")
