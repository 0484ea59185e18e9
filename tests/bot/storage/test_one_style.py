"""Storage has one style: the Repository's parts are the only code that touches a session, and
one helper tells PostgreSQL apart."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# Storage, and Alembic's environment (it migrates through a connection of its own).
STORAGE = (ROOT / "bot" / "storage", ROOT / "bot" / "migrations")
# Measures a bare SQLAlchemy session against the raw sqlite3 cursor: the floor under a unit of
# work (docs/DESIGN-NOTES.md), on purpose beside our storage, not through it.
ALLOWED = {ROOT / "bench" / "turns.py"}
# Built from pieces, so that this file does not match itself.
SESSION = re.compile(
    r"\bsession" + r"s?\.|\." + r"sessions?\b|" + "Session" + r"\(|run_" + "sync|session" + "maker"
)
DIALECT = re.compile(r"dialect\.name\s*==\s*['\"]" + "postgresql")
SQL_PART = re.compile(r"\brepo\.sql\.")


def sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def outside_storage(pattern: re.Pattern[str], *folders: str) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sources(*folders)
        if not any(folder in path.parents for folder in STORAGE) and path not in ALLOWED
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]


def test_no_session_is_used_outside_storage() -> None:
    """bot/, bench/ and tests/ reach the database through the Repository's parts only."""
    assert outside_storage(SESSION, "bot", "bench", "tests") == []


def test_the_coach_never_runs_statements_of_its_own() -> None:
    """repo.sql (the tests' and benchmarks' own statements) is not used by bot/."""
    assert outside_storage(SQL_PART, "bot") == []


def test_one_check_tells_postgresql_apart() -> None:
    """No module compares a dialect's name to "postgresql" but bot.storage.db.is_postgres."""
    found = [
        f"{path.relative_to(ROOT)}"
        for path in sources("bot", "bench", "tests")
        if DIALECT.search(path.read_text())
    ]
    assert found == ["bot/storage/db.py"] or found == []
