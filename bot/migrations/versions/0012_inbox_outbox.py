"""Nothing lost in webhook mode: an update whose turn has run keeps the replies it must still send.

`outbox` holds the replies (as JSON) on the update's inbox row between the turn's commit and
Telegram accepting them (the row is then "sending"); `retry_at` is when a send that failed is
tried again.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.add_column(sa.Column("outbox", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("retry_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.drop_column("retry_at")
        batch.drop_column("outbox")
