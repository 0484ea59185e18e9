"""Nothing lost in webhook mode: an update's turn keeps its replies on its inbox row until
Telegram takes them (DESIGN-NOTES: "An update's replies wait on its inbox row").

The real Application (webhook wiring: no Updater, the inbox worker feeds it) on the offline Bot
API, the inbox worker, a clock the test moves; on SQLite and PostgreSQL. A replica that died
after its turn's commit is played by running that turn as it would have (claimed, committed,
nothing sent); the replica taking the row up afterwards sends what was kept, and nothing runs
twice.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.coach import Coach, Said
from bot.outbox import Backoff
from bot.settings import Settings
from bot.storage import Database, Repository
from bot.storage import tables as t
from bot.telegram.app import App, wire
from bot.telegram.handlers import external_id
from bot.web.worker import InboxWorker
from flows.model import Event, EventKind
from tests.bot.offline import TOKEN, OfflineBotApi, People
from tests.bot.telegram_helpers import ANN, CONTENT, Clock, buttons, text

STALE = timedelta(seconds=60)
WELCOME = "Hi, I'm backcoach"
PRIVACY = "Before we start, a word on privacy"
SEND_FAILED = text("common.send_failed")[:30]


@dataclass
class Webhook:
    """One replica's bot in webhook mode: its Application, coach, inbox worker and clock."""

    app: App
    coach: Coach
    api: OfflineBotApi
    clock: Clock
    worker: InboxWorker
    people: People

    @property
    def db(self) -> Database:
        return self.coach.db

    async def put(self, update: dict[str, Any]) -> int:
        """What the webhook route does with Telegram's POST: the update into the inbox."""
        update_id = int(update["update_id"])
        now = self.clock()
        await self.db.run(lambda repo: repo.inbox.put(update_id, ANN, update, now))
        self.worker.wake.set()
        return update_id

    def texts(self) -> list[str]:
        return self.api.texts(ANN)


@asynccontextmanager
async def webhook(db: Database, *, working: bool = True) -> AsyncIterator[Webhook]:
    """The bot as `backcoach serve` wires it; `working`: its inbox worker started."""
    clock = Clock()
    coach = Coach(db, CONTENT, clock=clock)
    api = OfflineBotApi()
    settings = Settings(TELEGRAM_BOT_TOKEN=SecretStr(TOKEN))
    wiring = wire(settings, coach, request=api, polling=False)
    worker = InboxWorker(
        wiring.app, db, clock, stale_after=STALE, poll_seconds=0.02, backoff=Backoff(30, 60)
    )
    async with wiring.app:
        await wiring.app.start()
        if working:
            worker.start()
        try:
            yield Webhook(wiring.app, coach, api, clock, worker, People())
        finally:
            await worker.stop()
            await wiring.app.stop()


async def eventually(check: Callable[[], Any], timeout: float = 10) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := await check()):
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)
    return result


async def settled(site: Webhook, seconds: float = 0.3) -> None:
    """Lets the worker poll a few times (nothing should happen meanwhile)."""
    site.worker.wake.set()
    await asyncio.sleep(seconds)


async def inbox(db: Database) -> list[Any]:
    i = t.inbox
    query = select(i.c.update_id, i.c.claimed_by, i.c.outbox, i.c.retry_at, i.c.attempts)
    return await db.run(lambda repo: repo.sql.rows(query.order_by(i.c.update_id)))


async def conversation(db: Database) -> tuple[int, int, int | None]:
    """Ann's conversation: (step, version, message with the live buttons)."""
    c, u = t.conversations, t.users
    query = (
        select(c.c.step, c.c.version, c.c.prompt_message_id)
        .join_from(c, u, u.c.id == c.c.user_id)
        .where(u.c.external_id == external_id(ANN))
    )
    (row,) = await db.run(lambda repo: repo.sql.rows(query))
    return row.step, row.version, row.prompt_message_id


async def processed(db: Database) -> list[int]:
    query = select(t.processed_updates.c.update_id).order_by(t.processed_updates.c.update_id)
    return [row.update_id for row in await db.run(lambda repo: repo.sql.rows(query))]


async def died_after_its_turn(site: Webhook, update_id: int) -> Said:
    """A replica claimed the update, ran its turn (committed, replies kept) and was killed before
    Telegram had the reply: what the handler does up to the send, on a claim of its own."""
    now = site.clock()

    def claim(repo: Repository) -> list[int]:
        return [c.update_id for c in repo.inbox.claim(now, 8, "dead:1", STALE)]

    assert await site.db.run(claim) == [update_id]
    start = Event(EventKind.COMMAND, name="start")
    said = await site.coach.handle_external(
        external_id(ANN), ANN, start, update_id=update_id, inbox=True
    )
    assert said.replies and not said.duplicate
    return said


async def test_a_kept_reply_is_sent_by_whoever_takes_the_row_up_and_the_turn_runs_once(
    db: Database,
) -> None:
    """The dead replica's claim goes stale; the live one takes the row up and sends the welcome
    the turn kept (once), without running the turn again; the next press moves one step on."""
    async with webhook(db, working=False) as site:  # the dead replica's turn first
        first = site.people.message(ANN, "/start")
        update_id = await site.put(first)
        said = await died_after_its_turn(site, update_id)
        (row,) = await inbox(db)
        assert (row.claimed_by, row.outbox is not None, row.attempts) == ("dead:1", True, 1)
        before = await conversation(db)
        assert await processed(db) == [update_id]

        site.worker.start()
        site.clock.now += STALE - timedelta(seconds=1)
        await settled(site)
        assert site.texts() == [], "the claim is not stale yet: nobody sends"
        site.clock.now += timedelta(seconds=2)
        await eventually(lambda: _empty(db))
        assert [WELCOME in m for m in site.texts()] == [True]
        assert await processed(db) == [update_id], "one update id: the turn ran once"
        step, version, prompt = await conversation(db)
        assert (step, version) == before[:2], "the conversation did not move a second time"
        (welcome,) = site.api.delivered(ANN)
        assert prompt == welcome["message_id"], "the kept reply's buttons are the live ones"
        assert said.prompt_message_id is None

        go_on = buttons(welcome)[0][0][1]
        await site.put(site.people.press(ANN, welcome, go_on))
        await eventually(lambda: _empty(db))
        assert [PRIVACY in m for m in site.texts()] == [False, True], "exactly one step on"


async def test_a_slow_replica_whose_claim_was_taken_over_runs_and_sends_nothing(
    db: Database,
) -> None:
    """A replica slower than the claim timeout: its claim is taken over before its turn commits.
    Its turn is rolled back (no replies, nothing stored) and it does not remove the row; the
    replica now holding the update runs the turn, once, and keeps its replies to send."""
    async with webhook(db, working=False) as site:
        update_id = await site.put(site.people.message(ANN, "/start"))
        now = site.clock()
        slow = await site.db.run(lambda repo: repo.inbox.claim(now, 8, "slow:1", STALE))
        later = now + STALE + timedelta(seconds=1)
        taken = await site.db.run(lambda repo: repo.inbox.claim(later, 8, "b:2", STALE))
        claims = [(c.update_id, c.attempts) for c in (*slow, *taken)]
        assert claims == [(update_id, 1), (update_id, 2)]
        start = Event(EventKind.COMMAND, name="start")
        who = external_id(ANN)
        late = await site.coach.handle_external(
            who, ANN, start, update_id=update_id, inbox=True, claim=1
        )
        assert (late.replies, late.duplicate) == ((), True)
        assert await processed(db) == [], "the slow turn was rolled back"
        assert await site.db.run(lambda repo: repo.inbox.handled(update_id, "slow:1")) is False
        said = await site.coach.handle_external(
            who, ANN, start, update_id=update_id, inbox=True, claim=2
        )
        assert said.replies and not said.duplicate
        assert await processed(db) == [update_id]
        (row,) = await inbox(db)
        assert (row.claimed_by, row.outbox is not None) == ("b:2", True)


async def test_a_reply_telegram_refused_is_sent_again_after_its_backoff(db: Database) -> None:
    """Telegram refuses the welcome: the row keeps it and waits its backoff (30 s), holding
    Ann's next update back; then any replica sends it, and the next update follows. No apology:
    the reply itself comes; the turn never runs again."""
    async with webhook(db) as site:
        site.api.fail("sendMessage", 400, "Bad Request: something went wrong")
        first = site.people.message(ANN, "/start")
        update_id = await site.put(first)
        await eventually(lambda: _waiting_retry(db))
        (row,) = await inbox(db)
        assert row.outbox is not None and row.claimed_by is None
        assert row.retry_at == site.clock.now + timedelta(seconds=30)
        before = await conversation(db)
        assert site.texts() == []

        second = site.people.message(ANN, "hello")  # behind the kept reply, in order
        await site.put(second)
        site.clock.now += timedelta(seconds=29)
        await settled(site)
        assert site.texts() == [] and len(await inbox(db)) == 2
        site.clock.now += timedelta(seconds=2)
        await eventually(lambda: _empty(db))
        texts = site.texts()
        assert WELCOME in texts[0] and len(texts) == 2, texts
        assert not any(SEND_FAILED in m for m in texts)
        assert await processed(db) == [update_id, second["update_id"]]
        assert (await conversation(db))[1] == before[1] + 1, "one turn more: the second update's"


async def test_a_kept_reply_refused_every_time_is_dropped_and_frees_the_person(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A reply Telegram never takes is tried with a growing wait, then dropped (logged by update
    id and count only), so that the person's later updates are not held back for ever."""
    from bot.storage.inbox import MAX_SENDS

    async with webhook(db) as site:
        for _ in range(MAX_SENDS):
            site.api.fail("sendMessage", 400, "Bad Request: something went wrong")
        update_id = await site.put(site.people.message(ANN, "/start"))
        waits = []
        for _ in range(MAX_SENDS - 1):
            (row,) = await eventually(lambda: _waiting_retry(db))
            waits.append((row.retry_at - site.clock.now).total_seconds())
            site.clock.now = row.retry_at
            await _claimed_again(site, row.attempts)
        assert waits[:3] == [30, 60, 60]  # doubled, up to the most
        await eventually(lambda: _empty(db))  # failed the last time: dropped
        assert len(site.api.sent()) == MAX_SENDS
        later = await site.put(site.people.message(ANN, "hello"))
        await eventually(lambda: _empty(db))
        assert await processed(db) == [update_id, later]
        assert site.texts(), "the later update had its reply"
    assert f"update {update_id} dropped after {MAX_SENDS} sends of its replies" in caplog.text
    assert "Welcome" not in caplog.text and "Hi," not in caplog.text


async def _empty(db: Database) -> bool:
    return await inbox(db) == []


async def _waiting_retry(db: Database) -> list[Any]:
    rows = await inbox(db)
    return rows if rows and rows[0].retry_at is not None and rows[0].claimed_by is None else []


async def _claimed_again(site: Webhook, attempts: int) -> None:
    async def moved() -> bool:
        rows = await inbox(site.db)
        return not rows or rows[0].attempts != attempts or rows[0].claimed_by is not None

    site.worker.wake.set()
    await eventually(moved)
