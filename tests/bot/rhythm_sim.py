"""A virtual-time simulation of people living by the coach's rhythm (the tests of test_rhythm*)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest

import bot.compose as compose
from bot.storage import Database, DueEvent
from bot.telegram.limiter import (
    DatabaseBudget,
    Limiter,
    RateLimiter,
    SharedRateLimiter,
    make_limiter,
)
from bot.ticker import Ticker
from flows.rhythm import local_instant, spread
from tests.bot.offline import OfflineBotApi
from tests.bot.telegram_helpers import CHECKIN, CONTENT, ONBOARDING, Clock, Harness, running_bot
from tests.bot.telegram_helpers import text as catalogue_text

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")


STEP = timedelta(minutes=10)


WAKING = catalogue_text("morning.waking")


RHYTHM = CONTENT.rhythm


BLOCKED = "Forbidden: bot was blocked by the user"


LATER = catalogue_text("choice.later")


FOLLOWUP = CONTENT.text("en", "checkin.followup_intro", {"activity": "\0"}).split("\0")[0]


def onboarding(zone: str, at: str) -> list[str]:
    """The onboarding presses, choosing this zone and morning time (then no micro-breaks)."""
    return [*ONBOARDING[:-3], zone, at, ONBOARDING[-1]]


# --------------------------------------------------------------------------- the simulation


@dataclass
class Sent:
    """One Bot API call, stamped with the simulated instant it happened at."""

    at: datetime
    chat: int
    method: str
    text: str
    proactive: bool  # sent by the tick (unasked), not in answer to an update
    ok: bool  # Telegram accepted it


class VirtualTime:
    """The RateLimiter's monotonic clock and sleep, on simulated time: a wait costs nothing real."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.slept = 0.0

    def __call__(self) -> float:
        return (self.clock.now - datetime(2026, 1, 1, tzinfo=UTC)).total_seconds() + self.slept

    async def sleep(self, seconds: float) -> None:
        self.slept += seconds
        await asyncio.sleep(0)


@dataclass
class Sim:
    """A running bot whose Ticker is driven by hand over simulated days."""

    h: Harness
    clock: Clock
    ticker: Ticker
    log: list[Sent] = field(default_factory=list)
    seen: int = 0
    on_proactive: Callable[[Sim, Sent], Awaitable[None]] | None = None

    def collect(self, proactive: bool) -> list[Sent]:
        new = []
        for call in self.h.api.calls[self.seen :]:
            chat = int(call.params.get("chat_id", 0) or 0)
            # What the person reads; for a request never answered, what the bot asked to send.
            result = call.result if isinstance(call.result, dict) else call.params
            words = str(result.get("text") or result.get("caption") or "")
            ok = call.result is not None
            new.append(Sent(self.clock.now, chat, call.method, words, proactive, ok))
        self.seen = len(self.h.api.calls)
        self.log.extend(new)
        return new

    async def tick(self, ticker: Ticker | None = None) -> int:
        """One tick (of the app's Ticker, or another's), repeated while batches come back full."""
        ticker = ticker or self.ticker
        claimed = 0
        while (n := await ticker.tick()) > 0:
            claimed += n
            if n < ticker.batch:
                break
        for sent in self.collect(proactive=True):
            if self.on_proactive is not None and sent.method == "sendMessage":
                await self.on_proactive(self, sent)
        return claimed

    async def run(self, until: datetime, ticker: Ticker | None = None) -> None:
        """Moves the clock to `until` in steps, ticking after each."""
        while self.clock.now < until:
            self.clock.now = min(self.clock.now + STEP, until)
            await self.tick(ticker)

    async def press(self, label: str, user: int) -> None:
        await self.h.press(label, user)
        self.collect(proactive=False)

    async def say(self, words: str, user: int) -> None:
        await self.h.say(words, user)
        self.collect(proactive=False)

    async def onboard(self, user: int, zone: str, at: str, then: str | None = LATER) -> int:
        """Onboards by pressing buttons; `then` answers "start now?" (None: left unanswered)."""
        await self.say("/start", user)
        for label in onboarding(zone, at):
            await self.press(label, user)
        if then is not None:
            await self.press(then, user)
        user_id = await self.h.user_id(user)
        assert user_id is not None
        return user_id

    async def checkin(self, user: int) -> None:
        """An exposure check-in on the bending ladder, by /checkin and buttons, up to its wait."""
        await self.say("/checkin", user)
        for label in CHECKIN[1:]:
            await self.press(label, user)

    def proactive(self, chat: int) -> list[Sent]:
        return [s for s in self.log if s.proactive and s.chat == chat]

    def messages(self, chat: int) -> list[Sent]:
        """The new messages (not edits) the tick sent the chat that Telegram accepted."""
        return [
            s for s in self.proactive(chat) if s.method in ("sendMessage", "sendPhoto") and s.ok
        ]

    def nudges(self, chat: int) -> list[Sent]:
        return [s for s in self.messages(chat) if WAKING in s.text]

    def photos(self, chat: int) -> list[Sent]:
        return [s for s in self.proactive(chat) if s.method == "sendPhoto"]


async def answer_mornings(sim: Sim, sent: Sent) -> None:
    """A person who answers every morning nudge (waking pain 2, no check-in now)."""
    if WAKING in sent.text and sent.ok:
        await sim.press("2", sent.chat)
        await sim.press(LATER, sent.chat)


class CapturedTicker(Ticker):
    """The app's own Ticker, kept for the test to drive instead of scheduled on real time."""

    made: ClassVar[list[Ticker]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        CapturedTicker.made.append(self)

    def schedule(self, *args: Any, **kwargs: Any) -> None:
        """Not scheduled: the test ticks by hand."""

    def schedule_retention(self, *args: Any, **kwargs: Any) -> None:
        """Not scheduled either."""


@asynccontextmanager
async def simulation(
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    start: datetime,
    *,
    api: OfflineBotApi | None = None,
    send_rate: float = 30.0,
    virtual_limiter: bool = True,
) -> AsyncIterator[Sim]:
    """build_application's bot on the offline API, its Ticker (and limiter) on simulated time."""
    clock = Clock(start)
    virtual = VirtualTime(clock)

    def limiter(per_second: float, db: Database | None) -> Limiter:
        """The bot's own choice (shared through PostgreSQL, in memory on SQLite), on
        simulated time unless the test wants real time."""
        if not virtual_limiter:
            return make_limiter(per_second, db)
        if db is not None and not db.is_sqlite:
            budget = DatabaseBudget(db)
            return SharedRateLimiter(budget, per_second, clock=virtual, sleep=virtual.sleep)
        return RateLimiter(per_second, clock=virtual, sleep=virtual.sleep)

    CapturedTicker.made = []
    monkeypatch.setattr(compose, "Ticker", CapturedTicker)
    monkeypatch.setattr(compose, "make_limiter", limiter)
    async with running_bot(db, clock, api=api, send_rate=send_rate) as h:
        (ticker,) = CapturedTicker.made
        sim = Sim(h, clock, ticker)
        sim.collect(proactive=False)
        yield sim


def local(sent: Sent, zone: ZoneInfo) -> datetime:
    return sent.at.astimezone(zone)


def due_at(zone: ZoneInfo, day: date, at: time, user_id: int) -> datetime:
    """When the person's nudge (or recap) for `day` is due: local time + their spread."""
    return local_instant(zone, day, at) + spread(user_id, RHYTHM.nudge_spread_seconds)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# --------------------------------------------------------------------------- days of rhythm

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # London on GMT, New York on EST


ANN, BOB, CAT = 1001, 1002, 1003


async def due_events(sim: Sim, user: int) -> list[DueEvent]:
    user_id = await sim.h.user_id(user)
    assert user_id is not None
    return await sim.h.coach.db.run(lambda repo: repo.due.due_events_for(user_id))


async def statuses(sim: Sim, user: int) -> dict[str, str]:
    """The person's due events as {dedupe key without the user id: status}."""
    return {
        e.dedupe_key.replace(f":{e.user_id}:", ":"): e.status for e in await due_events(sim, user)
    }


JITTER = 0.02  # seconds between the limiter's slot and the request reaching the offline API


NEAR = 0.95  # the limiter may keep under its rate, not by more than this (DESIGN §8: >= 95%)
