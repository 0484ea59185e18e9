"""Benchmark: the whole Telegram update path against a bare python-telegram-bot echo bot.

Run: .venv/bin/python bench/updates.py [--db sqlite|postgres] [--pg-url URL] [--updates N]
     [--rounds K] [--users U] [--batch B] [--rate R] [--paced-seconds S] [--json]

Ours: PTB Application.process_update (through its update processor) + handlers + flows + the
database (--db: an SQLite file, or a fresh PostgreSQL database on --pg-url, dropped afterwards)
+ replies, for typed check-in answers of many people round-robin. The echo bot: an Application
with one MessageHandler replying with the same text. Both talk HTTP (PTB's httpx request) to the
same fake Bot API, tests/fakes/botapi.py in a process of its own (--api inprocess: an in-memory
fake instead, no parsing, no network: it isolates our cost but flatters the echo bot), get the
same pre-built updates, and run them in concurrent batches as
PTB does with concurrent updates, in K alternating rounds (ours, echo, ours, echo, …); the median
round of each is reported. A second, paced phase sends at a fixed rate to measure latency.
Prints figures and ratios (never asserted in tests).
Targets (DESIGN §8): >= 1,000 updates/s on 2 cores with SQLite; within 3x of the echo bot
(ratio ours / echo >= 1/3); p99 handler latency <= 50 ms at 200 updates/s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.common, run as a file

from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram.request import BaseRequest, RequestData

from bench.common import (
    BotApiProcess,
    backend_name,
    cpus,
    database_url,
    emit,
    onboarded,
    onboarding_answers,
    shown,
)
from bot.coach import Coach
from bot.content import load_content
from bot.settings import Settings
from bot.storage import Database, upgrade
from bot.telegram.app import build_application
from bot.telegram.handlers import external_id
from flows.model import Event, EventKind

TOKEN = "123456:BENCH"
ME = {"id": 123456, "is_bot": True, "first_name": "bench", "username": "bench_bot"}
CONTENT = load_content()
ONBOARDING = onboarding_answers(CONTENT)
# One check-in on the bending ladder, typed: choose it (2), pain before, expected pain,
# confidence, then "not today" (2) — skipped, so the next /checkin starts afresh.
CYCLE = ["/checkin", "2", "2", "3", "6", "2"]
REASKS = [CONTENT.text("en", key)[:24] for key in ("common.not_a_choice", "common.not_a_score")]
App = Application[Any, Any, Any, Any, Any, Any]


class FakeBotApi(BaseRequest):
    """Answers sendMessage and edits with a Telegram-shaped message; everything else with True."""

    def __init__(self) -> None:
        self.ids = itertools.count(1)
        self.counts: Counter[str] = Counter()
        self.texts: Counter[str] = Counter()  # by the first words, to spot re-asks

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(  # type: ignore[override]  # timeouts mean nothing offline
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        self.counts[name] += 1
        params = request_data.parameters if request_data else {}
        if name == "sendMessage":
            self.texts[str(params["text"])[:24]] += 1
        result: Any = True
        if name == "getMe":
            result = ME
        elif name in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            result = {
                "message_id": params.get("message_id") or next(self.ids),
                "date": 1_790_000_000,
                "chat": {"id": params["chat_id"], "type": "private"},
                "from": ME,
                "text": params.get("text", "…"),
            }
        return 200, json.dumps({"ok": True, "result": result}).encode()


def message(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    person = {"id": user_id, "is_bot": False, "first_name": "Ann", "language_code": "en"}
    body: dict[str, Any] = {
        "message_id": update_id,
        "date": 1_790_000_000,
        "chat": {"id": user_id, "type": "private"},
        "from": person,
        "text": text,
    }
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": body}


def stream(users: int, count: int, first_update: int, start: int) -> list[dict[str, Any]]:
    """`count` updates, people taking turns; each person goes through CYCLE from `start`."""
    out = []
    for i in range(count):
        user, turn = 1 + i % users, start + i // users
        out.append(message(first_update + i, user, CYCLE[turn % len(CYCLE)]))
    return out


async def run_batches(app: App, updates: list[Update], batch: int) -> tuple[float, list[float]]:
    """Seconds for all updates, and each update's latency, in concurrent batches."""
    latencies: list[float] = []
    process = app.update_processor.process_update

    async def one(update: Update) -> None:
        began = time.perf_counter()
        await process(update, app.process_update(update))
        latencies.append(time.perf_counter() - began)

    began = time.perf_counter()
    for i in range(0, len(updates), batch):
        await asyncio.gather(*(one(u) for u in updates[i : i + batch]))
    return time.perf_counter() - began, latencies


async def run_paced(app: App, updates: list[Update], rate: float) -> list[float]:
    """Each update's latency when they arrive at `rate` per second (open loop)."""
    latencies: list[float] = []
    loop = asyncio.get_running_loop()
    process = app.update_processor.process_update

    async def one(update: Update, at: float) -> None:
        await asyncio.sleep(max(0.0, at - loop.time()))
        began = time.perf_counter()
        await process(update, app.process_update(update))
        latencies.append(time.perf_counter() - began)

    start = loop.time()
    await asyncio.gather(*(one(u, start + i / rate) for i, u in enumerate(updates)))
    return latencies


async def onboard(coach: Coach, users: int) -> None:
    """Onboards people 1..users through the real flows, 50 at a time (not timed)."""

    async def one(user_id: int) -> None:
        person = await coach.user(external_id(user_id), user_id)
        await coach.handle(person, Event(EventKind.COMMAND, name="start"))
        for value in ONBOARDING:
            said = await coach.handle(person, Event(EventKind.ANSWER, value=value))
        onboarded(said)

    for first in range(1, users + 1, 50):
        await asyncio.gather(*(one(u) for u in range(first, min(first + 50, users + 1))))


def echo_app(api: FakeBotApi | str) -> App:
    """The bare echo bot, on the in-memory fake or over HTTP at a Bot API base URL."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    builder = ApplicationBuilder().token(TOKEN).concurrent_updates(256)
    builder = builder.base_url(api) if isinstance(api, str) else builder.request(api)
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


def median_round(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The (seconds, CPU seconds) of the round whose time is the median."""
    return sorted(runs)[len(runs) // 2]


def cpu_seconds() -> float:
    """CPU time of this process so far (every thread: the loop and SQLite's thread)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


async def main(args: argparse.Namespace) -> None:
    n, users, batch, rate = args.updates, args.users, args.batch, args.rate
    backend = backend_name(args.db)
    print(f"{n} updates, {users} people round-robin, batches of {batch}, {cpus()} CPUs")
    paced = int(rate * args.paced_seconds)
    with contextlib.ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        url = stack.enter_context(database_url(args.db, folder, args.pg_url))
        print(f"database: {backend} ({shown(url)})", flush=True)
        await upgrade(url)
        db = Database.open(url)
        coach = Coach(db, CONTENT)
        await onboard(coach, users)
        ours_api, echo_api = FakeBotApi(), FakeBotApi()
        settings = Settings(TELEGRAM_BOT_TOKEN=SecretStr(TOKEN))
        http: BotApiProcess | None = None
        if args.api == "http":
            http = stack.enter_context(BotApiProcess(TOKEN, list(range(1, users + 1))))
            print(f"Bot API: the fake over HTTP at {http.base_url}, in a process of its own")
            settings = Settings(TELEGRAM_BOT_TOKEN=SecretStr(TOKEN), TELEGRAM_API_URL=http.base_url)
            ours = build_application(settings, coach)
            echo = echo_app(http.base_url)
        else:
            print("Bot API: an in-memory fake (no HTTP)")
            ours = build_application(settings, coach, request=ours_api)
            echo = echo_app(echo_api)
        warm, per_user = len(CYCLE), -(-n // users)
        n = per_user * users  # every person gets the same number of timed updates per round
        rounds = args.rounds
        data = stream(users, users * warm, 1, 0)
        data += stream(users, n * rounds, len(data) + 1, warm)
        data += stream(users, paced, len(data) + 1, warm + per_user * rounds)
        ours_runs: list[tuple[float, float]] = []  # (seconds, CPU seconds) per round
        echo_runs: list[tuple[float, float]] = []
        ours_lat: list[float] = []
        async with ours, echo:
            mine = [Update.de_json(d, ours.bot) for d in data]
            theirs = [Update.de_json(d, echo.bot) for d in data]
            w = users * warm
            await run_batches(ours, mine[:w], batch)  # warm-up: caches, first inserts
            await run_batches(echo, theirs[:w], batch)
            for r in range(rounds):  # alternating, so that a noisy moment hits both alike
                part = slice(w + r * n, w + (r + 1) * n)
                cpu = cpu_seconds()
                seconds, latencies = await run_batches(ours, mine[part], batch)
                ours_runs.append((seconds, cpu_seconds() - cpu))
                ours_lat += latencies
                cpu = cpu_seconds()
                seconds, _ = await run_batches(echo, theirs[part], batch)
                echo_runs.append((seconds, cpu_seconds() - cpu))
            paced_lat = await run_paced(ours, mine[w + rounds * n :], rate)
        await db.dispose()
        both = http.ask("stats")["calls"] if http is not None else None
    ours_s, ours_cpu = median_round(ours_runs)
    echo_s, echo_cpu = median_round(echo_runs)
    print(
        f"rounds of {n} updates, ours / echo updates/s: "
        + ", ".join(
            f"{n / a:,.0f} / {n / b:,.0f}"
            for (a, _), (b, _) in zip(ours_runs, echo_runs, strict=True)
        )
        + " (the median round of each is reported)"
    )
    ours_rate, echo_rate = n / ours_s, n / echo_s
    q = statistics.quantiles(ours_lat, n=100)
    p = statistics.quantiles(paced_lat, n=100)
    sends = ours_api.counts.get("sendMessage", 0)
    ratio = ours_rate / echo_rate
    print(f"{'echo bot (PTB only)':<28}{echo_rate:9,.0f} updates/s")
    print(
        f"{'ours (PTB+flows+' + backend + ')':<28}{ours_rate:9,.0f} updates/s   "
        f"target >= 1,000: {ours_rate >= 1000}"
    )
    print(f"{'ratio ours / echo':<28}{ratio:9.3f}       target >= 1/3: {ratio >= 1 / 3}")
    print(
        f"CPU of this process per update: ours {ms(ours_cpu / n)} ({ours_cpu / ours_s:.0%} of a "
        f"core), echo {ms(echo_cpu / n)}"
    )
    print(f"ours, saturated: latency p50 {ms(q[49])}, p99 {ms(q[98])} (batches of {batch})")
    print(
        f"ours, paced at {rate:.0f}/s ({paced} updates): latency p50 {ms(p[49])}, "
        f"p99 {ms(p[98])}   target p99 <= 50 ms: {p[98] <= 0.05}"
    )
    reasks: int | None = None
    if both is None:
        reasks = sum(ours_api.texts[t] for t in REASKS)
        print(f"Bot API calls by ours: {dict(sorted(ours_api.counts.items()))}")
        print(f"re-asks among {sends} messages (should be 0: every answer fits): {reasks}")
    else:
        print(f"Bot API calls received by the fake (both bots): {dict(sorted(both.items()))}")
    if args.json:
        emit(
            {
                "bench": "updates",
                "db": args.db,
                "updates": n,
                "users": users,
                "echo_per_s": echo_rate,
                "ours_per_s": ours_rate,
                "ratio": ratio,
                "ours_cpu_ms": ours_cpu / n * 1e3,
                "echo_cpu_ms": echo_cpu / n * 1e3,
                "saturated_p50_ms": q[49] * 1e3,
                "saturated_p99_ms": q[98] * 1e3,
                "paced_rate": rate,
                "paced_p50_ms": p[49] * 1e3,
                "paced_p99_ms": p[98] * 1e3,
                "reasks": reasks,
                "api": args.api,
            }
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000, help="timed updates per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of ours then echo")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--paced-seconds", type=float, default=3.0)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--pg-url", help="PostgreSQL admin URL (default: $BACKCOACH_TEST_PG_URL or local server)"
    )
    parser.add_argument(
        "--api",
        choices=("http", "inprocess"),
        default="http",
        help="the fake Bot API over HTTP in its own process (default), or in memory",
    )
    parser.add_argument("--json", action="store_true", help="also print a BENCH-JSON line")
    asyncio.run(main(parser.parse_args()))
