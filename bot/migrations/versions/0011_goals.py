"""The person's own goals (DESIGN §9): the goals in their words (or a suggestion's id) with the
movements each needs, their 0–10 ratings over time, and when /summary last made the PDF.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _user_id(table: str) -> sa.Column[int]:
    return sa.Column(
        "user_id",
        sa.Integer(),
        sa.ForeignKey("users.id", name=f"fk_{table}_user_id_users", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "goals",
        _user_id("goals"),
        sa.Column("no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("suggestion", sa.String(64), nullable=True),
        sa.Column("text", sa.String(200), nullable=True),
        sa.Column("movements", sa.JSON(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("retired_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("user_id", "no", name="pk_goals"),
    )
    op.create_table(
        "goal_ratings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _user_id("goal_ratings"),
        sa.Column("goal_no", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("context", sa.String(16), nullable=False),
        sa.Column("rated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_goal_ratings"),
        sa.ForeignKeyConstraint(
            ["user_id", "goal_no"],
            ["goals.user_id", "goals.no"],
            name="fk_goal_ratings_user_id_goals",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_goal_ratings_user_id_goal_no_rated_at",
        "goal_ratings",
        ["user_id", "goal_no", "rated_at"],
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("summary_at", _utc(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("summary_at")
    op.drop_index("ix_goal_ratings_user_id_goal_no_rated_at", table_name="goal_ratings")
    op.drop_table("goal_ratings")
    op.drop_table("goals")
