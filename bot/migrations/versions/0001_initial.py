"""Initial schema: users, conversations, check-ins, exposure levels, mornings, due events,
red-flag answers, processed update ids.

Revision ID: 0001
Revises:
Create Date: 2026-11-20
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _user_id(table: str, *, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(
        "user_id",
        sa.Integer(),
        sa.ForeignKey("users.id", name=f"fk_{table}_user_id_users", ondelete="CASCADE"),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("tz", sa.String(64), nullable=True),
        sa.Column("nudge_time", sa.Time(), nullable=True),
        sa.Column("recap_slot", sa.String(32), nullable=True),
        sa.Column("episode_start", sa.Date(), nullable=True),
        sa.Column("consent_version", sa.String(32), nullable=True),
        sa.Column("consent_at", _utc(), nullable=True),
        sa.Column("adult_at", _utc(), nullable=True),
        sa.Column("onboarded_at", _utc(), nullable=True),
        sa.Column("fears", sa.JSON(), nullable=False),
        sa.Column("portfolio", sa.JSON(), nullable=False),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("safety_hold", sa.String(16), nullable=True),
        sa.Column("safety_hold_at", _utc(), nullable=True),
        sa.Column("assessed_at", _utc(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("last_active_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("external_id", name="uq_users_external_id"),
    )
    op.create_table(
        "conversations",
        _user_id("conversations"),
        sa.Column("active", sa.JSON(), nullable=True),
        sa.Column("suspended", sa.JSON(), nullable=True),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_conversations"),
    )
    op.create_table(
        "checkins",
        _user_id("checkins"),
        sa.Column("no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("activity", sa.String(64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("baseline", sa.Integer(), nullable=True),
        sa.Column("expected", sa.Integer(), nullable=True),
        sa.Column("confidence_before", sa.Integer(), nullable=True),
        sa.Column("done_at", _utc(), nullable=True),
        sa.Column("during", sa.Integer(), nullable=True),
        sa.Column("a1", sa.Integer(), nullable=True),
        sa.Column("a1_at", _utc(), nullable=True),
        sa.Column("a2", sa.Integer(), nullable=True),
        sa.Column("a2_at", _utc(), nullable=True),
        sa.Column("confidence_after", sa.Integer(), nullable=True),
        sa.Column("morning", sa.Integer(), nullable=True),
        sa.Column("light", sa.String(16), nullable=True),
        sa.Column("level_after", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("user_id", "no", name="pk_checkins"),
    )
    op.create_index("ix_checkins_user_id_created_at", "checkins", ["user_id", "created_at"])
    op.create_table(
        "exposure_levels",
        _user_id("exposure_levels"),
        sa.Column("movement", sa.String(64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("return_to", sa.Integer(), nullable=True),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "movement", name="pk_exposure_levels"),
    )
    op.create_table(
        "mornings",
        _user_id("mornings"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "day", name="pk_mornings"),
    )
    op.create_table(
        "due_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _user_id("due_events"),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("due_at", _utc(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("dedupe_key", sa.String(200), nullable=False),
        sa.Column("claimed_at", _utc(), nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_due_events"),
        sa.UniqueConstraint("dedupe_key", name="uq_due_events_dedupe_key"),
    )
    op.create_index("ix_due_events_status_due_at", "due_events", ["status", "due_at"])
    op.create_index("ix_due_events_user_id", "due_events", ["user_id"])
    op.create_table(
        "redflag_answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _user_id("redflag_answers"),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("answer", sa.String(8), nullable=False),
        sa.Column("context", sa.String(32), nullable=False),
        sa.Column("answered_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_redflag_answers"),
    )
    op.create_index("ix_redflag_answers_user_id", "redflag_answers", ["user_id"])
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        _user_id("processed_updates", nullable=True),
        sa.Column("handled_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name="pk_processed_updates"),
    )
    op.create_index("ix_processed_updates_user_id", "processed_updates", ["user_id"])
    op.create_index("ix_processed_updates_handled_at", "processed_updates", ["handled_at"])


def downgrade() -> None:
    for table in (
        "processed_updates",
        "redflag_answers",
        "due_events",
        "mornings",
        "exposure_levels",
        "checkins",
        "conversations",
        "users",
    ):
        op.drop_table(table)  # drops its indexes with it
