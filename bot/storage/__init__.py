"""Storage: the Database (units of work), the schema, migrations and the one repository."""

from bot.storage.convert import DueEvent
from bot.storage.database import Database
from bot.storage.db import is_postgres, is_sqlite
from bot.storage.migrate import upgrade, upgrade_sync
from bot.storage.people import UnknownUser
from bot.storage.repo import Repository
from bot.storage.turns import StaleConversation

__all__ = [
    "Database",
    "DueEvent",
    "Repository",
    "StaleConversation",
    "UnknownUser",
    "is_postgres",
    "is_sqlite",
    "upgrade",
    "upgrade_sync",
]
