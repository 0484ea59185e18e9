"""`backcoach serve`: the bot in webhook mode, an ASGI app (starlette) run by uvicorn.

POST /telegram   Telegram's updates. The secret header is checked (in constant time) before any
                 of the body is read; the body is capped; the update is committed to the inbox
                 and only then acknowledged with 200, so no acknowledged update is ever lost.
GET  /healthz    200 when the database answers and the tick is running; 503 naming what is not.
GET  /metrics    Prometheus text: updates, sends, due-event lateness, handler latency, inbox.

Every replica runs the same thing: the tick, the inbox worker, the same webhook. Start-up
registers the webhook; shutdown leaves it in place for the replicas still serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot import compose
from bot.coach import Coach
from bot.compose import Coaching
from bot.logs import described
from bot.metrics import REGISTRY
from bot.settings import Settings
from bot.storage import Database, Repository
from bot.telegram.app import ALLOWED_UPDATES, App, Wiring, wire
from bot.web.intake import MAX_BODY, Rejected, read_update
from bot.web.worker import InboxWorker

log = logging.getLogger(__name__)

SECRET_HEADER = "x-telegram-bot-api-secret-token"
HEALTH_TIMEOUT = 5.0  # seconds the database may take to answer SELECT 1
INBOX_CLAIM_TIMEOUT = 60.0  # seconds after which an unfinished inbox claim is taken up again
TICK_GRACE = timedelta(seconds=10)  # the least a tick may be overdue before /healthz complains


@dataclass(frozen=True)
class Running:
    """What start-up built: everything the routes (and tests) look at."""

    db: Database
    coach: Coach
    wiring: Wiring
    worker: InboxWorker
    started_at: datetime

    @property
    def app(self) -> App:
        return self.wiring.app


class WebhookServer:
    """The routes and the lifespan of one `backcoach serve` process."""

    def __init__(self, settings: Settings) -> None:
        if settings.telegram_bot_token is None or settings.webhook_secret is None:
            raise ValueError("webhook mode needs TELEGRAM_BOT_TOKEN and BACKCOACH_WEBHOOK_SECRET")
        if settings.webhook_url is None:
            raise ValueError("webhook mode needs BACKCOACH_WEBHOOK_URL")
        self.settings = settings
        self._secret = settings.webhook_secret.get_secret_value().encode()
        self.running: Running | None = None
        self.asgi = Starlette(
            routes=[
                Route("/telegram", self.telegram, methods=["POST"]),
                Route("/healthz", self.healthz, methods=["GET"]),
                Route("/metrics", self.metrics, methods=["GET"]),
            ],
            lifespan=self.lifespan,
        )
        self.asgi.state.server = self

    # -------------------------------------------------------------------------------- routes

    async def telegram(self, request: Request) -> Response:
        """Stores one update in the inbox, then acknowledges it."""
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return _error(401, "missing secret token")
        # Compared as bytes, whatever they hold; before a single byte of the body is read.
        if not hmac.compare_digest(given.encode("latin-1"), self._secret):
            return _error(403, "wrong secret token")
        running = self.running
        if running is None:
            return _error(503, "starting or stopping")
        try:
            update_id, sender, body = await read_update(request, running.app.bot)
        except Rejected as rejected:
            return _error(rejected.status, rejected.reason)
        now = running.coach.clock()
        try:
            await running.db.run(lambda repo: repo.inbox.put(update_id, sender, body, now))
        except Exception as error:
            log.error("inbox: storing update %s failed: %s", update_id, described(error))
            return _error(503, "could not store the update; try again")  # Telegram retries
        running.worker.wake.set()
        return JSONResponse({"ok": True})

    async def healthz(self, request: Request) -> Response:
        """Says whether the database answers, the tick keeps ticking and the inbox is worked."""
        running = self.running
        if running is None:
            return JSONResponse({"status": "starting or stopping"}, status_code=503)
        checks = {
            "database": await _database(running.db),
            "tick": self._tick(running),
            "inbox": "ok" if running.worker.running else "stopped",
        }
        healthy = all(value == "ok" for value in checks.values())
        return JSONResponse(checks, status_code=200 if healthy else 503)

    def _tick(self, running: Running) -> str:
        now = running.coach.clock()
        allowed = max(timedelta(seconds=3 * self.settings.tick_seconds), TICK_GRACE)
        last = running.wiring.ticker.last_tick_at or running.started_at
        return "ok" if now - last <= allowed else "stale"

    async def metrics(self, request: Request) -> Response:
        """This process's Prometheus metrics."""
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    # ----------------------------------------------------------------------------- lifespan

    @asynccontextmanager
    async def lifespan(self, _: Starlette) -> AsyncIterator[None]:
        """Starts the bot (database, Application, tick, webhook, inbox worker); stops it after."""
        async with AsyncExitStack() as stack:
            try:
                self.running = await self._start(stack)
            except Exception as error:
                # Logged as type and stack (messages may quote settings); uvicorn then exits.
                log.error("backcoach serve could not start: %s", described(error))
                raise RuntimeError(f"start-up failed ({type(error).__name__})") from None
            log.info("backcoach serve is taking updates at %s", self._webhook())
            try:
                yield
            finally:
                self.running = None
                log.info("backcoach serve stopping")

    async def _start(self, stack: AsyncExitStack) -> Running:
        settings = self.settings
        coaching = await Coaching.start(settings)
        stack.push_async_callback(coaching.stop)
        db, coach = coaching.db, coaching.coach
        wiring = wire(settings, coach, db=db, polling=False)
        app = wiring.app
        assert app.post_init is not None and app.post_shutdown is not None
        stack.push_async_callback(_call, app.post_shutdown, app)  # the tick stops, the db closes
        await app.initialize()
        stack.push_async_callback(app.shutdown)
        await app.post_init(app)  # commands published, tick scheduled
        await app.start()
        stack.push_async_callback(_stop_app, app)
        assert settings.webhook_secret is not None
        await app.bot.set_webhook(
            self._webhook(),
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
        )
        # Handling an update takes milliseconds, and handling one twice changes nothing (the
        # turn drops an update id it has seen, and sends the replies it kept if they were not
        # sent), so a person whose replica died waits at most a minute for another to take
        # their update up, however long due-event claims may run.
        stale_after = timedelta(seconds=min(settings.claim_timeout, INBOX_CLAIM_TIMEOUT))
        worker = InboxWorker(
            app, db, coach.clock, stale_after=stale_after, backoff=compose.backoff(settings)
        )
        worker.start()
        stack.push_async_callback(worker.stop)
        return Running(db, coach, wiring, worker, coach.clock())

    def _webhook(self) -> str:
        return f"{self.settings.webhook_url}/telegram"


def create_app(settings: Settings) -> Starlette:
    """The ASGI app of `backcoach serve` (its WebhookServer is `app.state.server`)."""
    return WebhookServer(settings).asgi


class _Uvicorn(uvicorn.Server):
    """uvicorn, except that a stop asked for by SIGTERM or Ctrl-C, once done, exits with 0."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        with super().capture_signals():
            yield
            self._captured_signals.clear()  # the graceful stop the signal asked for is done


def serve(settings: Settings) -> int:
    """Runs the webhook server in the foreground until SIGTERM or Ctrl-C; 1 if it cannot start."""
    config = uvicorn.Config(
        create_app(settings),
        host=settings.listen_host,
        port=settings.port,
        workers=1,
        lifespan="on",
        access_log=False,  # one line per update is noise
        log_config=None,  # ours (bot.logs)
        server_header=False,
    )
    server = _Uvicorn(config)
    try:
        server.run()
    except SystemExit:
        pass  # uvicorn's exit on a failed start-up; told below
    if not server.started:
        print("backcoach serve: could not start (see the log above)", file=sys.stderr)
        return 1
    return 0


async def _database(db: Database) -> str:
    try:
        await asyncio.wait_for(db.run(Repository.ping), HEALTH_TIMEOUT)
    except Exception:
        return "unreachable"
    return "ok"


def _error(status: int, reason: str) -> Response:
    return JSONResponse({"ok": False, "error": reason}, status_code=status)


async def _call(hook: Callable[[App], Awaitable[Any]], app: App) -> None:
    await hook(app)


async def _stop_app(app: App) -> None:
    if app.running:
        await app.stop()
    if app.post_stop is not None:
        await app.post_stop(app)  # the tick's sends in hand go out before the Bot closes


__all__ = ["MAX_BODY", "WebhookServer", "create_app", "serve"]
