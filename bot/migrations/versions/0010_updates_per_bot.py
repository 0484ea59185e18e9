"""Processed update ids are kept per bot: update ids are unique within one bot only.

`bot_id` is the numeric part of the bot's token (the token itself is never stored). Rows from
before are given bot 0: a bot does not find them as its own, which matters only for an update
handled in the last day before the upgrade and redelivered after it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PK = "pk_processed_updates"


def upgrade() -> None:
    with op.batch_alter_table("processed_updates", recreate="always") as batch:
        batch.add_column(sa.Column("bot_id", sa.BigInteger(), nullable=False, server_default="0"))
        batch.drop_constraint(PK, type_="primary")
        batch.create_primary_key(PK, ["update_id", "bot_id"])


def downgrade() -> None:
    # One bot's ids are kept, however many bots had some: the key is the update id alone again.
    op.execute(
        "DELETE FROM processed_updates WHERE bot_id <> (SELECT MAX(bot_id) FROM processed_updates)"
    )
    with op.batch_alter_table("processed_updates", recreate="always") as batch:
        batch.drop_constraint(PK, type_="primary")
        batch.create_primary_key(PK, ["update_id"])
        batch.drop_column("bot_id")
