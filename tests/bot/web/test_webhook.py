"""Webhook mode: real HTTP requests to `backcoach serve`'s app under uvicorn on a free port, the
real PTB stack talking to the fake Bot API over HTTP, on SQLite and PostgreSQL (the inbox's
storage alone: tests/bot/storage/test_inbox.py)."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import uvicorn
from pydantic import SecretStr
from sqlalchemy import insert, select

from bot.settings import Settings
from bot.storage import Database
from bot.storage import tables as t
from bot.web.server import MAX_BODY, WebhookServer, create_app
from tests.fakes.botapi import FakeBotApi

TOKEN = "123456:TEST"
SECRET = "s3cret_-Token"
ANN = 1001
WELCOME = "Hi, I'm backcoach"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Site:
    """A running `backcoach serve` app: its HTTP client, its server object and the fake API."""

    client: httpx.AsyncClient
    server: WebhookServer
    api: FakeBotApi
    port: int

    async def post(
        self, body: Any, *, secret: str | None = SECRET, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """POSTs an update (a dict is sent as JSON, bytes as they are) to /telegram."""
        sent = {"Content-Type": "application/json", **(headers or {})}
        if secret is not None:
            sent["X-Telegram-Bot-Api-Secret-Token"] = secret
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return await self.client.post("/telegram", content=content, headers=sent)

    async def deliver(self) -> list[int]:
        """Posts what the fake Telegram has queued, as Telegram would; returns the update ids."""
        ids = []
        for body in self.api.take_updates():
            response = await self.post(body)
            assert response.status_code == 200, response.text
            ids.append(body["update_id"])
        return ids

    async def raw(self, head: bytes, body: bytes = b"", wait: float = 3.0) -> bytes:
        """Sends raw bytes on a fresh connection and returns the response's status line."""
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        try:
            writer.write(head + body)
            await writer.drain()
            return await asyncio.wait_for(reader.readline(), wait)
        finally:
            writer.close()


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@asynccontextmanager
async def serving(
    db_url: str, api: FakeBotApi, *, tick_seconds: float = 3600, claim_timeout: float = 600
) -> AsyncIterator[Site]:
    """`backcoach serve`'s app under uvicorn in this event loop, on a free port."""
    sock = free_socket()
    port = sock.getsockname()[1]
    settings = Settings(
        TELEGRAM_BOT_TOKEN=SecretStr(TOKEN),
        TELEGRAM_API_URL=api.base_url,
        DATABASE_URL=db_url,
        BACKCOACH_WEBHOOK_URL=f"http://127.0.0.1:{port}",
        BACKCOACH_WEBHOOK_SECRET=SecretStr(SECRET),
        BACKCOACH_AUTO_MIGRATE=False,
        BACKCOACH_TICK_SECONDS=tick_seconds,
        BACKCOACH_CLAIM_TIMEOUT=claim_timeout,
    )
    app = create_app(settings)
    config = uvicorn.Config(app, lifespan="on", log_config=None, access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    deadline = time.monotonic() + 20
    while not server.started:
        assert not task.done(), "the server did not start"
        assert time.monotonic() < deadline, "the server took too long to start"
        await asyncio.sleep(0.02)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            yield Site(client, app.state.server, api, port)
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 20)
        sock.close()


@pytest.fixture
def api() -> Any:
    with FakeBotApi(token=TOKEN) as fake:
        yield fake


def message(update_id: int, text: str, user: int = ANN, **extra: Any) -> dict[str, Any]:
    """A private text message update (with Telegram's name fields filled in)."""
    person = {"id": user, "is_bot": False, "first_name": "Ann", "last_name": "Example"}
    person |= {"username": "ann_example", "language_code": "en"}
    chat = {"id": user, "type": "private", "first_name": "Ann", "username": "ann_example"}
    body: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": chat,
        "from": person,
        "text": text,
        **extra,
    }
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": body}


async def rows(db: Database, *columns: Any) -> list[Any]:
    return await db.run(lambda repo: repo.sql.rows(select(*columns)))


async def inbox_ids(db: Database) -> list[int]:
    return [r.update_id for r in await rows(db, t.inbox.c.update_id)]


async def processed(db: Database) -> dict[int, datetime]:
    p = t.processed_updates
    return {r.update_id: r.handled_at for r in await rows(db, p.c.update_id, p.c.handled_at)}


async def eventually(check: Callable[[], Any], timeout: float = 10) -> Any:
    """Awaits `check()` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.05)


async def hold_person(db: Database, user: int = ANN, update_id: int = 10**12) -> None:
    """Another replica has claimed one of this person's updates just now: theirs wait."""
    row = {
        "update_id": update_id,
        "sender": user,
        "body": {},
        "received_at": datetime.now(UTC),
        "claimed_at": datetime.now(UTC),
        "claimed_by": "elsewhere:1",
        "attempts": 1,
    }
    await db.run(lambda repo: repo.sql.run(insert(t.inbox), row))


async def release_person(db: Database, site: Site, update_id: int = 10**12) -> None:
    await db.run(lambda repo: repo.inbox.done(update_id))
    site.server.running.worker.wake.set()  # type: ignore[union-attr]


def welcomes(api: FakeBotApi, user: int = ANN) -> int:
    return sum(WELCOME in (m["text"] or "") for m in api.user(user).messages())


# ------------------------------------------------------------------------------- the door


@pytest.fixture
def sqlite_url(tmp_path: Any, sqlite_template: Any) -> str:
    import shutil

    path = tmp_path / "serve.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


async def test_without_the_right_secret_nothing_is_read_or_stored(
    api: FakeBotApi, sqlite_url: str
) -> None:
    """No secret → 401, a wrong one → 403, answered before the body arrives; nothing stored."""
    async with serving(sqlite_url, api) as site:
        assert (await site.post(message(1, "/start"), secret=None)).status_code == 401
        assert (await site.post(message(2, "/start"), secret=SECRET + "x")).status_code == 403
        assert (await site.post(message(3, "/start"), secret="")).status_code == 403
        # A body announced but never sent: the answer comes anyway, so it was never read.
        head = (
            b"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"X-Telegram-Bot-Api-Secret-Token: wrong\r\nContent-Length: 100000\r\n\r\n"
        )
        assert b" 403 " in await site.raw(head)
        running = site.server.running
        assert running is not None
        assert await inbox_ids(running.db) == []
        await asyncio.sleep(0.3)
        assert await processed(running.db) == {}
        assert api.requests_of("sendMessage") == []


async def test_oversized_bodies_are_refused(api: FakeBotApi, sqlite_url: str) -> None:
    """Over 256 KiB → 413, whether announced by Content-Length or streamed chunked."""
    padding = "x" * MAX_BODY
    async with serving(sqlite_url, api) as site:
        big = message(1, "/start", caption=padding)
        assert (await site.post(big)).status_code == 413
        head = (
            b"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\n".encode()
            + f"Content-Length: {MAX_BODY + 1}\r\n\r\n".encode()
        )
        assert b" 413 " in await site.raw(head)  # refused on the header alone

        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(40):
                yield b" " * 8192  # whitespace: it would parse, if it were not too long
            yield json.dumps(message(2, "/start")).encode()

        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        response = await site.client.post("/telegram", content=chunks(), headers=headers)
        assert response.status_code == 413

        async def small() -> AsyncIterator[bytes]:
            yield json.dumps(message(3, "/start")).encode()

        response = await site.client.post("/telegram", content=small(), headers=headers)
        assert response.status_code == 200, "a chunked body under the cap is fine"
        running = site.server.running
        assert running is not None
        await eventually(lambda: processed(running.db))
        assert list(await processed(running.db)) == [3]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"{not json", id="not-json"),
        pytest.param(b"", id="empty"),
        pytest.param(b'{"update_id": NaN}', id="nan"),
        pytest.param(b'{"update_id": 1, "message": {"text": "\\ud800"}}', id="lone-surrogate"),
        pytest.param(b"\xff\xfe", id="not-utf8"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deeply-nested"),
        pytest.param(b"[1, 2]", id="a-list"),
        pytest.param(b'{"message": {}}', id="no-update-id"),
        pytest.param(b'{"update_id": "7"}', id="update-id-text"),
        pytest.param(b'{"update_id": true}', id="update-id-bool"),
        pytest.param(b'{"update_id": -1}', id="update-id-negative"),
        pytest.param(b'{"update_id": 99999999999999999999}', id="update-id-huge"),
        pytest.param(b'{"update_id": 5, "message": "hello"}', id="not-an-update"),
    ],
)
async def test_bad_bodies_get_400_and_nothing_is_stored(
    api: FakeBotApi, sqlite_url: str, body: bytes
) -> None:
    """Anything but one Telegram update is refused with 400 and leaves no trace."""
    async with serving(sqlite_url, api) as site:
        response = await site.post(body)
        assert response.status_code == 400
        assert response.json()["ok"] is False
        running = site.server.running
        assert running is not None
        assert await inbox_ids(running.db) == []
        assert (await site.post(message(9, "/start"))).status_code == 200, "still serving"


# ------------------------------------------------------------------------------ the inbox


async def test_an_update_is_stored_then_handled_and_removed(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """A good update gets 200; the bot replies through the Bot API; its inbox row goes."""
    api.user(ANN)
    async with serving(db_url, api) as site:
        assert (await site.post(message(41, "/start"))).status_code == 200
        await api.user(ANN).await_for(WELCOME)
        await eventually(lambda: _empty(db))
        assert list(await processed(db)) == [41]
        assert welcomes(api) == 1


async def _empty(db: Database) -> bool:
    return await inbox_ids(db) == []


async def test_the_same_update_twice_has_one_effect(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """Telegram's retry of an update (while waiting, and after it was handled) changes nothing."""
    api.user(ANN)
    async with serving(db_url, api) as site:
        first = message(42, "/start")
        responses = await asyncio.gather(site.post(first), site.post(first))
        assert [r.status_code for r in responses] == [200, 200]
        await api.user(ANN).await_for(WELCOME)
        await eventually(lambda: _empty(db))
        assert (await site.post(first)).status_code == 200  # after it was handled
        await eventually(lambda: _empty(db))
        await asyncio.sleep(0.3)
        assert list(await processed(db)) == [42]
        assert welcomes(api) == 1
        assert len(api.requests_of("sendMessage")) == 1


async def test_names_are_not_stored(api: FakeBotApi, db_url: str, db: Database) -> None:
    """The stored update has every first_name blank and no last name, username or phone."""
    api.user(ANN)
    async with serving(db_url, api) as site:
        await hold_person(db)
        reply = {"message_id": 7, "date": 1, "chat": {"id": ANN, "type": "private"}}
        reply |= {"from": {"id": 5, "is_bot": False, "first_name": "Bo", "username": "bo"}}
        contact = {"phone_number": "+44 7700 900123", "first_name": "Cy", "last_name": "Dee"}
        update = message(43, "hello", reply_to_message=reply, contact=contact)
        assert (await site.post(update)).status_code == 200
        stored = await db.run(
            lambda repo: repo.sql.scalar(select(t.inbox.c.body).where(t.inbox.c.update_id == 43))
        )
        text = json.dumps(stored)
        for secret in ("Ann", "Example", "ann_example", "Bo", "bo", "Cy", "Dee", "7700"):
            assert f'"{secret}"' not in text and "7700" not in text
        assert stored["message"]["from"]["first_name"] == ""
        assert stored["message"]["reply_to_message"]["from"]["first_name"] == ""
        assert stored["message"]["text"] == "hello"
        await release_person(db, site)
        await eventually(lambda: _empty(db))
        assert list(await processed(db)) == [43]


async def test_one_persons_updates_are_handled_in_order(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """Updates of one person arriving out of order are still handled by update id, one by one."""
    api.user(ANN)
    async with serving(db_url, api) as site:
        await hold_person(db)
        for update_id in (53, 51, 54, 50, 52):
            text = "/start" if update_id == 50 else "hello"
            assert (await site.post(message(update_id, text))).status_code == 200
        assert sorted(await inbox_ids(db)) == [50, 51, 52, 53, 54, 10**12]
        await release_person(db, site)
        await eventually(lambda: _empty(db))
        handled = await processed(db)
        assert sorted(handled, key=handled.__getitem__) == [50, 51, 52, 53, 54]


async def test_different_people_are_handled_side_by_side(
    api: FakeBotApi, db_url: str, db: Database
) -> None:
    """One person held up does not hold up anyone else."""
    for user in (ANN, 1002):
        api.user(user)
    async with serving(db_url, api) as site:
        await hold_person(db, ANN)
        assert (await site.post(message(60, "/start", ANN))).status_code == 200
        assert (await site.post(message(61, "/start", 1002))).status_code == 200
        await api.user(1002).await_for(WELCOME)
        assert welcomes(api, ANN) == 0
        await release_person(db, site)
        await api.user(ANN).await_for(WELCOME)


# ------------------------------------------------------------------------ health, metrics


async def test_healthz_reports_the_database_and_the_tick(api: FakeBotApi, sqlite_url: str) -> None:
    """200 while both work; 503 naming the tick when it stops, and the database when it goes."""
    async with serving(sqlite_url, api, tick_seconds=0.2) as site:
        running = site.server.running
        assert running is not None
        await eventually(lambda: _ticked(running))
        ok = await site.client.get("/healthz")
        assert (ok.status_code, ok.json()) == (200, {"database": "ok", "tick": "ok", "inbox": "ok"})

        running.wiring.scheduler.pause()
        await asyncio.sleep(0.3)  # a tick in flight finishes
        running.wiring.ticker.last_tick_at = running.coach.clock() - timedelta(seconds=11)
        stale = await site.client.get("/healthz")
        assert stale.status_code == 503 and stale.json()["tick"] == "stale"
        assert stale.json()["database"] == "ok"
        running.wiring.scheduler.resume()
        await eventually(lambda: _healthy(site))

        await running.db.dispose()
        down = await site.client.get("/healthz")
        assert down.status_code == 503 and down.json()["database"] == "unreachable"


async def _ticked(running: Any) -> bool:
    return running.wiring.ticker.last_tick_at is not None


async def _healthy(site: Site) -> bool:
    return (await site.client.get("/healthz")).status_code == 200


async def test_metrics_are_served_for_prometheus(api: FakeBotApi, sqlite_url: str) -> None:
    """/metrics speaks Prometheus' text format and shows the update, send, due and inbox series."""
    api.user(ANN)
    async with serving(sqlite_url, api) as site:
        await site.post(message(70, "/start"))
        await api.user(ANN).await_for(WELCOME)
        running = site.server.running
        assert running is not None
        await eventually(lambda: _empty(running.db))
        running.worker.wake.set()
        await asyncio.sleep(0.2)  # the worker's next round refreshes the gauge
        response = await site.client.get("/metrics")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")
        body = response.text
        for name in (
            "backcoach_updates_total counter",
            "backcoach_handler_seconds histogram",
            "backcoach_sends_total counter",
            "backcoach_due_lateness_seconds histogram",
            "backcoach_inbox_waiting gauge",
        ):
            assert f"# TYPE {name}" in body
        assert "backcoach_inbox_waiting 0.0" in body
        assert "Ann" not in body and TOKEN not in body


async def test_the_fake_telegram_keeps_the_webhook(api: FakeBotApi) -> None:
    """setWebhook is recorded and shown by getWebhookInfo; getUpdates conflicts until it goes."""
    import telegram
    from telegram.error import Conflict

    async with telegram.Bot(TOKEN, base_url=api.base_url) as bot:
        url = "https://coach.example.org/telegram"
        await bot.set_webhook(url, secret_token=SECRET, allowed_updates=["message"])
        info = await bot.get_webhook_info()
        assert (info.url, info.allowed_updates) == (url, ("message",))
        assert api.webhook == {"url": url, "secret_token": SECRET, "allowed_updates": ["message"]}
        with pytest.raises(Conflict):
            await bot.get_updates()
        api.user(ANN).send_text("/start")
        assert [u["message"]["text"] for u in api.take_updates()] == ["/start"]
        await bot.delete_webhook()
        assert (await bot.get_webhook_info()).url == ""
        assert await bot.get_updates() == ()
        sent = await bot.send_document(ANN, b"a,b\n1,2\n", filename="x.csv", caption="yours")
        assert sent.document is not None and sent.document.file_size == 8
        assert sent.caption == "yours"
