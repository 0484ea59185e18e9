"""The schema: one declarative class per table, all times aware UTC.

Only what coaching needs is stored — no names, usernames or phone numbers. Every user-owned row goes
when its user goes (ON DELETE CASCADE).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Time,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from flows.content import FALLBACK_LANGUAGE

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# pending → claimed (its turn runs) → sending (the turn is stored; its replies wait in `outbox`
# until Telegram accepts them) → done; or skipped (a nudge too late), cancelled, failed (its turn
# kept failing). A claim whose process died goes back: claimed → pending, sending stays sending.
DUE_STATUSES = ("pending", "claimed", "sending", "done", "skipped", "cancelled", "failed")


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every backend; naive datetimes are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Converts to UTC; SQLite gets it naive because its DATETIME text has no offset."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime refused: {value!r}")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        """Attaches UTC to what comes back."""
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _user_fk() -> ForeignKey:
    return ForeignKey("users.id", ondelete="CASCADE")


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # "tg:12345", "terminal:local"
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(16), default=FALLBACK_LANGUAGE)
    tz: Mapped[str | None] = mapped_column(String(64))
    nudge_time: Mapped[time | None] = mapped_column(Time)
    recap_slot: Mapped[str | None] = mapped_column(String(32))
    episode_start: Mapped[date | None] = mapped_column(Date)
    consent_version: Mapped[str | None] = mapped_column(String(32))
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    adult_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    onboarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fears: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    portfolio: Mapped[list[str]] = mapped_column(JSON, default=list)
    phase: Mapped[str] = mapped_column(String(16), default="settle")
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    micro_breaks: Mapped[bool] = mapped_column(Boolean, default=False)
    breaks_ignored: Mapped[int] = mapped_column(Integer, default=0)
    safety_hold: Mapped[str | None] = mapped_column(String(16))
    safety_hold_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    assessed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    crisis_on: Mapped[date | None] = mapped_column(Date)  # the local date only, never the words
    quick_screen_on: Mapped[date | None] = mapped_column(Date)
    flare_since: Mapped[date | None] = mapped_column(Date)
    flare_calm: Mapped[int] = mapped_column(Integer, default=0)
    paused_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pause_reason: Mapped[str | None] = mapped_column(String(16))
    summary_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the last /summary PDF
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=lambda: datetime.now(UTC))
    last_active_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ConversationRow(Base):
    __tablename__ = "conversations"

    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    active: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # {"flow", "state", "context"}
    suspended: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    step: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)  # +1 on every save: the cross-process check
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Telegram message id of the last question sent with buttons, so they can be retired.
    prompt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    # "<step>|<value>" of the last button press taken as an answer: the same press again repeats it.
    last_press: Mapped[str | None] = mapped_column(String(64))


class CheckinRow(Base):
    __tablename__ = "checkins"
    __table_args__ = (Index(None, "user_id", "created_at"),)

    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    activity: Mapped[str] = mapped_column(String(64))
    level: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))
    baseline: Mapped[int | None] = mapped_column(Integer)
    expected: Mapped[int | None] = mapped_column(Integer)
    confidence_before: Mapped[int | None] = mapped_column(Integer)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    during: Mapped[int | None] = mapped_column(Integer)
    a1: Mapped[int | None] = mapped_column(Integer)
    a1_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    a2: Mapped[int | None] = mapped_column(Integer)
    a2_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confidence_after: Mapped[int | None] = mapped_column(Integer)
    morning: Mapped[int | None] = mapped_column(Integer)
    light: Mapped[str | None] = mapped_column(String(16))
    level_after: Mapped[int | None] = mapped_column(Integer)


class ExposureLevelRow(Base):
    __tablename__ = "exposure_levels"

    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    movement: Mapped[str] = mapped_column(String(64), primary_key=True)
    level: Mapped[int] = mapped_column(Integer)
    return_to: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MorningRow(Base):
    __tablename__ = "mornings"

    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    pain: Mapped[int] = mapped_column(Integer)


class DueEventRow(Base):
    __tablename__ = "due_events"
    __table_args__ = (Index(None, "status", "due_at", "id"),)  # the claim's order

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))  # one of DUE_STATUSES
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outbox: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # replies still to send
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a failed send's next try


class RedFlagAnswerRow(Base):
    __tablename__ = "redflag_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    answer: Mapped[str] = mapped_column(String(8))
    context: Mapped[str] = mapped_column(String(32))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)


class GoalRow(Base):
    """One of the person's own goals (DESIGN §9). `text` is their words: health data, never
    logged; a goal chosen from a suggestion keeps its id (its words are in the catalogue)."""

    __tablename__ = "goals"

    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    suggestion: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(String(200))
    movements: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class GoalRatingRow(Base):
    """How well the person could do a goal's activity at a time, 0 (can't) to 10 (as before)."""

    __tablename__ = "goal_ratings"
    __table_args__ = (
        ForeignKeyConstraint(
            ["user_id", "goal_no"], ["goals.user_id", "goals.no"], ondelete="CASCADE"
        ),
        Index(None, "user_id", "goal_no", "rated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    goal_no: Mapped[int] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(Integer)
    context: Mapped[str] = mapped_column(String(16))  # "onboarding", "weekly", "goals"
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProcessedUpdateRow(Base):
    """A Telegram update handled, per bot: update ids are unique within one bot only. `bot_id`
    is the numeric part of the bot's token (never the token). Pruned after two days."""

    __tablename__ = "processed_updates"
    __table_args__ = (Index(None, "handled_at"),)  # pruning old ids

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int | None] = mapped_column(_user_fk(), index=True)
    handled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)


class InboxRow(Base):
    """A Telegram update acknowledged by the webhook and not yet handled (backcoach serve).

    Written before Telegram gets its 200, deleted once the update's turn is committed and its
    replies sent: a crash in between leaves it here for the next replica. The turn keeps what it
    has to send in `outbox` (the row is then "sending"), so that whoever takes the row up sends
    that instead of running the turn again. `body` is the update with the sender's names removed;
    rows live seconds, not days.
    """

    __tablename__ = "inbox"
    __table_args__ = (Index(None, "claimed_at", "received_at"), Index(None, "sender", "update_id"))

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # Whose update it is (Telegram user id, else chat id): one person's updates are handled one
    # at a time and in order, across every replica.
    sender: Mapped[int | None] = mapped_column(BigInteger)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    outbox: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # replies still to send
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a failed send's next try


class SendBudgetRow(Base):
    """The proactive send budget shared by every replica: the next free send instant, in
    seconds of the database's own clock (so replicas need not agree on the time)."""

    __tablename__ = "send_budget"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_at: Mapped[float] = mapped_column(Double)


def _table(row: type[Base]) -> Table:
    table = row.__table__
    assert isinstance(table, Table)
    return table


users = _table(UserRow)
conversations = _table(ConversationRow)
checkins = _table(CheckinRow)
exposure_levels = _table(ExposureLevelRow)
mornings = _table(MorningRow)
due_events = _table(DueEventRow)
redflag_answers = _table(RedFlagAnswerRow)
goals = _table(GoalRow)
goal_ratings = _table(GoalRatingRow)
processed_updates = _table(ProcessedUpdateRow)

inbox = _table(InboxRow)
send_budget = _table(SendBudgetRow)

# Service tables: nobody's coaching data, so neither exported nor erased by a person's /delete.
SERVICE_TABLES = (inbox, send_budget)

# Children first: the order to empty them in.
ALL_TABLES = (
    processed_updates,
    goal_ratings,
    goals,
    redflag_answers,
    due_events,
    mornings,
    exposure_levels,
    checkins,
    conversations,
    users,
)
