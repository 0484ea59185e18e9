"""The flare-up plan and the progression pause as modes (DESIGN §4 of 2026-12-06): the local date
a flare began and the calm mornings since, the time progression was paused and why.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("flare_since", sa.Date(), nullable=True))
        batch.add_column(sa.Column("flare_calm", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("paused_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("pause_reason", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("pause_reason")
        batch.drop_column("paused_since")
        batch.drop_column("flare_calm")
        batch.drop_column("flare_since")
