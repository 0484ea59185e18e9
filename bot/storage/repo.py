"""The Repository: the only code that writes SQL, made of one part per family of tables.

One Repository wraps one synchronous Session, one per unit of work (bot.storage.database runs it
in SQLite's thread, or through SQLAlchemy's greenlet bridge on asyncpg); the caller never sees
the session and the Database commits. Each part is built on first use:

    repo.people    users: found or created by outside id, touched, blocked      (people.py)
    repo.turns     a turn: load the conversation and facts, save, apply effects  (turns.py)
    repo.goals     the person's goals and their ratings; the summary's history   (goals.py)
    repo.due       due events: scheduled, claimed, finished                      (due.py)
    repo.privacy   a person's data as a whole: exported, erased, retention       (privacy.py)
    repo.updates   processed Telegram update ids, per bot, pruned                (updates.py)
    repo.inbox     the webhook's durable inbox                                    (inbox.py)
    repo.budget    the shared send budget (PostgreSQL)                            (budget.py)
    repo.sql       statements of tests and benchmarks, never of the coach         (sql.py)
"""

from __future__ import annotations

from functools import cached_property

from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.storage.budget import SendBudget
from bot.storage.db import is_postgres
from bot.storage.due import DueEvents
from bot.storage.goals import Goals
from bot.storage.inbox import Inbox
from bot.storage.people import People
from bot.storage.privacy import Privacy
from bot.storage.sql import Statements
from bot.storage.turns import Turns
from bot.storage.updates import Updates

_PING = text("SELECT 1")


class Repository:
    """Storage for one unit of work: its parts share one session (and one transaction)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._postgres = is_postgres(session)

    @cached_property
    def people(self) -> People:
        return People(self._session, self._postgres)

    @cached_property
    def due(self) -> DueEvents:
        return DueEvents(self._session, self._postgres)

    @cached_property
    def goals(self) -> Goals:
        return Goals(self._session, self._postgres)

    @cached_property
    def privacy(self) -> Privacy:
        return Privacy(self._session, self._postgres)

    @cached_property
    def turns(self) -> Turns:
        return Turns(self._session, self._postgres, self.people, self.due, self.privacy, self.goals)

    @cached_property
    def updates(self) -> Updates:
        return Updates(self._session, self._postgres)

    @cached_property
    def inbox(self) -> Inbox:
        return Inbox(self._session, self._postgres)

    @cached_property
    def budget(self) -> SendBudget:
        return SendBudget(self._session, self._postgres)

    @cached_property
    def sql(self) -> Statements:
        return Statements(self._session, self._postgres)

    def ping(self) -> None:
        """One round trip to the database (the readiness check)."""
        self._session.execute(_PING)
