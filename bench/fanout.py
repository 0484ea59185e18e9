"""Benchmark: the morning fan-out — everyone's nudge due in the same minute, sent at the set rate.

Run: .venv/bin/python bench/fanout.py [--db sqlite|postgres] [--pg-url URL] [--users N ...]
     [--rate R ...] [--processes P] [--drive app|loop] [--tick-seconds S] [--prompts]
     [--max-seconds T] [--no-baseline] [--json]

Default: 3,000 people at send_rate 30, then 10,000 at send_rate 1,000, on SQLite, one bot
process. (100,000 at 1,000 is `--users 100000 --rate 1000`: one process reaches ~100–200 sends/s
on 2 cores, so it takes 10–17 minutes — see the printed figures.) Unless --no-baseline, the
scenarios are preceded by a 1,000-person run (one process, drive=loop, the highest rate), so that
a bot process's memory after 1k and after N people can be compared.

Real: Ticker + Sender + limiter (bot.telegram.limiter.make_limiter: in memory on SQLite, shared
by every process through the send_budget table on PostgreSQL) + Coach + the database (an SQLite
file, or a fresh PostgreSQL database on --pg-url, dropped afterwards). Faked: only the Bot API —
tests/fakes/botapi.FakeBotApi, a real HTTP server in a child process (its own interpreter and
core, as Telegram would be), enforcing max_per_second = the rate and one message per chat per
second (429 retry_after 1 beyond); it notes when it accepted each sendMessage, and the achieved
rate is taken from those instants. People are bulk-created in another child process, as copies
of one person onboarded through the real flows, each with a nudge due within the last minute.

Each bot is its own OS process (multiprocessing spawn; --processes P runs P of them on the same
database), as replicas would be: its own Database, Coach, Bot, Sender, limiter and Ticker, so the
bot processes only run the fan-out, and report their CPU, claims, ticks and RSS. `--drive app`
ticks as the bot does (an APScheduler interval job every --tick-seconds, one run at a time);
`--drive loop` ticks back to back (the ceiling of Ticker + Sender + limiter). `--prompts` gives
everyone a question with live buttons, so each nudge also retires them (an
editMessageReplyMarkup through the limiter).

Prints figures and ratios (never asserted in tests). Targets (DESIGN §8): fan-out sustains
>= 95% of the configured send rate with zero duplicates, also with two processes on one
PostgreSQL; memory <= 50 MB more at 100k than at 1k.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import logging
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.fakes, when run as a file

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import func, insert, select
from telegram import Bot

from bench.common import (
    backend_name,
    cpus,
    database_url,
    emit,
    onboarded,
    onboarding_answers,
)
from bot.coach import Coach, Said
from bot.content import load_content
from bot.said import Delivery
from bot.settings import Settings
from bot.storage import Database, DueEvent, Repository, upgrade
from bot.storage import tables as t
from bot.storage.due import DueEvents
from bot.telegram.app import BotApiRequest
from bot.telegram.limiter import make_limiter
from bot.telegram.sender import Sender
from bot.ticker import Ticker
from flows.model import Event, EventKind

TOKEN = "123456:FANOUT"
CONTENT = load_content()
ONBOARDING = onboarding_answers(CONTENT)
FIRST_CHAT = 10_000_000
BASELINE = 1_000


# --------------------------------------------------------------------------- the fake Telegram


def serve(conn: Connection) -> None:
    """Child process: a FakeBotApi with the rate limits, answering the parent's questions."""
    from tests.fakes.botapi import FakeBotApi

    class Timed(FakeBotApi):
        """Notes when each sendMessage got past the limits and was stored."""

        accepted: ClassVar[list[float]] = []

        def _m_sendmessage(self, p: dict[str, Any], f: dict[str, bytes]) -> dict[str, Any]:
            message = super()._m_sendmessage(p, f)
            self.accepted.append(self._sent[-1][0])  # when it passed the limits (under the lock)
            return message

    people, rate = conn.recv()
    api = Timed(TOKEN, max_per_second=rate, max_per_chat_per_second=1)
    for chat in range(FIRST_CHAT, FIRST_CHAT + people):
        api.user(chat)
    cpu = cpu_seconds()
    conn.send(api.base_url)
    conn.recv()  # "stats"
    cpu = cpu_seconds() - cpu
    with api._lock:
        calls = list(api.calls)
        stored = {chat: len(messages) for chat, messages in api._msgs.items()}
    sends = [c for c in calls if c.method.lower() == "sendmessage"]
    conn.send(
        {
            "requests": Counter(c.method for c in calls),
            "send_attempts": len(sends),
            "delivered": sum(stored.values()),
            "chats": sum(1 for n in stored.values() if n),
            "duplicates": sum(n - 1 for n in stored.values() if n > 1),
            "times": sorted(api.accepted),
            "cpu": cpu,  # the fake's own CPU while serving: is the fake the bottleneck?
        }
    )
    api.close()


@dataclass
class Telegram:
    """The fake Bot API in its own process."""

    process: multiprocessing.process.BaseProcess
    conn: Connection
    base_url: str

    @classmethod
    def start(cls, people: int, rate: float) -> Telegram:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=serve, args=(child,), daemon=True)
        process.start()
        parent.send((people, int(rate)))
        return cls(process, parent, parent.recv())

    def stats(self) -> dict[str, Any]:
        self.conn.send("stats")
        stats: dict[str, Any] = self.conn.recv()
        self.process.join(10)
        return stats


# --------------------------------------------------------------------------- the people


async def template(coach: Coach) -> int:
    """One person onboarded through the real flows (London, 08:00, "later")."""
    person = await coach.user("tg:template", None)
    await coach.handle(person, Event(EventKind.COMMAND, name="start"))
    for value in ONBOARDING:
        said = await coach.handle(person, Event(EventKind.ANSWER, value=value))
    onboarded(said)
    return person


def copy_people(repo: Repository, template_id: int, people: int, prompts: bool) -> None:
    """`people` copies of the template (chat ids from FIRST_CHAT), without due events."""
    u, c = t.users, t.conversations
    row = dict(repo.sql.rows(select(u).where(u.c.id == template_id))[0]._mapping)
    conversation = dict(repo.sql.rows(select(c).where(c.c.user_id == template_id))[0]._mapping)
    del row["id"]
    # Each nudge's turn schedules the person's next one. At the template's 08:00 (plus the
    # spread) that was today's for a run begun just before it, sent mid-run and counted as a
    # duplicate; a quarter of an hour ago in their zone makes it tomorrow's.
    zone = ZoneInfo(str(row["tz"]))
    row["nudge_time"] = (datetime.now(zone) - timedelta(minutes=15)).time().replace(microsecond=0)
    chunk = 5_000
    for start in range(0, people, chunk):
        chats = range(FIRST_CHAT + start, FIRST_CHAT + min(start + chunk, people))
        repo.sql.run(
            insert(u), [{**row, "external_id": f"tg:{chat}", "chat_id": chat} for chat in chats]
        )
    ids = [
        r.id for r in repo.sql.rows(select(u.c.id).where(u.c.id != template_id).order_by(u.c.id))
    ]
    rows = [
        {**conversation, "user_id": i, "prompt_message_id": 999_999 if prompts else None}
        for i in ids
    ]
    for start in range(0, len(rows), chunk):
        repo.sql.run(insert(c), rows[start : start + chunk])


def nudges_due(repo: Repository, now: datetime) -> int:
    """Everyone's nudge (the template's cancelled), due within the minute before `now`."""
    d, u = t.due_events, t.users
    repo.sql.run(d.update().values(status="cancelled"))
    ids = [r.id for r in repo.sql.rows(select(u.c.id).where(u.c.chat_id.is_not(None)))]
    day = now.date().isoformat()
    rows = []
    for i in ids:
        due = now - timedelta(seconds=60) + timedelta(milliseconds=(i * 7919) % 60_000)
        rows.append(
            {
                "user_id": i,
                "kind": "nudge",
                "due_at": due,
                "payload": {"at": due.isoformat()},
                "status": "pending",
                "attempts": 0,
                "dedupe_key": f"nudge:{i}:{day}:bench",
                "updated_at": now,
            }
        )
    for start in range(0, len(rows), 5_000):
        repo.sql.run(insert(d), rows[start : start + 5_000])
    return len(rows)


UNSENT = ("pending", "claimed")


def remaining(repo: Repository, before: datetime, statuses: tuple[str, ...] = UNSENT) -> int:
    """How many of the morning's nudges (due by `before`) have one of `statuses`."""
    d = t.due_events
    return int(
        repo.sql.scalar(
            select(func.count())
            .select_from(d)
            .where(d.c.status.in_(statuses), d.c.due_at <= before)
        )
        or 0
    )


def settled(url: str, before: datetime) -> tuple[int, int]:
    """Child process, after every bot has stopped: (nudges left unsent, nudges whose turn is
    stored as done). A done turn whose message the fake never accepted is a lost message."""

    async def work() -> tuple[int, int]:
        db = Database.open(url)
        try:
            return await db.run(
                lambda repo: (remaining(repo, before), remaining(repo, before, ("done",)))
            )
        finally:
            await db.dispose()

    return asyncio.run(work())


# --------------------------------------------------------------------------- one fan-out


def rss_mb() -> float:
    """The process's resident memory now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class ClaimTimer:
    """Times DueEvents.claim_due (the SQL of the claim) in the database thread."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.claims = 0
        self.claimed = 0
        self.original: Callable[..., list[DueEvent]] = DueEvents.claim_due

    def __enter__(self) -> ClaimTimer:
        timer, original = self, self.original

        def timed(due: DueEvents, now: datetime, limit: int, worker: str) -> list[DueEvent]:
            began = time.perf_counter()
            claimed = original(due, now, limit, worker)
            timer.seconds += time.perf_counter() - began
            timer.claims += 1
            timer.claimed += len(claimed)
            return claimed

        DueEvents.claim_due = timed  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        DueEvents.claim_due = self.original  # type: ignore[method-assign]


@dataclass
class Result:
    people: int
    rate: float
    db: str
    seconds: float
    stats: dict[str, Any]
    bots: list[dict[str, Any]]  # what each bot process reported
    left: int  # nudges not sent when every bot had stopped (a run stopped by the time limit)
    done: int  # nudges whose turn is stored as done

    @property
    def cpu(self) -> float:
        return float(sum(b["cpu"] for b in self.bots))

    @property
    def claimed(self) -> int:
        return int(sum(b["claimed"] for b in self.bots))

    @property
    def rss(self) -> float:
        """The largest bot process's RSS after the run."""
        return float(max(b["rss"] for b in self.bots))


def prepare(url: str, people: int, prompts: bool) -> datetime:
    """Child process: the database with its people and their due nudges (so that none of the
    bulk work's memory is counted in the bot process). Returns the instant they are due by."""

    async def work() -> datetime:
        await upgrade(url)
        db = Database.open(url)
        coach = Coach(db, CONTENT)
        template_id = await template(coach)
        await db.run(lambda repo: copy_people(repo, template_id, people, prompts))
        now = coach.clock()
        due = await db.run(lambda repo: nudges_due(repo, now))
        assert due == people, (due, people)
        await db.dispose()
        return now

    return asyncio.run(work())


class BotProcess:
    """What one bot process runs for the fan-out: Database, Coach, Bot, Sender with
    make_limiter(rate, db) — in memory on SQLite, shared through the send_budget table on
    PostgreSQL — and Ticker, as bot.telegram.app.wire wires them; and its tick."""

    def __init__(self, url: str, base_url: str, rate: float) -> None:
        self.db = Database.open(url)
        self.coach = Coach(self.db, CONTENT)
        request = BotApiRequest(Settings().bot_api_connections)  # as bot.telegram.app.wire
        self.bot = Bot(TOKEN, base_url=base_url, request=request)
        self.limiter = make_limiter(rate, self.db)
        self.sender = Sender(self.bot, self.coach.content, self.limiter)
        self.ticker = Ticker(self.coach, self.deliver)
        self.tick_original = self.ticker.tick
        self.ticker.tick = self.tick  # type: ignore[method-assign]
        self.scheduler = AsyncIOScheduler()
        self.ticks = self.running = 0

    async def deliver(self, event: DueEvent, said: Said) -> Delivery:  # as bot.telegram.app's
        assert event.chat_id is not None
        return await self.sender.send(event.chat_id, said, proactive=True)

    async def tick(self) -> int:
        self.ticks += 1
        self.running += 1
        try:
            return await self.tick_original()
        finally:
            self.running -= 1

    def start(self, drive: str, tick_seconds: float) -> None:
        if drive == "app":
            self.ticker.schedule(self.scheduler, tick_seconds)
            self.scheduler.start()  # the first tick comes one interval in, as in the bot

    async def stop(self) -> None:
        """Closes what the run opened; run_bot has already drained the sends in hand."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.bot.shutdown()
        await self.db.dispose()


LOG_LEVEL = "BENCH_FANOUT_LOG"


def log_level() -> int:
    """Lost messages are counted, not logged, unless --log asks for the bots' errors."""
    return int(getattr(logging, os.environ.get(LOG_LEVEL, "CRITICAL")))


def bot_process(conn: Connection, url: str, base_url: str, rate: float, drive: str) -> None:
    """Child process: one bot. Says "ready", waits for "go", fans out until nothing due is left
    (or the time limit), then reports its figures and stops."""
    logging.basicConfig(level=log_level())
    conn.send(asyncio.run(run_bot(conn, url, base_url, rate, drive)))


async def run_bot(conn: Connection, url: str, base_url: str, rate: float, drive: str) -> Any:
    tick_seconds, max_seconds, now = conn.recv()
    one = BotProcess(url, base_url, rate)
    await one.bot.initialize()  # getMe, as the bot does at start
    conn.send("ready")
    conn.recv()  # "go": every bot process starts at once
    with ClaimTimer() as claim:
        cpu, began = cpu_seconds(), time.perf_counter()
        deadline = began + max_seconds
        one.start(drive, tick_seconds)
        if drive == "loop":
            while time.perf_counter() < deadline:
                if await one.ticker.tick() == 0:
                    if not await one.db.run(lambda repo: remaining(repo, now)):
                        break
                    await asyncio.sleep(0.05)
        while time.perf_counter() < deadline:
            if not await one.db.run(lambda repo: remaining(repo, now)) and not one.running:
                break
            await asyncio.sleep(0.2)
        await one.ticker.drain()  # no more claims; the sends in hand go out, as a bot stops
        seconds = time.perf_counter() - began
        cpu = cpu_seconds() - cpu
    rss = rss_mb()
    await one.stop()
    return {
        "pid": os.getpid(),
        "seconds": seconds,
        "cpu": cpu,
        "ticks": one.ticks,
        "claims": claim.claims,
        "claimed": claim.claimed,
        "claim_seconds": claim.seconds,
        "rss": rss,
        "limiter": type(one.limiter).__name__,
    }


def receive(conn: Connection, process: multiprocessing.process.BaseProcess, wait: float) -> Any:
    """The child's next message; fails plainly if it died or said nothing in time."""
    if not conn.poll(wait):
        raise RuntimeError(f"bot process {process.pid} said nothing in {wait:.0f} s")
    try:
        return conn.recv()
    except EOFError:
        process.join(5)
        raise RuntimeError(f"bot process {process.pid} died (exit {process.exitcode})") from None


def fan_out(
    people: int,
    rate: float,
    drive: str,
    tick_seconds: float,
    prompts: bool,
    max_seconds: float,
    processes: int = 1,
    db: str = "sqlite",
    pg_url: str | None = None,
) -> Result:
    telegram = Telegram.start(people, rate)
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder, database_url(db, folder, pg_url) as url:
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
            now = pool.submit(prepare, url, people, prompts).result()
        bots: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
        try:
            for _ in range(processes):
                parent, child = context.Pipe()
                started: multiprocessing.process.BaseProcess = context.Process(
                    target=bot_process, args=(child, url, telegram.base_url, rate, drive)
                )
                started.start()
                parent.send((tick_seconds, max_seconds, now))
                bots.append((started, parent))
            for process, conn in bots:
                if receive(conn, process, 120) != "ready":
                    raise RuntimeError(f"bot process {process.pid} did not start")
            for _, conn in bots:
                conn.send("go")
            reports = [receive(conn, process, max_seconds + 120) for process, conn in bots]
            for process, _ in bots:
                process.join(30)
        finally:
            for process, _ in bots:
                if process.is_alive():
                    process.terminate()
                    process.join(5)
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
            left, done = pool.submit(settled, url, now).result()
    seconds = max(r["seconds"] for r in reports)  # each from its own "go"
    return Result(people, rate, db, seconds, telegram.stats(), reports, left, done)


def figures(r: Result) -> dict[str, Any]:
    """The run's figures, for the report and the JSON line."""
    s = r.stats
    times = s["times"]
    steady = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    busiest, j = 0, 0
    for i, at in enumerate(times):  # the most accepted sends in any 1-second window
        while times[j] <= at - 1.0:
            j += 1
        busiest = max(busiest, i - j + 1)
    claimed = max(r.claimed, 1)
    return {
        "people": r.people,
        "rate": r.rate,
        "db": r.db,
        "processes": len(r.bots),
        "seconds": r.seconds,
        "delivered": s["delivered"],
        "chats": s["chats"],
        "left": r.left,
        "lost": r.done - s["delivered"],
        "duplicates": s["duplicates"],
        "steady_per_s": steady,
        "overall_per_s": s["delivered"] / r.seconds,
        "steady_ratio": steady / r.rate,
        "overall_ratio": s["delivered"] / r.seconds / r.rate,
        "busiest_second": busiest,
        "refused": s["send_attempts"] - s["delivered"],
        "requests": dict(s["requests"]),
        "cpu_ms_per_event": r.cpu / claimed * 1e3,
        "claim_us_per_event": sum(b["claim_seconds"] for b in r.bots) / claimed * 1e6,
        "rss_mb": r.rss,
        "fake_cpu_share": s["cpu"] / r.seconds,
        "bots": r.bots,
    }


def report(r: Result) -> dict[str, Any]:
    f = figures(r)
    stopped = f" (stopped: time limit, {r.left} left)" if r.left else ""
    print(
        f"  delivered {f['delivered']:,} of {r.people:,} nudges to {f['chats']:,} chats in "
        f"{r.seconds:.1f} s{stopped}; lost (turn done, send failed after retries): {f['lost']}"
    )
    print(
        f"  achieved send rate: {f['steady_per_s']:,.1f}/s first→last send, "
        f"{f['overall_per_s']:,.1f}/s overall; ratio to {r.rate:g}/s: "
        f"{f['steady_ratio']:.3f} (steady), {f['overall_ratio']:.3f} (overall)"
        f"   target >= 0.95: {f['steady_ratio'] >= 0.95}"
    )
    print(
        f"  duplicates (sendMessage accepted twice in one chat): {f['duplicates']}   target 0: "
        f"{f['duplicates'] == 0}"
    )
    print(
        f"  Bot API requests {f['requests']}; refused sendMessage (429s etc.): {f['refused']}; "
        f"most sendMessage accepted in any 1 s: {f['busiest_second']}; the fake Bot API's own "
        f"CPU: {f['fake_cpu_share']:.0%} of a core"
    )
    for i, b in enumerate(r.bots, 1):
        claimed = max(b["claimed"], 1)
        print(
            f"  bot process {i} (pid {b['pid']}, {b['limiter']}): {b['ticks']} ticks, "
            f"{b['claims']} claims of {b['claimed']:,} events; claim SQL "
            f"{b['claim_seconds'] / claimed * 1e6:.0f} µs per claimed event; CPU "
            f"{b['cpu'] / claimed * 1e3:.2f} ms per claimed event ({b['cpu'] / b['seconds']:.0%} "
            f"of a core); RSS after the run {b['rss']:.1f} MB"
        )
    return f


def main(args: argparse.Namespace) -> None:
    backend = backend_name(args.db)
    limiter = "shared through the send_budget table" if args.db == "postgres" else "in memory"
    print(
        f"fan-out on {backend}: drive={args.drive} (tick every {args.tick_seconds:g} s, "
        f"pipelined claims of 32, 32 in flight){', live prompts' if args.prompts else ''}; "
        f"{args.processes} bot process(es), each its own OS process with its own Database, "
        f"Sender, limiter ({limiter}) and Ticker; {cpus()} CPUs",
        flush=True,
    )
    rate = max(args.rate)
    base = None
    if not args.no_baseline:
        base = fan_out(
            BASELINE,
            rate,
            "loop",
            args.tick_seconds,
            args.prompts,
            args.max_seconds,
            1,
            args.db,
            args.pg_url,
        )
        print(f"{BASELINE:,} people at {rate:g}/s (the memory baseline; 1 process, drive=loop):")
        found = report(base)
        if args.json:
            emit({"bench": "fanout", "role": "baseline", **found})
    for people, rate in zip(args.users, args.rate, strict=True):
        result = fan_out(
            people,
            rate,
            args.drive,
            args.tick_seconds,
            args.prompts,
            args.max_seconds,
            args.processes,
            args.db,
            args.pg_url,
        )
        print(f"{people:,} people at {rate:g}/s, {args.processes} process(es):", flush=True)
        found = report(result)
        if base is not None:
            grew = result.rss - base.rss
            found["memory_growth_mb"] = grew
            found["baseline_rss_mb"] = base.rss
            print(
                f"  memory: {result.rss:.1f} MB after {people:,} people vs {base.rss:.1f} MB "
                f"after {base.people:,}: {grew:+.1f} MB   target <= 50 MB: {grew <= 50}"
            )
        if args.json:
            emit({"bench": "fanout", "role": "scenario", "drive": args.drive, **found})


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[3_000, 10_000])
    parser.add_argument("--rate", type=float, nargs="+", default=[30.0, 1_000.0])
    parser.add_argument("--drive", choices=("app", "loop"), default="app")
    parser.add_argument("--tick-seconds", type=float, default=2.0)
    parser.add_argument("--prompts", action="store_true")
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--pg-url", help="PostgreSQL admin URL (default: $BACKCOACH_TEST_PG_URL or local server)"
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the 1,000-person memory baseline"
    )
    parser.add_argument("--json", action="store_true", help="also print BENCH-JSON lines")
    parser.add_argument(
        "--log",
        choices=("CRITICAL", "ERROR", "WARNING", "INFO"),
        default="CRITICAL",
        help="log level of this process and the bots (ERROR: why a message was lost)",
    )
    arguments = parser.parse_args()
    if len(arguments.users) != len(arguments.rate):
        parser.error("give as many --rate values as --users values")
    if arguments.processes < 1:
        parser.error("--processes must be at least 1")
    os.environ[LOG_LEVEL] = arguments.log  # the bot processes (spawned) read it too
    logging.basicConfig(level=log_level())
    main(arguments)
