"""The composition root: typed settings in; content, database, coach, sender and ticker out.

`backcoach chat`, `run` and `serve` all start the same way — content loaded and validated first
(bad content refuses to start before the database is touched), then the one migration rule
(`BACKCOACH_AUTO_MIGRATE`, on by default: the schema is brought up to date at start-up; a
deployment that migrates once before its replicas start turns it off), then the database and the
coach — and stop the same way (`Coaching.stop`). The sender and the ticker are built here too,
from the same settings, for whichever front end delivers.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot

from bot.coach import Coach
from bot.content import load_content
from bot.outbox import Backoff
from bot.reader_cache import folder, warm
from bot.settings import Settings
from bot.storage import Database, upgrade, upgrade_sync
from bot.telegram.limiter import Limiter, make_limiter
from bot.telegram.sender import Sender
from bot.ticker import Deliver, Pace, Ticker
from flows.content import Content


@dataclass(frozen=True)
class Coaching:
    """What every front end runs on: its settings, the content, the database and the coach."""

    settings: Settings
    content: Content
    db: Database
    coach: Coach

    @classmethod
    async def start(cls, settings: Settings) -> Coaching:
        """Loads the content, migrates (when the settings say so) and opens the database."""
        content = load_content(settings.data_dir)
        if settings.auto_migrate:
            await upgrade(settings.db_url)
        return cls.open(settings, content)

    @classmethod
    def start_sync(cls, settings: Settings) -> Coaching:
        """`start`, for a caller outside any event loop (long polling runs its own)."""
        content = load_content(settings.data_dir)
        if settings.auto_migrate:
            upgrade_sync(settings.db_url)
        return cls.open(settings, content)

    @classmethod
    def open(cls, settings: Settings, content: Content) -> Coaching:
        for reader in content.readers.values():
            # the screen's learned tier, ready before the first update: its model kept from an
            # earlier start, or fitted now (half a second a language) and kept
            warm(reader, folder(settings.cache_dir))
        db = Database.open(settings.db_url)
        return cls(
            settings,
            content,
            db,
            Coach(db, content, time_scale=settings.time_scale, bot_id=settings.bot_id),
        )

    async def stop(self) -> None:
        """Closes the database (its connections and, on SQLite, the file)."""
        await self.db.dispose()


def ticker(settings: Settings, coach: Coach, deliver: Deliver, pace: Pace | None = None) -> Ticker:
    """The scheduler tick, configured from the settings, delivering through `deliver`."""
    return Ticker(
        coach,
        deliver,
        claim_timeout=settings.claim_timeout,
        pace=pace,
        retry_first=backoff(settings).first,
        retry_most=backoff(settings).most,
    )


def backoff(settings: Settings) -> Backoff:
    """How failed sends are tried again (due events and, in webhook mode, updates' replies)."""
    return Backoff.up_to(settings.send_retry_most)


def sender(settings: Settings, bot: Bot, coach: Coach, limiter: Limiter | None = None) -> Sender:
    """The sender of a bot, its proactive sends paced by the settings' rate (shared between
    replicas through the database on PostgreSQL)."""
    return Sender(bot, coach.content, limiter or make_limiter(settings.send_rate, coach.db))
