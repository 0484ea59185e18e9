"""Storage: engines, the schema, migrations and the one repository that writes SQL."""

from bot.storage.convert import DueEvent
from bot.storage.db import is_sqlite, make_engine, session_factory
from bot.storage.migrate import upgrade, upgrade_sync
from bot.storage.repo import Repository, StaleConversation, UnknownUser

__all__ = [
    "DueEvent",
    "Repository",
    "StaleConversation",
    "UnknownUser",
    "is_sqlite",
    "make_engine",
    "session_factory",
    "upgrade",
    "upgrade_sync",
]
