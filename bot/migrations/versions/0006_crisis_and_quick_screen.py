"""Safety in the conversation: the date of a crisis message (never its words) and the date of
the last one-question re-screen after a RED (asked at most once a day).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("crisis_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("quick_screen_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("quick_screen_on")
        batch.drop_column("crisis_on")
