"""What every sub-repository is: one family of tables, worked through the unit of work's session.

The Repository (bot.storage.repo) builds its parts on one Session; a part never commits (the
Database does, once per unit of work) and nothing outside bot.storage sees the session.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


class Part:
    """A sub-repository over one session; `_postgres` picks PostgreSQL's clauses."""

    def __init__(self, session: Session, postgres: bool) -> None:
        self.session = session
        self._postgres = postgres


ERASED = "backcoach.erased"  # session.info key: this unit of work erased someone


def mark_erased(session: Session) -> None:
    """Notes that this unit of work deleted a person's rows (see Database: the WAL checkpoint)."""
    session.info[ERASED] = True


def erased(session: Session) -> bool:
    """Whether this unit of work deleted a person's rows."""
    return bool(session.info.get(ERASED))
