"""Statements written by callers outside the coach: tests inspecting rows, benchmarks setting up.

The coach's own code (bot/ outside bot.storage) never uses this part; a test walks bot/ for it.
It exists so that no session leaves bot.storage: a test reads `repo.sql.rows(select(…))`
instead of reaching into the unit of work's session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql.base import Executable

from bot.storage.convert import AnyRow
from bot.storage.part import Part

Params = Mapping[str, Any] | Sequence[Mapping[str, Any]] | None


class Statements(Part):
    """Runs a caller's own statements in the unit of work (`repo.sql`): tests and benchmarks."""

    def rows(self, statement: Executable, params: Params = None) -> list[AnyRow]:
        """Every row the statement returns."""
        return list(self.session.execute(statement, params))

    def scalar(self, statement: Executable, params: Params = None) -> Any:
        """The first column of the first row, or None."""
        return self.session.execute(statement, params).scalar()

    def run(self, statement: Executable, params: Params = None) -> None:
        """Runs a statement for its effect (one set of parameters, or many: executemany)."""
        self.session.execute(statement, params)

    @property
    def unit(self) -> dict[Any, Any]:
        """A dict living as long as the unit's transaction (units of one group commit share
        it): how a test of the Database tells which units ran together."""
        return self.session.info

    def connection(self) -> Connection:
        """The unit of work's connection (schema inspection, the driver's name)."""
        return self.session.connection()
