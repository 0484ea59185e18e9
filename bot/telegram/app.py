"""The Telegram bot, wired in one place: settings in, a running Application out.

Handlers are registered in one ordered list; the commands published with setMyCommands come from
the same table that registers them (flows.dialogue.COMMANDS, described in the catalogue).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import dataclass
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from telegram import Bot, BotCommand, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot import compose
from bot.coach import Coach
from bot.said import Delivery, Said
from bot.settings import Settings
from bot.storage import Database, DueEvent
from bot.telegram.errors import ErrorHandler
from bot.telegram.handlers import ConversationHandlers
from bot.telegram.limiter import Limiter
from bot.telegram.membership import MembershipHandlers, private_only
from bot.telegram.polling import PTB_NETWORK_LOOP, PollingRequest, QuietRefusedToken
from bot.telegram.processor import PerUserUpdateProcessor
from bot.telegram.sender import Sender
from bot.ticker import Ticker
from flows.catalogue import keys
from flows.content import FALLBACK_LANGUAGE, Content
from flows.dialogue import COMMANDS

log = logging.getLogger(__name__)
DESCRIBE = keys("command", *COMMANDS)


async def set_command_menus(bot: Bot, content: Content) -> None:
    """Telegram's command menu in every language offered: the fallback's for everyone, and each
    other language's for people whose app uses it (setMyCommands with language_code)."""
    for language in content.languages:
        commands = [
            BotCommand(name, content.text(language, getattr(DESCRIBE, name))) for name in COMMANDS
        ]
        code = None if language == FALLBACK_LANGUAGE else language
        await bot.set_my_commands(commands, language_code=code)


ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
]


def file_url(base_url: str) -> str:
    """The file endpoint that goes with a Bot API base URL (…/bot → …/file/bot)."""
    return base_url[: -len("bot")] + "file/bot" if base_url.endswith("/bot") else base_url


App = Application[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True)
class Wiring:
    """The built bot: the Application and the parts a server around it needs to see."""

    app: App
    sender: Sender
    ticker: Ticker
    scheduler: AsyncIOScheduler


def build_application(
    settings: Settings,
    coach: Coach,
    *,
    db: Database | None = None,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
) -> App:
    """Builds the Application with every handler, the tick and the published commands."""
    return wire(settings, coach, db=db, request=request, updates_request=updates_request).app


# PTB's default request keeps a pool of 256 connections that every request queues on, but httpcore
# 1.0's pool re-scans its connections for every queued request each time one finishes, and checks
# each idle one's socket (encode/httpcore#1035, still open): with a few hundred updates in flight
# that bookkeeping took 41% of the bot's CPU (py-spy on bench/updates.py over HTTP; 12% with 8
# connections and a semaphore in front). So BotApiRequest lets at most
# BACKCOACH_BOT_API_CONNECTIONS (8) requests into httpx at a time; the rest wait on a semaphore,
# which wakes one waiter in constant time. 8 kept connections carry more than Telegram lets a bot
# send (about 30 messages a second, at 100 ms a request), and httpx keeps up to 20 alive, so none
# is closed and reopened between bursts.


class BotApiRequest(HTTPXRequest):
    """PTB's httpx request with at most `connections` requests in httpx at a time (see above); a
    request waits its turn for as long as the ones under way take, each bounded by its own
    timeouts."""

    def __init__(self, connections: int) -> None:
        super().__init__(connection_pool_size=connections)
        self._slots = asyncio.Semaphore(connections)

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        async with self._slots:
            return await super().do_request(*args, **kwargs)


def wire(
    settings: Settings,
    coach: Coach,
    *,
    db: Database | None = None,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    polling: bool = True,
    limiter: Limiter | None = None,
) -> Wiring:
    """Wires the Application, its handlers, the sender and the tick. Without `polling` the
    Application has no Updater: updates are fed to it (backcoach serve's webhook inbox)."""
    assert settings.telegram_bot_token is not None
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_url)
        .base_file_url(file_url(settings.telegram_api_url))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .concurrent_updates(PerUserUpdateProcessor(256))
    )
    builder = builder.request(
        request if request is not None else BotApiRequest(settings.bot_api_connections)
    )
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    if not polling:
        builder = builder.updater(None)
    scheduler = AsyncIOScheduler()
    app = builder.build()
    sender = compose.sender(settings, app.bot, coach, limiter)

    async def pace(due: DueEvent) -> None:
        if due.chat_id is not None:
            await sender.pace(due.chat_id)

    async def deliver(due: DueEvent, said: Said) -> Delivery:
        if due.chat_id is None:  # a terminal chat's person: never a Telegram chat
            return Delivery.sent(said.prompt_message_id)
        return await sender.send(due.chat_id, said, proactive=True, paced=True)

    ticker = compose.ticker(settings, coach, deliver, pace)

    async def post_init(application: App) -> None:
        await set_command_menus(application.bot, coach.content)
        ticker.schedule(scheduler, settings.tick_seconds)
        ticker.schedule_retention(scheduler)  # daily, and once shortly after start
        scheduler.start()

    async def post_stop(application: App) -> None:
        # Before the Bot's connections close: what the tick has in hand goes out first.
        await ticker.drain()
        if scheduler.running:
            scheduler.shutdown(wait=False)

    async def post_shutdown(application: App) -> None:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        if db is not None:
            await db.dispose()

    app.post_init = post_init
    app.post_stop = post_stop
    app.post_shutdown = post_shutdown

    conversation = ConversationHandlers(coach, sender, inbox=not polling)
    membership = MembershipHandlers(coach)
    only_messages = filters.UpdateType.MESSAGE  # new messages; edits have their own handler
    # An edit without words (a live location moving, a caption removed) is ignored.
    edits = filters.UpdateType.EDITED_MESSAGE & (filters.TEXT | filters.CAPTION)
    # Order matters!
    app.add_handler(TypeHandler(Update, private_only), group=-1)
    app.add_handler(ChatMemberHandler(membership.changed, ChatMemberHandler.MY_CHAT_MEMBER))
    # Edits before commands: an edited "/help" is screened as words, never run a second time.
    app.add_handler(MessageHandler(edits, conversation.edited))
    app.add_handler(CommandHandler(list(COMMANDS), conversation.command, filters=only_messages))
    app.add_handler(MessageHandler(only_messages & filters.COMMAND, conversation.command))
    app.add_handler(CallbackQueryHandler(conversation.button))
    app.add_handler(MessageHandler(only_messages & filters.TEXT, conversation.text))
    app.add_handler(MessageHandler(only_messages, conversation.other))
    app.add_error_handler(ErrorHandler(coach, sender))
    return Wiring(app, sender, ticker, scheduler)


class AnotherPoller(Exception):
    """Another process is already long-polling for this database."""


ANOTHER_POLLER = (
    "backcoach: another `backcoach run` is already polling Telegram for this database; "
    "stop it first, or run several replicas with `backcoach serve` (webhook mode, PostgreSQL)."
)
TOKEN_REFUSED = (
    "backcoach: Telegram refused the bot token: TELEGRAM_BOT_TOKEN is wrong or was revoked "
    "(@BotFather shows the current one)."
)


async def token_refused(settings: Settings) -> bool:
    """Asks Telegram who the bot is (getMe): True when it refuses the token. Any other failure
    is left to the polling start-up, which says what it is."""
    assert settings.telegram_bot_token is not None
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_url,
        base_file_url=file_url(settings.telegram_api_url),
    )
    try:
        async with bot:
            return False
    except InvalidToken:
        return True
    except TelegramError:
        return False


def run_bot(settings: Settings) -> int:
    """Runs the bot with long polling until interrupted; refuses to be the second poller. A
    token Telegram refuses, at start-up or later, ends it with one line and exit status 2."""
    from bot.storage.locks import PollerLock, take_poller_lock

    # First, before the database is touched or anything is logged: a wrong token is one line.
    if asyncio.run(token_refused(settings)):
        print(TOKEN_REFUSED, file=sys.stderr)
        return 2
    coaching = compose.Coaching.start_sync(settings)
    refused: list[bool] = []

    def stop_refused() -> None:
        refused.append(True)
        app.stop_running()

    polling = PollingRequest(on_refused=stop_refused)
    app = build_application(settings, coaching.coach, db=coaching.db, updates_request=polling)
    start, stop = app.post_init, app.post_shutdown
    held: list[PollerLock] = []

    async def post_init(application: App) -> None:
        lock = await take_poller_lock(settings.db_url)
        if lock is None:
            raise AnotherPoller
        held.append(lock)
        if start is not None:
            await start(application)

    async def post_shutdown(application: App) -> None:
        if stop is not None:
            await stop(application)
        for lock in held:
            await lock.release()

    app.post_init, app.post_shutdown = post_init, post_shutdown
    logging.getLogger(PTB_NETWORK_LOOP).addFilter(QuietRefusedToken())
    log.info("backcoach bot starting (long polling)")
    try:
        app.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
    except AnotherPoller:
        print(ANOTHER_POLLER, file=sys.stderr)
        return 1
    except InvalidToken:
        refused.append(True)
    if refused:
        print(TOKEN_REFUSED, file=sys.stderr)
        return 2
    return 0
