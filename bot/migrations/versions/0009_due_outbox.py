"""Nothing due is lost: a due event whose turn has run keeps the replies it must still send.

`outbox` holds the replies (as JSON) between the turn's commit and Telegram accepting them, with
the event in status "sending"; `retry_at` is when a send that failed is tried again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("due_events") as batch:
        batch.add_column(sa.Column("outbox", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("retry_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("due_events") as batch:
        batch.drop_column("retry_at")
        batch.drop_column("outbox")
