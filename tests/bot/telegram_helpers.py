"""A running backcoach Application on the offline Bot API, driven as a person would drive it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from pydantic import SecretStr
from sqlalchemy import select
from telegram import Update
from telegram.ext import Application

from bot.coach import Coach
from bot.content import load_content
from bot.settings import Settings
from bot.storage import Database
from bot.storage import tables as t
from bot.telegram.app import build_application
from bot.telegram.handlers import external_id
from flows.content import Content
from flows.model import Conversation, Facts
from tests.bot.offline import TOKEN, OfflineBotApi, People
from tests.onboarding import MORE_FEARS

CONTENT: Content = load_content()
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning; London is on UTC
ANN = 1001
SCREEN_NO = ["No"] * len(CONTENT.red_flags)  # every red-flag question answered no
ONBOARDING = ["Continue", "I agree", "Yes", *SCREEN_NO, "1–2 weeks ago", "6", "5", "4", "0"]
ONBOARDING += MORE_FEARS
ONBOARDING += ["Not now", "Use the suggested set", "Europe/London", "08:00", "No thanks"]
FEAR = ONBOARDING.index("6")  # presses up to the first 0–10 question (fear of bending)
CHECKIN = ["Start a check-in now", "bending, level 1", "2", "4", "6", "Done it", "3", "7"]
STICKER = {
    "sticker": {
        "file_id": "CAACAgIAAxkBAAE",
        "file_unique_id": "AgADBAADwDZPEw",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
}
PHOTO = {
    "photo": [{"file_id": "AgACAgIAAxk", "file_unique_id": "AQADzr", "width": 90, "height": 90}]
}


def text(key: str, **params: Any) -> str:
    """A catalogue text as the person reads it (plain, parameters filled)."""
    return CONTENT.text("en", key, params)


def together(*texts: str) -> str:
    """Texts the bot sends as one message (a run of replies up to its question)."""
    return "\n\n".join(texts)


def buttons(message: dict[str, Any]) -> list[list[tuple[str, str]]]:
    """The inline keyboard of a Bot API message as rows of (visible text, callback data)."""
    markup = message.get("reply_markup") or {}
    return [[(b["text"], b["callback_data"]) for b in row] for row in markup["inline_keyboard"]]


def labels(message: dict[str, Any]) -> list[list[str]]:
    """The visible labels of a message's buttons, row by row."""
    return [[label for label, _ in row] for row in buttons(message)]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Harness:
    """One Application with its coach, the offline API and the people writing to it."""

    def __init__(
        self, app: Application[Any, Any, Any, Any, Any, Any], coach: Coach, api: OfflineBotApi
    ) -> None:
        self.app = app
        self.coach = coach
        self.api = api
        self.people = People()

    def update(self, data: dict[str, Any]) -> Update:
        return Update.de_json(data, self.app.bot)

    async def feed(self, data: dict[str, Any]) -> None:
        """Handles one update as the Application does (handlers, error handler)."""
        await self.app.process_update(self.update(data))

    async def feed_concurrently(self, *updates: dict[str, Any]) -> None:
        """Handles updates at once through the update processor, as polling would."""
        processor = self.app.update_processor

        async def one(data: dict[str, Any]) -> None:
            update = self.update(data)
            await processor.process_update(update, self.app.process_update(update))

        await asyncio.gather(*(one(u) for u in updates))

    async def say(self, words: str, user: int = ANN, **options: Any) -> dict[str, Any]:
        data = self.people.message(user, words, **options)
        await self.feed(data)
        return data

    def last(self, chat_id: int = ANN) -> dict[str, Any]:
        """The latest message the bot sent to the chat, as it stands now (after edits)."""
        mine = [m for (chat, _), m in self.api.messages.items() if chat == chat_id]
        return mine[-1]

    def question(self, chat_id: int = ANN) -> dict[str, Any]:
        """The latest message in the chat that still has buttons."""
        live = [
            m
            for (chat, _), m in self.api.messages.items()
            if chat == chat_id and m.get("reply_markup")
        ]
        return live[-1]

    def press_update(self, label: str, user: int = ANN) -> dict[str, Any]:
        """The update for pressing the button labelled `label` on the last message."""
        message = self.last(user)
        for row in buttons(message):
            for visible, data in row:
                if visible == label:
                    return self.people.press(user, message, data)
        raise AssertionError(f"no button {label!r} on {message['text']!r}: {buttons(message)}")

    async def press(self, label: str, user: int = ANN) -> dict[str, Any]:
        data = self.press_update(label, user)
        await self.feed(data)
        return data

    async def to_fear(self, user: int = ANN) -> None:
        """From nothing to the first 0–10 question."""
        await self.say("/start", user)
        for label in ONBOARDING[:FEAR]:
            await self.press(label, user)

    async def onboard(self, user: int = ANN) -> None:
        """Goes through onboarding by pressing the buttons shown."""
        await self.say("/start", user)
        for label in ONBOARDING:
            await self.press(label, user)
        assert self.last(user)["text"].endswith(text("onboarding.start_now"))

    # -- what is stored

    async def user_id(self, user: int = ANN) -> int | None:
        key = external_id(user)
        return await self.coach.db.run(lambda repo: repo.people.user_id_for(key, create=False))

    async def state(self, user: int = ANN) -> tuple[Conversation, Facts]:
        user_id = await self.user_id(user)
        assert user_id is not None
        now = self.coach.clock()
        conversation, facts, _ = await self.coach.db.run(lambda repo: repo.turns.load(user_id, now))
        return conversation, facts

    async def blocked(self, user: int = ANN) -> bool:
        user_id = await self.user_id(user)
        query = select(t.users.c.blocked).where(t.users.c.id == user_id)
        return bool(await self.coach.db.run(lambda repo: repo.sql.scalar(query)))

    async def pending(self, user: int = ANN) -> list[tuple[str, datetime]]:
        """The person's pending due events: kind and when due (UTC)."""
        user_id = await self.user_id(user)
        d = t.due_events
        query = select(d.c.kind, d.c.due_at).where(d.c.user_id == user_id, d.c.status == "pending")
        rows = await self.coach.db.run(lambda repo: repo.sql.rows(query))
        return [(kind, at if at.tzinfo else at.replace(tzinfo=UTC)) for kind, at in rows]

    async def due_statuses(self, user: int = ANN) -> list[tuple[str, str]]:
        user_id = await self.user_id(user)
        d = t.due_events
        query = select(d.c.kind, d.c.status).where(d.c.user_id == user_id).order_by(d.c.id)
        return await self.coach.db.run(
            lambda repo: [(row.kind, row.status) for row in repo.sql.rows(query)]
        )


@asynccontextmanager
async def running_bot(
    db: Database,
    clock: Clock | None = None,
    *,
    tick_seconds: float = 3600,
    api: OfflineBotApi | None = None,
    send_rate: float = 30.0,
    token: str = TOKEN,
) -> AsyncIterator[Harness]:
    """An initialised Application with post_init run (commands published, tick scheduled)."""
    coach = Coach(db, CONTENT, clock=clock or Clock())
    api = api or OfflineBotApi()
    settings = Settings(
        TELEGRAM_BOT_TOKEN=SecretStr(token),
        BACKCOACH_TICK_SECONDS=tick_seconds,
        BACKCOACH_SEND_RATE=send_rate,
    )
    app = build_application(settings, coach, request=api, updates_request=OfflineBotApi())
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        try:
            yield Harness(app, coach, api)
        finally:
            await app.post_shutdown(app)
